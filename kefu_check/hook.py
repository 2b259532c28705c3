"""The pre-commit hook (.pre-commit-hooks.yaml, docs/ci.md): `python -m kefu_check.hook [OPTIONS] FILE…`.

pre-commit hands over every changed file under a `months/` folder. Only month documents are checked — a
`waivers.json` or a `holidays/2027.json` kept there is not a month (`schema` is not `kefu-check/month@1`, or,
without `schema`, it lacks `period` and `contract`; the same test as `analyze DIR`), and is skipped with a note on
stderr; a file that cannot be parsed is checked, so that its input error is reported, never dropped. Each month is
checked with its own folder as its history (`kefu-check MONTH… --history FOLDER`), so that the state carried from
the earlier months counts: a year-to-date availability breach is raised in the month it happened, not again in
every later month, and an invoice unpaid since July still accrues in December.

OPTIONS are the monthly check's (`--lang en`, `--fail-on never`, `--format …`), given before the files (pre-commit
puts the hook's `args` there). The exit code is the worst of the folders' (2 an input error, 1 a consequence at or
above `--fail-on`, 0 nothing).
"""

from __future__ import annotations

import sys
from pathlib import Path

from .cliopts import EXIT_INPUT, EXIT_OK


def split(argv: list[str]) -> tuple[list[str], list[Path]]:
    """(the check's options with their values, the files), as the monthly check's options read them."""
    import click

    from .cli import check

    takes_value = {opt for p in check.params if isinstance(p, click.Option) and not p.is_flag for opt in p.opts}
    options: list[str] = []
    files: list[Path] = []
    args = iter(argv)
    for arg in args:
        if arg == "--":
            files += [Path(a) for a in args]
        elif arg.startswith("-"):
            options.append(arg)
            if arg in takes_value:
                options.append(next(args, ""))
        else:
            files.append(Path(arg))
    return options, files


def is_month(path: Path) -> bool:
    """A month document; one that cannot be read counts as a month (the check reports its input error)."""
    from .errors import InputError
    from .sequence.months import is_month_document

    try:
        return is_month_document(path)
    except InputError:
        return True


def main(argv: list[str] | None = None) -> int:
    from .cli import main as kefu_check

    options, files = split(list(sys.argv[1:] if argv is None else argv))
    folders: dict[Path, list[Path]] = {}
    for path in files:
        if is_month(path):
            folders.setdefault(path.parent, []).append(path)
        else:
            print(f"kefu-check: {path}: skipped, not a month document (kefu-check/month@1)", file=sys.stderr)
    if "--history" in options:
        print("kefu-check: the hook gives each month its own folder as --history", file=sys.stderr)
        return EXIT_INPUT
    worst = EXIT_OK
    for folder, months in folders.items():
        try:
            kefu_check([*options, *(str(m) for m in months), "--history", str(folder)])
            code = EXIT_OK
        except SystemExit as done:
            code = done.code if isinstance(done.code, int) else EXIT_INPUT
        worst = max(worst, code)
    return worst


if __name__ == "__main__":
    sys.exit(main())
