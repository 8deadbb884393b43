"""Property tests (issue 8): the expression parser raises nothing but its own error, and
every reporter turns any Unicode into valid output with the document's text escaped."""

from __future__ import annotations

import json

from hypothesis import given, settings, strategies as st

from mzcheck.finding import DocumentInfo, Finding, Mark, RunResult, Severity
from mzcheck.numbers.interval import INF, Interval
from mzcheck.numbers.expr import ExprError, parse

EXPR_PARTS = st.sampled_from(["a", "b", "社会组织数", "+", "-", "*", "/", "×", "÷", "==", "<=", ">=", "<", ">", "(", ")",
                              "sum(", "min(", "max(", "abs(", "label(", '"x"', ",", "1", "0", "1.5", "1e3", "and",
                              "or", "not", "__import__", ".", "[", "]", "lambda", ":", "'", "**", "%", "\\", " "])


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.text(max_size=60), st.lists(EXPR_PARTS, max_size=25).map("".join)),
       st.lists(st.tuples(st.fractions(-100, 100, max_denominator=10), st.fractions(0, 50, max_denominator=10),
                          st.booleans()), min_size=3, max_size=3))
def test_expressions_raise_only_their_own_error(source, boxes):
    try:
        expr = parse(source)
    except ExprError:
        return
    intervals = [Interval(lo, INF if unbounded else lo + width) for lo, width, unbounded in boxes]
    values = {name: intervals[i % 3] for i, name in enumerate(expr.names)}
    values.update({f"label:{x}": intervals[0] for x in expr.labels})
    try:
        assert isinstance(expr.holds(values), bool)
    except ExprError:
        pass
    expr.value("left", values)


HOSTILE = st.text(alphabet=st.characters(codec="utf-8"), max_size=40) | st.sampled_from(
    ["<script>alert(1)</script>", "]]><x>", "\x1b[2J\x07", "{{ 7*7 }}", "%0A::error::x", "\u202e", "a\r\nb", "&amp;"])


def result_of(text, message, label, name):
    mark = Mark("F0001", text[:5] or "1", 0, min(len(text), 5), label)
    info = DocumentInfo(name, "txt", "utf-8", len(text), 1, text, (mark,) if text else ())
    ref = Mark("F0001", mark.raw, mark.start, mark.end, label)
    finding = Finding("MZ302", "share-mismatch", Severity.ERROR, message, name, (ref,), None, 1, 1, message, label,
                      message, "0123456789abcdef")
    return RunResult((info,), (), (finding,), ("MZ302",))


@settings(max_examples=150, deadline=None)
@given(HOSTILE, HOSTILE, HOSTILE, HOSTILE)
def test_every_format_stays_valid(text, message, label, name):
    from lxml import etree, html as lhtml

    from mzcheck.report import render as _render
    from mzcheck.report.canonical import result_dict

    data = result_dict(result_of(text, message, label, name or "doc.txt"))
    as_json = json.loads(_render(data, "json", "error", color=False))
    assert as_json["findings"][0]["message"] == message
    etree.fromstring(_render(data, "junit", "error", color=False).encode("utf-8"))
    json.loads(_render(data, "sarif", "error", color=False))
    github = _render(data, "github", "error", color=False)
    assert github.count("\n") == 1 and github.startswith("::error ")
    terminal = _render(data, "text", "error", color=False)
    assert not any(ord(c) < 32 and c != "\n" for c in terminal) and "\x1b" not in terminal
    page = _render(data, "html", "error", color=False)
    assert page.count("<script") == 1                     # ours only: document text is never markup
    tree = lhtml.fromstring(page)
    assert len(tree.xpath("//script")) == 1 and not tree.xpath("//img")
