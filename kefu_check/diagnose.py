"""What is wrong with a document: pydantic's errors against the input models, as problems of the catalogue.

A document is first validated through the cached core schema (`validators.validator`); only one that fails is explained
by the models, so the models and pydantic's model machinery are imported when there is something to explain.
"""

from __future__ import annotations

import re
from difflib import get_close_matches
from types import UnionType
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic_core import ValidationError

from .problems import Problem, ProblemValueError, printable, problem, quote


def field_path(loc: tuple[Any, ...]) -> str:
    """('invoices', 1, 'payments', 0, 'date') → 'invoices[1].payments[0].date'."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + printable(str(part))
    return out



_EXPECTED = {
    "string_type": "expected_string",
    "dict_type": "expected_object",
    "list_type": "expected_list",
    "bool_type": "expected_bool",
    "bool_parsing": "expected_bool",
    "model_type": "expected_object",
    "model_attributes_type": "expected_object",
}


def _unwrap(tp: Any) -> Any:
    """Annotated[X, …] → X; X | None → X (the one non-None member)."""
    while True:
        origin = get_origin(tp)
        if origin is Annotated:
            tp = get_args(tp)[0]
        elif origin in (Union, UnionType):
            members = [a for a in get_args(tp) if a is not type(None)]
            if len(members) != 1:
                return tp
            tp = members[0]
        else:
            return tp


def _model_at(model: Any, loc: tuple[Any, ...]) -> Any:
    """The type at `loc` inside `model` (None when the path leaves the models)."""
    from pydantic import BaseModel

    tp: Any = model
    for part in loc:
        tp = _unwrap(tp)
        origin = get_origin(tp)
        if isinstance(tp, type) and issubclass(tp, BaseModel) and isinstance(part, str):
            fields = {f.alias or name: f for name, f in tp.model_fields.items()}
            found = fields.get(part) or tp.model_fields.get(part)
            if found is None:
                return None
            tp = found.annotation
        elif origin is list and isinstance(part, int):
            tp = get_args(tp)[0]
        elif origin is dict and isinstance(part, str):
            tp = get_args(tp)[1]
        else:
            return None
    return _unwrap(tp)


def known_keys(model: Any, loc: tuple[Any, ...]) -> list[str]:
    """The keys the object at `loc` may have (by their names in the document)."""
    from pydantic import BaseModel

    tp = _model_at(model, loc)
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return [f.alias or name for name, f in tp.model_fields.items()]
    return []


def _given(value: Any) -> str:
    return quote(value)


def _convert(model: Any, error: dict[str, Any]) -> tuple[tuple[Any, ...], Problem]:
    """One pydantic error → (the location it names, its problem)."""
    kind, loc, given = error["type"], tuple(error["loc"]), error.get("input")
    if len(loc) == 2 and loc[0] == "contract" and kind in ("string_type", "dict_type"):  # a path or an object
        return loc[:-1], problem("expected_path_or_object", given=_given(given))
    loc = tuple(p for p in loc if p != "[key]")  # a dict key's own error: the key is already the last part
    if kind == "extra_forbidden":
        key = str(loc[-1])
        near = get_close_matches(key, known_keys(model, loc[:-1]), n=1, cutoff=0.6)
        if near:
            return loc[:-1], problem("unknown_key_near", key=quote(key), near=quote(near[0]))
        return loc[:-1], problem("unknown_key", key=quote(key))
    if kind == "missing":
        return loc, problem("required")
    if kind == "literal_error":
        expected = re.findall(r"'((?:[^'\\]|\\.)*)'", error.get("ctx", {}).get("expected", ""))
        return loc, problem("one_of", expected=", ".join(repr(e) for e in expected), given=_given(given))
    if kind == "value_error":
        cause = error.get("ctx", {}).get("error")
        if isinstance(cause, ProblemValueError):
            return (*loc, cause.at) if cause.at else loc, cause.problem
        return loc, problem("invalid_value", given=_given(given))
    if kind == "string_unicode" and isinstance(given, str):  # a lone surrogate (a JSON "\\ud800" escape)
        at = next((i for i, c in enumerate(given) if "\ud800" <= c <= "\udfff"), 0)
        return loc, problem("control_character", char=f"U+{ord(given[at]):04X}", position=at + 1)
    if kind == "string_too_long":
        return loc, problem("text_too_long", limit=error.get("ctx", {}).get("max_length", 0))
    if kind in _EXPECTED:
        return loc, problem(_EXPECTED[kind], given=_given(given))
    return loc, problem("invalid_value", given=_given(given))


def _order(found: list[tuple[tuple[Any, ...], Problem]]) -> list[tuple[tuple[Any, ...], Problem]]:
    """An object's unknown keys before its missing keys (a typo `amout` is read first as the typo it is)."""
    unknown_at = {}
    for i, (loc, p) in enumerate(found):
        if p.kind in ("unknown_key", "unknown_key_near"):
            unknown_at[loc] = i
    keyed = []
    for i, (loc, p) in enumerate(found):
        rank: float = i
        if p.kind == "required" and loc[:-1] in unknown_at and unknown_at[loc[:-1]] > i:
            rank = unknown_at[loc[:-1]] + 0.5
        keyed.append((rank, i, loc, p))
    seen, out = set(), []
    for _, _, loc, p in sorted(keyed, key=lambda k: (k[0], k[1])):
        if (loc, p.kind, repr(p.params)) not in seen:
            seen.add((loc, p.kind, repr(p.params)))
            out.append((loc, p))
    return out


def problems(model: str | type, data: Any, prefix: str = "") -> list[tuple[str | None, Problem]]:
    """Every problem of `data` against an input model (`models.<name>`, or the class): (field path or None,
    problem), in document order; nothing when the cached schema accepts it (validators.validator)."""
    from .validators import validator

    name = model if isinstance(model, str) else model.__name__
    if not isinstance(data, dict):
        return [(prefix or None, problem("expected_object", given=_given(data)))]
    try:
        validator(name).validate_python(data)
        return []
    except ValidationError:
        return refusal(name, data, prefix)
    except RecursionError:
        return [(prefix or None, problem("nesting_too_deep"))]


def refusal(name: str, data: dict[str, Any], prefix: str = "") -> list[tuple[str | None, Problem]]:
    """Why the cached schema refused `data`, in the model's own words; a refusal the model does not share stops
    (never decided by either)."""
    from . import models

    cls = getattr(models, name)
    try:
        cls.model_validate(data)
    except ValidationError as exc:
        found = _order([_convert(cls, e) for e in exc.errors(include_url=False)])
        return [(".".join(p for p in (prefix, field_path(loc)) if p) or None, prob) for loc, prob in found]
    except RecursionError:
        return [(prefix or None, problem("nesting_too_deep"))]
    raise RuntimeError(f"the cached core schema and models.{name} disagree: run make coreschema")
