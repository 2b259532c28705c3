"""Charts of the HTML report as inline SVG (matplotlib, imported only here): each service standard's
monthly value against the contract's threshold, and the availability budget burned down over the year.

Deterministic: a fixed hash salt, no date in the metadata (the metadata block is dropped), text kept as
text. The charts carry only numbers and periods; their titles and legends are HTML around them, so
Chinese never has to be drawn by matplotlib's fonts.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from .model import Sequence

if TYPE_CHECKING:
    from matplotlib.axes import Axes

MAX_LABELS = 6
VALUE, THRESHOLD, MISS = "#1f5fa8", "#c0392b", "#c0392b"


@dataclass(frozen=True)
class Series:
    """One chart's data: a value per period (None = no figure) and the threshold to meet."""

    key: str  # first_response:<channel> | resolution | satisfaction | availability:<year>
    periods: tuple[str, ...]
    values: tuple[Decimal | None, ...]
    threshold: Decimal
    higher_is_better: bool = True


def standards_series(seq: Sequence) -> list[Series]:
    """The monthly figures of each service standard the contract sets, with its threshold."""
    periods = tuple(m.result.period for m in seq.months)
    terms = seq.months[-1].terms
    out: list[Series] = []
    for channel in terms.channels:
        values = []
        for m in seq.months:
            got = (m.loaded.month.first_response or {}).get(channel.name)
            values.append(_percent(got.on_time, got.requests) if got else None)
        out.append(Series(f"first_response:{channel.name}", periods, tuple(values), channel.target_ratio * 100))
    if terms.resolution is not None:
        values = [_percent(r.on_time, r.cases) if (r := m.loaded.month.resolution) else None for m in seq.months]
        out.append(Series("resolution", periods, tuple(values), terms.resolution[2] * 100))
    if terms.satisfaction_min is not None:
        values = [s.score if (s := m.loaded.month.satisfaction) else None for m in seq.months]
        out.append(Series("satisfaction", periods, tuple(values), terms.satisfaction_min))
    return [s for s in out if any(v is not None for v in s.values)]


def budget_series(seq: Sequence) -> list[Series]:
    """Per availability year: the downtime budget left after each month (negative: exceeded)."""
    years: dict[str, list[tuple[str, Decimal, Decimal]]] = {}
    for m in seq.months:
        metrics = m.result.metrics
        if m.year_first is None or metrics["downtime_budget_minutes"] is None:
            continue
        budget = Decimal(metrics["downtime_budget_minutes"])
        left = budget - Decimal(str(metrics["downtime_year_minutes"]))
        years.setdefault(m.year_first.isoformat(), []).append((m.result.period, left, budget))
    return [
        Series(
            f"availability:{year}",
            tuple(p for p, _, _ in rows),
            tuple(left for _, left, _ in rows),
            rows[-1][2],
        )
        for year, rows in years.items()
    ]


def _percent(on_time: int, total: int) -> Decimal | None:
    return Decimal(100) * on_time / total if total else None


def svg(series: Series) -> str:
    """One chart as an inline <svg> element."""
    from matplotlib import rc_context
    from matplotlib.figure import Figure

    with rc_context({"svg.hashsalt": "kefu-check", "svg.fonttype": "none", "font.size": 9}):
        fig = Figure(figsize=(6.0, 2.3), dpi=72)
        ax = fig.add_subplot()
        x = list(range(len(series.periods)))
        if series.key.startswith("availability:"):
            _budget_bars(ax, x, series)
        else:
            _value_line(ax, x, series)
        step = -(-len(x) // MAX_LABELS)  # at most MAX_LABELS period labels, evenly spaced
        ax.set_xticks(x[::step], list(series.periods)[::step])
        ax.set_xlim(-0.5, len(x) - 0.5)
        ax.grid(axis="y", color="#dddddd", linewidth=0.6)
        ax.spines[["top", "right"]].set_visible(False)
        fig.subplots_adjust(left=0.1, right=0.98, top=0.95, bottom=0.14)  # fixed: tight_layout draws twice
        buffer = io.StringIO()
        fig.savefig(buffer, format="svg", metadata={"Date": None})
    return _inline(buffer.getvalue())


def _value_line(ax: Axes, x: list[int], series: Series) -> None:
    points = [(i, float(v)) for i, v in zip(x, series.values, strict=True) if v is not None]
    threshold = float(series.threshold)
    ax.axhline(threshold, color=THRESHOLD, linestyle="--", linewidth=1.2)
    ax.plot([p[0] for p in points], [p[1] for p in points], color=VALUE, marker="o", linewidth=1.6)
    misses = [p for p in points if p[1] < threshold]
    if misses:
        ax.plot([p[0] for p in misses], [p[1] for p in misses], "o", color=MISS, markersize=9, fillstyle="none")
    values = [p[1] for p in points] + [threshold]
    span = max(values) - min(values) or 1.0
    ax.set_ylim(min(values) - 0.25 * span, max(values) + 0.25 * span)


def _budget_bars(ax: Axes, x: list[int], series: Series) -> None:
    left = [float(v) for v in series.values if v is not None]
    colours = [VALUE if v >= 0 else MISS for v in left]
    ax.bar(x, left, color=colours, width=0.55)
    ax.axhline(float(series.threshold), color="#888888", linestyle="--", linewidth=1.0)
    ax.axhline(0, color="#333333", linewidth=0.8)


def _inline(document: str) -> str:
    """matplotlib's SVG file → an element for HTML5: no XML prolog, metadata or namespace URLs."""
    text = re.sub(r"<\?xml[^>]*\?>\s*", "", document)
    text = re.sub(r"<!DOCTYPE[^>]*>\s*", "", text)
    text = re.sub(r"<metadata>.*?</metadata>\s*", "", text, flags=re.S)
    text = re.sub(r'\s+xmlns(:\w+)?="[^"]*"', "", text)
    return text.strip()
