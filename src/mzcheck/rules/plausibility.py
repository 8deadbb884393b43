"""MZ4xx: plausibility — scale-word slips, people and households, per-capita amounts,
coverage, averages against a stated minimum standard."""

from __future__ import annotations

import re
from fractions import Fraction
from typing import Iterator

from mzcheck.extract.tables import TableRow
from mzcheck.figures import Figure
from mzcheck.numbers.format import format_decimal
from mzcheck.finding import Severity
from mzcheck.numbers.interval import Interval
from mzcheck.numbers.verdict import Verdict, judge
from mzcheck.rules import lexicon
from mzcheck.rules.context import DocContext, Outcome
from mzcheck.rules.registry import rule
from mzcheck.rules.relations.common import span_in_units
from mzcheck.rules.relations.finders import find_by_name, multiples
from mzcheck.rules.relations.mentions import same_quantity_pairs, scale_slip

PEOPLE = ("人", "名", "位")
HOUSEHOLDS = ("户",)
#: Default plausible band for an amount per recipient, in 元 (configurable later).
PER_CAPITA_BAND = Interval(Fraction(1), Fraction(1_000_000))
_DISTRIBUTE = re.compile(r"发放|补贴|补助|救助金|资助|慰问金|生活费")
_COVERAGE = re.compile(r"全覆盖")


@rule("MZ401", "unit-scale-slip", Severity.ERROR)
def unit_scale_slip(ctx: DocContext) -> Iterator[Outcome]:
    """Two mentions of one quantity that differ by a factor of 10⁴ (a lost or extra 万).

    What it checks: the same pairs as MZ308; when their values differ by ×10⁴ or ×10⁸
    (and ×10³, ×10⁷ for 千/千万) within 1 %, the slip is a scale word, reported here.

    Why it matters: 529人 vs 529万人 is not a rounding difference but a wrong unit that
    changes every total and average built on it.

    Fails:
        全市共有城市特困人员529人。其中,城市特困人员529万人由政府兜底。

    Passes:
        全市共有城市特困人员529人。其中,城市特困人员529人由政府兜底。
    """
    for a, b in ctx.derived(same_quantity_pairs):
        if ctx.reading(a).strict.meets(ctx.reading(b).strict):
            yield Outcome("MZ401", (a, b))
        elif scale_slip(a, b):
            yield Outcome("MZ401", (a, b), False,
                          f"量级疑似写错：“{a.label}”一处为{a.raw}，另一处为{b.raw}（相差约"
                          f"{format_decimal(max(a.value, b.value) / min(a.value, b.value))}倍，是否漏写或多写“万”？）",
                          stated=f"{a.raw} / {b.raw}", relation="f0 == f1")



@rule("MZ402", "people-fewer-than-households", Severity.ERROR)
def people_fewer_than_households(ctx: DocContext) -> Iterator[Outcome]:
    """Fewer people than households in one statement (29109户39616人).

    What it checks: a household count directly followed by a person count for the same
    population, and in a table the rows of one population's households and people
    (城市低保户数 and 城市低保人数; 城市居民最低保障家庭数(户) and 城镇居民最低生活保障人数(人)) in
    every column both fill; every household has at least one member, so people ≥ households.

    Why it matters: the two numbers were swapped, or one of them belongs to another
    population.

    Fails:
        全市共有城乡低保对象39616户29109人。

    Passes:
        全市共有城乡低保对象29109户39616人。
    """
    figs = ctx.figures
    pairs = [(a, b) for a, b in zip(figs, figs[1:], strict=False)
             if a.unit in HOUSEHOLDS and b.unit in PEOPLE and ctx.text_between(a, b).strip() in ("", "、")]
    for a, b in pairs + list(_table_households_and_people(ctx)):
        j = judge([ctx.reading(a), ctx.reading(b)], lambda iv: iv[0].le(iv[1]))
        if j.verdict is Verdict.CONSISTENT:
            yield Outcome("MZ402", (a, b))
        else:
            shown = f"{a.raw}{b.raw}" if a.unit else f"户数{a.raw}，人数{b.raw}"
            yield Outcome("MZ402", (a, b), False,
                          f"人数少于户数：{shown}（每户至少一人）", stated=f"{a.raw} {b.raw}",
                          computed=f"人数 ≥ {a.raw}", severity=Severity.WARNING if j.verdict is Verdict.WARNING else None,
                          assumption=j.assumption, relation="f0 <= f1")


_AREA = (("城镇", "城"), ("城市", "城"), ("农村", "农"), ("乡村", "农"), ("城乡", "全"))
_PROGRAM = (("最低生活保障", "低保"), ("最低保障", "低保"), ("低保", "低保"), ("特困", "特困"), ("五保", "特困"))


def _population_key(name: str) -> tuple[str, str] | None:
    """(area, programme) a table row counts: 城镇居民最低生活保障人数 and 城市居民最低保障家庭数
    both count urban 低保 recipients."""
    area = next((k for w, k in _AREA if w in name), "")
    program = next((k for w, k in _PROGRAM if w in name), "")
    return (area, program) if program else None


def _table_households_and_people(ctx: DocContext) -> Iterator[tuple[Figure, Figure]]:
    """(households, people) of one population in a table: the rows 城市低保人数 and 城市低保户数
    (or …人数(人) and …家庭数(户)), in every column both fill."""
    for table in ctx.tables:
        people: dict[tuple[str, str], TableRow] = {}
        households: dict[tuple[str, str], TableRow] = {}
        for row in table.rows:
            if row.subset or row.name.startswith(("#", "＃")):
                continue
            key = _population_key(row.name)
            if key is None:
                continue
            if re.search(r"人数|\(人\)$|（人）$", row.name) and "户" not in row.name:
                people.setdefault(key, row)
            elif re.search(r"户数|家庭数|\(户\)$|（户）$", row.name):
                households.setdefault(key, row)
        for key, h in households.items():
            p = people.get(key)
            if p is None:
                continue
            for column, cell in h.cells.items():
                if column not in ("current", "previous") and not column.startswith("year:"):
                    continue                  # 环比 of households against 环比 of people says nothing
                other = p.cells.get(column)
                if cell.figure is not None and other is not None and other.figure is not None:
                    yield cell.figure, other.figure


def _recipients_and_amount(ctx: DocContext, sentence: list[Figure]) -> Iterator[tuple[Figure, Figure]]:
    """为/对 N人 发放 …M元: a recipient count and the amount given to them."""
    for i, people in enumerate(sentence):
        if people.unit not in PEOPLE + HOUSEHOLDS + ("人次",):
            continue
        if people.unit in HOUSEHOLDS and i + 1 < len(sentence) and sentence[i + 1].unit in PEOPLE \
                and ctx.text_between(people, sentence[i + 1]).strip() == "":
            continue  # N户M人: use the people
        for money in sentence[i + 1:]:
            if money.unit in PEOPLE + HOUSEHOLDS + ("人次",):
                break
            if money.unit == "元" and not money.per and "人均" not in money.label:
                between = ctx.norm[people.end:money.start]
                if _DISTRIBUTE.search(between) and "。" not in between:
                    yield people, money
                break


@rule("MZ403", "per-capita-implausible", Severity.WARNING)
def per_capita_implausible(ctx: DocContext) -> Iterator[Outcome]:
    """An amount per recipient outside a plausible band (1 元 to 100万元 by default).

    What it checks: "为N人发放…M元": the amount each recipient got, M ÷ N, is computed
    (the check is listed even when it passes, with its result) and compared with the band.

    Why it matters: a forgotten 万 turns 629万元 for 25249 people (249 元 each) into
    0.02 元 each; a misplaced 万 the other way gives millions per head.

    Fails:
        春节期间为13690户25249人发放一次性生活补贴629元。

    Passes:
        春节期间为13690户25249人发放一次性生活补贴629万元。
        对全市60737人发放一次性生活补贴合计1214.74万元。
    """
    for sentence in ctx.by_sentence.values():
        for people, money in _recipients_and_amount(ctx, sentence):
            rp, rm = ctx.reading(people), ctx.reading(money)
            if rp.strict.lo == 0:
                continue
            per_head = rm.strict / rp.strict
            unit = f"元/{people.unit}"
            if per_head.meets(PER_CAPITA_BAND):
                yield Outcome("MZ403", (people, money), computed=f"{per_head} {unit}")
                continue
            yield Outcome("MZ403", (people, money), False,
                          f"人均金额不合常理：{money.raw} ÷ {people.raw} = {per_head} {unit}，"
                          f"超出合理范围 {PER_CAPITA_BAND} 元（是否漏写或多写了“万”？）",
                          stated=f"{money.raw} / {people.raw}", computed=f"{per_head} {unit}")


@rule("MZ405", "coverage-count", Severity.WARNING)
def coverage_count(ctx: DocContext) -> Iterator[Outcome]:
    """全覆盖 claimed, but fewer covering units than units to cover.

    What it checks: in a sentence that says 全覆盖, a count of places (乡镇, 村, 社区) and a
    count of the facilities that cover them (社工站, 服务中心): the second must be at
    least the first. Coverage can be by region rather than one-to-one, so this is a
    warning.

    Why it matters: "103个乡镇建设97个社工站，实现全覆盖" cannot be true one station per
    town; either a count or the claim is wrong.

    Fails:
        全市103个乡镇(街道)建设97个社工站,实现全覆盖运行。

    Passes:
        全市103个乡镇(街道)建设107个社工站,实现全覆盖运行。
    """
    for sentence in ctx.by_sentence.values():
        lo, hi = ctx.sentences[sentence[0].sentence_id - 1]
        if not _COVERAGE.search(ctx.norm, lo, hi):
            continue
        counts = [f for f in sentence if f.unit in ("个", "家", "所", "处") and f.kind == "number"]
        if len(counts) != 2:
            continue
        covered, covering = counts
        j = judge([ctx.reading(covered), ctx.reading(covering)], lambda iv: iv[0].le(iv[1]))
        if j.verdict is Verdict.CONSISTENT:
            yield Outcome("MZ405", (covered, covering))
        else:
            yield Outcome("MZ405", (covered, covering), False,
                          f"声称全覆盖，但{covering.label or '覆盖设施'}{covering.raw}少于"
                          f"{covered.label or '覆盖对象'}{covered.raw}",
                          stated=f"{covering.raw} ≥ {covered.raw}", computed=format_decimal(covering.value - covered.value))


_STANDARD = re.compile(r"标准")
_FUND = re.compile(r"金|资金|支出|经费")
_POPULATION_TAIL = re.compile(r"(?:基本生活标准|基本生活费|生活标准|保障标准|标准)\Z")


@rule("MZ404", "average-below-minimum-standard", Severity.INFO)
def average_below_minimum_standard(ctx: DocContext) -> Iterator[Outcome]:
    """What a population received on average is below the minimum standard stated for it.

    What it checks: "X的基本生活标准不低于Y标准的k倍" with Y's value stated; the money
    spent on X's population in the year (a fund labelled with X, e.g. 特困供养保障金)
    divided by the people counted under X (城市 + 农村 where both are given) and by 12
    months is compared with k × Y. Information only: standards often rise during the
    year, so an annual average may lawfully sit below the year-end floor.

    Why it matters: it is the question an auditor asks first — did the money spent
    reach the standard the report promises?

    Fails:
        城乡低保月度保障标准为780元;特困人员基本生活标准不低于低保标准的1.3倍。全市共有城市特困529人、农村特困19959人,全年支出特困供养保障金约2.35亿元。

    Passes:
        城乡低保月度保障标准为780元;特困人员基本生活标准不低于低保标准的1.3倍。全市共有城市特困529人、农村特困19959人,全年支出特困供养保障金约2.6亿元。
    """
    for k, subject, ref in ctx.derived(multiples):
        if k.unit != "倍" or not k.qualifier.startswith(("不低于", "不少于", "至少")):
            continue
        population = _POPULATION_TAIL.sub("", lexicon.canonical(subject)).rstrip("的")
        key = re.sub(r"(?:人员|对象)\Z", "", population)
        standard = find_by_name(ctx, ref, "元", k)
        if len(key) < 2 or standard is None:
            continue
        nearby = ctx.figures_in(k.start - 6000, k.end + 6000)
        people = [f for f in nearby if f.unit in PEOPLE and key in lexicon.canonical(f.label)
                  and f.kind == "number" and not f.direction]
        split = [f for f in people if lexicon.canonical(f.label).startswith(("城市", "农村"))]
        people = split if len(split) == 2 else people
        funds = [f for f in nearby if f.unit == "元" and key in lexicon.canonical(f.label)
                 and _FUND.search(f.label) and not _STANDARD.search(f.label)
                 and ("全年" in f.period or "全年" in ctx.norm[max(0, f.start - 12):f.start])]
        if len(people) not in (1, 2) or len(funds) != 1:
            continue
        fund = funds[0]
        headcount = sum((ctx.reading(p).strict for p in people[1:]), ctx.reading(people[0]).strict)
        average = (ctx.reading(fund).strict / headcount).scale(Fraction(1, 12))
        floor = ctx.reading(standard).strict.scale(k.value)
        figs = (fund, *people, standard, k)
        if floor.le(average):
            yield Outcome("MZ404", figs, computed=f"{span_in_units(average, standard)}/人·月")
            continue
        yield Outcome("MZ404", figs, False,
                      f"平均水平低于标准下限：{fund.raw} ÷ ({' + '.join(p.raw for p in people)}) ÷ 12 ≈ "
                      f"{format_decimal(fund.value / sum(p.value for p in people) / 12, 0)}元/人·月，"
                      f"低于{standard.raw}×{k.raw} = {format_decimal(standard.value * k.value)}元"
                      f"（标准可能年内调整，仅供核查）",
                      stated=f"{standard.raw}×{k.raw}", computed=f"{span_in_units(average, standard)}/人·月")
