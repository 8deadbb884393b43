"""Scoring extraction against a hand-built figures file (shared/fixtures/seed-figures.csv)."""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

from mzcheck.figures import Figure


@dataclass(frozen=True)
class Score:
    gold: int
    extracted: int
    matched: int
    qualifier_right: int
    missed: tuple[str, ...]
    extra: tuple[str, ...]
    wrong_qualifier: tuple[str, ...]

    @property
    def recall(self) -> float:
        return self.matched / self.gold

    @property
    def precision(self) -> float:
        return self.matched / self.extracted if self.extracted else 0.0

    @property
    def qualifier_accuracy(self) -> float:
        return self.qualifier_right / self.matched if self.matched else 0.0


def load_gold(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def score(figures: list[Figure], gold: list[dict[str, str]]) -> Score:
    """Match on (value, unit) as multisets, pairing equal keys in document order."""
    want: dict[tuple[Fraction, str], list[dict[str, str]]] = defaultdict(list)
    for row in gold:
        want[(Fraction(row["value"]), row["unit"])].append(row)
    got: dict[tuple[Fraction, str], list[Figure]] = defaultdict(list)
    for f in figures:
        got[(f.value, f.unit)].append(f)
    matched = right = 0
    missed, extra, wrong = [], [], []
    for key in set(want) | set(got):
        g, f = want.get(key, []), got.get(key, [])
        for row, fig in zip(g, f, strict=False):
            matched += 1
            if row["qualifier"] == fig.qualifier:
                right += 1
            else:
                wrong.append(f"{row['raw']}: gold {row['qualifier']!r}, got {fig.qualifier!r}")
        missed += [r["raw"] for r in g[len(f):]]
        extra += [x.raw for x in f[len(g):]]
    return Score(len(gold), len(figures), matched, right, tuple(missed), tuple(extra), tuple(wrong))
