"""Exact numbers: Chinese numerals, units, scales and qualifiers."""
