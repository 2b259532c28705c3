"""PRC working-day calendar and service-hour arithmetic.

Working days come from the maintained ``chinesecalendar`` package (statutory holidays and 调休 adjusted
working days). Years it has no data for are *fail-closed*: any computation that needs one raises
:class:`CalendarGap` unless the user supplied that year's State Council arrangement (``--holidays FILE``).

Holiday blocks (SPEC §2): a Saturday or Sunday is a statutory day off when the run of consecutive days off
that contains it includes a holiday falling on a weekday (放假调休, 与周末连休, 补休), even where the holiday
list leaves it out (``chinesecalendar`` omits 27 such days of 2010–2026, e.g. 2018-09-22/23). It matters
only to service days of a 6- or 7-day week under ``calendar: statutory``; working days are unchanged.
"""

from __future__ import annotations

import functools
import zoneinfo
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import MAXYEAR, MINYEAR, UTC, date, datetime, time, timedelta
from fractions import Fraction

import chinese_calendar
from chinese_calendar import constants as _cc_constants

__all__ = [
    "DEFAULT",
    "Calendar",
    "CalendarGap",
    "HolidaysFileError",
    "ServiceHours",
    "YearArrangement",
    "day_service_minutes",
    "interval_service_minutes",
    "scheduled_minutes",
    "service_window",
]

_ONE_DAY = timedelta(days=1)
_ONE_US = timedelta(microseconds=1)
_US_PER_MINUTE = 60_000_000
_WEEKEND = frozenset({5, 6})
_NO_DAYS: frozenset[date] = frozenset()


class CalendarGap(Exception):
    """A computation needs a year the calendar has no data for."""

    year: int

    def __init__(self, year: int) -> None:
        super().__init__(year)
        self.year = year

    def __str__(self) -> str:
        y = self.year
        return (
            f"no PRC holiday data for {y}: supply the State Council's arrangement with --holidays FILE "
            f'({{"year": {y}, "holidays": [...], "workdays": [...]}}); '
            f"make it from the notice with `kefu-check holidays NOTICE -o holidays/{y}.json` "
            "(a holidays/ folder beside the contract is read without the flag)"
        )


class HolidaysFileError(ValueError):
    """Bad ``--holidays`` file; ``str(e)`` is one line: ``'<path>: <field>: <problem>'``."""


@dataclass(frozen=True)
class YearArrangement:
    """One year's official arrangement: days off and adjusted (调休) working days."""

    year: int
    holidays: frozenset[date]  # days off (may include weekend days inside a break)
    workdays: frozenset[date]  # adjusted working days (调休), usually weekend days

    def __post_init__(self) -> None:
        for d in self.holidays | self.workdays:
            if d.year != self.year:
                raise ValueError(f"{d.isoformat()} is not in year {self.year}")
        both = self.holidays & self.workdays
        if both:
            raise ValueError(f"{min(both).isoformat()} is both a holiday and a workday")


# --------------------------------------------------------------------------- holidays file


# --------------------------------------------------------------------------- calendar


@functools.cache
def _package_year(year: int) -> YearArrangement | None:
    """The package's arrangement for ``year``, or None if it has no data (detected once per year)."""
    if not MINYEAR < year < MAXYEAR:
        return None
    try:
        chinese_calendar.is_workday(date(year, 1, 1))
    except NotImplementedError:
        return None
    return YearArrangement(
        year=year,
        holidays=frozenset(d for d in _cc_constants.holidays if d.year == year),
        workdays=frozenset(d for d in _cc_constants.workdays if d.year == year),
    )


@dataclass(frozen=True)
class _Year:
    holidays: frozenset[date]
    workdays: frozenset[date]
    workday_ordinals: tuple[int, ...]  # sorted ordinals of PRC working days in the year


def _days_of_year(year: int) -> range:
    first = date(year, 1, 1).toordinal()
    return range(first, date(year, 12, 31).toordinal() + 1)


@functools.cache
def _weekly_prefix(year: int, weekdays: frozenset[int]) -> tuple[int, ...]:
    """prefix[i] = number of days among the year's first i days whose weekday is in ``weekdays``."""
    out = [0]
    for o in _days_of_year(year):
        out.append(out[-1] + ((o + 6) % 7 in weekdays))  # ordinal 1 (0001-01-01) is a Monday
    return tuple(out)


@functools.cache
def _year_of(arr: YearArrangement) -> _Year:
    """A year's lookup tables, built once per process for each arrangement."""
    ordinals = tuple(
        o
        for o in _days_of_year(arr.year)
        if (d := date.fromordinal(o)) in arr.workdays or (d.weekday() < 5 and d not in arr.holidays)
    )
    return _Year(arr.holidays, arr.workdays, ordinals)


def _block_walk(d: date, lookup: Callable[[int], _Year | None]) -> bool:
    """Whether weekend day ``d`` (not listed, not 调休) lies in a run of days off with a weekday holiday.

    Both directions are walked first; :class:`CalendarGap` is raised only when neither finds a weekday
    holiday and a run reaches a year that ``lookup`` has no data for (the answer then depends on it).
    """
    missing: int | None = None
    for step in (-_ONE_DAY, _ONE_DAY):
        x = d + step
        while True:
            y = lookup(x.year)
            if y is None:
                missing = x.year if missing is None else missing
                break
            if x in y.workdays or (x.weekday() < 5 and x not in y.holidays):
                break  # a working day ends the run
            if x.weekday() < 5:
                return True  # a day off on a weekday is a listed holiday
            x += step
    if missing is not None:
        raise CalendarGap(missing)
    return False


@dataclass(frozen=True)
class _Blocks:
    """A year's weekend days that holiday blocks add to the holiday list."""

    days: frozenset[date]  # weekend days off by the block rule, not in the holiday list
    pending: frozenset[date]  # weekend days whose run reaches past the neighbouring years given


@functools.cache
def _blocks_of(arr: YearArrangement, prev: YearArrangement | None, nxt: YearArrangement | None) -> _Blocks:
    """Block weekend days of ``arr.year`` from it and its neighbours, built once per process per triple."""
    near = {a.year: _year_of(a) for a in (prev, arr, nxt) if a is not None}
    days: set[date] = set()
    pending: set[date] = set()
    for o in _days_of_year(arr.year):
        if (o + 6) % 7 < 5:
            continue
        d = date.fromordinal(o)
        if d in arr.holidays or d in arr.workdays:
            continue
        try:
            if _block_walk(d, near.get):
                days.add(d)
        except CalendarGap:
            pending.add(d)
    return _Blocks(frozenset(days), frozenset(pending))


@dataclass(frozen=True)
class _Prefix:
    counts: tuple[int, ...]  # counts[i] = statutory service days among the year's first i days
    estimated: tuple[tuple[int, int], ...]  # (day index, year): a day counted weekly, as it needs that year


@functools.cache
def _statutory_prefix_of(arr: YearArrangement, blocked: frozenset[date], weekdays: frozenset[int]) -> _Prefix:
    """The year's statutory service-day prefix (``blocked``: its block weekend days), once per process."""
    out = [0]
    for o in _days_of_year(arr.year):
        d = date.fromordinal(o)
        service = d in arr.workdays or (d.weekday() in weekdays and d not in arr.holidays and d not in blocked)
        out.append(out[-1] + service)
    return _Prefix(tuple(out), ())


class Calendar:
    """PRC working days; ``extra`` years override or extend the package's data."""

    def __init__(self, extra: Iterable[YearArrangement] = ()) -> None:
        self._extra: dict[int, YearArrangement] = {}
        for arrangement in extra:
            if arrangement.year in self._extra:
                raise ValueError(f"year {arrangement.year} supplied more than once")
            self._extra[arrangement.year] = arrangement
        self._years: dict[int, _Year | None] = {}
        self._blocks: dict[int, _Blocks] = {}
        self._prefix: dict[tuple[int, frozenset[int]], _Prefix | None] = {}

    def _arrangement(self, year: int) -> YearArrangement | None:
        return self._extra.get(year) or _package_year(year)

    def _year_or_none(self, year: int) -> _Year | None:
        try:
            return self._years[year]
        except KeyError:
            pass
        arr = self._arrangement(year)
        info = None if arr is None else _year_of(arr)
        self._years[year] = info
        return info

    def _blocks_for(self, year: int, arr: YearArrangement) -> _Blocks:
        try:
            return self._blocks[year]
        except KeyError:
            pass
        blocks = _blocks_of(arr, self._arrangement(year - 1), self._arrangement(year + 1))
        self._blocks[year] = blocks
        return blocks

    def _is_block_day(self, d: date) -> bool:
        """A weekend day (known year, not listed, not 调休) that a holiday block takes in."""
        arr = self._arrangement(d.year)
        assert arr is not None
        blocks = self._blocks_for(d.year, arr)
        if d in blocks.pending:
            return _block_walk(d, self._year_or_none)
        return d in blocks.days

    def _year(self, year: int) -> _Year:
        info = self._year_or_none(year)
        if info is None:
            raise CalendarGap(year)
        return info

    def has_year(self, year: int) -> bool:
        """Whether working-day data exists for ``year`` (package or supplied)."""
        return self._year_or_none(year) is not None

    def is_workday(self, d: date) -> bool:
        """PRC working day (raises :class:`CalendarGap` without data)."""
        y = self._year(d.year)
        return d in y.workdays or (d.weekday() < 5 and d not in y.holidays)

    def is_holiday(self, d: date) -> bool:
        """Statutory day off: the holiday list and every weekend day of a holiday block (SPEC §2).

        Raises :class:`CalendarGap` for ``d``'s year without data, or when the block a weekend day may
        belong to runs into a year without data and the answer depends on it.
        """
        y = self._year(d.year)
        if d in y.holidays:
            return True
        if d.weekday() < 5 or d in y.workdays:
            return False
        return self._is_block_day(d)

    def is_adjusted_workday(self, d: date) -> bool:
        """调休 adjusted working day (raises :class:`CalendarGap`)."""
        return d in self._year(d.year).workdays

    def add_working_days(self, after: date, n: int) -> date:
        """The ``n``-th PRC working day strictly after ``after`` (n >= 1)."""
        if n < 1:
            raise ValueError(f"n must be >= 1, got {n}")
        start = after.toordinal() + 1
        year = date.fromordinal(start).year
        remaining = n
        while True:
            ordinals = self._year(year).workday_ordinals
            i = bisect_left(ordinals, start)
            available = len(ordinals) - i
            if remaining <= available:
                return date.fromordinal(ordinals[i + remaining - 1])
            remaining -= available
            year += 1
            start = date(year, 1, 1).toordinal()

    def working_days_between(self, after: date, until: date) -> list[date]:
        """Working days ``d`` with ``after < d <= until`` (raises :class:`CalendarGap` for a needed year)."""
        lo, hi = after.toordinal() + 1, until.toordinal()
        if hi < lo:
            return []
        out: list[date] = []
        for year in range(date.fromordinal(lo).year, until.year + 1):
            ordinals = self._year(year).workday_ordinals
            chosen = ordinals[bisect_left(ordinals, lo) : bisect_right(ordinals, hi)]
            out.extend(map(date.fromordinal, chosen))
        return out

    def is_service_day(self, d: date, weekdays: frozenset[int], statutory: bool) -> bool:
        """Service day: statutory follows holidays and 调休; weekly is just ``d.weekday() in weekdays``."""
        if not statutory:
            return d.weekday() in weekdays
        y = self._year(d.year)
        if d in y.workdays:
            return True
        if d.weekday() not in weekdays or d in y.holidays:
            return False
        return d.weekday() < 5 or not self._is_block_day(d)

    def _statutory_prefix(self, year: int, weekdays: frozenset[int]) -> _Prefix | None:
        """The year's statutory service-day prefix; None without data for the year."""
        key = (year, weekdays)
        try:
            return self._prefix[key]
        except KeyError:
            pass
        arr = self._arrangement(year)
        got: _Prefix | None = None
        if arr is not None and weekdays.isdisjoint(_WEEKEND):  # blocks only add weekend days
            got = _statutory_prefix_of(arr, _NO_DAYS, weekdays)
        elif arr is not None:
            blocks = self._blocks_for(year, arr)
            blocked, unresolved = blocks.days, []
            jan1 = date(year, 1, 1).toordinal()
            for d in sorted(blocks.pending):
                if d.weekday() not in weekdays:
                    continue
                try:
                    if _block_walk(d, self._year_or_none):
                        blocked = blocked | {d}
                except CalendarGap as gap:  # counted as a service day (the weekly pattern), announced
                    unresolved.append((d.toordinal() - jan1, gap.year))
            got = _statutory_prefix_of(arr, blocked, weekdays)
            if unresolved:
                got = _Prefix(got.counts, tuple(unresolved))
        self._prefix[key] = got
        return got


DEFAULT = Calendar()


# --------------------------------------------------------------------------- service hours


@dataclass(frozen=True)
class ServiceHours:
    """Agreed service hours: a daily local window on service days."""

    weekdays: frozenset[int]  # Mon=0..Sun=6
    start: time  # local, naive, whole minutes
    end_minutes: int  # minutes after midnight of the end, 1..1440 ("24:00" = 1440); end > start
    tz: zoneinfo.ZoneInfo
    statutory: bool  # True = 'statutory' calendar, False = 'weekly'

    def __post_init__(self) -> None:
        if not self.weekdays <= frozenset(range(7)):
            raise ValueError(f"weekdays must be within 0..6, got {sorted(self.weekdays)}")
        if self.start.tzinfo is not None or self.start.second or self.start.microsecond:
            raise ValueError("start must be a naive time in whole minutes")
        if not self.start_minutes < self.end_minutes <= 1440:
            raise ValueError(f"end_minutes must be in ({self.start_minutes}, 1440], got {self.end_minutes}")

    @property
    def start_minutes(self) -> int:
        """Minutes after midnight of the start."""
        return self.start.hour * 60 + self.start.minute

    @property
    def window_minutes(self) -> int:
        """Nominal (wall-clock) length of one day's window."""
        return self.end_minutes - self.start_minutes


def day_service_minutes(hours: ServiceHours, d: date, cal: Calendar) -> int:
    """The window's elapsed minutes on ``d`` if it is a service day, else 0 (may raise :class:`CalendarGap` if
    statutory). Elapsed, as outages are measured: on a DST-change day a 00:00–24:00 window is 23 or 25 hours."""
    if not cal.is_service_day(d, hours.weekdays, hours.statutory):
        return 0
    return hours.window_minutes + _dst_shifts(hours.tz, hours.start, hours.end_minutes, d.year).get(d.toordinal(), 0)


@functools.cache
def _dst_shifts(tz: zoneinfo.ZoneInfo, start: time, end_minutes: int, year: int) -> dict[int, int]:
    """ordinal → elapsed minus nominal minutes of the window, for the days of ``year`` whose window a UTC-offset
    change (daylight saving time) falls in; empty for a zone without one (Asia/Shanghai)."""
    out: dict[int, int] = {}
    hours = ServiceHours(frozenset(range(7)), start, end_minutes, tz, False)
    for o in _days_of_year(year):
        ws, we = service_window(hours, date.fromordinal(o))
        if ws.utcoffset() != we.utcoffset():
            elapsed = (we.astimezone(UTC) - ws.astimezone(UTC)) // timedelta(minutes=1)
            out[o] = elapsed - hours.window_minutes
    return out


def service_window(hours: ServiceHours, d: date) -> tuple[datetime, datetime]:
    """Aware start and end of ``d``'s window (the end may be the next local midnight)."""
    start = datetime.combine(d, hours.start, tzinfo=hours.tz)
    end = datetime.combine(d, time(0), tzinfo=hours.tz) + timedelta(minutes=hours.end_minutes)
    return start, end


def interval_service_minutes(hours: ServiceHours, start: datetime, end: datetime, cal: Calendar) -> Fraction:
    """Exact minutes of ``[start, end)`` (aware datetimes) that fall inside service hours.

    Elapsed (UTC) time is measured, so on a DST-change day this can differ from the nominal window length.
    Only days whose window actually overlaps the interval are looked up in the calendar.
    """
    for name, value in (("start", start), ("end", end)):
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(f"{name} must be an aware datetime, got {value.isoformat()}")
    s, e = start.astimezone(UTC), end.astimezone(UTC)
    if e <= s:
        return Fraction(0)
    d, last = s.astimezone(hours.tz).date(), e.astimezone(hours.tz).date()
    total_us = 0
    while d <= last:
        ws, we = (x.astimezone(UTC) for x in service_window(hours, d))
        lo, hi = max(s, ws), min(e, we)
        if hi > lo and cal.is_service_day(d, hours.weekdays, hours.statutory):
            total_us += (hi - lo) // _ONE_US
        d += _ONE_DAY
    return Fraction(total_us, _US_PER_MINUTE)


def scheduled_minutes(hours: ServiceHours, first: date, last: date, cal: Calendar) -> tuple[int, tuple[int, ...]]:
    """Service minutes of ``first..last`` inclusive, and the sorted years that had to be estimated.

    For a statutory calendar a year without data is counted with the weekly pattern and listed; never raises
    :class:`CalendarGap`.
    """
    if last < first:
        return 0, ()
    days = 0
    shift_minutes = 0  # DST days: elapsed minus nominal window minutes (day_service_minutes)
    estimated: list[int] = []
    for year in range(first.year, last.year + 1):
        jan1 = date(year, 1, 1).toordinal()
        lo = max(first.toordinal(), jan1) - jan1
        hi = min(last.toordinal(), date(year, 12, 31).toordinal()) - jan1 + 1
        got = cal._statutory_prefix(year, hours.weekdays) if hours.statutory else None
        if got is None:
            if hours.statutory:
                estimated.append(year)
            prefix = _weekly_prefix(year, hours.weekdays)
        else:
            prefix = got.counts
            if got.estimated:  # days counted weekly as their block runs into a year without data
                estimated.extend(needed for i, needed in got.estimated if lo <= i < hi)
        days += prefix[hi] - prefix[lo]
        for o, shift in _dst_shifts(hours.tz, hours.start, hours.end_minutes, year).items():
            if lo <= o - jan1 < hi and _counted_as_service_day(hours, date.fromordinal(o), cal, got is None):
                shift_minutes += shift
    return days * hours.window_minutes + shift_minutes, tuple(sorted(set(estimated))) if estimated else ()


def _counted_as_service_day(hours: ServiceHours, d: date, cal: Calendar, weekly: bool) -> bool:
    """Whether scheduled_minutes counted ``d`` as a service day (the weekly pattern where it estimated)."""
    if weekly or not hours.statutory:
        return d.weekday() in hours.weekdays
    try:
        return cal.is_service_day(d, hours.weekdays, True)
    except CalendarGap:  # a block running into a year without data: counted with the weekly pattern
        return d.weekday() in hours.weekdays
