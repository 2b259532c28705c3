"""`kefu-check deadlines` (SPEC §9): every date the agreement sets, as a table, JSON and iCalendar."""

from __future__ import annotations

import json
import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest
from conftest import run_main as run
from conftest import statutory_days

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "fixtures" / "demo"




def entries(capsys, *args: str) -> list[dict]:
    code, out, err = run(capsys, "deadlines", *args, "--format", "json")
    assert code == 0, err
    return json.loads(out)["entries"]


def test_demo_contract_dates_come_from_the_monthly_derivation(capsys):
    got = {e["id"]: e for e in entries(capsys, str(DEMO / "contract.json"))}
    # the same days the monthly check derives for the demo (README: report due 10-13, invoice due 10-20,
    # objection deadline 11-30)
    assert got["report.due:2026-09"]["date"] == "2026-10-13"
    assert got["payment.due:2026-09"]["date"] == "2026-10-20"
    assert got["renewal.deadline:2026-12-31"]["date"] == "2026-11-30"
    assert got["renewal.deadline:2026-12-31"]["party"] == "client"
    assert got["term.end:2026-12-31"]["date"] == "2026-12-31"
    assert got["renewal.renews:2026-12-31"]["date"] == "2027-01-01"
    assert got["availability.year_end:2026-01-01"]["date"] == "2026-12-31"
    assert got["payment.due:2026-09"]["arithmetic"] == "2026-09-30 后第 10 个工作日"
    # December's due days fall in 2027, which the package does not know: listed as unknown, never guessed
    if not _package_knows(2027):
        assert got["payment.due:2026-12"]["date"] is None and got["payment.due:2026-12"]["missing_year"] == 2027
        assert got["report.due:2026-12"]["date"] is None


def _package_knows(year: int) -> bool:
    from kefu_check.calendar import DEFAULT

    return DEFAULT.has_year(year)


@pytest.mark.parametrize("year", ["contract", "calendar"])
def test_an_availability_year_ends_on_the_same_day_whatever_the_window(capsys, tmp_path, year):
    """A term renewed a month at a time: the chain stops at the window's last renewal, but the agreement does not
    end there, so neither does the availability year (its entry kept its UID and moved with --to, and a year that
    had not ended was listed as ending on the window's last day)."""
    contract = json.loads((DEMO / "contract.json").read_text(encoding="utf-8"))
    contract["term"].update({"start": "2025-02-01", "end": "2026-01-31", "stated_months": 12})
    contract["term"]["renewal"].update({"auto": True, "renew_months": 1, "objection_by": "notice_window",
                                         "notice_months": 1, "notice_days": None})
    contract["standards"]["availability"]["year"] = year
    path = tmp_path / "contract.json"
    path.write_text(json.dumps(contract, ensure_ascii=False), encoding="utf-8")
    ends = {}
    for to in ("2026-12-31", "2027-01-15", "2027-03-31", "2028-06-30"):
        got = entries(capsys, str(path), "--from", "2025-02-01", "--to", to)
        for e in got:
            if e["id"].startswith("availability.year_end:"):
                assert ends.setdefault(e["id"], e["date"]) == e["date"], (to, e)
                assert e["date"] <= to
    first = "2026-02-01" if year == "contract" else "2026-01-01"
    expected = "2027-01-31" if year == "contract" else "2026-12-31"
    assert ends[f"availability.year_end:{first}"] == expected
    assert len(ends) == 3  # 2025, 2026 and 2027 each end inside the widest window


def test_an_objection_up_to_expiry_is_shown_as_the_term_s_end_and_no_report_falls_past_the_window(capsys, tmp_path):
    contract = json.loads((DEMO / "contract.json").read_text(encoding="utf-8"))
    contract["term"]["renewal"].update({"objection_by": "expiry", "notice_months": None, "notice_days": None})
    path = tmp_path / "contract.json"
    path.write_text(json.dumps(contract, ensure_ascii=False), encoding="utf-8")
    got = {e["id"]: e for e in entries(capsys, str(path), "--from", "2026-11-01", "--to", "2026-12-31", "--lang", "en")}
    assert got["renewal.deadline:2026-12-31"]["arithmetic"] == "the term's end 2026-12-31 (an objection counts up to it)"
    # December's report is due in January 2027: past the window, listed neither with a date nor as unknown
    assert "report.due:2026-12" not in got


def test_month_file_adds_the_unpaid_invoice_dates(capsys):
    got = {e["id"]: e for e in entries(capsys, str(DEMO / "month.json"), "--lang", "en")}
    late = got.get("payment.late_fee_starts:INV-2026-10")
    if late is not None:  # the demo's October invoice is unpaid at as_of
        assert late["party"] == "client" and late["clause"] == "4.4"
        right = got["payment.suspension_right:INV-2026-10"]
        due = date.fromisoformat(late["date"]) - timedelta(days=1)
        assert right["date"] == (due + timedelta(days=31)).isoformat()
        assert right["party"] == "provider"
    assert min(e["date"] for e in got.values() if e["date"]) >= "2026-10-31"  # --from = the month's as_of


def test_window_and_unknown_year_with_a_holidays_file(capsys, tmp_path):
    if _package_knows(2027):
        pytest.skip("the package knows 2027")
    arrangement = {"year": 2027, "holidays": statutory_days(2027), "workdays": []}
    (tmp_path / "2027.json").write_text(json.dumps(arrangement), encoding="utf-8")
    got = {e["id"]: e for e in entries(capsys, str(DEMO / "contract.json"), "--from", "2026-12-01", "--to",
                                       "2027-01-31", "--holidays", str(tmp_path / "2027.json"))}
    assert got["payment.due:2026-12"]["date"] == "2027-01-15"  # 10 working days after 12-31, 1-01 off
    assert all(e["date"] is not None for e in got.values())
    assert all("2026-12-01" <= e["date"] <= "2027-01-31" for e in got.values())
    # the same file found in a holidays/ folder beside the contract, without the flag
    folder = tmp_path / "c"
    (folder / "holidays").mkdir(parents=True)
    shutil.copy(DEMO / "contract.json", folder / "contract.json")
    shutil.copy(tmp_path / "2027.json", folder / "holidays" / "2027.json")
    beside = {e["id"]: e for e in entries(capsys, str(folder / "contract.json"), "--from", "2026-12-01")}
    assert beside["payment.due:2026-12"]["date"] == "2027-01-15"


def _ics(capsys, *args: str) -> bytes:
    code, out, err = run(capsys, "deadlines", *args, "--format", "ics")
    assert code == 0, err
    return out.encode("utf-8")


def test_ics_parses_back_with_icalendar_and_reminders(capsys):
    import icalendar

    raw = _ics(capsys, str(DEMO / "contract.json"))
    cal = icalendar.Calendar.from_ical(raw)
    events = {str(e["summary"]): e for e in cal.walk("VEVENT")}
    assert any("续约书面异议" in s for s in events)
    assert any("2026-09 服务费应付日" in s for s in events)
    assert any("2026-09 服务报告提交期限" in s for s in events)
    deadline = next(e for s, e in events.items() if "续约书面异议" in s)
    assert deadline.decoded("dtstart") == date(2026, 11, 30)
    assert deadline.decoded("dtend") == date(2026, 12, 1)
    for event in cal.walk("VEVENT"):
        alarms = event.walk("VALARM")
        assert len(alarms) == 1 and str(alarms[0]["action"]) == "DISPLAY"
        assert alarms[0].decoded("trigger") < timedelta(0)
    # 3 working days before Monday 2026-11-30 is Wednesday 11-25
    assert deadline.walk("VALARM")[0].decoded("trigger") == -timedelta(days=5)
    # National Day: 3 working days before Tuesday 2026-10-13 are 10-12, 10-10 (an adjusted Saturday), 10-09
    report = next(e for s, e in events.items() if "2026-09 服务报告提交期限" in s)
    assert report.walk("VALARM")[0].decoded("trigger") == -timedelta(days=4)


def test_ics_uids_are_stable_across_runs_and_inputs(capsys):
    import icalendar

    def uids(raw: bytes) -> dict[str, str]:
        return {str(e["uid"]): str(e["summary"]) for e in icalendar.Calendar.from_ical(raw).walk("VEVENT")}

    first = _ics(capsys, str(DEMO / "contract.json"))
    again = _ics(capsys, str(DEMO / "contract.json"))
    assert first == again  # byte for byte: no wall clock, no random
    english = uids(_ics(capsys, str(DEMO / "contract.json"), "--lang", "en", "--remind", "5"))
    assert set(english) == set(uids(first))  # the same events in another language update, not duplicate
    month = uids(_ics(capsys, str(DEMO / "month.json"), "--from", "2026-01-01"))
    assert set(uids(first)) <= set(month)  # from the month file: the same UIDs, and the unpaid invoice's dates
    assert len(set(uids(first))) == len(uids(first))


def test_ics_validates_with_an_independent_parser(capsys):
    vobject = pytest.importorskip("vobject")
    raw = _ics(capsys, str(DEMO / "contract.json"), "--lang", "en")
    parsed = vobject.readOne(raw.decode("utf-8"), validate=True)
    events = parsed.contents["vevent"]
    assert len(events) >= 20
    for event in events:
        assert isinstance(event.dtstart.value, date)
        assert event.uid.value.endswith("@kefu-check")
        assert "valarm" in event.contents
    summaries = [e.summary.value for e in events]
    assert any("written objection" in s for s in summaries)


def test_no_reminder_and_output_file(capsys, tmp_path):
    out = tmp_path / "demo.ics"
    code, _, err = run(capsys, "deadlines", str(DEMO / "contract.json"), "--format", "ics", "--remind", "0",
                       "-o", str(out))
    assert code == 0, err
    assert "BEGIN:VALARM" not in out.read_text(encoding="utf-8")
    assert "2027" in err  # the undated entries are named on stderr with the year to supply


def test_table_and_bad_input(capsys, tmp_path):
    code, out, _ = run(capsys, "deadlines", str(DEMO / "contract.json"), "--lang", "en")
    assert (code == 0 and "written objection" in out and "unknown (2027)" in out) or _package_knows(2027)
    assert run(capsys, "deadlines", str(tmp_path / "missing.json"))[0] == 2
    assert run(capsys, "deadlines", str(DEMO / "contract.json"), "--from", "2026-13-01")[0] == 2
    assert run(capsys, "deadlines", str(DEMO / "contract.json"), "--from", "2026-05-01", "--to", "2026-01-01")[0] == 2
    code, _, err = run(capsys, "deadlines", str(DEMO / "contract.json"), "-o", str(DEMO / "contract.json"))
    assert code == 2 and "--output" in err


def test_a_quarter_s_report_is_listed_when_the_term_ended_early_in_the_quarter(capsys, tmp_path):
    """The term ends 2026-04-15; 2026-Q2's report is still owed (SPEC §4.4), due 07-14: a window from July lists it."""
    contract = json.loads((DEMO / "contract.json").read_text(encoding="utf-8"))
    contract["term"].update({"start": "2026-03-16", "end": "2026-04-15", "stated_months": 1})
    contract["term"]["renewal"]["auto"] = False
    contract["standards"]["report"] = {"every": "quarter", "due_working_days": 10}
    path = tmp_path / "contract.json"
    path.write_text(json.dumps(contract, ensure_ascii=False), encoding="utf-8")
    got = {e["id"]: e for e in entries(capsys, str(path), "--from", "2026-07-01", "--to", "2026-07-31")}
    assert got["report.due:2026-Q2"]["date"] == "2026-07-14"
