"""Ledger: outages (clipped to the period) and invoices with their payments, copied into month.json.

These are records, not computed figures: each usable row becomes one entry. An outage counts with its
part inside the period (an open one, with no `end`, up to the end of `as_of` or of the period, whichever
is earlier); invoices settled before the period began are left out (they raise nothing in it).

Outages are typed in the engine like the metrics' rows (a bad row is counted and reported). Invoices and
payments are money: they are read in Python from their text (`finance`: exact Decimals, finance teams'
date and amount forms), and a row that cannot be read stops the command (pipeline), never a partial ledger.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from . import finance
from .clock import Window, iso_local
from .rows import Check, Typed, interval, required, type_rows
from .source import Record

CAUSES = ("provider", "client", "force_majeure", "planned")


def type_outages(con: Any) -> Typed:
    """rows_outages with start_us and end_us (NULL = still going on)."""
    causes = ", ".join(f"'{c}'" for c in CAUSES)
    typed, checks = interval("start", "end", "before_start")
    checks += [required("cause"), Check("cause", "bad_cause", f"cause NOT IN ({causes})")]
    return type_rows(con, "outages", typed, checks, keep=("id", "cause"))


def outages(con: Any, window: Window) -> tuple[list[dict[str, str]], int]:
    """The period's outages, clipped to it, in time order; and how many usable ones lie outside it."""
    stop = min(window.hi_us, window.as_of_end_us)
    overlaps = f"start_us < {window.hi_us} AND coalesce(end_us, {stop}) > {window.lo_us}"
    found = con.execute(
        f"""SELECT id, greatest(start_us, {window.lo_us}), least(coalesce(end_us, {stop}), {window.hi_us}), cause
            FROM rows_outages WHERE problem IS NULL AND {overlaps} ORDER BY 2, 3, id"""
    ).fetchall()
    outside = con.execute(
        f"SELECT count(*) FROM rows_outages WHERE problem IS NULL AND NOT ({overlaps})"
    ).fetchall()[0][0]
    entries = [
        {"id": i, "start": iso_local(s, window.tz), "end": iso_local(max(s, e), window.tz), "cause": c}
        for i, s, e, c in found
    ]
    return entries, int(outside)


@dataclass(frozen=True)
class MoneyRow:
    """A ledger row that cannot be read: fatal (SPEC §7: money is never computed from a partial ledger)."""

    row: int
    column: str
    problem: str
    value: str | None
    first: int | None = None  # a duplicate invoice id: where it first appears


@dataclass(frozen=True)
class InvoiceRow:
    row: int
    id: str
    cycle: str
    amount: Decimal


@dataclass(frozen=True)
class PaymentRow:
    row: int
    invoice_id: str
    date: date
    amount: Decimal


def read_invoices(records: list[Record]) -> tuple[list[InvoiceRow], list[MoneyRow]]:
    """The invoices export read in Python (exact Decimals), and every row that cannot be read."""
    good: list[InvoiceRow] = []
    bad: list[MoneyRow] = []
    first_row: dict[str, int] = {}
    for row, cells in records:
        try:
            invoice_id = _required(cells, "id")
            if finance.is_totals_label(invoice_id):
                raise _Bad("id", "totals_row", invoice_id)
            if invoice_id in first_row:
                bad.append(MoneyRow(row, "id", "duplicate_id", invoice_id, first_row[invoice_id]))
                continue
            cycle = _read(cells, "cycle", finance.read_cycle)
            amount = _read(cells, "amount", finance.read_amount)
        except _Bad as refused:
            bad.append(MoneyRow(row, refused.column, refused.problem, refused.value))
            continue
        first_row[invoice_id] = row
        good.append(InvoiceRow(row, invoice_id, cycle, amount))
    return good, bad


def read_payments(records: list[Record], invoices: list[InvoiceRow]) -> tuple[list[PaymentRow], list[MoneyRow]]:
    """The payments export read in Python; a payment must name an invoice of the invoices export."""
    known = {i.id for i in invoices}
    good: list[PaymentRow] = []
    bad: list[MoneyRow] = []
    for row, cells in records:
        try:
            invoice_id = _required(cells, "invoice_id")
            if finance.is_totals_label(invoice_id) and invoice_id not in known:
                raise _Bad("invoice_id", "totals_row", invoice_id)
            if invoice_id not in known:
                raise _Bad("invoice_id", "unknown_invoice", invoice_id)
            paid_on = _read(cells, "date", finance.read_date)
            amount = _read(cells, "amount", finance.read_amount)
        except _Bad as refused:
            bad.append(MoneyRow(row, refused.column, refused.problem, refused.value))
            continue
        good.append(PaymentRow(row, invoice_id, paid_on, amount))
    return good, bad


def repeated_payments(paid: list[PaymentRow]) -> list[list[PaymentRow]]:
    """Payments that repeat another row's invoice, date and amount, grouped, in row order. The payments export
    has no id of its own, so two such rows are either two transfers or one row exported twice: the ledger
    cannot say which (pipeline: both counted, and said so; --strict refuses them)."""
    same: dict[tuple[str, date, Decimal], list[PaymentRow]] = {}
    for p in paid:
        same.setdefault((p.invoice_id, p.date, p.amount), []).append(p)
    return sorted((rows for rows in same.values() if len(rows) > 1), key=lambda rows: rows[0].row)


class _Bad(Exception):
    def __init__(self, column: str, problem: str, value: str | None) -> None:
        super().__init__(problem)
        self.column, self.problem, self.value = column, problem, value


def _required(cells: dict[str, str | None], column: str) -> str:
    value = cells[column]
    if value is None:
        raise _Bad(column, "missing_value", None)
    return value


def _read(cells: dict[str, str | None], column: str, reader: Any) -> Any:
    text = _required(cells, column)
    try:
        return reader(text)
    except finance.Unreadable as exc:
        raise _Bad(column, exc.problem, text) from None


def invoices(
    found: list[InvoiceRow], paid: list[PaymentRow], window: Window
) -> tuple[list[dict[str, Any]], int]:
    """Invoices not settled before the period, each with its payments, in (cycle, id) and (date, amount,
    row) order; and how many were left out (paid in full before the period began: nothing to judge)."""
    by_invoice: dict[str, list[PaymentRow]] = {}
    for p in paid:
        by_invoice.setdefault(p.invoice_id, []).append(p)
    entries: list[dict[str, Any]] = []
    settled = 0
    for invoice in sorted(found, key=lambda i: (i.cycle, i.id)):
        payments = sorted(by_invoice.get(invoice.id, []), key=lambda p: (p.date, p.amount, p.row))
        early = [p.amount for p in payments if p.date < window.first]
        if early and sum(early, Decimal(0)) >= invoice.amount:
            settled += 1
            continue
        entries.append({
            "id": invoice.id,
            "cycle": invoice.cycle,
            "amount": finance.amount_text(invoice.amount),
            "payments": [{"date": p.date.isoformat(), "amount": finance.amount_text(p.amount)} for p in payments],
        })
    return entries, settled
