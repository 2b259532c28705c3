"""batch.forked, the process pool behind `--jobs N`: every chunk's value once, in order, whatever the workers do."""

from __future__ import annotations

import contextlib
import os
import signal
import time
from collections.abc import Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kefu_check.batch import WorkerLost, forked


@contextlib.contextmanager
def workers_reaped() -> Iterator[list[int]]:
    """The block's forked processes (their pids); after it, each must have been reaped: no zombie, nothing still
    running. Only these pids are looked at: another test's child is neither counted nor reaped here."""
    pids: list[int] = []
    real_fork = os.fork

    def fork() -> int:
        pid = real_fork()
        if pid:
            pids.append(pid)
        return pid

    os.fork = fork
    try:
        yield pids
    finally:
        os.fork = real_fork
    for pid in pids:
        with pytest.raises(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)


def _slow_square(chunk: tuple[int, ...]) -> list[int]:
    """Uneven work, so that the workers finish their chunks out of order."""
    time.sleep(0.002 * (chunk[0] % 3) if chunk else 0)
    return [x * x for x in chunk]


@given(st.lists(st.lists(st.integers(0, 10**6), max_size=5).map(tuple), max_size=40), st.integers(1, 4))
@settings(max_examples=25, deadline=None)
def test_the_values_come_in_the_order_of_the_chunks(chunks: list[tuple[int, ...]], jobs: int) -> None:
    with workers_reaped():
        assert list(forked(_slow_square, chunks, jobs)) == [_slow_square(c) for c in chunks]


def test_more_chunks_than_one_pipe_write_and_values_larger_than_the_pipe() -> None:
    """5,000 chunk numbers are more than one PIPE_BUF write of the tasks pipe; a 300 KB value is several pipe reads."""
    chunks, big = list(range(5000)), ["字" * 100_000, "x" * 300_000, ""]
    with workers_reaped():
        assert list(forked(lambda i: i, chunks, 2)) == chunks
        assert list(forked(lambda s: s, big, 2)) == big


def _fails_on_seven(i: int) -> int:
    if i == 7:
        raise ValueError("chunk seven")
    return i


def test_an_exception_in_a_worker_is_raised_in_the_parent_and_no_worker_is_left() -> None:
    with workers_reaped(), pytest.raises(ValueError, match="chunk seven"):
        list(forked(_fails_on_seven, list(range(40)), 2))


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
    with workers_reaped(), pytest.raises(WorkerLost, match="killed by signal 9"):
        list(forked(work, list(range(chunks)), 2))


def test_no_more_workers_than_chunks() -> None:
    with workers_reaped() as pids:
        assert list(forked(lambda i: i * 2, [1, 2], 4)) == [2, 4] and len(pids) == 2
        assert list(forked(lambda i: i, [], 2)) == [] and len(pids) == 2


def test_a_consumer_that_stops_early_leaves_no_worker_behind() -> None:
    with workers_reaped() as pids:
        values = forked(lambda i: (time.sleep(0.01), i)[1], list(range(200)), 2)
        assert next(values) == 0 and len(pids) == 2
        values.close()


def test_an_unpicklable_value_is_an_error_naming_it() -> None:
    with workers_reaped(), pytest.raises(RuntimeError, match="generator"):
        list(forked(lambda i: (x for x in ()), [1, 2], 2))
