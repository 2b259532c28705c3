"""Many month files in one call: each checked on its own, in a process pool with `--jobs N`, results in order."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

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
    if jobs <= 1 or len(paths) <= 1:
        yield from map(check_one, paths)
        return
    import gc
    import multiprocessing

    from . import check  # noqa: F401  (the whole check path imported once, here)
    from .engine import shared
    from .redact import redact  # noqa: F401
    from .render import to_json_line  # noqa: F401

    shared()
    first = check_one(paths[0])  # checked here: it warms what a check builds lazily, which the workers inherit
    rest = paths[1:]
    gc.freeze()  # no collection first: a full one over the heap cost ~20 ms of serial time, for little garbage
    try:
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            yield first
            for outcomes in pool.imap(check_some, guided_chunks(rest, jobs)):
                yield from outcomes
    finally:
        gc.unfreeze()


def check_some(paths: Sequence[Path]) -> list[Outcome]:
    """A chunk of a batch, checked in one worker."""
    return [check_one(p) for p in paths]


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
