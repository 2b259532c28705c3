"""`kefu-check facts` (SPEC §7): month.json from CSV, .xlsx or Parquet exports, every figure with its method."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import click

from ..cli import _as_of

EXPORTS = ("calls", "chats", "emails", "tickets", "surveys", "outages", "invoices", "payments")


def _period(ctx: click.Context, param: click.Parameter, value: str) -> str:
    import re

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
@click.option("--contract", type=click.Path(path_type=Path), required=True, help="contract.json (or YAML).")
@click.option("--period", callback=_period, required=True, help="The month, YYYY-MM.")
@_export_options
@click.option("--mapping", type=click.Path(path_type=Path), help="TOML file renaming the exports' columns.")
@click.option("--as-of", "as_of", callback=_as_of, help="Judge open tickets at this day (default: the period's last).")
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
@click.option("--holidays", type=click.Path(path_type=Path), multiple=True, help="A year's holiday arrangement.")
@click.option("--strict", is_flag=True, help="A bad row is fatal (exit 2), not counted and left out.")
@click.option("--report", type=click.Path(path_type=Path), help="Write every bad row to this JSON file.")
@click.option("-o", "--output", "output", type=click.Path(path_type=Path), required=True, help="month.json to write.")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True)
def facts(
    contract: Path,
    period: str,
    mapping: Path | None,
    as_of: date | None,
    short_abandons: str,
    satisfaction_method: str | None,
    holidays: tuple[Path, ...],
    strict: bool,
    report: Path | None,
    output: Path,
    lang: str,
    **exports: Path | None,
) -> None:
    """Compute month.json from the contact centre's exports (calls, chats, emails, tickets, surveys, …)."""
    from ..calendar import Calendar, load_holidays_file
    from ..errors import InputError
    from ..output import refuse_overwrite
    from .mapping import load_mapping
    from .messages import say
    from .month import relative_contract, write_json, write_month
    from .pipeline import Options, run

    given = {kind: path for kind, path in exports.items() if path is not None}
    if as_of is not None and as_of.strftime("%Y-%m") < period:
        raise InputError("--as-of", None, say(lang, "as_of_before_period", as_of=as_of, period=period))
    inputs = [contract, *given.values(), *([mapping] if mapping else []), *holidays]
    for target in (output, report):
        if target is not None:
            refuse_overwrite(target, inputs)
    if report is not None and report.resolve() == output.resolve():
        raise InputError(report.name, None, say(lang, "output_is_input"))
    cal = Calendar([load_holidays_file(p) for p in holidays])
    opts = Options(contract, period, given, load_mapping(mapping, lang), as_of, short_abandons,
                   satisfaction_method, strict, lang)
    outcome = run(opts, cal, relative_contract(contract, output))
    for line in outcome.diagnostics:
        click.echo(line, err=True)
    write_month(outcome.month, output)
    if report is not None:
        rows = [
            {"file": f, "row": b.row, "column": b.column, "problem": b.problem, "value": b.value, "first_row": b.first}
            for f, b in outcome.bad
        ]
        write_json({"kefu_check_facts_report": 1, "bad_rows": rows}, report)
    click.echo(say(lang, "diag.written", path=output), err=True)
    sys.exit(0)
