"""`kefu-check facts` (SPEC §7): month facts computed from the contact centre's own exports.

Data flows one way: source (files → DuckDB tables of text, one row number each) → rows (typed columns, bad
rows named) → the metrics (responses, resolution, satisfaction, ledger) → month (month.json written).
DuckDB is imported only here, never at `import kefu_check`.
"""
