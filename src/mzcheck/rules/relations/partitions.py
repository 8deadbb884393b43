"""Parts of a whole found by their names across a passage, not in one 其中 list: the two
halves of a known partition (城镇职工… and 城乡居民… of 基本养老保险…) anywhere in a paragraph or
in the paragraphs under one heading; a total of N named kinds (三项社会保险基金收入计…) and the
N kinds stated after it; the levels of a complete breakdown given with their shares. Each
finder yields (whole, parts); :mod:`.parts` collects them for :mod:`.sums` to judge."""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import Iterator

from mzcheck.figures import Figure
from mzcheck.rules import lexicon
from mzcheck.rules.context import DocContext
from mzcheck.rules.relations.common import additive, canon_label


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


def _partition_label(f: Figure) -> str:
    return _LEAD.sub("", canon_label(f))


def urban_rural(ctx: DocContext) -> Iterator[tuple[Figure, list[Figure]]]:
    """城市X a, 农村X b and 城乡X (or X) c in one paragraph: a + b = c; likewise every two-part
    partition of the lexicon (县以上/县及县以下, 城镇职工/城乡居民, 出口/进口 of 进出口 …).

    Only when each of the three is the single figure of its kind and unit in the
    paragraph, so that parallel lists (新增, 退出 …) never pair across.
    """
    heads = [m.start for m in ctx.lists if m.label in ("heading", "chapter")]
    paragraphs: dict[tuple[int, int], list[Figure]] = {}
    sections: dict[int, list[Figure]] = {}
    for f in ctx.figures:
        if additive(f):
            paragraphs.setdefault(ctx.paragraph(f), []).append(f)
            sections.setdefault(bisect_right(heads, f.start), []).append(f)
    found: set[tuple[str, ...]] = set()
    # a paragraph first; then the section under one heading, （一）养老保险: 基本养老保险人数 in one
    # paragraph, 城镇职工… and 城乡居民… in the next two
    spread = [figs for figs in sections.values() if len({ctx.paragraph(f) for f in figs}) > 1]
    for figs in [*paragraphs.values(), *spread]:
        if len(figs) > 2000:
            continue   # not prose: a flattened dump; pairing across it would only guess
        labels = {id(f): _partition_label(f) for f in figs}
        for (first, second), names in _PAIRS:
            by_rest: dict[tuple[str, str, str], list[Figure]] = {}
            for f in figs:
                label = labels[id(f)]
                if not label.startswith((first, second)):
                    continue
                for prefix in (first, second):
                    if label.startswith(prefix):
                        by_rest.setdefault((prefix, label[len(prefix):], f.unit), []).append(f)
            for (prefix, rest, unit), items in by_rest.items():
                if prefix != first or len(items) != 1 or (len(rest) < 2 and not any(names)):
                    continue
                others = by_rest.get((second, rest, unit), [])
                wholes = [f for f in figs if f.unit == unit and f is not items[0] and f not in others
                          and not f.direction and _whole_of(labels[id(f)], rest, names + ("城乡", ""))]
                key = (wholes[0].figure_id, items[0].figure_id, others[0].figure_id) if wholes and others else ()
                if items[0].direction or any(o.direction for o in others):
                    continue              # 公立医院增加7.0万张，民营医院增加4.5万张: changes, not levels of a whole
                if len(others) == 1 and len(wholes) == 1 and key not in found:
                    found.add(key)
                    yield wholes[0], [items[0], others[0]]


_KINDS = re.compile(r"(?P<n>[两三四五六七八九]|\d)(?:项|类|种)(?P<name>[\u4e00-\u9fff]{4,16}?)(?:合计|共计|总计|计|共|为|达)?\Z")


def counted_kinds(ctx: DocContext) -> Iterator[tuple[Figure, list[Figure]]]:
    """A total of N named kinds (三项社会保险基金收入计79710亿元) and the N figures after it
    named as kinds of it (基本养老保险基金收入…, 失业保险基金收入…, 工伤保险基金收入…), before
    the total is named again (the next year's bulletin). A kind of a kind (城镇职工基本养老保险
    基金收入) is inside its kind; exactly N kinds, each stated once, make the total."""
    for f in ctx.figures:
        m = _KINDS.search(ctx.norm, max(ctx.full_sentence(f)[0], f.start - 30), f.start)
        if not m or not additive(f) or f.direction:
            continue
        n, name = _value_of(m.group("n")), lexicon.canonical(m.group("name"))
        tail = name[2:] if len(name) >= 6 else name
        kinds: dict[str, Figure] = {}
        for g in ctx.figures_in(f.end, f.end + 20000):
            if _KINDS.search(ctx.norm, max(0, g.start - 30), g.start):
                break                              # the total again: another year's statement
            label = _partition_label(g)
            if g.unit == f.unit and additive(g) and not g.direction and label.endswith(tail) and label != name:
                kinds.setdefault(label, g)
        named = [g for label, g in kinds.items() if not any(o != label and label.endswith(o) for o in kinds)]
        if n is not None and len(named) == n >= 2:
            yield f, named


def _value_of(n: str) -> int | None:
    return int(n) if n.isdigit() else "两三四五六七八九".find(n) + 2 if n in "两三四五六七八九" else None


def levels_of_compositions(ctx: DocContext) -> Iterator[tuple[Figure, list[Figure]]]:
    """(total, levels) of a complete breakdown whose shares each follow their level (MZ306's
    compositions): the total is the nearest figure of the levels' unit before them in the
    paragraph."""
    from mzcheck.rules.relations.shares import compositions

    for shares in ctx.derived(compositions):
        levels = [[g for g in ctx.figures_in(s.start - 16, s.start) if g.end <= s.start] for s in shares]
        picked = [found[-1] for found in levels if found and found[-1].unit != "%" and additive(found[-1])]
        if len(picked) != len(shares) or len({p.unit for p in picked}) != 1:
            continue
        unit = picked[0].unit        # 总诊疗人次101.5亿: a total whose unit is in its name
        before = [g for g in ctx.figures_in(picked[0].start - 400, picked[0].start)
                  if (g.unit == unit or not g.unit and canon_label(g).endswith(unit)) and not g.direction
                  and g.kind == "number" and g.end <= picked[0].start and not g.per]
        if before:
            yield before[-1], picked


#: 评定一级公共图书馆1302家、二级公共图书馆680家: a grade, then what is graded.
_GRADE = re.compile(r"(?:[一二三四五]|[1-5]A|特|甲|乙)级(?P<what>[\u4e00-\u9fff]{3,12})$")
#: A body counted in 个 in one sentence and in 家 or 所 in another is one count.
_BODIES = frozenset(("个", "家", "所", "座"))


def graded(ctx: DocContext) -> Iterator[tuple[Figure, list[Figure]]]:
    """(all, graded) of 全国共有公共图书馆3246个 … 共评定一级公共图书馆1302家、二级…680家、三级…
    741家: the bodies of two or more grades, named in one sentence, are some of all the
    bodies of that name the document counts (not all: some are never graded). The whole is the
    one figure whose label is the graded name itself, wherever it stands."""
    by_label: dict[str, list[Figure]] = {}
    for f in ctx.figures:
        if f.kind == "number" and not f.direction and f.unit in _BODIES and additive(f):
            by_label.setdefault(canon_label(f), []).append(f)
    for figs in ctx.by_sentence.values():
        groups: dict[str, list[Figure]] = {}
        for f in figs:
            m = _GRADE.search(canon_label(f))
            if m and f.unit in _BODIES and not f.direction and f.kind == "number":
                groups.setdefault(m.group("what"), []).append(f)
        for what, parts in groups.items():
            wholes = by_label.get(what, [])
            if len(parts) >= 2 and len({w.value for w in wholes}) == 1:
                yield wholes[0], parts
