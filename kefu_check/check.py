"""The monthly check end to end: load → derive facts → engine → collect consequences (one result model)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .calendar import Calendar
from .catalogue import CONSEQUENCES
from .derive import Derivation, derive
from .downtime import US_PER_MINUTE, minutes_of
from .engine import RuleError, shared
from .i18n import Lang, line, message
from .load import Loaded, load_month
from .money import exact_arithmetic, plain
from .periods import compress_days
from .redact import Private
from .terms import resolved
from .waivers import applied_line

if TYPE_CHECKING:
    from .models import Waiver

SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True)
class Consequence:
    id: str
    clause: str
    kind: str
    severity: str
    party: str | None
    counterparty: str | None
    subject: str | None
    amount: Decimal | None
    date: date | None
    excused_by: tuple[str, ...]
    waived_by: str | None
    message: str
    because: tuple[str, ...]

    def sort_key(self) -> tuple[Any, ...]:
        return (
            self.date is None,
            self.date or date.min,
            self.clause,
            self.id,
            self.subject is None,
            self.subject or "",
            self.amount is None,
            self.amount or 0,
            self.message,
        )

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "clause": self.clause,
            "kind": self.kind,
            "severity": self.severity,
            "party": self.party,
            "counterparty": self.counterparty,
            "subject": self.subject,
            "amount": plain(self.amount) if self.amount is not None else None,
            "currency": "CNY",
            "date": self.date.isoformat() if self.date else None,
            "excused_by": list(self.excused_by),
            "waived_by": self.waived_by,
            "message": self.message,
            "because": list(self.because),
        }


@dataclass(frozen=True)
class Result:
    contract: str
    period: str
    as_of: date
    consequences: tuple[Consequence, ...]
    metrics: dict[str, Any]
    diagnostics: tuple[str, ...] = field(default=())
    source: str = ""  # the month file as the user named it (for annotations; not part of the JSON)
    private: Private = field(default_factory=Private)  # what logs must not show (redact.py)

    @property
    def summary(self) -> dict[str, int]:
        counts = {s: sum(1 for c in self.consequences if c.severity == s) for s in SEVERITIES}
        counts["waived"] = sum(1 for c in self.consequences if c.waived_by)
        return counts

    def as_json(self) -> dict[str, Any]:
        return {
            "kefu_check": 1,
            "contract": self.contract,
            "period": self.period,
            "as_of": self.as_of.isoformat(),
            "consequences": [c.as_json() for c in self.consequences],
            "metrics": self.metrics,
            "summary": self.summary,
        }

    @property
    def items(self) -> tuple[Any, ...]:
        """The consequences as report items (report.py): in the month file, about their subject."""
        from .report import Item, Location

        where = self.source
        return tuple(
            Item(c.id, c.clause, c.severity, Location(where, subject=c.subject), c.message, c.because)
            for c in self.consequences
        )

    def exit_code(self, fail_on: str) -> int:
        """1 when a consequence is at or above --fail-on (error | warning | never), else 0 (SPEC §3)."""
        from .report import exit_code

        return exit_code(self.items, fail_on)


def check_file(
    month_path: Path, contract_path: Path | None = None, cal: Calendar | None = None, lang: Lang = "zh"
) -> Result:
    """Run the monthly check on a month file."""
    return check_loaded(load_month(month_path, contract_path), cal or Calendar(), lang)


def check_loaded(
    loaded: Loaded, cal: Calendar, lang: Lang = "zh", waivers: Sequence[Waiver] = (), source: str | None = None
) -> Result:
    """One month: derive its facts (its waivers and `waivers` among them), run the rules, collect. `source`: how
    the result names the month file (default: its label). Its arithmetic, the rules' included, is exact
    (`money.exact_arithmetic`)."""
    with exact_arithmetic():
        terms = resolved(loaded.contract, loaded.blanks, loaded.contract_label)
        derivation = derive(loaded, terms, cal, waivers)
        final = shared().evaluate(derivation.facts)
        return finish(loaded, collect(derivation, final, lang), waivers, source)


def finish(loaded: Loaded, result: Result, waivers: Sequence[Waiver], source: str | None = None) -> Result:
    """The source, and what logs must not show (redact.py)."""
    approvers = [w.approved_by for w in (*loaded.month.waivers, *waivers)]
    private = Private.of(loaded.contract, approvers)
    return replace(result, source=source or loaded.month_label, private=private)


def collect(d: Derivation, final: list[dict[str, Any]], lang: Lang) -> Result:
    """The engine's consequence facts → Consequences with their reasons, one per (id, subject, date) (SPEC §3).

    A suspension's lawful (or wrongful) days are the one gathering: one consequence, dated its first day.
    Facts of the same identity otherwise (the same notice listed twice) are one consequence with the
    reasons of both; two with different amounts would be a bug, and are refused rather than dropped."""
    merged: dict[tuple[str, str, str], dict[str, Any]] = {}
    # in date order, then by what they rest on: the engine's own order of facts is not part of the result
    for fact in sorted((f for f in final if f.get("type") == "consequence"), key=lambda f: (f["date"], f["refs"])):
        k = (fact["cid"], fact["subject"], "" if CONSEQUENCES[fact["cid"]].gathered else fact["date"])
        if k not in merged:
            merged[k] = {**fact, "params": dict(fact["params"]), "refs": list(fact["refs"])}
            continue
        into = merged[k]
        if into["amount"] != fact["amount"] or into["excused"] != fact["excused"] or into["waived"] != fact["waived"]:
            raise RuleError(f"two {fact['cid']} consequences for {fact['subject']!r} on {fact['date']!r} differ")
        if "day_list" in fact["params"]:
            into["params"]["day_list"] = [*into["params"]["day_list"], *fact["params"]["day_list"]]
        into["refs"] += [r for r in fact["refs"] if r not in into["refs"]]
    availability = next((f for f in final if f.get("type") == "availability"), None)
    noted: dict[str, list[str]] = {}  # a fact's note lines, made once for every consequence resting on it
    out = [_consequence(f, d, lang, noted) for f in merged.values()]
    return Result(
        d.terms.id,
        d.period,
        d.as_of,
        tuple(sorted(out, key=Consequence.sort_key)),
        _metrics(d, availability),
        tuple(x.render(lang) for x in d.diagnostics),
    )


def _consequence(
    f: dict[str, Any], d: Derivation, lang: Lang, noted: dict[str, list[str]] | None = None
) -> Consequence:
    """One consequence fact → a Consequence: its message, and its reasons (the notes of its refs, then the
    rule's `why`, then the waiver that waived it). `noted`: the note lines of refs already rendered."""
    kind = CONSEQUENCES[f["cid"]]
    params = dict(f["params"])
    if "day_list" in params:
        params["day_list"] = compress_days([date.fromisoformat(x) for x in params["day_list"]])
    because: list[str] = []
    for ref in f["refs"]:
        texts = noted.get(ref) if noted is not None else None
        if texts is None:
            texts = [line(name, p, lang) for name, p in d.notes.get(ref, [])]
            if noted is not None:
                noted[ref] = texts
        for text in texts:
            if text not in because:
                because.append(text)
    because += [line(name, p, lang) for name, p in f["why"]]
    waiver = d.waivers.get(f["waived"]) if f["waived"] else None
    if waiver is not None:
        because.append(line(*applied_line(waiver), lang))
    excused = tuple(f["excused_by"])
    return Consequence(
        id=f["cid"],
        clause=f["clause"],
        kind=kind.kind,
        severity="info" if excused or waiver else kind.severity,
        party=kind.party,
        counterparty=kind.counterparty,
        subject=f["subject"] or None,
        amount=Decimal(f["amount"]) if f["amount"] else None,
        date=date.fromisoformat(f["date"]) if f["date"] else None,
        excused_by=excused,
        waived_by=waiver.reason if waiver else None,
        message=message(kind.message, params, lang),
        because=tuple(because),
    )


def _metrics(d: Derivation, availability: dict[str, Any] | None) -> dict[str, Any]:
    year = d.availability
    if year is None or availability is None:
        return {
            "downtime_month_minutes": None,
            "downtime_year_minutes": None,
            "downtime_budget_minutes": None,
            "availability_year_percent": None,
        }
    so_far = Decimal(availability["year_microseconds"]) / US_PER_MINUTE
    percent = None
    if year.scheduled:
        percent = plain(100 * (1 - so_far / year.scheduled))
    return {
        "downtime_month_minutes": minutes_of(availability["month_microseconds"]),
        "downtime_year_minutes": minutes_of(availability["year_microseconds"]),
        "downtime_budget_minutes": plain(year.budget),
        "availability_year_percent": percent,
    }
