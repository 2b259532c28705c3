"""No untranslated text leaks: Chinese output has no English words, English output no Chinese characters.

Identifiers and numbers aside: consequence ids, the inputs' own ids and keys (invoice, outage and incident
ids, channel names), the contract id, the product's name and the markup of a format are not prose.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from conftest import contract_dict, invoice, month_dict

from kefu_check.catalogue import CONSEQUENCES

REPO = Path(__file__).resolve().parents[1]
FIXTURES = sorted(p.parent for p in (REPO / "fixtures").glob("*/month.json"))
FORMATS = ("table", "markdown", "junit", "github")
MARKUP = re.compile(r"<[^>]*>|&#?\w+;|^::(?:error|warning|notice) file=[^,]*,title=|kefu-check|%0A|%25", re.M)
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")


def identifiers(data: Any) -> set[str]:
    """Every id value and object key of the user's documents: names the user chose, not prose."""
    found: set[str] = set()
    if isinstance(data, dict):
        for key, value in data.items():
            found.add(str(key))
            if key in ("id", "invoice_id", "subject") and isinstance(value, str):
                found.add(value)
            found |= identifiers(value)
    elif isinstance(data, list):
        for item in data:
            found |= identifiers(item)
    return found


def prose(text: str, ids: set[str]) -> str:
    text = MARKUP.sub(" ", text)
    for name in sorted({*CONSEQUENCES, *ids}, key=len, reverse=True):
        text = text.replace(name, " ")
    return text


def leaks(text: str, lang: str, ids: set[str]) -> list[str]:
    rest = prose(text, ids)
    return sorted(set(LATIN_WORD.findall(rest) if lang == "zh" else CJK.findall(rest)))


def _ids(folder: Path) -> set[str]:
    month = json.loads((folder / "month.json").read_text(encoding="utf-8"))
    contract = json.loads((folder / "contract.json").read_text(encoding="utf-8"))
    expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    return identifiers(month) | {contract.get("id") or ""} | {c["subject"] or "" for c in expected["consequences"]}


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("fixture", FIXTURES, ids=[f.name for f in FIXTURES])
def test_no_untranslated_text_in_any_format(fixture: Path, lang: str, kefu, monkeypatch) -> None:
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    monkeypatch.chdir(fixture)
    ids = _ids(fixture)
    for fmt in FORMATS:
        run = kefu.run("--format", fmt, "--lang", lang, "month.json")
        assert leaks(run.out, lang, ids) == [], f"{fmt}: {run.out}"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_untranslated_text_with_waivers(lang: str, kefu) -> None:
    month = month_dict(
        "2026-10",
        invoices=[invoice("2026-09", ("2026-10-26", "20000.00"))],
        waivers=[
            {
                "id": "payment.late_fee",
                "subject": "INV-2026-09",
                "reason": "R",
                "approved_by": "A",
                "expires": "2026-12-31",
            },
            {
                "id": "payment.late_fee",
                "subject": "INV-2026-08",
                "reason": "R",
                "approved_by": "A",
                "expires": "2026-12-31",
            },
            {
                "id": "payment.overdue",
                "subject": "INV-2026-09",
                "reason": "R",
                "approved_by": "A",
                "expires": "2026-10-01",
            },
        ],
    )
    kefu.check(contract_dict(), month)
    ids = identifiers(month) | {"KF-TEST-001", "R", "A", "waiver"}  # "waiver" is the clause SPEC §4.0 gives
    for fmt in FORMATS:
        out = kefu.run("--format", fmt, "--lang", lang, kefu.dir / "month.json").out
        assert leaks(out, lang, ids) == [], f"{fmt}: {out}"


def test_the_leak_check_can_fail() -> None:
    assert leaks("逾期 late fee 60.00", "zh", set()) == ["fee", "late"]
    assert leaks("late fee 违约金", "en", set()) == ["约", "违", "金"]
    assert leaks("INV-7 逾期", "zh", {"INV-7"}) == []
