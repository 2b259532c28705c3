"""The formats over the golden fixtures: markdown, JUnit (validated against a JUnit schema), GitHub commands.

Goldens: fixtures/*/expected.md (zh), expected.junit.xml (en), expected.github.txt (en), regenerated with
`scripts/update-goldens.py`. Each run happens in the fixture's folder with the month named `month.json`.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from kefu_check.catalogue import CONSEQUENCES

REPO = Path(__file__).resolve().parents[1]
FIXTURES = sorted(p.parent for p in (REPO / "fixtures").glob("*/month.json"))
SCHEMA = Path(__file__).parent / "data" / "junit.xsd"
GOLDENS = {
    "expected.md": ("--format", "markdown"),
    "expected.junit.xml": ("--format", "junit", "--lang", "en"),
    "expected.github.txt": ("--format", "github", "--lang", "en"),
}
COMMAND = re.compile(r"^::(error|warning|notice) file=([^,:]+),title=([^:]*)::(.*)$")


@pytest.fixture
def in_fixture(monkeypatch, kefu):
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)

    def run(fixture: Path, *options: str):
        monkeypatch.chdir(fixture)
        return kefu.run(*options, "month.json")

    return run


@pytest.mark.parametrize("golden", sorted(GOLDENS))
@pytest.mark.parametrize("fixture", FIXTURES, ids=[f.name for f in FIXTURES])
def test_format_matches_golden(fixture: Path, golden: str, in_fixture) -> None:
    run = in_fixture(fixture, *GOLDENS[golden])
    assert run.out == (fixture / golden).read_text(encoding="utf-8")
    assert run.code == int((fixture / "expected.exit").read_text())


def _json(fixture: Path) -> dict:
    return json.loads((fixture / "expected.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f.name for f in FIXTURES])
def test_junit_validates_and_counts_failures(fixture: Path) -> None:
    import xmlschema

    text = (fixture / "expected.junit.xml").read_text(encoding="utf-8")
    xmlschema.XMLSchema(str(SCHEMA)).validate(text)
    doc = _json(fixture)
    suite = ET.fromstring(text).find("testsuite")
    assert suite is not None
    cases = suite.findall("testcase")
    errors = [c for c in doc["consequences"] if c["severity"] == "error"]
    failures = [c for c in cases if c.find("failure") is not None]
    assert len(failures) == len(errors) == int(suite.get("failures"))
    # one test case per raised (id, subject), plus one per rule that raised nothing
    raised = {c["id"] for c in doc["consequences"]}
    assert len(cases) == len(doc["consequences"]) + len(set(CONSEQUENCES) - raised) == int(suite.get("tests"))
    assert {f.find("failure").get("type") for f in failures} == {c["id"] for c in errors}


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f.name for f in FIXTURES])
def test_github_commands_line_by_line(fixture: Path) -> None:
    lines = (fixture / "expected.github.txt").read_text(encoding="utf-8").splitlines()
    doc = _json(fixture)
    assert len(lines) == len(doc["consequences"])
    level = {"error": "error", "warning": "warning", "info": "notice"}
    for line, c in zip(lines, doc["consequences"], strict=True):
        match = COMMAND.match(line)
        assert match, line
        command, file, title, body = match.groups()
        assert command == level[c["severity"]]
        assert file == "month.json"
        assert title.startswith(c["id"])
        if c["subject"]:  # a property escapes ':' and ',' (GitHub's workflow-command rules)
            escaped = c["subject"].replace("%", "%25").replace(":", "%3A").replace(",", "%2C")
            assert f"[{escaped}]" in title
        assert "\n" not in body and "\r" not in body
        decoded = body.replace("%0A", "\n").replace("%0D", "\r").replace("%25", "%")
        assert decoded.startswith(c["clause"] + " ")
        assert len(decoded.split("\n")) == 1 + len(c["because"])


def test_github_escapes_percent_and_appends_step_summary(tmp_path, monkeypatch, kefu) -> None:
    fixture = next(f for f in FIXTURES if f.name == "demo")
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    monkeypatch.chdir(fixture)
    run = kefu.run("--format", "github", "--lang", "en", "month.json")
    assert "5%25 of the month's fee" in run.out and "5% of" not in run.out
    written = summary.read_text(encoding="utf-8")
    assert written.startswith("earlier step\n## kefu-check monthly check")
    assert written.removeprefix("earlier step\n") == kefu.run("--format", "markdown", "--lang", "en", "month.json").out


def test_markdown_rows_have_every_column(in_fixture) -> None:
    fixture = next(f for f in FIXTURES if f.name == "demo")
    out = in_fixture(fixture, "--format", "markdown").out
    rows = [line for line in out.splitlines() if line.startswith("| ") and not line.startswith("| --- ")]
    assert len(rows) == 1 + len(_json(fixture)["consequences"])
    assert {row.count(" | ") for row in rows} == {7}


def test_output_file_instead_of_stdout(tmp_path, in_fixture) -> None:
    fixture = next(f for f in FIXTURES if f.name == "demo")
    target = tmp_path / "report.json"
    run = in_fixture(fixture, "--format", "json", "--output", str(target))
    assert run.out == ""
    assert run.code == 1
    assert target.read_text(encoding="utf-8") == (fixture / "expected.json").read_text(encoding="utf-8")


def test_output_never_overwrites_an_input(in_fixture) -> None:
    fixture = next(f for f in FIXTURES if f.name == "demo")
    before = (fixture / "contract.json").read_bytes()
    run = in_fixture(fixture, "--lang", "en", "--output", "contract.json", "--contract", "contract.json")
    assert run.code == 2
    assert run.err.strip().startswith("contract.json: --output names an input file")
    assert (fixture / "contract.json").read_bytes() == before
