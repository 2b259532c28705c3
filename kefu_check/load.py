"""Load: files → validated models. Every failure is an `InputError` naming the file and the field.

JSON numbers are read as `Decimal` (never through float); YAML is read with the safe loader, its
floats as `Decimal`, and tags or aliases are refused (nothing is executed or expanded).
"""

from __future__ import annotations

import errno
import json
import os
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import InputError
from .problems import PROBLEMS, Problem, ProblemValueError, printable, problem, quote

if TYPE_CHECKING:
    from .models import Contract, MonthFacts

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_KEPT_CONTRACT_BYTES = 1024 * 1024  # a validated contract is kept by its bytes up to this size (contract_file)
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


def _non_finite(name: str) -> Decimal:
    """NaN and ±Infinity are read as such, so that validation refuses them naming the field."""
    return Decimal(name)


class DuplicateKey(ValueError):
    """A JSON object gives one key twice (`unique_keys`, the object_pairs_hook of every input reader)."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise DuplicateKey(key)
        out[key] = value
    return out


def _looks_gb18030(raw: bytes) -> bool:
    """Not UTF-8, but Chinese text in GBK/GB18030 (what Windows Notepad and Excel write in China)."""
    try:
        text = raw.decode("gb18030")
    except UnicodeDecodeError:
        return False
    return any("\u4e00" <= c <= "\u9fff" for c in text)


def read_document(path: Path, label: str) -> Any:
    """Parse a JSON or YAML file into plain Python data with Decimal numbers."""
    return parse_document(read_bytes(path, label), path, label)


def read_bytes(path: Path, label: str) -> bytes:
    """A file's bytes (at most MAX_FILE_BYTES), its problem an InputError naming it."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC)  # no buffered file object: a check reads two files
        try:
            size = os.fstat(fd).st_size
            if size > MAX_FILE_BYTES:
                raise InputError(label, None, problem("file_too_large", size=size, limit=MAX_FILE_BYTES))
            return _read_to_end(fd, size, label)
        finally:
            os.close(fd)
    except FileNotFoundError:
        raise InputError(label, None, problem("no_such_file")) from None
    except IsADirectoryError:
        raise InputError(label, None, problem("is_directory")) from None
    except PermissionError:
        raise InputError(label, None, problem("permission_denied")) from None
    except OSError as exc:
        raise InputError(label, None, problem("cannot_read", reason=exc.strerror, errno=exc.errno)) from None


def _read_to_end(fd: int, size: int, label: str) -> bytes:
    """Every byte to the end of the file, within the limit: also when it grew after fstat gave `size`, and for a
    pipe, which has no size."""
    chunks: list[bytes] = []
    total, want = 0, size + 1
    while chunk := os.read(fd, want):
        chunks.append(chunk)
        total += len(chunk)
        if total > MAX_FILE_BYTES:
            raise InputError(label, None, problem("file_too_large", size=total, limit=MAX_FILE_BYTES))
        want = 1 << 16 if len(chunk) == want else 1  # after a short read, one byte asks for the end (not 64 KB)
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def parse_document(raw: bytes, path: Path, label: str) -> Any:
    """A file's bytes as plain Python data with Decimal numbers (JSON, or YAML by the file's suffix).

    A GBK/GB18030 file is refused with how to convert it (JSON is UTF-8, RFC 8259 §8.1; a guessed encoding
    could silently misread an id), never read by a guess."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if _looks_gb18030(raw):
            raise InputError(label, None, problem("gb18030", file=printable(str(path)))) from None
        raise InputError(label, None, problem("not_utf8", byte=exc.start)) from None
    if path.suffix.lower() in (".yaml", ".yml"):
        return _read_yaml(text, label)
    try:
        return json.loads(text, parse_float=Decimal, parse_constant=_non_finite, object_pairs_hook=unique_keys)
    except json.JSONDecodeError as exc:
        kind = f"json:{exc.msg}"
        detail = Problem(kind) if kind in PROBLEMS else exc.msg
        raise InputError(
            label, None, problem("invalid_json", line=exc.lineno, column=exc.colno, detail=detail)
        ) from None
    except DuplicateKey as exc:
        raise InputError(label, None, problem("duplicate_key", key=quote(exc.key))) from None
    except RecursionError:
        raise InputError(label, None, problem("nesting_too_deep")) from None
    except (ValueError, ArithmeticError):  # an integer of more digits than Python converts, an exponent past Decimal's
        raise InputError(label, None, problem("invalid_json_number")) from None


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
            raise ProblemValueError("invalid_number", given=quote(value)) from None
        if not number.is_finite():
            raise ProblemValueError("not_finite", given=str(value))
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
                raise InputError(label, None, problem("yaml_too_many", limit=MAX_YAML_EVENTS))
            if isinstance(event, yaml.AliasEvent):
                raise InputError(label, None, problem("yaml_alias"))
            tag = getattr(event, "tag", None)
            implicit = getattr(event, "implicit", True)
            if tag is not None and not (implicit[0] if isinstance(implicit, tuple) else implicit):
                raise InputError(label, None, problem("yaml_tag", tag=printable(str(tag))))
        return yaml.load(text, Loader=Loader)
    except InputError:
        raise
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        if mark:
            raise InputError(label, None, problem("invalid_yaml_line", line=mark.line + 1)) from None
        raise InputError(label, None, problem("invalid_yaml")) from None
    except ProblemValueError as exc:
        raise InputError(label, None, exc.problem) from None
    except RecursionError:
        raise InputError(label, None, problem("nesting_too_deep")) from None
    except ValueError:
        raise InputError(label, None, problem("invalid_yaml")) from None


def validate(model: str | type, data: Any, label: str, prefix: str = "", source: str | None = None) -> Any:
    """Validate plain data against an input model (`models.<name>`, or the class); the first problem becomes an
    InputError (counting the others, which `kefu-check validate {source}` lists). A valid document comes back as
    records (records.py) when the cached schema holds the model, else as the model."""
    name = model if isinstance(model, str) else model.__name__
    if not isinstance(data, dict):
        raise InputError(label, prefix or None, problem("expected_object", given=quote(data)))
    from pydantic_core import ValidationError

    from .validators import validator

    try:
        return validator(name).validate_python(data)
    except ValidationError:
        pass
    except RecursionError:
        raise InputError(label, prefix or None, problem("nesting_too_deep")) from None
    from .diagnose import refusal

    found = refusal(name, data, prefix)  # the models explain it (and stop if they do not share it)
    field, first = found[0]
    raise InputError(label, field, first, more=len(found) - 1, validate=source or label)


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


def load_contract_data(
    data: Any, label: str, prefix: str = "", source: str | None = None
) -> tuple[Contract, dict[str, str]]:
    if not isinstance(data, dict):
        raise InputError(label, prefix or None, problem("expected_object", given=quote(data)))
    clean, blanks = strip_blanks(data)
    return validate("Contract", clean, label, prefix, source), blanks


_CONTRACT_FILES: dict[tuple[str, bytes], tuple[Contract, dict[str, str]]] = {}


def contract_file(path: Path, label: str, source: str) -> tuple[Contract, dict[str, str]]:
    """A contract file read and validated (`read_document` + `load_contract_data`). The file is read every time;
    what its bytes validate to is kept per process (a portfolio's months share a few contracts), so a contract
    rewritten between two checks, however quickly, is validated again. A refused file is validated each time.
    The blanks are shared: nothing downstream changes them."""
    raw = read_bytes(path, label)
    key = (str(path), raw)
    hit = _CONTRACT_FILES.get(key)
    if hit is not None:
        return hit
    parsed = load_contract_data(parse_document(raw, path, label), label, source=source)
    if len(raw) <= MAX_KEPT_CONTRACT_BYTES:
        if len(_CONTRACT_FILES) >= 64:
            _CONTRACT_FILES.clear()
        _CONTRACT_FILES[key] = parsed
    return parsed


def read_month_path(month_path: Path, label: str) -> Any:
    """read_document for a month file given on the command line: a folder gets a hint to analyze/--history."""
    try:
        return read_document(month_path, label)
    except InputError as error:
        if error.kind == "is_directory":
            raise InputError(label, None, problem("months_directory", path=printable(str(month_path)))) from None
        raise


def named_contract_file(month_path: Path, named: str, month_label: str, source: str) -> tuple[Contract, dict, str]:
    """`contract_file` of the contract a month's `contract` key names, and its label; a missing one, or a folder, is
    the month's error (a dangling symbolic link is the contract file's own)."""
    path = month_path.parent / named
    label = printable(path.name or str(path))
    try:
        return (*contract_file(path, label, source), label)
    except InputError as error:
        raise reference_error(error, path, named, month_label) or error from None


def reference_error(error: InputError, path: Path, named: str, month_label: str) -> InputError | None:
    """The month's own error when reading the contract its `contract` key names failed because of the name (no
    such file, a folder, a name too long); None when the file itself is at fault (unreadable, a dangling link)."""
    code = error.problem.params.get("errno") if isinstance(error.problem, Problem) else None
    if error.kind == "no_such_file" or code == errno.ENOTDIR:
        kind = None if os.path.islink(path) else "contract_not_found"
    elif error.kind == "is_directory":
        kind = "contract_is_directory"
    else:
        kind = "contract_name_too_long" if code == errno.ENAMETOOLONG else None
    return InputError(month_label, "contract", problem(kind, path=quote(named))) if kind else None



def load_month(month_path: Path, contract_path: Path | None = None) -> Loaded:
    """Read month.json and its contract (inline, relative path, or --contract)."""
    month_label = month_path.name or printable(str(month_path))
    source = printable(str(month_path))
    raw = read_month_path(month_path, month_label)
    month: MonthFacts = validate("MonthFacts", raw, month_label, source=source)
    if contract_path is not None:
        contract_label = printable(contract_path.name or str(contract_path))  # "." or "" names no file
        contract, blanks = contract_file(contract_path, contract_label, printable(str(contract_path)))
    elif isinstance(month.contract, str):
        contract, blanks, contract_label = named_contract_file(month_path, month.contract, month_label, source)
    else:
        contract_label = month_label
        contract, blanks = load_contract_data(month.contract, month_label, "contract", source)
    return Loaded(month, contract, month_label, contract_label, blanks)
