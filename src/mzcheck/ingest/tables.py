"""Table files in: CSV and XLSX, read into :class:`RawTable` (rows of cell strings).

:class:`RawTable` is also what :mod:`mzcheck.extract.text_tables` finds inside a
report's text, with the cells' character offsets (so findings can point at the cell),
and a line number per row. Understanding a table (which column is 本期, how rows
nest) is :mod:`mzcheck.extract.tables`'s job.
"""

from __future__ import annotations

import csv
import io
import re
from decimal import ROUND_HALF_UP, Decimal
from dataclasses import dataclass, field

from mzcheck.errors import InputError
from mzcheck.limits import CELLS

Span = tuple[int, int]


@dataclass
class RawTable:
    name: str
    rows: list[list[str]]
    spans: list[list[Span | None]] = field(default_factory=list)   # cell offsets in the text
    lines: list[int] = field(default_factory=list)                 # 1-based line of each row
    indents: list[int] = field(default_factory=list)               # leading spaces (line tables)
    kind: str = "grid"                                             # grid | lines
    padded: list[int] = field(default_factory=list)                # rows with fewer values than columns, filled at the end
    cut: list[int] = field(default_factory=list)                   # a last row the text ends inside of


# --------------------------------------------------------------------------- files
#: What a table reader could not read: (what, line) — reported, never dropped silently.
Unread = list[tuple[str, int]]


def read_csv(data: bytes, name: str, unread: Unread) -> RawTable:
    from mzcheck.ingest.decode import decode_text

    text, _ = decode_text(data, name)
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect, strict=True)
    rows, lines = [], []
    cells, limit = 0, CELLS.value()
    try:
        for row in reader:
            rows.append([c.strip() for c in row])
            lines.append(reader.line_num)
            cells += len(row)
            if cells > limit:
                raise InputError(name, CELLS.refusal("表格过大"))
    except csv.Error as exc:
        if "quot" in str(exc) or "EOF" in str(exc) or "end of data" in str(exc):
            unread.append((f"第 {reader.line_num} 行：引号不成对，此后的内容无法按列读取（{exc}）", reader.line_num))
        else:
            raise InputError(name, f"CSV 无法解析（第 {reader.line_num} 行：{exc}）") from None
    return RawTable(name, rows, lines=lines)


def read_xlsx(data: bytes, name: str, unread: Unread) -> list[RawTable]:
    from mzcheck.ingest.zipguard import check_zip

    check_zip(data, name, ".xlsx")
    try:
        return _read_xlsx(data, name, unread)
    except InputError:
        raise
    except Exception as exc:   # openpyxl on a malformed part: mismatched tags, undefined entities …
        detail = str(exc).splitlines()[0][:80] if str(exc) else ""
        raise InputError(name, f"无法读取 .xlsx（{type(exc).__name__}{'：' + detail if detail else ''}）") from None


def _read_xlsx(data: bytes, name: str, unread: Unread) -> list[RawTable]:
    from openpyxl import load_workbook

    values = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    formulas = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    tables = []
    cells, limit = 0, CELLS.value()
    for sheet, written in zip(values.worksheets, formulas.worksheets, strict=True):
        rows, lines = [], []
        for i, (row, source) in enumerate(zip(sheet.iter_rows(), written.iter_rows(values_only=True),
                                              strict=False), start=1):
            texts = []
            for c, cell in enumerate(row):
                value = getattr(cell, "value", None)
                if value is None:
                    formula = source[c] if c < len(source) else None
                    if isinstance(formula, str) and formula.startswith("="):
                        unread.append((f"{sheet.title}!{_column(c)}{i}：公式无缓存值（{formula[:40]}），"
                                       f"请在 Excel/WPS 中重新计算并保存", i))
                texts.append("" if value is None else _cell_text(value, getattr(cell, "number_format", "General")))
            cells += len(texts)
            if cells > limit:
                raise InputError(name, CELLS.refusal("表格过大"))
            if any(texts):
                rows.append(texts)
                lines.append(i)
        if rows:
            tables.append(RawTable(f"{name}#{sheet.title}", rows, lines=lines))
    values.close()
    formulas.close()
    return tables


def _column(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


_DECIMALS = re.compile(r"0\.(0+)")


def _cell_text(value: object, number_format: str = "General") -> str:
    """A cell as it is shown: a number with the decimals its number format displays
    (3 stored, shown ``0.0``, is printed 3.0 and read as ±0.05), a percentage format
    as a percentage; otherwise the shortest exact decimal of the stored double."""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, (int, float)):
        fmt = (number_format or "General").split(";")[0]
        percent = "%" in fmt
        shown = Decimal(repr(value)) * (100 if percent else 1)
        m = _DECIMALS.search(fmt)
        if m or (fmt not in ("General", "@") and "0" in fmt and "." not in fmt):
            places = len(m.group(1)) if m else 0
            text = f"{shown.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP):f}"
        else:
            text = f"{shown.normalize():f}" if shown == shown.to_integral_value() else str(shown)
            if text.endswith(".0"):
                text = text[:-2]
        return text + ("%" if percent else "")
    return str(value).strip()


def read_table_bytes(data: bytes, name: str, suffix: str) -> tuple[list[RawTable], Unread]:
    """A table file's bytes: .xlsx (every sheet) or delimited text (.csv, .tsv), and
    what could not be read in it."""
    unread: Unread = []
    if suffix == ".xlsx":
        return read_xlsx(data, name, unread), unread
    from mzcheck.ingest.decode import sniff_binary

    kind = sniff_binary(data)
    if kind is not None:
        raise InputError(name, f"不是文本文件（内容是{kind}）")
    return [read_csv(data, name, unread)], unread
