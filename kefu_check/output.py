"""Where a report goes: stdout or `--output FILE`, masked on the way (redact.py); inputs are never overwritten.

`publish` is the write path of check, review and analyze: the report rendered in its format (render/), and for a
format with a summary (github) the markdown view appended to `$GITHUB_STEP_SUMMARY`, masked the same way.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import InputError
from .problems import problem
from .redact import Private, redact

if TYPE_CHECKING:
    from .i18n import Lang


def refuse_overwrite(output: Path | None, inputs: Iterable[Path]) -> None:
    """`--output` must not name one of the user's input files."""
    if output is None:
        return
    target = output.resolve()
    for path in inputs:
        if path.resolve() == target:
            raise InputError(str(output), None, problem("output_is_input"))


def write(
    text: str, output: Path | None, private: Iterable[Private], redact_identities: bool, mask: bool = True
) -> None:
    """Mask account numbers (and, with --redact, identities), then print or write the report.

    `mask=False` only for a document the user asked for in full (`extract -o contract.json`)."""
    if mask:
        text = redact(text, private, redact_identities)
    if output is None:
        sys.stdout.write(text)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise InputError(str(output), None, problem("cannot_write_report", reason=exc.strerror)) from None


def append_step_summary(markdown: str) -> None:
    """Append to `$GITHUB_STEP_SUMMARY` when it is set (as in a GitHub Actions step): the job's summary page."""
    path = os.environ.get("GITHUB_STEP_SUMMARY")
    if path:
        with open(path, "a", encoding="utf-8") as summary:
            summary.write(markdown)


def load(command: str, fmt: str) -> Callable[[Any, Lang, str], str]:
    """The view that renders `command`'s report in `fmt` (the registry, render/), imported now."""
    from importlib import import_module

    from .render import REGISTRY

    module, function = REGISTRY[fmt].views[command].split(":")
    return getattr(import_module(module), function)


def publish(
    command: str,
    fmt: str,
    report: Any,
    lang: Lang,
    fail_on: str,
    output: Path | None,
    private: Iterable[Private],
    redact_identities: bool,
) -> None:
    """`report` (what `command` produced) in `fmt`, written by `write`; with github, the step summary first."""
    from .render import REGISTRY

    private = list(private)
    if REGISTRY[fmt].summary:
        markdown = load(command, "markdown")(report, lang, fail_on)
        append_step_summary(redact(markdown, private, redact_identities))
    write(load(command, fmt)(report, lang, fail_on), output, private, redact_identities)
