"""Targets against the level reached: a work report states 常住人口城镇化率60% in its review and
常住人口城镇化率提高到65%左右 in its plan; a target raised to a level below the one already
reached contradicts its own verb (MZ326)."""

from __future__ import annotations

import re
from typing import Iterator

from mzcheck.figures import Figure
from mzcheck.finding import Severity
from mzcheck.rules.context import DocContext, Outcome
from mzcheck.rules.registry import rule
from mzcheck.rules.relations.common import canon_label, lead_words

_RATE_NAME = re.compile(r"(?:率|比重|比例|占比)\Z")
#: Verbs of a target, by the direction they promise; 达到 and 控制在 promise none firmly.
_RISE = re.compile(r"(?:提升至|提升到|提高到|提高至|增至|增加到|上升到|上升至)\Z")
_FALL = re.compile(r"(?:降至|降到|下降到|下降至|降低到|降低至)\Z")
_SOFT = re.compile(r"(?:达到|达|力争|控制在|保持在|稳定在)\Z")


def _verb(ctx: DocContext, f: Figure) -> str:
    before = ctx.norm[max(0, f.start - 8):f.start] + lead_words(f)   # 达到65%左右: the verb is read with the figure
    for word, rx in (("up", _RISE), ("down", _FALL), ("soft", _SOFT)):
        if rx.search(before):
            return word
    return ""


def _key(f: Figure) -> str:
    """A rate's name as a bag of characters: 战略性新兴产业占规上工业增加值比重 and
    战略性新兴产业增加值占规上工业比重 are one rate."""
    return "".join(sorted(canon_label(f)))


def targets(ctx: DocContext) -> Iterator[tuple[Figure, Figure, str]]:
    """(level reached, target, verb direction): the first statement of a rate and a later
    target of the same rate, in another paragraph, introduced by a target verb (a later
    statement without one is a repeat, MZ308's)."""
    reached: dict[str, Figure] = {}
    for f in ctx.figures:
        label = canon_label(f)
        if f.unit not in ("%", "‰") or f.direction or f.kind != "number" or len(label) < 4 \
                or not _RATE_NAME.search(label):
            continue
        verb, key = _verb(ctx, f), _key(f)
        level = reached.get(key)
        if level is None:
            reached[key] = f          # the first statement is the level reached, whatever its verb
            continue
        if verb and ctx.paragraph(level) != ctx.paragraph(f):
            yield level, f, verb


@rule("MZ326", "target-against-level", Severity.WARNING)
def target_against_level(ctx: DocContext) -> Iterator[Outcome]:
    """A target that its own verb says is a rise (提高到, 提升至) but that lies below the level
    the report says was reached — or a fall (降至) above it.

    What it checks: the first statement of a rate (常住人口城镇化率60%) and a later target of
    the same rate in another paragraph (常住人口城镇化率提高到65%左右), its name read as a bag
    of characters (…占规上工业增加值比重 = …增加值占规上工业比重). 提高到/提升至/增至 must end
    above the level reached, 降至/下降到 below it, every figure read as its interval. With
    达到, 力争 or 保持在 the target may lie on either side; one below the level is noted as
    information.

    Why it matters: a plan that "raises" a rate to less than it already is was written
    against an old figure, or the figure reached is wrong.

    Fails:
        过去一年，常住人口城镇化率达62.5%。\\n今后五年，常住人口城镇化率提高到60%左右。

    Passes:
        过去一年，常住人口城镇化率达60.2%。\\n今后五年，常住人口城镇化率提高到65%左右。
    """
    for level, target, verb in ctx.derived(targets):
        lv, tv = ctx.reading(level).strict, ctx.reading(target).strict
        if verb == "down":
            agrees, word = tv.lo <= lv.upper, "降至"
        else:
            agrees, word = tv.upper >= lv.lo, "提高到"
        if agrees:
            yield Outcome("MZ326", (level, target), stated=target.raw, computed=level.raw)
            continue
        severity = None if verb in ("up", "down") else Severity.INFO
        said = "目标" if severity else f"目标称“{word}”"
        yield Outcome("MZ326", (level, target), False,
                      f"“{level.label}”已为{level.raw}，{said}{target.raw}却在其{'下' if verb != 'down' else '上'}",
                      severity, stated=target.raw, computed=level.raw)
