"""Exact intervals with open or closed ends, and the arithmetic relations need.

Endpoints are :class:`fractions.Fraction`; an upper end may be ``INF`` (the lenient
reading of 超过 has no ceiling). Two intervals *meet* when they share a point: at a
touching endpoint both sides must be closed (docs/numbers.md).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from fractions import Fraction
from typing import Callable, Sequence

from mzcheck.numbers.format import format_decimal


class Infinity:
    """Positive infinity that compares with Fractions (only ever an upper end). Test with
    ``isinstance(x, Infinity)`` so type checkers narrow ``Fraction | Infinity``."""

    _instance: "Infinity | None" = None

    def __new__(cls) -> "Infinity":
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "INF"

    def __lt__(self, other: object) -> bool:
        return False

    def __le__(self, other: object) -> bool:
        return other is self

    def __gt__(self, other: object) -> bool:
        return other is not self

    def __ge__(self, other: object) -> bool:
        return True


INF = Infinity()


@dataclass(frozen=True, slots=True)
class Interval:
    lo: Fraction
    hi: Fraction | Infinity
    lo_open: bool = False
    hi_open: bool = False

    def __post_init__(self) -> None:
        if isinstance(self.hi, Infinity):
            object.__setattr__(self, "hi_open", True)
        if not (isinstance(self.hi, Infinity) or self.lo <= self.hi):
            raise ValueError(f"empty interval: {self.lo} > {self.hi}")

    # constructors -----------------------------------------------------------
    @classmethod
    def point(cls, x: Fraction | int) -> "Interval":
        x = Fraction(x)
        return cls(x, x)

    @classmethod
    def around(cls, x: Fraction, half: Fraction) -> "Interval":
        return cls(x - half, x + half)

    # predicates ---------------------------------------------------------------
    @property
    def upper(self) -> Fraction:
        """The upper end of a bounded interval (ValueError when it has none)."""
        if isinstance(self.hi, Infinity):
            raise ValueError("the interval has no upper end")
        return self.hi

    @property
    def bounded(self) -> bool:
        return not isinstance(self.hi, Infinity)

    def contains(self, x: Fraction) -> bool:
        above = x > self.lo or (x == self.lo and not self.lo_open)
        below = isinstance(self.hi, Infinity) or x < self.hi or (x == self.hi and not self.hi_open)
        return above and below

    def meets(self, other: "Interval") -> bool:
        """True when the two intervals share at least one point."""
        return self.intersect(other) is not None

    def intersect(self, other: "Interval") -> "Interval | None":
        lo, lo_open = _max_lo(self, other)
        hi, hi_open = _min_hi(self, other)
        if not isinstance(hi, Infinity) and (lo > hi or (lo == hi and (lo_open or hi_open))):
            return None
        return Interval(lo, hi, lo_open, hi_open)

    def hull(self, other: "Interval") -> "Interval":
        """The smallest interval holding both."""
        if self.lo < other.lo or (self.lo == other.lo and not self.lo_open):
            lo, lo_open = self.lo, self.lo_open
        else:
            lo, lo_open = other.lo, other.lo_open
        if isinstance(self.hi, Infinity) or isinstance(other.hi, Infinity):
            return Interval(lo, INF, lo_open, True)
        if self.hi > other.hi or (self.hi == other.hi and not self.hi_open):
            hi, hi_open = self.hi, self.hi_open
        else:
            hi, hi_open = other.hi, other.hi_open
        return Interval(lo, hi, lo_open, hi_open)

    def le(self, other: "Interval") -> bool:
        """Some x here and some y there with x <= y (a part can be at most its whole)."""
        if isinstance(other.hi, Infinity):
            return True
        return self.lo < other.hi or (self.lo == other.hi and not self.lo_open and not other.hi_open)

    # arithmetic ---------------------------------------------------------------
    def __add__(self, other: "Interval") -> "Interval":
        hi = INF if (isinstance(self.hi, Infinity) or isinstance(other.hi, Infinity)) else self.hi + other.hi
        return Interval(self.lo + other.lo, hi, self.lo_open or other.lo_open, self.hi_open or other.hi_open)

    def __sub__(self, other: "Interval") -> "Interval":
        if isinstance(other.hi, Infinity):
            raise ValueError("cannot subtract an unbounded interval")
        hi = INF if isinstance(self.hi, Infinity) else self.hi - other.lo
        return Interval(self.lo - other.hi, hi, self.lo_open or other.hi_open, self.hi_open or other.lo_open)

    def scale(self, k: Fraction | int) -> "Interval":
        k = Fraction(k)
        if k < 0:
            raise ValueError("scale by a non-negative constant")
        hi = INF if isinstance(self.hi, Infinity) else self.hi * k
        if k == 0:
            return Interval.point(0)
        return Interval(self.lo * k, hi, self.lo_open, self.hi_open)

    def __truediv__(self, other: "Interval") -> "Interval":
        """Ratio of non-negative quantities: [a.lo / b.hi, a.hi / b.lo]."""
        if self.lo < 0 or other.lo < 0:
            raise ValueError("ratio of non-negative intervals only")
        if isinstance(other.hi, Infinity):
            lo, lo_open = Fraction(0), not (self.lo == 0 and not self.lo_open)
        elif other.hi == 0:
            raise ZeroDivisionError("divide by an interval that is zero")
        else:
            lo, lo_open = self.lo / other.hi, self.lo_open or other.hi_open
        if other.lo == 0 or isinstance(self.hi, Infinity):
            return Interval(lo, INF, lo_open, True)
        return Interval(lo, self.hi / other.lo, lo_open, self.hi_open or other.lo_open)

    def clamp(self, lo: Fraction, hi: Fraction) -> "Interval":
        """Cap to [lo, hi] (a share lies in [0, 100])."""
        new_lo, lo_open = (lo, False) if self.lo < lo else (self.lo, self.lo_open)
        if isinstance(self.hi, Infinity) or self.hi > hi:
            new_hi, hi_open = hi, False
        else:
            new_hi, hi_open = self.hi, self.hi_open
        if new_lo > new_hi:
            new_lo = new_hi
        return Interval(new_lo, new_hi, lo_open, hi_open)

    def __str__(self) -> str:
        left = "(" if self.lo_open else "["
        right = ")" if self.hi_open else "]"
        hi = "∞" if isinstance(self.hi, Infinity) else format_decimal(self.hi)
        if not isinstance(self.hi, Infinity) and self.lo == self.hi:
            return format_decimal(self.lo)
        return f"{left}{format_decimal(self.lo)}, {hi}{right}"


def _max_lo(a: Interval, b: Interval) -> tuple[Fraction, bool]:
    if a.lo != b.lo:
        return (a.lo, a.lo_open) if a.lo > b.lo else (b.lo, b.lo_open)
    return a.lo, a.lo_open or b.lo_open


def _min_hi(a: Interval, b: Interval) -> tuple[Fraction | Infinity, bool]:
    if isinstance(a.hi, Infinity):
        return b.hi, b.hi_open
    if isinstance(b.hi, Infinity) or a.hi < b.hi:
        return a.hi, a.hi_open
    if b.hi < a.hi:
        return b.hi, b.hi_open
    return a.hi, a.hi_open or b.hi_open


def total(intervals: Sequence[Interval]) -> Interval:
    out = Interval.point(0)
    for iv in intervals:
        out = out + iv
    return out


def corners(f: Callable[..., Fraction], *boxes: Interval) -> Interval:
    """Range of ``f`` over a box, for ``f`` monotone in each argument.

    Used where one quantity occurs twice (a / (a + b)), so that naive interval rules
    would overstate the range. An endpoint is open when any coordinate of the corner
    that gives it is an open end. Unbounded boxes fall back to the caller.
    """
    if any(isinstance(b.hi, Infinity) for b in boxes):
        raise ValueError("corner evaluation needs bounded intervals")
    best_lo: tuple[Fraction, bool] | None = None
    best_hi: tuple[Fraction, bool] | None = None
    ends = [((b.lo, b.lo_open), (b.hi, b.hi_open)) for b in boxes]
    for choice in itertools.product(*ends):
        value = f(*(c[0] for c in choice))
        is_open = any(c[1] for c in choice)
        if best_lo is None or value < best_lo[0] or (value == best_lo[0] and not is_open):
            best_lo = (value, is_open)
        if best_hi is None or value > best_hi[0] or (value == best_hi[0] and not is_open):
            best_hi = (value, is_open)
    assert best_lo is not None and best_hi is not None
    return Interval(best_lo[0], best_hi[0], best_lo[1], best_hi[1])
