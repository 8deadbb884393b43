"""JUnit XML for CI systems: one test suite per document, one test case per check.

A finding at or above ``--fail-on`` is a <failure>; below it, the test case passes
and carries the message in <system-out>. Built with the standard library's
ElementTree (which escapes all text); deterministic, no timestamps.
"""

from __future__ import annotations

import re
from typing import Any, Iterable
from xml.etree import ElementTree as ET

from mzcheck.finding import SEVERITY_RANK as RANK

_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(text: str) -> str:
    """XML 1.0 cannot hold most control characters: show them escaped."""
    return _XML_ILLEGAL.sub(lambda m: f"\\x{ord(m.group()):02x}", str(text))


def chunks(data: dict[str, Any], *, fail_on: str = "error", color: bool = False) -> Iterable[str]:
    return [render(data, fail_on)]


def render(data: dict[str, Any], fail_on: str = "error") -> str:
    root = ET.Element("testsuites", name="mzcheck")
    suites: dict[str, ET.Element] = {}
    counts: dict[str, list[int]] = {}
    raws = {(d["name"], m["figure_id"]): m["raw"] for d in data["documents"] for m in d.get("marks", [])}

    def suite(doc: str) -> ET.Element:
        if doc not in suites:
            suites[doc] = ET.SubElement(root, "testsuite", name=_clean(doc))
            counts[doc] = [0, 0]
        return suites[doc]

    for doc in data["documents"]:
        suite(doc["name"])
    for check in data["checks"]:
        if check["outcome"] != "pass":
            continue
        s = suite(check["doc"])
        counts[check["doc"]][0] += 1
        what = " ".join(raws.get((check["doc"], fid), fid) for fid in check["figures"]) or "-"
        ET.SubElement(s, "testcase", classname=check["code"], name=_clean(f"{check['code']} {what}"))
    for f in data["findings"]:
        s = suite(f["doc"])
        counts[f["doc"]][0] += 1
        case = ET.SubElement(s, "testcase", classname=f["code"],
                             name=_clean(f"{f['code']} {f['name']} {f['doc']}:{f['line']}"))
        if RANK[f["severity"]] >= RANK[fail_on]:
            counts[f["doc"]][1] += 1
            failure = ET.SubElement(case, "failure", type=f["severity"], message=_clean(f["message"]))
            failure.text = _clean(f"{f['doc']}:{f['line']}:{f['column']}: {f['code']} {f['name']}\n{f['message']}")
        else:
            ET.SubElement(case, "system-out").text = _clean(f"{f['severity']}: {f['message']}")
    total = failures = 0
    for doc, s in suites.items():
        tests, fails = counts[doc]
        s.set("tests", str(tests))
        s.set("failures", str(fails))
        s.set("errors", "0")
        s.set("skipped", "0")
        total, failures = total + tests, failures + fails
    root.set("tests", str(total))
    root.set("failures", str(failures))
    root.set("errors", "0")
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
