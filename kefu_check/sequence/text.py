"""The views of an analysed sequence (registered in render/__init__.py): table, JSON, markdown, and JUnit and
GitHub workflow commands (the monthly check's, over the months in sequence); the sentences the HTML view shares."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ..catalogue import CONSEQUENCES
from ..check import Consequence
from ..money import grouped
from ..render.markdown import cell, table
from .model import Sequence
from .story import Analysis, Entry, first_breach, suspensions
from .words import WORDS

TOTAL_KEYS = (
    "late_fees",
    "service_credits",
    "compensation",
    "compensation_unassessed",
    "owed_by_client",
    "owed_by_provider",
    "net_to_provider",
)


def title(seq: Sequence, lang: str) -> str:
    periods = [m.result.period for m in seq.months]
    return WORDS[lang]["title"].format(contract=seq.contract, first=periods[0], last=periods[-1], n=len(periods))


def consequence_title(cid: str, lang: str) -> str:
    kind = CONSEQUENCES[cid]
    return kind.title_zh if lang == "zh" else kind.title_en


def total_rows(doc_totals: dict[str, Any], lang: str) -> list[tuple[str, str, str]]:
    """(key, label, value) per total: money with thousands separators, the count as it is."""
    w = WORDS[lang]
    rows = []
    for k in TOTAL_KEYS:
        value = doc_totals[k]
        shown = str(value) if isinstance(value, int) else grouped(Decimal(value))
        rows.append((k, w[k], shown))
    return rows


def breach_lines(entries: list[Entry], lang: str) -> list[str]:
    w = WORDS[lang]
    out = []
    for party, e in first_breach(entries).items():
        if e is None:
            out.append(w["no_breach"].format(party=w[party]))
            continue
        c = e.consequence
        out.append(
            w["first_breach_of"].format(
                party=w[party],
                date=c.date.isoformat() if c.date else "",
                title=consequence_title(c.id, lang),
                id=c.id,
                subject=c.subject or "",
            )
        )
    return out


def suspension_lines(seq: Sequence, entries: list[Entry], lang: str) -> list[str]:
    w = WORDS[lang]
    return [
        w[s.came].format(
            start=s.start,
            right=s.right_on.isoformat() if s.right_on else "",
            wrongful=s.wrongful_on.isoformat() if s.wrongful_on else s.start,
        )
        for s in suspensions(entries, list(seq.rights.values()))
    ]


def note(c: Consequence, lang: str) -> str:
    """The message, with excusal and waiver said in words."""
    w = WORDS[lang]
    extra = []
    if c.excused_by:
        extra.append(w["excused"].format(by=", ".join(c.excused_by)))
    if c.waived_by:
        extra.append(w["waived"].format(by=c.waived_by))
    return c.message + "".join(f" ({x})" for x in extra)


def timeline_rows(entries: list[Entry], lang: str) -> list[list[str]]:
    w = WORDS[lang]
    return [
        [
            e.consequence.date.isoformat() if e.consequence.date else "",
            e.period,
            e.consequence.clause,
            f"{e.consequence.id} {consequence_title(e.consequence.id, lang)}",
            w[e.consequence.severity],
            w.get(e.consequence.party or "", ""),
            e.consequence.subject or "",
            grouped(e.consequence.amount) if e.consequence.amount is not None else "",
            note(e.consequence, lang),
        ]
        for e in entries
    ]


def timeline_headers(lang: str) -> list[str]:
    w = WORDS[lang]
    keys = ("date", "period", "clause", "consequence", "severity", "party", "subject", "amount", "message")
    return [w[k] for k in keys]


def to_table(seq: Sequence, entries: list[Entry], doc: dict[str, Any], lang: str) -> str:
    from tabulate import tabulate

    w = WORDS[lang]
    out = [title(seq, lang), "", w["totals"] + ":"]
    rows = [[label, value] for _, label, value in total_rows(doc["totals"], lang)]
    grid = {"tablefmt": "simple_grid", "disable_numparse": True}
    out += [tabulate(rows, headers=[w["item"], w["amount"]], colalign=("left", "right"), **grid), ""]
    out += [w["first_breach"] + ":", *(f"- {x}" for x in breach_lines(entries, lang)), ""]
    stories = suspension_lines(seq, entries, lang)
    if stories:
        out += [w["suspensions"] + ":", *(f"- {x}" for x in stories), ""]
    out.append(w["timeline"] + ":")
    rows = timeline_rows(entries, lang)
    out.append(tabulate(rows, headers=timeline_headers(lang), **grid) if rows else w["no_timeline"])
    return "\n".join(out) + "\n"


def to_markdown(seq: Sequence, entries: list[Entry], doc: dict[str, Any], lang: str) -> str:
    w = WORDS[lang]
    out = [f"# {title(seq, lang)}", "", f"## {w['totals']}", ""]
    out += table([w["item"], w["amount"]], [[label, value] for _, label, value in total_rows(doc["totals"], lang)])
    out += ["", f"## {w['first_breach']}", "", *(f"- {x}" for x in breach_lines(entries, lang))]
    stories = suspension_lines(seq, entries, lang)
    if stories:
        out += ["", f"## {w['suspensions']}", "", *(f"- {x}" for x in stories)]
    out += ["", f"## {w['timeline']}", ""]
    out += table(timeline_headers(lang), timeline_rows(entries, lang)) if entries else [w["no_timeline"]]
    out += ["", f"## {w['months']}"]
    for m in seq.months:
        r = m.result
        out += ["", f"### {w['month'].format(period=r.period, as_of=r.as_of.isoformat())}", ""]
        if not r.consequences:
            out.append(w["none"])
        for c in r.consequences:
            amount = f" — {grouped(c.amount)}" if c.amount is not None else ""
            out.append(f"- **{c.clause} {c.id}** {cell(note(c, lang))}{amount}")
            out += [f"  - {cell(b)}" for b in c.because]
        if r.metrics["downtime_year_minutes"] is not None:
            out += ["", w["metrics"].format(**r.metrics)]
        out += ["", w["summary"].format(**r.summary)]
    return "\n".join(out) + "\n"


def table_view(analysis: Analysis, lang: str, fail_on: str) -> str:
    return to_table(analysis.seq, analysis.entries, analysis.doc, lang)


def json_view(analysis: Analysis, lang: str, fail_on: str) -> str:
    import json

    return json.dumps(analysis.as_json(), ensure_ascii=False, indent=2) + "\n"


def markdown_view(analysis: Analysis, lang: str, fail_on: str) -> str:
    return to_markdown(analysis.seq, analysis.entries, analysis.doc, lang)


def junit_view(analysis: Analysis, lang: str, fail_on: str) -> str:
    """A test suite per month file, each month judged in its sequence (as `check MONTH --history DIR` gives it)."""
    from ..render.junit import to_junit

    return to_junit(analysis.results, lang, fail_on)


def github_view(analysis: Analysis, lang: str, fail_on: str) -> str:
    """A workflow command per consequence of each month, on the month's file."""
    from ..render.github import to_github

    return to_github(analysis.results, lang)
