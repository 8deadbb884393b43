"""Table files in: CSV and XLSX, read into :class:`RawTable` (rows of cell strings).

:class:`RawTable` is also what :mod:`mzcheck.extract.text_tables` finds inside a
report's text, with the cells' character offsets (so findings can point at the cell),
and a line number per row. Understanding a table (which column is 本期, how rows
nest) is :mod:`mzcheck.extract.tables`'s job.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from mzcheck.errors import InputError

Span = tuple[int, int]


@dataclass
class RawTable:
    name: str
    rows: list[list[str]]
    spans: list[list[Span | None]] = field(default_factory=list)   # cell offsets in the text
    lines: list[int] = field(default_factory=list)                 # 1-based line of each row
    indents: list[int] = field(default_factory=list)               # leading spaces (line tables)
    kind: str = "grid"                                             # grid | lines


# --------------------------------------------------------------------------- files
def read_csv(data: bytes, name: str) -> RawTable:
    from mzcheck.ingest.decode import decode_text

    text, _ = decode_text(data, name)
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    rows, lines = [], []
    try:
        for row in reader:
            rows.append([c.strip() for c in row])
            lines.append(reader.line_num)
    except csv.Error as exc:
        raise InputError(name, f"CSV 无法解析（第 {reader.line_num} 行：{exc}）") from None
    return RawTable(name, rows, lines=lines)


def read_xlsx(data: bytes, name: str) -> list[RawTable]:
    import zipfile

    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        raise InputError(name, "不是有效的 .xlsx 文件") from None
    tables = []
    for sheet in book.worksheets:
        rows, lines = [], []
        for i, row in enumerate(sheet.iter_rows(values_only=True), start=1):
            cells = ["" if v is None else _cell_text(v) for v in row]
            if any(cells):
                rows.append(cells)
                lines.append(i)
        if rows:
            tables.append(RawTable(f"{name}#{sheet.title}", rows, lines=lines))
    book.close()
    return tables


def _cell_text(value: object) -> str:
    if isinstance(value, float):
        # openpyxl gives floats; repr is the shortest exact decimal for the stored double
        text = repr(value)
        return text[:-2] if text.endswith(".0") else text
    return str(value).strip()


def read_table_bytes(data: bytes, name: str, suffix: str) -> list[RawTable]:
    """A table file's bytes: .xlsx (every sheet) or delimited text (.csv, .tsv)."""
    if suffix == ".xlsx":
        return read_xlsx(data, name)
    from mzcheck.ingest.decode import sniff_binary

    kind = sniff_binary(data)
    if kind is not None:
        raise InputError(name, f"不是文本文件（内容是{kind}）")
    return [read_csv(data, name)]
