"""docs/ci.md and .pre-commit-hooks.yaml are tested: their snippets parse, and their kefu-check commands run.

The kefu-check command lines of the GitHub Actions and GitLab CI snippets are run, as written, in a folder
laid out as the page says (`months/*.json`), with the real console script on PATH.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

from kefu_check.config import _settings
from kefu_check.waivers import WaiverFile

REPO = Path(__file__).resolve().parents[1]
PAGE = (REPO / "docs" / "ci.md").read_text(encoding="utf-8")
BIN = Path(sys.executable).parent
BLOCK = re.compile(r"```(\w+)\n(.*?)```", re.S)


def blocks(lang: str) -> list[str]:
    return [body for kind, body in BLOCK.findall(PAGE) if kind == lang]


def commands(node) -> list[str]:
    """Every kefu-check command line in a parsed CI file (`run:` strings and `script:` lists)."""
    found: list[str] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("run", "script"):
                lines = value if isinstance(value, list) else str(value).splitlines()
                found += [line.strip() for line in lines if line.strip().startswith("kefu-check ")]
            else:
                found += commands(value)
    elif isinstance(node, list):
        for item in node:
            found += commands(item)
    return found


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """A repository with months/: the demo month and two more, each with its contract inline."""
    months = tmp_path / "months"
    months.mkdir()
    for name in ("demo", "on-time-month", "partial-payments"):
        folder = REPO / "fixtures" / name
        month = json.loads((folder / "month.json").read_text(encoding="utf-8"))
        month["contract"] = json.loads((folder / "contract.json").read_text(encoding="utf-8"))
        (months / f"{name}.json").write_text(json.dumps(month, ensure_ascii=False), encoding="utf-8")
    return tmp_path


def shell(command: str, cwd: Path, summary: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KEFU_CHECK_")}
    env.update(PATH=f"{BIN}{os.pathsep}{env.get('PATH', '')}", GITHUB_STEP_SUMMARY=str(summary))
    return subprocess.run(["bash", "-c", command], cwd=cwd, env=env, capture_output=True, text=True, check=False)


def test_page_has_both_ci_snippets() -> None:
    docs = [yaml.safe_load(b) for b in blocks("yaml")]
    assert any("jobs" in d for d in docs if isinstance(d, dict)), "GitHub Actions workflow"
    assert any("kefu-check" in d and "script" in d["kefu-check"] for d in docs if isinstance(d, dict)), "GitLab"


@pytest.mark.parametrize("index", range(len(blocks("yaml"))))
def test_ci_snippet_commands_run(index: int, workspace: Path) -> None:
    import xmlschema

    doc = yaml.safe_load(blocks("yaml")[index])
    summary = workspace / "summary.md"
    for command in commands(doc):
        done = shell(command, workspace, summary)
        assert done.returncode in (0, 1), f"{command}: exit {done.returncode}: {done.stderr}"
        assert "Traceback" not in done.stderr
        if "--output kefu-check.xml" in command:
            xmlschema.XMLSchema(str(REPO / "tests" / "data" / "junit.xsd")).validate(str(workspace / "kefu-check.xml"))
        if "--format github" in command:
            assert done.stdout.startswith("::") and summary.read_text(encoding="utf-8").startswith("## ")


def test_batch_snippet_runs(workspace: Path) -> None:
    (command,) = [line for line in blocks("sh")[0].splitlines() if line.startswith("kefu-check")]
    done = shell(command, workspace, workspace / "summary.md")
    assert done.returncode == 1
    lines = (workspace / "results.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["contract"] for line in lines] == ["KF-2026-DEMO", "KF-2026-F01", "KF-2026-F04"]


def test_waiver_example_is_valid() -> None:
    (example,) = blocks("json")
    assert WaiverFile.model_validate(json.loads(example)).waivers[0].id == "payment.late_fee"


def test_config_example_is_accepted(tmp_path: Path) -> None:
    (example,) = blocks("toml")
    table = tomllib.loads(example)["tool"]["kefu-check"]
    settings = _settings(tmp_path / "pyproject.toml", table, "tool.kefu-check.")
    assert settings["holidays"] == [str(tmp_path / "calendar" / "2027.json")]


def test_pre_commit_hook(workspace: Path) -> None:
    (hook,) = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "kefu-check" and hook["entry"] == "kefu-check"
    files, exclude = re.compile(hook["files"]), re.compile(hook["exclude"])
    chosen = [p for p in ("months/2026-10.json", "legal/month/2026-11.yaml", "months/contract.json", "README.json")
              if files.search(p) and not exclude.search(p)]  # fmt: skip
    assert chosen == ["months/2026-10.json", "legal/month/2026-11.yaml"]
    staged = sorted(str(p.relative_to(workspace)) for p in (workspace / "months").glob("*.json"))
    assert all(files.search(p) for p in staged)
    done = shell(" ".join([hook["entry"], *staged]), workspace, workspace / "summary.md")
    assert done.returncode == 1 and "合计" in done.stdout  # the demo month has errors


def test_page_mentions_every_format() -> None:
    from kefu_check.render import FORMATS

    assert all(f"`{fmt}`" in PAGE for fmt in FORMATS)
    assert shutil.which("kefu-check", path=str(BIN))


def test_readme_demo_is_the_current_output(kefu, monkeypatch) -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert readme.startswith("# kefu-check\n\n```sh\nmake demo ") and "\nmake test " in readme.split("```")[1]
    shown = readme.split("```text\n", 1)[1].split("```", 1)[0]
    monkeypatch.chdir(REPO / "fixtures" / "demo")
    assert shown == kefu.run("month.json").out
