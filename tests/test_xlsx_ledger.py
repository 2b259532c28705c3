"""`analyze --xlsx ledger.xlsx`: the workbook a finance controller opens (SPEC §6), read back with openpyxl.

Every amount equals the JSON (`analyze --format json`), stored as the exact decimal in the sheet's XML; dates are
dates; sheet names and headers follow --lang; header rows are frozen; the bytes are the same on every run.
"""

from __future__ import annotations

import json
import re
import zipfile
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import Kefu, contract_dict, invoice, month_dict

from kefu_check.sequence.xlsx import CNY, HEADERS, SHEETS

openpyxl = pytest.importorskip("openpyxl")

REPO = Path(__file__).resolve().parents[1]
SEQUENCES = sorted(p for p in (REPO / "fixtures" / "sequences").iterdir() if (p / "expected.json").is_file())
DISPUTE = REPO / "fixtures" / "sequences" / "dispute-quarter"
TOTAL_KEYS = ("late_fees", "service_credits", "compensation", "owed_by_client", "owed_by_provider", "net_to_provider")


def ledger(kefu: Kefu, folder: Path, lang: str = "zh", name: str = "ledger.xlsx") -> tuple[Path, dict]:
    target = kefu.dir / name
    run = kefu.run("analyze", folder, "--format", "json", "--lang", lang, "--xlsx", target)
    assert run.code in (0, 1), run.err
    return target, run.doc


def rows(ws) -> list[dict]:
    values = list(ws.iter_rows(values_only=True))
    header = values[0]
    return [dict(zip(header, row, strict=True)) for row in values[1:]]


def money(value) -> Decimal:
    assert isinstance(value, int | float), value  # a number, never text
    return Decimal(str(value)).quantize(Decimal("0.01"))


def day(value) -> str:
    assert isinstance(value, datetime | date), value  # a date, never text
    return value.date().isoformat() if isinstance(value, datetime) else value.isoformat()


@pytest.mark.parametrize("folder", SEQUENCES, ids=[p.name for p in SEQUENCES])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_amount_equals_the_json(kefu: Kefu, folder: Path, lang: str) -> None:
    path, doc = ledger(kefu, folder, lang)
    wb = openpyxl.load_workbook(path)
    names, h = SHEETS[lang], HEADERS[lang]
    assert wb.sheetnames == [names["summary"], names["details"], names["timeline"], names["invoices"]]

    # 汇总: one row per month, then the totals, equal to the JSON's; the months add up to the totals
    summary = rows(wb[names["summary"]])
    months, total = summary[: len(doc["periods"])], summary[len(doc["periods"])]
    assert [r[h["month"]] for r in months] == doc["periods"]
    assert [day(r[h["as_of"]]) for r in months] == [m["as_of"] for m in doc["months"]]
    assert total[h["month"]] == h["total"]
    for key in TOTAL_KEYS:
        assert money(total[h[key]]) == Decimal(doc["totals"][key]), key
        assert sum(money(r[h[key]]) for r in months) == Decimal(doc["totals"][key]), key

    # 明细: every timeline consequence with an amount, at its amount
    details = rows(wb[names["details"]])
    with_money = [t for t in doc["timeline"] if t["amount"] is not None]
    assert [(day(r[h["date"]]), r[h["id"]], money(r[h["amount"]])) for r in details] == [
        (t["date"], t["id"], Decimal(t["amount"])) for t in with_money
    ]
    counted = [r for r in details if r[h["counted"]] == h["yes"]]
    for key, cid in (("late_fees", "payment.late_fee"), ("service_credits", "sla.service_credit")):
        assert sum(money(r[h["amount"]]) for r in counted if r[h["id"]] == cid) == Decimal(doc["totals"][key])

    # 时间线: every row of the JSON timeline
    timeline = rows(wb[names["timeline"]])
    assert [(r[h["id"]], r[h["period"]]) for r in timeline] == [(t["id"], t["period"]) for t in doc["timeline"]]
    assert [money(r[h["amount"]]) if r[h["amount"]] is not None else None for r in timeline] == [
        Decimal(t["amount"]) if t["amount"] is not None else None for t in doc["timeline"]
    ]

    # 发票: each invoice's late fee is the timeline's
    fees = {t["subject"]: Decimal(t["amount"]) for t in doc["timeline"] if t["id"] == "payment.late_fee"}
    for r in rows(wb[names["invoices"]]):
        assert money(r[h["late_fee"]]) == fees.get(r[h["invoice"]], Decimal("0.00"))
        assert money(r[h["outstanding"]]) == money(r[h["invoice_amount"]]) - money(r[h["paid"]])


def test_dispute_quarter_figures(kefu: Kefu) -> None:
    """The figures of notes.md: what each month added, the invoices' due days and late fees."""
    path, _ = ledger(kefu, DISPUTE)
    wb = openpyxl.load_workbook(path)
    h = HEADERS["zh"]
    summary = rows(wb["汇总"])
    assert [money(r[h["late_fees"]]) for r in summary[:3]] == [Decimal("110.00"), Decimal("250.00"), Decimal("30.00")]
    assert [money(r[h["service_credits"]]) for r in summary[:3]] == [0, Decimal("1000.00"), Decimal("1000.00")]
    assert summary[3][h["net_words"]] == "净额:甲方应付乙方"
    sentences = [r[h["month"]] for r in summary[5:] if r[h["month"]]]
    assert (
        "截至 2026-12-31,乙方应付甲方违约金 390.00 元;甲方应向乙方抵扣服务费 2,000.00 元、赔偿 50,000.00 元(主张金额,待确认)。"
        in sentences
    )
    invoices = {r[h["invoice"]]: r for r in rows(wb["发票"])}
    assert day(invoices["INV-2026-09"][h["due"]]) == "2026-10-20"
    assert invoices["INV-2026-09"][h["overdue_days"]] == 36
    assert money(invoices["INV-2026-09"][h["late_fee"]]) == Decimal("360.00")
    assert day(invoices["INV-2026-11"][h["due"]]) == "2026-12-14"
    details = rows(wb["明细"])
    compensation = next(r for r in details if r[h["id"]] == "confidentiality.compensation")
    assert compensation[h["category"]] == "赔偿(主张金额,待确认)"
    assert "\n" in compensation[h["reason"]]  # the message, then each reason on its own line


def test_numbers_are_exact_decimals_in_the_xml(kefu: Kefu) -> None:
    """The sheet XML holds the amount's exact text (two decimals), not a float's digits; money cells carry the CNY
    format, dates a date format."""
    path, doc = ledger(kefu, DISPUTE)
    with zipfile.ZipFile(path) as z:
        workbook = z.read("xl/workbook.xml").decode()
        sheets = {n: z.read(f"xl/worksheets/sheet{i}.xml").decode() for i, n in enumerate(SHEETS["zh"], 1)}
        styles = z.read("xl/styles.xml").decode()
    assert "汇总" in workbook
    values = re.findall(r"<c [^>]*><v>([^<]*)</v></c>", sheets["details"] + sheets["summary"])
    amounts = {t["amount"] for t in doc["timeline"] if t["amount"] is not None} | {
        v for k, v in doc["totals"].items() if k != "compensation_unassessed"
    }
    for amount in amounts:
        assert amount in values, amount
    assert "-51610.00" in values and "0.00" in values
    decimals = [v for v in values if "." in v]
    assert decimals and all(re.fullmatch(r"-?\d+\.\d\d", v) for v in decimals)
    assert CNY.replace('"', "&quot;") in styles and "yyyy-mm-dd" in styles

    wb = openpyxl.load_workbook(path)
    ws = wb["明细"]
    amount_col = [c.value for c in ws[1]].index("金额(元)") + 1
    cell = ws.cell(row=2, column=amount_col)
    assert cell.data_type == "n" and cell.number_format == CNY
    assert ws.cell(row=2, column=1).is_date


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_headers_frozen_and_columns_fit(kefu: Kefu, lang: str) -> None:
    path, _ = ledger(kefu, DISPUTE, lang)
    wb = openpyxl.load_workbook(path)
    for ws in wb:
        assert ws.freeze_panes == "A2", ws.title
        assert all(c.font.bold for c in ws[1])
        header = [c.value for c in ws[1]]
        for i, text in enumerate(header, 1):
            width = ws.column_dimensions[openpyxl.utils.get_column_letter(i)].width
            shown = sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)
            assert width >= min(shown, 60), (ws.title, text, width)
    details = wb[SHEETS[lang]["details"]]
    assert [c.value for c in details[1]][:4] == [HEADERS[lang][k] for k in ("date", "period", "clause", "consequence")]


def test_bytes_are_deterministic(kefu: Kefu) -> None:
    first, _ = ledger(kefu, DISPUTE, name="a.xlsx")
    second, _ = ledger(kefu, DISPUTE, name="b.xlsx")
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as z:
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert "2026-12-31T00:00:00Z" in z.read("docProps/core.xml").decode()  # the last month's as_of


def test_waived_late_fee_is_left_out(kefu: Kefu) -> None:
    """A waiver takes its amount out of the totals; the details still show it, marked as waived."""
    kefu.write("contract.json", contract_dict())
    waiver = {"id": "payment.late_fee", "subject": "INV-2026-09", "reason": "首次逾期,协商免除", "approved_by": "王五",
              "expires": None}  # fmt: skip
    kefu.write("2026-10.json", month_dict("2026-10", invoices=[invoice("2026-09")], waivers=[waiver]))
    path, doc = ledger(kefu, kefu.dir)
    assert doc["totals"]["late_fees"] == "0.00"
    h = HEADERS["zh"]
    wb = openpyxl.load_workbook(path)
    fee = next(r for r in rows(wb["明细"]) if r[h["id"]] == "payment.late_fee")
    assert money(fee[h["amount"]]) == Decimal("110.00") and fee[h["counted"]].startswith("否(已豁免")
    assert money(rows(wb["汇总"])[1][h["late_fees"]]) == Decimal("0.00")


def test_redact_masks_the_workbook(kefu: Kefu) -> None:
    contract = contract_dict()
    contract["fees"]["bank"] = {
        "bank": "某银行",
        "account_name": "上海某某客服外包有限公司",
        "account_no": "6222021234567890123",
    }
    kefu.write("contract.json", contract)
    kefu.write("2026-10.json", month_dict("2026-10", invoices=[invoice("2026-09")]))
    target = kefu.dir / "ledger.xlsx"
    run = kefu.run("analyze", kefu.dir, "--xlsx", target, "--redact", "--output", kefu.dir / "out.txt")
    assert run.code == 1, run.err
    with zipfile.ZipFile(target) as z:
        text = "".join(z.read(n).decode() for n in z.namelist() if n.endswith(".xml"))
    assert "上海某某客服外包有限公司" not in text and "6222021234567890123" not in text


def test_xlsx_never_overwrites_an_input(kefu: Kefu) -> None:
    kefu.write("contract.json", contract_dict())
    month = kefu.write("2026-10.json", month_dict("2026-10"))
    before = month.read_bytes()
    run = kefu.run("analyze", month, "--xlsx", month)
    assert run.code == 2 and month.read_bytes() == before


def test_workbook_contains_json_amounts_only_as_numbers(kefu: Kefu) -> None:
    """No amount is text: a finance controller sums the columns as they are."""
    path, _ = ledger(kefu, DISPUTE)
    wb = openpyxl.load_workbook(path)
    for ws in wb:
        for row in ws.iter_rows(min_row=2):
            for cell in row:
                if isinstance(cell.value, str):
                    assert not re.fullmatch(r"-?[\d,]+\.\d\d", cell.value), (ws.title, cell.coordinate)
    assert json  # the module reads the JSON through the CLI
