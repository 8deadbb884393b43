"""Every construct the figure grammar must read, one table row each (our own examples).

A row is (text, expected) where expected lists, for each figure in order, the fields
that must hold. Non-figure rows expect no figure at all.
"""

from __future__ import annotations

from fractions import Fraction as F

import pytest

from mzcheck.extract import extract_text


def figs(text: str):
    return extract_text(text, "t")


def check(text: str, expected: list[dict]) -> None:
    got = figs(text)
    assert len(got) == len(expected), [(f.raw, f.value, f.unit) for f in got]
    for fig, want in zip(got, expected, strict=True):
        for key, value in want.items():
            assert getattr(fig, key) == value, (key, fig)
        assert text[fig.start:fig.end] == fig.raw


CASES = {
    # scales after Arabic digits
    "scale-wan": ("共计发放补贴1214.74万元。", [dict(raw="1214.74万元", value=F("12147400"), unit="元", scale="万", decimals=2)]),
    "scale-wan-people": ("惠及困难群众10.69万人。", [dict(value=F(106900), unit="人", scale="万")]),
    "scale-yi": ("全年支出约2.35亿元。", [dict(value=F(235000000), unit="元", scale="亿", qualifier="约")]),
    "scale-wanyi": ("地区生产总值达14.2万亿元。", [dict(value=F(14200000000000), scale="万亿")]),
    "scale-qianwan": ("投入3千万元。", [dict(value=F(30000000), scale="千万")]),
    "scale-shi-bai-qian": ("新建5百个站点，培训2千人次。", [dict(value=F(500), unit="个"), dict(value=F(2000), unit="人次")]),
    "scale-without-measure-word": ("为8.6万困难老人购买保险。", [dict(value=F(86000), unit="", scale="万", label="困难老人")]),
    "qianwa-is-a-unit": ("农业机械总动力45761千瓦。", [dict(value=F(45761), unit="千瓦", scale="")]),
    # Chinese numerals
    "cn-liang": ("连续两年获评优秀。", [dict(value=F(2), unit="年", mantissa="2")]),
    "cn-classifier": ("覆盖七类困难群体。", [dict(value=F(7), unit="类")]),
    "cn-yibaiershi": ("建成一百二十个服务站。", [dict(value=F(120), unit="个")]),
    "cn-sandianwu": ("受益群众三点五万人。", [dict(value=F(35000), unit="人", decimals=1, scale="万")]),
    "cn-baifenzhi": ("自然增长率控制在百分之五以内。", [dict(value=F(5), unit="%")]),
    "cn-fraction": ("约占全省的三分之一。", [dict(value=F(1, 3), kind="fraction")]),
    # thousands separators and signs
    "thousands": ("农村低保标准为14,940.0元。", [dict(value=F("14940.0"), mantissa="14940.0", decimals=1)]),
    "minus-sign": ("| 乡 | 个 | 251 | 270 | -7.04 |", [dict(value=F(251)), dict(value=F(270)), dict(value=F("-7.04"))]),
    "down-word": ("农业产值比上年下降0.6%。", [dict(value=F("0.6"), unit="%", direction="down")]),
    "up-word": ("全年增长5.2%。", [dict(value=F("5.2"), direction="up")]),
    "count-rise-is-not-a-rate": ("新增4个示范区。", [dict(value=F(4), direction="")]),
    # ranges and fractions
    "range-zhi": ("每户补助2000至3000元。", [dict(kind="range", value=F(2000), value_hi=F(3000), unit="元")]),
    "range-percent": ("利率上浮5%~8%。", [dict(kind="range", value=F(5), value_hi=F(8), unit="%", raw="5%~8%")]),
    "range-shared-scale": ("投资3-5万元。", [dict(kind="range", value=F(30000), value_hi=F(50000))]),
    "from-to-is-not-a-range": ("标准由每人每月2070元提高至2200元。",
                               [dict(value=F(2070), per="人·月"), dict(value=F(2200), per="人·月")]),
    "arabic-fraction": ("就业人数稳定在全国1/10以上。", [dict(value=F(1, 10), kind="fraction", qualifier="以上")]),
    # units
    "money-units": ("奖励5000元、共50万元、合计1.2亿元。", [dict(unit="元", value=F(5000)), dict(value=F(500000)), dict(value=F(120000000), aggregate="合计")]),
    "people-units": ("救助300人次、120户、45名、8家次。", [dict(unit="人次"), dict(unit="户"), dict(unit="名"), dict(unit="家次")]),
    "thing-units": ("建成3所学校、12张床、6条线路、7份文件、9项制度、2类对象、1500平方米、30公顷、400吨。",
                    [dict(unit="所"), dict(unit="张"), dict(unit="条"), dict(unit="份"), dict(unit="项"),
                     dict(unit="类"), dict(unit="平方米"), dict(unit="公顷"), dict(unit="吨")]),
    "percent-points": ("比重提高1.2个百分点。", [dict(unit="个百分点", value=F("1.2"), direction="up")]),
    "times": ("不低于低保标准的1.3倍。", [dict(unit="倍", qualifier="不低于")]),
    "rate-slash": ("最低生活保障平均标准元/人·月1,245.0", [dict(unit="元", per="人·月", value=F(1245), raw="元/人·月1,245.0")]),
    "rate-prefix": ("供养标准为每人每年6240元。", [dict(unit="元", per="人·年")]),
    "fused-table-unit": ("最低生活保障人数万人7.1\n", [dict(unit="人", scale="万", value=F(71000), raw="万人7.1")]),
    # qualifiers before and after
    "q-yue": ("约9000人次", [dict(qualifier="约")]),
    "q-jin": ("投入近1500万元", [dict(qualifier="近")]),
    "q-chao": ("善款超3.1亿元", [dict(qualifier="超")]),
    "q-chaoguo": ("超过80岁", [dict(qualifier="超过")]),
    "q-yu": ("逾200家", [dict(qualifier="逾")]),
    "q-buzu": ("不足10%", [dict(qualifier="不足")]),
    "q-budao": ("不到500人", [dict(qualifier="不到")]),
    "q-bushaoyu": ("不少于3次", [dict(qualifier="不少于")]),
    "q-zhishao": ("至少2名", [dict(qualifier="至少")]),
    "q-da": ("社会组织达4627家", [dict(qualifier="达")]),
    "q-dadao": ("人数达到7523人", [dict(qualifier="达到")]),
    "aggregate-gong": ("共60737人", [dict(qualifier="", aggregate="共")]),
    "aggregate-gongji": ("共计127个", [dict(aggregate="共计")]),
    "aggregate-leiji": ("累计899.8万元", [dict(aggregate="累计")]),
    "q-yu-after": ("救助3000余人", [dict(qualifier="余", value=F(3000))]),
    "q-duo-before-scale": ("投入300多万元", [dict(qualifier="多", value=F(3000000), scale="万")]),
    "q-yishang": ("覆盖率95%以上", [dict(qualifier="以上", unit="%")]),
    "q-yixia": ("误差5%以下", [dict(qualifier="以下")]),
    "q-zuoyou": ("增长5%左右", [dict(qualifier="左右")]),
    "q-pair": ("超过100人以上", [dict(qualifier="超过…以上")]),
    "q-blocked-by-word": ("节约用水30吨", [dict(qualifier="")]),
    # lists sharing unit or qualifier
    "list-shared-qualifier-percent": ("以不低于标准40、20、10的比例提供服务。",
                                      [dict(value=F(40), unit="%", qualifier="不低于"),
                                       dict(value=F(20), unit="%", qualifier="不低于"),
                                       dict(value=F(10), unit="%", qualifier="不低于")]),
    "list-own-units": ("分别增长4.4%、10%、5.4%。", [dict(unit="%", direction="up")] * 3),
    "list-shared-unit": ("分别为3.5、4.2万元。", [dict(value=F(35000), unit="元"), dict(value=F(42000), unit="元")]),
    # percentages without %
    "missing-pct-rate": ("困境儿童保障率达100。", [dict(unit="%", flags=("missing-%",), qualifier="达")]),
    "missing-pct-share": ("等级组织占比42.59,", [dict(unit="%", flags=("missing-%",))]),
    "missing-pct-coverage": ("覆盖率近74。", [dict(unit="%", qualifier="近")]),
    "rate-per-100k-is-not-percent": ("传染病报告发病率为239.2/10万，", [dict(raw="239.2/10万", unit="", per="10万", flags=())]),
    "rate-per-1000-after-slash": ("床位数7.32张/千人。", [dict(unit="张", per="千人", flags=())]),
    "exchange-rate-is-not-percent": ("平均汇率6.8985折算", [dict(unit="", flags=())]),
    "space-before-percent": ("增长1.4 %,", [dict(raw="1.4 %", unit="%", flags=("space-before-%",))]),
    # structure ratio
    "structure-ratio": ("三次产业结构比例为6.01:55.04:38.95。", [dict(kind="ratio")] * 3),
    # full-width input keeps offsets into the original
    "full-width": ("覆盖率达９５．５％，共１，２３４人", [dict(raw="达９５．５％", value=F("95.5"), unit="%"),
                                               dict(raw="１，２３４人", value=F(1234), aggregate="共")]),
}

NON_FIGURES = {
    "date-iso": "发布日期:2023-01-06 11:13",
    "date-glued-time": "发布日期:2023-01-0611:13来源",
    "year": "2022年是关键之年",
    "year-range-hyphen": "《规划(2022-2035年)》",
    "year-range-dash": "任务(2022—2023年),进一步",
    "year-range-bare": "方案(2022-2024),推动",
    "month-day": "12月份实施,3月5日召开",
    "plan-name": "实施十四五规划",
    "ordinal-cn": "荣获第六届慈善奖",
    "ordinal-batch": "入选第二批名录、首批名录",
    "slogan-quoted": "“4+1”模式和“15分钟养老服务圈”",
    "book-title": "《三年行动实施方案》",
    "set-phrase-yilaoyixiao": "一老一小,事关千家万户",
    "set-phrase-once": "发放一次性生活补贴",
    "set-phrase-further": "进一步提升,举一反三",
    "congress": "深入贯彻党的二十大精神",
    "grade": "县乡村三级网络和四级救助网络",
    "document-number": "苏政发〔2022〕12号文件",
    "footnote-mark": "全年国内生产总值[2]",
    "identifier": "建成5G基站,PM2.5浓度下降",
    "url": "来源 http://example.gov.cn/art/2022/4/18/art_263_628246.html",
    "numbering": "1.城乡低保政策落实到位\n(一)行政区划\n一、综合",
    "hotline": "开通12345政务服务便民热线",
    "digits-count": "保持两位数增长",
    "quarter": "一季度和第三季度",
    "decade": "60年代精简退职老职工",
    "table-number": "表1 2019年生产总值",
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_construct(name: str) -> None:
    text, expected = CASES[name]
    check(text, expected)


@pytest.mark.parametrize("name", sorted(NON_FIGURES))
def test_not_a_figure(name: str) -> None:
    got = figs(NON_FIGURES[name])
    assert got == [], [(f.raw, f.value) for f in got]


def test_label_carries_subject_and_pairs_households_with_people() -> None:
    got = figs("全市共有城乡低保对象29109户39616人,全年发放城乡低保金约3亿元。")
    assert [f.label for f in got] == ["城乡低保对象", "城乡低保对象", "城乡低保金"]


def test_label_names_the_thing_after_a_measure_word() -> None:
    (fig,) = figs("新建或改造10家城市街道综合性养老服务中心。")
    assert fig.label == "城市街道综合性养老服务中心"


def test_label_prefixes_a_bare_verb_with_the_previous_subject() -> None:
    got = figs("全年共计实施临时救助约9000人次,支出约1000万元;")
    assert [f.label for f in got] == ["临时救助", "临时救助支出"]


def test_period_is_the_date_stated_in_the_sentence() -> None:
    (fig,) = figs("2022年改造6所机构。")
    assert fig.period == "2022年"


def test_figure_ids_are_stable_and_ordered() -> None:
    text = "甲10人,乙20人。丙30人。"
    a, b = figs(text), figs(text)
    assert [f.figure_id for f in a] == ["F0001", "F0002", "F0003"] == [f.figure_id for f in b]
    assert [f.sentence_id for f in a] == [1, 1, 2]


def test_fused_unit_never_reaches_into_the_previous_figure() -> None:
    # found by Hypothesis: the 元 of the first figure was taken again by the second
    got = figs("0元0")
    assert [(f.raw, f.unit) for f in got] == [("0元", "元"), ("0", "")]


def test_qualifier_never_crosses_a_line_break() -> None:
    (fig,) = figs("投入约\n1500万元")
    assert (fig.raw, fig.qualifier) == ("1500万元", "")
