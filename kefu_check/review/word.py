"""A Word body as Word shows it: paragraph text with its automatic numbering, the accepted view of revisions.

Works on any lxml tree of WordprocessingML (the one parsed from the archive, or python-docx's own for
--annotate), so that the paragraph numbers of a review and the paragraphs commented on are the same.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def q(tag: str) -> str:
    return f"{{{W}}}{tag}"


def attr(node: Any, name: str, default: str | None = None) -> str | None:
    if node is None:
        return default
    return node.get(q(name), default)


# parts of the tree that are not shown text in the accepted view
SKIP = {q("del"), q("moveFrom"), q("delText"), q("instrText"), q("pPr"), q("rPr"), q("sectPr"), q("commentReference")}
SKIP |= {q("footnoteReference"), q("endnoteReference"), q("txbxContent"), f"{{{MC}}}Fallback", q("fldData")}
OFF = {"0", "false", "off", "none"}


# --- number formats (w:numFmt) ----------------------------------------------------------------------------

CN_DIGITS = "〇一二三四五六七八九"
CN_LEGAL = "零壹贰叁肆伍陆柒捌玖"
STEMS = "甲乙丙丁戊己庚辛壬癸"
BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def chinese_counting(n: int, digits: str = CN_DIGITS, units: str = "十百千") -> str:
    """Word's chineseCounting: 1 一, 10 十, 11 十一, 20 二十, 101 一百零一, 110 一百一十."""
    if n == 0:
        return digits[0]
    if n >= 10000:
        return str(n)
    out, gap = "", False
    for size, unit in ((1000, units[2]), (100, units[1]), (10, units[0]), (1, "")):
        d = n // size % 10
        if d == 0:
            gap = gap or bool(out)
            continue
        if gap:
            out += digits[0]
        gap = False
        out += ("" if (size == 10 and d == 1 and not out) else digits[d]) + unit
    return out


def _letters(n: int, upper: bool) -> str:
    letter = chr(ord("A" if upper else "a") + (n - 1) % 26)
    return letter * ((n - 1) // 26 + 1)


def _roman(n: int) -> str:
    out = ""
    for value, numeral in (
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
        (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    ):  # fmt: skip
        while n >= value:
            out, n = out + numeral, n - value
    return out


def format_number(n: int, fmt: str) -> str:
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting"):
        return chinese_counting(n)
    if fmt == "chineseLegalSimplified":
        return chinese_counting(n, CN_LEGAL, "拾佰仟")
    if fmt in ("ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand"):
        return "".join(CN_DIGITS[int(d)] for d in str(n))
    if fmt == "ideographTraditional":
        return STEMS[(n - 1) % 10]
    if fmt == "ideographZodiac":
        return BRANCHES[(n - 1) % 12]
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 1 <= n <= 20:
        return CIRCLED[n - 1]
    if fmt == "decimalFullWidth":
        return "".join(chr(0xFF10 + int(d)) for d in str(n))
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("upperLetter", "lowerLetter"):
        return _letters(n, fmt == "upperLetter")
    if fmt in ("upperRoman", "lowerRoman"):
        return _roman(n) if fmt == "upperRoman" else _roman(n).lower()
    if fmt in ("none", "bullet"):
        return ""
    return str(n)  # decimal and every other format


# --- numbering.xml and styles.xml -----------------------------------------------------------------------------


@dataclass
class Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    restart: int | None = None  # w:lvlRestart (1-based level), None = after any shallower level
    legal: bool = False  # w:isLgl
    suffix: str = "\t"
    style: str | None = None  # w:pStyle: the paragraph style this level is linked to


@dataclass
class Numbering:
    abstract: dict[str, dict[int, Level]] = field(default_factory=dict)
    nums: dict[str, str] = field(default_factory=dict)  # numId → abstractNumId
    overrides: dict[str, dict[int, int]] = field(default_factory=dict)  # numId → level → start
    level_overrides: dict[str, dict[int, Level]] = field(default_factory=dict)
    style_num: dict[str, tuple[str | None, int | None]] = field(default_factory=dict)  # style → (numId, ilvl)
    based_on: dict[str, str] = field(default_factory=dict)
    vanish: dict[str, bool] = field(default_factory=dict)  # style → its w:rPr/w:vanish (hidden text), when stated


def _level(node: Any) -> Level:
    def val(tag: str) -> str | None:
        return attr(node.find(q(tag)), "val")

    level = Level()
    if (start := val("start")) is not None and start.lstrip("-").isdigit():
        level.start = int(start)
    level.fmt = val("numFmt") or "decimal"
    level.text = val("lvlText") if val("lvlText") is not None else ""
    if (restart := val("lvlRestart")) is not None and restart.isdigit():
        level.restart = int(restart)
    legal = node.find(q("isLgl"))
    level.legal = legal is not None and attr(legal, "val", "1") not in OFF
    level.suffix = {"space": " ", "nothing": ""}.get(val("suff") or "tab", "\t")
    level.style = val("pStyle")
    return level


def read_numbering(numbering: Any | None, styles: Any | None) -> Numbering:
    out = Numbering()
    if numbering is not None:
        for node in numbering.iter(q("abstractNum")):
            levels = {}
            for lvl in node.findall(q("lvl")):
                ilvl = attr(lvl, "ilvl", "0")
                if ilvl and ilvl.isdigit():
                    levels[int(ilvl)] = _level(lvl)
            out.abstract[attr(node, "abstractNumId", "") or ""] = levels
        for node in numbering.iter(q("num")):
            num_id = attr(node, "numId", "") or ""
            out.nums[num_id] = attr(node.find(q("abstractNumId")), "val", "") or ""
            for override in node.findall(q("lvlOverride")):
                ilvl = int(attr(override, "ilvl", "0") or 0)
                if (start := override.find(q("startOverride"))) is not None:
                    out.overrides.setdefault(num_id, {})[ilvl] = int(attr(start, "val", "1") or 1)
                if (lvl := override.find(q("lvl"))) is not None:
                    out.level_overrides.setdefault(num_id, {})[ilvl] = _level(lvl)
    if styles is not None:
        for style in styles.iter(q("style")):
            style_id = attr(style, "styleId", "") or ""
            if (base := style.find(q("basedOn"))) is not None:
                out.based_on[style_id] = attr(base, "val", "") or ""
            if (vanish := _vanish(style.find(q("rPr")))) is not None:
                out.vanish[style_id] = vanish
            num_pr = style.find(f"{q('pPr')}/{q('numPr')}")
            if num_pr is not None:
                num_id = attr(num_pr.find(q("numId")), "val")
                ilvl = attr(num_pr.find(q("ilvl")), "val")
                out.style_num[style_id] = (num_id, int(ilvl) if ilvl and ilvl.isdigit() else None)
    return out


class Counter:
    """The running numbers of every list, advanced paragraph by paragraph as Word does."""

    def __init__(self, numbering: Numbering) -> None:
        self.n = numbering
        self.counts: dict[str, dict[int, int]] = {}  # abstractNumId → level → last number shown
        self.used: set[str] = set()

    def _num_of(self, paragraph: Any) -> tuple[str | None, int | None, str | None]:
        ppr = paragraph.find(q("pPr"))
        style = attr(ppr.find(q("pStyle")) if ppr is not None else None, "val")
        num_pr = ppr.find(q("numPr")) if ppr is not None else None
        num_id = attr(num_pr.find(q("numId")), "val") if num_pr is not None else None
        ilvl_text = attr(num_pr.find(q("ilvl")), "val") if num_pr is not None else None
        ilvl = int(ilvl_text) if ilvl_text and ilvl_text.isdigit() else None
        probe, seen = style, set()
        while (num_id is None or ilvl is None) and probe and probe not in seen:
            seen.add(probe)
            if probe in self.n.style_num:
                style_num, style_lvl = self.n.style_num[probe]
                num_id = num_id if num_id is not None else style_num
                ilvl = ilvl if ilvl is not None else style_lvl
            probe = self.n.based_on.get(probe)
        return num_id, ilvl, style

    def label(self, paragraph: Any) -> str:
        """The number Word shows before this paragraph ('' when none) and advance the counters."""
        num_id, ilvl, style = self._num_of(paragraph)
        if not num_id or num_id == "0" or num_id not in self.n.nums:
            return ""
        abstract_id = self.n.nums[num_id]
        levels = dict(self.n.abstract.get(abstract_id, {}))
        levels.update(self.n.level_overrides.get(num_id, {}))
        if ilvl is None:  # a heading linked to a level of the list
            ilvl = next((i for i, lv in levels.items() if style and lv.style == style), 0)
        if ilvl not in levels:
            return ""
        counts = self.counts.setdefault(abstract_id, {})
        if num_id not in self.used:
            self.used.add(num_id)
            for lvl, start in self.n.overrides.get(num_id, {}).items():
                counts[lvl] = start - 1
                for deeper in [d for d in counts if d > lvl]:
                    del counts[deeper]
        level = levels[ilvl]
        counts[ilvl] = counts.get(ilvl, level.start - 1) + 1
        for deeper in [d for d in counts if d > ilvl]:
            restart = levels[deeper].restart if deeper in levels else None
            if restart is None or (restart != 0 and ilvl < restart):
                del counts[deeper]
        text = level.text
        for k in range(9, 0, -1):
            if f"%{k}" not in text:
                continue
            lv = levels.get(k - 1, Level())
            value = counts.get(k - 1, lv.start)
            fmt = "decimal" if level.legal and lv.fmt != "none" else lv.fmt
            text = text.replace(f"%{k}", format_number(value, fmt))
        if level.fmt == "bullet" or not text:
            return ""
        return text + level.suffix


# --- text of a paragraph ----------------------------------------------------------------------------------


def _underlined(run: Any) -> bool:
    rpr = run.find(q("rPr"))
    u = rpr.find(q("u")) if rpr is not None else None
    return u is not None and attr(u, "val", "single") not in OFF


def _vanish(rpr: Any) -> bool | None:
    """w:vanish of a run's properties: True, False (w:val="0"), None when not stated."""
    vanish = rpr.find(q("vanish")) if rpr is not None else None
    return None if vanish is None else attr(vanish, "val", "1") not in OFF


@dataclass
class Shown:
    """What one paragraph shows: its text, the text boxes anchored in it, and the styles that may hide a run."""

    styles: Numbering
    paragraph_style: str | None = None
    out: list[str] = field(default_factory=list)
    boxes: list[str] = field(default_factory=list)
    fields: list[bool] = field(default_factory=list)  # the open fields (w:fldChar), each True while in its code

    def style_vanish(self, style: str | None) -> bool:
        seen: set[str] = set()
        while style and style not in seen:
            seen.add(style)
            if style in self.styles.vanish:
                return self.styles.vanish[style]
            style = self.styles.based_on.get(style)
        return False

    def hidden(self, rpr: Any) -> bool:
        """Hidden text (w:vanish): stated on the run, else by its character style and the paragraph's style, each
        with the styles it is based on; vanish is a toggle, so the two styles together show it again (§17.7.3)."""
        direct = _vanish(rpr)
        if direct is not None:
            return direct
        char_style = attr(rpr.find(q("rStyle")) if rpr is not None else None, "val")
        return self.style_vanish(char_style) != self.style_vanish(self.paragraph_style)


def _walk(node: Any, shown: Shown) -> None:
    for child in node:
        tag = child.tag
        if not isinstance(tag, str) or tag in SKIP:
            continue
        if tag == q("r"):
            _run(child, shown)
        elif tag == q("sdt"):
            _sdt(child, shown)
        else:
            _walk(child, shown)


def _run(run: Any, shown: Shown) -> None:
    """A run's text, unless hidden; a text box in it (a shape anchored there) is not part of its sentence."""
    hidden = shown.hidden(run.find(q("rPr")))
    out, underlined = shown.out, _underlined(run)
    for child in run:
        tag = child.tag
        if tag == q("fldChar"):
            _field_char(child, shown)
        elif hidden or any(shown.fields):
            continue  # hidden text, or a field's code: a nested field's result there is part of the code
        elif tag == q("t"):
            text = child.text or ""
            out.append(text.replace(" ", "_").replace("\u3000", "__") if underlined and not text.strip() else text)
        elif tag == q("tab"):
            out.append("_" * 4 if underlined else "\t")
        elif tag in (q("br"), q("cr")):
            out.append("\f" if attr(child, "type") == "page" else LINE_BREAK)
        elif tag == q("noBreakHyphen"):
            out.append("-")
        elif tag == q("ruby") and (base := child.find(q("rubyBase"))) is not None:
            _walk(base, shown)  # the base text; the phonetic guide above it is not the sentence
        elif isinstance(tag, str) and tag not in SKIP:
            for box in _text_boxes(child):  # its paragraphs, not those of a box inside it (they are in theirs)
                paragraphs = [p for p in box.iter(q("p")) if next(p.iterancestors(q("txbxContent"))) is box]
                shown.boxes += [paragraph_text(p, shown.styles) for p in paragraphs]


def _field_char(node: Any, shown: Shown) -> None:
    """A field is its code (w:instrText, and the results of the fields nested in it: { IF { REF x } … }) from
    begin to separate, then its result, which Word shows, to end."""
    kind = attr(node, "fldCharType")
    if kind == "begin":
        shown.fields.append(True)
    elif kind == "separate" and shown.fields:
        shown.fields[-1] = False
    elif kind == "end" and shown.fields:
        shown.fields.pop()


def _text_boxes(node: Any) -> Iterator[Any]:
    """The w:txbxContent of the shapes in `node`, each once: not the VML copy kept in mc:Fallback."""
    for child in node:
        if child.tag == q("txbxContent"):
            yield child
        elif isinstance(child.tag, str) and child.tag != f"{{{MC}}}Fallback":
            yield from _text_boxes(child)


def _sdt(sdt: Any, shown: Shown) -> None:
    """A content control's content; while it still shows its placeholder text, it is a blank: [placeholder]."""
    content = sdt.find(q("sdtContent"))
    if content is None:
        return
    pr = sdt.find(q("sdtPr"))
    placeholder = pr is not None and pr.find(q("showingPlcHdr")) is not None
    inner = Shown(shown.styles, shown.paragraph_style, boxes=shown.boxes, fields=shown.fields)
    _walk(content, inner)
    text = "".join(inner.out)
    shown.out.append(f"[{text.strip() or '____'}]" if placeholder else text)


def _paragraph_style(paragraph: Any) -> str | None:
    ppr = paragraph.find(q("pPr"))
    return attr(ppr.find(q("pStyle")) if ppr is not None else None, "val")


def paragraph_text(paragraph: Any, styles: Numbering | None = None) -> str:
    """The paragraph's shown text (hidden runs left out), then each paragraph of its text boxes on a line of its
    own: a box is seen beside the sentence, never inside it."""
    shown = Shown(styles or Numbering(), _paragraph_style(paragraph))
    _walk(paragraph, shown)
    text = _broken_lines("".join(shown.out).replace("\f", ""))
    return "\n".join([text, *(box for box in shown.boxes if box.strip())])


LINE_BREAK = "\x0b"  # a soft line break (Shift+Enter, w:br), until _broken_lines decides what it is
# after a soft break, a line of its own: a field (开户行:…, 账号\t…) — a field kefu-check reads, or any label after
# a line that is a field itself —, or a clause number after a sentence or a colon (…包括但不限于:⏎(1)…)
FIELD = re.compile(
    r"^\s*(?:(?P<known>(?:甲方|乙方)[^::\t,,。;;]{0,12}|(?:注册)?地址|住所|统一社会信用代码|联系(?:方式|人|电话)|电话|传真"
    r"|(?:电子)?邮箱|法定代表人|开户(?:行|银行)|账户名称|账户名|户名|收款人|(?:银行|收款)?账号|账户号码|(?:合同|协议)编号"
    r"|(?:签订|签署)?日期)|[^::\t,,。;;、]{1,16})\s*[::\t]"
)
CLAUSE = re.compile(
    r"^\s*(?:第\s*[一二三四五六七八九十百\d]+\s*条|\d+(?:\.\d+)+|[((]\s*(?:\d+|[一二三四五六七八九十]+)\s*[))]|[①-⑳])"
)
ENDS = tuple("。;;!!??::")


def _broken_lines(text: str) -> str:
    """The paragraph's soft line breaks: a break ends a line (\\n) where a field or a clause starts after it (the
    fields of a bank block, 开户行:…/账户名称:…/账号:…, on Shift+Enter); anywhere else it is a break in the middle of
    a sentence (每月不低于9⏎0%, 未达到第⏎2.1条, 开⏎户行:…), which a reader reads on: no line ends there."""
    pieces = text.split(LINE_BREAK)
    out = pieces[0]
    for piece in pieces[1:]:
        before = out.rpartition("\n")[2].strip()
        field_ = FIELD.match(piece)
        ends = (
            not before
            or not piece.strip()
            or bool(field_ and (field_["known"] or any(mark in before for mark in "::\t")))
            or bool(CLAUSE.match(piece) and before.endswith(ENDS))
            or before.endswith("公司")  # a party's name, its address or contact on the next line
        )
        out += ("\n" if ends else "") + piece
    return out


def mark_joined(paragraph: Any, styles: Numbering) -> bool:
    """The paragraph mark itself is a tracked deletion, or hidden: as shown, the paragraph joins the next one (a
    paragraph hidden whole, mark and text, is not there)."""
    ppr = paragraph.find(q("pPr"))
    rpr = ppr.find(q("rPr")) if ppr is not None else None
    if rpr is not None and (rpr.find(q("del")) is not None or rpr.find(q("moveFrom")) is not None):
        return True
    return Shown(styles, _paragraph_style(paragraph)).hidden(rpr)


# --- blocks: the body as numbered paragraphs ----------------------------------------------------------------


@dataclass
class Block:
    text: str
    anchor: Any  # the w:p element a comment on this paragraph is anchored to


def _cell_text(cell: Any, counter: Counter) -> tuple[str, Any]:
    parts, first = [], None
    for text, anchor in _paragraphs(cell, counter):
        parts.append(text)
        first = first if first is not None else anchor
    return "\n".join(p for p in parts if p.strip()), first


def _paragraphs(container: Any, counter: Counter) -> Iterator[tuple[str, Any]]:
    """(text, w:p) of each paragraph directly in a container (content controls opened), in order."""
    pending = ""
    for child in container:
        tag = child.tag
        if tag == q("p"):
            if mark_joined(child, counter.n):
                pending += paragraph_text(child, counter.n)
                continue
            yield counter.label(child) + pending + paragraph_text(child, counter.n), child
            pending = ""
        elif tag == q("sdt"):
            content = child.find(q("sdtContent"))
            if content is not None:
                yield from _paragraphs(content, counter)
        elif tag == q("tbl"):
            for row in child.iter(q("tr")):
                for cell in row.findall(q("tc")):
                    yield from _paragraphs(cell, counter)
        elif tag in (q("ins"), q("moveTo"), q("customXml")):
            yield from _paragraphs(child, counter)
    if pending:
        yield pending, None


def blocks(body: Any, counter: Counter) -> list[Block]:
    """The body's paragraphs and table rows in order. A row is one block: two cells are label and value
    (名称 | 上海… → 名称:上海…); more cells are joined by tabs, each with its column's heading when the first
    row is one (月服务费 | 28,000 → 月服务费:28,000)."""
    out: list[Block] = []
    pending = ""

    def add(text: str, anchor: Any, label: str = "") -> None:
        nonlocal pending
        out.append(Block(label + pending + text, anchor))
        pending = ""

    def visit(container: Any) -> None:
        nonlocal pending
        for child in container:
            tag = child.tag
            if tag == q("p"):
                if mark_joined(child, counter.n):  # joins the next paragraph, whose mark (and number) it takes
                    pending += paragraph_text(child, counter.n)
                else:
                    add(paragraph_text(child, counter.n), child, counter.label(child))
            elif tag == q("tbl"):
                table(child)
            elif tag == q("sdt"):
                content = child.find(q("sdtContent"))
                if content is not None:
                    visit(content)
            elif tag in (q("ins"), q("moveTo"), q("customXml")):
                visit(child)

    def table(tbl: Any) -> None:
        rows = []
        for row in tbl.findall(q("tr")):
            cells, anchor = [], None
            for cell in row.iter(q("tc")):
                if cell.getparent() is not row and cell.getparent().tag != q("sdtContent"):
                    continue
                text, first = _cell_text(cell, counter)
                cells.append([part.strip() for part in text.split("\n") if part.strip()])
                anchor = anchor if anchor is not None else first
            rows.append((cells, anchor))
        flat = [[" ".join(lines) for lines in cells] for cells, _ in rows]
        heading = flat[0] if flat and len(flat[0]) >= 3 and not any(_has_figure(c) for c in flat[0]) else None
        for index, (cells, anchor) in enumerate(rows):
            joined = flat[index]
            if len(cells) == 1:  # a boxed clause: its paragraphs and soft breaks stay lines, as Word shows them
                text = "\n".join(cells[0])
            elif len(cells) == 2 and joined[0] and joined[1] and not joined[0].rstrip().endswith((":", ":")):
                value = cells[1]
                if len(value) > 1 and LABELLED.match(value[0]):  # 收款账户 | 开户行:… / 账户名称:… / 账号:…
                    text = "\n".join([joined[0], *value])
                else:  # 2.1 | 甲方承诺…: / (1)响应时间… — the label, then each of the cell's lines
                    text = "\n".join([f"{joined[0]}:{value[0]}", *value[1:]])
            elif any(_field_lines(lines) for lines in cells):  # 甲方 | 上海…公司 / 地址:… / 统一社会信用代码:… | (盖章)
                text = _row_of_fields(cells, heading if index > 0 and len(cells) == len(heading or ()) else None)
            elif heading is not None and index > 0 and len(cells) == len(heading):
                text = "\t".join(f"{h}:{c}" if h and c else c for h, c in zip(heading, joined, strict=True))
            else:
                text = "\t".join(joined)
            add(text, anchor)

    visit(body)
    if pending:
        out.append(Block(pending, None))
    return out


LABELLED = re.compile(r"^[^::\t]{1,10}[::\t]")  # a line that is itself a label and its value (开户行:…)


def _field_lines(lines: list[str]) -> bool:
    """A cell of several lines whose lines after the first are each a field (地址:…) or a clause item ((2)…, 2.2…):
    lines of their own, never one line joined by spaces (a sentence on two lines, 含税 / 超出部分…, is one)."""
    return len(lines) > 1 and all(LABELLED.match(ln) or _numbered(ln) for ln in lines[1:])


def _numbered(line: str) -> bool:
    from .clauses import ITEM, NUMBERED

    folded = unicodedata.normalize("NFKC", line)
    return bool(ITEM.match(folded) or NUMBERED.match(folded))


def _row_of_fields(cells: list[list[str]], heading: list[str] | None) -> str:
    """A row of three cells or more, one of them a cell of fields: each cell's lines (with its column's heading, when
    there is one), a cell of fields on lines of its own; a first cell that is a label (甲方, 2.1) labels the next
    cell's first line, as a row of two cells does (甲方:上海…公司; it was 甲方 上海…公司 地址:… read as the name)."""
    texts = []
    for i, lines in enumerate(cells):
        body = "\n".join(lines) if _field_lines(lines) else " ".join(lines)
        texts.append(f"{heading[i]}:{body}" if heading and heading[i] and body else body)
    text = texts[0]
    for i in range(1, len(cells)):
        label = i == 1 and heading is None and len(cells[0]) == 1 and not cells[0][0].endswith((":", ":"))
        sep = ":" if label and cells[1] else "\n" if _field_lines(cells[i - 1]) or _field_lines(cells[i]) else "\t"
        text += sep + texts[i]
    return text


def _has_figure(text: str) -> bool:
    return any(ch.isdigit() for ch in text)
