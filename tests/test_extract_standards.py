"""Reading Art. 2 (the service standards) of the filled agreement: the phrasings real agreements use, read exactly
or reported unread (with the text), never guessed, never a crash."""

from __future__ import annotations

import json

import pytest
from test_review_support import FILLED

from kefu_check.review.extract import extract
from kefu_check.review.numerals import parse_number, parse_percent, parse_rate

ITEMS = {1: "(1)响应时间:", 2: "(2)服务可用性:", 3: "(3)问题解决率:", 4: "(4)客户满意度:"}


def with_item(item: int, new: str) -> str:
    """The filled agreement with item (1)–(4) of 2.1 replaced by `new` (the whole line, its label included)."""
    lines = FILLED.read_text(encoding="utf-8").split("\n")
    (index,) = [i for i, line in enumerate(lines) if line.startswith(ITEMS[item])]
    lines[index] = new
    return "\n".join(lines)


def standard(item: int, new: str, name: str) -> tuple[dict | None, dict[str, str]]:
    """standards.<name> as read from the agreement with item `item` replaced, and what was reported unread (path →
    text)."""
    ex = extract(with_item(item, new).split("\n"), "x")
    return ex.data["standards"][name], {u.path: u.text for u in ex.unreadable}


FR = "standards.first_response"
AV = "standards.availability"


# --- numerals mixing figures and numeral words: not a number (read unread, never a crash) -----------------------


@pytest.mark.parametrize("text", ["百90", "九十5", "9十", "九十九点5", "2十4", "99点5", "1百"])
def test_figures_mixed_with_numeral_words_are_not_a_number(text):
    with pytest.raises(ValueError):
        parse_number(text)


@pytest.mark.parametrize("text", ["百90%", "九十5%", "百分之9十", "百分之九十九点5"])
def test_mixed_percentages_are_refused(text):
    with pytest.raises(ValueError):
        parse_rate(text)
    with pytest.raises(ValueError):
        parse_percent(text)


@pytest.mark.parametrize(
    ("item", "new", "path"),
    [
        (1, "(1)响应时间:对于电话请求,每月不低于百90%的请求应在20秒内做出首次响应。", f"{FR}.phone.target_ratio"),
        (1, "(1)响应时间:对于电话请求,每月不低于百分之9十的请求应在20秒内做出首次响应。", f"{FR}.phone.target_ratio"),
        (1, "(1)响应时间:对于电话请求,每月不低于80%的请求应在2十秒内做出首次响应。", f"{FR}.phone.within_seconds"),
        (2, "(2)服务可用性:服务时间为周一至周五9:00至18:00,年度可用性不低于九十九点5%。", f"{AV}.min_percent"),
        (3, "(3)问题解决率:每月不低于百90%的问题应在24小时内提供解决方案。", "standards.resolution.target_ratio"),
        (3, "(3)问题解决率:每月不低于90%的问题应在2十4小时内提供解决方案。", "standards.resolution.within"),
        (4, "(4)客户满意度:满意度不低于百90%。", "standards.satisfaction.min"),
        (4, "(4)客户满意度:满意度不低于九十5%。", "standards.satisfaction.min"),
        (4, "(4)客户满意度:满意度不低于百分之9十。", "standards.satisfaction.min"),
    ],
)
def test_mixed_numerals_in_the_standards_are_unread(kefu, item, new, path):
    out = kefu.dir / "contract.json"
    run = kefu.run("extract", "--lang", "en", kefu.write("a.txt", with_item(item, new)), "-o", out)
    assert run.code == 0, run.err
    data = json.loads(out.read_text(encoding="utf-8"))
    for part in path.split("."):
        data = data[part]
    assert data is None
    assert f"field {path}" in run.err or path in run.err
