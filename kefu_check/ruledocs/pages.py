"""One documentation page per consequence id, in Chinese and English: the single source of the rule docs.

A page says what the consequence means (one line), what raises it, why it matters, and how to see it
happen: a golden fixture that raises it (`Example`: the fixture, the inputs that matter, and which of its
consequences to show), or, where no fixture raises the id, a worked example in words. Everything else
(clause, kind, severity, parties, titles, the quoted clause text) comes from the catalogue and `rules/`.
"""

from __future__ import annotations

from dataclasses import dataclass

Text = tuple[str, str]  # (zh, en)


@dataclass(frozen=True)
class Example:
    """A run of `fixtures/<fixture>/month.json` that raises the id."""

    fixture: str
    contract: tuple[str, ...] = ()  # contract.json fields that matter (dotted paths)
    month: tuple[str, ...] = ()  # month.json fields that matter
    subject: str | None = None  # show only this subject, when the fixture raises the id more than once


@dataclass(frozen=True)
class Page:
    meaning: Text
    trigger: Text
    why: Text
    example: Example | None = None
    example_text: Text | None = None  # a worked example in words, for ids no fixture raises


_TERM = ("term",)
_NOTICES = ("notices",)
_LEAK = ("incidents",)

PAGES: dict[str, Page] = {
    "term.not_started": Page(
        ("检查日早于服务期限的起始日,协议尚未开始履行。", "The day checked is before the term starts."),
        (
            "`as_of` 早于 `term.start`。服务标准尚不约束甲方,本月不判定任何服务标准。",
            "`as_of` is before `term.start`. The service standards do not bind yet: no SLA is judged.",
        ),
        (
            "未开始的期限内发生的停机或低达标率不构成违约;据此报出的违约会被对方驳回。",
            "Outages or low ratios before the term are no breach; claiming one would be rejected.",
        ),
        Example("term-not-started", _TERM, ("period", "first_response")),
    ),
    "term.expired": Page(
        ("服务期限已届满且不续约。", "The term has ended and does not renew."),
        (
            "`as_of` 晚于(可能已续约的)期满日,且不自动续约(`renewal.auto` 为 false)或乙方已及时书面异议。",
            "`as_of` is after the (possibly renewed) end, and either there is no tacit renewal "
            "(`renewal.auto` false) or the client objected in writing in time.",
        ),
        (
            "期满后的期间不再判定服务标准;但期满前产生的欠费、违约金和暂停权仍然存在。",
            "Periods after the end raise no service-standard breach, but fees, late fees and the right "
            "to suspend that arose before it survive.",
        ),
        Example("term-expired-no-renewal", _TERM, ("period",)),
    ),
    "renewal.auto_renewed": Page(
        ("乙方未及时书面异议,协议按第3.2条自动续约。", "No timely written objection: the term renewed (3.2)."),
        (
            "约定自动续约,`as_of` 已过期满日,且乙方没有在异议期限前提出书面异议。每一次已发生的续约各报一条,"
            "新期限自期满次日起算 `renew_months` 个月。",
            "Tacit renewal is agreed, `as_of` is past the end, and no written client objection came by the "
            "deadline. One consequence per renewal that has happened; each new term runs `renew_months` "
            "months from the day after the end.",
        ),
        (
            "续约后双方继续受协议约束:乙方继续付费,甲方继续受服务标准约束;可用性年度也随之延伸。",
            "The parties stay bound: the client keeps paying, the provider keeps meeting the standards, "
            "and the availability year extends with the term.",
        ),
        Example("renewal-auto-renewed", _TERM, ("period",)),
    ),
    "renewal.ended_by_objection": Page(
        ("乙方及时书面异议,协议于期满日终止。", "A timely written objection: the term ends at its end."),
        (
            "乙方的书面 `renewal_objection` 不晚于该期限的异议期限送达;异议计入异议期限不早于其日期的第一个期限。",
            "A written client `renewal_objection` arrived on or before the deadline of the first term whose "
            "deadline is not before the objection's date.",
        ),
        (
            "协议不再续约:期满后不再产生服务费,也不再判定服务标准;双方应安排交接。",
            "No renewal: after the end no fees accrue and no standard is judged; plan the hand-over.",
        ),
        Example("renewal-ended-by-objection", _TERM, _NOTICES),
    ),
    "renewal.deadline_upcoming": Page(
        ("续约书面异议的期限在30日内到期。", "The deadline for a written objection falls within 30 days."),
        (
            "约定自动续约,异议期限落在 [`as_of`, `as_of` + 30 日] 内,且乙方尚未书面异议。"
            "合同未约定期限时按期满日(民法典第498条,作不利于格式条款提供方的解释)。",
            "Tacit renewal is agreed, the objection deadline lies in [`as_of`, `as_of` + 30 days], and the "
            "client has not objected in writing. With no stated deadline it is the end day (Civil Code "
            "Art. 498, read against the drafter).",
        ),
        (
            "错过期限,协议将再续一个期限,乙方须继续付费。想终止合作的乙方应在此日前书面异议。",
            "Miss it and the agreement renews for another term, with its fees. A client that wants out "
            "must object in writing by then.",
        ),
        Example("demo", _TERM, ("as_of",)),
    ),
    "renewal.objection_not_written": Page(
        (
            "乙方的异议不是书面的,不能阻止自动续约。",
            "The client's objection is not in writing: it does not stop the renewal.",
        ),
        (
            "月度文件中有乙方的 `renewal_objection` 通知,`written` 为 false,且约定自动续约。",
            "The month lists a client `renewal_objection` notice with `written: false`, and tacit renewal is agreed.",
        ),
        (
            "第3.2条要求书面异议;口头或未留痕的异议无效,协议仍会续约。应尽快补发书面异议。",
            "3.2 requires a written objection (书面异议); an oral one has no effect and the term still renews. "
            "Send a written one in time.",
        ),
        Example("renewal-objection-late", _TERM, _NOTICES),
    ),
    "renewal.objection_late": Page(
        (
            "乙方的书面异议晚于异议期限,本期仍将续约。",
            "The written objection is after the deadline: the term still renews.",
        ),
        (
            "乙方的书面异议在异议期限之后、期满日之前(含期满日)送达。它对下一期限仍然及时,"
            "所以下一期限会因此终止(`renewal.ended_by_objection`)。",
            "A written client objection arrived after the deadline but on or before the end. It is timely "
            "for the next term, which it ends (`renewal.ended_by_objection`).",
        ),
        (
            "乙方以为合同将终止,实际上还要再履行并付费一个完整期限。",
            "The client believes the agreement ends; in fact it runs, and is paid for, one more term.",
        ),
        Example("renewal-objection-late", _TERM, _NOTICES),
    ),
    "renewal.provider_notice_no_effect": Page(
        ("甲方的不续约通知不能阻止自动续约。", "The provider's non-renewal notice does not stop the renewal."),
        (
            "月度文件中有甲方的 `non_renewal` 通知,且约定自动续约。",
            "The month lists a provider `non_renewal` notice, and tacit renewal is agreed.",
        ),
        (
            "第3.2条只赋予乙方异议权;甲方单方通知不续约并不使协议终止,甲方仍须按约提供服务。",
            "3.2 gives the objection to the client only: the provider's notice does not end the agreement, "
            "and the provider must keep serving.",
        ),
        Example("renewal-objection-late", _TERM, _NOTICES),
    ),
    "payment.overdue": Page(
        ("账单在应付日后仍未付清。", "An invoice is not paid in full after its due day."),
        (
            "应付日 = 支付周期结束后第 `due_working_days` 个中国工作日(法定节假日休息、调休上班);"
            "`as_of` 已过应付日且截至 `as_of` 仍有未付余额。金额为未付余额。",
            "The due day is the `due_working_days`-th PRC working day after the cycle (statutory holidays "
            "off, adjusted working days on); `as_of` is past it and something is still outstanding. The "
            "amount is what is outstanding.",
        ),
        (
            "乙方违反第5.1.3条按时足额付款的义务;逾期产生违约金,逾期超过约定天数后甲方可暂停服务。",
            "The client breaks its duty to pay on time (5.1.3); the overdue balance accrues a late fee, and "
            "past the agreed days the provider may suspend.",
        ),
        Example("partial-payments", ("fees.cycle", "fees.due_working_days"), ("period", "invoices")),
    ),
    "payment.late_fee": Page(
        (
            "逾期付款违约金:每个逾期日按当日未付余额乘以日费率。",
            "Late fee: each overdue day costs the daily rate × that day's unpaid balance.",
        ),
        (
            "违约金 = Σ 逾期日 d 的 `late_fee_daily_rate` × balance(d) > 0,逾期日为应付日之后至 `as_of`;"
            "balance(d) 为 d 日之前的付款已扣除后的余额,付款当日仍计违约金。金额为累计额,精确求和后四舍五入到分。",
            "Σ over overdue days d (after the due day, up to `as_of`) of `late_fee_daily_rate` × balance(d) > 0, "
            "where balance(d) counts payments dated before d (the payment day still accrues). The amount is "
            "cumulative, summed exactly and rounded half up to the fen once.",
        ),
        (
            "这是乙方欠甲方的钱(第4.4条),随逾期天数每天增长;日费率高于万分之五时法院可能调整(见 review)。",
            "Money the client owes the provider (4.4), growing every day; a rate above 0.0005 a day risks "
            "court adjustment (see review).",
        ),
        Example("demo", ("fees.due_working_days", "fees.late_fee_daily_rate"), ("invoices[0]",), subject="INV-2026-09"),
    ),
    "payment.suspension_right": Page(
        (
            "逾期超过约定天数,甲方有权暂停服务直至费用结清。",
            "Overdue more than the agreed days: the provider may suspend until paid.",
        ),
        (
            "账单仍有未付余额,且逾期天数 > `suspend_after_days`(逾期超过30日 = 第31日起)。日期为应付日 + N + 1。",
            "The invoice still has a balance and more than `suspend_after_days` overdue days (逾期超过30日 = "
            "from day 31). Dated due + N + 1.",
        ),
        (
            "甲方从这天起暂停服务才有合同依据;更早的暂停是违约(`service.wrongful_suspension`)。",
            "Only from this day can the provider suspend lawfully; suspending earlier is a breach "
            "(`service.wrongful_suspension`).",
        ),
        Example("suspension-right-day-31", ("fees.suspend_after_days",), ("as_of", "invoices"), "INV-2026-06"),
    ),
    "billing.invoice_mismatch": Page(
        ("账单金额与合同约定的该周期费用不符。", "The invoice differs from the contract's fee for its cycle."),
        (
            "`fixed_monthly`:账单金额 ≠ `monthly_fee` × 周期月数;`per_usage`:仅检查本月周期的账单,"
            "且月度文件给出 `usage` 时;`lump_sum` 不检查。金额为合同约定的费用。",
            "`fixed_monthly`: the amount ≠ `monthly_fee` × the months in the cycle; `per_usage`: only the "
            "invoice for the checked month, when the month gives `usage`; `lump_sum`: not checked. The "
            "amount is the contract's fee.",
        ),
        (
            "多收或少收都应在付款前更正;违约金按账单上的应付金额计算。",
            "Over- or under-billing should be corrected before payment; the late fee accrues on the invoiced amount.",
        ),
        Example("quarter-cycle", ("fees.monthly_fee", "fees.cycle"), ("invoices",)),
    ),
    "service.lawful_suspension": Page(
        ("暂停服务的这些日子有合同依据。", "The suspension has a contractual ground on these days."),
        (
            "暂停日当天有账单逾期超过 N 日且仍有余额(结清付款当日仍属合法)。同一暂停的合法日合并为一条,"
            "日期为第一个合法日。",
            "On the suspension day some invoice is overdue more than N days with a balance (the settling "
            "payment's day is still lawful). One consequence per suspension, dated its first lawful day.",
        ),
        (
            "合法暂停日不计入停机,也不构成甲方违约;费用结清后继续暂停即转为违约。",
            "A lawful suspension day is not downtime and no breach; suspending on after the fees are "
            "settled becomes wrongful.",
        ),
        Example("suspension-right-day-31", ("fees.suspend_after_days",), ("as_of", "invoices", "suspensions")),
    ),
    "service.wrongful_suspension": Page(
        (
            "暂停服务的这些日子没有合同依据(第5.2.2条)。",
            "The suspension has no contractual ground on these days (5.2.2).",
        ),
        (
            "暂停日当天没有逾期超过 N 日且有余额的账单:暂停过早,或费用已结清后仍未恢复。"
            "较新的未满 N 日的账单、未付的违约金都不能使暂停合法(民法典第498条)。",
            "On the suspension day no invoice is overdue more than N days with a balance: suspended too "
            "early, or still suspended after payment. A younger invoice, or unpaid late fees, do not make it "
            "lawful (Civil Code Art. 498).",
        ),
        (
            "甲方违反持续、稳定提供服务的义务;违法暂停日的全部服务时间计为甲方停机,可能导致可用性违约和服务费抵扣。",
            "The provider breaches its duty of continuous service; each wrongful day's service hours are "
            "provider downtime, which can breach availability and earn a service credit.",
        ),
        Example("wrongful-suspension-early", ("fees.suspend_after_days",), ("as_of", "invoices", "suspensions")),
    ),
    "service.suspension_without_notice": Page(
        ("暂停服务前未按要求事先书面通知。", "Suspended without the required prior written notice."),
        (
            "暂停在本期有暂停日,且没有通知日期、通知晚于开始日,或合同约定了 `suspension_notice_days` "
            "而通知提前的日历天数不足。通知当日开始暂停视为已通知。",
            "A suspension with days in the period has no notice date, a notice after its start, or — when "
            "the contract sets `suspension_notice_days` — fewer calendar days of notice. Notice on the start "
            "day counts as notice.",
        ),
        (
            "即使暂停有依据,未通知也违反诚信通知义务(民法典第509条、第528条),乙方可主张由此造成的损失。",
            "Even a lawful suspension needs notice (Civil Code Arts. 509, 528); the client may claim the "
            "loss caused by the surprise.",
        ),
        Example("suspension-right-day-31", ("fees.suspension_notice_days",), ("suspensions",)),
    ),
    "sla.first_response": Page(
        ("某渠道的首次响应达标率低于约定。", "A channel's share of timely first responses is below the target."),
        (
            "某渠道 `on_time / requests` < `target_ratio`(未约定比例时为1,即每次都须达标);"
            "`within_seconds` 以内含本数。请求数为0不判定。乙方未履行协助义务的月份予以免责。",
            "On a channel, `on_time / requests` < `target_ratio` (1 when the contract states none: every "
            "response must be on time); 以内 includes the bound. Zero requests: not judged. Excused in a month "
            "the client failed to cooperate.",
        ),
        (
            "甲方违反第2.1(1)条服务标准;约定服务费抵扣时,每次未免责的违约抵扣当月服务费的约定比例。",
            "The provider breaches 2.1(1); with a service credit agreed, each unexcused breach credits the "
            "client that percent of the month's fee.",
        ),
        Example("demo", ("standards.first_response",), ("first_response",), "phone"),
    ),
    "sla.resolution": Page(
        (
            "问题按时解决(或给出明确进展)的比例低于约定。",
            "The share of cases resolved (or clearly progressed) in time is below the target.",
        ),
        (
            "`on_time / cases` < `target_ratio`(默认1);案件数为0不判定;乙方未履行协助义务的月份予以免责。",
            "`on_time / cases` < `target_ratio` (default 1); zero cases: not judged; excused in a month the "
            "client failed to cooperate.",
        ),
        (
            "甲方违反第2.1(3)条;免责的违约仍然可见(级别为信息),但不产生服务费抵扣。",
            "The provider breaches 2.1(3); an excused breach stays visible (severity info) but earns no "
            "service credit.",
        ),
        Example("cooperation-failure-excuse", ("standards.resolution",), ("resolution", "cooperation_failures")),
    ),
    "sla.satisfaction": Page(
        ("客户满意度低于约定的最低值。", "Customer satisfaction is below the minimum."),
        (
            "`score` < `min`(“以上”“不低于”含本数);受访人数为0不判定。",
            "`score` < `min` (以上/不低于 include the minimum itself); zero respondents: not judged.",
        ),
        (
            "甲方违反第2.1(4)条;乙方未履行协助义务不免除此项(只免除响应和解决)。",
            "The provider breaches 2.1(4); a cooperation failure does not excuse it (it excuses response "
            "and resolution only).",
        ),
        Example("cooperation-failure-excuse", ("standards.satisfaction",), ("satisfaction",)),
    ),
    "sla.availability": Page(
        (
            "本可用性年度的停机已超出年度额度,全年已无法达标。",
            "Downtime this availability year exceeds the year's budget: the year cannot meet the standard.",
        ),
        (
            "年度累计停机 > (1 − `min_percent`/100) × 全年计划服务分钟数。停机 = 服务时间内的停机"
            "(`excluded_causes` 除外,重叠只计一次)加上违法暂停日的服务时间。",
            "Downtime so far > (1 − `min_percent`/100) × the whole year's scheduled service minutes. "
            "Downtime = outage minutes inside service hours (causes in `excluded_causes` left out, overlaps "
            "counted once) plus the service hours of wrongful suspension days.",
        ),
        (
            "甲方违反第2.1(2)条年度可用性承诺;约定服务费抵扣时产生抵扣。",
            "The provider breaches the annual availability promise of 2.1(2); with a service credit agreed, "
            "it earns one.",
        ),
        Example("wrongful-suspension-early", ("standards.availability",), ("suspensions",)),
    ),
    "sla.availability_budget": Page(
        ("年度停机额度已用去一半以上。", "Half or more of the year's downtime budget is used."),
        (
            "年度累计停机 ≥ 额度的50%、大于0且未超过额度。",
            "Downtime so far ≥ 50 % of the year's budget, > 0, and not over it.",
        ),
        (
            "预警:剩余额度不多,再有停机就可能构成全年可用性违约。",
            "An early warning: little budget is left, and more downtime may breach the year's availability.",
        ),
        Example("availability-budget-warning", ("standards.service_hours", "standards.availability"), ("outages",)),
    ),
    "report.late": Page(
        ("服务报告晚于应交日提交。", "A service report was delivered after its due day."),
        (
            "报告应交日 = 报告期结束后第 `due_working_days` 个工作日,落在 [本期第一天, `as_of`] 内,"
            "且实际提交日晚于应交日(不晚于 `as_of`)。",
            "The report's due day (the `due_working_days`-th working day after its period) lies in [the "
            "period's first day, `as_of`], and it was delivered after that day (by `as_of`).",
        ),
        (
            "甲方违反第2.3条定期报告义务;报告是乙方监督服务质量的依据(第5.1.2条)。",
            "The provider breaches its reporting duty (2.3); reports are how the client supervises the "
            "service (5.1.2).",
        ),
        Example("demo", ("standards.report",), ("reports",)),
    ),
    "report.missing": Page(
        ("服务报告到期未提交。", "A service report that fell due was not delivered."),
        (
            "报告应交日落在 [本期第一天, `as_of`] 内,截至 `as_of` 未提交(`as_of` 之后的提交尚未发生)。",
            "The report's due day lies in [the period's first day, `as_of`] and it was not delivered by "
            "`as_of` (a delivery after `as_of` has not happened yet).",
        ),
        (
            "甲方违反第2.3条;乙方可催告并据此主张违约责任。",
            "The provider breaches 2.3; the client may demand the report and hold the provider liable.",
        ),
        Example("report-late-and-missing", ("standards.report",), ("as_of", "reports"), "2026-03"),
    ),
    "sla.service_credit": Page(
        (
            "服务标准违约时抵扣当月服务费的约定比例。",
            "A service-standard breach credits the client the agreed percent of the month's fee.",
        ),
        (
            "合同约定 `remedies.service_credit_percent`,且有未免责、未豁免的 `sla.*` 违约:每项违约各抵扣该比例 × "
            "当月服务费(`fixed_monthly` 为 `monthly_fee`;`per_usage` 为 `monthly_fee` 加当月超量费;"
            "`lump_sum` 无金额)。对象为所抵扣的违约:`sla.first_response:phone`、`sla.resolution`、"
            "`sla.availability:2026-01-01`。约定 `remedies.service_credit_cap_percent` 时,当月各项抵扣按输出顺序"
            "依次计入上限,超出部分削减(可减至 0.00,仍列出并说明);已豁免的抵扣不占上限。",
            "`remedies.service_credit_percent` is set and an `sla.*` breach is neither excused nor waived: "
            "each breach earns its own credit of that percent × the month's fee (`monthly_fee` for "
            "`fixed_monthly`; plus the month's overage for `per_usage`; no amount for `lump_sum`). Its subject "
            "names the breach: `sla.first_response:phone`, `sla.resolution`, `sla.availability:2026-01-01`. With "
            "`remedies.service_credit_cap_percent`, the month's credits are taken in output order and each is cut "
            "to what is left of the cap (down to 0.00, still listed, with the reason); a waived credit takes "
            "nothing from the cap.",
        ),
        (
            "这是甲方欠乙方的钱,可从下期服务费中扣除;没有这一约定时服务标准违约不直接产生金额。",
            "Money the provider owes the client, usually set off against the next invoice; without it, SLA "
            "breaches carry no money of their own.",
        ),
        Example(
            "demo",
            ("remedies.service_credit_percent", "fees.monthly_fee"),
            ("first_response",),
            "sla.first_response:phone",
        ),
    ),
    "confidentiality.provider_breach": Page(
        (
            "甲方对数据泄露、篡改或丢失负有过错,违反保密义务。",
            "The provider is at fault for a leak, tampering or loss: it breached confidentiality.",
        ),
        (
            "月度文件中的事件 `at_fault: provider`(过错由用户主张,工具不作裁决)。",
            "An incident with `at_fault: provider` (fault is the user's assertion; the tool does not adjudicate).",
        ),
        (
            "甲方违反第5.2.4条保密制度;乙方可要求赔偿(`confidentiality.compensation`)。",
            "The provider breaches 5.2.4; the client may claim compensation (`confidentiality.compensation`).",
        ),
        Example("provider-leak-personal-information", (), _LEAK, "SEC-2026-011"),
    ),
    "confidentiality.compensation": Page(
        (
            "乙方有权要求甲方赔偿因泄密造成的损失。",
            "The client may claim its loss from the provider's confidentiality breach.",
        ),
        (
            "同一甲方过错事件;金额为事件的 `loss`,未给出时为空并注明“损失待评估”。",
            "The same provider-fault incident; the amount is the incident's `loss`, or none with “to be assessed”.",
        ),
        (
            "第5.1.8条赋予乙方赔偿请求权;损失需举证,应尽早评估并保全证据。",
            "5.1.8 gives the client a claim; the loss must be proven, so assess it and keep the evidence early.",
        ),
        Example("provider-leak-personal-information", (), _LEAK, "SEC-2026-011"),
    ),
    "confidentiality.client_breach": Page(
        (
            "乙方对事件负有过错,违反自身的保密义务。",
            "The client is at fault for an incident: it breached its own confidentiality duty.",
        ),
        (
            "月度文件中的事件 `at_fault: client`。",
            "An incident with `at_fault: client`.",
        ),
        (
            "乙方违反第5.1.6条;甲方不因此承担赔偿责任。",
            "The client breaches 5.1.6; the provider owes no compensation for it.",
        ),
        Example("provider-leak-personal-information", (), _LEAK, "SEC-2026-012"),
    ),
    "privacy.remedy_and_notify": Page(
        (
            "涉及个人信息的事件:甲方应立即补救并告知乙方。",
            "A personal-information incident: the provider must remedy it and inform the client at once.",
        ),
        (
            "甲方过错事件,且 `personal_information: true`。",
            "A provider-fault incident with `personal_information: true`.",
        ),
        (
            "受托处理者须立即采取补救措施并告知委托方,以便乙方履行对个人和监管机关的通知义务"
            "(个人信息保护法第21条、第57条、第59条)。",
            "An entrusted processor must remedy at once and inform the client, so that the client can notify "
            "the people affected and the regulator (PIPL Arts. 21, 57, 59).",
        ),
        Example("provider-leak-personal-information", (), _LEAK, "SEC-2026-011"),
    ),
    "client.cooperation_failure": Page(
        (
            "乙方未履行协助义务(信息、培训、系统权限或联系人)。",
            "The client failed to cooperate (information, training, system access or a contact person).",
        ),
        (
            "月度文件中的 `cooperation_failures` 与本期重叠;`contact` 引用第5.1.5条,其余引用第5.1.4条。",
            "A `cooperation_failures` entry overlaps the period; `contact` cites 5.1.5, the others 5.1.4.",
        ),
        (
            "乙方违约,并免除甲方本期的首次响应和问题解决违约(不产生服务费抵扣)。",
            "A client breach that also excuses the provider's first-response and resolution breaches of the "
            "period (no service credit for them).",
        ),
        Example("cooperation-failure-excuse", (), ("cooperation_failures",)),
    ),
    "calendar.estimated": Page(
        (
            "缺少某年的法定节假日数据,年度停机额度为按周估算值。",
            "No holiday data for a year: the downtime budget is a weekday estimate.",
        ),
        (
            "可用性年度含有节假日日历包尚无数据的年份,这些日子按 `service_hours.days` 的每周模式计算。",
            "The availability year has days in a year the holiday calendar has no data for; they are "
            "counted by the weekly pattern of `service_hours.days`.",
        ),
        (
            "额度只是估算,可用性结论可能随正式安排而改变;用 `--holidays` 提供国务院当年的安排即可消除。金额从不估算。",
            "The budget is an estimate and the availability verdict may change; supply the State Council's "
            "arrangement with `--holidays`. Money is never estimated.",
        ),
        example_text=(
            "合同年度 2026-07-01 至 2027-06-30,日历包只有2026年数据:2027年的日子按周一至周五计算,"
            "本条报出 `calendar.estimated`(主题 2027);加上 `--holidays 2027.json` 后不再报出。",
            "Contract year 2026-07-01 to 2027-06-30 with holiday data up to 2026 only: the 2027 days are "
            "counted Monday to Friday and `calendar.estimated` is raised with subject 2027; with "
            "`--holidays 2027.json` it is not.",
        ),
    ),
    "waiver.expired": Page(
        ("豁免已过有效期,未予适用。", "A waiver is past its expiry day and was not applied."),
        (
            "月度文件(或 `--waivers`)中的豁免,其 `expires` 早于 `as_of`;日期为 `expires` 次日。",
            "A waiver in the month file (or `--waivers`) whose `expires` is before `as_of`; dated the day "
            "after `expires`.",
        ),
        (
            "被豁免的后果重新按原级别报出;如仍要豁免,需重新审批并更新有效期。",
            "The waived consequence is reported at its own severity again; renew the approval to keep waiving it.",
        ),
        example_text=(
            "对 `payment.late_fee`(主题 INV-2026-09)的豁免有效期至 2026-09-30,10月检查时报出 "
            "`waiver.expired`(日期 2026-10-01),违约金照常计算。",
            "A waiver of `payment.late_fee` (subject INV-2026-09) valid through 2026-09-30: October's check "
            "raises `waiver.expired` (dated 2026-10-01) and the late fee counts as usual.",
        ),
    ),
    "waiver.unused": Page(
        ("豁免没有匹配到任何法律后果。", "A waiver matches no consequence."),
        (
            "豁免的 (`id`, `subject`) 与本月任何后果都不匹配(null 只匹配 null)。",
            "The waiver's (`id`, `subject`) matches no consequence of the month (null matches null only).",
        ),
        (
            "多为拼写错误或已过时的豁免;留着它可能让人误以为某项后果已被豁免。",
            "Usually a typo or a stale waiver; left alone, it suggests something is waived when nothing is.",
        ),
        example_text=(
            "豁免写成 `sla.first_respons`(主题 phone),本月没有这个后果:报出 `waiver.unused`,"
            "真正的 `sla.first_response` 不被豁免。",
            "A waiver of `sla.first_respons` (subject phone) matches nothing this month: `waiver.unused` is "
            "raised, and the real `sla.first_response` is not waived.",
        ),
    ),
}


def text(pair: Text, lang: str) -> str:
    """The zh or en member of a (zh, en) pair."""
    return pair[0] if lang == "zh" else pair[1]
