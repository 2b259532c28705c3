"""`kefu-check analyze MONTH.json… | DIR`: the months of one contract in sequence (SPEC §6)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click


@click.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["table", "json", "markdown"]), default="table", show_default=True)
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True)
@click.option("--fail-on", type=click.Choice(["error", "warning", "never"]), default="error", show_default=True)
@click.option(
    "--holidays",
    type=click.Path(path_type=Path),
    multiple=True,
    help="A year's State Council holiday arrangement (JSON), for years the calendar package lacks.",
)
@click.option("--output", "-o", type=click.Path(path_type=Path), help="Write the report here instead of stdout.")
@click.option("--html", "html_path", type=click.Path(path_type=Path), help="Also write a self-contained HTML report.")
@click.option("--redact", is_flag=True, help="Also mask party names, addresses, credit codes and contacts.")
def analyze(
    inputs: tuple[Path, ...],
    fmt: str,
    lang: str,
    fail_on: str,
    holidays: tuple[Path, ...],
    output: Path | None,
    html_path: Path | None,
    redact: bool,
) -> None:
    """Analyse month files (or a folder of them) of one contract as a sequence: timeline, first breach,
    money owed each way; exit 1 if any month has a consequence at or above --fail-on."""
    from ..errors import InputError
    from ..holidays.files import calendar_for, month_contracts
    from ..output import refuse_overwrite, write
    from ..render import exit_code
    from .model import evaluate
    from .months import load_sequence, months_in
    from .story import as_json, timeline
    from .text import to_markdown, to_table

    paths: list[Path] = []
    for given in inputs:
        paths += months_in(given) if given.is_dir() else [given]
    cal = calendar_for(holidays, month_contracts(paths, None))
    months = load_sequence(paths)
    if not months:
        raise InputError(str(inputs[0]), None, "no month files")
    seq = evaluate(months, cal, lang)
    entries = timeline(seq)
    doc = as_json(seq, entries)
    if fmt == "json":
        text = json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    elif fmt == "markdown":
        text = to_markdown(seq, entries, doc, lang)
    else:
        text = to_table(seq, entries, doc, lang)
    private = [m.result.private for m in seq.months]
    refuse_overwrite(output, paths)
    refuse_overwrite(html_path, paths)
    if html_path is not None:
        from .html import to_html

        write(to_html(seq, entries, doc, lang), html_path, private, redact)
    write(text, output, private, redact)
    for month in seq.months:
        for diagnostic in month.result.diagnostics:
            click.echo(diagnostic, err=True)
    sys.exit(exit_code(seq.results, fail_on))
