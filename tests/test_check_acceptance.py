"""Issue 3 acceptance: what `mzcheck check` must find on the sample report and corpus."""

from __future__ import annotations

import json

import pytest

from conftest import SAMPLE, corpus_files
from mzcheck.cli import main
from mzcheck.pipeline import run
from mzcheck.report.terminal import display_width


@pytest.fixture(scope="module")
def seed():
    return run([SAMPLE])


def codes(result, code):
    return [f for f in result.findings if f.code == code]


def test_every_percentage_without_sign_is_reported(seed):
    raws = sorted(f.figures[0].raw for f in codes(seed, "MZ101"))
    assert raws == sorted(["40", "20", "10", "达100", "达99.01", "达到53", "42.59", "近74"])


def test_both_lost_plus_signs_are_reported(seed):
    texts = [f.stated for f in codes(seed, "MZ102")]
    assert len(texts) == 2
    assert "“4 1”" in texts[0] and "“基地社会化运行” “公益创投扶持”" in texts[1]


def test_truncated_share_is_a_warning_with_the_rounded_value(seed):
    (f,) = codes(seed, "MZ302")
    assert f.severity.value == "warning"
    assert [r.raw for r in f.figures] == ["1971家", "达4627家", "42.59"]
    assert "截断" in f.assumption and "42.60" in f.message and "42.5978" in f.message


def checked(result, code, raws):
    return [c for c in result.checks if c.code == code and {r.raw for r in c.figures} >= set(raws)]


@pytest.mark.parametrize("code,raws", [
    ("MZ301", ["约9000人次", "约1000万元", "约1100元"]),         # the 临时救助 average
    ("MZ403", ["60737人", "1214.74万元"]),                       # 200.0 元 per person
    ("MZ307", ["2070元", "2200元"]),                             # 提高至
    ("MZ311", ["超3.1亿元", "超2亿元"]),                         # spent within raised
    ("MZ304", ["3477.9万元", "超3.1亿元"]),                      # 网络募捐 within 善款
])
def test_relations_are_checked_and_raise_nothing(seed, code, raws):
    runs = checked(seed, code, raws)
    assert runs and all(c.outcome == "pass" for c in runs)


def test_no_error_on_the_sample(seed):
    assert seed.counts()["error"] == 0


def test_special_hardship_spending_below_its_floor_is_info(seed):
    # docs/numbers.md worked example 6: 约2.35亿元 ÷ (529 + 19959) ÷ 12 ≈ 956 元/月 < 780 × 1.3 = 1014
    (f,) = codes(seed, "MZ404")
    assert f.severity.value == "info" and "956" in f.message and "1014" in f.message


def test_json_lists_every_check(tmp_path, capsys):
    out = tmp_path / "run.json"
    with pytest.raises(SystemExit) as e:
        main(["check", str(SAMPLE), "--format", "json", "-o", str(out)])
    assert e.value.code == 0
    payload = json.loads(out.read_text(encoding="utf-8"))
    assert payload["format"] == "mzcheck-result" and payload["version"] == 1
    assert payload["generated_at"] is None
    summary = payload["summary"]
    assert summary["checks"] == len(payload["checks"]) > 50
    assert summary["passed"] == sum(1 for c in payload["checks"] if c["outcome"] == "pass")
    assert summary["findings"] == len(payload["findings"]) == 12
    finding = next(f for f in payload["findings"] if f["code"] == "MZ302")
    assert set(finding) >= {"code", "name", "severity", "message", "doc", "figures", "stated", "computed",
                            "assumption", "fingerprint"}
    assert finding["figures"][0].keys() == {"figure_id", "raw", "start", "end", "label"}
    lost_plus = next(f for f in payload["findings"] if f["code"] == "MZ102")
    assert lost_plus["span"]["end"] > lost_plus["span"]["start"]


def test_text_output_fits_80_columns(capsys):
    with pytest.raises(SystemExit):
        main(["check", str(SAMPLE)])
    out = capsys.readouterr().out
    assert "12 个问题" in out
    assert max(display_width(line) for line in out.splitlines()) <= 80


# --- corpus (skips when ../shared/corpus is absent) --------------------------------------
CORPUS = {p.name[:2]: p for p in corpus_files()}
needs_corpus = pytest.mark.skipif(not CORPUS, reason="shared/corpus not present")


@needs_corpus
def test_corpus_07_truncated_sum():
    result = run([CORPUS["07"]])
    (f,) = [f for f in result.findings if f.code == "MZ303"]
    assert f.severity.value == "warning" and "877.74" in f.message and "877.75" in f.message
    assert "截断" in f.assumption


@needs_corpus
def test_corpus_13_structure_and_sums_hold_and_space_is_reported():
    result = run([CORPUS["13"]])
    assert [c.outcome for c in result.checks if c.code == "MZ306"] == ["pass"] * 4
    assert [c.outcome for c in result.checks if c.code == "MZ303"] == ["pass", "pass"]
    assert [f.stated for f in result.findings] == ["1.4 %"]


@needs_corpus
@pytest.mark.parametrize("name", ["01", "17"])
def test_clean_controls_raise_no_error(name):
    result = run([CORPUS[name]])
    assert result.counts()["error"] == 0, [f.message for f in result.findings]


@needs_corpus
def test_corpus_findings_table_is_current():
    """docs/corpus-findings.md lists every finding on the corpus (regenerate with
    `python tools/corpus_findings.py` and review the verdict column)."""
    from tools_corpus import current_rows, documented_rows

    assert current_rows(CORPUS.values()) == documented_rows()
