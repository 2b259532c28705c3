"""The checks of the input models' values (SPEC §3), as plain functions of the value or the model.

`models.py` attaches them to the pydantic models; the cached core schema (`coreschema.py`) names them, so
that a month is validated by the same functions without importing pydantic's model machinery (`records.py`).
Nothing here imports pydantic.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from .problems import ProblemValueError, quote

# Bounds that keep every computation finite and exact (SPEC §3: "numbers too large to compute with").
MAX_AMOUNT = Decimal("1e13")  # CNY; 10^12 is the largest contract value we promise to handle exactly
MAX_COUNT = 10**12
MAX_DAYS = 3660
MAX_DECIMAL_PLACES = 12
MAX_ITEMS = 10_000  # outages, payments, notices… of one month: far above any real month, and checked in seconds
MAX_INVOICES = 1_000  # invoices cost most (about 1.5 ms each in the engine); a contract has one per cycle


# The patterns the JSON Schema shows (the validators below check the same, and more: ranges, real dates)
PERIOD_PATTERN = r"\d{4}-(0[1-9]|1[0-2])"
CYCLE_PATTERN = r"^\d{4}-(0[1-9]|1[0-2]|Q[1-4])$"
DATE_PATTERN = r"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$"
TIMESTAMP_PATTERN = r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}.*"
HHMM_PATTERN = r"([01]\d|2[0-3]):[0-5]\d|24:00"
DECIMAL_PATTERN = r"^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$"
PLAIN_NUMBER = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]{1,6})?")
ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
TIMESTAMP = re.compile(TIMESTAMP_PATTERN)
PERIOD = re.compile(PERIOD_PATTERN)
QUARTER = re.compile(r"\d{4}-Q[1-4]")
HHMM_TIME = re.compile(HHMM_PATTERN)


CONTROL_IN_TEXT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")
CONTROL_IN_ID = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")
SEPARATED_AMOUNT = re.compile(r"[¥￥]?\s*[+-]?\d{1,3}(,\d{3})+(\.\d*)?|[¥￥]\s*[+-]?\d+(\.\d*)?")


def decimal_number(value: Any) -> Decimal:
    if isinstance(value, bool):
        raise ProblemValueError("expected_number", given=quote(value))
    if isinstance(value, int):
        value = Decimal(value)
    elif isinstance(value, str):
        text = value.strip()
        if not PLAIN_NUMBER.fullmatch(text):
            if SEPARATED_AMOUNT.fullmatch(text):
                plain = re.sub(r"[¥￥,\s]", "", text)
                raise ProblemValueError("amount_with_separators", given=quote(value), plain=quote(plain))
            raise ProblemValueError("invalid_number", given=quote(value))
        try:
            value = Decimal(text)
        except InvalidOperation:  # an exponent past what Decimal holds
            raise ProblemValueError("too_large", given=quote(value)) from None
    elif isinstance(value, float):
        raise ProblemValueError("inexact_number", given=quote(value))
    if not isinstance(value, Decimal):
        raise ProblemValueError("expected_number", given=quote(value))
    if not value.is_finite():
        raise ProblemValueError("not_finite", given=str(value))
    if value.adjusted() > 13:
        raise ProblemValueError("too_large", given=f"{value:E}")
    if value != 0 and value.adjusted() < -MAX_DECIMAL_PLACES:
        raise ProblemValueError("too_small", given=f"{value:E}")
    return value.copy_abs() if value.is_zero() else value  # -0 → 0, never rounded through the 28-digit context


def exact_places(value: Decimal) -> Decimal:
    """Amounts and rates that are multiplied: at most 12 decimal places (≤ 26 digits), so products stay exact."""
    if decimal_places(value) > MAX_DECIMAL_PLACES:
        raise ProblemValueError("too_many_places", limit=MAX_DECIMAL_PLACES, given=str(value))
    return value


def decimal_places(value: Decimal) -> int:
    """Decimal places that matter: '1.2500' → 2 (never rounded through the context, unlike normalize())."""
    _, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int)
    if exponent >= 0:
        return 0
    for trailing_zeros, digit in enumerate(reversed(digits)):
        if digit:
            return max(0, -(exponent + trailing_zeros))
    return 0  # zero


def non_negative(value: Decimal) -> Decimal:
    if value < 0:
        raise ProblemValueError("negative", given=str(value))
    return value


def ratio(value: Decimal) -> Decimal:
    if value > 1:
        raise ProblemValueError("ratio_above_one", given=str(value))
    return value


def percent(value: Decimal) -> Decimal:
    if value > 100:
        raise ProblemValueError("percent_above_100", given=str(value))
    return value


def count(value: Any) -> int:
    if type(value) is int and 0 <= value <= MAX_COUNT:  # what the checks below return for it, sooner
        return value
    if isinstance(value, bool) or not isinstance(value, int | Decimal | str):
        raise ProblemValueError("whole_number", given=quote(value))
    number = decimal_number(value)
    if number != number.to_integral_value():
        raise ProblemValueError("whole_number", given=str(value))
    if number < 0:
        raise ProblemValueError("negative", given=str(number))
    if number > MAX_COUNT:
        raise ProblemValueError("too_large", given=str(number))
    return int(number)


def days(value: int) -> int:
    if value > MAX_DAYS:
        raise ProblemValueError("at_most", limit=MAX_DAYS, given=value)
    return value


def _iso(value: Any, kind: type[date], pattern: re.Pattern[str], noun: str) -> Any:
    """An ISO 8601 day or moment (`noun` names its problems: date_format, invalid_date, date_out_of_range…)."""
    if isinstance(value, kind) and (kind is datetime or not isinstance(value, datetime)):
        return value
    if not isinstance(value, str) or not pattern.fullmatch(value):
        raise ProblemValueError(f"{noun}_format", given=quote(value))
    try:
        parsed = kind.fromisoformat(value)
    except ValueError:
        raise ProblemValueError(f"invalid_{noun}", given=quote(value)) from None
    if not 1900 <= parsed.year <= 2199:
        raise ProblemValueError(f"{noun}_out_of_range", given=quote(value))
    return parsed


def iso_date(value: Any) -> date:
    return _iso(value, date, ISO_DAY, "date")


def timestamp(value: Any) -> datetime:
    return _iso(value, datetime, TIMESTAMP, "timestamp")


def month(value: Any) -> str:
    if not isinstance(value, str) or not PERIOD.fullmatch(value):
        raise ProblemValueError("period_format", given=quote(value))
    if not 1900 <= int(value[:4]) <= 2199:
        raise ProblemValueError("period_out_of_range", given=quote(value))
    return value


def cycle(value: Any) -> str:
    if isinstance(value, str) and QUARTER.fullmatch(value):
        return value
    if isinstance(value, str) and PERIOD.fullmatch(value):
        return month(value)
    raise ProblemValueError("cycle_format", given=quote(value))


def hhmm(value: Any) -> str:
    if not isinstance(value, str) or not HHMM_TIME.fullmatch(value):
        raise ProblemValueError("time_format", given=quote(value))
    return value


def timezone(value: Any) -> str:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    if not isinstance(value, str) or not value or "\x00" in value or ".." in value:
        raise ProblemValueError("invalid_timezone", given=quote(value))
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise ProblemValueError("unknown_timezone", given=quote(value)) from None
    return value


def _no_control(pattern: re.Pattern[str], value: str) -> str:
    """Control characters (C0 but tab and newline in prose, DEL, C1 with U+0085, U+2028/2029), lone surrogates and
    U+FFFE/U+FFFF are refused: they cannot be shown in one line, and XML (JUnit) cannot carry most of them."""
    found = pattern.search(value)
    if found:
        char = found.group()
        raise ProblemValueError("control_character", char=f"U+{ord(char):04X}", position=found.start() + 1)
    return value


def text(value: str) -> str:
    """Prose (names, addresses, reasons): tab and newline allowed."""
    return _no_control(CONTROL_IN_TEXT, value)


def identifier(value: str) -> str:
    """Ids, codes, paths and channel names: no control character at all."""
    return _no_control(CONTROL_IN_ID, value)


def _at_most(limit: int, value: Any) -> Any:
    """null → [], and a list longer than `limit` refused before its items are validated (bounded work)."""
    value = [] if value is None else value
    if isinstance(value, list) and len(value) > limit:
        raise ProblemValueError("too_many_items", count=len(value), limit=limit)
    return value


def listed(value: Any) -> Any:
    """A month's list (outages, payments, notices…): at most MAX_ITEMS."""
    return _at_most(MAX_ITEMS, value)


def listed_invoices(value: Any) -> Any:
    """A month's invoices: at most MAX_INVOICES."""
    return _at_most(MAX_INVOICES, value)


def unique_ids(items: list[Any]) -> list[Any]:
    """Ids name consequences (their subject): two items with one id would be one consequence twice."""
    seen: dict[str, int] = {}
    for i, item in enumerate(items):
        if item.id in seen:
            raise ProblemValueError("duplicate_id", id=quote(item.id), index=i, other=seen[item.id])
        seen[item.id] = i
    return items


# ---------------------------------------------------------------------------------------------
# Checks of a whole model (its fields already valid), called with the model


def _on_time_at_most(figures: Any, total_key: str) -> Any:
    total = getattr(figures, total_key)
    if figures.on_time > total:
        raise ProblemValueError(
            "on_time_exceeds", at="on_time", on_time=figures.on_time, total_key=total_key, total=total
        )
    return figures


def on_time_at_most_requests(figures: Any) -> Any:
    """ChannelFigures: on_time ≤ requests."""
    return _on_time_at_most(figures, "requests")


def on_time_at_most_cases(figures: Any) -> Any:
    """ResolutionFigures: on_time ≤ cases."""
    return _on_time_at_most(figures, "cases")


def suspension_ends_after_start(suspension: Any) -> Any:
    """Suspension: end (when given) not before start."""
    if suspension.end is not None and suspension.end < suspension.start:
        raise ProblemValueError(
            "before_key", at="end", key="end", value=suspension.end, other_key="start", other=suspension.start
        )
    return suspension


def cooperation_ends_after_start(failure: Any) -> Any:
    """CooperationFailure: to (when given) not before from."""
    if failure.to is not None and failure.to < failure.from_:
        raise ProblemValueError(
            "before_key", at="to", key="to", value=failure.to, other_key="from", other=failure.from_
        )
    return failure
