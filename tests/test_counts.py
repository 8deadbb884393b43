"""Items announced and numbered (MZ317) and the list markers they are read from, from
sentences of our own modelled on 政府工作报告."""

from __future__ import annotations

import pytest

from mzcheck.config import Config
from mzcheck.extract.lists import list_markers
from mzcheck.extract.normalize import normalize
from mzcheck.ingest import Document
from mzcheck.pipeline import run


def counts(text: str) -> list[tuple[str, tuple[str, ...]]]:
    result = run([Document("t.txt", text, "txt", "utf-8")], Config(select=("MZ317",)), jobs=1)
    doc = next(iter(result.documents))
    return [(c.outcome, tuple(doc.text[m.start:m.end] for m in c.figures)) for c in result.checks]


HEADINGS = "".join(f"（{n}）{t}。\n" for n, t in zip("一二三四", ["扩大内需", "科技创新", "改革开放", "民生保障"], strict=True))


def test_list_markers_of_every_style_with_their_numbers():
    text = "一、回顾\n（一）扩大内需\n1.医疗卫生方面。\n要做到：一是学习；二是落实。"
    got = [(m.raw, m.label, int(m.value)) for m in list_markers(normalize(text), text, "t")]
    assert got == [("一、", "chapter", 1), ("（一）", "heading", 1), ("1.", "numbered", 1),
                   ("一是", "shi", 1), ("二是", "shi", 2)]


@pytest.mark.parametrize("text, outcome, last", [
    ("重点做好以下4个方面工作：\n" + HEADINGS, "pass", "（四）"),
    ("重点做好以下5个方面工作：\n" + HEADINGS, "warning", "（四）"),
    ("重点做好十方面工作。\n" + HEADINGS, "warning", "（四）"),
    ("五年来，我们干好四件大事：一是学习贯彻；二是稳增长；三是抓改革；四是成功举办亚运会。", "pass", "四是"),
    ("要重点把握好3个方面：一是强化引领；二是统筹兼顾；三是抓具体；四是守底线。", "warning", "四是"),
    ("继续认真办好三方面民生实事，坚决做到言必信。\n1.医疗卫生方面。\n2.养老帮困方面。\n3.关爱儿童方面。\n", "pass", "3."),
    # a title line, then a paragraph of introduction, then the items
    ("2026年省三件民生实事\n坚持民生为大，加强普惠性。\n一、提高低保标准。\n二、建设托育机构。\n三、改造农村公路。\n",
     "pass", "三、"),
])
def test_the_last_item_of_the_announced_list_is_the_count(text, outcome, last):
    got = counts(text)
    assert len(got) == 1 and got[0][0] == outcome and got[0][1][-1] == last


@pytest.mark.parametrize("text", [
    # what was done is no announcement of a list
    "十方面民生实事圆满完成。\n" + HEADINGS,
    # 等N个 is an open list
    "推进人工智能、航空航天等6个重大科技专项：\n" + HEADINGS,
    # the list does not follow the announcement
    "重点做好以下5个方面工作。今年还要加强自身建设，提高效能。\n" + HEADINGS,
])
def test_counts_that_announce_no_numbered_list_are_not_checked(text):
    assert [c for c in counts(text) if any(m.startswith("（") for m in c[1])] == []


@pytest.mark.parametrize("text, outcome, named", [
    ("激活改革、开放、创新三大动力。", "pass", ("三大", "激活改革", "创新")),
    ("激活改革、开放、创新、协调三大动力。", "warning", ("三大", "激活改革", "协调")),
    ("推动黄河、淮河、海河、长江四大流域内城市协同发展。", "pass", ("四大", "推动黄河", "长江")),
    ("发展软件信息、科技服务和商务服务三大产业。", "pass", ("三大", "发展软件信息", "科技服务和商务服务")),
    ("围绕“富民”做好“强城”“兴村”“融合”三篇文章。", "pass", ("三篇", "“强城”", "“融合”")),
    ("开展违规收费、拖欠账款以及执法检查“三个专项治理”。", "pass", ("三个", "开展违规收费", "拖欠账款以及执法检查")),
    # after 等 the count may pass the items named, never fall short of them
    ("推进人工智能、航空航天等6个重大科技专项。", "pass", ("6个", "推进人工智能", "航空航天")),
    ("推进人工智能、航空航天、生物制造、清洁能源等3个重大科技专项。", "warning", ("3个", "推进人工智能", "清洁能源")),
    # the count first, then its items after a colon
    ("金融“五篇大文章”：\n指科技金融、绿色金融、普惠金融、养老金融、数字金融。", "pass", ("五篇", "科技金融", "数字金融")),
    ("金融“五篇大文章”：指科技金融、绿色金融、普惠金融、数字金融。", "warning", ("五篇", "科技金融", "数字金融")),
    # one item per line after a dash; a count in quotes
    ("在工作中做到“三个更加注重”：\n——更加注重战略引领，突出导向。\n——更加注重统筹兼顾。\n——更加注重抓具体。\n下一段。",
     "pass", ("三个", "——更加注重战略引领", "——更加注重抓具体")),
    ("新能源汽车、光伏产品、锂电池“新三样”出口增长69.4%。", "pass", ("三样", "新能源汽车", "锂电池")),
])
def test_items_named_inline_are_counted(text, outcome, named):
    assert counts(text) == [(outcome, named)]


@pytest.mark.parametrize("text", [
    "余姚井头山、温州朔门古港、仙居下汤遗址先后入选全国年度十大考古新发现。",   # a set they entered
    "办好国际乒联混合团体世界杯、铁人三项等赛事。",                             # 铁人三项 is a name
    "川渝省际铁路、高速公路、水路通道达到28条。",                               # a figure stated of them
    "提高城乡低保、特困人员供养、孤儿生活标准和残疾人两项补贴。",                 # the 两项 of the last item
    "全年建成安静小区10个、宁静工地21个。",                                      # figures listed, not names
])
def test_a_count_that_does_not_number_the_words_before_it_is_not_judged(text):
    assert [c for c in counts(text) if c[0] != "pass"] == []


def test_a_sub_list_inside_the_headings_does_not_end_or_extend_them():
    text = ("重点做好以下2个方面工作：\n（一）扩大内需。要做到：一是促消费；二是扩投资；三是稳外贸。\n"
            "（二）科技创新。\n二、政府自身建设\n（一）依法行政。\n")
    assert counts(text)[0] == ("pass", ("2个", "（一）", "（二）"))


@pytest.mark.parametrize("text, outcome", [
    ("经济总量连续迈上4万亿、5万亿两个台阶。", "pass"),
    ("全省生产总值连续跨越7万亿、8万亿、9万亿三个大台阶。", "pass"),
    ("全省生产总值连续跨越7万亿、8万亿、9万亿两个大台阶。", "warning"),
])
def test_a_list_of_figures_has_as_many_items_as_its_count_says(text, outcome):
    assert [o for o, _ in counts(text)] == [outcome]


def test_the_scale_of_the_first_item_of_a_list_is_kept():
    from mzcheck.engine import extract_document

    ex = extract_document(Document("t.txt", "连续迈上4万亿、5万亿两个台阶", "txt", "utf-8"))
    assert [(f.raw, str(f.value)) for f in ex.prose] == [("4万亿", "4000000000000"), ("5万亿", "5000000000000"),
                                                         ("两个", "2")]
