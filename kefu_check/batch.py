"""Many month files in one call: each checked on its own, in a process pool with `--jobs N`, results in order."""

from __future__ import annotations

import contextlib
import os
import struct
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, TypeVar

from .calendar import Calendar
from .check import Result
from .i18n import Lang

if TYPE_CHECKING:
    from .models import Waiver


@dataclass(frozen=True)
class Options:
    """What every month of a batch is checked with."""

    contract: Path | None
    as_of: date | None
    history_dir: Path | None
    waivers: tuple[Waiver, ...]
    lang: Lang


@dataclass(frozen=True)
class Refused:
    """A month file whose input is wrong: its one line (exit 2); the batch goes on."""

    path: Path
    line: str


@dataclass(frozen=True)
class Rendered:
    """A month of a JSON batch, rendered and masked in the worker that checked it: its JSON line (masked with
    its own file's private values), its diagnostics and its exit code under --fail-on."""

    text: str
    diagnostics: tuple[str, ...]
    code: int

    def exit_code(self, fail_on: str) -> int:
        """The month's exit code (decided in the worker, under the batch's --fail-on)."""
        return self.code


Outcome = Result | Refused | Rendered
T = TypeVar("T")
Chunk = TypeVar("Chunk")


@dataclass(frozen=True)
class Render:
    """How a worker renders its month (a batch in `--format json`: one line each, masked as `output.write` does)."""

    fail_on: str
    redact: bool


_options: Options | None = None
_calendar: Calendar | None = None
_render: Render | None = None


def check_one(path: Path) -> Outcome:
    """One month file → its Result (api.check), or Refused with the one-line reason."""
    from .api import InputError as Refusal
    from .api import check

    assert _options is not None and _calendar is not None
    opts = _options
    try:
        result = check(
            path,
            contract=opts.contract,
            as_of=opts.as_of,
            waivers=opts.waivers,
            history=opts.history_dir or (),
            lang=opts.lang,
            calendar=_calendar,
        )
    except Refusal as refused:
        return Refused(path, str(refused))
    if _render is None:
        return result
    from .redact import redact
    from .render import to_json_line

    text = redact(to_json_line(result), [result.private], _render.redact)
    return Rendered(text, result.diagnostics, result.exit_code(_render.fail_on))


def check_all(
    paths: Sequence[Path], options: Options, cal: Calendar, jobs: int, render: Render | None = None
) -> Iterator[Outcome]:
    """Outcomes in the order of `paths`, computed here or in `jobs` forked worker processes; with `render`, each
    month is rendered and masked where it was checked (`Rendered`).

    Before forking, the rule set is compiled and the heap frozen (gc.freeze), so that the workers share the
    parent's pages instead of compiling their own engine and copying what their collector touches."""
    global _options, _calendar, _render
    _options, _calendar, _render = options, cal, render
    if jobs <= 1 or len(paths) <= 1 or not hasattr(os, "fork"):
        yield from map(check_one, paths)
        return
    import gc

    from . import check  # noqa: F401  (the whole check path imported once, here)
    from .engine import shared
    from .redact import redact  # noqa: F401
    from .render import to_json_line  # noqa: F401

    shared()
    first = check_one(paths[0])  # checked here: it warms what a check builds lazily, which the workers inherit
    chunks = guided_chunks(paths[1:], jobs)
    gc.freeze()  # no collection first: a full one over the heap cost ~20 ms of serial time, for little garbage
    try:
        yield first
        for outcomes in forked(check_some, chunks, jobs):
            yield from outcomes
    finally:
        gc.unfreeze()


def check_some(paths: Sequence[Path]) -> list[Outcome]:
    """A chunk of a batch, checked in one worker."""
    return [check_one(p) for p in paths]


class WorkerLost(RuntimeError):
    """A worker process ended before it sent the outcomes of the chunks it took (killed, out of memory)."""


def forked(work: Callable[[Chunk], T], chunks: Sequence[Chunk], jobs: int) -> Iterator[T]:
    """`work(chunk)` for every chunk, in the order of `chunks`, computed in `jobs` forked processes.

    multiprocessing.Pool is not used: importing it is ~10 ms of a batch's serial time, and its worker-handler
    thread wakes whenever the result pipe holds data, busy in the parent while the workers send (docs/performance.md).
    Here the parent has no thread: the workers take chunk numbers from one pipe as they finish a chunk and send
    each chunk's pickled outcomes on their own pipe; the parent waits on those pipes in `select`. An exception in
    a worker is raised here, as Pool did; a worker that dies is `WorkerLost`."""
    import pickle  # noqa: F401  (imported before forking, not once in each worker)
    import selectors
    import signal

    tasks_r, tasks_w = os.pipe()
    open_fds = {tasks_r, tasks_w}  # the parent's ends, closed in the end whatever happens
    workers: dict[int, int] = {}  # result pipe → pid
    done: dict[int, T] = {}  # outcomes that came before the chunks ahead of them
    following = 0  # the next chunk to yield
    try:
        for _ in range(min(jobs, len(chunks))):
            results_r, results_w = os.pipe()
            open_fds |= {results_r, results_w}
            pid = os.fork()
            if pid == 0:  # the worker: never returns
                os.close(tasks_w)
                os.close(results_r)
                for fd in workers:
                    os.close(fd)
                _work(work, chunks, tasks_r, results_w)
            _close(open_fds, results_w)
            workers[results_r] = pid
        _close(open_fds, tasks_r)
        tasks = memoryview(b"".join(_TASK.pack(i) for i in range(len(chunks))))
        os.set_blocking(tasks_w, False)
        selector = selectors.DefaultSelector()
        selector.register(tasks_w, selectors.EVENT_WRITE)
        for fd in workers:
            selector.register(fd, selectors.EVENT_READ, bytearray())
        while selector.get_map():
            for key, _ in selector.select():
                if key.fd == tasks_w:  # whole task records, at most PIPE_BUF at a time: a write is all or nothing
                    try:
                        tasks = tasks[os.write(tasks_w, tasks[: 4096 // _TASK.size * _TASK.size]) :]
                    except BlockingIOError:
                        continue
                    except BrokenPipeError:  # every worker is gone: what they did not send is WorkerLost below
                        tasks = tasks[:0]
                    if not tasks:
                        selector.unregister(tasks_w)
                        _close(open_fds, tasks_w)  # the workers read to its end and leave
                    continue
                data = os.read(key.fd, 1 << 16)
                if not data:
                    selector.unregister(key.fd)
                    continue
                key.data.extend(data)
                for index, value in _frames(key.data):
                    if isinstance(value, BaseException):
                        raise value
                    done[index] = value
            while following in done:
                yield done.pop(following)
                following += 1
        if following < len(chunks):
            raise WorkerLost(f"a worker process ended before sending its results ({_statuses(workers)})")
    finally:
        for fd in list(open_fds):
            _close(open_fds, fd)
        for pid in workers.values():
            if following < len(chunks):  # abandoned (an error here or in a worker): stop the others
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
            with contextlib.suppress(ChildProcessError):  # reaped already by _statuses
                os.waitpid(pid, 0)


def _close(open_fds: set[int], fd: int) -> None:
    """Close one of the parent's pipe ends, once."""
    open_fds.discard(fd)
    os.close(fd)


_TASK = struct.Struct("=I")  # a chunk's number, as the workers read it from the tasks pipe
_FRAME = struct.Struct("=II")  # a chunk's number and the length of its pickled outcomes


def _work(work: Callable[[Chunk], T], chunks: Sequence[Chunk], tasks: int, results: int) -> NoReturn:
    """A forked worker: take chunk numbers until the tasks pipe is closed, send each chunk's pickled outcomes (or
    the exception it raised), and leave by os._exit: the parent's atexit handlers and buffered output are its own."""
    import pickle

    code = 0
    try:
        while record := os.read(tasks, _TASK.size):
            (index,) = _TASK.unpack(record)
            try:
                value: object = work(chunks[index])
            except Exception as exc:  # raised in the parent, as multiprocessing.Pool does
                value = exc
            try:
                payload = pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
            except Exception as exc:
                payload = pickle.dumps(RuntimeError(f"{type(value).__name__}: {value}; {exc}"))
            frame = memoryview(_FRAME.pack(index, len(payload)) + payload)
            while frame:
                frame = frame[os.write(results, frame) :]
            if isinstance(value, BaseException):
                break
    except BaseException:  # the parent is gone (BrokenPipeError) or the batch is interrupted: leave quietly
        code = 1
    finally:
        os._exit(code)


def _frames(buffer: bytearray) -> Iterator[tuple[int, object]]:
    """The whole frames at the start of `buffer` (removed from it): (chunk number, unpickled value)."""
    import pickle

    while len(buffer) >= _FRAME.size:
        index, size = _FRAME.unpack_from(buffer)
        if len(buffer) < _FRAME.size + size:
            return
        value = pickle.loads(buffer[_FRAME.size : _FRAME.size + size])
        del buffer[: _FRAME.size + size]
        yield index, value


def _statuses(workers: dict[int, int]) -> str:
    """How the workers ended, for WorkerLost: 'exit 0, killed by signal 9'. Their pipes are closed, so they are
    exiting: waiting for them is short (a worker whose pipe has just closed may not be reaped yet)."""
    out = []
    for pid in workers.values():
        try:
            _, status = os.waitpid(pid, 0)
        except ChildProcessError:
            continue
        code = os.waitstatus_to_exitcode(status)
        out.append(f"killed by signal {-code}" if code < 0 else f"exit {code}")
    return ", ".join(out)


def guided_chunks(paths: Sequence[Path], jobs: int, smallest: int = 4, largest: int = 64) -> list[Sequence[Path]]:
    """`paths` in consecutive chunks that shrink as the batch is handed out (each a share of what is left, between
    `smallest` and `largest`): few round trips early, and a last chunk too small to leave a worker idle long."""
    chunks, start = [], 0
    while start < len(paths):
        size = max(smallest, min(largest, (len(paths) - start) // (2 * jobs)))
        chunks.append(paths[start : start + size])
        start += size
    return chunks


def run(
    paths: Sequence[Path], options: Options, cal: Calendar, jobs: int, fmt: str, fail_on: str, redact: bool
) -> tuple[list[Outcome], Callable[[Path | None], None] | None]:
    """The batch part of the check command: every month's outcome in order, and what writes the report.

    A batch (two files or more) in `--format json` is one line per month, each rendered and masked in the worker
    that checked it, with its own file's private values; otherwise the results are rendered together (publish)."""
    render = Render(fail_on, redact) if fmt == "json" and len(paths) > 1 else None
    outcomes = with_progress(check_all(paths, options, cal, jobs, render), len(paths), "kefu-check")()
    lines = [o.text for o in outcomes if isinstance(o, Rendered)]
    if len(lines) == 1:  # one month left of a batch is one indented document, as publish renders it
        global _render
        _render = None
        outcomes = [check_one(p) if isinstance(o, Rendered) else o for p, o in zip(paths, outcomes, strict=True)]
        return outcomes, None
    if not lines:
        return outcomes, None

    def write_lines(output: Path | None) -> None:
        from .output import write

        write("".join(lines), output, (), False, mask=False)

    return outcomes, write_lines


def with_progress(outcomes: Iterator[Outcome], total: int, label: str) -> Callable[[], list[Outcome]]:
    """Collect the outcomes, with a progress bar on stderr when it is a terminal and there are several."""

    def collect() -> list[Outcome]:
        if total <= 1 or not sys.stderr.isatty():
            return list(outcomes)
        import click

        out = []
        with click.progressbar(length=total, label=label, file=sys.stderr) as bar:
            for outcome in outcomes:
                out.append(outcome)
                bar.update(1)
        return out

    return collect
