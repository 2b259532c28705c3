"""The input documents of SPEC §2 as pydantic v2 models: unknown keys rejected, money as Decimal.

Every field the agreement leaves as a blank may be null here; the monthly check then demands the
values it cannot do without (`requirements.py`), and `review` reports the rest.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    WithJsonSchema,
    model_validator,
)

from . import values as v
from .values import (  # noqa: F401  (the bounds and patterns, named here too: models are where readers look)
    CYCLE_PATTERN,
    DATE_PATTERN,
    HHMM_PATTERN,
    MAX_AMOUNT,
    MAX_COUNT,
    MAX_DAYS,
    MAX_DECIMAL_PLACES,
    MAX_INVOICES,
    MAX_ITEMS,
    PERIOD_PATTERN,
    TIMESTAMP_PATTERN,
)


class Strict(BaseModel):
    """Base of every input model: unknown keys are an error, nothing is coerced silently."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True, frozen=True)


# ---------------------------------------------------------------------------------------------
# Scalars


def _json(schema: dict[str, Any]) -> WithJsonSchema:
    return WithJsonSchema(schema, mode="validation")


_UNSIGNED = r"^\s*\+?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$"
_SIGNED = r"^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$"


def _number_schema(minimum: int | None = 0, maximum: int | None = None, integer: bool = False) -> WithJsonSchema:
    """A decimal as a JSON number or a plain decimal string (no thousands separators, no currency sign)."""
    number: dict[str, Any] = {"type": "integer" if integer else "number"}
    if minimum is not None:
        number["minimum"] = minimum
    if maximum is not None:
        number["maximum"] = maximum
    text = {"type": "string", "pattern": _SIGNED if minimum is None else _UNSIGNED}
    return _json({"anyOf": [number, text]})


_NO_CONTROL_SCHEMA = "^[^\\u0000-\\u0008\\u000b-\\u001f\\u007f-\\u009f\\u2028\\u2029\\ufffe\\uffff]*$"
_NO_CONTROL_ID_SCHEMA = "^[^\\u0000-\\u001f\\u007f-\\u009f\\u2028\\u2029\\ufffe\\uffff]*$"

Num = Annotated[Decimal, BeforeValidator(v.decimal_number), _number_schema(None)]
Exact = AfterValidator(v.exact_places)
Money = Annotated[Decimal, BeforeValidator(v.decimal_number), AfterValidator(v.non_negative), Exact, _number_schema()]
Rate = Annotated[
    Decimal,
    BeforeValidator(v.decimal_number),
    AfterValidator(v.non_negative),
    AfterValidator(v.ratio),
    Exact,
    _number_schema(0, 1),
]
Percent = Annotated[
    Decimal,
    BeforeValidator(v.decimal_number),
    AfterValidator(v.non_negative),
    AfterValidator(v.percent),
    Exact,
    _number_schema(0, 100),
]
# any digits
Score = Annotated[Decimal, BeforeValidator(v.decimal_number), AfterValidator(v.non_negative), _number_schema()]
Count = Annotated[int, BeforeValidator(v.count), _number_schema(integer=True)]
Days = Annotated[int, BeforeValidator(v.count), AfterValidator(v.days), _number_schema(0, MAX_DAYS, integer=True)]
IsoDate = Annotated[
    date, BeforeValidator(v.iso_date), _json({"type": "string", "format": "date", "pattern": DATE_PATTERN})
]
Timestamp = Annotated[
    datetime,
    BeforeValidator(v.timestamp),
    _json(
        {
            "type": "string",
            "pattern": "^" + TIMESTAMP_PATTERN.removesuffix(".*"),
            "$comment": "ISO 8601 date and time, with or without an offset (without: local time in "
            "standards.service_hours.timezone); not format date-time, which demands an offset",
        }
    ),
]
Month = Annotated[str, BeforeValidator(v.month), _json({"type": "string", "pattern": f"^{PERIOD_PATTERN}$"})]
Cycle = Annotated[str, BeforeValidator(v.cycle), _json({"type": "string", "pattern": CYCLE_PATTERN})]
HHMM = Annotated[str, BeforeValidator(v.hhmm), _json({"type": "string", "pattern": f"^({HHMM_PATTERN})$"})]
TimeZone = Annotated[str, BeforeValidator(v.timezone), _json({"type": "string", "minLength": 1})]
# prose (names, addresses, reasons): tab and newline allowed; ids, codes and paths: no control character at all
Text = Annotated[
    str,
    Field(max_length=10_000),
    AfterValidator(v.text),
    _json({"type": "string", "maxLength": 10_000, "pattern": _NO_CONTROL_SCHEMA}),
]
Id = Annotated[
    str,
    Field(max_length=10_000),
    AfterValidator(v.identifier),
    _json({"type": "string", "maxLength": 10_000, "pattern": _NO_CONTROL_ID_SCHEMA}),
]
ChannelName = Annotated[str, AfterValidator(v.identifier), _json({"type": "string", "pattern": _NO_CONTROL_ID_SCHEMA})]


Listed = BeforeValidator(v.listed)

Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
Cause = Literal["provider", "client", "force_majeure", "planned"]
Party = Literal["client", "provider"]

# ---------------------------------------------------------------------------------------------
# contract.json (schema kefu-check/contract@1)


def _d(text: str, default: Any = None, **more: Any) -> Any:
    """A field's description (the docs and the JSON Schema read it): English, with the agreement's Chinese term."""
    return Field(default, description=text, **more)


class PartyInfo(Strict):
    """A party to the agreement: 甲方 (provider) or 乙方 (client)."""

    name: Text | None = _d("The party's registered name (名称); required by the monthly check.")
    address: Text | None = _d("Registered address (住所/地址).")
    credit_code: Id | None = _d("Unified social credit code (统一社会信用代码), 18 characters.")
    contact: Text | None = _d("Contact person and telephone (联系人及电话).")


class Service(Strict):
    """What is outsourced (服务内容, article 1)."""

    type: Text | None = _d("Kind of service (服务类型), e.g. 在线客服与电话热线.")
    scope: list[Text] | None = _d("The tasks in scope (服务范围).")
    languages: list[Text] | None = _d("Service languages (服务语言), e.g. zh, en.")


class ChannelStandard(Strict):
    """First-response standard of one channel (首次响应时间, clause 2.1(1))."""

    within_seconds: Count | None = _d(
        "A first response counts as on time when it takes at most this many seconds (…秒以内); required."
    )
    target_ratio: Rate | None = _d(
        "Share of requests that must be on time (达标率), 0 to 1; absent = 1 (every late response is a miss)."
    )


class ServiceHoursTerms(Strict):
    """Service hours (服务时间, clause 2.1(2)): the hours availability is measured in."""

    days: list[Weekday] | None = _d("Service weekdays (服务日), mon … sun.")
    start: HHMM | None = _d("Daily start, HH:MM (开始时间).")
    end: HHMM | None = _d("Daily end, HH:MM; 24:00 allowed (结束时间).")
    timezone: TimeZone | None = _d(
        "IANA time zone of the hours and of timestamps without offset (时区); default Asia/Shanghai."
    )
    calendar: Literal["statutory", "weekly"] | None = _d(
        "statutory = the weekdays minus statutory holidays plus adjusted working days (法定节假日及调休); "
        "weekly = exactly the weekdays. Default statutory (weekly when all seven days are listed)."
    )


class AvailabilityTerms(Strict):
    """Availability standard (系统可用性, clause 2.1(2))."""

    min_percent: Percent | None = _d("Minimum availability in percent of service hours (可用性不低于…%); required.")
    year: Literal["contract", "calendar"] | None = _d(
        "contract = years counted from term.start (合同年度); calendar = calendar years (自然年度). Default contract."
    )
    excluded_causes: list[Cause] | None = _d(
        "Outage causes that are not downtime (不计入停机的原因). Default client, force_majeure."
    )


class ResolutionTerms(Strict):
    """Resolution standard (问题解决时限, clause 2.1(3))."""

    within: Count | None = _d("Time allowed to resolve a case (解决时限), in `unit`; required.")
    unit: Literal["hours", "working_days"] | None = _d("hours (小时) or working_days (工作日); required.")
    target_ratio: Rate | None = _d("Share of cases that must be resolved in time (达标率), 0 to 1; absent = 1.")


class SatisfactionTerms(Strict):
    """Customer satisfaction standard (客户满意度, clause 2.1(4))."""

    min: Money | None = _d("The score is met when at least this (满意度不低于); required.")
    scale: Literal["percent", "points"] | None = _d("percent (百分比) or points (分).")
    method: Literal["mean_score", "share_satisfied"] | None = _d(
        "mean_score (平均分) or share_satisfied (满意率: answers at the top two points); null = not stated."
    )
    scale_max: Count | None = _d("Points of the survey scale (评分满分), e.g. 5.")


class ReportTerms(Strict):
    """Periodic service reports (服务报告, clause 2.3)."""

    every: Literal["month", "quarter"] | None = _d("Report period (报告周期): month or quarter; default month.")
    due_working_days: Days | None = _d(
        "A report is due this many working days after its period ends (期满后…个工作日内); required."
    )


class Standards(Strict):
    """Service standards (服务标准, article 2)."""

    first_response: dict[ChannelName, ChannelStandard] | None = _d(
        "First-response standards by channel (首次响应), free channel keys: phone, chat, email, wechat …"
    )
    service_hours: ServiceHoursTerms | None = _d("Service hours (服务时间).")
    availability: AvailabilityTerms | None = _d("Availability (系统可用性); needs service_hours.")
    resolution: ResolutionTerms | None = _d("Resolution time (问题解决时限).")
    satisfaction: SatisfactionTerms | None = _d("Customer satisfaction (客户满意度).")
    report: ReportTerms | None = _d("Service reports (服务报告); null = no schedule, no report is judged.")


class Renewal(Strict):
    """Renewal (续约, clause 3.2)."""

    auto: StrictBool | None = _d(
        "The tacit renewal sentence is in force (期满自动续约); required when renewal is given."
    )
    negotiation_clause: StrictBool | None = _d(
        "The text also says a renewal needs a newly negotiated agreement (协商续签)."
    )
    objection_by: Literal["notice_window", "expiry"] | None = _d(
        "notice_window = the client's written objection (书面异议) must arrive by end − notice; expiry = by the "
        "end. Default expiry."
    )
    notice_months: Days | None = _d("Notice window in months (期满前…个月); one of notice_months/notice_days.")
    notice_days: Days | None = _d("Notice window in days (期满前…日); one of notice_months/notice_days.")
    renew_months: Days | None = _d("Length of each renewed term in months (续约期限); required when auto.")


class Term(Strict):
    """The term of service (服务期限, clause 3.1), dates inclusive."""

    start: IsoDate | None = _d("First day of the term (起始日), YYYY-MM-DD; required.")
    end: IsoDate | None = _d("Last day of the term (届满日), YYYY-MM-DD; required.")
    stated_months: Days | None = _d("The duration the text states (共计…个月), or null.")
    renewal: Renewal | None = _d("Renewal terms (续约).")


class Bank(Strict):
    """The provider's bank account (收款账户); the account number is always masked in output."""

    bank: Text | None = _d("Bank and branch (开户行).")
    account_name: Text | None = _d("Account name (户名).")
    account_no: Id | None = _d("Account number (账号).")


class Fees(Strict):
    """Fees and payment (服务费用及支付, article 4)."""

    method: Literal["fixed_monthly", "per_usage", "lump_sum"] | None = _d(
        "How the fee is set (计费方式): fixed_monthly (固定月费), per_usage (按量), lump_sum (一次性); required."
    )
    monthly_fee: Money | None = _d("Fee per month in CNY (月服务费); required for fixed_monthly and per_usage.")
    included_units: Count | None = _d("Units included in the monthly fee (包含量); required for per_usage.")
    unit_rate: Money | None = _d("Fee per unit above included_units (超出单价); required for per_usage.")
    lump_sum_fee: Money | None = _d("The whole term's fee for lump_sum (总服务费).")
    cycle: Literal["month", "quarter"] | None = _d("Billing cycle (结算周期): month or quarter; required.")
    due_working_days: Days | None = _d(
        "A cycle's fee is due on this working day after the cycle's last day (…个工作日内支付); required."
    )
    late_fee_daily_rate: Rate | None = _d(
        "Late fee per day of the unpaid balance (逾期付款违约金, 每日万分之五 = 0.0005); required."
    )
    suspend_after_days: Days | None = _d(
        "Overdue by more than this many days, the provider may suspend (逾期超过…日可暂停服务); required."
    )
    suspension_notice_days: Days | None = _d(
        "Written notice the provider must give before suspending (提前…日书面通知); null = none."
    )
    bank: Bank | None = _d("The provider's bank account (收款账户).")


class Remedies(Strict):
    """Remedies for SLA breaches (违约责任), not in the template unless agreed."""

    service_credit_percent: Percent | None = _d(
        "Percent of the month's fee credited to the client per SLA breach (服务费抵扣比例); null = no money."
    )
    service_credit_cap_percent: Percent | None = _d(
        "The month's credits together are at most this percent of its fee (抵扣总额上限); null = no cap."
    )
    sla_termination: StrictBool | None = _d("The client may terminate for repeated SLA failure (解除权).")


class Privacy(Strict):
    """Personal information (个人信息保护)."""

    entrusted_processing_terms: StrictBool | None = _d(
        "The agreement carries the entrusted-processing terms of PIPL Art. 21 (委托处理个人信息约定)."
    )


SCHEMA_KEY = "The document's format (文件格式); may be left out (the current version is assumed)."
DOLLAR_SCHEMA = "An editor's link to the JSON Schema file; ignored by kefu-check."


class Contract(Strict):
    """contract.json (kefu-check/contract@1): the terms of a 客服服务协议; 甲方 = provider, 乙方 = client."""

    schema_: Literal["kefu-check/contract@1"] | None = Field(default=None, alias="schema", description=SCHEMA_KEY)
    dollar_schema: Text | None = Field(default=None, alias="$schema", description=DOLLAR_SCHEMA)
    id: Id | None = _d("The agreement's number (合同编号); required by the monthly check.")
    provider: PartyInfo | None = _d("甲方, the provider of the service.")
    client: PartyInfo | None = _d("乙方, the client.")
    service: Service | None = _d("What is outsourced (服务内容).")
    standards: Standards | None = _d("Service standards (服务标准).")
    term: Term | None = _d("Term and renewal (服务期限); required.")
    fees: Fees | None = _d("Fees and payment (服务费用); required.")
    remedies: Remedies | None = _d("Service credits and SLA remedies (违约责任).")
    privacy: Privacy | None = _d("Personal information terms (个人信息保护).")


# ---------------------------------------------------------------------------------------------
# month.json (schema kefu-check/month@1)


class ChannelFigures(Strict):
    """One channel's first responses in the period (首次响应统计)."""

    requests: Count = Field(description="Requests in the period (请求数).")
    on_time: Count = Field(description="Of them, answered within the standard (按时响应数); at most requests.")
    method: Text | None = _d("How the figures were computed (统计口径), informational; written by kefu-check facts.")

    _on_time_at_most_requests = model_validator(mode="after")(v.on_time_at_most_requests)


class ResolutionFigures(Strict):
    """Cases and their resolution in the period (问题解决统计)."""

    cases: Count = Field(description="Cases in the period (工单数).")
    on_time: Count = Field(description="Of them, resolved within the standard (按时解决数); at most cases.")
    method: Text | None = _d("How the figures were computed (统计口径), informational.")

    _on_time_at_most_cases = model_validator(mode="after")(v.on_time_at_most_cases)


class SatisfactionFigures(Strict):
    """The period's satisfaction survey (满意度调查)."""

    score: Score = Field(description="The measured score (满意度), on the contract's scale.")
    respondents: Count | None = _d("Answers (样本数).")
    method: Text | None = _d("How the score was computed (统计口径), informational.")


class Usage(Strict):
    """Usage in the period, for per_usage fees (用量)."""

    units: Count = Field(description="Units used (计费量).")


class Outage(Strict):
    """An interval of unavailability (停机/系统不可用)."""

    id: Id = Field(description="The outage's id (编号), unique in the month.")
    start: Timestamp = Field(
        description="Start (开始时间), ISO 8601; without an offset, local time in service_hours.timezone."
    )
    end: Timestamp = Field(description="End (结束时间), ISO 8601; not before start.")
    cause: Cause = Field(
        description="Cause (原因): provider, client, force_majeure (不可抗力) or planned (计划内维护)."
    )


class ReportDelivery(Strict):
    """A service report delivered (服务报告提交)."""

    period: Cycle = Field(description="The period the report covers (报告期间), YYYY-MM or YYYY-Qn.")
    delivered_on: IsoDate = Field(description="Day delivered (提交日), YYYY-MM-DD.")


class Payment(Strict):
    """A payment of an invoice (付款)."""

    date: IsoDate = Field(description="Day paid (付款日), YYYY-MM-DD.")
    amount: Money = Field(description='Amount paid in CNY (付款金额), e.g. "20000.00"; no separators.')


class Invoice(Strict):
    """An invoice still relevant: unpaid, or paid within the period (账单)."""

    id: Id = Field(description="Invoice id (账单编号), unique in the month.")
    cycle: Cycle = Field(description="The billing cycle it charges (账期), YYYY-MM or YYYY-Qn.")
    amount: Money = Field(description='Invoiced amount in CNY (账单金额), e.g. "20000.00"; no separators.')
    payments: Annotated[list[Payment], Listed] = Field(default=[], description="Payments made (付款记录).")


class Suspension(Strict):
    """Service suspended by the provider (暂停服务), inclusive dates."""

    start: IsoDate = Field(description="First day suspended (暂停开始日).")
    end: IsoDate | None = _d("Last day suspended (恢复前一日); null = still suspended at as_of.")
    notice_date: IsoDate | None = _d("Day the provider notified the client (通知日); null = never.")

    _ends_after_start = model_validator(mode="after")(v.suspension_ends_after_start)


class Notice(Strict):
    """A notice between the parties (通知)."""

    date: IsoDate = Field(description="Day received (送达日).")
    from_: Party = Field(alias="from", description="Who gave it (发出方): client or provider.")
    kind: Literal["renewal_objection", "non_renewal", "breach_notice", "other"] = Field(
        description="renewal_objection (续约异议), non_renewal (不续约), breach_notice (违约通知) or other."
    )
    written: StrictBool = Field(description="Given in writing (书面形式).")


class Incident(Strict):
    """A leak, tampering or loss of protected data (信息安全事件, 5.1.6, 5.1.8, 5.2.4)."""

    id: Id = Field(description="The incident's id (编号), unique in the month.")
    date: IsoDate = Field(description="Day it happened (发生日).")
    kind: Literal["leak", "tampering", "loss"] = Field(description="leak (泄露), tampering (篡改) or loss (丢失).")
    at_fault: Literal["provider", "client", "none"] = Field(
        description="Who is at fault (过错方), the user's assertion; the tool does not adjudicate fault."
    )
    data: list[Literal["customer_info", "trade_secret", "technical_info"]] = Field(
        default=[], description="What was affected (涉及信息): customer_info, trade_secret, technical_info."
    )
    personal_information: StrictBool = Field(default=False, description="Personal information involved (涉及个人信息).")
    records: Count | None = _d("Records affected (涉及记录数).")
    loss: Money | None = _d("Loss in CNY (损失金额).")


class CooperationFailure(Strict):
    """A period in which the client failed to cooperate (乙方未履行协助义务, 5.1.4, 5.1.5)."""

    obligation: Literal["info", "training", "system_access", "contact"] = Field(
        description="What it failed to provide: info (资料), training (培训), system_access (系统权限), "
        "contact (对接人)."
    )
    from_: IsoDate = Field(alias="from", description="First day of the failure (开始日).")
    to: IsoDate | None = _d("Last day (结束日); null = still failing.")

    _ends_after_start = model_validator(mode="after")(v.cooperation_ends_after_start)


class Waiver(Strict):
    """SPEC §2.2: a consequence the entitled party has knowingly waived (豁免), matched on (id, subject)."""

    id: Id = Field(description="The consequence id waived (结果编号), e.g. payment.late_fee.")
    subject: Id | None = _d("Its subject (对象), e.g. an invoice id; null matches a consequence without subject.")
    reason: Text = Field(description="Why it is waived (豁免理由).")
    approved_by: Text = Field(description="Who approved the waiver (批准人).")
    expires: IsoDate | None = Field(  # required; null = a waiver without end date (SPEC §2.2)
        description="Last day the waiver applies (有效期至); null = no end date. Required."
    )


class WaiverFile(Strict):
    """A `--waivers` file: an object with a `waivers` list (a bare list is read as one)."""

    waivers: list[Waiver]


class MonthFacts(Strict):
    """month.json (kefu-check/month@1): one month of operational facts under a contract (月度事实)."""

    schema_: Literal["kefu-check/month@1"] | None = Field(default=None, alias="schema", description=SCHEMA_KEY)
    dollar_schema: Text | None = Field(default=None, alias="$schema", description=DOLLAR_SCHEMA)
    contract: Id | dict[str, Any] = Field(
        description="The contract: a path relative to this file, or the contract object inline (合同); "
        "--contract overrides."
    )
    period: Month = Field(description="The month checked (期间), YYYY-MM.")
    as_of: IsoDate | None = _d("The day facts are judged at (截至日); default the period's last day.")
    usage: Usage | None = _d("Usage for per_usage fees (用量).")
    first_response: dict[ChannelName, ChannelFigures] | None = _d(
        "First-response counts by channel (首次响应), the contract's channel keys."
    )
    resolution: ResolutionFigures | None = _d("Resolution counts (问题解决).")
    satisfaction: SatisfactionFigures | None = _d("Satisfaction survey (满意度).")
    outages: Annotated[list[Outage], Listed] = Field(default=[], description="Outages (停机).")
    reports: Annotated[list[ReportDelivery], Listed] = Field(default=[], description="Report deliveries (服务报告).")
    invoices: Annotated[list[Invoice], BeforeValidator(v.listed_invoices)] = Field(
        default=[], description="Invoices still relevant, with their payments (账单)."
    )
    suspensions: Annotated[list[Suspension], Listed] = Field(default=[], description="Suspensions (暂停服务).")
    notices: Annotated[list[Notice], Listed] = Field(default=[], description="Notices (通知).")
    incidents: Annotated[list[Incident], Listed, AfterValidator(v.unique_ids)] = Field(
        default=[], description="Data incidents (信息安全事件)."
    )
    cooperation_failures: Annotated[list[CooperationFailure], Listed] = Field(
        default=[], description="The client's cooperation failures (乙方协助义务)."
    )
    history: Annotated[list[Id], Listed] = Field(
        default=[],
        description="Earlier month files of the same contract, paths or globs relative to this file (历史月份).",
    )
    waivers: Annotated[list[Waiver], Listed] = Field(default=[], description="Waivers (豁免).")
