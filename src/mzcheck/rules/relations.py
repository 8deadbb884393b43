"""MZ3xx: relations stated in the prose — averages, shares, parts and totals, growth,
structure ratios, repeated mentions — recomputed with interval arithmetic.

Each finder reads one construction from the phrasebook (PHRASES.md) and hands the
figures to :func:`mzcheck.numbers.verdict.judge`; every relation it evaluates is an
outcome, passes included.
"""

from __future__ import annotations

import math
import re
from fractions import Fraction
from typing import Callable, Iterator, Sequence

from mzcheck.figures import Figure, format_decimal
from mzcheck.finding import Severity
from mzcheck.numbers import vocab
from mzcheck.numbers.interval import Interval, corners, total
from mzcheck.numbers.verdict import Judgement, Verdict, judge
from mzcheck.rules import lexicon
from mzcheck.rules.bounds import is_share
from mzcheck.rules.context import DocContext, Outcome
from mzcheck.rules.registry import rule
from mzcheck.rules.tables import table_changes, table_sums

#: Units that add up (not rates, shares or multiples).
NON_ADDITIVE = frozenset(vocab.PERCENT_UNITS + vocab.RATIO_UNITS + ("", "年", "岁", "周岁", "个月", "天", "小时", "周年"))
AVERAGE_WORDS = re.compile(r"人均|户均|平均|每人|每户|均")
MACRO_AVERAGE = re.compile(r"生产总值|收入|消费|支出水平|寿命|GDP|产值|住房面积|占有")
_SHARE_OF = re.compile(r"占(?P<whole>[^,。;:、占]{0,20}?)(?:的)?(?:比重|比例|份额)?(?:的)?(?:为|是|达|达到)?\Z")
_FROM_TO = re.compile(r"^(?P<verb>提高|增加|上调|增长|上升|扩大|提升|下降|降低|减少|下调|缩小|回落)(?:至|到|为)\Z")
_UP = {"提高", "增加", "上调", "增长", "上升", "扩大", "提升"}
_STRUCTURE = re.compile(r"结构|比例|之比")
_CHANGE_BEFORE = re.compile(r"(?:比上年|较上年|比去年|同比|比\S{0,6}年)\S{0,2}(?:净增|增加|减少|增长|下降|净减)(?:了)?\Z")
_RAISE = re.compile(r"募集|筹集|募捐|筹措|收到|接收")
_SPEND = re.compile(r"救助|支出|用于|发放|使用|资助|拨付")
_SECTORS = ("第一产业", "第二产业", "第三产业")


def _additive(f: Figure) -> bool:
    return f.unit not in NON_ADDITIVE and not f.per and f.kind in ("number", "range") \
        and not AVERAGE_WORDS.search(f.label)


def _label(f: Figure) -> str:
    return lexicon.canonical(f.label)


def _labels_match(a: str, b: str) -> bool:
    if not a or not b:
        return False
    return a == b or (min(len(a), len(b)) >= 2 and (a.endswith(b) or b.endswith(a)))


def _ratio(iv: Sequence[Interval]) -> Interval:
    return (iv[0] / iv[1]).scale(100).clamp(Fraction(0), Fraction(10**9))


def _in_units(value: Fraction, like: Figure) -> str:
    """A value in base units shown in the scale and unit of a stated figure (877.7469万元)."""
    scale = Fraction(vocab.scale_factor(like.scale))
    return f"{format_decimal(value / scale, max(4, like.decimals + 2))}{like.scale}{like.unit}"


def _show(f: Figure) -> str:
    """A figure as a term of arithmetic: 4627家, not 达4627家."""
    for q in ("达到", "达", "为"):
        if f.raw.startswith(q) and f.qualifier == q:
            return f.raw[len(q):]
    return f.raw


def _rounding_note(j: Judgement, rounded: str) -> str:
    """"；四舍五入应为X" when only reading the stated figure as truncated makes it agree."""
    return f"；四舍五入应为{rounded}" if j.verdict is Verdict.WARNING and "截断" in j.assumption else ""


def _round_to(value: Fraction, decimals: int) -> str:
    q = Fraction(10) ** decimals
    rounded = Fraction(math.floor(value * q + Fraction(1, 2))) / q
    return f"{float(rounded):.{decimals}f}" if decimals else str(rounded.numerator)


def _outcome(code: str, figs: tuple[Figure, ...], j: Judgement, computed: Interval | str, stated: str,
             message: Callable[[], str], error_severity: Severity | None = None) -> Outcome:
    if j.verdict is Verdict.CONSISTENT:
        return Outcome(code, figs, computed=str(computed), stated=stated)
    severity = Severity.WARNING if j.verdict is Verdict.WARNING else error_severity
    text = message()
    if j.assumption:
        head, sep, rounded = text.partition("；四舍五入应为")
        text = f"{head}；仅当{j.assumption}时一致" + (f"，四舍五入应为{rounded}" if sep else "")
    return Outcome(code, figs, False, text, severity, stated=stated, computed=str(computed), assumption=j.assumption)


def _before(ctx: DocContext, f: Figure, n: int = 30) -> str:
    return ctx.norm[max(0, f.start - n):f.start]


def _window(ctx: DocContext, f: Figure, sentences: int = 2, reach: int = 1500) -> list[Figure]:
    """Figures of the same paragraph from ``sentences`` full sentences back up to ``f``."""
    p_lo, _ = ctx.paragraph(f)
    lo = ctx.full_sentence(f)[0]
    for _ in range(sentences):
        if lo <= p_lo:
            break
        lo = max(p_lo, ctx.norm.rfind("。", max(0, lo - 2000), lo - 1) + 1, lo - 2000)
    return [g for g in ctx.figures_in(max(lo, f.start - reach), f.start) if g.end <= f.start]


# --------------------------------------------------------------------------- MZ301
@rule("MZ301", "average-mismatch", Severity.ERROR)
def average_mismatch(ctx: DocContext) -> Iterator[Outcome]:
    """A stated average is not the total divided by the count.

    What it checks: 人均/户均/平均 Z beside a total T and a count N stated just before it
    (same paragraph, up to two sentences back): T ÷ N must meet Z, every figure read as
    its interval (约9000人次 is [8950, 9050]). Per-month averages are only compared with
    counts of 人次, which already are person-months. Macro averages (人均生产总值, 人均
    收入) divide by a population the text rarely states and are left alone.

    Why it matters: an average that does not follow from its own total and count means
    one of the three figures is wrong.

    Fails:
        全年共计实施临时救助约9000人次,支出约1214.74万元;人均救助额约1100元。

    Passes:
        全年共计实施临时救助约9000人次,支出约1000万元;人均救助额约1100元。
    """
    for avg in ctx.figures:
        if not AVERAGE_WORDS.search(avg.label) or MACRO_AVERAGE.search(avg.label):
            continue
        if avg.unit in NON_ADDITIVE or avg.kind != "number":
            continue
        prior = _window(ctx, avg)
        counts = [f for f in prior if f.unit in ("人", "人次", "户", "名", "户次") and f.kind == "number"]
        totals = [f for f in prior if f.unit == avg.unit and not f.per and not AVERAGE_WORDS.search(f.label)]
        if not counts or not totals:
            continue
        count, amount = counts[-1], totals[-1]
        if avg.per and ("月" in avg.per or "年" in avg.per) and count.unit != "人次":
            continue
        rc, ra, rv = ctx.reading(count), ctx.reading(amount), ctx.reading(avg)
        if rc.strict.lo <= 0:
            continue
        computed = ra.strict / rc.strict
        j = judge([ra, rc, rv], lambda iv: (iv[0] / iv[1]).meets(iv[2]))
        yield _outcome("MZ301", (amount, count, avg), j, computed, avg.raw,
                       lambda: f"平均数不符：{_show(amount)} ÷ {_show(count)} = {computed}，"
                               f"与“{avg.label}{avg.raw}”（{rv.strict}）不一致")


# --------------------------------------------------------------------------- MZ302 / MZ309
def _split_subjects(subject: str, k: int) -> list[str] | None:
    """第一、第二和第三产业增加值 → three labels sharing the last item's tail."""
    items = [s for s in re.split(r"[、和及与]", subject) if s]
    if len(items) != k:
        return None
    tail_len = max(0, len(items[-1]) - max(len(s) for s in items[:-1]))
    tail = items[-1][len(items[-1]) - tail_len:] if tail_len else ""
    return [s if s.endswith(tail) else s + tail for s in items[:-1]] + [items[-1]]


def _share_parts(ctx: DocContext, share: Figure) -> tuple[str, str]:
    """(subject X, whole Y) of 'X占Y(的)比重…p%' or 'X占比p%'."""
    lo = max(ctx.full_sentence(share)[0], share.start - 300)
    before = ctx.norm[lo:share.start]
    # strip the share's own qualifier and the enumerating 分别
    before = re.sub(r"(?:分别为|分别是|分别达|分别|为|达到|达|约|近|超过|超)+\Z", "", before)
    if re.search(r"(?:占比|比重|比例)\Z", before) and not re.search(r"占[^,;:。、]*(?:比重|比例)\Z", before):
        subject = re.split(r"[,;:。、]", before[:-2])[-1]
        return lexicon.canonical(subject), ""
    m = _SHARE_OF.search(before)
    if m:
        head = before[:m.start()]
        subject = re.split(r"[,;:。]", head)[-1]
        return lexicon.canonical(subject), lexicon.canonical(m.group("whole"))
    return "", ""


def _find_whole(ctx: DocContext, share: Figure, part: Figure | None, whole_name: str, subject: str) -> Figure | None:
    candidates = [f for f in ctx.near(share, 2000, 600) if f is not share and _additive(f)
                  and (part is None or (f.unit == part.unit and f is not part and f.value > part.value))]
    if whole_name:
        name = re.sub(r"^(?:全县|全市|全省|全区|全国|当年|全年)", "", whole_name)
        scored = []
        for f in candidates:
            suffix = len(lexicon.common_suffix(_label(f), name))
            if suffix < 2 or suffix < min(3, len(name)):
                continue
            covered = sum(1 for c in set(name) if c in _label(f))
            scored.append(((covered, suffix, f.start < share.start, -abs(f.start - share.start)), f))
        return max(scored, key=lambda s: s[0])[1] if scored else None
    if not subject:
        return None
    best = None
    for f in candidates:
        head = lexicon.common_suffix(_label(f), subject)
        rest = _label(f)[:len(_label(f)) - len(head)]
        if len(head) >= 2 and (not rest or rest.endswith("的") or lexicon.GENERAL_PREFIX.match(rest)):
            if best is None or abs(f.start - share.start) < abs(best.start - share.start):
                best = f
    return best


def _find_part(ctx: DocContext, share: Figure, subject: str) -> Figure | None:
    prior = [f for f in _window(ctx, share, 3, reach=1500) if _additive(f)]
    if subject:
        named = [f for f in prior if _labels_match(_label(f), subject)]
        return named[-1] if named else None
    return prior[-1] if prior else None


def _share_pairs(ctx: DocContext) -> Iterator[tuple[Figure, Figure | None, Figure | None]]:
    done: set[str] = set()
    for share in ctx.figures:
        if share.figure_id in done or not is_share(share) or share.kind != "number":
            continue
        subject, whole_name = _share_parts(ctx, share)
        if not subject and not whole_name and "占" not in share.label:
            continue
        group = ctx.groups.get(share.group, [share]) if share.group else [share]
        subjects = _split_subjects(subject, len(group)) if len(group) > 1 else [subject]
        if subjects is None:
            continue
        for item, name in zip(group, subjects):
            done.add(item.figure_id)
            part = _find_part(ctx, item, name)
            whole = _find_whole(ctx, item, part, whole_name, name)
            yield item, part, whole


@rule("MZ302", "share-mismatch", Severity.ERROR)
def share_mismatch(ctx: DocContext) -> Iterator[Outcome]:
    """A stated share is not the part divided by the whole.

    What it checks: 占比 p%, 占…比重 p%, 占…的 p% with the part and the whole both stated
    (the part before the share, the whole named after 占 or a more general label of the
    same thing): 100 × part ÷ whole must meet p. When only truncation explains p, the
    finding says so and gives the rounded value.

    Why it matters: 1971 of 4627 is 42.5978 %: published as 42.59 it was cut, not
    rounded (42.60); a larger gap means a wrong part, whole or share.

    Fails:
        社会组织达4627家,等级社会组织1971家,等级社会组织占比45.2%。

    Passes:
        社会组织达4627家,等级社会组织1971家,等级社会组织占比42.6%。
        畜牧业产值达26055万元,占农业总产值比重的35.8%。农林牧渔业总产值72776万元。
    """
    for share, part, whole in ctx.derived(_share_pairs):
        if part is None or whole is None:
            continue
        rp, rw, rs = ctx.reading(part), ctx.reading(whole), ctx.reading(share)
        if rw.strict.lo <= 0:
            continue
        computed = _ratio([rp.strict, rw.strict])
        j = judge([rp, rw, rs], lambda iv: _ratio(iv[:2]).meets(iv[2]))
        exact = Fraction(100) * part.value / whole.value

        yield _outcome("MZ302", (part, whole, share), j, computed, share.raw,
                       lambda: f"占比不符：{_show(part)} ÷ {_show(whole)} = {format_decimal(exact)}%，"
                               f"所述“{share.label}”为{share.raw}"
                               + _rounding_note(j, _round_to(exact, share.decimals)))


@rule("MZ309", "grim-impossible-share", Severity.ERROR)
def grim_impossible_share(ctx: DocContext) -> Iterator[Outcome]:
    """A share of a whole count that no whole number of parts can give (GRIM).

    What it checks: a share p% of an integer base n whose part is not stated: some
    integer k must give 100·k/n within the share's interval. Useful while n < 10^(d+2)
    for d decimals; for larger bases every share is reachable and nothing is checked.

    Why it matters: 42.59 % of 4627 organisations is impossible: 1970 give 42.576 %,
    1971 give 42.598 %. The share, the base or the rounding is wrong.

    Fails:
        全市注册登记的社会组织达4627家,其中等级社会组织占比42.59%。

    Passes:
        全市注册登记的社会组织达4627家,其中等级社会组织占比42.60%。
    """
    for share, part, whole in ctx.derived(_share_pairs):
        if part is not None or whole is None or whole.unit not in vocab.COUNT_UNITS:
            continue
        rw = ctx.reading(whole)
        if not rw.exact or whole.value <= 0 or whole.value >= 10 ** (share.decimals + 2):
            continue
        n = whole.value
        rs = ctx.reading(share)

        def reachable(iv: Interval) -> bool:
            k_lo = math.ceil(iv.lo * n / 100)
            k_hi = math.floor((iv.hi if iv.bounded else Fraction(100)) * n / 100)
            return any(iv.contains(Fraction(100 * k) / n) for k in range(max(k_lo, 0), k_hi + 1))

        j = judge([rs], lambda iv: reachable(iv[0]))
        near = [Fraction(100 * k) / n for k in (math.floor(share.value * n / 100), math.ceil(share.value * n / 100))]
        yield _outcome("MZ309", (whole, share), j, rs.strict, share.raw,
                       lambda: f"{whole.raw}的{share.raw}无法由整数得到：最接近的是"
                               f"{'、'.join(format_decimal(x) + '%' for x in dict.fromkeys(near))}")


# --------------------------------------------------------------------------- MZ303 / MZ304
def _full_sentence_figs(ctx: DocContext, lo: int, hi: int) -> list[Figure]:
    return [f for f in ctx.figures_in(lo, hi) if f.end <= hi]


def _choose_total(totals: list[Figure], parts: list[Figure]) -> Figure:
    if len(totals) == 1:
        return totals[0]
    common = _label(parts[0])
    for p in parts[1:]:
        common = lexicon.common_suffix(common, _label(p))
    return max(totals, key=lambda t: (len(lexicon.common_suffix(_label(t), common)), t.start))


def _sum_check(ctx: DocContext, whole: Figure, parts: list[Figure], exhaustive: bool) -> Outcome:
    readings = [ctx.reading(p) for p in parts] + [ctx.reading(whole)]
    computed = total([r.strict for r in readings[:-1]])
    j = judge(readings, lambda iv: total(iv[:-1]).meets(iv[-1]))
    exact = sum((p.value for p in parts), Fraction(0))
    names = " + ".join(_show(p) for p in parts)
    if j.verdict is Verdict.ERROR and not exhaustive:
        # a 其中 list that is not known to be exhaustive only claims parts ≤ whole
        le = judge(readings, lambda iv: total(iv[:-1]).le(iv[-1]))
        return _outcome("MZ304", (whole, *parts), le, computed, whole.raw,
                        lambda: f"分项之和超过总数：{names} = {_in_units(exact, whole)}，大于{whole.raw}",
                        Severity.WARNING)
    scale = Fraction(vocab.scale_factor(whole.scale))

    return _outcome("MZ303", (whole, *parts), j, computed, whole.raw,
                    lambda: f"分项之和与总数不符：{names} = {_in_units(exact, whole)}，所述总数{whole.raw}"
                            f"（相差{_in_units(abs(exact - whole.value), whole)}）"
                            + _rounding_note(j, f"{_round_to(exact / scale, whole.decimals)}{whole.scale}{whole.unit}"),
                    None if exhaustive else Severity.WARNING)


def _qizhong_blocks(ctx: DocContext) -> Iterator[tuple[list[Figure], list[Figure]]]:
    for m in re.finditer(r"其中", ctx.norm):
        lo = max(ctx.norm.rfind("。", max(0, m.start() - 1500), m.start()),
                 ctx.norm.rfind("\n", max(0, m.start() - 1500), m.start()), m.start() - 1500) + 1
        ends = [i for i in (ctx.norm.find("。", m.end(), m.end() + 1500), ctx.norm.find("\n", m.end(), m.end() + 1500))
                if i >= 0]
        hi = min(ends) if ends else min(len(ctx.norm), m.end() + 1500)
        totals = _full_sentence_figs(ctx, max(lo, 0), m.start())
        if not totals and lo > 0:
            prev_lo = max(ctx.norm.rfind("。", max(0, lo - 1500), lo - 1),
                          ctx.norm.rfind("\n", max(0, lo - 1500), lo - 1), lo - 1500) + 1
            totals = _full_sentence_figs(ctx, max(prev_lo, 0), lo)
        parts = _full_sentence_figs(ctx, m.end(), hi)
        if totals and parts:
            yield totals, parts


_URBAN_RURAL = (("城市", "农村"), ("城镇", "乡村"), ("城镇", "农村"))


def _urban_rural(ctx: DocContext) -> Iterator[tuple[Figure, list[Figure]]]:
    """城市X a, 农村X b and 城乡X (or X) c in one paragraph: a + b = c.

    Only when each of the three is the single figure of its kind and unit in the
    paragraph, so that parallel lists (新增, 退出 …) never pair across.
    """
    paragraphs: dict[tuple[int, int], list[Figure]] = {}
    for f in ctx.figures:
        if _additive(f):
            paragraphs.setdefault(ctx.paragraph(f), []).append(f)
    for figs in paragraphs.values():
        if len(figs) > 2000:
            continue   # not prose: a flattened dump; pairing across it would only guess
        for city, rural in _URBAN_RURAL:
            by_rest: dict[tuple[str, str, str], list[Figure]] = {}
            for f in figs:
                label = _label(f)
                for prefix in (city, rural):
                    if label.startswith(prefix) and len(label) > len(prefix):
                        by_rest.setdefault((prefix, label[len(prefix):], f.unit), []).append(f)
            for (prefix, rest, unit), items in by_rest.items():
                if prefix != city or len(items) != 1:
                    continue
                others = by_rest.get((rural, rest, unit), [])
                wholes = [f for f in figs if f.unit == unit and _label(f) in (f"城乡{rest}", rest)]
                if len(others) == 1 and len(wholes) == 1:
                    yield wholes[0], [items[0], others[0]]


def _parts_and_totals(ctx: DocContext) -> Iterator[tuple[Figure, list[Figure], bool]]:
    seen: set[tuple[str, ...]] = set()
    for totals, parts in _qizhong_blocks(ctx):
        for unit in dict.fromkeys(p.unit for p in parts):
            us = [p for p in parts if p.unit == unit and _additive(p)]
            ts = [t for t in totals if t.unit == unit and _additive(t)]
            if not us or not ts:
                continue
            whole = _choose_total(ts, us)
            key = (whole.figure_id, *(p.figure_id for p in us))
            if key in seen:
                continue
            seen.add(key)
            exhaustive = len(us) > 1 and lexicon.partition_of([p.label for p in us]) is not None
            yield whole, us, exhaustive
    # 城市 + 农村 (城镇 + 乡村) and their whole, wherever they stand in one paragraph
    for whole, parts in _urban_rural(ctx):
        key = (whole.figure_id, *(p.figure_id for p in parts))
        if key not in seen:
            seen.add(key)
            yield whole, parts, True
    # the three sectors and the whole economy, wherever they stand in one paragraph
    for f in ctx.figures:
        if "生产总值" not in _label(f) or AVERAGE_WORDS.search(f.label) or not _additive(f):
            continue
        nearby = ctx.near(f)
        sectors = []
        for name in _SECTORS:
            found = [g for g in nearby if g.unit == f.unit and _label(g).startswith(name) and _additive(g)]
            if len(found) == 1:
                sectors.append(found[0])
        key = (f.figure_id, *(s.figure_id for s in sectors))
        if len(sectors) == 3 and key not in seen:
            seen.add(key)
            yield f, sectors, True


def _sum_outcomes(ctx: DocContext) -> Iterator[Outcome]:
    """Every list of two or more parts judged once against its total: MZ303 when it
    must add up (or does), MZ304 when a selection's parts exceed the total."""
    for whole, parts, exhaustive in ctx.derived(_parts_and_totals):
        if len(parts) >= 2:
            yield _sum_check(ctx, whole, parts, exhaustive)


@rule("MZ303", "parts-total-mismatch", Severity.ERROR)
def parts_total_mismatch(ctx: DocContext) -> Iterator[Outcome]:
    """Parts that should add up to their total do not.

    What it checks: a total followed by 其中 and two or more parts of the same unit
    (城市低保6195户…农村低保7840户 under 14035户), and 第一/第二/第三产业 under 生产总值.
    Known partitions (城市+农村, 城镇+乡村, the three sectors, 夏粮+秋粮) must add up
    within rounding, else error. Other 其中 lists are checked for equality only as far
    as it can be true: a sum within rounding passes, a sum that meets only when the
    total was truncated is a warning, a sum below the total is a selection (fine).

    In statistics tables: numbered children (1. 2. 3. under (一), A B, I II) must add
    up to their parent, and the rows before a 合计/总计 row to that row, in every value
    column (本期, 上期). An empty cell is not a zero: it stands for some non-negative
    value, so a sum that already exceeds its parent is an error and one that falls
    short is not.

    Why it matters: a total that its own parts contradict is the commonest slip in
    published tables and summaries.

    Fails:
        全市14035户享受城乡低保,其中城市低保6195户,农村低保7800户。
        全市城市低保对象12533人,农村低保对象13026人,城乡低保对象25000人。
        | 指标名称 | 单位 | 数量 | 上期 |\\n| 乡镇级合计 | 个 | 1,107 | 1,107 |\\n| 1.镇 | 个 | 653 | 653 |\\n| 2.乡 | 个 | 251 | 270 |\\n| 3.民族乡 | 个 | 19 | 19 |\\n| 4.苏木 | 个 | | |\\n| 5.街道 | 个 | 184 | 184 |

    Passes:
        全市14035户享受城乡低保,其中城市低保6195户,农村低保7840户。
        全市城市低保对象12533人,农村低保对象13026人,城乡低保对象25559人。
        | 指标名称 | 单位 | 数量 | 上期 |\\n| 乡镇级合计 | 个 | 1,107 | 1,126 |\\n| 1.镇 | 个 | 653 | 653 |\\n| 2.乡 | 个 | 251 | 270 |\\n| 3.民族乡 | 个 | 19 | 19 |\\n| 4.苏木 | 个 | | |\\n| 5.街道 | 个 | 184 | 184 |
    """
    for outcome in ctx.derived(_sum_outcomes):
        if outcome.code == "MZ303":
            yield outcome
    for _, _, _, outcome in ctx.derived(table_sums):
        if outcome.code == "MZ303":
            yield outcome


def _general_pairs(ctx: DocContext) -> Iterator[tuple[Figure, Figure]]:
    """(part, whole): 网络募捐善款 within 各类善款, same unit, same paragraph."""
    for whole in ctx.figures:
        if not _additive(whole):
            continue
        wl = _label(whole)
        head_rest = lexicon.GENERAL_PREFIX.match(wl)
        if not head_rest:
            continue
        head = wl[head_rest.end():]
        if len(head) < 2:
            continue
        for part in ctx.near(whole):
            if part is whole or part.unit != whole.unit or not _additive(part):
                continue
            pl = _label(part)
            if pl.endswith(head) and len(pl) > len(head) and not lexicon.GENERAL_PREFIX.match(pl):
                yield part, whole


@rule("MZ304", "part-exceeds-whole", Severity.ERROR)
def part_exceeds_whole(ctx: DocContext) -> Iterator[Outcome]:
    """A part is larger than the whole it belongs to.

    What it checks: one item after 其中 against the total before it; a specific label
    against the general label of the same thing in the paragraph (网络募捐善款 within 各类
    善款); and the parts of a 其中 list that is not known to be exhaustive, whose sum may
    fall short of the total but must not exceed it (a warning: the parts may overlap).

    Why it matters: a part above its whole means one of them is wrong or they measure
    different things under one name.

    In tables: a 其中/# row, an un-numbered row under a numbered one, and indented rows
    without numbering are parts of the row above; their sum must not exceed it.

    Fails:
        全年募集各类善款3000万元,全市网络募捐善款3477.9万元。
        全市现有农村五保对象1675人,其中集中供养1839人。
        指标名称单位数量\\n  1.提供住宿的民政机构   617\\n        养老机构586\\n        精神疾病服务机构1\\n        其他提供住宿机构119

    Passes:
        全年募集各类善款超3.1亿元,全市网络募捐善款3477.9万元。
        全市现有农村五保对象1675人,其中集中供养839人。
        指标名称单位数量\\n  1.提供住宿的民政机构   617\\n        养老机构586\\n        精神疾病服务机构1\\n        其他提供住宿机构19
    """
    for whole, parts, exhaustive in ctx.derived(_parts_and_totals):
        if len(parts) == 1:
            (part,) = parts
            rp, rw = ctx.reading(part), ctx.reading(whole)
            j = judge([rp, rw], lambda iv: iv[0].le(iv[1]))
            yield _outcome("MZ304", (part, whole), j, rp.strict, part.raw,
                           lambda: f"部分大于总体：其中“{part.label}”{part.raw}大于总数{whole.raw}")
    for outcome in ctx.derived(_sum_outcomes):
        if outcome.code == "MZ304":   # a 其中 list whose parts exceed the total
            yield outcome
    for part, whole in _general_pairs(ctx):
        rp, rw = ctx.reading(part), ctx.reading(whole)
        j = judge([rp, rw], lambda iv: iv[0].le(iv[1]))
        yield _outcome("MZ304", (part, whole), j, rp.strict, part.raw,
                       lambda: f"部分大于总体：“{part.label}”{part.raw}大于“{whole.label}”{whole.raw}")
    for _, _, _, outcome in ctx.derived(table_sums):
        if outcome.code == "MZ304":
            yield outcome


# --------------------------------------------------------------------------- MZ305 / MZ307
def _level_change_rate(ctx: DocContext) -> Iterator[tuple[Figure, Figure, Figure]]:
    for sentence in ctx.by_sentence.values():
        for i, change in enumerate(sentence):
            if not change.direction or not _additive(change) or i == 0:
                continue
            if not _CHANGE_BEFORE.search(_before(ctx, change, 12)):
                continue
            level = sentence[i - 1]
            if level.unit != change.unit or not _additive(level):
                continue
            rate = next((f for f in sentence[i + 1:i + 2] if f.unit == "%" and f.direction), None)
            if rate is not None:
                yield level, change, rate


def _from_to_pairs(ctx: DocContext) -> Iterator[tuple[Figure, Figure, str]]:
    """由/从 A 提高(下降…)至 B: (A, B, verb)."""
    figs = ctx.figures
    for a, b in zip(figs, figs[1:]):
        m = _FROM_TO.match(ctx.text_between(a, b))
        if not m or a.unit != b.unit or a.unit == "":
            continue
        if re.search(r"(?:由|从)(?:每\S{1,3}|年标准|月标准|标准)?\Z", _before(ctx, a, 8)):
            yield a, b, m.group("verb")


_STATED_CHANGE = re.compile(r"^[,，]?\s?(?:增长|提高|上升|增加|上调|下降|降低|减少|下调|回落|增幅|降幅)(?:了|为|达)?\Z")


def _from_to_with_change(ctx: DocContext) -> Iterator[tuple[Figure, Figure, Figure]]:
    """由A提高至B, 增长g% / 提高了N元 / 增长N倍: the change stated right after B."""
    index = {f.figure_id: i for i, f in enumerate(ctx.figures)}
    for a, b, _ in _from_to_pairs(ctx):
        i = index[b.figure_id]
        if i + 1 >= len(ctx.figures):
            continue
        change = ctx.figures[i + 1]
        if change.sentence_id != b.sentence_id or not _STATED_CHANGE.match(ctx.text_between(b, change)):
            continue
        if change.unit in ("%", "倍") or (change.unit == b.unit and _additive(change)):
            yield a, b, change


def _check_from_to_change(ctx: DocContext, a: Figure, b: Figure, change: Figure) -> Outcome:
    ra, rb, rc = ctx.reading(a), ctx.reading(b), ctx.reading(change)
    figs = (a, b, change)
    if change.unit == b.unit:  # 提高了N: N = B − A
        computed = rb.strict - ra.strict
        down = b.value < a.value
        j = judge([ra, rb, rc], lambda iv: (iv[0] - iv[1] if down else iv[1] - iv[0]).meets(iv[2]))
        return _outcome("MZ305", figs, j, computed, change.raw,
                        lambda: f"变化量不符：{_show(b)} − {_show(a)} = {format_decimal(b.value - a.value)}，"
                                f"所述变化为{change.raw}")
    if ra.strict.lo <= 0:
        return Outcome("MZ305", figs)
    if change.unit == "%":
        sign = -1 if change.direction == "down" else 1
        rate = lambda x, y: Fraction(100) * (y / x - 1) * sign  # noqa: E731
        computed = corners(rate, ra.strict, rb.strict)
        j = judge([ra, rb, rc], lambda iv: not (iv[0].bounded and iv[1].bounded)
                  or corners(rate, iv[0], iv[1]).meets(iv[2]))
        exact = rate(a.value, b.value)
        return _outcome("MZ305", figs, j, computed, change.raw,
                        lambda: f"增长率不符：由{_show(a)}至{_show(b)}，变化为{format_decimal(exact)}%，"
                                f"所述为{change.raw}")
    # 增长N倍 (GB/T 15835): new = old × (1 + N); "是原来的N倍" would be new = old × N
    times = lambda x, y: y / x - 1  # noqa: E731
    computed = corners(times, ra.strict, rb.strict)
    j = judge([ra, rb, rc], lambda iv: corners(times, iv[0], iv[1]).meets(iv[2]))
    if j.verdict is not Verdict.CONSISTENT:
        other = judge([ra, rb, rc], lambda iv: corners(lambda x, y: y / x, iv[0], iv[1]).meets(iv[2]))
        if other.verdict is not Verdict.ERROR:
            return Outcome("MZ305", figs, False,
                           f"“增长{change.raw}”按标准（GB/T 15835）指增加到原来的{format_decimal(change.value + 1)}倍；"
                           f"由{_show(a)}至{_show(b)}是原来的{format_decimal(b.value / a.value)}倍，"
                           f"仅当“增长N倍”指“是原来的N倍”时一致", Severity.WARNING, stated=change.raw,
                           computed=str(computed), assumption="“增长N倍”指“是原来的N倍”")
    return _outcome("MZ305", figs, j, computed, change.raw,
                    lambda: f"倍数不符：由{_show(a)}至{_show(b)}，增长{format_decimal(b.value / a.value - 1)}倍，"
                            f"所述为增长{change.raw}")


@rule("MZ305", "growth-mismatch", Severity.ERROR)
def growth_mismatch(ctx: DocContext) -> Iterator[Outcome]:
    """A growth rate that does not follow from the level and the change stated with it.

    What it checks: "X 99699吨, 比上年净增4408吨, 增长4.6%": last year's level is 99699 −
    4408, so the rate must be 100 × 4408 ÷ 95291. The level and the change occur twice
    in the formula, so the range is taken at the corners of their box, not by naive
    interval rules.

    Why it matters: a rate that contradicts its own level and change means one of the
    three was updated and the others were not.

    Also "由A提高至B，增长g%" (g = 100 × (B ÷ A − 1)), "由A提高至B，提高了N" (N = B − A) and
    "由A增长至B，增长N倍" (B = A × (1 + N) by GB/T 15835; when only B = A × N fits, the
    finding is a warning naming that reading). In tables, every 环比/同比 cell against
    its row's 本期 and 上期: 100 × (本期 ÷ 上期 − 1) within the cells' rounding.

    Fails:
        全年粮食总产量99699吨,比上年净增4408吨,增长6.6%。
        补贴标准由每人每月2070元提高至2200元,增长8.3%。
        补贴标准由每人每月2070元提高至2200元,提高了150元。
        床位数由100张增加到300张,增长3倍。
        | 指标名称 | 单位 | 本期 | 上期 | 环比 |\\n| 孤儿数 | 人 | 3,280 | 3,359 | -2.53 |

    Passes:
        全年粮食总产量99699吨,比上年净增4408吨,增长4.6%。
        补贴标准由每人每月2070元提高至2200元,增长6.3%。
        补贴标准由每人每月2070元提高至2200元,提高了130元。
        床位数由100张增加到300张,增长2倍。
        | 指标名称 | 单位 | 本期 | 上期 | 环比 |\\n| 孤儿数 | 人 | 3,280 | 3,359 | -2.35 |
    """
    for level, change, rate in _level_change_rate(ctx):
        sign = 1 if change.direction == "up" else -1
        if rate.direction and (rate.direction == "up") != (sign == 1):
            yield Outcome("MZ305", (level, change, rate), False,
                          f"增减方向矛盾：{change.raw}为{'增加' if sign == 1 else '减少'}，增长率却为{rate.raw}"
                          f"{'下降' if rate.direction == 'down' else '增长'}", stated=rate.raw)
            continue
        rl, rc, rr = ctx.reading(level), ctx.reading(change), ctx.reading(rate)
        if not (rl.strict.bounded and rc.strict.bounded):
            continue

        def growth(lv: Fraction, ch: Fraction) -> Fraction:
            old = lv - sign * ch
            return Fraction(100) * ch / old if old > 0 else Fraction(10**9)

        if (rl.strict.lo - sign * rc.strict.hi) <= 0 or (rl.lenient.lo - sign * rc.lenient.hi) <= 0:
            continue
        computed = corners(growth, rl.strict, rc.strict)

        def holds(iv: Sequence[Interval]) -> bool:
            if not (iv[0].bounded and iv[1].bounded):
                return True
            return corners(growth, iv[0], iv[1]).meets(iv[2])

        j = judge([rl, rc, rr], holds)
        exact = growth(level.value, change.value)
        yield _outcome("MZ305", (level, change, rate), j, computed, rate.raw,
                       lambda: f"增长率不符：{_show(change)} ÷ ({_show(level)} {'−' if sign == 1 else '+'} {_show(change)}) = "
                               f"{format_decimal(exact)}%，所述为{rate.raw}")
    for a, b, change in _from_to_with_change(ctx):
        yield _check_from_to_change(ctx, a, b, change)
    for _, outcome in ctx.derived(table_changes):
        yield outcome


@rule("MZ307", "change-direction-contradiction", Severity.ERROR)
def change_direction_contradiction(ctx: DocContext) -> Iterator[Outcome]:
    """由A提高至B with B not above A (or 下降至 with B not below A).

    What it checks: "由/从 A 提高(增加、上调)至 B" needs B > A; "由 A 下降(降低、减少)至 B"
    needs B < A; both read as intervals of the same unit.

    Why it matters: a standard said to rise that falls is either a typing error in one
    of the values or the wrong verb.

    Fails:
        散居孤儿基本生活费补贴标准由每人每月2200元提高至2070元。

    Passes:
        散居孤儿基本生活费补贴标准由每人每月2070元提高至2200元。
        农村低保标准从年标准1680元提高到2760元。
    """
    for a, b, verb in _from_to_pairs(ctx):
        up = verb in _UP
        ra, rb = ctx.reading(a), ctx.reading(b)
        if up:
            j = judge([ra, rb], lambda iv: iv[0].le(iv[1]) and not (iv[0].lo == iv[0].hi == iv[1].lo == iv[1].hi))
        else:
            j = judge([rb, ra], lambda iv: iv[0].le(iv[1]) and not (iv[0].lo == iv[0].hi == iv[1].lo == iv[1].hi))
        yield _outcome("MZ307", (a, b), j, f"{a.raw} → {b.raw}", b.raw,
                       lambda: f"变化方向矛盾：由{a.raw}“{verb}”至{b.raw}，"
                               f"数值却{'未增加' if up else '未减少'}")


# --------------------------------------------------------------------------- MZ306
@rule("MZ306", "structure-ratio-mismatch", Severity.ERROR)
def structure_ratio_mismatch(ctx: DocContext) -> Iterator[Outcome]:
    """A structure ratio a:b:c that does not sum to 100 or does not match its shares.

    What it checks: 三次产业结构(比例)为a:b:c — the parts must sum to 100 within
    rounding, and where the three sector values and the whole economy stand in the same
    paragraph, each part must match 100 × sector ÷ total.

    Why it matters: the structure is usually recomputed by hand from the sector values;
    a stale or mistyped part shows up here.

    Fails:
        三次产业结构比例为6.01:55.04:36.95。

    Passes:
        三次产业结构比例为6.01:55.04:38.95。
    """
    groups: dict[int, list[Figure]] = {}
    for f in ctx.figures:
        if f.kind == "ratio":
            groups.setdefault(f.group, []).append(f)
    for parts in groups.values():
        lo, hi = ctx.full_sentence(parts[0])
        if len(parts) < 2 or not _STRUCTURE.search(ctx.norm, lo, parts[0].start):
            continue
        readings = [ctx.reading(p) for p in parts]
        exact_sum = sum((p.value for p in parts), Fraction(0))
        if not (90 <= exact_sum <= 110):
            continue  # a ratio such as 1:2:3, not percentages
        hundred = Interval.point(100)
        j = judge(readings, lambda iv: total(iv).meets(hundred))
        yield _outcome("MZ306", tuple(parts), j, total([r.strict for r in readings]), "100",
                       lambda: f"结构比例之和为{format_decimal(exact_sum)}，不等于100："
                               f"{':'.join(p.raw for p in parts)}")
        if len(parts) != 3:
            continue
        nearby = ctx.near(parts[0])
        gdp = [f for f in nearby if "生产总值" in _label(f) and _additive(f)]
        sectors = []
        for name in _SECTORS:
            found = [g for g in nearby if _label(g).startswith(name) and _additive(g)]
            sectors.append(found[0] if len(found) == 1 else None)
        if len(gdp) < 1 or None in sectors:
            continue
        whole = gdp[0]
        rw = ctx.reading(whole)
        for part, sector in zip(parts, sectors):
            rs, rp = ctx.reading(sector), ctx.reading(part)
            j = judge([rs, rw, rp], lambda iv: _ratio(iv[:2]).meets(iv[2]))
            exact = Fraction(100) * sector.value / whole.value
            yield _outcome("MZ306", (sector, whole, part), j, _ratio([rs.strict, rw.strict]), part.raw,
                           lambda: f"结构比例与产业数值不符：{_show(sector)} ÷ {_show(whole)} = "
                                   f"{format_decimal(exact)}，结构中为{part.raw}")


# --------------------------------------------------------------------------- MZ308 / MZ401
_TOPIC_LEAD = re.compile(r"^(?:其中|全市|全省|全县|全区|全年|目前|截至目前|同时|另外|此外|并|共有|现有|共)+")


def _mention_key(ctx: DocContext, f: Figure) -> tuple[str, str]:
    """(sentence topic, clause label as written) — parallel items differ in one of them.

    The topic is what the sentence opens with (保华镇…, 大河镇…); the clause label keeps
    the verbs that the figure label drops (城市低保新增276户 is not 城市低保6195户).
    """
    lo, _ = ctx.sentences[f.sentence_id - 1]
    first = ctx.by_sentence[f.sentence_id][0]
    topic = re.split(r"[,:、(]", ctx.norm[lo:first.start].strip())[-1]
    topic = lexicon.canonical(_TOPIC_LEAD.sub("", topic))
    clause_lo = max(lo, max((ctx.norm.rfind(c, lo, f.start) for c in ",:、;"), default=-1) + 1)
    prev = [g.end for g in ctx.by_sentence[f.sentence_id] if g.end <= f.start]
    clause_lo = max([clause_lo, *prev])
    clause = lexicon.canonical(_TOPIC_LEAD.sub("", ctx.norm[clause_lo:f.start].strip()))
    return topic, clause


def _same_quantity_pairs(ctx: DocContext) -> Iterator[tuple[Figure, Figure]]:
    by_key: dict[tuple[str, ...], list[Figure]] = {}
    for f in ctx.figures:
        label = _label(f)
        if len(label) < 4 or f.kind != "number" or f.direction or f.group or AVERAGE_WORDS.search(label):
            continue
        key = (label, *_mention_key(ctx, f), f.unit, f.per, f.period)
        by_key.setdefault(key, []).append(f)
    for figs in by_key.values():
        for a, b in zip(figs, figs[1:]):
            if a.sentence_id != b.sentence_id and ctx.paragraph(a) == ctx.paragraph(b):
                yield a, b


@rule("MZ308", "mentions-disagree", Severity.WARNING)
def mentions_disagree(ctx: DocContext) -> Iterator[Outcome]:
    """The same quantity, mentioned twice in a passage, with values that cannot both hold.

    What it checks: two figures in one paragraph with the same label (after the lexicon
    links 最低生活保障 = 低保 and the like), unit and period, whose intervals do not meet.

    Why it matters: a figure corrected in one place and not the other leaves the reader
    to guess which is true.

    Fails:
        全市共有儿童主任1929名。据统计,全市共有儿童主任1992名。

    Passes:
        全市共有儿童主任1929名。据统计,全市共有儿童主任1929名。
    """
    for a, b in ctx.derived(_same_quantity_pairs):
        ra, rb = ctx.reading(a), ctx.reading(b)
        j = judge([ra, rb], lambda iv: iv[0].meets(iv[1]))
        if j.verdict is not Verdict.CONSISTENT and _scale_slip(a, b):
            continue  # reported by MZ401
        yield _outcome("MZ308", (a, b), j, rb.strict, a.raw,
                       lambda: f"同一数字前后不一致：“{a.label}”先为{a.raw}，后为{b.raw}")


def _scale_slip(a: Figure, b: Figure) -> bool:
    if a.value <= 0 or b.value <= 0:
        return False
    ratio = max(a.value, b.value) / min(a.value, b.value)
    return any(abs(ratio / k - 1) < Fraction(1, 100) for k in (10**4, 10**8, 10**3, 10**7))


@rule("MZ401", "unit-scale-slip", Severity.ERROR)
def unit_scale_slip(ctx: DocContext) -> Iterator[Outcome]:
    """Two mentions of one quantity that differ by a factor of 10⁴ (a lost or extra 万).

    What it checks: the same pairs as MZ308; when their values differ by ×10⁴ or ×10⁸
    (and ×10³, ×10⁷ for 千/千万) within 1 %, the slip is a scale word, reported here.

    Why it matters: 529人 vs 529万人 is not a rounding difference but a wrong unit that
    changes every total and average built on it.

    Fails:
        全市共有城市特困人员529人。其中,城市特困人员529万人由政府兜底。

    Passes:
        全市共有城市特困人员529人。其中,城市特困人员529人由政府兜底。
    """
    for a, b in ctx.derived(_same_quantity_pairs):
        if ctx.reading(a).strict.meets(ctx.reading(b).strict):
            yield Outcome("MZ401", (a, b))
        elif _scale_slip(a, b):
            yield Outcome("MZ401", (a, b), False,
                          f"量级疑似写错：“{a.label}”一处为{a.raw}，另一处为{b.raw}（相差约"
                          f"{format_decimal(max(a.value, b.value) / min(a.value, b.value))}倍，是否漏写或多写“万”？）",
                          stated=f"{a.raw} / {b.raw}")


# --------------------------------------------------------------------------- MZ311
@rule("MZ311", "spending-exceeds-funds", Severity.WARNING)
def spending_exceeds_funds(ctx: DocContext) -> Iterator[Outcome]:
    """Money spent from a fund is stated as more than was raised for it.

    What it checks: in one sentence, an amount raised (募集, 筹集, 募捐 …) followed by an
    amount used (救助, 支出, 用于, 发放 …): used ≤ raised. A fund may also spend reserves,
    so this is a warning.

    Why it matters: "募集善款超3.1亿元，救助困难群众超2亿元" is coherent; if the spend
    exceeded the receipts the report should say where the rest came from.

    Fails:
        全年募集各类善款超1.1亿元,救助困难群众超2亿元。

    Passes:
        全年募集各类善款超3.1亿元,救助困难群众超2亿元。
    """
    for sentence_figs in ctx.by_sentence.values():
        money = [f for f in sentence_figs if f.unit == "元" and _additive(f)]
        for i, raised in enumerate(money):
            clause = ctx.norm[max(0, raised.start - 12):raised.start]
            if not _RAISE.search(clause):
                continue
            for spent in money[i + 1:]:
                between = ctx.norm[raised.end:spent.start]
                if not _SPEND.search(between):
                    continue
                rs, rr = ctx.reading(spent), ctx.reading(raised)
                j = judge([rs, rr], lambda iv: iv[0].le(iv[1]))
                yield _outcome("MZ311", (spent, raised), j, rs.strict, spent.raw,
                               lambda: f"使用金额{spent.raw}大于募集金额{raised.raw}")
                break


# --------------------------------------------------------------------------- MZ310
_POINTS_AFTER = re.compile(r"^[,，]?\s?(?:比上年|较上年|比去年|同比|比\S{0,6}年)?(?:提高|上升|增加|下降|降低|减少|回落)(?:了)?\Z")
_REAL_GROWTH = re.compile(r"可比价|不变价|实际增长")


def _growth_after(ctx: DocContext, f: Figure, limit: int = 2) -> Figure | None:
    """The growth rate stated right after a figure in its sentence (…增长2.2%)."""
    later = [g for g in ctx.by_sentence[f.sentence_id] if g.start >= f.end][:limit]
    return next((g for g in later if g.unit == "%" and g.direction and not is_share(g)), None)


@rule("MZ310", "points-change-mismatch", Severity.WARNING)
def points_change_mismatch(ctx: DocContext) -> Iterator[Outcome]:
    """A share's change in 个百分点 that its part's and whole's growth rates cannot give.

    What it checks: "X … 增长gx%，占Y比重s%，比上年提高p个百分点" with Y's own growth gy
    stated: last year's share was 100·(X/(1+gx))/(Y/(1+gy)), so p must meet
    100·X/Y·(1 − (1+gy)/(1+gx)), evaluated at the corners of the box of X, Y, gx, gy.
    Skipped where a growth is at comparable prices (按可比价格): real growth rates do
    not move nominal shares. A warning, since the bases of published rates often differ.

    Why it matters: a share that "rose 1.2 points" while its part grew only slightly
    faster than the whole cannot be right; one of the four figures was not updated.

    Fails:
        全市第三产业增加值6000亿元,增长8%,占地区生产总值比重为50%,比上年提高0.2个百分点。全市地区生产总值12000亿元,增长5%。

    Passes:
        全市第三产业增加值6000亿元,增长8%,占地区生产总值比重为50%,比上年提高1.4个百分点。全市地区生产总值12000亿元,增长5%。
    """
    index = {f.figure_id: i for i, f in enumerate(ctx.figures)}
    for share, part, whole in ctx.derived(_share_pairs):
        if part is None or whole is None:
            continue
        i = index[share.figure_id]
        points = ctx.figures[i + 1] if i + 1 < len(ctx.figures) else None
        if points is None or points.unit != "个百分点" or points.sentence_id != share.sentence_id \
                or not _POINTS_AFTER.match(ctx.text_between(share, points)):
            continue
        gx, gy = _growth_after(ctx, part), _growth_after(ctx, whole)
        if gx is None or gy is None or gx is gy:
            continue
        sentences = ctx.sentence_text(part) + ctx.sentence_text(whole) + ctx.sentence_text(gx) + ctx.sentence_text(gy)
        if _REAL_GROWTH.search(sentences):
            continue
        sx = -1 if gx.direction == "down" else 1
        sy = -1 if gy.direction == "down" else 1
        sp = -1 if points.direction == "down" else 1

        def change(x: Fraction, w: Fraction, a: Fraction, b: Fraction) -> Fraction:
            return sp * Fraction(100) * x / w * (1 - (1 + sy * b / 100) / (1 + sx * a / 100))

        readings = [ctx.reading(f) for f in (part, whole, gx, gy, points)]
        if not all(r.strict.bounded for r in readings[:4]) or readings[1].strict.lo <= 0:
            continue

        def holds(iv: Sequence[Interval]) -> bool:
            if not all(x.bounded for x in iv[:4]):
                return True
            return corners(change, *iv[:4]).meets(iv[4])

        computed = corners(change, *(r.strict for r in readings[:4]))
        j = judge(readings, holds)
        exact = change(part.value, whole.value, gx.value, gy.value) * sp
        yield _outcome("MZ310", (part, gx, whole, gy, share, points), j, computed, points.raw,
                       lambda: f"百分点变化不符：由{_show(part)}（{gx.raw}）与{_show(whole)}（{gy.raw}）推算，"
                               f"“{share.label}”变化{format_decimal(exact)}个百分点，所述为{points.raw}")


# --------------------------------------------------------------------------- MZ312
def _find_by_name(ctx: DocContext, name: str, unit: str, exclude: Figure) -> Figure | None:
    """The nearest figure whose label contains every character run of ``name``."""
    name = lexicon.canonical(name).rstrip("的")
    if len(name) < 2:
        return None
    pool = ctx.figures_in(exclude.start - 6000, exclude.end + 6000)
    found = [f for f in pool if f is not exclude and f.unit == unit and f.kind == "number"
             and (_labels_match(_label(f), name) or (name in _label(f)))]
    if not found:
        keys = [k for k in re.findall(r"..", name)]
        found = [f for f in pool if f is not exclude and f.unit == unit and f.kind == "number"
                 and all(k in _label(f) for k in keys)]
    return min(found, key=lambda f: abs(f.start - exclude.start)) if found else None


def _multiples(ctx: DocContext) -> Iterator[tuple[Figure, str, str]]:
    """不低于Y的k倍 / 不低于Y的p%: (k figure, subject X, reference Y)."""
    for f in ctx.figures:
        if "qualifier-reaches" not in f.flags or f.unit not in ("倍", "%") or f.group and f.flags.count("list-qualifier"):
            continue
        lo, _ = ctx.full_sentence(f)
        before = ctx.norm[lo:f.start]
        m = re.search(rf"(?P<subject>[^,;。、]*?)(?P<q>{re.escape(f.qualifier)})(?P<ref>[^,;。、]*?)的?\Z", before)
        if not m or not m.group("subject") or not m.group("ref"):
            continue
        subject = re.sub(r"(?:应|均|需|须|必须|要|为)+\Z", "", m.group("subject"))
        yield f, subject, m.group("ref")


@rule("MZ312", "multiple-bound-violated", Severity.ERROR)
def multiple_bound_violated(ctx: DocContext) -> Iterator[Outcome]:
    """X 不低于 Y 的 k 倍 (or p%) with X and Y stated, and X below k × Y.

    What it checks: a bound stated as a multiple of a reference ("特困人员基本生活标准不低于
    低保标准的1.3倍"), where the text also gives the value of the subject and of the
    reference: the subject must meet the bound (不低于/不少于/至少: X ≥ k·Y; 不超过/不高于/
    至多: X ≤ k·Y).

    Why it matters: a standard published below its own legal floor is either a wrong
    figure or a breach the auditor must report.

    Fails:
        低保标准为780元。特困人员基本生活标准为1000元,特困人员基本生活标准不低于低保标准的1.3倍。

    Passes:
        低保标准为780元。特困人员基本生活标准为1100元,特困人员基本生活标准不低于低保标准的1.3倍。
    """
    for k, subject, ref in ctx.derived(_multiples):
        ref_unit = ""
        x = _find_by_name(ctx, subject, "元", k) if subject else None
        if x is None:
            continue
        ref_unit = x.unit
        y = _find_by_name(ctx, ref, ref_unit, x)
        if y is None or y is x:
            continue
        factor = k.value / 100 if k.unit == "%" else k.value
        at_least = k.qualifier.split("…")[0] in ("不低于", "不少于", "至少", "最少")
        rx, ry = ctx.reading(x), ctx.reading(y)
        bound = ry.strict.scale(factor)

        def holds(iv: Sequence[Interval]) -> bool:
            b = iv[1].scale(factor)
            return b.le(iv[0]) if at_least else iv[0].le(b)

        j = judge([rx, ry], holds)
        yield _outcome("MZ312", (x, y, k), j, bound, x.raw,
                       lambda: f"不满足倍数要求：“{x.label}”{_show(x)}应{'不低于' if at_least else '不高于'}"
                               f"{_show(y)}的{k.raw.lstrip('不低于不少于至少不超过不高于至多')} = "
                               f"{format_decimal(factor * y.value)}{y.unit}")
