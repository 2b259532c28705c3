"""`kefu-check review CONTRACT` and `kefu-check extract AGREEMENT [-o contract.json]` (SPEC §5)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from ..cliopts import fail_on_option, format_option, lang_option, output_option, redact_option
from ..errors import InputError
from ..problems import problem


@click.command()
@click.argument("contract", type=click.Path(path_type=Path))
@format_option("review")
@fail_on_option()
@lang_option()
@output_option("Write the review to this file.")
@redact_option()
@click.option(
    "--annotate",
    type=click.Path(path_type=Path),
    help="Write a copy of the agreement (.docx) with a Word comment on the paragraph of each located finding.",
)
def review(
    contract: Path, fmt: str, fail_on: str, lang: str, output: Path | None, redact: bool, annotate: Path | None
) -> None:
    """Review a contract (.json/.yaml) or an agreement (.docx/.txt) before signing: defects and risks."""
    from dataclasses import replace

    from ..output import publish, refuse_overwrite
    from ..redact import Private
    from .findings import review_contract
    from .inputs import load_for_review

    refuse_overwrite(output, [contract])
    refuse_overwrite(annotate, [contract])
    if annotate is not None and contract.suffix.lower() not in (".docx", ".txt"):
        raise InputError(contract.name, None, problem("annotate_needs_agreement"))
    terms, source = load_for_review(contract)
    result = replace(review_contract(terms, source, contract.name, lang), file=str(contract))
    if annotate is not None:
        from .annotate import annotate as write_annotated

        write_annotated(contract, result, annotate, lang)
    publish("review", fmt, result, lang, fail_on, output, [Private.of(terms)], redact)
    sys.exit(result.exit_code(fail_on))


def masked(data: dict[str, Any]) -> dict[str, Any]:
    """The contract data with the bank account number masked (redact.mask_account) for printing."""
    import copy

    from ..redact import mask_account

    out = copy.deepcopy(data)
    bank = (out.get("fees") or {}).get("bank") or {}
    if bank.get("account_no"):
        bank["account_no"] = mask_account(bank["account_no"])
    return out


@click.command()
@click.argument("agreement", type=click.Path(path_type=Path))
@output_option("Write contract.json here.")
@lang_option()
def extract(agreement: Path, output: Path | None, lang: str) -> None:
    """Read a filled agreement (.docx/.txt) into contract.json; blanks and unreadable values go to stderr."""
    from .document import refuse_unsupported
    from .inputs import AGREEMENT_SUFFIXES, extract_file
    from .messages import word

    refuse_unsupported(agreement, agreement.name)
    if agreement.suffix.lower() not in AGREEMENT_SUFFIXES:
        raise InputError(agreement.name, None, problem("unsupported_agreement"))
    ex, _ = extract_file(agreement)
    from ..redact import Private, redact

    parties = [ex.data.get(role) or {} for role in ("provider", "client")]
    codes = tuple(c for c in (party.get("credit_code") for party in parties) if isinstance(c, str) and c)

    def note(key: str, **params: Any) -> None:  # a quoted line is masked as the JSON on stdout: an account never whole
        click.echo(redact(word(lang, key, **params), [Private(codes=codes)], False), err=True)

    for blank in ex.blanks:
        note("note.blank", clause=blank.where.clause, line=blank.where.line, text=blank.text)
    for item in ex.unreadable:
        note("note.unreadable", clause=item.where.clause, line=item.where.line, field=item.path, text=item.text)
    from .findings import unread_clauses

    for path, line in unread_clauses(ex):
        note("note.unreadable", clause=line.clause, line=line.number, field=path, text=line.raw.strip())
    from ..output import refuse_overwrite, write

    refuse_overwrite(output, [agreement])
    data = ex.data if output is not None else masked(ex.data)
    text = json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n"
    write(text, output, [Private(codes=codes)], False, mask=output is None)  # a credit code is no account
    if output is None and data != ex.data:
        click.echo(word(lang, "masked"), err=True)
