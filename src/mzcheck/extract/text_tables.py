"""Tables inside a report's text, found by their layout.

Two kinds of table are found inside text:

* pipe tables — lines with two or more ``|`` (markdown, or pasted 统计月报 rows);
* line tables — a 指标名称…单位…数量 header followed by one indicator per line, the
  value at the end of the line and the unit fused before it (``万人7.1``), the
  hierarchy shown by numbering and indentation (a flattened 统计月报 page).

Each becomes a :class:`mzcheck.ingest.tables.RawTable` with cell offsets into the text.
"""

from __future__ import annotations

import re

from mzcheck.extract import grammar as g
from mzcheck.extract.layout import line_spans
from mzcheck.extract.normalize import normalize
from mzcheck.ingest.tables import RawTable, Span

_PIPE_LINE = re.compile(r"^[^\n]*\|[^\n]*\|[^\n]*$", re.M)
_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
_LINE_HEADER = re.compile(r"^\s*指标(?:名称)?\s*(?:计量)?单位\s*(?:数量|本期|本月|本年|数值)", re.M)
_LINE_ROW = re.compile(r"^(?P<indent>[ \t\u3000]*)(?P<body>\S.*?)\s*$")


def _pipe_cells(text: str, lo: int, hi: int) -> tuple[list[str], list[Span]]:
    line = text[lo:hi]
    bars = [i for i, c in enumerate(line) if c == "|"]
    bounds = [-1, *bars, len(line)]
    pieces = [(bounds[k] + 1, bounds[k + 1]) for k in range(len(bounds) - 1)]
    if line.lstrip().startswith("|"):
        pieces = pieces[1:]
    if line.rstrip().endswith("|"):
        pieces = pieces[:-1]
    cells, spans = [], []
    for a, b in pieces:
        raw = line[a:b]
        stripped = raw.strip()
        start = a + (len(raw) - len(raw.lstrip()))
        cells.append(stripped)
        spans.append((lo + start, lo + start + len(stripped)))
    return cells, spans


def find_text_tables(text: str, name: str, norm: str | None = None) -> list[RawTable]:
    """Pipe tables and line tables inside a report's text (normalised for matching)."""
    norm = normalize(text) if norm is None else norm
    tables: list[RawTable] = []
    block: list[tuple[int, int, int]] = []

    def flush() -> None:
        if len(block) >= 2:
            t = RawTable(f"{name}#table{len(tables) + 1}", [], kind="grid")
            for lo, hi, line_no in block:
                cells, spans = _pipe_cells(norm, lo, hi)
                t.rows.append(cells)
                t.spans.append(list[Span | None](spans))
                t.lines.append(line_no)
            closed = [norm[lo:hi].rstrip().endswith("|") for lo, hi, _ in block]
            if not closed[-1] and all(closed[:-1]) and not norm[block[-1][1]:].strip():
                t.cut.append(len(t.rows) - 1)   # the text ends inside the last row: its last cell may be cut
            tables.append(t)
        block.clear()

    line_no, pos = 0, 0
    for line in norm.split("\n"):
        line_no += 1
        lo, hi = pos, pos + len(line)
        pos = hi + 1
        if _PIPE_LINE.match(line) and line.count("|") >= 2:
            if not _SEPARATOR.match(line):
                block.append((lo, hi, line_no))
            elif len(block) >= 2:
                # | --- | under a row that follows other rows: that row heads a table of its own
                # (two tables apart by a blank line, which does not end a table by itself)
                header = block.pop()
                flush()
                block.append(header)
        elif line.strip() or not block:
            flush()
    flush()
    taken = [_region(t) for t in tables]
    spaced = [t for t in _spaced_tables(norm, name)
              if not any(lo <= _region(t)[0] < hi for lo, hi in taken)]
    headers = {t.lines[0] for t in spaced}
    for m in _LINE_HEADER.finditer(norm):
        if norm.count("\n", 0, m.start()) + 1 in headers:
            continue          # rows of several values under it: read as a spaced table
        tables.append(_line_table(norm, m, name, len(tables) + 1))
    for table in spaced:
        table.name = f"{name}#table{len(tables) + 1}"
        tables.append(table)
    for table in _cell_per_line_tables(norm):
        table.name = f"{name}#table{len(tables) + 1}"
        tables.append(table)
    taken = [_region(t) for t in tables]
    for table in _yearbook_tables(norm):
        if not any(lo <= _region(table)[0] < hi for lo, hi in taken):
            table.name = f"{name}#table{len(tables) + 1}"
            tables.append(table)
    return tables


# --------------------------------------------------------------------------- yearbooks
#: 项目 Item 2010 2015 2020 2021: a yearbook's header, one column per year.
_YEARBOOK_HEADER = re.compile(r"^[ \t\u3000]*(?:项目|指标|项\s目)[ \t\u3000]*(?:Items?|Indicators?)?"
                              r"(?P<years>(?:[ \t\u3000]+(?:19|20)\d{2}){2,})[ \t\u3000]*$", re.M)
_VALUES_ONLY = re.compile(r"^[ \t\u3000]*(?:[-+]?\d[\d,]*(?:\.\d+)?[ \t\u3000]*)+$")
_TRAILING_VALUES = re.compile(r"(?:[ \t\u3000]+[-+]?\d[\d,]*(?:\.\d+)?)+[ \t\u3000]*$")
_VALUE = re.compile(r"[-+]?\d[\d,]*(?:\.\d+)?")


def _yearbook_tables(norm: str) -> list[RawTable]:
    """A bilingual yearbook table as its web page flattens it: 项目 Item 2010 2015 2020 2021,
    then each row's Chinese label (with its unit in brackets) and English name, its values at
    the end of the line or on a line of their own (城镇居民最低生活保障人数(人) Number of …⏎
    Allowance …(person)⏎181530 129477 62379 64992). A row with fewer values than years is read
    left to right and marked padded: which year is blank is not in the text."""
    out: list[RawTable] = []
    lines = line_spans(norm)
    starts = {lo: k for k, (lo, _) in enumerate(lines)}
    for m in _YEARBOOK_HEADER.finditer(norm):
        years = m.group("years").split()
        t = RawTable("", [["项目", *years]], [[None] * (len(years) + 1)], [norm.count("\n", 0, m.start()) + 1], [0],
                     kind="lines")
        pending: tuple[str, Span, int, int] | None = None      # label, its span, its line, its indent
        for k in range(starts[m.start()] + 1, len(lines)):
            lo, hi = lines[k]
            line = norm[lo:hi]
            if not line.strip() or _PROSE.search(line) and _HAN.search(line):
                break
            if _VALUES_ONLY.match(line):
                if pending is None:
                    break
                _yearbook_row(t, norm, pending, lo, hi, len(years))
                pending = None
                continue
            if not _HAN.search(line):
                continue                          # Allowance in Urban Areas(person): the English name runs on
            label_end = next((i for i, c in enumerate(line) if c.isascii() and c.isalpha()), len(line))
            label = line[:label_end].rstrip()
            indent = len(line) - len(line.lstrip())
            tail = _TRAILING_VALUES.search(line, label_end) if label_end < len(line) else _TRAILING_VALUES.search(line)
            span = (lo + indent, lo + len(label))
            if pending is not None:               # a label without values: a heading row
                _yearbook_row(t, norm, pending, -1, -1, len(years))
            pending = (label.strip(), span, k + 1, indent)
            if tail:
                _yearbook_row(t, norm, pending, lo + tail.start(), lo + tail.end(), len(years))
                pending = None
        if len(t.rows) >= 3:
            out.append(t)
    return out


def _yearbook_row(t: RawTable, norm: str, pending: tuple[str, Span, int, int], lo: int, hi: int, width: int) -> None:
    label, span, line, indent = pending
    values = [(v.start(), v.end()) for v in _VALUE.finditer(norm, lo, hi)] if lo >= 0 else []
    if len(values) > width:
        return                                    # more values than years: not placeable
    cells = [label] + [norm[a:b] for a, b in values] + [""] * (width - len(values))
    spans: list[Span | None] = [span, *values] + [None] * (width - len(values))
    if values and len(values) < width:
        t.padded.append(len(t.rows))
    t.rows.append(cells)
    t.spans.append(spans)
    t.lines.append(line)
    t.indents.append(indent + (1 if label[:1] in "#＃" else 0))


# --------------------------------------------------------------------------- one cell per line
#: A line that holds one cell of a table copied from a web page: the text, then a lone |.
_CELL_LINE = re.compile(r"[ \t]*(?P<cell>[^|\n]*?)[ \t]*\|[ \t]*")
#: The column-number row of a Chinese statistical form: 甲 乙 丙 1 2 3.
_MARKER = re.compile(r"^(?:[甲乙丙丁戊己]|\d{1,2})$")
_NUMERIC = re.compile(r"^[-+]?[\d,]+(?:\.\d+)?%?$")


def _cell_per_line_tables(norm: str) -> list[RawTable]:
    """指标名称 |⏎单位 |⏎代码 |⏎数量 |⏎…⏎甲 |⏎乙 |⏎丙 |⏎1 |⏎2 |⏎3 |⏎(一)乡级行政区划 |⏎个 |…: a table
    copied cell by cell, one per line. The width is the number of header cells before the
    column-number row (甲 乙 丙 1 2 3), which must have as many; rows are read in that width
    while each starts with a label (a number in the first cell means the rows slipped)."""
    runs: list[list[tuple[str, Span, int]]] = []
    run: list[tuple[str, Span, int]] = []
    for line_no, (lo, hi) in enumerate(line_spans(norm), start=1):
        m = _CELL_LINE.fullmatch(norm, lo, hi)
        if m is None:
            if len(run) >= 12:
                runs.append(run)
            run = []
            continue
        run.append((m.group("cell"), (m.start("cell"), m.end("cell")), line_no))
    if len(run) >= 12:
        runs.append(run)
    tables = []
    for cells in runs:
        width = next((k for k, (text, _, _) in enumerate(cells) if text == "甲"), 0)
        if width < 3 or not all(_MARKER.match(text) for text, _, _ in cells[width:2 * width]):
            continue
        table = RawTable("", [], kind="grid")
        body = [cells[:width]] + [cells[k:k + width] for k in range(2 * width, len(cells) - width + 1, width)]
        for row in body:
            if row is not body[0] and (not row[0][0] or _NUMERIC.match(row[0][0])):
                break                     # the cells slipped: a label cell holds a number
            table.rows.append([text for text, _, _ in row])
            table.spans.append(list[Span | None](span for _, span, _ in row))
            table.lines.append(row[0][2])
        if len(table.rows) >= 2:
            tables.append(table)
    return tables


def _region(table: RawTable) -> tuple[int, int]:
    """From the first to the last character of a table's cells in the text."""
    cells = [span for row in table.spans for span in row if span is not None]
    return (min(a for a, _ in cells), max(b for _, b in cells)) if cells else (0, 0)


# --------------------------------------------------------------------------- flattened tables
#: A value cell of a flattened table: a plain number, a percentage, or a dash for "none".
_CELL = r"[-+]?\d[\d,]*(?:\.\d+)?%?|[-—–－…]"
_ROW = re.compile(rf"^(?P<indent>[ \t\u3000]*)(?P<label>(?:19|20)\d{{2}}\s?年[末度]?|(?:[#＃]|\d{{1,2}}[.、．]|[（(]\d{{1,2}}[)）])?[^\s\d#＃].*?)"
                  rf"(?P<values>(?:[ \t\u3000]+(?:{_CELL}))+)[ \t\u3000]*$", re.M)
#: Lines a table's header may stand above, between it and its rows: column numbers, section titles.
_BETWEEN = re.compile(r"^\s*(?:(?:\d{1,2}|[甲乙丙丁])(?:\s+(?:\d{1,2}|[甲乙丙丁]))*|[一二三四五六七八九十]+、\S{1,20})\s*$")
_HEADER_WORDS = re.compile(r"指标|项目|名称|单位|增长|比上年|同比|年末|绝对数|金额|数量|产量|[（(][^（()）]{0,8}[)）]|%")
#: Sentence punctuation: a line that has it is prose, not a row or a header.
_MEASURE = re.compile(r"^(?:比例|比重|占比|构成)?[（(][^（()）]{1,8}[)）]$")
_PROSE = re.compile(r"[。，；;]|(?<!\d),|,(?!\d{3}(?!\d))")       # a comma, but not 1,234
_HAN = re.compile(r"[\u4e00-\u9fff]")
_WORD_THEN_NUMBER = re.compile(r"(?<=[\u4e00-\u9fff])(?=\d)")
_YEAR_THEN_WORD = re.compile(r"(\d{4})\s+(年)")
_UNIT_WORD = re.compile(r"^(?:[十百千万亿]*(?:元|人|户|个|家|吨|件|台|辆|块|支|双|箱|千升|升|平方米|立方米|公顷|亩|千瓦时|千瓦|"
                        r"公里|吨公里|人公里|人次|张|床|所|项|套|头|只|条|座|部)|%|‰|[万亿](?:吨|人|辆|台|件|块|支|双|箱|千升|重量箱|吨公里|人公里|人次))$")


def _spaced_tables(norm: str, name: str) -> list[RawTable]:
    """Tables flattened into lines of a label and space- or tab-separated numbers, under a
    header line that names the columns (指标 2021 年（亿元） 比上年增长（%）): a PDF's tables
    as its text layer gives them. Indentation and #/其中 mark child rows."""
    lines = line_spans(norm)
    out: list[RawTable] = []
    header: tuple[int, int] | None = None     # (line of the last header, line after its block)
    i = 1
    while i < len(lines):
        rows: list[tuple[int, re.Match[str]]] = []
        j = i
        while j < len(lines):
            lo, hi = lines[j]
            tail = norm[max(lo, hi - 12):hi].rstrip(" \t\u3000")
            if not tail or not (tail[-1].isdigit() or tail[-1] in "%—–-－…"):
                break                     # a row ends with a value: most lines are over here
            m = _ROW.match(norm, lo, hi) if not _PROSE.search(norm, lo, hi) else None
            if m is None or not _HAN.search(m.group("label")) or _PROSE.search(m.group("label")):
                break
            rows.append((lo, m))
            j += 1
        if len(rows) >= 2 or (rows and header is not None):
            h = i - 1
            while h > 0 and i - h <= 3 and _BETWEEN.match(norm[lines[h][0]:lines[h][1]]):
                h -= 1            # 1 2 3 under the header, 一、综合 above the rows
            table = _spaced_table(norm, lines, h, rows, name)
            if table is None and (first := _header_start(norm, lines, h)) < h:
                table = _spaced_table(norm, lines, h, rows, name, first)
            if table is None and header is not None and i - header[1] <= 60:
                table = _spaced_table(norm, lines, header[0], rows, name)   # a later section of one table
            if table is not None:
                out.append(table)
                header = (table.lines[0] - 1, j)
            i = j
        i += 1
    return out


#: A table's caption (表 7：…) or a figure's (图 8：…): a header broken over lines starts after it.
_CAPTION = re.compile(r"^(?:表|图|附表)\s*\d")
#: How many lines a header may be broken over, and how long each piece may be.
_HEADER_PIECES, _HEADER_PIECE = 8, 20


def _header_start(norm: str, lines: list[tuple[int, int]], h: int) -> int:
    """The first line of a header whose cells wrap, as a PDF's text layer gives them one piece
    per line (年份 Ⅰ～Ⅲ类水质⏎比例（%）⏎Ⅳ～Ⅴ类水质⏎比例（%）…): the short lines above the rows
    without prose or values, back to a caption, a blank line or a longer line."""
    first = h
    while first > 0 and h - first < _HEADER_PIECES:
        text = norm[lines[first][0]:lines[first][1]].strip()
        if not text or len(text) > _HEADER_PIECE or _PROSE.search(text) or _CAPTION.match(text) \
                or _TRAILING_VALUES.search(text):
            break
        first -= 1
    return first + 1 if first < h else h


def _spaced_table(norm: str, lines: list[tuple[int, int]], h: int, rows: list[tuple[int, re.Match[str]]],
                  name: str, first: int | None = None) -> RawTable | None:
    """The table of ``rows`` under the header on line ``h`` (from line ``first`` when it is
    broken over several)."""
    header_text = " ".join(norm[lo:hi].strip() for lo, hi in lines[h if first is None else first:h + 1])
    if not header_text or _PROSE.search(header_text) or not _HEADER_WORDS.search(header_text):
        return None
    width = max(len(m.group("values").split()) for _, m in rows)
    with_unit = "单位" in header_text
    header = _header_cells(header_text, width, with_unit)
    if header is None:
        return None
    t = RawTable(name, [header], [[None] * len(header)], [h + 1], [0], kind="lines")
    for lo, m in rows:
        label, label_lo = m.group("label").rstrip(), m.start("label")
        unit, unit_span = "", None
        if with_unit:
            head, _, last = label.rpartition(" ")
            if head and _UNIT_WORD.match(last.strip()):
                unit = last.strip()
                unit_span = (label_lo + len(head) + 1, label_lo + len(label))
                label = head.rstrip()
        values = [(v.start(), v.end()) for v in re.finditer(r"\S+", norm[m.start("values"):m.end("values")])]
        base = m.start("values")
        cells = [label] + ([unit] if with_unit else [])
        spans: list[tuple[int, int] | None] = [(label_lo, label_lo + len(label))]
        if with_unit:
            spans.append(unit_span)
        pad = width - len(values)          # a row with fewer values: the last columns are empty
        for a, b in values:
            cells.append(norm[base + a:base + b])
            spans.append((base + a, base + b))
        cells += [""] * pad
        spans += [None] * pad
        if pad and values:
            t.padded.append(len(t.rows))     # which column is blank is not in the text
        t.rows.append(cells)
        t.spans.append(spans)
        t.lines.append(norm.count("\n", 0, lo) + 1)
        # "  #铁路" and "   航空" stand at one level: the # takes the place of a space
        marker = 1 if m.group("label")[:1] in "#＃" else 0
        t.indents.append(len(m.group("indent").expandtabs(4)) + marker)
    return t


def _header_cells(text: str, width: int, with_unit: bool) -> list[str] | None:
    """The column names of a header line: the indicator, the unit (if named) and one per
    value column. Words are split at spaces; 2021 年（亿元） is one name."""
    if "\t" in text:
        parts = [p.strip() for p in text.split("\t") if p.strip()]
    else:
        text = _WORD_THEN_NUMBER.sub(" ", text)        # 单位2022年: a space the layout pass took
        parts = _YEAR_THEN_WORD.sub(r"\1\2", text).split()
    need = 1 + int(with_unit) + width
    k = 1
    while len(parts) > need and k < len(parts):     # Ⅰ～Ⅲ类水质 比例（%）: a measure word closes its column's name
        if _MEASURE.match(parts[k]):
            parts[k - 1:k + 1] = [parts[k - 1] + parts[k]]
        else:
            k += 1
    while len(parts) > need:             # merge the shortest neighbours: 比上年 增长（%）
        k = min(range(len(parts) - 1), key=lambda x: len(parts[x]) + len(parts[x + 1]))
        parts[k:k + 2] = [parts[k] + parts[k + 1]]
    if len(parts) < need:
        return None
    return ["指标名称" if not re.search(r"指标|项目|名称", parts[0]) else parts[0]] + parts[1:]


def _line_table(norm: str, header: re.Match[str], name: str, n: int) -> RawTable:
    t = RawTable(f"{name}#table{n}", [["指标名称", "单位", "数量"]], [[None, None, None]], kind="lines")
    line_start = norm.rfind("\n", 0, header.start()) + 1
    t.lines.append(norm.count("\n", 0, line_start) + 1)
    t.indents.append(0)
    pos = norm.find("\n", header.end())
    line_no = t.lines[0]
    while pos != -1:
        lo = pos + 1
        pos = norm.find("\n", lo)
        hi = pos if pos != -1 else len(norm)
        line_no += 1
        line = norm[lo:hi]
        if not line.strip():
            continue
        if "。" in line or "|" in line or len(line.strip()) > 60:
            break
        m = _LINE_ROW.match(line)
        if not m:
            continue
        body_lo = lo + m.start("body")
        body = m.group("body")
        value = re.search(r"(?<![\d.,])-?\d{1,3}(?:,\d{3})+(?:\.\d+)?$|(?<![\d.,])-?\d+(?:\.\d+)?$", body)
        label_end = value.start() if value else len(body)
        label = body[:label_end].rstrip()
        unit = ""
        fused = g.FUSED_UNIT_RE.search(label)
        if fused and (fused.group("scale") or fused.group("unit").startswith("元") or len(fused.group("unit")) > 1
                      or fused.group("per")):
            unit = fused.group()
            label = label[:fused.start()].rstrip()
        value_text = value.group() if value else ""
        cells = [label, unit, value_text]
        spans: list[Span | None] = [
            (body_lo, body_lo + len(label)),
            (body_lo + len(label), body_lo + len(label) + len(unit)) if unit else None,
            (body_lo + value.start(), body_lo + value.end()) if value else None,
        ]
        t.rows.append(cells)
        t.spans.append(spans)
        t.lines.append(line_no)
        t.indents.append(len(m.group("indent").expandtabs(4)))
    return t
