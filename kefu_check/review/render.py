"""Renderers of a Review: a table for people, JSON for machines, markdown for a lawyer's memo."""

from __future__ import annotations

import json

from .findings import Finding, Review
from .messages import word


def to_json(review: Review) -> str:
    return json.dumps(review.as_json(), ensure_ascii=False, indent=2) + "\n"


def _where(finding: Finding, lang: str) -> str:
    loc = finding.location
    if loc.path is not None:
        return loc.path
    return word(lang, "line", line=loc.line) if loc.line is not None else ""


def _rows(review: Review, lang: str) -> list[list[str]]:
    return [[f.clause, _where(f, lang), f.id, word(lang, f.severity), f.message, f.suggestion] for f in review.findings]


def _title(review: Review, lang: str) -> str:
    return word(lang, "title", contract=review.contract or "", source=review.source)


def to_table(review: Review, lang: str) -> str:
    from tabulate import tabulate

    out = [_title(review, lang), ""]
    if review.findings:
        headers = word(lang, "headers").split("|")
        widths = [None, None, None, None, 48, 48]
        out.append(
            tabulate(
                _rows(review, lang), headers=headers, tablefmt="simple_grid", disable_numparse=True, maxcolwidths=widths
            )
        )
    else:
        out.append(word(lang, "none"))
    out += ["", word(lang, "summary", **review.summary)]
    return "\n".join(out) + "\n"


def to_markdown(review: Review, lang: str) -> str:
    def cell(text: str) -> str:
        return text.replace("|", "\\|").replace("\n", " ")

    out = [f"# {cell(_title(review, lang))}", ""]
    if review.findings:
        headers = word(lang, "headers").split("|")
        out.append("| " + " | ".join(headers) + " |")
        out.append("|" + " --- |" * len(headers))
        out += ["| " + " | ".join(cell(c) for c in row) + " |" for row in _rows(review, lang)]
    else:
        out.append(word(lang, "none"))
    out += ["", word(lang, "summary", **review.summary)]
    return "\n".join(out) + "\n"


def render(review: Review, fmt: str, lang: str) -> str:
    if fmt == "json":
        return to_json(review)
    return to_markdown(review, lang) if fmt == "markdown" else to_table(review, lang)


def exit_code(review: Review, fail_on: str) -> int:
    """1 when a finding is at or above --fail-on (error | warning | never), else 0."""
    levels = {"error": ("error",), "warning": ("error", "warning"), "never": ()}[fail_on]
    return int(any(f.severity in levels for f in review.findings))
