"""Shares and structure: 占比 p% against part ÷ whole (MZ302), shares no whole number can
give (MZ309, GRIM), structure ratios a:b:c against 100 and the sector values (MZ306)."""

from __future__ import annotations

import math
import re
from fractions import Fraction
from functools import partial
from typing import Iterator, Sequence

from mzcheck.figures import Figure

from mzcheck.finding import Severity
from mzcheck.numbers import vocab
from mzcheck.numbers.format import format_decimal
from mzcheck.numbers.interval import Interval, Infinity, total
from mzcheck.numbers.verdict import judge
from mzcheck.rules import lexicon
from mzcheck.rules.context import DocContext, Outcome
from mzcheck.rules.registry import rule
from mzcheck.rules.tables import table_compositions
from mzcheck.rules.relations.common import (
    SECTORS, additive, canon_label, make_outcome, percent_ratio, round_to, rounding_note, show,
)
from mzcheck.rules.relations.finders import share_pairs

_STRUCTURE = re.compile(r"结构|比例|之比|比重|构成")
_SHARE_WORDS = re.compile(r"占|比重|比例|构成|贡献率")
_LEAD = re.compile(r"^(?:\d{4}年)?(?:全年|年末)?(?:全国|全省|全市|全县|全区)?")
_HUNDRED = Interval.point(100)


def _reachable(iv: Sequence[Interval], n: Fraction) -> bool:
    """Some whole number k of n gives 100·k/n inside the share's interval (GRIM)."""
    share = iv[0]
    k_lo = math.ceil(share.lo * n / 100)
    top = share.hi if not isinstance(share.hi, Infinity) else Fraction(100)
    k_hi = math.floor(top * n / 100)
    return any(share.contains(Fraction(100 * k) / n) for k in range(max(k_lo, 0), k_hi + 1))


def _sums_to_100(iv: Sequence[Interval]) -> bool:
    return total(iv).meets(_HUNDRED)


def _to_100(parts: Sequence[Figure], op: str = "==") -> str:
    """The relation of shares that make a whole, for mzcheck.repairs: f0 + f1 + … == 100."""
    return f"{' + '.join(f'f{k}' for k in range(len(parts)))} {op} 100"


@rule("MZ302", "share-mismatch", Severity.ERROR)
def share_mismatch(ctx: DocContext) -> Iterator[Outcome]:
    """A stated share is not the part divided by the whole.

    What it checks: 占比 p%, 占…比重 p%, 占…的 p% with the part and the whole both stated
    (the part before the share, the whole named after 占 or a more general label of the
    same thing): 100 × part ÷ whole must meet p. When only truncation explains p, the
    finding says so and gives the rounded value.

    Why it matters: 1971 of 4627 is 42.5978 %: published as 42.59 it was cut, not
    rounded (42.60); a larger gap means a wrong part, whole or share.

    Fails:
        社会组织达4627家,等级社会组织1971家,等级社会组织占比45.2%。

    Passes:
        社会组织达4627家,等级社会组织1971家,等级社会组织占比42.6%。
        畜牧业产值达26055万元,占农业总产值比重的35.8%。农林牧渔业总产值72776万元。
    """
    for share, part, whole in ctx.derived(share_pairs):
        if part is None or whole is None:
            continue
        rp, rw, rs = ctx.reading(part), ctx.reading(whole), ctx.reading(share)
        if rw.strict.lo <= 0:
            continue
        computed = percent_ratio([rp.strict, rw.strict])
        j = judge([rp, rw, rs], lambda iv: percent_ratio(iv[:2]).meets(iv[2]))
        exact = Fraction(100) * part.value / whole.value

        yield make_outcome("MZ302", (part, whole, share), j, computed, share.raw,
                       f"占比不符：{show(part)} ÷ {show(whole)} = {format_decimal(exact)}%，"
                               f"所述“{share.label}”为{share.raw}"
                               + rounding_note(j, round_to(exact, share.decimals)),
                           relation="f2 == f0 / f1 * 100")


@rule("MZ309", "grim-impossible-share", Severity.ERROR)
def grim_impossible_share(ctx: DocContext) -> Iterator[Outcome]:
    """A share of a whole count that no whole number of parts can give (GRIM).

    What it checks: a share p% of an integer base n whose part is not stated: some
    integer k must give 100·k/n within the share's interval. Useful while n < 10^(d+2)
    for d decimals; for larger bases every share is reachable and nothing is checked.

    Why it matters: 42.59 % of 4627 organisations is impossible: 1970 give 42.576 %,
    1971 give 42.598 %. The share, the base or the rounding is wrong.

    The base is found by the share's own words: the whole named after 占 (占低保对象总数的),
    the group its subject is a kind of (分散供养特困人员 of 特困人员), or, when nothing follows
    占, the count the 其中 hangs from (…37人，其中女性占42.5%).

    Fails:
        全市注册登记的社会组织达4627家,其中等级社会组织占比42.59%。
        全县共有特困人员37人，其中分散供养特困人员占比42.5%。
        全区共有低保对象37人，其中女性占42.5%。
        全区共有低保对象37人，其中女性占低保对象总数的42.5%。

    Passes:
        全市注册登记的社会组织达4627家,其中等级社会组织占比42.60%。
        全区共有低保对象40人，其中女性占42.5%。
    """
    for share, part, whole in ctx.derived(share_pairs):
        if part is not None or whole is None or whole.unit not in vocab.COUNT_UNITS:
            continue
        if whole.start > share.start or ctx.paragraph(whole) != ctx.paragraph(share):
            continue          # …占规模以上工业的67.6%。⏎规模以上工业33个大类中: a count named later is not the base
        rw = ctx.reading(whole)
        if not rw.exact or whole.value <= 0 or whole.value >= 10 ** (share.decimals + 2):
            continue
        n = whole.value
        rs = ctx.reading(share)

        j = judge([rs], partial(_reachable, n=n))
        near = [Fraction(100 * k) / n for k in (math.floor(share.value * n / 100), math.ceil(share.value * n / 100))]
        yield make_outcome("MZ309", (whole, share), j, rs.strict, share.raw,
                       f"{whole.raw}的{share.raw}无法由整数得到：最接近的是"
                               f"{'、'.join(format_decimal(x) + '%' for x in dict.fromkeys(near))}")



#: The three sectors named together: 第一、二、三产业, 第一、第二、第三产业, 一、二、三产业.
_THREE_SECTORS = re.compile(r"(?:第)?一、(?:第)?二、(?:第)?三(?:次)?产业|第一产业、第二产业(?:和|、|及)第三产业")


def sector_shares(ctx: DocContext) -> Iterator[list[Figure]]:
    """The three sectors' shares of one whole, stated in one sentence: 第一产业增加值占…比重为
    6.8%，第二产业…36.5%，第三产业…56.7%, or 三次产业 (第一、二、三产业) 对经济增长的贡献率分别为
    2.0%、28.6%和69.4%."""
    seen: set[int] = set()
    for f in ctx.figures:
        if f.unit != "%" or f.direction or id(f) in seen or f.kind != "number":
            continue
        if f.group and len(ctx.groups.get(f.group, [])) == 3 and _SHARE_WORDS.search(canon_label(f)) \
                and (canon_label(f).startswith("三次产业")
                     or _THREE_SECTORS.search(ctx.norm, ctx.full_sentence(f)[0], ctx.groups[f.group][0].start)):
            items = ctx.groups[f.group]
            seen.update(id(x) for x in items)
            if all(x.unit == "%" and not x.direction for x in items):
                yield items
            continue
        if not _LEAD.sub("", canon_label(f)).startswith(SECTORS):
            continue
        lo, hi = ctx.full_sentence(f)
        lo, hi = max(lo, f.start - 600), min(hi, f.end + 600)
        found: list[Figure] = []
        for name in SECTORS:
            hits = [g for g in ctx.figures_in(lo, hi) if g.unit == "%" and not g.direction and g.kind == "number"
                    and _LEAD.sub("", canon_label(g)).startswith(name) and _SHARE_WORDS.search(canon_label(g))]
            if len(hits) == 1:
                found.append(hits[0])
        seen.update(id(x) for x in found)
        if len(found) == 3:
            yield found


#: The last class of a complete breakdown: 劣Ⅴ类, 劣四类, 其他.
_REST = re.compile(r"劣|[,;]其[他它]")


def compositions(ctx: DocContext) -> Iterator[list[Figure]]:
    """Shares stated one after another in a sentence whose last names the rest of a complete
    breakdown — 水质优良（Ⅰ~Ⅲ类）断面比例为90.4%，Ⅳ类…7.8%，Ⅴ类…1.2%，劣Ⅴ类…0.6%: all classes,
    so they sum to 100."""
    for figs in ctx.by_sentence.values():
        run: list[Figure] = []
        for f in figs:
            if f.unit in ("类", "级") or f.unit != "%" and not f.direction:
                continue                  # 一、二类海水: the names of the classes; 28.7亿人次（占28.3%）: the parts
            if f.unit != "%" or f.direction or f.kind != "number" or f.group and len(ctx.groups.get(f.group, [])) > 1:
                run = []
                continue
            run.append(f)
            if len(run) >= 3 and _REST.search(ctx.norm, run[-2].end, f.start) \
                    and all(_SHARE_WORDS.search(ctx.norm[max(0, g.start - 12):g.start]) for g in run):
                yield list(run)
                run = []


#: Hospitals by ownership: 公立 and 民营 make all hospitals (not all institutions).
_OWNERSHIP = ("公立", "民营")


def partition_shares(ctx: DocContext) -> Iterator[list[Figure]]:
    """The two shares of a known two-part partition, each right after its level and both of
    one named whole, in one sentence: 公立医院诊疗人次37.7亿（占医院总诊疗人次的83.7%），民营医院
    诊疗人次7.3亿（占医院总诊疗人次的16.3%）."""
    for figs in ctx.by_sentence.values():
        pairs = [(lv, sh) for lv, sh in zip(figs, figs[1:], strict=False)
                 if sh.unit == "%" and not sh.direction and lv.unit != "%" and not lv.direction
                 and _SHARE_WORDS.search(ctx.norm[lv.end:sh.start]) and sh.start - lv.end <= 16]
        if len(pairs) != 2:
            continue
        (a, sa), (b, sb) = pairs
        wholes = {re.sub(r"\d.*", "", ctx.norm[lv.end:sh.start]) for lv, sh in pairs}   # 占医院总诊疗人次的
        labels = [a.label, b.label]
        known = lexicon.partition_of(labels) is not None or \
            all(any(lab.startswith(p) for lab in labels) for p in _OWNERSHIP)        # 公立医院 / 民营医院
        if known and len(wholes) == 1 and re.search(r"占.{2,}", next(iter(wholes))):
            yield [sa, sb]


@rule("MZ306", "structure-ratio-mismatch", Severity.ERROR)
def structure_ratio_mismatch(ctx: DocContext) -> Iterator[Outcome]:
    """A structure ratio a:b:c that does not sum to 100 or does not match its shares.

    What it checks: 三次产业结构(比例, 比重)为a:b:c — the parts must sum to 100 within
    rounding, and where the three sector values and the whole economy stand in the same
    paragraph, each part must match 100 × sector ÷ total. Likewise the three sectors'
    shares stated one by one in a sentence (第一产业增加值占…比重为6.8%，第二产业…) and
    三次产业对经济增长的贡献率分别为a%、b%、c%: the sectors are a partition, so they sum to 100.
    So do shares stated one after another in a sentence whose last names the rest of the
    breakdown (…Ⅴ类断面比例为1.2%，劣Ⅴ类断面比例为0.6%; …，其他占x%), the two shares of a
    known partition each after its level (公立医院…（占…83.7%），民营医院…（占…16.3%）), and the classes of a
    table of shares whose last class is the rest (rows 国有…其他 under 1985 | 1995; columns
    Ⅰ～Ⅲ类 | Ⅳ～Ⅴ类 | 劣Ⅴ类), as a warning; a share left blank in such a table is some share,
    so the others must leave room for it.

    Why it matters: the structure is usually recomputed by hand from the sector values;
    a stale or mistyped part shows up here.

    Fails:
        三次产业结构比例为6.01:55.04:36.95。
        第一产业增加值占地区生产总值比重为6.8%，第二产业增加值比重为36.5%，第三产业增加值比重为57.7%。
        国家地表水考核断面中，水质优良断面比例为90.4%，Ⅳ类断面比例为7.8%，Ⅴ类断面比例为1.2%，劣Ⅴ类断面比例为1.6%。

    Passes:
        三次产业结构比例为6.01:55.04:38.95。
        第一产业增加值占地区生产总值比重为6.8%，第二产业增加值比重为36.5%，第三产业增加值比重为56.7%。
        三次产业对经济增长的贡献率分别为2.0%、28.6%和69.4%。
        近岸海域达到一、二类海水水质标准的面积占83.7%，三类海水占4.1%，四类、劣四类海水占12.2%。
    """
    for parts in ctx.derived(sector_shares):
        readings = [ctx.reading(p) for p in parts]
        j = judge(readings, _sums_to_100)
        yield make_outcome("MZ306", tuple(parts), j, total([r.strict for r in readings]), "100",
                           f"三次产业的比重之和为{format_decimal(sum((p.value for p in parts), Fraction(0)))}，"
                           f"不等于100：{'、'.join(p.raw for p in parts)}", relation=_to_100(parts))
    for parts in ctx.derived(compositions) + ctx.derived(partition_shares):
        readings = [ctx.reading(p) for p in parts]
        j = judge(readings, _sums_to_100)
        yield make_outcome("MZ306", tuple(parts), j, total([r.strict for r in readings]), "100",
                           f"各类别的比重之和为{format_decimal(sum((p.value for p in parts), Fraction(0)))}，"
                           f"不等于100：{'、'.join(p.raw for p in parts)}", Severity.WARNING, relation=_to_100(parts))
    for what, parts, blanks in ctx.derived(table_compositions):
        readings = [ctx.reading(p) for p in parts]
        if blanks:                    # a share not printed is some share: the rest must leave room for it
            j = judge(readings, lambda iv: total(iv).lo <= _HUNDRED.upper)
        else:
            j = judge(readings, _sums_to_100)
        yield make_outcome("MZ306", tuple(parts), j, total([r.strict for r in readings]), "100",
                           f"{what}各类别的比重之和为{format_decimal(sum((p.value for p in parts), Fraction(0)))}，"
                           f"{'已超过' if blanks else '不等于'}100", Severity.WARNING,
                           relation=_to_100(parts, "<=" if blanks else "=="))
    groups: dict[int, list[Figure]] = {}
    for f in ctx.figures:
        if f.kind == "ratio":
            groups.setdefault(f.group, []).append(f)
    for parts in groups.values():
        lo, hi = ctx.full_sentence(parts[0])
        if len(parts) < 2 or not _STRUCTURE.search(ctx.norm, lo, parts[0].start):
            continue
        readings = [ctx.reading(p) for p in parts]
        exact_sum = sum((p.value for p in parts), Fraction(0))
        if not (90 <= exact_sum <= 110):
            continue  # a ratio such as 1:2:3, not percentages
        j = judge(readings, _sums_to_100)
        yield make_outcome("MZ306", tuple(parts), j, total([r.strict for r in readings]), "100",
                       f"结构比例之和为{format_decimal(exact_sum)}，不等于100："
                               f"{':'.join(p.raw for p in parts)}", relation=_to_100(parts))
        if len(parts) != 3:
            continue
        nearby = ctx.near(parts[0])
        gdp = [f for f in nearby if "生产总值" in canon_label(f) and additive(f)]
        sectors: list[Figure] = []
        for name in SECTORS:
            found = [g for g in nearby if canon_label(g).startswith(name) and additive(g)]
            if len(found) == 1:
                sectors.append(found[0])
        if len(gdp) < 1 or len(sectors) != len(SECTORS):
            continue
        whole = gdp[0]
        rw = ctx.reading(whole)
        for part, sector in zip(parts, sectors, strict=True):
            rs, rp = ctx.reading(sector), ctx.reading(part)
            j = judge([rs, rw, rp], lambda iv: percent_ratio(iv[:2]).meets(iv[2]))
            exact = Fraction(100) * sector.value / whole.value
            yield make_outcome("MZ306", (sector, whole, part), j, percent_ratio([rs.strict, rw.strict]), part.raw,
                           f"结构比例与产业数值不符：{show(sector)} ÷ {show(whole)} = "
                                   f"{format_decimal(exact)}，结构中为{part.raw}")

