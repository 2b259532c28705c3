"""The agreement's clause structure: each line gets its clause (第一条 → '1', 1.1, 2.1(1); 'parties' before
第一条, 'signature' for the signature block after the last article), its text with full-width ASCII folded,
and its blanks masked: […] or 【…】 (nested brackets one blank), a run of two or more underscores (____, or
underlined spaces in a .docx). A paragraph with soft line breaks gives one line per break, all with its number."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .numerals import parse_integer

FOLD = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)} | {0x3000: 0x20, 0xFFE5: 0xA5, 0x3010: 0x5B, 0x3011: 0x5D}
MASK = "□"
ARTICLE = re.compile(r"^\s*第\s*([一二三四五六七八九十百\d]+)\s*条")
NUMBERED = re.compile(r"^\s*(\d+(?:\.\d+)+)(?!\d)")
ITEM = re.compile(r"^\s*(?:\(\s*(\d+|[一二三四五六七八九十]+)\s*\)|([①-⑳]))")
PARTIES = "parties"
SIGNATURE = "signature"
SIGNS = re.compile(r"^\s*(?:(?:甲方|乙方)[^。;]{0,24}?(?:盖章|签章|签字|签名|签署)|签署页|(?:以下无正文|此页无正文))")
UNDERSCORES = re.compile(r"_{2,}")
ANNEX = re.compile(r"^\s*附\s*件\s*([一二三四五六七八九十\d]+)(?!\s*[的所中和及、,,])")


@dataclass(frozen=True)
class Line:
    number: int | None  # 1-based line (.txt) or paragraph (.docx) number; None in a header or footer
    clause: str
    raw: str  # as written
    text: str  # full-width folded, blanks masked with □ (same length as raw)
    blanks: tuple[str, ...]  # the blanks' text, as written
    part: str = "body"  # body | header | footer


def blank_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the outermost […] (an unclosed [ runs to the end of the line; a stray ] is a blank itself)."""
    spans, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch == "[":
            if depth == 0:
                start = i
            depth += 1
        elif ch == "]":
            if depth == 0:
                spans.append((i, i + 1))
            else:
                depth -= 1
                if depth == 0:
                    spans.append((start, i + 1))
    if depth:
        spans.append((start, len(text)))
    for m in UNDERSCORES.finditer(text):
        if not any(a <= m.start() < b for a, b in spans):
            spans.append(m.span())
    return sorted(spans)


def _is_integer(text: str) -> bool:
    try:
        parse_integer(text)
    except ValueError:
        return False
    return True


def _item(m: re.Match[str]) -> int:
    if m[2]:
        return ord(m[2]) - ord("①") + 1
    return parse_integer(m[1])


def split_lines(lines: list[Any]) -> list[Line]:
    """Number the lines (strings, or document paragraphs with .text/.number/.part) and give each its clause; a
    line without a clause number belongs to the one above; header and footer lines belong to the parties."""
    out: list[Line] = []
    clause, numbered = PARTIES, PARTIES
    for index, item in enumerate(lines, 1):
        text_of, number, part = (item, index, "body") if isinstance(item, str) else (item.text, item.number, item.part)
        for raw in text_of.split("\n"):
            if part != "body":
                out.append(_line(number, PARTIES, raw, part))
                continue
            text = _line(number, clause, raw).text
            if (m := ARTICLE.match(text)) and _is_integer(m[1]):
                clause = numbered = str(parse_integer(m[1]))
            elif m := NUMBERED.match(text):
                clause = numbered = m[1]
            elif (m := ITEM.match(text)) and numbered not in (PARTIES, SIGNATURE) and "." in numbered:
                clause = f"{numbered}({_item(m)})"
            elif numbered != PARTIES and (m := ANNEX.match(text)) and _is_integer(m[1]):
                clause = numbered = f"annex-{parse_integer(m[1])}"
            elif numbered != PARTIES and SIGNS.match(text):
                clause = numbered = SIGNATURE
            out.append(_line(number, clause, raw))
    return out


def _line(number: int | None, clause: str, raw: str, part: str = "body") -> Line:
    folded = raw.translate(FOLD)
    spans = blank_spans(folded)
    text = folded
    for a, b in spans:
        text = text[:a] + MASK * (b - a) + text[b:]
    return Line(number, clause, raw, text, tuple(raw[a:b] for a, b in spans), part)


def clause_key(clause: str) -> tuple:
    """Document order: 'parties' first, then 1 < 1.1 < 1.2 < 2 < 2.1 < 2.1(1) < 2.1(2) < 2.2 < 10."""
    if clause == PARTIES:
        return ((-1,),)
    if clause == SIGNATURE:
        return ((10**9,),)
    if clause.startswith("annex-"):
        return ((10**8 + int(clause.removeprefix("annex-")),),)
    parts = re.findall(r"\d+|\D+", clause)
    return (tuple(int(p) if p.isdigit() else 0 for p in parts if p not in ".()"),)
