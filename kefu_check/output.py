"""Where a report goes: stdout or `--output FILE`, masked on the way (redact.py); inputs are never overwritten."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path

from .errors import InputError
from .redact import Private, redact


def refuse_overwrite(output: Path | None, inputs: Iterable[Path]) -> None:
    """`--output` must not name one of the user's input files."""
    if output is None:
        return
    target = output.resolve()
    for path in inputs:
        if path.resolve() == target:
            raise InputError(str(output), None, "--output names an input file; choose another path")


def write(
    text: str, output: Path | None, private: Iterable[Private], redact_identities: bool, mask: bool = True
) -> None:
    """Mask account numbers (and, with --redact, identities), then print or write the report.

    `mask=False` only for a document the user asked for in full (`extract -o contract.json`)."""
    if mask:
        text = redact(text, private, redact_identities)
    if output is None:
        sys.stdout.write(text)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise InputError(str(output), None, f"cannot write the report ({exc.strerror})") from None
