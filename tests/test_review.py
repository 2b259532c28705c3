"""`kefu-check review`: the SPEC §5 findings of the template, the clean agreement and its defect variants."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from test_review_support import DEFECTS, FILLED, FIXTURES, TEMPLATE, docx_bytes, golden, patched

from kefu_check.review.messages import FINDINGS, WORDS

CJK = re.compile(r"[\u3400-\u9fff]")


def review_json(kefu, path: Path, *args: str) -> tuple[int, dict]:
    run = kefu.run("review", "--format", "json", *args, path)
    assert run.code in (0, 1), run.err
    return run.code, json.loads(run.out)


def test_clean_filled_agreement_has_no_finding(kefu):
    code, doc = review_json(kefu, FILLED)
    assert code == 0
    assert doc == {
        "kefu_check": 1,
        "contract": "KF-2026-DEMO",
        "source": "filled.txt",
        "findings": [],
        "summary": {"error": 0, "warning": 0, "info": 0},
    }


def test_clean_filled_agreement_as_docx_has_no_finding(kefu):
    path = kefu.write("filled.docx", docx_bytes(FILLED.read_text(encoding="utf-8")))
    code, doc = review_json(kefu, path)
    assert (code, doc["findings"], doc["source"]) == (0, [], "filled.docx")


def test_template_every_blank_found_and_located(kefu):
    code, doc = review_json(kefu, TEMPLATE, "--lang", "en")
    assert code == 1
    golden(FIXTURES / "template.expected.json", doc)
    blanks = [f for f in doc["findings"] if f["id"] == "review.placeholder"]
    text = TEMPLATE.read_text(encoding="utf-8").split("\n")
    # 33 opening brackets, one blank nested in the 4.2 example: 32 blanks, every line with a bracket among them
    assert sum(line.count("[") for line in text) == 33 and len(blanks) == 32
    assert {f["location"]["line"] for f in blanks} == {n for n, line in enumerate(text, 1) if "[" in line}
    for finding in blanks:
        blank = finding["message"].removeprefix("unfilled blank: ")
        assert blank in text[finding["location"]["line"] - 1]


@pytest.mark.parametrize("name", DEFECTS)
def test_defect_fixture_gives_exactly_the_expected_findings(kefu, name):
    path = kefu.write(f"{name}.txt", patched(name))
    code, doc = review_json(kefu, path, "--lang", "en")
    golden(FIXTURES / "defects" / f"{name}.expected.json", doc)
    assert code == int(doc["summary"]["error"] > 0)


def test_defect_findings_by_id():
    """The defects each golden file pins down, stated here too so that a regenerated golden cannot drop one."""
    expected = {
        "late-fee-high": {"review.late_fee_high"},
        "payee-name-mismatch": {"review.bank_account_name_mismatch"},
        "bad-credit-code": {"review.credit_code_invalid"},
        "amount-words-mismatch": {"review.amount_words_mismatch"},
        "no-report-schedule": {"review.report_schedule_missing"},
        "end-before-start": {"review.term_invalid"},
        "ambiguous-renewal": {"review.renewal_ambiguous"},
        "stated-months-mismatch": {"review.term_invalid"},
        "suspension-without-notice": {"review.suspension_without_notice", "review.sla_without_remedy"},
        "unreadable-rate": {"review.unread", "review.service_hours_holidays_ambiguous"},
    }
    assert sorted(expected) == DEFECTS
    for name, ids in expected.items():
        doc = json.loads((FIXTURES / "defects" / f"{name}.expected.json").read_text(encoding="utf-8"))
        assert {f["id"] for f in doc["findings"]} == ids, name


def test_late_fee_high_gives_the_annual_rate(kefu):
    _, doc = review_json(kefu, kefu.write("a.txt", patched("late-fee-high")), "--lang", "en")
    (finding,) = doc["findings"]
    assert "0.001" in finding["message"] and "36.5%" in finding["message"]
    assert finding["location"] == {"clause": "4.4", "line": 69}


def test_ambiguous_renewal_gives_each_reason(kefu):
    _, doc = review_json(kefu, kefu.write("a.txt", patched("ambiguous-renewal")))
    assert [f["location"] for f in doc["findings"]] == [{"clause": "3.2", "line": 53}] * 3
    assert len({f["message"] for f in doc["findings"]}) == 3


def test_docx_locations_are_paragraph_numbers(kefu):
    path = kefu.write("a.docx", docx_bytes(patched("payee-name-mismatch")))
    _, doc = review_json(kefu, path)
    assert [f["location"] for f in doc["findings"]] == [{"clause": "4.3", "line": 65}]


# --- contract.json input ------------------------------------------------------------------------------


def test_contract_json_findings_are_located_by_path(kefu):
    contract = json.loads((FIXTURES.parent / "demo" / "contract.json").read_text(encoding="utf-8"))
    contract["fees"]["bank"]["account_name"] = "[甲方账户全称]"
    contract["fees"]["late_fee_daily_rate"] = "0.001"
    contract["provider"]["credit_code"] = "91350100M000100Y44"
    contract["term"]["renewal"]["renew_months"] = None
    contract["standards"]["service_hours"]["calendar"] = None
    del contract["fees"]["cycle"]
    code, doc = review_json(kefu, kefu.write("contract.json", contract), "--lang", "en")
    found = {(f["id"], f["location"]["path"], f["severity"]) for f in doc["findings"]}
    assert found == {
        ("review.placeholder", "fees.bank.account_name", "error"),
        ("review.term_missing", "fees.cycle", "error"),
        ("review.late_fee_high", "fees.late_fee_daily_rate", "warning"),
        ("review.credit_code_invalid", "provider.credit_code", "error"),
        ("review.renewal_ambiguous", "term.renewal.renew_months", "warning"),
        ("review.service_hours_holidays_ambiguous", "standards.service_hours.calendar", "warning"),
    }
    assert code == 1
    assert "expected 3" in next(f["message"] for f in doc["findings"] if f["id"] == "review.credit_code_invalid")


def test_demo_contract_json_is_clean(kefu):
    code, doc = review_json(kefu, FIXTURES.parent / "demo" / "contract.json")
    assert (code, doc["findings"]) == (0, [])


def test_round_the_clock_service_is_not_ambiguous(kefu):
    contract = json.loads((FIXTURES.parent / "demo" / "contract.json").read_text(encoding="utf-8"))
    contract["standards"]["service_hours"] = {
        "days": ["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
        "start": "00:00",
        "end": "24:00",
    }
    _, doc = review_json(kefu, kefu.write("c.json", contract))
    assert doc["findings"] == []


def test_yaml_contract_is_accepted(kefu):
    contract = (FIXTURES.parent / "demo" / "contract.json").read_text(encoding="utf-8")
    code, doc = review_json(kefu, kefu.write("c.yaml", contract))
    assert (code, doc["findings"]) == (0, [])


# --- formats, exit codes, output ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fail_on", "name", "code"),
    [
        ("error", "late-fee-high", 0),
        ("warning", "late-fee-high", 1),
        ("never", "bad-credit-code", 0),
        ("error", "bad-credit-code", 1),
    ],
)
def test_fail_on(kefu, fail_on, name, code):
    run = kefu.run("review", "--fail-on", fail_on, kefu.write("a.txt", patched(name)))
    assert run.code == code, run.err


@pytest.mark.parametrize("fmt", ["table", "json", "markdown"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_output_is_deterministic_and_written_to_file(kefu, fmt, lang):
    source = kefu.write("a.txt", patched("ambiguous-renewal"))
    first = kefu.run("review", "--format", fmt, "--lang", lang, source)
    again = kefu.run("review", "--format", fmt, "--lang", lang, source)
    assert first.out == again.out and first.code == again.code == 0
    out = kefu.dir / f"review.{fmt}"
    written = kefu.run("review", "--format", fmt, "--lang", lang, "--output", out, source)
    assert written.out == "" and out.read_text(encoding="utf-8") == first.out


def test_markdown_is_a_table_with_the_summary(kefu):
    run = kefu.run("review", "--format", "markdown", "--lang", "en", kefu.write("a.txt", patched("late-fee-high")))
    lines = run.out.splitlines()
    assert lines[0].startswith("# Pre-signing review of contract KF-2026-DEMO")
    assert lines[2].startswith("| clause | location |") and lines[4].startswith(
        "| 4.4 | line 69 | review.late_fee_high |"
    )
    assert lines[-1] == "Summary: 0 errors, 1 warnings, 0 info"


def test_output_never_overwrites_the_input(kefu):
    source = kefu.write("a.txt", patched("late-fee-high"))
    before = source.read_bytes()
    run = kefu.run("review", "--output", source, source)
    assert run.code == 2 and "overwrite" in run.err and source.read_bytes() == before


def test_account_number_is_never_printed_whole(kefu):
    for fmt in ("table", "json", "markdown"):
        run = kefu.run("review", "--format", fmt, kefu.write("a.txt", patched("payee-name-mismatch")))
        assert "1219 0837 5610 501" not in run.out and "12190837" not in run.out


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("c.pdf", "x", "a.pdf: a PDF cannot be read: open it in Word, WPS or LibreOffice and save it as .docx"),
        ("missing.txt", None, "missing.txt: no such file"),
        ("c.json", "{", "c.json: invalid JSON"),
        ("c.json", '{"fees": {"late_fee_daily_rate": 0.0005, "oops": 1}}', "c.json: fees: unknown key 'oops'"),
    ],
)
def test_bad_input_is_one_line_exit_2(kefu, name, content, problem):
    path = kefu.dir / name if content is None else kefu.write(name, content)
    if name == "c.pdf":
        path = kefu.write("a.pdf", content)
    run = kefu.run("review", "--lang", "en", path)
    assert run.code == 2 and run.err.strip().startswith(problem) and len(run.err.strip().splitlines()) == 1


# --- the message catalogue ------------------------------------------------------------------------------


def test_catalogue_has_every_key_in_both_languages_with_the_same_parameters():
    assert FINDINGS["zh"].keys() == FINDINGS["en"].keys() and WORDS["zh"].keys() == WORDS["en"].keys()
    for key in FINDINGS["zh"]:
        for zh, en in zip(FINDINGS["zh"][key], FINDINGS["en"][key], strict=True):
            assert set(re.findall(r"{(\w+)}", zh)) == set(re.findall(r"{(\w+)}", en)), key


def test_no_untranslated_text_leaks_into_english():
    """English texts hold Chinese only as quoted contract wording (“…”), which is what a lawyer pastes in."""
    texts = [t for pair in FINDINGS["en"].values() for t in pair] + list(WORDS["en"].values())
    for text in texts:
        assert not CJK.search(re.sub(r"“[^”]*”", "", text)), text


def test_english_review_of_the_template_prints_chinese_only_in_quotes_and_blanks(kefu):
    run = kefu.run("review", "--format", "json", "--lang", "en", TEMPLATE)
    for finding in json.loads(run.out)["findings"]:
        for text in (finding["message"], finding["suggestion"]):
            rest = re.sub(r"“[^”]*”|\[.*\]", "", text)
            assert not CJK.search(rest), text


@pytest.mark.parametrize("figures", ["123456789012345678901234567890.00", "9" * 5000])
def test_figures_too_large_for_words_are_a_finding_not_a_crash(kefu, figures):
    """An amount's figures of 10^16 yuan or more (past 万亿, and past 28 digits, where rounding to the fen raised
    InvalidOperation): the mismatch is reported, with no wording suggested ('—')."""
    text = FILLED.read_text(encoding="utf-8").replace("¥28,000.00", f"¥{figures}")
    code, doc = review_json(kefu, kefu.write("a.txt", text), "--lang", "en")
    (found,) = [f for f in doc["findings"] if f["id"] == "review.amount_words_mismatch"]
    assert code == 1 and "人民币—" in found["suggestion"] and "28,000.00" in found["message"], found
