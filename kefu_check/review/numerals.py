"""Chinese numerals as exact Decimals: 贰万捌仟元整, 万分之五, 百分之九十九点五, 一个月, 三十日.

cn2an was measured and not used at run time (docs/review.md): it returns floats for decimals
(九十九点五 → 99.5 as a float), fails on 万分之五, 百分之…, 一个月 and 三十日, and its import costs
~290 ms. It serves instead as the tests' oracle: its own test vectors (0 wrong values; the refusals are
listed in docs/review.md) and a round-trip property for whole numbers.

The grammar of a whole number (one reading, or ValueError):

    number  := section ("亿" section?)… with 万 inside a section (一万亿 = 10^12 is 一万 亿)
    section := (digit? unit)+ digit? | digit          units strictly decreasing: 千 > 百 > 十
    - a unit without a digit before it is 十 only (十一, 一千零十); 百十一 is not a numeral;
    - 零 marks a gap: 一千零十 = 1010, 一百零五 = 105 (一百零十一 is refused: no gap after 百 before 十);
    - a lone last digit right after 百/千/万/亿 is the next unit down (colloquial): 一百二 = 120,
      两千六 = 2600, 三万五 = 35000, 一百二十万三 = 1,203,000;
    - 两/兩 = 2, 贰/貳 = 2, 萬 = 万, 億 = 亿; 廿 = 二十, 卅 = 三十;
    - digits without units (一一, 二〇二六) are not a number: they are read only as a year (parse_digits);
    - figures and numeral words in one number (九十5, 2十4, 百90, 九十九点5) are not a number: figures × 万/亿 only
      (1.5万, parse_number).
"""

from __future__ import annotations

import re
from decimal import Decimal

DIGITS = {"零": 0, "〇": 0, "一": 1, "壹": 1, "二": 2, "贰": 2, "貳": 2, "两": 2, "兩": 2, "三": 3, "叁": 3, "參": 3}
DIGITS |= {"四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "陸": 6, "七": 7, "柒": 7, "八": 8, "捌": 8}
DIGITS |= {"九": 9, "玖": 9}
DIGITS |= {str(d): d for d in range(10)}
SPOKEN_DIGITS = {"幺": 1}  # 幺 (one, as in telephone numbers) only in digit strings
SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
BIG_UNITS = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}
TENS = {"廿": "二十", "卄": "二十", "卅": "三十", "卌": "四十"}
FRACTIONS = {"百分之": Decimal(100), "千分之": Decimal(1000), "万分之": Decimal(10000)}
UNITS = {
    "个月": "month", "月": "month", "年": "year", "个工作日": "working_day", "工作日": "working_day",
    "日": "day", "天": "day", "小时": "hour", "分钟": "minute", "秒": "second", "秒钟": "second",
}  # fmt: skip
NUMBER_CHARS = "".join(DIGITS) + "".join(SMALL_UNITS) + "".join(BIG_UNITS) + "".join(TENS) + "点.,"
AMOUNT_WORD_CHARS = "零壹贰貳叁參肆伍陆陸柒捌玖拾佰仟万萬亿億元圆角分整正"


def parse_digits(text: str) -> int:
    """Digits read one by one, as a year is written: 二〇二六 → 2026, 2026 → 2026 (ValueError otherwise)."""
    if not text or any(ch not in DIGITS and ch not in SPOKEN_DIGITS for ch in text):
        raise ValueError(f"not a digit string: {text!r}")
    return int("".join(str(DIGITS.get(ch, SPOKEN_DIGITS.get(ch))) for ch in text))


def _bad_numeral(text: str) -> ValueError:
    return ValueError(f"not a numeral: {text!r}")


def parse_integer(text: str) -> int:
    """一千零一 → 1001, 贰万 → 20000, 一千零十 → 1010, 三万五 → 35000, 十二 → 12, 2026 → 2026; ValueError when
    it is not a numeral (一一, 百十一, 十一十二, 一百零十一, 零五: see the module's grammar)."""
    if not text:
        raise ValueError("empty numeral")
    if text.isascii():
        if not text.isdigit():
            raise _bad_numeral(text)
        return int(text)
    if any(ch.isascii() for ch in text):
        raise _bad_numeral(text)  # 九十5, 2十4, 百90: figures and numeral words mixed
    original = text
    for short, long in TENS.items():
        text = text.replace(short, long)
    if len(text) == 1 and text in DIGITS:
        return DIGITS[text]
    if all(ch in DIGITS for ch in text):
        raise _bad_numeral(original)  # 一一, 二〇二六: digits, not a number (a year is read by parse_digits)
    total = 0  # everything above the current 万-group: (亿 part) + (万 part)
    group = 0  # the current group below 10^4 (or the 万 part being built before 亿)
    high = 0  # the 亿 part
    digit: int | None = None  # a digit waiting for its unit
    last_small = 10**4  # the last small unit in this group: the next must be smaller
    after_zero = False  # a 零 was just read: the next unit must leave a gap
    prev = ""  # the previous character's role: "digit", "small", "big", "zero"
    big_seen: list[int] = []
    for ch in text:
        if ch in ("零", "〇"):
            if prev in ("", "zero") or digit is not None:
                raise _bad_numeral(original)
            after_zero, prev = True, "zero"
            continue
        if ch in DIGITS:
            if digit is not None:
                raise _bad_numeral(original)
            digit, prev = DIGITS[ch], "digit"
            continue
        if ch in SMALL_UNITS:
            unit = SMALL_UNITS[ch]
            if unit >= last_small or (digit is None and unit != 10):
                raise _bad_numeral(original)  # 十一十二, 百十一
            if after_zero and last_small != 10**4 and unit * 10 >= last_small:
                raise _bad_numeral(original)  # 一百零十一: the 零 marks no gap
            group += (1 if digit is None else digit) * unit
            digit, last_small, after_zero, prev = None, unit, False, "small"
            continue
        if ch in BIG_UNITS:
            unit = BIG_UNITS[ch]
            if prev in ("", "zero") or (unit == 10**4 and big_seen[-1:] == [unit]):
                raise _bad_numeral(original)  # 一万二万
            value = group + (digit or 0)
            if unit == 10**4:
                if value == 0:
                    raise _bad_numeral(original)
                total += value * 10**4
            else:  # 亿: everything so far (the 万 part too: 一万亿) is counted in 亿
                if value == 0 and total == 0:
                    raise _bad_numeral(original)
                high = (high + total + value) * 10**8
                total = 0
            big_seen.append(unit)
            group, digit, last_small, after_zero, prev = 0, None, 10**4, False, "big"
            continue
        raise _bad_numeral(original)
    if prev == "zero":
        raise _bad_numeral(original)
    if digit is not None and not after_zero and prev == "digit":
        # a lone last digit: after 十 or a gap (零) it is units; right after 百/千/万/亿 it is the next unit down
        before = text[-2] if len(text) >= 2 else ""
        if before in SMALL_UNITS and SMALL_UNITS[before] >= 100:
            digit *= SMALL_UNITS[before] // 10
        elif before in BIG_UNITS:
            digit *= BIG_UNITS[before] // 10
    return high + total + group + (digit or 0)


def parse_number(text: str) -> Decimal:
    """A number in figures or words: '20,000.00', '99.5', '1.5万', '九十九点五', '三十', '负十' → exact Decimal.

    A number mixing figures and numerals beyond a figure × 万/亿 (1万600, 100万三千) is refused."""
    text = text.strip().replace(",", "")
    sign = 1
    if text[:1] in ("-", "负", "負"):
        sign, text = -1, text[1:]
    m = re.fullmatch(r"(\d+(?:\.\d+)?)\s*([万萬亿億]?)", text)
    if m:
        return sign * Decimal(m[1]) * BIG_UNITS.get(m[2], 1)
    whole, point, fraction = text.partition("点")
    value = Decimal(parse_integer(whole))
    if point:
        if not fraction or any(ch not in DIGITS or ch.isascii() for ch in fraction):
            raise ValueError(f"not a number: {text!r}")
        value += Decimal("0." + "".join(str(DIGITS[ch]) for ch in fraction))
    return sign * value


def parse_rate(text: str) -> Decimal:
    """A ratio: 万分之五 → 0.0005, 百分之九十九点五 → 0.995, 0.05% → 0.0005, 5‱ → 0.0005, 0.0005 → 0.0005."""
    text = text.strip()
    for prefix, base in FRACTIONS.items():
        if text.startswith(prefix):
            return parse_number(text[len(prefix) :]) / base
    for suffix, base in (("%", 100), ("‰", 1000), ("‱", 10000)):
        if text.endswith(suffix):
            return parse_number(text[: -len(suffix)]) / base
    return parse_number(text)


def parse_percent(text: str) -> Decimal:
    """A percentage as a number of percent: 99.5% → 99.5, 百分之九十九点五 → 99.5, 0.995 → 99.5."""
    text = text.strip()
    if text.endswith("%"):
        return parse_number(text[:-1])
    if text.startswith("百分之"):
        return parse_number(text[3:])
    percent = (parse_rate(text) * 100).normalize()
    return percent.quantize(Decimal(1)) if percent.as_tuple().exponent > 0 else percent  # type: ignore[operator]


def parse_amount_words(text: str) -> Decimal:
    """An amount in words (大写): 人民币贰万捌仟元整 → 28000, 壹万贰仟叁佰肆拾伍元陆角柒分 → 12345.67."""
    text = re.sub(r"^(人民币|RMB)", "", text.strip())
    text = re.sub(r"[整正]$", "", text)
    m = re.fullmatch(r"(?:([^元圆角分]+)[元圆])?(?:零?([^元圆角分])角)?(?:零?([^元圆角分])分)?", text)
    if not m or not any(m.groups()):
        raise ValueError(f"not an amount in words: {text!r}")
    yuan = parse_integer(m[1]) if m[1] else 0
    jiao = DIGITS[m[2]] if m[2] in DIGITS else (0 if m[2] is None else _bad(text))
    fen = DIGITS[m[3]] if m[3] in DIGITS else (0 if m[3] is None else _bad(text))
    return Decimal(yuan) + Decimal(jiao) / 10 + Decimal(fen) / 100


def _bad(text: str) -> int:
    raise ValueError(f"not an amount in words: {text!r}")


def parse_duration(text: str) -> tuple[Decimal, str]:
    """一个月 → (1, 'month'), 一年半 → (1.5, 'year'), 三十日 → (30, 'day'), 5个工作日 → (5, 'working_day')."""
    text = text.strip()
    if m := re.fullmatch(r"(.*?)(个)?(年|月)半", text):  # 一年半, 两个月半
        value, unit = parse_duration(m[1] + (m[2] or "") + m[3])
        return value + Decimal("0.5"), unit
    if m := re.fullmatch(r"半(个)?(年|月)", text):
        return Decimal("0.5"), UNITS["个月" if m[1] else m[2]]
    for word in sorted(UNITS, key=len, reverse=True):
        if text.endswith(word) and len(text) > len(word):
            number = text[: -len(word)].strip()
            if word == "月" and number.endswith("个"):
                continue
            if word in ("年",) and number.endswith("个"):
                number = number[:-1]
            return parse_number(number), UNITS[word]
    raise ValueError(f"not a duration: {text!r}")


def integral(value: Decimal) -> int:
    """A whole number, or ValueError (2.5 days is not a number of days)."""
    if value != value.to_integral_value():
        raise ValueError(f"not a whole number: {value}")
    return int(value)


def as_months(value: Decimal, unit: str) -> int | None:
    """A duration in whole months (一年 = 12), or None when it is not one."""
    months = value * 12 if unit == "year" else value if unit == "month" else None
    if months is None or months != months.to_integral_value():
        return None
    return int(months)


UPPER = "零壹贰叁肆伍陆柒捌玖"
GROUP_UNITS = ("", "万", "亿", "万亿")
WORDS_LIMIT = 10 ** (4 * len(GROUP_UNITS))  # the amounts 大写 is written for here: below 10^16 yuan


def _group_in_words(n: int) -> str:
    """0 < n < 10000 in 大写, with 零 for inner gaps: 1001 → 壹仟零壹."""
    out, gap = "", False
    for size, unit in ((1000, "仟"), (100, "佰"), (10, "拾"), (1, "")):
        digit = n // size % 10
        if digit == 0:
            gap = gap or bool(out)
        else:
            out += ("零" if gap else "") + UPPER[digit] + unit
            gap = False
    return out


def amount_in_words(value: Decimal) -> str:
    """An amount in 大写 as suggested wording: 28000 → 贰万捌仟元整, 12345.67 → 壹万贰仟叁佰肆拾伍元陆角柒分 (below
    WORDS_LIMIT)."""
    from ..money import to_fen

    if not 0 <= value < WORDS_LIMIT:
        raise ValueError(f"no 大写 for {value} (0 to 10^16)")

    cents_total = int(to_fen(value) * 100)
    yuan, cents = divmod(cents_total, 100)
    groups = []
    while yuan:
        yuan, group = divmod(yuan, 10000)
        groups.append(group)
    out, gap = "", False
    for index in reversed(range(len(groups))):
        group = groups[index]
        if group == 0:
            gap = gap or bool(out)
            continue
        out += ("零" if out and (gap or group < 1000) else "") + _group_in_words(group) + GROUP_UNITS[index]
        gap = False
    out = (out or "零") + "元"
    jiao, fen = divmod(cents, 10)
    if cents == 0:
        return out + "整"
    out += UPPER[jiao] + "角" if jiao else ("零" if groups else "")
    return out + (UPPER[fen] + "分" if fen else "")
