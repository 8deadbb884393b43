"""Figure mentions: from normalised text to :class:`~mzcheck.figures.Figure` values.

The work is one regex pass (``grammar.FIGURE_RE``) over the text with the non-figures
masked (``grammar.SKIP_RE``), then a few passes over the mentions in order, each with
one job: qualifiers, fused table units, ranges, lists, ratios, missing ``%``, change
direction, rate denominators, period and label. Offsets never move: ``start:end``
always slices the text as read back to ``raw``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from fractions import Fraction

from mzcheck.extract import grammar as g
from mzcheck.extract.normalize import normalize
from mzcheck.figures import Figure
from mzcheck.numbers import chinese, vocab

#: The character before a qualifier that makes it part of another word (节约, 最近, 下达).
_QUALIFIER_BLOCKERS = {
    "约": "节制签合履契预公特大", "近": "最附邻靠临将接", "达": "到抵下直通发传表送",
    "超": "高赶", "共": "公", "逾": "",
}
#: Units after which the counted thing is usually named after the figure: 10家养老服务中心.
_NAME_AFTER_UNITS = frozenset(
    ("家", "个", "所", "名", "项", "类", "条", "份", "张", "件", "套", "台", "辆", "座", "处", "间",
     "批", "支", "种", "组", "年", "位", "栋", "幢", "床", "场", "篇", "部", "本", "册", "")
)
_LABEL_LEAD = re.compile(
    r"^(?:截至目前|截至年底|截至年末|截至\S{0,6}?底|目前|同时|其中|另外|此外|并且|并|全市|全省|"
    r"全县|全区|全国|全年|年内|今年|当年|本年|现有|共有|共计|合计|累计|总计|共|已|还|又|均|都|"
    r"对|为|按|以|将|把|从|由|分别|和|及|与|或|(?:19|20)\d{2}年(?:度)?|\d{1,2}月份?|"
    r"\d{1,2}\.|[一二三四五六七八九十]+、|\([一二三四五六七八九十\d]+\)|[A-Z]{1,3}\s|[IVX]+\s|[-•·*]\s?)+",
    re.ASCII,
)
_LABEL_TRAIL = re.compile(
    r"(?:共有|共计|合计|累计|总计|分别为|分别是|分别|共|达到|达|为|是|有|约为|约|近|超过|超|逾|"
    r"比上年|比去年|同比|较上年|上年同期|增长|下降|减少|增加|提高|提高到|提高至|上涨|上升|下跌|回落|以|的|等|统一|同步|"
    r"下降至|下降到|上升至|上升到|降到|增加到|增加至|减少到|减少至|增长到|增长至|扩大到|扩大至|缩小到|缩小至|"
    r"由|从|每人|每户|每月|每年|每天|增至|降至|达到或|稳定在|保持|连续|和|及|与|或)+\Z",
    re.ASCII,
)
_VERBS = (
    "实施", "开展", "发放", "完成", "建设", "新建", "改造", "派出", "督查", "排查", "制发", "评选出",
    "投入", "争取", "安排", "募集", "惠及", "纳入", "支出", "实现", "获得", "提供", "办理",
    "审核", "资助", "筹集", "下拨", "拨付", "落实", "新增", "退出", "培训", "走访", "慰问",
)
_VERB_LEAD = re.compile(rf"^(?:{'|'.join(_VERBS)})+(?:或(?:{'|'.join(_VERBS)}))*", re.ASCII)
_VERB_TRAIL = re.compile(rf"(?:{'|'.join(_VERBS)})\Z", re.ASCII)
_PERIOD_RE = re.compile(
    r"(?:19|20)\d{2}\s?年(?:度)?(?:\s?(?:0?[1-9]|1[0-2])\s?月(?:份)?)?"
    r"|(?<![\d.])(?:0?[1-9]|1[0-2])月份?|全年|上半年|下半年|(?:第?[一二三四1-4]|前[一二三])季度",
    re.ASCII,
)
_FW_DIGITS = frozenset("０１２３４５６７８９")
_AFTER_CUT = re.compile(
    r"(?<=..)(?:购买|入选|荣获|获评|享受|参加|参与|用于|覆盖|达到|实现|列入|转型|发放|提供|建成|完成|纳入)",
    re.ASCII,
)
_CHANGE_UNITS = frozenset(vocab.PERCENT_UNITS + vocab.RATIO_UNITS)
#: A comparison that governs the rest of its sentence: 与上年比较，床位增加…，其中：公立医院增加…
_SENTENCE_COMPARISON = re.compile(r"与上年(?:比较|相比)|比上年|较上年|同比")


@dataclass(slots=True)
class _Mention:
    """A figure while its passes run (mutable); frozen into a Figure at the end."""

    start: int          # raw start (qualifier included)
    end: int            # raw end
    mantissa: str
    base: Fraction      # value of the digits, before sign, scale and unit
    decimals: int
    kind: str = "number"
    sign: int = 1
    scale: str = ""
    unit: str = ""
    per: str = ""
    pre_q: str = ""
    post_q: str = ""
    aggregate: str = ""
    base_hi: Fraction | None = None
    mantissa_hi: str = ""
    direction: str = ""
    group: int = 0
    flags: list[str] = field(default_factory=list)
    label: str = ""
    ref_start: int = -1  # where a bound qualifier's reference phrase starts

    def value(self, base: Fraction) -> Fraction:
        return self.sign * base * vocab.scale_factor(self.scale)

    @property
    def bare(self) -> bool:
        return not self.unit and not self.scale and not self.per and self.kind == "number"


def _match_text(text: str, norm: str) -> str:
    """Normalised text for matching: skip spans masked, full-width commas kept.

    A full-width comma (，) is a clause break, never a thousands separator, so it is
    kept as is for the figure grammar; everything else uses the normalised text.
    """
    chars = None
    if "，" in text:
        chars = list(norm)
        for i, c in enumerate(text):
            # between full-width digits (１，２３４) it is a thousands separator
            if c == "，" and not (0 < i < len(text) - 1 and text[i - 1] in _FW_DIGITS and text[i + 1] in _FW_DIGITS):
                chars[i] = "，"
    masked = "".join(chars) if chars is not None else norm
    pieces: list[str] = []
    last = 0
    for m in g.SKIP_RE.finditer(norm):
        if m.end() == m.start():
            continue
        pieces.append(masked[last:m.start()])
        pieces.append("\x00" * (m.end() - m.start()))
        last = m.end()
    pieces.append(masked[last:])
    return "".join(pieces)


def _from_match(m: re.Match[str]) -> _Mention | None:
    gd = m.groupdict()
    s, e = m.span()
    if gd["num"] is not None:
        digits = gd["num"].replace(",", "").replace(" ", "")
        whole, _, frac = digits.partition(".")
        mention = _Mention(
            start=s, end=e, mantissa=digits,
            base=Fraction(digits), decimals=len(frac),
            sign=-1 if gd["sign"] == "-" else 1,
            scale=gd["scale"] or "", unit=gd["unit"] or "", per=(gd["per"] or "").lstrip("/"),
            post_q="".join(q for q in (gd["pd"], gd["pd2"], gd["pq"]) if q),
        )
        if gd["sp"]:
            mention.flags.append("space-before-%")
        if " " in gd["num"]:
            mention.flags.append("space-in-number")     # 3,594, 026万元
        return mention
    if gd["cn"] is not None:
        try:
            base, decimals = chinese.parse_decimal(gd["cn"])
        except ValueError:
            return None
        if gd["cscale"] and gd["cscale"] in gd["cn"]:
            return None
        return _Mention(
            start=s, end=e,
            mantissa=chinese.arabic(gd["cn"]), base=base, decimals=decimals,
            scale=gd["cscale"] or "", unit=gd["cunit"],
            post_q="".join(q for q in (gd["cpd"], gd["cpq"]) if q), flags=["chinese"],
        )
    if gd["pctcn"] is not None:
        try:
            base, decimals = chinese.parse_decimal(gd["pctcn"][3:])
        except ValueError:
            return None
        return _Mention(start=s, end=e, mantissa=chinese.arabic(gd["pctcn"][3:]),
                        base=base, decimals=decimals, unit="%", flags=["chinese"])
    if gd["frcn"] is not None:
        try:
            den, num = chinese.parse_integer(gd["fden"]), chinese.parse_integer(gd["fnum"])
        except ValueError:
            return None
        if den == 0:
            return None
        return _Mention(start=s, end=e, mantissa=f"{num}/{den}",
                        base=Fraction(num, den), decimals=0, kind="fraction", flags=["chinese"])
    num, den = int(gd["fn"]), int(gd["fd"])
    if den == 0:
        return None
    return _Mention(start=s, end=e, mantissa=f"{num}/{den}", base=Fraction(num, den), decimals=0, kind="fraction",
                    post_q=gd["fpq"] or "")


def _drop_bare_years(ms: list[_Mention], norm: str) -> list[_Mention]:
    """镇巴县2006年…统计公报 2006: a bare year beside the same year written with 年."""
    out = []
    for m in ms:
        if m.bare and m.decimals == 0 and re.fullmatch(r"(?:19|20)\d{2}", m.mantissa):
            line_lo = norm.rfind("\n", max(0, m.start - 400), m.start) + 1
            line_hi = norm.find("\n", m.end, m.end + 400)
            line = norm[max(line_lo, m.start - 400):line_hi if line_hi >= 0 else m.end + 400]
            if f"{m.mantissa}年" in line:
                continue
        out.append(m)
    return out


def _attach_qualifiers(ms: list[_Mention], mt: str) -> None:
    """Qualifier and aggregate words right before each figure (约, 近, 共 …)."""
    floor = 0
    for m in ms:
        window = mt[max(floor, m.start - 6):m.start]
        q = g.PRE_QUALIFIER_RE.search(window)
        if q:
            word = q.group()
            before = window[:q.start()][-1:]
            if before and before in _QUALIFIER_BLOCKERS.get(word, ""):
                q = None
        if q:
            m.pre_q = q.group()
            m.start -= len(m.pre_q)
        window = mt[max(floor, m.start - 5):m.start]
        a = g.AGGREGATE_RE.search(window)
        prior = window[:a.start()][-1:] if a else ""
        if a and not (prior and prior in _QUALIFIER_BLOCKERS["共"] and a.group().startswith("共")):
            m.aggregate = a.group().rstrip("有为达")
        if not m.pre_q:
            reach = g.BOUND_REACH_RE.search(mt, max(floor, m.start - 20), m.start)
            if reach:
                m.pre_q = reach.group("q")
                m.ref_start = reach.start("q")
                m.flags.append("qualifier-reaches")
        floor = m.end


def _fuse_table_units(ms: list[_Mention], mt: str) -> None:
    """万人7.1 / 元/人·月1,245.0: a unit before a value that ends a table line."""
    n = len(mt)
    floor = 0
    for m in ms:
        prev_floor, floor = floor, m.end
        if not m.bare or m.pre_q or m.post_q:
            continue
        j = m.end
        while j < n and mt[j] in " \t":
            j += 1
        if j < n and mt[j] not in "\n\r|":
            continue
        fused = g.FUSED_UNIT_RE.search(mt[max(prev_floor, m.start - 14):m.start])
        if not fused:
            continue
        m.scale = fused.group("scale") or ""
        m.unit = fused.group("unit")
        m.per = (fused.group("per") or "").lstrip("/")
        m.start -= len(fused.group())
        m.flags.append("fused-unit")


def _split_scaled_units(ms: list[_Mention]) -> None:
    """3.5千公顷 is 3.5 × 千 × 公顷: the scale is recorded as such, so that the value, the
    place value of the last digit (±50 公顷 here) and the table all agree."""
    for m in ms:
        m.scale, m.unit = vocab.scaled(m.scale, m.unit)


def _between(mt: str, a: _Mention, b: _Mention) -> str:
    return mt[a.end:b.start]


def _merge_ranges(ms: list[_Mention], mt: str, next_group) -> list[_Mention]:
    """2000至3000人, 5%~8%, 3-5万元: one figure with a low and a high end."""
    out: list[_Mention] = []
    for m in ms:
        prev = out[-1] if out else None
        if (
            prev is not None and prev.kind == "number" and m.kind == "number"
            and g.RANGE_SEP_RE.match(_between(mt, prev, m))
            and not prev.post_q and not m.pre_q and m.sign == 1
            and prev.unit in ("", m.unit) and prev.scale in ("", m.scale)
            and not re.search(r"(?:由|从)\Z", mt[max(0, prev.start - 1):prev.start])
        ):
            scale = prev.scale or m.scale
            lo = prev.base * vocab.scale_factor(prev.scale or scale)
            hi = m.base * vocab.scale_factor(m.scale)
            if lo < hi:
                prev.kind = "range"
                prev.base_hi = m.base
                prev.mantissa_hi = m.mantissa
                prev.unit, prev.per, prev.post_q = m.unit, m.per, m.post_q
                if not prev.scale:
                    prev.scale = scale
                elif m.scale != prev.scale:
                    prev.base_hi = m.base * vocab.scale_factor(m.scale) / vocab.scale_factor(prev.scale)
                prev.end = m.end
                prev.flags.extend(f for f in m.flags if f not in prev.flags)
                continue
        out.append(m)
    return out


def _link_lists(ms: list[_Mention], mt: str, next_group) -> None:
    """40、20、10的比例 / 分别增长4.4%、10%、5.4%: items share unit, qualifier, direction."""
    i = 0
    while i < len(ms):
        j = i
        while j + 1 < len(ms) and g.LIST_SEP_RE.fullmatch(_between(mt, ms[j], ms[j + 1]) or "x") \
                and ms[j + 1].kind == ms[i].kind and not ms[j + 1].aggregate:
            j += 1
        if j > i:
            items = ms[i:j + 1]
            gid = next_group()
            for k, item in enumerate(items):
                item.group = gid
                if item.bare:
                    donor = next((d for d in items[k + 1:] if d.unit or d.scale), None)
                    if donor is not None:
                        item.unit, item.scale, item.per = donor.unit, donor.scale, donor.per
                        item.flags.append("list-unit")
                if not item.pre_q and items[0].pre_q and k > 0:
                    item.pre_q = items[0].pre_q
                    item.flags.append("list-qualifier")
        i = j + 1


def _link_ratios(ms: list[_Mention], mt: str, next_group) -> None:
    """三次产业结构为6.01:55.04:38.95: the parts of a structure ratio."""
    i = 0
    while i < len(ms):
        j = i
        while j + 1 < len(ms) and _between(mt, ms[j], ms[j + 1]) == ":" and ms[j].bare and ms[j + 1].bare:
            j += 1
        if j > i:
            gid = next_group()
            for item in ms[i:j + 1]:
                item.kind = "ratio"
                item.group = gid
        i = j + 1


_PER_UNIT_RATE = re.compile(r"每|亿元|万元|万人|千人|百万|10万")


def _mark_missing_percent(ms: list[_Mention], mt: str) -> None:
    """A bare number after 率/占比/比例 (or before 的比例) is a percentage without %."""
    groups: dict[int, list[_Mention]] = {}
    for m in ms:
        if m.group:
            groups.setdefault(m.group, []).append(m)
    for m in ms:
        if not m.bare:
            continue
        head = groups[m.group][0] if m.group else m
        tail = groups[m.group][-1] if m.group else m
        before = mt[max(0, head.start - 8):head.start]
        after = mt[tail.end:tail.end + 8]
        clause = mt[max(0, head.start - 30):head.start]
        clause = re.split(r"[,，。;；、:：()（）]", clause)[-1]
        if _PER_UNIT_RATE.search(clause):
            continue          # 亿元地区生产总值生产安全事故死亡率0.0096: a rate per 亿元, not a percentage
        if g.RATE_BEFORE_RE.search(before) or g.RATE_AFTER_RE.match(after) or (
            m is not head and g.RATE_AFTER_RE.match(mt[m.end:m.end + 16])
        ):
            m.unit = "%"
            m.flags.append("missing-%")


def _attach_direction_and_rates(ms: list[_Mention], mt: str) -> None:
    for i, m in enumerate(ms):
        lead = m.start
        if m.aggregate:
            lead -= len(m.aggregate)
        before = mt[max(0, lead - 6):lead]
        d = g.DIRECTION_RE.search(before)
        if d and not (m.unit in _CHANGE_UNITS or g.COMPARISON_RE.search(mt, max(0, lead - 16), lead)
                      or mt[max(0, lead - 10):lead].rstrip(" 了").endswith("分别" + d.group().rstrip("了"))
                      or _SENTENCE_COMPARISON.search(mt, max(0, mt.rfind("。", max(0, lead - 150), lead) + 1, lead - 150), lead)
                      and not before.endswith("新增")):
            d = None                  # …离退休人员13644万人，分别增加1794万人和487万人: changes of the items;
                                      # 与上年比较，床位增加12.5万张，其中：公立医院增加7.0万张: changes too
        if d:
            m.direction = "down" if d.group("down") else "up"
        elif m.group and i > 0 and ms[i - 1].group == m.group and ms[i - 1].direction:
            m.direction = ms[i - 1].direction
        if not m.per and (m.unit in vocab.MONEY_UNITS or m.unit == ""):
            p = g.PER_BEFORE_RE.search(mt[max(0, lead - 6):lead])
            if p:
                subject = p.group("s") or p.group("s2") or ""
                time = p.group("t") or p.group("t2") or p.group("t3") or ""
                m.per = "·".join(x for x in (subject, time) if x)
        if not m.per and i > 0 and ms[i - 1].per and ms[i - 1].unit == m.unit \
                and g.FROM_TO_RE.match(_between(mt, ms[i - 1], m)):
            m.per = ms[i - 1].per


def _clause_start(norm: str, pos: int, floor: int) -> int:
    i = pos
    while i > floor and norm[i - 1] not in g.CLAUSE_SEP:
        i -= 1
    return i


#: A short aside between a label and its figure: （GDP）, [2], （初步核算）.
_ASIDE_TAIL = re.compile(r"(?:\([A-Za-z0-9\u4e00-\u9fff&·.]{1,12}\)|\[\d{1,3}\])\s*\Z")


def _clean_label(text: str) -> str:
    text = text.strip(" \t\x00")
    text = _LABEL_LEAD.sub("", text).strip()
    text = _LABEL_LEAD.sub("", text)
    text = _LABEL_TRAIL.sub("", text)
    stripped = _VERB_LEAD.sub("", text)
    return stripped or text


def _attach_labels(ms: list[_Mention], norm: str, sent_bounds: list[tuple[int, int]], sid: list[int]) -> None:
    for i, m in enumerate(ms):
        s_lo, s_hi = sent_bounds[sid[i]]
        prev_end = ms[i - 1].end if i > 0 and sid[i - 1] == sid[i] else s_lo
        lead = m.ref_start if m.ref_start >= 0 else m.start
        if m.aggregate:
            lead -= len(m.aggregate)
        aside = _ASIDE_TAIL.search(norm, max(prev_end, lead - 24), lead)
        if aside:
            lead = aside.start()     # 地区生产总值（GDP）20817.5亿元: the label stands before the aside
        if norm[lead - 1:lead] == "(" and lead - 1 > prev_end:
            lead -= 1                # 次均住院药费（2010.4元）: the figure in brackets is of the label before them
        lo = max(_clause_start(norm, lead, s_lo), prev_end)
        raw = norm[lo:lead]
        inner = _ASIDE_TAIL.search(norm, max(prev_end, lo - 24), lo) if lo > prev_end else None
        if inner:                    # 居民消费价格（CPI）比上年上涨2.4%: the subject stands before the aside
            lo = max(_clause_start(norm, inner.start(), s_lo), prev_end)
            raw = norm[lo:inner.start()] + raw
        before = _clean_label(raw)
        before = _VERB_TRAIL.sub("", before) or before
        after = ""
        if m.unit in _NAME_AFTER_UNITS and not m.flags.count("missing-%"):
            nxt = ms[i + 1].start if i + 1 < len(ms) and sid[i + 1] == sid[i] else s_hi
            j = m.end
            while j < nxt and norm[j] not in ",:、;。!?\n|":
                j += 1
            after = norm[m.end:j].strip()
            cut = _AFTER_CUT.search(after)
            if cut:
                after = after[:cut.start()]
            after = "" if after[:1] in ("的", "以", "左", "余", "多", "(", "") else _LABEL_TRAIL.sub("", after)
            after = _VERB_TRAIL.sub("", after) or after
        bare_verb = before in _VERBS
        raw_before = raw.strip()
        if after and (not before or bare_verb or _VERB_LEAD.match(raw_before)
                      or _VERB_TRAIL.search(raw_before) or raw_before.endswith("等")):
            label = after
        elif before and bare_verb and i > 0 and sid[i - 1] == sid[i] and ms[i - 1].label:
            label = ms[i - 1].label + before
        elif before:
            label = before
        elif i > 0 and sid[i - 1] == sid[i]:
            label = ms[i - 1].label
        else:
            label = after
        m.label = label[:40]


_LABEL_UNIT = re.compile(r"(?:人次|户次|人数|户数)\Z")


def _units_from_labels(ms: list[_Mention], norm: str) -> None:
    """总诊疗人次101.5亿, 入院人次31192.0万: a scaled number right after a label that ends
    in its unit (人次) counts in that unit."""
    for m in ms:
        if m.unit or not m.scale or m.kind != "number" or m.pre_q:
            continue
        before = norm[max(0, m.start - 4):m.start]
        unit = _LABEL_UNIT.search(before)
        if unit:
            m.unit = {"人数": "人", "户数": "户"}.get(unit.group(), unit.group())


def _period(norm: str, lo: int, pos: int) -> str:
    found = ""
    for p in _PERIOD_RE.finditer(norm, max(lo, pos - 200), pos):
        found = p.group()
    return found


#: A sentence longer than this is split at its clause breaks (a page of prose that lost
#: its full stops, or a hostile single-line file): it keeps every lookup local.
MAX_SENTENCE = 600
_CLAUSE_BREAK = re.compile(r"[,，、:：\s]")


def sentence_bounds(norm: str) -> list[tuple[int, int]]:
    """Sentence spans: ended by 。 ! ? ; or a line break; overlong ones split at clauses."""
    bounds: list[tuple[int, int]] = []
    last = 0
    for m in g.SENTENCE_END_RE.finditer(norm):
        _add_sentence(norm, last, m.end(), bounds)
        last = m.end()
    if last < len(norm) or not bounds:
        _add_sentence(norm, last, len(norm), bounds)
    return bounds


def _add_sentence(norm: str, lo: int, hi: int, bounds: list[tuple[int, int]]) -> None:
    while hi - lo > MAX_SENTENCE:
        cut = None
        for m in _CLAUSE_BREAK.finditer(norm, lo + MAX_SENTENCE // 2, lo + MAX_SENTENCE):
            cut = m.end()
        cut = cut or lo + MAX_SENTENCE
        bounds.append((lo, cut))
        lo = cut
    bounds.append((lo, hi))


def extract_text(text: str, doc: str = "", norm: str | None = None) -> list[Figure]:
    """Every figure stated in ``text``, in document order."""
    norm = normalize(text) if norm is None else norm      # callers that have it pass it in
    mt = _match_text(text, norm)
    mentions = [x for x in map(_from_match, g.FIGURE_RE.finditer(mt)) if x is not None]
    counter = iter(range(1, 1 << 30))

    def next_group() -> int:
        return next(counter)

    mentions = _drop_bare_years(mentions, norm)
    _attach_qualifiers(mentions, mt)
    _fuse_table_units(mentions, mt)
    _split_scaled_units(mentions)
    mentions = _merge_ranges(mentions, mt, next_group)
    _link_ratios(mentions, mt, next_group)
    _link_lists(mentions, mt, next_group)
    _mark_missing_percent(mentions, mt)
    _attach_direction_and_rates(mentions, mt)

    bounds = sentence_bounds(norm)
    starts = [b[0] for b in bounds]
    sid = [bisect_right(starts, m.start) - 1 for m in mentions]
    _attach_labels(mentions, norm, bounds, sid)
    _units_from_labels(mentions, norm)

    figures: list[Figure] = []
    for n, (m, si) in enumerate(zip(mentions, sid, strict=True), start=1):
        qualifier = m.pre_q + ("…" if m.pre_q and m.post_q else "") + m.post_q
        figures.append(Figure(
            doc=doc, figure_id=f"F{n:04d}", sentence_id=si + 1, start=m.start, end=m.end,
            raw=text[m.start:m.end], mantissa=m.mantissa, value=m.value(m.base), unit=m.unit,
            per=m.per, scale=m.scale, qualifier=qualifier, aggregate=m.aggregate, decimals=m.decimals,
            label=m.label, kind=m.kind,
            value_hi=m.value(m.base_hi) if m.base_hi is not None else None, mantissa_hi=m.mantissa_hi,
            direction=m.direction, period=_period(norm, bounds[si][0], m.start), group=m.group,
            flags=tuple(m.flags),
        ))
    return figures
