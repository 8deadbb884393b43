"""Parts and totals as bulletins print them (MZ303/MZ304), from sentences of our own: a
bulleted 其中 list, two-part partitions across a paragraph, and 分门类看 breakdowns — with
the look-alikes that are not sums."""

from __future__ import annotations

import pytest

from mzcheck.config import Config
from mzcheck.ingest import Document
from mzcheck.pipeline import run


def sums(text: str) -> list[tuple[str, tuple[str, ...]]]:
    """(outcome, raw figures: whole first) of every MZ303/MZ304 check."""
    result = run([Document("t.txt", text, "txt", "utf-8")], Config(select=("MZ303", "MZ304")), jobs=1)
    doc = next(iter(result.documents))
    return [(c.outcome, tuple(doc.text[m.start:m.end] for m in c.figures)) for c in result.checks]


def test_a_bulleted_list_under_qizhong_holds_the_parts():
    text = ("2023年，国内出游人次48.9亿，同比增长93.3%。其中：\n"
            "- 城镇居民国内出游37.6亿人次，同比增长94.9%；\n"
            "- 农村居民国内出游11.3亿人次，同比增长88.5%。\n")
    assert sums(text) == [("pass", ("48.9亿", "37.6亿人次", "11.3亿人次"))]
    assert sums(text.replace("11.3亿", "13.3亿"))[0][0] == "error"


@pytest.mark.parametrize("text, figures", [
    ("全国文化和旅游事业费1280.4亿元，比上年增加78.6亿元。县以上文化和旅游事业费597.6亿元，占46.7%；"
     "县及县以下文化和旅游事业费682.7亿元，占53.3%。", ("1280.4亿元", "597.6亿元", "682.7亿元")),
    ("年末全国参加基本养老保险人数106643万人。年末全国参加城镇职工基本养老保险人数52121万人，"
     "参加城乡居民基本养老保险人数54522万人。", ("106643万人", "52121万人", "54522万人")),
])
def test_a_two_part_partition_adds_up_to_its_whole_across_a_paragraph(text, figures):
    assert sums(text) == [("pass", figures)]


def test_a_breakdown_by_category_adds_up_to_the_total_before_other_breakdowns():
    text = ("全年规模以上工业企业利润7431亿元，比上年下降3.3%。分经济类型看，国有控股企业利润2139亿元，"
            "下降4.6%；股份制企业5616亿元，下降3.6%；私营企业2324亿元，增长0.5%。分门类看，采矿业利润1127亿元，"
            "下降10.0%；制造业5514亿元，下降3.9%；电力、热力、燃气及水生产和供应业790亿元，增长14.5%。")
    assert sums(text) == [("pass", ("7431亿元", "1127亿元", "5514亿元", "790亿元"))]
    assert sums(text.replace("5514亿元", "5914亿元")) == [("error", ("7431亿元", "1127亿元", "5914亿元", "790亿元"))]


def test_a_qizhong_inside_a_breakdown_item_is_not_another_part():
    text = ("全年地区生产总值8000亿元。分产业看，第一产业增加值400亿元；第二产业增加值3000亿元，"
            "其中工业增加值2500亿元；第三产业增加值4600亿元。")
    assert ("pass", ("8000亿元", "400亿元", "3000亿元", "4600亿元")) in sums(text)
    assert not [o for o, _ in sums(text) if o != "pass"]


def test_a_breakdown_by_ownership_overlaps_and_is_not_summed():
    text = ("全年规模以上工业企业利润7431亿元。分经济类型看，国有控股企业利润2139亿元；"
            "股份制企业5616亿元；私营企业2324亿元。")
    assert [o for o, _ in sums(text) if o != "pass"] == []


def test_summer_and_autumn_grain_are_not_the_whole_harvest_outside_a_list():
    text = "全年粮食产量7065万吨，比上年增加110万吨。夏粮产量1498万吨；早稻产量281万吨；秋粮产量5284万吨。"
    assert [o for o, _ in sums(text) if o != "pass"] == []


def growths(text: str) -> list[str]:
    result = run([Document("t.txt", text, "txt", "utf-8")], Config(select=("MZ318",)), jobs=1)
    return [c.outcome for c in result.checks]


@pytest.mark.parametrize("text, outcome", [
    ("全年社会消费品零售总额9096.5亿元，下降1.7%。其中，城镇消费品零售额8720.2亿元，下降1.7%；"
     "乡村消费品零售额376.3亿元，下降1.9%。", "pass"),
    ("全年社会消费品零售总额9096.5亿元，增长1.7%。其中，城镇消费品零售额8720.2亿元，下降1.7%；"
     "乡村消费品零售额376.3亿元，下降1.9%。", "warning"),
    ("全年货物进出口总额8346.4亿元，增长1.6%。其中，出口5005.1亿元，增长3.7%；进口3341.3亿元，下降1.4%。", "pass"),
    ("全年货物进出口总额8346.4亿元，增长2.6%。其中，出口5005.1亿元，增长3.7%；进口3341.3亿元，下降1.4%。", "warning"),
])
def test_a_total_grows_as_its_parts_levels_and_rates_imply(text, outcome):
    assert growths(text) == [outcome]


def test_growth_at_comparable_prices_does_not_relate_the_levels():
    text = ("全年地区生产总值2081.5亿元，按可比价格计算，比上年增长9.8%。其中，第一产业增加值58.4亿元，增长3.8%；"
            "第二产业增加值640.1亿元，增长5.5%；第三产业增加值1383.0亿元，增长1.5%。")
    assert growths(text) == []


@pytest.mark.parametrize("text, outcome", [
    ("12月份，70个大中城市中，新建商品住宅销售价格环比上涨的城市个数为23个，持平的为4个，下降的为43个；"
     "二手住宅环比上涨的城市个数为9个。", "pass"),
    ("12月份，75个大中城市中，新建商品住宅销售价格环比上涨的城市个数为23个，持平的为4个，下降的为43个。", "error"),
    # members that are no partition are a selection: fewer is fine
    ("在监测的339个城市中，空气质量达标的城市有221个，重污染的城市有12个。", "pass"),
])
def test_the_counts_of_a_named_set_add_up_when_they_partition_it(text, outcome):
    assert [o for o, _ in sums(text)] == [outcome]


@pytest.mark.parametrize("text, outcome", [
    ("新增1000处信号灯联网、累计达8000处。", "pass"),
    ("进出川大通道新增16条、达到54条。", "pass"),
    ("新增1000处信号灯联网、累计达800处。", "error"),
])
def test_what_was_added_is_within_the_stock_it_reached(text, outcome):
    assert [o for o, _ in sums(text)] == [outcome]


@pytest.mark.parametrize("text, outcomes", [
    ("1540件交办信访件已完成整改1437件、销号1107件。", ["pass", "pass"]),
    ("排查安全隐患120处，已全部整改115处。", ["pass"]),
    ("排查安全隐患120处，已全部整改125处。", ["error"]),
    # a quota may be exceeded, and a change is not what was done
    ("下达改造任务120个，完成125个。", []),
    ("受理投诉120件，比上年增加15件。", []),
])
def test_what_was_done_of_the_items_is_within_them(text, outcomes):
    assert [o for o, _ in sums(text)] == outcomes


# grades are few of the bodies: a sum above all of them is information (as for any 其中 list
# not known to be whole), one grade alone above them is wrong
@pytest.mark.parametrize("total, outcome", [("3246个", "pass"), ("2246个", "info"), ("1246个", "warning")])
def test_the_graded_bodies_are_some_of_all_the_bodies_of_their_name(total, outcome):
    text = ("开展县级以上公共图书馆评估定级工作，共评定一级公共图书馆1302家、二级公共图书馆680家、三级公共图书馆741家。"
            f"\n\n年末，全国共有公共图书馆{total}，从业人员6.1万人。")
    assert [o for o, _ in sums(text)] == [outcome]


def test_grades_without_a_count_of_all_the_bodies_are_not_checked():
    text = "评定一级文化馆300家、二级文化馆500家。年末共有博物馆6833个。"
    assert sums(text) == []


def growth_checks(text: str) -> list[tuple[str, tuple[str, ...]]]:
    result = run([Document("t.txt", text, "txt", "utf-8")], Config(select=("MZ305",)), jobs=1)
    doc = next(iter(result.documents))
    return [(c.outcome, tuple(doc.text[m.start:m.end] for m in c.figures)) for c in result.checks]


@pytest.mark.parametrize("rate, outcome", [("3.3%", "pass"), ("4.3%", "error")])
def test_a_change_compared_with_last_year_is_of_the_level_stated_before_it(rate, outcome):
    text = ("2024年，全国医疗卫生机构入院人次31192.0万。其中医院25462.0万人次（占81.6%）。"
            f"与上年比较，全国医疗卫生机构入院增加1004.7万人次（增长{rate}）。")
    assert growth_checks(text) == [(outcome, ("31192.0万", "1004.7万人次", rate))]


def test_changes_of_the_items_are_not_items_of_the_whole():
    from mzcheck.config import Config
    from mzcheck.ingest import Document
    from mzcheck.pipeline import run

    text = ("年末全国参加城镇职工基本养老保险人数50355万人，比上年末增加2281万人，其中，参保职工36711万人，"
            "参保离退休人员13644万人，分别增加1794万人和487万人。")
    result = run([Document("t.txt", text, "txt", "utf-8")], Config(select=("MZ303", "MZ304")), jobs=1)
    assert [f.message for f in result.findings] == []
    assert any(c.outcome == "pass" for c in result.checks)


FUNDS = ("全年三项社会保险基金收入计{total}亿元。\n\n（一）养老保险\n全年基本养老保险基金收入76691亿元。"
         "全年城镇职工基本养老保险基金收入70506亿元。\n\n（二）失业保险\n全年失业保险基金收入1807亿元。\n\n"
         "（三）工伤保险\n全年工伤保险基金收入1212亿元。\n")


@pytest.mark.parametrize("total, passed", [("79710", True), ("85290", False)])
def test_a_total_of_n_named_kinds_is_the_sum_of_the_kinds_stated_after_it(total, passed):
    from mzcheck.config import Config
    from mzcheck.ingest import Document
    from mzcheck.pipeline import run

    result = run([Document("t.txt", FUNDS.format(total=total), "txt", "utf-8")], Config(select=("MZ303",)), jobs=1)
    doc = next(iter(result.documents))
    got = [(c.outcome == "pass", [doc.text[m.start:m.end] for m in c.figures]) for c in result.checks]
    # 城镇职工基本养老保险基金收入 is a kind of 基本养老保险基金收入, not a fourth kind
    assert got == [(passed, [f"{total}亿元", "76691亿元", "1807亿元", "1212亿元"])]


def test_the_parts_of_a_partition_may_stand_in_the_paragraphs_of_one_section():
    from mzcheck.config import Config
    from mzcheck.ingest import Document
    from mzcheck.pipeline import run

    text = ("（一）养老保险\n年末全国参加基本养老保险人数106643万人。\n年末全国参加城镇职工基本养老保险人数52121万人。\n"
            "年末全国参加城乡居民基本养老保险人数{}万人。\n（二）失业保险\n年末参加失业保险人数24373万人。\n")
    for rural, passed in (("54522", True), ("58522", False)):
        result = run([Document("t.txt", text.format(rural), "txt", "utf-8")], Config(select=("MZ303",)), jobs=1)
        assert [c.outcome == "pass" for c in result.checks] == [passed]


@pytest.mark.parametrize("other, sums", [("3.5", True), ("9.5", False)])
def test_the_levels_of_a_complete_breakdown_make_the_total_before_them(other, sums):
    from mzcheck.config import Config
    from mzcheck.ingest import Document
    from mzcheck.pipeline import run

    text = (f"全国医疗卫生机构总诊疗人次101.5亿，比上年增加6.0亿人次。\n三级医院28.7亿人次（占28.3%），一级、二级医院和"
            f"基层医疗卫生机构67.6亿人次（占66.6%），未定级医院1.7亿人次（占1.7%），其他医疗卫生机构{other}亿人次（占3.4%）。")
    result = run([Document("t.txt", text, "txt", "utf-8")], Config(select=("MZ303", "MZ306")), jobs=1)
    doc = next(iter(result.documents))
    got = {(c.code, c.outcome == "pass"): [doc.text[m.start:m.end] for m in c.figures] for c in result.checks}
    assert got[("MZ306", True)] == ["28.3%", "66.6%", "1.7%", "3.4%"]          # the shares close the breakdown
    assert got[("MZ303", sums)][0] == "101.5亿"                                  # 6.0亿人次 is a change, no total


def _sum_checks(text: str):
    from mzcheck.config import Config
    from mzcheck.ingest import Document
    from mzcheck.pipeline import run

    result = run([Document("t.txt", text, "txt", "utf-8")], Config(select=("MZ303", "MZ304")), jobs=1)
    doc = next(iter(result.documents))
    return [(c.code, c.outcome, [doc.text[m.start:m.end] for m in c.figures]) for c in result.checks]


def test_a_bracketed_list_is_a_breakdown_of_the_item_before_it():
    text = ("全国共报告各类职业病新病例{total}例，其中职业性尘肺病及其他呼吸系统疾病7312例（其中职业性尘肺病7251例），"
            "职业性耳鼻喉口腔疾病2227例，职业性传染病495例，其他职业病10例。")
    assert _sum_checks(text.format(total="10044")) == [
        ("MZ303", "pass", ["10044例", "7312例", "2227例", "495例", "10例"]),
        ("MZ304", "pass", ["7251例", "7312例"]),
    ]
    # closed by 其他, the list is the whole breakdown: a total above its sum is an error
    assert [(c, o) for c, o, _ in _sum_checks(text.format(total="11044"))][0] == ("MZ303", "error")


@pytest.mark.parametrize("total, outcome", [("54897", "pass"), ("58740", "error")])
def test_the_four_sources_of_income_make_disposable_income(total, outcome):
    text = (f"城镇居民人均可支配收入{total}元，其中，工资性收入32292元，经营净收入5448元，"
            "财产净收入5633元，转移净收入11524元。")
    assert [(c, o) for c, o, _ in _sum_checks(text)] == [("MZ303", outcome)]


def test_changes_under_a_comparison_that_opens_the_sentence_add_up():
    text = ("与上年比较，床位增加12.5万张，其中：公立医院增加7.0万张，民营医院增加4.5万张；"
            "基层医疗卫生机构床位增加0.8万张，专业公共卫生机构床位增加0.2万张。")
    got = _sum_checks(text)
    assert got and got[0][1] == "pass" and got[0][2][0] == "12.5万张"


def test_a_figure_after_a_semicolon_larger_than_the_whole_ends_the_list():
    text = ("首次公开发行上市A股77只，筹资622亿元，比上年减少2796亿元，其中科创板股票15只，筹资152亿元；"
            "沪深交易所A股再融资3629亿元，减少3688亿元。")
    assert [(c, o) for c, o, _ in _sum_checks(text) if o != "pass"] == []


def test_each_qizhong_of_a_long_sentence_hangs_from_its_own_total():
    text = ("全市城市低保对象33087户57374人,其中市本级23502户41878人;农村低保对象25070户42469人,其中市本级3127户4539人;"
            "全市五保对象2719人,其中集中供养973人,分散供养1746人,本级五保对象161人,其中集中供养63人,分散供养98人。")
    got = {tuple(figs) for _, o, figs in _sum_checks(text) if o == "pass"}
    assert ("3127户", "25070户") in got and ("4539人", "42469人") in got     # not 23502户 of the list before
    assert ("161人", "63人", "98人") in got                                 # the total right before its 其中


@pytest.mark.parametrize("total, outcome", [("337", "pass"), ("327", "warning")])
def test_a_breakdown_in_brackets_after_its_total(total, outcome):
    text = f"“规划环评+项目环评”改革共有{total}个项目实施降级（报告书降报告表5个，报告表降登记表329个，豁免3个）。"
    got = _sum_checks(text)
    assert [(o, figs[0]) for _, o, figs in got] == [(outcome, f"{total}个")]     # 报告表5个 is a count, not 表5


@pytest.mark.parametrize("added, outcome", [("超1500人", "pass"), ("超5500人", "warning")])
def test_what_was_added_is_within_a_stock_stated_with_two_qualifiers(added, outcome):
    text = f"新增持证养老护理员{added}，全省养老机构护理员持证人数达到4500人以上。"
    # 4500人以上 read strictly is below 4600: 超5500 fits only if 以上 is read without a ceiling
    assert _sum_checks(text) == [("MZ304", outcome, [added, "达到4500人以上"])]


@pytest.mark.parametrize("text, outcome", [
    # a 其中 list not known to be complete, whose levels add up to the whole: it is the breakdown
    ("年末各项贷款余额720.04亿元，增长28.51%，其中，住户贷款余额210.76亿元，增长17.17%；"
     "企业贷款余额509.27亿元，增长33.87%。", ["pass"]),
    ("年末各项贷款余额720.04亿元，增长28.51%，其中，住户贷款余额210.76亿元，增长26.33%；"
     "企业贷款余额509.27亿元，增长33.87%。", ["warning"]),
    # the levels leave a remainder: the growth of what is not listed is unknown
    ("年末各项贷款余额800.00亿元，增长28.51%，其中，住户贷款余额210.76亿元，增长26.33%；"
     "企业贷款余额509.27亿元，增长33.87%。", []),
    # value added: growth at comparable prices by convention, not of the printed levels
    ("全年工业增加值720.04亿元，增长8.5%，其中，轻工业增加值210.76亿元，增长6.3%；"
     "重工业增加值509.27亿元，增长9.9%。", []),
])
def test_parts_that_add_up_make_the_wholes_growth(text, outcome):
    assert growths(text) == outcome


@pytest.mark.parametrize("whole, outcome", [("8202", "pass"), ("8777", "error")])
def test_inbound_visitors_are_foreigners_and_compatriots(whole, outcome):
    # 入境游客 = 外国人 + 香港、澳门和台湾同胞: a complete breakdown, whose label a list's 、 cuts
    text = f"全年入境游客{whole}万人次，其中，外国人1378万人次，香港、澳门和台湾同胞6824万人次。"
    assert [o for o, _ in sums(text)] == [outcome]


_PULLS = ("全年地区生产总值3456.7亿元，比上年增长{growth}%。最终消费支出拉动地区生产总值增长3.1个百分点，"
          "资本形成总额拉动地区生产总值增长1.7个百分点，货物和服务净出口{net}拉动地区生产总值增长0.6个百分点。")


@pytest.mark.parametrize("growth, net, outcome", [
    ("5.4", "", ["pass"]),            # 3.1 + 1.7 + 0.6
    ("4.2", "向下", ["pass"]),        # 3.1 + 1.7 − 0.6
    ("5.4", "向下", ["warning"]),
])
def test_the_pulls_of_demand_make_the_economys_growth(growth, net, outcome):
    assert growths(_PULLS.format(growth=growth, net=net)) == outcome


def test_pulls_of_part_of_the_demand_are_not_summed():
    text = "全年地区生产总值增长5.4%。最终消费支出拉动地区生产总值增长3.1个百分点，资本形成总额拉动地区生产总值增长1.7个百分点。"
    assert growths(text) == []


_WORKFORCE = ("全部从业人员中，工人和学徒占70.7%，工程技术人员占6.0%，管理人员占10.6%，服务及其他人员占12.7%。"
              "与1985年相比，工人和学徒比重下降4.9个百分点，工程技术人员比重上升3.2个百分点，"
              "管理人员比重上升{managers}个百分点，服务及其他人员比重上升1.6个百分点。")


@pytest.mark.parametrize("managers, outcome", [("0.1", "pass"), ("1.1", "error")])
def test_the_changes_of_a_whole_composition_stated_after_it_cancel(managers, outcome):
    result = run([Document("t.txt", _WORKFORCE.format(managers=managers), "txt", "utf-8")],
                 Config(select=("MZ315",)), jobs=1)
    assert [c.outcome for c in result.checks] == [outcome]
    assert all("合计1.0个百分点" in f.message for f in result.findings)


def test_changes_of_only_some_of_the_shares_are_not_summed():
    text = ("全部从业人员中，工人和学徒占70.7%，工程技术人员占6.0%，管理人员占10.6%，服务及其他人员占12.7%。"
            "与1985年相比，工人和学徒比重下降4.9个百分点，工程技术人员比重上升3.2个百分点。")
    assert list(run([Document("t.txt", text, "txt", "utf-8")], Config(select=("MZ315",)), jobs=1).checks) == []


@pytest.mark.parametrize("average, outcome", [("8625", "pass"), ("9625", "warning")])
def test_an_average_per_unit_named_short_takes_the_units_of_the_totals_name(average, outcome):
    # 平均每个站: the 站 of 社区卫生服务站, which the total's own name begins with
    text = (f"年末全市社区卫生服务中心1023个，社区卫生服务站2707个。\n社区卫生服务站诊疗人次0.23亿，"
            f"平均每个站年诊疗量{average}人次。")
    result = run([Document("t.txt", text, "txt", "utf-8")], Config(select=("MZ301",)), jobs=1)
    assert [c.outcome for c in result.checks] == [outcome]


def test_an_average_of_people_per_unit_is_a_rounded_figure_not_a_count():
    # 6660 ÷ 102 = 65.29: 平均每个中心65人 is 64.5 to 65.5 people, not exactly 65
    text = "年末全市社区卫生服务中心102个。社区卫生服务中心人员0.666万人，平均每个中心65人。"
    result = run([Document("t.txt", text, "txt", "utf-8")], Config(select=("MZ301",)), jobs=1)
    assert [c.outcome for c in result.checks] == ["pass"]


@pytest.mark.parametrize("text, outcome", [
    ("1995年，工业总产值按可比价格计算，比1985年增长4.1倍，平均每年增长17.6%。", ["pass"]),   # 5.1^(1/10)
    ("1995年，工业总产值按可比价格计算，比1985年增长4.1倍，平均每年增长15.6%。", ["error"]),
    ("2024年全市科技投入比2019年增长61.1%，年均增长10.0%。", ["pass"]),                      # 1.1^5 = 1.611
    ("全市科技投入比2019年增长61.1%，年均增长10.0%。", []),                                  # of which year?
])
def test_growth_over_years_compounds_its_annual_average(text, outcome):
    result = run([Document("t.txt", text, "txt", "utf-8")], Config(select=("MZ305",)), jobs=1)
    assert [c.outcome for c in result.checks] == outcome
