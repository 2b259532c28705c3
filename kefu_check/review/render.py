"""The views of a Review (registered in render/__init__.py): a table for people, JSON for machines, markdown for a
lawyer's memo, JUnit and GitHub workflow commands for CI. Each is `view(review, lang, fail_on) -> str`."""

from __future__ import annotations

import json

from .findings import Finding, Review
from .messages import word


def json_view(review: Review, lang: str, fail_on: str = "error") -> str:
    return json.dumps(review.as_json(), ensure_ascii=False, indent=2) + "\n"


def _where(finding: Finding, lang: str, source: str = "") -> str:
    """第N行 (a line of a .txt) or 第N段 (a paragraph of a .docx); the path for a contract.json."""
    loc = finding.location
    if loc.path is not None:
        return loc.path
    if loc.line is None:
        return ""
    return word(lang, "paragraph" if source.lower().endswith(".docx") else "line", line=loc.line)


def _rows(review: Review, lang: str) -> list[list[str]]:
    return [
        [f.clause, _where(f, lang, review.source), f.id, word(lang, f.severity), f.message, f.suggestion]
        for f in review.findings
    ]


def _title(review: Review, lang: str) -> str:
    return word(lang, "title", contract=review.contract or "", source=review.source)


def to_table(review: Review, lang: str, fail_on: str = "error") -> str:
    from tabulate import tabulate

    out = [_title(review, lang), ""]
    if review.findings:
        headers = word(lang, "headers").split("|")
        widths = [None, None, None, None, 48, 48]
        out.append(
            tabulate(
                _rows(review, lang), headers=headers, tablefmt="simple_grid", disable_numparse=True, maxcolwidths=widths
            )
        )
    else:
        out.append(word(lang, "none"))
    out += ["", word(lang, "summary", **review.summary)]
    return "\n".join(out) + "\n"


def to_markdown(review: Review, lang: str, fail_on: str = "error") -> str:
    from ..render.markdown import cell, table

    out = [f"# {cell(_title(review, lang))}", ""]
    if review.findings:
        out += table(word(lang, "headers").split("|"), _rows(review, lang))
    else:
        out.append(word(lang, "none"))
    out += ["", word(lang, "summary", **review.summary)]
    return "\n".join(out) + "\n"


def to_junit(review: Review, lang: str, fail_on: str = "error") -> str:
    """A test suite for the contract: a test case per finding (a failure at or above --fail-on, errors always)
    and one passing case per finding id not raised."""
    from xml.etree import ElementTree as ET

    from ..report import at_or_above
    from .findings import SEVERITY

    suites = ET.Element("testsuites", name="kefu-check review")
    suite = ET.SubElement(suites, "testsuite", name=_title(review, lang))
    failures = 0
    for f in review.findings:
        case = ET.SubElement(suite, "testcase", classname=f"kefu-check.{f.clause}", name=f"{f.id} [{_where(f, lang)}]")
        if f.severity == "error" or at_or_above(f.severity, fail_on):
            failures += 1
            ET.SubElement(case, "failure", type=f.id, message=f.message).text = f"{f.message}\n{f.suggestion}"
        else:
            ET.SubElement(case, "system-out").text = f"[{word(lang, f.severity)}] {f.message}\n{f.suggestion}"
    for fid in sorted(set(SEVERITY) - {f.id for f in review.findings}):
        ET.SubElement(suite, "testcase", classname="kefu-check.review", name=fid)
    tests = str(len(suite))
    for node in (suites, suite):
        node.set("tests", tests)
        node.set("failures", str(failures))
        node.set("errors", "0")
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"


def to_github(review: Review, lang: str, fail_on: str = "error") -> str:
    """Workflow commands, one per finding, on the agreement's line when it is a text (its path as given)."""
    from ..render.github import COMMAND, escape_data, escape_property

    path = review.file or review.source
    lines = []
    for f in review.findings:
        props = [f"file={escape_property(path)}"]
        if f.location.line is not None:
            props.append(f"line={f.location.line}")
        props.append(f"title={escape_property(f'{f.id} {f.clause}')}")
        lines.append(f"::{COMMAND[f.severity]} {','.join(props)}::{escape_data(f.message + chr(10) + f.suggestion)}")
    return "".join(line + "\n" for line in lines)
