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


def write_month(data: dict[str, Any], out: Path) -> None:
    """Validate against the month.json model (a bug here must not reach the monthly check), then write."""
    validate(MonthFacts, data, out.name)
    write_json(data, out)
