"""JUnit XML for CI systems: one test suite per document, one test case per check.

A finding at or above ``--fail-on`` is a <failure>; below it, the test case passes
and carries the message in <system-out>. Built with the standard library's
ElementTree; deterministic (no timestamps).
"""

from __future__ import annotations

from xml.etree import ElementTree as ET

from mzcheck.finding import RunResult, Severity


def render(result: RunResult, fail_on: Severity = Severity.ERROR) -> str:
    root = ET.Element("testsuites", name="mzcheck")
    suites: dict[str, ET.Element] = {}
    counts: dict[str, list[int]] = {}

    def suite(doc: str) -> ET.Element:
        if doc not in suites:
            suites[doc] = ET.SubElement(root, "testsuite", name=doc)
            counts[doc] = [0, 0]
        return suites[doc]

    for doc in result.documents:
        suite(doc.name)
    for check in result.checks:
        if check.outcome != "pass":
            continue
        s = suite(check.doc)
        counts[check.doc][0] += 1
        what = " ".join(r.raw for r in check.figures) or "-"
        ET.SubElement(s, "testcase", classname=check.code, name=f"{check.code} {what}")
    for f in result.findings:
        s = suite(f.doc)
        counts[f.doc][0] += 1
        case = ET.SubElement(s, "testcase", classname=f.code, name=f"{f.code} {f.name} {f.doc}:{f.line}")
        if f.severity.rank >= fail_on.rank:
            counts[f.doc][1] += 1
            failure = ET.SubElement(case, "failure", type=f.severity.value, message=f.message)
            failure.text = f"{f.doc}:{f.line}:{f.column}: {f.code} {f.name}\n{f.message}"
        else:
            ET.SubElement(case, "system-out").text = f"{f.severity.value}: {f.message}"
    total = failures = 0
    for doc, s in suites.items():
        tests, fails = counts[doc]
        s.set("tests", str(tests))
        s.set("failures", str(fails))
        s.set("errors", "0")
        total, failures = total + tests, failures + fails
    root.set("tests", str(total))
    root.set("failures", str(failures))
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
