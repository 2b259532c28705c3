"""Shared helpers: small valid contract and month documents, written to tmp_path and run through the CLI.

The CLI runs in-process through `kefu_check.cli.main` (the real entry point: exit codes, one-line
errors), with stdout and stderr captured by pytest's capsys.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from kefu_check.cli import main

# 2026 due days with 10 working days (verified against the State Council's 2026 arrangement):
# cycle 2026-06 → 2026-07-14; cycle 2026-09 → 2026-10-20 (National Day 10-01…10-07 off, Sat 10-10 on).
DUE_2026_06 = "2026-07-14"
DUE_2026_09 = "2026-10-20"

WEEKDAYS_9_TO_6 = {
    "days": ["mon", "tue", "wed", "thu", "fri"],
    "start": "09:00",
    "end": "18:00",
    "timezone": "Asia/Shanghai",
    "calendar": "statutory",
}


def statutory_days(year: int) -> list[str]:
    """The statutory holidays of a year (元旦, 春节, 劳动节, 端午, 中秋, 国庆: kefu_check.holidays.files.statutory_days,
    which test_holidays_files checks against the package's years): what every holidays file for a year the package
    does not know must make days off."""
    from kefu_check.holidays.files import statutory_days as days

    return sorted({d.isoformat() for d, _ in days(year)})  # 中秋 may be 国庆节's first day


def contract_dict(**sections: Any) -> dict[str, Any]:
    """A minimal valid contract (term 2026, fixed 20,000.00 a month, due in 10 working days, 万分之五,
    suspension after 30 days, no tacit renewal, no service standards). Keyword arguments replace
    top-level sections wholesale; `merge()` changes a nested value."""
    contract: dict[str, Any] = {
        "schema": "kefu-check/contract@1",
        "id": "KF-TEST-001",
        "provider": {"name": "上海某某客服外包有限公司"},
        "client": {"name": "杭州某某电子商务有限公司"},
        "term": {"start": "2026-01-01", "end": "2026-12-31", "renewal": {"auto": False}},
        "fees": {
            "method": "fixed_monthly",
            "monthly_fee": "20000.00",
            "cycle": "month",
            "due_working_days": 10,
            "late_fee_daily_rate": "0.0005",
            "suspend_after_days": 30,
        },
    }
    contract.update(copy.deepcopy(sections))
    return contract


def month_dict(period: str = "2026-10", **sections: Any) -> dict[str, Any]:
    """A month with nothing to report; keyword arguments add or replace sections."""
    month: dict[str, Any] = {"schema": "kefu-check/month@1", "contract": "contract.json", "period": period}
    month.update(copy.deepcopy(sections))
    return month


def merge(doc: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    """A copy of `doc` with the dotted `path` set to `value` (intermediate objects created)."""
    out = copy.deepcopy(doc)
    node = out
    *parents, last = path.split(".")
    for part in parents:
        node = node.setdefault(part, {})
    node[last] = value
    return out


def invoice(cycle: str, *payments: tuple[str, str], amount: str = "20000.00", id: str | None = None) -> dict:
    """An invoice for `cycle` with (date, amount) payments."""
    return {
        "id": id or f"INV-{cycle}",
        "cycle": cycle,
        "amount": amount,
        "payments": [{"date": d, "amount": a} for d, a in payments],
    }


@dataclass
class Run:
    code: int
    out: str
    err: str

    @property
    def doc(self) -> dict[str, Any]:
        return json.loads(self.out)

    @property
    def consequences(self) -> list[dict[str, Any]]:
        return self.doc["consequences"]

    def ids(self) -> list[str]:
        return [c["id"] for c in self.consequences]

    def find(self, cid: str, subject: Any = ...) -> list[dict[str, Any]]:
        """Consequences with this id (and subject, when given)."""
        return [c for c in self.consequences if c["id"] == cid and (subject is ... or c["subject"] == subject)]

    def one(self, cid: str, subject: Any = ...) -> dict[str, Any]:
        found = self.find(cid, subject)
        assert len(found) == 1, f"expected one {cid} ({subject}), got {found!r}; all: {self.ids()}"
        return found[0]


class Kefu:
    """Write documents into a temporary folder and run `kefu-check` on them."""

    def __init__(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        self.dir = tmp_path
        self.capsys = capsys

    def write(self, name: str, content: Any) -> Path:
        path = self.dir / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        elif isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            path.write_text(json.dumps(content, ensure_ascii=False, indent=2), encoding="utf-8")
        return path

    def run(self, *args: str) -> Run:
        self.capsys.readouterr()  # drop anything printed before
        return Run(*run_main(self.capsys, *(str(a) for a in args)))

    def check(self, contract: dict[str, Any], month: dict[str, Any], *args: str) -> Run:
        """Write contract.json and month.json, run `kefu-check --format json month.json ARGS`."""
        self.write("contract.json", contract)
        path = self.write("month.json", month)
        result = self.run("--format", "json", *args, path)
        assert result.code in (0, 1), f"exit {result.code}: {result.err}"
        return result


@pytest.fixture
def kefu(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Kefu:
    return Kefu(tmp_path, capsys)


def run_main(capsys: Any, *args: str) -> tuple[int, str, str]:
    """`kefu-check ARGS` in-process: (exit code, stdout, stderr)."""
    try:
        main(list(args))
        code = 0
    except SystemExit as done:
        code = done.code if isinstance(done.code, int) else (0 if done.code is None else 2)
    out, err = capsys.readouterr()
    return code, out, err
