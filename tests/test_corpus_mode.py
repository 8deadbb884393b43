"""Issue 7: a whole archive in one command — folders, parallel processes, bad files,
Parquet figures, executors giving the same result, and a start-up that pays only for
what it uses."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

from conftest import SAMPLE, corpus_files
from mzcheck.cli import main


def run(args, capsys):
    with pytest.raises(SystemExit) as e:
        main([str(a) for a in args])
    out, err = capsys.readouterr()
    return e.value.code, out, err


@pytest.fixture()
def archive(tmp_path):
    root = tmp_path / "archive"
    (root / "2022").mkdir(parents=True)
    (root / "2023" / "deep").mkdir(parents=True)
    shutil.copy(SAMPLE, root / "2022" / "nantong.txt")
    (root / "2023" / "deep" / "report.md").write_text("全市共有城乡低保对象29109户39616人。", encoding="utf-8")
    (root / "2023" / "gbk.txt").write_bytes("全年实施临时救助约9000人次,支出约1000万元;人均救助额约1100元。".encode("gbk"))
    (root / "2023" / "empty.txt").write_bytes(b"")
    (root / "2023" / "fake.txt").write_bytes(b"%PDF-1.7\n\x00\x01binary")
    (root / "2023" / "noise.bin").write_bytes(os.urandom(64))                 # not a report type: not listed
    os.symlink(root, root / "2023" / "loop")                                 # a symlink loop
    return root


def test_archive_with_bad_files(archive, tmp_path, capsys):
    out = tmp_path / "run.json"
    code, _, _ = run(["check", archive, "--jobs", "2", "-o", out], capsys)
    payload = json.loads(out.read_text(encoding="utf-8"))
    names = sorted(os.path.relpath(d["name"], archive) for d in payload["documents"])
    assert names == ["2022/nantong.txt", "2023/deep/report.md", "2023/empty.txt", "2023/gbk.txt"]
    bad = {os.path.relpath(f["doc"], archive): f["message"] for f in payload["findings"] if f["code"] == "MZ010"}
    assert set(bad) == {"2023/fake.txt", "2023/loop"} and "PDF" in bad["2023/fake.txt"] and "成环" in bad["2023/loop"]
    assert code == 1                                            # MZ010 counts as an error by default
    gbk = [f for f in payload["findings"] if f["doc"].endswith("gbk.txt")]
    assert gbk == []                                            # read as GB18030 and checked: the average holds
    summary = payload["summary"]
    assert summary["by_rule"]["MZ010"] == 2 and summary["by_document"][0]["error"] == 1
    assert summary["checks"] > 50 and payload["checks"] and all(d["marks"] for d in payload["documents"] if d["figures"])
    code, _, _ = run(["check", archive, "--ignore", "MZ010", "-o", tmp_path / "r2.json"], capsys)
    assert code == 0


def test_nothing_readable_exits_2(tmp_path, capsys):
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "a.txt").write_bytes(b"%PDF-1.4 binary")
    code, _, err = run(["check", folder], capsys)
    assert code == 2 and "没有可读取的文件" in err and "PDF" in err and err.count("\n") == 1


def test_glob_and_corpus_summary_on_the_terminal(archive, capsys):
    code, out, err = run(["check", archive, "--glob", "*.md", "--jobs", "1"], capsys)
    assert "report.md" in out or "1 个文件" in out
    assert "1 个文件" in out and "\r" not in err               # no progress bar when not a TTY


def test_jobs_do_not_change_the_result(archive, tmp_path, capsys):
    one, two = tmp_path / "1.json", tmp_path / "2.json"
    run(["check", archive, "--jobs", "1", "-o", one], capsys)
    run(["check", archive, "--jobs", "2", "-o", two], capsys)
    assert one.read_bytes() == two.read_bytes()


def test_dask_executor_gives_the_same_result(archive, tmp_path, capsys):
    pytest.importorskip("distributed", reason="the dask extra is not installed")
    local, dask = tmp_path / "local.json", tmp_path / "dask.json"
    run(["check", archive, "--jobs", "2", "-o", local], capsys)
    run(["check", archive, "--jobs", "2", "--executor", "dask", "-o", dask], capsys)
    assert local.read_bytes() == dask.read_bytes()


def test_figures_out_is_parquet_partitioned_by_document(archive, tmp_path, capsys):
    import pandas as pd

    figures = tmp_path / "figures"
    run(["check", archive, "--figures-out", figures, "-o", tmp_path / "r.json"], capsys)
    parts = sorted(p.name for p in figures.iterdir())
    assert len(parts) == 4 and all(p.startswith("document=") for p in parts)
    frame = pd.read_parquet(figures)
    assert set(frame["doc"].map(os.path.basename)) >= {"nantong.txt", "gbk.txt"}   # the full path is a column
    assert all(len(p) == len("document=") + 16 for p in parts)                     # the partition key is short
    row = frame[frame["raw"] == "1214.74万元"].iloc[0]
    assert (row["value"], row["unit"], row["scale"]) == ("12147400", "元", "万")


@pytest.mark.skipif(not corpus_files(), reason="shared/corpus not present")
def test_the_development_corpus_as_an_archive(tmp_path, capsys):
    folder = tmp_path / "corpus"
    folder.mkdir()
    for p in corpus_files():
        shutil.copy(p, folder / p.name)
    code, out, _ = run(["check", folder, "-o", tmp_path / "r.json"], capsys)
    payload = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert len(payload["documents"]) == len(corpus_files())
    assert payload["summary"]["error"] == 1                      # 05's 上期 乡镇级合计, and nothing else


def test_start_up_imports_only_what_check_uses():
    code = ("import sys, contextlib, io; from mzcheck.cli import main\n"
            "with contextlib.suppress(SystemExit), contextlib.redirect_stdout(io.StringIO()):\n"
            f"    main(['check', {str(SAMPLE)!r}])\n"
            "heavy = ['pandas', 'pandera', 'great_expectations', 'jinja2', 'pyarrow', 'openpyxl', 'distributed', 'docx']\n"
            "print([m for m in heavy if m in sys.modules])")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.stdout.strip() == "[]", proc.stderr
