"""The words every renderer shares, in Chinese and English: headers, parties, severities, summaries."""

from __future__ import annotations

from ..catalogue import CONSEQUENCES
from ..check import Consequence, Result
from ..i18n import Lang
from ..money import grouped

HEADERS = {
    "zh": ("日期", "条款", "结果", "级别", "当事方", "对象", "金额", "说明"),
    "en": ("date", "clause", "consequence", "severity", "party", "subject", "amount", "message"),
}
PARTY = {"zh": {"client": "乙方", "provider": "甲方"}, "en": {"client": "client", "provider": "provider"}}
SEVERITY = {
    "zh": {"error": "错误", "warning": "警告", "info": "信息"},
    "en": {"error": "error", "warning": "warning", "info": "info"},
}
WORDS = {
    "zh": {
        "none": "本月未触发任何法律后果。",
        "why": "依据",
        "summary": "合计:{error} 个错误,{warning} 个警告,{info} 个信息,{waived} 个豁免",
        "metrics": "可用性:本月停机 {m} 分钟,年度累计 {y} 分钟,年度额度 {b} 分钟,年度可用性 {p}%",
        "excused": "(已免责:{by})",
        "waived": "(已豁免:{by})",
        "contract": "合同 {contract},期间 {period},截至 {as_of}",
        "files": "共 {n} 个文件:{error} 个错误,{warning} 个警告,{info} 个信息,{waived} 个豁免",
        "title": "kefu-check 月度检查",
        "passed": "未触发",
    },
    "en": {
        "none": "No consequence this month.",
        "why": "Why",
        "summary": "Summary: {error} errors, {warning} warnings, {info} info, {waived} waived",
        "metrics": "Availability: {m} min down this month, {y} min so far this year, budget {b} min, year {p}%",
        "excused": " (excused by {by})",
        "waived": " (waived: {by})",
        "contract": "contract {contract}, period {period}, as of {as_of}",
        "files": "{n} files: {error} errors, {warning} warnings, {info} info, {waived} waived",
        "title": "kefu-check monthly check",
        "passed": "not raised",
    },
}


def title(cid: str, lang: Lang) -> str:
    kind = CONSEQUENCES[cid]
    return kind.title_zh if lang == "zh" else kind.title_en


def note(c: Consequence, lang: Lang) -> str:
    """The one-line message with what excuses or waives it."""
    w = WORDS[lang]
    text = c.message
    if c.excused_by:
        text += w["excused"].format(by=", ".join(c.excused_by))
    if c.waived_by:
        text += w["waived"].format(by=c.waived_by)
    return text


def cells(c: Consequence, lang: Lang) -> list[str]:
    """One table row: date, clause, id + title, severity, party, subject, amount, message."""
    return [
        c.date.isoformat() if c.date else "",
        c.clause,
        f"{c.id}\n{title(c.id, lang)}",
        SEVERITY[lang][c.severity],
        PARTY[lang].get(c.party or "", ""),
        c.subject or "",
        grouped(c.amount) if c.amount is not None else "",
        note(c, lang),
    ]


def heading(result: Result, lang: Lang) -> str:
    as_of = result.as_of.isoformat()
    return WORDS[lang]["contract"].format(contract=result.contract, period=result.period, as_of=as_of)


def metrics_line(result: Result, lang: Lang) -> str | None:
    m = result.metrics
    if m["downtime_year_minutes"] is None:
        return None
    return WORDS[lang]["metrics"].format(
        m=m["downtime_month_minutes"],
        y=m["downtime_year_minutes"],
        b=m["downtime_budget_minutes"],
        p=m["availability_year_percent"],
    )


def total(results: list[Result]) -> dict[str, int]:
    out = {"error": 0, "warning": 0, "info": 0, "waived": 0}
    for r in results:
        for k, v in r.summary.items():
            out[k] += v
    return out
