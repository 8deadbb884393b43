"""The canonical result as JSON: every document (with its text and where each figure
stands), every check that ran, every finding, and the pages of the rules involved.
Its shape is published as docs/result.schema.json (JSON Schema 2020-12).

Every other format is rendered from this dict (``mzcheck report --from run.json``
re-renders a saved run). Deterministic: stable order, and no wall-clock unless a time
is injected (``--now``, MZCHECK_NOW) or SOURCE_DATE_EPOCH is set.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from typing import Any, Callable, Iterable, Iterator

from mzcheck import __version__
from mzcheck.errors import MzcheckError
from mzcheck.finding import SEVERITY_RANK, Check, DocumentInfo, Finding, Items, Mark, Repair, RunResult

FORMAT = "mzcheck-result"
VERSION = 1


def timestamp(now: str | None) -> str | None:
    if now:
        return now
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    return None


def _figure(r: Mark) -> dict[str, Any]:
    return {"figure_id": r.figure_id, "raw": r.raw, "start": r.start, "end": r.end, "label": r.label,
            **({"row": r.row, "col": r.col} if r.row >= 0 else {}), **({"doc": r.doc} if r.doc else {})}


def finding_dict(f: Finding) -> dict[str, Any]:
    return {
        "code": f.code,
        "name": f.name,
        "severity": f.severity.value,
        "message": f.message,
        "doc": f.doc,
        "line": f.line,
        "column": f.column,
        "figures": [_figure(r) for r in f.figures],
        "span": {"start": f.span[0], "end": f.span[1]} if f.span else None,
        "stated": f.stated,
        "computed": f.computed,
        "assumption": f.assumption,
        "fingerprint": f.fingerprint,
        **({"check": f.check} if f.check else {}),
        **({"page": f.page, "page_line": f.page_line} if f.page else {}),
        **({"repairs": [repair_dict(r) for r in f.repairs]} if f.repairs else {}),
    }


#: Repairs of typography, which their findings' messages spell out already.
TYPOGRAPHIC = frozenset(("percent", "plus", "points", "space"))
#: How a repair with no slip's shape begins (mzcheck.repairs writes it).
VALUE_LEAD = "若其余数字无误，"


def proposals(f: dict[str, Any], n: int = 3) -> str:
    """The most likely repairs of a finding, as one Chinese line for the terminal and CI logs
    ("" when it has none): 可能应为：1971（疑为两位数字颠倒：1791 → 1971）。若其余数字无误：…"""
    # a typographic repair is what the message already says (应写作“40%”)
    top = [r for r in f.get("repairs", []) if r["kind"] not in TYPOGRAPHIC][:n]
    slips = [f"{r['proposed']}（{r['explanation']}）" for r in top if r["kind"] != "value"]
    values = [r["explanation"].removeprefix(VALUE_LEAD) for r in top if r["kind"] == "value"]
    parts = (["可能应为：" + "；或".join(slips)] if slips else []) + (
        [VALUE_LEAD.rstrip("，") + "：" + "；".join(values)] if values else [])
    return "。".join(parts)


def repair_dict(r: Repair) -> dict[str, Any]:
    return {"figure": r.figure_id, "raw": r.raw, "proposed": r.proposed, "kind": r.kind, "rank": r.rank,
            "explanation": r.explanation, "span": {"start": r.start, "end": r.end} if r.end > r.start else None}


def check_dict(c: Check) -> dict[str, Any]:
    return {"code": c.code, "doc": c.doc, "outcome": c.outcome,
            "figures": [f"{r.doc}#{r.figure_id}" if r.doc else r.figure_id for r in c.figures],
            "span": {"start": c.span[0], "end": c.span[1]} if c.span else None}


def document_dict(d: DocumentInfo) -> dict[str, Any]:
    return {"name": d.name, "format": d.format, "encoding": d.encoding, "characters": d.characters,
            "figures": d.figures, "text": d.text, "marks": [_figure(m) for m in d.marks],
            "tables": [[list(row) for row in table] for table in d.tables],
            **({"pages": list(d.pages)} if d.pages else {})}


class Lazy:
    """A collection of a result rendered as dicts on each pass (a spill is read from disk)."""

    def __init__(self, source: Items[Any], render: Callable[[Any], dict[str, Any]]) -> None:
        self._source, self._render = source, render

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return (self._render(x) for x in self._source)

    def __len__(self) -> int:
        return len(self._source)


STREAMED = ("documents", "checks", "findings")


def _as_list(source: Items[Any], render: Callable[[Any], dict[str, Any]]) -> list[dict[str, Any]] | Lazy:
    return [render(x) for x in source] if isinstance(source, (list, tuple)) else Lazy(source, render)


def result_dict(result: RunResult, options: dict[str, Any] | None = None, now: str | None = None) -> dict[str, Any]:
    """The canonical result. Documents, checks and findings stay lazy when the result
    holds them on disk: rendering streams them (``chunks``)."""
    counts = {level: 0 for level in SEVERITY_RANK}
    by_rule: dict[str, int] = {}
    by_doc: dict[str, dict[str, int]] = {}
    for f in result.findings:        # one pass; a long run streams them from disk
        by_rule[f.code] = by_rule.get(f.code, 0) + 1
        slot = by_doc.setdefault(f.doc, {"error": 0, "warning": 0, "info": 0})
        slot[f.severity.value] += 1
        counts[f.severity.value] += 1
    checks = passed = 0
    for c in result.checks:
        checks += 1
        passed += c.outcome == "pass"
    order = sorted(by_doc, key=lambda d: (-by_doc[d]["error"], -by_doc[d]["warning"], -by_doc[d]["info"], d))
    by_document = [{"doc": d, **by_doc[d]} for d in order]
    return {
        "format": FORMAT,
        "version": VERSION,
        "mzcheck": __version__,
        "generated_at": timestamp(now),
        "options": options or {},
        "documents": _as_list(result.documents, document_dict),
        "rules": list(result.rules_run),
        "summary": {
            "checks": checks,
            "passed": passed,
            "findings": len(result.findings),
            **counts,
            "figures": sum(d.figures for d in result.documents),
            "by_rule": dict(sorted(by_rule.items())),
            "by_document": by_document,
        },
        "checks": _as_list(result.checks, check_dict),
        "findings": _as_list(result.findings, finding_dict),
        "rule_pages": [{"code": p.code, "name": p.name, "severity": p.severity, "family": p.family,
                        "summary": p.summary, "page": p.page,
                        **({"title_cn": p.title_cn, "page_cn": p.page_cn} if p.title_cn else {})}
                       for p in result.rule_pages],
    }


def materialize(data: dict[str, Any]) -> dict[str, Any]:
    """The same result with every streamed collection read into a list (for the formats
    that are built whole: HTML, JUnit, SARIF, GitHub)."""
    return {**data, **{k: list(data[k]) for k in STREAMED if not isinstance(data[k], list)}}


def dumps(data: dict[str, Any]) -> str:
    return "".join(chunks(data))


def chunks(data: dict[str, Any], **_: Any) -> Iterator[str]:
    """The JSON text in pieces; streamed collections are written in batches as they are
    read, so a long run's result is never held in memory as a whole. Same bytes as
    json.dumps(data, ensure_ascii=False, indent=2)."""
    lazy = [k for k in STREAMED if not isinstance(data[k], list)]
    if not lazy:
        yield json.dumps(data, ensure_ascii=False, indent=2) + "\n"
        return
    markers = {k: f"\u0000{k.upper()}\u0000" for k in lazy}
    text = json.dumps({**data, **markers}, ensure_ascii=False, indent=2)
    for key in lazy:
        head, text = text.split(json.dumps(markers[key]), 1)
        yield head
        first = True
        for batch in _batches(data[key], 1 if key == "documents" else 256):   # a document holds its text
            yield ("[\n" if first else ",\n") + _items_text(batch)
            first = False
        yield "[]" if first else "\n  ]"
    yield text + "\n"


def _batches(items: Iterable[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _items_text(batch: list[dict[str, Any]]) -> str:
    """The items of a top-level array as json.dumps(indent=2) writes them inside the
    result (two levels deep)."""
    return ",\n".join("    " + pretty(item, 2) for item in batch)


_STRING = json.encoder.encode_basestring     # the C version where the interpreter has it


def pretty(value: Any, level: int = 0) -> str:
    """``json.dumps(value, ensure_ascii=False, indent=2)`` for the JSON types a result
    holds, byte for byte, several times faster: the standard library encodes with
    indentation in pure Python, one generator per value, and a run writes hundreds of
    thousands of checks. tests/test_result_schema.py compares the two on arbitrary data."""
    if isinstance(value, str):
        return _STRING(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, dict):
        if not value:
            return "{}"
        inner = "\n" + "  " * (level + 1)
        return "{" + ",".join(f"{inner}{_STRING(str(k))}: {pretty(v, level + 1)}" for k, v in value.items()) \
            + "\n" + "  " * level + "}"
    if isinstance(value, (list, tuple)):
        if not value:
            return "[]"
        inner = "\n" + "  " * (level + 1)
        return "[" + ",".join(inner + pretty(v, level + 1) for v in value) + "\n" + "  " * level + "]"
    return json.dumps(value, ensure_ascii=False)    # floats and anything else: as json writes them


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
