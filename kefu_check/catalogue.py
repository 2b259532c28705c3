"""Every consequence id once: its clause, kind, parties (SPEC §4.0) and its titles in zh and en."""

from __future__ import annotations

from dataclasses import dataclass

SEVERITY_OF_KIND = {
    "breach": "error",
    "liability": "error",
    "right": "warning",
    "obligation": "warning",
    "warning": "warning",
    "status": "info",
}


@dataclass(frozen=True)
class Kind:
    id: str
    clause: str
    kind: str  # breach | liability | right | obligation | warning | status
    party: str | None
    counterparty: str | None
    title_zh: str
    title_en: str

    @property
    def severity(self) -> str:
        return SEVERITY_OF_KIND[self.kind]


_P, _C = "provider", "client"

CONSEQUENCES: dict[str, Kind] = {
    k.id: k
    for k in (
        Kind("term.not_started", "3.1", "status", None, None, "服务期限尚未开始", "term not started"),
        Kind("term.expired", "3.1", "status", None, None, "服务期限已届满", "term expired"),
        Kind("renewal.auto_renewed", "3.2", "status", None, None, "协议已自动续约", "renewed automatically"),
        Kind(
            "renewal.ended_by_objection",
            "3.2",
            "status",
            None,
            None,
            "乙方书面异议,期满终止",
            "ended by the client's objection",
        ),
        Kind(
            "renewal.deadline_upcoming",
            "3.2",
            "warning",
            _C,
            None,
            "续约异议期限临近",
            "renewal objection deadline upcoming",
        ),
        Kind(
            "renewal.objection_not_written",
            "3.2",
            "warning",
            _C,
            None,
            "异议未采用书面形式",
            "objection not in writing",
        ),
        Kind("renewal.objection_late", "3.2", "warning", _C, None, "异议逾期,仍将续约", "objection too late"),
        Kind(
            "renewal.provider_notice_no_effect",
            "3.2",
            "warning",
            _P,
            None,
            "甲方不续约通知不生效",
            "provider's notice has no effect",
        ),
        Kind("payment.overdue", "4.3", "status", _C, _P, "服务费逾期未付", "invoice overdue"),
        Kind("payment.late_fee", "4.4", "liability", _C, _P, "逾期付款违约金", "late-payment fee"),
        Kind("payment.suspension_right", "4.4", "right", _P, _C, "甲方有权暂停服务", "right to suspend service"),
        Kind(
            "billing.invoice_mismatch",
            "4.2",
            "warning",
            _P,
            _C,
            "账单金额与约定不符",
            "invoice differs from the contract fee",
        ),
        Kind("service.lawful_suspension", "4.4", "status", _P, _C, "依约暂停服务", "lawful suspension"),
        Kind("service.wrongful_suspension", "5.2.2", "breach", _P, _C, "无正当依据暂停服务", "wrongful suspension"),
        Kind(
            "service.suspension_without_notice",
            "4.4",
            "warning",
            _P,
            _C,
            "暂停服务未事先书面通知",
            "suspension without prior notice",
        ),
        Kind("sla.first_response", "2.1(1)", "breach", _P, _C, "首次响应未达标", "first response below standard"),
        Kind("sla.resolution", "2.1(3)", "breach", _P, _C, "问题解决未达标", "resolution below standard"),
        Kind("sla.satisfaction", "2.1(4)", "breach", _P, _C, "客户满意度未达标", "satisfaction below standard"),
        Kind("sla.availability", "2.1(2)", "breach", _P, _C, "年度可用性未达标", "annual availability breached"),
        Kind(
            "sla.availability_budget",
            "2.1(2)",
            "warning",
            _P,
            _C,
            "年度停机额度已用过半",
            "half the downtime budget used",
        ),
        Kind("report.late", "2.3", "breach", _P, _C, "服务报告逾期提交", "service report late"),
        Kind("report.missing", "2.3", "breach", _P, _C, "服务报告未提交", "service report missing"),
        Kind("sla.service_credit", "2.1", "liability", _P, _C, "服务费抵扣", "service credit"),
        Kind(
            "confidentiality.provider_breach",
            "5.2.4",
            "breach",
            _P,
            _C,
            "甲方违反保密义务",
            "provider breached confidentiality",
        ),
        Kind(
            "confidentiality.compensation",
            "5.1.8",
            "liability",
            _P,
            _C,
            "甲方应赔偿损失",
            "compensation owed to the client",
        ),
        Kind(
            "confidentiality.client_breach",
            "5.1.6",
            "breach",
            _C,
            _P,
            "乙方违反保密义务",
            "client breached confidentiality",
        ),
        Kind(
            "privacy.remedy_and_notify",
            "5.2.4",
            "obligation",
            _P,
            _C,
            "个人信息事件:立即补救并告知乙方",
            "personal-information incident: remedy and inform",
        ),
        Kind(
            "client.cooperation_failure", "5.1.4", "breach", _C, _P, "乙方未履行协助义务", "client failed to cooperate"
        ),
        Kind(
            "calendar.estimated",
            "2.1(2)",
            "status",
            None,
            None,
            "节假日数据缺失,停机额度为估算",
            "downtime budget estimated",
        ),
        Kind("waiver.expired", "waiver", "warning", None, None, "豁免已过期,未予适用", "waiver expired, not applied"),
        Kind("waiver.unused", "waiver", "warning", None, None, "豁免未匹配任何法律后果", "waiver matched nothing"),
    )
}


def clause_of(cid: str, subject: str | None) -> str:
    """The clause a consequence cites (5.1.5 for a missing contact person)."""
    if cid == "client.cooperation_failure" and subject == "contact":
        return "5.1.5"
    return CONSEQUENCES[cid].clause
