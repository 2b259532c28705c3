"""The registry of output formats, one for every command: each format registered once with what it can render.

table (people), json (machines; one document per line for a batch), markdown (pull requests, step summaries),
junit (CI dashboards), github (workflow commands; the run also appends the markdown view to the step summary),
csv (the monthly check only: one row per consequence, for spreadsheets).
A format names, per command (`check`, `review`, `analyze`), the view that renders that command's report
(`report.py`) as `module:function`, each called as `view(report, lang, fail_on) -> str`: check's report is its
list of Results (a batch), review's a Review, analyze's an Analysis (sequence/story.py). The output layer
(`output.publish`) imports the view when it is used, renders, masks and writes; this module imports none of
review's or analyze's views (they use the format helpers of this package: markdown tables, workflow-command
escapes, the check's JUnit and GitHub views).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..check import Result
    from ..i18n import Lang


@dataclass(frozen=True)
class Format:
    """One output format: what it is for, and the view of each command's report that renders it."""

    name: str
    purpose: str
    views: Mapping[str, str]  # command → "module:function"
    summary: bool = False  # the run also appends the markdown view to $GITHUB_STEP_SUMMARY (output.py)

    def renders(self, command: str) -> bool:
        return command in self.views


REGISTRY: dict[str, Format] = {}


def register(name: str, purpose: str, *, summary: bool = False, **views: str) -> Format:
    if name in REGISTRY:
        raise ValueError(f"format {name!r} is registered twice")
    REGISTRY[name] = fmt = Format(name, purpose, views, summary)
    return fmt


register(
    "table",
    "a table for people",
    check="kefu_check.render.table:view",
    review="kefu_check.review.render:to_table",
    analyze="kefu_check.sequence.text:table_view",
)
register(
    "json",
    "the result model for machines (a batch: one document per line)",
    check="kefu_check.render:json_view",
    review="kefu_check.review.render:json_view",
    analyze="kefu_check.sequence.text:json_view",
)
register(
    "markdown",
    "a pull-request comment, a step summary, a memo",
    check="kefu_check.render.markdown:view",
    review="kefu_check.review.render:to_markdown",
    analyze="kefu_check.sequence.text:markdown_view",
)
register(
    "junit",
    "JUnit XML for CI dashboards",
    check="kefu_check.render.junit:to_junit",
    review="kefu_check.review.render:to_junit",
    analyze="kefu_check.sequence.text:junit_view",
)
register(
    "github",
    "GitHub Actions workflow commands, and the markdown view in the step summary",
    summary=True,
    check="kefu_check.render.github:view",
    review="kefu_check.review.render:to_github",
    analyze="kefu_check.sequence.text:github_view",
)
register(
    "csv",
    "one row per consequence for spreadsheets (UTF-8 with a BOM; SPEC §11)",
    check="kefu_check.render.csv:view",
)


def formats(command: str) -> tuple[str, ...]:
    """The names of the formats that render `command`'s report, in registration order."""
    return tuple(name for name, fmt in REGISTRY.items() if fmt.renders(command))


FORMATS = formats("check")  # the monthly check's (every format)


def to_json(result: Result) -> str:
    return json.dumps(result.as_json(), ensure_ascii=False, indent=2) + "\n"


def to_json_line(result: Result) -> str:
    return json.dumps(result.as_json(), ensure_ascii=False, separators=(",", ":")) + "\n"


def json_view(results: list[Result], lang: Lang, fail_on: str) -> str:
    """A single result is one indented document, a batch one document per line."""
    return to_json(results[0]) if len(results) == 1 else "".join(to_json_line(r) for r in results)


def render(results: list[Result], fmt: str, lang: Lang, fail_on: str = "error") -> str:
    """The monthly check's results in one format, its views being modules of this package (bench, tests; the
    commands write through output.publish, which also writes the step summary)."""
    module, function = REGISTRY[fmt].views["check"].split(":")
    return getattr(import_module(module), function)(results, lang, fail_on)


def exit_code(results: list[Result], fail_on: str) -> int:
    """1 when any consequence is at or above --fail-on, else 0 (SPEC §3; decided by the models, report.py)."""
    from ..report import batch_exit_code

    return batch_exit_code(results, fail_on)
