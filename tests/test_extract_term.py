"""Art. 3 as agreements write it: the term's dates and length (3.1), tacit renewal and its length (3.2) — read
exactly, or reported unread and left null, never guessed nor defaulted."""

from __future__ import annotations

import json

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


# --- 3.1: the dates -----------------------------------------------------------------------------------------


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


# --- 3.1: the end -------------------------------------------------------------------------------------------


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


@pytest.mark.parametrize(
    ("line", "read"),
    [  # old: start and end null, both reported unread (the line quoted)
        ("3.1本协议的服务期限为2026年1月1日起一年。", ("2026-01-01", "2026-12-31", 12)),
        ("3.1本协议的有效期为2026年3月1日起十二个月。", ("2026-03-01", "2027-02-28", 12)),
        ("3.1服务期限为2026年1月1日起一年零三个月。", ("2026-01-01", "2027-03-31", 15)),
    ],
)
def test_a_term_from_a_date_for_a_length_gives_its_end(line, read):
    assert term(line) == read


def test_a_term_from_a_date_for_a_length_with_an_end_keeps_the_end():  # the review compares them (term_invalid)
    assert term("3.1服务期限为2026年1月1日起一年,至2026年6月30日止。") == ("2026-01-01", "2026-06-30", 12)


# --- 3.1: the start, and the term as a range ----------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "3.1服务期限为2026年1月1日至2026年12月31日。",
        "3.1本协议有效期自2026年1月1日至2026年12月31日。",
        "3.1本协议的服务期限自2026年1月1日之日起至2026年12月31日止。",
        "3.1本协议的服务期限从2026年1月1日开始,到2026年12月31日结束。",
        "3.1服务期限:2026年1月1日起至2026年12月31日止。",
        "3.1本协议自双方签字盖章之日起生效,服务期限自2026年1月1日起至2026年12月31日止。",
    ],
)
def test_the_start_and_end_are_read_in_the_usual_phrasings(line):
    """期限为A至B is a range, not a length (it was read as 2026 years = 24312 months); 自A之日起, 从A开始, A起至B;
    and an agreement that takes effect at signing has its service term start on the date the term states."""
    assert term(line) == (*YEAR, None)


@pytest.mark.parametrize(
    "line",
    [
        "3.1本协议的服务期限为2026年1月1日—2026年12月31日。",
        "3.1本协议的服务期限为2026年1月1日-2026年12月31日。",
        "3.1本协议的服务期限为2026年1月1日~2026年12月31日止。",
        "3.1本协议的服务期限为2026-01-01—2026-12-31。",
        "3.1本协议的服务期限自2026年1月1日0时起,至2026年12月31日24时止。",
        "3.1本协议的服务期限自2026年1月1日零时起至2026年12月31日二十四时止。",
        "3.1本协议的服务期限自2026年1月1日00:00起,至2026年12月31日23:59:59止。",
        "3.1本协议的服务期限为2026年1月1日0时至2026年12月31日24时。",
    ],
)
def test_a_range_with_a_dash_or_the_hours_of_its_ends_is_read(line):
    """A dash range gave neither date, 0时/24时 after the dates made both unread."""
    assert term(line) == (*YEAR, None)


@pytest.mark.parametrize(
    ("line", "path", "text"),
    [
        ("3.1本协议的服务期限自2026年1月1日12时起,至2026年12月31日24时止。", "term.start", "2026年1月1日12时"),
        ("3.1本协议的服务期限自2026年1月1日0时起,至2026年12月31日0时止。", "term.end", "2026年12月31日0时"),
        ("3.1本协议的服务期限自2026年1月1日0时起,至2026年12月31日18:00止。", "term.end", "2026年12月31日18:00"),
    ],
)
def test_a_term_that_starts_or_ends_within_a_day_is_unread(line, path, text):
    """Noon on the first day, or 0时 of the last (the day before, or that day?), name no whole day."""
    ex = extraction(TERM, line)
    assert ex.data["term"][path.split(".")[1]] is None
    assert [(u.path, u.text) for u in ex.unreadable] == [(path, text)]


def test_an_effective_date_is_the_start_of_a_term_that_runs_from_it():
    assert term("3.1本协议自2026年1月1日起生效,有效期一年。") == (*YEAR, 12)


def test_an_effective_date_is_not_the_start_when_the_term_states_another():
    ex = extraction(TERM, "3.1本协议自2026年1月1日起生效,服务期限自乙方验收合格之日起一年。")
    assert ex.data["term"]["start"] is None and unread(ex) == {"term.start"}


def test_a_signing_date_is_not_guessed(kefu):
    """本协议自双方签字盖章之日起生效: the start is a day the text does not give; review says it cannot read it."""
    text = agreement(TERM, "3.1本协议自双方签字盖章之日起生效,有效期一年。")
    ex = extract(text.split("\n"), "x")
    assert ex.data["term"]["start"] is None and ex.data["term"]["end"] is None
    run = kefu.run("review", "--format", "json", "--lang", "en", kefu.write("a.txt", text))
    unread_terms = {f["message"] for f in json.loads(run.out)["findings"] if f["id"] == "review.unread"}
    assert any("start of the term" in m for m in unread_terms) and any("end of the term" in m for m in unread_terms)


# --- 3.1: the length ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("stated", "months"),
    [
        ("共计一年", 12),
        ("期限为十二个月", 12),
        ("有效期一年半", 18),
        ("为期壹年", 12),
        ("共计十二(12)个月", 12),
        ("为期一(1)年", 12),
    ],
)
def test_the_length_is_read(stated, months):
    assert term(f"3.1本协议的服务期限自2026年1月1日起,至2026年12月31日止,{stated}。")[2] == months


@pytest.mark.parametrize("stated", ["共计0个月", "共计零年", "为期零个月", "共计十二(13)个月"])
def test_an_impossible_length_is_unread(stated):
    """0个月 is no term, 十二(13)个月 two lengths: null and reported (and no end computed from it)."""
    ex = extraction(TERM, f"3.1本协议的服务期限自2026年1月1日起,{stated}。")
    assert ex.data["term"]["stated_months"] is None and ex.data["term"]["end"] is None
    assert unread(ex) == {"term.stated_months"}


# --- 3.2: tacit renewal -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("3.2期满后本协议自动顺延一年。", (True, 12)),
        ("3.2若乙方未在协议期满前一个月提出书面异议,本协议自动延长十二个月。", (True, 12)),
        ("3.2若乙方未在协议期满前一个月提出书面异议,本协议自动延续一年。", (True, 12)),
        ("3.2若乙方未在协议期满前一个月提出书面异议,本协议期限自动延期六个月。", (True, 6)),
        ("3.2若乙方不提出书面异议,本协议自动续约一年。", (True, 12)),
        ("3.2若乙方不提出书面异议,本协议自动顺延一年。", (True, 12)),
        ("3.2乙方不同意自动续约的,应于协议期满前一个月书面通知甲方,否则本协议自动续约一年。", (True, 12)),
        ("3.2期满前一个月乙方未提出书面异议的,视为同意续约,续约期限为一年。", (True, 12)),
        ("3.2期满前一个月乙方未提出书面异议的,视为双方同意续签一年。", (True, 12)),
        ("3.2期满前一个月乙方提出书面异议的,视为放弃续约。", (False, None)),
        ("3.2协议期满后不再自动续约。", (False, None)),
        ("3.2本协议期满后不作自动续期。", (False, None)),
        ("3.2本协议期满后不予自动续展。", (False, None)),
        ("3.2本协议期满后不自动顺延。", (False, None)),
        ("3.2本协议期满后不会自动延长。", (False, None)),
        ("3.2本协议期满后不得自动续约,双方可另行协商签订续约协议。", (False, None)),
        ("3.2本协议无自动续约。", (False, None)),
    ],
)
def test_tacit_renewal_and_its_negations(line, expected):
    """自动顺延/延长/延续/延期 and 视为同意续约 are tacit renewal, with its length (they were read as none);
    不再/不作/不予/不自动… excludes it (不再自动续约 was read as tacit renewal); 不提出异议 … 自动续约 is tacit."""
    assert renewal(line) == expected


@pytest.mark.parametrize(
    "line",
    [
        "3.2期满后本协议自动续约一年,续约以一次为限,此后不再自动续约。",
        "3.2期满后本协议自动顺延一年,顺延以一次为限,此后不再自动顺延。",
    ],
)
def test_renewal_both_stated_and_excluded_is_unread(line):
    """自动续约 and 不再自动续约 in one clause: whether the agreement renews itself is not certain."""
    ex = extraction(RENEWAL, line)
    assert ex.data["term"]["renewal"]["auto"] is None and unread(ex) == {"term.renewal.auto"}


def test_renewal_phrased_as_extension_is_found_without_a_renewal_clause():
    """An agreement without 3.2 that says 自动顺延 elsewhere (the term's clause, an added article)."""
    ex = extract(
        agreement(RENEWAL, "")
        .replace(TERM, TERM + "期满前一个月乙方未书面提出异议的,本协议自动顺延一年。")
        .split("\n"),
        "x",
    )
    assert ex.data["term"]["renewal"]["auto"] is True and ex.data["term"]["renewal"]["renew_months"] == 12


@pytest.mark.parametrize(
    "line",
    [
        "4.3支付周期为每月,乙方应在每个支付周期结束后的10个工作日内(遇法定节假日自动顺延至下一工作日),",
        "4.3支付周期为每月,乙方应在每个支付周期结束后的10个工作日内(因不可抗力迟延的,付款期限自动延长),",
    ],
)
def test_a_deadline_put_off_is_not_a_renewal(line):
    """自动顺延至下一工作日 elsewhere in an agreement without a renewal clause: no renewal, nothing unread."""
    old = "4.3支付周期为每月,乙方应在每个支付周期结束后的10个工作日内,"
    ex = extract(agreement(RENEWAL, "").replace(old, line).split("\n"), "x")
    assert ex.data["term"]["renewal"] is None and not unread(ex)


# --- 3.2: the renewal length and the objection deadline -----------------------------------------------------


@pytest.mark.parametrize(
    "length",
    [
        "本协议自动续约,续约期限为十二个月",
        "本协议自动续约,续期为一年",
        "本协议自动续约,每次续约十二个月",
        "本协议自动续约,续约期为一年",
        "本协议自动续期,每次续期一年",
        "本协议自动续约的,续约期限为一年",
        "本协议自动续约,续约期限一年",
        "本协议自动续约一(1)年",
        "本协议自动续约,续约期限为十二(12)个月",
        "本协议自动顺延,顺延期限为一年",
    ],
)
def test_the_renewal_length_is_read_where_it_is_stated(length):
    """The length in a phrase of its own (续约期限为十二个月), not only right after 自动续约."""
    assert renewal(f"3.2若乙方未在协议期满前一个月提出书面异议,{length},续约次数不限。") == (True, 12)


@pytest.mark.parametrize(
    "length",
    [
        "本协议自动续约零年",
        "本协议自动续约0个月",
        "本协议自动续约,续约期限为0个月",
        "本协议自动顺延零个月",
        "本协议自动续约一次",
        "本协议自动续约一(2)年",
    ],
)
def test_an_unreadable_renewal_length_is_reported(length):
    """No months, a number of renewals rather than their length, words and figures that disagree."""
    ex = extraction(RENEWAL, f"3.2若乙方未在协议期满前一个月提出书面异议,{length}。")
    assert ex.data["term"]["renewal"]["renew_months"] is None and unread(ex) == {"term.renewal.renew_months"}


@pytest.mark.parametrize(
    "same", ["续约期限与原协议期限相同", "续期同本协议期限", "续约期限与原合同服务期限一致", "续约的期限和本协议期限相同"]
)
@pytest.mark.parametrize(
    ("line", "months"),
    [
        (TERM, 12),  # 共计十二个月
        ("3.1本协议的服务期限自2026年1月1日起,至2027年6月30日止。", 18),  # the dates: whole months
        ("3.1本协议的服务期限自2026年3月15日起,至2026年9月14日止。", 6),
    ],
)
def test_a_renewal_as_long_as_the_term_is_the_term_s_length(same, line, months):
    """It was renew_months null and review's 'no renewal length' for an agreement that states it."""
    text = agreement(RENEWAL, f"3.2若乙方未在协议期满前一个月提出书面异议,本协议自动续约,{same}。").replace(TERM, line)
    ex = extract(text.split("\n"), "x")
    assert ex.data["term"]["renewal"]["renew_months"] == months and not unread(ex)


def test_a_renewal_as_long_as_a_term_of_no_whole_months_is_unread(kefu):
    text = agreement(RENEWAL, "3.2若乙方未在协议期满前一个月提出书面异议,本协议自动续约,续约期限与原协议期限相同。")
    text = text.replace(TERM, "3.1本协议的服务期限自2026年1月1日起,至2026年12月20日止。")
    ex = extract(text.split("\n"), "x")
    assert ex.data["term"]["renewal"]["renew_months"] is None
    assert [(u.path, u.text) for u in ex.unreadable] == [("term.renewal.renew_months", "续约期限与原协议期限相同")]
    run = kefu.run("review", "--format", "json", kefu.write("a.txt", text))
    found = [(f["id"], f["clause"]) for f in json.loads(run.out)["findings"]]
    assert found == [("review.unread", "3.2")]  # not also 'no renewal length': the agreement states one


@pytest.mark.parametrize(
    ("before", "months", "days"),
    [
        ("前一个月", 1, None),
        ("前三十日", None, 30),
        ("前三十个自然日", None, 30),
        ("前至少一个月", 1, None),
        ("前不少于30天", None, 30),
    ],
)
def test_the_objection_deadline_is_read(before, months, days):
    ex = extraction(RENEWAL, f"3.2若乙方未在协议期满{before}提出书面异议,本协议自动续约十二个月。")
    got = ex.data["term"]["renewal"]
    assert not unread(ex) and got["objection_by"] == "notice_window"
    assert (got["notice_months"], got["notice_days"]) == (months, days)


def test_a_renewal_clause_in_those_words_is_said_to_be_unread_not_missing(kefu):
    """期满前一个半月 is not read: review quotes the clause rather than say the agreement has no deadline."""
    text = agreement(RENEWAL, "3.2若乙方未在协议期满前一个半月提出书面异议,本协议自动顺延一年。")
    run = kefu.run("review", "--format", "json", "--lang", "en", kefu.write("a.txt", text))
    (finding,) = json.loads(run.out)["findings"]
    assert finding["id"] == "review.unread" and "deadline for objecting" in finding["message"]
    assert finding["location"] == {"clause": "3.2", "line": 53}


# --- the command --------------------------------------------------------------------------------------------


def test_extract_writes_the_dates_and_names_what_it_could_not_read(kefu):
    """A range for a term (it gave no dates and a length of 24312 months) and 自动顺延零年 (it gave no renewal)."""
    text = agreement(TERM, "3.1服务期限为2026年1月1日至2026年12月31日。").replace(
        RENEWAL, "3.2若乙方未在协议期满前一个月提出书面异议,本协议自动顺延零年。"
    )
    out = kefu.dir / "contract.json"
    run = kefu.run("extract", "--lang", "en", kefu.write("a.txt", text), "-o", out)
    assert run.code == 0, run.err
    data = json.loads(out.read_text(encoding="utf-8"))["term"]
    assert (data["start"], data["end"], data["stated_months"]) == (*YEAR, None)
    assert data["renewal"]["auto"] is True and data["renewal"]["renew_months"] is None
    assert "零年" in run.err
