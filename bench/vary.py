"""Seeded, valid variations of the golden fixtures' months: the inputs of the portfolio batch and the soak.

`bases()` reads every fixture's month with its contract inlined (through bench_batch.generate);
`vary(base, rng, index)` returns a new month: moved to another period (every date moved by the same number
of days, so the order of events is kept), another `as_of`, new counts, payments, outages, suspensions,
notices, incidents and cooperation failures, and a contract of its own (id, fee, rates). Every value stays
inside what SPEC §2 accepts and inside the years the holiday calendar knows, so nothing is refused.
"""

from __future__ import annotations

import copy
import json
import random
import re
import tempfile
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from bench_batch import generate

FIRST = date(2025, 1, 1)  # the earliest period generated
LAST = date(2026, 11, 1)  # the latest period: its invoices fall due in 2026, a year the calendar knows
LATEST_DAY = date(2026, 12, 24)  # no generated date after this (due dates and notice windows stay in 2026)

DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
STAMP = re.compile(r"(\d{4}-\d{2}-\d{2})(T.*)")
MONTH = re.compile(r"\d{4}-\d{2}")
QUARTER = re.compile(r"(\d{4})-Q([1-4])")
DATE_KEYS = {"as_of", "delivered_on", "date", "start", "end", "notice_date", "from", "to"}
CYCLE_KEYS = {"period", "cycle"}


def bases() -> list[dict[str, Any]]:
    """Each fixture's month.json with its contract inline (as bench_batch writes them), in fixture order."""
    with tempfile.TemporaryDirectory(prefix="kefu-vary-") as tmp:
        count = len(list((Path(__file__).resolve().parent.parent / "fixtures").glob("*/month.json")))
        return [json.loads(p.read_text(encoding="utf-8")) for p in generate(Path(tmp), count)]


def months_between(a: date, b: date) -> int:
    return (b.year - a.year) * 12 + b.month - a.month


def add_months(d: date, n: int) -> date:
    y, m = divmod(d.month - 1 + n, 12)
    return date(d.year + y, m + 1, 1)


def month_end(d: date) -> date:
    return add_months(d, 1) - timedelta(days=1)


def _shift_cycle(value: str, months: int) -> str:
    if q := QUARTER.fullmatch(value):
        start = add_months(date(int(q[1]), 3 * int(q[2]) - 2, 1), months)
        return f"{start.year}-Q{(start.month - 1) // 3 + 1}"
    start = add_months(date.fromisoformat(value + "-01"), months)
    return start.isoformat()[:7]


def _shift_day(value: str, days: int) -> str:
    if stamp := STAMP.fullmatch(value):
        return (date.fromisoformat(stamp[1]) + timedelta(days=days)).isoformat() + stamp[2]
    return (date.fromisoformat(value) + timedelta(days=days)).isoformat()


def shift(doc: Any, months: int, days: int) -> Any:
    """Periods and cycles moved by `months`, every date and timestamp by `days` (the contract is left alone)."""
    if isinstance(doc, list):
        return [shift(v, months, days) for v in doc]
    if not isinstance(doc, dict):
        return doc
    out = {}
    for key, value in doc.items():
        if key == "contract":
            out[key] = value
        elif key in CYCLE_KEYS and isinstance(value, str) and (MONTH.fullmatch(value) or QUARTER.fullmatch(value)):
            out[key] = _shift_cycle(value, months)
        elif key in DATE_KEYS and isinstance(value, str) and (DAY.fullmatch(value) or STAMP.fullmatch(value)):
            out[key] = _shift_day(value, days)
        else:
            out[key] = shift(value, months, days)
    return out


def _latest(doc: Any) -> date:
    """The latest date anywhere in a month document (contract excluded)."""
    found = [date.min]
    if isinstance(doc, dict):
        found += [_latest(v) for k, v in doc.items() if k != "contract"]
    elif isinstance(doc, list):
        found += [_latest(v) for v in doc]
    elif isinstance(doc, str) and (m := DAY.match(doc)):
        found.append(date.fromisoformat(m[0]))
    return max(found)


def _money(value: Decimal) -> str:
    return f"{value.quantize(Decimal('0.01'))}"


def _day(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randint(0, max(0, (last - first).days)))


def move(base: dict[str, Any], rng: random.Random) -> tuple[dict[str, Any], int, int]:
    """The month moved to a random period (quarter cycles by whole quarters); returns (doc, months, days)."""
    old = date.fromisoformat(base["period"] + "-01")
    quarterly = "-Q" in json.dumps(base.get("invoices", [])) + json.dumps(base.get("reports", []))
    step = 3 if quarterly else 1
    choices = [n for n in range(months_between(old, FIRST), months_between(old, LAST) + 1) if n % step == 0]
    rng.shuffle(choices)
    for months in [*choices, 0]:
        days = (add_months(old, months) - old).days
        doc = shift(base, months, days)
        if _latest(doc) <= LATEST_DAY:
            return doc, months, days
    raise AssertionError("unreachable: a shift of 0 keeps the fixture as it is")


def _contract(contract: dict[str, Any], months: int, rng: random.Random, index: int) -> dict[str, Any]:
    """A contract of its own: unique id, often moved with the month, other fee and rates."""
    c = copy.deepcopy(contract)
    c["id"] = f"{c.get('id') or 'KF'}-V{index:06d}"
    term = c.get("term") or {}
    if rng.random() < 0.7 and term.get("start") and term.get("end"):
        start, end = date.fromisoformat(term["start"]), date.fromisoformat(term["end"])
        new_start = add_months(start, months) + timedelta(days=start.day - 1)
        new_end = month_end(add_months(end, months)) if end == month_end(end) else add_months(end, months)
        if month_end(add_months(new_end, 1)) <= LATEST_DAY:
            term["start"], term["end"] = new_start.isoformat(), new_end.isoformat()
    fees = c.get("fees") or {}
    if fees.get("monthly_fee") is not None:
        fees["monthly_fee"] = _money(Decimal(rng.choice([8000, 12500, 20000, 28000, 36000, 55000])))
    if fees.get("late_fee_daily_rate") is not None:
        fees["late_fee_daily_rate"] = rng.choice(["0.0003", "0.0005", "0.001"])
    if fees.get("due_working_days") is not None:
        fees["due_working_days"] = rng.randint(5, 15)
    if fees.get("suspend_after_days") is not None:
        fees["suspend_after_days"] = rng.choice([15, 30, 45])
    return c


def vary(base: dict[str, Any], rng: random.Random, index: int) -> dict[str, Any]:
    """One valid month derived from `base` (a fixture month with its contract inline)."""
    doc, months, _ = move(base, rng)
    first = date.fromisoformat(doc["period"] + "-01")
    last = month_end(first)
    doc["contract"] = _contract(doc["contract"], months, rng, index)
    if rng.random() < 0.5:
        doc["as_of"] = _day(rng, first, min(last + timedelta(days=10), LATEST_DAY)).isoformat()
    else:
        doc.pop("as_of", None)
    horizon = min(last + timedelta(days=10), LATEST_DAY)

    for figures in (doc.get("first_response") or {}).values():
        figures["requests"] = rng.choice([0, rng.randint(1, 50), rng.randint(1000, 20000)])
        figures["on_time"] = round(figures["requests"] * rng.uniform(0.6, 1.0))
    if res := doc.get("resolution"):
        res["cases"] = rng.randint(0, 2000)
        res["on_time"] = round(res["cases"] * rng.uniform(0.7, 1.0))
    if sat := doc.get("satisfaction"):
        sat["score"] = f"{rng.uniform(60, 100):.1f}"
    if usage := doc.get("usage"):
        usage["units"] = rng.randint(0, 80000)

    if rng.random() < 0.6:
        doc["outages"] = []
        for n in range(rng.randint(0, 3)):
            start = datetime.combine(_day(rng, first, last), datetime.min.time()) + timedelta(
                hours=rng.randint(0, 23), minutes=rng.randint(0, 59), seconds=rng.choice([0, 0, 30])
            )
            end = start + timedelta(minutes=rng.randint(1, 600))
            cause = rng.choice(["provider", "provider", "client", "force_majeure", "planned"])
            doc["outages"].append(
                {"id": f"OUT-{n + 1}", "start": f"{start.isoformat()}+08:00", "end": f"{end.isoformat()}+08:00",
                 "cause": cause}
            )
    for report in doc.get("reports", []):
        report["delivered_on"] = _day(rng, first, last).isoformat()
    for invoice in doc.get("invoices", []):
        amount = Decimal(invoice["amount"])
        if rng.random() < 0.5:
            amount = Decimal(doc["contract"]["fees"].get("monthly_fee") or amount)
            invoice["amount"] = _money(amount)
        payments = []
        left = amount
        for _ in range(rng.choice([0, 1, 1, 1, 2, 3])):
            part = left if rng.random() < 0.5 else left * Decimal(str(round(rng.uniform(0.1, 0.9), 2)))
            if part <= 0:
                break
            paid_on = _day(rng, first - timedelta(days=20), horizon)
            payments.append({"date": paid_on.isoformat(), "amount": _money(part)})
            left -= Decimal(_money(part))
        invoice["payments"] = sorted(payments, key=lambda p: p["date"])
    if rng.random() < 0.2:
        start = _day(rng, first, last)
        end = rng.choice([None, start + timedelta(days=rng.randint(0, 10))])
        notice = rng.choice([None, start - timedelta(days=rng.randint(0, 10))])
        doc["suspensions"] = [
            {"start": start.isoformat(), "end": end and end.isoformat(), "notice_date": notice and notice.isoformat()}
        ]
    if rng.random() < 0.15:
        doc.setdefault("notices", []).append(
            {
                "date": _day(rng, first, last).isoformat(),
                "from": rng.choice(["client", "provider"]),
                "kind": rng.choice(["renewal_objection", "non_renewal", "breach_notice", "other"]),
                "written": rng.random() < 0.8,
            }
        )
    if rng.random() < 0.1:
        doc.setdefault("incidents", []).append(
            {
                "id": f"SEC-V{index}",
                "date": _day(rng, first, last).isoformat(),
                "kind": rng.choice(["leak", "tampering", "loss"]),
                "at_fault": rng.choice(["provider", "client", "none"]),
                "data": rng.sample(["customer_info", "trade_secret", "technical_info"], rng.randint(0, 3)),
                "personal_information": rng.random() < 0.5,
                "records": rng.randint(0, 5000),
                "loss": _money(Decimal(rng.randint(0, 200000))),
            }
        )
    if rng.random() < 0.1:
        start = _day(rng, first, last)
        doc["cooperation_failures"] = [
            {
                "obligation": rng.choice(["info", "training", "system_access", "contact"]),
                "from": start.isoformat(),
                "to": rng.choice([None, (start + timedelta(days=rng.randint(0, 15))).isoformat()]),
            }
        ]
    return doc


def month_text(doc: dict[str, Any]) -> str:
    """How a generated month is written to disk."""
    return json.dumps(doc, ensure_ascii=False)
