"""What every command of the command line shares: its options (--format, --lang, --fail-on, --output, --holidays,
--redact, --as-of and other dates) and its exit codes (SPEC §3).

Exit codes: 0 nothing at or above --fail-on; 1 something is; 2 the input or the command line is wrong (one line
naming the file and the field, never a traceback); 3 a bug in kefu-check. Subcommands take their options from
here, never from `cli.py`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import click

from .report import FAIL_ON

EXIT_OK = 0
EXIT_FAIL = 1  # a consequence or finding at or above --fail-on
EXIT_INPUT = 2
EXIT_BUG = 3

LANGS = ("zh", "en")

Decorator = Callable[[Any], Any]


def parse_date(ctx: click.Context, param: click.Parameter, value: str | None) -> date | None:
    """A YYYY-MM-DD option (--as-of, --from, --to) → a date; anything else is a usage error (exit 2)."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"invalid date {value!r} (expected YYYY-MM-DD)") from None


FORMAT_SETTING = "format_setting"  # the default_map key of a configured format: (value, where it was set)


class FormatOption(click.Option):
    """--format, whose default is the configured one (`KEFU_CHECK_FORMAT`, a config file's `format`) when this
    command can print it. A command that cannot keeps its own default and says so in one stderr line: the setting
    applies to every command, so refusing it would break the commands it was not meant for, and ignoring it
    silently would leave the user wondering."""

    def get_default(self, ctx: click.Context, call: bool = True) -> Any:
        setting = ctx.lookup_default(FORMAT_SETTING, call=False)
        own = super().get_default(ctx, call=call)
        if not setting:
            return own
        value, where = setting
        assert isinstance(self.type, click.Choice)
        if value in self.type.choices:
            return value
        if call and not ctx.resilient_parsing:
            from .problems import problem

            choices = ", ".join(str(c) for c in self.type.choices)
            note = problem(
                "format_not_offered", where=where, given=value, command=ctx.info_name, choices=choices, default=own
            )
            click.echo(f"kefu-check: {note.render()}", err=True)
        return own


def format_option(command: str, choices: tuple[str, ...] | None = None) -> Decorator:
    """--format: the formats of the registry (render/) that render `command`'s report (or `choices`)."""
    if choices is None:
        from .render import formats

        choices = formats(command)
    return click.option(
        "--format", "fmt", cls=FormatOption, type=click.Choice(choices), default="table", show_default=True
    )


def lang_option() -> Decorator:
    return click.option("--lang", type=click.Choice(LANGS), default="zh", show_default=True)


def fail_on_option() -> Decorator:
    return click.option("--fail-on", type=click.Choice(FAIL_ON), default="error", show_default=True)


def output_option(help: str = "Write the report to FILE, not stdout.") -> Decorator:
    return click.option("--output", "-o", type=click.Path(path_type=Path), help=help)


HOLIDAYS_HELP = "A year's State Council holiday arrangement (JSON), for years the calendar package lacks."


def holidays_option(help: str = HOLIDAYS_HELP) -> Decorator:
    return click.option("--holidays", type=click.Path(path_type=Path), multiple=True, help=help)


def redact_option() -> Decorator:
    return click.option("--redact", is_flag=True, help="Also mask party names, addresses, credit codes and contacts.")


def as_of_option(help: str = "Judge the facts at this day (YYYY-MM-DD).") -> Decorator:
    return click.option("--as-of", "as_of", callback=parse_date, help=help)
