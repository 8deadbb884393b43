"""A stated value → the intervals its digits and qualifier allow (docs/numbers.md).

Every reading has a *strict* interval (what a careful writer means) and a *lenient*
one (what the words can still be stretched to), plus the assumption the lenient
reading needs, in words an auditor reads ("42.59 是截断值，不是四舍五入").
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from mzcheck.numbers.format import format_exact
from mzcheck.numbers.interval import INF, Interval

DEFAULT_RHO = Fraction(1, 10)

APPROX = frozenset({"约", "大约", "约为", "左右", "上下"})
NEAR = frozenset({"近", "将近", "接近"})
OVER = frozenset({"超", "超过", "逾", "多于", "高于"})
OVER_SUFFIX = frozenset({"余", "多"})
UNDER = frozenset({"不足", "不到", "不满", "低于", "少于"})
AT_LEAST = frozenset({"不低于", "不少于", "至少", "最少", "以上", "及以上"})
AT_MOST = frozenset({"不超过", "不高于", "至多", "最多", "以下", "及以下", "以内"})
INTERVAL_QUALIFIERS = APPROX | NEAR | OVER | OVER_SUFFIX | UNDER | AT_LEAST | AT_MOST


@dataclass(frozen=True, slots=True)
class Precision:
    u: Fraction   # place value of the last written digit, after scale
    G: Fraction   # place value of the last non-zero digit
    g: Fraction   # unit for approximate figures: G, or G/10 for one significant digit


@dataclass(frozen=True, slots=True)
class Reading:
    strict: Interval
    lenient: Interval
    assumption: str   # what the lenient reading assumes ("" when it adds nothing)

    @property
    def exact(self) -> bool:
        return self.strict.lo == self.strict.hi and self.lenient == self.strict


def precision(mantissa: str, scale_mult: Fraction) -> Precision:
    """u, G and g of digits as written (``mantissa`` is ASCII: "1214.74", "9000")."""
    digits = mantissa.lstrip("+-")
    whole, _, frac = digits.partition(".")
    u = Fraction(1, 10 ** len(frac)) * scale_mult
    all_digits = (whole + frac).lstrip("0")
    if not all_digits.strip("0"):
        return Precision(u, u, u)
    stripped = (whole + frac).rstrip("0")
    trailing = len(whole + frac) - len(stripped)
    G = u * 10 ** trailing
    significant = len(stripped.lstrip("0"))
    # Trailing zeros of an approximate figure are placeholders: 约1100 is read to the
    # hundred ([1050, 1150], docs/numbers.md worked example 1), and a single significant digit
    # with zeros as two significant figures (约9000 → g = 100).
    g = G / 10 if significant == 1 and trailing > 0 else G
    return Precision(u, G, g)


def interval_qualifier(qualifier: str) -> str:
    """The qualifier that decides the interval: 约 in 达…左右 is 左右; 超过 in 超过…以上."""
    parts = [q for q in qualifier.split("…") if q]
    for q in parts:
        if q in INTERVAL_QUALIFIERS:
            return q
    return ""


def read_value(x: Fraction, p: Precision, qualifier: str, raw: str, exact_count: bool,
               rho: Fraction = DEFAULT_RHO) -> Reading:
    q = interval_qualifier(qualifier)
    ax = abs(x)
    if q in APPROX:
        half = p.g / 2
        loose = max(half, min(p.G / 2, rho * ax))
        return Reading(Interval.around(x, half), Interval.around(x, loose),
                       f"“{q}”按±{format_exact(rho * 100)}%宽松理解")
    if q in NEAR:
        loose = max(p.g, min(p.G, rho * ax))
        return Reading(Interval(x - p.g, x, False, True), Interval(x - loose, x),
                       f"“{q}”按宽松理解（可略低于{format_exact(x - p.g)}或恰为{format_exact(x)}）")
    if q in OVER:
        return Reading(Interval(x, x + p.G, True, True), Interval(x, INF, True, True), f"“{q}”不设上限")
    if q in OVER_SUFFIX:
        return Reading(Interval(x, x + p.G, True, True), Interval(x, x + p.G, True, False),
                       f"“{q}”可达{format_exact(x + p.G)}")
    if q in UNDER:
        return Reading(Interval(x - p.G, x, False, True), Interval(min(Fraction(0), x), x, False, True),
                       f"“{q}”不设下限")
    if q in AT_LEAST:
        return Reading(Interval(x, x + p.G, False, True), Interval(x, INF), f"“{q}”不设上限")
    if q in AT_MOST:
        return Reading(Interval(x - p.G, x, True, False), Interval(min(Fraction(0), x), x), f"“{q}”不设下限")
    # bare, 达, 达到, 为, 之多 (and 共/合计, which are aggregates): integers of a count are
    # exact; the rest are rounded
    if exact_count:
        point = Interval.point(x)
        return Reading(point, point, "")
    strict = Interval.around(x, p.u / 2)
    if x >= 0:
        lenient = Interval(x - p.u / 2, x + p.u, False, True)
    else:
        lenient = Interval(x - p.u, x + p.u / 2, True, False)
    return Reading(strict, lenient, f"{raw}是截断值（不是四舍五入）")
