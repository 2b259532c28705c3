"""JUnit XML for CI dashboards: a test suite per month file, a test case per evaluated rule and subject.

Every consequence id of the catalogue is a rule that was evaluated: one raised for a subject is a test case
of its own (a failure when its severity is `error`, or `warning` under `--fail-on warning`; otherwise it
passes, its message in `system-out`); a rule that raised nothing is one passing test case.
"""

from __future__ import annotations

from xml.etree import ElementTree as ET

from ..catalogue import CONSEQUENCES
from ..check import Result
from ..i18n import Lang
from ..report import at_or_above
from .words import SEVERITY, heading, note, title


def to_junit(results: list[Result], lang: Lang, fail_on: str) -> str:
    suites = ET.Element("testsuites", name="kefu-check")
    all_tests = all_failures = 0
    for result in results:
        suite = ET.SubElement(suites, "testsuite", name=f"{result.source or result.contract}: {heading(result, lang)}")
        tests = failures = 0
        raised = {c.id for c in result.consequences}
        for c in result.consequences:
            tests += 1
            name = f"{c.id} [{c.subject}]" if c.subject else c.id
            case = ET.SubElement(suite, "testcase", classname=f"kefu-check.{c.clause}", name=name)
            body = "\n".join([note(c, lang), *c.because])
            if c.severity == "error" or at_or_above(c.severity, fail_on):
                failures += 1
                failure = ET.SubElement(case, "failure", type=c.id, message=f"{title(c.id, lang)}: {c.message}")
                failure.text = body
            else:
                ET.SubElement(case, "system-out").text = f"[{SEVERITY[lang][c.severity]}] {body}"
        for cid in sorted(set(CONSEQUENCES) - raised):
            tests += 1
            ET.SubElement(suite, "testcase", classname=f"kefu-check.{CONSEQUENCES[cid].clause}", name=cid)
        suite.set("tests", str(tests))
        suite.set("failures", str(failures))
        suite.set("errors", "0")
        suite.set("skipped", "0")
        all_tests += tests
        all_failures += failures
    suites.set("tests", str(all_tests))
    suites.set("failures", str(all_failures))
    suites.set("errors", "0")
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"
