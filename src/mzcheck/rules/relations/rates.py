"""Rates per head of population and rates of days: 人均, 每千人口, 每万人, 239.2/10万 against
a total and the population the document states (MZ313); 优良天数 and 优良率 against the
days of the year (MZ314).

A bulletin states its population once (年末常住人口2119.2万人，比上年末增加24.5万人) and its
per-head rates anywhere: the rate's subject (每千人口执业（助理）医师 → 执业医师) is looked up
among the totals stated before it, by the words that end its name.
"""

from __future__ import annotations

import re
from fractions import Fraction
from functools import partial
from typing import Iterator, NamedTuple, Sequence

from mzcheck.figures import Figure
from mzcheck.numbers import vocab
from mzcheck.numbers.interval import Interval
from mzcheck.numbers.reading import Reading
from mzcheck.numbers.verdict import Verdict, judge
from mzcheck.rules.context import DocContext, Outcome
from mzcheck.finding import Severity
from mzcheck.rules.registry import rule
from mzcheck.rules.relations.common import (
    additive, clause_before, make_outcome, quotient_meets, show, span_in_units,
)

#: 每千人口 / 平均每万人 / 人均 before the subject; 月人均, 户均 and 日均 are other bases.
_PER_HEAD = re.compile(r"(?:平均)?每?(?P<k>千|万|十万|10万|百万|百)人口?(?:拥有)?|(?<![月日户])人均")
_PER_WORD = {"百": 100, "千": 1000, "万": 10**4, "十万": 10**5, "10万": 10**5, "百万": 10**6}
#: The same bases written after the figure: 239.2/10万, 7.32张/千人.
_PER_AFTER = {"千人": 1000, "千人口": 1000, "万人": 10**4, "万人口": 10**4, "10万": 10**5, "10万人": 10**5,
              "10万人口": 10**5, "十万": 10**5, "十万人": 10**5, "十万人口": 10**5, "100万": 10**6, "百万": 10**6}
#: What may stand before 人均/每千人口 when the rate is of the whole population (城镇居民人均… is of a group).
_SCOPE_ONLY = re.compile(
    r"(?:截至|截止|到)?(?:\d{4}年)?(?:末|底|年末|年底|全年)?(?:全国|全省|全市|全区|全县|全州|全盟|我国|我省|我市|本市)?"
    r"(?:按常住人口计算)?(?:平均)?\Z")
_SCOPE_HEAD = re.compile(r"^(?:\d{4}年)?(?:年末|年底|全年|末|底)?(?:全国|全省|全市|全区|全县|全州|全盟|我国|我省|我市|本市)?")
_FILLER_TAIL = re.compile(r"(?:分别为|分别达|达到|已达|约为|初步核算为|初步核算|共有|为|达|是|约|有|共|超过|超|近)+\Z")
_POPULATION = re.compile(
    r"(?:\d{4}年)?(?:年末|年底|末|底)?(?:全国|全省|全市|全区|全县|全州|全盟|我国|我省|我市|本市)?"
    r"(?:常住|户籍|总)?人口(?:总数|总量)?(?:为|达|共|有)?\Z")
#: A total is not itself a rate, a share or a per-unit figure.
_RATE_WORDS = re.compile(r"每|均|万元|亿元|单位|率|比重|比例|占|居前")
#: 献血人次数, 托位总数, 用水总量: the words a total's name may end with after its subject.
_TOTAL_TAIL = re.compile(r"(?:人次数|人数|户数|总数|总量|总额|数)\Z")


class Population(NamedTuple):
    reading: Reading
    figures: tuple[Figure, ...]


def per_head_relation(rate: int, total: int, first: int, figures: Sequence[Figure], k: Fraction | int) -> str:
    """rate = total ÷ population × k for mzcheck.repairs (figure indices), the population being
    the one figure at ``first`` or, with the change over the year after it, the year's end,
    start or their mean; "" for a population made of more figures."""
    end, change = f"f{first}", f"f{first + 1}"
    populations = {1: [end], 2: [end, f"{end} - {change}", f"{end} - {change} / 2"]}.get(len(figures), [])
    return " || ".join(f"f{rate} == f{total} / ({p}) * {k}" for p in populations)


def population(ctx: DocContext) -> Iterator[Population]:
    """The population of the place the document reports on, as one interval over every
    figure that states it and the year's start when the change is stated (比上年末增加24.5万人):
    a rate per head may be of the year-end or of the mean population."""
    found = [f for f in ctx.figures if f.unit == "人" and f.kind == "number" and not f.direction
             and f.value >= 1000 and _POPULATION.fullmatch(clause_before(ctx, f))]
    resident = [f for f in found if "常住" in clause_before(ctx, f)]
    found = resident or found        # per-head rates are of the resident population when it is stated
    if not found:
        return
    span: Interval | None = None
    figs: list[Figure] = []
    for p in found:
        r = ctx.reading(p).strict
        figs.append(p)
        span = r if span is None else span.hull(r)
        after = [g for g in ctx.by_sentence.get(p.sentence_id, []) if g.start > p.end]
        change = after[0] if after else None
        if change is not None and change.direction and change.unit == "人" \
                and re.search(r"上年末?|去年末?", ctx.norm[p.end:change.start]):
            c = ctx.reading(change).strict
            start = r - c if change.direction == "up" else r + c
            span = span.hull(start)
            figs.append(change)
    assert span is not None
    yield Population(Reading(span, span, ""), tuple(figs))


def _subject(ctx: DocContext, f: Figure) -> tuple[int, str] | None:
    """(persons per unit of the rate, subject) of a per-head rate: 每千人口执业（助理）医师3.61人
    → (1000, 执业医师); 甲乙类传染病报告发病率为239.2/10万 → (100000, 甲乙类传染病报告发病)."""
    clause = clause_before(ctx, f)
    if f.per:
        if f.per not in _PER_AFTER:
            return None
        if not re.search(r"率(?:为|是|达|达到)?\Z", clause):
            return None              # 其中：城市12.5/10万: a group's rate, of a population not stated
        k, subject = _PER_AFTER[f.per], _SCOPE_HEAD.sub("", clause)
    else:
        m = _PER_HEAD.search(clause)
        if m is None or not _SCOPE_ONLY.match(clause[:m.start()]):
            return None
        k, subject = (_PER_WORD[m.group("k")] if m.group("k") else 1), clause[m.end():]
    head, sep, _ = subject.partition("由")
    if not sep:
        head, sep, _ = subject.partition("从")
    if sep and re.search(r"[由从](?:\d{4}年)?(?:的)?\Z", subject):
        return None                  # 由2023年7.23张增加到…: the earlier year's rate
    subject = _FILLER_TAIL.sub("", head)
    subject = re.sub(r"(?:率|数|人数)\Z", "", subject)
    if len(subject) < 2 or re.search(r"\d", subject):
        return None
    return k, subject


def _units_agree(rate: Figure, total: Figure) -> bool:
    return rate.unit == total.unit or not rate.unit or not total.unit


def _total_of(ctx: DocContext, rate: Figure, subject: str, skip: set[int]) -> Figure | None:
    """The nearest total stated before the rate whose clause ends with the rate's subject
    (its last four characters: 甲乙类传染病报告发病 finds 全国11种丙类传染病共报告发病1112.1万例
    only if nothing nearer says 报告发病); 专业公共卫生机构人员 may be counted as 专业公共卫生机构."""
    names = [subject] + ([subject[:-2]] if subject.endswith("人员") and len(subject) >= 4 else [])
    for t in reversed(ctx.figures_in(max(0, rate.start - 30000), rate.start)):   # bounded: linear on hostile input
        if id(t) in skip or t.direction or t.kind != "number" or not additive(t) or t.value <= 0:
            continue
        if not _units_agree(rate, t):
            continue
        clause = clause_before(ctx, t)
        if _RATE_WORDS.search(clause):
            continue                 # 万元国内生产总值用水量25立方米 is itself a rate
        clause = _TOTAL_TAIL.sub("", _FILLER_TAIL.sub("", re.sub(r"初步核算|累计|共", "", clause)))
        if any(clause.endswith(n[-4:]) for n in names) or (len(clause) >= 3 and subject.endswith(clause)):
            return t
    return None


def per_head_rates(ctx: DocContext) -> Iterator[tuple[Figure, Figure, int]]:
    """(rate, total, persons per unit) of every per-head rate whose total is stated."""
    pops = ctx.derived(population)
    if not pops:
        return
    skip = {id(f) for f in pops[0].figures}
    for f in ctx.figures:
        if f.kind != "number" or f.direction or f.unit in vocab.PERCENT_UNITS or id(f) in skip:
            continue
        if f.per and f.per not in _PER_AFTER:
            continue
        found = _subject(ctx, f)
        if found is None:
            continue
        k, subject = found
        total = _total_of(ctx, f, subject, skip)
        if total is not None:
            yield f, total, k


@rule("MZ313", "per-head-rate-mismatch", Severity.WARNING)
def per_head_rate_mismatch(ctx: DocContext) -> Iterator[Outcome]:
    """A rate per head of population is not the total over the population stated.

    What it checks: 人均X, 每千人口X, 每万人口X, 千人口X率 and rates written X/10万, against
    the total of X stated earlier in the document (its clause names X) and the population
    the document states (年末常住人口…; with 比上年末增加…, any population between the
    year's start and end, since a rate may be of the mean population): total ÷ population
    × 1000 (or 10000, 100000, 1) must meet the rate. Rates of a group (城镇居民人均…, 月人均,
    户均) and the earlier year of 由A增加到B are left alone. A warning: the rate's population
    may be of another definition than the one printed.

    Why it matters: 29 deaths in 1.41 billion people are 0.0206 per 100,000, not 0.0020 —
    a rate that cannot come from its own figures is a misprint an order of magnitude wide.

    Fails:
        年末全市常住人口500万人。全年报告死亡29人。全市死亡率为0.0020/10万。
        年末常住人口1000万人。全市执业医师3.2万人。每千人口执业医师3.6人。

    Passes:
        年末全市常住人口500万人。全年报告死亡29人。全市死亡率为0.58/10万。
        年末常住人口1000万人。全市执业医师3.2万人。每千人口执业医师3.2人。
    """
    pops = ctx.derived(population)
    if not pops:
        return
    pop = pops[0]
    for rate, total, k in ctx.derived(per_head_rates):
        rt, rr = ctx.reading(total), ctx.reading(rate)
        computed = (rt.strict / pop.reading.strict).scale(k)
        j = judge([rt, pop.reading, rr], partial(quotient_meets, scale=k))
        per = {1: "人均", 100: "每百人", 1000: "每千人", 10**4: "每万人", 10**5: "每10万人", 10**6: "每百万人"}[k]
        yield make_outcome("MZ313", (total, rate) + pop.figures, j, computed, rate.raw,
                           f"{per}比率不符：{show(total)} ÷ 人口{show(pop.figures[0])}"
                           f"{'' if k == 1 else f' × {k}'} = {span_in_units(computed, rate)}"
                           f"，与所述“{rate.raw}”不一致（人口口径可能不同）",
                           relation=per_head_relation(1, 0, 2, pop.figures, k))


def _days_hold(iv: Sequence[Interval], days: Interval) -> bool:
    return (iv[0] / days).scale(100).meets(iv[1])


# --------------------------------------------------------------------------- MZ314
_DAYS_CLAUSE = re.compile(r"天数(?:分别为|分别是|分别达|为|是|达|达到|有|共)?\Z")
_RATE_CLAUSE = re.compile(r"(?:率|比例|比重|占比)(?:分别为|分别是|分别达|为|是|达|达到)?\Z")
_PART_YEAR = re.compile(r"季度|半年|[1-9一二三四五六七八九十]+月|[1-9]-[0-9]+月|以来")
_YEAR_DAYS = (Interval.point(365), Interval.point(366))
_RANK = {Verdict.CONSISTENT: 0, Verdict.WARNING: 1, Verdict.ERROR: 2}


def _items(ctx: DocContext, f: Figure) -> list[Figure]:
    """The figures of f's list (346天、354天、355天), or f alone."""
    return ctx.groups.get(f.group, [f]) if f.group else [f]


def day_rates(ctx: DocContext) -> Iterator[tuple[Figure, Figure]]:
    """(days, rate) of 优良天数为299天，优良率为81.7%: a count of days in the year and the
    share of the year it makes, stated in one sentence (lists paired item by item)."""
    for figs in ctx.by_sentence.values():
        seen: set[int] = set()
        for i, d in enumerate(figs):
            if d.unit != "天" or d.direction or d.kind != "number" or id(d) in seen:
                continue
            days = _items(ctx, d)
            seen.update(id(x) for x in days)
            if not _DAYS_CLAUSE.search(clause_before(ctx, days[0])) or _PART_YEAR.search(ctx.sentence_text(d)):
                continue
            after = [r for r in figs[i + 1:] if r.start > days[-1].end]
            rate = next((r for r in after if r.unit == "%"), None)
            if rate is None or rate.direction or any(r.unit == "天" for r in after if r.start < rate.start):
                continue
            rates = _items(ctx, rate)
            if len(rates) != len(days) or not _RATE_CLAUSE.search(clause_before(ctx, rates[0])):
                continue
            if not all(x.unit == "天" for x in days) or not all(x.unit == "%" for x in rates):
                continue
            yield from zip(days, rates, strict=True)


@rule("MZ314", "days-rate-mismatch", Severity.ERROR)
def days_rate_mismatch(ctx: DocContext) -> Iterator[Outcome]:
    """The share of the year's days does not follow from the count of days.

    What it checks: a count of days (优良天数299天, 达标天数分别为346天、354天) followed in
    the same sentence by its rate (优良率81.7%, 优良天数比例分别为…): 100 × days ÷ 365
    (or 366 in a leap year; either is accepted) must meet the rate. Sentences about part
    of a year (上半年, 一季度, 1-6月) are left alone.

    Why it matters: 299 good days are 81.9 % of 365 and 81.7 % of 366; 85.2 % fits
    neither, so the days or the rate was mistyped.

    Fails:
        全年环境空气优良天数为299天，优良率为85.2%。

    Passes:
        全年环境空气优良天数为299天，优良率为81.7%。
        桐庐县、淳安县的环境空气优良天数分别为346天、354天，优良率分别为94.5%、96.7%。
    """
    for days, rate in ctx.derived(day_rates):
        rd, rr = ctx.reading(days), ctx.reading(rate)
        if rd.strict.lo > 366:
            continue
        judged = [(judge([rd, rr], partial(_days_hold, days=y)), y) for y in _YEAR_DAYS]
        j, y = min(judged, key=lambda jy: _RANK[jy[0].verdict])     # the year that fits best
        computed = (rd.strict / y).scale(100)
        yield make_outcome("MZ314", (days, rate), j, computed, rate.raw,
                           f"天数比例不符：{show(days)} ÷ {y.lo}天 = {span_in_units(computed, rate)}，与所述“{rate.raw}”不一致",
                           relation="f1 == f0 / 365 * 100 || f1 == f0 / 366 * 100")


# --------------------------------------------------------------------------- MZ316
_RATIO_CLAUSE = re.compile(r"城乡[\u4e00-\u9fff]{0,12}(?:倍差|比值|之比|收入比)(?:为|是|达|缩小至|缩小到|扩大至|扩大到)?\Z")
_INCOME = re.compile(r"(?P<side>城镇|城市|农村)居民人均可支配收入\Z")


def income_ratios(ctx: DocContext) -> Iterator[tuple[Figure, Figure, Figure]]:
    """(urban income, rural income, ratio) of 城乡居民人均收入倍差为1.81 with both incomes
    stated before it (the first of each, not a 中位数 or a group's)."""
    incomes: dict[str, Figure] = {}
    for f in ctx.figures:
        if f.unit == "元" and f.kind == "number" and not f.direction:
            m = _INCOME.search(_FILLER_TAIL.sub("", clause_before(ctx, f)))
            if m:
                side = "rural" if m.group("side") == "农村" else "urban"
                incomes.setdefault(side, f)
            continue
        if f.unit not in ("", "倍") or f.kind != "number" or f.direction or len(incomes) < 2:
            continue
        clause = clause_before(ctx, f)
        if not _RATIO_CLAUSE.search(clause) or re.search(r"[从由]\Z", clause):
            continue                 # 收入倍差从1.96缩小至1.81: the earlier year's ratio is not checked
        urban, rural = incomes["urban"], incomes["rural"]
        if f.start - rural.start < 5000:
            yield urban, rural, f


@rule("MZ316", "income-ratio-mismatch", Severity.ERROR)
def income_ratio_mismatch(ctx: DocContext) -> Iterator[Outcome]:
    """The urban–rural income ratio is not the urban income over the rural income.

    What it checks: 城乡居民人均收入倍差 (比值, 之比) r against 城镇居民人均可支配收入 U and
    农村居民人均可支配收入 R stated before it: U ÷ R must meet r, every figure read as its
    interval (超过8万元 is unbounded, so a ratio of such figures is never contradicted).
    The earlier year of 从1.96缩小至1.81 is left alone.

    Why it matters: the ratio is computed from the two incomes printed a line above; 54897 ÷
    30931 is 1.775, so a printed 1.78 cannot stand — one of the three figures was revised
    without the others.

    Fails:
        城镇居民人均可支配收入54897元，增长4.3%。农村居民人均可支配收入30931元，增长6.2%。城乡居民人均收入倍差为1.78。

    Passes:
        城镇居民人均可支配收入54897元，增长4.3%。农村居民人均可支配收入30931元，增长6.2%。城乡居民人均收入倍差为1.77。
    """
    for urban, rural, ratio in ctx.derived(income_ratios):
        ru, rr, rq = ctx.reading(urban), ctx.reading(rural), ctx.reading(ratio)
        if rr.strict.lo <= 0:
            continue
        computed = ru.strict / rr.strict
        j = judge([ru, rr, rq], quotient_meets)
        yield make_outcome("MZ316", (urban, rural, ratio), j, computed, ratio.raw,
                           f"城乡收入比不符：{show(urban)} ÷ {show(rural)} = {span_in_units(computed, ratio)}，"
                           f"与所述“{ratio.raw}”不一致", relation="f2 == f0 / f1")
