"""`kefu-check schema contract|month`, the committed schemas/, and the fixtures validated against them."""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import jsonschema
import pytest

from kefu_check.load import read_document, validate
from kefu_check.models import MonthFacts
from kefu_check.ruledocs.schemas import DOCUMENTS, schema_text

ROOT = Path(__file__).resolve().parents[1]
REGENERATE = "run `.venv/bin/python scripts/gen-docs.py` and commit schemas/ and docs/rules.md"
FIXTURE_FILES = sorted(p.relative_to(ROOT) for d in ("contract", "month") for p in ROOT.glob(f"fixtures/*/{d}.json"))


def validator(document: str) -> jsonschema.Draft202012Validator:
    schema = json.loads((ROOT / "schemas" / f"{document}.schema.json").read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


@pytest.mark.parametrize("document", DOCUMENTS)
def test_committed_schema_matches_the_models(document: str) -> None:
    committed = (ROOT / "schemas" / f"{document}.schema.json").read_text(encoding="utf-8")
    assert committed == schema_text(document), f"schemas/{document}.schema.json is out of date: {REGENERATE}"


@pytest.mark.parametrize("document", DOCUMENTS)
def test_schema_command_prints_the_committed_schema(kefu, document: str) -> None:
    first, second = kefu.run("schema", document), kefu.run("schema", document)
    assert first.code == 0 and first.err == ""
    assert first.out == second.out == (ROOT / "schemas" / f"{document}.schema.json").read_text(encoding="utf-8")
    schema = json.loads(first.out)
    assert schema["$id"] == schema["title"] == f"kefu-check/{document}@1"
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)
    assert list(schema) == sorted(schema)  # deterministic key order


def test_schema_of_an_unknown_document_is_a_usage_error(kefu) -> None:
    result = kefu.run("schema", "invoice")
    assert result.code == 2
    assert "Traceback" not in result.err


@pytest.mark.parametrize("path", FIXTURE_FILES, ids=str)
def test_every_fixture_validates_against_its_schema(path: Path) -> None:
    document = path.stem
    errors = [e.message for e in validator(document).iter_errors(json.loads((ROOT / path).read_text("utf-8")))]
    assert errors == []


def test_schema_rejects_what_the_loader_rejects() -> None:
    month = validator("month")
    good = {"schema": "kefu-check/month@1", "contract": "contract.json", "period": "2026-10"}
    assert month.is_valid(good)
    assert not month.is_valid({**good, "outage": []})  # a typo: unknown keys are an error
    assert not month.is_valid({**good, "schema": "kefu-check/month@2"})
    assert not month.is_valid({**good, "outages": [{"id": "O", "start": "x", "end": "y", "cause": "provder"}]})
    assert not month.is_valid({"contract": "contract.json"})  # period is required
    contract = validator("contract")
    assert contract.is_valid({"fees": {"monthly_fee": "20000.00", "late_fee_daily_rate": 0.0005}})
    assert not contract.is_valid({"fees": {"method": "monthly"}})


def test_amounts_may_be_numbers_or_strings_in_the_schema() -> None:
    invoice = {"id": "I", "cycle": "2026-09", "amount": "20000.00", "payments": [{"date": "2026-10-01", "amount": 5}]}
    doc = {"contract": "c.json", "period": "2026-10", "invoices": [invoice]}
    assert validator("month").is_valid(doc)


def test_an_editors_dollar_schema_key_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "month.json"
    doc = {"$schema": "../schemas/month.schema.json", "contract": "contract.json", "period": "2026-10"}
    path.write_text(json.dumps(doc), encoding="utf-8")
    validate(MonthFacts, read_document(path, "month.json"), "month.json")
    assert validator("month").is_valid(doc)


def test_importing_kefu_check_does_not_import_the_rule_docs() -> None:
    code = "import sys, kefu_check, kefu_check.cli; print(sorted(m for m in sys.modules if 'ruledocs' in m or m == 'jsonschema'))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


@pytest.mark.parametrize(
    ("path", "value"),
    [
        ("period", "2026-13"),
        ("period", "2026-1"),
        ("as_of", "2026/10/31"),
        ("invoices.0.amount", "20,000.00"),
        ("invoices.0.amount", "¥20000"),
        ("invoices.0.amount", -5),
        ("invoices.0.cycle", "2026-9"),
        ("invoices.0.cycle", "2026-Q5"),
        ("invoices.0.id", "INV\u0001"),
        ("invoices.0.payments.0.date", "2026-10-32"),
        ("outages.0.start", "yesterday"),
        ("first_response.phone.requests", "many"),
    ],
)
def test_the_schema_refuses_a_sample_of_what_the_loader_refuses(path: str, value) -> None:
    doc = {
        "contract": "contract.json",
        "period": "2026-10",
        "as_of": "2026-10-31",
        "invoices": [
            {"id": "I", "cycle": "2026-09", "amount": "20000.00", "payments": [{"date": "2026-10-01", "amount": 5}]}
        ],
        "outages": [
            {"id": "O", "start": "2026-10-12T10:00:00", "end": "2026-10-12T11:00:00+08:00", "cause": "provider"}
        ],
        "first_response": {"phone": {"requests": 10, "on_time": 9}},
    }
    month = validator("month")
    assert month.is_valid(doc), [e.message for e in month.iter_errors(doc)]  # a timestamp without offset is valid
    node, *parts = doc, *path.split(".")
    for part in parts[:-1]:
        node = node[int(part)] if isinstance(node, list) else node[part]
    last = parts[-1]
    node[int(last) if isinstance(node, list) else last] = value
    assert not month.is_valid(doc)
    with pytest.raises(Exception):  # noqa: B017 - the loader refuses it too
        validate(MonthFacts, json.loads(json.dumps(doc), parse_float=Decimal), "month.json")


def test_generated_months_validate_against_the_schemas() -> None:
    """Issue "never silently wrong"'s generated months (those the loader accepts) are valid documents."""
    import monthgen

    from kefu_check.errors import InputError
    from kefu_check.load import load_contract_data

    months, contracts = validator("month"), validator("contract")
    for seed in range(200):
        contract, month = monthgen.generate(seed)
        data = json.loads(json.dumps(month, ensure_ascii=False), parse_float=Decimal)
        try:
            validate(MonthFacts, data, "month.json")
            load_contract_data(json.loads(json.dumps(contract), parse_float=Decimal), "c.json")
        except InputError:
            continue
        assert months.is_valid(month), (seed, [e.message for e in months.iter_errors(month)][:3])
        assert contracts.is_valid(contract), (seed, [e.message for e in contracts.iter_errors(contract)][:3])
