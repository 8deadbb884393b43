"""The command line: outputs, exit codes, one-line errors."""

from __future__ import annotations

import csv
import json
import subprocess
import sys

import pandas as pd
import pytest

from conftest import SAMPLE
from mzcheck import __version__
from mzcheck.cli import main


def run(args, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(list(args))
    out, err = capsys.readouterr()
    return exit_info.value.code, out, err


def test_version(capsys):
    code, out, _ = run(["--version"], capsys)
    assert code == 0 and __version__ in out


@pytest.mark.parametrize("args", [["--help"], ["extract", "--help"]])
def test_help(capsys, args):
    code, out, _ = run(args, capsys)
    assert code == 0 and "Usage:" in out and "Examples" in out


def test_extract_csv_to_stdout(capsys):
    code, out, _ = run(["extract", str(SAMPLE)], capsys)
    assert code == 0
    rows = list(csv.DictReader(out.splitlines()))
    assert len(rows) == 60
    first = rows[0]
    assert (first["raw"], first["value"], first["unit"], first["qualifier"]) == ("约9000人次", "9000", "人次", "约")
    assert rows[4]["value"] == "12147400"


@pytest.mark.parametrize("suffix", ["csv", "json", "parquet"])
def test_extract_to_file_by_extension(tmp_path, capsys, suffix):
    out_path = tmp_path / f"figures.{suffix}"
    code, _, err = run(["extract", str(SAMPLE), "-o", str(out_path)], capsys)
    assert code == 0 and str(out_path) in err
    if suffix == "csv":
        values = [r["value"] for r in csv.DictReader(out_path.open(encoding="utf-8"))]
    elif suffix == "json":
        payload = json.loads(out_path.read_text(encoding="utf-8"))
        assert payload["format"] == "mzcheck-figures" and payload["documents"][0]["characters"] > 0
        values = [f["value"] for f in payload["figures"]]
    else:
        values = list(pd.read_parquet(out_path)["value"])
    assert len(values) == 60 and values[4] == "12147400"
    assert not list(tmp_path.glob(".*.tmp"))


def test_output_is_deterministic(tmp_path, capsys):
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    run(["extract", str(SAMPLE), "-o", str(a)], capsys)
    run(["extract", str(SAMPLE), "-o", str(b)], capsys)
    assert a.read_bytes() == b.read_bytes()


@pytest.mark.parametrize("args,needle", [
    (["extract", "/no/such/file.txt"], "文件不存在"),
    (["extract", "SAMPLE", "-o", "x.xyz"], "输出格式"),
    (["extract", "SAMPLE", "--format", "parquet"], "Parquet"),
    (["extract"], "Missing argument"),
    (["nosuchcommand"], "No such command"),
])
def test_errors_exit_2_with_one_line(capsys, tmp_path, args, needle):
    args = [str(SAMPLE) if a == "SAMPLE" else a for a in args]
    args = [str(tmp_path / a) if a == "x.xyz" else a for a in args]
    code, _, err = run(args, capsys)
    assert code == 2
    assert needle in err
    assert "Traceback" not in err


def test_binary_input_exit_2_and_debug_shows_traceback(tmp_path, capsys):
    bad = tmp_path / "report.txt"
    bad.write_bytes(b"%PDF-1.4 binary")
    code, _, err = run(["extract", str(bad)], capsys)
    assert code == 2 and err.count("\n") == 1 and "PDF" in err
    code, _, err = run(["--debug", "extract", str(bad)], capsys)
    assert code == 2 and "Traceback" in err


def test_console_script_runs_as_module():
    proc = subprocess.run([sys.executable, "-m", "mzcheck", "--version"], capture_output=True, text=True)
    assert proc.returncode == 0 and __version__ in proc.stdout


def test_startup_does_not_import_heavy_modules():
    code = "import sys, mzcheck.cli; print(sorted(m for m in ('pandas','pandera','great_expectations','jinja2','bs4') if m in sys.modules))"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.stdout.strip() == "[]"


# --- check, rules, rule ---------------------------------------------------------------
def test_check_exit_codes_follow_fail_on(capsys):
    assert run(["check", str(SAMPLE)], capsys)[0] == 0              # warnings only
    assert run(["check", str(SAMPLE), "--fail-on", "warning"], capsys)[0] == 1
    assert run(["check", str(SAMPLE), "--fail-on", "info"], capsys)[0] == 1


def test_check_exit_1_on_an_error(tmp_path, capsys):
    report = tmp_path / "r.txt"
    report.write_text("全年实施临时救助约9000人次,支出约1214.74万元;人均救助额约1100元。", encoding="utf-8")
    code, out, _ = run(["check", str(report)], capsys)
    assert code == 1 and "MZ301" in out and "错误" in out


def test_select_and_ignore(capsys):
    _, out, _ = run(["check", str(SAMPLE), "--select", "MZ1"], capsys)
    assert "MZ101" in out and "MZ302" not in out
    _, out, _ = run(["check", str(SAMPLE), "--ignore", "MZ101,MZ102"], capsys)
    assert "MZ101" not in out and "MZ302" in out
    _, out, _ = run(["check", str(SAMPLE), "--select", "share-mismatch"], capsys)
    assert "MZ302" in out and "MZ101" not in out


@pytest.mark.parametrize("args,needle", [
    (["check", "SAMPLE", "--select", "MZ3009"], "MZ309"),
    (["check", "SAMPLE", "--ignore", "XY1"], "未知规则代码"),
    (["check", "SAMPLE", "--fail-on", "fatal"], "Invalid value"),
    (["rule", "MZ999"], "未知规则"),
    (["rule", "share-mismatc"], "share-mismatch"),
])
def test_check_usage_errors(capsys, args, needle):
    code, _, err = run([str(SAMPLE) if a == "SAMPLE" else a for a in args], capsys)
    assert code == 2 and needle in err and "Traceback" not in err


def test_rules_lists_every_rule_within_80_columns(capsys):
    from mzcheck.report.terminal import display_width
    from mzcheck.rules.registry import all_rules

    code, out, _ = run(["rules"], capsys)
    lines = out.splitlines()
    assert code == 0 and [l.split()[0] for l in lines] == [r.code for r in all_rules()]
    assert max(display_width(l) for l in lines) <= 80


def test_rule_prints_its_page(capsys):
    code, out, _ = run(["rule", "MZ301"], capsys)
    assert code == 0 and out.startswith("MZ301 average-mismatch 平均数不符 (error, relations)")
    assert "Fails:" in out and "Passes:" in out
    assert "不通过示例：" in out and "通过示例：" in out       # the Chinese page follows the English


def test_rule_catalogue_is_current():
    from conftest import ROOT
    from mzcheck.rules.catalogue import render

    assert (ROOT / "docs" / "rules.md").read_text(encoding="utf-8") == render()
