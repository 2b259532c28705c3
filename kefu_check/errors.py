"""The one error type users see: a bad input, named by file and field (exit code 2)."""

from __future__ import annotations


class InputError(Exception):
    """Bad input: printed as one line `file: field: problem`, exit code 2."""

    def __init__(self, file: str, field: str | None, problem: str) -> None:
        self.file, self.field, self.problem = file, field, problem
        super().__init__(self.line())

    def line(self) -> str:
        parts = [p for p in (self.file, self.field) if p]
        return ": ".join([*parts, self.problem])
