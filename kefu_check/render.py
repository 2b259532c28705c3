"""Renderers: thin views of one Result (table for people, JSON for machines)."""

from __future__ import annotations

import json
from typing import Any

from .catalogue import CONSEQUENCES
from .check import Result
from .i18n import Lang
from .money import grouped

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
        "contract": "合同 {contract},期间 {period},截至 {as_of}",
    },
    "en": {
        "none": "No consequence this month.",
        "why": "Why",
        "summary": "Summary: {error} errors, {warning} warnings, {info} info, {waived} waived",
        "metrics": "Availability: {m} min down this month, {y} min so far this year, budget {b} min, year {p}%",
        "excused": " (excused by {by})",
        "contract": "contract {contract}, period {period}, as of {as_of}",
    },
}


def to_json(result: Result) -> str:
    return json.dumps(result.as_json(), ensure_ascii=False, indent=2) + "\n"


def to_table(result: Result, lang: Lang) -> str:
    from tabulate import tabulate

    w = WORDS[lang]
    out = [w["contract"].format(contract=result.contract, period=result.period, as_of=result.as_of.isoformat()), ""]
    if not result.consequences:
        out.append(w["none"])
    else:
        rows = []
        for c in result.consequences:
            title = CONSEQUENCES[c.id].title_zh if lang == "zh" else CONSEQUENCES[c.id].title_en
            note = c.message + (w["excused"].format(by=", ".join(c.excused_by)) if c.excused_by else "")
            rows.append(
                [
                    c.date.isoformat() if c.date else "",
                    c.clause,
                    f"{c.id}\n{title}",
                    SEVERITY[lang][c.severity],
                    PARTY[lang].get(c.party or "", ""),
                    c.subject or "",
                    grouped(c.amount) if c.amount is not None else "",
                    note,
                ]
            )
        out.append(tabulate(rows, headers=HEADERS[lang], tablefmt="simple_grid", disable_numparse=True))
        out.append("")
        out.append(w["why"] + ":")
        for i, c in enumerate(result.consequences, 1):
            out.append(f"{i}. {c.id} {c.subject or ''}".rstrip())
            out.extend(f"   - {b}" for b in c.because)
    m = result.metrics
    if m["downtime_year_minutes"] is not None:
        out.append("")
        out.append(
            w["metrics"].format(
                m=m["downtime_month_minutes"],
                y=m["downtime_year_minutes"],
                b=m["downtime_budget_minutes"],
                p=m["availability_year_percent"],
            )
        )
    out.append("")
    out.append(w["summary"].format(**result.summary))
    return "\n".join(out) + "\n"


def render(result: Result, fmt: str, lang: Lang) -> str:
    return to_json(result) if fmt == "json" else to_table(result, lang)


def exit_code(results: list[Result] | Any, fail_on: str) -> int:
    """1 when any consequence is at or above --fail-on, else 0 (SPEC §3)."""
    if fail_on == "never":
        return 0
    levels = {"error": ("error",), "warning": ("error", "warning")}[fail_on]
    return int(any(c.severity in levels for r in results for c in r.consequences))
