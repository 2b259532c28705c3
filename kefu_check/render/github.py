"""GitHub Actions workflow commands: `::error`/`::warning`/`::notice` per consequence.

The markdown view goes to the job's summary page (`$GITHUB_STEP_SUMMARY`) from the output layer (output.py),
for every command whose format is `github`.
"""

from __future__ import annotations

from ..check import Result
from ..i18n import Lang
from .words import note, title

COMMAND = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def to_github(results: list[Result], lang: Lang) -> str:
    lines = []
    for result in results:
        for c in result.consequences:
            subject = f" [{c.subject}]" if c.subject else ""
            props = [f"title={escape_property(f'{c.id}{subject} {title(c.id, lang)}')}"]
            if result.source:
                props.insert(0, f"file={escape_property(result.source)}")
            body = "\n".join([f"{c.clause} {note(c, lang)}", *c.because])
            lines.append(f"::{COMMAND[c.severity]} {','.join(props)}::{escape_data(body)}")
    return "".join(line + "\n" for line in lines)


def view(results: list[Result], lang: Lang, fail_on: str) -> str:
    """The registry's view (render/__init__.py)."""
    return to_github(results, lang)
