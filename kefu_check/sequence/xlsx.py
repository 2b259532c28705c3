"""`analyze --xlsx ledger.xlsx` (SPEC §6): the sequence as a workbook for finance (openpyxl, imported only here).

Four sheets, named and headed in `--lang`:
- 汇总 / Summary: the money each way per month — what each month added (a late fee accrues day by day, so a
  month adds the fee accrued since the month before; a waiver takes its amount back out) — and the totals,
  which equal the JSON `totals`; then the money each way as sentences;
- 明细 / Details: every consequence with an amount, once (the timeline's row, with its last amount), whether
  it counts in the totals, and why (the message and every reason, one a line);
- 时间线 / Timeline: every consequence of the timeline;
- 发票 / Invoices: each invoice (its latest record in the sequence): due day, paid, outstanding, days
  overdue and its late fee (the timeline's, as in the JSON), as of the last month's `as_of`.

Numbers are numbers: amounts are written from their Decimals so that the sheet's XML holds the exact decimal
(`390.00`, never a float's digits), with a CNY number format; dates are dates; header rows are frozen; column
widths count a Chinese character as two. The bytes are deterministic: the workbook's created/modified times
are the last month's `as_of`, and every part of the zip carries one fixed timestamp.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..calendar import Calendar, CalendarGap
from ..money import to_fen
from ..redact import Private
from .model import Sequence
from .story import Entry
from .text import consequence_title, in_words, kind_label, money_sentences, subject_words
from .words import WORDS

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

    from ..models import Invoice

CNY = '"¥"#,##0.00;-"¥"#,##0.00'
DAY = "yyyy-mm-dd"
MAX_WIDTH = 60  # wider text wraps
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
MONEY_IDS = {  # the consequences whose amounts are owed, and by whom (SPEC §6 totals)
    "payment.late_fee": "late_fees",
    "sla.service_credit": "service_credits",
    "confidentiality.compensation": "compensation",
}

SHEETS = {
    "zh": {"summary": "汇总", "details": "明细", "timeline": "时间线", "invoices": "发票"},
    "en": {"summary": "Summary", "details": "Details", "timeline": "Timeline", "invoices": "Invoices"},
}
HEADERS = {
    "zh": {
        "month": "月份",
        "as_of": "截至",
        "late_fees": "逾期付款违约金(乙方应付)",
        "service_credits": "服务费抵扣(甲方应付)",
        "compensation": "保密违约赔偿(甲方应付,主张金额)",
        "owed_by_client": "乙方应付合计",
        "owed_by_provider": "甲方应付合计",
        "net_to_provider": "净额(正数:乙方应付甲方)",
        "net_words": "结论",
        "total": "合计",
        "date": "日期",
        "period": "首次出现月份",
        "clause": "条款",
        "consequence": "法律后果",
        "legal": "性质",
        "party": "当事方",
        "counterparty": "相对方",
        "subject": "对象",
        "amount": "金额(元)",
        "category": "类别",
        "counted": "计入合计",
        "reason": "说明与依据",
        "id": "id",
        "invoice": "发票号",
        "cycle": "结算周期",
        "invoice_amount": "发票金额(元)",
        "due": "应付日",
        "paid": "已付金额(元)",
        "payments": "付款记录",
        "outstanding": "未付金额(元)",
        "overdue_days": "逾期天数",
        "late_fee": "逾期付款违约金(元)",
        "note": "备注",
        "per_month_note": "各月金额为当月新增(违约金按日累计至当月截至日;豁免的金额在豁免的月份减回),"
        "合计等于 JSON 的 totals。",
        "yes": "是",
        "no": "否",
        "waived": "否(已豁免:{by})",
        "excused": "否(已免责)",
        "cat_late_fees": "违约金",
        "cat_service_credits": "服务费抵扣",
        "cat_compensation": "赔偿(主张金额,待确认)",
        "cat_outstanding": "逾期未付服务费(不计入合计)",
        "cat_contract_fee": "合同约定的当期服务费(不计入合计)",
        "not_due": "截至 {as_of} 尚未到期",
        "no_calendar": "缺少 {year} 年节假日数据,应付日未计算",
    },
    "en": {
        "month": "month",
        "as_of": "as of",
        "late_fees": "late fees (owed by the client)",
        "service_credits": "service credits (owed by the provider)",
        "compensation": "confidentiality compensation (owed by the provider, claimed)",
        "owed_by_client": "owed by the client",
        "owed_by_provider": "owed by the provider",
        "net_to_provider": "net to the provider (negative: to the client)",
        "net_words": "who owes whom",
        "total": "total",
        "date": "date",
        "period": "first month",
        "clause": "clause",
        "consequence": "consequence",
        "legal": "nature",
        "party": "party",
        "counterparty": "counterparty",
        "subject": "subject",
        "amount": "amount (CNY)",
        "category": "category",
        "counted": "in the totals",
        "reason": "message and reasons",
        "id": "id",
        "invoice": "invoice",
        "cycle": "cycle",
        "invoice_amount": "invoice amount (CNY)",
        "due": "due",
        "paid": "paid (CNY)",
        "payments": "payments",
        "outstanding": "outstanding (CNY)",
        "overdue_days": "days overdue",
        "late_fee": "late fee (CNY)",
        "note": "note",
        "per_month_note": "Each month shows what it added (a late fee accrues daily up to the month's as-of day; "
        "a waiver takes its amount back in the month it is given); the totals equal the JSON totals.",
        "yes": "yes",
        "no": "no",
        "waived": "no (waived: {by})",
        "excused": "no (excused)",
        "cat_late_fees": "late fee",
        "cat_service_credits": "service credit",
        "cat_compensation": "compensation (claimed, to be confirmed)",
        "cat_outstanding": "unpaid fee (not in the totals)",
        "cat_contract_fee": "the cycle's fee under the contract (not in the totals)",
        "not_due": "not due by {as_of}",
        "no_calendar": "no holiday data for {year}: due day not computed",
    },
}
OTHER_MONEY = {"payment.overdue": "cat_outstanding", "billing.invoice_mismatch": "cat_contract_fee"}


@dataclass
class Cell:
    value: Any
    style: str = ""  # "" | money | day | wrap | bold


def to_xlsx(
    seq: Sequence,
    entries: list[Entry],
    doc: dict[str, Any],
    lang: str,
    cal: Calendar,
    mask: Callable[[str], str] = lambda text: text,
) -> bytes:
    """The workbook's bytes. `mask` is applied to every text cell (account numbers, --redact)."""
    from openpyxl import Workbook

    names = SHEETS[lang]
    as_of = seq.months[-1].result.as_of
    wb = Workbook()
    wb.properties.created = wb.properties.modified = datetime.combine(as_of, datetime.min.time())
    wb.properties.creator = "kefu-check"
    wb.properties.title = mask(f"{seq.contract} {seq.months[0].result.period}…{seq.months[-1].result.period}")
    sheets = [
        (names["summary"], _summary(seq, entries, doc, lang)),
        (names["details"], _details(entries, lang)),
        (names["timeline"], _timeline(entries, lang)),
        (names["invoices"], _invoices(seq, entries, lang, cal)),
    ]
    wb.remove(wb.active)
    for name, (header, rows) in sheets:
        _fill(wb.create_sheet(name), header, rows, mask)
    buffer = io.BytesIO()
    with _exact_decimals():
        from openpyxl.writer.excel import ExcelWriter

        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            ExcelWriter(wb, archive).save()  # not openpyxl.save_workbook: it stamps "modified" with the clock
    return _fixed_times(buffer.getvalue())


def write_xlsx(
    seq: Sequence,
    report: Any,
    lang: str,
    cal: Calendar,
    path: Path,
    private: Iterable[Private],
    redact_identities: bool,
) -> None:
    """`--xlsx FILE`: the workbook of analyze's report (story.Analysis), masked like every report."""
    from ..errors import InputError
    from ..redact import redact

    private = list(private)
    data = to_xlsx(seq, report.entries, report.doc, lang, cal, lambda text: redact(text, private, redact_identities))
    try:
        path.write_bytes(data)
    except OSError as exc:
        raise InputError(str(path), None, f"cannot write the workbook ({exc.strerror})") from None


# --- the sheets: (header, rows of cells) -------------------------------------------------------------------------


def _summary(seq: Sequence, entries: list[Entry], doc: dict[str, Any], lang: str) -> tuple[list[str], list[list]]:
    h = HEADERS[lang]
    keys = ("late_fees", "service_credits", "compensation")
    header = [h[k] for k in ("month", "as_of", *keys, "owed_by_client", "owed_by_provider", "net_to_provider")]
    header.append(h["net_words"])
    rows: list[list] = []
    for m, added in zip(seq.months, added_per_month(seq), strict=True):
        rows.append(
            [Cell(m.result.period), Cell(m.result.as_of, "day"), *_money_columns(added, lang)],
        )
    total = {k: Decimal(doc["totals"][k]) for k in keys}
    rows.append([Cell(h["total"], "bold"), Cell(None), *_money_columns(total, lang, "bold")])
    rows.append([])
    rows.append([Cell(h["per_month_note"])])
    rows += [[Cell(x)] for x in money_sentences(seq, entries, doc["totals"], lang)]
    return header, rows


def _money_columns(amounts: dict[str, Decimal], lang: str, style: str = "money") -> list[Cell]:
    w = WORDS[lang]
    late, credits, compensation = (amounts[k] for k in ("late_fees", "service_credits", "compensation"))
    net = late - credits - compensation
    words = w["net_row_provider"] if net > 0 else w["net_row_client"] if net < 0 else w["net_row_zero"]
    money = "money" if style == "money" else "money bold"
    cells = [Cell(v, money) for v in (late, credits, compensation, late, credits + compensation, net)]
    return [*cells, Cell(words, "" if style == "money" else "bold")]


def added_per_month(seq: Sequence) -> list[dict[str, Decimal]]:
    """Per month, what it added to each total: a consequence's standing amount (0 when waived) less what the
    months before had counted for it; each consequence once, keyed (id, subject, date) like the timeline."""
    counted: dict[tuple[str, str | None, date | None], Decimal] = {}
    out = []
    for m in seq.months:
        added = dict.fromkeys(MONEY_IDS.values(), Decimal(0))
        for c in m.result.consequences:
            if c.id not in MONEY_IDS or c.amount is None:
                continue
            key = (c.id, c.subject, c.date)
            now = Decimal(0) if c.waived_by is not None else c.amount
            added[MONEY_IDS[c.id]] += now - counted.get(key, Decimal(0))
            counted[key] = now
        out.append(added)
    return out


def _details(entries: list[Entry], lang: str) -> tuple[list[str], list[list]]:
    h = HEADERS[lang]
    keys = ("date", "period", "clause", "consequence", "party", "counterparty", "subject", "amount", "category")
    header = [h[k] for k in (*keys, "counted", "reason", "id")]
    rows = []
    for e in entries:
        c = e.consequence
        if c.amount is None:
            continue
        if c.id in MONEY_IDS:
            category = h[f"cat_{MONEY_IDS[c.id]}"]
            counted = h["waived"].format(by=c.waived_by) if c.waived_by is not None else h["yes"]
        else:
            category, counted = h[OTHER_MONEY.get(c.id, "no")], h["no"]
        rows.append(
            [
                *_head_cells(e, lang),
                Cell(_party(c.counterparty, lang)),
                Cell(subject_words(c, lang)),
                Cell(c.amount, "money"),
                Cell(category),
                Cell(counted),
                Cell(_reason(e, lang), "wrap"),
                Cell(c.id),
            ]
        )
    return header, rows


def _timeline(entries: list[Entry], lang: str) -> tuple[list[str], list[list]]:
    h = HEADERS[lang]
    keys = ("date", "period", "clause", "consequence", "party", "legal", "counterparty", "subject", "amount")
    header = [h[k] for k in (*keys, "reason", "id")]
    rows = []
    for e in entries:
        c = e.consequence
        rows.append(
            [
                *_head_cells(e, lang),
                Cell(kind_label(c.kind, lang)),
                Cell(_party(c.counterparty, lang)),
                Cell(subject_words(c, lang)),
                Cell(c.amount, "money") if c.amount is not None else Cell(None),
                Cell(in_words(c.message, lang), "wrap"),
                Cell(c.id),
            ]
        )
    return header, rows


def _invoices(seq: Sequence, entries: list[Entry], lang: str, cal: Calendar) -> tuple[list[str], list[list]]:
    """Each invoice's latest record, as of the last month's as_of (the payment arithmetic of payments.py)."""
    from ..payments import invoice_state

    h = HEADERS[lang]
    keys = ("invoice", "cycle", "invoice_amount", "due", "paid", "payments", "outstanding", "overdue_days")
    header = [h[k] for k in (*keys, "late_fee", "as_of", "note")]
    last = seq.months[-1]
    as_of = last.result.as_of
    latest: dict[str, Invoice] = {}
    for m in seq.months:
        latest.update((i.id, i) for i in m.loaded.month.invoices)
    fees = {e.consequence.subject: e.consequence for e in entries if e.consequence.id == "payment.late_fee"}
    rows = []
    for invoice in sorted(latest.values(), key=lambda i: (i.cycle, i.id)):
        note = ""
        try:
            state = invoice_state(invoice, last.terms, cal, as_of)
        except CalendarGap as gap:
            state, note = None, h["no_calendar"].format(year=gap.year)
        payments = sorted((p.date, p.amount) for p in invoice.payments if p.date <= as_of)
        paid = sum((a for _, a in payments), Decimal(0))
        fee = fees.get(invoice.id)
        if fee is not None and fee.waived_by is not None:
            note = h["waived"].format(by=fee.waived_by)
        if state is None and not note:
            note = h["not_due"].format(as_of=as_of.isoformat())
        rows.append(
            [
                Cell(invoice.id),
                Cell(invoice.cycle),
                Cell(to_fen(invoice.amount), "money"),
                Cell(state.due, "day") if state else Cell(None),
                Cell(to_fen(paid), "money"),
                Cell("\n".join(f"{d.isoformat()} {a:,.2f}" for d, a in payments), "wrap"),
                Cell(to_fen(invoice.amount - paid), "money"),
                Cell(state.overdue_days if state else None),
                Cell(fee.amount if fee is not None and fee.amount is not None else Decimal("0.00"), "money"),
                Cell(as_of, "day"),
                Cell(note),
            ]
        )
    return header, rows


def _head_cells(e: Entry, lang: str) -> list[Cell]:
    c = e.consequence
    return [
        Cell(c.date, "day") if c.date else Cell(None),
        Cell(e.period),
        Cell(c.clause),
        Cell(consequence_title(c.id, lang)),
        Cell(_party(c.party, lang)),
    ]


def _party(party: str | None, lang: str) -> str:
    return WORDS[lang].get(party or "", "") if party else ""


def _reason(e: Entry, lang: str) -> str:
    c = e.consequence
    return "\n".join([in_words(c.message, lang), *(in_words(b, lang) for b in c.because)])


# --- writing ----------------------------------------------------------------------------------------------------


def _fill(ws: Worksheet, header: list[str], rows: list[list], mask: Callable[[str], str]) -> None:
    from openpyxl.styles import Alignment, Font

    bold, wrap, top = Font(bold=True), Alignment(wrap_text=True, vertical="top"), Alignment(vertical="top")
    widths = [_width(x) for x in header]
    ws.append([mask(x) for x in header])
    for cell in ws[1]:
        cell.font, cell.alignment = bold, Alignment(wrap_text=True, vertical="top")
    for r, row in enumerate(rows, start=2):
        for col, item in enumerate(row, start=1):
            value = mask(item.value) if isinstance(item.value, str) else item.value
            if "money" in item.style and isinstance(value, Decimal):
                value = to_fen(value)  # exactly two decimals in the sheet's XML: 0.00, 390.00
            cell = ws.cell(row=r, column=col, value=value)
            cell.alignment = wrap if "wrap" in item.style else top
            if "money" in item.style:
                cell.number_format = CNY
            elif "day" in item.style:
                cell.number_format = DAY
            if "bold" in item.style:
                cell.font = bold
            if len(row) > 1 or col > 1:  # a lone text line below a table (a sentence) does not widen column A
                while len(widths) < col:
                    widths.append(0)
                widths[col - 1] = max(widths[col - 1], _width(value, item.style))
    for col, width in enumerate(widths, start=1):
        ws.column_dimensions[_letter(col)].width = min(MAX_WIDTH, width + 2)
    ws.freeze_panes = "A2"


def _width(value: Any, style: str = "") -> int:
    """Display width in Excel's character units: a Chinese character counts two."""
    from wcwidth import wcswidth

    if value is None:
        return 0
    if "money" in style:
        return len(f"¥{value:,.2f}") + 1
    if "day" in style:
        return 10
    text = str(value)
    return max((max(wcswidth(line), len(line)) for line in text.split("\n")), default=0)


def _letter(col: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(col)


@contextmanager
def _exact_decimals() -> Iterator[None]:
    """openpyxl writes numbers as `'%.16g' % value` (through a float); a Decimal is written as its exact text."""
    from openpyxl.cell import _writer

    original = _writer.safe_string

    def exact(value: Any) -> str:
        return format(value, "f") if isinstance(value, Decimal) else original(value)

    _writer.safe_string = exact
    try:
        yield
    finally:
        _writer.safe_string = original


def _fixed_times(data: bytes) -> bytes:
    """The same archive with one fixed timestamp on every part (zipfile stamps each with the clock)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            fixed.compress_type, fixed.external_attr = zipfile.ZIP_DEFLATED, 0o600 << 16
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()
