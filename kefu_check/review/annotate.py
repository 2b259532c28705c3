"""`review --annotate reviewed.docx`: a copy of the agreement with a Word comment on each located finding.

The comment (author kefu-check) is anchored on the paragraph the finding's location names — the same
paragraph numbering as the review's (kefu_check/review/word.py walks python-docx's own tree) — and says
the severity, the message and the suggestion. The agreement itself is never written; a .txt becomes a
.docx of its lines (paragraph n = line n).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import InputError
from ..problems import problem
from .findings import Review
from .messages import word


def _anchors_of_docx(document: Any) -> dict[int, Any]:
    from .word import Counter, blocks, read_numbering

    numbering = None
    try:
        numbering = document.part.numbering_part.element
    except (KeyError, NotImplementedError, AttributeError):  # pragma: no cover - no numbering part
        numbering = None
    styles = document.styles.element
    return {
        n: b.anchor for n, b in enumerate(blocks(document.element.body, Counter(read_numbering(numbering, styles))), 1)
    }


def annotate(agreement: Path, review: Review, target: Path, lang: str) -> int:
    """Write the annotated copy; returns the number of comments."""
    import docx
    from docx.text.paragraph import Paragraph

    if agreement.suffix.lower() == ".docx":
        document = docx.Document(str(agreement))
        anchors = _anchors_of_docx(document)
    elif agreement.suffix.lower() == ".txt":
        from .document import read_paragraphs

        document = docx.Document()
        for para in read_paragraphs(agreement, agreement.name):
            document.add_paragraph(para.text)
        anchors = {n: p._p for n, p in enumerate(document.paragraphs, 1)}
    else:
        raise InputError(agreement.name, None, problem("annotate_needs_agreement"))
    count = 0
    for finding in review.findings:
        anchor = anchors.get(finding.location.line) if finding.location.line is not None else None
        if anchor is None:
            continue
        paragraph = Paragraph(anchor, document._body)
        runs = paragraph.runs or [paragraph.add_run("")]
        text = (
            f"[{word(lang, finding.severity)}] {finding.clause} {finding.id}\n{finding.message}\n{finding.suggestion}"
        )
        document.add_comment(runs, text=text, author="kefu-check", initials="KC")
        count += 1
    document.save(str(target))
    return count
