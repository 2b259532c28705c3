"""`kefu-check analyze MONTH.json… | DIR`: the months of one contract in sequence (SPEC §6)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..cliopts import fail_on_option, format_option, holidays_option, lang_option, output_option, redact_option


@click.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@format_option("analyze")
@lang_option()
@fail_on_option()
@holidays_option()
@output_option("Write the report here instead of stdout.")
@click.option("--html", "html_path", type=click.Path(path_type=Path), help="Also write a self-contained HTML report.")
@click.option("--xlsx", "xlsx_path", type=click.Path(path_type=Path), help="Also write the ledger as a workbook.")
@redact_option()
def analyze(
    inputs: tuple[Path, ...],
    fmt: str,
    lang: str,
    fail_on: str,
    holidays: tuple[Path, ...],
    output: Path | None,
    html_path: Path | None,
    xlsx_path: Path | None,
    redact: bool,
) -> None:
    """Analyse month files (or a folder of them) of one contract as a sequence: timeline, first breach,
    money owed each way; exit 1 if any month has a consequence at or above --fail-on."""
    from ..errors import InputError
    from ..holidays.files import calendar_for, month_contracts
    from ..output import publish, refuse_overwrite, write
    from .model import evaluate
    from .months import load_sequence, months_in
    from .story import Analysis

    paths: list[Path] = []
    for given in inputs:
        paths += months_in(given) if given.is_dir() else [given]
    cal = calendar_for(holidays, month_contracts(paths, None))
    months = load_sequence(paths)
    if not months:
        raise InputError(str(inputs[0]), None, "no month files")
    seq = evaluate(months, cal, lang)
    given: dict[str, dict[Path, str]] = {}  # a month's file name → its files as given (annotations name them)
    for p in paths:
        given.setdefault(p.name, {}).setdefault(p.resolve(), str(p))
    files = {name: next(iter(found.values())) for name, found in given.items() if len(found) == 1}
    report = Analysis.of(seq, " ".join(str(p) for p in inputs), files)
    private = [m.result.private for m in seq.months]
    refuse_overwrite(output, paths)
    refuse_overwrite(html_path, paths)
    refuse_overwrite(xlsx_path, paths)
    if html_path is not None:
        from .html import to_html

        write(to_html(seq, report.entries, report.doc, lang), html_path, private, redact)
    if xlsx_path is not None:
        from .xlsx import write_xlsx

        write_xlsx(seq, report, lang, cal, xlsx_path, private, redact)
    publish("analyze", fmt, report, lang, fail_on, output, private, redact)
    for month in seq.months:
        for diagnostic in month.result.diagnostics:
            click.echo(diagnostic, err=True)
    sys.exit(report.exit_code(fail_on))
