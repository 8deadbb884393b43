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


def expand(paths: Sequence[str], pattern: str | None, follow_links: bool = False
           ) -> tuple[list[str], list[tuple[str, str]]]:
    """(files, [(path, reason)] for what is found but not checked)."""
    files: list[str] = []
    problems: list[tuple[str, str]] = []
    for p in paths:
        if os.path.isdir(p):
            files += _walk(p, pattern, follow_links, problems)
        else:
            files.append(p)       # a path named on its own: read_bytes refuses what is not a file
    return files, problems


def _wanted(name: str, rel: str, pattern: str | None) -> bool:
    if pattern is not None:
        return fnmatch.fnmatch(rel, pattern) or fnmatch.fnmatch(name, pattern)
    return Path(name).suffix.lower() in SUPPORTED and not name.startswith(".")


def _walk(top: str, pattern: str | None, follow_links: bool, problems: list[tuple[str, str]]) -> list[str]:
    """The files under ``top``, in sorted depth-first order, walked with a stack (a tree
    thousands of folders deep cannot exhaust the interpreter's recursion).

    A link is followed only when it stays inside ``top`` (or with ``follow_links``): a
    link out of the folder given is reported, not read. A link to a device, a pipe or a
    socket is reported as such; folders deeper than MZCHECK_MAX_DEPTH are not entered.
    """
    from mzcheck.ingest import file_kind
    from mzcheck.limits import DEPTH

    inside = os.path.realpath(top)
    max_depth = DEPTH.value()
    st = os.stat(top)
    seen = {(st.st_dev, st.st_ino)}
    files: list[str] = []
    stack: list[tuple[str, int]] = [(top, 0)]
    while stack:
        folder, depth = stack.pop()
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            problems.append((folder, f"无法读取目录（{exc.strerror}）"))
            continue
        subfolders: list[tuple[str, int]] = []
        for entry in entries:
            full = entry.path
            try:
                if entry.is_symlink():
                    target = os.path.realpath(full)
                    try:
                        st = os.stat(full)
                    except OSError:
                        problems.append((full, "链接失效（目标不存在或无法访问）"))
                        continue
                    kind = file_kind(st.st_mode)
                    if kind not in (None, "目录"):
                        if _wanted(entry.name, os.path.relpath(full, top), pattern):
                            problems.append((full, f"不是普通文件（链接指向{kind}），拒绝读取"))
                        continue
                    if not follow_links and target != inside and not target.startswith(inside + os.sep):
                        problems.append((full, "链接指向检查范围之外，未跟随（确需检查请用 --follow-links）"))
                        continue
                else:
                    st = entry.stat(follow_symlinks=False)
            except OSError as exc:
                problems.append((full, f"无法读取（{exc.strerror}）"))
                continue
            if file_kind(st.st_mode) == "目录":
                if (st.st_dev, st.st_ino) in seen:       # a link back up the tree
                    problems.append((full, "目录链接成环，已跳过"))
                elif depth + 1 > max_depth:
                    problems.append((full, DEPTH.refusal("目录层级过深，未继续查找")))
                else:
                    seen.add((st.st_dev, st.st_ino))
                    subfolders.append((full, depth + 1))
            elif _wanted(entry.name, os.path.relpath(full, top), pattern):
                files.append(full)        # a pipe or device named like a report: refused when read
        stack.extend(reversed(subfolders))
    return files


def work(item: Item, config: Config, figures_out: str | None) -> DocOutcome:
    """Check one document; never raises for a bad input (it is reported instead).

    What cannot be read is MZ010 for this document; a failure of our own while checking
    it is MZ901 for this document: either way every other document is still checked.
    """
    from mzcheck.engine import check_document, crashed
    from mzcheck.ingest import read_document

    name = item.name if isinstance(item, Document) else str(item)
    try:
        doc = item if isinstance(item, Document) else read_document(item)
    except MzcheckError as exc:
        return DocOutcome(name, None, [], [], error=str(exc).split(": ", 1)[-1])
    except RecursionError:
        return DocOutcome(name, None, [], [], error="文档结构过深，无法处理")
    except MemoryError:
        return DocOutcome(name, None, [], [], error="内存不足，无法读取")
    except Exception as exc:   # a parsing library failing on a malformed file
        return DocOutcome(name, None, [], [], error=f"无法读取（{type(exc).__name__}）")
    try:
        result = check_document(doc, config)
    except MzcheckError as exc:            # a limit: too many cells or figures
        return DocOutcome(name, None, [], [], error=str(exc).split(": ", 1)[-1])
    except RecursionError:
        return DocOutcome(name, None, [], [], error="文档结构过深，无法处理")
    except Exception as exc:   # our bug: reported for this document, the run goes on
        info = DocumentInfo(doc.name, doc.format, doc.encoding, len(doc.text), 0, doc.text)
        return DocOutcome(name, info, crashed(doc.name, exc, config), [])
    if figures_out:
        from mzcheck.export import write_partition

        write_partition(figures_out, doc.name, result.extraction.figures)
    return DocOutcome(name, result.info, result.findings, result.checks)


# --------------------------------------------------------------------------- executors
def _local(items: list[Item], fn: Callable[[Item], DocOutcome], jobs: int) -> Iterator[DocOutcome]:
    if jobs <= 1 or len(items) <= 1:
        yield from map(fn, items)
        return
    import multiprocessing

    context = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")
    with context.Pool(jobs, initializer=_ignore_interrupts) as pool:
        yield from pool.imap(fn, items, chunksize=max(1, min(16, len(items) // (jobs * 8) or 1)))


def _ignore_interrupts() -> None:
    """Workers leave Ctrl-C to the parent, which stops the pool: one line, no tracebacks."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _dask(items: list[Item], fn: Callable[[Item], DocOutcome], jobs: int, address: str | None) -> Iterator[DocOutcome]:
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise MzcheckError("Dask 未安装：请运行 pip install 'mzcheck[dask]'") from None
    cluster = None
    if address:
        try:
            client = Client(address, timeout="5s")
        except (OSError, TimeoutError) as exc:
            raise MzcheckError(f"无法连接 Dask 调度器 {address}（{type(exc).__name__}：{str(exc)[:120]}）") from None
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
        progress: bool = False, follow_links: bool = False) -> RunResult:
    """Check every source — a file, a folder (searched recursively) or a Document read
    already — and return the result. Raises MzcheckError when nothing could be read.

    ``figures_out`` is written as a new dataset beside the target and moved into place
    only when the run completes: a complete new dataset or the old one, never a mix.
    """
    if not figures_out:
        return _run(sources, config, jobs, pattern, executor, None, progress, follow_links)
    from mzcheck.export import FiguresDataset

    dataset = FiguresDataset(figures_out)
    try:
        result = _run(sources, config, jobs, pattern, executor, dataset.staging, progress, follow_links)
        dataset.commit()
    finally:
        dataset.discard()
    return result


def _run(sources: Sequence["str | Path | Document"], config: Config, jobs: int | None, pattern: str | None,
         executor: str, figures_out: str | None, progress: bool, follow_links: bool) -> RunResult:
    from functools import partial

    from mzcheck.engine import unreadable
    from mzcheck.rules.registry import all_rules, rule_pages

    items: list[Item] = []
    problems: list[tuple[str, str]] = []
    for source in sources:
        if isinstance(source, Document):
            items.append(source)
            continue
        files, found = expand([str(source)], pattern, follow_links)
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
    read_names: list[str] = []
    bad = [f"{p}: {r}" for p, r in problems]
    try:
        for n, outcome in enumerate(outcomes, start=1):
            if outcome.error:
                keep(unreadable(outcome.path, outcome.error, config))
                bad.append(f"{outcome.path}: {outcome.error}")
            else:
                readable += 1
                assert outcome.info is not None
                documents.extend([outcome.info])
                read_names.append(outcome.info.name)
                keep(outcome.findings)
                checks.extend(outcome.checks)
                codes.update(c.code for c in outcome.checks)
            bar.update(n, len(findings))
    finally:
        close = getattr(outcomes, "close", None)
        if close is not None:
            close()            # stop the workers now (Ctrl-C, a failure), not when collected
        bar.close()
    if readable == 0:
        reasons = "；".join(bad)[:300]
        raise MzcheckError(f"没有可读取的文件（{reasons or '没有找到文件'}）")
    if config.across:          # each report against the report of the year before (MZ327)
        from mzcheck.across import across

        given = {d.name: d for d in items if isinstance(d, Document)}
        linked = across([given.get(n, n) for n in read_names], config, dict(config.periods))
        checks.extend(linked.checks)
        keep(linked.findings)
        codes.update(c.code for c in linked.checks)
        if figures_out:
            from mzcheck.export import link_partition

            for name, links in sorted(linked.links.items()):
                link_partition(figures_out, name, links)
    rules_run = config.policy.rules_run(r.code for r in all_rules() if r.check is not None)
    return RunResult(documents, checks, findings, rules_run, rule_pages(codes | set(rules_run)))   # SARIF describes every rule run
