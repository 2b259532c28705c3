"""Command line: `kefu-check [OPTIONS] month.json` (a bare path runs the monthly check).

Exit codes (SPEC §3, named in cliopts.py): 0 nothing at or above --fail-on; 1 something is; 2 the input or
the command line is wrong (one line naming the file and the field, never a traceback); 3 a bug in kefu-check.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import click

from .cliopts import (
    EXIT_BUG,
    EXIT_INPUT,
    as_of_option,
    fail_on_option,
    format_option,
    holidays_option,
    lang_option,
    output_option,
    redact_option,
)

# Commands whose modules (and their heavier dependencies) are imported only when they run.
LAZY_COMMANDS = {
    "analyze": "kefu_check.sequence.command:analyze",
    "deadlines": "kefu_check.deadlines.command:deadlines",
    "explain": "kefu_check.ruledocs.command:explain",
    "extract": "kefu_check.review.command:extract",
    "facts": "kefu_check.exports.command:facts",
    "holidays": "kefu_check.holidays.command:holidays",
    "review": "kefu_check.review.command:review",
    "rules": "kefu_check.ruledocs.command:rules",
    "schema": "kefu_check.ruledocs.command:schema",
    "validate": "kefu_check.validate:validate",
}


class DefaultGroup(click.Group):
    """A group whose default command is `check`: options may come before or after the path."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *LAZY_COMMANDS})

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in LAZY_COMMANDS and name not in self.commands:
            from importlib import import_module

            module, attr = LAZY_COMMANDS[name].split(":")
            try:
                command = getattr(import_module(module), attr)
            except ModuleNotFoundError as missing:
                if missing.name and not missing.name.startswith("kefu_check"):
                    raise
                return None
            self.add_command(command, name)
        return super().get_command(ctx, name)

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        first = self._first_positional(args)
        if args and args[0] not in ("--help", "-h", "--version") and first not in self.list_commands(ctx):
            args = ["check", *args]
        return super().parse_args(ctx, args)

    def _first_positional(self, args: list[str]) -> str | None:
        takes_value = {opt for p in check.params if isinstance(p, click.Option) and not p.is_flag for opt in p.opts}
        skip = False
        for arg in args:
            if skip:
                skip = False
            elif arg == "--":
                return None
            elif arg.startswith("-"):
                skip = arg in takes_value
            else:
                return arg
        return None


@click.group(cls=DefaultGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="kefu-check")
def cli() -> None:
    """kefu-check: the consequences a month of facts triggers under a 客服服务协议."""


@cli.command()
@click.argument("months", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--contract", type=click.Path(path_type=Path), help="contract.json (overrides the month's `contract`).")
@as_of_option()
@holidays_option()
@click.option(
    "--history",
    "history_dir",
    type=click.Path(path_type=Path),
    help="A folder of earlier month files of the same contract, whose state carries into this month (SPEC §6).",
)
@click.option("--waivers", "waivers_file", type=click.Path(path_type=Path), help="Waivers (JSON/YAML), SPEC §2.2.")
@format_option("check")
@output_option()
@fail_on_option()
@lang_option()
@click.option("--jobs", "-j", type=click.IntRange(1, 64), default=1, show_default=True, help="Worker processes.")
@redact_option()
def check(
    months: tuple[Path, ...],
    contract: Path | None,
    as_of: date | None,
    holidays: tuple[Path, ...],
    history_dir: Path | None,
    waivers_file: Path | None,
    fmt: str,
    output: Path | None,
    fail_on: str,
    lang: str,
    jobs: int,
    redact: bool,
) -> None:
    """Check month files: print their consequences, exit 1 if any is at or above --fail-on.

    Several files are a batch: each is checked on its own (--jobs N in parallel), the exit code is the
    worst of them (2 if any file's input was wrong; that file gets one line on stderr).
    """
    from .batch import Options, Refused, run
    from .holidays.files import calendar_for, month_contracts
    from .output import publish, refuse_overwrite
    from .report import batch_exit_code

    cal = calendar_for(holidays, month_contracts(months, contract))
    waivers = ()
    if waivers_file is not None:
        from .waivers import load_waivers

        waivers = load_waivers(waivers_file)
    options = Options(contract, as_of, history_dir, waivers, lang)
    refuse_overwrite(output, [*months, *(p for p in (contract, waivers_file) if p)])
    outcomes, write_lines = run(months, options, cal, jobs, fmt, fail_on, redact)
    results = [o for o in outcomes if not isinstance(o, Refused)]
    for outcome in outcomes:
        if isinstance(outcome, Refused):
            click.echo(outcome.line, err=True)
        else:
            for diagnostic in outcome.diagnostics:
                click.echo(diagnostic, err=True)
    if write_lines is not None:  # a JSON batch: each line rendered and masked where it was checked (batch.py)
        write_lines(output)
    elif results:
        publish("check", fmt, results, lang, fail_on, output, [r.private for r in results], redact)
    sys.exit(EXIT_INPUT if len(results) < len(outcomes) else batch_exit_code(results, fail_on))


def main(argv: list[str] | None = None) -> None:
    """Entry point: maps bad input to exit 2 with one line, and a bug to exit 3 without a traceback."""
    from .calendar import CalendarGap, HolidaysFileError
    from .errors import InputError
    from .problems import lang_of, problem, set_lang

    if argv is None:  # the console script (the tests call main(args)): a lighter start and exit
        _console_script()
    args = sys.argv[1:] if argv is None else argv
    set_lang(lang_of(args))  # input errors are rendered in the user's language (SPEC §10)
    try:
        import os

        from .config import default_map

        defaults = default_map(Path.cwd(), os.environ, cli.list_commands(None))  # type: ignore[arg-type]
        set_lang(lang_of(args, defaults))
        cli.main(args=argv, prog_name="kefu-check", standalone_mode=False, default_map=defaults)
    except click.exceptions.Exit as done:
        sys.exit(done.exit_code)
    except click.exceptions.NoArgsIsHelpError as exc:  # bare `kefu-check`: the help, as a usage error
        click.echo(exc.format_message(), err=True)
        sys.exit(EXIT_INPUT)
    except click.ClickException as exc:  # a usage error: one line in the user's language, like every input error
        from .problems import usage_problem

        click.echo(f"kefu-check: {usage_problem(exc).render()}", err=True)
        sys.exit(EXIT_INPUT)
    except click.exceptions.Abort:
        sys.exit(EXIT_INPUT)
    except CalendarGap as exc:
        click.echo(problem("calendar_gap", year=exc.year).render(), err=True)
        sys.exit(EXIT_INPUT)
    except (InputError, HolidaysFileError) as exc:
        click.echo(str(exc), err=True)
        sys.exit(EXIT_INPUT)
    except BrokenPipeError:
        sys.exit(0)
    except Exception as exc:  # a bug: say so in one line, never a traceback
        click.echo(f"kefu-check: internal error ({type(exc).__name__}: {exc}); please report it", err=True)
        sys.exit(EXIT_BUG)


def _console_script() -> None:
    """Only for `kefu-check` as a command, which nothing else shares (what it prints is unchanged):

    - pydantic's plugin loader is one that finds no plugins: no `importlib.metadata` import and no scan of every
      installed package's entry points (~20 ms of the start); `KEFU_CHECK_PYDANTIC_PLUGINS=1` loads them as usual;
    - the heap is frozen at exit, so the interpreter's last garbage collection does not walk it (~10–25 ms)."""
    import atexit
    import gc
    import os
    import types

    if "pydantic.plugin._loader" not in sys.modules and not os.environ.get("KEFU_CHECK_PYDANTIC_PLUGINS"):
        loader = types.ModuleType("pydantic.plugin._loader")
        loader.get_plugins = lambda: ()  # type: ignore[attr-defined]
        sys.modules["pydantic.plugin._loader"] = loader
    atexit.register(gc.freeze)
