"""A tiny soak (bench/soak.py, `make soak` runs 100,000): varied months checked in one process give the same
JSON as fresh `kefu-check` processes, nothing crashes, nothing valid is refused. No timing assertions."""

from __future__ import annotations

import io
import random
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"
sys.path.insert(0, str(BENCH))

from soak import sample_indices, soak  # noqa: E402
from vary import bases, month_text, vary  # noqa: E402


def test_a_short_soak_matches_fresh_processes(tmp_path: Path) -> None:
    out = io.StringIO()
    report = soak(300, 5, seed=6, folder=tmp_path, progress=100, out=out)
    assert report.crashes == [] and report.refused == []
    assert report.differences == []
    assert report.evaluations == 300 and report.compared == 5
    assert len(report.consequences) >= 15  # the variations reach most of the rule set
    assert out.getvalue().count("\n") == 3  # a progress line every 100 evaluations


def test_variations_are_seeded_and_differ() -> None:
    fixtures = bases()
    first = [month_text(vary(fixtures[i % len(fixtures)], random.Random(7), i)) for i in range(5)]
    again = [month_text(vary(fixtures[i % len(fixtures)], random.Random(7), i)) for i in range(5)]
    assert first == again
    rng = random.Random(7)
    periods = {vary(fixtures[0], rng, i)["period"] for i in range(30)}
    assert len(periods) > 5


@pytest.mark.parametrize(("evaluations", "sample"), [(300, 5), (10, 10), (100_000, 200), (3, 7)])
def test_the_sample_is_spread_and_ends_with_the_last_evaluation(evaluations: int, sample: int) -> None:
    chosen = sample_indices(evaluations, sample)
    assert len(chosen) == min(evaluations, sample)
    assert max(chosen) == evaluations - 1 and min(chosen) >= 0
