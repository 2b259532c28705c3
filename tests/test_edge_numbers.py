"""Numbers at the edge (issue 6): amounts up to 10^12 CNY and rates with many decimals stay exact to the fen;
what would make a computation unbounded (absurd years, 10^14 amounts, too many decimals, huge lists) is refused
with exit 2 naming the field, or computed within a bound."""

from __future__ import annotations

import json
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal, localcontext

import pytest
from conftest import DUE_2026_09, contract_dict, invoice, merge, month_dict
from hypothesis import given, settings
from hypothesis import strategies as st
from test_hostile_support import run

from kefu_check.calendar import Calendar
from kefu_check.models import Invoice
from kefu_check.payments import invoice_state
from kefu_check.terms import resolve

DUE = date.fromisoformat(DUE_2026_09)
OCTOBER_END = date(2026, 10, 31)


def exact_fee(amount: Decimal, payments: list[tuple[date, Decimal]], rate: Decimal, as_of: date) -> Decimal:
    """The SPEC §4.2 late fee, day by day, in 100-digit arithmetic: Σ over due < d ≤ as_of of balance(d) × rate,
    balance(d) = amount − payments dated before d; rounded half up to the fen once."""
    with localcontext() as ctx:
        ctx.prec = 100
        total = Decimal(0)
        day = DUE + timedelta(days=1)
        while day <= as_of:
            balance = amount - sum((a for d, a in payments if d < day), Decimal(0))
            total += max(balance, Decimal(0)) * rate
            day += timedelta(days=1)
        return total.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


FEN_AMOUNTS = st.integers(10**11 * 100, 10**12 * 100).map(lambda fen: Decimal(fen) / 100)
# 0.00001 … 0.01 a day with up to 12 decimal places (0.000001 has a test of its own further down)
RATES = st.integers(10**7, 10**10).map(lambda n: Decimal(n).scaleb(-12))
OCTOBER_DAYS = st.integers(21, 31).map(lambda d: date(2026, 10, d))


@settings(max_examples=15, deadline=None)
@given(FEN_AMOUNTS, RATES, st.lists(st.tuples(OCTOBER_DAYS, st.integers(1, 10**13)), max_size=3))
def test_a_late_fee_on_a_10_12_invoice_is_exact_to_the_fen(tmp_path_factory, amount, rate, paid):
    payments = [(d, Decimal(fen) / 100) for d, fen in paid]
    folder = tmp_path_factory.mktemp("edge")
    contract = merge(contract_dict(), "fees.late_fee_daily_rate", str(rate))
    month = month_dict(
        "2026-10", invoices=[invoice("2026-09", *((str(d), str(a)) for d, a in payments), amount=str(amount))]
    )
    (folder / "contract.json").write_text(json.dumps(contract), encoding="utf-8")
    (folder / "month.json").write_text(json.dumps(month), encoding="utf-8")
    outcome = run(["--format", "json", "month.json"], folder)
    assert outcome.code in (0, 1), outcome.err
    fees = [c for c in json.loads(outcome.out)["consequences"] if c["id"] == "payment.late_fee"]
    expected = exact_fee(amount, payments, rate, OCTOBER_END)
    assert [Decimal(c["amount"]) for c in fees] == ([expected] if expected > 0 else [])


def state_of(amount: str, rate: str, as_of: date, *payments: tuple[str, str]):
    from kefu_check.load import validate
    from kefu_check.models import Contract

    contract = validate(Contract, merge(contract_dict(), "fees.late_fee_daily_rate", rate), "contract.json")
    terms = resolve(contract, {}, "contract.json")
    item = Invoice.model_validate(invoice("2026-09", *payments, amount=amount))
    return invoice_state(item, terms, Calendar(), as_of)


def test_the_fee_is_exact_beyond_the_28_digits_of_the_default_decimal_context():
    # 779957869797.872380968961 × 0.753906042482 = 588014950922.004999999999999989401202: 0.00 after the
    # half-up rounding, but 0.01 if the product is first rounded to 28 digits (the bug this guards against).
    state = state_of("779957869797.872380968961", "0.753906042482", DUE + timedelta(days=1))
    assert state.fee == Decimal("588014950922.004999999999999989401202")
    assert exact_fee(Decimal("779957869797.872380968961"), [], Decimal("0.753906042482"), DUE + timedelta(days=1)) == (
        Decimal("588014950922.00")
    )


def test_a_10_12_fee_over_many_days_and_partial_payments_keeps_every_digit():
    state = state_of(
        "1000000000000.00",
        "0.000123456789",
        OCTOBER_END,
        ("2026-10-23", "333333333333.33"),
        ("2026-10-27", "0.01"),
    )
    with localcontext() as ctx:
        ctx.prec = 100
        rate = Decimal("0.000123456789")
        want = (
            3 * Decimal("1000000000000.00") * rate
            + 4 * Decimal("666666666666.67") * rate
            + 4 * Decimal("666666666666.66") * rate
        )
    assert state.fee == want


def test_a_rate_of_one_in_a_million_still_gives_a_late_fee(kefu):
    contract = merge(contract_dict(), "fees.late_fee_daily_rate", "0.000001")
    result = kefu.check(contract, month_dict("2026-10", invoices=[invoice("2026-09", amount="1000000000000.00")]))
    assert result.one("payment.late_fee")["amount"] == "11000000.00"  # 11 days × 10^12 × 0.000001


def test_the_default_decimal_context_is_left_as_it_was():
    from decimal import getcontext

    before = getcontext().prec
    state_of("1000.00", "0.0005", OCTOBER_END)
    assert getcontext().prec == before


REFUSED = {
    "amount of 10^14": ("month", "invoices.0.amount", "100000000000000", "invoices[0].amount"),
    "amount with 13 decimal places": ("month", "invoices.0.amount", "1.0000000000001", "invoices[0].amount"),
    "rate with 34 decimal places": (
        "contract",
        "fees.late_fee_daily_rate",
        "0.0049999999999999999999999999999999",
        "fees.late_fee_daily_rate",
    ),
    "rate 1e-13": ("contract", "fees.late_fee_daily_rate", "1e-13", "fees.late_fee_daily_rate"),
    "1e999999 as a string": ("month", "invoices.0.amount", "1e999999", "invoices[0].amount"),
    "count above 10^12": ("month", "resolution", {"cases": 10**13, "on_time": 0}, "resolution.cases"),
    "period in year 9999": ("month", "period", "9999-12", "period"),
    "as_of in year 9999": ("month", "as_of", "9999-12-31", "as_of"),
    "term ending in year 9999 with monthly renewals": (
        "contract",
        "term",
        {"start": "0001-01-01", "end": "9999-12-31", "renewal": {"auto": True, "objection_by": "expiry",
                                                                 "notice_days": 30, "renew_months": 1}},
        "term.start",
    ),
    "renewal notice of 10^6 days": ("contract", "term.renewal", {"auto": True, "objection_by": "expiry",
                                                                 "notice_days": 10**6, "renew_months": 12},
                                    "term.renewal.notice_days"),
    "due in 10^5 working days": ("contract", "fees.due_working_days", 10**5, "fees.due_working_days"),
    "an outage ending in year 9999": (
        "month",
        "outages",
        [{"id": "O", "start": "2026-10-12T10:00:00+08:00", "end": "9999-10-12T10:00:00+08:00", "cause": "provider"}],
        "outages[0].end",
    ),
    "20,000 invoices": ("month", "invoices", [invoice("2026-09", id=f"I{i}") for i in range(20_000)], "invoices"),
    "50,000 payments": (
        "month",
        "invoices",
        [invoice("2026-09", *[("2026-10-21", "0.01")] * 50_000)],
        "invoices[0].payments",
    ),
    "10^6 outages": (
        "month",
        "outages",
        [{"id": "O", "start": "2026-10-12T10:00:00+08:00", "end": "2026-10-12T10:01:00+08:00", "cause": "provider"}]
        * 10**6,
        "outages",
    ),
}


def _set(doc: dict, path: str, value) -> dict:
    parts = path.split(".")
    node = doc
    for part in parts[:-1]:
        node = node[int(part)] if part.isdigit() else node[part]
    node[int(parts[-1]) if parts[-1].isdigit() else parts[-1]] = value
    return doc


@pytest.mark.parametrize("name", REFUSED)
def test_values_that_would_make_a_computation_unbounded_are_refused(kefu, name):
    which, path, value, field = REFUSED[name]
    contract = contract_dict()
    month = month_dict("2026-10", invoices=[invoice("2026-09")])
    _set(contract if which == "contract" else month, path, value)
    kefu.write("contract.json", contract)
    if isinstance(value, list) and len(value) >= 10**6:  # compact: 10^6 outages would pass the 20 MB file limit
        kefu.write("month.json", json.dumps(month, separators=(",", ":")))
    else:
        kefu.write("month.json", month)
    run = kefu.run("--lang", "en", "--format", "json", kefu.dir / "month.json")
    assert run.code == 2, (run.code, run.err)
    line = run.err.strip()
    assert "\n" not in line
    label = "contract.json" if which == "contract" else "month.json"
    assert line.startswith(f"{label}: {field}: ") or (name == "10^6 outages" and "too large" in line), line


def test_10_000_outages_in_a_month_are_computed_within_bounds(kefu):
    hours = {"days": ["mon", "tue", "wed", "thu", "fri"], "start": "09:00", "end": "18:00",
             "timezone": "Asia/Shanghai", "calendar": "statutory"}
    contract = merge(contract_dict(), "standards", {"service_hours": hours, "availability": {"min_percent": "99.5"}})
    outages = [
        {"id": f"O{i}", "start": f"2026-10-{1 + i % 31:02d}T10:00:00+08:00",
         "end": f"2026-10-{1 + i % 31:02d}T10:01:00+08:00", "cause": "provider"}
        for i in range(10_000)
    ]
    result = kefu.check(contract, month_dict("2026-10", outages=outages))
    assert result.code in (0, 1)


def test_an_outstanding_of_one_millionth_is_still_unpaid(kefu):
    """The engine compares numbers as floats near zero: whether an invoice is unpaid is decided exactly."""
    month = month_dict("2026-10", invoices=[invoice("2026-09", ("2026-10-20", "19999.999999"))])
    result = kefu.check(contract_dict(), month)
    assert result.one("payment.overdue")["amount"] == "0.00"  # 0.000001 outstanding, shown to the fen


@pytest.mark.parametrize("text", ["\x85.0E᧗000000000000000000", "٣", "1E7000000", "１２"])
def test_numbers_in_other_scripts_or_past_decimal_are_refused_not_a_crash(kefu, text):
    """Found by the schema fuzzer: Unicode digits and an exponent Decimal cannot hold once reached exit 3."""
    month = month_dict("2026-10", invoices=[{"id": "INV-1", "cycle": "2026-09", "amount": text}])
    kefu.write("contract.json", contract_dict())
    run = kefu.run("--lang", "en", kefu.write("month.json", month))
    assert run.code == 2 and run.err.startswith("month.json: invoices[0].amount:"), run.err
