"""The pipeline without printing: paths → documents → figures (→ later, findings).

Nothing here exits or writes to a terminal; :mod:`mzcheck.cli` does that.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

from mzcheck.extract import extract_text
from mzcheck.figures import Figure
from mzcheck.ingest import Document, read_document


def extract_document(doc: Document) -> list[Figure]:
    return extract_text(doc.text, doc.name)


def extract_paths(paths: Iterable[str | Path]) -> tuple[list[Document], list[Figure]]:
    """Read every path (in the order given) and extract its figures."""
    docs = [read_document(p) for p in paths]
    figures = [f for d in docs for f in extract_document(d)]
    return docs, figures
