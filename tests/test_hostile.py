"""Issue 8: hostile and broken input — each case is handled, or ends with exit 2 and one
line naming the file (and line where there is one); never a traceback."""

from __future__ import annotations

import os

import pytest

from conftest import ROOT
from mzcheck.cli import main

DATA = ROOT / "data" / "nantong-2022" / "figures.csv"
TEXT = "全市共有儿童主任1929名,儿童督导员108名。社会组织达4627家。"


def run(args, capsys):
    with pytest.raises(SystemExit) as e:
        main([str(a) for a in args])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return e.value.code, out, err


def one_line_exit_2(code, err, name):
    assert code == 2 and err.count("\n") == 1 and str(name) in err and err.startswith("mzcheck: 错误:")


# --- documents ----------------------------------------------------------------------------
def test_missing_path(tmp_path, capsys):
    code, _, err = run(["check", tmp_path / "nope.txt"], capsys)
    one_line_exit_2(code, err, "nope.txt")


def test_unreadable_file_and_folder(tmp_path, capsys, monkeypatch):
    # root ignores permission bits, so the refusal is simulated where the OS would raise it
    report = tmp_path / "secret.txt"
    report.write_text(TEXT, encoding="utf-8")
    real = os.open
    monkeypatch.setattr(os, "open", lambda path, *a, **k: (_ for _ in ()).throw(PermissionError(13, "denied"))
                        if str(path).endswith("secret.txt") else real(path, *a, **k))
    code, _, err = run(["check", report], capsys)
    one_line_exit_2(code, err, "secret.txt")
    assert "没有权限" in err
    folder = tmp_path / "archive"
    (folder / "locked").mkdir(parents=True)
    (folder / "ok.txt").write_text(TEXT, encoding="utf-8")
    real_scandir = os.scandir

    def scandir(path):
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    code, out, _ = run(["check", folder], capsys)
    assert code == 1 and "MZ010" in out and "locked" in out and "1 个文件" in out


def test_empty_file_is_checked_and_has_no_figures(tmp_path, capsys):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    code, out, _ = run(["check", empty], capsys)
    assert code == 0 and "0 个问题" in out


@pytest.mark.parametrize("data,needle", [
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3 binary", "PDF"),
    (bytes(range(256)) * 40, "二进制"),
    ("共有\x00儿童主任1929名".encode("utf-8"), "二进制"),        # a NUL byte marks binary content
])
def test_binary_named_txt(tmp_path, capsys, data, needle):
    path = tmp_path / "report.txt"
    path.write_bytes(data)
    code, _, err = run(["check", path], capsys)
    one_line_exit_2(code, err, "report.txt")
    assert needle in err


@pytest.mark.parametrize("encode,encoding", [
    (lambda t: t.encode("gb18030"), "gb18030"),
    (lambda t: "\ufeff".encode("utf-16-le") + t.encode("utf-16-le"), "utf-16"),
    (lambda t: (t * 5).encode("utf-16-le"), "utf-16"),                             # no BOM
    (lambda t: t.encode("utf-8") * 30 + b"\xff\xc3(" + t.encode("utf-8") * 30, "utf-8（含无效字节"),
])
def test_encodings_are_read(tmp_path, capsys, encode, encoding):
    from mzcheck.ingest import read_document

    path = tmp_path / "report.txt"
    path.write_bytes(encode(TEXT))
    doc = read_document(path)
    assert doc.encoding.startswith(encoding) and "儿童主任1929名" in doc.text
    code, _, _ = run(["check", path], capsys)
    assert code == 0


def test_mixed_line_endings_and_control_characters(tmp_path, capsys):
    from mzcheck.extract import extract_text

    text = "第一行共有儿童主任1929名\r\n第二行共有社工站107个\r第三行等级社会组织占比42.59\n末行\x1b[31m\x07"
    figures = extract_text(text, "t")
    assert [f.raw for f in figures] == ["1929名", "107个", "42.59"]
    assert [f.sentence_id for f in figures] == [1, 2, 3]
    path = tmp_path / "mixed.txt"
    path.write_text(text, encoding="utf-8", newline="")
    code, out, _ = run(["check", path], capsys)
    assert code == 0 and "\x1b" not in out and "\x07" not in out


def test_a_50_mb_single_line_is_refused_quickly(tmp_path, capsys):
    path = tmp_path / "huge.txt"
    with path.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)        # sparse: 50 MB without writing them
    code, _, err = run(["check", path], capsys)
    one_line_exit_2(code, err, "huge.txt")
    assert "文件过大" in err and "MZCHECK_MAX_MB" in err


@pytest.mark.parametrize("unit, copies", [
    ("全市共有儿童主任1929名,社工站107个,占比42.59%,投入约1000万元,", 500),
    # the words every relation family looks for, repeated on one line without a full stop
    ("其中集中供养0.3万人,集中供养率25.0%,年初预算为10亿元,实际完成9亿元,为预算的90.0%,加上补助收入1亿元,"
     "收入总计10亿元,支出总计9亿元,收支相抵,年终结转1亿元,经费支出1亿元,与地区生产总值之比为2.0%,出生率7.1‰,"
     "死亡率6.1‰,自然增长率1.0‰,最终消费支出拉动经济增长1.0个百分点,比1985年增长4.1倍,平均每年增长17.6%,"
     "全体居民人均可支配收入100元,平均每个站65人,", 100),
])
def test_a_long_single_line_is_linear(tmp_path, unit, copies):
    import time

    from mzcheck.pipeline import run

    small, large = tmp_path / "s.txt", tmp_path / "l.txt"
    small.write_text(unit * copies, encoding="utf-8")
    large.write_text(unit * copies * 4, encoding="utf-8")
    t0 = time.perf_counter(); run([small]); t_small = time.perf_counter() - t0
    t0 = time.perf_counter(); run([large]); t_large = time.perf_counter() - t0
    assert t_large < t_small * 8          # 4x the text: linear (~4x), never quadratic (~16x)


def test_symlink_loop_in_a_folder(tmp_path, capsys):
    folder = tmp_path / "archive"
    folder.mkdir()
    (folder / "ok.txt").write_text(TEXT, encoding="utf-8")
    os.symlink(folder, folder / "loop")
    code, out, _ = run(["check", folder], capsys)
    assert "成环" in out and "1 个文件" in out


# --- rules and schemas --------------------------------------------------------------------
BOMB = ('a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
        + "".join(f"{n}: &{n} [{','.join(['*' + p] * 9)}]\n" for p, n in zip("abcdefg", "bcdefgh", strict=True))
        + "version: 1\nrules:\n  - id: x\n    expr: 社会组织数 >= 1\n    description: *h\n")


@pytest.mark.parametrize("name,text,needle", [
    ("bomb.yaml", BOMB, ":2: 不支持 YAML 别名"),
    ("types.yaml", "version: 1\nrules:\n  - id: [1, 2]\n    expr: 7\n    description: d\n", ":3: 规则 id"),
    ("notlist.yaml", "version: 1\nrules: 5\n", ":2: rules 必须是非空列表"),
    ("expr-type.yaml", "version: 1\nrules:\n  - id: x\n    expr: 7\n    description: d\n", ":4: 规则 x：规则表达式必须是比较"),
    ("deep.yaml", "version: 1\nrules:\n  - id: x\n    expr: 社会组织数" + " + (1" * 60 + ")" * 60 + " >= 1\n    description: d\n",
     ":4: 规则 x：表达式嵌套过深"),
    ("long.yaml", "version: 1\nrules:\n  - id: x\n    expr: " + " + ".join(["社会组织数"] * 600) + " >= 1\n    description: d\n",
     ":4: 规则 x：表达式过长"),
    ("digits.yaml", "version: 1\nrules:\n  - id: x\n    expr: 社会组织数 >= " + "9" * 60 + "\n    description: d\n",
     ":4: 规则 x：数字过长"),
    ("dunder.yaml", "version: 1\nrules:\n  - id: x\n    expr: __class__ == 1\n    description: d\n", ":4: 规则 x：不允许的名称"),
    ("import.yaml", "version: 1\nrules:\n  - id: x\n    expr: __import__('os').system('id') == 0\n    description: d\n",
     ":4: 规则 x：不允许"),
    ("lambda.yaml", 'version: 1\nrules:\n  - id: x\n    expr: "(lambda: 1)() == 1"\n    description: d\n', ":4: 规则 x：不允许"),
    ("python-tag.yaml", "version: 1\nrules: !!python/object/apply:os.system ['id']\n", ":2: YAML 语法错误"),
])
def test_bad_rules(tmp_path, capsys, name, text, needle):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    code, _, err = run(["validate", DATA, "--rules", path], capsys)
    one_line_exit_2(code, err, name)
    assert f"{path}{needle}" in err


def test_non_finite_and_huge_numbers_are_exact(tmp_path, capsys):
    path = tmp_path / "rules.yaml"
    path.write_text("version: 1\nrules:\n  - id: x\n    expr: 社会组织数 <= 1e300\n    description: d\n"
                    "  - id: y\n    expr: 社会组织数 >= inf\n    description: d\n", encoding="utf-8")
    code, _, err = run(["validate", DATA, "--rules", path], capsys)
    one_line_exit_2(code, err, "rules.yaml")
    assert "未知指标 inf" in err     # `inf` is a name, never a float


def test_schema_wrong_types(tmp_path, capsys):
    path = tmp_path / "schema.yaml"
    path.write_text("schema_type: dataframe\ncolumns: [metric, value]\n", encoding="utf-8")
    code, _, err = run(["validate", DATA, "--schema", path], capsys)
    one_line_exit_2(code, err, "schema.yaml")
    assert ":2: columns 必须是映射" in err


def test_debug_shows_the_traceback(tmp_path, capsys):
    with pytest.raises(SystemExit):
        main(["--debug", "check", str(tmp_path / "nope.txt")])
    assert "Traceback" in capsys.readouterr().err


def test_comparing_two_long_single_lines_across_years_is_linear(tmp_path):
    import time

    from mzcheck.config import Config
    from mzcheck.pipeline import run

    unit = ("1.一般公共预算。全市收入实际完成10万元，增长1.0%，加上上年结转收入5万元，收支相抵，年终结转2万元，"
            "城市低保标准由每人每月700元提高到750元，")
    times = []
    for copies in (100, 400):
        (tmp_path / "a.txt").write_text("某市2022年预算执行情况的报告\n" + unit * copies, encoding="utf-8")
        (tmp_path / "b.txt").write_text("某市2023年预算执行情况的报告\n" + unit * copies, encoding="utf-8")
        t0 = time.perf_counter()
        run([str(tmp_path / "a.txt"), str(tmp_path / "b.txt")], Config(across=True, select=("MZ327",)), jobs=1)
        times.append(time.perf_counter() - t0)
    assert times[1] < times[0] * 8          # 4x the text: linear (~4x), never quadratic (~16x)
