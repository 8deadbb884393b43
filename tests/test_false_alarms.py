"""Issue 14: each class of false alarm seen on real reports, with an example of our own.
An error or warning here would cost an auditor's trust; each test names the class."""

from __future__ import annotations

import pytest

from mzcheck.config import Config
from mzcheck.ingest import Document
from mzcheck.pipeline import run


def alarms(text: str, *codes: str) -> list[tuple[str, str]]:
    result = run([Document("t.txt", text, "txt", "utf-8")], Config(select=codes or ("MZ2", "MZ3", "MZ4")), jobs=1)
    return [(f.code, f.message) for f in result.findings if f.severity.value != "info"]


def outcomes(text: str, code: str) -> list[str]:
    """The outcome of every check one rule ran on the text ("pass" or a severity)."""
    result = run([Document("t.txt", text, "txt", "utf-8")], Config(select=(code,)), jobs=1)
    return [c.outcome for c in result.checks]


@pytest.mark.parametrize("text", [
    "年末每千人口执业（助理）医师3.61人，每千人口注册护士4.16人。",
    "全年医院医师日均担负诊疗6.7人次和住院2.3床日。",
    "道路交通事故万车死亡人数1.31人，下降5.1%。",
    "每千人口医疗卫生机构床位7.38张，其中每千人口医院床位2.3床。",
    "全国平均每个村卫生室拥有乡村医生0.38个。",
    "每千人口拥有3岁以下婴幼儿托位数达4.76个。",
    "亿元地区生产总值生产安全事故死亡人数0.013人。",
])
def test_a_decimal_rate_per_people_is_not_a_fractional_count(text):
    assert alarms(text, "MZ203") == []


def test_a_fractional_head_count_is_still_an_error():
    assert [c for c, _ in alarms("全市共有儿童督导员108.5名。", "MZ203")] == ["MZ203"]


@pytest.mark.parametrize("text", [
    "全市共有社区卫生服务中心1.0万个，人员66.6万人，平均每个中心65人。",       # 65 people per centre, not 66.6万 ÷ 66.6万
    "全年新设经营主体2737万户，日均新设企业2.4万户。",                          # 日均: ÷ days the text does not state
    "全年医师担负诊疗77.2万人次，医师日均担负诊疗9.7人次。",
    "全市农村低保对象9320人，全年支出农村低保金5368万元，月人均补助480元。",   # 月人均: the year's ÷ 12
])
def test_an_average_is_not_formed_from_the_wrong_pair(text):
    assert alarms(text, "MZ301") == []


def test_a_change_is_never_the_whole_of_a_list_of_levels():
    text = "年末全国人口140828万人，比上年末增加139万人。其中城镇常住人口94350万人，乡村常住人口46478万人。"
    assert alarms(text, "MZ303", "MZ304") == []


def test_a_new_amount_keeps_its_parts():
    text = "全年新增发电装机3000万千瓦，其中可再生能源装机3500万千瓦。"
    assert [c for c, _ in alarms(text, "MZ304")] == ["MZ304"]          # still checked, and this one fails


def test_a_nested_list_and_what_the_sentence_goes_on_to_are_not_parts():
    text = ("年末共有高校65所，在校学生110.2万人，其中本专科学生98.1万人，研究生10.2万人，博士研究生1.8万人，"
            "专任教师5.3万人；中等职业教育学校87所，在校学生18.2万人。")
    assert alarms(text, "MZ303", "MZ304") == []


def test_the_scope_of_a_list_ends_where_a_new_subject_has_its_own():
    text = ("全市城市低保对象33087户57374人，其中市本级23502户41878人，另一区6273户11381人；"
            "农村低保对象25070户42469人，其中市本级3127户4539人。")
    assert alarms(text, "MZ303", "MZ304") == []


def test_a_share_is_of_the_whole_it_names_not_of_a_shorter_label():
    text = ("全年实现货物进出口总额8222.0亿元，比上年增长14.8%。其中出口总额4841.2亿元，增长17.9%；"
            "进口总额3380.8亿元。对沿线国家实现进出口总额2599.6亿元，占全市进出口总额的31.6%。")
    assert [c for c, _ in alarms(text, "MZ302") if c == "MZ302"] == []


@pytest.mark.parametrize("text", ["高等教育毛入学率达到102.3%。", "学前教育毛入园率101.5%。"])
def test_rates_that_may_pass_100_are_not_shares(text):
    assert alarms(text, "MZ201") == []


def test_growth_rates_in_a_table_are_never_summed():
    text = ("表 4：2021 年房地产开发和销售主要指标\n指标 单位 2021 年 比上年增长（%）\n"
            "房地产开发投资 亿元 — 10.4\n  #住宅投资 亿元 — 12.8\n商品房销售面积 万平方米 3834.2 2.9\n"
            "  #住宅 万平方米 3280.3 6.2\n")
    assert alarms(text, "MZ303", "MZ304") == []


def test_numbered_rows_at_the_end_of_a_table_cut_by_a_section_are_not_all_the_parts():
    text = ("指标名称 单位 数量 上期 环比\n1 2 3\n一、综合\n社会服务事业费总支出 万元 406,996.1 345,892.7 17.67\n"
            "1.抚恤支出 万元 81,007.2 65,238.3 24.17\n2.社会救助支出 万元 164,547.9 152,105.7 8.18\n二、社会救助\n"
            "城市低保支出 万元 22,273.8 19,297.7 15.42\n")
    assert [c for c, _ in alarms(text, "MZ303")] == []
    # flattened into lines, where a breakdown ends is never certain: the parts are only "not above"
    closed = text.replace("二、社会救助\n", "社会福利支出 万元 200,000.0 150,000.0 33.33\n")
    assert [c for c, _ in alarms(closed, "MZ303")] == []
    grid = ("| 指标名称 | 单位 | 数量 |\n| (一)社会服务事业费总支出 | 万元 | 406,996.1 |\n| 1.抚恤支出 | 万元 | 81,007.2 |\n"
            "| 2.社会救助支出 | 万元 | 164,547.9 |\n| (二)社会福利支出 | 万元 | 200,000.0 |\n")
    assert [c for c, _ in alarms(grid, "MZ303")] == ["MZ303"]   # in a grid, the list visibly ended: 1. + 2. must add up


def test_urban_and_rural_add_up_to_the_whole_named_in_full():
    text = ("全年实现社会消费品零售总额9251.8亿元，比上年增长14.0%。按经营地统计，实现城镇消费品零售额8868.1亿元，"
            "乡村消费品零售额383.7亿元。")
    assert outcomes(text, "MZ303") == ["pass"]
    broken = text.replace("383.7亿元", "483.7亿元")
    assert [c for c, _ in alarms(broken, "MZ303")] == ["MZ303"]


def test_a_named_entity_is_not_the_whole_of_urban_and_rural():
    text = ("全市城市低保对象33087户，其中双矿集团低保对象6273户；农村低保对象25070户。")
    assert alarms(text, "MZ303") == []


def test_a_share_with_no_name_is_of_the_general_form_of_its_part():
    text = ("全国文化和旅游事业费1280.4亿元，比上年增长8.1%。县以上文化和旅游事业费597.6亿元，占46.7%；"
            "县及县以下文化和旅游事业费682.7亿元，占53.3%。")
    result = run([Document("t.txt", text, "txt", "utf-8")], Config(select=("MZ302",)), jobs=1)
    assert [(c.outcome, [m.raw for m in c.figures][1]) for c in result.checks] == [("pass", "1280.4亿元")] * 2
    assert [c for c, _ in alarms(text.replace("占46.7%", "占56.7%"), "MZ302")] == ["MZ302"]


def test_a_rate_per_unit_is_no_percentage_and_changes_relatively():
    text = "亿元地区生产总值生产安全事故死亡率为0.0096，下降23.2%。"
    assert alarms(text, "MZ101", "MZ105") == []
    assert [c for c, _ in alarms("城镇调查失业率比上年下降0.5%。", "MZ105")] == ["MZ105"]   # a percentage rate still is


def test_a_new_total_after_a_semicolon_ends_the_list():
    text = ("年末共有境内外上市公司149家，其中A股上市公司114家，新增上市公司16家；共有法人证券公司4家、"
            "法人期货公司3家、证券公司分公司70家、证券公司营业部209家。")
    assert alarms(text, "MZ303", "MZ304") == []


@pytest.mark.parametrize("text", ["全国孕产妇死亡率为14.3/10万，婴儿死亡率为4.0‰。",
                                  "丙类传染病报告发病率为790.0/10万，死亡率为0.0020/10万。"])
def test_a_rate_per_100k_is_not_a_percentage_without_its_sign(text):
    assert alarms(text, "MZ101") == []


def test_new_x_is_never_the_whole_of_x():
    text = ("投入技术开发经费394.3亿元，占产品销售收入的比重为1.3%。"
            "新产品销售收入达2620.2亿元，占全部销售收入的10.0%。")
    assert alarms(text, "MZ302") == []


def test_a_range_of_rates_with_a_hyphen_is_one_range_not_a_negative_rate():
    from mzcheck.engine import extract_document

    ex = extract_document(Document("t.txt", "地区生产总值年均增速4.5%-5%。", "txt", "utf-8"))
    assert [(f.raw, f.kind) for f in ex.prose] == [("4.5%-5%", "range")]
    assert [c for c, _ in alarms("地区生产总值年均增速4.5%-5%。", "MZ109")] == ["MZ109"]
    assert alarms("全国0-14岁人口占比16.4%，15-59岁人口占比61.0%。", "MZ109") == []


def test_baifendian_is_a_unit_not_a_scale():
    from mzcheck.engine import extract_document

    ex = extract_document(Document("t.txt", "酸雨率42.2％，同比上升8.2百分点。", "txt", "utf-8"))
    assert [(f.raw, f.unit, str(f.value)) for f in ex.prose][1] == ("8.2百分点", "百分点", "41/5")


def test_a_phrase_used_of_last_year_and_of_this_year_is_information_not_a_warning():
    text = ("过去一年，疏解提质一般制造业企业104家。\n\n今年，疏解提质一般制造业企业80家。\n\n"
            "强化39个欠发达县域托底性帮扶集中攻坚。\n\n提升39个欠发达县域托底性帮扶质效。\n\n"
            "2025年，全市建成社区养老服务中心12个。\n\n此外，全市建成社区养老服务中心15个。\n")
    assert alarms(text, "MZ308") == []
    result = run([Document("t.txt", text, "txt", "utf-8")], Config(select=("MZ308",)), jobs=1)
    # 104 (过去一年) and 80 (今年) are of two years: not compared; 39 = 39 holds; 12 vs 15 (both 2025年) is noted
    assert sorted(c.outcome for c in result.checks) == ["info", "pass"]


@pytest.mark.parametrize("text", [
    "全市一般公共预算收入完成225,019万元，占年度调整预算的105.95%。",
    "全市统筹的社会保险基金预算收入完成325,019万元，占年初预算的100.9%。",
    "年末固定宽带普及率112.4%。",
])
def test_execution_against_a_budget_and_rates_per_hundred_may_pass_100(text):
    assert alarms(text, "MZ201", "MZ302") == []


def test_a_count_named_after_a_share_is_not_its_base():
    text = ("全年规模以上工业中，传统产业增长13.5%，占规模以上工业的67.6%；高新技术产业下降5.1%，占规模以上工业的30.6%。\n"
            "规模以上工业33个大类中，增加值总量居前10位的行业增速为：有色金属冶炼增长5.1%。")
    assert alarms(text, "MZ309") == []


def test_items_of_two_wholes_worded_alike_are_not_one_quantity():
    text = ("城镇居民人均可支配收入54897元。其中，工资性收入32292元。\n\n"
            "农村居民人均可支配收入30931元。其中，工资性收入15377元。\n")
    assert outcomes(text, "MZ308") == []


@pytest.mark.parametrize("text", [
    # parallel blocks: each disease restates 病区县数 … 现症病人 for itself
    "年末，甲病病区县数120个，消除109个，现症病人0.36万人；乙病病区县数12个，消除12个，现症病人0.33万人。",
    # items of a numbered list: each 是 its own allocation
    "一是支持生态保护。市级安排资金12810万元，重点支持河道治理。二是支持制造业。市级安排资金10300万元，重点支持技术改造。",
    # thresholds that define classes are no figures of one quantity
    "年营业收入2000万元及以上的运输业法人单位；年营业收入1000万元及以上的租赁业法人单位。",
    # a count whose thing is named after it: two different things
    "公布首批63个文化产业试点名单。推进产业带建设。公布首批2个国家文化金融示范区。",
])
def test_parallel_items_of_one_paragraph_are_not_one_quantity_stated_twice(text):
    assert alarms(text, "MZ308") == []


def test_a_quantity_stated_twice_in_one_paragraph_still_disagrees():
    text = "全市共有儿童主任1929名，覆盖全部村居。据统计，全市共有儿童主任1992名。"
    assert [code for code, _ in alarms(text, "MZ308")] == ["MZ308"]


def test_a_rate_named_twice_in_two_sections_is_compared_by_its_name():
    text = ("2025年，全市婴儿死亡率下降至4.0‰，孕产妇死亡率下降至14.3/10万。\n\n"
            "二、妇幼卫生\n\n5岁以下儿童死亡率5.6‰，其中：城市3.4‰，农村6.6‰；婴儿死亡率{}‰，其中：城市2.6‰。\n")
    assert outcomes(text.format("4.0"), "MZ308") == ["pass"]
    assert outcomes(text.format("4.6"), "MZ308") == ["info"]          # another year or scope may explain it


def test_a_bound_stated_twice_admits_the_other_mention():
    text = ("2026年，新建低空起降设施2500个、汽车充电设施50万个以上。\n\n"
            "附件：2026年十件民生实事\n\n十、新建新能源汽车充电设施{}。\n")
    assert outcomes(text.format("超50万个"), "MZ308") == ["pass"]
    assert outcomes(text.format("不足40万个"), "MZ308") == ["info"]


@pytest.mark.parametrize("later, outcome", [("5", "pass"), ("6", "info")])
def test_a_named_set_counted_in_the_review_and_in_the_plan_is_one_set(later, outcome):
    text = f"五年来，培育形成5个国家先进制造业集群。\n\n2026年，做优做强{later}个国家先进制造业集群。\n"
    assert outcomes(text, "MZ308") == [outcome]


@pytest.mark.parametrize("text", [
    # nested classes are no breakdown: no 劣 or 其他 closes them
    "60岁及以上人口占20.1%，65岁及以上人口占14.3%，80岁及以上人口占2.5%。",
    # a selection of shares without the rest of the breakdown
    "水质优良断面比例为90.4%，Ⅳ类断面比例为7.8%，Ⅴ类断面比例为0.2%。",
])
def test_shares_that_do_not_close_a_breakdown_need_not_sum_to_100(text):
    assert alarms(text, "MZ306") == []


def test_overlapping_items_of_a_selection_may_sum_above_the_whole():
    text = "内地居民出境14589万人次，其中因私出境14015万人次，赴港澳台出境9712万人次。"
    result = run([Document("t.txt", text, "txt", "utf-8")], Config(select=("MZ304",)), jobs=1)
    assert [(f.code, f.severity.value) for f in result.findings] == [("MZ304", "info")]
    alone = "内地居民出境14589万人次，其中因私出境15015万人次，赴港澳台出境9712万人次。"
    result = run([Document("t.txt", alone, "txt", "utf-8")], Config(select=("MZ304",)), jobs=1)
    assert "warning" in {f.severity.value for f in result.findings}


def test_a_bound_and_a_level_of_one_name_are_compared():
    text = "2025年，粮食产量1350.97亿斤，主要指标增速居全国前列。\n\n2025年，粮食产量稳定在1300亿斤以上。\n"
    result = run([Document("t.txt", text, "txt", "utf-8")], Config(select=("MZ308",)), jobs=1)
    doc = next(iter(result.documents))
    assert [(c.outcome, [doc.text[m.start:m.end] for m in c.figures]) for c in result.checks] == \
        [("pass", ["1350.97亿斤", "1300亿斤以上"])]                          # 斤 is a unit of weight


@pytest.mark.parametrize("private, outcome", [("16.3", "pass"), ("19.3", "warning")])
def test_the_two_shares_of_a_known_partition_sum_to_100(private, outcome):
    text = f"公立医院诊疗人次37.7亿（占医院总诊疗人次的83.7%），民营医院诊疗人次7.3亿（占医院总诊疗人次的{private}%）。"
    assert outcomes(text, "MZ306") == [outcome]


def test_changes_of_the_two_parts_of_a_partition_are_no_parts_of_a_level():
    text = "医院床位812.0万张。与上年比较，床位增加12.5万张，其中：公立医院增加7.0万张，民营医院增加4.5万张。"
    assert alarms(text, "MZ303") == []


@pytest.mark.parametrize("share, passed", [("31.6", True), ("33.8", False)])
def test_a_share_finds_its_whole_with_or_without_the_word_for_total(share, passed):
    text = (f"全年实现货物进出口总额8222.0亿元，比上年增长14.8%。对“一带一路”沿线国家实现进出口总额2599.6亿元，"
            f"增长16.8%，占全市进出口总额的{share}%。")
    result = run([Document("t.txt", text, "txt", "utf-8")], Config(select=("MZ302",)), jobs=1)
    assert [c.outcome == "pass" for c in result.checks] == [passed]


def test_every_item_of_a_qizhong_list_is_of_its_own_whole_past_a_semicolon():
    text = ("城镇居民人均可支配收入54897元，增长2.8%；其中工资性收入32292元，增长4.3%；经营净收入5448元，增长4.6%。\n\n"
            "农村居民人均可支配收入30931元，增长6.2%；其中工资性收入15377元，增长6.1%；经营净收入7711元，增长6.3%。\n")
    assert outcomes(text, "MZ308") == []
