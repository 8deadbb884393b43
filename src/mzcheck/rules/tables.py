"""Checks on statistical tables: children against parents and 合计 rows, 环比/同比
against 本期 and 上期, units within a block. The codes are those of the same
relation in prose (MZ303, MZ304, MZ305), so select/ignore mean one thing."""

from __future__ import annotations

import re
from fractions import Fraction
from typing import Iterator, Sequence

from mzcheck.extract.tables import StatTable, TableRow
from mzcheck.figures import Figure
from mzcheck.numbers.format import format_decimal
from mzcheck.finding import Severity
from mzcheck.numbers.interval import INF, Interval, corners, total
from mzcheck.numbers.reading import Reading
from mzcheck.numbers.verdict import Verdict, judge
from mzcheck.rules import lexicon
from mzcheck.rules.context import DocContext, Outcome
from mzcheck.rules.registry import rule

_UNKNOWN = Interval(Fraction(0), INF)   # an empty cell: some non-negative value, not zero
_CUMULATIVE = re.compile(r"累计")


def _blocks(table: StatTable) -> Iterator[tuple[TableRow, list[TableRow], bool]]:
    """(parent, children, exhaustive): numbered children and 合计 rows are exhaustive."""
    for row in table.rows:
        kids = row.children
        if kids:
            numbered = [k for k in kids if k.numbered and not k.subset]
            if numbered and len(numbered) == len(kids):
                yield row, kids, len(kids) > 1 and _complete(table, row, kids)
            else:
                yield row, kids, False
    for parent_kids in _sibling_groups(table):
        for i, row in enumerate(parent_kids):
            if row.subset and i and not row.numbered and not parent_kids[i - 1].subset:
                # 进出口总额 / 其中:出口 / 进口 with no numbering or indent: the 其中 row is a part of
                # the row above, and so are the rows after it that complete a known partition
                kids = [row]
                for nxt in parent_kids[i + 1:]:
                    if nxt.numbered or nxt.is_total or not lexicon.within_partition([k.name for k in kids + [nxt]]):
                        break
                    kids.append(nxt)
                yield parent_kids[i - 1], kids, lexicon.partition_of([k.name for k in kids]) is not None

            if row.is_total and not row.children:
                parts: list[TableRow] = []
                for prev in reversed(parent_kids[:i]):
                    if prev.is_total:
                        break
                    parts.insert(0, prev)
                if len(parts) >= 2:
                    yield row, parts, True


_ORDINAL = re.compile(r"^[(（]?(\d{1,2}|[一二三四五六七八九十]{1,3})")
_CN = {c: i for i, c in enumerate("一二三四五六七八九十", start=1)}


def _ordinal(label: str) -> int | None:
    m = _ORDINAL.match(label)
    if not m:
        return None
    text = m.group(1)
    return int(text) if text.isdigit() else (_CN.get(text) if len(text) == 1 else None)


def _complete(table: StatTable, parent: TableRow, kids: list[TableRow]) -> bool:
    """Numbered children are every part of their parent only when they count 1, 2, 3 …
    without a gap, and the parent says it is a total (合计) or the table visibly moves on
    after the last of them: a table cut at a page or a section title may continue
    elsewhere (then only "not above" holds)."""
    numbers = [_ordinal(k.label) for k in kids]
    if None in numbers or numbers != list(range(1, len(kids) + 1)):
        return False
    if parent.is_total:
        return True                   # 乡镇级合计: the row says it is the total of its rows
    if table.kind == "lines":
        return False                  # flattened lines: where a breakdown ends is not certain
    last = kids[-1]
    while last.children:
        last = last.children[-1]
    after = [r for r in table.rows if r.index > last.index]
    return bool(after)


def _sibling_groups(table: StatTable) -> list[list[TableRow]]:
    groups: dict[int, list[TableRow]] = {}
    for row in table.rows:
        groups.setdefault(id(row.parent), []).append(row)
    return list(groups.values())


def _cell(row: TableRow, role: str) -> Figure | None:
    cell = row.cells.get(role)
    return cell.figure if cell else None


def _empty(row: TableRow, role: str) -> bool:
    cell = row.cells.get(role)
    return cell is not None and cell.figure is None and not cell.text.strip()


def table_sums(ctx: DocContext) -> Iterator[tuple[str, TableRow, list[TableRow], Outcome]]:
    for table in ctx.tables:
        for parent, kids, exhaustive in _blocks(table):
            same_unit = [k for k in kids if k.unit == parent.unit or not k.unit or not parent.unit]
            for role in table.value_columns():
                whole = _cell(parent, role)
                if whole is None or whole.unit in ("%", "‰"):
                    continue          # rates and shares do not add up
                parts = [f for f in (_cell(k, role) for k in same_unit) if f is not None]
                unknown = sum(1 for k in same_unit if _empty(k, role))
                if not parts or (len(parts) == 1 and unknown == 0 and exhaustive):
                    continue
                yield role, parent, same_unit, _table_sum(ctx, table, parent, whole, parts, unknown, exhaustive, role)


def alone_above(readings: Sequence[Reading]) -> set[Verdict]:
    """The verdicts of each part ≤ the whole (the last reading), part by part: items that may
    overlap (#女性, #老年人; 因私出境, 赴港澳台出境) make a sum above the whole possible, one
    item above it alone does not."""
    return {judge([r, readings[-1]], lambda iv: iv[0].le(iv[1])).verdict for r in readings[:-1]}


def _table_sum(ctx: DocContext, table: StatTable, parent: TableRow, whole: Figure, parts: list[Figure],
               unknown: int, exhaustive: bool, role: str) -> Outcome:
    readings = [ctx.reading(p) for p in parts] + [ctx.reading(whole)]
    extra = _UNKNOWN if unknown else Interval.point(0)
    column = whole.column or role
    exact = sum((p.value for p in parts), Fraction(0))
    shown = lambda v: format_decimal(v / whole_scale(whole))  # noqa: E731
    names = " + ".join(p.raw for p in parts) + (f" + {unknown}个空单元格（未知数，不按零计）" if unknown else "")
    figs = (whole, *parts)
    summed = " + ".join(f"f{k}" for k in range(1, len(parts) + 1))
    if exhaustive:
        j = judge(readings, lambda iv: (total(iv[:-1]) + extra).meets(iv[-1]))
        if j.verdict is Verdict.CONSISTENT:
            return Outcome("MZ303", figs)
        text = (f"“{parent.label}”{column}为{whole.raw}，但下级各项之和 {names} = {shown(exact)}"
                f"（相差{shown(abs(exact - whole.value))}）")
        if j.assumption:
            text += f"；仅当{j.assumption}时一致"
        short = j.verdict is Verdict.ERROR and not parent.is_total and total([r.strict for r in readings[:-1]]).le(readings[-1].strict)
        if short:
            # numbered rows 1…n that fall short of their parent: a form may leave out rows it
            # has nothing for (a province's 社会救助 without its (4)); only an excess is certain
            text += "；若表中未列出全部下级项目，则不矛盾"
        return Outcome("MZ303", figs, False, text,
                       Severity.WARNING if j.verdict is Verdict.WARNING or short else None,
                       stated=whole.raw, computed=str(total([r.strict for r in readings[:-1]])),
                       assumption=j.assumption, relation=f"f0 {'>=' if unknown else '=='} {summed}")
    j = judge(readings, lambda iv: total(iv[:-1]).le(iv[-1]))
    if j.verdict is Verdict.CONSISTENT:
        return Outcome("MZ304", figs)
    text = f"“{parent.label}”{column}为{whole.raw}，其中各项之和 {names} = {shown(exact)} 已超过它"
    # #女性, #老年人, #残疾人 count people by different traits and may overlap
    certain = len(parts) == 1 or bool(alone_above(readings) - {Verdict.CONSISTENT})
    severity = (Severity.WARNING if j.verdict is Verdict.WARNING else None) if certain else Severity.INFO
    return Outcome("MZ304", figs, False, text + ("" if certain else "（各项若有重叠则无妨）"), severity,
                   stated=whole.raw, computed=str(total([r.strict for r in readings[:-1]])), assumption=j.assumption,
                   relation=f"{summed} <= f0")


def whole_scale(f: Figure) -> Fraction:
    from mzcheck.numbers import vocab

    return Fraction(vocab.scale_factor(f.scale))


def _rate(current: Fraction, previous: Fraction) -> Fraction:
    return Fraction(100) * (current / previous - 1)


def _slipped_change(row: TableRow) -> bool:
    """31 | 31 | 31 | (blank): a blank 环比 (no change at all) let the next column's 31 slip
    into the change column."""
    cur, prev, change = _cell(row, "current"), _cell(row, "previous"), _cell(row, "change")
    return cur is not None and prev is not None and change is not None and cur.value == prev.value == change.value


def table_changes(ctx: DocContext) -> Iterator[tuple[TableRow, Outcome]]:
    for table in ctx.tables:
        for row in table.rows:
            cur, prev, change = _cell(row, "current"), _cell(row, "previous"), _cell(row, "change")
            if cur is None or prev is None or change is None or prev.value <= 0 or change.unit != "%":
                continue
            if _slipped_change(row):
                continue          # reported by MZ205
            rc, rp, rch = ctx.reading(cur), ctx.reading(prev), ctx.reading(change)
            if rp.strict.lo <= 0:
                continue
            def holds(iv: Sequence[Interval]) -> bool:
                return corners(_rate, iv[0], iv[1]).meets(iv[2])

            j = judge([rc, rp, rch], holds)
            computed = corners(_rate, rc.strict, rp.strict)
            figs = (cur, prev, change)
            if j.verdict is Verdict.CONSISTENT:
                yield row, Outcome("MZ305", figs, computed=str(computed))
                continue
            text = (f"“{row.label}”{change.column}为{change.raw}，按本期{cur.raw}、上期{prev.raw}计算为"
                    f"{format_decimal(_rate(cur.value, prev.value), 2)}")
            if j.assumption:
                text += f"；仅当{j.assumption}时一致"
            yield row, Outcome("MZ305", figs, False, text, Severity.WARNING if j.verdict is Verdict.WARNING else None,
                               stated=change.raw, computed=str(computed), assumption=j.assumption,
                               relation="f2 == (f0 / f1 - 1) * 100")


def table_compositions(ctx: DocContext) -> Iterator[tuple[str, list[Figure], int]]:
    """(what, shares, blank cells) of every complete breakdown in a table of shares
    (extract.compositions): each class column down the class rows, or each row across the
    class columns. An empty cell is a share not printed, not zero."""
    for table in ctx.tables:
        parts = [c for c, role in table.roles.items() if role == "part"]
        if table.kind == "composition-rows":
            classes = [r for r in table.rows if not r.subset]
            for c in parts:
                cells = [r.cells.get(str(c)) for r in classes]
                figs = [x.figure for x in cells if x is not None and x.figure is not None]
                if len(figs) >= 2:
                    yield f"表中“{table.header[c]}”一栏", figs, len(cells) - len(figs)
        elif table.kind == "composition-columns":
            for r in table.rows:
                cells = [r.cells.get(str(c)) for c in parts]
                figs = [x.figure for x in cells if x is not None and x.figure is not None]
                if len(figs) >= 2:
                    yield f"表中“{r.name}”一行", figs, len(cells) - len(figs)


def _shared(a: str, b: str) -> int:
    """The length of the longest run of characters two names share."""
    best = 0
    for i in range(len(a)):
        for j in range(i + best + 1, len(a) + 1):
            if a[i:j] not in b:
                break
            best = j - i
    return best


def table_mixtures(ctx: DocContext) -> Iterator[tuple[Figure, Figure, Figure]]:
    """(the whole's share, group a's, group b's) of one class: a table of shares by class for
    the two groups of a partition (rows 东部地区, 中、西部地区 across 国有 … 其他) against the
    table of the whole's shares by the same classes (rows 国有工业 … 其他工业) in the column of
    the measure its caption names (工业总产值: 按工业总产值计算(%), the latest year)."""
    from mzcheck.rules import lexicon

    wholes = [t for t in ctx.tables if t.kind == "composition-rows"]
    for g in ctx.tables:
        groups = [r for r in g.rows if not r.subset]
        if g.kind != "composition-columns" or len(groups) != 2 or lexicon.partition_of([r.name for r in groups]) is None:
            continue
        for w in wholes:
            cols = [c for c, role in w.roles.items() if role == "part" and _shared(w.header[c], g.title) >= 4]
            if not cols:
                continue
            column = str(max(cols))
            rows = {c: next((r for r in w.rows if name and r.name.startswith(name)), None)
                    for c, name in enumerate(g.header) if c}
            if sum(1 for c, r in rows.items() if r is not None and not r.name.startswith(("其他", "其它"))) < 2:
                continue                  # the classes are not the same (industries against ownership)
            for c, row in rows.items():
                whole = row.cells.get(column) if row else None
                a, b = groups[0].cells.get(str(c)), groups[1].cells.get(str(c))
                if whole and a and b and whole.figure and a.figure and b.figure:
                    yield whole.figure, a.figure, b.figure


@rule("MZ204", "table-unit-mismatch", Severity.WARNING)
def table_unit_mismatch(ctx: DocContext) -> Iterator[Outcome]:
    """A row whose unit differs from the row it adds up to.

    What it checks: in a statistics table, the children of a row that has values must
    carry the same unit as that row (a 万元 parent with a 元 child cannot be summed).
    Rows that only group others (no values) may hold different measures (人数, 户数).

    Why it matters: a unit slip inside a block silently breaks every total above it.

    Fails:
        | 指标名称 | 单位 | 本期 |\\n| (一)民政事业费支出 | 万元 | 300 |\\n| 1.社会福利 | 万元 | 100 |\\n| 2.社会救助 | 元 | 2000000 |

    Passes:
        | 指标名称 | 单位 | 本期 |\\n| (一)民政事业费支出 | 万元 | 300 |\\n| 1.社会福利 | 万元 | 100 |\\n| 2.社会救助 | 万元 | 200 |
    """
    for table in ctx.tables:
        for parent, kids, _ in _blocks(table):
            if not parent.unit or not any(_cell(parent, r) for r in table.value_columns()):
                continue
            for kid in kids:
                if not kid.unit or not any(_cell(kid, r) for r in table.value_columns()):
                    continue
                figs = tuple(f for f in (_cell(parent, "current"), _cell(kid, "current")) if f is not None)
                if kid.unit == parent.unit:
                    yield Outcome("MZ204", figs)
                else:
                    yield Outcome("MZ204", figs, False,
                                  f"“{kid.label}”单位为{kid.unit}，与上级“{parent.label}”的{parent.unit}不一致",
                                  stated=kid.unit, computed=parent.unit)


@rule("MZ205", "incomplete-table-row", Severity.WARNING)
def incomplete_table_row(ctx: DocContext) -> Iterator[Outcome]:
    """A table row whose values cannot all be placed or trusted as read.

    What it checks: in a table flattened into lines of text (项目 2010 2015 2020 2021 over
    rows of numbers), a row with fewer numbers than the header has value columns — the
    blank cells left no trace, so the numbers are read from the left and the row says so;
    a pipe table whose text ends inside its last row (no closing |), whose last number
    may be cut; and, as information, a change cell equal to the row's current and previous
    values (31 | 31 | 31 |): a blank change cell let the next column slip left, so the row's
    change is not checked (MZ305).

    Why it matters: 35936 14524 14830 under 2010 2015 2020 2021 may be 2015–2021 with
    2010 blank; 2,495,857 at the very end of a cut copy may have lost digits.

    Fails:
        指标名称 单位 本期 上期 环比\\n城镇低保人数 人 181530 129477 40.20\\n#老年人 人 35936 14524\\n#女性 人 59498 50814 17.09
        | 指标名称 | 单位 | 数量 |\\n| 城市低保人数 | 人 | 431,509 |\\n| 农村低保人数 | 人 | 2,495,857

    Passes:
        指标名称 单位 本期 上期 环比\\n城镇低保人数 人 181530 129477 40.20\\n#老年人 人 35936 14524 147.43\\n#女性 人 59498 50814 17.09
        | 指标名称 | 单位 | 数量 |\\n| 城市低保人数 | 人 | 431,509 |\\n| 农村低保人数 | 人 | 2,495,857 |
    """
    for table in ctx.tables:
        for row in table.rows:
            figs = tuple(c.figure for c in row.cells.values() if c.figure is not None)
            if not figs:
                continue
            if row.index in table.padded:
                yield Outcome("MZ205", figs, False,
                              f"“{row.label}”的数值少于表头的数值列：空缺的是哪一列在文本中无从确定，"
                              f"已按从左到右读取", stated=" ".join(f.raw for f in figs))
            elif _slipped_change(row):
                change = _cell(row, "change")
                assert change is not None
                yield Outcome("MZ205", (change,), False,
                              f"“{row.label}”的{change.column or '环比'}栏为{change.raw}，与本期、上期相同：疑为空缺的"
                              f"变化率单元格使其后一栏的数值左移，已不作环比核对", Severity.INFO, stated=change.raw)
            elif row.index in table.cut:
                yield Outcome("MZ205", figs[-1:], False,
                              f"文本在“{row.label}”一行中间结束（缺少结尾的“|”），“{figs[-1].raw}”可能被截断",
                              stated=figs[-1].raw)
            else:
                yield Outcome("MZ205", figs[:1])


_PIPE_ROW = re.compile(r"^[ \t]*\|.*\|[ \t]*$", re.M)
_RULE_ROW = re.compile(r"^[ \t|:\-]+$")


@rule("MZ206", "table-header-narrower", Severity.WARNING)
def table_header_narrower(ctx: DocContext) -> Iterator[Outcome]:
    """A pipe table whose header has fewer cells than its rows.

    What it checks: a table written with | in the text whose header row (the first row)
    has fewer cells than every data row — the merged header cells of the original lost
    their column spans when the table was flattened.

    Why it matters: with 7 names over 9 columns no reader can tell which name heads
    which number; a value read under the wrong name is a wrong figure.

    Fails:
        | 地区 | 总产值 | 在总计中： |\\n| --- | --- | --- |\\n| 东部地区 | 27.3 | 39.5 | 2.7 | 11.7 |\\n| 中西部地区 | 46.9 | 30.9 | 2.2 | 15.0 |

    Passes:
        | 地区 | 总产值 | 国有 | 集体 | 个体 |\\n| --- | --- | --- | --- | --- |\\n| 东部地区 | 27.3 | 39.5 | 2.7 | 11.7 |\\n| 中西部地区 | 46.9 | 30.9 | 2.2 | 15.0 |
    """
    norm = ctx.norm
    rows = [m for m in _PIPE_ROW.finditer(norm)]
    k = 0
    while k < len(rows):
        block = [rows[k]]
        while k + 1 < len(rows) and norm.count("\n", block[-1].end(), rows[k + 1].start()) <= 1:
            k += 1
            block.append(rows[k])
        k += 1
        data = [m for m in block[1:] if not _RULE_ROW.match(m.group())]
        if len(data) < 2:
            continue
        width = lambda m: len(m.group().strip().strip("|").split("|"))   # noqa: E731
        head = width(block[0])
        if all(width(m) > head for m in data):
            yield Outcome("MZ206", passed=False, span=block[0].span(), stated=block[0].group().strip(),
                          message=f"表头只有{head}个单元格，数据行有{min(width(m) for m in data)}个以上："
                                  f"合并的表头在转成文本时丢失了跨列信息，列名与数值无法一一对应")
        else:
            yield Outcome("MZ206", span=block[0].span())


@rule("MZ406", "cumulative-change", Severity.INFO)
def cumulative_change(ctx: DocContext) -> Iterator[Outcome]:
    """A large 环比 between a year-to-date 累计 and last period's full-year 累计.

    What it checks: rows whose indicator says 累计 and whose 环比 is arithmetically right
    but below −50 %: January's year-to-date against December's full year. One note per
    table; never an error.

    Why it matters: a reader may take −89 % as a collapse in spending; it is the
    calendar, and the column says nothing.

    Fails:
        | 指标名称 | 单位 | 本期 | 上期 | 环比 |\\n| 民政事业费累计支出 | 万元 | 76,164.3 | 714,496.8 | -89.34 |

    Passes:
        | 指标名称 | 单位 | 本期 | 上期 | 环比 |\\n| 民政事业费累计支出 | 万元 | 76,164.3 | 74,496.8 | 2.24 |
    """
    noted: set[str] = set()
    for row, outcome in ctx.derived(table_changes):
        if not outcome.passed or not _CUMULATIVE.search(row.label):
            continue
        change = outcome.figures[2]
        table = change.doc + change.row_path.split(" > ")[0]
        if change.value >= -50:
            yield Outcome("MZ406", outcome.figures)
            continue
        if table in noted:
            continue
        noted.add(table)
        yield Outcome("MZ406", outcome.figures, False,
                      f"“{row.label}”环比为{change.raw}：本期是年初至今的累计，上期是全年累计，"
                      f"环比计算无误但不反映实际变化", stated=change.raw)
