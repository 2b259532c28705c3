"""The one error type users see: a bad input, named by file and field (exit code 2)."""

from __future__ import annotations


class InputError(Exception):
    """Bad input: printed as one line `file: field: problem`, exit code 2."""

    def __init__(self, file: str, field: str | None, problem: str) -> None:
        self.file, self.field, self.problem = file, field, problem
        super().__init__(self.line())

    def line(self) -> str:
        """One line, whatever the user's file names and keys hold: control characters are escaped."""
        parts = [p for p in (self.file, self.field) if p]
        text = ": ".join([*parts, self.problem])
        return text if text.isprintable() else "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)
