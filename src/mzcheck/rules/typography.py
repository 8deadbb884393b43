"""MZ1xx: how figures are written — missing %, lost +, stray spaces, split numbers."""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import Iterator

from mzcheck.finding import Severity
from mzcheck.rules.context import DocContext, Outcome
from mzcheck.rules.registry import rule

_QUOTED_DIGITS_SPACE = re.compile(r"“(\d{1,3}) +(\d{1,3})”")
_BARE_DIGITS_SPACE = re.compile(r"(?<![\d.])(\d{1,3}) (\d{1,3})(?=模式|机制|工程|体系|格局|行动)")
_QUOTED_PAIR_SPACE = re.compile(r"“[^“”\n]{1,20}”( +)“[^“”\n]{1,20}”")
_SPACE_IN_NUMBER = re.compile(r"(?<![\d.])\d+(?: \.|\. )\d+|(?<![\d., ])\d{1,3}(?: \d{3})+(?![\d.])")
_SPLIT_NUMBER = re.compile(r"(?<=[\u4e00-\u9fff])(\d+)\n[ \t\n]*(\d[\d,.]*)(?=[万亿千百十%元人户个家名])")
#: 城镇失业人员再就业 514⏎万人: a number at the end of a line, its unit opening the next.
_UNIT_ON_NEXT_LINE = re.compile(
    r"(?<=[\u4e00-\u9fff ])(\d[\d,]*(?:\.\d+)?)[ \t]*\n[ \t]*"
    r"((?:[十百千]?万|[十百千]?亿)?(?:人次|人|户|元|个|家|名|吨|件|项|所|张|公里|平方米|立方米|千瓦)|[十百千]?万|[十百千]?亿|%|‰)"
    r"(?=[\u4e00-\u9fff,，。;；、\s])")
#: PM⏎2.5⏎浓度: a number alone on a line after Latin letters — a subscript set on its own line.
_SUBSCRIPT_LINE = re.compile(r"([A-Za-z]{1,6})[ \t]*\n[ \t]*(\d{1,2}(?:\.\d)?)[ \t]*\n")
_NATURAL_RATE = re.compile(r"死亡率|发病率|出生率|患病率|事故率|犯罪率")
_RATE_WORD = re.compile(r"(?:率|比重|占比|比例|增速|增幅)")
_POINTS_CONTEXT = re.compile(r"(?:高出|高于|低于|提高|下降|上升|回落|降低|增加|减少)(?:了)?\Z")

_CONTRADICTORY = {
    ("近", "余"), ("近", "多"), ("近", "以上"), ("将近", "余"), ("接近", "余"),
    ("不足", "余"), ("不足", "多"), ("不足", "以上"), ("不到", "余"), ("不到", "以上"),
    ("不超过", "以上"), ("超过", "以下"), ("超", "以下"), ("超过", "以内"), ("不低于", "以下"),
    ("至少", "以下"), ("逾", "以下"),
}
_REDUNDANT = {
    ("超过", "以上"), ("超", "以上"), ("超过", "余"), ("超过", "多"), ("超", "余"), ("超", "多"),
    ("逾", "余"), ("逾", "以上"), ("约", "左右"), ("大约", "左右"), ("约", "上下"), ("不低于", "以上"),
    ("至少", "以上"), ("不超过", "以下"), ("不超过", "以内"),
}


@rule("MZ101", "percent-without-sign", Severity.WARNING)
def percent_without_sign(ctx: DocContext) -> Iterator[Outcome]:
    """A rate or share is written without its % sign.

    What it checks: a bare number after 率, 占比, 比例, 比重 (…率达100, 占比42.59) or before
    的比例 (40、20、10的比例) is a percentage; without `%` it is read as a plain number.

    Why it matters: a reader, a database import or a chart takes "达标率达99.01" as 99.01
    of something, not 99.01 %, and the published figure is wrong wherever it is copied.

    Fails:
        等级社会组织占比42.59,覆盖率近74。

    Passes:
        等级社会组织占比42.59%,覆盖率近74%。
    """
    for f in ctx.figures:
        if "missing-%" in f.flags:
            yield Outcome("MZ101", (f,), False, f"“{f.raw}”是比率，缺少“%”：应写作“{f.raw}%”",
                          stated=f.raw, computed=f"{f.raw}%", fix="percent")
        elif f.unit == "%":
            yield Outcome("MZ101", (f,))


@rule("MZ102", "lost-plus-sign", Severity.WARNING)
def lost_plus_sign(ctx: DocContext) -> Iterator[Outcome]:
    """A `+` between two terms was lost and only a space is left.

    What it checks: two numbers inside one quoted name separated by a space (“4 1”模式),
    a bare pair before 模式/机制/工程 (4 1模式), and two quoted terms joined by nothing
    but a space (“基地社会化运行” “公益创投扶持”), where the model's name needs `+`.

    Why it matters: “4+1”模式 is the name of a policy; “4 1” reads as 41 or as a typo,
    and a reader cannot search for it.

    Fails:
        制定《救助工作“4 1”模式合作方案》。
        实现了“基地社会化运行” “公益创投扶持”的“双投入”模式。

    Passes:
        制定《救助工作“4+1”模式合作方案》。
        实现了“基地社会化运行”+“公益创投扶持”的“双投入”模式。
    """
    for rx in (_QUOTED_DIGITS_SPACE, _BARE_DIGITS_SPACE):
        for m in rx.finditer(ctx.norm):
            yield Outcome("MZ102", passed=False, span=m.span(), stated=ctx.text[m.start():m.end()],
                          message=f"{ctx.text[m.start():m.end()]}中数字之间只有空格，疑似丢失“+”"
                                  f"（应为“{m.group(1)}+{m.group(2)}”）", fix="plus")
    for m in _QUOTED_PAIR_SPACE.finditer(ctx.norm):
        yield Outcome("MZ102", passed=False, span=m.span(), stated=ctx.text[m.start():m.end()],
                      message=f"两个引号词之间只有空格，疑似丢失“+”：{ctx.text[m.start():m.end()]}", fix="plus")


@rule("MZ103", "space-in-number", Severity.WARNING)
def space_in_number(ctx: DocContext) -> Iterator[Outcome]:
    """A space inside a number, or between a number and its % or unit, in typed text.

    What it checks: "1.4 %", "56.2 亿元", "3 .5", "12 345", "3,594, 026万元" in running text
    (table cells are left alone). The figure is read through the space either way. In text converted
    from PDF or Word — recognised by its page footers, page-width line wraps, or spaces
    before units throughout — such spaces are layout the conversion left behind, not the
    author's typing, and are not reported; only a space before % that the document's own
    habit does not explain (most of its percentages are written without one) still is.

    Why it matters: in a typed report, a line break can fall in the space and split the
    figure from its unit; text search and copy-paste into spreadsheets fail on it.

    Fails:
        蔬菜播种面积3938公顷,比上年增长1.4 %。

    Passes:
        蔬菜播种面积3938公顷,比上年增长1.4%。
    """
    layout = ctx.layout
    spaces = sorted(layout.unit_spaces) if layout is not None else []
    if layout is not None and layout.converted:
        # converted text: spaces before units are the conversion's; a space before % is the
        # author's only where the document's own percentages are mostly written without one
        percents = sum(1 for f in ctx.figures if f.unit == "%" and "missing-%" not in f.flags)
        spaced_percent = [sp for sp in spaces if layout.source[sp[1]:sp[1] + 1] in "%％"]
        spaces = spaced_percent if percents and len(spaced_percent) <= 0.2 * percents else []
    starts = [a for a, _ in spaces]
    for f in ctx.figures:
        if spaces and layout is not None:
            lo, hi = layout.span(f.start, f.end)
            k = bisect_right(starts, lo) - (1 if bisect_right(starts, lo) else 0)
            inside = [s for s in spaces[max(k, 0):max(k, 0) + 3] if lo <= s[0] and s[1] <= hi]
            if inside:
                written = layout.source[lo:hi]
                where = "与“%”" if "%" in written or "％" in written else "与单位"
                yield Outcome("MZ103", (f,), False, f"“{written}”在数字{where}之间有空格", stated=written,
                              computed="".join(written.split()))
                continue
        if "space-in-number" in f.flags:       # 3,594, 026万元: the author's, converted or not
            yield Outcome("MZ103", (f,), False, f"“{f.raw}”在千位分隔符后有空格", stated=f.raw,
                          computed=f.raw.replace(" ", ""), fix="space")
        elif "space-before-%" in f.flags:
            yield Outcome("MZ103", (f,), False, f"“{f.raw}”在数字与“%”之间有空格", stated=f.raw,
                          computed=f.raw.replace(" ", ""), fix="space")
        elif f.unit == "%":
            yield Outcome("MZ103", (f,))
    for m in _SPACE_IN_NUMBER.finditer(ctx.norm):
        line_lo = ctx.norm.rfind("\n", max(0, m.start() - 500), m.start()) + 1
        line_hi = ctx.norm.find("\n", m.end(), m.end() + 500)
        if "|" in ctx.norm[max(line_lo, m.start() - 500):line_hi if line_hi >= 0 else m.end() + 500]:
            continue
        if layout is not None and layout.converted:
            continue
        yield Outcome("MZ103", passed=False, span=m.span(), stated=m.group(),
                      message=f"数字“{ctx.text[m.start():m.end()]}”中间有空格")


@rule("MZ107", "layout-repaired", Severity.INFO)
def layout_repaired(ctx: DocContext) -> Iterator[Outcome]:
    """Layout debris that was read through: a page footer inside a sentence, a figure cut
    from its unit by a line break, a letter-spaced label.

    What it checks: the places where the text had to be repaired before its figures could
    be read — the sentence is read as one, the label as one word — so the auditor knows
    where the published layout itself breaks a figure or a label (a copy into another
    document, or a search for 一般公共预算收入, would fail there).

    Why it matters: a figure separated from its unit by a page break is easily quoted
    without it; a letter-spaced label is not found by a keyword search.

    Fails:
        全年实现农林牧渔业总产值942.6亿元，按可比价格\\n— 5 —\\n计算，比上年增长4.2%。其中农业产值600.1亿元，增\\n长3.1%；林业产值10.2亿元，增长2.0%；牧业产值\\n300.4亿元，增长5.5%。渔业产值31.9亿元，比上年增\\n长1.2%。
        全 年 完 成 一 般 公共 预 算 收 入 1697.9 亿元。

    Passes:
        全年实现农林牧渔业总产值942.6亿元，按可比价格计算，比上年增长4.2%。
    """
    layout = ctx.layout
    if layout is None:
        return
    words = {"footer": "页脚或页眉打断了句子，已跳过并连读",
             "unit-break": "数字与单位被换行隔开，已连读",
             "letter-spaced": "字间加了空格的标签，已按一个词读取"}
    for kind, lo, hi in layout.repairs:
        written = layout.source[lo:hi]
        shown = "⏎".join(" ".join(part.split()) for part in written.split("\n"))
        yield Outcome("MZ107", passed=False, at=(lo, hi), stated=written, message=f"版式修复：“{shown}”{words[kind]}")


@rule("MZ104", "number-split-across-lines", Severity.WARNING)
def number_split_across_lines(ctx: DocContext) -> Iterator[Outcome]:
    """A number is split across a line or page break.

    What it checks: a line that ends in digits in the middle of a sentence, followed by
    a line that starts with digits and a unit ("发放…补贴3⏎⏎3.8万元"); a number whose unit
    opens the next line when the layout could not join them ("再就业 514⏎万人"); and a
    number alone on a line after Latin letters, a subscript set apart ("PM⏎2.5⏎浓度").

    Why it matters: the figure was 33.8万元 or 3 and 3.8万元 — nobody can tell, and every
    tool reads two figures.

    Fails:
        为1690名农村五保对象发放一次性生活补贴3\\n\\n3.8万元。
        全年城镇失业人员再就业 514\\n万人，就业困难人员就业 172 万人。
        以PM\\n2.5\\n浓度持续下降为主线。

    Passes:
        为1690名农村五保对象发放一次性生活补贴33.8万元。
        全年城镇失业人员再就业 514 万人，就业困难人员就业 172 万人。
        以PM2.5浓度持续下降为主线。
    """
    for m in _SPLIT_NUMBER.finditer(ctx.norm):
        joined = m.group(1) + m.group(2)
        yield Outcome("MZ104", passed=False, span=m.span(), stated=ctx.text[m.start():m.end()],
                      message=f"数字被换行拆开：“{m.group(1)}”与“{m.group(2)}”，原文可能是“{joined}”")
    for m in _UNIT_ON_NEXT_LINE.finditer(ctx.norm):
        if "|" in ctx.norm[ctx.norm.rfind("\n", max(0, m.start() - 300), m.start()) + 1:m.start()]:
            continue                  # a table row: its next line is another row
        yield Outcome("MZ104", passed=False, span=m.span(), stated=ctx.text[m.start():m.end()],
                      message=f"数字与单位被换行隔开：“{m.group(1)}”与“{m.group(2)}”，"
                              f"应为“{m.group(1)}{m.group(2)}”（未连读时，这个数字没有单位）")
    for m in _SUBSCRIPT_LINE.finditer(ctx.norm):
        yield Outcome("MZ104", passed=False, span=m.span(), stated=ctx.text[m.start():m.end()],
                      message=f"“{m.group(1)}”与“{m.group(2)}”被换行拆开，原文可能是“{m.group(1)}{m.group(2)}”"
                              f"（下标单独成行），“{m.group(2)}”不是一个数值")


@rule("MZ108", "points-without-measure-word", Severity.WARNING)
def points_without_measure_word(ctx: DocContext) -> Iterator[Outcome]:
    """A change in percentage points written 百分点 without its 个.

    What it checks: a number followed by 百分点 (8.2百分点) rather than 个百分点.

    Why it matters: the unit is 个百分点 (GB/T 15835 usage in statistical publications);
    without 个 the phrase is easily misread — 8.2百 is 820 — and a reader or a tool that
    looks for 个百分点 will miss the change.

    Fails:
        酸雨率42.2%，同比上升8.2百分点。

    Passes:
        酸雨率42.2%，同比上升8.2个百分点。
    """
    for f in ctx.figures:
        if f.unit == "百分点":
            yield Outcome("MZ108", (f,), False, f"“{f.raw}”缺少量词，应写作“{f.raw[:-3]}个百分点”", stated=f.raw,
                          fix="points")
        elif f.unit == "个百分点":
            yield Outcome("MZ108", (f,))


@rule("MZ109", "hyphen-range", Severity.WARNING)
def hyphen_range(ctx: DocContext) -> Iterator[Outcome]:
    """A range written with a hyphen-minus: 4.5%-5%.

    What it checks: two rates joined into a range by "-" (4.5%-5%). Ages and spans of
    years (0-14岁, 3-5年) cannot be read as negative and are left alone.

    Why it matters: the hyphen-minus is also the minus sign: 4.5%-5% reads as 4.5 % and
    −5 %. Ranges in Chinese official text take a dash or a tilde (4.5%—5%, 4.5%～5%) or 至.

    Fails:
        地区生产总值年均增速4.5%-5%。

    Passes:
        地区生产总值年均增速4.5%—5%。
    """
    for f in ctx.figures:
        if f.kind != "range" or f.unit not in ("%", "‰"):
            continue                  # 0-14岁, 3-5年: an age or a span of years is never negative
        sep = re.search(r"\d%?(?P<sep>-)\d", f.raw)
        if sep:
            yield Outcome("MZ109", (f,), False,
                          f"范围“{f.raw}”用连字符“-”连接，易被读作负数，应写作“{f.raw.replace('-', '—', 1)}”",
                          stated=f.raw)
        else:
            yield Outcome("MZ109", (f,))


@rule("MZ105", "percent-for-points", Severity.WARNING)
def percent_for_points(ctx: DocContext) -> Iterator[Outcome]:
    """`%` is used where 个百分点 is meant.

    What it checks: a rate or share (…率, 比重, 占比, 增速) said to rise, fall, or be higher
    or lower than another by X%. The difference of two percentages is in 个百分点; "X%"
    would mean a relative change.

    Why it matters: 失业率下降0.5% means from 4.0 % to 3.98 %; 下降0.5个百分点 means to
    3.5 %. The reader cannot tell which was meant.

    Fails:
        城镇调查失业率比上年下降0.5%。

    Passes:
        城镇调查失业率比上年下降0.5个百分点。
        居民消费价格比上年上涨2.2%。
    """
    for f in ctx.figures:
        if f.unit not in ("%", "个百分点") or "missing-%" in f.flags:
            continue
        before = ctx.norm[max(0, f.start - 4):f.start]
        if not (_POINTS_CONTEXT.search(before) and _RATE_WORD.search(f.label)):
            continue
        if _NATURAL_RATE.search(f.label):
            continue      # 死亡率下降23.2%: a rate per people or per 亿元 changes relatively
        if f.unit == "个百分点":
            yield Outcome("MZ105", (f,))
            continue
        yield Outcome("MZ105", (f,), False,
                      f"“{f.label}”是比率，其变化应以“个百分点”表示，“{f.raw}”可能应为"
                      f"“{f.raw.rstrip('%').rstrip()}个百分点”", stated=f.raw, fix="points")


@rule("MZ106", "qualifier-pair", Severity.WARNING)
def qualifier_pair(ctx: DocContext) -> Iterator[Outcome]:
    """Two qualifiers on one figure that contradict (近…余) or repeat (超过…以上) each other.

    What it checks: a qualifier before the figure and one after it. Contradictory pairs
    (近3000余人: below and above 3000 at once) are warnings; redundant pairs (超过100人以上,
    约5%左右) are info.

    Why it matters: a contradictory pair leaves the figure without a meaning; a
    redundant one is a style slip an editor should fix.

    Fails:
        救助近3000余人。
        惠及超过100人以上。

    Passes:
        救助3000余人,惠及超过100人。
    """
    for f in ctx.figures:
        if "…" not in f.qualifier:
            continue
        pre, post = f.qualifier.split("…", 1)
        if (pre, post) in _CONTRADICTORY:
            yield Outcome("MZ106", (f,), False, f"“{f.raw}”中“{pre}”与“{post}”相互矛盾", stated=f.raw)
        elif (pre, post) in _REDUNDANT:
            yield Outcome("MZ106", (f,), False, f"“{f.raw}”中“{pre}”与“{post}”重复", Severity.INFO,
                          stated=f.raw)
