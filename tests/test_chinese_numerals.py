from fractions import Fraction

import pytest
from hypothesis import given, strategies as st

from mzcheck.numbers.chinese import arabic, parse_decimal, parse_integer


@pytest.mark.parametrize("text,value", [
    ("一", 1), ("两", 2), ("十", 10), ("十二", 12), ("二十", 20), ("一百二十", 120),
    ("一百零五", 105), ("一千零一", 1001), ("两万", 20000), ("一万二千", 12000),
    ("十万", 100000), ("三亿五千万", 350000000), ("二〇二二", 2022), ("一亿", 100000000),
])
def test_integers(text, value):
    assert parse_integer(text) == value


@pytest.mark.parametrize("text", ["", "一十一一", "abc", "五四三二一x", "三百五五"])
def test_bad_numerals_raise(text):
    with pytest.raises(ValueError):
        parse_integer(text)


def test_decimals():
    assert parse_decimal("三点五") == (Fraction(7, 2), 1)
    assert parse_decimal("零点零五") == (Fraction(1, 20), 2)
    assert arabic("三点五零") == "3.50"


_DIG = "零一二三四五六七八九"


def _to_chinese(n: int) -> str:
    """Reference writer for 1..99999999 (standard form, 零 for gaps)."""
    def section(v: int) -> str:
        out, zero = "", False
        for unit, power in (("千", 1000), ("百", 100), ("十", 10), ("", 1)):
            d = v // power % 10
            if d:
                if zero and out:
                    out += "零"
                out += _DIG[d] + unit
                zero = False
            else:
                zero = True
        return out
    hi, lo = divmod(n, 10000)
    if hi:
        return section(hi) + "万" + ("零" if 0 < lo < 1000 else "") + section(lo)
    return section(lo)


@given(st.integers(min_value=1, max_value=99_999_999))
def test_round_trip_with_reference_writer(n):
    assert parse_integer(_to_chinese(n)) == n
