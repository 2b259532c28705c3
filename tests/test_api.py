"""kefu_check.api (SPEC §11): the same results as the CLI's, and input problems with the CLI's one line."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import pytest
from conftest import contract_dict, invoice, month_dict, statutory_days
from hypothesis import given, settings
from hypothesis import strategies as st
from test_bad_input import CASES, write_all
from test_fixtures import FIXTURES

from kefu_check import api
from kefu_check.batch import guided_chunks
from kefu_check.load import read_document

REPO = Path(__file__).resolve().parents[1]
SEQUENCES = sorted(p for p in (REPO / "fixtures" / "sequences").iterdir() if p.is_dir())


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f.name for f in FIXTURES])
def test_check_equals_the_cli_for_every_fixture(kefu, fixture: Path) -> None:
    for lang, args in (("zh", []), ("en", ["--lang", "en"])):
        cli = kefu.run("check", "--format", "json", *args, fixture / "month.json")
        result = api.check(fixture / "month.json", lang=lang)
        assert api.render(result, "json", lang=lang) == cli.out
        assert result.exit_code("error") == cli.code
        if lang == "zh":
            assert cli.out == (fixture / "expected.json").read_text(encoding="utf-8")
        # as_json is the document the CLI prints, before masking (account numbers only appear masked there)
        assert json.loads(json.dumps(result.as_json(), ensure_ascii=False)).keys() == json.loads(cli.out).keys()


@pytest.mark.parametrize("fixture", FIXTURES[:6], ids=[f.name for f in FIXTURES[:6]])
def test_check_of_a_parsed_document_equals_the_file(fixture: Path, monkeypatch) -> None:
    monkeypatch.chdir(fixture)  # the month names its contract relative to the working folder
    month = read_document(fixture / "month.json", "month.json")
    from_file = api.check(fixture / "month.json")
    from_data = api.check(month)
    assert from_data.as_json() == from_file.as_json()
    contract = (
        read_document(fixture / "contract.json", "contract.json") if (fixture / "contract.json").exists() else None
    )
    if contract is not None:
        assert api.check(month, contract=contract).as_json() == from_file.as_json()
        assert api.check(fixture / "month.json", contract=contract).as_json() == from_file.as_json()


@pytest.mark.parametrize("fixture", FIXTURES[:6], ids=[f.name for f in FIXTURES[:6]])
def test_validated_parts_inside_a_parsed_document_are_read_as_their_values(fixture: Path, monkeypatch) -> None:
    """A month or contract given as data may hold validated parts (a `models.Invoice`, or the records a file was
    validated into): they are read as their values, as the file is (before, a model inside a dict stopped the
    check: the cached schema's records do not take a pydantic model where a record is expected)."""
    from kefu_check import models
    from kefu_check.load import load_month

    monkeypatch.chdir(fixture)
    from_file = api.check(fixture / "month.json").as_json()
    month = read_document(fixture / "month.json", "month.json")
    loaded = load_month(fixture / "month.json")
    with_models = {**month, "invoices": [models.Invoice.model_validate(i) for i in month.get("invoices", [])]}
    with_records = {**month, "outages": list(loaded.month.outages), "notices": list(loaded.month.notices)}
    assert api.check(with_models).as_json() == from_file
    assert api.check(with_records).as_json() == from_file
    assert api.check(month, contract=loaded.contract).as_json() == from_file
    assert api.check(month, contract=loaded.contract.model()).as_json() == from_file
    contract = read_document(fixture / "contract.json", "contract.json") if (fixture / "contract.json").exists() else None
    if contract is not None and contract.get("fees"):
        fees = models.Fees.model_validate(contract["fees"])
        assert api.check(month, contract={**contract, "fees": fees}).as_json() == from_file


def test_check_options_equal_the_cli(kefu) -> None:
    fixture = REPO / "fixtures" / "demo"
    cli = kefu.run("check", "--format", "json", "--as-of", "2026-11-30", fixture / "month.json")
    assert api.render(api.check(fixture / "month.json", as_of="2026-11-30"), "json") == cli.out
    assert (
        api.render([api.check(fixture / "month.json")] * 2, "json")
        == kefu.run("check", "--format", "json", fixture / "month.json", fixture / "month.json").out
    )


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("name", list(CASES))
def test_input_problems_raise_input_error_with_the_cli_line(kefu, tmp_path, monkeypatch, name, lang) -> None:
    case = CASES[name]
    write_all(tmp_path, case.files)
    monkeypatch.chdir(tmp_path)
    args = list(case.args)
    holidays = [args[args.index("--holidays") + 1]] if "--holidays" in args else []
    cli = kefu.run(*args, *(["--lang", "en"] if lang == "en" else []), "--format", "json", tmp_path / case.month)
    assert cli.code == 2
    with pytest.raises(api.InputError) as raised:
        api.check(tmp_path / case.month, holidays=holidays, lang=lang)
    assert str(raised.value) == cli.err.strip()
    assert raised.value.exit_code == 2
    assert pickle.loads(pickle.dumps(raised.value)).line() == cli.err.strip()


def test_input_error_is_the_package_input_error(tmp_path) -> None:
    from kefu_check.errors import InputError

    with pytest.raises(InputError):
        api.check(tmp_path / "missing.json")
    with pytest.raises(ValueError):
        api.check(tmp_path / "missing.json", lang="fr")  # type: ignore[arg-type]


def test_a_month_as_data_is_named_month_json(tmp_path) -> None:
    bad = month_dict("2026-10", contract=contract_dict())
    bad["period"] = "2026-13"
    with pytest.raises(api.InputError) as raised:
        api.check(bad, lang="en")
    assert str(raised.value).startswith("month.json: period:")


def test_review_equals_the_cli(kefu) -> None:
    for path in (REPO / "fixtures" / "review" / "filled.txt", REPO / "fixtures" / "review" / "filled.contract.json"):
        cli = kefu.run("review", "--format", "json", path)
        review = api.review(path)
        assert review.exit_code("error") == cli.code
        assert json.loads(cli.out) == json.loads(json.dumps(review.as_json(), ensure_ascii=False, default=str))


@pytest.mark.skipif(not SEQUENCES, reason="no sequence fixtures")
def test_analyze_equals_the_cli(kefu) -> None:
    for folder in SEQUENCES[:3]:
        cli = kefu.run("analyze", "--format", "json", folder)
        analysis = api.analyze(folder)
        assert analysis.exit_code("error") == cli.code
        assert json.loads(cli.out) == json.loads(json.dumps(analysis.as_json(), ensure_ascii=False, default=str))


def test_facts_equals_the_cli(kefu, tmp_path) -> None:
    exports = REPO / "fixtures" / "exports"
    contract = next(exports.glob("**/contract.json"), None)
    calls = next(exports.glob("**/calls.csv"), None)
    if contract is None or calls is None:
        pytest.skip("no exports fixture with a contract and calls")
    out = tmp_path / "month.json"
    period = "2026-10"
    cli = kefu.run("facts", "--contract", contract, "--period", period, "--calls", calls, "-o", out)
    if cli.code != 0:
        pytest.skip(f"the exports fixture needs more options: {cli.err}")
    result = api.facts(contract, period, calls=calls, output=out)
    assert json.loads(out.read_text(encoding="utf-8")) == result.as_json()


def _batch_files(tmp_path: Path) -> list[Path]:
    paths = []
    for i, fixture in enumerate(FIXTURES):
        month = json.loads((fixture / "month.json").read_text(encoding="utf-8"))
        contract_file = fixture / "contract.json"
        if isinstance(month.get("contract"), str) and contract_file.exists():
            month["contract"] = json.loads(contract_file.read_text(encoding="utf-8"))
        path = tmp_path / f"{i:02d}-{fixture.name}.json"
        path.write_text(json.dumps(month, ensure_ascii=False), encoding="utf-8")
        paths.append(path)
    return paths


@pytest.mark.parametrize("extra", [[], ["--redact"], ["--lang", "en"]])
def test_a_json_batch_is_the_same_with_two_jobs_and_equals_the_api(kefu, tmp_path, extra) -> None:
    """Workers render and mask their own months: the bytes equal --jobs 1's, and api.render of api.check's."""
    paths = _batch_files(tmp_path)
    bad = tmp_path / "zz-bad.json"
    bad.write_text("{", encoding="utf-8")
    one = kefu.run("check", "--format", "json", *extra, *paths, bad)
    two = kefu.run("check", "--format", "json", "--jobs", "2", *extra, *paths, bad)
    assert (two.code, two.out, two.err) == (one.code, one.out, one.err)
    assert one.code == 2 and one.out.count("\n") == len(paths)
    lang = "en" if "en" in extra else "zh"
    results = [api.check(p, lang=lang) for p in paths]
    assert api.render(results, "json", lang=lang, redact="--redact" in extra) == one.out


@given(st.integers(0, 5000), st.integers(2, 64))
@settings(max_examples=200, deadline=None)
def test_a_batch_is_handed_out_in_shrinking_chunks_that_cover_it_in_order(n: int, jobs: int) -> None:
    """batch.guided_chunks: every month once, in order; chunks of 4 to 64 that never grow, the last one ≤ 4."""
    chunks = guided_chunks(list(range(n)), jobs)
    assert [x for chunk in chunks for x in chunk] == list(range(n))
    sizes = [len(c) for c in chunks]
    assert all(1 <= s <= 64 for s in sizes) and sizes == sorted(sizes, reverse=True)
    assert all(s >= 4 for s in sizes[:-1]) and (not sizes or sizes[-1] <= max(4, n // (2 * jobs)))


def test_one_month_left_of_a_batch_is_one_indented_document(kefu, tmp_path) -> None:
    path = _batch_files(tmp_path)[0]
    bad = tmp_path / "zz-bad.json"
    bad.write_text("[]", encoding="utf-8")
    for jobs in ("1", "2"):
        run = kefu.run("check", "--format", "json", "--jobs", jobs, path, bad)
        assert run.code == 2
        assert run.out == api.render(api.check(path), "json")


def test_a_contract_rewritten_between_two_checks_is_read_again(tmp_path) -> None:
    """A validated contract is kept by its bytes: a rewrite of the same size within the same clock tick (a script
    that writes the contract, checks, writes again) is seen, and a contract made invalid is refused again."""
    contract = contract_dict()
    month = month_dict()
    month["contract"] = "contract.json"
    (tmp_path / "month.json").write_text(json.dumps(month), encoding="utf-8")
    path = tmp_path / "contract.json"
    path.write_text(json.dumps(contract), encoding="utf-8")
    first = api.check(tmp_path / "month.json").as_json()
    assert api.check(tmp_path / "month.json").as_json() == first
    text = path.read_text(encoding="utf-8")
    changed = text.replace("KF-TEST-001", "KF-TEST-002")
    assert changed != text and len(changed) == len(text)
    path.write_text(changed, encoding="utf-8")
    assert api.check(tmp_path / "month.json").as_json()["contract"] == "KF-TEST-002"
    path.write_text(text.replace('"id": "', '"idd": "', 1), encoding="utf-8")
    for _ in range(2):
        with pytest.raises(api.InputError, match="idd"):
            api.check(tmp_path / "month.json")
    path.write_text(text, encoding="utf-8")
    assert api.check(tmp_path / "month.json").as_json() == first


def test_a_holidays_file_rewritten_between_two_checks_is_read_again(tmp_path) -> None:
    """The calendar is kept by its files' bytes: a same-size rewrite moves the due day (SPEC §4.4) at once."""
    contract = contract_dict()
    month = month_dict("2027-01", as_of="2027-01-18", invoices=[invoice("2026-12")])
    month["contract"] = contract
    (tmp_path / "month.json").write_text(json.dumps(month), encoding="utf-8")
    holidays = tmp_path / "holidays-2027.json"

    def late_fees() -> list[str]:
        result = api.check(tmp_path / "month.json", holidays=[holidays]).as_json()
        return [c["date"] for c in result["consequences"] if c["id"] == "payment.late_fee"]

    statutory = statutory_days(2027)  # in every arrangement of 2027
    holidays.write_text(json.dumps({"year": 2027, "holidays": statutory, "workdays": []}), encoding="utf-8")
    assert late_fees() == ["2027-01-16"]  # due on 01-15, late from 01-16
    off = [*statutory, "2027-01-11", "2027-01-12", "2027-01-13"]
    holidays.write_text(json.dumps({"year": 2027, "holidays": off, "workdays": []}), encoding="utf-8")
    assert late_fees() == []  # three more days off: due on 01-20
