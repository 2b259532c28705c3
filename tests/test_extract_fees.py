"""Art. 4 as agreements write it: the suspension threshold and notice, amounts beside their words, tax asides."""

from __future__ import annotations

from decimal import Decimal

import pytest
from test_review_support import FILLED

from kefu_check.review.extract import Extraction, extract

TEXT = FILLED.read_text(encoding="utf-8")
LATE = "4.4乙方逾期支付服务费用,每逾期一日,应按当期应付未付金额的万分之五向甲方支付违约金。"
CLAUSE_44 = LATE + "逾期超过30日,甲方有权在提前5日书面通知乙方后暂停服务,直至费用结清。"
CLAUSE_42 = "4.2具体费率标准为:基础咨询服务每月人民币贰万捌仟元整(¥28,000.00)。"


def with_clause(old: str, new: str) -> Extraction:
    assert TEXT.count(old) == 1
    return extract(TEXT.replace(old, new).split("\n"), "x")


def unread(ex: Extraction) -> list[tuple[str, str]]:
    return [(u.path, u.text) for u in ex.unreadable]


# --- 1. the suspension threshold: the day count of the sentence that speaks of 暂停 ---------------------------------


@pytest.mark.parametrize(
    ("sentence", "days"),
    [
        # a day count of the late fee's sentence came first (old: 3, 5)
        ("乙方逾期付款满3日的,每日按应付未付金额的万分之五计收滞纳金;逾期超过15日的,甲方有权暂停服务。", 15),
        ("乙方逾期付款超过5日的,每日按应付未付金额的万分之五计收滞纳金,逾期超过15日的,甲方有权暂停服务。", 15),
        (LATE[3:] + "乙方如逾期超过10日,应书面说明原因;逾期超过15日的,甲方有权暂停服务。", 15),
        (LATE[3:] + "逾期超过三十(30)日,甲方有权暂停服务。", 30),  # old: None
        (LATE[3:] + "乙方拖欠服务费用超过30日的,甲方有权暂停服务。", 30),  # old: None
        # 满, 达到, 以上 include the 30th day (Civil Code Art. 1259): overdue by more than 29 days (old: 30, None)
        (LATE[3:] + "逾期满30日的,甲方有权暂停服务。", 29),
        (LATE[3:] + "逾期付款达到30日的,甲方有权暂停服务。", 29),
        (LATE[3:] + "逾期付款30日以上的,甲方有权暂停服务。", 29),
        (LATE[3:] + "逾期不满30日的,甲方不得暂停服务;逾期超过30日的,甲方有权暂停服务。", 30),
    ],
)
def test_suspension_threshold_is_the_suspension_sentence_s(sentence, days):
    ex = with_clause(CLAUSE_44, "4.4" + sentence)
    assert ex.data["fees"]["suspend_after_days"] == days and unread(ex) == []


@pytest.mark.parametrize(
    ("sentence", "text"),
    [
        ("逾期超过30个工作日的,甲方有权暂停服务。", "超过30个工作日"),  # calendar days in the model: not 30
        ("逾期超过三十(31)日的,甲方有权暂停服务。", "超过三十(31)日"),  # words and figures disagree
    ],
)
def test_suspension_threshold_that_is_not_a_number_of_days_is_unread(sentence, text):
    ex = with_clause(CLAUSE_44, LATE + sentence)
    assert ex.data["fees"]["suspend_after_days"] is None
    assert unread(ex) == [("fees.suspend_after_days", text)]


# --- 2. the written notice before a suspension ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "days"),
    [
        ("逾期超过30日,甲方有权提前一周书面通知乙方后暂停服务。", 7),  # old: 0
        ("逾期超过30日,甲方有权提前两周书面通知乙方后暂停服务。", 14),  # old: 0
        ("逾期超过30日,甲方有权提前5个工作日以书面形式通知乙方后暂停服务。", 5),  # old: None
        ("逾期超过30日,甲方有权提前5日以书面方式通知乙方暂停服务。", 5),  # old: None
        ("逾期超过30日,甲方有权在提前5日书面告知乙方后暂停服务。", 5),  # old: None
        ("逾期超过30日,甲方有权在提前五(5)日书面通知乙方后暂停服务。", 5),  # old: 0
        ("逾期超过30日,甲方有权在提前不少于5日书面通知乙方后暂停服务。", 5),  # old: 0
        ("逾期超过30日,甲方有权在提前5日向乙方发出书面通知后暂停服务。", 5),
        ("逾期超过30日的,甲方有权暂停服务,但应提前5日书面通知乙方。", 5),
        ("逾期超过30日,甲方有权在书面通知乙方三日后暂停服务。", 3),
        ("逾期超过30日,甲方有权在事先书面通知乙方后暂停服务。", 0),
        # a notice of another sentence is not the suspension's (old: 10)
        ("乙方如需变更付款账户,应提前10日书面通知甲方。逾期超过30日,甲方有权在书面通知乙方后暂停服务。", 0),
        ("逾期超过30日,甲方有权暂停服务;乙方变更联系方式的,应提前10日书面通知甲方。", None),
    ],
)
def test_notice_before_suspension_is_read(sentence, days):
    ex = with_clause(CLAUSE_44, LATE + sentence)
    assert ex.data["fees"]["suspension_notice_days"] == days and unread(ex) == []


@pytest.mark.parametrize(
    ("sentence", "text"),
    [
        ("逾期超过30日,甲方有权提前一个月书面通知乙方后暂停服务。", "一个月"),  # a month has no fixed number of days
        ("逾期超过30日,甲方有权在提前合理期限书面通知乙方后暂停服务。", "合理期限"),
    ],
)
def test_notice_that_is_not_a_number_of_days_is_unread_not_zero(sentence, text):
    ex = with_clause(CLAUSE_44, LATE + sentence)
    assert ex.data["fees"]["suspension_notice_days"] is None
    assert unread(ex) == [("fees.suspension_notice_days", text)]


# --- 3. amounts: a tax aside after the amount, the words beside the figures ------------------------------------------


@pytest.mark.parametrize(
    ("fee", "value"),
    [
        ("月服务费为人民币28,000元(含税,税率6%)。", "28000"),
        ("月服务费(含税,税率6%)为人民币28,000元。", "28000"),  # old: None
        ("月服务费为人民币贰万捌仟元整(含增值税1,584.91元)。", "28000"),  # old: 1584.91
        ("每月人民币贰万捌仟元整(超出部分按每分钟1.5元收费)。", "28000"),  # old: 1.5
        ("每月服务费为RMB 28,000.00。", "28000.00"),  # old: None
        ("每月服务费为人民币28,000.00(含税)。", "28000.00"),  # old: None
        ("每月服务费为人民币贰万伍仟元整(RMB 28,000.00)。", "28000.00"),  # figures win (old: 25000)
        ("月服务费为大写:人民币贰万伍仟元整,小写:¥28,000.00。", "28000.00"),  # old: 25000
        ("月服务费为¥28,000元/月(大写:人民币贰万捌仟元整)。", "28000"),
        ("每月服务费为人民币2.8万元(大写:贰万捌仟元整)。", "28000.0"),
    ],
)
def test_monthly_fee_is_the_amount_not_its_aside(fee, value):
    ex = with_clause(CLAUSE_42, "4.2" + fee)
    assert str(ex.data["fees"]["monthly_fee"]) == value and unread(ex) == []


@pytest.mark.parametrize(
    "fee",
    [
        "¥28,000元/月(大写:人民币贰万伍仟元整)",
        "人民币28,000元,含税(大写:贰万伍仟元整)",
        "人民币28,000元(含税)(大写:贰万伍仟元整)",
        "人民币28,000元(大写:贰万伍仟元整,含税)",
        "人民币28,000元,大写:贰万伍仟元整",
        "人民币28,000元(大写)贰万伍仟元整",
        "人民币2.8万元(大写:贰万伍仟元整)",
        "人民币贰万伍仟元整(合计人民币28,000元)",
        "人民币贰万伍仟元整(¥28,000.00,含税)",
        "人民币贰万伍仟元整(含税)(¥28,000.00)",
        "人民币贰万伍仟元整/月(¥28,000.00/月)",
        "人民币贰万伍仟元整(RMB 28,000.00)",
        "大写:人民币贰万伍仟元整,小写:¥28,000.00",
        "人民币(大写)贰万伍仟元整(小写:¥28,000.00)",
    ],
)
def test_words_beside_figures_are_paired_and_compared(fee):
    ex = with_clause(CLAUSE_42, f"4.2具体费率标准为:基础咨询服务每月{fee}。")
    assert [(a.words, a.words_value, a.figures) for a in ex.amounts] == [("贰万伍仟元整", 25000, 28000)]
    assert ex.data["fees"]["monthly_fee"] == Decimal(28000)


@pytest.mark.parametrize(
    "fee", ["人民币28,000元(含税,税率6%)", "人民币贰万捌仟元整(含增值税1,584.91元)", "人民币28,000元/月(含税)"]
)
def test_an_aside_is_not_an_amount_pair(fee):
    ex = with_clause(CLAUSE_42, f"4.2具体费率标准为:基础咨询服务每月{fee}。")
    assert ex.amounts == ()


def test_paired_mismatch_is_a_review_finding(kefu):
    text = TEXT.replace("人民币贰万捌仟元整(¥28,000.00)", "¥28,000元/月(大写:人民币贰万伍仟元整)")
    run = kefu.run("review", "--format", "json", "--lang", "en", kefu.write("a.txt", text))
    assert run.code == 1 and '"review.amount_words_mismatch"' in run.out and "25,000.00" in run.out
