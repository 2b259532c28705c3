"""Waivers (SPEC §2.2): consequences the entitled party has knowingly waived — applied, tallied, never hidden.

A waiver matches on (`id`, `subject`), null matching null, and is valid through its `expires` day (judged at
the month's `as_of`; `expires: null` = no end date). Here: reading waiver files, and the facts the engine's
waiver rules (`rules/waivers.py`) match — one per (id, subject) of the valid waivers (the first in file
order gives the reason), one per expired waiver.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .load import read_document, validate
from .models import Strict, Waiver
from .ruledsl import wkey

if TYPE_CHECKING:
    from .facts import Derivation

NEVER = "\x00never"  # a waiver of a waiver.* consequence matches nothing (and is reported unused)


class WaiverFile(Strict):
    waivers: list[Waiver]


def load_waivers(path: Path) -> tuple[Waiver, ...]:
    """`--waivers FILE`: JSON or YAML, either a list of waivers or an object with a `waivers` list."""
    label = path.name
    data = read_document(path, label)
    if isinstance(data, list):
        data = {"waivers": data}
    return tuple(validate(WaiverFile, data, label).waivers)


def waiver_facts(d: Derivation, waivers: Sequence[Waiver], as_of: date) -> None:
    """The waiver facts of one month; `d.waivers` keeps the waiver whose reason a waived consequence shows."""
    groups: dict[str, str] = {}
    for i, waiver in enumerate(waivers):
        ref = f"waiver:{i}"
        terms = ("waiver.terms" if waiver.expires else "waiver.terms_open", params(waiver))
        if waiver.expires is not None and as_of > waiver.expires:
            d.add(_fact(waiver, ref, valid=False), ref, terms)
            continue
        key = NEVER if waiver.id.startswith("waiver.") else wkey(waiver.id, waiver.subject)
        if key in groups:  # the same (id, subject) again: one fact, the first waiver's reason
            d.notes[groups[key]].append(terms)
            continue
        groups[key] = ref
        d.waivers[ref] = waiver
        d.add({**_fact(waiver, ref, valid=True), "wkey": key}, ref, terms)


def _fact(waiver: Waiver, ref: str, *, valid: bool) -> dict[str, Any]:
    expired_on = waiver.expires + timedelta(days=1) if waiver.expires else None
    return {
        "t": "waiver",
        "cid": waiver.id,
        "wkey": "",
        "valid": valid,
        "used": False,
        "expires": waiver.expires.isoformat() if waiver.expires else "",
        "expired_on": expired_on.isoformat() if expired_on else "",
    }


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
