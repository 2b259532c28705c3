"""第四条 服务费用与支付 — Art. 4: fees, payment, late fees and the right to suspend (SPEC §4.2, §4.3).

Facts matched: `invoice` (due day, overdue days, balances and the exact late fee, from payments.py),
`day` (each suspension day with the most overdue unpaid invoice on it), `suspension` (notice).
"""

from durable.lang import m

from kefu_check.ruledsl import CLIENT, EXCEPTION, PROVIDER, Article, Example, Page, emit

ARTICLE = Article("4", "第四条 服务费用与支付")
rule = ARTICLE.rule

INVOICE = m.type == "invoice"


@rule(
    "4.3",
    "乙方应在每个支付周期结束后的[具体天数,例如:10]个工作日内,将当期服务费用支付至甲方指定的以下银行账户",
    INVOICE & (m.settled_before_period == True),
    priority=EXCEPTION,
)
def invoice_settled_before_period(c):
    """Exception: an invoice paid in full before the month began raises nothing this month (SPEC §6)."""
    c.retract_fact(c.m)


PAYMENT_OVERDUE = ARTICLE.consequence(
    "payment.overdue",
    "4.3",
    "status",
    CLIENT,
    PROVIDER,
    title=("服务费逾期未付", "invoice overdue"),
    message=("{invoice} 逾期 {days} 日未付清", "{invoice} is {days} days overdue"),
    page=Page(
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
)


@rule(
    "4.3",
    "乙方应在每个支付周期结束后的[具体天数,例如:10]个工作日内,将当期服务费用支付至甲方指定的以下银行账户",
    INVOICE & (m.unpaid == True) & (m.as_of > m.due),
)
def payment_overdue(c):
    """Not paid in full by the due day: the outstanding amount is overdue (5.1.3 按时足额支付)."""
    emit(
        c,
        PAYMENT_OVERDUE,
        subject=c.m.invoice,
        date=c.m.day_after_due,
        amount=c.m.outstanding,
        params={"invoice": c.m.invoice, "due": c.m.due, "days": c.m.overdue_days},
    )


PAYMENT_LATE_FEE = ARTICLE.consequence(
    "payment.late_fee",
    "4.4",
    "liability",
    CLIENT,
    PROVIDER,
    title=("逾期付款违约金", "late-payment fee"),
    message=("{invoice} 逾期付款违约金 {fee} 元", "late fee on {invoice}: {fee}"),
    page=Page(
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
)


@rule(
    "4.4",
    "乙方逾期支付服务费用,每逾期一日,应按当期应付未付金额的[百分比,例如:万分之五]向甲方支付违约金。",
    INVOICE & (m.late_fee_days > 0) & (m.charges_late_fee == True),
)
def payment_late_fee(c):
    """Each overdue day costs the daily rate × the amount still unpaid that day, summed exactly."""
    emit(
        c,
        PAYMENT_LATE_FEE,
        subject=c.m.invoice,
        date=c.m.day_after_due,
        amount=c.m.late_fee,
        params={"invoice": c.m.invoice, "days": c.m.overdue_days, "fee": c.m.late_fee},
    )


PAYMENT_SUSPENSION_RIGHT = ARTICLE.consequence(
    "payment.suspension_right",
    "4.4",
    "right",
    PROVIDER,
    CLIENT,
    title=("甲方有权暂停服务", "right to suspend service"),
    message=(
        "{invoice} 逾期超过 {n} 日,甲方有权暂停服务直至费用结清",
        "{invoice} overdue more than {n} days: the provider may suspend until paid",
    ),
    page=Page(
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
)


@rule(
    "4.4",
    "逾期超过[具体天数,例如:30]日,甲方有权暂停服务,直至费用结清。",
    INVOICE & (m.unpaid == True) & (m.overdue_days > m.suspend_after_days),
)
def payment_suspension_right(c):
    """逾期超过 N 日 = overdue by N + 1 days or more, with money still owed: the provider may suspend."""
    emit(
        c,
        PAYMENT_SUSPENSION_RIGHT,
        subject=c.m.invoice,
        date=c.m.suspension_right_on,
        params={"invoice": c.m.invoice, "days": c.m.overdue_days, "n": c.m.suspend_after_days},
        why=(
            (
                "why.suspension_right",
                {"days": c.m.overdue_days, "n": c.m.suspend_after_days, "on": c.m.suspension_right_on},
            ),
        ),
    )


BILLING_INVOICE_MISMATCH = ARTICLE.consequence(
    "billing.invoice_mismatch",
    "4.2",
    "warning",
    PROVIDER,
    CLIENT,
    title=("账单金额与约定不符", "invoice differs from the contract fee"),
    message=(
        "{invoice} 金额与合同约定的 {fee} 元不符",
        "{invoice} differs from the contract fee {fee}",
    ),
    page=Page(
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
)


@rule(
    "4.2",
    "具体费率标准为:[详细列出各项服务的单价或总价,例如:基础咨询服务每月人民币贰万元整(¥20,000.00),超出部分按[具体标准]收费]。",
    # an invoice settled before the month raises nothing this month (SPEC §6), as for the payment rules
    (m.type == "billing") & (m.settled_before_period == False) & (m.amount_exact != m.contract_fee_exact),
)
def billing_invoice_mismatch(c):
    """The invoice differs from the fee the contract gives for its cycle."""
    emit(
        c,
        BILLING_INVOICE_MISMATCH,
        subject=c.m.invoice,
        amount=c.m.contract_fee,
        params={"invoice": c.m.invoice, "fee": c.m.contract_fee},
    )


SERVICE_LAWFUL_SUSPENSION = ARTICLE.consequence(
    "service.lawful_suspension",
    "4.4",
    "status",
    PROVIDER,
    CLIENT,
    title=("依约暂停服务", "lawful suspension"),
    message=(
        "自 {start} 的暂停服务有合同依据:{day_list}",
        "the suspension from {start} is lawful on {day_list}",
    ),
    page=Page(
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
    gathered=True,
)


@rule(
    "4.4",
    "逾期超过[具体天数,例如:30]日,甲方有权暂停服务,直至费用结清。",
    (m.type == "day") & (m.suspension != "") & (m.most_overdue_days > m.suspend_after_days),
)
def lawful_suspension_day(c):
    """A suspension day on which some invoice is overdue by more than N days with a balance is lawful;
    a lawful suspension day is not downtime at all (no `downtime` fact is asserted for it)."""
    emit(
        c,
        SERVICE_LAWFUL_SUSPENSION,
        subject=c.m.suspension,
        date=c.m.day,
        ref=["suspension:" + c.m.suspension, c.m.ref],
        params={"start": c.m.suspension, "day_list": [c.m.day]},
    )


SERVICE_SUSPENSION_WITHOUT_NOTICE = ARTICLE.consequence(
    "service.suspension_without_notice",
    "4.4",
    "warning",
    PROVIDER,
    CLIENT,
    title=("暂停服务未事先书面通知", "suspension without prior notice"),
    message=(
        "{start} 起暂停服务,未按要求事先书面通知",
        "suspension from {start} without the required prior notice",
    ),
    page=Page(
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
)


@rule(
    "4.4",
    "逾期超过[具体天数,例如:30]日,甲方有权暂停服务,直至费用结清。",
    # notice_days is -1 with no notice (or one dated after as_of) and negative for a notice after the start;
    # one comparison, because durable-rules fires a rule once per matching branch of an `|`
    (m.type == "suspension") & (m.notice_days < m.required_notice_days),
    basis="暂停前的书面通知:民法典第509条、第528条;fees.suspension_notice_days",
)
def suspension_without_notice(c):
    """A suspension with no prior notice, notice after its start, or less than the contract's notice days."""
    emit(
        c,
        SERVICE_SUSPENSION_WITHOUT_NOTICE,
        subject=c.m.start,
        date=c.m.start,
        params={"start": c.m.start, "notice": c.m.notice_date},
    )
