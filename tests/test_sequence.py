"""The sequence model (SPEC §6): carried invoices, notices, suspensions, cooperation failures, reports;
incidents judged once; downtime so far per availability year; availability raised once; `--history`."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from conftest import WEEKDAYS_9_TO_6, Kefu, contract_dict, invoice, month_dict
from hypothesis import given, settings
from hypothesis import strategies as st

from kefu_check.calendar import Calendar
from kefu_check.load import Loaded
from kefu_check.models import Contract, MonthFacts
from kefu_check.sequence.model import evaluate

AVAILABILITY = {
    "service_hours": WEEKDAYS_9_TO_6,
    "availability": {"min_percent": "99.5", "year": "calendar", "excluded_causes": ["client"]},
}
# calendar year 2026: 248 working days × 540 min = 133,920 min; budget 0.5 % = 669.60; half 334.80


def outage(oid: str, day: str, start: str, end: str) -> dict:
    return {"id": oid, "start": f"{day}T{start}:00+08:00", "end": f"{day}T{end}:00+08:00", "cause": "provider"}


def analyze(kefu: Kefu, contract: dict, *months: dict) -> dict:
    kefu.write("contract.json", contract)
    paths = [kefu.write(f"{m['period']}.json", m) for m in months]
    run = kefu.run("analyze", "--format", "json", *paths)
    assert run.code in (0, 1), run.err
    return run.doc


def ids(doc: dict, k: int) -> list[str]:
    return [c["id"] for c in doc["months"][k]["consequences"]]


def one(doc: dict, k: int, cid: str) -> dict:
    found = [c for c in doc["months"][k]["consequences"] if c["id"] == cid]
    assert len(found) == 1, (cid, ids(doc, k))
    return found[0]


def test_unpaid_invoice_carried_and_still_accruing(kefu: Kefu) -> None:
    doc = analyze(kefu, contract_dict(), month_dict("2026-10", invoices=[invoice("2026-09")]), month_dict("2026-11"))
    # due 2026-10-20: 11 days in October, 41 days to 11-30 (10.00 a day)
    assert one(doc, 0, "payment.late_fee")["amount"] == "110.00"
    assert one(doc, 1, "payment.late_fee")["amount"] == "410.00"
    assert one(doc, 1, "payment.suspension_right")["date"] == "2026-11-20"
    assert doc["totals"]["late_fees"] == "410.00"  # each invoice once, up to the last as_of


def test_latest_record_wins_and_settled_invoice_raises_nothing(kefu: Kefu) -> None:
    paid = invoice("2026-09", ("2026-11-05", "20000.00"))
    doc = analyze(
        kefu,
        contract_dict(),
        month_dict("2026-10", invoices=[invoice("2026-09")]),
        month_dict("2026-11", invoices=[paid]),
        month_dict("2026-12"),
    )
    assert one(doc, 1, "payment.late_fee")["amount"] == "160.00"  # 10-21…11-05
    assert "payment.overdue" not in ids(doc, 1)
    assert ids(doc, 2) == []  # paid before December began
    assert doc["totals"]["late_fees"] == "160.00"
    assert len([t for t in doc["timeline"] if t["id"] == "payment.late_fee"]) == 1


def test_objection_carried_forward(kefu: Kefu) -> None:
    renewal = {"auto": True, "objection_by": "notice_window", "notice_months": 1, "renew_months": 12}
    contract = contract_dict(term={"start": "2026-01-01", "end": "2026-12-31", "renewal": renewal})
    objection = {"date": "2026-07-15", "from": "client", "kind": "renewal_objection", "written": True}
    months = [month_dict("2026-07", notices=[objection]), month_dict("2026-11"), month_dict("2027-01")]
    doc = analyze(kefu, contract, *months)
    assert "renewal.deadline_upcoming" not in ids(doc, 1)
    assert "renewal.ended_by_objection" in ids(doc, 1)
    assert "term.expired" in ids(doc, 2) and "renewal.auto_renewed" not in ids(doc, 2)
    alone = kefu.check(contract, month_dict("2026-11"))
    assert "renewal.deadline_upcoming" in alone.ids()  # without the sequence, November would warn


def test_open_suspension_carried_until_a_file_closes_it(kefu: Kefu) -> None:
    suspension = {"start": "2026-10-26", "end": None, "notice_date": "2026-10-20"}
    doc = analyze(
        kefu,
        contract_dict(),
        month_dict("2026-10", suspensions=[suspension]),
        month_dict("2026-11"),
        month_dict("2026-12", suspensions=[{**suspension, "end": "2026-11-30"}]),
    )
    assert one(doc, 0, "service.wrongful_suspension")["date"] == "2026-10-26"
    assert one(doc, 1, "service.wrongful_suspension")["date"] == "2026-11-01"  # carried: still suspended
    assert ids(doc, 2) == []


def test_cooperation_failure_keeps_excusing_until_closed(kefu: Kefu) -> None:
    contract = contract_dict(standards={"resolution": {"within": 24, "unit": "hours", "target_ratio": "0.9"}})
    slow = {"resolution": {"cases": 100, "on_time": 50}}
    failure = {"obligation": "system_access", "from": "2026-09-20", "to": None}
    doc = analyze(
        kefu,
        contract,
        month_dict("2026-09", cooperation_failures=[failure], **slow),
        month_dict("2026-10", **slow),
        month_dict("2026-11", cooperation_failures=[{**failure, "to": "2026-10-31"}], **slow),
    )
    assert one(doc, 1, "sla.resolution")["excused_by"] == ["client.cooperation_failure"]
    assert one(doc, 2, "sla.resolution")["excused_by"] == []


def test_report_delivery_listed_earlier_counts(kefu: Kefu) -> None:
    contract = contract_dict(standards={"report": {"every": "month", "due_working_days": 5}})
    doc = analyze(
        kefu,
        contract,
        month_dict("2026-08", reports=[{"period": "2026-08", "delivered_on": "2026-08-31"}]),
        month_dict("2026-09"),
    )
    assert "report.missing" not in ids(doc, 1)


def test_incident_judged_once(kefu: Kefu) -> None:
    leak = {"id": "SEC-1", "date": "2026-10-28", "kind": "leak", "at_fault": "provider", "loss": "100.00"}
    late = {**leak, "id": "SEC-2", "date": "2026-11-03", "loss": None}
    doc = analyze(kefu, contract_dict(), month_dict("2026-10", incidents=[leak, late]), month_dict("2026-11", incidents=[leak, late]))
    assert [c["subject"] for c in doc["months"][0]["consequences"]] == ["SEC-1", "SEC-1"]
    assert [c["subject"] for c in doc["months"][1]["consequences"]] == ["SEC-2", "SEC-2"]
    assert doc["totals"]["compensation"] == "100.00" and doc["totals"]["compensation_unassessed"] == 1


def test_availability_raised_once_per_year_and_year_to_date(kefu: Kefu) -> None:
    contract = contract_dict(
        standards=AVAILABILITY,
        remedies={"service_credit_percent": "5"},
        term={"start": "2025-01-01", "end": "2026-12-31", "renewal": {"auto": False}},
    )
    months = [  # 2025 has 133,920 scheduled minutes too: budget 669.60
        month_dict("2025-10", outages=[outage("O1", "2025-10-13", "09:00", "15:00")]),  # 360 ≥ 334.80
        month_dict("2025-11", outages=[outage("O2", "2025-11-12", "09:00", "14:00")]),  # 660 ≤ 669.60
        month_dict("2025-12", outages=[outage("O3", "2025-12-15", "09:00", "09:20")]),  # 680 > 669.60
        month_dict("2026-01", outages=[outage("O4", "2026-01-12", "09:00", "12:00")]),  # new year: 180
    ]
    doc = analyze(kefu, contract, *months)
    so_far = [m["metrics"]["downtime_year_minutes"] for m in doc["months"]]
    assert so_far == [360, 660, 680, 180]
    assert [ids(doc, k).count("sla.availability_budget") for k in range(4)] == [1, 0, 0, 0]
    assert [ids(doc, k).count("sla.availability") for k in range(4)] == [0, 0, 1, 0]
    assert doc["totals"]["service_credits"] == "1000.00"


def test_history_dir_and_globs(kefu: Kefu) -> None:
    contract = contract_dict(standards=AVAILABILITY)
    kefu.write("contract.json", contract)
    kefu.write("2026-10.json", month_dict("2026-10", outages=[outage("O1", "2026-10-12", "09:00", "15:00")]))
    kefu.write("2026-12.json", month_dict("2026-12"))  # after the checked month: ignored
    checked = kefu.write("2026-11.json", month_dict("2026-11", history=["*.json"]))  # contract.json too
    run = kefu.run("--format", "json", checked)
    assert run.doc["metrics"]["downtime_year_minutes"] == 360
    assert run.doc["period"] == "2026-11"
    run = kefu.run("--format", "json", checked, "--history", kefu.dir)  # both: each file once
    assert run.doc["metrics"]["downtime_year_minutes"] == 360


def test_history_with_another_file_for_the_period(kefu: Kefu, tmp_path: Path) -> None:
    kefu.write("contract.json", contract_dict())
    history = tmp_path / "history"
    history.mkdir()
    (history / "copy.json").write_text('{"contract": "../contract.json", "period": "2026-11"}', encoding="utf-8")
    checked = kefu.write("2026-11.json", month_dict("2026-11"))
    run = kefu.run(checked, "--history", history, "--lang", "en")
    assert run.code == 2
    assert run.err.strip() == "2026-11.json: period: 2026-11 is also the period of copy.json"
    assert kefu.run(checked, "--history", history).err.strip() == "2026-11.json: period: 2026-11 也是 copy.json 的期间"


# --- property: downtime so far is the sum of the months', availability is raised once -------------------------

PERIODS = ("2026-09", "2026-10", "2026-11", "2026-12")
DAYS = ("2026-09-15", "2026-10-13", "2026-11-10", "2026-12-15")  # working days


def loaded(month: dict) -> Loaded:
    contract = Contract.model_validate(contract_dict(standards=AVAILABILITY))
    return Loaded(MonthFacts.model_validate(month), contract, f"{month['period']}.json", "contract.json", {})


@settings(max_examples=15, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=540), min_size=4, max_size=4))
def test_downtime_so_far_is_the_sum_and_breach_once(minutes: list[int]) -> None:
    months = []
    for period, day, m in zip(PERIODS, DAYS, minutes, strict=True):
        end = f"{9 + m // 60:02d}:{m % 60:02d}" if m < 540 else "18:00"
        months.append(month_dict(period, outages=[outage(f"O-{period}", day, "09:00", end)] if m else []))
    seq = evaluate([loaded(m) for m in months], Calendar(), "en")
    so_far = [r.metrics["downtime_year_minutes"] for r in seq.results]
    assert so_far == [sum(minutes[: k + 1]) for k in range(4)]
    breached = [sum(c.id == "sla.availability" for c in r.consequences) for r in seq.results]
    over = [Decimal(total) > Decimal("669.60") for total in so_far]
    assert breached == [int(o and not any(over[:k])) for k, o in enumerate(over)]


def test_waived_late_fee_left_out_of_totals(kefu: Kefu) -> None:
    waiver = {"id": "payment.late_fee", "subject": "INV-2026-09", "reason": "goodwill", "approved_by": "CFO",
              "expires": "2026-12-31"}
    doc = analyze(
        kefu,
        contract_dict(),
        month_dict("2026-10", invoices=[invoice("2026-09")]),
        month_dict("2026-11", waivers=[waiver]),
    )
    fee = one(doc, 1, "payment.late_fee")
    assert fee["waived_by"] and fee["severity"] == "info"
    assert one(doc, 0, "payment.late_fee")["waived_by"] is None  # each month its own waivers
    assert doc["totals"]["late_fees"] == "0.00"  # the last raising is waived
    assert doc["first_breach"]["client"]["id"] == "payment.overdue"


def test_history_applies_extra_waivers_to_the_checked_month(kefu: Kefu) -> None:
    from kefu_check.load import load_month
    from kefu_check.models import Waiver
    from kefu_check.sequence import check_with_history

    kefu.write("contract.json", contract_dict())
    kefu.write("2026-10.json", month_dict("2026-10", invoices=[invoice("2026-09")]))
    checked = kefu.write("2026-11.json", month_dict("2026-11"))
    waiver = Waiver(id="payment.late_fee", subject="INV-2026-09", reason="goodwill", approved_by="CFO",
                    expires="2026-12-31")
    result = check_with_history(load_month(checked), checked, kefu.dir, Calendar(), "en", [waiver])
    fee = next(c for c in result.consequences if c.id == "payment.late_fee")
    assert fee.amount == Decimal("410.00") and fee.waived_by


def test_records_sharing_a_key_in_one_month_all_count_in_a_sequence(kefu: Kefu) -> None:
    """A month is judged the same alone and as the last of a sequence. Two notices of one day and kind (one oral,
    one written), two cooperation failures from one day, two outages with one id: the sequence kept only the
    last of each, so the written objection was lost (the term renewed, deadline_upcoming) and an outage's minutes."""
    renewal = {"auto": True, "objection_by": "notice_window", "notice_months": 1, "renew_months": 12}
    contract = contract_dict(
        term={"start": "2026-01-01", "end": "2026-12-31", "renewal": renewal},
        standards={**AVAILABILITY, "resolution": {"within": 24, "unit": "hours", "target_ratio": "0.9"}},
    )
    objection = {"date": "2026-11-20", "from": "client", "kind": "renewal_objection"}
    month = month_dict(
        "2026-11",
        notices=[{**objection, "written": True}, {**objection, "written": False}],
        cooperation_failures=[
            {"obligation": "training", "from": "2026-10-06", "to": "2026-11-03"},
            {"obligation": "training", "from": "2026-10-06", "to": "2026-10-07"},
        ],
        outages=[outage("OUT-1", "2026-11-10", "10:00", "11:00"), outage("OUT-1", "2026-11-12", "10:00", "11:00")],
        resolution={"cases": 100, "on_time": 50},
    )
    alone = kefu.check(contract, month)
    doc = analyze(kefu, contract, month_dict("2026-10"), month)
    assert "renewal.ended_by_objection" in alone.ids() and "renewal.deadline_upcoming" not in alone.ids()
    assert one(doc, 1, "sla.resolution")["excused_by"] == ["client.cooperation_failure"]
    assert doc["months"][1]["consequences"] == alone.consequences
    assert doc["months"][1]["metrics"]["downtime_month_minutes"] == alone.doc["metrics"]["downtime_month_minutes"] == 120


def test_an_earlier_month_s_own_input_errors_are_refused_naming_it(kefu: Kefu) -> None:
    """Duplicate invoice ids or overlapping suspensions in a file of the history: exit 2 naming that file, as when
    it is checked alone (the sequence merged the records first, kept the last of each, and said nothing)."""
    kefu.write("contract.json", contract_dict())
    bad = month_dict("2026-10", invoices=[invoice("2026-09"), invoice("2026-09")])
    paths = [kefu.write("2026-10.json", bad), kefu.write("2026-11.json", month_dict("2026-11"))]
    for args in (("analyze", *paths), (paths[1], "--history", kefu.dir)):
        run = kefu.run(*args)
        assert run.code == 2 and run.err.startswith("2026-10.json: invoices[1].id:"), run.err
