"""Rule documentation and schemas: `kefu-check rules`, `explain ID`, `schema`, and docs/rules.md.

Indexes of the declarations in `rules/` (each consequence's clause, kind, titles and page beside its rule;
the agreement text each rule quotes); worked examples are runs of the golden fixtures, so they cannot
disagree with the engine.
"""
