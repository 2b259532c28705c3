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
    from ..holidays.files import calendar_for
    from ..output import publish, refuse_overwrite, write
    from .story import analyze as analyze_months

    report, paths, cal = analyze_months(list(inputs), lambda contracts: calendar_for(holidays, contracts), lang)
    seq = report.seq
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
