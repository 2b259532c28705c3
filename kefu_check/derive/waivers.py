"""Waivers (SPEC §2.2) — the facts rules/waivers.py matches: one per (id, subject) of the valid waivers
(the first in file order gives the reason), one per expired waiver. Validity (`expires` at `as_of`) is
decided here; what a waiver does is decided by the rules."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from ..ruledsl import wkey
from ..waivers import params
from .base import Derivation

if TYPE_CHECKING:
    from ..models import Waiver

NEVER = "\x00never"  # a waiver of a waiver.* consequence matches nothing (and is reported unused)


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
        "type": "waiver",
        "cid": waiver.id,
        "wkey": "",
        "valid": valid,
        "used": False,
        "expires": waiver.expires.isoformat() if waiver.expires else "",
        "expired_on": expired_on.isoformat() if expired_on else "",
    }
