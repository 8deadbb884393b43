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
    # named items, not numbered ones: nothing to count
    "激活改革、开放、创新三大动力。",
])
def test_counts_that_announce_no_numbered_list_are_not_checked(text):
    assert counts(text) == []


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
