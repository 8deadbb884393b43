"""Ratios defined by statistics, and rates bounded by their groups: 城镇化率 = 城镇常住人口 ÷
常住人口, 房屋竣工率 = 竣工面积 ÷ 施工面积, 资产负债率 = 负债 ÷ 资产, 亿元地区生产总值生产安全
事故死亡率 = 死亡人数 ÷ 地区生产总值 (MZ319); a rate between the rates of its groups
(5岁以下儿童死亡率5.6‰，其中：城市3.4‰，农村6.6‰, MZ322)."""

from __future__ import annotations

import re
from bisect import bisect_left
from fractions import Fraction
from functools import partial
from typing import Iterator, NamedTuple, Sequence

from mzcheck.figures import Figure
from mzcheck.finding import Severity
from mzcheck.numbers.interval import Interval
from mzcheck.numbers.reading import Reading
from mzcheck.numbers.verdict import judge
from mzcheck.rules.context import DocContext, Outcome
from mzcheck.rules.registry import rule
from mzcheck.rules.tables import table_mixtures
from mzcheck.rules.relations.common import (
    additive, canon_label, clause_before, make_outcome, next_paragraph, quotient_meets, show, span_in_units,
)
from mzcheck.rules.relations.rates import per_head_relation, population

_FILLER = re.compile(r"(?:分别为|达到|已达|高达|约为|为|达|是|约|有|共|超过|超|近|高|\s)+\Z")
#: 流动负债 is a part of 负债, 固定资产 of 资产: a modifier before the name makes a sub-item.
_SUB_ITEM = re.compile(r"(?:流动|固定|长期|短期|其他|新增|当年|本年)\Z")


class Definition(NamedTuple):
    rate: re.Pattern[str]          # the rate's name, ending its clause
    numerator: re.Pattern[str]     # the numerator's name, ending its clause
    denominator: re.Pattern[str] | None   # None: the document's population
    per: Fraction                  # the rate is per this much of the denominator (100: a percentage)


DEFINITIONS = (
    Definition(re.compile(r"(?<!户籍人口)城镇化率\Z"), re.compile(r"城镇(?:常住)?人口\Z"), None, Fraction(100)),
    Definition(re.compile(r"竣工率\Z"), re.compile(r"竣工面积\Z"), re.compile(r"施工面积\Z"), Fraction(100)),
    Definition(re.compile(r"资产负债率\Z"), re.compile(r"负债(?:总额|总计|合计)?\Z"),
               re.compile(r"资产(?:总额|总计|合计)?\Z"), Fraction(100)),
    Definition(re.compile(r"[亿]元(?:地区|国内)生产总值(?:生产安全事故)?死亡率\Z"), re.compile(r"死亡人数\Z"),
               re.compile(r"(?:地区|国内)生产总值\Z"), Fraction(10**8)),
    Definition(re.compile(r"离结比(?:率)?\Z"), re.compile(r"离婚(?:登记)?(?:对数)?\Z"),
               re.compile(r"结婚(?:登记)?(?:对数)?\Z"), Fraction(100)),
    Definition(re.compile(r"(?<!农村)(?<!城镇)(?<!城市)(?<!地区)互联网普及率\Z"),
               re.compile(r"(?:互联网上网|网民)人数\Z|网民规模\Z"), None, Fraction(100)),
)


#: 地区生产总值从11.37万亿元提高到: the name of the level a change reached.
_FROM_TO = re.compile(r"[从由][\d.]+[万亿千百]*[\u4e00-\u9fff]{0,2}?(?:提高|增加|增长|上升|扩大)(?:到|至)\Z")


def _name(ctx: DocContext, f: Figure) -> str:
    return _FROM_TO.sub("", _FILLER.sub("", clause_before(ctx, f)))


def _stated_before(ctx: DocContext, at: Figure, name: re.Pattern[str], unit: str | None,
                   lo: int | None = None) -> Figure | None:
    """The nearest figure before ``at`` (from ``lo``) whose clause ends with ``name``."""
    start = max(0, at.start - 30000) if lo is None else lo      # bounded: linear on hostile input
    for f in reversed(ctx.figures_in(start, at.start)):
        if f.kind != "number" or f.direction or not additive(f) or (unit is not None and f.unit != unit):
            continue
        written = _name(ctx, f)
        m = name.search(written)
        if m and not _SUB_ITEM.search(written[:m.start()]):
            return f
    return None


class Ratio(NamedTuple):
    rate: Figure
    numerator: Figure
    denominator: Reading
    denominator_figures: tuple[Figure, ...]
    per: Fraction


#: How far before a ratio its terms are looked for in its sentence (a hostile line stays linear).
_REACH = 400
#: A rate named after a part of a 其中 list: 特困人员1.2万人，其中集中供养0.3万人…集中供养率25.0%.
_PART_RATE = re.compile(r"(?:其中|全市|全县|全区|全省|年末)*(?P<stem>[\u4e00-\u9fff]{2,8})率\Z")


def _part_rate(ctx: DocContext, f: Figure, name: str) -> Ratio | None:
    """集中供养率 of 特困人员1.2万人，其中集中供养0.3万人: the rate's name is a part's name and
    率; the part hangs from a 其中 in the rate's sentence, and its whole is the figure of the
    part's unit stated right before that 其中."""
    m = _PART_RATE.search(name)
    if f.unit != "%" or m is None:
        return None
    stem = m.group("stem")
    lo = max(ctx.full_sentence(f)[0], f.start - _REACH)
    parts = [g for g in ctx.figures_in(lo, f.start) if g.end <= f.start and g.kind == "number" and additive(g)
             and not g.direction and re.sub(r"^(?:其中)?[:：]?", "", _name(ctx, g)) == stem]
    if len(parts) != 1:
        return None
    part = parts[0]
    k = ctx.norm.rfind("其中", lo, part.start)
    if k < 0 or any(g.end <= part.start for g in ctx.figures_in(k, part.start)):
        return None               # the part must be the first figure after its 其中
    wholes = [g for g in ctx.figures_in(lo, k) if g.end <= k and g.unit == part.unit and g.kind == "number"
              and additive(g) and not g.direction]
    if not wholes or wholes[-1].value <= part.value:
        return None
    whole = wholes[-1]
    return Ratio(f, part, ctx.reading(whole), (whole,), Fraction(100))


#: 实际完成120.5亿元，为预算的101.3% / 占年度调整预算的98.37%: an outturn over its budget.
_OF_BUDGET = re.compile(r"[,，]\s*(?:为|占|是|达|达到|完成)(?:年初|年度|全年)?(?P<adjusted>调整(?:后)?)?预算(?:数)?的\Z")
#: The words a share of a budget ends with: the cheap test before the finder reads its sentence.
_OF_BUDGET_WORD = re.compile(r"预算(?:数)?的\Z")
#: The budget an outturn is of: 年初预算为118.9亿元 / 收入预算为4154万元 …, or its adjustment:
#: 调整预算为320.0亿元 / 支出预算调整为492712万元.
_ADJUSTED_BUDGET = re.compile(r"调整(?:后)?(?:预算)?(?:数)?(?:为|到|至)?\Z")
_BUDGET = re.compile(r"预算(?:数)?(?:合计|总计|总额)?(?:为|是)?\Z")


def _budget_completion(ctx: DocContext, f: Figure) -> Ratio | None:
    """An outturn's share of its budget (实际完成120.5亿元，为预算的101.3%): the outturn right
    before the share; the budget the last of its kind stated before it in the sentence —
    the adjusted one for 调整预算的, the initial one for 预算的 (not said when the sentence
    adjusts it too: which one is meant is then unclear)."""
    if f.unit != "%" or not _OF_BUDGET_WORD.search(ctx.norm, max(0, f.start - 12), f.start):
        return None
    lo = max(ctx.full_sentence(f)[0], f.start - _REACH)
    before = [g for g in ctx.figures_in(lo, f.start) if g.end <= f.start]
    if len(before) < 2:
        return None
    part = before[-1]
    m = _OF_BUDGET.search(ctx.norm, part.end, f.start)
    if m is None or m.start() != part.end or part.unit != "元" or part.direction or not additive(part):
        return None
    adjusted, initial = [], []
    for g in before[:-1]:
        if g.unit != "元" or g.direction or g.kind != "number":
            continue
        words = ctx.norm[max(lo, g.start - 12):g.start]
        if _ADJUSTED_BUDGET.search(words):
            adjusted.append(g)
        elif _BUDGET.search(words):
            initial.append(g)
    budget = adjusted if m.group("adjusted") else [] if adjusted else initial
    if not budget or budget[-1].value <= 0:
        return None
    return Ratio(f, part, ctx.reading(budget[-1]), (budget[-1],), Fraction(100))


#: R&D spending against the economy: 经费支出156.7亿元…，与地区生产总值之比为2.76% / 研发投入强度达2.8%.
_OF_GDP = re.compile(r"与(?:地区|国内)生产总值(?:\(GDP\))?(?:之)?比(?:例)?(?:为|是|达)?\Z")
_RD_INTENSITY = re.compile(r"(?:研发|R&D|研究与试验发展)(?:经费)?(?:投入)?强度\Z")
_RD_SPENDING = re.compile(r"(?:研发|R&D|研究与试验发展|试验发展)[^,;。]{0,12}?(?:经费|投入)(?:支出|投入)?\Z")
#: The place's own output, not a region's (东部地区生产总值) or a sector's: its name is all the clause says.
_GDP = re.compile(r"^(?:\d{4}年)?(?:全年|年末)?(?:全市|全省|全国|全县|全区|全州|我市|我省)?(?:实现|完成)?"
                  r"(?:地区|国内)生产总值(?:\(GDP\))?(?:总量)?\Z")


def _outputs(ctx: DocContext) -> Iterator[Figure]:
    """Every statement of the place's own output (地区生产总值…亿元), in document order."""
    for g in ctx.figures:
        if g.unit == "元" and g.kind == "number" and not g.direction and additive(g) and _GDP.search(_name(ctx, g)):
            yield g


def _gdp_ratio(ctx: DocContext, f: Figure, name: str) -> Ratio | None:
    """R&D spending over the economy's output: 经费支出156.7亿元，…与地区生产总值之比为2.76%, or
    研发投入强度 with the spending stated before it in its paragraph; the output is the last
    地区生产总值 the document states before (or, when none is, the first after: a work report
    summarises before it reviews)."""
    if f.unit != "%" or f.direction:
        return None
    if _OF_GDP.search(ctx.norm, max(0, f.start - 16), f.start):
        lo = max(ctx.full_sentence(f)[0], f.start - _REACH)
        spent = [g for g in ctx.figures_in(lo, f.start) if g.end <= f.start and g.unit == "元" and additive(g)
                 and not g.direction and g.kind == "number"]
        numerator = spent[-1] if spent else None
    elif _RD_INTENSITY.search(name):
        numerator = _stated_before(ctx, f, _RD_SPENDING, "元", ctx.paragraph(f)[0])
    else:
        return None
    outputs = ctx.derived(_outputs)
    k = bisect_left(outputs, f.start, key=lambda g: g.start)
    # the last stated before; else the first after (a work report summarises before it reviews)
    gdp = outputs[k - 1] if k else (outputs[0] if outputs else None)
    if numerator is None or gdp is None or gdp is numerator or gdp.value <= 0:
        return None
    return Ratio(f, numerator, ctx.reading(gdp), (gdp,), Fraction(100))


def defined_ratios(ctx: DocContext) -> Iterator[Ratio]:
    for f in ctx.figures:
        if f.kind != "number" or f.direction:
            continue
        name = _name(ctx, f)
        d = next((d for d in DEFINITIONS if d.rate.search(name)), None)
        if d is None:
            found = _part_rate(ctx, f, name) or _budget_completion(ctx, f) or _gdp_ratio(ctx, f, name)
            if found is not None:
                yield found
        elif re.search(r"[从由](?:\d{4}年)?\Z", name):
            continue                  # 由2020年的…提高到: the earlier year's ratio
        elif d.denominator is None:
            pops = ctx.derived(population)
            num = _stated_before(ctx, f, d.numerator, "人")
            if pops and num is not None and num not in pops[0].figures:
                yield Ratio(f, num, pops[0].reading, pops[0].figures, d.per)
        else:
            lo = ctx.paragraph(f)[0]          # both terms in the rate's own paragraph (GDP: anywhere)
            num = _stated_before(ctx, f, d.numerator, None, lo)
            den = _stated_before(ctx, f, d.denominator, None, None if d.per != 100 else lo)
            if num is not None and den is not None and num is not den and (d.per != 100 or num.unit == den.unit):
                yield Ratio(f, num, ctx.reading(den), (den,), d.per)


def _rate_name(ctx: DocContext, rate: Figure) -> str:
    """A ratio's name for a message: 城镇化率; an outturn's share of its budget (为调整预算的)
    as 完成调整预算的比例."""
    name = _name(ctx, rate)
    if name.endswith("预算的"):
        return "完成" + re.sub(r"^.*?(?:为|占|是|达到|达|完成)(?=(?:年初|年度|全年)?(?:调整)?预算)", "", name) + "比例"
    return name


@rule("MZ319", "defined-ratio-mismatch", Severity.WARNING)
def defined_ratio_mismatch(ctx: DocContext) -> Iterator[Outcome]:
    """A ratio that statistics define is not its numerator over its denominator.

    What it checks: 城镇化率 (城镇常住人口 ÷ 常住人口), 房屋竣工率 (竣工面积 ÷ 施工面积), 资产负债率
    (负债 ÷ 资产), 离结比 (离婚 ÷ 结婚登记), 亿元地区生产总值生产安全事故死亡率 (死亡人数 ÷ 地区生产总值 in 亿元) and 互联网
    普及率 (互联网上网人数 ÷ 人口; not 农村/城镇 rates, of populations rarely printed),
    with both terms stated before the ratio, each found by the name its clause ends with.
    户籍人口城镇化率 is of a population rarely printed and is left alone. A rate named after
    a part of a 其中 list (特困人员1.2万人，其中集中供养0.3万人…集中供养率25.0%) is that part
    over the figure the 其中 hangs from. A budget's outturn and its share of the budget
    (年初预算为118.9亿元，实际完成120.5亿元，为预算的101.3%) are checked against the budget
    stated before them in the sentence: the adjusted one (预算调整为…) for 为调整预算的, the
    initial one for 为预算的 — unless the sentence adjusts it too, when which one is meant is
    unclear. R&D spending over the place's output (…经费支出156.7亿元，与地区生产总值之比为2.76%;
    研发投入强度) against the 地区生产总值 the document states (not a region's). A warning: the
    terms are found by name.

    Why it matters: 城镇常住人口1684.3万人 of 2119.2万人 is 79.48 %: a printed 85.1 % cannot
    come from the report's own figures.

    Fails:
        年末常住人口2119.2万人。其中，城镇常住人口1684.3万人，常住人口城镇化率85.1%。

    Passes:
        年末常住人口2119.2万人。其中，城镇常住人口1684.3万人，常住人口城镇化率79.5%。
        房屋施工面积30146.1万平方米，竣工面积6565.1万平方米，房屋竣工率21.8%。
        一般公共预算收入年初预算为118.9亿元，实际完成120.5亿元，为预算的101.3%。
    """
    for r in ctx.derived(defined_ratios):
        rn, rr = ctx.reading(r.numerator), ctx.reading(r.rate)
        if r.denominator.strict.lo <= 0:
            continue
        computed = (rn.strict / r.denominator.strict).scale(r.per)
        j = judge([rn, r.denominator, rr], partial(quotient_meets, scale=r.per))
        yield make_outcome("MZ319", (r.numerator, *r.denominator_figures, r.rate), j, computed, r.rate.raw,
                           f"比率不符：{show(r.numerator)} ÷ {show(r.denominator_figures[0])} = "
                           f"{span_in_units(computed, r.rate)}，所述“{_rate_name(ctx, r.rate)}”为{show(r.rate)}",
                           relation=per_head_relation(1 + len(r.denominator_figures), 0, 1, r.denominator_figures, r.per))


# --------------------------------------------------------------------------- MZ322
_GROUPS = re.compile(r"^[,，]?\s?(?:其中)?[:：,，]?\s?(?P<a>城市|城镇|男性|男)\s?(?:为)?\Z")
_PAIRS = {"城市": ("农村",), "城镇": ("农村", "乡村"), "男性": ("女性",), "男": ("女",)}


def rates_and_groups(ctx: DocContext) -> Iterator[tuple[Figure, Figure, Figure]]:
    """(rate, group a, group b): 死亡率5.6‰，其中：城市3.4‰，农村6.6‰ — a rate, then the same rate
    for the two groups that make its population."""
    figs = ctx.figures
    for whole, a, b in zip(figs, figs[1:], figs[2:], strict=False):
        if whole.unit not in ("%", "‰", "") or whole.direction or a.direction or b.direction:
            continue
        if not (whole.unit == a.unit == b.unit and whole.per == a.per == b.per) or whole.kind != "number":
            continue
        if whole.unit == "" and not whole.per:
            continue                  # a bare number is no rate
        m = _GROUPS.match(ctx.text_between(whole, a).replace(" ", ""))
        if m is None or whole.sentence_id != b.sentence_id:
            continue
        between = ctx.text_between(a, b).replace(" ", "")
        if any(re.fullmatch(rf"[,，、;；]?{other}(?:为)?", between) for other in _PAIRS[m.group("a")]):
            yield whole, a, b


#: A per-head amount of all residents and of the urban and the rural ones: 全体居民人均可支配收入
#: 41234元 … 城镇居民人均可支配收入52345元 … 农村居民人均可支配收入26789元.
_RESIDENTS = re.compile(r"^(?:全体|全市|全省|全县|全区|全国)?(?:常住)?居民(?P<what>人均[\u4e00-\u9fff]{2,12})$")
_GROUP_RESIDENTS = re.compile(r"^(?P<group>城镇|城市|农村)(?:常住)?居民(?P<what>人均[\u4e00-\u9fff]{2,12})$")


def residents_and_groups(ctx: DocContext) -> Iterator[tuple[Figure, Figure, Figure]]:
    """(all residents' per-head amount, the urban one, the rural one), each stated once in the
    whole figure's paragraph or the next (按常住地分，城镇居民…；农村居民…): the whole is their
    mean weighted by population, so it lies between them. Their growth rates need not: people
    moving to the towns raise the whole's growth above both."""
    for whole in ctx.figures:
        m = _RESIDENTS.match(canon_label(whole))
        if m is None or whole.kind != "number" or whole.direction or whole.qualifier:
            continue
        groups: dict[str, list[Figure]] = {}
        for g in ctx.near(whole) + next_paragraph(ctx, whole):
            gm = _GROUP_RESIDENTS.match(canon_label(g))
            if gm and gm.group("what") == m.group("what") and g.unit == whole.unit and g.kind == "number" \
                    and not g.direction and not g.qualifier:
                groups.setdefault("农村" if gm.group("group") == "农村" else "城镇", []).append(g)
        urban, rural = groups.get("城镇", []), groups.get("农村", [])
        if len(urban) == 1 and len(rural) == 1:
            yield whole, urban[0], rural[0]


_PRICE_GROUPS = re.compile(r"^[,，]?(?:其中)?[:：,，]?(?P<a>城市|城镇)(?:价格)?(?:上涨|上升|下降|下跌)\Z")
_PRICE_OTHER = re.compile(r"^[,，、;；]?(?:农村|乡村)(?:价格)?(?:上涨|上升|下降|下跌)\Z")


def prices_and_groups(ctx: DocContext) -> Iterator[tuple[Figure, Figure, Figure]]:
    """(price change, urban change, rural change) of 居民消费价格比上年上涨1.2%，其中城市上涨1.1%，
    农村上涨1.5%: the whole index is a weighted mean of the two, so its change lies between
    theirs — read when all three move the same way (the sizes then order as the changes do)."""
    figs = ctx.figures
    for whole, a, b in zip(figs, figs[1:], figs[2:], strict=False):
        if not (whole.unit == a.unit == b.unit == "%") or not whole.direction or "价格" not in whole.label \
                or not (whole.direction == a.direction == b.direction) or whole.sentence_id != b.sentence_id:
            continue
        if _PRICE_GROUPS.match(ctx.text_between(whole, a).replace(" ", "")) \
                and _PRICE_OTHER.match(ctx.text_between(a, b).replace(" ", "")):
            yield whole, a, b


def _between_groups(iv: Sequence[Interval]) -> bool:
    lo = min(iv[1].lo, iv[2].lo)
    hi = max(iv[1].upper, iv[2].upper)
    return iv[0].meets(Interval(lo, hi))


@rule("MZ322", "rate-outside-its-groups", Severity.ERROR)
def rate_outside_its_groups(ctx: DocContext) -> Iterator[Outcome]:
    """A rate of a whole population that is not between the rates of its two groups.

    What it checks: 死亡率5.6‰，其中：城市3.4‰，农村6.6‰ (城镇/乡村, 男性/女性): the whole's rate is
    a weighted mean of the groups' rates, so it must lie between them, every figure read
    as its interval. Likewise in tables of shares: the whole's share of a class (table of
    国有工业…其他工业, the column of the measure the other table's caption names) between
    its two groups' shares of that class (rows 东部地区, 中、西部地区 across 国有…其他). And all
    residents' per-head amount (全体居民人均可支配收入, 人均消费支出, their medians) between the
    urban and the rural one stated in its paragraph or the next — not their growth rates,
    which migration to the towns lifts above both; and a price index's change between its
    urban and rural changes (居民消费价格上涨1.2%，其中城市上涨1.1%，农村上涨1.5%) when all three
    move the same way.

    Why it matters: a national rate above both its urban and its rural rate cannot be: one
    of the three was taken from another year or another table.

    Fails:
        全国5岁以下儿童死亡率6.8‰，其中：城市3.4‰，农村6.6‰。

    Passes:
        全国5岁以下儿童死亡率5.6‰，其中：城市3.4‰，农村6.6‰。
    """
    triples = ctx.derived(rates_and_groups) + ctx.derived(table_mixtures) + ctx.derived(residents_and_groups) \
        + ctx.derived(prices_and_groups)
    for whole, a, b in triples:
        readings = [ctx.reading(f) for f in (whole, a, b)]
        if not all(r.strict.bounded for r in readings):
            continue
        j = judge(readings, _between_groups)
        yield make_outcome("MZ322", (whole, a, b), j, f"{a.raw}—{b.raw}", whole.raw,
                           f"总体比率{whole.raw}不在两组{a.raw}与{b.raw}之间：加权平均必居两者之间",
                           relation="min(f1, f2) <= f0 and f0 <= max(f1, f2)")
