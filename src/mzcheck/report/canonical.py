"""The canonical result as JSON: every document (with its text and where each figure
stands), every check that ran, every finding, and the pages of the rules involved.

Every other format is rendered from this dict (``mzcheck report --from run.json``
re-renders a saved run). Deterministic: stable order, and no wall-clock unless a time
is injected (``--now``, MZCHECK_NOW) or SOURCE_DATE_EPOCH is set.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from typing import Any

from mzcheck import __version__
from mzcheck.errors import MzcheckError
from mzcheck.finding import Finding, RunResult

FORMAT = "mzcheck-result"
VERSION = 1


def timestamp(now: str | None) -> str | None:
    if now:
        return now
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    return None


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
        **({"check": f.check} if f.check else {}),
    }


def _rule_pages(codes: set[str]) -> list[dict[str, Any]]:
    from mzcheck.rules.registry import get_rule

    pages = []
    for code in sorted(codes):
        r = get_rule(code)
        if r is not None:
            pages.append({"code": r.code, "name": r.name, "severity": r.severity.value, "family": r.family,
                          "summary": r.summary, "page": r.page})
    return pages


def result_dict(result: RunResult, options: dict[str, Any] | None = None, now: str | None = None) -> dict[str, Any]:
    counts = result.counts()
    codes = {f.code for f in result.findings} | {c.code for c in result.checks}
    return {
        "format": FORMAT,
        "version": VERSION,
        "mzcheck": __version__,
        "generated_at": timestamp(now),
        "options": options or {},
        "documents": [{
            "name": d.name, "format": d.format, "encoding": d.encoding, "characters": d.characters,
            "figures": d.figures, "text": d.text,
            "marks": [{"figure_id": m.figure_id, "raw": m.raw, "start": m.start, "end": m.end, "label": m.label,
                       **({"row": m.row, "col": m.col} if m.row >= 0 else {})} for m in d.marks],
            "tables": [[list(row) for row in table] for table in d.tables],
        } for d in result.documents],
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
        "rule_pages": _rule_pages(codes),
    }


def dumps(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def load(text: str, source: str) -> dict[str, Any]:
    """A saved run (``--format json``), checked enough to render from."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise MzcheckError(f"{source}:{exc.lineno}: 不是有效的 JSON（{exc.msg}）") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise MzcheckError(f"{source}: 不是 mzcheck 检查结果（需要 format: {FORMAT}）")
    if data.get("version") != VERSION:
        raise MzcheckError(f"{source}: 结果版本 {data.get('version')} 不受支持（本版本读取 {VERSION}）")
    for key in ("documents", "checks", "findings", "summary"):
        if not isinstance(data.get(key), (list, dict)):
            raise MzcheckError(f"{source}: 缺少 {key}")
    return data
