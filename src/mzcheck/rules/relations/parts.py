"""Where parts and their total are found: 其中 lists (inline or bulleted), two-part
partitions across a paragraph (城市/农村, 县以上/县及县以下 …), 分门类看 breakdowns, and the
three sectors under 生产总值. :mod:`.sums` judges what is found here (MZ303, MZ304)."""

from __future__ import annotations

import re
from typing import Iterator

from mzcheck.figures import Figure
from mzcheck.rules import lexicon
from mzcheck.rules.context import DocContext
from mzcheck.rules.relations.common import (
    AVERAGE_WORDS, NON_ADDITIVE, SECTORS, additive, canon_label, lead_words, next_paragraph,
)
from mzcheck.rules.relations.partitions import counted_kinds, graded, levels_of_compositions, urban_rural


def _full_sentence_figs(ctx: DocContext, lo: int, hi: int) -> list[Figure]:
    return [f for f in ctx.figures_in(lo, hi) if f.end <= hi]


def _choose_total(totals: list[Figure], parts: list[Figure]) -> Figure:
    if len(totals) == 1:
        return totals[0]
    common = canon_label(parts[0])
    for p in parts[1:]:
        common = lexicon.common_suffix(common, canon_label(p))
    return max(totals, key=lambda t: (len(lexicon.common_suffix(canon_label(t), common)), t.start))


#: 其中： followed by a bulleted or numbered list, one item per line.
_BULLETED = re.compile(r"[:：]?[ \t]*\n(?:[ \t]*(?:[-•·*]|\d{1,2}[.、]|\(\d{1,2}\))[^\n]*(?:\n|\Z))+")


def _qizhong_blocks(ctx: DocContext) -> Iterator[tuple[list[Figure], list[Figure]]]:
    for m in re.finditer(r"其中", ctx.norm):
        lo = max(ctx.norm.rfind("。", max(0, m.start() - 1500), m.start()),
                 ctx.norm.rfind("\n", max(0, m.start() - 1500), m.start()), m.start() - 1500) + 1
        nested = next((k.start() for k in re.finditer(r"(?<!\()其中", ctx.norm[m.end():m.end() + 1500])), -1)
        ends = [i for i in (ctx.norm.find("。", m.end(), m.end() + 1500), ctx.norm.find("\n", m.end(), m.end() + 1500),
                            m.end() + nested if nested >= 0 else -1) if i >= 0]   # a nested 其中 is a subset
        if ctx.norm[m.start() - 1:m.start()] == "(":
            ends.append(ctx.norm.find(")", m.end(), m.end() + 300))   # （其中职业性尘肺病7251例）: within the brackets
        ends = [i for i in ends if i >= 0]
        hi = min(ends) if ends else min(len(ctx.norm), m.end() + 1500)
        bullets = _BULLETED.match(ctx.norm, m.end())
        if bullets:
            hi = bullets.end()       # 其中：⏎- 城镇居民…；⏎- 农村居民…: the items are the lines below
        totals = _full_sentence_figs(ctx, max(lo, 0), m.start())
        if not totals and lo > 0:
            prev_lo = max(ctx.norm.rfind("。", max(0, lo - 1500), lo - 1),
                          ctx.norm.rfind("\n", max(0, lo - 1500), lo - 1), lo - 1500) + 1
            totals = _full_sentence_figs(ctx, max(prev_lo, 0), lo)
        # 农村低保对象25070户42469人，其中市本级3127户4539人: a part of an earlier 其中 of the
        # sentence (市本级23502户) is no total of this one, unless it stands right before it
        # (…分散供养1746人，本级五保对象161人，其中集中供养63人)
        totals = [t for t in totals if _right_before(ctx, t, m.start()) or not _in_earlier_list(ctx, lo, t)] or totals
        parts = [p for p in _full_sentence_figs(ctx, m.end(), hi) if not _in_bracketed_list(ctx, m.end(), p)]
        parts = _scope(ctx, parts, hi)
        if totals and parts:
            yield totals, parts


def _right_before(ctx: DocContext, t: Figure, at: int) -> bool:
    return re.fullmatch(r"[\d.,万亿千百户人个家名元例]*[,:;(]?", ctx.norm[t.end:at]) is not None


def _in_earlier_list(ctx: DocContext, lo: int, t: Figure) -> bool:
    """t follows an earlier 其中 of its sentence with no ；between: one of that list's parts."""
    earlier = ctx.norm.rfind("其中", lo, t.start)
    return earlier >= 0 and ";" not in ctx.norm[earlier:t.start]


def _in_bracketed_list(ctx: DocContext, lo: int, f: Figure) -> bool:
    """f stands inside （其中…） after ``lo``: a part of a part, not of the list at lo."""
    opening = ctx.norm.rfind("(其中", lo, f.start)
    return opening >= 0 and ctx.norm.find(")", opening, f.start) < 0


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


def _siblings(label: str) -> tuple[str, ...]:
    """The other parts' prefixes of the partition a label's prefix belongs to (第二产业 → 第一产业,
    第三产业)."""
    for parts, _ in lexicon.PARTITIONS:
        for p in parts:
            if label.startswith(p):
                return tuple(q for q in parts if q != p and not label.startswith(q))
    return ()


#: The breakdowns a bulletin gives of a total, each exhaustive and disjoint: by 门类 (采矿业,
#: 制造业, 电力…), by sector, by region, by 经营地 (城镇/乡村), by 消费类型 (商品零售/餐饮).
#: 分经济类型 (国有控股, 股份制 … overlap) and 分行业 (a selection) are not among them.
_BREAKDOWN = re.compile(r"(?:分|按)(?:门类|三次产业|产业|地区|区域|经营地|消费类型|城乡)(?:看|统计|分)[,:]?")
_ANY_BREAKDOWN = re.compile(r"(?:分|按)[\u4e00-\u9fff]{1,6}(?:看|统计|分)[,:]")


#: 70个大中城市中， / 在监测的339个城市中，: a count of a set, opening what is said of its members.
_AMONG = re.compile(r"[\u4e00-\u9fff]{1,12}中[,:]")
_STATEMENT_END = re.compile(r"[;。\n]")


def _among_label(ctx: DocContext, f: Figure) -> str:
    """The words that say which members a count is of: 环比上涨的城市个数为23个 → 上涨."""
    s_lo = ctx.full_sentence(f)[0]
    lo = max(s_lo, ctx.norm.rfind(",", s_lo, f.start) + 1, ctx.norm.rfind(";", s_lo, f.start) + 1)
    return re.sub(r"^(?:[\u4e00-\u9fff]{0,12}?(?:环比|同比|比上年))?", "", ctx.norm[lo:f.start])


def _counts_among(ctx: DocContext) -> Iterator[tuple[Figure, list[Figure]]]:
    """(the set's count, the members' counts) of 70个大中城市中，…上涨的城市个数为23个，持平的为4个，
    下降的为43个 — every count of the same unit in the rest of the sentence."""
    for f in ctx.figures:
        if f.kind != "number" or f.direction or f.unit not in ("个", "家", "所", "种", "项", "人", "户") \
                or not _AMONG.match(ctx.norm, f.end):
            continue
        stop = _STATEMENT_END.search(ctx.norm, f.end, min(len(ctx.norm), f.end + 600))
        end = stop.start() if stop else min(len(ctx.norm), f.end + 600)      # the statement ends at ；
        same_unit = [g for g in ctx.figures_in(f.end, end) if g.unit == f.unit]
        parts = [g for g in same_unit if g.kind == "number" and not g.direction and g.value < f.value]
        if len(parts) >= 2 and len(parts) == len(same_unit):
            yield f, parts


_ADDED = re.compile(r"新增|新建|新开|新招|新培育|新认定|新登记")
_REACHED = re.compile(r"(?:累计|总数|总量|总计)?(?:达到|达|增至|增加到|提高到|提升至|突破)(?:了)?(?:到)?\Z")


def _bracketed_breakdowns(ctx: DocContext) -> Iterator[tuple[Figure, list[Figure]]]:
    """(total, parts): a total whose breakdown follows in brackets after its noun (共有337个项目
    实施降级（报告书降报告表5个，报告表降登记表329个，豁免3个）), the parts of its unit."""
    for m in re.finditer(r"\((?P<body>[^()]{4,200})\)", ctx.norm):
        inside = [f for f in ctx.figures_in(m.start(), m.end()) if f.end <= m.end()]
        if len(inside) < 2 or ctx.norm.startswith("其中", m.start() + 1):
            continue                  # （其中…） is read with the 其中 lists
        before = [f for f in ctx.figures_in(max(0, m.start() - 30), m.start()) if f.end <= m.start()]
        if not before or re.search(r"[,;。:]", ctx.norm[before[-1].end:m.start()]):
            continue
        whole = before[-1]
        parts = [f for f in inside if f.unit == whole.unit and additive(f) and not f.direction and f.kind == "number"]
        if additive(whole) and not whole.direction and len(parts) == len(inside) >= 2:
            yield whole, parts


def _added_to_stock(ctx: DocContext) -> Iterator[tuple[Figure, Figure]]:
    """(stock, added) of 新增1000处信号灯联网、累计达8000处 and 新增…16条、达到54条: in one
    sentence, an amount added and then the level reached, in the same unit."""
    for figs in ctx.by_sentence.values():
        for a, b in zip(figs, figs[1:], strict=False):
            if a.unit != b.unit or not a.unit or a.direction == "down" or b.direction or a.kind != "number" or b.kind != "number":
                continue
            lead = ctx.norm[max(ctx.full_sentence(a)[0], a.start - 20):a.start]
            clause = re.split(r"[,，;；。]", lead)[-1]
            between = ctx.text_between(a, b) + lead_words(b)      # 达到4500人以上: 达到
            if _ADDED.search(clause) and _REACHED.search(between) and len(between) <= 24 \
                    and not re.search(r"[;；。]", between) and additive(b):
                yield b, a


#: 1540件交办信访件已完成整改1437件、销号1107件: what was done of the items named before.
_DONE = re.compile(r"已|完成|办结|结案|化解|整改|销号|答复|解决")
#: …比上年增加 / 新增 / 占: a change or a share, not the done part; 任务/计划: a quota may be exceeded.
_NOT_DONE = re.compile(r"新增|增加|增长|减少|下降|比|较|同比|占|超额|任务|计划|目标|指标|下达")
_ITEM_UNITS = frozenset(("件", "起", "宗", "处", "个", "项", "条", "批"))


def _done_of_items(ctx: DocContext) -> Iterator[tuple[Figure, Figure]]:
    """(items, done) of 1540件交办信访件已完成整改1437件、销号1107件 and 排查隐患120处，已整改
    115处: in one sentence, a number of items and then how many of them were done, each
    done count on its own (整改 and 销号 overlap; neither adds to the other)."""
    for figs in ctx.by_sentence.values():
        for k, a in enumerate(figs):
            if a.unit not in _ITEM_UNITS or a.direction or a.kind != "number" or not additive(a):
                continue
            lead = re.split(r"[,，;；:：]", ctx.norm[max(ctx.full_sentence(a)[0], a.start - 12):a.start])[-1]
            if _NOT_DONE.search(lead) or _DONE.search(lead):
                continue                  # 已完成整改1437件、销号1107件: siblings, not items and done
            for b in figs[k + 1:]:
                between = ctx.text_between(a, b)
                if len(between) > 30 or re.search(r"[;；。]", between) or _NOT_DONE.search(between):
                    break
                if b.unit == a.unit and not b.direction and b.kind == "number" and _DONE.search(between):
                    yield a, b


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
_REST_ITEM = re.compile(r"其[他它](?!.*其中)")


def _average_of_parts(f: Figure) -> bool:
    return bool(AVERAGE_WORDS.search(f.label)) and f.unit not in NON_ADDITIVE and f.kind == "number"


def parts_and_totals(ctx: DocContext) -> Iterator[tuple[Figure, list[Figure], bool]]:
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
            if not part_changes:          # 其中，参保职工…离退休人员…，分别增加A和B: the levels are the parts
                us = [p for p in us if not p.direction]
            ts = [t for t in totals if t.unit == unit and (additive(t) or _average_of_parts(t))
                  and (not t.direction or part_changes)
                  and not _RATE_BEFORE.search(ctx.norm, max(0, t.start - 6), t.start)]
            if not us or not ts:
                continue
            whole = _choose_total(ts, us)
            # …筹资622亿元，其中科创板152亿元；A股再融资3629亿元: a figure after ；larger than the
            # whole on its own is what the sentence goes on to, not a part
            over = next((k for k, p in enumerate(us) if k and p.value > whole.value > 0
                         and ";" in ctx.norm[us[k - 1].end:p.start]), None)
            us = us[:over] if over is not None else us
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
            # a known partition, or a list closed by the rest (…，其他职业病10例)
            exhaustive = len(us) > 1 and (lexicon.partition_of([p.label for p in us]) is not None
                                          or _REST_ITEM.match(canon_label(us[-1])) is not None)
            yield whole, us, exhaustive
    # the other finders, each with whether its parts are the whole breakdown
    sources: list[tuple[Iterator[tuple[Figure, list[Figure]]], bool | None]] = [
        (_breakdowns(ctx), True),                   # 分门类看，采矿业…；制造业…；电力…
        (_bracketed_breakdowns(ctx), False),        # 337个项目实施降级（…5个，…329个，豁免3个）
        (((stock, [added]) for stock, added in _added_to_stock(ctx)), False),   # 新增1000处…累计达8000处
        (((items, [done]) for items, done in _done_of_items(ctx)), False),     # 1540件…已完成整改1437件
        (_counts_among(ctx), None),                 # 70个大中城市中，上涨的23个，持平的4个，下降的43个
        (counted_kinds(ctx), True),                 # 三项社会保险基金收入计79710亿元 … 养老、失业、工伤
        (levels_of_compositions(ctx), True),        # 三级医院28.7亿人次（占28.3%）…其他…（占3.4%）
        (urban_rural(ctx), True),
        (graded(ctx), False),                       # 一级…1302家、二级…680家 of 公共图书馆3246个
        (_additions(ctx), True),                    # 收入完成A，加上B、C、D，收入总计T
    ]
    for pairs, complete in sources:
        for whole, parts in pairs:
            key = (whole.figure_id, *(p.figure_id for p in parts))
            if key in seen:
                continue
            seen.add(key)
            # the counts of a set (complete None) are the whole of it when they partition it
            yield whole, parts, complete if complete is not None else \
                lexicon.partition_of([_among_label(ctx, p) for p in parts]) is not None
    # the three sectors and the whole economy, wherever they stand in one paragraph
    for f in ctx.figures:
        if "生产总值" not in canon_label(f) or AVERAGE_WORDS.search(f.label) or not additive(f):
            continue
        nearby = ctx.near(f) + next_paragraph(ctx, f)
        sectors = []
        for name in SECTORS:
            found = [g for g in nearby if g.unit == f.unit and canon_label(g).startswith(name) and additive(g)]
            if len(found) == 1:
                sectors.append(found[0])
        key = (f.figure_id, *(s.figure_id for s in sectors))
        if len(sectors) == 3 and key not in seen:
            seen.add(key)
            yield f, sectors, True


#: A budget's balance: 收入完成120.5亿元…，加上上级补助收入150.2亿元、上年结转收入20.1亿元，收入总计
#: 290.8亿元 — the outturn before 加上 and every amount after it make the 总计.
_GRAND_TOTAL = re.compile(r"(?:收入|支出|资金|来源)?(?:总计|合计)(?:为|是|达)?\Z")
_PLUS = re.compile(r"加上|(?<=收入)加|(?<=支出)加")
#: How far a 总计's terms may stand before it.
_ADDITION_REACH = 600


def _additions(ctx: DocContext) -> Iterator[tuple[Figure, list[Figure]]]:
    """(总计, [the outturn, the amounts added]) of 收入完成A，…，加上B、C、D，收入总计T: within
    the clause chain up to a ；, the last amount of the total's unit before 加上 (changes and
    shares between them are passed over) and every amount after it. Nothing else may stand
    between 加上 and the total: a change or a share there means the list is not plain."""
    for t in ctx.figures:
        if t.kind != "number" or t.direction or not additive(t) \
                or not _GRAND_TOTAL.search(ctx.norm, max(0, t.start - 8), t.start):
            continue
        reach = max(0, t.start - _ADDITION_REACH)
        lo = max(ctx.paragraph(t)[0], reach, ctx.norm.rfind(";", reach, t.start) + 1,
                 ctx.norm.rfind("。", reach, t.start) + 1)
        plus = list(_PLUS.finditer(ctx.norm, lo, t.start))
        if len(plus) != 1:
            continue
        k = plus[0].start()
        added = _full_sentence_figs(ctx, plus[0].end(), t.start)
        if not added or any(g.unit != t.unit or g.direction or not additive(g) or g.kind != "number"
                            for g in added):
            continue
        # …增长6.83%。加上转移性收入…: the outturn may close the clause or sentence before the 加上
        hi = k - 1 if ctx.norm[k - 1:k] in (";", ",", "。") else k
        reach = max(0, k - _ADDITION_REACH)
        base_lo = max(ctx.paragraph(t)[0], reach, ctx.norm.rfind(";", reach, hi) + 1, ctx.norm.rfind("。", reach, hi) + 1)
        before = [g for g in _full_sentence_figs(ctx, base_lo, k) if g.unit == t.unit and additive(g)
                  and not g.direction and g.kind == "number"]
        if before:
            yield t, [before[-1], *added]


