"""Waivers (SPEC §2.2): consequences the entitled party has knowingly waived — applied, tallied, never hidden.

A waiver matches on (`id`, `subject`), null matching null, and is valid through its `expires` day (judged at
the month's `as_of`). A matching consequence stays in the output with `waived_by` = the reason and severity
`info`. A waiver past `expires` is not applied and raises only `waiver.expired`; a valid waiver that matches
nothing raises `waiver.unused`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

from .catalogue import CONSEQUENCES
from .check import Consequence
from .i18n import Lang, line, message
from .load import read_document, validate
from .models import Strict, Waiver


class WaiverFile(Strict):
    waivers: list[Waiver]


def load_waivers(path: Path) -> tuple[Waiver, ...]:
    """`--waivers FILE`: JSON or YAML, either a list of waivers or an object with a `waivers` list."""
    label = path.name
    data = read_document(path, label)
    if isinstance(data, list):
        data = {"waivers": data}
    return tuple(validate(WaiverFile, data, label).waivers)


def apply_waivers(
    consequences: Sequence[Consequence], waivers: Sequence[Waiver], as_of: date, lang: Lang
) -> list[Consequence]:
    """The consequences with valid waivers applied, plus a `waiver.*` consequence per expired or unused one."""
    out = list(consequences)
    for waiver in waivers:
        terms = _terms(waiver, lang)
        if as_of > waiver.expires:
            out.append(_raise("waiver.expired", waiver, waiver.expires + timedelta(days=1), terms, lang))
            continue
        matched = False
        for i, c in enumerate(out):
            if c.id == waiver.id and c.subject == waiver.subject and not c.id.startswith("waiver."):
                matched = True
                if c.waived_by is None:  # the first waiver in file order gives the reason
                    applied = line("waiver.applied", _params(waiver), lang)
                    out[i] = replace(c, severity="info", waived_by=waiver.reason, because=(*c.because, applied))
        if not matched:
            out.append(_raise("waiver.unused", waiver, None, terms, lang))
    return out


def _params(waiver: Waiver) -> dict[str, object]:
    return {
        "waived": waiver.id,
        "subject": waiver.subject,
        "reason": waiver.reason,
        "approved_by": waiver.approved_by,
        "expires": waiver.expires,
    }


def _terms(waiver: Waiver, lang: Lang) -> str:
    return line("waiver.terms", _params(waiver), lang)


def _raise(cid: str, waiver: Waiver, when: date | None, terms: str, lang: Lang) -> Consequence:
    kind = CONSEQUENCES[cid]
    return Consequence(
        id=cid,
        clause=kind.clause,
        kind=kind.kind,
        severity=kind.severity,
        party=kind.party,
        counterparty=kind.counterparty,
        subject=waiver.id,
        amount=None,
        date=when,
        excused_by=(),
        waived_by=None,
        message=message(cid, _params(waiver), lang),
        because=(terms,),
    )
