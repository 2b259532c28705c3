"""Hostile and broken input (issue 6): whatever the files, every command exits 0, 1 or 2 — never a traceback,
never exit 3 (a bug), never a hang — and a refusal is one stderr line naming the file (and the field).

Inputs: mutations of the valid fixtures (keys deleted, wrong types, extreme numbers, NaN/Infinity, 1e999999,
deep nesting, huge arrays), documents generated from the exported JSON Schemas, byte damage (BOMs,
non-UTF-8, truncation, 100,000-deep brackets), YAML, damaged .docx archives and XML bombs. `make fuzz`
runs 10,000 of them (docs/robustness.md).
"""

from __future__ import annotations

import copy
import io
import json
import tempfile
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st
from test_hostile_support import (
    FIXTURES,
    ROOT,
    assert_handled,
    damage_bytes,
    fixture_pairs,
    from_schema,
    fuzz_settings,
    mutate,
    run,
    sequence_sets,
    to_json,
    to_yaml,
)

from kefu_check.load import printable

PAIRS = fixture_pairs()
SEQUENCES = sequence_sets()
AGREEMENT = (FIXTURES / "review" / "filled.txt").read_text(encoding="utf-8")
TEMPLATE = (FIXTURES / "review" / "template.zh.txt").read_text(encoding="utf-8")


def local_schema(name: str) -> dict:
    """An exported schema without its `$id` (a relative id that hypothesis-jsonschema would try to fetch)."""
    schema = json.loads((ROOT / "schemas" / name).read_text(encoding="utf-8"))
    return {key: value for key, value in schema.items() if key != "$id"}


MONTH_DOCS = from_schema(local_schema("month.schema.json"))  # built once: canonicalising a schema is slow
CONTRACT_DOCS = from_schema(local_schema("contract.schema.json"))
CHECK_ARGS = st.sampled_from(
    [["--format", "json"], ["--format", "table", "--lang", "en"], ["--format", "junit"], ["--format", "markdown"]]
)


def write_doc(folder: Path, stem: str, doc: Any, draw: Any) -> str:
    """Write `doc` as JSON or YAML (maybe byte-damaged); the file's name."""
    suffix = draw(st.sampled_from([".json", ".json", ".yaml"]))
    raw = (to_yaml(doc) if suffix == ".yaml" else to_json(doc)).encode("utf-8", "surrogatepass")  # "\ud800" too
    if draw(st.booleans()):
        raw = damage_bytes(raw, draw)
    (folder / f"{stem}{suffix}").write_bytes(raw)
    return f"{stem}{suffix}"


def referenced(month: Any) -> list[str]:
    """The contract file a (mutated) month names: a refusal may name it ("x.json: no such file")."""
    ref = month.get("contract") if isinstance(month, dict) else None
    ref = str(ref) if isinstance(ref, Decimal) else ref  # a number becomes a string in YAML ("-Infinity")
    return [printable(Path(ref).name or str(Path(ref)))] if isinstance(ref, str) and "\0" not in ref else []


@fuzz_settings(0.3)
@given(st.data())
def test_check_of_mutated_fixtures_never_crashes(data):
    contract, month = data.draw(st.sampled_from(PAIRS))
    target = data.draw(st.sampled_from(["month", "contract", "both", "inline"]))
    month = copy.deepcopy(month)
    if target in ("contract", "both"):
        contract = mutate(contract, data.draw)
    if target == "inline":
        month = {**month, "contract": contract}
    if target in ("month", "both", "inline"):
        month = mutate(month, data.draw)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        contract_name = write_doc(folder, "contract", contract, data.draw)
        if isinstance(month, dict) and month.get("contract") == "contract.json":
            month["contract"] = contract_name
        month_name = write_doc(folder, "month", month, data.draw)
        outcome = run([*data.draw(CHECK_ARGS), month_name], folder)
    assert_handled(outcome, [month_name, contract_name, *referenced(month)])


@fuzz_settings(0.1)
@given(st.data())
def test_check_of_schema_generated_documents_never_crashes(data):
    contract, month = data.draw(st.sampled_from(PAIRS))
    if data.draw(st.booleans()):
        month = {**data.draw(MONTH_DOCS), "contract": "contract.json"}
    else:
        contract = data.draw(CONTRACT_DOCS)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "contract.json").write_bytes(to_json(contract).encode("utf-8", "surrogatepass"))
        (folder / "month.json").write_bytes(to_json(month).encode("utf-8", "surrogatepass"))
        outcome = run([*data.draw(CHECK_ARGS), "month.json"], folder)
    assert_handled(outcome, ["month.json", "contract.json"])


@fuzz_settings(0.1)
@given(st.data())
def test_review_of_mutated_contracts_never_crashes(data):
    generated = data.draw(st.booleans())
    contract = data.draw(CONTRACT_DOCS if generated else st.sampled_from([c for c, _ in PAIRS]))
    if not generated:
        contract = mutate(contract, data.draw)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        name = write_doc(folder, "contract", contract, data.draw)
        outcome = run(["review", "--format", data.draw(st.sampled_from(["json", "table"])), name], folder)
    assert_handled(outcome, [name])


def review_or_extract(name: str, raw: bytes, draw: Any) -> None:
    """`kefu-check review|extract NAME` on these bytes: handled, whatever they are."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / name).write_bytes(raw)
        outcome = run([draw(st.sampled_from(["review", "extract"])), name], folder)
    assert_handled(outcome, [name])


NUMBERS = st.sampled_from(["0", "9" * 20, "1e999999", "-1", "0.000000001", "100000000000000", "九千九百九十九万亿", "9999"])


@fuzz_settings(0.1)
@given(st.data())
def test_review_of_damaged_text_agreements_never_crashes(data):
    text = data.draw(st.sampled_from([AGREEMENT, TEMPLATE]))
    for _ in range(data.draw(st.integers(1, 4))):
        at = data.draw(st.integers(0, len(text)))
        cut = data.draw(st.integers(0, 200))
        noise = data.draw(st.one_of(NUMBERS, st.text(max_size=20)))
        text = text[:at] + noise + text[at + cut :]
    raw = text.encode("utf-8", "surrogatepass")
    if data.draw(st.booleans()):
        raw = damage_bytes(raw, data.draw)
    review_or_extract("agreement.txt", raw, data.draw)


def docx_bytes(text: str) -> bytes:
    import docx

    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


DOCX = docx_bytes(AGREEMENT)
BILLION_LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10) for i in range(1, 10))
    + b']><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">&lol9;</w:document>'
)


def rezip(raw: bytes, replace: dict[str, bytes], level: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw)) as source, zipfile.ZipFile(out, "w", level) as target:
        for item in source.infolist():
            target.writestr(item.filename, replace.pop(item.filename, source.read(item)))
        for name, content in replace.items():
            target.writestr(name, content)
    return out.getvalue()


def damaged_docx(draw: Any) -> bytes:
    kind = draw(st.sampled_from(["truncate", "flip", "laughs", "bomb", "no_document", "bad_xml", "many", "text"]))
    if kind == "truncate":
        return DOCX[: draw(st.integers(0, len(DOCX)))]
    if kind == "flip":
        raw = bytearray(DOCX)
        for _ in range(draw(st.integers(1, 20))):
            raw[draw(st.integers(0, len(raw) - 1))] = draw(st.integers(0, 255))
        return bytes(raw)
    if kind == "laughs":
        return rezip(DOCX, {"word/document.xml": BILLION_LAUGHS})
    if kind == "bomb":
        return rezip(DOCX, {"word/media/zeros.bin": b"\0" * 30_000_000})
    if kind == "no_document":
        return rezip(DOCX, {"word/document.xml": b""}).replace(b"word/document.xml", b"word/documenx.xml")
    if kind == "bad_xml":
        return rezip(DOCX, {"word/document.xml": draw(st.binary(max_size=300))})
    if kind == "many":
        return rezip(DOCX, {f"x/{i}.xml": b"<a/>" for i in range(1_200)}, zipfile.ZIP_STORED)
    text = AGREEMENT.replace("10", draw(NUMBERS))
    return docx_bytes(text)


@fuzz_settings(0.1)
@given(st.data())
def test_review_of_damaged_docx_never_crashes(data):
    review_or_extract("agreement.docx", damaged_docx(data.draw), data.draw)


@fuzz_settings(0.15)
@given(st.data())
def test_analyze_of_mutated_sequences_never_crashes(data):
    contract, months = data.draw(st.sampled_from(SEQUENCES))
    chosen = data.draw(st.lists(st.sampled_from(months), min_size=1, max_size=len(months), unique_by=lambda m: m[0]))
    victim = data.draw(st.integers(-1, len(chosen) - 1))  # -1: the contract
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        contract_name = write_doc(folder, "contract", mutate(contract, data.draw) if victim < 0 else contract, data.draw)
        names, refs = [contract_name], []
        for i, (name, month) in enumerate(chosen):
            month = {**month, "contract": contract_name}
            if i == victim:
                month = mutate(month, data.draw)
                names.append(write_doc(folder, Path(name).stem, month, data.draw))
                refs = referenced(month)
            else:
                names.append(name)
                (folder / name).write_text(to_json(month), encoding="utf-8")
        args = data.draw(st.sampled_from([["--format", "json"], ["--html", "report.html"], ["--format", "markdown"]]))
        outcome = run(["analyze", *args, *names[1:]], folder)
    assert_handled(outcome, [*names, *refs])


@fuzz_settings(0.05)
@given(st.data())
def test_a_history_of_mutated_months_never_crashes(data):
    contract, months = data.draw(st.sampled_from(SEQUENCES))
    (last_name, last), *earlier = reversed(months)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "contract.json").write_text(to_json(contract), encoding="utf-8")
        (folder / "history").mkdir()
        names = ["contract.json", last_name]
        for name, month in earlier:
            month = {**month, "contract": "../contract.json"}
            if data.draw(st.booleans()):
                month = mutate(month, data.draw)
                names += referenced(month)
            names.append(write_doc(folder / "history", Path(name).stem, month, data.draw))
        (folder / last_name).write_text(to_json(last), encoding="utf-8")
        outcome = run(["--format", "json", "--history", "history", last_name], folder)
    assert_handled(outcome, names)


@fuzz_settings(0.1)
@given(st.data())
def test_check_of_damaged_bytes_never_crashes(data):
    contract, month = data.draw(st.sampled_from(PAIRS))
    which = data.draw(st.sampled_from(["month.json", "contract.json"]))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for name, doc in (("contract.json", contract), ("month.json", month)):
            raw = json.dumps(doc, ensure_ascii=False, indent=1, default=str).encode("utf-8")
            (folder / name).write_bytes(damage_bytes(raw, data.draw) if name == which else raw)
        outcome = run(["--format", "json", "month.json"], folder)
    assert_handled(outcome, ["month.json", "contract.json"])
