"""docs/corpus-findings.md: every finding on ../shared/corpus, each with a reviewed verdict.

Run `python tests/tools_corpus.py` to regenerate the rows; verdicts already written
are kept, new rows get "UNREVIEWED" and must be reviewed by hand before committing.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "corpus-findings.md"
CORPUS = ROOT.parent / "shared" / "corpus"
HEADER = """# Findings on the development corpus

Every finding `mzcheck check` reports on `../shared/corpus/` (not committed), with a
verdict from reading the source by hand. `tests/test_check_acceptance.py` fails when
this table and the tool disagree; regenerate with `python tests/tools_corpus.py` and
review every `UNREVIEWED` row.

| file | line | code | severity | stated | verdict |
|---|---|---|---|---|---|
"""


def current_rows(paths) -> list[tuple[str, str, str, str, str]]:
    from mzcheck.pipeline import run

    rows = []
    for path in sorted(paths):
        for f in run([path]).findings:
            stated = (f.stated or (f.figures[0].raw if f.figures else "")).replace("|", "/").replace("\n", "⏎")
            rows.append((Path(path).name, str(f.line), f.code, f.severity.value, stated))
    return rows


def documented_rows() -> list[tuple[str, str, str, str, str]]:
    return [r[:5] for r in _table()]


def _table() -> list[tuple[str, ...]]:
    if not DOC.exists():
        return []
    rows = []
    for line in DOC.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 6 and cells[0].endswith(".txt"):
            rows.append(tuple(cells))
    return rows


def main() -> None:
    sys.path.insert(0, str(ROOT / "src"))
    verdicts = {r[:5]: r[5] for r in _table()}
    rows = current_rows(CORPUS.glob("*.txt"))
    lines = [HEADER.rstrip("\n")]
    for r in rows:
        lines.append("| " + " | ".join((*r, verdicts.get(r, "UNREVIEWED"))) + " |")
    tail = DOC.read_text(encoding="utf-8").split("\n## ", 1)[1] if DOC.exists() and "\n## " in DOC.read_text(encoding="utf-8") else ""
    text = "\n".join(lines) + "\n" + (f"\n## {tail}" if tail else "")
    DOC.write_text(text, encoding="utf-8")
    print(f"{len(rows)} rows → {DOC.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
