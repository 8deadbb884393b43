"""A whole archive in one command: expand folders, check documents in parallel, stream.

``run_corpus`` hands each document to a worker (a local process pool, or a Dask
cluster) and consumes the results in input order as they arrive, so the result is the
same, byte for byte, whatever the executor. A corpus run keeps the findings and the
per-rule counts, not every document's text or every passed check, so memory does not
grow with the corpus. An unreadable file becomes one MZ010 finding and the rest are
still checked.
"""

from __future__ import annotations

import fnmatch
import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence

from mzcheck.engine import Options
from mzcheck.errors import MzcheckError
from mzcheck.finding import Check, DocumentInfo, Finding, RunResult, Severity, fingerprint
from mzcheck.ingest import SUPPORTED

UNREADABLE = "MZ010"


@dataclass
class DocOutcome:
    """What a worker sends back for one document (small and picklable)."""

    path: str
    info: DocumentInfo | None
    findings: list[Finding]
    checks: list[Check] | None                        # kept only outside corpus mode
    counts: dict[str, dict[str, int]] = field(default_factory=dict)   # code → outcome → n
    error: str = ""


class FindingSpill:
    """Findings written to a temporary file as they arrive and read back in order.

    A corpus run holds counts in memory, not findings: iterate to stream them.
    """

    def __init__(self) -> None:
        import tempfile

        self._file = tempfile.TemporaryFile()
        self._count = 0
        self.severity: dict[str, int] = {s.value: 0 for s in Severity}

    def extend(self, findings: Sequence[Finding]) -> None:
        import pickle

        if not findings:
            return
        pickle.dump(list(findings), self._file, protocol=pickle.HIGHEST_PROTOCOL)
        self._count += len(findings)
        for f in findings:
            self.severity[f.severity.value] += 1

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[Finding]:
        import pickle

        self._file.flush()
        self._file.seek(0)
        while True:
            try:
                chunk = pickle.load(self._file)
            except EOFError:
                break
            yield from chunk
        self._file.seek(0, os.SEEK_END)


def expand(paths: Sequence[str], pattern: str | None) -> tuple[list[str], bool, list[tuple[str, str]]]:
    """(files, any directory given, [(path, reason)] for paths that cannot be listed)."""
    files: list[str] = []
    problems: list[tuple[str, str]] = []
    corpus = False
    for p in paths:
        if os.path.isdir(p):
            corpus = True
            seen: set[tuple[int, int]] = set()
            for root, dirs, names in os.walk(p, followlinks=True, onerror=lambda e: problems.append(
                    (e.filename or p, f"无法读取目录（{e.strerror}）"))):
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


def work(path: str, options: Options, keep: bool, figures_out: str | None) -> DocOutcome:
    """Check one document; never raises for a bad input (it is reported instead)."""
    from mzcheck.engine import check_document, document_info
    from mzcheck.ingest import read_document

    try:
        doc = read_document(path)
        extraction, checks, findings = check_document(doc, options)
    except MzcheckError as exc:
        return DocOutcome(path, None, [], [] if keep else None, error=str(exc).split(": ", 1)[-1])
    except RecursionError:
        return DocOutcome(path, None, [], [] if keep else None, error="文档结构过深，无法处理")
    if figures_out:
        write_figures_partition(figures_out, doc.name, extraction.figures)
    if keep:
        return DocOutcome(path, document_info(doc, extraction), findings, checks)
    counts: dict[str, dict[str, int]] = {}
    for c in checks:
        slot = counts.setdefault(c.code, {})
        slot[c.outcome] = slot.get(c.outcome, 0) + 1
    info = DocumentInfo(doc.name, doc.format, doc.encoding, len(doc.text), len(extraction.figures))
    return DocOutcome(path, info, findings, None, counts)


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
            values = [";".join(v) for v in values]
        if name in ("sentence_id", "start", "end", "decimals", "group"):
            columns[name] = pa.array(values, type=pa.int64())
        else:
            columns[name] = pa.array(["" if v is None else str(v) for v in values], type=pa.string())
    part = Path(directory) / f"document={quote(doc_name, safe='')}"
    part.mkdir(parents=True, exist_ok=True)
    tmp = part / ".figures.parquet.tmp"
    pq.write_table(pa.table(columns), tmp)
    os.replace(tmp, part / "figures.parquet")


def _unreadable(path: str, reason: str) -> Finding:
    from mzcheck.rules.registry import get_rule

    rule = get_rule(UNREADABLE)
    return Finding(UNREADABLE, rule.name, rule.severity, f"无法检查：{reason}", path, line=1, column=1,
                   stated=reason, fingerprint=fingerprint(UNREADABLE, (path,), reason))


# --------------------------------------------------------------------------- executors
def _local(items: list[str], fn: Callable[[str], DocOutcome], jobs: int) -> Iterator[DocOutcome]:
    if jobs <= 1 or len(items) <= 1:
        yield from map(fn, items)
        return
    import multiprocessing

    context = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")
    with context.Pool(jobs) as pool:
        yield from pool.imap(fn, items, chunksize=max(1, min(16, len(items) // (jobs * 8) or 1)))


def _dask(items: list[str], fn: Callable[[str], DocOutcome], jobs: int, address: str | None) -> Iterator[DocOutcome]:
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
        futures = [client.submit(fn, item, pure=False) for item in items[:window]]
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


def run_corpus(paths: Sequence[str], options: Options = Options(), jobs: int | None = None,
               pattern: str | None = None, executor: str = "local", figures_out: str | None = None,
               progress: bool = False) -> RunResult:
    from functools import partial

    from mzcheck.rules.registry import all_rules, matches

    files, corpus, problems = expand(paths, pattern)
    jobs = jobs or os.cpu_count() or 1
    keep = not corpus
    fn = partial(work, options=options, keep=keep, figures_out=figures_out)
    if executor == "local":
        outcomes: Iterable[DocOutcome] = _local(files, fn, jobs)
    elif executor.startswith("dask"):
        _, _, address = executor.partition("=")
        outcomes = _dask(files, fn, jobs, address or None)
    else:
        raise MzcheckError(f"未知执行器 {executor}（local 或 dask[=地址]）")
    bar = _Progress(len(files), progress)
    infos: list[DocumentInfo] = []
    selected = (lambda f: not matches(f.code, options.ignore)
                and (not options.select or matches(f.code, options.select) or f.code == UNREADABLE))
    findings: list[Finding] | FindingSpill = FindingSpill() if corpus else []
    findings.extend([f for f in (_unreadable(p, r) for p, r in problems) if selected(f)])
    checks: list[Check] = []
    counts: dict[str, dict[str, int]] = {}
    readable = 0
    unreadable = [f"{p}: {r}" for p, r in problems]
    for n, outcome in enumerate(outcomes, start=1):
        if outcome.error:
            findings.extend([f for f in [_unreadable(outcome.path, outcome.error)] if selected(f)])
            unreadable.append(f"{outcome.path}: {outcome.error}")
        else:
            readable += 1
            infos.append(outcome.info)
            findings.extend([f for f in outcome.findings if selected(f)])
            if outcome.checks is not None:
                checks.extend(outcome.checks)
            for code, by_outcome in outcome.counts.items():
                slot = counts.setdefault(code, {})
                for k, v in by_outcome.items():
                    slot[k] = slot.get(k, 0) + v
        bar.update(n, len(findings))
    bar.close()
    if readable == 0:
        reasons = "；".join(unreadable)[:300]
        raise MzcheckError(f"没有可读取的文件（{reasons or '没有找到文件'}）")
    rules_run = tuple(r.code for r in all_rules() if r.check is not None
                      and (not options.select or matches(r.code, options.select)) and not matches(r.code, options.ignore))
    return RunResult(tuple(infos), tuple(checks), findings if corpus else tuple(findings), rules_run,
                     counts if corpus else {})
