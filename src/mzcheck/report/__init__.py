"""Reporters: every format rendered from the canonical result dict (``canonical``).

One module per format, each with ``chunks(data, *, fail_on, color)`` giving the report
as pieces of text. Formats that stream (``json``, ``text``) read a long run's documents,
checks and findings from disk as they write; the others are built whole from a
materialised result. A new format is one module plus a line in :data:`REPORTERS`.
Modules are imported only when their format is asked for (Jinja2 is heavy).
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable


@dataclass(frozen=True)
class Reporter:
    name: str
    module: str
    streams: bool
    extensions: tuple[str, ...]


REPORTERS: dict[str, Reporter] = {r.name: r for r in (
    Reporter("text", "terminal", True, (".txt", ".log")),
    Reporter("json", "canonical", True, (".json",)),
    Reporter("junit", "junit", False, (".xml",)),
    Reporter("sarif", "sarif", False, (".sarif",)),
    Reporter("github", "github", False, ()),
    Reporter("html", "html", False, (".html", ".htm")),
)}
FORMATS: tuple[str, ...] = tuple(REPORTERS)


def format_for_path(path: str) -> str | None:
    """The format a file name asks for by its extension, if any."""
    suffix = Path(path).suffix.lower()
    return next((r.name for r in REPORTERS.values() if suffix in r.extensions), None)


def render_chunks(data: dict[str, Any], fmt: str, fail_on: str = "error", color: bool = False) -> Iterable[str]:
    """The report in ``fmt`` as pieces of text."""
    reporter = REPORTERS[fmt]
    module = importlib.import_module(f"mzcheck.report.{reporter.module}")
    if not reporter.streams:
        from mzcheck.report.canonical import materialize

        data = materialize(data)
    return module.chunks(data, fail_on=fail_on, color=color)


def render(data: dict[str, Any], fmt: str, fail_on: str = "error", color: bool = False) -> str:
    return "".join(render_chunks(data, fmt, fail_on, color))
