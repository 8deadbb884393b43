"""``mzcheck validate``: curated data against a pandera schema and declared rules,
reports against the data, and the built-in checks on any tables or reports given.

Returns the same RunResult as ``check``; nothing here prints or exits.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Sequence

from mzcheck.config import DEFAULTS, Config
from mzcheck.engine import check_document, mark
from mzcheck.errors import MzcheckError
from mzcheck.figures import Figure
from mzcheck.finding import Check, DocumentInfo, Finding, Mark, RunResult, Severity, fingerprint
from mzcheck.ingest import read_document
from mzcheck.figures import read
from mzcheck.numbers.verdict import Verdict, judge
from mzcheck.repairs import propose
from mzcheck.rules.registry import rule_for, rule_pages
from mzcheck.validate.curated import Curated, is_curated, load_curated
from mzcheck.numbers.expr import ExprError
from mzcheck.validate.schema import COUNT_CHECK, SHARE_CHECK

_SCHEMA_CODES = {
    "column_in_dataframe": "MZ210", "column_in_schema": "MZ210", "field_uniqueness": "MZ214",
    "not_nullable": "MZ215", SHARE_CHECK: "MZ213", COUNT_CHECK: "MZ213",
}


def curated_info(data: Curated) -> DocumentInfo:
    """A curated table as a document: its rows, each figure at its value cell."""
    header = [str(c) for c in data.frame.columns]
    rows = [tuple(header)] + [tuple("" if v is None or str(v) == "<NA>" else str(v) for v in row)
                              for row in data.frame.itertuples(index=False)]
    value_col = header.index("value") if "value" in header else 1
    line_to_row = {line: i + 1 for i, line in enumerate(data.frame.index)}
    marks = tuple(Mark(f.figure_id, f.raw, 0, 0, f.label, line_to_row.get(f.sentence_id, -1), value_col)
                  for f in data.figures.values())
    return DocumentInfo(data.path, Path(data.path).suffix.lstrip(".") or "csv", "utf-8", 0, len(data.figures),
                        "", marks, (tuple(rows),))


def _finding(code: str, message: str, doc: str, line: int, figures: Sequence[Figure] = (), severity=None,
             stated: str = "", computed: str = "", assumption: str = "", anchor: str = "", check: str = "") -> Finding:
    r = rule_for(code)
    return Finding(code, r.name if code != "MZ320" else anchor or r.name, severity or r.severity, message, doc,
                   tuple(mark(f) for f in figures), None, line, 1, stated, computed, assumption,
                   fingerprint(code, tuple(f.raw for f in figures) or (message,), anchor), check)


#: pandera check names → the names both engines use in Finding.check
_CHECK_NAMES = {"field_uniqueness": "unique", "not_nullable": "not_null", "column_in_dataframe": "exists",
                "column_in_schema": "exists"}


def check_name(check: str) -> str:
    base = check.split("(", 1)[0]
    return _CHECK_NAMES.get(base, base)


def _schema_code(check: str, column: str | None) -> str:
    if check in _SCHEMA_CODES:
        return _SCHEMA_CODES[check]
    if check.startswith("isin") and column == "unit":
        return "MZ212"
    if check.startswith(("dtype", "coerce_dtype", "str_matches")):
        return "MZ211"
    return "MZ219"


def schema_findings(curated: Curated, schema) -> tuple[list[Finding], list[Check]]:
    import pandas as pd
    import pandera.pandas as pa

    frame = curated.frame.replace("", pd.NA)
    missing = [c for c in schema.required if c not in frame.columns]
    out: list[Finding] = []
    for column in missing:
        out.append(_finding("MZ210", f"缺少必需的列 {column}（schema {schema.path}）", curated.path, 1, anchor=column,
                            check=f"{column}:exists"))
    if missing:
        return out, [Check("MZ210", curated.path, (), "error") for _ in missing]
    try:
        schema.pandera.validate(frame, lazy=True)
        cases = None
    except pa.errors.SchemaErrors as exc:
        cases = exc.failure_cases
    if cases is None:
        return out, [Check("MZ219", curated.path, (), "pass") for _ in schema.columns]
    seen: set[tuple[str, object]] = set()
    for row in cases.itertuples(index=False):
        check = str(row.check)
        line = row.index if isinstance(row.index, int) or (hasattr(row.index, "__int__") and not pd.isna(row.index)) else 1
        line = int(line) if line is not None and not pd.isna(line) else 1
        key = (check, line)
        if key in seen:
            continue
        seen.add(key)
        column = None if row.column is None or pd.isna(row.column) else str(row.column)
        code = _schema_code(check, column)
        metric = frame.at[line, "metric"] if line in frame.index and "metric" in frame.columns else ""
        what = f"第 {line} 行" + (f"（{metric}）" if isinstance(metric, str) and metric else "")
        case = row.failure_case
        detail = f"列 {column} 的值 {case!r} 不满足 {check}" if column and code != "MZ213" else f"不满足 {check}"
        fig = curated.figures.get(metric) if isinstance(metric, str) else None
        target = column if column and not check.startswith("mzcheck_") else "value"
        if check == "column_in_dataframe":
            target = str(case)
        out.append(_finding(code, f"{what}：{detail}", curated.path, line, [fig] if fig else [],
                            stated=str(case), anchor=f"{check}:{metric or line}", check=f"{target}:{check_name(check)}"))
    failed = {str(c) for c in cases["column"].dropna()}
    passes = [Check("MZ219", curated.path, (), "pass") for c in schema.columns if c not in failed]
    return out, passes + [Check(f.code, f.doc, f.figures, f.severity.value) for f in out]


def _show(fig: Figure) -> str:
    return fig.raw


def declared_findings(rules, metrics: dict[str, Figure], lines: dict[str, int], data_path: str,
                      text_figures: list[Figure], rho) -> tuple[list[Finding], list[Check]]:
    findings, checks = [], []
    for rule in rules:
        figs = [metrics[n] for n in rule.expr.names]
        label_figs = []
        for label in rule.expr.labels:
            found = [f for f in text_figures if f.label == label or f.label.endswith(label)]
            if not found:
                break
            label_figs.append(found[0])
        else:
            keys = list(rule.expr.names) + [f"label:{x}" for x in rule.expr.labels]
            all_figs = figs + label_figs
            readings = [read(f, rho) for f in all_figs]

            def holds(ivs, keys=keys, rule=rule):
                try:
                    return rule.expr.holds(dict(zip(keys, ivs, strict=True)))
                except ExprError:
                    return False      # a lenient reading (超过: no ceiling) the formula cannot take

            try:
                rule.expr.holds({k: r.strict for k, r in zip(keys, readings, strict=True)})
            except ExprError as exc:
                line = lines.get(rule.expr.names[0], 1) if rule.expr.names else 1
                findings.append(_finding("MZ320", f"规则 {rule.id}（{Path(rule.path).name}:{rule.line}）无法计算："
                                         f"{exc}", data_path, line, all_figs, rule.severity, anchor=rule.id))
                continue
            j = judge(readings, holds)
            refs = tuple(mark(f) for f in all_figs)
            line = lines.get(rule.expr.names[0], 1) if rule.expr.names else 1
            if j.verdict is Verdict.CONSISTENT:
                checks.append(Check("MZ320", data_path, refs, "pass"))
                continue
            severity = rule.severity if j.verdict is Verdict.ERROR else min(
                (rule.severity, Severity.WARNING), key=lambda s: s.rank)
            values = dict(zip(keys, [r.strict for r in readings], strict=True))
            left, right = rule.expr.value("left", values), rule.expr.value("right", values)
            sides = f"；左边 = {left}，右边 = {right}" if left is not None and right is not None else ""
            stated = "，".join(f"{f.label} = {_show(f)}" for f in all_figs)
            message = (f"规则 {rule.id}（{Path(rule.path).name}:{rule.line}）不成立：{rule.description}。"
                       f"{rule.expr.source}，其中 {stated}{sides}")
            if j.assumption:
                message += f"；仅当{j.assumption}时成立"
            finding = _finding("MZ320", message, data_path, line, all_figs, severity, stated,
                               f"{left}" if left is not None else "", j.assumption, anchor=rule.id)
            # a data file has no text to patch: the repairs say the values, with no place
            finding = replace(finding, repairs=tuple(
                replace(r, start=0, end=0) for r in propose(all_figs, rule.expr.source, rho,
                                                            [(f.raw, 0) for f in all_figs], keys)))
            findings.append(finding)
            checks.append(Check("MZ320", data_path, refs, severity.value))
    return findings, checks


def text_data_findings(doc_name: str, text_figures: list[Figure], curated: Curated, line_col, rho
                       ) -> tuple[list[Finding], list[Check]]:
    from mzcheck.validate.crosscheck import pairs

    findings, checks = [], []
    for fig, metric, row in pairs(text_figures, curated.figures):
        rt, rd = read(fig, rho), read(row, rho)
        j = judge([rt, rd], lambda iv: iv[0].meets(iv[1]))
        refs = (mark(fig), mark(row))
        if j.verdict is Verdict.CONSISTENT:
            checks.append(Check("MZ321", doc_name, refs, "pass"))
            continue
        line, column = line_col(fig.start)
        message = (f"文本与数据不一致：{doc_name}:{line} 写作“{fig.raw}”，"
                   f"{curated.path}:{curated.lines[metric]} 中 {metric} 为 {row.raw}")
        if j.assumption:
            message += f"；仅当{j.assumption}时一致"
        severity = Severity.WARNING if j.verdict is Verdict.WARNING else Severity.ERROR
        f = Finding("MZ321", "text-data-mismatch", severity, message, doc_name, refs, None, line, column,
                    fig.raw, row.raw, j.assumption, fingerprint("MZ321", (fig.raw, row.raw), metric))
        findings.append(f)
        checks.append(Check("MZ321", doc_name, refs, severity.value))
    return findings, checks


def validate_paths(paths: Sequence[str], schema_path: str | None, rule_paths: Sequence[str],
                   config: Config = DEFAULTS, engine: str = "pandera", data_docs: str | None = None) -> RunResult:
    from mzcheck.rules.context import DocContext
    from mzcheck.validate.rulesfile import load_rules
    from mzcheck.validate.schema import load_schema

    curated: list[Curated] = []
    reports = []
    for p in paths:
        doc = read_document(p)
        if doc.tables and doc.tables[0].rows and is_curated(doc.tables[0].rows[0]):
            curated.append(load_curated(p))
        else:
            reports.append(doc)
    if engine == "gx":
        if not schema_path:
            raise MzcheckError("--engine gx 需要 --schema（GX 期望集由 schema 生成）")
        from mzcheck.validate.gx import build_suite

        suite = build_suite(schema_path, list(rule_paths)).suite
        schema = None
    else:
        schema = load_schema(schema_path) if schema_path else None
    metrics: dict[str, Figure] = {}
    lines: dict[str, int] = {}
    for c in curated:
        for m, f in c.figures.items():
            metrics.setdefault(m, f)
            lines.setdefault(m, c.lines[m])
    rules = [r for path in rule_paths for r in load_rules(path, metrics.keys() if curated else None)]
    findings: list[Finding] = []
    checks: list[Check] = []
    infos: list[DocumentInfo] = []
    text_figures: list[Figure] = []
    for doc in reports:
        checked = check_document(doc, config)
        figs = checked.extraction.original_figures()
        infos.append(checked.info)
        checks.extend(checked.checks)
        findings.extend(checked.findings)
        text_figures.extend(x for x in figs if "table" not in x.flags)
        ctx = DocContext(doc.name, doc.text, [])
        for data in curated:
            tf, tc = text_data_findings(doc.name, [x for x in figs if x.doc == doc.name and "table" not in x.flags],
                                        data, ctx.line_col, config.rho)
            findings.extend(tf)
            checks.extend(tc)
    for data in curated:
        infos.append(curated_info(data))
        if schema is not None:
            sf, sc = schema_findings(data, schema)
            findings.extend(sf)
            checks.extend(sc)
        elif engine == "gx":
            from mzcheck.validate.gx import run_gx

            gf, gc = run_gx(data, suite, data_docs)
            findings.extend(gf)
            checks.extend(gc)
    if rules and curated:
        df, dc = declared_findings(rules, metrics, lines, curated[0].path, text_figures, config.rho)
        findings.extend(df)
        checks.extend(dc)
    findings = config.policy.apply(findings)
    checks = [c for c in checks if config.policy.runs(c.code)]
    findings.sort(key=lambda f: (f.doc, f.line, f.code))
    return RunResult(tuple(infos), tuple(checks), tuple(findings), tuple(sorted({c.code for c in checks})),
                     rule_pages({c.code for c in checks} | {f.code for f in findings}))
