"""Messages of `kefu-check holidays` and of the holidays files, in Chinese and English."""

from __future__ import annotations

WEEKDAY_ZH = "一二三四五六日"
WEEKDAY_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

REFUSALS: dict[str, tuple[str, str]] = {
    "bad_date": ("日期无法读取:{date}", "cannot read the date {date}"),
    "weekday": (
        "{date}:{iso} 是星期{actual},不是星期{stated}",
        "{date}: {iso} is a {actual_en}, not a {stated_en}",
    ),
    "bad_range": ("日期区间无法读取:{range}", "cannot read the range {range}"),
    "bad_extension": ("延长假期的日期无法读取", "cannot read the date the holiday is extended to"),
    "nothing_to_extend": (
        "没有可延长的{names}假期(先给出原通知)",
        "no earlier {names} block to extend (give the original notice first)",
    ),
    "no_days_off": ("只有上班日,没有放假日", "adjusted working days but no day off"),
    "two_counts": ("同一假期写了两个不同的天数", "two different day counts for one block"),
    "wrong_year": ("{iso} 不在 {year} 年或其前一年", "{iso} is neither in {year} nor in the year before"),
    "workday_not_weekend": (
        "上班日 {iso} 是星期{weekday},不是周六或周日",
        "the working day {iso} is a {weekday_en}, not a Saturday or Sunday",
    ),
    "both": ("{iso} 既是放假日又是上班日", "{iso} is both a day off and a working day"),
    "count": (
        "写的是共{stated}天,但列出的放假日是 {counted} 天({days})",
        "says 共{stated}天 ({stated} days), but the days off it names are {counted} ({days})",
    ),
    "no_year": (
        "通知没有写明年份(标题“国务院办公厅关于YYYY年部分节假日安排的通知”或带年份的日期);可用 --year 指定",
        "the notice names no year (no title 国务院办公厅关于YYYY年部分节假日安排的通知, no date with its year); "
        "give it with --year",
    ),
    "no_blocks": ("通知里没有找到放假安排", "no holiday arrangement found in the notice"),
    "years_differ": (
        "这些通知属于不同年份({years}),一次只能处理一年",
        "the notices are for different years ({years}); one year per run",
    ),
    "unreadable": ("无法读取:{problem}", "cannot read: {problem}"),
}


def refusal(lang: str, file: str, number: int | None, key: str, line: str = "", **params: object) -> str:
    """``file:line: problem: «the notice's line»`` in ``lang``."""
    zh, en = REFUSALS[key]
    problem = (zh if lang == "zh" else en).format(**params)
    where = f"{file}:{number}" if number else file
    if line:
        problem += ": " + (f"「{line}」" if lang == "zh" else f"“{line}”")
    return f"{where}: {problem}" if where else problem


TABLE = {
    "zh": {
        "title": "{year} 年节假日安排(据 {sources})",
        "block": "假日",
        "off": "放假",
        "count": "共N天",
        "work": "调休上班",
        "none": "无",
        "stated": "(通知:共{n}天)",
        "rule": "含周末 {days}(SPEC §2 假日连休规则)",
        "before": "其中上一年的日期:放假 {off};上班 {work}",
        "written": "已写入 {path}",
        "weekday": "周" + "一二三四五六日",
    },
    "en": {
        "title": "{year} holiday arrangement (from {sources})",
        "block": "holiday",
        "off": "days off",
        "count": "days",
        "work": "adjusted working days",
        "none": "none",
        "stated": "(notice: 共{n}天)",
        "rule": "weekend {days} joined by the block rule (SPEC §2)",
        "before": "days in the year before: off {off}; working {work}",
        "written": "written to {path}",
        "weekday": "",
    },
}

NAMES_EN = {
    "元旦": "New Year's Day",
    "春节": "Spring Festival",
    "清明节": "Qingming",
    "劳动节": "Labour Day",
    "端午节": "Dragon Boat Festival",
    "中秋节": "Mid-Autumn Festival",
    "国庆节": "National Day",
    "纪念日": "Victory Day",
}

# A bad holidays file's problems are kinds of the catalogue (problems.py: holidays_differ, day_status, …).
