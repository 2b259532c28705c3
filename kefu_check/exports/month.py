"""Month: the computed facts written as a month.json the monthly check accepts (deterministic bytes)."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from ..load import validate
from ..models import MonthFacts


def relative_contract(contract: Path, out: Path) -> str:
    """The contract named relative to the folder of the written file (SPEC §7)."""
    return Path(os.path.relpath(contract.resolve(), out.resolve().parent)).as_posix()


def write_json(data: dict[str, Any], out: Path) -> None:
    """Two-space JSON, UTF-8, keys in the order given, one final newline: same facts, same bytes."""
    out.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


# SPEC §2.2's order: the same facts give the same bytes, whichever export or part file gave a section
ORDER = ("schema", "contract", "period", "as_of", "usage", "first_response", "resolution", "satisfaction", "outages",
         "reports", "invoices", "suspensions", "notices", "incidents", "cooperation_failures", "waivers")


def write_month(data: dict[str, Any], out: Path) -> None:
    """Validate against the month.json model (a bug here must not reach the monthly check), then write."""
    ordered = {key: data[key] for key in ORDER if key in data}
    ordered.update((key, value) for key, value in data.items() if key not in ordered)
    validate(MonthFacts, ordered, out.name)
    write_json(ordered, out)
