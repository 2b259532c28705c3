"""Batch throughput: N month files (of different contracts) in one `kefu-check` call, --jobs 1 vs --jobs 2.

Run from the repository root:  .venv/bin/python bench/bench_batch.py [--files 1000] [--jobs 2]

The month files are generated in a temporary folder from the golden fixtures (each fixture's contract and
month, the contract id made unique per copy), so the batch mixes every kind of month the fixtures cover.
Prints files per second for each setting and checks that both give the same bytes. No timing assertions.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KEFU = ROOT / ".venv" / "bin" / "kefu-check"


def generate(folder: Path, count: int) -> list[Path]:
    fixtures = sorted(p.parent for p in (ROOT / "fixtures").glob("*/month.json"))
    paths = []
    for i in range(count):
        source = fixtures[i % len(fixtures)]
        contract = json.loads((source / "contract.json").read_text(encoding="utf-8"))
        contract["id"] = f"{contract.get('id') or 'KF'}-{i:05d}"
        month = json.loads((source / "month.json").read_text(encoding="utf-8"))
        month["contract"] = contract
        path = folder / f"{i:05d}-{source.name}.json"
        path.write_text(json.dumps(month, ensure_ascii=False), encoding="utf-8")
        paths.append(path)
    return paths


def run(paths: list[Path], jobs: int) -> tuple[float, bytes, int]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KEFU_CHECK_")}
    t0 = time.perf_counter()
    done = subprocess.run(
        [str(KEFU), "--format", "json", "--jobs", str(jobs), *map(str, paths)], capture_output=True, env=env
    )
    return time.perf_counter() - t0, done.stdout, done.returncode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        paths = generate(Path(tmp), args.files)
        single, out1, code1 = run(paths, 1)
        multi, out2, code2 = run(paths, args.jobs)
    lines = out1.count(b"\n")
    print(f"files: {args.files} month files from {len(set(p.name.split('-', 1)[1] for p in paths))} fixtures")
    print(f"--jobs 1: {single:6.2f} s  {args.files / single:7.1f} files/s  (exit {code1})")
    print(f"--jobs {args.jobs}: {multi:6.2f} s  {args.files / multi:7.1f} files/s  (exit {code2})")
    print(f"speed-up: {single / multi:.2f}x on {os.cpu_count()} cores; JSON lines: {lines}; same bytes: {out1 == out2}")


if __name__ == "__main__":
    main()
