"""`kefu-check review CONTRACT` and `kefu-check extract AGREEMENT [-o contract.json]` (SPEC §5)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from ..errors import InputError

LANG = click.Choice(["zh", "en"])


def _same_file(a: Path, b: Path) -> bool:
    return a.resolve() == b.resolve()


def write_output(text: str, output: Path | None, source: Path) -> None:
    """Print, or write to --output (never over the input file)."""
    if output is None:
        sys.stdout.write(text)
        return
    if _same_file(output, source):
        raise InputError(output.name, None, "--output would overwrite the input file")
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise InputError(output.name, None, f"cannot write ({exc.strerror})") from None


@click.command()
@click.argument("contract", type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["table", "json", "markdown"]), default="table", show_default=True)
@click.option("--fail-on", type=click.Choice(["error", "warning", "never"]), default="error", show_default=True)
@click.option("--lang", type=LANG, default="zh", show_default=True)
@click.option("--output", "-o", type=click.Path(path_type=Path), help="Write the review to this file.")
def review(contract: Path, fmt: str, fail_on: str, lang: str, output: Path | None) -> None:
    """Review a contract (.json/.yaml) or an agreement (.docx/.txt) before signing: defects and risks."""
    from .findings import review_contract
    from .inputs import load_for_review
    from .render import exit_code, render

    terms, source = load_for_review(contract)
    result = review_contract(terms, source, contract.name, lang)
    write_output(render(result, fmt, lang), output, contract)
    sys.exit(exit_code(result, fail_on))


def masked(data: dict[str, Any]) -> dict[str, Any]:
    """The contract data with the bank account number cut to its last four characters."""
    import copy

    out = copy.deepcopy(data)
    bank = (out.get("fees") or {}).get("bank") or {}
    number = bank.get("account_no")
    if number:
        digits = number.replace(" ", "")
        bank["account_no"] = "*" * max(len(digits) - 4, 0) + digits[-4:]
    return out


@click.command()
@click.argument("agreement", type=click.Path(path_type=Path))
@click.option("--output", "-o", type=click.Path(path_type=Path), help="Write contract.json here.")
@click.option("--lang", type=LANG, default="zh", show_default=True)
def extract(agreement: Path, output: Path | None, lang: str) -> None:
    """Read a filled agreement (.docx/.txt) into contract.json; blanks and unreadable values go to stderr."""
    from .inputs import AGREEMENT_SUFFIXES, extract_file
    from .messages import word

    if agreement.suffix.lower() not in AGREEMENT_SUFFIXES:
        raise InputError(agreement.name, None, "unsupported file type (expected .docx or .txt)")
    ex, _ = extract_file(agreement)
    for blank in ex.blanks:
        click.echo(
            word(lang, "note.blank", clause=blank.where.clause, line=blank.where.line, text=blank.text), err=True
        )
    for item in ex.unreadable:
        params = {"clause": item.where.clause, "line": item.where.line, "field": item.path, "text": item.text}
        click.echo(word(lang, "note.unreadable", **params), err=True)
    data = ex.data if output is not None else masked(ex.data)
    text = json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n"
    write_output(text, output, agreement)
    if output is None and data != ex.data:
        click.echo(word(lang, "masked"), err=True)
