"""Parts and totals judged: parts that must add up (MZ303) and parts that must not exceed
their whole (MZ304), for what :mod:`.parts` finds in prose and :mod:`mzcheck.rules.tables`
in statistics tables."""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction
from typing import Iterator

from mzcheck.figures import Figure
from mzcheck.finding import Severity
from mzcheck.numbers import vocab
from mzcheck.numbers.interval import total
from mzcheck.numbers.verdict import Verdict, judge
from mzcheck.rules import lexicon
from mzcheck.rules.context import DocContext, Outcome
from mzcheck.rules.registry import rule
from mzcheck.rules.relations.common import (
    additive, canon_label, in_units, make_outcome, round_to, rounding_note, show,
)
from mzcheck.rules.relations.parts import parts_and_totals
from mzcheck.rules.tables import alone_above, table_sums


def _sum_check(ctx: DocContext, whole: Figure, parts: list[Figure], exhaustive: bool) -> Outcome:
    readings = [ctx.reading(p) for p in parts] + [ctx.reading(whole)]
    computed = total([r.strict for r in readings[:-1]])
    j = judge(readings, lambda iv: total(iv[:-1]).meets(iv[-1]))
    exact = sum((p.value for p in parts), Fraction(0))
    names = " + ".join(show(p) for p in parts)
    summed = " + ".join(f"f{k}" for k in range(1, len(parts) + 1))
    if j.verdict is Verdict.ERROR and not exhaustive:
        # a 其中 list that is not known to be exhaustive only claims parts ≤ whole; its items
        # may overlap (因私出境 and 赴港澳台出境), so a sum above the whole is information
        # unless one item alone is above it
        le = judge(readings, lambda iv: total(iv[:-1]).le(iv[-1]))
        alone = Verdict.ERROR in alone_above(readings)
        outcome = make_outcome("MZ304", (whole, *parts), le, computed, whole.raw,
                               f"分项之和超过总数：{names} = {in_units(exact, whole)}，大于{whole.raw}"
                               + ("" if alone else "（各项若有重叠则无妨）"), Severity.WARNING,
                               relation=f"{summed} <= f0")
        return outcome if alone or outcome.passed else replace(outcome, severity=Severity.INFO)
    scale = Fraction(vocab.scale_factor(whole.scale))

    return make_outcome("MZ303", (whole, *parts), j, computed, whole.raw,
                    f"分项之和与总数不符：{names} = {in_units(exact, whole)}，所述总数{whole.raw}"
                            f"（相差{in_units(abs(exact - whole.value), whole)}）"
                            + rounding_note(j, f"{round_to(exact / scale, whole.decimals)}{whole.scale}{whole.unit}"),
                    None if exhaustive else Severity.WARNING, relation=f"f0 == {summed}")


def _sum_outcomes(ctx: DocContext) -> Iterator[Outcome]:
    """Every list of two or more parts judged once against its total: MZ303 when it
    must add up (or does), MZ304 when a selection's parts exceed the total."""
    for whole, parts, exhaustive in ctx.derived(parts_and_totals):
        if len(parts) >= 2:
            yield _sum_check(ctx, whole, parts, exhaustive)



@rule("MZ303", "parts-total-mismatch", Severity.ERROR)
def parts_total_mismatch(ctx: DocContext) -> Iterator[Outcome]:
    """Parts that should add up to their total do not.

    What it checks: a total followed by 其中 and two or more parts of the same unit
    (城市低保6195户…农村低保7840户 under 14035户), and 第一/第二/第三产业 under 生产总值.
    Known partitions (城市+农村, 城镇+乡村, the three sectors, 夏粮+秋粮) must add up
    within rounding, else error. Other 其中 lists are checked for equality only as far
    as it can be true: a sum within rounding passes, a sum that meets only when the
    total was truncated is a warning, a sum below the total is a selection (fine).

    In statistics tables: numbered children (1. 2. 3. under (一), A B, I II) must add
    up to their parent, and the rows before a 合计/总计 row to that row, in every value
    column (本期, 上期); a 其中 row with no numbering is a part of the row above it, and so
    are the rows after it that complete a known partition (进出口总额 / 其中:出口 / 进口). An empty cell is not a zero: it stands for some non-negative
    value, so a sum that already exceeds its parent is an error and one that falls
    short is not. Numbered children that fall short of a parent that is not a 合计 row
    are a warning: a form may leave out the rows it has nothing for.

    Also: two-part partitions anywhere in a paragraph or in the paragraphs under one
    heading (县以上/县及县以下, 城镇职工/城乡居民, 出口/进口 of 进出口), a bulleted list under
    其中：, 分门类看/按消费类型分 breakdowns of the total stated just before them (分经济类型看
    overlaps and is not summed), and a total of N named kinds (三项社会保险基金收入计79710亿元)
    against the N kinds stated after it (基本养老…, 失业…, 工伤保险基金收入), a kind of a kind
    left out; and the levels of a complete breakdown given with their shares (三级医院28.7亿
    人次（占28.3%）… 其他医疗卫生机构3.5亿人次（占3.4%）) against the total stated before them;
    a breakdown in brackets after its total (337个项目实施降级（…5个，…329个，豁免3个）) is read
    as a 其中 list; a budget's outturn and the amounts added to it make its 总计 (收入完成A，
    加上B、C，收入总计T).

    Why it matters: a total that its own parts contradict is the commonest slip in
    published tables and summaries.

    Fails:
        全市14035户享受城乡低保,其中城市低保6195户,农村低保7800户。
        全市城市低保对象12533人,农村低保对象13026人,城乡低保对象25000人。
        | 指标名称 | 单位 | 数量 | 上期 |\\n| 乡镇级合计 | 个 | 1,107 | 1,107 |\\n| 1.镇 | 个 | 653 | 653 |\\n| 2.乡 | 个 | 251 | 270 |\\n| 3.民族乡 | 个 | 19 | 19 |\\n| 4.苏木 | 个 | | |\\n| 5.街道 | 个 | 184 | 184 |

    Passes:
        全市14035户享受城乡低保,其中城市低保6195户,农村低保7840户。
        全市城市低保对象12533人,农村低保对象13026人,城乡低保对象25559人。
        | 指标名称 | 单位 | 数量 | 上期 |\\n| 乡镇级合计 | 个 | 1,107 | 1,126 |\\n| 1.镇 | 个 | 653 | 653 |\\n| 2.乡 | 个 | 251 | 270 |\\n| 3.民族乡 | 个 | 19 | 19 |\\n| 4.苏木 | 个 | | |\\n| 5.街道 | 个 | 184 | 184 |
    """
    for outcome in ctx.derived(_sum_outcomes):
        if outcome.code == "MZ303":
            yield outcome
    for _, _, _, outcome in ctx.derived(table_sums):
        if outcome.code == "MZ303":
            yield outcome


def _general_pairs(ctx: DocContext) -> Iterator[tuple[Figure, Figure]]:
    """(part, whole): 网络募捐善款 within 各类善款, same unit, same paragraph."""
    for whole in ctx.figures:
        if not additive(whole):
            continue
        wl = canon_label(whole)
        head_rest = lexicon.GENERAL_PREFIX.match(wl)
        if not head_rest:
            continue
        head = wl[head_rest.end():]
        if len(head) < 2:
            continue
        for part in ctx.near(whole):
            if part is whole or part.unit != whole.unit or not additive(part):
                continue
            pl = canon_label(part)
            if pl.endswith(head) and len(pl) > len(head) and not lexicon.GENERAL_PREFIX.match(pl):
                yield part, whole


@rule("MZ304", "part-exceeds-whole", Severity.ERROR)
def part_exceeds_whole(ctx: DocContext) -> Iterator[Outcome]:
    """A part is larger than the whole it belongs to.

    What it checks: one item after 其中 against the total before it; a specific label
    against the general label of the same thing in the paragraph (网络募捐善款 within 各类
    善款); and the parts of a 其中 list that is not known to be exhaustive, whose sum may
    fall short of the total and exceeds it only if items overlap (因私出境 and 赴港澳台出境):
    a warning when one item alone is above the total, information when only their sum is.

    Why it matters: a part above its whole means one of them is wrong or they measure
    different things under one name.

    Also what was added within the level it reached (新增1000处、累计达8000处), what was done
    of the items named before it (1540件交办信访件已完成整改1437件), and the bodies of two or more
    grades (一级公共图书馆1302家、二级…680家) within all the bodies of that name the document
    counts (公共图书馆3246个).

    In tables: a 其中/# row, an un-numbered row under a numbered one, and indented rows
    without numbering are parts of the row above; none may exceed it, and their sum above
    it is information only when no row alone is (#女性, #老年人, #残疾人 overlap).

    Fails:
        全年募集各类善款3000万元,全市网络募捐善款3477.9万元。
        全市现有农村五保对象1675人,其中集中供养1839人。
        指标名称单位数量\\n  1.提供住宿的民政机构   617\\n        养老机构586\\n        精神疾病服务机构1\\n        其他提供住宿机构119

    Passes:
        全年募集各类善款超3.1亿元,全市网络募捐善款3477.9万元。
        全市现有农村五保对象1675人,其中集中供养839人。
        指标名称单位数量\\n  1.提供住宿的民政机构   617\\n        养老机构586\\n        精神疾病服务机构1\\n        其他提供住宿机构19
    """
    for whole, parts, _ in ctx.derived(parts_and_totals):
        if len(parts) == 1:
            (part,) = parts
            rp, rw = ctx.reading(part), ctx.reading(whole)
            j = judge([rp, rw], lambda iv: iv[0].le(iv[1]))
            yield make_outcome("MZ304", (part, whole), j, rp.strict, part.raw,
                           f"部分大于总体：其中“{part.label}”{part.raw}大于总数{whole.raw}", relation="f0 <= f1")
    for outcome in ctx.derived(_sum_outcomes):
        if outcome.code == "MZ304":   # a 其中 list whose parts exceed the total
            yield outcome
    for part, whole in _general_pairs(ctx):
        rp, rw = ctx.reading(part), ctx.reading(whole)
        j = judge([rp, rw], lambda iv: iv[0].le(iv[1]))
        yield make_outcome("MZ304", (part, whole), j, rp.strict, part.raw,
                       f"部分大于总体：“{part.label}”{part.raw}大于“{whole.label}”{whole.raw}", relation="f0 <= f1")
    for _, _, _, outcome in ctx.derived(table_sums):
        if outcome.code == "MZ304":
            yield outcome

