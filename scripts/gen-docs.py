#!/usr/bin/env python3
"""Regenerate the committed, generated docs: schemas/contract.schema.json, schemas/month.schema.json, docs/rules.md.

Run `.venv/bin/python scripts/gen-docs.py` after changing models.py, the catalogue, rules/ quotes, the rule
pages (declared beside the rules in rules/) or a fixture an example names; `--check` only reports drift (exit 1).
tests/test_schemas.py and tests/test_ruledocs.py fail when the committed files differ from what this writes.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def outputs() -> dict[Path, str]:
    from kefu_check.ruledocs.schemas import DOCUMENTS, schema_text
    from kefu_check.ruledocs.views import rules_doc

    files = {ROOT / "schemas" / f"{doc}.schema.json": schema_text(doc) for doc in DOCUMENTS}
    files[ROOT / "docs" / "rules.md"] = rules_doc()
    return files


def main(argv: list[str]) -> int:
    check = "--check" in argv
    stale = []
    for path, content in outputs().items():
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current == content:
            continue
        stale.append(path.relative_to(ROOT))
        if not check:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(content, encoding="utf-8")
    verb = "out of date" if check else "written"
    for path in stale:
        print(f"{path}: {verb}")
    return 1 if check and stale else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
