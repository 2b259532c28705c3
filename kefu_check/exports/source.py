"""Source: one export file (CSV in UTF-8/BOM/GBK, .xlsx, Parquet) → a DuckDB table of trimmed text.

The table `raw_<kind>` has our column names (the mapping applied) and keeps the file's row order; DuckDB skips
a CSV's blank lines, so `blank_<kind>` lists, for each one, how many records came before it, and
`rowid + 2 + (blank lines before the record)` is the row a spreadsheet shows (the header is row 1, a blank line
is a row). Empty cells are NULL.
"""

from __future__ import annotations

import csv
import os
import re
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
    if not os.path.isfile(path):
        raise InputError(label, None, say(lang, "no_file"))
    blanks: list[int] = []
    if suffix == ".parquet":
        scan = "read_parquet({})"
        source = path
    elif suffix in (".csv", ".txt"):
        raw = _read(path, lang)
        source = _utf8_csv(path, raw, tmp / f"{kind}.csv", lang)
        scan = _csv_scan(_delimiter(source))
        blanks = _blank_lines(raw, path, lang)
    elif suffix == ".xlsx":
        source, blanks = _xlsx_as_csv(path, tmp / f"{kind}.csv", lang, kind)
        scan = _csv_scan(",")
    else:
        raise InputError(label, None, say(lang, "bad_format", suffix=suffix))
    scan = scan.format("'" + str(source).replace("'", "''") + "'")
    with reading(label, lang, path):
        present = [r[0] for r in con.execute(f"DESCRIBE SELECT * FROM {scan}").fetchall()]
        for theirs in columns.values():
            if theirs not in present:
                raise InputError(label, theirs, say(lang, "missing_column", columns=", ".join(present)))
        if suffix != ".parquet":  # DuckDB renames a repeated header name (`agent`, `agent_1`): count the file's own
            _refuse_repeated(label, _csv_header(source, _delimiter(source)), columns, lang)
        select = ", ".join(
            f"NULLIF({_stripped(f'CAST({_quote(theirs)} AS VARCHAR)')}, '') AS {_quote(ours)}"
            for ours, theirs in columns.items()
        )
        con.execute(f"CREATE VIEW raw_{kind} AS SELECT {select} FROM {scan}")
        con.execute(f"CREATE TABLE blank_{kind} (before BIGINT)")
        if blanks:
            con.executemany(f"INSERT INTO blank_{kind} VALUES (?)", [(b,) for b in blanks])


# What Python's str.strip removes (the ledger's cells are trimmed so, `read_records`; U+3000 is the last of them).
_SPACES = "".join(chr(c) for c in range(0x3001) if chr(c).isspace())
_SPACE_CODES = ", ".join(str(ord(c)) for c in _SPACES)


def _stripped(text: str) -> str:
    """SQL: the text `text` (an SQL expression) as Python's str.strip() gives it. DuckDB's trim() removes the space
    separators (U+0020, NBSP, U+3000, …) but no tab, line break, U+0085 or U+2028/9: `"CALL-1<tab>"` (a tab or an
    Alt+Enter left in a cell) and `CALL-1` had been two calls, no duplicate named, and an `agent` cell holding a line
    break a person's reply. trim() with a set of characters is slow (12 times plain trim()), so it is applied only
    to a cell whose first or last character is whitespace; any other cell is its own strip()."""
    edge = f"ord({text}) IN ({_SPACE_CODES}) OR ord({text}[-1]) IN ({_SPACE_CODES})"
    return f"CASE WHEN {edge} THEN trim({text}, '{_SPACES}') ELSE {text} END"


def _blank_lines(raw: bytes, path: Path, lang: str) -> list[int]:
    """For each blank line of a CSV (`raw`, the bytes of `path`; outside quotes), how many records come before it
    (the header not counted). Parsed only when the file has an empty line at all: an export without one costs a
    byte search (a newline byte is never part of a GBK character, so the search holds for GBK files too)."""
    found = [at for at in (raw.find(b"\n\n"), raw.find(b"\n\r\n"), raw.find(b"\r\r")) if at != -1]
    if not found or not raw[min(found):].strip(b"\r\n"):  # none, or only at the end (no record after them)
        return []
    out, records = [], 0
    for row in _csv_records(path, lang)[1:]:
        if row:
            records += 1
        else:
            out.append(records)
    return out


Record = tuple[int, dict[str, str | None]]  # (row as a spreadsheet shows it, our column → trimmed text or None)


def read_records(con: Any, kind: str, path: Path, columns: dict[str, str], lang: str) -> list[Record]:
    """Every record of a (small) export as Python text, for the money ledger: no engine type, no float.

    Row numbers are exact: the header is row 1 and every line after it counts, blank lines too (a blank line
    or a row with none of our columns filled is left out: it holds no money). CSV is read with Python's csv
    module (RFC 4180, the same delimiter rule) rather than DuckDB, which skips blank lines without saying so
    and would shift every later row number; a record with more fields than the header is refused.
    """
    label = path.name
    suffix = path.suffix.lower()
    if not os.path.isfile(path):
        raise InputError(label, None, say(lang, "no_file"))
    if suffix in (".csv", ".txt"):
        table = _csv_records(path, lang)
    elif suffix == ".xlsx":
        table = xlsx_rows(path, lang, kind)
    elif suffix == ".parquet":
        with reading(label, lang):
            scan = "read_parquet('" + str(path).replace("'", "''") + "')"
            described = con.execute(f"DESCRIBE SELECT * FROM {scan}").fetchall()
            names = [r[0] for r in described]
            texts = [_parquet_text(_quote(n), t) for n, t, *_ in described]
            body = con.execute(f"SELECT {', '.join(texts)} FROM {scan}")
            cell = {float: _double_text, type(None): lambda _: ""}
            table = [names, *([cell.get(type(v), str)(v) for v in row] for row in body.fetchall())]
    else:
        raise InputError(label, None, say(lang, "bad_format", suffix=suffix))
    if not table:
        raise InputError(label, None, say(lang, "bad_content", detail="no header line"))
    header = [h.strip() for h in table[0]]
    for theirs in columns.values():
        if theirs not in header:
            raise InputError(label, theirs, say(lang, "missing_column", columns=", ".join(header)))
    _refuse_repeated(label, header, columns, lang)
    where = {ours: header.index(theirs) for ours, theirs in columns.items()}
    records: list[Record] = []
    for number, cells in enumerate(table[1:], start=2):
        if len(cells) > len(header) and any(c.strip() for c in cells[len(header):]):
            detail = say(lang, "too_many_fields", row=number, count=len(cells), header=len(header))
            raise InputError(label, None, say(lang, "bad_content", detail=detail))
        values = {ours: (cells[i].strip() or None) if i < len(cells) else None for ours, i in where.items()}
        if any(v is not None for v in values.values()):
            records.append((number, values))
    return records


def _refuse_repeated(label: str, header: list[str], columns: dict[str, str], lang: str) -> None:
    """A column the export needs named twice in the header (`amount`, `amount`): which one holds the value cannot
    be told, so the file is refused rather than read at the first."""
    for theirs in columns.values():
        if (count := header.count(theirs)) > 1:
            raise InputError(label, theirs, say(lang, "duplicate_column", count=count))


def _csv_header(path: Path, delimiter: str) -> list[str]:
    """The header record of a UTF-8 CSV (BOM or not) as DuckDB names its columns."""
    with path.open(encoding="utf-8-sig", newline="") as f:
        return next(csv.reader(f, delimiter=delimiter), [])


def _csv_records(path: Path, lang: str) -> list[list[str]]:
    """The CSV's rows (the header first), a blank line as an empty row; UTF-8, BOM or GBK/GB18030."""
    raw = _read(path, lang)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = raw.decode("gb18030")
        except UnicodeDecodeError:
            raise InputError(path.name, None, say(lang, "bad_encoding")) from None
    header = text.split("\n", 1)[0]
    counts = {d: header.count(d) for d in (",", "\t", ";")}
    delimiter = max(counts, key=lambda d: counts[d]) if any(counts.values()) else ","
    import io

    try:
        return [row for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)]
    except csv.Error as exc:
        raise InputError(path.name, None, say(lang, "bad_content", detail=str(exc))) from None


@contextmanager
def reading(label: str, lang: str, path: Path | None = None) -> Iterator[None]:
    """The engine's complaints about a file (malformed CSV, damaged Parquet) as one InputError line; for a CSV
    (`path`) whose row has more or fewer fields than its header, that row, as a spreadsheet numbers it."""
    import duckdb

    try:
        yield
    except duckdb.Error as exc:
        detail = (_ragged_row(path, lang) if path is not None else None) or str(exc).strip().splitlines()[0][:200]
        raise InputError(label, None, say(lang, "bad_content", detail=detail)) from None


def _ragged_row(path: Path, lang: str) -> str | None:
    """The first row of a CSV with another number of fields than its header (empty fields past the header's
    count aside, as `read_records` allows them), said as `too_many_fields` / `too_few_fields`; None for none."""
    if path.suffix.lower() not in (".csv", ".txt"):
        return None
    try:
        table = _csv_records(path, lang)
    except InputError:
        return None
    if not table:
        return None
    width = len(table[0])
    for number, cells in enumerate(table[1:], start=2):
        used = len(cells)
        while used > width and not cells[used - 1].strip():
            used -= 1
        if cells and used != width:
            kind = "too_many_fields" if used > width else "too_few_fields"
            return say(lang, kind, row=number, count=used, header=width)
    return None


def _csv_scan(delimiter: str) -> str:
    """RFC 4180 text read as text: the delimiter fixed, double quotes, every column VARCHAR, and nothing left for
    DuckDB's sniffer to guess that could drop a row: the first line is the header (`skip = 0`: it had skipped a
    file's first lines when a later row had more fields, and taken that row for the header) and no line is a
    comment (`comment = ''`: it had taken `#` for one, and a call whose id starts with `#` went uncounted)."""
    return (
        f"read_csv({{}}, all_varchar = true, header = true, skip = 0, comment = '', delim = '{delimiter}', "
        "quote = '\"', escape = '\"')"
    )


def _delimiter(path: Path) -> str:
    """Comma, tab or semicolon: whichever the header line has most of (comma when none)."""
    with path.open("rb") as f:
        header = f.readline()
    counts = {d: header.count(d.encode()) for d in (",", "\t", ";")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _read(path: Path, lang: str) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(path.name, None, say(lang, "unreadable", detail=exc.strerror)) from None


def _utf8_csv(path: Path, raw: bytes, copy: Path, lang: str) -> Path:
    """`path` itself when its bytes `raw` are UTF-8 (with or without BOM), else a UTF-8 copy of its GBK/GB18030
    text."""
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


def _xlsx_as_csv(path: Path, copy: Path, lang: str, kind: str) -> tuple[Path, list[int]]:
    """The export's sheet as a UTF-8 CSV (cells as `xlsx_rows` gives their text), and its empty rows as a CSV's
    blank lines are (`_blank_lines`): left out, counted back into row numbers; a spacer row is no bad row."""
    rows = xlsx_rows(path, lang, kind)
    blanks: list[int] = []
    records = 0
    with copy.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, quoting=csv.QUOTE_ALL)
        writer.writerows(rows[:1])
        for row in rows[1:]:
            if any(cell.strip() for cell in row):
                writer.writerow(row)
                records += 1
            else:
                blanks.append(records)
    return copy, blanks


def xlsx_rows(path: Path, lang: str, kind: str) -> list[list[str]]:
    """The rows of the sheet named `kind` (`payments`: one workbook may hold every export, as the --template
    workbook does), else of the first sheet (`_sheet`), as text as a person reads the cells (empty = ""; trailing empty
    rows dropped).

    - a number: the decimal text the file stores (`<v>98765432109876.54</v>`), never through a binary float
      (openpyxl would give a float; here its parser hands over the stored text, see `_cells_as_stored`);
    - a date cell: `2026-09-03T00:00:00` (a local date-time; Excel has no time zone); a date cell whose
      format shows a month but no day (`yyyy-mm`, `mmm-yy`, `yyyy"年"m"月"`) is that month, `2026-09`;
      the East Asian built-in date formats (ids 27–36, 50–58, which openpyxl does not know) are dates too;
    - text, booleans and error values (`#VALUE!`) as written;
    - a formula cell must carry the value its program computed (Excel and LibreOffice save it beside the
      formula): one without (a file written by a script, never opened and saved) refuses the file, naming the
      cell, rather than read the cell as empty.
    """
    import openpyxl

    try:
        with _cells_as_stored() as hidden:
            book = openpyxl.load_workbook(path, read_only=True, data_only=True)
            try:
                sheet = _sheet(book, kind, path, lang)
                if sheet.sheet_state != "visible":  # `hidden` or `veryHidden`: never read what no one sees
                    raise InputError(path.name, None, say(lang, "hidden_sheet", sheet=sheet.title))
                # read-only openpyxl stops at the rows and columns the sheet's <dimension ref> claims; a file whose
                # writer put a wrong one there (`A1:C3` over 5 records) lost every later row with exit 0
                sheet.reset_dimensions()
                hidden.clear()  # `_sheet` has read other sheets' first rows
                rows = [[_cell_text(cell, book.epoch, lang, path) for cell in row] for row in sheet.iter_rows()]
            finally:
                book.close()
    except InputError:
        raise
    except Exception as exc:  # openpyxl raises many types for a damaged file
        raise InputError(path.name, None, say(lang, "unreadable", detail=type(exc).__name__)) from None
    _refuse_hidden(path, rows, hidden, lang)
    while rows and not any(rows[-1]):
        rows.pop()  # trailing formatted-but-empty rows
    width = max(map(len, rows), default=0)  # without a dimension each row is as long as its last cell
    return [row + [""] * (width - len(row)) for row in rows]


def _refuse_hidden(path: Path, rows: list[list[str]], hidden: list[int], lang: str) -> None:
    """A sheet's hidden rows (`<row r="4" hidden="1">`: hidden by hand, by an autofilter or a collapsed outline; or
    a height of 0) that hold anything refuse the file: a cancelled invoice hidden rather than deleted had been
    counted, and owed late fees, while the sheet a person looks at does not show it. Whether a hidden row counts
    cannot be told, so it is neither read nor left out. An empty hidden row holds nothing and is no reason."""
    found = sorted({n for n in hidden if n <= len(rows) and any(cell.strip() for cell in rows[n - 1])})
    if found:
        from .rows import row_list

        key = "hidden_row" if len(found) == 1 else "hidden_rows"
        raise InputError(path.name, None, say(lang, key, rows=row_list(found)))


def _sheet(book: Any, kind: str, path: Path, lang: str) -> Any:
    """The sheet named `kind` (`Calls`, ` calls ` too), else the first sheet, unless that one is named after another
    export: `--calls book.xlsx` on sheets `chats`, `Calls` had read the chats as calls."""
    from .mapping import COLUMNS

    if kind in book.sheetnames:
        return book[kind]
    named = [name for name in book.sheetnames if name.strip().casefold() == kind]
    if len(named) == 1:
        return book[named[0]]
    first = book.sheetnames[0]
    if named or first.strip().casefold() in COLUMNS:
        sheets = ", ".join(book.sheetnames)
        raise InputError(path.name, None, say(lang, "sheet_of_another_export", kind=kind, sheet=first, sheets=sheets))
    sheet = book.worksheets[0]
    header = _header_of(sheet)
    same = [other.title for other in book.worksheets[1:] if header and _header_of(other) == header]
    if same:  # the export split over sheets (`9月`, `10月`): reading the first alone lost the others' rows
        sheets = ", ".join(repr(name) for name in [sheet.title, *same])
        raise InputError(path.name, None, say(lang, "sheets_of_one_export", kind=kind, sheets=sheets))
    return sheet


def _header_of(sheet: Any) -> list[str]:
    """The first row's filled cells of a read-only sheet, trimmed (whatever its <dimension> claims)."""
    sheet.reset_dimensions()
    for row in sheet.iter_rows(max_row=1, values_only=True):
        return [str(v).strip() for v in row if v is not None and str(v).strip()]
    return []


class _Exact(float):
    """A number cell's float with the decimal text the file stores (`text`)."""

    text: str


@contextmanager
def _cells_as_stored() -> Iterator[list[int]]:
    """openpyxl's sheet parser as the file stores cells: its `_cast_number` returns a float that keeps the number's
    text, so that no amount is ever read through binary floating point; its `parse_cell` marks a formula saved
    without a computed value (`_Uncomputed`) instead of giving None, an empty cell; its `parse_row` notes in the
    list it yields the number of every hidden row it parses (read-only openpyxl parses each row's attributes but
    keeps no row_dimensions: the sheet XML's `hidden="1"` was lost). (tests/test_exports_finance.py fails if an
    openpyxl release stops calling any of them.)"""
    from openpyxl.worksheet import _reader

    original, parse_cell = _reader._cast_number, _reader.WorkSheetParser.parse_cell
    parse_row = _reader.WorkSheetParser.parse_row
    hidden: list[int] = []

    def keep_text(text: str) -> Any:
        value = _Exact(original(text))
        value.text = text
        return value

    def mark_uncomputed(parser: Any, element: Any) -> dict[str, Any]:
        cell = parse_cell(parser, element)
        if cell["value"] is None and (formula := element.find(_reader.FORMULA_TAG)) is not None:
            cell["value"] = _Uncomputed(formula.text or "")
        return cell

    def note_hidden(parser: Any, element: Any) -> tuple[int, list[Any]]:
        number, cells = parse_row(parser, element)
        if element.get("hidden") in ("1", "true") or _zero_height(element.get("ht")):
            hidden.append(number)
        return number, cells

    _reader._cast_number, _reader.WorkSheetParser.parse_cell = keep_text, mark_uncomputed
    _reader.WorkSheetParser.parse_row = note_hidden
    try:
        yield hidden
    finally:
        _reader._cast_number, _reader.WorkSheetParser.parse_cell = original, parse_cell
        _reader.WorkSheetParser.parse_row = parse_row


def _zero_height(ht: str | None) -> bool:
    """A row height of 0 (`ht="0"`): hidden as surely as `hidden="1"`."""
    if ht is None:
        return False
    try:
        return float(ht) == 0
    except ValueError:
        return False


class _Uncomputed(str):
    """A formula cell saved without its computed value (the formula's text, without '=')."""


# East Asian built-in number formats (ECMA-376 §18.8.30, zh-cn): dates, and which of them show no day.
_CJK_DATE_IDS = frozenset(range(27, 37)) | frozenset(range(50, 59))
_CJK_MONTH_IDS = frozenset({27, 36, 50, 52, 57})
_CJK_TIME_IDS = frozenset({32, 33, 34, 35, 55, 56})


def _cell_text(cell: Any, epoch: datetime, lang: str, path: Path) -> str:
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, _Uncomputed):
        raise InputError(path.name, None, say(lang, "formula_without_value", cell=cell.coordinate, formula=f"={value}"))
    if isinstance(value, bool):
        return str(value)
    fmt_id = _format_id(cell)
    if isinstance(value, float | int) and fmt_id in _CJK_DATE_IDS and fmt_id not in _CJK_TIME_IDS:
        from openpyxl.utils.datetime import from_excel

        try:
            value = from_excel(float(value), epoch)
        except (OverflowError, ValueError):
            return _number_text(value)
        if isinstance(value, datetime) and fmt_id in _CJK_MONTH_IDS:
            return f"{value.year:04d}-{value.month:02d}"
        if isinstance(value, datetime) and value.time() == time(0):  # the others show a day and no time
            return value.date().isoformat()
    if isinstance(value, datetime):
        if _shows_month_only(cell.number_format):
            return f"{value.year:04d}-{value.month:02d}"
        if value.time() == time(0) and not _shows_time(cell.number_format):
            return value.date().isoformat()  # a date (`yyyy-mm-dd`), not a time of day: midnight is no reading
        return value.isoformat(sep="T")
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, float | int):
        if _shows_percent(cell.number_format):
            return _percent_text(_number_text(value))
        return _number_text(value)
    return str(value)


def _shows_percent(number_format: str | None) -> bool:
    """A number format that shows the cell times 100 with a `%` (`0%`, `0.00%`): the cell holds 0.85 for 85%."""
    if not number_format:
        return False
    code = re.sub(r'"[^"]*"|\\.|_.|\*.|\[[^\]]*\]', "", number_format.split(";")[0])
    return "%" in code


def _percent_text(text: str) -> str:
    """A percent cell as it shows: the stored 0.85 as `85%` (exactly, the decimal point moved), never the bare 0.85
    a score or an amount would be read as."""
    from decimal import Decimal, InvalidOperation

    try:
        number = Decimal(text)
    except InvalidOperation:
        return text
    if not number.is_finite():
        return text
    shown = number.scaleb(2).normalize()
    return f"{shown:f}%"


def _format_id(cell: Any) -> int | None:
    try:
        return int(cell.style_array.numFmtId)
    except (AttributeError, IndexError, TypeError, ValueError):
        return None


def _number_text(value: float | int) -> str:
    """The stored decimal text of a number cell; an exponent (`1.2E+17`) written out in full; Excel's 17 digits
    read as the 15 it shows (`_as_excel_shows`)."""
    text = getattr(value, "text", None)
    if text is None:  # not from the sheet parser (cannot happen while _cells_as_stored is active)
        text = repr(value) if isinstance(value, float) else str(value)
    text = text.strip()
    if "e" in text.lower():
        from decimal import Decimal, InvalidOperation

        try:
            number = Decimal(text)
        except InvalidOperation:
            return text
        if number.is_finite() and abs(number.adjusted()) <= 40:
            return _as_excel_shows(f"{number:f}")
        return text
    if text.endswith(".0") and text[:-2].lstrip("-").isdigit():
        return text[:-2]  # `36000.0` (a float some writers store) is the integer 36000
    return _as_excel_shows(text)


FEN_EXACT = 2**53 / 100  # from here up a double cannot hold every fen: 99999999999999.99 is …99.984375


def _parquet_text(column: str, kind: str) -> str:
    """SQL: a Parquet cell as text, or as a Python float (`_double_text`) for a FLOAT (32-bit) or a DOUBLE."""
    return f"{column}::DOUBLE" if kind in ("FLOAT", "DOUBLE") else f"CAST({column} AS VARCHAR)"


def _double_text(value: float) -> str:
    """A binary floating-point cell as the amount it names: its shortest text, unless that names another number
    than the one held. A FLOAT's shortest text has 7 digits or so (1234567.89 is stored 1234567.875, read as a
    double it is that exactly), and above 2^53 / 100 a DOUBLE's shortest text is the nearest fen (…99.984375 would
    read …99.98): there the exact number, which is then refused below the fen, not read as a neighbouring amount."""
    if abs(value) >= FEN_EXACT and not value.is_integer():
        from decimal import Decimal

        return f"{Decimal(value):f}"
    return repr(value)


EXCEL_DIGITS = 15  # the significant digits Excel keeps of a number typed, and shows


def _as_excel_shows(text: str) -> str:
    """A fraction stored with more than 15 significant digits, as the 15 Excel shows when they name the same binary
    number: Excel saves 9999.99 as `9999.9899999999998` (17 digits of the double it holds), which is 9999.99.
    Otherwise the text itself: `86199804577757.01` (16 digits, no shorter decimal is that double) and
    `0.30000000000000004` (what `=0.1+0.2` holds; 0.3 is another double) are kept, digit for digit. An integer is
    never changed (an id of 19 digits is its digits)."""
    if "." not in text:
        return text
    from decimal import Context, Decimal, InvalidOperation

    try:
        number = Decimal(text)
    except InvalidOperation:
        return text
    if not number.is_finite() or len(number.normalize().as_tuple().digits) <= EXCEL_DIGITS:
        return text
    shown = Context(prec=EXCEL_DIGITS).plus(number).normalize()  # round half even, as the double's digits are
    if float(shown) != float(number):  # compared as the binary numbers the cell holds; the value stays decimal
        return text
    return f"{shown:f}"


def _shows_time(number_format: str | None) -> bool:
    """A date format that shows a time of day (`yyyy-mm-dd hh:mm`, `m/d/yy h:mm`), not only a date."""
    if not number_format:
        return False
    code = number_format.split(";")[0]
    code = re.sub(r'"[^"]*"|\\.|_.|\*.|\[[^\]]*\]', "", code).lower()
    return bool(re.search(r"[hs]", code))


def _shows_month_only(number_format: str | None) -> bool:
    """A date format that shows a year and a month but no day or time: `yyyy-mm`, `mmm-yy`, `yyyy"年"m"月"`."""
    if not number_format:
        return False
    code = number_format.split(";")[0]
    code = re.sub(r'"[^"]*"|\\.|_.|\*.|\[[^\]]*\]', "", code).lower()
    return "y" in code and "m" in code and not re.search(r"[dhsa]", code)
