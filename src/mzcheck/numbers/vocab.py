"""The vocabulary of stated figures: scales, units, rate denominators, qualifiers.

Kept as plain data so the grammar (``mzcheck.extract.grammar``) is built from it and
tests can enumerate it. Longest alternatives must win, so every regex built from
these lists sorts them by length.
"""

from __future__ import annotations

from fractions import Fraction

#: Scale words after Arabic digits, with their exact multipliers.
SCALES: dict[str, int] = {
    "十": 10, "百": 100, "千": 1000,
    "万": 10**4, "十万": 10**5, "百万": 10**6, "千万": 10**7,
    "亿": 10**8, "十亿": 10**9, "百亿": 10**10, "千亿": 10**11,
    "万亿": 10**12,
}

#: Units that carry a scale of their own (元 is the base unit of money).
SCALED_UNITS: dict[str, tuple[str, int]] = {
    "千瓦时": ("千瓦时", 1), "千瓦": ("千瓦", 1), "千克": ("公斤", 1),
    "千米": ("公里", 1), "千公顷": ("公顷", 1000),
}

#: Percent-like units.
PERCENT_UNITS = ("%", "‰", "个百分点", "百分点", "个千分点", "千分点")

#: Measure words and units after a number, grouped for documentation and tests.
MONEY_UNITS = ("元", "美元", "港元", "欧元")
PEOPLE_UNITS = ("人次", "户次", "家次", "人", "户", "名", "位")
THING_UNITS = (
    "家", "个", "所", "张", "条", "份", "项", "类", "批", "件", "套", "台", "辆", "座", "处",
    "间", "栋", "幢", "床位", "床", "支", "种", "组", "对", "例", "宗", "起", "场", "篇", "部",
    "册", "本", "头", "只", "羽", "株", "棵", "匹", "艘", "架", "列", "期", "轮", "次",
    "平方米", "平方公里", "平方千米", "立方米", "公顷", "亩", "吨", "公斤", "千克", "斤",
    "克", "毫克", "微克", "公里", "千米", "米", "厘米", "毫米", "千瓦时", "千瓦", "兆瓦", "度",
    "标箱", "万千瓦", "立方米/秒", "吨公里", "人公里", "方面", "吨标准煤", "吨标煤",
)
TIME_UNITS = ("个月", "周年", "周岁", "小时", "年", "天", "岁", "周")
RATIO_UNITS = ("倍",)

#: Every unit after a number. ``年`` after a four-digit year is a date, handled by the grammar.
UNITS: tuple[str, ...] = tuple(dict.fromkeys(
    PERCENT_UNITS + MONEY_UNITS + PEOPLE_UNITS + THING_UNITS + TIME_UNITS + RATIO_UNITS
    + tuple(SCALED_UNITS)
))

#: Units after a Chinese numeral. Fewer than after digits: 日, 级, 分, 道 … make set phrases.
CHINESE_CLASSIFIERS: tuple[str, ...] = tuple(
    u for u in UNITS if u not in {"度", "起", "期", "轮", "周", "部", "列", "对", "克", "米", "批"}
)

#: Count units: a value in these must be a whole, non-negative number.
COUNT_UNITS = frozenset(PEOPLE_UNITS + ("家", "个", "所", "张", "条", "份", "项", "类", "件",
                                        "套", "台", "辆", "座", "处", "间", "栋", "幢", "床"))

#: Rate denominators written after a slash: 元/人·月, 元/人/年, 公斤/亩.
PER_SUBJECTS = ("人", "户", "床", "吨", "亩", "平方米", "立方米", "名", "次", "件", "万人", "公顷",
                # rates per population: 239.2/10万, 7.32张/千人, 14.3/10万人口
                "千人", "千人口", "万人口", "10万", "10万人", "10万人口", "十万", "十万人", "十万人口", "100万", "百万")
PER_TIMES = ("月", "年", "天", "日", "小时", "周")

#: Qualifiers before a figure, as they change its interval (docs/numbers.md).
PRE_QUALIFIERS = (
    "不低于", "不少于", "不超过", "不高于", "不足", "不到", "不满", "至少", "至多", "最多", "最少",
    "超过", "多于", "少于", "低于", "高于", "大约", "约为", "将近", "接近", "达到", "约", "近",
    "超", "逾", "达",
)
#: Qualifiers after the digits (余/多 may stand before the scale: 300多万元).
POST_DIGIT_QUALIFIERS = ("余", "多")
POST_QUALIFIERS = ("以上", "及以上", "以下", "及以下", "以内", "左右", "上下", "之多")

#: Words that mark a total rather than qualify the value (recorded as ``aggregate``).
AGGREGATES = ("共计", "合计", "总计", "累计", "共")

#: Change verbs, the one list every grammar and rule builds from: 增长5%, 由A提高至B,
#: 比上年减少1658吨, 提高0.7个百分点. 调整 (由A调整为B) states a change without a direction.
CHANGE_UP = ("提高", "增加", "上调", "增长", "上升", "上涨", "扩大", "提升", "净增", "增产", "增收", "增支")
CHANGE_DOWN = ("下降", "降低", "减少", "下调", "缩小", "回落", "下滑", "净减", "减产", "减收", "减支")
CHANGE_NEUTRAL = ("调整",)

#: Qualifiers that may reach across a reference phrase: 不低于低保标准的1.3倍.
BOUND_QUALIFIERS = ("不低于", "不少于", "不超过", "不高于", "至少", "至多")


def scale_factor(scale: str) -> int:
    return SCALES[scale] if scale else 1


def unit_base(unit: str) -> tuple[str, Fraction]:
    """The base unit and multiplier of a unit as written (千米 → 公里 ×1)."""
    if unit in SCALED_UNITS:
        base, mult = SCALED_UNITS[unit]
        return base, Fraction(mult)
    return unit, Fraction(1)


def scaled(scale: str, unit: str) -> tuple[str, str]:
    """(scale, base unit) of a figure as written: a unit that carries its own scale
    (千公顷) records it as the scale, so precision follows the digits (3.5千公顷: ±50 公顷)."""
    base, mult = unit_base(unit)
    if mult != 1 and not scale:
        scale = next(k for k, v in SCALES.items() if v == mult)
    return scale, base
