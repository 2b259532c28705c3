"""The fact vocabulary (kefu_check/derive/vocabulary.py) is the one the derivation and the rules use."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

import monthgen
import pytest

from kefu_check.calendar import Calendar
from kefu_check.derive import derive
from kefu_check.derive.vocabulary import ASSERTED_BY_RULES, DERIVED
from kefu_check.engine import TYPE_TAG, shared
from kefu_check.load import Loaded, load_contract_data, load_month, validate
from kefu_check.models import MonthFacts
from kefu_check.terms import resolve

ROOT = Path(__file__).resolve().parents[1]
MONTHS = sorted(ROOT.glob("fixtures/*/month.json"))
CAL = Calendar()


def _loaded(seed: int) -> Loaded:
    contract, month = monthgen.generate(seed)
    read = lambda doc: json.loads(json.dumps(doc, ensure_ascii=False), parse_float=Decimal)  # noqa: E731
    terms, blanks = load_contract_data(read(contract), "contract.json")
    return Loaded(validate(MonthFacts, read(month), "month.json"), terms, "month.json", "contract.json", blanks)


def _check_facts(loaded: Loaded) -> None:
    d = derive(loaded, resolve(loaded.contract, loaded.blanks, loaded.contract_label), CAL)
    for fact in d.facts:
        declared = DERIVED[fact["type"]]
        assert set(fact) == set(declared.__annotations__), (fact["type"], set(fact) ^ set(declared.__annotations__))
    for fact in shared().evaluate(d.facts):
        # every fact the rules see carries its type's tag (engine._dispatch_by_type): one without it would reach
        # no rule but the catch-all, silently
        assert fact.get(TYPE_TAG + fact["type"]) == 1, fact
        fact = {k: v for k, v in fact.items() if k != "sid" and not k.startswith(TYPE_TAG)}  # the engine's own
        declared = DERIVED.get(fact["type"]) or ASSERTED_BY_RULES[fact["type"]]
        assert set(fact) == set(declared.__annotations__), (fact["type"], set(fact) ^ set(declared.__annotations__))


@pytest.mark.parametrize("month", MONTHS, ids=[m.parent.name for m in MONTHS])
def test_fixture_facts_are_the_declared_types(month: Path) -> None:
    _check_facts(load_month(month))


def test_generated_facts_are_the_declared_types() -> None:
    tried = 0
    for seed in range(120):
        try:
            loaded = _loaded(seed)
            _check_facts(loaded)
        except Exception as e:  # a generated month the check refuses is checked elsewhere
            if type(e).__name__ in ("InputError", "CalendarGap"):
                continue
            raise
        tried += 1
    assert tried > 100


def test_every_key_a_rule_names_is_declared() -> None:
    declared = {k for t in (*DERIVED.values(), *ASSERTED_BY_RULES.values()) for k in t.__annotations__}
    named: set[str] = set()
    for path in (ROOT / "rules").glob("*.py"):
        source = path.read_text(encoding="utf-8")
        named |= set(re.findall(r"\bm\.([a-z_0-9]+)", source))
        named |= set(re.findall(r"\bc\.(?:m|year|piece|breach|terms|figures|cap|credit|waiver|waived|failure)\.([a-z_0-9]+)\b", source))
    named -= {"items", "get"}  # the proxies' own methods
    assert named <= declared, sorted(named - declared)
