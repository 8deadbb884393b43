"""Repeated mentions: one quantity stated twice in a passage with values that cannot both
hold (MZ308). A difference of a scale word (×10⁴) is MZ401's, in the plausibility family."""

from __future__ import annotations

from typing import Iterator

from mzcheck.finding import Severity
from mzcheck.numbers.verdict import Verdict, judge
from mzcheck.rules.context import DocContext, Outcome
from mzcheck.rules.registry import rule
from mzcheck.rules.relations.common import make_outcome
from mzcheck.rules.relations.finders import same_quantity_pairs, scale_slip


@rule("MZ308", "mentions-disagree", Severity.WARNING)
def mentions_disagree(ctx: DocContext) -> Iterator[Outcome]:
    """The same quantity, mentioned twice in a passage, with values that cannot both hold.

    What it checks: two figures in one paragraph with the same label (after the lexicon
    links 最低生活保障 = 低保 and the like), unit and period, whose intervals do not meet.

    Why it matters: a figure corrected in one place and not the other leaves the reader
    to guess which is true.

    Fails:
        全市共有儿童主任1929名。据统计,全市共有儿童主任1992名。

    Passes:
        全市共有儿童主任1929名。据统计,全市共有儿童主任1929名。
    """
    for a, b in ctx.derived(same_quantity_pairs):
        ra, rb = ctx.reading(a), ctx.reading(b)
        j = judge([ra, rb], lambda iv: iv[0].meets(iv[1]))
        if j.verdict is not Verdict.CONSISTENT and scale_slip(a, b):
            continue  # reported by MZ401
        yield make_outcome("MZ308", (a, b), j, rb.strict, a.raw,
                       f"同一数字前后不一致：“{a.label}”先为{a.raw}，后为{b.raw}")

