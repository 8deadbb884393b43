"""Repeated mentions: one quantity stated twice in a passage with values that cannot both
hold (MZ308). A difference of a scale word (×10⁴) is MZ401's, in the plausibility family."""

from __future__ import annotations

import re
from bisect import bisect_right
from fractions import Fraction
from typing import Iterator

from mzcheck.figures import Figure
from mzcheck.finding import Severity
from mzcheck.numbers.reading import AT_LEAST, AT_MOST, NEAR, OVER, OVER_SUFFIX, UNDER
from mzcheck.numbers.verdict import Verdict, judge
from mzcheck.rules import lexicon
from mzcheck.rules.context import DocContext, Outcome
from mzcheck.rules.registry import rule
from mzcheck.rules.relations.common import AVERAGE_WORDS, additive, canon_label, make_outcome



# --------------------------------------------------------------------------- finders
_TOPIC_LEAD = re.compile(r"^(?:其中|全市|全省|全县|全区|全年|目前|截至目前|同时|另外|此外|并|共有|现有|共)+")


def _mention_key(ctx: DocContext, f: Figure) -> tuple[str, str]:
    """(sentence topic, clause label as written) — parallel items differ in one of them.

    The topic is what the sentence opens with (保华镇…, 大河镇…); the clause label keeps
    the verbs that the figure label drops (城市低保新增276户 is not 城市低保6195户).
    """
    lo, _ = ctx.sentences[f.sentence_id - 1]
    first = ctx.by_sentence[f.sentence_id][0]
    topic = re.split(r"[,:、(]", ctx.norm[lo:first.start].strip())[-1]
    topic = lexicon.canonical(_TOPIC_LEAD.sub("", topic))
    clause_lo = max(lo, max((ctx.norm.rfind(c, lo, f.start) for c in ",:、;"), default=-1) + 1)
    prev = [g.end for g in ctx.by_sentence[f.sentence_id] if g.end <= f.start]
    clause_lo = max([clause_lo, *prev])
    clause = lexicon.canonical(_TOPIC_LEAD.sub("", ctx.norm[clause_lo:f.start].strip()))
    return topic, clause


def same_quantity_pairs(ctx: DocContext) -> Iterator[tuple[Figure, Figure]]:
    """(first, later) figures of one paragraph that state one quantity: the same label, topic,
    unit and period — and, for a count, the same thing named after it (公布首批63个试点 is not
    公布首批2个示范区). Items of a numbered list (一是…二是…), parallel blocks and class
    thresholds (年营业收入2000万元及以上的…) are not mentions of one quantity."""
    by_key: dict[tuple[str, ...], list[Figure]] = {}
    for f in ctx.figures:
        label = canon_label(f)
        if len(label) < 4 or f.kind != "number" or f.direction or f.group or AVERAGE_WORDS.search(label):
            continue
        if f.qualifier and ctx.norm[f.end:f.end + 1] == "的":
            continue
        after = _HAN_RUN.match(ctx.norm, f.end) if f.unit in _COUNT_WORDS else None
        named = after.group()[:6] if after and not _NOT_A_NAME.match(after.group()) else ""
        key = (label, *_mention_key(ctx, f), f.unit, f.per, f.period, named)
        by_key.setdefault(key, []).append(f)
    markers = sorted(m.start for m in ctx.lists if m.label not in ("item", "count"))
    for figs in by_key.values():
        for a, b in zip(figs, figs[1:], strict=False):
            if a.sentence_id == b.sentence_id or ctx.paragraph(a) != ctx.paragraph(b):
                continue
            k = bisect_right(markers, a.end)
            if k < len(markers) and markers[k] < b.start:
                continue                  # 二是…市级安排资金10300万元 … 三是…市级安排资金9600万元
            if not _parallel(ctx, a, b):
                yield a, b


def _suffix(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[-1 - n] == b[-1 - n]:
        n += 1
    return n


def _parallel(ctx: DocContext, a: Figure, b: Figure) -> bool:
    """a and b stand in two parallel blocks of one paragraph: 克山病病区县数333个…现症病人0.35万人；
    大骨节病病区县数379个…现症病人15.6万人 — what comes before a is restated, for another
    subject, between a and b."""
    lo = ctx.paragraph(a)[0]
    before = [p for p in ctx.figures_in(max(lo, a.start - 300), a.start) if p.end <= a.start][-12:]
    between = ctx.figures_in(a.end, b.start)[:12]
    return any(p.unit == q.unit and _suffix(lp := canon_label(p), lq := canon_label(q)) >= min(3, len(lp), len(lq)) >= 2
               for p in before for q in between)



_HAN_RUN = re.compile(r"[\u4e00-\u9fff]+")
#: 39个欠发达县域: counts whose noun follows them.
_COUNT_WORDS = frozenset(("个", "家", "项", "条", "套", "所", "座", "处", "名", "种", "批", "类"))
#: …个，比上年增加 / …个以上: what follows is no name.
_NOT_A_NAME = re.compile(r"比|较|同比|增|减|下降|上升|提高|以上|以下|左右|的|等|分别|占|其中|次")


def _wording(ctx: DocContext, f: Figure) -> tuple[str, ...] | None:
    """How a figure is worded: the words right after it (39个|欠发达县域…) or, when none
    follow, the words right before it (…一般制造业企业|104家); a rate by its name
    (婴儿死亡率下降至4.0‰ … 婴儿死亡率4.0‰)."""
    after = _HAN_RUN.match(ctx.norm, f.end)
    if after and len(after.group()) >= 4 and f.unit in _COUNT_WORDS and not _NOT_A_NAME.match(after.group()):
        return ("after", f.unit, after.group()[:8])
    label = canon_label(f)
    if not additive(f) and len(label) >= 4 and label.endswith("率") and not AVERAGE_WORDS.search(label):
        return ("rate", f.unit, f.per, label)
    before = re.search(r"[\u4e00-\u9fff]+\Z", ctx.norm[max(0, f.start - 12):f.start])
    if before and len(before.group()) >= 5 and additive(f):
        return ("before", f.unit, before.group())      # all of the run: 城镇职工基本养老保险人数 is not 基本养老保险人数
    return None


_TIME = re.compile(r"20\d{2}年|今年|去年|过去一年|五年|十四五|十五五|十三五")


def _times(ctx: DocContext) -> Iterator[tuple[int, str]]:
    """Every year or span the document names, by position (found once per document)."""
    for m in _TIME.finditer(ctx.norm):
        yield m.end(), m.group()


def _time_of(ctx: DocContext, f: Figure) -> str:
    """The last year or span named before a figure (within a page): what it is a figure of."""
    times = ctx.derived(_times)
    k = bisect_right(times, (f.start, "\uffff")) - 1
    return times[k][1] if k >= 0 and f.start - times[k][0] <= 3000 else ""


def repeated_wordings(ctx: DocContext) -> Iterator[tuple[Figure, Figure]]:
    """(first, later) mentions worded alike in different paragraphs: 强化39个欠发达县域托底性
    帮扶 … 提升39个欠发达县域托底性帮扶质效 — one quantity, or one phrase used of two years.
    Two mentions of named years or spans must name the same; a mention far from any (a
    bulletin names its year once) goes with either."""
    seen: dict[tuple[str, ...], list[tuple[str, Figure]]] = {}
    for f in ctx.figures:
        if f.kind != "number" or f.direction or f.group or f.qualifier:
            continue                  # 超690万人, 120万人以上: a bound or a target, not a count stated
        key = _wording(ctx, f)
        if key is None:
            continue
        sentence = ctx.norm[max(ctx.full_sentence(f)[0], f.start - 200):f.start]
        # 其中，工资性收入32292元；经营净收入5448元: items of the whole before them, urban or rural;
        # but 死亡率5.6‰，其中：城市3.4‰…；婴儿死亡率4.0‰: after ；a rate of its own name
        if "其中" in (sentence.rpartition(";")[2] if key[0] == "rate" else sentence):
            continue
        # 2025年…141万人 and 今年…120万人 are of two years; 5个国家先进制造业集群 names one set in any year
        time = "" if key[0] == "after" and len(key[2]) >= 6 else _time_of(ctx, f)
        earlier = seen.setdefault(key, [])
        first = next((g for t, g in earlier if t == time or not t or not time), None)
        earlier.append((time, f))
        if first is not None and ctx.paragraph(first) != ctx.paragraph(f):
            yield first, f


_PERSONS = {"名": "人", "位": "人"}
_BOUNDS = OVER | OVER_SUFFIX | AT_LEAST | AT_MOST | UNDER | NEAR
_GRAM = 5


def _noun_grams(ctx: DocContext, f: Figure) -> set[str]:
    """Five-character pieces of the words around a figure: 新建新能源汽车充电设施超50万个 and
    汽车充电设施50万个以上 share 汽车充电设施."""
    before = re.search(r"[\u4e00-\u9fff]+\Z", ctx.norm[max(0, f.start - 14):f.start])
    after = _HAN_RUN.match(ctx.norm, f.end) if f.unit in _COUNT_WORDS or f.unit in _PERSONS else None
    words = [w.group() for w in (before, after) if w]
    label = canon_label(f)
    named = {f"label:{label}"} if len(label) >= 4 else set()      # 粮食产量1350.97亿斤 … 粮食产量1300亿斤以上
    return named | {w[i:i + _GRAM] for w in words for i in range(len(w) - _GRAM + 1)}


#: 连续9年稳定在1300亿斤以上: a bound that holds in each year of the span, the last one too.
_EVERY_YEAR = re.compile(r"(?:连续\d+年|每年|历年)[\u4e00-\u9fff]{0,4}(?:稳定|保持|维持)在\Z")


def bounded_mentions(ctx: DocContext) -> Iterator[tuple[Figure, Figure]]:
    """(first, later) of one quantity stated once as a bound (超50万个, 50万个以上) and once
    more, bound or not, in another paragraph of the same year, the words around them sharing
    five characters or more: the bound must admit the other figure."""
    seen: dict[tuple[str, str], list[tuple[str, Figure]]] = {}
    for f in ctx.figures:
        if f.kind != "number" or f.direction or f.group or not additive(f):
            continue
        unit = _PERSONS.get(f.unit, f.unit)
        time = "" if _EVERY_YEAR.search(ctx.norm[max(0, f.start - 14):f.start]) else _time_of(ctx, f)
        partners: dict[str, Figure] = {}
        for gram in sorted(_noun_grams(ctx, f)):
            earlier = seen.setdefault((unit, gram), [])
            for t, g in earlier[-4:]:
                if (t == time or not t or not time) and (f.qualifier in _BOUNDS or g.qualifier in _BOUNDS) \
                        and ctx.paragraph(g) != ctx.paragraph(f):
                    partners.setdefault(g.figure_id, g)
            earlier.append((time, f))
        if partners:
            yield max(partners.values(), key=lambda g: g.start), f


def scale_slip(a: Figure, b: Figure) -> bool:
    if a.value <= 0 or b.value <= 0:
        return False
    ratio = max(a.value, b.value) / min(a.value, b.value)
    return any(abs(ratio / k - 1) < Fraction(1, 100) for k in (10**4, 10**8, 10**3, 10**7))


@rule("MZ308", "mentions-disagree", Severity.WARNING)
def mentions_disagree(ctx: DocContext) -> Iterator[Outcome]:
    """The same quantity, mentioned twice in a passage, with values that cannot both hold.

    What it checks: two figures in one paragraph with the same label (after the lexicon
    links 最低生活保障 = 低保 and the like), unit and period, whose intervals do not meet.

    Across paragraphs, two figures worded alike (强化39个欠发达县域托底性帮扶 … 提升39个欠发达
    县域托底性帮扶质效) are compared too, as are a rate named twice (婴儿死亡率 in the summary
    and in its section) and a bound stated twice in other words (汽车充电设施50万个以上 …
    新能源汽车充电设施超50万个: the words around them share five characters); a difference
    there is information only, since a work report uses one phrase of last year's result and
    of this year's target. Parallel blocks of one paragraph (甲病…现症病人；乙病…现症病人),
    items of a numbered list and thresholds that define a class (2000万元及以上的) are not
    mentions of one quantity.

    Why it matters: a figure corrected in one place and not the other leaves the reader
    to guess which is true.

    Fails:
        全市共有儿童主任1929名。据统计,全市共有儿童主任1992名。

    Passes:
        全市共有儿童主任1929名。据统计,全市共有儿童主任1929名。
    """
    for a, b in ctx.derived(repeated_wordings) + ctx.derived(bounded_mentions):
        ra, rb = ctx.reading(a), ctx.reading(b)
        j = judge([ra, rb], lambda iv: iv[0].meets(iv[1]))
        if j.verdict is Verdict.CONSISTENT:
            yield Outcome("MZ308", (a, b), stated=a.raw, computed=b.raw)
        else:
            yield Outcome("MZ308", (a, b), False,
                          f"同一说法在两处数值不同：先为{a.raw}，后为{b.raw}（若指不同年份或范围，可忽略）",
                          Severity.INFO, stated=a.raw, computed=b.raw)
    for a, b in ctx.derived(same_quantity_pairs):
        ra, rb = ctx.reading(a), ctx.reading(b)
        j = judge([ra, rb], lambda iv: iv[0].meets(iv[1]))
        if j.verdict is not Verdict.CONSISTENT and scale_slip(a, b):
            continue  # reported by MZ401
        yield make_outcome("MZ308", (a, b), j, rb.strict, a.raw,
                       f"同一数字前后不一致：“{a.label}”先为{a.raw}，后为{b.raw}", relation="f0 == f1")

