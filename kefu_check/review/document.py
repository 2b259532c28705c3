"""The agreement as numbered paragraphs: a .txt (line numbers) or a .docx read as Word shows it.

A .docx is a zip of XML: before anything parses it, the archive's size, entry count and uncompressed
size are bounded, and XML carrying a DTD or entity declarations is refused. It is then read with lxml
(no entities, no network), as Word displays it (SPEC §5):

- the body's paragraphs in order, each table row as one paragraph (its cells left to right, see _row);
- automatic numbering rendered from numbering.xml (第%1条, %1.%2, (%4); formats, start values,
  restarts, lvlRestart, startOverride, w:isLgl; numbering from a paragraph style, as for headings);
- the accepted view of tracked changes: insertions and moves in, deletions out, a deleted paragraph
  mark joins the paragraph to the next one;
- content controls (w:sdt) read as their content; one still showing its placeholder is a blank;
- tabs as separators, soft line breaks as line ends inside the paragraph (same paragraph number);
- underlined spaces as underscores (a blank to fill in), comments never (they live in comments.xml);
- hidden text (w:vanish, also through a style) never: it is not shown; a text box once, on lines of its own after
  its anchor paragraph's text (word.py);
- the headers' and footers' paragraphs (no paragraph number) before the body.
"""

from __future__ import annotations

import os
import re
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..load import MAX_FILE_BYTES
from ..problems import os_problem, problem
from ..textfile import decode_text

MAX_DOCX_ENTRIES = 1_000
MAX_DOCX_UNCOMPRESSED = 100 * 1024 * 1024
MAX_DOCX_RATIO = 200  # an entry expanding more than 200× is a zip bomb, not a Word document
DTD = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
CONVERT = (".pdf", ".doc", ".wps", ".odt", ".rtf")  # each named by its catalogue kind "document:<suffix>"


@dataclass(frozen=True)
class Para:
    """One paragraph as shown: its text (soft breaks as \\n), its number (None in a header or footer), its part."""

    text: str
    number: int | None
    part: str = "body"  # body | header | footer


def refuse_unsupported(path: Path, label: str) -> None:
    """.pdf, .doc, .wps, .odt: one line saying to save the agreement as .docx."""
    suffix = path.suffix.lower()
    if suffix in CONVERT:
        raise InputError(label, None, problem("convert_to_docx", what=problem(f"document:{suffix}")))


def read_paragraphs(path: Path, label: str) -> list[Para]:
    """The document's paragraphs: header/footer ones first (number None), then the body's, numbered from 1."""
    refuse_unsupported(path, label)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputError(label, None, os_problem(exc)) from None
    if os.path.isdir(path):
        raise InputError(label, None, problem("is_directory"))
    if size > MAX_FILE_BYTES:
        raise InputError(label, None, problem("file_too_large", size=size, limit=MAX_FILE_BYTES))
    if path.suffix.lower() == ".docx":
        return _docx_paragraphs(path, label)
    return [Para(text, n) for n, text in enumerate(_text_lines(path.read_bytes(), label), 1)]


def _text_lines(raw: bytes, label: str) -> list[str]:
    text = decode_text(raw, label)
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def check_docx(path: Path, label: str) -> None:
    """Refuse what is not a plain Word archive: bad zip, absurd sizes or counts, DTDs and entities."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        raise InputError(label, None, problem("docx_not_zip")) from None
    with archive:
        entries = archive.infolist()
        if len(entries) > MAX_DOCX_ENTRIES:
            raise InputError(label, None, problem("docx_too_many_entries", count=len(entries), limit=MAX_DOCX_ENTRIES))
        total = sum(e.file_size for e in entries)
        if total > MAX_DOCX_UNCOMPRESSED:
            raise InputError(label, None, problem("docx_too_large", size=total, limit=MAX_DOCX_UNCOMPRESSED))
        for entry in entries:
            if entry.file_size > MAX_DOCX_RATIO * max(entry.compress_size, 1024):
                raise InputError(label, entry.filename, problem("docx_zip_bomb"))
        if "word/document.xml" not in archive.namelist():
            raise InputError(label, None, problem("docx_no_document"))
        for entry in entries:
            if entry.filename.endswith((".xml", ".rels")):
                try:
                    data = archive.read(entry)
                except (zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError, NotImplementedError) as exc:
                    raise InputError(label, entry.filename, problem("docx_bad_entry", detail=exc)) from None
                if DTD.search(data):
                    raise InputError(label, entry.filename, problem("docx_dtd"))


def _xml(archive: zipfile.ZipFile, name: str, label: str) -> Any:
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_comments=True)
    try:
        return etree.fromstring(archive.read(name), parser)
    except KeyError:
        return None
    except etree.XMLSyntaxError:
        raise InputError(label, name, problem("docx_damaged_xml")) from None


def _related_parts(archive: zipfile.ZipFile, kind: str) -> list[str]:
    """The header or footer parts, in the order of their part names (header1.xml, header2.xml…)."""
    names = [n for n in archive.namelist() if re.fullmatch(rf"word/{kind}\d*\.xml", n)]
    return sorted(names, key=lambda n: int(re.sub(r"\D", "", n) or 0))


def _docx_paragraphs(path: Path, label: str) -> list[Para]:
    check_docx(path, label)
    from .word import Counter, W, blocks, read_numbering

    with zipfile.ZipFile(path) as archive:
        document = _xml(archive, "word/document.xml", label)
        body = document.find(f"{{{W}}}body") if document is not None else None
        if body is None:
            raise InputError(label, "word/document.xml", problem("docx_no_body"))
        numbering = read_numbering(_xml(archive, "word/numbering.xml", label), _xml(archive, "word/styles.xml", label))
        out: list[Para] = []
        for kind in ("header", "footer"):
            for name in _related_parts(archive, kind):
                part = _xml(archive, name, label)
                if part is not None:
                    out += [Para(b.text, None, kind) for b in blocks(part, Counter(numbering)) if b.text.strip()]
        out += [Para(b.text, n) for n, b in enumerate(blocks(body, Counter(numbering)), 1)]
    return out
