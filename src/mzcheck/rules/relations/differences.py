"""Differences. A balance (出口254545亿元…进口183923亿元。货物进出口顺差70623亿元: a 差额, 顺差 or
逆差) is the difference of the two figures stated just before it (MZ325); a natural growth
rate is the birth rate less the death rate (MZ328)."""

from __future__ import annotations

import re
from functools import partial
from typing import Iterator, Sequence

from mzcheck.figures import Figure
from mzcheck.finding import Severity
from mzcheck.numbers.interval import Interval
from mzcheck.numbers.verdict import judge
from mzcheck.rules.context import DocContext, Outcome
from mzcheck.rules.registry import rule
from mzcheck.rules.relations.common import additive, canon_label, difference_meets, in_units, make_outcome, show

_BALANCE = re.compile(r"(?:差额|顺差|逆差|净额|收支差)(?:为|是|达|达到)?\Z")
#: How far before its balance the two terms may stand.
_REACH = 200


def balances(ctx: DocContext) -> Iterator[tuple[Figure, Figure, Figure]]:
    """(a, b, balance): the balance and the two figures of its unit stated right before it
    in its paragraph (进口用汇450.5亿美元，出口创汇572.3亿美元，外汇收支差额为109.8亿美元)."""
    for f in ctx.figures:
        if not additive(f) or f.direction or f.kind != "number" \
                or not _BALANCE.search(ctx.norm[max(0, f.start - 12):f.start]):
            continue
        lo = max(ctx.paragraph(f)[0], f.start - _REACH)
        terms = [g for g in ctx.figures_in(lo, f.start) if g.end <= f.start and g.unit == f.unit
                 and g.kind == "number" and not g.direction and not g.group]
        if len(terms) >= 2 and all(ctx.reading(x).lenient.bounded for x in (terms[-2], terms[-1], f)):
            yield terms[-2], terms[-1], f


#: A budget's closing balance: 收支相抵，年终结转234,558万元 / 滚存结转 / 缺口 (a shortfall).
_CLOSING = re.compile(r"收支相抵(?:后)?[,，]?(?:年终|基金)?(?:滚存)?(?P<kind>结转|结余|缺口)(?:下年)?(?:为|是)?\Z")
_INCOME_TOTAL = re.compile(r"收入总计(?:为|是)?\Z")
_SPENDING_TOTAL = re.compile(r"支出总计(?:为|是)?\Z")
#: How far before its closing balance a budget's two totals may stand.
_CLOSING_REACH = 1200


def closing_balances(ctx: DocContext) -> Iterator[tuple[Figure, Figure, Figure, int]]:
    """(收入总计, 支出总计, closing balance, sign) of 收入总计3,594,026万元；…支出总计3,359,468万元。
    收支相抵，年终结转234,558万元: the last of each total since the previous 收支相抵 in the
    paragraph. The sign is −1 for a shortfall (收支相抵缺口…): spending less income."""
    last = 0
    for f in ctx.figures:
        m = _CLOSING.search(ctx.norm, max(0, f.start - 16), f.start)
        if m is None or f.kind != "number" or f.direction or not additive(f):
            continue
        lo = max(last, f.start - _CLOSING_REACH)
        last = f.end
        before = [g for g in ctx.figures_in(lo, m.start()) if g.end <= m.start() and g.unit == f.unit
                  and g.kind == "number" and not g.direction]
        income = [g for g in before if _INCOME_TOTAL.search(ctx.norm, max(0, g.start - 8), g.start)]
        spending = [g for g in before if _SPENDING_TOTAL.search(ctx.norm, max(0, g.start - 8), g.start)]
        if income and spending and income[-1].start < spending[-1].start:
            yield income[-1], spending[-1], f, -1 if m.group("kind") == "缺口" else 1


@rule("MZ325", "balance-mismatch", Severity.WARNING)
def balance_mismatch(ctx: DocContext) -> Iterator[Outcome]:
    """A balance (差额, 顺差, 逆差) that is not the difference of the two figures before it.

    What it checks: a figure named 差额/顺差/逆差/净额 and the two figures of its unit stated
    just before it in its paragraph (出口254545亿元…进口183923亿元。顺差70623亿元): the
    balance must meet the difference of the two, every figure read as its interval. A
    budget's closing balance (收入总计…；…支出总计…。收支相抵，年终结转/滚存结转…, or 缺口 for
    a shortfall) must be its income total less its spending total. A warning: the balance
    may include items the sentence does not list (外汇收支 besides trade).

    Why it matters: a balance typed from another table or another year, or a term
    corrected without its balance, no longer adds up.

    Fails:
        进口用汇450.5亿美元，出口创汇572.3亿美元，外汇收支差额为109.8亿美元。

    Passes:
        全年出口254545亿元，增长7.1%；进口183923亿元，增长2.3%。货物进出口顺差70623亿元。
    """
    for a, b, balance in ctx.derived(balances):

        def holds(iv: Sequence[Interval]) -> bool:
            return (iv[0] - iv[1]).meets(iv[2]) or (iv[1] - iv[0]).meets(iv[2])

        j = judge([ctx.reading(a), ctx.reading(b), ctx.reading(balance)], holds)
        gap = abs(a.value - b.value)
        yield make_outcome("MZ325", (a, b, balance), j, in_units(gap, balance), balance.raw,
                           f"{show(a)}与{show(b)}之差为{in_units(gap, balance)}，而非{show(balance)}",
                           relation="f2 == f0 - f1 || f2 == f1 - f0")
    for income, spending, balance, sign in ctx.derived(closing_balances):
        j = judge([ctx.reading(income), ctx.reading(spending), ctx.reading(balance)],
                  partial(difference_meets, first_less_second=sign > 0))
        gap = (income.value - spending.value) * sign
        yield make_outcome("MZ325", (income, spending, balance), j, in_units(gap, balance), balance.raw,
                           f"收入总计{show(income)}与支出总计{show(spending)}相抵为{in_units(gap, balance)}，"
                           f"而非{show(balance)}", relation="f2 == f0 - f1" if sign > 0 else "f2 == f1 - f0")


# --------------------------------------------------------------------------- MZ328
#: The three rates of a population's natural change, per mille, by name: 人口出生率, 出生率 …
#: (婴儿死亡率 and 孕产妇死亡率 are other rates).
_WHERE = r"^(?:全年|全市|全省|全国|全县|全区)*"
_BIRTH_RATE = re.compile(_WHERE + r"(?:人口)?出生率$")
_DEATH_RATE = re.compile(_WHERE + r"(?:人口)?死亡率$")
_NATURAL_RATE = re.compile(_WHERE + r"(?:人口)?自然增长率(?:为负)?$")
#: …and the counts: 出生人口, 死亡人口, 自然增加人口 (自然减少人口: a fall).
_BIRTHS = re.compile(_WHERE + r"出生人口(?:数)?$")
_DEATHS = re.compile(_WHERE + r"死亡人口(?:数)?$")
_NATURAL = re.compile(_WHERE + r"(?:人口)?自然(?:增加|增长|减少)(?:人口|人数)?$")
#: How far before the natural change its births and deaths may stand.
_NATURAL_REACH = 160


def natural_changes(ctx: DocContext) -> Iterator[tuple[Figure, Figure, Figure, int]]:
    """(births, deaths, natural change, its sign) of 出生率为6.77‰…死亡率为7.76‰；自然增长率为
    -0.99‰ and of 出生人口0.6万人…死亡人口0.5万人；自然增加人口0.1万人: the two figures of the
    same kind stated before the natural change in its paragraph. The sign is −1 when the
    words say it is negative (自然增长率为负0.66‰, 自然减少人口0.1万人)."""
    for f in ctx.figures:
        if f.kind != "number" or f.direction:
            continue
        label = canon_label(f)
        if f.unit == "‰" and _NATURAL_RATE.match(label):
            births, deaths = _BIRTH_RATE, _DEATH_RATE
        elif additive(f) and f.unit in ("人", "万人") and _NATURAL.match(label):
            births, deaths = _BIRTHS, _DEATHS
        else:
            continue
        lo = max(ctx.paragraph(f)[0], f.start - _NATURAL_REACH)
        before = [g for g in ctx.figures_in(lo, f.start) if g.end <= f.start and g.unit == f.unit
                  and g.kind == "number" and not g.direction]
        born = [g for g in before if births.match(canon_label(g))]
        died = [g for g in before if deaths.match(canon_label(g))]
        if born and died:
            negative = "减少" in label or ctx.norm[max(0, f.start - 1):f.start] == "负" or label.endswith("为负")
            yield born[-1], died[-1], f, -1 if negative and f.value > 0 else 1


@rule("MZ328", "natural-increase-mismatch", Severity.ERROR)
def natural_increase_mismatch(ctx: DocContext) -> Iterator[Outcome]:
    """A natural growth rate that is not the birth rate less the death rate.

    What it checks: 自然增长率 (‰) against the 出生率 and 死亡率 stated before it in its
    paragraph, and 自然增加人口 against 出生人口 less 死亡人口 — an identity, every figure read
    as its interval (6.77‰ is 6.765‰ to 6.775‰). A natural change said to be negative
    (自然增长率为负0.66‰, 自然减少人口) is read so; one printed without its minus sign when deaths
    exceed births is an error. 婴儿死亡率 and 孕产妇死亡率 are other rates and are not read.

    Why it matters: the three rates are printed side by side in every 统计公报; a lost minus
    sign or a rate copied from last year's sentence shows at once.

    Fails:
        全年出生人口0.5万人，人口出生率为6.84‰；死亡人口0.6万人，人口死亡率为8.21‰，自然增长率为1.37‰。

    Passes:
        全年出生人口0.5万人，人口出生率为6.84‰；死亡人口0.6万人，人口死亡率为8.21‰，自然增长率为-1.37‰。
    """
    for born, died, natural, sign in ctx.derived(natural_changes):
        # a natural fall (自然增长率为负0.66‰) is deaths less births
        j = judge([ctx.reading(born), ctx.reading(died), ctx.reading(natural)],
                  partial(difference_meets, first_less_second=sign > 0))
        gap = born.value - died.value
        shown = in_units(gap, natural)
        yield make_outcome("MZ328", (born, died, natural), j, shown, natural.raw,
                           f"{show(born)}减{show(died)}为{shown}，而非{'负' if sign < 0 else ''}{show(natural)}",
                           relation="f2 == f0 - f1" if sign > 0 else "f2 == f1 - f0")
