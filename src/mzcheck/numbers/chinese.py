"""Chinese numerals → exact values.

Handles the forms official prose uses: 两, 六, 十二, 一百二十, 一万二千, 三点五,
二〇二二 (digit by digit), 百分之五, 三分之一.
"""

from __future__ import annotations

from fractions import Fraction

DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
          "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
BIG_UNITS = {"万": 10_000, "亿": 100_000_000}
NUMERAL_CHARS = "".join(DIGITS) + "".join(SMALL_UNITS) + "".join(BIG_UNITS)


def parse_integer(s: str) -> int:
    """Parse a Chinese integer numeral (一百二十 → 120, 二〇二二 → 2022).

    Raises ValueError for anything that is not a well-formed numeral.
    """
    if not s or any(c not in NUMERAL_CHARS for c in s):
        raise ValueError(f"not a Chinese numeral: {s!r}")
    if all(c in DIGITS for c in s) and len(s) > 1:
        # digit-by-digit form: 二〇二二
        return int("".join(str(DIGITS[c]) for c in s))
    total = 0       # completed 亿/万 sections
    section = 0     # value below the current big unit
    digit = None    # pending digit
    for c in s:
        if c in DIGITS:
            if digit is not None and DIGITS[c] != 0:
                raise ValueError(f"two digits in a row: {s!r}")
            digit = DIGITS[c] if DIGITS[c] != 0 else None
        elif c in SMALL_UNITS:
            section += (1 if digit is None else digit) * SMALL_UNITS[c]
            digit = None
        else:  # 万 / 亿
            section += digit or 0
            digit = None
            if section == 0 and total == 0:
                section = 1
            if c == "亿":
                total = (total + section) * BIG_UNITS[c]
            else:
                total = total + section * BIG_UNITS[c]
            section = 0
    return total + section + (digit or 0)


def parse_decimal(s: str) -> tuple[Fraction, int]:
    """Parse 三点五 → (7/2, 1 decimal). Integers give 0 decimals."""
    if "点" in s:
        whole, _, frac = s.partition("点")
        if not frac or any(c not in DIGITS for c in frac):
            raise ValueError(f"bad decimal numeral: {s!r}")
        digits = "".join(str(DIGITS[c]) for c in frac)
        value = Fraction(parse_integer(whole) if whole else 0) + Fraction(int(digits), 10 ** len(digits))
        return value, len(digits)
    return Fraction(parse_integer(s)), 0


def arabic(s: str) -> str:
    """The Arabic rendering of a Chinese numeral, keeping written decimals."""
    value, decimals = parse_decimal(s)
    if decimals == 0:
        return str(value.numerator)
    scaled = value * 10 ** decimals
    text = str(scaled.numerator).rjust(decimals + 1, "0")
    return f"{text[:-decimals]}.{text[-decimals:]}"
