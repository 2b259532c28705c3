"""batch.forked, the process pool behind `--jobs N`: every chunk's value once, in order, whatever the workers do."""

from __future__ import annotations

import os
import signal
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kefu_check.batch import WorkerLost, forked


def _no_children_left() -> bool:
    """Every worker was reaped (no zombie, nothing still running)."""
    try:
        os.waitpid(-1, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


def _slow_square(chunk: tuple[int, ...]) -> list[int]:
    """Uneven work, so that the workers finish their chunks out of order."""
    time.sleep(0.002 * (chunk[0] % 3) if chunk else 0)
    return [x * x for x in chunk]


@given(st.lists(st.lists(st.integers(0, 10**6), max_size=5).map(tuple), max_size=40), st.integers(1, 4))
@settings(max_examples=25, deadline=None)
def test_the_values_come_in_the_order_of_the_chunks(chunks: list[tuple[int, ...]], jobs: int) -> None:
    assert list(forked(_slow_square, chunks, jobs)) == [_slow_square(c) for c in chunks]
    assert _no_children_left()


def test_more_chunks_than_one_pipe_write_and_values_larger_than_the_pipe() -> None:
    """5,000 chunk numbers are more than one PIPE_BUF write of the tasks pipe; a 300 KB value is several pipe reads."""
    chunks = list(range(5000))
    assert list(forked(lambda i: i, chunks, 2)) == chunks
    big = ["字" * 100_000, "x" * 300_000, ""]
    assert list(forked(lambda s: s, big, 2)) == big
    assert _no_children_left()


def _fails_on_seven(i: int) -> int:
    if i == 7:
        raise ValueError("chunk seven")
    return i


def test_an_exception_in_a_worker_is_raised_in_the_parent_and_no_worker_is_left() -> None:
    with pytest.raises(ValueError, match="chunk seven"):
        list(forked(_fails_on_seven, list(range(40)), 2))
    assert _no_children_left()


def _dies_on_three(i: int) -> int:
    if i == 3:
        os.kill(os.getpid(), signal.SIGKILL)
    return i


def _dies(i: int) -> int:
    os.kill(os.getpid(), signal.SIGKILL)
    return i


@pytest.mark.parametrize(
    ("work", "chunks"),
    [
        (_dies_on_three, 20),  # one worker killed (the OOM killer, say): its chunk is lost with it
        # every worker killed while the parent still hands out chunks (20,000 numbers do not fit in the tasks pipe):
        # the BrokenPipeError was the CLI's exit 0 with nothing printed (main() takes it for a closed stdout)
        (_dies, 20_000),
    ],
)
def test_a_worker_that_dies_is_reported_not_a_short_batch(work, chunks: int) -> None:
    with pytest.raises(WorkerLost, match="killed by signal 9"):
        list(forked(work, list(range(chunks)), 2))
    assert _no_children_left()


def test_no_more_workers_than_chunks(monkeypatch) -> None:
    forks = []
    real_fork = os.fork

    def fork() -> int:
        forks.append(1)
        return real_fork()

    monkeypatch.setattr(os, "fork", fork)
    assert list(forked(lambda i: i * 2, [1, 2], 4)) == [2, 4] and len(forks) == 2
    assert list(forked(lambda i: i, [], 2)) == [] and len(forks) == 2


def test_a_consumer_that_stops_early_leaves_no_worker_behind() -> None:
    values = forked(lambda i: (time.sleep(0.01), i)[1], list(range(200)), 2)
    assert next(values) == 0
    values.close()
    assert _no_children_left()


def test_an_unpicklable_value_is_an_error_naming_it() -> None:
    with pytest.raises(RuntimeError, match="generator"):
        list(forked(lambda i: (x for x in ()), [1, 2], 2))
    assert _no_children_left()
