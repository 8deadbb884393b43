"""The figure grammar: compiled regular expressions built from ``numbers.vocab``.

Two grammars run over the normalised text (see ``normalize``):

* ``SKIP_RE`` finds what looks numeric but is not a figure: dates, years and year
  ranges, times, URLs, document numbers, ordinals (第六届), list numbering (1. (一)),
  plan names (十四五), book titles 《…》, short quoted names “4+1”, set phrases
  (一老一小, 千家万户). Those spans are masked before figures are matched, so no figure
  can start inside one or straddle it.
* ``FIGURE_RE`` finds the figures themselves: Arabic digits with sign, thousands
  separators, decimals, scale, unit, rate denominator and post-qualifiers; Chinese
  numerals before a measure word; 百分之五; 三分之一 and 1/10.
"""

from __future__ import annotations

import re

from mzcheck.numbers import vocab


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


CN_DIGIT = "零〇一二两三四五六七八九"
CN_NUM = CN_DIGIT + "十百千万亿"

#: Set phrases and programme names whose numerals count nothing.
SET_PHRASES = (
    "千家万户", "千方百计", "一次性", "一揽子", "举一反三", "一以贯之", "一如既往", "一心一意",
    "万无一失", "一起", "一批", "一系列", "一道", "一体化", "一站式", "一把手", "一张网",
    "一件事", "一网通办", "一网统管", "一流", "一线", "一张蓝图", "一盘棋", "一条龙",
    "两项补贴", "两不愁三保障", "三无人员", "四个意识", "四个自信", "两个维护", "两个确立",
    "五个一", "一门式", "一窗受理", "一类", "三农", "两会", "一把尺子", "三次产业",
)

_YEAR = r"(?:19|20)\d{2}"
_CN_YEAR = rf"[{CN_DIGIT}]{{4}}"
_MONTH = r"(?:0?[1-9]|1[0-2])"
_DAY = r"(?:3[01]|[12]\d|0?[1-9])"
_TIME = r"(?:\s?(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d)?)"

_SKIP_PARTS = [
    # URLs and e-mail addresses
    r"(?:https?://|www\.)[\x21-\x7e]+",
    r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}",
    # identifiers glued to Latin letters: 5G, PM2.5, 5A级, C919, file_2026 paths
    r"[A-Za-z_][A-Za-z0-9_\-./:]*\d[A-Za-z0-9_\-./]*|\d+(?:\.\d+)?[A-Za-z_][A-Za-z0-9_\-./]*",
    # hotlines and service numbers: 12345热线
    r"\d{3,}(?=[\u4e00-\u9fff]{0,8}热线)",
    # book titles and short quoted names: 《…2022-2035年…》, “4+1”, “15分钟养老服务圈”
    r"《[^《》\n]{0,120}》",
    r"“[^“”\n]{0,25}”",
    r"‘[^‘’\n]{0,25}’",
    r"「[^「」\n]{0,25}」",
    r'"[^"\n]{0,25}"',
    # document numbers: 〔2022〕12号, [2022]12号, and N号
    rf"[〔\[【]{_YEAR}[〕\]】]\s?第?\d+号",
    r"\d+号",
    # year ranges: 2022-2035年, 2022—2023年, (2022-2024), 2021至2025年
    rf"{_YEAR}\s?年?\s?[-—–~至到]+\s?{_YEAR}\s?年?(?:度)?",
    # full dates and times: 2023-01-06, 2023/1/6 11:13, 2023.01.06
    rf"{_YEAR}[-/]{_MONTH}(?:[-/]{_DAY})?{_TIME}?",
    rf"{_YEAR}\.{_MONTH}\.{_DAY}{_TIME}?",
    # years with 年 and what follows: 2022年, 2022年度, 2022年12月6日, 二〇二二年
    rf"(?:{_YEAR}|{_CN_YEAR})\s?年(?:度|版|底|末|初|中|起|以来)?"
    rf"(?:\s?{_MONTH}\s?月(?:份|底|末|初|中)?(?:\s?{_DAY}\s?[日号])?)?",
    # decades, months, days, quarters: 60年代, 1-2月, 12月份, 6日, 一季度
    r"\d{2,4}年代",
    rf"(?<![\d.]){_MONTH}\s?[-—~至到]\s?{_MONTH}月(?:份)?",
    rf"(?<![\d.]){_MONTH}月(?:份|底|末|初|中|上旬|中旬|下旬)?(?:\s?{_DAY}\s?[日号])?",
    rf"(?<![\d.]){_DAY}[日](?!元)",
    r"\d{1,2}[时点](?:\d{1,2}分)?(?![\d点])",
    r"(?:第?[一二三四1-4]|前[一二三])季度",
    # ordinals and numbering: 第六届, 第2批, 表1, (一), (1), 1. 2、 at a line or clause start
    rf"第[\d{CN_NUM}]+",
    r"(?:附表|附件|附图|图表|表|图)\s?\d+(?:[-.]\d+)?(?![\d.]*\s?[个份件家项张次])",   # 表5, not 报告表5个
    rf"\([\d{CN_NUM}]{{1,3}}\)",
    # footnote marks: 国内生产总值[2]1349084亿元, 年末全国人口[5]
    r"\[\d{1,3}\]",
    r"(?:^|(?<=[\s|。;:!?)]))\d{1,2}[.、](?=[^\d\s.、])",
    r"(?<![\d.])\d{1,2}\.(?=[\u4e00-\u9fff])",
    rf"(?<![\d.万亿千百])[{CN_NUM}]{{1,3}}(?:是|、)",     # 一是, 三、 — not the scale of 4万亿、
    # five-year plans: 十四五, 十一五
    r"十[一二三四五六七八九]五",
    # 一老一小, 一户一策, 一村一品: 一X一Y patterns name policies, not counts
    r"一[\u4e00-\u9fff]一[\u4e00-\u9fff]",
    _alt(SET_PHRASES),
    # grades and congresses: 四级, 三级, 二十大, 十九届, 二中全会
    rf"[{CN_NUM}]+(?:级|届|大|中全会)",
    # 两位数增长, 十次全会: digits of a number, sessions of a congress
    rf"[{CN_NUM}]+位数",
    rf"[\d{CN_NUM}]+次(?:全会|全体会议|会议|代表大会)",
]

def _first_char_guard(pattern: str, first_chars: str) -> str:
    """Prefix a lookahead listing every character a match can start with.

    Python's ``re`` scans quickly for a first character only when it can see one; a
    wide alternation hides it, so the guard makes it explicit (about 9x faster here).
    ``tests/test_grammar_speedup.py`` checks that the guard never changes a match.
    """
    chars = "".join(sorted(set(first_chars)))
    return f"(?=[{re.escape(chars)}])(?:{pattern})"


_ASCII_ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
SKIP_PLAIN = "|".join(f"(?:{p})" for p in _SKIP_PARTS)
SKIP_FIRST_CHARS = (
    _ASCII_ALNUM + "_.%+-" + "《“‘「\"〔[【(" + CN_NUM + "第附图表前" + "".join(p[0] for p in SET_PHRASES)
)
SKIP_RE = re.compile(_first_char_guard(SKIP_PLAIN, SKIP_FIRST_CHARS), re.M | re.ASCII)

_SCALE = r"万亿|[十百千]?亿|[十百千]?万|[十百千](?!瓦|克|米|公顷|分)"
_UNIT = _alt(vocab.UNITS)
_PER = (
    rf"/(?:{_alt(vocab.PER_SUBJECTS)})(?:[·・•./]?(?:{_alt(vocab.PER_TIMES)}))?"
    rf"|/(?:{_alt(vocab.PER_TIMES)})"
)
_POSTQ = _alt(vocab.POST_QUALIFIERS)
_POSTD = _alt(vocab.POST_DIGIT_QUALIFIERS)
_CN_UNIT = _alt(vocab.CHINESE_CLASSIFIERS)

FIGURE_PLAIN = (
    # Chinese percentage and fraction: 百分之五, 三分之一
    rf"(?P<pctcn>百分之[{CN_NUM}]+(?:点[{CN_DIGIT}]+)?)"
    rf"|(?P<frcn>(?P<fden>[{CN_NUM}]+)分之(?P<fnum>[{CN_NUM}]+))"
    # Arabic fraction: 1/10 (dates were masked before)
    rf"|(?<![\d/.])(?P<fn>\d+)/(?P<fd>\d+)(?![\d/.])(?P<fpq>{_POSTQ})?"
    # Arabic number with scale, unit, rate and post-qualifier
    rf"|(?P<sign>(?<![0-9A-Za-z.\-%])[-+])?"
    # 3,594, 026万元: a thousands group after a comma and a space (a slip of typing or of
    # conversion) is still of the number when a word or % follows the number at once
    rf"(?P<num>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?(?!\d|, \d)"
    rf"|\d{{1,3}}(?:,\d{{3}})*, \d{{3}}(?:,\d{{3}})*(?![\d.,])(?=[\u4e00-\u9fff%‰])"
    rf"|\d+(?:\.\d+)?)"
    rf"(?P<pd>{_POSTD})?(?P<scale>{_SCALE})?(?P<pd2>{_POSTD})?"
    rf"(?P<sp> (?=[%‰]))?(?P<unit>{_UNIT})?(?P<per>{_PER})?(?P<pq>{_POSTQ})?"
    # Chinese numeral before a measure word: 六类, 两年, 一百二十个, 三点五万人
    rf"|(?P<cn>(?<![零〇一二两三四五六七八九十百千])[{CN_DIGIT}十][{CN_NUM}]*(?:点[{CN_DIGIT}]+)?)"
    rf"(?P<cpd>{_POSTD})?(?P<cscale>万亿|亿|万)?(?P<cunit>{_CN_UNIT})(?P<cpq>{_POSTQ})?"
)
FIGURE_FIRST_CHARS = "0123456789-+" + CN_NUM
FIGURE_RE = re.compile(_first_char_guard(FIGURE_PLAIN, FIGURE_FIRST_CHARS), re.ASCII)

#: A qualifier or aggregate word that ends right where a figure starts.
PRE_QUALIFIER_RE = re.compile(rf"(?:{_alt(vocab.PRE_QUALIFIERS)})\Z", re.ASCII)
AGGREGATE_RE = re.compile(rf"(?:{_alt(vocab.AGGREGATES)})(?:有|为|达)?\Z", re.ASCII)
#: 不低于低保标准的1.3倍: a bound qualifier reaching across a reference phrase.
BOUND_REACH_RE = re.compile(
    rf"(?P<q>{_alt(vocab.BOUND_QUALIFIERS)})"
    r"(?P<ref>[\u4e00-\u9fff]{0,12}(?:标准|水平|平均|上年|去年|同期|的))的?\Z",
    re.ASCII,
)
#: A unit standing before a value at the end of a table line: 万人7.1, 元/人·月1,245.0
FUSED_UNIT_RE = re.compile(rf"(?P<scale>{_SCALE})?(?P<unit>{_UNIT})(?P<per>{_PER})?\Z", re.ASCII)
#: Words before a bare number that make it a rate or share (its % is missing).
RATE_BEFORE_RE = re.compile(
    r"(?:(?<![汇功频速心倍])率|占比|比例|比重|比率|份额)(?:为|是|约为|已达|分别为|分别达)?\Z",
    re.ASCII,
)
RATE_AFTER_RE = re.compile(r"^(?:[、,和及与]\s?[\d.]+)*的?(?:比例|比重|比率)", re.ASCII)
#: A change word right before a figure: 增长5%, 下降0.6%, 比上年减少1658吨
DIRECTION_RE = re.compile(
    rf"(?P<down>{_alt(vocab.CHANGE_DOWN + ('减', '降', '亏损'))})(?:了)?\Z"
    rf"|(?P<up>{_alt(vocab.CHANGE_UP + ('增',))})(?:了)?\Z",
    re.ASCII,
)
#: 由A提高至B, 从A调整为B: the verb between the two figures of a change.
FROM_TO_RE = re.compile(
    rf"^(?P<verb>{_alt(vocab.CHANGE_UP + vocab.CHANGE_DOWN + vocab.CHANGE_NEUTRAL)})(?:至|到|为)\Z", re.ASCII
)
#: A change verb (增长, 下降 …) as an alternation, for rules that read a change after a figure.
CHANGE_VERB = _alt(vocab.CHANGE_UP + vocab.CHANGE_DOWN)
#: A comparison stated before a change: 比上年, 同比, 较2020年.
COMPARISON_RE = re.compile(r"比|较|同比|环比|上年|去年|同期", re.ASCII)
#: Words that make a list or a range between two adjacent figures.
LIST_SEP_RE = re.compile(r"\s?(?:、|和|及|与)\s?", re.ASCII)
RANGE_SEP_RE = re.compile(r"^(?:~|至|到|-|—|–)\Z", re.ASCII)
#: 每人每月2070元, 人年6240元: a rate denominator written before the figure.
PER_BEFORE_RE = re.compile(
    r"(?:每(?P<s>人|户|床|名|吨|亩)(?:每)?(?P<t>月|年|天|日)?|(?P<s2>人|户)(?P<t2>月|年)|每(?P<t3>月|年|天|日))"
    r"(?:为|是|达)?\Z",
    re.ASCII,
)

SENTENCE_END_RE = re.compile(r"[。!?;\n\r]+", re.ASCII)
CLAUSE_SEP = set(",:、()。!?;\n\r|[]{}“”‘’《》")
