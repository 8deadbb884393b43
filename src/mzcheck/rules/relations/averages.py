"""Averages and amounts: a stated average against total ÷ count (MZ301), money spent
against money raised (MZ311), and a value against a bound stated as a multiple of a
reference (MZ312)."""

from __future__ import annotations

import re
from dataclasses import replace
from fractions import Fraction
from functools import partial
from typing import Iterator, Sequence

from mzcheck.figures import Figure, read
from mzcheck.finding import Severity
from mzcheck.numbers.format import format_decimal
from mzcheck.numbers.interval import Interval
from mzcheck.numbers.reading import Reading
from mzcheck.numbers.verdict import Judgement, judge
from mzcheck.rules.context import DocContext, Outcome
from mzcheck.rules.registry import rule
from mzcheck.rules.relations.common import (
    AVERAGE_WORDS, NON_ADDITIVE, additive, canon_label, clause_before, make_outcome, quotient_meets, show, span_in_units,
    strip_prefix_word, window,
)
from mzcheck.rules.relations.finders import find_by_name, multiples

def _meets_multiple(iv: Sequence[Interval], factor: Fraction, at_least: bool) -> bool:
    """X ≥ k·Y (or ≤) for some values of the two intervals."""
    bound = iv[1].scale(factor)
    return bound.le(iv[0]) if at_least else iv[0].le(bound)


_DAILY = re.compile(r"日均|日平均|每日|每天")
#: 月人均补助480元 of an annual total: a monthly average (÷ 12 of the year's, if the count held all year)
_MONTHLY = re.compile(r"月人均|月均|月平均|每月|每人每月")
MACRO_AVERAGE = re.compile(r"生产总值|收入|消费|支出水平|寿命|GDP|产值|住房面积|占有")
_RAISE = re.compile(r"募集|筹集|募捐|筹措|收到|接收")
_SPEND = re.compile(r"救助|支出|用于|发放|使用|资助|拨付")
_BOUND_WORDS = ("不低于", "不少于", "至少", "不超过", "不高于", "至多")


# --------------------------------------------------------------------------- MZ301
@rule("MZ301", "average-mismatch", Severity.ERROR)
def average_mismatch(ctx: DocContext) -> Iterator[Outcome]:
    """A stated average is not the total divided by the count.

    What it checks: 人均/户均/平均 Z beside a total T and a count N stated just before it
    (same paragraph, up to two sentences back): T ÷ N must meet Z, every figure read as
    its interval (约9000人次 is [8950, 9050]). Per-month averages are only compared with
    counts of 人次, which already are person-months. Macro averages (人均生产总值, 人均
    收入) divide by a population the text rarely states and are left alone.

    Why it matters: an average that does not follow from its own total and count means
    one of the three figures is wrong.

    Also 平均每个村卫生室年诊疗量2520人次 when the document states how many 村卫生室 there
    are (村卫生室570410个) and the total in the same sentence (诊疗人次14.4亿): total ÷ count,
    as a warning, since the count may be the year-end number of units; a short name (平均每个
    站) is the end of the units the total's own name begins with (社区卫生服务站诊疗人次…), and
    an average of people (平均每个中心65人) is a rounded figure, not a count.

    Fails:
        全年共计实施临时救助约9000人次,支出约1214.74万元;人均救助额约1100元。
        全国共有村卫生室570410个。村卫生室诊疗人次14.4亿，平均每个村卫生室年诊疗量2720人次。

    Passes:
        全年共计实施临时救助约9000人次,支出约1000万元;人均救助额约1100元。
        全国共有村卫生室570410个。村卫生室诊疗人次14.4亿，平均每个村卫生室年诊疗量2520人次。
    """
    for avg in ctx.figures:
        if not AVERAGE_WORDS.search(avg.label) or MACRO_AVERAGE.search(avg.label):
            continue
        if avg.unit in NON_ADDITIVE or avg.kind != "number":
            continue
        if _DAILY.search(avg.label) or _DAILY.search(ctx.norm, max(0, avg.start - 12), avg.start):
            continue        # 日均: a total divided by days the text does not state
        if _MONTHLY.search(avg.label) or _MONTHLY.search(ctx.norm, max(0, avg.start - 12), avg.start):
            continue        # 月人均: the year's total over 12 months and a count that changed in the year
        prior = window(ctx, avg)
        counts = [f for f in prior if f.unit in ("人", "人次", "户", "名", "户次") and f.kind == "number"
                  and f.unit != avg.unit and not f.direction]
        totals = [f for f in prior if f.unit == avg.unit and not f.per and not AVERAGE_WORDS.search(f.label)
                  and not f.direction]
        if not counts or not totals:
            continue        # 平均每个中心65人: the count is of 中心, not of people; a change is no total
        count, amount = counts[-1], totals[-1]
        if avg.per and ("月" in avg.per or "年" in avg.per) and count.unit != "人次":
            continue
        judged = _total_over_count(ctx, amount, count, avg)
        if judged is None:
            continue
        j, computed = judged
        yield make_outcome("MZ301", (amount, count, avg), j, computed, avg.raw,
                       f"平均数不符：{show(amount)} ÷ {show(count)} = {computed}，"
                               f"与“{avg.label}{avg.raw}”（{ctx.reading(avg).strict}）不一致",
                           relation="f2 == f0 / f1")
    for avg, amount, count in ctx.derived(per_unit_averages):
        judged = _total_over_count(ctx, amount, count, avg)
        if judged is None:
            continue
        j, computed = judged
        yield make_outcome("MZ301", (amount, count, avg), j, computed, avg.raw,
                           f"平均数不符：{show(amount)} ÷ {show(count)} = {span_in_units(computed, avg)}"
                           f"，与“{avg.raw}”不一致（单位数可能取年末数而平均数按年内平均计算）", Severity.WARNING,
                           relation="f2 == f0 / f1")



def _average_reading(ctx: DocContext, avg: Figure) -> Reading:
    """An average as the interval its digits allow: 平均每个中心65人 is 64.5 to 65.5 people,
    not the exact count a whole number of people would be."""
    r = ctx.reading(avg)
    if r.strict.bounded and r.strict.lo == r.strict.upper:
        return read(replace(avg, unit=""), ctx.rho)
    return r


def _total_over_count(ctx: DocContext, amount: Figure, count: Figure, avg: Figure) -> tuple[Judgement, Interval] | None:
    """amount ÷ count against the stated average, every figure read as its interval."""
    ra, rc, rv = ctx.reading(amount), ctx.reading(count), _average_reading(ctx, avg)
    if rc.strict.lo <= 0:
        return None
    return judge([ra, rc, rv], quotient_meets), ra.strict / rc.strict


_PER_UNIT = re.compile(r"平均每(?:个|家|所|座|张|名)")
_UNIT_COUNTS = ("个", "家", "所", "座", "张", "名")


def _unit_name(clause: str) -> str:
    """全国共有村卫生室 → 村卫生室: what a count of units counts."""
    return re.sub(r"^(?:\d{4}年)?(?:年末|年底)?(?:全国|全省|全市|全县|全区)?(?:共有|现有|拥有|共|有)?", "", clause)


def per_unit_averages(ctx: DocContext) -> Iterator[tuple[Figure, Figure, Figure]]:
    """(average, total, count of units) of 村卫生室诊疗人次14.4亿，…平均每个村卫生室年诊疗量2520人次
    with 村卫生室570410个 stated before: the units are named by the count's own clause."""
    for avg in ctx.figures:
        if avg.kind != "number" or avg.direction or not avg.unit:
            continue
        clause = clause_before(ctx, avg)
        m = _PER_UNIT.search(clause)
        if m is None:
            continue
        rest = clause[m.end():]
        counts = [c for c in reversed(ctx.figures_in(max(0, avg.start - 8000), avg.start))
                  if c.unit in _UNIT_COUNTS and c.kind == "number" and not c.direction and not c.scale
                  and len(_unit_name(clause_before(ctx, c))) >= 2]
        sentence = [t for t in ctx.by_sentence.get(avg.sentence_id, []) if t.end <= avg.start]
        total = next((t for t in reversed(sentence) if not t.direction and t.kind == "number"
                      and (t.unit == avg.unit or not t.unit) and t.scale), None)
        if total is None:
            continue
        count = next((c for c in counts if c is not total and rest.startswith(_unit_name(clause_before(ctx, c)))), None)
        if count is None:
            # 社区卫生服务站诊疗人次2.3亿，平均每个站…: the short name is the end of the units the
            # total's own name begins with
            name = _unit_name(canon_label(total))
            short = next((rest[:k] for k in (2, 1) if 0 < name.find(rest[:k])), "")
            units = name[:name.find(short) + len(short)] if short else ""
            count = next((c for c in counts if c is not total and len(units) >= 3
                          and _unit_name(clause_before(ctx, c)).endswith(units)), None)
        if count is not None:
            yield avg, total, count


@rule("MZ311", "spending-exceeds-funds", Severity.WARNING)
def spending_exceeds_funds(ctx: DocContext) -> Iterator[Outcome]:
    """Money spent from a fund is stated as more than was raised for it.

    What it checks: in one sentence, an amount raised (募集, 筹集, 募捐 …) followed by an
    amount used (救助, 支出, 用于, 发放 …): used ≤ raised. A fund may also spend reserves,
    so this is a warning.

    Why it matters: "募集善款超3.1亿元，救助困难群众超2亿元" is coherent; if the spend
    exceeded the receipts the report should say where the rest came from.

    Fails:
        全年募集各类善款超1.1亿元,救助困难群众超2亿元。

    Passes:
        全年募集各类善款超3.1亿元,救助困难群众超2亿元。
    """
    for sentence_figs in ctx.by_sentence.values():
        money = [f for f in sentence_figs if f.unit == "元" and additive(f)]
        for i, raised in enumerate(money):
            clause = ctx.norm[max(0, raised.start - 12):raised.start]
            if not _RAISE.search(clause):
                continue
            for spent in money[i + 1:]:
                between = ctx.norm[raised.end:spent.start]
                if not _SPEND.search(between):
                    continue
                rs, rr = ctx.reading(spent), ctx.reading(raised)
                j = judge([rs, rr], lambda iv: iv[0].le(iv[1]))
                yield make_outcome("MZ311", (spent, raised), j, rs.strict, spent.raw,
                               f"使用金额{spent.raw}大于募集金额{raised.raw}", relation="f0 <= f1")
                break



@rule("MZ312", "multiple-bound-violated", Severity.ERROR)
def multiple_bound_violated(ctx: DocContext) -> Iterator[Outcome]:
    """X 不低于 Y 的 k 倍 (or p%) with X and Y stated, and X below k × Y.

    What it checks: a bound stated as a multiple of a reference ("特困人员基本生活标准不低于
    低保标准的1.3倍"), where the text also gives the value of the subject and of the
    reference: the subject must meet the bound (不低于/不少于/至少: X ≥ k·Y; 不超过/不高于/
    至多: X ≤ k·Y).

    Why it matters: a standard published below its own legal floor is either a wrong
    figure or a breach the auditor must report.

    Fails:
        低保标准为780元。特困人员基本生活标准为1000元,特困人员基本生活标准不低于低保标准的1.3倍。

    Passes:
        低保标准为780元。特困人员基本生活标准为1100元,特困人员基本生活标准不低于低保标准的1.3倍。
    """
    for k, subject, ref in ctx.derived(multiples):
        ref_unit = ""
        x = find_by_name(ctx, subject, "元", k) if subject else None
        if x is None:
            continue
        ref_unit = x.unit
        y = find_by_name(ctx, ref, ref_unit, x)
        if y is None or y is x:
            continue
        factor = k.value / 100 if k.unit == "%" else k.value
        at_least = k.qualifier.split("…")[0] in ("不低于", "不少于", "至少", "最少")
        rx, ry = ctx.reading(x), ctx.reading(y)
        bound = ry.strict.scale(factor)

        j = judge([rx, ry], partial(_meets_multiple, factor=factor, at_least=at_least))
        yield make_outcome("MZ312", (x, y, k), j, bound, x.raw,
                       f"不满足倍数要求：“{x.label}”{show(x)}应{'不低于' if at_least else '不高于'}"
                               f"{show(y)}的{strip_prefix_word(k.raw, _BOUND_WORDS)} = "
                               f"{format_decimal(factor * y.value)}{y.unit}")
