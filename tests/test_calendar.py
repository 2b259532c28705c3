"""Tests for kefu_check.calendar: PRC working days, fail-closed years, service-hour minutes."""

from __future__ import annotations

import json
import pathlib
from datetime import UTC, date, datetime, time, timedelta
from fractions import Fraction
from zoneinfo import ZoneInfo

import chinese_calendar
import pytest
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
    load_holidays_file,
    scheduled_minutes,
    service_window,
)

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
        '({"year": 2027, "holidays": [...], "workdays": [...]})'
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


# --------------------------------------------------------------------------- holidays file


def write(tmp_path: pathlib.Path, content: str | bytes, name: str = "h.json") -> pathlib.Path:
    p = tmp_path / name
    if isinstance(content, bytes):
        p.write_bytes(content)
    else:
        p.write_text(content, encoding="utf-8")
    return p


GOOD = {
    "year": 2027,
    "holidays": ["2027-01-01", "2027-02-05", "2027-02-08", "2027-10-01"],
    "workdays": ["2027-02-06"],
}


def test_load_good_file(tmp_path: pathlib.Path) -> None:
    arr = load_holidays_file(write(tmp_path, json.dumps(GOOD)))
    assert arr == Y2027
    assert Calendar([arr]).add_working_days(date(2027, 2, 4), 2) == date(2027, 2, 9)


def test_load_file_with_bom_and_str_path(tmp_path: pathlib.Path) -> None:
    p = write(tmp_path, b"\xef\xbb\xbf" + json.dumps(GOOD).encode())
    assert load_holidays_file(str(p)) == Y2027


def test_load_file_empty_workdays(tmp_path: pathlib.Path) -> None:
    arr = load_holidays_file(write(tmp_path, json.dumps({"year": 2027, "holidays": [], "workdays": []})))
    assert arr == YearArrangement(2027, frozenset(), frozenset())


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
        (_bad(workdays=["2027-02-06", "2028-01-01"]), "workdays[1]: 2028-01-01 is not in year 2027"),
        (_bad(holidays=["2027-01-01", "2027-01-01"]), "holidays[1]: duplicate date 2027-01-01"),
        (_bad(workdays=["2027-02-06", "2027-02-05"]), "workdays[1]: 2027-02-05 is also in holidays"),
        (_bad(note="x"), "'note': unknown key (allowed: year, holidays, workdays)"),
        ('{"year": 2027, "year": 2028, "holidays": [], "workdays": []}', "'year': duplicate key"),
    ],
)
def test_bad_files(tmp_path: pathlib.Path, content: str | bytes, message: str) -> None:
    p = write(tmp_path, content)
    with pytest.raises(HolidaysFileError) as exc:
        load_holidays_file(p)
    assert str(exc.value) == f"{p}: {message}"
    assert "\n" not in str(exc.value)
    assert isinstance(exc.value, ValueError)


def test_missing_file(tmp_path: pathlib.Path) -> None:
    p = tmp_path / "nope.json"
    with pytest.raises(HolidaysFileError) as exc:
        load_holidays_file(p)
    assert str(exc.value) == f"{p}: cannot read file (No such file or directory)"
