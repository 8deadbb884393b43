"""A small domain lexicon so figures about one population link across sentences.

``canonical`` rewrites a label to one spelling per concept (最低生活保障 → 低保,
五保 → 特困, GDP → 生产总值); ``head`` is the noun a label ends with. Each entry has
a test in tests/test_lexicon.py. A link never overrides a stated period or region:
the rules compare ``period`` separately.
"""

from __future__ import annotations

import re

#: (pattern, replacement), applied in order; longer spellings first.
SYNONYMS: tuple[tuple[str, str], ...] = (
    ("城镇居民最低生活保障", "城市低保"),
    ("城市居民最低生活保障", "城市低保"),
    ("农村居民最低生活保障", "农村低保"),
    ("城市最低生活保障", "城市低保"),
    ("农村最低生活保障", "农村低保"),
    ("城乡最低生活保障", "城乡低保"),
    ("最低生活保障", "低保"),
    ("城镇低保", "城市低保"),
    ("城保", "城市低保"),
    ("农保", "农村低保"),
    ("特困供养人员", "特困人员"),
    ("特困供养对象", "特困人员"),
    ("农村五保对象", "农村特困人员"),
    ("农村五保", "农村特困人员"),
    ("五保对象", "特困人员"),
    ("五保", "特困"),
    ("社会救济对象", "社会救助对象"),
    ("困难残疾人生活补贴和重度残疾人护理补贴", "残疾人两项补贴"),
    ("国内生产总值", "生产总值"),
    ("地区生产总值", "生产总值"),
    ("GDP", "生产总值"),
    ("总产量", "产量"),                  # 粮食总产量 = 粮食产量
    ("人均生活消费", "人均消费"),          # the survey's older name: 人均生活消费支出 = 人均消费支出
    ("固定互联网宽带接入用户", "宽带用户"),
    ("互联网宽带接入用户", "宽带用户"),
    ("香港、澳门和台湾同胞", "港澳台同胞"),
    ("澳门和台湾同胞", "港澳台同胞"),      # the same name cut at its 、 by a list
    ("全市", ""), ("全省", ""), ("全县", ""), ("全区", ""),
)
_SYN_RE = re.compile("|".join(re.escape(a) for a, _ in SYNONYMS))
_SYN = dict(SYNONYMS)

#: Known partitions: the parts' distinguishing prefixes and what the whole is called.
PARTITIONS: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
    (("城市", "农村"), ("城乡", "")),
    (("城镇", "乡村"), ("城乡", "")),
    (("城镇", "农村"), ("城乡", "")),
    (("第一产业", "第二产业", "第三产业"), ("生产总值",)),
    (("夏粮", "秋粮"), ("粮食",)),
    (("男", "女"), ("",)),
    (("出口", "进口"), ("进出口",)),
    (("商品零售", "餐饮收入"), ("社会消费品零售总额",)),
    (("中央", "地方"), ("",)),
    (("县以上", "县及县以下"), ("",)),
    (("城镇职工", "城乡居民"), ("",)),
    (("工资性", "经营净", "财产净", "转移净"), ("可支配",)),   # the four sources of disposable income
    (("集中供养", "分散供养"), ("",)),
    (("本地农民工", "外出农民工"), ("农民工",)),
    (("外国人", "港澳台同胞"), ("入境游客",)),
    (("东部", "中、西部"), ("",)),
    (("东部", "中西部"), ("",)),
    (("上涨", "持平", "下降"), ("",)),
)

#: Words that make a label general (the whole of its more specific siblings).
GENERAL_PREFIX = re.compile(r"^(?:各类|全部|各级|所有|各|总|全)")


def canonical(label: str) -> str:
    return _SYN_RE.sub(lambda m: _SYN[m.group()], label)


def common_suffix(a: str, b: str) -> str:
    n = 0
    while n < min(len(a), len(b)) and a[-1 - n] == b[-1 - n]:
        n += 1
    return a[len(a) - n:] if n else ""


def _names(label: str, part: str) -> bool:
    """Whether a label names a member of a partition: as its prefix, or among its first six characters."""
    return canonical(label).startswith(part) or part in canonical(label)[:6]


def within_partition(labels: list[str]) -> bool:
    """Whether these labels are distinct members of one known partition (all of it or not)."""
    for parts, _ in PARTITIONS:
        members = [next((p for p in parts if _names(lab, p)), None) for lab in labels]
        if None not in members and len(set(members)) == len(labels):
            return True
    return False


def partition_of(labels: list[str]) -> tuple[str, ...] | None:
    """The known partition these labels' prefixes make, if they make one exactly."""
    for parts, _ in PARTITIONS:
        if len(parts) != len(labels):
            continue
        if all(any(_names(lab, p) for lab in labels) for p in parts) \
                and len({next((p for p in parts if p in canonical(lab)[:6]), None) for lab in labels}) == len(parts):
            return parts
    return None
