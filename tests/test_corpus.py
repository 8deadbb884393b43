"""Real reports from ../shared/corpus (skipped when the folder is absent)."""

from __future__ import annotations

import re

import pytest

from conftest import corpus_files
from mzcheck.engine import extract_paths
from mzcheck.extract.normalize import normalize

FILES = corpus_files()
pytestmark = [pytest.mark.corpus, pytest.mark.skipif(not FILES, reason="shared/corpus not present")]


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_percent_sign_belongs_to_one_figure(path):
    docs, figures = extract_paths([path])
    text = normalize(docs[0].text)
    signs = len(re.findall(r"(?<=\d)\s?%", text))
    in_figures = sum(normalize(f.raw).count("%") for f in figures)
    assert in_figures == signs
    assert figures, "a report with figures gave none"


def test_known_figures_of_the_corpus():
    by_name = {p.name[:2]: p for p in FILES}
    _, f04 = extract_paths([by_name["04"]])
    fused = {f.raw: f for f in f04}
    assert fused["万人7.1"].value == 71000 and fused["万人7.1"].unit == "人"
    assert fused["元/人·年14,940.0"].per == "人·年"
    _, f13 = extract_paths([by_name["13"]])
    assert [f.mantissa for f in f13 if f.kind == "ratio"] == ["6.01", "55.04", "38.95"]
    assert any(f.raw == "1.4 %" and "space-before-%" in f.flags for f in f13)
    _, f01 = extract_paths([by_name["01"]])
    assert any(f.raw == "1/10以上" for f in f01)
    assert not any("5G" in f.raw or f.raw in ("2.5", "5") for f in f01)
