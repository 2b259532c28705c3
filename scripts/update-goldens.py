#!/usr/bin/env python3
"""Regenerate fixtures/*/expected.json and expected.exit from the current kefu-check.

Usage: .venv/bin/python scripts/update-goldens.py [FIXTURE ...]

expected.json is the exact stdout of `kefu-check --format json month.json` run in the fixture's folder
(default --lang zh); expected.exit is its exit code on one line; expected.md (markdown, zh),
expected.junit.xml (junit, en) and expected.github.txt (github, en) are the other formats' goldens; with no
FIXTURE named, the sequences' goldens (fixtures/sequences/*: `kefu-check analyze .` in each format) too.
docs/rules.md quotes fixture runs, so it is regenerated afterwards (scripts/gen-docs.py). Run this only
after a deliberate change, and review the diff (`git diff fixtures/`) before committing: a golden file is a claim
that the output is right, checked by hand against the notes.md next to it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"


def kefu_check() -> str:
    exe = Path(sys.executable).with_name("kefu-check")
    return str(exe) if exe.exists() else "kefu-check"


GOLDENS = {
    "expected.json": ("--format", "json"),
    "expected.md": ("--format", "markdown"),
    "expected.junit.xml": ("--format", "junit", "--lang", "en"),
    "expected.github.txt": ("--format", "github", "--lang", "en"),
}


def update(fixture: Path) -> bool:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KEFU_CHECK_", "GITHUB_STEP_SUMMARY"))}
    for name, options in GOLDENS.items():
        run = subprocess.run(
            [kefu_check(), *options, "month.json"], cwd=fixture, capture_output=True, check=False, env=env
        )
        if run.returncode not in (0, 1):
            err = run.stderr.decode(errors="replace").strip()
            print(f"{fixture.name}: exit {run.returncode}, golden left unchanged: {err}", file=sys.stderr)
            return False
        (fixture / name).write_bytes(run.stdout)
    (fixture / "expected.exit").write_text(f"{run.returncode}\n")
    print(f"{fixture.name}: exit {run.returncode}")
    return True


SEQUENCE_GOLDENS = {
    "expected.json": ("--format", "json"),
    "expected.md": ("--format", "markdown"),
    "expected.junit.xml": ("--format", "junit", "--lang", "en"),
    "expected.github.txt": ("--format", "github", "--lang", "en"),
}


def update_sequence(folder: Path) -> None:
    """fixtures/sequences/<name>/expected.*: `kefu-check analyze . FORMAT` run in the folder (its month files)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KEFU_CHECK_", "GITHUB_STEP_SUMMARY"))}
    outputs = {}
    for name, options in SEQUENCE_GOLDENS.items():  # every output computed before any is written
        run = subprocess.run([kefu_check(), "analyze", ".", *options], cwd=folder, capture_output=True, env=env)
        if run.returncode not in (0, 1):
            sys.exit(f"{folder.name}: exit {run.returncode}: {run.stderr.decode(errors='replace').strip()}")
        outputs[name] = run.stdout
    for name, out in outputs.items():
        (folder / name).write_bytes(out)
    (folder / "expected.exit").write_text(f"{run.returncode}\n")
    print(f"sequences/{folder.name}: exit {run.returncode}")


def main(names: list[str]) -> None:
    fixtures = [FIXTURES / n for n in names] if names else sorted(p.parent for p in FIXTURES.glob("*/month.json"))
    for fixture in fixtures:
        if not (fixture / "month.json").is_file():
            sys.exit(f"{fixture}: no month.json")
    failed = [f.name for f in fixtures if not update(f)]
    if not names:
        for folder in sorted(p.parent for p in FIXTURES.glob("sequences/*/contract.json")):
            update_sequence(folder)
    subprocess.run([sys.executable, str(ROOT / "scripts" / "gen-docs.py")], check=True)
    if failed:
        sys.exit(f"not updated (exit 2 or 3): {', '.join(failed)}")


if __name__ == "__main__":
    main(sys.argv[1:])
