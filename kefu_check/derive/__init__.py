"""Derive: a loaded month and its terms → the elementary facts the rule set matches, with their reasons.

Plain, tested Python does the arithmetic (due days, balances, minutes, term dates); the rules in `rules/`
decide what follows. One module per article, beside the rules file it feeds (`art4_fees.py` here derives
what `rules/art4_fees.py` matches); the fact types are declared in `vocabulary.py`.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from ..calendar import Calendar
from ..errors import InputError
from ..load import Loaded
from ..periods import month_bounds
from ..problems import Problem, problem, quote
from ..renewal import in_force, term_chain
from ..terms import DEFAULT_TZ, Terms
from .art2_standards import credit_facts, day_facts, report_facts, standard_facts
from .art3_term import term_facts
from .art4_fees import invoice_facts
from .art5_obligations import cooperation_facts, incident_facts
from .base import AvailabilityYear, Derivation, key
from .waivers import waiver_facts

if TYPE_CHECKING:
    from ..models import Waiver

__all__ = [
    "AvailabilityYear",
    "Derivation",
    "carry_downtime",
    "derive",
    "key",
    "month_problems",
    "refuse_month_problems",
]


def derive(loaded: Loaded, terms: Terms, cal: Calendar, waivers: Sequence[Waiver] = ()) -> Derivation:
    """All the facts of one contract-month; `waivers` add to those the month file lists (SPEC §2.2)."""
    month = loaded.month
    first, last = month_bounds(month.period)
    as_of = month.as_of or last
    refuse_month_problems(loaded)
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
            "type": "period",
            "first": first.isoformat(),
            "last": judged_last.isoformat(),
            "term_start": terms.start.isoformat(),
            "term_end": coverage_end.isoformat(),
        },
        "period",
        ("term.coverage", {"start": terms.start, "end": coverage_end, "as_of": as_of}),
        *defaults,
    )
    term_facts(d, spans, month, as_of)

    states = invoice_facts(d, loaded, terms, cal, first, as_of)
    day_facts(d, loaded, terms, cal, states, first, judged_last, as_of, coverage_end)
    standard_facts(d, loaded, terms, judged_last, in_term=first <= coverage_end and judged_last >= terms.start)
    report_facts(d, loaded, terms, cal, first, as_of, coverage_end)
    incident_facts(d, loaded, as_of)
    cooperation_facts(d, loaded, first, last, as_of)
    credit_facts(d, terms, month)
    waiver_facts(d, (*month.waivers, *waivers), as_of)
    return d


def carry_downtime(d: Derivation, us: int, raised: frozenset[str] = frozenset()) -> None:
    """Start the availability year's downtime at `us` microseconds: what the earlier months of a
    sequence (SPEC §6) had in the same year; `raised`: the availability ids earlier months already
    raised for that year (each is raised once a year). A month checked alone starts at 0, nothing raised."""
    for fact in d.facts:
        if fact["type"] == "availability":
            fact.update(
                year_microseconds=us,
                year_key=key(us),
                breach_raised="sla.availability" in raised,
                budget_raised="sla.availability_budget" in raised,
            )


def refuse_month_problems(loaded: Loaded) -> None:
    """Exit 2 on the first of `month_problems`, naming the file and the field (and how many more there are)."""
    found = month_problems(loaded)
    if found:
        field, first_problem = found[0]
        raise InputError(loaded.month_label, field, first_problem, more=len(found) - 1)


def month_problems(loaded: Loaded) -> list[tuple[str, Problem]]:
    """Input errors the models cannot see alone (SPEC §3), every one: (field path, problem)."""
    month = loaded.month
    hours = loaded.contract.standards.service_hours if loaded.contract.standards else None
    tz = ZoneInfo(hours.timezone or DEFAULT_TZ) if hours else ZoneInfo(DEFAULT_TZ)  # as terms.hours.tz
    found: list[tuple[str, Problem]] = []
    first, _ = month_bounds(month.period)
    if month.as_of is not None and month.as_of < first:
        found.append(("as_of", problem("as_of_before_period", as_of=month.as_of, period=month.period)))
    seen: dict[str, int] = {}
    for i, invoice in enumerate(month.invoices):
        if invoice.id in seen:
            found.append((f"invoices[{i}].id", problem("duplicate_invoice", id=quote(invoice.id))))
        seen.setdefault(invoice.id, i)
    for i, outage in enumerate(month.outages):
        if _aware(outage.end, tz) < _aware(outage.start, tz):
            found.append((f"outages[{i}].end", problem("end_before_its_start", end=outage.end.isoformat())))
    spans = sorted((s.start, s.end or date.max, i) for i, s in enumerate(month.suspensions))
    for (_, end_a, i), (start_b, _, j) in itertools.pairwise(spans):
        if start_b <= end_a:
            found.append((f"suspensions[{j}]", problem("overlaps", other=f"suspensions[{i}]")))
    return found


def _aware(moment: datetime, tz: ZoneInfo) -> datetime:
    return moment.replace(tzinfo=tz) if moment.tzinfo is None else moment
