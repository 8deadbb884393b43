"""Changes in percentage points: 由A%提高到B%，提高p个百分点 and B%，比上年（A%）下降p个百分点
(p = B − A), and the two parts of a partition whose shares change by opposite points (MZ315)."""

from __future__ import annotations

import re
from fractions import Fraction
from functools import partial
from typing import Iterator, Sequence

from mzcheck.extract.grammar import CHANGE_VERB
from mzcheck.figures import Figure
from mzcheck.finding import Severity
from mzcheck.numbers.format import format_decimal
from mzcheck.numbers.interval import Interval, total
from mzcheck.numbers.verdict import judge
from mzcheck.rules import lexicon
from mzcheck.rules.context import DocContext, Outcome
from mzcheck.rules.registry import rule
from mzcheck.rules.relations.common import difference_meets, make_outcome, round_to, show
from mzcheck.rules.relations.finders import share_pairs
from mzcheck.rules.relations.growth import STATED_CHANGE, from_to_pairs

# --------------------------------------------------------------------------- MZ315
_RATE_UNITS = ("%", "‰")
_POINTS = ("个百分点", "百分点", "个千分点", "千分点")
#: 比上年（22.9%）, 上年为22.9%: last year's rate printed beside this year's.
_CHANGE_AFTER_SHARE = re.compile(rf"[,，\s]*(?:比|较)?(?:\d{{4}}年|上年|去年)?(?:{CHANGE_VERB})(?:了)?")
_LAST_YEAR_ASIDE = re.compile(r"[,\s]*(?:(?:比|较)(?:上年|去年|上年末|上年同期)\(?|\((?:上年|去年))(?:为|是)?")
_CHANGE_AFTER_ASIDE = re.compile(rf"\)?[,\s]*(?:{CHANGE_VERB})(?:了)?")


def points_pairs(ctx: DocContext) -> Iterator[tuple[Figure, Figure, Figure]]:
    """(earlier rate, later rate, change in points): 由65.2%提高到66.0%，提高0.8个百分点 and
    占…20.4%，比上年（22.9%）下降2.5个百分点."""
    for a, b, _ in from_to_pairs(ctx):
        change = ctx.next_figure(b)
        if a.unit in _RATE_UNITS and change is not None and change.unit in _POINTS \
                and change.sentence_id == b.sentence_id and STATED_CHANGE.match(ctx.text_between(b, change)):
            yield a, b, change
    figs = ctx.figures
    for now, last, change in zip(figs, figs[1:], figs[2:], strict=False):
        if now.unit in _RATE_UNITS and last.unit == now.unit and change.unit in _POINTS \
                and now.sentence_id == change.sentence_id \
                and _LAST_YEAR_ASIDE.fullmatch(ctx.text_between(now, last)) \
                and _CHANGE_AFTER_ASIDE.fullmatch(ctx.text_between(last, change)):
            yield last, now, change


def complementary_changes(ctx: DocContext) -> Iterator[tuple[Figure, Figure, Figure, Figure]]:
    """(share, its change, other share, its change): the two parts of a two-part partition
    (县以上 / 县及县以下) each with its share of one whole and its change in points — the
    shares sum to 100, so their changes must be equal and opposite."""
    by_whole: dict[str, list[tuple[Figure, Figure, Figure]]] = {}
    for share, part, whole in ctx.derived(share_pairs):
        if part is None or whole is None:
            continue
        change = ctx.next_figure(share)
        if change is not None and change.unit in _POINTS and change.direction and change.sentence_id == share.sentence_id:
            by_whole.setdefault(whole.figure_id, []).append((share, part, change))
    for items in by_whole.values():
        for (s1, p1, c1), (s2, p2, c2) in zip(items, items[1:], strict=False):
            parts = lexicon.partition_of([p1.label, p2.label])
            if parts is not None and len(parts) == 2:
                yield s1, c1, s2, c2


def composition_changes(ctx: DocContext) -> Iterator[list[tuple[Figure, Figure]]]:
    """[(share, its change), …] of 达到国际水平的占26.1%，比1985年提高13.2个百分点；属国内先进
    水平的占27.7%，提高5.9个百分点；…: three or more shares in one sentence, each followed at
    once by its change in points, that add up to 100 — a whole composition, whose changes
    must cancel."""
    for figs in _full_sentences(ctx):
        pairs = [(s, c) for s, c in zip(figs, figs[1:], strict=False)
                 if s.unit == "%" and not s.direction and s.kind == "number" and c.unit in _POINTS and c.direction
                 and _CHANGE_AFTER_SHARE.fullmatch(ctx.text_between(s, c))]
        if len(pairs) < 3 or len({id(s) for s, _ in pairs}) != len(pairs):
            continue
        shares = [ctx.reading(s).strict for s, _ in pairs]
        if all(x.bounded for x in shares) and total(shares).meets(Interval.point(100)):
            yield pairs


_SHARE_SUBJECT = re.compile(r"(?P<subject>[\u4e00-\u9fff]{2,12}?)(?:所)?占(?:比)?(?:为|达)?\Z")
_CHANGE_SUBJECT = re.compile(rf"(?P<subject>[\u4e00-\u9fff]{{2,12}}?)(?:的)?(?:所占)?(?:比重|比例|占比)(?:{CHANGE_VERB})(?:了)?\Z")


def later_composition_changes(ctx: DocContext) -> Iterator[list[tuple[Figure, Figure]]]:
    """[(share, its change), …] of 工人和学徒占70.7%，工程技术人员占6.0%，…。与1985年相比，工人和学徒
    比重下降4.9个百分点，工程技术人员比重上升3.2个百分点，…: the shares of one sentence that add up
    to 100, and in the next sentence of the paragraph a change in points for every one of them,
    each named as its share was: the changes of a whole composition cancel."""
    sentences = list(_full_sentences(ctx))
    for figs, after in zip(sentences, sentences[1:], strict=False):
        shares: dict[str, Figure] = {}
        for f in figs:
            m = _SHARE_SUBJECT.search(ctx.norm, max(0, f.start - 16), f.start)
            if f.unit == "%" and not f.direction and f.kind == "number" and m:
                shares.setdefault(m.group("subject"), f)
        if len(shares) < 3 or not after or ctx.paragraph(after[0]) != ctx.paragraph(figs[0]):
            continue
        readings = [ctx.reading(f).strict for f in shares.values()]
        if not all(r.bounded for r in readings) or not total(readings).meets(Interval.point(100)):
            continue
        changes: dict[str, Figure] = {}
        for c in after:
            m = _CHANGE_SUBJECT.search(ctx.norm, max(0, c.start - 20), c.start)
            if c.unit in _POINTS and c.direction and m:
                changes.setdefault(m.group("subject"), c)
        if set(changes) == set(shares):
            yield [(shares[k], changes[k]) for k in shares]


def _full_sentences(ctx: DocContext) -> Iterator[list[Figure]]:
    seen: set[tuple[int, int]] = set()
    for f in ctx.figures:
        span = ctx.full_sentence(f)
        if span not in seen:
            seen.add(span)
            yield [g for g in ctx.figures_in(*span) if g.end <= span[1]]


def _cancel(iv: Sequence[Interval], downs: Sequence[bool]) -> bool:
    up = total([x for x, d in zip(iv, downs, strict=True) if not d] or [Interval.point(0)])
    down = total([x for x, d in zip(iv, downs, strict=True) if d] or [Interval.point(0)])
    return up.meets(down)


def _opposite(iv: Sequence[Interval], same_direction: bool) -> bool:
    """Two changes in points that cancel: |c1| = |c2| with opposite directions."""
    return not same_direction and iv[0].meets(iv[1])


@rule("MZ315", "points-difference-mismatch", Severity.ERROR)
def points_difference_mismatch(ctx: DocContext) -> Iterator[Outcome]:
    """A change in 个百分点 that is not the difference of the two rates printed with it.

    What it checks: 由A%提高到B%，提高p个百分点 and B%，比上年（A%）下降p个百分点: p must
    meet B − A (signed by 提高/下降), every figure read as its interval. And the two parts
    of a two-part partition (县以上 / 县及县以下) with their shares of one whole: the shares
    sum to 100, so their changes in points must be equal and opposite; likewise three or more
    shares of one sentence that add up to 100, each followed by its change (a whole
    composition), or with a change for every one of them in the next sentence, each named
    as its share was (…占70.7%…。与1985年相比，工人和学徒比重下降4.9个百分点，…): the changes
    must cancel.

    Why it matters: both rates and their difference are printed side by side; when they
    disagree one of the three was not updated.

    Fails:
        设备达到国际水平的占26.1%，提高13.2个百分点；国内先进水平的占27.7%，提高5.9个百分点；国内一般水平的占33.4%，下降13.6个百分点；落后水平的占12.8%，下降6.5个百分点。
        城镇化率由65.2%提高到66.0%，提高1.0个百分点。
        药费占住院费用的20.4%，比上年（22.9%）下降3.5个百分点。
        全国事业费1280.4亿元。县以上事业费597.6亿元，占46.7%，比重提升了1.5个百分点；县及县以下事业费682.7亿元，占53.3%，比重下降了1.2个百分点。

    Passes:
        设备达到国际水平的占26.1%，提高13.2个百分点；国内先进水平的占27.7%，提高5.9个百分点；国内一般水平的占33.4%，下降13.6个百分点；落后水平的占12.8%，下降5.5个百分点。
        城镇化率由65.2%提高到66.0%，提高0.8个百分点。
        药费占住院费用的20.4%，比上年（22.9%）下降2.5个百分点。
        全国事业费1280.4亿元。县以上事业费597.6亿元，占46.7%，比重提升了1.5个百分点；县及县以下事业费682.7亿元，占53.3%，比重下降了1.5个百分点。
    """
    for a, b, change in ctx.derived(points_pairs):
        ra, rb, rc = ctx.reading(a), ctx.reading(b), ctx.reading(change)
        if not (ra.strict.bounded and rb.strict.bounded and rc.strict.bounded):
            continue
        down = change.direction == "down"
        computed = ra.strict - rb.strict if down else rb.strict - ra.strict
        j = judge([ra, rb, rc], partial(difference_meets, first_less_second=down))
        yield make_outcome("MZ315", (a, b, change), j, computed, change.raw,
                           f"百分点变化不符：{show(b)} − {show(a)} = {format_decimal(b.value - a.value)}个百分点，"
                           f"所述为{'下降' if down else '提高'}{change.raw}", relation="f2 == f1 - f0")
    for pairs in ctx.derived(composition_changes) + ctx.derived(later_composition_changes):
        changes = [c for _, c in pairs]
        downs = [c.direction == "down" for c in changes]
        j = judge([ctx.reading(c) for c in changes], partial(_cancel, downs=downs))
        signed = sum(((-c.value if d else c.value) for c, d in zip(changes, downs, strict=True)), Fraction(0))
        summed = round_to(signed, max(c.decimals for c in changes))
        yield make_outcome("MZ315", tuple(f for pair in pairs for f in pair), j, summed, "0",
                           f"构成变化不能相互抵消：各部分比重之和为100%，其变化之和应为0，所述变化合计"
                           f"{summed}个百分点",
                           relation=" + ".join(f"f{2 * k + 1}" for k in range(len(pairs))) + " == 0")
    for s1, c1, s2, c2 in ctx.derived(complementary_changes):
        same = c1.direction == c2.direction
        j = judge([ctx.reading(c1), ctx.reading(c2)], partial(_opposite, same_direction=same))
        yield make_outcome("MZ315", (s1, c1, s2, c2), j, c1.raw, c2.raw,
                           f"互补比重的变化不对称：{s1.raw}{'提高' if c1.direction == 'up' else '下降'}{c1.raw}，"
                           f"{s2.raw}却{'提高' if c2.direction == 'up' else '下降'}{c2.raw}（两者之和为100%，变化应相反且相等）",
                           relation="f1 + f3 == 0")
