"""Engine health: many evaluations in one process must never crash nor lose a consequence.

Run from the repository root:  .venv/bin/python bench/soak.py [--evaluations 100000] [--sample 200] [--seed 6]
(`make soak`). Each evaluation is a fresh, seeded, valid variation of a golden fixture's month (bench/vary.py),
written to a file and checked the way a batch checks it (`load_month` → `check_loaded`, one Calendar and
one engine for the whole process), in zh and en alternately. A sample spread evenly over the run (the last
evaluation included) is then checked again, each in a fresh process (`kefu-check --format json --lang L`),
and the JSON must be byte-identical. Exit 0 when there is no crash, no refused input and no difference.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import functools
import json
import os
import random
import subprocess
import sys
import tempfile
import time
import traceback
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from vary import bases, month_text, vary

ROOT = Path(__file__).resolve().parent.parent
KEFU = ROOT / ".venv" / "bin" / "kefu-check"
LANGS = ("zh", "en")


@dataclass
class Sampled:
    index: int
    path: Path
    lang: str
    output: str  # the in-process JSON, masked as the CLI masks it


@dataclass
class Soak:
    """What a soak run found."""

    evaluations: int = 0
    seconds: float = 0.0
    consequences: Counter[str] = field(default_factory=Counter)
    refused: list[tuple[int, str]] = field(default_factory=list)  # (index, one-line reason): a generator bug
    crashes: list[tuple[int, str]] = field(default_factory=list)  # (index, exception and where)
    rss_mb: list[tuple[int, float]] = field(default_factory=list)  # (evaluations done, RSS in MB)
    compared: int = 0
    differences: list[str] = field(default_factory=list)  # one line each: index, file, what differs

    @property
    def healthy(self) -> bool:
        return not (self.refused or self.crashes or self.differences)


def rss_mb() -> float:
    """This process's resident set size in MB (Linux /proc)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def sample_indices(evaluations: int, sample: int) -> set[int]:
    """`sample` indices spread evenly over the run, the last evaluation always among them."""
    sample = min(sample, evaluations)
    return {round((k + 1) * evaluations / sample) - 1 for k in range(sample)}


def in_process(path: Path, lang: str) -> tuple[str, list[str]]:
    """The month checked in this process, rendered and masked exactly as `kefu-check --format json` prints it."""
    from kefu_check.check import check_loaded
    from kefu_check.load import load_month
    from kefu_check.redact import redact
    from kefu_check.render import render

    result = check_loaded(load_month(path), _calendar(), lang)
    return redact(render([result], "json", lang), [result.private], False), [c.id for c in result.consequences]


@functools.cache
def _calendar():
    """One Calendar for the whole run, as a batch has."""
    from kefu_check.calendar import Calendar

    return Calendar()


@functools.cache
def _failures() -> Path:
    """Where failing inputs are kept (outlives the run's temporary folder; made only when needed)."""
    return Path(tempfile.mkdtemp(prefix="kefu-soak-failed-"))


def fresh_process(s: Sampled) -> str:
    """The same month checked by a new `kefu-check` process (its own folder as working directory, no config)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("KEFU_CHECK_")}
    done = subprocess.run(
        [str(KEFU), "--format", "json", "--lang", s.lang, str(s.path)],
        capture_output=True, text=True, encoding="utf-8", cwd=s.path.parent, env=env,
    )
    if done.returncode not in (0, 1):
        return f"<exit {done.returncode}: {done.stderr.strip()}>"
    return done.stdout


def difference(s: Sampled, fresh: str) -> str | None:
    """None when both runs printed the same bytes, else what a user would miss."""
    if fresh == s.output:
        return None
    if fresh.startswith("<exit"):
        return f"#{s.index} {s.path}: fresh process {fresh}"
    ours = {(c["id"], c["subject"]) for c in json.loads(s.output)["consequences"]}
    theirs = {(c["id"], c["subject"]) for c in json.loads(fresh)["consequences"]}
    lost, extra = sorted(theirs - ours, key=str), sorted(ours - theirs, key=str)
    what = f"lost {lost} extra {extra}" if lost or extra else "same consequences, other details"
    return f"#{s.index} {s.path}: {what}"


def soak(
    evaluations: int, sample: int, seed: int, folder: Path, progress: int = 0, parallel: int = 2, out=sys.stdout
) -> Soak:
    """Run the soak in `folder` (the sampled months are kept there); print progress every `progress` evaluations."""
    report = Soak()
    fixtures = bases()
    rng = random.Random(seed)
    chosen = sample_indices(evaluations, sample)
    work = folder / "month.json"
    samples: list[Sampled] = []
    report.rss_mb.append((0, rss_mb()))
    t0 = time.perf_counter()
    for i in range(evaluations):
        doc = vary(fixtures[i % len(fixtures)], rng, i)
        lang = LANGS[i % 2]
        path = work
        if i in chosen:
            path = folder / f"sample-{i:06d}" / "month.json"
            path.parent.mkdir()
        path.write_text(month_text(doc), encoding="utf-8")
        try:
            output, ids = in_process(path, lang)
        except Exception as exc:  # every failure is a finding, kept with its input
            kept = _failures() / f"month-{i:06d}.json"
            kept.write_text(month_text(doc), encoding="utf-8")
            from kefu_check.calendar import CalendarGap
            from kefu_check.errors import InputError

            where = traceback.extract_tb(exc.__traceback__)[-1]
            line = f"{type(exc).__name__}: {exc} ({Path(where.filename).name}:{where.lineno}); input {kept}"
            (report.refused if isinstance(exc, InputError | CalendarGap) else report.crashes).append((i, line))
            continue
        report.consequences.update(ids)
        if i in chosen:
            samples.append(Sampled(i, path, lang, output))
        done = i + 1
        if progress and (done % progress == 0 or done == evaluations):
            report.rss_mb.append((done, rss_mb()))
            elapsed = time.perf_counter() - t0
            print(
                f"soak: {done:>7,} evaluations  {elapsed:7.1f} s  {done / elapsed:6.0f}/s  RSS {rss_mb():6.1f} MB  "
                f"{sum(report.consequences.values()):,} consequences  {len(report.crashes)} crashes",
                file=out, flush=True,
            )
    report.evaluations = evaluations
    report.seconds = time.perf_counter() - t0
    with concurrent.futures.ThreadPoolExecutor(max_workers=parallel) as pool:
        for s, fresh in zip(samples, pool.map(fresh_process, samples), strict=True):
            report.compared += 1
            if (diff := difference(s, fresh)) is not None:
                report.differences.append(diff)
    return report


def summary(r: Soak) -> str:
    """The final figures, one per line."""
    growth = r.rss_mb[-1][1] - r.rss_mb[1][1] if len(r.rss_mb) > 2 else 0.0
    lines = [
        f"evaluations:   {r.evaluations:,} in {r.seconds:.1f} s ({r.evaluations / max(r.seconds, 1e-9):,.0f}/s, "
        "generation, file write, load, check and JSON rendering included)",
        f"consequences:  {sum(r.consequences.values()):,} of {len(r.consequences)} kinds",
        f"RSS (MB):      {', '.join(f'{n:,}: {mb:.1f}' for n, mb in r.rss_mb)}",
        f"RSS growth:    {growth:+.1f} MB from the first progress sample to the end",
        f"crashes:       {len(r.crashes)}",
        f"refused:       {len(r.refused)} (generated inputs that kefu-check refused: a generator bug)",
        f"fresh process: {r.compared} sampled evaluations re-checked, {len(r.differences)} differ",
    ]
    lines += [f"  crash   {i}: {line}" for i, line in r.crashes[:10]]
    lines += [f"  refused {i}: {line}" for i, line in r.refused[:10]]
    lines += [f"  differs {line}" for line in r.differences[:10]]
    lines.append("result:        " + ("HEALTHY" if r.healthy else "PROBLEMS FOUND (inputs kept above)"))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--evaluations", type=int, default=100_000)
    ap.add_argument("--sample", type=int, default=200, help="evaluations re-checked in a fresh process")
    ap.add_argument("--seed", type=int, default=6)
    ap.add_argument("--progress", type=int, default=0, help="print a line every N evaluations (default: 20 lines)")
    ap.add_argument("--parallel", type=int, default=2, help="fresh processes run at a time")
    ap.add_argument("--keep", type=Path, help="keep the sampled months in this (new) folder")
    args = ap.parse_args(argv)
    progress = args.progress or max(1, args.evaluations // 20)
    print(f"soak: {args.evaluations:,} evaluations, seed {args.seed}, {args.sample} re-checked in fresh processes")
    if args.keep:
        args.keep.mkdir(parents=True)
        report = soak(args.evaluations, args.sample, args.seed, args.keep, progress, args.parallel)
    else:
        with tempfile.TemporaryDirectory(prefix="kefu-soak-") as tmp:
            report = soak(args.evaluations, args.sample, args.seed, Path(tmp), progress, args.parallel)
    print(summary(report))
    return 0 if report.healthy else 1


if __name__ == "__main__":
    sys.exit(main())
