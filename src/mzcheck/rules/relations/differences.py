"""Balances: 出口254545亿元…进口183923亿元。货物进出口顺差70623亿元 — a 差额, 顺差 or 逆差 is
the difference of the two figures stated just before it (MZ325)."""

from __future__ import annotations

import re
from typing import Iterator, Sequence

from mzcheck.figures import Figure
from mzcheck.finding import Severity
from mzcheck.numbers.interval import Interval
from mzcheck.numbers.verdict import judge
from mzcheck.rules.context import DocContext, Outcome
from mzcheck.rules.registry import rule
from mzcheck.rules.relations.common import additive, in_units, make_outcome, show

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


@rule("MZ325", "balance-mismatch", Severity.WARNING)
def balance_mismatch(ctx: DocContext) -> Iterator[Outcome]:
    """A balance (差额, 顺差, 逆差) that is not the difference of the two figures before it.

    What it checks: a figure named 差额/顺差/逆差/净额 and the two figures of its unit stated
    just before it in its paragraph (出口254545亿元…进口183923亿元。顺差70623亿元): the
    balance must meet the difference of the two, every figure read as its interval. A
    warning: the balance may include items the sentence does not list (外汇收支 besides
    trade).

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
