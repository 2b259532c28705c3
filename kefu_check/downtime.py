"""Art. 2.1(2) arithmetic: outage minutes inside service hours, per local day (SPEC §4.4).

Overlapping outages count once: the counted outages are merged before they are measured. Minutes
are exact (seconds count); the engine receives them as integer microseconds.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING

from .calendar import Calendar, ServiceHours, interval_service_minutes
from .money import fmt_minutes

if TYPE_CHECKING:
    from .models import Outage

US_PER_MINUTE = 60_000_000


def minutes_of(us: int) -> int | str:
    """Microseconds as SPEC §3 minutes: an integer when whole, else two decimals."""
    return fmt_minutes(Decimal(us) / US_PER_MINUTE)


def localise(moment: datetime, hours: ServiceHours) -> datetime:
    """A timestamp without offset is local time in the contract's time zone (SPEC §2)."""
    return moment.replace(tzinfo=hours.tz) if moment.tzinfo is None else moment


def merged(intervals: list[tuple[datetime, datetime]]) -> list[tuple[datetime, datetime]]:
    """The union of intervals, as disjoint sorted intervals."""
    out: list[tuple[datetime, datetime]] = []
    for start, end in sorted(intervals):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        elif end > start:
            out.append((start, end))
    return out


def outage_minutes_by_day(
    outages: list[Outage], hours: ServiceHours, cal: Calendar, first: date, last: date
) -> dict[date, Fraction]:
    """Minutes of the union of `outages` inside service hours, per local day of first..last."""
    lo = datetime.combine(first, time(0), tzinfo=hours.tz)
    hi = datetime.combine(last + timedelta(days=1), time(0), tzinfo=hours.tz)
    pieces = [(max(localise(o.start, hours), lo), min(localise(o.end, hours), hi)) for o in outages]
    by_day: dict[date, Fraction] = defaultdict(Fraction)
    for start, end in merged(pieces):
        day = start.astimezone(hours.tz).date()
        while True:
            day_end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=hours.tz)
            minutes = interval_service_minutes(
                hours, max(start, datetime.combine(day, time(0), tzinfo=hours.tz)), min(end, day_end), cal
            )
            if minutes:
                by_day[day] += minutes
            if end <= day_end:
                break
            day += timedelta(days=1)
    return dict(by_day)


def to_us(minutes: Fraction | int) -> int:
    """Exact minutes → integer microseconds (timestamps carry at most microseconds)."""
    return int(Fraction(minutes) * US_PER_MINUTE)
