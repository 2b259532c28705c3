"""第五条 双方的权利与义务 — Art. 5: continuity of service, cooperation, confidentiality (SPEC §4.3, §4.5, §4.6)."""

from durable.lang import c as fact
from durable.lang import m

from kefu_check.ruledsl import EXCEPTION, Article, emit, reemit

ARTICLE = Article("5", "第五条 双方的权利与义务")
rule = ARTICLE.rule


@rule(
    "5.2.2",
    "应按照本协议第一、二条的约定,持续、稳定地提供合格的服务。",
    (m.t == "day") & (m.suspension != "") & (m.most_overdue <= m.suspend_after_days),
)
def wrongful_suspension_day(c):
    """A suspension day without a lawful ground (no invoice overdue more than N days with a balance,
    which includes every day after the fees are settled) breaches 5.2.2, and its service hours are
    provider downtime (chain → 2.1(2) availability)."""
    emit(
        c,
        "service.wrongful_suspension",
        subject=c.m.suspension,
        date=c.m.day,
        params={"start": c.m.suspension, "day_list": [c.m.day]},
    )
    c.assert_fact(
        {
            "t": "downtime",
            "day": c.m.day,
            "us": c.m.service_us,
            "in_year": c.m.in_year,
            "cause": "wrongful_suspension",
            "ref": c.m.ref,
        }
    )


@rule(
    "5.2.4",
    "应建立并遵守保密制度,严格保护乙方的商业秘密、技术信息及客户信息,防止泄露、篡改或丢失。",
    (m.t == "incident") & (m.at_fault == "provider"),
)
def provider_confidentiality_breach(c):
    """A leak, tampering or loss the provider is at fault for breaches its duty of confidentiality."""
    emit(c, "confidentiality.provider_breach", subject=c.m.incident, date=c.m.date, params={"incident": c.m.incident})


@rule(
    "5.1.8",
    "对甲方违反保密义务或泄露其商业秘密或客户信息的行为,有权要求甲方赔偿损失。",
    (m.t == "incident") & (m.at_fault == "provider"),
)
def confidentiality_compensation(c):
    """The client may claim its loss: the amount asserted, or null while it is to be assessed."""
    emit(
        c,
        "confidentiality.compensation",
        subject=c.m.incident,
        date=c.m.date,
        amount=c.m.loss,
        params={"incident": c.m.incident, "loss": c.m.loss},
    )


@rule(
    "5.2.4",
    "严格保护乙方的……客户信息,防止泄露、篡改或丢失。(个人信息保护法第21条、第57条、第59条)",
    (m.t == "incident") & (m.at_fault == "provider") & (m.personal_information == True),
)
def privacy_remedy_and_notify(c):
    """An entrusted processor's incident with personal information: remedy at once and inform the client,
    so that it can notify the people and the regulator (PIPL Arts. 21, 57, 59)."""
    emit(c, "privacy.remedy_and_notify", subject=c.m.incident, date=c.m.date, params={"incident": c.m.incident})


@rule(
    "5.1.6",
    "应对其提供的客户信息承担保密义务,并确保其员工遵守保密要求。",
    (m.t == "incident") & (m.at_fault == "client"),
)
def client_confidentiality_breach(c):
    """The client breaches its own duty of confidentiality."""
    emit(c, "confidentiality.client_breach", subject=c.m.incident, date=c.m.date, params={"incident": c.m.incident})


@rule(
    "5.1.4",
    "应向甲方提供履行本协议所需的相关业务信息、知识培训及必要的系统访问权限,并保证信息的真实性。"
    "(5.1.5 应指定专门的联系人或部门,负责与甲方的沟通协调。)",
    m.t == "cooperation",
)
def client_cooperation_failure(c):
    """The client failed to provide information, training, system access or a contact person."""
    emit(c, "client.cooperation_failure", subject=c.m.obligation, date=c.m.date, params={"obligation": c.m.obligation})


@rule(
    "5.1.4",
    "应向甲方提供履行本协议所需的相关业务信息、知识培训及必要的系统访问权限",
    fact.failure << (m.t == "cooperation"),
    fact.breach
    << (
        (m.t == "consequence") & (m.excused == False) & ((m.cid == "sla.first_response") | (m.cid == "sla.resolution"))
    ),
    priority=EXCEPTION,
)
def excused_by_cooperation_failure(c):
    """Exception to 2.1(1) and 2.1(3): a month in which the client failed to cooperate excuses the
    provider's response and resolution breaches (severity info, no service credit)."""
    reemit(
        c,
        c.breach,
        excused_by=("client.cooperation_failure",),
        extra_why=(("why.excused", {"obligation": c.failure.obligation}),),
    )
