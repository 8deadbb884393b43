"""Waivers: a known finding accepted by fingerprint, with a reason, who approved it
and an expiry date. An unused or expired waiver is itself reported (MZ001, MZ002)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from mzcheck.finding import Finding, Severity
from mzcheck.policy import RulePolicy
from mzcheck.yamlfile import load_yaml, unknown_key_message

KEYS = {"fingerprint", "reason", "approved-by", "expires", "code"}
REQUIRED = ("fingerprint", "reason", "approved-by", "expires")


@dataclass(frozen=True)
class Waiver:
    fingerprint: str
    reason: str
    approved_by: str
    expires: dt.date
    line: int


def load_waivers(path: str | Path) -> list[Waiver]:
    doc = load_yaml(path)
    items = doc.data.get("waivers") if isinstance(doc.data, dict) else None
    if isinstance(doc.data, dict) and set(doc.data) - {"waivers"}:
        key = next(iter(set(doc.data) - {"waivers"}))
        raise doc.error((key,), unknown_key_message("键", key, {"waivers"}))
    if not isinstance(items, list):
        raise doc.error(("waivers",), "waivers 必须是列表")
    out = []
    for i, item in enumerate(items):
        if not isinstance(item, dict):
            raise doc.error(("waivers", i), "每条豁免必须是映射：fingerprint、reason、approved-by、expires")
        for key in item:
            if key not in KEYS:
                raise doc.error(("waivers", i, key), unknown_key_message("豁免键", key, KEYS))
        for key in REQUIRED:
            if item.get(key) in (None, ""):
                raise doc.error(("waivers", i), f"豁免缺少 {key}")
        if not isinstance(item["fingerprint"], str):
            raise doc.error(("waivers", i, "fingerprint"),
                            f"fingerprint 须写成字符串（加引号），YAML 把 {item['fingerprint']!r} 读成了数字")
        expires = item["expires"]
        if isinstance(expires, str):
            try:
                expires = dt.date.fromisoformat(expires)
            except ValueError:
                raise doc.error(("waivers", i, "expires"), f"expires 应为日期 YYYY-MM-DD，而不是 {expires}") from None
        if not isinstance(expires, dt.date):
            raise doc.error(("waivers", i, "expires"), "expires 应为日期 YYYY-MM-DD")
        out.append(Waiver(str(item["fingerprint"]), str(item["reason"]), str(item["approved-by"]), expires,
                          doc.line("waivers", i) or 0))
    return out


def apply_waivers(findings: list[Finding], waivers: list[Waiver], path: str, today: dt.date,
                  policy: RulePolicy | None = None) -> tuple[list[Finding], int]:
    """(findings left, number waived) — adding MZ001/MZ002 findings for bad waivers, as
    the policy selects and levels them (``--ignore MZ001`` silences unused waivers)."""
    from mzcheck.rules.registry import rule_for

    by_print = {w.fingerprint: w for w in waivers}
    used: set[str] = set()
    kept: list[Finding] = []
    waived = 0
    for f in findings:
        w = by_print.get(f.fingerprint)
        if w is not None and w.expires >= today:
            used.add(w.fingerprint)
            waived += 1
            continue
        kept.append(f)
    extra = []
    unused, expired = rule_for("MZ001"), rule_for("MZ002")
    for w in waivers:
        if w.expires < today:
            extra.append(Finding(expired.code, expired.name, Severity.WARNING,
                                 f"豁免已于 {w.expires.isoformat()} 过期（{w.reason}，{w.approved_by} 批准），不再生效",
                                 path, line=w.line, column=1, stated=w.fingerprint))
        elif w.fingerprint not in used:
            extra.append(Finding(unused.code, unused.name, Severity.WARNING,
                                 f"豁免未匹配任何问题：{w.fingerprint}（{w.reason}）", path, line=w.line, column=1,
                                 stated=w.fingerprint))
    return kept + (policy or RulePolicy()).apply(extra), waived
