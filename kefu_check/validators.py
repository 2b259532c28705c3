"""Which validator checks an input document: the cached core schema's, into records, while it is current; else
the model's own (records.py explains the design, coreschema.py is the schema, scripts/gen-coreschema.py writes it).
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SCHEMA_SOURCES = ("models.py", "values.py")  # what coreschema.py is generated from

_VALIDATORS: dict[str, Any] = {}
_CURRENT: list[bool] = []  # [whether coreschema.py is current], decided once per process


def sources_digest() -> str:
    """The SHA-256 of the files coreschema.py is generated from (what it records, and what is compared with it)."""
    return hashlib.sha256(b"".join((HERE / name).read_bytes() for name in SCHEMA_SOURCES)).hexdigest()


def _current() -> bool:
    if not _CURRENT:
        import pydantic_core
        from pydantic.version import VERSION

        from . import coreschema

        try:
            digest = sources_digest()
        except OSError:  # sources not readable as files (a zip import): the models validate
            digest = ""
        _CURRENT.append(
            digest == coreschema.SOURCES_SHA256
            and coreschema.PYDANTIC == VERSION
            and pydantic_core.__version__ == coreschema.PYDANTIC_CORE
        )
    return _CURRENT[0]


def validator(name: str) -> Any:
    """What validates a document against `models.<name>`: the cached schema's validator when it is current and
    holds the model, else the model itself (both have `validate_python`)."""
    found = _VALIDATORS.get(name)
    if found is None:
        from . import coreschema

        if _current() and name in coreschema.MODELS:
            from pydantic_core import SchemaValidator

            found = SchemaValidator(coreschema.schema(name))
        else:
            from . import models

            found = getattr(models, name).__pydantic_validator__
        _VALIDATORS[name] = found
    return found
