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


class Findings:
    """The findings of a corpus run as finding dicts, streamed from disk on each pass."""

    def __init__(self, source) -> None:
        self._source = source

    def __iter__(self):
        return (finding_dict(f) for f in self._source)

    def __len__(self) -> int:
        return len(self._source)


def result_dict(result: RunResult, options: dict[str, Any] | None = None, now: str | None = None) -> dict[str, Any]:
    counts = result.counts()
    codes = {c.code for c in result.checks} | set(result.check_counts)
    counted = sum(n for by in result.check_counts.values() for n in by.values())
    counted_pass = sum(by.get("pass", 0) for by in result.check_counts.values())
    by_rule: dict[str, int] = {}
    by_doc: dict[str, dict[str, int]] = {}
    for f in result.findings:        # one pass; a corpus run streams them from disk
        by_rule[f.code] = by_rule.get(f.code, 0) + 1
        slot = by_doc.setdefault(f.doc, {"error": 0, "warning": 0, "info": 0})
        slot[f.severity.value] += 1
        codes.add(f.code)
    by_document = [{"doc": d, **c} for d, c in by_doc.items()]
    by_document.sort(key=lambda r: (-r["error"], -r["warning"], -r["info"], r["doc"]))
    spilled = not isinstance(result.findings, (list, tuple))
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
            "checks": len(result.checks) + counted,
            "passed": sum(1 for c in result.checks if c.outcome == "pass") + counted_pass,
            "findings": len(result.findings),
            **counts,
            "figures": sum(d.figures for d in result.documents),
            "by_rule": dict(sorted(by_rule.items())),
            "by_document": by_document,
        },
        **({"check_counts": {c: dict(sorted(v.items())) for c, v in sorted(result.check_counts.items())}}
           if result.check_counts else {}),
        "checks": [{"code": c.code, "doc": c.doc, "outcome": c.outcome,
                    "figures": [r.figure_id for r in c.figures],
                    "span": {"start": c.span[0], "end": c.span[1]} if c.span else None}
                   for c in result.checks],
        "findings": Findings(result.findings) if spilled else [finding_dict(f) for f in result.findings],
        "rule_pages": _rule_pages(codes),
    }


def dumps(data: dict[str, Any]) -> str:
    return "".join(chunks(data))


def chunks(data: dict[str, Any]):
    """The JSON text in pieces; the findings are written one by one, so a corpus run's
    result is never held in memory as a whole. Same bytes as json.dumps(indent=2)."""
    findings = data["findings"]
    if isinstance(findings, list):
        yield json.dumps(data, ensure_ascii=False, indent=2) + "\n"
        return
    marker = "\u0000FINDINGS\u0000"
    head, tail = json.dumps({**data, "findings": marker}, ensure_ascii=False, indent=2).split(json.dumps(marker), 1)
    yield head
    first = True
    for f in findings:
        yield ("[\n" if first else ",\n") + "\n".join("    " + line for line in
                                                      json.dumps(f, ensure_ascii=False, indent=2).splitlines())
        first = False
    yield "[]" if first else "\n  ]"
    yield tail + "\n"


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
