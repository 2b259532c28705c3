"""`--format csv` of the monthly check (SPEC §11): one row per consequence, the §3 fields, `because` joined by
newlines, UTF-8 with a BOM; and it opens in LibreOffice Calc with the Chinese intact."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import Kefu

from kefu_check.render.csv import FIELDS, HEAD

REPO = Path(__file__).resolve().parents[1]
DEMO = REPO / "fixtures" / "demo" / "month.json"
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def parse(text: str) -> list[dict[str, str]]:
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:], newline="")))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_one_row_per_consequence_with_the_json_fields(kefu: Kefu, lang: str) -> None:
    doc = json.loads(kefu.run("--format", "json", "--lang", lang, DEMO).out)
    run = kefu.run("--format", "csv", "--lang", lang, DEMO)
    assert run.code == 1  # the exit code is the check's, whatever the format
    rows = parse(run.out)
    assert list(rows[0]) == [*HEAD, *FIELDS]
    assert len(rows) == len(doc["consequences"])
    for row, c in zip(rows, doc["consequences"], strict=True):
        assert (row["contract"], row["period"], row["as_of"]) == (doc["contract"], doc["period"], doc["as_of"])
        for key in FIELDS:
            expected = c[key]
            if key == "because":
                expected = "\n".join(expected)
            elif key == "excused_by":
                expected = "; ".join(expected)
            assert row[key] == ("" if expected is None else str(expected)), key
    assert "\r\n" in run.out and any("\n" in r["because"] for r in rows)


def test_bytes_on_file_are_utf8_with_bom(kefu: Kefu) -> None:
    target = kefu.dir / "month.csv"
    run = kefu.run("--format", "csv", "--output", target, DEMO)
    assert run.code == 1 and run.out == ""
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and data.count(b"\xef\xbb\xbf") == 1
    assert "逾期付款违约金" in data.decode("utf-8-sig")


def test_a_batch_is_one_table(kefu: Kefu) -> None:
    months = [REPO / "fixtures" / name / "month.json" for name in ("demo", "on-time-month", "partial-payments")]
    run = kefu.run("--format", "csv", *months)
    rows = parse(run.out)
    docs = [json.loads(kefu.run("--format", "json", m).out) for m in months]
    assert [r["contract"] for r in rows] == [d["contract"] for d in docs for _ in d["consequences"]]
    assert run.out.count("\ufeff") == 1


def test_csv_is_the_last_format_and_only_the_monthly_checks() -> None:
    from kefu_check.render import REGISTRY, formats

    assert list(REGISTRY)[-1] == "csv"
    assert "csv" in formats("check") and "csv" not in formats("analyze") and "csv" not in formats("review")


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed (apt-get install libreoffice-calc)")
def test_opens_in_libreoffice_calc_with_the_chinese_intact(kefu: Kefu, tmp_path: Path) -> None:
    """Headless Calc shows no text-import dialog, so the conversion names the file's charset (UTF-8, 76)."""
    openpyxl = pytest.importorskip("openpyxl")
    source = tmp_path / "month.csv"
    kefu.run("--format", "csv", "--output", source, DEMO)
    out = tmp_path / "out"
    done = subprocess.run(
        [
            SOFFICE,
            "--headless",
            f"-env:UserInstallation={(tmp_path / 'lo-profile').as_uri()}",
            "--infilter=CSV:44,34,76,1",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(out),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
        env={**os.environ, "HOME": str(tmp_path)},
    )
    assert done.returncode == 0, done.stderr
    sheet = openpyxl.load_workbook(out / "month.xlsx").active
    values = list(sheet.iter_rows(values_only=True))
    expected = parse(source.read_text(encoding="utf-8"))
    assert list(values[0]) == [*HEAD, *FIELDS]  # the BOM is not part of the first header
    assert len(values) == len(expected) + 1
    message, because = FIELDS.index("message") + len(HEAD), FIELDS.index("because") + len(HEAD)
    for row, want in zip(values[1:], expected, strict=True):
        assert row[message] == want["message"]
        assert row[because] == want["because"]  # the reasons' newlines stay inside one cell
    assert any("逾期付款违约金" in (row[message] or "") for row in values[1:])
