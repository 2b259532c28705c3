"""Reading Art. 2 (the service standards) of the filled agreement: the phrasings real agreements use, read exactly
or reported unread (with the text), never guessed, never a crash."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from test_review_support import FILLED

from kefu_check.review.extract import extract
from kefu_check.review.numerals import parse_number, parse_percent, parse_rate

ITEMS = {1: "(1)响应时间:", 2: "(2)服务可用性:", 3: "(3)问题解决率:", 4: "(4)客户满意度:"}


def with_item(item: int, new: str) -> str:
    """The filled agreement with item (1)–(4) of 2.1 replaced by `new` (the whole line, its label included)."""
    lines = FILLED.read_text(encoding="utf-8").split("\n")
    (index,) = [i for i, line in enumerate(lines) if line.startswith(ITEMS[item])]
    lines[index] = new
    return "\n".join(lines)


def standard(item: int, new: str, name: str) -> tuple[dict | None, dict[str, str]]:
    """standards.<name> as read from the agreement with item `item` replaced, and what was reported unread (path →
    text)."""
    ex = extract(with_item(item, new).split("\n"), "x")
    return ex.data["standards"][name], {u.path: u.text for u in ex.unreadable}


FR = "standards.first_response"
AV = "standards.availability"
RS = "standards.resolution"
SA = "standards.satisfaction"
SH = "standards.service_hours"
# one line per item with a value to fill in
RESPONSE = "(1)响应时间:对于电话请求,每月不低于{}的请求应在{}内做出首次响应。"
AVAILABILITY = "(2)服务可用性:服务时间为周一至周五9:00至18:00,年度可用性不低于{}。"
RESOLUTION = "(3)问题解决率:每月不低于{}的问题应在{}内提供解决方案。"
SATISFACTION = "(4)客户满意度:满意度不低于{}。"


# --- numerals mixing figures and numeral words: not a number (read unread, never a crash) -----------------------


@pytest.mark.parametrize("text", ["百90", "九十5", "9十", "九十九点5", "2十4", "99点5", "1百"])
def test_figures_mixed_with_numeral_words_are_not_a_number(text):
    with pytest.raises(ValueError):
        parse_number(text)


@pytest.mark.parametrize("text", ["百90%", "九十5%", "百分之9十", "百分之九十九点5"])
def test_mixed_percentages_are_refused(text):
    with pytest.raises(ValueError):
        parse_rate(text)
    with pytest.raises(ValueError):
        parse_percent(text)


@pytest.mark.parametrize(
    ("item", "new", "path"),
    [
        (1, RESPONSE.format("百90%", "20秒"), f"{FR}.phone.target_ratio"),
        (1, RESPONSE.format("百分之9十", "20秒"), f"{FR}.phone.target_ratio"),
        (1, RESPONSE.format("80%", "2十秒"), f"{FR}.phone.within_seconds"),
        (2, AVAILABILITY.format("九十九点5%"), f"{AV}.min_percent"),
        (3, RESOLUTION.format("百90%", "24小时"), f"{RS}.target_ratio"),
        (3, RESOLUTION.format("90%", "2十4小时"), f"{RS}.within"),
        (4, SATISFACTION.format("百90%"), f"{SA}.min"),
        (4, SATISFACTION.format("九十5%"), f"{SA}.min"),
        (4, SATISFACTION.format("百分之9十"), f"{SA}.min"),
    ],
)
def test_mixed_numerals_in_the_standards_are_unread(kefu, item, new, path):
    out = kefu.dir / "contract.json"
    run = kefu.run("extract", "--lang", "en", kefu.write("a.txt", with_item(item, new)), "-o", out)
    assert run.code == 0, run.err
    data = json.loads(out.read_text(encoding="utf-8"))
    for part in path.split("."):
        data = data[part]
    assert data is None
    assert f"cannot read {path} = " in run.err


# --- impossible values: a share over 100 % (or below 0) is unread, with the text -------------------------------


@pytest.mark.parametrize(
    ("item", "new", "path", "text"),
    [
        (1, RESPONSE.format("185%", "20秒"), f"{FR}.phone.target_ratio", "185%"),
        (1, RESPONSE.format("百分之一百二十", "20秒"), f"{FR}.phone.target_ratio", "百分之一百二十"),
        (2, AVAILABILITY.format("百分之一百二十"), f"{AV}.min_percent", "百分之一百二十"),
        (2, AVAILABILITY.format("185%"), f"{AV}.min_percent", "185%"),
        (2, AVAILABILITY.format("-5%"), f"{AV}.min_percent", "-5%"),
        (3, RESOLUTION.format("185%", "24小时"), f"{RS}.target_ratio", "185%"),
        (4, SATISFACTION.format("185%"), f"{SA}.min", "185%"),
        (4, SATISFACTION.format("百分之一百二十"), f"{SA}.min", "百分之一百二十"),
    ],
)
def test_a_share_over_100_percent_is_unread(item, new, path, text):
    value, unread = standard(item, new, path.split(".")[1])
    assert text in unread[path]
    for part in path.split(".")[2:]:
        value = value[part]
    assert value is None


# --- 2.1(1) first response: the share before the time, and the forms next to it ---------------------------------


def channels(**standards: tuple[int | None, str | None]) -> dict:
    return {
        name: {"within_seconds": within, "target_ratio": None if ratio is None else Decimal(ratio)}
        for name, (within, ratio) in standards.items()
    }


@pytest.mark.parametrize(
    ("new", "expected"),
    [
        ("(1)响应时间:80%的电话请求应在20秒内响应。", channels(phone=(20, "0.8"))),
        ("(1)响应时间:百分之八十的来电在20秒内接起。", channels(phone=(20, "0.8"))),
        ("(1)响应时间:80%以上的来电应在20秒内接听。", channels(phone=(20, "0.8"))),
        (
            "(1)响应时间:80%的电话请求应在20秒内响应;90%的在线聊天请求应在30秒内响应。",
            channels(phone=(20, "0.8"), chat=(30, "0.9")),
        ),
        ("(1)响应时间:电话20秒接通率不低于80%。", channels(phone=(20, "0.8"))),
        ("(1)响应时间:对于电话请求,首次响应时间不超过20秒,达标率不低于80%。", channels(phone=(20, "0.8"))),
        ("(1)响应时间:对于邮件请求,每月不低于90%的邮件应在2个小时内回复。", channels(email=(7200, "0.9"))),
        (
            "(1)响应时间:电话请求应在20秒内接起,在线聊天请求应在1分钟内回复。",
            channels(phone=(20, None), chat=(60, None)),
        ),
    ],
)
def test_first_response_forms_are_read(new, expected):
    value, unread = standard(1, new, "first_response")
    assert (value, unread) == (expected, {})


@pytest.mark.parametrize(
    ("new", "path", "value"),
    [
        # an average is not a time each response must meet
        ("(1)响应时间:电话请求的平均响应时间应在20秒以内。", f"{FR}.phone.within_seconds", None),
        # a percentage that is not a share the standard sets
        ("(1)响应时间:电话请求应在20秒内接起,接通率为80%。", f"{FR}.phone.target_ratio", 20),
        ("(1)响应时间:电话放弃率不高于5%,电话请求应在20秒内接起。", f"{FR}.phone.target_ratio", 20),
        # two standards for one channel: the model holds one, the other is reported
        ("(1)响应时间:对于电话请求,80%应在20秒内接起,95%应在60秒内接起。", FR, 20),
        ("(1)响应时间:电话请求应在20秒内接起;电话请求应在60秒内接起。", f"{FR}.phone.within_seconds", None),
        # a range is not one share
        ("(1)响应时间:电话请求80%至90%应在20秒内接起。", f"{FR}.phone.target_ratio", 20),
    ],
)
def test_first_response_that_cannot_be_read_is_unread(new, path, value):
    got, unread = standard(1, new, "first_response")
    assert path in unread
    assert got["phone"]["within_seconds"] == value


def test_a_time_for_a_channel_not_named_is_unread():
    new = "(1)响应时间:对于电话请求,应在20秒内接起;其他请求应在60秒内响应。"
    got, unread = standard(1, new, "first_response")
    assert got == channels(phone=(20, None)) and unread == {FR: "其他请求应在60秒内响应"}


@pytest.mark.parametrize(
    ("new", "names"),
    [  # old: 30 (a range's upper end), phone 30 and chat 30 (分别), 20 (the exception dropped)
        ("(1)响应时间:电话请求应在20-30秒内响应。", ["phone"]),
        ("(1)响应时间:电话请求应在20秒至30秒内响应。", ["phone"]),
        ("(1)响应时间:电话请求应在20至30秒内响应。", ["phone"]),
        ("(1)响应时间:电话和在线聊天应分别在20秒、30秒内响应。", ["chat", "phone"]),
        ("(1)响应时间:80%的来电应在20秒内接起,高峰时段除外。", ["phone"]),
        ("(1)响应时间:80%的来电应在20秒内接起,除节假日外。", ["phone"]),
        ("(1)响应时间:电话请求应在20秒内接起,在线聊天请求应在1分钟内回复,高峰时段除外。", ["chat", "phone"]),
    ],
)
def test_a_response_time_range_or_exception_is_unread(new, names):
    got, unread = standard(1, new, "first_response")
    assert sorted(got) == names and all(got[name]["within_seconds"] is None for name in names)
    assert {path: unread[path] for path in unread if path.endswith("within_seconds")} == {
        f"{FR}.{name}.within_seconds": new.rstrip("。") for name in names
    }


# --- 2.1(3) resolution: the time and the share of the part on resolving, not on responding ----------------------


def resolution(within: int | None, unit: str | None, ratio: str | None) -> dict:
    return {"within": within, "unit": unit, "target_ratio": None if ratio is None else Decimal(ratio)}


@pytest.mark.parametrize(
    ("new", "expected"),
    [
        ("(3)问题解决率:首次响应应在30分钟内完成,问题在24小时内解决率不低于85%。", resolution(24, "hours", "0.85")),
        (
            "(3)问题解决率:首次响应应在1小时内完成,响应率不低于80%,问题在2个工作日内解决率不低于85%。",
            resolution(2, "working_days", "0.85"),
        ),
        ("(3)问题解决率:问题应在1小时内响应并在24小时内解决,解决率不低于95%。", resolution(24, "hours", "0.95")),
        ("(3)问题解决率:问题应在24小时内提供解决方案或回复处理进展。", resolution(24, "hours", None)),
        ("(3)问题解决率:90%以上的问题应在3日内解决。", resolution(72, "hours", "0.9")),
    ],
)
def test_resolution_is_read_from_the_part_on_resolving(new, expected):
    assert standard(3, new, "resolution") == (expected, {})


@pytest.mark.parametrize(
    ("new", "path"),
    [
        ("(3)问题解决率:问题平均应在24小时内解决。", f"{RS}.within"),
        ("(3)问题解决率:一般问题应在24小时内解决,复杂问题应在3个工作日内解决。", f"{RS}.within"),
        ("(3)问题解决率:问题应在24小时内解决,解决率为90%。", f"{RS}.target_ratio"),
        # a range read as its upper end (48), an exception dropped (24): both were read, silently
        ("(3)问题解决率:问题应在24-48小时内解决,解决率不低于85%。", f"{RS}.within"),
        ("(3)问题解决率:问题应在24小时至48小时内解决,解决率不低于85%。", f"{RS}.within"),
        ("(3)问题解决率:问题应在1至3个工作日内解决,解决率不低于85%。", f"{RS}.within"),
        ("(3)问题解决率:问题应在2日至3日内解决,解决率不低于85%。", f"{RS}.within"),
        ("(3)问题解决率:问题应在24小时内解决,复杂问题除外,解决率不低于85%。", f"{RS}.within"),
        ("(3)问题解决率:除需第三方配合的问题外,问题应在24小时内解决,解决率不低于85%。", f"{RS}.within"),
    ],
)
def test_resolution_that_cannot_be_read_is_unread(new, path):
    got, unread = standard(3, new, "resolution")
    assert path in unread
    assert got[path.rpartition(".")[2]] is None


def test_an_unread_resolution_time_is_one_finding(kefu):
    text = with_item(3, RESOLUTION.format("90%", "2.5小时"))
    run = kefu.run("review", "--format", "json", "--lang", "en", kefu.write("a.txt", text))
    (finding,) = json.loads(run.out)["findings"]
    assert finding["message"] == "cannot read the resolution time: “2.5小时”"


# --- 2.1(4) satisfaction: the target, not a number in a parenthesised definition -------------------------------


def satisfaction(target: str | None, scale: str | None, method: str | None, scale_max: int | None) -> dict:
    return {
        "min": None if target is None else Decimal(target),
        "scale": scale,
        "method": method,
        "scale_max": scale_max,
    }


@pytest.mark.parametrize(
    ("new", "expected"),
    [
        (
            "(4)客户满意度:客户满意度(评分4分及以上的占比)不低于90%。",
            satisfaction("90", "percent", "share_satisfied", None),
        ),
        ("(4)客户满意度:满意度(满分5分)不低于4.5分。", satisfaction("4.5", "points", None, 5)),
        ("(4)客户满意度:满意度按百分制评分,平均分不得低于90分。", satisfaction("90", "points", "mean_score", 100)),
        ("(4)客户满意度:满意率不应低于90%。", satisfaction("90", "percent", None, None)),
    ],
)
def test_satisfaction_forms_are_read(new, expected):
    assert standard(4, new, "satisfaction") == (expected, {})


@pytest.mark.parametrize(
    ("new", "path"),
    [
        ("(4)客户满意度:满意度(五分制)不低于6分。", f"{SA}.min"),  # more points than the scale has
        ("(4)客户满意度:满意度按5.5分制评分,不低于4分。", f"{SA}.scale_max"),
    ],
)
def test_satisfaction_that_cannot_be_read_is_unread(new, path):
    got, unread = standard(4, new, "satisfaction")
    assert path in unread and got[path.rpartition(".")[2]] is None


@pytest.mark.parametrize(
    ("item", "new", "path", "value"),
    [
        (1, "(1)响应时间:对于电话请求,应在20秒内接起,接通率不得低于80%。", f"{FR}.phone.target_ratio", "0.8"),
        (2, AVAILABILITY.format("99.5%").replace("不低于", "不得低于"), f"{AV}.min_percent", "99.5"),
        (3, "(3)问题解决率:问题应在24小时内解决,解决率不应低于90%。", f"{RS}.target_ratio", "0.9"),
    ],
)
def test_at_least_is_read_in_its_usual_forms(item, new, path, value):
    got, unread = standard(item, new, path.split(".")[1])
    for part in path.split(".")[2:]:
        got = got[part]
    assert (got, unread) == (Decimal(value), {})


# --- 2.1(2) service hours: 下午/晚上 times, an end before the start unread ---------------------------------------

HOURS = "(2)服务可用性:服务时间为周一至周五{},年度可用性不低于99.5%。"
WEEKDAYS_5 = ["mon", "tue", "wed", "thu", "fri"]


@pytest.mark.parametrize(
    ("hours", "start", "end"),
    [
        ("上午9点至下午6点", "09:00", "18:00"),
        ("上午9点至晚上10点", "09:00", "22:00"),
        ("中午12点至晚上10点", "12:00", "22:00"),
        ("下午2点至晚上10点", "14:00", "22:00"),
        ("傍晚6点至晚上10点", "18:00", "22:00"),
        ("早上8点至晚上12点", "08:00", "24:00"),
        ("上午8:30至下午5:30", "08:30", "17:30"),
        ("9点30分至18点", "09:30", "18:00"),
        ("上午9点半至下午6点", "09:30", "18:00"),
        ("上午九点至下午六点", "09:00", "18:00"),
        ("9:00–18:00", "09:00", "18:00"),
        ("下午13:00至下午18:00", "13:00", "18:00"),
    ],
)
def test_service_hours_are_read(hours, start, end):
    got, unread = standard(2, HOURS.format(hours), "service_hours")
    assert (got["days"], got["start"], got["end"], unread) == (WEEKDAYS_5, start, end, {})


@pytest.mark.parametrize(
    "hours",
    [
        "上午9点至6点",
        "下午1点至5点",
        "晚上10点至次日早上6点",
        "9点至25点",
        "上午13点至下午6点",
        "9:70至18:00",
        "下午12点至晚上8点",
    ],
)
def test_service_hours_that_cannot_be_read_are_unread(hours):
    got, unread = standard(2, HOURS.format(hours), "service_hours")
    assert (got["start"], got["end"]) == (None, None)
    assert unread.keys() >= {"standards.service_hours.start", "standards.service_hours.end"}


def test_a_reversed_weekday_range_is_unread():
    got, unread = standard(2, HOURS.replace("周一至周五", "周五至周一").format("9:00至18:00"), "service_hours")
    assert got["days"] is None and unread == {"standards.service_hours.days": "周五至周一"}


def test_a_weekday_range_in_numerals_is_not_read_as_hours():
    got, unread = standard(2, HOURS.replace("周一至周五", "周一至五").format("9:00至18:00"), "service_hours")
    assert (got["days"], got["start"], got["end"], unread) == (WEEKDAYS_5, "09:00", "18:00", {})


# --- 2.1(2) holidays: service on holidays is `weekly` (exactly the listed weekdays), off is `statutory` ----------

HOLIDAYS = "(2)服务可用性:服务时间为{},年度可用性不低于99.5%。"
WEEKDAYS_7 = [*WEEKDAYS_5, "sat", "sun"]


@pytest.mark.parametrize(
    ("hours", "days", "calendar"),
    [
        ("周一至周五9:00至18:00,节假日不休息", WEEKDAYS_5, "weekly"),
        ("周一至周五9:00至18:00,节假日无休", WEEKDAYS_5, "weekly"),
        ("周一至周五9:00至18:00,法定节假日照常服务", WEEKDAYS_5, "weekly"),
        ("周一至周五9:00至18:00(含法定节假日)", WEEKDAYS_5, "weekly"),
        ("周一至周五9:00至18:00,法定节假日照常服务,调休工作日不提供服务", WEEKDAYS_5, "weekly"),
        ("每天9:00至21:00,节假日不休息", WEEKDAYS_7, "weekly"),
        ("全年无休,每天9:00至21:00", WEEKDAYS_7, "weekly"),
        ("周一至周五9:00至18:00,法定节假日休息", WEEKDAYS_5, "statutory"),
        ("周一至周五9:00至18:00,法定节假日除外", WEEKDAYS_5, "statutory"),
        ("周一至周五9:00至18:00(不含法定节假日)", WEEKDAYS_5, "statutory"),
        ("周一至周五9:00至18:00,节假日不提供服务", WEEKDAYS_5, "statutory"),
        ("周一至周五9:00至18:00,节假日及调休按国家规定执行", WEEKDAYS_5, "statutory"),
        ("工作日9:00至18:00", WEEKDAYS_5, "statutory"),
        ("周一至周五9:00至18:00", WEEKDAYS_5, None),
    ],
)
def test_holidays_in_the_service_hours(hours, days, calendar):
    got, unread = standard(2, HOLIDAYS.format(hours), "service_hours")
    assert (got["days"], got["start"] is not None, got["calendar"], unread) == (days, True, calendar, {})


@pytest.mark.parametrize(
    "hours",
    [
        "周一至周五9:00至18:00,法定节假日休息,春节期间节假日照常服务",  # off and on
        "周一至周五9:00至18:00,法定节假日休息,调休工作日不提供服务",  # neither calendar
        "周一至周五9:00至18:00,法定节假日照常服务,调休工作日照常服务",  # neither calendar
    ],
)
def test_holidays_that_fit_no_calendar_are_unread(hours):
    got, unread = standard(2, HOLIDAYS.format(hours), "service_hours")
    assert got["calendar"] is None and "standards.service_hours.calendar" in unread


# --- 2.1(2) availability: the model holds an annual availability; a monthly one is unread ----------------------

STATED = "(2)服务可用性:服务时间为周一至周五9:00至18:00,{}。"


@pytest.mark.parametrize(
    ("statement", "unread_text"),
    [
        ("月度可用性不低于99.9%", "月度可用性不低于99.9%"),
        ("每月系统可用性不低于99.9%", "每月系统可用性不低于99.9%"),
        ("系统月可用率不低于99.9%", "月可用率不低于99.9%"),
        ("每季度的系统可用性不低于99.5%", "每季度的系统可用性不低于99.5%"),
        ("系统可用性按月计算不低于99.9%", "可用性按月计算不低于99.9%"),
    ],
)
def test_a_monthly_availability_is_unread(statement, unread_text):
    got, unread = standard(2, STATED.format(statement), "availability")
    assert got["min_percent"] is None and unread == {f"{AV}.min_percent": unread_text}


@pytest.mark.parametrize(
    ("statement", "value"),
    [
        ("年度可用性不低于99.5%", "99.5"),
        ("系统可用性每年不低于99.5%", "99.5"),
        ("系统可用性按合同年度计算不低于99.5%", "99.5"),
    ],
)
def test_an_annual_availability_is_read(statement, value):
    got, unread = standard(2, STATED.format(statement), "availability")
    assert (got["min_percent"], unread) == (Decimal(value), {})


def test_an_annual_availability_beside_a_monthly_one_is_read_and_the_monthly_one_reported():
    statement = "月度可用性不低于99.9%,年度可用性不低于99.5%"
    got, unread = standard(2, STATED.format(statement), "availability")
    assert (got["min_percent"], unread) == (Decimal("99.5"), {f"{AV}.min_percent": "月度可用性不低于99.9%"})


# --- round the clock: 7×24, 每天24小时; a 24-hour time limit elsewhere in the sentence is not service hours ---------


@pytest.mark.parametrize(
    ("hours", "start", "end", "days"),
    [
        ("7×24小时", "00:00", "24:00", WEEKDAYS_7),
        ("全年365天、每天24小时,节假日无休", "00:00", "24:00", WEEKDAYS_7),
        ("全年无休,每天9:00至21:00", "09:00", "21:00", WEEKDAYS_7),
        ("每天9:00至21:00,系统故障应在24小时内修复", "09:00", "21:00", WEEKDAYS_7),
        ("周一至周五9:00至18:00,故障24小时内处理完毕,全年无休", "09:00", "18:00", WEEKDAYS_5),
    ],
)
def test_round_the_clock_service(hours, start, end, days):
    got, _ = standard(2, HOLIDAYS.format(hours), "service_hours")
    assert (got["days"], got["start"], got["end"]) == (days, start, end)


# --- review: a share that was stated but not read is unread, not "no percentage target" -------------------------


def test_an_unread_share_is_not_reported_as_absent(kefu):
    text = with_item(1, "(1)响应时间:对于电话请求,应在20秒内接起,接通率为80%;对于在线聊天请求,应在30秒内回复。")
    run = kefu.run("review", "--format", "json", "--lang", "en", kefu.write("a.txt", text))
    found = [(f["id"], f["message"]) for f in json.loads(run.out)["findings"]]
    assert found == [
        (
            "review.response_target_absolute",
            "2.1(1) sets no percentage target for chat: a single slow first response is a breach",
        ),
        ("review.unread", "cannot read the phone first-response time: “对于电话请求,应在20秒内接起,接通率为80%”"),
    ]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_an_unread_resolution_share_is_named_in_words(kefu, lang):
    text = with_item(3, "(3)问题解决率:问题应在24小时内解决,解决率为90%。")
    run = kefu.run("review", "--format", "json", "--lang", lang, kefu.write("a.txt", text))
    (finding,) = json.loads(run.out)["findings"]
    assert finding["id"] == "review.unread" and "standards." not in finding["message"]


# --- neighbouring phrasings -------------------------------------------------------------------------------------


def test_the_report_deadline_is_not_a_resolution_time():
    """2.3's 5个工作日内 (a report deadline) on a line that names 问题解决率 is not the resolution time of 2.1(3)."""
    got, unread = standard(3, "(3)问题解决率:紧急问题应在30分钟内解决。", "resolution")
    assert got["within"] is None and unread.keys() == {f"{RS}.within", f"{RS}.unit"}


def test_a_tiered_resolution_time_is_unread():
    got, unread = standard(3, "(3)问题解决率:一般问题应在2小时内解决,紧急问题应在30分钟内解决。", "resolution")
    assert got["within"] is None and f"{RS}.within" in unread


@pytest.mark.parametrize("hours", ["周一至周五9:00-18:00,周六9:00-12:00", "周一至周五上午9:00-12:00、下午13:00-18:00"])
def test_two_spans_of_service_hours_are_unread(hours):
    got, unread = standard(2, HOLIDAYS.format(hours), "service_hours")
    assert (got["start"], got["end"]) == (None, None) and f"{SH}.start" in unread and f"{SH}.days" in unread


def test_an_availability_with_yishang_is_read():
    got, unread = standard(2, STATED.format("年度可用性达到99.9%以上"), "availability")
    assert (got["min_percent"], unread) == (Decimal("99.9"), {})


@pytest.mark.parametrize(
    ("due", "days", "unread"),
    [
        ("于每月结束后5个工作日内", 5, None),
        ("于每月结束后第5个工作日结束前", 5, None),
        ("于次月第五个工作日内", 5, None),
        ("于每月结束后第5个工作日前", None, "第5个工作日前"),  # the 5th, or by the 4th? (old: 5)
        ("于次月第5个工作日以前", None, "第5个工作日以前"),
    ],
)
def test_the_report_deadline_in_working_days(due, days, unread):
    text = FILLED.read_text(encoding="utf-8")
    assert text.count("于每月结束后5个工作日内") == 1
    ex = extract(text.replace("于每月结束后5个工作日内", due).split("\n"), "x")
    assert ex.data["standards"]["report"]["due_working_days"] == days
    assert [u.text for u in ex.unreadable] == ([unread] if unread else [])
