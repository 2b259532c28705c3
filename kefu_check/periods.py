"""Calendar arithmetic on months, quarters and terms (no working days here: see calendar.py)."""

from __future__ import annotations

import calendar as _cal
import functools
from datetime import date, timedelta

ONE_DAY = timedelta(days=1)


@functools.lru_cache(maxsize=1024)  # a check asks for the same few months about ten times
def month_bounds(period: str) -> tuple[date, date]:
    """'2026-10' → (2026-10-01, 2026-10-31)."""
    year, month = int(period[:4]), int(period[5:7])
    return date(year, month, 1), date(year, month, _cal.monthrange(year, month)[1])


def cycle_bounds(cycle: str) -> tuple[date, date]:
    """'2026-09' or '2026-Q3' → its first and last day."""
    if cycle[5] == "Q":
        year, quarter = int(cycle[:4]), int(cycle[6])
        first, _ = month_bounds(f"{year}-{3 * quarter - 2:02d}")
        _, last = month_bounds(f"{year}-{3 * quarter:02d}")
        return first, last
    return month_bounds(cycle)


def cycle_months(cycle: str) -> int:
    """How many months a cycle spans: 1 for 'YYYY-MM', 3 for 'YYYY-Qn'."""
    return 3 if cycle[5] == "Q" else 1


def add_months(day: date, months: int) -> date:
    """Same day of month `months` later (or earlier), clipped to the month's end: 12-31 − 1 → 11-30."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, _cal.monthrange(year, month)[1]))


def renewed_end(end: date, months: int) -> date:
    """End of a term renewed for `months` after `end`: (end + 1 day) + months − 1 day (Civil Code 201–202)."""
    return add_months(end + ONE_DAY, months) - ONE_DAY


def report_period_of(day: date, every: str) -> str:
    """The report period ('YYYY-MM' or 'YYYY-Qn') containing `day`."""
    if every == "quarter":
        return f"{day.year}-Q{(day.month - 1) // 3 + 1}"
    return f"{day.year}-{day.month:02d}"


def report_periods_between(first: date, last: date, every: str) -> list[str]:
    """Every report period overlapping [first, last], in order."""
    out: list[str] = []
    day = first
    while day <= last:
        period = report_period_of(day, every)
        out.append(period)
        day = cycle_bounds(period)[1] + ONE_DAY
    return out


def report_periods_owed(term_start: date, term_end: date, from_day: date, every: str, due_days: int) -> list[str]:
    """The report periods overlapping the term [term_start, term_end] that can fall due on or after `from_day`
    (`due_days` working days after the period: at most 2n + 40 calendar days, Spring Festival included).
    A term that ended long before `from_day` still owes the report of the period it ended in (a quarter's)."""
    lo = max(term_start, min(from_day - timedelta(days=2 * due_days + 40), term_end))
    return report_periods_between(lo, term_end, every) if lo <= term_end else []


def days(first: date, last: date) -> list[date]:
    """Every day from first to last inclusive."""
    return [first + timedelta(n) for n in range((last - first).days + 1)]


def compress_days(values: list[date]) -> str:
    """[10-25, 10-26, 10-27, 10-30] → '2026-10-25…2026-10-27, 2026-10-30'."""
    runs: list[tuple[date, date]] = []
    for day in sorted(values):
        if runs and runs[-1][1] + ONE_DAY == day:
            runs[-1] = (runs[-1][0], day)
        else:
            runs.append((day, day))
    return ", ".join(a.isoformat() if a == b else f"{a.isoformat()}…{b.isoformat()}" for a, b in runs)
