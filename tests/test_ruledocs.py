"""`kefu-check rules`, `kefu-check explain ID` and docs/rules.md: one page per consequence id, from one source."""

from __future__ import annotations

import contextlib
import io
import json
import re
from pathlib import Path

import pytest
from conftest import WEEKDAYS_9_TO_6, contract_dict, month_dict, statutory_days
from hypothesis import given, settings
from hypothesis import strategies as st

from kefu_check.catalogue import CONSEQUENCES
from kefu_check.cli import main
from kefu_check.ruledocs import examples
from kefu_check.ruledocs.source import entries, rule_quotes
from kefu_check.ruledocs.views import rules_doc
from kefu_check.ruledocs.words import KIND, WORDS
from kefu_check.ruledsl import Page

ROOT = Path(__file__).resolve().parents[1]
PAGES = {cid: kind.page for cid, kind in CONSEQUENCES.items()}
CJK = re.compile(r"[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]")
WITH_EXAMPLE = sorted(cid for cid, page in PAGES.items() if page.example)


def texts(page: Page) -> list[tuple[str, str]]:
    return [pair for pair in (page.meaning, page.trigger, page.why, page.example_text) if pair]


def english_prose(text: str) -> str:
    """An English text without what may stay Chinese: `code`, and the Chinese words it glosses (in parentheses
    or named as the agreement's terms)."""
    return re.sub(r"`[^`]*`|\([^)]*\)|[\u3400-\u9fff]+(?= =| include| of)", "", text)


def test_every_consequence_id_has_a_page_and_every_page_an_id() -> None:
    assert sorted(PAGES) == sorted(CONSEQUENCES), "every consequence declares its page"


@pytest.mark.parametrize("cid", sorted(PAGES))
def test_every_page_is_written_in_both_languages(cid: str) -> None:
    page = PAGES[cid]
    assert page.example or page.example_text, "a page needs a worked example: a fixture or a text"
    for zh, en in texts(page):
        assert zh.strip() and en.strip() and zh != en
        assert CJK.search(zh), f"{cid}: the zh text has no Chinese: {zh!r}"
        assert not CJK.search(english_prose(en)), f"{cid}: untranslated text in en: {en!r}"
    assert "\n" not in page.meaning[0] + page.meaning[1]


def test_the_label_catalogue_is_complete_in_both_languages() -> None:
    assert WORDS["zh"].keys() == WORDS["en"].keys()
    assert KIND["zh"].keys() == KIND["en"].keys() == {k.kind for k in CONSEQUENCES.values()}
    for key, en in WORDS["en"].items():
        assert not CJK.search(en), key
        assert re.findall(r"\{(\w+)", en) == re.findall(r"\{(\w+)", WORDS["zh"][key]), key


def test_every_rule_raised_id_quotes_its_clause() -> None:
    quotes = rule_quotes()
    assert set(quotes) <= set(CONSEQUENCES)
    assert sorted(set(CONSEQUENCES) - set(quotes)) == ["waiver.expired", "waiver.unused"]  # not clauses: SPEC §2.2
    for cid, found in quotes.items():
        assert all(CJK.search(quote) for _, quote in found), cid


@pytest.mark.parametrize("cid", WITH_EXAMPLE)
def test_each_example_fixture_raises_its_id_as_the_golden_output_says(cid: str) -> None:
    example = PAGES[cid].example
    assert example is not None
    run = examples.run(cid, example, "zh")
    assert run.consequences, f"fixtures/{example.fixture} does not raise {cid} (subject {example.subject})"
    golden = json.loads((ROOT / "fixtures" / example.fixture / "expected.json").read_text("utf-8"))
    expected = [c for c in golden["consequences"] if c["id"] == cid]
    shown = [c.as_json() for c in run.consequences]
    stale = [c for c in shown if c not in expected]  # the example is the golden output, line for line
    assert not stale, f"fixtures/{example.fixture}: the run differs from expected.json (update the goldens first)"
    assert all(value != "null" or path == "as_of" for _, path, value in run.inputs)


def test_example_inputs_name_fields_that_exist() -> None:
    doc = {"fees": {"monthly_fee": 1}, "invoices": [{"id": "A"}, {"id": "B"}]}
    assert examples.lookup(doc, "invoices[1].id") == "B"
    with pytest.raises(KeyError):
        examples.lookup(doc, "fees.monthly")


def test_rules_lists_every_id_in_each_format(kefu) -> None:
    table = kefu.run("rules")
    assert table.code == 0
    assert all(cid in table.out for cid in CONSEQUENCES)
    assert "含义" in table.out and "违约金" in table.out  # zh by default
    listed = kefu.run("rules", "--format", "json", "--lang", "en")
    rows = json.loads(listed.out)
    assert sorted(r["id"] for r in rows) == sorted(CONSEQUENCES)
    late_fee = next(r for r in rows if r["id"] == "payment.late_fee")
    assert late_fee == {
        "id": "payment.late_fee",
        "clause": "4.4",
        "kind": "liability",
        "severity": "error",
        "party": "client",
        "counterparty": "provider",
        "title": "late-payment fee",
        "meaning": PAGES["payment.late_fee"].meaning[1],
    }
    assert all(r["severity"] == CONSEQUENCES[r["id"]].severity for r in rows)
    markdown = kefu.run("rules", "--format", "markdown", "--lang", "en").out
    assert markdown.splitlines()[0].startswith("| id")
    assert "| `sla.first_response`" in markdown


def test_explain_prints_the_clause_trigger_why_and_the_example_run(kefu) -> None:
    zh = kefu.run("explain", "payment.late_fee")
    assert zh.code == 0 and zh.err == ""
    for part in (
        "条款原文",
        "何时触发",
        "为何重要",
        "示例",
        "每逾期一日,应按当期应付未付金额的[百分比,例如:万分之五]向甲方支付违约金",
    ):
        assert part in zh.out
    assert "fixtures/demo/month.json" in zh.out
    assert "INV-2026-09 逾期付款违约金 70.00 元" in zh.out  # the golden message of the demo fixture
    en = kefu.run("explain", "payment.late_fee", "--lang", "en")
    for part in ("Clause text", "When it is raised", "Why it matters", "late fee on INV-2026-09: 70.00"):
        assert part in en.out
    assert "2026-10-21…2026-10-22: 2 days × 28,000.00 × 0.0005 = 28.00" in en.out
    assert kefu.run("explain", "payment.late_fee", "--lang", "en").out == en.out  # deterministic


def test_explain_shows_an_excused_breach_as_excused(kefu) -> None:
    out = kefu.run("explain", "sla.resolution", "--lang", "en").out
    assert "(excused by client.cooperation_failure)" in out


def test_explain_without_a_fixture_gives_the_worked_example_in_words(kefu) -> None:
    out = kefu.run("explain", "waiver.unused", "--lang", "en").out
    assert PAGES["waiver.unused"].example_text[1] in out  # type: ignore[index]
    assert "Not a clause of the agreement" in out


@pytest.mark.parametrize(
    ("cid", "lang", "expected"),
    [
        ("payment.late", "en", "unknown consequence id 'payment.late'; did you mean: payment.late_fee"),
        ("sla.first_respons", "zh", "未知的法律后果编号 'sla.first_respons';是否指:sla.first_response"),
        ("nothing-like-it", "en", "unknown consequence id 'nothing-like-it'; run `kefu-check rules` for the list"),
    ],
)
def test_explain_an_unknown_id_exits_2_with_one_line_of_close_matches(kefu, cid: str, lang: str, expected: str) -> None:
    result = kefu.run("explain", cid, "--lang", lang)
    assert result.code == 2 and result.out == ""
    assert len(result.err.splitlines()) == 1 and result.err.startswith(expected)


def test_docs_rules_md_is_generated_from_the_same_source() -> None:
    committed = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert committed == rules_doc(), "docs/rules.md is out of date: run `.venv/bin/python scripts/gen-docs.py`"
    for entry in entries():
        assert f"## {entry.id} (" in committed and f"## {entry.id}(" in committed


def test_the_worked_example_of_calendar_estimated_holds(kefu) -> None:
    from chinese_calendar import constants

    if max(constants.holidays).year >= 2027:
        pytest.skip("the calendar package now knows 2027: move the example to a year it does not know")
    term = {"start": "2026-07-01", "end": "2027-06-30", "renewal": {"auto": False}}
    standards = {"service_hours": WEEKDAYS_9_TO_6, "availability": {"min_percent": "99.5", "year": "contract"}}
    contract, month = contract_dict(term=term, standards=standards), month_dict("2026-10")
    assert kefu.check(contract, month).one("calendar.estimated", "2027")
    kefu.write("2027.json", {"year": 2027, "holidays": statutory_days(2027), "workdays": []})
    assert "calendar.estimated" not in kefu.check(contract, month, "--holidays", str(kefu.dir / "2027.json")).ids()


@settings(max_examples=60, deadline=None)
@given(st.text(min_size=1, max_size=40).filter(lambda s: s not in CONSEQUENCES and not s.startswith("-")))
def test_any_unknown_id_is_one_line_and_exit_2(cid: str) -> None:
    err = io.StringIO()
    out = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(out), pytest.raises(SystemExit) as done:
        main(["explain", cid, "--lang", "en"])
    assert done.value.code == 2 and out.getvalue() == ""
    assert err.getvalue().count("\n") == 1 and "Traceback" not in err.getvalue()


# --- the rules quote the agreement ---------------------------------------------------------------------


def test_the_rules_agreement_is_the_published_template() -> None:
    from kefu_check.agreement import TEMPLATE

    seed = ROOT.parent / "shared" / "seed" / "agreement-template.zh.txt"
    ours = TEMPLATE.read_text(encoding="utf-8")
    assert ours == (ROOT / "fixtures" / "review" / "template.zh.txt").read_text(encoding="utf-8")
    if seed.is_file():  # beside the repository on the developers' machines
        assert ours == seed.read_text(encoding="utf-8")


def test_every_rule_quotes_its_clause_word_for_word() -> None:
    from kefu_check.rules import ARTICLES

    from kefu_check.agreement import clauses, quotes_clause

    wrong = [
        f"{rule.article}/{rule.name}: {rule.clause} does not say “{rule.quote}”"
        for article in ARTICLES
        for rule in article.rules
        if rule.quote and not quotes_clause(rule.quote, rule.clause)
    ]
    assert not wrong, "\n".join(wrong)
    assert "违约金" in clauses()["4.4"] and clauses()["2.1(1)"].startswith("(1)响应时间")
    assert not quotes_clause("逾期超过[30]日", "4.4")  # a sample value is not the template's blank


def test_every_consequence_is_raised_by_a_rule_that_names_it() -> None:
    from kefu_check.rules import ARTICLES

    raised = {kind.id for article in ARTICLES for rule in article.rules for kind in rule.raises}
    assert raised == set(CONSEQUENCES)
