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
from mzcheck.finding import Check, DocumentInfo, Finding, FigureRef, RunResult, Severity, fingerprint
from mzcheck.ingest import Document, read_document
from mzcheck.numbers.reading import DEFAULT_RHO


@dataclass(frozen=True)
class Options:
    """What a run checks: rule selection and the 约 cap ρ."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    rho: Fraction = DEFAULT_RHO
    severity: dict[str, Severity] = field(default_factory=dict)


def extract_document(doc: Document) -> list[Figure]:
    return extract_text(doc.text, doc.name)


def extract_paths(paths: Iterable[str | Path]) -> tuple[list[Document], list[Figure]]:
    """Read every path (in the order given) and extract its figures."""
    docs = [read_document(p) for p in paths]
    figures = [f for d in docs for f in extract_document(d)]
    return docs, figures


def _ref(f: Figure) -> FigureRef:
    return FigureRef(f.figure_id, f.raw, f.start, f.end, f.label)


def check_document(doc: Document, options: Options = Options()) -> tuple[list[Figure], list[Check], list[Finding]]:
    from mzcheck.rules.context import DocContext
    from mzcheck.rules.registry import all_rules, matches

    figures = extract_document(doc)
    ctx = DocContext(doc.name, doc.text, figures, options.rho)
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
            lo, hi = ctx.full_sentence(o.figures[0]) if o.figures else (o.span[0], o.span[1])
            anchors = tuple(f.raw for f in o.figures) or (doc.text[o.span[0]:o.span[1]],)
            findings.append(Finding(
                r.code, r.name, severity, o.message, doc.name, refs, o.span, line, col,
                o.stated, o.computed, o.assumption, fingerprint(r.code, anchors, doc.text[lo:hi]),
            ))
            checks.append(Check(r.code, doc.name, refs, severity.value, o.span))
    findings.sort(key=lambda f: (f.start, f.code))
    return figures, checks, findings


def check_documents(docs: Sequence[Document], options: Options = Options()) -> RunResult:
    from mzcheck.rules.registry import all_rules, matches

    infos, checks, findings = [], [], []
    for doc in docs:
        figures, c, f = check_document(doc, options)
        infos.append(DocumentInfo(doc.name, doc.format, doc.encoding, len(doc.text), len(figures)))
        checks.extend(c)
        findings.extend(f)
    rules_run = tuple(r.code for r in all_rules() if r.check is not None
                      and (not options.select or matches(r.code, options.select))
                      and not matches(r.code, options.ignore))
    return RunResult(tuple(infos), tuple(checks), tuple(findings), rules_run)


def check_paths(paths: Iterable[str | Path], options: Options = Options()) -> RunResult:
    return check_documents([read_document(p) for p in paths], options)
