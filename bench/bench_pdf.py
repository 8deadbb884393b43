"""PDF reading and checking speed on the real PDFs in ../shared/relations/pdf/ (when present),
and `check` on the real reports of ../shared/relations/docs/: pages/s and characters/s,
written to bench/results/pdf.json. Run with `make bench`; never asserted by a test."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "relations"
sys.path.insert(0, str(ROOT / "src"))

from mzcheck.engine import check_document  # noqa: E402
from mzcheck.ingest import read_document  # noqa: E402
from mzcheck.ingest.pdf import pdf_text  # noqa: E402

RUNS = 5


def best(fn) -> float:
    timings = []
    for _ in range(RUNS):
        t0 = time.perf_counter()
        fn()
        timings.append(time.perf_counter() - t0)
    return min(timings)


def main() -> None:
    pdfs = sorted((SHARED / "pdf").glob("*.pdf"))
    docs = sorted((SHARED / "docs").glob("*.txt"))
    if not pdfs or not docs:
        print("bench_pdf: ../shared/relations not present, skipped")
        return
    result: dict = {"pdfs": []}
    pages = chars = 0
    read_total = check_total = 0.0
    for path in pdfs:
        data = path.read_bytes()
        text, starts = pdf_text(data, path.name)
        read_s = best(lambda data=data, path=path: pdf_text(data, path.name))
        check_s = best(lambda path=path: check_document(read_document(path)))
        result["pdfs"].append({"file": path.name, "pages": len(starts), "characters": len(text),
                               "read_seconds": round(read_s, 4), "read_and_check_seconds": round(check_s, 4)})
        pages, chars = pages + len(starts), chars + len(text)
        read_total, check_total = read_total + read_s, check_total + check_s
    result["pdf_pages_per_second_read"] = round(pages / read_total)
    result["pdf_characters_per_second_read"] = round(chars / read_total)
    result["pdf_pages_per_second_read_and_check"] = round(pages / check_total, 1)
    result["pdf_characters_per_second_read_and_check"] = round(chars / check_total)
    documents = [read_document(p) for p in docs]
    size = sum(len(d.text) for d in documents)
    seconds = best(lambda: [check_document(d) for d in documents])
    result["check_real_reports"] = {"documents": len(documents), "characters": size, "seconds": round(seconds, 3),
                                    "characters_per_second": round(size / seconds)}
    out = ROOT / "bench" / "results" / "pdf.json"
    out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"pdf: {pages} pages, {chars:,} chars: read {result['pdf_pages_per_second_read']:,} pages/s "
          f"({result['pdf_characters_per_second_read']:,} chars/s); read and check "
          f"{result['pdf_pages_per_second_read_and_check']} pages/s "
          f"({result['pdf_characters_per_second_read_and_check']:,} chars/s)")
    print(f"check on {len(documents)} real reports ({size:,} chars): "
          f"{result['check_real_reports']['characters_per_second']:,} chars/s (one core)")
    print(f"written to {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
