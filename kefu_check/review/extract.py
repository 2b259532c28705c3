"""Extract: the filled agreement's lines → contract data (SPEC §2.1 layout), every value with its location.

Anchored on the clause structure (第一条, 1.1, 2.1(1)…) and on short key phrases inside a clause, not
on whole sentences. A value the text does not state stays null; a value in a blank is null and
remembered as a blank; a value that is there but cannot be read is null and reported (never guessed).
"""

from __future__ import annotations

import contextlib
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from .clauses import MASK, PARTIES, SIGNATURE, Line, split_lines
from .numerals import (
    AMOUNT_WORD_CHARS,
    NUMBER_CHARS,
    as_months,
    integral,
    parse_amount_words,
    parse_digits,
    parse_duration,
    parse_integer,
    parse_number,
    parse_percent,
    parse_rate,
)

N = f"[{NUMBER_CHARS}]+"  # a number in figures or words
# figures grouped by thousands or not at all, and whole: not 28 000, 28,000,00 or 28.000,00 (a space, a decimal comma or
# a typo: which amount is meant is not certain)
FIGURES = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?!\s?[,.]?\d)"
WORD_DIGITS = AMOUNT_WORD_CHARS.replace("元", "").replace("圆", "")
WORDS = (
    f"[{WORD_DIGITS}]*[元圆][{WORD_DIGITS}]*"  # 贰万捌仟元整: one 元 (two are no amount; one reading, no backtracking)
)
W = f"(?<![{AMOUNT_WORD_CHARS}])(?P<w>{WORDS})"  # an amount in words, from its first character
CURRENCY = r"(?:¥|RMB|人民币)"
FIG = (
    rf"(?:{CURRENCY}\s*)?(?<![\d,.])(?P<f>{FIGURES})\s*(?P<wan>万)?\s*元?"  # ¥28,000.00, RMB 28,000, 28,000元, 2.8万元
)
FIGURE_AMOUNT = re.compile(
    rf"(?<![\d,.])(?={CURRENCY}\s*\d|[\d,.]+\s*万?\s*元){FIG}"
)  # figures that say they are money
PER = r"(?:\s*/\s*(?:每?月|季度?|年))?"  # ¥28,000元/月
TAX = r"(?:\s*\((?:含|不含)[^()]*\)|\s*,\s*(?:含|不含)税)?"  # (含税,税率6%), ,含税
LABEL = r"(?:(?:小写|大写|合计|共计|总计)\s*:?\s*)?"
CLOSE = r"(?:\s*[,;]\s*(?:含|不含)[^()]*)?\s*\)"  # (大写:贰万捌仟元整,含税)
AMOUNT_PAIRS = (  # one amount in words and in figures: either first, the other in brackets or labelled 小写/大写
    re.compile(rf"(?:人民币)?\s*{W}{PER}{TAX}\s*\(\s*{LABEL}{FIG}{PER}{CLOSE}"),
    re.compile(rf"{FIG}{PER}{TAX}\s*\(\s*{LABEL}(?:人民币)?\s*{W}{PER}{CLOSE}"),
    re.compile(rf"(?:大写\s*:?\s*)?(?:人民币)?\s*{W}{PER}\s*[,;]\s*小写\s*:?\s*{FIG}"),
    re.compile(rf"{FIGURE_AMOUNT.pattern}{PER}{TAX}\s*[,;]?\s*(?:\(\s*大写\s*\)|大写\s*:?)\s*(?:人民币)?\s*{W}"),
)
CHANNELS = (("phone", r"电话|热线|来电"), ("chat", r"在线聊天|在线客服|微信|网页|在线"), ("email", r"电子邮件|邮件"))
LANGUAGES = (("zh", r"中文|汉语|普通话"), ("en", r"英文|英语"), ("ja", r"日文|日语"), ("ko", r"韩文|韩语"))
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DAY_WORD = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
SECONDS = {"second": 1, "minute": 60, "hour": 3600}
AT_LEAST = r"(?:不得?低于|不应低于|不得?少于|不小于|大于或?等于|至少|达到|≥|>=)"
SENTENCE = re.compile(r"[^。;]+")  # a sentence, or a part of one that ; separates


@dataclass(frozen=True)
class Where:
    clause: str
    line: int | None


@dataclass(frozen=True)
class Blank:
    where: Where
    text: str


@dataclass(frozen=True)
class Unreadable:
    path: str
    where: Where
    text: str


@dataclass(frozen=True)
class AmountPair:
    where: Where
    words: str
    words_value: Decimal
    figures: Decimal


@dataclass(frozen=True)
class Extraction:
    """What the text says: contract data, where each value was read, and what could not be read."""

    data: dict[str, Any]
    locations: dict[str, Where]  # field path → where it was read (or where the clause says it)
    blanks: tuple[Blank, ...]  # every blank of the text, in order
    blank_paths: frozenset[str]  # fields whose value is (in) a blank
    unreadable: tuple[Unreadable, ...]
    amounts: tuple[AmountPair, ...]  # amounts written in words and in figures side by side
    clause_lines: dict[str, int]  # clause → its first line
    lines: tuple[Line, ...] = ()  # the text, clause by clause (for what was stated but not read)


class Reader:
    """Reads values out of the lines of one clause, recording locations, blanks and unreadable text."""

    def __init__(self, lines: list[Line]) -> None:
        self.lines = lines
        self.locations: dict[str, Where] = {}
        self.blank_paths: set[str] = set()
        self.unreadable: list[Unreadable] = []
        self.matched: dict[str, tuple[Line, int]] = {}  # field path → the line and offset its value was read at

    def clause(self, clause: str) -> list[Line]:
        """The lines of a clause and of its items: '2.1(1)' exactly; '4.3' with its bank lines."""
        return [ln for ln in self.lines if ln.clause == clause or ln.clause.startswith(clause + "(")]

    def has(self, clause: str) -> bool:
        return bool(self.clause(clause))

    def locate(self, path: str, clause: str, line: Line | None = None) -> None:
        if line is None:
            lines = self.clause(clause)
            line = lines[0] if lines else None
        self.locations[path] = Where(clause, line.number if line else None)

    def topical(self, topic: str, exclude: str | None = None) -> list[Line]:
        """The lines outside the parties and the signature block that speak of `topic` (a regex), wherever they are:
        an agreement may number its clauses differently, add articles, or state a term in an annex table."""
        rx = re.compile(topic)
        return [
            ln
            for ln in self.lines
            if ln.clause not in (PARTIES, SIGNATURE)
            and ln.part == "body"
            and rx.search(ln.text)
            and not (exclude and (ln.clause == exclude or ln.clause.startswith(exclude + "(")))
        ]

    def read(
        self,
        path: str,
        clause: str,
        pattern: str,
        parse: Callable[[str], Any] | None = None,
        in_blank: bool = False,
        topic: str | None = None,
        within: str | None = None,
    ) -> Any:
        """The first match of `pattern` (group v) in the clause — else, with a `topic`, in any line on that topic —,
        parsed (None: the text as written); None when absent, blank or unreadable. `in_blank`: when nothing
        matches, a blank in the clause may hold the value. `within`: only in a sentence (cut at 。;) that matches
        it (暂停: the suspension's own sentence, not the late fee's)."""
        rx = re.compile(pattern)
        lines = self.clause(clause)
        candidates = lines + (self.topical(topic, clause) if topic else [])
        for line in candidates:
            whole = [(0, len(line.text))]
            spans = [s.span() for s in SENTENCE.finditer(line.text) if re.search(within, s[0])] if within else whole
            m = next(filter(None, (rx.search(line.text, *span) for span in spans)), None)
            if m is None:
                continue
            g = next((k for k, val in m.groupdict().items() if k.startswith("v") and val is not None), "v")
            self.locate(path, line.clause, line)
            self.matched[path] = (line, m.start(g))
            if MASK in m[g]:
                self.blank_paths.add(path)
                return None
            raw = line.raw[m.start(g) : m.end(g)].strip()
            if parse is None:
                return raw or None
            try:
                return parse(line.text[m.start(g) : m.end(g)].strip())
            except (ValueError, ArithmeticError):
                self.unreadable.append(Unreadable(path, Where(line.clause, line.number), raw))
                return None
        self.locate(path, clause)
        if in_blank and any(line.blanks for line in lines):
            self.blank_paths.add(path)
        return None

    def mark_blank(self, path: str, clause: str, line: Line) -> None:
        self.locate(path, clause, line)
        self.blank_paths.add(path)


def extract(lines: list[Any], stem: str) -> Extraction:
    """Read the agreement's terms (SPEC §5 mappings) from its lines; `stem` is the id when it states none."""
    parsed = split_lines(lines)
    r = Reader(parsed)
    data = {
        "schema": "kefu-check/contract@1",
        "id": r.read("id", PARTIES, r"(?:合同|协议)编号\s*:\s*(?P<v>\S.*)") or stem,
        "provider": _party(r, "甲方"),
        "client": _party(r, "乙方"),
        "service": _service(r),
        "standards": _standards(r),
        "term": _term(r),
        "fees": (fees := _fees(r)),
        "remedies": _remedies(r, quarterly=(fees or {}).get("cycle") == "quarter"),
        "privacy": {"entrusted_processing_terms": _has_pipl_terms(parsed)},
    }
    # blanks of the signature block (dates, signatures) are filled in at signing, not before
    blanks = tuple(
        Blank(Where(ln.clause, ln.number), text) for ln in parsed if ln.clause != SIGNATURE for text in ln.blanks
    )
    return Extraction(
        data,
        dict(r.locations),
        blanks,
        frozenset(r.blank_paths),
        tuple(r.unreadable),
        tuple(_amount_pairs(parsed)),
        {ln.clause: ln.number for ln in reversed(parsed) if ln.number is not None},
        tuple(parsed),
    )


# --- parties (before 第一条) ----------------------------------------------------------------------

PARTY_FIELDS = (
    ("address", r"^\s*(?:地址|住所|注册地址)\s*:(?P<v>.*)$"),
    ("credit_code", r"^\s*统一社会信用代码\s*:(?P<v>.*)$"),
    ("contact", r"^\s*(?:联系方式|联系人)\s*:(?P<v>.*)$"),
)


def _party(r: Reader, label: str) -> dict[str, Any]:
    key = "provider" if label == "甲方" else "client"
    out: dict[str, Any] = {"name": None, "address": None, "credit_code": None, "contact": None}
    lines = r.clause(PARTIES)
    start = next((i for i, ln in enumerate(lines) if re.match(rf"^\s*{label}", ln.text)), None)
    if start is None:
        r.locate(f"{key}.name", PARTIES)
        return out
    other = "乙方" if label == "甲方" else "甲方"
    block = [lines[start]]
    for line in lines[start + 1 :]:
        if re.match(rf"^\s*{other}", line.text):
            break
        block.append(line)
    for field, pattern in (("name", rf"^\s*{label}[^:]*:(?P<v>.*)$"), *PARTY_FIELDS):
        out[field] = _text_value(r, f"{key}.{field}", block, pattern)
    return out


def _text_value(r: Reader, path: str, lines: list[Line], pattern: str) -> str | None:
    for line in lines:
        m = re.search(pattern, line.text)
        if m:
            if MASK in m["v"]:
                r.mark_blank(path, line.clause, line)
                return None
            r.locate(path, line.clause, line)
            return line.raw[m.start("v") : m.end("v")].strip() or None
    return None


# --- Art. 1 ------------------------------------------------------------------------------------


def _service(r: Reader) -> dict[str, Any]:
    scope = r.read("service.scope", "1.2", r"包括但不限于\s*:?\s*(?P<v>[^。]+)", _list)
    return {
        "type": r.read("service.type", "1.1", r"提供(?P<v>.+?)服务"),
        "scope": scope,
        "languages": r.read("service.languages", "1.3", r"服务语言为(?P<v>[^。,;]+)", _languages),
    }


def _list(text: str) -> list[str]:
    return [part.strip() for part in re.split(r"[、,,;;]|以及|和", text) if part.strip() and part.strip() != "等"]


def _languages(text: str) -> list[str]:
    out = []
    for part in _list(text.replace("及", "、")):
        code = next((c for c, rx in LANGUAGES if re.fullmatch(rx, part)), None)
        if code is None:
            raise ValueError(part)
        out.append(code)
    return out


# --- Art. 2 ------------------------------------------------------------------------------------


STANDARDS_TOPIC = r"首次响应|响应时间|可用性|服务时间|解决率|满意度|服务标准|服务水平"


def _standards(r: Reader) -> dict[str, Any] | None:
    if not r.has("2") and not r.topical(STANDARDS_TOPIC):
        return None
    return {
        "first_response": _first_response(r),
        "service_hours": _service_hours(r),
        "availability": _availability(r),
        "resolution": _resolution(r),
        "satisfaction": _satisfaction(r),
        "report": _report(r),
    }


PCT = rf"(?:百分之{N}|{N}\s*%)"  # a percentage, in figures or in words
# the share a standard sets: 不低于80%, 80%的请求, 百分之八十以上的来电, 80%应在…
SHARE = rf"{AT_LEAST}\s*(?P<v>{PCT})|(?P<v2>{PCT})\s*(?:(?:及|或)?以上)?\s*(?:的|应|须|需|必须)"


def _ratio(r: Reader, path: str, line: Line, text: str, quote: str) -> Decimal | None:
    """The share of requests or cases a standard sets in `text`, 0 to 1; None when `text` states no percentage.
    Unread (quoting `quote`): a percentage in another form (为80%, 不高于5%), two different ones, one over 100%."""
    found = list(re.finditer(PCT, text))
    if not found:
        return _fraction(r, path, line, text, quote)
    r.locate(path, line.clause, line)
    shares = {m.start(g) for m in re.finditer(SHARE, text) for g in ("v", "v2") if m[g]}
    try:
        values = {_share(m[0]) for m in found}
        if len(values) > 1 or any(m.start() not in shares for m in found):
            raise ValueError(text)
        return values.pop() / 100
    except (ValueError, ArithmeticError):
        r.unreadable.append(Unreadable(path, Where(line.clause, line.number), quote))
        return None


# a share written as a fraction (比例不低于0.8) or in tenths (不低于八成, 九成以上): with no % it was not read, and no
# target said each slow response is a breach (old: null, review.response_target_absolute)
FRACTION = (
    rf"(?:{AT_LEAST}\s*(?P<v>0\.\d+|[{NUMBER_CHARS}]+\s*成)|(?P<v2>[{NUMBER_CHARS}]+\s*成)\s*(?:及)?以上)"
    r"(?!\s*[\d%秒分小时个日天])"
)


def _fraction(r: Reader, path: str, line: Line, text: str, quote: str) -> Decimal | None:
    """A share as a fraction 0 to 1 (不低于0.8 → 0.8, exact); in tenths (八成) or above 1: unread, quoting `quote`;
    None when `text` states none."""
    m = re.search(FRACTION, text)
    if m is None:
        return None
    r.locate(path, line.clause, line)
    value = m["v"] or m["v2"]
    if value.startswith("0.") and Decimal(value) > 0:
        return Decimal(value).normalize()
    r.unreadable.append(Unreadable(path, Where(line.clause, line.number), quote))
    return None


def _share(text: str) -> Decimal:
    """A percentage of a whole (99.5%, 百分之八十) as a number of percent, 0 to 100: 不低于185% sets no standard."""
    value = parse_percent(text)
    if not 0 <= value <= 100:
        raise ValueError(text)
    return value


def _cut(text: str, at: str) -> list[tuple[int, str]]:
    """`text` cut at the matches of `at` (delimiters, or positions): (offset, piece) pairs."""
    out, start = [], 0
    for m in re.finditer(at, text):
        out.append((start, text[start : m.start()]))
        start = m.end()
    return [*out, (start, text[start:])]


RESPONSE_TOPIC = r"首次响应|首次回复|响应时间|接起|应答"
AT_MOST = r"(?:不超过|不得超过|不多于|不长于|≤|<=)"
# a first-response time: 20秒内, 不超过20秒, 20秒接通率 (the share answered within 20 seconds)
# a time in two units, its larger one before it (1分30秒内, 1小时30分钟内): read whole, not as its last part (old: 30)
LEAD = (
    rf"(?P<lead>(?:{N}\s*个?小时\s*零?\s*(?=[{NUMBER_CHARS}]+\s*分))?"
    rf"(?:{N}\s*分钟?\s*零?\s*(?=[{NUMBER_CHARS}]+\s*秒))?)"
)
WITHIN = (
    rf"(?P<bound>{AT_MOST})?\s*{LEAD}(?P<v>{N})\s*(?P<u>秒钟?|分钟|个?小时)\s*"
    r"(?P<in>以内|之内|内)?(?P<rate>(?:接通|接听|应答|响应)率)?"
)


def _times(text: str) -> list[re.Match[str]]:
    return [m for m in re.finditer(WITHIN, text) if m["bound"] or m["in"] or m["rate"]]


def _response_parts(text: str) -> list[tuple[int, str]]:
    """The parts of a first-response text that each state one standard: cut at ;。 and before 对于, and a part with
    more than one time after each time's phrase (电话20秒内接起,在线聊天1分钟内回复), unless it states an exception
    (…,高峰时段除外: to which times is not said; whole, its channels are unread): (offset, part) pairs."""
    out = []
    for offset, part in _cut(text, r"[;。]|(?=对于)"):
        start = 0
        if len(_times(part)) > 1 and not re.search(NOT_ONE_TIME, part):
            for at, piece in _cut(part, r"(?<=[,,])"):
                if _times(piece):
                    out.append((offset + start, part[start : at + len(piece)]))
                    start = at + len(piece)
        out.append((offset + start, part[start:]))
    return out


def _first_response(r: Reader) -> dict[str, Any] | None:
    """Per part (_response_parts): the channels it names, its time, its share. A time for no channel named, or a
    channel given two different standards, is unread."""
    lines = r.clause("2.1(1)")
    if not any(re.search(rx, ln.text) for ln in lines for _, rx in CHANNELS):  # e.g. 见附件一: the annex's table
        lines = [*lines, *r.topical(RESPONSE_TOPIC, "2.1(1)")]
    if not lines:
        return None
    out: dict[str, Any] = {}
    twice: set[str] = set()  # channels given two different standards
    base = "standards.first_response"
    unread = len(r.unreadable)
    for line in lines:
        where = Where(line.clause, line.number)
        for offset, part in _response_parts(line.text):
            names = [name for name, rx in CHANNELS if re.search(rx, part)]
            times = _times(part)
            quote = line.raw[offset : offset + len(part)].strip()
            if times and not names:  # 其他请求应在60秒内响应: a standard for a channel not named
                r.unreadable.append(Unreadable(base, where, quote))
            for name in names:
                path, old = f"{base}.{name}", out.get(name)
                if name in twice or (not times and old and old["within_seconds"] is not None):
                    continue  # the channel named again
                r.locate(path, line.clause, line)
                within = _within(r, f"{path}.within_seconds", line, part, times, quote)
                ratio = _ratio(r, f"{path}.target_ratio", line, part, quote)
                if old and old["within_seconds"] is not None:  # its standard stated again: the same, or unread
                    if within not in (None, old["within_seconds"]) or ratio not in (None, old["target_ratio"]):
                        r.unreadable.append(Unreadable(f"{path}.within_seconds", where, quote))
                        out[name] = {"within_seconds": None, "target_ratio": None}
                        twice.add(name)
                    continue
                out[name] = {"within_seconds": within, "target_ratio": ratio}
    if not out:
        if any(line.blanks for line in lines):
            r.mark_blank(base, lines[0].clause, lines[0])
        elif len(r.unreadable) == unread:
            r.unreadable.append(Unreadable(base, Where(lines[0].clause, lines[0].number), lines[0].raw.strip()))
        return None
    return dict(sorted(out.items()))


# what makes a part's time no one time each response must meet: the upper end of a range before it (20-30秒内,
# 20秒至30秒内), times given to channels in turn (电话和在线聊天应分别在20秒、30秒内), an exception (高峰时段除外,
# 除节假日外, 不适用): which responses it binds is not stated
TIME_RANGE = rf"{N}\s*(?:秒钟?|分钟|个?小时|个?工作日|日|天)?\s*(?:至|到|-|~|～|—|–)\s*$"
NOT_ONE_TIME = r"平均|分别|除外|除[^,,。;]*?外|除非|例外|不适用|不受此限"


def _within(r: Reader, path: str, line: Line, part: str, times: list[re.Match[str]], quote: str) -> int | None:
    """The seconds of the one time `part` states; unread when it states two, or an average (平均响应时间不超过20秒
    is no time each response must meet), a range, times 分别 or an exception (NOT_ONE_TIME, TIME_RANGE)."""
    if not times:
        if MASK in part:
            r.mark_blank(path, line.clause, line)
        return None
    first = times[0].start("lead")
    if re.search(NOT_ONE_TIME, part) or re.search(TIME_RANGE, part[:first]) or len({m[0] for m in times}) > 1:
        r.unreadable.append(Unreadable(path, Where(line.clause, line.number), quote))
        return None
    lead = re.findall(rf"({N})\s*(个?小时|分钟?)", times[0]["lead"])
    pieces = [n + ("小时" if "小时" in u else "分钟") for n, u in lead]
    seconds = [_seconds(r, path, line, text) for text in [*pieces, times[0]["v"] + times[0]["u"].removeprefix("个")]]
    return None if None in seconds else sum(s for s in seconds if s is not None)


def _seconds(r: Reader, path: str, line: Line, text: str) -> int | None:
    r.locate(path, line.clause, line)
    try:
        value, unit = parse_duration(text.replace("秒钟", "秒"))
        if unit not in SECONDS:
            raise ValueError(text)
        return integral(value * SECONDS[unit])
    except (ValueError, ArithmeticError):
        r.unreadable.append(Unreadable(path, Where(line.clause, line.number), text))
        return None


HOURS_TOPIC = r"服务时间|服务时段|工作时间|7\s*[×xX*]\s*24|每天24小时|全年无休"
# 7×24, 每天24小时, 24小时全年无休: every hour of every day (not 24小时内, a time limit; not 全年无休 alone: every day)
ROUND_THE_CLOCK = (
    r"7\s*[×xX*]\s*24|全天候|(?:全年|365天|每天|每日)[^。,,;;]{0,8}?24小时(?!内|以内|之内)"
    r"|24小时(?!内|以内|之内)[^。,,;;]{0,4}(?:全年|无休)"
)
TO = r"(?:至|到|-|~|—|–)"
MORNING = ("上午", "早上", "早晨", "凌晨", "早")
EVENING = ("下午", "傍晚", "晚上", "晚间", "夜间", "晚")
# a time of day (its word, hour, minute): 上午9点, 下午5:30, 9点半, 晚上十点 (numerals only before 点/时: 周一至五)
CLOCK = (
    rf"({'|'.join(MORNING + EVENING)}|中午)?\s*(\d{{1,2}}|[零一二两三四五六七八九十]{{1,3}}(?=[点时]))"
    r"(?:\s*[:点时]\s*(\d{2}|半)\s*分?)?\s*[点时]?整?"
)
HOURS = rf"{CLOCK}\s*{TO}\s*(?:次日|翌日|第二天)?\s*{CLOCK}"


def _service_hours(r: Reader) -> dict[str, Any] | None:
    lines = [ln for ln in r.clause("2.1(2)") if re.search(HOURS_TOPIC + r"|周|星期|\d点", ln.text)]
    lines = lines or r.topical(HOURS_TOPIC)
    if not lines:
        return None
    path = "standards.service_hours"
    text = lines[0].text.split("年度可用性")[0]
    r.locate(path, lines[0].clause, lines[0])
    out: dict[str, Any] = {"days": None, "start": None, "end": None, "timezone": None, "calendar": None}
    if "北京时间" in text:
        out["timezone"] = "Asia/Shanghai"
    where = Where(lines[0].clause, lines[0].number)
    quote = lines[0].raw.strip()
    if re.search(ROUND_THE_CLOCK, text):
        out.update(days=list(WEEKDAYS), start="00:00", end="24:00", calendar=_calendar(r, path, where, text, quote))
        return out
    workdays = False
    if days := re.search(rf"(?:周|星期)([一二三四五六日天])\s*{TO}\s*(?:周|星期)?([一二三四五六日天])", text):
        first, last = DAY_WORD[days[1]], DAY_WORD[days[2]]
        if first <= last:
            out["days"] = list(WEEKDAYS[first : last + 1])
        else:  # 周五至周一
            r.unreadable.append(Unreadable(f"{path}.days", where, days[0]))
    elif workdays := bool(re.search(WORKDAYS, text)):  # PRC working days: Monday to Friday, holidays off, 调休 on
        out["days"] = list(WEEKDAYS[:5])
    elif re.search(r"每天|每日|全年", text):
        out["days"] = list(WEEKDAYS)
    spans = list(re.finditer(HOURS, text))
    if len({m[0] for m in spans}) > 1:  # 周一至周五9:00-18:00,周六9:00-12:00; a lunch break: one span holds neither
        out["days"] = None
        r.unreadable += [Unreadable(f"{path}.{field}", where, quote) for field in ("days", "start", "end")]
    elif spans:
        hours = spans[0]
        try:
            start, end = _minutes(*hours.group(1, 2, 3)), _minutes(*hours.group(4, 5, 6))
            if not start < end:  # 上午9点至6点, 晚上10点至次日早上6点: not one span of a day
                raise ValueError(hours[0])
            out["start"], out["end"] = (f"{t // 60:02d}:{t % 60:02d}" for t in (start, end))
        except ValueError:
            raw = lines[0].raw[hours.start() : hours.end()]
            r.unreadable += [Unreadable(f"{path}.{field}", where, raw) for field in ("start", "end")]
    out["calendar"] = _calendar(r, path, where, text, quote, workdays)
    for field in ("days", "start", "end"):
        if out[field] is None and MASK in text:
            r.mark_blank(f"{path}.{field}", lines[0].clause, lines[0])
    return out


# what the service hours say of statutory holidays and of adjusted working days (调休), each on or off
HOLIDAYS_OFF = r"(?:不含|不包括|除)(?:法定)?节假日|(?:法定)?节假日[^,,。;]*?(?<!不)(?:休息|除外|不提供|停止|暂停)"
HOLIDAYS_ON = (
    r"(?<!不)(?:含|包括)(?:法定)?节假日|节假日[^,,。;]*?(?:不休息|照常|正常|均提供|(?<!不)提供服务)|无休|365天"
)
ADJUSTED_ON = r"调休[^,,。;]*?(?:照常|正常|上班|(?<!不)提供服务)"
ADJUSTED_OFF = r"调休[^,,。;]*?(?:(?<!不)休息|不提供|除外)"
AS_THE_STATE = r"(?:节假日|调休)[^,,。;]*?按(?:照)?国家[^,,。;]*?(?:规定|安排)"
WORKDAYS = r"(?<![调个])工作日(?:的)?\s*(?:上午|早上|早)?\s*\d"  # 工作日9:00至18:00, not 2个工作日内


def _calendar(r: Reader, path: str, where: Where, text: str, quote: str, workdays: bool = False) -> str | None:
    """`statutory` (the listed weekdays, holidays off, 调休 working days on: SPEC §2.1) or `weekly` (exactly the
    listed weekdays: holidays on, 调休 days off), as the text says (`workdays`: it says 工作日); None when it is
    silent; unread when it says both of one kind of day, or what neither calendar is (both kinds off, or on)."""
    if re.search(AS_THE_STATE, text):
        return "statutory"
    off, on = workdays or bool(re.search(HOLIDAYS_OFF, text)), bool(re.search(HOLIDAYS_ON, text))
    adjusted_on, adjusted_off = workdays or bool(re.search(ADJUSTED_ON, text)), bool(re.search(ADJUSTED_OFF, text))
    if not on and not adjusted_off and (off or adjusted_on):
        return "statutory"
    if on and not off and not adjusted_on:
        return "weekly"
    if off or on or adjusted_on:
        r.unreadable.append(Unreadable(f"{path}.calendar", where, quote))
    return None


def _minutes(word: str | None, hour: str, minute: str | None) -> int:
    """A time of day in minutes from midnight: 下午6点 → 1080, 晚上12点 → 1440, 中午1点 → 780, 9点半 → 570; ValueError
    when it is no time of day (25点, 9:70, 上午13点, 下午12点)."""
    h = int(hour) if hour.isdigit() else parse_integer(hour)
    m = 30 if minute == "半" else int(minute or 0)
    if (word in MORNING and h > 12) or (word in ("下午", "傍晚") and h == 12):
        raise ValueError(hour)
    if (word == "中午" and h < 11) or (word in EVENING and h <= 12):
        h += 12
    if not ((h < 24 and m < 60) or (h == 24 and m == 0)):
        raise ValueError(hour)
    return h * 60 + m


def _availability(r: Reader) -> dict[str, Any] | None:
    lines = r.clause("2.1(2)")
    if not any("可用性" in line.text for line in lines):
        lines = r.topical("可用性|可用率")
        if not lines:
            return None
    path = "standards.availability"
    text = "".join(line.text for line in lines)
    out: dict[str, Any] = {"min_percent": _min_percent(r, f"{path}.min_percent"), "year": None, "excluded_causes": None}
    r.locate(path, "2.1(2)")
    if re.search(r"合同年度|协议年度|服务年度", text):
        out["year"] = "contract"
    elif re.search(r"自然年|日历年|公历年", text):
        out["year"] = "calendar"
    if re.search(r"不计入|除外|不视为|不属于", text):
        causes = (("client", r"乙方原因"), ("force_majeure", r"不可抗力"), ("planned", r"计划内?(维护|停机)"))
        out["excluded_causes"] = [name for name, rx in causes if re.search(rx, text)] or None
    return out


# 可用性不低于99.5%, its period after it (可用性按月计算不低于…) or, NOT_ANNUAL, before it (月度可用性, 每月系统可用性)
AVAILABILITY = (
    r"可用(?:性|率)\s*(?P<p>(?:每|按)个?(?:自然|合同)?(?:月|季|周|日|天|年)度?(?:计算|统计|考核)?)?\s*(?:应|须|需)?\s*"
    rf"{AT_LEAST}\s*(?P<v>[^,,。;\t]+)"
)
NOT_ANNUAL = (
    r"(?:月度?|每个?月|按月|当月|季度?|每个?季度?|按季度?|每周|按周|每日|每天|按日)(?:的)?(?:系统|服务|平台)?(?:的)?$"
)


def _min_percent(r: Reader, path: str) -> Decimal | None:
    """The annual availability (the contract model's): the first 可用性不低于… that is not said of another period; a
    monthly (quarterly, daily) one is unread, with its text."""
    value, found = None, False
    for line in [*r.clause("2.1(2)"), *r.topical("可用性|可用率", "2.1(2)")]:
        where = Where(line.clause, line.number)
        for m in re.finditer(AVAILABILITY, line.text):
            period = re.search(NOT_ANNUAL, line.text[: m.start()])
            if period or (m["p"] and "年" not in m["p"]):
                r.unreadable.append(
                    Unreadable(path, where, line.raw[period.start() if period else m.start() : m.end()])
                )
            elif not found:
                found = True
                r.locate(path, line.clause, line)
                if MASK in m["v"]:
                    r.blank_paths.add(path)
                    continue
                try:  # 达到99.9%以上: at least, as 不低于 says
                    value = _share(re.sub(r"(?:及)?以上$", "", m["v"].strip()))
                except (ValueError, ArithmeticError):
                    r.unreadable.append(Unreadable(path, where, line.raw[m.start("v") : m.end("v")].strip()))
    if not found:
        r.locate(path, "2.1(2)")
    return value


RESOLUTION_TOPIC = r"解决率|解决方案|问题解决"
RESOLVE_WITHIN = rf"(?P<v>{N}\s*(?:个)?(?:分钟|小时|工作日|日|天))\s*(?:以内|之内|内)"  # minutes: read, to be refused
RESPONDING = r"响应|回复|接起|接通|应答"


def _resolving(text: str, elsewhere: bool = False) -> str:
    """What a resolution clause says of resolving, not of responding: its parts (cut at ,;。) that do not speak of
    responding, and in one that does, the stretch around its last 解决 between the words of responding
    (首次响应应在1小时内,问题应在24小时内解决 → the second part; 1小时内响应并在24小时内解决 → 并在24小时内解决).
    `elsewhere` (a line outside 2.1(3)): only parts on 解决 (2.3's 5个工作日内…报告 is no resolution time)."""
    out = []
    for _, part in _cut(text, r"[,,;;。]"):
        words = list(re.finditer(RESPONDING, part))
        if not words and not (elsewhere and "解决" not in part):
            out.append(part)
        elif (at := part.rfind("解决")) >= 0:
            start = max((m.end() for m in words if m.end() <= at), default=0)
            out.append(part[start : min((m.start() for m in words if m.start() > at), default=len(part))])
    return ",".join(out)


def _resolution(r: Reader) -> dict[str, Any] | None:
    """The time and the share of the first line that states a time for resolving (_resolving); two different
    times, or an average, are unread."""
    lines = r.clause("2.1(3)") or r.topical(RESOLUTION_TOPIC)
    if not lines:
        return None
    path = "standards.resolution"
    out: dict[str, Any] = {"within": None, "unit": None, "target_ratio": None}
    line, times = lines[0], set[str]()
    for candidate in [*r.clause("2.1(3)"), *r.topical(RESOLUTION_TOPIC, "2.1(3)")]:
        times = {m["v"] for m in re.finditer(RESOLVE_WITHIN, _resolving(candidate.text, candidate.clause != "2.1(3)"))}
        if times:
            line = candidate
            break
    text, quote = _resolving(line.text, line.clause != "2.1(3)"), None
    r.locate(f"{path}.within", line.clause, line)
    if not times and any(ln.blanks for ln in r.clause("2.1(3)")):
        r.blank_paths.update((f"{path}.within", f"{path}.unit"))
    elif len(times) > 1 or _not_one_time(text) or len(_durations(text)) > 1:
        # 平均…, 24-48小时内, …复杂问题除外: no time each case must meet; 24小时内解决,最迟不超过48小时: two limits
        quote = line.raw.strip()
    elif times:
        (time,) = times
        try:
            out["within"], out["unit"] = _hours_or_days(time)
        except (ValueError, ArithmeticError):
            quote = time
    if quote is not None:  # the time and its unit are one value: one finding
        r.unreadable += [Unreadable(f"{path}.{f}", Where(line.clause, line.number), quote) for f in ("within", "unit")]
    out["target_ratio"] = _ratio(r, f"{path}.target_ratio", line, text, line.raw.strip())
    return out


def _not_one_time(text: str) -> bool:
    """A resolution text whose time binds no case for certain: an average, a range (24-48小时内, 1至3个工作日内) or an
    exception (复杂问题除外), as NOT_ONE_TIME and TIME_RANGE say of a first response."""
    first = re.search(RESOLVE_WITHIN, text)
    return bool(re.search(NOT_ONE_TIME, text) or (first and re.search(TIME_RANGE, text[: first.start("v")])))


def _durations(text: str) -> set[str]:
    """The lengths of time a resolution text names, with or without 内 (最迟不超过48小时 is a second limit)."""
    return {re.sub(r"\s|个", "", m[0]) for m in re.finditer(rf"{N}\s*(?:个)?(?:分钟|小时|工作日|日|天)", text)}


def _hours_or_days(text: str) -> tuple[int, str]:
    value, unit = parse_duration(text)
    if unit == "day":  # X日内 (calendar days) = X × 24 hours
        return integral(value) * 24, "hours"
    if unit not in ("hour", "working_day"):
        raise ValueError(text)
    return integral(value), unit + "s"


SATISFACTION_MIN = rf"{AT_LEAST}\s*(?:百分之(?P<p>{N})|(?P<v>{N})\s*(?P<u>%|分))|(?P<v2>{N})\s*(?P<u2>%|分)(?:及)?以上"
SCALE = rf"(?P<v>{N})\s*分制|满分(?:为)?\s*(?P<v2>{N})\s*分"
# what makes the target no month's minimum: a quarter's, a year's or a running score (满意度每季度不低于85%; the check
# compares the month's), or a range (应达到85%至90%: is 85 the floor?); unread, the sentence quoted
SATISFACTION_OTHER_PERIOD = r"季度|每季|年度|每年|全年|半年|累计"
SATISFACTION_RANGE = rf"\s*(?:至|到|-|~|～|—|–)\s*(?:百分之)?{N}"


def _satisfaction(r: Reader) -> dict[str, Any] | None:
    """The target of the first sentence (not a number inside a parenthesised definition: 满意度(评分4分及以上的占比)
    不低于90%), the method and the scale; points above the scale's are unread."""
    lines = r.clause("2.1(4)") or r.topical("满意度|满意率")
    if not lines:
        return None
    path, where = "standards.satisfaction", Where(lines[0].clause, lines[0].number)
    text = "".join(line.text for line in lines)
    first = re.sub(r"\([^()]*\)", "", text.split("。")[0])
    out: dict[str, Any] = {"min": None, "scale": None, "method": None, "scale_max": None}
    r.locate(f"{path}.min", lines[0].clause, lines[0])
    if re.search(r"\d分?(或|及|和)\d分|前两档|满意和非常满意|非常满意和满意|好评率|\d分及以上的", text):
        out["method"] = "share_satisfied"
    elif re.search(r"平均分|平均得分|均分|平均值", text):
        out["method"] = "mean_score"
    if scale := re.search(SCALE, text):
        try:  # 百分制: a hundred points (百 alone is no numeral)
            out["scale_max"] = 100 if scale["v"] == "百" else _whole(scale["v"] or scale["v2"])
        except (ValueError, ArithmeticError):
            r.unreadable.append(Unreadable(f"{path}.scale_max", where, scale[0]))
    if m := re.search(SATISFACTION_MIN, first):
        target = "百分之" + m["p"] if m["p"] else (m["v"] or m["v2"]) + (m["u"] or m["u2"])
        kind = "points" if target.endswith("分") else "percent"
        if re.search(SATISFACTION_OTHER_PERIOD, first[: m.start()]) or re.match(SATISFACTION_RANGE, first[m.end() :]):
            r.unreadable.append(Unreadable(f"{path}.min", where, first.strip()))
            return out
        try:
            value = parse_number(target[:-1]) if kind == "points" else _share(target)
            if kind == "points" and out["scale_max"] is not None and value > out["scale_max"]:
                raise ValueError(target)  # 五分制…不低于6分
            out["min"], out["scale"] = value, kind
        except (ValueError, ArithmeticError):
            r.unreadable.append(Unreadable(f"{path}.min", where, target))
    elif MASK in first:
        r.blank_paths.add(f"{path}.min")
    return out


REPORT_TOPIC = r"服务报告|运营报告|月度报告|服务月报|报告"


def _report(r: Reader) -> dict[str, Any] | None:
    lines = r.clause("2.3") or r.topical(REPORT_TOPIC)
    text = "".join(line.text for line in lines if re.search(REPORT_TOPIC, line.text))
    every = None
    if re.search(r"每一?个?(?:自然|日历)?月|月度|按月|上月", text):
        every = "month"
    elif re.search(r"每一?个?(?:自然|日历)?季|季度", text):
        every = "quarter"
    due = r.read(
        "standards.report.due_working_days",
        "2.3",
        rf"(?:次月|下月|(?:结束|届满)(?:之日)?(?:后|起))\s*(?:的)?\s*(?:(?P<v>{N})\s*个?工作日(?:以内|之内|内|前|届满前)"
        rf"|第\s*(?P<v2>{N})\s*个?工作日(?:结束前|届满前|以内|之内|内)|(?P<v3>第\s*{N}\s*个?工作日\s*(?:之|以)?前))",
        _whole,
        topic=REPORT_TOPIC,
    )
    r.locate("standards.report", lines[0].clause if lines else "2.3", lines[0] if lines else None)
    if every is None and due is None:
        # a report due in a number of days, of periods not read: unread, not 'no schedule' (report_schedule_missing)
        days = rf"{N}\s*个?(?:工作日|自然日|日|天)"
        line = next((ln for ln in lines if re.search(rf"报告[^。]*{days}|{days}[^。]*报告", ln.text)), None)
        if line is None:
            return None
        where = Where(line.clause, line.number)
        r.unreadable.append(Unreadable("standards.report.due_working_days", where, line.raw.strip()))
        return {"every": None, "due_working_days": None}
    return {"every": every, "due_working_days": due}


def _whole(text: str) -> int:
    return integral(parse_number(text))


# --- Art. 3 ------------------------------------------------------------------------------------


def _date(text: str) -> str:
    """2026年1月1日, 二〇二六年一月一日, 2026-1-1, 2026/1/1, 2026.1.1 → '2026-01-01'; ValueError for anything but a
    day of a four-digit year (26年1月1日: 2026 or 1926?; 2026年13月1日)."""
    m = re.fullmatch(r"(\d{4})([-/.])(\d{1,2})\2(\d{1,2})|(.+?)年(.+?)月(.+?)日", text.replace(" ", ""))
    if not m:
        raise ValueError(text)
    parts = (m[1], m[3], m[4]) if m[1] else m.groups()[4:]
    year = parse_digits(parts[0]) if len(parts[0]) == 4 else parse_integer(parts[0])
    if year < 1000:
        raise ValueError(text)
    month, day = (parse_integer(p) for p in parts[1:])
    return date(year, month, day).isoformat()


def _months(text: str) -> int:
    """A term's length in whole months: 一年 → 12, 十八个月 → 18, 十二(12)个月 → 12 (words and figures agreeing);
    ValueError for anything else (0个月 is no term)."""
    if m := re.fullmatch(r"(.+?)\s*\(\s*(\d+)\s*\)\s*(.+)", text):
        words, figures = _months(m[1] + m[3]), _months(m[2] + m[3])
        if words != figures:
            raise ValueError(text)
        return words
    if m := re.fullmatch(r"(.+?年)\s*零?\s*(.+?个?月)", text):  # 一年零三个月 → 15 (old: 12, the year alone)
        extra = as_months(*parse_duration(m[2]))
        if extra is None or not 1 <= extra <= 11:
            raise ValueError(text)  # 一年零零个月, 一年十三个月: no such length
        return _months(m[1]) + extra
    months = as_months(*parse_duration(text))
    if months is None or months < 1:
        raise ValueError(text)
    return months


TERM_TOPIC = r"服务期限|有效期|协议期限|合同期限|本协议(?:自|有效)"
DATE = (
    r"(?:\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|\d{4}(?:-\d{1,2}-\d{1,2}|/\d{1,2}/\d{1,2}|\.\d{1,2}\.\d{1,2})"
    r"|[〇零一二三四五六七八九]{4}年[^月]{1,3}月[^日]{1,3}日|□+)"
)

# a time of day after a term's date (2026年1月1日0时, 2026年12月31日24时, 23:59:59), read with it: the start's
# 0时 and the end's 24时 or 23:59(:59) name the whole day; any other hour is part of a day, unread
TIME = (
    r"(?:\s*(?:\d{1,2}|[零〇一二三四五六七八九十]{1,3})\s*[时点](?:\s*\S{1,3}\s*分)?(?:\s*\S{1,3}\s*秒)?"
    r"|\s*\d{1,2}:\d{2}(?::\d{2})?)?"
)
START_OF_DAY = r"\s*(?:(?:0|00|零|〇)\s*[时点](?:\s*(?:0|00|零)\s*分)?|0?0:00(?::00)?)$"
END_OF_DAY = (
    r"\s*(?:(?:24|二十四)\s*[时点]|24:00(?::00)?|23:59(?::59)?|23\s*[时点]\s*59\s*分(?:\s*59\s*秒)?"
    r"|二十三\s*[时点]\s*五十九\s*分(?:\s*五十九\s*秒)?)$"
)
DASH = r"\s*[—–－~～-]{1,2}\s*"  # 2026年1月1日—2026年12月31日: a range written with a dash

DURATION = rf"{N}(?:\s*\(\s*\d+\s*\))?\s*(?:个月|年半?|个?月)"  # 十二个月, 一年半, 十二(12)个月
TERM_OF = r"(?:期限|有效期)(?:为|是)?\s*"
# the start: 自2026年1月1日起 (从…开始, 自…之日起), or a range's first day (期限为2026年1月1日至…, 2026年1月1日起至…,
# 2026年1月1日—2026年12月31日); 自2026年1月1日起生效 is when the agreement takes effect: the start only when the term
# names no other (EFFECTIVE)
START = (
    rf"(?P<v>{DATE}{TIME})\s*(?:之日)?\s*(?:起|开始)?\s*(?:至|到)"
    rf"|(?:自|从)\s*(?:(?P<v2>{DATE}{TIME})\s*(?:之日)?|(?P<v3>[^起,,。;;]+?))\s*(?:起|开始)(?!\s*生效)"
    rf"|(?P<v4>{DATE}{TIME}){DASH}(?={DATE})"
    rf"|{TERM_OF}(?P<v5>{DATE}{TIME})\s*(?:之日)?\s*起(?=\s*{DURATION})"  # 期限为2026年1月1日起一年
)
EFFECTIVE = rf"自\s*(?P<v>{DATE})\s*(?:之日)?\s*起\s*生效"
# 共计十二个月, 为期一年, 期限为一年, 有效期一年 — not the year of a date (期限为2026年1月1日至…)
STATED = (  # 共计一年零三个月: the months too; 期限为2026年1月1日起一年: the length after the start
    rf"(?:(?:共计|合计|为期|{TERM_OF}|共|计)|{TERM_OF}{DATE}{TIME}\s*(?:之日)?\s*起)"
    rf"\s*(?P<v>{DURATION}(?:\s*零?\s*{N}\s*个月)?)(?!\s*{N}\s*月)"
)
# 至2026年12月31日止 (为止, 期满, 届满, 结束, 终止), or a date after 至 with no closing word (至2026年12月31日到期,
# 有效期至2026年12月31日), or after a dash (2026年1月1日—2026年12月31日); 至 + what looks like a date but is not one
# (至2026年11月底) is there to be reported
END = (
    rf"(?:至|到)\s*(?:(?P<v>{DATE}{TIME}|[^止,,。;;]+?)\s*(?:为止|止|期满|届满|结束|终止)"
    rf"|(?P<v2>{DATE}{TIME}|[\d〇零一二三四五六七八九十百千两]+\s*年[^,,。;;]*))"
    rf"|{DATE}{TIME}{DASH}(?P<v3>{DATE}{TIME})"
)


def _start_day(text: str) -> str:
    """The first day of the term: its date, with 0时 (零时, 00:00) allowed after it."""
    return _date(re.sub(START_OF_DAY, "", text))


def _end_day(text: str) -> str:
    """The last day of the term: its date, with 24时 (24:00, 23:59:59) allowed after it."""
    return _date(re.sub(END_OF_DAY, "", text))


def _term(r: Reader) -> dict[str, Any] | None:
    if not r.has("3.1") and not r.has("3.2") and not r.topical(TERM_TOPIC):
        return None
    start = r.read("term.start", "3.1", START, _start_day, topic=TERM_TOPIC)
    if start is None and not _not_read(r, "term.start"):
        start = r.read("term.start", "3.1", EFFECTIVE, _date, topic=TERM_TOPIC)
    end = r.read("term.end", "3.1", END, _end_day, topic=TERM_TOPIC)
    start, end = _not_trial(r, "term.start", start), _not_trial(r, "term.end", end)
    stated = r.read("term.stated_months", "3.1", STATED, _months, topic=TERM_TOPIC)
    if end is None and start is not None and stated is not None and not _not_read(r, "term.end"):
        from ..periods import add_months

        # 自2026年1月1日起为期一年: the end is the day before the same date a year on (exact, not a guess)
        first = date.fromisoformat(start)
        end = (add_months(first, stated) - timedelta(days=1)).isoformat()
        r.locations["term.end"] = r.locations["term.stated_months"]
    length = stated if stated is not None else _whole_months(start, end)
    return {"start": start, "end": end, "stated_months": stated, "renewal": _renewal(r, length)}


# a period before or within the term that is not the term (试运行期自2025年12月1日起至2025年12月31日止;正式服务期限…)
TRIAL = r"试运行|试运营|试用期|试点期|过渡期|测试期|免费期|磨合期|上线准备"


def _not_trial(r: Reader, path: str, value: str | None) -> str | None:
    """The date read at `path`, unless its sentence (cut at 。;) names a trial or transition period before it: which
    dates are the term's is then not certain (old: the trial's were read as the term's). Unread, quoting the
    sentence."""
    if value is None:
        return None
    line, at = r.matched[path]
    start = max(line.text.rfind("。", 0, at), line.text.rfind(";", 0, at)) + 1
    if not re.search(TRIAL, line.text[start:at]):
        return value
    end = min((i for i in (line.text.find(c, at) for c in "。;") if i >= 0), default=len(line.text))
    r.unreadable.append(Unreadable(path, Where(line.clause, line.number), line.raw[start:end].strip()))
    return None


def _whole_months(start: str | None, end: str | None) -> int | None:
    """The term's length in months when it runs from a day to the day before the same date k months on."""
    if start is None or end is None:
        return None
    from ..periods import add_months

    first, last = date.fromisoformat(start), date.fromisoformat(end)
    k = (last.year - first.year) * 12 + last.month - first.month
    return next((n for n in (k, k + 1) if n > 0 and add_months(first, n) - timedelta(days=1) == last), None)


def _not_read(r: Reader, path: str) -> bool:
    """The text gives the value at `path`, but in a blank or unreadably."""
    return path in r.blank_paths or any(u.path == path for u in r.unreadable)


LENGTH_START = rf"(?:(?![,.点])[{NUMBER_CHARS}半]|{MASK})"  # 十二个月, 半年, a blank
# tacit renewal: 自动续约, 视为同意续约, and the agreement 自动顺延/延长 (本协议自动顺延, 自动延长一年 — not a deadline
# put off: 遇节假日自动顺延至下一工作日); excluded by the words just before it (不再自动续约, 无自动续约)
EXTEND = r"自动(?:顺延|延长|延续|延期)"
RENEWS = r"自动续(?:约|期|展|签|订)|视为(?:双方)?(?:同意)?续(?:约|期|展|签|订)"
AUTO = rf"(?:{RENEWS}|(?<=协议|合同){EXTEND}|{EXTEND}(?=\s*{LENGTH_START}))"
NEGATION = r"(?:不(?:再|会|得|予|作|做|能|可|应|将|进行|实行|适用|采用)?|无|非)\s*"
RENEWAL_TOPIC = rf"续约|续期|续签|续展|续订|{AUTO}"
# the renewal's length: what follows the words (自动续约十二个月; 自动续约至2027年… is reported), or a phrase of its
# own (续约期限为十二个月, 续期为一年, 每次续约十二个月)
RENEW = (
    rf"{AUTO}(?:期限|期间|期)?(?:为|是)?\s*(?P<v>(?:{LENGTH_START}|至|到)[^,,。;;]*)"
    rf"|(?:续(?:约|期|签|展|订)|顺延|延长|延续|延期)(?:期限|期间|期)?(?:为|是)?\s*(?P<v2>{DURATION}|{MASK}+)"
)


# 续约期限与原协议期限相同, 续期同本协议期限, 顺延期限与原合同服务期限一致: the term's own length
SAME_AS_TERM = (
    r"(?:续(?:约|期|签|展|订)|顺延|延长|延续)(?:的)?(?:期限|期间|期)?\s*(?:与|同|和)\s*(?:原|本)?(?:协议|合同)?(?:的)?"
    r"(?:服务)?(?:期限|期间|有效期)(?:相同|一致|相等)?"
)


# the client's objection to a tacit renewal: 异议, or a notice that it ends (书面提出不再续约, 书面通知对方终止本协议) —
# not only 异议 (old: objection_by null, review said the renewal had no objection deadline)
OBJECTION = r"异议|(?:书面|通知|提出)[^。;]*?(?:不再续|不续|不同意续|终止)"


def _renewal(r: Reader, term_months: int | None = None) -> dict[str, Any] | None:
    """3.2 as data; `term_months` is the term's length, for a renewal as long as the term (续约期限与原协议期限相同)."""
    lines = r.clause("3.2") or r.topical(RENEWAL_TOPIC)
    if not lines:
        return None
    path = "term.renewal"
    text = "".join(line.text for line in lines)
    for field in ("", ".auto", ".negotiation_clause", ".objection_by"):
        r.locate(path + field, lines[0].clause, lines[0])
    auto = _auto(r, f"{path}.auto", lines)
    window = r.read(
        f"{path}.notice",
        "3.2",
        rf"(?:[期届]满|到期)(?:之日)?前\s*(?:至少|不少于)?\s*(?P<v>{N}\s*(?:个月|个工作日|个?自然日|日|天)|{MASK}+)",
        lambda text: parse_duration(re.sub(r"个?自然日", "日", text)),
        topic=RENEWAL_TOPIC,
    )
    notice_months = notice_days = None
    if window is not None:
        value, unit = window
        notice_months = as_months(value, unit)
        notice_days = int(value) if unit == "day" else None
    if f"{path}.notice" in r.blank_paths:
        r.blank_paths.add(f"{path}.notice_months")
        r.blank_paths.discard(f"{path}.notice")
    r.locations[f"{path}.notice_months"] = r.locations[f"{path}.notice_days"] = r.locations.pop(f"{path}.notice")
    objection_by = None
    for sentence in text.split("。"):
        objects = re.search(OBJECTION, sentence)
        if objects and re.search(r"(?:[期届]满|到期)(之日)?前", sentence):
            objection_by = "notice_window"
        elif objects and re.search(r"(期满|届满|到期)(之日|时|当日)", sentence):
            objection_by = "expiry"
    renew = None
    if auto:
        renew = r.read(f"{path}.renew_months", "3.2", RENEW, _months, topic=RENEWAL_TOPIC)
        if renew is None and not _not_read(r, f"{path}.renew_months"):
            same = r.read(f"{path}.renew_months", "3.2", f"(?P<v>{SAME_AS_TERM})", topic=RENEWAL_TOPIC)
            if same is not None and term_months is not None:
                renew = term_months
            elif same is not None:  # as long as a term whose length is not read
                r.unreadable.append(Unreadable(f"{path}.renew_months", r.locations[f"{path}.renew_months"], same))
    else:
        r.locate(f"{path}.renew_months", "3.2")
    return {
        "auto": auto,
        "negotiation_clause": bool(re.search(r"(另行|重新)(协商|签订)", text)),
        "objection_by": objection_by,
        "notice_months": notice_months,
        "notice_days": notice_days,
        "renew_months": renew,
    }


def _auto(r: Reader, path: str, lines: list[Line]) -> bool | None:
    """Tacit renewal stated (本协议自动续约) and not excluded (不再自动续约, 不作自动续期, 无自动续约); a clause that
    does both (自动续约一年…此后不再自动续约) is not certain: None, reported."""
    text = "。".join(line.text for line in lines)
    stated = any(not re.search(NEGATION + "$", text[: m.start()]) for m in re.finditer(AUTO, text))
    excluded = next((ln for ln in lines if re.search(f"{NEGATION}(?:{RENEWS}|{EXTEND})", ln.text)), None)
    if stated and excluded:
        r.unreadable.append(Unreadable(path, Where(excluded.clause, excluded.number), excluded.raw.strip()))
        return None
    return stated


# --- Art. 4 ------------------------------------------------------------------------------------


def _method(text: str) -> str:
    for method, rx in (
        ("fixed_monthly", r"固定月费|固定费用|每月固定"),
        ("lump_sum", r"包干"),
        ("per_usage", r"按.*计费|服务量|计件|计量"),
    ):
        if re.search(rx, text):
            return method
    raise ValueError(text)


def _cycle(text: str) -> str:
    if re.fullmatch(r"每?个?(自然)?月度?", text):
        return "month"
    if re.fullmatch(r"每?个?(自然)?季度?", text):
        return "quarter"
    raise ValueError(text)


def _working_days(text: str) -> int:
    m = re.fullmatch(r"(?P<n>.+?)\s*个?工作日", text)
    if m is None:
        raise ValueError(text)
    return _count(m["n"])


AMOUNT = rf"(?:{CURRENCY}\s*{FIGURES}|(?<![\d,.]){FIGURES}\s*万?\s*元|(?:人民币)?\s*(?<![{AMOUNT_WORD_CHARS}]){WORDS})"


def _figures(m: re.Match[str]) -> Decimal:
    return Decimal(m["f"].replace(",", "")) * (10000 if m["wan"] else 1)


def _amount(text: str) -> Decimal:
    """The amount `text` starts with: in figures when given (¥28,000.00, RMB 28,000, 人民币36,000元, 3.6万元, or beside
    its words: 贰万捌仟元整(¥28,000.00)), else in words (贰万捌仟元整). What follows is not read: an aside
    (含税,税率6%; 含增值税1,584.91元) or another amount in brackets (超出部分按每分钟1.5元) is not the amount; another
    amount outside them (,另加坐席费人民币8,000元) makes it no one amount: ValueError."""
    m = next(filter(None, (rx.match(text) for rx in (*AMOUNT_PAIRS, FIGURE_AMOUNT, WORD_AMOUNT))), None)
    if m is None or re.match(NOT_ONE_AMOUNT, text[m.end() :]) or _another_amount(text[m.end() :]):
        raise ValueError(text)
    return _figures(m) if "f" in m.re.groupindex else parse_amount_words(m["w"])


# what follows an amount and is no other amount: an aside in brackets (含增值税1,584.91元, 超出部分按每分钟1.5元收费), a
# tax aside after a comma (,含增值税1,584.91元)
ASIDE = r"\([^()]*\)|,\s*(?:含|不含)(?:[^,;。]|,(?=\d))*"
ANOTHER_AMOUNT = rf"{FIGURE_AMOUNT.pattern}|[{WORD_DIGITS}]+[元圆]"  # 人民币8,000元, 30,000元, 捌仟元: not a lone 元


def _another_amount(rest: str) -> bool:
    """A second amount after the first one, outside its asides: a fee added to it (另加坐席费人民币8,000元) or one for
    a later period (次年起每月30,000元), so that no one amount is the fee."""
    return re.search(ANOTHER_AMOUNT, re.sub(ASIDE, "", rest)) is not None


WORD_AMOUNT = re.compile(rf"(?:人民币)?\s*{W}")
# what makes an amount no one fee: a range after it (人民币20,000元至28,000元, 20,000-28,000元, 贰万元至叁万元), a
# floor (28,000元起, 20,000元以上) or a ceiling (28,000元以内, 28,000元为限, 28,000元封顶)
NOT_ONE_AMOUNT = (
    rf"\s*(?:(?:至|到|-|~|～|—|–)\s*(?:{CURRENCY}\s*)?[\d{AMOUNT_WORD_CHARS}]|起|以内|以下|以上|为限|封顶|为上限)"
)


def _month_amount(text: str) -> Decimal:
    """The monthly fee: an amount (_amount) not said of a quarter or a year (人民币84,000元/季度, ¥336,000元/年), nor
    of a seat or an agent (每坐席人民币5,000元, 人民币5,000元/坐席: the month's fee is that times a count not read),
    nor one that is more or less than the amount (NOT_FIXED: 超出部分另行计费, 按实际坐席数调整)."""
    if re.search(rf"/\s*(?:季|半?年)|{PER_UNIT}|{NOT_FIXED}", text):
        raise ValueError(text)
    return _amount(text)


def _fixed_in_its_clause(r: Reader, monthly: Decimal) -> Decimal | None:
    """The fixed monthly fee, unless another sentence of its clause charges beyond it or adjusts it (4.2 …28,000元。
    then 超出部分按每分钟1.5元收费。 on a line or in a sentence of its own): then unread, that sentence quoted. A
    sentence that only foresees a change (如需调整,双方另行协商) leaves the fee as it stands."""
    line, start = r.matched["fees.monthly_fee"]
    for other in r.clause(line.clause):
        for at, sentence in _cut(other.text, "。"):
            if (other is line and at <= start < at + len(sentence)) or not re.search(CHARGED_BEYOND, sentence):
                continue
            quote = other.raw[at : at + len(sentence)].strip()
            r.unreadable.append(Unreadable("fees.monthly_fee", Where(other.clause, other.number), quote))
            return None
    return monthly


# what is charged beyond the month's fee or how it moves, said anywhere in its clause (超出部分按每分钟1.5元收费,
# 超额部分另行结算; 按实际坐席数调整, 据实结算, 每年上浮5%, 多退少补): a fixed monthly fee cannot hold it, and a
# credit of a percent of it would be too little
CHARGED_BEYOND = r"超出|超额|超量|超过部分|另行(?:计费|结算|收费)|据实|按实际|以实际|上浮|下浮|递增|多退少补"
# the same in the fee's own sentence, where an adjustment is one of the fee (每月28,000元,可调整); in another
# sentence a change only foreseen (如需调整,双方另行协商) leaves the fee as it stands
NOT_FIXED = rf"{CHARGED_BEYOND}|调整|浮动|另行计算"


PER_UNIT = r"(?:每|/)\s*(?:个|名|位)?\s*(?:坐席|座席|席位|席|工位|人(?!民币)|账号)"  # 每坐席, /人, 每个座席
# said right before the amount, what makes it no one month's fee: a price per seat (每坐席人民币5,000元,
# 坐席数×人民币5,000元), a ceiling (不超过人民币28,000元, 最高28,000元, 上限为28,000元), a floor (不低于人民币20,000元)
# or an estimate (约人民币28,000元, 暂定28,000元): read with it, to be refused
BOUND = (
    rf"(?:{PER_UNIT}|[×*]|乘以|不超过|不得超过|不高于|最高|最多|上限为?|封顶|不低于|不少于|最低|至少"
    r"|约|大约|暂定|预计|预估)\s*(?:为|:)?\s*"
)


FEE_TOPIC = r"月服务费|服务费|费率|费用标准|收费标准|月费"
PAY_TOPIC = r"支付|付款|付清|结算"
LATE_TOPIC = r"逾期"


def _fees(r: Reader) -> dict[str, Any] | None:
    if not r.has("4") and not r.topical(FEE_TOPIC):
        return None
    method = r.read(
        "fees.method",
        "4.1",
        r"(?:采用|按照?|实行)\s*(?P<v>.+?)\s*(?:方式|计费|计算|收取)|(?P<v2>固定月费|包干|按服务量)",
        _method,
        topic=r"计费|计算方式|收费方式|固定月费|包干",
    )
    fee = rf"(?P<v>{AMOUNT}(?:\([^()]*\)|[^,;。]|,(?=\d|\s*小写))*)"  # with its brackets, its 小写
    # the month's fee with a bound or a price per seat before it, and the rest of its sentence (another amount after
    # a comma: 另加坐席费人民币8,000元, 次年起每月30,000元); a price per seat before 每月 (每坐席每月人民币5,000元)
    month_fee = rf"(?P<v>(?:{BOUND})*{AMOUNT}(?:\([^()]*\)|[^;。])*)"
    monthly = lump = None
    if method == "lump_sum":
        lump = r.read(
            "fees.lump_sum_fee", "4.2", r"(?:总价|合计|共计|总额)[^¥\d壹贰叁肆伍陆柒捌玖]*" + fee, _amount, True
        )
    else:
        monthly = r.read(
            "fees.monthly_fee",
            "4.2",
            rf"(?P<v2>{PER_UNIT}\s*每个?月[^。;]*?{AMOUNT}[^。;]*)"
            r"|(?:每月|月服务费|月费|服务费用?每月)(?:\([^()]*\)|[^¥\d壹贰叁肆伍陆柒捌玖。;])*?" + month_fee,
            _month_amount,
            True,
            topic=FEE_TOPIC,
        )
        if monthly is not None and method == "fixed_monthly":
            monthly = _fixed_in_its_clause(r, monthly)
    pay = "4.3"
    return {
        "method": method,
        "monthly_fee": monthly,
        "included_units": None,
        "unit_rate": None,
        **({"lump_sum_fee": lump} if method == "lump_sum" else {}),
        "cycle": r.read(
            "fees.cycle",
            pay,
            r"支付周期为\s*(?P<v>[^,,;。]+)|(?P<v2>按月|按季度?)(?:支付|结算|付款)",
            _cycle,
            topic=PAY_TOPIC,
        ),
        "due_working_days": _one_deadline(
            r,
            r.read(
                "fees.due_working_days",
                pay,
                rf"(?:结束后的?|次月|下月)\s*(?:(?P<v>(?:{COUNT}|{MASK}+)\s*个?工作日)\s*(?:以内|之内|内|前)"
                rf"|第\s*(?P<v2>(?:{COUNT}|{MASK}+)\s*个?工作日)\s*(?:结束前|以内|之内|内)"
                rf"|(?P<v3>第\s*(?:{COUNT}|{MASK}+)\s*个?工作日\s*(?:之|以)?前))",
                _working_days,
                topic=PAY_TOPIC,
            ),
        ),
        "late_fee_daily_rate": _daily(r, r.read("fees.late_fee_daily_rate", "4.4", LATE_FEE, _rate, topic=LATE_TOPIC)),
        "suspend_after_days": r.read(
            "fees.suspend_after_days", "4.4", OVERDUE_FOR, _overdue_days, topic=LATE_TOPIC, within="暂停"
        ),
        "suspension_notice_days": _notice_days(r),
        "bank": _bank(r, pay),
    }


LATE_FEE = (
    r"(?:金额|款项|费用)的\s*(?:每日|每天|按日)?\s*(?P<v>[^,,向]+?)\s*(?:的标准)?\s*(?:向甲方)?"
    r"(?:支付|计付|计算|计收)?(?:违约金|滞纳金)"
    r"|(?:每日|每天|按日)\s*(?P<v2>万分之[^,,。;的向]+?|[\d.]+\s*[%‰‱])\s*(?:的标准)?\s*(?:向甲方)?\s*"
    r"(?:支付|计付|计算|计收)"
)
# the period a late fee's rate is for, the last one named before it in its sentence: a day (每逾期一日, 每日, 按日),
# or another (每逾期一周, 每逾期一个月, 逾期每满一个月, 按月, 年利率, 一次性: not a day's rate)
PERIOD = (
    r"(?P<day>每(?:逾期|迟延|延迟)?\s*(?:一|1)\s*[日天]|每[日天]|按日|日利率)"
    r"|每(?:逾期|迟延|延迟)?\s*满?\s*(?:一|1)?\s*个?(?:周|星期|月|季度?|年)|按(?:周|月|季|年)|[年月]利率|年化|一次性"
)


def _daily(r: Reader, rate: Decimal | None) -> Decimal | None:
    """The late fee's rate when its sentence says it is a day's (每逾期一日,应按…万分之五); a rate for a week, a month
    or a year (每逾期一月,按…的1%), or for no period (应按应付未付金额的5%支付违约金: once), is unread. So is a rate
    with a cap (违约金总额以应付未付金额的20%为限): the model has no cap, the monthly check would accrue the fee past
    it; the cap's sentence is quoted."""
    path = "fees.late_fee_daily_rate"
    if rate is None:
        return None
    line, at = r.matched[path]
    start = max(line.text.rfind("。", 0, at), line.text.rfind(";", 0, at)) + 1
    periods = list(re.finditer(PERIOD, line.text[start:at]))
    end = min((i for i in (line.text.find(c, at) for c in "。;") if i >= 0), default=len(line.text))
    cap = _late_cap(r, line)
    if periods and periods[-1]["day"] and not _other_rate(line.text, at, rate) and cap is None:
        return rate
    line, start, end = cap or (line, start, end)
    r.unreadable.append(Unreadable(path, Where(line.clause, line.number), line.raw[start:end].strip()))
    return None


RATE = rf"(?:[万千百]分之[{NUMBER_CHARS}]+|\d[\d.]*\s*[%‰‱])"
CAPPED = r"为限|封顶|上限|最高(?!人民)|不超过|不得超过|不高于|总额"
# a cap on the late fee: 违约金总额以应付未付金额的20%为限, 违约金累计不超过…的10%, 滞纳金最高不超过人民币10,000元
LATE_CAP = rf"(?:违约金|滞纳金)[^。;]*?(?:{CAPPED})"


def _late_cap(r: Reader, line: Line) -> tuple[Line, int, int] | None:
    """The first sentence (cut at 。;) capping the late fee, in the rate's line, in 4.4 or in a line on 逾期: the line,
    the sentence's start and end."""
    for ln in [line, *r.clause("4.4"), *r.topical(LATE_TOPIC)]:
        for s in SENTENCE.finditer(ln.text):
            if re.search(LATE_CAP, s[0]):
                return ln, s.start(), s.end()
    return None


def _other_rate(text: str, at: int, rate: Decimal) -> bool:
    """Another late fee rate in the rate's sentence (cut at 。): a tier (逾期超过15日的,按每日万分之十计) or a cap
    (以…20%为限, 总额不超过…10%: the model has none), so that no one rate is the day's."""
    start, end = text.rfind("。", 0, at) + 1, text.find("。", at) % (len(text) + 1)
    for m in re.finditer(RATE, text[start:end]):
        try:
            other = parse_rate(m[0])
        except (ValueError, ArithmeticError):
            return True
        if other != rate:
            return True
    return False


COUNT = rf"{N}(?:\s*\(\s*{N}\s*\))?"  # 30, 三十, 三十(30)
OVERDUE = r"(?:逾期|拖欠|迟延|延迟)[^,。;\d不未]{0,8}?"  # 逾期, 逾期付款, 拖欠服务费用; not 逾期不满
# 逾期超过30日 / 满30日 / 30日以上, the nearest before the sentence's 暂停 (no other 逾期 in between)
OVERDUE_FOR = (
    rf"{OVERDUE}(?:(?P<v>(?:超过|超出|满|达到|已达|达)\s*(?:{COUNT}|{MASK}+)\s*个?(?:工作日|日|天))"
    rf"|(?P<v2>{COUNT}\s*个?(?:工作日|日|天)\s*及?以上))(?=(?:(?!逾期|拖欠|迟延|延迟)[^。;])*暂停)"
)


def _once(parse: Callable[[str], Any], text: str) -> Any:
    """`text` parsed, also when written twice, in words and in figures (十五(15), 万分之五(0.05%)): both must agree."""
    both = re.fullmatch(r"(.+?)\s*\(\s*(.+?)\s*\)", text)
    first, *others = (parse(part) for part in (both.groups() if both else (text,)))
    if any(other != first for other in others):
        raise ValueError(text)
    return first


def _count(text: str) -> int:
    return _once(_whole, text)


def _rate(text: str) -> Decimal:
    return _once(parse_rate, text)


def _overdue_days(text: str) -> int:
    """N of 逾期超过N日 (SPEC §2.1): 超过30日 → 30; 满30日, 达到30日, 30日以上 count the 30th day (Civil Code
    Art. 1259) → 29. Working days are not calendar days: ValueError."""
    m = re.fullmatch(r"(?P<q>超过|超出|满|达到|已达|达)?\s*(?P<n>.+?)\s*(?P<u>个?工作日|日|天)\s*(?:及?以上)?", text)
    if m is None or "工作日" in m["u"]:
        raise ValueError(text)
    return _count(m["n"]) - (0 if m["q"] in ("超过", "超出") else 1)


# in the payment deadline's sentence, what makes it no one deadline: another deadline (或甲方收到发票后5个工作日内,
# 以较晚者为准) or a payment in parts (支付50%, 支付剩余50%, 余款, 分期)
DEADLINE = rf"{COUNT}\s*个?(?:工作日|自然日|日|天)\s*(?:以内|之内|内)|{COUNT}\s*个?工作日\s*(?:结束)?前"
IN_PARTS = (
    rf"{DEADLINE}|较晚者|较早者|孰晚|孰早|(?:支付|付清|结清)[^,。;]{{0,8}}?{PCT}|剩余|余款|尾款|首期|分期"
    rf"|分\s*[{NUMBER_CHARS}]\s*次"
)


def _one_deadline(r: Reader, days: int | None) -> int | None:
    """The payment deadline when it is the only one of its sentence (cut at 。;): two deadlines
    (10个工作日内或…5个工作日内(以较晚者为准)) or a payment in parts (10个工作日内支付50%,20个工作日内支付剩余50%)
    are unread, the sentence quoted."""
    path = "fees.due_working_days"
    if days is None:
        return None
    line, at = r.matched[path]
    start = max(line.text.rfind("。", 0, at), line.text.rfind(";", 0, at)) + 1
    end = min((i for i in (line.text.find(c, at) for c in "。;") if i >= 0), default=len(line.text))
    rest = line.text[at:end]
    deadline = re.match(DEADLINE, rest)
    if not re.search(IN_PARTS, line.text[start:at] + rest[deadline.end() if deadline else 0 :]):
        return days
    r.unreadable.append(Unreadable(path, Where(line.clause, line.number), line.raw[start:end].strip()))
    return None




def _spaced(label: str) -> str:
    """A label regex that also matches it spaced out to align a column (户    名, 开 户 行)."""
    return re.sub(r"([\u4e00-\u9fff])", r"(?:\1\\s*)", label)


# the bank fields' labels (开户银行全称, 收款户名, 银行卡号…), longest first; a field starts a line or follows a
# separator (开户行:…,账号:… on one line), and its value runs to the next field, a tab or the line's end
BANK_LABELS = {
    name: _spaced(label)
    for name, label in {
        "bank": r"(?:收款人?)?(?:开户银行|开户行|收款银行)(?:全称|名称)?",
        "account_name": r"(?:收款)?(?:账户名称|账户全称|账户名|户名)|收款(?:人|单位)(?:名称|全称)?|开户(?:名称|名)",
        "account_no": r"(?:收款|银行|开户)?(?:账号|账户号码|账户号|卡号)",
    }.items()
}
ANY_BANK_LABEL = "|".join(BANK_LABELS.values())
BANK_FIELD = (
    r"(?:^|(?<=[,;。\s]))\s*(?:{})\s*(?::|\t)\s*(?P<v>[^\t]*?)\s*[,;。]?\s*"
    rf"(?=[,;。]?\s*(?:{ANY_BANK_LABEL})\s*(?::|\t)|\t|$)"
)
# a line that states a bank field, read or not: its key word before a colon or a tab (or, for the account number,
# before its figures): 开户银行全称:…, 收款方户名:…, 银行卡号 6222…
BANK_STATED = {
    "bank": _spaced(r"开户(?!\s*名)|收款银行|银行(?:名称|全称)"),
    "account_name": _spaced(r"户名|账户名|收款人(?!\s*开户)|收款单位|收款方名称|开户名"),
    "account_no": _spaced(r"账号|卡号|账户号"),
}
ACCOUNT_DIGITS = re.compile(r"\d+(?:[ -]\d+)*")  # 1219 0837 5610 501, 6222-0212-…: digits only
ALNUM = "0-9A-Za-z０-９Ａ-Ｚａ-ｚ"
LONG_CODE = re.compile(rf"[{ALNUM}](?:[{ALNUM} \-－]*[{ALNUM}])?")


def private(text: str) -> str:
    """`text` with every run of letters and figures holding 8 digits or more masked (redact.mask_account): an
    account number quoted as unread is never printed whole, also when letters break it (1219 O837 …)."""
    from ..redact import mask_account

    def mask(m: re.Match[str]) -> str:
        folded = unicodedata.normalize("NFKC", m[0])
        return mask_account(folded) if sum(ch.isdigit() for ch in folded) >= 8 else m[0]

    return LONG_CODE.sub(mask, text)


def _bank(r: Reader, clause: str) -> dict[str, str | None]:
    """开户行, 账户名称 and 账号, each as written, from 4.3's lines or a line on them elsewhere. A field a line
    states under another label, or an account number that is not figures (1219 O837 5610 501), is unread, the line
    quoted with its long numbers masked; never null and unreported."""
    out: dict[str, str | None] = {}
    topic = "|".join(BANK_STATED.values())
    for name, label in BANK_LABELS.items():
        path = f"fees.bank.{name}"
        value = r.read(path, clause, BANK_FIELD.format(label), topic=topic)
        if path in r.blank_paths:
            out[name] = None
            continue
        line = r.matched.get(path, (None, 0))[0] if value is not None else None
        if value is not None and line is not None and name == "account_no":
            folded = unicodedata.normalize("NFKC", value)
            if not ACCOUNT_DIGITS.fullmatch(folded):
                r.unreadable.append(Unreadable(path, Where(line.clause, line.number), private(line.raw.strip())))
                value = None
        if value is None and not any(u.path == path for u in r.unreadable):
            stated = rf"(?:{BANK_STATED[name]})(?:[^,;。:\t]{{0,6}}(?::|\t)|\s*\d{{4}})"
            lines = r.clause(clause) + r.topical(topic, clause)
            line = next((ln for ln in lines if re.search(stated, ln.text)), None)
            if line is not None and MASK not in line.text:
                r.unreadable.append(Unreadable(path, Where(line.clause, line.number), private(line.raw.strip())))
        out[name] = value
    return out


WRITTEN = r"书面(?:形式|方式)?(?:通知|告知)"  # 书面通知, 以书面形式通知, 以书面方式通知, 书面告知
NOTICE = (
    rf"(?:提前|事先|预先)(?P<v>[^,。;]{{0,12}}?)\s*以?{WRITTEN}"
    rf"|{WRITTEN}[^。;]*?(?:满|经过)?\s*(?P<v2>{COUNT}\s*个?(?:工作日|自然日|日|天|星期|周))(?:后|之后|以后)[^。;]*?暂停"
    # a notice not said to be written (提前5日通知乙方后暂停): the model's is written notice, so it is unread, quoted
    rf"|(?P<v3>(?:提前|事先|预先)[^,。;]{{0,12}}?(?:通知|告知))"
)
NOTICE_LENGTH = re.compile(
    rf"(?:至少|不少于|不得少于)?\s*(?P<n>{COUNT})\s*(?P<u>个?(?:工作日|自然日|日|天|星期|周))\s*(?:以|向[甲乙]方(?:发出)?|发出)?"
)


def _notice_length(text: str) -> int:
    """提前5日 (5个自然日) → 5, 一周 → 7, 提前书面通知 → 0 (notice, no minimum); a month, 合理期限, 5个工作日 (the
    model counts calendar days, and 5 of them can be fewer than 5 working days), a notice not said to be written
    (提前5日通知): ValueError."""
    if not text:
        return 0
    m = NOTICE_LENGTH.fullmatch(text)
    if m is None or "工作日" in m["u"]:
        raise ValueError(text)
    return _count(m["n"]) * (7 if m["u"].endswith(("星期", "周")) else 1)


def _notice_days(r: Reader) -> int | None:
    """The written notice before a suspension, from the sentence that speaks of 暂停."""
    path = "fees.suspension_notice_days"
    days = r.read(path, "4.4", NOTICE, _notice_length, topic="暂停", within="暂停")
    if days is not None or path in r.blank_paths or any(u.path == path for u in r.unreadable):
        return days
    if any(re.search(rf"{WRITTEN}[^。;]*?后[^。;]*?暂停", ln.text) for ln in r.clause("4.4") + r.topical("暂停")):
        return 0  # prior written notice required, no minimum period
    return None


# --- remedies and privacy (anywhere in the text) -------------------------------------------------


SLA_FAILURE = r"(未达到|未满足|不符合|违反|达不到|低于)[^。]*?(服务标准|服务水平|SLA|指标|2\.1|第二条)|未达标|不达标"
# a failure of one standard named (可用性低于99.5%的, 满意度低于85%的): a credit for it is no credit per breach
ONE_STANDARD_FAILURE = r"(?:可用性|可用率|响应|接通率|解决率|满意度)[^。;,,]*?(?:(?<!不)低于|未达到|未满足|达不到|不足)"
ONE_PERCENT = rf"(?:百分之{N}|千分之{N}|{N}\s*[%‰])"  # 5‰ and 千分之五 are 0.5 percent
PERCENT = rf"{ONE_PERCENT}(?:\s*\(\s*{ONE_PERCENT}\s*\))?"  # 5%, 百分之五(5%)
# the fee a credit is a percent of, as written before 服务费: the month's is read; a quarter's, a year's or the
# contract's (按季度服务费用的5%) is matched to be reported (OTHER_BASE), not applied to the month
CREDIT_BASE = r"(?:当月|当期|该月|本月|当?季度?|当?半?年度?|全年|合同总?)?"
OTHER_BASE = r"(?:季度?|年度?|全年|合同总?|总)\s*的?\s*$"
CREDIT = (
    rf"(?:服务费用?|月费)的?\s*(?P<v>{PERCENT})[^。;]*?(?:抵减|扣减|减免|返还|扣除|抵扣)"
    rf"|(?:抵减|扣减|减免|扣除|抵扣|减收){CREDIT_BASE}(?:的)?(?:服务费用?|月费)的?\s*(?P<v2>{PERCENT})"
    rf"|相当于{CREDIT_BASE}(?:服务费用?|月费)的?\s*(?P<v3>{PERCENT})的?(?:服务)?(?:抵扣|抵减|扣减|减免)"
)
# a credit that is no one percent per breach: escalating (首次…5%,再次…10%; not 首次响应) or in proportion to the
# shortfall (每低于标准1个百分点,按…1%)
NOT_ONE_CREDIT = (
    r"首次(?![响回])|再次|第[二三四五六七八九十\d]次|每(?:低于|下降|降低|超过|超出|差|少于?|延长|增加)|阶梯|累进"
)
CREDITS = r"(?:抵扣|抵减|扣减|减免)"
AT_MOST_FEE = r"(?:不超过|不得超过|最高不超过|不高于|以|上限为)"
# the fee a cap is a percent of: the month's (当月服务费, 月服务费) is read; another's (季度服务费) is matched to be
# reported (OTHER_PERIOD)
CAP_FEE = rf"(?:当月|当期|该月|本月|每月|月|{CREDIT_BASE})(?:服务费用?|月费)(?:总额)?的?"
# the credits' total at most a percent of the fee: 抵扣总额不超过当月服务费的20%, 抵减金额累计不超过…, 累计扣减不超过…,
# 抵减上限为…, 最高抵减当月服务费用的15%
CAP = (
    rf"{CREDITS}(?:的)?(?:总额|合计|总计|金额合计|金额累计|金额总计)[^。;]*?{AT_MOST_FEE}{CAP_FEE}\s*(?P<v>{PERCENT})"
    rf"|累计{CREDITS}(?:的)?(?:总额|金额)?[^。;]*?{AT_MOST_FEE}{CAP_FEE}\s*(?P<v2>{PERCENT})"
    rf"|{CREDITS}(?:的)?(?:上限|最高限额|最高额)(?:为|是)\s*{CAP_FEE}\s*(?P<v3>{PERCENT})"
    rf"|最高(?:可)?{CREDITS}(?:至)?{CAP_FEE}\s*(?P<v4>{PERCENT})"
)
# a cap that is not the month's credits' total (SPEC §2.1): over the term, a year or a quarter, or of such a fee; or a
# breach's (每项最高抵减…5%: a credit up to a maximum, no one credit: the credit is unread)
OTHER_PERIOD = r"合同期|服务期|全年|年度|每年|年服务费|季|半年|合同总|(?P<breach>每项|每一项|单项|每次)"
TERMINATION = r"(连续|累计)[^。]*?(解除|终止)"


def _remedies(r: Reader, quarterly: bool = False) -> dict[str, Any]:
    """Service credit, its cap and SLA termination: a sentence on failing the standards, wherever it is (2.4,
    an added 违约责任 article, an annex). `quarterly`: fees are paid by the quarter, so that a credit of 当期服务费用
    is a percent of a quarter's fee, not of the month's (unread)."""
    credit = cap = None
    termination = False
    path = "remedies.service_credit_percent"
    first = ""  # the sentence the credit was read from
    for line in r.lines:
        if line.clause in (PARTIES, SIGNATURE):
            continue
        for at, sentence in _cut(line.text, "。"):
            failing = re.search(SLA_FAILURE, sentence) or re.search(ONE_STANDARD_FAILURE, sentence)
            if not failing and not (credit is not None and re.search(CAP, sentence)):
                continue
            caps = [c.span() for c in re.finditer(CAP, sentence)]  # 最高抵减当月服务费用的15%: a cap, not a credit
            credits = [m for m in re.finditer(CREDIT, sentence) if not any(a <= m.start() < b for a, b in caps)]
            quote = line.raw[at : at + len(sentence)].strip()
            if credits and credit is not None:
                m, again = credits[0], None
                if _one_credit(sentence, credits, quarterly):
                    with contextlib.suppress(ValueError, ArithmeticError):
                        again = _once(parse_percent, m[next(k for k in ("v", "v2", "v3") if m[k])])
                if again != credit:  # another credit elsewhere (违约责任: 减免当月服务费的10%): which one applies?
                    r.unreadable.append(Unreadable(path, Where(line.clause, line.number), f"{first} / {quote}"))
                    credit = None
            elif credits and credit is None and not _not_read(r, path):
                m = credits[0]
                if _one_credit(sentence, credits, quarterly):
                    g = next(k for k in ("v", "v2", "v3") if m[k])
                    credit = _percent_of(r, path, line, m[g], sentence[m.end(g) :])
                    first = quote
                else:  # quoted whole: a person reads which credit is meant
                    r.locate(path, line.clause, line)
                    r.unreadable.append(Unreadable(path, Where(line.clause, line.number), quote))
            if cap is None:
                cap = _cap(r, line, sentence, at)
            if re.search(TERMINATION, sentence):
                termination = True
                r.locate("remedies.sla_termination", line.clause, line)
    capped = "remedies.service_credit_cap_percent"
    if credit is not None and cap is None and not _not_read(r, capped):  # the cap may stand in a sentence of its own
        for line in r.topical(CAP):
            cap = _cap(r, line, line.text)
            break
    return {"service_credit_percent": credit, "service_credit_cap_percent": cap, "sla_termination": termination}


def _cap(r: Reader, line: Line, sentence: str, at: int = 0) -> Decimal | None:
    """The cap `sentence` states (CAP), as a percentage; None when it states none; unread (its part quoted, cut at
    ,;) when it is not the month's (OTHER_PERIOD: 合同期内累计抵减不超过…, 不超过季度服务费的15%); `at`: where
    `sentence` starts in the line."""
    path = "remedies.service_credit_cap_percent"
    c = re.search(CAP, sentence)
    if c is None:
        return None
    g = next(k for k in ("v", "v2", "v3", "v4") if c[k])
    start = max(sentence.rfind(",", 0, c.start()), sentence.rfind(";", 0, c.start())) + 1
    if other := re.search(OTHER_PERIOD, sentence[start : c.end(g)]):
        path = "remedies.service_credit_percent" if other["breach"] else path
        r.locate(path, line.clause, line)
        r.unreadable.append(Unreadable(path, Where(line.clause, line.number), line.raw[at + start : at + c.end(g)]))
        return None
    return _percent_of(r, path, line, c[g], sentence[c.end(g) :])


def _one_credit(sentence: str, credits: list[re.Match[str]], quarterly: bool = False) -> bool:
    """The sentence's credit is one percent of the month's fee per breach of any standard: not a credit for a standard
    named (可用性低于99.5%的), not several, escalating or proportional ones (NOT_ONE_CREDIT), not a percent of a
    quarter's or a year's fee (OTHER_BASE; 当期服务费用 when the fees are paid by the quarter)."""
    fee = credits[0].start() + re.search(r"服务费|月费", credits[0][0]).start()  # type: ignore[union-attr]
    return not (
        not re.search(SLA_FAILURE, sentence)
        or len(credits) > 1
        or re.search(NOT_ONE_CREDIT, sentence)
        or re.search(OTHER_BASE, sentence[:fee])
        or (quarterly and re.search(r"当期\s*的?\s*$", sentence[:fee]))
    )


# a percentage that is one end of a range: 5%-10%, 百分之五至百分之十
RANGE_END = rf"\s*(?:至|到|-|~|～|—|–)\s*{ONE_PERCENT}"


def _percent_of(r: Reader, path: str, line: Line, text: str, after: str = "") -> Decimal | None:
    """`text` as a percentage; unread when it is the first end of a range (`after`: what follows it)."""
    r.locate(path, line.clause, line)
    if rng := re.match(RANGE_END, after):
        r.unreadable.append(Unreadable(path, Where(line.clause, line.number), text + rng[0]))
        return None
    try:
        return _once(parse_percent, text)
    except (ValueError, ArithmeticError):
        r.unreadable.append(Unreadable(path, Where(line.clause, line.number), text))
        return None


def _has_pipl_terms(lines: list[Line]) -> bool:
    """PIPL Art. 21 terms: a clause on entrusted processing of personal information that ends in return or deletion."""
    return any("个人信息" in line.text and "委托" in line.text and re.search(r"删除|返还", line.text) for line in lines)


def _amount_pairs(lines: list[Line]) -> list[AmountPair]:
    out = []
    for line in lines:
        seen = set()  # the words' spans: two forms may find one pair
        for rx in AMOUNT_PAIRS:
            for m in rx.finditer(line.text):
                if m.span("w") in seen:
                    continue
                seen.add(m.span("w"))
                words = line.raw[m.start("w") : m.end("w")]
                try:
                    value = parse_amount_words(m["w"])
                except ValueError:
                    continue
                out.append(AmountPair(Where(line.clause, line.number), words, value, _figures(m)))
    return out
