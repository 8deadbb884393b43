"""Rules that ``mzcheck validate`` runs from files rather than from report text:
schema checks (MZ21x), declared rules (MZ320), text ↔ data (MZ321) and waivers
(MZ0xx). Registered here so that every code has its page in one catalogue; their
examples are run by tests/test_rule_pages.py through ``validate``.
"""

from mzcheck.finding import Severity
from mzcheck.rules.registry import register

register("MZ010", "unreadable-document", Severity.ERROR, doc="""
A document that could not be read; the rest of the run went on without it.

What it checks: every input of a run (a file, or a file found in a folder): binary or
PDF content, an encoding that is neither UTF-8 nor GB18030, a file that cannot be
opened, a folder that cannot be listed or links back to itself. The run reports it
here and checks every other document. It counts as an error at the default --fail-on;
lower it with `severity = { MZ010 = "warning" }` or skip it with `--ignore MZ010`. A run
in which nothing at all could be read exits 2.

Why it matters: an archive check that silently skipped a file would report a clean
archive that was never read.

Fails:
    %PDF-1.4 binary content named .txt

Passes:
    全市共有儿童督导员108名,儿童主任1929名。
""")

register("MZ011", "content-not-read", Severity.WARNING, doc="""
Part of a document could not be read; the rest was checked.

What it checks: what a reader met and could not turn into text or cells — an .xlsx
formula with no cached value (the file was never recalculated and saved), a CSV quote
never closed (everything after it would be one cell), a table row with more cells than
its header where no alignment is certain, a .docx or HTML page with no readable text.
Each is named with its place (sheet and cell, or line).

Why it matters: no finding must mean "checked and fine", never "not read". A total
whose formula was never calculated is an empty cell to every tool.

Fails:
    指标名称,单位,本期\\n城市低保对象,人,"3280\\n农村低保对象,人,5120

Passes:
    指标名称,单位,本期\\n城市低保对象,人,3280\\n农村低保对象,人,5120
""")

register("MZ001", "unused-waiver", Severity.WARNING, doc="""
A waiver that matched no finding.

What it checks: every entry of the waivers file must waive a finding of this run; one
that waives nothing is stale (the figure was fixed, or the text moved).

Why it matters: stale waivers pile up and one day hide a new, real finding with the
same fingerprint.

Fails:
    {fingerprint: "0000000000000000", reason: 旧口径, approved-by: 王审计, expires: 2099-12-31}

Passes:
    {fingerprint: FINGERPRINT_OF_MZ302, reason: 截断属原文, approved-by: 王审计, expires: 2099-12-31}
""")

register("MZ002", "expired-waiver", Severity.WARNING, doc="""
A waiver past its expiry date: it no longer waives anything.

What it checks: each waiver's `expires` date against today (or `--today`); an expired
waiver is reported and its finding is shown again.

Why it matters: an accepted exception is accepted for a time, then looked at again.

Fails:
    {fingerprint: FINGERPRINT_OF_MZ302, reason: 截断属原文, approved-by: 王审计, expires: 2020-01-01}

Passes:
    {fingerprint: FINGERPRINT_OF_MZ302, reason: 截断属原文, approved-by: 王审计, expires: 2099-12-31}
""")

_SCHEMA_RULES = (
    ("MZ210", "missing-column", Severity.ERROR, "A column the schema requires is missing.",
     "metric,value\\n社会组织数,4627", "metric,value,unit,qualifier,period,region\\n社会组织数,4627,家,,2022,南通市"),
    ("MZ211", "column-type", Severity.ERROR, "A value is not of its column's type or format.",
     "metric,value,unit,qualifier,period,region\\n社会组织数,4627家,家,,2022,南通市",
     "metric,value,unit,qualifier,period,region\\n社会组织数,4627,家,,2022,南通市"),
    ("MZ212", "unit-vocabulary", Severity.ERROR, "A unit outside the schema's vocabulary.",
     "metric,value,unit,qualifier,period,region\\n社会组织数,4627,斤,,2022,南通市",
     "metric,value,unit,qualifier,period,region\\n社会组织数,4627,家,,2022,南通市"),
    ("MZ213", "value-range", Severity.ERROR, "A share outside 0–100, or a count that is not a whole non-negative number.",
     "metric,value,unit,qualifier,period,region\\n等级社会组织占比,142.6,%,,2022,南通市",
     "metric,value,unit,qualifier,period,region\\n等级社会组织占比,42.6,%,,2022,南通市"),
    ("MZ214", "duplicate-metric", Severity.ERROR, "The same metric appears in two rows.",
     "metric,value,unit,qualifier,period,region\\n社会组织数,4627,家,,2022,南通市\\n社会组织数,4672,家,,2022,南通市",
     "metric,value,unit,qualifier,period,region\\n社会组织数,4627,家,,2022,南通市"),
    ("MZ215", "empty-value", Severity.ERROR, "A required value is empty.",
     "metric,value,unit,qualifier,period,region\\n社会组织数,4627,家,,2022,",
     "metric,value,unit,qualifier,period,region\\n社会组织数,4627,家,,2022,南通市"),
    ("MZ219", "schema-check", Severity.ERROR, "Any other check of the schema failed.",
     "metric,value,unit,qualifier,period,region\\n社会组织数,4627,家,大概,2022,南通市",
     "metric,value,unit,qualifier,period,region\\n社会组织数,4627,家,约,2022,南通市"),
)
for code, name, severity, summary, fails, passes in _SCHEMA_RULES:
    register(code, name, severity, doc=f"""
{summary}

What it checks: a curated figure table against its pandera schema (schemas/*.yaml,
run with `mzcheck validate DATA --schema FILE`). All failures are collected lazily
and each becomes one finding at its row's line.

Why it matters: a published data file with a malformed row breaks every consumer
downstream; the CI gate stops it before it is merged.

Fails:
    {fails}

Passes:
    {passes}
""")

register("MZ320", "declared-rule", Severity.ERROR, doc="""
A rule declared in a checks/*.yaml file does not hold.

What it checks: the rule's expression over metric names, every metric read as the
interval its digits, unit and qualifier allow; `==` means the intervals can meet,
`<=`/`>=` that some values satisfy them. Consistent, a warning naming the assumption
needed, or an error, as for built-in rules. The finding uses the rule's own id and
severity, and shows every metric's value.

Why it matters: the team that publishes the figures writes down the arithmetic they
must obey once; every later edit is checked against it.

Fails:
    {data: "metric,value,unit\\n社会组织数,4627,家\\n等级社会组织数,1791,家\\n等级社会组织占比,42.59,%", expr: "等级社会组织占比 == 等级社会组织数 / 社会组织数 * 100"}

Passes:
    {data: "metric,value,unit\\n社会组织数,4627,家\\n等级社会组织数,1971,家\\n等级社会组织占比,42.6,%", expr: "等级社会组织占比 == 等级社会组织数 / 社会组织数 * 100"}
""")

register("MZ321", "text-data-mismatch", Severity.ERROR, doc="""
A figure in a report disagrees with the curated table's value for the metric it names.

What it checks: a report checked together with curated data: a text figure whose
label names a metric (城乡低保对象 → 城乡低保对象人数, same unit and period) must meet
the table's value; both places are shown.

Why it matters: the report and the data file are published side by side; one of them
is wrong, and readers will quote both.

Fails:
    {data: "metric,value,unit\\n城乡低保对象人数,39616,人", text: "目前全市共有城乡低保对象29109户39661人。"}

Passes:
    {data: "metric,value,unit\\n城乡低保对象人数,39616,人", text: "目前全市共有城乡低保对象29109户39616人。"}
""")

_GX_RULES = (
    ("MZ501", "gx-column-missing", "expect_column_to_exist", "A column the suite expects is missing.",
     "metric,value\\n社会组织数,4627", "metric,value,unit,qualifier,period,region\\n社会组织数,4627,家,,2022,南通市"),
    ("MZ503", "gx-value-set", "expect_column_values_to_be_in_set", "A value outside the expected set (the unit vocabulary).",
     "metric,value,unit,qualifier,period,region\\n社会组织数,4627,斤,,2022,南通市",
     "metric,value,unit,qualifier,period,region\\n社会组织数,4627,家,,2022,南通市"),
    ("MZ505", "gx-unique", "expect_column_values_to_be_unique", "A value that must be unique repeats (a metric listed twice).",
     "metric,value,unit,qualifier,period,region\\n社会组织数,4627,家,,2022,南通市\\n社会组织数,4672,家,,2022,南通市",
     "metric,value,unit,qualifier,period,region\\n社会组织数,4627,家,,2022,南通市"),
    ("MZ506", "gx-not-null", "expect_column_values_to_not_be_null", "A required value is empty.",
     "metric,value,unit,qualifier,period,region\\n社会组织数,4627,家,,2022,",
     "metric,value,unit,qualifier,period,region\\n社会组织数,4627,家,,2022,南通市"),
    ("MZ507", "gx-value-check", "expect_column_values_to_match_regex (also of_type, between, value lengths)",
     "A value fails its format, type, length or range expectation: digits as published, a share within 0–100, a whole count.",
     "metric,value,unit,qualifier,period,region\\n等级社会组织占比,142.59,%,,2022,南通市",
     "metric,value,unit,qualifier,period,region\\n等级社会组织占比,42.59,%,,2022,南通市"),
    ("MZ508", "gx-column-pair", "expect_column_pair_values_a_to_be_greater_than_b",
     "Two metrics compared by a declared rule (A <= B, A > B …) fail GX's column-pair expectation in the wide view.",
     '{data: "metric,value,unit,qualifier,period,region\\n网络募捐善款,5,亿元,,2022,南通市\\n募集善款,3.1,亿元,,2022,南通市", expr: "网络募捐善款 <= 募集善款"}',
     '{data: "metric,value,unit,qualifier,period,region\\n网络募捐善款,3477.9,万元,,2022,南通市\\n募集善款,3.1,亿元,,2022,南通市", expr: "网络募捐善款 <= 募集善款"}'),
)
for code, name, gx_type, summary, fails, passes in _GX_RULES:
    examples = f"\nFails:\n    {fails}\n\nPasses:\n    {passes}\n"
    register(code, name, Severity.ERROR, doc=f"""
{summary}

What it checks: the result of GX's `{gx_type}` when a curated table is validated with
`mzcheck validate --engine gx` (the suite is built from the same pandera schema and
the declared rules GX can express; see `mzcheck gx-suite`). Each failing row is one
finding at its line, in the same JSON, reports and exit codes as the pandera engine.

Why it matters: a data team that already reads GX results sees mzcheck's checks in
its own tool; the MZ5xx codes say which expectation failed.
{examples}""")

register("MZ327", "across-years-mismatch", Severity.ERROR, doc="""
Last year's figure implied by this year's report disagrees with last year's report.

What it checks: with `mzcheck check … --across` (or `across = true`), the reports are
ordered by the year they report on (the first year their opening names; `--period
FILE=YEAR` when it does not) and every level a later report states with its growth
(快递业务总量1566万件，增长9.08%) is divided back to last year's level, with the intervals of
both printed figures, and compared with the figure of the same label and unit in the
report of the year before (快递业务总量14362.12万件). They meet: the check passes. A gap
within 2 %: information (上年数据为最终核实数: statistics offices revise last year's
figures). A larger gap: a warning; an error when no revision explains it — a factor of
10, 100, 1万 or 1亿, or last year's value on the wrong side of this year's. Silent on
definitional traps: growth at comparable prices (按可比价格, 不变价格, and by convention
生产总值 and 增加值) against levels at current prices, 规模以上 sets that change every
year, budgets and plans, and units that differ (亩 against 公顷). Two reports of one year
(a 民政 review and the 统计公报's 民政 section) must agree on a quantity each states once
under the same label: a gap within 2 % is information (one may print a preliminary figure).

Why it matters: a growth rate copied from the wrong line, or a level typed with the
wrong scale, shows only when last year's report is read beside this year's — which
auditors do by hand, page against page.

Fails:
    2023年统计公报。全年快递业务总量1566万件，增长9.08%。 ‖ 2022年统计公报。全年快递业务总量14362.12万件。

Passes:
    2023年统计公报。全年快递业务总量1566万件，增长9.08%。 ‖ 2022年统计公报。全年快递业务总量1435.64万件。
    2023年统计公报。全年地区生产总值786.8亿元，增长5.3%。 ‖ 2022年统计公报。全年地区生产总值702.6亿元。
""")
