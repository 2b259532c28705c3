"""Benchmark `kefu-check analyze` over a long sequence: 36 generated months of one contract (2023–2025).

Run from the repository root:  .venv/bin/python bench/bench_analyze.py [--months N]

Prints the wall time of the CLI (a fresh process, as a user runs it) and of the in-process evaluation
for 12, 24 and 36 months, to show the cost grows linearly with the months (the carried state is kept
incrementally, never re-derived). Target: 36 months under 2 s. Numbers only, nothing asserted.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_SECONDS = 2.0

# the fixture's contract (99.5 % a contract year, 5 % credits), its term moved to years the calendar knows
CONTRACT = {
    **json.loads((ROOT / "fixtures/sequences/dispute-quarter/contract.json").read_text(encoding="utf-8")),
    "id": "KF-BENCH",
    "term": {"start": "2023-01-01", "end": "2025-12-31", "renewal": {"auto": False}},
}


def periods(n: int) -> list[str]:
    return [f"{2023 + k // 12}-{k % 12 + 1:02d}" for k in range(n)]


def month(k: int, period: str) -> dict:
    """A busy month: last month's invoice (every third paid late), an outage, figures, a report, notices."""
    year, mon = int(period[:4]), int(period[5:])
    prev = f"{year - 1}-12" if mon == 1 else f"{year}-{mon - 1:02d}"
    pay_day = 25 if k % 3 == 0 else 5
    doc: dict = {
        "schema": "kefu-check/month@1",
        "contract": "contract.json",
        "period": period,
        "first_response": {
            "phone": {"requests": 5000, "on_time": 3900 + 10 * (k % 20)},
            "chat": {"requests": 3000, "on_time": 2900},
        },
        "resolution": {"cases": 400, "on_time": 385},
        "satisfaction": {"score": "86", "respondents": 200},
        "outages": [
            {"id": f"OUT-{period}", "start": f"{period}-10T10:00:00+08:00", "end": f"{period}-10T10:45:00+08:00",
             "cause": "provider"}
        ],
        "reports": [{"period": prev, "delivered_on": f"{period}-03"}] if k else [],
        "notices": [{"date": f"{period}-02", "from": "provider", "kind": "other", "written": True}],
    }
    if k:
        payment = {"date": f"{period}-{pay_day:02d}", "amount": "20000.00"}
        doc["invoices"] = [{"id": f"INV-{prev}", "cycle": prev, "amount": "20000.00", "payments": [payment]}]
    return doc


def write(folder: Path, n: int) -> None:
    (folder / "contract.json").write_text(json.dumps(CONTRACT, ensure_ascii=False), encoding="utf-8")
    for k, period in enumerate(periods(n)):
        (folder / f"{period}.json").write_text(json.dumps(month(k, period), ensure_ascii=False), encoding="utf-8")


def in_process(folder: Path) -> tuple[float, int]:
    from kefu_check.calendar import Calendar
    from kefu_check.sequence.model import evaluate
    from kefu_check.sequence.months import load_sequence, months_in
    from kefu_check.sequence.story import as_json, timeline

    start = time.perf_counter()
    seq = evaluate(load_sequence(months_in(folder)), Calendar(), "zh")
    doc = as_json(seq, timeline(seq))
    return time.perf_counter() - start, len(doc["timeline"])


def cli(folder: Path, *extra: str) -> float:
    start = time.perf_counter()
    done = subprocess.run(
        [str(ROOT / ".venv" / "bin" / "kefu-check"), "analyze", str(folder), "--format", "json", *extra],
        capture_output=True,
        check=False,
    )
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):
        sys.exit(f"kefu-check exited {done.returncode}: {done.stderr.decode()}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--months", type=int, default=36)
    args = parser.parse_args()
    in_process(_warm())  # compile the rule set once, as a long-lived process would have
    for n in sorted({12, 24, args.months}):
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            write(folder, n)
            seconds, rows = in_process(folder)
            wall = min(cli(folder) for _ in range(3))
            print(f"{n:3d} months: CLI {wall:.2f} s (best of 3), in-process {seconds:.2f} s "
                  f"({1000 * seconds / n:.1f} ms a month), {rows} timeline rows")
            if n == args.months:
                html = min(cli(folder, "--html", str(folder / "report.html")) for _ in range(2))
                print(f"{n:3d} months with --html: CLI {html:.2f} s (best of 2)")
                verdict = "PASS" if wall < TARGET_SECONDS else "MISS"
                print(f"target: {n} months under {TARGET_SECONDS:.0f} s: {verdict}")


def _warm() -> Path:
    folder = Path(tempfile.mkdtemp())
    write(folder, 2)
    return folder


if __name__ == "__main__":
    main()
