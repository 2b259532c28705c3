"""`kefu-check facts` metrics: the fixture's figures recomputed row by row in plain Python, and each boundary.

fixtures/exports/ is written by scripts/gen-exports.py (seeded); its notes.md explains the B-… rows.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kefu_check.calendar import Calendar

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "exports"
TZ = ZoneInfo("Asia/Shanghai")
PERIOD_START = datetime(2026, 10, 1, tzinfo=TZ)
PERIOD_END = datetime(2026, 11, 1, tzinfo=TZ)
CAL = Calendar()


# ----------------------------------------------------------------------------------------------- helpers


def facts(kefu, *args: str, files: dict[str, str | bytes] | None = None, contract: dict | None = None):
    """Copy the fixture folder to tmp, add `files`, run `kefu-check facts`; return (run, month.json or None)."""
    for item in FIXTURE.iterdir():
        shutil.copy(item, kefu.dir / item.name)
    if contract is not None:
        kefu.write("contract.json", contract)
    for name, content in (files or {}).items():
        kefu.write(name, content)
    out = kefu.dir / "out" / "month.json"
    out.parent.mkdir(exist_ok=True)
    run = kefu.run("facts", "--contract", kefu.dir / "contract.json", "--period", "2026-10", "-o", out, *args)
    return run, (json.loads(out.read_text(encoding="utf-8")) if out.exists() and run.code == 0 else None)


def fixture_contract() -> dict:
    return json.loads((FIXTURE / "contract.json").read_text(encoding="utf-8"))


def parse(text: str | None) -> datetime | None:
    """Plain-Python reading of an export timestamp (naive = Asia/Shanghai); None when empty; raises when bad."""
    if text is None or text == "":
        return None
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=TZ)


def readable(text: str) -> bool:
    try:
        parse(text)
        return True
    except ValueError:
        return False


@dataclass
class Expected:
    requests: int
    on_time: int


def expected_first_response(rows: list[dict[str, str]], within: int) -> Expected:
    """SPEC §7 in plain Python: bad rows (first occurrence of an id wins) out, short abandons out, bots ignored."""
    seen: set[str] = set()
    requests = on_time = 0
    limit = timedelta(seconds=within)
    for row in rows:
        rid = row["id"]
        if not rid or rid in seen:
            continue
        seen.add(rid)
        if not all(readable(row[c]) for c in ("arrived_at", "first_response_at", "abandoned_at")):
            continue
        arrived, response, abandoned = (parse(row[c]) for c in ("arrived_at", "first_response_at", "abandoned_at"))
        if arrived is None or (response and response < arrived) or (abandoned and abandoned < arrived):
            continue
        if not PERIOD_START <= arrived < PERIOD_END:
            continue
        if abandoned is not None and abandoned - arrived <= limit:
            continue
        requests += 1
        if response is not None and row["agent"] and response - arrived <= limit:
            on_time += 1
    return Expected(requests, on_time)


# ----------------------------------------------------------------------------------------------- fixture


def test_fixture_first_response_matches_plain_python(kefu) -> None:
    calls = list(csv.DictReader(io.StringIO((FIXTURE / "calls.csv").read_text(encoding="utf-8-sig"))))
    chats_text = (FIXTURE / "chats.csv").read_bytes().decode("gbk")
    names = {"会话编号": "id", "接入时间": "arrived_at", "首次回复时间": "first_response_at", "放弃时间": "abandoned_at",
             "客服": "agent"}
    chats = [{names[k]: v for k, v in row.items()} for row in csv.DictReader(io.StringIO(chats_text))]
    run, month = facts(kefu, "--calls", kefu.dir / "calls.csv", "--chats", kefu.dir / "chats.csv",
                       "--mapping", kefu.dir / "mapping.toml")
    assert run.code == 0, run.err
    phone, chat = expected_first_response(calls, 20), expected_first_response(chats, 30)
    assert month["first_response"]["phone"]["requests"] == phone.requests
    assert month["first_response"]["phone"]["on_time"] == phone.on_time
    assert month["first_response"]["chat"]["requests"] == chat.requests
    assert month["first_response"]["chat"]["on_time"] == chat.on_time
    assert phone.requests > 250 and chat.requests > 150  # the fixture is not trivially empty


def test_fixture_resolution_matches_plain_python(kefu) -> None:
    import openpyxl

    book = openpyxl.load_workbook(FIXTURE / "tickets.xlsx", read_only=True)
    rows = list(book.worksheets[0].iter_rows(values_only=True))[1:]
    book.close()
    as_of_end = datetime(2026, 11, 1, tzinfo=TZ)
    cases = on_time = 0
    for _id, opened, resolved in rows:
        opened = opened.replace(tzinfo=TZ)
        resolved = resolved.replace(tzinfo=TZ) if resolved else None
        if resolved is not None and resolved < opened:
            continue  # a bad row
        if not PERIOD_START <= opened < PERIOD_END:
            continue
        deadline = datetime.combine(CAL.add_working_days(opened.date(), 2), time(18), tzinfo=TZ)
        if resolved is None and deadline >= as_of_end:
            continue  # not yet due
        cases += 1
        on_time += resolved is not None and resolved <= deadline
    run, month = facts(kefu, "--tickets", kefu.dir / "tickets.xlsx")
    assert run.code == 0, run.err
    assert (month["resolution"]["cases"], month["resolution"]["on_time"]) == (cases, on_time)
    assert cases > 150


def test_fixture_satisfaction_matches_plain_python(kefu) -> None:
    rows = list(csv.DictReader(io.StringIO((FIXTURE / "surveys.csv").read_text(encoding="utf-8"))))
    scores = []
    for row in rows:
        if not row["score"].isdigit() or not 0 <= int(row["score"]) <= 5:
            continue
        if PERIOD_START <= parse(row["answered_at"]) < PERIOD_END:
            scores.append(int(row["score"]))
    satisfied = Fraction(100 * sum(s >= 4 for s in scores), len(scores))
    run, month = facts(kefu, "--surveys", kefu.dir / "surveys.csv")
    assert run.code == 0, run.err
    got = month["satisfaction"]
    assert got["respondents"] == len(scores)
    # not a terminating decimal here: the figure is cut after 24 decimals, never rounded up
    assert Decimal(got["score"]) == Decimal(satisfied.numerator * 10**24 // satisfied.denominator).scaleb(-24)
    assert "method=share_satisfied" in got["method"]


def test_fixture_outages_clipped_and_invoices(kefu) -> None:
    run, month = facts(kefu, "--outages", kefu.dir / "outages.csv", "--invoices", kefu.dir / "invoices.csv",
                       "--payments", kefu.dir / "payments.csv")
    assert run.code == 0, run.err
    assert month["outages"][0] == {"id": "OUT-1", "start": "2026-10-01T00:00:00+08:00",
                                   "end": "2026-10-01T10:00:00+08:00", "cause": "provider"}
    assert month["outages"][-1] == {"id": "OUT-4", "start": "2026-10-31T17:00:00+08:00",
                                    "end": "2026-11-01T00:00:00+08:00", "cause": "provider"}
    assert [o["id"] for o in month["outages"]] == ["OUT-1", "OUT-2", "OUT-3", "OUT-4"]
    assert month["invoices"] == [{"id": "INV-2026-09", "cycle": "2026-09", "amount": "20000.00", "payments": [
        {"date": "2026-10-20", "amount": "10000.00"}, {"date": "2026-10-26", "amount": "10000.00"}]}]
    assert "outages.csv" in run.err  # OUT-6 ends before it starts: a bad row, counted and reported


@pytest.mark.parametrize("zone", ["CST", "UTC", "EST", "Asia/Shanghai", "America/New_York"])
def test_a_time_zone_written_as_a_name_is_an_unusable_row_never_a_shifted_one(kefu, zone: str) -> None:
    """DuckDB's cast reads `CST` as US Central time (-06:00): a call at 10:00 China Standard Time moved to the next
    day, an outage off the working day it happened on. A zone name is an unusable row, named like every other."""
    calls = calls_csv(f"N,2026-10-09 10:00:00 {zone},2026-10-09 10:00:05 {zone},,A01",
                      "O,2026-10-09T10:00:00+08:00,2026-10-09T10:00:05Z,,A01")
    run, month = facts(kefu, "--calls", kefu.dir / "c.csv", "--lang", "en", files={"c.csv": calls})
    assert run.code == 0, run.err
    assert "c.csv: 1 unusable rows (unreadable timestamp, column arrived_at): rows 2" in run.err
    assert (month["first_response"]["phone"]["requests"], month["first_response"]["phone"]["on_time"]) == (1, 0)
    outages = f"id,start,end,cause\nO1,2026-10-30 17:00:00 {zone},2026-10-30 17:30:00 {zone},provider\n"
    run, month = facts(kefu, "--outages", kefu.dir / "o.csv", "--lang", "en", files={"o.csv": outages})
    assert run.code == 0, run.err
    assert month["outages"] == [] and "o.csv: 1 unusable rows (unreadable timestamp, column start): rows 2" in run.err


@pytest.mark.parametrize("offset", ["+99:99", "+15:00", "-15:00", "+24:00", "+08:60", "+0875", "+16"])
def test_an_offset_no_place_has_is_an_unusable_row_never_a_shifted_one(kefu, offset: str) -> None:
    """DuckDB's cast took 10:00+99:99 as 2026-10-05 13:21+08:00 and +08:60 as 09:00: the call moved days or an hour,
    silently. An offset past ±14 hours, or of 60 minutes or more, is an unusable row; +14:00 and -12:00 are read."""
    calls = calls_csv(f"N,2026-10-09 10:00:00{offset},2026-10-09 10:00:05{offset},,A01",
                      "O,2026-10-09T10:00:00+14:00,2026-10-09T10:00:05+14:00,,A01",
                      "W,2026-10-09T10:00:00-12:00,2026-10-09T10:00:05-12:00,,A01")
    run, month = facts(kefu, "--calls", kefu.dir / "c.csv", "--lang", "en", files={"c.csv": calls})
    assert run.code == 0, run.err
    assert "c.csv: 1 unusable rows (unreadable timestamp, column arrived_at): rows 2" in run.err
    assert (month["first_response"]["phone"]["requests"], month["first_response"]["phone"]["on_time"]) == (2, 2)


def test_a_two_digit_year_is_an_unusable_row_not_the_year_26(kefu) -> None:
    """DuckDB reads `26-10-09 10:00:00` (Excel's yy-mm-dd saved as CSV) as 0026-10-09: the call was counted outside
    the period, named nowhere. It is a bad row now, like any timestamp that cannot be read."""
    calls = calls_csv("P1,26-10-09 10:00:00,26-10-09 10:00:05,,A01", "P2,2026-10-09 10:00:00,26-10-09 10:00:05,,A01")
    run, month = facts(kefu, "--calls", kefu.dir / "c.csv", "--lang", "en", files={"c.csv": calls})
    assert run.code == 0, run.err
    assert "c.csv: 1 unusable rows (unreadable timestamp, column arrived_at): rows 2" in run.err
    assert "c.csv: 1 unusable rows (unreadable timestamp, column first_response_at): rows 3" in run.err
    assert "outside_period=0 " in month["first_response"]["phone"]["method"]


@pytest.mark.parametrize(("name", "content", "option"), [
    ("c.csv", "id,arrived_at,first_response_at,abandoned_at,agent,agent\nP1,2026-10-09 10:00:00,2026-10-09 10:00:05,,,A1\n",
     "--calls"),
    ("i.csv", "id,cycle,amount,amount\nINV-1,2026-10,100.00,28000.00\n", "--invoices"),
])
def test_a_column_named_twice_in_the_header_is_refused_not_read_at_the_first(kefu, name: str, content: str,
                                                                             option: str) -> None:
    """`agent` twice (the first empty): the call had been a bot's, 0 on time; `amount` twice: the invoice 100.00."""
    column = "agent" if option == "--calls" else "amount"
    run, _ = facts(kefu, option, kefu.dir / name, "--lang", "en", files={name: content})
    assert (run.code, run.err) == (2, f"{name}: {column}: the header has this column 2 times (which one is meant "
                                      "cannot be told)\n")
    book = kefu.dir / name.replace(".csv", ".xlsx")
    import csv
    import io

    import openpyxl

    wb = openpyxl.Workbook()
    for row in csv.reader(io.StringIO(content)):
        wb.active.append(row)
    wb.save(book)
    run, _ = facts(kefu, option, book, "--lang", "en")
    assert (run.code, run.err) == (2, f"{book.name}: {column}: the header has this column 2 times (which one is "
                                      "meant cannot be told)\n")


# ----------------------------------------------------------------------------------------------- boundaries

CALLS_HEADER = "id,arrived_at,first_response_at,abandoned_at,agent\n"


def calls_csv(*rows: str) -> str:
    return CALLS_HEADER + "".join(r + "\n" for r in rows)


def phone(kefu, content: str, *args: str) -> dict:
    run, month = facts(kefu, "--calls", kefu.dir / "c.csv", *args, files={"c.csv": content})
    assert run.code == 0, run.err
    return month["first_response"]["phone"]


@pytest.mark.parametrize(
    ("row", "requests", "on_time"),
    [
        ("R,2026-10-09T10:00:00,2026-10-09T10:00:20,,A01", 1, 1),  # exactly within_seconds: on time (以内)
        ("R,2026-10-09T10:00:00,2026-10-09T10:00:21,,A01", 1, 0),  # one second later: late
        ("R,2026-10-09T10:00:00,,2026-10-09T10:00:20,", 0, 0),  # abandoned exactly at the threshold: excluded
        ("R,2026-10-09T10:00:00,,2026-10-09T10:00:21,", 1, 0),  # a second later: a request, unanswered
        ("R,2026-10-09T10:00:00,2026-10-09T10:00:02,,", 1, 0),  # a bot's reply is no first response
        ("R,2026-10-31T23:59:59,2026-10-31T23:59:59,,A01", 1, 1),  # last second of the month: inside
        ("R,2026-11-01T00:00:00,2026-11-01T00:00:01,,A01", 0, 0),  # first second of the next: outside
        ("R,2026-10-01T00:00:00,2026-10-01T00:00:01,,A01", 1, 1),  # first second of the month
        ("R,2026-09-30T23:59:59,2026-09-30T23:59:59,,A01", 0, 0),
        ("R,2026-10-31T15:59:59Z,2026-10-31T16:00:00Z,,A01", 1, 1),  # 23:59:59 in Shanghai
        ("R,2026-10-31T16:00:00Z,2026-10-31T16:00:01Z,,A01", 0, 0),  # 00:00:00 in Shanghai: November
        ("R,2026-10-09 03:00:00,2026-10-09 03:00:10,,A01", 1, 1),  # any hour counts, space separator too
        ("R,2026-10-09,2026-10-09T00:00:05,,A01", 0, 0),  # a bare date is no timestamp: a bad row
        ("R,2026-10-09T10:00:00.5,2026-10-09T10:00:20.5,,A01", 1, 1),  # fractions of a second count exactly
    ],
)
def test_first_response_boundary(kefu, row: str, requests: int, on_time: int) -> None:
    figures = phone(kefu, calls_csv(row))
    assert (figures["requests"], figures["on_time"]) == (requests, on_time)


def test_short_abandons_counted_on_request(kefu) -> None:
    rows = calls_csv("A,2026-10-09T10:00:00,,2026-10-09T10:00:05,", "B,2026-10-09T10:00:00,2026-10-09T10:00:05,,A1")
    assert phone(kefu, rows) == {"requests": 1, "on_time": 1, "method": phone(kefu, rows)["method"]}
    counted = phone(kefu, rows, "--short-abandons", "count")
    assert (counted["requests"], counted["on_time"]) == (2, 1)
    assert "short_abandons(<=20s)=1:count" in counted["method"]


TICKETS_HEADER = "id,opened_at,resolved_at\n"


def resolution(kefu, rows: list[str], *args: str, contract: dict | None = None) -> dict:
    content = TICKETS_HEADER + "".join(r + "\n" for r in rows)
    run, month = facts(kefu, "--tickets", kefu.dir / "t.csv", *args, files={"t.csv": content}, contract=contract)
    assert run.code == 0, run.err
    return month["resolution"]


@pytest.mark.parametrize(
    ("row", "cases", "on_time"),
    [
        ("T,2026-10-01T10:00:00,2026-10-09T18:00:00", 1, 1),  # holiday: 10-08, 10-09 → limit 10-09 18:00
        ("T,2026-10-01T10:00:00,2026-10-09T18:00:01", 1, 0),  # a second past the last day's service hours
        ("T,2026-10-09T17:00:00,2026-10-12T18:00:00", 1, 1),  # Sat 10-10 is a 调休 working day → Mon 10-12
        ("T,2026-10-09T17:00:00,2026-10-13T09:00:00", 1, 0),
        ("T,2026-10-26T09:00:00,", 1, 0),  # open past its limit (10-28 18:00) at as_of: late
        ("T,2026-10-30T09:00:00,", 0, 0),  # open, limit 11-03: not yet due at as_of → left out
        ("T,2026-10-30T09:00:00,2026-11-03T17:00:00", 1, 1),  # resolved after the period, within the limit
        ("T,2026-09-30T23:59:59,2026-10-08T09:00:00", 0, 0),  # opened in September
    ],
)
def test_resolution_working_days_boundary(kefu, row: str, cases: int, on_time: int) -> None:
    figures = resolution(kefu, [row])
    assert (figures["cases"], figures["on_time"]) == (cases, on_time)


def test_open_ticket_late_once_as_of_passes_its_limit(kefu) -> None:
    row = "T,2026-10-30T09:00:00,"  # limit Tue 2026-11-03 18:00
    assert resolution(kefu, [row], "--as-of", "2026-11-03")["cases"] == 1  # the limit lies within the as_of day
    assert resolution(kefu, [row], "--as-of", "2026-11-02")["cases"] == 0


def test_resolution_in_hours_is_elapsed_time_inclusive(kefu) -> None:
    contract = fixture_contract()
    contract["standards"]["resolution"] = {"within": 24, "unit": "hours", "target_ratio": "0.9"}
    rows = ["A,2026-10-01T10:00:00,2026-10-02T10:00:00", "B,2026-10-01T10:00:00,2026-10-02T10:00:01"]
    figures = resolution(kefu, rows, contract=contract)
    assert (figures["cases"], figures["on_time"]) == (2, 1)
    assert "on_time=resolved_at<=opened_at+24h" in figures["method"]


def surveys(kefu, scores: list[str], satisfaction: dict, *args: str) -> dict:
    contract = fixture_contract()
    contract["standards"]["satisfaction"] = satisfaction
    content = "id,answered_at,score\n" + "".join(f"S{i},2026-10-05T10:00:00,{s}\n" for i, s in enumerate(scores))
    run, month = facts(kefu, "--surveys", kefu.dir / "s.csv", *args, files={"s.csv": content}, contract=contract)
    assert run.code == 0, run.err
    return month["satisfaction"]


def test_satisfaction_mean_and_share(kefu) -> None:
    points = {"min": "4.5", "scale": "points", "method": "mean_score", "scale_max": 5}
    assert surveys(kefu, ["5", "4", "4", "5"], points)["score"] == "4.5"
    percent = {"min": "85", "scale": "percent", "method": "mean_score", "scale_max": 5}
    assert surveys(kefu, ["5", "4", "4", "5"], percent)["score"] == "90"
    share = {"min": "85", "scale": "percent", "method": "share_satisfied", "scale_max": 5}
    got = surveys(kefu, ["5", "4", "3", "5", "4", "4", "5", "2"], share)
    assert (got["score"], got["respondents"]) == ("75", 8)
    # the contract says nothing: the user must choose, and may also compute the other way
    silent = {"min": "85", "scale": "percent", "method": None, "scale_max": 5}
    assert surveys(kefu, ["5", "3"], silent, "--satisfaction-method", "share_satisfied")["score"] == "50"


def test_satisfaction_exact_at_the_threshold(kefu) -> None:
    """17 of 20 satisfied = 85 exactly: meets `min` 85, and the monthly check agrees (no sla.satisfaction)."""
    share = {"min": "85", "scale": "percent", "method": "share_satisfied", "scale_max": 5}
    assert surveys(kefu, ["5"] * 17 + ["3"] * 3, share)["score"] == "85"
    check = kefu.run("--format", "json", kefu.dir / "out" / "month.json")
    assert "sla.satisfaction" not in check.ids()
    assert surveys(kefu, ["5"] * 16 + ["3"] * 3, share)["score"].startswith("84.210526315789473684210526")


def test_a_score_with_more_decimals_than_kept_is_refused_not_rounded(kefu) -> None:
    """Scores are kept to 6 decimal places (DECIMAL(18, 6)), which would round 3.9999999 up to 4: into the top box
    and the mean. Such a row is unusable, named like every other; trailing zeros past the 6th place are fine."""
    share = {"min": "85", "scale": "percent", "method": "share_satisfied", "scale_max": 5}
    contract = fixture_contract()
    contract["standards"]["satisfaction"] = share
    rows = ["5", "3.9999999", "4.0000000", "4.5"]
    content = "id,answered_at,score\n" + "".join(f"S{i},2026-10-05T10:00:00,{s}\n" for i, s in enumerate(rows))
    run, month = facts(kefu, "--surveys", kefu.dir / "s.csv", "--lang", "en", files={"s.csv": content},
                       contract=contract)
    assert run.code == 0, run.err
    assert "s.csv: 1 unusable rows (score with more than 6 decimal places, column score): rows 3" in run.err
    assert (month["satisfaction"]["respondents"], month["satisfaction"]["score"]) == (3, "100")


def test_a_too_precise_score_in_an_excel_number_cell_is_refused_too(kefu) -> None:
    """The same survey as a workbook: numeric cells written by openpyxl, and `3.9999999` as a formula whose value
    LibreOffice stored when it saved the file (skipped without LibreOffice: then the number itself). The stored text
    is refused as in a CSV; `4.0` and `5` are read as 4 and 5."""
    import openpyxl

    share = {"min": "85", "scale": "percent", "method": "share_satisfied", "scale_max": 5}
    contract = fixture_contract()
    contract["standards"]["satisfaction"] = share
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["id", "answered_at", "score"])
    for i, score in enumerate([5, 3.9999999, 4.0, 4.5]):
        sheet.append([f"S{i}", "2026-10-05T10:00:00", score])
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is not None:
        sheet["C3"] = "=4-0.0000001"  # the same score as a formula: LibreOffice stores its value when it saves
    path = kefu.dir / "s.xlsx"
    book.save(path)
    if soffice is not None:
        import subprocess

        subprocess.run([soffice, "--headless", "--convert-to", "xlsx", "--outdir", kefu.dir / "saved", path],
                       check=True, capture_output=True, timeout=120)
        path = kefu.dir / "saved" / "s.xlsx"
    run, month = facts(kefu, "--surveys", path, "--lang", "en", contract=contract)
    assert run.code == 0, run.err
    assert "s.xlsx: 1 unusable rows (score with more than 6 decimal places, column score): rows 3" in run.err
    assert (month["satisfaction"]["respondents"], month["satisfaction"]["score"]) == (3, "100")


def test_a_score_excel_saved_with_17_digits_is_the_score_it_shows(kefu) -> None:
    """Excel saves 4.1 as `4.0999999999999996` (17 digits of its double): that is 4.1, counted, not a score with too
    many decimal places. The workbook is openpyxl's, its number cells rewritten as Excel writes them."""
    import re
    import zipfile

    import openpyxl

    contract = fixture_contract()
    contract["standards"]["satisfaction"] = {"min": "85", "scale": "percent", "method": "mean_score", "scale_max": 5}
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["id", "answered_at", "score"])
    sheet.append(["S1", "2026-10-05T10:00:00", 4.1])
    sheet.append(["S2", "2026-10-05T11:00:00", 3])
    plain, path = kefu.dir / "plain.xlsx", kefu.dir / "s.xlsx"
    book.save(plain)
    with zipfile.ZipFile(plain) as zin, zipfile.ZipFile(path, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename.startswith("xl/worksheets/"):
                data = re.sub(rb"<v>(\d+\.\d+)</v>", lambda m: b"<v>%.17g</v>" % float(m.group(1)), data)
            zout.writestr(item, data)
    assert b"<v>4.0999999999999996</v>" in zipfile.ZipFile(path).read("xl/worksheets/sheet1.xml")
    run, month = facts(kefu, "--surveys", path, "--lang", "en", contract=contract)
    assert run.code == 0, run.err
    assert (month["satisfaction"]["respondents"], month["satisfaction"]["score"]) == (2, "71")  # (4.1 + 3) / 2 / 5


# ----------------------------------------------------------------------------------------------- properties

stamp = st.integers(min_value=0, max_value=40 * 86400).map(lambda s: datetime(2026, 9, 28) + timedelta(seconds=s))
delay = st.one_of(st.none(), st.integers(min_value=0, max_value=90))
call = st.tuples(stamp, delay, delay, st.booleans())


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(call, max_size=30))
def test_first_response_invariants(kefu, calls: list) -> None:
    """on_time ≤ requests; counting short abandons adds exactly them; figures agree with plain Python."""
    lines = [
        f"R{i},{a.isoformat()},{'' if r is None else (a + timedelta(seconds=r)).isoformat()},"
        f"{'' if b is None else (a + timedelta(seconds=b)).isoformat()},{'A1' if human else ''}"
        for i, (a, r, b, human) in enumerate(calls)
    ]
    content = calls_csv(*lines)
    excluded = phone(kefu, content)
    counted = phone(kefu, content, "--short-abandons", "count")
    assert 0 <= excluded["on_time"] <= excluded["requests"] <= counted["requests"]
    short = int(excluded["method"].split("short_abandons(<=20s)=")[1].split(":")[0])
    assert counted["requests"] == excluded["requests"] + short
    rows = list(csv.DictReader(io.StringIO(content)))
    assert Expected(excluded["requests"], excluded["on_time"]) == expected_first_response(rows, 20)


def test_deadline_table_is_one_row_a_day() -> None:
    import duckdb

    from kefu_check.exports.clock import Window
    from kefu_check.exports.resolution import deadline_table
    from kefu_check.load import load_contract_data
    from kefu_check.terms import resolve

    contract, blanks = load_contract_data(fixture_contract(), "contract.json")
    terms = resolve(contract, blanks, "contract.json")
    con = duckdb.connect()
    rows = deadline_table(con, 2, Window.of("2026-10", None, TZ), terms.hours, CAL)
    assert len(rows) == 31 and con.execute("SELECT count(*) FROM limits").fetchall() == [(31,)]
    assert rows[0] == (date(2026, 10, 1), int(datetime(2026, 10, 9, 18, tzinfo=TZ).timestamp()) * 1_000_000)


@pytest.mark.parametrize(("newline", "encoding"), [("\n", "utf-8"), ("\r\n", "utf-8"), ("\r\n", "gb18030")])
def test_bad_rows_are_named_by_the_row_a_spreadsheet_shows_blank_lines_included(kefu, newline, encoding) -> None:
    """DuckDB skips a CSV's blank lines; the rows named on stderr and in --report still count them (a blank line
    inside a quoted field is part of its record, not a row)."""
    lines = [
        CALLS_HEADER.rstrip("\n"),
        "R1,2026-10-09T10:00:00,2026-10-09T10:00:05,,A01",
        "",  # row 3: a blank line
        'R2,2026-10-09T10:00:00,2026-10-09T10:00:05,,"客服\n\n甲"',  # row 4, over three lines
        "",
        "",  # rows 5 and 6
        "R3,2026-10-0x,2026-10-09T10:00:05,,A01",  # row 7: unreadable
        "R1,2026-10-09T11:00:00,2026-10-09T11:00:05,,A01",  # row 8: R1 again (first at row 2)
    ]
    content = newline.join(lines) + newline
    report = kefu.dir / "bad.json"
    run, month = facts(kefu, "--calls", kefu.dir / "c.csv", "--report", report, "--lang", "en",
                       files={"c.csv": content.encode(encoding)})
    assert run.code == 0, run.err
    assert "c.csv: 1 unusable rows (unreadable timestamp, column arrived_at): rows 7" in run.err
    assert "c.csv: 1 unusable rows (duplicate id, column id): rows 8" in run.err
    rows = [(r["row"], r["first_row"]) for r in json.loads(report.read_text(encoding="utf-8"))["bad_rows"]]
    assert rows == [(7, None), (8, 2)]
    assert month["first_response"]["phone"]["requests"] == 2


def test_blank_lines_of_a_csv_with_cr_line_ends_count_in_row_numbers(kefu) -> None:
    """Excel for Mac's `CSV (Macintosh)` ends lines with CR alone: a blank line there is a row too (row 4 had been
    named row 3: the search for blank lines looked for LF LF only)."""
    content = CALLS_HEADER.rstrip("\n") + "\rR1,2026-10-09T10:00:00,2026-10-09T10:00:05,,A01\r\rR2,2026-10-0x,,,A01\r"
    run, month = facts(kefu, "--calls", kefu.dir / "c.csv", "--lang", "en", files={"c.csv": content})
    assert run.code == 0, run.err
    assert "c.csv: 1 unusable rows (unreadable timestamp, column arrived_at): rows 4" in run.err
    assert month["first_response"]["phone"]["requests"] == 1


def test_an_empty_row_of_a_workbook_is_a_row_like_a_csv_s_blank_line(kefu) -> None:
    """A spacer row in an .xlsx export is no bad row (it held nothing), nor fatal with --strict; it still counts in
    the row numbers, as a CSV's blank line does."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(CALLS_HEADER.rstrip("\n").split(","))
    sheet.append(["R1", "2026-10-09T10:00:00", "2026-10-09T10:00:05", None, "A01"])
    sheet.append([])  # row 3: empty
    sheet.append(["R2", "2026-10-09T10:00:00", "2026-10-09T10:00:05", None, "A01"])
    sheet["A5"].number_format = "@"  # row 5: a formatted cell, nothing in it
    sheet.append(["R3", "2026-10-0x", "2026-10-09T10:00:05", None, "A01"])  # row 6 (openpyxl writes after A5)
    book.save(kefu.dir / "c.xlsx")
    run, month = facts(kefu, "--calls", kefu.dir / "c.xlsx", "--lang", "en")
    assert run.code == 0, run.err
    assert "c.xlsx: 1 unusable rows (unreadable timestamp, column arrived_at): rows 6" in run.err
    assert "missing" not in run.err and month["first_response"]["phone"]["requests"] == 2
    sheet.delete_rows(6)
    book.save(kefu.dir / "c.xlsx")
    run, month = facts(kefu, "--calls", kefu.dir / "c.xlsx", "--strict")
    assert run.code == 0, run.err


# a line of a calls export: a good call, an unreadable one, or a blank line
line_kind = st.sampled_from(["good", "bad", "blank"])


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(line_kind, min_size=1, max_size=25), st.sampled_from(["\n", "\r\n"]))
def test_every_bad_row_is_named_by_its_line(kefu, kinds: list[str], newline: str) -> None:
    """Whatever blank lines come before them, the rows named on stderr are exactly the lines of the unreadable
    records (no field spans lines here, so a record's row is its line number; the header is line 1)."""
    lines = [CALLS_HEADER.rstrip("\n")]
    for i, kind in enumerate(kinds):
        if kind == "blank":
            lines.append("")
        else:
            day = "2026-10-09" if kind == "good" else "2026-10-0x"
            lines.append(f"R{i},{day}T10:00:00,2026-10-09T10:00:05,,A01")
    content = newline.join(lines) + newline
    report = kefu.dir / "bad.json"
    if report.exists():
        report.unlink()
    run, month = facts(kefu, "--calls", kefu.dir / "c.csv", "--report", report, files={"c.csv": content.encode()})
    assert run.code == 0, run.err
    expected = [n for n, text in enumerate(lines, 1) if "0x" in text]
    assert [r["row"] for r in json.loads(report.read_text(encoding="utf-8"))["bad_rows"]] == expected
    assert month["first_response"]["phone"]["requests"] == kinds.count("good")


def test_a_wrong_sheet_dimension_loses_no_call(kefu) -> None:
    """A calls workbook whose <dimension ref> says `A1:E3` (a writer's wrong size) over 4 calls: openpyxl's
    read-only mode had given 2 calls (requests=2, exit 0); all 4 are read."""
    import openpyxl
    from test_exports_finance import with_dimension

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(CALLS_HEADER.rstrip("\n").split(","))
    for i in range(4):
        sheet.append([f"R{i}", "2026-10-09T10:00:00", "2026-10-09T10:00:05", None, "A01"])
    book.save(kefu.dir / "c.xlsx")
    with_dimension(kefu.dir / "c.xlsx", "A1:E3")
    run, month = facts(kefu, "--calls", kefu.dir / "c.xlsx")
    assert run.code == 0, run.err
    assert month["first_response"]["phone"]["requests"] == 4


@pytest.mark.parametrize("number_format", ["yyyy-mm-dd", "yyyy/m/d", 'yyyy"年"m"月"d"日"', "[$-F800]dddd, mmmm dd, yyyy"])
def test_a_date_cell_showing_no_time_is_a_bare_date_not_midnight(kefu, number_format: str) -> None:
    """An ops workbook with the date and the time of a call in two columns, `arrived_at` mapped to the date one: a
    date cell (`yyyy-mm-dd`) had been read as 00:00 that day, the call answered 10 hours later was late (on_time=1
    of 2, exit 0, no bad row). A date is not a timestamp (as in a CSV): the row is a bad row, named. A date cell
    whose format shows its time (`yyyy-mm-dd hh:mm`) is read with it, midnight too."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(CALLS_HEADER.rstrip("\n").split(","))
    sheet.append(["R1", datetime(2026, 10, 9), datetime(2026, 10, 9, 10, 0, 5), None, "A01"])
    sheet.append(["R2", datetime(2026, 10, 9, 10), datetime(2026, 10, 9, 10, 0, 5), None, "A01"])
    sheet.append(["R3", datetime(2026, 10, 10), datetime(2026, 10, 10, 0, 0, 5), None, "A01"])
    for row in (2, 3):
        sheet.cell(row, 2).number_format = number_format
    sheet["B4"].number_format = "yyyy-mm-dd hh:mm"
    book.save(kefu.dir / "c.xlsx")
    run, month = facts(kefu, "--calls", kefu.dir / "c.xlsx", "--lang", "en")
    assert run.code == 0, run.err
    assert "c.xlsx: 1 unusable rows (unreadable timestamp, column arrived_at): rows 2" in run.err
    phone = month["first_response"]["phone"]
    assert (phone["requests"], phone["on_time"]) == (2, 2)


def test_a_percent_cell_is_the_percent_it_shows_not_a_fraction(kefu) -> None:
    """A survey workbook whose scores are percent cells (`0%`: 80% stored as 0.8): the score had been read as 0.8
    (share_satisfied 0 of 2, score 0, exit 0, no bad row). It reads `80%`, which is no score: a bad row, named."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["id", "answered_at", "score"])
    sheet.append(["S1", "2026-10-09T10:00:00", 0.8])
    sheet.append(["S2", "2026-10-09T10:00:00", 1])
    sheet.append(["S3", "2026-10-09T10:00:00", 5])
    sheet["C2"].number_format = "0%"
    sheet["C3"].number_format = "0.00%"
    book.save(kefu.dir / "s.xlsx")
    run, month = facts(kefu, "--surveys", kefu.dir / "s.xlsx", "--lang", "en")
    assert run.code == 0, run.err
    assert "s.xlsx: 2 unusable rows (unreadable number, column score): rows 2, 3" in run.err
    assert month["satisfaction"]["respondents"] == 1


# ----------------------------------------------------------------------------------------------- cell whitespace

KIND_ROWS = {  # an export's header and a good row after its id
    "calls": (CALLS_HEADER.rstrip("\n"), "2026-10-09T10:00:00,2026-10-09T10:00:05,,A01"),
    "tickets": ("id,opened_at,resolved_at", "2026-10-09T10:00:00,2026-10-09T11:00:00"),
    "surveys": ("id,answered_at,score", "2026-10-09T10:00:00,5"),
    "outages": ("id,start,end,cause", "2026-10-09T10:00:00,2026-10-09T11:00:00,provider"),
}


@pytest.mark.parametrize("kind", list(KIND_ROWS))
@pytest.mark.parametrize("space", ["\t", "\n", "\r\n", "\x0b", "\x0c", "\x1f", "\x85", "\u2028", "\u2029",
                                   "\u00a0", "\u3000", "\u2003"])
def test_an_id_with_whitespace_around_it_is_the_same_id(kefu, kind: str, space: str) -> None:
    """`CALL-1` and `"CALL-1<tab>"` (a tab or a line break left in the cell, e.g. Alt+Enter in Excel): DuckDB's trim
    removes spaces (U+0020 and the other space separators, NBSP and U+3000 too) but no tab, line break, U+0085 or
    U+2028/9, so they had been two ids — two calls, two tickets, two answers, no duplicate named, exit 0. Cells are
    trimmed as Python's str.strip trims them (as the ledger is): the second row is a duplicate, named."""
    header, rest = KIND_ROWS[kind]
    content = f'{header}\nX-1,{rest}\n"X-1{space}",{rest}\n'
    report = kefu.dir / "bad.json"
    run, _ = facts(kefu, f"--{kind}", kefu.dir / "x.csv", "--report", report, files={"x.csv": content.encode()})
    assert run.code == 0, run.err
    bad = json.loads(report.read_text(encoding="utf-8"))["bad_rows"]
    assert [(b["row"], b["problem"], b["value"], b["first_row"]) for b in bad] == [(3, "duplicate_id", "X-1", 2)]


@pytest.mark.parametrize("space", ["\t", "\n", "\u2028"])
def test_an_agent_cell_holding_only_whitespace_is_a_bot_and_a_cause_is_read_trimmed(kefu, space: str) -> None:
    """An `agent` cell holding only a tab or a line break had been a person's name: a bot's reply counted as an
    on-time first response (on_time=1, exit 0). It is empty (a bot, late); `provider<tab>` as an outage's cause had
    been an unknown cause (a bad row): it is `provider`."""
    content = calls_csv(f'R1,2026-10-09T10:00:00,2026-10-09T10:00:05,,"{space}"')
    figures = phone(kefu, content.encode())
    assert (figures["requests"], figures["on_time"]) == (1, 0)
    assert "bot_responses_ignored=1" in figures["method"]
    outages = f'id,start,end,cause\nO-1,2026-10-09T10:00:00,2026-10-09T11:00:00,"provider{space}"\n'
    run, month = facts(kefu, "--outages", kefu.dir / "o.csv", files={"o.csv": outages.encode()})
    assert run.code == 0, run.err
    assert [o["cause"] for o in month["outages"]] == ["provider"]


def test_an_xlsx_id_with_a_line_break_after_it_is_the_same_id(kefu) -> None:
    """A workbook cell `R1` + Alt+Enter: two calls R1 had been counted (requests=2, exit 0); the second is a
    duplicate."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(CALLS_HEADER.rstrip("\n").split(","))
    sheet.append(["R1", "2026-10-09T10:00:00", "2026-10-09T10:00:05", None, "A01"])
    sheet.append(["R1\n", "2026-10-09T10:00:00", "2026-10-09T10:00:05", None, "A01"])
    book.save(kefu.dir / "c.xlsx")
    run, month = facts(kefu, "--calls", kefu.dir / "c.xlsx", "--lang", "en")
    assert run.code == 0, run.err
    assert "c.xlsx: 1 unusable rows (duplicate id, column id): rows 3" in run.err
    assert month["first_response"]["phone"]["requests"] == 1


def test_hidden_rows_of_a_calls_workbook_refuse_it(kefu) -> None:
    """Calls filtered in Excel (rows 4 and 7 hidden, say test calls) and saved: all 6 had been counted
    (requests=6, exit 0) while the sheet shows 4. The file is refused naming the hidden rows, with --strict or not."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(CALLS_HEADER.rstrip("\n").split(","))
    for i in range(6):
        sheet.append([f"R{i}", "2026-10-09T10:00:00", "2026-10-09T10:00:05", None, "A01"])
    sheet.row_dimensions[4].hidden = sheet.row_dimensions[7].hidden = True
    book.save(kefu.dir / "c.xlsx")
    run, _ = facts(kefu, "--calls", kefu.dir / "c.xlsx", "--lang", "en")
    assert (run.code, run.err) == (2, "c.xlsx: rows 4, 7 are hidden (by hand or by a filter): unhide or delete them "
                                      "and run again — a hidden row is neither counted nor left out unseen\n")
    sheet.row_dimensions[7].hidden = False
    book.save(kefu.dir / "c.xlsx")
    run, _ = facts(kefu, "--calls", kefu.dir / "c.xlsx", "--lang", "en")
    assert (run.code, run.err) == (2, "c.xlsx: row 4 is hidden (by hand or by a filter): unhide or delete it and run "
                                      "again — a hidden row is neither counted nor left out unseen\n")
