"""kefu-check benchmark: CLI start-up vs the import floor, in-process evaluations per second, a profile.

Run from the repository root:  .venv/bin/python bench/bench.py [--profile] [--runs N] [--seconds S] [MONTH]

Reports numbers only; nothing here asserts on timing (PASS/MISS is printed, the exit code is always 0
unless the bench itself breaks).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import platform
import pstats
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = ROOT / ".venv" / "bin"
DEMO = ROOT / "fixtures" / "demo" / "month.json"
FALLBACK = Path("/work/shared/conformance/cases/04-suspension-right-lawful-suspension/month.json")

CLI_RATIO_TARGET = 1.3  # CLI wall time / import floor
EVALS_TARGET = 1000.0  # in-process evaluations per second, one core
FLOOR_IMPORTS = "import durable.lang, pydantic, click, tabulate"
# The floor plus BaseModel and one one-field model built and used (pydantic's plugin loader replaced as the console
# script replaces it): what a start-up that builds pydantic models would cost at least. The check builds none: it
# validates with pydantic-core from the models' cached core schema (kefu_check/records.py).
ONE_MODEL = (
    "import sys, types; loader = types.ModuleType('pydantic.plugin._loader'); loader.get_plugins = lambda: (); "
    "sys.modules['pydantic.plugin._loader'] = loader; " + FLOOR_IMPORTS + "; from pydantic import BaseModel; "
    "A = type('A', (BaseModel,), {'__annotations__': {'x': int}}); A.model_validate({'x': 1})"
)


def demo_month(arg: str | None) -> Path:
    if arg:
        return Path(arg).resolve()
    return DEMO if DEMO.exists() else FALLBACK


def cached_env(prefix: str) -> dict[str, str]:
    """The environment with bytecode caching on, its .pyc files under `prefix` (nothing written in the repo).

    Without this, PYTHONDONTWRITEBYTECODE=1 (set in some shells and CI) makes every run recompile all of
    kefu_check's sources, which an installed copy never does."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = prefix
    return env


def wall_times(
    cmds: dict[str, tuple[list[str], dict[str, str] | None]], runs: int, warmups: int = 2
) -> dict[str, tuple[float, float, float]]:
    """(median, min, max) wall seconds of each command, after `warmups` unmeasured rounds.

    The commands run interleaved, one of each per round, so that load from other processes on a shared
    machine falls on all of them alike rather than on whichever happened to run during a busy spell."""
    times: dict[str, list[float]] = {name: [] for name in cmds}
    for i in range(warmups + runs):
        for name, (cmd, env) in cmds.items():
            t0 = time.perf_counter()
            done = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT, env=env)
            elapsed = time.perf_counter() - t0
            if done.returncode not in (0, 1):  # 1 = consequences at/above --fail-on: a normal outcome
                raise SystemExit(f"bench: {cmd} exited {done.returncode}: {done.stderr.decode(errors='replace')}")
            if i >= warmups:
                times[name].append(elapsed)
    return {name: (statistics.median(t), min(t), max(t)) for name, t in times.items()}


def startup(month: Path, runs: int) -> dict[str, tuple[float, float, float]]:
    """(median, min, max) wall seconds of `cli` (`kefu-check --format json MONTH`), `floor` (the import floor),
    `one_model` (the floor and one pydantic model, `ONE_MODEL`) and `bare` (`python -c pass`), bytecode cached;
    plus `cli_nopyc` when the shell sets PYTHONDONTWRITEBYTECODE."""
    py = str(VENV_BIN / "python")
    cli_cmd = [str(VENV_BIN / "kefu-check"), "--format", "json", str(month)]
    with tempfile.TemporaryDirectory(prefix="kefu-bench-pyc-") as pyc:
        env = cached_env(pyc)
        cmds: dict[str, tuple[list[str], dict[str, str] | None]] = {
            "cli": (cli_cmd, env),
            "floor": ([py, "-c", FLOOR_IMPORTS], env),
            "one_model": ([py, "-c", ONE_MODEL], env),
            "bare": ([py, "-c", "pass"], env),
        }
        if os.environ.get("PYTHONDONTWRITEBYTECODE"):  # what this shell gets: sources recompiled on every run
            cmds["cli_nopyc"] = (cli_cmd, None)
        return wall_times(cmds, runs)


def rate(fn: Callable[[], object], seconds: float) -> tuple[float, int]:
    """Calls per second of `fn` over about `seconds` (after one warm-up call)."""
    fn()
    n = 0
    t0 = time.perf_counter()
    deadline = t0 + seconds
    now = t0
    while now < deadline:
        for _ in range(10):
            fn()
        n += 10
        now = time.perf_counter()
    return n / (now - t0), n


def verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"


def table(rows: list[tuple[str, ...]], header: tuple[str, ...]) -> str:
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    line = "  ".join("-" * w for w in widths)
    out = ["  ".join(str(h).ljust(w) for h, w in zip(header, widths, strict=True)), line]
    for r in rows:
        out.append("  ".join(str(c).ljust(w) for c, w in zip(r, widths, strict=True)))
    return "\n".join(out)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("month", nargs="?", help="month.json (default: fixtures/demo, else a conformance case)")
    ap.add_argument("--runs", type=int, default=15, help="measured CLI runs (after 2 warm-ups)")
    ap.add_argument("--seconds", type=float, default=3.0, help="seconds per in-process rate measurement")
    ap.add_argument("--profile", action="store_true", help="also print a cProfile summary of 2,000 evaluations")
    ap.add_argument("--profile-evals", type=int, default=2000)
    args = ap.parse_args()

    month = demo_month(args.month)
    print(
        f"machine: nproc={os.cpu_count()} (affinity {len(os.sched_getaffinity(0))}), "
        f"python {platform.python_version()} ({platform.python_implementation()}), {platform.machine()}"
    )
    print(f"month:   {month}")
    print(
        f"CLI rows: {args.runs} interleaved rounds after 2 warm-ups, bytecode cached in a temporary PYTHONPYCACHEPREFIX"
    )
    print()

    # 1. CLI wall time vs the import floor
    nocache = bool(os.environ.get("PYTHONDONTWRITEBYTECODE"))
    walls = startup(month, args.runs)
    cli_med, cli_min, cli_max = walls["cli"]
    floor_med, floor_min, floor_max = walls["floor"]
    bare_med, bare_min, bare_max = walls["bare"]
    ratio = cli_med / floor_med
    if nocache:
        raw_med, raw_min, raw_max = walls["cli_nopyc"]

    # 2. in-process evaluations
    from kefu_check.calendar import Calendar
    from kefu_check.check import check_loaded, collect
    from kefu_check.derive import derive
    from kefu_check.engine import shared
    from kefu_check.load import load_month
    from kefu_check.terms import resolve

    loaded = load_month(month)
    terms = resolve(loaded.contract, loaded.blanks, loaded.contract_label)
    engine = shared()
    derivation = derive(loaded, terms, Calendar())
    facts = derivation.facts
    final = engine.evaluate(facts)
    warm_cal = Calendar()

    full_rate, full_n = rate(lambda: check_loaded(loaded, Calendar(), "zh"), args.seconds)
    warm_rate, _ = rate(lambda: check_loaded(loaded, warm_cal, "zh"), args.seconds / 2)
    resolve_rate, _ = rate(lambda: resolve(loaded.contract, loaded.blanks, loaded.contract_label), args.seconds / 3)
    derive_rate, _ = rate(lambda: derive(loaded, terms, Calendar()), args.seconds / 2)
    engine_rate, engine_n = rate(lambda: engine.evaluate(facts), args.seconds)
    collect_rate, _ = rate(lambda: collect(derivation, final, "zh"), args.seconds / 3)

    def ms(r: float) -> str:
        return f"{1000 / r:.3f} ms"

    rows = [
        (
            "CLI --format json (median)",
            f"{cli_med * 1000:.1f} ms",
            f"min {cli_min * 1000:.1f} / max {cli_max * 1000:.1f}",
            "",
            "",
        ),
        (
            "import floor (median)",
            f"{floor_med * 1000:.1f} ms",
            f"min {floor_min * 1000:.1f} / max {floor_max * 1000:.1f}",
            "",
            "",
        ),
        (
            "floor + one pydantic model (median)",
            f"{walls['one_model'][0] * 1000:.1f} ms",
            f"{walls['one_model'][0] / floor_med:.2f}x floor: what building one model costs (a check builds none)",
            "",
            "",
        ),
        (
            "bare python -c pass (median)",
            f"{bare_med * 1000:.1f} ms",
            f"min {bare_min * 1000:.1f} / max {bare_max * 1000:.1f}",
            "",
            "",
        ),
        *(
            [
                (
                    "  CLI, PYTHONDONTWRITEBYTECODE as set (no .pyc)",
                    f"{raw_med * 1000:.1f} ms",
                    f"min {raw_min * 1000:.1f} / max {raw_max * 1000:.1f}; {raw_med / floor_med:.2f}x floor",
                    "",
                    "",
                )
            ]
            if nocache
            else []
        ),
        (
            "CLI / import floor",
            f"{ratio:.2f}x",
            f"+{(cli_med - floor_med) * 1000:.1f} ms over floor; ratio of mins {cli_min / floor_min:.2f}x",
            f"<= {CLI_RATIO_TARGET}x",
            verdict(ratio <= CLI_RATIO_TARGET),
        ),
        (
            "check_loaded, fresh Calendar()",
            f"{full_rate:,.0f}/s",
            f"{ms(full_rate)} each, n={full_n}",
            f">= {EVALS_TARGET:,.0f}/s",
            verdict(full_rate >= EVALS_TARGET),
        ),
        ("  check_loaded, reused Calendar", f"{warm_rate:,.0f}/s", ms(warm_rate), "", ""),
        ("  terms.resolve only", f"{resolve_rate:,.0f}/s", ms(resolve_rate), "", ""),
        ("  facts.derive only (fresh Calendar)", f"{derive_rate:,.0f}/s", ms(derive_rate), "", ""),
        (
            "  engine.evaluate only",
            f"{engine_rate:,.0f}/s",
            f"{ms(engine_rate)}, {len(facts)} facts in, {len(final)} out, n={engine_n}",
            "",
            "",
        ),
        ("  check.collect only", f"{collect_rate:,.0f}/s", ms(collect_rate), "", ""),
    ]
    print(table(rows, ("measure", "value", "detail", "target", "result")))

    # 3. profile
    if args.profile:
        n = args.profile_evals
        prof = cProfile.Profile()
        prof.enable()
        for _ in range(n):
            check_loaded(loaded, Calendar(), "zh")
        prof.disable()
        buf = io.StringIO()
        stats = pstats.Stats(prof, stream=buf).strip_dirs().sort_stats("cumulative")
        stats.print_stats(15)
        print()
        print(f"cProfile: {n:,} x check_loaded(loaded, Calendar(), 'zh'), top 15 by cumulative time")
        print(_after_header(buf.getvalue()))
        buf = io.StringIO()
        pstats.Stats(prof, stream=buf).strip_dirs().sort_stats("tottime").print_stats(15)
        print()
        print("top 15 by own (tot) time")
        print(_after_header(buf.getvalue()))


def _after_header(text: str) -> str:
    """pstats output without its preamble (keeps the column header line)."""
    lines = text.splitlines()
    for i, ln in enumerate(lines):
        if ln.lstrip().startswith("ncalls"):
            return "\n".join(lines[i:]).rstrip()
    return text.strip()


if __name__ == "__main__":
    main()
