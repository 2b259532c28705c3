"""docs/ci.md and .pre-commit-hooks.yaml are tested: their snippets parse, and their kefu-check commands run.

The kefu-check command lines of the GitHub Actions and GitLab CI snippets are run, as written, in a folder
laid out as the page says (`months/*.json`), with the real console script on PATH.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml
from conftest import statutory_days

from kefu_check.config import _settings
from kefu_check.models import WaiverFile

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


def hook_command(*args: str) -> str:
    """The hook's command line as pre-commit runs it: its entry, then the args, then the file names."""
    (hook,) = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    return " ".join([hook["entry"], *(shlex.quote(a) for a in args)])


def test_pre_commit_hook(workspace: Path) -> None:
    (hook,) = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "kefu-check" and hook["language"] == "system" and hook["pass_filenames"]
    files, exclude = re.compile(hook["files"]), re.compile(hook["exclude"])
    chosen = [p for p in ("months/2026-10.json", "legal/month/2026-11.yaml", "months/contract.json", "README.json",
                          "months/waivers.json", "months/holidays/2027.json")
              if files.search(p) and not exclude.search(p)]  # fmt: skip
    assert chosen == [
        "months/2026-10.json",
        "legal/month/2026-11.yaml",
        "months/waivers.json",
        "months/holidays/2027.json",
    ]
    for month in sorted((workspace / "months").glob("*.json")):  # one folder per contract, as docs/ci.md says
        (workspace / "months" / month.stem).mkdir()
        month.rename(workspace / "months" / month.stem / "2026-10.json")
    staged = sorted(str(p.relative_to(workspace)) for p in (workspace / "months").glob("*/*.json"))
    assert len(staged) == 3 and all(files.search(p) for p in staged)
    done = shell(hook_command(*staged), workspace, workspace / "summary.md")
    assert done.returncode == 1 and done.stdout.count("\n合计:") == 3, done.stderr  # the demo month has errors


def test_pre_commit_hook_folder_of_two_contracts_is_refused(workspace: Path) -> None:
    """A folder is one contract's history: months of two contracts in one folder are an input error, named."""
    staged = sorted(str(p.relative_to(workspace)) for p in (workspace / "months").glob("*.json"))
    done = shell(hook_command(*staged), workspace, workspace / "summary.md")
    assert done.returncode == 2 and ": contract: " in done.stderr and "'KF-2026-F01'" in done.stderr, done.stderr


def availability_months(folder: Path) -> None:
    """A contract with an availability budget of 669.60 minutes, and two months each down 700 minutes."""
    contract = json.loads((REPO / "fixtures/sequences/dispute-quarter/contract.json").read_text(encoding="utf-8"))
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "contract.json").write_text(json.dumps(contract, ensure_ascii=False), encoding="utf-8")
    for period, day in (("2026-10", "2026-10-12"), ("2026-11", "2026-11-10")):
        outage = {"id": f"OUT-{period}", "start": f"{day}T09:00:00+08:00", "end": f"{day}T18:00:00+08:00",
                  "cause": "provider"}  # fmt: skip
        second = {**outage, "id": outage["id"] + "b", "start": outage["start"].replace(day, day[:-2] + "13"),
                  "end": outage["end"].replace(day, day[:-2] + "13")}  # fmt: skip
        month = {"schema": "kefu-check/month@1", "contract": "contract.json", "period": period,
                 "outages": [outage, second]}  # fmt: skip
        (folder / f"{period}.json").write_text(json.dumps(month), encoding="utf-8")


def test_pre_commit_hook_skips_what_is_not_a_month_and_uses_the_folder_as_history(tmp_path: Path) -> None:
    months = tmp_path / "months"
    availability_months(months)
    (months / "waivers.json").write_text('{"waivers": []}', encoding="utf-8")
    (months / "holidays").mkdir()
    arrangement = {"year": 2027, "holidays": statutory_days(2027), "workdays": []}
    (months / "holidays" / "2027.json").write_text(json.dumps(arrangement), encoding="utf-8")
    staged = ["months/2026-10.json", "months/2026-11.json", "months/waivers.json", "months/holidays/2027.json"]

    done = shell(hook_command("--format", "json", *staged), tmp_path, tmp_path / "summary.md")
    assert done.returncode == 1, done.stderr
    assert "months/waivers.json: skipped" in done.stderr and "months/holidays/2027.json: skipped" in done.stderr
    docs = [json.loads(line) for line in done.stdout.splitlines()]
    assert [d["period"] for d in docs] == ["2026-10", "2026-11"]
    raised = [[c["id"] for c in d["consequences"]] for d in docs]
    assert ["sla.availability" in ids for ids in raised] == [True, False]  # once in the year, not again each month
    assert docs[1]["metrics"]["downtime_year_minutes"] == 2160  # October's 1,080 minutes carried into November

    alone = shell("kefu-check --format json months/2026-11.json", tmp_path, tmp_path / "summary.md")
    assert "sla.availability" in [c["id"] for c in json.loads(alone.stdout)["consequences"]]  # without history


def test_pre_commit_hook_fail_on_never_fails_only_on_input_errors(tmp_path: Path) -> None:
    months = tmp_path / "months"
    availability_months(months)
    staged = ["months/2026-10.json", "months/2026-11.json"]
    assert shell(hook_command(*staged), tmp_path, tmp_path / "s.md").returncode == 1  # breaches fail by default
    assert shell(hook_command("--fail-on", "never", *staged), tmp_path, tmp_path / "s.md").returncode == 0
    (months / "2026-12.json").write_text('{"schema": "kefu-check/month@1", "contract": "contract.json", '
                                         '"period": "2026-13"}', encoding="utf-8")  # fmt: skip
    broken = shell(hook_command("--fail-on", "never", *staged, "months/2026-12.json"), tmp_path, tmp_path / "s.md")
    assert broken.returncode == 2 and "period" in broken.stderr
    assert "--fail-on never" in PAGE and "`--fail-on never`" in PAGE.split("## pre-commit")[1]


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
