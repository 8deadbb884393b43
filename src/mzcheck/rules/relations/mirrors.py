"""A table that repeats its prose: a 统计公报 prints 航空旅客周转量464.1亿人公里，下降35.6% and,
a few lines on, 表5's row 航空 (under 全年旅客周转量) with 464.1 and -35.6. The two are one
statement made twice; they must agree (MZ323)."""

from __future__ import annotations

import re
from collections import Counter
from fractions import Fraction
from typing import Iterator, Sequence

from mzcheck.figures import Figure
from mzcheck.finding import Severity
from mzcheck.numbers.interval import Interval, corners
from mzcheck.numbers.verdict import judge
from mzcheck.rules import lexicon
from mzcheck.rules.bounds import is_share
from mzcheck.rules.context import DocContext, Outcome
from mzcheck.rules.registry import rule
from mzcheck.rules.relations.common import canon_label, make_outcome, span_in_units
from mzcheck.rules.relations.finders import growth_after

#: How far from its table the prose that states a row may stand (a report of two years
#: in one file prints each year's table beside its own prose).
_REACH = 5000
_ROW_LEAD = re.compile(r"^(?:全年|年末|全市|全省|全国|全县|全区)+")
_ZERO = Interval.point(0)


def _name(text: str) -> str:
    return lexicon.canonical(_ROW_LEAD.sub("", text))


def _row_names(row, unique: set[str], index: bool) -> set[str]:
    """The labels prose gives a row: 航空 under 全年旅客周转量 → 航空旅客周转量; a price
    index's 交通和通信 → 交通和通信类. A child row's bare name stands alone only when no
    other row has it (住宅 under both 竣工面积 and 销售面积 is two quantities)."""
    name = _name(row.name)
    names = {name + "类"} if index else set()
    if row.parent is not None:
        names.add(name + _name(row.parent.name))
    if row.parent is None or name in unique:
        names.add(name)
    return {n for n in names if len(n) >= 2}


def _nearest(found: list[Figure], lo: int, hi: int) -> Figure | None:
    near = [f for f in found if lo - _REACH <= f.start <= hi + _REACH]
    return min(near, key=lambda f: min(abs(f.start - lo), abs(f.start - hi))) if near else None


def mirrored_rows(ctx: DocContext) -> Iterator[tuple[str, Figure, Figure]]:
    """(how, table cell, prose figure): a table's level against the prose level of the same
    name, its change column against the prose growth rate, its index (上年=100) likewise."""
    if not ctx.tables:
        return
    by_label: dict[str, list[Figure]] = {}
    for f in ctx.figures:
        if f.kind == "number" and not f.group and (label := canon_label(f)):
            by_label.setdefault(label, []).append(f)
    counts = Counter(_name(row.name) for table in ctx.tables for row in table.rows)
    unique = {n for n, k in counts.items() if k == 1}
    for table in ctx.tables:
        starts = [f.start for f in table.figures if f.end > f.start]
        if not starts:
            continue
        lo, hi = min(starts), max(starts)
        index = "index" in table.roles.values()
        for row in table.rows:
            prose = [f for n in _row_names(row, unique, index) for f in by_label.get(n, ())]
            levels = [f for f in prose if not f.direction and not is_share(f)]
            growths = [f for f in prose if f.direction and f.unit == "%" and not is_share(f)]
            cell = row.cells.get("current")
            level, stated = (cell.figure if cell else None), None
            if level is not None:
                stated = _nearest([f for f in levels if f.unit == level.unit and f.per == level.per], lo, hi)
                if stated is not None:
                    yield "level", level, stated
                    before = row.cells.get("previous")
                    growth = growth_after(ctx, stated)
                    if before is not None and before.figure is not None and growth in growths:
                        yield "previous", before.figure, stated       # the 上年 column: what the growth implies
            for role in ("change", "index"):
                cell = row.cells.get(role)
                if cell is None or cell.figure is None:
                    continue
                if stated is not None:          # the rate right after the level it belongs to
                    growth = growth_after(ctx, stated)
                    growth = growth if growth in growths else None
                elif level is None:             # a row of rates only (房地产开发投资 … 7.0)
                    growth = _nearest(growths, lo, hi)
                else:
                    growth = None               # a level the prose does not state: its rate is of something else
                if growth is not None:
                    yield role, cell.figure, growth


def _previous_year(ctx: DocContext, cell: Figure, level: Figure) -> Outcome:
    """The table's 上年 cell against last year's value the prose level and growth imply."""
    growth = growth_after(ctx, level)
    assert growth is not None
    sign = -1 if growth.direction == "down" else 1

    def implied(iv: Sequence[Interval]) -> Interval:
        return corners(lambda x, g: x / (1 + sign * g / 100), iv[1], iv[2])

    readings = [ctx.reading(cell), ctx.reading(level), ctx.reading(growth)]
    j = judge(readings, lambda iv: implied(iv).meets(iv[0]))
    word = "下降" if sign < 0 else "增长"
    return make_outcome("MZ323", (cell, level, growth), j, implied([r.strict for r in readings]), cell.raw,
                        f"表中“{cell.label}”上年为{cell.raw}，正文{level.raw}、{word}{growth.raw}推算上年为"
                        f"{span_in_units(implied([r.strict for r in readings]), cell)}，两处不一致",
                        relation="f0 == f1 / (1 + f2 / 100)")


@rule("MZ323", "table-repeats-prose-disagree", Severity.WARNING)
def table_repeats_prose(ctx: DocContext) -> Iterator[Outcome]:
    """A table row that repeats the prose says something else.

    What it checks: a statistics table's row and the prose figure of the same name — the
    row 航空 under 全年旅客周转量 and 航空旅客周转量, the row 交通和通信 of a price index and
    交通和通信类上涨4.3% — within a few pages of each other: the level against the level, the
    change column (比上年增长 %) against the growth rate with its 增长/下降, and an index
    (上年=100) less 100 against the growth rate; and a 上年 (previous-year) column against last
    year's value the prose level and its growth imply. Each figure is read as the interval its
    digits allow.

    Why it matters: a table and its prose are typed separately; a figure corrected in one
    and not the other leaves the reader two answers.

    Fails:
        全年旅客周转量535.0亿人公里，下降35.6%。\\n表5  交通运输量\\n指标 单位 2022年 比上年增长（%）\\n全年旅客周转量 亿人公里 535.0 -33.6\\n全年货物周转量 亿吨公里 514.7 3.5
        全年快递业务总量1566万件，增长9.08%。\\n\\n| 指标 | 单位 | 本年 | 上年 |\\n| 快递业务总量 | 万件 | 1566 | 1456 |\\n| 邮政业务总量 | 亿元 | 2.37 | 2.24 |

    Passes:
        全年旅客周转量535.0亿人公里，下降35.6%。\\n表5  交通运输量\\n指标 单位 2022年 比上年增长（%）\\n全年旅客周转量 亿人公里 535.0 -35.6\\n全年货物周转量 亿吨公里 514.7 3.5
        全年快递业务总量1566万件，增长9.08%。\\n\\n| 指标 | 单位 | 本年 | 上年 |\\n| 快递业务总量 | 万件 | 1566 | 1436 |\\n| 邮政业务总量 | 亿元 | 2.37 | 2.24 |
    """
    hundred = Interval.point(Fraction(100))
    for how, cell, prose in ctx.derived(mirrored_rows):
        if how == "previous":
            yield _previous_year(ctx, cell, prose)
            continue
        if how == "level":
            j = judge([ctx.reading(cell), ctx.reading(prose)], lambda iv: iv[0].meets(iv[1]))
            yield make_outcome("MZ323", (prose, cell), j, cell.raw, prose.raw,
                               f"表中“{cell.label}”为{cell.raw}，正文为{prose.raw}，两处不一致", relation="f0 == f1")
            continue
        shift = hundred if how == "index" else _ZERO
        down = prose.direction == "down"

        def agree(iv: Sequence[Interval], shift: Interval = shift, down: bool = down) -> bool:
            return (_ZERO - iv[0] if down else iv[0]).meets(iv[1] - shift)

        j = judge([ctx.reading(prose), ctx.reading(cell)], agree)
        table_rate = ctx.reading(cell).strict - shift
        said = f"指数{cell.raw}（上年=100）" if how == "index" else f"增速{cell.raw}%"
        word = "下降" if prose.direction == "down" else "增长"
        yield make_outcome("MZ323", (prose, cell), j, str(table_rate), prose.raw,
                           f"表中“{cell.label}”{said}，正文为{word}{prose.raw}，两处不一致",
                           relation="f0 == f1 - 100" if how == "index" else "f0 == f1")
