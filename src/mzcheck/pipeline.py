"""The one way from paths to a result: expand folders, check each document, collect.

``run`` hands each document to a worker (in this process for one document, a local
process pool or a Dask cluster for many) and consumes the results in input order as
they arrive, so the result is the same, byte for byte, whatever the executor. Every
run keeps the same things — each document with its text and figure positions, every
check that ran, every finding — and keeps them in :class:`Spill` files on disk, so
memory stays flat however many documents an archive holds. An unreadable file becomes
one MZ010 finding and the rest are still checked.
"""

from __future__ import annotations

import fnmatch
import os
import pickle
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Generic, Iterable, Iterator, Sequence, TypeVar, Union

from mzcheck.config import DEFAULTS, Config
from mzcheck.errors import MzcheckError
from mzcheck.finding import Check, DocumentInfo, Finding, RunResult
from mzcheck.ingest import SUPPORTED, Document

T = TypeVar("T")
#: What a worker checks: a path, or a document read already (tests, rule pages).
Item = Union[str, Document]


class Spill(Generic[T]):
    """Items written to a temporary file as they arrive and read back, in order, on each
    iteration. Holds at most ``batch`` items in memory."""

    def __init__(self, batch: int = 256) -> None:
        self._file = tempfile.TemporaryFile()
        self._buffer: list[T] = []
        self._batch = batch
        self._count = 0

    def extend(self, items: Iterable[T]) -> None:
        for item in items:
            self._buffer.append(item)
            self._count += 1
        if len(self._buffer) >= self._batch:
            self._flush()

    def _flush(self) -> None:
        if self._buffer:
            self._file.seek(0, os.SEEK_END)
            pickle.dump(self._buffer, self._file, protocol=pickle.HIGHEST_PROTOCOL)
            self._buffer = []

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[T]:
        self._flush()
        self._file.flush()
        position = 0
        while True:
            self._file.seek(position)
            try:
                chunk = pickle.load(self._file)
            except EOFError:
                break
            position = self._file.tell()
            yield from chunk


@dataclass
class DocOutcome:
    """What a worker sends back for one document (small and picklable)."""

    path: str
    info: DocumentInfo | None
    findings: list[Finding]
    checks: list[Check]
    error: str = ""


def expand(paths: Sequence[str], pattern: str | None) -> tuple[list[str], bool, list[tuple[str, str]]]:
    """(files, any directory given, [(path, reason)] for paths that cannot be listed)."""
    files: list[str] = []
    problems: list[tuple[str, str]] = []
    corpus = False
    for p in paths:
        if os.path.isdir(p):
            corpus = True
            seen: set[tuple[int, int]] = set()
            def unlistable(error: OSError, top: str = p) -> None:
                problems.append((str(error.filename or top), f"无法读取目录（{error.strerror}）"))

            for root, dirs, names in os.walk(p, followlinks=True, onerror=unlistable):
                st = os.stat(root)
                if (st.st_dev, st.st_ino) in seen:     # a symlink loop: do not walk it twice
                    problems.append((root, "目录链接成环，已跳过"))
                    dirs[:] = []
                    continue
                seen.add((st.st_dev, st.st_ino))
                dirs.sort()
                for name in sorted(names):
                    full = os.path.join(root, name)
                    rel = os.path.relpath(full, p)
                    if pattern is not None:
                        if fnmatch.fnmatch(rel, pattern) or fnmatch.fnmatch(name, pattern):
                            files.append(full)
                    elif Path(name).suffix.lower() in SUPPORTED and not name.startswith("."):
                        files.append(full)
        else:
            files.append(p)
    return files, corpus, problems


def work(item: Item, config: Config, figures_out: str | None) -> DocOutcome:
    """Check one document; never raises for a bad input (it is reported instead)."""
    from mzcheck.engine import check_document
    from mzcheck.ingest import read_document

    name = item.name if isinstance(item, Document) else str(item)
    try:
        doc = item if isinstance(item, Document) else read_document(item)
        result = check_document(doc, config)
    except MzcheckError as exc:
        return DocOutcome(name, None, [], [], error=str(exc).split(": ", 1)[-1])
    except RecursionError:
        return DocOutcome(name, None, [], [], error="文档结构过深，无法处理")
    if figures_out:
        write_figures_partition(figures_out, doc.name, result.extraction.figures)
    return DocOutcome(name, result.info, result.findings, result.checks)


def write_figures_partition(directory: str, doc_name: str, figures) -> None:
    """One Parquet file per document under DIR/document=<name>/ (Hive-style partitions)."""
    from urllib.parse import quote

    import pyarrow as pa
    import pyarrow.parquet as pq

    from mzcheck.figures import COLUMNS, to_records

    records = to_records(figures)
    columns = {}
    for name in COLUMNS:
        if name == "doc":
            continue   # the partition key
        values = [r[name] for r in records]
        if name == "flags":
            values = [";".join(v) if isinstance(v, list) else str(v) for v in values]
        if name in ("sentence_id", "start", "end", "decimals", "group"):
            columns[name] = pa.array(values, type=pa.int64())
        else:
            columns[name] = pa.array(["" if v is None else str(v) for v in values], type=pa.string())
    part = Path(directory) / f"document={quote(doc_name, safe='')}"
    part.mkdir(parents=True, exist_ok=True)
    tmp = part / ".figures.parquet.tmp"
    pq.write_table(pa.table(columns), tmp)
    os.replace(tmp, part / "figures.parquet")


# --------------------------------------------------------------------------- executors
def _local(items: list[Item], fn: Callable[[Item], DocOutcome], jobs: int) -> Iterator[DocOutcome]:
    if jobs <= 1 or len(items) <= 1:
        yield from map(fn, items)
        return
    import multiprocessing

    context = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")
    with context.Pool(jobs) as pool:
        yield from pool.imap(fn, items, chunksize=max(1, min(16, len(items) // (jobs * 8) or 1)))


def _dask(items: list[Item], fn: Callable[[Item], DocOutcome], jobs: int, address: str | None) -> Iterator[DocOutcome]:
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise MzcheckError("Dask 未安装：请运行 pip install 'mzcheck[dask]'") from None
    cluster = None
    if address:
        client = Client(address)
    else:
        cluster = LocalCluster(n_workers=max(jobs, 1), threads_per_worker=1, processes=True,
                               dashboard_address=None)
        client = Client(cluster)
    try:
        window = max(jobs, 1) * 32
        futures: list[Any] = [client.submit(fn, item, pure=False) for item in items[:window]]
        nxt = len(futures)
        for i in range(len(items)):
            outcome = futures[i].result()
            futures[i].release()
            futures[i] = None
            if nxt < len(items):                     # keep a bounded window in flight
                futures.append(client.submit(fn, items[nxt], pure=False))
                nxt += 1
            yield outcome
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


class _Progress:
    """One line on stderr, only on a TTY: documents done, findings so far, rate, time left."""

    def __init__(self, total: int, enabled: bool) -> None:
        self.total, self.enabled, self.start, self.last = total, enabled, time.monotonic(), 0.0

    def update(self, done: int, findings: int) -> None:
        now = time.monotonic()
        if not self.enabled or (now - self.last < 0.2 and done < self.total):
            return
        self.last = now
        rate = done / max(now - self.start, 1e-6)
        left = (self.total - done) / rate if rate else 0
        sys.stderr.write(f"\r已检查 {done}/{self.total} 个文件，{findings} 个问题，{rate:.0f} 个/秒，剩余约 {left:.0f} 秒 ")
        sys.stderr.flush()

    def close(self) -> None:
        if self.enabled:
            sys.stderr.write("\n")


def run(sources: Sequence["str | Path | Document"], config: Config = DEFAULTS, jobs: int | None = None,
        pattern: str | None = None, executor: str = "local", figures_out: str | None = None,
        progress: bool = False) -> RunResult:
    """Check every source — a file, a folder (searched recursively) or a Document read
    already — and return the result. Raises MzcheckError when nothing could be read."""
    from functools import partial

    from mzcheck.engine import unreadable
    from mzcheck.rules.registry import all_rules, rule_pages

    items: list[Item] = []
    problems: list[tuple[str, str]] = []
    for source in sources:
        if isinstance(source, Document):
            items.append(source)
            continue
        files, _, found = expand([str(source)], pattern)
        items.extend(files)
        problems.extend(found)
    jobs = jobs or os.cpu_count() or 1
    fn = partial(work, config=config, figures_out=figures_out)
    if executor == "local":
        outcomes: Iterable[DocOutcome] = _local(items, fn, jobs)
    elif executor.startswith("dask"):
        _, _, address = executor.partition("=")
        outcomes = _dask(items, fn, jobs, address or None)
    else:
        raise MzcheckError(f"未知执行器 {executor}（local 或 dask[=地址]）")
    bar = _Progress(len(items), progress)
    documents: Spill[DocumentInfo] = Spill(batch=16)
    checks: Spill[Check] = Spill()
    findings: Spill[Finding] = Spill()
    codes: set[str] = set()

    def keep(new: list[Finding]) -> None:
        findings.extend(new)
        codes.update(f.code for f in new)

    for p, r in problems:
        keep(unreadable(p, r, config))
    readable = 0
    bad = [f"{p}: {r}" for p, r in problems]
    for n, outcome in enumerate(outcomes, start=1):
        if outcome.error:
            keep(unreadable(outcome.path, outcome.error, config))
            bad.append(f"{outcome.path}: {outcome.error}")
        else:
            readable += 1
            assert outcome.info is not None
            documents.extend([outcome.info])
            keep(outcome.findings)
            checks.extend(outcome.checks)
            codes.update(c.code for c in outcome.checks)
        bar.update(n, len(findings))
    bar.close()
    if readable == 0:
        reasons = "；".join(bad)[:300]
        raise MzcheckError(f"没有可读取的文件（{reasons or '没有找到文件'}）")
    rules_run = config.policy.rules_run(r.code for r in all_rules() if r.check is not None)
    return RunResult(documents, checks, findings, rules_run, rule_pages(codes))
