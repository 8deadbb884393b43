"""Untrusted archives (issue 12): every case is built here, at test time, and mzcheck runs
on it in a subprocess limited to 1 GiB of address space. Each ends with the behaviour
the issue asks for: nothing read outside the folder, nothing unbounded, nothing misread
in silence — never a traceback, never 内部错误 (which is for our bugs only)."""

from __future__ import annotations

import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from conftest import SAMPLE

GOOD = "全市共有城乡低保对象29109户39616人。社会组织达4627家,等级社会组织1971家。"
GiB = 1 << 30


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (GiB, GiB))


def _interruptible() -> None:
    """As a terminal would start it: a job started in the background of a script (as CI
    runs us) inherits SIGINT ignored, and an ignored signal stays ignored across exec."""
    _limit_memory()
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def mz(*args, env: dict | None = None, timeout: float = 120, **kw) -> subprocess.CompletedProcess:
    """mzcheck in a subprocess under a 1 GiB address-space limit."""
    result = subprocess.run([sys.executable, "-m", "mzcheck", *map(str, args)], capture_output=True, text=True,
                            timeout=timeout, preexec_fn=_limit_memory, env={**os.environ, **(env or {})}, **kw)
    assert "Traceback" not in result.stderr, result.stderr
    assert "内部错误" not in result.stderr + result.stdout, result.stderr
    return result


def one_line(result: subprocess.CompletedProcess, *needles: str) -> None:
    assert result.returncode == 2, (result.returncode, result.stderr)
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("mzcheck: 错误:"), result.stderr
    for needle in needles:
        assert needle in result.stderr, result.stderr


def findings(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["findings"]


def unreadable(path: Path) -> dict[str, str]:
    return {Path(f["doc"]).name: f["message"] for f in findings(path) if f["code"] == "MZ010"}


@pytest.fixture()
def folder(tmp_path) -> Path:
    root = tmp_path / "archive"
    root.mkdir()
    (root / "good.txt").write_text(GOOD, encoding="utf-8")
    return root


# --- links, devices, pipes --------------------------------------------------------------------
@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_link_to_a_device_is_refused_before_reading(folder, tmp_path, device):
    os.symlink(device, folder / "zero.txt")
    out = tmp_path / "r.json"
    result = mz("check", folder, "-o", out, timeout=60)
    assert result.returncode == 1
    assert "不是普通文件" in unreadable(out)["zero.txt"] and "字符设备" in unreadable(out)["zero.txt"]
    assert [d["name"] for d in json.loads(out.read_text(encoding="utf-8"))["documents"]] == [str(folder / "good.txt")]
    one_line(mz("check", folder / "zero.txt", timeout=60), "不是普通文件")


def test_a_named_pipe_is_refused_and_never_opened(folder, tmp_path):
    os.mkfifo(folder / "fifo.txt")
    out = tmp_path / "r.json"
    result = mz("check", folder, "-o", out, timeout=60)
    assert result.returncode == 1 and "命名管道" in unreadable(out)["fifo.txt"]
    one_line(mz("check", folder / "fifo.txt", timeout=60), "命名管道")


def test_links_out_of_the_folder_are_not_followed_unless_asked(folder, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("机密：全市共有特困人员37人。", encoding="utf-8")
    os.symlink(outside, folder / "etc")
    os.symlink(outside / "secret.txt", folder / "passwd.txt")
    out = tmp_path / "r.json"
    assert mz("check", folder, "-o", out).returncode == 1
    refused = unreadable(out)
    assert set(refused) == {"etc", "passwd.txt"} and all("检查范围之外" in m for m in refused.values())
    text = out.read_text(encoding="utf-8")
    assert "机密" not in text                                           # nothing of it in the result
    mz("check", folder, "--follow-links", "-o", out)
    names = {Path(d["name"]).name for d in json.loads(out.read_text(encoding="utf-8"))["documents"]}
    assert names == {"good.txt", "passwd.txt", "secret.txt"} and unreadable(out) == {}


def test_a_link_inside_the_folder_is_followed(folder, tmp_path):
    (folder / "sub").mkdir()
    os.symlink(folder / "good.txt", folder / "sub" / "again.txt")
    out = tmp_path / "r.json"
    mz("check", folder, "-o", out)
    assert unreadable(out) == {} and len(json.loads(out.read_text(encoding="utf-8"))["documents"]) == 2


def remove_chain(folder: Path, name: str = "d") -> None:
    """Remove a chain folder/d/d/…/d of any depth without recursion (shutil.rmtree, and
    pytest's clean-up of old temporary folders, recurse and fail on it)."""
    fds = [os.open(folder, os.O_RDONLY)]
    try:
        while True:
            try:
                fds.append(os.open(name, os.O_RDONLY, dir_fd=fds[-1]))
            except FileNotFoundError:
                break
        while len(fds) > 1:
            os.close(fds.pop())
            os.rmdir(name, dir_fd=fds[-1])
    finally:
        for fd in fds:
            os.close(fd)


def test_a_tree_thousands_of_folders_deep(folder, tmp_path):
    fd = os.open(folder, os.O_RDONLY)
    try:
        for _ in range(3000):                                   # deeper than PATH_MAX: by file descriptors
            os.mkdir("d", dir_fd=fd)
            nxt = os.open("d", os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = nxt
    finally:
        os.close(fd)
    try:
        out = tmp_path / "r.json"
        result = mz("check", folder, "-o", out)
        assert result.returncode == 1 and any("层级过深" in m for m in unreadable(out).values())
        assert len(json.loads(out.read_text(encoding="utf-8"))["documents"]) == 1
    finally:
        remove_chain(folder)


# --- office files that inflate -------------------------------------------------------------
_DOCX_TYPES = (b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
               b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
               b'<Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" '
               b'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
               b'</Types>')
_DOCX_RELS = (b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
              b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
              b'officeDocument" Target="word/document.xml"/></Relationships>')
_W = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def docx_with_body(path: Path, body_chunk: bytes, times: int, head: bytes = b"") -> None:
    """A minimal .docx whose document.xml is head, ``times`` × body_chunk, tail, streamed."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", _DOCX_TYPES)
        z.writestr("_rels/.rels", _DOCX_RELS)
        with z.open("word/document.xml", "w", force_zip64=True) as fh:
            fh.write(head or b'<?xml version="1.0"?><w:document ' + _W + b"><w:body>")
            for _ in range(times):
                fh.write(body_chunk)
            fh.write(b"</w:body></w:document>")


@pytest.mark.parametrize("what,chunk,times", [
    ("300 MB of whitespace in a small docx", b" " * (1 << 20), 300),
    ("50 MB of empty paragraphs", b"<w:p/>" * 100_000, 84),
])
def test_a_docx_that_inflates_is_refused_before_inflating(folder, tmp_path, what, chunk, times):
    bomb = folder / "bomb.docx"
    docx_with_body(bomb, chunk, times)
    assert bomb.stat().st_size < 2_000_000, what
    out = tmp_path / "r.json"
    t0 = time.perf_counter()
    result = mz("check", folder, "-o", out)
    assert time.perf_counter() - t0 < 60 and result.returncode == 1
    message = unreadable(out)["bomb.docx"]
    assert ("解压后过大" in message or "压缩比过高" in message) and "MZCHECK_MAX_" in message
    one_line(mz("check", bomb), "MZCHECK_MAX_")


def _xlsx(path: Path, sheet: bytes, shared: bytes | None = None, shared_stream: tuple[bytes, int] | None = None) -> None:
    types = (b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
             b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
             b'<Default Extension="xml" ContentType="application/xml"/>'
             b'<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.'
             b'spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="'
             b'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
             + (b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
                b'officedocument.spreadsheetml.sharedStrings+xml"/>' if shared or shared_stream else b"")
             + b"</Types>")
    rels = (b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            b'officeDocument" Target="xl/workbook.xml"/></Relationships>')
    book = (b'<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            b'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
            b'<sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>')
    book_rels = (b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                 b'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
                 b'2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
                 + (b'<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                    b'relationships/sharedStrings" Target="sharedStrings.xml"/>' if shared or shared_stream else b"")
                 + b"</Relationships>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", types)
        z.writestr("_rels/.rels", rels)
        z.writestr("xl/workbook.xml", book)
        z.writestr("xl/_rels/workbook.xml.rels", book_rels)
        z.writestr("xl/worksheets/sheet1.xml", sheet)
        if shared is not None:
            z.writestr("xl/sharedStrings.xml", shared)
        if shared_stream is not None:
            with z.open("xl/sharedStrings.xml", "w", force_zip64=True) as fh:
                fh.write(b'<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">')
                for _ in range(shared_stream[1]):
                    fh.write(shared_stream[0])
                fh.write(b"</sst>")


_SHEET = b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'


def test_an_xlsx_with_a_million_rows_is_refused(folder, tmp_path):
    rows = b"".join(b'<row r="%d"><c r="A%d"><v>1</v></c></row>' % (i, i) for i in range(1, 1_000_001))
    _xlsx(folder / "rows.xlsx", _SHEET + rows + b"</sheetData></worksheet>")
    out = tmp_path / "r.json"
    t0 = time.perf_counter()
    assert mz("check", folder, "-o", out).returncode == 1 and time.perf_counter() - t0 < 90
    assert "MZCHECK_MAX_" in unreadable(out)["rows.xlsx"]


def test_an_xlsx_with_millions_of_shared_strings_is_refused(folder, tmp_path):
    _xlsx(folder / "strings.xlsx", _SHEET + b"</sheetData></worksheet>",
          shared_stream=(b"<si><t>a</t></si>" * 100_000, 300))          # 30M strings, ~510 MB inflated
    assert (folder / "strings.xlsx").stat().st_size < 3_000_000
    out = tmp_path / "r.json"
    assert mz("check", folder, "-o", out).returncode == 1
    assert "MZCHECK_MAX_" in unreadable(out)["strings.xlsx"]


def test_an_html_table_of_300k_rows_is_bounded(folder, tmp_path):
    rows = "".join(f"<tr><td>指标{i}</td><td>人</td><td>{i}</td></tr>" for i in range(300_000))
    page = f"<html><body><table><tr><th>指标名称</th><th>单位</th><th>本期</th></tr>{rows}</table></body></html>"
    (folder / "big.html").write_text(page, encoding="utf-8")
    out = tmp_path / "r.json"
    t0 = time.perf_counter()
    assert mz("check", folder, "-o", out).returncode == 1 and time.perf_counter() - t0 < 60
    assert "MZCHECK_MAX_CELLS" in unreadable(out)["big.html"]
    assert mz("check", folder, "-o", out, env={"MZCHECK_MAX_CELLS": "abc"}).returncode == 2


# --- malformed files: one document lost, the others checked ----------------------------------
MALFORMED_SHEETS = {
    "mismatched.xlsx": _SHEET + b'<row r="1"><c r="A1"><v>1</v></row></sheetData></worksheet>',
    "entity.xlsx": _SHEET + b'<row r="1"><c r="A1" t="inlineStr"><is><t>&nope;</t></is></c></row></sheetData></worksheet>',
    "letters.xlsx": _SHEET + b'<row r="1"><c r="A1"><v>abc</v></c></row></sheetData></worksheet>',
}


@pytest.mark.parametrize("name", sorted(MALFORMED_SHEETS))
def test_a_malformed_xlsx_becomes_mz010_and_the_rest_is_checked(folder, tmp_path, name):
    _xlsx(folder / name, MALFORMED_SHEETS[name])
    shutil.copy(SAMPLE, folder / "nantong.txt")
    out = tmp_path / "r.json"
    result = mz("check", folder, "-o", out)
    assert result.returncode == 1 and name in unreadable(out)
    docs = {Path(d["name"]).name for d in json.loads(out.read_text(encoding="utf-8"))["documents"]}
    assert docs == {"good.txt", "nantong.txt"}
    two = mz("check", folder / name, folder / "good.txt", "-o", out)     # named files: the same
    assert two.returncode == 1 and name in unreadable(out)


def _broken_per_format(folder: Path) -> dict[str, str]:
    """One file per input format that cannot be read, and what its MZ010 says."""
    (folder / "binary.txt").write_bytes(b"\x7fELF\x02\x01" + os.urandom(64))
    (folder / "binary.md").write_bytes(b"\x89PNG\r\n\x1a\n" + os.urandom(64))
    (folder / "cells.html").write_text("<table>" + "<tr><td>1</td></tr>" * 900_000 + "</table>", encoding="utf-8")
    (folder / "broken.docx").write_bytes(b"PK\x03\x04 not really a zip")
    (folder / "broken.xlsx").write_bytes(b"PK\x03\x04 not really a zip")
    (folder / "binary.csv").write_bytes(b"\x00\x01\x02" * 100)
    (folder / "binary.tsv").write_bytes(b"\x1f\x8b" + os.urandom(32))
    return {"binary.txt": "可执行文件", "binary.md": "PNG", "cells.html": "MZCHECK_MAX_CELLS",
            "broken.docx": ".docx", "broken.xlsx": ".xlsx", "binary.csv": "二进制", "binary.tsv": "gzip"}


def test_every_input_format_fails_alone_as_mz010(folder, tmp_path):
    expected = _broken_per_format(folder)
    out = tmp_path / "r.json"
    result = mz("check", folder, "--jobs", "2", "-o", out)
    found = unreadable(out)
    assert result.returncode == 1 and set(found) == set(expected)
    for name, needle in expected.items():
        assert needle in found[name], (name, found[name])
    assert [Path(d["name"]).name for d in json.loads(out.read_text(encoding="utf-8"))["documents"]] == ["good.txt"]


# --- what could not be read is said ----------------------------------------------------------
def test_a_formula_without_a_cached_value_is_reported(folder, tmp_path):
    sheet = (_SHEET + b'<row r="1"><c r="A1" t="inlineStr"><is><t>\xe6\x8c\x87\xe6\xa0\x87\xe5\x90\x8d\xe7\xa7\xb0'
             b'</t></is></c><c r="B1" t="inlineStr"><is><t>\xe6\x9c\xac\xe6\x9c\x9f</t></is></c></row>'
             b'<row r="2"><c r="A2" t="inlineStr"><is><t>\xe5\x90\x88\xe8\xae\xa1</t></is></c>'
             b'<c r="B2"><f>SUM(B3:B4)</f></c></row>'
             b'<row r="3"><c r="A3" t="inlineStr"><is><t>1.\xe5\x9f\x8e\xe5\xb8\x82</t></is></c><c r="B3"><v>3</v></c></row>'
             b'</sheetData></worksheet>')
    _xlsx(folder / "formula.xlsx", sheet)
    out = tmp_path / "r.json"
    mz("check", folder / "formula.xlsx", "-o", out)
    notes = [f["message"] for f in findings(out) if f["code"] == "MZ011"]
    assert any("公式无缓存值" in m and "B2" in m for m in notes), notes


def test_an_unbalanced_csv_quote_is_reported(folder, tmp_path):
    (folder / "quote.csv").write_text('指标名称,单位,本期\n城市低保对象,人,"3280\n农村低保对象,人,5120\n', encoding="utf-8")
    out = tmp_path / "r.json"
    mz("check", folder / "quote.csv", "-o", out)
    assert any(f["code"] == "MZ011" and "引号" in f["message"] for f in findings(out))


def test_a_docx_of_unresolved_entities_says_no_text_was_read(folder, tmp_path):
    head = (b'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY t "\xe5\x85\xa8\xe5\xb8\x82">]>'
            b"<w:document " + _W + b"><w:body>")
    docx_with_body(folder / "entities.docx", b"<w:p><w:r><w:t>&t;</w:t></w:r></w:p>", 3, head=head)
    out = tmp_path / "r.json"
    result = mz("check", folder / "entities.docx", "-o", out)
    assert result.returncode in (0, 1)
    assert any(f["code"] == "MZ011" and "没有读到文字" in f["message"] for f in findings(out))


# --- tables read as they are shown ------------------------------------------------------------
def test_trailing_commas_are_aligned_by_the_header_and_a_real_error_is_found(tmp_path):
    table = tmp_path / "monthly.csv"
    table.write_text("指标名称,单位,本期,上期,环比\n孤儿数,人,3280,3359,-2.53,\n低保对象,人,5120,5000,2.40,\n",
                     encoding="utf-8")
    out = tmp_path / "r.json"
    assert mz("check", table, "-o", out).returncode == 1
    errors = [f for f in findings(out) if f["code"] == "MZ305"]
    assert len(errors) == 1 and "-2.53" in errors[0]["message"]


def test_a_row_with_extra_cells_is_reported_not_shifted(tmp_path):
    table = tmp_path / "monthly.csv"
    table.write_text("指标名称,单位,本期,上期,环比\n孤儿数,人,3280,3359,-2.35\n低保对象,人,5120,99,5000,2.40\n",
                     encoding="utf-8")
    out = tmp_path / "r.json"
    mz("check", table, "-o", out)
    codes = [(f["code"], f["line"]) for f in findings(out)]
    assert ("MZ011", 3) in codes and not any(c == "MZ305" for c, _ in codes)


def test_the_displayed_precision_of_an_xlsx_cell_is_its_printed_precision(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["指标名称", "单位", "本期", "上期", "环比"])
    sheet.append(["孤儿数", "人", 3360, 3266, 3])        # 2.88 % rounds to 2.9, not 3.0
    sheet["E2"].number_format = "0.0"
    path = tmp_path / "monthly.xlsx"
    book.save(path)
    out = tmp_path / "r.json"
    assert mz("check", path, "-o", out).returncode == 1
    (error,) = [f for f in findings(out) if f["code"] == "MZ305"]
    assert "3.0" in error["message"]
    sheet["E2"].number_format = "0"                     # shown 3: ±0.5 holds 2.88
    book.save(path)
    assert mz("check", path, "-o", out).returncode == 0


# --- outputs ----------------------------------------------------------------------------------
def test_figures_out_with_a_long_chinese_name_and_a_second_run(tmp_path):
    import pandas as pd

    deep = tmp_path / "统计公报"
    deep.mkdir()
    name = "某某自治州" * 14 + "2023年国民经济和社会发展统计公报.txt"          # over 255 bytes as a file name
    assert len(name.encode("utf-8")) > 255
    long_path = deep / (name[:70] + ".txt")
    long_path.write_text(GOOD, encoding="utf-8")
    (deep / "第二份.txt").write_text(GOOD, encoding="utf-8")
    figures = tmp_path / "figures"
    assert mz("check", deep, "--figures-out", figures, "-o", tmp_path / "r.json").returncode == 0
    assert len(list(figures.iterdir())) == 2
    (deep / "第二份.txt").unlink()
    assert mz("check", deep, "--figures-out", figures, "-o", tmp_path / "r.json").returncode == 0
    frame = pd.read_parquet(figures)
    assert set(frame["doc"]) == {str(long_path)} and len(list(figures.iterdir())) == 1   # nothing stale
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".figures")]        # no staging left


def test_figures_out_refuses_a_folder_that_is_not_a_dataset(folder, tmp_path):
    target = tmp_path / "home"
    target.mkdir()
    (target / "notes.txt").write_text("mine", encoding="utf-8")
    one_line(mz("check", folder, "--figures-out", target), "拒绝覆盖")
    assert (target / "notes.txt").read_text(encoding="utf-8") == "mine"


@pytest.mark.parametrize("target,needle", [("/dev/null", "字符设备"), ("fifo", "命名管道"), ("dir", "目录")])
def test_o_onto_a_device_pipe_or_folder_is_refused(folder, tmp_path, target, needle):
    if target == "fifo":
        target = tmp_path / "out.fifo"
        os.mkfifo(target)
    elif target == "dir":
        target = tmp_path / "out.json"
        target.mkdir()
    one_line(mz("check", folder, "-o", target, timeout=30), needle, "标准输出请用 -")
    one_line(mz("check", folder, "--output", f"json={target}", timeout=30), needle)
    one_line(mz("extract", folder / "good.txt", "-o", target, timeout=30), needle)


def test_extracted_csv_cells_never_run_as_formulas(tmp_path):
    report = tmp_path / "=cmd.txt"
    report.write_text("=HYPERLINK(\"x\")全市共有儿童主任1929名,+特困人员-35人。", encoding="utf-8")
    out = tmp_path / "figures.csv"
    assert mz("extract", report.name, "-o", out.name, cwd=tmp_path).returncode == 0
    import csv

    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    for row in rows:
        for column, cell in row.items():
            assert not cell.startswith(("=", "+", "@")) or cell.startswith("'"), (column, cell)
            if cell.startswith("-"):
                assert cell.lstrip("-").replace(".", "").replace("/", "").isdigit(), (column, cell)
    assert rows[0]["doc"].startswith("'=")


# --- configuration, environment, interruption ---------------------------------------------------
def test_a_deeply_nested_configuration_is_refused_with_a_line(folder, tmp_path):
    work = tmp_path / "work"
    work.mkdir()
    (work / "pyproject.toml").write_text("[tool.mzcheck]\nselect = " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    one_line(mz("check", folder, cwd=work), "pyproject.toml", "嵌套过深")


@pytest.mark.parametrize("variable", ["MZCHECK_MAX_MB", "MZCHECK_MAX_UNZIPPED_MB", "MZCHECK_MAX_CELLS"])
def test_a_malformed_limit_is_a_configuration_error(folder, variable):
    one_line(mz("check", folder, env={variable: "abc"}), variable, "正整数")


def test_an_unreachable_dask_scheduler_is_one_line(folder):
    pytest.importorskip("distributed")
    one_line(mz("check", folder, "--executor", "dask=tcp://127.0.0.1:9", timeout=90), "Dask")


def test_ctrl_c_exits_130_with_one_line_and_nothing_written(tmp_path):
    archive = tmp_path / "many"
    archive.mkdir()
    for i in range(3000):                   # long enough to be interrupted half way on any machine
        shutil.copy(SAMPLE, archive / f"r{i:04d}.txt")
    out = tmp_path / "r.json"
    figures = tmp_path / "figures"
    proc = subprocess.Popen([sys.executable, "-m", "mzcheck", "check", str(archive), "--jobs", "2", "-o", str(out),
                             "--figures-out", str(figures)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            preexec_fn=_interruptible)
    deadline = time.monotonic() + 30
    while not any(p.name.startswith(".figures.") and any(p.iterdir()) for p in tmp_path.iterdir() if p.is_dir()):
        assert time.monotonic() < deadline and proc.poll() is None, "the run never started writing"
        time.sleep(0.05)                    # wait until partitions are being written: the run is under way
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert err.strip().count("\n") == 0 and "已中断" in err and "Traceback" not in err
    assert not out.exists() and not figures.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


@pytest.mark.parametrize("code,reason", [("ENOSPC", "磁盘空间不足"), ("EROFS", "只读文件系统"), ("EDQUOT", "超出磁盘配额")])
def test_writing_fails_with_one_chinese_line(folder, tmp_path, monkeypatch, capsys, code, reason):
    import errno

    from mzcheck.cli import main

    real = os.fdopen

    class Full:
        """A file on a full disk: opening works, writing does not."""

        def __init__(self, handle):
            self.handle = handle

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.handle.close()

        def write(self, text):
            raise OSError(getattr(errno, code), os.strerror(getattr(errno, code)))

    def full(fd, *a, **kw):
        return Full(real(fd, *a, **kw))

    monkeypatch.setattr(os, "fdopen", full)
    with pytest.raises(SystemExit) as e:
        main(["check", str(folder), "-o", str(tmp_path / "r.json")])
    err = capsys.readouterr().err
    assert e.value.code == 2 and reason in err and err.count("\n") == 1
    assert not list(tmp_path.glob(".r.json.*"))
