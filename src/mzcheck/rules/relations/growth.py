"""Growth and change: a rate against the level and the change stated with it, 由A提高至B
with its change (MZ305), the direction of 由A提高至B (MZ307), and a share's change in
个百分点 against its part's and whole's growth (MZ310). Change verbs: numbers.vocab."""

from __future__ import annotations

import re
from fractions import Fraction
from functools import partial
from typing import Iterator, Sequence

from mzcheck.extract.grammar import CHANGE_VERB, FROM_TO_RE
from mzcheck.figures import Figure
from mzcheck.finding import Severity
from mzcheck.numbers import vocab
from mzcheck.numbers.format import format_decimal
from mzcheck.numbers.interval import Interval, corners
from mzcheck.numbers.verdict import Verdict, judge
from mzcheck.rules.context import DocContext, Outcome
from mzcheck.rules.registry import rule
from mzcheck.rules.relations.common import (
    NON_ADDITIVE, REAL_GROWTH, additive, canon_label, make_outcome, show, text_before,
)
from mzcheck.rules.relations.finders import growth_after, share_pairs
from mzcheck.rules.tables import table_changes

def _growth_from_level(level: Fraction, change: Fraction, sign: int) -> Fraction:
    """Growth in % when this year's level and the change from last year are stated."""
    old = level - sign * change
    return Fraction(100) * change / old if old > 0 else Fraction(10**9)


def _corners_meet(fn, iv: Sequence[Interval]) -> bool:
    """fn over the box of the first two intervals meets the third (unbounded: no claim)."""
    if not all(x.bounded for x in iv[:-1]):
        return True
    return corners(fn, *iv[:-1]).meets(iv[-1])


def _points_change(x: Fraction, w: Fraction, a: Fraction, b: Fraction, sp: int, sx: int, sy: int) -> Fraction:
    """A share's change in points from its part x (growth a %) and whole w (growth b %)."""
    return sp * Fraction(100) * x / w * (1 - (1 + sy * b / 100) / (1 + sx * a / 100))


_CHANGE_BEFORE = re.compile(rf"(?:比上年|较上年|比去年|同比|比\S{{0,6}}年)\S{{0,2}}(?:{CHANGE_VERB})(?:了)?\Z")


def _level_like(f: Figure) -> bool:
    """A level that grows: an amount, a count or an average (人均…元 grows like any level)."""
    return f.unit not in NON_ADDITIVE and not f.per and f.kind == "number"


_COMPARED = re.compile(r"(?:与|同|和)(?:上年|去年|上年末)(?:比较|相比|同期相比)")


def _level_before(ctx: DocContext, change: Figure) -> Figure | None:
    """与上年比较，全国医疗卫生机构入院增加1004.7万人次: the level the change is of, stated
    earlier in the paragraph under the change's name (全国医疗卫生机构入院人次31192.0万)."""
    name = canon_label(change)
    if len(name) < 4:
        return None
    lo = max(ctx.paragraph(change)[0], change.start - 1500)
    for f in reversed(ctx.figures_in(lo, ctx.full_sentence(change)[0])):
        if f.unit == change.unit and not f.direction and _level_like(f) and canon_label(f).startswith(name):
            return f
    return None


def _level_change_rate(ctx: DocContext) -> Iterator[tuple[Figure, Figure, Figure]]:
    for change in ctx.figures:
        # 入院人次31192.0万。…与上年比较，…入院增加1004.7万人次（增长3.3%）
        if not change.direction or not _level_like(change) \
                or not _COMPARED.search(ctx.norm, ctx.full_sentence(change)[0], change.start):
            continue
        later = [f for f in ctx.by_sentence.get(change.sentence_id, []) if f.start > change.end][:1]
        if not later or later[0].unit != "%" or not later[0].direction \
                or not re.fullmatch(rf"[(,，\s]*(?:{CHANGE_VERB})?(?:了)?", ctx.text_between(change, later[0])):
            continue
        level = _level_before(ctx, change)
        if level is not None:
            yield level, change, later[0]
    for sentence in ctx.by_sentence.values():
        for i, change in enumerate(sentence):
            if not change.direction or not _level_like(change) or i == 0:
                continue
            if not _CHANGE_BEFORE.search(text_before(ctx, change, 12)):
                continue
            level = sentence[i - 1]
            if level.unit != change.unit or not _level_like(level):
                continue
            rate = next((f for f in sentence[i + 1:i + 2] if f.unit == "%" and f.direction), None)
            if rate is not None:
                yield level, change, rate


def from_to_pairs(ctx: DocContext) -> Iterator[tuple[Figure, Figure, str]]:
    """由/从 A 提高(下降…)至 B: (A, B, verb)."""
    figs = ctx.figures
    for a, b in zip(figs, figs[1:], strict=False):
        m = FROM_TO_RE.match(ctx.text_between(a, b))
        if not m or a.unit != b.unit or a.unit == "":
            continue
        if re.search(r"(?:由|从)(?:每\S{1,3}|年标准|月标准|标准)?\Z", text_before(ctx, a, 8)):
            yield a, b, m.group("verb")


STATED_CHANGE = re.compile(rf"^[,，]?\s?(?:{CHANGE_VERB}|增幅|降幅)(?:了|为|达)?\Z")


def _from_to_with_change(ctx: DocContext) -> Iterator[tuple[Figure, Figure, Figure]]:
    """由A提高至B, 增长g% / 提高了N元 / 增长N倍: the change stated right after B."""
    for a, b, _ in from_to_pairs(ctx):
        change = ctx.next_figure(b)
        if change is None:
            continue
        if change.sentence_id != b.sentence_id or not STATED_CHANGE.match(ctx.text_between(b, change)):
            continue
        if change.unit in ("%", "倍") or (change.unit == b.unit and additive(change)):
            yield a, b, change


def _check_from_to_change(ctx: DocContext, a: Figure, b: Figure, change: Figure) -> Outcome:
    ra, rb, rc = ctx.reading(a), ctx.reading(b), ctx.reading(change)
    figs = (a, b, change)
    if change.unit == b.unit:  # 提高了N: N = B − A
        computed = rb.strict - ra.strict
        down = b.value < a.value
        j = judge([ra, rb, rc], lambda iv: (iv[0] - iv[1] if down else iv[1] - iv[0]).meets(iv[2]))
        return make_outcome("MZ305", figs, j, computed, change.raw,
                        f"变化量不符：{show(b)} − {show(a)} = {format_decimal(b.value - a.value)}，"
                                f"所述变化为{change.raw}")
    if ra.strict.lo <= 0:
        return Outcome("MZ305", figs)
    if change.unit == "%":
        sign = -1 if change.direction == "down" else 1
        rate = lambda x, y: Fraction(100) * (y / x - 1) * sign  # noqa: E731
        computed = corners(rate, ra.strict, rb.strict)
        j = judge([ra, rb, rc], lambda iv: not (iv[0].bounded and iv[1].bounded)
                  or corners(rate, iv[0], iv[1]).meets(iv[2]))
        exact = rate(a.value, b.value)
        return make_outcome("MZ305", figs, j, computed, change.raw,
                        f"增长率不符：由{show(a)}至{show(b)}，变化为{format_decimal(exact)}%，"
                                f"所述为{change.raw}", relation="f2 == (f1 / f0 - 1) * 100")
    # 增长N倍 (GB/T 15835): new = old × (1 + N); "是原来的N倍" would be new = old × N
    times = lambda x, y: y / x - 1  # noqa: E731
    computed = corners(times, ra.strict, rb.strict)
    j = judge([ra, rb, rc], lambda iv: corners(times, iv[0], iv[1]).meets(iv[2]))
    if j.verdict is not Verdict.CONSISTENT:
        other = judge([ra, rb, rc], lambda iv: corners(lambda x, y: y / x, iv[0], iv[1]).meets(iv[2]))
        if other.verdict is not Verdict.ERROR:
            return Outcome("MZ305", figs, False,
                           f"“增长{change.raw}”按标准（GB/T 15835）指增加到原来的{format_decimal(change.value + 1)}倍；"
                           f"由{show(a)}至{show(b)}是原来的{format_decimal(b.value / a.value)}倍，"
                           f"仅当“增长N倍”指“是原来的N倍”时一致", Severity.WARNING, stated=change.raw,
                           computed=str(computed), assumption="“增长N倍”指“是原来的N倍”")
    return make_outcome("MZ305", figs, j, computed, change.raw,
                    f"倍数不符：由{show(a)}至{show(b)}，增长{format_decimal(b.value / a.value - 1)}倍，"
                            f"所述为增长{change.raw}")


_SINCE_YEAR = re.compile(r"比(?P<year>(?:19|20)\d{2})年(?:末)?(?:增长|增加)(?:了)?\Z")
_ANNUAL = re.compile(r"(?:平均每年|年均|年平均)(?:增长|递增)(?:了)?\Z")
_YEAR_NAMED = re.compile(r"((?:19|20)\d{2})年")


def over_years(ctx: DocContext) -> Iterator[tuple[Figure, Figure, int]]:
    """(growth over the years, average annual growth, years) of 1995年…比1985年增长4.1倍，平均每年
    增长17.6%: the year the sentence is of (the last year it or its paragraph names before,
    other than the base year) less the base year."""
    for total in ctx.figures:
        if total.direction != "up" or total.unit not in ("倍", "%") or total.kind != "number":
            continue
        m = _SINCE_YEAR.search(ctx.norm, max(0, total.start - 12), total.start)
        if m is None:
            continue
        after = [g for g in ctx.by_sentence.get(total.sentence_id, []) if g.start > total.end][:1]
        if not after or after[0].unit != "%" or after[0].direction != "up" \
                or not _ANNUAL.search(ctx.norm, max(0, after[0].start - 8), after[0].start):
            continue
        base = int(m.group("year"))
        named = [int(y) for y in _YEAR_NAMED.findall(ctx.norm, max(ctx.paragraph(total)[0], total.start - 300),
                                                     m.start())]
        named = [y for y in named if y > base]
        if named:
            yield total, after[0], named[-1] - base


def _compounds(iv: Sequence[Interval], years: int, times: bool) -> bool:
    """(1 + annual)^years meets the growth over the years (k倍: ×(1 + k); p%: ×(1 + p/100))."""
    total, annual = iv
    if annual.lo <= -100 or not (total.bounded and annual.bounded):
        return True
    factor = Interval((1 + total.lo) if times else (1 + total.lo / 100),
                      (1 + total.upper) if times else (1 + total.upper / 100))
    grown = Interval((1 + annual.lo / 100) ** years, (1 + annual.upper / 100) ** years)
    return grown.meets(factor)


@rule("MZ305", "growth-mismatch", Severity.ERROR)
def growth_mismatch(ctx: DocContext) -> Iterator[Outcome]:
    """A growth rate that does not follow from the level and the change stated with it.

    What it checks: "X 99699吨, 比上年净增4408吨, 增长4.6%": last year's level is 99699 −
    4408, so the rate must be 100 × 4408 ÷ 95291. The level and the change occur twice
    in the formula, so the range is taken at the corners of their box, not by naive
    interval rules.

    Why it matters: a rate that contradicts its own level and change means one of the
    three was updated and the others were not.

    Also a change compared with last year in a later sentence (与上年比较，…入院增加1004.7万
    人次（增长3.3%）) against the level stated earlier in the paragraph under its name, and
    "由A提高至B，增长g%" (g = 100 × (B ÷ A − 1)), "由A提高至B，提高了N" (N = B − A) and
    "由A增长至B，增长N倍" (B = A × (1 + N) by GB/T 15835; when only B = A × N fits, the
    finding is a warning naming that reading). In tables, every 环比/同比 cell against
    its row's 本期 and 上期: 100 × (本期 ÷ 上期 − 1) within the cells' rounding. And growth
    over years with its annual average (1995年…比1985年增长4.1倍，平均每年增长17.6%):
    (1 + annual)^years must meet the growth over the years, the years counted from the
    year the sentence or its paragraph names.

    Fails:
        全年粮食总产量99699吨,比上年净增4408吨,增长6.6%。
        补贴标准由每人每月2070元提高至2200元,增长8.3%。
        补贴标准由每人每月2070元提高至2200元,提高了150元。
        床位数由100张增加到300张,增长3倍。
        | 指标名称 | 单位 | 本期 | 上期 | 环比 |\\n| 孤儿数 | 人 | 3,280 | 3,359 | -2.53 |

    Passes:
        全年粮食总产量99699吨,比上年净增4408吨,增长4.6%。
        补贴标准由每人每月2070元提高至2200元,增长6.3%。
        补贴标准由每人每月2070元提高至2200元,提高了130元。
        床位数由100张增加到300张,增长2倍。
        | 指标名称 | 单位 | 本期 | 上期 | 环比 |\\n| 孤儿数 | 人 | 3,280 | 3,359 | -2.35 |
    """
    for level, change, rate in _level_change_rate(ctx):
        sign = 1 if change.direction == "up" else -1
        if rate.direction and (rate.direction == "up") != (sign == 1):
            yield Outcome("MZ305", (level, change, rate), False,
                          f"增减方向矛盾：{change.raw}为{'增加' if sign == 1 else '减少'}，增长率却为{rate.raw}"
                          f"{'下降' if rate.direction == 'down' else '增长'}", stated=rate.raw,
                          relation="f2 == f1 / (f0 - f1) * 100")
            continue
        rl, rc, rr = ctx.reading(level), ctx.reading(change), ctx.reading(rate)
        if not (rl.strict.bounded and rc.strict.bounded):
            continue

        growth = partial(_growth_from_level, sign=sign)
        if (rl.strict.lo - sign * rc.strict.upper) <= 0 or not rc.lenient.bounded \
                or (rl.lenient.lo - sign * rc.lenient.upper) <= 0:
            continue
        computed = corners(growth, rl.strict, rc.strict)

        j = judge([rl, rc, rr], partial(_corners_meet, growth))
        exact = growth(level.value, change.value)
        yield make_outcome("MZ305", (level, change, rate), j, computed, rate.raw,
                       f"增长率不符：{show(change)} ÷ ({show(level)} {'−' if sign == 1 else '+'} {show(change)}) = "
                               f"{format_decimal(exact)}%，所述为{rate.raw}",
                       relation="f2 == f1 / (f0 - f1) * 100" if rate.direction == change.direction else "")
    for a, b, change in _from_to_with_change(ctx):
        yield _check_from_to_change(ctx, a, b, change)
    for total, annual, years in ctx.derived(over_years):
        times = total.unit == "倍"
        j = judge([ctx.reading(total), ctx.reading(annual)], partial(_compounds, years=years, times=times))
        factor = (1 + total.value) if times else (1 + total.value / 100)
        rate = (float(factor) ** (1 / years) - 1) * 100        # shown only; the verdict is exact
        yield make_outcome("MZ305", (total, annual), j, f"{rate:.2f}%", annual.raw,
                           f"年均增速不符：{years}年间增长{total.raw}，年均应为{rate:.2f}%，所述为{annual.raw}")
    for _, outcome in ctx.derived(table_changes):
        yield outcome


@rule("MZ307", "change-direction-contradiction", Severity.ERROR)
def change_direction_contradiction(ctx: DocContext) -> Iterator[Outcome]:
    """由A提高至B with B not above A (or 下降至 with B not below A).

    What it checks: "由/从 A 提高(增加、上调)至 B" needs B > A; "由 A 下降(降低、减少)至 B"
    needs B < A; both read as intervals of the same unit.

    Why it matters: a standard said to rise that falls is either a typing error in one
    of the values or the wrong verb.

    Fails:
        散居孤儿基本生活费补贴标准由每人每月2200元提高至2070元。

    Passes:
        散居孤儿基本生活费补贴标准由每人每月2070元提高至2200元。
        农村低保标准从年标准1680元提高到2760元。
    """
    for a, b, verb in from_to_pairs(ctx):
        if verb in vocab.CHANGE_NEUTRAL:
            continue   # 调整为: a change without a direction
        up = verb in vocab.CHANGE_UP
        ra, rb = ctx.reading(a), ctx.reading(b)
        if up:
            j = judge([ra, rb], lambda iv: iv[0].le(iv[1]) and not (iv[0].lo == iv[0].hi == iv[1].lo == iv[1].hi))
        else:
            j = judge([rb, ra], lambda iv: iv[0].le(iv[1]) and not (iv[0].lo == iv[0].hi == iv[1].lo == iv[1].hi))
        yield make_outcome("MZ307", (a, b), j, f"{a.raw} → {b.raw}", b.raw,
                       f"变化方向矛盾：由{a.raw}“{verb}”至{b.raw}，"
                               f"数值却{'未增加' if up else '未减少'}")



_POINTS_AFTER = re.compile(rf"^[,，]?\s?(?:比上年|较上年|比去年|同比|比\S{{0,6}}年)?(?:{CHANGE_VERB})(?:了)?\Z")



@rule("MZ310", "points-change-mismatch", Severity.WARNING)
def points_change_mismatch(ctx: DocContext) -> Iterator[Outcome]:
    """A share's change in 个百分点 that its part's and whole's growth rates cannot give.

    What it checks: "X … 增长gx%，占Y比重s%，比上年提高p个百分点" with Y's own growth gy
    stated: last year's share was 100·(X/(1+gx))/(Y/(1+gy)), so p must meet
    100·X/Y·(1 − (1+gy)/(1+gx)), evaluated at the corners of the box of X, Y, gx, gy.
    Skipped where a growth is at comparable prices (按可比价格): real growth rates do
    not move nominal shares. A warning, since the bases of published rates often differ.

    Why it matters: a share that "rose 1.2 points" while its part grew only slightly
    faster than the whole cannot be right; one of the four figures was not updated.

    Fails:
        全市第三产业增加值6000亿元,增长8%,占地区生产总值比重为50%,比上年提高0.2个百分点。全市地区生产总值12000亿元,增长5%。

    Passes:
        全市第三产业增加值6000亿元,增长8%,占地区生产总值比重为50%,比上年提高1.4个百分点。全市地区生产总值12000亿元,增长5%。
    """
    for share, part, whole in ctx.derived(share_pairs):
        if part is None or whole is None:
            continue
        points = ctx.next_figure(share)
        if points is None or points.unit != "个百分点" or points.sentence_id != share.sentence_id \
                or not _POINTS_AFTER.match(ctx.text_between(share, points)):
            continue
        gx, gy = growth_after(ctx, part), growth_after(ctx, whole)
        if gx is None or gy is None or gx is gy:
            continue
        sentences = ctx.sentence_text(part) + ctx.sentence_text(whole) + ctx.sentence_text(gx) + ctx.sentence_text(gy)
        if REAL_GROWTH.search(sentences):
            continue
        sx = -1 if gx.direction == "down" else 1
        sy = -1 if gy.direction == "down" else 1
        sp = -1 if points.direction == "down" else 1

        change = partial(_points_change, sp=sp, sx=sx, sy=sy)

        readings = [ctx.reading(f) for f in (part, whole, gx, gy, points)]
        if not all(r.strict.bounded for r in readings[:4]) or readings[1].strict.lo <= 0:
            continue

        computed = corners(change, *(r.strict for r in readings[:4]))
        j = judge(readings, partial(_corners_meet, change))
        exact = change(part.value, whole.value, gx.value, gy.value) * sp
        yield make_outcome("MZ310", (part, gx, whole, gy, share, points), j, computed, points.raw,
                       f"百分点变化不符：由{show(part)}（{gx.raw}）与{show(whole)}（{gy.raw}）推算，"
                               f"“{share.label}”变化{format_decimal(exact)}个百分点，所述为{points.raw}")
