"""What review and extract read: an agreement (.docx/.txt, extracted) or a contract (.json/.yaml, validated)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import InputError
from ..load import load_contract_data, read_document, validate
from ..problems import Problem, problem
from .document import read_paragraphs, refuse_unsupported
from .extract import Extraction, Unreadable, Where, extract
from .findings import Source

if TYPE_CHECKING:
    from ..models import Contract

AGREEMENT_SUFFIXES = (".docx", ".txt")
CONTRACT_SUFFIXES = (".json", ".yaml", ".yml")
MAX_REJECTED = 50


def extract_file(path: Path) -> tuple[Extraction, Contract]:
    """Extract an agreement; an extracted value the contract model refuses is reported as unreadable, not fatal."""
    label = path.name
    ex = extract(read_paragraphs(path, label), path.stem)
    for _ in range(MAX_REJECTED):
        try:
            return ex, validate("Contract", ex.data, label)
        except InputError as error:
            if not error.field or _get(ex.data, error.field) is None:
                raise
            ex = _drop(ex, error.field, error.problem)
    raise InputError(label, None, problem("too_many_unreadable"))  # pragma: no cover


def _get(data: Any, path: str) -> Any:
    for part in path.split("."):
        data = data.get(part) if isinstance(data, dict) else None
    return data


def _drop(ex: Extraction, path: str, problem: str | Problem) -> Extraction:
    """The extraction with the value at `path` set to null and reported as unreadable."""
    import copy

    data = copy.deepcopy(ex.data)
    *parents, last = path.split(".")
    node = data
    for part in parents:
        node = node[part]
    value, node[last] = node[last], None
    probe = path
    while probe and probe not in ex.locations:
        probe = probe.rpartition(".")[0]
    where = ex.locations.get(probe, Where("parties", None))
    note = Unreadable(path, where, f"{value} ({problem})")
    return replace(ex, data=data, unreadable=(*ex.unreadable, note))


def load_for_review(path: Path) -> tuple[Contract, Source]:
    """The contract to review and where its values came from."""
    suffix = path.suffix.lower()
    refuse_unsupported(path, path.name)
    if suffix in AGREEMENT_SUFFIXES:
        ex, contract = extract_file(path)
        return contract, Source(extraction=ex)
    if suffix in CONTRACT_SUFFIXES:
        contract, blanks = load_contract_data(read_document(path, path.name), path.name)
        return contract, Source(blanks=blanks)
    raise InputError(path.name, None, problem("unsupported_review_input"))
