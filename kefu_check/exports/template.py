"""`kefu-check facts --template FILE.xlsx`: a blank workbook, one sheet per export with its default headers.

The bytes are the same on every run (fixed workbook properties, fixed times inside the zip), so a template
committed to a repository does not change when it is regenerated. An existing file is never overwritten.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime
from pathlib import Path

from ..errors import InputError
from .mapping import COLUMNS
from .messages import say

FIXED_TIME = datetime(2026, 1, 1)  # the workbook's created/modified properties: no wall clock
ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can carry


def template_bytes() -> bytes:
    """The workbook: sheets `calls` … `payments` (SPEC §7 order), a bold header row frozen, nothing else."""
    import openpyxl
    from openpyxl.styles import Font

    book = openpyxl.Workbook()
    book.remove(book.active)
    for kind, columns in COLUMNS.items():
        sheet = book.create_sheet(kind)
        sheet.append(list(columns))
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for letter, name in zip("ABCDEFGH", columns, strict=False):
            sheet.column_dimensions[letter].width = max(14, len(name) + 4)
        sheet.freeze_panes = "A2"
    book.properties.creator = "kefu-check"
    book.properties.created = FIXED_TIME
    buffer = io.BytesIO()
    book.save(buffer)
    return _fixed_zip(buffer.getvalue())


def _fixed_zip(data: bytes) -> bytes:
    """The same archive with every entry at ZIP_TIME and the modified property at FIXED_TIME."""
    stamp = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ")
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                                 rb"\g<1>" + stamp.encode() + rb"\g<2>", content)
            entry = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            target.writestr(entry, content)
    return out.getvalue()


def write_template(path: Path, lang: str) -> None:
    """Write the template to `path` (.xlsx), refusing an existing file."""
    if path.suffix.lower() != ".xlsx":
        raise InputError(str(path), None, say(lang, "template_not_xlsx"))
    data = template_bytes()
    try:
        with path.open("xb") as out:  # exclusive: never overwrite, even a file created meanwhile
            out.write(data)
    except FileExistsError:
        raise InputError(str(path), None, say(lang, "template_exists")) from None
    except OSError as exc:
        raise InputError(str(path), None, say(lang, "cannot_write", detail=exc.strerror)) from None
