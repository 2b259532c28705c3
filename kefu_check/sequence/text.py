"""The views of an analysed sequence (registered in render/__init__.py): table, JSON, markdown, and JUnit and
GitHub workflow commands (the monthly check's, over the months in sequence); the sentences the HTML view shares."""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache
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


def breach_lines(entries: list[Entry], lang: str, in_words: bool = False) -> list[str]:
    """Who breached first: with the consequence's id, or (`in_words`, for the report) its subject in words."""
    w = WORDS[lang]
    out = []
    for party, e in first_breach(entries).items():
        if e is None:
            out.append(w["no_breach"].format(party=w[party]))
            continue
        c = e.consequence
        date = c.date.isoformat() if c.date else ""
        title = consequence_title(c.id, lang)
        if in_words:
            out.append(
                w["first_breach_in_words"].format(
                    party=w[party], date=date, title=title, subject=subject_words(c, lang)
                )
            )
        else:
            out.append(
                w["first_breach_of"].format(party=w[party], date=date, title=title, id=c.id, subject=c.subject or "")
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


# --- the dispute report's words (html.py, xlsx.py): no raw ids, the contract's own terms, money as sentences ----


def kind_label(kind: str, lang: str) -> str:
    """A consequence's kind in a lawyer's words: 违约 / 责任 / 权利 / 义务 / 提示 / 状态."""
    return WORDS[lang][f"kind_{kind}"]


def value_words(value: str, lang: str) -> str:
    """An enumerated input value (a channel, an obligation) as a reader says it."""
    from ..i18n import VALUES_ZH

    return VALUES_ZH.get(value, value) if lang == "zh" else value.replace("_", " ")


@cache
def _ids() -> re.Pattern[str]:
    names = sorted(CONSEQUENCES, key=len, reverse=True)
    return re.compile(r" ?\b(" + "|".join(re.escape(n) for n in names) + r")\b(?![.\w]) ?")


def in_words(text: str, lang: str) -> str:
    """A message or reason with every consequence id in it replaced by that consequence's title."""

    def title_of(match: re.Match[str]) -> str:
        name = consequence_title(match.group(1), lang)
        return f"“{name}”" if lang == "zh" else match.group(0).replace(match.group(1), name)

    return _ids().sub(title_of, text)


WORDED_SUBJECTS = ("sla.first_response", "client.cooperation_failure")  # subjects that are input values


def subject_words(c: Consequence, lang: str) -> str:
    """What a consequence is about, for a reader: a breach's title rather than its id, a channel's name."""
    subject = c.subject or ""
    cid, _, rest = subject.partition(":")
    if cid in CONSEQUENCES:
        name = consequence_title(cid, lang)
        if not rest:
            return name
        shown = value_words(rest, lang) if cid in WORDED_SUBJECTS else rest
        return f"{name}({shown})" if lang == "zh" else f"{name} ({shown})"
    return value_words(subject, lang) if c.id in WORDED_SUBJECTS else subject


def note_in_words(c: Consequence, lang: str) -> str:
    """The message in words, with excusal (by the excusing consequences' titles) and waiver."""
    w = WORDS[lang]
    extra = []
    if c.excused_by:
        extra.append(w["excused_in_words"].format(by="、".join(consequence_title(x, lang) for x in c.excused_by)))
    if c.waived_by:
        extra.append(w["waived"].format(by=c.waived_by))
    sep = "" if lang == "zh" else " "
    return in_words(c.message, lang) + "".join(f"{sep}({x})" if lang == "en" else f"({x})" for x in extra)


def breach_lines_in_words(entries: list[Entry], lang: str) -> list[str]:
    """Who breached first, without ids."""
    return breach_lines(entries, lang, in_words=True)


def _pct(value: Decimal) -> str:
    from ..money import exact

    return exact(value)


def key_terms(seq: Sequence, lang: str) -> list[tuple[str, str, str]]:
    """(item, what the contract says, clause) for the terms the findings rest on, from the last month's contract."""
    w = WORDS[lang]
    t = seq.months[-1].terms
    rows = [
        (w["contract_id"], t.id, ""),
        (w["provider_role"], t.provider, ""),
        (w["client_role"], t.client, ""),
    ]
    term = w["term_dates"].format(start=t.start.isoformat(), end=t.end.isoformat())
    if t.auto:
        if t.objection_by == "notice_window" and t.notice_months == 1:
            deadline = w["deadline_one_month"]
        elif t.objection_by == "notice_window" and t.notice_months is not None:
            deadline = w["deadline_months"].format(n=t.notice_months)
        elif t.objection_by == "notice_window":
            deadline = w["deadline_days"].format(n=t.notice_days)
        else:
            deadline = w["deadline_expiry"]
        term += w["renewal_auto"].format(months=t.renew_months, deadline=deadline)
    else:
        term += w["renewal_none"]
    rows.append((w["service_term"], term, "3.1, 3.2"))
    fee = grouped(t.monthly_fee) if t.monthly_fee is not None else ""
    if t.method == "per_usage":
        text = w["fee_per_usage"].format(fee=fee, units=f"{t.included_units:,}", rate=_pct(t.unit_rate or Decimal(0)))
    elif t.method == "lump_sum":
        lump = seq.months[-1].loaded.contract.fees
        amount = lump.lump_sum_fee if lump is not None else None
        text = w["fee_lump_sum"].format(fee=grouped(amount) if amount is not None else w["not_agreed"])
    else:
        text = w["fee_fixed_monthly"].format(fee=fee)
    rows.append((w["fee"], text + w[f"fee_cycle_{t.cycle}"], "4.1, 4.2"))
    rows.append((w["payment_days"], w["payment_value"].format(days=t.due_working_days), "4.3"))
    rows.append((w["late_fee_rate"], w["late_fee_value"].format(percent=_pct(t.late_fee_daily_rate * 100)), "4.4"))
    suspension = w["suspension_value"].format(days=t.suspend_after_days)
    if t.suspension_notice_days is not None:
        suspension += w["suspension_notice"].format(days=t.suspension_notice_days)
    rows.append((w["suspension"], suspension, "4.4"))
    for c in t.channels:
        text = w["std_first_response"].format(
            channel=value_words(c.name, lang), seconds=c.within_seconds, percent=_pct(c.target_ratio * 100)
        )
        rows.append((w["standards"], text, "2.1(1)"))
    if t.availability is not None:
        year = value_words(t.availability.year, lang) if lang == "zh" else f"{t.availability.year} year"
        text = w["std_availability"].format(percent=_pct(t.availability.min_percent), year=year)
        rows.append((w["standards"], text, "2.1(2)"))
    if t.resolution is not None:
        within, unit, ratio = t.resolution
        text = w["std_resolution"].format(within=within, unit=value_words(unit, lang), percent=_pct(ratio * 100))
        rows.append((w["standards"], text, "2.1(3)"))
    if t.satisfaction_min is not None:
        rows.append((w["standards"], w["std_satisfaction"].format(min=_pct(t.satisfaction_min)), "2.1(4)"))
    if t.report is not None:
        every, days = t.report
        rows.append((w["standards"], w["std_report"].format(every=value_words(every, lang), days=days), "2.3"))
    if t.service_credit_percent is None:
        credit = w["credit_none"]
    else:
        credit = w["credit_value"].format(percent=_pct(t.service_credit_percent))
        if t.service_credit_cap_percent is None:
            credit += w["cap_none"]
        else:
            credit += w["cap_value"].format(percent=_pct(t.service_credit_cap_percent))
    rows.append((w["credit"], credit, "2.1"))
    return rows


def money_sentences(seq: Sequence, entries: list[Entry], doc_totals: dict[str, Any], lang: str) -> list[str]:
    """The money each way as sentences: who owes whom what as of the last month's as_of, a claimed loss marked
    as claimed, and the net saying who owes whom (never a signed number)."""
    w = WORDS[lang]
    as_of = seq.months[-1].result.as_of.isoformat()
    late, credits, compensation = (Decimal(doc_totals[k]) for k in ("late_fees", "service_credits", "compensation"))
    first = (
        w["client_owes"].format(date=as_of, amount=grouped(late))
        if late
        else w["client_owes_nothing"].format(date=as_of)
    )
    items = []
    if credits:
        items.append(w["owed_credit"].format(amount=grouped(credits)))
    if compensation:
        items.append(w["owed_compensation"].format(amount=grouped(compensation)))
    second = w["provider_owes"].format(items=w["owed_and"].join(items)) if items else w["provider_owes_nothing"]
    out = [first + w["sentence_join"] + second + w["sentence_end"]]
    net = late - credits - compensation
    claimed = w["net_claimed"] if compensation else ""
    if net > 0:
        out.append(w["net_provider"].format(amount=grouped(net)) + claimed + w["sentence_end"])
    elif net < 0:
        out.append(w["net_client"].format(amount=grouped(-net)) + claimed + w["sentence_end"])
    else:
        out.append(w["net_zero"] + w["sentence_end"])
    if doc_totals["compensation_unassessed"]:
        out.append(w["unassessed"].format(n=doc_totals["compensation_unassessed"]))
    waived = sum(
        (
            e.consequence.amount
            for e in entries
            if e.consequence.waived_by is not None
            and e.consequence.amount is not None
            and e.consequence.id in ("payment.late_fee", "sla.service_credit", "confidentiality.compensation")
        ),
        Decimal(0),
    )
    if waived:
        out.append(w["waived_out"].format(amount=grouped(waived)))
    return out


def month_tally(consequences: Any, lang: str) -> str:
    """A month's consequences counted by kind, in a lawyer's words."""
    w = WORDS[lang]
    if not consequences:
        return w["tally_none"]
    order = ("breach", "liability", "right", "obligation", "warning", "status")
    counted = {k: sum(1 for c in consequences if c.kind == k) for k in order}
    sep = "," if lang == "zh" else ", "
    parts = sep.join(w["tally_part"].format(label=kind_label(k, lang), count=n) for k, n in counted.items() if n)
    text = w["tally"].format(n=len(consequences), parts=parts)
    aside = sum(1 for c in consequences if c.excused_by or c.waived_by is not None)
    if aside:
        text += w["tally_set_aside"].format(n=aside)
    return text + ("。" if lang == "zh" else ".")
