"""Source: one export file (CSV in UTF-8/BOM/GBK, .xlsx, Parquet) → a DuckDB table of trimmed text.

The table `raw_<kind>` has our column names (the mapping applied) and keeps the file's row order, so
`rowid + 2` is the row a spreadsheet shows (the header is row 1). Empty cells are NULL.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from ..errors import InputError
from .messages import say


def load_export(con: Any, kind: str, path: Path, columns: dict[str, str], lang: str, tmp: Path) -> None:
    """Create the view `raw_<kind>` over `path`, with the columns `columns` names (ours → the export's).

    A GBK file or a workbook is first copied as UTF-8 CSV into `tmp`, which must outlive the view.
    """
    label = path.name
    suffix = path.suffix.lower()
    if not path.is_file():
        raise InputError(label, None, say(lang, "no_file"))
    if suffix == ".parquet":
        scan = "read_parquet({})"
        source = path
    elif suffix in (".csv", ".txt"):
        source = _utf8_csv(path, tmp / f"{kind}.csv", lang)
        scan = _csv_scan(_delimiter(source))
    elif suffix == ".xlsx":
        source = _xlsx_as_csv(path, tmp / f"{kind}.csv", lang)
        scan = _csv_scan(",")
    else:
        raise InputError(label, None, say(lang, "bad_format", suffix=suffix))
    scan = scan.format("'" + str(source).replace("'", "''") + "'")
    with reading(label, lang):
        present = [r[0] for r in con.execute(f"DESCRIBE SELECT * FROM {scan}").fetchall()]
        for theirs in columns.values():
            if theirs not in present:
                raise InputError(label, theirs, say(lang, "missing_column", columns=", ".join(present)))
        select = ", ".join(
            f"NULLIF(trim(CAST({_quote(theirs)} AS VARCHAR)), '') AS {_quote(ours)}" for ours, theirs in columns.items()
        )
        con.execute(f"CREATE VIEW raw_{kind} AS SELECT {select} FROM {scan}")


@contextmanager
def reading(label: str, lang: str) -> Iterator[None]:
    """The engine's complaints about a file (malformed CSV, damaged Parquet) as one InputError line."""
    import duckdb

    try:
        yield
    except duckdb.Error as exc:
        detail = str(exc).strip().splitlines()[0][:200]
        raise InputError(label, None, say(lang, "bad_content", detail=detail)) from None


def _csv_scan(delimiter: str) -> str:
    """RFC 4180 text read as text: the delimiter fixed, double quotes, a header line, every column VARCHAR."""
    return f"read_csv({{}}, all_varchar = true, header = true, delim = '{delimiter}', quote = '\"', escape = '\"')"


def _delimiter(path: Path) -> str:
    """Comma, tab or semicolon: whichever the header line has most of (comma when none)."""
    with path.open("rb") as f:
        header = f.readline()
    counts = {d: header.count(d.encode()) for d in (",", "\t", ";")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _utf8_csv(path: Path, copy: Path, lang: str) -> Path:
    """`path` itself when it is UTF-8 (with or without BOM), else a UTF-8 copy of its GBK/GB18030 text."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(path.name, None, say(lang, "unreadable", detail=exc.strerror)) from None
    if raw.isascii():  # fast path: ASCII is UTF-8
        return path
    try:
        raw.decode("utf-8")
        return path
    except UnicodeDecodeError:
        pass
    try:
        text = raw.decode("gb18030")  # a superset of GBK and GB2312
    except UnicodeDecodeError:
        raise InputError(path.name, None, say(lang, "bad_encoding")) from None
    copy.write_text(text, encoding="utf-8")
    return copy


def _xlsx_as_csv(path: Path, copy: Path, lang: str) -> Path:
    """The first sheet as a UTF-8 CSV (cells as text; Excel date-times as local ISO timestamps)."""
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a damaged file
        raise InputError(path.name, None, say(lang, "unreadable", detail=type(exc).__name__)) from None
    try:
        rows = [[_cell_text(v) for v in row] for row in book.worksheets[0].iter_rows(values_only=True)]
    finally:
        book.close()
    while rows and not any(rows[-1]):
        rows.pop()  # trailing formatted-but-empty rows
    with copy.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out, quoting=csv.QUOTE_ALL).writerows(rows)
    return copy


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat(sep="T")
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
