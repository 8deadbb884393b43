"""One rule-selection policy: select, ignore and severity decided in one place, for the
rules of check, unreadable documents (MZ010), validate and waivers (MZ001/MZ002)."""

from __future__ import annotations

import json
import shutil

import pytest

from conftest import SAMPLE
from mzcheck.cli import main
from mzcheck.finding import Finding, Severity
from mzcheck.policy import RulePolicy
from mzcheck.rules.relations.common import strip_prefix_word


def run(args, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main([str(a) for a in args])
    out, err = capsys.readouterr()
    return exit_info.value.code, out, err


@pytest.fixture()
def folder_with_a_pdf(tmp_path):
    root = tmp_path / "archive"
    root.mkdir()
    shutil.copy(SAMPLE, root / "nantong.txt")
    (root / "fake.txt").write_bytes(b"%PDF-1.7\n\x00\x01binary")
    return root


def test_configured_severity_applies_to_unreadable_documents(folder_with_a_pdf, tmp_path, capsys, monkeypatch):
    # README: `severity = { MZ010 = "warning" }` lets an unreadable file pass at --fail-on error
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    (work / "pyproject.toml").write_text('[tool.mzcheck]\nseverity = { MZ010 = "warning" }\n', encoding="utf-8")
    out = tmp_path / "r.json"
    code, _, err = run(["check", folder_with_a_pdf, "-o", out], capsys)
    unreadable = [f for f in json.loads(out.read_text(encoding="utf-8"))["findings"] if f["code"] == "MZ010"]
    assert [f["severity"] for f in unreadable] == ["warning"]
    assert code == 0, err


def test_select_does_not_hide_an_unreadable_document(folder_with_a_pdf, tmp_path, capsys):
    out = tmp_path / "r.json"
    code, _, _ = run(["check", folder_with_a_pdf, "--select", "MZ3", "-o", out], capsys)
    codes = {f["code"] for f in json.loads(out.read_text(encoding="utf-8"))["findings"]}
    assert "MZ010" in codes and code == 1
    assert not any(c.startswith(("MZ1", "MZ2", "MZ4")) for c in codes)


def test_ignore_silences_an_unused_waiver(tmp_path, capsys):
    waivers = tmp_path / "waivers.yaml"
    waivers.write_text('waivers:\n  - fingerprint: "0000000000000000"\n    reason: 旧口径\n'
                       "    approved-by: 王审计\n    expires: 2099-12-31\n", encoding="utf-8")
    _, out, _ = run(["check", SAMPLE, "--waivers", waivers], capsys)
    assert "MZ001" in out
    _, out, _ = run(["check", SAMPLE, "--waivers", waivers, "--ignore", "MZ001"], capsys)
    assert "MZ001" not in out


def test_configured_severity_applies_to_waiver_findings(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "mzcheck.toml").write_text('severity = { MZ001 = "error" }\n', encoding="utf-8")
    waivers = tmp_path / "waivers.yaml"
    waivers.write_text('waivers:\n  - fingerprint: "0000000000000000"\n    reason: 旧口径\n'
                       "    approved-by: 王审计\n    expires: 2099-12-31\n", encoding="utf-8")
    code, out, _ = run(["check", SAMPLE, "--waivers", waivers], capsys)
    assert "MZ001 错误" in out and code == 1


@pytest.mark.parametrize("policy,code,runs", [
    (RulePolicy(), "MZ302", True),
    (RulePolicy(select=("MZ3",)), "MZ101", False),
    (RulePolicy(select=("MZ3",)), "MZ302", True),
    (RulePolicy(select=("MZ3",)), "MZ010", True),        # about the run, not a check
    (RulePolicy(select=("MZ3",)), "MZ901", True),
    (RulePolicy(select=("MZ3",), ignore=("MZ010",)), "MZ010", False),
    (RulePolicy(ignore=("MZ30",)), "MZ302", False),
    (RulePolicy(ignore=("MZ30",)), "MZ310", True),
])
def test_which_codes_run(policy, code, runs):
    assert policy.runs(code) is runs


def test_levels_configured_wins_else_never_above_the_default():
    policy = RulePolicy(severity={"MZ302": Severity.ERROR})
    assert policy.level("MZ302", Severity.ERROR, Severity.WARNING) is Severity.ERROR   # configured
    assert policy.level("MZ303", Severity.WARNING, Severity.ERROR) is Severity.WARNING  # capped at default
    assert policy.level("MZ303", Severity.ERROR, Severity.WARNING) is Severity.WARNING  # graded down
    assert policy.level("MZ303", Severity.ERROR) is Severity.ERROR


def test_apply_filters_and_relevels():
    policy = RulePolicy(ignore=("MZ001",), severity={"MZ010": Severity.INFO})
    found = [Finding("MZ001", "unused-waiver", Severity.WARNING, "m", "d"),
             Finding("MZ010", "unreadable-document", Severity.ERROR, "m", "d")]
    assert [(f.code, f.severity) for f in policy.apply(found)] == [("MZ010", Severity.INFO)]


@pytest.mark.parametrize("raw,shown", [
    ("1.3倍", "1.3倍"),
    ("不低于1.3倍", "1.3倍"),
    ("至少2倍", "2倍"),
    ("多于3倍", "多于3倍"),       # str.lstrip(chars) ate the 多 (a set of characters, not a prefix)
    ("高于1.5倍", "高于1.5倍"),
    ("不少于于2倍", "于2倍"),     # one word, once
])
def test_a_bound_word_is_stripped_as_a_word(raw, shown):
    assert strip_prefix_word(raw, ("不低于", "不少于", "至少", "不超过", "不高于", "至多")) == shown
