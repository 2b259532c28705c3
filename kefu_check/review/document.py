"""The agreement as numbered lines: a .txt (line numbers) or a .docx (paragraph numbers), hostile files refused.

A .docx is a zip of XML: before python-docx touches it, the archive's size, entry count and
uncompressed size are bounded, and XML carrying a DTD or entity declarations is refused.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from pathlib import Path

from ..errors import InputError
from ..load import MAX_FILE_BYTES

MAX_DOCX_ENTRIES = 1_000
MAX_DOCX_UNCOMPRESSED = 100 * 1024 * 1024
MAX_DOCX_RATIO = 200  # an entry expanding more than 200× is a zip bomb, not a Word document
DTD = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)


def read_lines(path: Path, label: str) -> list[str]:
    """The document's lines (index + 1 = the line or paragraph number of SPEC §5's locations)."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise InputError(label, None, "no such file") from None
    except OSError as exc:
        raise InputError(label, None, f"cannot read file ({exc.strerror})") from None
    if path.is_dir():
        raise InputError(label, None, "is a directory, not a file")
    if size > MAX_FILE_BYTES:
        raise InputError(label, None, f"file too large ({size} bytes; limit {MAX_FILE_BYTES})")
    if path.suffix.lower() == ".docx":
        return _docx_lines(path, label)
    return _text_lines(path.read_bytes(), label)


def _text_lines(raw: bytes, label: str) -> list[str]:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - gb18030 decodes nearly any byte string
        raise InputError(label, None, "neither UTF-8 nor GB18030 text")
    if "\x00" in text:
        raise InputError(label, None, "a binary file, not text")
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def check_docx(path: Path, label: str) -> None:
    """Refuse what is not a plain Word archive: bad zip, absurd sizes or counts, DTDs and entities."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        raise InputError(label, None, "not a .docx file (not a zip archive)") from None
    with archive:
        entries = archive.infolist()
        if len(entries) > MAX_DOCX_ENTRIES:
            raise InputError(label, None, f"refused: {len(entries)} entries in the archive (limit {MAX_DOCX_ENTRIES})")
        total = sum(e.file_size for e in entries)
        if total > MAX_DOCX_UNCOMPRESSED:
            raise InputError(label, None, f"refused: {total} bytes uncompressed (limit {MAX_DOCX_UNCOMPRESSED})")
        for entry in entries:
            if entry.file_size > MAX_DOCX_RATIO * max(entry.compress_size, 1024):
                raise InputError(label, entry.filename, "refused: compression ratio of a zip bomb")
        if "word/document.xml" not in archive.namelist():
            raise InputError(label, None, "not a Word document (no word/document.xml)")
        for entry in entries:
            if entry.filename.endswith((".xml", ".rels")):
                try:
                    data = archive.read(entry)
                except (zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError, NotImplementedError) as exc:
                    raise InputError(label, entry.filename, f"unreadable archive entry ({exc})") from None
                if DTD.search(data):
                    raise InputError(label, entry.filename, "refused: XML with a DTD or entity declarations")


def _docx_lines(path: Path, label: str) -> list[str]:
    check_docx(path, label)
    import docx

    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises many kinds on a damaged part
        raise InputError(label, None, f"not a readable Word document ({type(exc).__name__})") from None
    return [paragraph.text for paragraph in document.paragraphs]
