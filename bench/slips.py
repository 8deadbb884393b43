"""How often the top-ranked repair undoes a typing slip (issue 15's mutation test).

Every figure that a consistent relation states — the stated figure of each relation that holds
in ../shared/relations (when present), and every figure of the consistent sentences in
tests/fixtures/slip-sentences.txt — is given each kind of slip in turn:

- swap       two adjacent different digits exchanged (the first such pair);
- digit      one digit wrong (the second significant digit moved by 5);
- scale      the decimal point one place to the right (×10);
- direction  the change word before it flipped (增长 ↔ 下降, 增加 ↔ 减少 …).

A mutant is caught when more warning- or error-level findings (MZ2–MZ4) touch the slipped
text than touched it before; it is restored when the top-ranked repair of the first such
finding that has repairs, applied to the mutated text, gives back the original text.

    python bench/slips.py [--relations DIR] [--json OUT] [-v]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from mzcheck.config import Config  # noqa: E402
from mzcheck.fix import patch  # noqa: E402
from mzcheck.ingest import Document  # noqa: E402
from mzcheck.pipeline import run  # noqa: E402

SENTENCES = ROOT / "tests" / "fixtures" / "slip-sentences.txt"
KINDS = ("swap", "digit", "scale", "direction")
_NUMBER = re.compile(r"(?<![\d.,])\d[\d,]*(?:\.\d+)?(?![\d])")
_FLIP = {"增长": "下降", "下降": "增长", "增加": "减少", "减少": "增加", "提高": "降低", "降低": "提高", "上升": "下降"}
_RANK = {"warning": 2, "error": 3}


def slip(kind: str, text: str, start: int, end: int) -> tuple[str, int, int] | None:
    """The text with the figure at [start, end) slipped: (new text, new start, new end)."""
    digits = text[start:end]
    if kind == "direction":
        before = text[max(0, start - 4):start]
        hits = [(before.rfind(w), w) for w in _FLIP if w in before]
        if not hits:
            return None
        at, word = max(hits)
        pos = start - len(before) + at
        return text[:pos] + _FLIP[word] + text[pos + len(word):], pos, end
    plain = [i for i, ch in enumerate(digits) if ch.isdigit()]
    chars = list(digits)
    if kind == "swap":
        pair = next(((a, b) for a, b in zip(plain, plain[1:], strict=False) if chars[a] != chars[b]), None)
        if pair is None:
            return None
        chars[pair[0]], chars[pair[1]] = chars[pair[1]], chars[pair[0]]
        if chars[0] == "0":
            return None
    elif kind == "digit":
        if len(plain) < 2:
            return None
        i = plain[1]
        chars[i] = str((int(chars[i]) + 5) % 10)
    elif kind == "scale":
        if "." in digits:
            i = digits.index(".")
            if i + 2 > len(digits):
                return None
            chars = list(digits[:i] + digits[i + 1] + ("." + digits[i + 2:] if i + 2 < len(digits) else ""))
        else:
            chars.append("0")
    new = "".join(chars)
    if re.match(r"0\d", new):
        return None                     # 00.13: nobody types a leading zero
    return text[:start] + new + text[end:], start, start + len(new)


def touching(result_doc, findings, start: int, end: int) -> list:
    marks = {m.figure_id: m for m in result_doc.marks}
    out = []
    for f in findings:
        if not f.code.startswith(("MZ2", "MZ3", "MZ4")) or f.severity.value not in _RANK:
            continue
        spans = [(m.start, m.end) for m in f.figures] + ([f.span] if f.span else [])
        if any(s <= end and start <= e for s, e in spans) and marks is not None:
            out.append(f)
    return out


def sites(relations: Path | None) -> list[tuple[str, str, int, int]]:
    """(source, text, start, end) of every figure a slip is tried on."""
    out = []
    if relations and (relations / "relations.json").exists():
        texts = {}
        for r in json.loads((relations / "relations.json").read_text(encoding="utf-8")):
            if not r["verdict"].startswith("holds"):
                continue
            text = texts.setdefault(r["file"], (relations / "docs" / r["file"]).read_text(encoding="utf-8"))
            stated = str(r.get("stated", "")).strip()
            for s in reversed(r["find"]):
                i = text.find(s)
                m = next((m for m in _NUMBER.finditer(s) if m.group() == stated), None) if i >= 0 else None
                if m:
                    out.append((f"{r['id']}", text, i + m.start(), i + m.end()))
                    break
    for n, line in enumerate(SENTENCES.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip() and not line.startswith("#"):
            out += [(f"S{n}", line, m.start(), m.end()) for m in _NUMBER.finditer(line)]
    return out


def measure(relations: Path | None, verbose: bool = False) -> dict:
    found = sites(relations)
    originals = {text for _, text, _, _ in found}
    names = {text: f"o{k}.txt" for k, text in enumerate(sorted(originals))}
    mutants = []
    for source, text, start, end in found:
        for kind in KINDS:
            slipped = slip(kind, text, start, end)
            if slipped and slipped[0] != text:
                mutants.append((source, kind, text, *slipped))
    docs = [Document(names[t], t, "txt", "utf-8") for t in sorted(originals)]
    docs += [Document(f"m{k}.txt", m[3], "txt", "utf-8") for k, m in enumerate(mutants)]
    result = run(docs, Config(), jobs=2)
    by_doc = defaultdict(list)
    for f in result.findings:
        by_doc[f.doc].append(f)
    infos = {d.name: d for d in result.documents}
    table = {kind: {"mutants": 0, "caught": 0, "restored": 0} for kind in KINDS}
    misses = []
    for k, (source, kind, text, new_text, start, end) in enumerate(mutants):
        name = f"m{k}.txt"
        table[kind]["mutants"] += 1
        before = len(touching(infos[names[text]], by_doc[names[text]], start, end))
        now = touching(infos[name], by_doc[name], start, end)
        if len(now) <= before:
            continue
        table[kind]["caught"] += 1
        top = next((f.repairs[0] for f in now if f.repairs), None)
        if top is not None and top.end > top.start and patch(new_text, [top]) == text:
            table[kind]["restored"] += 1
        elif verbose:
            codes = ",".join(sorted({f.code for f in now}))
            context = " ".join(text[max(0, start - 12):start].split())
            misses.append(f"{source} [{kind}] {codes} {context}|{new_text[start:end]}| → "
                          f"{top.explanation if top else '（无修改建议）'}")
    for row in table.values():
        row["share"] = round(row["restored"] / row["caught"], 3) if row["caught"] else None
    return {"sites": len(found), "kinds": table, "misses": misses}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--relations", type=Path, default=ROOT.parent / "shared" / "relations")
    ap.add_argument("--json", type=Path)
    ap.add_argument("-v", "--verbose", action="store_true")
    a = ap.parse_args()
    relations = a.relations if a.relations.exists() else None
    out = measure(relations, a.verbose)
    print(f"{'slip':<10}{'mutants':>9}{'caught':>8}{'restored':>10}{'share':>8}")
    for kind, row in out["kinds"].items():
        share = f"{row['share']:.0%}" if row["share"] is not None else "—"
        print(f"{kind:<10}{row['mutants']:>9}{row['caught']:>8}{row['restored']:>10}{share:>8}")
    print(f"({out['sites']} figures: {'relations and ' if relations else ''}{SENTENCES.relative_to(ROOT)})")
    for line in out["misses"]:
        print("  " + line)
    if a.json:
        a.json.write_text(json.dumps({k: v for k, v in out.items() if k != "misses"}, ensure_ascii=False, indent=2)
                          + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
