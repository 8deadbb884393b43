"""Issue 6: the Great Expectations bridge — parity with the pandera engine, a suite
that round-trips through GX, offline runs, and GX never imported unless asked for."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import ROOT, SAMPLE

gx = pytest.importorskip("great_expectations", reason="the gx extra is not installed")

from mzcheck.validate.run import validate_paths  # noqa: E402

DATA = ROOT / "data" / "nantong-2022" / "figures.csv"
SCHEMA = str(ROOT / "schemas" / "curated-figures.yaml")
RULES = [str(ROOT / "checks" / "nantong-2022.yaml")]
SCHEMA_CODES = {"MZ210", "MZ211", "MZ212", "MZ213", "MZ214", "MZ215", "MZ219",
                "MZ501", "MZ502", "MZ503", "MZ504", "MZ505", "MZ506", "MZ507"}


def failing_pairs(path, engine):
    result = validate_paths([str(path)], SCHEMA, [], engine=engine)
    lines = {}
    text = path.read_text(encoding="utf-8").splitlines()
    for i, line in enumerate(text[1:], start=2):
        lines[i] = line.split(",", 1)[0]
    return {(lines.get(f.line, ""), f.check) for f in result.findings if f.code in SCHEMA_CODES}


def corrupt(tmp_path):
    rows = DATA.read_text(encoding="utf-8").splitlines()
    out = []
    for row in rows:
        if row.startswith("等级社会组织占比,"):
            row = row.replace(",42.59,", ",142.59,")                 # a share above 100
        elif row.startswith("儿童主任人数,"):
            row = row.replace(",1929,", ",-1929,")                   # a negative count
        elif row.startswith("社工站数,"):
            row = row.replace(",107,个,", ",107,斤,")                 # an unknown unit
        out.append(row)
    out.append(next(r for r in rows if r.startswith("社会组织数,")).replace(",4627,", ",4672,"))  # a duplicate metric
    path = tmp_path / "figures.csv"
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    return path


def test_parity_on_the_sample_data():
    assert failing_pairs(DATA, "pandera") == failing_pairs(DATA, "gx") == set()


def test_parity_on_a_corrupted_copy(tmp_path):
    path = corrupt(tmp_path)
    pandera, gx_pairs = failing_pairs(path, "pandera"), failing_pairs(path, "gx")
    assert pandera == gx_pairs
    assert pandera == {
        ("等级社会组织占比", "value:mzcheck_shares_within_100"),
        ("儿童主任人数", "value:mzcheck_counts_whole_nonnegative"),
        ("社工站数", "unit:isin"),
        ("社会组织数", "metric:unique"),
    }


def test_suite_round_trips_through_gx(tmp_path, capsys):
    from mzcheck.cli import main

    out = tmp_path / "suite.json"
    with pytest.raises(SystemExit) as e:
        main(["gx-suite", "--schema", SCHEMA, "--rules", RULES[0], "-o", str(out)])
    assert e.value.code == 0
    err = capsys.readouterr().err
    assert "GX 未表达" in err and "temporary-assistance-average" in err     # listed, never dropped
    text = out.read_text(encoding="utf-8")
    loaded = gx.ExpectationSuite(**json.loads(text))
    again = json.dumps(loaded.to_json_dict(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    assert again == text
    suite = json.loads(text)
    types = {x["type"] for x in suite["expectations"]}
    assert {"expect_column_values_to_be_in_set", "expect_column_values_to_be_unique",
            "expect_column_values_to_not_be_null", "expect_column_values_to_match_regex",
            "expect_column_pair_values_a_to_be_greater_than_b"} <= types
    # 7 rules need interval arithmetic or report text; the optional source column cannot be
    # checked "only if present"
    assert len(suite["meta"]["mzcheck"]["not_expressed"]) == 8


def test_gx_engine_result_has_the_same_shape_and_exit_codes(tmp_path, capsys):
    from mzcheck.cli import main

    out = tmp_path / "run.json"
    with pytest.raises(SystemExit) as e:
        main(["validate", str(DATA), "--schema", SCHEMA, "--rules", RULES[0], "--engine", "gx",
              "--data-docs", str(tmp_path / "docs"), "-o", str(out)])
    assert e.value.code == 0
    payload = json.loads(out.read_text(encoding="utf-8"))
    assert payload["format"] == "mzcheck-result" and any(c["code"].startswith("MZ5") for c in payload["checks"])
    assert (tmp_path / "docs" / "index.html").exists()
    with pytest.raises(SystemExit) as e:
        main(["validate", str(corrupt(tmp_path)), "--schema", SCHEMA, "--engine", "gx"])
    assert e.value.code == 1 and "MZ507" in capsys.readouterr().out


def test_check_never_imports_great_expectations():
    code = ("import sys, contextlib, io; from mzcheck.cli import main\n"
            "with contextlib.suppress(SystemExit), contextlib.redirect_stdout(io.StringIO()):\n"
            f"    main(['check', {str(SAMPLE)!r}])\n"
            "print('great_expectations' in sys.modules, 'jinja2' in sys.modules, 'pandera' in sys.modules)")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.stdout.strip() == "False False False", proc.stderr


def test_without_the_extra_engine_gx_exits_2_with_the_install_command():
    code = ("import sys; sys.modules['great_expectations'] = None\nfrom mzcheck.cli import main\n"
            f"main(['validate', {str(DATA)!r}, '--schema', {SCHEMA!r}, '--engine', 'gx'])")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 2 and "pip install 'mzcheck[gx]'" in proc.stderr and "Traceback" not in proc.stderr
