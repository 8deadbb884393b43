"""Great Expectations (GX Core 1.x) bridge: the same checks in a data team's GX workflow.

``build_suite`` turns the pandera schema (and the declarative rules GX can express)
into a GX ExpectationSuite; what GX cannot express — interval arithmetic,
rounding-aware equality, text relations — is listed in the suite's meta and on
stderr, never dropped silently. ``run_gx`` validates a curated table with it in an
ephemeral, offline context and maps every failure to an MZ5xx finding.

great_expectations is imported only inside these functions: ``import mzcheck`` and
every other command never pay for it.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from typing import Any

from mzcheck.errors import MzcheckError
from mzcheck.validate.schema import COUNT_CHECK, SHARE_CHECK

INSTALL_HINT = "pip install 'mzcheck[gx]'"
SUITE_NAME = "mzcheck-curated-figures"
#: mzcheck's own dataframe checks, as GX regular expressions under a row condition.
SHARE_REGEX = r"^(?:100(?:\.0+)?|\d{1,2}(?:\.\d+)?)$"
COUNT_REGEX = r"^\d+$"
#: expectation type → MZ5xx code (and the kind of check, for parity with pandera)
CODES = {
    "expect_column_to_exist": "MZ501",
    "expect_column_values_to_be_in_set": "MZ503",
    "expect_column_values_to_be_unique": "MZ505",
    "expect_column_values_to_not_be_null": "MZ506",
    "expect_column_values_to_match_regex": "MZ507",
    "expect_column_values_to_be_of_type": "MZ507",
    "expect_column_values_to_be_between": "MZ507",
    "expect_column_value_lengths_to_be_between": "MZ507",
    "expect_column_pair_values_a_to_be_greater_than_b": "MZ508",
}
#: GX expectation types → the check names both engines use in Finding.check
CHECK_NAMES = {
    "expect_column_to_exist": "exists", "expect_column_values_to_be_of_type": "dtype",
    "expect_column_values_to_be_in_set": "isin", "expect_column_values_to_be_between": "in_range",
    "expect_column_values_to_be_unique": "unique", "expect_column_values_to_not_be_null": "not_null",
    "expect_column_values_to_match_regex": "str_matches", "expect_column_value_lengths_to_be_between": "str_length",
    "expect_column_pair_values_a_to_be_greater_than_b": "pair",
}
_PAIR_RULE = re.compile(r"^\s*(?P<a>[^\s<>=!()+\-*/]+)\s*(?P<op><=|>=|<|>)\s*(?P<b>[^\s<>=!()+\-*/]+)\s*$")


def _import_gx():
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")   # offline: no usage statistics
    try:
        import great_expectations as gx
        import great_expectations.expectations as gxe
    except ImportError:
        raise MzcheckError(f"Great Expectations 未安装：请运行 {INSTALL_HINT}") from None
    return gx, gxe


@dataclass
class SuiteBuild:
    suite: dict[str, Any]                          # the suite's JSON (gx.ExpectationSuite(**suite) loads it)
    not_expressed: list[str] = field(default_factory=list)


def _mzcheck_checks() -> tuple[str, str]:
    """Row conditions for mzcheck's share and count checks (pandas query syntax)."""
    from mzcheck.numbers import vocab
    from mzcheck.rules.bounds import NOT_A_SHARE, SHARE_WORDS

    share = (f'unit == "%" and metric.str.contains("{SHARE_WORDS.pattern}") '
             f'and not metric.str.contains("{NOT_A_SHARE.pattern}")')
    count = f"unit.isin({sorted(vocab.COUNT_UNITS)!r})"
    return share, count


def build_suite(schema_path: str, rule_paths: list[str] | tuple[str, ...] = ()) -> SuiteBuild:
    """The ExpectationSuite equivalent to a pandera schema (YAML) and declared rules."""
    import warnings

    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", category=DeprecationWarning)
        return _build_suite(schema_path, rule_paths)


def _build_suite(schema_path: str, rule_paths: list[str] | tuple[str, ...] = ()) -> SuiteBuild:
    from mzcheck.validate.rulesfile import load_rules
    from mzcheck.validate.schema import load_schema
    from mzcheck.yamlfile import load_yaml

    load_schema(schema_path)            # validates every key first (file:line errors)
    spec = load_yaml(schema_path).data
    gx, gxe = _import_gx()
    expectations: list[Any] = []
    missing: list[str] = []
    share_condition, count_condition = _mzcheck_checks()
    for column, options in (spec.get("columns") or {}).items():
        options = options or {}
        if not options.get("required", True):
            missing.append(f"schema 可选列 {column}：GX 期望不能表达“列存在时才检查”，该列的检查由 pandera 引擎执行")
            continue
        expectations.append(gxe.ExpectColumnToExist(column=column))
        if options.get("dtype") in ("str", "string"):
            expectations.append(gxe.ExpectColumnValuesToBeOfType(column=column, type_="str"))
        if options.get("nullable") is False:
            expectations.append(gxe.ExpectColumnValuesToNotBeNull(column=column))
        if options.get("unique"):
            expectations.append(gxe.ExpectColumnValuesToBeUnique(column=column))
        for name, args in options.items():
            if name in ("dtype", "nullable", "unique", "required", "coerce", "title", "description", "name"):
                continue
            if name == "isin":
                expectations.append(gxe.ExpectColumnValuesToBeInSet(column=column,
                                                                    value_set=[v for v in args if v != ""]))
            elif name == "str_matches":
                expectations.append(gxe.ExpectColumnValuesToMatchRegex(column=column, regex=str(args)))
            elif name == "str_length":
                expectations.append(gxe.ExpectColumnValueLengthsToBeBetween(
                    column=column, min_value=args.get("min_value"), max_value=args.get("max_value")))
            elif name in ("in_range", "ge", "le", "gt", "lt", "greater_than_or_equal_to", "less_than_or_equal_to"):
                lo = args.get("min_value") if isinstance(args, dict) else (args if name in ("ge", "gt") else None)
                hi = args.get("max_value") if isinstance(args, dict) else (args if name in ("le", "lt") else None)
                expectations.append(gxe.ExpectColumnValuesToBeBetween(
                    column=column, min_value=lo, max_value=hi, strict_min=name == "gt", strict_max=name == "lt"))
            else:
                missing.append(f"schema 列 {column} 的检查 {name}：GX 无对应期望")
    for check in spec.get("checks") or []:
        name = (check or {}).get("options", {}).get("check_name")
        if name == SHARE_CHECK:
            expectations.append(gxe.ExpectColumnValuesToMatchRegex(
                column="value", regex=SHARE_REGEX, row_condition=share_condition, condition_parser="pandas",
                meta={"mzcheck_check": name}))
        elif name == COUNT_CHECK:
            expectations.append(gxe.ExpectColumnValuesToMatchRegex(
                column="value", regex=COUNT_REGEX, row_condition=count_condition, condition_parser="pandas",
                meta={"mzcheck_check": name}))
        else:
            missing.append(f"schema 数据表检查 {name}：GX 无对应期望")
    for path in rule_paths:
        for rule in load_rules(path):
            m = _PAIR_RULE.match(rule.expr.source)
            if m and not rule.expr.labels:
                a, op, b = m.group("a"), m.group("op"), m.group("b")
                if op in ("<", "<="):
                    a, b = b, a
                expectations.append(gxe.ExpectColumnPairValuesAToBeGreaterThanB(
                    column_A=a, column_B=b, or_equal=op in ("<=", ">="),
                    meta={"mzcheck_rule": rule.id, "mzcheck_view": "wide",
                          "note": "按所述数值比较（宽表：每个指标一列），不含约、超过等限定词的区间"}))
                continue
            reason = ("引用报告正文（label）" if rule.expr.labels else
                      "需要区间运算与考虑舍入的相等比较" if "==" in rule.expr.source else "需要区间算术")
            missing.append(f"规则 {rule.id}（{rule.expr.source}）：{reason}，GX 无法表达，仍由 mzcheck 引擎检查")
    suite = gx.ExpectationSuite(name=SUITE_NAME, expectations=expectations, meta={
        "mzcheck": {"schema": str(schema_path), "rules": [str(p) for p in rule_paths],
                    "long_view": "one figure per row, every column read as text",
                    "wide_view": "one row, one column per metric (expectations with meta.mzcheck_view = wide)",
                    "not_expressed": missing}})
    return SuiteBuild(suite.to_json_dict(), missing)


def _views(curated) -> tuple[Any, Any]:
    import pandas as pd

    long = curated.frame.replace("", pd.NA)
    wide = pd.DataFrame({m: [float(f.value)] for m, f in curated.figures.items()})
    return long, wide


def run_gx(curated, suite_json: dict[str, Any], data_docs: str | None = None):
    """Validate one curated table; returns (findings, checks).

    String row conditions are deprecated by GX 1.9 for 2.0 (the extra pins <2); their
    warnings and GX's other deprecation notices are kept off the user's terminal.
    """
    import warnings

    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", category=DeprecationWarning)
        warnings.filterwarnings("ignore", category=FutureWarning)
        warnings.filterwarnings("ignore", message=".*match groups.*")
        return _run_gx(curated, suite_json, data_docs)


def _run_gx(curated, suite_json: dict[str, Any], data_docs: str | None = None):
    from mzcheck.finding import Check, Finding, Mark, Severity, fingerprint

    gx, _ = _import_gx()
    from great_expectations.data_context.types.base import ProgressBarsConfig

    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False, metric_calculations=False)
    if data_docs:
        context.add_data_docs_site("mzcheck", {
            "class_name": "SiteBuilder",
            "store_backend": {"class_name": "TupleFilesystemStoreBackend", "base_directory": os.path.abspath(data_docs)},
            "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"}})
    long, wide = _views(curated)
    source = context.data_sources.add_pandas("mzcheck")
    loaded = gx.ExpectationSuite(**suite_json)
    findings, checks = [], []
    for view, frame in (("long", long), ("wide", wide)):
        expectations = [e for e in loaded.expectations if (e.meta or {}).get("mzcheck_view", "long") == view]
        if not expectations:
            continue
        batch = source.add_dataframe_asset(f"curated-{view}").add_batch_definition_whole_dataframe("all")
        suite = context.suites.add(gx.ExpectationSuite(name=f"{SUITE_NAME}-{view}", expectations=expectations))
        definition = context.validation_definitions.add(gx.ValidationDefinition(name=f"v-{view}", data=batch,
                                                                               suite=suite))
        actions = [gx.checkpoint.UpdateDataDocsAction(name="docs")] if data_docs else []
        checkpoint = context.checkpoints.add(gx.Checkpoint(
            name=f"cp-{view}", validation_definitions=[definition], actions=actions,
            result_format={"result_format": "COMPLETE"}))
        result = checkpoint.run(batch_parameters={"dataframe": frame})
        for run in result.run_results.values():
            for r in run.results:
                config = r.expectation_config
                code = CODES[config.type]   # build_suite emits no other type
                column = config.kwargs.get("column") or f"{config.kwargs.get('column_A')}≥{config.kwargs.get('column_B')}"
                if r.success:
                    checks.append(Check(code, curated.path, (), "pass"))
                    continue
                rows = list(r.result.get("unexpected_index_list") or []) if view == "long" else []
                values = list(r.result.get("unexpected_list") or r.result.get("partial_unexpected_list") or [])
                what = (config.meta or {}).get("mzcheck_check") or (config.meta or {}).get("mzcheck_rule") or config.type
                for i, line in enumerate(rows or [None]):
                    metric = curated.frame.at[line, "metric"] if line is not None and line in curated.frame.index else ""
                    fig = curated.figures.get(metric) if metric else None
                    value = values[i] if i < len(values) else ""
                    where = f"第 {line} 行（{metric}）" if line is not None else f"列 {column}"
                    message = f"GX 期望 {config.type} 未通过：{where}，列 {column} 的值 {value!r}（{what}）"
                    refs = (Mark(fig.figure_id, fig.raw, 0, 0, fig.label),) if fig else ()
                    check = (config.meta or {}).get("mzcheck_check") or CHECK_NAMES.get(config.type, config.type)
                    findings.append(Finding(code, _name(code), Severity.ERROR, message, curated.path, refs, None,
                                            int(line) if line is not None else 1, 1, str(value), "", "",
                                            fingerprint(code, (str(metric), str(value)), config.type),
                                            f"{column}:{check}"))
                    checks.append(Check(code, curated.path, refs, "error"))
    return findings, checks


def _name(code: str) -> str:
    from mzcheck.rules.registry import get_rule

    rule = get_rule(code)
    return rule.name if rule else code
