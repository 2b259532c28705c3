"""SPEC §3 identity, §4.0 credit subjects, §4.4 the credit cap, §2.2 waivers inside the chain."""

from __future__ import annotations

import json
from decimal import ROUND_HALF_UP, Decimal, localcontext

import pytest
from conftest import contract_dict, month_dict
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

STANDARDS = {
    "first_response": {"phone": {"within_seconds": 20, "target_ratio": "0.80"}, "chat": {"within_seconds": 30}},
    "satisfaction": {"min": "85", "scale": "percent"},
    "resolution": {"within": 2, "unit": "working_days", "target_ratio": "0.95"},
}
ALL_FAIL = {
    "first_response": {"phone": {"requests": 100, "on_time": 10}, "chat": {"requests": 100, "on_time": 10}},
    "resolution": {"cases": 100, "on_time": 10},
    "satisfaction": {"score": "50", "respondents": 100},
}


def contract(credit: str | None = "5", cap: str | None = None) -> dict:
    c = contract_dict(standards=STANDARDS)  # monthly fee 20,000.00
    c["remedies"] = {"service_credit_percent": credit, "service_credit_cap_percent": cap}
    c["term"]["renewal"] = {"auto": True, "objection_by": "notice_window", "notice_months": 1, "renew_months": 12}
    return c


def credits(run) -> dict[str, str]:
    return {c["subject"]: c["amount"] for c in run.find("sla.service_credit")}


def waiver(cid: str, subject: str | None, expires: str | None = "2026-12-31") -> dict:
    return {"id": cid, "subject": subject, "reason": "goodwill", "approved_by": "王五", "expires": expires}


def test_every_breach_its_own_credit_named_by_the_breach(kefu):
    run = kefu.check(contract(), month_dict("2026-10", **ALL_FAIL))
    assert credits(run) == {
        "sla.first_response:chat": "1000.00",
        "sla.first_response:phone": "1000.00",
        "sla.resolution": "1000.00",
        "sla.satisfaction": "1000.00",
    }
    for c in run.find("sla.service_credit"):
        assert c["date"] == "2026-10-31"
        assert any("= 1,000.00" in line for line in c["because"])  # the arithmetic
        assert any("/ 100" in line or "50" in line for line in c["because"])  # the breach's facts


def test_identity_is_unique(kefu):
    run = kefu.check(contract(), month_dict("2026-10", **ALL_FAIL))
    keys = [(c["id"], c["subject"], c["date"]) for c in run.consequences]
    assert len(keys) == len(set(keys))


def test_two_oral_objections_are_two_consequences_dated_their_notices(kefu):
    notices = [
        {"date": d, "from": "client", "kind": "renewal_objection", "written": False} for d in ("2026-07-08", "2026-07-22")
    ]
    run = kefu.check(contract(), month_dict("2026-07", notices=notices))
    found = run.find("renewal.objection_not_written")
    assert sorted(c["date"] for c in found) == ["2026-07-08", "2026-07-22"]


def test_the_same_notice_listed_twice_is_one_consequence_with_both_reasons(kefu):
    notice = {"date": "2026-07-08", "from": "client", "kind": "renewal_objection", "written": False}
    run = kefu.check(contract(), month_dict("2026-07", notices=[notice, dict(notice)]))
    assert len(run.find("renewal.objection_not_written")) == 1


@pytest.mark.parametrize(
    ("cap", "expected"),
    [
        # 4 × 1,000.00 against caps of 20,000.00 × cap%; §3 order: chat, phone, resolution, satisfaction
        (None, ["1000.00", "1000.00", "1000.00", "1000.00"]),
        ("20", ["1000.00", "1000.00", "1000.00", "1000.00"]),  # cap 4,000.00: exactly reached, nothing cut
        ("12.5", ["1000.00", "1000.00", "500.00", "0.00"]),  # cap 2,500.00
        ("5", ["1000.00", "0.00", "0.00", "0.00"]),
        ("0", ["0.00", "0.00", "0.00", "0.00"]),
        ("0.001", ["0.20", "0.00", "0.00", "0.00"]),  # cap 0.20 (rounded once to the fen)
    ],
)
def test_cap_cuts_credits_in_spec_order_and_keeps_zero_credits(kefu, cap, expected):
    run = kefu.check(contract(cap=cap), month_dict("2026-10", **ALL_FAIL))
    order = ["sla.first_response:chat", "sla.first_response:phone", "sla.resolution", "sla.satisfaction"]
    got = credits(run)
    assert [got[s] for s in order] == expected
    for c in run.find("sla.service_credit"):
        cut = c["amount"] != "1000.00"
        assert any("上限" in line for line in c["because"]) == cut


def test_cap_reason_names_the_cap_and_the_credits_before(kefu):
    run = kefu.check(contract(cap="12.5"), month_dict("2026-10", **ALL_FAIL), "--lang", "en")
    resolution = run.one("sla.service_credit", "sla.resolution")
    assert any("2,500.00" in line and "2,000.00" in line and "500.00" in line for line in resolution["because"])


def test_a_waived_breach_earns_no_credit(kefu):
    month = month_dict("2026-10", **ALL_FAIL, waivers=[waiver("sla.resolution", None)])
    run = kefu.check(contract(), month)
    assert run.one("sla.resolution")["waived_by"] == "goodwill"
    assert run.one("sla.resolution")["severity"] == "info"
    assert "sla.resolution" not in credits(run)
    assert run.find("waiver.unused") == []


def test_a_waived_credit_takes_nothing_from_the_cap(kefu):
    month = month_dict("2026-10", **ALL_FAIL, waivers=[waiver("sla.service_credit", "sla.first_response:chat")])
    run = kefu.check(contract(cap="10"), month)  # cap 2,000.00
    waived = run.one("sla.service_credit", "sla.first_response:chat")
    assert waived["waived_by"] == "goodwill" and waived["amount"] == "1000.00" and waived["severity"] == "info"
    got = credits(run)
    assert [got["sla.first_response:phone"], got["sla.resolution"], got["sla.satisfaction"]] == [
        "1000.00",
        "1000.00",
        "0.00",
    ]


def test_cap_holds_for_any_fee_and_percentages(kefu):
    c = contract(credit="3.33", cap="7.77")
    c["fees"]["monthly_fee"] = "12345.67"
    run = kefu.check(c, month_dict("2026-10", **ALL_FAIL))
    total = sum(Decimal(a) for a in credits(run).values())
    cap = (Decimal("7.77") * Decimal("12345.67") / 100).quantize(Decimal("0.01"), rounding="ROUND_HALF_UP")
    assert total == cap  # 4 × 411.11 = 1,644.44 > 959.26: the cap is used exactly


def exact_credit(percent: str, fee: str) -> str:
    """percent × fee / 100 in 100-digit arithmetic, rounded half up to the fen once (SPEC §4.4)."""
    with localcontext(prec=100):
        return str((Decimal(percent) * Decimal(fee) / 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def test_a_credit_is_exact_where_28_digits_would_round_it_up_a_fen(kefu):
    """Valid inputs (a fee under 10^12, a percent of 12 decimals) whose product has 40 significant digits:
    Python's default 28-digit context makes 599,999,999,999.994999… into …995 and then 600,000,000,000.00."""
    c = contract(credit="99.999999999999", cap="99.999999999999")
    c["fees"]["monthly_fee"] = "600000000000.001"
    run = kefu.check(c, month_dict("2026-10", **ALL_FAIL))
    assert exact_credit("99.999999999999", "600000000000.001") == "599999999999.99"
    assert credits(run)["sla.first_response:chat"] == "599999999999.99"
    assert sum(Decimal(a) for a in credits(run).values()) == Decimal("599999999999.99")  # the cap, exact too


def test_a_credit_is_exact_in_a_sequence_too(kefu):
    """`--history` and `analyze` evaluate months as a sequence (sequence/model.py): the same exact arithmetic."""
    c = contract(credit="99.999999999999")
    c["fees"]["monthly_fee"] = "600000000000.001"
    kefu.write("contract.json", c)
    (kefu.dir / "history").mkdir()
    kefu.write("history/2026-09.json", {**month_dict("2026-09"), "contract": "../contract.json"})
    kefu.write("month.json", month_dict("2026-10", **ALL_FAIL))
    run = kefu.run("--format", "json", "--history", kefu.dir / "history", kefu.dir / "month.json")
    assert run.code == 1, run.err
    assert set(credits(run).values()) == {"599999999999.99"}
    analyzed = kefu.run("analyze", "--format", "json", kefu.dir / "history" / "2026-09.json", kefu.dir / "month.json")
    amounts = {c["amount"] for c in json.loads(analyzed.out)["timeline"] if c["id"] == "sla.service_credit"}
    assert amounts == {"599999999999.99"}, analyzed.err


@given(
    percent=st.decimals(min_value=0, max_value=100, places=12),
    fee=st.decimals(min_value=0, max_value=Decimal("999999999999"), places=12),
)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_a_credit_is_percent_times_fee_rounded_once(kefu, percent: Decimal, fee: Decimal) -> None:
    c = contract(credit=str(percent))
    c["fees"]["monthly_fee"] = str(fee)
    run = kefu.check(c, month_dict("2026-10", **ALL_FAIL))
    assert set(credits(run).values()) == {exact_credit(str(percent), str(fee))}


def test_waiver_without_end_date(kefu):
    month = month_dict("2026-10", **ALL_FAIL, waivers=[waiver("sla.satisfaction", None, expires=None)])
    for lang, word in (("zh", "长期有效"), ("en", "no end date")):
        run = kefu.check(contract(), month, "--lang", lang)
        satisfaction = run.one("sla.satisfaction")
        assert satisfaction["waived_by"] == "goodwill"
        assert any(word in line for line in satisfaction["because"])
        assert "None" not in run.out


def test_waiver_expires_is_required_but_may_be_null(kefu):
    w = waiver("sla.satisfaction", None)
    del w["expires"]
    kefu.write("contract.json", contract())
    run = kefu.run(kefu.write("month.json", month_dict("2026-10", waivers=[w])))
    assert run.code == 2 and "waivers[0].expires" in run.err


def test_expired_and_unused_waivers(kefu):
    month = month_dict(
        "2026-10",
        **ALL_FAIL,
        waivers=[waiver("sla.satisfaction", None, expires="2026-10-30"), waiver("sla.resolution", "nothing")],
    )
    run = kefu.check(contract(), month)
    assert run.one("waiver.expired", "sla.satisfaction")["date"] == "2026-10-31"
    assert run.one("waiver.unused", "sla.resolution")["date"] is None
    assert run.one("sla.satisfaction")["waived_by"] is None
    assert "sla.satisfaction" in credits(run)
