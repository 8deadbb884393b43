"""Statistical tables: column roles, row hierarchy, and one figure per filled cell.

A 统计月报 table has an indicator column (指标名称), a unit column (单位), value
columns (本期/数量/本年, 上期/上年/去年同期) and change columns (环比/同比/增长%).
Rows nest by numbering — 一、 (一) 1. (1) A I — and by indentation; 其中 and # rows
are subsets of the row above. An empty cell is recorded as empty, never as zero.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from fractions import Fraction

from mzcheck.figures import Figure
from mzcheck.ingest.tables import RawTable
from mzcheck.numbers import vocab

ROLE_PATTERNS = (
    ("indicator", re.compile(r"^(?:指标(?:名称)?|项目|名称|统计指标)$")),
    ("unit", re.compile(r"^(?:计量)?单位$")),
    ("code", re.compile(r"^(?:代码|栏次|序号|编码)$")),
    ("index", re.compile(r"^(?:价格)?指数$")),        # 指数（上年=100）: 105.8 is a rise of 5.8 %
    ("change", re.compile(r"环比|同比|增长|增减|增幅|增速|比上年|比上期|±")),
    ("previous", re.compile(r"上期|上年|去年|上月|上季|同期")),
    # 1-6月, 1—本月, 一季度, 上半年, 前三季度: a monthly table's period so far
    ("current", re.compile(r"本期|数量|本年|本月|本季|绝对数|数值|金额|合计|累计|期末|年末|产量|^\d{4}年"
                           r"|^\d{1,2}\s*[-—–～~至到]\s*(?:\d{1,2}|本)月|^[一二三四1-4]季度$|^上半年$|^前三季度$")),
)
#: Columns that hold figures (the others name rows, units or codes).
VALUE_ROLES = ("current", "previous", "change", "index", "year")   # year: an earlier year of a yearbook
_HEADER_UNIT = re.compile(r"[(（]\s*([^()（）]{1,8}?)\s*[)）]")
_COLUMN_NUMBER_LABELS = {"甲", "乙", "丙", "丁", "栏次", "序号"}
_NUMBERING = (
    (re.compile(r"^[一二三四五六七八九十]+[、.．]"), 1),
    (re.compile(r"^[(（][一二三四五六七八九十]+[)）]"), 2),
    (re.compile(r"^\d+[.、．](?!\d)"), 3),
    (re.compile(r"^[(（]\d+[)）]"), 4),
    (re.compile(r"^(?:I|II|III|IV|V|VI|VII|VIII|IX|X)(?:\s|[.、])"), 6),
    (re.compile(r"^[A-Z](?:\s|[.、])|^[A-H](?=[\u4e00-\u9fff])(?!股)"), 5),
)
_SUBSET = re.compile(r"^(?:其中[:：]?|#|＃|内[:：])")
_TOTAL = re.compile(r"合计|总计|小计|总数|总量")
_NUMBER = re.compile(r"^[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")


@dataclass
class Cell:
    figure: Figure | None   # None: the cell is empty (not zero)
    text: str


@dataclass
class TableRow:
    index: int
    label: str              # as written, numbering included
    name: str               # without numbering or 其中
    unit: str
    level: float
    numbered: bool
    subset: bool            # 其中 / # / an un-numbered row under a numbered one
    is_total: bool          # 合计 / 总计 / 小计
    line: int
    cells: dict[str, Cell] = field(default_factory=dict)   # column role → cell
    parent: "TableRow | None" = None
    children: list["TableRow"] = field(default_factory=list)
    path: str = ""


@dataclass
class StatTable:
    name: str
    doc: str
    header: list[str]
    roles: dict[int, str]          # column index → role (current, previous, change …)
    column_units: dict[int, str]
    rows: list[TableRow]
    figures: list[Figure]
    cells: dict[str, tuple[int, int]] = field(default_factory=dict)   # figure_id → (row, col) of the raw table
    raw_index: int = 0
    ragged: list[tuple[int, int]] = field(default_factory=list)   # (line, cells) of rows not read: wider than the header
    padded: frozenset[int] = frozenset()   # raw rows read left to right with fewer values than columns
    cut: frozenset[int] = frozenset()      # raw rows the text ends inside of
    kind: str = "grid"             # grid (cells known) | lines (a table flattened into lines of text)
    title: str = ""                # the caption above a table found in text (表5：…（％）)

    def value_columns(self) -> list[str]:
        return [r for r in ("current", "previous") if r in self.roles.values()]


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", text)


_YEAR_COLUMN = re.compile(r"^(?:19|20)\d{2}(?:年)?$")


def _roles(header: list[str]) -> tuple[dict[int, str], dict[int, str]]:
    roles: dict[int, str] = {}
    units: dict[int, str] = {}
    years = [i for i, cell in enumerate(header) if _YEAR_COLUMN.match(_norm(cell))]
    values = [int(_norm(header[i])[:4]) for i in years]
    if values != sorted(set(values)):
        years = []                 # 1985 1995 | 1985 1995: years under groups of columns, not a series
    if len(years) >= 2:            # a yearbook's 2010 2015 2020 2021: the last year is the current one
        roles.update({i: "year" for i in years[:-2]})
        roles[years[-1]], roles[years[-2]] = "current", "previous"
    for i, cell in enumerate(header):
        text = _norm(cell)
        bare = _HEADER_UNIT.sub("", text)
        if i in years and len(years) >= 2:
            continue
        for role, rx in ROLE_PATTERNS:
            if rx.search(bare) and role not in roles.values():
                roles[i] = role
                break
        m = _HEADER_UNIT.search(text)
        if m:
            units[i] = m.group(1)
    return roles, units


def _find_header(raw: RawTable) -> int | None:
    """The header row: it names the indicator or unit column and a value column, or
    names two kinds of value column (绝对数 | 比上年增长)."""
    for i, row in enumerate(raw.rows[:12]):
        roles, _ = _roles(row)
        named = {role for c, role in roles.items() if c < len(row) and _norm(row[c])}
        values = named & set(VALUE_ROLES)
        if values and (named & {"indicator", "unit"} or len(values) >= 2):
            return i
    return None


def _level(name: str) -> tuple[float | None, str]:
    for rx, level in _NUMBERING:
        m = rx.match(name)
        if m:
            return float(level), name[m.end():].strip()
    return None, name


def split_unit(unit: str) -> tuple[str, str, str]:
    """万元 → (万, 元, ''); 元/人·月 → ('', 元, 人·月); 个 → ('', 个, '')."""
    from mzcheck.extract import grammar as g

    unit = _norm(unit).strip("()（）")
    if unit in ("%", "％"):
        return "", "%", ""
    m = g.FUSED_UNIT_RE.fullmatch(unit) if unit else None
    if m:
        return m.group("scale") or "", m.group("unit"), (m.group("per") or "").lstrip("/")
    return "", unit, ""


def _figure(raw: RawTable, doc: str, n: int, r: int, c: int, text: str, row: TableRow, column: str,
            unit_text: str, change: bool) -> Figure | None:
    from mzcheck.extract.normalize import normalize

    clean = normalize(text).replace(" ", "")
    percent = clean.endswith("%") and not change      # a cell shown as a percentage (xlsx 0.0%)
    if not _NUMBER.match(clean.removesuffix("%") if percent else clean):
        return None
    digits = clean.removesuffix("%").replace(",", "").lstrip("+")
    whole, _, frac = digits.lstrip("-").partition(".")
    scale, unit, per = ("", "%", "") if change or percent else split_unit(unit_text)
    if scale not in vocab.SCALES:
        scale = ""
    scale, base_unit = vocab.scaled(scale, unit)
    value = Fraction(digits) * vocab.scale_factor(scale)
    span = raw.spans[r][c] if raw.spans and r < len(raw.spans) and c < len(raw.spans[r]) else None
    start, end = span if span else (0, 0)
    return Figure(
        doc=doc, figure_id=f"T{n:04d}", sentence_id=raw.lines[r] if raw.lines else r + 1,
        start=start, end=end, raw=text, mantissa=digits.lstrip("-") if not digits.startswith("-") else digits,
        value=value, unit=base_unit, per=per, scale=scale, decimals=len(frac), label=row.name,
        kind="number", flags=("table",), row_path=row.path, column=column,
    )


def _aligned(raw: RawTable, h: int) -> tuple[RawTable, list[tuple[int, int]]]:
    """Rows aligned by the header where that is unambiguous, and the rows where it is not.

    Empty cells past the header's last column (a trailing comma on every data row) are
    dropped. If every data row is then as wide as the header, or all the wider ones are
    wider by the same count (an indicator column without a header cell), the table stands
    as it is. Otherwise a row wider than the header cannot be placed: it is left out and
    returned as (line, cells) to be reported, rather than shifting every value it holds.
    """
    if raw.kind != "grid" or raw.spans:
        return raw, []            # tables inside text keep their layout; text_tables aligns them
    head = len(raw.rows[h])
    while head > 1 and not raw.rows[h][head - 1].strip():
        head -= 1
    rows = [list(r) for r in raw.rows]
    for r in range(h + 1, len(rows)):
        while len(rows[r]) > head and not rows[r][-1].strip():
            rows[r].pop()
    widths = {len(r) for r in rows[h + 1:] if any(c.strip() for c in r)}
    wider = {w for w in widths if w > head}
    ragged: list[tuple[int, int]] = []
    if len(wider) > 1 or (wider and widths - wider - {0}):
        for r in range(h + 1, len(rows)):
            if len(rows[r]) > head:
                ragged.append((raw.lines[r] if raw.lines else r + 1, len(rows[r])))
                rows[r] = []          # left out; the row numbers of the others stay as read
        return RawTable(raw.name, rows, raw.spans, raw.lines, raw.indents, raw.kind), ragged
    if rows != raw.rows:
        raw = RawTable(raw.name, rows, raw.spans, raw.lines, raw.indents, raw.kind)
    return raw, ragged


def _ordinal(label: str) -> int:
    """The number of a numbered row: 2 for (2)…, 二、…, 2.…; 0 when there is none."""
    m = re.match(r"^(?:其中[:：]?)?[(（]?([一二三四五六七八九十]+|\d+)", label)
    if not m:
        return 0
    n = m.group(1)
    return int(n) if n.isdigit() else "一二三四五六七八九十".find(n[-1]) + 1 if len(n) == 1 else 10


def _flush_left_level(stack: list[TableRow], last_numbered: TableRow, subset: bool) -> tuple[float, bool]:
    """The level of an unnumbered row set flush left among numbered ones (a flattened form
    has no indentation to go by): a sibling of the unnumbered row the last numbered rows
    hang from (城市低保支出 (1)… (2)… then 农村低保支出, both under 2.社会救助支出), else an item
    under the last numbered row ((1)城市低保人数 其中… then 城市低保户数)."""
    k = max((i for i, x in enumerate(stack) if x.numbered), default=0)
    head = stack[k - 1] if k >= 1 else None
    if head is not None and not head.numbered and head.parent is not None and head.parent.numbered \
            and not _SUBSET.match(head.label):
        return head.level, head.subset
    return last_numbered.level + 0.5, subset


def parse_table(raw: RawTable, doc: str, first_id: int = 1) -> StatTable | None:
    """Understand a raw table; None when it has no recognisable value column."""
    h = _find_header(raw) if raw.kind == "grid" else 0
    if h is None:
        return None
    raw, ragged = _aligned(raw, h)
    width = max(len(r) for r in raw.rows)
    header = raw.rows[h] + [""] * (width - len(raw.rows[h]))
    data_width = max((len(r) for r in raw.rows[h + 1:]), default=width)
    if len(raw.rows[h]) < data_width:  # 13: the indicator column has no header cell
        header = [""] * (data_width - len(raw.rows[h])) + raw.rows[h]
    roles, column_units = _roles(header)
    if not any(role in VALUE_ROLES for role in roles.values()):
        return None
    if "indicator" not in roles.values():
        free = [i for i in range(width) if i not in roles]
        if not free:
            return None      # every column holds values: there are no row names to check by
        roles[free[0]] = "indicator"
    indicator = next(i for i, role in roles.items() if role == "indicator")
    unit_col = next((i for i, role in roles.items() if role == "unit"), None)
    table = StatTable(raw.name, doc, header, roles, column_units, [], [], ragged=ragged, kind=raw.kind,
                      padded=frozenset(raw.padded), cut=frozenset(raw.cut))
    stack: list[TableRow] = []
    last_numbered: TableRow | None = None
    n = first_id
    for r in range(h + 1, len(raw.rows)):
        if not raw.rows[r]:
            continue
        cells = raw.rows[r] + [""] * (width - len(raw.rows[r]))
        written = cells[indicator].strip() if indicator < len(cells) else ""
        label = _norm(written)
        if not label or label in _COLUMN_NUMBER_LABELS:
            continue
        # 其中:(1)儿童福利 is a subset row numbered at level (1): its numbering still places it
        subset = bool(_SUBSET.match(label))
        level, name = _level(_SUBSET.sub("", written.strip()) if subset else written)
        name = _norm(name)
        subset = subset or bool(_SUBSET.match(name))
        name = _SUBSET.sub("", name)
        indent = raw.indents[r] if raw.indents and r < len(raw.indents) else 0
        numbered = level is not None
        if level is None:
            if raw.kind == "lines":
                # indentation: deeper than the nearest shallower row makes a child
                parents = [x for x in stack if (raw.indents[x.index] if x.index < len(raw.indents) else 0) < indent]
                level = parents[-1].level + 0.5 if parents else 0.5
                if not parents and last_numbered is not None:
                    level, subset = _flush_left_level(stack, last_numbered, subset or not _TOTAL.search(name))
            elif last_numbered is not None:
                level = last_numbered.level + 0.5
                subset = subset or not _TOTAL.search(name)
            else:
                level = 0.5
        elif subset and stack:
            level = max(level, stack[-1].level + 0.5)
        unit_text = cells[unit_col] if unit_col is not None and unit_col < len(cells) else ""
        row = TableRow(r, label, name, _norm(unit_text), level, numbered, subset, bool(_TOTAL.search(name)),
                       raw.lines[r] if raw.lines else r + 1)
        while stack and stack[-1].level >= level:
            stack.pop()
        if numbered and stack and not stack[-1].numbered and not stack[-1].children and _ordinal(label) > 1:
            stack.pop()               # (2)农村低保人数 goes on a list begun above, not under 城市低保户数
        row.parent = stack[-1] if stack else None
        if row.parent is not None:
            row.parent.children.append(row)
        row.path = " > ".join([x.label for x in stack] + [label])
        stack.append(row)
        if numbered:
            last_numbered = row
        for c, role in roles.items():
            if role not in VALUE_ROLES or c >= len(cells):
                continue
            unit_for_cell = "" if role == "index" else row.unit or column_units.get(c, "")
            fig = _figure(raw, doc, n, r, c, cells[c], row, _norm(header[c]) or role, unit_for_cell, role == "change")
            if fig is not None:
                n += 1
                table.figures.append(fig)
                table.cells[fig.figure_id] = (r, c)
            row.cells[role if role != "year" else f"year:{c}"] = Cell(fig, cells[c])
        table.rows.append(row)
    return table
