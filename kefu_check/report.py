"""The one report protocol of check, review and analyze: items, the exit code, a JSON document.

Every command's result model is a `Report`: its `items` (one per consequence or finding: id, clause, severity,
location, message, reasons), `exit_code(fail_on)` decided from them here (SPEC §3), and `as_json()` (its own
document). `check.Result`, `review.findings.Review` and `sequence.story.Analysis` expose it; the renderers
(`render/`) are views of the models, the output layer (`output.py`) writes them. This module imports nothing
of the package: every model may depend on it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

SEVERITIES = ("error", "warning", "info")
FAIL_ON = ("error", "warning", "never")
FAILING = {"error": ("error",), "warning": ("error", "warning"), "never": ()}


@dataclass(frozen=True)
class Location:
    """Where an item points: the input file as the user named it (for annotations), a line or paragraph of a
    text, a JSON path of a document, the record it is about (an invoice, a suspension's first day)."""

    file: str = ""
    line: int | None = None
    path: str | None = None
    subject: str | None = None


@dataclass(frozen=True)
class Item:
    """One consequence (check, analyze) or finding (review), as every format and the exit code see it."""

    id: str
    clause: str
    severity: str  # error | warning | info
    location: Location
    message: str
    reasons: tuple[str, ...] = ()


class Report(Protocol):
    """What check's Result, review's Review and analyze's Analysis have in common."""

    @property
    def source(self) -> str: ...

    @property
    def items(self) -> Sequence[Item]: ...

    def exit_code(self, fail_on: str) -> int: ...

    def as_json(self) -> dict[str, Any]: ...


def at_or_above(severity: str, fail_on: str) -> bool:
    """Whether a severity makes the run fail under --fail-on (error | warning | never; SPEC §3)."""
    return severity in FAILING[fail_on]


def exit_code(items: Iterable[Item], fail_on: str) -> int:
    """1 when any item is at or above --fail-on, else 0 (SPEC §3)."""
    return int(any(at_or_above(item.severity, fail_on) for item in items))


def batch_exit_code(reports: Iterable[Report], fail_on: str) -> int:
    """The worst exit code of several reports (a batch of month files)."""
    return max((r.exit_code(fail_on) for r in reports), default=0)
