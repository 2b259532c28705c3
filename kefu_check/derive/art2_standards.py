"""第二条 — the facts rules/art2_standards.py matches: service days and downtime, the availability year, the
standards' figures, reports due, and the agreed service credit with its cap."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_DOWN, Decimal
from fractions import Fraction
from typing import Any

from ..calendar import Calendar, CalendarGap, day_service_minutes, scheduled_minutes
from ..downtime import US_PER_MINUTE, localise, outage_minutes_by_day, to_us
from ..errors import InputError
from ..load import Loaded, printable
from ..money import exact, exact_grouped, grouped, plain, to_fen
from ..payments import InvoiceState, month_fee, overdue_on
from ..periods import ONE_DAY, add_months, cycle_bounds, days, report_periods_owed
from ..problems import diagnostic, problem, quote
from ..terms import Terms
from .base import AvailabilityYear, Derivation, Line, key, minutes_text


def day_facts(
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
                    "type": "suspension",
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
            # an outage before the term's start or after its end is no downtime under it (nor in the month's figure)
            outage_days = outage_minutes_by_day(
                counted, hours, cal, max(first, terms.start), min(judged_last, coverage_end)
            )
        except CalendarGap as gap:
            raise InputError(loaded.month_label, "outages", problem("calendar_gap", year=gap.year)) from None
        for o in sorted(counted, key=lambda o: o.id):  # named in one order, whatever the file's
            for day in outage_days:
                if o.start.date() <= day <= o.end.date():
                    outage_ids.setdefault(day, []).append(o.id)
        ignored = [o.id for o in month.outages if o.cause in excluded and _overlaps(o, hours, first, judged_last)]
        if ignored:
            d.notes.setdefault("availability", []).append(
                ("availability.excluded", {"ids": ", ".join(sorted(ignored)), "causes": sorted(excluded)})
            )

    year = availability_year(terms, cal, first, judged_last, coverage_end) if terms.availability and hours else None
    if year is not None:
        d.availability = year
        budget_us = year.budget * US_PER_MINUTE
        d.add(
            {
                "type": "availability",
                "year_first": year.first.isoformat(),
                "month_microseconds": 0,
                "year_microseconds": 0,
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
                {"type": "estimate", "year": str(estimated)},
                f"estimate:{estimated}",
                ("calendar.estimated", {"year": estimated}),
            )

    for day in sorted(set(suspended) | set(outage_days)):
        s = suspended.get(day)
        most_overdue, invoice = overdue_on(states, day)
        try:
            service = day_service_minutes(hours, day, cal) if hours else 0
        except CalendarGap as gap:
            raise InputError(loaded.month_label, "suspensions", problem("calendar_gap", year=gap.year)) from None
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
                "type": "day",
                "day": day.isoformat(),
                "suspension": s.start.isoformat() if s else "",
                "most_overdue_days": most_overdue,
                "suspend_after_days": terms.suspend_after_days,
                "service_microseconds": to_us(service),
                "outage_microseconds": to_us(outage),
                "in_year": in_year,
            },
            ref,
            *lines,
        )


def availability_year(
    terms: Terms, cal: Calendar, first: date, last: date, coverage_end: date
) -> AvailabilityYear | None:
    """The availability year containing the period's first day (or the term's start), cut at the term."""
    assert terms.availability is not None and terms.hours is not None
    anchor = max(first, terms.start)
    if anchor > coverage_end or anchor > last:
        return None
    k = anchor.year - terms.start.year + 1
    while availability_year_bounds(terms, k)[0] > anchor:
        k -= 1
    lo, hi = availability_year_bounds(terms, k)
    hi = min(hi, coverage_end)
    scheduled, estimated = scheduled_minutes(terms.hours, lo, hi, cal)
    budget = (1 - terms.availability.min_percent / 100) * scheduled
    return AvailabilityYear(lo, hi, scheduled, budget, estimated)


def availability_year_bounds(terms: Terms, k: int) -> tuple[date, date]:
    """The first and last day of availability year `k` (0: the one the term starts in), cut at the term's start
    only: calendar years, or contract years counted from `term.start`."""
    assert terms.availability is not None
    if terms.availability.year == "calendar":
        lo, hi = date(terms.start.year + k, 1, 1), date(terms.start.year + k, 12, 31)
    else:
        lo, hi = add_months(terms.start, 12 * k), add_months(terms.start, 12 * (k + 1)) - ONE_DAY
    return max(lo, terms.start), hi


def standard_facts(d: Derivation, loaded: Loaded, terms: Terms, judged_last: date, in_term: bool) -> None:
    """Service-standard figures; diagnostics about missing or unexpected figures only while the term runs."""
    month = loaded.month
    on = judged_last.isoformat()
    figures = month.first_response or {}
    for channel in terms.channels:
        got = figures.get(channel.name)
        if got is None:
            if in_term:
                d.diagnostics.append(
                    diagnostic(
                        loaded.month_label, f"first_response.{printable(channel.name)}", "channel_without_figures"
                    )
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
                    "required": exact_grouped(required),
                },
            )
        ]
        if channel.ratio_defaulted:
            lines.append(("default.target_ratio", {}))
        d.add(
            {
                "type": "first_response",
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
        known = ", ".join(printable(c.name) for c in terms.channels) or problem("no_channels")
        d.diagnostics.append(
            diagnostic(
                loaded.month_label,
                f"first_response.{printable(name)}",
                "channel_without_standard",
                channel=quote(name),
                known=known,
            )
        )
    if terms.resolution is not None and month.resolution is not None:
        within, unit, target = terms.resolution
        got = month.resolution
        required = target * got.cases
        d.add(
            {
                "type": "resolution",
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
                    "required": exact_grouped(required),
                },
            ),
        )
    if terms.satisfaction_min is not None and month.satisfaction is not None:
        got = month.satisfaction
        respondents = -1 if got.respondents is None else got.respondents
        d.add(
            {
                "type": "satisfaction",
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


RATIO_PLACES = Decimal("0.0001")


def _ratio(on_time: int, total: int) -> str:
    """on_time / total to 4 decimal places, cut, not rounded, with '…' when digits were cut: 79,995 / 100,000 is
    '0.7999…' (rounded, '0.8000' would read as meeting a 0.8 target it misses)."""
    if not total:
        return "—"
    exact = Decimal(on_time) / Decimal(total)
    shown = exact.quantize(RATIO_PLACES, rounding=ROUND_DOWN)
    return f"{shown}" if shown == exact else f"{shown}…"


def report_facts(
    d: Derivation, loaded: Loaded, terms: Terms, cal: Calendar, first: date, as_of: date, coverage_end: date
) -> None:
    if terms.report is None:
        return
    every, due_days = terms.report
    delivered: dict[str, date] = {}
    for r in loaded.month.reports:
        if r.delivered_on <= as_of and (r.period not in delivered or r.delivered_on < delivered[r.period]):
            delivered[r.period] = r.delivered_on
    for period in report_periods_owed(terms.start, min(coverage_end, as_of), first, every, due_days):
        last = cycle_bounds(period)[1]
        try:
            due = cal.add_working_days(last, due_days)
        except CalendarGap as gap:
            if as_of < date(gap.year, 1, 1):
                continue
            raise InputError(loaded.month_label, "reports", problem("calendar_gap", year=gap.year)) from None
        if not first <= due <= as_of:
            continue
        got = delivered.get(period)
        d.add(
            {
                "type": "report",
                "period": period,
                "due": due.isoformat(),
                "day_after_due": (due + ONE_DAY).isoformat(),
                "delivered_on": got.isoformat() if got else "",
            },
            f"report:{period}",
            ("report.due", {"period": period, "due": due, "n": due_days, "after": last}),
            ("report.delivered", {"date": got}) if got else ("report.not_delivered", {"as_of": as_of}),
        )


def credit_facts(d: Derivation, terms: Terms, month: Any) -> None:
    """The agreed service credit and its monthly cap (SPEC §4.4), when the contract sets them."""
    if terms.service_credit_percent is None:
        return
    fee = d.credit_fee = month_fee(terms, month)
    d.add(
        {
            "type": "credit_terms",
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
                "type": "credit_cap",
                "cap": plain(cap),
                "fee": exact(fee),
                "percent": exact(terms.service_credit_cap_percent),
                "done": False,
                "pool": [],
            },
            "credit_cap",
        )


def _overlaps(outage: Any, hours: Any, first: date, last: date) -> bool:
    """Whether an outage has a moment on the days first..last (local time): one after as_of has not happened."""
    start = localise(outage.start, hours).astimezone(hours.tz).date()
    end = localise(outage.end, hours).astimezone(hours.tz).date()
    return start <= last and end >= first
