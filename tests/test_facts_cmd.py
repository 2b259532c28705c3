"""`kefu-check facts` as a user runs it: golden bytes, facts → monthly check, bad input, formats, languages."""

from __future__ import annotations

import json
import re
import shutil
import string
import subprocess
import sys
from pathlib import Path

import pytest

from kefu_check.exports.messages import CATALOGUE

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "exports"
ALL = ["--calls", "calls.csv", "--chats", "chats.csv", "--tickets", "tickets.xlsx", "--surveys", "surveys.csv",
       "--outages", "outages.csv", "--invoices", "invoices.csv", "--payments", "payments.csv",
       "--mapping", "mapping.toml"]


@pytest.fixture
def folder(kefu) -> Path:
    for item in FIXTURE.iterdir():
        shutil.copy(item, kefu.dir / item.name)
    return kefu.dir


def run_facts(kefu, folder: Path, *args: str, out: str = "month.json"):
    """`kefu-check facts --contract contract.json --period 2026-10 ARGS -o OUT`, file names inside `folder`."""
    resolved = [str(folder / a) if "." in a and not a.startswith("-") else a for a in args]
    return kefu.run("facts", "--contract", folder / "contract.json", "--period", "2026-10", *resolved,
                    "-o", folder / out)


def test_golden_month_and_deterministic_bytes(kefu, folder: Path) -> None:
    first = run_facts(kefu, folder, *ALL)
    assert first.code == 0, first.err
    written = (folder / "month.json").read_bytes()
    assert written == (FIXTURE / "expected-month.json").read_bytes()
    assert run_facts(kefu, folder, *ALL).code == 0
    assert (folder / "month.json").read_bytes() == written


def test_facts_then_monthly_check(kefu, folder: Path) -> None:
    assert run_facts(kefu, folder, *ALL).code == 0
    check = kefu.run("--format", "json", folder / "month.json")
    assert check.code == 1, check.err
    assert check.one("payment.late_fee", "INV-2026-09")["amount"] == "30.00"
    assert {c["subject"] for c in check.find("sla.first_response")} == {"chat", "phone"}
    assert check.find("sla.resolution") and not check.find("sla.satisfaction")  # 86.58 ≥ 85
    assert check.doc["metrics"]["downtime_month_minutes"] == 90


def test_contract_named_relative_to_the_written_file(kefu, folder: Path) -> None:
    (folder / "out" / "deep").mkdir(parents=True)
    assert run_facts(kefu, folder, "--calls", "calls.csv", out="out/deep/m.json").code == 0
    assert json.loads((folder / "out" / "deep" / "m.json").read_text())["contract"] == "../../contract.json"
    assert kefu.run("--format", "json", folder / "out" / "deep" / "m.json").code in (0, 1)


def test_bad_rows_reported_with_row_numbers(kefu, folder: Path) -> None:
    run = run_facts(kefu, folder, "--calls", "calls.csv", "--report", "bad.json", "--lang", "en")
    assert run.code == 0
    assert "calls.csv: 1 unusable rows (unreadable timestamp, column arrived_at): rows 292" in run.err
    assert "calls.csv: 1 unusable rows (duplicate id, column id): rows 294" in run.err
    method = json.loads((folder / "month.json").read_text())["first_response"]["phone"]["method"]
    assert "bad_rows=3 (bad_timestamp:arrived_at@292; before_arrival:first_response_at@293; duplicate_id:id@294)" \
        in method
    report = json.loads((folder / "bad.json").read_text())
    assert report["bad_rows"][2] == {"file": "calls.csv", "row": 294, "column": "id", "problem": "duplicate_id",
                                     "value": "P0007", "first_row": 8}


def test_strict_makes_the_first_bad_row_fatal(kefu, folder: Path) -> None:
    run = run_facts(kefu, folder, "--calls", "calls.csv", "--strict", "--lang", "en")
    assert run.code == 2
    assert run.err == ("calls.csv: row 292, arrived_at: unreadable timestamp '2026-10-1x 10:00' (e.g. 2026-10-09 "
                       "10:00:00 or …+08:00; a zone as an offset, not a name like CST)\n")
    assert not (folder / "month.json").exists()


@pytest.mark.parametrize(
    ("files", "args", "message"),
    [
        ({}, ["--calls", "missing.csv"], "missing.csv: no such file\n"),
        ({"c.csv": "id,arrived\nR,2026-10-01T10:00:00\n"}, ["--calls", "c.csv"],
         "c.csv: arrived_at: missing column (columns: id, arrived)\n"),
        ({"c.csv": b"id,arrived_at\n\xff\xfe\x80\n"}, ["--calls", "c.csv"],
         "c.csv: unreadable encoding (UTF-8, UTF-8 with BOM and GBK/GB18030 are read)\n"),
        ({"c.json": "{}"}, ["--calls", "c.json"], "c.json: unsupported file type '.json' (.csv, .xlsx or .parquet)\n"),
        ({}, ["--payments", "payments.csv"], "payments.csv: --payments needs --invoices\n"),
        ({}, ["--as-of", "2026-09-30"], "--as-of: 2026-09-30 is before the period 2026-10\n"),
        ({"m.toml": "[calls]\narrived = 'x'\n"}, ["--calls", "calls.csv", "--mapping", "m.toml"],
         "m.toml: calls.arrived: bad mapping file: unknown column (known: id, arrived_at, first_response_at, "
         "abandoned_at, agent)\n"),
    ],
)
def test_bad_input_is_one_line_exit_2(kefu, folder: Path, files: dict, args: list[str], message: str) -> None:
    for name, content in files.items():
        kefu.write(name, content)
    run = run_facts(kefu, folder, *args, "--lang", "en")
    assert (run.code, run.err) == (2, message)


def test_never_overwrites_an_input(kefu, folder: Path) -> None:
    before = (folder / "calls.csv").read_bytes()
    run = run_facts(kefu, folder, "--calls", "calls.csv", "--lang", "en", out="calls.csv")
    assert (run.code, run.err) == (2, f"{folder / 'calls.csv'}: --output names an input file; choose another path\n")
    assert (folder / "calls.csv").read_bytes() == before
    assert run_facts(kefu, folder, "--calls", "calls.csv", out="contract.json").code == 2


def test_channel_without_a_standard(kefu, folder: Path) -> None:
    contract = json.loads((folder / "contract.json").read_text())
    del contract["standards"]["first_response"]["phone"]
    kefu.write("contract.json", contract)
    run = run_facts(kefu, folder, "--calls", "calls.csv", "--lang", "en")
    assert run.code == 2
    assert run.err.startswith("contract.json: standards.first_response.phone.within_seconds: the contract sets no")


def test_satisfaction_method_must_be_chosen_when_the_contract_is_silent(kefu, folder: Path) -> None:
    contract = json.loads((folder / "contract.json").read_text())
    contract["standards"]["satisfaction"]["method"] = None
    kefu.write("contract.json", contract)
    run = run_facts(kefu, folder, "--surveys", "surveys.csv", "--lang", "en")
    assert (run.code, run.err.split(": ")[:2]) == (2, ["contract.json", "standards.satisfaction.method"])
    assert run_facts(kefu, folder, "--surveys", "surveys.csv", "--satisfaction-method", "mean_score").code == 0


def test_parquet_and_xlsx_read_like_csv(kefu, folder: Path) -> None:
    """The same emails as CSV, as Parquet (typed timestamp columns) and as .xlsx: the same figures."""
    import duckdb
    import openpyxl

    rows = [("E1", "2026-10-08 09:00:00", "2026-10-08 12:59:59", None, "小王"),
            ("E2", "2026-10-08 09:00:00", "2026-10-08 13:00:01", None, "小王"),
            ("E3", "2026-10-08 09:00:00", None, "2026-10-08 09:30:00", None)]
    kefu.write("e.csv", "id,arrived_at,first_response_at,abandoned_at,agent\n"
               + "".join(",".join(v or "" for v in r) + "\n" for r in rows))
    con = duckdb.connect()
    con.execute(f"COPY (SELECT id, CAST(arrived_at AS TIMESTAMP) AS arrived_at, "
                f"CAST(first_response_at AS TIMESTAMP) AS first_response_at, "
                f"CAST(abandoned_at AS TIMESTAMP) AS abandoned_at, agent FROM read_csv('{folder / 'e.csv'}', "
                f"all_varchar = true)) TO '{folder / 'e.parquet'}' (FORMAT parquet)")
    book = openpyxl.Workbook()
    book.active.append(["id", "arrived_at", "first_response_at", "abandoned_at", "agent"])
    from datetime import datetime

    for r in rows:
        book.active.append([r[0], *(datetime.fromisoformat(v) if v else None for v in r[1:4]), r[4]])
    book.save(folder / "e.xlsx")
    figures = []
    for name in ("e.csv", "e.parquet", "e.xlsx"):
        run = run_facts(kefu, folder, "--emails", name)
        assert run.code == 0, run.err
        email = json.loads((folder / "month.json").read_text())["first_response"]["email"]
        figures.append((email["requests"], email["on_time"]))
    assert figures == [(2, 1)] * 3  # 4 h = 14,400 s: E1 on time, E2 a second late, E3 a short abandon (30 min)


def test_gbk_and_utf8_read_alike(kefu, folder: Path) -> None:
    text = (folder / "chats.csv").read_bytes().decode("gbk")
    kefu.write("chats-utf8.csv", text.encode("utf-8-sig"))
    figures = []
    for name in ("chats.csv", "chats-utf8.csv"):
        assert run_facts(kefu, folder, "--chats", name, "--mapping", "mapping.toml").code == 0
        chat = json.loads((folder / "month.json").read_text())["first_response"]["chat"]
        figures.append((chat["requests"], chat["on_time"]))
    assert figures[0] == figures[1]


# ----------------------------------------------------------------------------------------------- languages


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_catalogue_complete_in_both_languages() -> None:
    assert CATALOGUE["zh"].keys() == CATALOGUE["en"].keys()
    for key, zh in CATALOGUE["zh"].items():
        assert _fields(zh) == _fields(CATALOGUE["en"][key]), key
        assert re.search(r"[\u4e00-\u9fff]", zh), f"zh {key} is not Chinese"
        assert not re.search(r"[\u4e00-\u9fff]", CATALOGUE["en"][key]), f"en {key} has Chinese"


def test_no_chinese_leaks_into_english_output(kefu, folder: Path) -> None:
    en = run_facts(kefu, folder, *ALL, "--lang", "en")
    assert en.code == 0
    assert not re.search(r"[\u4e00-\u9fff]", en.err), en.err
    zh = run_facts(kefu, folder, *ALL)
    assert "已写入" in zh.err and "wrote" not in zh.err


def test_duckdb_is_not_imported_with_kefu_check() -> None:
    code = "import kefu_check.cli, sys; print('duckdb' in sys.modules, 'openpyxl' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False False"


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("broken.csv", 'id,arrived_at,first_response_at,abandoned_at,agent\nR1,"2026-10-09T10:00:00,,,\nR2,a,,,,x,y\n'),
        ("broken.parquet", b"not a parquet file"),
        ("broken.xlsx", b"not a workbook"),
    ],
)
def test_unreadable_file_is_one_line_exit_2(kefu, folder: Path, name: str, content: str | bytes) -> None:
    kefu.write(name, content)
    run = run_facts(kefu, folder, "--calls", name, "--lang", "en")
    assert run.code == 2
    assert run.err.startswith(f"{name}: ") and run.err.count("\n") == 1 and "Traceback" not in run.err


@pytest.mark.parametrize(
    ("rows", "lang", "line"),
    [
        (["P1,2026-10-09T10:00:00,,,A", "P2,2026-10-09T10:00:00,,,Li, Wei"], "en",
         "c.csv: unreadable content (row 3 has 6 fields, the header 5)"),
        (["P1,2026-10-09T10:00:00,,,A", "", "P2,2026-10-09T10:00:00"], "zh",
         "c.csv: 文件内容无法读取(第 4 行只有 2 个字段,表头有 5 个)"),  # the blank line is row 3
        (["P1,2026-10-09T10:00:00,,,A"] * 3000 + ["P2,2026-10-09T10:00:00,,,Li, Wei"], "en",
         "c.csv: unreadable content (row 3002 has 6 fields, the header 5)"),  # past the rows DuckDB samples
    ],
)
def test_a_row_with_another_number_of_fields_is_named(kefu, folder: Path, rows: list[str], lang: str,
                                                      line: str) -> None:
    """DuckDB refuses such a CSV as `Error when sniffing file` (or `CSV Error on Line: N`, not a spreadsheet's row);
    the line names the row and its fields."""
    kefu.write("c.csv", "id,arrived_at,first_response_at,abandoned_at,agent\n" + "".join(r + "\n" for r in rows))
    run = run_facts(kefu, folder, "--calls", "c.csv", "--lang", lang)
    assert (run.code, run.err) == (2, line + "\n")


def test_a_row_starting_with_a_hash_is_a_row_not_a_comment(kefu, folder: Path) -> None:
    """DuckDB's sniffer took `#` for a comment character when a note line made the file ragged: the call `#P1`
    went uncounted with exit 0. Every line is a row: the calls count, the note line is named."""
    call = "2026-10-09T10:00:00,2026-10-09T10:00:05,,A"
    kefu.write("c.csv", f"id,arrived_at,first_response_at,abandoned_at,agent\n#P1,{call}\nP2,{call}\nP3,{call}\n")
    assert run_facts(kefu, folder, "--calls", "c.csv").code == 0
    assert json.loads((folder / "month.json").read_text())["first_response"]["phone"]["requests"] == 3
    kefu.write("c.csv", f"id,arrived_at,first_response_at,abandoned_at,agent\n#P1,{call}\n# a note\nP2,{call}\n")
    run = run_facts(kefu, folder, "--calls", "c.csv", "--lang", "en")
    assert (run.code, run.err) == (2, "c.csv: unreadable content (row 3 has only 1 of the header's 5 fields)\n")


def test_tab_and_semicolon_separated_exports(kefu, folder: Path) -> None:
    row = ["R1", "2026-10-09T10:00:00", "2026-10-09T10:00:05", "", "A1"]
    header = ["id", "arrived_at", "first_response_at", "abandoned_at", "agent"]
    for sep in ("\t", ";"):
        kefu.write("sep.csv", sep.join(header) + "\n" + sep.join(row) + "\n")
        assert run_facts(kefu, folder, "--calls", "sep.csv").code == 0
        phone = json.loads((folder / "month.json").read_text())["first_response"]["phone"]
        assert (phone["requests"], phone["on_time"]) == (1, 1)


def test_generator_reproduces_the_committed_fixture(tmp_path: Path) -> None:
    script = FIXTURE.parent.parent / "scripts" / "gen-exports.py"
    subprocess.run([sys.executable, str(script), str(tmp_path)], check=True)
    committed = sorted(p.name for p in FIXTURE.iterdir() if p.name not in ("notes.md", "expected-month.json"))
    assert sorted(p.name for p in tmp_path.iterdir()) == committed
    for name in committed:
        assert (tmp_path / name).read_bytes() == (FIXTURE / name).read_bytes(), name


# ----------------------------------------------------------------------------------------------- --merge

REPORTS = {"reports": [{"period": "2026-09", "delivered_on": "2026-10-15"}]}
OTHERS = {
    "usage": {"units": 41000},
    "notices": [{"date": "2026-10-28", "from": "client", "kind": "renewal_objection", "written": True}],
    "incidents": [{"id": "SEC-1", "date": "2026-10-08", "kind": "leak", "at_fault": "provider",
                   "data": ["customer_info"], "personal_information": True, "records": 120, "loss": "50000.00"}],
    "suspensions": [{"start": "2026-10-25", "end": None, "notice_date": "2026-10-23"}],
    "cooperation_failures": [{"obligation": "system_access", "from": "2026-10-01", "to": "2026-10-05"}],
    "waivers": [{"id": "report.late", "subject": "2026-09", "reason": "agreed by phone", "approved_by": "王经理",
                 "expires": None}],
}


def test_merge_copies_the_sections_exports_do_not_give(kefu, folder: Path) -> None:
    kefu.write("reports.json", REPORTS)
    kefu.write("others.json", OTHERS)
    kefu.write("loss.json", '{"incidents": []}')
    run = run_facts(kefu, folder, "--invoices", "invoices.csv", "--payments", "payments.csv",
                    "--merge", "reports.json", "--merge", "others.json")
    assert run.code == 0, run.err
    month = json.loads((folder / "month.json").read_text())
    assert list(month) == ["schema", "contract", "period", "usage", "reports", "invoices", "suspensions", "notices",
                           "incidents", "cooperation_failures", "waivers"]  # SPEC §2.2's order
    assert month["reports"] == REPORTS["reports"]
    assert {k: month[k] for k in OTHERS} == OTHERS
    check = kefu.run("--format", "json", folder / "month.json")
    assert check.code in (0, 1), check.err
    # the monthly check reads every merged section: the incident, the cooperation failure, the suspension, the waiver
    assert {"confidentiality.provider_breach", "client.cooperation_failure", "service.wrongful_suspension",
            "waiver.unused"} <= set(check.ids())


def test_merge_keeps_exact_numbers_and_names_the_part_in_errors(kefu, folder: Path) -> None:
    kefu.write("loss.json", '{"incidents": [{"id": "S", "date": "2026-10-08", "kind": "loss", "at_fault": "none", '
                            '"loss": 12345678901234.56}]}')
    assert run_facts(kefu, folder, "--merge", "loss.json", "--calls", "calls.csv").code == 0
    assert json.loads((folder / "month.json").read_text())["incidents"][0]["loss"] == "12345678901234.56"
    kefu.write("bad.json", {"reports": [{"period": "2026-09", "delivered": "2026-10-15"}]})
    run = run_facts(kefu, folder, "--merge", "bad.json", "--calls", "calls.csv", "--lang", "en")
    assert run.code == 2 and run.err.startswith("bad.json: reports[0]"), run.err


@pytest.mark.parametrize(
    ("parts", "message"),
    [
        ([REPORTS, REPORTS], "p1.json: reports: section given twice (also in p0.json)\n"),
        ([{"period": "2026-10"}], "p0.json: period: not a section --merge copies (usage, reports, suspensions, "
                                  "notices, incidents, cooperation_failures, waivers)\n"),
        ([{"reprots": []}], "p0.json: reprots: not a section --merge copies (usage, reports, suspensions, "
                            "notices, incidents, cooperation_failures, waivers)\n"),
        ([{"invoices": []}], "p0.json: invoices: this section is computed from the exports (--invoices/--payments), "
                             "not merged\n"),
        ([{"first_response": {}}], "p0.json: first_response: this section is computed from the exports "
                                   "(--calls/--chats/--emails), not merged\n"),
        ([[1, 2]], "p0.json: expected an object (sections of a month document)\n"),
    ],
)
def test_merge_refusals(kefu, folder: Path, parts: list, message: str) -> None:
    args = []
    for i, part in enumerate(parts):
        kefu.write(f"p{i}.json", part)
        args += ["--merge", f"p{i}.json"]
    run = run_facts(kefu, folder, "--invoices", "invoices.csv", *args, "--lang", "en")
    assert (run.code, run.err) == (2, message)
    assert not (folder / "month.json").exists()


# ----------------------------------------------------------------------------------------------- --template


def test_template_is_one_sheet_per_export_with_the_default_headers(kefu) -> None:
    import openpyxl

    from kefu_check.exports.mapping import COLUMNS

    run = kefu.run("facts", "--template", kefu.dir / "facts.xlsx", "--lang", "en")
    assert (run.code, run.err) == (0, f"wrote {kefu.dir / 'facts.xlsx'}\n")
    book = openpyxl.load_workbook(kefu.dir / "facts.xlsx")
    assert book.sheetnames == list(COLUMNS) == ["calls", "chats", "emails", "tickets", "surveys", "outages",
                                                "invoices", "payments"]
    for kind, columns in COLUMNS.items():
        assert [c.value for c in book[kind][1]] == list(columns)
        assert book[kind].max_row == 1
    assert book.properties.creator == "kefu-check"


def test_template_bytes_are_deterministic_and_never_overwrite(kefu) -> None:
    assert kefu.run("facts", "--template", kefu.dir / "a.xlsx").code == 0
    assert kefu.run("facts", "--template", kefu.dir / "b.xlsx").code == 0
    first = (kefu.dir / "a.xlsx").read_bytes()
    assert first == (kefu.dir / "b.xlsx").read_bytes()
    import zipfile

    with zipfile.ZipFile(kefu.dir / "a.xlsx") as z:
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert b"2026-01-01T00:00:00Z" in z.read("docProps/core.xml")
    kefu.write("mine.xlsx", b"my own workbook")
    run = kefu.run("facts", "--template", kefu.dir / "mine.xlsx", "--lang", "en")
    assert (run.code, run.err) == (2, f"{kefu.dir / 'mine.xlsx'}: file exists, not overwritten; choose another path\n")
    assert (kefu.dir / "mine.xlsx").read_bytes() == b"my own workbook"
    assert kefu.run("facts", "--template", kefu.dir / "t.csv").code == 2
    other = kefu.run("facts", "--template", kefu.dir / "c.xlsx", "--period", "2026-10", "--lang", "en")
    assert (other.code, other.err) == (2, "--template: no other option goes with it (except --lang)\n")
    assert not (kefu.dir / "c.xlsx").exists()


def test_a_filled_template_is_read_sheet_by_sheet(kefu, folder: Path) -> None:
    """One workbook for every export: each option reads the sheet named after it."""
    from datetime import date, datetime

    import openpyxl

    assert kefu.run("facts", "--template", folder / "facts.xlsx").code == 0
    book = openpyxl.load_workbook(folder / "facts.xlsx")
    book["calls"].append(["R1", datetime(2026, 10, 9, 10), datetime(2026, 10, 9, 10, 0, 5), None, "A1"])
    book["invoices"].append(["INV-2026-09", "2026-09", 20000])
    book["payments"].append(["INV-2026-09", date(2026, 10, 20), 20000])
    book["payments"]["B2"].number_format = "yyyy/m/d"
    book.save(folder / "facts.xlsx")
    run = run_facts(kefu, folder, "--calls", "facts.xlsx", "--invoices", "facts.xlsx", "--payments", "facts.xlsx")
    assert run.code == 0, run.err
    month = json.loads((folder / "month.json").read_text())
    assert (month["first_response"]["phone"]["requests"], month["first_response"]["phone"]["on_time"]) == (1, 1)
    assert month["invoices"] == [{"id": "INV-2026-09", "cycle": "2026-09", "amount": "20000.00",
                                  "payments": [{"date": "2026-10-20", "amount": "20000.00"}]}]


def test_a_workbook_without_the_export_s_sheet_is_not_read_from_another_export_s(kefu, folder: Path) -> None:
    """Sheets `chats`, `Calls`: --calls reads `Calls` (2 calls, not the chat); --tickets refuses, since the first
    sheet is the chats (it had been read as tickets)."""
    import openpyxl

    book = openpyxl.Workbook()
    book.active.title = "chats"
    book.active.append(["id", "arrived_at", "first_response_at", "abandoned_at", "agent"])
    book.active.append(["C1", "2026-10-09 10:00:00", "2026-10-09 10:00:50", None, "A1"])
    calls = book.create_sheet("Calls")
    calls.append(["id", "arrived_at", "first_response_at", "abandoned_at", "agent"])
    for n in (1, 2):
        calls.append([f"P{n}", "2026-10-09 10:00:00", "2026-10-09 10:00:05", None, "A1"])
    book.save(folder / "book.xlsx")
    run = run_facts(kefu, folder, "--calls", "book.xlsx")
    assert run.code == 0, run.err
    phone = json.loads((folder / "month.json").read_text())["first_response"]["phone"]
    assert (phone["requests"], phone["on_time"]) == (2, 2)
    (folder / "book.xlsx").rename(folder / "tickets.xlsx")
    run = run_facts(kefu, folder, "--tickets", "tickets.xlsx", "--lang", "en")
    assert (run.code, run.err) == (2, "tickets.xlsx: no sheet named tickets, and the first sheet, 'chats', is another "
                                      "export's (sheets: chats, Calls)\n")


def test_required_options_without_template(kefu, folder: Path) -> None:
    run = kefu.run("facts", "--lang", "en", "--period", "2026-10", "-o", folder / "m.json")
    assert (run.code, run.err) == (2, "kefu-check: Missing option '--contract'. (see kefu-check --help)\n")
    run = kefu.run("facts", "--period", "2026-10", "-o", folder / "m.json")
    assert (run.code, run.err) == (2, "kefu-check: 缺少选项 '--contract'(参见 kefu-check --help)\n")
