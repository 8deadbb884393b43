"""Findings and the run result: plain frozen data that every reporter reads.

A :class:`Check` is one relation or condition that a rule evaluated (passes
included, so a report can say "142 checks, 3 findings"); a :class:`Finding` is a
check that did not pass. Reporters never see pandas objects.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from enum import Enum


class Severity(str, Enum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return {"info": 1, "warning": 2, "error": 3}[self.value]

    @property
    def chinese(self) -> str:
        return {"info": "提示", "warning": "警告", "error": "错误"}[self.value]

    @classmethod
    def parse(cls, text: str) -> "Severity":
        try:
            return cls(text.lower())
        except ValueError:
            raise ValueError(f"unknown severity {text!r} (error, warning, info)") from None


@dataclass(frozen=True, slots=True)
class FigureRef:
    figure_id: str
    raw: str
    start: int
    end: int
    label: str


@dataclass(frozen=True, slots=True)
class Check:
    """One evaluated relation. ``outcome`` is "pass" or a severity value."""

    code: str
    doc: str
    figures: tuple[FigureRef, ...]
    outcome: str
    span: tuple[int, int] | None = None


@dataclass(frozen=True, slots=True)
class Finding:
    code: str
    name: str
    severity: Severity
    message: str
    doc: str
    figures: tuple[FigureRef, ...] = ()
    span: tuple[int, int] | None = None   # for findings about the text itself
    line: int = 0                         # 1-based line of the first position
    column: int = 0                       # 1-based column
    stated: str = ""
    computed: str = ""
    assumption: str = ""
    fingerprint: str = ""
    check: str = ""    # what was checked, machine-readable: "unit:isin", "value:mzcheck_shares_within_100"

    @property
    def start(self) -> int:
        if self.span is not None:
            return self.span[0]
        return min((f.start for f in self.figures), default=0)


def fingerprint(code: str, anchor_texts: tuple[str, ...], context: str) -> str:
    """Stable across edits elsewhere: the rule, the figures as written and their sentence."""
    h = hashlib.sha256()
    for part in (code, *anchor_texts, "".join(context.split())):
        h.update(part.encode("utf-8"))
        h.update(b"\x1f")
    return h.hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class Mark:
    """Where a figure stands: offsets into the text, or a table cell (row, column)."""

    figure_id: str
    raw: str
    start: int
    end: int
    label: str
    row: int = -1        # table documents: index into the table's rows
    col: int = -1


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    name: str
    format: str
    encoding: str
    characters: int
    figures: int
    text: str = ""                                           # the text as read (for reports)
    marks: tuple[Mark, ...] = ()
    tables: tuple[tuple[tuple[str, ...], ...], ...] = ()     # table files: rows of cells


@dataclass(frozen=True)
class RunResult:
    documents: tuple[DocumentInfo, ...]
    checks: tuple[Check, ...]
    findings: tuple[Finding, ...]
    rules_run: tuple[str, ...] = field(default_factory=tuple)
    check_counts: dict = field(default_factory=dict)   # corpus runs: code → outcome → n (checks not kept)

    def counts(self) -> dict[str, int]:
        spilled = getattr(self.findings, "severity", None)   # a corpus run's FindingSpill
        if spilled is not None:
            return dict(spilled)
        out = {s.value: 0 for s in Severity}
        for f in self.findings:
            out[f.severity.value] += 1
        return out

    def fails(self, threshold: Severity) -> bool:
        counts = self.counts()
        return any(n and Severity(level).rank >= threshold.rank for level, n in counts.items())
