"""Repeated mentions: one quantity stated twice in a passage with values that cannot both
hold (MZ308). A difference of a scale word (×10⁴) is MZ401's, in the plausibility family."""

from __future__ import annotations

from typing import Iterator

from mzcheck.finding import Severity
from mzcheck.numbers.verdict import Verdict, judge
from mzcheck.rules.context import DocContext, Outcome
from mzcheck.rules.registry import rule
from mzcheck.rules.relations.common import make_outcome
from mzcheck.rules.relations.finders import repeated_wordings, same_quantity_pairs, scale_slip


@rule("MZ308", "mentions-disagree", Severity.WARNING)
def mentions_disagree(ctx: DocContext) -> Iterator[Outcome]:
    """The same quantity, mentioned twice in a passage, with values that cannot both hold.

    What it checks: two figures in one paragraph with the same label (after the lexicon
    links 最低生活保障 = 低保 and the like), unit and period, whose intervals do not meet.

    Across paragraphs, two figures worded alike (强化39个欠发达县域托底性帮扶 … 提升39个欠发达
    县域托底性帮扶质效) are compared too; a difference there is information only, since a
    work report uses one phrase of last year's result and of this year's target.

    Why it matters: a figure corrected in one place and not the other leaves the reader
    to guess which is true.

    Fails:
        全市共有儿童主任1929名。据统计,全市共有儿童主任1992名。

    Passes:
        全市共有儿童主任1929名。据统计,全市共有儿童主任1929名。
    """
    for a, b in ctx.derived(repeated_wordings):
        ra, rb = ctx.reading(a), ctx.reading(b)
        j = judge([ra, rb], lambda iv: iv[0].meets(iv[1]))
        if j.verdict is Verdict.CONSISTENT:
            yield Outcome("MZ308", (a, b), stated=a.raw, computed=b.raw)
        else:
            yield Outcome("MZ308", (a, b), False,
                          f"同一说法在两处数值不同：先为{a.raw}，后为{b.raw}（若指不同年份或范围，可忽略）",
                          Severity.INFO, stated=a.raw, computed=b.raw)
    for a, b in ctx.derived(same_quantity_pairs):
        ra, rb = ctx.reading(a), ctx.reading(b)
        j = judge([ra, rb], lambda iv: iv[0].meets(iv[1]))
        if j.verdict is not Verdict.CONSISTENT and scale_slip(a, b):
            continue  # reported by MZ401
        yield make_outcome("MZ308", (a, b), j, rb.strict, a.raw,
                       f"同一数字前后不一致：“{a.label}”先为{a.raw}，后为{b.raw}")

