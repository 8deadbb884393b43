"""Extraction throughput on the sample report repeated to at least 1 MB.

Prints characters per second (best of several runs, one core) and writes the result
to bench/results/extract.json: the figure grammar alone (extract_text), and a whole
document's extraction (extract_document: layout repair, tables in text, figures). Run
with `make bench`; never asserted by a test.
"""

from __future__ import annotations

import json
import os
import platform
import resource
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from mzcheck.engine import extract_document  # noqa: E402
from mzcheck.extract import extract_text  # noqa: E402
from mzcheck.ingest import Document  # noqa: E402

TARGET_CHARS = 1_000_000
RUNS = int(os.environ.get("MZCHECK_BENCH_RUNS", "5"))


def main() -> None:
    sample = (ROOT / "data" / "nantong-2022-minzheng.txt").read_text(encoding="utf-8")
    copies = -(-TARGET_CHARS // len(sample))
    text = "\n".join([sample] * copies)
    timings = []
    figures = 0
    for _ in range(RUNS):
        t0 = time.perf_counter()
        figures = len(extract_text(text, "bench"))
        timings.append(time.perf_counter() - t0)
    best = min(timings)
    document = Document("bench.txt", text, "txt", "utf-8")
    whole = []
    for _ in range(RUNS):
        t0 = time.perf_counter()
        extract_document(document)
        whole.append(time.perf_counter() - t0)
    result = {
        "benchmark": "extract_text on the sample report repeated",
        "characters": len(text),
        "copies": copies,
        "figures": figures,
        "runs": RUNS,
        "best_seconds": round(best, 4),
        "median_seconds": round(sorted(timings)[len(timings) // 2], 4),
        "characters_per_second": int(len(text) / best),
        "document_best_seconds": round(min(whole), 4),
        "document_characters_per_second": int(len(text) / min(whole)),
        "max_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "python": platform.python_version(),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores",
        "measured_at": os.environ.get("MZCHECK_NOW") or datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
    }
    out = ROOT / "bench" / "results" / "extract.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"extract: {result['characters']:,} chars, {figures:,} figures, best {best:.3f}s "
          f"→ {result['characters_per_second']:,} chars/s (max RSS {result['max_rss_mib']} MiB); whole document "
          f"(layout, tables, figures) {result['document_characters_per_second']:,} chars/s")
    print(f"written to {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
