"""Clock: the period and `as_of` as instants (microseconds since the epoch) in the contract's time zone."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from ..periods import month_bounds

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_ONE_US = timedelta(microseconds=1)


def epoch_us(moment: datetime) -> int:
    """An aware instant as whole microseconds since 1970-01-01 UTC (exact, no float)."""
    return (moment - _EPOCH) // _ONE_US


def local_midnight_us(day: date, tz: ZoneInfo) -> int:
    """The instant `day` begins in `tz`."""
    return epoch_us(datetime.combine(day, time(0), tzinfo=tz))


def iso_local(us: int, tz: ZoneInfo) -> str:
    """An instant as an ISO 8601 timestamp with the time zone's offset: '2026-10-12T10:00:00+08:00'."""
    return (_EPOCH + us * _ONE_US).astimezone(tz).isoformat()


@dataclass(frozen=True)
class Window:
    """The period [lo_us, hi_us) and the end of the `as_of` day, in the contract's time zone."""

    tz: ZoneInfo
    first: date
    last: date
    as_of: date
    lo_us: int
    hi_us: int
    as_of_end_us: int

    @classmethod
    def of(cls, period: str, as_of: date | None, tz: ZoneInfo) -> Window:
        first, last = month_bounds(period)
        as_of = as_of or last
        after = last + timedelta(days=1)
        return cls(
            tz,
            first,
            last,
            as_of,
            local_midnight_us(first, tz),
            local_midnight_us(after, tz),
            local_midnight_us(as_of + timedelta(days=1), tz),
        )
