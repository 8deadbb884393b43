"""List markers: the ordinals that number a report's items — headings （一）…（十）, 一、…十、,
1.…10. at a line start, and 一是…十三是 inside a paragraph.

They are not figures (nobody adds them up), but a report that announces 十个方面 and then
numbers its headings up to （九） contradicts itself; :mod:`mzcheck.rules.relations.counts`
reads these markers for that check. Each marker is a :class:`~mzcheck.figures.Figure` of
kind ``ordinal`` (ids ``L0001``…) so that checks and reports can point at it.

Items named inline and then counted — 改革、开放、创新三大动力, “强城”“兴村”“融合”三篇文章,
A、B等6个重大科技专项 — are markers too: each item (label ``item``, its position as value)
and the count that closes them (label ``count``), one ``group`` per enumeration; a count
after 等 is flagged ``open``, one whose last item holds 和/及/与 (科技服务和商务服务) is
flagged ``and`` (that may be two items or one).
"""

from __future__ import annotations

import re
from fractions import Fraction

from mzcheck.figures import Figure
from mzcheck.numbers.chinese import parse_integer

_CN = "一二三四五六七八九十"
#: style → pattern; the number is group ``n``, the marker is group ``m``.
STYLES: dict[str, re.Pattern[str]] = {
    "heading": re.compile(rf"^[ \t\u3000#*]*(?P<m>\((?P<n>[{_CN}]{{1,3}})\))", re.M),
    "chapter": re.compile(rf"^[ \t\u3000#*]*(?P<m>(?P<n>[{_CN}]{{1,3}})、)", re.M),
    "numbered": re.compile(r"^[ \t\u3000]*(?P<m>(?P<n>\d{1,2})[.、])(?=[^\d\s])", re.M),
    "shi": re.compile(rf"(?:^|(?<=[,;:。\s]))(?P<m>(?P<n>[{_CN}]{{1,3}})是)(?=[\u4e00-\u9fff])", re.M),
}


#: The count that closes an inline enumeration: 三大, 6个, 四条, 三篇, 5项 …
_COUNT = re.compile(rf"(?P<open>等)?(?P<n>[两{_CN}]{{1,2}}|\d{{1,2}})(?P<cls>个|大|条|项|篇|件|家|类|种|座|所|批|方面|名|位|片|样)"
                    rf"(?!百分点|月|年|季度|小时|倍|以上|以下|多|余|一体)")
#: What ends an enumeration on its left: clause punctuation, brackets, digits.
_STOP = re.compile(rf"[,;:。!?()\[\]《》\n\d]|[{_CN}两][个大条项篇件]")
_QUOTED = re.compile(r"“[^“”\n]{1,20}”")
#: A last "item" that ends in a verb is a clause stating a figure: …水路通道达到28条.
_LAST_VERB = re.compile(r"(?:达到|达|增至|增加|实现|出台|建成|新增|累计|突破|超过|超|为|有|共|均|培育|认定|开展|居|位居|排名|第)\Z")
#: Words that make the count a set the items belong to, not their number (入选十大考古新发现).
_SET_VERB = re.compile(r"入选|列入|获评|评为|成为|进入|跻身|位列|荣获|纳入|被评|认定|命名|属于|作为|之一|其中")
_JOINED = re.compile(r"(?<=[\u4e00-\u9fff])(?:和|及|与|以及)(?=[\u4e00-\u9fff])")


def _inline_items(norm: str, end: int) -> tuple[list[tuple[int, int]], bool] | None:
    """The items that end at ``end`` (right before a count): their spans and whether the
    last holds 和/及/与. None when no enumeration of two or more items stands there."""
    if norm[end - 1:end] == "”":                  # “强城”“兴村”“融合”
        items, pos = [], end
        while (q := norm.rfind("“", max(0, pos - 22), pos)) >= 0 and _QUOTED.fullmatch(norm, q, pos):
            items.append((q, pos))
            pos = q
            while pos > 0 and norm[pos - 1] in "、和及与":
                pos -= 1
            if norm[pos - 1:pos] != "”":
                break
        return (items[::-1], False) if len(items) >= 2 else None
    if not re.match(r"[\u4e00-\u9fff]", norm[end - 1:end]):
        return None
    stops = list(_STOP.finditer(norm, max(0, end - 200), end))
    if not stops and end > 200:
        return None                   # no clause start within reach: the first item is unknown
    if stops and stops[-1].group()[0].isdigit():
        return None                   # 建成10个、宁静工地21个: figures listed, not names
    lo = stops[-1].end() if stops else 0
    span = norm[lo:end]
    if "、" not in span or "“" in span or "”" in span or "等" in span or span.startswith("、"):
        return None
    pieces = span.split("、")
    if not all(pieces) or _SET_VERB.search(pieces[-1]) or _LAST_VERB.search(pieces[-1]):
        return None                   # 井头山、朔门古港、下汤遗址先后入选全国年度十大…: a set they entered
    sizes = [len(p) for p in pieces[1:-1]] + [max(len(p) for p in _JOINED.split(pieces[-1]))]
    if min(len(p) for p in pieces) < 2 < max(len(p) for p in pieces) or max(sizes) > 3 * min(sizes):
        return None                   # items unlike each other: the words around them were taken in
    items, pos = [], lo
    for piece in pieces:
        items.append((pos, pos + len(piece)))
        pos += len(piece) + 1
    return items, bool(_JOINED.search(norm, *items[-1]))


_AFTER_HEAD = re.compile(r"[\u4e00-\u9fff”\"]{0,12}:[ \t\u3000]*\n?[ \t\u3000]*(?:指|即|包括|分别是|分别为|是)?")
_ITEMS_END = re.compile(r"[。;\n]")


def _items_after(norm: str, end: int) -> tuple[list[tuple[int, int]], bool] | None:
    """The items a count announces right after its name and a colon: 五篇大文章：指科技金融、绿色
    金融、普惠金融、养老金融、数字金融。 None unless they are short names set apart by 、."""
    head = _AFTER_HEAD.match(norm, end)
    if head is None:
        return None
    if norm.startswith("——", head.end()) or norm.startswith("--", head.end()):
        return _dash_lines(norm, head.end())      # ——更加注重…⏎——更加注重…: one item per line
    stop = _ITEMS_END.search(norm, head.end(), head.end() + 200)
    if stop is None:
        return None
    body = norm[head.end():stop.start()]
    pieces = body.split("、")
    if len(pieces) < 2 or any(not p or len(p) > 20 or re.search(r"[\d,()“”]", p) for p in pieces) or "等" in body:
        return None
    items, pos = [], head.end()
    for piece in pieces:
        items.append((pos, pos + len(piece)))
        pos += len(piece) + 1
    return items, bool(_JOINED.search(norm, *items[-1]))


def _dash_lines(norm: str, lo: int) -> tuple[list[tuple[int, int]], bool] | None:
    items: list[tuple[int, int]] = []
    pos = lo
    while (norm.startswith("——", pos) or norm.startswith("--", pos)) and len(items) < 31:
        hi = norm.find("\n", pos)
        hi = len(norm) if hi < 0 else hi
        name = re.search(r"[,。;:]", norm[pos:hi])          # the item is named by its first clause
        items.append((pos, pos + name.start() if name else hi))
        pos = hi + 1
    return (items, False) if len(items) >= 2 else None


def inline_enumerations(norm: str, text: str, first_group: int = 1) -> list[dict]:
    """Items named inline and the count that closes or announces them (see the module's
    note), as the fields of their markers."""
    out: list[dict] = []
    group = first_group
    for m in _COUNT.finditer(norm):
        n = _value(m.group("n"))
        quoted = re.search(r"“[\u4e00-\u9fff]?\Z", norm[max(0, m.start() - 2):m.start()])
        end = m.start() - len(quoted.group()) if quoted else m.start()   # 以及…“五个专项治理”; 锂电池“新三样”
        named = re.match(r"[\u4e00-\u9fff\d]", norm[m.end():m.end() + 1]) or quoted and norm.startswith("”", m.end())
        if n is None or not 2 <= n <= 30:
            continue
        listed = named and (norm[end - 1:end] == "”" or "、" in norm[max(0, end - 200):end])   # cheap guards first
        found = _inline_items(norm, end) if listed else None
        if found is None and ":" in norm[m.end():m.end() + 14]:
            found = _items_after(norm, m.end())       # 金融“五篇大文章”：指科技金融、绿色金融…
        if found is None or n is None:
            continue
        items, joined = found
        for k, (a, b) in enumerate(items, start=1):
            out.append(dict(start=a, end=b, raw=text[a:b], mantissa=str(k), value=Fraction(k), label="item", group=group))
        flags = tuple(f for f, on in (("open", m.group("open")), ("and", joined)) if on)
        a, b = m.start("n"), m.end("cls")
        out.append(dict(start=a, end=b, raw=text[a:b], mantissa=m.group("n"), value=Fraction(n), label="count",
                        group=group, flags=flags))
        group += 1
    return out


def _value(n: str) -> int | None:
    if n.isdigit():
        return int(n)
    try:
        return parse_integer(n)
    except ValueError:
        return None


def list_markers(norm: str, text: str, doc: str) -> list[Figure]:
    """Every list marker of a text (offsets into ``text``; ``norm`` is its normalised form,
    same length), in document order, ids L0001…"""
    found: list[tuple[int, int, str, int]] = []
    for style, rx in STYLES.items():
        for m in rx.finditer(norm):
            v = _value(m.group("n"))
            if v is not None and 0 < v <= 99:
                found.append((m.start("m"), m.end("m"), style, v))
    marks = [dict(start=start, end=end, raw=text[start:end], mantissa=str(v), value=Fraction(v), label=style)
             for start, end, style, v in found]
    marks += inline_enumerations(norm, text)
    marks.sort(key=lambda m: (m["start"], m["end"]))
    return [Figure(doc=doc, figure_id=f"L{k:04d}", sentence_id=0, kind="ordinal", **m)   # type: ignore[arg-type]
            for k, m in enumerate(marks, start=1)]
