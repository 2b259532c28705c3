"""第三条 服务期限 — Art. 3: the term, tacit renewal and the client's objection (SPEC §4.1).

Facts matched: `term` (the original term and each renewal, with its objection deadline and the
written client objections that fall to it, from renewal.py), `notice`, `period`.
"""

from durable.lang import m

from kefu_check.ruledsl import GATE, Article, emit

ARTICLE = Article("3", "第三条 服务期限")
rule = ARTICLE.rule

TERM = m.t == "term"
AUTO = TERM & (m.auto == True)
RENEWAL_CLAUSE = "若乙方未提出书面异议,本协议可自动续约[续约时长或条件]。"


@rule(
    "3.1",
    "本协议的服务期限自[起始日期]起,至[终止日期]止",
    (m.t == "period") & (m.first <= m.term_end) & (m.last >= m.term_start),
    priority=GATE,
)
def standards_apply(c):
    """Service standards bind only for a period that overlaps the term in force at as_of."""
    c.assert_fact({"t": "standards_apply", "ref": c.m.ref})


@rule("3.1", "本协议的服务期限自[起始日期]起", TERM & (m.k == 0) & (m.as_of < m.start))
def term_not_started(c):
    """as_of is before the term's first day."""
    emit(c, "term.not_started", subject=c.m.start, date=c.m.as_of, params={"start": c.m.start})


@rule("3.1", "至[终止日期]止", TERM & (m.as_of > m.end) & ((m.auto == False) | (m.objection_on != "")))
def term_expired(c):
    """The term has ended and no renewal applies."""
    emit(c, "term.expired", subject=c.m.end, date=c.m.end_plus_1, params={"end": c.m.end})


@rule("3.2", RENEWAL_CLAUSE, AUTO & (m.objection_on == "") & (m.as_of > m.end))
def auto_renewed(c):
    """No timely written objection: the term renewed the day after its end."""
    emit(
        c,
        "renewal.auto_renewed",
        subject=c.m.next_end,
        date=c.m.end_plus_1,
        params={"end": c.m.end, "next_end": c.m.next_end},
    )


@rule("3.2", RENEWAL_CLAUSE, AUTO & (m.objection_on != ""))
def ended_by_objection(c):
    """A timely written objection: the term ends at its end."""
    emit(
        c,
        "renewal.ended_by_objection",
        subject=c.m.end,
        date=c.m.objection_on,
        params={"end": c.m.end, "date": c.m.objection_on},
    )


@rule("3.2", RENEWAL_CLAUSE, AUTO & (m.late_objection_on != ""))
def objection_late(c):
    """A written objection after the deadline but on or before the end: the renewal still happens."""
    emit(
        c,
        "renewal.objection_late",
        subject=c.m.end,
        date=c.m.late_objection_on,
        params={"end": c.m.end, "date": c.m.late_objection_on, "deadline": c.m.deadline},
    )


@rule(
    "3.2",
    "协议期满前[一个月]……若乙方未提出书面异议,本协议可自动续约",
    AUTO & (m.objection_on == "") & (m.deadline >= m.as_of) & (m.deadline <= m.as_of_plus_30),
)
def deadline_upcoming(c):
    """The objection deadline is within 30 days and the client has not objected in writing."""
    emit(
        c,
        "renewal.deadline_upcoming",
        subject=c.m.end,
        date=c.m.as_of,
        params={"end": c.m.end, "deadline": c.m.deadline},
    )


@rule(
    "3.2",
    "若乙方未提出书面异议",
    (m.t == "notice")
    & (m.auto == True)
    & (m.from_party == "client")
    & (m.kind == "renewal_objection")
    & (m.written == False),
)
def objection_not_written(c):
    """3.2 needs a written objection (书面异议): an oral one does not stop the renewal."""
    emit(c, "renewal.objection_not_written", subject=c.m.term_end, date=c.m.date, params={"date": c.m.date})


@rule(
    "3.2",
    "若乙方未提出书面异议",
    (m.t == "notice") & (m.auto == True) & (m.from_party == "provider") & (m.kind == "non_renewal"),
)
def provider_notice_no_effect(c):
    """3.2 gives the objection to the client only: the provider's notice does not stop the renewal."""
    emit(c, "renewal.provider_notice_no_effect", subject=c.m.term_end, date=c.m.date, params={"date": c.m.date})
