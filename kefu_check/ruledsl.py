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


@dataclass(frozen=True)
class Rule:
    name: str
    clause: str
    quote: str
    conditions: tuple[Any, ...]
    priority: int
    action: Callable[[Any], None]
    article: str


@dataclass
class Article:
    """One article of the agreement: its heading and the rules that encode it."""

    number: str
    heading: str
    rules: list[Rule] = field(default_factory=list)

    def rule(
        self, clause: str, quote: str, *conditions: Any, priority: int = DECIDE
    ) -> Callable[[Callable[[Any], None]], Callable[[Any], None]]:
        """Register the decorated action as a rule of this article."""

        def register(action: Callable[[Any], None]) -> Callable[[Any], None]:
            self.rules.append(Rule(action.__name__, clause, quote, conditions, priority, action, self.number))
            return action

        return register


def emit(
    c: Any,
    cid: str,
    *,
    subject: str | None = None,
    date: str | None = None,
    amount: str | None = None,
    ref: str | None = None,
    params: dict[str, Any] | None = None,
    why: tuple[tuple[str, dict], ...] = (),
    excused_by: tuple[str, ...] = (),
    waived: str = "",
) -> None:
    """Assert a consequence as a fact; the reasons are the matched fact's notes plus `why`.

    `wkey` (id and subject) is what a waiver matches; `waived` names the waiver fact that waived it."""
    c.assert_fact(
        {
            "t": "consequence",
            "cid": cid,
            "subject": subject or "",
            "date": date or "",
            "amount": amount or "",
            "ref": ref if ref is not None else c.m.ref,
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
        "ref": consequence.ref,
        "params": dict(consequence.params.items()) if consequence.params else {},
        "why": why,
        "excused_by": tuple(consequence.excused_by),
        "waived": consequence.waived,
    }
    extra_why = changes.pop("extra_why", ())
    fields.update(changes)
    fields["why"] = (*fields["why"], *extra_why)
    emit(c, consequence.cid, **fields)
