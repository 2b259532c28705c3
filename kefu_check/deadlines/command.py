"""`kefu-check deadlines CONTRACT|MONTH… [--from] [--to] [--format table|json|ics] [--remind N] [-o FILE]` (SPEC §9)."""

from __future__ import annotations

import hashlib
import json
import sys
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import click

from ..cliopts import EXIT_OK, format_option, holidays_option, lang_option, output_option, parse_date
from ..errors import InputError
from ..problems import problem
from .derive import Entry

ONE_DAY = timedelta(days=1)


@dataclass
class Source:
    """One input: its contract id, terms, and (for a month file) the month and its as_of."""

    label: str
    contract_id: str
    terms: Any
    contract_path: Path | None
    month: Any = None
    as_of: date | None = None


def _load(path: Path) -> Source:
    from ..load import load_contract_data, load_month, read_document
    from ..periods import month_bounds
    from ..terms import resolve

    label = path.name or str(path)
    raw = read_document(path, label)
    if isinstance(raw, dict) and "period" in raw:
        loaded = load_month(path)
        terms = resolve(loaded.contract, loaded.blanks, loaded.contract_label)
        month = loaded.month
        as_of = month.as_of or month_bounds(month.period)[1]
        contract_path = path.parent / month.contract if isinstance(month.contract, str) else path
        return Source(label, terms.id, terms, contract_path, month, as_of)
    contract, blanks = load_contract_data(raw, label)
    terms = resolve(contract, blanks, label)
    return Source(label, terms.id, terms, path)


def uid(contract_id: str, key: str) -> str:
    """Stable per (contract, entry): importing again updates the event instead of duplicating it."""
    digest = hashlib.sha256(f"{contract_id}\x00{key}".encode()).hexdigest()[:32]
    return f"{digest}@kefu-check"


def working_days_before(cal: Any, day: date, n: int) -> tuple[date, int | None]:
    """The n-th PRC working day before ``day`` (and None), or, where a year has no data, the n-th weekday before
    it and that year (a reminder is only a reminder: it says how it was counted)."""
    from ..calendar import CalendarGap

    d, left = day, n
    try:
        while left:
            d -= ONE_DAY
            if cal.is_workday(d):
                left -= 1
        return d, None
    except CalendarGap as gap:
        d, left = day, n
        while left:
            d -= ONE_DAY
            if d.weekday() < 5:
                left -= 1
        return d, gap.year


def rows(entries: list[tuple[Source, Entry]], lang: str) -> list[dict[str, Any]]:
    from .words import HOW, PARTY, UNKNOWN, WHAT, fill, pick

    out = []
    for src, e in entries:
        how = fill(HOW, e.what, e.params, lang)
        if e.date is None:
            how = pick(UNKNOWN, lang, year=e.missing_year) + ("; " if lang == "en" else ";") + how
        out.append(
            {
                "contract": src.contract_id,
                "id": e.key,
                "uid": uid(src.contract_id, e.key),
                "date": e.date.isoformat() if e.date else None,
                "missing_year": e.missing_year,
                "clause": e.clause,
                "party": e.party,
                "party_text": PARTY[lang][e.party],
                "kind": e.what,
                "subject": e.subject,
                "what": fill(WHAT, e.what, e.params, lang),
                "arithmetic": how,
            }
        )
    return out


def render_table(data: list[dict[str, Any]], lang: str, start: date, end: date, contracts: list[str]) -> str:
    from tabulate import tabulate

    from .words import HEAD, MISSING, TITLE, UNKNOWN_DATE, pick

    body = [
        [
            r["date"] or pick(UNKNOWN_DATE, lang, year=r["missing_year"]),
            r["clause"],
            r["party_text"],
            r["what"],
            r["arithmetic"],
        ]
        for r in data
    ]
    head = pick(TITLE, lang, contract=", ".join(contracts), start=start, end=end)
    text = head + "\n\n" + tabulate(body, headers=HEAD[lang], tablefmt="simple_grid") + "\n"
    missing = sorted({r["missing_year"] for r in data if r["missing_year"]})
    if missing:
        text += "\n" + pick(MISSING, lang, years=", ".join(map(str, missing))) + "\n"
    return text


def render_ics(data: list[dict[str, Any]], lang: str, start: date, remind: int, cal: Any) -> str:
    """RFC 5545 through ``icalendar``: one all-day event per dated entry, a stable UID, a VALARM."""
    import icalendar

    from .words import REMIND, REMIND_WEEKLY, pick

    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//kefu-check//deadlines//" + ("ZH" if lang == "zh" else "EN"))
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", "kefu-check " + ("合同日期" if lang == "zh" else "contract dates"))
    stamp = datetime(start.year, start.month, start.day, tzinfo=UTC)  # never the wall clock: stable output
    for r in data:
        if r["date"] is None:
            continue
        day = date.fromisoformat(r["date"])
        summary = f"[{r['contract']}] {r['what']}"
        event = icalendar.Event()
        event.add("uid", r["uid"])
        event.add("dtstamp", stamp)
        event.add("dtstart", day)
        event.add("dtend", day + ONE_DAY)
        event.add("summary", summary)
        clause = "条款" if lang == "zh" else "clause"
        party = "当事方" if lang == "zh" else "party"
        event.add("description", f"{clause} {r['clause']} · {party} {r['party_text']}\n{r['arithmetic']}")
        event.add("categories", ["kefu-check", r["kind"]])
        event.add("transp", "TRANSPARENT")
        if remind > 0:
            before, weekly = working_days_before(cal, day, remind)
            alarm = icalendar.Alarm()
            alarm.add("action", "DISPLAY")
            text = pick(REMIND, lang, days=remind, summary=summary)
            if weekly:
                text += " " + pick(REMIND_WEEKLY, lang, year=weekly)
            alarm.add("description", text)
            alarm.add("trigger", -(day - before))
            event.add_component(alarm)
        calendar.add_component(event)
    return calendar.to_ical().decode("utf-8")


@click.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--from", "start", callback=parse_date, help="First day (default: the month's as_of, or the term's start)."
)
@click.option("--to", "end", callback=parse_date, help="Last day (default: --from + 12 months).")
@format_option("deadlines", ("table", "json", "ics"))
@click.option("--remind", type=click.IntRange(0, 60), default=3, show_default=True,
              help="ics: a reminder this many working days before each date (0 = none).")
@holidays_option("A year's holiday arrangement (file or folder), for years the calendar package lacks.")
@lang_option()
@output_option("Write to FILE, not stdout.")
def deadlines(
    inputs: tuple[Path, ...],
    start: date | None,
    end: date | None,
    fmt: str,
    remind: int,
    holidays: tuple[Path, ...],
    lang: str,
    output: Path | None,
) -> None:
    """Every date the agreement sets (payment and report due days, late fees and suspension rights of unpaid
    invoices, the renewal objection deadline, the term's end and renewals, availability years): a table, JSON,
    or an iCalendar file for Outlook, 钉钉, 飞书 and Google Calendar."""
    from ..holidays.files import calendar_for
    from ..output import refuse_overwrite, write
    from ..periods import add_months
    from .derive import entries

    refuse_overwrite(output, [*inputs, *holidays])
    sources = [_load(p) for p in inputs]
    cal = calendar_for(holidays, [s.contract_path for s in sources if s.contract_path], lang)
    first = start or min((s.as_of or s.terms.start) for s in sources)
    last = end or add_months(first, 12)
    if last < first:
        raise InputError("--to", None, problem("to_before_from", last=last, first=first))
    found: list[tuple[Source, Entry]] = []
    seen: set[str] = set()
    for s in sources:
        for e in entries(s.terms, cal, first, last, s.month, s.as_of):
            u = uid(s.contract_id, e.key)
            if u not in seen:
                seen.add(u)
                found.append((s, e))
    found.sort(key=lambda pair: (*pair[1].sort_key(), pair[0].contract_id))
    data = rows(found, lang)
    contracts = sorted({s.contract_id for s in sources})
    if fmt == "json":
        doc = {"kefu_check": 1, "contracts": contracts, "from": first.isoformat(), "to": last.isoformat(),
               "entries": data}
        text = json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    elif fmt == "ics":
        text = render_ics(data, lang, first, remind, cal)
        missing = sorted({r["missing_year"] for r in data if r["missing_year"]})
        if missing:
            from .words import MISSING, pick

            click.echo(pick(MISSING, lang, years=", ".join(map(str, missing))), err=True)
            for r in data:
                if r["date"] is None:
                    click.echo(f"  {r['clause']} {r['what']}: {r['arithmetic']}", err=True)
    else:
        text = render_table(data, lang, first, last, contracts)
    write(text, output, [], False, mask=False)
    sys.exit(EXIT_OK)
