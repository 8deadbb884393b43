"""Issue 2 acceptance: the sample report against the hand-built figures file."""

from __future__ import annotations

import re

import pytest

from conftest import GOLD, SHARED_GOLD
from gold import load_gold, score
from mzcheck.extract import extract_text



@pytest.mark.skipif(not SHARED_GOLD.exists(), reason="shared/fixtures not present")
def test_gold_copy_matches_shared() -> None:
    assert GOLD.read_bytes() == SHARED_GOLD.read_bytes()


@pytest.fixture(scope="module")
def result(sample_text):
    return score(extract_text(sample_text, "seed"), load_gold(GOLD))


def test_recall(result) -> None:
    assert result.recall >= 0.97, result.missed


def test_precision(result) -> None:
    assert result.precision >= 0.97, result.extra


def test_qualifiers(result) -> None:
    assert result.qualifier_accuracy >= 0.95, result.wrong_qualifier


# Non-figures that appear in the sample report: none may be read as a figure.
NON_FIGURE_SPANS = [
    "2023-01-06", "2022-2035年", "2022-2024", "2022—2023年", "十四五", "“4 1”", "第六届",
    "第二批", "首批", "一老一小", "六同步", "八有", "五社", "一次性", "进一步", "举一反三",
    "二十大", "15分钟", "四级", "三级", "千家万户", "三年行动",
]


@pytest.mark.parametrize("span", NON_FIGURE_SPANS)
def test_non_figures_not_extracted(sample_text, span) -> None:
    assert span in sample_text
    figures = extract_text(sample_text, "seed")
    for m in re.finditer(re.escape(span), sample_text):
        overlapping = [f.raw for f in figures if f.start < m.end() and m.start() < f.end]
        assert overlapping == [], (span, overlapping)
