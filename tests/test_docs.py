"""The worked examples in docs/numbers.md run as doctests: the page stays true."""

from __future__ import annotations

import doctest

from conftest import ROOT


def test_numbers_page_examples_run():
    result = doctest.testfile(str(ROOT / "docs" / "numbers.md"), module_relative=False,
                              optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted >= 20 and result.failed == 0
