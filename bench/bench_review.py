"""Review of a .docx agreement: CLI wall time (target < 1 s) and in-process time per review.

Run from the repository root:  .venv/bin/python bench/bench_review.py [--runs N]

Builds the clean filled agreement (fixtures/review/filled.txt) as a .docx in a temporary folder, then
times `kefu-check review --format json filled.docx` end to end. Prints numbers only; exit code 0.
"""

from __future__ import annotations

import argparse
import io
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FILLED = ROOT / "fixtures" / "review" / "filled.txt"
TARGET_SECONDS = 1.0


def build_docx(folder: Path) -> Path:
    import docx

    document = docx.Document()
    for line in FILLED.read_text(encoding="utf-8").split("\n"):
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    path = folder / "filled.docx"
    path.write_bytes(buffer.getvalue())
    return path


def cli_seconds(path: Path, runs: int) -> list[float]:
    command = [str(ROOT / ".venv" / "bin" / "kefu-check"), "review", "--format", "json", str(path)]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run(command, capture_output=True, check=False)
        times.append(time.perf_counter() - start)
        if done.returncode not in (0, 1):
            sys.exit(f"review failed: {done.stderr.decode()}")
    return times


def in_process_seconds(path: Path, runs: int) -> list[float]:
    from kefu_check.review.findings import review_contract
    from kefu_check.review.inputs import load_for_review

    times = []
    for _ in range(runs):
        start = time.perf_counter()
        contract, source = load_for_review(path)
        review_contract(contract, source, path.name, "zh")
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = build_docx(Path(tmp))
        cli = cli_seconds(path, args.runs)
        inproc = in_process_seconds(path, args.runs * 5)
        size = path.stat().st_size
    median = statistics.median(cli)
    verdict = "PASS" if median < TARGET_SECONDS else "MISS"
    print(f"review of a .docx agreement ({size} bytes), {args.runs} CLI runs")
    print(f"  CLI wall time: median {median * 1000:.0f} ms, max {max(cli) * 1000:.0f} ms  [{verdict} < 1 s]")
    print(f"  in process (read, extract, review): median {statistics.median(inproc) * 1000:.1f} ms")


if __name__ == "__main__":
    main()
