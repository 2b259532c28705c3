"""Properties that hold on every generated contract-month (issue 11 §6), checked on KEFU_MONTHS months.

The months come from `monthgen.generate(seed)` for seeds KEFU_MONTHS_SEED … + KEFU_MONTHS (default
0 and 500; `make fuzz-months` runs 10,000). They are checked in-process (`monthgen.run_all`, in one
forked worker so that a C-level crash of the rule engine is a finding, not the end of the run); a sample
of ~20 is also checked by a fresh `kefu-check` process for byte-identical output.

None of these needs a second implementation of the rules: each is a relation between the input's facts
and the output, between two outputs, or a sentence of the SPEC taken literally. Each property is a
function `case -> [violations]` in PROPERTIES; a failing test names the seeds, and reduces the first
one to a minimal contract/month pair (`python tests/test_generated_months.py PROPERTY SEED` does the
same from the command line).
"""

from __future__ import annotations

import json
import os
import random
import re
import subprocess
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property
from pathlib import Path
from typing import Any

import monthgen
import pytest

COUNT = int(os.environ.get("KEFU_MONTHS", "500"))
BASE = int(os.environ.get("KEFU_MONTHS_SEED", "0"))
SAMPLE = int(os.environ.get("KEFU_MONTHS_SAMPLE", "20"))  # months also run by a fresh process
SHOWN = 6  # failing seeds listed in a message
FEN = Decimal("0.01")

# SPEC §4.0 and §4.1-4.5, as tables: (party, counterparty), clause, kind
PARTIES: dict[str, tuple[str | None, str | None]] = {
    **dict.fromkeys(
        (
            "term.not_started",
            "term.expired",
            "renewal.auto_renewed",
            "renewal.ended_by_objection",
            "calendar.estimated",
            "waiver.expired",
            "waiver.unused",
        ),
        (None, None),
    ),
    **dict.fromkeys(
        ("renewal.deadline_upcoming", "renewal.objection_not_written", "renewal.objection_late"), ("client", None)
    ),
    "renewal.provider_notice_no_effect": ("provider", None),
    **dict.fromkeys(
        ("payment.overdue", "payment.late_fee", "confidentiality.client_breach", "client.cooperation_failure"),
        ("client", "provider"),
    ),
    **dict.fromkeys(
        (
            "payment.suspension_right",
            "billing.invoice_mismatch",
            "service.lawful_suspension",
            "service.wrongful_suspension",
            "service.suspension_without_notice",
            "sla.first_response",
            "sla.resolution",
            "sla.satisfaction",
            "sla.availability",
            "sla.availability_budget",
            "report.late",
            "report.missing",
            "sla.service_credit",
            "confidentiality.provider_breach",
            "privacy.remedy_and_notify",
            "confidentiality.compensation",
        ),
        ("provider", "client"),
    ),
}
CLAUSES = {
    **dict.fromkeys([k for k in PARTIES if k.startswith("term.")], "3.1"),
    **dict.fromkeys([k for k in PARTIES if k.startswith("renewal.")], "3.2"),
    "payment.overdue": "4.3",
    **dict.fromkeys(
        (
            "payment.late_fee",
            "payment.suspension_right",
            "service.lawful_suspension",
            "service.suspension_without_notice",
        ),
        "4.4",
    ),
    "billing.invoice_mismatch": "4.2",
    "service.wrongful_suspension": "5.2.2",
    "sla.first_response": "2.1(1)",
    **dict.fromkeys(("sla.availability", "sla.availability_budget", "calendar.estimated"), "2.1(2)"),
    "sla.resolution": "2.1(3)",
    "sla.satisfaction": "2.1(4)",
    "sla.service_credit": "2.1",
    "report.late": "2.3",
    "report.missing": "2.3",
    "confidentiality.provider_breach": "5.2.4",
    "privacy.remedy_and_notify": "5.2.4",
    "confidentiality.compensation": "5.1.8",
    "confidentiality.client_breach": "5.1.6",
    "client.cooperation_failure": "5.1.4",
    "waiver.expired": "waiver",
    "waiver.unused": "waiver",
}
KINDS = {
    **dict.fromkeys(
        (
            "term.not_started",
            "term.expired",
            "renewal.ended_by_objection",
            "renewal.auto_renewed",
            "payment.overdue",
            "service.lawful_suspension",
            "calendar.estimated",
        ),
        "status",
    ),
    **dict.fromkeys(
        (
            "renewal.deadline_upcoming",
            "renewal.objection_not_written",
            "renewal.objection_late",
            "renewal.provider_notice_no_effect",
            "billing.invoice_mismatch",
            "service.suspension_without_notice",
            "sla.availability_budget",
            "waiver.expired",
            "waiver.unused",
        ),
        "warning",
    ),
    **dict.fromkeys(("payment.late_fee", "sla.service_credit", "confidentiality.compensation"), "liability"),
    "payment.suspension_right": "right",
    "privacy.remedy_and_notify": "obligation",
    **dict.fromkeys(
        (
            "service.wrongful_suspension",
            "sla.first_response",
            "sla.resolution",
            "sla.satisfaction",
            "sla.availability",
            "report.late",
            "report.missing",
            "confidentiality.provider_breach",
            "confidentiality.client_breach",
            "client.cooperation_failure",
        ),
        "breach",
    ),
}
SEVERITY = {
    "breach": "error",
    "liability": "error",
    "right": "warning",
    "obligation": "warning",
    "warning": "warning",
    "status": "info",
}
WITH_AMOUNT = {
    "payment.overdue",
    "payment.late_fee",
    "billing.invoice_mismatch",
    "sla.service_credit",
    "confidentiality.compensation",
}
UNDATED = {"billing.invoice_mismatch", "calendar.estimated", "waiver.unused"}
SLA_BREACHES = ("sla.first_response", "sla.resolution", "sla.satisfaction", "sla.availability")
ISO = re.compile(r"\d{4}-\d{2}-\d{2}")
AMOUNT = re.compile(r"\d+\.\d{2}")


def day(text: str) -> date:
    return date.fromisoformat(text)


def to_fen(value: Decimal) -> Decimal:
    return value.quantize(FEN, rounding=ROUND_HALF_UP)


# ----------------------------------------------------------------------------------------------- cases


@dataclass
class Case:
    """One generated month and its outcome."""

    seed: int
    contract: dict[str, Any]
    month: dict[str, Any]
    outcome: dict[str, Any]
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def code(self) -> int:
        return self.outcome["code"]

    @property
    def ok(self) -> bool:
        return self.code in (0, 1) and self.outcome["json"] is not None

    @cached_property
    def doc(self) -> dict[str, Any]:
        return json.loads(self.outcome["json"])

    @property
    def cs(self) -> list[dict[str, Any]]:
        return self.doc["consequences"]

    def find(self, cid: str) -> list[dict[str, Any]]:
        return [c for c in self.cs if c["id"] == cid]

    @cached_property
    def first(self) -> date:
        return monthgen.cycle_bounds(self.month["period"])[0]

    @cached_property
    def last(self) -> date:
        return monthgen.cycle_bounds(self.month["period"])[1]

    @cached_property
    def as_of(self) -> date:
        return day(self.month["as_of"]) if self.month.get("as_of") else self.last

    @property
    def judged_last(self) -> date:
        return min(self.last, self.as_of)

    def facts(self, key: str) -> list[dict[str, Any]]:
        return self.month.get(key) or []

    @property
    def renewal(self) -> dict[str, Any]:
        return self.contract["term"].get("renewal") or {}

    @property
    def remedies(self) -> dict[str, Any]:
        return self.contract.get("remedies") or {}

    @cached_property
    def terms(self) -> Any:
        """The product's reading of the contract (only for the service hours and the due days)."""
        from kefu_check.load import load_contract_data
        from kefu_check.terms import resolve

        data = json.loads(json.dumps(self.contract), parse_float=Decimal)
        contract, blanks = load_contract_data(data, "contract.json")
        return resolve(contract, blanks, "contract.json")


def run_case(seed: int, contract: dict, month: dict) -> Case:
    return Case(seed, contract, month, monthgen.run_month(contract, month))


# ----------------------------------------------------------------------------------------------- properties
# Each returns the list of its violations in one case (empty: it holds). Only (1) looks at refused or
# crashed months; the others need an output.


def p_no_crash(case: Case) -> list[str]:
    """(1) Exit 0 or 1: never 2 (a generated month is valid input) nor 3 / a signal (a bug)."""
    if case.code in (0, 1):
        return []
    return [f"exit {case.code}: {(case.outcome['error'] or '').strip().splitlines()[-1:]}"]


def p_identity(case: Case) -> list[str]:
    """(2) No two consequences share (id, subject, date) (SPEC §3 Identity)."""
    if not case.ok:
        return []
    seen = Counter((c["id"], c["subject"], c["date"]) for c in case.cs)
    return [f"{n} consequences share {key}" for key, n in seen.items() if n > 1]


def expected_credit_subject(breach: dict[str, Any]) -> str:
    return breach["id"] + (f":{breach['subject']}" if breach["subject"] is not None else "")


def month_fee(case: Case) -> Decimal | None:
    """SPEC §4.4: monthly_fee (fixed_monthly, whatever the cycle); + the month's overage (per_usage, with usage)."""
    fees = case.contract["fees"]
    if fees["method"] == "fixed_monthly":
        return Decimal(fees["monthly_fee"])
    if fees["method"] == "per_usage" and "usage" in case.month:
        over = max(0, case.month["usage"]["units"] - fees["included_units"])
        return Decimal(fees["monthly_fee"]) + over * Decimal(fees["unit_rate"])
    return None


def p_credit_per_breach(case: Case) -> list[str]:
    """(3a) With a credit percent: exactly one sla.service_credit per sla.* breach that is neither excused nor
    waived, its subject `breach id[:breach subject]`, its date the breach's; no other credit."""
    if not case.ok:
        return []
    credits = case.find("sla.service_credit")
    if case.remedies.get("service_credit_percent") is None:
        return [f"{len(credits)} credits without a credit percent"] if credits else []
    breaches = [c for c in case.cs if c["id"] in SLA_BREACHES and not c["excused_by"] and not c["waived_by"]]
    want = Counter((expected_credit_subject(b), b["date"]) for b in breaches)
    got = Counter((c["subject"], c["date"]) for c in credits)
    if want == got:
        return []
    return [f"credits (subject, date) {sorted(got.items())}, expected {sorted(want.items())}"]


def p_credit_amounts(case: Case) -> list[str]:
    """(3b) Without a cap, each credit is percent × the month's fee, rounded to the fen (null when the month
    has no fee: lump_sum, per_usage without usage)."""
    if not case.ok or case.remedies.get("service_credit_cap_percent") is not None:
        return []
    percent = case.remedies.get("service_credit_percent")
    fee = month_fee(case)
    out = []
    for c in case.find("sla.service_credit"):
        want = None if fee is None or percent is None else f"{to_fen(Decimal(percent) * fee / 100):f}"
        if c["amount"] != want:
            out.append(f"credit {c['subject']} amount {c['amount']}, expected {want} ({percent}% of {fee})")
    return out


def p_credit_cap(case: Case) -> list[str]:
    """(3c) With a cap: the credits not waived sum to at most cap% × the month's fee (rounded once to the fen);
    each is at most its uncapped amount; a credit is cut only once the cap is reached."""
    cap = case.remedies.get("service_credit_cap_percent")
    percent = case.remedies.get("service_credit_percent")
    fee = month_fee(case)
    if not case.ok or cap is None or percent is None or fee is None:
        return []
    limit = to_fen(Decimal(cap) * fee / 100)
    full = to_fen(Decimal(percent) * fee / 100)
    credits = [c for c in case.find("sla.service_credit") if not c["waived_by"]]
    total = sum((Decimal(c["amount"] or 0) for c in credits), Decimal(0))
    out = []
    if total > limit:
        out.append(f"credits sum to {total} > cap {cap}% of {fee} = {limit}")
    if any(Decimal(c["amount"] or 0) > full for c in credits):
        out.append(f"a credit above {percent}% of {fee} = {full}")
    if any(Decimal(c["amount"] or 0) < full for c in credits) and total != limit:
        out.append(f"a credit was cut but the credits sum to {total}, not the cap {limit}")
    return out


def p_renewal_notices(case: Case) -> list[str]:
    """(4) Renewal consequences per notice (SPEC §4.1), notices dated on or before as_of:

    - without tacit renewal (`auto` false or no renewal section): no renewal.* consequence at all;
    - under `auto`: each oral client renewal_objection gives exactly one objection_not_written, dated the
      notice (the generator writes at most one objection a day);
    - each provider non_renewal gives exactly one provider_notice_no_effect, dated the notice;
    - written client objections: the earliest of them counts for the first term whose deadline is on or
      after its date, so there is exactly one ended_by_objection, dated that earliest objection; each
      objection_late is dated the same day (late for an earlier term), its subject (that term's end) on or
      after that day and before the ended term's end; no deadline_upcoming once a written objection exists.
      Later written objections are not asserted on (the SPEC does not say what a second objection to an
      already-ended term raises);
    - no written objection: no ended_by_objection, no objection_late;
    - auto_renewed: the first dated the original end + 1, each next one dated the previous new end + 1, each
      new end = (date + renew_months months) - 1 day; none after an ended term's end; term.expired for the
      ended term when as_of is past its end.
    """
    if not case.ok:
        return []
    as_of = case.as_of.isoformat()
    renewal_cs = [c for c in case.cs if c["id"].startswith("renewal.")]
    if not case.renewal.get("auto"):
        return [f"{c['id']} {c['subject']} without tacit renewal" for c in renewal_cs]
    notices = [n for n in case.facts("notices") if n["date"] <= as_of]
    client = [n for n in notices if n["from"] == "client" and n["kind"] == "renewal_objection"]
    oral = Counter(n["date"] for n in client if not n["written"])
    written = sorted(n["date"] for n in client if n["written"])
    provider = Counter(n["date"] for n in notices if n["from"] == "provider" and n["kind"] == "non_renewal")
    out = []
    got_oral = Counter(c["date"] for c in case.find("renewal.objection_not_written"))
    if got_oral != oral:
        out.append(f"objection_not_written on {sorted(got_oral.elements())}, oral objections {sorted(oral.elements())}")
    got_provider = Counter(c["date"] for c in case.find("renewal.provider_notice_no_effect"))
    if got_provider != provider:
        out.append(
            f"provider_notice_no_effect on {sorted(got_provider.elements())}, "
            f"provider notices {sorted(provider.elements())}"
        )
    ended = case.find("renewal.ended_by_objection")
    late = case.find("renewal.objection_late")
    if written:
        earliest = written[0]
        if len(ended) != 1 or ended[0]["date"] != earliest:
            out.append(f"ended_by_objection {[(c['subject'], c['date']) for c in ended]}, earliest written {earliest}")
        for c in late:
            if c["date"] != earliest or not earliest <= c["subject"] or (ended and c["subject"] >= ended[0]["subject"]):
                out.append(f"objection_late {c['subject']} on {c['date']}, earliest written objection {earliest}")
        if case.find("renewal.deadline_upcoming"):
            out.append(f"deadline_upcoming although the client objected in writing on {earliest}")
    elif ended or late:
        out.append(f"{len(ended)} ended_by_objection and {len(late)} objection_late without a written objection")
    renewed = sorted(case.find("renewal.auto_renewed"), key=lambda c: c["date"])
    months = case.renewal.get("renew_months")
    previous_end = case.contract["term"]["end"]
    for c in renewed:
        if c["date"] != (day(previous_end) + timedelta(days=1)).isoformat():
            out.append(f"auto_renewed dated {c['date']}, the previous end is {previous_end}")
        new_end = monthgen.add_months(day(c["date"]), months) - timedelta(days=1)
        if c["subject"] != new_end.isoformat():
            out.append(f"auto_renewed on {c['date']} to {c['subject']}, expected {new_end} ({months} months)")
        if c["date"] > as_of:
            out.append(f"auto_renewed dated {c['date']} after as_of")
        previous_end = c["subject"]
    if ended:
        end = ended[0]["subject"]
        if any(c["subject"] > end for c in renewed):
            out.append(f"a renewal past {end}, the end of the term the objection ended")
        expired = [c["subject"] for c in case.find("term.expired")]
        if as_of > end and expired != [end]:
            out.append(f"as_of {as_of} is past the ended term's end {end}, term.expired: {expired}")
    return out


def p_downtime_bounded(case: Case) -> list[str]:
    """(5) The month's downtime is never above its scheduled service minutes (the days from the period's
    first day to the earlier of its last day and as_of), nor above days × the daily window; the year's
    downtime (one month alone) is at most the month's; the availability percent is within 0..100."""
    if not case.ok:
        return []
    metrics = case.doc["metrics"]
    month_minutes = metrics["downtime_month_minutes"]
    nulls = {k: v is None for k, v in metrics.items() if k != "availability_year_percent"}
    if len(set(nulls.values())) > 1:
        return [f"metrics partly null: {metrics}"]
    if month_minutes is None:
        return []
    from kefu_check.calendar import DEFAULT, scheduled_minutes

    out = []
    minutes = Decimal(str(month_minutes))
    hours = case.terms.hours
    scheduled, _ = scheduled_minutes(hours, case.first, case.judged_last, DEFAULT)
    window = hours.window_minutes * ((case.judged_last - case.first).days + 1)
    if minutes > scheduled:
        out.append(f"downtime {minutes} min > scheduled {scheduled} min of {case.first}..{case.judged_last}")
    if minutes > window:
        out.append(f"downtime {minutes} min > {window} min (every day's whole window)")
    if Decimal(str(metrics["downtime_year_minutes"])) > minutes:
        out.append(f"year downtime {metrics['downtime_year_minutes']} > month downtime {minutes} (one month alone)")
    percent = metrics["availability_year_percent"]
    if percent is not None and not Decimal(0) <= Decimal(percent) <= 100:
        out.append(f"availability_year_percent {percent}")
    for key in ("downtime_month_minutes", "downtime_year_minutes"):
        value = metrics[key]
        if not (isinstance(value, int) or (isinstance(value, str) and AMOUNT.fullmatch(value))):
            out.append(f"{key} {value!r}: an integer or a two-decimal string")
    if not AMOUNT.fullmatch(metrics["downtime_budget_minutes"]):
        out.append(f"downtime_budget_minutes {metrics['downtime_budget_minutes']!r}")
    return out


def p_shape(case: Case) -> list[str]:
    """Every consequence as SPEC §3/§4.0 say: a known id, its clause, kind, parties and severity (info when
    excused or waived); an amount only where the table has one, always two decimals; a date (null only for
    billing.invoice_mismatch, calendar.estimated, waiver.unused) never after as_of (report.missing: due + 1,
    at most as_of + 1); a non-empty message and `because`; the §3 order; the summary adds up."""
    if not case.ok:
        return []
    out = []
    as_of_plus_1 = (case.as_of + timedelta(days=1)).isoformat()
    for c in case.cs:
        cid = c["id"]
        if cid not in KINDS:
            out.append(f"unknown id {cid}")
            continue
        clause = "5.1.5" if cid == "client.cooperation_failure" and c["subject"] == "contact" else CLAUSES[cid]
        if c["clause"] != clause or c["kind"] != KINDS[cid] or (c["party"], c["counterparty"]) != PARTIES[cid]:
            out.append(f"{cid}: clause/kind/parties {c['clause']}, {c['kind']}, {c['party']}, {c['counterparty']}")
        severity = "info" if c["excused_by"] or c["waived_by"] else SEVERITY[KINDS[cid]]
        if c["severity"] != severity:
            out.append(f"{cid} {c['subject']}: severity {c['severity']}, expected {severity}")
        if c["amount"] is not None and (cid not in WITH_AMOUNT or not AMOUNT.fullmatch(c["amount"])):
            out.append(f"{cid} {c['subject']}: amount {c['amount']!r}")
        if c["currency"] != "CNY":
            out.append(f"{cid}: currency {c['currency']!r}")
        if (c["date"] is None) != (cid in UNDATED):
            out.append(f"{cid} {c['subject']}: date {c['date']}")
        elif c["date"] is not None:
            bound = as_of_plus_1 if cid == "report.missing" else case.as_of.isoformat()
            if not ISO.fullmatch(c["date"]) or c["date"] > bound:
                out.append(f"{cid} {c['subject']}: date {c['date']} after as_of {case.as_of}")
        if not c["message"] or not c["because"] or not all(isinstance(b, str) and b.strip() for b in c["because"]):
            out.append(f"{cid} {c['subject']}: empty message or because")
        if not isinstance(c["excused_by"], list) or "waived_by" not in c:
            out.append(f"{cid}: excused_by / waived_by missing")

    def order(c: dict[str, Any]) -> tuple:
        return (
            c["date"] is None,
            c["date"] or "",
            c["clause"],
            c["id"],
            c["subject"] is None,
            c["subject"] or "",
            c["amount"] is None,
            Decimal(c["amount"] or 0),
            c["message"],
        )

    if [order(c) for c in case.cs] != sorted(order(c) for c in case.cs):
        out.append("consequences not in the §3 order")
    summary = case.doc["summary"]
    want = {s: sum(1 for c in case.cs if c["severity"] == s) for s in ("error", "warning", "info")}
    want["waived"] = sum(1 for c in case.cs if c["waived_by"])
    if summary != want:
        out.append(f"summary {summary}, counted {want}")
    if case.code != int(bool(want["error"])):
        out.append(f"exit {case.code} with {want['error']} errors")
    if case.doc["period"] != case.month["period"] or case.doc["as_of"] != case.as_of.isoformat():
        out.append(f"period/as_of {case.doc['period']} {case.doc['as_of']}")
    return out


def p_subjects(case: Case) -> list[str]:
    """Subjects and dates as SPEC §4.0 gives them (credit subjects are (3a)'s)."""
    if not case.ok:
        return []
    invoices = {i["id"] for i in case.facts("invoices")}
    starts = {s["start"] for s in case.facts("suspensions")}
    incidents = {i["id"]: i for i in case.facts("incidents")}
    channels = set((case.contract.get("standards") or {}).get("first_response") or {})
    waived_ids = {w["id"] for w in case.facts("waivers")}
    judged = case.judged_last.isoformat()
    every = ((case.contract.get("standards") or {}).get("report") or {}).get("every") or "month"
    report = re.compile(r"\d{4}-Q[1-4]" if every == "quarter" else r"\d{4}-\d{2}")
    out = []
    for c in case.cs:
        cid, subject, when = c["id"], c["subject"], c["date"]
        ok = True
        if cid == "term.not_started":
            ok = subject == case.contract["term"]["start"] and when == case.as_of.isoformat()
        elif cid == "term.expired":
            ok = subject is not None and when == (day(subject) + timedelta(days=1)).isoformat()
        elif cid == "renewal.deadline_upcoming":
            ok = subject is not None and ISO.fullmatch(subject) is not None and when == case.as_of.isoformat()
        elif cid.startswith("renewal."):
            ok = subject is not None and ISO.fullmatch(subject) is not None
        elif cid.startswith(("payment.", "billing.")):
            ok = subject in invoices
        elif cid.startswith("service."):
            ok = subject in starts and (cid != "service.suspension_without_notice" or when == subject)
            if cid != "service.suspension_without_notice":
                ok = ok and max(subject, case.first.isoformat()) <= when <= judged
        elif cid == "sla.first_response":
            ok = subject in channels and when == judged
        elif cid in ("sla.resolution", "sla.satisfaction"):
            ok = subject is None and when == judged
        elif cid in ("sla.availability", "sla.availability_budget"):
            ok = subject is not None and ISO.fullmatch(subject) is not None and subject <= judged and when == judged
        elif cid.startswith("report."):
            ok = subject is not None and report.fullmatch(subject) is not None
        elif cid.startswith(("confidentiality.", "privacy.")):
            ok = subject in incidents and when == incidents[subject]["date"]
        elif cid == "client.cooperation_failure":
            ok = subject in monthgen.OBLIGATIONS
        elif cid == "calendar.estimated":
            ok = subject is not None and re.fullmatch(r"\d{4}", subject) is not None
        elif cid.startswith("waiver."):
            ok = subject in waived_ids
        if not ok:
            out.append(f"{cid}: subject {subject!r}, date {when}")
    return out


def p_payments(case: Case) -> list[str]:
    """Per invoice (SPEC §4.2, §6): payment.overdue's amount is the amount less the payments dated on or
    before as_of; late fee and overdue share their date (due + 1); the suspension right needs the overdue
    (outstanding > 0) and is dated overdue + N; an overdue invoice with a positive rate has a late fee; an
    invoice paid in full before the month began raises nothing; fixed_monthly invoices are checked against
    monthly_fee × months of their cycle (billing.invoice_mismatch, amount = that fee), lump_sum never."""
    if not case.ok:
        return []
    fees = case.contract["fees"]
    n = fees["suspend_after_days"]
    rate = Decimal(fees["late_fee_daily_rate"])
    as_of, first = case.as_of.isoformat(), case.first.isoformat()
    by = {}
    for c in case.cs:
        if c["id"].startswith(("payment.", "billing.")):
            by.setdefault(c["subject"], {})[c["id"]] = c
    out = []
    for inv in case.facts("invoices"):
        got = by.get(inv["id"], {})
        amount = Decimal(inv["amount"])
        paid = sum((Decimal(p["amount"]) for p in inv.get("payments", []) if p["date"] <= as_of), Decimal(0))
        before = sum((Decimal(p["amount"]) for p in inv.get("payments", []) if p["date"] < first), Decimal(0))
        if before >= amount:
            if got:
                out.append(f"{inv['id']} was paid in full before {first} but raises {sorted(got)}")
            continue
        overdue, fee, right = (got.get(k) for k in ("payment.overdue", "payment.late_fee", "payment.suspension_right"))
        if overdue and overdue["amount"] != f"{to_fen(amount - paid):f}":
            out.append(f"{inv['id']}: overdue {overdue['amount']}, outstanding {amount - paid}")
        if overdue and paid >= amount:
            out.append(f"{inv['id']}: overdue although paid {paid} of {amount} by as_of")
        if overdue and fee and overdue["date"] != fee["date"]:
            out.append(f"{inv['id']}: overdue dated {overdue['date']}, late fee {fee['date']}")
        if overdue and rate > 0 and not fee:
            out.append(f"{inv['id']}: overdue at a rate of {rate} but no late fee")
        if right and not overdue:
            out.append(f"{inv['id']}: a suspension right without payment.overdue")
        if right and overdue and right["date"] != (day(overdue["date"]) + timedelta(days=n)).isoformat():
            out.append(f"{inv['id']}: suspension right dated {right['date']}, overdue {overdue['date']}, N = {n}")
        if fee and rate == 0:
            out.append(f"{inv['id']}: a late fee at a rate of 0")
        mismatch = got.get("billing.invoice_mismatch")
        if fees["method"] == "fixed_monthly":
            contract_fee = Decimal(fees["monthly_fee"]) * (3 if inv["cycle"][5] == "Q" else 1)
            if (mismatch is not None) != (amount != contract_fee):
                out.append(f"{inv['id']}: amount {amount}, fee {contract_fee}, mismatch raised: {mismatch is not None}")
            if mismatch and mismatch["amount"] != f"{to_fen(contract_fee):f}":
                out.append(f"{inv['id']}: mismatch amount {mismatch['amount']}, the cycle's fee is {contract_fee}")
        elif fees["method"] == "lump_sum" and mismatch:
            out.append(f"{inv['id']}: a lump_sum invoice checked for its amount")
    return out


def p_excused(case: Case) -> list[str]:
    """SPEC §4.6: a client.cooperation_failure in the period excuses every sla.first_response and
    sla.resolution breach of the period (excused_by names it); nothing else is ever excused, and nothing is
    excused in a month without one."""
    if not case.ok:
        return []
    failure = bool(case.find("client.cooperation_failure"))
    out = []
    for c in case.cs:
        if c["id"] in ("sla.first_response", "sla.resolution"):
            want = ["client.cooperation_failure"] if failure else []
            if c["excused_by"] != want:
                out.append(f"{c['id']} {c['subject']}: excused_by {c['excused_by']}, expected {want}")
        elif c["excused_by"]:
            out.append(f"{c['id']} {c['subject']} excused by {c['excused_by']}")
    return out


def p_outside_term(case: Case) -> list[str]:
    """SPEC §4.0: a period wholly before the start, or wholly after the end of the term in force at as_of
    (term.expired's subject), raises no service-standard breach (reports excepted)."""
    if not case.ok:
        return []
    sla = [c for c in case.cs if c["id"].startswith("sla.")]
    start = case.contract["term"]["start"]
    expired = [c["subject"] for c in case.find("term.expired")]
    if case.last.isoformat() < start and sla:
        return [f"{[c['id'] for c in sla]} in a period before the start {start}"]
    if expired and case.first.isoformat() > max(expired) and sla:
        return [f"{[c['id'] for c in sla]} in a period after the end {max(expired)}"]
    return []


def p_incidents(case: Case) -> list[str]:
    """SPEC §4.5: per incident dated on or before as_of: at_fault provider → provider_breach and compensation
    (amount = loss, or null), and privacy.remedy_and_notify when personal information; client →
    client_breach; none → nothing."""
    if not case.ok:
        return []
    want: Counter = Counter()
    loss = {}
    for i in case.facts("incidents"):
        if i["date"] > case.as_of.isoformat():
            continue
        if i["at_fault"] == "provider":
            want.update([("confidentiality.provider_breach", i["id"]), ("confidentiality.compensation", i["id"])])
            if i["personal_information"]:
                want[("privacy.remedy_and_notify", i["id"])] += 1
            loss[i["id"]] = None if i.get("loss") is None else f"{to_fen(Decimal(i['loss'])):f}"
        elif i["at_fault"] == "client":
            want[("confidentiality.client_breach", i["id"])] += 1
    got = Counter((c["id"], c["subject"]) for c in case.cs if c["id"].startswith(("confidentiality.", "privacy.")))
    out = [] if got == want else [f"incident consequences {sorted(got.items())}, expected {sorted(want.items())}"]
    for c in case.find("confidentiality.compensation"):
        if c["subject"] in loss and c["amount"] != loss[c["subject"]]:
            out.append(f"compensation {c['subject']}: {c['amount']}, loss {loss[c['subject']]}")
    return out


def p_cooperation(case: Case) -> list[str]:
    """SPEC §4.5, §3 Identity: one client.cooperation_failure per distinct (obligation, date) of the failures
    overlapping the period that began by as_of, dated the later of its start and the period's first day."""
    if not case.ok:
        return []
    first, last, as_of = case.first.isoformat(), case.last.isoformat(), case.as_of.isoformat()
    want = {
        (f["obligation"], max(f["from"], first))
        for f in case.facts("cooperation_failures")
        if f["from"] <= min(last, as_of) and (f["to"] is None or f["to"] >= first)
    }
    got = Counter((c["subject"], c["date"]) for c in case.find("client.cooperation_failure"))
    if got == Counter(want):
        return []
    return [f"cooperation failures {sorted(got.items())}, expected one each of {sorted(want)}"]


def p_waivers(case: Case) -> list[str]:
    """SPEC §2.2: a waiver past `expires` is not applied and raises only waiver.expired (subject its id, dated
    expires + 1); a valid one (`expires` on or after as_of, or null) waives every consequence with its
    (id, subject), the first such waiver in file order giving the reason, or else raises waiver.unused
    (subject its id, no date). waiver.* rows are identified by (id, subject = the waived id, date) (§3, §4.0),
    so unused waivers of one id share one waiver.unused row, and expired waivers of one id and day one
    waiver.expired row: exactly one row each, and (nothing is dropped) its `because` quotes every such
    waiver's reason (the generator gives each waiver its own)."""
    if not case.ok:
        return []
    expired: dict[tuple[str, str], list[str]] = {}
    unused: dict[str, list[str]] = {}
    reason: dict[tuple[str, str | None], str] = {}
    for w in case.facts("waivers"):
        expires = w.get("expires")
        if expires is not None and case.as_of.isoformat() > expires:
            expired.setdefault((w["id"], (day(expires) + timedelta(days=1)).isoformat()), []).append(w["reason"])
            continue
        key = (w["id"], w.get("subject"))
        if any(not c["id"].startswith("waiver.") and (c["id"], c["subject"]) == key for c in case.cs):
            reason.setdefault(key, w["reason"])
        else:
            unused.setdefault(w["id"], []).append(w["reason"])
    out = []
    rows = Counter((c["subject"], c["date"]) for c in case.find("waiver.expired"))
    if rows != Counter(expired.keys()):
        out.append(f"waiver.expired rows {sorted(rows.items())}, expected one each of {sorted(expired)}")
    rows = Counter((c["subject"], c["date"]) for c in case.find("waiver.unused"))
    if rows != Counter((k, None) for k in unused):
        out.append(f"waiver.unused rows {sorted(rows.items())}, expected one each of {sorted(unused)}")
    for cid, groups in (("waiver.expired", expired), ("waiver.unused", unused)):
        for c in case.find(cid):
            key = c["subject"] if cid == "waiver.unused" else (c["subject"], c["date"])
            missing = [r for r in groups.get(key, []) if not any(r in line for line in c["because"])]
            if missing:
                out.append(f"{cid} {c['subject']}: `because` does not name the waivers {missing}")
    for c in case.cs:
        if c["id"].startswith("waiver."):
            continue
        want = reason.get((c["id"], c["subject"]))
        if c["waived_by"] != want:
            out.append(f"{c['id']} {c['subject']}: waived_by {c['waived_by']!r}, expected {want!r}")
    return out


PROPERTIES: dict[str, Callable[[Case], list[str]]] = {
    "no_crash": p_no_crash,
    "identity": p_identity,
    "credit_per_breach": p_credit_per_breach,
    "credit_amounts": p_credit_amounts,
    "credit_cap": p_credit_cap,
    "renewal_notices": p_renewal_notices,
    "downtime_bounded": p_downtime_bounded,
    "shape": p_shape,
    "subjects": p_subjects,
    "payments": p_payments,
    "excused": p_excused,
    "outside_term": p_outside_term,
    "incidents": p_incidents,
    "cooperation": p_cooperation,
    "waivers": p_waivers,
}


# ----------------------------------------------------------------------------------------------- variants
# (6) Paying earlier never raises a late fee. Variants of a month that change one invoice's payments (or
# as_of), each with the relation it must keep to the original month's output.


def late_fee(doc: dict[str, Any], invoice: str) -> Decimal:
    return sum(
        (
            Decimal(c["amount"])
            for c in doc["consequences"]
            if c["id"] == "payment.late_fee" and c["subject"] == invoice
        ),
        Decimal(0),
    )


Relation = Callable[[dict[str, Any], dict[str, Any]], list[str]]


def payment_variants(case: Case) -> list[tuple[str, dict, dict, Relation]]:
    """(label, contract, month, relation(original doc, variant doc) -> violations) for one case."""
    if not case.ok or not case.facts("invoices"):
        return []
    from kefu_check.calendar import DEFAULT, CalendarGap
    from kefu_check.payments import due_date

    r = random.Random(case.seed)
    invoice = r.choice(case.facts("invoices"))
    index = case.facts("invoices").index(invoice)
    inv_id = invoice["id"]
    out: list[tuple[str, dict, dict, Relation]] = []

    def with_payments(payments: list[dict[str, Any]]) -> dict:
        month = json.loads(json.dumps(case.month))
        month["invoices"][index]["payments"] = payments
        return month

    def not_more(label: str) -> Relation:
        def relation(before: dict, after: dict) -> list[str]:
            a, b = late_fee(before, inv_id), late_fee(after, inv_id)
            return [f"{label}: {inv_id}'s late fee {a} → {b}"] if b > a else []

        return relation

    def none_at_all(label: str) -> Relation:
        def relation(before: dict, after: dict) -> list[str]:
            left = [c["id"] for c in after["consequences"] if c["subject"] == inv_id and c["id"].startswith("payment.")]
            return [f"{label}: {inv_id} still raises {left}"] if left else []

        return relation

    payments = invoice.get("payments", [])
    if payments:
        k = r.randint(1, 15)
        moved = [{**p, "date": (day(p["date"]) - timedelta(days=k)).isoformat()} for p in payments]
        out.append((f"every payment {k} days earlier", case.contract, with_payments(moved), not_more("earlier")))
    try:
        cycle_last, due = due_date(invoice["cycle"], case.terms, DEFAULT)
    except CalendarGap:
        due = None
    if due is not None:
        part = Decimal(r.randint(1, max(1, int(Decimal(invoice["amount"]) * 100)))) / 100
        added = [*payments, {"date": due.isoformat(), "amount": f"{part:f}"}]
        out.append((f"{part} more paid on the due day {due}", case.contract, with_payments(added), not_more("added")))
        full = [{"date": due.isoformat(), "amount": invoice["amount"]}]
        out.append((f"paid in full on the due day {due}", case.contract, with_payments(full), none_at_all("on due")))
        early = monthgen.iso(cycle_last - timedelta(days=r.randint(0, 10)))
        out.append(
            (
                f"paid in full on {early}",
                case.contract,
                with_payments([{"date": early, "amount": invoice["amount"]}]),
                none_at_all("early"),
            )
        )
    later = min(case.as_of + timedelta(days=r.randint(1, 30)), monthgen.LAST_DAY)
    if later > case.as_of:
        month = json.loads(json.dumps(case.month))
        month["as_of"] = later.isoformat()

        def monotone(before: dict, after: dict) -> list[str]:
            return [
                f"as_of {case.as_of} → {later}: {i['id']}'s late fee {late_fee(before, i['id'])} → {late_fee(after, i['id'])}"
                for i in case.facts("invoices")
                if late_fee(after, i["id"]) < late_fee(before, i["id"])
            ]

        out.append((f"as_of {later}", case.contract, month, monotone))
    return out


def project(c: dict[str, Any]) -> tuple:
    """What a consequence decides (not how it words it)."""
    keys = ("id", "subject", "date", "amount", "severity", "waived_by", "clause", "kind", "party", "counterparty")
    return (*(c[k] for k in keys), tuple(c["excused_by"]))


def same_decisions(label: str, keep: Callable[[dict], bool] = lambda c: True) -> Relation:
    """The same consequences (as `project` sees them, those `keep` selects) and the same metrics."""

    def relation(before: dict, after: dict) -> list[str]:
        a = Counter(project(c) for c in before["consequences"] if keep(c))
        b = Counter(project(c) for c in after["consequences"] if keep(c))
        out = []
        if a != b:
            out.append(f"{label}: lost {sorted((a - b).elements())[:3]}, gained {sorted((b - a).elements())[:3]}")
        if before["metrics"] != after["metrics"]:
            out.append(f"{label}: metrics {before['metrics']} → {after['metrics']}")
        return out

    return relation


def changed_fields(before: dict, after: dict) -> list[str]:
    """Where two outputs with the same decisions differ: 'payment.late_fee INV-1 because', …"""
    out = [
        f"{a['id']} {a['subject']} {key}"
        for a, b in zip(before["consequences"], after["consequences"], strict=False)
        for key in a
        if a[key] != b.get(key)
    ]
    return out + [key for key in ("metrics", "summary") if before.get(key) != after.get(key)]


def metamorphic_variants(case: Case) -> list[tuple[str, dict, dict, Relation]]:
    """Changes whose effect the SPEC states, each with that effect as the relation (two of them a month, chosen
    by the seed, plus the open-waiver one whenever a waiver has no end date):

    - `expires: null` ≡ `expires: "2199-12-31"` (SPEC §2.2: a waiver without end date);
    - facts dated after as_of (a payment of every invoice, a written objection, a provider notice, a
      provider-fault PI incident, a cooperation failure, a report delivery, an outage, an open suspension)
      change nothing at all, not a byte of the consequences (SPEC §2.2 "have not happened yet");
    - the order of every list of facts, and of the contract's channels, days and causes, changes no decision;
    - `--lang en` decides the same as zh (ids, subjects, dates, amounts, severities, parties, metrics);
    - a new valid waiver for one consequence waives exactly the consequences with its (id, subject) (info,
      waived_by = its reason); an SLA breach so waived loses its credit (§4.6), and a waiver of that credit
      may become unused; nothing else changes (with a cap, the other credits may only grow: a waived credit
      takes nothing from it);
    - no `service_credit_percent`: the credits go, nothing else changes (waiver rows aside);
    - a cooperation failure over the whole period excuses every first_response and resolution breach
      (excused_by, info, no credit), adds its client.cooperation_failure, and changes nothing else.
    """
    if not case.ok:
        return []
    r = random.Random(case.seed * 1_000_003 + 7)
    out: list[tuple[str, dict, dict, Relation]] = []

    def fresh() -> dict:
        return json.loads(json.dumps(case.month))

    if any(w.get("expires", "") is None for w in case.facts("waivers")):
        month = fresh()
        for w in month["waivers"]:
            if w.get("expires", "") is None:
                w["expires"] = "2199-12-31"
        out.append(("open waivers expiring 2199-12-31", case.contract, month, same_decisions("open waivers")))

    def after_as_of() -> tuple[str, dict, dict, Relation]:
        month = fresh()

        def later() -> date:
            return case.as_of + timedelta(days=r.randint(1, 20))

        for inv in month.get("invoices", []):
            inv.setdefault("payments", []).append({"date": later().isoformat(), "amount": inv["amount"]})
        month.setdefault("notices", []).extend(
            [
                {"date": later().isoformat(), "from": "client", "kind": "renewal_objection", "written": True},
                {"date": later().isoformat(), "from": "provider", "kind": "non_renewal", "written": True},
            ]
        )
        month.setdefault("incidents", []).append(
            {
                "id": "SEC-LATER",
                "date": later().isoformat(),
                "kind": "leak",
                "at_fault": "provider",
                "data": ["customer_info"],
                "personal_information": True,
                "loss": "100.00",
            }
        )
        month.setdefault("cooperation_failures", []).append(
            {"obligation": r.choice(monthgen.OBLIGATIONS), "from": later().isoformat(), "to": None}
        )
        every = ((case.contract.get("standards") or {}).get("report") or {}).get("every") or "month"
        month.setdefault("reports", []).append(
            {"period": monthgen.cycle_label(case.first, every), "delivered_on": later().isoformat()}
        )
        moment = later()
        month.setdefault("outages", []).append(
            {
                "id": "OUT-LATER",
                "start": f"{moment}T09:30:00+08:00",
                "end": f"{moment}T23:00:00+08:00",
                "cause": "provider",
            }
        )
        start = later()
        if all(s.get("end") is not None and s["end"] < start.isoformat() for s in month.get("suspensions", [])):
            month.setdefault("suspensions", []).append({"start": start.isoformat(), "end": None, "notice_date": None})

        def identical(before: dict, after: dict) -> list[str]:
            keys = ("consequences", "metrics", "summary")
            if all(before[k] == after[k] for k in keys):
                return []
            return same_decisions("facts after as_of")(before, after) or [
                f"facts after as_of: {where} changed" for where in changed_fields(before, after)[:3]
            ]

        return ("facts after as_of added", case.contract, month, identical)

    def shuffled() -> tuple[str, dict, dict, Relation]:
        month, contract = fresh(), json.loads(json.dumps(case.contract))
        for key in ("invoices", "outages", "reports", "suspensions", "notices", "incidents", "cooperation_failures"):
            if month.get(key):
                r.shuffle(month[key])
        for inv in month.get("invoices", []):
            r.shuffle(inv.get("payments", []))
        if month.get("first_response"):
            month["first_response"] = dict(
                r.sample(list(month["first_response"].items()), len(month["first_response"]))
            )
        std = contract.get("standards") or {}
        if std.get("first_response"):
            std["first_response"] = dict(r.sample(list(std["first_response"].items()), len(std["first_response"])))
        if std.get("service_hours"):
            r.shuffle(std["service_hours"]["days"])
        if (std.get("availability") or {}).get("excluded_causes"):
            r.shuffle(std["availability"]["excluded_causes"])
        return ("every list shuffled", contract, month, same_decisions("shuffled"))

    def english() -> tuple[str, dict, dict, Relation]:
        return ("--lang en", case.contract, case.month, same_decisions("--lang en"))

    def waive_one() -> tuple[str, dict, dict, Relation]:
        target = r.choice([c for c in case.cs if not c["id"].startswith("waiver.") and not c["waived_by"]])
        key = (target["id"], target["subject"])
        reason = "WM: 为性质测试豁免"
        month = fresh()
        waiver = {
            "id": key[0],
            "subject": key[1],
            "reason": reason,
            "approved_by": "测试",
            "expires": r.choice([None, case.as_of.isoformat()]),
        }
        month.setdefault("waivers", []).append(waiver)
        capped = case.remedies.get("service_credit_cap_percent") is not None
        lost_credit = None
        if target["id"] in SLA_BREACHES and not target["excused_by"]:
            lost_credit = (expected_credit_subject(target), target["date"])

        def relation(before: dict, after: dict) -> list[str]:
            out = []
            for c in after["consequences"]:
                if (c["id"], c["subject"]) == key and (c["waived_by"] != reason or c["severity"] != "info"):
                    out.append(f"waiving {key}: {c['id']} {c['subject']} waived_by {c['waived_by']!r}, {c['severity']}")

            def rest(doc: dict) -> Counter:
                return Counter(
                    project(c) if not (capped and c["id"] == "sla.service_credit") else (c["subject"], c["date"])
                    for c in doc["consequences"]
                    if (c["id"], c["subject"]) != key
                    and not (c["id"] == "sla.service_credit" and (c["subject"], c["date"]) == lost_credit)
                    # a waiver of the lost credit now matches nothing
                    and not (lost_credit and (c["id"], c["subject"]) == ("waiver.unused", "sla.service_credit"))
                )

            a, b = rest(before), rest(after)
            if a != b:
                out.append(
                    f"waiving {key}: lost {sorted((a - b).elements())[:3]}, gained {sorted((b - a).elements())[:3]}"
                )
            if lost_credit and any(
                (c["id"], c["subject"], c["date"]) == ("sla.service_credit", *lost_credit)
                for c in after["consequences"]
            ):
                out.append(f"waiving the breach {key}: its credit {lost_credit} is still there")
            if capped:
                amounts = {
                    (c["subject"], c["date"]): Decimal(c["amount"] or 0)
                    for c in before["consequences"]
                    if c["id"] == "sla.service_credit"
                }
                for c in after["consequences"]:
                    k = (c["subject"], c["date"])
                    if c["id"] == "sla.service_credit" and k in amounts and Decimal(c["amount"] or 0) < amounts[k]:
                        out.append(f"waiving {key}: credit {k} fell from {amounts[k]} to {c['amount']}")
            return out

        return (f"a waiver of {key}", case.contract, month, relation)

    def no_credit_percent() -> tuple[str, dict, dict, Relation]:
        contract = json.loads(json.dumps(case.contract))
        contract["remedies"]["service_credit_percent"] = None
        keep_other = same_decisions(
            "no credit percent", lambda c: not c["id"].startswith(("waiver.", "sla.service_credit"))
        )

        def relation(before: dict, after: dict) -> list[str]:
            left = [c["subject"] for c in after["consequences"] if c["id"] == "sla.service_credit"]
            return keep_other(before, after) + ([f"no credit percent, yet credits {left}"] if left else [])

        return ("service_credit_percent null", contract, case.month, relation)

    def excuse_all() -> tuple[str, dict, dict, Relation]:
        obligation = r.choice(monthgen.OBLIGATIONS)
        month = fresh()
        month.setdefault("cooperation_failures", []).append(
            {"obligation": obligation, "from": case.first.isoformat(), "to": case.last.isoformat()}
        )
        excusable = ("sla.first_response", "sla.resolution")
        capped = case.remedies.get("service_credit_cap_percent") is not None

        def relation(before: dict, after: dict) -> list[str]:
            out = []
            for c in after["consequences"]:
                if c["id"] in excusable and (
                    c["excused_by"] != ["client.cooperation_failure"] or c["severity"] != "info"
                ):
                    out.append(f"not excused: {c['id']} {c['subject']} {c['excused_by']} {c['severity']}")
            if not any(
                (c["id"], c["subject"], c["date"]) == ("client.cooperation_failure", obligation, case.first.isoformat())
                for c in after["consequences"]
            ):
                out.append(f"no client.cooperation_failure {obligation} dated {case.first}")
            excused_credits = {
                (expected_credit_subject(c), c["date"]) for c in before["consequences"] if c["id"] in excusable
            }

            def rest(doc: dict) -> Counter:
                return Counter(
                    (c["id"], c["subject"], c["date"])
                    if c["id"] in excusable or (capped and c["id"] == "sla.service_credit")
                    else project(c)
                    for c in doc["consequences"]
                    if not c["id"].startswith(("waiver.", "client.cooperation_failure"))
                    and not (c["id"] == "sla.service_credit" and (c["subject"], c["date"]) in excused_credits)
                )

            a, b = rest(before), rest(after)
            if a != b:
                out.append(f"excusing: lost {sorted((a - b).elements())[:3]}, gained {sorted((b - a).elements())[:3]}")
            gone = [
                c["subject"]
                for c in after["consequences"]
                if c["id"] == "sla.service_credit" and (c["subject"], c["date"]) in excused_credits
            ]
            if gone:
                out.append(f"credits of excused breaches {gone}")
            return out

        return (f"a {obligation} cooperation failure over the period", case.contract, month, relation)

    options: list[Callable[[], tuple[str, dict, dict, Relation]]] = [after_as_of, shuffled, english]
    if any(not c["id"].startswith("waiver.") and not c["waived_by"] for c in case.cs):
        options.append(waive_one)
    if case.find("sla.service_credit"):
        options.append(no_credit_percent)
    if any(c["id"] in ("sla.first_response", "sla.resolution") and not c["excused_by"] for c in case.cs):
        options += [excuse_all, excuse_all]  # rarer than the others: twice the chance
    for make in r.sample(options, min(2, len(options))):
        out.append(make())
    return out


VARIANTS: dict[str, Callable[[Case], list[tuple[str, dict, dict, Relation]]]] = {
    "paying_earlier": payment_variants,
    "metamorphic": metamorphic_variants,
}


def task_of(label: str, contract: dict, month: dict) -> tuple:
    return (contract, month, "en") if label == "--lang en" else (contract, month)


def variant_violations(case: Case, label: str, outcome: dict, relation: Relation) -> list[str]:
    if outcome["code"] not in (0, 1):
        return [f"{label}: exit {outcome['code']}: {(outcome['error'] or '').strip().splitlines()[-1:]}"]
    return relation(case.doc, json.loads(outcome["json"]))


def variants_property(family: str) -> Callable[[Case], list[str]]:
    """One case's variants of a family, run one by one (the corpus tests run them in a batch)."""

    def check(case: Case) -> list[str]:
        out = []
        for label, contract, month, relation in VARIANTS[family](case):
            contract_, month_, *lang = task_of(label, contract, month)
            outcome = monthgen.run_month(contract_, month_, lang=lang[0] if lang else "zh")
            out += variant_violations(case, label, outcome, relation)
        return out

    return check


for _family in VARIANTS:
    PROPERTIES[_family] = variants_property(_family)


# ----------------------------------------------------------------------------------------------- reduction


def reduce_failure(name: str, case: Case, budget: int = 700) -> tuple[dict, dict, list[str]]:
    """The smallest pair (by dropping list items and object keys) on which property `name` still fails."""
    check = PROPERTIES[name]

    def fails(contract: dict, month: dict) -> bool:
        try:
            return bool(check(run_case(case.seed, contract, month)))
        except Exception:
            return False

    contract, month = monthgen.reduce_pair(case.contract, case.month, fails, budget)
    return contract, month, check(run_case(case.seed, contract, month))


def report(name: str, failures: list[tuple[Case, list[str]]], reduce: bool = True) -> str:
    lines = [f"property {name!r} fails on {len(failures)} of {COUNT} months; first seeds:"]
    for case, violations in failures[:SHOWN]:
        lines.append(f"  seed {case.seed}: " + "; ".join(violations[:3]))
    kinds = Counter(re.sub(r"\d{4}-\d{2}(-\d{2}|-Q\d)?|\d+(\.\d+)?", "…", v)[:90] for _, vs in failures for v in vs)
    lines.append("kinds of violation: " + "; ".join(f"{k} ×{n}" for k, n in kinds.most_common(6)))
    if reduce:
        contract, month, violations = reduce_failure(name, failures[0][0])
        lines.append(
            f"reduced seed {failures[0][0].seed} (python tests/test_generated_months.py {name} "
            f"{failures[0][0].seed}): {violations[:3]}"
        )
        lines.append("contract: " + json.dumps(contract, ensure_ascii=False))
        lines.append("month: " + json.dumps(month, ensure_ascii=False))
    return "\n".join(lines)


# ----------------------------------------------------------------------------------------------- the corpus


@pytest.fixture(scope="module")
def corpus() -> list[Case]:
    seeds = range(BASE, BASE + COUNT)
    pairs = [monthgen.generate(s) for s in seeds]
    outcomes = monthgen.run_all(pairs)
    return [Case(s, c, m, o) for s, (c, m), o in zip(seeds, pairs, outcomes, strict=True)]


def holds(name: str, corpus: list[Case], select: Callable[[Case], bool] = lambda c: True) -> None:
    check = PROPERTIES[name]
    failures = [(case, v) for case in corpus if select(case) for v in [check(case)] if v]
    if failures:
        pytest.fail(report(name, failures), pytrace=False)


def test_no_crash(corpus: list[Case]) -> None:
    """(1) No refusal (a generated month is valid input), no crash (exit 3, or a signal in the engine)."""
    holds("no_crash", corpus)


def test_identity(corpus: list[Case]) -> None:
    holds("identity", corpus)


def test_credit_per_breach(corpus: list[Case]) -> None:
    holds("credit_per_breach", corpus)


def test_credit_amounts_without_cap(corpus: list[Case]) -> None:
    holds("credit_amounts", corpus)


def test_credit_cap(corpus: list[Case]) -> None:
    holds("credit_cap", corpus)


def test_renewal_notices(corpus: list[Case]) -> None:
    holds("renewal_notices", corpus)


def test_downtime_bounded(corpus: list[Case]) -> None:
    holds("downtime_bounded", corpus)


def test_shape(corpus: list[Case]) -> None:
    holds("shape", corpus)


def test_subjects(corpus: list[Case]) -> None:
    holds("subjects", corpus)


def test_payments(corpus: list[Case]) -> None:
    holds("payments", corpus)


def test_excused(corpus: list[Case]) -> None:
    holds("excused", corpus)


def test_outside_term(corpus: list[Case]) -> None:
    holds("outside_term", corpus)


def test_incidents(corpus: list[Case]) -> None:
    holds("incidents", corpus)


def test_cooperation(corpus: list[Case]) -> None:
    holds("cooperation", corpus)


def test_waivers(corpus: list[Case]) -> None:
    holds("waivers", corpus)


def variants_hold(family: str, corpus: list[Case]) -> None:
    variants = [(case, v) for case in corpus for v in VARIANTS[family](case)]
    outcomes = monthgen.run_all([task_of(label, contract, month) for _, (label, contract, month, _) in variants])
    failures: dict[int, tuple[Case, list[str]]] = {}
    for (case, (label, _, _, relation)), outcome in zip(variants, outcomes, strict=True):
        violations = variant_violations(case, label, outcome, relation)
        if violations:
            failures.setdefault(case.seed, (case, []))[1].extend(violations)
    if failures:
        pytest.fail(report(family, list(failures.values())), pytrace=False)


def test_paying_earlier_never_raises_a_late_fee(corpus: list[Case]) -> None:
    """(6) Moving an invoice's payments earlier, or adding a payment on its due day, never raises its late fee;
    paying it in full by the due day raises nothing for it; a later as_of never lowers any late fee."""
    variants_hold("paying_earlier", corpus)


def test_metamorphic(corpus: list[Case]) -> None:
    """Changes with a stated effect (see metamorphic_variants) have exactly that effect."""
    variants_hold("metamorphic", corpus)


def kefu_check_command() -> list[str]:
    script = Path(sys.executable).parent / "kefu-check"
    return [str(script)] if script.exists() else [sys.executable, "-c", "from kefu_check.cli import main; main()"]


def test_same_bytes_in_a_fresh_process(corpus: list[Case], tmp_path: Path) -> None:
    """(7) `kefu-check --format json month.json` in a fresh process (another hash seed, time zone and locale)
    prints the same bytes as the in-process check, with the same exit code and stderr diagnostics."""
    candidates = [c for c in corpus if c.ok]
    step = max(1, len(candidates) // SAMPLE)
    failures = []
    for case in candidates[::step][:SAMPLE]:
        folder = tmp_path / f"{case.seed:06d}"
        monthgen.write(folder, case.contract, case.month)
        env = {k: v for k, v in os.environ.items() if not k.startswith("KEFU_CHECK_")}
        env.update(PYTHONHASHSEED=str(case.seed % 4096 + 1), TZ="America/New_York", LC_ALL="C")
        done = subprocess.run(
            [*kefu_check_command(), "--format", "json", "month.json"],
            cwd=folder,
            env=env,
            capture_output=True,
            timeout=120,
        )
        problems = []
        if done.stdout != case.outcome["json"].encode("utf-8"):
            problems.append("stdout differs from the in-process output")
        if done.returncode != case.code:
            problems.append(f"exit {done.returncode}, in-process {case.code}")
        stderr = done.stderr.decode("utf-8", "replace")
        if "Traceback" in stderr or stderr.splitlines() != case.outcome["diagnostics"]:
            problems.append(f"stderr {stderr[-300:]!r}, diagnostics {case.outcome['diagnostics']}")
        if problems:
            failures.append((case, problems))
    if failures:
        pytest.fail(report("same bytes", failures, reduce=False), pytrace=False)


def test_same_bytes_whatever_ran_before(corpus: list[Case]) -> None:
    """SPEC §3 "byte-identical across runs": a month's output does not depend on which months the engine
    checked before it. A sample (every 7th month, at most 300, and up to 100 months with several waivers of
    one id, whose rows gather them) is checked again in a fresh worker, in reverse order, and must print
    the same bytes as in the corpus run."""
    ok = [c for c in corpus if c.ok]
    gathered = [c for c in ok if max(Counter(w["id"] for w in c.facts("waivers")).values(), default=0) >= 2]
    sample = sorted({c.seed: c for c in [*ok[::7][:300], *gathered[:100]]}.values(), key=lambda c: -c.seed)
    again = monthgen.run_all([(c.contract, c.month) for c in sample])
    failures = []
    for case, outcome in zip(sample, again, strict=True):
        if outcome["json"] != case.outcome["json"]:
            changed = changed_fields(case.doc, json.loads(outcome["json"])) if outcome["json"] else []
            failures.append((case, [f"exit {outcome['code']}; changed: {changed[:3]}"]))
    if failures:
        pytest.fail(report("same bytes", failures, reduce=False), pytrace=False)


def test_generator_is_deterministic_and_valid_json() -> None:
    """generate(seed) is a function of the seed: twice the same documents, and plain JSON (no floats)."""
    for seed in (0, 1, 12345, 2**40):
        once, twice = monthgen.generate(seed), monthgen.generate(seed)
        assert json.dumps(once, sort_keys=True) == json.dumps(twice, sort_keys=True)
        assert "e" not in re.sub(r'"[^"]*"', "", json.dumps(once)).replace("true", "").replace("false", "")


def main(argv: list[str]) -> int:
    """python tests/test_generated_months.py PROPERTY SEED: run one property on one seed, reduce a failure."""
    name, seed = argv[0], int(argv[1])
    contract, month = monthgen.generate(seed)
    case = run_case(seed, contract, month)
    violations = PROPERTIES[name](case)
    if not violations:
        print(f"property {name} holds on seed {seed} (exit {case.code})")
        return 0
    print(f"seed {seed}: {violations}")
    contract, month, violations = reduce_failure(name, case)
    print("reduced:", violations)
    print(json.dumps({"contract": contract, "month": month}, ensure_ascii=False, indent=2))
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
