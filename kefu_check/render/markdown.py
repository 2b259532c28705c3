"""Markdown for a pull-request comment or a GitHub step summary: a heading, the tally, a table, the reasons."""

from __future__ import annotations

from ..check import Result
from ..i18n import Lang
from .words import HEADERS, WORDS, cells, heading, metrics_line, total


def cell(text: str) -> str:
    """Text safe inside a markdown table cell: pipes and backslashes escaped, on one line."""
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def table(headers: list[str], rows: list[list[str]]) -> list[str]:
    """A GitHub-flavoured markdown table, one line per row (every command's markdown view uses it)."""
    lines = ["| " + " | ".join(cell(h) for h in headers) + " |", "|" + " --- |" * len(headers)]
    return lines + ["| " + " | ".join(cell(c) for c in row) + " |" for row in rows]


def to_markdown(results: list[Result], lang: Lang) -> str:
    w = WORDS[lang]
    out = [f"## {w['title']}", ""]
    if len(results) > 1:
        out += [f"**{w['files'].format(n=len(results), **total(results))}**", ""]
    for result in results:
        out += _section(result, lang)
    return "\n".join(out).rstrip("\n") + "\n"


def view(results: list[Result], lang: Lang, fail_on: str) -> str:
    """The registry's view (render/__init__.py)."""
    return to_markdown(results, lang)


def _section(result: Result, lang: Lang) -> list[str]:
    w = WORDS[lang]
    out = [f"### {cell(heading(result, lang))}", "", f"**{w['summary'].format(**result.summary)}**", ""]
    if not result.consequences:
        out += [w["none"], ""]
    else:
        rows = []
        for c in result.consequences:
            row = cells(c, lang)
            row[2] = f"`{c.id}` {row[2].split(chr(10), 1)[1]}"
            rows.append(row)
        out += table(list(HEADERS[lang]), rows)
        out += ["", "<details>", f"<summary>{w['why']}</summary>", ""]
        for i, c in enumerate(result.consequences, 1):
            out.append(f"{i}. `{c.id}` {cell(c.subject or '')}".rstrip())
            out.extend(f"   - {cell(b)}" for b in c.because)
        out += ["", "</details>", ""]
    metrics = metrics_line(result, lang)
    if metrics:
        out += [metrics, ""]
    return out
