"""Rates per head of population (MZ313) and rates of days (MZ314), from sentences of our own
modelled on 统计公报 and 卫生健康 bulletins: what is checked, what is found, and the look-alikes
that must stay silent."""

from __future__ import annotations

import pytest

from mzcheck.config import Config
from mzcheck.ingest import Document
from mzcheck.pipeline import run

POP = "年末常住人口800万人，比上年末增加8万人。"


def outcomes(text: str, code: str) -> list[tuple[bool, tuple[str, ...]]]:
    """(passed, raw figures) of every check of ``code``."""
    result = run([Document("t.txt", text, "txt", "utf-8")], Config(select=(code,)), jobs=1)
    doc = next(iter(result.documents))
    return [(c.outcome == "pass", tuple(doc.text[m.start:m.end] for m in c.figures))
            for c in result.checks if c.code == code]


@pytest.mark.parametrize("text, total, rate, passed", [
    # per thousand, per ten thousand, per head, per 100,000 written after the figure
    (POP + "全市执业（助理）医师3.2万人。每千人口执业（助理）医师4.0人。", "3.2万人", "4.0人", True),
    (POP + "全市执业（助理）医师3.2万人。每千人口执业（助理）医师4.4人。", "3.2万人", "4.4人", False),
    (POP + "专业公共卫生机构0.6万人。每万人口专业公共卫生机构人员7.5人。", "0.6万人", "7.5人", True),
    (POP + "全年地区生产总值8000亿元。全市人均地区生产总值100251元。", "8000亿元", "100251元", True),
    (POP + "全年地区生产总值8000亿元。全市人均地区生产总值108000元。", "8000亿元", "108000元", False),
    (POP + "全年报告发病2.4万例。全市甲乙类传染病报告发病率为300.0/10万。", "2.4万例", "300.0/10万", True),
    (POP + "全年报告死亡16人。全市甲乙类传染病报告死亡率为0.02/10万。", "16人", "0.02/10万", False),
    (POP + "总用水量20亿立方米。人均用水量250立方米。", "20亿立方米", "250立方米", True),
    (POP + "全年无偿献血人次数9.6万人次，千人口献血率12.0。", "9.6万人次", "12.0", True),
])
def test_a_per_head_rate_is_the_total_over_the_population(text, total, rate, passed):
    got = outcomes(text, "MZ313")
    assert [(p, figs[:2]) for p, figs in got] == [(passed, (total, rate))]


def test_the_population_is_any_between_the_year_start_and_end():
    # 8000亿 ÷ 796万 = 100503 (mean population), ÷ 800万 = 100000 (year end): both are fine
    text = POP + "全年地区生产总值8000亿元。人均地区生产总值100503元。"
    assert outcomes(text, "MZ313")[0][0] is True


def test_the_resident_population_is_preferred_to_the_registered():
    text = ("年末户籍人口600万人。年末常住人口800万人。"
            "全年地区生产总值8000亿元。人均地区生产总值100000元。")
    assert outcomes(text, "MZ313") == [(True, ("8000亿元", "100000元", "800万人"))]


@pytest.mark.parametrize("text", [
    # a group's per-head figure: its population is not the place's
    POP + "全年城镇居民可支配收入4000亿元。城镇居民人均可支配收入52000元。",
    # monthly per-head benefit, a household average
    POP + "全年发放失业保险金7亿元，失业保险金月人均水平1800元。",
    POP + "全年发放低保金7亿元，户均低保金1800元。",
    # a rate per 万元 is not a total
    POP + "万元地区生产总值用水量25立方米。人均用水量250立方米。",
    # the earlier year of 由A增加到B has last year's population
    POP + "全市医疗卫生机构床位5.8万张。每千人口医疗卫生机构床位数由2023年7.0张增加到2024年7.25张。",
    # no population stated: nothing to divide by
    "全市执业（助理）医师3.2万人。每千人口执业（助理）医师9.9人。",
    # a sub-group's rate after 其中
    POP + "全年报告死亡16人。孕产妇死亡率为14.3/10万，其中：城市12.5/10万。",
])
def test_look_alikes_of_a_per_head_rate_are_not_checked_against_the_population(text):
    got = outcomes(text, "MZ313")
    assert all(p for p, _ in got), got
    assert not any("7.0张" in figs or "1800元" in figs or "52000元" in figs for _, figs in got)


@pytest.mark.parametrize("text, passed", [
    ("全年环境空气优良天数为299天，优良率为81.9%。", True),     # of 365
    ("2024年环境空气优良天数为299天，优良率为81.7%。", True),   # of 366
    ("全年环境空气优良天数为299天，优良率为85.2%。", False),
    ("细颗粒物达标天数为347天，达标率为94.8%。", True),
    ("各县优良天数分别为346天、354天，优良率分别为94.5%、96.7%。", True),
    ("各县优良天数分别为346天、354天，优良率分别为94.5%、99.7%。", False),
])
def test_a_rate_of_days_is_the_days_over_the_year(text, passed):
    got = outcomes(text, "MZ314")
    assert got and all(p for p, _ in got) is passed


@pytest.mark.parametrize("text", [
    "上半年优良天数为150天，优良率为82.9%。",          # half a year
    "1-9月优良天数为230天，优良率为84.2%。",
    "重污染天数为3天，比上年减少2天，占比0.8%。",      # a change between: not the pair
])
def test_part_of_a_year_is_not_divided_by_365(text):
    assert [p for p, _ in outcomes(text, "MZ314") if not p] == []


# ------------------------------------------------------------------ a share right after its part
@pytest.mark.parametrize("text, part, whole, passed", [
    ("全市床位5.2万张，其中：医院4.1万张（占78.8%），基层机构0.9万张（占17.3%）。", "4.1万张", "5.2万张", True),
    ("全市床位5.2万张，其中：医院4.1万张（占84.3%），基层机构0.9万张（占17.3%）。", "4.1万张", "5.2万张", False),
    ("全市从业人员6.1万人。其中，具有高级职称人员0.8万人，占13.0%。", "0.8万人", "6.1万人", True),
    ("接待观众14026万人次，其中未成年人3220万人次，同比增长10.2%，占参观总人数的23.0%。",
     "3220万人次", "14026万人次", True),
    ("全年完成造林面积445万公顷，其中人工造林面积118万公顷，占全部造林面积的29.6%。",
     "118万公顷", "445万公顷", False),
])
def test_a_share_right_after_its_part_is_of_the_head_of_the_list(text, part, whole, passed):
    got = [(p, figs) for p, figs in outcomes(text, "MZ302") if figs[0] == part]
    assert got == [(passed, got[0][1])] and got[0][1][:2] == (part, whole)


@pytest.mark.parametrize("text", [
    # the 其中 list in parentheses was closed: the next share is of an unprinted whole
    "产品销售收入1011.6亿元，占19.1%（其中内销占61.8%，外销占38.2%）；实现利润40.4亿元，占24.5%。",
    # the share names a whole of its own, not the head of the list
    "全市城市低保对象33087户57374人，其中市本级23502户41878人，双矿集团低保对象6273户11381人，"
    "占市本级低保对象27.2%。",
])
def test_a_share_after_its_part_with_another_whole_is_not_of_the_list_head(text):
    assert [figs for p, figs in outcomes(text, "MZ302") if not p] == []


# ------------------------------------------------------------------ points, sectors, asides
@pytest.mark.parametrize("text, passed", [
    ("城镇化率由65.2%提高到66.0%，提高0.8个百分点。", True),
    ("城镇化率由65.2%提高到66.0%，提高0.9个百分点。", True),     # 66.05 − 65.15: rounding allows it
    ("城镇化率由65.2%提高到66.0%，提高1.0个百分点。", False),
    ("药费占住院费用的20.4%，比上年（22.9%）下降2.5个百分点。", True),
    ("药费占住院费用的20.4%，比上年（22.9%）提高2.5个百分点。", False),   # the direction is wrong
])
def test_a_change_in_points_is_the_difference_of_the_rates(text, passed):
    got = outcomes(text, "MZ315")
    assert len(got) == 1 and got[0][0] is passed


def test_a_change_in_points_beside_one_rate_only_is_not_a_difference():
    assert outcomes("常住人口城镇化率79.9%，比上年末提高0.4个百分点。", "MZ315") == []


def test_the_sectors_may_open_the_paragraph_after_the_whole():
    text = ("全年实现地区生产总值（GDP）2081.5亿元，比上年增长2.8%。\n"
            "分产业看，第一产业增加值58.4亿元，增长3.8%；第二产业增加值640.1亿元，增长5.5%；"
            "第三产业增加值1383.0亿元，增长1.5%。\n")
    assert outcomes(text, "MZ303") == [(True, ("2081.5亿元", "58.4亿元", "640.1亿元", "1383.0亿元"))]


def test_a_short_aside_between_a_label_and_its_figure_keeps_the_label():
    from mzcheck.engine import extract_document

    ex = extract_document(Document("t.txt", "全年实现地区生产总值（GDP）2081.5亿元，年末全国人口[5]1408万人。", "txt", "utf-8"))
    assert [f.label for f in ex.prose] == ["地区生产总值", "年末全国人口"]


def test_a_bulleted_list_under_the_name_of_its_whole_gives_the_shares_their_whole():
    text = ("2023年，全国文化和旅游事业费1280.4亿元，比上年增加78.6亿元。\n\n全国文化和旅游事业费中：\n"
            "- 县以上文化和旅游事业费597.6亿元，占46.7%；\n- 东部地区文化和旅游事业费560.0亿元，占47.3%；\n")
    assert outcomes(text, "MZ302") == [(True, ("597.6亿元", "1280.4亿元", "46.7%")),
                                       (False, ("560.0亿元", "1280.4亿元", "47.3%"))]


def test_a_share_of_the_place_is_not_of_a_larger_area_with_the_same_label():
    text = ("成渝地区双城经济圈经济总量超9万亿元。全省实现地区生产总值67665亿元，"
            "成都平原经济区经济总量达到4万亿元、占全省比重达61.3%。")
    assert [figs for p, figs in outcomes(text, "MZ302") if not p] == []


@pytest.mark.parametrize("text, passed", [
    ("城镇居民人均可支配收入54188元。农村居民人均可支配收入23119元。城乡居民人均可支配收入比值为2.34。", True),
    ("城镇居民人均可支配收入54897元。农村居民人均可支配收入30931元。城乡居民人均收入倍差为1.78。", False),
])
def test_the_income_ratio_is_urban_over_rural(text, passed):
    assert [p for p, _ in outcomes(text, "MZ316")] == [passed]


@pytest.mark.parametrize("text", [
    # bounds, not values: 超过8万元 / 超过4.5万元 can make any ratio above 1
    "城镇和农村居民人均可支配收入分别超过8万元、4.5万元，收入倍差从1.96缩小至1.81。",
    # a group's median is not the income the ratio is of
    "城镇居民人均可支配收入中位数49302元。农村居民人均可支配收入中位数19605元。",
])
def test_income_ratio_look_alikes_are_not_contradicted(text):
    assert [p for p, _ in outcomes(text, "MZ316") if not p] == []


@pytest.mark.parametrize("text, passed", [
    ("第一产业增加值占国内生产总值比重为6.8%，第二产业增加值比重为36.5%，第三产业增加值比重为56.7%。", True),
    ("全国就业人员中，第一产业就业人员占22.8%；第二产业就业人员占29.1%；第三产业就业人员占58.1%。", False),
    ("三次产业对经济增长的贡献率分别为4.9%、59.6%、35.5%。", True),
    ("三次产业比重为4.0∶37.7∶68.3。", False),
    # the three named one by one
    ("第一、二、三产业对经济增长的贡献率分别为5.2%、30.1%和64.7%。", True),
    ("第一、第二、第三产业增加值占地区生产总值的比重分别为4.1%、35.6%和62.3%。", False),
])
def test_the_three_sectors_shares_sum_to_100(text, passed):
    assert [p for p, _ in outcomes(text, "MZ306")] == [passed]


def test_the_sectors_growth_rates_are_not_shares():
    text = ("第一产业增加值增长3.5%，第二产业增加值增长5.3%，第三产业增加值增长5.0%。三次产业分别增长3.5%、5.3%、5.0%。"
            "第一、二、三产业增加值分别增长3.1%、4.5%和6.2%。")
    assert outcomes(text, "MZ306") == []


@pytest.mark.parametrize("text, passed", [
    ("全国事业费1280.4亿元。全国事业费中：\n- 县以上事业费597.6亿元，占46.7%，比重比上年提升了1.5个百分点；\n"
     "- 县及县以下事业费682.7亿元，占53.3%，比重比上年下降了1.5个百分点。\n", True),
    ("全国事业费1280.4亿元。全国事业费中：\n- 县以上事业费597.6亿元，占46.7%，比重比上年提升了1.5个百分点；\n"
     "- 县及县以下事业费682.7亿元，占53.3%，比重比上年提升了0.5个百分点。\n", False),
])
def test_the_two_parts_of_a_partition_change_by_opposite_points(text, passed):
    assert [p for p, _ in outcomes(text, "MZ315")] == [passed]


def test_an_average_in_brackets_is_a_share_of_the_average_it_names():
    text = "次均住院费用9870.0元。医院次均住院药费（2010.4元）占次均住院费用的20.4%，比上年（22.9%）下降2.5个百分点。"
    assert (True, ("2010.4元", "9870.0元", "20.4%")) in outcomes(text, "MZ302")
    assert (False, ("2010.4元", "9870.0元", "24.4%")) in outcomes(text.replace("20.4%", "24.4%"), "MZ302")


@pytest.mark.parametrize("text, passed", [
    ("年末常住人口2119.2万人，比上年末增加24.5万人。其中，城镇常住人口1684.3万人，常住人口城镇化率79.5%。", True),
    ("年末常住人口2119.2万人，比上年末增加24.5万人。其中，城镇常住人口1684.3万人，常住人口城镇化率85.1%。", False),
    ("房屋施工面积30146.1万平方米，竣工面积6565.1万平方米，房屋竣工率21.8%。", True),
    ("工业企业资产总计为79233.9亿元，其中流动资产35561.0亿元；负债总计51751.1亿元，其中流动负债35630.4亿元；"
     "资产负债率高达65.3%。", True),
    ("全年实现地区生产总值19917.0亿元。\n全年生产安全事故死亡人数249人，亿元地区生产总值生产安全事故死亡率为0.013人。", True),
    ("全年实现地区生产总值19917.0亿元。\n全年生产安全事故死亡人数249人，亿元地区生产总值生产安全事故死亡率为0.13人。", False),
])
def test_a_ratio_statistics_define_is_its_numerator_over_its_denominator(text, passed):
    assert [p for p, _ in outcomes(text, "MZ319")] == [passed]


def test_the_registered_population_urbanisation_rate_is_not_of_the_resident_population():
    text = "年末常住人口2119.2万人。其中，城镇常住人口1684.3万人。年末户籍人口1556.2万人，户籍人口城镇化率67.9%。"
    assert outcomes(text, "MZ319") == []


@pytest.mark.parametrize("text, passed", [
    ("全国5岁以下儿童死亡率5.6‰，其中：城市3.4‰，农村6.6‰。", True),
    ("全国孕产妇死亡率为14.3/10万，其中：城市12.5/10万，农村15.9/10万。", True),
    ("全国5岁以下儿童死亡率6.8‰，其中：城市3.4‰，农村6.6‰。", False),
])
def test_a_rate_lies_between_the_rates_of_its_two_groups(text, passed):
    assert [p for p, _ in outcomes(text, "MZ322")] == [passed]


def test_a_whole_whose_label_leaves_out_the_subject_its_paragraph_named():
    text = ("全国各类文物机构共举办陈列展览3.0万个。接待观众140266万人次，同比增长119.3%。"
            "国有博物馆接待观众102129万人次，同比增长123.7%，占文物机构接待观众总数的72.8%。")
    assert (True, ("102129万人次", "140266万人次", "72.8%")) in outcomes(text, "MZ302")
    assert (False, ("102129万人次", "140266万人次", "78.8%")) in outcomes(text.replace("72.8%", "78.8%"), "MZ302")


@pytest.mark.parametrize("text, passed", [
    ("全国共有村卫生室570410个。村卫生室诊疗人次14.4亿，比上年增加0.4亿人次，平均每个村卫生室年诊疗量2520人次。", True),
    ("全国共有村卫生室570410个。村卫生室诊疗人次14.4亿，比上年增加0.4亿人次，平均每个村卫生室年诊疗量2720人次。", False),
])
def test_an_average_per_unit_is_the_total_over_the_units_counted(text, passed):
    assert [p for p, figs in outcomes(text, "MZ301")] == [passed]


@pytest.mark.parametrize("last, passed", [("5.5", True), ("6.5", False)])
def test_the_changes_of_a_whole_composition_cancel(last, passed):
    text = ("设备达到国际水平的占26.1%，比1985年提高13.2个百分点；属国内先进水平的占27.7%，提高5.9个百分点；"
            f"属国内一般水平的占33.4%，下降13.6个百分点；属国内落后水平的占12.8%，下降{last}个百分点。")
    assert [p for p, figs in outcomes(text, "MZ315") if len(figs) == 8] == [passed]


def test_shares_that_do_not_make_a_whole_need_not_cancel():
    text = "城市低保对象占12.1%，提高1.2个百分点；农村低保对象占30.4%，下降0.3个百分点；特困人员占5.1%，提高0.1个百分点。"
    assert [figs for p, figs in outcomes(text, "MZ315") if len(figs) == 6] == []


CPI_UP = "全年居民消费价格比上年上涨0.2%。"


@pytest.mark.parametrize("text, passed", [
    (CPI_UP + "次均住院费用9870.0元，按当年价格比上年下降4.3%，按可比价格下降4.5%。", True),
    (CPI_UP + "次均住院费用9870.0元，按当年价格比上年下降4.3%，按可比价格下降4.9%。", False),
    (CPI_UP + "全体居民人均可支配收入41314元，比上年增长5.3%，扣除价格因素，实际增长5.1%。", True),
    (CPI_UP + "全体居民人均可支配收入41314元，比上年增长5.3%，扣除价格因素，实际增长5.3%。", False),
    # an index (上年=100) stated in a note serves as well
    ("注：2024年居民消费价格指数为100.2。\n乡镇卫生院次均门诊费用87.6元，按当年价格比上年下降7.2%，按可比价格下降7.4%。", True),
    # a fall at current prices under rising prices is a larger fall at comparable prices
    (CPI_UP + "次均门诊费用361.0元，按当年价格比上年下降0.2%，按可比价格增长0.4%。", False),
])
def test_a_rate_at_comparable_prices_follows_from_the_price_index(text, passed):
    assert [p for p, _ in outcomes(text, "MZ324")] == [passed]


@pytest.mark.parametrize("text", [
    # urban and rural incomes are deflated by their own indices
    CPI_UP + "农村居民人均可支配收入23119元，比上年增长6.9%，扣除价格因素，实际增长6.5%。",
    # no price index stated: nothing to deflate by
    "次均住院费用9870.0元，按当年价格比上年下降4.3%，按可比价格下降4.5%。",
])
def test_rates_without_their_deflator_are_not_judged(text):
    assert outcomes(text, "MZ324") == []


@pytest.mark.parametrize("text, passed", [
    ("全年出口254545亿元，增长7.1%；进口183923亿元，增长2.3%。货物进出口顺差70623亿元。", True),
    ("全年出口254545亿元，增长7.1%；进口183923亿元，增长2.3%。货物进出口顺差75567亿元。", False),
    ("服务出口31756亿元；服务进口43482亿元。服务进出口逆差11727亿元。", True),
    ("进口用汇450.5亿美元，出口创汇572.3亿美元，外汇收支差额为109.8亿美元。", False),
])
def test_a_balance_is_the_difference_of_the_two_figures_before_it(text, passed):
    assert [p for p, _ in outcomes(text, "MZ325")] == [passed]


def test_a_balance_without_two_figures_of_its_unit_is_not_judged():
    assert outcomes("全年出口254545亿元，增长7.1%。货物进出口顺差70623亿元。", "MZ325") == []


@pytest.mark.parametrize("text, outcome", [
    ("过去一年，常住人口城镇化率60%。\n今后五年，常住人口城镇化率达到65%左右。", "pass"),
    ("过去一年，常住人口城镇化率62.5%。\n今后五年，常住人口城镇化率提高到60%左右。", "warning"),
    ("过去一年，常住人口城镇化率62.5%。\n今后五年，常住人口城镇化率达到60%左右。", "info"),
    ("过去一年，农村居民恩格尔系数比重30.2%。\n今后五年，农村居民恩格尔系数比重降至32%。", "warning"),
    # the same rate named with its words in another order
    ("过去一年，战略性新兴产业占规上工业增加值比重25.4%。\n今后五年，战略性新兴产业增加值占规上工业比重提高到30%。", "pass"),
])
def test_a_target_lies_on_the_side_its_verb_promises(text, outcome):
    result = run([Document("t.txt", text, "txt", "utf-8")], Config(select=("MZ326",)), jobs=1)
    assert [c.outcome for c in result.checks] == [outcome]


def test_a_rate_stated_again_without_a_target_verb_is_no_target():
    text = "过去一年，常住人口城镇化率60%。\n\n其中，常住人口城镇化率60%，户籍人口城镇化率50%。"
    assert outcomes(text, "MZ326") == []


@pytest.mark.parametrize("text, passed", [
    (POP + "互联网上网人数630万人，互联网普及率为78.8%。", True),
    (POP + "互联网上网人数630万人，互联网普及率为72.8%。", False),
])
def test_internet_penetration_is_users_over_the_population(text, passed):
    got = outcomes(text, "MZ319")
    assert [p for p, _ in got] == [passed]


def test_a_rural_penetration_rate_is_of_a_population_not_stated():
    assert outcomes(POP + "互联网上网人数630万人，互联网普及率为78.8%，其中农村地区互联网普及率67.4%。", "MZ319") == \
        [(True, ("630万人", "800万人", "8万人", "78.8%"))]


@pytest.mark.parametrize("text, expected", [
    # the identity, with rounding: 8.62 − 7.19 = 1.43
    ("全年出生人口0.6万人，人口出生率为8.62‰；死亡人口0.5万人，人口死亡率为7.19‰；自然增长率为1.43‰。", ["pass"]),
    ("全年出生人口0.6万人，人口出生率为8.62‰；死亡人口0.5万人，人口死亡率为7.19‰；自然增长率为1.34‰。", ["error"]),
    # a negative change with its sign, in words, or without it (a lost minus sign)
    ("出生率为6.84‰；死亡率为8.21‰，自然增长率为-1.37‰。", ["pass"]),
    ("出生率为6.84‰；死亡率为8.21‰，人口自然增长率为负1.37‰。", ["pass"]),
    ("出生率为6.84‰；死亡率为8.21‰，自然增长率为1.37‰。", ["error"]),
    # rounding of the printed digits, never a false alarm: 7.0 − 6.1 may be 0.85 to 0.95 (or more)
    ("出生率为7.0‰，死亡率为6.1‰，自然增长率为0.95‰。", ["pass"]),
    # the counts too: 出生人口 − 死亡人口 = 自然增加人口 (自然减少人口: a fall)
    ("全年出生人口1.8万人，死亡人口1.5万人，自然增加人口0.3万人。", ["pass"]),
    ("全年出生人口1.8万人，死亡人口1.5万人，自然增加人口0.5万人。", ["error"]),
    ("全年出生人口1.2万人，死亡人口1.5万人，自然减少人口0.3万人。", ["pass"]),
    # 婴儿死亡率 is no population death rate; a change in 千分点 is no rate
    ("婴儿死亡率为4.5‰，出生率为7.1‰，自然增长率为2.6‰。", []),
    ("出生率为7.1‰，比上年下降0.4个千分点；死亡率为6.5‰，自然增长率比上年下降0.3个千分点。", []),
])
def test_the_natural_growth_rate_is_births_less_deaths(text, expected):
    result = run([Document("t.txt", text, "txt", "utf-8")], Config(select=("MZ328",)), jobs=1)
    assert [c.outcome for c in result.checks] == expected


@pytest.mark.parametrize("text, expected", [
    # a rate named after a part of a 其中 list is the part over the whole the 其中 hangs from
    ("全市共有特困人员1.2万人，其中集中供养0.3万人，分散供养0.9万人，集中供养率25.0%。", [True]),
    ("全市共有特困人员1.2万人，其中集中供养0.3万人，分散供养0.9万人，集中供养率35.0%。", [False]),
    ("年末参保职工5.0万人，其中退休人员1.6万人，退休人员率32.0%。", [True]),
    # no 其中: the part's whole is not said; a rate of another name; 失业率 is not of 失业人员
    ("全市特困人员1.2万人。集中供养0.3万人，集中供养率25.0%。", []),
    ("全市共有特困人员1.2万人，其中集中供养0.3万人，供养覆盖率100%。", []),
    ("城镇登记失业人员1.2万人，城镇登记失业率2.8%。", []),
])
def test_a_rate_named_after_a_part_is_the_part_over_its_whole(text, expected):
    assert [p for p, _ in outcomes(text, "MZ319")] == expected


@pytest.mark.parametrize("text, expected", [
    # an outturn over its initial budget, and over its adjusted one when the share says 调整预算
    ("全市一般公共预算收入年初预算为118.9亿元，实际完成120.5亿元，为预算的101.3%，比上年增长8.2%。", ["pass"]),
    ("全市一般公共预算收入年初预算为118.9亿元，实际完成120.5亿元，为预算的103.1%，比上年增长8.2%。", ["warning"]),
    ("支出年初预算为300.0亿元，调整预算为320.0亿元，实际完成316.8亿元，为调整预算的99.0%。", ["pass"]),
    ("支出预算为90444万元，执行中因上级补助增加等，支出预算调整为45815万元，完成45815万元，为调整预算的100%。", ["pass"]),
    # a share truncated, not rounded: 650591 ÷ 556067 = 116.9987 %
    ("社会保险基金支出预算556067万元，完成650591万元，为预算的116.9%。", ["warning"]),
    # which budget is meant is unclear (预算的 after an adjustment), or it is not stated
    ("支出年初预算为300.0亿元，调整预算为320.0亿元，实际完成316.8亿元，为预算的99.0%。", []),
    ("全市地方一般公共预算收入完成1,077,607万元，占年度调整预算的98.37%。", []),
    ("年初预算为300.0亿元，实际完成316.8亿元，为调整预算的99.0%。", []),
])
def test_an_outturn_is_its_share_of_the_budget_it_names(text, expected):
    result = run([Document("t.txt", text, "txt", "utf-8")], Config(select=("MZ319",)), jobs=1)
    assert [c.outcome for c in result.checks] == expected


@pytest.mark.parametrize("text, expected", [
    ("全市一般公共预算收入完成120.5亿元，增长8.2%，加上上级补助收入150.2亿元、上年结转收入20.1亿元，收入总计290.8亿元。",
     ["pass"]),
    ("全市一般公共预算收入完成120.5亿元，增长8.2%，加上上级补助收入150.2亿元、上年结转收入20.1亿元，收入总计299.8亿元。",
     ["error"]),
    # the outturn may close the sentence before the 加上
    ("全市基金收入完成81.4亿元，增长4.2%。加上基金补助收入4.8亿元、调入资金4.9亿元，基金收入总计91.1亿元。", ["pass"]),
    # a change or a share among the amounts added: not a plain sum
    ("收入完成120.5亿元，加上上级补助收入150.2亿元，增长3.0%，收入总计270.7亿元。", []),
])
def test_an_outturn_and_the_amounts_added_make_the_total(text, expected):
    result = run([Document("t.txt", text, "txt", "utf-8")], Config(select=("MZ303",)), jobs=1)
    assert [c.outcome for c in result.checks] == expected


@pytest.mark.parametrize("text, passed", [
    ("加上上级补助收入150.2亿元，收入总计320.8亿元；支出完成316.8亿元，加上上解支出2.0亿元，支出总计318.8亿元。"
     "收支相抵，年终结转2.0亿元。", True),
    ("加上上级补助收入150.2亿元，收入总计320.8亿元；支出完成316.8亿元，加上上解支出2.0亿元，支出总计318.8亿元。"
     "收支相抵，年终结转3.0亿元。", False),
    # a shortfall is spending less income
    ("基金收入总计20.5亿元，基金支出总计22.7亿元，收支相抵缺口2.2亿元。", True),
])
def test_a_closing_balance_is_income_less_spending(text, passed):
    assert [p for p, _ in outcomes(text, "MZ325")] == [passed]


@pytest.mark.parametrize("text, value", [
    ("收入总计3,594, 026万元。", "35940260000"),        # a space after a thousands comma
    ("年终结转234, 558万元。", "2345580000"),
])
def test_a_space_after_a_thousands_comma_is_read_through_and_reported(text, value):
    from mzcheck.engine import extract_document
    from mzcheck.numbers.format import format_exact

    (figure,) = extract_document(Document("t.txt", text, "txt", "utf-8")).figures
    assert format_exact(figure.value) == value and "space-in-number" in figure.flags
    result = run([Document("t.txt", text, "txt", "utf-8")], Config(select=("MZ103",)), jobs=1)
    (finding,) = result.findings
    assert "千位分隔符后有空格" in finding.message


_INCOME = ("全年全体居民人均可支配收入{whole}元，比上年增长5.3%。\n按常住地分，城镇居民人均可支配收入52345元，"
           "增长4.8%；农村居民人均可支配收入26789元，增长6.5%。")


@pytest.mark.parametrize("text, expected", [
    # all residents' per-head income is a weighted mean of the urban and the rural one
    (_INCOME.format(whole="41234"), [True]),
    (_INCOME.format(whole="54321"), [False]),
    # its growth (5.3 %) need not lie between theirs (4.8 %, 6.5 %) and is not read
    # medians too: the whole's median lies between the groups' medians
    ("全体居民人均可支配收入中位数35000元。城镇居民人均可支配收入中位数45000元，农村居民人均可支配收入中位数21000元。",
     [True]),
    # a price index's change between its urban and rural changes, when all move one way
    ("全年居民消费价格比上年上涨1.2%，其中城市上涨1.1%，农村上涨1.5%。", [True]),
    ("全年居民消费价格比上年上涨1.7%，其中城市上涨1.1%，农村上涨1.5%。", [False]),
    ("全年居民消费价格比上年上涨0.1%，其中城市上涨0.2%，农村下降0.3%。", []),
])
def test_a_whole_lies_between_its_urban_and_rural_groups(text, expected):
    assert [p for p, _ in outcomes(text, "MZ322")] == expected


@pytest.mark.parametrize("text, expected", [
    ("全年登记结婚5678对，登记离婚1234对，离结比为21.7%。", [True]),
    ("全年办理结婚登记5678对，离婚登记1234对，离结比为27.1%。", [False]),
    ("全年办理结婚登记5678对，离结比为21.7%。", []),                     # no divorces stated
])
def test_the_divorce_to_marriage_ratio_is_divorces_over_marriages(text, expected):
    assert [p for p, _ in outcomes(text, "MZ319")] == expected


def test_tonnes_of_standard_coal_are_one_unit():
    # 由0.52吨标准煤下降到0.46吨标准煤: the from-to reads through the unit's name
    text = "单位地区生产总值能耗由0.52吨标准煤下降到0.46吨标准煤，下降{rate}%。"
    assert [p for p, _ in outcomes(text.format(rate="11.5"), "MZ305")] == [True]
    assert [p for p, _ in outcomes(text.format(rate="15.1"), "MZ305")] == [False]


@pytest.mark.parametrize("text, expected", [
    ("全年地区生产总值5678.9亿元。全年研究与试验发展（R&D）经费支出156.7亿元，比上年增长8.9%，与地区生产总值之比为2.76%。",
     [True]),
    ("全年地区生产总值5678.9亿元。全年研究与试验发展（R&D）经费支出156.7亿元，比上年增长8.9%，与地区生产总值之比为3.76%。",
     [False]),
    ("全年地区生产总值5678.9亿元。全社会研发投入156.7亿元，研发投入强度达2.8%。", [True]),
    # a region's output is not the place's
    ("东部地区生产总值2345.6亿元。全年R&D经费支出156.7亿元，与地区生产总值之比为2.76%。", []),
])
def test_rd_spending_over_the_economys_output(text, expected):
    assert [p for p, _ in outcomes(text, "MZ319")] == expected
