"""The HTML report in a real headless browser (Debian's chromium, driven by Playwright):
no console errors, no network request, the findings are visible, a click on a finding
scrolls to its highlighted figures, and hostile document text stays text. A screenshot
is kept in out/test-artifacts/ as the test's artefact."""

from __future__ import annotations

import shutil

import pytest

from conftest import ROOT, SAMPLE
from mzcheck.pipeline import run
from mzcheck.report.canonical import result_dict
from mzcheck.report.html import render

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
playwright = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (see tests/setup-browser.sh)")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-default-apps"]
ARTIFACTS = ROOT / "out" / "test-artifacts"


@pytest.fixture(scope="module")
def browser():
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


def open_report(browser, html_path):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    events = {"requests": [], "errors": [], "dialogs": []}
    page.on("request", lambda r: events["requests"].append(r.url))
    page.on("console", lambda m: events["errors"].append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: events["errors"].append(str(e)))
    page.on("dialog", lambda d: (events["dialogs"].append(d.message), d.dismiss()))
    page.goto(html_path.as_uri())
    page.wait_for_load_state("load")
    return page, events


def test_sample_report_in_a_browser(browser, tmp_path):
    html_path = tmp_path / "report.html"
    html_path.write_text(render(result_dict(run([SAMPLE]))), encoding="utf-8")
    page, events = open_report(browser, html_path)
    assert events["errors"] == []
    assert events["requests"] == [html_path.as_uri()]        # the page itself, nothing else
    findings = page.locator(".finding")
    assert findings.count() == 12 and all(findings.nth(i).is_visible() for i in range(12))
    share = page.locator('.finding[data-rule="MZ302"]')
    share.click()
    active = page.evaluate("""() => Array.from(document.querySelectorAll('mark.active')).map(m => {
        const r = m.getBoundingClientRect();
        return [m.textContent, r.top >= 0 && r.bottom <= window.innerHeight];
    })""")
    assert active == [["达4627家", True], ["1971家", True], ["42.59", True]]
    # the most likely value of each figure stands beside it, and the finding stays in view
    proposals = page.locator(".proposal")
    assert [proposals.nth(i).text_content() for i in range(proposals.count())] == ["可能应为 4628", "可能应为 42.60"]
    assert proposals.nth(1).is_visible()
    assert page.evaluate("""() => { const r = document.querySelector('.finding.active').getBoundingClientRect();
        return r.top >= 0 && r.bottom <= window.innerHeight; }""")
    assert page.locator(".text .ln").count() > 20          # numbered lines, as findings cite them
    page.locator('.checked li[data-rule="MZ301"]').click()
    assert [m for m, _ in page.evaluate("() => Array.from(document.querySelectorAll('mark.active')).map(m => "
                                        "[m.textContent, 0])")] == ["约9000人次", "约1000万元", "约1100元"]
    page.locator('input[data-sev="warning"]').uncheck()
    assert page.locator(".finding:not(.hidden)").count() == 1      # only the info finding is left
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.locator('input[data-sev="warning"]').check()
    share.click()
    page.screenshot(path=str(ARTIFACTS / "sample-report.png"))
    assert (ARTIFACTS / "sample-report.png").stat().st_size > 10_000
    page.close()


def test_hostile_text_stays_text_in_a_browser(browser, tmp_path):
    report = tmp_path / "evil.txt"
    report.write_text("<script>alert(1)</script><img src=x onerror=alert(2)>{{ 7*7 }}共60737人。", encoding="utf-8")
    html_path = tmp_path / "evil.html"
    html_path.write_text(render(result_dict(run([report]))), encoding="utf-8")
    page, events = open_report(browser, html_path)
    assert events["dialogs"] == [] and events["errors"] == []
    assert events["requests"] == [html_path.as_uri()]          # the <img src=x> was not loaded
    text = page.locator(".text").inner_text()
    assert "<script>alert(1)</script>" in text and "<img src=x onerror=alert(2)>" in text and "{{ 7*7 }}" in text
    page.close()


def test_table_document_shows_its_table(browser, tmp_path):
    data = tmp_path / "monthly.csv"
    data.write_text("指标名称,单位,本期,上期,环比\n孤儿数,人,3280,3359,-2.53\n", encoding="utf-8")
    html_path = tmp_path / "t.html"
    html_path.write_text(render(result_dict(run([data]))), encoding="utf-8")
    page, events = open_report(browser, html_path)
    assert page.locator("table.data td").count() == 10 and events["errors"] == []
    page.locator('.finding[data-rule="MZ305"]').click()
    assert page.evaluate("() => Array.from(document.querySelectorAll('mark.active')).map(m => m.textContent)") == \
        ["3280", "3359", "-2.53"]
    page.close()


def test_a_folder_report_shows_each_documents_text_and_highlights_its_figures(browser, tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "a.txt").write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "b.txt").write_text("全市低保对象14035户，其中城市低保6195户，农村低保7480户。\n", encoding="utf-8")
    html_path = tmp_path / "folder.html"
    html_path.write_text(render(result_dict(run([str(folder)]))), encoding="utf-8")
    page, events = open_report(browser, html_path)
    assert events["errors"] == [] and page.locator(".doc .text").count() == 2
    page.locator('#doc-1 .finding[data-rule="MZ303"]').click()
    assert page.evaluate("() => Array.from(document.querySelectorAll('mark.active')).map(m => m.textContent)") == \
        ["14035户", "6195户", "7480户"]
    beside = page.evaluate("""() => Array.from(document.querySelectorAll('mark.active'))
        .map(m => [m.textContent, m.nextElementSibling && m.nextElementSibling.className === 'proposal'
                   ? m.nextElementSibling.textContent : null])""")
    assert beside == [["14035户", "可能应为 13675"], ["6195户", "可能应为 6555"], ["7480户", "可能应为 7840"]]
    page.close()


def test_printing_starts_the_text_on_the_first_page(browser, tmp_path):
    import pypdfium2

    html_path = tmp_path / "report.html"
    html_path.write_text(render(result_dict(run([SAMPLE]))), encoding="utf-8")
    page, _ = open_report(browser, html_path)
    pdf = tmp_path / "report.pdf"
    page.pdf(path=str(pdf), format="A4")
    page.close()
    document = pypdfium2.PdfDocument(str(pdf))
    first = document[0].get_textpage().get_text_range()
    assert "mzcheck 检查报告" in first and "南通民政聚焦民生改善" in first     # the header, then the text
    assert len(document) > 1
