"""`kefu-check validate FILE…` (SPEC §10): every problem of every input file, one line each, nothing evaluated.

Contracts, month files (with the contract they name or hold), waiver files and holiday files; the kind of a
document is read from its `schema` key, else from its shape. A folder stands for the input documents directly
inside it (files that are none of the four kinds are left out there; named on the command line, they are
reported). Each line is `file: field: problem` in the user's language (--lang); exit 0 when there is none, 2
otherwise — for editors, pre-commit hooks and pipelines that check inputs before they run the check.

What is checked, in the order a problem is reported:
- reading: the file exists, is UTF-8 (a GBK/GB18030 file is named as such, with how to convert it), JSON or
  safe YAML;
- shape: every field against the models (an unknown key first, with the closest known key, then what its object
  misses), with the control characters, number formats and date patterns the models refuse;
- a contract: the values the monthly check requires (SPEC §2.1), over the shape with its bad values left out;
- a month: its contract (by path, relative to the month file, or inline) the same way, and once the month's shape
  is right, what the check refuses across fields (as_of before the period, duplicate invoice ids, an outage
  ending before it starts, overlapping suspensions).
Nothing is computed: a year without holiday data shows only when the check needs it.
"""

from __future__ import annotations

import copy
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
from pydantic_core import ValidationError

from .cliopts import EXIT_INPUT, EXIT_OK, lang_option
from .diagnose import problems
from .errors import InputError
from .load import Loaded, printable, read_document, reference_error, strip_blanks
from .problems import Problem, problem, quote, set_lang
from .validators import validator

if TYPE_CHECKING:
    from .models import Contract

SCHEMAS = {"kefu-check/contract@1": "contract", "kefu-check/month@1": "month"}
CONTRACT_KEYS = {"id", "provider", "client", "service", "standards", "term", "fees", "remedies", "privacy"}
SUFFIXES = (".json", ".yaml", ".yml")
Found = list[tuple[str | None, Problem]]


def kind_of(data: Any) -> str | None:
    """contract | month | waivers | holidays, from the `schema` key or the shape; None when it is none of them."""
    if isinstance(data, list):
        return "waivers"
    if not isinstance(data, dict) or "kefu_check" in data:  # not an object, or kefu-check's own output
        return None
    schema = data.get("schema")
    if isinstance(schema, str) and schema in SCHEMAS:
        return SCHEMAS[schema]
    if schema is not None:
        return "unknown_schema"
    keys = set(data)
    if keys == {"waivers"} or (keys and keys <= {"waivers", "$schema"}):
        return "waivers"
    if "year" in keys and keys & {"holidays", "workdays"}:
        return "holidays"
    if "period" in keys or ("contract" in keys and not keys & CONTRACT_KEYS - {"id"}):
        return "month"
    if keys & CONTRACT_KEYS:
        return "contract"
    return None


def _prune(data: Any, found: Found, prefix: str) -> Any:
    """The contract data with each refused value left out (null, or the item dropped from its list), so that the
    requirements can be checked over the rest."""
    data = copy.deepcopy(data)
    drops: list[tuple[list[Any], int]] = []
    for path, _ in found:
        if path is None:
            continue
        parts = _parts(path, prefix)
        node: Any = data
        for part in parts[:-1]:
            node = (
                node[part]
                if isinstance(node, dict) and part in node
                else (node[part] if isinstance(node, list) and isinstance(part, int) and part < len(node) else None)
            )
            if node is None:
                break
        if node is None or not parts:
            continue
        last = parts[-1]
        if isinstance(node, dict) and last in node:
            node[last] = None
        elif isinstance(node, list) and isinstance(last, int) and last < len(node):
            drops.append((node, last))
    for node, index in sorted(drops, key=lambda d: -d[1]):
        del node[index]
    return data


def _parts(path: str, prefix: str) -> list[str | int]:
    """'standards.first_response.phone.within_seconds' or 'days[1]' → its keys and indexes (a quoted key as is)."""
    if prefix and path.startswith(prefix):
        path = path[len(prefix) :].lstrip(".")
    out: list[str | int] = []
    for name, index in re.findall(r'("(?:[^"\\]|\\.)*"|[^.\[\]]+)|\[(\d+)\]', path):
        out.append(int(index) if index else name)
    return out


def _under(path: str, reported: set[str]) -> bool:
    return any(path == r or path.startswith(r + ".") or path.startswith(r + "[") for r in reported)


def contract_problems(data: Any, prefix: str = "") -> Found:
    """Shape, then the monthly check's requirements over what is left (a refused value is not required again)."""
    from .terms import requirement_problems

    if not isinstance(data, dict):
        return [(prefix or None, problem("expected_object", given=quote(data)))]
    clean, blanks = strip_blanks(data)
    found = problems("Contract", clean, prefix)
    model = None
    candidate = clean
    for _ in range(3):
        try:
            model = validator("Contract").validate_python(candidate)
            break
        except (ValidationError, RecursionError):  # what is left still fails: prune again
            candidate = _prune(candidate, problems("Contract", candidate, ""), "")
    if model is None:
        return found
    reported = {p for p, _ in found if p}
    for path, req in requirement_problems(model, blanks):
        full = ".".join(x for x in (prefix, path) if x)
        if not _under(full, reported):
            found.append((full, req))
    return found


def check_document(path: Path, label: str, named: bool = True) -> Iterator[str]:
    """The problem lines of one file (nothing when it is right; when not `named`, nothing for a non-input)."""
    try:
        data = read_document(path, label)
    except InputError as error:
        yield str(error)
        return
    kind = kind_of(data)
    if kind is None:
        if named:
            yield str(InputError(label, None, problem("unknown_document")))
        return
    if kind == "unknown_schema":
        known = ", ".join(repr(s) for s in SCHEMAS)
        yield str(InputError(label, "schema", problem("unknown_schema", given=quote(data["schema"]), known=known)))
        return
    if kind == "holidays":
        yield from _holidays(path)
        return
    if kind == "waivers":
        wrapped = {"waivers": data} if isinstance(data, list) else data
        for field, p in problems("WaiverFile", wrapped):
            if isinstance(data, list) and field:
                field = field.removeprefix("waivers") or None
            yield str(InputError(label, field, p))
        return
    if kind == "contract":
        for field, p in contract_problems(data):
            yield str(InputError(label, field, p))
        return
    yield from _month(path, label, data)


def _month(path: Path, label: str, data: dict[str, Any]) -> Iterator[str]:
    found = problems("MonthFacts", data)
    for field, p in found:
        yield str(InputError(label, field, p))
    reported = {f for f, _ in found if f}
    named = data.get("contract")
    contract: Contract | None = None
    if isinstance(named, str) and not _under("contract", reported):
        target = path.parent / named
        contract_label = printable(str(target))
        try:
            contract_data = read_document(target, contract_label)
            contract_found = contract_problems(contract_data)
        except InputError as error:
            error = reference_error(error, target, named, label) or error  # the month's, when the name is at fault
            contract_data, contract_found, contract_label = None, [(error.field, error.problem)], error.file
        for field, p in contract_found:
            yield str(InputError(contract_label, field, p))
        if not contract_found:
            contract = validator("Contract").validate_python(strip_blanks(contract_data)[0])
    elif isinstance(named, dict):
        inline_found = contract_problems(named, "contract")
        for field, p in inline_found:
            yield str(InputError(label, field, p))
        if not inline_found:
            contract = validator("Contract").validate_python(strip_blanks(named)[0])
    if found:
        return
    from .derive import month_problems

    month = validator("MonthFacts").validate_python(data)
    contract = contract or validator("Contract").validate_python({})  # no contract: the default time zone
    loaded = Loaded(month, contract, label, label, {})
    for field, p in month_problems(loaded):
        yield str(InputError(label, field, p))


def _holidays(path: Path) -> Iterator[str]:
    from .calendar import HolidaysFileError
    from .holidays.files import check_against_package, read_holidays_file
    from .problems import current_lang

    try:
        check_against_package(read_holidays_file(path), current_lang())
    except HolidaysFileError as error:
        yield str(error)


def inputs_of(paths: tuple[Path, ...]) -> Iterator[tuple[Path, bool]]:
    """Each path given, a folder replaced by the files directly inside it (those are checked only if inputs)."""
    for path in paths:
        if os.path.isdir(path):
            for inside in sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in SUFFIXES):
                yield inside, False
        else:
            yield path, True


def problem_lines(paths: tuple[Path, ...]) -> list[str]:
    """Every problem line of the files, in the order given."""
    lines: dict[str, None] = {}  # a contract named by several months (or given too) is reported once
    for path, named in inputs_of(paths):
        lines.update(dict.fromkeys(check_document(path, printable(str(path)), named)))
    return list(lines)


@click.command("validate")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@lang_option()
def validate(files: tuple[Path, ...], lang: str) -> None:
    """Check input files (contracts, months with their contracts, waivers, holiday files) without evaluating
    anything: every problem, one line each (`file: field: problem`); exit 0 when there is none, 2 otherwise."""
    set_lang(lang)
    lines = problem_lines(files)
    for line in lines:
        click.echo(line)
    raise SystemExit(EXIT_INPUT if lines else EXIT_OK)
