"""The small vocabulary the files in `rules/` are written in: a rule cites its clause and quotes it.

Each rule is a durable-rules condition plus an action; `emit` makes a consequence a fact, so that
other rules can match it (excuse it, compensate it). Priorities order the strata of the chain:
lower fires first (durable-rules), and retraction cancels activations still queued.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

# Strata, in firing order.
EXCEPTION = 0  # exceptions to a base rule (Catala's `exception`): retract what they override
GATE = 5  # facts that open other rules (the term is in force this period)
DECIDE = 10  # the base rules: one clause, one decision
FOLD = 20  # adding up (downtime so far): runs after every piece exists
JUDGE = 30  # decisions over the sums
COMPENSATE = 40  # consequences of consequences (service credits), after excusals and waivers
POOL = 45  # gathering what a limit applies to (the month's credits under the cap), in any order
LIMIT = 50  # the limit over the gathered whole (the credit cap, taken in SPEC §3 order)
LAST = 90  # what can only be known once everything else has fired (a waiver that matched nothing)


PROVIDER, CLIENT = "provider", "client"  # 甲方, 乙方
SEVERITY_OF_KIND = {
    "breach": "error",
    "liability": "error",
    "right": "warning",
    "obligation": "warning",
    "warning": "warning",
    "status": "info",
}
Text = tuple[str, str]  # (zh, en)


@dataclass(frozen=True)
class Example:
    """A run of `fixtures/<fixture>/month.json` that raises the id (the rule docs run it live)."""

    fixture: str
    contract: tuple[str, ...] = ()  # contract.json fields that matter (dotted paths)
    month: tuple[str, ...] = ()  # month.json fields that matter
    subject: str | None = None  # show only this subject, when the fixture raises the id more than once


@dataclass(frozen=True)
class Page:
    """A consequence's documentation (ruff's one page per rule): what it means, what raises it, why it
    matters, and a fixture that raises it (or, where none does, a worked example in words)."""

    meaning: Text
    trigger: Text
    why: Text
    example: Example | None = None
    example_text: Text | None = None


@dataclass(frozen=True)
class Kind:
    """One consequence id, declared once beside the rule that raises it (SPEC §4.0): clause, kind,
    parties, title, message template (`{params}` from the rule) and its documentation page."""

    id: str
    clause: str
    kind: str  # breach | liability | right | obligation | warning | status
    party: str | None
    counterparty: str | None
    title: Text
    message: Text
    page: Page
    article: str = ""
    gathered: bool = False  # one consequence per subject, its days listed (a suspension's lawful days, SPEC §3)

    @property
    def severity(self) -> str:
        return SEVERITY_OF_KIND[self.kind]

    @property
    def title_zh(self) -> str:
        return self.title[0]

    @property
    def title_en(self) -> str:
        return self.title[1]


@dataclass(frozen=True)
class Rule:
    name: str
    clause: str
    quote: str  # the agreement's own words (a test checks them against the template, clause by clause)
    conditions: tuple[Any, ...]
    priority: int
    action: Callable[[Any], None]
    article: str
    basis: str = ""  # what else the rule rests on: a law, a contract.json term the template lacks

    @property
    def raises(self) -> tuple[Kind, ...]:
        """The consequences the action emits: the declared kinds it names (exact, from its code object)."""
        names = self.action.__code__.co_names
        scope = self.action.__globals__
        return tuple(scope[n] for n in names if isinstance(scope.get(n), Kind))


@dataclass
class Article:
    """One article of the agreement: its heading, the consequences it declares and the rules that encode it."""

    number: str
    heading: str
    rules: list[Rule] = field(default_factory=list)
    consequences: list[Kind] = field(default_factory=list)

    def consequence(
        self,
        cid: str,
        clause: str,
        kind: str,
        party: str | None,
        counterparty: str | None,
        *,
        title: Text,
        message: Text,
        page: Page,
        gathered: bool = False,
    ) -> Kind:
        """Declare a consequence id of this article (its one place: catalogue, messages and docs index it)."""
        declared = Kind(cid, clause, kind, party, counterparty, title, message, page, self.number, gathered)
        self.consequences.append(declared)
        return declared

    def rule(
        self, clause: str, quote: str, *conditions: Any, priority: int = DECIDE, basis: str = ""
    ) -> Callable[[Callable[[Any], None]], Callable[[Any], None]]:
        """Register the decorated action as a rule of this article."""

        def register(action: Callable[[Any], None]) -> Callable[[Any], None]:
            self.rules.append(Rule(action.__name__, clause, quote, conditions, priority, action, self.number, basis))
            return action

        return register


def emit(
    c: Any,
    kind: Kind | str,
    *,
    subject: str | None = None,
    date: str | None = None,
    amount: str | None = None,
    ref: str | list[str] | None = None,
    params: dict[str, Any] | None = None,
    why: tuple[tuple[str, dict], ...] = (),
    excused_by: tuple[str, ...] = (),
    waived: str = "",
    clause: str | None = None,
) -> None:
    """Assert a consequence (a declared kind; or, with its clause, an id a rule re-asserts) as a fact.

    Its reasons are the notes of `ref` (default: the matched fact's) plus `why`; `clause` overrides the
    declared one (5.1.5 for a contact person). `wkey` (id and subject) is what a waiver matches;
    `waived` names the waiver fact that waived it."""
    cid = kind.id if isinstance(kind, Kind) else kind
    c.assert_fact(
        {
            "type": "consequence",
            "cid": cid,
            "clause": clause if clause is not None else kind.clause,  # type: ignore[union-attr]
            "subject": subject or "",
            "date": date or "",
            "amount": amount or "",
            "refs": [c.m.ref] if ref is None else [ref] if isinstance(ref, str) else list(ref),
            "params": params or {},
            "why": [[k, p] for k, p in why],
            "excused_by": list(excused_by),
            "excused": bool(excused_by),
            "wkey": wkey(cid, subject),
            "waived": waived,
        }
    )


def wkey(cid: str, subject: str | None) -> str:
    """The (id, subject) a waiver matches on, as one string the engine can compare (null matching null)."""
    return f"{cid}\x1f{subject or ''}"


def reemit(c: Any, consequence: Any, **changes: Any) -> None:
    """Retract a consequence and assert it again with `changes` (an exception or a waiver applied to it)."""
    c.retract_fact(consequence)
    why = tuple((k, dict(p.items()) if hasattr(p, "items") else p) for k, p in consequence.why)
    fields: dict[str, Any] = {
        "subject": consequence.subject,
        "date": consequence.date,
        "amount": consequence.amount,
        "ref": list(consequence.refs),
        "params": dict(consequence.params.items()) if consequence.params else {},
        "why": why,
        "excused_by": tuple(consequence.excused_by),
        "waived": consequence.waived,
        "clause": consequence.clause,
    }
    extra_why = changes.pop("extra_why", ())
    fields.update(changes)
    fields["why"] = (*fields["why"], *extra_why)
    emit(c, consequence.cid, **fields)

