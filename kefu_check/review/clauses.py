"""The agreement's clause structure: each line gets its clause (第一条 → '1', 1.1, 2.1(1); 'parties' before
第一条), its text with full-width ASCII folded, and its blanks ([…] or 【…】, nested brackets one blank) masked."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .numerals import parse_integer

FOLD = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)} | {0x3000: 0x20, 0xFFE5: 0xA5, 0x3010: 0x5B, 0x3011: 0x5D}
MASK = "□"
ARTICLE = re.compile(r"^\s*第\s*([一二三四五六七八九十百\d]+)\s*条")
NUMBERED = re.compile(r"^\s*(\d+(?:\.\d+)+)(?!\d)")
ITEM = re.compile(r"^\s*\(\s*(\d+)\s*\)")
PARTIES = "parties"


@dataclass(frozen=True)
class Line:
    number: int  # 1-based line (.txt) or paragraph (.docx) number
    clause: str
    raw: str  # as written
    text: str  # full-width folded, blanks masked with □ (same length as raw)
    blanks: tuple[str, ...]  # the blanks' text, as written


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
    return spans


def _is_integer(text: str) -> bool:
    try:
        parse_integer(text)
    except ValueError:
        return False
    return True


def split_lines(lines: list[str]) -> list[Line]:
    """Number the lines and give each its clause; a line without a clause number belongs to the one above."""
    out: list[Line] = []
    clause, numbered = PARTIES, PARTIES
    for number, raw in enumerate(lines, 1):
        folded = raw.translate(FOLD)
        spans = blank_spans(folded)
        text = folded
        for a, b in spans:
            text = text[:a] + MASK * (b - a) + text[b:]
        if (m := ARTICLE.match(text)) and _is_integer(m[1]):
            clause = numbered = str(parse_integer(m[1]))
        elif m := NUMBERED.match(text):
            clause = numbered = m[1]
        elif (m := ITEM.match(text)) and numbered != PARTIES:
            clause = f"{numbered}({int(m[1])})"
        out.append(Line(number, clause, raw, text, tuple(raw[a:b] for a, b in spans)))
    return out


def clause_key(clause: str) -> tuple:
    """Document order: 'parties' first, then 1 < 1.1 < 1.2 < 2 < 2.1 < 2.1(1) < 2.1(2) < 2.2 < 10."""
    if clause == PARTIES:
        return ((-1,),)
    parts = re.findall(r"\d+|\D+", clause)
    return (tuple(int(p) if p.isdigit() else 0 for p in parts if p not in ".()"),)
