"""Issue 6's four speed targets in one run, one table with each target and PASS/MISS.

Run from the repository root:  .venv/bin/python bench/bench_all.py [--quick] [--files 10000] [--memory 50000]

1. start-up: `kefu-check --format json` on the demo month vs the import floor (bench.py's interleaved rounds);
2. in-process evaluations per second (`check_loaded` on the demo month, fresh Calendar each time);
3. a portfolio batch: N varied contract-months (bench_batch.generate, then bench/vary.py) in one
   `kefu-check --format json --jobs 2` call;
4. memory: M evaluations of varied months in this process, RSS sampled every K, the growth after warm-up.

It ends with the same figures as the markdown table of docs/performance.md, to paste there. Numbers only:
nothing asserts on timing; the exit code is 0 unless the bench itself breaks (an input refused, a lost file).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from bench_batch import generate
from bench_batch import run as run_batch
from soak import rss_mb
from vary import month_text, vary

from bench import CLI_RATIO_TARGET, EVALS_TARGET, demo_month, rate, startup, table, verdict

BATCH_TARGET_S = 60.0
MEMORY_TARGET_MB = 50.0


@dataclass(frozen=True)
class Row:
    measure: str
    value: str
    detail: str
    target: str
    ok: bool | None  # None: no target

    @property
    def result(self) -> str:
        return "" if self.ok is None else verdict(self.ok)


def machine() -> str:
    """nproc, CPU model, RAM and Python, as docs/performance.md states them."""
    cpuinfo = Path("/proc/cpuinfo").read_text() if Path("/proc/cpuinfo").exists() else ""
    model = next((ln.split(":", 1)[1].strip() for ln in cpuinfo.splitlines() if ln.startswith("model name")), "?")
    meminfo = Path("/proc/meminfo").read_text() if Path("/proc/meminfo").exists() else ""
    kb = next((int(ln.split()[1]) for ln in meminfo.splitlines() if ln.startswith("MemTotal:")), 0)
    return (
        f"nproc {os.cpu_count()} ({model}), RAM {kb / 1024 / 1024:.1f} GiB, "
        f"Python {platform.python_version()} ({platform.machine()})"
    )


def measure_startup(month: Path, runs: int) -> Row:
    walls = startup(month, runs)
    (cli, cli_min, _), (floor, floor_min, _) = walls["cli"], walls["floor"]
    return Row(
        "CLI --format json / import floor",
        f"{cli / floor:.2f}x",
        f"CLI {cli * 1000:.0f} ms, floor {floor * 1000:.0f} ms (medians of {runs}); ratio of mins "
        f"{cli_min / floor_min:.2f}x",
        f"<= {CLI_RATIO_TARGET}x",
        cli / floor <= CLI_RATIO_TARGET,
    )


def measure_rate(month: Path, seconds: float) -> Row:
    from kefu_check.calendar import Calendar
    from kefu_check.check import check_loaded
    from kefu_check.load import load_month

    loaded = load_month(month)
    per_s, n = rate(lambda: check_loaded(loaded, Calendar(), "zh"), seconds)
    return Row(
        "in-process evaluations (demo month)",
        f"{per_s:,.0f}/s",
        f"check_loaded, fresh Calendar, {1000 / per_s:.2f} ms each, n={n}, one core",
        f">= {EVALS_TARGET:,.0f}/s",
        per_s >= EVALS_TARGET,
    )


def varied_files(folder: Path, count: int, seed: int) -> list[Path]:
    """`count` month files, each a seeded variation of a fixture month (bench_batch.generate, then vary)."""
    rng = random.Random(seed)
    paths = generate(folder, count)
    for i, path in enumerate(paths):
        path.write_text(month_text(vary(json.loads(path.read_text(encoding="utf-8")), rng, i)), encoding="utf-8")
    return paths


def measure_batch(count: int, jobs: int, seed: int) -> Row:
    with tempfile.TemporaryDirectory(prefix="kefu-bench-portfolio-") as tmp:
        paths = varied_files(Path(tmp), count, seed)
        docs = [json.loads(p.read_text(encoding="utf-8")) for p in paths]
        seconds, out, code = run_batch(paths, jobs)
    lines = out.count(b"\n")
    if code not in (0, 1) or lines != count:
        raise SystemExit(f"bench: the portfolio batch exited {code} with {lines} of {count} results")
    periods = len({d["period"] for d in docs})
    contracts = len({d["contract"]["id"] for d in docs})
    return Row(
        f"portfolio batch, {count:,} months, --jobs {jobs}",
        f"{seconds:.1f} s",
        f"{count / seconds:,.0f} months/s; {contracts:,} contracts, {periods} periods, one kefu-check call",
        f"< {BATCH_TARGET_S:.0f} s",
        seconds < BATCH_TARGET_S,
    )


def measure_memory(evaluations: int, every: int, seed: int, pool_size: int = 500) -> tuple[Row, list[str]]:
    """RSS while `evaluations` varied months are checked in this process; the first sample follows a warm-up pass."""
    from kefu_check.calendar import Calendar
    from kefu_check.check import check_loaded
    from kefu_check.load import load_month

    with tempfile.TemporaryDirectory(prefix="kefu-bench-memory-") as tmp:
        pool = [load_month(p) for p in varied_files(Path(tmp), pool_size, seed)]
    cal = Calendar()
    for loaded in pool:  # warm-up: every code path, every year's calendar, the engine compiled
        check_loaded(loaded, cal, "zh")
    series = [(0, rss_mb())]
    t0 = time.perf_counter()
    for i in range(evaluations):
        check_loaded(pool[i % pool_size], cal, "zh")
        if (i + 1) % every == 0 or i + 1 == evaluations:
            series.append((i + 1, rss_mb()))
    seconds = time.perf_counter() - t0
    growth = series[-1][1] - series[0][1]
    peak = max(mb for _, mb in series)
    row = Row(
        f"memory, {evaluations:,} evaluations in one process",
        f"{growth:+.1f} MB",
        f"RSS {series[0][1]:.1f} -> {series[-1][1]:.1f} MB (peak {peak:.1f}); "
        f"{evaluations / seconds:,.0f} varied evaluations/s",
        f"flat, < {MEMORY_TARGET_MB:.0f} MB growth",
        growth < MEMORY_TARGET_MB,
    )
    return row, [f"{n:>7,}: {mb:6.1f} MB" for n, mb in series]


def markdown(rows: list[Row]) -> str:
    """The table of docs/performance.md."""
    out = ["| measure | measured | detail | target | result |", "| --- | --- | --- | --- | --- |"]
    out += [f"| {r.measure} | {r.value} | {r.detail} | {r.target} | {r.result} |" for r in rows]
    return "\n".join(out)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="shorter runs: 5 CLI rounds, 2,000 files, 10,000 evaluations")
    ap.add_argument("--runs", type=int, help="CLI rounds (default 15)")
    ap.add_argument("--seconds", type=float, help="seconds of the in-process rate (default 3)")
    ap.add_argument("--files", type=int, help="months in the portfolio batch (default 10,000)")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--memory", type=int, help="evaluations of the memory run (default 50,000)")
    ap.add_argument("--every", type=int, help="RSS sampled every N evaluations (default 5,000)")
    ap.add_argument("--seed", type=int, default=6)
    args = ap.parse_args()
    quick = args.quick
    runs = args.runs or (5 if quick else 15)
    seconds = args.seconds or (1.0 if quick else 3.0)
    files = args.files or (2_000 if quick else 10_000)
    memory = args.memory or (10_000 if quick else 50_000)
    every = args.every or max(1, memory // 10)

    month = demo_month(None)
    print(f"machine: {machine()}")
    print(f"month:   {month}; seed {args.seed}")
    rows = []
    for step in (
        lambda: measure_startup(month, runs),
        lambda: measure_rate(month, seconds),
        lambda: measure_batch(files, args.jobs, args.seed),
    ):
        rows.append(step())
        print(f"  {rows[-1].measure}: {rows[-1].value}", flush=True)
    memory_row, series = measure_memory(memory, every, args.seed)
    rows.append(memory_row)
    print("RSS series (evaluations: resident set size)")
    print("\n".join(f"  {s}" for s in series))
    print()
    print(table([(r.measure, r.value, r.detail, r.target, r.result) for r in rows],
                ("measure", "value", "detail", "target", "result")))
    print()
    print("for docs/performance.md:")
    print(markdown(rows))


if __name__ == "__main__":
    main()
