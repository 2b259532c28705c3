"""Texts of `kefu-check deadlines`, in Chinese and English: what falls due, and its arithmetic."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from ..money import grouped

PARTY = {"zh": {"client": "乙方", "provider": "甲方", None: "—"}, "en": {"client": "client", "provider": "provider",
                                                                       None: "—"}}

WHAT: dict[str, tuple[str, str]] = {
    "payment.due": ("{cycle} 服务费应付日{fee_zh}", "{cycle} service fee due{fee_en}"),
    "payment.late_fee_starts": (
        "{invoice} 未付清:起算逾期违约金(截至 {as_of} 未付 {outstanding})",
        "{invoice} unpaid: the late fee starts ({outstanding} outstanding at {as_of})",
    ),
    "payment.suspension_right": (
        "{invoice} 逾期超过 {n} 日:甲方可暂停服务",
        "{invoice} overdue more than {n} days: the provider may suspend the service",
    ),
    "report.due": ("{period} 服务报告提交期限", "{period} service report due"),
    "renewal.deadline": (
        "续约书面异议最后送达日(期满 {end};逾期未异议则自动续约)",
        "last day for the written objection to renewal (term ends {end}; without it the contract renews)",
    ),
    "term.end": ("合同期限届满({start} 至 {end})", "the term ends ({start} to {end})"),
    "renewal.renews": (
        "未提出异议则自动续约 {months} 个月,至 {new_end}",
        "without an objection the contract renews for {months} months, to {new_end}",
    ),
    "renewal.ends": (
        "已于 {objection} 书面异议:合同于 {end} 终止",
        "objected in writing on {objection}: the term ends on {end}",
    ),
    "availability.year_end": (
        "可用性年度结束({first} 至 {last},不低于 {percent}%)",
        "end of the availability year ({first} to {last}, at least {percent}%)",
    ),
}

HOW: dict[str, tuple[str, str]] = {
    "payment.due": ("{after} 后第 {n} 个工作日", "the {nth} working day after {after}"),
    "payment.late_fee_starts": (
        "应付日 {due} 的次日;每日 {rate} × 未付金额",
        "the day after the due day {due}; {rate} a day of the balance",
    ),
    "payment.suspension_right": ("应付日 {due} + {n} 日 + 1 日", "due day {due} + {n} days + 1"),
    "report.due": ("{after} 后第 {n} 个工作日", "the {nth} working day after {after}"),
    "renewal.deadline": ("{end} − {window}", "{end} − {window}"),
    "renewal.deadline:expiry": ("期满日 {end}(异议至期满有效)", "the term's end {end} (an objection counts up to it)"),
    "term.end": ("合同约定", "as agreed"),
    "renewal.renews": ("({end} + 1 日)+ {months} 个月 − 1 日", "({end} + 1 day) + {months} months − 1 day"),
    "renewal.ends": ("异议不晚于期限送达", "the objection arrived by the deadline"),
    "availability.year_end": (
        "合同年度(或自然年度),截至期限届满",
        "contract (or calendar) year, cut at the term's end",
    ),
}

UNKNOWN = ("日期未知,需要 {year} 年节假日安排", "unknown until the {year} holiday arrangement is supplied")

HEAD = {
    "zh": ["日期", "条款", "当事方", "事项", "计算"],
    "en": ["date", "clause", "party", "what falls due", "arithmetic"],
}
TITLE = ("合同 {contract}:{start} 至 {end} 的约定日期", "contract {contract}: the dates it sets from {start} to {end}")
UNKNOWN_DATE = ("未知({year} 年)", "unknown ({year})")
REMIND = ("{days} 个工作日后:{summary}", "in {days} working days: {summary}")
REMIND_WEEKLY = (
    "(提醒按周一至周五推算:{year} 年节假日安排未知)",
    "(reminder counted Monday to Friday: the {year} holiday arrangement is unknown)",
)
MISSING = (
    "未知日期需要 {years} 年的节假日安排:用 kefu-check holidays 从国务院通知生成,"
    "经 --holidays 或合同旁的 holidays/ 文件夹提供",
    "the unknown dates need the {years} holiday arrangement: make it with kefu-check holidays from the State "
    "Council's notice and give it with --holidays or a holidays/ folder beside the contract",
)


def _text(value: object, lang: str) -> str:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return grouped(value)
    if value is None:
        return ""
    return str(value)


def fill(table: dict[str, tuple[str, str]], key: str, params: dict[str, object], lang: str) -> str:
    if key == "renewal.deadline" and params.get("by") != "notice_window" and f"{key}:expiry" in table:
        key = f"{key}:expiry"
    zh, en = table[key]
    shown = {k: _text(v, lang) for k, v in params.items()}
    fee = params.get("fee")
    shown["fee_zh"] = f"({grouped(fee)} 元)" if isinstance(fee, Decimal) else ""
    shown["fee_en"] = f" ({grouped(fee)} yuan)" if isinstance(fee, Decimal) else ""
    n = params.get("n")
    if isinstance(n, int):
        suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
        shown["nth"] = f"{n}{suffix}"
    months, days = params.get("months"), params.get("days")
    if key == "renewal.deadline":
        if months is not None:
            shown["window"] = f"{months} 个月" if lang == "zh" else f"{months} month{'s' if months != 1 else ''}"
        else:
            shown["window"] = f"{days} 日" if lang == "zh" else f"{days} days"
    return (zh if lang == "zh" else en).format_map(_Missing(shown))


class _Missing(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def pick(pair: tuple[str, str], lang: str, **params: object) -> str:
    return (pair[0] if lang == "zh" else pair[1]).format(**params)
