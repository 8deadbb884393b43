"""Issue 4: `mzcheck validate` — schema, declared rules, text ↔ data, configuration,
waivers, JUnit, and the error paths (exit 2 with file:line, never a traceback)."""

from __future__ import annotations

import json

import pytest

from conftest import ROOT, SAMPLE
from mzcheck.cli import main

DATA = ROOT / "data" / "nantong-2022" / "figures.csv"
SCHEMA = ROOT / "schemas" / "curated-figures.yaml"
RULES = ROOT / "checks" / "nantong-2022.yaml"


def run(args, capsys):
    with pytest.raises(SystemExit) as e:
        main([str(a) for a in args])
    out, err = capsys.readouterr()
    return e.value.code, out, err


def validate(capsys, *paths, extra=()):
    return run(["validate", *paths, "--schema", SCHEMA, "--rules", RULES, *extra], capsys)


def test_sample_data_passes_with_the_60737_warning(capsys):
    code, out, _ = validate(capsys, DATA)
    assert code == 0
    assert "onetime-subsidy-recipients" in out and "60737" in out and "60104" in out
    assert "错误 0" in out


def test_changing_1971_to_1791_fails_naming_the_metric_and_numbers(tmp_path, capsys):
    copy = tmp_path / "figures.csv"
    copy.write_text(DATA.read_text(encoding="utf-8").replace("等级社会组织数,1971,", "等级社会组织数,1791,"),
                    encoding="utf-8")
    code, out, _ = validate(capsys, copy)
    assert code == 1
    block = out[out.index("graded-organisations-share"):]
    assert "错误" in out and "等级社会组织" in block and "1791" in block and "4627" in block and "42.59" in block


def test_json_is_the_same_shape_as_check(tmp_path, capsys):
    out = tmp_path / "run.json"
    code, _, _ = validate(capsys, DATA, SAMPLE, extra=["--format", "json", "-o", out])
    payload = json.loads(out.read_text(encoding="utf-8"))
    assert code == 0 and payload["format"] == "mzcheck-result"
    codes = {c["code"] for c in payload["checks"]}
    assert {"MZ320", "MZ321", "MZ219", "MZ302"} <= codes
    linked = [c for c in payload["checks"] if c["code"] == "MZ321"]
    assert len(linked) >= 10 and all(c["outcome"] == "pass" for c in linked)


def test_text_disagreeing_with_data_shows_both_places(tmp_path, capsys):
    report = tmp_path / "report.txt"
    report.write_text(SAMPLE.read_text(encoding="utf-8").replace("29109户39616人", "29109户39661人"), encoding="utf-8")
    code, out, _ = run(["validate", DATA, report, "--rules", RULES, "--select", "MZ321"], capsys)
    assert code == 1
    assert "39661" in out and "39616" in out and "report.txt:" in out and "figures.csv:13" in out


def test_label_selects_a_text_figure(tmp_path, capsys):
    report = tmp_path / "report.txt"
    report.write_text(SAMPLE.read_text(encoding="utf-8").replace("等级社会组织占比42.59", "等级社会组织占比45.59"),
                      encoding="utf-8")
    code, out, _ = run(["validate", DATA, report, "--rules", RULES, "--select", "MZ320"], capsys)
    assert code == 1 and "graded-share-as-published" in out


# --- bad input: exit 2, file:line, no traceback -------------------------------------------
BAD_RULES = {
    "malformed.yaml": ("version: 1\nrules:\n  - id: a\n    expr: 社会组织数 >= 1\n   description: [x\n", ":5: YAML"),
    "unknown-metric.yaml": ("version: 1\nrules:\n  - id: a\n    expr: 社会组织数 >= 等级社会组织总数\n    description: x\n",
                            ":4: 规则 a：未知指标 等级社会组织总数，是否指 等级社会组织数"),
    "import.yaml": ("version: 1\nrules:\n  - id: a\n    expr: __import__('os') == 1\n    description: x\n",
                    ":4: 规则 a：不允许调用 __import__()"),
    "attribute.yaml": ("version: 1\nrules:\n  - id: a\n    expr: 社会组织数.real == 1\n    description: x\n",
                       ":4: 规则 a：不允许的表达式成分"),
    "key.yaml": ("version: 1\nrules:\n  - id: a\n    exp: 社会组织数 >= 1\n    description: x\n", ":4: 未知规则键 exp，是否指 expr"),
    "severity.yaml": ("version: 1\nrules:\n  - id: a\n    expr: 社会组织数 >= 1\n    severity: fatal\n    description: x\n",
                      ":5: 未知严重级别 fatal"),
    "duplicate.yaml": ("version: 1\nrules:\n  - id: a\n    expr: 社会组织数 >= 1\n    description: x\n"
                       "  - id: a\n    expr: 社会组织数 >= 2\n    description: y\n", ":6: 规则 id a 重复"),
}


@pytest.mark.parametrize("name", sorted(BAD_RULES))
def test_bad_rules_file(tmp_path, capsys, name):
    text, needle = BAD_RULES[name]
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    code, _, err = run(["validate", DATA, "--rules", path], capsys)
    assert code == 2 and f"{path}{needle}" in err and "Traceback" not in err and err.count("\n") == 1


def test_schema_with_misspelt_key(tmp_path, capsys):
    path = tmp_path / "schema.yaml"
    path.write_text(SCHEMA.read_text(encoding="utf-8").replace("    nullable: false", "    nulable: false", 1),
                    encoding="utf-8")
    code, _, err = run(["validate", DATA, "--schema", path], capsys)
    assert code == 2 and f"{path}:10:" in err and "是否指 nullable" in err and "Traceback" not in err


def test_schema_with_unknown_top_key_and_dataframe_check(tmp_path, capsys):
    path = tmp_path / "schema.yaml"
    path.write_text("schema_type: dataframe\ncolums:\n  metric:\n    dtype: str\n", encoding="utf-8")
    code, _, err = run(["validate", DATA, "--schema", path], capsys)
    assert code == 2 and ":2:" in err and "是否指 columns" in err
    path.write_text("schema_type: dataframe\nchecks:\n  - options:\n      check_name: mzcheck_shares_within_10\n",
                    encoding="utf-8")
    code, _, err = run(["validate", DATA, "--schema", path], capsys)
    assert code == 2 and ":3:" in err and "mzcheck_shares_within_100" in err


def test_validate_needs_a_schema_or_rules(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, _, err = run(["validate", DATA], capsys)
    assert code == 2 and "--schema" in err


# --- schema findings ----------------------------------------------------------------------
def test_schema_failures_are_collected_lazily_with_lines(tmp_path, capsys):
    text = DATA.read_text(encoding="utf-8").splitlines()
    text[1] = text[1].replace(",9000,人次,", ",9000,斤,")          # line 2: unit
    text[29] = text[29].replace(",108,名,", ",108.5,名,")          # line 30: fractional count
    text.append(text[40])                                          # duplicate metric
    path = tmp_path / "figures.csv"
    path.write_text("\n".join(text) + "\n", encoding="utf-8")
    code, out, _ = run(["validate", path, "--schema", SCHEMA, "--format", "json", "-o", tmp_path / "r.json"], capsys)
    payload = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    got = sorted((f["code"], f["line"]) for f in payload["findings"])
    assert code == 1
    assert ("MZ212", 2) in got and ("MZ213", 30) in got and ("MZ214", 41) in got


# --- configuration and waivers ------------------------------------------------------------
def test_config_file_layers_under_the_command_line(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "mzcheck.toml").write_text('select = ["MZ3"]\nfail-on = "warning"\n', encoding="utf-8")
    code, out, _ = run(["check", SAMPLE], capsys)
    assert code == 1 and "MZ302" in out and "MZ101" not in out           # file: select + fail-on
    code, out, _ = run(["check", SAMPLE, "--fail-on", "error"], capsys)
    assert code == 0                                                     # CLI beats file
    monkeypatch.setenv("MZCHECK_FAIL_ON", "error")
    assert run(["check", SAMPLE], capsys)[0] == 0                        # env beats file


@pytest.mark.parametrize("content,needle", [
    ('[tool.mzcheck]\nselect = ["MZ3"]\nfail_on = "warning"\n', "pyproject.toml:3: 未知配置项 fail_on，是否指 fail-on"),
    ('[tool.mzcheck]\nignore = ["MZ3009"]\n', "pyproject.toml:2: 未知规则代码 MZ3009，是否指 MZ309"),
    ('[tool.mzcheck]\nseverity = {MZ302 = "fatal"}\n', "pyproject.toml:2: 未知严重级别 fatal"),
    ('[tool.mzcheck]\nrho = 3\n', "pyproject.toml:2: rho 必须在 (0, 1] 之内"),
    ('[tool.mzcheck\n', "pyproject.toml:1: TOML 语法错误"),
])
def test_bad_configuration(tmp_path, capsys, monkeypatch, content, needle):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pyproject.toml").write_text(content, encoding="utf-8")
    code, _, err = run(["check", SAMPLE], capsys)
    assert code == 2 and needle in err and "Traceback" not in err


def test_per_rule_severity_from_config(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "mzcheck.toml").write_text('severity = { MZ302 = "error" }\n', encoding="utf-8")
    code, out, _ = run(["check", SAMPLE], capsys)
    assert code == 1 and "MZ302 错误" in out


def _fingerprint(capsys, tmp_path, code):
    out = tmp_path / "r.json"
    run(["check", SAMPLE, "--format", "json", "-o", out], capsys)
    return next(f["fingerprint"] for f in json.loads(out.read_text(encoding="utf-8"))["findings"] if f["code"] == code)


def test_waivers_accept_expire_and_go_stale(tmp_path, capsys):
    fp = _fingerprint(capsys, tmp_path, "MZ302")
    waivers = tmp_path / "waivers.yaml"
    waivers.write_text(f"waivers:\n  - fingerprint: {fp}\n    reason: 原文截断\n    approved-by: 王审计\n"
                       f"    expires: 2027-06-30\n  - fingerprint: \"0000000000000000\"\n    reason: 旧\n"
                       f"    approved-by: 王审计\n    expires: 2027-06-30\n", encoding="utf-8")
    code, out, err = run(["check", SAMPLE, "--waivers", waivers, "--today", "2026-11-28"], capsys)
    assert not err.startswith("mzcheck"), err
    assert "MZ302" not in out and "MZ001" in out and f"{waivers}:6:" in out
    code, out, _ = run(["check", SAMPLE, "--waivers", waivers, "--today", "2027-07-01"], capsys)
    assert "MZ302" in out and "MZ002" in out


def test_unquoted_numeric_fingerprint_is_explained(tmp_path, capsys):
    waivers = tmp_path / "waivers.yaml"
    waivers.write_text("waivers:\n  - fingerprint: 0012\n    reason: x\n    approved-by: 王\n    expires: 2027-01-01\n",
                       encoding="utf-8")
    code, _, err = run(["check", SAMPLE, "--waivers", waivers], capsys)
    assert code == 2 and f"{waivers}:2: fingerprint 须写成字符串" in err


def test_bad_waivers_file(tmp_path, capsys):
    waivers = tmp_path / "waivers.yaml"
    waivers.write_text("waivers:\n  - fingerprint: abc\n    reason: x\n    approver: 王\n    expires: 2027-01-01\n",
                       encoding="utf-8")
    code, _, err = run(["check", SAMPLE, "--waivers", waivers], capsys)
    assert code == 2 and f"{waivers}:4: 未知豁免键 approver，是否指 approved-by" in err


def test_junit_output(tmp_path, capsys):
    from xml.etree import ElementTree as ET

    out = tmp_path / "junit.xml"
    code, _, _ = validate(capsys, DATA, extra=["--format", "junit", "-o", out, "--fail-on", "warning"])
    root = ET.parse(out).getroot()
    assert code == 1 and root.tag == "testsuites"
    failures = root.findall(".//failure")
    assert int(root.get("failures")) == len(failures) == 2
    assert any("60737" in f.get("message") for f in failures)
