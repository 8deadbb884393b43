"""Relation finders used by more than one family: which figures a share is of, which
figures follow as its growth, and bounds stated as a multiple of a reference.

Each finder reads one construction of official prose and yields figures; rules judge
them. Rules read finders through ``ctx.derived(finder)`` so a document's relations are
found once however many rules look at them.
"""

from __future__ import annotations

import re
from typing import Iterator

from mzcheck.figures import Figure
from mzcheck.rules import lexicon
from mzcheck.rules.bounds import is_share
from mzcheck.rules.context import DocContext
from mzcheck.rules.relations.common import additive, canon_label, labels_match, window

_SHARE_OF = re.compile(r"占(?P<whole>[^,。;:、占]{0,20}?)(?:的)?(?:比重|比例|份额)?(?:的)?(?:为|是|达|达到)?\Z")


# --------------------------------------------------------------------------- shares
def _split_subjects(subject: str, k: int) -> list[str] | None:
    """第一、第二和第三产业增加值 → three labels sharing the last item's tail."""
    items = [s for s in re.split(r"[、和及与]", subject) if s]
    if len(items) != k:
        return None
    tail_len = max(0, len(items[-1]) - max(len(s) for s in items[:-1]))
    tail = items[-1][len(items[-1]) - tail_len:] if tail_len else ""
    return [s if s.endswith(tail) else s + tail for s in items[:-1]] + [items[-1]]


def _share_parts(ctx: DocContext, share: Figure) -> tuple[str, str]:
    """(subject X, whole Y) of 'X占Y(的)比重…p%' or 'X占比p%'."""
    lo = max(ctx.full_sentence(share)[0], share.start - 300)
    before = ctx.norm[lo:share.start]
    # strip the share's own qualifier and the enumerating 分别
    before = re.sub(r"(?:分别为|分别是|分别达|分别|为|达到|达|约|近|超过|超)+\Z", "", before)
    if re.search(r"(?:占比|比重|比例)\Z", before) and not re.search(r"占[^,;:。、]*(?:比重|比例)\Z", before):
        subject = re.split(r"[,;:。、]", before[:-2])[-1]
        return _subject(subject), ""
    m = _SHARE_OF.search(before)
    if m:
        head = before[:m.start()]
        subject = re.split(r"[,;:。]", head)[-1]
        # 占低保对象总数的: the whole is 低保对象; 总数/总量/总额 say "all of it"
        whole = _WHOLE_TAIL.sub("", m.group("whole"))
        return _subject(subject), lexicon.canonical(whole)
    return "", ""


_WHOLE_TAIL = re.compile(r"(?:的)?(?:总数|总量|总额|总人数|总户数|总体|总和|全部)\Z")


def _subject(text: str) -> str:
    """The sub-group a share is of: 其中分散供养特困人员 → 分散供养特困人员."""
    return lexicon.canonical(re.sub(r"^(?:其中|内)[,:]?", "", text.strip()))


def _hung_from(ctx: DocContext, share: Figure) -> Figure | None:
    """其中女性占42.5%: with no whole after 占, the whole is the count the 其中 hangs from —
    the last count or amount before 其中 in the sentence (or the one before it)."""
    lo = max(ctx.full_sentence(share)[0], share.start - 300)
    k = ctx.norm.rfind("其中", lo, share.start)
    if k < 0 or any(f.start > k for f in ctx.figures_in(k, share.start) if f is not share):
        return None               # 其中X…亿元，占19.1%: the share is of a figure named after 其中
    before = [f for f in ctx.figures_in(max(0, k - 300), k) if f.end <= k and additive(f) and not f.direction]
    return before[-1] if before else None


def _find_whole(ctx: DocContext, share: Figure, part: Figure | None, whole_name: str, subject: str) -> Figure | None:
    pool = ctx.near(share, 2000, 600)
    if whole_name:     # a whole named outright may stand in the paragraph before (…总额8222.0亿元。⏎其中…)
        pool = [f for f in ctx.figures_in(share.start - 2000, share.end + 600) if f.end <= share.end + 600]
    candidates = [f for f in pool if f is not share and additive(f)
                  and (part is None or (f.unit == part.unit and f is not part and f.value > part.value))]
    if whole_name:
        name = re.sub(r"^(?:全县|全市|全省|全区|全国|当年|全年)", "", whole_name)
        scored = []
        for f in candidates:
            # 占全市进出口总额的: the name lost its 总额, the candidate (货物进出口总额) keeps it
            suffix = max(len(lexicon.common_suffix(canon_label(f), name)),
                         len(lexicon.common_suffix(_WHOLE_TAIL.sub("", canon_label(f)), name)))
            if suffix < 2 or suffix < min(3, len(name)):
                continue
            covered = sum(1 for c in set(name) if c in canon_label(f))
            if covered < len(set(name)):
                continue          # 出口总额 is not 进出口总额: every character of the name must be there
            if re.search(r"新(?:增)?\Z", canon_label(f)[:len(canon_label(f)) - suffix]):
                continue          # 新产品销售收入 is a part of 产品销售收入, never its whole
            scored.append(((covered, suffix, f.start < share.start, -abs(f.start - share.start)), f))
        return max(scored, key=lambda s: s[0])[1] if scored else None
    if not subject:
        return None
    best = None
    for f in candidates:
        head = lexicon.common_suffix(canon_label(f), subject)
        rest = canon_label(f)[:len(canon_label(f)) - len(head)]
        if len(head) >= 2 and (not rest or rest.endswith("的") or lexicon.GENERAL_PREFIX.match(rest)):
            if best is None or abs(f.start - share.start) < abs(best.start - share.start):
                best = f
    return best


def _find_part(ctx: DocContext, share: Figure, subject: str) -> Figure | None:
    prior = [f for f in window(ctx, share, 3, reach=1500) if additive(f)]
    if subject:
        # a label that is a shorter tail of the subject (特困人员 of 分散供养特困人员) names
        # the group, not the sub-group: that is the whole
        named = [f for f in prior if labels_match(canon_label(f), subject)
                 and not (len(canon_label(f)) < len(subject) and subject.endswith(canon_label(f)))]
        return named[-1] if named else None
    return prior[-1] if prior else None


#: 占全省比重: the whole is the place's total, which a label cannot name (成渝…经济总量 is not it).
_PLACE_WHOLE = re.compile(r"占(?:全国|全省|全市|全县|全区|全州)(?:的)?(?:比重|比例)?(?:的)?(?:为|是|达|达到)?\Z")
#: 全国文化和旅游事业费中：⏎- 县以上…⏎- 县及县以下…: a list under the name of its whole.
_LIST_UNDER = re.compile(r"(?:其中|(?P<name>[\u4e00-\u9fff]{2,24})中)[:：][ \t]*\n"
                         r"(?:[ \t]*(?:[-•·*]|\d{1,2}[.、]|\(\d{1,2}\))[^\n]*\n)*[ \t]*(?:[-•·*]|\d{1,2}[.、]|\(\d{1,2}\))[^\n]*\Z")
_BETWEEN_PART_AND_SHARE = re.compile(r"[\s,(、]*(?:比上年|比上年末|同比|较上年)?[\s,(、]*\Z")


def _adjacent_part(ctx: DocContext, share: Figure) -> tuple[Figure, bool] | None:
    """医院812.0万张（占78.8%）, 其中未成年人32203万人次，同比增长101.2%，占…23.0%: the amount
    right before 占 is the part, whatever changes of it stand between; and whether the whole
    is named as "all of it" (占全部…, 占…总数)."""
    lo = ctx.full_sentence(share)[0]
    m = re.search(r"占(?:比)?[^,;。、占\d]{0,20}?(?:的)?(?:比重|比例|份额)?(?:的)?(?:为|是|达|达到)?\Z",
                  ctx.norm[max(lo, share.start - 40):share.start])
    if m is None:
        return None
    at = max(lo, share.start - 40) + m.start()
    before = [f for f in ctx.figures_in(max(lo, at - 300), at) if f.end <= at]
    while before and before[-1].direction:
        before.pop()                  # 同比增长101.2%: a change of the part, not the part
    if not before or not (additive(before[-1]) or _PER_EVENT.search(canon_label(before[-1]))):
        return None
    part = before[-1]
    between = ctx.norm[part.end:at]
    for f in ctx.figures_in(part.end, at):
        between = between.replace(ctx.norm[f.start:f.end], "")
    between = re.sub(r"增长|下降|增加|减少|提高|上升|降低|\)", "", between)
    if not _BETWEEN_PART_AND_SHARE.match(between):
        return None
    return part, bool(re.search(r"全部|总数|总人数|总户数|总量|总额|总体", m.group()))


#: 次均住院药费 of 次均住院费用: averages over the same events, whose ratio is a share.
_PER_EVENT = re.compile(r"(?P<per>次均|人均|户均|日均)")


def _whole_named_in_paragraph(ctx: DocContext, share: Figure, part: Figure, whole_name: str) -> Figure | None:
    """占文物机构接待观众总数的72.8%, where the total was stated as 接待观众140266万人次 after a
    sentence about 各类文物机构: a label that leaves out the subject its paragraph has named."""
    lo = ctx.paragraph(share)[0]
    for f in reversed(ctx.figures_in(max(lo, share.start - 1500), part.start)):
        label = canon_label(f)
        if f.unit != part.unit or f.direction or not additive(f) or f.value <= part.value or len(label) < 3:
            continue
        if whole_name.endswith(label) and whole_name != label:
            subject = whole_name[:-len(label)].rstrip("的")
            if len(subject) >= 2 and subject in ctx.norm[lo:f.start]:
                return f
    return None


def _average_whole(ctx: DocContext, part: Figure, whole_name: str) -> Figure | None:
    """医院次均住院药费（2010.4元）占次均住院费用的20.4%: the whole is the average over the same
    events (次均…), named after 占 and stated before the share in the document."""
    per = _PER_EVENT.search(canon_label(part))
    if per is None or per.group("per") not in whole_name:
        return None
    found = [f for f in ctx.figures_in(max(0, part.start - 6000), part.start) if f.unit == part.unit
             and f.kind == "number" and not f.direction and canon_label(f).endswith(whole_name) and f.value > part.value]
    return found[-1] if found else None


def _head_of_list(ctx: DocContext, part: Figure) -> Figure | None:
    """The total a 其中 list hangs from: 床位1029.8万张，其中：医院812.0万张 → 1029.8万张; the
    其中 may open the next sentence (从业人员6.1万人。其中，…0.8万人)."""
    line_start = ctx.norm.rfind("\n", max(0, part.start - 1500), part.start)   # bounded: a hostile line stays linear
    under = _LIST_UNDER.search(ctx.norm, max(0, line_start - 1500), part.start) if line_start >= 0 else None
    if under and under.group("name"):
        name = lexicon.canonical(under.group("name"))
        named = [f for f in ctx.figures_in(max(0, under.start() - 2000), under.start()) if f.unit == part.unit
                 and additive(f) and not f.direction and f.kind == "number" and f.value >= part.value
                 and canon_label(f) and (canon_label(f) == name or canon_label(f).endswith(name) or name.endswith(canon_label(f)))]
        return named[-1] if named else None
    lo = max(0, part.start - 1500, (under.start() if under else ctx.full_sentence(part)[0]) - 300)
    k = ctx.norm.rfind("其中", lo, part.start)
    if k < 0 or ctx.norm.find("。", k, part.start) >= 0:
        return None
    opened = ctx.norm[max(lo, ctx.full_sentence(part)[0] - 300):k]
    if opened.count("(") > opened.count(")") or ctx.norm.count(")", k, part.start) > ctx.norm.count("(", k, part.start):
        return None                  # （其中内销占61.8%）…利润400.4亿元: that list was closed
    before = [f for f in ctx.figures_in(max(0, k - 200), k) if f.end <= k and f.unit == part.unit
              and additive(f) and not f.direction and f.value >= part.value and f.kind == "number"]
    if not before or ctx.norm.find("。", before[-1].end, k) not in (-1, k - 1, k - 2):
        return None
    return before[-1]


def share_pairs(ctx: DocContext) -> Iterator[tuple[Figure, Figure | None, Figure | None]]:
    done: set[str] = set()
    for share in ctx.figures:
        if share.figure_id in done or not is_share(share) or share.kind != "number":
            continue
        subject, whole_name = _share_parts(ctx, share)
        if not subject and not whole_name and "占" not in share.label:
            continue
        group = ctx.groups.get(share.group, [share]) if share.group else [share]
        subjects = _split_subjects(subject, len(group)) if len(group) > 1 else [subject]
        if subjects is None:
            continue
        for item, name in zip(group, subjects, strict=True):
            done.add(item.figure_id)
            adjacent = _adjacent_part(ctx, item) if len(group) == 1 else None
            if adjacent is not None:
                before, says_all = adjacent
                # 占全部造林面积的, 占参观总人数的 or a bare 占: the whole is the head of the 其中
                # list; 占市本级低保对象 names a whole of its own
                head = _head_of_list(ctx, before) if says_all or not whole_name else \
                    _find_whole(ctx, item, before, whole_name, "")
                if head is None and whole_name and _PER_EVENT.search(canon_label(before)):
                    head = _average_whole(ctx, before, whole_name)
                if head is None and whole_name:
                    head = _whole_named_in_paragraph(ctx, item, before, whole_name)
                if head is None and not whole_name and not _PLACE_WHOLE.search(ctx.norm, max(0, item.start - 12), item.start):
                    # 县以上文化和旅游事业费597.6亿元，占46.7%: no list, so the whole is the general
                    # form of the part's own label (全国文化和旅游事业费)
                    head = _find_whole(ctx, item, before, "", canon_label(before))
                if head is not None:
                    yield item, before, head
                    continue
            part = _find_part(ctx, item, name)
            # 县以上…事业费597.6亿元，占46.7%: no subject word, so the part's own label names
            # what the whole is the general form of (全国…事业费)
            whole = _find_whole(ctx, item, part, whole_name, name or (canon_label(part) if part else ""))
            if whole is None and not whole_name and part is None:
                whole = _hung_from(ctx, item)
            yield item, part, whole



def growth_after(ctx: DocContext, f: Figure, limit: int = 2) -> Figure | None:
    """The growth rate stated right after a figure in its sentence (…增长2.2%)."""
    later = [g for g in ctx.by_sentence[f.sentence_id] if g.start >= f.end][:limit]
    return next((g for g in later if g.unit == "%" and g.direction and not is_share(g)), None)


# --------------------------------------------------------------------------- multiples of a reference
def find_by_name(ctx: DocContext, name: str, unit: str, exclude: Figure) -> Figure | None:
    """The nearest figure whose label contains every character run of ``name``."""
    name = lexicon.canonical(name).rstrip("的")
    if len(name) < 2:
        return None
    pool = ctx.figures_in(exclude.start - 6000, exclude.end + 6000)
    found = [f for f in pool if f is not exclude and f.unit == unit and f.kind == "number"
             and (labels_match(canon_label(f), name) or (name in canon_label(f)))]
    if not found:
        keys = [k for k in re.findall(r"..", name)]
        found = [f for f in pool if f is not exclude and f.unit == unit and f.kind == "number"
                 and all(k in canon_label(f) for k in keys)]
    return min(found, key=lambda f: abs(f.start - exclude.start)) if found else None


def multiples(ctx: DocContext) -> Iterator[tuple[Figure, str, str]]:
    """不低于Y的k倍 / 不低于Y的p%: (k figure, subject X, reference Y)."""
    for f in ctx.figures:
        if "qualifier-reaches" not in f.flags or f.unit not in ("倍", "%") or f.group and f.flags.count("list-qualifier"):
            continue
        lo, _ = ctx.full_sentence(f)
        before = ctx.norm[lo:f.start]
        m = re.search(rf"(?P<subject>[^,;。、]*?)(?P<q>{re.escape(f.qualifier)})(?P<ref>[^,;。、]*?)的?\Z", before)
        if not m or not m.group("subject") or not m.group("ref"):
            continue
        subject = re.sub(r"(?:应|均|需|须|必须|要|为)+\Z", "", m.group("subject"))
        yield f, subject, m.group("ref")

