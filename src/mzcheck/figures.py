"""The figures table: one row per stated figure.

:class:`Figure` is the immutable value every stage passes on; :func:`read` gives the
intervals its digits and qualifier allow (docs/numbers.md); :func:`to_frame` makes the
pandas table (the column list lives here and nowhere else). Values are exact
:class:`fractions.Fraction` objects; :func:`mzcheck.numbers.format.format_exact` renders
them without loss ("12147400", "42.59", "1/3").
"""

from __future__ import annotations

from dataclasses import astuple, dataclass, field, fields
from fractions import Fraction
from typing import TYPE_CHECKING, Iterable

from mzcheck.numbers import vocab
from mzcheck.numbers.format import format_exact
from mzcheck.numbers.interval import Interval
from mzcheck.numbers.reading import DEFAULT_RHO, Reading, precision, read_value

if TYPE_CHECKING:  # pandas is heavy: imported where a table is made
    import pandas as pd


@dataclass(frozen=True, slots=True)
class Figure:
    """A figure as stated in a document.

    ``value`` is in base units (万元 → 元, 万人 → 人) and signed only by a written
    sign; a change word (下降, 减少) is recorded in ``direction``. ``mantissa`` keeps the
    digits as written (trailing zeros matter for precision), ``decimals`` counts them
    after the point, before the scale is applied.
    """

    doc: str
    figure_id: str
    sentence_id: int
    start: int
    end: int
    raw: str
    mantissa: str
    value: Fraction
    unit: str = ""
    per: str = ""           # rate denominator: 元 per 人·月
    scale: str = ""         # 万, 亿 … as written
    qualifier: str = ""     # 约, 近, 超过, 不低于, 余, 以上 … (docs/numbers.md)
    aggregate: str = ""     # 共, 共计, 合计, 累计: the figure is a total
    decimals: int = 0
    label: str = ""
    kind: str = "number"    # number | range | fraction | ratio
    value_hi: Fraction | None = None   # upper end of a range
    mantissa_hi: str = ""
    direction: str = ""     # up | down: 增长 / 下降 before the figure
    period: str = ""        # 2022年, 12月份 … stated in the sentence
    group: int = 0          # figures of one list, range or ratio share a group (0: none)
    flags: tuple[str, ...] = field(default_factory=tuple)
    row_path: str = ""      # tables: 一、综合 > (一)行政区划 > 乡镇级合计
    column: str = ""        # tables: 本期, 上期, 环比 …
    prior_figure: str = ""  # check/extract --across: the same quantity in last year's report, doc#figure_id


COLUMNS: tuple[str, ...] = tuple(f.name for f in fields(Figure))


def _is_exact_count(fig: Figure) -> bool:
    return fig.unit in vocab.COUNT_UNITS and fig.decimals == 0 and not fig.scale and fig.kind == "number"


def read(fig: Figure, rho: Fraction = DEFAULT_RHO) -> Reading:
    """The reading of a figure, in its base units: strict and lenient intervals."""
    mult = Fraction(vocab.scale_factor(fig.scale))
    if fig.kind == "fraction":
        point = Interval.point(fig.value)
        return Reading(point, Interval.around(fig.value, rho * abs(fig.value)), f"{fig.raw}是约数")
    p = precision(fig.mantissa, mult)
    exact = _is_exact_count(fig)
    lo = read_value(fig.value, p, fig.qualifier, fig.raw, exact, rho)
    if fig.kind != "range" or fig.value_hi is None:
        return lo
    hi = read_value(fig.value_hi, precision(fig.mantissa_hi, mult), fig.qualifier, fig.raw, exact, rho)
    return Reading(lo.strict.hull(hi.strict), lo.lenient.hull(hi.lenient), lo.assumption)



def to_frame(figures: Iterable[Figure]) -> "pd.DataFrame":
    """The figures table. ``value``/``value_hi`` hold Fractions (exact), ``flags`` a
    ``;``-joined string."""
    import pandas as pd

    rows = [astuple(f) for f in figures]
    frame = pd.DataFrame.from_records(rows, columns=list(COLUMNS))
    frame["flags"] = frame["flags"].map(lambda t: ";".join(t)) if len(frame) else frame["flags"]
    return frame


def to_records(figures: Iterable[Figure]) -> list[dict[str, object]]:
    """Plain JSON-ready dicts, exact values as strings."""
    out = []
    for f in figures:
        row = {name: getattr(f, name) for name in COLUMNS}
        row["value"] = format_exact(f.value)
        row["value_hi"] = format_exact(f.value_hi)
        row["flags"] = list(f.flags)
        out.append(row)
    return out
