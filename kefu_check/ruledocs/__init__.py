"""Rule documentation and schemas: `kefu-check rules`, `explain ID`, `schema`, and docs/rules.md.

One documentation page per consequence id (`pages.py`) plus what the code already knows (the
catalogue's clause, kind and titles; the quoted clause text of the rules in `rules/`); worked examples
are runs of the golden fixtures, so they cannot disagree with the engine.
"""
