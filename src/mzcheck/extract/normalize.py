"""Normalisation for matching that never moves an offset.

Every character maps to exactly one character, so an offset into the normalised
text is an offset into the text as read, and a figure's ``start:end`` slices the
original back to its ``raw``. Full-width forms (０-９, ％, ．, ，, ：, （）…) become
their ASCII twins; ideographic space becomes a space; ∶ (ratio colon) becomes ``:``.
"""

from __future__ import annotations

import unicodedata

_EXTRA = {
    "\u3000": " ",   # ideographic space
    "\u00a0": " ",   # no-break space
    "\u2236": ":",   # ratio colon ∶
    "\u301c": "~",   # wave dash 〜
    "\ufe6a": "%",   # small percent ﹪
    "\u2212": "-",   # minus sign −
    "\u2030": "‰",
}


def _build_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for code in range(0xFF01, 0xFF5F):  # full-width ASCII variants
        nfkc = unicodedata.normalize("NFKC", chr(code))
        if len(nfkc) == 1:
            table[code] = nfkc
    for ch, repl in _EXTRA.items():
        table[ord(ch)] = repl
    return table


_TABLE = _build_table()


def normalize(text: str) -> str:
    """Return text of the same length with full-width forms folded to ASCII."""
    out = text.translate(_TABLE)
    assert len(out) == len(text)
    return out
