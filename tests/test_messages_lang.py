"""Every command's input errors follow --lang (SPEC §10): one line, Chinese by default, English with --lang en,
exit 2; ids, field paths and file names printed as given."""

from __future__ import annotations

import re

import pytest
from conftest import contract_dict, month_dict

CJK = re.compile("[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


@pytest.fixture(autouse=True)
def _no_configured_defaults(monkeypatch):
    for name in ("KEFU_CHECK_LANG", "KEFU_CHECK_FORMAT", "KEFU_CHECK_FAIL_ON", "KEFU_CHECK_HOLIDAYS"):
        monkeypatch.delenv(name, raising=False)


def both(kefu, *args: str, lang_at: int | None = None) -> tuple[str, str]:
    """The stderr line of ARGS by default and with --lang en (inserted at `lang_at`, default: at the end); each
    run exits 2 with exactly one line and nothing on stdout."""
    zh = kefu.run(*args)
    at = len(args) if lang_at is None else lang_at
    en = kefu.run(*args[:at], "--lang", "en", *args[at:])
    for run in (zh, en):
        assert run.code == 2, run
        assert run.err.count("\n") == 1 and run.err.endswith("\n"), run.err
        assert run.out == ""
    assert CJK.search(zh.err), zh.err
    assert not CJK.search(en.err), en.err
    return zh.err.rstrip("\n"), en.err.rstrip("\n")


def test_review_of_a_missing_agreement(kefu, monkeypatch) -> None:
    monkeypatch.chdir(kefu.dir)
    assert both(kefu, "review", "missing.txt") == ("missing.txt: 文件不存在", "missing.txt: no such file")


def test_review_of_a_binary_agreement_and_a_pdf(kefu, monkeypatch) -> None:
    monkeypatch.chdir(kefu.dir)
    kefu.write("bin.txt", b"\x00\x01\x02")
    assert both(kefu, "review", "bin.txt") == ("bin.txt: 是二进制文件,不是文本", "bin.txt: a binary file, not text")
    kefu.write("a.pdf", b"%PDF-1.4")
    assert both(kefu, "extract", "a.pdf") == (
        "a.pdf: PDF 文件无法读取:请用 Word、WPS 或 LibreOffice 打开并另存为 .docx",
        "a.pdf: a PDF cannot be read: open it in Word, WPS or LibreOffice and save it as .docx",
    )
    kefu.write("c.docx", b"not a zip")
    assert both(kefu, "review", "c.docx") == (
        "c.docx: 不是 .docx 文件(不是 zip 压缩包)",
        "c.docx: not a .docx file (not a zip archive)",
    )


def test_holidays_of_a_bad_notice(kefu, monkeypatch) -> None:
    monkeypatch.chdir(kefu.dir)
    assert both(kefu, "holidays", "bad.txt") == ("bad.txt: 文件不存在", "bad.txt: no such file")
    kefu.write("bad.txt", b"\x00binary")
    assert both(kefu, "holidays", "bad.txt") == ("bad.txt: 是二进制文件,不是文本", "bad.txt: a binary file, not text")


def test_a_bad_config_key(kefu, monkeypatch) -> None:
    kefu.write("contract.json", contract_dict())
    kefu.write("month.json", month_dict("2026-10"))
    kefu.write("kefu-check.toml", 'colour = "red"\n')
    monkeypatch.chdir(kefu.dir)
    assert both(kefu, "month.json") == (
        f"{kefu.dir / 'kefu-check.toml'}: colour: 未知的键(可用的键:fail-on, lang, format, holidays)",
        f"{kefu.dir / 'kefu-check.toml'}: colour: unknown key (known: fail-on, lang, format, holidays)",
    )
    kefu.write("kefu-check.toml", 'format = "yaml"\n')
    zh, en = both(kefu, "month.json")
    assert zh.endswith("kefu-check.toml: format: 取值无效 'yaml'(可选:table, json, markdown, junit, github, csv)")
    assert en.endswith("kefu-check.toml: format: invalid value 'yaml' (one of table, json, markdown, junit, github, csv)")


def test_a_bad_holidays_file_given_to_check(kefu, monkeypatch) -> None:
    kefu.write("contract.json", contract_dict())
    kefu.write("month.json", month_dict("2026-10"))
    kefu.write("bad.json", {"year": 2027, "holidays": ["2027-13-01"], "workdays": []})
    monkeypatch.chdir(kefu.dir)
    assert both(kefu, "month.json", "--holidays", "bad.json") == (
        "bad.json: holidays[0]: 无效日期 '2027-13-01'",
        "bad.json: holidays[0]: invalid date '2027-13-01'",
    )
    kefu.write("bad.json", {"year": 2027, "holidays": [], "workdays": [], "note": 1})
    assert both(kefu, "month.json", "--holidays", "bad.json") == (
        "bad.json: 'note': 未知的键(可用的键:year, holidays, workdays)",
        "bad.json: 'note': unknown key (allowed: year, holidays, workdays)",
    )


def test_a_holidays_file_that_disagrees_with_the_package(kefu, monkeypatch) -> None:
    from kefu_check.calendar import DEFAULT

    if not DEFAULT.has_year(2026):
        pytest.skip("package without 2026")
    kefu.write("contract.json", contract_dict())
    kefu.write("month.json", month_dict("2026-10"))
    kefu.write("2026.json", {"year": 2026, "holidays": [], "workdays": []})  # every weekday a working day
    monkeypatch.chdir(kefu.dir)
    zh, en = both(kefu, "month.json", "--holidays", "2026.json")
    assert zh.startswith("2026.json: 与 chinesecalendar 的 2026 年工作日不一致:2026-01-01(文件为工作日), ")
    assert "…(另 " in zh and zh.endswith("(两个来源不能二选一;请核对通知与文件)")
    assert en.startswith("2026.json: disagrees with chinesecalendar's working days of 2026: ")
    assert "2026-01-01 (a working day in the file), " in en and " more days)" in en
    # validate reports the same line, in the same language
    assert kefu.run("validate", "2026.json").out.strip() == zh
    assert kefu.run("validate", "--lang", "en", "2026.json").out.strip() == en


def test_the_library_raises_the_line_of_its_language(kefu) -> None:
    from kefu_check import api

    kefu.write("contract.json", contract_dict())
    month = kefu.write("month.json", month_dict("2026-10"))
    bad = kefu.write("bad.json", [])
    for lang, text in (("zh", "应为 JSON 对象,实际为列表"), ("en", "expected a JSON object, got list")):
        with pytest.raises(api.InputError) as refused:
            api.check(month, holidays=[bad], lang=lang)
        assert str(refused.value) == f"{bad}: {text}"


def test_analyze_of_mixed_contracts(kefu, monkeypatch) -> None:
    kefu.write("contract.json", contract_dict())
    kefu.write("other.json", contract_dict(id="KF-OTHER"))
    kefu.write("2026-09.json", month_dict("2026-09"))
    kefu.write("2026-10.json", month_dict("2026-10", contract="other.json"))
    monkeypatch.chdir(kefu.dir)
    assert both(kefu, "analyze", "2026-09.json", "2026-10.json") == (
        "2026-10.json: contract: 合同 'KF-OTHER' 不是 2026-09.json 的合同 'KF-TEST-001'(一个序列只能有一份合同)",
        "2026-10.json: contract: contract 'KF-OTHER' is not the contract 'KF-TEST-001' of 2026-09.json",
    )
    kefu.write("2026-11.json", month_dict("2026-09"))
    assert both(kefu, "analyze", "2026-09.json", "2026-11.json") == (
        "2026-11.json: period: 2026-09 也是 2026-09.json 的期间",
        "2026-11.json: period: 2026-09 is also the period of 2026-09.json",
    )


def test_deadlines_to_before_from(kefu, monkeypatch) -> None:
    kefu.write("contract.json", contract_dict())
    monkeypatch.chdir(kefu.dir)
    assert both(kefu, "deadlines", "contract.json", "--from", "2026-05-01", "--to", "2026-04-01") == (
        "--to: 2026-04-01 早于 --from 2026-05-01",
        "--to: 2026-04-01 is before --from 2026-05-01",
    )


def test_output_that_names_an_input(kefu, monkeypatch) -> None:
    kefu.write("contract.json", contract_dict())
    kefu.write("month.json", month_dict("2026-10"))
    monkeypatch.chdir(kefu.dir)
    assert both(kefu, "month.json", "-o", "month.json") == (
        "month.json: --output 指向一个输入文件;请换一个路径",
        "month.json: --output names an input file; choose another path",
    )


@pytest.mark.parametrize(
    ("args", "zh", "en"),
    [
        (["review"], "缺少参数 'CONTRACT'", "Missing argument 'CONTRACT'."),
        (["facts", "--period", "2026-10", "-o", "m.json"], "缺少选项 '--contract'", "Missing option '--contract'."),
        (["month.json", "--formt", "json"], "没有选项 '--formt'——是否应为 '--format'?",
         "No such option '--formt'. Did you mean '--format'?"),
        (["month.json", "--format", "yaml"], "'--format' 的取值 'yaml' 无效,应为 "
         "'table', 'json', 'markdown', 'junit', 'github', 'csv' 之一",
         "Invalid value for '--format': 'yaml' is not one of 'table', 'json', 'markdown', 'junit', 'github', 'csv'."),
        (["month.json", "--jobs", "0"], "'--jobs' / '-j' 的取值 0 不在 1 至 64 之间",
         "Invalid value for '--jobs' / '-j': 0 is not in the range 1<=x<=64."),
        (["month.json", "--as-of", "2026-02-30"], "'--as-of' 的取值无效:无效日期 '2026-02-30'(格式应为 YYYY-MM-DD)",
         "Invalid value for '--as-of': invalid date '2026-02-30' (expected YYYY-MM-DD)"),
        (["month.json", "--format"], "选项 '--format' 需要一个值", "Option '--format' requires an argument."),
    ],
)
def test_click_usage_errors(kefu, monkeypatch, args, zh, en) -> None:
    monkeypatch.chdir(kefu.dir)
    lang_at = len(args) - 1 if args[-1] == "--format" else None  # `--lang en` before the option missing its value
    assert both(kefu, *args, lang_at=lang_at) == (
        f"kefu-check: {zh}(参见 kefu-check --help)",
        f"kefu-check: {en} (see kefu-check --help)",
    )


def test_an_uncommon_usage_error_keeps_clicks_words_in_the_users_frame(kefu, monkeypatch) -> None:
    monkeypatch.chdir(kefu.dir)
    run = kefu.run("rules", "extra")
    assert run.code == 2 and run.err.count("\n") == 1
    assert run.err.startswith("kefu-check: ") and run.err.endswith("(参见 kefu-check --help)\n")
