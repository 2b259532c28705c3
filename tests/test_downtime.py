"""2.1(2): outage minutes inside service hours, holidays, exclusions, the year's budget (SPEC §4.4, §3 metrics)."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from fractions import Fraction

import pytest
from conftest import WEEKDAYS_9_TO_6, contract_dict, merge, month_dict

from kefu_check.calendar import Calendar
from kefu_check.downtime import outage_minutes_by_day
from kefu_check.models import Outage
from kefu_check.terms import resolve

CST = timezone(timedelta(hours=8))
# 2026 has 248 PRC working days: 248 × 540 min = 133,920 scheduled minutes; 0.5 % of that = 669.60.
BUDGET_2026 = "669.60"


def availability_contract(**service_hours) -> dict:
    standards = {
        "service_hours": {**WEEKDAYS_9_TO_6, **service_hours},
        "availability": {"min_percent": "99.5", "year": "contract", "excluded_causes": ["client", "force_majeure"]},
    }
    return contract_dict(standards=standards)


def outage(start: str, end: str, cause: str = "provider", id: str = "OUT-1") -> dict:
    return {"id": id, "start": start, "end": end, "cause": cause}


def downtime(kefu, *outages: dict, contract: dict | None = None, **month) -> tuple[object, dict]:
    run = kefu.check(contract or availability_contract(), month_dict("2026-10", outages=list(outages), **month))
    return run.doc["metrics"]["downtime_month_minutes"], run


def test_outage_straddling_the_end_of_service_hours_counts_only_inside(kefu):
    minutes, run = downtime(kefu, outage("2026-10-12T17:30:00+08:00", "2026-10-12T19:00:00+08:00"))
    assert minutes == 30
    assert run.doc["metrics"]["downtime_year_minutes"] == 30


def test_outage_before_service_hours_counts_nothing(kefu):
    minutes, _ = downtime(kefu, outage("2026-10-12T06:00:00+08:00", "2026-10-12T09:00:00+08:00"))
    assert minutes == 0


def test_outage_on_a_statutory_holiday_is_not_downtime(kefu):
    """2026-10-02 is a Friday inside the National Day holiday: no service hours with calendar statutory."""
    minutes, run = downtime(kefu, outage("2026-10-02T10:00:00+08:00", "2026-10-02T12:00:00+08:00"))
    assert minutes == 0
    assert [c for c in run.ids() if c.startswith("sla.")] == []


def test_outage_on_a_holiday_counts_with_a_weekly_calendar(kefu):
    contract = availability_contract(calendar="weekly")
    minutes, _ = downtime(kefu, outage("2026-10-02T10:00:00+08:00", "2026-10-02T12:00:00+08:00"), contract=contract)
    assert minutes == 120


def test_outage_on_an_adjusted_working_saturday_counts(kefu):
    """Saturday 2026-10-10 is a 调休 working day: a service day under the statutory calendar."""
    minutes, _ = downtime(kefu, outage("2026-10-10T10:00:00+08:00", "2026-10-10T11:00:00+08:00"))
    assert minutes == 60


def test_overlapping_outages_count_once(kefu):
    minutes, _ = downtime(
        kefu,
        outage("2026-10-12T10:00:00+08:00", "2026-10-12T11:00:00+08:00", id="A"),
        outage("2026-10-12T10:30:00+08:00", "2026-10-12T11:30:00+08:00", id="B"),
    )
    assert minutes == 90


@pytest.mark.parametrize(("start", "end"), [("2026-10-14", "2026-12-31"), ("2026-01-01", "2026-10-13")])
def test_an_outage_outside_the_term_is_no_downtime_in_the_month_either(kefu, start, end):
    """The term starts (or ends) mid-October: only the outage on a day of the term is downtime. The month's figure
    counted the other one too (120 minutes against the year's 60, and the year's percent made of 60)."""
    contract = merge(availability_contract(), "term", {"start": start, "end": end, "renewal": {"auto": False}})
    minutes, run = downtime(
        kefu,
        outage("2026-10-12T10:00:00+08:00", "2026-10-12T11:00:00+08:00", id="A"),
        outage("2026-10-14T10:00:00+08:00", "2026-10-14T11:00:00+08:00", id="B"),
        contract=contract,
    )
    assert minutes == run.doc["metrics"]["downtime_year_minutes"] == 60


def test_a_day_s_outages_are_named_in_one_order_whatever_the_file_s(kefu):
    outages = [
        outage("2026-10-12T10:00:00+08:00", "2026-10-12T11:00:00+08:00", id="OUT-B"),
        outage("2026-10-12T14:00:00+08:00", "2026-10-12T14:30:00+08:00", id="OUT-A"),
        outage("2026-10-13T10:00:00+08:00", "2026-10-13T10:30:00+08:00", "client", id="OUT-D"),
        outage("2026-10-13T11:00:00+08:00", "2026-10-13T11:30:00+08:00", "client", id="OUT-C"),
    ]
    contract = merge(availability_contract(), "standards.availability.min_percent", "99.99")  # a breach, its reasons
    outs = [downtime(kefu, *listed, contract=contract)[1].out for listed in (outages, outages[::-1])]
    assert outs[0] == outs[1] and "OUT-A, OUT-B" in outs[0] and "OUT-C, OUT-D" in outs[0]


@pytest.mark.parametrize(("cause", "counted"), [("client", 0), ("force_majeure", 0), ("provider", 60), ("planned", 60)])
def test_excluded_causes_are_not_downtime(kefu, cause, counted):
    minutes, _ = downtime(kefu, outage("2026-10-12T10:00:00+08:00", "2026-10-12T11:00:00+08:00", cause))
    assert minutes == counted


def test_timestamp_without_offset_is_local_time_in_the_contract_zone(kefu):
    minutes, _ = downtime(kefu, outage("2026-10-12T17:00:00", "2026-10-12T20:00:00"))
    assert minutes == 60  # 17:00–18:00 Shanghai time


def test_timestamp_in_another_offset_is_converted(kefu):
    # 01:00–03:00 UTC = 09:00–11:00 in Shanghai
    minutes, _ = downtime(kefu, outage("2026-10-12T01:00:00+00:00", "2026-10-12T03:00:00+00:00"))
    assert minutes == 120


def test_seconds_count_exactly(kefu):
    minutes, _ = downtime(kefu, outage("2026-10-12T10:00:00+08:00", "2026-10-12T10:00:30+08:00"))
    assert minutes == "0.50"


def test_outage_after_as_of_has_not_happened_yet(kefu):
    minutes, _ = downtime(kefu, outage("2026-10-20T10:00:00+08:00", "2026-10-20T11:00:00+08:00"), as_of="2026-10-15")
    assert minutes == 0


def test_only_the_part_inside_the_month_counts(kefu):
    """From Fri 10-30 17:00 to Mon 11-02 10:00: 60 minutes on 10-30 in October; November's hour is not October's."""
    minutes, _ = downtime(kefu, outage("2026-10-30T17:00:00+08:00", "2026-11-02T10:00:00+08:00"))
    assert minutes == 60


def test_budget_and_availability_metrics(kefu):
    _, run = downtime(kefu, outage("2026-10-12T10:00:00+08:00", "2026-10-12T11:30:00+08:00"))
    metrics = run.doc["metrics"]
    assert metrics["downtime_budget_minutes"] == BUDGET_2026
    assert metrics["availability_year_percent"] == "99.93"  # 100 × (1 − 90 / 133,920)


def test_half_the_budget_warns_and_more_than_the_budget_breaches(kefu):
    # 2026-10-12…10-13: 2 × 180 = 360 minutes ≥ 334.80 (half) and ≤ 669.60 → warning only
    warn = [outage(f"2026-10-{d}T09:00:00+08:00", f"2026-10-{d}T12:00:00+08:00", id=f"O{d}") for d in (12, 13)]
    _, run = downtime(kefu, *warn)
    assert run.one("sla.availability_budget")["subject"] == "2026-01-01"
    assert run.find("sla.availability") == []
    # 2026-10-12…10-14 full days: 3 × 540 = 1,620 minutes > 669.60 → breach, no warning
    breach = [outage(f"2026-10-{d}T08:00:00+08:00", f"2026-10-{d}T19:00:00+08:00", id=f"O{d}") for d in (12, 13, 14)]
    _, run = downtime(kefu, *breach)
    assert run.doc["metrics"]["downtime_month_minutes"] == 1620
    found = run.one("sla.availability")
    assert found["subject"] == "2026-01-01"
    assert found["date"] == "2026-10-31"
    assert run.find("sla.availability_budget") == []


def test_availability_metrics_null_when_not_judged(kefu):
    run = kefu.check(contract_dict(), month_dict("2026-10"))
    assert run.doc["metrics"] == {
        "downtime_month_minutes": None,
        "downtime_year_minutes": None,
        "downtime_budget_minutes": None,
        "availability_year_percent": None,
    }


def test_outage_minutes_by_day_direct():
    terms = resolve(contract_dict_with_hours(), {}, "contract.json")
    assert terms.hours is not None
    got = outage_minutes_by_day(
        [
            Outage(
                id="X",
                start=datetime(2026, 10, 9, 17, 0, tzinfo=CST),
                end=datetime(2026, 10, 10, 10, 0, tzinfo=CST),
                cause="provider",
            )
        ],
        terms.hours,
        Calendar(),
        date(2026, 10, 1),
        date(2026, 10, 31),
    )
    assert got == {date(2026, 10, 9): Fraction(60), date(2026, 10, 10): Fraction(60)}


def contract_dict_with_hours():
    from kefu_check.models import Contract

    return Contract.model_validate(merge(contract_dict(), "standards.service_hours", dict(WEEKDAYS_9_TO_6)))
