"""The one error type users see: a bad input, named by file and field (exit code 2)."""

from __future__ import annotations

from .problems import Lang, Problem, current_lang, more_suffix


class InputError(Exception):
    """Bad input: printed as one line `file: field: problem`, exit code 2.

    `problem` is a `Problem` of the catalogue (`problems.py`), rendered in the user's language when the error
    is printed, or a text already worded (by commands that word their own). `more`: how many other problems
    the same check found; the line then points to `kefu-check validate {validate}`."""

    def __init__(
        self, file: str, field: str | None, problem: str | Problem, *, more: int = 0, validate: str | None = None
    ) -> None:
        self.file, self.field, self.problem = file, field, problem
        self.more, self.validate = more, validate
        super().__init__(file, field, problem)

    @property
    def kind(self) -> str | None:
        return self.problem.kind if isinstance(self.problem, Problem) else None

    def message(self, lang: Lang | None = None) -> str:
        """The problem alone, in `lang` (default: the user's language)."""
        return self.problem.render(lang) if isinstance(self.problem, Problem) else self.problem

    def line(self, lang: Lang | None = None) -> str:
        """One line, whatever the user's file names and keys hold: control characters are escaped."""
        lang = lang or current_lang()
        parts = [p for p in (self.file, self.field) if p]
        text = ": ".join([*parts, self.message(lang)])
        if self.more:
            text += " " + more_suffix(self.more, self.validate or self.file, lang)
        return text if text.isprintable() else "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)

    def __str__(self) -> str:
        return self.line()
