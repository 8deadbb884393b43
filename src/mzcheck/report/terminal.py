"""Terminal output that fits 80 columns, counting CJK characters as two."""

from __future__ import annotations

import unicodedata

from mzcheck.finding import RunResult

WIDTH = 80
INDENT = "    "
#: Characters that must not start a line (Chinese line-breaking rules, 禁则).
NO_LINE_START = set("，。、；：？！）》」』”’%…·,.;:?!)]}")


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in ("W", "F") else 1 for c in text)


def wrap(text: str, width: int = WIDTH, indent: str = INDENT) -> list[str]:
    """Wrap by display width; CJK may break anywhere, Latin words stay whole."""
    lines: list[str] = []
    room = width - display_width(indent)
    current, used = "", 0
    tokens: list[str] = []
    word = ""
    for c in text:
        if c.isascii() and not c.isspace():
            word += c
            continue
        if word:
            tokens.append(word)
            word = ""
        tokens.append(c)
    if word:
        tokens.append(word)
    for tok in tokens:
        w = display_width(tok)
        if used + w > room and current:
            carry = ""
            if tok in NO_LINE_START and len(current) > 1:
                carry, current = current[-1], current[:-1]   # take a character along instead
            lines.append(indent + current.rstrip())
            current, used = carry, display_width(carry)
            if tok.isspace():
                continue
        while w > room:  # a single token longer than a line
            lines.append(indent + tok[:room])
            tok = tok[room:]
            w = display_width(tok)
        current += tok
        used += w
    if current.strip():
        lines.append(indent + current.rstrip())
    return lines


def render(result: RunResult) -> str:
    out: list[str] = []
    for f in result.findings:
        location = f"{f.doc}:{f.line}:{f.column}:"
        head = f"{location} {f.code} {f.severity.chinese} {f.name}"
        if display_width(head) <= WIDTH:
            out.append(head)
        else:
            out.append(location)
            out.append(f"{INDENT}{f.code} {f.severity.chinese} {f.name}")
        out.extend(wrap(f.message))
    counts = result.counts()
    docs = len(result.documents)
    summary = (f"{docs} 个文件，{len(result.checks)} 项检查，{len(result.findings)} 个问题"
               f"（错误 {counts['error']}，警告 {counts['warning']}，提示 {counts['info']}）")
    if out:
        out.append("")
    out.extend(wrap(summary, indent=""))
    return "\n".join(out) + "\n"
