"""The canonical JSON result is a public contract: docs/result.schema.json (JSON Schema
2020-12). The golden result, a folder run and a validate run all conform, and a folder
run carries what a run over named files carries (checks, and each document's marks)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from conftest import ROOT, SAMPLE
from mzcheck.cli import main
from mzcheck.report.canonical import pretty

SCHEMA = json.loads((ROOT / "docs" / "result.schema.json").read_text(encoding="utf-8"))
GOLDEN = Path(__file__).resolve().parent / "golden" / "sample.json"


def errors(payload) -> list[str]:
    validator = Draft202012Validator(SCHEMA)
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(payload)]


def run(args, capsys) -> int:
    with pytest.raises(SystemExit) as exit_info:
        main([str(a) for a in args])
    capsys.readouterr()
    return exit_info.value.code


def test_the_schema_is_a_valid_2020_12_schema():
    Draft202012Validator.check_schema(SCHEMA)


def test_golden_result_conforms():
    assert errors(json.loads(GOLDEN.read_text(encoding="utf-8"))) == []


def test_the_schema_rejects_what_it_should():
    payload = json.loads(GOLDEN.read_text(encoding="utf-8"))
    payload["findings"][0]["severity"] = "fatal"
    del payload["documents"][0]["marks"]
    found = errors(payload)
    assert any("findings/0/severity" in e for e in found) and any("'marks' is a required property" in e for e in found)


def test_folder_run_has_the_shape_of_a_named_file_run(tmp_path, capsys):
    folder = tmp_path / "archive"
    (folder / "a").mkdir(parents=True)
    shutil.copy(SAMPLE, folder / "a" / "nantong.txt")
    (folder / "b.txt").write_text("全市共有城乡低保对象29109户39616人。", encoding="utf-8")
    (folder / "table.csv").write_text("指标名称,单位,本期,上期,环比\n孤儿数,人,3280,3359,-2.35\n", encoding="utf-8")
    (folder / "bad.txt").write_bytes(b"%PDF-1.7\n\x00binary")
    out_folder, out_file = tmp_path / "folder.json", tmp_path / "file.json"
    run(["check", folder, "--jobs", "2", "-o", out_folder], capsys)
    run(["check", folder / "a" / "nantong.txt", "-o", out_file], capsys)
    folder_run = json.loads(out_folder.read_text(encoding="utf-8"))
    file_run = json.loads(out_file.read_text(encoding="utf-8"))
    assert errors(folder_run) == [] and errors(file_run) == []
    assert set(folder_run) == set(file_run)
    sample = next(d for d in folder_run["documents"] if d["name"].endswith("nantong.txt"))
    alone = file_run["documents"][0]
    assert sample["marks"] == alone["marks"] and sample["text"] == alone["text"]
    mine = [c for c in folder_run["checks"] if c["doc"].endswith("nantong.txt")]
    assert [(c["code"], c["figures"], c["outcome"]) for c in mine] == \
        [(c["code"], c["figures"], c["outcome"]) for c in file_run["checks"]]
    table = next(d for d in folder_run["documents"] if d["name"].endswith("table.csv"))
    assert table["tables"] and all("row" in m for m in table["marks"])
    assert folder_run["summary"]["checks"] == len(folder_run["checks"])


def test_validate_result_conforms(tmp_path, capsys):
    out = tmp_path / "v.json"
    run(["validate", ROOT / "data" / "nantong-2022" / "figures.csv", SAMPLE,
         "--schema", ROOT / "schemas" / "curated-figures.yaml", "--rules", ROOT / "checks" / "nantong-2022.yaml",
         "--format", "json", "-o", out], capsys)
    assert errors(json.loads(out.read_text(encoding="utf-8"))) == []



JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=6), children, max_size=4),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(JSON_VALUES)
def test_the_fast_indented_encoder_writes_what_json_writes(value):
    assert pretty(value) == json.dumps(value, ensure_ascii=False, indent=2)
