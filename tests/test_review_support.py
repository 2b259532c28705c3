"""Helpers for the review and extract tests: fixture paths, defect patches, a .docx built from a .txt, goldens.

Set KEFU_UPDATE_GOLDEN=1 to rewrite the golden files from the current output (then read the diff).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "review"
FILLED = FIXTURES / "filled.txt"
TEMPLATE = FIXTURES / "template.zh.txt"
DEFECTS = sorted(p.name.removesuffix(".patch.json") for p in (FIXTURES / "defects").glob("*.patch.json"))


def patched(name: str) -> str:
    """The clean filled agreement with the named defect patch applied (each replacement must apply once)."""
    patch = json.loads((FIXTURES / "defects" / f"{name}.patch.json").read_text(encoding="utf-8"))
    text = FILLED.read_text(encoding="utf-8")
    for old, new in patch["replace"]:
        assert text.count(old) == 1, f"{name}: {old!r} occurs {text.count(old)} times"
        text = text.replace(old, new)
    return text


def docx_bytes(text: str) -> bytes:
    """A Word document with one paragraph per line of `text` (paragraph n = line n)."""
    import io

    import docx

    document = docx.Document()
    for line in text.split("\n"):
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def golden(path: Path, actual: Any) -> None:
    """Assert `actual` equals the JSON golden file (or write it with KEFU_UPDATE_GOLDEN=1)."""
    if os.environ.get("KEFU_UPDATE_GOLDEN"):
        path.write_text(json.dumps(actual, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    expected = json.loads(path.read_text(encoding="utf-8"))
    assert actual == expected
