"""The dispute report (`analyze --html`) as a lawyer reads it: the parties and the terms the findings rest on,
legal words instead of CI's severities, no raw id where a person reads, the money each way in sentences.

The page in a real browser (no request leaves it, A4 print) is tests/test_report_browser.py.
"""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path

import pytest
from conftest import Kefu, contract_dict, invoice, month_dict

from kefu_check.catalogue import CONSEQUENCES
from kefu_check.sequence.words import WORDS

REPO = Path(__file__).resolve().parents[1]
DISPUTE = REPO / "fixtures" / "sequences" / "dispute-quarter"
KINDS = ("breach", "liability", "right", "obligation", "warning", "status")


def page(kefu: Kefu, folder: Path, lang: str) -> str:
    target = kefu.dir / f"report.{lang}.html"
    run = kefu.run("analyze", folder, "--lang", lang, "--html", target, "--output", kefu.dir / "out.txt")
    assert run.code in (0, 1), run.err
    return target.read_text(encoding="utf-8")


def visible(html: str, ids: bool = False) -> str:
    """The text a reader sees (without the small id column and id tags, unless `ids`)."""
    text = re.sub(r"<svg.*?</svg>|<style>.*?</style>|<title>.*?</title>", "", html, flags=re.S)
    if not ids:
        text = re.sub(r'<td class="id">.*?</td>|<span class="id">.*?</span>', "", text, flags=re.S)
    text = re.sub(r"<[^>]+>", " ", text)
    return re.sub(r"\s+", " ", unescape(text))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_parties_and_key_terms_at_the_top(kefu: Kefu, lang: str) -> None:
    html = page(kefu, DISPUTE, lang)
    head = visible(html.split('<p class="money">')[0])  # the title, the parties, the key terms
    contract = json.loads((DISPUTE / "contract.json").read_text(encoding="utf-8"))
    for name in (contract["provider"]["name"], contract["client"]["name"], contract["id"]):
        assert name in head
    terms = visible(html.split('<table class="terms">')[1].split("</table>")[0])
    expected = {
        "zh": ["2026-01-01 至 2026-12-31", "固定月费 20,000.00 元", "10 个工作日", "0.05%", "逾期超过 30 日",
               "提前 5 日书面通知", "(电话):20 秒内,达标率不低于 80%", "(在线客服):30 秒内,达标率不低于 90%",
               "不低于 99.5%", "24 小时内解决,及时率不低于 90%", "客户满意度:不低于 85", "抵扣当月服务费的 5%",
               "未约定抵扣上限"],
        "en": ["2026-01-01 to 2026-12-31", "fixed monthly fee of 20,000.00 CNY", "within 10 working days", "0.05%",
               "more than 30 days", "notice 5 days before", "(phone): within 20 s, at least 80% on time",
               "(chat): within 30 s, at least 90% on time", "at least 99.5%", "within 24 hours, at least 90% in time",
               "satisfaction: at least 85", "5% of the month's fee", "no cap agreed"],
    }[lang]  # fmt: skip
    for phrase in expected:
        assert phrase in terms, phrase
    assert (
        html.index('<table class="terms">')
        < html.index('data-total="late_fees"')
        < html.index('<table class="timeline">')
    )


def test_money_each_way_in_sentences(kefu: Kefu) -> None:
    """Who owes whom, a claimed loss marked as claimed, the net in words (never a signed number)."""
    zh, en = visible(page(kefu, DISPUTE, "zh")), visible(page(kefu, DISPUTE, "en"))
    assert (
        "截至 2026-12-31,乙方应付甲方违约金 390.00 元;甲方应向乙方抵扣服务费 2,000.00 元、"
        "赔偿 50,000.00 元(主张金额,待确认)。" in zh
    )
    assert "相抵后,甲方应付乙方 51,610.00 元(含待确认的主张金额)。" in zh
    assert "净额:甲方应付乙方 51,610.00" in zh and "-51,610.00" not in zh
    assert (
        "As of 2026-12-31, the client owes the provider late fees of 390.00 CNY; the provider owes the client "
        "service credits of 2,000.00 CNY and compensation of 50,000.00 CNY (claimed, to be confirmed)." in en
    )
    assert "Net, the provider owes the client 51,610.00 CNY (including the claimed amount, to be confirmed)." in en


def test_money_sentences_when_the_client_owes_and_nothing_is_claimed(kefu: Kefu) -> None:
    kefu.write("contract.json", contract_dict())
    kefu.write("2026-10.json", month_dict("2026-10", invoices=[invoice("2026-09")]))
    text = visible(page(kefu, kefu.dir, "zh"))
    assert "截至 2026-10-31,乙方应付甲方违约金 110.00 元;甲方无应向乙方支付的款项。" in text
    assert "相抵后,乙方应付甲方 110.00 元。" in text and "主张" not in text


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_legal_words_not_ci_words(kefu: Kefu, lang: str) -> None:
    html = page(kefu, DISPUTE, lang)
    w = WORDS[lang]
    labels = {w[f"kind_{k}"] for k in KINDS}
    column = re.findall(r'<td class="nw sev-\w+">([^<]*)</td>', html)
    assert column and set(column) <= labels
    doc = json.loads(kefu.run("analyze", DISPUTE, "--format", "json").out)
    assert column == [w[f"kind_{CONSEQUENCES[t['id']].kind}"] for t in doc["timeline"]]
    text = visible(html)
    severity_words = [w["summary"].split("{")[0]] + (
        [" 个错误", " 个警告"] if lang == "zh" else [" errors,", " warnings,"]
    )
    assert not any(word in text for word in severity_words)
    assert w["legal"] in text and w["tally"].split("{")[0].strip() in text


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_raw_ids_where_a_person_reads(kefu: Kefu, lang: str) -> None:
    html = page(kefu, DISPUTE, lang)
    text = visible(html)
    for cid in CONSEQUENCES:
        assert cid not in text, cid
    assert not re.search(r"\b(first_response|resolution|satisfaction|availability):[\w-]", text)
    captions = [x.strip() for x in re.findall(r"<figcaption>([^<]*)<", html)]
    channel = {"zh": "电话", "en": "phone"}[lang]
    assert WORDS[lang]["first_response"].format(channel=channel) in captions
    assert "首次响应达标率(%):电话" in captions or lang == "en"
    # the ids stay in the small id column (and in the JSON)
    ids = re.findall(r'<td class="id">(.*?)</td>', html)
    doc = json.loads(kefu.run("analyze", DISPUTE, "--format", "json").out)
    assert [x.replace("<wbr>", "") for x in ids] == [t["id"] for t in doc["timeline"]]
    # a credit's subject is the breach it compensates, in words
    assert {"zh": "年度可用性未达标(2026-01-01)", "en": "annual availability breached (2026-01-01)"}[lang] in text


def test_page_header_names_the_contract_and_period(kefu: Kefu) -> None:
    html = page(kefu, DISPUTE, "zh")
    style = html.split("<style>")[1].split("</style>")[0]
    assert "@page" in style and "size: A4" in style and "@media print" in style
    assert '@top-left { content: "合同 KF-2026-SEQ · 2026-10 至 2026-12"' in style


def test_page_header_escapes_the_contract_id(kefu: Kefu) -> None:
    """A contract id is the user's text: it never ends the CSS string or the style element."""
    kefu.write("contract.json", contract_dict(id='K"F</style><b>x\\'))
    kefu.write("2026-10.json", month_dict("2026-10"))
    html = page(kefu, kefu.dir, "zh")
    style = html.split("<style>")[1].split("</style>")[0]
    header = re.search(r'@top-left \{ content: "((?:[^"\\]|\\.)*)"', style)
    assert header and "<" not in header.group(1) and "\\22 " in header.group(1)
    assert html.count("</style>") == 1
