"""Built-in rules. Importing this package registers them (see ``registry``)."""

from mzcheck.finding import Severity
from mzcheck.rules import bounds, declared, plausibility, relations, tables, typography  # noqa: F401  (registration)
from mzcheck.rules.registry import register

register("MZ901", "rule-crashed", Severity.ERROR, doc="""
A rule failed with an internal error; the run went on without it.

What it checks: nothing — it reports that another rule raised an exception on this
document, so that a bug never hides as "no findings".

Why it matters: a check that did not run is not a check that passed. Report the
message to the mzcheck maintainers.

Fails (with any other rule made to raise, as tests/test_rule_pages.py does):
    全市共有城乡低保对象29109户39616人。

Passes (the same text, every rule working):
    全市共有城乡低保对象29109户39616人。
""")
