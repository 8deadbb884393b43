"""Terminal output: grouped by document, ``file:line:col CODE message``, 80 columns
(CJK counted double), colour only on a TTY, one summary line at the end. Control
characters from documents are shown escaped, never sent to the terminal."""

from __future__ import annotations

import re
import unicodedata
from typing import Any, Iterable

from mzcheck.finding import SEVERITY_CN as _CHINESE
from mzcheck.report.canonical import proposals

WIDTH = 80
INDENT = "    "
#: Characters that must not start a line (Chinese line-breaking rules, 禁则).
NO_LINE_START = set("，。、；：？！）》」』”’%…·,.;:?!)]}")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_COLOURS = {"error": "\x1b[31m", "warning": "\x1b[33m", "info": "\x1b[36m"}


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in ("W", "F") else 1 for c in text)


def safe(text: str) -> str:
    """Neutralise escape sequences and other control characters a document may carry."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 256 else f"\\u{ord(m.group()):04x}",
                        str(text).replace("\t", " ").replace("\n", " ⏎ "))


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


def render(data: dict[str, Any], color: bool = False) -> str:
    return "".join(lines(data, color))


def chunks(data: dict[str, Any], *, fail_on: str = "error", color: bool = False) -> Iterable[str]:
    return lines(data, color)


def lines(data: dict[str, Any], color: bool = False):
    """The report line by line (findings arrive grouped by document, in input order)."""
    current = None
    for f in data["findings"]:
        if f["doc"] != current:
            if current is not None:
                yield "\n"
            current = f["doc"]
            yield ("\x1b[1m" if color else "") + safe(current) + ("\x1b[0m" if color else "") + "\n"
        severity = _CHINESE[f["severity"]]
        if color:
            severity = f"{_COLOURS[f['severity']]}{severity}\x1b[0m"
        location = (f"{safe(f['doc'])}:第{f['page']}页第{f['page_line']}行" if f.get("page")
                    else f"{safe(f['doc'])}:{f['line']}:{f['column']}")
        plain = f"{location} {f['code']} {_CHINESE[f['severity']]} {safe(f['name'])}"
        if display_width(plain) <= WIDTH:
            yield f"{location} {f['code']} {severity} {safe(f['name'])}\n"
        else:
            yield f"{location}\n{INDENT}{f['code']} {severity} {safe(f['name'])}\n"
        for line in wrap(safe(f["message"])):
            yield line + "\n"
        likely = proposals(f)
        for line in wrap(safe(likely)) if likely else ():
            yield line + "\n"
    if current is not None:
        yield "\n"
    s = data["summary"]
    summary = (f"{len(data['documents'])} 个文件，{s['checks']} 项检查，{s['findings']} 个问题"
               f"（错误 {s['error']}，警告 {s['warning']}，提示 {s['info']}）")
    waived = data.get("options", {}).get("waived")
    if waived:
        summary += f"，已豁免 {waived} 个"
    if len(data["documents"]) > 1 and s.get("by_rule"):
        rules = "，".join(f"{code} {n}" for code, n in sorted(s["by_rule"].items(), key=lambda kv: (-kv[1], kv[0])))
        for line in wrap(f"按规则：{rules}", indent=""):
            yield line + "\n"
        worst = s.get("by_document", [])[:10]
        if worst:
            yield "问题最多的文件：\n"
            for row in worst:
                for line in wrap(f"{safe(row['doc'])}  错误 {row['error']}，警告 {row['warning']}，提示 {row['info']}",
                                 indent="  "):
                    yield line + "\n"
    for line in wrap(summary, indent=""):
        yield line + "\n"
