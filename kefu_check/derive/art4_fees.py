"""第四条 — the facts rules/art4_fees.py matches: each invoice's due day, balances and exact late fee."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from ..calendar import Calendar, CalendarGap
from ..errors import InputError
from ..load import Loaded
from ..money import exact, grouped, plain, shown
from ..payments import InvoiceState, contract_fee, invoice_state
from ..periods import ONE_DAY
from ..problems import problem
from ..terms import Terms
from .base import Derivation, Line


def invoice_facts(
    d: Derivation, loaded: Loaded, terms: Terms, cal: Calendar, first: date, as_of: date
) -> list[InvoiceState]:
    states: list[InvoiceState] = []
    for i, invoice in enumerate(loaded.month.invoices):
        try:
            state = invoice_state(invoice, terms, cal, as_of)
        except CalendarGap as gap:
            raise InputError(
                loaded.month_label, f"invoices[{i}].cycle", problem("calendar_gap", year=gap.year)
            ) from None
        _billing(d, loaded, terms, i, first)
        if state is None:  # due in a year the calendar does not know yet, after as_of: not due
            continue
        states.append(state)
        d.suspension_rights[invoice.id] = state.suspension_right_arose(terms.suspend_after_days, as_of)
        ref = f"invoice:{invoice.id}"
        lines: list[Line] = [
            (
                "invoice.due",
                {"due": state.due, "n": terms.due_working_days, "after": state.cycle_last, "cycle": invoice.cycle},
            )
        ]
        for paid_on, amount in state.payments:
            lines.append(("invoice.paid", {"date": paid_on, "amount": grouped(amount)}))
        for run in state.accruals:
            lines.append(
                (
                    "invoice.accrual",
                    {
                        "first": run.first,
                        "last": run.last,
                        "days": run.days,
                        "balance": grouped(run.balance),
                        "rate": exact(terms.late_fee_daily_rate),
                        "fee": shown(run.fee),
                    },
                )
            )
        if len(state.accruals) > 1:
            lines.append(("invoice.fee_total", {"fee": shown(state.fee), "rounded": plain(state.fee)}))
        if state.outstanding > 0 and state.due < as_of:
            lines.append(
                (
                    "invoice.outstanding",
                    {
                        "as_of": as_of,
                        "amount": grouped(invoice.amount),
                        "outstanding": grouped(state.outstanding),
                        "days": state.overdue_days,
                        "n": terms.suspend_after_days,
                    },
                )
            )
        d.add(
            {
                "type": "invoice",
                "invoice": invoice.id,
                "due": state.due.isoformat(),
                "day_after_due": (state.due + ONE_DAY).isoformat(),
                "suspension_right_on": (state.due + timedelta(days=terms.suspend_after_days + 1)).isoformat(),
                "as_of": as_of.isoformat(),
                "unpaid": state.outstanding > 0,  # exact: the engine compares numbers as floats
                "outstanding": plain(max(state.outstanding, Decimal(0))),
                "overdue_days": state.overdue_days,
                "suspend_after_days": terms.suspend_after_days,
                "late_fee_days": len(state.accruals) and state.overdue_days,
                "late_fee": plain(state.fee),
                "charges_late_fee": terms.late_fee_daily_rate > 0,
                "settled_before_period": state.settled_before(first),
            },
            ref,
            *lines,
        )
    return states


def _billing(d: Derivation, loaded: Loaded, terms: Terms, i: int, first: date) -> None:
    """The invoice's amount against the fee the contract gives for its cycle (4.2), when it gives one —
    whether or not the invoice can be due yet: the amount is wrong from the day it is issued."""
    invoice = loaded.month.invoices[i]
    expected = contract_fee(invoice, terms, loaded.month)
    if expected is None:
        return
    paid_before = sum((p.amount for p in invoice.payments if p.date < first), Decimal(0))
    d.add(
        {
            "type": "billing",
            "invoice": invoice.id,
            "amount_exact": exact(invoice.amount),
            "contract_fee": plain(expected),
            "contract_fee_exact": exact(expected),
            "settled_before_period": paid_before >= invoice.amount,
        },
        f"fee:{invoice.id}",
        (
            "invoice.contract_fee",
            {"cycle": invoice.cycle, "fee": shown(expected), "amount": shown(invoice.amount), "method": terms.method},
        ),
    )
