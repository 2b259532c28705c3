"""The reasons kefu-check prints, in Chinese and English, and how values are written in them.

A consequence's own message is declared beside its rule (`rules/`, `Kind.message`); `message()` fills it."""

from __future__ import annotations

from datetime import date
from typing import Any

Lang = str  # "zh" | "en"


# reason key → (zh, en)
LINES: dict[str, tuple[str, str]] = {
    "term.coverage": ("服务期限 {start} 至 {end}(截至 {as_of})", "term {start} to {end} (as of {as_of})"),
    "term.span": ("本期 {start} 至 {end}", "term {start} to {end}"),
    "term.deadline": (
        "异议期限 {deadline}(期满 {end},方式 {by})",
        "objection deadline {deadline} (end {end}, by {by})",
    ),
    "term.objection": (
        "乙方书面异议 {date},不晚于期限 {deadline}",
        "written objection {date}, on or before {deadline}",
    ),
    "term.objection_late": ("乙方书面异议 {date},晚于期限 {deadline}", "written objection {date}, after {deadline}"),
    "notice": ("{date} {from} 通知({kind},书面:{written})", "{date} notice from {from} ({kind}, written: {written})"),
    "invoice.due": ("应付日 {due} = {after} 后第 {n} 个工作日", "due {due} = working day {n} after {after}"),
    "invoice.paid": ("{date} 付款 {amount}", "paid {amount} on {date}"),
    "invoice.accrual": (
        "{first}…{last}:{days} 日 × {balance} × {rate} = {fee}",
        "{first}…{last}: {days} days × {balance} × {rate} = {fee}",
    ),
    "invoice.fee_total": ("违约金合计 {fee},四舍五入至分 = {rounded}", "late fee {fee}, rounded half up = {rounded}"),
    "invoice.outstanding": (
        "截至 {as_of} 未付 {outstanding}(应付 {amount}),逾期 {days} 日",
        "outstanding at {as_of}: {outstanding} of {amount}, {days} days overdue",
    ),
    "invoice.contract_fee": (
        "合同约定 {cycle} 费用 {fee}({method}),账单金额 {amount}",
        "contract fee for {cycle}: {fee} ({method}); invoiced {amount}",
    ),
    "why.suspension_right": (
        "逾期 {days} 日 > {n} 日(逾期超过 {n} 日),自 {on} 起",
        "overdue {days} days > {n} (from {on})",
    ),
    "suspension.span": ("暂停 {start} 至 {end}(截至 {as_of})", "suspended {start} to {end} (as of {as_of})"),
    "suspension.no_notice": (
        "暂停自 {start} 起,截至 {as_of} 未见书面通知",
        "suspension from {start}: no notice given by {as_of}",
    ),
    "suspension.notice": (
        "通知日 {notice},开始日 {start},提前 {days} 日(约定 {required} 日)",
        "notice {notice}, start {start}: {days} days before (contract: {required})",
    ),
    "day.outage": (
        "{day}:服务时间内停机 {minutes} 分钟({ids})",
        "{day}: {minutes} min of outage in service hours ({ids})",
    ),
    "day.suspended_settled": (
        "{day}:没有逾期未付的发票(费用已结清),服务时间 {service} 分钟",
        "{day}: no invoice is overdue and unpaid (fees settled); {service} service minutes",
    ),
    "day.suspended": (
        "{day}:最久逾期发票 {invoice} 逾期 {overdue} 日(阈值 {n} 日),服务时间 {service} 分钟",
        "{day}: most overdue invoice {invoice} at {overdue} days (limit {n}); {service} service minutes",
    ),
    "availability.budget": (
        "可用性年度 {first} 至 {last}:计划服务 {scheduled} 分钟 × (1 − {percent}%) = 额度 {budget} 分钟",
        "availability year {first} to {last}: {scheduled} scheduled min × (1 − {percent}%) = budget {budget} min",
    ),
    "availability.so_far": (
        "年度累计停机 {year} 分钟(本月 {month} 分钟)",
        "downtime so far {year} min (this month {month} min)",
    ),
    "availability.excluded": ("不计入停机:{ids}(排除原因 {causes})", "not downtime: {ids} (excluded causes: {causes})"),
    "calendar.estimated": ("{year} 年按周工作日估算", "{year} counted by weekday only"),
    "waiver.terms": (
        "豁免:{waived}({subject}),理由「{reason}」,批准人 {approved_by},有效期至 {expires}",
        "waiver: {waived} ({subject}), reason “{reason}”, approved by {approved_by}, valid through {expires}",
    ),
    "waiver.terms_open": (
        "豁免:{waived}({subject}),理由「{reason}」,批准人 {approved_by},长期有效(未设截止日期)",
        "waiver: {waived} ({subject}), reason “{reason}”, approved by {approved_by}, no end date",
    ),
    "waiver.applied_open": (
        "已豁免:{reason}(批准人 {approved_by},长期有效)",
        "waived: {reason} (approved by {approved_by}, no end date)",
    ),
    "waiver.applied": ("已豁免:{reason}(批准人 {approved_by},有效期至 {expires})", "waived: {reason} (approved by {approved_by}, valid through {expires})"),
    "sla.first_response": (
        "{channel}:{within} 秒内响应 {on_time} / {requests} = {ratio},目标 {target}(需 {required})",
        "{channel}: {on_time} of {requests} within {within} s = {ratio}, target {target} (needs {required})",
    ),
    "sla.resolution": (
        "{within} {unit_zh}内解决 {on_time} / {cases} = {ratio},目标 {target}(需 {required})",
        "{on_time} of {cases} resolved within {within} {unit} = {ratio}, target {target} (needs {required})",
    ),
    "sla.satisfaction": (
        "满意度 {score},最低 {min}(受访 {respondents})",
        "score {score}, minimum {min} ({respondents} respondents)",
    ),
    "report.due": (
        "{period} 报告应于 {due} 前提交 = {after} 后第 {n} 个工作日",
        "{period} report due {due} = working day {n} after {after}",
    ),
    "report.delivered": ("{date} 提交", "delivered {date}"),
    "report.not_delivered": ("截至 {as_of} 未提交", "not delivered by {as_of}"),
    "incident": (
        "{id}:{date} {kind},过错方 {at_fault},数据 {data},个人信息 {pi}",
        "{id}: {kind} on {date}, at fault {at_fault}, data {data}, personal information {pi}",
    ),
    "incident.loss": ("损失 {loss}", "loss {loss}"),
    "incident.no_loss": ("损失待评估", "loss to be assessed"),
    "cooperation": ("乙方未提供 {obligation}:{from} 至 {to}", "client failed to provide {obligation}: {from} to {to}"),
    "why.excused": (
        "乙方未履行协助义务({obligation}),本月该项免责",
        "excused: the client failed to provide {obligation} this month",
    ),
    "credit.capped": (
        "已达当月抵扣上限 {cap}({cap_percent}% × 当月服务费 {fee}):此前抵扣合计 {before},本项 {full} 减为 {amount}",
        "the month's credit cap {cap} ({cap_percent}% × the month's fee {fee}) is reached: credits before this one "
        "{before}, so {full} is cut to {amount}",
    ),
    "credit.terms": (
        "抵扣 {percent}% × 当月服务费 {fee}({method})= {amount}",
        "credit {percent}% × the month's fee {fee} ({method}) = {amount}",
    ),
    "credit.no_fee": (
        "约定抵扣 {percent}%,但本月没有可据以计算的月服务费({method}),金额待定",
        "{percent}% is agreed, but this month has no monthly fee to take it of ({method}): amount to be determined",
    ),
    "default.calendar": (
        "合同未约定节假日如何计算,按 {calendar} 处理",
        "the contract is silent on holidays: {calendar} applied",
    ),
    "default.availability_year": (
        "合同未约定年度口径,按合同年度计算",
        "the contract is silent on the year: contract years",
    ),
    "default.excluded_causes": (
        "合同未约定免责原因,按乙方原因与不可抗力排除",
        "the contract names no exclusions: client and force majeure excluded",
    ),
    "default.objection_by": (
        "合同未约定异议期限,按期满日(民法典第498条,不利于提供格式条款一方的解释)",
        "no objection deadline stated: the expiry day (Civil Code Art. 498, against the drafter)",
    ),
    "default.target_ratio": (
        "未约定达标比例,每次响应均须达标(目标 1)",
        "no target share stated: every response must be on time (target 1)",
    ),
}


# The contract's and the month's enumerated values, as a Chinese reader reads them (English keeps the value).
VALUES_ZH: dict[str, str] = {
    "fixed_monthly": "固定月费",
    "per_usage": "按量计费",
    "lump_sum": "一次性总价",
    "month": "月",
    "quarter": "季度",
    "notice_window": "通知期",
    "expiry": "期满日",
    "client": "乙方",
    "provider": "甲方",
    "none": "无",
    "force_majeure": "不可抗力",
    "planned": "计划停机",
    "customer_info": "客户信息",
    "trade_secret": "商业秘密",
    "technical_info": "技术信息",
    "leak": "泄露",
    "tampering": "篡改",
    "loss": "丢失",
    "renewal_objection": "续约异议",
    "non_renewal": "不续约通知",
    "breach_notice": "违约通知",
    "other": "其他",
    "info": "资料",
    "training": "培训",
    "system_access": "系统权限",
    "contact": "联系人",
    "phone": "电话",
    "chat": "在线客服",
    "email": "邮件",
    "contract": "合同年度",
    "calendar": "自然年度",
    "hours": "小时",
    "working_days": "工作日",
    "mean_score": "平均分",
    "share_satisfied": "满意占比",
}
YES_NO = {"zh": ("是", "否"), "en": ("yes", "no")}


def _text(value: Any, lang: Lang) -> str:
    if type(value) is str:  # most params: already worded
        return VALUES_ZH.get(value, value) if lang == "zh" else value
    if isinstance(value, date):
        return value.isoformat()
    if value is None:
        return "—"
    if isinstance(value, bool):
        return YES_NO[lang][0 if value else 1]
    if isinstance(value, list):
        return ", ".join(_text(v, lang) for v in value)
    if lang == "zh" and isinstance(value, str):
        return VALUES_ZH.get(value, value)
    return str(value)


def fill(template: str, params: dict[str, Any], lang: Lang = "en") -> str:
    """Substitute {names}; a missing name stays visible rather than failing."""
    parts = _PARTS.get(template)
    if parts is None:
        parts = _PARTS[template] = _parts(template)
    out: list[str] = []
    for literal, name in parts:
        out.append(literal)
        if name is None:
            continue
        value = params.get(name, _MISSING)
        out.append("{" + name + "}" if value is _MISSING else _text(value, lang) or "—")
    return "".join(out)


_PARTS: dict[str, tuple[tuple[str, str | None], ...]] = {}


def _parts(template: str) -> tuple[tuple[str, str | None], ...]:
    """A template as (literal, name) pairs (`{{` and `}}` are literal braces; no template has a format spec)."""
    import string

    return tuple((literal, name) for literal, name, _, _ in string.Formatter().parse(template))


_MISSING = object()


def message(template: tuple[str, str], params: dict[str, Any], lang: Lang) -> str:
    """A consequence's one-line message: the (zh, en) template declared beside its rule (`Kind.message`), filled
    with its params."""
    zh, en = template
    return fill(zh if lang == "zh" else en, params, lang)


def line(name: str, params: dict[str, Any], lang: Lang) -> str:
    zh, en = LINES[name]
    return fill(zh if lang == "zh" else en, params, lang)
