"""Word .docx → text with python-docx: paragraphs and tables in body order, and the text
boxes a paragraph anchors (read once: Word stores each box twice, as DrawingML and as a
VML fallback for old readers)."""

from __future__ import annotations

import io

from mzcheck.errors import InputError


def docx_text(data: bytes, name: str) -> str:
    import zipfile

    from docx import Document as open_docx
    from docx.table import Table

    from mzcheck.ingest.zipguard import check_zip

    check_zip(data, name, ".docx")
    try:
        document = open_docx(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError):
        raise InputError(name, "不是有效的 .docx 文件") from None
    except Exception as exc:  # python-docx raises library-specific errors for broken parts
        raise InputError(name, f"无法读取 .docx（{type(exc).__name__}）") from None
    lines: list[str] = []
    try:
        for block in document.iter_inner_content():
            if isinstance(block, Table):
                for row in block.rows:
                    cells = [cell.text.strip() for cell in row.cells]
                    lines.append("| " + " | ".join(cells) + " |")
            else:
                lines.append(block.text)
                lines.extend(_text_boxes(block._p))
    except Exception as exc:  # a part that parsed but does not hold what Word writes
        raise InputError(name, f"无法读取 .docx（{type(exc).__name__}）") from None
    return "\n".join(lines)


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


def _text_boxes(paragraph) -> list[str]:
    """Lines of the text boxes anchored in a paragraph, without their VML duplicates."""
    out: list[str] = []
    for box in paragraph.iter(f"{_W}txbxContent"):
        if any(a.tag == _FALLBACK for a in box.iterancestors()):
            continue
        for p in box.iter(f"{_W}p"):
            out.append("".join(t.text or "" for t in p.iter(f"{_W}t")))
    return out
