"""`--merge PART.json`: the sections of a month that exports do not give, copied into the written month.json.

A part file is a JSON (or YAML) object whose keys are among `MERGEABLE`; each section is validated as the
month.json model would validate it (errors name the part file and the field) and written as validated
(exact decimals as strings, dates as ISO). A key that is not mergeable (`period`, `invoices`, a typo) and a
section given by two part files are input errors (exit 2): nothing is merged by guess or overwritten.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import InputError
from ..load import read_document, validate
from ..models import MonthFacts
from .messages import say

MERGEABLE = ("usage", "reports", "suspensions", "notices", "incidents", "cooperation_failures", "waivers")
# the sections the exports give (and the options that give them): never from a part file
FROM_EXPORTS = {
    "first_response": "--calls/--chats/--emails",
    "resolution": "--tickets",
    "satisfaction": "--surveys",
    "outages": "--outages",
    "invoices": "--invoices/--payments",
}


def load_parts(paths: tuple[Path, ...], period: str, lang: str) -> dict[str, Any]:
    """section → its validated content (JSON-ready), from every part file, in the order of `MERGEABLE`."""
    found: dict[str, tuple[Path, Any]] = {}
    for path in paths:
        label = path.name
        data = read_document(path, label)
        if not isinstance(data, dict):
            raise InputError(label, None, say(lang, "merge_not_object"))
        for key in data:
            if key in FROM_EXPORTS:
                raise InputError(label, str(key), say(lang, "merge_from_exports", options=FROM_EXPORTS[key]))
            if key not in MERGEABLE:
                raise InputError(label, str(key), say(lang, "merge_unknown_key", known=", ".join(MERGEABLE)))
            if key in found:
                raise InputError(label, key, say(lang, "merge_twice", other=_name(found[key][0], path)))
        model = validate(MonthFacts, {"contract": "-", "period": period, **data}, label)
        for key in data:
            found[key] = (path, _dump(getattr(model, key)))
    return {key: found[key][1] for key in MERGEABLE if key in found}


def _name(first: Path, second: Path) -> str:
    """How to name the other part file: its name, or its path when both have the same name."""
    return str(first) if first.name == second.name else first.name


def _dump(value: Any) -> Any:
    if isinstance(value, list):
        return [_dump(v) for v in value]
    if value is None:
        return None
    return value.model_dump(mode="json", by_alias=True, exclude_unset=True)
