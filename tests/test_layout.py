"""Layout repair (issue 13): text converted from PDF or Word is read as it was meant, and
every figure still points at the characters of the text as read. Examples are our own
sentences, written in the shapes converted bulletins take."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mzcheck.config import Config
from mzcheck.engine import extract_document
from mzcheck.extract.layout import repair
from mzcheck.extract.text_tables import find_text_tables
from mzcheck.ingest import Document
from mzcheck.pipeline import run


def figures(text: str):
    doc = Document("t.txt", text, "txt", "utf-8")
    return extract_document(doc).original_figures()


def findings(text: str, *codes: str):
    result = run([Document("t.txt", text, "txt", "utf-8")], Config(select=codes) if codes else Config(), jobs=1)
    return [f for f in result.findings if not codes or f.code in codes]


# a page of converted text: lines cut at an even width, footers between pages
PAGE = ("全年共支出养老服务资金 56.2 亿元，其中机构养老补\n"
        "贴 31.4 亿元，居家社区养老 16.9 亿元，其他 8.9 亿\n"
        "元。全市城乡低保对象 29109 户 39616 人，比上年\n"
        "{footer}\n"
        "减少 1524 人，下降 3.7 %。特困人员 20488 人，其中\n"
        "农村特困人员 19959 人。社会组织 4627 家，比上年增\n"
        "加 130 家，增长 2.9%。全年募集各类善款 3.1 亿元。\n")


@pytest.mark.parametrize("raw,value,unit,scale", [
    ("56.2 亿元", "5620000000", "元", "亿"),
    ("31.4 亿元", "3140000000", "元", "亿"),
    ("8.9 亿\n元", "890000000", "元", "亿"),           # cut by the page width between scale and unit
    ("3.7 %", "37/10", "%", ""),
    ("19959 人", "19959", "人", ""),
])
def test_spaced_units_are_read_through(raw, value, unit, scale):
    text = PAGE.format(footer="— 4 —")
    found = {f.raw: f for f in figures(text)}
    assert raw in found, sorted(found)
    f = found[raw]
    assert (str(f.value.numerator) if f.value.denominator == 1 else f"{f.value.numerator}/{f.value.denominator}",
            f.unit, f.scale) == (value, unit, scale)
    assert text[f.start:f.end] == f.raw


@pytest.mark.parametrize("footer", ["— 4 —", "—7—", "- 12 -", "第 3 页", "第3页 共18页", "12/18", "· 5 ·"])
def test_footers_of_every_style_are_skipped_inside_a_sentence(footer):
    text = PAGE.format(footer=footer)
    layout = repair(text)
    assert footer not in layout.text
    assert "比上年减少1524人" in layout.text                 # the sentence reads across the page break
    assert [(kind, text[a:b]) for kind, a, b in layout.repairs if kind == "footer"] == [("footer", footer.strip())]
    change = next(f for f in figures(text) if f.raw.endswith("1524 人"))
    assert change.direction == "down"


def test_a_label_split_by_a_footer_is_read_as_one():
    text = ("根据地区生产总值统一核算初步结果，全年实现地区生产总\n— 2 —\n值（GDP）19917.0 亿元，按可比价格计算，\n"
            "比上年增长 8.6%。其中，第一产业增加值 582.8 亿元，增长\n4.8%；第二产业增加值 6114.3 亿元，增长 8.2%；第三\n"
            "产业增加值 13219.9 亿元，增长 9.0%。三次产业结构为\n2.9 : 30.7 : 66.4。\n")
    assert "全年实现地区生产总值（GDP）19917.0亿元，按可比价格计算，" in repair(text).text
    assert [f.mantissa for f in figures(text) if f.kind == "ratio"] == ["2.9", "30.7", "66.4"]
    structure = findings(text, "MZ306")
    assert structure == []                                  # 2.9 + 30.7 + 66.4 = 100, and each matches


def test_a_sentence_wrapped_at_the_page_width_is_joined_but_paragraphs_are_kept():
    text = PAGE.format(footer="— 4 —") + "\n二、社会救助\n全年实施临时救助约9000人次。\n"
    layout = repair(text)
    assert "比上年增加130家，增长2.9%。" in layout.text
    assert "\n二、社会救助\n" in layout.text                 # a heading is never joined to a line
    rate = next(f for f in figures(text) if f.raw == "2.9%")
    assert rate.direction == "up" and rate.sentence_id == next(f for f in figures(text) if f.raw == "130 家").sentence_id


def test_a_number_split_across_a_wrap_is_still_reported_not_joined():
    text = ("为全市 1690 名农村五保对象发放一次性生活补贴 3\n"
            "3.8 万元，为城乡低保对象发放价格临时补贴 1214.7\n"
            "4 万元，发放时间为春节前后，资金全部由市财政承担\n"
            "，全年共计发放三次补贴，惠及困难群众约六万人次。\n")
    values = [f.raw for f in figures(text)]
    assert "33.8 万元" not in values and "33.8万元" not in values
    assert [f.code for f in findings(text, "MZ104")] == ["MZ104"]


def test_letter_spaced_labels_are_read_as_words():
    text = "全 年 完 成 一 般 公共 预 算 收 入 1697.9 亿元，比上年增长 11.7%。\n"
    revenue = next(f for f in figures(text) if f.raw == "1697.9 亿元")
    assert revenue.label.endswith("一般公共预算收入")
    assert [f.code for f in findings(text, "MZ107")] == ["MZ107"]


def test_table_words_are_not_letter_spacing():
    layout = repair("产品名称 单位 产量 比上年增长（%）\n汽车 万辆 62.6 15.1\n电子计算机 万台 97.8 30.8\n")
    assert layout.identity and not layout.repairs


FLAT_TABLE = ("（三）交通运输\n表 5：2022 年交通运输量及其增长速度\n"
              "指标 单位 2022 年 比上年增长（%）\n"
              "全年货物周转量 亿吨公里 514.7 3.5\n"
              "  #铁路 亿吨公里 106.0 3.6\n"
              "   航空 亿吨公里 15.4 -12.1\n"
              "   公路 亿吨公里 393.3 4.2\n"
              "全年旅客周转量 亿人公里 535.0 -35.6\n"
              "  #铁路 亿人公里 39.9 -32.9\n"
              "   航空 亿人公里 464.1 -35.6\n"
              "   公路 亿人公里 31.1 -38.3\n"
              "全年邮政业务总量 195.3 亿元，比上年增长 3.2%。\n")


def test_a_flattened_table_with_child_rows_is_a_table():
    (table,) = [t for t in find_text_tables(FLAT_TABLE, "t") if t.kind == "lines"]
    assert table.rows[0] == ["指标", "单位", "2022年", "比上年增长(%)"]
    assert table.rows[2] == ["#铁路", "亿吨公里", "106.0", "3.6"]
    assert table.indents[1:4] == [0, 3, 3]          # "  #铁路" and "   航空" are siblings
    extraction = extract_document(Document("t.txt", FLAT_TABLE, "txt", "utf-8"))
    (parsed,) = extraction.tables
    rail = next(r for r in parsed.rows if r.name == "铁路")
    assert rail.parent is not None and rail.parent.name == "全年货物周转量" and rail.subset
    cells = [f for f in parsed.figures if f.label == "全年旅客周转量"]
    assert [(f.raw, f.unit, f.scale, f.column) for f in cells] == [
        ("535.0", "人公里", "亿", "2022年"), ("-35.6", "%", "", "比上年增长(%)")]
    assert all(FLAT_TABLE[f.start:f.end] == f.raw for f in extraction.original_figures())
    # the prose after the table is still prose
    assert any(extraction.located(f).raw == "195.3 亿元" for f in extraction.prose)


def test_a_flattened_table_checks_its_children_against_their_parent():
    broken = FLAT_TABLE.replace("   公路 亿吨公里 393.3 4.2", "   公路 亿吨公里 493.3 4.2")
    assert [f.code for f in findings(FLAT_TABLE, "MZ304")] == []
    assert [f.code for f in findings(broken, "MZ304")] == ["MZ304"]


def test_a_tab_separated_table():
    text = "表 1：财政收支\n指标\t2023 年（亿元）\t比上年增长（%）\n一般公共预算收入\t1697.9\t11.7\n#税收收入\t1272.9\t12.6\n"
    (table,) = [t for t in find_text_tables(text, "t") if t.kind == "lines"]
    assert table.rows[1:] == [["一般公共预算收入", "1697.9", "11.7"], ["#税收收入", "1272.9", "12.6"]]


def test_typed_text_keeps_its_typography_notes():
    assert [f.stated for f in findings("蔬菜播种面积3938公顷,比上年增长1.4 %。", "MZ103")] == ["1.4 %"]
    assert [f.stated for f in findings("全年共支出养老服务资金 56.2 亿元。", "MZ103")] == ["56.2 亿元"]


def test_converted_text_does_not_report_its_conversion_spaces():
    text = PAGE.format(footer="— 4 —") + PAGE.format(footer="— 5 —")
    assert repair(text).converted
    notes = [f.stated for f in findings(text, "MZ103")]
    assert "56.2 亿元" not in notes and "31.4 亿元" not in notes


def test_a_space_before_percent_is_still_noted_where_the_document_writes_none():
    text = PAGE.format(footer="— 4 —").replace("下降 3.7 %", "下降 3.7%") + PAGE.format(footer="— 5 —").replace(
        "下降 3.7 %", "下降3.7%")
    text += "全年城镇新增就业 8.8 万人，比上年增长 4.9 %。\n"
    assert [f.stated for f in findings(text, "MZ103")] == ["4.9 %"]


def test_a_broken_sum_is_caught_in_spaced_text():
    # the sentence: 31.4 + 16.9 + 8.9 = 57.2, more than the 56.2 it says it is part of
    text = "全年共支出养老服务资金 56.2 亿元，其中机构养老补贴 31.4 亿元，居家社区养老 16.9 亿元，其他 8.9 亿元。"
    bad = findings(text, "MZ303", "MZ304")
    ok = findings(text.replace("8.9 亿元", "7.9 亿元"), "MZ303", "MZ304")
    assert ok == [] and len(bad) == 1 and "57.2亿元" in bad[0].message


# --- the offset invariant -----------------------------------------------------------------
DEBRIS = st.sampled_from([
    "全年", "地区生产总值", "增长", "比上年", "下降", "其中", "亿元", "万人", "%", " %", " ", "  ", "\n", "\n\n", "— 4 —\n",
    "第 3 页\n", "- 12 -\n", "12.5", "3", "4627", "，", "。", "全 年 完 成", "1,234.5", "（%）", "\t", "#铁路", "指标 单位 2022 年",
    "582.8 亿元", "3\n3.8万元", "表 1：", ":", " : ",
])


@settings(max_examples=300, deadline=None)
@given(st.lists(DEBRIS, max_size=60).map("".join))
def test_every_figure_points_at_its_raw_in_the_text_as_read(text):
    doc = Document("t.txt", text, "txt", "utf-8")
    extraction = extract_document(doc)
    for f in extraction.original_figures():
        assert text[f.start:f.end] == f.raw, (f.raw, text)
    layout = extraction.layout
    assert layout is not None
    for i in range(len(layout.text) + 1):
        j = layout.original(i)
        assert 0 <= j <= len(text)
        if i < len(layout.text):
            assert text[j] == layout.text[i]


@settings(max_examples=200, deadline=None)
@given(st.lists(DEBRIS, max_size=40).map("".join))
def test_findings_and_marks_point_into_the_text_as_read(text):
    result = run([Document("t.txt", text, "txt", "utf-8")], jobs=1)
    (info,) = list(result.documents)
    for m in info.marks:
        assert text[m.start:m.end] == m.raw
    for f in result.findings:
        for m in f.figures:
            assert text[m.start:m.end] == m.raw
        if f.span:
            assert 0 <= f.span[0] <= f.span[1] <= len(text)


def test_docx_text_boxes_are_read_once(tmp_path):
    from docx import Document as new_docx
    from docx.oxml import parse_xml

    from mzcheck.ingest import read_document

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    mc = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
    wps = 'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'
    v = 'xmlns:v="urn:schemas-microsoft-com:vml"'
    box = ('<w:txbxContent {w}><w:p><w:r><w:t>全市共有特困人员20488人。</w:t></w:r></w:p></w:txbxContent>').format(w=w)
    run = parse_xml(
        f'<w:r {w} {mc} {wps} {v}><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx>{box}'
        f'</wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox>{box}</v:textbox></w:pict>'
        f'</mc:Fallback></mc:AlternateContent></w:r>')
    document = new_docx()
    paragraph = document.add_paragraph("全市城乡低保对象29109户39616人。")
    paragraph._p.append(run)
    path = tmp_path / "boxes.docx"
    document.save(path)
    text = read_document(path).text
    assert text.count("全市共有特困人员20488人") == 1 and "39616人" in text


def test_a_footer_between_blank_lines_inside_a_sentence_is_read_through():
    from mzcheck.extract.layout import repair

    lines = [f"镇居民人均可支配收入 5263{k} 元，增长 8.{k}%。其中工资性收入" for k in range(10)]
    text = "\n".join(lines[:6] + ["30974 元，增长 7.5%；经营净收入 5209 元，增长 11.8%；财产", "", "— 12 — ",
                                 "净收入 5407 元，增长 10.7%；转移净收入 11043 元，增长 8.0%。"] + lines[6:]) + "\n"
    layout = repair(text, converted=True)
    assert "财产净收入5407" in layout.text.replace(" ", "")
    assert [k for k, _, _ in layout.repairs].count("footer") == 1


def test_a_prose_line_that_stops_inside_a_word_runs_on_in_a_text_of_one_paragraph_per_line():
    from mzcheck.extract.layout import repair

    text = ("事业单位聘用制度和岗位管理制度基本实现全覆盖。\n\n"
            "全年全国公开招聘事业单位工作人员97.5万人，其中，中央事业单位6.3万人，地方事业\n单位91.2万人。\n"
            "二、劳动关系\n落实工资政策。\n")
    out = repair(text).text
    assert "地方事业单位91.2万人。" in out
    assert "二、劳动关系\n落实工资政策。" in out          # a heading and a short line stay as they are


def test_a_number_whose_unit_opens_the_next_line_is_joined_in_a_text_of_one_paragraph_per_line():
    from mzcheck.extract.layout import repair

    text = ("民办培训机构31226所。全年开展补贴性职业技能培训 1822\n万人次，其中培训企业职工804万人次。\n"
            "年末全国参加城镇职工基本养老保险人数52121万人，\n比上年末增加1766万人。\n")
    layout = repair(text)
    assert "培训 1822万人次" in layout.text or "培训1822万人次" in layout.text
    assert "52121万人，比上年末" in layout.text
    assert [kind for kind, *_ in layout.repairs] == ["unit-break"]      # reported (MZ107), not silently
