"""Everyday CI use: waivers (SPEC §2.2), batches, config and environment defaults, masking in logs."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from conftest import contract_dict, invoice, month_dict
from hypothesis import given
from hypothesis import strategies as st

from kefu_check.redact import Private, mask_account, redact

# INV-2026-09: due 2026-10-20, paid in full 2026-10-26 → late fee 6 days × 20,000.00 × 0.0005 = 60.00
LATE = month_dict("2026-10", invoices=[invoice("2026-09", ("2026-10-26", "20000.00"))])
ACCOUNT = "6222021234567890123"


def waiver(**fields) -> dict:
    base = {"id": "payment.late_fee", "subject": "INV-2026-09", "reason": "首次逾期,协商免除", "approved_by": "张三"}
    return {**base, "expires": "2026-12-31", **fields}


# --- waivers ---------------------------------------------------------------------------------------------


def test_waiver_matches_stays_visible_as_info(kefu) -> None:
    run = kefu.check(contract_dict(), {**LATE, "waivers": [waiver()]})
    fee = run.one("payment.late_fee", "INV-2026-09")
    assert fee["severity"] == "info" and fee["waived_by"] == "首次逾期,协商免除" and fee["amount"] == "60.00"
    assert any("张三" in b for b in fee["because"])
    assert run.doc["summary"] == {"error": 0, "warning": 0, "info": 1, "waived": 1}
    assert run.code == 0
    assert not run.find("waiver.unused") and not run.find("waiver.expired")


def test_waiver_valid_through_its_expiry_day(kefu) -> None:
    run = kefu.check(contract_dict(), {**LATE, "waivers": [waiver(expires="2026-10-31")]})
    assert run.one("payment.late_fee")["waived_by"] is not None


def test_expired_waiver_raises_only_waiver_expired(kefu) -> None:
    run = kefu.check(contract_dict(), {**LATE, "waivers": [waiver(expires="2026-10-30")]})
    fee = run.one("payment.late_fee")
    assert fee["severity"] == "error" and fee["waived_by"] is None
    expired = run.one("waiver.expired", "payment.late_fee")
    assert (expired["severity"], expired["date"], expired["clause"]) == ("warning", "2026-10-31", "waiver")
    assert not run.find("waiver.unused")
    assert run.code == 1


def test_unused_waiver_is_reported(kefu) -> None:
    run = kefu.check(contract_dict(), {**LATE, "waivers": [waiver(subject="INV-2026-08")]})
    unused = run.one("waiver.unused", "payment.late_fee")
    assert (unused["severity"], unused["date"], unused["party"]) == ("warning", None, None)
    assert run.one("payment.late_fee")["severity"] == "error"
    assert run.doc["summary"]["waived"] == 0


def test_waiver_subject_null_matches_only_null(kefu) -> None:
    contract = contract_dict(standards={"resolution": {"within": 2, "unit": "working_days"}})
    month = {**LATE, "resolution": {"cases": 10, "on_time": 1}}
    nulls = [waiver(id="sla.resolution", subject=None), waiver(subject=None)]
    run = kefu.check(contract, {**month, "waivers": nulls})
    assert (run.one("sla.resolution")["waived_by"], run.one("sla.resolution")["severity"]) == ("首次逾期,协商免除", "info")
    assert run.one("payment.late_fee")["waived_by"] is None  # its subject is INV-2026-09, not null
    assert run.one("waiver.unused", "payment.late_fee")["severity"] == "warning"
    run = kefu.check(contract, {**month, "waivers": [waiver(id="sla.resolution", subject="x")]})
    assert run.one("sla.resolution")["waived_by"] is None and run.one("waiver.unused", "sla.resolution")


def test_waivers_file_yaml_list(kefu) -> None:
    kefu.write("waivers.yaml", "- id: payment.late_fee\n  subject: INV-2026-09\n  reason: ok\n  approved_by: CFO\n"
               "  expires: '2026-12-31'\n")  # fmt: skip
    run = kefu.check(contract_dict(), LATE, "--waivers", str(kefu.dir / "waivers.yaml"))
    assert run.one("payment.late_fee")["waived_by"] == "ok"


def test_bad_waivers_file_names_the_field(kefu) -> None:
    kefu.write("contract.json", contract_dict())
    kefu.write("month.json", LATE)
    kefu.write("waivers.json", {"waivers": [{"id": "x", "reason": "r", "approved_by": "a", "expires": "soon"}]})
    run = kefu.run("--waivers", kefu.dir / "waivers.json", kefu.dir / "month.json")
    assert run.code == 2
    assert run.err.startswith("waivers.json: waivers[0].expires") and run.err.count("\n") == 1


def test_waived_consequence_shown_in_table_and_markdown(kefu) -> None:
    kefu.check(contract_dict(), {**LATE, "waivers": [waiver()]})
    table = kefu.run(kefu.dir / "month.json").out
    assert "已豁免:首次逾期,协商免除" in table and "1 个豁免" in table
    markdown = kefu.run("--format", "markdown", "--lang", "en", kefu.dir / "month.json").out
    assert "(waived: 首次逾期,协商免除)" in markdown and "1 waived" in markdown


# --- batches ---------------------------------------------------------------------------------------------


@pytest.fixture
def two_months(kefu):
    kefu.write("contract.json", contract_dict())
    calm = kefu.write("calm.json", month_dict("2026-10"))
    late = kefu.write("late.json", LATE)
    return calm, late


def test_batch_combined_exit_and_json_lines(kefu, two_months) -> None:
    calm, late = two_months
    run = kefu.run("--format", "json", calm, late)
    assert run.code == 1
    docs = [json.loads(line) for line in run.out.splitlines()]
    assert [d["period"] for d in docs] == ["2026-10", "2026-10"]
    assert [len(d["consequences"]) for d in docs] == [0, 1]
    assert kefu.run("--format", "json", calm, calm).code == 0


def test_batch_with_jobs_gives_the_same_bytes(kefu, two_months) -> None:
    calm, late = two_months
    files = [calm, late, late, calm, late]
    for fmt in ("json", "table", "junit"):
        assert kefu.run("--format", fmt, "--jobs", "2", *files).out == kefu.run("--format", fmt, *files).out


def test_batch_bad_file_is_exit_2_and_the_others_still_reported(kefu, two_months) -> None:
    calm, late = two_months
    bad = kefu.write("bad.json", {**LATE, "period": "2026-13"})
    run = kefu.run("--format", "json", calm, bad, late, "--jobs", "2")
    assert run.code == 2
    assert run.err.strip() == "bad.json: period: 无效期间 '2026-13'(格式应为 YYYY-MM)"  # zh by default, in workers too
    assert len(run.out.splitlines()) == 2


# --- config and environment --------------------------------------------------------------------------------


@pytest.fixture
def project(kefu, monkeypatch):
    for name in ("KEFU_CHECK_LANG", "KEFU_CHECK_FORMAT", "KEFU_CHECK_FAIL_ON", "KEFU_CHECK_HOLIDAYS"):
        monkeypatch.delenv(name, raising=False)
    kefu.write("contract.json", contract_dict())
    kefu.write("month.json", LATE)
    sub = kefu.dir / "months"
    sub.mkdir()
    monkeypatch.chdir(sub)  # the config is found in a parent folder
    return kefu


def test_config_in_pyproject(project) -> None:
    project.write("pyproject.toml", '[project]\nname = "x"\n\n[tool.kefu-check]\nlang = "en"\nformat = "json"\n')
    run = project.run("../month.json")
    assert json.loads(run.out)["consequences"][0]["message"].startswith("late fee")


def test_another_projects_pyproject_is_not_parsed_nor_refused(project) -> None:
    """A pyproject.toml that cannot hold [tool.kefu-check] (no such key, no escape) is passed by, even broken: the
    search goes on upwards. One that names the table through an escaped quoted key is read."""
    (project.dir / "months" / "pyproject.toml").write_text('[project]\nname = "x\n', encoding="utf-8")
    project.write("kefu-check.toml", 'format = "json"\n')
    assert json.loads(project.run("../month.json").out)["contract"] == "KF-TEST-001"
    (project.dir / "kefu-check.toml").unlink()
    (project.dir / "months" / "pyproject.toml").write_text('[tool."kefu\\u002dcheck"]\nformat = "json"\n', encoding="utf-8")
    assert json.loads(project.run("../month.json").out)["contract"] == "KF-TEST-001"
    (project.dir / "months" / "pyproject.toml").write_text('[tool."kefu-check"]\nformat = \n', encoding="utf-8")
    assert project.run("../month.json").code == 2  # ours, and broken: refused as before


def test_kefu_check_toml_wins_over_pyproject_in_the_same_folder(project) -> None:
    project.write("pyproject.toml", '[tool.kefu-check]\nformat = "markdown"\n')
    project.write("kefu-check.toml", 'format = "json"\nfail-on = "never"\n')
    run = project.run("../month.json")
    assert run.code == 0 and json.loads(run.out)["contract"] == "KF-TEST-001"


def test_environment_beats_config_and_flags_beat_environment(project, monkeypatch) -> None:
    project.write("kefu-check.toml", 'format = "json"\nlang = "en"\n')
    monkeypatch.setenv("KEFU_CHECK_LANG", "zh")
    assert "违约金" in json.loads(project.run("../month.json").out)["consequences"][0]["message"]
    assert json.loads(project.run("--lang", "en", "../month.json").out)["consequences"][0]["message"].startswith("late")
    monkeypatch.setenv("KEFU_CHECK_FAIL_ON", "never")
    assert project.run("../month.json").code == 0
    assert project.run("--fail-on", "error", "../month.json").code == 1


@pytest.mark.parametrize(
    ("name", "text", "expected", "chinese"),
    [
        ("kefu-check.toml", 'colour = "red"\n', "kefu-check.toml: colour: unknown key", "colour: 未知的键"),
        ("kefu-check.toml", 'lang = "fr"\n', "kefu-check.toml: lang: invalid value 'fr'", "lang: 取值无效 'fr'"),
        ("pyproject.toml", '[tool.kefu-check]\nholidays = "x.json"\n', "pyproject.toml: tool.kefu-check.holidays",
         "tool.kefu-check.holidays: 应为路径的列表"),
        ("kefu-check.toml", "lang = \n", "kefu-check.toml: invalid TOML (Invalid value (at line 1, column 8))",
         "kefu-check.toml: TOML 语法错误(第 1 行第 8 列)"),
    ],
)
def test_bad_config_is_one_line_exit_2(project, name, text, expected, chinese) -> None:
    project.write(name, text)
    run = project.run("--lang", "en", "../month.json")
    assert run.code == 2
    assert expected in run.err and run.err.count("\n") == 1
    run = project.run("../month.json")  # Chinese by default (SPEC §10)
    assert run.code == 2
    assert chinese in run.err and run.err.count("\n") == 1


def test_bad_environment_value_is_one_line_exit_2(project, monkeypatch) -> None:
    monkeypatch.setenv("KEFU_CHECK_FORMAT", "yaml")
    run = project.run("--lang", "en", "../month.json")
    assert run.code == 2 and run.err.startswith("KEFU_CHECK_FORMAT: invalid value 'yaml'")
    assert project.run("../month.json").err.startswith("KEFU_CHECK_FORMAT: 取值无效 'yaml'(可选:")


def test_a_configured_format_applies_to_every_command_that_prints_it(project, monkeypatch) -> None:
    monkeypatch.setenv("KEFU_CHECK_FORMAT", "json")
    run = project.run("deadlines", "../month.json")
    assert run.code == 0 and json.loads(run.out)["contracts"] == ["KF-TEST-001"]  # was ignored: a table


@pytest.mark.parametrize("where", ["env", "config"])
def test_a_configured_format_a_command_cannot_print_is_said_not_silently_dropped(project, monkeypatch, where) -> None:
    """`junit` is a format of check, not of deadlines: deadlines prints its default and says why in one line (before,
    the setting was dropped without a word); check still prints junit; a --format flag beats the setting, quietly."""
    if where == "env":
        monkeypatch.setenv("KEFU_CHECK_FORMAT", "junit")
        named = "KEFU_CHECK_FORMAT"
    else:
        project.write("pyproject.toml", '[tool.kefu-check]\nformat = "junit"\n')
        named = "pyproject.toml: tool.kefu-check.format"
    run = project.run("deadlines", "--lang", "en", "../month.json")
    assert run.code == 0 and run.out.startswith("contract KF-TEST-001: the dates")
    assert run.err == (
        f"kefu-check: {named} sets the format junit, which deadlines does not print (its formats: table, json, ics); "
        "printing table\n"
    )
    run = project.run("deadlines", "../month.json")
    assert run.err == f"kefu-check: {named} 设定的格式 junit 不适用于 deadlines(可选:table, json, ics),按 table 输出\n"
    assert project.run("../month.json").out.startswith("<?xml")
    run = project.run("deadlines", "--format", "json", "../month.json")
    assert run.err == "" and json.loads(run.out)["contracts"]


# --- masking in logs ---------------------------------------------------------------------------------------


def test_mask_account_shapes() -> None:
    assert mask_account("6222021234561234") == "6222 **** **** 1234"
    assert mask_account("6222 0212 3456 1234") == "6222 **** **** 1234"
    assert mask_account(ACCOUNT) == "6222 **** **** **** 0123"


@given(st.decimals(min_value=0, max_value=Decimal(10) ** 13, places=2, allow_nan=False))
def test_amounts_and_dates_are_never_masked(amount: Decimal) -> None:
    text = f'"amount": "{amount}" {amount:,} 2026-10-01 2026-10-31 20261001 1,000,000,000,000.00'
    assert redact(text, [], identities=True) == text


@pytest.mark.parametrize("fmt", ["table", "json", "markdown", "junit", "github"])
def test_account_numbers_masked_in_every_format(kefu, fmt) -> None:
    contract = contract_dict()
    contract["fees"]["bank"] = {"bank": "某银行", "account_name": "上海某某客服外包有限公司", "account_no": ACCOUNT}
    kefu.check(contract, {**LATE, "waivers": [waiver(reason=f"已付至 {ACCOUNT} 与 6222 0212 3456 7890")]})
    out = kefu.run("--format", fmt, kefu.dir / "month.json").out
    assert ACCOUNT not in out and "6222 0212 3456 7890" not in out
    assert "6222 **** **** **** 0123" in out and "6222 **** **** 7890" in out


def test_redact_hides_names_and_contacts(kefu) -> None:
    contract = contract_dict()
    contract["client"]["contact"] = "李四 13800000000"
    reason = "杭州某某电子商务有限公司 与 李四 13800000000 协商"
    kefu.check(contract, {**LATE, "waivers": [waiver(reason=reason)]})
    plain = kefu.run("--format", "json", kefu.dir / "month.json").out
    assert "杭州某某电子商务有限公司" in plain and "张三" in plain
    hidden = kefu.run("--format", "json", "--redact", kefu.dir / "month.json").out
    assert "杭州某某电子商务有限公司" not in hidden and "李四" not in hidden and "张三" not in hidden
    assert json.loads(hidden)["consequences"][0]["waived_by"] == "*** 与 *** 协商"


def test_private_of_contract_without_parties() -> None:
    from kefu_check.models import Contract

    assert Private.of(Contract()) == Private((), ())


@pytest.mark.parametrize(
    ("args", "expected", "chinese"),
    [
        (["--format", "yaml", "m.json"], "Invalid value for '--format'", "'--format' 的取值 'yaml' 无效"),
        (["--jobs", "0", "m.json"], "Invalid value for '--jobs'", "'--jobs' / '-j' 的取值 0 不在 1 至 64 之间"),
        (["check"], "Missing argument", "缺少参数 'MONTHS...'"),
        (["m.json", "--as-of", "2026-02-30"], "invalid date '2026-02-30'", "无效日期 '2026-02-30'"),
    ],
)
def test_usage_errors_are_one_line_exit_2(kefu, args, expected, chinese) -> None:
    run = kefu.run(*args, "--lang", "en")
    assert run.code == 2
    assert run.err.startswith("kefu-check: ") and expected in run.err and run.err.count("\n") == 1
    run = kefu.run(*args)  # Chinese by default (SPEC §10)
    assert run.code == 2
    assert run.err.startswith("kefu-check: ") and chinese in run.err and run.err.count("\n") == 1
