"""第五条 双方的权利与义务 — Art. 5: continuity of service, cooperation, confidentiality (SPEC §4.3, §4.5, §4.6)."""

from durable.lang import c as fact
from durable.lang import m

from kefu_check.ruledsl import CLIENT, EXCEPTION, PROVIDER, Article, Example, Page, emit, reemit

_LEAK = ("incidents",)

ARTICLE = Article("5", "第五条 双方的权利与义务")
rule = ARTICLE.rule


SERVICE_WRONGFUL_SUSPENSION = ARTICLE.consequence(
    "service.wrongful_suspension",
    "5.2.2",
    "breach",
    PROVIDER,
    CLIENT,
    title=("无正当依据暂停服务", "wrongful suspension"),
    message=(
        "自 {start} 的暂停服务无合同依据:{day_list}",
        "the suspension from {start} is wrongful on {day_list}",
    ),
    page=Page(
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
    gathered=True,
)


@rule(
    "5.2.2",
    "应按照本协议第一、二条的约定,持续、稳定地提供合格的服务。",
    (m.type == "day") & (m.suspension != "") & (m.most_overdue_days <= m.suspend_after_days),
)
def wrongful_suspension_day(c):
    """A suspension day without a lawful ground (no invoice overdue more than N days with a balance,
    which includes every day after the fees are settled) breaches 5.2.2, and its service hours are
    provider downtime (chain → 2.1(2) availability)."""
    emit(
        c,
        SERVICE_WRONGFUL_SUSPENSION,
        subject=c.m.suspension,
        date=c.m.day,
        ref=["suspension:" + c.m.suspension, c.m.ref],
        params={"start": c.m.suspension, "day_list": [c.m.day]},
    )
    c.assert_fact(
        {
            "type": "downtime",
            "day": c.m.day,
            "microseconds": c.m.service_microseconds,
            "in_year": c.m.in_year,
            "cause": "wrongful_suspension",
            "ref": c.m.ref,
        }
    )


CONFIDENTIALITY_PROVIDER_BREACH = ARTICLE.consequence(
    "confidentiality.provider_breach",
    "5.2.4",
    "breach",
    PROVIDER,
    CLIENT,
    title=("甲方违反保密义务", "provider breached confidentiality"),
    message=(
        "{incident}:甲方违反保密义务",
        "{incident}: the provider breached confidentiality",
    ),
    page=Page(
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
)


@rule(
    "5.2.4",
    "应建立并遵守保密制度,严格保护乙方的商业秘密、技术信息及客户信息,防止泄露、篡改或丢失。",
    (m.type == "incident") & (m.at_fault == "provider"),
)
def provider_confidentiality_breach(c):
    """A leak, tampering or loss the provider is at fault for breaches its duty of confidentiality."""
    emit(c, CONFIDENTIALITY_PROVIDER_BREACH, subject=c.m.incident, date=c.m.date, params={"incident": c.m.incident})


CONFIDENTIALITY_COMPENSATION = ARTICLE.consequence(
    "confidentiality.compensation",
    "5.1.8",
    "liability",
    PROVIDER,
    CLIENT,
    title=("甲方应赔偿损失", "compensation owed to the client"),
    message=(
        "{incident}:乙方有权要求甲方赔偿损失",
        "{incident}: the client may claim its loss",
    ),
    page=Page(
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
)


@rule(
    "5.1.8",
    "对甲方违反保密义务或泄露其商业秘密或客户信息的行为,有权要求甲方赔偿损失。",
    (m.type == "incident") & (m.at_fault == "provider"),
)
def confidentiality_compensation(c):
    """The client may claim its loss: the amount asserted, or null while it is to be assessed."""
    emit(
        c,
        CONFIDENTIALITY_COMPENSATION,
        subject=c.m.incident,
        date=c.m.date,
        amount=c.m.loss,
        params={"incident": c.m.incident, "loss": c.m.loss},
    )


PRIVACY_REMEDY_AND_NOTIFY = ARTICLE.consequence(
    "privacy.remedy_and_notify",
    "5.2.4",
    "obligation",
    PROVIDER,
    CLIENT,
    title=("个人信息事件:立即补救并告知乙方", "personal-information incident: remedy and inform"),
    message=(
        "{incident} 涉及个人信息:甲方应立即补救并告知乙方",
        "{incident} involves personal information: remedy it and inform the client at once",
    ),
    page=Page(
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
)


@rule(
    "5.2.4",
    "严格保护乙方的商业秘密、技术信息及客户信息,防止泄露、篡改或丢失。",
    (m.type == "incident") & (m.at_fault == "provider") & (m.personal_information == True),
    basis="个人信息保护法第21条、第57条、第59条",
)
def privacy_remedy_and_notify(c):
    """An entrusted processor's incident with personal information: remedy at once and inform the client,
    so that it can notify the people and the regulator (PIPL Arts. 21, 57, 59)."""
    emit(c, PRIVACY_REMEDY_AND_NOTIFY, subject=c.m.incident, date=c.m.date, params={"incident": c.m.incident})


CONFIDENTIALITY_CLIENT_BREACH = ARTICLE.consequence(
    "confidentiality.client_breach",
    "5.1.6",
    "breach",
    CLIENT,
    PROVIDER,
    title=("乙方违反保密义务", "client breached confidentiality"),
    message=("{incident}:乙方违反保密义务", "{incident}: the client breached confidentiality"),
    page=Page(
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
)


@rule(
    "5.1.6",
    "应对其提供的客户信息承担保密义务,并确保其员工遵守保密要求。",
    (m.type == "incident") & (m.at_fault == "client"),
)
def client_confidentiality_breach(c):
    """The client breaches its own duty of confidentiality."""
    emit(c, CONFIDENTIALITY_CLIENT_BREACH, subject=c.m.incident, date=c.m.date, params={"incident": c.m.incident})


CLIENT_COOPERATION_FAILURE = ARTICLE.consequence(
    "client.cooperation_failure",
    "5.1.4",
    "breach",
    CLIENT,
    PROVIDER,
    title=("乙方未履行协助义务", "client failed to cooperate"),
    message=("乙方未履行协助义务({obligation})", "the client failed to provide {obligation}"),
    page=Page(
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
)


@rule(
    "5.1.4",
    "应向甲方提供履行本协议所需的相关业务信息、知识培训及必要的系统访问权限,并保证信息的真实性。",
    (m.type == "cooperation") & (m.obligation != "contact"),
)
def client_cooperation_failure(c):
    """The client failed to provide information, training or system access."""
    emit(c, CLIENT_COOPERATION_FAILURE, subject=c.m.obligation, date=c.m.date, params={"obligation": c.m.obligation})


@rule(
    "5.1.5", "应指定专门的联系人或部门,负责与甲方的沟通协调。", (m.type == "cooperation") & (m.obligation == "contact")
)
def client_contact_failure(c):
    """The client named no contact person or department: the same failure to cooperate, under 5.1.5."""
    emit(
        c,
        CLIENT_COOPERATION_FAILURE,
        subject=c.m.obligation,
        date=c.m.date,
        clause="5.1.5",
        params={"obligation": c.m.obligation},
    )


@rule(
    "5.1.4",
    "应向甲方提供履行本协议所需的相关业务信息、知识培训及必要的系统访问权限",
    fact.failure << (m.type == "cooperation"),
    fact.breach
    << (
        (m.type == "consequence")
        & (m.excused == False)
        & ((m.cid == "sla.first_response") | (m.cid == "sla.resolution"))
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
