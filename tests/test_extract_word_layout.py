"""`kefu-check extract` on Word documents laid out as lawyers make them: clauses in table cells, a clause on soft
line breaks, tracked changes, fields. Each reads the same contract as fixtures/review/filled.txt, or says plainly
what it could not read."""

from __future__ import annotations

import io
import json
import re

import pytest
from test_review_support import FILLED, FIXTURES

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
GOLDEN = json.loads((FIXTURES / "filled.contract.json").read_text(encoding="utf-8"))
LINES = FILLED.read_text(encoding="utf-8").split("\n")
BANK = ["开户行:招商银行上海张江支行", "账户名称:上海云聆客服外包有限公司", "账号:1219 0837 5610 501"]


def run(text: str, props: str = "") -> str:
    return f'<w:r><w:rPr>{props}</w:rPr><w:t xml:space="preserve">{text}</w:t></w:r>'


BREAK = "<w:r><w:br/></w:r>"


def paragraph(inner: str) -> str:
    return f"<w:p>{inner}</w:p>"


def table(rows: list[list[str]]) -> str:
    """A table of rows of cells, each cell the XML of its paragraphs."""
    cells = "".join("<w:tr>" + "".join(f"<w:tc>{cell}</w:tc>" for cell in row) + "</w:tr>" for row in rows)
    return f"<w:tbl><w:tblPr/>{cells}</w:tbl>"


def agreement(replace: dict[str, str], drop: tuple[str, ...] = ()) -> bytes:
    """The filled agreement, one paragraph a line, each line in `replace` written as the XML given (paragraphs or a
    table), the lines in `drop` (and the empty line after each) left out."""
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    body = document.element.body
    skip_empty = False
    for line in LINES:
        if line in drop or (skip_empty and not line):
            skip_empty = line in drop
            continue
        skip_empty = False
        xml = replace.get(line, paragraph(run(line)))
        for element in parse_xml(f'<w:body xmlns:w="{W}">{xml}</w:body>'):
            body.insert(len(body) - 1, element)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def extracted(kefu, content: bytes) -> tuple[dict, str]:
    out = kefu.dir / "contract.json"
    result = kefu.run("extract", kefu.write("a.docx", content), "-o", out, "--lang", "en")
    assert result.code == 0, result.err
    return json.loads(out.read_text(encoding="utf-8")), result.err


# --- 1. clauses in table cells: a cell's paragraphs and soft breaks stay lines ----------------------------------


BANK_PARAGRAPHS = "".join(paragraph(run(line)) for line in BANK)
BANK_BREAKS = paragraph(BREAK.join(run(line) for line in BANK))


@pytest.mark.parametrize(
    "cells",
    [
        [BANK_PARAGRAPHS],
        [BANK_BREAKS],
        [paragraph(run("收款账户")), BANK_PARAGRAPHS],
        [paragraph(run("收款账户")), BANK_BREAKS],
    ],
    ids=["one-cell-paragraphs", "one-cell-breaks", "label-cell-paragraphs", "label-cell-breaks"],
)
def test_bank_details_in_a_table_cell_are_read_field_by_field(kefu, cells):
    # old: the cell was one line joined by spaces: bank = '招商银行上海张江支行 账户名称:上海云聆客服外包有限公司
    # 账号:1219 0837 5610 501' (one cell) or null, account name and number null — nothing reported
    data, _ = extracted(kefu, agreement({BANK[0]: table([cells])}, drop=tuple(BANK[1:])))
    assert data == GOLDEN


def starting(prefix: str) -> str:
    return next(line for line in LINES if line.startswith(prefix))


def _clauses(first: str, last: str) -> list[str]:
    return [line for line in LINES[LINES.index(first) : LINES.index(last) + 1] if line]


def test_clauses_in_one_boxed_cell_keep_their_numbers(kefu):
    # old: 2.1 and its items (1)…(4) were one line of clause 2.1: satisfaction null, reported unread as the whole
    # article, and 2.1(3)'s resolution reported as a first-response line
    article = _clauses(starting("2.1"), starting("2.4"))
    box = table([["".join(paragraph(run(line)) for line in article)]])
    data, err = extracted(kefu, agreement({article[0]: box}, drop=tuple(article[1:])))
    assert data == GOLDEN and "cannot read" not in err


def test_clause_number_cell_beside_its_paragraphs(kefu):
    # old: 4.3's cell (its sentence and the bank lines) was one line: the bank details null, nothing reported
    clause = _clauses(starting("4.3"), BANK[-1])
    number, text = re.match(r"^(\d+\.\d+)(.*)$", clause[0]).groups()
    row = table([[paragraph(run(number)), "".join(paragraph(run(line)) for line in [text, *clause[1:]])]])
    data, _ = extracted(kefu, agreement({clause[0]: row}, drop=tuple(clause[1:])))
    assert data == GOLDEN


# --- 2. a soft line break (Shift+Enter) in the middle of a sentence: the reader reads on ----------------------------


def broken(line: str, at: str) -> str:
    """`line` as one paragraph with a soft line break where `at` has ⏎."""
    before, after = at.split("⏎")
    assert line.count(before + after) == 1, at
    head, tail = line.split(before + after)
    return paragraph(run(head + before) + BREAK + run(after + tail))


@pytest.mark.parametrize(
    ("prefix", "at"),
    [
        ("(3)", "每月不低于9⏎0%"),  # old: resolution.target_ratio 0 (the line 每月不低于9), nothing reported
        ("(3)", "应在2⏎4小时内"),  # old: resolution.within 4
        ("开户行", "招商银行上海张⏎江支行"),  # old: bank 招商银行上海张
        ("账号", "1219 0837 56⏎10 501"),  # old: account_no 1219 0837 56
        ("乙方(服务接受方)", "乙⏎方"),  # old: the client's name, address, credit code and contact null
        ("2.4", "未达到第⏎2.1条"),  # old: 2.1条… read as a clause 2.1: service credit null, nothing reported
        ("(2)", "不低于⏎99.5%"),  # old: 99.5%… read as a clause 99.5: availability year, exclusions null
        ("5.2.5", "处理;⏎本协议终止后"),  # old: privacy.entrusted_processing_terms false (its paragraph cut)
        ("4.2", "¥28,0⏎00.00"),
        ("账户名称", "账⏎户名称"),  # old: account_name null
    ],
)
def test_a_soft_break_inside_a_sentence_does_not_cut_its_value(kefu, prefix, at):
    line = starting(prefix)
    data, err = extracted(kefu, agreement({line: broken(line, at)}))
    assert data == GOLDEN and "cannot read" not in err


def test_soft_breaks_between_fields_still_end_their_lines(kefu):
    # the bank block, a party's block (a name, then an unlabelled line): each field on its own line
    bank = paragraph(BREAK.join(run(line) for line in BANK))
    party = paragraph(run(starting("甲方(服务提供方)")) + BREAK + run("(以下简称“甲方”)"))
    data, _ = extracted(kefu, agreement({BANK[0]: bank, starting("甲方(服务提供方)"): party}, drop=tuple(BANK[1:])))
    assert data == GOLDEN


# --- 3. fields: Word shows a field's result, never its code, nor the results of the fields nested in its code ------


def field(code: str, result: str) -> str:
    """A complex field (w:fldChar begin … separate … end); `code` is XML of runs (w:instrText, nested fields)."""

    def mark(kind: str) -> str:
        return f'<w:r><w:fldChar w:fldCharType="{kind}"/></w:r>'

    return mark("begin") + code + mark("separate") + run(result) + mark("end")


def code(text: str) -> str:
    return f'<w:r><w:instrText xml:space="preserve">{text}</w:instrText></w:r>'


@pytest.mark.parametrize(
    ("prefix", "at", "nested", "shown"),
    [
        # old: suspend_after_days 1530 (逾期超过1530日: the nested DOCPROPERTY's 15, then the IF's 30), exit 0
        ("4.4", "逾期超过30日", "15", "30"),
        ("4.2", "¥28,000.00", "20,000.00", "28,000.00"),  # old: ¥20,000.0028,000.00, the figures lost
    ],
)
def test_a_nested_field_s_result_in_the_code_is_not_shown(kefu, prefix, at, nested, shown):
    line = starting(prefix)
    cut = line.index(at) + at.index(shown)
    head, tail = line[:cut], line[cut + len(shown) :]
    inner = field(code(" DOCPROPERTY 宽限 "), nested)
    xml = paragraph(run(head) + field(code(" IF ") + inner + code(f' > 0 "{shown}" "{nested}" '), shown) + run(tail))
    data, err = extracted(kefu, agreement({line: xml}))
    assert data == GOLDEN and "cannot read" not in err


# --- 4. a row of three cells or more, one a cell of fields or items: its lines stay lines -----------------------------


def cell(lines: list[str]) -> str:
    return "".join(paragraph(run(line)) for line in lines)


def test_parties_in_a_three_column_table_are_read_field_by_field(kefu):
    # old: the row was one line, 甲方\t上海云聆客服外包有限公司 地址:上海市… 统一社会信用代码:… 联系方式:…\t(盖章): the
    # provider's name read as '上海市浦东新区张江路 665 号 3 幢 501 室 统一社会信用代码:913101153512078630 联系方式:…',
    # address, credit code and contact null — nothing reported (the same for 乙方)
    rows, dropped = [], []
    for role in ("甲方(服务提供方)", "乙方(服务接受方)"):
        block = _clauses(starting(role), starting("联系方式:" + ("周敏" if role[0] == "甲" else "徐丽")))
        name = block[0].split(":", 1)[1]
        rows.append([paragraph(run(role[:2])), cell([name, *block[1:]]), paragraph(run("(盖章)"))])
        dropped += block
    data, _ = extracted(kefu, agreement({dropped[0]: table(rows)}, drop=tuple(dropped[1:])))
    assert data == GOLDEN


def test_an_article_in_a_three_column_table_keeps_its_items(kefu):
    # old: 2.1 and its items (1)…(4) were one line: satisfaction null (reported unread as the whole row), 2.1(3)'s
    # resolution reported as an unread first response
    article = _clauses(starting("2.1"), starting("(4)"))
    number, text = re.match(r"^(\d+\.\d+)(.*)$", article[0]).groups()
    row = table([[paragraph(run(number)), cell([text, *article[1:]]), paragraph(run("考核标准"))]])
    data, err = extracted(kefu, agreement({article[0]: row}, drop=tuple(article[1:])))
    assert data == GOLDEN and "cannot read" not in err


def test_a_fee_cell_whose_second_line_goes_on_stays_one_sentence(kefu):
    # a sentence on two lines of a cell (含税 / 超出部分…) is not cut: the fee beside 超出部分 stays unread
    fee = starting("4.2")
    row = table([[paragraph(run("基础咨询服务")), paragraph(run("每月人民币贰万捌仟元整(¥28,000.00)")),
                  cell(["含税", "超出部分按每分钟1.5元收费"])]])  # fmt: skip
    data, err = extracted(kefu, agreement({fee: paragraph(run("4.2具体费率标准如下表:")) + row}))
    assert data["fees"]["monthly_fee"] is None and "超出部分按每分钟1.5元收费" in err
