"""Which files make a sequence (SPEC §6): month files found in folders or globs, loaded, put in period order.

One contract per sequence and one file per period; anything else is an input error (exit 2).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from ..errors import InputError
from ..load import Loaded, load_month, read_document
from ..problems import problem, quote

MONTH_SUFFIXES = (".json", ".yaml", ".yml")


def is_month_document(path: Path) -> bool:
    """A month file, not a contract or a kefu-check output lying in the same folder."""
    data = read_document(path, path.name)
    if not isinstance(data, dict) or "kefu_check" in data:
        return False
    if "schema" in data:
        return data["schema"] == "kefu-check/month@1"
    return "period" in data and "contract" in data


def months_in(folder: Path) -> list[Path]:
    """The month files directly inside a folder, by name."""
    if not os.path.isdir(folder):
        raise InputError(str(folder), None, problem("not_a_folder"))
    files = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in MONTH_SUFFIXES)
    return [p for p in files if is_month_document(p)]


def history_paths(month_path: Path, patterns: Iterable[str]) -> list[Path]:
    """A month's `history` entries (paths or globs, relative to the month file), expanded."""
    out: list[Path] = []
    base = month_path.parent
    for i, pattern in enumerate(patterns):
        if Path(pattern).is_absolute():
            raise InputError(month_path.name, f"history[{i}]", problem("history_not_relative", given=quote(pattern)))
        if any(ch in pattern for ch in "*?["):  # a glob may also match the contract or outputs: months only
            out.extend(p for p in sorted(base.glob(pattern)) if p.is_file() and is_month_document(p))
        else:
            out.append(base / pattern)
    return out


def load_sequence(paths: Iterable[Path]) -> list[Loaded]:
    """Load month files once each (the same file named twice counts once), in period order."""
    seen: set[Path] = set()
    loaded: list[Loaded] = []
    for path in paths:
        key = path.resolve()
        if key not in seen:
            seen.add(key)
            loaded.append(load_month(path))
    return ordered(loaded)


def ordered(months: list[Loaded]) -> list[Loaded]:
    """Months of one contract in period order; a second file for a period, or another contract: exit 2."""
    by_period: dict[str, Loaded] = {}
    for month in months:
        other = by_period.get(month.month.period)
        if other is not None:
            raise InputError(
                month.month_label, "period", problem("period_twice", period=month.month.period, other=other.month_label)
            )
        by_period[month.month.period] = month
    result = [by_period[p] for p in sorted(by_period)]
    if result:
        first = result[0]
        for month in result[1:]:
            if month.contract != first.contract:
                ours, theirs = month.contract.id, first.contract.id
                refused = (
                    problem("other_contract", ours=quote(ours), theirs=quote(theirs), other=first.month_label)
                    if ours != theirs
                    else problem("contract_differs", ours=quote(ours), other=first.month_label)
                )
                raise InputError(month.month_label, "contract", refused)
    return result
