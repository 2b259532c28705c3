"""Worked examples: a golden fixture run through the monthly check, showing the inputs that matter and
the consequence lines it produces — so an example can never disagree with the engine."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from kefu_check.ruledsl import Example

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


@dataclass(frozen=True)
class Run:
    """The example's inputs (file, dotted path, value as JSON text) and the consequences it shows."""

    month: str  # the month file, relative to the repository (fixtures/<name>/month.json)
    inputs: tuple[tuple[str, str, str], ...]
    consequences: tuple[Any, ...]  # kefu_check.check.Consequence


def available(example: Example) -> bool:
    return (FIXTURES / example.fixture / "month.json").is_file()


def run(cid: str, example: Example, lang: str) -> Run:
    """Check the example's fixture (as `kefu-check month.json` would) and keep the consequences with id `cid`."""
    from kefu_check.calendar import Calendar
    from kefu_check.check import check_file
    from kefu_check.load import read_document

    folder = FIXTURES / example.fixture
    result = check_file(folder / "month.json", None, Calendar(), lang)
    shown = tuple(
        c for c in result.consequences if c.id == cid and (example.subject is None or c.subject == example.subject)
    )
    inputs = []
    for name, paths in (("contract.json", example.contract), ("month.json", example.month)):
        doc = read_document(folder / name, name) if paths else None
        inputs += [(name, path, to_json(lookup(doc, path))) for path in paths]
    return Run(f"fixtures/{example.fixture}/month.json", tuple(inputs), shown)


def lookup(doc: Any, path: str) -> Any:
    """The value at a dotted path (`fees.monthly_fee`, `invoices[0].amount`); KeyError when absent."""
    node = doc
    for part in path.split("."):
        name, index = re.fullmatch(r"([^\[]+)(?:\[(\d+)\])?", part).groups()  # type: ignore[union-attr]
        if not isinstance(node, dict) or name not in node:
            raise KeyError(path)
        node = node[name]
        if index is not None:
            node = node[int(index)]
    return node


def to_json(value: Any) -> str:
    """Compact JSON with exact decimals written as the numbers they were (never through float)."""
    import json

    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dict):
        return "{" + ", ".join(f"{json.dumps(k, ensure_ascii=False)}: {to_json(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(to_json(v) for v in value) + "]"
    return json.dumps(value, ensure_ascii=False)
