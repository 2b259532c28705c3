"""`kefu-check validate` (SPEC §10), the catalogue of input problems in both languages, and control characters."""

from __future__ import annotations

import json
import re
import string
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import contract_dict, invoice, merge, month_dict
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kefu_check.models import Contract, MonthFacts
from kefu_check.problems import PROBLEMS, SUFFIXES, Problem, lang_of

ROOT = Path(__file__).resolve().parents[1]
CJK = re.compile("[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")

# --------------------------------------------------------------------------- the catalogue


def _fields(template: str) -> list[tuple[str, str]]:
    return [(name, spec or "") for _, name, spec, _ in string.Formatter().parse(template) if name]


def _keys(model: type, seen: set[type] | None = None) -> set[str]:
    """Every key of the input documents (field paths are printed as given, so they may appear in any language)."""
    from typing import get_args

    from pydantic import BaseModel

    seen = seen if seen is not None else set()
    out: set[str] = set()
    if model in seen:
        return out
    seen.add(model)
    for name, f in model.model_fields.items():
        out.update({name, f.alias or name})
        stack = [f.annotation]
        while stack:
            tp = stack.pop()
            if isinstance(tp, type) and issubclass(tp, BaseModel):
                out |= _keys(tp, seen)
            stack.extend(get_args(tp))
    return out


# What a Chinese message may hold in Latin letters besides ids and paths: commands, options, formats, literals.
TECHNICAL = {
    "kefu",
    "check",
    "analyze",
    "validate",
    "history",
    "holidays",
    "contract",
    "json",
    "JSON",
    "YAML",
    "UTF",
    "GBK",
    "GB18030",
    "iconv",
    "utf8",
    "ISO",
    "YYYY",
    "MM",
    "DD",
    "HH",
    "Qn",
    "true",
    "false",
    "alias",
    "tag",
    "FILE",
    "NOTICE",
    "year",
    "workdays",
    "Asia",
    "Shanghai",
    "uXXXX",
    "schema",
    "Excel",
    # agreements, notices and the configuration: file types, programs, options, the calendar package
    "Word",
    "word",
    "WPS",
    "LibreOffice",
    "OpenDocument",
    "PDF",
    "RTF",
    "docx",
    "txt",
    "yaml",
    "zip",
    "XML",
    "DTD",
    "TOML",
    "chinesecalendar",
    "annotate",
    "output",
    "help",
}
SAMPLE = {"given": "'x'", "key": "'x'", "near": "'y'", "path": "'p'", "file": "f", "blank": "'[x]'", "id": "'x'"}


def _render_all(lang: str) -> dict[str, str]:
    out = {}
    for kind, (zh, en) in PROBLEMS.items():
        params = {name: 7 if spec else SAMPLE.get(name, 7) for name, spec in _fields(zh) + _fields(en)}
        out[kind] = Problem(kind, params).render(lang)
    return out


def test_every_kind_has_both_languages_with_the_same_parameters() -> None:
    for kind, (zh, en) in {**PROBLEMS, **SUFFIXES}.items():
        assert {n for n, _ in _fields(zh)} <= {n for n, _ in _fields(en)}, kind  # zh: no OS wording (strerror)


@pytest.mark.parametrize("kind", list(PROBLEMS))
def test_every_kind_renders_in_chinese_without_english_words(kind: str) -> None:
    text = _render_all("zh")[kind]
    allowed = TECHNICAL | _keys(Contract) | _keys(MonthFacts) | {"on_time", "requests", "cases", "notice_months"}
    bare = re.sub(r"'[^']*'|[\w.]+\.[\w.]+", "", text)  # the user's (quoted) values and dotted paths as given
    words = set(re.findall(r"(?<![A-Za-z0-9])[A-Za-z_]{2,}(?![A-Za-z0-9])", bare))
    assert CJK.search(text), text
    assert words <= allowed, (kind, text, words - allowed)


@pytest.mark.parametrize("kind", list(PROBLEMS))
def test_every_kind_renders_in_english_without_chinese(kind: str) -> None:
    text = _render_all("en")[kind]
    assert not CJK.search(text), text
    assert re.search(r"[A-Za-z]{2,}", text), text


def test_the_language_of_a_command_line() -> None:
    assert lang_of(["month.json"]) == "zh"
    assert lang_of(["--lang", "en", "month.json"]) == lang_of(["month.json", "--lang=en"]) == "en"
    assert lang_of(["month.json"], {"check": {"lang": "en"}}) == "en"
    assert lang_of(["--lang", "zh"], {"check": {"lang": "en"}}) == "zh"


# --------------------------------------------------------------------------- validate


def five_problems() -> dict:
    return {
        **month_dict("2026-10"),
        "period": "2026-13",
        "invoices": [
            {"id": "A", "cycle": "2026-09", "amout": "20000.00"},
            {"id": "B", "cycle": "2026-9", "amount": "20,000.00"},
        ],
        "outages": [{"id": "O\u0001", "start": "2026-10-01T10:00", "end": "2026-10-01T11:00", "cause": "provider"}],
    }


def test_five_problems_are_five_lines(kefu) -> None:
    kefu.write("contract.json", contract_dict())
    path = kefu.write("month.json", five_problems())
    run = kefu.run("validate", "--lang", "en", path)
    assert run.code == 2 and run.err == ""
    label = str(path)
    assert run.out.splitlines() == [
        f"{label}: period: invalid period '2026-13' (expected YYYY-MM)",
        f"{label}: outages[0].id: contains the control character U+0001 (character 2); remove it",
        f"{label}: invoices[0]: unknown key 'amout' — did you mean 'amount'?",
        f"{label}: invoices[0].amount: required",
        f"{label}: invoices[1].cycle: invalid cycle '2026-9' (expected YYYY-MM or YYYY-Qn)",
        f"{label}: invoices[1].amount: amount '20,000.00' may not hold thousands separators or a currency sign: "
        "write '20000.00'",
    ]


def test_validate_speaks_chinese_by_default(kefu) -> None:
    kefu.write("contract.json", contract_dict())
    run = kefu.run("validate", kefu.write("month.json", five_problems()))
    assert run.code == 2
    lines = run.out.splitlines()
    assert len(lines) == 6 and all(CJK.search(line) for line in lines)
    assert lines[2].endswith("invoices[0]: 未知的键 'amout'——是否应为 'amount'?")


def test_the_monthly_check_keeps_one_line_and_counts_the_others(kefu) -> None:
    kefu.write("contract.json", contract_dict())
    path = kefu.write("month.json", five_problems())
    run = kefu.run("--lang", "en", path)
    assert run.code == 2
    assert run.err == (
        f"month.json: period: invalid period '2026-13' (expected YYYY-MM) (5 more problems: kefu-check validate {path})\n"
    )
    assert kefu.run(path).err.endswith(f"(另有 5 个问题:kefu-check validate {path})\n")


def test_the_fixtures_and_their_contracts_are_valid(kefu) -> None:
    months = sorted(ROOT.glob("fixtures/*/month.json"))
    contracts = sorted(ROOT.glob("fixtures/*/contract.json"))
    run = kefu.run("validate", *months, *contracts)
    assert (run.code, run.out, run.err) == (0, "", "")


def test_a_folder_stands_for_its_inputs_and_outputs_are_left_out(kefu) -> None:
    run = kefu.run("validate", ROOT / "fixtures" / "demo", ROOT / "fixtures" / "partial-payments")
    assert (run.code, run.out) == (0, "")  # expected.json (kefu-check's output) is not an input


def test_every_kind_of_document_is_recognised(kefu) -> None:
    kefu.write("contract.json", merge(contract_dict(), "fees.due_working_days", None))
    kefu.write("waivers.json", [{"id": "payment.late_fee", "reason": "r", "approved_by": "a"}])
    kefu.write("waivers2.json", {"waivers": [{"id": "x", "reason": "r", "approved_by": "a", "expires": "2026-02-30"}]})
    kefu.write("2027.json", {"year": 2027, "holidays": ["2027-13-01"], "workdays": []})
    kefu.write("other.json", {"hello": 1})
    kefu.write("v2.json", {"schema": "kefu-check/month@2", "period": "2026-10"})
    names = ["contract.json", "waivers.json", "waivers2.json", "2027.json", "other.json", "v2.json"]
    run = kefu.run("validate", "--lang", "en", *(kefu.dir / n for n in names))
    d = kefu.dir
    assert run.code == 2
    assert run.out.splitlines() == [
        f"{d}/contract.json: fees.due_working_days: required for the monthly check",
        f"{d}/waivers.json: [0].expires: required",
        f"{d}/waivers2.json: waivers[0].expires: invalid date '2026-02-30'",
        f"{d}/2027.json: holidays[0]: invalid date '2027-13-01'",
        f"{d}/other.json: cannot tell what this file is (no schema key, and not shaped like a contract, a month, "
        "waivers or a holiday file)",
        f"{d}/v2.json: schema: schema is 'kefu-check/month@2', expected one of 'kefu-check/contract@1', "
        "'kefu-check/month@1'",
    ]


def test_a_month_is_validated_with_its_contract_and_across_fields(kefu) -> None:
    kefu.write("contract.json", merge(contract_dict(), "fees.late_fee_daily_rate", "-1"))
    month = month_dict("2026-10", as_of="2026-09-30", invoices=[invoice("2026-09", id="X"), invoice("2026-08", id="X")])
    run = kefu.run("validate", "--lang", "en", kefu.write("month.json", month))
    d = kefu.dir
    assert run.out.splitlines() == [
        f"{d}/contract.json: fees.late_fee_daily_rate: must not be negative, got -1",
        f"{d}/month.json: as_of: 2026-09-30 is before the period 2026-10",
        f"{d}/month.json: invoices[1].id: duplicate invoice id 'X'",
    ]
    inline = {**month_dict("2026-10"), "contract": merge(contract_dict(), "fees.amont", 1)}
    run = kefu.run("validate", "--lang", "en", kefu.write("inline.json", inline))
    assert run.out == f"{d}/inline.json: contract.fees: unknown key 'amont'\n"
    missing = {**month_dict("2026-10"), "contract": "nowhere.json"}
    run = kefu.run("validate", "--lang", "en", kefu.write("m.json", missing))
    assert run.out.startswith(f"{d}/m.json: contract: names the contract file 'nowhere.json', which does not exist")


def test_a_contract_reports_its_requirements_beside_its_shape(kefu) -> None:
    contract = merge(merge(contract_dict(), "fees.monthly_fee", "x"), "provider.name", "[甲方公司全称]")
    contract = merge(contract, "term.end", "2025-12-31")
    run = kefu.run("validate", "--lang", "en", kefu.write("c.json", contract))
    d = kefu.dir
    assert run.out.splitlines() == [
        f"{d}/c.json: fees.monthly_fee: invalid number 'x'",  # not "required" again once refused
        f"{d}/c.json: term.end: 2025-12-31 is before term.start 2026-01-01",
        f"{d}/c.json: provider.name: required for the monthly check (unfilled blank '[甲方公司全称]')",
    ]


def test_a_gbk_file_is_named_with_how_to_convert_it(kefu) -> None:
    path = kefu.write("contract.json", json.dumps(contract_dict(), ensure_ascii=False).encode("gbk"))
    run = kefu.run("validate", path)
    assert run.code == 2
    assert "GBK/GB18030" in run.out and f"iconv -f GB18030 -t UTF-8 {path} > {path}.utf8" in run.out
    en = kefu.run("validate", "--lang", "en", path).out
    assert en.startswith(f"{path}: is GBK/GB18030 text, not UTF-8: save it as UTF-8")


def test_no_file_and_a_folder_given_to_the_check(kefu) -> None:
    (kefu.dir / "months").mkdir()
    run = kefu.run("--lang", "en", kefu.dir / "months")
    assert run.code == 2
    assert run.err == (
        f"months: is a directory, not a file: to analyse its months use `kefu-check analyze {kefu.dir}/months`; "
        f"to carry their state into one month use `kefu-check MONTH.json --history {kefu.dir}/months`\n"
    )
    run = kefu.run("validate", kefu.dir / "none.json")
    assert (run.code, run.out) == (2, f"{kefu.dir}/none.json: 文件不存在\n")


def test_a_channel_the_contract_has_no_standard_for_names_the_known_channels(kefu) -> None:
    contract = contract_dict(standards={"first_response": {"phone": {"within_seconds": 20}}})
    month = month_dict("2026-10", first_response={"电话": {"requests": 10, "on_time": 10}})
    zh = kefu.check(contract, month)
    assert zh.err == (
        "month.json: first_response.phone: 合同为该渠道约定了标准,但本月没有数据;不予判断\n"
        "month.json: first_response.电话: 合同没有为渠道 '电话' 约定标准(约定的渠道:phone);该数据不予采用\n"
    )
    en = kefu.check(contract, month, "--lang", "en")
    assert "the contract sets no standard for the channel '电话' (its channels: phone); figures ignored" in en.err


# --------------------------------------------------------------------------- control characters

REFUSED = [
    "\x00",
    "\x01",
    "\x08",
    "\x0b",
    "\x0c",
    "\r",
    "\x1b",
    "\x1f",
    "\x7f",
    "\x85",
    "\x9f",
    "\u2028",
    "\u2029",
    "\ud800",
    "\ufffe",
    "\uffff",
]


def _month_with(invoice_id: str = "INV-1", reason: str = "agreed", approved_by: str = "王经理") -> dict:
    waiver = {
        "id": "payment.late_fee",
        "subject": invoice_id,
        "reason": reason,
        "approved_by": approved_by,
        "expires": None,
    }
    return month_dict("2026-10", invoices=[invoice("2026-09", id=invoice_id)], waivers=[waiver])


def _write_ascii(kefu, month: dict) -> Path:
    """The month as a file (lone surrogates written as JSON escapes, as an editor would)."""
    kefu.write("contract.json", contract_dict())
    return kefu.write("month.json", json.dumps(month))


@pytest.mark.parametrize("char", REFUSED, ids=lambda c: f"U+{ord(c):04X}")
def test_a_control_character_in_an_id_or_a_text_is_refused_naming_the_field(kefu, char: str) -> None:
    for month, field in (
        (_month_with(invoice_id=f"INV{char}1"), "invoices[0].id"),
        (_month_with(reason=f"agreed{char}"), "waivers[0].reason"),
    ):
        run = kefu.run("--lang", "en", _write_ascii(kefu, month))
        assert run.code == 2, run.err
        assert run.err.startswith(f"month.json: {field}: contains the control character U+{ord(char):04X}")
        assert len(run.err.splitlines()) == 1


def test_tab_and_newline_are_prose_not_ids(kefu) -> None:
    run = kefu.run("--format", "junit", _write_ascii(kefu, _month_with(reason="agreed\tin\nwriting")))
    assert run.code in (0, 1), run.err
    ET.fromstring(run.out)
    run = kefu.run("--lang", "en", _write_ascii(kefu, _month_with(invoice_id="INV\t1")))
    assert run.code == 2 and "invoices[0].id: contains the control character U+0009" in run.err


ACCEPTED_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=12).filter(
    lambda s: s.strip()
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(invoice_id=ACCEPTED_TEXT, reason=ACCEPTED_TEXT)
def test_junit_is_well_formed_xml_for_every_accepted_input(kefu, invoice_id: str, reason: str) -> None:
    """Whatever ids and texts the loader accepts, the JUnit report parses (and a refusal is one line, exit 2)."""
    path = _write_ascii(kefu, _month_with(invoice_id=invoice_id, reason=reason))
    run = kefu.run("--format", "junit", "--lang", "en", path)
    if run.code == 2:
        assert len(run.err.splitlines()) == 1 and "control character" in run.err, run.err
        return
    assert run.code in (0, 1), run.err
    ET.fromstring(run.out.encode("utf-8"))


# --------------------------------------------------------------------------- the schemas


def test_every_field_of_the_schemas_has_a_description() -> None:
    for document in ("contract", "month"):
        schema = json.loads((ROOT / "schemas" / f"{document}.schema.json").read_text(encoding="utf-8"))
        for obj in (schema, *schema["$defs"].values()):
            assert obj.get("description"), obj.get("title")
            for key, prop in obj.get("properties", {}).items():
                assert prop.get("description"), (document, obj.get("title"), key)
                assert CJK.search(prop["description"]) or key in ("schema", "$schema"), (key, prop["description"])
