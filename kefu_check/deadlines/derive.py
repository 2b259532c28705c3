"""Every date the agreement sets between two days (SPEC §9), from the project's own derivations.

Due days come from ``payments.due_date`` and ``Calendar.add_working_days`` (2.3 reports), the unpaid invoices'
late-fee start and suspension right from ``payments.invoice_state``, the term, objection deadlines and renewals
from ``renewal.term_chain``; nothing here re-derives that arithmetic. A date that needs a year the calendar has
no data for is an entry without a date that names the year to supply (never a guess).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from ..calendar import Calendar, CalendarGap
from ..derive.art2_standards import availability_year_bounds
from ..periods import ONE_DAY, cycle_bounds, report_periods_between, report_periods_owed
from ..terms import Terms

if TYPE_CHECKING:
    from ..models import MonthFacts
    from ..renewal import TermSpan


@dataclass(frozen=True)
class Entry:
    """One date the agreement sets: ``key`` is stable per (contract, entry) and makes the iCalendar UID."""

    key: str
    date: date | None  # None: a year without calendar data (``missing_year``)
    clause: str
    party: str | None  # client | provider | None
    what: str  # the kind of entry (words.py gives its text)
    subject: str  # the cycle, period, invoice or term end it concerns
    params: dict[str, object] = field(default_factory=dict)  # for the text and the arithmetic
    missing_year: int | None = None
    contract: str = ""

    def sort_key(self) -> tuple[object, ...]:
        d = self.date or date(self.missing_year or 9999, 1, 1)
        return (d, self.date is None, self.clause, self.key)


def _cycles(first: date, last: date, cycle: str) -> list[str]:
    every = "quarter" if cycle == "quarter" else "month"
    return report_periods_between(first, last, every) if first <= last else []


def entries(
    terms: Terms,
    cal: Calendar,
    start: date,
    end: date,
    month: MonthFacts | None = None,
    as_of: date | None = None,
) -> list[Entry]:
    """Every entry dated in [start, end] (and the undated ones whose year is missing), in date order."""
    out = list(_all(terms, cal, start, end, month, as_of))
    kept = [e for e in out if (e.date is None or start <= e.date <= end)]
    return sorted({e.key: e for e in kept}.values(), key=Entry.sort_key)


def _all(
    terms: Terms, cal: Calendar, start: date, end: date, month: MonthFacts | None, as_of: date | None
) -> Iterator[Entry]:
    from ..renewal import term_chain

    objections: list[date] = []
    if month is not None:
        objections = [
            n.date
            for n in month.notices
            if n.from_ == "client" and n.kind == "renewal_objection" and n.written
            and (as_of is None or n.date <= as_of)
        ]
    spans = term_chain(terms, objections, max(end, terms.start))
    covered_end = spans[-1].end
    yield from _terms(terms, spans)
    yield from _payments(terms, cal, start, end, covered_end)
    yield from _reports(terms, cal, start, end, covered_end)
    yield from _availability(terms, end, spans[-1].end if _chain_ends(terms, spans[-1]) else None)
    if month is not None and as_of is not None:
        yield from _unpaid(terms, cal, month, as_of)


def _terms(terms: Terms, spans) -> Iterator[Entry]:
    for span in spans:
        clause = "3.1" if span.k == 0 else "3.2"
        yield Entry(f"term.end:{span.end}", span.end, clause, None, "term.end", span.end.isoformat(),
                    {"start": span.start, "end": span.end, "k": span.k})
        if not terms.auto:
            continue
        yield Entry(
            f"renewal.deadline:{span.end}", span.deadline, "3.2", "client", "renewal.deadline", span.end.isoformat(),
            {"end": span.end, "deadline": span.deadline, "by": terms.objection_by, "months": terms.notice_months,
             "days": terms.notice_days},
        )
        if span.objection_on is None:
            assert terms.renew_months is not None
            from ..periods import renewed_end

            new_end = renewed_end(span.end, terms.renew_months)
            yield Entry(f"renewal.renews:{span.end}", span.end + ONE_DAY, "3.2", None, "renewal.renews",
                        span.end.isoformat(), {"end": span.end, "new_end": new_end, "months": terms.renew_months})
        else:
            yield Entry(f"renewal.ends:{span.end}", span.end, "3.2", None, "renewal.ends", span.end.isoformat(),
                        {"end": span.end, "objection": span.objection_on})


def _gap(key: str, clause: str, party: str | None, what: str, subject: str, gap: CalendarGap,
         params: dict[str, object]) -> Entry:
    return Entry(key, None, clause, party, what, subject, params, missing_year=gap.year)


def _payments(terms: Terms, cal: Calendar, start: date, end: date, covered_end: date) -> Iterator[Entry]:
    from ..payments import due_date

    lo = max(terms.start, start - timedelta(days=120))
    for cycle in _cycles(lo, min(end, covered_end), terms.cycle):
        last = cycle_bounds(cycle)[1]
        if last < terms.start:
            continue
        fee = _cycle_fee(terms, cycle)
        params: dict[str, object] = {"cycle": cycle, "after": last, "n": terms.due_working_days, "fee": fee}
        try:
            _, due = due_date(cycle, terms, cal)
        except CalendarGap as gap:
            if last + ONE_DAY <= end:
                yield _gap(f"payment.due:{cycle}", "4.3", "client", "payment.due", cycle, gap, params)
            continue
        yield Entry(f"payment.due:{cycle}", due, "4.3", "client", "payment.due", cycle, {**params, "due": due})


def _cycle_fee(terms: Terms, cycle: str) -> Decimal | None:
    from ..periods import cycle_months

    if terms.method == "fixed_monthly" and terms.monthly_fee is not None:
        return terms.monthly_fee * cycle_months(cycle)
    return None


def _reports(terms: Terms, cal: Calendar, start: date, end: date, covered_end: date) -> Iterator[Entry]:
    if terms.report is None:
        return
    every, n = terms.report
    for period in report_periods_owed(terms.start, covered_end, start, every, n):
        last = cycle_bounds(period)[1]
        if last > end:
            break
        params: dict[str, object] = {"period": period, "after": last, "n": n}
        try:
            due = cal.add_working_days(last, n)
        except CalendarGap as gap:
            if last + ONE_DAY <= end:  # a due day after the window's end is no entry, known or not
                yield _gap(f"report.due:{period}", "2.3", "provider", "report.due", period, gap, params)
            continue
        yield Entry(f"report.due:{period}", due, "2.3", "provider", "report.due", period, {**params, "due": due})


def _chain_ends(terms: Terms, last: TermSpan) -> bool:
    """Whether the agreement ends with the chain's last term (no tacit renewal, or a timely objection), rather than
    the chain stopping where it was asked to cover."""
    return not terms.auto or last.objection_on is not None


def _availability(terms: Terms, end: date, final_end: date | None) -> Iterator[Entry]:
    """Each availability year's last day up to `end`: cut at the agreement's end (`final_end`) when it has one,
    never at the last renewal the window happens to reach (the date would move with --to)."""
    if terms.availability is None or terms.hours is None:
        return
    for k in itertools.count():
        lo, hi = availability_year_bounds(terms, k)
        hi = hi if final_end is None else min(hi, final_end)
        if lo > end or (final_end is not None and lo > final_end):
            return
        yield Entry(f"availability.year_end:{lo}", hi, "2.1(2)", "provider", "availability.year_end", lo.isoformat(),
                    {"first": lo, "last": hi, "percent": str(terms.availability.min_percent)})


def _unpaid(terms: Terms, cal: Calendar, month: MonthFacts, as_of: date) -> Iterator[Entry]:
    from ..payments import due_date, invoice_state

    for invoice in month.invoices:
        params: dict[str, object] = {"invoice": invoice.id, "cycle": invoice.cycle, "n": terms.suspend_after_days}
        try:
            due_date(invoice.cycle, terms, cal)  # a due day in a year without data is unknown, whatever as_of
            state = invoice_state(invoice, terms, cal, as_of)
        except CalendarGap as gap:
            yield _gap(f"payment.late_fee_starts:{invoice.id}", "4.4", "client", "payment.late_fee_starts",
                       invoice.id, gap, params)
            continue
        if state is None or state.outstanding <= 0:
            continue
        params.update({"due": state.due, "outstanding": state.outstanding, "as_of": as_of,
                       "rate": str(terms.late_fee_daily_rate)})
        yield Entry(f"payment.late_fee_starts:{invoice.id}", state.due + ONE_DAY, "4.4", "client",
                    "payment.late_fee_starts", invoice.id, params)
        right = state.due + timedelta(days=terms.suspend_after_days + 1)
        yield Entry(f"payment.suspension_right:{invoice.id}", right, "4.4", "provider", "payment.suspension_right",
                    invoice.id, {**params, "right": right})
