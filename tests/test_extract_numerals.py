"""Chinese numerals, amounts in words and the credit code check character: examples and properties."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kefu_check.review.credit_code import ALPHABET, check_character, credit_code_problem
from kefu_check.review.numerals import (
    amount_in_words,
    parse_amount_words,
    parse_duration,
    parse_integer,
    parse_number,
    parse_percent,
    parse_rate,
)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("万分之五", "0.0005"),
        ("百分之九十九点五", "0.995"),
        ("千分之一点五", "0.0015"),
        ("0.05%", "0.0005"),
        ("5‱", "0.0005"),
    ],
)
def test_rates(text, value):
    assert parse_rate(text) == Decimal(value)


@pytest.mark.parametrize(("text", "value"), [("99.5%", "99.5"), ("百分之九十九点五", "99.5"), ("0.995", "99.5")])
def test_percents_are_exact(text, value):
    assert str(parse_percent(text)) == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("贰万元整", "20000"),
        ("人民币贰万元整", "20000"),
        ("贰万捌仟元整", "28000"),
        ("壹万贰仟叁佰肆拾伍元陆角柒分", "12345.67"),
        ("贰万元零伍分", "20000.05"),
        ("壹拾万零叁佰元整", "100300"),
    ],
)
def test_amounts_in_words(text, value):
    assert parse_amount_words(text) == Decimal(value)


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("一个月", 1, "month"),
        ("三十日", 30, "day"),
        ("十二个月", 12, "month"),
        ("一年", 1, "year"),
        ("一年半", Decimal("1.5"), "year"),
        ("5个工作日", 5, "working_day"),
        ("24小时", 24, "hour"),
        ("两分钟", 2, "minute"),
    ],
)
def test_durations(text, value, unit):
    assert parse_duration(text) == (Decimal(value), unit)


@pytest.mark.parametrize("text", ["", "十十", "十二三", "abc", "一万x", "零五", "二十百"])
def test_not_numerals_are_refused(text):
    with pytest.raises(ValueError):
        parse_integer(text)


@pytest.mark.parametrize("text", ["一年又三天", "X秒", "点五个月", "五五五五个"])
def test_not_durations_are_refused(text):
    with pytest.raises(ValueError):
        parse_duration(text)


@settings(deadline=None)
@given(st.integers(min_value=0, max_value=10**12 - 1))
def test_integers_agree_with_cn2an(n):
    """cn2an (measured unfit for the rest, see docs/review.md) is the oracle for whole numbers, both scripts."""
    import cn2an

    for style in ("low", "up"):
        assert parse_integer(cn2an.an2cn(n, style)) == n


@given(st.decimals(min_value=0, max_value=Decimal("999999999999.99"), places=2))
def test_amount_in_words_round_trips(value):
    assert parse_amount_words(amount_in_words(value)) == value


@given(st.decimals(min_value=0, max_value=10**6, places=3))
def test_figures_are_exact(value):
    assert parse_number(f"{value:,f}") == value


# --- 统一社会信用代码 (GB 32100-2015) ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "code", ["91350100M000100Y43", "91110000600037341L", "914403001922038216", "913101153512078630"]
)
def test_published_codes_are_valid(code):
    assert credit_code_problem(code) is None


@pytest.mark.parametrize(
    ("code", "problem"),
    [
        ("91350100M000100Y44", "check"),
        ("9135010OM000100Y43", "character"),
        ("91350100m000100Y43", "character"),
        ("91350100M000100Y4", "length"),
    ],
)
def test_bad_codes(code, problem):
    assert credit_code_problem(code) == problem


@given(st.text(alphabet=ALPHABET, min_size=17, max_size=17), st.sampled_from(ALPHABET))
def test_exactly_one_check_character_is_valid(first17, last):
    valid = credit_code_problem(first17 + last) is None
    assert valid == (last == check_character(first17))
