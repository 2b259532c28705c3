"""Money: exact Decimal arithmetic, one rounding rule (ROUND_HALF_UP to the fen), stated once."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

FEN = Decimal("0.01")


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
    return f"{value.normalize():f}"


def fmt_minutes(value: Decimal) -> str | int:
    """Minutes as an integer when whole, else a two-decimal string (SPEC §3 metrics)."""
    if value == value.to_integral_value():
        return int(value)
    return plain(value)


def shown(value: Decimal) -> str:
    """For people: '20,000.00' when exact to the fen, else every decimal ('0.000125'), never rounded away."""
    return grouped(value) if value == to_fen(value) else f"{value.normalize():,f}"
