"""What the code already knows about a consequence id: the catalogue entry and the clause text its rules quote."""

from __future__ import annotations

import inspect
import re
from dataclasses import dataclass
from functools import cache

from kefu_check.catalogue import CONSEQUENCES, Kind

from .pages import PAGES, Page

_EMITS = re.compile(r"emit\(\s*c,\s*\"([a-z_]+\.[a-z_]+)\"")


@dataclass(frozen=True)
class Entry:
    """One consequence id's documentation: catalogue facts, quoted clauses, and its page."""

    kind: Kind
    quotes: tuple[tuple[str, str], ...]  # (clause, quoted text) of each rule that raises the id
    page: Page

    @property
    def id(self) -> str:
        return self.kind.id


@cache
def rule_quotes() -> dict[str, tuple[tuple[str, str], ...]]:
    """Consequence id → (clause, quote) of the rules in `rules/` whose action emits it (read from the source)."""
    from kefu_check.rules import ARTICLES

    found: dict[str, list[tuple[str, str]]] = {}
    for article in ARTICLES:
        for rule in article.rules:
            if not rule.quote:  # not a clause of the agreement (waivers)
                continue
            for cid in _EMITS.findall(inspect.getsource(rule.action)):
                quotes = found.setdefault(cid, [])
                if (rule.clause, rule.quote) not in quotes:
                    quotes.append((rule.clause, rule.quote))
    return {cid: tuple(q) for cid, q in found.items()}


def _clause_key(clause: str) -> tuple[tuple[int, ...], str]:
    numbers = tuple(int(n) for n in re.findall(r"\d+", clause))
    return (numbers or (10**6,), clause)


def entries() -> list[Entry]:
    """Every consequence id of the catalogue, by clause then id."""
    quotes = rule_quotes()
    kinds = sorted(CONSEQUENCES.values(), key=lambda k: (_clause_key(k.clause), k.id))
    return [Entry(k, quotes.get(k.id, ()), PAGES[k.id]) for k in kinds]
