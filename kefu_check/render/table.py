"""The table for people: one consequence a row (tabulate), then the reasons, the metrics and the tally."""

from __future__ import annotations

from ..check import Result
from ..i18n import Lang
from .words import HEADERS, WORDS, cells, heading, metrics_line


def to_table(result: Result, lang: Lang) -> str:
    from tabulate import tabulate

    w = WORDS[lang]
    out = [heading(result, lang), ""]
    if not result.consequences:
        out.append(w["none"])
    else:
        rows = [cells(c, lang) for c in result.consequences]
        out.append(tabulate(rows, headers=HEADERS[lang], tablefmt="simple_grid", disable_numparse=True))
        out.append("")
        out.append(w["why"] + ":")
        for i, c in enumerate(result.consequences, 1):
            out.append(f"{i}. {c.id} {c.subject or ''}".rstrip())
            out.extend(f"   - {b}" for b in c.because)
    metrics = metrics_line(result, lang)
    if metrics:
        out += ["", metrics]
    out += ["", w["summary"].format(**result.summary)]
    return "\n".join(out) + "\n"


def view(results: list[Result], lang: Lang, fail_on: str) -> str:
    """The registry's view (render/__init__.py): each month's table in turn."""
    return "\n".join(to_table(r, lang) for r in results)
