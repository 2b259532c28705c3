"""`kefu-check analyze`: golden sequences (fixtures/sequences/*), formats, languages, exit codes, bad input."""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path

import pytest
from conftest import Kefu, contract_dict, invoice, month_dict

from kefu_check.sequence.words import WORDS

REPO = Path(__file__).resolve().parents[1]
SEQUENCES = sorted(p for p in (REPO / "fixtures" / "sequences").iterdir() if (p / "expected.json").is_file())
IDS = [p.name for p in SEQUENCES]


def month_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("20??-??.json"))


@pytest.mark.parametrize("folder", SEQUENCES, ids=IDS)
def test_json_matches_golden(kefu: Kefu, folder: Path) -> None:
    run = kefu.run("analyze", folder, "--format", "json")
    assert run.out == (folder / "expected.json").read_text(encoding="utf-8")
    assert run.code == int((folder / "expected.exit").read_text())


@pytest.mark.parametrize("folder", SEQUENCES, ids=IDS)
def test_markdown_matches_golden(kefu: Kefu, folder: Path) -> None:
    run = kefu.run("analyze", folder, "--format", "markdown")
    assert run.out == (folder / "expected.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("folder", SEQUENCES, ids=IDS)
def test_files_in_any_order_give_the_same_bytes(kefu: Kefu, folder: Path) -> None:
    outs = {kefu.run("analyze", "--format", "json", *order).out for order in itertools.permutations(month_files(folder))}
    assert len(outs) == 1


@pytest.mark.parametrize("folder", SEQUENCES, ids=IDS)
def test_history_gives_analyze_last_month(kefu: Kefu, folder: Path) -> None:
    """`month.json --history DIR` is analyze's last month: same consequences, same metrics."""
    analysed = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    for i, path in enumerate(month_files(folder)):
        run = kefu.run("--format", "json", path, "--history", folder)
        assert run.code in (0, 1), run.err
        doc = run.doc
        upto = kefu.run("analyze", "--format", "json", *month_files(folder)[: i + 1]).doc["months"][-1]
        assert doc["consequences"] == upto["consequences"]
        assert doc["metrics"] == upto["metrics"]
    assert doc["consequences"] == analysed["months"][-1]["consequences"]  # the whole folder, later months none


@pytest.mark.parametrize("folder", SEQUENCES, ids=IDS)
def test_english_differs_only_in_prose(kefu: Kefu, folder: Path) -> None:
    zh = kefu.run("analyze", folder, "--format", "json").doc
    en = kefu.run("analyze", folder, "--format", "json", "--lang", "en").doc
    for doc in (zh, en):
        for month in doc["months"]:
            for c in month["consequences"]:
                del c["message"], c["because"]
    assert zh == en


def test_dispute_story(kefu: Kefu) -> None:
    """What a lawyer reads first: who breached first, the early suspension, the money each way."""
    doc = kefu.run("analyze", REPO / "fixtures/sequences/dispute-quarter", "--format", "json").doc
    assert doc["first_breach"] == {
        "provider": {"date": "2026-10-08", "id": "confidentiality.provider_breach", "subject": "SEC-7"},
        "client": {"date": "2026-10-21", "id": "payment.overdue", "subject": "INV-2026-09"},
    }
    assert doc["suspensions"] == [
        {"start": "2026-11-16", "came": "before_right", "right_on": "2026-11-20", "first_wrongful_day": "2026-11-16"}
    ]
    assert doc["totals"]["net_to_provider"] == "-51610.00"
    late = [t for t in doc["timeline"] if t["id"] == "payment.late_fee" and t["subject"] == "INV-2026-09"]
    assert late == [
        {"date": "2026-10-21", "period": "2026-10", "id": "payment.late_fee", "subject": "INV-2026-09",
         "party": "client", "amount": "360.00"}
    ]
    ids_by_month = [[c["id"] for c in m["consequences"]] for m in doc["months"]]
    assert [ids.count("sla.availability") for ids in ids_by_month] == [0, 1, 0]
    assert [ids.count("confidentiality.provider_breach") for ids in ids_by_month] == [1, 0, 0]
    assert "renewal.deadline_upcoming" not in ids_by_month[1]  # October's objection is carried
    assert "report.missing" not in ids_by_month[2]  # November's file listed the delivery


@pytest.mark.parametrize("fmt", ["table", "markdown"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_views_say_the_totals_and_the_early_suspension(kefu: Kefu, fmt: str, lang: str) -> None:
    out = kefu.run("analyze", REPO / "fixtures/sequences/dispute-quarter", "--format", fmt, "--lang", lang).out
    assert "-51,610.00" in out and "52,000.00" in out
    assert WORDS[lang]["before_right"].split("{")[0] in out


def test_output_file_and_fail_on(kefu: Kefu, tmp_path: Path) -> None:
    folder = REPO / "fixtures/sequences/calm-quarter"
    target = tmp_path / "out.json"
    run = kefu.run("analyze", folder, "--format", "json", "--output", target, "--fail-on", "warning")
    assert (run.code, run.out) == (0, "")
    assert target.read_text(encoding="utf-8") == (folder / "expected.json").read_text(encoding="utf-8")
    dispute = REPO / "fixtures/sequences/dispute-quarter"
    assert kefu.run("analyze", dispute, "--fail-on", "never").code == 0
    assert kefu.run("analyze", dispute).code == 1


def test_catalogue_complete_and_same_placeholders() -> None:
    """Every view sentence exists in both languages, with the same placeholders."""
    assert WORDS["zh"].keys() == WORDS["en"].keys()
    for key in WORDS["zh"]:
        fields = [set(re.findall(r"{(\w+)}", WORDS[lang][key])) for lang in ("zh", "en")]
        assert fields[0] == fields[1], key


@pytest.mark.parametrize("fmt", ["markdown", "table", "html"])
def test_no_english_view_text_in_chinese_output(kefu: Kefu, tmp_path: Path, fmt: str) -> None:
    folder = REPO / "fixtures/sequences/dispute-quarter"
    if fmt == "html":
        kefu.run("analyze", folder, "--html", tmp_path / "r.html")
        page = re.sub(r"<svg.*?</svg>|<style>.*?</style>", "", (tmp_path / "r.html").read_text(encoding="utf-8"), flags=re.S)
        out = re.sub(r"<[^>]+>", " ", page.replace("<wbr>", ""))  # the text a reader sees, not tags and attributes
    else:
        out = kefu.run("analyze", folder, "--format", fmt).out
    out = re.sub(r"\b[a-z_]+(\.[a-z_]+)+\b", "", out)  # consequence ids are the same in both languages
    for key, text in WORDS["en"].items():
        fixed = [part for part in re.split(r"{\w+}", text) if len(part.strip()) > 3]
        assert not any(part in out for part in fixed), key


# --- bad input: exit 2, one line -------------------------------------------------------------------------------


def write_months(kefu: Kefu, contract: dict, *months: dict, names: tuple[str, ...] = ()) -> list[Path]:
    kefu.write("contract.json", contract)
    return [kefu.write(names[i] if names else f"{m['period']}.json", m) for i, m in enumerate(months)]


def test_two_files_for_one_period(kefu: Kefu) -> None:
    paths = write_months(kefu, contract_dict(), month_dict("2026-10"), month_dict("2026-10"), names=("a.json", "b.json"))
    run = kefu.run("analyze", "--lang", "en", *paths)
    assert run.code == 2
    assert run.err.strip() == "b.json: period: 2026-10 is also the period of a.json"


def test_mixed_contracts(kefu: Kefu) -> None:
    paths = write_months(kefu, contract_dict(), month_dict("2026-09"))
    other = contract_dict(id="KF-OTHER")
    kefu.write("other.json", other)
    paths.append(kefu.write("2026-10.json", month_dict("2026-10", contract="other.json")))
    run = kefu.run("analyze", "--lang", "en", *paths)
    assert run.code == 2
    assert run.err.strip() == "2026-10.json: contract: contract 'KF-OTHER' is not the contract 'KF-TEST-001' of 2026-09.json"


def test_no_month_files_and_bad_month(kefu: Kefu, tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    run = kefu.run("analyze", empty)
    assert run.code == 2 and "没有月度文件" in run.err and "Traceback" not in run.err  # Chinese by default (SPEC §10)
    assert "no month files" in kefu.run("analyze", "--lang", "en", empty).err
    paths = write_months(kefu, contract_dict(), month_dict("2026-10", invoices=[invoice("2026-13")]))
    run = kefu.run("analyze", *paths)
    assert run.code == 2 and run.err.count("\n") == 1 and "invoices[0].cycle" in run.err


def test_inputs_are_not_modified(kefu: Kefu, tmp_path: Path) -> None:
    paths = write_months(kefu, contract_dict(), month_dict("2026-10", invoices=[invoice("2026-09")]))
    before = {p: p.read_bytes() for p in tmp_path.iterdir()}
    kefu.run("analyze", tmp_path, "--format", "markdown", "--html", tmp_path / "r.html")
    assert {p: p.read_bytes() for p in before} == before
    assert paths


def test_matplotlib_only_for_html(tmp_path: Path) -> None:
    """The charts' heavy dependency is imported by `--html` alone, never by `import kefu_check` or JSON output."""
    import subprocess
    import sys

    folder = REPO / "fixtures/sequences/calm-quarter"
    probe = (
        "import sys, contextlib, io\n"
        "from kefu_check.cli import main\n"
        "args = sys.argv[1:]\n"
        "with contextlib.suppress(SystemExit), contextlib.redirect_stdout(io.StringIO()):\n"
        "    main(args)\n"
        "print('matplotlib' in sys.modules)\n"
    )
    plain = subprocess.run([sys.executable, "-c", probe, "analyze", str(folder), "--format", "json"],
                           capture_output=True, text=True, check=True)
    html = subprocess.run([sys.executable, "-c", probe, "analyze", str(folder), "--html", str(tmp_path / "r.html")],
                          capture_output=True, text=True, check=True)
    assert (plain.stdout.strip(), html.stdout.strip()) == ("False", "True")
