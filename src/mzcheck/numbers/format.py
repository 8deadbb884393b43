"""Exact values as text: without loss (format_exact) or rounded for display (format_decimal)."""

from __future__ import annotations

from fractions import Fraction


def format_exact(value: Fraction | None) -> str:
    """Render an exact value as a plain decimal when it terminates, else ``n/d``."""
    if value is None:
        return ""
    value = Fraction(value)
    den = value.denominator
    twos = fives = 0
    while den % 2 == 0:
        den //= 2
        twos += 1
    while den % 5 == 0:
        den //= 5
        fives += 1
    if den != 1:
        return f"{value.numerator}/{value.denominator}"
    places = max(twos, fives)
    if places == 0:
        return str(value.numerator)
    scaled = abs(value) * 10**places
    digits = str(scaled.numerator).rjust(places + 1, "0")
    text = f"{digits[:-places]}.{digits[-places:]}".rstrip("0").rstrip(".")
    return ("-" if value < 0 else "") + text


def format_decimal(value: Fraction, places: int = 4) -> str:
    """For display: exact when it terminates within ``places`` decimals, else rounded.

    Verdicts never depend on this; it only prints values in messages.
    """
    value = Fraction(value)
    exact = format_exact(value)
    if "/" not in exact and len(exact.partition(".")[2]) <= places:
        return exact
    q = round(value * 10**places) / Fraction(10**places)
    return format_exact(q)


def parse_exact(text: str) -> Fraction | None:
    """Inverse of :func:`format_exact`."""
    return Fraction(text) if text else None
