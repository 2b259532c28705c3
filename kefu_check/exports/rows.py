"""Rows: the text of an export typed in the engine, and every row that cannot be used named with its problem.

A check is an SQL condition over one row; the first that holds is the row's problem (stored as the check's
index). Bad rows are left out of every figure, counted, and listed with their row numbers (never dropped
silently), by the row a spreadsheet shows: the table keeps the file's order, the header is row 1, and a CSV's
blank lines, which DuckDB skips, are counted back in (`blank_<kind>`, source.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from ..errors import InputError
from .messages import say

NUMBER = r"'^[+-]?(\d+(\.\d*)?|\.\d+)$'"
DUPLICATE = "duplicate_id"


def timestamp_us(column: str) -> str:
    """SQL: the column's instant in microseconds since the epoch; NULL when empty or unreadable.

    ISO 8601 date and time (T or space), seconds, fraction and offset optional; without an offset the time
    is local in the session's time zone, which is the contract's. (A bare date is refused by `unreadable`.)
    A zone written as a name is unreadable: DuckDB's cast would take `CST` for US Central time (-06:00), where
    a Chinese export means China Standard Time, and move the row by 14 hours; `Z` and numeric offsets only.
    """
    cast = f'epoch_us(TRY_CAST("{column}" AS TIMESTAMPTZ))'
    bad = f'regexp_matches("{column}", {ZONE_NAME}) OR regexp_matches("{column}", {BAD_OFFSET})'
    return f"CASE WHEN {bad} THEN NULL ELSE {cast} END"


ZONE_NAME = "'[A-SU-Ya-z]'"  # a letter other than the T between date and time and the Z of UTC
# an offset no place has (+99:99, +15:00, +08:60): DuckDB's cast took +99:99 and moved the row by four days
BAD_OFFSET = r"':\d{2}(\.\d+)?[+-]((1[5-9]|[2-9]\d)(:?\d{2})?|\d{2}:?[6-9]\d)$'"
YEAR = r"'^\d{4}\D'"  # a timestamp begins with its year, 4 digits


@dataclass(frozen=True)
class Check:
    """`when` (SQL over the row's raw and typed columns) marks the row bad with `problem` in `column`."""

    column: str
    problem: str
    when: str


def required(column: str) -> Check:
    return Check(column, "missing_value", f'"{column}" IS NULL')


def unreadable(column: str, typed: str, problem: str = "bad_timestamp") -> Check:
    """The column has text that does not read as its type (a timestamp needs a time: 16 characters at least, and a
    year of 4 digits: DuckDB reads `26-10-09 10:00:00` as the year 26, a row quietly outside every period)."""
    short = ""
    if problem == "bad_timestamp":
        short = f' OR length("{column}") < 16 OR NOT regexp_matches("{column}", {YEAR})'
    return Check(column, problem, f'"{column}" IS NOT NULL AND ({typed} IS NULL{short})')


def interval(start: str, end: str, before: str) -> tuple[dict[str, str], list[Check]]:
    """An id with a required `start` timestamp and an optional `end` not before it: typed columns
    `<start>_us`, `<end>_us` and their checks."""
    s, e = f"{start}_us", f"{end}_us"
    typed = {s: timestamp_us(start), e: timestamp_us(end)}
    checks = [required("id"), required(start), unreadable(start, s), unreadable(end, e)]
    checks.append(Check(end, before, f"{e} < {s}"))
    return typed, checks


@dataclass(frozen=True)
class BadRow:
    row: int
    column: str
    problem: str
    value: str | None
    first: int | None  # for a duplicate id: the row where the id first appears


@dataclass(frozen=True)
class Typed:
    """rows_<kind> exists; `checks[i]` is the meaning of `problem = i`."""

    kind: str
    checks: tuple[Check, ...]
    key: str | None


def type_rows(
    con: Any,
    kind: str,
    typed: dict[str, str],
    checks: Sequence[Check],
    keep: Sequence[str] = ("id",),
    key: str | None = "id",
) -> Typed:
    """CREATE TABLE rows_<kind> from the view raw_<kind>: the raw columns `keep`, `typed` (name → SQL),
    `problem` (index of the first check that holds) and `problem_value` (the text it holds for).

    With `key`, a repeated value of that column makes every occurrence after the first a bad row (when the
    row has no other problem). Only these columns are stored: the rest of the text is read once.
    """
    all_checks = (*checks, Check(key, DUPLICATE, "false")) if key else tuple(checks)
    columns = ", ".join(f"{sql} AS {name}" for name, sql in typed.items())
    case = " ".join(f"WHEN {c.when} THEN {i}" for i, c in enumerate(checks))
    value = " ".join(f'WHEN {i} THEN CAST("{c.column}" AS VARCHAR)' for i, c in enumerate(checks))
    stored = ", ".join([*(f'"{k}"' for k in keep), *typed])
    con.execute(
        f"CREATE TABLE rows_{kind} AS SELECT {stored}, problem, CASE problem {value} END AS problem_value "
        f"FROM (SELECT *, CAST(CASE {case} END AS TINYINT) AS problem FROM (SELECT *, {columns} FROM raw_{kind}))"
    )
    if key:
        con.execute(
            f"""UPDATE rows_{kind} SET problem = {len(all_checks) - 1}, problem_value = "{key}"
                FROM (SELECT "{key}" AS dup_key, min(rowid) AS first FROM rows_{kind} WHERE "{key}" IS NOT NULL
                      GROUP BY "{key}" HAVING count(*) > 1) d
                WHERE rows_{kind}."{key}" = d.dup_key AND rows_{kind}.rowid <> d.first AND problem IS NULL"""
        )
    return Typed(kind, all_checks, key)


def bad_rows(con: Any, typed: Typed) -> list[BadRow]:
    """The rows of rows_<kind> that have a problem, in file order."""
    kind = typed.kind

    def shown(rowid: str) -> str:  # the row a spreadsheet shows: the header is row 1, a blank line is a row
        return f"({rowid} + 2 + (SELECT count(*) FROM blank_{kind} b WHERE b.before <= {rowid}))"

    first = "NULL"
    if typed.key:
        first = f'(SELECT {shown("min(f.rowid)")} FROM rows_{kind} f WHERE f."{typed.key}" = r."{typed.key}")'
    found = con.execute(
        f"SELECT {shown('r.rowid')}, problem, problem_value, "
        f"CASE WHEN problem = {len(typed.checks) - 1} THEN {first} END "
        f"FROM rows_{kind} r WHERE problem IS NOT NULL ORDER BY rowid"
    ).fetchall()
    out = []
    for row, index, text, first_row in found:
        check = typed.checks[index]
        out.append(BadRow(row, check.column, check.problem, text, first_row if check.problem == DUPLICATE else None))
    return out


class Problem(Protocol):
    problem: str
    value: str | None
    first: int | None


def problem_text(bad: Problem, lang: str, **extra: object) -> str:
    """The row's problem in words."""
    return say(lang, bad.problem, value=bad.value, first=bad.first, **extra)


def refuse_first(
    bad: Sequence[BadRow], label: str, lang: str, columns: dict[str, str] | None = None, **extra: object
) -> None:
    """--strict: the first bad row stops the command (exit 2), naming file, row and column (as the file names
    it: `columns` maps ours to the export's)."""
    if bad:
        b = bad[0]
        column = (columns or {}).get(b.column, b.column)
        line = say(lang, "bad_row_line", row=b.row, column=column, problem=problem_text(b, lang, **extra))
        raise InputError(label, None, line)


MAX_LISTED = 20


def row_list(rows: Sequence[int]) -> str:
    """'5, 17, 230' — at most MAX_LISTED numbers, then '… (+N)'."""
    shown = ", ".join(str(r) for r in rows[:MAX_LISTED])
    return shown if len(rows) <= MAX_LISTED else f"{shown}, … (+{len(rows) - MAX_LISTED})"


def grouped(bad: Sequence[BadRow]) -> dict[tuple[str, str], list[int]]:
    """(problem, column) → row numbers, in a stable order."""
    out: dict[tuple[str, str], list[int]] = {}
    for b in bad:
        out.setdefault((b.problem, b.column), []).append(b.row)
    return dict(sorted(out.items()))


def method_note(bad: Sequence[BadRow]) -> str:
    """The bad rows in the language-neutral method form: `bad_rows=3 (duplicate_id:id@5,17; ...)`."""
    if not bad:
        return "bad_rows=0"
    parts = [f"{p}:{c}@{row_list(rows).replace(', ', ',')}" for (p, c), rows in grouped(bad).items()]
    return f"bad_rows={len(bad)} ({'; '.join(parts)})"
