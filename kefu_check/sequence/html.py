"""The self-contained HTML report (SPEC §6), written for a lawyer: the parties and the terms the findings rest
on, the money each way in sentences, who breached first, a chart per service standard, the availability budget
burned down, the timeline, every consequence with its clause and reasons — in legal words (违约 / 责任 / 权利 /
义务 / 提示 / 状态, from each consequence's kind), never CI's error/warning/info, and no raw id where a person
reads (ids stay in a small "id" column and in data attributes). A print stylesheet lays it out on A4, with page
headers naming the contract and the period.

No network: no external script, style, font or image; a Content-Security-Policy forbids any request.
"""

from __future__ import annotations

import re
from decimal import Decimal
from html import escape
from typing import Any

from ..check import Consequence
from ..money import grouped
from .charts import Series, budget_series, standards_series, svg
from .model import Sequence
from .story import Entry
from .text import (
    breach_lines_in_words,
    consequence_title,
    in_words,
    key_terms,
    kind_label,
    money_sentences,
    month_tally,
    note_in_words,
    subject_words,
    suspension_lines,
    title,
    total_rows,
    value_words,
)
from .words import WORDS

CLAIMED = ("confidentiality.compensation",)  # its amount is the loss the month file asserts, not a fixed sum
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
TIMELINE = ("date", "period", "clause", "consequence", "legal", "party", "subject", "amount", "message", "id")
NOWRAP = {"date", "period", "clause", "legal", "party"}  # timeline columns that must not break
STYLE = """
body { font-family: system-ui, "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif;
       margin: 2rem auto; max-width: 72rem; padding: 0 1rem; color: #222; line-height: 1.45; }
h1 { font-size: 1.5rem; margin-bottom: 0.2rem; } p.parties { margin-top: 0; color: #444; }
h2 { font-size: 1.2rem; margin-top: 2rem; border-bottom: 1px solid #ccc; }
table { border-collapse: collapse; margin: 0.5rem 0; font-size: 0.9rem; }
th, td { border: 1px solid #ccc; padding: 0.25rem 0.5rem; text-align: left; vertical-align: top; }
td.nw { white-space: nowrap; }
td.money { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.id, span.id { font-family: ui-monospace, monospace; font-size: 0.7rem; color: #777; }
tr.net td { font-weight: bold; }
p.money { font-size: 1.05rem; }
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(28rem, 1fr)); gap: 1rem; }
figure { margin: 0; border: 1px solid #ddd; padding: 0.5rem; }
figcaption { font-weight: bold; } figure svg { width: 100%; height: auto; }
.legend { display: block; font-size: 0.8rem; color: #555; font-weight: normal; }
.swatch { display: inline-block; width: 1.5rem; border-top: 2px solid; vertical-align: middle; margin: 0 0.3rem; }
.sev-error { color: #a61b1b; } .sev-warning { color: #8a5a00; } .sev-info { color: #555; }
details { margin: 0.3rem 0; } summary { cursor: pointer; }
ul.because { margin: 0.2rem 0 0.6rem 1rem; font-size: 0.85rem; color: #444; }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 9pt; line-height: 1.35; }
  h1 { font-size: 14pt; } h2 { font-size: 11pt; margin-top: 5mm; break-after: avoid; }
  h3 { font-size: 10pt; break-after: avoid; }
  table { width: 100%; font-size: 7.5pt; } th, td { padding: 1mm 1.2mm; overflow-wrap: anywhere; }
  table.totals, table.terms { width: auto; font-size: 8.5pt; }
  td.id { font-size: 6.5pt; } th { overflow-wrap: normal; }
  table.timeline { table-layout: fixed; } table.timeline th { box-sizing: border-box; }
  table.timeline th:nth-child(1) { width: 10%; } table.timeline th:nth-child(2) { width: 7.5%; }
  table.timeline th:nth-child(3) { width: 6.5%; } table.timeline th:nth-child(4) { width: 13%; }
  table.timeline th:nth-child(5) { width: 7%; } table.timeline th:nth-child(6) { width: 7%; }
  table.timeline th:nth-child(7) { width: 10%; } table.timeline th:nth-child(8) { width: 9%; }
  table.timeline th:nth-child(9) { width: 19%; } table.timeline th:nth-child(10) { width: 11%; }
  thead { display: table-header-group; }
  tr, figure, li, details, p.money { break-inside: avoid; }
  .charts { display: grid; grid-template-columns: 1fr 1fr; gap: 3mm; }
  figure { padding: 1.5mm; } figcaption { font-size: 8pt; } .legend { font-size: 7pt; }
  summary { list-style: none; } summary::-webkit-details-marker { display: none; }
  ul.because { font-size: 7.5pt; }
}
"""
PAGE = """
@page { size: A4; margin: 16mm 12mm 14mm 12mm;
  @top-left { content: "%(header)s"; font: 8pt system-ui, "Noto Sans CJK SC", sans-serif; color: #555; }
  @bottom-right { content: counter(page) " / " counter(pages); font: 8pt system-ui, sans-serif; color: #555; } }
"""


def _css_string(text: str) -> str:
    """Text inside a CSS string literal: quotes, backslashes, line breaks and `<` escaped (never ends the style)."""
    return "".join(ch if ch.isalnum() or ch in " -·:()," else f"\\{ord(ch):x} " for ch in text)


def to_html(seq: Sequence, entries: list[Entry], doc: dict[str, Any], lang: str) -> str:
    w = WORDS[lang]
    periods = [m.result.period for m in seq.months]
    terms = seq.months[-1].terms
    header = w["print_header"].format(contract=seq.contract, first=periods[0], last=periods[-1])
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{"zh-CN" if lang == "zh" else "en"}">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title(seq, lang))}</title>",
        f"<style>{STYLE}{PAGE % {'header': _css_string(header)}}</style>",
        "</head>",
        "<body>",
        f"<h1>{escape(title(seq, lang))}</h1>",
        f'<p class="parties">{escape(w["subtitle"].format(provider=terms.provider, client=terms.client))}</p>',
        f"<h2>{escape(w['key_terms'])}</h2>",
        _terms(seq, lang),
        f"<h2>{escape(w['money_each_way'])}</h2>",
        *(f'<p class="money">{escape(x)}</p>' for x in money_sentences(seq, entries, doc["totals"], lang)),
        _totals(doc["totals"], lang),
        f"<h2>{escape(w['first_breach'])}</h2>",
        _list(breach_lines_in_words(entries, lang)),
    ]
    stories = suspension_lines(seq, entries, lang)
    if stories:
        parts += [f"<h2>{escape(w['suspensions'])}</h2>", _list(stories)]
    parts += [f"<h2>{escape(w['charts'])}</h2>", _charts(seq, lang)]
    parts += [f"<h2>{escape(w['timeline'])}</h2>", _timeline(entries, lang)]
    parts += [f"<h2>{escape(w['months'])}</h2>", _months(seq, lang), "</body>", "</html>"]
    return "\n".join(parts) + "\n"


def _terms(seq: Sequence, lang: str) -> str:
    w = WORDS[lang]
    head = f"<thead><tr><th>{escape(w['term_item'])}</th><th>{escape(w['term_value'])}</th>"
    head += f"<th>{escape(w['clause'])}</th></tr></thead>"
    rows = [
        f'<tr><th scope="row">{escape(item)}</th><td>{escape(value)}</td><td class="nw">{escape(clause)}</td></tr>'
        for item, value, clause in key_terms(seq, lang)
    ]
    return f'<table class="terms">{head}<tbody>{"".join(rows)}</tbody></table>'


def _list(lines: list[str]) -> str:
    return "<ul>" + "".join(f"<li>{escape(x)}</li>" for x in lines) + "</ul>"


def _totals(totals: dict[str, Any], lang: str) -> str:
    w = WORDS[lang]
    rows = []
    for key, label, shown in total_rows(totals, lang):
        css = ' class="net"' if key == "net_to_provider" else ""
        if key == "net_to_provider":  # who owes whom, never a signed number
            net = Decimal(totals[key])
            label = w["net_row_provider" if net > 0 else "net_row_client" if net < 0 else "net_row_zero"]
            shown = grouped(abs(net))
        rows.append(
            f'<tr{css}><th scope="row">{escape(label)}</th>'
            f'<td class="money" data-total="{key}" data-value="{escape(str(totals[key]))}">{escape(shown)}</td></tr>'
        )
    head = f"<thead><tr><th>{escape(w['item'])}</th><th>{escape(w['amount'])}</th></tr></thead>"
    return f'<table class="totals">{head}<tbody>{"".join(rows)}</tbody></table>'


def _caption(series: Series, lang: str) -> str:
    w = WORDS[lang]
    kind, _, name = series.key.partition(":")
    if kind == "first_response":
        return w["first_response"].format(channel=value_words(name, lang))
    if kind == "availability":
        return w["availability"].format(year=name)
    return w[kind]


def _legend(series: Series, lang: str) -> str:
    w = WORDS[lang]
    if series.key.startswith("availability:"):
        items = [("#1f5fa8", w["remaining"]), ("#888888", f"{w['budget']} {grouped(series.threshold)}")]
    else:
        items = [("#1f5fa8", w["chart_value"]), ("#c0392b", f"{w['chart_threshold']} {series.threshold.normalize():f}")]
    return "".join(f'<span class="swatch" style="border-color:{c}"></span>{escape(t)}' for c, t in items)


def _charts(seq: Sequence, lang: str) -> str:
    series = standards_series(seq) + budget_series(seq)
    if not series:
        return f"<p>{escape(WORDS[lang]['no_charts'])}</p>"
    figures = [
        f'<figure class="chart" data-chart="{escape(s.key)}"><figcaption>{escape(_caption(s, lang))}'
        f' <span class="legend">{_legend(s, lang)}</span></figcaption>{svg(s)}</figure>'
        for s in series
    ]
    return '<div class="charts">' + "".join(figures) + "</div>"


def _breakable(cid: str) -> str:
    """An id that may break after a dot or an underscore (a narrow printed column), never inside a word."""
    return re.sub(r"([._])", r"\1<wbr>", escape(cid))


def _note(c: Consequence, lang: str) -> str:
    """The message in words; a loss the client asserts (confidentiality.compensation) marked as claimed."""
    text = note_in_words(c, lang)
    return text + WORDS[lang]["claimed_mark"] if c.id in CLAIMED and c.amount is not None else text


def _timeline(entries: list[Entry], lang: str) -> str:
    w = WORDS[lang]
    if not entries:
        return f"<p>{escape(w['no_timeline'])}</p>"
    head = "".join(f"<th>{escape(w[k])}</th>" for k in TIMELINE)
    body = []
    for e in entries:
        c = e.consequence
        cells = {
            "date": c.date.isoformat() if c.date else "",
            "period": e.period,
            "clause": c.clause,
            "consequence": consequence_title(c.id, lang),
            "legal": kind_label(c.kind, lang),
            "party": w.get(c.party or "", ""),
            "subject": subject_words(c, lang),
            "amount": grouped(c.amount) if c.amount is not None else "",
            "message": _note(c, lang),
            "id": c.id,
        }
        css = {k: "nw" for k in NOWRAP} | {"amount": "money", "id": "id", "legal": f"nw sev-{c.severity}"}
        tds = "".join(f'<td class="{css.get(k, "")}">{escape(cells[k])}</td>' for k in TIMELINE[:-1])
        tds += f'<td class="id">{_breakable(c.id)}</td>'  # may break after a dot, never inside a word
        body.append(f'<tr data-id="{escape(c.id)}">{tds}</tr>')
    return f'<table class="timeline"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>'


def _months(seq: Sequence, lang: str) -> str:
    w = WORDS[lang]
    out = []
    for m in seq.months:
        r = m.result
        out.append(f"<h3>{escape(w['month'].format(period=r.period, as_of=r.as_of.isoformat()))}</h3>")
        for c in r.consequences:
            amount = f" — {grouped(c.amount)}" if c.amount is not None else ""
            clause = w["clause_no"].format(clause=c.clause)
            head = f"{clause} · {consequence_title(c.id, lang)} · {kind_label(c.kind, lang)}:"
            head += f"{_note(c, lang)}{amount}" if lang == "zh" else f" {_note(c, lang)}{amount}"
            because = "".join(f"<li>{escape(in_words(b, lang))}</li>" for b in c.because)
            out.append(
                f'<details open class="sev-{c.severity}" data-id="{escape(c.id)}"><summary>{escape(head)}'
                f' <span class="id">{escape(c.id)}</span></summary><ul class="because">{because}</ul></details>'
            )
        if r.metrics["downtime_year_minutes"] is not None:
            out.append(f"<p>{escape(w['metrics'].format(**r.metrics))}</p>")
        out.append(f"<p>{escape(month_tally(r.consequences, lang))}</p>")
    return "\n".join(out)
