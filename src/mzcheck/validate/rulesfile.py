"""Declarative rules (checks/*.yaml): an id, an expression over metric names, a
severity and a description.

    rules:
      - id: onetime-subsidy-recipients
        expr: 城乡低保对象人数 + 城市特困人数 + 农村特困人数 == 一次性生活补贴发放人数
        severity: warning
        description: 一次性生活补贴发放人数应等于低保对象与特困人员之和
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import get_close_matches
from pathlib import Path
from typing import Iterable

from mzcheck.finding import Severity
from mzcheck.numbers.expr import Expression, ExprError, parse
from mzcheck.errors import ConfigError
from mzcheck.yamlfile import load_yaml, unknown_key_message

TOP_KEYS = {"version", "rules"}
RULE_KEYS = {"id", "expr", "severity", "description"}
ID_RE = re.compile(r"[A-Za-z][A-Za-z0-9_.-]{0,63}")


@dataclass(frozen=True)
class DeclaredRule:
    id: str
    expr: Expression
    severity: Severity
    description: str
    path: str
    line: int


def load_rules(path: str | Path, metrics: Iterable[str] | None = None) -> list[DeclaredRule]:
    doc = load_yaml(path)
    data = doc.data
    if not isinstance(data, dict):
        raise doc.error((), "规则文件必须是映射：version、rules")
    for key in data:
        if key not in TOP_KEYS:
            raise doc.error((key,), unknown_key_message("键", key, TOP_KEYS))
    items = data.get("rules")
    if not isinstance(items, list) or not items:
        raise doc.error(("rules",), "rules 必须是非空列表")
    known = sorted(set(metrics)) if metrics is not None else None
    seen: set[str] = set()
    out: list[DeclaredRule] = []
    for i, item in enumerate(items):
        if not isinstance(item, dict):
            raise doc.error(("rules", i), "每条规则必须是映射：id、expr、severity、description")
        for key in item:
            if key not in RULE_KEYS:
                raise doc.error(("rules", i, key), unknown_key_message("规则键", key, RULE_KEYS))
        for key in ("id", "expr", "description"):
            if not item.get(key):
                raise doc.error(("rules", i), f"规则缺少 {key}")
        rule_id = str(item["id"])
        if not ID_RE.fullmatch(rule_id):
            raise doc.error(("rules", i, "id"), f"规则 id {rule_id} 只能用字母、数字、-、_、.，且以字母开头")
        if rule_id in seen:
            raise doc.error(("rules", i, "id"), f"规则 id {rule_id} 重复")
        seen.add(rule_id)
        try:
            severity = Severity.parse(str(item.get("severity", "error")))
        except ValueError:
            raise doc.error(("rules", i, "severity"),
                            unknown_key_message("严重级别", str(item.get("severity")), ["error", "warning", "info"])) from None
        line = doc.line("rules", i, "expr") or 0
        try:
            expr = parse(str(item["expr"]))
        except ExprError as exc:
            raise ConfigError(path, line, f"规则 {rule_id}：{exc}") from None
        if known is not None:
            for name in expr.names:
                if name not in known:
                    hint = get_close_matches(name, known, n=1)
                    raise ConfigError(path, line, f"规则 {rule_id}：未知指标 {name}"
                                      + (f"，是否指 {hint[0]}？" if hint else ""))
        out.append(DeclaredRule(rule_id, expr, severity, str(item["description"]), str(path),
                                doc.line("rules", i) or 0))
    return out
