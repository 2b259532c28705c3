"""Articles 2 and 3 as lawyers rewrite them: values that were read wrong, or dropped with no word, are read exactly
or reported unread, quoting the text (each case notes the old result)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from test_review_support import FILLED

from kefu_check.review.extract import Extraction, extract

TEXT = FILLED.read_text(encoding="utf-8")


def with_line(prefix: str, new: str) -> Extraction:
    """The filled agreement with the one line starting with `prefix` replaced by `new`."""
    lines = TEXT.split("\n")
    (index,) = [i for i, line in enumerate(lines) if line.startswith(prefix)]
    lines[index] = new
    return extract(lines, "x")


def unread(ex: Extraction) -> dict[str, str]:
    return {u.path: u.text for u in ex.unreadable}


# --- 2.1(1): a time in two units is read whole --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("new", "channel", "seconds"),
    [
        ("(1)响应时间:在线聊天请求应在1分30秒内做出首次响应。", "chat", 90),  # old: 30
        ("(1)响应时间:邮件请求应在1小时30分钟内回复。", "email", 5400),  # old: 1800
        ("(1)响应时间:邮件请求应在一小时零五分钟内回复。", "email", 3900),  # old: 300
        ("(1)响应时间:电话请求应在1分钟内接起。", "phone", 60),
    ],
)
def test_a_time_in_two_units_is_read_whole(new, channel, seconds):
    ex = with_line("(1)", new)
    assert ex.data["standards"]["first_response"][channel]["within_seconds"] == seconds
    assert unread(ex) == {}


# --- 2.1(1), 2.1(3): a share written as a fraction, or in tenths ------------------------------------------------


@pytest.mark.parametrize(
    ("prefix", "new", "section", "ratio"),
    [  # old: null, with nothing reported (review.response_target_absolute: "a single slow response is a breach")
        ("(1)", "(1)响应时间:电话请求应在20秒内响应的比例不低于0.8。", ("first_response", "phone"), "0.8"),
        ("(1)", "(1)响应时间:电话请求应在20秒内响应,达标率不低于0.80。", ("first_response", "phone"), "0.8"),
        ("(3)", "(3)问题解决率:问题应在24小时内解决,解决率不低于0.9。", ("resolution",), "0.9"),
    ],
)
def test_a_share_written_as_a_fraction_is_read(prefix, new, section, ratio):
    ex = with_line(prefix, new)
    got = ex.data["standards"]
    for key in section:
        got = got[key]
    assert got["target_ratio"] == Decimal(ratio) and unread(ex) == {}


@pytest.mark.parametrize(
    ("prefix", "new", "path"),
    [  # old: null, with nothing reported
        ("(1)", "(1)响应时间:电话请求应在20秒内响应,比例不低于八成。", "standards.first_response.phone.target_ratio"),
        ("(3)", "(3)问题解决率:问题应在24小时内解决,解决率九成以上。", "standards.resolution.target_ratio"),
    ],
)
def test_a_share_in_tenths_is_unread(prefix, new, path):
    ex = with_line(prefix, new)
    assert unread(ex) == {path: new.rstrip("。")} or unread(ex) == {path: new}


# --- 2.3: the report's period and deadline ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("new", "every", "days"),
    [  # old: null (review.report_schedule_missing: "reports with no frequency or due day")
        ("2.3甲方应于每个自然月结束之日起5个工作日内向乙方提供该月服务报告。", "month", 5),
        ("2.3甲方应于每一个月结束之日后五个工作日内向乙方提供服务报告。", "month", 5),
        ("2.3甲方应于每个日历季度结束之日起10个工作日内向乙方提供服务报告。", "quarter", 10),
        ("2.3甲方应于每个自然月结束后5个工作日内向乙方提供该月服务报告。", "month", 5),  # old: every null
    ],
)
def test_the_report_period_and_deadline_are_read(new, every, days):
    ex = with_line("2.3", new)
    assert ex.data["standards"]["report"] == {"every": every, "due_working_days": days} and unread(ex) == {}


def test_a_report_deadline_of_a_period_not_read_is_unread_not_missing():
    new = "2.3甲方应于每期结束之日起5日内向乙方提供服务报告。"  # old: null, review.report_schedule_missing
    ex = with_line("2.3", new)
    assert ex.data["standards"]["report"] == {"every": None, "due_working_days": None}
    assert unread(ex) == {"standards.report.due_working_days": new}


# --- 3.1, 3.2: a length in years and months, 合计/计 ---------------------------------------------------------------

TERM = "3.1本协议的服务期限:自2026年1月1日起至{}止,{}。"


@pytest.mark.parametrize(
    ("end", "stated", "months"),
    [
        ("2026年12月31日", "共计一年零三个月", 15),  # old: 12 (the year alone: dates and length seemed to agree)
        ("2027年3月31日", "共计1年3个月", 15),  # old: 12
        ("2026年12月31日", "合计12个月", 12),  # old: null
        ("2026年12月31日", "计十二个月", 12),  # old: null
    ],
)
def test_the_stated_length_is_read_whole(end, stated, months):
    ex = with_line("3.1", TERM.format(end, stated))
    assert ex.data["term"]["stated_months"] == months and unread(ex) == {}


def test_a_length_in_years_and_more_than_eleven_months_is_unread():
    ex = with_line("3.1", TERM.format("2026年12月31日", "共计一年十三个月"))  # old: 12
    assert ex.data["term"]["stated_months"] is None and unread(ex) == {"term.stated_months": "一年十三个月"}


def test_a_renewal_in_years_and_months_is_read():
    ex = with_line("3.2", "3.2若乙方未在协议期满前一个月提出书面异议,本协议自动续约一年零六个月。")  # old: unread
    assert ex.data["term"]["renewal"]["renew_months"] == 18 and unread(ex) == {}


# --- 3.1: a trial period's dates are not the term's -------------------------------------------------------------


@pytest.mark.parametrize(
    "new",
    [  # old: 2025-12-01 to 2025-12-31, the trial's dates read as the term
        "3.1本协议的试运行期自2025年12月1日起至2025年12月31日止;正式服务期限自2026年1月1日起至2026年12月31日止。",
        "3.1本协议设一个月试运行期,自2025年12月1日起至2025年12月31日止。服务期限自2026年1月1日起至2026年12月31日止。",
    ],
)
def test_the_dates_of_a_trial_period_are_unread(new):
    ex = with_line("3.1", new)
    sentence = new.split(";")[0].split("。")[0]
    assert (ex.data["term"]["start"], ex.data["term"]["end"]) == (None, None)
    assert unread(ex) == {"term.start": sentence, "term.end": sentence}


def test_a_trial_period_within_the_term_after_its_dates_leaves_them_read():
    ex = with_line("3.1", "3.1本协议的服务期限自2026年1月1日起至2026年12月31日止,其中2026年1月为试运行期。")
    assert (ex.data["term"]["start"], ex.data["term"]["end"]) == ("2026-01-01", "2026-12-31") and unread(ex) == {}


# --- 3.2: an objection in other words, a window before 到期 ----------------------------------------------------------


@pytest.mark.parametrize(
    ("new", "months", "days"),
    [  # old: objection_by null (review.renewal_ambiguous: no objection deadline); 到期前30日: no notice either
        ("3.2若任何一方未在协议期满前一个月书面提出不再续约,本协议自动续约十二个月。", 1, None),
        ("3.2协议期满前一个月,任何一方未书面通知对方终止本协议的,本协议自动续约十二个月。", 1, None),
        ("3.2如双方在协议到期前30日均未书面提出终止,本协议自动续约十二个月。", None, 30),
        ("3.2若乙方未在协议到期前一个月提出书面异议,本协议自动续约十二个月。", 1, None),
    ],
)
def test_an_objection_deadline_in_other_words_is_read(new, months, days):
    ex = with_line("3.2", new)
    renewal = ex.data["term"]["renewal"]
    assert (renewal["objection_by"], renewal["notice_months"], renewal["notice_days"]) == ("notice_window", months, days)
    assert unread(ex) == {}


# --- 2.1(4): a quarter's satisfaction, a range ------------------------------------------------------------------------


SATISFACTION = "(4)客户满意度:通过定期客户满意度调查,乙方客户对服务的满意度应达到不低于85%。"


@pytest.mark.parametrize(
    "sentence",
    [  # old: 85 each, as the month's minimum
        "(4)客户满意度:乙方客户对服务的满意度每季度不低于85%",
        "(4)客户满意度:乙方客户对服务的年度满意度不低于85%",
        "(4)客户满意度:乙方客户对服务的满意度应达到85%至90%",
    ],
)
def test_a_satisfaction_target_that_is_no_month_s_minimum_is_unread(sentence):
    ex = with_line("(4)客户满意度", sentence + "。")
    assert ex.data["standards"]["satisfaction"]["min"] is None
    assert unread(ex)["standards.satisfaction.min"] == sentence.removeprefix("(4)")


def test_a_month_s_satisfaction_minimum_is_still_read():
    ex = with_line("(4)客户满意度", SATISFACTION)
    assert ex.data["standards"]["satisfaction"]["min"] == Decimal("85")


# --- 2.1(3): a second limit on the resolution time ---------------------------------------------------------------


@pytest.mark.parametrize(
    "new",
    [
        "(3)问题解决率:每月不低于90%的问题应在24小时内解决,最迟不超过48小时。",  # old: 24 hours, the 48 dropped
        "(3)问题解决率:每月不低于90%的问题应在24小时内解决,最长不得超过3个工作日。",  # old: 24 hours
    ],
)
def test_a_resolution_time_with_a_second_limit_is_unread(new):
    ex = with_line("(3)", new)
    assert ex.data["standards"]["resolution"]["within"] is None and ex.data["standards"]["resolution"]["unit"] is None
    assert unread(ex)["standards.resolution.within"] == new
    assert ex.data["standards"]["resolution"]["target_ratio"] == Decimal("0.9")


def test_a_resolution_time_restated_is_read():
    ex = with_line("(3)", "(3)问题解决率:每月不低于90%的问题应在24小时内解决(即提出后24小时)。")
    assert ex.data["standards"]["resolution"]["within"] == 24
