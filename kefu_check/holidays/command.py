"""`kefu-check holidays NOTICE… [-o FILE]` (SPEC §8): the State Council's notice → the `--holidays` file."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from ..cliopts import lang_option, output_option
from ..errors import InputError
from ..problems import os_problem, problem
from ..textfile import decode_text


class OneLine(InputError):
    """An input error already worded in full (``file:line: problem: «the line»``)."""

    def __init__(self, text: str) -> None:
        self.text = text
        super().__init__(text, None, "")

    def line(self) -> str:
        return self.text


MAX_NOTICE_BYTES = 2 * 1024 * 1024  # a notice is a page of text; its .docx a few dozen kilobytes


def read_text(path: str, lang: str) -> tuple[str, str]:
    """(label, text) of a notice: .txt (UTF-8 or GB18030), .docx, or ``-`` (stdin)."""
    if path == "-":
        return "stdin", decode_text(sys.stdin.buffer.read(MAX_NOTICE_BYTES + 1)[:MAX_NOTICE_BYTES], "stdin")
    p = Path(path)
    label = p.name or path
    try:
        if os.path.isdir(p):
            raise InputError(label, None, problem("is_directory"))
        size = p.stat().st_size
    except OSError as exc:
        raise InputError(label, None, os_problem(exc)) from None
    if size > MAX_NOTICE_BYTES:
        raise InputError(label, None, problem("file_too_large", size=size, limit=MAX_NOTICE_BYTES))
    if p.suffix.lower() == ".docx":
        return label, _docx_text(p, label)
    return label, decode_text(p.read_bytes(), label)


def _docx_text(path: Path, label: str) -> str:
    """The paragraphs (and table cells) of a Word document, one a line; hostile archives refused first."""
    from ..review.document import check_docx

    check_docx(path, label)
    import docx

    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises many kinds on a damaged part
        raise InputError(label, None, problem("docx_unreadable", detail=type(exc).__name__)) from None
    lines = [p.text for p in document.paragraphs]
    for tbl in document.tables:
        for row in tbl.rows:
            lines.append("".join(cell.text for cell in row.cells))
    return "\n".join(lines)


def arrangement_of(paths: list[str], year: int | None, lang: str):
    """Read the notices in order into one year's arrangement (refusals → InputError in ``lang``)."""
    from .notice import NoticeError, arrangement, parse, read_notice
    from .words import refusal

    notices = []
    for path in paths:
        label, text = read_text(path, lang)
        notices.append(read_notice(text, label))
    try:
        years = sorted({n.year for n in notices if n.year is not None} | ({year} if year else set()))
        if len(years) > 1:
            raise InputError(
                ", ".join(n.file for n in notices), None,
                refusal(lang, "", None, "years_differ", years=", ".join(map(str, years))),
            )
        if not years:
            first = next(n for n in notices if n.year is None)
            raise InputError(first.file, None, refusal(lang, "", None, "no_year"))
        the_year = years[0]
        for n in notices:
            parse(n, the_year)
            if not n.blocks and not n.extensions:
                raise InputError(n.file, None, refusal(lang, "", None, "no_blocks"))
        return arrangement(notices, the_year)
    except NoticeError as refused:
        raise OneLine(refused.line(lang)) from None


def table(arr, lang: str) -> str:
    """The arrangement as a person compares it with the notice: block, days off, 共N天, adjusted working days."""
    from tabulate import tabulate

    from .notice import compress
    from .words import NAMES_EN, TABLE

    w = TABLE[lang]

    def day(d) -> str:
        wd = "一二三四五六日"[d.weekday()]
        return f"{d.isoformat()} ({'周' + wd if lang == 'zh' else d.strftime('%a')})"

    def days(values, ranges: bool = True) -> str:
        values = sorted(values)
        if not values:
            return w["none"]
        if not ranges:
            return "\n".join(map(day, values))
        runs: list[list] = []
        for d in values:
            if runs and (d - runs[-1][-1]).days == 1:
                runs[-1].append(d)
            else:
                runs.append([d])
        joiner = " 至 " if lang == "zh" else " to "
        return "\n".join(day(r[0]) if len(r) == 1 else day(r[0]) + joiner + day(r[-1]) for r in runs)

    rows = []
    for b in arr.blocks:
        name = b.label if lang == "zh" else ", ".join(NAMES_EN.get(n, n) for n in b.names) or "—"
        count = str(len(b.days))
        if b.stated is not None and b.stated != len(b.days):
            count += "\n" + w["stated"].format(n=b.stated)
        off = days(b.days)
        extra = sorted(set(b.days) - b.named)
        if extra:
            off += "\n" + w["rule"].format(days=compress(extra))
        rows.append([name, off, count, days(b.workdays, ranges=False)])
    head = w["title"].format(year=arr.year, sources=", ".join(arr.sources))
    body = tabulate(rows, headers=[w["block"], w["off"], w["count"], w["work"]], tablefmt="simple_grid")
    doc = arr.document()
    out = [head, "", body]
    if "before" in doc:
        before = doc["before"]
        out += ["", w["before"].format(off=", ".join(before["holidays"]) or w["none"],
                                       work=", ".join(before["workdays"]) or w["none"])]
    return "\n".join(out) + "\n"


@click.command()
@click.argument("notices", nargs=-1, required=True)
@output_option("Write the --holidays file (JSON) here.")
@click.option("--year", type=click.IntRange(1949, 2199), help="The year, for a notice whose text names none.")
@lang_option()
def holidays(notices: tuple[str, ...], output: Path | None, year: int | None, lang: str) -> None:
    """Read the State Council's holiday notice(s) for one year (.txt, .docx, or - for stdin) into the
    --holidays file; later notices amend earlier ones. The arrangement is printed as a table (on stderr when the
    JSON goes to stdout)."""
    from ..output import refuse_overwrite

    refuse_overwrite(output, [Path(p) for p in notices if p != "-"])
    arr = arrangement_of(list(notices), year, lang)
    text = json.dumps(arr.document(), ensure_ascii=False, indent=2) + "\n"
    shown = table(arr, lang)
    if output is None:
        sys.stdout.write(text)
        click.echo(shown, err=True, nl=False)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise InputError(str(output), None, problem("cannot_write", reason=exc.strerror)) from None
    from .words import TABLE

    click.echo(shown + TABLE[lang]["written"].format(path=output), nl=True)
