"""第二条 服务标准与质量 — Art. 2: service standards, availability and reports (SPEC §4.4, §4.6).

Service standards apply only while the term is in force (the `standards_apply` fact of Art. 3).
Downtime is added up in the engine: each `downtime` piece (an outage day, a wrongful suspension
day) is folded into the year's `availability` fact, and the year is judged once every piece is in.
"""

from decimal import Decimal

from durable.lang import c as fact
from durable.lang import m

from kefu_check.facts import key
from kefu_check.money import grouped, plain
from kefu_check.ruledsl import COMPENSATE, FOLD, JUDGE, LIMIT, POOL, Article, emit

ARTICLE = Article("2", "第二条 服务标准与质量")
rule = ARTICLE.rule

IN_FORCE = fact.term << (m.t == "standards_apply")
SLA_BREACH = (
    (m.cid == "sla.first_response")
    | (m.cid == "sla.resolution")
    | (m.cid == "sla.satisfaction")
    | (m.cid == "sla.availability")
)


@rule(
    "2.1(1)",
    "响应时间:对于客户发起的[电话/在线聊天]请求,应在[X秒内]做出首次响应。",
    IN_FORCE,
    fact.figures << ((m.t == "first_response") & (m.requests > 0) & (m.on_time_key < m.required_key)),
)
def first_response_breach(c):
    """On a channel, fewer requests answered within the bound (以内 includes it) than its target share."""
    f = c.figures
    emit(c, "sla.first_response", subject=f.channel, date=f.date, ref=f.ref, params={"channel": f.channel})


@rule(
    "2.1(3)",
    "问题解决率:对于在服务范围内的问题,应在[X小时/X个工作日]内提供解决方案或明确进展。",
    IN_FORCE,
    fact.figures << ((m.t == "resolution") & (m.cases > 0) & (m.on_time_key < m.required_key)),
)
def resolution_breach(c):
    """Fewer cases resolved (or clearly progressed) within the limit than the target share."""
    emit(c, "sla.resolution", date=c.figures.date, ref=c.figures.ref)


@rule(
    "2.1(4)",
    "客户满意度:通过定期客户满意度调查,乙方客户对服务的满意度应达到[85分以上/满意度不低于85%]。",
    IN_FORCE,
    fact.figures << ((m.t == "satisfaction") & (m.respondents != 0) & (m.score_key < m.min_key)),
)
def satisfaction_breach(c):
    """The satisfaction score is below the minimum (以上/不低于: the minimum itself meets it)."""
    emit(c, "sla.satisfaction", date=c.figures.date, ref=c.figures.ref)


@rule(
    "2.1(2)",
    "服务系统及客服团队应在乙方指定的服务时间内正常运行并提供服务",
    (m.t == "day") & (m.suspension == "") & (m.outage_us > 0),
)
def outage_is_downtime(c):
    """Outage minutes inside service hours on a day without suspension are downtime (excluded causes
    were left out when the minutes were measured; overlapping outages count once)."""
    c.assert_fact(
        {
            "t": "downtime",
            "day": c.m.day,
            "us": c.m.outage_us,
            "in_year": c.m.in_year,
            "cause": "outage",
            "ref": c.m.ref,
        }
    )


@rule(
    "2.1(2)",
    "年度可用性不低于[99.5%]",
    fact.year << (m.t == "availability"),
    fact.piece << (m.t == "downtime"),
    priority=FOLD,
)
def downtime_so_far(c):
    """Add one downtime piece to the month's and the availability year's downtime."""
    year, piece = c.year, c.piece
    c.retract_fact(piece)
    c.retract_fact(year)
    added = piece.us if piece.in_year else 0
    updated = dict(year.items())
    updated.update(
        month_us=year.month_us + piece.us,
        year_us=year.year_us + added,
        year_key=key(year.year_us + added),
        pieces=[*year.pieces, piece.ref],
    )
    c.assert_fact(updated)


@rule(
    "2.1(2)",
    "年度可用性不低于[99.5%]",
    IN_FORCE,
    fact.year << ((m.t == "availability") & (m.breach_raised == False) & (m.year_key > m.budget_key)),
    priority=JUDGE,
)
def availability_breach(c):
    """Downtime so far exceeds the year's budget: the year can no longer meet the standard. Raised once
    a year: not again in a later month of a sequence that already raised it (SPEC §6)."""
    emit(
        c,
        "sla.availability",
        subject=c.year.year_first,
        date=c.year.date,
        ref="availability",
        params={"year": c.year.year_first},
    )


@rule(
    "2.1(2)",
    "年度可用性不低于[99.5%]",
    IN_FORCE,
    fact.year
    << (
        (m.t == "availability")
        & (m.budget_raised == False)
        & (m.year_us > 0)
        & (m.year_key >= m.half_budget_key)
        & (m.year_key <= m.budget_key)
    ),
    priority=JUDGE,
)
def availability_budget_warning(c):
    """Half or more of the year's downtime budget is used, and it is not yet exceeded."""
    emit(
        c,
        "sla.availability_budget",
        subject=c.year.year_first,
        date=c.year.date,
        ref="availability",
        params={"year": c.year.year_first},
    )


@rule("2.1(2)", "年度可用性不低于[99.5%]", m.t == "estimate")
def calendar_estimated(c):
    """The year's budget counts days of a year the holiday calendar has no data for by weekday only."""
    emit(c, "calendar.estimated", subject=c.m.year, params={"year": c.m.year})


@rule("2.3", "甲方应建立服务质量监控机制,定期向乙方提供服务报告", (m.t == "report") & (m.delivered_on == ""))
def report_missing(c):
    """A report that fell due in the window was not delivered by as_of."""
    emit(c, "report.missing", subject=c.m.period, date=c.m.due_plus_1, params={"period": c.m.period})


@rule(
    "2.3",
    "甲方应建立服务质量监控机制,定期向乙方提供服务报告",
    (m.t == "report") & (m.delivered_on != "") & (m.delivered_on > m.due),
)
def report_late(c):
    """A report delivered after its due day."""
    emit(
        c,
        "report.late",
        subject=c.m.period,
        date=c.m.due_plus_1,
        params={"period": c.m.period, "delivered": c.m.delivered_on},
    )


CREDIT_CLAUSE = (
    "甲方承诺提供符合业界标准和乙方要求的服务质量。(remedies.service_credit_percent; service_credit_cap_percent)"
)


@rule(
    "2.1",
    CREDIT_CLAUSE,
    fact.terms << (m.t == "credit_terms"),
    fact.breach << ((m.t == "consequence") & (m.excused == False) & (m.waived == "") & SLA_BREACH),
    priority=COMPENSATE,
)
def service_credit(c):
    """Each breach of a service standard that is neither excused nor waived earns the client the agreed
    percent of the month's fee; the credit's subject names the breach (SPEC §4.0)."""
    b, terms = c.breach, c.terms
    shown = {"percent": terms.percent, "fee": terms.fee_text, "method": terms.method}
    if terms.fee:
        amount = plain(Decimal(terms.percent) * Decimal(terms.fee) / 100)
        why = (("credit.terms", {**shown, "amount": grouped(Decimal(amount))}),)
    else:  # lump sum, or per usage without the month's usage: no month's fee to take a percent of
        amount, why = None, (("credit.no_fee", shown),)
    emit(
        c,
        "sla.service_credit",
        subject=f"{b.cid}:{b.subject}" if b.subject else b.cid,
        date=b.date,
        ref=b.ref,
        amount=amount,
        params={"breach": b.cid, "percent": terms.percent, "fee": terms.fee},
        why=why,
    )


@rule(
    "2.1",
    CREDIT_CLAUSE,
    fact.cap << ((m.t == "credit_cap") & (m.done == False)),
    fact.credit << ((m.t == "consequence") & (m.cid == "sla.service_credit") & (m.waived == "")),
    priority=POOL,
)
def credit_under_cap(c):
    """Gather the month's credits that count against the cap (a waived credit takes nothing from it)."""
    cap, credit = c.cap, c.credit
    c.retract_fact(credit)
    c.retract_fact(cap)
    pooled = {k: credit[k] for k in ("subject", "date", "amount", "ref")}
    pooled["params"] = dict(credit.params.items())
    c.assert_fact({**dict(cap.items()), "pool": [*cap.pool, pooled]})


@rule("2.1", CREDIT_CLAUSE, (m.t == "credit_cap") & (m.done == False), priority=LIMIT)
def credit_cap(c):
    """同一自然月的抵扣总额不超过当月服务费的 X%: the credits in SPEC §3 order (date, then subject),
    each cut to what is left of the cap after the credits before it; a credit cut to 0.00 stays."""
    cap = c.m
    left = Decimal(cap.cap)
    taken = Decimal(0)
    for credit in sorted(cap.pool, key=lambda p: (p["date"], p["subject"])):
        full = Decimal(credit["amount"])
        amount = min(full, left)
        why = ()
        if amount < full:
            why = (
                (
                    "credit.capped",
                    {
                        "cap": grouped(Decimal(cap.cap)),
                        "cap_percent": cap.percent,
                        "fee": grouped(Decimal(cap.fee)),
                        "before": grouped(taken),
                        "full": grouped(full),
                        "amount": grouped(amount),
                    },
                ),
            )
        emit(
            c,
            "sla.service_credit",
            subject=credit["subject"],
            date=credit["date"],
            amount=plain(amount),
            ref=credit["ref"],
            params=dict(credit["params"].items()),
            why=why,
        )
        left -= amount
        taken += amount
    c.retract_fact(cap)
