"""Counts of items: a report announces 十个方面工作 or 把握好5个方面 and then numbers the
items （一）…（十） or 一是…五是; the last number must be the count announced (MZ317)."""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import Iterator, NamedTuple

from mzcheck.figures import Figure
from mzcheck.finding import Severity
from mzcheck.rules.context import DocContext, Outcome
from mzcheck.rules.registry import rule

#: What a count announces: 十个方面工作, 四件大事, 14个方面的工作, 十件民生实事, 5个方面.
_ITEM_UNITS = ("个", "件", "项", "方面", "条")
#: A count announces a list when a verb of planning leads to it (重点做好以下10个方面工作)…
_ANNOUNCING = re.compile(r"做好|抓好|把握|干好|办好|聚焦|包括|以下|主要|重点|部署|提出|围绕|实施|推进|突出|开展|明确")
#: …and not when it reports what was done (十方面民生实事圆满完成).
_DONE = re.compile(r"完成|实现|取得|达到|落实|兑现|全部")
_CLAUSE_END = re.compile(r"[:：。]|\n")
#: Styles nest: a heading list ends at the next chapter; a 一是 list at the next heading.
_ENDS = {"heading": ("chapter",), "numbered": ("chapter", "heading"), "shi": ("chapter", "heading", "numbered"),
         "chapter": ()}


class Enumeration(NamedTuple):
    announced: Figure
    first: Figure
    last: Figure


def _list_start(ctx: DocContext, f: Figure) -> tuple[int, bool] | None:
    """Where the announced list must begin: right after the sentence of the count (重点做好
    十个方面工作：⏎（一）…), or, for a count that is a title line (2026年省十件民生实事), after
    at most one paragraph of introduction: (where, whether a title). None when the count
    announces nothing."""
    norm = ctx.norm
    line_lo = norm.rfind("\n", max(0, f.start - 200), f.start) + 1
    line_hi = norm.find("\n", f.end)
    line_hi = len(norm) if line_hi < 0 else line_hi
    if line_hi - line_lo <= 24 and not _DONE.search(norm, line_lo, line_hi):
        return line_hi, True         # a title: the list may follow one paragraph of introduction
    stop = _CLAUSE_END.search(norm, f.end, min(len(norm), f.end + 150))
    if stop is None or re.search(r"\d", norm[f.end:stop.start()]) or _DONE.search(norm, f.end, stop.start()):
        return None
    clause_lo = max(line_lo, norm.rfind("。", max(0, f.start - 150), f.start) + 1)
    if not _ANNOUNCING.search(norm, clause_lo, f.start):
        return None
    return stop.end(), False


def enumerations(ctx: DocContext) -> Iterator[Enumeration]:
    """(count, first item, last item): a count that announces a list (重点做好十个方面工作：)
    followed by the list numbered from 1 — the items numbered 1, 2, 3 … in one style until
    the numbering breaks or a list of a higher level begins. 等N个 lists are open."""
    markers = [m for m in ctx.lists if m.label in _ENDS]      # numbering, not inline items
    starts = [m.start for m in markers]
    for f in ctx.figures:
        if f.unit not in _ITEM_UNITS or f.kind != "number" or f.value != int(f.value) or not 2 <= f.value <= 30:
            continue
        if re.search(r"等\Z", ctx.norm[max(0, f.start - 1):f.start]):
            continue                 # 人工智能、航空航天…等6个: an open list
        start = _list_start(ctx, f)
        if start is None:
            continue
        begin, title = start
        after = markers[bisect_left(starts, begin):]
        if not after or after[0].value != 1:
            continue
        gap = ctx.norm[begin:after[0].start]
        if gap.strip(" \t\n\u3000#*") and not (title and len(gap) <= 800 and gap.strip().count("\n") <= 2):
            continue                 # the list must begin right after the announcement
        style = after[0].label
        last = after[0]
        for m in after[1:]:
            if m.label in _ENDS[style]:
                break
            if m.label == style:
                if m.value != last.value + 1:
                    break
                last = m
        if last is not after[0]:     # a list of one is a heading the count stands under, not its list
            yield Enumeration(f, after[0], last)


def counted_lists(ctx: DocContext) -> Iterator[tuple[Figure, list[Figure]]]:
    """(count, items) of 4万亿、5万亿两个台阶: a list of figures followed at once by the number
    of its items."""
    figs = ctx.figures
    for prev, f in zip(figs, figs[1:], strict=False):
        if f.unit not in _ITEM_UNITS or f.kind != "number" or f.value != int(f.value) or not prev.group:
            continue
        items = ctx.groups.get(prev.group, [])
        if len(items) >= 2 and items[-1] is prev and not ctx.text_between(prev, f).strip() and f.group != prev.group:
            yield f, items


def inline_counts(ctx: DocContext) -> Iterator[tuple[Figure, list[Figure]]]:
    """(count, items) of 改革、开放、创新三大动力 (items named inline, then their number) and of
    五篇大文章：指科技金融、绿色金融… (the number, then the items)."""
    groups: dict[int, list[Figure]] = {}
    for m in ctx.lists:
        if m.label in ("item", "count"):
            groups.setdefault(m.group, []).append(m)
    for marks in groups.values():
        counts = [m for m in marks if m.label == "count"]
        items = [m for m in marks if m.label == "item"]
        if len(counts) == 1 and len(items) >= 2:       # the count closes its items or announces them
            yield counts[0], items


def _inline_outcome(count: Figure, items: list[Figure]) -> Outcome | None:
    k, n = len(items), int(count.value)
    figs = (count, items[0], items[-1])
    if "open" in count.flags:          # A、B等6个: six or more of them, two named
        ok, what = k <= n, f"“等”之前已列出{k}项"
    else:                              # 科技服务和商务服务: one item or two
        ok, what = n in (k, k + 1) if "and" in count.flags else n == k, f"其前列出{k}项"
    if ok:
        return Outcome("MZ317", figs, stated=count.raw, computed=str(k))
    if k == 2 or "and" in count.flags:  # 铁人三项; 孤儿…标准和残疾人两项补贴: the count may be of one item's own
        return None
    return Outcome("MZ317", figs, False, f"称{count.raw}，{what}：{'、'.join(i.raw for i in items)}",
                   stated=count.raw, computed=str(k))


@rule("MZ317", "item-count-mismatch", Severity.WARNING)
def item_count_mismatch(ctx: DocContext) -> Iterator[Outcome]:
    """A report announces a number of items and then lists another number.

    What it checks: a count that closes its clause — 重点做好以下10个方面工作：, 干好四件大事：,
    2026年省十件民生实事 — followed at once by a list numbered from 1 (（一）（二）…, 一是二是…,
    1. 2. …, 一、二、…): the last number of that list, before the numbering breaks or a
    list of a higher level begins, must be the count. Likewise a list of figures followed
    at once by the number of its items (4万亿、5万亿两个台阶). X等N个 is an open list and is
    not checked. A warning: the list read may not be the one the count speaks of.

    Why it matters: a work report that promises 十个方面 and numbers nine, or an annex of
    十件民生实事 with eleven, was edited after its summary sentence was written.

    Items named inline and counted at once are checked too: 改革、开放、创新三大动力 names
    three, “强城”“兴村”“融合”三篇文章 three; a last item joined by 和 (科技服务和商务服务)
    may be one item or two; after 等 (A、B等6个) the count may exceed the items named, never
    fall short of them; a count of a set the items entered (入选十大考古新发现) is no count
    of them. The items may also follow the count and a colon (五篇大文章：指科技金融、绿色金融、
    普惠金融、养老金融、数字金融).

    Fails:
        经济总量连续迈上4万亿、5万亿、6万亿两个台阶。
        激活改革、开放、创新、协调三大动力。
        重点做好以下3个方面工作：\\n（一）扩大内需。\\n（二）科技创新。\\n（三）改革开放。\\n（四）民生保障。\\n

    Passes:
        重点做好以下4个方面工作：\\n（一）扩大内需。\\n（二）科技创新。\\n（三）改革开放。\\n（四）民生保障。\\n
        干好四件大事：一是学习贯彻；二是稳增长；三是抓改革；四是成功举办亚运会。
        经济总量连续迈上4万亿、5万亿两个台阶。
        激活改革、开放、创新三大动力，推进人工智能、航空航天等6个重大科技专项。
        余姚井头山、温州朔门古港、仙居下汤遗址先后入选全国年度十大考古新发现。
    """
    found = [(count, items[0], items[-1], len(items), f"其前列出{len(items)}项：{'、'.join(i.raw for i in items)}")
             for count, items in ctx.derived(counted_lists)]
    found += [(count, first, last, int(last.value), f"其后列出的编号到“{last.raw}”为止，共{int(last.value)}项")
              for count, first, last in ctx.derived(enumerations)]
    yield from filter(None, (_inline_outcome(count, items) for count, items in ctx.derived(inline_counts)))
    for count, first, last, listed, what in found:
        if count.value == listed:
            yield Outcome("MZ317", (count, first, last), stated=count.raw, computed=str(listed))
        else:
            yield Outcome("MZ317", (count, first, last), False, f"宣称{count.raw}，{what}",
                          stated=count.raw, computed=str(listed))
