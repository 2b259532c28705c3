"""Load: files → validated models. Every failure is an `InputError` naming the file and the field.

JSON numbers are read as `Decimal` (never through float); YAML is read with the safe loader, its
floats as `Decimal`, and tags or aliases are refused (nothing is executed or expanded).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from .errors import InputError
from .models import Contract, MonthFacts

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_YAML_EVENTS = 200_000  # a year of busy months is a few thousand; loading YAML is slow, so it is bounded
BLANK = re.compile(r"\[[^\]]*\]|\[|\]")


@dataclass(frozen=True)
class Loaded:
    """A month with its contract, both validated, and the names to use in messages."""

    month: MonthFacts
    contract: Contract
    month_label: str
    contract_label: str
    blanks: dict[str, str]  # contract field path → the unfilled template text


def printable(text: str) -> str:
    """A user's key or file name as it may appear in the one error line: control characters escaped."""
    return text if text.isprintable() else json.dumps(text)


def field_path(loc: tuple[Any, ...]) -> str:
    """('invoices', 1, 'payments', 0, 'date') → 'invoices[1].payments[0].date'."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + printable(str(part))
    return out


def _non_finite(name: str) -> Decimal:
    """NaN and ±Infinity are read as such, so that validation refuses them naming the field."""
    return Decimal(name)


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise ValueError(f"duplicate key {key!r}")
        out[key] = value
    return out


def read_document(path: Path, label: str) -> Any:
    """Parse a JSON or YAML file into plain Python data with Decimal numbers."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise InputError(label, None, f"file too large ({size} bytes; limit {MAX_FILE_BYTES})")
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError(label, None, "no such file") from None
    except IsADirectoryError:
        raise InputError(label, None, "is a directory, not a file") from None
    except OSError as exc:
        raise InputError(label, None, f"cannot read file ({exc.strerror})") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(label, None, f"not valid UTF-8 (byte {exc.start})") from None
    if path.suffix.lower() in (".yaml", ".yml"):
        return _read_yaml(text, label)
    try:
        return json.loads(text, parse_float=Decimal, parse_constant=_non_finite, object_pairs_hook=_unique_keys)
    except json.JSONDecodeError as exc:
        raise InputError(label, None, f"invalid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from None
    except RecursionError:
        raise InputError(label, None, "nesting too deep") from None
    except ValueError as exc:
        raise InputError(label, None, f"invalid JSON ({exc})") from None


def _read_yaml(text: str, label: str) -> Any:
    import yaml

    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: the pure-Python parser takes minutes on 2 MB

    class Loader(base):  # type: ignore[misc,valid-type]
        pass

    def decimal_float(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Decimal:
        value = loader.construct_scalar(node)
        try:
            number = Decimal(str(value).replace("_", ""))
        except ArithmeticError:
            raise ValueError(f"invalid number {value!r}") from None
        if not number.is_finite():
            raise ValueError(f"not a finite number: {value}")
        return number

    Loader.add_constructor("tag:yaml.org,2002:float", decimal_float)
    # dates stay strings: the models parse them, so JSON and YAML mean the same thing
    Loader.yaml_implicit_resolvers = {
        key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    try:
        for count, event in enumerate(yaml.parse(text, Loader=base), 1):
            if count > MAX_YAML_EVENTS:
                raise InputError(label, None, f"too many YAML values (limit {MAX_YAML_EVENTS:,})")
            if isinstance(event, yaml.AliasEvent):
                raise InputError(label, None, "YAML aliases are not accepted")
            tag = getattr(event, "tag", None)
            implicit = getattr(event, "implicit", True)
            if tag is not None and not (implicit[0] if isinstance(implicit, tuple) else implicit):
                raise InputError(label, None, f"YAML tags are not accepted ({tag})")
        return yaml.load(text, Loader=Loader)
    except InputError:
        raise
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark else ""
        raise InputError(label, None, f"invalid YAML{where}") from None
    except (ValueError, RecursionError) as exc:
        raise InputError(label, None, f"invalid YAML ({exc})") from None


def _problem(error: dict[str, Any]) -> str:
    kind, message, given = error["type"], error["msg"], error.get("input")
    if kind == "extra_forbidden":
        return "unknown key"
    if kind == "missing":
        return "required"
    if kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        return f"must be {expected}, got {given!r}"
    if kind == "value_error":
        return message.removeprefix("Value error, ")
    if kind in ("string_type", "dict_type", "list_type", "bool_type", "model_type", "model_attributes_type"):
        wanted = {
            "string_type": "a string",
            "dict_type": "an object",
            "list_type": "a list",
            "bool_type": "true or false",
        }.get(kind, "an object")
        return f"expected {wanted}, got {_short(given)}"
    return f"{message}, got {_short(given)}"


def _short(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, default=str) if not isinstance(value, str) else repr(value)
    text = text if text.isprintable() else json.dumps(value, default=str)  # no line break inside the one line
    return text if len(text) <= 60 else text[:57] + "..."


def validate(model: type[BaseModel], data: Any, label: str, prefix: str = "") -> Any:
    """Validate plain data against a model; the first problem becomes an InputError."""
    if not isinstance(data, dict):
        raise InputError(label, prefix or None, f"expected an object, got {_short(data)}")
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        path = field_path(tuple(first["loc"]))
        if first["type"] == "value_error" and first["loc"] and "exceeds" in first["msg"]:
            path += ".on_time"
        full = ".".join(p for p in (prefix, path) if p)
        raise InputError(label, full or None, _problem(first)) from None
    except RecursionError:
        raise InputError(label, prefix or None, "nesting too deep") from None


def strip_blanks(data: Any, path: str = "") -> tuple[Any, dict[str, str]]:
    """Replace template blanks (text still containing `[…]`) by null, remembering where they were."""
    blanks: dict[str, str] = {}
    if isinstance(data, dict):
        out = {}
        for key, value in data.items():
            sub = f"{path}.{key}" if path else str(key)
            out[key], more = strip_blanks(value, sub)
            blanks.update(more)
        return out, blanks
    if isinstance(data, list):
        items = []
        for i, value in enumerate(data):
            item, more = strip_blanks(value, f"{path}[{i}]")
            items.append(item)
            blanks.update(more)
        return items, blanks
    if isinstance(data, str) and BLANK.search(data):
        return None, {path: data}
    return data, blanks


def load_contract_data(data: Any, label: str, prefix: str = "") -> tuple[Contract, dict[str, str]]:
    if not isinstance(data, dict):
        raise InputError(label, prefix or None, f"expected an object, got {_short(data)}")
    clean, blanks = strip_blanks(data)
    return validate(Contract, clean, label, prefix), blanks


def load_month(month_path: Path, contract_path: Path | None = None) -> Loaded:
    """Read month.json and its contract (inline, relative path, or --contract)."""
    month_label = month_path.name
    raw = read_document(month_path, month_label)
    month: MonthFacts = validate(MonthFacts, raw, month_label)
    if contract_path is None and isinstance(month.contract, str):
        contract_path = month_path.parent / month.contract
    if contract_path is not None:
        contract_label = printable(contract_path.name or str(contract_path))  # "." or "" names no file
        contract, blanks = load_contract_data(read_document(contract_path, contract_label), contract_label)
    else:
        contract_label = month_label
        contract, blanks = load_contract_data(month.contract, month_label, "contract")
    return Loaded(month, contract, month_label, contract_label, blanks)
