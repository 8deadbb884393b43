"""MZ2xx: values outside what their kind allows — shares above 100 %, negative or
fractional head counts."""

from __future__ import annotations

import re
from fractions import Fraction
from typing import Iterator

from mzcheck.numbers.format import format_exact
from mzcheck.finding import Severity
from mzcheck.numbers import vocab
from mzcheck.rules.context import DocContext, Outcome
from mzcheck.rules.registry import rule

#: A share of a whole: must stay within 100 %.
SHARE_WORDS = re.compile(r"占|比重|占比|比例|覆盖率|普及率|参保率|达标率|入学率|合格率|优良率|城镇化率|"
                         r"保障率|满意率|知晓率|就业率|入住率|使用率|利用率|建成率|到位率|率")
#: Rates that may pass 100 %: growth, completion, "equivalent to X % of".
NOT_A_SHARE = re.compile(r"增长|增速|增幅|完成|相当于|提高|下降|同比|环比|超额|倍|上涨|回落|降低|比上年|"
                         r"汇率|利率|税率|费率|周转率|贡献率|发病率|死亡率|出生率|毛入学率|毛入园率|毛入学|总和生育率|完成率|执行率|"
                         # 收入完成…占年初预算的105.95%: execution against a budget or plan, which may pass 100;
                         # 固定宽带普及率112.4%: per 100 households or people, which may pass 100
                         r"占(?:年初|年度|全年|调整后的?|年度调整)?(?:预算|预算数|预算调整数|计划|任务|目标)(?:的)?\Z|预算调整数|普及率")
#: A count label that is really a rate per N people or per unit (千人口托位数4.7个).
PER_CAPITA = re.compile(r"人均|户均|平均|每|千人|万人|百人|拥有量|密度")
#: Counts that may be fractional when stated with a scale (10.69万人 is fine).


def is_share(fig) -> bool:
    return (fig.unit == "%" and not fig.direction and bool(SHARE_WORDS.search(fig.label))
            and not NOT_A_SHARE.search(fig.label) and not NOT_A_SHARE.search(fig.raw))


@rule("MZ201", "share-above-100", Severity.ERROR)
def share_above_100(ctx: DocContext) -> Iterator[Outcome]:
    """A share or coverage rate above 100 %.

    What it checks: a percentage that measures part of a whole (占比, 比重, 覆盖率, …率)
    whose every reading is above 100. Growth rates, 完成率 and "相当于…的X%" may exceed
    100 and are not checked.

    Why it matters: a part cannot exceed its whole; the figure or its base is wrong.

    Fails:
        等级社会组织占比103%。

    Passes:
        等级社会组织占比42.6%,覆盖率达100%。
        全年完成计划的103%。
    """
    for f in ctx.figures:
        if not is_share(f):
            continue
        r = ctx.reading(f)
        if r.lenient.lo > 100:
            yield Outcome("MZ201", (f,), False, f"“{f.label}”是占比，{f.raw}超过100%", stated=f.raw,
                          computed="[0, 100]", relation="f0 <= 100")
        else:
            yield Outcome("MZ201", (f,))


def _is_headcount(fig) -> bool:
    return fig.unit in vocab.COUNT_UNITS and fig.kind == "number" and not PER_CAPITA.search(fig.label)


@rule("MZ202", "negative-count", Severity.ERROR)
def negative_count(ctx: DocContext) -> Iterator[Outcome]:
    """A count of people, households or things written as negative.

    What it checks: a figure in 人, 户, 名, 家, 个 … with a minus sign. A decrease is
    written with 减少 or 下降 and a positive number.

    Why it matters: a negative count has no meaning; usually a change was pasted where a
    level belongs, or a sign slipped in from a table's 增减 column.

    Fails:
        城市低保对象-35人。

    Passes:
        城市低保对象35人,比上年减少12人。
    """
    for f in ctx.figures:
        if not _is_headcount(f):
            continue
        if f.value < 0:
            yield Outcome("MZ202", (f,), False, f"人数/户数/个数“{f.raw}”为负数", stated=f.raw)
        else:
            yield Outcome("MZ202", (f,))


@rule("MZ203", "fractional-count", Severity.ERROR)
def fractional_count(ctx: DocContext) -> Iterator[Outcome]:
    """A head count or count of things with a fractional part.

    What it checks: 108.5名, 3.5家 — a count in base units must be whole. Counts with a
    scale (10.69万人) and per-capita rates (千人口托位数4.7个, 万人拥有量34.2件) are fine.

    Why it matters: half a person is a typing error or a computed average mislabelled as
    a count.

    Fails:
        全市共有儿童督导员108.5名。

    Passes:
        全市共有儿童督导员108名,千人口托位数达4.7个,惠及残疾人10.69万人。
    """
    for f in ctx.figures:
        if not _is_headcount(f) or f.scale:
            continue
        if f.value.denominator != 1 and not _rate_before(ctx, f):
            yield Outcome("MZ203", (f,), False, f"“{f.raw}”是人数或个数，却有小数", stated=f.raw,
                          computed=format_exact(Fraction(round(f.value))))
        else:
            yield Outcome("MZ203", (f,))


#: Words that make a count a rate per something (每千人口执业医师3.61人, 医师日均担负诊疗9.7人次,
#: 平均每个村卫生室0.38个, 亿元地区生产总值生产安全事故死亡人数0.013人, 道路交通事故万车死亡人数1.31人).
_RATE_CONTEXT = re.compile(r"每|人均|户均|平均|日均|均担负|千人口|万人|百人|百万|亿元|万元|单位|率|密度|拥有量"
                           r"|[十百千万](?:车|辆|台|吨|户|床)")


def _rate_before(ctx: DocContext, f) -> bool:
    """A rate stated in the sentence before the figure (within 60 characters)."""
    lo = max(ctx.sentences[f.sentence_id - 1][0], f.start - 60)
    return bool(_RATE_CONTEXT.search(ctx.norm, lo, f.start)) or bool(PER_CAPITA.search(f.label))
