"""A table that repeats its prose (MZ323), from sentences and tables of our own modelled on
统计公报: levels, change columns and price indices (上年=100) against the prose, and the
look-alikes that must stay silent."""

from __future__ import annotations

import pytest

from mzcheck.config import Config
from mzcheck.extract.layout import repair
from mzcheck.ingest import Document
from mzcheck.pipeline import run

FREIGHT = "全年货物周转量800.0亿吨公里，增长3.5%。其中，铁路货物周转量120.0亿吨公里，下降2.0%；水运货物周转量60.0亿吨公里，增长8.1%。\n"
FREIGHT_TABLE = ("表4：交通运输量及其增长速度\n指标 单位 2025年 比上年增长（%）\n全年货物周转量 亿吨公里 {total} {growth}\n"
                 "  #铁路 亿吨公里 120.0 {rail}\n   水运 亿吨公里 60.0 8.1\n")
CPI = ("全年居民消费价格（CPI）比上年上涨1.8%，其中食品烟酒类上涨2.2%，衣着类下降0.4%，居住类上涨1.0%。\n"
       "表2：居民消费价格指数（上年=100）\n指标 指数\n居民消费价格 {all}\n  其中:食品烟酒 102.2\n       衣着 {clothes}\n       居住 101.0\n")


def outcomes(text: str) -> list[tuple[bool, tuple[str, ...]]]:
    result = run([Document("t.txt", text, "txt", "utf-8")], Config(select=("MZ323",)), jobs=1)
    doc = next(iter(result.documents))
    return sorted((c.outcome == "pass", tuple(doc.text[m.start:m.end] for m in c.figures))
                  for c in result.checks if c.code == "MZ323")


def test_levels_and_changes_of_a_table_are_checked_against_the_prose():
    got = outcomes(FREIGHT + FREIGHT_TABLE.format(total="800.0", growth="3.5", rail="-2.0"))
    assert got == sorted([
        (True, ("800.0亿吨公里", "800.0")), (True, ("3.5%", "3.5")),
        (True, ("120.0亿吨公里", "120.0")), (True, ("2.0%", "-2.0")),     # 下降2.0% is -2.0
        (True, ("60.0亿吨公里", "60.0")), (True, ("8.1%", "8.1")),
    ])


@pytest.mark.parametrize("total, growth, rail, wrong", [
    ("880.0", "3.5", "-2.0", ("800.0亿吨公里", "880.0")),      # the level typed twice, differently
    ("800.0", "5.3", "-2.0", ("3.5%", "5.3")),                  # two digits swapped in the table
    ("800.0", "3.5", "2.0", ("2.0%", "2.0")),                   # the sign lost: 下降 in the prose
])
def test_a_table_that_says_otherwise_is_found(total, growth, rail, wrong):
    got = outcomes(FREIGHT + FREIGHT_TABLE.format(total=total, growth=growth, rail=rail))
    assert [figs for ok, figs in got if not ok] == [wrong]


def test_a_price_index_is_one_hundred_plus_the_rise():
    assert all(ok for ok, _ in outcomes(CPI.format(all="101.8", clothes="99.6")))
    got = outcomes(CPI.format(all="101.8", clothes="100.4"))     # 衣着类下降0.4% is 99.6, not 100.4
    assert [figs for ok, figs in got if not ok] == [("0.4%", "100.4")]
    assert len(got) == 4


def test_a_row_the_prose_does_not_state_is_left_alone():
    # the table's 饮料 is output in tons; the prose's 饮料类 is a retail category
    text = ("限额以上单位消费品零售额中，饮料类下降35.7%，烟酒类增长7.0%。\n"
            "表3：主要工业产品产量\n产品名称 单位 产量 比上年增长（%）\n饮料 吨 928177 5.5\n水泥 万吨 320.5 -3.1\n")
    assert outcomes(text) == []


def test_a_child_row_needs_its_parent_in_the_prose_name():
    # 住宅 is a row under two parents: the prose's 住宅 of sales is not the completed 住宅
    text = ("商品房销售面积900.0万平方米，下降5.0%。其中，住宅800.0万平方米，下降6.0%。\n"
            "表3：房地产开发\n指标 单位 2025年 比上年增长（%）\n商品房竣工面积 万平方米 500.0 -9.0\n  住宅 万平方米 300.0 -8.0\n"
            "商品房销售面积 万平方米 900.0 -5.0\n  住宅 万平方米 800.0 -6.0\n")
    got = outcomes(text)
    assert got == [(True, ("5.0%", "-5.0")), (True, ("900.0万平方米", "900.0"))]


def test_one_value_lines_in_a_run_are_table_rows():
    text = "表2：指数（上年=100）\n指标 指数\n居民消费价格 101.8\n  其中:食品烟酒 102.2\n       衣着 99.6\n"
    layout = repair(text)
    assert "居民消费价格 101.8" in layout.text            # the space between label and value is kept
    assert repair("全年一般公共预算收入 101.8\n").text == "全年一般公共预算收入101.8\n"   # one such line is prose
