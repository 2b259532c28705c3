"""JSON Schema of the input documents, exported from the pydantic models (`kefu-check schema contract|month`)."""

from __future__ import annotations

import json
from typing import Any

DIALECT = "https://json-schema.org/draft/2020-12/schema"
DOCUMENTS = ("contract", "month")


def schema(document: str) -> dict[str, Any]:
    """The validation-mode schema of contract.json or month.json, named `kefu-check/<document>@1`."""
    from kefu_check.models import Contract, MonthFacts

    model = {"contract": Contract, "month": MonthFacts}[document]
    name = f"kefu-check/{document}@1"
    out = model.model_json_schema(by_alias=True, mode="validation")
    out.update({"$schema": DIALECT, "$id": name, "title": name})
    return out


def schema_text(document: str) -> str:
    """The schema as committed under schemas/: sorted keys, two-space indent, UTF-8, one trailing newline."""
    return json.dumps(schema(document), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
