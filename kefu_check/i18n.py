"""Every sentence kefu-check prints, in Chinese and English: consequence messages and reasons."""

from __future__ import annotations

from datetime import date
from typing import Any

Lang = str  # "zh" | "en"

# consequence id → (zh, en) one-line message; {params} come from the rule that emitted it
MESSAGES: dict[str, tuple[str, str]] = {
    "term.not_started": ("服务期限自 {start} 起,尚未开始", "the term starts on {start}: not started yet"),
    "term.expired": ("服务期限已于 {end} 届满,无续约", "the term ended on {end} and was not renewed"),
    "renewal.auto_renewed": (
        "乙方未在期限内书面异议,协议自动续约至 {next_end}",
        "no timely written objection: renewed until {next_end}",
    ),
    "renewal.ended_by_objection": (
        "乙方于 {date} 书面异议,协议于 {end} 期满终止",
        "written objection of {date}: the term ends on {end}",
    ),
    "renewal.deadline_upcoming": (
        "续约书面异议须于 {deadline} 前送达,否则自动续约",
        "object in writing by {deadline} or the term renews after {end}",
    ),
    "renewal.objection_not_written": (
        "{date} 的异议非书面形式,不能阻止自动续约",
        "the objection of {date} is not in writing: it does not stop the renewal",
    ),
    "renewal.objection_late": (
        "{date} 的书面异议晚于期限 {deadline},本期仍将续约",
        "the objection of {date} is after the deadline {deadline}: the term still renews",
    ),
    "renewal.provider_notice_no_effect": (
        "第3.2条只赋予乙方异议权,甲方 {date} 的不续约通知不阻止续约",
        "3.2 gives the objection to the client only: the provider's notice of {date} does not stop the renewal",
    ),
    "payment.overdue": ("{invoice} 逾期 {days} 日未付清", "{invoice} is {days} days overdue"),
    "payment.late_fee": ("{invoice} 逾期付款违约金 {fee} 元", "late fee on {invoice}: {fee}"),
    "payment.suspension_right": (
        "{invoice} 逾期超过 {n} 日,甲方有权暂停服务直至费用结清",
        "{invoice} overdue more than {n} days: the provider may suspend until paid",
    ),
    "billing.invoice_mismatch": (
        "{invoice} 金额与合同约定的 {fee} 元不符",
        "{invoice} differs from the contract fee {fee}",
    ),
    "service.lawful_suspension": (
        "自 {start} 的暂停服务有合同依据:{day_list}",
        "the suspension from {start} is lawful on {day_list}",
    ),
    "service.wrongful_suspension": (
        "自 {start} 的暂停服务无合同依据:{day_list}",
        "the suspension from {start} is wrongful on {day_list}",
    ),
    "service.suspension_without_notice": (
        "{start} 起暂停服务,未按要求事先书面通知",
        "suspension from {start} without the required prior notice",
    ),
    "sla.first_response": ("{channel} 首次响应达标率低于约定", "{channel}: first responses below the target"),
    "sla.resolution": ("问题解决及时率低于约定", "resolution within the limit below the target"),
    "sla.satisfaction": ("客户满意度低于约定", "customer satisfaction below the minimum"),
    "sla.availability": (
        "自 {year} 起的可用性年度停机已超出额度",
        "downtime in the year from {year} exceeds the budget",
    ),
    "sla.availability_budget": (
        "自 {year} 起的年度停机额度已用过半",
        "half or more of the downtime budget of the year from {year} is used",
    ),
    "report.late": ("{period} 服务报告逾期提交", "the {period} service report was late"),
    "report.missing": ("{period} 服务报告未提交", "the {period} service report is missing"),
    "sla.service_credit": ("因 {breach} 抵扣当月服务费 {percent}%", "{percent}% of the month's fee for {breach}"),
    "confidentiality.provider_breach": (
        "{incident}:甲方违反保密义务",
        "{incident}: the provider breached confidentiality",
    ),
    "confidentiality.compensation": (
        "{incident}:乙方有权要求甲方赔偿损失",
        "{incident}: the client may claim its loss",
    ),
    "confidentiality.client_breach": ("{incident}:乙方违反保密义务", "{incident}: the client breached confidentiality"),
    "privacy.remedy_and_notify": (
        "{incident} 涉及个人信息:甲方应立即补救并告知乙方",
        "{incident} involves personal information: remedy it and inform the client at once",
    ),
    "client.cooperation_failure": ("乙方未履行协助义务({obligation})", "the client failed to provide {obligation}"),
    "calendar.estimated": (
        "{year} 年无法定节假日数据,停机额度按周计算为估算值",
        "no holiday data for {year}: the downtime budget is an estimate (use --holidays)",
    ),
    "waiver.expired": (
        "对 {waived} 的豁免已于 {expires} 到期,未予适用",
        "the waiver of {waived} expired on {expires}: not applied",
    ),
    "waiver.unused": (
        "对 {waived} 的豁免未匹配本月任何法律后果",
        "the waiver of {waived} matches no consequence this month",
    ),
}

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
    return template.format_map(_Formatted(params, lang))


class _Formatted:
    """The params a template names, each formatted when the template asks for it (most go unused)."""

    __slots__ = ("lang", "params")

    def __init__(self, params: dict[str, Any], lang: Lang) -> None:
        self.params, self.lang = params, lang

    def __getitem__(self, name: str) -> str:
        if name not in self.params:
            return "{" + name + "}"
        return _text(self.params[name], self.lang) or "—"


def message(cid: str, params: dict[str, Any], lang: Lang) -> str:
    zh, en = MESSAGES[cid]
    return fill(zh if lang == "zh" else en, params, lang)


def line(name: str, params: dict[str, Any], lang: Lang) -> str:
    zh, en = LINES[name]
    return fill(zh if lang == "zh" else en, params, lang)
