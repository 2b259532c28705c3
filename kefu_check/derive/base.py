"""What every derivation shares: the Derivation being built, exact keys for the engine's comparisons, reasons.

Facts hold only JSON values: ISO dates (which compare correctly as strings), integers, booleans, and `key()`
strings for exact comparisons of decimals. Every fact carries `ref`, the key of the reasons (`notes`) that
explain it; the fact types themselves are declared in `vocabulary.py`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Context, Decimal, localcontext
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from ..money import grouped
from ..problems import Diagnostic
from ..terms import Terms

if TYPE_CHECKING:
    from ..models import Waiver

Line = tuple[str, dict[str, Any]]

KEY_SCALE = 14  # decimal places kept whole in a key; a last digit says whether anything was cut


def key(value: Decimal | int | Fraction) -> str:
    """A non-negative exact number as a fixed-width string: the engine compares strings in byte order."""
    numerator, denominator = value.as_integer_ratio()  # exact for all three types
    if numerator < 0:
        raise ValueError(f"key() of a negative number: {value}")
    whole, rest = divmod(numerator * 10**KEY_SCALE, denominator)
    return f"{whole:045d}" + ("1" if rest else "0")


def minutes_text(minutes: Fraction | Decimal | int) -> str:
    """Minutes for people: '1,234' when whole, else two decimals rounded half up ('0.13' for 0.125)."""
    value = Fraction(minutes)
    if value.denominator == 1:
        return f"{value.numerator:,}"
    with localcontext(Context(prec=60)):
        return grouped(Decimal(value.numerator) / Decimal(value.denominator))


@dataclass
class AvailabilityYear:
    """The availability year judged this month (SPEC §4.4)."""

    first: date
    last: date
    scheduled: int  # minutes
    budget: Decimal  # minutes, exact
    estimated: tuple[int, ...]


@dataclass
class Derivation:
    terms: Terms
    period: str
    as_of: date
    facts: list[dict[str, Any]] = field(default_factory=list)
    notes: dict[str, list[Line]] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    availability: AvailabilityYear | None = None
    credit_fee: Decimal | None = None
    suspension_rights: dict[str, date | None] = field(default_factory=dict)  # invoice id → when the right arose
    waivers: dict[str, Waiver] = field(default_factory=dict)  # ref → the waiver whose reason it shows

    def add(self, fact: dict[str, Any], ref: str, *lines: Line) -> None:
        fact["ref"] = ref
        fact["seq"] = len(self.facts)  # facts with equal content would be taken as duplicates
        self.facts.append(fact)
        self.notes.setdefault(ref, []).extend(lines)
