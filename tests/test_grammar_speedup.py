"""The first-character guards on the grammars are pure speed: they never change a match."""

from __future__ import annotations

import re

from hypothesis import given, settings, strategies as st

from conftest import SAMPLE, corpus_files
from mzcheck.extract import grammar as g
from mzcheck.extract.normalize import normalize

SKIP_PLAIN = re.compile(g.SKIP_PLAIN, re.M | re.ASCII)
FIGURE_PLAIN = re.compile(g.FIGURE_PLAIN, re.ASCII)
ALPHABET = st.sampled_from(list("0123456789.,-+:/%~ 一二两三十百千万亿第年月日号《》“”()〔〕[]aZ_@元人个级届大是、\n")
                           + ["http://", "www.", "热线", "位数", "次全会", "季度", "年代", "一老一小", "千家万户"])


def spans(rx: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in rx.finditer(text)]


def same(text: str) -> None:
    assert spans(g.SKIP_RE, text) == spans(SKIP_PLAIN, text)
    assert spans(g.FIGURE_RE, text) == spans(FIGURE_PLAIN, text)


def test_same_matches_on_real_reports():
    for path in [SAMPLE, *corpus_files()]:
        same(normalize(path.read_text(encoding="utf-8")))


@settings(max_examples=400, deadline=None)
@given(st.lists(ALPHABET, max_size=60).map("".join))
def test_same_matches_on_generated_text(text):
    same(text)


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_same_matches_on_arbitrary_text(text):
    same(normalize(text))


def test_only_ascii_digits_are_digits():
    # \d would take ᱀ (Lepcha zero) or ٣ (Arabic-Indic three); figures use 0-9 only
    from mzcheck.extract import extract_text

    assert extract_text("᱀人 ٣元 ৫%", "t") == []
    same("᱀")
