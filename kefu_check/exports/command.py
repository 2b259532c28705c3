"""`kefu-check facts` (SPEC §7): month.json from CSV, .xlsx or Parquet exports, every figure with its method."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import click

from ..cliopts import as_of_option, holidays_option, lang_option

EXPORTS = ("calls", "chats", "emails", "tickets", "surveys", "outages", "invoices", "payments")


def _period(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    import re

    if value is None:
        return None
    if not re.fullmatch(r"(19\d\d|2[01]\d\d)-(0[1-9]|1[0-2])", value):
        raise click.BadParameter(f"invalid period {value!r} (expected YYYY-MM)")
    return value


def _export_options(command: click.Command) -> click.Command:
    for kind in reversed(EXPORTS):
        command = click.option(
            f"--{kind}", kind, type=click.Path(path_type=Path), help=f"The {kind} export (.csv, .xlsx, .parquet)."
        )(command)
    return command


@click.command()
@click.option("--contract", type=click.Path(path_type=Path), help="contract.json (or YAML). Required.")
@click.option("--period", callback=_period, help="The month, YYYY-MM. Required.")
@_export_options
@click.option("--mapping", type=click.Path(path_type=Path), help="TOML file renaming the exports' columns.")
@as_of_option("Judge open tickets at this day (default: the period's last).")
@click.option(
    "--short-abandons",
    type=click.Choice(["exclude", "count"]),
    default="exclude",
    show_default=True,
    help="Requests abandoned within the limit: left out (SPEC §7), or counted (late unless answered in time).",
)
@click.option(
    "--satisfaction-method",
    type=click.Choice(["mean_score", "share_satisfied"]),
    help="How satisfaction is measured when the contract does not say (or to compute the other way).",
)
@holidays_option("A year's holiday arrangement.")
@click.option("--strict", is_flag=True, help="A bad row is fatal (exit 2), not counted and left out.")
@click.option("--report", type=click.Path(path_type=Path), help="Write every bad row to this JSON file.")
@click.option(
    "--merge",
    "merge",
    type=click.Path(path_type=Path),
    multiple=True,
    help="A part of month.json to copy in: reports, suspensions, notices, incidents, cooperation_failures, "
    "waivers, usage (repeatable; a section given twice is an error).",
)
@click.option("-o", "--output", "output", type=click.Path(path_type=Path), help="month.json to write. Required.")
@click.option(
    "--template",
    type=click.Path(path_type=Path),
    help="Write a blank workbook (one sheet per export, the default headers) to this .xlsx file, and stop.",
)
@lang_option()
def facts(
    contract: Path | None,
    period: str | None,
    mapping: Path | None,
    as_of: date | None,
    short_abandons: str,
    satisfaction_method: str | None,
    holidays: tuple[Path, ...],
    strict: bool,
    report: Path | None,
    merge: tuple[Path, ...],
    output: Path | None,
    template: Path | None,
    lang: str,
    **exports: Path | None,
) -> None:
    """Compute month.json from the contact centre's exports (calls, chats, emails, tickets, surveys, …)."""
    from ..errors import InputError
    from ..holidays.files import calendar_for
    from ..output import refuse_overwrite
    from .mapping import load_mapping
    from .messages import say
    from .month import relative_contract, write_json, write_month
    from .pipeline import Options, run

    given = {kind: path for kind, path in exports.items() if path is not None}
    if template is not None:
        from .template import write_template

        ctx = click.get_current_context()
        others = [name for name in ctx.params if name not in ("template", "lang")
                  and ctx.get_parameter_source(name) is click.core.ParameterSource.COMMANDLINE]
        if others:
            raise InputError("--template", None, say(lang, "template_alone"))
        write_template(template, lang)
        click.echo(say(lang, "diag.written", path=template), err=True)
        sys.exit(0)
    for option, value in (("--contract", contract), ("--period", period), ("-o/--output", output)):
        if value is None:  # required unless --template (as click would say it)
            raise click.UsageError(f"Missing option '{option}'.")
    assert contract is not None and period is not None and output is not None
    if as_of is not None and as_of.strftime("%Y-%m") < period:
        raise InputError("--as-of", None, say(lang, "as_of_before_period", as_of=as_of, period=period))
    inputs = [contract, *given.values(), *([mapping] if mapping else []), *holidays, *merge]
    for target in (output, report):
        if target is not None:
            refuse_overwrite(target, inputs)
    if report is not None and report.resolve() == output.resolve():
        raise InputError(report.name, None, say(lang, "output_is_input"))
    cal = calendar_for(holidays, [contract])
    opts = Options(contract, period, given, load_mapping(mapping, lang), as_of, short_abandons,
                   satisfaction_method, strict, lang)
    from .merge import load_parts

    parts = load_parts(merge, period, lang)
    outcome = run(opts, cal, relative_contract(contract, output))
    outcome.month.update(parts)
    for line in outcome.diagnostics:
        click.echo(line, err=True)
    write_month(outcome.month, output)
    if report is not None:
        write_json(outcome.report(), report)
    click.echo(say(lang, "diag.written", path=output), err=True)
    sys.exit(0)
