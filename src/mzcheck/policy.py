"""Rule selection: for every code, whether it runs and at which severity.

One :class:`RulePolicy` is built from the layered configuration (file < environment <
command line, see :mod:`mzcheck.config`) and consulted everywhere a finding is made or
kept: the rules of ``check``, the unreadable-document findings of a folder run (MZ010),
the schema and declared rules of ``validate``, and waivers (MZ001, MZ002). Nothing else
decides what is selected, ignored or re-levelled.

``select`` narrows the *checks* that run. Findings about the run itself — a document that
could not be read (MZ0xx), a rule that crashed (MZ9xx) — are not checks: they are kept
whatever ``select`` says, and only ``ignore`` silences them, so that ``--select MZ3`` never
hides that a file was skipped.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Iterable, Mapping

from mzcheck.finding import Finding, Severity

#: Families that report on the run, not on the figures: select does not hide them.
META_FAMILIES = ("MZ0", "MZ9")


def matches(code: str, patterns: Iterable[str]) -> bool:
    """A code matches ``MZ3``, ``MZ30`` or ``MZ302`` (prefixes, like ruff)."""
    return any(code.startswith(p.strip().upper()) for p in patterns if p.strip())


@dataclass(frozen=True)
class RulePolicy:
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, Severity] = field(default_factory=dict)

    def runs(self, code: str) -> bool:
        """Whether the rule ``code`` runs, and whether its findings are kept."""
        if matches(code, self.ignore):
            return False
        return not self.select or matches(code, self.select) or code.startswith(META_FAMILIES)

    def level(self, code: str, default: Severity, proposed: Severity | None = None) -> Severity:
        """The severity a finding is reported at.

        A configured severity wins. Otherwise the rule's own grading (a warning when
        only a lenient reading agrees) is kept, but never above the rule's default.
        """
        if code in self.severity:
            return self.severity[code]
        if proposed is None or proposed.rank > default.rank:
            return default
        return proposed

    def apply(self, findings: Iterable[Finding]) -> list[Finding]:
        """Findings made outside the rule loop (MZ0xx, validate): filtered and re-levelled."""
        out = []
        for f in findings:
            if not self.runs(f.code):
                continue
            if f.code in self.severity and self.severity[f.code] is not f.severity:
                f = replace(f, severity=self.severity[f.code])
            out.append(f)
        return out

    def rules_run(self, codes: Iterable[str]) -> tuple[str, ...]:
        return tuple(c for c in codes if self.runs(c))
