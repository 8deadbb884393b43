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
    # a flattened table: each value is a cell with its row path, unit fused before it
    people = [f for f in f04 if f.row_path.endswith("最低生活保障人数") and f.column == "数量"]
    assert [(f.value, f.unit, f.scale) for f in people] == [(71000, "人", "万"), (38000, "人", "万")]
    assert any(f.per == "人·年" and f.value == 14940 for f in f04)
    _, f05 = extract_paths([by_name["05"]])
    towns = [f for f in f05 if f.row_path.endswith("乡镇级合计")]
    assert [(f.raw, f.column) for f in towns] == [("1,107", "数量"), ("1,107", "上期")]
    assert "一、综合 > (一)行政区划 > 乡镇级合计" == towns[0].row_path
    _, f13 = extract_paths([by_name["13"]])
    assert [f.mantissa for f in f13 if f.kind == "ratio"] == ["6.01", "55.04", "38.95"]
    assert any(f.raw == "1.4 %" and "space-before-%" in f.flags for f in f13)
    _, f01 = extract_paths([by_name["01"]])
    assert any(f.raw == "1/10以上" for f in f01)
    assert not any("5G" in f.raw or f.raw in ("2.5", "5") for f in f01)
