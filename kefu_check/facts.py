"""Derive: a loaded month and its terms → the elementary facts the rule set matches, with their reasons.

Plain, tested Python does the arithmetic (due days, balances, minutes, term dates); the rules in
`rules/` decide what follows. Facts hold only JSON values: ISO dates (which compare correctly as
strings), integers, booleans, and `key()` strings for exact comparisons of decimals.
Every fact carries `ref`, the key of the reasons (`notes`) that explain it.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Context, Decimal, localcontext
from fractions import Fraction
from typing import Any
from zoneinfo import ZoneInfo

from .calendar import Calendar, CalendarGap, day_service_minutes, scheduled_minutes
from .downtime import US_PER_MINUTE, outage_minutes_by_day, to_us
from .errors import InputError
from .load import Loaded
from .models import Waiver
from .money import exact, grouped, plain, shown, to_fen
from .payments import InvoiceState, contract_fee, invoice_state, month_fee, overdue_on
from .periods import (
    ONE_DAY,
    add_months,
    cycle_bounds,
    days,
    month_bounds,
    renewed_end,
    report_periods_between,
)
from .renewal import TermSpan, in_force, term_chain, term_on
from .terms import DEFAULT_TZ, Terms
from .waivers import waiver_facts

Line = tuple[str, dict[str, Any]]


KEY_SCALE = 14  # decimal places kept whole in a key; a last digit says whether anything was cut


def key(value: Decimal | int | Fraction) -> str:
    """A non-negative exact number as a fixed-width string: the engine compares strings in byte order."""
    if isinstance(value, int):
        whole, cut = value * 10**KEY_SCALE, False
    elif isinstance(value, Decimal) and value.is_finite():
        sign, digits, exponent = value.as_tuple()
        coefficient = int("".join(map(str, digits)))
        shift = int(exponent) + KEY_SCALE
        if shift >= 0:
            whole, cut = coefficient * 10**shift, False
        else:
            whole, rest = divmod(coefficient, 10**-shift)
            cut = rest != 0
        if sign and coefficient:
            whole = -1
    else:
        scaled = Fraction(value) * 10**KEY_SCALE
        whole, cut = int(scaled), scaled.denominator != 1
        whole = -1 if scaled < 0 else whole
    if whole < 0:
        raise ValueError(f"key() of a negative number: {value}")
    return f"{whole:045d}" + ("1" if cut else "0")


def minutes_text(minutes: Fraction | Decimal | int) -> str:
    """Minutes for people: '1,234' when whole, else two decimals rounded half up ('0.13' for 0.125)."""
    value = Fraction(minutes)
    if value.denominator == 1:
        return f"{value.numerator:,}"
    with localcontext(Context(prec=60)):
        return grouped(Decimal(value.numerator) / Decimal(value.denominator))


@dataclass
class Availability:
    """The availability year judged this month (SPEC §4.4)."""

    first: date
    last: date
    scheduled: int  # minutes
    budget: Decimal  # minutes, exact
    estimated: tuple[int, ...]


@dataclass
class Derivation:
    terms: Terms
    period: str
    as_of: date
    facts: list[dict[str, Any]] = field(default_factory=list)
    notes: dict[str, list[Line]] = field(default_factory=dict)
    diagnostics: list[str] = field(default_factory=list)
    availability: Availability | None = None
    credit_fee: Decimal | None = None
    waivers: dict[str, Waiver] = field(default_factory=dict)  # ref → the waiver whose reason it shows

    def add(self, fact: dict[str, Any], ref: str, *lines: Line) -> None:
        fact["ref"] = ref
        fact["n"] = len(self.facts)  # facts with equal content would be taken as duplicates
        self.facts.append(fact)
        self.notes.setdefault(ref, []).extend(lines)


def derive(loaded: Loaded, terms: Terms, cal: Calendar, waivers: Sequence[Waiver] = ()) -> Derivation:
    """All the facts of one contract-month; `waivers` add to those the month file lists (SPEC §2.2)."""
    month = loaded.month
    first, last = month_bounds(month.period)
    as_of = month.as_of or last
    if as_of < first:
        raise InputError(loaded.month_label, "as_of", f"{as_of} is before the period {month.period}")
    _check_month(loaded, terms)
    d = Derivation(terms=terms, period=month.period, as_of=as_of)
    judged_last = min(last, as_of)

    objections = [
        n.date
        for n in month.notices
        if n.date <= as_of and n.from_ == "client" and n.kind == "renewal_objection" and n.written
    ]
    spans = term_chain(terms, objections, as_of)
    coverage_end = in_force(spans, as_of).end
    defaults = list(terms.defaults)
    d.add(
        {
            "t": "period",
            "first": first.isoformat(),
            "last": judged_last.isoformat(),
            "term_start": terms.start.isoformat(),
            "term_end": coverage_end.isoformat(),
        },
        "period",
        ("term.coverage", {"start": terms.start, "end": coverage_end, "as_of": as_of}),
        *defaults,
    )
    _terms(d, spans, month, as_of)

    states = _invoices(d, loaded, terms, cal, first, as_of)
    _days(d, loaded, terms, cal, states, first, judged_last, as_of, coverage_end)
    _standards(d, loaded, terms, judged_last, in_term=first <= coverage_end and judged_last >= terms.start)
    _reports(d, loaded, terms, cal, first, as_of, coverage_end)
    _incidents(d, loaded, as_of)
    _cooperation(d, loaded, first, last, as_of)
    _credits(d, terms, month)
    waiver_facts(d, (*month.waivers, *waivers), as_of)
    return d


def carry_downtime(d: Derivation, us: int, raised: frozenset[str] = frozenset()) -> None:
    """Start the availability year's downtime at `us` microseconds: what the earlier months of a
    sequence (SPEC §6) had in the same year; `raised`: the availability ids earlier months already
    raised for that year (each is raised once a year). A month checked alone starts at 0, nothing raised."""
    for fact in d.facts:
        if fact["t"] == "availability":
            fact.update(
                year_us=us,
                year_key=key(us),
                breach_raised="sla.availability" in raised,
                budget_raised="sla.availability_budget" in raised,
            )


def _credits(d: Derivation, terms: Terms, month: Any) -> None:
    """The agreed service credit and its monthly cap (SPEC §4.4), when the contract sets them."""
    if terms.service_credit_percent is None:
        return
    fee = d.credit_fee = month_fee(terms, month)
    d.add(
        {
            "t": "credit_terms",
            "percent": exact(terms.service_credit_percent),
            "fee": exact(fee) if fee is not None else "",
            "fee_text": grouped(fee) if fee is not None else "",
            "method": terms.method,
        },
        "credit_terms",
    )
    if terms.service_credit_cap_percent is not None and fee is not None:
        cap = to_fen(terms.service_credit_cap_percent * fee / 100)
        d.add(
            {
                "t": "credit_cap",
                "cap": plain(cap),
                "fee": exact(fee),
                "percent": exact(terms.service_credit_cap_percent),
                "done": False,
                "pool": [],
            },
            "credit_cap",
        )


def _check_month(loaded: Loaded, terms: Terms) -> None:
    """Input errors the models cannot see alone (SPEC §3)."""
    month, label = loaded.month, loaded.month_label
    seen: dict[str, int] = {}
    for i, invoice in enumerate(month.invoices):
        if invoice.id in seen:
            raise InputError(label, f"invoices[{i}].id", f"duplicate invoice id {invoice.id!r}")
        seen[invoice.id] = i
    for i, outage in enumerate(month.outages):
        if _aware(outage.end, terms) < _aware(outage.start, terms):
            raise InputError(label, f"outages[{i}].end", f"{outage.end.isoformat()} is before its start")
    spans = sorted((s.start, s.end or date.max, i) for i, s in enumerate(month.suspensions))
    for (_, end_a, i), (start_b, _, j) in itertools.pairwise(spans):
        if start_b <= end_a:
            raise InputError(label, f"suspensions[{j}]", f"overlaps suspensions[{i}]")


def _aware(moment: datetime, terms: Terms) -> datetime:
    tz = terms.hours.tz if terms.hours else ZoneInfo(DEFAULT_TZ)
    return moment.replace(tzinfo=tz) if moment.tzinfo is None else moment


def _terms(d: Derivation, spans: list[TermSpan], month: Any, as_of: date) -> None:
    terms = d.terms
    for span in spans:
        ref = f"term:{span.k}"
        lines: list[Line] = [("term.span", {"start": span.start, "end": span.end})]
        if terms.auto:
            lines.append(
                (
                    "term.deadline",
                    {
                        "deadline": span.deadline,
                        "end": span.end,
                        "by": terms.objection_by,
                        "months": terms.notice_months,
                        "days": terms.notice_days,
                    },
                )
            )
        if span.objection_on:
            lines.append(("term.objection", {"date": span.objection_on, "deadline": span.deadline}))
        if span.late_objection_on:
            lines.append(("term.objection_late", {"date": span.late_objection_on, "deadline": span.deadline}))
        next_end = renewed_end(span.end, terms.renew_months) if terms.auto and terms.renew_months else span.end
        d.add(
            {
                "t": "term",
                "k": span.k,
                "start": span.start.isoformat(),
                "end": span.end.isoformat(),
                "end_plus_1": (span.end + ONE_DAY).isoformat(),
                "next_end": next_end.isoformat(),
                "deadline": span.deadline.isoformat(),
                "auto": terms.auto,
                "as_of": as_of.isoformat(),
                "as_of_plus_30": (as_of + timedelta(days=30)).isoformat(),
                "objection_on": span.objection_on.isoformat() if span.objection_on else "",
                "late_objection_on": span.late_objection_on.isoformat() if span.late_objection_on else "",
            },
            ref,
            *lines,
        )
    for i, notice in enumerate(month.notices):
        if notice.date > as_of:
            continue
        span = term_on(spans, notice.date)
        d.add(
            {
                "t": "notice",
                "kind": notice.kind,
                "from_party": notice.from_,
                "written": notice.written,
                "date": notice.date.isoformat(),
                "term_end": span.end.isoformat(),
                "auto": terms.auto,
            },
            f"notice:{i}",
            ("notice", {"date": notice.date, "from": notice.from_, "kind": notice.kind, "written": notice.written}),
        )


def _invoices(
    d: Derivation, loaded: Loaded, terms: Terms, cal: Calendar, first: date, as_of: date
) -> list[InvoiceState]:
    states: list[InvoiceState] = []
    for i, invoice in enumerate(loaded.month.invoices):
        try:
            state = invoice_state(invoice, terms, cal, as_of)
        except CalendarGap as gap:
            raise InputError(loaded.month_label, f"invoices[{i}].cycle", str(gap)) from None
        if state is None:
            continue
        states.append(state)
        ref = f"invoice:{invoice.id}"
        lines: list[Line] = [
            (
                "invoice.due",
                {"due": state.due, "n": terms.due_working_days, "after": state.cycle_last, "cycle": invoice.cycle},
            )
        ]
        for paid_on, amount in state.payments:
            lines.append(("invoice.paid", {"date": paid_on, "amount": grouped(amount)}))
        for run in state.accruals:
            lines.append(
                (
                    "invoice.accrual",
                    {
                        "first": run.first,
                        "last": run.last,
                        "days": run.days,
                        "balance": grouped(run.balance),
                        "rate": exact(terms.late_fee_daily_rate),
                        "fee": shown(run.fee),
                    },
                )
            )
        if len(state.accruals) > 1:
            lines.append(("invoice.fee_total", {"fee": shown(state.fee), "rounded": plain(state.fee)}))
        if state.outstanding > 0 and state.due < as_of:
            lines.append(
                (
                    "invoice.outstanding",
                    {
                        "as_of": as_of,
                        "amount": grouped(invoice.amount),
                        "outstanding": grouped(state.outstanding),
                        "days": state.overdue_days,
                        "n": terms.suspend_after_days,
                    },
                )
            )
        expected = contract_fee(invoice, terms, loaded.month)
        if expected is not None:
            fee_line = {
                "cycle": invoice.cycle,
                "fee": shown(expected),
                "amount": shown(invoice.amount),
                "method": terms.method,
            }
            d.notes[f"fee:{invoice.id}"] = [("invoice.contract_fee", fee_line)]
        d.add(
            {
                "t": "invoice",
                "invoice": invoice.id,
                "due": state.due.isoformat(),
                "due_plus_1": (state.due + ONE_DAY).isoformat(),
                "right_on": (state.due + timedelta(days=terms.suspend_after_days + 1)).isoformat(),
                "as_of": as_of.isoformat(),
                "unpaid": state.outstanding > 0,  # exact: the engine compares numbers as floats
                "outstanding_text": plain(max(state.outstanding, Decimal(0))),
                "overdue_days": state.overdue_days,
                "suspend_after_days": terms.suspend_after_days,
                "fee_days": len(state.accruals) and state.overdue_days,
                "fee": plain(state.fee),
                "charges_late_fee": terms.late_fee_daily_rate > 0,
                "settled_before_period": state.settled_before(first),
                "fee_checked": expected is not None,
                "amount_exact": exact(invoice.amount),
                "contract_fee": plain(expected) if expected is not None else "",
                "contract_fee_exact": exact(expected) if expected is not None else "",
            },
            ref,
            *lines,
        )
    return states


def _days(
    d: Derivation,
    loaded: Loaded,
    terms: Terms,
    cal: Calendar,
    states: list[InvoiceState],
    first: date,
    judged_last: date,
    as_of: date,
    coverage_end: date,
) -> None:
    """Suspension days and outage days of the period, and the availability year's budget."""
    month, hours = loaded.month, terms.hours
    suspended: dict[date, Any] = {}
    for s in month.suspensions:
        if s.start > as_of:
            continue
        notice_date = s.notice_date if s.notice_date and s.notice_date <= as_of else None
        in_period = days(max(s.start, first), min(s.end or as_of, judged_last))
        for day in in_period:
            suspended[day] = s
        if in_period:
            lines: list[Line] = [("suspension.span", {"start": s.start, "end": s.end or "", "as_of": as_of})]
            required = terms.suspension_notice_days or 0
            if notice_date is None:
                lines.append(("suspension.no_notice", {"start": s.start, "as_of": as_of}))
            else:
                lines.append(
                    (
                        "suspension.notice",
                        {
                            "notice": notice_date,
                            "start": s.start,
                            "days": (s.start - notice_date).days,
                            "required": required,
                        },
                    )
                )
            d.add(
                {
                    "t": "suspension",
                    "start": s.start.isoformat(),
                    "notice_date": notice_date.isoformat() if notice_date else "",
                    "notice_days": (s.start - notice_date).days if notice_date else -1,
                    "required_notice_days": terms.suspension_notice_days or 0,
                },
                f"suspension:{s.start}",
                *lines,
            )
    outage_days: dict[date, Fraction] = {}
    outage_ids: dict[date, list[str]] = {}
    if hours is not None:
        excluded = terms.availability.excluded_causes if terms.availability else frozenset()
        counted = [o for o in month.outages if o.cause not in excluded]
        try:
            outage_days = outage_minutes_by_day(counted, hours, cal, first, judged_last)
        except CalendarGap as gap:
            raise InputError(loaded.month_label, "outages", str(gap)) from None
        for o in counted:
            for day in outage_days:
                if o.start.date() <= day <= o.end.date():
                    outage_ids.setdefault(day, []).append(o.id)
        ignored = [o.id for o in month.outages if o.cause in excluded]
        if ignored:
            d.notes.setdefault("availability", []).append(
                ("availability.excluded", {"ids": ", ".join(ignored), "causes": sorted(excluded)})
            )

    year = _availability_year(terms, cal, first, judged_last, coverage_end) if terms.availability and hours else None
    if year is not None:
        d.availability = year
        budget_us = year.budget * US_PER_MINUTE
        d.add(
            {
                "t": "availability",
                "year_first": year.first.isoformat(),
                "month_us": 0,
                "year_us": 0,
                "year_key": key(0),
                "budget_key": key(budget_us),
                "half_budget_key": key(budget_us / 2),
                "date": judged_last.isoformat(),
                "pieces": [],
                "breach_raised": False,
                "budget_raised": False,
            },
            "availability",
            (
                "availability.budget",
                {
                    "first": year.first,
                    "last": year.last,
                    "scheduled": f"{year.scheduled:,}",
                    "percent": exact(terms.availability.min_percent),
                    "budget": minutes_text(year.budget),
                },
            ),
        )
        for estimated in year.estimated:
            d.add(
                {"t": "estimate", "year": str(estimated)},
                f"estimate:{estimated}",
                ("calendar.estimated", {"year": estimated}),
            )

    for day in sorted(set(suspended) | set(outage_days)):
        s = suspended.get(day)
        most_overdue, invoice = overdue_on(states, day)
        try:
            service = day_service_minutes(hours, day, cal) if hours else 0
        except CalendarGap as gap:
            raise InputError(loaded.month_label, "suspensions", str(gap)) from None
        outage = outage_days.get(day, Fraction(0))
        in_year = year is not None and year.first <= day <= year.last
        ref = f"day:{day}"
        lines: list[Line] = []
        if outage:
            lines.append(
                ("day.outage", {"day": day, "minutes": minutes_text(outage), "ids": ", ".join(outage_ids.get(day, []))})
            )
        if s is not None:
            lines.append(
                (
                    "day.suspended" if invoice else "day.suspended_settled",
                    {
                        "day": day,
                        "start": s.start,
                        "invoice": invoice,
                        "overdue": most_overdue,
                        "n": terms.suspend_after_days,
                        "service": minutes_text(service),
                    },
                )
            )
        d.add(
            {
                "t": "day",
                "day": day.isoformat(),
                "suspension": s.start.isoformat() if s else "",
                "most_overdue": most_overdue,
                "suspend_after_days": terms.suspend_after_days,
                "service_us": to_us(service),
                "outage_us": to_us(outage),
                "in_year": in_year,
            },
            ref,
            *lines,
        )


def _availability_year(terms: Terms, cal: Calendar, first: date, last: date, coverage_end: date) -> Availability | None:
    """The availability year containing the period's first day (or the term's start), cut at the term."""
    assert terms.availability is not None and terms.hours is not None
    anchor = max(first, terms.start)
    if anchor > coverage_end or anchor > last:
        return None
    if terms.availability.year == "calendar":
        lo, hi = date(anchor.year, 1, 1), date(anchor.year, 12, 31)
    else:
        k = (anchor.year - terms.start.year) * 12 + anchor.month - terms.start.month
        k = max(0, k // 12 + 1)
        while add_months(terms.start, 12 * k) > anchor:
            k -= 1
        lo = add_months(terms.start, 12 * k)
        hi = add_months(terms.start, 12 * (k + 1)) - ONE_DAY
    lo, hi = max(lo, terms.start), min(hi, coverage_end)
    scheduled, estimated = scheduled_minutes(terms.hours, lo, hi, cal)
    budget = (1 - terms.availability.min_percent / 100) * scheduled
    return Availability(lo, hi, scheduled, budget, estimated)


def _standards(d: Derivation, loaded: Loaded, terms: Terms, judged_last: date, in_term: bool) -> None:
    """Service-standard figures; diagnostics about missing or unexpected figures only while the term runs."""
    month = loaded.month
    on = judged_last.isoformat()
    figures = month.first_response or {}
    for channel in terms.channels:
        got = figures.get(channel.name)
        if got is None:
            if in_term:
                d.diagnostics.append(
                    f"{loaded.month_label}: first_response.{channel.name}: the contract sets a "
                    "standard but the month gives no figures; not judged"
                )
            continue
        required = channel.target_ratio * got.requests
        lines: list[Line] = [
            (
                "sla.first_response",
                {
                    "channel": channel.name,
                    "on_time": f"{got.on_time:,}",
                    "requests": f"{got.requests:,}",
                    "ratio": _ratio(got.on_time, got.requests),
                    "target": exact(channel.target_ratio),
                    "within": channel.within_seconds,
                    "required": exact(required),
                },
            )
        ]
        if channel.ratio_defaulted:
            lines.append(("default.target_ratio", {}))
        d.add(
            {
                "t": "first_response",
                "channel": channel.name,
                "requests": got.requests,
                "on_time_key": key(got.on_time),
                "required_key": key(required),
                "date": on,
            },
            f"first_response:{channel.name}",
            *lines,
        )
    for name in sorted(set(figures) - {c.name for c in terms.channels}) if in_term else ():
        d.diagnostics.append(
            f"{loaded.month_label}: first_response.{name}: the contract sets no standard for "
            "this channel; figures ignored"
        )
    if terms.resolution is not None and month.resolution is not None:
        within, unit, target = terms.resolution
        got = month.resolution
        required = target * got.cases
        d.add(
            {
                "t": "resolution",
                "cases": got.cases,
                "on_time_key": key(got.on_time),
                "required_key": key(required),
                "date": on,
            },
            "resolution",
            (
                "sla.resolution",
                {
                    "on_time": f"{got.on_time:,}",
                    "cases": f"{got.cases:,}",
                    "ratio": _ratio(got.on_time, got.cases),
                    "target": exact(target),
                    "within": within,
                    "unit": unit.replace("_", " "),
                    "unit_zh": {"hours": "小时", "working_days": "个工作日"}[unit],
                    "required": exact(required),
                },
            ),
        )
    if terms.satisfaction_min is not None and month.satisfaction is not None:
        got = month.satisfaction
        respondents = -1 if got.respondents is None else got.respondents
        d.add(
            {
                "t": "satisfaction",
                "respondents": respondents,
                "score_key": key(got.score),
                "min_key": key(terms.satisfaction_min),
                "date": on,
            },
            "satisfaction",
            (
                "sla.satisfaction",
                {
                    "score": exact(got.score),
                    "min": exact(terms.satisfaction_min),
                    "respondents": "" if got.respondents is None else got.respondents,
                },
            ),
        )


def _ratio(on_time: int, total: int) -> str:
    return f"{Decimal(on_time) / Decimal(total):.4f}" if total else "—"


def _reports(
    d: Derivation, loaded: Loaded, terms: Terms, cal: Calendar, first: date, as_of: date, coverage_end: date
) -> None:
    if terms.report is None:
        return
    every, due_days = terms.report
    earliest = max(terms.start, first - timedelta(days=2 * due_days + 40))
    latest = min(coverage_end, as_of)
    delivered: dict[str, date] = {}
    for r in loaded.month.reports:
        if r.delivered_on <= as_of and (r.period not in delivered or r.delivered_on < delivered[r.period]):
            delivered[r.period] = r.delivered_on
    for period in report_periods_between(earliest, latest, every) if earliest <= latest else []:
        last = cycle_bounds(period)[1]
        try:
            due = cal.add_working_days(last, due_days)
        except CalendarGap as gap:
            if as_of < date(gap.year, 1, 1):
                continue
            raise InputError(loaded.month_label, "reports", str(gap)) from None
        if not first <= due <= as_of:
            continue
        got = delivered.get(period)
        d.add(
            {
                "t": "report",
                "period": period,
                "due": due.isoformat(),
                "due_plus_1": (due + ONE_DAY).isoformat(),
                "delivered_on": got.isoformat() if got else "",
            },
            f"report:{period}",
            ("report.due", {"period": period, "due": due, "n": due_days, "after": last}),
            ("report.delivered", {"date": got}) if got else ("report.not_delivered", {"as_of": as_of}),
        )


def _incidents(d: Derivation, loaded: Loaded, as_of: date) -> None:
    for incident in loaded.month.incidents:
        if incident.date > as_of:
            continue
        d.add(
            {
                "t": "incident",
                "incident": incident.id,
                "date": incident.date.isoformat(),
                "at_fault": incident.at_fault,
                "personal_information": incident.personal_information,
                "loss": plain(incident.loss) if incident.loss is not None else "",
            },
            f"incident:{incident.id}",
            (
                "incident",
                {
                    "id": incident.id,
                    "kind": incident.kind,
                    "date": incident.date,
                    "at_fault": incident.at_fault,
                    "data": ", ".join(incident.data),
                    "pi": incident.personal_information,
                    "records": "" if incident.records is None else incident.records,
                },
            ),
            ("incident.loss", {"loss": grouped(incident.loss)})
            if incident.loss is not None
            else ("incident.no_loss", {}),
        )


def _cooperation(d: Derivation, loaded: Loaded, first: date, last: date, as_of: date) -> None:
    for i, failure in enumerate(loaded.month.cooperation_failures):
        if failure.from_ > as_of or failure.from_ > last or (failure.to is not None and failure.to < first):
            continue
        d.add(
            {"t": "cooperation", "obligation": failure.obligation, "date": max(failure.from_, first).isoformat()},
            f"cooperation:{i}",
            ("cooperation", {"obligation": failure.obligation, "from": failure.from_, "to": failure.to or ""}),
        )
