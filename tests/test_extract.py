"""`kefu-check extract`: the filled agreement (.txt and .docx) → contract.json, hostile documents refused."""

from __future__ import annotations

import io
import json
import shutil
import zipfile

import pytest
from test_review_support import FILLED, FIXTURES, TEMPLATE, docx_bytes, golden, patched

from kefu_check.load import load_contract_data
from kefu_check.review.extract import extract

DEMO = FIXTURES.parent / "demo"


def extracted(kefu, path, *args: str) -> dict:
    out = kefu.dir / "contract.json"
    run = kefu.run("extract", path, "-o", out, *args)
    assert run.code == 0, run.err
    return json.loads(out.read_text(encoding="utf-8"))


def test_filled_txt_extracts_to_the_golden_contract(kefu):
    golden(FIXTURES / "filled.contract.json", extracted(kefu, FILLED))


def test_filled_docx_extracts_to_the_same_contract(kefu):
    path = kefu.write("filled.docx", docx_bytes(FILLED.read_text(encoding="utf-8")))
    assert extracted(kefu, path) == json.loads((FIXTURES / "filled.contract.json").read_text(encoding="utf-8"))


def test_filled_agreement_states_the_demo_contract():
    """The clean agreement is the demo contract written out as text: the same terms, value for value."""
    mine, _ = load_contract_data(json.loads((FIXTURES / "filled.contract.json").read_text(encoding="utf-8")), "x")
    demo, _ = load_contract_data(json.loads((DEMO / "contract.json").read_text(encoding="utf-8")), "y")
    assert mine == demo


def test_extract_then_monthly_check_end_to_end(kefu):
    extracted(kefu, FILLED)
    shutil.copy(DEMO / "month.json", kefu.dir / "month.json")
    run = kefu.run("--format", "json", kefu.dir / "month.json")
    assert run.code == int((DEMO / "expected.exit").read_text().strip())
    assert json.loads(run.out) == json.loads((DEMO / "expected.json").read_text(encoding="utf-8"))


def test_stdout_masks_the_account_number(kefu):
    run = kefu.run("extract", FILLED)
    assert run.code == 0
    assert json.loads(run.out)["fees"]["bank"]["account_no"] == "1219 **** **** 0501"
    assert "1219 0837 5610 501" not in run.out and "account number" not in run.out
    assert run.err.strip() != ""


def test_stdout_shows_the_credit_codes_whole(kefu):
    """Only the account is masked: the parties' codes (all digits, or 17 digits and a letter) were printed as
    '9131 **** **** **** 8630', taken for account numbers, so the printed contract.json held no valid code."""
    run = kefu.run("extract", FILLED)
    parties = json.loads(run.out)
    golden_ = json.loads((FIXTURES / "filled.contract.json").read_text(encoding="utf-8"))
    assert [parties[r]["credit_code"] for r in ("provider", "client")] == ["913101153512078630", "91330110628530197B"]
    assert [golden_[r]["credit_code"] for r in ("provider", "client")] == ["913101153512078630", "91330110628530197B"]


def test_template_blanks_are_listed_on_stderr_and_left_null(kefu):
    out = kefu.dir / "contract.json"
    run = kefu.run("extract", "--lang", "en", TEMPLATE, "-o", out)
    assert run.code == 0
    assert len(run.err.strip().splitlines()) == 32
    assert "parties line 3: unfilled blank [甲方公司全称]" in run.err
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["id"] == "template.zh" and data["fees"]["late_fee_daily_rate"] is None
    assert data["term"]["renewal"] == {
        "auto": True,
        "negotiation_clause": True,
        "objection_by": None,
        "notice_months": None,
        "notice_days": None,
        "renew_months": None,
    }


def test_extract_refuses_json_and_never_overwrites_its_input(kefu):
    assert kefu.run("extract", DEMO / "contract.json").code == 2
    source = kefu.write("a.txt", FILLED.read_text(encoding="utf-8"))
    run = kefu.run("extract", source, "-o", source)
    assert run.code == 2 and source.read_text(encoding="utf-8") == FILLED.read_text(encoding="utf-8")


# --- reading the text: variants a lawyer may write ---------------------------------------------------------


def lines_of(text: str) -> list[str]:
    return text.split("\n")


def data_of(text: str) -> dict:
    return extract(lines_of(text), "x").data


@pytest.mark.parametrize(
    ("old", "new", "path", "value"),
    [
        ("万分之五", "0.05%", "fees.late_fee_daily_rate", "0.0005"),
        ("万分之五", "百分之零点零五", "fees.late_fee_daily_rate", "0.0005"),
        ("10个工作日", "十个工作日", "fees.due_working_days", 10),
        ("逾期超过30日", "逾期超过三十日", "fees.suspend_after_days", 30),
        ("共计十二个月", "共计一年", "term.stated_months", 12),
        ("2026年1月1日", "二〇二六年一月一日", "term.start", "2026-01-01"),
        ("99.5%", "百分之九十九点五", "standards.availability.min_percent", "99.5"),
        ("应在24小时内", "应在2个工作日内", "standards.resolution.unit", "working_days"),
        ("应在24小时内", "应在1日内", "standards.resolution.within", 24),
        ("应在20秒内", "应在1分钟内", "standards.first_response.phone.within_seconds", 60),
        ("支付周期为每月", "支付周期为每季度", "fees.cycle", "quarter"),
        ("自动续约十二个月", "自动续约一年", "term.renewal.renew_months", 12),
        ("服务语言为中文", "服务语言为中文、英文", "service.languages", ["zh", "en"]),
        ("在提前5日书面通知乙方后暂停服务", "在书面通知乙方后暂停服务", "fees.suspension_notice_days", 0),
        ("在提前5日书面通知乙方后暂停服务", "暂停服务", "fees.suspension_notice_days", None),
        ("贰万捌仟元整(¥28,000.00)", "¥28,000.00元(大写:贰万捌仟元整)", "fees.monthly_fee", "28000.00"),
        ("贰万捌仟元整(¥28,000.00)", "贰万捌仟元整", "fees.monthly_fee", "28000"),
    ],
)
def test_variants_are_read(old, new, path, value):
    text = FILLED.read_text(encoding="utf-8")
    assert old in text
    data = data_of(text.replace(old, new, 1))
    for part in path.split("."):
        data = data[part]
    assert (str(data) if data is not None and isinstance(value, str) else data) == value


def test_full_width_punctuation_and_brackets_are_read():
    text = (
        FILLED.read_text(encoding="utf-8")
        .replace("账户名称:", "账户名称:")
        .replace("账号:1219", "账号:【甲方银行账号】")
    )
    ex = extract(lines_of(text), "x")
    assert ex.data["fees"]["bank"]["account_name"] == "上海云聆客服外包有限公司"
    assert ex.data["fees"]["bank"]["account_no"] is None and "fees.bank.account_no" in ex.blank_paths


def test_amount_mismatch_keeps_the_figures():
    data = data_of(patched("amount-words-mismatch"))
    assert str(data["fees"]["monthly_fee"]) == "28000.00"


def test_value_the_model_refuses_is_reported_not_fatal(kefu):
    text = FILLED.read_text(encoding="utf-8").replace("年度可用性不低于99.5%", "年度可用性不低于199.5%")
    run = kefu.run("review", "--format", "json", "--lang", "en", kefu.write("a.txt", text))
    (finding,) = json.loads(run.out)["findings"]
    assert finding["id"] == "review.unread" and finding["message"].startswith(
        "cannot read the annual availability: “199.5"
    )
    assert "standards.availability" not in finding["message"]
    assert finding["location"] == {"clause": "2.1(2)", "line": 37}


# --- hostile documents ---------------------------------------------------------------------------------------


def zip_bytes(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def with_entry(name: str, data: bytes) -> bytes:
    """The filled agreement as .docx with one entry replaced or added."""
    source = zipfile.ZipFile(io.BytesIO(docx_bytes(FILLED.read_text(encoding="utf-8"))))
    entries = {info.filename: source.read(info) for info in source.infolist()}
    entries[name] = data
    return zip_bytes(entries)


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"not a zip at all", "not a .docx file"),
        (zip_bytes({"a.txt": b"x"}), "not a Word document"),
        (zip_bytes({f"f{i}.xml": b"" for i in range(1001)}), "1001 entries"),
        (with_entry("word/bomb.bin", b"\0" * (5 * 1024 * 1024)), "compression ratio"),
        (
            with_entry("word/document.xml", b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaa">]><d>&a;</d>'),
            "XML with a DTD",
        ),
        (with_entry("word/styles.xml", b"<!ENTITY x SYSTEM 'file:///etc/passwd'>"), "XML with a DTD"),
    ],
)
@pytest.mark.parametrize("command", ["extract", "review"])
def test_hostile_docx_is_refused(kefu, content, problem, command):
    run = kefu.run(command, "--lang", "en", kefu.write("evil.docx", content))
    assert run.code == 2, run.err
    assert run.err.startswith("evil.docx") and problem in run.err and len(run.err.strip().splitlines()) == 1


def test_oversized_file_is_refused(kefu, monkeypatch):
    monkeypatch.setattr("kefu_check.review.document.MAX_FILE_BYTES", 1000)
    run = kefu.run("review", "--lang", "en", kefu.write("big.txt", "x" * 1001))
    assert run.code == 2 and "file too large" in run.err


def test_gb18030_text_is_read(kefu):
    path = kefu.dir / "gbk.txt"
    path.write_bytes(FILLED.read_text(encoding="utf-8").encode("gb18030"))
    run = kefu.run("review", "--format", "json", path)
    assert run.code == 0 and json.loads(run.out)["findings"] == []
