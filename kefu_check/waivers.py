"""Waivers (SPEC §2.2): consequences the entitled party has knowingly waived — applied, tallied, never hidden.

A waiver matches on (`id`, `subject`), null matching null, and is valid through its `expires` day (judged at
the month's `as_of`; `expires: null` = no end date). Here: reading waiver files and the lines that show a
waiver; the facts the waiver rules match are derived in `derive/waivers.py`, the rules are `rules/waivers.py`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .load import read_document, validate

if TYPE_CHECKING:
    from .models import Waiver


def load_waivers(path: Path) -> tuple[Waiver, ...]:
    """`--waivers FILE`: JSON or YAML, either a list of waivers or an object with a `waivers` list."""
    label = path.name
    data = read_document(path, label)
    if isinstance(data, list):
        data = {"waivers": data}
    return tuple(validate("WaiverFile", data, label).waivers)


def params(waiver: Waiver) -> dict[str, object]:
    """What the waiver lines show (`waiver.terms`, `waiver.applied`; the `_open` forms for `expires: null`)."""
    return {
        "waived": waiver.id,
        "subject": waiver.subject,
        "reason": waiver.reason,
        "approved_by": waiver.approved_by,
        "expires": waiver.expires,
    }


def applied_line(waiver: Waiver) -> tuple[str, dict[str, object]]:
    """The reason line a waived consequence gets."""
    return ("waiver.applied" if waiver.expires else "waiver.applied_open", params(waiver))
