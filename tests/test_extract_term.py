"""Art. 3 as agreements write it: the term's dates and length (3.1), tacit renewal and its length (3.2) — read
exactly, or reported unread and left null, never guessed nor defaulted."""

from __future__ import annotations

import pytest
from test_review_support import FILLED

from kefu_check.review.extract import Extraction, extract

TERM = "3.1本协议的服务期限自2026年1月1日起,至2026年12月31日止,共计十二个月。"
RENEWAL = "3.2若乙方未在协议期满前一个月提出书面异议,本协议自动续约十二个月,续约次数不限。"


def agreement(old: str, new: str) -> str:
    """The filled agreement with one line replaced."""
    text = FILLED.read_text(encoding="utf-8")
    assert text.count(old) == 1
    return text.replace(old, new)


def extraction(old: str, new: str) -> Extraction:
    return extract(agreement(old, new).split("\n"), "x")


def unread(ex: Extraction) -> set[str]:
    return {u.path for u in ex.unreadable}


def term(line: str) -> tuple[str | None, str | None, int | None]:
    """(start, end, stated_months) of the agreement with `line` as its 3.1, nothing reported unread."""
    ex = extraction(TERM, line)
    assert not unread(ex)
    t = ex.data["term"]
    return t["start"], t["end"], t["stated_months"]


def renewal(line: str) -> tuple[bool | None, int | None]:
    """(auto, renew_months) of the agreement with `line` as its 3.2, nothing reported unread."""
    ex = extraction(RENEWAL, line)
    assert not unread(ex)
    r = ex.data["term"]["renewal"]
    return r["auto"], r["renew_months"]


YEAR = ("2026-01-01", "2026-12-31")


# --- 3.1: the end ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("3.1本协议的服务期限自2026年1月1日起,至2026年11月30日期满,共计十二个月。", ("2026-01-01", "2026-11-30", 12)),
        ("3.1本协议的服务期限自2026年1月1日起,至2026年12月31日为止。", (*YEAR, None)),
        ("3.1本协议的服务期限自2026年1月1日起,至2026年12月31日终止。", (*YEAR, None)),
        ("3.1本协议的服务期限自2026年1月1日起,至2026年12月31日届满。", (*YEAR, None)),
        ("3.1本协议的服务期限自2026年1月1日起至2026年12月31日到期。", (*YEAR, None)),
        ("3.1本协议有效期自2026年1月1日起,有效期至2026年12月31日。", (*YEAR, None)),
        ("3.1本协议的服务期限自2026年1月1日起,直至2026年12月31日止。", (*YEAR, None)),
    ],
)
def test_the_end_is_read_whatever_word_closes_it(line, expected):
    """期满, 为止, 终止, 到期 or no word at all after the date: the date stated is the end (never the one computed
    from 共计十二个月, which may differ: review then reports the mismatch)."""
    assert term(line) == expected


@pytest.mark.parametrize(
    "end",
    ["2026年13月41日止", "2026年12月份底止", "2026年11月底", "26年12月31日止", "二〇二六年十三月一日止"],
)
def test_an_unreadable_end_is_not_computed_from_the_length(end):
    """The end is there but cannot be read: it stays null and is reported, even though start + 共计十二个月
    would give a date (the text's own end may be another)."""
    ex = extraction(TERM, f"3.1本协议的服务期限自2026年1月1日起,至{end},共计十二个月。")
    assert ex.data["term"]["end"] is None and ex.data["term"]["start"] == "2026-01-01"
    assert unread(ex) == {"term.end"}


def test_a_blank_end_is_not_computed_either():
    ex = extraction(TERM, "3.1本协议的服务期限自2026年1月1日起,至[终止日期]止,共计十二个月。")
    assert ex.data["term"]["end"] is None and "term.end" in ex.blank_paths and not unread(ex)


def test_an_unstated_end_is_computed_from_the_start_and_the_length():
    assert term("3.1本协议的服务期限自2026年3月1日起,为期一年。") == ("2026-03-01", "2027-02-28", 12)


# --- 3.1: the dates ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end"),
    [
        ("2026.1.1", "2026.12.31"),
        ("2026/01/01", "2026/12/31"),
        ("2026-1-1", "2026-12-31"),
        ("2026 年 1 月 1 日", "2026 年 12 月 31 日"),
        ("二〇二六年一月一日", "二〇二六年十二月三十一日"),
    ],
)
def test_a_date_is_read_in_its_usual_forms(start, end):
    assert term(f"3.1本协议的服务期限自{start}起,至{end}止。") == (*YEAR, None)


@pytest.mark.parametrize("start", ["2026年13月1日", "26年1月1日", "0026年1月1日", "2026.1/1"])
def test_an_unreadable_start_is_reported(start):
    """A day that does not exist, a year of two digits (2026? 1926?), separators that disagree."""
    ex = extraction(TERM, f"3.1本协议的服务期限自{start}起,至2026年12月31日止。")
    assert ex.data["term"]["start"] is None and unread(ex) == {"term.start"}
