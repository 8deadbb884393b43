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


#: Formats whose text offsets are offsets into the file (a .docx or .html is read, not patched).
PATCHABLE = frozenset(("txt", "md"))


def _position(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column (in code points) of an offset."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _fixes(f: dict[str, Any], text: str | None) -> list[dict[str, Any]]:
    """One SARIF fix per repair that has a place in a patchable text, most likely first."""
    if not text:
        return []
    out = []
    for r in f.get("repairs", []):
        span = r.get("span")
        if not span or text[span["start"]:span["end"]] == r["proposed"]:
            continue
        (sl, sc), (el, ec) = _position(text, span["start"]), _position(text, span["end"])
        region = {"startLine": sl, "startColumn": sc, "endLine": el, "endColumn": ec,
                  "charOffset": span["start"], "charLength": span["end"] - span["start"]}
        out.append({
            "description": {"text": r["explanation"]},
            "artifactChanges": [{
                "artifactLocation": {"uri": _uri(f["doc"])},
                "replacements": [{"deletedRegion": region, "insertedContent": {"text": r["proposed"]}}],
            }],
        })
    return out


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
    # a fix patches the file itself: only plain-text files, whose text offsets are the file's own
    texts = {d["name"]: d.get("text", "") for d in data["documents"] if d.get("format") in PATCHABLE}
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
        fixes = _fixes(f, texts.get(f["doc"]))
        if fixes:
            result["fixes"] = fixes
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
