"""`make fuzz`: every harness run at length with Hypothesis (fresh seeds, no example
database), until its share of the time budget is spent. Exits 1 with the falsifying
input on the first crash. Usage: python fuzz/fuzz.py [--minutes 11] [harness …]

Harnesses: decode (bytes → text), extract (text → figures), check (text → findings,
no rule may crash), expr (rule expressions), yaml (rules files), reports (any Unicode
into every output format), archive (random folders of files in every format, broken
office files, links inside and out, pipes: a run ends with a result or one clear line,
nothing outside the folder is read).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))

from hypothesis import HealthCheck, given, settings, strategies as st  # noqa: E402

FRAGMENTS = st.sampled_from([
    "约", "近", "超过", "不低于", "余", "以上", "左右", "共", "达", "万", "亿", "元", "人", "户", "%", "％", "个百分点", "倍",
    "、", "，", ",", "。", "\n", "\r", "至", "~", "-", ":", "/", "的比例", "占比", "率达", "第", "年", "月", "“", "”",
    "《", "》", "一", "两", "十", "百", "三点五", "百分之", "分之", " ", "0", "1", "12", "2022", "3.5", "1,234", "１２",
    "其中", "占", "比重", "由", "提高至", "增长", "下降", "比上年", "净增", "人均", "城市", "农村", "城乡", "低保", "特困",
    "第一产业", "生产总值", "结构", "全覆盖", "个", "家", "发放", "募集", "救助", "标准", "不低于低保标准的", "全年",
    "| ", " |", "指标名称单位数量\n", "| 指标名称 | 单位 | 本期 | 上期 | 环比 |\n", "4627", "1971", "42.59", "\x00", "\x1b",
])
TEXTS = st.one_of(st.text(max_size=200), st.lists(FRAGMENTS, max_size=80).map("".join))
SETTINGS = settings(max_examples=400, deadline=None, database=None, suppress_health_check=list(HealthCheck))


def harness_decode():
    from mzcheck.errors import InputError
    from mzcheck.ingest.decode import decode_text, sniff_binary
    from mzcheck.ingest.html import html_text

    @SETTINGS
    @given(st.binary(max_size=400) | TEXTS.map(lambda t: t.encode("utf-8")) | TEXTS.map(
        lambda t: t.encode("gb18030", errors="ignore")))
    def run(data):
        for fn in (lambda: decode_text(data, "f"), lambda: html_text(data, "f")):
            try:
                text = fn()[0]
                assert isinstance(text, str)
            except InputError:
                pass
        sniff_binary(data)
    return run


def harness_extract():
    from test_properties import check

    @SETTINGS
    @given(TEXTS)
    def run(text):
        check(text)
    return run


def harness_check():
    from mzcheck.ingest import Document
    from mzcheck.pipeline import run as run_pipeline

    @SETTINGS
    @given(TEXTS)
    def run(text):
        result = run_pipeline([Document("f", text, "txt", "utf-8")], jobs=1)
        crashed = [f.message for f in result.findings if f.code == "MZ901"]
        assert not crashed, crashed
    return run


def harness_expr():
    from test_properties_reports import test_expressions_raise_only_their_own_error as prop

    return prop


def harness_yaml():
    from mzcheck.errors import MzcheckError
    from mzcheck.validate.rulesfile import load_rules

    parts = st.sampled_from(["version: 1\n", "rules:\n", "  - id: a\n", "    expr: 社会组织数 >= 1\n", "    description: d\n",
                             "    severity: warning\n", "  - ", "&a ", "*a", "[", "]", "{", "}", ": ", "!!python/object ",
                             "\t", "'", '"', "\n", "x", "- ", "    expr: ", "__import__('os') == 1\n", "1e999", "~"])

    @SETTINGS
    @given(st.one_of(st.text(max_size=120), st.lists(parts, max_size=30).map("".join)))
    def run(text):
        with tempfile.NamedTemporaryFile("w", suffix=".yaml", encoding="utf-8", delete=False) as fh:
            fh.write(text)
        try:
            load_rules(fh.name, ["社会组织数"])
        except MzcheckError:
            pass
        finally:
            Path(fh.name).unlink()
    return run


def harness_reports():
    from test_properties_reports import test_every_format_stays_valid as prop

    return prop


ARCHIVE_ENTRIES = st.lists(st.tuples(
    st.sampled_from(["a", "b", "sub/c", "sub/deep/d", "e"]),
    st.sampled_from([".txt", ".md", ".html", ".csv", ".tsv", ".xlsx", ".docx", ".bin", ""]),
    st.sampled_from(["text", "bytes", "zip", "link-in", "link-out", "link-dev", "fifo", "dir-link-out", "loop"]),
    TEXTS,
), max_size=12)


def harness_archive():
    import os
    import zipfile

    from mzcheck.errors import MzcheckError
    from mzcheck.pipeline import run as run_pipeline

    outside = Path(tempfile.mkdtemp(prefix="mzfuzz-outside-"))
    (outside / "secret.txt").write_text("机密全市共有特困人员37人。", encoding="utf-8")

    @SETTINGS
    @given(ARCHIVE_ENTRIES)
    def run(entries):
        with tempfile.TemporaryDirectory(prefix="mzfuzz-archive-") as tmp:
            root = Path(tmp)
            for stem, suffix, kind, text in entries:
                path = root / f"{stem}{suffix}"
                path.parent.mkdir(parents=True, exist_ok=True)
                if path.exists() or path.is_symlink():
                    continue
                if kind == "text":
                    path.write_text(text, encoding="utf-8")
                elif kind == "bytes":
                    path.write_bytes(text.encode("utf-8", errors="replace")[:64] + b"\x00\x01")
                elif kind == "zip":
                    with zipfile.ZipFile(path, "w") as z:
                        z.writestr("word/document.xml", text)
                        z.writestr("xl/worksheets/sheet1.xml", text)
                elif kind == "link-in":
                    os.symlink(root, path) if suffix == "" else os.symlink(root / "a.txt", path)
                elif kind == "link-out":
                    os.symlink(outside / "secret.txt", path)
                elif kind == "dir-link-out":
                    os.symlink(outside, path)
                elif kind == "link-dev":
                    os.symlink("/dev/zero", path)
                elif kind == "fifo":
                    os.mkfifo(path)
                elif kind == "loop":
                    os.symlink(path.parent, path)
            try:
                result = run_pipeline([str(root)], jobs=1)
            except MzcheckError:
                return      # nothing readable: one clear line for the user
            for d in result.documents:
                assert os.path.realpath(d.name).startswith(os.path.realpath(root)), d.name
                assert "机密" not in d.text
    return run


HARNESSES = {"decode": harness_decode, "extract": harness_extract, "check": harness_check, "expr": harness_expr,
             "archive": harness_archive,
             "yaml": harness_yaml, "reports": harness_reports}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=11.0, help="total budget across harnesses")
    parser.add_argument("harness", nargs="*", default=list(HARNESSES))
    args = parser.parse_args()
    budget = args.minutes * 60 / len(args.harness)
    total_runs = 0
    for name in args.harness:
        test = HARNESSES[name]()
        start, rounds = time.monotonic(), 0
        while time.monotonic() - start < budget:
            try:
                test()
            except Exception as exc:   # a crash: Hypothesis has printed the falsifying example
                import traceback

                traceback.print_exc()
                print(f"fuzz {name}: CRASH after {rounds} rounds: {type(exc).__name__}: {exc}", flush=True)
                return 1
            rounds += 1
        total_runs += rounds
        print(f"fuzz {name}: {rounds} rounds in {time.monotonic() - start:.0f} s, no crash", flush=True)
    print(f"fuzz: all harnesses clean ({args.minutes:.1f} min)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
