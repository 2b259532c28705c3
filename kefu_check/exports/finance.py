"""Finance cells as finance teams write them: dates, amounts and billing cycles read exactly, or refused.

Each reader takes a cell's text (trimmed; an Excel cell already turned into its exact text by `source`) and
returns the value, or raises `Unreadable` with the problem's key (messages.py). Nothing here guesses: a form
that could mean two things (a comma as the decimal mark, a day-first date) is refused, never read one way.
Amounts are Decimals built from the text itself, never through a binary float.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

FEN = Decimal("0.01")
MAX_INTEGER_DIGITS = 14  # the month model's limit for numbers it computes with (below 10^14)
YEARS = range(1900, 2200)  # as the month model's periods


class Unreadable(ValueError):
    """The cell cannot be read as its type: `problem` is the message key."""

    def __init__(self, problem: str) -> None:
        super().__init__(problem)
        self.problem = problem


# --- dates --------------------------------------------------------------------------------------------------

_MIDNIGHT = r"(?:[T ]00:00(?::00(?:\.0+)?)?)?"  # what an Excel date cell or a DATE-typed export carries
_DATE_FORMS = (
    re.compile(rf"(\d{{4}})-(\d{{1,2}})-(\d{{1,2}}){_MIDNIGHT}"),
    re.compile(rf"(\d{{4}})/(\d{{1,2}})/(\d{{1,2}}){_MIDNIGHT}"),
    re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"),
)
_DATE_WITH_TIME = re.compile(r"\d{4}([-/])\d{1,2}\1\d{1,2}[T ]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}:?\d{2}|Z)?")


def read_date(text: str) -> date:
    """`2026-09-03`, `2026-9-3`, `2026/9/3`, `2026/09/03`, `2026年9月3日`, or any of the first four at 00:00
    (an Excel date cell: `2026-09-03T00:00:00`). A time of day is refused (`date_with_time`): a payment
    has a date, and a stamp taken in another zone could name another one. Day-first or dotted forms
    (`03/09/2026`, `2026.9.3`) are refused as unreadable."""
    for form in _DATE_FORMS:
        found = form.fullmatch(text)
        if found:
            year, month, day = (int(g) for g in found.groups())
            if year not in YEARS:
                raise Unreadable("bad_date")
            try:
                return date(year, month, day)
            except ValueError:
                raise Unreadable("bad_date") from None
    if _DATE_WITH_TIME.fullmatch(text):
        raise Unreadable("date_with_time")
    raise Unreadable("bad_date")


# --- amounts ------------------------------------------------------------------------------------------------

_CURRENCY = re.compile(r"[¥￥]\s*")
_PLAIN = re.compile(r"\d+(\.\d*)?|\.\d+")
_GROUPED = re.compile(r"[1-9]\d{0,2}(,\d{3})+(\.\d+)?")  # a first group of 0 or 00 is no thousands


def read_amount(text: str) -> Decimal:
    """`36000`, `36000.5`, `36,000.00`, `¥36,000.00`, `￥ 36,000.00` → an exact Decimal in yuan.

    Refused: a comma that is not a thousands separator (`36000,5`, `1.234,56`, `3,60,000`, `0,500`: the decimal mark
    would be a guess → `ambiguous_amount`), a negative amount, digits below the fen (`0.30000000000000004`,
    which Excel shows as 0.30 → `sub_fen_amount`), 10^14 yuan or more, anything else (`bad_amount`)."""
    body = _CURRENCY.sub("", text, count=1) if _CURRENCY.match(text) else text
    if body.startswith(("-", "−", "(")) and re.fullmatch(r"[-−]?\(?[\d,.]+\)?", body):
        raise Unreadable("negative_amount")
    if _PLAIN.fullmatch(body):
        number = Decimal(body)
    elif _GROUPED.fullmatch(body):
        number = Decimal(body.replace(",", ""))
    elif "," in body and re.fullmatch(r"[\d.,]+", body):
        raise Unreadable("ambiguous_amount")
    else:
        raise Unreadable("bad_amount")
    if number >= 10**MAX_INTEGER_DIGITS:  # first: quantizing 28 digits or more raises InvalidOperation
        raise Unreadable("amount_too_large")
    if number != number.quantize(FEN):
        raise Unreadable("sub_fen_amount")
    return number.quantize(FEN)


def amount_text(number: Decimal) -> str:
    """An amount as month.json writes it: yuan with two decimals, `20000.00`."""
    return f"{number.quantize(FEN):f}"


# --- billing cycles -----------------------------------------------------------------------------------------

_CYCLE_FORMS = (
    re.compile(r"(\d{4})-(\d{1,2})"),
    re.compile(r"(\d{4})/(\d{1,2})"),
    re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月"),
)
_QUARTER = re.compile(r"(\d{4})-Q([1-4])")


def read_cycle(text: str) -> str:
    """`2026-09`, `2026-9`, `2026/09`, `2026/9`, `2026年9月` (and an Excel month cell, which `source` gives as
    `2026-09`) → `2026-09`; `2026-Q3` stays. A full date is refused: it names a day, not the cycle."""
    quarter = _QUARTER.fullmatch(text)
    if quarter:
        if int(quarter.group(1)) not in YEARS:
            raise Unreadable("bad_cycle")
        return text
    for form in _CYCLE_FORMS:
        found = form.fullmatch(text)
        if found:
            year, month = int(found.group(1)), int(found.group(2))
            if year not in YEARS or not 1 <= month <= 12:
                raise Unreadable("bad_cycle")
            return f"{year:04d}-{month:02d}"
    raise Unreadable("bad_cycle")


# --- totals rows --------------------------------------------------------------------------------------------

_TOTALS = re.compile(
    r".{0,8}?(合计|总计|小计|共计|总额|累计)[:：]?|(grand|sub-?)?totals?[:：]?|sum[:：]?", re.IGNORECASE
)


def is_totals_label(text: str) -> bool:
    """`合计`, `合 计`, `本月合计:`, `小计`, `总计`, `Total`, `Subtotal`: the label of a sheet's totals row, not an
    invoice's id (its amount is the sum of the rows above: counted, it would double the debt)."""
    return bool(_TOTALS.fullmatch(re.sub(r"\s+", "", text)))
