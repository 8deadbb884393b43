"""One document through the pipeline, without printing: document → figures → rules.

:func:`extract_document` finds a document's figures (prose, and the tables in it or of
it); :func:`check_document` runs every rule the policy selects and returns the
document's checks and findings. Runs over many documents, and the result, are
:mod:`mzcheck.pipeline`'s. Nothing here exits or writes to a terminal.
"""

from __future__ import annotations

import re
import traceback
from collections import Counter
from bisect import bisect_right
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

from mzcheck.config import DEFAULTS, Config
from mzcheck.extract import extract_text
from mzcheck.extract.layout import Layout, identity, repair
from mzcheck.extract.normalize import normalize
from mzcheck.figures import Figure
from mzcheck.finding import Check, DocumentInfo, Finding, Mark, Repair, Severity, fingerprint
from mzcheck.errors import InputError
from mzcheck.ingest import Document, read_document

if TYPE_CHECKING:
    from mzcheck.rules.context import DocContext, Outcome


_SPACE_BEFORE_PERCENT = re.compile(r"\d\s+[%％‰]")


@dataclass(frozen=True)
class Extraction:
    """A document's figures: from prose, and from its tables (cells with row path).

    Figures are read from ``layout.text`` (the text with layout debris removed) and
    their offsets point into it; :meth:`located` and :func:`mark` map them back to the
    text as read, which is what every output shows.
    """

    prose: list[Figure]
    tables: list  # extract.tables.StatTable
    raw_tables: list = field(default_factory=list)  # ingest.tables.RawTable, as read
    layout: Layout | None = None
    lists: list[Figure] = field(default_factory=list)   # list markers （一）, 一是 … (extract.lists)
    _marks: dict[str, Mark] = field(default_factory=dict, repr=False, compare=False)   # figure id → its mark

    @property
    def figures(self) -> list[Figure]:
        return self.prose + [f for t in self.tables for f in t.figures]

    def located(self, f: Figure) -> Figure:
        """The figure with its offsets and ``raw`` in the text as read."""
        if self.layout is None or self.layout.identity or f.end <= f.start:
            return f
        start, end = self.layout.span(f.start, f.end)
        raw = self.layout.source[start:end]
        flags = f.flags
        if raw != f.raw and _SPACE_BEFORE_PERCENT.search(raw) and "space-before-%" not in flags:
            flags = (*flags, "space-before-%")       # read through, but the figures table says so
        return replace(f, start=start, end=end, raw=raw, flags=flags)

    def original_figures(self) -> list[Figure]:
        return [self.located(f) for f in self.figures]

    def mark(self, f: Figure) -> Mark:
        """Where a figure stands in the text as read (found once per figure: checks name the
        same figures again and again)."""
        found = self._marks.get(f.figure_id)
        if found is None:
            found = self._marks[f.figure_id] = mark(self.located(f))
        return found

    def span(self, span: tuple[int, int]) -> tuple[int, int]:
        return self.layout.span(*span) if self.layout is not None else span


@dataclass(frozen=True)
class DocResult:
    """What checking one document gives: where its figures stand, checks, findings."""

    info: DocumentInfo
    extraction: Extraction
    checks: list[Check]
    findings: list[Finding]


def extract_document(doc: Document) -> Extraction:
    """Every figure of a document, within the cell and figure limits (limits.py)."""
    from mzcheck.extract.compositions import parse_composition
    from mzcheck.extract.lists import list_markers
    from mzcheck.extract.tables import parse_table
    from mzcheck.extract.text_tables import find_text_tables
    from mzcheck.limits import CELLS, FIGURES

    layout = repair(doc.text, converted=True if doc.format == "pdf" else None) if doc.text else identity("")
    if doc.pages:      # a PDF's page breaks are its pages, not debris in a text to report
        layout = replace(layout, repairs=tuple(r for r in layout.repairs if r[0] == "letter-spaced"))
    text = layout.text
    norm = layout.norm or normalize(text)
    raws = list(doc.tables)
    if text and ("|" in text or "指标" in text or "\t" in text or "表" in text or "项目" in text):
        raws += find_text_tables(text, doc.name, norm)
    cells = sum(len(row) for raw in raws for row in raw.rows)
    if cells > CELLS.value():
        raise InputError(doc.name, CELLS.refusal(f"表格过大（{cells} 个单元格）"))
    tables, next_id = [], 1
    for i, raw in enumerate(raws):
        table = parse_table(raw, doc.name, next_id) or parse_composition(raw, doc.name, next_id, _title(norm, raw))
        if table is not None and table.rows:
            table.raw_index = i
            tables.append(table)
            next_id += len(table.figures)
    prose = extract_text(text, doc.name, norm) if text else []
    regions = sorted(_row_regions(raws))
    if regions:
        prose = [f for f in prose if not _inside(regions, f.start, f.end)]
    count = len(prose) + sum(len(t.figures) for t in tables)
    if count > FIGURES.value():
        raise InputError(doc.name, FIGURES.refusal(f"数字过多（{count} 个）"))
    lists = list_markers(norm, text, doc.name) if text else []
    if regions:
        lists = [f for f in lists if not _inside(regions, f.start, f.end)]
    return Extraction(prose, tables, raws, replace(layout, norm=norm), lists)


def mark(f: Figure) -> Mark:
    """Where a figure stands, as its offsets say (see Extraction.mark for figures read
    from repaired text)."""
    return Mark(f.figure_id, f.raw, f.start, f.end, f.label)


def document_info(doc: Document, extraction: Extraction) -> DocumentInfo:
    """What reporters need of a document: its text and where every figure stands; for a
    table file (no text), the tables themselves with each figure's cell."""
    marks = [extraction.mark(f) for f in extraction.prose + extraction.lists]
    tables: list[tuple[tuple[str, ...], ...]] = []
    if doc.text:
        marks += [extraction.mark(f) for t in extraction.tables for f in t.figures if f.end > f.start]
    else:
        for raw in extraction.raw_tables:
            tables.append(tuple(tuple(row) for row in raw.rows))
        for t in extraction.tables:
            offset = sum(len(extraction.raw_tables[i].rows) for i in range(t.raw_index))
            for f in t.figures:
                r, c = t.cells[f.figure_id]
                marks.append(Mark(f.figure_id, f.raw, 0, 0, f.label, offset + r, c))
    marks.sort(key=lambda m: (m.start, m.row, m.col, m.figure_id))
    return DocumentInfo(doc.name, doc.format, doc.encoding, len(doc.text), len(extraction.figures),
                        doc.text, tuple(marks), tuple(tables), doc.pages)


def _title(norm: str, raw) -> str:
    """The caption above a table found in text (**表5：…结构对比（％）**), or ""."""
    starts = [s[0] for spans in raw.spans for s in spans if s is not None]
    if not starts:
        return ""
    lo = min(starts)
    before = norm[max(0, lo - 300):lo].rstrip().split("\n")
    return next((line for line in reversed(before[:-1]) if "表" in line), "")


def _row_regions(raws) -> list[tuple[int, int]]:
    out = []
    for raw in raws:
        for spans in raw.spans:
            cells = [s for s in spans if s is not None]
            if cells:
                out.append((min(s[0] for s in cells), max(s[1] for s in cells)))
    return out


def _inside(regions: list[tuple[int, int]], start: int, end: int) -> bool:
    i = bisect_right(regions, (start, float("inf"))) - 1
    return i >= 0 and regions[i][0] <= start and end <= regions[i][1]


def extract_paths(paths: Iterable[str | Path]) -> tuple[list[Document], list[Figure]]:
    """Read every path (in the order given) and extract its figures."""
    docs = [read_document(p) for p in paths]
    figures = [f for d in docs for f in extract_document(d).original_figures()]
    return docs, figures


def rule_context(doc: Document, extraction: Extraction, config: Config = DEFAULTS) -> "DocContext":
    """What the rules read of a document: the text as repaired, its figures, tables and lists."""
    from mzcheck.rules.context import DocContext

    layout = extraction.layout
    ctx = DocContext(doc.name, layout.text if layout else doc.text, extraction.prose,
                     config.rho, extraction.tables, layout=layout, lists=extraction.lists)
    if layout is not None and layout.norm:
        ctx.__dict__["norm"] = layout.norm      # DocContext.norm, computed once already
    return ctx


def check_document(doc: Document, config: Config = DEFAULTS) -> DocResult:
    """Every rule the policy selects, on one document; a crashing rule becomes MZ901."""
    from mzcheck.rules.context import DocContext
    from mzcheck.rules.registry import all_rules, rule_for

    policy = config.policy
    extraction = extract_document(doc)
    ctx = rule_context(doc, extraction, config)
    original = DocContext(doc.name, doc.text, [])
    checks: list[Check] = []
    findings: list[Finding] = []
    crash = rule_for("MZ901")
    for r in all_rules():
        if r.check is None or not policy.runs(r.code):
            continue
        try:
            outcomes = list(r.check(ctx))
        except Exception as exc:  # a crashing rule is a finding, and the run goes on
            if not policy.runs(crash.code):
                continue
            tb = traceback.extract_tb(exc.__traceback__)[-1]
            findings.append(Finding(
                crash.code, crash.name, policy.level(crash.code, crash.severity),
                f"规则 {r.code} {r.name} 运行出错：{type(exc).__name__}: {exc}（{Path(tb.filename).name}:{tb.lineno}）",
                doc.name, line=1, column=1, fingerprint=fingerprint(crash.code, (r.code,), type(exc).__name__)))
            continue
        for o in outcomes:
            refs = tuple(extraction.mark(f) for f in o.figures)
            where = o.at or (extraction.span(o.span) if o.span else None)
            if o.passed:
                checks.append(Check(r.code, doc.name, refs, "pass", where))
                continue
            severity = policy.level(r.code, r.severity, o.severity)
            line, col = original.line_col(where[0] if where else min(m.start for m in refs))
            if o.figures and not o.span and all(f.start == f.end == 0 for f in o.figures):
                line, col = o.figures[0].sentence_id, 1   # a cell of a table file: its row
            if o.figures:
                lo, hi = ctx.full_sentence(o.figures[0])
                anchors = tuple(f.raw for f in o.figures)
            elif o.at:     # a place in the document as read (layout debris): its own text
                anchors, lo, hi = (doc.text[o.at[0]:o.at[1]],), 0, 0
            else:
                assert o.span is not None, f"{r.code}: a finding needs figures or a span"
                lo, hi = o.span
                anchors = (ctx.text[lo:hi],)
            page, page_line = page_at(doc, original, where[0] if where else min(m.start for m in refs), line)
            findings.append(Finding(
                r.code, r.name, severity, o.message, doc.name, refs, where, line, col,
                o.stated, o.computed, o.assumption, fingerprint(r.code, anchors, ctx.text[lo:hi]),
                page=page, page_line=page_line,
                # information (a sum that may hold if items overlap) is no inconsistency to repair
                repairs=_repairs(o, refs, ctx.rho, doc.text, where) if severity is not Severity.INFO else (),
            ))
            checks.append(Check(r.code, doc.name, refs, severity.value, where))
    findings = rerank(findings, checks)
    findings += not_read(doc, extraction, config)
    findings.sort(key=lambda f: (f.start, f.code))
    return DocResult(document_info(doc, extraction), extraction, checks, findings)


def _repairs(o: Outcome, refs: tuple[Mark, ...], rho, text: str,
             where: tuple[int, int] | None = None) -> tuple[Repair, ...]:
    """What each figure of a failing relation would need (mzcheck.repairs), for a relation
    whose figures stand in the text (a cell of a table file has no span to repair); or the
    rewriting of a typographic slip in the figure or span a typography rule names."""
    if o.fix:
        from mzcheck.repairs import typographic_repair

        if refs and refs[0].end > refs[0].start:
            repair = typographic_repair(o.fix, refs[0].figure_id, text[refs[0].start:refs[0].end], refs[0].start)
        elif where is not None and not refs:
            repair = typographic_repair(o.fix, "", text[where[0]:where[1]], where[0])
        else:
            repair = None
        return (repair,) if repair else ()
    if not o.relation or any(m.end <= m.start for m in refs):
        return ()
    from mzcheck.repairs import propose

    return propose(o.figures, o.relation, rho, [(m.raw, m.start) for m in refs], text=text)


#: Rules whose passing check pins its figures down to their rounding (an equality of printed
#: figures); a bound (≤ 100, part ≤ whole) passes for a mistyped figure as well.
CONFIRMING = frozenset(("MZ301", "MZ302", "MZ303", "MZ305", "MZ306", "MZ313", "MZ314", "MZ316", "MZ319", "MZ323"))


def rerank(findings: list[Finding], checks: list[Check]) -> list[Finding]:
    """Repairs of figures that another relation confirms go last: a figure in a check that
    passes is less likely the one mistyped than one that only fails (a slip in 1971 also
    breaks every other relation 1971 is in)."""
    confirmed = {m.figure_id for c in checks if c.outcome == "pass" and c.code in CONFIRMING for m in c.figures}
    failing = Counter(m.figure_id for f in findings if f.repairs for m in f.figures)
    out = []
    for f in findings:
        if len(f.repairs) > 1:
            # a slip before a mere value; then a figure in two failing relations (占130%: a
            # share above 100 and its part's share) before one in one
            ranked = sorted(f.repairs, key=lambda r: (r.kind == "value", r.figure_id in confirmed,
                                                      -failing[r.figure_id], r.rank))
            f = replace(f, repairs=tuple(replace(r, rank=n) for n, r in enumerate(ranked, 1)))
        out.append(f)
    return out


def page_at(doc: Document, original, offset: int, line: int) -> tuple[int, int]:
    """(page, line on the page) of an offset in a PDF; (0, 0) for other documents."""
    if not doc.pages:
        return 0, 0
    page = doc.page_of(offset)
    first_line = original.line_of(doc.pages[page - 1])
    return page, line - first_line + 1


def not_read(doc: Document, extraction: Extraction, config: Config = DEFAULTS) -> list[Finding]:
    """What the readers could not read in this document, as MZ011 findings."""
    from mzcheck.rules.registry import rule_for

    rule = rule_for("MZ011")
    items = list(doc.unread) + [
        (f"{t.name} 第 {line} 行有 {n} 个单元格，多于表头的列数，无法确定各值属于哪一列，该行未检查", line)
        for t in extraction.tables for line, n in t.ragged]
    return config.policy.apply(
        Finding(rule.code, rule.name, rule.severity, f"未能读取：{what}", doc.name, line=line or 1, column=1,
                stated=what, fingerprint=fingerprint(rule.code, (what,), doc.name))
        for what, line in items)


def crashed(doc: str, exc: BaseException, config: Config = DEFAULTS, where: str = "") -> list[Finding]:
    """Our own failure on a document, as an MZ901 finding: the run goes on."""
    from mzcheck.rules.registry import rule_for

    rule = rule_for("MZ901")
    tb = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
    at = f"（{Path(tb.filename).name}:{tb.lineno}）" if tb else ""
    finding = Finding(rule.code, rule.name, rule.severity,
                      f"{where or '检查本文档时'}内部出错：{type(exc).__name__}: {exc}{at}",
                      doc, line=1, column=1, fingerprint=fingerprint(rule.code, (where,), type(exc).__name__))
    return config.policy.apply([finding])


def unreadable(path: str, reason: str, config: Config = DEFAULTS) -> list[Finding]:
    """A document that could not be read, as an MZ010 finding (none if the policy ignores it)."""
    from mzcheck.rules.registry import rule_for

    rule = rule_for("MZ010")
    finding = Finding(rule.code, rule.name, rule.severity, f"无法检查：{reason}", path, line=1, column=1,
                      stated=reason, fingerprint=fingerprint(rule.code, (path,), reason))
    return config.policy.apply([finding])
