"""Ingest: a file on disk → a :class:`Document` (its text as read, with a name).

One reader per format; the format is decided by the file's extension and confirmed
by its bytes (a PDF or a zip renamed ``.txt`` is refused, not misread). Only regular
files are read, and never more than the file-size limit (``mzcheck.limits``): a link
to ``/dev/zero`` or a named pipe is refused before a byte is read. A PDF is known by its
bytes (``%PDF-``), whatever its name.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from mzcheck.errors import InputError
from mzcheck.ingest.decode import decode_text, sniff_binary
from mzcheck.limits import FILE_MB

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
DOCX_SUFFIXES = {".docx"}
TABLE_SUFFIXES = {".csv", ".tsv", ".xlsx"}
PDF_SUFFIXES = {".pdf"}
SUPPORTED = sorted(TEXT_SUFFIXES - {""} | HTML_SUFFIXES | DOCX_SUFFIXES | TABLE_SUFFIXES | PDF_SUFFIXES)


@dataclass(frozen=True, slots=True)
class Document:
    """A report's text as read: offsets in every figure point into ``text``.

    ``unread`` lists what a reader could not read in an otherwise readable document
    (a formula with no cached value, a CSV quote never closed, a .docx with no text):
    each becomes a finding, so that no finding never means "not read".
    """

    name: str
    text: str
    format: str      # txt | md | html | docx | pdf | csv | xlsx
    encoding: str    # utf-8, utf-8-sig, gb18030 … or "docx"/"xlsx"/"pdf"
    tables: tuple = field(default=())   # ingest.tables.RawTable read from a table file
    unread: tuple[tuple[str, int], ...] = ()   # (what could not be read, line or 0)
    pages: tuple[int, ...] = ()         # PDF: where each page starts in ``text``

    def page_of(self, offset: int) -> int:
        """The 1-based page an offset falls on (0 when the document has no pages)."""
        from bisect import bisect_right

        return bisect_right(self.pages, offset) if self.pages else 0


_KINDS = ((stat.S_ISCHR, "字符设备"), (stat.S_ISBLK, "块设备"), (stat.S_ISFIFO, "命名管道"),
          (stat.S_ISSOCK, "套接字"), (stat.S_ISDIR, "目录"))


def file_kind(mode: int) -> str | None:
    """What a non-regular file is, in words (None for a regular file)."""
    if stat.S_ISREG(mode):
        return None
    return next((word for test, word in _KINDS if test(mode)), "特殊文件")


def read_bytes(path: str | Path) -> bytes:
    """The bytes of a regular file, at most the file-size limit; refused otherwise."""
    name = str(path)
    limit = FILE_MB.value()
    try:
        st = os.stat(name)           # follows a link: its target decides
        kind = file_kind(st.st_mode)
        if kind == "目录":
            raise InputError(name, "是目录，不是文件")
        if kind is not None:
            raise InputError(name, f"不是普通文件（是{kind}），拒绝读取")
        if st.st_size > limit:
            raise InputError(name, FILE_MB.refusal(f"文件过大（{st.st_size / 2**20:.0f} MB）"))
        fd = os.open(name, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
        try:
            if file_kind(os.fstat(fd).st_mode) is not None:     # replaced since it was looked at
                raise InputError(name, "不是普通文件，拒绝读取")
            chunks, size = [], 0
            while size <= limit:
                chunk = os.read(fd, min(1 << 20, limit + 1 - size))
                if not chunk:
                    break
                chunks.append(chunk)
                size += len(chunk)
        finally:
            os.close(fd)
    except FileNotFoundError:
        raise InputError(name, "文件不存在") from None
    except PermissionError:
        raise InputError(name, "无法读取（没有权限）") from None
    except OSError as exc:
        raise InputError(name, f"无法读取（{exc.strerror or exc}）") from None
    if size > limit:
        raise InputError(name, FILE_MB.refusal("文件过大"))
    return b"".join(chunks)


def read_document(path: str | Path) -> Document:
    """Read one report. Raises :class:`InputError` with a one-line Chinese reason."""
    p = Path(path)
    name = str(path)
    data = read_bytes(name)
    suffix = p.suffix.lower()
    if suffix in TABLE_SUFFIXES:
        from mzcheck.ingest.tables import read_table_bytes

        tables, unread = read_table_bytes(data, name, suffix)
        return Document(name, "", suffix.lstrip("."), "xlsx" if suffix == ".xlsx" else "text", tuple(tables),
                        tuple(unread))
    if suffix in PDF_SUFFIXES or (data.startswith(b"%PDF-") and suffix not in DOCX_SUFFIXES):
        if not data.startswith(b"%PDF-"):
            raise InputError(name, "不是 PDF 文件（缺少 %PDF- 文件头）")
        from mzcheck.ingest.pdf import pdf_text

        text, pages = pdf_text(data, name)
        return Document(name, text, "pdf", "pdf", pages=pages)
    if suffix in DOCX_SUFFIXES:
        from mzcheck.ingest.docx import docx_text

        text = docx_text(data, name)
        empty: tuple[tuple[str, int], ...] = (("没有读到文字（.docx 中没有可读的正文或表格）", 0),)
        return Document(name, text, "docx", "docx", unread=empty if not text.strip() else ())
    kind = sniff_binary(data)
    if kind is not None:
        raise InputError(name, f"不是文本文件（内容是{kind}）")
    if suffix in HTML_SUFFIXES:
        from mzcheck.ingest.html import html_text

        text, encoding = html_text(data, name)
        nothing: tuple[tuple[str, int], ...] = (("没有读到文字（HTML 中没有可读的正文）", 0),)
        return Document(name, text, "html", encoding, unread=nothing if data.strip() and not text.strip() else ())
    if suffix in TEXT_SUFFIXES:
        text, encoding = decode_text(data, name)
        return Document(name, text, "md" if suffix in {".md", ".markdown"} else "txt", encoding)
    raise InputError(name, f"不支持的文件类型 {suffix}（支持：{' '.join(SUPPORTED)}）")
