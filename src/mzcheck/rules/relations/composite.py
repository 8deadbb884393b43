"""Growth of a whole from its parts: a total whose parts each state their level and growth
rate grew at Σ parts ÷ Σ (part ÷ (1 + growth)) − 1 (MZ318)."""

from __future__ import annotations

import re
from fractions import Fraction
from functools import partial
from itertools import product
from typing import Iterator, Sequence

from mzcheck.figures import Figure
from mzcheck.finding import Severity
from mzcheck.numbers.format import format_decimal
from mzcheck.numbers.interval import Interval, total
from mzcheck.numbers.verdict import judge
from mzcheck.rules.context import DocContext, Outcome
from mzcheck.rules.registry import rule
from mzcheck.rules.relations.common import REAL_GROWTH, make_outcome, round_to, show
from mzcheck.rules.relations.finders import growth_after
from mzcheck.rules.relations.parts import parts_and_totals

_MAX_PARTS = 8            # 2^8 corners of the parts' levels


def composite_growths(ctx: DocContext) -> Iterator[tuple[Figure, Figure, list[Figure], list[Figure]]]:
    """(whole, its growth, parts, their growths) of a list that adds up to its whole, every
    member with a nominal growth rate stated right after it."""
    for whole, parts, exhaustive in ctx.derived(parts_and_totals):
        if not 2 <= len(parts) <= _MAX_PARTS:
            continue
        if not exhaustive and not _adds_up(ctx, whole, parts):
            continue
        if _COMPARABLE_BY_CONVENTION.search(whole.label):
            continue               # value added and 规模以上 sets: growth on a comparable basis by convention
        gw = growth_after(ctx, whole)
        gps = [growth_after(ctx, p) for p in parts]
        if gw is None or any(g is None for g in gps):
            continue
        sentences = "".join(ctx.sentence_text(f) for f in (whole, *parts))
        if REAL_GROWTH.search(sentences):
            continue               # real growth at comparable prices does not relate the levels
        yield whole, gw, parts, [g for g in gps if g is not None]


#: Growth that by convention is not of the printed levels: value added at comparable prices,
#: a 规模以上 set whose members change every year.
_COMPARABLE_BY_CONVENTION = re.compile(r"增加值|生产总值|规模以上|规上")


def _adds_up(ctx: DocContext, whole: Figure, parts: list[Figure]) -> bool:
    """A 其中 list not known to be complete whose levels add up to its whole (农民工29562万人，
    其中本地12372万人、外出17190万人): what is left over is within the digits' rounding, so the
    list is the whole breakdown and its growth rates must make the whole's."""
    readings = [ctx.reading(f).strict for f in (*parts, whole)]
    return all(r.bounded for r in readings) and total(readings[:-1]).meets(readings[-1])


#: 最终消费支出拉动国内生产总值增长2.2个百分点: a component's pull on the economy's growth.
_PULL = re.compile(r"(?P<down>向下)?拉动(?:国内|地区)?(?:生产总值|GDP|经济)(?:\(GDP\))?(?P<fall>增长|下降)?\Z")
#: The components whose pulls make the whole growth: demand, or the three sectors.
_PULL_SETS = (("最终消费", "资本形成", "净出口"), ("第一产业", "第二产业", "第三产业"))


def pulls(ctx: DocContext) -> Iterator[tuple[Figure, list[Figure], list[int]]]:
    """(the economy's growth, the pulls in points, their signs) of 最终消费支出拉动国内生产总值增长2.2
    个百分点，资本形成总额…1.3个百分点，货物和服务净出口…1.5个百分点 after 国内生产总值…增长5.0%: the
    three demand components (or the three sectors) account for all of the growth."""
    by_paragraph: dict[int, list[tuple[Figure, str, int]]] = {}
    for f in ctx.figures:
        if f.unit != "个百分点" or f.kind != "number":
            continue
        m = _PULL.search(ctx.norm, max(0, f.start - 20), f.start)
        if m is None:
            continue
        subject = re.split(r"[,;:。]", ctx.norm[max(0, m.start() - 24):m.start()])[-1]
        member = next((name for names in _PULL_SETS for name in names if name in subject), None)
        if member is not None:
            sign = -1 if m.group("down") or m.group("fall") == "下降" or f.direction == "down" else 1
            by_paragraph.setdefault(ctx.paragraph(f)[0], []).append((f, member, sign))
    for lo, found in by_paragraph.items():
        members = [member for _, member, _ in found]
        if not any(sorted(members) == sorted(names) for names in _PULL_SETS):
            continue
        first = found[0][0]
        growth = [g for g in ctx.figures_in(max(0, lo - 1500), first.start) if g.end <= first.start and g.unit == "%"
                  and g.direction and "生产总值" in g.label and "增加值" not in g.label and g.kind == "number"]
        if growth:
            yield growth[-1], [f for f, _, _ in found], [sign for _, _, sign in found]


def _factor(g: Interval, down: bool) -> Interval:
    """1 + g/100 as an interval (g a rate of growth, or of decline when ``down``)."""
    if down:
        return Interval(1 - g.upper / 100, 1 - g.lo / 100)
    return Interval(1 + g.lo / 100, 1 + g.upper / 100)


def implied(levels: Sequence[Interval], factors: Sequence[Interval]) -> Interval:
    """Σ p ÷ Σ (p ÷ f) − 1 in %, over every corner of the levels (the growth factors act
    monotonically: each raises the whole's growth)."""
    lo_f = [f.lo for f in factors]
    hi_f = [f.upper for f in factors]
    values = []
    for corner in product(*[(p.lo, p.upper) for p in levels]):
        total = sum(corner, Fraction(0))
        low = total / sum((p / f for p, f in zip(corner, lo_f, strict=True)), Fraction(0))
        high = total / sum((p / f for p, f in zip(corner, hi_f, strict=True)), Fraction(0))
        values += [low, high]
    return Interval((min(values) - 1) * 100, (max(values) - 1) * 100)


def _holds(iv: Sequence[Interval], downs: Sequence[bool]) -> bool:
    n = (len(iv) - 1) // 2
    if any(not x.bounded or x.lo <= 0 for x in iv[:n]) or any(not x.bounded for x in iv[n:]):
        return True                 # an open figure (超过…) bounds nothing here
    factors = [_factor(g, d) for g, d in zip(iv[n:2 * n], downs[:n], strict=True)]
    if any(f.lo <= 0 for f in factors):
        return True
    stated = iv[-1]
    whole = Interval(-stated.upper, -stated.lo) if downs[-1] else stated
    return implied(iv[:n], factors).meets(whole)


@rule("MZ318", "composite-growth-mismatch", Severity.WARNING)
def composite_growth_mismatch(ctx: DocContext) -> Iterator[Outcome]:
    """A total's growth rate that its parts' levels and growth rates cannot give.

    What it checks: a total whose parts add up to it (其中 lists that are partitions, 分门类看
    breakdowns, 城镇 + 乡村 …), the total and every part each followed by 增长/下降 g%:
    last year's parts were part ÷ (1 + g), so the total grew by Σ part ÷ Σ (part ÷ (1 + g))
    − 1, evaluated at the corners of the printed digits. A 其中 list not known to be
    complete is read so too when its levels add up to the whole within rounding (各项贷款余额
    720.04亿元，其中住户210.76亿元…企业509.27亿元). Growth at comparable prices (按可比价格,
    实际增长, and by convention value added and 规模以上 sets) is left alone. The pulls of
    the three demand components (最终消费支出、资本形成总额、货物和服务净出口拉动…增长x个百分点;
    向下拉动 is negative) or of the three sectors add up to the economy's growth. A warning: statistical offices compute some growth
    rates on a comparable set of units (可比口径), which the levels do not show.

    Why it matters: a total cannot grow 14.0 % when its goods part grew 9.1 % and its
    catering part 44.0 % at their weights unless the weights say so; a rate copied from
    the wrong line breaks the identity.

    Fails:
        全年社会消费品零售总额9096.5亿元，增长5.7%。其中，城镇消费品零售额8720.2亿元，下降1.7%；乡村消费品零售额376.3亿元，下降1.9%。

    Passes:
        全年社会消费品零售总额9096.5亿元，下降1.7%。其中，城镇消费品零售额8720.2亿元，下降1.7%；乡村消费品零售额376.3亿元，下降1.9%。
    """
    for growth, parts_pulls, signs in ctx.derived(pulls):
        readings = [ctx.reading(f) for f in (*parts_pulls, growth)]
        whole_sign = -1 if growth.direction == "down" else 1

        def adds_up(iv: Sequence[Interval], signs: Sequence[int] = tuple(signs), whole_sign: int = whole_sign) -> bool:
            summed = total([x if k > 0 else Interval.point(0) - x for x, k in zip(iv[:-1], signs, strict=True)])
            return summed.meets(iv[-1] if whole_sign > 0 else Interval.point(0) - iv[-1])

        j = judge(readings, adds_up)
        exact = sum((f.value * k for f, k in zip(parts_pulls, signs, strict=True)), Fraction(0))
        summed = round_to(exact, max(f.decimals for f in parts_pulls))
        yield make_outcome("MZ318", (growth, *parts_pulls), j, f"{summed}%", growth.raw,
                           f"各项拉动之和为{summed}个百分点，而“{growth.label}”"
                           f"{'下降' if whole_sign < 0 else '增长'}{growth.raw}",
                           relation=" + ".join(f"{'' if k > 0 else '-'}f{i}" for i, k in enumerate(signs, start=1))
                           + (" == f0" if whole_sign > 0 else " == -f0"))
    for whole, gw, parts, gps in ctx.derived(composite_growths):
        figs = [*parts, *gps, gw]
        downs = [g.direction == "down" for g in gps] + [gw.direction == "down"]
        readings = [ctx.reading(f) for f in figs]
        if not all(r.strict.bounded for r in readings):
            continue
        j = judge(readings, partial(_holds, downs=tuple(downs)))
        computed = implied([r.strict for r in readings[:len(parts)]],
                           [_factor(r.strict, d) for r, d in zip(readings[len(parts):2 * len(parts)], downs, strict=False)])
        shown = f"{format_decimal(computed.lo, 2)}% 至 {format_decimal(computed.upper, 2)}%"
        yield make_outcome("MZ318", (whole, gw, *parts, *gps), j, computed, gw.raw,
                           f"总量增速不符：由{'、'.join(show(p) + '（' + ('下降' if g.direction == 'down' else '增长') + g.raw + '）' for p, g in zip(parts, gps, strict=True))}"
                           f"推算，“{whole.label}”{show(whole)}应{'增长' if computed.lo >= 0 else '变化'}{shown}，所述为"
                           f"{'下降' if gw.direction == 'down' else '增长'}{gw.raw}", relation=_relation(len(parts)))


def _relation(n: int) -> str:
    """gw = (Σ part ÷ Σ part ÷ (1 + g) − 1) × 100 over (whole, gw, parts…, rates…), for mzcheck.repairs."""
    parts = [f"f{2 + i}" for i in range(n)]
    last_year = " + ".join(f"{p} / (1 + f{2 + n + i} / 100)" for i, p in enumerate(parts))
    return f"f1 == ({' + '.join(parts)}) / ({last_year}) * 100 - 100"
