"""HTML → text with BeautifulSoup (lxml): script and style dropped, blocks as lines."""

from __future__ import annotations

import re

from mzcheck.errors import InputError
from mzcheck.ingest.decode import decode_text
from mzcheck.limits import CELLS

_DROP = {"script", "style", "noscript", "template", "head", "svg", "iframe", "object"}
_BLOCK = {
    "address", "article", "aside", "blockquote", "body", "caption", "dd", "div", "dl", "dt",
    "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
    "header", "hr", "html", "li", "main", "nav", "ol", "p", "pre", "section", "table", "tbody",
    "thead", "tfoot", "tr", "ul", "title",
}
_CELL = {"td", "th"}
_END = object()       # sentinel: a block element closes
_CELL_END = object()  # sentinel: a table cell closes
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)


def html_text(data: bytes, name: str) -> tuple[str, str]:
    import warnings

    from bs4 import BeautifulSoup, Comment, MarkupResemblesLocatorWarning, NavigableString, Tag

    declared = None
    m = _META_CHARSET.search(data[:4096])
    if m:
        declared = m.group(1).decode("ascii").lower()
        if declared in ("gb2312", "gbk"):
            declared = "gb18030"
    cells = data.count(b"<td") + data.count(b"<th") + data.count(b"<TD") + data.count(b"<TH")
    if cells > CELLS.value():            # before a parser builds a tree of every cell
        raise InputError(name, CELLS.refusal(f"表格过大（约 {cells} 个单元格）"))
    markup, encoding = decode_text(data, name, declared)
    with warnings.catch_warnings():
        # a document that happens to look like a file name or URL is still a document
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        soup = BeautifulSoup(markup, "lxml")
    title = soup.title.get_text(" ", strip=True) if soup.title else ""
    out: list[str] = [title, "\n"] if title else []
    stack: list[object] = [soup]
    # iterative walk: deep documents must not hit the recursion limit
    while stack:
        node = stack.pop()
        if node is _END:
            out.append("\n")
            continue
        if node is _CELL_END:
            out.append(" | ")
            continue
        if isinstance(node, Comment):
            continue
        if isinstance(node, NavigableString):
            out.append(re.sub(r"[ \t\r\n]+", " ", str(node)))
            continue
        if not isinstance(node, Tag):
            continue
        tag = node.name.lower() if node.name else ""
        if tag in _DROP:
            continue
        if tag == "br":
            out.append("\n")
            continue
        if tag in _BLOCK:
            out.append("\n")
            stack.append(_END)
        elif tag in _CELL:
            stack.append(_CELL_END)
        stack.extend(reversed(list(node.children)))
    text = "".join(out)
    lines = [line.strip() for line in text.split("\n")]
    return "\n".join(line for line in lines if line), encoding
