"""Bombs, each in the real console script under a 1 GiB address-space limit (RLIMIT_AS): refused with exit 2
and one line naming the file — never a MemoryError, a hang or exit 3."""

from __future__ import annotations

import json
import resource
import subprocess
from pathlib import Path

import pytest
from conftest import contract_dict, month_dict
from test_hostile import BILLION_LAUGHS, DOCX, rezip
from test_hostile_support import SCRIPT, clean_env

LIMIT = 1024**3


def _limit() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (LIMIT, LIMIT))


def yaml_alias_bomb() -> str:
    lines = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 9)}]" for i in range(8)]
    return "\n".join(lines) + "\n"


MONTH = json.dumps(month_dict("2026-10"))
OUTAGE = {"id": "O", "start": "2026-10-12T10:00:00+08:00", "end": "2026-10-12T10:01:00+08:00", "cause": "provider"}
BOMBS: dict[str, tuple[str, bytes, list[str]]] = {
    "YAML alias bomb": ("month.yaml", yaml_alias_bomb().encode(), []),
    "100,000-deep JSON": ("month.json", b"[" * 100_000 + b"]" * 100_000, []),
    "19 MB JSON array": ("month.json", MONTH[:-1].encode() + b', "x": [' + b"0," * 9_500_000 + b"0]}", []),
    "21 MB file": ("month.json", b" " * (21 * 1024**2) + MONTH.encode(), []),
    "150,000 outages": (
        "month.json",
        json.dumps(month_dict("2026-10", outages=[OUTAGE] * 150_000), separators=(",", ":")).encode(),
        [],
    ),
    "zip bomb .docx": ("agreement.docx", rezip(DOCX, {"word/media/zeros.bin": b"\0" * 90_000_000}), ["review"]),
    "billion laughs .docx": ("agreement.docx", rezip(DOCX, {"word/document.xml": BILLION_LAUGHS}), ["review"]),
    "10,000 parts .docx": ("agreement.docx", rezip(DOCX, {f"x/{i}.xml": b"<a/>" for i in range(10_000)}), ["extract"]),
}


@pytest.mark.parametrize("name", BOMBS)
def test_a_bomb_is_refused_within_bounded_memory(tmp_path: Path, name: str) -> None:
    filename, content, command = BOMBS[name]
    (tmp_path / "contract.json").write_text(json.dumps(contract_dict()), encoding="utf-8")
    (tmp_path / filename).write_bytes(content)
    done = subprocess.run(
        [str(SCRIPT), *command, filename], cwd=tmp_path, env=clean_env(), preexec_fn=_limit,
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert done.returncode == 2, (done.returncode, done.stderr[-500:])
    assert done.stderr.count("\n") == 1 and done.stderr.startswith(f"{filename}: "), done.stderr
