"""Resolution within the limit (2.1(3)): `hours` of elapsed time, or PRC `working_days`.

Working days: the day of opening is not counted, and the limit ends with the last day's service hours
(Civil Code Art. 203). The limit of each opening day comes from a small table built from the Calendar
(one row a day of the period) and joined in the engine, never computed per ticket in Python.
A ticket without `resolved_at` is late once its limit lies before the end of `as_of`, and left out
(pending) until then.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from ..calendar import Calendar, ServiceHours, service_window
from .clock import Window, epoch_us, local_midnight_us
from .rows import Typed, interval, type_rows

HOUR_US = 3_600_000_000


@dataclass(frozen=True)
class Resolution:
    rows: int
    cases: int
    on_time: int
    late_resolved: int
    late_open: int
    pending: int
    outside: int


def type_tickets(con: Any) -> Typed:
    """rows_tickets with opened_at_us, resolved_at_us."""
    typed, checks = interval("opened_at", "resolved_at", "before_arrival")
    return type_rows(con, "tickets", typed, checks)


def deadline_table(
    con: Any, within: int, window: Window, hours: ServiceHours | None, cal: Calendar
) -> list[tuple[date, int]]:
    """CREATE TABLE limits (start_us, deadline_us): for each day of the period, the limit of a ticket opened then.

    The limit is the end of the service hours (midnight without service hours) of the `within`-th PRC
    working day after the opening day. Returns the rows, for the method note and for tests.
    """
    rows: list[tuple[date, int]] = []
    day = window.first
    while day <= window.last:
        rows.append((day, _limit_end(cal.add_working_days(day, within), window, hours)))
        day += timedelta(days=1)
    values = ", ".join(f"({local_midnight_us(d, window.tz)}, {us})" for d, us in rows)
    con.execute(f"CREATE TABLE limits AS SELECT * FROM (VALUES {values}) v(start_us, deadline_us)")
    return rows


def _limit_end(day: date, window: Window, hours: ServiceHours | None) -> int:
    if hours is None:
        return local_midnight_us(day + timedelta(days=1), window.tz)
    return epoch_us(service_window(hours, day)[1])


def resolution(con: Any, within: int, unit: str, window: Window) -> Resolution:
    """The period's resolution figures from rows_tickets (and `limits` for working days)."""
    inside = f"opened_at_us >= {window.lo_us} AND opened_at_us < {window.hi_us}"
    if unit == "hours":
        tickets = f"SELECT *, opened_at_us + {within * HOUR_US} AS deadline_us FROM good WHERE {inside}"
    else:
        tickets = (
            "SELECT good.*, deadline_us FROM good ASOF JOIN limits ON good.opened_at_us >= limits.start_us "
            f"WHERE {inside}"
        )
    query = f"""
        WITH good AS (SELECT * FROM rows_tickets WHERE problem IS NULL), t AS ({tickets})
        SELECT
          count(*),
          count(*) FILTER (WHERE resolved_at_us IS NOT NULL AND resolved_at_us <= deadline_us),
          count(*) FILTER (WHERE resolved_at_us IS NOT NULL AND resolved_at_us > deadline_us),
          count(*) FILTER (WHERE resolved_at_us IS NULL AND deadline_us < {window.as_of_end_us}),
          count(*) FILTER (WHERE resolved_at_us IS NULL AND deadline_us >= {window.as_of_end_us}),
          (SELECT count(*) FROM good WHERE NOT ({inside}))
        FROM t
    """
    rows, on_time, late_resolved, late_open, pending, outside = (int(x) for x in con.execute(query).fetchall()[0])
    return Resolution(rows, on_time + late_resolved + late_open, on_time, late_resolved, late_open, pending, outside)


def method(r: Resolution, source: str, within: int, unit: str, hours: ServiceHours | None, bad: str) -> str:
    """The figure's definition and its counts, in the language-neutral method form (docs/metrics.md)."""
    if unit == "hours":
        limit = f"opened_at+{within}h"
    else:
        end = "24:00" if hours is None else _hhmm(hours.end_minutes)
        limit = f"end_of_service_hours({end})_of_working_day_{within}_after_opening_day(PRC_calendar)"
    return (
        f"resolution/v1 source={source} on_time=resolved_at<={limit} rows={r.rows} "
        f"late_resolved={r.late_resolved} unresolved_past_limit={r.late_open} unresolved_pending={r.pending} "
        f"outside_period={r.outside} {bad}"
    )


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


