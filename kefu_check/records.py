"""Validated input documents without pydantic's model machinery: the start-up of a check (issue 17).

`models.py` is the one definition of the input documents. Building its pydantic classes costs more than all the
rest of a check's start-up (importing `pydantic.main` and generating 31 core schemas, ~60 ms), yet what validates
a document is pydantic-core's `SchemaValidator`, which needs only the *core schema*. `coreschema.py` is that
schema, generated from the models (`make coreschema`), with the models' functions named from `values.py` and
their classes replaced by the `Record` classes below. A document validated here is checked by the same schema
and the same functions as `Model.model_validate`, and the result holds the same values.

`validators.validator` uses the cached schema only while it is current: generated from these very `models.py` and
`values.py` (by their SHA-256) under the installed pydantic and pydantic-core versions; otherwise the models
validate, as before. A refused document is always explained by the models themselves (`diagnose.py`).

A `Record` is read like the model it stands for (fields are attributes; frozen; equal when its type and values
are), and anything else a model offers (`model_dump`, `model_fields`…) is the model's: `record.model()` builds
the pydantic model from the record's values without validating them again.
"""

from __future__ import annotations

import sys
from typing import Any


class Record:
    """A validated document or part of one, as pydantic-core builds a model: its fields in `__dict__`."""

    __slots__ = ("__dict__", "__pydantic_extra__", "__pydantic_fields_set__", "__pydantic_private__")

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is frozen: {name} cannot be set")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is frozen: {name} cannot be deleted")

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self.__dict__ == other.__dict__

    def __hash__(self) -> int:
        return hash((type(self), *self.__dict__.values()))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({', '.join(f'{k}={v!r}' for k, v in self.__dict__.items())})"

    def __reduce__(self) -> tuple[Any, ...]:
        return _rebuilt, (type(self), dict(self.__dict__), set(self.__pydantic_fields_set__))

    def __getattr__(self, name: str) -> Any:  # only for names that are not fields: the model's methods
        if name.startswith("model_"):
            return getattr(self.model(), name)
        raise AttributeError(f"{type(self).__name__} has no field {name!r}")

    def model_copy(self, *, update: dict[str, Any] | None = None, deep: bool = False) -> Record:
        """`BaseModel.model_copy`: the same values with `update`'s (not validated), as a record."""
        values = dict(self.__dict__)
        fields_set = set(self.__pydantic_fields_set__)
        if update:
            values.update(update)
            fields_set.update(update)
        if deep:
            import copy

            values = copy.deepcopy(values)
        return _rebuilt(type(self), values, fields_set)

    def model(self) -> Any:
        """The pydantic model of these values (`models.<name>`), built without validating them again."""
        from . import models

        cls = getattr(models, type(self).__name__)
        values = {k: _as_model(v) for k, v in self.__dict__.items()}
        return cls.model_construct(_fields_set=set(self.__pydantic_fields_set__), **_by_name(cls, values))


def _rebuilt(cls: type[Record], values: dict[str, Any], fields_set: set[str]) -> Record:
    record = object.__new__(cls)
    object.__setattr__(record, "__dict__", values)
    object.__setattr__(record, "__pydantic_fields_set__", fields_set)
    object.__setattr__(record, "__pydantic_extra__", None)
    object.__setattr__(record, "__pydantic_private__", None)
    return record


def _as_model(value: Any) -> Any:
    if isinstance(value, Record):
        return value.model()
    if isinstance(value, list):
        return [_as_model(v) for v in value]
    if isinstance(value, dict):
        return {k: _as_model(v) for k, v in value.items()}
    return value


def _by_name(cls: Any, values: dict[str, Any]) -> dict[str, Any]:
    """model_construct reads a field with an alias by its alias (`from`, `schema`…)."""
    fields = cls.model_fields
    return {(fields[k].alias or k) if k in fields else k: v for k, v in values.items()}


def plain(document: Any) -> Any:
    """A validated document (records or the pydantic model) as plain data: `model_dump(mode="python")`, whose
    dicts and lists these are for records (a test compares the two on every fixture and generated document)."""
    if isinstance(document, Record):
        return {k: plain(v) for k, v in document.__dict__.items()}
    if isinstance(document, list):
        return [plain(v) for v in document]
    if isinstance(document, dict):
        return {k: plain(v) for k, v in document.items()}
    dump = getattr(document, "model_dump", None)
    return dump(mode="python") if dump is not None else document


def is_model(value: Any, name: str) -> bool:
    """`value` is a validated `models.<name>`: a record of it, or the pydantic model (only once models is loaded:
    before that, nobody can hold one)."""
    if isinstance(value, Record):
        return type(value).__name__ == name
    models = sys.modules.get(f"{__package__}.models")
    return models is not None and isinstance(value, getattr(models, name))
