"""Property tests: extraction never raises and its offsets always slice back to raw."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given, settings, strategies as st

from mzcheck.extract import extract_text
from mzcheck.numbers.format import format_exact, parse_exact

FRAGMENTS = st.sampled_from([
    "约", "近", "超过", "不低于", "余", "以上", "左右", "共", "达", "万", "亿", "元", "人", "户", "%", "％",
    "个百分点", "倍", "、", "，", ",", "。", "\n", "至", "~", "-", ":", "/", "的比例", "占比", "率达",
    "第", "年", "月", "“", "”", "《", "》", "一", "两", "十", "百", "三点五", "百分之", "分之", " ",
    "0", "1", "12", "2022", "3.5", "1,234", "１２", "．", "每人每月", "下降", "增长", "万人", "元/人·月",
])


def check(text: str) -> None:
    figures = extract_text(text, "p")
    last = -1
    for f in figures:
        assert text[f.start:f.end] == f.raw
        assert 0 <= f.start < f.end <= len(text)
        assert f.start >= last  # document order, no overlap
        last = f.end
        assert isinstance(f.value, Fraction)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_arbitrary_unicode_never_raises(text):
    check(text)


@settings(max_examples=500, deadline=None)
@given(st.lists(FRAGMENTS, max_size=40).map("".join))
def test_figure_like_text_never_raises(text):
    check(text)


@given(st.fractions())
def test_exact_format_round_trips(value):
    assert parse_exact(format_exact(value)) == value


RULE_FRAGMENTS = st.sampled_from([
    "约", "近", "超过", "不低于", "余", "以上", "共", "达", "万", "亿", "元", "人", "户", "%", "个百分点", "倍",
    "、", ",", "。", "\n", "至", "-", ":", "其中", "占", "比重", "占比", "的", "由", "提高至", "增长", "下降",
    "比上年", "净增", "人均", "城市", "农村", "城乡", "低保", "特困", "第一产业", "第二产业", "第三产业",
    "生产总值", "结构", "全覆盖", "个", "家", "发放", "募集", "救助", "标准", "不低于低保标准的", "全年", "金",
    "0", "1", "12", "100", "3.5", "1,234", "4627", "1971", "42.59", "-3", "9000", "“", "”", " ",
])


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=80), st.lists(RULE_FRAGMENTS, max_size=50).map("".join)))
def test_no_rule_ever_crashes(text):
    from mzcheck.pipeline import run
    from mzcheck.ingest import Document

    result = run([Document("f", text, "txt", "utf-8")], jobs=1)
    assert not [f.message for f in result.findings if f.code == "MZ901"]
