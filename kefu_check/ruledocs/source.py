"""What the code knows about a consequence id: its declaration beside its rule and the clause text its rules quote."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from kefu_check.catalogue import CONSEQUENCES, Kind
from kefu_check.ruledsl import Page


@dataclass(frozen=True)
class Entry:
    """One consequence id's documentation: its declaration, and the quoted clauses of the rules that raise it."""

    kind: Kind
    quotes: tuple[tuple[str, str], ...]  # (clause, quoted text) of each rule that raises the id

    @property
    def id(self) -> str:
        return self.kind.id

    @property
    def page(self) -> Page:
        return self.kind.page


@cache
def rule_quotes() -> dict[str, tuple[tuple[str, str], ...]]:
    """Consequence id → (clause, quote) of the rules in `rules/` that raise it (the kinds each action names)."""
    from kefu_check.rules import ARTICLES

    found: dict[str, list[tuple[str, str]]] = {}
    for article in ARTICLES:
        for rule in article.rules:
            if not rule.quote:  # not a clause of the agreement (waivers)
                continue
            quote = f"{rule.quote}({rule.basis})" if rule.basis else rule.quote
            for kind in rule.raises:
                quotes = found.setdefault(kind.id, [])
                if (rule.clause, quote) not in quotes:
                    quotes.append((rule.clause, quote))
    return {cid: tuple(q) for cid, q in found.items()}


def _clause_key(clause: str) -> tuple[tuple[int, ...], str]:
    numbers = tuple(int(n) for n in re.findall(r"\d+", clause))
    return (numbers or (10**6,), clause)


def entries() -> list[Entry]:
    """Every consequence id of the catalogue, by clause then id."""
    quotes = rule_quotes()
    kinds = sorted(CONSEQUENCES.values(), key=lambda k: (_clause_key(k.clause), k.id))
    return [Entry(k, quotes.get(k.id, ())) for k in kinds]
