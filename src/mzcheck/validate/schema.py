"""pandera schemas written in pandera's own YAML format (schemas/*.yaml).

The YAML is checked key by key before pandera sees it — pandera would take a
misspelt key for a check name and fail without saying where — so every mistake
is reported as file:line with a "did you mean". Two checks are registered for
curated figure tables: shares stay within 0–100 and counts are whole and
non-negative; both read the unit column, so they are dataframe-wide checks.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mzcheck.errors import ConfigError
from mzcheck.yamlfile import Located, load_yaml, unknown_key_message

SCHEMA_KEYS = {
    "schema_type", "api", "version", "columns", "checks", "index", "dtype", "coerce", "strict", "name",
    "ordered", "unique", "report_duplicates", "unique_column_names", "title", "description",
    "add_missing_columns", "drop_invalid_rows", "metadata",
}
COLUMN_OPTIONS = {
    "dtype", "nullable", "unique", "coerce", "required", "regex", "name", "title", "description", "default",
    "report_duplicates", "drop_invalid_rows", "checks", "metadata",
}
SHARE_CHECK = "mzcheck_shares_within_100"
COUNT_CHECK = "mzcheck_counts_whole_nonnegative"
_registered = False


def register_checks() -> None:
    """Register mzcheck's dataframe checks with pandera (once)."""
    global _registered
    if _registered:
        return
    import pandas as pd
    from pandera import extensions

    from mzcheck.numbers import vocab
    from mzcheck.rules.bounds import NOT_A_SHARE, SHARE_WORDS

    @extensions.register_check_method(statistics=["unit_column", "value_column", "metric_column"])
    def mzcheck_shares_within_100(df, *, unit_column="unit", value_column="value", metric_column="metric"):
        value = pd.to_numeric(df[value_column], errors="coerce")
        metric = df[metric_column].astype(str)
        share = (df[unit_column] == "%") & metric.str.contains(SHARE_WORDS.pattern) \
            & ~metric.str.contains(NOT_A_SHARE.pattern)
        return ~share | value.between(0, 100)

    @extensions.register_check_method(statistics=["unit_column", "value_column"])
    def mzcheck_counts_whole_nonnegative(df, *, unit_column="unit", value_column="value"):
        text = df[value_column].astype(str)
        count = df[unit_column].isin(sorted(vocab.COUNT_UNITS))
        whole = text.str.fullmatch(r"\d+")
        return ~count | whole

    _registered = True


def _check_names() -> set[str]:
    from pandera.api.base.checks import BaseCheck
    from pandera.api.checks import Check

    names = set(BaseCheck.CHECK_FUNCTION_REGISTRY)
    names |= {n for n in ("eq", "ne", "gt", "ge", "lt", "le") if hasattr(Check, n)}
    names |= set(getattr(Check, "REGISTERED_CUSTOM_CHECKS", {}))
    return names


def validate_keys(doc: Located) -> None:
    data = doc.data
    if not isinstance(data, dict):
        raise doc.error((), "schema 必须是 YAML 映射（pandera 格式：schema_type、columns …）")
    for key in data:
        if key not in SCHEMA_KEYS:
            raise doc.error((key,), unknown_key_message("schema 键", key, SCHEMA_KEYS))
    if data.get("schema_type", "dataframe") != "dataframe":
        raise doc.error(("schema_type",), "只支持 schema_type: dataframe")
    checks = _check_names()
    columns = data.get("columns") or {}
    if not isinstance(columns, dict):
        raise doc.error(("columns",), "columns 必须是映射：列名 → 设置")
    for col, spec in columns.items():
        if spec is None:
            continue
        if not isinstance(spec, dict):
            raise doc.error(("columns", col), f"列 {col} 的设置必须是映射")
        for key in spec:
            if key not in COLUMN_OPTIONS and key not in checks:
                raise doc.error(("columns", col, key),
                                unknown_key_message(f"列 {col} 的设置或检查", key, COLUMN_OPTIONS | checks))
    for i, check in enumerate(data.get("checks") or []):
        name = (check or {}).get("options", {}).get("check_name") if isinstance(check, dict) else None
        if name not in checks:
            raise doc.error(("checks", i), unknown_key_message("数据表检查", str(name), checks))


@dataclass
class Schema:
    path: str
    pandera: Any          # pandera DataFrameSchema
    columns: list[str]
    required: list[str]


def load_schema(path: str | Path) -> Schema:
    register_checks()
    doc = load_yaml(path)
    validate_keys(doc)
    import yaml
    from pandera.io.pandas_io import from_yaml

    try:
        schema = from_yaml(yaml.safe_dump(doc.data, allow_unicode=True))
    except Exception as exc:  # pandera reports bad dtypes and check arguments this way
        raise ConfigError(path, None, f"pandera 无法使用该 schema：{type(exc).__name__}: {exc}") from None
    columns = list((doc.data.get("columns") or {}).keys())
    required = [c for c, spec in (doc.data.get("columns") or {}).items() if (spec or {}).get("required", True)]
    return Schema(str(path), schema, columns, required)
