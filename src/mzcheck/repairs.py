"""What a failing relation's figures would need to be, and which repair is a typing slip.

A rule that judges arithmetic states its relation as an expression over its figures in
the order it names them (``f0 == f1 + f2``, ``f2 == f0 / f1 * 100``; the language of
:mod:`mzcheck.numbers.expr`). For each figure, the value the others imply is found exactly
(the relation is linear in the figure or in its inverse) and printed with the figure's own
digits; every printed candidate is judged with the interval semantics of all the figures, so
a repair is proposed only when it makes the relation hold. Then the printed digits are
compared with the repair: two adjacent digits swapped, one digit wrong, a digit dropped or
doubled, the decimal point moved, a scale word wrong, truncation instead of rounding, a
direction word flipped. A repair with such a shape ranks first; the others say only what
value would satisfy the relation.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from functools import lru_cache, partial
from fractions import Fraction
from typing import Callable, Iterator, Sequence

from mzcheck.figures import Figure, read
from mzcheck.finding import Repair
from mzcheck.numbers import vocab
from mzcheck.numbers.interval import Interval
from mzcheck.numbers.reading import INTERVAL_QUALIFIERS

#: Slip kinds, most likely first, with what an auditor reads.
SLIPS: dict[str, str] = {
    "truncation": "疑为截断而非四舍五入",     # a computed figure cut: what the finding's own assumption names
    "swap": "疑为两位数字颠倒",
    "scale": "疑为数量级错误（小数点或单位）",
    "digit": "疑为一位数字有误",
    "drop": "疑为漏写一位数字",
    "double": "疑为多写一位数字",
    "direction": "疑为增减方向写反",
    # typographic slips, each undone by rewriting the figure or span a typography rule names
    "percent": "疑为漏写“%”",
    "plus": "疑为“+”在排版中丢失",
    "points": "比率的变化应以“个百分点”表示",
    "space": "数字中有多余的空格",
}
_ORDER = {kind: k for k, kind in enumerate(SLIPS)}
#: Repairs shown for one finding: a slip per figure, else the value each figure would need.
MAX_REPAIRS = 6
_DIGITS = re.compile(r"\d[\d,，]*(?:\.\d+)?")
#: Units printed with their decimals kept, 13.0%: a point moved, not a zero added.
_RATES = frozenset(("%", "‰", "‱"))
_FLIP = {"增长": "下降", "下降": "增长", "增加": "减少", "减少": "增加", "上升": "下降", "提高": "降低", "降低": "提高"}


@dataclass(frozen=True)
class Printed:
    """A figure's digits as printed, where they stand in the document, and their grouping."""

    text: str          # 1,107
    start: int
    end: int
    ascii: str         # 1107

    def spell(self, ascii: str) -> str:
        """New digits in the printed style: thousands separators kept where they were."""
        if "," not in self.text and "，" not in self.text:
            return ascii
        sep = "," if "," in self.text else "，"
        whole, dot, frac = ascii.partition(".")
        sign = "-" if whole.startswith("-") else ""
        whole = whole.lstrip("-")
        groups: list[str] = []
        while len(whole) > 3:
            groups.insert(0, whole[-3:])
            whole = whole[:-3]
        return sign + sep.join([whole, *groups]) + dot + frac


def printed(raw: str, start: int) -> Printed | None:
    """The digits of a figure as printed at ``start`` (None for 三千 and other figures in words)."""
    m = _DIGITS.search(raw)
    if not m or not m.group().replace(",", "").replace("，", "").replace(".", "").isdigit():
        return None
    text = m.group()
    return Printed(text, start + m.start(), start + m.end(), text.replace(",", "").replace("，", ""))


def with_digits(f: Figure, digits: str, factor: Fraction = Fraction(1)) -> Figure:
    """The figure as if printed with other digits (and a scale ``factor`` times its own)."""
    value = Fraction(digits) * vocab.scale_factor(f.scale) * factor
    sign = -1 if f.value < 0 else 1
    decimals = len(digits.partition(".")[2])
    return replace(f, mantissa=digits, value=sign * value, decimals=decimals, value_hi=None)


def fixed(value: Fraction, decimals: int) -> str:
    """An exact value printed with ``decimals`` places, rounded half up (no float)."""
    q = 10 ** decimals
    n = math.floor(abs(value) * q + Fraction(1, 2))
    text = str(n).rjust(decimals + 1, "0")
    body = f"{text[:-decimals]}.{text[-decimals:]}" if decimals else text
    return ("-" if value < 0 and n else "") + body


def truncated(value: Fraction, decimals: int) -> str:
    q = 10 ** decimals
    n = math.floor(abs(value) * q)
    text = str(n).rjust(decimals + 1, "0")
    return f"{text[:-decimals]}.{text[-decimals:]}" if decimals else text


# --------------------------------------------------------------------------- solving
@lru_cache(maxsize=512)
def _parse(relation: str):
    """A relation parsed once: rules state a few dozen shapes, over and over."""
    from mzcheck.numbers.expr import parse

    return parse(relation)



def solve(expression, names: Sequence[str], values: Sequence[Fraction], k: int) -> Fraction | None:
    """The value of figure k that makes both sides of the relation's first comparison equal,
    the others at their printed values: linear in the figure or in its inverse."""
    from mzcheck.numbers.expr import ExprError

    def gap(x: Fraction) -> Fraction | None:
        point = {n: Interval.point(v) for n, v in zip(names, values, strict=True)}
        point[names[k]] = Interval.point(x)
        try:
            left, right = expression.value("left", point), expression.value("right", point)
        except ExprError:
            return None
        if left is None or right is None or not left.bounded or not right.bounded:
            return None
        return left.lo - right.lo

    x0 = values[k] if values[k] else Fraction(1)
    for inverse in (False, True):
        xs = [x0, x0 * Fraction(11, 10), x0 * Fraction(13, 10)]
        ts = [1 / x for x in xs] if inverse else xs
        gs = [gap(x) for x in xs]
        if any(g is None for g in gs) or gs[1] == gs[0]:
            continue
        slope = (gs[1] - gs[0]) / (ts[1] - ts[0])       # type: ignore[operator]
        if (gs[2] - gs[0]) != slope * (ts[2] - ts[0]):   # type: ignore[operator]
            continue                                     # not linear in this form
        t = ts[0] - gs[0] / slope                        # type: ignore[operator]
        if inverse and t == 0:
            continue
        return 1 / t if inverse else t
    return _secant(gap, x0)


def _secant(gap: Callable[[Fraction], Fraction | None], x0: Fraction) -> Fraction | None:
    """A root of a relation that is neither linear in the figure nor in its inverse (a level
    inside a growth rate): secant steps from the printed value. Only the candidates printed
    around the root are judged, exactly, so a root a little off costs nothing."""
    a, b = x0, x0 * Fraction(101, 100)
    ga, gb = gap(a), gap(b)
    for _ in range(40):
        if ga is None or gb is None or gb == ga:
            return None
        c = b - gb * (b - a) / (gb - ga)
        c = Fraction(c).limit_denominator(10**12)
        if c == 0 or abs(c) > abs(x0) * 10**6:
            return None
        a, ga, b, gb = b, gb, c, gap(c)
        if gb == 0 or abs(b - a) <= abs(b) * Fraction(1, 10**9):
            return b
    return None


def propose(figures: Sequence[Figure], relation: str, rho: Fraction, marks: Sequence[tuple[str, int]],
            names: Sequence[str] = (), text: str = "") -> tuple[Repair, ...]:
    """The repairs of a failing relation, most likely first (an empty tuple when none).
    ``marks`` are the figures as they stand in the document: (text, start); ``names`` what
    the relation calls them (f0, f1 … unless given: a declared rule's metric names); ``text``
    the document's text, where a direction word before a figure (增长6.4%) is found."""
    from mzcheck.numbers.expr import ExprError

    try:           # a || b: the relation holds in either reading (a year of 365 or of 366 days)
        expressions = [_parse(alternative.strip()) for alternative in relation.split("||")]
    except ExprError:
        return ()
    names = list(names) or [f"f{k}" for k in range(len(figures))]
    if len(names) != len(figures) or any(set(e.names) - set(names) for e in expressions):
        return ()
    readings = [_signed(f, rho) for f in figures]
    inequality = "==" not in relation
    result = _result(expressions[0])

    def holds(k: int, candidate: Figure) -> bool:
        values = dict(zip(names, readings, strict=True))
        values[names[k]] = _signed(candidate, rho)
        for e in expressions:
            try:
                if e.holds(values):
                    return True
            except ExprError:
                continue
        return False

    # (kind's order, distance, makes a round figure, not the relation's result, figure, repair).
    # Of two slips that undo the relation as well: the one that leaves no new trailing zero
    # (46270 → 4627 rather than 1971 → 19710: a real figure ends in 0 one time in ten, a
    # figure with a 0 typed too many always does); then the figure the relation computes (a
    # share, a total, a rate), typed on its own, not its inputs, copied from their source
    slips: list[tuple[int, Fraction, bool, bool, int, Repair]] = []
    plain: list[tuple[int, Repair]] = []
    signed = [f.value if f.direction != "down" else -f.value for f in figures]
    for k, f in enumerate(figures):
        where = printed(*marks[k])
        if where is None or f.kind not in ("number", "ratio"):
            continue
        solved = [x for x in (solve(e, names, signed, k) for e in expressions) if x is not None]
        sieve = [float(x) for x in solved]
        needed = solved[0] if solved else None
        scale = Fraction(vocab.scale_factor(f.scale))
        best: tuple[int, Fraction, bool, bool, int, Repair] | None = None
        # an inequality (parts ≤ whole) holds for many values: only an equality names any slip,
        # an inequality only a swap or a scale slip, and only where the figure is far past its
        # bound (a part 2960 typed 9260 above its whole 3870; not 1,107 below a sum of 1,126)
        gross = inequality and (needed is None or needed > 0 and not Fraction(4, 5) < abs(f.value) / needed < Fraction(5, 4))
        keep_point = _keeps_point(f, figures, text, marks[k][1])
        targets = [abs(x) / float(scale) for x in sieve]
        # 超9000, 约1100: round by design, and read as an interval that admits many changes
        slips_allowed = (not inequality or gross) and f.qualifier not in INTERVAL_QUALIFIERS
        for kind, digits, factor in _slips(where.ascii, f, keep_point, targets) if slips_allowed else ():
            if kind == "direction" and len(expressions) > 1 and f.unit not in ("%", "个百分点"):
                continue      # the change of a population read three ways: its sign only picks a reading
            if inequality and kind not in ("swap", "scale"):
                continue      # many values pass a bound
            if kind not in ("scale", "direction") and len(digits.partition(".")[2]) < f.decimals:
                continue      # 3.5 → 3 would hold only by being vaguer, not by being right
            if solved and not inequality and not f.qualifier and not _near(f, kind, digits, factor, sieve):
                continue      # far from every value the relation allows: no need to judge it
            candidate = with_digits(f, digits, factor)
            if kind == "direction":
                candidate = replace(f, direction="up" if f.direction == "down" else "down")
            if not holds(k, candidate):
                continue
            new = _replacement(f, marks[k], where, kind, digits, factor, text)
            if new is None:
                continue
            proposed, span = new
            distance = min((abs(abs(candidate.value) / abs(x) - 1) for x in solved if x), default=Fraction(0))
            if distance < Fraction(1, 50):
                distance = Fraction(0)       # within the others' rounding: as good as exact
            shown, after = (_FLIP[proposed], proposed) if kind == "direction" else \
                (where.text + f.scale, where.text + proposed) if factor != 1 and f.scale else (where.text, proposed)
            found = (_ORDER[kind], distance, _round(proposed) and not _round(where.text), names[k] != result, k,
                     Repair(f.figure_id, f.raw, proposed, kind, 0, f"{SLIPS[kind]}：{shown} → {after}", *span))
            if best is None or found[:4] < best[:4]:
                best = found
        if needed is None or (needed <= 0 < f.value and not f.direction) or f.qualifier in INTERVAL_QUALIFIERS:
            if best:          # 约1000万元, 超过50万: a slip in its digits, but no single value to propose
                slips.append(best)
            continue
        at = abs(needed) / scale
        around = sorted({fixed(abs(x) / scale + d * Fraction(1, 10 ** f.decimals), f.decimals)
                         for x in solved for d in (-1, 0, 1)}, key=Fraction)
        good = [c for c in around if c != where.ascii and holds(k, with_digits(f, c))]
        wide = False
        if len(good) >= 3 and not inequality:       # the others' rounding admits a range
            widened = _widen(good, f, partial(_holds_other, holds, k, f, where.ascii))
            wide, good = widened is None, widened or good
        good = [c for c in good if _significant(c) >= min(2, _significant(where.ascii))]   # 7840万 → 1: no
        if inequality and good:   # the nearest value that holds, and on which side the others lie
            side = "至少" if holds(k, with_digits(f, fixed(at * 2 + 1, f.decimals))) else "至多"
            exact = fixed(at, f.decimals)
            proposed = where.spell(exact if exact in good else (min if side == "至少" else max)(good, key=Fraction))
            plain.append((k, Repair(f.figure_id, f.raw, proposed, "value", 0,
                                    f"若其余数字无误，{where.text}应{side}为{proposed}", where.start, where.end)))
        elif names[k] == result and where.ascii == truncated(at, f.decimals) and fixed(at, f.decimals) in good:
            proposed = where.spell(fixed(at, f.decimals))
            best = (_ORDER["truncation"], Fraction(0), False, False, k, Repair(f.figure_id, f.raw, proposed, "truncation", 0,
                                                                 f"{SLIPS['truncation']}：{where.text} → {proposed}",
                                                                 where.start, where.end))
        elif good and best is None:
            spelled = [where.spell(c) for c in good]
            say = "或".join(spelled) if len(good) <= 2 else f"约{where.spell(fixed(at, f.decimals))}" if wide \
                else f"{spelled[0]}至{spelled[-1]}之间"
            center = where.spell(fixed(at, f.decimals)) if fixed(at, f.decimals) in good else spelled[0]
            plain.append((k, Repair(f.figure_id, f.raw, center, "value", 0,
                                    f"若其余数字无误，{where.text}应为{say}{_change(where.ascii, center)}",
                                    where.start, where.end)))
        if best:
            slips.append(best)
    # with no slip, the figure the relation computes first (分项之和 57.2亿元: the total should be 57.2)
    plain.sort(key=lambda p: (names[p[0]] != result, p[0]))
    ranked = [r for *_, r in sorted(slips, key=lambda s: s[:5])] + [r for _, r in plain]
    return tuple(replace(r, rank=n) for n, r in enumerate(ranked[:MAX_REPAIRS], 1))


_REACH = 6


def _holds_other(holds: Callable[[int, Figure], bool], k: int, f: Figure, printed: str, c: str) -> bool:
    return c != printed and holds(k, with_digits(f, c))


def _widen(good: list[str], f: Figure, ok: Callable[[str], bool]) -> list[str] | None:
    """Every printed value around ``good`` that holds, one step of the last digit at a time;
    None when the values reach further than _REACH steps either way (then no range is named)."""
    step = Fraction(1, 10 ** f.decimals)
    lo, hi = Fraction(good[0]), Fraction(good[-1])

    def reach(sign: int, edge: Fraction) -> int:
        """The most steps from ``edge`` that still hold: the values that hold make an interval,
        so a bisection finds its end."""
        def fits(n: int) -> bool:
            value = edge + sign * n * step
            return value > 0 and ok(fixed(value, f.decimals))

        a, b = 0, _REACH
        while a < b:
            m = (a + b + 1) // 2
            a, b = (m, b) if fits(m) else (a, m - 1)
        return a

    down, up = reach(-1, lo), reach(1, hi)
    if _REACH in (down, up):
        return None
    return [fixed(lo - n * step, f.decimals) for n in range(down, 0, -1)] + list(good) + \
        [fixed(hi + n * step, f.decimals) for n in range(1, up + 1)]


def typography(kind: str, written: str) -> str | None:
    """The text that undoes a typographic slip in ``written`` (the figure or span as it stands
    in the document): 达99.01 → 达99.01%, “4 1” → “4+1”, 2.5% → 2.5个百分点, 1 234 → 1234."""
    if kind == "percent" and not written.endswith("%"):
        return written + "%"
    if kind == "plus":
        inner = written.strip()
        return re.sub(r"(?<=\S)[ \t\u3000]+(?=\S)", "+", inner) if inner != written or " " in inner else None
    if kind == "points":
        body = re.sub(r"\s*(?:%|％|百分点)$", "", written)
        return body + "个百分点" if body != written else None
    if kind == "space":
        squeezed = re.sub(r"(?<=[\d.,])[ \t\u3000]+(?=[\d.,%])", "", written)
        return squeezed if squeezed != written else None
    return None


def typographic_repair(kind: str, figure_id: str, written: str, start: int) -> Repair | None:
    proposed = typography(kind, written)
    if proposed is None or proposed == written:
        return None
    return Repair(figure_id, written, proposed, kind, 1, f"{SLIPS[kind]}：{written} → {proposed}",
                  start, start + len(written))


def _near(f: Figure, kind: str, digits: str, factor: Fraction, solved: Sequence[float], slack: float = 0.05) -> bool:
    """The slipped figure's signed value lies within 5 % of a value that makes the relation
    hold. A float suffices for this sieve: what passes it is judged exactly, and a verdict is
    decided by rounding far finer than 5 % (a tighter sieve, scaled to the others' digits,
    lost restorable slips whose solution only the secant approximates)."""
    value = float(digits) * vocab.scale_factor(f.scale) * float(factor) * (-1 if f.value < 0 else 1)
    if (f.direction == "down") != (kind == "direction"):
        value = -value
    return any(abs(value - x) <= abs(x) * slack for x in solved)


def _significant(digits: str) -> int:
    return len(digits.replace(".", "").replace("-", "").lstrip("0"))


def _change(printed: str, proposed: str) -> str:
    """（增加180）: how far a figure would have to move, in its own digits."""
    a, b = Fraction(printed), Fraction(proposed.replace(",", "").replace("，", ""))
    places = max(len(printed.partition(".")[2]), len(proposed.partition(".")[2]))
    return f"（{'增加' if b > a else '减少'}{fixed(abs(b - a), places)}）" if a != b else ""


def _result(expression) -> str:
    """The figure a relation computes (f2 of ``f2 == f0 / f1 * 100``): the one name alone on a
    side. Only a computed figure can have been truncated instead of rounded."""
    import ast

    body = expression.tree.body
    if isinstance(body, ast.Compare) and len(body.comparators) == 1:
        for side in (body.left, body.comparators[0]):
            if isinstance(side, ast.Name):
                return side.id
    return ""


def _signed(f: Figure, rho: Fraction) -> Interval:
    """A figure's strict interval, negative for a fall (下降5%, 减少100人): the sign relations use."""
    iv = read(f, rho).strict
    return Interval(-iv.upper, -iv.lo, iv.hi_open, iv.lo_open) if f.direction == "down" and iv.bounded else iv


def _replacement(f: Figure, mark: tuple[str, int], where: Printed, kind: str, digits: str,
                 factor: Fraction, text: str) -> tuple[str, tuple[int, int]] | None:
    """The text that replaces part of the figure as printed, and where it stands: its digits,
    its scale word, or the direction word in it or right before it (增长6.4%)."""
    raw, start = mark
    if kind == "direction":
        around = text[max(0, start - 4):start] + raw if text else raw
        at = max(((around.rfind(w), w) for w in _FLIP), key=lambda p: p[0])
        if at[0] < 0:
            return None
        offset = start - (len(around) - len(raw)) + at[0]
        return _FLIP[at[1]], (offset, offset + len(at[1]))
    if factor != 1:                                     # 1566万件 for 1566亿件: the scale word
        target = factor * vocab.scale_factor(f.scale)
        scale = "" if target == 1 else next((s for s, v in vocab.SCALES.items() if Fraction(v) == target
                                             and len(s) == 1), None)
        if scale is None:
            return None
        after = raw[raw.index(where.text) + len(where.text):]
        if f.scale and after.startswith(f.scale):
            return scale, (where.end, where.end + len(f.scale))
        if not f.scale:                                  # 1566件 for 1566万件: the word left out
            return where.text + scale, (where.start, where.end)
        return None
    return where.spell(digits), (where.start, where.end)


_PERCENT_NEAR = re.compile(r"\d+(\.\d+)?(?=[%‰])")


def _keeps_point(f: Figure, figures: Sequence[Figure], text: str, at: int) -> bool:
    """A figure read ×10 too big gets its point back (130% → 13.0%) rather than losing a zero
    (140350人 → 14035人) when figures like it are printed with decimals: the other figures of
    its unit in the relation, or for a percentage the percentages printed around it."""
    if f.unit in _RATES:
        near = [m.group(1) for m in _PERCENT_NEAR.finditer(text[max(0, at - 80):at + 80])] if text else []
        return not near or any(near)
    return any(g is not f and g.unit == f.unit and g.scale == f.scale and g.decimals for g in figures)


def _round(digits: str) -> bool:
    """Printed digits that end in a zero (19710, 2.50)."""
    return digits.replace(",", "").replace("，", "").endswith("0")


def _power_of_ten(ratio: Fraction) -> bool:
    return ratio in (Fraction(10) ** e for e in range(-3, 4))


def _slips(ascii: str, f: Figure, keep_point: bool, targets: Sequence[float] = ()) -> Iterator[tuple[str, str, Fraction]]:
    """Every typing slip of the printed digits: (kind, digits as they should be, scale factor).
    With ``targets`` (the values, in printed units, that would make the relation hold) a digit
    replaced or inserted at one place is only the one that comes closest to them: the other
    nine cannot be nearer."""

    def closest(options: list[str]) -> list[str]:
        if not targets or not options:
            return options
        return [min(options, key=lambda s: min(abs(float(s) - t) for t in targets))]

    whole, dot, frac = ascii.partition(".")
    plain = whole + frac
    point = len(whole)

    def spelled(d: str, at: int = point) -> str | None:
        if at <= 0 or at > len(d):
            return None
        w, fr = d[:at], d[at:]
        if len(w) > 1 and w.startswith("0"):
            return None
        return w + ("." + fr if fr else "")

    out: dict[str, str] = {}
    for i in range(len(plain) - 1):
        if plain[i] != plain[i + 1]:
            s = spelled(plain[:i] + plain[i + 1] + plain[i] + plain[i + 2:])
            if s and not (Fraction(ascii) and _power_of_ten(Fraction(s) / Fraction(ascii))):
                out.setdefault(s, "swap")         # 0.8 → 8.0 is the point moved, not a swap
    for shift in (-2, -1, 1, 2):                         # the decimal point moved
        at = point + shift
        d = plain
        if at > len(d):
            d = d + "0" * (at - len(d))
        s = spelled(d, at) if at > 0 else None
        if s and not frac and "." in s and not s.partition(".")[2].strip("0") and not keep_point:
            s = s.partition(".")[0]           # 140350人 → 14035人 (a zero too many); 130% → 13.0%
        if s and s != ascii:
            out.setdefault(s, "scale")
    for i in range(len(plain)):
        replaced = [spelled(plain[:i] + c + plain[i + 1:]) for c in "0123456789" if c != plain[i]]
        for s in closest([s for s in replaced if s]):
            out.setdefault(s, "digit")
        s = spelled(plain[:i] + plain[i + 1:], point - (i < point))
        if s and len(plain) > 1:
            out.setdefault(s, "double")                  # the printed figure has a digit too many
        inserted = [spelled(plain[:i] + c + plain[i:], point + (i < point)) for c in "0123456789"]
        for s in closest([s for s in inserted if s]):
            out.setdefault(s, "drop")
    for digits, kind in out.items():
        yield kind, digits, Fraction(1)
    for factor in (Fraction(10**4), Fraction(1, 10**4)) if f.scale else (Fraction(10**4),):
        yield "scale", ascii, factor
    if f.direction:
        yield "direction", ascii, Fraction(1)
