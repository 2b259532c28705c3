"""Money: exact Decimal arithmetic, one rounding rule (ROUND_HALF_UP to the fen), stated once."""

from __future__ import annotations

from contextlib import AbstractContextManager
from decimal import ROUND_HALF_UP, Context, Decimal, localcontext

FEN = Decimal("0.01")
# Inputs have at most 14 integer digits and 12 decimal places (models.py), and days at most 7 digits, so the
# products a check forms (days × balance × rate, percent × fee) and their sums need fewer than 60 significant
# digits: with 80 they are exact. The default context has 28, and would round them silently.
EXACT_DIGITS = 80
_EXACT = Context(prec=EXACT_DIGITS)  # what normalize() strips trailing zeros with: it rounds to its context


def exact_arithmetic() -> AbstractContextManager[Context]:
    """Decimal arithmetic that never rounds kefu-check's (bounded) numbers: a check runs inside it."""
    return localcontext(prec=EXACT_DIGITS)


def to_fen(value: Decimal) -> Decimal:
    """Round an exact amount to the fen, half up: the only rounding of money in kefu-check."""
    return value.quantize(FEN, rounding=ROUND_HALF_UP)


def plain(value: Decimal) -> str:
    """Two-decimal string for JSON output: '20000.00'."""
    return f"{to_fen(value):f}"


def grouped(value: Decimal) -> str:
    """Two-decimal string with thousands separators for people: '20,000.00'."""
    return f"{to_fen(value):,.2f}"


def exact(value: Decimal) -> str:
    """An exact decimal without exponent or trailing zeros, for arithmetic in explanations: '0.0005'."""
    return f"{value.normalize(_EXACT):f}"


def exact_grouped(value: Decimal) -> str:
    """An exact decimal with thousands separators, for counts people compare: '9,600', '9,600.8'."""
    return f"{value.normalize(_EXACT):,f}"


def fmt_minutes(value: Decimal) -> str | int:
    """Minutes as an integer when whole, else a two-decimal string (SPEC §3 metrics)."""
    if value == value.to_integral_value():
        return int(value)
    return plain(value)


def shown(value: Decimal) -> str:
    """For people: '20,000.00' when exact to the fen, else every decimal ('0.000125'), never rounded away."""
    return grouped(value) if value == to_fen(value) else exact_grouped(value)
