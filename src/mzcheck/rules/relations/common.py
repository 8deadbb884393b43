"""Helpers shared by the relation families: which figures add up, labels, the shape of
an outcome and of its message. Nothing here finds a relation; :mod:`.finders` and the
family modules do."""

from __future__ import annotations

import math
import re
from fractions import Fraction
from typing import Sequence

from mzcheck.figures import Figure
from mzcheck.finding import Severity
from mzcheck.numbers import vocab
from mzcheck.numbers.format import format_decimal
from mzcheck.numbers.interval import Interval
from mzcheck.numbers.verdict import Judgement, Verdict
from mzcheck.rules import lexicon
from mzcheck.rules.context import DocContext, Outcome

#: Units that add up (not rates, shares or multiples).
NON_ADDITIVE = frozenset(vocab.PERCENT_UNITS + vocab.RATIO_UNITS + ("", "年", "岁", "周岁", "个月", "天", "小时", "周年"))
AVERAGE_WORDS = re.compile(r"人均|户均|平均|每人|每户|均")
SECTORS = ("第一产业", "第二产业", "第三产业")
#: Growth at comparable prices: real rates do not relate nominal levels.
REAL_GROWTH = re.compile(r"可比价|不变价|实际增长")


def additive(f: Figure) -> bool:
    return f.unit not in NON_ADDITIVE and not f.per and f.kind in ("number", "range") \
        and not AVERAGE_WORDS.search(f.label)


def canon_label(f: Figure) -> str:
    return lexicon.canonical(f.label)


def labels_match(a: str, b: str) -> bool:
    if not a or not b:
        return False
    return a == b or (min(len(a), len(b)) >= 2 and (a.endswith(b) or b.endswith(a)))


def percent_ratio(iv: Sequence[Interval]) -> Interval:
    return (iv[0] / iv[1]).scale(100).clamp(Fraction(0), Fraction(10**9))


def in_units(value: Fraction, like: Figure) -> str:
    """A value in base units shown in the scale and unit of a stated figure (877.7469万元)."""
    scale = Fraction(vocab.scale_factor(like.scale))
    return f"{format_decimal(value / scale, max(4, like.decimals + 2))}{like.scale}{like.unit}"


def span_in_units(iv: Interval, like: Figure) -> str:
    """An interval in the unit of a stated figure: 0.0205 至 0.0207, or 3.2 以上."""
    lo = in_units(iv.lo, like)
    if not iv.bounded:
        return f"{lo}以上"
    return lo if iv.lo == iv.upper else f"{lo} 至 {in_units(iv.upper, like)}"


def difference_meets(iv: Sequence[Interval], first_less_second: bool) -> bool:
    """a − b (or b − a) meets c: a change in points, a balance, a natural increase."""
    return (iv[0] - iv[1] if first_less_second else iv[1] - iv[0]).meets(iv[2])


def quotient_meets(iv: Sequence[Interval], scale: Fraction | int = 1) -> bool:
    """a ÷ b (× scale) meets c: an average, a ratio or a rate per N against its two terms."""
    return (iv[0] / iv[1]).scale(scale).meets(iv[2])


def lead_words(f: Figure) -> str:
    """The words a figure's own text opens with, before its digits: 达到 of 达到4500人以上."""
    return f.raw[:next((i for i, c in enumerate(f.raw) if c.isdigit()), 0)]


def show(f: Figure) -> str:
    """A figure as a term of arithmetic: 4627家, not 达4627家."""
    for q in ("达到", "达", "为"):
        if f.raw.startswith(q) and f.qualifier == q:
            return f.raw[len(q):]
    return f.raw


def rounding_note(j: Judgement, rounded: str) -> str:
    """"；四舍五入应为X" when only reading the stated figure as truncated makes it agree."""
    return f"；四舍五入应为{rounded}" if j.verdict is Verdict.WARNING and "截断" in j.assumption else ""


def round_to(value: Fraction, decimals: int) -> str:
    q = Fraction(10) ** decimals
    rounded = Fraction(math.floor(value * q + Fraction(1, 2))) / q
    return f"{float(rounded):.{decimals}f}" if decimals else str(rounded.numerator)


def make_outcome(code: str, figs: tuple[Figure, ...], j: Judgement, computed: Interval | str, stated: str,
                 message: str, error_severity: Severity | None = None, relation: str = "") -> Outcome:
    """The outcome of a judged relation: a pass, or a finding whose message names the
    assumption a warning needs (and the rounded value when truncation explains it).
    ``relation`` states the arithmetic over f0, f1 … (figs in order) for :mod:`mzcheck.repairs`."""
    if isinstance(computed, Interval) and figs:
        # shown in the unit and scale of the figure it is compared with: 19916.95亿元 至
        # 19917.05亿元, not [1991695000000, 1991705000000]
        like = next((f for f in figs if f.raw == stated), figs[-1])
        computed = span_in_units(computed, like)
    if j.verdict is Verdict.CONSISTENT:
        return Outcome(code, figs, computed=str(computed), stated=stated)
    severity = Severity.WARNING if j.verdict is Verdict.WARNING else error_severity
    text = message
    if j.assumption:
        head, sep, rounded = text.partition("；四舍五入应为")
        text = f"{head}；仅当{j.assumption}时一致" + (f"，四舍五入应为{rounded}" if sep else "")
    return Outcome(code, figs, False, text, severity, stated=stated, computed=str(computed), assumption=j.assumption,
                   relation=relation)


def text_before(ctx: DocContext, f: Figure, n: int = 30) -> str:
    return ctx.norm[max(0, f.start - n):f.start]


def window(ctx: DocContext, f: Figure, sentences: int = 2, reach: int = 1500) -> list[Figure]:
    """Figures of the same paragraph from ``sentences`` full sentences back up to ``f``."""
    p_lo, _ = ctx.paragraph(f)
    lo = ctx.full_sentence(f)[0]
    for _ in range(sentences):
        if lo <= p_lo:
            break
        lo = max(p_lo, ctx.norm.rfind("。", max(0, lo - 2000), lo - 1) + 1, lo - 2000)
    return [g for g in ctx.figures_in(max(lo, f.start - reach), f.start) if g.end <= f.start]



def strip_prefix_word(raw: str, words: Sequence[str]) -> str:
    """``raw`` without one leading word of ``words`` (不低于1.3倍 → 1.3倍). A word, not a set
    of characters: str.lstrip would also eat the 多 of 多于3倍."""
    for w in sorted(words, key=len, reverse=True):
        if raw.startswith(w):
            return raw[len(w):]
    return raw


_NOISE = re.compile(r"\([^()]{0,40}\)|\[\d+\]|\s")
_CLAUSE_SEP = re.compile(r"[,;:。!?]")


def clause_before(ctx: DocContext, f: Figure, reach: int = 80) -> str:
    """The clause a figure ends, without parentheses, footnote marks or line breaks:
    年末全国人口[5]140828万人 → 年末全国人口."""
    lines = ctx.norm[max(0, f.start - reach):f.start].split("\n")
    kept = lines[-1]
    for line in reversed(lines[1:-1]):
        if len(line.strip()) <= 16:
            break                    # a heading or a blank line ends the clause; a long line runs on
        kept = line + kept
    return _CLAUSE_SEP.split(_NOISE.sub("", kept))[-1]


def next_paragraph(ctx: DocContext, f: Figure) -> list[Figure]:
    """The figures of the paragraph after f's: …地区生产总值20817.5亿元，增长2.8%。⏎分产业看，
    第一产业…: a bulletin often gives the sectors in the paragraph after the whole."""
    hi = ctx.paragraph(f)[1]
    after = ctx.figures_in(hi, hi + 3000)
    return ctx.figures_in(hi, ctx.paragraph(after[0])[1]) if after else []

