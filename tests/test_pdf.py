"""PDF input (issue 13): small PDFs made here with reportlab (its built-in STSong-Light CID
font needs no font file), and the two real 成都 bulletins when ../shared is present."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SHARED
from mzcheck.ingest import read_document
from mzcheck.pipeline import run

pytest.importorskip("reportlab")

from reportlab.lib import pdfencrypt  # noqa: E402
from reportlab.pdfbase import pdfmetrics  # noqa: E402
from reportlab.pdfbase.cidfonts import UnicodeCIDFont  # noqa: E402
from reportlab.pdfgen import canvas  # noqa: E402

pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
REAL = sorted((SHARED / "relations" / "pdf").glob("*.pdf")) if (SHARED / "relations" / "pdf").is_dir() else []


def make_pdf(pages: list[list[str]], encrypt: str | None = None, footer: bool = True) -> bytes:
    """One list of lines per page, set in STSong-Light, with a page footer — 1 — …"""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, encrypt=pdfencrypt.StandardEncryption(encrypt) if encrypt else None)
    for number, lines in enumerate(pages, start=1):
        c.setFont("STSong-Light", 11)
        y = 780
        for line in lines:
            c.drawString(60, y, line)
            y -= 18
        if footer:
            c.drawString(290, 40, f"— {number} —")
        c.showPage()
    c.save()
    return buf.getvalue()


BULLETIN = [
    ["2023年某市国民经济和社会发展统计公报",
     "全年实现地区生产总值 1200.0 亿元，比上年增长 5.2%。其中，",
     "第一产业增加值 60.0 亿元，第二产业增加值 480.0 亿元，第三",
     "产业增加值 660.0 亿元。三次产业结构为 5.0 : 40.0 : 55.0。全年"],
    ["社会消费品零售总额 500.0 亿元，其中城镇消费品零售额 420.0",
     "亿元，乡村消费品零售额 80.0 亿元。全市共有城乡低保对象 2910",
     "户 3961 人，其中城市低保对象 1200 人，农村低保对象 2761 人。"],
]


def run_cli(*args, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mzcheck", *map(str, args)], capture_output=True, text=True,
                          timeout=120, cwd=cwd)


def test_a_pdf_is_read_page_by_page(tmp_path):
    path = tmp_path / "bulletin.pdf"
    path.write_bytes(make_pdf(BULLETIN))
    doc = read_document(path)
    assert doc.format == "pdf" and len(doc.pages) == 2
    assert doc.text[doc.pages[1]:].startswith("社会消费品零售总额")
    assert "— 1 —" in doc.text


def test_a_pdf_is_checked_and_findings_carry_their_page(tmp_path):
    path = tmp_path / "bulletin.pdf"
    broken = [list(p) for p in BULLETIN]
    broken[1][2] = "户 3961 人，其中城市低保对象 1200 人，农村低保对象 2861 人。"     # 4061 ≠ 3961
    path.write_bytes(make_pdf(broken))
    out = tmp_path / "r.json"
    result = run_cli("check", path, "--format", "json", "-o", out)
    assert result.returncode == 1, result.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    (doc,) = data["documents"]
    assert doc["format"] == "pdf" and doc["pages"][0] == 0
    errors = [f for f in data["findings"] if f["severity"] == "error"]
    assert [(f["code"], f["page"]) for f in errors] == [("MZ303", 2)]
    for m in doc["marks"]:
        assert doc["text"][m["start"]:m["end"]] == m["raw"]
    # the sentence cut at the page width and across the page is read as one
    sums = [c for c in data["checks"] if c["code"] == "MZ303" and c["outcome"] == "pass"]
    raws = {m["figure_id"]: m["raw"] for m in doc["marks"]}
    assert any({raws[i] for i in c["figures"]} >= {"500.0 亿元", "420.0\n亿元", "80.0 亿元"} for c in sums)
    assert any(set(map(raws.get, c["figures"])) >= {"1200.0 亿元", "60.0 亿元"} for c in sums)
    terminal = run_cli("check", path)
    assert "bulletin.pdf:第2页" in terminal.stdout


def test_a_scanned_pdf_says_it_needs_ocr(tmp_path):
    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    for _ in range(3):
        c.rect(50, 50, 400, 600, fill=1)              # an image-only page: shapes, no text layer
        c.showPage()
    c.save()
    path = tmp_path / "scan.pdf"
    path.write_bytes(buf.getvalue())
    result = run_cli("check", path)
    assert result.returncode == 2 and result.stderr.count("\n") == 1 and "没有文字层" in result.stderr
    assert "OCR" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("kind,data,needle", [
    ("encrypted", lambda: make_pdf(BULLETIN, encrypt="secret"), "已加密"),
    ("broken", lambda: b"%PDF-1.7\n" + b"\x00" * 200, "损坏"),
])
def test_an_encrypted_or_broken_pdf_is_one_line(tmp_path, kind, data, needle):
    path = tmp_path / f"{kind}.pdf"
    path.write_bytes(data())
    result = run_cli("check", path)
    assert result.returncode == 2 and result.stderr.count("\n") == 1 and needle in result.stderr


def test_a_pdf_in_a_folder_with_a_broken_one(tmp_path):
    (tmp_path / "good.pdf").write_bytes(make_pdf(BULLETIN))
    (tmp_path / "bad.pdf").write_bytes(b"%PDF-1.4 nothing else")
    result = run(["%s" % tmp_path], jobs=1)
    assert [Path(d.name).name for d in result.documents] == ["good.pdf"]
    assert [f.code for f in result.findings if f.doc.endswith("bad.pdf")] == ["MZ010"]


def test_the_page_limit_is_a_setting(tmp_path, monkeypatch):
    path = tmp_path / "bulletin.pdf"
    path.write_bytes(make_pdf(BULLETIN))
    monkeypatch.setenv("MZCHECK_MAX_PDF_PAGES", "1")
    from mzcheck.errors import InputError

    with pytest.raises(InputError, match="MZCHECK_MAX_PDF_PAGES"):
        read_document(path)


@pytest.mark.skipif(not REAL, reason="shared/relations/pdf not present")
@pytest.mark.parametrize("path", REAL, ids=lambda p: p.name[:2])
def test_the_real_bulletins(path):
    doc = read_document(path)
    assert doc.format == "pdf" and len(doc.pages) >= 17
    result = run([str(path)], jobs=1)
    (info,) = list(result.documents)
    assert info.figures > 500
    for m in info.marks:
        assert doc.text[m.start:m.end] == m.raw
    assert all(f.page >= 1 for f in result.findings)
    structure = [c for c in result.checks if c.code == "MZ306"]
    assert structure and all(c.outcome == "pass" for c in structure)
