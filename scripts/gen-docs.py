#!/usr/bin/env python3
"""Regenerate the committed, generated docs: schemas/contract.schema.json, schemas/month.schema.json, docs/rules.md,
docs/reference.md.

Run `.venv/bin/python scripts/gen-docs.py` after changing models.py, the catalogue, rules/ quotes, the rule
pages (declared beside the rules in rules/) or a fixture an example names; `--check` only reports drift (exit 1).
tests/test_schemas.py, tests/test_ruledocs.py and tests/test_reference_docs.py fail when the committed files differ
from what this writes.

docs/reference.md is the user's reference: every field of contract.json and month.json (walked from the pydantic
models in kefu_check/models.py: its meaning is the field's description there, its type the model's, its default the
model's or the one the monthly check applies), the clause it comes from (CLAUSES below, by path prefix), an example
(the first value found in the fixtures' documents, else EXAMPLES below); every consequence id (the declarations in
rules/, via kefu_check.catalogue and the rule docs); the exit codes (kefu_check/cliopts.py).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def outputs() -> dict[Path, str]:
    from kefu_check.ruledocs.schemas import DOCUMENTS, schema_text
    from kefu_check.ruledocs.views import rules_doc

    files = {ROOT / "schemas" / f"{doc}.schema.json": schema_text(doc) for doc in DOCUMENTS}
    files[ROOT / "docs" / "rules.md"] = rules_doc()
    files[ROOT / "docs" / "reference.md"] = reference_doc()
    return files


# --- docs/reference.md ----------------------------------------------------------------------------------------------

# The clause of the agreement template (rules/agreement-template.zh.txt) each field comes from: the longest prefix
# of the field's path wins. "—" marks what the template does not contain.
CLAUSES = {
    "contract:schema": "—",
    "contract:$schema": "—",
    "contract:id": "head of the agreement (合同编号)",
    "contract:provider": "head of the agreement (甲方)",
    "contract:client": "head of the agreement (乙方)",
    "contract:service": "1.1–1.3",
    "contract:service.scope": "1.2",
    "contract:service.languages": "1.3",
    "contract:service.type": "1.1",
    "contract:standards": "2.1",
    "contract:standards.first_response": "2.1(1)",
    "contract:standards.service_hours": "2.1(2)",
    "contract:standards.availability": "2.1(2)",
    "contract:standards.resolution": "2.1(3)",
    "contract:standards.satisfaction": "2.1(4)",
    "contract:standards.report": "2.3",
    "contract:term": "3.1",
    "contract:term.renewal": "3.2",
    "contract:fees": "4.1–4.4",
    "contract:fees.method": "4.1",
    "contract:fees.monthly_fee": "4.2",
    "contract:fees.included_units": "4.2",
    "contract:fees.unit_rate": "4.2",
    "contract:fees.lump_sum_fee": "4.2",
    "contract:fees.cycle": "4.3",
    "contract:fees.due_working_days": "4.3",
    "contract:fees.bank": "4.3",
    "contract:fees.late_fee_daily_rate": "4.4",
    "contract:fees.suspend_after_days": "4.4",
    "contract:fees.suspension_notice_days": "4.4 (a term the template lacks)",
    "contract:remedies": "— (not in the template unless agreed)",
    "contract:privacy": "5.2.4; PIPL Art. 21",
    "month:schema": "—",
    "month:$schema": "—",
    "month:contract": "—",
    "month:period": "—",
    "month:as_of": "—",
    "month:usage": "4.1, 4.2 (per_usage)",
    "month:first_response": "2.1(1)",
    "month:resolution": "2.1(3)",
    "month:satisfaction": "2.1(4)",
    "month:outages": "2.1(2)",
    "month:reports": "2.3",
    "month:invoices": "4.3, 4.4",
    "month:suspensions": "4.4, 5.2.2",
    "month:notices": "3.2",
    "month:incidents": "5.1.6, 5.1.8, 5.2.4",
    "month:cooperation_failures": "5.1.4, 5.1.5",
    "month:history": "— (months in sequence)",
    "month:waivers": "— (a party's waiver)",
}

# The default the monthly check applies where the document is silent (SPEC §2.1); other fields default to what the
# model says (absent = null, or an empty list).
DEFAULTS = {
    "contract:standards.first_response.<channel>.target_ratio": "`1` (every response on time)",
    "contract:standards.service_hours.calendar": "`statutory` (`weekly` when all seven days are listed)",
    "contract:standards.service_hours.timezone": "`Asia/Shanghai`",
    "contract:standards.availability.year": "`contract`",
    "contract:standards.availability.excluded_causes[]": "`client`, `force_majeure`",
    "contract:standards.resolution.target_ratio": "`1`",
    "contract:standards.report.every": "`month`",
    "contract:term.renewal.objection_by": "`expiry`",
    "month:as_of": "the period's last day",
    "month:satisfaction.respondents": "null (not said)",
}

# Examples for fields no fixture document shows (the fixtures' own values are used for every other field).
EXAMPLES = {
    "contract:$schema": '"../schemas/contract.schema.json"',
    "contract:provider.address": '"上海市浦东新区某路1号"',
    "contract:provider.credit_code": '"91310115MA1K4XXXXX"',
    "contract:provider.contact": '"张三 021-5555 0000"',
    "contract:client.address": '"杭州市西湖区某路2号"',
    "contract:client.credit_code": '"91330106MA2XXXXXXX"',
    "contract:client.contact": '"李四 0571-5555 0000"',
    "contract:term.renewal.notice_days": "30",
    "contract:fees.included_units": "40000",
    "contract:fees.unit_rate": '"0.50"',
    "contract:fees.lump_sum_fee": '"240000.00"',
    "contract:fees.bank.bank": '"中国工商银行上海分行"',
    "contract:fees.bank.account_name": '"上海某某客服外包有限公司"',
    "contract:fees.bank.account_no": '"6222 0212 3456 7890 123"',
    "contract:remedies.service_credit_cap_percent": '"20"',
    "month:$schema": '"../schemas/month.schema.json"',
    "month:first_response.<channel>.method": '"first agent reply ≤ 20 s, transfers counted once"',
    "month:resolution.method": '"closed within 24 h of opening"',
    "month:satisfaction.method": '"share of 4–5 answers"',
    "month:history[]": '"2026-0*.json"',
    "month:waivers[].id": '"payment.late_fee"',
    "month:waivers[].subject": '"INV-2026-09"',
    "month:waivers[].reason": '"首次逾期,双方协商免除"',
    "month:waivers[].approved_by": '"财务总监 王五"',
    "month:waivers[].expires": '"2026-12-31"',
}

EXIT_CODES = {
    "EXIT_OK": "nothing at or above `--fail-on` (`error` by default; `warning`; `never` never fails)",
    "EXIT_FAIL": "a consequence (or a review finding) at or above `--fail-on`",
    "EXIT_INPUT": "an input or the command line is wrong: one line naming the file and the field "
    "(`month.json: invoices[1].payments[0].date: …`); a batch exits 2 when any file's input is wrong",
    "EXIT_BUG": "a bug in kefu-check: one line, no traceback; please report it",
}


def _fields(model, document: str, prefix: str = ""):
    """(document:path, pydantic FieldInfo, the inner type) for every field, depth first; a channel key is `<channel>`,
    a list item `[]`."""
    from pydantic import BaseModel

    for name, info in model.model_fields.items():
        path = prefix + (info.alias or name)
        inner, suffix = _unwrap(info.annotation)
        key = path + suffix
        yield f"{document}:{key}", info, inner
        if isinstance(inner, type) and issubclass(inner, BaseModel):
            yield from _fields(inner, document, key + ".")


def _unwrap(annotation):
    """The type inside Optional/Annotated/list/dict, with the path suffix its containers add."""
    import types
    import typing

    suffix = ""
    while True:
        origin, args = typing.get_origin(annotation), typing.get_args(annotation)
        if origin is typing.Annotated:
            annotation = args[0]
        elif origin in (typing.Union, types.UnionType):
            annotation = next(a for a in args if a is not type(None))
        elif origin is list:
            annotation, suffix = args[0], suffix + "[]"
        elif origin is dict:
            annotation, suffix = args[1], suffix + ".<channel>"
        else:
            return annotation, suffix


def _type(info, inner) -> str:
    import typing

    from kefu_check import models

    named = {
        "Money": "amount ≥ 0 (number or string)",
        "Rate": "decimal 0–1",
        "Percent": "percent 0–100",
        "Score": "decimal ≥ 0",
        "Count": "integer ≥ 0",
        "Days": "integer 0–3660",
        "IsoDate": "date `YYYY-MM-DD`",
        "Timestamp": "ISO 8601 timestamp",
        "Month": "`YYYY-MM`",
        "Cycle": "`YYYY-MM` or `YYYY-Qn`",
        "HHMM": "`HH:MM` (`24:00` as an end)",
        "TimeZone": "IANA time zone",
    }
    annotation = info.annotation
    for name, text in named.items():
        alias = getattr(models, name, None)
        if alias is not None and (_same(info.metadata, alias) or _contains(annotation, alias)):
            return _listed(annotation, text)
    if typing.get_origin(inner) is typing.Literal:
        return _listed(annotation, "one of " + ", ".join(f"`{v}`" for v in typing.get_args(inner)))
    if inner is bool:
        return "true / false"
    if inner is int:
        return _listed(annotation, "integer")
    if isinstance(inner, type) and inner.__name__ in ("str",):
        return _listed(annotation, "text")
    if inner is typing.Any or inner is dict:
        return "object"
    if isinstance(inner, type):
        return _listed(annotation, "object")
    return _listed(annotation, "text or object")


def _same(metadata: list, alias) -> bool:
    """A required field's annotation is stripped to its base type by pydantic: its metadata are the alias's."""
    import typing

    marks = typing.get_args(alias)[1:]
    return bool(marks) and len(metadata) == len(marks) and all(a is b for a, b in zip(metadata, marks, strict=True))


def _contains(annotation, alias) -> bool:
    import typing

    if annotation is alias:
        return True
    return any(_contains(a, alias) for a in typing.get_args(annotation) if a is not None)


def _listed(annotation, text: str) -> str:
    _, suffix = _unwrap(annotation)
    if suffix.endswith("[]"):
        return f"list of {text}"
    if suffix.endswith(".<channel>"):
        return f"{text}, by channel"
    return text


def _required_by_the_check() -> set[str]:
    """The contract fields the monthly check refuses to do without (terms.requirement_problems on contracts that
    give every section and nothing in it), as `contract:path`."""
    from kefu_check.models import Contract
    from kefu_check.terms import requirement_problems

    standards = {"first_response": {"<channel>": {}}, "service_hours": {}, "availability": {}, "resolution": {},
                 "satisfaction": {}, "report": {}}  # fmt: skip
    probes = [
        {
            "term": {"renewal": {"auto": True, "objection_by": "notice_window"}},
            "fees": {"method": "per_usage"},
            "provider": {},
            "client": {},
            "standards": standards,
        },
        {"term": {"renewal": {}}, "fees": {}},
        {},
    ]
    return {
        f"contract:{path}" for probe in probes for path, _ in requirement_problems(Contract.model_validate(probe), {})
    }


def _default(key: str, info, required: set[str]) -> str:
    from pydantic_core import PydanticUndefined

    if key in DEFAULTS:
        return DEFAULTS[key]
    if info.is_required():
        return "*required*"
    if key in required:
        return "*required* by the check (null: refused)"
    default = info.default
    if default is PydanticUndefined or default is None:
        return "null"
    if default == []:
        return "`[]`"
    return f"`{json.dumps(default)}`"


def _clause(key: str) -> str:
    best = max(
        (k for k in CLAUSES if key == k or key.startswith(k + ".") or key.startswith(k + "[")), key=len, default=None
    )
    if best is None:
        raise KeyError(f"no clause for {key}: add it to CLAUSES in scripts/gen-docs.py")
    return CLAUSES[best]


def _fixture_documents() -> dict[str, list]:
    """The contract and month documents of fixtures/ (the sequences first), parsed."""
    found: dict[str, list] = {"contract": [], "month": []}
    files = sorted((ROOT / "fixtures").rglob("*.json"), key=lambda p: ("sequences" not in p.parts, str(p)))
    for path in files:
        if path.name.startswith("expected"):
            continue
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
        except ValueError:
            continue
        if not isinstance(doc, dict) or "kefu_check" in doc:
            continue
        if doc.get("schema") == "kefu-check/month@1" or ("period" in doc and "contract" in doc):
            found["month"].append(doc)
            if isinstance(doc.get("contract"), dict):
                found["contract"].append(doc["contract"])
        elif doc.get("schema", "kefu-check/contract@1") == "kefu-check/contract@1" and "id" in doc:
            found["contract"].append(doc)
    return found


def _values(node, parts: list[str]):
    if not parts:
        yield node
        return
    head, rest = parts[0], parts[1:]
    if head.endswith("[]"):
        head = head[:-2]
        if isinstance(node, dict) and isinstance(node.get(head), list):
            for item in node[head]:
                yield from _values(item, rest)
        return
    if head == "<channel>":
        if isinstance(node, dict):
            for value in node.values():
                yield from _values(value, rest)
        return
    if isinstance(node, dict) and head in node:
        yield from _values(node[head], rest)


def _example(key: str, inner, documents: dict[str, list]) -> str:
    from pydantic import BaseModel

    if key in EXAMPLES:
        return EXAMPLES[key]
    if isinstance(inner, type) and issubclass(inner, BaseModel):
        return ""  # an object: its fields follow, each with its example
    document, path = key.split(":", 1)
    if path.endswith("[]"):
        path = path[:-2]  # a list of values: the whole list
    for doc in documents[document]:
        for value in _values(doc, _split(path)):
            if value is None or value == [] or value == {}:
                continue
            text = json.dumps(value, ensure_ascii=False, separators=(", ", ": "))
            return text if len(text) <= 70 else text[:67] + "…"
    raise KeyError(f"no example for {key}: add one to EXAMPLES in scripts/gen-docs.py or to a fixture")


def _split(path: str) -> list[str]:
    """`invoices[].payments[].date` → ['invoices[]', 'payments[]', 'date']; `a.<channel>.b` keeps `<channel>`."""
    out = []
    for part in path.split("."):
        while part.endswith("[]") and part.count("[]") > 1:
            part = part[:-2]
        out.append(part)
    return out


def reference_fields() -> list[tuple[str, str, str, str, str, str]]:
    """(document:path, type, meaning, clause, default, example) for every field of both documents."""
    from kefu_check.models import Contract, MonthFacts

    documents = _fixture_documents()
    required = _required_by_the_check()
    rows = []
    for model, document in ((Contract, "contract"), (MonthFacts, "month")):
        for key, info, inner in _fields(model, document):
            meaning = " ".join((info.description or "").split())
            if not meaning:
                raise KeyError(f"{key}: no description in kefu_check/models.py")
            rows.append(
                (
                    key,
                    _type(info, inner),
                    meaning,
                    _clause(key),
                    _default(key, info, required),
                    _example(key, inner, documents),
                )
            )
    return rows


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _anchor(heading: str) -> str:
    import re

    return re.sub(r"[^\w\- ]", "", heading.lower()).replace(" ", "-")


def reference_doc() -> str:
    from kefu_check import cliopts
    from kefu_check.ruledocs.views import rows as rule_rows

    out = [
        "# kefu-check reference",
        "",
        "<!-- Generated by scripts/gen-docs.py from kefu_check/models.py, the consequences declared in rules/ and "
        "kefu_check/cliopts.py; do not edit by hand. -->",
        "",
        "Every field of the two input documents, every consequence id and every exit code. The documents are JSON "
        "(YAML is accepted too); unknown keys are an error; money, rates and percentages are exact decimals (a JSON "
        'number or a string such as `"20000.00"`), currency CNY; dates are `YYYY-MM-DD`. Where the agreement '
        "leaves a blank, the value may be null: `kefu-check review` reports it, and the monthly check refuses only "
        "the values it cannot do without (marked *required*; for a standard, only when that standard is given). "
        "`kefu-check schema contract|month` prints the JSON Schema (also in `schemas/`). Clauses are those of the "
        "agreement template, `rules/agreement-template.zh.txt`.",
        "",
        "A field shown as `a.<channel>.b` is under a free key (a channel name: `phone`, `chat`, …); `a[]` is a list.",
        "",
    ]
    fields = reference_fields()
    for document, title in (
        ("contract", "contract.json (`kefu-check/contract@1`)"),
        ("month", "month.json (`kefu-check/month@1`)"),
    ):
        out += [
            f"## {title}",
            "",
            "| field | type | meaning | clause | default | example |",
            "| --- | --- | --- | --- | --- | --- |",
        ]
        for key, kind, meaning, clause, default, example in fields:
            doc, path = key.split(":", 1)
            if doc == document:
                shown = f"`{_cell(example)}`" if example else ""
                out.append(
                    f"| `{path}` | {_cell(kind)} | {_cell(meaning)} | {_cell(clause)} | {_cell(default)} | {shown} |"
                )
        out.append("")
    out += [
        "## Consequence ids",
        "",
        "What the monthly check and `analyze` report (SPEC §4.0): the id, its clause, its kind (severity: `breach` "
        "and `liability` are errors; `right`, `obligation` and `warning` warnings; `status` info), who it binds and "
        "who is owed. Each id's page — the clause's text, when it is raised, why it matters and an example — is in "
        "[rules.md](rules.md) and `kefu-check explain ID`.",
        "",
        "| id | clause | kind | severity | party | counterparty | meaning |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    from kefu_check.catalogue import CONSEQUENCES

    for r in rule_rows("en"):
        kind = CONSEQUENCES[r["id"]]
        heading = f"{r['id']} ({kind.title_en})"
        out.append(
            f"| [`{r['id']}`](rules.md#{_anchor(heading)}) | {r['clause']} | {r['kind']} | {r['severity']} | "
            f"{r['party'] or '—'} | {r['counterparty'] or '—'} | {_cell(r['meaning'])} |"
        )
    out += ["", "## Exit codes", "", "| code | meaning |", "| --- | --- |"]
    for name, meaning in EXIT_CODES.items():
        out.append(f"| `{getattr(cliopts, name)}` | {meaning} |")
    out += [
        "",
        "A waived or excused consequence is `info`: it never fails a run. `--fail-on never` fails only on input "
        "errors (exit 2) and bugs (exit 3).",
        "",
    ]
    return "\n".join(out)


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
