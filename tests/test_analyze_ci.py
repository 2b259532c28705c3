"""`kefu-check analyze --format junit|github`: the monthly check's CI views over the months in sequence.

Goldens: fixtures/sequences/*/expected.junit.xml and expected.github.txt (en), each the stdout of
`kefu-check analyze . --format junit|github --lang en` run in the sequence's folder (no $GITHUB_STEP_SUMMARY).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from conftest import Kefu

REPO = Path(__file__).resolve().parents[1]
SEQUENCES = sorted(p for p in (REPO / "fixtures" / "sequences").iterdir() if (p / "expected.json").is_file())
IDS = [p.name for p in SEQUENCES]
GOLDENS = {"expected.junit.xml": "junit", "expected.github.txt": "github"}
COMMAND = re.compile(r"^::(error|warning|notice) file=([^,:]+),title=([^:]*)::(.*)$")


@pytest.fixture
def in_sequence(monkeypatch, kefu: Kefu):
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)

    def run(folder: Path, *options: str):
        monkeypatch.chdir(folder)
        return kefu.run("analyze", ".", *options)

    return run


def _doc(folder: Path) -> dict:
    return json.loads((folder / "expected.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("golden", sorted(GOLDENS))
@pytest.mark.parametrize("folder", SEQUENCES, ids=IDS)
def test_format_matches_golden(folder: Path, golden: str, in_sequence) -> None:
    run = in_sequence(folder, "--format", GOLDENS[golden], "--lang", "en")
    assert run.out == (folder / golden).read_text(encoding="utf-8")
    assert run.code == int((folder / "expected.exit").read_text())


@pytest.mark.parametrize("folder", SEQUENCES, ids=IDS)
def test_junit_is_a_suite_per_month(folder: Path) -> None:
    """A valid JUnit document: one suite per month file, a failure per error of that month."""
    import xmlschema

    text = (folder / "expected.junit.xml").read_text(encoding="utf-8")
    xmlschema.XMLSchema(str(REPO / "tests" / "data" / "junit.xsd")).validate(text)
    months = _doc(folder)["months"]
    suites = ET.fromstring(text).findall("testsuite")
    assert [s.get("name", "").split(":")[0] for s in suites] == [f"{m['period']}.json" for m in months]
    for suite, month in zip(suites, months, strict=True):
        errors = sum(c["severity"] == "error" for c in month["consequences"])
        assert int(suite.get("failures", "")) == errors


@pytest.mark.parametrize("folder", SEQUENCES, ids=IDS)
def test_github_is_a_command_per_consequence_of_each_month(folder: Path) -> None:
    lines = (folder / "expected.github.txt").read_text(encoding="utf-8").splitlines()
    expected = [(m["period"], c) for m in _doc(folder)["months"] for c in m["consequences"]]
    assert len(lines) == len(expected)
    level = {"error": "error", "warning": "warning", "info": "notice"}
    for line, (period, c) in zip(lines, expected, strict=True):
        match = COMMAND.match(line)
        assert match, line
        assert match.group(1) == level[c["severity"]]
        assert match.group(2) == f"{period}.json"
        assert match.group(3).startswith(c["id"])


def test_github_names_each_month_as_given_and_writes_the_step_summary(kefu: Kefu, monkeypatch, tmp_path) -> None:
    folder = REPO / "fixtures" / "sequences" / "dispute-quarter"
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    run = kefu.run("analyze", folder, "--format", "github")
    assert run.code == 1
    files = {COMMAND.match(line).group(2) for line in run.out.splitlines()}  # type: ignore[union-attr]
    assert files == {str(folder / f"2026-{m}.json").replace(":", "%3A") for m in (10, 11, 12)}
    written = summary.read_text(encoding="utf-8").removeprefix("earlier step\n")
    assert written == (folder / "expected.md").read_text(encoding="utf-8")  # the markdown view, zh


@pytest.mark.parametrize("fmt", ["table", "json", "markdown", "junit"])
def test_only_github_writes_the_step_summary(kefu: Kefu, monkeypatch, tmp_path, fmt: str) -> None:
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    assert kefu.run("analyze", REPO / "fixtures" / "sequences" / "calm-quarter", "--format", fmt).code == 0
    assert not summary.exists()


def test_fail_on_decides_junit_failures(kefu: Kefu) -> None:
    folder = REPO / "fixtures" / "sequences" / "dispute-quarter"
    errors = kefu.run("analyze", folder, "--format", "junit", "--fail-on", "never")
    warnings = kefu.run("analyze", folder, "--format", "junit", "--fail-on", "warning")
    assert (errors.code, warnings.code) == (0, 1)
    count = [int(ET.fromstring(r.out).get("failures", "")) for r in (errors, warnings)]
    months = _doc(folder)["months"]
    assert count == [
        sum(c["severity"] == "error" for m in months for c in m["consequences"]),
        sum(c["severity"] in ("error", "warning") for m in months for c in m["consequences"]),
    ]
