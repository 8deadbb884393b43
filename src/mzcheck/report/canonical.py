"""The canonical result as JSON: every document, every check that ran, every finding.

Deterministic: stable order, and no wall-clock unless a time is injected
(``--now`` or the MZCHECK_NOW environment variable).
"""

from __future__ import annotations

import json
from typing import Any

from mzcheck import __version__
from mzcheck.finding import Finding, RunResult

FORMAT = "mzcheck-result"
VERSION = 1


def finding_dict(f: Finding) -> dict[str, Any]:
    return {
        "code": f.code,
        "name": f.name,
        "severity": f.severity.value,
        "message": f.message,
        "doc": f.doc,
        "line": f.line,
        "column": f.column,
        "figures": [{"figure_id": r.figure_id, "raw": r.raw, "start": r.start, "end": r.end, "label": r.label}
                    for r in f.figures],
        "span": {"start": f.span[0], "end": f.span[1]} if f.span else None,
        "stated": f.stated,
        "computed": f.computed,
        "assumption": f.assumption,
        "fingerprint": f.fingerprint,
    }


def result_dict(result: RunResult, options: dict[str, Any] | None = None, now: str | None = None) -> dict[str, Any]:
    counts = result.counts()
    return {
        "format": FORMAT,
        "version": VERSION,
        "mzcheck": __version__,
        "generated_at": now,
        "options": options or {},
        "documents": [{"name": d.name, "format": d.format, "encoding": d.encoding,
                       "characters": d.characters, "figures": d.figures} for d in result.documents],
        "rules": list(result.rules_run),
        "summary": {
            "checks": len(result.checks),
            "passed": sum(1 for c in result.checks if c.outcome == "pass"),
            "findings": len(result.findings),
            **counts,
        },
        "checks": [{"code": c.code, "doc": c.doc, "outcome": c.outcome,
                    "figures": [r.figure_id for r in c.figures],
                    "span": {"start": c.span[0], "end": c.span[1]} if c.span else None}
                   for c in result.checks],
        "findings": [finding_dict(f) for f in result.findings],
    }


def render(result: RunResult, options: dict[str, Any] | None = None, now: str | None = None) -> str:
    return json.dumps(result_dict(result, options, now), ensure_ascii=False, indent=2) + "\n"
