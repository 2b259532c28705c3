"""What the sequence tells (SPEC §6): the timeline, who breached first, suspensions against the right
to suspend, and the money owed each way — plain functions of the evaluated months."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from ..calendar import Calendar
from ..catalogue import CONSEQUENCES
from ..check import Consequence, Result
from ..errors import InputError
from ..i18n import Lang
from ..money import plain
from ..problems import problem
from ..report import Item, exit_code
from .model import Sequence, evaluate
from .months import load_sequence, months_in

CLIENT_PAYMENT_BREACHES = ("payment.overdue", "payment.late_fee")  # 5.1.3 按时足额支付
SUSPENSION_IDS = ("service.lawful_suspension", "service.wrongful_suspension", "service.suspension_without_notice")


@dataclass(frozen=True)
class Entry:
    """A consequence once in the timeline: the first month that raised it, as the last month raised it."""

    period: str
    consequence: Consequence


@dataclass(frozen=True)
class SuspensionStory:
    start: str
    came: str  # before_right | after_right | no_right
    right_on: date | None
    wrongful_on: date | None  # the first wrongful day


def timeline(seq: Sequence) -> list[Entry]:
    """Every consequence of every month once, keyed (id, subject, date), in the §3 order."""
    first: dict[tuple[str, str | None, date | None], str] = {}
    last: dict[tuple[str, str | None, date | None], Consequence] = {}
    for month in seq.months:
        for c in month.result.consequences:
            k = (c.id, c.subject, c.date)
            first.setdefault(k, month.result.period)
            last[k] = c
    entries = [Entry(first[k], c) for k, c in last.items()]
    return sorted(entries, key=lambda e: (e.consequence.sort_key(), e.period))


def counts(c: Consequence) -> bool:
    """Neither excused nor waived: it stands against its party."""
    return not c.excused_by and c.waived_by is None


def first_breach(entries: list[Entry]) -> dict[str, Entry | None]:
    """Per party, the earliest standing breach (kind breach, or the client's late payment)."""
    out: dict[str, Entry | None] = {"provider": None, "client": None}
    for e in entries:
        c = e.consequence
        is_breach = CONSEQUENCES[c.id].kind == "breach" or c.id in CLIENT_PAYMENT_BREACHES
        if is_breach and counts(c) and c.party in out and out[c.party] is None:
            out[c.party] = e
    return out


def suspensions(entries: list[Entry], rights: list[date]) -> list[SuspensionStory]:
    """Each suspension against the right to suspend (the days invoices gave it): did it start before?"""
    rights = sorted(rights)
    starts = sorted({e.consequence.subject for e in entries if e.consequence.id in SUSPENSION_IDS} - {None})
    out = []
    for start in starts:
        assert start is not None
        begun = date.fromisoformat(start)
        wrongful = [
            e.consequence.date
            for e in entries
            if e.consequence.id == "service.wrongful_suspension" and e.consequence.subject == start
        ]
        before = [r for r in rights if r <= begun]
        after = [r for r in rights if r > begun]
        if before:
            story = SuspensionStory(start, "after_right", before[-1], min(wrongful, default=None))
        elif after:
            story = SuspensionStory(start, "before_right", after[0], min(wrongful, default=None))
        else:
            story = SuspensionStory(start, "no_right", None, min(wrongful, default=None))
        out.append(story)
    return out


def totals(entries: list[Entry]) -> dict[str, Any]:
    """Money owed each way: sums of amounts as printed, waived ones left out (each consequence once)."""

    def total(cid: str) -> Decimal:
        return sum(
            (e.consequence.amount for e in entries if _standing_amount(e.consequence, cid)),
            Decimal(0),
        )

    late_fees, credits, compensation = (
        total("payment.late_fee"),
        total("sla.service_credit"),
        total("confidentiality.compensation"),
    )
    unassessed = sum(
        1
        for e in entries
        if e.consequence.id == "confidentiality.compensation"
        and e.consequence.amount is None
        and e.consequence.waived_by is None
    )
    by_provider = credits + compensation
    return {
        "late_fees": plain(late_fees),
        "service_credits": plain(credits),
        "compensation": plain(compensation),
        "compensation_unassessed": unassessed,
        "owed_by_client": plain(late_fees),
        "owed_by_provider": plain(by_provider),
        "net_to_provider": plain(late_fees - by_provider),
    }


def _standing_amount(c: Consequence, cid: str) -> bool:
    return c.id == cid and c.amount is not None and c.waived_by is None


def as_json(seq: Sequence, entries: list[Entry]) -> dict[str, Any]:
    """The JSON document of `kefu-check analyze` (SPEC §6); `entries` = timeline(seq)."""
    return {
        "kefu_check": 1,
        "contract": seq.contract,
        "periods": [m.result.period for m in seq.months],
        "months": [
            {
                "period": m.result.period,
                "as_of": m.result.as_of.isoformat(),
                "consequences": [c.as_json() for c in m.result.consequences],
                "metrics": m.result.metrics,
            }
            for m in seq.months
        ],
        "timeline": [_row(e) for e in entries],
        "first_breach": {party: _breach(e) for party, e in first_breach(entries).items()},
        "suspensions": [
            {"start": s.start, "came": s.came, "right_on": _iso(s.right_on), "first_wrongful_day": _iso(s.wrongful_on)}
            for s in suspensions(entries, list(seq.rights.values()))
        ],
        "totals": totals(entries),
    }


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _row(e: Entry) -> dict[str, Any]:
    c = e.consequence
    return {
        "date": _iso(c.date),
        "period": e.period,
        "id": c.id,
        "subject": c.subject,
        "party": c.party,
        "amount": plain(c.amount) if c.amount is not None else None,
    }


def _breach(e: Entry | None) -> dict[str, Any] | None:
    if e is None:
        return None
    return {"date": _iso(e.consequence.date), "id": e.consequence.id, "subject": e.consequence.subject}


@dataclass(frozen=True)
class Analysis:
    """analyze's report (report.py): the evaluated sequence, its timeline and its JSON document (SPEC §6).

    Its items are every month's consequences, each in its month's file as the user named it (`files`: the
    file name → the path given), so the exit code is each month's, as the monthly check gives it."""

    seq: Sequence
    entries: list[Entry]
    doc: dict[str, Any]
    source: str = ""  # the inputs as the user named them
    files: dict[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, seq: Sequence, source: str = "", files: dict[str, str] | None = None) -> Analysis:
        entries = timeline(seq)
        return cls(seq, entries, as_json(seq, entries), source, dict(files or {}))

    @property
    def results(self) -> list[Result]:
        """The months' results, each with its file as given (annotations, JUnit suites)."""
        return [replace(r, source=self.files.get(r.source, r.source)) for r in self.seq.results]

    @property
    def items(self) -> tuple[Item, ...]:
        return tuple(item for r in self.results for item in r.items)

    def exit_code(self, fail_on: str) -> int:
        """1 when a consequence of any month is at or above --fail-on, else 0."""
        return exit_code(self.items, fail_on)

    def as_json(self) -> dict[str, Any]:
        return self.doc


def analyze(
    inputs: list[Path], calendar_of: Callable[[list[Path]], Calendar], lang: Lang
) -> tuple[Analysis, list[Path], Calendar]:
    """`kefu-check analyze` and `api.analyze`: the month files of `inputs` (files, and folders of them) evaluated in
    sequence → the Analysis, the files read, and the calendar `calendar_of` built for the contracts they name."""
    from ..holidays.files import month_contracts

    paths: list[Path] = []
    for given in inputs:
        paths += months_in(given) if os.path.isdir(given) else [given]
    cal = calendar_of(month_contracts(paths, None))
    months = load_sequence(paths)
    if not months:
        raise InputError(str(inputs[0]) if inputs else "analyze", None, problem("no_month_files"))
    seq = evaluate(months, cal, lang)
    named: dict[str, dict[Path, str]] = {}  # a month's file name → its files as given (annotations name them)
    for p in paths:
        named.setdefault(p.name, {}).setdefault(p.resolve(), str(p))
    files = {name: next(iter(found.values())) for name, found in named.items() if len(found) == 1}
    return Analysis.of(seq, " ".join(str(p) for p in inputs), files), paths, cal
