"""第三条 — the facts rules/art3_term.py matches: the term and each renewal, and the notices."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from ..periods import ONE_DAY, renewed_end
from ..renewal import TermSpan, term_on
from .base import Derivation, Line


def term_facts(d: Derivation, spans: list[TermSpan], month: Any, as_of: date) -> None:
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
                "type": "term",
                "term_index": span.k,
                "start": span.start.isoformat(),
                "end": span.end.isoformat(),
                "day_after_end": (span.end + ONE_DAY).isoformat(),
                "next_end": next_end.isoformat(),
                "deadline": span.deadline.isoformat(),
                "auto": terms.auto,
                "as_of": as_of.isoformat(),
                "as_of_plus_30_days": (as_of + timedelta(days=30)).isoformat(),
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
                "type": "notice",
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
