"""Pipeline: exports → DuckDB → figures and records → the month.json document, diagnostics, bad rows."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..calendar import Calendar
from ..errors import InputError
from ..load import load_contract_data, read_document
from ..terms import DEFAULT_TZ, Terms, resolve
from . import finance, ledger, resolution, responses, satisfaction
from .clock import Window
from .mapping import Mapping
from .messages import say
from .rows import BadRow, Typed, bad_rows, grouped, method_note, problem_text, refuse_first, row_list
from .source import load_export, read_records, reading

if TYPE_CHECKING:
    from ..models import Contract

MONEY = ("invoices", "payments")


@dataclass(frozen=True)
class Options:
    contract: Path
    period: str
    exports: dict[str, Path]  # kind → file, for the kinds given
    mapping: Mapping
    as_of: date | None
    short_abandons: str  # exclude | count
    satisfaction_method: str | None
    strict: bool
    lang: str


@dataclass
class Outcome:
    month: dict[str, Any]
    diagnostics: list[str] = field(default_factory=list)
    bad: list[tuple[str, BadRow]] = field(default_factory=list)  # (file, row)
    repeated: list[dict[str, Any]] = field(default_factory=list)  # payment rows that repeat one another

    def bad_rows(self) -> list[dict[str, Any]]:
        """The rows left out, as `--report` lists them."""
        return [
            {"file": f, "row": b.row, "column": b.column, "problem": b.problem, "value": b.value, "first_row": b.first}
            for f, b in self.bad
        ]

    def report(self) -> dict[str, Any]:
        """The `--report` document: every row left out, and every group of payment rows that repeat one another."""
        return {"kefu_check_facts_report": 1, "bad_rows": self.bad_rows(), "repeated_payments": self.repeated}


def run(opts: Options, cal: Calendar, contract_ref: str) -> Outcome:
    """Compute the month's facts; `contract_ref` is how month.json names the contract."""
    import duckdb

    label = opts.contract.name
    contract, blanks = load_contract_data(read_document(opts.contract, label), label)
    terms = resolve(contract, blanks, label)
    tz = terms.hours.tz if terms.hours else _timezone(DEFAULT_TZ)
    window = Window.of(opts.period, opts.as_of, tz)
    month: dict[str, Any] = {"schema": "kefu-check/month@1", "contract": contract_ref, "period": opts.period}
    if opts.as_of is not None:
        month["as_of"] = opts.as_of.isoformat()
    outcome = Outcome(month)
    con = duckdb.connect()
    try:
        with tempfile.TemporaryDirectory(prefix="kefu-facts-") as tmp:
            con.execute(f"SET TimeZone = '{tz.key}'")
            for kind, path in opts.exports.items():
                if kind not in MONEY:  # the ledger is read in Python (_ledger)
                    load_export(con, kind, path, opts.mapping[kind], opts.lang, Path(tmp))
            _first_responses(con, opts, terms, window, outcome)
            _resolution(con, opts, terms, window, cal, outcome)
            _satisfaction(con, opts, contract, window, outcome)
            _ledger(con, opts, window, outcome)
    finally:
        con.close()
    return outcome


def _timezone(name: str) -> Any:
    from zoneinfo import ZoneInfo

    return ZoneInfo(name)


def _typed(con: Any, kind: str, opts: Options, outcome: Outcome, type_fn: Any, **extra: object) -> str:
    """Type the rows of `kind` with `type_fn(con)` and collect its bad rows (fatal with --strict), saying so on
    stderr; return the method note's part about them."""
    label = opts.exports[kind].name
    with reading(label, opts.lang, opts.exports[kind]):
        typed: Typed = type_fn(con)
    bad = bad_rows(con, typed)
    if opts.strict:
        refuse_first(bad, label, opts.lang, opts.mapping[kind], **extra)
    for (problem, column), rows in grouped(bad).items():
        name = say(opts.lang, f"problem_name.{problem}")
        outcome.diagnostics.append(
            say(opts.lang, "diag.bad_rows", file=label, count=len(rows), problem_name=name, column=column,
                rows=row_list(rows))
        )
    outcome.bad.extend((label, b) for b in bad)
    return method_note(bad)


def _first_responses(con: Any, opts: Options, terms: Terms, window: Window, outcome: Outcome) -> None:
    standards = {c.name: c for c in terms.channels}
    figures: dict[str, Any] = {}
    for kind, channel in responses.CHANNELS.items():
        if kind not in opts.exports:
            continue
        if channel not in standards:
            raise InputError(
                opts.contract.name,
                f"standards.first_response.{channel}.within_seconds",
                say(opts.lang, "no_channel_standard", option=f"--{kind}"),
            )
        within = standards[channel].within_seconds
        bad = _typed(con, kind, opts, outcome, lambda c, k=kind: responses.type_requests(c, k))
        f = responses.first_response(con, kind, within, window, opts.short_abandons)
        source = opts.exports[kind].name
        figures[channel] = {
            "requests": f.requests,
            "on_time": f.on_time,
            "method": responses.method(f, source, within, opts.short_abandons, bad),
        }
        outcome.diagnostics.append(
            say(opts.lang, "diag.first_response", channel=channel, rows=f.rows, requests=f.requests,
                on_time=f.on_time, short=f.short_abandons, short_how=say(opts.lang, f"short.{opts.short_abandons}"),
                bots=f.bot_responses)
        )
    if figures:
        outcome.month["first_response"] = dict(sorted(figures.items()))


def _resolution(con: Any, opts: Options, terms: Terms, window: Window, cal: Calendar, outcome: Outcome) -> None:
    if "tickets" not in opts.exports:
        return
    if terms.resolution is None:
        raise InputError(opts.contract.name, "standards.resolution", say(opts.lang, "no_resolution_standard"))
    within, unit, _ = terms.resolution
    bad = _typed(con, "tickets", opts, outcome, resolution.type_tickets)
    if unit == "working_days":
        resolution.deadline_table(con, within, window, terms.hours, cal)
    r = resolution.resolution(con, within, unit, window)
    outcome.month["resolution"] = {
        "cases": r.cases,
        "on_time": r.on_time,
        "method": resolution.method(r, opts.exports["tickets"].name, within, unit, terms.hours, bad),
    }
    outcome.diagnostics.append(
        say(opts.lang, "diag.resolution", rows=r.rows, cases=r.cases, on_time=r.on_time, pending=r.pending)
    )


def _satisfaction(con: Any, opts: Options, contract: Contract, window: Window, outcome: Outcome) -> None:
    if "surveys" not in opts.exports:
        return
    label = opts.contract.name
    standard = contract.standards.satisfaction if contract.standards else None
    if standard is None:
        raise InputError(label, "standards.satisfaction", say(opts.lang, "no_satisfaction_standard"))
    how = opts.satisfaction_method or standard.method
    if how is None:
        raise InputError(label, "standards.satisfaction.method", say(opts.lang, "satisfaction_method_needed"))
    scale_max = standard.scale_max
    if scale_max is None and (how == "share_satisfied" or standard.scale == "percent"):
        raise InputError(label, "standards.satisfaction.scale_max", say(opts.lang, "scale_max_needed"))
    bad = _typed(con, "surveys", opts, outcome, lambda c: satisfaction.type_surveys(c, scale_max), scale_max=scale_max)
    s = satisfaction.satisfaction(con, window, scale_max)
    value = satisfaction.score(s, how, standard.scale, scale_max)
    if value is None:
        return
    outcome.month["satisfaction"] = {
        "score": f"{value:f}",
        "respondents": s.respondents,
        "method": satisfaction.method(s, opts.exports["surveys"].name, how, standard.scale, scale_max, bad),
    }
    outcome.diagnostics.append(say(opts.lang, "diag.satisfaction", respondents=s.respondents, score=f"{value:f}"))


def _ledger(con: Any, opts: Options, window: Window, outcome: Outcome) -> None:
    if "outages" in opts.exports:
        _typed(con, "outages", opts, outcome, ledger.type_outages)
        entries, outside = ledger.outages(con, window)
        outcome.month["outages"] = entries
        outcome.diagnostics.append(say(opts.lang, "diag.outages", count=len(entries), outside=outside))
    if "payments" in opts.exports and "invoices" not in opts.exports:
        raise InputError(opts.exports["payments"].name, None, say(opts.lang, "payments_without_invoices"))
    if "invoices" in opts.exports:
        found, bad = ledger.read_invoices(_records(con, "invoices", opts))
        _refuse_money(bad, "invoices", opts)
        paid: list[ledger.PaymentRow] = []
        if "payments" in opts.exports:
            paid, bad = ledger.read_payments(_records(con, "payments", opts), found)
            _refuse_money(bad, "payments", opts)
            _repeated_payments(ledger.repeated_payments(paid), opts, outcome)
        entries, settled = ledger.invoices(found, paid, window)
        outcome.month["invoices"] = entries
        outcome.diagnostics.append(say(opts.lang, "diag.invoices", count=len(entries), settled=settled))


def _repeated_payments(groups: list[list[ledger.PaymentRow]], opts: Options, outcome: Outcome) -> None:
    """Payment rows that repeat one another (same invoice, date and amount): both are counted, and each group is
    named on stderr, since a row exported twice would pay an invoice twice; with --strict they stop the command."""
    label = opts.exports["payments"].name
    for rows in groups:
        first = rows[0]
        words = {"rows": row_list([r.row for r in rows]), "invoice": first.invoice_id, "date": first.date.isoformat(),
                 "amount": finance.amount_text(first.amount), "count": len(rows)}
        if opts.strict:
            raise InputError(label, None, say(opts.lang, "repeated_payment_line", **words))
        outcome.diagnostics.append(say(opts.lang, "diag.repeated_payment", file=label, **words))
        outcome.repeated.append({"file": label, "rows": [r.row for r in rows], "invoice_id": first.invoice_id,
                                 "date": words["date"], "amount": words["amount"]})


def _records(con: Any, kind: str, opts: Options) -> list[Any]:
    return read_records(con, kind, opts.exports[kind], opts.mapping[kind], opts.lang)


def _refuse_money(bad: list[ledger.MoneyRow], kind: str, opts: Options) -> None:
    """Money is never computed from a partial ledger (SPEC §7): the first unreadable invoice or payment row
    stops the command, with or without --strict, naming the file, row, column (as the file names it) and
    value; the line also says which other rows of the file are unreadable, so that all are fixed at once."""
    if not bad:
        return
    first = bad[0]
    line = say(opts.lang, "bad_row_line", row=first.row, column=opts.mapping[kind][first.column],
               problem=problem_text(first, opts.lang))
    if len(bad) > 1:
        line += say(opts.lang, "more_bad_rows", count=len(bad) - 1, rows=row_list([b.row for b in bad[1:]]))
    raise InputError(opts.exports[kind].name, None, line)
