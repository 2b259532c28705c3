"""Plain-text documents as people save them in China: UTF-8 (with or without BOM), else GB18030."""

from __future__ import annotations

from .errors import InputError
from .problems import problem


def decode_text(raw: bytes, label: str) -> str:
    """The text of a .txt agreement or notice; a binary file is refused (exit 2)."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - gb18030 decodes nearly any byte string
        raise InputError(label, None, problem("not_text"))
    if "\x00" in text:
        raise InputError(label, None, problem("binary_file"))
    return text
