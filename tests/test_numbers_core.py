"""The numbers core: readings (docs/numbers.md), interval laws and graded verdicts."""

from __future__ import annotations

from fractions import Fraction as F

import pytest
from hypothesis import assume, given, settings, strategies as st

from mzcheck.extract import extract_text
from mzcheck.numbers.interval import INF, Interval, corners, total
from mzcheck.figures import read
from mzcheck.numbers.reading import precision
from mzcheck.numbers.verdict import Verdict, judge


def reading_of(text: str):
    (fig,) = extract_text(text, "t")
    return read(fig)


def iv(lo, hi, lo_open=False, hi_open=False):
    return Interval(F(lo), INF if hi is None else F(hi), lo_open, hi_open)


# --- precision and the qualifier table ------------------------------------------------
@pytest.mark.parametrize("mantissa,scale,u,G,g", [
    ("1214.74", 10**4, 100, 100, 100),
    ("4627", 1, 1, 1, 1),
    ("42.59", 1, F("0.01"), F("0.01"), F("0.01")),
    ("3", 10**8, 10**8, 10**8, 10**8),
    ("9000", 1, 1, 1000, 100),
    ("1000", 10**4, 10**4, 10**7, 10**6),
    ("1100", 1, 1, 100, 100),
])
def test_precision(mantissa, scale, u, G, g):
    p = precision(mantissa, F(scale))
    assert (p.u, p.G, p.g) == (F(u), F(G), F(g))


@pytest.mark.parametrize("text,strict,lenient", [
    ("共60737人", iv(60737, 60737), iv(60737, 60737)),                 # integers of a count are exact
    ("42.59%", iv("42.585", "42.595"), iv("42.585", "42.60", hi_open=True)),
    ("约9000人次", iv(8950, 9050), iv(8500, 9500)),
    ("约1000万元", iv(9_500_000, 10_500_000), iv(9_000_000, 11_000_000)),
    ("约1100元", iv(1050, 1150), iv(1050, 1150)),
    ("近74%", iv(73, 74, hi_open=True), iv(73, 74)),
    ("超3.1亿元", iv(310_000_000, 320_000_000, True, True), iv(310_000_000, None, True, True)),
    ("3000余人", iv(3000, 4000, True, True), iv(3000, 4000, True, False)),
    ("不足500人", iv(400, 500, hi_open=True), iv(0, 500, hi_open=True)),
    ("不低于40%", iv(40, 50, hi_open=True), iv(40, None)),
    ("95%以上", iv(95, 96, hi_open=True), iv(95, None)),
    ("不超过100人", iv(0, 100, lo_open=True), iv(0, 100)),
    ("5%以下", iv(4, 5, lo_open=True), iv(0, 5)),
    ("2000至3000元", iv("1999.5", "3000.5"), iv("1999.5", 3001, hi_open=True)),
    ("3.5千公顷", iv(3450, 3550), iv(3450, 3600, hi_open=True)),     # the 千 of 千公顷 is a scale
])
def test_qualifier_table(text, strict, lenient):
    r = reading_of(text)
    assert (r.strict, r.lenient) == (strict, lenient)


def test_lenient_readings_name_their_assumption():
    assert "截断" in reading_of("42.59%").assumption
    assert "约" in reading_of("约9000人次").assumption
    assert "上限" in reading_of("超3.1亿元").assumption


# --- docs/numbers.md worked examples ----------------------------------------------------------
def test_example_1_average_with_approximations_is_consistent():
    cases, spend, avg = reading_of("约9000人次"), reading_of("约1000万元"), reading_of("约1100元")
    computed = spend.strict / cases.strict
    assert (round(float(computed.lo), 1), round(float(computed.hi), 1)) == (1049.7, 1173.2)
    assert judge([spend, cases, avg], lambda i: (i[0] / i[1]).meets(i[2])).verdict is Verdict.CONSISTENT
    wrong = reading_of("1214.74万元")
    assert judge([wrong, cases, avg], lambda i: (i[0] / i[1]).meets(i[2])).verdict is Verdict.ERROR


def test_example_2_truncated_share_is_a_warning_naming_truncation():
    part, whole, share = reading_of("1971家"), reading_of("4627家"), reading_of("42.59%")
    j = judge([part, whole, share], lambda i: (i[0] / i[1]).scale(100).meets(i[2]))
    assert j.verdict is Verdict.WARNING and "截断" in j.assumption


def test_example_4_touching_endpoints_need_both_closed():
    assert iv(0, 1).meets(iv(1, 2))
    assert not iv(0, 1, hi_open=True).meets(iv(1, 2))
    assert not iv(0, 1).meets(iv(1, 2, lo_open=True))


def test_corners_beat_naive_rules_when_a_quantity_repeats():
    a, b = iv(10, 20), iv(10, 20)
    share = corners(lambda x, y: x / (x + y), a, b)
    naive = a / (a + b)
    assert share == iv(F(1, 3), F(2, 3)) and naive == iv(F(1, 4), 1)


# --- properties -------------------------------------------------------------------------
fractions = st.fractions(min_value=-1000, max_value=1000, max_denominator=50)
positive = st.fractions(min_value=F(1, 10), max_value=1000, max_denominator=50)


@st.composite
def intervals(draw, values=fractions, unbounded=True):
    lo = draw(values)
    width = draw(st.fractions(min_value=0, max_value=100, max_denominator=20))
    hi = None if unbounded and draw(st.integers(0, 9)) == 0 else lo + width
    if hi is not None and width == 0:
        return Interval(lo, lo)
    return Interval(lo, INF if hi is None else hi, draw(st.booleans()), draw(st.booleans()))


def points(i: Interval) -> list[F]:
    hi = i.hi if i.bounded else i.lo + 1000
    out = [i.lo + (hi - i.lo) * F(k, 7) for k in range(1, 7)]
    if not i.lo_open:
        out.append(i.lo)
    if i.bounded and not i.hi_open:
        out.append(i.hi)
    return [x for x in out if i.contains(x)]


@given(intervals(), intervals())
def test_meets_is_symmetric(a, b):
    assert a.meets(b) == b.meets(a)


@given(intervals(), intervals(), st.fractions(min_value=0, max_value=10, max_denominator=10))
def test_widening_never_breaks_a_meeting(a, b, extra):
    wider = Interval(a.lo - extra, INF if not a.bounded else a.hi + extra, a.lo_open and extra == 0,
                     a.hi_open and extra == 0)
    if a.meets(b):
        assert wider.meets(b)


@given(intervals(), intervals())
def test_sum_and_difference_are_sound(a, b):
    for x in points(a):
        for y in points(b):
            assert (a + b).contains(x + y)
            if b.bounded:
                assert (a - b).contains(x - y)


@given(intervals(positive), intervals(positive))
def test_ratio_is_sound(a, b):
    for x in points(a):
        for y in points(b):
            assert (a / b).contains(x / y)


@given(intervals(positive, unbounded=False), intervals(positive, unbounded=False))
def test_corners_are_sound_and_tight(a, b):
    f = lambda x, y: x / (x + y)  # noqa: E731
    box = corners(f, a, b)
    for x in points(a):
        for y in points(b):
            assert box.contains(f(x, y))
    assert box.lo >= (a / (a + b)).lo and box.hi <= (a / (a + b)).hi


@settings(max_examples=200)
@given(st.lists(intervals(positive, unbounded=False), min_size=2, max_size=4), intervals(positive))
def test_widening_a_reading_never_worsens_the_verdict(parts, whole_iv):
    from mzcheck.numbers.reading import Reading

    readings = [Reading(p, p, "") for p in parts] + [Reading(whole_iv, whole_iv, "")]
    holds = lambda i: total(i[:-1]).meets(i[-1])  # noqa: E731
    before = judge(readings, holds).verdict
    widened = [Reading(r.strict, r.strict.hull(Interval(r.strict.lo - 1, r.strict.hi + 1)) if r.strict.bounded
                       else r.strict, "w") for r in readings]
    after = judge(widened, holds).verdict
    rank = {Verdict.CONSISTENT: 0, Verdict.WARNING: 1, Verdict.ERROR: 2}
    assert rank[after] <= rank[before]
    assume(before is not Verdict.CONSISTENT)
