"""Parts and totals: 其中 lists, 城市 + 农村, the three sectors, and statistics-table blocks —
parts that must add up (MZ303) and parts that must not exceed their whole (MZ304)."""

from __future__ import annotations

import re
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
    AVERAGE_WORDS, NON_ADDITIVE, SECTORS, additive, canon_label, in_units, make_outcome, round_to, rounding_note, show,
)
from mzcheck.rules.tables import table_sums


def _full_sentence_figs(ctx: DocContext, lo: int, hi: int) -> list[Figure]:
    return [f for f in ctx.figures_in(lo, hi) if f.end <= hi]


def _choose_total(totals: list[Figure], parts: list[Figure]) -> Figure:
    if len(totals) == 1:
        return totals[0]
    common = canon_label(parts[0])
    for p in parts[1:]:
        common = lexicon.common_suffix(common, canon_label(p))
    return max(totals, key=lambda t: (len(lexicon.common_suffix(canon_label(t), common)), t.start))


def _sum_check(ctx: DocContext, whole: Figure, parts: list[Figure], exhaustive: bool) -> Outcome:
    readings = [ctx.reading(p) for p in parts] + [ctx.reading(whole)]
    computed = total([r.strict for r in readings[:-1]])
    j = judge(readings, lambda iv: total(iv[:-1]).meets(iv[-1]))
    exact = sum((p.value for p in parts), Fraction(0))
    names = " + ".join(show(p) for p in parts)
    if j.verdict is Verdict.ERROR and not exhaustive:
        # a 其中 list that is not known to be exhaustive only claims parts ≤ whole
        le = judge(readings, lambda iv: total(iv[:-1]).le(iv[-1]))
        return make_outcome("MZ304", (whole, *parts), le, computed, whole.raw,
                        f"分项之和超过总数：{names} = {in_units(exact, whole)}，大于{whole.raw}",
                        Severity.WARNING)
    scale = Fraction(vocab.scale_factor(whole.scale))

    return make_outcome("MZ303", (whole, *parts), j, computed, whole.raw,
                    f"分项之和与总数不符：{names} = {in_units(exact, whole)}，所述总数{whole.raw}"
                            f"（相差{in_units(abs(exact - whole.value), whole)}）"
                            + rounding_note(j, f"{round_to(exact / scale, whole.decimals)}{whole.scale}{whole.unit}"),
                    None if exhaustive else Severity.WARNING)


#: 其中： followed by a bulleted or numbered list, one item per line.
_BULLETED = re.compile(r"[:：]?[ \t]*\n(?:[ \t]*(?:[-•·*]|\d{1,2}[.、]|\(\d{1,2}\))[^\n]*(?:\n|\Z))+")


def _qizhong_blocks(ctx: DocContext) -> Iterator[tuple[list[Figure], list[Figure]]]:
    for m in re.finditer(r"其中", ctx.norm):
        lo = max(ctx.norm.rfind("。", max(0, m.start() - 1500), m.start()),
                 ctx.norm.rfind("\n", max(0, m.start() - 1500), m.start()), m.start() - 1500) + 1
        ends = [i for i in (ctx.norm.find("。", m.end(), m.end() + 1500), ctx.norm.find("\n", m.end(), m.end() + 1500),
                            ctx.norm.find("其中", m.end(), m.end() + 1500)) if i >= 0]   # a nested 其中 is a subset
        hi = min(ends) if ends else min(len(ctx.norm), m.end() + 1500)
        bullets = _BULLETED.match(ctx.norm, m.end())
        if bullets:
            hi = bullets.end()       # 其中：⏎- 城镇居民…；⏎- 农村居民…: the items are the lines below
        totals = _full_sentence_figs(ctx, max(lo, 0), m.start())
        if not totals and lo > 0:
            prev_lo = max(ctx.norm.rfind("。", max(0, lo - 1500), lo - 1),
                          ctx.norm.rfind("\n", max(0, lo - 1500), lo - 1), lo - 1500) + 1
            totals = _full_sentence_figs(ctx, max(prev_lo, 0), lo)
        parts = _scope(ctx, _full_sentence_figs(ctx, m.end(), hi), hi)
        if totals and parts:
            yield totals, parts


#: A clause after ；that states a new total of its own: 共有…, 另有…, 全市…
_NEW_STATEMENT = re.compile(r"(?:共有|共计|另有|全市|全省|全县|全区|全年|年末)")


def _scope(ctx: DocContext, parts: list[Figure], hi: int) -> list[Figure]:
    """The parts a 其中 list holds: up to a ；after which the sentence turns to something
    else — figures in another unit (中等职业教育学校87所 after 在校学生…万人), a new
    subject with its own 其中 (农村低保对象…，其中…), or a new total (；共有…)."""
    if not parts:
        return parts
    units = set()
    for i, p in enumerate(parts):
        if i and ";" in ctx.norm[parts[i - 1].end:p.start]:
            ends = [k for k in (ctx.norm.find(c, p.start, p.start + 500) for c in ";。\n") if k >= 0]
            clause = ctx.norm[p.start:min(ends) if ends else p.start + 500]
            semi = ctx.norm.rfind(";", parts[i - 1].end, p.start)
            opening = ctx.norm[semi + 1:semi + 4]
            if (p.unit not in units and additive(p)) or "其中" in clause or _NEW_STATEMENT.match(opening):
                return parts[:i]
        if additive(p):
            units.add(p.unit)
    return parts


#: Scope and verbs a label may open with before the partition's prefix: 年末全国参加城镇职工…
_LEAD = re.compile(r"^(?:\d{4}年)?(?:年末|年底|全年|年内)?(?:全国|我国|我省|我市)?(?:参加|参保)?")
#: Two-part partitions whose parts are named as prefix + the same rest (城镇居民… / 农村居民…).
#: 夏粮 and 秋粮 are not among them out of a 其中 list: southern provinces add 早稻.
_PAIRS = tuple((parts, wholes) for parts, wholes in lexicon.PARTITIONS if len(parts) == 2 and parts != ("夏粮", "秋粮"))


def _whole_of(label: str, rest: str, names: tuple[str, ...] = ("城乡", "")) -> bool:
    """城乡X or X, or a label naming X in full (社会消费品零售总额 for 消费品零售额): 总 and the
    general prefixes do not change what is counted; 进出口总额 for the rest of 出口/进口."""
    if label in {f"{n}{rest}" for n in names} | {rest}:
        return True
    for n in names:
        bare, whole = (n + rest).replace("总", ""), label.replace("总", "")
        if len(bare) < 3 or not (whole.endswith(bare) or whole.endswith(bare + "额") or whole.endswith(bare + "值")):
            continue
        end = whole.rfind(bare)
        prefix = whole[:end]           # what the whole adds: only words meaning "all of it"
        if re.fullmatch(r"(?:全社会|社会|全市|全省|全县|全区|全国|全年|年末|全部|合计|共|实现|货物)*", prefix):
            return True
    return False


def _siblings(label: str) -> tuple[str, ...]:
    """The other parts' prefixes of the partition a label's prefix belongs to (第二产业 → 第一产业,
    第三产业)."""
    for parts, _ in lexicon.PARTITIONS:
        for p in parts:
            if label.startswith(p):
                return tuple(q for q in parts if q != p and not label.startswith(q))
    return ()


def _partition_label(f: Figure) -> str:
    return _LEAD.sub("", canon_label(f))


def _urban_rural(ctx: DocContext) -> Iterator[tuple[Figure, list[Figure]]]:
    """城市X a, 农村X b and 城乡X (or X) c in one paragraph: a + b = c; likewise every two-part
    partition of the lexicon (县以上/县及县以下, 城镇职工/城乡居民, 出口/进口 of 进出口 …).

    Only when each of the three is the single figure of its kind and unit in the
    paragraph, so that parallel lists (新增, 退出 …) never pair across.
    """
    paragraphs: dict[tuple[int, int], list[Figure]] = {}
    for f in ctx.figures:
        if additive(f):
            paragraphs.setdefault(ctx.paragraph(f), []).append(f)
    for figs in paragraphs.values():
        if len(figs) > 2000:
            continue   # not prose: a flattened dump; pairing across it would only guess
        for (first, second), names in _PAIRS:
            by_rest: dict[tuple[str, str, str], list[Figure]] = {}
            for f in figs:
                label = _partition_label(f)
                for prefix in (first, second):
                    if label.startswith(prefix):
                        by_rest.setdefault((prefix, label[len(prefix):], f.unit), []).append(f)
            for (prefix, rest, unit), items in by_rest.items():
                if prefix != first or len(items) != 1 or (len(rest) < 2 and not any(names)):
                    continue
                others = by_rest.get((second, rest, unit), [])
                wholes = [f for f in figs if f.unit == unit and f is not items[0] and f not in others
                          and not f.direction and _whole_of(_partition_label(f), rest, names + ("城乡", ""))]
                if len(others) == 1 and len(wholes) == 1:
                    yield wholes[0], [items[0], others[0]]


#: The breakdowns a bulletin gives of a total, each exhaustive and disjoint: by 门类 (采矿业,
#: 制造业, 电力…), by sector, by region, by 经营地 (城镇/乡村), by 消费类型 (商品零售/餐饮).
#: 分经济类型 (国有控股, 股份制 … overlap) and 分行业 (a selection) are not among them.
_BREAKDOWN = re.compile(r"(?:分|按)(?:门类|三次产业|产业|地区|区域|经营地|消费类型|城乡)(?:看|统计|分)[,:]?")
_ANY_BREAKDOWN = re.compile(r"(?:分|按)[\u4e00-\u9fff]{1,6}(?:看|统计|分)[,:]")


def _breakdowns(ctx: DocContext) -> Iterator[tuple[Figure, list[Figure]]]:
    """(total, parts) of 全年…利润74311亿元，下降3.3%。分门类看，采矿业利润11272亿元…；制造业
    55141亿元…；电力…7898亿元…: the levels of the breakdown's sentence against the level
    stated just before it (a 其中 inside an item is a part of that item, not of the total)."""
    for m in _BREAKDOWN.finditer(ctx.norm):
        figs = ctx.figures_in(m.end(), m.end() + 1500)
        if not figs:
            continue
        end = ctx.full_sentence(figs[0])[1]
        parts = [f for f in figs if f.start < end and additive(f) and not f.direction and f.kind == "number"]
        parts = [f for f in parts if "其中" not in ctx.norm[max(m.end(), ctx.norm.rfind(";", m.end(), f.start) + 1):f.start]]
        if len(parts) < 2 or len({f.unit for f in parts}) != 1:
            continue
        # the total stands just before, or before other breakdowns of it (分经济类型看…。分门类看…)
        before = [f for f in ctx.figures_in(max(0, m.start() - 600), m.start()) if f.end <= m.start()
                  and f.unit == parts[0].unit and additive(f) and not f.direction and f.kind == "number"
                  and not _ANY_BREAKDOWN.search(ctx.norm, *ctx.full_sentence(f))]
        if not before:
            continue
        whole = before[-1]
        between = ctx.norm[ctx.full_sentence(whole)[1]:m.start()]
        if any(s.strip() and not _ANY_BREAKDOWN.search(s) for s in between.split("。")):
            continue
        if whole.value > max(p.value for p in parts):
            yield whole, parts


_RATE_BEFORE = re.compile(r"每")


def _average_of_parts(f: Figure) -> bool:
    return bool(AVERAGE_WORDS.search(f.label)) and f.unit not in NON_ADDITIVE and f.kind == "number"


def _parts_and_totals(ctx: DocContext) -> Iterator[tuple[Figure, list[Figure], bool]]:
    seen: set[tuple[str, ...]] = set()
    for totals, parts in _qizhong_blocks(ctx):
        for unit in dict.fromkeys(p.unit for p in parts):
            us = [p for p in parts if p.unit == unit and additive(p)]
            # 博士研究生 within 研究生: a part named as a kind of another part is inside it
            us = [p for p in us if not any(q is not p and len(canon_label(q)) >= 2
                                           and canon_label(p) != canon_label(q)
                                           and canon_label(p).endswith(canon_label(q)) for q in us)]
            # 人均可支配收入 30931元，其中工资性收入 15377元…: the parts of an average are
            # per-head amounts too, and add up to it
            # a change against last year (比上年末增加139万人) is the whole only of such changes,
            # never of levels; an amount added (新增…，其中…) is a quantity of its own; a rate
            # (每千人6.6批) is the whole of nothing
            part_changes = all(p.direction for p in us)
            ts = [t for t in totals if t.unit == unit and (additive(t) or _average_of_parts(t))
                  and (not t.direction or part_changes)
                  and not _RATE_BEFORE.search(ctx.norm, max(0, t.start - 6), t.start)]
            if not us or not ts:
                continue
            whole = _choose_total(ts, us)
            # 第二产业增加值3000亿元，其中工业…；第三产业增加值…: a sibling of the whole ends its list
            siblings = _siblings(canon_label(whole))
            cut = next((k for k, p in enumerate(us) if any(canon_label(p).startswith(s) for s in siblings)), None)
            us = us[:cut] if cut is not None else us
            # 在校学生 其中 本专科学生, 研究生 …, 专任教师: parts at the end of the list that share
            # no head noun with the whole (when those before them do) are what the sentence
            # goes on to, not more parts
            head = canon_label(whole)
            while len(us) > 2 and not lexicon.common_suffix(canon_label(us[-1]), head) \
                    and all(lexicon.common_suffix(canon_label(p), head) for p in us[:-1]):
                us = us[:-1]
            key = (whole.figure_id, *(p.figure_id for p in us))
            if key in seen:
                continue
            seen.add(key)
            exhaustive = len(us) > 1 and lexicon.partition_of([p.label for p in us]) is not None
            yield whole, us, exhaustive
    # 分门类看，采矿业…；制造业…；电力…: a breakdown of the total just stated
    for whole, parts in _breakdowns(ctx):
        key = (whole.figure_id, *(p.figure_id for p in parts))
        if key not in seen:
            seen.add(key)
            yield whole, parts, True
    # 城市 + 农村 (城镇 + 乡村) and their whole, wherever they stand in one paragraph
    for whole, parts in _urban_rural(ctx):
        key = (whole.figure_id, *(p.figure_id for p in parts))
        if key not in seen:
            seen.add(key)
            yield whole, parts, True
    # the three sectors and the whole economy, wherever they stand in one paragraph
    for f in ctx.figures:
        if "生产总值" not in canon_label(f) or AVERAGE_WORDS.search(f.label) or not additive(f):
            continue
        nearby = ctx.near(f) + _next_paragraph(ctx, f)
        sectors = []
        for name in SECTORS:
            found = [g for g in nearby if g.unit == f.unit and canon_label(g).startswith(name) and additive(g)]
            if len(found) == 1:
                sectors.append(found[0])
        key = (f.figure_id, *(s.figure_id for s in sectors))
        if len(sectors) == 3 and key not in seen:
            seen.add(key)
            yield f, sectors, True


def _next_paragraph(ctx: DocContext, f: Figure) -> list[Figure]:
    """The figures of the paragraph after f's: …地区生产总值20817.5亿元，增长2.8%。⏎分产业看，
    第一产业…: a bulletin often gives the sectors in the paragraph after the whole."""
    hi = ctx.paragraph(f)[1]
    after = ctx.figures_in(hi, hi + 3000)
    return ctx.figures_in(hi, ctx.paragraph(after[0])[1]) if after else []


def _sum_outcomes(ctx: DocContext) -> Iterator[Outcome]:
    """Every list of two or more parts judged once against its total: MZ303 when it
    must add up (or does), MZ304 when a selection's parts exceed the total."""
    for whole, parts, exhaustive in ctx.derived(_parts_and_totals):
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
    column (本期, 上期). An empty cell is not a zero: it stands for some non-negative
    value, so a sum that already exceeds its parent is an error and one that falls
    short is not.

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
    fall short of the total but must not exceed it (a warning: the parts may overlap).

    Why it matters: a part above its whole means one of them is wrong or they measure
    different things under one name.

    In tables: a 其中/# row, an un-numbered row under a numbered one, and indented rows
    without numbering are parts of the row above; their sum must not exceed it.

    Fails:
        全年募集各类善款3000万元,全市网络募捐善款3477.9万元。
        全市现有农村五保对象1675人,其中集中供养1839人。
        指标名称单位数量\\n  1.提供住宿的民政机构   617\\n        养老机构586\\n        精神疾病服务机构1\\n        其他提供住宿机构119

    Passes:
        全年募集各类善款超3.1亿元,全市网络募捐善款3477.9万元。
        全市现有农村五保对象1675人,其中集中供养839人。
        指标名称单位数量\\n  1.提供住宿的民政机构   617\\n        养老机构586\\n        精神疾病服务机构1\\n        其他提供住宿机构19
    """
    for whole, parts, _ in ctx.derived(_parts_and_totals):
        if len(parts) == 1:
            (part,) = parts
            rp, rw = ctx.reading(part), ctx.reading(whole)
            j = judge([rp, rw], lambda iv: iv[0].le(iv[1]))
            yield make_outcome("MZ304", (part, whole), j, rp.strict, part.raw,
                           f"部分大于总体：其中“{part.label}”{part.raw}大于总数{whole.raw}")
    for outcome in ctx.derived(_sum_outcomes):
        if outcome.code == "MZ304":   # a 其中 list whose parts exceed the total
            yield outcome
    for part, whole in _general_pairs(ctx):
        rp, rw = ctx.reading(part), ctx.reading(whole)
        j = judge([rp, rw], lambda iv: iv[0].le(iv[1]))
        yield make_outcome("MZ304", (part, whole), j, rp.strict, part.raw,
                       f"部分大于总体：“{part.label}”{part.raw}大于“{whole.label}”{whole.raw}")
    for _, _, _, outcome in ctx.derived(table_sums):
        if outcome.code == "MZ304":
            yield outcome

