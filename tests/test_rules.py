"""The rule set's decisions and chains through the CLI: SLA bounds, suspensions, excusals, the term (SPEC §4)."""

from __future__ import annotations

import pytest
from conftest import WEEKDAYS_9_TO_6, contract_dict, invoice, merge, month_dict

STANDARDS = {
    "first_response": {"phone": {"within_seconds": 20, "target_ratio": "0.80"}, "chat": {"within_seconds": 30}},
    "satisfaction": {"min": "85", "scale": "percent"},
    "resolution": {"within": 2, "unit": "working_days", "target_ratio": "0.95"},
}


def sla_contract(credit: str | None = None, **extra) -> dict:
    contract = contract_dict(standards={**STANDARDS, **extra})
    if credit is not None:
        contract["remedies"] = {"service_credit_percent": credit}
    return contract


# --- 以内 / 以上: the bound itself meets the standard ----------------------------------------------------


@pytest.mark.parametrize(("on_time", "breach"), [(800, False), (799, True)])
def test_first_response_target_share_is_inclusive(kefu, on_time, breach):
    month = month_dict("2026-10", first_response={"phone": {"requests": 1000, "on_time": on_time}})
    run = kefu.check(sla_contract(), month)
    found = run.find("sla.first_response", "phone")
    assert len(found) == (1 if breach else 0)
    if breach:
        assert found[0]["party"] == "provider" and found[0]["severity"] == "error"
        assert found[0]["date"] == "2026-10-31"
        assert found[0]["clause"] == "2.1(1)"


@pytest.mark.parametrize(("on_time", "breach"), [(4000, False), (3999, True)])
def test_absent_target_ratio_means_every_response_on_time(kefu, on_time, breach):
    month = month_dict("2026-10", first_response={"chat": {"requests": 4000, "on_time": on_time}})
    run = kefu.check(sla_contract(), month)
    assert len(run.find("sla.first_response", "chat")) == (1 if breach else 0)


def test_target_share_compared_exactly_not_rounded(kefu):
    """0.80 × 1,001 = 800.8: 800 on time is below it."""
    month = month_dict("2026-10", first_response={"phone": {"requests": 1001, "on_time": 800}})
    run = kefu.check(sla_contract(), month)
    assert len(run.find("sla.first_response", "phone")) == 1


@pytest.mark.parametrize(
    ("requests", "on_time", "shown"),
    [(100_000, 79_995, "= 0.7999…, target 0.8"), (1001, 800, "= 0.7992…, target 0.8"), (1000, 750, "= 0.7500, target")],
)
def test_a_breach_s_ratio_is_cut_not_rounded_up_to_the_target(kefu, requests, on_time, shown):
    """The explanation shows on_time / requests to 4 places, cut, '…' when digits were cut: a share below the
    target never reads as equal to it (rounded, 79,995 / 100,000 was '0.8000' beside 'target 0.8')."""
    month = month_dict("2026-10", first_response={"phone": {"requests": requests, "on_time": on_time}})
    breach = kefu.check(sla_contract(), month, "--lang", "en").one("sla.first_response", "phone")
    assert any(shown in line for line in breach["because"]), breach["because"]


def test_zero_requests_is_no_breach(kefu):
    month = month_dict("2026-10", first_response={"phone": {"requests": 0, "on_time": 0}})
    run = kefu.check(sla_contract(), month)
    assert run.find("sla.first_response") == []


def test_channel_without_figures_or_without_standard_gives_a_diagnostic_not_a_consequence(kefu):
    month = month_dict("2026-10", first_response={"email": {"requests": 10, "on_time": 0}})
    run = kefu.check(sla_contract(), month)
    assert run.consequences == []
    assert "first_response.email" in run.err
    assert "first_response.phone" in run.err


@pytest.mark.parametrize(("score", "breach"), [("85", False), ("85.00", False), ("84.99", True)])
def test_satisfaction_minimum_itself_meets(kefu, score, breach):
    run = kefu.check(sla_contract(), month_dict("2026-10", satisfaction={"score": score, "respondents": 200}))
    assert len(run.find("sla.satisfaction")) == (1 if breach else 0)


@pytest.mark.parametrize(("on_time", "breach"), [(475, False), (474, True)])
def test_resolution_target_is_inclusive(kefu, on_time, breach):
    run = kefu.check(sla_contract(), month_dict("2026-10", resolution={"cases": 500, "on_time": on_time}))
    assert len(run.find("sla.resolution")) == (1 if breach else 0)


# --- service credits and the cooperation excuse (SPEC §4.6) --------------------------------------------


def test_service_credit_per_breach(kefu):
    month = month_dict("2026-10", satisfaction={"score": "80", "respondents": 200})
    run = kefu.check(sla_contract(credit="5"), month)
    credit = run.one("sla.service_credit")
    assert credit["amount"] == "1000.00"  # 5 % of 20,000.00
    assert credit["subject"] == "sla.satisfaction"  # the breach it compensates (SPEC §4.0)
    assert credit["party"] == "provider" and credit["counterparty"] == "client"


def test_no_service_credit_without_the_remedy(kefu):
    month = month_dict("2026-10", satisfaction={"score": "80", "respondents": 200})
    run = kefu.check(sla_contract(), month)
    assert run.find("sla.service_credit") == []
    assert len(run.find("sla.satisfaction")) == 1


def test_cooperation_failure_excuses_first_response_but_not_satisfaction(kefu):
    month = month_dict(
        "2026-10",
        first_response={"phone": {"requests": 1000, "on_time": 700}},
        satisfaction={"score": "80", "respondents": 200},
        cooperation_failures=[{"obligation": "system_access", "from": "2026-10-01", "to": "2026-10-05"}],
    )
    run = kefu.check(sla_contract(credit="5"), month)
    excused = run.one("sla.first_response", "phone")
    assert excused["severity"] == "info"
    assert excused["excused_by"] == ["client.cooperation_failure"]
    failure = run.one("client.cooperation_failure", "system_access")
    assert failure["party"] == "client" and failure["severity"] == "error"
    assert failure["date"] == "2026-10-01"
    # no credit for the excused breach; the satisfaction breach still earns one
    credits = run.find("sla.service_credit")
    assert [c["subject"] for c in credits] == ["sla.satisfaction"]
    assert credits[0]["amount"] == "1000.00"
    assert run.one("sla.satisfaction")["excused_by"] == []
    assert run.doc["summary"]["info"] == 1


def test_cooperation_failure_excuses_resolution(kefu):
    month = month_dict(
        "2026-10",
        resolution={"cases": 100, "on_time": 10},
        cooperation_failures=[{"obligation": "info", "from": "2026-09-20", "to": None}],
    )
    run = kefu.check(sla_contract(credit="5"), month)
    assert run.one("sla.resolution")["excused_by"] == ["client.cooperation_failure"]
    assert run.one("client.cooperation_failure", "info")["date"] == "2026-10-01"  # later of start and period start
    assert run.find("sla.service_credit") == []


def test_the_excusal_names_the_same_failure_whatever_the_list_order(kefu):
    """Two cooperation failures in one month: the excused breach names one, the same in either order of the list
    (it named whichever the file listed first, so a history's order changed the explanation)."""
    failures = [
        {"obligation": "training", "from": "2026-10-02", "to": None},
        {"obligation": "contact", "from": "2026-10-05", "to": "2026-10-06"},
    ]
    because = []
    for listed in (failures, failures[::-1]):
        month = month_dict("2026-10", resolution={"cases": 100, "on_time": 10}, cooperation_failures=listed)
        because.append(kefu.check(sla_contract(), month).one("sla.resolution")["because"])
    assert because[0] == because[1]


def test_cooperation_failure_after_as_of_excuses_nothing(kefu):
    month = month_dict(
        "2026-10",
        as_of="2026-10-20",
        first_response={"phone": {"requests": 1000, "on_time": 700}},
        cooperation_failures=[{"obligation": "training", "from": "2026-10-25", "to": "2026-10-28"}],
    )
    run = kefu.check(sla_contract(), month)
    assert run.one("sla.first_response", "phone")["excused_by"] == []
    assert run.find("client.cooperation_failure") == []


# --- the term bounds the service standards ------------------------------------------------------------


def test_period_after_the_terms_end_raises_no_sla(kefu):
    contract = merge(sla_contract(credit="5"), "term.end", "2026-06-30")
    month = month_dict(
        "2026-08",
        first_response={"phone": {"requests": 1000, "on_time": 10}},
        satisfaction={"score": "10", "respondents": 200},
        resolution={"cases": 100, "on_time": 1},
    )
    run = kefu.check(contract, month)
    assert [c for c in run.ids() if c.startswith("sla.")] == []
    assert run.one("term.expired")["subject"] == "2026-06-30"


def test_period_overlapping_the_terms_last_day_is_judged(kefu):
    contract = merge(sla_contract(), "term.end", "2026-10-01")
    month = month_dict("2026-10", satisfaction={"score": "10", "respondents": 200})
    run = kefu.check(contract, month)
    assert len(run.find("sla.satisfaction")) == 1


def test_period_before_the_start_raises_no_sla(kefu):
    contract = merge(sla_contract(), "term.start", "2026-11-01")
    run = kefu.check(contract, month_dict("2026-10", satisfaction={"score": "10", "respondents": 200}))
    assert run.find("sla.satisfaction") == []


# --- suspensions, day by day (SPEC §4.3) ------------------------------------------------------------------


def suspension_contract(**fees) -> dict:
    standards = {
        "service_hours": dict(WEEKDAYS_9_TO_6),
        "availability": {"min_percent": "99.5", "year": "contract", "excluded_causes": ["client", "force_majeure"]},
    }
    contract = contract_dict(standards=standards)
    for k, v in fees.items():
        contract = merge(contract, f"fees.{k}", v)
    return contract


def test_equally_overdue_invoices_name_the_same_one_whatever_the_order(kefu):
    """A month's and a quarter's invoice fall due the same day: each suspension day names the first id of the two,
    in either order of the list (it named whichever came first: a history that carried one changed the text)."""
    pair = [invoice("2026-06", amount="20000.00"), invoice("2026-Q2", amount="60000.00")]
    contract = merge(suspension_contract(), "fees.monthly_fee", "20000.00")
    outs = []
    for invoices in (pair, pair[::-1]):
        month = month_dict("2026-08", invoices=invoices, suspensions=[{"start": "2026-08-14", "end": "2026-08-14",
                                                                       "notice_date": "2026-08-07"}])
        run = kefu.check(contract, month)
        outs.append([line for line in run.one("service.lawful_suspension", "2026-08-14")["because"] if "INV" in line])
    assert outs[0] == outs[1] and "INV-2026-06" in outs[0][0]


def test_settling_payment_day_still_lawful_next_day_wrongful(kefu):
    """INV-2026-06 is due 07-14; day 31 is 08-14. Suspended 08-14…08-20, paid in full on 08-18:
    08-14…08-18 lawful (the payment day's balance still counts), 08-19 and 08-20 wrongful → 2 × 540 min."""
    month = month_dict(
        "2026-08",
        invoices=[invoice("2026-06", ("2026-08-18", "20000.00"))],
        suspensions=[{"start": "2026-08-14", "end": "2026-08-20", "notice_date": "2026-08-07"}],
    )
    run = kefu.check(suspension_contract(), month)
    lawful = run.one("service.lawful_suspension", "2026-08-14")
    assert lawful["date"] == "2026-08-14"
    wrongful = run.one("service.wrongful_suspension", "2026-08-14")
    assert wrongful["date"] == "2026-08-19"
    assert wrongful["party"] == "provider" and wrongful["severity"] == "error"
    assert wrongful["clause"] == "5.2.2"
    assert run.doc["metrics"]["downtime_month_minutes"] == 1080
    assert run.find("service.suspension_without_notice") == []


def test_suspension_on_the_30th_overdue_day_is_wrongful_and_on_the_31st_lawful(kefu):
    month = month_dict(
        "2026-08",
        invoices=[invoice("2026-06")],
        suspensions=[{"start": "2026-08-13", "end": "2026-08-14", "notice_date": "2026-08-10"}],
    )
    run = kefu.check(suspension_contract(), month)
    assert run.one("service.wrongful_suspension", "2026-08-13")["date"] == "2026-08-13"
    assert run.one("service.lawful_suspension", "2026-08-13")["date"] == "2026-08-14"
    assert run.doc["metrics"]["downtime_month_minutes"] == 540  # only the wrongful Thursday


def test_wrongful_weekend_day_adds_no_downtime(kefu):
    """Nothing overdue: Sat 08-15 and Sun 08-16 are wrongful, but have no service hours."""
    month = month_dict(
        "2026-08", suspensions=[{"start": "2026-08-15", "end": "2026-08-16", "notice_date": "2026-08-01"}]
    )
    run = kefu.check(suspension_contract(), month)
    assert run.one("service.wrongful_suspension")["date"] == "2026-08-15"
    assert run.doc["metrics"]["downtime_month_minutes"] == 0


def test_wrongful_suspension_chains_to_availability_and_service_credit(kefu):
    contract = suspension_contract()
    contract["remedies"] = {"service_credit_percent": "10"}
    month = month_dict(
        "2026-08", suspensions=[{"start": "2026-08-10", "end": "2026-08-11", "notice_date": "2026-08-01"}]
    )
    run = kefu.check(contract, month)
    assert run.doc["metrics"]["downtime_month_minutes"] == 1080  # > 669.60
    assert run.one("sla.availability")["subject"] == "2026-01-01"
    credit = run.one("sla.service_credit", "sla.availability:2026-01-01")
    assert credit["amount"] == "2000.00"


def test_lawful_suspension_day_is_not_downtime_even_with_an_outage(kefu):
    month = month_dict(
        "2026-08",
        invoices=[invoice("2026-06")],
        suspensions=[{"start": "2026-08-14", "end": None, "notice_date": "2026-08-07"}],
        outages=[
            {"id": "O", "start": "2026-08-17T10:00:00+08:00", "end": "2026-08-17T12:00:00+08:00", "cause": "provider"}
        ],
    )
    run = kefu.check(suspension_contract(), month)
    assert run.find("service.wrongful_suspension") == []
    assert run.doc["metrics"]["downtime_month_minutes"] == 0


def test_younger_invoice_does_not_keep_a_suspension_lawful(kefu):
    """INV-2026-06 settled on 08-18; INV-2026-07 (due 08-14) is overdue only a few days: 08-19 is wrongful."""
    month = month_dict(
        "2026-08",
        as_of="2026-08-19",
        invoices=[invoice("2026-06", ("2026-08-18", "20000.00")), invoice("2026-07")],
        suspensions=[{"start": "2026-08-17", "end": None, "notice_date": "2026-08-10"}],
    )
    run = kefu.check(suspension_contract(), month)
    assert run.one("service.wrongful_suspension")["date"] == "2026-08-19"


@pytest.mark.parametrize(
    ("notice_date", "required", "warned"),
    [
        (None, None, True),
        (None, 5, True),
        ("2026-08-15", None, True),  # after the start
        ("2026-08-14", None, False),  # on the start day counts as notice
        ("2026-08-10", 5, True),  # 4 days < 5
        ("2026-08-09", 5, False),  # 5 days
    ],
)
def test_suspension_without_notice(kefu, notice_date, required, warned):
    contract = suspension_contract(suspension_notice_days=required)
    month = month_dict(
        "2026-08",
        invoices=[invoice("2026-06")],
        suspensions=[{"start": "2026-08-14", "end": None, "notice_date": notice_date}],
    )
    run = kefu.check(contract, month)
    assert len(run.find("service.suspension_without_notice", "2026-08-14")) == (1 if warned else 0)


# --- confidentiality ----------------------------------------------------------------------------------------


def test_provider_leak_with_personal_information(kefu):
    incident = {
        "id": "SEC-1",
        "date": "2026-10-08",
        "kind": "leak",
        "at_fault": "provider",
        "data": ["customer_info"],
        "personal_information": True,
        "records": 120,
        "loss": "50000.005",
    }
    run = kefu.check(contract_dict(), month_dict("2026-10", incidents=[incident]))
    assert run.one("confidentiality.provider_breach", "SEC-1")["date"] == "2026-10-08"
    assert run.one("confidentiality.compensation", "SEC-1")["amount"] == "50000.01"  # ROUND_HALF_UP
    assert run.one("privacy.remedy_and_notify", "SEC-1")["party"] == "provider"


def test_incident_after_as_of_is_ignored(kefu):
    incident = {"id": "SEC-2", "date": "2026-10-25", "kind": "leak", "at_fault": "client"}
    run = kefu.check(contract_dict(), month_dict("2026-10", as_of="2026-10-20", incidents=[incident]))
    assert run.consequences == []


# --- output shape ------------------------------------------------------------------------------------------


def test_output_is_byte_identical_across_runs_and_ordered(kefu):
    month = month_dict(
        "2026-10",
        invoices=[invoice("2026-09"), invoice("2026-08", id="INV-OLD")],
        satisfaction={"score": "80", "respondents": 200},
    )
    first = kefu.check(sla_contract(credit="5"), month)
    second = kefu.check(sla_contract(credit="5"), month)
    assert first.out == second.out
    dates = [c["date"] or "9999" for c in first.consequences]
    assert dates == sorted(dates)
    summary = first.doc["summary"]
    assert sum(summary[s] for s in ("error", "warning", "info")) == len(first.consequences)


# --- reports (2.3) -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("delivered_on", "expected"),
    [("2026-10-13", None), ("2026-10-14", "report.late"), (None, "report.missing"), ("2026-11-02", "report.missing")],
)
def test_september_report_judged_in_october(kefu, delivered_on, expected):
    """Due the 5th working day after 09-30: 10-08, 10-09, Sat 10-10, 10-12, 10-13 → 2026-10-13. A delivery
    after as_of has not happened yet."""
    contract = contract_dict(standards={"report": {"every": "month", "due_working_days": 5}})
    reports = [{"period": "2026-09", "delivered_on": delivered_on}] if delivered_on else []
    run = kefu.check(contract, month_dict("2026-10", reports=reports))
    found = [c for c in run.consequences if c["id"].startswith("report.")]
    if expected is None:
        assert found == []
    else:
        assert [(c["id"], c["subject"], c["date"]) for c in found] == [(expected, "2026-09", "2026-10-14")]


@pytest.mark.parametrize(("delivered_on", "expected"), [("2026-07-14", None), ("2026-07-15", "report.late"), (None, "report.missing")])
def test_a_quarter_s_report_is_owed_when_the_term_ended_early_in_the_quarter(kefu, delivered_on, expected):
    """The term ends 04-15: 2026-Q2 overlaps it, so its report is owed and judged when due, the 10th working day
    after 06-30 (07-14), by July's check. It was missed when the term ended more than 2n + 40 days before the
    month checked: the periods searched began after the term's end, and none was found."""
    contract = contract_dict(standards={"report": {"every": "quarter", "due_working_days": 10}})
    contract["term"].update({"start": "2026-03-16", "end": "2026-04-15"})
    reports = [{"period": "2026-Q2", "delivered_on": delivered_on}] if delivered_on else []
    run = kefu.check(contract, month_dict("2026-07", reports=reports))
    found = [(c["id"], c["subject"], c["date"]) for c in run.consequences if c["id"].startswith("report.")]
    assert found == ([] if expected is None else [(expected, "2026-Q2", "2026-07-15")])


def test_sla_date_is_as_of_when_before_the_period_end(kefu):
    month = month_dict("2026-10", as_of="2026-10-20", satisfaction={"score": "50", "respondents": 10})
    run = kefu.check(sla_contract(), month)
    assert run.one("sla.satisfaction")["date"] == "2026-10-20"
