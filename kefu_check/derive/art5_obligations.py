"""第五条 — the facts rules/art5_obligations.py matches: incidents and the client's cooperation failures."""

from __future__ import annotations

from datetime import date

from ..load import Loaded
from ..money import grouped, plain
from .base import Derivation


def incident_facts(d: Derivation, loaded: Loaded, as_of: date) -> None:
    for incident in loaded.month.incidents:
        if incident.date > as_of:
            continue
        d.add(
            {
                "type": "incident",
                "incident": incident.id,
                "date": incident.date.isoformat(),
                "at_fault": incident.at_fault,
                "personal_information": incident.personal_information,
                "loss": plain(incident.loss) if incident.loss is not None else "",
            },
            f"incident:{incident.id}",
            (
                "incident",
                {
                    "id": incident.id,
                    "kind": incident.kind,
                    "date": incident.date,
                    "at_fault": incident.at_fault,
                    "data": ", ".join(incident.data),
                    "pi": incident.personal_information,
                    "records": "" if incident.records is None else incident.records,
                },
            ),
            ("incident.loss", {"loss": grouped(incident.loss)})
            if incident.loss is not None
            else ("incident.no_loss", {}),
        )


def cooperation_facts(d: Derivation, loaded: Loaded, first: date, last: date, as_of: date) -> None:
    # in one order whatever the file's: the excusal names the one failure the engine matches first
    failures = sorted(loaded.month.cooperation_failures, key=lambda f: (f.obligation, f.from_, f.to or date.max))
    for i, failure in enumerate(failures):
        if failure.from_ > as_of or failure.from_ > last or (failure.to is not None and failure.to < first):
            continue
        d.add(
            {"type": "cooperation", "obligation": failure.obligation, "date": max(failure.from_, first).isoformat()},
            f"cooperation:{i}",
            ("cooperation", {"obligation": failure.obligation, "from": failure.from_, "to": failure.to or ""}),
        )
