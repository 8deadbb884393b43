"""Across reports (MZ327): a later report's change against last year implies last year's
figure, and the earlier report printed it.

`mzcheck check 2022.txt 2023.txt --across` orders the documents by the year they report on
(the first year their opening names, or ``--period FILE=YEAR``), and links every level of a
later report that is followed by its growth (快递业务总量1566万件，增长9.08%) to the figure of
the same canonical label and unit in the report of the year before. The implied value, with
the interval semantics of both printed figures, must meet the value printed there:

- they meet: the link holds (a check, no finding);
- a gap within a revision's size (up to 2 %): information — 上年数据为最终核实数 is routine;
- a larger gap: a warning; an error when no revision explains it — a factor of 10, 100, 1万
  or 1亿, or a change whose direction the earlier value contradicts.

A raise stated by its start and end (低保标准由每人每月750元提高到780元) starts from last
year's level, the end of last year's raise or a level last year's report printed; a start
that far from it (more than a revision) may be of another year and is not judged, nor is
one over a span (五年来, 十四五).

Definitional traps stay silent: growth at comparable prices (按可比价格, 不变价格, and by
convention 生产总值 and 增加值) against levels at current prices; 规模以上 sets that change
every year; budgets (预算 is adjusted within the year). Units must be the same (亩 is not 公顷).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace
from functools import cached_property
from fractions import Fraction
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence

from mzcheck.config import Config
from mzcheck.figures import Figure
from mzcheck.ingest import Document
from mzcheck.finding import Check, Finding, Mark, Severity, fingerprint
from mzcheck.numbers.interval import Interval, corners

CODE, NAME = "MZ327", "across-years-mismatch"
#: The opening of a report, where its title names the year it reports on.
_TITLE = 300
_YEAR = re.compile(r"(20\d{2}|19\d{2})\s*年")
#: Growth that is not of the printed level: at comparable prices, on a comparable set (同口径),
#: of a plan.
_TRAP = re.compile(r"可比价|不变价|同口径|计划")
#: Levels at current prices whose growth is at comparable prices by convention: value added,
#: and a 规模以上 set's money totals, whose set of enterprises changes every year; 电信业务总量
#: is valued at a base year's prices.
_COMPARABLE_BY_CONVENTION = re.compile(r"生产总值|增加值|(?:规模以上|规上).*(?:营业收入|利润|产值)|电信业务总量")
#: A growth on an adjusted basis: 扣除留抵退税因素后增长5.8% (the natural one follows: 按自然口径).
_ADJUSTED = re.compile(r"扣除|剔除|可比口径|同口径")
#: Labels that name no quantity (完成, 实际完成): linked only where the values agree.
_GENERIC = re.compile(r"^(?:实际)?(?:完成|实现|达到|达|为|共|合计|总计)?$")
#: How far back a figure's sentence is read for its words (its paragraph: ten times as far),
#: so that one long hostile line stays linear.
_REACH = 300
#: A gap a routine revision explains (上年数据为最终核实数), as a share of the earlier value.
REVISION = Fraction(2, 100)


#: A title's year: 济源市2022年国民经济和社会发展统计公报, 关于三明市2018年预算执行情况…的报告
#: (not a gazette's issue, 政府公报 2019年第5号).
_TITLED = re.compile(r"((?:19|20)\d{2})\s*年(?!第)[^\n。]{0,30}?(?:国民经济|统计公报|公报|预算|决算|执行|工作报告|民政|统计)")


def period(text: str) -> int | None:
    """The year a report is of: the year its title names, else the first year its opening
    names, else the year it names most."""
    m = _TITLED.search(text[:2000]) or _YEAR.search(text[:_TITLE])
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
        from mzcheck.engine import extract_document, rule_context
        from mzcheck.ingest import read_document
        from mzcheck.rules.context import DocContext

        doc = source if isinstance(source, Document) else read_document(source)
        self.extraction = extract_document(doc)
        self.name, self.text = doc.name, doc.text
        self.ctx = rule_context(doc, self.extraction, config)
        self.doc = doc
        self.original = DocContext(doc.name, doc.text, [])        # where findings' lines are counted

    def place(self, offset: int) -> tuple[int, int, int, int]:
        """Line and column of an offset, and for a PDF its page and the line on it."""
        from mzcheck.engine import page_at

        line, column = self.original.line_col(offset)
        return (line, column, *page_at(self.doc, self.original, offset, line))

    @cached_property
    def budget_heads(self) -> list[tuple[int, str]]:
        """(where, budget) of every budget heading (2.政府性基金预算), in document order."""
        return [(m.start(), m.group(1)) for m in _BUDGET.finditer(self.ctx.norm)]

    def where(self, offset: int) -> str:
        """Where an offset is, for a message: 第12行, or on a PDF 第3页第12行."""
        line, _, page, page_line = self.place(offset)
        return f"第{page}页第{page_line}行" if page else f"第{line}行"

    def mark(self, f: Figure) -> Mark:
        m = self.extraction.mark(f)
        return Mark(m.figure_id, m.raw, m.start, m.end, m.label, m.row, m.col, doc=self.name)


def _label(f: Figure) -> str:
    from mzcheck.rules.relations.common import canon_label

    label = re.sub(r"^(?:全年|年末|年底|全市|全县|全区|全省|共|累计|完成|实现)+", "", canon_label(f))
    label = re.sub(r"(?<=.{4})标准$", "", label)          # 人均补助标准 is the 人均补助 the later report names
    return label.replace("基金预算收入", "基金收入").replace("基金预算支出", "基金支出")   # one quantity, two names


#: The change right after a level, in the level's unit: 142427人，增加18103人.
_BARE_CHANGE = re.compile(r"[，,]\s*(增加|减少|增长|下降)")
_OUTTURN = re.compile(r"(?:实际)?完成$")
_BUDGET_NAME = re.compile(r"一般公共预算|政府性基金|国有资本经营|社会保险基金")
_SIDE = re.compile(r"收入|支出")


def _last(pattern: re.Pattern[str], text: str) -> str:
    found = pattern.findall(text)
    return found[-1] if found else ""


def _outturn(doc: _Doc, f: Figure) -> str:
    """The quantity a budget's outturn stated by a bare verb is of (实际完成1202017万元; 支出预算
    调整为…，完成2671828万元), as a budget report's structure names it: 全市 or 市本级 from its
    paragraph, the budget from its sentence or the last budget heading (2.政府性基金预算), 收入
    or 支出 the last its sentence names. "" when the figure is not such an outturn, or its
    label names the quantity already (地方一般公共预算收入完成…)."""
    norm = doc.ctx.norm
    if f.unit != "元" or not _OUTTURN.search(norm[max(0, f.start - 4):f.start]) \
            or not re.search(r"^(?:实际)?$|完成$", _label(f)):
        return ""
    sentence = norm[max(doc.ctx.full_sentence(f)[0], f.start - _REACH):f.start]
    side = _last(_SIDE, sentence)
    heads = doc.budget_heads
    k = bisect_right(heads, (f.start, "\uffff"))
    budget = _last(_BUDGET_NAME, sentence) or (heads[k - 1][1] if k else "")
    if not (side and budget):
        return ""
    scope = _last(_SCOPE, norm[max(doc.ctx.paragraph(f)[0], f.start - 10 * _REACH):f.start]).replace("市级", "市本级")
    return f"{scope}{budget.removesuffix('预算')}{side}完成"


def _key(doc: _Doc, f: Figure) -> tuple[str, str, str]:
    """What a figure is of, for linking: its canonical label (a budget outturn's derived name),
    unit and denominator."""
    return (_outturn(doc, f) or _label(f), f.unit, f.per)


def _changes(doc: _Doc) -> Iterator[tuple[Figure, Figure, str]]:
    """(level, change, how) of every level followed in its sentence by its change against last
    year: a growth rate (增长9.08%: how "rate"), an amount in the level's unit (比上年末增加2.6万户:
    "amount"), or points of a rate (比上年末提高0.3个百分点: "points")."""
    ctx = doc.ctx
    for f in ctx.figures:
        if f.kind != "number" or f.direction or f.unit in ("倍", "‰") or f.qualifier:
            continue
        if f.unit == "%" and not re.search(r"率|比重|比例", f.label):
            continue
        after = [g for g in ctx.by_sentence.get(f.sentence_id, []) if g.start > f.end][:3]
        since = f.end
        for g in after:
            bare = _BARE_CHANGE.fullmatch(ctx.norm, f.end, g.start)
            if bare and not g.direction and g.unit == f.unit:
                # 参加失业保险人数142427人，增加18103人: a count's change said without 比上年, which
                # the grammar leaves undirected (增加 before a count may be an amount added)
                g = replace(g, direction="down" if bare.group(1) in ("减少", "下降") else "up")
            if not g.direction and g.unit != "%":
                break                 # another level (高新技术企业11463家): what follows is its own
            if not g.direction:
                continue              # 占年度调整预算的98.37%: a share on the way to the change
            if _ADJUSTED.search(ctx.norm, since, g.start):
                since = g.end
                continue              # 扣除留抵退税因素后增长5.8%: not the printed level's growth
            how = "points" if f.unit == "%" and g.unit == "个百分点" else "rate" if g.unit == "%" and f.unit != "%" \
                else "amount" if g.unit == f.unit and g.scale is not None and f.unit != "%" else ""
            if how:
                # 农林牧渔业总产值…按可比价格计算…。其中种植业…增长3.7%: the paragraph's basis holds
                # for the parts in the sentences after it
                before = ctx.norm[max(ctx.paragraph(f)[0], f.start - 10 * _REACH):ctx.full_sentence(f)[1]]
                if not (_TRAP.search(before) or _TRAP.search(f.label) or _COMPARABLE_BY_CONVENTION.search(_label(f))):
                    yield f, g, how
            break


def _earlier(doc: _Doc) -> dict[tuple[str, str, str], list[Figure]]:
    """The figures of a report by what they are of, each list in order of value."""
    out: dict[tuple[str, str, str], list[Figure]] = {}
    for f in doc.ctx.figures:
        if f.kind == "number" and not f.direction and not f.qualifier:
            out.setdefault(_key(doc, f), []).append(f)
    for figs in out.values():
        figs.sort(key=lambda g: (g.value, g.start))
    return out


def _nearest(figs: list[Figure], x: Fraction) -> Figure:
    """The figure of ``figs`` (in order of value) nearest in value to ``x``; the earlier in the
    text of two as near."""
    k = bisect_left(figs, x, key=lambda g: g.value)
    return min(figs[max(0, k - 1):k + 1], key=lambda g: (abs(g.value - x), g.start))


def _implied(doc: _Doc, level: Figure, rate: Figure, how: str = "rate") -> Interval | None:
    """Last year's value the level and its change imply, as an interval of both readings."""
    lv, rt = doc.ctx.reading(level).strict, doc.ctx.reading(rate).strict
    if not (lv.bounded and rt.bounded):
        return None
    sign = -1 if rate.direction == "down" else 1
    if how in ("amount", "points"):          # this year's level less the change (a fall added back)
        return lv - rt if sign > 0 else lv + rt
    factor = Interval(1 + sign * rt.lo / 100, 1 + sign * rt.upper / 100) if sign > 0 else \
        Interval(1 - rt.upper / 100, 1 - rt.lo / 100)
    if factor.lo <= 0:
        return None
    return corners(lambda x, y: x / y, lv, factor)


def _self_contradictory(doc: _Doc, level: Figure, change: Figure) -> bool:
    """A level stated with both its change and its growth rate (3,156,077万元，比上年增支161,347
    万元，增长5.43%) whose two bases disagree: level − amount against amount ÷ rate."""
    after = [g for g in doc.ctx.by_sentence.get(level.sentence_id, []) if g.start > change.end][:1]
    if not after or not after[0].direction or after[0].direction != change.direction:
        return False
    other = after[0]
    amount, rate = (change, other) if change.unit == level.unit and other.unit == "%" else \
        (other, change) if other.unit == level.unit and change.unit == "%" else (None, None)
    if amount is None or rate is None:
        return False
    lv, am, rt = (doc.ctx.reading(x).strict for x in (level, amount, rate))
    if not (lv.bounded and am.bounded and rt.bounded) or rt.lo <= 0:
        return False
    from_level = lv - am if change.direction != "down" else lv + am
    from_change = corners(lambda a, r: a * 100 / r, am, rt)
    return not from_level.meets(from_change)


def _shown(iv: Interval, like: Figure) -> str:
    """Last year's implied value in the digits last year's figure was printed in, and one
    more, widened outwards so that what is shown contains it: 1696.06亿元 至 1697.84亿元."""
    import math

    if not iv.bounded:
        return f"{_end(iv.lo, like, math.floor)}以上"
    lo, hi = _end(iv.lo, like, math.floor), _end(iv.upper, like, math.ceil)
    return lo if lo == hi else f"{lo} 至 {hi}"


def _end(value: Fraction, like: Figure, rounding: Callable[[Fraction], int]) -> str:
    """One end, exactly: the value in the figure's scale, rounded by ``rounding`` to one
    digit more than the figure has."""
    from mzcheck.numbers import vocab

    digits = like.decimals + 1
    n = rounding(value / Fraction(vocab.scale_factor(like.scale)) * 10 ** digits)
    text = str(abs(n)).rjust(digits + 1, "0")
    return f"{'-' if n < 0 else ''}{text[:-digits]}.{text[-digits:]}{like.scale}{like.unit}"


def _grade(certain: bool, share: Fraction, wrong: str, revised: str, beyond: str) -> tuple[Severity, str]:
    """Error when no revision explains the gap, information within a revision's size, else a
    warning; with the words that say why."""
    from mzcheck.numbers.format import format_decimal

    gap = f"相差{format_decimal(share * 100, 2)}%"
    if certain:
        return Severity.ERROR, wrong
    if share <= REVISION:
        return Severity.INFO, f"{gap}，{revised}"
    return Severity.WARNING, f"{gap}，{beyond}" if beyond else gap


def _slip(a: Fraction, b: Fraction) -> bool:
    """A ratio of 10, 100, 1万 or 1亿 (either way): a scale slip, not a revision."""
    if a <= 0 or b <= 0:
        return False
    ratio = max(a, b) / min(a, b)
    return any(abs(ratio / k - 1) < Fraction(2, 100) for k in (10, 100, 1000, 10**4, 10**8))


def _carry_overs(doc: _Doc, words: re.Pattern[str]) -> dict[tuple[str, str], list[Figure]]:
    """Carry-overs by (scope, budget): 上年结转收入 in a later report, 年终结转 or 滚存结转 in the
    earlier one, under the same 全市/市本级 and the same budget (一般公共预算, 政府性基金 …)."""
    out: dict[tuple[str, str], list[Figure]] = {}
    norm = doc.ctx.norm
    heads = doc.budget_heads
    for f in doc.ctx.figures:
        if f.kind != "number" or f.direction or f.unit != "元":
            continue
        clause = re.split(r"[,，;；。]", norm[max(0, f.start - 16):f.start])[-1]
        if not words.search(clause):
            continue
        reach = max(0, f.start - 10 * _REACH)
        scope = _SCOPE.search(norm, max(reach, norm.rfind("\n", reach, f.start) + 1), f.start)
        k = bisect_right(heads, (f.start, "\uffff"))
        if scope and k:
            out.setdefault((scope.group(1).replace("市级", "市本级"), heads[k - 1][1]), []).append(f)
    return out


_BUDGET = re.compile(r"\d\.\s*(一般公共预算|政府性基金预算|国有资本经营预算|社会保险基金预算)")
_SCOPE = re.compile(r"(全市|市本级|市级)")
_CARRIED_IN = re.compile(r"上年结转(?:收入)?$")
_CARRIED_OUT = re.compile(r"(?:年终|滚存)结转$|结转下年$")


#: A from-to over more than a year: 五年来, 十四五时期, 以来, 2019年至2024年.
_SPAN = re.compile(r"五年|十[二三四五]五|以来|累计|(?:19|20)\d{2}年(?:至|到|—|-)")


def _pairs(earlier: _Doc, later: _Doc) -> Iterator[tuple[Figure, Figure | None, str, Interval, list[Figure]]]:
    """(later figure, its change or None, how, last year's value it implies, the earlier figures
    it may be) of every link the later report makes."""
    before = _earlier(earlier)
    for level, change, how in _changes(later):
        implied = _implied(later, level, change, how)
        candidates = before.get(_key(later, level), [])
        if candidates and implied is not None:
            yield level, change, how, implied, candidates
    # 低保标准由每人每月750元提高到780元: the year's raise starts from last year's level, which
    # last year's report printed (as its own raise's end, or as a level)
    from mzcheck.rules.relations.growth import from_to_pairs

    starts = {id(a) for a, _, _ in earlier.ctx.derived(from_to_pairs)}
    for a, _, _ in later.ctx.derived(from_to_pairs):
        if a.qualifier or _SPAN.search(later.ctx.sentence_text(a)):
            continue                  # 五年来由…提高到…: a span's start, not last year's level
        candidates = [g for g in before.get(_key(later, a), []) if id(g) not in starts]
        if candidates:
            yield a, None, "start", later.ctx.reading(a).strict, candidates
    out = _carry_overs(earlier, _CARRIED_OUT)
    for key, figs in _carry_overs(later, _CARRIED_IN).items():
        if key in out and len(figs) == 1 and len(out[key]) == 1:
            yield figs[0], None, "carry", later.ctx.reading(figs[0]).strict, out[key]


def compare(earlier: _Doc, later: _Doc, config: Config) -> tuple[list[Check], list[Finding]]:
    """The links from the later report's changes (and carry-overs) to the earlier report."""
    from mzcheck.rules.relations.common import in_units

    policy = config.policy
    if not policy.runs(CODE):
        return [], []
    checks: list[Check] = []
    findings: list[Finding] = []
    for level, change, how, implied, candidates in _pairs(earlier, later):
        # the earlier figure nearest the implied value: a label printed twice (a summary and
        # its section) links to the mention that agrees, never to an unrelated one
        prior = _nearest(candidates, implied.lo)
        stated = earlier.ctx.reading(prior).strict
        refs = (later.mark(level), *((later.mark(change),) if change else ()), earlier.mark(prior))
        if implied.meets(stated):
            checks.append(Check(CODE, later.name, refs, "pass"))
            continue
        gap = abs(Fraction(implied.lo + (implied.upper - implied.lo) / 2) - prior.value)
        share = gap / prior.value if prior.value else Fraction(10**9)
        if how == "points":       # a rate is revised by points, not by a share of itself
            share = gap / 10      # 0.2 个百分点 weighs as a 2 % revision
        wrong_way = change is not None and prior.value != level.value and \
            (prior.value > level.value) != (change.direction == "down")
        if (_GENERIC.match(_label(level)) or _outturn(later, level) or how == "start") and share > REVISION:
            continue                  # 完成1313726万元: a name this vague links only where values agree;
                                      # a raise's start may be of another year than the last
        severity, why = _grade(_slip(implied.lo, prior.value) or (wrong_way and share > REVISION), share,
                               "相差一个数量级或增减方向相反，不是数据修订所能解释", "可能是上年数据修订（最终核实数）",
                               "超出通常的修订幅度")
        if severity is Severity.INFO and change is not None and _self_contradictory(later, level, change):
            # 3,156,077万元，比上年增支161,347万元，增长5.43%: the amount and the rate agree on a
            # base the level does not give; a revised base would have changed the rate too
            severity, why = Severity.WARNING, why.split("，")[0] + "，而本期数与其增减额、增长率互相矛盾，不是数据修订所能解释"
        severity = policy.level(CODE, Severity.ERROR, severity)
        if how == "start":
            said = f"本期所述提高的起点为{level.raw}"
        elif change is None:
            said = f"本期所称上年结转{level.raw}"
        else:
            word = ("下降" if how == "rate" else "减少") if change.direction == "down" else \
                ("增长" if how == "rate" else "增加")
            said = f"按本期{level.raw}、{word}{change.raw}推算，上期应为{_shown(implied, prior)}"
        message = f"{said}；{Path(earlier.name).name}（{earlier.where(refs[-1].start)}）所载为{prior.raw}：{why}"
        line, column, page, page_line = later.place(refs[0].start)
        findings.append(Finding(CODE, NAME, severity, message, later.name, refs, None, line, column,
                                page=page, page_line=page_line, stated=prior.raw, computed=in_units(implied.lo, level),
                                fingerprint=fingerprint(CODE, (level.raw, change.raw if change else "", prior.raw),
                                                        Path(earlier.name).name)))
        checks.append(Check(CODE, later.name, refs, severity.value))
    return checks, findings


def same_period(first: _Doc, second: _Doc, config: Config) -> tuple[list[Check], list[Finding]]:
    """Two reports of one year (a 民政 review and the 统计公报's 民政 section): a quantity each
    states once, under the same label of four characters or more and the same unit, must
    agree — a gap within 2 % is information (one may print a preliminary figure), more a
    warning, a factor of 10ⁿ an error."""

    policy = config.policy
    if not policy.runs(CODE):
        return [], []
    checks: list[Check] = []
    findings: list[Finding] = []
    ones, others = _earlier(first), _earlier(second)
    for key, figs in ones.items():
        theirs = others.get(key, [])
        if len(figs) != 1 or len(theirs) != 1 or len(key[0]) < 4 or _GENERIC.match(key[0]) \
                or _COMPARABLE_BY_CONVENTION.search(key[0]):
            continue
        a, b = figs[0], theirs[0]
        ra, rb = first.ctx.reading(a).strict, second.ctx.reading(b).strict
        refs = (first.mark(a), second.mark(b))
        if ra.meets(rb):
            checks.append(Check(CODE, first.name, refs, "pass"))
            continue
        share = abs(a.value - b.value) / abs(b.value) if b.value else Fraction(10**9)
        severity, why = _grade(_slip(a.value, b.value), share, "相差一个数量级", "可能一处为初步数", "")
        severity = policy.level(CODE, Severity.ERROR, severity)
        line, column, page, page_line = first.place(refs[0].start)
        findings.append(Finding(CODE, NAME, severity,
                                f"同一年度的两份报告所载不同：“{a.label}”本文为{a.raw}，"
                                f"{Path(second.name).name}（{second.where(refs[1].start)}）为{b.raw}：{why}", first.name, refs, None, line, column,
                                page=page, page_line=page_line, stated=a.raw, computed=b.raw,
                                fingerprint=fingerprint(CODE, (a.raw, b.raw), Path(second.name).name)))
        checks.append(Check(CODE, first.name, refs, severity.value))
    return checks, findings


@dataclass(frozen=True)
class Across:
    """What comparing reports gives: the checks and findings of MZ327, and ``links`` — for each
    document, the figures of it linked to last year's report (figure id → ``doc#figure_id``),
    which the figures table carries as ``prior_figure``."""

    checks: list[Check]
    findings: list[Finding]
    links: dict[str, dict[str, str]]


def prior_links(checks: Iterable[Check]) -> dict[str, dict[str, str]]:
    """For each document, its figures linked to the year before: the first figure of a
    cross-year check (the later level) → the last (the earlier figure), as ``doc#figure_id``."""
    out: dict[str, dict[str, str]] = {}
    for c in checks:
        later, earlier = c.figures[0], c.figures[-1]
        if c.code == CODE and earlier.doc and earlier.doc != later.doc:
            out.setdefault(later.doc or c.doc, {})[later.figure_id] = f"{earlier.doc}#{earlier.figure_id}"
    return out


def across(sources: Iterable["str | Document"], config: Config, periods: dict[str, int] | None = None
           ) -> Across:
    """Every report against the report of the year before it, and against another report of
    its own year, when they are given."""
    docs = {d.name: d for d in (_Doc(s, config) for s in sources)}
    ordered = order([(d.name, d.text) for d in docs.values()], periods)
    years: dict[int, list[str]] = {}
    for year, name in ordered:
        years.setdefault(year, []).append(name)
    checks: list[Check] = []
    findings: list[Finding] = []
    linked: list[Check] = []
    for year, names in sorted(years.items()):
        for name in names:
            for prior in years.get(year - 1, []):
                c, f = compare(docs[prior], docs[name], config)
                checks += c
                findings += f
                linked += c
        for k, name in enumerate(names):
            for other in names[k + 1:]:
                c, f = same_period(docs[name], docs[other], config)
                checks += c
                findings += f
    return Across(checks, findings, prior_links(linked))
