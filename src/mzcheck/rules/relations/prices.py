"""Growth at current and at comparable prices: 次均住院费用按当年价格比上年下降4.3%，按可比价格
下降4.5% — with the price index the report states (居民消费价格指数为100.2), the second follows
from the first (MZ324)."""

from __future__ import annotations

import re
from fractions import Fraction
from typing import Iterator, Sequence

from mzcheck.figures import Figure
from mzcheck.finding import Severity
from mzcheck.numbers.format import format_decimal
from mzcheck.numbers.interval import Interval
from mzcheck.numbers.verdict import judge
from mzcheck.rules.context import DocContext, Outcome
from mzcheck.rules.registry import rule
from mzcheck.rules.relations.common import canon_label, make_outcome

#: What marks the second rate as deflated, and the first as at current prices.
_REAL = re.compile(r"(?:可比价格?|不变价格?|实际)(?:计算)?,?(?:比上年)?(?:增长|下降|减少|提高)\Z")
_NOMINAL = re.compile(r"(?:当年价格?|现价|名义)(?:计算)?,?(?:比上年)?(?:增长|下降|减少|提高)\Z|(?:比上年|同比)?(?:增长|下降|减少)\Z")
#: Sub-populations deflated by their own index (城镇居民 by the urban CPI): not judged.
_OWN_INDEX = re.compile(r"城镇|城市居民|农村|脱贫|乡村居民")
_CPI = re.compile(r"居民消费价格(?:指数)?(?:\(CPI\))?\Z")
_ONE = Interval.point(1)
_ZERO = Interval.point(0)


def _signed(iv: Interval, f: Figure) -> Interval:
    rate = iv.scale(Fraction(1, 100))
    return _ZERO - rate if f.direction == "down" else rate


def price_index(ctx: DocContext) -> Iterator[Figure]:
    """The consumer price index the report states, once: 居民消费价格指数为100.2 or
    居民消费价格比上年上涨0.2% (not the urban or rural one)."""
    for f in ctx.figures:
        if not _CPI.search(canon_label(f)) or _OWN_INDEX.search(f.label):
            continue
        if (f.unit == "" and 80 <= f.value <= 130) or (f.unit == "%" and f.direction):
            yield f
            return


def deflated_pairs(ctx: DocContext) -> Iterator[tuple[Figure, Figure]]:
    """(rate at current prices, rate at comparable prices) stated one after the other."""
    for sid, figs in ctx.by_sentence.items():
        rates = [f for f in figs if f.unit == "%" and f.direction]
        for a, b in zip(rates, rates[1:], strict=False):
            between = ctx.norm[a.end:b.start]
            if len(between) > 24 or not _REAL.search(ctx.norm[max(a.end, b.start - 16):b.start]):
                continue
            if _REAL.search(ctx.norm[max(0, a.start - 16):a.start]) or not _NOMINAL.search(ctx.norm[max(0, a.start - 16):a.start]):
                continue
            subject = ctx.norm[max(ctx.sentences[sid - 1][0], a.start - 40):a.start]
            if not _OWN_INDEX.search(subject):
                yield a, b


@rule("MZ324", "deflated-growth-mismatch", Severity.WARNING)
def deflated_growth_mismatch(ctx: DocContext) -> Iterator[Outcome]:
    """A rate at comparable prices that does not follow from the rate at current prices and
    the price index the report states.

    What it checks: a rate at current prices followed at once by the rate at comparable
    prices (按当年价格比上年下降4.3%，按可比价格下降4.5%; 比上年增长5.3%，扣除价格因素，实际增长
    5.1%), with the consumer price index the report states (居民消费价格指数为100.2, or
    居民消费价格比上年上涨0.2%): (1 + a) ÷ index − 1 must meet the comparable rate, every
    figure read as its interval. Urban, rural and other sub-populations are deflated by
    their own index and are left alone. A warning: another deflator may have been used.

    Why it matters: a real rate that no rounding of the nominal rate and the index gives was
    computed from other data or typed wrong.

    Fails:
        全年居民消费价格比上年上涨0.2%。次均住院费用9870.0元，按当年价格比上年下降4.3%，按可比价格下降4.9%。

    Passes:
        全年居民消费价格比上年上涨0.2%。次均住院费用9870.0元，按当年价格比上年下降4.3%，按可比价格下降4.5%。
        全年居民消费价格比上年上涨0.2%。农村居民人均可支配收入23119元，比上年增长6.9%，扣除价格因素，实际增长6.3%。
    """
    index = next(iter(ctx.derived(price_index)), None)
    if index is None:
        return
    for a, b in ctx.derived(deflated_pairs):

        def holds(iv: Sequence[Interval], a: Figure = a, b: Figure = b) -> bool:
            level = iv[2].scale(Fraction(1, 100)) if index.unit == "" else _ONE + _signed(iv[2], index)
            return ((_ONE + _signed(iv[0], a)) / level - _ONE).meets(_signed(iv[1], b))

        j = judge([ctx.reading(a), ctx.reading(b), ctx.reading(index)], holds)
        factor = index.value / 100 if index.unit == "" else 1 + (-1 if index.direction == "down" else 1) * index.value / 100
        real = ((1 + (-1 if a.direction == "down" else 1) * a.value / 100) / factor - 1) * 100
        word = "下降" if real < 0 else "增长"
        shown = f"{word}{format_decimal(abs(real), b.decimals + 1)}%"
        yield make_outcome("MZ324", (a, b, index), j, shown, b.raw,
                           f"按当年价格{a.raw}、价格指数{index.raw}，按可比价格约为{shown}，而非{b.raw}")
