"""Review in the CI formats: JUnit (validated), GitHub commands on the agreement's own lines, account masking."""

from __future__ import annotations

import json
import re
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

REPO = Path(__file__).resolve().parents[1]
TEMPLATE = REPO / "fixtures" / "review" / "template.zh.txt"
FILLED = REPO / "fixtures" / "review" / "filled.txt"


def test_review_junit_validates_and_fails_per_error(kefu) -> None:
    import xmlschema

    findings = json.loads(kefu.run("review", "--format", "json", TEMPLATE).out)["findings"]
    run = kefu.run("review", "--format", "junit", TEMPLATE)
    assert run.code == 1
    xmlschema.XMLSchema(str(REPO / "tests" / "data" / "junit.xsd")).validate(run.out)
    suite = ET.fromstring(run.out).find("testsuite")
    failed = [c for c in suite.findall("testcase") if c.find("failure") is not None]
    assert len(failed) == sum(f["severity"] == "error" for f in findings) == int(suite.get("failures"))


def test_review_github_points_at_lines(kefu, monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(tmp_path / "summary.md"))
    findings = json.loads(kefu.run("review", "--format", "json", TEMPLATE).out)["findings"]
    run = kefu.run("review", "--format", "github", "--lang", "en", TEMPLATE)
    lines = run.out.splitlines()
    assert len(lines) == len(findings)
    for line, f in zip(lines, findings, strict=True):
        match = re.match(r"^::(error|warning|notice) file=([^,]+)(?:,line=(\d+))?,title=([^:]+)::", line)
        assert match, line
        assert match.group(2) == str(TEMPLATE).replace(":", "%3A")
        assert match.group(3) == (str(f["location"]["line"]) if f["location"].get("line") else None)
        assert match.group(4).startswith(f["id"])
    assert (tmp_path / "summary.md").read_text(encoding="utf-8").startswith("# ")


@pytest.mark.parametrize("fmt", ["table", "json", "markdown", "junit", "github"])
def test_review_never_prints_an_account_number_whole(kefu, fmt, monkeypatch) -> None:
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    from test_review_support import patched

    number = json.loads((REPO / "fixtures" / "review" / "filled.contract.json").read_text())["fees"]["bank"][
        "account_no"
    ]
    agreement = kefu.write("agreement.txt", patched("payee-name-mismatch"))
    out = kefu.run("review", "--format", fmt, agreement).out
    assert "review.bank_account_name_mismatch" in out
    assert number not in out and number.replace(" ", "") not in out
