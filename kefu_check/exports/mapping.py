"""The default columns of each export (SPEC §7) and the TOML file that renames them (`--mapping`)."""

from __future__ import annotations

import tomllib
from pathlib import Path

from ..errors import InputError
from .messages import say

REQUEST_COLUMNS = ("id", "arrived_at", "first_response_at", "abandoned_at", "agent")

COLUMNS: dict[str, tuple[str, ...]] = {
    "calls": REQUEST_COLUMNS,
    "chats": REQUEST_COLUMNS,
    "emails": REQUEST_COLUMNS,
    "tickets": ("id", "opened_at", "resolved_at"),
    "surveys": ("id", "answered_at", "score"),
    "outages": ("id", "start", "end", "cause"),
    "invoices": ("id", "cycle", "amount"),
    "payments": ("invoice_id", "date", "amount"),
}

Mapping = dict[str, dict[str, str]]  # export → our column → the export's column name


def default_mapping() -> Mapping:
    """Every export's columns under their own names."""
    return {kind: {c: c for c in columns} for kind, columns in COLUMNS.items()}


def load_mapping(path: Path | None, lang: str) -> Mapping:
    """The defaults, renamed by `path` (`[calls]\\narrived_at = "接入时间"`): unknown names are an error."""
    mapping = default_mapping()
    if path is None:
        return mapping
    label = path.name

    def fail(field: str | None, detail: str) -> InputError:
        return InputError(label, field, say(lang, "bad_mapping", detail=detail))

    try:
        data = tomllib.loads(path.read_bytes().decode("utf-8-sig"))
    except FileNotFoundError:
        raise InputError(label, None, say(lang, "no_file")) from None
    except OSError as exc:
        raise InputError(label, None, say(lang, "unreadable", detail=exc.strerror)) from None
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise fail(None, str(exc)) from None
    for kind, renames in data.items():
        if kind not in COLUMNS:
            raise fail(kind, f"unknown export (known: {', '.join(COLUMNS)})")
        if not isinstance(renames, dict):
            raise fail(kind, "expected a table of column names")
        for column, name in renames.items():
            if column not in COLUMNS[kind]:
                raise fail(f"{kind}.{column}", f"unknown column (known: {', '.join(COLUMNS[kind])})")
            if not isinstance(name, str) or not name:
                raise fail(f"{kind}.{column}", "expected the export's column name as a string")
            mapping[kind][column] = name
    return mapping
