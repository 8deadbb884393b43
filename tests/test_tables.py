"""Statistical tables: readers, column roles, hierarchy, empty cells, and table checks."""

from __future__ import annotations

import pytest

from conftest import corpus_files
from mzcheck.engine import extract_document, extract_paths
from mzcheck.pipeline import run
from mzcheck.ingest import read_document

MONTHLY = """指标名称,单位,本期,上期,环比
一、综合,,,,
(一)民政事业费支出,万元,300.0,280.0,7.14
1.社会福利,万元,100.0,90.0,11.11
2.社会救助,万元,200.0,190.0,5.26
其中:最低生活保障,万元,150.0,140.0,7.14
(二)孤儿数,人,3280,3359,-2.35
"""


def codes(result):
    return sorted((f.code, f.severity.value) for f in result.findings)


def test_csv_table_roles_hierarchy_and_cells(tmp_path):
    path = tmp_path / "monthly.csv"
    path.write_text(MONTHLY, encoding="utf-8")
    ex = extract_document(read_document(path))
    (table,) = ex.tables
    assert set(table.roles.values()) == {"indicator", "unit", "current", "previous", "change"}
    rows = {r.label: r for r in table.rows}
    assert rows["1.社会福利"].parent is rows["(一)民政事业费支出"]
    assert rows["其中:最低生活保障"].subset and rows["其中:最低生活保障"].parent is rows["2.社会救助"]
    cell = rows["1.社会福利"].cells["current"].figure
    assert (cell.value, cell.unit, cell.scale, cell.column) == (1_000_000, "元", "万", "本期")
    assert cell.row_path == "一、综合 > (一)民政事业费支出 > 1.社会福利"
    result = run([path])
    assert codes(result) == []
    assert {c.code for c in result.checks} >= {"MZ304", "MZ305"}
    assert sum(1 for c in result.checks if c.code == "MZ305") == 5


def test_csv_findings_point_at_the_row(tmp_path):
    path = tmp_path / "monthly.csv"
    path.write_text(MONTHLY.replace("2.社会救助,万元,200.0,190.0,5.26", "2.社会救助,万元,210.0,190.0,5.26"),
                    encoding="utf-8")
    result = run([path])
    got = {(f.code, f.line) for f in result.findings}
    assert ("MZ303", 3) in got      # 100 + 210 ≠ 300, at the parent's line
    assert ("MZ305", 5) in got      # 210 / 190 − 1 = 10.53 %, not 5.26


def test_a_unit_with_its_own_scale_keeps_its_precision(tmp_path):
    from mzcheck.figures import read

    path = tmp_path / "t.csv"
    path.write_text("指标名称,单位,本期\n播种面积,千公顷,3.5\n", encoding="utf-8")
    (fig,) = extract_document(read_document(path)).figures
    assert (fig.value, fig.unit, fig.scale) == (3500, "公顷", "千")
    assert (read(fig).strict.lo, read(fig).strict.hi) == (3450, 3550)


def test_empty_cell_is_not_zero(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("指标名称,单位,本期\n乡镇级合计,个,100\n1.镇,个,60\n2.乡,个,\n", encoding="utf-8")
    assert codes(run([path])) == []          # 60 + (unknown) can be 100
    path.write_text("指标名称,单位,本期\n乡镇级合计,个,100\n1.镇,个,60\n2.乡,个,0\n", encoding="utf-8")
    assert codes(run([path])) == [("MZ303", "error")]   # 60 + 0 cannot


def test_total_row_after_its_parts(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("指标,单位,数量\n城市,人,100\n农村,人,200\n合计,人,310\n", encoding="utf-8")
    assert codes(run([path])) == [("MZ303", "error")]


def test_xlsx(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for row in [["指标名称", "单位", "本期", "上期", "环比"], ["(一)孤儿数", "人", 3280, 3359, -2.35],
                ["(二)低保金", "万元", 4546.5, 36059.9, -87.39]]:
        sheet.append(row)
    path = tmp_path / "t.xlsx"
    book.save(path)
    _, figures = extract_paths([path])
    assert [(f.raw, f.column) for f in figures][:3] == [("3280", "本期"), ("3359", "上期"), ("-2.35", "环比")]
    assert codes(run([path])) == []


def test_html_table_and_markdown_table(tmp_path):
    html = tmp_path / "t.html"
    html.write_text("<table><tr><th>指标名称</th><th>单位</th><th>本期</th><th>上期</th><th>环比</th></tr>"
                    "<tr><td>孤儿数</td><td>人</td><td>3,280</td><td>3,359</td><td>-2.53</td></tr></table>",
                    encoding="utf-8")
    assert codes(run([html])) == [("MZ305", "error")]
    md = tmp_path / "t.md"
    md.write_text("# 月报\n\n| 指标名称 | 单位 | 本期 | 上期 | 环比 |\n|---|---|---|---|---|\n"
                  "| 孤儿数 | 人 | 3,280 | 3,359 | -2.35 |\n\n正文。\n", encoding="utf-8")
    result = run([md])
    assert codes(result) == [] and [c.outcome for c in result.checks if c.code == "MZ305"] == ["pass"]


@pytest.mark.parametrize("text", [
    "| 本期 | 上期 |\n| 1 | 2 |\n",            # found by `make fuzz`: no column left for row names
    "| 本期 | 上期 | 环比 |\n| 1 | 2 | 3 |\n| 4 | 5 | 6 |\n",
])
def test_a_table_of_values_only_is_not_a_statistics_table(text):
    from mzcheck.pipeline import run
    from mzcheck.ingest import Document

    result = run([Document("t.txt", text, "txt", "utf-8")])
    assert not [f for f in result.findings if f.code == "MZ901"]


def test_bad_table_files(tmp_path):
    from mzcheck.errors import InputError

    bad = tmp_path / "t.xlsx"
    bad.write_bytes(b"not a workbook")
    with pytest.raises(InputError, match="xlsx"):
        read_document(bad)
    pdf = tmp_path / "t.csv"
    pdf.write_bytes(b"%PDF-1.4 binary")
    with pytest.raises(InputError, match="PDF"):
        read_document(pdf)


# --- corpus acceptance (skips when ../shared/corpus is absent) ------------------------------
CORPUS = {p.name[:2]: p for p in corpus_files()}
needs_corpus = pytest.mark.skipif(not CORPUS, reason="shared/corpus not present")


@needs_corpus
def test_corpus_05_monthly_table():
    result = run([CORPUS["05"]])
    errors = [f for f in result.findings if f.severity.value == "error"]
    assert len(errors) == 1 and errors[0].code == "MZ303"
    assert "乡镇级合计" in errors[0].message and "上期" in errors[0].message and "1126" in errors[0].message
    changes = [c for c in result.checks if c.code == "MZ305"]
    assert len(changes) == 19 and all(c.outcome == "pass" for c in changes)
    sums = [c for c in result.checks if c.code in ("MZ303", "MZ304")]
    spending = [c for c in sums if c.figures[0].raw != "1,107"]
    # (二) = 1–5, 社会救助 ⊇ 最低生活保障, 最低生活保障 = A + B, A = I + II, B = I + II; 本期 and 上期
    assert len(spending) == 10 and all(c.outcome == "pass" for c in spending)


@needs_corpus
def test_corpus_04_institution_and_bed_sums_hold():
    result = run([CORPUS["04"]])
    sums = {tuple(r.raw for r in c.figures)[:1]: c.outcome for c in result.checks if c.code in ("MZ303", "MZ304")}
    assert sums[("617",)] == "pass" and sums[("11.8",)] == "pass"
    assert result.counts()["error"] == 0


# ------------------------------------------------------------------ a table copied one cell per line
CELL_PER_LINE = "\n".join(c + " |" for c in [
    "指标名称", "单位", "代码", "数量", "上年数据", "同比",
    "甲", "乙", "丙", "1", "2", "3",
    "(一)民政事业费累计支出", "万元", "JZH01", "1,000.0", "900.0", "11.11",
    "1.社会福利", "万元", "JZH02", "400.0", "360.0", "11.11",
    "其中:(1)儿童福利", "万元", "JZH03", "150.0", "120.0", "25.00",
    "其中:A孤儿基本生活保障支出", "万元", "JZH04", "40.0", "38.0", "5.26",
    "B事实无人抚养儿童基本生活保障支出", "万元", "JZH05", "90.0", "70.0", "28.57",
    "(2)老年福利", "万元", "JZH06", "200.0", "190.0", "5.26",
    "2.社会救助", "万元", "JZH07", "600.0", "540.0", "11.11",
]) + "\n"


def test_a_table_copied_one_cell_per_line_is_read_in_the_width_of_its_column_numbers(tmp_path):
    path = tmp_path / "ordos.txt"
    path.write_text(CELL_PER_LINE, encoding="utf-8")
    (table,) = extract_document(read_document(path)).tables
    assert [r.label for r in table.rows][:3] == ["(一)民政事业费累计支出", "1.社会福利", "其中:(1)儿童福利"]
    parents = {r.label: r.parent.label if r.parent else None for r in table.rows}
    # a 其中 row keeps the level of its numbering: (1) under 1., A under (1), (2) back under 1.
    assert parents["其中:(1)儿童福利"] == "1.社会福利"
    assert parents["其中:A孤儿基本生活保障支出"] == "其中:(1)儿童福利"
    assert parents["B事实无人抚养儿童基本生活保障支出"] == "其中:(1)儿童福利"
    assert parents["(2)老年福利"] == "1.社会福利"
    result = run([path])
    assert codes(result) == []
    assert {c.code for c in result.checks} >= {"MZ304", "MZ305"}


def test_a_wrong_change_in_a_cell_per_line_table_is_found(tmp_path):
    path = tmp_path / "ordos.txt"
    path.write_text(CELL_PER_LINE.replace("25.00 |", "52.00 |"), encoding="utf-8")
    assert codes(run([path])) == [("MZ305", "error")]


def test_numbered_rows_short_of_a_parent_that_is_no_total_are_a_warning(tmp_path):
    rows = ("| 指标名称 | 单位 | 数量 |\n| 一、综合 | | |\n| 2.社会救助 | 万元 | 500.0 |\n| (1)最低生活保障 | 万元 | 300.0 |\n"
            "| (2)特困人员救助供养支出 | 万元 | 100.0 |\n| 3.民政管理事务 | 万元 | 50.0 |\n")
    short, over = tmp_path / "short.txt", tmp_path / "over.txt"
    short.write_text(rows, encoding="utf-8")
    over.write_text(rows.replace("300.0", "450.0"), encoding="utf-8")
    assert codes(run([short])) == [("MZ303", "warning")]     # a (3) the form left out would explain it
    assert codes(run([over])) == [("MZ303", "error")]        # nothing explains an excess


def test_a_pipe_row_without_its_closing_bar_is_cut_only_at_the_end_of_the_text(tmp_path):
    rows = "| 指标名称 | 单位 | 数量 |\n| 城市低保人数 | 人 | 431,509 |\n| 农村低保人数 | 人 | 2,495,857"
    cut, cont = tmp_path / "cut.txt", tmp_path / "cont.txt"
    cut.write_text(rows, encoding="utf-8")
    cont.write_text(rows + "\n| 农村低保户数 | 户 | 1,495,857 |\n", encoding="utf-8")
    assert codes(run([cut])) == [("MZ205", "warning")]
    assert codes(run([cont])) == []


def test_a_flattened_row_with_fewer_values_says_they_were_read_from_the_left(tmp_path):
    path = tmp_path / "yearbook.txt"
    path.write_text("指标名称 单位 本期 上期 环比\n城镇低保人数 人 181530 129477 40.20\n#老年人 人 35936 14524\n",
                    encoding="utf-8")
    result = run([path])
    assert codes(result) == [("MZ205", "warning")]
    assert "从左到右" in next(iter(result.findings)).message


def test_a_blank_change_cell_that_let_the_next_column_slip_left_is_not_a_wrong_change(tmp_path):
    path = tmp_path / "hengyang.txt"
    path.write_text("| 指标名称 | 单位 | 数量 | 上季度 | 环比 | 上月 |\n| 乡镇级合计 | 个 | 186 | 185 | 0.54 | 185 |\n"
                    "| 2.乡小计 | 个 | 31 | 31 | 31 | |\n| 3.街道 | 个 | 41 | 38 | 7.89 | 38 |\n", encoding="utf-8")
    findings = list(run([path]).findings)
    assert [f for f in findings if f.code == "MZ305"] == []
    assert [(f.code, f.severity.value) for f in findings] == [("MZ205", "info")]


OWNERSHIP = ("**表2：工业经济类型结构（%）**\n\n|  | 按资产总额计算(%) | 按工业总产值计算(%) |\n| --- | --- | --- |\n"
             "|  | 1985 | 1995 | 1985 | 1995 |\n| 国有工业 | 74.6 | 53.7 | 64.9 | 34.0 |\n| 集体工业 | 24.0 | 23.8 | 32.1 | 36.6 |\n"
             "| 私营工业 |  | 1.0 |  | 2.6 |\n| 其他工业 | 1.4 | {other} | 3.0 | 26.8 |\n| 全部工业中： |  |  |  |  |\n"
             "| 乡镇工业 | 12.0 | 20.3 | 17.7 | 42.5 |\n")
WATER = ("表7：2017—2021年水环境质量\n年份 Ⅰ～Ⅲ类水质 比例（%） Ⅳ～Ⅴ类水质 比例（%） 劣Ⅴ类水质 比例（%）\n"
         "2017 年 73.8 23.8 2.4\n2018 年 78.6 16.6 {worst}\n")


def _compositions(text: str):
    from mzcheck.config import Config
    from mzcheck.ingest import Document
    from mzcheck.pipeline import run

    result = run([Document("t.txt", text, "txt", "utf-8")], Config(select=("MZ306",)), jobs=1)
    doc = next(iter(result.documents))
    return [(c.outcome, [doc.text[m.start:m.end] for m in c.figures]) for c in result.checks]


def test_each_column_of_a_breakdown_down_the_rows_sums_to_100():
    got = _compositions(OWNERSHIP.format(other="21.5"))
    # 乡镇工业, after 全部工业中：, is part of the whole, not a class; a blank 私营 share is unknown
    assert got == [("pass", ["74.6", "24.0", "1.4"]), ("pass", ["53.7", "23.8", "1.0", "21.5"]),
                   ("pass", ["64.9", "32.1", "3.0"]), ("pass", ["34.0", "36.6", "2.6", "26.8"])]
    bad = _compositions(OWNERSHIP.format(other="25.5"))
    assert [(o, figs[-1]) for o, figs in bad if o != "pass"] == [("warning", "25.5")]


def test_each_row_of_a_breakdown_across_the_columns_sums_to_100():
    assert [o for o, _ in _compositions(WATER.format(worst="4.8"))] == ["pass", "pass"]
    assert [o for o, _ in _compositions(WATER.format(worst="8.4"))] == ["pass", "warning"]


def test_a_header_whose_cells_wrap_one_piece_per_line_still_names_the_columns():
    # a PDF's text layer gives a two-line header cell as two lines, cell after cell
    wrapped = ("表3：2019—2021年城市空气质量\n年份 优良天数\n比例（%）\n轻度污染\n比例（%）\n其他天数\n比例（%）\n"
               "2019 年 80.1 15.6 {worst}\n2020 年 82.0 14.8 3.2\n")
    assert [o for o, _ in _compositions(wrapped.format(worst="4.3"))] == ["pass", "pass"]
    assert [o for o, _ in _compositions(wrapped.format(worst="6.3"))] == ["warning", "pass"]
    # prose above the rows is no header: a sentence, however short its lines, ends with 。
    prose = "全年空气质量较好。\n分年份看：\n2019 年 80.1 15.6 4.3\n2020 年 82.0 14.8 3.2\n"
    assert _compositions(prose) == []


def test_a_table_of_shares_without_a_rest_class_is_not_taken_for_a_breakdown():
    text = ("**表4：地区结构（%）**\n\n|  | 东部地区 | 中部地区 | 西部地区 |\n| --- | --- | --- | --- |\n"
            "| 1985年比重(%) | 60.3 | 27.2 | 12.5 |\n| 平均每年增长(%) | 18.8 | 14.9 | 13.3 |\n")
    assert _compositions(text) == []


REGIONS = ("**表5：东、中、西部地区工业总产值经济类型结构对比（％）**\n\n|  | 国有 | 集体 | 个体 | 其他 |\n| --- | --- | --- | --- | --- |\n"
           "| 东部地区 | 27.3 | 39.5 | 11.7 | 21.5 |\n| 中、西部地区 | 46.9 | 30.9 | 15.0 | 7.2 |\n")
NATION = ("**表2：工业经济类型结构（%）**\n\n|  | 按资产总额计算(%) | 按工业总产值计算(%) |\n| --- | --- | --- |\n"
          "|  | 1985 | 1995 | 1985 | 1995 |\n| 国有工业 | 74.6 | 53.7 | 64.9 | 34.0 |\n| 集体工业 | 24.0 | 23.8 | 32.1 | 36.6 |\n"
          "| 个体工业 | 0.5 | 1.9 | 1.8 | {own} |\n| 其他工业 | 0.9 | 20.6 | 1.2 | 16.9 |\n\n")


@pytest.mark.parametrize("own, outcomes", [("12.5", ["pass"] * 4), ("10.5", ["pass", "pass", "error", "pass"])])
def test_the_whole_share_of_a_class_lies_between_its_two_groups_shares(own, outcomes):
    from mzcheck.config import Config
    from mzcheck.ingest import Document
    from mzcheck.pipeline import run

    result = run([Document("t.txt", NATION.format(own=own) + REGIONS, "txt", "utf-8")], Config(select=("MZ322",)), jobs=1)
    doc = next(iter(result.documents))
    got = [(c.outcome, [doc.text[m.start:m.end] for m in c.figures]) for c in result.checks]
    assert [o for o, _ in got] == outcomes
    assert got[2][1] == [own, "11.7", "15.0"]        # 个体工业 1995 (工业总产值) against 东部 and 中、西部


def test_flush_left_rows_of_a_flattened_form_find_their_place():
    from mzcheck.extract.tables import parse_table
    from mzcheck.extract.text_tables import find_text_tables

    text = ("指标名称 单位 数量 上期 环比\n"
            "社会服务事业费总支出 万元 406,996.1 345,892.7 17.67\n1.抚恤支出 万元 81,007.2 65,238.3 24.17\n"
            "2.社会救助支出 万元 164,547.9 152,105.7 8.18\n城市低保支出 万元 22,273.8 19,297.7 15.42\n"
            "(1)城市低保金 万元 20,632.5 17,671.4 16.76\n(2)城市低保临时补助 万元 1,641.3 1,626.3 0.92\n"
            "农村低保支出 万元 79,118.2 66,415.2 19.13\n(1)农村低保金 万元 72,972.4 60,358.0 20.90\n"
            "(2)农村低保临时补助 万元 6,145.8 6,057.2 1.46\n")
    table = parse_table(find_text_tables(text, "t")[0], "t")
    parents = {r.name: r.parent.name if r.parent else None for r in table.rows}
    # 农村低保支出 is a sibling of 城市低保支出 under 2.社会救助支出, not an item of (2)城市低保临时补助
    assert parents["农村低保支出"] == "社会救助支出" and parents["农村低保临时补助"] == "农村低保支出"


def test_a_numbered_row_that_goes_on_a_list_is_no_item_of_the_row_above_it():
    from mzcheck.extract.tables import parse_table
    from mzcheck.extract.text_tables import find_text_tables

    text = "指标名称 单位 数量 上期 环比\n城市低保户数 户 47,396 47,596 -0.42\n(2)农村低保人数 人 416,682 418,085 -0.34\n"
    table = parse_table(find_text_tables(text, "t")[0], "t")
    assert [r.parent for r in table.rows] == [None, None]


YEARBOOK = ("20-2 社会救济情况\n项目 Item 2010 2015 2020 2021\n  社会救济  Social Relief\n"
            "    城镇居民最低生活保障人数(人)   Number of Persons Receiving Minimum Living\n  Allowance in Urban Areas(person)\n"
            "181530 129477 62379 64992\n    #女性    Female 59498 50814 29041 {women}\n    #老年人    Old People 35936 14524 14830\n"
            "    #残疾人    Disabled Persons 19764 20875 18498 19575\n")


def test_a_bilingual_yearbook_table_is_read_row_by_row():
    from mzcheck.extract.text_tables import find_text_tables

    raw = next(t for t in find_text_tables(YEARBOOK.format(women="30134"), "t") if t.rows[0][0] == "项目")
    assert raw.rows[2] == ["城镇居民最低生活保障人数(人)", "181530", "129477", "62379", "64992"]   # values on a line of their own
    assert raw.rows[4] == ["#老年人", "35936", "14524", "14830", ""] and raw.padded == [4]     # which year is blank: unknown


def test_a_yearbook_row_above_its_parent_is_found_and_overlapping_subsets_are_not():
    from mzcheck.config import Config
    from mzcheck.ingest import Document
    from mzcheck.pipeline import run

    def findings(women):
        result = run([Document("t.txt", YEARBOOK.format(women=women), "txt", "utf-8")],
                     Config(select=("MZ304", "MZ205")), jobs=1)
        return sorted((f.code, f.severity.value) for f in result.findings)

    # #女性 + #残疾人 may overlap: their sum above the total is information; #老年人 lacks a year
    assert findings("30134") == [("MZ205", "warning")]
    assert ("MZ304", "error") in findings("70134")            # one subset alone above its total


@pytest.mark.parametrize("households, passed", [("40,437", True), ("64,437", False)])
def test_a_tables_households_of_one_population_are_no_more_than_its_people(households, passed):
    from mzcheck.config import Config
    from mzcheck.ingest import Document
    from mzcheck.pipeline import run

    text = ("| 指标名称 | 单位 | 本期 | 上期 | 环比 |\n| --- | --- | --- | --- | --- |\n"
            "| A 城市低保人数 | 人 | 62,162 | 60,682 | 2.44 |\n"
            f"| B 城市低保户数 | 户 | {households} | 39,532 | 2.29 |\n")
    result = run([Document("t.txt", text, "txt", "utf-8")], Config(select=("MZ402",)), jobs=1)
    # the 环比 column (2.29 % of households against 2.44 % of people) is not compared
    assert sorted(c.outcome == "pass" for c in result.checks) == sorted([passed, True])


PERIOD_SO_FAR = ("| 指标 | 单位 | 1-6月 | 上年同期 | 同比增长(%) |\n| --- | --- | --- | --- | --- |\n"
           "| 地区生产总值 | 亿元 | 1234.5 | 1170.2 | {growth} |\n| 其中：第一产业 | 亿元 | 56.7 | 55.0 | 3.1 |\n"
           "| 第二产业 | 亿元 | 456.7 | 430.1 | 6.2 |\n| 第三产业 | 亿元 | {third} | 685.1 | 5.3 |\n"
           "| 规模以上工业增加值 | 亿元 | 400.1 | 380.0 | 5.3 |\n| 其中：国有控股企业 | 亿元 | 120.0 | 115.0 | 4.3 |\n"
           "| 民营企业 | 亿元 | 200.0 | 190.0 | 5.3 |\n")


def _checks(text: str, code: str) -> list[tuple[str, list[str]]]:
    from mzcheck.config import Config
    from mzcheck.ingest import Document
    from mzcheck.pipeline import run

    result = run([Document("t.md", text, "md", "utf-8")], Config(select=(code,)), jobs=1)
    doc = next(iter(result.documents))
    return [(c.outcome, [doc.text[m.start:m.end] for m in c.figures]) for c in result.checks]


def test_a_monthly_tables_period_so_far_is_its_current_column():
    # 1-6月 against 上年同期: the growth column is checked row by row
    got = _checks(PERIOD_SO_FAR.format(growth="5.5", third="721.1"), "MZ305")
    assert ("pass", ["1234.5", "1170.2", "5.5"]) in got and len(got) == 7
    assert ("error", ["1234.5", "1170.2", "6.5"]) in _checks(PERIOD_SO_FAR.format(growth="6.5", third="721.1"), "MZ305")


def test_rows_after_a_qizhong_row_that_complete_a_partition_are_its_parts():
    got = _checks(PERIOD_SO_FAR.format(growth="5.5", third="721.1"), "MZ303")
    assert got == [("pass", ["1234.5", "56.7", "456.7", "721.1"]), ("pass", ["1170.2", "55.0", "430.1", "685.1"])]
    bad = _checks(PERIOD_SO_FAR.format(growth="5.5", third="731.1"), "MZ303")
    assert [o for o, _ in bad] == ["error", "pass"]
    # 民营企业 completes no partition with 国有控股企业: the 其中 row alone is within its whole
    assert [figs for o, figs in _checks(PERIOD_SO_FAR.format(growth="5.5", third="721.1"), "MZ304")] == \
        [["400.1", "120.0"], ["380.0", "115.0"]]


def test_two_pipe_tables_apart_by_a_blank_line_are_two_tables():
    from mzcheck.extract.text_tables import find_text_tables

    text = ("| 指标 | 单位 | 1-6月 | 上年同期 |\n| --- | --- | --- | --- |\n| 甲 | 亿元 | 1.0 | 2.0 |\n\n"
            "| 指标 | 单位 | 本月 | 1-本月累计 |\n| --- | --- | --- | --- |\n| 乙 | 亿元 | 3.0 | 4.0 |\n")
    tables = find_text_tables(text, "t.md")
    assert [t.rows[0][2] for t in tables] == ["1-6月", "本月"] and [len(t.rows) for t in tables] == [2, 2]
