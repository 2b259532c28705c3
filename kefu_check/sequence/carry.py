"""The state a month inherits from the months before it (SPEC §6 carry rules), kept incrementally.

Each record is keyed as §6 says and the latest month that lists it wins; adding a month and building
its merged MonthFacts costs the size of the carried state, never a re-reading of the earlier months.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ..periods import month_bounds

if TYPE_CHECKING:
    from ..models import CooperationFailure, Incident, Invoice, MonthFacts, Notice, Outage, ReportDelivery, Suspension


@dataclass
class Carried:
    invoices: dict[str, Invoice] = field(default_factory=dict)
    # the records of one key in the latest month that lists it: all of them (a month checked alone counts
    # each; two notices of one day and kind, one oral and one written, are two facts, not a correction)
    notices: dict[tuple[date, str, str], list[Notice]] = field(default_factory=dict)
    reports: dict[str, list[ReportDelivery]] = field(default_factory=dict)
    cooperation: dict[tuple[str, date], list[CooperationFailure]] = field(default_factory=dict)
    suspensions: dict[date, Suspension] = field(default_factory=dict)
    outages: dict[str, list[Outage]] = field(default_factory=dict)
    incidents: dict[str, Incident] = field(default_factory=dict)
    judged_incidents: set[str] = field(default_factory=set)

    def add(self, month: MonthFacts) -> None:
        """Fold one month file's records in (it is later than every month added before)."""
        self.invoices.update((i.id, i) for i in month.invoices)  # ids are unique in a month (month_problems)
        _latest(self.notices, month.notices, lambda n: (n.date, n.from_, n.kind))
        _latest(self.reports, month.reports, lambda r: r.period)
        _latest(self.cooperation, month.cooperation_failures, lambda f: (f.obligation, f.from_))
        self.suspensions.update((s.start, s) for s in month.suspensions)  # a month's suspensions never overlap
        _latest(self.outages, month.outages, lambda o: o.id)
        self.incidents.update((i.id, i) for i in month.incidents if i.id not in self.judged_incidents)

    def merged(self, month: MonthFacts) -> MonthFacts:
        """The month as it is judged in the sequence: its own figures, the carried records, no history.

        Invoices paid in full before the month began are left out: they raise nothing in it (§6) and keep
        no suspension lawful, so carrying them would only make each month cost more than the last."""
        first = month_bounds(month.period)[0]
        update: dict[str, Any] = {
            "invoices": [i for i in self.invoices.values() if not _settled_before(i, first)],
            "notices": _flat(self.notices),
            "reports": _flat(self.reports),
            "cooperation_failures": _flat(self.cooperation),
            "suspensions": [self.suspensions[k] for k in sorted(self.suspensions)],
            "outages": [o for records in self.outages.values() for o in records],
            "incidents": list(self.incidents.values()),
            "history": [],
            "waivers": month.waivers,  # not carried: each month's own (docs/sequences.md)
        }
        return month.model_copy(update=update)

    def judged(self, as_of: date) -> None:
        """Incidents dated on or before `as_of` have been judged: no later month judges them again."""
        done = [k for k, i in self.incidents.items() if i.date <= as_of]
        for k in done:
            del self.incidents[k]
        self.judged_incidents.update(done)


def _settled_before(invoice: Invoice, day: date) -> bool:
    """Paid in full by payments dated before `day` (balance(day) ≤ 0, SPEC §4.2)."""
    return sum((p.amount for p in invoice.payments if p.date < day), Decimal(0)) >= invoice.amount


def _latest(store: dict[Any, list[Any]], records: list[Any], key: Callable[[Any], Any]) -> None:
    """The month's records replace, key by key, what earlier months listed under the same key."""
    listed: dict[Any, list[Any]] = {}
    for record in records:
        listed.setdefault(key(record), []).append(record)
    store.update(listed)


def _flat(store: dict[Any, list[Any]]) -> list[Any]:
    return [record for k in sorted(store) for record in store[k]]
