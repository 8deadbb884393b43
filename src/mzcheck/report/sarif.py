"""SARIF 2.1.0: the rules with their pages, the results with their locations."""

from __future__ import annotations

import json
from typing import Any, Iterable

from mzcheck import __version__

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def _uri(path: str) -> str:
    from urllib.parse import quote

    return quote(path.replace("\\", "/"), safe="/:")


def chunks(data: dict[str, Any], *, fail_on: str = "error", color: bool = False) -> Iterable[str]:
    return [render(data)]


def render(data: dict[str, Any]) -> str:
    pages = {p["code"]: p for p in data.get("rule_pages", [])}
    codes = sorted({f["code"] for f in data["findings"]} | set(data.get("rules", [])))
    rules = []
    for code in codes:
        p = pages.get(code, {"name": code, "summary": code, "page": code, "severity": "error"})
        rules.append({
            "id": code,
            "name": p["name"],
            "shortDescription": {"text": p["summary"]},
            "fullDescription": {"text": p["page"]},
            "help": {"text": p["page"]},
            "defaultConfiguration": {"level": LEVEL[p["severity"]]},
        })
    index = {r["id"]: i for i, r in enumerate(rules)}
    docs = [d["name"] for d in data["documents"]]
    results = []
    for f in data["findings"]:
        region: dict[str, Any] = {"startLine": max(int(f["line"]), 1), "startColumn": max(int(f["column"]), 1)}
        spans = [f["span"]] if f.get("span") else [r for r in f["figures"] if r["end"] > r["start"]]
        if spans:
            region["charOffset"] = spans[0]["start"]
            region["charLength"] = spans[0]["end"] - spans[0]["start"]
        location = {"physicalLocation": {"artifactLocation": {"uri": _uri(f["doc"])}, "region": region}}
        if f["doc"] in docs:
            location["physicalLocation"]["artifactLocation"]["index"] = docs.index(f["doc"])
        result = {
            "ruleId": f["code"],
            "level": LEVEL[f["severity"]],
            "message": {"text": f["message"]},
            "locations": [location],
            "partialFingerprints": {"mzcheck/v1": f["fingerprint"]},
        }
        if f["code"] in index:
            result["ruleIndex"] = index[f["code"]]
        if f.get("page"):            # a PDF: lines count in the text read from it; the page is what readers use
            result["properties"] = {"page": f["page"], "pageLine": f["page_line"]}
        results.append(result)
    sarif = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "mzcheck", "version": __version__, "semanticVersion": __version__,
                                "rules": rules}},
            "artifacts": [{"location": {"uri": _uri(d)}} for d in docs],
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }
    return json.dumps(sarif, ensure_ascii=False, indent=2) + "\n"
