"""Ingest: a file on disk → a :class:`Document` (its text as read, with a name).

One reader per format; the format is decided by the file's extension and confirmed
by its bytes (a PDF or a zip renamed ``.txt`` is refused, not misread).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from mzcheck.errors import InputError
from mzcheck.ingest.decode import decode_text, sniff_binary

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
DOCX_SUFFIXES = {".docx"}
TABLE_SUFFIXES = {".csv", ".tsv", ".xlsx"}
SUPPORTED = sorted(TEXT_SUFFIXES - {""} | HTML_SUFFIXES | DOCX_SUFFIXES | TABLE_SUFFIXES)
#: A report is rarely above a few MB of text; beyond this a file is refused, clearly,
#: rather than checked for minutes (split such a file, or raise the limit).
MAX_BYTES = int(os.environ.get("MZCHECK_MAX_MB", "32")) * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Document:
    """A report's text as read: offsets in every figure point into ``text``."""

    name: str
    text: str
    format: str      # txt | md | html | docx | csv | xlsx
    encoding: str    # utf-8, utf-8-sig, gb18030 … or "docx"/"xlsx"
    tables: tuple = field(default=())   # ingest.tables.RawTable read from a table file


def read_document(path: str | Path) -> Document:
    """Read one report. Raises :class:`InputError` with a one-line Chinese reason."""
    p = Path(path)
    name = str(path)
    if p.is_dir():
        raise InputError(name, "是目录，不是文件")
    try:
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise InputError(name, f"文件过大（{size / 2**20:.0f} MB，上限 {MAX_BYTES // 2**20} MB；"
                                   f"请拆分，或设置 MZCHECK_MAX_MB）")
        data = p.read_bytes()
    except FileNotFoundError:
        raise InputError(name, "文件不存在") from None
    except PermissionError:
        raise InputError(name, "无法读取（没有权限）") from None
    except OSError as exc:
        raise InputError(name, f"无法读取（{exc.strerror or exc}）") from None
    suffix = p.suffix.lower()
    if suffix in TABLE_SUFFIXES:
        from mzcheck.ingest.tables import read_table_bytes

        return Document(name, "", suffix.lstrip("."), "xlsx" if suffix == ".xlsx" else "text",
                        tuple(read_table_bytes(data, name, suffix)))
    if suffix in DOCX_SUFFIXES:
        from mzcheck.ingest.docx import docx_text

        return Document(name, docx_text(data, name), "docx", "docx")
    kind = sniff_binary(data)
    if kind is not None:
        raise InputError(name, f"不是文本文件（内容是{kind}）")
    if suffix in HTML_SUFFIXES:
        from mzcheck.ingest.html import html_text

        text, encoding = html_text(data, name)
        return Document(name, text, "html", encoding)
    if suffix in TEXT_SUFFIXES:
        text, encoding = decode_text(data, name)
        return Document(name, text, "md" if suffix in {".md", ".markdown"} else "txt", encoding)
    raise InputError(name, f"不支持的文件类型 {suffix}（支持：{' '.join(SUPPORTED)}）")
