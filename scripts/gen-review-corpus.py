#!/usr/bin/env python3

"""Build the review corpus: agreements as companies make them, each with the contract it states.

Usage: .venv/bin/python scripts/gen-review-corpus.py [--lo]   (--lo: also the LibreOffice-made ones; needs soffice)

Writes fixtures/review/corpus/NAME.docx|.txt and NAME.contract.json (what the document states, written here
by hand from the demo contract — never from the extractor) and corpus.json (the finding ids each one must
give). The review goldens NAME.expected.json are written by the tests (KEFU_UPDATE_GOLDEN=1) and read by a
person. The documents are committed, so CI needs neither this script nor LibreOffice.
"""

from __future__ import annotations

import copy
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REVIEW = ROOT / "fixtures" / "review"
OUT = REVIEW / "corpus"
FILLED = (REVIEW / "filled.txt").read_text(encoding="utf-8").split("\n")
BASE = json.loads((REVIEW / "filled.contract.json").read_text(encoding="utf-8"))

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def expected(changes: dict[str, object] | None = None) -> dict:
    data = copy.deepcopy(BASE)
    for path, value in (changes or {}).items():
        node = data
        *parents, last = path.split(".")
        for part in parents:
            node = node[part]
        node[last] = value
    return data


def text_of(lines: list[str]) -> str:
    return "\n".join(lines)


def replace(lines: list[str], old: str, new: str) -> list[str]:
    joined = text_of(lines)
    assert joined.count(old) == 1, old
    return joined.replace(old, new).split("\n")


# --- python-docx builders -------------------------------------------------------------------------------------


def new_document():
    import docx
    from docx.oxml.ns import qn
    from docx.shared import Pt

    document = docx.Document()
    style = document.styles["Normal"]
    style.font.size = Pt(10.5)
    style.font.name = "Noto Serif CJK SC"
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "Noto Serif CJK SC")
    return document


def plain_docx(lines: list[str], path: Path) -> None:
    document = new_document()
    for line in lines:
        document.add_paragraph(line)
    document.save(str(path))


NUMBERING = f"""<w:abstractNum xmlns:w="{W}" w:abstractNumId="90">
  <w:multiLevelType w:val="multilevel"/>
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:pStyle w:val="Heading1"/>
    <w:lvlText w:val="第%1条"/><w:suff w:val="nothing"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:isLgl/><w:lvlText w:val="%1.%2"/>
    <w:suff w:val="nothing"/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:isLgl/><w:lvlText w:val="%1.%2.%3"/>
    <w:suff w:val="nothing"/></w:lvl>
  <w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="(%4)"/>
    <w:suff w:val="nothing"/></w:lvl>
</w:abstractNum>"""


def numbered_docx(lines: list[str], path: Path) -> None:
    """Word's multilevel list linked to the headings: 第%1条 (chineseCounting, Heading 1), %1.%2 and %1.%2.%3
    (w:isLgl: decimal although level 1 is Chinese), (%4); no clause number is typed."""
    from docx.oxml import parse_xml

    document = new_document()
    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(NUMBERING))
    numbering.append(parse_xml(f'<w:num xmlns:w="{W}" w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    heading = document.styles["Heading 1"]
    ppr = heading.element.get_or_add_pPr()
    ppr.append(parse_xml(f'<w:numPr xmlns:w="{W}"><w:numId w:val="90"/></w:numPr>'))

    def numbered(text: str, level: int | None) -> None:
        if level == 0:
            document.add_paragraph(text, style="Heading 1")
            return
        paragraph = document.add_paragraph(text)
        if level is not None:
            num_pr = paragraph._p.get_or_add_pPr()
            num_pr.append(parse_xml(f'<w:numPr xmlns:w="{W}"><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>'))

    for line in lines:
        if m := re.match(r"^第[一二三四五六七八九十]+条(.*)$", line):
            numbered(m[1], 0)
        elif m := re.match(r"^\d+\.\d+\.\d+(.*)$", line):
            numbered(m[1], 2)
        elif m := re.match(r"^\d+\.\d+(.*)$", line):
            numbered(m[1], 1)
        elif m := re.match(r"^\(\d\)(.*)$", line):
            numbered(m[1], 3)
        else:
            numbered(line, None)
    document.save(str(path))


def table_docx(path: Path) -> dict:
    """Parties in a table, the fee in a fee schedule table, the first-response standards in an SLA table of the
    annex 附件一 that 2.1(1) refers to."""
    document = new_document()
    lines = list(FILLED)
    head, parties_end = (
        lines[:4],
        lines.index(
            "鉴于甲方拥有提供客服服务的资质和能力,愿意按照本协议约定为乙方提供客服服务;乙方愿意接受甲方的客服服务。双方根据《中华人民共和国民法典》及相关法律法规的规定,本着平等、自愿、公平和诚实信用的原则,经友好协商,达成如下协议:"
        ),
    )
    for line in head:
        document.add_paragraph(line)
    rows = [
        ("甲方(服务提供方)", "上海云聆客服外包有限公司"),
        ("地址", "上海市浦东新区张江路 665 号 3 幢 501 室"),
        ("统一社会信用代码", "913101153512078630"),
        ("联系方式", "周敏 021-5080 3316"),
        ("乙方(服务接受方)", "杭州青禾母婴用品有限公司"),
        ("地址", "杭州市余杭区文一西路 998 号海创园 5 号楼"),
        ("统一社会信用代码", "91330110628530197B"),
        ("联系方式", "徐丽 0571-8613 2277"),
    ]
    table = document.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for label, value in rows:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = label, value
    body = lines[parties_end:]
    body = replace(
        body,
        "(1)响应时间:对于客户发起的电话请求,每月不低于80%的请求应在20秒内做出首次响应;对于在线聊天请求,每月不低于90%的请求应在30秒内做出首次响应。",
        "(1)响应时间:各渠道的首次响应时限及达标比例见附件一。",
    )
    body = replace(body, "4.2具体费率标准为:基础咨询服务每月人民币贰万捌仟元整(¥28,000.00)。", "4.2具体费率标准见下表:")
    for line in body:
        document.add_paragraph(line)
        if line == "4.2具体费率标准见下表:":
            fees = document.add_table(rows=2, cols=3)
            fees.style = "Table Grid"
            for cell, text in zip(fees.rows[0].cells, ("服务项目", "计费方式", "月服务费"), strict=True):
                cell.text = text
            for cell, text in zip(fees.rows[1].cells, ("基础咨询服务", "固定月费", "¥28,000.00"), strict=True):
                cell.text = text
    document.add_paragraph("附件一:服务水平标准")
    sla = document.add_table(rows=3, cols=3)
    sla.style = "Table Grid"
    for row, texts in zip(
        sla.rows,
        (
            ("服务渠道", "首次响应时限", "达标比例"),
            ("电话", "20秒内", "每月不低于80%"),
            ("在线聊天", "30秒内", "每月不低于90%"),
        ),
        strict=True,
    ):
        for cell, text in zip(row.cells, texts, strict=True):
            cell.text = text
    document.save(str(path))
    return expected()


def _run_xml(text: str, underline: bool = False) -> str:
    u = '<w:rPr><w:u w:val="single"/></w:rPr>' if underline else ""
    return f'<w:r>{u}<w:t xml:space="preserve">{text}</w:t></w:r>'


def raw_paragraph(document, inner: str):
    from docx.oxml import parse_xml

    p = parse_xml(f'<w:p xmlns:w="{W}">{inner}</w:p>')
    document.element.body.insert(len(document.element.body) - 1, p)
    return p


def tracked_docx(path: Path) -> dict:
    """Tracked changes (the fee 20,000 → 28,000, a deleted sentence and a deleted paragraph, an inserted
    service language) and content controls (the client's name, the bank) — read as accepted."""
    document = new_document()
    author = 'w:author="律师" w:date="2025-12-01T10:00:00Z"'
    for line in FILLED:
        if line == "4.2具体费率标准为:基础咨询服务每月人民币贰万捌仟元整(¥28,000.00)。":
            raw_paragraph(
                document,
                _run_xml("4.2具体费率标准为:基础咨询服务每月人民币")
                + f'<w:del w:id="1" {author}><w:r><w:delText>贰万元整(¥20,000.00)</w:delText></w:r></w:del>'
                + f'<w:ins w:id="2" {author}>{_run_xml("贰万捌仟元整(¥28,000.00)")}</w:ins>'
                + _run_xml("。"),
            )
        elif line == "1.3服务的服务对象为乙方客户,服务语言为中文。":
            raw_paragraph(
                document,
                _run_xml("1.3服务的服务对象为乙方客户,服务语言为")
                + f'<w:ins w:id="3" {author}>{_run_xml("中文")}</w:ins>'
                + f'<w:del w:id="4" {author}><w:r><w:delText>英文</w:delText></w:r></w:del>'
                + _run_xml("。"),
            )
        elif line == "乙方(服务接受方):杭州青禾母婴用品有限公司":
            raw_paragraph(
                document,
                _run_xml("乙方(服务接受方):")
                + '<w:sdt><w:sdtPr><w:alias w:val="乙方名称"/><w:tag w:val="client"/></w:sdtPr>'
                f"<w:sdtContent>{_run_xml('杭州青禾母婴用品有限公司')}</w:sdtContent></w:sdt>",
            )
        elif line == "开户行:招商银行上海张江支行":
            from docx.oxml import parse_xml

            sdt = parse_xml(
                f'<w:sdt xmlns:w="{W}"><w:sdtPr><w:alias w:val="开户行"/></w:sdtPr><w:sdtContent>'
                f"<w:p>{_run_xml('开户行:招商银行上海张江支行')}</w:p></w:sdtContent></w:sdt>"
            )
            document.element.body.insert(len(document.element.body) - 1, sdt)
        elif line == "2.2甲方应配备具备相应专业知识、技能和良好沟通能力的客服人员提供服务。":
            document.add_paragraph(line)
            # a paragraph deleted with tracked changes: gone in the accepted view (mark and text deleted)
            raw_paragraph(
                document,
                f'<w:pPr><w:rPr><w:del w:id="5" {author}/></w:rPr></w:pPr>'
                f'<w:del w:id="6" {author}><w:r><w:delText>2.2A甲方可随时调整服务时间。</w:delText></w:r></w:del>',
            )
        else:
            document.add_paragraph(line)
    document.save(str(path))
    return expected()


def header_docx(path: Path) -> dict:
    """合同编号 in the page header only (not in the body); a page number in the footer."""
    document = new_document()
    section = document.sections[0]
    section.header.paragraphs[0].text = "客服服务协议\t\t合同编号:KF-2026-DEMO"
    section.footer.paragraphs[0].text = "第 1 页"
    for line in FILLED:
        if line != "合同编号:KF-2026-DEMO":
            document.add_paragraph(line)
    document.save(str(path))
    return expected()


def breaks_docx(path: Path) -> dict:
    """Party blocks and the bank details each in one paragraph, their fields on soft line breaks (Shift+Enter);
    tabs between label and value."""
    document = new_document()
    lines = [ln for ln in FILLED]
    skip = set()
    out = []
    for i, line in enumerate(lines):
        if i in skip:
            continue
        if line.startswith(("甲方(服务提供方)", "乙方(服务接受方)")):
            block = [line] + [lines[i + k] for k in (2, 4, 6)]
            skip |= {i + k for k in range(1, 7)}
            out.append(("breaks", block))
        elif line == "开户行:招商银行上海张江支行":
            block = [line, lines[i + 2], lines[i + 4]]
            skip |= {i + k for k in range(1, 5)}
            out.append(("breaks", [b.replace(":", "\t", 1) if b.startswith("账号") else b for b in block]))
        else:
            out.append(("p", line))
    for kind, item in out:
        paragraph = document.add_paragraph()
        if kind == "p":
            paragraph.add_run(item)
            continue
        for k, field in enumerate(item):
            run = paragraph.add_run(field)
            if k < len(item) - 1:
                run.add_break()
    document.save(str(path))
    return expected()


def blanks_docx(path: Path) -> tuple[dict, list[str]]:
    """Blanks as drafters leave them: underscores for the account number, underlined spaces for the bank."""
    document = new_document()
    for line in FILLED:
        if line == "账号:1219 0837 5610 501":
            document.add_paragraph("账号:________________")
        elif line == "开户行:招商银行上海张江支行":
            paragraph = document.add_paragraph("开户行:")
            run = paragraph.add_run("          ")
            run.underline = True
        else:
            document.add_paragraph(line)
    document.save(str(path))
    return expected({"fees.bank.bank": None, "fees.bank.account_no": None}), ["review.placeholder"]


def comments_docx(path: Path) -> dict:
    """A reviewer's Word comment proposing another rate: comments are not agreement text."""
    document = new_document()
    for line in FILLED:
        paragraph = document.add_paragraph(line)
        if line.startswith("4.4"):
            document.add_comment(paragraph.runs, text="建议改为万分之十,逾期超过10日即可暂停服务", author="乙方法务")
    document.save(str(path))
    return expected()


# --- LibreOffice-made documents ------------------------------------------------------------------------------


def html_of(lines: list[str], tables: dict[str, list[list[str]]] | None = None, breaks: bool = False) -> str:
    out = [
        '<html><head><meta charset="utf-8"><style>body{font-family:"Noto Serif CJK SC";font-size:10.5pt}'
        "td{border:1px solid black;padding:2pt}</style></head><body>"
    ]
    i = 0
    while i < len(lines):
        line = lines[i]
        if breaks and line.startswith(("甲方(服务提供方)", "乙方(服务接受方)")):
            block = [line] + [lines[i + k] for k in (2, 4, 6)]
            out.append("<p>" + "<br/>".join(block) + "</p>")
            i += 7
            continue
        if line.strip():
            tag = "h2" if re.match(r"^第[一二三四五六七八九十]+条", line) else "p"
            out.append(f"<{tag}>{line}</{tag}>")
        for row_block in (tables or {}).get(line, []):
            out.append(
                "<table>"
                + "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in row_block)
                + "</table>"
            )
        i += 1
    out.append("</body></html>")
    return "\n".join(out)


def libreoffice(source_text: str, suffix: str, path: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / f"{path.stem}{suffix}"
        src.write_text(source_text, encoding="utf-8")
        subprocess.run(
            ["soffice", "--headless", "--convert-to", "docx:MS Word 2007 XML", "--outdir", tmp, str(src)],
            check=True,
            capture_output=True,
            timeout=180,
        )
        shutil.copy(Path(tmp) / f"{path.stem}.docx", path)


# --- paraphrases (.txt) -----------------------------------------------------------------------------------

PARAPHRASES: dict[str, tuple[list[tuple[str, str]], dict, list[str]]] = {
    "para-notice-days": (
        [("在提前5日书面通知乙方后暂停服务", "在书面通知乙方三日后暂停服务")],
        {"fees.suspension_notice_days": 3},
        [],
    ),
    "para-credit-each": (
        [("每项按当月服务费用的5%抵减服务费用", "每项扣减当月服务费的5%")],
        {},
        [],
    ),
    "para-term-duration": (
        [("至2026年12月31日止,共计十二个月", "为期一年")],
        {},
        [],
    ),
    "para-payment-next-month": (
        [("乙方应在每个支付周期结束后的10个工作日内,", "乙方应于次月7个工作日内,")],
        {"fees.due_working_days": 7},
        [],
    ),
    "para-fee-words-mismatch": (
        [("基础咨询服务每月人民币贰万捌仟元整(¥28,000.00)", "月服务费为人民币36,000元(大写:叁万伍仟元整)")],
        {"fees.monthly_fee": "36000"},
        ["review.amount_words_mismatch"],
    ),
    "para-round-the-clock": (
        [("北京时间周一至周五,上午9点至下午6点,法定节假日休息,调休工作日照常服务", "全年365天、每天24小时,节假日无休")],
        {
            "standards.service_hours": {
                "days": ["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
                "start": "00:00",
                "end": "24:00",
                "timezone": None,
                "calendar": "weekly",
            }
        },
        [],
    ),
    "para-satisfaction-words": (
        [("满意度应达到不低于85%", "满意度应不低于百分之八十五")],
        {},
        [],
    ),
    "para-channels-one-sentence": (
        [
            (
                "对于客户发起的电话请求,每月不低于80%的请求应在20秒内做出首次响应;对于在线聊天请求,每月不低于90%的请求应在30秒内做出首次响应。",
                "对于客户发起的电话请求,每月不低于80%的请求应在20秒内做出首次响应,对于客户发起的在线聊天请求,每月不低于90%的请求应在30秒内做出首次响应。",
            )
        ],
        {},
        [],
    ),
    "para-report-next-month": (
        [("于每月结束后5个工作日内向乙方提供上月服务报告", "按月编制服务报告,并于次月第5个工作日结束前送达乙方")],
        {},
        [],
    ),
    "para-liability-article": (
        [
            (
                "2.4甲方当月未达到第2.1条任一项服务标准的,每项按当月服务费用的5%抵减服务费用。",
                "2.4甲方应持续改进服务质量。",
            ),
            (
                "6.1任何一方违反本协议约定的,应承担违约责任,赔偿守约方因此遭受的损失。",
                "6.1任何一方违反本协议约定的,应承担违约责任,赔偿守约方因此遭受的损失。\n\n"
                "6.2甲方当月服务每有一项未达标的,乙方有权获得相当于当月服务费5%的服务抵扣;同一自然月的抵扣总额不超过当月服务费的20%。",
            ),
        ],
        {"remedies.service_credit_cap_percent": "20"},
        [],
    ),
    "para-numerals": (
        [
            ("逾期超过30日", "逾期超过三十日"),
            ("应在24小时内提供解决方案", "应在廿四小时内提供解决方案"),
            ("满意度应达到不低于85%", "满意度应达到不低于八十五%"),
        ],
        {},
        [],
    ),
    "para-unread-fee": (
        [("基础咨询服务每月人民币贰万捌仟元整(¥28,000.00)", "基础咨询服务每月服务费以双方确认的报价单为准")],
        {"fees.monthly_fee": None},
        ["review.unread"],
    ),
    "para-no-dispute-clause": (
        [
            (
                "第七条争议解决\n\n7.1因本协议引起的或与本协议有关的争议,双方应友好协商解决;协商不成的,任何一方均可向甲方所在地有管辖权的人民法院提起诉讼。\n\n",
                "",
            )
        ],
        {},
        ["review.clause_missing"],
    ),
}


def paraphrase(name: str) -> tuple[str, dict, list[str]]:
    edits, changes, ids = PARAPHRASES[name]
    text = text_of(FILLED)
    for old, new in edits:
        assert text.count(old) == 1, (name, old)
        text = text.replace(old, new)
    return text, expected(changes), ids


def main(argv: list[str]) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    manifest: dict[str, dict] = {}

    def record(name: str, contract: dict, ids: list[str] | None = None, features: str = "") -> None:
        (OUT / f"{name}.contract.json").write_text(
            json.dumps(contract, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        manifest[name] = {"findings": sorted(set(ids or [])), "features": features}

    path = OUT / "docx-plain.docx"
    plain_docx(FILLED, path)
    record("docx-plain", expected(), [], "python-docx, one paragraph per line")
    numbered_docx(FILLED, OUT / "docx-numbering.docx")
    record(
        "docx-numbering",
        expected(),
        [],
        "python-docx, multilevel list linked to headings: 第%1条, %1.%2 (isLgl), %1.%2.%3, (%4)",
    )
    record(
        "docx-tables",
        table_docx(OUT / "docx-tables.docx"),
        [],
        "python-docx, parties table, fee table, SLA table in 附件一",
    )
    record(
        "docx-tracked",
        tracked_docx(OUT / "docx-tracked.docx"),
        [],
        "python-docx, tracked insertions/deletions, content controls",
    )
    record("docx-header", header_docx(OUT / "docx-header.docx"), [], "python-docx, 合同编号 in the page header, footer")
    record(
        "docx-breaks",
        breaks_docx(OUT / "docx-breaks.docx"),
        [],
        "python-docx, soft line breaks and tabs in party and bank fields",
    )
    contract, ids = blanks_docx(OUT / "docx-blanks.docx")
    record("docx-blanks", contract, ids, "python-docx, blanks as ____ and as underlined spaces")
    record("docx-comments", comments_docx(OUT / "docx-comments.docx"), [], "python-docx, a Word comment (not text)")
    for name in PARAPHRASES:
        text, contract, ids = paraphrase(name)
        (OUT / f"{name}.txt").write_text(text, encoding="utf-8")
        record(name, contract, ids, "paraphrased .txt")
        if name in ("para-fee-words-mismatch", "para-liability-article", "para-round-the-clock"):
            plain_docx(text.split("\n"), OUT / f"{name}-docx.docx")
            record(f"{name}-docx", contract, ids, "python-docx of the paraphrase")
    if "--lo" in argv:
        libreoffice(html_of(FILLED), ".html", OUT / "lo-plain.docx")
        record("lo-plain", expected(), [], "LibreOffice from HTML: headings, paragraphs")
        tables = {
            "4.2具体费率标准见下表:": [
                [["服务项目", "计费方式", "月服务费"], ["基础咨询服务", "固定月费", "¥28,000.00"]]
            ],
        }
        lines = replace(
            FILLED, "4.2具体费率标准为:基础咨询服务每月人民币贰万捌仟元整(¥28,000.00)。", "4.2具体费率标准见下表:"
        )
        libreoffice(html_of(lines, tables, breaks=True), ".html", OUT / "lo-tables-breaks.docx")
        record(
            "lo-tables-breaks", expected(), [], "LibreOffice from HTML: fee table, party fields on <br/> soft breaks"
        )
        text, contract, ids = paraphrase("para-liability-article")
        libreoffice(html_of(text.split("\n")), ".html", OUT / "lo-liability-article.docx")
        record("lo-liability-article", contract, ids, "LibreOffice from HTML: credit clause in an added article")
    elif (REVIEW / "corpus.json").exists():
        old = json.loads((REVIEW / "corpus.json").read_text(encoding="utf-8"))
        manifest.update({k: v for k, v in old.items() if k.startswith("lo-")})
    (REVIEW / "corpus.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"{len(manifest)} documents in {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main(sys.argv[1:])
