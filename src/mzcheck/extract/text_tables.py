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


def find_text_tables(text: str, name: str) -> list[RawTable]:
    """Pipe tables and line tables inside a report's text (normalised for matching)."""
    norm = normalize(text)
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
        elif line.strip() or not block:
            flush()
    flush()
    for m in _LINE_HEADER.finditer(norm):
        tables.append(_line_table(norm, m, name, len(tables) + 1))
    return tables


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
