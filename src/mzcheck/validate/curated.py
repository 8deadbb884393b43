"""Curated figure tables (data/*/figures.csv): one figure per row, in long form.

Columns: metric, value (the digits as published: 1214.74), unit (as published:
万元), qualifier (约, 超 … or empty), period, region, source (the sentence). A row
becomes a :class:`~mzcheck.figures.Figure`, so declarative rules read it as the
interval its digits, scale and qualifier allow, exactly as in prose.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

from mzcheck.errors import InputError
from mzcheck.figures import Figure
from mzcheck.numbers import vocab

REQUIRED = ("metric", "value", "unit")
COLUMNS = ("metric", "value", "unit", "qualifier", "period", "region", "source")


@dataclass
class Curated:
    path: str
    frame: "pd.DataFrame"     # strings, as read; the index is the line in the file
    figures: dict[str, Figure]
    lines: dict[str, int]    # metric → line in the file


def is_curated(header: list[str]) -> bool:
    return {"metric", "value"} <= {h.strip().lower() for h in header}


def split_unit(unit: str) -> tuple[str, str, str]:
    """万元 → (万, 元, ''); 元/人·月 → ('', 元, 人·月); % → ('', %, '')."""
    from mzcheck.extract.tables import split_unit

    return split_unit(unit)


def row_figure(path: str, line: int, row: dict[str, str]) -> Figure | None:
    text = (row.get("value") or "").strip().replace(",", "")
    try:
        number = Fraction(text)
    except (ValueError, ZeroDivisionError):
        return None
    scale, unit, per = split_unit(row.get("unit", "") or "")
    if scale not in vocab.SCALES:
        scale = ""
    scale, base = vocab.scaled(scale, unit)
    mantissa = text.lstrip("+-")
    qualifier = (row.get("qualifier") or "").strip()
    return Figure(
        doc=path, figure_id=f"R{line:04d}", sentence_id=line, start=0, end=0,
        raw=f"{qualifier}{text}{row.get('unit', '')}", mantissa=mantissa, value=number * vocab.scale_factor(scale),
        unit=base, per=per, scale=scale, qualifier=qualifier, decimals=len(mantissa.partition(".")[2]),
        label=row["metric"], period=(row.get("period") or "").strip(), flags=("curated",),
        column=(row.get("region") or "").strip(),
    )


def load_curated(path: str | Path) -> Curated:
    import pandas as pd

    from mzcheck.ingest import read_document

    doc = read_document(path)
    if not doc.tables or not doc.tables[0].rows:
        raise InputError(str(path), "没有数据行")
    raw = doc.tables[0]
    header = [h.strip().lower() for h in raw.rows[0]]
    rows = [r + [""] * (len(header) - len(r)) for r in raw.rows[1:]]
    frame = pd.DataFrame([r[:len(header)] for r in rows], columns=header, dtype="string")
    frame.index = raw.lines[1:]   # the index is the line in the file
    figures, lines = {}, {}
    for line, row in zip(raw.lines[1:], rows, strict=True):
        record = dict(zip(header, row, strict=False))
        metric = (record.get("metric") or "").strip()
        if not metric:
            continue
        fig = row_figure(str(path), line, record)
        if fig is not None and metric not in figures:
            figures[metric] = fig
            lines[metric] = line
    return Curated(str(path), frame, figures, lines)
