"""``mzcheck fix``: a corrected copy of a text report, with the top-ranked slip repairs of
the findings the user selects applied, and the unified diff that says what changed.

Only a repair with a slip's shape is applied (two digits swapped, a decimal point moved,
truncation …): a repair that only says which value would satisfy a relation is the
auditor's to choose, never ours. Offsets are the document text's own, so a plain-text file
is patched where it stands and written back in its own encoding, byte for byte elsewhere.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, replace
from typing import Iterable, Sequence

from mzcheck.finding import Finding, Repair

#: Files patched in place of their text: offsets in the text read are offsets in the file.
PATCHABLE = ("txt", "md")


@dataclass(frozen=True)
class Plan:
    """The repairs chosen, and those left out because another repair touches their place."""

    applied: tuple[tuple[Finding, Repair], ...]
    conflicts: tuple[tuple[Finding, Repair], ...]


def selected(finding: Finding, select: Sequence[str]) -> bool:
    """A finding the user asked for: every one when ``select`` is empty, else one whose code
    starts with an entry (MZ3, MZ302) or whose fingerprint is one."""
    return not select or any(finding.code.startswith(s) or finding.fingerprint == s for s in select)


def plan(findings: Iterable[Finding], select: Sequence[str] = ()) -> Plan:
    """The top-ranked repair of each selected finding that is a typing slip, in text order;
    two repairs of overlapping places are both left out (neither is certain)."""
    chosen = []
    for f in findings:
        if not selected(f, select) or not f.repairs:
            continue
        top = f.repairs[0]
        if top.kind != "value" and top.end > top.start:
            chosen.append((f, top))
    chosen.sort(key=lambda fr: (fr[1].start, fr[1].end, fr[0].code))
    applied: list[tuple[Finding, Repair]] = []
    conflicts: list[tuple[Finding, Repair]] = []
    for f, r in chosen:
        last = applied[-1][1] if applied else None
        if last is not None and (last.start, last.end, last.proposed) == (r.start, r.end, r.proposed):
            continue                           # two findings, one slip: applied once
        if last is not None and r.start < last.end:
            both = _compose(last, r)
            if both is not None:               # 42.59 → 42.60 and 42.59 → 42.59%: 42.60%
                applied[-1] = (applied[-1][0], both)
                continue
            conflicts += [applied.pop(), (f, r)]
            continue
        applied.append((f, r))
    return Plan(tuple(applied), tuple(conflicts))


#: Typographic repairs that only add or rewrite the end of a figure: the digits before stay put.
_TAIL = ("percent", "points")


def _compose(a: Repair, b: Repair) -> Repair | None:
    """One repair doing both, when one rewrites a figure's tail (a missing %) and the other its
    digits inside it; None when they really compete."""
    tail, digits = (a, b) if a.kind in _TAIL else (b, a) if b.kind in _TAIL else (None, None)
    if tail is None or digits is None or digits.kind in _TAIL or not (tail.start <= digits.start and digits.end <= tail.end):
        return None
    at, to = digits.start - tail.start, digits.end - tail.start
    if tail.proposed[:to] != tail.raw[:to]:
        return None
    proposed = tail.proposed[:at] + digits.proposed + tail.proposed[to:]
    return replace(digits, raw=tail.raw, proposed=proposed, start=tail.start, end=tail.end,
                   explanation=f"{digits.explanation}；{tail.explanation}")


def patch(text: str, repairs: Iterable[Repair]) -> str:
    """The text with each repair's span replaced (the spans must not overlap)."""
    out, at = [], 0
    for r in sorted(repairs, key=lambda r: r.start):
        if r.start < at:
            raise ValueError("overlapping repairs")
        out += [text[at:r.start], r.proposed]
        at = r.end
    return "".join(out) + text[at:]


def roundtrips(text: str, encoding: str, original: bytes) -> bool:
    """The file comes back byte for byte when its text is written in ``encoding`` (not so
    when a few invalid bytes were replaced on reading, or the codec is unknown)."""
    try:
        return text.encode(encoding) == original
    except (LookupError, UnicodeEncodeError):
        return False


def unified_diff(name: str, before: str, after: str) -> str:
    return "".join(difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True),
                                        f"a/{name}", f"b/{name}"))
