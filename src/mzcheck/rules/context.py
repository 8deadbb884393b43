"""What a rule sees of one document, and what it gives back.

:class:`DocContext` holds the text, the figures and cheap derived views (sentences,
paragraphs, readings); :class:`Outcome` is one evaluated check. Rules never print,
never exit and never see pandas.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from fractions import Fraction
from functools import cached_property

from mzcheck.extract.mentions import sentence_bounds
from mzcheck.extract.layout import Layout
from mzcheck.extract.normalize import normalize
from mzcheck.figures import Figure, read
from mzcheck.finding import Severity
from mzcheck.numbers.reading import DEFAULT_RHO, Reading
from mzcheck.rules import lexicon


@dataclass(frozen=True)
class Outcome:
    """One check a rule ran. ``passed`` checks are kept so reports can count them."""

    code: str
    figures: tuple[Figure, ...] = ()
    passed: bool = True
    message: str = ""
    severity: Severity | None = None   # None: the rule's default
    span: tuple[int, int] | None = None
    stated: str = ""
    computed: str = ""
    assumption: str = ""
    at: tuple[int, int] | None = None   # a span in the document as read (not in ctx.text)
    relation: str = ""   # the arithmetic, over f0, f1 … in the order of figures (mzcheck.repairs)
    fix: str = ""        # a typographic repair of the figure or span (mzcheck.repairs.TYPOGRAPHY)


@dataclass
class DocContext:
    doc: str
    text: str
    figures: list[Figure]
    rho: Fraction = DEFAULT_RHO
    tables: list = field(default_factory=list)   # extract.tables.StatTable
    layout: Layout | None = None                 # where the text's characters stood in the document
    lists: list[Figure] = field(default_factory=list)   # list markers （一）, 一是 … (extract.lists)
    _readings: dict[tuple[str, str], Reading] = field(default_factory=dict, repr=False)
    _derived: dict = field(default_factory=dict, repr=False)

    def derived(self, fn):
        """``list(fn(self))``, computed once per document: several rules read the same
        relations (the share pairs, the parts and totals …) and should not find them twice."""
        if fn not in self._derived:
            self._derived[fn] = list(fn(self))
        return self._derived[fn]

    @cached_property
    def norm(self) -> str:
        return normalize(self.text)

    @cached_property
    def sentences(self) -> list[tuple[int, int]]:
        return sentence_bounds(self.norm)

    @cached_property
    def _line_starts(self) -> list[int]:
        starts = [0]
        for i, c in enumerate(self.text):
            if c == "\n":
                starts.append(i + 1)
        return starts

    def line_col(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self._line_starts, offset)
        return line, offset - self._line_starts[line - 1] + 1

    def line_of(self, offset: int) -> int:
        return self.line_col(offset)[0]

    def sentence_text(self, fig: Figure) -> str:
        lo, hi = self.sentences[fig.sentence_id - 1]
        return self.text[lo:hi]

    def text_between(self, a: Figure, b: Figure) -> str:
        return self.norm[a.end:b.start]

    def reading(self, fig: Figure) -> Reading:
        key = (fig.doc, fig.figure_id)
        r = self._readings.get(key)
        if r is None:
            r = self._readings[key] = read(fig, self.rho)
        return r

    @cached_property
    def by_sentence(self) -> dict[int, list[Figure]]:
        out: dict[int, list[Figure]] = {}
        for f in self.figures:
            out.setdefault(f.sentence_id, []).append(f)
        return out

    @cached_property
    def _stops(self) -> list[int]:
        """Positions of 。 and line breaks: full sentences end there (; does not)."""
        return [i for i, c in enumerate(self.norm) if c in "。\n"]

    @cached_property
    def _breaks(self) -> list[int]:
        return [i for i, c in enumerate(self.norm) if c == "\n"]

    @staticmethod
    def _around(marks: list[int], start: int, end: int, size: int) -> tuple[int, int]:
        i = bisect_right(marks, start - 1) - 1
        lo = marks[i] + 1 if i >= 0 else 0
        j = bisect_right(marks, end - 1)
        hi = marks[j] + 1 if j < len(marks) else size
        return lo, hi

    def full_sentence(self, fig: Figure) -> tuple[int, int]:
        """From the last 。/newline before the figure to the next one, inclusive."""
        return self._around(self._stops, fig.start, fig.end, len(self.norm))

    def paragraph(self, fig: Figure) -> tuple[int, int]:
        lo, hi = self._around(self._breaks, fig.start, fig.end, len(self.norm))
        return lo, hi - 1 if hi <= len(self.norm) and hi > 0 and self.norm[hi - 1:hi] == "\n" else hi

    @cached_property
    def groups(self) -> dict[int, list[Figure]]:
        """Figures of one list, range or ratio, by group id."""
        out: dict[int, list[Figure]] = {}
        for f in self.figures:
            if f.group:
                out.setdefault(f.group, []).append(f)
        return out

    @cached_property
    def _starts(self) -> list[int]:
        return [f.start for f in self.figures]

    def figures_in(self, lo: int, hi: int) -> list[Figure]:
        """Figures that start in [lo, hi), by bisection (figures are in document order)."""
        from bisect import bisect_left

        return self.figures[bisect_left(self._starts, lo):bisect_left(self._starts, hi)]

    @cached_property
    def _positions(self) -> dict[str, int]:
        return {f.figure_id: i for i, f in enumerate(self.figures)}

    def next_figure(self, fig: Figure) -> Figure | None:
        """The figure right after ``fig`` in document order (None at the end)."""
        i = self._positions[fig.figure_id] + 1
        return self.figures[i] if i < len(self.figures) else None

    def near(self, fig: Figure, before: int = 3000, after: int = 3000) -> list[Figure]:
        """Figures of the same paragraph within a few thousand characters: relations are
        local, and this keeps a hostile single-line document linear."""
        p_lo, p_hi = self.paragraph(fig)
        return self.figures_in(max(p_lo, fig.start - before), min(p_hi, fig.end + after))

    def label(self, fig: Figure) -> str:
        return lexicon.canonical(fig.label)
