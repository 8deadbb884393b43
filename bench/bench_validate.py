"""`mzcheck validate` on a generated 100,000-row curated figures table, with the pandera
engine and the GX engine: wall time of the validation alone (in this process, imports
done) and of the whole command (a fresh process, imports included).

Written to bench/results/validate.json; run with `make bench`. Never asserted by a test.
"""

from __future__ import annotations

import csv
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
ROWS = int(os.environ.get("MZCHECK_BENCH_ROWS", "100000"))
SCHEMA = str(ROOT / "schemas" / "curated-figures.yaml")
UNITS = ["元", "万元", "亿元", "人", "万人", "户", "家", "个", "%", "人次"]


def make_table(path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["metric", "value", "unit", "qualifier", "period", "region", "source"])
        for i in range(ROWS):
            unit = UNITS[i % len(UNITS)]
            value = str(i % 97) if unit in ("人", "户", "家", "个", "人次") else f"{(i % 9000) / 100:.2f}"
            metric = f"指标{i:06d}" + ("占比" if unit == "%" else "")
            w.writerow([metric, value, unit, ["", "约", "超"][i % 3], "2022", "南通市", "生成的数据"])


def in_process(path: Path, engine: str) -> float:
    from mzcheck.validate.run import validate_paths

    validate_paths([str(path)], SCHEMA, [], engine=engine)   # warm: imports and registrations
    t0 = time.perf_counter()
    validate_paths([str(path)], SCHEMA, [], engine=engine)
    return time.perf_counter() - t0


def whole_process(path: Path, engine: str) -> float:
    cmd = [sys.executable, "-m", "mzcheck", "validate", str(path), "--schema", SCHEMA, "--engine", engine,
           "-o", str(path.with_suffix(f".{engine}.json"))]
    t0 = time.perf_counter()
    subprocess.run(cmd, capture_output=True, check=False)
    return time.perf_counter() - t0


def main() -> None:
    try:
        import great_expectations  # noqa: F401
        engines = ["pandera", "gx"]
    except ImportError:
        engines = ["pandera"]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "figures.csv"
        make_table(path)
        results = {}
        for engine in engines:
            results[engine] = {"validate_only_s": round(in_process(path, engine), 3),
                               "whole_process_s": round(whole_process(path, engine), 3)}
            print(f"validate {ROWS:,} rows, {engine:7s}: {results[engine]['validate_only_s']:.2f} s "
                  f"(imports excluded), {results[engine]['whole_process_s']:.2f} s (whole process)")
    out = ROOT / "bench" / "results" / "validate.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"rows": ROWS, "engines": results, "python": platform.python_version(),
                               "machine": f"{platform.machine()}, {os.cpu_count()} cores"},
                              indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"written to {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
