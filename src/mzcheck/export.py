"""The figures table out: CSV (default), JSON or Parquet, chosen by the file extension.

Exact values are written as strings ("12147400", "1/3"): no binary float ever
touches a value on its way out.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
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


#: A cell a spreadsheet would run as a formula (OWASP "CSV injection").
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:/\d+)?")


def neutralise(cell: str) -> str:
    """A text cell that starts like a formula gets a leading ' (OWASP's advice), so Excel
    and WPS show it as text instead of running it; numbers (-35, -1/3) stay numbers."""
    if cell.startswith(_FORMULA_START) and not _PLAIN_NUMBER.fullmatch(cell):
        return "'" + cell
    return cell


def figures_csv(figures: Sequence[Figure]) -> str:
    """The figures table as CSV; text cells that would run as formulas are neutralised."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows([neutralise(c) for c in row] for row in _csv_rows(figures))
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


# --------------------------------------------------------------------------- figures of a run, as a dataset
PARTITION = "document"


def partition_key(doc_name: str) -> str:
    """A short stable name for a document's partition; the full path is the ``doc`` column.
    (A path can be longer than a file name may be: 220 bytes of Chinese is common.)"""
    import hashlib

    return hashlib.sha256(doc_name.encode("utf-8")).hexdigest()[:16]


def write_partition(directory: str, doc_name: str, figures: Sequence[Figure]) -> None:
    """One Parquet file per document under DIR/document=<key>/ (Hive-style partitions)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    records = to_records(figures)
    columns = {}
    for name in COLUMNS:
        values = [r[name] for r in records]
        if name == "flags":
            values = [";".join(v) if isinstance(v, list) else str(v) for v in values]
        if name in ("sentence_id", "start", "end", "decimals", "group"):
            columns[name] = pa.array(values, type=pa.int64())
        else:
            columns[name] = pa.array(["" if v is None else str(v) for v in values], type=pa.string())
    part = Path(directory) / f"{PARTITION}={partition_key(doc_name)}"
    part.mkdir(exist_ok=True)         # the staging folder must exist: a stopped run removed it
    pq.write_table(pa.table(columns), part / "figures.parquet")


def link_partition(directory: str, doc_name: str, links: dict[str, str]) -> None:
    """Fill ``prior_figure`` of a document's partition (figure id → ``doc#figure_id``), once
    the run has compared its reports across years."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = Path(directory) / f"{PARTITION}={partition_key(doc_name)}" / "figures.parquet"
    table = pq.read_table(path)
    ids = table.column("figure_id").to_pylist()
    prior = pa.array([links.get(i, "") for i in ids], type=pa.string())
    table = table.set_column(table.schema.get_field_index("prior_figure"), "prior_figure", prior)
    pq.write_table(table, path)


class FiguresDataset:
    """The figures of a run, written to a staging folder beside the target and swapped in
    at the end: an interrupted or failed run leaves the previous dataset as it was, and a
    second run never mixes with the partitions of the first."""

    def __init__(self, target: str) -> None:
        import tempfile

        self.target = Path(target)
        if self.target.exists():
            if not self.target.is_dir():
                raise MzcheckError(f"{target}: 已存在且不是目录，--figures-out 需要一个目录")
            foreign = [p.name for p in self.target.iterdir() if not p.name.startswith(f"{PARTITION}=")]
            if foreign:
                raise MzcheckError(f"{target}: 目录中有不属于图表数据集的内容（{foreign[0]} 等），拒绝覆盖；"
                                   f"请指定新目录或空目录")
        parent = self.target.parent if str(self.target.parent) else Path(".")
        try:
            parent.mkdir(parents=True, exist_ok=True)
            self.staging = tempfile.mkdtemp(prefix=f".{self.target.name}.", suffix=".tmp", dir=parent)
        except OSError as exc:
            raise MzcheckError(f"{target}: 无法创建（{exc.strerror}）") from None

    def commit(self) -> None:
        import shutil

        old = None
        if self.target.exists():
            old = Path(self.staging + ".old")
            os.rename(self.target, old)
        os.rename(self.staging, self.target)
        self.staging = ""
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)

    def discard(self) -> None:
        import shutil

        if self.staging:
            shutil.rmtree(self.staging, ignore_errors=True)
            self.staging = ""
