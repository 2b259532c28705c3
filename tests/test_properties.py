"""Properties of the late fee and of downtime that must hold for every input (Hypothesis)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from functools import cache
from zoneinfo import ZoneInfo

from conftest import WEEKDAYS_9_TO_6, contract_dict, merge
from hypothesis import given, settings
from hypothesis import strategies as st

from kefu_check.calendar import Calendar
from kefu_check.check import check_loaded
from kefu_check.downtime import outage_minutes_by_day
from kefu_check.load import Loaded
from kefu_check.models import Contract, Invoice, MonthFacts, Outage
from kefu_check.money import exact_grouped, shown, to_fen
from kefu_check.payments import invoice_state
from kefu_check.terms import resolve

SETTINGS = settings(max_examples=80, deadline=None)
CAL = Calendar()
TZ = ZoneInfo("Asia/Shanghai")
MONTHS = [f"2026-{m:02d}" for m in range(1, 12)]  # cycles whose due day lies in 2026


@cache
def terms(rate: str = "0.0005", with_hours: bool = False):
    contract = merge(contract_dict(), "fees.late_fee_daily_rate", rate)
    if with_hours:
        contract = merge(contract, "standards.service_hours", dict(WEEKDAYS_9_TO_6))
    return resolve(Contract.model_validate(contract), {}, "contract.json")


amounts = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("1000000"), places=2)
rates = st.sampled_from(["0.0005", "0.001", "0.0003", "0.00033"])
days_after = st.integers(min_value=-20, max_value=120)


def make_invoice(cycle: str, amount: Decimal, payments: list[tuple[date, Decimal]], id: str = "INV") -> Invoice:
    return Invoice(
        id=id,
        cycle=cycle,
        amount=amount,
        payments=[{"date": d.isoformat(), "amount": a} for d, a in payments],
    )


def due_of(cycle: str) -> date:
    state = invoice_state(make_invoice(cycle, Decimal(1), []), terms(), CAL, date(2026, 12, 31))
    assert state is not None
    return state.due


@st.composite
def invoices_with_payments(draw, cycle=None):
    """An invoice, payments around its due day that never exceed it (sometimes only half), and an as_of."""
    cycle = cycle or draw(st.sampled_from(MONTHS))
    amount = draw(amounts)
    due = due_of(cycle)
    paid_cents = int(amount * 100) // draw(st.sampled_from([1, 1, 2]))
    cuts = sorted(draw(st.lists(st.integers(0, paid_cents), min_size=0, max_size=3)))
    shares = [b - a for a, b in zip([0, *cuts], [*cuts, paid_cents], strict=True)]
    offsets = draw(st.lists(days_after, min_size=len(shares), max_size=len(shares)))
    payments = [(due + timedelta(days=off), Decimal(c) / 100) for off, c in zip(offsets, shares, strict=True)]
    if draw(st.booleans()):
        payments = []  # never paid
    as_of = due + timedelta(days=draw(st.integers(0, 150)))
    return cycle, amount, payments, as_of


def fee(cycle, amount, payments, as_of, rate="0.0005") -> Decimal:
    state = invoice_state(make_invoice(cycle, amount, payments), terms(rate), CAL, as_of)
    assert state is not None
    return state.fee


@SETTINGS
@given(invoices_with_payments(), st.integers(0, 30), st.data())
def test_paying_earlier_never_raises_the_fee(case, earlier, data):
    cycle, amount, payments, as_of = case
    if not payments:
        return
    i = data.draw(st.integers(0, len(payments) - 1))
    moved = list(payments)
    moved[i] = (moved[i][0] - timedelta(days=earlier), moved[i][1])
    assert fee(cycle, amount, moved, as_of) <= fee(cycle, amount, payments, as_of)


@SETTINGS
@given(invoices_with_payments(), st.integers(0, 60))
def test_a_later_as_of_never_gives_a_smaller_fee(case, later):
    cycle, amount, payments, as_of = case
    assert fee(cycle, amount, payments, as_of + timedelta(days=later)) >= fee(cycle, amount, payments, as_of)


@SETTINGS
@given(invoices_with_payments(), rates)
def test_fee_is_never_negative_and_zero_when_paid_by_the_due_day(case, rate):
    cycle, amount, payments, as_of = case
    got = fee(cycle, amount, payments, as_of, rate)
    assert got >= 0
    due = due_of(cycle)
    if sum((a for d, a in payments if d <= due), Decimal(0)) >= amount:
        assert got == 0


@SETTINGS
@given(invoices_with_payments(), rates)
def test_fee_equals_rate_times_balance_summed_day_by_day(case, rate):
    """The definition of SPEC §4.2, evaluated naively: Σ over due < d ≤ as_of of rate × max(0, balance(d))."""
    cycle, amount, payments, as_of = case
    due = due_of(cycle)
    expected = Decimal(0)
    day = due + timedelta(days=1)
    while day <= as_of:
        balance = amount - sum((a for d, a in payments if d < day), Decimal(0))
        if balance > 0:
            expected += Decimal(rate) * balance
        day += timedelta(days=1)
    assert fee(cycle, amount, payments, as_of, rate) == expected


@SETTINGS
@given(st.sampled_from(MONTHS).flatmap(lambda c: st.tuples(invoices_with_payments(c), invoices_with_payments(c))))
def test_the_fee_is_additive_over_invoices(pair):
    """Two invoices of one cycle cost exactly what one invoice of their sum, paid by both payments, costs."""
    (cycle, a1, p1, as_of1), (_, a2, p2, as_of2) = pair
    as_of = max(as_of1, as_of2)
    assert fee(cycle, a1 + a2, p1 + p2, as_of) == fee(cycle, a1, p1, as_of) + fee(cycle, a2, p2, as_of)


@settings(max_examples=25, deadline=None)
@given(st.lists(invoices_with_payments(), min_size=1, max_size=4), st.integers(0, 40))
def test_the_checks_late_fees_are_the_exact_fees_each_rounded_once(cases, extra_days):
    """Through the whole check: one payment.late_fee per invoice, amount = its exact fee rounded half up."""
    as_of = max(c[3] for c in cases) + timedelta(days=extra_days)
    if as_of.year > 2026:
        as_of = date(2026, 12, 31)
    period = as_of.isoformat()[:7]
    invoices = [make_invoice(c[0], c[1], c[2], id=f"I{i}") for i, c in enumerate(cases)]
    month = MonthFacts.model_validate(
        {
            "contract": "contract.json",
            "period": period,
            "as_of": as_of.isoformat(),
            "invoices": [i.model_dump(mode="json") for i in invoices],
        }
    )
    loaded = Loaded(month, Contract.model_validate(contract_dict()), "month.json", "contract.json", {})
    result = check_loaded(loaded, CAL)
    got = {c.subject: c.amount for c in result.consequences if c.id == "payment.late_fee"}
    first = date.fromisoformat(period + "-01")
    expected = {}
    for inv in invoices:
        state = invoice_state(inv, terms(), CAL, as_of)
        if state is not None and state.fee > 0 and not state.settled_before(first):
            expected[inv.id] = to_fen(state.fee)
    assert got == expected


# --- downtime -------------------------------------------------------------------------------------------

minutes_in_october = st.integers(min_value=0, max_value=31 * 24 * 60)


@st.composite
def outages(draw):
    out = []
    for i in range(draw(st.integers(1, 5))):
        start = datetime(2026, 10, 1, tzinfo=TZ) + timedelta(
            minutes=draw(minutes_in_october), seconds=draw(st.integers(0, 59))
        )
        length = timedelta(minutes=draw(st.integers(0, 3 * 24 * 60)))
        out.append(Outage(id=f"O{i}", start=start, end=start + length, cause="provider"))
    return out


def total_minutes(items, first=date(2026, 10, 1), last=date(2026, 10, 31)):
    return sum(outage_minutes_by_day(items, terms(with_hours=True).hours, CAL, first, last).values())


@SETTINGS
@given(outages())
def test_downtime_never_exceeds_the_outages(items):
    union_bound = sum(((o.end - o.start).total_seconds() / 60 for o in items), 0.0)
    got = total_minutes(items)
    assert 0 <= got <= union_bound
    for o in items:
        assert total_minutes([o]) <= (o.end - o.start).total_seconds() / 60


@SETTINGS
@given(outages())
def test_downtime_never_exceeds_the_service_minutes_of_each_day(items):
    by_day = outage_minutes_by_day(items, terms(with_hours=True).hours, CAL, date(2026, 10, 1), date(2026, 10, 31))
    for day, minutes in by_day.items():
        assert CAL.is_service_day(day, frozenset(range(5)), True)
        assert 0 < minutes <= 540


@SETTINGS
@given(outages())
def test_overlapping_outages_count_once(items):
    """Listing every outage twice changes nothing; adding an outage never lowers downtime."""
    doubled = items + [Outage(id=o.id + "b", start=o.start, end=o.end, cause=o.cause) for o in items]
    assert total_minutes(doubled) == total_minutes(items)
    assert total_minutes(items) >= total_minutes(items[:-1])


@SETTINGS
@given(outages())
def test_downtime_is_additive_over_days(items):
    """The month's downtime is the sum of its two halves."""
    whole = total_minutes(items)
    halves = total_minutes(items, date(2026, 10, 1), date(2026, 10, 15)) + total_minutes(
        items, date(2026, 10, 16), date(2026, 10, 31)
    )
    assert whole == halves


@given(
    st.one_of(
        st.integers(min_value=0, max_value=10**20),
        st.decimals(min_value=0, max_value=Decimal(10) ** 13, allow_nan=False, allow_infinity=False),
        st.fractions(min_value=0, max_value=10**13),
    ),
    st.decimals(min_value=0, max_value=Decimal(10) ** 13, allow_nan=False, allow_infinity=False),
)
def test_fact_keys_are_exact_and_ordered(a, b) -> None:
    """facts.key: the engine compares numbers as strings; their order must be the numbers' order."""
    from fractions import Fraction

    from kefu_check.derive import key

    scaled = Fraction(a) * 10**14
    assert key(a) == f"{int(scaled):045d}" + ("1" if scaled.denominator != 1 else "0")
    assert (key(a) < key(b)) == (Fraction(a) < Fraction(b)) or Fraction(a) * 10**14 // 1 == Fraction(b) * 10**14 // 1


@given(st.integers(-(10**60), 10**60).map(lambda n: Decimal(f"{n}E-46")) | st.integers(-(10**15), 10**15).map(Decimal))
@SETTINGS
def test_a_number_shown_to_people_is_the_number_with_separators(value: Decimal) -> None:
    """What explanations print for a count or an amount (`exact_grouped`, `shown`) reads back as the same number
    once its thousands separators are removed: grouped by threes, never rounded (numbers under 10^14 of up to 60
    digits, what a check's products reach; the default context has 28), never in exponent form."""
    for text in (exact_grouped(value), shown(value)):
        assert "E" not in text and "e" not in text
        whole = text.lstrip("-").split(".")[0]
        assert all(len(group) == 3 for group in whole.split(",")[1:]) and 1 <= len(whole.split(",")[0]) <= 3
        assert Decimal(text.replace(",", "")) == value
