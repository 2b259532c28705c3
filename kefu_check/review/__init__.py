"""Pre-signing review (SPEC §5): read a filled agreement (.docx/.txt) or contract.json, list its defects and risks.

Data flows one way: document (file → lines) → extract (lines → contract data with locations) →
findings (contract → one frozen Review model) → render (table, JSON, markdown).
"""
