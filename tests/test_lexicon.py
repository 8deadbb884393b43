"""Every lexicon entry links the spellings it claims to, and nothing else."""

import pytest

from mzcheck.rules.lexicon import SYNONYMS, canonical, partition_of


@pytest.mark.parametrize("spelling,concept", [
    ("城市居民最低生活保障对象", "城市低保对象"), ("城镇居民最低生活保障对象", "城市低保对象"),
    ("农村居民最低生活保障金", "农村低保金"), ("城乡最低生活保障对象", "城乡低保对象"),
    ("最低生活保障人数", "低保人数"), ("城保对象", "城市低保对象"), ("农保对象", "农村低保对象"),
    ("城镇低保", "城市低保"), ("特困供养人员", "特困人员"), ("特困供养对象", "特困人员"),
    ("农村五保对象", "农村特困人员"), ("五保对象", "特困人员"), ("五保供养金", "特困供养金"),
    ("社会救济对象", "社会救助对象"),
    ("困难残疾人生活补贴和重度残疾人护理补贴", "残疾人两项补贴"),
    ("国内生产总值", "生产总值"), ("地区生产总值", "生产总值"), ("全县GDP", "生产总值"),
    ("粮食总产量", "粮食产量"),
    ("农村居民人均生活消费支出", "农村居民人均消费支出"),
    ("固定互联网宽带接入用户", "宽带用户"), ("移动互联网宽带接入用户", "移动宽带用户"),
    ("香港、澳门和台湾同胞", "港澳台同胞"), ("澳门和台湾同胞", "港澳台同胞"),
])
def test_synonyms(spelling, concept):
    assert canonical(spelling) == concept


def test_every_entry_is_tested():
    tested = {"城市居民最低生活保障", "城镇居民最低生活保障", "农村居民最低生活保障", "城市最低生活保障",
              "农村最低生活保障", "城乡最低生活保障", "最低生活保障", "城镇低保", "城保", "农保",
              "特困供养人员", "特困供养对象", "农村五保对象", "农村五保", "五保对象", "五保", "社会救济对象",
              "困难残疾人生活补贴和重度残疾人护理补贴", "国内生产总值", "地区生产总值", "GDP", "总产量", "人均生活消费", "固定互联网宽带接入用户", "互联网宽带接入用户",
              "香港、澳门和台湾同胞", "澳门和台湾同胞",
              "全市", "全省", "全县", "全区"}
    assert {a for a, _ in SYNONYMS} == tested


def test_unrelated_words_are_left_alone():
    assert canonical("等级社会组织") == "等级社会组织"
    assert canonical("城市特困") == "城市特困"


def test_known_partitions():
    assert partition_of(["城市低保", "农村低保"]) == ("城市", "农村")
    assert partition_of(["第一产业增加值", "第二产业增加值", "第三产业增加值"]) is not None
    assert partition_of(["低保", "低保"]) is None
    assert partition_of(["城市低保"]) is None
    assert partition_of(["出口总额", "进口总额"]) == ("出口", "进口")
    assert partition_of(["商品零售额", "餐饮收入"]) == ("商品零售", "餐饮收入")
    assert partition_of(["中央事业单位", "地方事业单位"]) == ("中央", "地方")
    assert partition_of(["县以上文化和旅游事业费", "县及县以下文化和旅游事业费"]) == ("县以上", "县及县以下")
    assert partition_of(["城镇职工基本养老保险人数", "城乡居民基本养老保险人数"]) == ("城镇职工", "城乡居民")
    assert partition_of(["出口总额", "出口总额"]) is None


def test_within_partition_accepts_members_of_one_partition_not_yet_all_of_it():
    from mzcheck.rules.lexicon import partition_of, within_partition

    assert within_partition(["第一产业", "第二产业"]) and partition_of(["第一产业", "第二产业"]) is None
    assert within_partition(["出口", "进口"]) and partition_of(["出口", "进口"]) is not None
    assert not within_partition(["国有控股企业", "民营企业"])
    assert not within_partition(["第一产业", "第一产业"])        # one member twice is no partition
