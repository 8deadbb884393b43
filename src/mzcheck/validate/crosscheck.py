"""Text ↔ data: a figure in a report that names a metric of the curated table must
agree with it (both places are shown)."""

from __future__ import annotations

from typing import Iterator

from mzcheck.figures import Figure
from mzcheck.rules import lexicon

#: What a metric name may add to the label of the figure that states it.
MEASURE_SUFFIXES = ("", "人数", "户数", "数", "数量", "金额", "总额", "资金", "人次")


def names_metric(fig: Figure, metric: str, data: Figure) -> bool:
    if fig.unit != data.unit or fig.per != data.per or not fig.label:
        return False
    if fig.period and data.period and not fig.period.startswith(data.period[:4]):
        return False
    label, name = lexicon.canonical(fig.label), lexicon.canonical(metric)
    return len(label) >= 2 and any(name == label + s for s in MEASURE_SUFFIXES)


def pairs(text_figures: list[Figure], data: dict[str, Figure]) -> Iterator[tuple[Figure, str, Figure]]:
    for fig in text_figures:
        matches = [(m, d) for m, d in data.items() if names_metric(fig, m, d)]
        exact = [(m, d) for m, d in matches if lexicon.canonical(m) == lexicon.canonical(fig.label)]
        for metric, row in (exact or matches)[:1]:
            yield fig, metric, row
