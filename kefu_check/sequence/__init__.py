"""Months in sequence (SPEC §6): `kefu-check analyze`, and the monthly check's `--history`.

Importing this package loads no heavy dependency: the HTML report imports matplotlib itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ..calendar import Calendar
from ..check import Result
from ..i18n import Lang
from ..load import Loaded

if TYPE_CHECKING:
    from ..models import Waiver

__all__ = ["check_with_history"]


def check_with_history(
    loaded: Loaded,
    month_path: Path,
    history_dir: Path | None,
    cal: Calendar,
    lang: Lang = "zh",
    waivers: Sequence[Waiver] = (),
) -> Result:
    """The checked month as the last month of its sequence: `history_dir`'s months and the month's
    `history` globs up to its period (the checked file found again is itself; later months ignored).
    `waivers` (--waivers FILE) apply to the checked month, with the waivers its file lists."""
    from .model import evaluate
    from .months import history_paths, load_sequence, months_in, ordered

    paths = history_paths(month_path, loaded.month.history)
    if history_dir is not None:
        paths += months_in(history_dir)
    own = month_path.resolve()
    period = loaded.month.period
    earlier = [m for m in load_sequence(p for p in paths if p.resolve() != own) if m.month.period <= period]
    return evaluate(ordered([*earlier, loaded]), cal, lang, waivers).months[-1].result
