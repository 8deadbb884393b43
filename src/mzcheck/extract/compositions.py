"""Tables of shares (比重, 构成, 比例 in %) that break a whole down completely.

A 统计公报 or census bulletin prints structure tables: ownership types down the rows and
years across (国有 … 其他, each column 100 %), or classes across the columns (Ⅰ～Ⅲ类,
Ⅳ～Ⅴ类, 劣Ⅴ类, each row 100 %). Their headers often span two rows (按资产总额计算(%) over
1985 | 1995), which the one-role-per-column reader of :mod:`.tables` does not take.

A table is read here only when its last class names the rest of the breakdown — a row
其他, a column 劣Ⅴ类, 其他 or …及以前 — so that the classes are known to be complete; rows
after a "…中：" row and columns after the rest class (在总计中：乡镇工业, 三资工业) are parts
of the whole, not classes, and are left out of the breakdown. The result is a
:class:`~mzcheck.extract.tables.StatTable` of kind ``composition-rows`` (the classes are
rows: every column sums to 100) or ``composition-columns`` (every row does), whose
``roles`` mark each class column ``part`` (a rank column, 位次, has no role).
"""

from __future__ import annotations

import re
from fractions import Fraction

from mzcheck.extract.tables import Cell, StatTable, TableRow
from mzcheck.figures import Figure
from mzcheck.ingest.tables import RawTable

_VALUE = re.compile(r"^[-+]?\d+(?:\.\d+)?$")
_BLANK = re.compile(r"^(?:|…|—|-|－|–)$")
_YEAR = re.compile(r"^(?:19|20)\d{2}\s?年?$")
_SHARES = re.compile(r"%|％|比重|比例|构成|结构")
_REST = re.compile(r"^(?:其他|其它)|劣|及以前|以前")
_RANK = re.compile(r"位次|排名|名次")
_SUBSET_HEAD = re.compile(r"中[:：]$")


def _numeric(cell: str) -> bool:
    return bool(_VALUE.match(cell.replace(",", "").strip()))


def _columns(header_rows: list[list[str]], width: int) -> list[str] | None:
    """One name per column: a group header spread over the columns under it (按资产总额计算(%)
    over 1985 | 1995), joined with the row below."""
    names, read = [""] * width, 0
    for row in header_rows:
        cells = [c.strip() for c in row]
        if len(cells) == width:
            spread = cells
        elif len(cells) > 1 and (width - 1) % (len(cells) - 1) == 0:
            span = (width - 1) // (len(cells) - 1)
            spread = [cells[0]] + [cells[1 + (c - 1) // span] for c in range(1, width)]
        else:
            continue                  # 在总计中： over columns of uneven spans: not placeable
        names = [a + b for a, b in zip(names, spread, strict=True)]
        read += 1
    return names if read else None


def parse_composition(raw: RawTable, doc: str, first_id: int, title: str = "") -> StatTable | None:
    """A table of shares that breaks a whole down completely, or None (see the module)."""
    rows = [[c.strip() for c in r] for r in raw.rows]
    first = next((i for i, r in enumerate(rows) if len(r) > 1 and any(_numeric(c) and not _YEAR.match(c)
                                                                     for c in r[1:])), None)
    if first is None or first == 0 and raw.kind == "grid":
        return None
    width = max(len(r) for r in rows[first:])
    names = _columns(rows[:first], width) if first else None
    if names is None or not _SHARES.search(title + "".join(names)):
        return None
    data = [(i, r + [""] * (width - len(r))) for i, r in enumerate(rows) if i >= first and len(r) > 1]
    if not data or any(not all(_numeric(c) or _BLANK.match(c) for c in r[1:]) for _, r in data):
        return None
    share_cols = [c for c in range(1, width) if not _RANK.search(names[c])]
    labels = [r[0] for _, r in data]
    rest_row = next((k for k, lab in enumerate(labels) if _REST.search(lab)), None)
    rest_col = next((c for c in share_cols if _REST.search(names[c].split("：")[-1])), None)
    if rest_row is not None and len(share_cols) >= 1 and rest_row >= 1:
        kind, classes = "composition-rows", set(range(rest_row + 1))
        parts = share_cols
    elif rest_col is not None and rest_col >= 2:
        kind, classes = "composition-columns", set()
        parts = [c for c in share_cols if c <= rest_col]
    else:
        return None
    table = StatTable(raw.name, doc, names, {c: "part" for c in parts}, {}, [], [], kind=kind, title=title)
    n = first_id
    subset = False
    for k, (r, cells) in enumerate(data):
        subset = subset or bool(_SUBSET_HEAD.search(cells[0]))
        row = TableRow(r, cells[0], cells[0], "%", 0.5, False, subset or (kind == "composition-rows" and k not in classes),
                       False, raw.lines[r] if raw.lines else r + 1)
        for c in range(1, width):
            text = cells[c]
            span = raw.spans[r][c] if raw.spans and r < len(raw.spans) and c < len(raw.spans[r]) else None
            fig = None
            if _numeric(text) and span is not None:
                digits = text.replace(",", "")
                fig = Figure(doc=doc, figure_id=f"T{n:04d}", sentence_id=row.line, start=span[0], end=span[1],
                             raw=text, mantissa=digits.lstrip("+-"), value=Fraction(digits), unit="%",
                             decimals=len(digits.partition(".")[2]), label=cells[0], kind="number",
                             flags=("table",), row_path=cells[0], column=names[c])
                n += 1
                table.figures.append(fig)
                table.cells[fig.figure_id] = (r, c)
            row.cells[str(c)] = Cell(fig, text)
        table.rows.append(row)
    return table if table.figures else None
