"""Art. 4 through the CLI and payments.py: due days, the late fee's exact days, the suspension right (SPEC §4.2)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from conftest import DUE_2026_06, DUE_2026_09, contract_dict, invoice, merge, month_dict

from kefu_check.calendar import Calendar
from kefu_check.models import Contract, Invoice
from kefu_check.payments import invoice_state
from kefu_check.terms import resolve


def terms_of(contract: dict):
    return resolve(Contract.model_validate(contract), {}, "contract.json")


# --- the due day ------------------------------------------------------------------------------------


def test_due_day_counts_working_days_across_national_day(kefu):
    """A 2026-09 invoice, 10 working days: 10-01…10-07 off, Sat 10-10 on → due 2026-10-20 (SPEC §4.2)."""
    state = invoice_state(
        Invoice.model_validate(invoice("2026-09")), terms_of(contract_dict()), Calendar(), date(2026, 10, 31)
    )
    assert state is not None
    assert state.due == date(2026, 10, 20)

    run = kefu.check(contract_dict(), month_dict("2026-10", invoices=[invoice("2026-09")]))
    fee = run.one("payment.late_fee", "INV-2026-09")
    assert fee["date"] == "2026-10-21"  # due + 1
    assert fee["amount"] == "110.00"  # 10-21…10-31: 11 days × 20,000 × 0.0005
    overdue = run.one("payment.overdue", "INV-2026-09")
    assert overdue["amount"] == "20000.00"
    assert overdue["date"] == "2026-10-21"


def test_paid_on_the_due_day_costs_nothing(kefu):
    run = kefu.check(contract_dict(), month_dict("2026-10", invoices=[invoice("2026-09", (DUE_2026_09, "20000.00"))]))
    assert run.find("payment.late_fee") == []
    assert run.find("payment.overdue") == []
    assert run.code == 0


def test_paid_the_day_after_the_due_day_costs_one_day(kefu):
    run = kefu.check(contract_dict(), month_dict("2026-10", invoices=[invoice("2026-09", ("2026-10-21", "20000.00"))]))
    fee = run.one("payment.late_fee", "INV-2026-09")
    assert fee["amount"] == "10.00"  # the payment day itself still accrues: 1 day × 20,000 × 0.0005
    assert fee["party"] == "client" and fee["counterparty"] == "provider"
    assert fee["severity"] == "error"
    assert run.find("payment.overdue") == []  # paid in full by as_of
    assert run.code == 1


def test_paying_five_days_late_costs_five_days(kefu):
    run = kefu.check(contract_dict(), month_dict("2026-10", invoices=[invoice("2026-09", ("2026-10-25", "20000.00"))]))
    assert run.one("payment.late_fee", "INV-2026-09")["amount"] == "50.00"


# --- partial payments: the SPEC's worked example -------------------------------------------------------


def test_spec_partial_payment_example_via_invoice_state():
    """SPEC §4.2: 20,000.00 due 2026-10-15, 10,000 paid 10-18 and 10-25 → 30.00 + 35.00 = 65.00."""
    terms = terms_of(merge(contract_dict(), "fees.due_working_days", 7))  # 7th working day after 09-30 = 10-15
    inv = Invoice.model_validate(invoice("2026-09", ("2026-10-18", "10000.00"), ("2026-10-25", "10000.00")))
    state = invoice_state(inv, terms, Calendar(), date(2026, 10, 31))
    assert state is not None
    assert state.due == date(2026, 10, 15)
    assert [(a.first, a.last, a.days, a.balance) for a in state.accruals] == [
        (date(2026, 10, 16), date(2026, 10, 18), 3, Decimal("20000.00")),
        (date(2026, 10, 19), date(2026, 10, 25), 7, Decimal("10000.00")),
    ]
    assert state.fee == Decimal("65")
    assert state.outstanding == 0
    assert state.overdue_days == 10


def test_spec_partial_payment_example_via_cli(kefu):
    contract = merge(contract_dict(), "fees.due_working_days", 7)
    month = month_dict("2026-10", invoices=[invoice("2026-09", ("2026-10-18", "10000.00"), ("2026-10-25", "10000.00"))])
    run = kefu.check(contract, month)
    fee = run.one("payment.late_fee", "INV-2026-09")
    assert fee["amount"] == "65.00"
    assert fee["date"] == "2026-10-16"
    assert run.find("payment.overdue") == []


def test_outstanding_is_what_is_left_after_partial_payment(kefu):
    month = month_dict("2026-10", invoices=[invoice("2026-09", ("2026-10-26", "12345.67"))])
    run = kefu.check(contract_dict(), month)
    assert run.one("payment.overdue", "INV-2026-09")["amount"] == "7654.33"
    # 10-21…10-26 at 20,000 (6 × 10.00) + 10-27…10-31 at 7,654.33 (5 × 3.827165 = 19.135825) = 79.135825
    assert run.one("payment.late_fee", "INV-2026-09")["amount"] == "79.14"


def test_late_fee_is_rounded_once_at_the_end():
    """Exact sum, then ROUND_HALF_UP: 3 days at 0.01 × 0.0005 each never become 0.00 + 0.00 + 0.00 (SPEC §3)."""
    terms = terms_of(merge(contract_dict(), "fees.late_fee_daily_rate", "0.0005"))
    inv = Invoice.model_validate(invoice("2026-09", amount="33.33"))
    state = invoice_state(inv, terms, Calendar(), date(2026, 10, 31))
    assert state is not None
    assert state.fee == Decimal("33.33") * Decimal("0.0005") * 11  # exact: 0.1833150


# --- the suspension right: 逾期超过30日 ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("as_of", "days", "right"),
    [("2026-08-13", 30, False), ("2026-08-14", 31, True)],
)
def test_suspension_right_only_from_the_31st_overdue_day(kefu, as_of, days, right):
    """Cycle 2026-06 is due 2026-07-14; overdue day 30 is 08-13, day 31 is 08-14 (SPEC §4.2: day 31 on)."""
    month = month_dict("2026-08", as_of=as_of, invoices=[invoice("2026-06")])
    run = kefu.check(contract_dict(), month)
    assert run.one("payment.late_fee", "INV-2026-06")["amount"] == f"{days * 10}.00"
    found = run.find("payment.suspension_right", "INV-2026-06")
    if right:
        assert len(found) == 1
        assert found[0]["date"] == "2026-08-14"  # due + N + 1
        assert found[0]["party"] == "provider"
        assert found[0]["severity"] == "warning"
    else:
        assert found == []


def test_no_suspension_right_once_paid_even_after_31_days(kefu):
    """Paid in full on day 35: the fee stays owed, but nothing is outstanding, so no right to suspend."""
    month = month_dict("2026-08", invoices=[invoice("2026-06", ("2026-08-18", "20000.00"))])
    run = kefu.check(contract_dict(), month)
    assert run.find("payment.suspension_right") == []
    assert run.one("payment.late_fee", "INV-2026-06")["amount"] == "350.00"  # 07-15…08-18 = 35 days


# --- facts after as_of --------------------------------------------------------------------------------


def test_payment_after_as_of_has_not_happened_yet(kefu):
    month = month_dict("2026-10", as_of="2026-10-22", invoices=[invoice("2026-09", ("2026-10-25", "20000.00"))])
    run = kefu.check(contract_dict(), month)
    assert run.one("payment.overdue", "INV-2026-09")["amount"] == "20000.00"
    assert run.one("payment.late_fee", "INV-2026-09")["amount"] == "20.00"  # 10-21, 10-22
    assert run.doc["as_of"] == "2026-10-22"


def test_as_of_option_overrides_the_month(kefu):
    month = month_dict("2026-10", invoices=[invoice("2026-09")])
    run = kefu.check(contract_dict(), month, "--as-of", "2026-10-20")
    assert run.find("payment.overdue") == [] and run.find("payment.late_fee") == []


def test_invoice_not_due_yet_raises_nothing(kefu):
    run = kefu.check(contract_dict(), month_dict("2026-10", as_of=DUE_2026_09, invoices=[invoice("2026-09")]))
    assert run.consequences == []
    assert run.code == 0


# --- billing --------------------------------------------------------------------------------------------


def test_invoice_amount_differing_from_the_contract_fee(kefu):
    month = month_dict("2026-07", invoices=[invoice("2026-06", (DUE_2026_06, "19000.00"), amount="19000.00")])
    run = kefu.check(contract_dict(), month)
    mismatch = run.one("billing.invoice_mismatch", "INV-2026-06")
    assert mismatch["amount"] == "20000.00"
    assert mismatch["date"] is None


def test_quarter_invoice_is_three_monthly_fees(kefu):
    contract = merge(contract_dict(), "fees.cycle", "quarter")
    month = month_dict("2026-07", invoices=[invoice("2026-Q2", (DUE_2026_06, "60000.00"), amount="60000.00")])
    run = kefu.check(contract, month)
    assert run.find("billing.invoice_mismatch") == []
    assert run.consequences == []
