"""Bytes → text: UTF-8 (with or without BOM) or GB18030/GBK, detected, never guessed.

Strict UTF-8 is tried first (exact and cheap); otherwise charset-normalizer picks the
encoding. Binary content is recognised by its signature or by NUL and control bytes
and refused with a clear reason.
"""

from __future__ import annotations

from mzcheck.errors import InputError

_SIGNATURES = (
    (b"%PDF-", "PDF"),
    (b"PK\x03\x04", "ZIP/Office 压缩包"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "旧版 Office 文档（.doc/.xls）"),
    (b"\x89PNG\r\n\x1a\n", "PNG 图片"),
    (b"\xff\xd8\xff", "JPEG 图片"),
    (b"GIF8", "GIF 图片"),
    (b"\x7fELF", "可执行文件"),
    (b"\x1f\x8b", "gzip 压缩包"),
)
_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
_CONTROL = set(range(0, 32)) - {9, 10, 12, 13, 27}


def sniff_binary(data: bytes) -> str | None:
    """The kind of binary content, or None when the bytes may be text."""
    for sig, kind in _SIGNATURES:
        if data.startswith(sig):
            return kind
    if any(data.startswith(bom) for bom, _ in _BOMS):
        return None
    head = data[:8192]
    if b"\x00" in head and _utf16_without_bom(data) is None:
        return "二进制数据"
    return None


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text saved without a byte-order mark, told apart from binary by decoding.

    Only when the bytes are not UTF-8: valid UTF-8 with a NUL in it is binary content.
    """
    if len(data) % 2:
        return None
    try:
        data.decode("utf-8")
        return None
    except UnicodeDecodeError:
        pass
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        sample = text[:4000]
        cjk = sum(1 for c in sample if "\u4e00" <= c <= "\u9fff")
        if _looks_like_text(text) and cjk >= len(sample) * 0.2:
            return text
    return None


def _looks_like_text(text: str) -> bool:
    if not text:
        return True
    sample = text[:20000]
    bad = sum(1 for c in sample if ord(c) in _CONTROL or c == "\ufffd")
    return bad <= max(4, len(sample) // 100)


def decode_text(data: bytes, name: str, declared: str | None = None) -> tuple[str, str]:
    """Decode report bytes; returns (text, encoding). Raises InputError if not text."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError:
                raise InputError(name, f"以 {encoding} 标记开头但无法解码") from None
    if b"\x00" in data[:8192]:
        text16 = _utf16_without_bom(data)
        if text16 is not None:
            return text16, "utf-16"
    candidates = ["utf-8"]
    if declared:
        candidates.append(declared)
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        if _looks_like_text(text):
            return text, encoding
        raise InputError(name, "不是文本文件（含大量控制字符）")
    lenient = data.decode("utf-8", errors="replace")
    bad = lenient.count("\ufffd")
    if bad and bad <= max(3, len(lenient) // 1000) and _looks_like_text(lenient.replace("\ufffd", "")):
        return lenient, "utf-8（含无效字节，已替换为 \ufffd）"   # a few broken bytes in UTF-8 text
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=["gb18030", "big5", "utf_16", "utf_32", "cp1252"]).best()
    if best is None:
        raise InputError(name, "无法识别文件编码（不是 UTF-8 或 GB18030 文本）")
    encoding = best.encoding
    if encoding in ("gbk", "gb2312", "hz"):
        encoding = "gb18030"  # the superset decodes everything GBK does
    text = data.decode(encoding, errors="strict") if encoding == "gb18030" else str(best)
    if not _looks_like_text(text):
        raise InputError(name, "不是文本文件（含大量控制字符）")
    return text, encoding
