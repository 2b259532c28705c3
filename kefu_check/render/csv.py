"""`--format csv` of the monthly check (SPEC §11): one row per consequence, for spreadsheets.

The columns are the file's `contract`, `period` and `as_of`, then the §3 fields of the consequence (`id`, `clause`,
`kind`, `severity`, `party`, `counterparty`, `subject`, `amount`, `currency`, `date`, `excused_by`, `waived_by`,
`message`, `because`); `because` is its lines joined by newlines (a quoted cell), `excused_by` its ids joined by
`; `. Amounts are the JSON's two-decimal strings. UTF-8 with a byte-order mark, so that Excel and LibreOffice read
the Chinese as Chinese; CRLF line ends (RFC 4180). A batch is one table: every file's rows, in the order of the files.
"""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..check import Result
    from ..i18n import Lang

BOM = "\ufeff"
HEAD = ("contract", "period", "as_of")
FIELDS = (
    "id",
    "clause",
    "kind",
    "severity",
    "party",
    "counterparty",
    "subject",
    "amount",
    "currency",
    "date",
    "excused_by",
    "waived_by",
    "message",
    "because",
)


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return str(value)


def to_csv(results: list[Result]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([*HEAD, *FIELDS])
    for result in results:
        doc = result.as_json()
        head = [doc["contract"], doc["period"], doc["as_of"]]
        for c in doc["consequences"]:
            row = [_cell(c[k]) for k in FIELDS[:-1]]
            writer.writerow([*head, *row, "\n".join(c["because"])])
    return BOM + buffer.getvalue()


def view(results: list[Result], lang: Lang, fail_on: str) -> str:
    """The registry's view (render/__init__.py); messages and reasons are already in `lang`."""
    return to_csv(results)
