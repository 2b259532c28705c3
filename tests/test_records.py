"""The cached core schema (records.py, coreschema.py): current, and the same validation as the models.

Invariants that need no second implementation: a document the records accept, the models accept with the same
values, and the other way round; whatever the document (fixtures, their mutations, documents generated from the
JSON Schemas). A check's output is the same bytes through either; a disagreement stops the check (exit 3).
"""

from __future__ import annotations

import copy
import importlib.util
import json
import pickle
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError
from test_hostile import CONTRACT_DOCS, MONTH_DOCS
from test_hostile_support import examples, fixture_pairs, mutate

from kefu_check import coreschema, models, validators, values
from kefu_check.cli import main
from kefu_check.errors import InputError
from kefu_check.load import load_month, strip_blanks, validate
from kefu_check.problems import ProblemValueError
from kefu_check.records import plain

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "fixtures" / "demo" / "month.json"
PAIRS = fixture_pairs()
# validation only (no check runs): many documents in seconds; KEFU_FUZZ_EXAMPLES scales them as for the fuzz tests
SAME = settings(
    max_examples=max(500, examples(0.2)),
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
)


def generator() -> Any:
    spec = importlib.util.spec_from_file_location("gen_coreschema", ROOT / "scripts" / "gen-coreschema.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_cached_schema_is_what_the_models_generate():
    assert generator().render() == (ROOT / "kefu_check" / "coreschema.py").read_text(encoding="utf-8"), (
        "models.py or values.py changed: run make coreschema"
    )


def test_the_cached_schema_is_current_so_the_suite_checks_through_records():
    assert validators._current()
    loaded = load_month(DEMO)
    assert type(loaded.month) is coreschema.MonthFacts
    assert type(loaded.contract) is coreschema.Contract
    assert type(loaded.contract.fees.bank) is coreschema.Bank


def outcome(model: str, data: Any) -> tuple[str, Any]:
    """('ok', the pydantic model of the values) or ('refused', None), through the records and through the models."""
    cls = getattr(models, model)
    try:
        real = ("ok", cls.model_validate(data))
    except ValidationError:
        real = ("refused", None)
    except RecursionError:
        real = ("deep", None)
    try:
        record = validators.validator(model).validate_python(data)
        fast = ("ok", record.model())
    except ValidationError:
        fast = ("refused", None)
    except RecursionError:
        fast = ("deep", None)
    return fast, real


def assert_same(model: str, data: Any) -> None:
    fast, real = outcome(model, data)
    assert fast[0] == real[0]
    if real[0] == "ok":
        assert fast[1] == real[1]
        assert fast[1].model_dump(mode="json") == real[1].model_dump(mode="json")
        assert fast[1].model_fields_set == real[1].model_fields_set
        record = validators.validator(model).validate_python(data)
        assert plain(record) == real[1].model_dump(mode="python") == plain(real[1])


@pytest.mark.parametrize("index", range(len(PAIRS)))
def test_every_fixture_validates_to_the_same_values(index):
    contract, month = PAIRS[index]
    assert_same("MonthFacts", month)
    assert_same("Contract", strip_blanks(contract)[0])
    assert outcome("MonthFacts", month)[0][0] == "ok"


@given(st.data())
@SAME
def test_mutated_fixtures_are_accepted_and_refused_alike(data):
    contract, month = data.draw(st.sampled_from(PAIRS))
    assert_same("MonthFacts", mutate(month, data.draw))
    assert_same("Contract", mutate(contract, data.draw))


@given(MONTH_DOCS, CONTRACT_DOCS)
@settings(SAME, max_examples=max(15, examples(0.02)))  # generating from the JSON Schemas is what takes the time
def test_schema_generated_documents_are_accepted_and_refused_alike(month, contract):
    assert_same("MonthFacts", month)
    assert_same("Contract", contract)


def test_generated_months_validate_to_the_same_values():
    from monthgen import generate

    for seed in range(300):
        contract, month = generate(seed)
        assert_same("MonthFacts", {**month, "contract": contract})
        assert_same("Contract", contract)


def test_a_record_reads_like_its_model():
    month = load_month(DEMO).month
    real = month.model()
    assert isinstance(real, models.MonthFacts)
    with pytest.raises(AttributeError, match="frozen"):
        month.period = "2026-11"
    assert month == copy.deepcopy(month) == pickle.loads(pickle.dumps(month))
    assert hash(month.invoices[0].payments[0]) == hash(pickle.loads(pickle.dumps(month.invoices[0].payments[0])))
    assert month.model_dump(mode="json", by_alias=True, exclude_unset=True) == real.model_dump(
        mode="json", by_alias=True, exclude_unset=True
    )
    later = month.model_copy(update={"as_of": month.as_of.replace(day=30)})
    assert type(later) is type(month) and later.as_of.day == 30 and month.as_of.day == 31
    assert "as_of" in later.__pydantic_fields_set__
    assert later.model() == real.model_copy(update={"as_of": later.as_of})
    with pytest.raises(AttributeError, match="no field"):
        month.not_a_field  # noqa: B018


def test_a_field_with_an_alias_comes_back_under_its_alias():
    notice = {"date": "2026-10-01", "from": "client", "kind": "other", "written": True}
    month = validate("MonthFacts", {"contract": "c.json", "period": "2026-10", "notices": [notice]}, "m")
    assert type(month.notices[0]) is coreschema.Notice and month.notices[0].from_ == "client"
    assert month.model_dump(by_alias=True)["notices"][0]["from"] == "client"


def test_a_stale_schema_falls_back_to_the_models_with_the_same_output(monkeypatch, capsys):
    def run() -> tuple[int, str]:
        with pytest.raises(SystemExit) as done:
            main(["--format", "json", str(DEMO)])
        return done.value.code, capsys.readouterr().out

    cached = run()
    monkeypatch.setattr(validators, "_CURRENT", [False])
    monkeypatch.setattr(validators, "_VALIDATORS", {})
    assert isinstance(validate("MonthFacts", json.loads(DEMO.read_text(encoding="utf-8")), "m"), models.MonthFacts)
    assert run() == cached


def test_a_disagreement_stops_the_check(monkeypatch, capsys):
    class Refuses:
        def validate_python(self, data: Any) -> Any:
            return models.Usage.model_validate({"units": -1})  # a ValidationError whatever the data

    monkeypatch.setattr(validators, "_VALIDATORS", {"MonthFacts": Refuses()})
    with pytest.raises(SystemExit) as done:
        main(["--format", "json", str(DEMO)])
    assert done.value.code == 3
    assert "disagree" in capsys.readouterr().err


def test_the_console_script_checks_without_pydantic_model_machinery():
    code = (
        "import sys; from kefu_check.cli import main; sys.argv = ['kefu-check', '--format', 'json', sys.argv[1]]\n"
        "try:\n    main()\nexcept SystemExit as done:\n"
        "    print(done.code, [m for m in ('pydantic.main', 'kefu_check.models') if m in sys.modules], file=sys.stderr)"
    )
    done = subprocess.run([sys.executable, "-c", code, str(DEMO)], capture_output=True, text=True, cwd=ROOT)
    assert done.stderr.strip().splitlines()[-1] == "1 []", done.stderr


def test_money_stays_decimal_through_records():
    invoice = {"id": "A", "cycle": "2026-09", "amount": "0.10", "payments": [{"date": "2026-10-02", "amount": 0.1}]}
    with pytest.raises(InputError, match=r"0\.1 不精确"):
        validate("MonthFacts", {"contract": "c.json", "period": "2026-10", "invoices": [invoice]}, "m")
    invoice["payments"][0]["amount"] = Decimal("0.1")
    month = validate("MonthFacts", {"contract": "c.json", "period": "2026-10", "invoices": [invoice]}, "m")
    assert type(month.invoices[0]) is coreschema.Invoice
    assert month.invoices[0].amount == Decimal("0.10") and type(month.invoices[0].payments[0].amount) is Decimal


def test_an_absent_list_is_a_new_empty_list_each_time():
    """The cached schema makes an absent list's default with `list` (pydantic deep-copies its `[]`): the same
    value, never one list shared by two documents."""
    assert '"default": []' not in Path(coreschema.__file__).read_text(encoding="utf-8")
    first, second = (validate("MonthFacts", {"contract": "c.json", "period": "2026-10"}, "m") for _ in range(2))
    assert first.outages == second.outages == [] and first.outages is not second.outages
    assert "outages" not in first.__pydantic_fields_set__
    assert first.model().outages == []


@given(st.one_of(st.integers(), st.integers(-3, 3), st.integers(values.MAX_COUNT - 3, values.MAX_COUNT + 3)))
@settings(max_examples=300, deadline=None, database=None)
def test_a_count_given_as_a_number_is_read_as_the_same_count_written_as_text(n: int) -> None:
    """`values.count` takes a JSON integer in range without the general checks: the same count, or the same
    refusal, as the number written as text."""

    def outcome(value: Any) -> Any:
        try:
            return values.count(value)
        except ProblemValueError as exc:
            return exc.problem.render("en")

    assert outcome(n) == outcome(str(n))
