"""The figures table out: CSV (default), JSON or Parquet, chosen by the file extension.

Exact values are written as strings ("12147400", "1/3"): no binary float ever
touches a value on its way out.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Sequence

from mzcheck import __version__
from mzcheck.errors import MzcheckError
from mzcheck.figures import COLUMNS, Figure, to_records
from mzcheck.ingest import Document
from mzcheck.output import write_atomic, write_text_atomic

FORMATS = ("csv", "json", "parquet")
JSON_FORMAT = "mzcheck-figures"
JSON_VERSION = 1


def format_for(path: str | None, explicit: str | None) -> str:
    if explicit:
        return explicit
    if path is None:
        return "csv"
    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix in FORMATS:
        return suffix
    raise MzcheckError(f"{path}: 无法从扩展名判断输出格式（可用 .csv .json .parquet 或 --format）")


def _csv_rows(figures: Sequence[Figure]) -> list[list[str]]:
    rows = []
    for rec in to_records(figures):
        flags = rec["flags"]
        rec["flags"] = ";".join(flags) if isinstance(flags, list) else str(flags)
        rows.append(["" if rec[c] is None else str(rec[c]) for c in COLUMNS])
    return rows


def figures_csv(figures: Sequence[Figure]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows(_csv_rows(figures))
    return buf.getvalue()


def figures_json(docs: Sequence[Document], figures: Sequence[Figure]) -> str:
    payload = {
        "format": JSON_FORMAT,
        "version": JSON_VERSION,
        "mzcheck": __version__,
        "documents": [{"name": d.name, "format": d.format, "encoding": d.encoding,
                       "characters": len(d.text)} for d in docs],
        "figures": to_records(figures),
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def write_figures(docs: Sequence[Document], figures: Sequence[Figure], path: str, fmt: str) -> None:
    if fmt == "csv":
        write_text_atomic(path, figures_csv(figures))
    elif fmt == "json":
        write_text_atomic(path, figures_json(docs, figures))
    elif fmt == "parquet":
        import pandas as pd

        frame = pd.DataFrame(_csv_rows(figures), columns=list(COLUMNS))
        for col in ("sentence_id", "start", "end", "decimals", "group"):
            frame[col] = frame[col].astype("int64")
        write_atomic(path, lambda tmp: frame.to_parquet(tmp, index=False))
    else:  # pragma: no cover - guarded by click.Choice
        raise MzcheckError(f"未知输出格式 {fmt}")
