"""The pipeline without printing: paths → documents → figures → rules → RunResult.

Nothing here exits or writes to a terminal; :mod:`mzcheck.cli` does that.
"""

from __future__ import annotations

import traceback
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Iterable, Sequence

from mzcheck.extract import extract_text
from mzcheck.figures import Figure
from mzcheck.finding import Check, DocumentInfo, Finding, FigureRef, Mark, RunResult, Severity, fingerprint
from mzcheck.ingest import Document, read_document
from mzcheck.numbers.reading import DEFAULT_RHO


@dataclass(frozen=True)
class Options:
    """What a run checks: rule selection and the 约 cap ρ."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    rho: Fraction = DEFAULT_RHO
    severity: dict[str, Severity] = field(default_factory=dict)


@dataclass(frozen=True)
class Extraction:
    """A document's figures: from prose, and from its tables (cells with row path)."""

    prose: list[Figure]
    tables: list  # extract.tables.StatTable
    raw_tables: list = field(default_factory=list)  # ingest.tables.RawTable, as read

    @property
    def figures(self) -> list[Figure]:
        return self.prose + [f for t in self.tables for f in t.figures]


def extract_document(doc: Document) -> Extraction:
    from mzcheck.extract.tables import parse_table
    from mzcheck.ingest.tables import find_text_tables

    raws = list(doc.tables)
    if doc.text and ("|" in doc.text or "指标" in doc.text):
        raws += find_text_tables(doc.text, doc.name)
    tables, next_id = [], 1
    for i, raw in enumerate(raws):
        table = parse_table(raw, doc.name, next_id)
        if table is not None and table.rows:
            table.raw_index = i
            tables.append(table)
            next_id += len(table.figures)
    prose = extract_text(doc.text, doc.name) if doc.text else []
    regions = sorted(_row_regions(raws))
    if regions:
        prose = [f for f in prose if not _inside(regions, f.start, f.end)]
    return Extraction(prose, tables, raws)


def document_info(doc: Document, extraction: Extraction) -> DocumentInfo:
    """What reporters need of a document: its text and where every figure stands; for a
    table file (no text), the tables themselves with each figure's cell."""
    marks = [Mark(f.figure_id, f.raw, f.start, f.end, f.label) for f in extraction.prose]
    tables: list[tuple[tuple[str, ...], ...]] = []
    if doc.text:
        marks += [Mark(f.figure_id, f.raw, f.start, f.end, f.label) for t in extraction.tables for f in t.figures
                  if f.end > f.start]
    else:
        offset = 0
        for raw in extraction.raw_tables:
            tables.append(tuple(tuple(row) for row in raw.rows))
        for t in extraction.tables:
            offset = sum(len(extraction.raw_tables[i].rows) for i in range(t.raw_index))
            for f in t.figures:
                r, c = t.cells[f.figure_id]
                marks.append(Mark(f.figure_id, f.raw, 0, 0, f.label, offset + r, c))
    marks.sort(key=lambda m: (m.start, m.row, m.col, m.figure_id))
    return DocumentInfo(doc.name, doc.format, doc.encoding, len(doc.text), len(extraction.figures),
                        doc.text, tuple(marks), tuple(tables))


def _row_regions(raws) -> list[tuple[int, int]]:
    out = []
    for raw in raws:
        for spans in raw.spans:
            cells = [s for s in spans if s is not None]
            if cells:
                out.append((min(s[0] for s in cells), max(s[1] for s in cells)))
    return out


def _inside(regions: list[tuple[int, int]], start: int, end: int) -> bool:
    from bisect import bisect_right

    i = bisect_right(regions, (start, float("inf"))) - 1
    return i >= 0 and regions[i][0] <= start and end <= regions[i][1]


def extract_paths(paths: Iterable[str | Path]) -> tuple[list[Document], list[Figure]]:
    """Read every path (in the order given) and extract its figures."""
    docs = [read_document(p) for p in paths]
    figures = [f for d in docs for f in extract_document(d).figures]
    return docs, figures


def _ref(f: Figure) -> FigureRef:
    return FigureRef(f.figure_id, f.raw, f.start, f.end, f.label)


def check_document(doc: Document, options: Options = Options()) -> tuple[Extraction, list[Check], list[Finding]]:
    from mzcheck.rules.context import DocContext
    from mzcheck.rules.registry import all_rules, matches

    extraction = extract_document(doc)
    figures = extraction.figures
    ctx = DocContext(doc.name, doc.text, extraction.prose, options.rho, extraction.tables)
    checks: list[Check] = []
    findings: list[Finding] = []
    crash = next(r for r in all_rules() if r.code == "MZ901")
    for r in all_rules():
        if r.check is None:
            continue
        if options.select and not matches(r.code, options.select):
            continue
        if matches(r.code, options.ignore):
            continue
        try:
            outcomes = list(r.check(ctx))
        except Exception as exc:  # a crashing rule is a finding, and the run goes on
            if matches(crash.code, options.ignore):
                continue
            tb = traceback.extract_tb(exc.__traceback__)[-1]
            findings.append(Finding(
                crash.code, crash.name, Severity.ERROR,
                f"规则 {r.code} {r.name} 运行出错：{type(exc).__name__}: {exc}（{Path(tb.filename).name}:{tb.lineno}）",
                doc.name, line=1, column=1, fingerprint=fingerprint(crash.code, (r.code,), type(exc).__name__)))
            continue
        for o in outcomes:
            refs = tuple(_ref(f) for f in o.figures)
            if o.passed:
                checks.append(Check(r.code, doc.name, refs, "pass", o.span))
                continue
            severity = options.severity.get(r.code) or o.severity or r.severity
            if severity.rank > r.severity.rank and r.code not in options.severity:
                severity = r.severity  # a rule never reports above its default
            start = o.span[0] if o.span else min(f.start for f in o.figures)
            line, col = ctx.line_col(start)
            if o.figures and not o.span and all(f.start == f.end == 0 for f in o.figures):
                line, col = o.figures[0].sentence_id, 1   # a cell of a table file: its row
            lo, hi = ctx.full_sentence(o.figures[0]) if o.figures else (o.span[0], o.span[1])
            anchors = tuple(f.raw for f in o.figures) or (doc.text[o.span[0]:o.span[1]],)
            findings.append(Finding(
                r.code, r.name, severity, o.message, doc.name, refs, o.span, line, col,
                o.stated, o.computed, o.assumption, fingerprint(r.code, anchors, doc.text[lo:hi]),
            ))
            checks.append(Check(r.code, doc.name, refs, severity.value, o.span))
    findings.sort(key=lambda f: (f.start, f.code))
    return extraction, checks, findings


def check_documents(docs: Sequence[Document], options: Options = Options()) -> RunResult:
    from mzcheck.rules.registry import all_rules, matches

    infos, checks, findings = [], [], []
    for doc in docs:
        extraction, c, f = check_document(doc, options)
        infos.append(document_info(doc, extraction))
        checks.extend(c)
        findings.extend(f)
    rules_run = tuple(r.code for r in all_rules() if r.check is not None
                      and (not options.select or matches(r.code, options.select))
                      and not matches(r.code, options.ignore))
    return RunResult(tuple(infos), tuple(checks), tuple(findings), rules_run)


def check_paths(paths: Iterable[str | Path], options: Options = Options()) -> RunResult:
    return check_documents([read_document(p) for p in paths], options)
