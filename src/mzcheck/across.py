"""Across reports (MZ327): a later report's change against last year implies last year's
figure, and the earlier report printed it.

`mzcheck check 2022.txt 2023.txt --across` orders the documents by the year they report on
(the first year their opening names, or ``--period FILE=YEAR``), and links every level of a
later report that is followed by its growth (快递业务总量1566万件，增长9.08%) to the figure of
the same canonical label and unit in the report of the year before. The implied value, with
the interval semantics of both printed figures, must meet the value printed there:

- they meet: the link holds (a check, no finding);
- a gap within a revision's size (up to 5 %): information — 上年数据为最终核实数 is routine;
- a larger gap: a warning; an error when no revision explains it — a factor of 10, 100, 1万
  or 1亿, or a change whose direction the earlier value contradicts.

Definitional traps stay silent: growth at comparable prices (按可比价格, 不变价格, and by
convention 生产总值 and 增加值) against levels at current prices; 规模以上 sets that change
every year; budgets (预算 is adjusted within the year). Units must be the same (亩 is not 公顷).
"""

from __future__ import annotations

import re
from fractions import Fraction
from pathlib import Path
from typing import Iterable, Iterator, Sequence

from mzcheck.config import Config
from mzcheck.figures import Figure
from mzcheck.ingest import Document
from mzcheck.finding import Check, Finding, Mark, Severity, fingerprint
from mzcheck.numbers.interval import Interval, corners

CODE, NAME = "MZ327", "across-years-mismatch"
#: The opening of a report, where its title names the year it reports on.
_TITLE = 300
_YEAR = re.compile(r"(20\d{2}|19\d{2})\s*年")
#: Growth that is not of the printed level: at comparable prices, of a changing set, of a plan.
_TRAP = re.compile(r"可比价|不变价|规模以上|规上|预算|计划")
_COMPARABLE_BY_CONVENTION = re.compile(r"生产总值|增加值")
#: A gap a routine revision explains (上年数据为最终核实数), as a share of the earlier value.
REVISION = Fraction(5, 100)


def period(text: str) -> int | None:
    """The year a report is of: the first year its opening names (济源市2022年国民经济和…)."""
    m = _YEAR.search(text[:_TITLE])
    if m:
        return int(m.group(1))
    years = [int(y) for y in _YEAR.findall(text)]
    return max(set(years), key=years.count) if years else None


def order(docs: Sequence[tuple[str, str]], periods: dict[str, int] | None = None) -> list[tuple[int, str]]:
    """(year, name) of each document whose year is known, earliest first."""
    periods = periods or {}
    out = []
    for name, text in docs:
        year = periods.get(name) or periods.get(Path(name).name) or period(text)
        if year is not None:
            out.append((year, name))
    return sorted(out)


class _Doc:
    """One document's figures and readings, extracted again in the main process."""

    def __init__(self, source: "str | Document", config: Config) -> None:
        from mzcheck.engine import extract_document
        from mzcheck.ingest import read_document
        from mzcheck.rules.context import DocContext

        doc = source if isinstance(source, Document) else read_document(source)
        self.extraction = extract_document(doc)
        self.name, self.text = doc.name, doc.text
        layout = self.extraction.layout
        self.ctx = DocContext(doc.name, layout.text if layout else doc.text, self.extraction.prose, config.rho,
                              self.extraction.tables, layout=layout, lists=self.extraction.lists)
        if layout is not None and layout.norm:
            self.ctx.__dict__["norm"] = layout.norm

    def mark(self, f: Figure) -> Mark:
        m = self.extraction.mark(f)
        return Mark(m.figure_id, m.raw, m.start, m.end, m.label, m.row, m.col, doc=self.name)


def _label(f: Figure) -> str:
    from mzcheck.rules.relations.common import canon_label

    return re.sub(r"^(?:全年|年末|年底|全市|全县|全区|全省|共|累计|完成|实现)+", "", canon_label(f))


def _growths(doc: _Doc) -> Iterator[tuple[Figure, Figure]]:
    """(level, rate) of every level followed in its clause by its growth against last year."""
    from mzcheck.rules.relations.common import additive
    from mzcheck.rules.relations.finders import growth_after

    for f in doc.ctx.figures:
        if f.kind != "number" or f.direction or not additive(f) or f.unit in ("%", "‰"):
            continue
        rate = growth_after(doc.ctx, f)
        if rate is None or rate.unit != "%" or not rate.direction:
            continue
        sentence = doc.ctx.norm[slice(*doc.ctx.full_sentence(f))]
        if _TRAP.search(sentence) or _TRAP.search(f.label) or _COMPARABLE_BY_CONVENTION.search(f.label):
            continue
        yield f, rate


def _earlier(doc: _Doc) -> dict[tuple[str, str, str], list[Figure]]:
    from mzcheck.rules.relations.common import additive

    out: dict[tuple[str, str, str], list[Figure]] = {}
    for f in doc.ctx.figures:
        if f.kind == "number" and not f.direction and additive(f) and len(_label(f)) >= 2:
            out.setdefault((_label(f), f.unit, f.per), []).append(f)
    return out


def _implied(doc: _Doc, level: Figure, rate: Figure) -> Interval | None:
    lv, rt = doc.ctx.reading(level).strict, doc.ctx.reading(rate).strict
    if not (lv.bounded and rt.bounded):
        return None
    sign = -1 if rate.direction == "down" else 1
    factor = Interval(1 + sign * rt.lo / 100, 1 + sign * rt.upper / 100) if sign > 0 else \
        Interval(1 - rt.upper / 100, 1 - rt.lo / 100)
    if factor.lo <= 0:
        return None
    return corners(lambda x, y: x / y, lv, factor)


def _slip(a: Fraction, b: Fraction) -> bool:
    """A ratio of 10, 100, 1万 or 1亿 (either way): a scale slip, not a revision."""
    if a <= 0 or b <= 0:
        return False
    ratio = max(a, b) / min(a, b)
    return any(abs(ratio / k - 1) < Fraction(2, 100) for k in (10, 100, 1000, 10**4, 10**8))


def compare(earlier: _Doc, later: _Doc, config: Config) -> tuple[list[Check], list[Finding]]:
    """The links from the later report's growths to the earlier report's levels."""
    from mzcheck.numbers.format import format_decimal
    from mzcheck.rules.relations.common import in_units, span_in_units

    policy = config.policy
    if not policy.runs(CODE):
        return [], []
    before = _earlier(earlier)
    checks: list[Check] = []
    findings: list[Finding] = []
    for level, rate in _growths(later):
        candidates = before.get((_label(level), level.unit, level.per), [])
        implied = _implied(later, level, rate)
        if not candidates or implied is None:
            continue
        # the earlier figure nearest the implied value: a label printed twice (a summary and
        # its section) links to the mention that agrees, never to an unrelated one
        prior = min(candidates, key=lambda g: abs(g.value - implied.lo))
        stated = earlier.ctx.reading(prior).strict
        refs = (later.mark(level), later.mark(rate), earlier.mark(prior))
        if implied.meets(stated):
            checks.append(Check(CODE, later.name, refs, "pass"))
            continue
        gap = abs(Fraction(implied.lo + (implied.upper - implied.lo) / 2) - prior.value)
        share = gap / prior.value if prior.value else Fraction(10**9)
        wrong_way = (prior.value > level.value) != (rate.direction == "down") and prior.value != level.value
        if _slip(implied.lo, prior.value) or (wrong_way and share > REVISION):
            severity, why = Severity.ERROR, "相差一个数量级或增减方向相反，不是数据修订所能解释"
        elif share <= REVISION:
            severity, why = Severity.INFO, f"相差{format_decimal(share * 100, 2)}%，可能是上年数据修订（最终核实数）"
        else:
            severity, why = Severity.WARNING, f"相差{format_decimal(share * 100, 2)}%，超出通常的修订幅度"
        severity = policy.level(CODE, Severity.WARNING, severity)
        word = "下降" if rate.direction == "down" else "增长"
        message = (f"按本期{level.raw}、{word}{rate.raw}推算，上期应为{span_in_units(implied, level)}；"
                   f"{Path(earlier.name).name} 所载为{prior.raw}：{why}")
        line = later.text.count("\n", 0, refs[0].start) + 1
        column = refs[0].start - (later.text.rfind("\n", 0, refs[0].start) + 1) + 1
        findings.append(Finding(CODE, NAME, severity, message, later.name, refs, None, line, column,
                                stated=prior.raw, computed=in_units(implied.lo, level),
                                fingerprint=fingerprint(CODE, (level.raw, rate.raw, prior.raw),
                                                        Path(earlier.name).name)))
        checks.append(Check(CODE, later.name, refs, severity.value))
    return checks, findings


def across(sources: Iterable["str | Document"], config: Config, periods: dict[str, int] | None = None
           ) -> tuple[list[Check], list[Finding]]:
    """Every report against the report of the year before it, when both are given."""
    docs = {d.name: d for d in (_Doc(s, config) for s in sources)}
    ordered = order([(d.name, d.text) for d in docs.values()], periods)
    by_year = {year: name for year, name in ordered}
    checks: list[Check] = []
    findings: list[Finding] = []
    for year, name in ordered:
        prior = by_year.get(year - 1)
        if prior is not None:
            c, f = compare(docs[prior], docs[name], config)
            checks += c
            findings += f
    return checks, findings
