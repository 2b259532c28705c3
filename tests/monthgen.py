"""A seeded generator of valid, varied contract-months (issue 11 §6), and a coverage report.

    generate(seed) -> (contract, month)

is deterministic per seed (one `random.Random(seed)`, no global state, and it imports nothing from
`kefu_check`: the same seed gives the same documents whatever the product code does). The month names
its contract **by path** (`"contract": "contract.json"`), so `write(dir, contract, month)` gives a pair
of files that `kefu-check --format json dir/month.json` checks as they are; `run_month()` checks the
same pair in-process.

Every generated month is meant to be valid input (exit 0 or 1, never 2): due days and report days in
2010-2026 only (the years `chinesecalendar` knows), `as_of` never after 2026-12-31, suspensions that do
not overlap, unique invoice and incident ids, one client objection and one provider notice a day.

Two features the product is getting right now are behind switches (`FEATURES`, or the environment):

- `cap` (`KEFU_GEN_CAP=0` to turn off): `remedies.service_credit_cap_percent`;
- `open_waivers` (`KEFU_GEN_OPEN_WAIVERS=0`): waivers with `expires: null`. Turned off, such a waiver
  gets `expires: "2199-12-31"` instead (the same meaning: valid through any as_of we generate).

A switch changes only what it names: every random draw is made either way, so `generate(s, cap=False)`
is `generate(s)` without the cap.

Command line (run it with the project's interpreter, `.venv/bin/python`):

    python tests/monthgen.py --seed S --count N --out DIR   # DIR/0000/contract.json + month.json, ...
    python tests/monthgen.py --coverage --count 2000        # how often each consequence id is raised
"""

from __future__ import annotations

import argparse
import calendar as _calendar
import copy
import itertools
import json
import os
import random
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

ONE_DAY = timedelta(days=1)
LAST_DAY = date(2026, 12, 31)  # the calendar package's last year: as_of never goes past it
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
CHANNELS = ("phone", "chat", "email", "wechat")
OBLIGATIONS = ("info", "training", "system_access", "contact")
CAUSES = ("provider", "client", "force_majeure", "planned")


def _switch(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    return default if value is None else value.strip().lower() not in ("0", "false", "no", "off", "")


FEATURES = {
    "cap": _switch("KEFU_GEN_CAP", True),
    "open_waivers": _switch("KEFU_GEN_OPEN_WAIVERS", True),
}


# ----------------------------------------------------------------------------------------------- dates


def month_bounds(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, _calendar.monthrange(year, month)[1])


def add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, _calendar.monthrange(year, month + 1)[1]))


def quarter_of(day: date) -> str:
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def cycle_label(day: date, cycle: str) -> str:
    return quarter_of(day) if cycle == "quarter" else f"{day.year}-{day.month:02d}"


def cycle_bounds(label: str) -> tuple[date, date]:
    year = int(label[:4])
    if label[5] == "Q":
        q = int(label[6])
        return month_bounds(year, 3 * q - 2)[0], month_bounds(year, 3 * q)[1]
    return month_bounds(year, int(label[5:7]))


def previous_cycle(label: str) -> str:
    first, _ = cycle_bounds(label)
    before = first - ONE_DAY
    return cycle_label(before, "quarter" if label[5] == "Q" else "month")


def approx_working_days(after: date, n: int) -> date:
    """The n-th Monday-to-Friday after `after`: where a due day roughly is (holidays ignored on purpose:
    the generator aims near the due day, the checker decides; it never depends on the product)."""
    day = after
    while n:
        day += ONE_DAY
        if day.weekday() < 5:
            n -= 1
    return day


def iso(day: date) -> str:
    return day.isoformat()


# ----------------------------------------------------------------------------------------------- generator


class _Gen:
    def __init__(self, seed: int, cap: bool, open_waivers: bool) -> None:
        self.r = random.Random(seed)
        self.cap_on = cap
        self.open_waivers_on = open_waivers

    # small helpers on the one Random
    def chance(self, p: float) -> bool:
        return self.r.random() < p

    def pick(self, items: Sequence[Any], weights: Sequence[float] | None = None) -> Any:
        return self.r.choices(items, weights=weights)[0]

    def between(self, lo: date, hi: date) -> date:
        if hi <= lo:
            return lo
        return lo + timedelta(days=self.r.randint(0, (hi - lo).days))

    def clip(self, day: date) -> date:
        return min(day, LAST_DAY)

    # ------------------------------------------------------------------------------ the whole pair
    def build(self) -> tuple[dict[str, Any], dict[str, Any]]:
        self.period_and_as_of()
        self.term()
        self.fees()
        self.standards()
        contract: dict[str, Any] = {
            "schema": "kefu-check/contract@1",
            "id": f"KF-GEN-{self.r.randint(1, 99999):05d}",
            "provider": {"name": "上海某某客服外包有限公司", "contact": "张三 021-5080 3316"},
            "client": {"name": "杭州某某电子商务有限公司"},
            "term": self.term_doc,
            "fees": self.fees_doc,
        }
        if self.chance(0.3):
            contract["service"] = {"type": "在线客服与电话热线", "scope": ["解答客户咨询"], "languages": ["zh"]}
        if self.standards_doc:
            contract["standards"] = self.standards_doc
        remedies = self.remedies()
        if remedies is not None:
            contract["remedies"] = remedies
        if self.chance(0.3):
            contract["privacy"] = {"entrusted_processing_terms": self.chance(0.5)}

        month: dict[str, Any] = {"schema": "kefu-check/month@1", "contract": "contract.json", "period": self.period}
        if self.as_of_doc is not None:
            month["as_of"] = self.as_of_doc
        self.month = month
        self.usage()
        self.figures()
        self.invoices()
        self.suspensions()
        self.outages()
        self.reports()
        self.notices()
        self.incidents()
        self.cooperation()
        self.waivers()
        return contract, month

    # ------------------------------------------------------------------------------ period, as_of
    def period_and_as_of(self) -> None:
        r = self.r
        year = self.pick(range(2011, 2027), [1] * 13 + [2, 3, 4])
        # holiday months (Spring Festival, Qingming/Labour Day, National Day) a little more often
        month = self.pick(range(1, 13), [3, 3, 1, 2, 3, 2, 1, 1, 2, 3, 1, 1])
        self.first, self.last = month_bounds(year, month)
        self.period = f"{year}-{month:02d}"
        kind = self.pick(["default", "last", "inside", "after"], [45, 10, 25, 20])
        if kind == "default":
            as_of, doc = self.last, None
        elif kind == "last":
            as_of = self.last
            doc = iso(as_of)
        elif kind == "inside":
            as_of = self.between(self.first, self.last)
            doc = iso(as_of)
        else:
            as_of = self.clip(self.last + timedelta(days=r.randint(1, 45)))
            doc = iso(as_of)
        self.as_of, self.as_of_doc = as_of, doc
        self.judged_last = min(self.last, as_of)

    # ------------------------------------------------------------------------------ term, renewal
    def term(self) -> None:
        r = self.r
        months = self.pick([1, 2, 3, 6, 12, 24, 36], [6, 3, 6, 8, 30, 10, 4])
        where = self.pick(
            ["inside", "before", "straddle_start", "after", "straddle_end", "near_end"], [40, 6, 5, 24, 6, 19]
        )
        if where == "before":
            start = self.as_of + timedelta(days=r.randint(1, 90))
            end = add_months(start, months) - ONE_DAY
        elif where == "straddle_start":
            start = self.between(self.first + ONE_DAY, self.last)
            end = add_months(start, months) - ONE_DAY
        elif where == "inside":  # as_of somewhere in the term, not in its last month
            length = (add_months(self.as_of, months) - self.as_of).days
            start = self.as_of - timedelta(days=r.randint(0, max(0, length - 31)))
            end = add_months(start, months) - ONE_DAY
            if end < self.as_of:
                end = self.as_of + timedelta(days=r.randint(0, 60))
        else:
            if where == "after":
                end = self.first - timedelta(days=r.randint(1, 500))
            elif where == "straddle_end":
                end = self.between(self.first, self.last - ONE_DAY)
            else:  # near the end: deadlines of a month or a few weeks fall around as_of
                end = self.as_of + timedelta(days=r.randint(0, 75))
            start = add_months(end + ONE_DAY, -months)
        self.start, self.end = start, end
        doc: dict[str, Any] = {
            "start": iso(start),
            "end": iso(end),
            "stated_months": months if self.chance(0.7) else None,
        }
        self.auto = False
        self.renew_months = None
        shape = self.pick(["absent", "no_auto", "auto"], [12, 13, 75])
        if shape == "no_auto":
            doc["renewal"] = {"auto": False, "negotiation_clause": self.pick([True, False, None])}
        elif shape == "auto":
            self.auto = True
            # short renewals make several renewals pass before a late period
            self.renew_months = self.pick([1, 2, 3, 6, 12, 24], [18, 5, 12, 10, 45, 10])
            renewal: dict[str, Any] = {"auto": True, "renew_months": self.renew_months}
            if self.chance(0.5):
                renewal["negotiation_clause"] = self.pick([True, False, None])
            by = self.pick(["notice_window", "expiry", None], [60, 22, 18])
            if by is not None or self.chance(0.5):
                renewal["objection_by"] = by
            if by == "notice_window":
                if self.chance(0.65):
                    renewal["notice_months"] = self.pick([1, 1, 2, 3])
                else:
                    renewal["notice_days"] = self.pick([10, 15, 30, 45, 60, 90])
            doc["renewal"] = renewal
            self.renewal_doc = renewal
        self.term_doc = doc

    def deadline(self, end: date) -> date:
        renewal = self.term_doc.get("renewal") or {}
        if renewal.get("objection_by") == "notice_window":
            if renewal.get("notice_months") is not None:
                return add_months(end, -renewal["notice_months"])
            return end - timedelta(days=renewal["notice_days"])
        return end

    def ends_near(self, day: date) -> list[date]:
        """The original end and the (renewed) ends around `day`: where objections are interesting."""
        ends = [self.end]
        if self.auto and self.renew_months:
            end = self.end
            for _ in range(400):
                if end > day + timedelta(days=400):
                    break
                end = add_months(end + ONE_DAY, self.renew_months) - ONE_DAY
                ends.append(end)
        return ends

    # ------------------------------------------------------------------------------ fees
    def fees(self) -> None:
        self.method = self.pick(["fixed_monthly", "per_usage", "lump_sum"], [70, 18, 12])
        self.cycle = "quarter" if self.chance(0.25) else "month"
        fee = self.pick(["8000.00", "12000.00", "20000.00", "28000.00", "35000.50", "99999.99", "1234.56"])
        if self.method == "per_usage" and self.chance(0.2):
            fee = "0"
        self.monthly_fee = fee
        doc: dict[str, Any] = {"method": self.method, "cycle": self.cycle}
        if self.method in ("fixed_monthly", "per_usage"):
            doc["monthly_fee"] = fee
        if self.method == "per_usage":
            self.included = self.pick([0, 5000, 10000, 40000])
            self.unit_rate = self.pick(["0.35", "1.20", "0.05", "2"])
            doc["included_units"] = self.included
            doc["unit_rate"] = self.unit_rate
        elif self.chance(0.3):
            doc["included_units"] = None
            doc["unit_rate"] = None
        if self.method == "lump_sum":
            doc["lump_sum_fee"] = self.pick(["240000.00", "120000.00", "36000.00"])
            if self.chance(0.3):
                doc["monthly_fee"] = fee
        self.due_days = self.pick([1, 3, 5, 10, 10, 10, 15, 20])
        self.rate = self.pick(["0.0005", "0.0005", "0.001", "0.0003", "0.00033", "0"], [40, 20, 10, 10, 10, 5])
        self.suspend_after = self.pick([0, 5, 10, 15, 30, 30, 45, 60], [2, 10, 12, 10, 30, 20, 8, 5])
        doc.update(due_working_days=self.due_days, late_fee_daily_rate=self.rate, suspend_after_days=self.suspend_after)
        self.notice_days = self.pick([None, 1, 3, 5, 7, 10], [40, 10, 15, 20, 10, 5])
        if self.notice_days is not None or self.chance(0.3):
            doc["suspension_notice_days"] = self.notice_days
        if self.chance(0.4):
            doc["bank"] = {
                "bank": "招商银行上海张江支行",
                "account_name": "上海某某客服外包有限公司",
                "account_no": "6222 0212 3456 7890 123",
            }
        self.fees_doc = doc

    def cycle_fee(self, label: str) -> int:
        """The contract's fee for a cycle, in fen (per-usage: with some overage for past cycles)."""
        months = 3 if label[5] == "Q" else 1
        base = _fen(self.monthly_fee) * months
        if self.method == "per_usage":
            if label == self.period and "usage" in self.month:
                over = max(0, self.month["usage"]["units"] - self.included) * _fen(self.unit_rate)
                return _fen(self.monthly_fee) + over
            return base + self.r.randint(0, 2000) * 100
        if self.method == "lump_sum":
            return self.r.choice([_fen("20000.00"), _fen("60000.00"), _fen("240000.00")])
        return base

    # ------------------------------------------------------------------------------ standards
    def standards(self) -> None:
        r = self.r
        doc: dict[str, Any] = {}
        self.channels: list[str] = []
        if self.chance(0.75):
            self.channels = r.sample(CHANNELS, r.randint(1, 3))
            doc["first_response"] = {
                ch: {
                    "within_seconds": self.pick([15, 20, 30, 60, 300]),
                    "target_ratio": self.pick(["0.80", "0.9", "0.95", None, "1"], [30, 25, 20, 15, 10]),
                }
                for ch in self.channels
            }
        self.hours = None
        if self.chance(0.7):
            week = self.pick(["5", "6", "7", "odd"], [50, 20, 25, 5])
            days = {"5": WEEKDAYS[:5], "6": WEEKDAYS[:6], "7": WEEKDAYS, "odd": ("tue", "wed", "thu", "fri", "sat")}[
                week
            ]
            window = self.pick(
                [("09:00", "18:00"), ("08:00", "20:00"), ("00:00", "24:00"), ("08:30", "17:30"), ("22:00", "24:00")],
                [35, 20, 30, 10, 5],
            )
            calendar = self.pick(["statutory", "weekly", None], [50, 30, 20])
            tz = self.pick(["Asia/Shanghai", None, "Asia/Urumqi", "UTC", "Europe/Berlin"], [70, 20, 4, 3, 3])
            hours = {"days": list(days), "start": window[0], "end": window[1], "calendar": calendar}
            if tz is not None or self.chance(0.5):
                hours["timezone"] = tz
            doc["service_hours"] = hours
            self.hours = hours
            if self.chance(0.8):
                excluded = None if self.chance(0.4) else r.sample(CAUSES, r.randint(0, 3))
                doc["availability"] = {
                    "min_percent": self.pick(["99.5", "99.9", "99", "98", "95", "100"], [40, 15, 15, 10, 10, 10]),
                    "year": self.pick(["contract", "calendar", None], [45, 35, 20]),
                    "excluded_causes": excluded,
                }
        if self.chance(0.65):
            doc["resolution"] = {
                "within": self.pick([2, 3, 24, 48]),
                "unit": self.pick(["hours", "working_days"]),
                "target_ratio": self.pick(["0.95", "0.90", "0.8", None]),
            }
        if self.chance(0.6):
            if self.chance(0.7):
                doc["satisfaction"] = {
                    "min": self.pick(["85", "90", "80.5"]),
                    "scale": "percent",
                    "method": self.pick(["share_satisfied", "mean_score", None]),
                    "scale_max": 5,
                }
            else:
                doc["satisfaction"] = {
                    "min": self.pick(["4.5", "4"]),
                    "scale": "points",
                    "method": "mean_score",
                    "scale_max": 5,
                }
        self.report_every = None
        if self.chance(0.6):
            every = self.pick(["month", "quarter", None], [60, 25, 15])
            self.report_every = every or "month"
            self.report_due = self.pick([3, 5, 5, 10])
            doc["report"] = {"every": every, "due_working_days": self.report_due}
        self.standards_doc = doc

    def remedies(self) -> dict[str, Any] | None:
        if not self.chance(0.75):
            return None
        percent = self.pick([None, "1", "2", "2.5", "5", "10", "20", "33.33"], [25, 8, 10, 10, 25, 12, 6, 4])
        cap = self.pick([None, "5", "10", "12.5", "20", "30", "100"], [45, 12, 12, 6, 15, 6, 4])
        doc: dict[str, Any] = {"service_credit_percent": percent, "sla_termination": self.chance(0.3)}
        if cap is not None and self.cap_on:
            doc["service_credit_cap_percent"] = cap
        return doc

    # ------------------------------------------------------------------------------ month facts
    def usage(self) -> None:
        if (self.method == "per_usage" and self.chance(0.8)) or self.chance(0.05):
            base = getattr(self, "included", 10000)
            self.month["usage"] = {"units": max(0, base + self.r.randint(-5000, 20000))}

    def figures(self) -> None:
        r = self.r
        fr = (self.standards_doc.get("first_response") or {}) if self.standards_doc else {}
        figures: dict[str, Any] = {}
        for ch, std in fr.items():
            if self.chance(0.88):
                figures[ch] = self.counts(std.get("target_ratio"), "requests")
        if self.chance(0.08):  # a channel the contract sets no standard for: one diagnostic, no consequence
            extra = self.pick([c for c in (*CHANNELS, "weibo") if c not in fr])
            figures[extra] = self.counts("0.8", "requests")
        if figures:
            self.month["first_response"] = figures
        if ("resolution" in self.standards_doc and self.chance(0.85)) or self.chance(0.05):
            target = (self.standards_doc.get("resolution") or {}).get("target_ratio")
            self.month["resolution"] = self.counts(target, "cases")
        if ("satisfaction" in self.standards_doc and self.chance(0.85)) or self.chance(0.05):
            low = (self.standards_doc.get("satisfaction") or {"min": "85"})["min"]
            step = "0.1" if "." in low or int(float(low)) < 10 else "1"
            delta = self.pick(["0", "-" + step, "+" + step, "-10" if int(float(low)) > 10 else "-1", "+3"])
            score = _dec_add(low, delta)
            sat: dict[str, Any] = {"score": score}
            respondents = self.pick([None, 0, 12, 300, 5000], [20, 8, 10, 50, 12])
            if respondents is not None or self.chance(0.5):
                sat["respondents"] = respondents
            if self.chance(0.2):
                sat["method"] = "share of 4-5 answers"
            self.month["satisfaction"] = sat
        del r

    def counts(self, target: str | None, total_key: str) -> dict[str, Any]:
        """Counts around the target: met exactly, missed by one, far off, all on time, or no requests."""
        r = self.r
        total = self.pick([0, r.randint(1, 30), r.randint(100, 20000)], [5, 15, 80])
        ratio_fen = _fen(target) if target is not None else 100  # target × 100
        required = -(-total * ratio_fen // 100)  # ceil(target × total): the fewest on time that meet it
        mode = self.pick(["meet", "exact", "one_short", "far", "all"], [25, 20, 20, 20, 15])
        if mode == "meet":
            on_time = r.randint(required, total) if required <= total else total
        elif mode == "exact":
            on_time = required
        elif mode == "one_short":
            on_time = max(0, required - 1)
        elif mode == "far":
            on_time = r.randint(0, max(0, required - 1))
        else:
            on_time = total
        out: dict[str, Any] = {total_key: total, "on_time": min(on_time, total)}
        if self.chance(0.15):
            out["method"] = "answered within the bound / offered"
        return out

    def invoices(self) -> None:
        r = self.r
        self.invoice_list: list[dict[str, Any]] = []
        n = self.pick([0, 1, 2, 3, 4], [15, 30, 30, 15, 10])
        label = cycle_label(self.first, self.cycle)
        labels: list[str] = []
        if self.chance(0.5):
            labels.append(label)
        back = label
        while len(labels) < n:
            back = previous_cycle(back)
            if self.chance(0.8):
                labels.append(back)
        if labels and self.chance(0.05):  # an invoice for a cycle of the other length
            other = cycle_label(self.first - timedelta(days=40), "month" if self.cycle == "quarter" else "quarter")
            if other not in labels:
                labels.append(other)
        self.dues: dict[str, date] = {}
        seen: set[str] = set()
        for lab in labels:
            inv_id = f"INV-{lab}"
            if inv_id in seen:
                inv_id += f"-{len(seen)}"
            seen.add(inv_id)
            cycle_last = cycle_bounds(lab)[1]
            due = approx_working_days(cycle_last, self.due_days)
            self.dues[inv_id] = due
            fee = self.cycle_fee(lab)
            amount = fee
            if self.chance(0.12):
                amount = self.pick([fee - 100000, fee // 2, fee + 1, fee + 99999, 0])
                amount = max(0, amount)
            payments = self.payments(amount, due, cycle_last)
            inv = {"id": inv_id, "cycle": lab, "amount": _money(amount), "payments": payments}
            if not payments and self.chance(0.3):
                del inv["payments"]
            self.invoice_list.append(inv)
        if self.invoice_list:
            self.month["invoices"] = self.invoice_list
        del r

    def payments(self, amount: int, due: date, cycle_last: date) -> list[dict[str, Any]]:
        r = self.r
        shape = self.pick(
            ["none", "on_time", "on_due", "late", "partial", "partial_unpaid", "over", "after_as_of"],
            [16, 16, 8, 18, 18, 12, 3, 9],
        )

        def day(lo: int, hi: int) -> str:
            return iso(due + timedelta(days=r.randint(lo, hi)))

        if shape == "none" or (amount == 0 and shape != "on_time"):
            return []
        if shape == "on_time":
            return [{"date": iso(self.between(cycle_last - timedelta(days=3), due)), "amount": _money(amount)}]
        if shape == "on_due":
            return [{"date": iso(due), "amount": _money(amount)}]
        if shape == "late":
            return [{"date": day(1, 70), "amount": _money(amount)}]
        if shape == "over":
            return [{"date": day(-5, 20), "amount": _money(amount + r.randint(1, 500000))}]
        if shape == "after_as_of":
            return [{"date": iso(self.as_of + timedelta(days=r.randint(1, 20))), "amount": _money(amount)}]
        parts = r.randint(2, 3)
        total = amount if shape == "partial" else r.randint(0, max(0, amount - 1))
        cuts = sorted(r.randint(0, total) for _ in range(parts - 1))
        shares = [b - a for a, b in zip([0, *cuts], [*cuts, total], strict=True)]
        return [{"date": day(-8, 60), "amount": _money(s)} for s in shares]

    def suspensions(self) -> None:
        r = self.r
        out: list[dict[str, Any]] = []
        unpaid = [inv for inv in self.invoice_list if self.dues[inv["id"]] < self.judged_last]
        if unpaid and self.chance(0.35):
            inv = self.pick(unpaid)
            lawful_from = self.dues[inv["id"]] + timedelta(days=self.suspend_after + 1)
            start = lawful_from + timedelta(days=r.randint(-12, 12))
            if start > self.judged_last or start < self.first - timedelta(days=40):
                start = self.between(self.first, self.judged_last)
            end = None if self.chance(0.4) else start + timedelta(days=r.randint(0, 25))
            if end is not None and end < self.first:
                end = self.first + timedelta(days=r.randint(0, 10))
            out.append(self.suspension(start, end))
            if self.chance(0.4):  # the fees are settled during the suspension: later days are wrongful
                settle = self.between(start, min(end or self.judged_last, self.judged_last))
                inv.setdefault("payments", []).append({"date": iso(settle), "amount": inv["amount"]})
        elif self.chance(0.08):  # a suspension with no ground at all
            start = self.between(self.first - timedelta(days=5), self.judged_last)
            end = None if self.chance(0.5) else start + timedelta(days=r.randint(0, 12))
            out.append(self.suspension(start, end))
        if out and out[-1]["end"] is not None and self.chance(0.25):
            start = date.fromisoformat(out[-1]["end"]) + timedelta(days=r.randint(1, 6))
            if start <= self.judged_last:
                end = None if self.chance(0.5) else start + timedelta(days=r.randint(0, 6))
                out.append(self.suspension(start, end))
        if out:
            self.month["suspensions"] = out
        self.suspension_list = out

    def suspension(self, start: date, end: date | None) -> dict[str, Any]:
        r = self.r
        kind = self.pick(["none", "before", "same_day", "after"], [22, 55, 10, 13])
        notice = {
            "none": None,
            "before": start - timedelta(days=r.randint(1, 10)),
            "same_day": start,
            "after": start + timedelta(days=r.randint(1, 3)),
        }[kind]
        doc: dict[str, Any] = {"start": iso(start), "end": iso(end) if end else None}
        if notice is not None or self.chance(0.5):
            doc["notice_date"] = iso(notice) if notice else None
        return doc

    def outages(self) -> None:
        r = self.r
        if not self.chance(0.45):
            return
        out: list[dict[str, Any]] = []
        zone = timezone(timedelta(hours=8))
        previous: tuple[datetime, datetime] | None = None
        for i in range(r.randint(1, 4)):
            if previous and self.chance(0.2):  # overlapping the previous one: counted once
                start = previous[0] + (previous[1] - previous[0]) / 2
            else:
                day = self.between(self.first - ONE_DAY, self.judged_last + ONE_DAY)
                start = datetime(day.year, day.month, day.day, tzinfo=zone) + timedelta(
                    minutes=r.randint(0, 1439), seconds=self.pick([0, 0, 0, r.randint(1, 59)])
                )
            size = self.pick(["long", "medium", "short"], [10, 25, 65])
            if size == "long":
                length = timedelta(hours=r.randint(10, 80))
            elif size == "medium":
                length = timedelta(minutes=r.randint(120, 600))
            else:
                length = timedelta(minutes=r.randint(0, 240), seconds=self.pick([0, 0, 30]))
            end = start + length
            previous = (start, end)
            style = self.pick(["offset", "naive", "utc"], [70, 20, 10])
            out.append(
                {
                    "id": f"OUT-{i + 1}",
                    "start": _stamp(start, style),
                    "end": _stamp(end, style),
                    "cause": self.pick(CAUSES, [55, 15, 15, 15]),
                }
            )
        self.month["outages"] = out

    def reports(self) -> None:
        if self.report_every is None and not self.chance(0.05):
            return
        r = self.r
        every = self.report_every or "month"
        label = cycle_label(self.first, every)
        labels = [label]
        for _ in range(2):
            labels.append(previous_cycle(labels[-1]))
        out: list[dict[str, Any]] = []
        for lab in labels:
            due = approx_working_days(cycle_bounds(lab)[1], getattr(self, "report_due", 5))
            kind = self.pick(["missing", "on_time", "late", "after_as_of"], [25, 40, 27, 8])
            if kind == "on_time":
                out.append({"period": lab, "delivered_on": iso(due - timedelta(days=r.randint(0, 6)))})
            elif kind == "late":
                out.append({"period": lab, "delivered_on": iso(due + timedelta(days=r.randint(1, 12)))})
            elif kind == "after_as_of":
                out.append({"period": lab, "delivered_on": iso(self.as_of + timedelta(days=r.randint(1, 9)))})
            if kind != "missing" and self.chance(0.05):  # delivered twice: the earlier delivery counts
                out.append({"period": lab, "delivered_on": iso(due + timedelta(days=r.randint(-3, 9)))})
        if out or self.chance(0.3):
            self.month["reports"] = out

    def notices(self) -> None:
        r = self.r
        if not self.chance(0.5):
            return
        ends = self.ends_near(self.as_of)
        lo = min(self.start - timedelta(days=30), self.first)

        def around() -> date:
            what = self.pick(["deadline", "end", "as_of", "any", "late"], [30, 15, 15, 25, 15])
            if what == "any":
                return self.between(lo, self.as_of + timedelta(days=10))
            late = [e for e in ends if self.deadline(e) < min(e, self.as_of)]
            if what == "late" and late:  # after the deadline, by the end: late for one term, timely for the next
                anchor = self.pick(late[-3:])
                return self.between(self.deadline(anchor) + ONE_DAY, min(anchor, self.as_of))
            anchor = self.pick(ends)
            if what == "deadline":
                anchor = self.deadline(anchor)
            elif what == "as_of":
                anchor = self.as_of
            return anchor + timedelta(days=r.randint(-12, 12))

        out: list[dict[str, Any]] = []
        used: dict[tuple[str, str], set[date]] = {}
        for _ in range(r.randint(1, 5)):
            kind, party = self.pick(
                [
                    ("renewal_objection", "client"),
                    ("non_renewal", "provider"),
                    ("breach_notice", "client"),
                    ("breach_notice", "provider"),
                    ("other", "client"),
                    ("renewal_objection", "provider"),
                    ("non_renewal", "client"),
                ],
                [55, 15, 7, 7, 6, 5, 5],
            )
            day = around()
            taken = used.setdefault((kind, party), set())
            if day in taken:  # one notice of a kind from a party a day (SPEC §6 dedups on that)
                continue
            taken.add(day)
            out.append({"date": iso(day), "from": party, "kind": kind, "written": self.chance(0.6)})
        self.month["notices"] = out

    def incidents(self) -> None:
        r = self.r
        if not self.chance(0.18):
            return
        out: list[dict[str, Any]] = []
        for i in range(r.randint(1, 2)):
            doc: dict[str, Any] = {
                "id": f"SEC-{i + 1}",
                "date": iso(self.between(self.first - timedelta(days=3), self.judged_last + timedelta(days=4))),
                "kind": self.pick(["leak", "tampering", "loss"]),
                "at_fault": self.pick(["provider", "client", "none"], [55, 25, 20]),
                "data": r.sample(["customer_info", "trade_secret", "technical_info"], r.randint(0, 2)),
                "personal_information": self.chance(0.5),
            }
            if self.chance(0.6):
                doc["records"] = r.randint(1, 100000)
            doc["loss"] = self.pick([None, "50000.00", "0.5", "1234567.89"], [40, 30, 10, 20])
            out.append(doc)
        self.month["incidents"] = out

    def cooperation(self) -> None:
        r = self.r
        if not self.chance(0.25):
            return
        out = []
        for _ in range(r.randint(1, 2)):
            start = self.between(self.first - timedelta(days=20), self.judged_last + timedelta(days=3))
            end = None if self.chance(0.3) else start + timedelta(days=r.randint(0, 20))
            out.append({"obligation": self.pick(OBLIGATIONS), "from": iso(start), "to": iso(end) if end else None})
        self.month["cooperation_failures"] = out

    def waivers(self) -> None:
        r = self.r
        if not self.chance(0.22):
            return
        candidates: list[tuple[str, str | None]] = [("payment.late_fee", "INV-NONE")]
        for inv in self.invoice_list:
            for cid in ("payment.late_fee", "payment.overdue", "payment.suspension_right", "billing.invoice_mismatch"):
                candidates.append((cid, inv["id"]))
        for ch in self.channels:
            candidates += [("sla.first_response", ch), ("sla.service_credit", f"sla.first_response:{ch}")]
        candidates += [
            ("sla.resolution", None),
            ("sla.satisfaction", None),
            ("sla.service_credit", "sla.resolution"),
            ("sla.service_credit", "sla.satisfaction"),
            ("sla.service_credit", None),
        ]
        for rep in self.month.get("reports", []):
            candidates += [("report.late", rep["period"]), ("report.missing", rep["period"])]
        for failure in self.month.get("cooperation_failures", []):
            candidates.append(("client.cooperation_failure", failure["obligation"]))
        for s in self.suspension_list:
            candidates += [
                ("service.wrongful_suspension", s["start"]),
                ("service.suspension_without_notice", s["start"]),
            ]
        for inc in self.month.get("incidents", []):
            candidates.append(("confidentiality.compensation", inc["id"]))
        out = []
        for i in range(r.randint(1, 3)):
            cid, subject = self.pick(candidates)
            kind = self.pick(["expired", "valid", "today", "open"], [25, 40, 10, 25])
            if kind == "expired":
                expires: str | None = iso(self.as_of - timedelta(days=r.randint(1, 90)))
            elif kind == "valid":
                expires = iso(self.as_of + timedelta(days=r.randint(1, 120)))
            elif kind == "today":
                expires = iso(self.as_of)
            else:
                expires = None if self.open_waivers_on else "2199-12-31"
            doc: dict[str, Any] = {
                "id": cid,
                "subject": subject,
                "reason": f"W{i + 1}: 双方协商豁免",
                "approved_by": "法务部 李四",
                "expires": expires,
            }
            if subject is None and self.chance(0.5):
                del doc["subject"]
            out.append(doc)
        self.month["waivers"] = out


def _fen(text: str) -> int:
    """'35000.50' → 3500050 (two decimals at most in what the generator writes)."""
    whole, _, frac = text.partition(".")
    return int(whole) * 100 + int((frac + "00")[:2])


def _money(fen: int) -> str:
    return f"{fen // 100}.{fen % 100:02d}"


def _dec_add(text: str, delta: str) -> str:
    """Decimal addition on short strings without floats: '85' + '-0.1' → '84.9'."""
    from decimal import Decimal

    value = Decimal(text) + Decimal(delta)
    return str(max(value, Decimal(0)))


def _stamp(moment: datetime, style: str) -> str:
    if style == "naive":  # local time in the contract's zone (SPEC §2)
        return moment.replace(tzinfo=None).isoformat()
    if style == "utc":
        return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")
    return moment.isoformat()


def generate(seed: int, *, cap: bool | None = None, open_waivers: bool | None = None) -> tuple[dict, dict]:
    """(contract, month) for `seed`; the month names its contract as "contract.json" (see write())."""
    gen = _Gen(
        seed,
        FEATURES["cap"] if cap is None else cap,
        FEATURES["open_waivers"] if open_waivers is None else open_waivers,
    )
    return gen.build()


def write(directory: Path, contract: dict, month: dict) -> Path:
    """contract.json and month.json in `directory`; returns the month's path."""
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "contract.json").write_text(json.dumps(contract, ensure_ascii=False, indent=2), encoding="utf-8")
    path = directory / "month.json"
    path.write_text(json.dumps(month, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


# ----------------------------------------------------------------------------------------------- running


def run_month(contract: dict, month: dict, cal: Any = None, lang: str = "zh") -> dict[str, Any]:
    """Check one generated pair in-process, as `kefu-check --format json month.json` would.

    Returns {"code": 0|1|2|3, "json": the output text (masked like the CLI's) or None, "error": the one
    line (exit 2) or the traceback (exit 3), "diagnostics": the stderr lines}."""
    import traceback
    from decimal import Decimal

    from kefu_check.calendar import Calendar, CalendarGap
    from kefu_check.check import check_loaded
    from kefu_check.errors import InputError
    from kefu_check.load import Loaded, load_contract_data, validate
    from kefu_check.models import MonthFacts
    from kefu_check.redact import redact
    from kefu_check.render import exit_code, to_json

    try:
        # the bytes a file would hold, read back as the loader reads them (numbers as Decimal)
        month_data = json.loads(json.dumps(month, ensure_ascii=False), parse_float=Decimal)
        contract_data = json.loads(json.dumps(contract, ensure_ascii=False), parse_float=Decimal)
        facts = validate(MonthFacts, month_data, "month.json")
        terms, blanks = load_contract_data(contract_data, "contract.json")
        loaded = Loaded(facts, terms, "month.json", "contract.json", blanks)
        result = check_loaded(loaded, cal or Calendar(), lang)  # type: ignore[arg-type]
        text = redact(to_json(result), [result.private], False)
        return {
            "code": exit_code([result], "error"),
            "json": text,
            "error": None,
            "diagnostics": list(result.diagnostics),
        }
    except (InputError, CalendarGap) as refused:
        return {"code": 2, "json": None, "error": str(refused), "diagnostics": []}
    except Exception:
        return {"code": 3, "json": None, "error": traceback.format_exc(), "diagnostics": []}


Task = tuple  # (contract, month) or (contract, month, lang)


def _run_task(task: Task, cal: Any) -> dict[str, Any]:
    contract, month, *lang = task
    return run_month(contract, month, cal=cal, lang=lang[0] if lang else "zh")


def _worker(conn: Any, tasks: Sequence[Task], start: int) -> None:
    from kefu_check.calendar import Calendar

    cal = Calendar()
    for i in range(start, len(tasks)):
        conn.send((i, _run_task(tasks[i], cal)))
    conn.send(None)
    conn.close()


def run_all(tasks: Sequence[Task], isolate: bool = True) -> list[dict[str, Any]]:
    """run_month() over every task, in a forked worker process: a C-level crash of the rule engine
    (a signal) is recorded as that task's outcome (code -signal) and a new worker goes on."""
    if not isolate or not hasattr(os, "fork"):
        from kefu_check.calendar import Calendar

        cal = Calendar()
        return [_run_task(t, cal) for t in tasks]
    import multiprocessing

    ctx = multiprocessing.get_context("fork")
    results: list[dict[str, Any] | None] = [None] * len(tasks)
    i = 0
    while i < len(tasks):
        receive, send = ctx.Pipe(duplex=False)
        worker = ctx.Process(target=_worker, args=(send, tasks, i), daemon=True)
        worker.start()
        send.close()
        while True:
            try:
                message = receive.recv()
            except EOFError:
                break
            if message is None:
                break
            j, outcome = message
            results[j] = outcome
            i = j + 1
        receive.close()
        worker.join()
        if i < len(tasks) and results[i] is None:
            code = worker.exitcode if worker.exitcode is not None else -1
            results[i] = {
                "code": code if code < 0 else 3,
                "json": None,
                "diagnostics": [],
                "error": f"the worker process died (exit code {code}) while checking this month",
            }
            i += 1
    return [r for r in results if r is not None]


# ----------------------------------------------------------------------------------------------- reduction


def _paths(doc: Any, prefix: tuple = ()) -> list[tuple]:
    """Every key and list index of `doc`, outermost first (so that big cuts are tried first)."""
    level: list[tuple] = []
    deeper: list[tuple] = []
    items = doc.items() if isinstance(doc, dict) else enumerate(doc) if isinstance(doc, list) else ()
    for key, value in items:
        level.append((*prefix, key))
        deeper += _paths(value, (*prefix, key))
    return level + deeper


def _drop(doc: Any, path: tuple) -> Any:
    out = copy.deepcopy(doc)
    node = out
    for key in path[:-1]:
        node = node[key]
    del node[path[-1]]
    return out


KEEP = {("schema",), ("contract",), ("period",)}


def reduce_pair(
    contract: dict, month: dict, fails: Callable[[dict, dict], bool], budget: int = 700
) -> tuple[dict, dict]:
    """Drop list items and object keys, one at a time, while `fails(contract, month)` stays true (the
    predicate decides validity too: a pair the checker refuses does not fail the property)."""
    docs = [copy.deepcopy(contract), copy.deepcopy(month)]
    tries = 0
    progress = True
    while progress and tries < budget:
        progress = False
        for which in (1, 0):
            for path in _paths(docs[which]):
                if (which == 1 and path in KEEP) or tries >= budget:
                    continue
                trial = list(docs)
                trial[which] = _drop(docs[which], path)
                tries += 1
                if fails(*trial):
                    docs, progress = trial, True
                    break
            if progress:
                break
    return docs[0], docs[1]


# ----------------------------------------------------------------------------------------------- coverage


def catalogue_ids() -> list[str]:
    from kefu_check.catalogue import CONSEQUENCES

    return sorted(CONSEQUENCES)


def month_traits(contract: dict, month: dict, doc: dict | None) -> set[str]:
    """What kind of month this is (for the coverage report): shapes of the input and chains in the output."""
    t: set[str] = set()
    term = contract["term"]
    first = month["period"] + "-01"
    as_of = month.get("as_of") or iso(cycle_bounds(month["period"])[1])
    if as_of < term["start"]:
        t.add("input: as_of before the term")
    elif as_of > term["end"]:
        t.add("input: as_of after the (original) end")
    else:
        t.add("input: as_of inside the term")
    if first < term["start"] <= iso(cycle_bounds(month["period"])[1]):
        t.add("input: period straddles the start")
    fees = contract["fees"]
    t.add(f"input: fees {fees['method']}, cycle {fees['cycle']}")
    invoices = month.get("invoices", [])
    if any(len(i.get("payments", [])) >= 2 for i in invoices):
        t.add("input: an invoice paid in several payments")
    if any(i["cycle"][5] == "Q" for i in invoices):
        t.add("input: a YYYY-Qn invoice")
    std = contract.get("standards") or {}
    hours = std.get("service_hours")
    if hours:
        t.add(f"input: {len(hours['days'])}-day week, calendar {hours.get('calendar')}")
        if hours["start"] == "00:00" and hours["end"] == "24:00":
            t.add("input: service hours 00:00-24:00")
    if (std.get("report") or {}).get("every") == "quarter":
        t.add("input: quarterly reports")
    if "service_credit_cap_percent" in (contract.get("remedies") or {}):
        t.add("input: a credit cap")
    if any(w.get("expires") is None for w in month.get("waivers", [])):
        t.add("input: a waiver without end date")
    if sum(1 for n in month.get("notices", []) if n["kind"] == "renewal_objection" and not n["written"]) >= 2:
        t.add("input: several oral objections")
    if month.get("as_of") and month["as_of"] > iso(cycle_bounds(month["period"])[1]):
        t.add("input: as_of after the period")
    if _has_holiday(month["period"]):
        t.add("input: a month with a statutory holiday")
    if hours and hours.get("timezone") == "Europe/Berlin":
        t.add("input: service hours in a zone with daylight saving time")
    outages = sorted((_moment(o["start"]), _moment(o["end"])) for o in month.get("outages", []))
    if any(b[0] < a[1] for a, b in itertools.pairwise(outages)):
        t.add("input: overlapping outages")
    if fees["method"] == "per_usage" and "usage" in month:
        t.add("input: per_usage with the month's usage")
    if any(
        sum(_fen(p["amount"]) for p in i.get("payments", [])) < _fen(i["amount"]) for i in invoices if i.get("payments")
    ):
        t.add("input: an invoice partly paid")
    if sum(1 for n in month.get("notices", []) if n["from"] == "provider" and n["kind"] == "non_renewal") >= 2:
        t.add("input: several provider notices")
    if doc is None:
        return t
    cs = doc["consequences"]
    ids = Counter(c["id"] for c in cs)
    distinct = len(ids)
    for n in (3, 5, 8):
        if distinct >= n:
            t.add(f"output: >= {n} different ids")
    if ids["sla.service_credit"] and any(c["excused_by"] for c in cs):
        t.add("output: a credit and an excused breach")
    if any(c["excused_by"] for c in cs):
        t.add("output: an excused breach")
    if ids["service.wrongful_suspension"] and ids["sla.availability"]:
        t.add("output: wrongful suspension and availability breach")
    if ids["service.wrongful_suspension"] and any(
        c["id"] == "sla.service_credit" and (c["subject"] or "").startswith("sla.availability") for c in cs
    ):
        t.add("output: chain wrongful suspension -> availability -> its credit")
    if ids["payment.suspension_right"] and ids["service.wrongful_suspension"] and ids["service.lawful_suspension"]:
        t.add("output: suspension right, lawful and wrongful days")
    if ids["renewal.auto_renewed"] >= 2:
        t.add("output: >= 2 renewals")
    if ids["renewal.objection_late"] and ids["renewal.ended_by_objection"]:
        t.add("output: objection late for one term, ending the next")
    if ids["renewal.objection_not_written"] >= 2:
        t.add("output: >= 2 objection_not_written")
    if len({c["subject"] for c in cs if c["id"] == "sla.first_response"}) >= 2:
        t.add("output: sla.first_response on >= 2 channels")
    if ids["sla.service_credit"] >= 2:
        t.add("output: >= 2 credits")
    if any(c["waived_by"] for c in cs):
        t.add("output: a waived consequence")
    if doc["metrics"]["downtime_month_minutes"] not in (None, 0):
        t.add("output: downtime this month")
    remedies = contract.get("remedies") or {}
    credits = [c for c in cs if c["id"] == "sla.service_credit" and c["amount"] is not None]
    if credits and remedies.get("service_credit_percent") and fees["method"] == "fixed_monthly":
        full = _fen(fees["monthly_fee"]) * _fen(remedies["service_credit_percent"]) // 10000
        if any(_fen(c["amount"]) < full for c in credits):
            t.add("output: a credit cut by the cap")
        if any(c["amount"] == "0.00" for c in credits) and full:
            t.add("output: a credit cut to 0.00")
    if ids["sla.service_credit"] and any(c["amount"] is None for c in cs if c["id"] == "sla.service_credit"):
        t.add("output: a credit without amount (no month's fee)")
    if ids["report.late"] and ids["report.missing"]:
        t.add("output: report.late and report.missing")
    if len({c["id"] for c in cs if c["id"].startswith("renewal.")}) >= 3:
        t.add("output: >= 3 kinds of renewal.*")
    if not any(c["severity"] == "error" for c in cs) and any(c["severity"] == "warning" for c in cs):
        t.add("output: warnings only (exit 0)")
    if not cs:
        t.add("output: nothing at all")
    return t


def _moment(text: str) -> datetime:
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone(timedelta(hours=8)))


_HOLIDAY_MONTHS: dict[str, bool] = {}


def _has_holiday(period: str) -> bool:
    if period not in _HOLIDAY_MONTHS:
        from kefu_check.calendar import DEFAULT

        first, last = cycle_bounds(period)
        days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
        _HOLIDAY_MONTHS[period] = any(DEFAULT.is_holiday(d) for d in days)
    return _HOLIDAY_MONTHS[period]


def coverage(count: int, seed: int = 0, out: Callable[[str], None] = print) -> dict[str, Counter]:
    """Generate `count` months from `seed` on, check them in-process, print how often each id and trait occurs."""
    import time

    started = time.perf_counter()
    pairs = [generate(s) for s in range(seed, seed + count)]
    outcomes = run_all(pairs)
    elapsed = time.perf_counter() - started
    per_id: Counter = Counter()
    raised_total: Counter = Counter()
    traits: Counter = Counter()
    codes: Counter = Counter()
    for (contract, month), outcome in zip(pairs, outcomes, strict=True):
        codes[outcome["code"]] += 1
        doc = json.loads(outcome["json"]) if outcome["json"] else None
        if doc is not None:
            ids = [c["id"] for c in doc["consequences"]]
            per_id.update(set(ids))
            raised_total.update(ids)
        traits.update(month_traits(contract, month, doc))
    out(f"{count} months (seeds {seed}..{seed + count - 1}) generated and checked in {elapsed:.1f} s")
    out("exit codes: " + ", ".join(f"{k}: {v}" for k, v in sorted(codes.items())))
    out("")
    out(f"{'consequence id':36} {'months':>7} {'raised':>7}")
    for cid in catalogue_ids():
        flag = "" if per_id[cid] else "   <-- never"
        out(f"{cid:36} {per_id[cid]:>7} {raised_total[cid]:>7}{flag}")
    out("")
    out(f"{'combination / input shape':60} {'months':>7}")
    for trait, n in sorted(traits.items()):
        out(f"{trait:60} {n:>7}")
    return {"ids": per_id, "traits": traits, "codes": codes}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=0, help="first seed (default 0)")
    parser.add_argument("--count", type=int, default=1, help="how many months (default 1)")
    parser.add_argument("--out", type=Path, help="write DIR/NNNN/contract.json + month.json")
    parser.add_argument("--coverage", action="store_true", help="check the months in-process and count ids")
    parser.add_argument("--no-cap", action="store_true", help="leave remedies.service_credit_cap_percent out")
    parser.add_argument("--no-open-waivers", action="store_true", help="no waiver with expires: null")
    args = parser.parse_args(argv)
    if args.no_cap:
        FEATURES["cap"] = False
    if args.no_open_waivers:
        FEATURES["open_waivers"] = False
    if args.coverage:
        coverage(args.count, args.seed)
        return 0
    if args.out is None:
        contract, month = generate(args.seed)
        json.dump({"contract": contract, "month": month}, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    for n in range(args.count):
        contract, month = generate(args.seed + n)
        write(args.out / f"{n:04d}", contract, month)
    print(f"wrote {args.count} months to {args.out}/0000 … {args.out}/{args.count - 1:04d}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
