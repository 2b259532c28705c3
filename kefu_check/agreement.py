"""The agreement the rules encode: `rules/agreement-template.zh.txt` (the template as published, blanks and all),
cut into clauses by the same reader review uses, so each rule's quote can be checked against its clause."""

from __future__ import annotations

from functools import cache
from importlib.resources import files

TEMPLATE = files("kefu_check.rules") / "agreement-template.zh.txt"


@cache
def clauses() -> dict[str, str]:
    """Clause number ('4.4', '2.1(1)', '5.2.4') → its text as the template writes it."""
    from .review.clauses import split_lines

    out: dict[str, str] = {}
    for line in split_lines(TEMPLATE.read_text(encoding="utf-8").splitlines()):
        if line.raw.strip():
            out[line.clause] = out.get(line.clause, "") + line.raw.strip()
    return out


def quotes_clause(quote: str, clause: str) -> bool:
    """Whether `quote` is the clause's own words: each part between `……` appears in it, in order."""
    text, at = clauses().get(clause, ""), 0
    for part in quote.split("……"):
        found = text.find(part, at)
        if found < 0:
            return False
        at = found + len(part)
    return True
