"""统一社会信用代码: the check character of GB 32100-2015 (18 characters, mod 31 over 31 symbols)."""

from __future__ import annotations

import unicodedata

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # no I, O, S, V, Z
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def check_character(first17: str) -> str:
    """The 18th character for the first 17: 31 − (Σ value × weight mod 31), with 31 written as 0."""
    total = sum(ALPHABET.index(ch) * w for ch, w in zip(first17, WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def normalized(code: str) -> str:
    """The code as its 18 characters: full-width letters and digits (as a Chinese IME types them) folded (NFKC)."""
    return unicodedata.normalize("NFKC", code).strip()


def credit_code_problem(code: str) -> str | None:
    """None for a valid code, else the key of what is wrong: 'length', 'character' or 'check'."""
    code = normalized(code)
    if len(code) != 18:
        return "length"
    if any(ch not in ALPHABET for ch in code):
        return "character"
    return None if check_character(code[:17]) == code[17] else "check"
