"""The agreement as rules: one file per article, each rule beside the clause text it encodes; and waivers."""

from . import art2_standards, art3_term, art4_fees, art5_obligations, waivers

ARTICLES = (art2_standards.ARTICLE, art3_term.ARTICLE, art4_fees.ARTICLE, art5_obligations.ARTICLE, waivers.ARTICLE)
