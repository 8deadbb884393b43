"""End-to-end corpus benchmark (issue 7), printed and written to bench/results/corpus.json:

(b) documents/s of `mzcheck check DIR` on a generated corpus of 2,000 documents of about
    3 KB (slices of the sample report and ../shared/corpus/ when present, every figure
    perturbed so no two documents are alike), with --jobs 1 and --jobs 2;
(c) whole-process wall time of `mzcheck check data/nantong-2022-minzheng.txt` against
    the floor `python -c "import pandas"`, both measured here, best of 5;
(d) peak memory (max RSS of the largest process) of the 2,000- and 4,000-document runs.
"""

from __future__ import annotations

import json
import os
import platform
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "nantong-2022-minzheng.txt"
CORPUS = ROOT.parent / "shared" / "corpus"
DOCS = int(os.environ.get("MZCHECK_BENCH_DOCS", "2000"))
SLICE = 1150          # characters to leave room for at the end of a source
TARGET_BYTES = 3000   # documents of about 3 KB


def sources() -> list[str]:
    texts = [SAMPLE.read_text(encoding="utf-8")]
    if CORPUS.is_dir():
        texts += [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    return texts


def make_corpus(folder: Path, count: int, seed: int = 2026) -> int:
    rng = random.Random(seed)
    texts = sources()
    total = 0
    for i in range(count):
        # every source equally often (statistics pages are denser in figures than prose);
        # joined with the next source so that short pages still give a full-size document
        text = texts[i % len(texts)] + "\n" + texts[(i + 1) % len(texts)]
        start = rng.randrange(0, max(1, len(text) - SLICE))
        end = start + SLICE // 3
        while end < len(text) and len(text[start:end].encode("utf-8")) < TARGET_BYTES:
            end += 40                           # grow to about 3 KB of UTF-8, whatever the script mix
        piece = text[start:end]
        piece = re.sub(r"\d+", lambda m: str(int(m.group()) + rng.randrange(0, 9)), piece)
        path = folder / f"{i // 100:03d}" / f"doc{i:05d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(piece, encoding="utf-8")
        total += len(piece.encode("utf-8"))
    return total // count


def timed(cmd: list[str]) -> tuple[float, int]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t0 = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    elapsed = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return elapsed, max(peak, before)


def mzcheck(*args: str) -> list[str]:
    return [sys.executable, "-m", "mzcheck", *args]


def main() -> None:
    result: dict = {"python": platform.python_version(), "machine": f"{platform.machine()}, {os.cpu_count()} cores",
                    "cpu": platform.processor() or platform.machine()}
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        result["document_bytes"] = make_corpus(corpus, DOCS)
        result["documents"] = DOCS
        runs = {}
        for jobs in (1, 2):
            elapsed, _ = timed(mzcheck("check", str(corpus), "--jobs", str(jobs), "-o", str(Path(tmp) / f"r{jobs}.json")))
            runs[jobs] = elapsed
            result[f"jobs{jobs}_seconds"] = round(elapsed, 2)
            result[f"jobs{jobs}_docs_per_second"] = round(DOCS / elapsed)
        result["speedup_1_to_2"] = round(runs[1] / runs[2], 2)
        # peak memory: a fresh process per run, so each RUSAGE_CHILDREN maximum is that run's
        for count in (DOCS, 2 * DOCS):
            folder = Path(tmp) / f"mem{count}"
            make_corpus(folder, count, seed=count)
            code = (f"import resource, subprocess, sys; subprocess.run({mzcheck('check', str(folder), '--jobs', '2', '-o', str(Path(tmp) / 'm.json'))!r}, "
                    "stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); "
                    "print(max(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss))")
            peak = int(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout.strip() or 0)
            result[f"peak_rss_mib_{count}_docs"] = round(peak / 1024, 1)
    floor = min(timed([sys.executable, "-c", "import pandas"])[0] for _ in range(5))
    single = min(timed(mzcheck("check", str(SAMPLE)))[0] for _ in range(5))
    result["import_pandas_floor_s"] = round(floor, 3)
    result["check_sample_wall_s"] = round(single, 3)
    result["check_sample_above_floor_s"] = round(single - floor, 3)
    out = ROOT / "bench" / "results" / "corpus.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    for key, value in result.items():
        print(f"{key:32s} {value}")
    print(f"written to {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
