"""Limits on the work one input may cause, each with its setting (an environment variable).

Archives that auditors receive are untrusted: a 1 MB .docx can inflate to gigabytes, a
25 MB HTML page can hold 300,000 table rows. Every reader checks its input against
these limits *before* the expensive step and refuses with one line that names the
limit and the variable that raises it. A malformed value is a configuration error,
never an internal one.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from mzcheck.errors import ConfigError


@dataclass(frozen=True)
class Limit:
    variable: str
    default: int
    unit: str          # how the value reads in a message: "MB", "个单元格" …
    scale: int = 1     # bytes per unit, for MB

    def value(self) -> int:
        text = os.environ.get(self.variable, "").strip()
        if not text:
            return self.default * self.scale
        try:
            number = int(text)
        except ValueError:
            raise ConfigError(f"${self.variable}", None, f"应为正整数，而不是 {text!r}") from None
        if number <= 0:
            raise ConfigError(f"${self.variable}", None, f"应为正整数，而不是 {text!r}")
        return number * self.scale

    def shown(self) -> str:
        return f"{self.value() // self.scale} {self.unit}".replace(" 个", "个")

    def refusal(self, what: str) -> str:
        """The one line that refuses an input: what it is, the limit, and how to raise it."""
        return f"{what}，上限 {self.shown()}；确属正常可设置 {self.variable}"


MiB = 1024 * 1024

#: Bytes of one input file.
FILE_MB = Limit("MZCHECK_MAX_MB", 32, "MB", MiB)
#: Bytes a .docx/.xlsx may inflate to, all its parts together.
UNZIPPED_MB = Limit("MZCHECK_MAX_UNZIPPED_MB", 200, "MB", MiB)
#: How much one part of a .docx/.xlsx may inflate relative to its compressed size.
ZIP_RATIO = Limit("MZCHECK_MAX_ZIP_RATIO", 100, "倍")
#: Table cells in one document (every table of it together).
CELLS = Limit("MZCHECK_MAX_CELLS", 800_000, "个单元格")
#: Figures in one document.
FIGURES = Limit("MZCHECK_MAX_FIGURES", 200_000, "个数字")
#: Pages of one PDF, and the characters of its text layer.
PDF_PAGES = Limit("MZCHECK_MAX_PDF_PAGES", 1000, "页")
PDF_CHARS = Limit("MZCHECK_MAX_CHARS", 20_000_000, "个字符")
#: Folders below a folder given (a tree deeper than this is not walked further).
DEPTH = Limit("MZCHECK_MAX_DEPTH", 100, "层")

ALL = (FILE_MB, UNZIPPED_MB, ZIP_RATIO, CELLS, FIGURES, PDF_PAGES, PDF_CHARS, DEPTH)


def check_environment() -> None:
    """Read every limit once, so a malformed variable fails the run at its start."""
    for limit in ALL:
        limit.value()
