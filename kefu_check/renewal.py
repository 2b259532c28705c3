"""Art. 3 dates: the term, its objection deadline, and the chain of tacit renewals up to `as_of`.

A written client objection counts for the first term whose objection deadline is on or after its
date (SPEC §4.1): late for one term, it is timely for the next.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from .periods import ONE_DAY, add_months, renewed_end
from .terms import Terms

MAX_RENEWALS = 2400


@dataclass(frozen=True)
class TermSpan:
    k: int  # 0 = the original term, then each renewal
    start: date
    end: date
    deadline: date  # the client's objection deadline for this term
    objection_on: date | None  # first timely written client objection, which ends this term
    late_objection_on: date | None  # first written objection after the deadline, on or before the end


def objection_deadline(end: date, terms: Terms) -> date:
    """end − notice_months (same day, clipped to month end), end − notice_days, or end itself ('expiry')."""
    if terms.objection_by == "notice_window":
        if terms.notice_months is not None:
            return add_months(end, -terms.notice_months)
        if terms.notice_days is not None:
            return end - timedelta(days=terms.notice_days)
    return end


def term_chain(terms: Terms, objections: list[date], as_of: date) -> list[TermSpan]:
    """The original term and every tacit renewal that has happened by `as_of` (SPEC §4.1)."""
    objections = sorted(objections)
    spans: list[TermSpan] = []
    start, end, previous_deadline = terms.start, terms.end, None
    while True:
        deadline = objection_deadline(end, terms)
        timely = late = None
        if terms.auto:
            timely = next(
                (d for d in objections if (previous_deadline is None or d > previous_deadline) and d <= deadline), None
            )
            if timely is None:
                late = next((d for d in objections if deadline < d <= end), None)
        spans.append(TermSpan(len(spans), start, end, deadline, timely, late))
        # a late objection is timely for the next term, which is therefore listed even before it begins
        if not terms.auto or timely is not None or (as_of <= end and late is None) or len(spans) > MAX_RENEWALS:
            return spans
        assert terms.renew_months is not None
        start, end, previous_deadline = end + ONE_DAY, renewed_end(end, terms.renew_months), deadline


def in_force(spans: list[TermSpan], as_of: date) -> TermSpan:
    """The term in force at `as_of`: the last that has begun (the first, before the start)."""
    begun = [span for span in spans if span.start <= as_of]
    return begun[-1] if begun else spans[0]


def term_on(spans: list[TermSpan], day: date) -> TermSpan:
    """The term in force on `day` (the first before the start, the last after the end)."""
    for span in spans:
        if day <= span.end:
            return span
    return spans[-1]
