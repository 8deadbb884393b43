"""Every rule has a code, a kebab-case name, a severity and a page whose failing and
passing examples are run here, through the rule itself."""

from __future__ import annotations

import pytest

from mzcheck.config import Config
from mzcheck.pipeline import run as run_pipeline
from mzcheck.ingest import Document
from mzcheck.rules.registry import CODE_RE, NAME_RE, all_rules

RULES = [r for r in all_rules() if r.check is not None]


def run(rule_code: str, text: str):
    text = text.replace("\\n", "\n")
    result = run_pipeline([Document("example.txt", text, "txt", "utf-8")], Config(select=(rule_code,)))
    mine = [c for c in result.checks if c.code == rule_code]
    return mine, [f for f in result.findings if f.code == rule_code], result


@pytest.mark.parametrize("r", all_rules(), ids=lambda r: r.code)
def test_rule_metadata(r):
    assert CODE_RE.fullmatch(r.code) and NAME_RE.fullmatch(r.name)
    assert r.page.startswith(r.summary) and len(r.page) > 80
    assert "Why it matters" in r.page


def test_codes_and_names_are_unique():
    rules = all_rules()
    assert len({r.code for r in rules}) == len(rules) == len({r.name for r in rules})


@pytest.mark.parametrize("r", RULES, ids=lambda r: r.code)
def test_failing_example_fails(r):
    examples = r.example("Fails")
    assert examples, f"{r.code} page has no Fails: example"
    for text in examples:
        _, findings, result = run(r.code, text)
        assert findings, f"{r.code} did not fire on its failing example: {text}"
        assert not [f for f in result.findings if f.code == "MZ901"]


@pytest.mark.parametrize("r", RULES, ids=lambda r: r.code)
def test_passing_example_passes(r):
    examples = r.example("Passes")
    assert examples, f"{r.code} page has no Passes: example"
    ran = 0
    for text in examples:
        checks, findings, _ = run(r.code, text)
        assert not findings, f"{r.code} fired on its passing example: {text}: {[f.message for f in findings]}"
        ran += len(checks)
    if r.code[:3] in ("MZ2", "MZ3", "MZ4"):
        assert ran, f"{r.code}: its passing example ran no check (the relation was not found)"


# --- rules run by `validate` and by waivers: their examples go through those paths -------
FILE_RULES = [r for r in all_rules() if r.check is None and r.code != "MZ901"]


def _seed_fingerprint(code: str) -> str:
    from conftest import SAMPLE
    from mzcheck.pipeline import run as run_pipeline

    return next(f.fingerprint for f in run_pipeline([SAMPLE]).findings if f.code == code)


def run_file_example(r, example: str, tmp_path) -> list[str]:
    """Codes found when the example is run the way the rule's page says."""
    import datetime as dt

    import yaml

    from conftest import ROOT, SAMPLE
    from mzcheck.pipeline import run as run_pipeline
    from mzcheck.validate.run import validate_paths
    from mzcheck.waivers import apply_waivers, load_waivers

    if r.code == "MZ010":
        from mzcheck.pipeline import run as run_pipeline

        folder = tmp_path / "corpus"
        folder.mkdir(exist_ok=True)
        (folder / "good.txt").write_text("全市共有儿童主任1929名。", encoding="utf-8")
        (folder / "example.txt").write_bytes(example.encode("utf-8"))
        return [f.code for f in run_pipeline([str(folder)], jobs=1).findings]
    if r.code == "MZ327":          # two reports of consecutive years: later ‖ earlier
        later, earlier = (part.strip() for part in example.split("‖"))
        (tmp_path / "later.txt").write_text(later, encoding="utf-8")
        (tmp_path / "earlier.txt").write_text(earlier, encoding="utf-8")
        from mzcheck.config import Config

        result = run_pipeline([str(tmp_path / "later.txt"), str(tmp_path / "earlier.txt")], Config(across=True), jobs=1)
        return [f.code for f in result.findings if f.severity.value != "info"]
    if r.code == "MZ011":
        table = tmp_path / "table.csv"
        table.write_text(example.replace("\\n", "\n") + "\n", encoding="utf-8")
        return [f.code for f in run_pipeline([str(table)], jobs=1).findings]
    if r.code.startswith("MZ0"):
        entry = example.replace("FINGERPRINT_OF_MZ302", f'"{_seed_fingerprint("MZ302")}"')
        path = tmp_path / "waivers.yaml"
        path.write_text(f"waivers:\n  - {entry}\n", encoding="utf-8")
        findings, _ = apply_waivers(list(run_pipeline([SAMPLE]).findings), load_waivers(path), str(path),
                                    dt.date(2026, 11, 28))
        return [f.code for f in findings]
    engine = "gx" if r.code.startswith("MZ5") else "pandera"
    if engine == "gx":
        pytest.importorskip("great_expectations", reason="the gx extra is not installed")
    if r.code.startswith("MZ21") or (engine == "gx" and not example.startswith("{")):
        data = tmp_path / "figures.csv"
        data.write_text(example.replace("\\n", "\n") + "\n", encoding="utf-8")
        result = validate_paths([str(data)], str(ROOT / "schemas" / "curated-figures.yaml"), [], engine=engine)
        return [f.code for f in result.findings]
    spec = yaml.safe_load(example)
    data = tmp_path / "figures.csv"
    data.write_text(spec["data"] + "\n", encoding="utf-8")
    paths, rules = [str(data)], []
    if "expr" in spec:
        rules_file = tmp_path / "rules.yaml"
        rules_file.write_text(yaml.safe_dump({"version": 1, "rules": [
            {"id": "example", "expr": spec["expr"], "description": "example"}]}, allow_unicode=True), encoding="utf-8")
        rules = [str(rules_file)]
    if "text" in spec:
        report = tmp_path / "report.txt"
        report.write_text(spec["text"], encoding="utf-8")
        paths.append(str(report))
    schema = str(ROOT / "schemas" / "curated-figures.yaml") if engine == "gx" else None
    return [f.code for f in validate_paths(paths, schema, rules, engine=engine).findings]


@pytest.mark.parametrize("r", FILE_RULES, ids=lambda r: r.code)
def test_file_rule_examples(r, tmp_path):
    fails, passes = r.example("Fails"), r.example("Passes")
    assert fails and passes, f"{r.code} page needs Fails: and Passes: examples"
    for text in fails:
        assert r.code in run_file_example(r, text, tmp_path), f"{r.code} did not fire on: {text}"
    for text in passes:
        assert r.code not in run_file_example(r, text, tmp_path), f"{r.code} fired on: {text}"


def test_rule_crash_example(monkeypatch):
    """MZ901's page: the same text fails when another rule raises, and passes otherwise."""
    from dataclasses import replace

    from mzcheck.rules import registry

    r = registry.get_rule("MZ901")
    (fails,), (passes,) = r.example("Fails"), r.example("Passes")
    _, findings, result = run("MZ402", passes)
    assert not [f for f in result.findings if f.code == "MZ901"]

    def boom(ctx):
        raise RuntimeError("boom")

    monkeypatch.setitem(registry.REGISTRY, "MZ402", replace(registry.REGISTRY["MZ402"], check=boom))
    result = run_pipeline([Document("example.txt", fails, "txt", "utf-8")], Config(select=("MZ402", "MZ901")))
    crash = [f for f in result.findings if f.code == "MZ901"]
    assert len(crash) == 1 and "MZ402" in crash[0].message and "RuntimeError" in crash[0].message


def test_every_rule_has_a_chinese_title_and_page_for_auditors():
    from mzcheck.rules.chinese import CHINESE
    from mzcheck.rules.registry import REGISTRY, rule_pages

    assert set(REGISTRY) <= set(CHINESE), sorted(set(REGISTRY) - set(CHINESE))
    assert set(CHINESE) <= set(REGISTRY), sorted(set(CHINESE) - set(REGISTRY))
    (page,) = rule_pages(["MZ302"])
    assert page.title_cn == "占比不符"
    assert page.page_cn.startswith("所述占比不等于部分除以总体")
    assert "不通过示例：\n  社会组织达4627家,等级社会组织1971家,等级社会组织占比45.2%。" in page.page_cn
    assert all("\u4e00" <= ch <= "\u9fff" for ch in page.title_cn)
