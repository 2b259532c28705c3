"""The State Council's holiday notice (国务院办公厅关于YYYY年部分节假日安排的通知) as text → the year's arrangement.

The grammar, line by line (full-width or ASCII punctuation, spaces ignored, a few traditional characters mapped):

- a title line (…国务院…通知) gives the year: 关于2019年部分节假日安排, 关于调整2019年劳动节假期安排, 关于延长2020年
  春节假期; without a title, 现将2019年…通知如下 or the largest year written in a date of the arrangement;
- a block line: an optional ordinal (一、 1. (一)), the holiday names and a colon (春节: / 中秋节、国庆节:), then
  sentences (。;) of clauses (,): dates ``[YYYY年][M月]D日[(星期X|周X|农历…)]``, joined by 至/-/~ (a range) or 、/和
  (a list); a clause with 上班 makes its dates adjusted working days (``…起正常上班`` is not one); with 补休 its
  dates are days off and the block joins the adjacent weekend; with 放假/调休/公休/休息 its dates (ranges
  included) are days off; 与周末连休 joins the adjacent weekend; 共N天 / 放假N天 states the count; 不调休 says
  there is no adjusted working day; 延长…假期至DATE extends the named block of an earlier notice; a clause that
  advises (鼓励/提倡/倡导/建议…: the 2024 notice's 鼓励各单位…安排职工在除夕(2月9日)休息) arranges nothing, and
  the rest of its sentence is read past with it.
- every other line (the 文号, the preamble, the closing paragraph, the signature date) is read past; a line
  starting with ``#`` is a comment.

A date without a year is in the notice's year, except a December date in the 元旦 block (the previous year);
a date with only a day takes the year and month of the date before it. Several notices for one year are read
in order: a block of a later one replaces the earlier block of the same holiday (or, unnamed, the block whose
days it overlaps), or is added.

Days off of a block = its named days, and, by the block rule of SPEC §2, every Saturday or Sunday in the run of
consecutive days off containing it, when that run holds a named day off on a weekday.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from .words import WEEKDAY_EN, WEEKDAY_ZH, refusal

ONE_DAY = timedelta(days=1)

_TRADITIONAL = str.maketrans(
    "節調補與週連勞動國慶務辦廳關於電發號紀勝戰爭農曆晝夜陽單雙國慶節春節清節午節秋節紙這個時間經準將內體關係",
    "节调补与周连劳动国庆务办厅关于电发号纪胜战争农历昼夜阳单双国庆节春节清节午节秋节纸这个时间经准将内体关系",
)
_WEEKDAY_WORDS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
_NUMERALS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}

_DATE = re.compile(r"(?:(?P<y>\d{4})年)?(?:(?P<m>\d{1,2})月)?(?P<d>\d{1,2})日(?:\((?P<note>[^()]*)\))?")
_RANGE_SEP = re.compile(r"^(?:至|到|-|~|—|–|〜|―|－)$")
_LIST_SEP = re.compile(r"^(?:、|和|及|与|,)$")
_WEEKDAY = re.compile(r"(?:星期|礼拜|周)([一二三四五六日天])")
_COUNT = re.compile(r"(?:共|放假|休息|调休)(\d{1,2}|[一二两三四五六七八九十]{1,3})天")
_ORDINAL = re.compile(r"^(?:[一二三四五六七八九十]+[、.]|\(?[一二三四五六七八九十\d]+\)[、.]?|\d+[、.](?!\d))")
_TITLE_YEAR = re.compile(r"关于(?:调整|延长|做好)?(\d{4})年")
_PREAMBLE_YEAR = re.compile(r"现将(\d{4})年")
_TITLE_NAME = re.compile(r"(?:调整|延长)\d{4}年(.+?)(?:假期|放假)")
_EXTEND = re.compile(r"延长(?:\d{4}年)?(.+?)假期至")
_HAO = re.compile(r"(?<![\]\d])(?:\d{1,2}月)?\d{1,2}号")  # 3号 for 3日; not the 文号's 〔2019〕3号
_DAY_OFF_WORDS = ("放假", "调休", "公休", "休息", "休假", "补休")
_EXHORTATIONS = ("鼓励", "提倡", "倡导", "建议")  # a clause that advises (the 2024 notice's 除夕): read past, to its 。
KNOWN_NAMES = ("元旦", "春节", "清明节", "劳动节", "端午节", "中秋节", "国庆节")


@dataclass(frozen=True)
class Source:
    """Where a line comes from, for the one-line refusal."""

    file: str
    number: int
    text: str  # the line as written


@dataclass
class Block:
    """One holiday block of a notice: its named days off, its adjusted working days, its stated count."""

    names: tuple[str, ...]
    source: Source
    named: set[date] = field(default_factory=set)
    workdays: set[date] = field(default_factory=set)
    joins_weekend: bool = False
    stated: int | None = None
    days: tuple[date, ...] = ()  # filled by `Arrangement.finish`: every day off of the block

    @property
    def label(self) -> str:
        return "、".join(self.names) if self.names else "—"


@dataclass
class Arrangement:
    """One year's arrangement from one or more notices, in order."""

    year: int
    blocks: list[Block]
    sources: list[str]

    @property
    def holidays(self) -> set[date]:
        return {d for b in self.blocks for d in b.days}

    @property
    def workdays(self) -> set[date]:
        return {d for b in self.blocks for d in b.workdays}

    def document(self) -> dict[str, object]:
        """The ``--holidays`` file (SPEC §2, §8)."""
        off, on = self.holidays, self.workdays
        doc: dict[str, object] = {
            "year": self.year,
            "holidays": [d.isoformat() for d in sorted(d for d in off if d.year == self.year)],
            "workdays": [d.isoformat() for d in sorted(d for d in on if d.year == self.year)],
        }
        before = {
            "holidays": [d.isoformat() for d in sorted(d for d in off if d.year < self.year)],
            "workdays": [d.isoformat() for d in sorted(d for d in on if d.year < self.year)],
        }
        if before["holidays"] or before["workdays"]:
            doc["before"] = before
        return doc


class NoticeError(Exception):
    """A notice refused: ``key`` and ``params`` are rendered in --lang by :func:`words.refusal`."""

    def __init__(self, source: Source | None, file: str, key: str, **params: object) -> None:
        self.source, self.file, self.key, self.params = source, file, key, params
        super().__init__(self.line("en"))

    def line(self, lang: str) -> str:
        return refusal(lang, self.file, self.source.number if self.source else None, self.key,
                       line=self.source.text.strip() if self.source else "", **self.params)


# --------------------------------------------------------------------------- text


def normalise(text: str) -> str:
    """Full-width → ASCII (NFKC), traditional → simplified for the words the grammar reads, no spaces."""
    text = unicodedata.normalize("NFKC", text).translate(_TRADITIONAL)
    text = text.replace("〔", "[").replace("〕", "]").replace("【", "[").replace("】", "]")
    text = text.replace("(", "(").replace(")", ")").replace(":", ":")
    return re.sub(r"\s+", "", text)


def _number(text: str) -> int:
    if text.isdigit():
        return int(text)
    if text == "十":
        return 10
    if text.startswith("十"):
        return 10 + _NUMERALS[text[1]]
    if text.endswith("十"):
        return 10 * _NUMERALS[text[0]]
    if "十" in text:
        tens, ones = text.split("十")
        return 10 * _NUMERALS[tens] + _NUMERALS[ones]
    return _NUMERALS[text]


@dataclass(frozen=True)
class _Token:
    start: int
    end: int
    day: date
    weekday: int | None
    text: str


def _dates(text: str, year: int, new_year_block: bool, src: Source, file: str,
           carry: list[int | None] | None = None) -> list[_Token]:
    """Every date of ``text`` (one clause), with the year and month carried as the grammar says (``carry``:
    the year and month of the line's last date, updated)."""
    out: list[_Token] = []
    carry = carry if carry is not None else [None, None]
    y, m = carry
    for match in _DATE.finditer(text):
        if match.group("y"):
            y, m = int(match.group("y")), int(match.group("m") or 0) or None
            if m is None:
                raise NoticeError(src, file, "bad_date", date=match.group(0))
        elif match.group("m"):
            m = int(match.group("m"))
            y = year - 1 if (m == 12 and new_year_block) else year
        elif m is None or y is None:
            raise NoticeError(src, file, "bad_date", date=match.group(0))
        try:
            day = date(y, m, int(match.group("d")))
        except ValueError:
            raise NoticeError(src, file, "bad_date", date=match.group(0)) from None
        weekday = None
        note = match.group("note") or ""
        found = _WEEKDAY.search(note)
        if found:
            weekday = _WEEKDAY_WORDS[found.group(1)]
            if weekday != day.weekday():
                raise NoticeError(
                    src, file, "weekday", date=match.group(0), stated=WEEKDAY_ZH[weekday],
                    actual=WEEKDAY_ZH[day.weekday()], iso=day.isoformat(), stated_en=WEEKDAY_EN[weekday],
                    actual_en=WEEKDAY_EN[day.weekday()],
                )
        out.append(_Token(match.start(), match.end(), day, weekday, match.group(0)))
    carry[:] = [y, m]
    return out


def _span(first: date, last: date, src: Source, file: str, text: str) -> list[date]:
    if last < first or (last - first).days > 40:
        raise NoticeError(src, file, "bad_range", range=text)
    return [first + timedelta(n) for n in range((last - first).days + 1)]


def _clause_days(clause: str, tokens: list[_Token], src: Source, file: str) -> list[date]:
    """The days a clause names: its dates, each range expanded."""
    days: list[date] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if i + 1 < len(tokens) and _RANGE_SEP.match(clause[token.end : tokens[i + 1].start]):
            nxt = tokens[i + 1]
            days.extend(_span(token.day, nxt.day, src, file, clause[token.start : nxt.end]))
            i += 2
        else:
            days.append(token.day)
            i += 1
    return days


def _split_clauses(sentence: str) -> list[str]:
    """Split at commas and semicolons that are not inside parentheses."""
    out, depth, current = [], 0, []
    for ch in sentence:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        if ch in ",;" and depth == 0:
            out.append("".join(current))
            current = []
        else:
            current.append(ch)
    out.append("".join(current))
    return [c for c in out if c]


@dataclass
class _Extension:
    names: tuple[str, ...]
    until: date
    source: Source


@dataclass
class Notice:
    """One notice as read: its year (None when it names none), its blocks and extensions."""

    file: str
    year: int | None
    title_names: tuple[str, ...]
    lines: list[Source]
    blocks: list[Block] = field(default_factory=list)
    extensions: list[_Extension] = field(default_factory=list)


def _is_title(text: str) -> bool:
    return "通知" in text and ("国务院" in text or text.startswith("关于")) and not _DATE.search(text)


def read_notice(text: str, file: str) -> Notice:
    """Split a notice into lines and find its year and title (the blocks are read by :func:`parse`)."""
    lines: list[Source] = []
    year = None
    title_names: tuple[str, ...] = ()
    for number, raw in _logical_lines(text):
        clean = normalise(raw)
        if year is None and _is_title(clean) and (found := _TITLE_YEAR.search(clean)):
            year = int(found.group(1))
            if named := _TITLE_NAME.search(clean):
                title_names = _names(named.group(1))
            continue
        if _is_title(clean):
            continue
        lines.append(Source(file, number, raw))
    if year is None:
        for src in lines:
            if found := _PREAMBLE_YEAR.search(normalise(src.text)):
                year = int(found.group(1))
                break
    if year is None:
        years = [int(m.group("y")) for src in lines if _is_block_line(normalise(src.text))
                 for m in _DATE.finditer(normalise(src.text)) if m.group("y")]
        year = max(years) if years else None
    return Notice(file, year, title_names, lines)


_SENTENCE_END = re.compile(r"[。;.:!?]$")
_DOC_NUMBER = re.compile(r"\[\d{4}\]\d+号$")
_SIGNATURE_DATE = re.compile(r"^\d{4}年\d{1,2}月\d{1,2}日$")


def _starts_anew(clean: str) -> bool:
    """A line that cannot continue the one before: an ordinal, holiday names and a colon, a title, a date alone."""
    if _ORDINAL.match(clean) or _is_title(clean) or _SIGNATURE_DATE.match(clean):
        return True
    head, colon, _ = clean.partition(":")
    return bool(colon) and not _DATE.search(head) and any(n in head for n in (*KNOWN_NAMES, "纪念日"))


def _logical_lines(text: str) -> list[tuple[int, str]]:
    """(first line number, text) of each line as written, a sentence broken across lines (a pasted or wrapped
    notice: ``一、元旦:1月1日至3`` / ``日放假,共3天。``) joined again: a line that does not end a sentence
    (。;.:) is continued by the next one, unless that one starts anew (:func:`_starts_anew`) outside an open
    parenthesis (``1月1日(周`` / ``三)放假``: not the ordinal 三)); blank lines
    and ``#`` comments are skipped."""
    out: list[tuple[int, str]] = []
    open_line = False  # the last line kept does not end a sentence
    for number, raw in enumerate(text.splitlines(), 1):
        clean = normalise(raw)
        if not clean or clean.startswith("#"):
            continue
        inside = out and normalise(out[-1][1]).count("(") > normalise(out[-1][1]).count(")")  # 1月1日(周 / 三)
        if open_line and out and (inside or not _starts_anew(clean)):
            out[-1] = (out[-1][0], out[-1][1].rstrip() + raw.strip())
        else:
            out.append((number, raw))
        last = normalise(out[-1][1])
        open_line = not (_SENTENCE_END.search(last) or _is_title(last) or _DOC_NUMBER.search(last)
                         or _SIGNATURE_DATE.match(last))
    return out


def _names(text: str) -> tuple[str, ...]:
    return tuple(p for p in re.split(r"[、和与及]", text) if p)


def _is_block_line(clean: str) -> bool:
    return bool(_DATE.search(clean)) and any(w in clean for w in (*_DAY_OFF_WORDS, "上班", "连休", "延长"))


def parse(notice: Notice, year: int) -> Notice:
    """Read the block lines of ``notice`` in ``year``."""
    for src in notice.lines:
        clean = normalise(src.text)
        if not _is_block_line(clean):
            continue
        body = _ORDINAL.sub("", clean, count=1)
        names: tuple[str, ...] = ()
        head, colon, rest = body.partition(":")
        if colon and not _DATE.search(head) and len(head) <= 30:
            names, body = _names(head), rest
        if extended := _EXTEND.search(body):
            tokens = _dates(body[extended.end() :], year, False, src, notice.file)
            if not tokens:
                raise NoticeError(src, notice.file, "bad_extension")
            what = _names(extended.group(1)) or names or notice.title_names
            notice.extensions.append(_Extension(what, tokens[0].day, src))
            continue
        if hao := _HAO.search(body):  # 2月3号: a day the grammar would not see, its 上班 or 放假 lost
            raise NoticeError(src, notice.file, "bad_date", date=hao.group(0))
        block = Block(names or notice.title_names, src)
        new_year = "元旦" in block.names
        pending: list[date] = []
        carry: list[int | None] = [None, None]
        for sentence in (s for s in re.split(r"[。;.]", body) if s):
            for clause in _split_clauses(sentence):
                if clause.startswith(_EXHORTATIONS):
                    break  # 鼓励各单位…安排职工在除夕(2月9日)休息: advice to employers, no day off
                tokens = _dates(clause, year, new_year, src, notice.file, carry)
                days = _clause_days(clause, tokens, src, notice.file)
                words = _DATE.sub("", clause)
                if count := _COUNT.search(words):
                    if block.stated is not None and block.stated != _number(count.group(1)):
                        raise NoticeError(src, notice.file, "two_counts")
                    block.stated = _number(count.group(1))
                resumes = re.search(r"起(?:正常)?上(?:班|学)", words)
                words = words.replace("不调休", "")
                if "上班" in words and not resumes:
                    block.workdays.update(pending + days)
                elif "补休" in words or "连休" in words:
                    block.named.update(pending + days)
                    block.joins_weekend = True
                elif any(w in words for w in _DAY_OFF_WORDS):
                    block.named.update(pending + days)
                elif not resumes:
                    pending.extend(days)
                    continue
                pending = []
        block.named.update(pending)
        if not block.named and not block.workdays:
            continue
        if not block.named:
            raise NoticeError(src, notice.file, "no_days_off")
        notice.blocks.append(block)
    return notice


# --------------------------------------------------------------------------- the year


def _weekend(d: date) -> bool:
    return d.weekday() >= 5


def block_rule(named: set[date], workdays: set[date], year: int) -> set[date]:
    """SPEC §2: the weekend days whose run of consecutive days off holds a named day off on a weekday."""
    out: set[date] = set()
    if not named:
        return out
    lo, hi = min(named) - timedelta(days=3), max(named) + timedelta(days=3)
    d = lo
    while d <= hi:
        if _weekend(d) and d not in workdays and d not in named and d.year <= year:
            run = _run(d, named, workdays)
            if any(x in named and not _weekend(x) for x in run):
                out.add(d)
        d += ONE_DAY
    return out


def _run(d: date, named: set[date], workdays: set[date]) -> list[date]:
    def off(x: date) -> bool:
        return x in named or (_weekend(x) and x not in workdays)

    run = [d]
    x = d - ONE_DAY
    while off(x):
        run.append(x)
        x -= ONE_DAY
    x = d + ONE_DAY
    while off(x):
        run.append(x)
        x += ONE_DAY
    return run


def arrangement(notices: Sequence[Notice], year: int) -> Arrangement:
    """Merge the notices in order (a later block replaces the earlier one of the same holiday) and finish."""
    blocks: list[tuple[int, Block]] = []
    for k, notice in enumerate(notices):
        for block in notice.blocks:
            if k:  # a later notice amends: its block replaces the earlier one of the same holiday
                same = [(j, b) for j, b in blocks if j < k and set(b.names) & set(block.names)]
                if not same:
                    same = [(j, b) for j, b in blocks if j < k and b.named & block.named]
                for item in same:
                    blocks.remove(item)
            blocks.append((k, block))
        for ext in notice.extensions:
            target = [b for _, b in blocks if set(b.names) & set(ext.names)]
            if not target:
                raise NoticeError(ext.source, notice.file, "nothing_to_extend", names="、".join(ext.names) or "?")
            b = target[-1]
            last = max(b.named)
            if ext.until < last:
                raise NoticeError(ext.source, notice.file, "bad_extension")
            added = set(_span(last, ext.until, ext.source, notice.file, ext.source.text))
            b.named |= added
            b.workdays -= added
            b.stated = None
    return finish(Arrangement(year, [b for _, b in blocks], [n.file for n in notices]))


def finish(arr: Arrangement) -> Arrangement:
    """Check every block (weekdays of 上班 days, counts, conflicts, years) and compute its days off."""
    year = arr.year
    all_named = {d for b in arr.blocks for d in b.named}
    all_work = {d for b in arr.blocks for d in b.workdays}
    rule = block_rule(all_named, all_work, year)
    for b in arr.blocks:
        file = b.source.file
        for d in sorted(b.named | b.workdays):
            if d.year not in (year, year - 1):
                raise NoticeError(b.source, file, "wrong_year", iso=d.isoformat(), year=year)
        for d in sorted(b.workdays):
            if not _weekend(d):
                raise NoticeError(b.source, file, "workday_not_weekend", iso=d.isoformat(),
                                  weekday=WEEKDAY_ZH[d.weekday()], weekday_en=WEEKDAY_EN[d.weekday()])
        clash = b.workdays & all_named
        if clash:
            raise NoticeError(b.source, file, "both", iso=min(clash).isoformat())
        joined = b.named | {d for d in rule if set(_run(d, all_named, all_work)) & b.named}
        counted = joined if b.joins_weekend else b.named
        if b.stated is not None and b.stated != len(counted):
            raise NoticeError(b.source, file, "count", stated=b.stated, counted=len(counted),
                              days=_compress(counted))
        mine = joined
        b.days = tuple(sorted(mine))
    arr.blocks.sort(key=lambda b: min(b.days))
    return arr


def _compress(values: Iterable[date]) -> str:
    runs: list[tuple[date, date]] = []
    for d in sorted(values):
        if runs and runs[-1][1] + ONE_DAY == d:
            runs[-1] = (runs[-1][0], d)
        else:
            runs.append((d, d))
    return ", ".join(a.isoformat() if a == b else f"{a.isoformat()}…{b.isoformat()}" for a, b in runs)


compress = _compress
