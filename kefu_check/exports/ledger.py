"""Ledger: outages (clipped to the period) and invoices with their payments, copied into month.json.

These are records, not computed figures: each usable row becomes one entry. An outage counts with its
part inside the period (an open one, with no `end`, up to the end of `as_of` or of the period, whichever
is earlier); invoices settled before the period began are left out (they raise nothing in it).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from .clock import Window, iso_local
from .rows import NUMBER, Check, Typed, interval, required, type_rows, unreadable

CAUSES = ("provider", "client", "force_majeure", "planned")
CYCLE = r"'^\d{4}-(0[1-9]|1[0-2]|Q[1-4])$'"
DATE = r"'^\d{4}-\d{2}-\d{2}$'"


def _amount(column: str) -> str:
    return f"CASE WHEN regexp_full_match({column}, {NUMBER}) THEN TRY_CAST({column} AS DECIMAL(38, 12)) END"


def _money_checks(column: str = "amount") -> list[Check]:
    return [required(column), Check(column, "bad_number", "amount_value IS NULL OR amount_value < 0")]


def type_outages(con: Any) -> Typed:
    """rows_outages with start_us and end_us (NULL = still going on)."""
    causes = ", ".join(f"'{c}'" for c in CAUSES)
    typed, checks = interval("start", "end", "before_start")
    checks += [required("cause"), Check("cause", "bad_cause", f"cause NOT IN ({causes})")]
    return type_rows(con, "outages", typed, checks, keep=("id", "cause"))


def outages(con: Any, window: Window) -> tuple[list[dict[str, str]], int]:
    """The period's outages, clipped to it, in time order; and how many usable ones lie outside it."""
    stop = min(window.hi_us, window.as_of_end_us)
    overlaps = f"start_us < {window.hi_us} AND coalesce(end_us, {stop}) > {window.lo_us}"
    found = con.execute(
        f"""SELECT id, greatest(start_us, {window.lo_us}), least(coalesce(end_us, {stop}), {window.hi_us}), cause
            FROM rows_outages WHERE problem IS NULL AND {overlaps} ORDER BY 2, 3, id"""
    ).fetchall()
    outside = con.execute(
        f"SELECT count(*) FROM rows_outages WHERE problem IS NULL AND NOT ({overlaps})"
    ).fetchall()[0][0]
    entries = [
        {"id": i, "start": iso_local(s, window.tz), "end": iso_local(max(s, e), window.tz), "cause": c}
        for i, s, e, c in found
    ]
    return entries, int(outside)


def type_invoices(con: Any) -> Typed:
    """rows_invoices with amount_value."""
    return type_rows(
        con,
        "invoices",
        {"amount_value": _amount("amount")},
        [
            required("id"),
            required("cycle"),
            Check("cycle", "bad_cycle", f"NOT regexp_full_match(cycle, {CYCLE})"),
            *_money_checks(),
        ],
        keep=("id", "cycle"),
    )


def type_payments(con: Any) -> Typed:
    """rows_payments with date_value and amount_value; a payment must name a usable invoice."""
    return type_rows(
        con,
        "payments",
        {
            "date_value": f'CASE WHEN regexp_full_match("date", {DATE}) THEN TRY_CAST("date" AS DATE) END',
            "amount_value": _amount("amount"),
            "known": "invoice_id IN (SELECT id FROM rows_invoices WHERE problem IS NULL)",
        },
        [
            required("invoice_id"),
            Check("invoice_id", "unknown_invoice", "NOT known"),
            required("date"),
            unreadable("date", "date_value", "bad_date"),
            *_money_checks(),
        ],
        keep=("invoice_id",),
        key=None,
    )


def invoices(con: Any, window: Window, with_payments: bool) -> tuple[list[dict[str, Any]], int]:
    """Invoices not settled before the period, each with its payments; and how many were left out."""
    paid = (
        "SELECT NULL::VARCHAR AS invoice_id, NULL::DATE AS date_value, NULL::DECIMAL(38, 12) AS amount_value, 0 AS seq"
    )
    if with_payments:
        paid = "SELECT invoice_id, date_value, amount_value, rowid AS seq FROM rows_payments WHERE problem IS NULL"
    rows = con.execute(
        f"""WITH p AS ({paid}),
            settled AS (SELECT i.id FROM rows_invoices i JOIN p ON p.invoice_id = i.id
                        WHERE i.problem IS NULL AND p.date_value < DATE '{window.first.isoformat()}'
                        GROUP BY i.id, i.amount_value HAVING sum(p.amount_value) >= i.amount_value)
            SELECT i.id, i.cycle, CAST(i.amount_value AS VARCHAR), CAST(p.date_value AS VARCHAR),
                   CAST(p.amount_value AS VARCHAR), i.id IN (SELECT id FROM settled)
            FROM rows_invoices i LEFT JOIN p ON p.invoice_id = i.id
            WHERE i.problem IS NULL
            ORDER BY i.cycle, i.id, p.date_value, p.amount_value, p.seq"""
    ).fetchall()
    out: dict[str, dict[str, Any]] = {}
    left_out: set[str] = set()
    for invoice_id, cycle, amount, paid_on, paid_amount, is_settled in rows:
        if is_settled:
            left_out.add(invoice_id)
            continue
        entry = out.setdefault(invoice_id, {"id": invoice_id, "cycle": cycle, "amount": _text(amount), "payments": []})
        if paid_on is not None:
            entry["payments"].append({"date": paid_on, "amount": _text(paid_amount)})
    return list(out.values()), len(left_out)


def _text(value: str) -> str:
    """An exact decimal without trailing zeros beyond the fen: '20000.000000000000' → '20000.00'."""
    number = Decimal(value)
    fen = number.quantize(Decimal("0.01"))
    return f"{fen:f}" if fen == number else f"{number.normalize():f}"
