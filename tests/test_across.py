"""MZ327: a later report's change against last year, against last year's report (check --across),
with sentences of our own for every verdict and every definitional trap."""

from __future__ import annotations

import json

import pytest

from mzcheck.across import period
from mzcheck.cli import main
from mzcheck.config import Config
from mzcheck.pipeline import run


def across(tmp_path, later: str, earlier: str, **config) -> tuple[list[str], list[str]]:
    """(outcomes of the MZ327 checks, severities of its findings) for two reports."""
    (tmp_path / "later.txt").write_text("某市2023年国民经济和社会发展统计公报\n" + later, encoding="utf-8")
    (tmp_path / "earlier.txt").write_text("某市2022年国民经济和社会发展统计公报\n" + earlier, encoding="utf-8")
    result = run([str(tmp_path / "later.txt"), str(tmp_path / "earlier.txt")],
                 Config(select=("MZ327",), across=True, **config), jobs=1)
    return [c.outcome for c in result.checks if c.code == "MZ327"], \
        [f.severity.value for f in result.findings if f.code == "MZ327"]


@pytest.mark.parametrize("earlier, outcome", [
    ("全年快递业务总量1435.64万件。", "pass"),            # 1566 ÷ 1.0908 = 1435.64
    ("全年快递业务总量1448.3万件。", "info"),             # 0.9 %: a revision of last year's figure
    ("全年快递业务总量1500.0万件。", "warning"),          # 4.3 %: more than a revision
    ("全年快递业务总量14362.12万件。", "error"),          # a factor of 10
    ("全年快递业务总量1700.0万件。", "error"),            # last year above this year, yet 增长
])
def test_the_implied_value_against_last_years_report(tmp_path, earlier, outcome):
    outcomes, severities = across(tmp_path, "全年快递业务总量1566万件，增长9.08%。", earlier)
    assert outcomes == [outcome]
    assert severities == ([] if outcome == "pass" else [outcome])


@pytest.mark.parametrize("later, earlier", [
    # growth at comparable prices, in the sentence or earlier in the paragraph, against current prices
    ("全年生产总值806.22亿元，按不变价格计算，比上年增长4.4%。", "全年生产总值762.23亿元。"),
    ("农林牧渔业总产值950.4亿元，按可比价格计算，比上年增长3.6%。其中畜牧业228.0亿元，增长3.1%。",
     "其中畜牧业237.2亿元。"),
    # value added by convention, a 规模以上 set's revenue, units that changed
    ("全年批发和零售业增加值52.77亿元，比上年下降2.4%。", "全年批发和零售业增加值51.97亿元。"),
    ("全年规模以上工业企业营业收入1928.05亿元，比上年增长3.1%。", "全年规模以上工业企业营业收入1861.03亿元。"),
    ("油料种植面积11457亩，比上年下降8.2%。", "油料种植面积832公顷。"),
    # a growth on an adjusted basis
    ("一般公共预算收入1722.4亿元，扣除留抵退税因素后增长5.8%。", "一般公共预算收入1697.9亿元。"),
])
def test_definitional_traps_stay_silent(tmp_path, later, earlier):
    assert across(tmp_path, later, earlier) == ([], [])


def test_the_natural_basis_after_an_adjusted_one_is_linked(tmp_path):
    later = "一般公共预算收入1722.4亿元，扣除留抵退税因素后增长5.8%，按自然口径计算增长1.5%。"
    assert across(tmp_path, later, "一般公共预算收入1697.0亿元。") == (["pass"], [])      # 1722.4 ÷ 1.015


@pytest.mark.parametrize("later, earlier, outcome", [
    ("年末参加城镇职工基本养老保险人数330151人，比上年末增加6534人。", "年末参加城镇职工基本养老保险人数323617人。", "pass"),
    ("常住人口城镇化率为69.07%，比上年末提高0.6个百分点。", "常住人口城镇化率为68.47%。", "pass"),
    ("常住人口城镇化率为69.07%，比上年末提高0.6个百分点。", "常住人口城镇化率为67.47%。", "warning"),
    ("全年居民人均可支配收入35963.2元，比上年增长6.1%。", "全年居民人均可支配收入33902.4元。", "pass"),
    # a count's change said without 比上年
    ("参加工伤保险人数88000人，增加6500人。", "参加工伤保险人数81500人。", "pass"),
    ("参加工伤保险人数88000人，减少6500人。", "参加工伤保险人数81500人。", "error"),    # 94500 expected; last year lower
    ("参加工伤保险人数88000人，增加6500人。", "参加工伤保险人数79000人。", "warning"),  # 81500 implied: 3.2 % off
])
def test_amounts_points_and_averages_imply_last_year_too(tmp_path, later, earlier, outcome):
    assert across(tmp_path, later, earlier)[0] == [outcome]


def test_a_carry_over_is_last_years_closing_balance(tmp_path):
    later = "1.一般公共预算。\n全市收入完成100万元，加上上年结转收入60,331万元。"
    earlier = "1.一般公共预算。\n全市收入完成90万元，收支相抵，年终结转85,882万元。"
    assert across(tmp_path, later, earlier) == (["warning"], ["warning"])


def test_a_later_report_is_linked_only_to_the_year_before(tmp_path):
    (tmp_path / "a.txt").write_text("某市2021年统计公报\n全年快递业务总量1200万件。", encoding="utf-8")
    (tmp_path / "b.txt").write_text("某市2023年统计公报\n全年快递业务总量1566万件，增长9.08%。", encoding="utf-8")
    result = run([str(tmp_path / "a.txt"), str(tmp_path / "b.txt")], Config(across=True), jobs=1)
    assert [c for c in result.checks if c.code == "MZ327"] == []        # 2021 is not 2023's year before
    result = run([str(tmp_path / "a.txt"), str(tmp_path / "b.txt")],
                 Config(across=True, periods=(("a.txt", 2022),)), jobs=1)
    assert [c.outcome for c in result.checks if c.code == "MZ327"] == ["warning"]


@pytest.mark.parametrize("text, year", [
    ("济源市2022年国民经济和社会发展统计公报\n2023年3月发布", 2022),
    ("政府公报 2019年第5号\n关于三门峡市2018年预算执行情况和2019年预算草案的报告", 2018),
    ("2024年，全市民政工作……", 2024),
])
def test_the_period_a_report_is_of(text, year):
    assert period(text) == year


def test_json_names_the_document_of_each_figure(tmp_path, capsys):
    later, earlier = tmp_path / "2023.txt", tmp_path / "2022.txt"
    later.write_text("某市2023年统计公报\n全年快递业务总量1566万件，增长9.08%。", encoding="utf-8")
    earlier.write_text("某市2022年统计公报\n全年快递业务总量14362.12万件。", encoding="utf-8")
    out = tmp_path / "r.json"
    with pytest.raises(SystemExit) as exit_info:
        main(["check", str(later), str(earlier), "--across", "--select", "MZ327", "--format", "json", "-o", str(out)])
    assert exit_info.value.code == 1
    data = json.loads(out.read_text(encoding="utf-8"))
    (finding,) = data["findings"]
    assert [f.get("doc") for f in finding["figures"]] == [str(later), str(later), str(earlier)]
    assert "2022.txt（第2行）所载为14362.12万件" in finding["message"]       # where to look in last year's
    (check,) = data["checks"]
    assert check["figures"][2].startswith(f"{earlier}#F")


def test_a_bad_period_is_one_line_and_exit_2(tmp_path, capsys):
    report = tmp_path / "r.txt"
    report.write_text("全市共有儿童主任1929名。", encoding="utf-8")
    with pytest.raises(SystemExit) as exit_info:
        main(["check", str(report), "--period", "r.txt=twenty"])
    assert exit_info.value.code == 2
    assert capsys.readouterr().err.strip().count("\n") == 0


def test_the_html_report_highlights_both_documents_figures(tmp_path):
    from mzcheck.report.canonical import result_dict
    from mzcheck.report.html import render

    later, earlier = tmp_path / "2023.txt", tmp_path / "2022.txt"
    later.write_text("某市2023年统计公报\n全年快递业务总量1566万件，增长9.08%。", encoding="utf-8")
    earlier.write_text("某市2022年统计公报\n全年快递业务总量14362.12万件。", encoding="utf-8")
    html = render(result_dict(run([str(later), str(earlier)], Config(select=("MZ327",), across=True), jobs=1)))
    targets = html.split('data-rule="MZ327" data-targets="')[1].split('"')[0].split()
    assert [t.split("-")[0] for t in targets] == ["d0", "d0", "d1"]          # this year's two, last year's one
    assert all(f'id="{t}"' in html for t in targets)


def test_the_html_report_shows_both_passages_side_by_side(tmp_path):
    from mzcheck.report.canonical import result_dict
    from mzcheck.report.html import render

    later, earlier = tmp_path / "2023.txt", tmp_path / "2022.txt"
    later.write_text("某市2023年统计公报\n全年快递业务总量1566万件，增长9.08%。", encoding="utf-8")
    earlier.write_text("某市2022年统计公报\n全年快递业务总量14362.12万件。", encoding="utf-8")
    html = render(result_dict(run([str(later), str(earlier)], Config(select=("MZ327",), across=True), jobs=1)))
    beside = html.split('<div class="beside">')[1].split("</article>")[0]
    assert beside.index(str(later)) < beside.index("1566万件") < beside.index(str(earlier)) < beside.index("14362.12万件")
    assert beside.count("<mark") == 3


@pytest.mark.parametrize("other, outcomes", [
    ("2023年民政事业发展统计公报\n年末全市共有养老机构床位38520张，其中护理型床位21450张。", ["pass", "pass"]),
    ("2023年民政事业发展统计公报\n年末全市共有养老机构床位38720张，其中护理型床位21450张。", ["info", "pass"]),
    ("2023年民政事业发展统计公报\n年末全市共有养老机构床位35200张，其中护理型床位21450张。", ["warning", "pass"]),
])
def test_two_reports_of_one_year_agree_on_what_both_state(tmp_path, other, outcomes):
    (tmp_path / "a.txt").write_text("某市2023年国民经济和社会发展统计公报\n年末全市共有养老机构床位38520张，"
                                    "其中护理型床位21450张。", encoding="utf-8")
    (tmp_path / "b.txt").write_text(other, encoding="utf-8")
    result = run([str(tmp_path / "a.txt"), str(tmp_path / "b.txt")], Config(select=("MZ327",), across=True), jobs=1)
    assert sorted(c.outcome for c in result.checks) == sorted(outcomes)


def test_a_pdf_finding_names_its_page(tmp_path):
    from mzcheck.ingest import Document

    later_text = "某市2023年统计公报\n封面\n全年快递业务总量1566万件，增长9.08%。"
    later = Document("2023.pdf", later_text, "pdf", "pdf", pages=(0, later_text.index("全年")))
    earlier = Document("2022.pdf", "某市2022年统计公报\n全年快递业务总量14362.12万件。", "pdf", "pdf", pages=(0,))
    result = run([later, earlier], Config(select=("MZ327",), across=True), jobs=1)
    (finding,) = result.findings
    assert (finding.page, finding.page_line) == (2, 1)
    assert "2022.pdf（第1页第2行）所载为" in finding.message          # and last year's figure, its page


def _two_years(tmp_path):
    later, earlier = tmp_path / "2023.txt", tmp_path / "2022.txt"
    later.write_text("某市2023年统计公报\n全年快递业务总量1566万件，增长9.08%。年末常住人口100万人。", encoding="utf-8")
    earlier.write_text("某市2022年统计公报\n年末常住人口99万人。全年快递业务总量1435.64万件。", encoding="utf-8")
    return later, earlier


def test_extract_across_links_each_figure_to_last_years(tmp_path, capsys):
    import csv
    import io

    later, earlier = _two_years(tmp_path)
    with pytest.raises(SystemExit) as exit_info:
        main(["extract", str(later), str(earlier), "--across"])
    assert exit_info.value.code == 0
    rows = {(r["doc"], r["raw"]): r["prior_figure"] for r in csv.DictReader(io.StringIO(capsys.readouterr().out))}
    earlier_id = [r for r in rows if r == (str(earlier), "1435.64万件")]
    assert earlier_id, rows
    linked = rows[(str(later), "1566万件")]
    assert linked.startswith(f"{earlier}#F")
    assert {k: v for k, v in rows.items() if v} == {(str(later), "1566万件"): linked}   # 100万人 states no change
    # the id names the figure last year's report printed
    with pytest.raises(SystemExit):
        main(["extract", str(earlier)])
    ids = {r["figure_id"]: r["raw"] for r in csv.DictReader(io.StringIO(capsys.readouterr().out))}
    assert ids[linked.split("#")[1]] == "1435.64万件"


def test_without_across_no_figure_is_linked(tmp_path, capsys):
    import csv
    import io

    later, earlier = _two_years(tmp_path)
    with pytest.raises(SystemExit):
        main(["extract", str(later), str(earlier)])
    assert all(r["prior_figure"] == "" for r in csv.DictReader(io.StringIO(capsys.readouterr().out)))


def test_the_figures_dataset_of_a_run_across_years_keeps_the_link(tmp_path):
    pd = pytest.importorskip("pandas")
    pytest.importorskip("pyarrow")
    later, earlier = _two_years(tmp_path)
    run([str(later), str(earlier)], Config(across=True), jobs=1, figures_out=str(tmp_path / "figures"))
    table = pd.read_parquet(tmp_path / "figures")
    linked = table[table.prior_figure != ""]
    assert list(linked.raw) == ["1566万件"] and list(linked.doc) == [str(later)]
    target_doc, target_id = linked.prior_figure.iloc[0].split("#")
    assert table[(table.doc == target_doc) & (table.figure_id == target_id)].raw.tolist() == ["1435.64万件"]


_EARLIER_BUDGET = ("某县2022年预算执行情况的报告\n1.一般公共预算\n（1）全县收支情况。全县一般公共预算收入年初预算合计50000万元，"
                   "实际完成52000万元，比上年增长4.0%。全县一般公共预算支出年初预算合计90000万元，支出预算调整为98000万元，"
                   "实际完成97000万元，为调整预算的99%。\n2.政府性基金预算\n（1）全县收支情况。全县政府性基金收入实际完成30000万元。")


@pytest.mark.parametrize("outturn, outcome", [
    ("实际完成105700万元，为调整预算的100%，增长9.0%", "pass"),        # 105700 ÷ 1.09 = 96972
    ("实际完成105700万元，为调整预算的100%，增长8.0%", "info"),        # 97870: 0.9 % above, a revision
    ("实际完成105700万元，为调整预算的100%，增长1.0%", None),          # 104653 is no outturn of this side: vague, silent
])
def test_a_budget_outturn_stated_by_a_bare_verb_is_named_by_its_section(tmp_path, outturn, outcome):
    later = ("某县2023年预算执行情况的报告\n1.一般公共预算\n（1）全县收支情况。全县一般公共预算收入年初预算合计55000万元，"
             "实际完成56000万元，增长7.7%。年初支出预算合计100000万元，支出预算调整为105700万元，" + outturn + "。")
    (tmp_path / "later.txt").write_text(later, encoding="utf-8")
    (tmp_path / "earlier.txt").write_text(_EARLIER_BUDGET, encoding="utf-8")
    result = run([str(tmp_path / "later.txt"), str(tmp_path / "earlier.txt")], Config(select=("MZ327",), across=True), jobs=1)
    by_later = {c.figures[0].raw: (c.outcome, c.figures[-1].raw) for c in result.checks}
    assert by_later["56000万元"] == ("pass", "52000万元")       # revenue to revenue: 56000 ÷ 1.077 = 51996
    assert by_later.get("105700万元") == ((outcome, "97000万元") if outcome else None)   # spending to spending
    assert all(f.severity.value == "info" for f in result.findings)


@pytest.mark.parametrize("later, outcome", [
    # level, amount and rate agree: a gap of 1 % to last year's report is a revision
    ("一般公共预算支出完成3126309万元，比上年增支161347万元，增长5.44%。", "info"),
    # the amount and the rate agree on a base (161347 ÷ 5.43 % ≈ 2971400) the level does not
    # give (3156077 − 161347 = 2994730): no revision explains that
    ("一般公共预算支出完成3156077万元，比上年增支161347万元，增长5.43%。", "warning"),
])
def test_a_level_at_odds_with_its_own_change_is_no_revision(tmp_path, later, outcome):
    outcomes, _ = across(tmp_path, later, "一般公共预算支出完成2934962万元。")
    assert outcomes == [outcome]


@pytest.mark.parametrize("later, outcome", [
    ("城市低保标准由每人每月750元提高到780元。", ["pass"]),       # last year's report raised it to 750
    ("城市低保标准由每人每月745元提高到780元。", ["info"]),       # 0.7 %: a revision's size
    ("城市低保标准由每人每月700元提高到780元。", []),             # a start this far off may be another year's
    ("五年来，城市低保标准由每人每月600元提高到780元。", []),     # a span's start, not last year's level
])
def test_a_raise_starts_from_last_years_level(tmp_path, later, outcome):
    outcomes, _ = across(tmp_path, later, "城市低保标准由每人每月700元提高到750元。")
    assert outcomes == outcome


def test_last_years_implied_value_is_shown_in_its_digits_and_one_more(tmp_path):
    later, earlier = tmp_path / "2023.txt", tmp_path / "2022.txt"
    later.write_text("某市2023年统计公报\n一般公共预算收入1722.4亿元，比上年增长1.5%。", encoding="utf-8")
    earlier.write_text("某市2022年统计公报\n一般公共预算收入1690.0亿元。", encoding="utf-8")
    (finding,) = run([str(later), str(earlier)], Config(select=("MZ327",), across=True), jobs=1).findings
    # 1722.35 ÷ 1.0155 = 1696.06… and 1722.45 ÷ 1.0145 = 1697.83…: shown outwards, to 0.01亿元
    assert "上期应为1696.06亿元 至 1697.84亿元" in finding.message
