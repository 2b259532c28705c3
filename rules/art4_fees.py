"""第四条 服务费用与支付 — Art. 4: fees, payment, late fees and the right to suspend (SPEC §4.2, §4.3).

Facts matched: `invoice` (due day, overdue days, balances and the exact late fee, from payments.py),
`day` (each suspension day with the most overdue unpaid invoice on it), `suspension` (notice).
"""

from durable.lang import m

from kefu_check.ruledsl import EXCEPTION, Article, emit

ARTICLE = Article("4", "第四条 服务费用与支付")
rule = ARTICLE.rule

INVOICE = m.t == "invoice"


@rule(
    "4.3",
    "乙方应在每个支付周期结束后的[10]个工作日内,将当期服务费用支付至甲方指定的以下银行账户",
    INVOICE & (m.settled_before_period == True),
    priority=EXCEPTION,
)
def invoice_settled_before_period(c):
    """Exception: an invoice paid in full before the month began raises nothing this month (SPEC §6)."""
    c.retract_fact(c.m)


@rule(
    "4.3",
    "乙方应在每个支付周期结束后的[10]个工作日内,将当期服务费用支付至甲方指定的以下银行账户",
    INVOICE & (m.unpaid == True) & (m.as_of > m.due),
)
def payment_overdue(c):
    """Not paid in full by the due day: the outstanding amount is overdue (5.1.3 按时足额支付)."""
    emit(
        c,
        "payment.overdue",
        subject=c.m.invoice,
        date=c.m.due_plus_1,
        amount=c.m.outstanding_text,
        params={"invoice": c.m.invoice, "due": c.m.due, "days": c.m.overdue_days},
    )


@rule(
    "4.4",
    "乙方逾期支付服务费用,每逾期一日,应按当期应付未付金额的[万分之五]向甲方支付违约金。",
    INVOICE & (m.fee_days > 0) & (m.charges_late_fee == True),
)
def payment_late_fee(c):
    """Each overdue day costs the daily rate × the amount still unpaid that day, summed exactly."""
    emit(
        c,
        "payment.late_fee",
        subject=c.m.invoice,
        date=c.m.due_plus_1,
        amount=c.m.fee,
        params={"invoice": c.m.invoice, "days": c.m.overdue_days, "fee": c.m.fee},
    )


@rule(
    "4.4",
    "逾期超过[30]日,甲方有权暂停服务,直至费用结清。",
    INVOICE & (m.unpaid == True) & (m.overdue_days > m.suspend_after_days),
)
def payment_suspension_right(c):
    """逾期超过 N 日 = overdue by N + 1 days or more, with money still owed: the provider may suspend."""
    emit(
        c,
        "payment.suspension_right",
        subject=c.m.invoice,
        date=c.m.right_on,
        params={"invoice": c.m.invoice, "days": c.m.overdue_days, "n": c.m.suspend_after_days},
        why=(("why.suspension_right", {"days": c.m.overdue_days, "n": c.m.suspend_after_days, "on": c.m.right_on}),),
    )


@rule(
    "4.2",
    "具体费率标准为:[基础咨询服务每月人民币贰万元整(¥20,000.00)]",
    INVOICE & (m.fee_checked == True) & (m.amount_exact != m.contract_fee_exact),
)
def billing_invoice_mismatch(c):
    """The invoice differs from the fee the contract gives for its cycle."""
    emit(
        c,
        "billing.invoice_mismatch",
        subject=c.m.invoice,
        amount=c.m.contract_fee,
        ref="fee:" + c.m.invoice,
        params={"invoice": c.m.invoice, "fee": c.m.contract_fee},
    )


@rule(
    "4.4",
    "逾期超过[30]日,甲方有权暂停服务,直至费用结清。",
    (m.t == "day") & (m.suspension != "") & (m.most_overdue > m.suspend_after_days),
)
def lawful_suspension_day(c):
    """A suspension day on which some invoice is overdue by more than N days with a balance is lawful;
    a lawful suspension day is not downtime at all (no `downtime` fact is asserted for it)."""
    emit(
        c,
        "service.lawful_suspension",
        subject=c.m.suspension,
        date=c.m.day,
        params={"start": c.m.suspension, "day_list": [c.m.day]},
    )


@rule(
    "4.4",
    "逾期超过[30]日,甲方有权暂停服务,直至费用结清。(暂停前的书面通知:民法典第509条、第528条)",
    # notice_days is -1 with no notice (or one dated after as_of) and negative for a notice after the start;
    # one comparison, because durable-rules fires a rule once per matching branch of an `|`
    (m.t == "suspension") & (m.notice_days < m.required_notice_days),
)
def suspension_without_notice(c):
    """A suspension with no prior notice, notice after its start, or less than the contract's notice days."""
    emit(
        c,
        "service.suspension_without_notice",
        subject=c.m.start,
        date=c.m.start,
        params={"start": c.m.start, "notice": c.m.notice_date},
    )
