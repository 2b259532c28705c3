"""Valgrind memcheck of durable-rules' C engine as kefu-check drives it (`make memcheck`).

Run from the repository root:

    .venv/bin/python scripts/memcheck.py [--months 3000] [--seed 11] [--no-engine-tests] [--keep DIR]

Two runs under valgrind's memcheck (`--error-exitcode`, XML output, `PYTHONMALLOC=malloc` so that
Python's own allocator neither hides nor fakes errors):

1. `tests/test_engine.py` (pytest, one process; its subprocesses run natively);
2. `--months` contract-months checked in ONE Python process, the way a batch checks them (`load_month` →
   `check_loaded`, one Calendar and one engine): every fixture month and shared conformance case as it
   is, months in which no rule fires (a term that has not started: the session that freed an
   uninitialised action context), then seeded valid months — from `tests/monthgen.py` when it exists
   (`generate(seed)`), and from `bench/vary.py`'s variations of the fixtures.

An error is durable's when a frame of any of its stacks (where it happened, where the block was
allocated or freed) is in durable's C extension (`durable_rules_engine*.so`): invalid reads, writes and
frees, jumps on uninitialised memory, definitely-lost blocks it allocated. Any such error fails the run.
Errors with no durable frame are CPython's own (3.11 reports uninitialised values from `int.from_bytes`
at start-up and everything they flow into) or another extension's: they are counted and summarised, and
do not fail the run. Exit 0: no durable error; 1: a durable error, a crash, or a month that raised; 2:
valgrind is missing or the run could not start.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DURABLE_OBJECT = "durable_rules_engine"
ERROR_EXIT = 97  # valgrind's exit code when it reported any error (then the XML decides whose)
LANGS = ("zh", "en")


# --- reading valgrind's XML ---------------------------------------------------------------------------------


@dataclass
class Finding:
    kind: str  # valgrind's kind: InvalidRead, InvalidWrite, InvalidFree, UninitCondition, Leak_DefinitelyLost…
    what: str
    count: int  # how many times this error occurred (valgrind reports each distinct error once)
    stacks: list[list[str]]  # each stack as "function (object)" lines, innermost first
    durable: bool

    def describe(self, frames: int = 8) -> str:
        lines = [f"{self.kind} ×{self.count}: {self.what}"]
        for n, stack in enumerate(self.stacks):
            lines += [("    at " if n == 0 else "    ~  ") + frame for frame in stack[:frames]]
        return "\n".join(lines)


@dataclass
class Report:
    findings: list[Finding] = field(default_factory=list)

    @property
    def durable(self) -> list[Finding]:
        return [f for f in self.findings if f.durable]

    @property
    def other(self) -> list[Finding]:
        return [f for f in self.findings if not f.durable]


def _frame(frame: ET.Element) -> str:
    fn = frame.findtext("fn") or frame.findtext("ip") or "?"
    where = frame.findtext("file")
    if where:
        return f"{fn} ({where}:{frame.findtext('line') or '?'})"
    return f"{fn} ({Path(frame.findtext('obj') or '?').name})"


def read_report(xml_path: Path) -> Report:
    """The errors of one valgrind XML file. Read block by block, so that a file cut short by a crash still
    gives every error written before it."""
    text = xml_path.read_text(encoding="utf-8", errors="replace") if xml_path.exists() else ""
    counts: dict[str, int] = {}
    for pair in text.split("<pair>")[1:]:
        try:
            node = ET.fromstring("<pair>" + pair.split("</pair>")[0] + "</pair>")
            counts[node.findtext("unique") or ""] = int(node.findtext("count") or "1")
        except ET.ParseError:
            continue
    report = Report()
    for chunk in text.split("<error>")[1:]:
        if "</error>" not in chunk:
            continue
        try:
            node = ET.fromstring("<error>" + chunk.split("</error>")[0] + "</error>")
        except ET.ParseError:
            continue
        what = node.findtext("what") or node.findtext("xwhat/text") or ""
        stacks = node.findall("stack")
        objects = [frame.findtext("obj") or "" for stack in stacks for frame in stack.findall("frame")]
        report.findings.append(
            Finding(
                kind=node.findtext("kind") or "?",
                what=" ".join(what.split()),
                count=counts.get(node.findtext("unique") or "", 1),
                stacks=[[_frame(f) for f in stack.findall("frame")] for stack in stacks],
                durable=any(DURABLE_OBJECT in obj for obj in objects),
            )
        )
    return report


# --- running under valgrind ---------------------------------------------------------------------------------


def valgrind() -> str | None:
    return shutil.which("valgrind")


def valgrind_command(xml_file: Path, *argv: str) -> list[str]:
    """`argv` under memcheck, errors as XML into `xml_file`, exit ERROR_EXIT when any error was reported."""
    return [
        valgrind() or "valgrind",
        "--tool=memcheck",
        f"--error-exitcode={ERROR_EXIT}",
        "--xml=yes",
        f"--xml-file={xml_file}",
        "--num-callers=30",
        "--leak-check=full",
        "--show-leak-kinds=definite",
        "--errors-for-leak-kinds=definite",
        *argv,
    ]


def valgrind_env() -> dict[str, str]:
    """The environment of a run under valgrind: the system allocator for Python (no obmalloc tricks), and
    KEFU_MEMCHECK=1 so that tests that would start valgrind themselves know they already run under it."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("KEFU_CHECK_")}
    env.update(PYTHONMALLOC="malloc", KEFU_MEMCHECK="1")
    return env


@dataclass
class Run:
    name: str
    returncode: int
    seconds: float
    report: Report
    output: str

    @property
    def crashed(self) -> bool:
        return self.returncode not in (0, ERROR_EXIT)


def run_under_valgrind(name: str, argv: list[str], folder: Path, timeout: float) -> Run:
    xml_file = folder / f"{name}.xml"
    t0 = time.perf_counter()
    try:
        done = subprocess.run(
            valgrind_command(xml_file, *argv),
            cwd=ROOT,
            env=valgrind_env(),
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        code, output = done.returncode, done.stdout + done.stderr
    except subprocess.TimeoutExpired as exc:
        code, output = -1, f"timed out after {timeout:.0f} s\n{exc.stdout or ''}{exc.stderr or ''}"
    return Run(name, code, time.perf_counter() - t0, read_report(xml_file), output)


# --- the months (the child process, run under valgrind) ------------------------------------------------------


def _fixture_months() -> list[Path]:
    months = sorted((ROOT / "fixtures").glob("*/month.json"))
    shared = ROOT.parent / "shared" / "conformance" / "cases"
    return months + sorted(shared.glob("*/month.json"))


def _not_started_months(folder: Path) -> list[Path]:
    """Months before the term starts: facts are asserted but no rule fires (docs/robustness.md)."""
    contract = json.loads((ROOT / "fixtures" / "demo" / "contract.json").read_text(encoding="utf-8"))
    paths = []
    for n, (start, period, as_of) in enumerate(
        [("2026-03-01", "2026-02", "2026-03-01"), ("2026-05-01", "2026-03", None), ("2026-02-01", "2026-01", None)]
    ):
        c = json.loads(json.dumps(contract))
        c["id"] = f"KF-MEMCHECK-{n}"
        c["term"]["start"] = start
        month: dict[str, Any] = {"schema": "kefu-check/month@1", "contract": c, "period": period}
        if as_of:
            month["as_of"] = as_of
        path = folder / f"not-started-{n}.json"
        path.write_text(json.dumps(month, ensure_ascii=False), encoding="utf-8")
        paths.append(path)
    return paths


def _generators(seed: int):
    """Endless valid months: tests/monthgen.py's `generate(seed)` when it is there, alternating with
    bench/vary.py's variations of the fixtures. Yields (source, month document with its contract inline)."""
    sys.path[:0] = [str(ROOT / "bench"), str(ROOT / "tests")]
    from vary import bases, vary

    try:
        from monthgen import generate  # type: ignore[import-not-found]
    except ImportError:
        generate = None
    fixtures = bases()
    rng = random.Random(seed)
    for i in range(10**9):
        if generate is not None and i % 2 == 0:
            made = generate(seed * 1_000_003 + i)
            if isinstance(made, tuple):
                contract, month = made
                month = {**month, "contract": contract}
            else:
                month = made
            yield "monthgen", month
        else:
            yield "vary", vary(fixtures[i % len(fixtures)], rng, i)


def check_months(count: int, seed: int, out=sys.stdout) -> int:
    """Check `count` months in this process; 0 when every one was checked (or refused as input), 1 if any raised."""
    from kefu_check.calendar import Calendar, CalendarGap
    from kefu_check.check import check_loaded
    from kefu_check.errors import InputError
    from kefu_check.load import load_month

    calendar = Calendar()
    sources: Counter[str] = Counter()
    refused: list[str] = []
    raised: list[str] = []
    consequences: Counter[str] = Counter()
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="kefu-memcheck-") as tmp:
        folder = Path(tmp)
        work = folder / "month.json"
        # the months in which no rule fires come first: only a state node's first use had the uninitialised
        # action context (a deleted session's node is reused with its context cleared)
        fixed = [("not-started", p) for p in _not_started_months(folder)] + [("fixture", p) for p in _fixture_months()]
        generated = _generators(seed)
        for i in range(count):
            if i < len(fixed):
                source, path = fixed[i]
            else:
                source, doc = next(generated)
                work.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
                path = work
            sources[source] += 1
            try:
                result = check_loaded(load_month(path), calendar, LANGS[i % 2])
            except (InputError, CalendarGap) as exc:
                refused.append(f"#{i} {source}: {exc}")
                continue
            except Exception as exc:  # every other failure is a finding
                where = traceback.extract_tb(exc.__traceback__)[-1]
                at = f"{Path(where.filename).name}:{where.lineno}"
                raised.append(f"#{i} {source}: {type(exc).__name__}: {exc} ({at})")
                continue
            consequences.update(c.id for c in result.consequences)
    seconds = time.perf_counter() - t0
    print(
        f"months: {count:,} checked in one process in {seconds:.1f} s "
        f"({', '.join(f'{n:,} {s}' for s, n in sources.items())}); "
        f"{sum(consequences.values()):,} consequences of {len(consequences)} kinds; "
        f"{len(refused)} refused; {len(raised)} raised",
        file=out,
    )
    for line in (refused + raised)[:10]:
        print("  " + line, file=out)
    return 1 if raised else 0


# --- the parent ---------------------------------------------------------------------------------------------


def summarise(run: Run, out=sys.stdout) -> bool:
    """Print what one run found; True when it is clean (no durable error, no crash)."""
    durable, other = run.report.durable, run.report.other
    print(
        f"{run.name}: exit {run.returncode}, {run.seconds:.0f} s under valgrind; "
        f"durable-rules errors: {sum(f.count for f in durable)} ({len(durable)} distinct); "
        f"other (CPython, other extensions): {sum(f.count for f in other)} ({len(other)} distinct)",
        file=out,
    )
    tail = [line for line in run.output.splitlines() if line.startswith(("months:", "  #"))]
    tail += [line for line in run.output.splitlines()[-3:] if " passed" in line or " failed" in line]
    for line in tail:
        print("  " + line, file=out)
    for finding in durable:
        print(finding.describe(), file=out)
    if other:
        kinds = Counter(f.kind for f in other)
        print("  not durable's: " + ", ".join(f"{k} {n}" for k, n in kinds.most_common()), file=out)
    if run.crashed:
        print(f"  the run did not finish cleanly (exit {run.returncode}); its last output:", file=out)
        for line in run.output.strip().splitlines()[-15:]:
            print("    " + line, file=out)
    finished = run.name != "months" or any(line.endswith(" 0 raised") for line in tail)
    if not finished:
        print("  some months raised (listed above) or the summary line is missing", file=out)
    return not durable and not run.crashed and finished


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--months", type=int, default=3000, help="contract-months to check (default 3000)")
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--no-engine-tests", action="store_true", help="skip tests/test_engine.py under valgrind")
    ap.add_argument("--keep", type=Path, help="keep valgrind's XML files in this folder")
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)  # the months, run under valgrind
    args = ap.parse_args(argv)
    if args.child:
        return check_months(args.months, args.seed)
    if valgrind() is None:
        print("memcheck: valgrind is not installed (scripts/ensure-debian.sh installs it)", file=sys.stderr)
        return 2
    folder = args.keep or Path(tempfile.mkdtemp(prefix="kefu-memcheck-xml-"))
    folder.mkdir(parents=True, exist_ok=True)
    python = sys.executable
    runs = []
    if not args.no_engine_tests:
        runs.append(
            run_under_valgrind(
                "engine-tests",
                [python, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_engine.py"],
                folder,
                timeout=1800,
            )
        )
    runs.append(
        run_under_valgrind(
            "months",
            [python, str(Path(__file__).resolve()), "--child", "--months", str(args.months), "--seed", str(args.seed)],
            folder,
            timeout=7200,
        )
    )
    clean = [summarise(run) for run in runs]
    if args.keep is None:
        shutil.rmtree(folder, ignore_errors=True)
    print("memcheck: " + ("CLEAN (no memory error in durable-rules' C code)" if all(clean) else "FAILED"))
    return 0 if all(clean) else 1


if __name__ == "__main__":
    sys.exit(main())
