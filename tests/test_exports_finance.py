"""`kefu-check facts` and money (issue 13): the ledger as finance teams write it, read exactly, or refused.

Each finance case of the issue runs twice: as an .xlsx made by openpyxl (real date cells, number cells whose
stored text is set exactly, month cells) and as a CSV. No money row may disappear with exit 0: a hypothesis
test mutates ledgers and checks that month.json carries the ledger's totals, or the command refuses.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import zipfile
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from kefu_check.exports import finance
from kefu_check.exports.finance import Unreadable

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "exports"
INVOICE_COLUMNS = ["id", "cycle", "amount"]
PAYMENT_COLUMNS = ["invoice_id", "date", "amount"]


# ----------------------------------------------------------------------------------------------- the readers


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-09-03", date(2026, 9, 3)),
        ("2026-9-3", date(2026, 9, 3)),
        ("2026/9/3", date(2026, 9, 3)),
        ("2026/09/03", date(2026, 9, 3)),
        ("2026年9月3日", date(2026, 9, 3)),
        ("2026 年 09 月 03 日", date(2026, 9, 3)),
        ("2026-09-03T00:00:00", date(2026, 9, 3)),  # an Excel date cell, a DATE-typed Parquet column
        ("2026-09-03 00:00", date(2026, 9, 3)),
    ],
)
def test_dates_as_finance_writes_them(text: str, expected: date) -> None:
    assert finance.read_date(text) == expected


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("2026.9.3", "bad_date"),  # dotted: not one of the forms
        ("03/09/2026", "bad_date"),  # day first or month first? never guessed
        ("9/3/2026", "bad_date"),
        ("20260903", "bad_date"),
        ("2026-02-30", "bad_date"),
        ("2026-13-01", "bad_date"),
        ("2026/9-3", "bad_date"),
        ("1899-12-31", "bad_date"),
        ("2026-09-03 14:30", "date_with_time"),
        ("2026-09-03T14:30:00+08:00", "date_with_time"),
        ("46268", "bad_date"),  # an Excel serial written as a number
    ],
)
def test_dates_refused(text: str, problem: str) -> None:
    with pytest.raises(Unreadable) as refused:
        finance.read_date(text)
    assert refused.value.problem == problem


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("36000", "36000.00"),
        ("36000.5", "36000.50"),
        ("36,000.00", "36000.00"),
        ("¥36,000.00", "36000.00"),
        ("￥36,000.00", "36000.00"),
        ("¥ 36000", "36000.00"),
        ("1,234", "1234.00"),
        ("1,234,567.89", "1234567.89"),
        ("0", "0.00"),
        ("20000.000", "20000.00"),  # trailing zeros below the fen are no digits
        ("99999999999999.99", "99999999999999.99"),
    ],
)
def test_amounts_as_finance_writes_them(text: str, expected: str) -> None:
    assert finance.amount_text(finance.read_amount(text)) == expected


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("36000,5", "ambiguous_amount"),  # a decimal comma? a misplaced separator? refused
        ("1.234,56", "ambiguous_amount"),
        ("36000,50", "ambiguous_amount"),
        ("3,60,000", "ambiguous_amount"),
        ("1,2345.00", "ambiguous_amount"),
        ("0,500", "ambiguous_amount"),  # a first group of 0 is no thousands: 0.5 with a decimal comma?
        ("00,100", "ambiguous_amount"),
        ("0.30000000000000004", "sub_fen_amount"),  # =0.1+0.2, which Excel shows as 0.30
        ("1.234", "sub_fen_amount"),
        ("-100.00", "negative_amount"),
        ("(100.00)", "negative_amount"),
        ("100000000000000", "amount_too_large"),
        ("1" + "0" * 29 + ".5", "amount_too_large"),  # past 28 digits: checked before quantizing, which would raise
        ("9" * 5000, "amount_too_large"),
        ("36 000", "bad_amount"),
        ("36000元", "bad_amount"),
        ("US$36,000", "bad_amount"),
        ("3.6E4", "bad_amount"),
        ("¥", "bad_amount"),
        ("三万六千", "bad_amount"),
    ],
)
def test_amounts_refused(text: str, problem: str) -> None:
    with pytest.raises(Unreadable) as refused:
        finance.read_amount(text)
    assert refused.value.problem == problem


@pytest.mark.parametrize(
    ("text", "expected"),
    [("2026-09", "2026-09"), ("2026-9", "2026-09"), ("2026/09", "2026-09"), ("2026/9", "2026-09"),
     ("2026年9月", "2026-09"), ("2026年09月", "2026-09"), ("2026-Q3", "2026-Q3")],
)
def test_cycles(text: str, expected: str) -> None:
    assert finance.read_cycle(text) == expected


@pytest.mark.parametrize("text", ["2026-09-01", "2026.09", "2026-13", "Sep 2026", "202609", "2026-Q5", "2026-00"])
def test_cycles_refused(text: str) -> None:
    with pytest.raises(Unreadable):
        finance.read_cycle(text)


# ----------------------------------------------------------------------------------------------- files


@dataclass(frozen=True)
class Cell:
    """An .xlsx cell: a value (date cells: date/datetime), a number format, or a number's exact stored text."""

    value: Any = None
    number_format: str | None = None
    stored: str | None = None  # a number cell whose <v> text is exactly this (as Excel or another tool wrote it)


def write_xlsx(path: Path, header: list[str], rows: list[list[Any]], sheet: str = "Sheet1") -> Path:
    """A workbook made by openpyxl; `Cell(stored=…)` cells get that exact text in the sheet XML afterwards
    (openpyxl itself writes numbers through a float with 16 digits, so the text is set in the file)."""
    import openpyxl

    book = openpyxl.Workbook()
    ws = book.active
    ws.title = sheet
    ws.append(header)
    patches: dict[str, str] = {}
    for r, row in enumerate(rows, start=2):
        for c, item in enumerate(row, start=1):
            cell = ws.cell(row=r, column=c)
            if isinstance(item, Cell):
                cell.value = 0 if item.stored is not None else item.value
                if item.number_format:
                    cell.number_format = item.number_format
                if item.stored is not None:
                    patches[cell.coordinate] = item.stored
            else:
                cell.value = item
    raw = io.BytesIO()
    book.save(raw)
    patch_cells(raw, path, patches)
    return path


def patch_cells(raw: io.BytesIO, path: Path, patches: dict[str, str], styles: dict[str, str] | None = None) -> None:
    with zipfile.ZipFile(io.BytesIO(raw.getvalue())) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            data = src.read(info.filename).decode("utf-8")
            if info.filename.startswith("xl/worksheets/"):
                for coordinate, text in patches.items():
                    data, n = re.subn(rf'(<c r="{coordinate}"[^>]*>)<v>[^<]*</v>', rf"\g<1><v>{text}</v>", data)
                    assert n == 1, coordinate
            if info.filename == "xl/styles.xml":
                for old, new in (styles or {}).items():
                    data = data.replace(old, new)
            out.writestr(info, data)


def write_csv(path: Path, header: list[str], rows: list[list[str]], encoding: str = "utf-8") -> Path:
    buffer = io.StringIO(newline="")
    csv.writer(buffer).writerows([header, *rows])
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def run_ledger(kefu, invoices: Path, payments: Path | None, *args: str):
    """`kefu-check facts` on the exports fixture's contract (due: 10 working days; 2026-09 → 2026-10-20)."""
    shutil.copy(FIXTURE / "contract.json", kefu.dir / "contract.json")
    out = kefu.dir / "out" / "month.json"
    out.parent.mkdir(exist_ok=True)
    if out.exists():
        out.unlink()
    more = ["--payments", payments] if payments is not None else []
    run = kefu.run("facts", "--contract", kefu.dir / "contract.json", "--period", "2026-10", "--invoices", invoices,
                   *more, "-o", out, *args)
    return run, (json.loads(out.read_text(encoding="utf-8")) if run.code == 0 else None), out


PAID_ON_TIME = [{"id": "INV-2026-09", "cycle": "2026-09", "amount": "36000.00",
                 "payments": [{"date": "2026-10-20", "amount": "36000.00"}]}]


def no_late_fee(kefu, month_path: Path) -> None:
    """The monthly check on the written month: the invoice was paid on its due day, so no late fee."""
    check = kefu.run("--format", "json", month_path)
    assert check.code in (0, 1), check.err
    assert not check.find("payment.late_fee"), check.find("payment.late_fee")
    assert not check.find("payment.suspension_right")


# --- the finance cases of issue 13, each as .xlsx (openpyxl) and as CSV -------------------------------------


def case_files(kefu, fmt: str, case: str) -> tuple[Path, Path]:
    """(invoices, payments) for `case`: INV-2026-09, 36,000.00 for 2026-09, paid in full on 2026-10-20."""
    d = kefu.dir
    if fmt == "csv":
        cycle, amount, paid_on, paid = "2026-09", "36000.00", "2026-10-20", "36000.00"
        if case == "date_cell":
            paid_on = "2026-10-20"  # what Excel's CSV export writes for a date cell formatted yyyy-mm-dd
        elif case == "slash_date":
            paid_on = "2026/10/20"
        elif case == "thousands":
            amount = paid = "36,000.00"
        elif case == "month_cell":
            cycle = "2026-09"  # the text a yyyy-mm cell shows
        return (write_csv(d / "invoices.csv", INVOICE_COLUMNS, [["INV-2026-09", cycle, amount]]),
                write_csv(d / "payments.csv", PAYMENT_COLUMNS, [["INV-2026-09", paid_on, paid]]))
    cycle_cell: Any = "2026-09"
    amount_cell: Any = Cell(stored="36000")
    date_cell: Any = "2026-10-20"
    paid_cell: Any = Cell(stored="36000")
    if case == "date_cell":
        date_cell = Cell(datetime(2026, 10, 20), "yyyy-mm-dd")  # a real Excel date cell
    elif case == "slash_date":
        date_cell = "2026/10/20"  # typed as text
    elif case == "thousands":
        amount_cell, paid_cell = "36,000.00", Cell(stored="36000", number_format="#,##0.00")
    elif case == "month_cell":
        cycle_cell = Cell(date(2026, 9, 1), "yyyy-mm")  # a date cell formatted as a month
    return (write_xlsx(d / "invoices.xlsx", INVOICE_COLUMNS, [["INV-2026-09", cycle_cell, amount_cell]]),
            write_xlsx(d / "payments.xlsx", PAYMENT_COLUMNS, [["INV-2026-09", date_cell, paid_cell]]))


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
@pytest.mark.parametrize("case", ["date_cell", "slash_date", "thousands", "month_cell"])
def test_finance_cases_give_the_right_month(kefu, fmt: str, case: str) -> None:
    invoices, payments = case_files(kefu, fmt, case)
    run, month, out = run_ledger(kefu, invoices, payments)
    assert run.code == 0, run.err
    assert month["invoices"] == PAID_ON_TIME
    no_late_fee(kefu, out)


def test_month_cell_in_other_formats_and_a_cycle_date_refused(kefu) -> None:
    rows = [["A", Cell(date(2026, 9, 1), "mmm-yy"), "1.00"], ["B", Cell(date(2026, 8, 15), 'yyyy"年"m"月"'), "2"]]
    run, month, _ = run_ledger(kefu, write_xlsx(kefu.dir / "i.xlsx", INVOICE_COLUMNS, rows), None)
    assert run.code == 0, run.err
    assert [(i["id"], i["cycle"]) for i in month["invoices"]] == [("B", "2026-08"), ("A", "2026-09")]
    # a full date in the cycle column names a day, not a cycle: refused, with the cell's text
    rows = [["A", Cell(date(2026, 9, 1), "yyyy-mm-dd"), "1.00"]]
    run, _, _ = run_ledger(kefu, write_xlsx(kefu.dir / "i.xlsx", INVOICE_COLUMNS, rows), None, "--lang", "en")
    assert (run.code, run.err) == (2, "i.xlsx: row 2, cycle: unreadable cycle '2026-09-01' (write 2026-09, "
                                      "2026/09, 2026-Q3 or use an Excel month cell)\n")


def test_east_asian_builtin_date_formats(kefu) -> None:
    """Excel in zh-CN stores 2026年9月 / 2026年9月3日 cells with built-in ids 57 / 31, unknown to openpyxl."""
    import openpyxl

    book = openpyxl.Workbook()
    ws = book.active
    ws.append(PAYMENT_COLUMNS)
    ws.append(["INV-2026-09", 46315, 36000])  # 46315 = 2026-10-20
    ws["B2"].number_format = "yyyy-mm-dd;@"
    raw = io.BytesIO()
    book.save(raw)
    path = kefu.dir / "payments.xlsx"
    patch_cells(raw, path, {}, styles={'numFmtId="164"': 'numFmtId="31"'})
    invoices = write_csv(kefu.dir / "invoices.csv", INVOICE_COLUMNS, [["INV-2026-09", "2026-09", "36000"]])
    run, month, _ = run_ledger(kefu, invoices, path)
    assert run.code == 0, run.err
    assert month["invoices"] == PAID_ON_TIME


# --- Excel numbers from their stored text, never a float ------------------------------------------------------


@pytest.mark.parametrize(
    ("stored", "expected"),
    [
        ("0.3", "0.30"),  # typed 0.3
        ("86199804577757.01", "86199804577757.01"),  # a float would read …757.02
        ("71627470833807.63", "71627470833807.63"),  # … and this …807.62
        ("36000", "36000.00"),
        ("3.6E4", "36000.00"),  # an exponent in the stored text is written out exactly
        ("1.2345678901234E+13", "12345678901234.00"),
        # Excel saves a number with 17 significant digits (%.17g of its double): read as the 15 it shows
        ("9999.9899999999998", "9999.99"),
        ("1234.5799999999999", "1234.58"),
        ("20000.099999999999", "20000.10"),
        ("15234.559999999999", "15234.56"),
        ("1.5234559999999999E+4", "15234.56"),
    ],
)
def test_excel_numbers_read_from_their_stored_text(kefu, stored: str, expected: str) -> None:
    invoices = write_xlsx(kefu.dir / "invoices.xlsx", INVOICE_COLUMNS, [["INV-1", "2026-09", Cell(stored=stored)]])
    run, month, _ = run_ledger(kefu, invoices, None)
    assert run.code == 0, run.err
    assert month["invoices"][0]["amount"] == expected


def test_excel_number_below_the_fen_refused_with_its_stored_text(kefu) -> None:
    """=0.1+0.2 stores 0.30000000000000004 (Excel shows 0.30): refused, not rounded and not read as 0.3."""
    payments = write_xlsx(kefu.dir / "payments.xlsx", PAYMENT_COLUMNS,
                          [["INV-1", "2026-10-20", Cell(stored="0.30000000000000004")]])
    invoices = write_csv(kefu.dir / "invoices.csv", INVOICE_COLUMNS, [["INV-1", "2026-09", "0.30"]])
    run, _, out = run_ledger(kefu, invoices, payments, "--lang", "en")
    assert run.code == 2
    assert run.err == ("payments.xlsx: row 2, amount: amount '0.30000000000000004' has digits below the fen "
                       "(round it to 0.01 in the sheet: ROUND(..., 2))\n")
    assert not out.exists()


# --- unreadable money rows are fatal ---------------------------------------------------------------------------


@pytest.mark.parametrize("strict", [[], ["--strict"]])
def test_unreadable_payment_date_is_fatal_with_or_without_strict(kefu, strict: list[str]) -> None:
    payments = write_xlsx(kefu.dir / "payments.xlsx", PAYMENT_COLUMNS, [["INV-1", "2026.9.3", Cell(stored="100")]])
    invoices = write_csv(kefu.dir / "invoices.csv", INVOICE_COLUMNS, [["INV-1", "2026-09", "100"]])
    run, _, out = run_ledger(kefu, invoices, payments, "--lang", "en", *strict)
    assert run.code == 2
    assert run.err.startswith("payments.xlsx: row 2, date: unreadable date '2026.9.3'")
    assert run.err.count("\n") == 1 and not out.exists()
    zh = run_ledger(kefu, invoices, payments, *strict)[0]
    assert zh.code == 2 and zh.err.startswith("payments.xlsx: 第 2 行,date:无法解析的日期 '2026.9.3'")


@pytest.mark.parametrize(
    ("invoices", "payments", "message"),
    [
        ([["INV-1", "2026-09", "36000,50"]], [],
         "invoices.csv: row 2, amount: ambiguous amount '36000,50': a comma is read only as a thousands separator, "
         "the decimal mark must be '.'"),
        ([["INV-1", "2026.09", "1"]], [], "invoices.csv: row 2, cycle: unreadable cycle '2026.09'"),
        ([["INV-1", "2026-09", ""]], [], "invoices.csv: row 2, amount: required value missing"),
        ([["INV-1", "2026-09", "1"], ["INV-1", "2026-10", "2"]], [],
         "invoices.csv: row 3, id: duplicate id (first at row 2)"),
        ([["INV-1", "2026-09", "-5"]], [], "invoices.csv: row 2, amount: negative amount '-5'"),
        ([["INV-1", "2026-09", "1"]], [["INV-9", "2026-10-20", "1"]],
         "payments.csv: row 2, invoice_id: payment for invoice 'INV-9', which the invoices export does not list"),
        ([["INV-1", "2026-09", "1"]], [["INV-1", "2026-10-20 15:00", "1"]],
         "payments.csv: row 2, date: date '2026-10-20 15:00' carries a time of day (a date is expected here)"),
        ([["INV-1", "2026-09", "1"]], [["INV-1", "2026-10-20", "1"], ["INV-1", "x", "1"], ["INV-1", "y", "1"],
                                       ["INV-1", "2026-10-21", "bad"]],
         "payments.csv: row 3, date: unreadable date 'x' (write 2026-09-03, 2026/9/3 or use an Excel date cell) "
         "(and 2 more unreadable rows: 4, 5)"),
    ],
)
def test_money_rows_that_cannot_be_read_stop_the_command(kefu, invoices: list, payments: list, message: str) -> None:
    inv = write_csv(kefu.dir / "invoices.csv", INVOICE_COLUMNS, invoices)
    pay = write_csv(kefu.dir / "payments.csv", PAYMENT_COLUMNS, payments) if payments else None
    run, _, out = run_ledger(kefu, inv, pay, "--lang", "en")
    assert run.code == 2
    assert run.err.startswith(message), run.err
    assert run.err.count("\n") == 1 and not out.exists()


def test_row_numbers_count_blank_lines_and_the_mapped_column_is_named(kefu) -> None:
    kefu.write("payments.csv", "付款发票,付款日期,金额\r\nINV-1,2026-10-20,1\r\n\r\nINV-1,2026-10-2x,1\r\n")
    kefu.write("m.toml", '[payments]\ninvoice_id = "付款发票"\ndate = "付款日期"\namount = "金额"\n')
    inv = write_csv(kefu.dir / "invoices.csv", INVOICE_COLUMNS, [["INV-1", "2026-09", "2"]])
    run, _, _ = run_ledger(kefu, inv, kefu.dir / "payments.csv", "--mapping", kefu.dir / "m.toml", "--lang", "en")
    assert run.code == 2
    assert run.err.startswith("payments.csv: row 4, 付款日期: unreadable date '2026-10-2x'")


def test_a_ledger_record_longer_than_its_header_is_refused(kefu) -> None:
    kefu.write("invoices.csv", "id,cycle,amount\nINV-1,2026-09,36,000.00\n")  # the comma unquoted: 4 fields
    run, _, _ = run_ledger(kefu, kefu.dir / "invoices.csv", None, "--lang", "en")
    assert (run.code, run.err) == (2, "invoices.csv: unreadable content (row 2 has 4 fields, the header 3)\n")


def test_gbk_ledger_with_full_width_yuan_sign(kefu) -> None:
    inv = write_csv(kefu.dir / "invoices.csv", INVOICE_COLUMNS, [["INV-2026-09", "2026年9月", "￥36,000.00"]], "gbk")
    pay = write_csv(kefu.dir / "payments.csv", PAYMENT_COLUMNS, [["INV-2026-09", "2026年10月20日", "￥36,000.00"]],
                    "gbk")
    run, month, _ = run_ledger(kefu, inv, pay)
    assert run.code == 0, run.err
    assert month["invoices"] == PAID_ON_TIME


def test_parquet_ledger_with_typed_columns(kefu) -> None:
    import duckdb

    con = duckdb.connect()
    con.execute(f"COPY (SELECT 'INV-2026-09' AS id, '2026-09' AS cycle, CAST('36000.00' AS DECIMAL(18, 2)) AS amount)"
                f" TO '{kefu.dir / 'i.parquet'}' (FORMAT parquet)")
    con.execute(f"COPY (SELECT 'INV-2026-09' AS invoice_id, DATE '2026-10-20' AS date, "
                f"CAST('36000.00' AS DECIMAL(18, 2)) AS amount) TO '{kefu.dir / 'p.parquet'}' (FORMAT parquet)")
    run, month, _ = run_ledger(kefu, kefu.dir / "i.parquet", kefu.dir / "p.parquet")
    assert run.code == 0, run.err
    assert month["invoices"] == PAID_ON_TIME


def test_parquet_float_amount_is_the_number_it_holds(kefu) -> None:
    """A FLOAT (32-bit) column holds 1234567.89 as 1234567.875: refused below the fen, not read as its shortest
    text 1234567.9 (= 1234567.90); a FLOAT that holds the amount exactly (36000.5) is read."""
    import duckdb

    con = duckdb.connect()
    con.execute(f"COPY (SELECT * FROM (VALUES ('INV-1', '2026-09', CAST(36000.5 AS FLOAT)), "
                f"('INV-2', '2026-09', CAST(1234567.89 AS FLOAT))) v(id, cycle, amount))"
                f" TO '{kefu.dir / 'i.parquet'}' (FORMAT parquet)")
    run, _, _ = run_ledger(kefu, kefu.dir / "i.parquet", None, "--lang", "en")
    assert (run.code, run.err) == (2, "i.parquet: row 3, amount: amount '1234567.875' has digits below the fen "
                                      "(round it to 0.01 in the sheet: ROUND(..., 2))\n")
    con.execute(f"COPY (SELECT 'INV-2026-09' AS id, '2026-09' AS cycle, CAST(36000.5 AS FLOAT) AS amount)"
                f" TO '{kefu.dir / 'i.parquet'}' (FORMAT parquet)")
    run, month, _ = run_ledger(kefu, kefu.dir / "i.parquet", None)
    assert run.code == 0, run.err
    assert month["invoices"][0]["amount"] == "36000.50"


def test_parquet_double_amount_past_every_fen_is_the_number_it_holds(kefu) -> None:
    """Above 2^53 / 100 yuan a DOUBLE cannot hold every fen: 99999999999999.99 is stored …99.984375, whose shortest
    text is …99.98, one fen less, read with exit 0. It is refused below the fen; below that bound, and for a whole
    number of yuan above it, the amount is read."""
    import duckdb

    con = duckdb.connect()
    con.execute(f"COPY (SELECT * FROM (VALUES ('INV-1', '2026-09', CAST(99999999999999.99 AS DOUBLE))) "
                f"v(id, cycle, amount)) TO '{kefu.dir / 'i.parquet'}' (FORMAT parquet)")
    run, _, _ = run_ledger(kefu, kefu.dir / "i.parquet", None, "--lang", "en")
    assert run.code == 2 and "'99999999999999.984375' has digits below the fen" in run.err, run.err
    for amount, read in (("90071992547410", "90071992547410.00"), ("12345678.91", "12345678.91")):
        con.execute(f"COPY (SELECT 'INV-2026-09' AS id, '2026-09' AS cycle, CAST({amount} AS DOUBLE) AS amount)"
                    f" TO '{kefu.dir / 'i.parquet'}' (FORMAT parquet)")
        run, month, _ = run_ledger(kefu, kefu.dir / "i.parquet", None)
        assert run.code == 0, run.err
        assert month["invoices"][0]["amount"] == read


def test_other_exports_bad_rows_stay_counted(kefu) -> None:
    """Only money is fatal: a bad outage row is still counted, reported and left out (--strict: fatal)."""
    shutil.copy(FIXTURE / "outages.csv", kefu.dir / "outages.csv")
    inv = write_csv(kefu.dir / "invoices.csv", INVOICE_COLUMNS, [["INV-1", "2026-09", "1"]])
    run, month, _ = run_ledger(kefu, inv, None, "--outages", kefu.dir / "outages.csv", "--lang", "en")
    assert run.code == 0, run.err
    assert "outages.csv: 1 unusable rows (before the start, column end): rows 7" in run.err
    assert len(month["invoices"]) == 1
    strict = run_ledger(kefu, inv, None, "--outages", kefu.dir / "outages.csv", "--strict", "--lang", "en")[0]
    assert (strict.code, strict.err) == (2, "outages.csv: row 7, end: before the start\n")


# ----------------------------------------------------------------------------------------------- property

PERIOD_FIRST = date(2026, 10, 1)
BASE_DAY = date(2026, 9, 10)


@dataclass
class Invoice:
    id: str
    cycle: str
    fen: int


@dataclass
class Payment:
    invoice: int
    day: date
    fen: int


def _yuan(fen: int) -> Decimal:
    return Decimal(fen).scaleb(-2)


# valid renderings of a value (text; for .xlsx also cells), and mutations that must be refused
def _amount_texts(fen: int) -> list[str]:
    y = _yuan(fen)
    grouped = f"{y:,.2f}"
    return [f"{y:f}", grouped, f"¥{grouped}", f"￥{y:f}", f"{y:.3f}", str(fen // 100) if fen % 100 == 0 else f"{y:f}"]


def _date_texts(day: date) -> list[str]:
    return [day.isoformat(), f"{day.year}/{day.month}/{day.day}", f"{day:%Y/%m/%d}", f"{day.year}年{day.month}月{day.day}日",
            f"{day.isoformat()}T00:00:00"]


def _cycle_texts(cycle: str) -> list[str]:
    y, m = cycle.split("-")
    return [cycle, f"{y}/{m}", f"{y}/{int(m)}", f"{y}年{int(m)}月"]


BAD_AMOUNTS = ["36000,50", "1.234,56", "-100.00", "12.345", "abc", "", "3,60,000"]
BAD_DATES = ["2026.10.3", "03/10/2026", "2026-13-01", "2026-10-03 14:30", "", "10月3日"]
BAD_CYCLES = ["2026.09", "Sep 2026", "2026-13", "", "2026-09-01"]
MUTATIONS = ["invoice cycle", "invoice amount", "duplicate invoice", "payment date", "payment amount",
             "unknown invoice"]

invoices_st = st.lists(
    st.tuples(st.sampled_from(["2026-08", "2026-09", "2026-10"]), st.integers(1, 10**12)), min_size=1, max_size=4
)


@st.composite
def ledgers(draw: st.DrawFn) -> tuple[list[Invoice], list[Payment]]:
    invoices = [Invoice(f"INV-{i}", c, fen) for i, (c, fen) in enumerate(draw(invoices_st))]
    payments = draw(st.lists(st.tuples(st.integers(0, len(invoices) - 1), st.integers(0, 60), st.integers(1, 10**12)),
                             max_size=6))
    return invoices, [Payment(i, BASE_DAY + timedelta(days=d), fen) for i, d, fen in payments]


def expected_totals(invoices: list[Invoice], payments: list[Payment]) -> tuple[Decimal, Decimal]:
    """The ledger's invoice and payment totals, leaving out invoices paid in full before the period (SPEC)."""
    inv_total = pay_total = Decimal(0)
    for i, invoice in enumerate(invoices):
        mine = [p for p in payments if p.invoice == i]
        early = [p.fen for p in mine if p.day < PERIOD_FIRST]
        if early and sum(early) >= invoice.fen:
            continue
        inv_total += _yuan(invoice.fen)
        pay_total += sum((_yuan(p.fen) for p in mine), Decimal(0))
    return inv_total, pay_total


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(ledger=ledgers(), data=st.data(), fmt=st.sampled_from(["csv", "xlsx"]),
       mutation=st.sampled_from([*MUTATIONS, *[None] * 6]))
def test_no_money_row_disappears_with_exit_0(kefu, ledger: tuple[list[Invoice], list[Payment]], data: st.DataObject,
                                             fmt: str, mutation: str | None) -> None:
    """Every rendering finance might use, and mutations: month.json has the ledger's totals, or exit 2."""
    invoices, payments = ledger
    inv_rows: list[list[Any]] = []
    for invoice in invoices:
        cycles: list[Any] = _cycle_texts(invoice.cycle)
        amounts: list[Any] = _amount_texts(invoice.fen)
        if fmt == "xlsx":
            y, m = map(int, invoice.cycle.split("-"))
            exact = f"{_yuan(invoice.fen):f}"
            cycles += [Cell(date(y, m, 1), "yyyy-mm"), Cell(datetime(y, m, 1), "mmm-yy")]
            amounts += [Cell(stored=exact), Cell(stored=exact, number_format="#,##0.00")]
        inv_rows.append([invoice.id, data.draw(st.sampled_from(cycles)), data.draw(st.sampled_from(amounts))])
    pay_rows: list[list[Any]] = []
    for p in payments:
        dates: list[Any] = _date_texts(p.day)
        amounts = _amount_texts(p.fen)
        if fmt == "xlsx":
            dates += [Cell(datetime.combine(p.day, datetime.min.time()), "yyyy-mm-dd"), Cell(p.day, "yyyy/m/d")]
            amounts += [Cell(stored=f"{_yuan(p.fen):f}")]
        pay_rows.append([invoices[p.invoice].id, data.draw(st.sampled_from(dates)), data.draw(st.sampled_from(amounts))])
    # about half the ledgers get one mutation that must be refused
    if mutation in ("payment date", "payment amount", "unknown invoice") and not pay_rows:
        mutation = "invoice amount"
    if mutation in ("invoice cycle", "invoice amount"):
        row = data.draw(st.sampled_from(inv_rows))
        row[1 if mutation == "invoice cycle" else 2] = data.draw(
            st.sampled_from(BAD_CYCLES if mutation == "invoice cycle" else BAD_AMOUNTS))
    elif mutation == "duplicate invoice":
        inv_rows.insert(data.draw(st.integers(1, len(inv_rows))), [inv_rows[0][0], "2026-10", "1.00"])
    elif mutation in ("payment date", "payment amount"):
        row = data.draw(st.sampled_from(pay_rows))
        row[1 if mutation == "payment date" else 2] = data.draw(
            st.sampled_from(BAD_DATES if mutation == "payment date" else BAD_AMOUNTS))
    elif mutation == "unknown invoice":
        row = data.draw(st.sampled_from(pay_rows))
        row[0] = row[0].replace("INV-", "INV")
    broken = mutation is not None
    if fmt == "csv":
        def text(v: Any) -> str:
            assert isinstance(v, str)
            return v
        inv = write_csv(kefu.dir / "invoices.csv", INVOICE_COLUMNS, [[text(v) for v in r] for r in inv_rows])
        pay = write_csv(kefu.dir / "payments.csv", PAYMENT_COLUMNS, [[text(v) for v in r] for r in pay_rows])
    else:
        inv = write_xlsx(kefu.dir / "invoices.xlsx", INVOICE_COLUMNS, inv_rows)
        pay = write_xlsx(kefu.dir / "payments.xlsx", PAYMENT_COLUMNS, pay_rows)
    run, month, out = run_ledger(kefu, inv, pay)
    event(f"{fmt}: {mutation or 'as written: accepted'}")
    if broken:
        assert run.code == 2, (run.err, inv_rows, pay_rows)
        assert not out.exists()
        return
    assert run.code == 0, (run.err, inv_rows, pay_rows)
    written_invoices = sum((Decimal(i["amount"]) for i in month["invoices"]), Decimal(0))
    written_payments = sum((Decimal(p["amount"]) for i in month["invoices"] for p in i["payments"]), Decimal(0))
    assert (written_invoices, written_payments) == expected_totals(invoices, payments)


# --- payments that repeat one another ----------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_repeated_payment_rows_are_counted_and_named(kefu, lang: str) -> None:
    """No payment id in the export: two rows of one invoice, date and amount may be two transfers or one row
    exported twice. Both are counted (what the ledger says), and the rows are named so that a person decides."""
    invoices = write_csv(kefu.dir / "invoices.csv", INVOICE_COLUMNS, [["INV-1", "2026-09", "36000"]])
    rows = [["INV-1", "2026-10-20", "18000"], ["INV-1", "2026-10-21", "9000"], ["INV-1", "2026-10-20", "18,000.00"]]
    payments = write_csv(kefu.dir / "payments.csv", PAYMENT_COLUMNS, rows)
    report = kefu.dir / "report.json"
    run, month, _ = run_ledger(kefu, invoices, payments, "--lang", lang, "--report", report)
    assert run.code == 0, run.err
    assert json.loads(report.read_text(encoding="utf-8"))["repeated_payments"] == [
        {"file": "payments.csv", "rows": [2, 4], "invoice_id": "INV-1", "date": "2026-10-20", "amount": "18000.00"}
    ]
    assert [p["amount"] for p in month["invoices"][0]["payments"]] == ["18000.00", "18000.00", "9000.00"]
    expected = {
        "en": "payments.csv: rows 2, 4 are the same payment (INV-1, 2026-10-20, 18000.00): all 2 are counted; "
        "if a row was exported twice, remove it and run again (an error with --strict)",
        "zh": "payments.csv:第 2, 4 行是同一笔付款(INV-1,2026-10-20,18000.00):2 笔均已计入;"
        "若是重复导出的行,请删除后重新生成(--strict 时视为错误)",
    }[lang]
    assert expected in run.err.splitlines()


def test_repeated_payment_rows_stop_the_command_with_strict(kefu) -> None:
    invoices = write_csv(kefu.dir / "invoices.csv", INVOICE_COLUMNS, [["INV-1", "2026-09", "36000"]])
    payments = write_csv(kefu.dir / "payments.csv", PAYMENT_COLUMNS,
                         [["INV-1", "2026-10-20", "18000"], ["INV-1", "2026-10-20", "18000"]])
    run, _, out = run_ledger(kefu, invoices, payments, "--lang", "en", "--strict")
    assert run.code == 2 and not out.exists()
    assert run.err == ("payments.csv: rows 2, 3 are the same payment (INV-1, 2026-10-20, 18000.00): 2 payments or "
                       "one row exported more than once cannot be told apart (--strict)\n")
    distinct = write_csv(kefu.dir / "payments.csv", PAYMENT_COLUMNS,
                         [["INV-1", "2026-10-20", "18000"], ["INV-1", "2026-10-21", "18000"]])
    assert run_ledger(kefu, invoices, distinct, "--strict")[0].code == 0


def test_a_formula_saved_without_its_value_refuses_the_file(kefu) -> None:
    """openpyxl (any script) writes `=B2/2` with no computed value; read as empty it would be 'missing'. The file
    is refused naming the cell; saved by LibreOffice (the value stored beside the formula) it is read."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(PAYMENT_COLUMNS)
    sheet.append(["INV-1", "2026-10-20", "=36000/2"])
    path = kefu.dir / "payments.xlsx"
    book.save(path)
    invoices = write_csv(kefu.dir / "invoices.csv", INVOICE_COLUMNS, [["INV-1", "2026-09", "36000"]])
    run, _, out = run_ledger(kefu, invoices, path, "--lang", "en")
    assert run.code == 2 and not out.exists()
    assert run.err == ("payments.xlsx: cell C2 holds the formula =36000/2 but no computed value (the file was written "
                       "by a program and never opened and saved in Excel or LibreOffice): open and save it there, or "
                       "paste the values\n")
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed")
    import subprocess

    saved = kefu.dir / "saved"
    subprocess.run([soffice, "--headless", "--convert-to", "xlsx", "--outdir", saved, path], check=True,
                   capture_output=True, timeout=120)
    run, month, _ = run_ledger(kefu, invoices, saved / "payments.xlsx")
    assert run.code == 0, run.err
    assert month["invoices"][0]["payments"] == [{"date": "2026-10-20", "amount": "18000.00"}]


# --- workbooks as other programs write them ---------------------------------------------------------------------


def with_dimension(path: Path, ref: str) -> Path:
    """The workbook at `path` with its sheet's `<dimension ref>` replaced by `ref` (streaming writers and some
    report tools write a wrong one, e.g. the size of the first block of rows, or just `A1`)."""
    raw = io.BytesIO(path.read_bytes())
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename.startswith("xl/worksheets/"):
                data, n = re.subn(rb'<dimension ref="[^"]*"/>', f'<dimension ref="{ref}"/>'.encode(), data)
                assert n == 1
            out.writestr(info, data)
    return path


@pytest.mark.parametrize("ref", ["A1:C3", "A1"])
def test_a_wrong_sheet_dimension_loses_no_row(kefu, ref: str) -> None:
    """openpyxl's read-only mode stops at the rows the sheet's <dimension> claims: with `A1:C3` over five
    invoices and five payments, month.json listed INV-1 and INV-2 only, exit 0 (with `A1`: none, or a missing
    column). Every row the sheet holds is read."""
    rows = [[f"INV-{i}", "2026-09", Cell(stored="1000")] for i in range(1, 6)]
    invoices = with_dimension(write_xlsx(kefu.dir / "invoices.xlsx", INVOICE_COLUMNS, rows), ref)
    paid = [[f"INV-{i}", "2026-10-20", Cell(stored="1000")] for i in range(1, 6)]
    payments = with_dimension(write_xlsx(kefu.dir / "payments.xlsx", PAYMENT_COLUMNS, paid), ref)
    run, month, _ = run_ledger(kefu, invoices, payments)
    assert run.code == 0, run.err
    assert [i["id"] for i in month["invoices"]] == [f"INV-{i}" for i in range(1, 6)]
    assert sum(Decimal(p["amount"]) for i in month["invoices"] for p in i["payments"]) == Decimal("5000")


def test_an_amount_in_a_percent_cell_is_refused_not_read_as_its_fraction(kefu) -> None:
    """An amount cell formatted `0%` shows 3600000% for 36000 and 50% for 0.5: it had been read as 0.50 yuan,
    exit 0. It is the text it shows, refused."""
    rows = [["INV-1", "2026-09", Cell(stored="0.5", number_format="0%")]]
    run, _, out = run_ledger(kefu, write_xlsx(kefu.dir / "invoices.xlsx", INVOICE_COLUMNS, rows), None, "--lang", "en")
    assert run.code == 2 and not out.exists()
    assert run.err.startswith("invoices.xlsx: row 2, amount: unreadable amount '50%'"), run.err


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("label", ["合计", "合 计", "本月合计：", "小计", "总计", "Total"])
def test_a_totals_row_is_refused_not_counted_as_an_invoice(kefu, fmt: str, label: str) -> None:
    """A ledger with its totals row at the bottom, the cycle filled in (`合计, 2026-09, 36,000.00`): it had been
    an invoice `合计` of 36000.00 beside INV-1 and INV-2 (the debt doubled, exit 0). It stops the command."""
    rows = [["INV-1", "2026-09", "20,000.00"], ["INV-2", "2026-09", "16,000.00"], [label, "2026-09", "36,000.00"]]
    writer = write_csv if fmt == "csv" else write_xlsx
    invoices = writer(kefu.dir / f"invoices.{fmt}", INVOICE_COLUMNS, rows)
    run, _, out = run_ledger(kefu, invoices, None, "--lang", "en")
    assert run.code == 2 and not out.exists()
    assert run.err == (f"invoices.{fmt}: row 4, id: {label!r} is a totals row, not an invoice or a payment (its sum "
                       "would be counted twice): delete the row and run again\n")
    paid = [["INV-1", "2026-10-20", "20000"], [label, "2026-10-20", "20000"]]
    payments = writer(kefu.dir / f"payments.{fmt}", PAYMENT_COLUMNS, paid)
    run, _, _ = run_ledger(kefu, writer(kefu.dir / f"invoices.{fmt}", INVOICE_COLUMNS, rows[:2]), payments, "--lang",
                           "en")
    assert run.code == 2 and run.err.startswith(f"payments.{fmt}: row 3, invoice_id: {label!r} is a totals row")


def test_a_ledger_split_over_sheets_is_refused_not_read_at_the_first(kefu) -> None:
    """Payments kept one sheet a month (`9月`, `10月`, same header): only `9月` had been read, the 35,000.00 paid on
    2026-10-20 was lost and INV-1 owed late fees, exit 0. The file is refused; a sheet named `payments` is read, and
    a sheet with another header (notes) does not stand in the way."""
    import openpyxl

    book = openpyxl.Workbook()
    book.active.title = "9月"
    book.active.append(PAYMENT_COLUMNS)
    book.active.append(["INV-1", "2026-09-20", 1000])
    october = book.create_sheet("10月")
    october.append(PAYMENT_COLUMNS)
    october.append(["INV-1", "2026-10-20", 35000])
    path = kefu.dir / "payments.xlsx"
    book.save(path)
    invoices = write_csv(kefu.dir / "invoices.csv", INVOICE_COLUMNS, [["INV-1", "2026-09", "36000"]])
    run, _, out = run_ledger(kefu, invoices, path, "--lang", "en")
    assert (run.code, run.err) == (2, "payments.xlsx: sheets '9月', '10月' have the same header, and only one sheet is "
                                      "read: put the rows in one sheet, or name the sheet to read payments\n")
    assert not out.exists()
    october.title = "payments"
    book.save(path)
    run, month, _ = run_ledger(kefu, invoices, path)
    assert run.code == 0, run.err
    assert month["invoices"][0]["payments"] == [{"date": "2026-10-20", "amount": "35000.00"}]
    notes = openpyxl.Workbook()
    notes.active.append(PAYMENT_COLUMNS)
    notes.active.append(["INV-1", "2026-10-20", 36000])
    notes.create_sheet("说明").append(["本表由财务部导出"])
    notes.save(path)
    assert run_ledger(kefu, invoices, path)[0].code == 0


@pytest.mark.parametrize("how", ["hidden", "filtered", "zero_height"])
def test_a_hidden_invoice_row_refuses_the_file_not_counted_unseen(kefu, how: str) -> None:
    """A cancelled invoice hidden rather than deleted (by hand, by an autofilter, or a row height of 0): openpyxl
    reads it like any other row, so INV-2 (10,000.00, unpaid) had been listed and owed late fees, exit 0 — while
    the sheet a person looks at shows INV-1 alone. Whether a hidden row counts cannot be told: the file is refused,
    naming the rows. An empty hidden row (a spacer) holds nothing and is no reason to refuse."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(INVOICE_COLUMNS)
    sheet.append(["INV-1", "2026-09", 36000])
    sheet.append(["INV-2", "2026-09", 10000])
    sheet.append([])
    sheet.append(["INV-3", "2026-09", 5000])
    sheet.append(["INV-4", "2026-09", 5000])
    if how != "zero_height":
        for row in (3, 4, 6):
            sheet.row_dimensions[row].hidden = True
    if how == "filtered":  # what Excel saves for a filter on `id` showing INV-1 and INV-3: the other rows hidden
        sheet.auto_filter.ref = "A1:C6"
        sheet.auto_filter.add_filter_column(0, ["INV-1", "INV-3"])
    path = kefu.dir / "invoices.xlsx"
    book.save(path)
    if how == "zero_height":  # `<row r="3" ht="0" customHeight="1">` (openpyxl writes no height of 0 itself)
        raw = io.BytesIO(path.read_bytes())
        with zipfile.ZipFile(raw) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
            for info in src.infolist():
                data = src.read(info.filename)
                if info.filename.startswith("xl/worksheets/"):
                    data, n = re.subn(rb'<row r="([346])"', rb'<row r="\1" ht="0" customHeight="1"', data)
                    assert n == 2  # openpyxl writes no empty row 4
                out.writestr(info, data)
    payments = write_csv(kefu.dir / "payments.csv", PAYMENT_COLUMNS, [["INV-1", "2026-10-20", "36000"]])
    run, _, out = run_ledger(kefu, path, payments, "--lang", "en")
    assert run.code == 2 and not out.exists()
    assert run.err == ("invoices.xlsx: rows 3, 6 are hidden (by hand or by a filter): unhide or delete them and run "
                       "again — a hidden row is neither counted nor left out unseen\n")
    run, _, _ = run_ledger(kefu, path, payments)
    assert run.err == "invoices.xlsx: 第 3, 6 行被隐藏(手动隐藏或被筛选隐藏):请取消隐藏或删除这些行后重新运行——隐藏的行既不会被计入,也不会被悄悄略过\n"
    sheet.auto_filter.ref = None
    sheet.delete_rows(3)  # INV-2 deleted; the spacer is row 3 now, hidden: it holds nothing
    for row in (3, 4, 5, 6):
        sheet.row_dimensions[row].hidden = row == 3
    book.save(path)
    run, month, _ = run_ledger(kefu, path, payments, "--lang", "en")
    assert run.code == 0, run.err
    assert [i["id"] for i in month["invoices"]] == ["INV-1", "INV-3", "INV-4"]


def test_a_hidden_sheet_is_not_read_unseen(kefu) -> None:
    """A workbook whose `payments` sheet is hidden, or whose first sheet (the one read when no sheet is named after
    the export) is hidden behind the visible one: the hidden sheet had been read, its payments counted while the
    visible sheet (an older or a draft copy) showed others, exit 0. The sheet to read must be visible."""
    import openpyxl

    invoices = write_csv(kefu.dir / "invoices.csv", INVOICE_COLUMNS, [["INV-1", "2026-09", "36000"]])
    path = kefu.dir / "payments.xlsx"
    book = openpyxl.Workbook()
    book.active.title = "说明"
    book.active.append(["本表由财务部导出"])
    paid = book.create_sheet("payments")
    paid.append(PAYMENT_COLUMNS)
    paid.append(["INV-1", "2026-10-20", 36000])
    paid.sheet_state = "hidden"
    book.save(path)
    run, _, out = run_ledger(kefu, invoices, path, "--lang", "en")
    assert (run.code, run.err) == (2, "payments.xlsx: sheet 'payments', the one read, is hidden: unhide it (or delete it "
                                      "if it is not the export) and run again\n")
    assert not out.exists()
    first = openpyxl.Workbook()
    first.active.append(PAYMENT_COLUMNS)
    first.active.append(["INV-1", "2026-10-20", 36000])
    first.active.sheet_state = "veryHidden"
    first.create_sheet("draft").append(["备注"])
    first.active = 1
    first.save(path)
    run, _, _ = run_ledger(kefu, invoices, path)
    assert (run.code, run.err) == (2, "payments.xlsx: 工作表 'Sheet' 是隐藏的(将被读取的就是它):请取消隐藏(若它不是这份导出,"
                                      "请删除它)后重新运行\n")
    paid.sheet_state = "visible"
    book.save(path)
    run, month, _ = run_ledger(kefu, invoices, path)
    assert run.code == 0, run.err
    assert month["invoices"][0]["payments"] == [{"date": "2026-10-20", "amount": "36000.00"}]
