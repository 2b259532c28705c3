"""Satisfaction (2.1(4)): the mean score, or the percent of answers in the top two points of `scale_max`.

With `scale: percent`, a mean score is given as a percent of `scale_max`. The figure is exact: a quotient
that does not terminate is cut after 24 decimals, which never changes its comparison with a threshold
of at most 12 decimals. `respondents` = the usable answers of the period.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, localcontext
from fractions import Fraction
from typing import Any

from .clock import Window
from .rows import NUMBER, Check, Typed, required, timestamp_us, type_rows, unreadable


@dataclass(frozen=True)
class Satisfaction:
    respondents: int
    total: Decimal  # sum of scores
    satisfied: int  # answers at scale_max − 1 or above
    outside: int


SCORE_PLACES = 6  # the decimal places score_value keeps: a score with more that matter is refused, not rounded
TOO_PRECISE = rf"^[+-]?\d*\.\d{{{SCORE_PLACES}}}0*[1-9]\d*$"  # a NUMBER (rows.py) with a non-zero digit past them


def type_surveys(con: Any, scale_max: int | None) -> Typed:
    """rows_surveys with answered_us and score_value (an exact DECIMAL)."""
    checks = [
        required("id"),
        required("answered_at"),
        unreadable("answered_at", "answered_us"),
        required("score"),
        Check("score", "bad_number", "score_value IS NULL"),
        # DECIMAL(18, 6) rounds a 7th decimal: 3.9999999 would be read as 4 (top box, and a higher mean)
        Check("score", "score_too_precise", f"regexp_full_match(score, '{TOO_PRECISE}')"),
    ]
    if scale_max is not None:
        checks.append(Check("score", "out_of_scale", f"score_value < 0 OR score_value > {int(scale_max)}"))
    return type_rows(
        con,
        "surveys",
        {
            "answered_us": timestamp_us("answered_at"),
            "score_value": f"CASE WHEN regexp_full_match(score, {NUMBER}) "
            f"THEN TRY_CAST(score AS DECIMAL(18, {SCORE_PLACES})) END",
        },
        checks,
    )


def satisfaction(con: Any, window: Window, scale_max: int | None) -> Satisfaction:
    """Counts and the exact sum of scores of the period's usable answers."""
    top = "false" if scale_max is None else f"score_value >= {int(scale_max) - 1}"
    inside = f"answered_us >= {window.lo_us} AND answered_us < {window.hi_us}"
    n, total, satisfied, outside = con.execute(
        f"""SELECT count(*) FILTER (WHERE {inside}), sum(score_value) FILTER (WHERE {inside}),
                   count(*) FILTER (WHERE {inside} AND {top}), count(*) FILTER (WHERE NOT ({inside}))
            FROM rows_surveys WHERE problem IS NULL"""
    ).fetchall()[0]
    return Satisfaction(int(n), Decimal(total or 0), int(satisfied), int(outside))


def score(s: Satisfaction, how: str, scale: str | None, scale_max: int | None) -> Decimal | None:
    """The score the contract compares with `min`; None without respondents."""
    if s.respondents == 0:
        return None
    if how == "share_satisfied":
        value = _exact(Decimal(100) * s.satisfied, s.respondents)
    elif scale == "percent" and scale_max:
        value = _exact(Decimal(100) * s.total, s.respondents * scale_max)
    else:
        value = _exact(s.total, s.respondents)
    return value


def _exact(numerator: Decimal, denominator: int) -> Decimal:
    """numerator / denominator exactly when that terminates, else cut (not rounded) after 24 decimals."""
    q = Fraction(numerator) / denominator
    rest = q.denominator
    for prime in (2, 5):
        while rest % prime == 0:
            rest //= prime
    if rest == 1:  # a terminating decimal: Decimal division at this precision is exact
        with localcontext() as ctx:
            ctx.prec = 80
            value = Decimal(q.numerator) / Decimal(q.denominator)
    else:
        value = Decimal(q.numerator * 10**24 // q.denominator).scaleb(-24)
    return value.normalize() if value == value.to_integral_value() else value


def method(s: Satisfaction, source: str, how: str, scale: str | None, scale_max: int | None, bad: str) -> str:
    """The figure's definition and its counts, in the language-neutral method form (docs/metrics.md)."""
    if how == "share_satisfied":
        definition = f"score=100*count(score>={scale_max - 1 if scale_max else '?'})/respondents"
    elif scale == "percent" and scale_max:
        definition = f"score=100*mean(score)/{scale_max}"
    else:
        definition = "score=mean(score)"
    return (
        f"satisfaction/v1 source={source} method={how} {definition} scale_max={scale_max} "
        f"respondents={s.respondents} satisfied={s.satisfied} sum={s.total.normalize():f} "
        f"outside_period={s.outside} {bad}"
    )
