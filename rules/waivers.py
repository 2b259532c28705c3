"""Waivers (SPEC §2.2) — not a clause of the agreement: the entitled party's knowing waiver of a consequence.

A waiver is an exception to whatever rule raised the consequence it names: it fires before the
consequences of consequences, so a waived breach earns no service credit and a waived credit takes
nothing from the cap (§4.4). Validity (`expires` at `as_of`) is decided in derivation (waivers.py);
these rules decide what a waiver does. Facts matched: `waiver` (one per (id, subject) of the valid
waivers, the first in file order giving the reason; one per expired waiver), `consequence`.
"""

from durable.lang import c as fact
from durable.lang import m

from kefu_check.ruledsl import EXCEPTION, LAST, Article, emit, reemit

ARTICLE = Article("waiver", "豁免(SPEC §2.2)")
rule = ARTICLE.rule


@rule(
    "waiver",
    "",
    fact.waiver << ((m.t == "waiver") & (m.valid == True)),
    fact.waived << ((m.t == "consequence") & (m.waived == "") & (m.wkey == fact.waiver.wkey)),
    priority=EXCEPTION,
)
def waiver_applies(c):
    """A valid waiver matching (id, subject), null matching null: the consequence stays, waived (info)."""
    reemit(c, c.waived, waived=c.waiver.ref)
    if not c.waiver.used:
        c.retract_fact(c.waiver)
        c.assert_fact({**{k: c.waiver[k] for k in ("t", "wkey", "valid", "ref", "n", "cid")}, "used": True})


@rule("waiver", "", (m.t == "waiver") & (m.valid == False))
def waiver_expired(c):
    """A waiver past its `expires` day is not applied; it is dated the day after."""
    emit(c, "waiver.expired", subject=c.m.cid, date=c.m.expired_on, params={"waived": c.m.cid, "expires": c.m.expires})


@rule("waiver", "", (m.t == "waiver") & (m.valid == True) & (m.used == False), priority=LAST)
def waiver_unused(c):
    """A valid waiver that matched nothing once every other rule has fired."""
    emit(c, "waiver.unused", subject=c.m.cid, params={"waived": c.m.cid})
