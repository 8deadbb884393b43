"""Graded verdicts: consistent (strict readings agree), warning (only a lenient
reading agrees; the assumption is named), error (no reading agrees)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Callable, Sequence

from mzcheck.numbers.interval import Interval
from mzcheck.numbers.reading import Reading


class Verdict(str, Enum):
    CONSISTENT = "consistent"
    WARNING = "warning"
    ERROR = "error"


@dataclass(frozen=True, slots=True)
class Judgement:
    verdict: Verdict
    assumption: str = ""


def judge(readings: Sequence[Reading], holds: Callable[[Sequence[Interval]], bool]) -> Judgement:
    """Does the relation ``holds`` on the readings?

    Strict readings first; then one figure at a time read leniently (so the finding
    names the single assumption that rescues it); then every figure leniently.
    """
    strict = [r.strict for r in readings]
    if holds(strict):
        return Judgement(Verdict.CONSISTENT)
    for i, r in enumerate(readings):
        if r.lenient == r.strict:
            continue
        trial = list(strict)
        trial[i] = r.lenient
        if holds(trial):
            return Judgement(Verdict.WARNING, r.assumption)
    lenient = [r.lenient for r in readings]
    if lenient != strict and holds(lenient):
        return Judgement(Verdict.WARNING, "；".join(dict.fromkeys(r.assumption for r in readings if r.assumption)))
    return Judgement(Verdict.ERROR)
