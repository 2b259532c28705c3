"""第二条 服务标准与质量 — Art. 2: service standards, availability and reports (SPEC §4.4, §4.6).

Service standards apply only while the term is in force (the `standards_apply` fact of Art. 3).
Downtime is added up in the engine: each `downtime` piece (an outage day, a wrongful suspension
day) is folded into the year's `availability` fact, and the year is judged once every piece is in.
"""

from decimal import Decimal

from durable.lang import c as fact
from durable.lang import m

from kefu_check.derive.base import key
from kefu_check.downtime import minutes_of
from kefu_check.money import grouped, plain
from kefu_check.ruledsl import CLIENT, COMPENSATE, FOLD, JUDGE, LIMIT, POOL, PROVIDER, Article, Example, Page, emit

ARTICLE = Article("2", "第二条 服务标准与质量")
rule = ARTICLE.rule

IN_FORCE = fact.term << (m.type == "standards_apply")
SLA_BREACH = (
    (m.cid == "sla.first_response")
    | (m.cid == "sla.resolution")
    | (m.cid == "sla.satisfaction")
    | (m.cid == "sla.availability")
)


SLA_FIRST_RESPONSE = ARTICLE.consequence(
    "sla.first_response",
    "2.1(1)",
    "breach",
    PROVIDER,
    CLIENT,
    title=("首次响应未达标", "first response below standard"),
    message=("{channel} 首次响应达标率低于约定", "{channel}: first responses below the target"),
    page=Page(
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
)


@rule(
    "2.1(1)",
    "响应时间:对于客户发起的[电话/在线聊天]请求,应在[具体时间,例如:X秒内/分钟内]做出首次响应。",
    IN_FORCE,
    fact.figures << ((m.type == "first_response") & (m.requests > 0) & (m.on_time_key < m.required_key)),
)
def first_response_breach(c):
    """On a channel, fewer requests answered within the bound (以内 includes it) than its target share."""
    f = c.figures
    emit(c, SLA_FIRST_RESPONSE, subject=f.channel, date=f.date, ref=f.ref, params={"channel": f.channel})


SLA_RESOLUTION = ARTICLE.consequence(
    "sla.resolution",
    "2.1(3)",
    "breach",
    PROVIDER,
    CLIENT,
    title=("问题解决未达标", "resolution below standard"),
    message=("问题解决及时率低于约定", "resolution within the limit below the target"),
    page=Page(
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
)


@rule(
    "2.1(3)",
    "问题解决率:对于在服务范围内的问题,应在[具体时间,例如:X小时/X个工作日]内提供解决方案或明确进展。",
    IN_FORCE,
    fact.figures << ((m.type == "resolution") & (m.cases > 0) & (m.on_time_key < m.required_key)),
)
def resolution_breach(c):
    """Fewer cases resolved (or clearly progressed) within the limit than the target share."""
    emit(c, SLA_RESOLUTION, date=c.figures.date, ref=c.figures.ref)


SLA_SATISFACTION = ARTICLE.consequence(
    "sla.satisfaction",
    "2.1(4)",
    "breach",
    PROVIDER,
    CLIENT,
    title=("客户满意度未达标", "satisfaction below standard"),
    message=("客户满意度低于约定", "customer satisfaction below the minimum"),
    page=Page(
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
)


@rule(
    "2.1(4)",
    "客户满意度:通过定期客户满意度调查,乙方客户对服务的满意度应达到[百分比,例如:85分以上/满意度不低于85%]。",
    IN_FORCE,
    fact.figures << ((m.type == "satisfaction") & (m.respondents != 0) & (m.score_key < m.min_key)),
)
def satisfaction_breach(c):
    """The satisfaction score is below the minimum (以上/不低于: the minimum itself meets it)."""
    emit(c, SLA_SATISFACTION, date=c.figures.date, ref=c.figures.ref)


@rule(
    "2.1(2)",
    "服务系统及客服团队应在乙方指定的服务时间内([具体时间段,例如:周一至周五,上午9点至下午6点])正常运行并提供服务",
    (m.type == "day") & (m.suspension == "") & (m.outage_microseconds > 0),
)
def outage_is_downtime(c):
    """Outage minutes inside service hours on a day without suspension are downtime (excluded causes
    were left out when the minutes were measured; overlapping outages count once)."""
    c.assert_fact(
        {
            "type": "downtime",
            "day": c.m.day,
            "microseconds": c.m.outage_microseconds,
            "in_year": c.m.in_year,
            "cause": "outage",
            "ref": c.m.ref,
        }
    )


@rule(
    "2.1(2)",
    "年度可用性不低于[百分比,例如:99.5%]",
    fact.year << (m.type == "availability"),
    fact.piece << (m.type == "downtime"),
    priority=FOLD,
)
def downtime_so_far(c):
    """Add one downtime piece to the month's and the availability year's downtime."""
    year, piece = c.year, c.piece
    c.retract_fact(piece)
    c.retract_fact(year)
    added = piece.microseconds if piece.in_year else 0
    updated = dict(year.items())
    updated.update(
        month_microseconds=year.month_microseconds + piece.microseconds,
        year_microseconds=year.year_microseconds + added,
        year_key=key(year.year_microseconds + added),
        pieces=[*year.pieces, piece.ref],
    )
    c.assert_fact(updated)


SLA_AVAILABILITY = ARTICLE.consequence(
    "sla.availability",
    "2.1(2)",
    "breach",
    PROVIDER,
    CLIENT,
    title=("年度可用性未达标", "annual availability breached"),
    message=(
        "自 {year} 起的可用性年度停机已超出额度",
        "downtime in the year from {year} exceeds the budget",
    ),
    page=Page(
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
)


@rule(
    "2.1(2)",
    "年度可用性不低于[百分比,例如:99.5%]",
    IN_FORCE,
    fact.year << ((m.type == "availability") & (m.breach_raised == False) & (m.year_key > m.budget_key)),
    priority=JUDGE,
)
def availability_breach(c):
    """Downtime so far exceeds the year's budget: the year can no longer meet the standard. Raised once
    a year: not again in a later month of a sequence that already raised it (SPEC §6)."""
    emit(
        c,
        SLA_AVAILABILITY,
        subject=c.year.year_first,
        date=c.year.date,
        ref=["availability", *c.year.pieces],
        params={"year": c.year.year_first},
        why=_so_far(c.year),
    )


SLA_AVAILABILITY_BUDGET = ARTICLE.consequence(
    "sla.availability_budget",
    "2.1(2)",
    "warning",
    PROVIDER,
    CLIENT,
    title=("年度停机额度已用过半", "half the downtime budget used"),
    message=(
        "自 {year} 起的年度停机额度已用过半",
        "half or more of the downtime budget of the year from {year} is used",
    ),
    page=Page(
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
)


@rule(
    "2.1(2)",
    "年度可用性不低于[百分比,例如:99.5%]",
    IN_FORCE,
    fact.year
    << (
        (m.type == "availability")
        & (m.budget_raised == False)
        & (m.year_microseconds > 0)
        & (m.year_key >= m.half_budget_key)
        & (m.year_key <= m.budget_key)
    ),
    priority=JUDGE,
)
def availability_budget_warning(c):
    """Half or more of the year's downtime budget is used, and it is not yet exceeded."""
    emit(
        c,
        SLA_AVAILABILITY_BUDGET,
        subject=c.year.year_first,
        date=c.year.date,
        ref=["availability", *c.year.pieces],
        params={"year": c.year.year_first},
        why=_so_far(c.year),
    )


CALENDAR_ESTIMATED = ARTICLE.consequence(
    "calendar.estimated",
    "2.1(2)",
    "status",
    None,
    None,
    title=("节假日数据缺失,停机额度为估算", "downtime budget estimated"),
    message=(
        "{year} 年无法定节假日数据,停机额度按周计算为估算值",
        "no holiday data for {year}: the downtime budget is an estimate (use --holidays)",
    ),
    page=Page(
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
)


def _breach_words(breach):
    """The breach a credit compensates, as people say it (its title; the subject column names the channel)."""
    zh, en = next(k.title for k in ARTICLE.consequences if k.id == breach.cid)
    return {"breach_zh": zh, "breach_en": en}


def _so_far(year):
    """The downtime so far, and this month's, as the reason of an availability decision."""
    return (
        (
            "availability.so_far",
            {"year": str(minutes_of(year.year_microseconds)), "month": str(minutes_of(year.month_microseconds))},
        ),
    )


@rule("2.1(2)", "年度可用性不低于[百分比,例如:99.5%]", m.type == "estimate")
def calendar_estimated(c):
    """The year's budget counts days of a year the holiday calendar has no data for by weekday only."""
    emit(c, CALENDAR_ESTIMATED, subject=c.m.year, params={"year": c.m.year})


REPORT_MISSING = ARTICLE.consequence(
    "report.missing",
    "2.3",
    "breach",
    PROVIDER,
    CLIENT,
    title=("服务报告未提交", "service report missing"),
    message=("{period} 服务报告未提交", "the {period} service report is missing"),
    page=Page(
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
)


@rule("2.3", "甲方应建立服务质量监控机制,定期向乙方提供服务报告", (m.type == "report") & (m.delivered_on == ""))
def report_missing(c):
    """A report that fell due in the window was not delivered by as_of."""
    emit(c, REPORT_MISSING, subject=c.m.period, date=c.m.day_after_due, params={"period": c.m.period})


REPORT_LATE = ARTICLE.consequence(
    "report.late",
    "2.3",
    "breach",
    PROVIDER,
    CLIENT,
    title=("服务报告逾期提交", "service report late"),
    message=("{period} 服务报告逾期提交", "the {period} service report was late"),
    page=Page(
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
)


@rule(
    "2.3",
    "甲方应建立服务质量监控机制,定期向乙方提供服务报告",
    (m.type == "report") & (m.delivered_on != "") & (m.delivered_on > m.due),
)
def report_late(c):
    """A report delivered after its due day."""
    emit(
        c,
        REPORT_LATE,
        subject=c.m.period,
        date=c.m.day_after_due,
        params={"period": c.m.period, "delivered": c.m.delivered_on},
    )


CREDIT_CLAUSE = "甲方承诺提供符合业界标准和乙方要求的服务质量。"
CREDIT_BASIS = "remedies.service_credit_percent, service_credit_cap_percent(合同另行约定的服务抵扣及其月度上限)"


SLA_SERVICE_CREDIT = ARTICLE.consequence(
    "sla.service_credit",
    "2.1",
    "liability",
    PROVIDER,
    CLIENT,
    title=("服务费抵扣", "service credit"),
    message=("因{breach_zh},抵扣当月服务费 {percent}%", "{percent}% of the month's fee for {breach_en}"),
    page=Page(
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
)


@rule(
    "2.1",
    CREDIT_CLAUSE,
    fact.terms << (m.type == "credit_terms"),
    fact.breach << ((m.type == "consequence") & (m.excused == False) & (m.waived == "") & SLA_BREACH),
    priority=COMPENSATE,
    basis=CREDIT_BASIS,
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
        SLA_SERVICE_CREDIT,
        subject=f"{b.cid}:{b.subject}" if b.subject else b.cid,
        date=b.date,
        ref=list(b.refs),
        amount=amount,
        params={"breach": b.cid, **_breach_words(b), "percent": terms.percent, "fee": terms.fee},
        why=why,
    )


@rule(
    "2.1",
    CREDIT_CLAUSE,
    fact.cap << ((m.type == "credit_cap") & (m.done == False)),
    fact.credit << ((m.type == "consequence") & (m.cid == "sla.service_credit") & (m.waived == "")),
    priority=POOL,
    basis=CREDIT_BASIS,
)
def credit_under_cap(c):
    """Gather the month's credits that count against the cap (a waived credit takes nothing from it)."""
    cap, credit = c.cap, c.credit
    c.retract_fact(credit)
    c.retract_fact(cap)
    pooled = {k: credit[k] for k in ("subject", "date", "amount")}
    pooled["refs"] = list(credit.refs)
    pooled["params"] = dict(credit.params.items())
    c.assert_fact({**dict(cap.items()), "pool": [*cap.pool, pooled]})


@rule("2.1", CREDIT_CLAUSE, (m.type == "credit_cap") & (m.done == False), priority=LIMIT, basis=CREDIT_BASIS)
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
            SLA_SERVICE_CREDIT,
            subject=credit["subject"],
            date=credit["date"],
            amount=plain(amount),
            ref=list(credit["refs"]),
            params=dict(credit["params"].items()),
            why=why,
        )
        left -= amount
        taken += amount
    c.retract_fact(cap)
