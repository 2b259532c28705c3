"""Tests for kefu_check.calendar: PRC working days, fail-closed years, service-hour minutes."""

from __future__ import annotations

import json
import pathlib
import re
from datetime import UTC, date, datetime, time, timedelta
from fractions import Fraction
from zoneinfo import ZoneInfo

import chinese_calendar
import pytest
from chinese_calendar import constants as _cc_constants
from conftest import statutory_days
from hypothesis import given, settings
from hypothesis import strategies as st

from kefu_check.calendar import (
    DEFAULT,
    Calendar,
    CalendarGap,
    HolidaysFileError,
    ServiceHours,
    YearArrangement,
    day_service_minutes,
    interval_service_minutes,
    scheduled_minutes,
    service_window,
)
from kefu_check.holidays.files import load_holidays_file

SH = ZoneInfo("Asia/Shanghai")
NY = ZoneInfo("America/New_York")
MON_FRI = frozenset(range(5))
ALL_WEEK = frozenset(range(7))


def hours(statutory: bool = True, weekdays: frozenset[int] = MON_FRI, start: time = time(9),
          end_minutes: int = 18 * 60, tz: ZoneInfo = SH) -> ServiceHours:
    return ServiceHours(weekdays=weekdays, start=start, end_minutes=end_minutes, tz=tz, statutory=statutory)


def at(y: int, mo: int, d: int, h: int = 0, mi: int = 0, s: int = 0, us: int = 0,
       tz: ZoneInfo = SH) -> datetime:
    return datetime(y, mo, d, h, mi, s, us, tzinfo=tz)


def days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


# 2027 arrangement as a user would supply it (illustrative, not the official one)
Y2027 = YearArrangement(
    year=2027,
    holidays=frozenset({date(2027, 1, 1), date(2027, 2, 5), date(2027, 2, 8), date(2027, 10, 1)}),
    workdays=frozenset({date(2027, 2, 6)}),  # a Saturday
)


# --------------------------------------------------------------------------- working days


@pytest.mark.parametrize(
    ("after", "n", "expected"),
    [
        (date(2026, 9, 30), 10, date(2026, 10, 20)),  # National Day 10-01..10-07, Sat 10-10 worked
        (date(2026, 4, 30), 10, date(2026, 5, 18)),  # Labour Day, Sat 05-09 worked
        (date(2026, 2, 28), 10, date(2026, 3, 13)),
        (date(2026, 3, 31), 10, date(2026, 4, 15)),  # Qingming 04-06
        (date(2026, 5, 31), 10, date(2026, 6, 12)),
        (date(2026, 8, 31), 5, date(2026, 9, 7)),
        (date(2026, 9, 30), 1, date(2026, 10, 8)),
        (date(2025, 12, 31), 1, date(2026, 1, 4)),  # next year: 01-01..01-03 off, Sun 01-04 worked
    ],
)
def test_add_working_days(after: date, n: int, expected: date) -> None:
    assert Calendar().add_working_days(after, n) == expected


def test_add_working_days_rejects_non_positive_n() -> None:
    with pytest.raises(ValueError):
        DEFAULT.add_working_days(date(2026, 1, 5), 0)


def test_2026_has_248_working_days() -> None:
    cal = Calendar()
    assert sum(cal.is_workday(d) for d in days(date(2026, 1, 1), date(2026, 12, 31))) == 248
    assert len(cal.working_days_between(date(2025, 12, 31), date(2026, 12, 31))) == 248


def test_agrees_with_chinese_calendar_for_every_covered_day() -> None:
    cal = Calendar()
    for d in days(date(2004, 1, 1), date(2026, 12, 31)):
        assert cal.is_workday(d) == chinese_calendar.is_workday(d), d


def test_holiday_and_adjusted_workday_flags() -> None:
    cal = Calendar()
    assert cal.is_holiday(date(2026, 10, 1)) and not cal.is_workday(date(2026, 10, 1))
    assert cal.is_holiday(date(2026, 10, 3))  # Saturday inside the break
    assert cal.is_adjusted_workday(date(2026, 10, 10)) and cal.is_workday(date(2026, 10, 10))
    assert not cal.is_holiday(date(2026, 10, 12)) and not cal.is_adjusted_workday(date(2026, 10, 12))
    assert not cal.is_workday(date(2026, 10, 11))  # ordinary Sunday


def test_working_days_between() -> None:
    cal = Calendar()
    got = cal.working_days_between(date(2026, 9, 30), date(2026, 10, 12))
    assert got == [date(2026, 10, 8), date(2026, 10, 9), date(2026, 10, 10), date(2026, 10, 12)]
    assert cal.working_days_between(date(2026, 10, 12), date(2026, 10, 12)) == []
    assert cal.working_days_between(date(2026, 10, 12), date(2026, 10, 1)) == []


# --------------------------------------------------------------------------- fail-closed years


def test_gap_for_year_without_data() -> None:
    cal = Calendar()
    assert cal.has_year(2026) and not cal.has_year(2027) and not cal.has_year(2003)
    with pytest.raises(CalendarGap) as exc:
        cal.is_workday(date(2027, 1, 4))
    assert exc.value.year == 2027
    assert str(exc.value) == (
        "no PRC holiday data for 2027: supply the State Council's arrangement with --holidays FILE "
        '({"year": 2027, "holidays": [...], "workdays": [...]}); '
        "make it from the notice with `kefu-check holidays NOTICE -o holidays/2027.json` "
        "(a holidays/ folder beside the contract is read without the flag)"
    )
    for call in (cal.is_holiday, cal.is_adjusted_workday,
                 lambda d: cal.is_service_day(d, MON_FRI, True)):
        with pytest.raises(CalendarGap):
            call(date(2027, 3, 1))


def test_add_working_days_crossing_into_missing_year_is_a_gap() -> None:
    with pytest.raises(CalendarGap) as exc:
        Calendar().add_working_days(date(2026, 12, 31), 1)
    assert exc.value.year == 2027
    with pytest.raises(CalendarGap) as exc:
        Calendar().working_days_between(date(2026, 12, 1), date(2027, 1, 10))
    assert exc.value.year == 2027


def test_supplied_year_is_used() -> None:
    cal = Calendar([Y2027])
    assert cal.has_year(2027)
    assert not cal.is_workday(date(2027, 1, 1))
    assert cal.is_workday(date(2027, 2, 6)) and cal.is_adjusted_workday(date(2027, 2, 6))
    assert cal.add_working_days(date(2026, 12, 31), 1) == date(2027, 1, 4)
    assert cal.add_working_days(date(2027, 2, 4), 2) == date(2027, 2, 9)  # 02-05, 02-08 off; Sat 02-06 worked
    assert cal.is_workday(date(2026, 10, 10))  # package years still there


def test_supplied_year_overrides_package() -> None:
    cal = Calendar([YearArrangement(2026, frozenset({date(2026, 10, 12)}), frozenset())])
    assert cal.is_workday(date(2026, 10, 1)) and not cal.is_workday(date(2026, 10, 12))
    assert not cal.is_workday(date(2026, 10, 10))
    assert DEFAULT.is_workday(date(2026, 10, 10))  # other calendars unaffected


def test_duplicate_supplied_year_rejected() -> None:
    with pytest.raises(ValueError):
        Calendar([Y2027, Y2027])


def test_year_arrangement_validates_dates() -> None:
    with pytest.raises(ValueError):
        YearArrangement(2027, frozenset({date(2026, 1, 1)}), frozenset())
    with pytest.raises(ValueError):
        YearArrangement(2027, frozenset({date(2027, 2, 6)}), frozenset({date(2027, 2, 6)}))


# --------------------------------------------------------------------------- service days, scheduled minutes


def test_weekly_calendar_ignores_holidays() -> None:
    cal = Calendar()
    assert cal.is_service_day(date(2026, 10, 1), MON_FRI, statutory=False)
    assert not cal.is_service_day(date(2026, 10, 1), MON_FRI, statutory=True)
    assert cal.is_service_day(date(2026, 10, 10), MON_FRI, statutory=True)
    assert not cal.is_service_day(date(2026, 10, 10), MON_FRI, statutory=False)
    # weekly never needs data
    assert cal.is_service_day(date(2027, 1, 1), MON_FRI, statutory=False)
    assert day_service_minutes(hours(statutory=False), date(2030, 1, 1), cal) == 540


def test_day_service_minutes() -> None:
    cal = Calendar()
    assert day_service_minutes(hours(), date(2026, 10, 12), cal) == 540
    assert day_service_minutes(hours(), date(2026, 10, 1), cal) == 0
    assert day_service_minutes(hours(), date(2026, 10, 10), cal) == 540
    assert day_service_minutes(hours(start=time(0), end_minutes=1440), date(2026, 10, 12), cal) == 1440


def test_scheduled_minutes_2026_statutory() -> None:
    assert scheduled_minutes(hours(), date(2026, 1, 1), date(2026, 12, 31), Calendar()) == (133_920, ())


def test_scheduled_minutes_estimates_missing_year() -> None:
    weekly_days = sum(d.weekday() < 5 for d in days(date(2027, 1, 1), date(2027, 1, 31)))
    got = scheduled_minutes(hours(), date(2027, 1, 1), date(2027, 1, 31), Calendar())
    assert got == (weekly_days * 540, (2027,))
    dec_2026 = scheduled_minutes(hours(), date(2026, 12, 1), date(2026, 12, 31), Calendar())[0]
    jan_2028 = sum(d.weekday() < 5 for d in days(date(2028, 1, 1), date(2028, 1, 31))) * 540
    full_2027 = sum(d.weekday() < 5 for d in days(date(2027, 1, 1), date(2027, 12, 31))) * 540
    total, est = scheduled_minutes(hours(), date(2026, 12, 1), date(2028, 1, 31), Calendar())
    assert (total, est) == (dec_2026 + full_2027 + jan_2028, (2027, 2028))
    # weekly calendars never estimate
    assert scheduled_minutes(hours(statutory=False), date(2027, 1, 1), date(2027, 1, 31), Calendar())[1] == ()


def test_scheduled_minutes_with_supplied_year() -> None:
    cal = Calendar([Y2027])
    total, est = scheduled_minutes(hours(), date(2027, 1, 1), date(2027, 2, 28), cal)
    assert est == ()
    expected = sum(day_service_minutes(hours(), d, cal) for d in days(date(2027, 1, 1), date(2027, 2, 28)))
    assert total == expected
    weekly = sum(d.weekday() < 5 for d in days(date(2027, 1, 1), date(2027, 2, 28))) * 540
    assert total == weekly - 3 * 540 + 540  # 3 weekday holidays off, one adjusted Saturday


def test_scheduled_minutes_empty_range() -> None:
    assert scheduled_minutes(hours(), date(2026, 5, 2), date(2026, 5, 1), Calendar()) == (0, ())


@settings(max_examples=200, deadline=None)
@given(
    first=st.dates(date(2024, 6, 1), date(2028, 6, 1)),
    span=st.integers(0, 800),
    weekdays=st.frozensets(st.integers(0, 6)),
    statutory=st.booleans(),
)
def test_scheduled_minutes_matches_day_by_day_sum(first: date, span: int, weekdays: frozenset[int],
                                                  statutory: bool) -> None:
    h = hours(statutory=statutory, weekdays=weekdays, start=time(8, 30), end_minutes=20 * 60)
    cal = Calendar()
    last = first + timedelta(days=span)
    expected, est = 0, set()
    for d in days(first, last):
        if statutory and not cal.has_year(d.year):
            est.add(d.year)
            expected += h.window_minutes if d.weekday() in weekdays else 0
        else:
            expected += day_service_minutes(h, d, cal)
    assert scheduled_minutes(h, first, last, cal) == (expected, tuple(sorted(est)))


# --------------------------------------------------------------------------- interval minutes


def test_service_window() -> None:
    s, e = service_window(hours(start=time(0), end_minutes=1440), date(2026, 10, 12))
    assert s == at(2026, 10, 12) and e == at(2026, 10, 13)
    assert service_window(hours(), date(2026, 10, 12)) == (at(2026, 10, 12, 9), at(2026, 10, 12, 18))


def test_outage_straddling_end_of_service_hours() -> None:
    got = interval_service_minutes(hours(), at(2026, 10, 12, 17, 30), at(2026, 10, 12, 19), Calendar())
    assert got == 30


def test_outage_on_statutory_holiday() -> None:
    s, e = at(2026, 10, 1, 10), at(2026, 10, 1, 12)
    assert interval_service_minutes(hours(), s, e, Calendar()) == 0
    assert interval_service_minutes(hours(statutory=False), s, e, Calendar()) == 120


def test_outage_on_adjusted_saturday_counts_in_statutory() -> None:
    s, e = at(2026, 10, 10, 10), at(2026, 10, 10, 11)
    assert interval_service_minutes(hours(), s, e, Calendar()) == 60
    assert interval_service_minutes(hours(statutory=False), s, e, Calendar()) == 0


def test_outage_spanning_midnight_24x7() -> None:
    h = hours(statutory=False, weekdays=ALL_WEEK, start=time(0), end_minutes=1440)
    assert interval_service_minutes(h, at(2026, 10, 12, 23, 15), at(2026, 10, 13, 0, 45), Calendar()) == 90


def test_seconds_and_microseconds_count() -> None:
    cal = Calendar()
    got = interval_service_minutes(hours(), at(2026, 10, 12, 10), at(2026, 10, 12, 10, 0, 30), cal)
    assert got == Fraction(1, 2)
    got = interval_service_minutes(hours(), at(2026, 10, 12, 10), at(2026, 10, 12, 10, 0, 0, 1), cal)
    assert got == Fraction(1, 60_000_000)


def test_outage_across_several_days() -> None:
    # Fri 10-09 17:00 .. Tue 10-13 10:00: Fri 60 + Sat 10-10 (adjusted) 540 + Mon 540 + Tue 60
    got = interval_service_minutes(hours(), at(2026, 10, 9, 17), at(2026, 10, 13, 10), Calendar())
    assert got == 60 + 540 + 540 + 60
    s, e = at(2026, 10, 9, 17), at(2026, 10, 13, 10)
    weekly = interval_service_minutes(hours(statutory=False), s, e, Calendar())
    assert weekly == 60 + 540 + 60


def test_interval_in_other_timezone_input() -> None:
    # 01:30-02:30 UTC is 09:30-10:30 in Shanghai
    s = datetime(2026, 10, 12, 1, 30, tzinfo=UTC)
    assert interval_service_minutes(hours(), s, s + timedelta(hours=1), Calendar()) == 60


def test_interval_empty_or_reversed() -> None:
    s = at(2026, 10, 12, 10)
    assert interval_service_minutes(hours(), s, s, Calendar()) == 0
    assert interval_service_minutes(hours(), s, s - timedelta(hours=1), Calendar()) == 0


def test_interval_gap_only_when_a_window_is_touched() -> None:
    cal = Calendar()
    # ends exactly at 2027-01-01 00:00: no 2027 window overlaps, so no data needed
    assert interval_service_minutes(hours(), at(2026, 12, 31, 17), at(2027, 1, 1), cal) == 60
    with pytest.raises(CalendarGap):
        interval_service_minutes(hours(), at(2026, 12, 31, 17), at(2027, 1, 4, 10), cal)
    assert interval_service_minutes(hours(), at(2027, 1, 4, 9), at(2027, 1, 4, 10), Calendar([Y2027])) == 60


def test_interval_requires_aware_datetimes() -> None:
    with pytest.raises(ValueError):
        interval_service_minutes(hours(), datetime(2026, 10, 12, 10), at(2026, 10, 12, 11), Calendar())


def test_service_hours_validation() -> None:
    with pytest.raises(ValueError):
        hours(start=time(18), end_minutes=9 * 60)
    with pytest.raises(ValueError):
        hours(end_minutes=1441)
    with pytest.raises(ValueError):
        hours(weekdays=frozenset({7}))


_TZS = st.sampled_from([SH, NY, UTC])
_HOURS = st.builds(
    lambda wd, start, length, tz, statutory: ServiceHours(
        wd, time(start // 60, start % 60), min(1440, start + length), tz, statutory
    ),
    st.frozensets(st.integers(0, 6)),
    st.integers(0, 1439),
    st.integers(1, 1440),
    st.sampled_from([SH, NY]),
    st.booleans(),
)
_MOMENTS = st.datetimes(datetime(2025, 1, 1), datetime(2026, 12, 20))
_SPANS = st.timedeltas(timedelta(0), timedelta(days=6))


@settings(max_examples=300, deadline=None)
@given(h=_HOURS, start=_MOMENTS, tz=_TZS, span=_SPANS, cut=st.floats(0, 1))
def test_interval_properties(h: ServiceHours, start: datetime, tz, span: timedelta, cut: float) -> None:
    cal = Calendar()
    s = start.replace(tzinfo=tz)
    e = s + span
    m = s + timedelta(microseconds=int((span // timedelta(microseconds=1)) * cut))
    whole = interval_service_minutes(h, s, e, cal)
    assert 0 <= whole <= Fraction((e - s) // timedelta(microseconds=1), 60_000_000)
    assert whole == interval_service_minutes(h, s, m, cal) + interval_service_minutes(h, m, e, cal)


@settings(max_examples=100, deadline=None)
@given(d=st.dates(date(2025, 1, 1), date(2026, 12, 20)))
def test_full_local_day_equals_day_service_minutes(d: date) -> None:
    cal = Calendar()
    h = hours(start=time(8), end_minutes=1440)
    midnight = at(d.year, d.month, d.day)
    got = interval_service_minutes(h, midnight, midnight + timedelta(days=1), cal)
    assert got == day_service_minutes(h, d, cal)


@settings(max_examples=300, deadline=None)
@given(d=st.dates(date(2004, 1, 1), date(2026, 6, 30)), n=st.integers(1, 120))
def test_add_working_days_properties(d: date, n: int) -> None:
    cal = Calendar()
    result = cal.add_working_days(d, n)
    assert result > d
    assert cal.is_workday(result) and chinese_calendar.is_workday(result)
    between = [x for x in days(d + timedelta(days=1), result) if chinese_calendar.is_workday(x)]
    assert len(between) == n
    assert cal.working_days_between(d, result) == between


# --------------------------------------------------------------------------- holiday blocks (SPEC §2)

PACKAGE_HOLIDAYS = frozenset(_cc_constants.holidays)
SAT_TO_SUN = frozenset({5, 6})
# Weekend days of 2010–2026 that the block rule makes days off and chinesecalendar's holiday list lacks
MISSING_BLOCK_DAYS = [
    "2011-06-05",  # 端午节 6月4日至6日
    "2012-06-23",  # 端午节 6月22日至24日
    "2014-05-31", "2014-06-01",  # 端午节 6月2日 (Mon)
    "2014-09-06", "2014-09-07",  # 中秋节 9月8日 (Mon)
    "2015-04-04",  # 清明节 4月5日放假, 4月6日 (Mon) 补休
    "2015-05-02", "2015-05-03",  # 劳动节 5月1日放假, 与周末连休
    "2015-06-21",  # 端午节 6月20日放假, 6月22日 (Mon) 补休
    "2015-09-05",  # 胜利日 9月3日至5日
    "2016-01-02", "2016-01-03",  # 元旦 1月1日 (Fri)
    "2016-04-02", "2016-04-03",  # 清明节 4月4日 (Mon)
    "2016-04-30",  # 劳动节 5月1日 (Sun), 5月2日 (Mon)
    "2016-12-31",  # 2017 元旦 1月1日放假, 1月2日 (Mon) 补休
    "2017-04-29", "2017-04-30",  # 劳动节 5月1日 (Mon), 与周末连休
    "2017-12-30", "2017-12-31",  # 2018 元旦 1月1日 (Mon)
    "2018-06-16", "2018-06-17",  # 端午节 6月18日 (Mon), 与周末连休
    "2018-09-22", "2018-09-23",  # 中秋节 9月24日 (Mon), 与周末连休
    "2024-06-08", "2024-06-09",  # 端午节 6月10日 (Mon)
]


def h780(weekdays: frozenset[int] = ALL_WEEK) -> ServiceHours:
    return hours(weekdays=weekdays, start=time(9), end_minutes=22 * 60)


def test_block_weekend_days_missing_from_the_package_are_27() -> None:
    cal = Calendar()
    found = [
        d.isoformat()
        for d in days(date(2010, 1, 1), date(2026, 12, 31))
        if d.weekday() >= 5 and d not in PACKAGE_HOLIDAYS and cal.is_holiday(d)
    ]
    assert found == MISSING_BLOCK_DAYS
    assert len(found) == 27
    for d in map(date.fromisoformat, found):
        assert not cal.is_workday(d) and not cal.is_adjusted_workday(d)
        assert not cal.is_service_day(d, ALL_WEEK, statutory=True)
        assert cal.is_service_day(d, ALL_WEEK, statutory=False)


@pytest.mark.parametrize("day", ["2018-09-22", "2018-09-23", "2024-06-08", "2024-06-09"])
def test_weekend_joined_to_a_weekday_holiday_is_off(day: str) -> None:
    d, cal = date.fromisoformat(day), Calendar()
    assert cal.is_holiday(d)
    assert not cal.is_service_day(d, ALL_WEEK, statutory=True)
    assert not cal.is_service_day(d, SAT_TO_SUN, statutory=True)
    assert day_service_minutes(h780(), d, cal) == 0
    assert day_service_minutes(h780(SAT_TO_SUN), d, cal) == 0
    assert scheduled_minutes(h780(), d, d, cal) == (0, ())
    assert interval_service_minutes(h780(), at(d.year, d.month, d.day), at(d.year, d.month, d.day, 23), cal) == 0


def test_ordinary_weekend_beside_a_weekend_holiday_is_not_a_block_day() -> None:
    cal = Calendar()  # 2015 中秋节: 9月27日 (Sun) 放假, no 补休
    assert cal.is_holiday(date(2015, 9, 27))
    assert not cal.is_holiday(date(2015, 9, 26))
    assert cal.is_service_day(date(2015, 9, 26), ALL_WEEK, statutory=True)
    assert not cal.is_service_day(date(2015, 9, 27), ALL_WEEK, statutory=True)
    assert day_service_minutes(h780(), date(2015, 9, 26), cal) == 780
    assert not cal.is_holiday(date(2018, 9, 15))  # an ordinary weekend


def test_adjusted_saturday_is_a_service_day() -> None:
    cal = Calendar()
    for d in (date(2018, 9, 29), date(2018, 9, 30), date(2018, 12, 29), date(2026, 10, 10)):
        assert cal.is_adjusted_workday(d) and not cal.is_holiday(d)
        for weekdays in (MON_FRI, frozenset(range(6)), ALL_WEEK):
            assert cal.is_service_day(d, weekdays, statutory=True)
        assert day_service_minutes(h780(), d, cal) == 780


def test_block_runs_across_the_year_boundary() -> None:
    cal = Calendar()  # 2019 元旦: 2018-12-30 (Sun) .. 2019-01-01 (Tue); Sat 12-29 worked
    assert [cal.is_holiday(d) for d in days(date(2018, 12, 29), date(2019, 1, 2))] == [False, True, True, True, False]
    assert cal.is_holiday(date(2016, 12, 31)) and cal.is_holiday(date(2017, 12, 30))  # Sat before a Mon 元旦
    # the whole of 2018 in a 7-day week: 29 days off (conformance case 11)
    assert sum(cal.is_holiday(d) for d in days(date(2018, 1, 1), date(2018, 12, 31))) == 29
    assert scheduled_minutes(h780(), date(2018, 1, 1), date(2018, 12, 31), cal) == ((365 - 29) * 780, ())
    assert scheduled_minutes(h780(), date(2016, 12, 31), date(2017, 1, 2), cal) == (0, ())


def test_block_rule_applies_to_supplied_years() -> None:
    # 2027-10-01 is a Friday: the weekend after it joins the holiday
    arr = YearArrangement(2027, frozenset({date(2027, 1, 1), date(2027, 10, 1)}), frozenset({date(2027, 9, 26)}))
    cal = Calendar([arr])
    assert cal.is_holiday(date(2027, 10, 2)) and cal.is_holiday(date(2027, 10, 3))
    assert cal.is_holiday(date(2027, 1, 2)) and cal.is_holiday(date(2027, 1, 3))  # 元旦 on a Friday too
    assert not cal.is_holiday(date(2027, 9, 26)) and cal.is_service_day(date(2027, 9, 26), ALL_WEEK, True)
    assert not cal.is_holiday(date(2027, 10, 9))
    total, est = scheduled_minutes(h780(), date(2027, 9, 27), date(2027, 10, 10), cal)
    assert (total, est) == ((14 - 3) * 780, ())
    # a supplied year overriding the package is read the same way
    y2018 = YearArrangement(2018, frozenset(d for d in PACKAGE_HOLIDAYS if d.year == 2018),
                            frozenset(d for d in _cc_constants.workdays if d.year == 2018))
    supplied = Calendar([y2018])
    for d in days(date(2018, 1, 1), date(2018, 12, 31)):
        assert supplied.is_holiday(d) == cal.is_holiday(d), d


def test_block_rule_fails_closed_only_when_the_unknown_year_decides() -> None:
    # 2028-12-30/31 are Sat/Sun; whether they join a holiday depends on 2029-01-01
    y2028 = YearArrangement(2028, frozenset({date(2028, 1, 3)}), frozenset())
    cal = Calendar([y2028])
    with pytest.raises(CalendarGap) as exc:
        cal.is_holiday(date(2028, 12, 30))
    assert exc.value.year == 2029
    with pytest.raises(CalendarGap):
        cal.is_service_day(date(2028, 12, 31), ALL_WEEK, statutory=True)
    assert not cal.is_service_day(date(2028, 12, 31), MON_FRI, statutory=True)  # a 5-day week does not ask
    assert not cal.is_holiday(date(2028, 12, 23))  # run ends at Fri 12-22 and Mon 12-25
    # Sat 2028-01-01: 2027-12-31 is unknown, but Mon 01-03 is a holiday inside the same run
    assert cal.is_holiday(date(2028, 1, 1)) and cal.is_holiday(date(2028, 1, 2))
    no_jan = Calendar([YearArrangement(2028, frozenset(), frozenset())])
    with pytest.raises(CalendarGap) as exc:
        no_jan.is_holiday(date(2028, 1, 1))
    assert exc.value.year == 2027
    # a known weekday holiday on the 2028 side decides without 2029
    fri = Calendar([YearArrangement(2028, frozenset({date(2028, 12, 29)}), frozenset())])
    assert fri.is_holiday(date(2028, 12, 30)) and fri.is_holiday(date(2028, 12, 31))
    # with 2029 supplied (Mon 01-01 off) the weekend joins the 2029 New Year
    y2029 = YearArrangement(2029, frozenset({date(2029, 1, 1)}), frozenset())
    both = Calendar([y2028, y2029])
    assert both.is_holiday(date(2028, 12, 30)) and both.is_holiday(date(2028, 12, 31))
    # the budget never raises: an undecided day is counted by the weekly pattern and its year announced
    assert scheduled_minutes(h780(), date(2028, 12, 1), date(2028, 12, 29), cal) == (29 * 780, ())
    assert scheduled_minutes(h780(), date(2028, 12, 1), date(2028, 12, 31), cal) == (31 * 780, (2029,))
    assert scheduled_minutes(h780(MON_FRI), date(2028, 12, 1), date(2028, 12, 31), cal)[1] == ()
    assert scheduled_minutes(h780(), date(2028, 12, 1), date(2028, 12, 31), both) == (29 * 780, ())


@settings(max_examples=300, deadline=None)
@given(d=st.dates(date(2004, 1, 1), date(2026, 12, 31)), weekdays=st.frozensets(st.integers(0, 6)))
def test_block_rule_properties(d: date, weekdays: frozenset[int]) -> None:
    cal = Calendar()
    listed = d in PACKAGE_HOLIDAYS
    adjusted = cal.is_adjusted_workday(d)
    service = cal.is_service_day(d, weekdays, statutory=True)
    # the holiday list is a subset; what the rule adds is a weekend day that is no working day
    if listed:
        assert cal.is_holiday(d)
    if cal.is_holiday(d):
        assert not cal.is_workday(d) and not adjusted
        assert not service
    if cal.is_holiday(d) and not listed:
        assert d.weekday() >= 5
    # a 5-day week (any subset of Mon-Fri) has exactly the service days it had before the rule
    weekday_only = weekdays & MON_FRI
    before = adjusted or (d.weekday() in weekday_only and not listed)
    assert cal.is_service_day(d, weekday_only, statutory=True) == before
    # working days are untouched
    assert cal.is_workday(d) == chinese_calendar.is_workday(d)


@settings(max_examples=100, deadline=None)
@given(
    first=st.dates(date(2009, 6, 1), date(2026, 12, 31)),
    span=st.integers(0, 400),
    weekdays=st.sampled_from([ALL_WEEK, frozenset(range(6)), SAT_TO_SUN, frozenset({0, 5})]),
)
def test_block_days_in_scheduled_minutes_match_day_by_day(first: date, span: int, weekdays: frozenset[int]) -> None:
    cal = Calendar()
    last = min(first + timedelta(days=span), date(2026, 12, 31))
    h = h780(weekdays)
    expected = sum(day_service_minutes(h, d, cal) for d in days(first, last))
    assert scheduled_minutes(h, first, last, cal) == (expected, ())


# State Council notices (/work/shared/notices): a test-only reader of their 放假 / 上班 sentences
NOTICES = pathlib.Path(__file__).resolve().parents[1] / "fixtures" / "holidays" / "notices"  # a copy of ../shared/notices
_MENTION = re.compile(r"(?:(\d{4})年)?(?:(\d{1,2})月)?(\d{1,2})日(?:\([^)]*\))?")
_ITEM = re.compile(r"^(?:[一二三四五六七八九十]+、(?:([^:]+):)?|([^:、]+):)(.*)$")


def _notice_item(body: str, year: int) -> tuple[set[date], set[date]]:
    """Days off and worked days one item states; 与周末连休 / 补休 take in the weekend it joins."""
    off: set[date] = set()
    work: set[date] = set()
    y, m = year, 1
    for clause in re.split(r"[,。]", body):
        mentioned = []
        for mt in _MENTION.finditer(clause):
            y, m = int(mt[1] or y), int(mt[2] or m)
            mentioned.append(date(y, m, int(mt[3])))
        if not mentioned:
            continue
        if "上班" in clause:
            work.update(mentioned)
        elif "至" in clause:
            assert len(mentioned) == 2, clause
            off.update(days(mentioned[0], mentioned[1]))
        else:
            assert re.search("放假|补休|调休", clause), clause
            off.update(mentioned)
    if "与周末连休" in body or "补休" in body:
        lo, hi = min(off), max(off)
        while (lo - timedelta(days=1)).weekday() >= 5 and lo - timedelta(days=1) not in work:
            lo -= timedelta(days=1)
        while (hi + timedelta(days=1)).weekday() >= 5 and hi + timedelta(days=1) not in work:
            hi += timedelta(days=1)
        off.update(days(lo, hi))
    return off, work


def _read_notice(path: pathlib.Path) -> tuple[int, str, str | None, dict[str | None, tuple[set[date], set[date]]]]:
    """(year, kind, the item an amendment replaces, {item name: (days off, days worked)})."""
    lines = path.read_text(encoding="utf-8").splitlines()
    header = "\n".join(line for line in lines if line.startswith("#"))
    text = [line for line in lines if line.strip() and not line.startswith("#")]
    kind = (re.search(r"^# kind: (\w+)", header, re.M) or [None, "base"])[1]
    replaces = re.search(r"replaces the (\S+) block", header)
    stated = re.search(r"^# year: (\d{4})", header, re.M) or re.search(r"(\d{4})年", text[0])
    assert stated, path
    year = int(stated[1])
    items: dict[str | None, tuple[set[date], set[date]]] = {}
    for line in text[2:]:  # title, document number
        mt = _ITEM.match(line)
        assert mt, line
        items[mt[1] or mt[2]] = _notice_item(mt[3], year)
    return year, kind, replaces[1] if replaces else None, items


def _notices_by_year() -> dict[int, tuple[set[date], set[date]]]:
    base: dict[int, dict[str | None, tuple[set[date], set[date]]]] = {}
    later = []
    for path in sorted(NOTICES.glob("*.txt")):
        year, kind, replaces, items = _read_notice(path)
        if kind == "base":
            base[year] = items
        else:
            later.append((year, kind, replaces, items))
    for year, kind, replaces, items in later:
        assert kind in ("supplement", "amendment"), kind
        if kind == "amendment":
            assert replaces in base[year], replaces
            del base[year][replaces]
        base[year].update({f"{kind}:{name}": v for name, v in items.items()})
    out = {}
    for year, items in base.items():
        off = set().union(*(o for o, _ in items.values()))
        work = set().union(*(w for _, w in items.values()))
        out[year] = (off, work)
    return out


NOTICE_YEARS = _notices_by_year() if NOTICES.is_dir() else {}


def test_notice_reader_reads_the_2019_notice() -> None:
    if 2019 not in NOTICE_YEARS:
        pytest.skip(f"no notices at {NOTICES}")
    off, work = NOTICE_YEARS[2019]
    assert date(2018, 12, 30) in off and date(2018, 12, 29) in work
    assert {date(2019, 4, 5), date(2019, 4, 6), date(2019, 4, 7)} <= off  # 4月5日放假, 与周末连休
    assert {date(2019, 5, d) for d in range(1, 5)} <= off and date(2019, 5, 5) in work  # the amendment
    assert len(off) == 3 + 7 + 3 + 4 + 3 + 3 + 7


@pytest.mark.skipif(not NOTICE_YEARS, reason=f"no notices at {NOTICES}")
@pytest.mark.parametrize("year", sorted(NOTICE_YEARS))
def test_block_rule_equals_the_state_council_notice(year: int) -> None:
    """Every day off the notice states, and no other, is a day off by the block rule; likewise 上班."""
    cal = Calendar()
    off, work = NOTICE_YEARS[year]
    window = days(date(year - 1, 12, 21), date(year, 12, 20))  # late December belongs to next year's 元旦
    assert {d for d in window if cal.is_holiday(d)} == off
    assert {d for d in window if cal.is_adjusted_workday(d)} == work
    assert all(cal.is_service_day(d, ALL_WEEK, statutory=True) != (d in off) for d in window)


# --------------------------------------------------------------------------- holidays file


def write(tmp_path: pathlib.Path, content: str | bytes, name: str = "h.json") -> pathlib.Path:
    p = tmp_path / name
    if isinstance(content, bytes):
        p.write_bytes(content)
    else:
        p.write_text(content, encoding="utf-8")
    return p


GOOD = {  # illustrative: the statutory days of 2027 (元旦, 春节 除夕 to 初三, …), 02-04 off and Saturday 02-20 worked
    "year": 2027,
    "holidays": sorted([*statutory_days(2027), "2027-02-04"]),
    "workdays": ["2027-02-20"],
}
GOOD_ARRANGEMENT = YearArrangement(
    2027, frozenset(map(date.fromisoformat, GOOD["holidays"])), frozenset({date(2027, 2, 20)})
)


def test_load_good_file(tmp_path: pathlib.Path) -> None:
    arr = load_holidays_file(write(tmp_path, json.dumps(GOOD)))
    assert arr == GOOD_ARRANGEMENT
    assert Calendar([arr]).add_working_days(date(2027, 2, 3), 2) == date(2027, 2, 10)  # 02-04 to 02-08 off


def test_load_file_with_bom_and_str_path(tmp_path: pathlib.Path) -> None:
    p = write(tmp_path, b"\xef\xbb\xbf" + json.dumps(GOOD).encode())
    assert load_holidays_file(str(p)) == GOOD_ARRANGEMENT


def test_load_file_empty_workdays(tmp_path: pathlib.Path) -> None:
    holidays = statutory_days(2027)
    arr = load_holidays_file(write(tmp_path, json.dumps({"year": 2027, "holidays": holidays, "workdays": []})))
    assert arr == YearArrangement(2027, frozenset(map(date.fromisoformat, holidays)), frozenset())


@pytest.mark.parametrize("missing", statutory_days(2027))
def test_a_file_that_makes_a_statutory_holiday_a_working_day_is_refused(tmp_path: pathlib.Path, missing: str) -> None:
    """An empty or cut-off file for a year the package does not know made 元旦 or 国庆节 a working day, silently."""
    holidays = [d for d in statutory_days(2027) if d != missing]
    path = write(tmp_path, json.dumps({"year": 2027, "holidays": holidays, "workdays": []}))
    if date.fromisoformat(missing).weekday() >= 5:  # a weekend is a day off anyway
        load_holidays_file(path)
        return
    with pytest.raises(HolidaysFileError, match=f"holidays: {missing}"):
        load_holidays_file(path)


def _bad(**changes: object) -> str:
    data: dict[str, object] = dict(GOOD)
    for k, v in changes.items():
        if v is _DROP:
            del data[k]
        else:
            data[k] = v
    return json.dumps(data)


_DROP = object()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"year": 2027,\n "holidays": [],\n "workdays": [,]}', "invalid JSON (line 3)"),
        ("", "invalid JSON (line 1)"),
        (b"\xff\xfe{}", "not valid UTF-8 (byte 0)"),
        ("[]", "expected a JSON object, got list"),
        (_bad(year=_DROP), "year: required"),
        (_bad(holidays=_DROP), "holidays: required"),
        (_bad(workdays=_DROP), "workdays: required"),
        (_bad(year="2027"), "year: expected an integer year, got '2027'"),
        (_bad(year=True), "year: expected an integer year, got True"),
        (_bad(year=2027.0), "year: expected an integer year, got 2027.0"),
        (_bad(year=99999), "year: 99999 is out of range 1900..2199"),
        (_bad(holidays=["2027-01-01", "2027-01-02", "2027-13-01"]), "holidays[2]: invalid date '2027-13-01'"),
        (_bad(holidays=["20270101"]), "holidays[0]: invalid date '20270101'"),
        (_bad(holidays=["2027-1-1"]), "holidays[0]: invalid date '2027-1-1'"),
        (_bad(holidays=[20270101]), "holidays[0]: expected a date string 'YYYY-MM-DD', got 20270101"),
        (_bad(holidays="2027-01-01"), "holidays: expected a list of 'YYYY-MM-DD' dates, got str"),
        (_bad(holidays=["2026-10-01"]), "holidays[0]: 2026-10-01 is not in year 2027"),
        (_bad(workdays=["2027-02-20", "2028-01-01"]), "workdays[1]: 2028-01-01 is not in year 2027"),
        (_bad(holidays=["2027-01-01", "2027-01-01"]), "holidays[1]: duplicate date 2027-01-01"),
        (_bad(workdays=["2027-02-20", "2027-02-05"]), "workdays[1]: 2027-02-05 is also in holidays"),
        (_bad(workdays=["2027-01-05"]), "workdays[0]: the working day 2027-01-05 is not a Saturday or Sunday (an adjusted working day always is)"),
        (_bad(note="x"), "'note': unknown key (allowed: year, holidays, workdays)"),
        ('{"year": 2027, "year": 2028, "holidays": [], "workdays": []}', "'year': duplicate key"),
    ],
)
def test_bad_files(tmp_path: pathlib.Path, content: str | bytes, message: str) -> None:
    p = write(tmp_path, content)
    with pytest.raises(HolidaysFileError) as exc:
        load_holidays_file(p)
    assert exc.value.line("en") == f"{p}: {message}"  # str(): the user's language (--lang), Chinese by default
    assert "\n" not in str(exc.value) and "\n" not in exc.value.line("zh")
    assert isinstance(exc.value, ValueError)


def test_missing_file(tmp_path: pathlib.Path) -> None:
    p = tmp_path / "nope.json"
    with pytest.raises(HolidaysFileError) as exc:
        load_holidays_file(p)
    assert exc.value.line("en") == f"{p}: no such file"
    assert exc.value.line("zh") == f"{p}: 文件不存在"


BERLIN = ZoneInfo("Europe/Berlin")


def test_service_minutes_are_elapsed_on_a_dst_change_day_as_outages_are() -> None:
    """A 00:00–24:00 window in Europe/Berlin is 25 hours on 2026-10-25 and 23 on 2026-03-29: the service minutes
    of the day and of a year are measured like the outage minutes (elapsed), so that a whole-day outage is
    the day's whole service time. Before: 1440 and a nominal 44,640 for October, so a month-long outage of
    44,700 minutes exceeded the month's service minutes and availability_year_percent was '-0.13'; a
    wrongful suspension day counted 1440 minutes where the same day's outage counted 1500."""
    cal = Calendar()
    day_long = hours(statutory=False, weekdays=ALL_WEEK, start=time(0), end_minutes=1440, tz=BERLIN)
    assert day_service_minutes(day_long, date(2026, 10, 25), cal) == 1500
    assert day_service_minutes(day_long, date(2026, 3, 29), cal) == 1380
    assert day_service_minutes(day_long, date(2026, 10, 24), cal) == 1440
    october = scheduled_minutes(day_long, date(2026, 10, 1), date(2026, 10, 31), cal)[0]
    assert october == 31 * 1440 + 60
    whole_day = interval_service_minutes(
        day_long, at(2026, 10, 25, tz=BERLIN), at(2026, 10, 26, tz=BERLIN), cal
    )
    assert whole_day == day_service_minutes(day_long, date(2026, 10, 25), cal)
    assert scheduled_minutes(day_long, date(2026, 1, 1), date(2026, 12, 31), cal)[0] == 365 * 1440
    # a window the change does not fall in, and a zone without daylight saving time, are unchanged
    office = hours(statutory=False, weekdays=ALL_WEEK, tz=BERLIN)
    assert day_service_minutes(office, date(2026, 10, 25), cal) == 540
    assert scheduled_minutes(hours(), date(2026, 1, 1), date(2026, 12, 31), cal) == (133_920, ())
