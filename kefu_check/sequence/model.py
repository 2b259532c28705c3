"""The sequence model of SPEC §6: months of one contract evaluated in period order with carried state.

For month k: its MonthFacts merged with the records carried from months 1..k−1 (`carry.py`), the
monthly pipeline (resolve → derive → engine → collect) with the availability year's downtime so far
carried in, and which of `sla.availability` / `sla.availability_budget` earlier months already raised
for that year: the rules raise each once a year (rules/art2_standards.py), in the month the budget is
first exceeded (or half of it first used).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING

from ..calendar import Calendar
from ..check import Result, collect, finish
from ..derive import carry_downtime, derive, refuse_month_problems
from ..engine import shared
from ..i18n import Lang
from ..load import Loaded
from ..money import exact_arithmetic
from ..terms import Terms, resolve
from .carry import Carried

if TYPE_CHECKING:
    from ..models import Waiver

ONCE_PER_YEAR = ("sla.availability", "sla.availability_budget")  # what earlier months tell the rules


@dataclass(frozen=True)
class Month:
    """One month of the sequence: its own file, the contract's terms, and its result in the sequence."""

    loaded: Loaded
    terms: Terms
    result: Result
    year_first: date | None  # the availability year judged, if any


@dataclass
class Sequence:
    months: list[Month] = field(default_factory=list)
    rights: dict[str, date] = field(default_factory=dict)  # invoice id → the day the right to suspend arose
    # (derived month by month: also when the invoice was paid later, so that no month raised the right)

    @property
    def contract(self) -> str:
        return self.months[0].result.contract

    @property
    def results(self) -> list[Result]:
        return [m.result for m in self.months]


def evaluate(months: list[Loaded], cal: Calendar, lang: Lang, waivers: Iterable[Waiver] = ()) -> Sequence:
    """Evaluate months (one contract, period order: see months.ordered) as a sequence. Each month applies
    the waivers its own file lists; `waivers` (--waivers FILE) apply to the last month, the one checked.
    The arithmetic is exact, as a check's (`money.exact_arithmetic`)."""
    with exact_arithmetic():
        return _evaluate(months, cal, lang, tuple(waivers))


def _evaluate(months: list[Loaded], cal: Calendar, lang: Lang, waivers: tuple[Waiver, ...]) -> Sequence:
    carried = Carried()
    downtime_us: dict[date, int] = {}  # availability year's first day → downtime so far (µs)
    raised: dict[date, set[str]] = {}  # availability year's first day → the ONCE_PER_YEAR ids raised in it
    out = Sequence()
    for loaded in months:
        refuse_month_problems(loaded)  # each file's own (duplicate invoice ids, overlapping suspensions…)
        carried.add(loaded.month)
        merged = replace(loaded, month=carried.merged(loaded.month))
        terms = resolve(merged.contract, merged.blanks, merged.contract_label)
        extra = waivers if loaded is months[-1] else ()
        derivation = derive(merged, terms, cal, extra)
        year = derivation.availability.first if derivation.availability else None
        if year is not None:
            carry_downtime(derivation, downtime_us.get(year, 0), frozenset(raised.get(year, ())))
        final = shared().evaluate(derivation.facts)
        if year is not None:
            so_far = next(f for f in final if f.get("type") == "availability")["year_microseconds"]
            downtime_us[year] = so_far
        result = finish(merged, collect(derivation, final, lang), extra)
        if year is not None:
            raised.setdefault(year, set()).update(c.id for c in result.consequences if c.id in ONCE_PER_YEAR)
        carried.judged(result.as_of)
        out.months.append(Month(loaded, terms, result, year))
        for invoice, arose in derivation.suspension_rights.items():  # the latest record of each invoice decides
            if arose is None:
                out.rights.pop(invoice, None)
            else:
                out.rights[invoice] = arose
    return out
