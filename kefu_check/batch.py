"""Many month files in one call: each checked on its own, in a process pool with `--jobs N`, results in order."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from .calendar import Calendar, CalendarGap
from .check import Result
from .errors import InputError
from .i18n import Lang
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


Outcome = Result | Refused

_options: Options | None = None
_calendar: Calendar | None = None


def check_one(path: Path) -> Outcome:
    """One month file → its Result, or Refused with the one-line reason."""
    from .check import check_loaded
    from .load import load_month

    assert _options is not None and _calendar is not None
    opts = _options
    try:
        loaded = load_month(path, opts.contract)
        if opts.as_of is not None:
            loaded = replace(loaded, month=loaded.month.model_copy(update={"as_of": opts.as_of}))
        if opts.history_dir is not None or loaded.month.history:
            from .sequence import check_with_history

            result = check_with_history(loaded, path, opts.history_dir, _calendar, opts.lang, opts.waivers)
        else:
            result = check_loaded(loaded, _calendar, opts.lang, opts.waivers)
    except (InputError, CalendarGap) as refused:
        return Refused(path, str(refused))
    return replace(result, source=str(path))


def check_all(paths: Sequence[Path], options: Options, cal: Calendar, jobs: int) -> Iterator[Outcome]:
    """Outcomes in the order of `paths`, computed here or in `jobs` forked worker processes."""
    global _options, _calendar
    _options, _calendar = options, cal
    if jobs <= 1 or len(paths) <= 1:
        yield from map(check_one, paths)
        return
    import multiprocessing

    with multiprocessing.get_context("fork").Pool(jobs) as pool:
        yield from pool.imap(check_one, paths, chunksize=max(1, min(64, len(paths) // (jobs * 8))))


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
