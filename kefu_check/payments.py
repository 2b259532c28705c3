"""Art. 4 arithmetic: due days, balances, overdue days and the late fee of one invoice (SPEC §4.2).

balance(d) = amount − payments dated *before* d: the payment day itself still accrues, so paying
5 days after the due day costs 5 days (逾期天数 = 付款日 − 应付日).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from .calendar import Calendar, CalendarGap
from .money import exact_arithmetic
from .periods import ONE_DAY, cycle_bounds, cycle_months
from .terms import Terms

if TYPE_CHECKING:
    from .models import Invoice, MonthFacts


@dataclass(frozen=True)
class Accrual:
    """A run of overdue days at one balance."""

    first: date
    last: date
    days: int
    balance: Decimal
    fee: Decimal  # exact: days × balance × rate


@dataclass(frozen=True)
class InvoiceState:
    invoice: Invoice
    cycle_last: date
    due: date
    payments: tuple[tuple[date, Decimal], ...]  # dated on or before as_of, in date order
    outstanding: Decimal  # amount − payments on or before as_of
    overdue_days: int  # days d, due < d ≤ as_of, with balance(d) > 0
    accruals: tuple[Accrual, ...]
    fee: Decimal  # exact sum of the accruals

    def balance_on(self, day: date) -> Decimal:
        """Amount less the payments dated before `day`."""
        return self.invoice.amount - sum((a for d, a in self.payments if d < day), Decimal(0))

    def settled_before(self, day: date) -> bool:
        """Paid in full by payments dated before `day`."""
        return self.balance_on(day) <= 0

    def suspension_right_arose(self, suspend_after_days: int, as_of: date) -> date | None:
        """The day the right to suspend arose (4.4: overdue more than N days, due + N + 1, with a balance
        that day), if it did by `as_of` — even when the invoice was paid later."""
        arose = self.due + timedelta(days=suspend_after_days + 1)
        return arose if arose <= as_of and self.balance_on(arose) > 0 else None


def due_date(cycle: str, terms: Terms, cal: Calendar) -> tuple[date, date]:
    """(cycle's last day, the due_working_days-th PRC working day after it)."""
    last = cycle_bounds(cycle)[1]
    return last, cal.add_working_days(last, terms.due_working_days)


def invoice_state(invoice: Invoice, terms: Terms, cal: Calendar, as_of: date) -> InvoiceState | None:
    """The invoice's position at `as_of`, or None when it cannot be due yet.

    A due day in a year the calendar has no data for stops the check (CalendarGap), but only when
    `as_of` is in or after that year: before it, the invoice is simply not yet due (SPEC §4.4).
    The arithmetic is exact (never rounded by the default 28-digit Decimal context).
    """
    with exact_arithmetic():
        return _invoice_state(invoice, terms, cal, as_of)


def _invoice_state(invoice: Invoice, terms: Terms, cal: Calendar, as_of: date) -> InvoiceState | None:
    try:
        cycle_last, due = due_date(invoice.cycle, terms, cal)
    except CalendarGap as gap:
        if as_of < date(gap.year, 1, 1):
            return None
        raise
    payments = tuple(sorted((p.date, p.amount) for p in invoice.payments if p.date <= as_of))
    outstanding = invoice.amount - sum((a for _, a in payments), Decimal(0))
    accruals: list[Accrual] = []
    # balance changes the day after each payment; walk the runs from due + 1 to as_of
    cuts = sorted({d + ONE_DAY for d, _ in payments if due < d + ONE_DAY <= as_of})
    starts = [due + ONE_DAY, *cuts]
    for i, first in enumerate(starts):
        if first > as_of:
            break
        last = (starts[i + 1] - ONE_DAY) if i + 1 < len(starts) else as_of
        balance = invoice.amount - sum((a for d, a in payments if d < first), Decimal(0))
        if balance <= 0:
            break
        n = (last - first).days + 1
        accruals.append(Accrual(first, last, n, balance, n * balance * terms.late_fee_daily_rate))
    return InvoiceState(
        invoice=invoice,
        cycle_last=cycle_last,
        due=due,
        payments=payments,
        outstanding=outstanding,
        overdue_days=sum(a.days for a in accruals),
        accruals=tuple(accruals),
        fee=sum((a.fee for a in accruals), Decimal(0)),
    )


def overdue_on(states: list[InvoiceState], day: date) -> tuple[int, str]:
    """The most overdue invoice with a positive balance on `day`: (days overdue, invoice id), the first id of those
    equally overdue, whatever order the month lists them in; (-1, '') if none."""
    best = (-1, "")
    for state in states:
        if state.due < day and state.balance_on(day) > 0:
            overdue = (day - state.due).days
            if overdue > best[0] or (overdue == best[0] and state.invoice.id < best[1]):
                best = (overdue, state.invoice.id)
    return best


def contract_fee(invoice: Invoice, terms: Terms, month: MonthFacts) -> Decimal | None:
    """The fee the contract gives for the invoice's cycle (4.2), or None when it is not checked."""
    if terms.method == "fixed_monthly" and terms.monthly_fee is not None:
        return terms.monthly_fee * cycle_months(invoice.cycle)
    if terms.method == "per_usage" and invoice.cycle == month.period and month.usage is not None:
        return usage_fee(terms, month.usage.units)
    return None


def usage_fee(terms: Terms, units: int) -> Decimal:
    """A month's per-usage fee: monthly_fee + max(0, units − included_units) × unit_rate."""
    assert terms.monthly_fee is not None and terms.unit_rate is not None and terms.included_units is not None
    return terms.monthly_fee + max(0, units - terms.included_units) * terms.unit_rate


def month_fee(terms: Terms, month: MonthFacts) -> Decimal | None:
    """The month's fee a service credit is a percent of (SPEC §4.4), or None."""
    if terms.method == "fixed_monthly":
        return terms.monthly_fee
    if terms.method == "per_usage" and month.usage is not None:
        return usage_fee(terms, month.usage.units)
    return None
