#!/usr/bin/env python3
"""Write fixtures/exports/: a contract and small, seeded contact-centre exports for `kefu-check facts`.

Random rows (seeded: the same files every run) plus hand-picked rows at each boundary the metrics have
(named B-… in the id column; fixtures/exports/notes.md explains each), and a few bad rows. Formats:
calls.csv UTF-8 with BOM, chats.csv GBK with Chinese column names (mapping.toml), tickets.xlsx (openpyxl),
surveys/outages/invoices/payments.csv plain UTF-8.

    .venv/bin/python scripts/gen-exports.py [OUT_DIR]     # default fixtures/exports
"""

from __future__ import annotations

import csv
import io
import json
import random
import sys
import zipfile
from datetime import datetime, timedelta
from pathlib import Path

SEED = 20261001
FIXED_ZIP_TIME = (2026, 1, 1, 0, 0, 0)

CONTRACT = {
    "schema": "kefu-check/contract@1",
    "id": "KF-2026-EXPORTS",
    "provider": {"name": "上海云聆客服外包有限公司"},
    "client": {"name": "杭州青禾母婴用品有限公司"},
    "standards": {
        "first_response": {
            "phone": {"within_seconds": 20, "target_ratio": "0.80"},
            "chat": {"within_seconds": 30, "target_ratio": "0.90"},
            "email": {"within_seconds": 14400, "target_ratio": "0.90"},
        },
        "service_hours": {
            "days": ["mon", "tue", "wed", "thu", "fri"],
            "start": "09:00",
            "end": "18:00",
            "timezone": "Asia/Shanghai",
            "calendar": "statutory",
        },
        "availability": {"min_percent": "99.5", "year": "contract", "excluded_causes": ["client", "force_majeure"]},
        "resolution": {"within": 2, "unit": "working_days", "target_ratio": "0.95"},
        "satisfaction": {"min": "85", "scale": "percent", "method": "share_satisfied", "scale_max": 5},
    },
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

MAPPING = """\
# The chat system exports Chinese column names (and GBK): map them to kefu-check's.
[chats]
id = "会话编号"
arrived_at = "接入时间"
first_response_at = "首次回复时间"
abandoned_at = "放弃时间"
agent = "客服"
"""

START = datetime(2026, 9, 30, 20, 0)  # a little of September and of November: rows outside the period
SPAN = int((datetime(2026, 11, 1, 4, 0) - START).total_seconds())


def iso(moment: datetime | None, sep: str = "T") -> str:
    return "" if moment is None else moment.isoformat(sep=sep)


def requests(rng: random.Random, prefix: str, n: int, agents: list[str]) -> list[list[str]]:
    """Random requests: mostly answered within a minute, some abandoned, some answered by a bot, some never."""
    rows = []
    for i in range(1, n + 1):
        arrived = START + timedelta(seconds=rng.randrange(SPAN))
        kind = rng.random()
        response = abandoned = None
        agent = rng.choice(agents)
        if kind < 0.08:
            abandoned, agent = arrived + timedelta(seconds=rng.randrange(1, 61)), ""
        elif kind < 0.13:
            response, agent = arrived + timedelta(seconds=rng.randrange(0, 10)), ""  # a bot's reply
        elif kind < 0.16:
            pass  # never answered
        else:
            response = arrived + timedelta(seconds=rng.randrange(0, 61))
        rows.append([f"{prefix}{i:04d}", iso(arrived), iso(response), iso(abandoned), agent])
    return rows


def calls(rng: random.Random) -> list[list[str]]:
    rows = requests(rng, "P", 280, [f"A{k:02d}" for k in range(1, 13)])
    rows[16][1] = datetime.fromisoformat(rows[16][1]).replace().isoformat() + "+08:00"  # an explicit offset
    rows += [
        ["B-AT-LIMIT", "2026-10-09T10:00:00", "2026-10-09T10:00:20", "", "A01"],
        ["B-ONE-LATE", "2026-10-09T10:05:00", "2026-10-09T10:05:21", "", "A01"],
        ["B-ABANDON-AT", "2026-10-09T10:10:00", "", "2026-10-09T10:10:20", ""],
        ["B-ABANDON-AFTER", "2026-10-09T10:15:00", "", "2026-10-09T10:15:21", ""],
        ["B-BOT", "2026-10-09T10:20:00", "2026-10-09T10:20:02", "", ""],
        ["B-LAST-SECOND", "2026-10-31T23:59:59", "2026-10-31T23:59:59", "", "A02"],
        ["B-NEXT-MONTH", "2026-11-01T00:00:00", "2026-11-01T00:00:05", "", "A02"],
        ["B-UTC-INSIDE", "2026-10-31T15:59:59Z", "2026-10-31T16:00:10Z", "", "A03"],
        ["B-UTC-OUTSIDE", "2026-10-31T16:00:00Z", "2026-10-31T16:00:10Z", "", "A03"],
        ["B-FIRST-SECOND", "2026-10-01T00:00:00+08:00", "2026-10-01T00:00:30+08:00", "", "A04"],
        ["B-BAD-TIME", "2026-10-1x 10:00", "", "", "A05"],
        ["B-BEFORE", "2026-10-12T11:00:00", "2026-10-12T10:59:59", "", "A05"],
        ["P0007", "2026-10-12T12:00:00", "2026-10-12T12:00:05", "", "A06"],  # P0007 again: duplicate id
    ]
    return rows


def chats(rng: random.Random) -> list[list[str]]:
    rows = requests(rng, "C", 200, ["小王", "小李", "小张", "小陈"])
    for row in rows:  # this system writes a space between date and time
        row[1:4] = [v.replace("T", " ") for v in row[1:4]]
    rows += [
        ["B-CHAT-AT-LIMIT", "2026-10-20 14:00:00", "2026-10-20 14:00:30", "", "小王"],
        ["B-CHAT-ONE-LATE", "2026-10-20 14:01:00", "2026-10-20 14:01:31", "", "小王"],
    ]
    return rows


def tickets(rng: random.Random) -> list[list[object]]:
    rows: list[list[object]] = []
    for i in range(1, 191):
        opened = START + timedelta(seconds=rng.randrange(SPAN))
        resolved = None if rng.random() < 0.1 else opened + timedelta(minutes=rng.randrange(30, 6 * 24 * 60))
        rows.append([f"T{i:04d}", opened, resolved])
    rows += [
        # National Day: opened on a holiday; 2 working days = 10-08, 10-09 → limit 10-09 18:00
        ["B-HOLIDAY-AT-LIMIT", datetime(2026, 10, 1, 10, 0), datetime(2026, 10, 9, 18, 0, 0)],
        ["B-HOLIDAY-ONE-LATE", datetime(2026, 10, 2, 11, 0), datetime(2026, 10, 9, 18, 0, 1)],
        # opened Fri 10-09: Sat 10-10 is an adjusted working day → limit Mon 10-12 18:00
        ["B-TIAOXIU", datetime(2026, 10, 9, 17, 0), datetime(2026, 10, 12, 17, 59, 59)],
        # opened Fri 10-30, limit Tue 11-03 18:00: open at the period's end → not yet due (pending)
        ["B-OPEN-PENDING", datetime(2026, 10, 30, 9, 0), None],
        # opened Mon 10-26, limit Wed 10-28 18:00: still open at the end → late
        ["B-OPEN-LATE", datetime(2026, 10, 26, 9, 0), None],
        ["B-SEPTEMBER", datetime(2026, 9, 30, 23, 59, 59), datetime(2026, 10, 8, 9, 0)],
        ["B-RESOLVED-BEFORE", datetime(2026, 10, 13, 9, 0), datetime(2026, 10, 13, 8, 0)],
    ]
    return rows


def surveys(rng: random.Random) -> list[list[str]]:
    rows = []
    for i in range(1, 151):
        answered = START + timedelta(seconds=rng.randrange(SPAN))
        score = rng.choices([1, 2, 3, 4, 5], weights=[3, 3, 8, 30, 56])[0]
        rows.append([f"S{i:04d}", iso(answered), str(score)])
    rows += [
        ["B-SCORE-TEXT", "2026-10-15T10:00:00", "很好"],
        ["B-SCORE-SIX", "2026-10-15T10:01:00", "6"],
    ]
    return rows


OUTAGES = [
    ["OUT-1", "2026-09-30T17:30:00", "2026-10-01T10:00:00", "provider"],  # straddles the start: clipped
    ["OUT-2", "2026-10-12T10:00:00+08:00", "2026-10-12T11:30:00+08:00", "provider"],
    ["OUT-3", "2026-10-20T14:00:00", "2026-10-20T14:45:00", "client"],
    ["OUT-4", "2026-10-31T17:00:00", "", "provider"],  # still going on: up to the period's end
    ["OUT-5", "2026-11-03T09:00:00", "2026-11-03T10:00:00", "provider"],  # outside
    ["OUT-6", "2026-10-21T09:00:00", "2026-10-21T08:00:00", "provider"],  # bad: ends before it starts
]
# as a finance team writes them: every form is read exactly (an unreadable money row would stop the command)
INVOICES = [
    ["INV-2026-08", "2026-08", "20000.00"],  # settled in September: left out
    ["INV-2026-09", "2026年9月", "20,000.00"],
]
PAYMENTS = [
    ["INV-2026-08", "2026-09-14", "20000.00"],
    ["INV-2026-09", "2026/10/20", "10000.00"],
    ["INV-2026-09", "2026年10月26日", "¥10,000.00"],
]


def write_csv(path: Path, header: list[str], rows: list[list[str]], encoding: str) -> None:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerows([header, *rows])
    path.write_bytes(buffer.getvalue().encode(encoding))


def write_xlsx(path: Path, header: list[str], rows: list[list[object]]) -> None:
    """The sheet with Excel date-time cells; zip entries get a fixed time so the bytes are reproducible."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "工单"
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    fixed = datetime(2026, 1, 1)
    book.properties.created = book.properties.modified = fixed
    raw = io.BytesIO()
    book.save(raw)
    with zipfile.ZipFile(io.BytesIO(raw.getvalue())) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl stamps `modified` with the wall clock
                data = _fixed_modified(data)
            out.writestr(zipfile.ZipInfo(info.filename, FIXED_ZIP_TIME), data, zipfile.ZIP_DEFLATED)


def _fixed_modified(core: bytes) -> bytes:
    import re

    return re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(<)", rb"\g<1>2026-01-01T00:00:00Z\g<2>", core)


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(SEED)
    request_header = ["id", "arrived_at", "first_response_at", "abandoned_at", "agent"]
    (out / "contract.json").write_text(json.dumps(CONTRACT, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    (out / "mapping.toml").write_text(MAPPING, encoding="utf-8")
    write_csv(out / "calls.csv", request_header, calls(rng), "utf-8-sig")
    write_csv(out / "chats.csv", ["会话编号", "接入时间", "首次回复时间", "放弃时间", "客服"], chats(rng), "gbk")
    write_xlsx(out / "tickets.xlsx", ["id", "opened_at", "resolved_at"], tickets(rng))
    write_csv(out / "surveys.csv", ["id", "answered_at", "score"], surveys(rng), "utf-8")
    write_csv(out / "outages.csv", ["id", "start", "end", "cause"], OUTAGES, "utf-8")
    write_csv(out / "invoices.csv", ["id", "cycle", "amount"], INVOICES, "utf-8")
    write_csv(out / "payments.csv", ["invoice_id", "date", "amount"], PAYMENTS, "utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent / "fixtures" / "exports")
