"""Art. 3: the objection deadline, tacit renewal and its dates (SPEC §4.1)."""

from __future__ import annotations

from datetime import date

import pytest
from conftest import contract_dict, merge, month_dict

from kefu_check.periods import add_months, renewed_end


def auto_contract(**renewal) -> dict:
    """Term 2026, tacit renewal for 12 months, objection by the notice window of 1 month (deadline 11-30)."""
    terms = {"auto": True, "objection_by": "notice_window", "notice_months": 1, "renew_months": 12, **renewal}
    return merge(contract_dict(), "term.renewal", terms)


def objection(day: str, written: bool = True) -> dict:
    return {"date": day, "from": "client", "kind": "renewal_objection", "written": written}


# --- date arithmetic --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 12, 31), -1, date(2026, 11, 30)),  # SPEC §2.1: 12-31 − 1 month = 11-30
        (date(2026, 3, 31), -1, date(2026, 2, 28)),
        (date(2028, 3, 31), -1, date(2028, 2, 29)),
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2026, 1, 15), -1, date(2025, 12, 15)),
    ],
)
def test_add_months_keeps_the_day_or_clips_to_month_end(day, months, expected):
    assert add_months(day, months) == expected


@pytest.mark.parametrize(
    ("end", "months", "expected"),
    [
        (date(2027, 2, 28), 12, date(2028, 2, 29)),  # SPEC §4.1
        (date(2026, 6, 30), 1, date(2026, 7, 31)),  # SPEC §4.1
        (date(2026, 12, 31), 12, date(2027, 12, 31)),
        (date(2028, 2, 29), 12, date(2029, 2, 28)),
    ],
)
def test_renewed_end_is_end_plus_one_day_plus_months_minus_one_day(end, months, expected):
    assert renewed_end(end, months) == expected


# --- the objection deadline -------------------------------------------------------------------------


@pytest.mark.parametrize(("as_of", "upcoming"), [("2026-10-31", True), ("2026-10-30", False)])
def test_deadline_upcoming_within_30_days(kefu, as_of, upcoming):
    """Deadline 12-31 − 1 month = 11-30: exactly 30 days after 10-31 (inside), 31 after 10-30 (outside)."""
    run = kefu.check(auto_contract(), month_dict("2026-10", as_of=as_of))
    found = run.find("renewal.deadline_upcoming")
    if upcoming:
        assert len(found) == 1
        assert found[0]["subject"] == "2026-12-31"
        assert found[0]["date"] == as_of
        assert found[0]["party"] == "client"
    else:
        assert found == []


def test_no_deadline_warning_once_the_client_objected(kefu):
    month = month_dict("2026-10", notices=[objection("2026-10-15")])
    run = kefu.check(auto_contract(), month)
    assert run.find("renewal.deadline_upcoming") == []
    assert run.one("renewal.ended_by_objection")["subject"] == "2026-12-31"


def test_objection_on_the_deadline_is_timely(kefu):
    run = kefu.check(auto_contract(), month_dict("2026-11", notices=[objection("2026-11-30")]))
    ended = run.one("renewal.ended_by_objection")
    assert ended["subject"] == "2026-12-31"
    assert ended["date"] == "2026-11-30"
    assert run.find("renewal.objection_late") == []


def test_objection_the_day_after_the_deadline_is_late(kefu):
    run = kefu.check(auto_contract(), month_dict("2026-12", as_of="2026-12-01", notices=[objection("2026-12-01")]))
    late = run.one("renewal.objection_late")
    assert late["subject"] == "2026-12-31"
    assert late["date"] == "2026-12-01"
    assert late["party"] == "client"
    # SPEC §4.1: late for this term, the objection is timely for the next, which it ends
    ended = run.one("renewal.ended_by_objection")
    assert ended["subject"] == "2027-12-31"
    assert run.find("renewal.auto_renewed") == []


def test_late_objection_renews_the_term_and_is_timely_for_the_next(kefu):
    """As of 2027-01-05 the term has renewed (to 2027-12-31); the late objection ends the renewed term."""
    run = kefu.check(auto_contract(), month_dict("2026-12", as_of="2027-01-05", notices=[objection("2026-12-01")]))
    assert run.one("renewal.objection_late")["subject"] == "2026-12-31"
    renewed = run.one("renewal.auto_renewed")
    assert renewed["subject"] == "2027-12-31"
    assert renewed["date"] == "2027-01-01"
    ended = run.one("renewal.ended_by_objection")
    assert ended["subject"] == "2027-12-31"
    assert run.find("term.expired") == []


def test_objection_by_expiry_is_timely_on_the_end_day(kefu):
    contract = auto_contract(objection_by="expiry", notice_months=None)
    run = kefu.check(contract, month_dict("2026-12", notices=[objection("2026-12-31")]))
    assert run.one("renewal.ended_by_objection")["subject"] == "2026-12-31"


def test_oral_objection_does_not_stop_the_renewal(kefu):
    run = kefu.check(auto_contract(), month_dict("2026-11", notices=[objection("2026-11-10", written=False)]))
    assert run.one("renewal.objection_not_written")["date"] == "2026-11-10"
    assert run.find("renewal.ended_by_objection") == []


def test_provider_non_renewal_has_no_effect(kefu):
    notice = {"date": "2026-11-10", "from": "provider", "kind": "non_renewal", "written": True}
    run = kefu.check(auto_contract(), month_dict("2026-11", notices=[notice]))
    assert run.one("renewal.provider_notice_no_effect")["party"] == "provider"
    assert run.find("renewal.ended_by_objection") == []


def test_objection_after_as_of_has_not_happened_yet(kefu):
    run = kefu.check(auto_contract(), month_dict("2026-11", as_of="2026-11-20", notices=[objection("2026-11-25")]))
    assert run.find("renewal.ended_by_objection") == []
    assert run.one("renewal.deadline_upcoming")["subject"] == "2026-12-31"


# --- expiry ---------------------------------------------------------------------------------------------


def test_without_tacit_renewal_the_term_expires(kefu):
    run = kefu.check(contract_dict(), month_dict("2027-01", as_of="2027-01-01"))
    expired = run.one("term.expired")
    assert expired["subject"] == "2026-12-31"
    assert expired["date"] == "2027-01-01"
    assert run.find("renewal.auto_renewed") == []


def test_not_started(kefu):
    contract = merge(contract_dict(), "term.start", "2026-11-01")
    run = kefu.check(contract, month_dict("2026-10"))
    assert run.one("term.not_started")["subject"] == "2026-11-01"
