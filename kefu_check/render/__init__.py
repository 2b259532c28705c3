"""Renderers: thin views of one result model (conftest's pattern) and the exit code, decided in one place.

table (people), json (machines; one document per line for a batch), markdown (pull requests, step
summaries), junit (CI dashboards), github (workflow commands + step summary).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..check import Result
    from ..i18n import Lang

FORMATS = ("table", "json", "markdown", "junit", "github")


def to_json(result: Result) -> str:
    return json.dumps(result.as_json(), ensure_ascii=False, indent=2) + "\n"


def to_json_line(result: Result) -> str:
    return json.dumps(result.as_json(), ensure_ascii=False, separators=(",", ":")) + "\n"


def render(results: list[Result], fmt: str, lang: Lang, fail_on: str = "error") -> str:
    """The results in one format; a single result in JSON is one indented document, a batch one per line."""
    if fmt == "json":
        return to_json(results[0]) if len(results) == 1 else "".join(to_json_line(r) for r in results)
    if fmt == "markdown":
        from .markdown import to_markdown

        return to_markdown(results, lang)
    if fmt == "junit":
        from .junit import to_junit

        return to_junit(results, lang, fail_on)
    if fmt == "github":
        from .github import append_step_summary, to_github
        from .markdown import to_markdown

        append_step_summary(to_markdown(results, lang))
        return to_github(results, lang)
    from .table import to_table

    return "\n".join(to_table(r, lang) for r in results)


def at_or_above(severity: str, fail_on: str) -> bool:
    """Whether a severity makes the run fail under --fail-on (SPEC §3)."""
    return fail_on != "never" and severity in {"error": ("error",), "warning": ("error", "warning")}[fail_on]


def exit_code(results: list[Result] | Any, fail_on: str) -> int:
    """1 when any consequence is at or above --fail-on, else 0 (SPEC §3)."""
    return int(any(at_or_above(c.severity, fail_on) for r in results for c in r.consequences))
