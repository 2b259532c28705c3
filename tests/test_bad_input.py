"""Bad input (SPEC §3): exit 2, one line on stderr naming the file and the field, no traceback, inputs untouched."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from conftest import contract_dict, invoice, merge, month_dict, statutory_days

BASE_MONTH = month_dict("2026-10")
HOLIDAYS_2027 = {"year": 2027, "holidays": statutory_days(2027), "workdays": []}


@dataclass
class Case:
    """Files to write, extra CLI args, and the texts the one error line must contain.

    `expect`: names (files, fields, values) the line holds in both languages; `words`: English wording, checked
    under --lang en. An entry that is a tuple means "any of these". `ours`: the message is kefu-check's
    catalogue's (so it is Chinese by default); the holiday files word their own."""

    files: dict[str, Any]
    expect: list[str | tuple[str, ...]]
    args: list[str] = field(default_factory=list)
    month: str = "month.json"
    exact: str | None = None
    words: list[str | tuple[str, ...]] = field(default_factory=list)
    exact_zh: str | None = None
    ours: bool = True


def month_with(**sections) -> dict:
    return month_dict("2026-10", **sections)


def two_files(month: Any, contract: Any = None) -> dict[str, Any]:
    return {"contract.json": contract if contract is not None else contract_dict(), "month.json": month}


BAD_DATE_MONTH = month_with(
    invoices=[
        invoice("2026-09", ("2026-10-20", "20000.00")),
        {"id": "INV-2", "cycle": "2026-08", "amount": "20000.00", "payments": [{"date": "2026-13-01", "amount": "1"}]},
    ]
)

RAW_NAN = (
    '{"schema": "kefu-check/month@1", "contract": "contract.json", "period": "2026-10",\n'
    ' "invoices": [{"id": "A", "cycle": "2026-09", "amount": NaN}]}\n'
)

CASES: dict[str, Case] = {
    "invalid date": Case(
        two_files(BAD_DATE_MONTH),
        ["invoices[1].payments[0].date"],
        exact="month.json: invoices[1].payments[0].date: invalid date '2026-13-01'",
        exact_zh="month.json: invoices[1].payments[0].date: 无效日期 '2026-13-01'",
    ),
    "unknown key": Case(
        two_files({**BASE_MONTH, "invoces": []}),
        ["month.json", "invoces"],
        exact="month.json: unknown key 'invoces' — did you mean 'invoices'?",
        exact_zh="month.json: 未知的键 'invoces'——是否应为 'invoices'?",
    ),
    "unknown key in contract": Case(
        two_files(BASE_MONTH, merge(contract_dict(), "fees.late_fee_rate", "0.0005")),
        ["contract.json", "fees", "'late_fee_rate'", "'late_fee_daily_rate'"],
        words=["unknown key", "did you mean"],
    ),
    "a typo is read as the unknown key it is, before the key it misses": Case(
        two_files(month_with(invoices=[{"id": "I", "cycle": "2026-09", "amout": "20000.00"}])),
        ["month.json"],
        exact="month.json: invoices[0]: unknown key 'amout' — did you mean 'amount'? "
        "(1 more problem: kefu-check validate {dir}/month.json)",
    ),
    "negative amount": Case(
        two_files(month_with(invoices=[invoice("2026-09", ("2026-10-20", "-5.00"))])),
        ["month.json", "invoices[0].payments[0].amount", "-5.00"],
        words=["negative"],
    ),
    "an amount with thousands separators": Case(
        two_files(month_with(invoices=[invoice("2026-09", amount="20,000.00")])),
        ["month.json", "invoices[0].amount", "'20,000.00'", "'20000.00'"],
    ),
    "negative count": Case(
        two_files(month_with(resolution={"cases": -1, "on_time": 0})),
        ["month.json", "resolution.cases"],
    ),
    "negative rate": Case(
        two_files(BASE_MONTH, merge(contract_dict(), "fees.late_fee_daily_rate", "-0.0005")),
        ["contract.json", "fees.late_fee_daily_rate"],
    ),
    "on_time above requests": Case(
        two_files(month_with(first_response={"phone": {"requests": 10, "on_time": 11}})),
        ["month.json", "first_response.phone.on_time"],
    ),
    "target_ratio above 1": Case(
        two_files(
            BASE_MONTH,
            contract_dict(standards={"first_response": {"phone": {"within_seconds": 20, "target_ratio": "1.5"}}}),
        ),
        ["contract.json", "standards.first_response.phone.target_ratio"],
    ),
    "as_of before the period": Case(two_files(month_with(as_of="2026-09-30")), ["month.json", "as_of", "2026-09-30"]),
    "outage ending before it starts": Case(
        two_files(
            month_with(
                outages=[
                    {
                        "id": "O",
                        "start": "2026-10-12T11:00:00+08:00",
                        "end": "2026-10-12T10:00:00+08:00",
                        "cause": "provider",
                    }
                ]
            )
        ),
        ["month.json", "outages[0].end"],
    ),
    "duplicate invoice ids": Case(
        two_files(month_with(invoices=[invoice("2026-09", id="X"), invoice("2026-08", id="X")])),
        ["month.json", "invoices[1].id", "X"],
    ),
    "NaN": Case(two_files(RAW_NAN), ["month.json", "NaN", ("invoices[0].amount", "line 2")]),
    "Infinity": Case(
        two_files(RAW_NAN.replace("NaN", "Infinity")), ["month.json", "Infinity", ("invoices[0].amount", "line 2")]
    ),
    "-Infinity": Case(
        two_files(RAW_NAN.replace("NaN", "-Infinity")), ["month.json", "Infinity", ("invoices[0].amount", "line 2")]
    ),
    "number too large": Case(two_files(RAW_NAN.replace("NaN", "1e999999")), ["month.json", "invoices[0].amount"]),
    "string for a number": Case(
        two_files(month_with(first_response={"phone": {"requests": "many", "on_time": 1}})),
        ["month.json", "first_response.phone.requests"],
    ),
    "string for an amount": Case(
        two_files(month_with(invoices=[invoice("2026-09", amount="二万元")])), ["month.json", "invoices[0].amount"]
    ),
    "float-like bool for a count": Case(
        two_files(month_with(resolution={"cases": True, "on_time": 0})), ["month.json", "resolution.cases"]
    ),
    "invalid JSON": Case(
        two_files('{"schema": "kefu-check/month@1",\n "period": }'), ["month.json"], words=["line 2", "Expecting value"]
    ),
    "duplicate JSON key": Case(
        two_files('{"period": "2026-10", "period": "2026-11", "contract": "contract.json"}'),
        ["month.json", "period"],
    ),
    "a number whose exponent is past what Decimal holds": Case(
        two_files(json.dumps({**BASE_MONTH, "resolution": {"cases": 7, "on_time": 1}}).replace(": 7", ": 1e9999999999999999999")),
        ["month.json"],
        words=["a number that cannot be read"],
    ),
    "non-UTF-8 bytes": Case(
        two_files(json.dumps(BASE_MONTH).replace('"2026-10"', '"2026-10 \udcff"').encode("utf-8", "surrogateescape")),
        ["month.json", "UTF-8"],
    ),
    "GBK-encoded contract": Case(
        two_files(BASE_MONTH, json.dumps(contract_dict(), ensure_ascii=False).encode("gbk")),
        ["contract.json", "GB18030", "UTF-8", "iconv -f GB18030 -t UTF-8"],
    ),
    "YAML alias": Case(
        {
            "contract.json": contract_dict(),
            "month.yaml": "schema: kefu-check/month@1\ncontract: contract.json\nperiod: &p 2026-10\nnotes_period: *p\n",
        },
        ["month.yaml", "alias"],
        month="month.yaml",
    ),
    "YAML alias bomb": Case(
        {
            "contract.json": contract_dict(),
            "month.yaml": "a: &a [x, x, x, x, x, x, x, x, x]\n"
            + "".join(
                f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n" for i in range(8)
            ),
        },
        ["month.yaml", "alias"],
        month="month.yaml",
    ),
    "YAML python tag": Case(
        {
            "contract.json": contract_dict(),
            "month.yaml": "schema: kefu-check/month@1\ncontract: contract.json\n"
            "period: !!python/object/apply:os.system ['echo pwned > pwned.txt']\n",
        },
        ["month.yaml", "tag"],
        month="month.yaml",
    ),
    "YAML python tag on a scalar": Case(
        {
            "contract.json": contract_dict(),
            "month.yaml": "schema: kefu-check/month@1\ncontract: contract.json\nperiod: !!python/name:os.system\n",
        },
        ["month.yaml", "tag"],
        month="month.yaml",
    ),
    "missing contract file": Case(
        {"month.json": {**BASE_MONTH, "contract": "nowhere.json"}},
        ["month.json: contract:", "'nowhere.json'", "--contract"],
        words=["does not exist", "relative to the month file"],
    ),
    "a contract that is a folder": Case(
        {"month.json": {**BASE_MONTH, "contract": "."}, "sub/x.json": {}},
        ["month.json: contract:", "'.'", "--contract"],
        words=["is a directory", "relative to the month file"],
    ),
    "missing month file": Case({"contract.json": contract_dict()}, ["month.json"]),
    "a folder of months": Case(
        {"months/month.json": BASE_MONTH},
        ["months", "kefu-check analyze", "--history"],
        month="months",
    ),
    "a control character in an invoice id": Case(
        two_files(month_with(invoices=[invoice("2026-09", id="INV\u0001-1")])),
        ["month.json", "invoices[0].id", "U+0001"],
        words=["control character"],
    ),
    "an escape character in a waiver reason": Case(
        two_files(
            {
                **BASE_MONTH,
                "waivers": [{"id": "payment.late_fee", "reason": "ok\u001b[31m", "approved_by": "a", "expires": None}],
            }
        ),
        ["month.json", "waivers[0].reason", "U+001B"],
    ),
    "a line separator in a channel name": Case(
        two_files(month_with(first_response={"phone\u2028": {"requests": 1, "on_time": 1}})),
        ["month.json", "first_response", "U+2028"],
    ),
    "blank provider name": Case(
        two_files(BASE_MONTH, merge(contract_dict(), "provider.name", "[甲方公司全称]")),
        ["contract.json", "provider.name", "[甲方公司全称]"],
    ),
    "required value missing": Case(
        two_files(BASE_MONTH, merge(contract_dict(), "fees.due_working_days", None)),
        ["contract.json", "fees.due_working_days"],
    ),
    "a report due 0 working days after its period": Case(  # exit 3 (the calendar's own n >= 1 assertion)
        two_files(BASE_MONTH, merge(contract_dict(), "standards.report", {"every": "month", "due_working_days": 0})),
        ["contract.json", "standards.report.due_working_days", ("at least 1 working day", "至少为 1 个工作日")],
    ),
    "required value blank string": Case(
        two_files(BASE_MONTH, merge(contract_dict(), "client.name", "  ")), ["contract.json", "client.name"]
    ),
    "notice_months missing with a notice window": Case(
        two_files(
            BASE_MONTH,
            merge(contract_dict(), "term.renewal", {"auto": True, "objection_by": "notice_window", "renew_months": 12}),
        ),
        ["contract.json", "term.renewal.notice_months"],
    ),
    "waiver without expiry": Case(
        two_files(
            {
                **BASE_MONTH,
                "waivers": [{"id": "payment.late_fee", "subject": "INV-1", "reason": "r", "approved_by": "a"}],
            }
        ),
        ["month.json", "waivers[0].expires"],
    ),
    "waiver with a bad expiry": Case(
        two_files(
            {
                **BASE_MONTH,
                "waivers": [{"id": "payment.late_fee", "reason": "r", "approved_by": "a", "expires": "2026-02-30"}],
            }
        ),
        ["month.json", "waivers[0].expires", "2026-02-30"],
    ),
    "history not a list of paths": Case(two_files({**BASE_MONTH, "history": [3]}), ["month.json", "history[0]"]),
    "invalid --holidays file": Case(
        {**two_files(BASE_MONTH), "holidays.json": {"year": 2027, "holidays": ["2027-13-01"], "workdays": []}},
        ["holidays.json", "holidays[0]", "2027-13-01"],
        args=["--holidays", "holidays.json"],
        ours=False,
    ),
    "--holidays file not JSON": Case(
        {**two_files(BASE_MONTH), "holidays.json": "year: 2027"},
        ["holidays.json"],
        args=["--holidays", "holidays.json"],
        ours=False,
    ),
    "due date in a year without calendar data": Case(
        two_files(month_dict("2027-01", as_of="2027-01-15", invoices=[invoice("2026-12")])),
        ["month.json", "invoices[0]", "2027", "--holidays"],
    ),
    "period not a month": Case(two_files({**BASE_MONTH, "period": "2026-13"}), ["month.json", "period", "2026-13"]),
    "contract id missing": Case(
        two_files(BASE_MONTH, {k: v for k, v in contract_dict().items() if k != "id"}), ["contract.json", "id"]
    ),
}


def write_all(tmp_path: Path, files: dict[str, Any]) -> None:
    for name, content in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        elif isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            path.write_text(json.dumps(content, ensure_ascii=False, indent=2), encoding="utf-8")


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


CJK = re.compile("[\u4e00-\u9fff]")


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("name", list(CASES))
def test_bad_input_exits_2_with_one_line(kefu, tmp_path, monkeypatch, name, lang):
    """In English with --lang en, in Chinese by default: the same names, exit 2, one line."""
    case = CASES[name]
    write_all(tmp_path, case.files)
    monkeypatch.chdir(tmp_path)  # --holidays paths are given relative to the folder
    before = snapshot(tmp_path)

    lang_args = ["--lang", "en"] if lang == "en" else []
    run = kefu.run(*case.args, *lang_args, "--format", "json", tmp_path / case.month)

    assert run.code == 2, f"exit {run.code}; stderr: {run.err!r}; stdout: {run.out[:200]!r}"
    assert "Traceback" not in run.err
    assert run.out == ""
    lines = run.err.strip().splitlines()
    assert len(lines) == 1, f"expected one line on stderr, got {lines!r}"
    line = lines[0]
    exact = case.exact if lang == "en" else case.exact_zh
    if exact is not None:
        assert line == exact.format(dir=tmp_path)
    for part in case.expect + (case.words if lang == "en" else []):
        options = part if isinstance(part, tuple) else (part,)
        assert any(o in line for o in options), f"{options!r} not in {line!r}"
    if case.ours:  # Chinese in zh; in en, none outside the user's own (quoted) values
        assert bool(CJK.search(line if lang == "zh" else re.sub(r"'[^']*'", "", line))) == (lang == "zh"), line
    assert snapshot(tmp_path) == before, "the run changed or created files"


def test_bad_command_line_option_exits_2_without_traceback(kefu, tmp_path):
    write_all(tmp_path, two_files(BASE_MONTH))
    run = kefu.run("--as-of", "2026-02-30", tmp_path / "month.json")
    assert run.code == 2
    assert "Traceback" not in run.err
    assert "--as-of" in run.err and "2026-02-30" in run.err


def test_a_utf8_bom_is_accepted(kefu, tmp_path):
    kefu.write("contract.json", b"\xef\xbb\xbf" + json.dumps(contract_dict(), ensure_ascii=False).encode())
    month = month_dict("2026-10", invoices=[invoice("2026-09")])
    path = kefu.write("month.json", b"\xef\xbb\xbf" + json.dumps(month).encode())
    before = snapshot(tmp_path)
    run = kefu.run("--format", "json", path)
    assert run.code == 1, run.err
    assert run.find("payment.late_fee")[0]["amount"] == "110.00"
    assert snapshot(tmp_path) == before


def test_amounts_with_more_than_two_decimals_are_accepted(kefu):
    month = month_dict("2026-10", invoices=[invoice("2026-09", amount="20000.004")])
    run = kefu.check(contract_dict(), month)
    assert run.one("payment.overdue")["amount"] == "20000.00"


def test_yaml_month_is_accepted(kefu, tmp_path):
    kefu.write("contract.json", contract_dict())
    path = kefu.write(
        "month.yaml",
        "schema: kefu-check/month@1\ncontract: contract.json\nperiod: 2026-10\n"
        "invoices:\n  - id: INV-2026-09\n    cycle: 2026-09\n    amount: 20000.00\n    payments: []\n",
    )
    run = kefu.run("--format", "json", path)
    assert run.code == 1, run.err
    assert run.one("payment.late_fee", "INV-2026-09")["amount"] == "110.00"


def test_due_date_in_2027_works_with_a_holidays_file(kefu, tmp_path):
    """With the 2027 arrangement supplied, the 2026-12 invoice is due on the 10th working day: 2027-01-15."""
    holidays = str(kefu.write("holidays-2027.json", HOLIDAYS_2027))
    on_due_day = kefu.check(
        contract_dict(),
        month_dict("2027-01", as_of="2027-01-15", invoices=[invoice("2026-12")]),
        "--holidays",
        holidays,
    )
    assert on_due_day.code == 0
    assert on_due_day.find("payment.late_fee") == [] and on_due_day.find("payment.overdue") == []
    later = kefu.check(
        contract_dict(),
        month_dict("2027-01", as_of="2027-01-18", invoices=[invoice("2026-12")]),
        "--holidays",
        holidays,
    )
    fee = later.one("payment.late_fee", "INV-2026-12")
    assert fee["date"] == "2027-01-16"
    assert fee["amount"] == "30.00"  # 01-16, 01-17, 01-18


def test_invoice_due_in_an_unknown_year_is_not_yet_due_before_that_year(kefu):
    """SPEC §4.4: before the first day of that year, such an invoice is simply not yet due."""
    month = month_dict("2026-12", invoices=[invoice("2026-12")])
    run = kefu.check(contract_dict(), month)
    assert run.find("payment.overdue") == []


@pytest.mark.parametrize("value", ['"yes"', '"true"', "1", '"是"'])
def test_a_yes_no_field_is_true_or_false_only(kefu, value):
    """`written` decides whether an objection stops a renewal: text that looks like yes is not read as yes."""
    kefu.write("contract.json", contract_dict())
    notice = '{"date": "2026-10-28", "from": "client", "kind": "renewal_objection", "written": ' + value + "}"
    path = kefu.write("month.json", '{"contract": "contract.json", "period": "2026-10", "notices": [' + notice + "]}")
    run = kefu.run("--lang", "en", path)
    assert run.code == 2 and run.err.startswith("month.json: notices[0].written: expected true or false")


def test_a_file_is_read_to_its_end_within_the_limit(tmp_path, monkeypatch):
    """load.read_bytes reads with one open, one fstat and plain reads: a pipe (no size) is read whole, and a
    file over the limit, or one that grows past it after fstat, is refused by its size."""
    import os
    import threading

    from kefu_check import load
    from kefu_check.errors import InputError

    fifo = tmp_path / "month.json"
    os.mkfifo(fifo)
    payload = b"x" * 200_000  # more than one read of the pipe
    writer = threading.Thread(target=lambda: fifo.write_bytes(payload), daemon=True)  # a failure must not hang
    writer.start()
    assert load.read_bytes(fifo, "month.json") == payload
    writer.join(timeout=10)
    big = tmp_path / "big.json"
    big.write_bytes(b"y" * 1001)
    monkeypatch.setattr(load, "MAX_FILE_BYTES", 1000)
    with pytest.raises(InputError) as refused:
        load.read_bytes(big, "big.json")
    assert refused.value.line("en") == "big.json: file too large (1001 bytes; limit 1000)"
    fifo_big = tmp_path / "grows.json"
    os.mkfifo(fifo_big)
    writer = threading.Thread(target=lambda: fifo_big.write_bytes(b"z" * 5000), daemon=True)  # fits the pipe's buffer
    writer.start()
    with pytest.raises(InputError) as grew:  # fstat said 0 bytes
        load.read_bytes(fifo_big, "grows.json")
    writer.join(timeout=10)
    assert "file too large" in grew.value.line("en")
