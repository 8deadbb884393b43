"""Every rule has a code, a kebab-case name, a severity and a page whose failing and
passing examples are run here, through the rule itself."""

from __future__ import annotations

import pytest

from mzcheck.engine import Options, check_documents
from mzcheck.ingest import Document
from mzcheck.rules.registry import CODE_RE, NAME_RE, all_rules

RULES = [r for r in all_rules() if r.check is not None]


def run(rule_code: str, text: str):
    text = text.replace("\\n", "\n")
    result = check_documents([Document("example.txt", text, "txt", "utf-8")], Options(select=(rule_code,)))
    mine = [c for c in result.checks if c.code == rule_code]
    return mine, [f for f in result.findings if f.code == rule_code], result


@pytest.mark.parametrize("r", all_rules(), ids=lambda r: r.code)
def test_rule_metadata(r):
    assert CODE_RE.fullmatch(r.code) and NAME_RE.fullmatch(r.name)
    assert r.page.startswith(r.summary) and len(r.page) > 80
    assert "Why it matters" in r.page


def test_codes_and_names_are_unique():
    rules = all_rules()
    assert len({r.code for r in rules}) == len(rules) == len({r.name for r in rules})


@pytest.mark.parametrize("r", RULES, ids=lambda r: r.code)
def test_failing_example_fails(r):
    examples = r.example("Fails")
    assert examples, f"{r.code} page has no Fails: example"
    for text in examples:
        _, findings, result = run(r.code, text)
        assert findings, f"{r.code} did not fire on its failing example: {text}"
        assert not [f for f in result.findings if f.code == "MZ901"]


@pytest.mark.parametrize("r", RULES, ids=lambda r: r.code)
def test_passing_example_passes(r):
    examples = r.example("Passes")
    assert examples, f"{r.code} page has no Passes: example"
    ran = 0
    for text in examples:
        checks, findings, _ = run(r.code, text)
        assert not findings, f"{r.code} fired on its passing example: {text}: {[f.message for f in findings]}"
        ran += len(checks)
    if r.code[:3] in ("MZ2", "MZ3", "MZ4"):
        assert ran, f"{r.code}: its passing example ran no check (the relation was not found)"
