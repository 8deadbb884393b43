"""List markers: the ordinals that number a report's items — headings （一）…（十）, 一、…十、,
1.…10. at a line start, and 一是…十三是 inside a paragraph.

They are not figures (nobody adds them up), but a report that announces 十个方面 and then
numbers its headings up to （九） contradicts itself; :mod:`mzcheck.rules.relations.counts`
reads these markers for that check. Each marker is a :class:`~mzcheck.figures.Figure` of
kind ``ordinal`` (ids ``L0001``…) so that checks and reports can point at it.
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
    found.sort()
    out = []
    for k, (start, end, style, v) in enumerate(found, start=1):
        out.append(Figure(doc=doc, figure_id=f"L{k:04d}", sentence_id=0, start=start, end=end,
                          raw=text[start:end], mantissa=str(v), value=Fraction(v), kind="ordinal", label=style))
    return out
