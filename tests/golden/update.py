"""Regenerate the golden files: `python tests/golden/update.py`, then READ the diff
(`git diff tests/golden`) before committing — a golden file is reviewed, not trusted.

sample.json is the canonical result of `mzcheck check` on the sample report; every
other golden file is rendered from it, as `mzcheck report --from` would.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT / "src"))

FORMATS = {"txt": "text", "junit.xml": "junit", "sarif": "sarif", "github.txt": "github", "html": "html"}


def canonical() -> str:
    import os

    from mzcheck.pipeline import run
    from mzcheck.report.canonical import dumps, result_dict

    os.environ.pop("SOURCE_DATE_EPOCH", None)
    cwd = os.getcwd()
    os.chdir(ROOT)   # document names are relative to the repository, as in `make demo`
    try:
        result = run(["data/nantong-2022-minzheng.txt"])
    finally:
        os.chdir(cwd)
    return dumps(result_dict(result, {"fail_on": "error", "select": [], "ignore": [], "waived": 0}))


def render(data: dict, fmt: str) -> str:
    from mzcheck.report import render as _render

    return _render(data, fmt, "error", color=False)


def main() -> None:
    import json

    text = canonical()
    (HERE / "sample.json").write_text(text, encoding="utf-8")
    data = json.loads(text)
    for suffix, fmt in FORMATS.items():
        (HERE / f"sample.{suffix}").write_text(render(data, fmt), encoding="utf-8")
    print("golden files written; review them with: git diff tests/golden")


if __name__ == "__main__":
    main()
