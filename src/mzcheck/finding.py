"""Findings and the run result: plain frozen data that every reporter reads.

A :class:`Check` is one relation or condition that a rule evaluated (passes
included, so a report can say "142 checks, 3 findings"); a :class:`Finding` is a
check that did not pass; a :class:`Mark` is where a figure stands. Severity names and
ranks live here and nowhere else. Reporters never see pandas objects.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from enum import Enum
from typing import Any, Iterator, Protocol, TypeVar

T_co = TypeVar("T_co", covariant=True)


class Items(Protocol[T_co]):
    """What a result holds its documents, checks and findings in: a tuple, or a spill on
    disk read back in order on each iteration."""

    def __iter__(self) -> Iterator[T_co]: ...

    def __len__(self) -> int: ...


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


#: Severity value → rank and → the word auditors read; "pass" ranks below every finding.
SEVERITY_RANK: dict[str, int] = {s.value: s.rank for s in Severity}
SEVERITY_CN: dict[str, str] = {s.value: s.chinese for s in Severity}
OUTCOME_RANK: dict[str, int] = {"pass": 0, **SEVERITY_RANK}
OUTCOME_CN: dict[str, str] = {"pass": "通过", **SEVERITY_CN}


class _Compact:
    """Pickled as its constructor and field values: a run's spill and its workers move
    hundreds of thousands of these, and the default slots pickling re-reads the
    dataclass fields for every object."""

    __slots__ = ()

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        names: tuple[str, ...] = self.__slots__
        return type(self), tuple(getattr(self, name) for name in names)


@dataclass(frozen=True, slots=True)
class Mark(_Compact):
    """Where a figure stands: offsets into the text, or a table cell (row, column)."""

    figure_id: str
    raw: str
    start: int
    end: int
    label: str
    row: int = -1        # table documents: index into the table's rows
    col: int = -1
    doc: str = ""        # set when the figure is in another document than its finding's (MZ327)


@dataclass(frozen=True, slots=True)
class Repair(_Compact):
    """A value that would make a failing relation hold: the text that replaces
    ``[start, end)`` of the document (the figure's digits, its scale word or its direction
    word), what kind of slip it undoes ("value" when it has no slip's shape) and its rank
    among the finding's repairs (1: most likely)."""

    figure_id: str
    raw: str
    proposed: str
    kind: str
    rank: int
    explanation: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Check(_Compact):
    """One evaluated relation. ``outcome`` is "pass" or a severity value."""

    code: str
    doc: str
    figures: tuple[Mark, ...]
    outcome: str
    span: tuple[int, int] | None = None


@dataclass(frozen=True, slots=True)
class Finding(_Compact):
    code: str
    name: str
    severity: Severity
    message: str
    doc: str
    figures: tuple[Mark, ...] = ()
    span: tuple[int, int] | None = None   # for findings about the text itself
    line: int = 0                         # 1-based line of the first position
    column: int = 0                       # 1-based column
    stated: str = ""
    computed: str = ""
    assumption: str = ""
    fingerprint: str = ""
    check: str = ""    # what was checked, machine-readable: "unit:isin", "value:mzcheck_shares_within_100"
    page: int = 0      # PDF: the 1-based page of the first position (0: not a paged document)
    page_line: int = 0  # PDF: the line on that page
    repairs: tuple[Repair, ...] = ()   # most likely first

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
class DocumentInfo(_Compact):
    name: str
    format: str
    encoding: str
    characters: int
    figures: int
    text: str = ""                                           # the text as read (for reports)
    marks: tuple[Mark, ...] = ()
    tables: tuple[tuple[tuple[str, ...], ...], ...] = ()     # table files: rows of cells
    pages: tuple[int, ...] = ()                              # PDF: where each page starts in text


@dataclass(frozen=True, slots=True)
class RulePage:
    """A rule as reports show it: passed in with the result, so reporters need no registry."""

    code: str
    name: str
    severity: str
    family: str
    summary: str
    page: str
    title_cn: str = ""     # for auditors: the HTML report and `mzcheck rule`
    page_cn: str = ""


@dataclass(frozen=True)
class RunResult:
    """Documents, every check that ran and the findings, in input order.

    Each collection is a tuple, or for a run over many documents a spill on disk that
    is read back in order each time it is iterated (see :mod:`mzcheck.pipeline`).
    """

    documents: Items[DocumentInfo]
    checks: Items[Check]
    findings: Items[Finding]
    rules_run: tuple[str, ...] = ()
    rule_pages: tuple[RulePage, ...] = ()

    def counts(self) -> dict[str, int]:
        out = {s.value: 0 for s in Severity}
        for f in self.findings:
            out[f.severity.value] += 1
        return out

    def fails(self, threshold: Severity) -> bool:
        counts = self.counts()
        return any(n and Severity(level).rank >= threshold.rank for level, n in counts.items())
