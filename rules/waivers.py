"""Waivers (SPEC §2.2) — not a clause of the agreement: the entitled party's knowing waiver of a consequence.

A waiver is an exception to whatever rule raised the consequence it names: it fires before the
consequences of consequences, so a waived breach earns no service credit and a waived credit takes
nothing from the cap (§4.4). Validity (`expires` at `as_of`) is decided in derivation (waivers.py);
these rules decide what a waiver does. Facts matched: `waiver` (one per (id, subject) of the valid
waivers, the first in file order giving the reason; one per expired waiver), `consequence`.
"""

from durable.lang import c as fact
from durable.lang import m

from kefu_check.ruledsl import EXCEPTION, LAST, Article, Page, emit, reemit

ARTICLE = Article("waiver", "豁免(SPEC §2.2)")
rule = ARTICLE.rule


@rule(
    "waiver",
    "",
    fact.waiver << ((m.type == "waiver") & (m.valid == True)),
    fact.waived << ((m.type == "consequence") & (m.waived == "") & (m.wkey == fact.waiver.wkey)),
    priority=EXCEPTION,
)
def waiver_applies(c):
    """A valid waiver matching (id, subject), null matching null: the consequence stays, waived (info)."""
    reemit(c, c.waived, waived=c.waiver.ref)
    if not c.waiver.used:
        c.retract_fact(c.waiver)
        c.assert_fact({**dict(c.waiver.items()), "used": True})


WAIVER_EXPIRED = ARTICLE.consequence(
    "waiver.expired",
    "waiver",
    "warning",
    None,
    None,
    title=("豁免已过期,未予适用", "waiver expired, not applied"),
    message=(
        "对 {waived} 的豁免已于 {expires} 到期,未予适用",
        "the waiver of {waived} expired on {expires}: not applied",
    ),
    page=Page(
        ("豁免已过有效期,未予适用。", "A waiver is past its expiry day and was not applied."),
        (
            "月度文件(或 `--waivers`)中的豁免,其 `expires` 早于 `as_of`;日期为 `expires` 次日。",
            "A waiver in the month file (or `--waivers`) whose `expires` is before `as_of`; dated the day "
            "after `expires`.",
        ),
        (
            "被豁免的后果重新按原级别报出;如仍要豁免,需重新审批并更新有效期。",
            "The waived consequence is reported at its own severity again; renew the approval to keep waiving it.",
        ),
        example_text=(
            "对 `payment.late_fee`(主题 INV-2026-09)的豁免有效期至 2026-09-30,10月检查时报出 "
            "`waiver.expired`(日期 2026-10-01),违约金照常计算。",
            "A waiver of `payment.late_fee` (subject INV-2026-09) valid through 2026-09-30: October's check "
            "raises `waiver.expired` (dated 2026-10-01) and the late fee counts as usual.",
        ),
    ),
)


@rule("waiver", "", (m.type == "waiver") & (m.valid == False))
def waiver_expired(c):
    """A waiver past its `expires` day is not applied; it is dated the day after."""
    emit(c, WAIVER_EXPIRED, subject=c.m.cid, date=c.m.expired_on, params={"waived": c.m.cid, "expires": c.m.expires})


WAIVER_UNUSED = ARTICLE.consequence(
    "waiver.unused",
    "waiver",
    "warning",
    None,
    None,
    title=("豁免未匹配任何法律后果", "waiver matched nothing"),
    message=(
        "对 {waived} 的豁免未匹配本月任何法律后果",
        "the waiver of {waived} matches no consequence this month",
    ),
    page=Page(
        ("豁免没有匹配到任何法律后果。", "A waiver matches no consequence."),
        (
            "豁免的 (`id`, `subject`) 与本月任何后果都不匹配(null 只匹配 null)。",
            "The waiver's (`id`, `subject`) matches no consequence of the month (null matches null only).",
        ),
        (
            "多为拼写错误或已过时的豁免;留着它可能让人误以为某项后果已被豁免。",
            "Usually a typo or a stale waiver; left alone, it suggests something is waived when nothing is.",
        ),
        example_text=(
            "豁免写成 `sla.first_respons`(主题 phone),本月没有这个后果:报出 `waiver.unused`,"
            "真正的 `sla.first_response` 不被豁免。",
            "A waiver of `sla.first_respons` (subject phone) matches nothing this month: `waiver.unused` is "
            "raised, and the real `sla.first_response` is not waived.",
        ),
    ),
)


@rule("waiver", "", (m.type == "waiver") & (m.valid == True) & (m.used == False), priority=LAST)
def waiver_unused(c):
    """A valid waiver that matched nothing once every other rule has fired."""
    emit(c, WAIVER_UNUSED, subject=c.m.cid, params={"waived": c.m.cid})
