"""The rule registry: stable codes, kebab-case names, default severities, pages.

A rule is a function ``check(ctx) -> Iterable[Outcome]`` registered with
:func:`rule`. Its docstring is its documentation page; the page must contain a
``Fails:`` and a ``Passes:`` example (each a line of report text), which
``tests/test_rule_pages.py`` runs through the rule.
"""

from __future__ import annotations

import re
import inspect
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Iterable

from mzcheck.finding import RulePage, Severity
from mzcheck.rules import chinese

if TYPE_CHECKING:
    from mzcheck.rules.context import DocContext, Outcome

CODE_RE = re.compile(r"MZ\d{3}")
NAME_RE = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
FAMILIES = {
    "MZ0": "configuration", "MZ1": "typography", "MZ2": "bounds", "MZ3": "relations",
    "MZ4": "plausibility", "MZ5": "great-expectations", "MZ9": "internal",
}


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: Severity
    summary: str
    page: str
    check: Callable[["DocContext"], Iterable["Outcome"]] | None

    @property
    def family(self) -> str:
        return FAMILIES[self.code[:3]]

    def example(self, kind: str) -> list[str]:
        """Lines after ``Fails:`` / ``Passes:`` in the page, up to a blank line."""
        m = re.search(rf"^{kind}(?: \([^)]*\))?:\s*\n((?:[ \t]+\S.*\n?)+)", self.page, re.M)
        return [line.strip() for line in m.group(1).splitlines()] if m else []


REGISTRY: dict[str, Rule] = {}


def register(code: str, name: str, severity: Severity, check=None, doc: str | None = None) -> Rule:
    if not CODE_RE.fullmatch(code) or code[:3] not in FAMILIES:
        raise ValueError(f"bad rule code {code}")
    if not NAME_RE.fullmatch(name):
        raise ValueError(f"rule name must be kebab-case: {name}")
    if code in REGISTRY:
        raise ValueError(f"rule code {code} registered twice")
    page = inspect.cleandoc(doc or (check.__doc__ if check else "") or "")
    summary = page.splitlines()[0] if page else name
    r = Rule(code, name, severity, summary, page, check)
    REGISTRY[code] = r
    return r


def rule(code: str, name: str, severity: Severity):
    """Decorator: register ``check`` under a code; its docstring is the page."""
    def wrap(check):
        register(code, name, severity, check)
        return check
    return wrap


def all_rules() -> list[Rule]:
    import mzcheck.rules  # noqa: F401  (registers the built-in rules)

    return [REGISTRY[c] for c in sorted(REGISTRY)]


def get_rule(code_or_name: str) -> Rule | None:
    rules = all_rules()
    key = code_or_name.strip()
    for r in rules:
        if r.code == key.upper() or r.name == key.lower():
            return r
    return None


def rule_for(code: str) -> Rule:
    """The rule registered under ``code``; for codes the program itself names."""
    all_rules()
    return REGISTRY[code]


def rule_pages(codes: Iterable[str]) -> tuple[RulePage, ...]:
    """The pages of these codes, in code order, for a result to carry to its reporters."""
    pages = []
    for code in sorted(set(codes)):
        r = REGISTRY.get(code) or get_rule(code)
        if r is not None:
            pages.append(RulePage(r.code, r.name, r.severity.value, r.family, r.summary, r.page,
                                  chinese.title(r.code), chinese.page(r.code, r.example("Fails"), r.example("Passes"))))
    return tuple(pages)
