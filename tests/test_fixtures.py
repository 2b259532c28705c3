"""Golden fixtures (fixtures/*/) and the shared conformance cases, run through the CLI in-process.

Each fixture folder holds contract.json, month.json, notes.md (the hand computation), expected.json
(the exact `--format json` stdout, default --lang zh) and expected.exit. After a deliberate change,
regenerate with `.venv/bin/python scripts/update-goldens.py` and check the diff against notes.md.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from kefu_check.cli import cli

REPO = Path(__file__).resolve().parents[1]
FIXTURES = sorted(p.parent for p in (REPO / "fixtures").glob("*/month.json"))
CONFORMANCE = Path(__file__).resolve().parents[1] / "fixtures" / "conformance"  # a copy of ../shared/conformance/cases
SHARED = Path(__file__).resolve().parents[2] / "shared"
CASES = sorted(p for p in CONFORMANCE.glob("*/") if (p / "expected.json").is_file()) if CONFORMANCE.is_dir() else []
PROJECTION = ("id", "subject", "party", "amount", "severity")


def run(month: Path, *options: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["check", "--format", "json", *options, str(month)])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"{month}: kefu-check raised {result.exception!r}") from result.exception
    return result.exit_code, result.stdout


def without_prose(out: str) -> dict:
    doc = json.loads(out)
    for c in doc["consequences"]:
        del c["message"], c["because"]
    return doc


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f.name for f in FIXTURES])
def test_fixture_matches_golden(fixture: Path) -> None:
    code, out = run(fixture / "month.json")
    assert out == (fixture / "expected.json").read_text(encoding="utf-8")
    assert code == int((fixture / "expected.exit").read_text())


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f.name for f in FIXTURES])
def test_fixture_is_deterministic(fixture: Path) -> None:
    assert run(fixture / "month.json") == run(fixture / "month.json")


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f.name for f in FIXTURES])
def test_fixture_in_english(fixture: Path) -> None:
    zh_code, zh = run(fixture / "month.json")
    en_code, en = run(fixture / "month.json", "--lang", "en")
    assert en_code == zh_code
    assert without_prose(en) == without_prose(zh)  # only the message and the reasons are translated


def test_at_least_sixteen_fixtures_including_demo() -> None:
    assert len(FIXTURES) >= 16
    assert REPO / "fixtures" / "demo" in FIXTURES


@pytest.mark.skipif(not CASES, reason=f"no conformance cases at {CONFORMANCE}")
@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_conformance_case(case: Path) -> None:
    expected = json.loads((case / "expected.json").read_text(encoding="utf-8"))
    code, out = run(case / "month.json")
    got = Counter(tuple(c[k] for k in PROJECTION) for c in json.loads(out)["consequences"])
    want = Counter(tuple(c[k] for k in PROJECTION) for c in expected["consequences"])
    assert got == want
    assert code == expected["exit"]


@pytest.mark.skipif(not (SHARED / "conformance" / "cases").is_dir(), reason="../shared is not beside the repository")
def test_the_conformance_copy_is_the_shared_one() -> None:
    """fixtures/conformance is a copy of ../shared/conformance/cases (CI runs the copy on any clone)."""
    shared = SHARED / "conformance" / "cases"
    theirs = {p.relative_to(shared): p.read_bytes() for p in shared.rglob("*") if p.is_file()}
    ours = {p.relative_to(CONFORMANCE): p.read_bytes() for p in CONFORMANCE.rglob("*") if p.is_file()}
    ours.pop(Path("README.md"))
    assert ours == theirs, "copy ../shared/conformance/cases/* into fixtures/conformance/"
