"""`kefu-check rules`, `kefu-check explain ID`, `kefu-check schema contract|month`."""

from __future__ import annotations

import difflib
import sys

import click

from kefu_check.cliopts import EXIT_INPUT, format_option, lang_option

LANG = lang_option()


@click.command()
@format_option("rules", ("table", "json", "markdown"))
@LANG
def rules(fmt: str, lang: str) -> None:
    """List every consequence id with its clause, kind, severity and meaning."""
    from .views import rules_list

    sys.stdout.write(rules_list(fmt, lang))


@click.command()
@click.argument("cid", metavar="ID")
@LANG
def explain(cid: str, lang: str) -> None:
    """Explain one consequence id: the clause text, what raises it, why it matters, a worked example."""
    from kefu_check.catalogue import CONSEQUENCES

    from .views import explain as page
    from .words import word

    if cid not in CONSEQUENCES:
        close = difflib.get_close_matches(cid, sorted(CONSEQUENCES), n=3, cutoff=0.5)
        hint = word(lang, "did_you_mean", matches=", ".join(close)) if close else word(lang, "see_all")
        click.echo(word(lang, "unknown", id=cid) + hint, err=True)
        sys.exit(EXIT_INPUT)
    sys.stdout.write(page(cid, lang))


@click.command()
@click.argument("document", type=click.Choice(["contract", "month"]))
def schema(document: str) -> None:
    """Print the JSON Schema of contract.json or month.json (kefu-check/contract@1, kefu-check/month@1)."""
    from .schemas import schema_text

    sys.stdout.write(schema_text(document))
