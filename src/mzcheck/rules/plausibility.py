"""MZ4xx: plausibility — people and households, per-capita amounts, coverage."""

from __future__ import annotations

import re
from fractions import Fraction
from typing import Iterator

from mzcheck.figures import Figure, format_decimal
from mzcheck.finding import Severity
from mzcheck.numbers.interval import Interval
from mzcheck.numbers.verdict import Verdict, judge
from mzcheck.rules.context import DocContext, Outcome
from mzcheck.rules.registry import rule

PEOPLE = ("人", "名", "位")
HOUSEHOLDS = ("户",)
#: Default plausible band for an amount per recipient, in 元 (configurable later).
PER_CAPITA_BAND = Interval(Fraction(1), Fraction(1_000_000))
_DISTRIBUTE = re.compile(r"发放|补贴|补助|救助金|资助|慰问金|生活费")
_COVERAGE = re.compile(r"全覆盖")


@rule("MZ402", "people-fewer-than-households", Severity.ERROR)
def people_fewer_than_households(ctx: DocContext) -> Iterator[Outcome]:
    """Fewer people than households in one statement (29109户39616人).

    What it checks: a household count directly followed by a person count for the same
    population; every household has at least one member, so people ≥ households.

    Why it matters: the two numbers were swapped, or one of them belongs to another
    population.

    Fails:
        全市共有城乡低保对象39616户29109人。

    Passes:
        全市共有城乡低保对象29109户39616人。
    """
    figs = ctx.figures
    for a, b in zip(figs, figs[1:]):
        if a.unit in HOUSEHOLDS and b.unit in PEOPLE and ctx.text_between(a, b).strip() in ("", "、"):
            ra, rb = ctx.reading(a), ctx.reading(b)
            j = judge([ra, rb], lambda iv: iv[0].le(iv[1]))
            if j.verdict is Verdict.CONSISTENT:
                yield Outcome("MZ402", (a, b))
            else:
                yield Outcome("MZ402", (a, b), False,
                              f"人数少于户数：{a.raw}{b.raw}（每户至少一人）", stated=f"{a.raw} {b.raw}",
                              computed=f"人数 ≥ {a.raw}", severity=Severity.WARNING if j.verdict is Verdict.WARNING else None,
                              assumption=j.assumption)


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
