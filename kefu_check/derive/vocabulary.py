"""The facts the engine sees: every type, every key, with what it means (the rule set's vocabulary).

They are TypedDicts because they are dicts: durable-rules takes JSON objects, so a declared type costs
nothing at run time. Values are JSON: dates as ISO strings (they compare correctly as strings), counts
and microseconds as integers, and exact decimals as `*_key` strings (`base.key`: fixed width, so the
engine's string comparison is the exact numeric one) or `*_exact` strings (compared for equality).
Every derived fact also has `ref` (the key of its reasons in `Derivation.notes`) and `seq` (its position:
two facts with equal content would otherwise be one fact to the engine). `tests/test_vocabulary.py`
checks every derived fact against its type and every key a rule names against this file.
"""

from __future__ import annotations

from typing import Any, Literal, TypedDict


class Fact(TypedDict):
    type: str
    ref: str
    seq: int


# --- Art. 3: the term -------------------------------------------------------------------------------------


class Period(Fact):
    """The month checked, and the term in force at as_of it is judged against (3.1)."""

    first: str  # the period's first day
    last: str  # the earlier of its last day and as_of
    term_start: str
    term_end: str  # the end of the term in force at as_of (renewals included)


class Term(Fact):
    """The original term (term_index 0) or one renewal of it (3.1, 3.2)."""

    term_index: int
    start: str
    end: str
    day_after_end: str
    next_end: str  # the end of the renewal that would follow
    deadline: str  # the client's objection deadline for this term
    auto: bool  # tacit renewal agreed
    as_of: str
    as_of_plus_30_days: str
    objection_on: str  # the timely written objection that ends this term, or ""
    late_objection_on: str  # a written objection after the deadline but by the end, or ""


class Notice(Fact):
    """A notice given on or before as_of (3.2)."""

    kind: str  # renewal_objection | non_renewal | breach_notice | other
    from_party: str  # client | provider
    written: bool
    date: str
    term_end: str  # the end of the term in force on the notice's date
    auto: bool


# --- Art. 4: fees and payment -----------------------------------------------------------------------------


class Invoice(Fact):
    """One invoice at as_of: its due day, balance and exact late fee (4.3, 4.4)."""

    invoice: str  # the invoice id
    due: str
    day_after_due: str
    suspension_right_on: str  # due + N + 1
    as_of: str
    unpaid: bool  # something is outstanding at as_of (decided exactly, not by the engine's floats)
    outstanding: str  # two decimals
    overdue_days: int
    suspend_after_days: int  # N of 逾期超过N日
    late_fee_days: int  # overdue days on which a balance accrued
    late_fee: str  # the accrued fee, rounded once to the fen
    charges_late_fee: bool  # the daily rate is positive
    settled_before_period: bool  # paid in full before the month began (raises nothing, SPEC §6)


class Billing(Fact):
    """An invoice the contract gives a fee for: its amount against that fee (4.2), due yet or not."""

    invoice: str
    amount_exact: str
    contract_fee: str  # two decimals
    contract_fee_exact: str
    settled_before_period: bool


class Suspension(Fact):
    """A suspension with days in the period, and its notice (4.4; Civil Code Arts. 509, 528)."""

    start: str
    notice_date: str  # on or before as_of, or ""
    notice_days: int  # calendar days from the notice to the start; -1 without notice
    required_notice_days: int  # the contract's suspension_notice_days, 0 when it sets none


class Day(Fact):
    """A day of the period with a suspension or an outage (4.4, 5.2.2, 2.1(2))."""

    day: str
    suspension: str  # the start of the suspension that covers it, or ""
    most_overdue_days: int  # the most overdue invoice with a balance that day; -1 when none
    suspend_after_days: int
    service_microseconds: int  # the day's service hours
    outage_microseconds: int  # outage inside service hours, excluded causes left out, overlaps once
    in_year: bool  # the day is in the availability year judged


# --- Art. 2: service standards ----------------------------------------------------------------------------


class Availability(Fact):
    """The availability year judged this month; the downtime fold adds each piece to it (2.1(2))."""

    year_first: str
    month_microseconds: int  # this month's downtime so far in the fold
    year_microseconds: int  # the year's downtime so far (earlier months of a sequence included)
    year_key: str
    budget_key: str  # (1 − min_percent/100) × the year's scheduled minutes, in microseconds
    half_budget_key: str
    date: str  # when a decision about the year is dated
    pieces: list[str]  # refs of the downtime pieces folded in
    breach_raised: bool  # an earlier month of the sequence raised sla.availability for this year
    budget_raised: bool  # … or sla.availability_budget


class Downtime(TypedDict):
    """Asserted by rules: a piece of provider downtime (an outage day, a wrongful suspension day)."""

    type: Literal["downtime"]
    day: str
    microseconds: int
    in_year: bool
    cause: str  # outage | wrongful_suspension
    ref: str


class Estimate(Fact):
    """A year whose days the budget counts by weekday only (no holiday data)."""

    year: str


class FirstResponse(Fact):
    """A channel's first-response figures against its target (2.1(1))."""

    channel: str
    requests: int
    on_time_key: str
    required_key: str  # target_ratio × requests, exact
    date: str


class Resolution(Fact):
    """Cases resolved within the limit against the target (2.1(3))."""

    cases: int
    on_time_key: str
    required_key: str
    date: str


class Satisfaction(Fact):
    """The satisfaction score against the minimum (2.1(4))."""

    respondents: int  # -1 when not given
    score_key: str
    min_key: str
    date: str


class Report(Fact):
    """A report whose due day falls in [the period's first day, as_of] (2.3)."""

    period: str
    due: str
    day_after_due: str
    delivered_on: str  # on or before as_of, or ""


class CreditTerms(Fact):
    """The agreed service credit (remedies.service_credit_percent)."""

    percent: str
    fee: str  # the month's fee, exact, or "" when there is none (lump sum; per usage without usage)
    fee_text: str
    method: str


class CreditCap(Fact):
    """The month's credit cap; the credits it applies to are gathered in `pool`."""

    cap: str  # cap% × the month's fee, rounded once to the fen
    fee: str
    percent: str
    done: bool
    pool: list[dict[str, Any]]


class StandardsApply(TypedDict):
    """Asserted by the 3.1 rule: the period overlaps the term in force, so the standards bind."""

    type: Literal["standards_apply"]
    ref: str


# --- Art. 5: obligations ----------------------------------------------------------------------------------


class Incident(Fact):
    """A leak, tampering or loss of protected data on or before as_of (5.1.6, 5.1.8, 5.2.4)."""

    incident: str
    date: str
    at_fault: str  # provider | client | none (the user's assertion)
    personal_information: bool
    loss: str  # two decimals, or ""


class Cooperation(Fact):
    """A cooperation failure overlapping the period (5.1.4, 5.1.5)."""

    obligation: str  # info | training | system_access | contact
    date: str  # the later of its start and the period's first day


# --- waivers and consequences -----------------------------------------------------------------------------


class WaiverFact(Fact):
    """A valid waiver of one (id, subject), or an expired waiver (SPEC §2.2)."""

    cid: str  # the waived consequence id
    wkey: str  # id and subject as one string ("" for an expired waiver: it matches nothing)
    valid: bool
    used: bool
    expires: str
    expired_on: str


class ConsequenceFact(TypedDict):
    """Asserted by rules (ruledsl.emit): a consequence, which other rules may excuse, waive or compensate."""

    type: Literal["consequence"]
    cid: str
    clause: str
    subject: str
    date: str
    amount: str
    refs: list[str]  # whose notes are its reasons
    params: dict[str, Any]  # what its message names
    why: list[list[Any]]  # (line name, params) of the rule's own reasons
    excused_by: list[str]
    excused: bool
    wkey: str
    waived: str  # the ref of the waiver that waived it, or ""


DERIVED: dict[str, type] = {
    "period": Period,
    "term": Term,
    "notice": Notice,
    "invoice": Invoice,
    "billing": Billing,
    "suspension": Suspension,
    "day": Day,
    "availability": Availability,
    "estimate": Estimate,
    "first_response": FirstResponse,
    "resolution": Resolution,
    "satisfaction": Satisfaction,
    "report": Report,
    "credit_terms": CreditTerms,
    "credit_cap": CreditCap,
    "incident": Incident,
    "cooperation": Cooperation,
    "waiver": WaiverFact,
}
ASSERTED_BY_RULES: dict[str, type] = {
    "downtime": Downtime,
    "standards_apply": StandardsApply,
    "consequence": ConsequenceFact,
}
