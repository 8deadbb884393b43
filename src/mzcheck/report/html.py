"""The HTML report: one self-contained file an auditor opens from a USB stick.

Rendered with Jinja2 (autoescape on) from the canonical result dict; CSS and script
are inline and nothing is loaded from anywhere. Document text is passed as data,
never as template source, so ``<script>`` or ``{{ }}`` in a report stays text.
"""

from __future__ import annotations

from typing import Any, Iterable

from mzcheck.finding import OUTCOME_CN as SEVERITY_CN
from mzcheck.finding import OUTCOME_RANK as RANK

FAMILY_CN = {"configuration": "配置", "typography": "书写", "bounds": "取值范围", "relations": "数量关系",
             "plausibility": "合理性", "great-expectations": "GX", "internal": "内部"}


def _worst(outcomes: list[str]) -> str:
    return max(outcomes, key=lambda o: RANK.get(o, 0)) if outcomes else "none"


def _locate(data: dict[str, Any]):
    """figure (doc, id, start, end) → the mark's element id; ambiguity resolved by doc first."""
    ids: dict[tuple[str, str], str] = {}
    by_id: dict[str, list[tuple[str, str]]] = {}
    for i, d in enumerate(data["documents"]):
        for m in d.get("marks", []):
            element = f"d{i}-{m['figure_id']}"
            ids[(d["name"], m["figure_id"])] = element
            by_id.setdefault(m["figure_id"], []).append((d["name"], element))

    def find(doc: str, figure_id: str, raw: str | None = None) -> str | None:
        if "#" in figure_id:                  # DOC#FIGURE_ID: a figure of another document (MZ327)
            doc, _, figure_id = figure_id.rpartition("#")
        if (doc, figure_id) in ids:
            return ids[(doc, figure_id)]
        others = by_id.get(figure_id, [])
        return others[0][1] if len(others) == 1 else None

    return find


def _segments(text: str, marks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    pos = 0
    for m in sorted(marks, key=lambda m: (m["start"], -m["end"])):
        if m["start"] < pos or m["end"] <= m["start"]:
            continue  # overlapping or empty: the finding is still listed beside the text
        if m["start"] > pos:
            out.append({"text": text[pos:m["start"]], "mark": None})
        out.append({"text": text[m["start"]:m["end"]], "mark": m})
        pos = m["end"]
    if pos < len(text):
        out.append({"text": text[pos:], "mark": None})
    return out


def _lines(segments: list[dict[str, Any]], text: str, pages: list[int]) -> list[dict[str, Any]]:
    """The segments cut into numbered lines, each marked with the page it opens (PDF)."""
    page_at = {text.count("\n", 0, start) + 1: n for n, start in enumerate(pages, 1)}
    lines: list[dict[str, Any]] = []
    current: list[dict[str, Any]] = []
    for seg in segments:
        if seg["mark"] is not None:
            current.append(seg)
            continue
        first, *rest = seg["text"].split("\n")
        if first:
            current.append({"text": first, "mark": None})
        for part in rest:
            lines.append({"n": len(lines) + 1, "segments": current, "page": page_at.get(len(lines) + 1)})
            current = [{"text": part, "mark": None}] if part else []
    lines.append({"n": len(lines) + 1, "segments": current, "page": page_at.get(len(lines) + 1)})
    return lines


def _repairs(find, f: dict[str, Any], n: int = 3) -> list[dict[str, Any]]:
    """The first repairs of a finding, each with the element of the figure it changes."""
    return [{**r, "target": find(f["doc"], r["figure"]) or ""} for r in f.get("repairs", [])[:n]]


def _beside(f: dict[str, Any], texts: dict[str, str], reach: int = 40) -> list[dict[str, Any]]:
    """A finding about two documents (MZ327): each document's passage around its figures, to
    show side by side — the later report's figures and the earlier report's."""
    docs = list(dict.fromkeys(r.get("doc") or f["doc"] for r in f["figures"]))
    if len(docs) < 2:
        return []
    out = []
    for doc in docs:
        text = texts.get(doc, "")
        spans = sorted((r["start"], r["end"]) for r in f["figures"] if (r.get("doc") or f["doc"]) == doc)
        if not text or not spans:
            continue
        lo, hi = max(0, spans[0][0] - reach), min(len(text), spans[-1][1] + reach)
        pieces, at = [], lo
        for s, e in spans:
            pieces += [{"text": text[at:s], "mark": False}, {"text": text[s:e], "mark": True}]
            at = e
        pieces.append({"text": text[at:hi], "mark": False})
        out.append({"doc": doc, "pieces": pieces})
    return out


def context(data: dict[str, Any]) -> dict[str, Any]:
    find = _locate(data)
    texts = {d["name"]: d.get("text", "") for d in data["documents"]}
    worst: dict[str, list[str]] = {}
    for c in data["checks"]:
        for fid in c["figures"]:
            element = find(c["doc"], fid)
            if element:
                worst.setdefault(element, []).append(c["outcome"])
    documents = []
    for i, d in enumerate(data["documents"]):
        findings = [dict(f) for f in data["findings"] if f["doc"] == d["name"]]
        span_marks = []
        for k, f in enumerate(findings):
            f_targets = []
            for r in f["figures"]:
                element = find(r.get("doc") or f["doc"], r["figure_id"])
                if element:
                    f_targets.append(element)
            if f.get("span"):
                element = f"d{i}-s{k}"
                span_marks.append({"figure_id": f"s{k}", "start": f["span"]["start"], "end": f["span"]["end"],
                                   "element": element, "verdict": f["severity"], "label": f["name"]})
                f_targets.append(element)
            f["_targets"] = " ".join(f_targets)
            f["_repairs"] = _repairs(find, f)
            f["_beside"] = _beside(f, texts)
        marks = []
        for m in d.get("marks", []):
            element = f"d{i}-{m['figure_id']}"
            marks.append({**m, "element": element, "verdict": _worst(worst.get(element, []))})
        passed = [c for c in data["checks"] if c["doc"] == d["name"] and c["outcome"] == "pass"
                  and c["code"][:3] in ("MZ3", "MZ4")]
        checked = []
        for c in passed:
            targets = [find(c["doc"], fid) for fid in c["figures"]]
            raws = {m["figure_id"]: m["raw"] for m in d.get("marks", [])}
            checked.append({"code": c["code"], "targets": " ".join(t for t in targets if t),
                            "figures": "、".join(raws.get(fid, fid) for fid in c["figures"])})
        tables = []
        if d.get("tables"):
            cell_marks = {(m["row"], m["col"]): m for m in marks if "row" in m}
            offset = 0
            for table in d["tables"]:
                rows = []
                for r, row in enumerate(table):
                    rows.append([{"text": cell, "mark": cell_marks.get((offset + r, c))} for c, cell in enumerate(row)])
                tables.append(rows)
                offset += len(table)
        documents.append({
            "index": i, "name": d["name"], "format": d["format"], "figures": d["figures"],
            "lines": _lines(_segments(d["text"], marks + span_marks), d["text"], d.get("pages", []))
            if d.get("text") else [],
            "tables": tables, "findings": findings, "checked": checked,
        })
    codes = sorted({f["code"] for f in data["findings"]})
    used = set(codes) | {c["code"] for c in data.get("checks", [])}
    return {
        "pages": [p for p in data.get("rule_pages", []) if p["code"] in used],   # every rule run is described for SARIF
        "titles": {p["code"]: p["title_cn"] for p in data.get("rule_pages", []) if p.get("title_cn")},
        "data": data, "documents": documents, "codes": codes, "severity_cn": SEVERITY_CN,
        "family_cn": FAMILY_CN, "figures_total": sum(d["figures"] for d in data["documents"]),
    }


def chunks(data: dict[str, Any], *, fail_on: str = "error", color: bool = False) -> Iterable[str]:
    return [render(data)]


def render(data: dict[str, Any]) -> str:
    from jinja2 import Environment, PackageLoader, StrictUndefined

    env = Environment(loader=PackageLoader("mzcheck.report", "templates"), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    return env.get_template("report.html.j2").render(**context(data))
