"""Extraction: text → figure mentions → the figures table."""

from mzcheck.extract.mentions import extract_text

__all__ = ["extract_text"]
