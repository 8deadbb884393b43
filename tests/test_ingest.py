"""Reading reports: encodings, HTML, docx, normalisation with offsets, refusals."""

from __future__ import annotations

from pathlib import Path

import pytest

from mzcheck.engine import extract_paths
from mzcheck.errors import InputError
from mzcheck.ingest import read_document

TEXT = "全市共有城乡低保对象29109户39616人，全年发放城乡低保金约3亿元。"


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    p = tmp_path / name
    p.write_bytes(data)
    return p


@pytest.mark.parametrize("encoding,expected", [
    ("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("gb18030", "gb18030"), ("gbk", "gb18030"),
])
def test_encodings_are_detected_not_guessed(tmp_path, encoding, expected):
    # .md and .txt alike: the bytes decide, not the extension
    for suffix in (".txt", ".md"):
        doc = read_document(write(tmp_path, f"r{suffix}", (TEXT * 3).encode(encoding)))
        assert doc.text == TEXT * 3
        assert doc.encoding == expected


def test_bom_is_not_part_of_the_text(tmp_path):
    doc = read_document(write(tmp_path, "r.txt", TEXT.encode("utf-8-sig")))
    assert not doc.text.startswith("\ufeff")


@pytest.mark.parametrize("data,kind", [
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
    (bytes(range(256)) * 8, "二进制"),
    (b"PK\x03\x04\x14\x00\x00\x00", "ZIP"),
])
def test_binary_is_refused(tmp_path, data, kind):
    with pytest.raises(InputError) as err:
        read_document(write(tmp_path, "fake.txt", data))
    assert kind in str(err.value)
    assert "\n" not in str(err.value)


def test_missing_and_unsupported(tmp_path):
    with pytest.raises(InputError, match="不存在"):
        read_document(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="不支持"):
        read_document(write(tmp_path, "r.pdfx", b"abc"))
    with pytest.raises(InputError, match="目录"):
        read_document(tmp_path)


def test_html_drops_script_and_style_and_breaks_blocks(tmp_path):
    html = (
        "<html><head><title>报告</title><style>p{color:red} .x{width:100%}</style></head><body>"
        "<script>var n = 12345;</script><p>临时救助约<b>9000</b>人次</p><div>支出约1000万元</div>"
        "<table><tr><td>城市低保</td><td>62,162</td></tr></table></body></html>"
    )
    doc = read_document(write(tmp_path, "r.html", html.encode("utf-8")))
    assert "12345" not in doc.text and "color" not in doc.text
    assert "临时救助约9000人次\n支出约1000万元" in doc.text
    assert "城市低保 | 62,162" in doc.text
    _, figures = extract_paths([tmp_path / "r.html"])
    assert [f.raw for f in figures] == ["约9000人次", "约1000万元", "62,162"]


def test_html_declared_gbk(tmp_path):
    html = '<html><head><meta charset="gbk"></head><body><p>救助1500人</p></body></html>'
    doc = read_document(write(tmp_path, "r.htm", html.encode("gbk")))
    assert "救助1500人" in doc.text


def test_docx_paragraphs_and_tables(tmp_path):
    import docx

    d = docx.Document()
    d.add_paragraph("全年发放城乡低保金约3亿元。")
    table = d.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "城市特困"
    table.rows[0].cells[1].text = "529人"
    d.add_paragraph("惠及残疾人10.69万人。")
    path = tmp_path / "r.docx"
    d.save(path)
    doc = read_document(path)
    assert doc.text.splitlines() == ["全年发放城乡低保金约3亿元。", "| 城市特困 | 529人 |", "惠及残疾人10.69万人。"]
    _, figures = extract_paths([path])
    assert [f.value for f in figures] == [300000000, 529, 106900]


def test_broken_docx_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="docx"):
        read_document(write(tmp_path, "r.docx", b"not a zip"))


def test_full_width_offsets_point_into_the_original(tmp_path):
    text = "达标率达９９．０１％，资金８４９万元"
    doc = read_document(write(tmp_path, "r.txt", text.encode("utf-8")))
    _, figures = extract_paths([tmp_path / "r.txt"])
    assert [doc.text[f.start:f.end] for f in figures] == ["达９９．０１％", "８４９万元"]
    assert [str(f.value) for f in figures] == ["9901/100", "8490000"]
