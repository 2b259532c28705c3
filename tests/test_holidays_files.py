"""The `--holidays` file: the `before` key, the package comparison, folders, config and `holidays/` beside the contract."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest
from conftest import run_main as run
from conftest import statutory_days

from kefu_check.calendar import DEFAULT, CalendarGap, HolidaysFileError
from kefu_check.holidays.files import arrangements, calendar_for, load_holidays_file, read_holidays_file
from kefu_check.holidays.files import statutory_days as statutory_days_of

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "fixtures" / "demo"


def write(path: Path, doc: object) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def test_before_key_is_read_and_checked(tmp_path):
    p = write(tmp_path / "2031.json", {"year": 2031, "holidays": ["2031-01-01"], "workdays": [],
                                       "before": {"holidays": ["2030-12-31"], "workdays": ["2030-12-28"]}})
    f = read_holidays_file(p)
    assert f.before_holidays == {date(2030, 12, 31)} and f.before_workdays == {date(2030, 12, 28)}
    for bad, message in [
        ({"holidays": ["2031-12-31"]}, "before.holidays[0]: 2031-12-31 is not in year 2030"),
        ({"x": []}, "before.'x': unknown key"),
        ([], "before: expected an object"),
        ({"holidays": ["2030-12-31"], "workdays": ["2030-12-31"]}, "before.workdays[0]: 2030-12-31 is also in holidays"),
    ]:
        q = write(tmp_path / "bad.json", {"year": 2031, "holidays": [], "workdays": [], "before": bad})
        with pytest.raises(HolidaysFileError) as exc:
            read_holidays_file(q)
        assert message in exc.value.line("en")


def test_before_merges_into_the_previous_years_file(tmp_path):
    a = write(tmp_path / "2030.json", {"year": 2030, "holidays": statutory_days(2030), "workdays": []})
    b = write(tmp_path / "2031.json", {"year": 2031, "holidays": statutory_days(2031), "workdays": [],
                                       "before": {"holidays": ["2030-12-30", "2030-12-31"],
                                                  "workdays": ["2030-12-28"]}})
    years = {y.year: y for y in arrangements([a, b])}
    assert date(2030, 12, 31) in years[2030].holidays and date(2030, 12, 28) in years[2030].workdays
    cal = calendar_for([tmp_path])  # a folder stands for its *.json files
    assert cal.is_workday(date(2030, 12, 28)) and not cal.is_workday(date(2030, 12, 31))
    # without the 2030 file the year stays unknown: before cannot make a whole year
    with pytest.raises(CalendarGap):
        calendar_for([b]).is_workday(date(2030, 12, 31))
    # a 2030 file that says otherwise about a day it lists is refused, naming the day
    write(tmp_path / "2030.json", {"year": 2030, "holidays": [], "workdays": ["2030-12-28"]})
    write(tmp_path / "2031.json", {"year": 2031, "holidays": [], "workdays": [],
                                   "before": {"holidays": ["2030-12-28"], "workdays": []}})
    with pytest.raises(HolidaysFileError, match="2030-12-28"):
        arrangements([tmp_path])


@pytest.mark.skipif(not DEFAULT.has_year(2026), reason="package without 2026")
def test_a_year_the_package_knows_is_compared_with_it(tmp_path):
    good = write(tmp_path / "ok.json", {
        "year": 2026,
        "holidays": [d.isoformat() for d in sorted(x for x in _holidays(2026))],
        "workdays": [d.isoformat() for d in sorted(x for x in _workdays(2026))],
    })
    load_holidays_file(good)
    doc = json.loads(good.read_text(encoding="utf-8"))
    doc["holidays"].remove("2026-10-01")  # a Thursday: the file would make it a working day
    doc["workdays"] = [d for d in doc["workdays"] if d != "2026-10-10"]  # an adjusted Saturday: a day off
    bad = write(tmp_path / "bad.json", doc)
    with pytest.raises(HolidaysFileError) as exc:
        load_holidays_file(bad)
    text = exc.value.line("en")
    assert "bad.json" in text and "2026-10-01 (a working day in the file)" in text
    assert "2026-10-10 (a day off in the file)" in text and "chinesecalendar" in text
    assert "\n" not in text


def _holidays(year: int) -> set[date]:
    from chinese_calendar import constants

    return {d for d in constants.holidays if d.year == year}


def _workdays(year: int) -> set[date]:
    from chinese_calendar import constants

    return {d for d in constants.workdays if d.year == year}




def _month_2027(folder: Path) -> Path:
    shutil.copy(DEMO / "contract.json", folder / "contract.json")
    month = json.loads((DEMO / "month.json").read_text(encoding="utf-8"))
    month.update({"period": "2027-01", "as_of": "2027-01-31", "reports": [], "outages": [], "suspensions": [],
                  "notices": [], "invoices": [{"id": "INV-2026-12", "cycle": "2026-12", "amount": "28000.00",
                                               "payments": [{"date": "2027-01-10", "amount": "28000.00"}]}]})
    for key in ("incidents", "cooperation_failures", "waivers", "history"):
        month.pop(key, None)
    return write(folder / "month.json", month)


@pytest.mark.skipif(DEFAULT.has_year(2027), reason="the package knows 2027")
def test_check_finds_holidays_beside_the_contract_and_in_the_config(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "c"
    folder.mkdir()
    month = _month_2027(folder)
    code, _, err = run(capsys, str(month))
    assert code == 2 and "2027" in err and "kefu-check holidays" in err
    write(folder / "holidays" / "2027.json", {"year": 2027, "holidays": statutory_days(2027), "workdays": []})
    code, _, err = run(capsys, str(month), "--fail-on", "never")
    assert code == 0, err
    shutil.rmtree(folder / "holidays")
    write(tmp_path / "calendar" / "2027.json", {"year": 2027, "holidays": statutory_days(2027), "workdays": []})
    (tmp_path / "kefu-check.toml").write_text('holidays = ["calendar"]\n', encoding="utf-8")
    code, _, err = run(capsys, str(month), "--fail-on", "never")
    assert code == 0, err


def test_a_batch_finds_each_months_contract_folder_whatever_json_the_month_holds(tmp_path):
    """A batch peeks at each month for its `contract` path (month_contracts), by orjson and, where orjson refuses,
    by the standard library: a NaN or a 30-digit integer elsewhere in the month must not lose the contract's
    folder (and with it the holidays/ beside the contract); a month that is no JSON stands for its own folder."""
    from kefu_check.holidays.files import month_contracts

    contracts = tmp_path / "contracts"
    plain = write(tmp_path / "a.json", {"contract": "contracts/c.json", "period": "2026-10"})
    nan = tmp_path / "b.json"
    nan.write_text('{"contract": "contracts/c.json", "x": NaN}', encoding="utf-8")
    big = tmp_path / "c.json"
    big.write_text('{"x": 123456789012345678901234567890, "contract": "contracts/d.json"}', encoding="utf-8")
    twice = tmp_path / "d.json"
    twice.write_text('{"contract": "contracts/x.json", "contract": "contracts/e.json"}', encoding="utf-8")
    broken = tmp_path / "e.json"
    broken.write_text('{"contract": "contracts/f.json"', encoding="utf-8")
    inline = write(tmp_path / "f.json", {"contract": {"id": "KF-1"}})
    assert month_contracts([plain, nan, big, twice, broken, inline, tmp_path / "missing.json"], None) == [
        contracts / "c.json",
        contracts / "d.json",
        contracts / "e.json",
        broken,
        inline,
        tmp_path / "missing.json",
    ]


NAMES = {  # chinesecalendar's names of the festivals
    "festival:new_year": {"New Year's Day"},
    "festival:spring_festival": {"Spring Festival"},
    "festival:labour_day": {"Labour Day"},
    "festival:qingming": {"Tomb-sweeping Day"},
    "festival:dragon_boat": {"Dragon Boat Festival"},
    "festival:mid_autumn": {"Mid-autumn Festival", "National Day"},  # 2020-10-01 was both
    "festival:national_day": {"National Day", "Mid-autumn Festival"},  # 2009-10-03 too
}


@pytest.mark.parametrize("year", [y for y in range(2004, 2100) if DEFAULT.has_year(y)])
def test_the_statutory_days_are_days_off_in_every_year_the_package_knows(year):
    """The regulation's dates (and lunardate's lunar ones) against the State Council's arrangements as the package
    holds them: each is a day off, and on a weekday the package names the same festival."""
    import chinese_calendar

    for day, festival in statutory_days_of(year):
        assert not DEFAULT.is_workday(day), (day, festival)
        if day.weekday() < 5:
            assert chinese_calendar.get_holiday_detail(day)[1] in NAMES[festival], (day, festival)


def test_a_2027_file_without_the_spring_festival_is_refused(tmp_path):
    holidays = [d for d in statutory_days(2027) if d != "2027-02-05"]  # 除夕, a Friday
    path = write(tmp_path / "2027.json", {"year": 2027, "holidays": holidays, "workdays": []})
    with pytest.raises(HolidaysFileError, match="holidays: 2027-02-05"):
        arrangements([path])
    write(tmp_path / "2027.json", {"year": 2027, "holidays": statutory_days(2027), "workdays": []})
    assert [a.year for a in arrangements([path])] == [2027]


def test_a_2027_file_that_makes_qingming_a_working_day_is_refused(tmp_path):
    """清明 2027 is 5 April, a Monday: a file that forgets it would have made it a working day."""
    holidays = [d for d in statutory_days(2027) if d != "2027-04-05"]
    path = write(tmp_path / "2027.json", {"year": 2027, "holidays": holidays, "workdays": []})
    with pytest.raises(HolidaysFileError, match=r"2027-04-05.*清明节"):
        arrangements([path])


@pytest.mark.parametrize("year", [2100, 2150, 2199])
def test_a_file_for_a_year_whose_festivals_are_unknown_is_refused_not_a_crash(capsys, tmp_path, year):
    path = write(tmp_path / f"{year}.json", {"year": year, "holidays": [f"{year}-01-01"], "workdays": []})
    code, out, err = run(capsys, "--holidays", str(path), str(DEMO / "month.json"))
    assert code == 2 and out == ""
    assert err.strip() == f"{path}: year: 无法核对 {year} 年的法定节假日(农历节日只算到 2099 年),不接受该年的安排"
