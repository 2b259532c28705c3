"""The self-contained HTML report (SPEC §6): totals first, a chart per service standard, the
availability budget burned down, the timeline, every consequence with its clause and reasons.

No network: no external script, style, font or image; a Content-Security-Policy forbids any request.
"""

from __future__ import annotations

from html import escape
from typing import Any

from ..money import grouped
from .charts import Series, budget_series, standards_series, svg
from .model import Sequence
from .story import Entry
from .text import breach_lines, note, suspension_lines, timeline_headers, timeline_rows, title, total_rows
from .words import WORDS

NOWRAP = (0, 1, 2, 5, 6)  # timeline columns that must not break: date, month, clause, party, subject
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
STYLE = """
body { font-family: system-ui, "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif;
       margin: 2rem auto; max-width: 72rem; padding: 0 1rem; color: #222; line-height: 1.45; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.2rem; margin-top: 2rem; border-bottom: 1px solid #ccc; }
table { border-collapse: collapse; margin: 0.5rem 0; font-size: 0.9rem; }
th, td { border: 1px solid #ccc; padding: 0.25rem 0.5rem; text-align: left; vertical-align: top; }
td.nw { white-space: nowrap; }
td.money { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr.net td { font-weight: bold; }
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(28rem, 1fr)); gap: 1rem; }
figure { margin: 0; border: 1px solid #ddd; padding: 0.5rem; }
figcaption { font-weight: bold; } figure svg { width: 100%; height: auto; }
.legend { display: block; font-size: 0.8rem; color: #555; font-weight: normal; }
.swatch { display: inline-block; width: 1.5rem; border-top: 2px solid; vertical-align: middle; margin: 0 0.3rem; }
.sev-error { color: #a61b1b; } .sev-warning { color: #8a5a00; } .sev-info { color: #555; }
details { margin: 0.3rem 0; } summary { cursor: pointer; }
ul.because { margin: 0.2rem 0 0.6rem 1rem; font-size: 0.85rem; color: #444; }
"""


def to_html(seq: Sequence, entries: list[Entry], doc: dict[str, Any], lang: str) -> str:
    w = WORDS[lang]
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{"zh-CN" if lang == "zh" else "en"}">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title(seq, lang))}</title>",
        f"<style>{STYLE}</style>",
        "</head>",
        "<body>",
        f"<h1>{escape(title(seq, lang))}</h1>",
        f"<h2>{escape(w['totals'])}</h2>",
        _totals(doc["totals"], lang),
        f"<h2>{escape(w['first_breach'])}</h2>",
        _list(breach_lines(entries, lang)),
    ]
    stories = suspension_lines(seq, entries, lang)
    if stories:
        parts += [f"<h2>{escape(w['suspensions'])}</h2>", _list(stories)]
    parts += [f"<h2>{escape(w['charts'])}</h2>", _charts(seq, lang)]
    parts += [f"<h2>{escape(w['timeline'])}</h2>", _timeline(entries, lang)]
    parts += [f"<h2>{escape(w['months'])}</h2>", _months(seq, lang), "</body>", "</html>"]
    return "\n".join(parts) + "\n"


def _list(lines: list[str]) -> str:
    return "<ul>" + "".join(f"<li>{escape(x)}</li>" for x in lines) + "</ul>"


def _totals(totals: dict[str, Any], lang: str) -> str:
    w = WORDS[lang]
    rows = []
    for key, label, shown in total_rows(totals, lang):
        css = ' class="net"' if key == "net_to_provider" else ""
        rows.append(
            f'<tr{css}><th scope="row">{escape(label)}</th>'
            f'<td class="money" data-total="{key}" data-value="{escape(str(totals[key]))}">{escape(shown)}</td></tr>'
        )
    head = f"<tr><th>{escape(w['item'])}</th><th>{escape(w['amount'])}</th></tr>"
    return f'<table class="totals">{head}{"".join(rows)}</table>'


def _caption(series: Series, lang: str) -> str:
    w = WORDS[lang]
    kind, _, name = series.key.partition(":")
    if kind == "first_response":
        return w["first_response"].format(channel=name)
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


def _timeline(entries: list[Entry], lang: str) -> str:
    if not entries:
        return f"<p>{escape(WORDS[lang]['no_timeline'])}</p>"
    head = "".join(f"<th>{escape(h)}</th>" for h in timeline_headers(lang))
    body = []
    for e, row in zip(entries, timeline_rows(entries, lang), strict=True):
        cells = [f'<td class="{"nw" if i in NOWRAP else ""}">{escape(x)}</td>' for i, x in enumerate(row)]
        cells[4] = f'<td class="nw sev-{e.consequence.severity}">{escape(row[4])}</td>'
        cells[7] = f'<td class="money">{escape(row[7])}</td>'
        body.append(f'<tr data-id="{escape(e.consequence.id)}">{"".join(cells)}</tr>')
    return f'<table class="timeline"><tr>{head}</tr>{"".join(body)}</table>'


def _months(seq: Sequence, lang: str) -> str:
    w = WORDS[lang]
    out = []
    for m in seq.months:
        r = m.result
        out.append(f"<h3>{escape(w['month'].format(period=r.period, as_of=r.as_of.isoformat()))}</h3>")
        if not r.consequences:
            out.append(f"<p>{escape(w['none'])}</p>")
        for c in r.consequences:
            amount = f" — {grouped(c.amount)}" if c.amount is not None else ""
            head = f"{c.clause} · {c.id} · {w[c.severity]}: {note(c, lang)}{amount}"
            because = "".join(f"<li>{escape(b)}</li>" for b in c.because)
            out.append(
                f'<details open class="sev-{c.severity}"><summary>{escape(head)}</summary>'
                f'<ul class="because">{because}</ul></details>'
            )
        if r.metrics["downtime_year_minutes"] is not None:
            out.append(f"<p>{escape(w['metrics'].format(**r.metrics))}</p>")
        out.append(f"<p>{escape(w['summary'].format(**r.summary))}</p>")
    return "\n".join(out)
