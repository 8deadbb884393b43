"""Layout repair: read text that came out of a PDF or a Word conversion as it was meant.

Converted text carries layout debris: page footers (``— 4 —``, ``第 3 页``) in the middle
of a sentence, sentences broken at the page width, labels split across a page break,
letter-spaced headings (``全 年 完 成``), spaces between a number and its unit
(``582.8 亿元``, ``增长 4.2 %``). :func:`repair` deletes that debris and returns a
:class:`Layout`: the text figures are read from, and an exact map from each of its
offsets back to the text as read, so that every figure and finding still points at the
right characters of the original (``original[start:end] == raw``).

Only deletions are made, never insertions or substitutions; what is deleted:

* page furniture: footer and header lines with page numbers, and running heads repeated
  on every page;
* page-width wraps: the line break (and the spaces around it) between a full-width line
  that ends without sentence punctuation and the line that continues it — never between
  two digits (``3⏎3.8万元`` stays split, for MZ104 to report) and never around a table row;
* spaces between a number and a unit, scale, ``%``/``‰`` or ``:``; between a Chinese
  word or qualifier and a number; inside a letter-spaced run of Chinese characters.

Table rows (a label and numbers separated by spaces or tabs) are left exactly as they
are: ``extract.text_tables`` reads them as tables.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

_CJK = "\u4e00-\u9fff"
#: Footer and header lines: — 4 —, —7—, - 12 -, 第 3 页, 第3页 共18页, 3/18, ·5·
_FOOTER = re.compile(
    r"^\s*(?:[—–\-－·•]\s*\d{1,4}\s*[—–\-－·•]|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*/\s*\d{1,4}|[-—]\s*\d{1,4}|page\s*\d{1,4}(?:\s*of\s*\d{1,4})?)\s*$", re.I)
_STOP = tuple("。！？；：…!?;:")
_HEADING = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,2}[.、．](?!\d)"
    r"|第[一二三四五六七八九十\d]+[章节条部分]|[表图]\s*\d|注\s*[:：\d]|附\s*[表注件])")
#: A table row: a label (or nothing) and two or more numbers, or cells separated by tabs.
_NUMBER = r"[-+]?\d[\d,]*(?:\.\d+)?%?"
_FUSED_ROW = re.compile(r"[^\s\d.,，、]\d[\d,]*(?:\.\d+)?$")
_SENTENCE = re.compile(r"[，。；：,;:]")
_TABLE_ROW = re.compile(rf"(?:^|\s){_NUMBER}(?:[ \t\u3000]+{_NUMBER}){{1,}}\s*$")
#: One label and one value apart by spaces (居民消费价格 102.4): a row when three stand together.
_ONE_VALUE_ROW = re.compile(rf"^[ \t\u3000]*(?:其中[:：])?[^\s\d，。；,;:：][^，。；,;:：]*?[\u4e00-\u9fff)）][ \t\u3000]+{_NUMBER}[ \t\u3000]*$", re.M)
_SPACE = "[ \\t\\u3000\\u00a0]+"
#: Spaces that are layout, not meaning (deleted in the reading text).
_DELETABLE = re.compile(
    "(?=[ \t\u3000\u00a0])(?:"         # every match starts at a space: lets re skip ahead fast
    rf"(?<=[\d.])(?P<unit>{_SPACE})(?=[%％‰{_CJK}])"            # 582.8 亿元, 8.6 %, 2021 年
    rf"|(?<=[{_CJK}，、；：（“])(?P<lead>{_SPACE})(?=[-+]?\d)"     # 增长 4.2, 为 2.9
    rf"|(?<=\d)(?P<colon>{_SPACE})(?=[:：∶]\s*\d)|(?<=[:：∶])(?P<colon2>{_SPACE})(?=\d)"   # 2.9 : 30.7
    rf"|(?<=[%％‰])(?P<pct>{_SPACE})(?=[，。、；）])"                 # 8.6% 。
    ")"
)
#: What a number's unit or scale starts with: 514⏎万人 is a figure cut from its unit.
_UNIT_START = re.compile(r"[万亿千百%％‰元人户个家名件吨亩张所项次]")
#: Characters a page-width wrap falls between in Chinese prose.
_CJK_START = re.compile(rf"[{_CJK}]")
_WRAPPABLE = re.compile(rf"[{_CJK}\d%％‰，、“”‘’（）()《》·—.,]")
_LETTER_SPACED = re.compile(rf"(?:[{_CJK}]{{1,2}}[ \u3000]){{3,}}[{_CJK}]{{1,2}}")
#: A space between a number and what it counts: typography when the text was typed.
UNIT_SPACE = re.compile(rf"\d(?P<space>{_SPACE})(?:[%％‰]|[万亿千百]?(?:元|人|户|家|个|吨|亩|公顷|平方米|次))")


@dataclass(frozen=True)
class Layout:
    """The text to read figures from, and where each of its characters stood.

    ``runs`` holds (reading offset, shift) where a run of kept characters begins:
    original offset = reading offset + shift of the run it falls in.
    """

    text: str
    runs: tuple[tuple[int, int], ...] = ()
    converted: bool = False          # looks like text converted from PDF or Word
    unit_spaces: tuple[tuple[int, int], ...] = ()   # original spans of "number␣unit" spaces
    source: str = ""                 # the text as read
    repairs: tuple[tuple[str, int, int], ...] = ()  # (kind, original start, end) worth a note
    norm: str = ""                   # the reading text normalised (extract.normalize), when known

    @property
    def identity(self) -> bool:
        return not self.runs

    def original(self, i: int) -> int:
        """The original offset of reading offset ``i`` (``i`` may be the end, len(text))."""
        if not self.runs:
            return i
        k = bisect_right(self.runs, (i, float("inf"))) - 1
        return i + (self.runs[k][1] if k >= 0 else 0)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of a reading span: from its first to its last character."""
        if not self.runs or end <= start:
            return self.original(start), self.original(start) + (end - start)
        return self.original(start), self.original(end - 1) + 1


def identity(text: str) -> Layout:
    return Layout(text, source=text)


def repair(text: str, converted: bool | None = None) -> Layout:
    """The reading text of ``text``; ``converted`` forces the judgement (True for PDF)."""
    from mzcheck.extract.normalize import normalize

    norm = normalize(text)
    lines = line_spans(norm)
    drop = bytearray(len(text))
    repairs: list[tuple[str, int, int]] = []
    footers = _drop_furniture(norm, lines, drop, converted)
    tables = {i for i, (lo, hi) in enumerate(lines) if _is_table_row(norm[lo:hi])} | _one_value_rows(norm, lines)
    wraps = _join_wraps(norm, lines, drop, tables, repairs)
    _join_open_lines(norm, lines, drop, tables, repairs)       # the wraps a page-width analysis left
    spaced = [m.span("space") for m in UNIT_SPACE.finditer(norm)]
    if converted is None:
        converted = footers >= 2 or wraps >= 3 or len(spaced) >= 5
    _drop_spaces(norm, lines, drop, tables, repairs)
    repairs.sort(key=lambda r: r[1])
    if not any(drop):
        return Layout(text, (), converted, tuple(spaced), text, tuple(repairs), norm)
    pieces, runs = [], []
    reading = 0
    i, n = 0, len(text)
    while i < n:
        if drop[i]:
            i += 1
            continue
        j = drop.find(1, i)
        j = n if j < 0 else j
        runs.append((reading, i - reading))
        pieces.append(text[i:j])
        reading += j - i
        i = j
    merged: list[tuple[int, int]] = []
    for start, shift in runs:
        if merged and merged[-1][1] == shift:
            continue
        merged.append((start, shift))
    if merged == [(0, 0)]:
        merged = []
    return Layout("".join(pieces), tuple(merged), converted, tuple(spaced), text, tuple(repairs))


def line_spans(norm: str) -> list[tuple[int, int]]:
    """(start, end) of every line, the line break excluded."""
    out, pos = [], 0
    for line in norm.split("\n"):
        out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def _is_table_row(line: str) -> bool:
    stripped = line.strip()
    if not stripped or stripped.endswith(("。", "；")):
        return False
    if "\t" in stripped or stripped.count("|") >= 2 or _TABLE_ROW.search(stripped):
        return True
    # a flattened 统计月报 row: a label, its unit and one value fused at the end (万户2.3)
    return bool(_FUSED_ROW.search(stripped)) and not _SENTENCE.search(stripped)


def _one_value_rows(norm: str, lines: list[tuple[int, int]]) -> set[int]:
    """Lines of a one-column table (指标 指数 / 居民消费价格 102.4 / 衣着 103.3 …): three or
    more in a row; a single such line is as likely prose ending in a number."""
    out: set[int] = set()
    run: list[int] = []
    for i, (lo, hi) in enumerate([*lines, (0, 0)]):
        if hi > lo and _ONE_VALUE_ROW.match(norm, lo, hi):
            run.append(i)
            continue
        if len(run) >= 3:
            out.update(run)
        run = []
    return out


def _drop_furniture(norm: str, lines: list[tuple[int, int]], drop: bytearray, converted: bool | None) -> int:
    """Footer lines, and running heads repeated on every page; returns how many footers."""
    footers = 0
    for k, (lo, hi) in enumerate(lines):
        if _FOOTER.match(norm[lo:hi]) and hi - lo < 40:
            drop[lo:min(hi + 1, len(drop))] = b"\x01" * (min(hi + 1, len(drop)) - lo)
            footers += 1
            for j in (k - 1, k + 1):          # the blank lines a page break leaves around it
                if 0 <= j < len(lines) and not norm[lines[j][0]:lines[j][1]].strip():
                    b_lo, b_hi = lines[j]
                    drop[b_lo:min(b_hi + 1, len(drop))] = b"\x01" * (min(b_hi + 1, len(drop)) - b_lo)
    if footers >= 2 or converted:
        seen: dict[str, list[tuple[int, int]]] = {}
        for lo, hi in lines:
            key = "".join(norm[lo:hi].split())
            if 6 <= len(key) <= 40 and re.search(f"[{_CJK}]", key) and not key.endswith(_STOP):
                seen.setdefault(key, []).append((lo, hi))
        for spans in seen.values():
            if len(spans) >= 3:
                for lo, hi in spans[1:]:       # the first stands where a title stands
                    drop[lo:min(hi + 1, len(drop))] = b"\x01" * (min(hi + 1, len(drop)) - lo)
    return footers


def _join_wraps(norm: str, lines: list[tuple[int, int]], drop: bytearray, tables: set[int],
                repairs: list[tuple[str, int, int]]) -> int:
    """Delete the line breaks of page-width wraps; returns how many were joined."""
    kept = [i for i, (lo, hi) in enumerate(lines) if not drop[lo:hi].count(1) == hi - lo or hi == lo]
    prose = [i for i in kept if i not in tables and lines[i][1] - lines[i][0] >= 10
             and norm[lines[i][0]:lines[i][1]].strip()]
    if len(prose) < 3:
        return 0
    width = {i: _display_width(norm[lines[i][0]:lines[i][1]].strip()) for i in prose}
    widths = sorted(width.values())
    full = widths[int(len(widths) * 0.9)]
    long = [i for i in prose if width[i] >= 0.7 * full]
    open_ended = [i for i in long if not norm[lines[i][0]:lines[i][1]].rstrip().endswith(_STOP)]
    if len(open_ended) < 3 or len(open_ended) < 0.25 * len(long):
        return 0                          # a text typed one paragraph to a line: no wraps
    even = [i for i in open_ended if width[i] >= 0.85 * full]
    if len(even) < 0.6 * len(open_ended):
        return 0                          # lines of every length: not cut at a page width
    joined = 0
    wide = set(long)
    for a_index, i in enumerate(kept):
        if i in tables or i not in width:
            continue
        lo, hi = lines[i]
        line = norm[lo:hi].rstrip()
        nxt = next((j for j in kept[a_index + 1:] if not _dropped(drop, lines[j])), None)
        follows = nxt is not None and norm[lines[nxt][0]:lines[nxt][1]].lstrip().startswith("其中")
        if i not in wide and not (follows and line.endswith("。")):
            continue                  # a short line ends its paragraph (unless 其中 goes on with it)
        if not line or (line.endswith(_STOP) and width[i] < 0.9 * full and not follows):
            continue                  # a short line that ends a sentence ends its paragraph
        if nxt is None or nxt in tables or nxt + 1 in tables or _HEADING.match(norm[lo:hi]):
            continue                      # a table's header, or a heading or caption line
        between = [j for j in range(i + 1, nxt) if not _dropped(drop, lines[j])]
        if any(norm[lines[j][0]:lines[j][1]].strip() for j in between) or (between and not _dropped_any(drop, lines, i, nxt)):
            continue                      # a blank line: a paragraph ends here
        b_lo, b_hi = lines[nxt]
        head = norm[b_lo:b_hi]
        if not head.strip() or _HEADING.match(head):
            continue
        first = head.lstrip()[0]
        if line[-1].isdigit() and first.isdigit():
            continue                      # 3⏎3.8万元: a split number, for MZ104 to report
        if line.endswith(_STOP) and (first in "（(" or _HEADING.match(head)):
            continue                      # a full line ending a sentence, then a new section
        if not (_WRAPPABLE.match(line[-1]) or (follows and line.endswith("。"))) or not _WRAPPABLE.match(first):
            continue                      # Latin text, links, markup: no page-width wraps
        cut_lo = lo + len(line)
        cut_hi = b_lo + (len(head) - len(head.lstrip()))
        for k in range(cut_lo, cut_hi):
            drop[k] = 1
        joined += 1
        for j in range(i + 1, nxt):           # a footer the sentence ran across
            f_lo, f_hi = lines[j]
            if norm[f_lo:f_hi].strip():
                repairs.append(("footer", f_lo + len(norm[f_lo:f_hi]) - len(norm[f_lo:f_hi].lstrip()),
                                f_lo + len(norm[f_lo:f_hi].rstrip())))
        if line[-1].isdigit() and _UNIT_START.match(head.lstrip()):
            repairs.append(("unit-break", lo + len(line) - 1, cut_hi + 1))
    return joined


_HAN_END = re.compile(rf"[{_CJK},、]\Z")        # norm has the comma in ASCII


def _join_open_lines(norm: str, lines: list[tuple[int, int]], drop: bytearray, tables: set[int],
                     repairs: list[tuple[str, int, int]]) -> int:
    """Wraps in a text of one paragraph to a line, mostly: a prose line (it has punctuation) that
    stops inside a word (…中央事业单位6.3万人，地方事业⏎单位91.2万人。) runs on into the next
    line. Returns how many were joined."""
    joined = 0
    for i in range(len(lines) - 1):
        lo, hi = lines[i]
        line = norm[lo:hi].rstrip()
        b_lo, b_hi = lines[i + 1]
        head = norm[b_lo:b_hi].lstrip()
        if i in tables or i + 1 in tables or len(line.strip()) < 20 or not head or _dropped(drop, lines[i + 1]) \
                or hi < len(drop) and drop[hi]:
            continue                      # a table, a short line, or a break already joined
        if not re.search(r"[,;。、]", line) or _HEADING.match(line) or _HEADING.match(head):
            continue
        if not (_HAN_END.search(line) or line[-1].isdigit()) or not (_CJK_START.match(head) or head[0].isdigit()):
            continue
        if line[-1].isdigit() and head[0].isdigit():
            continue                      # 3⏎3.8万元: a split number, for MZ104 to report
        cut_hi = b_lo + (b_hi - b_lo - len(head))
        for k in range(lo + len(line), cut_hi):
            drop[k] = 1
        joined += 1
        if line[-1].isdigit() and _UNIT_START.match(head):
            repairs.append(("unit-break", lo + len(line) - 1, cut_hi + 1))
    return joined


def _display_width(text: str) -> int:
    """Columns on the page: a Chinese character is two, a digit or a space one — which is
    what GB18030 spends on each (counted by the codec, in C, not char by char)."""
    return len(text.encode("gb18030", errors="replace"))


def _dropped(drop: bytearray, span: tuple[int, int]) -> bool:
    lo, hi = span
    if hi == lo:                      # a blank line: dropped with the footer it stood beside
        return lo < len(drop) and drop[lo] == 1
    return drop[lo:hi].count(1) == hi - lo


def _dropped_any(drop: bytearray, lines: list[tuple[int, int]], i: int, j: int) -> bool:
    return any(_dropped(drop, lines[k]) for k in range(i + 1, j))


def _drop_spaces(norm: str, lines: list[tuple[int, int]], drop: bytearray, tables: set[int],
                 repairs: list[tuple[str, int, int]]) -> None:
    table_spans = [lines[i] for i in sorted(tables)]
    starts = [lo for lo, _ in table_spans]

    def in_table(pos: int) -> bool:
        k = bisect_right(starts, pos) - 1
        return k >= 0 and table_spans[k][0] <= pos < table_spans[k][1]

    for m in _DELETABLE.finditer(norm):
        name = m.lastgroup or 0
        lo, hi = m.span(name)
        if in_table(lo) or "\n" in norm[lo:hi]:
            continue
        drop[lo:hi] = b"\x01" * (hi - lo)
    for m in _LETTER_SPACED.finditer(norm):
        tokens = m.group().split()
        if in_table(m.start()) or sum(len(t) == 1 for t in tokens) < 0.6 * len(tokens):
            continue                      # 名称 单位 产量: words of a header, not letter spacing
        repairs.append(("letter-spaced", m.start(), m.end()))
        for k in range(m.start(), m.end()):
            if norm[k] in " \u3000":
                drop[k] = 1
