"""第三条 服务期限 — Art. 3: the term, tacit renewal and the client's objection (SPEC §4.1).

Facts matched: `term` (the original term and each renewal, with its objection deadline and the
written client objections that fall to it, from renewal.py), `notice`, `period`.
"""

from durable.lang import m

from kefu_check.ruledsl import CLIENT, GATE, PROVIDER, Article, Example, Page, emit

_TERM = ("term",)
_NOTICES = ("notices",)

ARTICLE = Article("3", "第三条 服务期限")
rule = ARTICLE.rule

TERM = m.type == "term"
AUTO = TERM & (m.auto == True)
RENEWAL_CLAUSE = "若乙方未提出书面异议,本协议可自动续约[续约时长或条件]。"


@rule(
    "3.1",
    "本协议的服务期限自[起始日期年月日]起,至[终止日期年月日]止",
    (m.type == "period") & (m.first <= m.term_end) & (m.last >= m.term_start),
    priority=GATE,
)
def standards_apply(c):
    """Service standards bind only for a period that overlaps the term in force at as_of."""
    c.assert_fact({"type": "standards_apply", "ref": c.m.ref})


TERM_NOT_STARTED = ARTICLE.consequence(
    "term.not_started",
    "3.1",
    "status",
    None,
    None,
    title=("服务期限尚未开始", "term not started"),
    message=("服务期限自 {start} 起,尚未开始", "the term starts on {start}: not started yet"),
    page=Page(
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
)


@rule("3.1", "本协议的服务期限自[起始日期年月日]起", TERM & (m.term_index == 0) & (m.as_of < m.start))
def term_not_started(c):
    """as_of is before the term's first day."""
    emit(c, TERM_NOT_STARTED, subject=c.m.start, date=c.m.as_of, params={"start": c.m.start})


TERM_EXPIRED = ARTICLE.consequence(
    "term.expired",
    "3.1",
    "status",
    None,
    None,
    title=("服务期限已届满", "term expired"),
    message=("服务期限已于 {end} 届满,无续约", "the term ended on {end} and was not renewed"),
    page=Page(
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
)


@rule("3.1", "至[终止日期年月日]止", TERM & (m.as_of > m.end) & ((m.auto == False) | (m.objection_on != "")))
def term_expired(c):
    """The term has ended and no renewal applies."""
    emit(c, TERM_EXPIRED, subject=c.m.end, date=c.m.day_after_end, params={"end": c.m.end})


RENEWAL_AUTO_RENEWED = ARTICLE.consequence(
    "renewal.auto_renewed",
    "3.2",
    "status",
    None,
    None,
    title=("协议已自动续约", "renewed automatically"),
    message=(
        "乙方未在期限内书面异议,协议自动续约至 {next_end}",
        "no timely written objection: renewed until {next_end}",
    ),
    page=Page(
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
)


@rule("3.2", RENEWAL_CLAUSE, AUTO & (m.objection_on == "") & (m.as_of > m.end))
def auto_renewed(c):
    """No timely written objection: the term renewed the day after its end."""
    emit(
        c,
        RENEWAL_AUTO_RENEWED,
        subject=c.m.next_end,
        date=c.m.day_after_end,
        params={"end": c.m.end, "next_end": c.m.next_end},
    )


RENEWAL_ENDED_BY_OBJECTION = ARTICLE.consequence(
    "renewal.ended_by_objection",
    "3.2",
    "status",
    None,
    None,
    title=("乙方书面异议,期满终止", "ended by the client's objection"),
    message=(
        "乙方于 {date} 书面异议,协议于 {end} 期满终止",
        "written objection of {date}: the term ends on {end}",
    ),
    page=Page(
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
)


@rule("3.2", RENEWAL_CLAUSE, AUTO & (m.objection_on != ""))
def ended_by_objection(c):
    """A timely written objection: the term ends at its end."""
    emit(
        c,
        RENEWAL_ENDED_BY_OBJECTION,
        subject=c.m.end,
        date=c.m.objection_on,
        params={"end": c.m.end, "date": c.m.objection_on},
    )


RENEWAL_OBJECTION_LATE = ARTICLE.consequence(
    "renewal.objection_late",
    "3.2",
    "warning",
    CLIENT,
    None,
    title=("异议逾期,仍将续约", "objection too late"),
    message=(
        "{date} 的书面异议晚于期限 {deadline},本期仍将续约",
        "the objection of {date} is after the deadline {deadline}: the term still renews",
    ),
    page=Page(
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
)


@rule("3.2", RENEWAL_CLAUSE, AUTO & (m.late_objection_on != ""))
def objection_late(c):
    """A written objection after the deadline but on or before the end: the renewal still happens."""
    emit(
        c,
        RENEWAL_OBJECTION_LATE,
        subject=c.m.end,
        date=c.m.late_objection_on,
        params={"end": c.m.end, "date": c.m.late_objection_on, "deadline": c.m.deadline},
    )


RENEWAL_DEADLINE_UPCOMING = ARTICLE.consequence(
    "renewal.deadline_upcoming",
    "3.2",
    "warning",
    CLIENT,
    None,
    title=("续约异议期限临近", "renewal objection deadline upcoming"),
    message=(
        "续约书面异议须于 {deadline} 前送达,否则自动续约",
        "object in writing by {deadline} or the term renews after {end}",
    ),
    page=Page(
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
)


@rule(
    "3.2",
    "协议期满前[具体时间,例如:一个月]……若乙方未提出书面异议,本协议可自动续约",
    AUTO & (m.objection_on == "") & (m.deadline >= m.as_of) & (m.deadline <= m.as_of_plus_30_days),
)
def deadline_upcoming(c):
    """The objection deadline is within 30 days and the client has not objected in writing."""
    emit(
        c,
        RENEWAL_DEADLINE_UPCOMING,
        subject=c.m.end,
        date=c.m.as_of,
        params={"end": c.m.end, "deadline": c.m.deadline},
    )


RENEWAL_OBJECTION_NOT_WRITTEN = ARTICLE.consequence(
    "renewal.objection_not_written",
    "3.2",
    "warning",
    CLIENT,
    None,
    title=("异议未采用书面形式", "objection not in writing"),
    message=(
        "{date} 的异议非书面形式,不能阻止自动续约",
        "the objection of {date} is not in writing: it does not stop the renewal",
    ),
    page=Page(
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
)


@rule(
    "3.2",
    "若乙方未提出书面异议",
    (m.type == "notice")
    & (m.auto == True)
    & (m.from_party == "client")
    & (m.kind == "renewal_objection")
    & (m.written == False),
)
def objection_not_written(c):
    """3.2 needs a written objection (书面异议): an oral one does not stop the renewal."""
    emit(c, RENEWAL_OBJECTION_NOT_WRITTEN, subject=c.m.term_end, date=c.m.date, params={"date": c.m.date})


RENEWAL_PROVIDER_NOTICE_NO_EFFECT = ARTICLE.consequence(
    "renewal.provider_notice_no_effect",
    "3.2",
    "warning",
    PROVIDER,
    None,
    title=("甲方不续约通知不生效", "provider's notice has no effect"),
    message=(
        "第3.2条只赋予乙方异议权,甲方 {date} 的不续约通知不阻止续约",
        "3.2 gives the objection to the client only: the provider's notice of {date} does not stop the renewal",
    ),
    page=Page(
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
)


@rule(
    "3.2",
    "若乙方未提出书面异议",
    (m.type == "notice") & (m.auto == True) & (m.from_party == "provider") & (m.kind == "non_renewal"),
)
def provider_notice_no_effect(c):
    """3.2 gives the objection to the client only: the provider's notice does not stop the renewal."""
    emit(c, RENEWAL_PROVIDER_NOTICE_NO_EFFECT, subject=c.m.term_end, date=c.m.date, params={"date": c.m.date})
