"""WCAG 2.1 AA in a real browser: axe-core (the copy bundled by the PyPI
package axe-playwright-python) with the WCAG 2.0/2.1 A and AA rules on every
page, every slide of presentation mode and the Data page with an error
report; the page's language and titles, headings in order, the charts' Danish
descriptions, the palette's contrast, and the keyboard alone."""

import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from advisor import charts, db
from test_browser import PAGES, ROOT, SHOTS, drawn, free_port, opened, settle
from test_browser import browser, server  # noqa: F401 (fixtures)

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_source() -> str:
    import axe_playwright_python

    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text()


def violations(page, tall: bool = True) -> list[str]:
    """axe-core's WCAG A/AA violations on the page as it is now. With `tall`,
    the window is first made as tall as the page (Streamlit scrolls in its own
    container), so text below the fold is checked too."""
    if tall:
        height = page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
        size = page.viewport_size
        page.set_viewport_size({"width": size["width"], "height": min(max(height + 100, size["height"]), 12_000)})
        page.wait_for_timeout(300)  # the charts take the new size
        drawn(page)
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(axe_source())
    result = page.evaluate("(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}})", TAGS)
    return [f"{v['id']}: {n['target']} {n.get('failureSummary', '')[:200]}" for v in result["violations"]
            for n in v["nodes"]]


def headings(page) -> list[int]:
    return page.evaluate("""() => [...document.querySelectorAll('[data-testid="stMain"] :is(h1,h2,h3,h4,h5,h6)')]
        .filter(h => h.offsetParent !== null).map(h => Number(h.tagName[1]))""")


@pytest.mark.parametrize("path", list(PAGES))
def test_every_page_passes_axe_with_danish_language_title_and_headings(server, browser, path):  # noqa: F811
    with opened(browser, f"{server}/{path}") as page:
        assert page.evaluate("() => document.documentElement.lang") == "da"
        assert page.title() == f"{PAGES[path]} · Borgerrådgiveren"
        levels = headings(page)
        assert levels[0] == 1 and all(b - a <= 1 for a, b in zip(levels, levels[1:])), levels  # no level skipped
        assert violations(page) == []


def test_every_chart_says_in_danish_what_it_shows(server, browser):  # noqa: F811
    with opened(browser, f"{server}/departments?aar=2018") as page:
        labels = page.evaluate("""() => [...document.querySelectorAll('[data-testid="stVegaLiteChart"]')]
            .map(c => [c.getAttribute('role'), c.getAttribute('aria-label')])""")
        assert labels and all(role == "graphics-document" for role, _ in labels)
        texts = [label for _, label in labels]
        assert texts[0].startswith("Søjlediagram: andel af borgere. Borger & Arbejdsmarked ")
        assert all(t.startswith(("Søjlediagram: ", "Kurvediagram: ", "Prikdiagram: ")) for t in texts), texts
        assert any(" %" in t for t in texts) and not any("department" in t or "0,0" in t for t in texts)
        # The line chart's numbers are a real table too.
        page.get_by_text("Tal bag diagrammet").first.click()
        table = page.locator('[data-testid="stExpander"] .tal table').first
        table.wait_for()
        assert table.locator("th").first.inner_text() == "Måned"


MEETING = "/dialogue_meeting?moede_halvaar=1.+halv%C3%A5r+2019"


def slides(page):
    """Presentation mode on the page: each slide's title, once the slide is drawn."""
    page.get_by_text("Præsentation (til projektor)").click()
    page.wait_for_selector(".st-key-naeste button")
    while True:
        drawn(page, 15_000)
        title = page.locator("h2").first.inner_text()
        yield title
        if page.locator(".st-key-naeste button").last.is_disabled():
            return
        page.keyboard.press("ArrowRight")
        page.wait_for_function(f"() => document.querySelector('h2')?.innerText !== {title!r}", timeout=15_000)


@pytest.fixture(scope="module")
def real_server(tmp_path_factory):
    """The app on an empty real database (the demo takes no import)."""
    path = db.build(tmp_path_factory.mktemp("tom") / "kommune.duckdb", is_demo=False)
    port = free_port()
    env = {**os.environ, "ADVISOR_DB": str(path), "ADVISOR_PSEUDONYM_KEY": "a-test-key-for-pseudonyms"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            if urllib.request.urlopen(f"{url}/_stcore/health", timeout=2).status == 200:
                break
        except OSError:
            time.sleep(0.3)
    yield url
    proc.terminate()
    proc.wait(timeout=20)


BAD_LOG = ("Løbenr.;Borger;Modtaget;Kanal;Forvaltning;Afdeling;Henvendelsestype;Emne\n"
           "A-1;ab;31-02-2019;Telefon;Borger & Arbejdsmarked;Borgerservice;Klage;Kontrol\n"
           "A-2;cd;01-03-2019;Brevdue;Borger & Arbejdsmarked;Borgerservice;Klage;Kontrol\n")


def test_the_data_page_with_an_error_report_passes_axe_and_speaks_danish(real_server, browser, tmp_path):  # noqa: F811
    bad = tmp_path / "log.csv"
    bad.write_text(BAD_LOG, encoding="utf-8")
    with opened(browser, f"{real_server}/data_import") as page:
        uploader = page.locator('[data-testid="stFileUploader"]')
        page.wait_for_timeout(500)
        words = uploader.inner_text()
        assert "Upload" not in words and "per file" not in words and "Browse" not in words, words
        assert "Vælg fil" in words and "Højst 200 MB pr. fil" in words
        uploader.locator('input[type="file"]').set_input_files(str(bad))
        page.get_by_role("heading", name="Fejl i filen").wait_for(timeout=30_000)
        settle(page)
        assert violations(page) == []
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=SHOTS / "data-fejlrapport.png", full_page=True)


def contrast(colour: str, background: str = "#ffffff") -> float:
    def luminance(hex_colour: str) -> float:
        channels = [int(hex_colour.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    light, dark = sorted((luminance(colour), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_every_colour_that_marks_data_has_3_to_1_and_text_4_5_to_1():
    marks = [*charts.DEPARTMENT_COLOURS.values(), *charts.SERIES_COLOURS, *charts.YEAR_COLOURS,
             *[c for c, _, _ in charts.HALF_STYLES], charts.EVENT_COLOUR]
    assert {c: round(contrast(c), 2) for c in marks if contrast(c) < 3} == {}
    config = (ROOT / ".streamlit" / "config.toml").read_text()
    primary = config.split('primaryColor = "')[1][:7]
    app = (ROOT / "app.py").read_text()
    caption = app.split("p{color:")[1][:7]
    assert contrast(primary) >= 4.5 and contrast(caption) >= 4.5
    assert contrast(primary, "#e8edf4") >= 4.5  # on the light tint of a selected control
    # The worked example: Okabe-Ito's orange was 2,25:1 and the third grey 2,81:1.
    assert round(contrast("#E69F00"), 2) == 2.25 and round(contrast("#9a9a9a"), 2) == 2.81


def test_line_series_differ_by_dash_as_well_as_colour():
    assert len({str(d) for d in charts.YEAR_DASHES}) == len(charts.YEAR_DASHES)
    assert len(charts.YEAR_DASHES) == len(charts.YEAR_COLOURS)


def test_a_filter_and_a_page_by_keyboard_alone_with_a_visible_focus_ring(server, browser):  # noqa: F811
    with opened(browser, server) as page:

        def tab_to(text: str, limit: int = 80) -> dict:
            for _ in range(limit):
                page.keyboard.press("Tab")
                focused = page.evaluate("""() => { const e = document.activeElement; const s = getComputedStyle(e);
                    const label = (e.innerText || e.getAttribute('aria-label') || e.closest('label')?.innerText
                                   || e.closest('[data-testid="stCheckbox"]')?.innerText || '').trim();
                    return {label, outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0,
                            shadow: s.boxShadow !== 'none', tag: e.tagName}; }""")
                if focused["tag"] != "BODY" and text in focused["label"] and len(focused["label"]) < 80:
                    return focused
            raise AssertionError(f"{text!r} not reached by Tab")

        toggle = tab_to("Kun egentlige henvendelser")
        page.keyboard.press("Space")
        page.wait_for_url("**egentlige=true**", timeout=15_000)
        link = tab_to("Ventetider")
        assert link["outline"] or link["shadow"], link  # where the focus is can be seen
        page.keyboard.press("Enter")
        page.wait_for_function("() => document.querySelector('h1')?.innerText === 'Ventetider'", timeout=15_000)
        assert "egentlige=true" in page.url  # the filter came along
        assert toggle["tag"] == "INPUT"


def test_the_meeting_pdf_says_its_language_and_title(demo_db, tmp_path):
    from pypdf import PdfReader

    from advisor.__main__ import main

    out = tmp_path / "moede.pdf"
    assert main(["pack", "--half", "2019H1", "--format", "pdf", "--out", str(out), "--db", str(demo_db)]) == 0
    reader = PdfReader(out)
    assert reader.trailer["/Root"]["/Lang"] == "da-DK"
    assert reader.metadata.title.startswith("Dialogmøde: Borger & Arbejdsmarked")


def test_every_chart_and_table_of_the_slides_has_alt_text(demo_db, tmp_path):
    from pptx import Presentation

    from advisor.__main__ import main

    out = tmp_path / "moede.pptx"
    assert main(["pack", "--half", "2019H1", "--format", "pptx", "--out", str(out), "--db", str(demo_db)]) == 0
    missing = [(i, shape.name) for i, slide in enumerate(Presentation(out).slides, 1) for shape in slide.shapes
               if (shape.has_chart or shape.has_table or shape.shape_type == 13)
               and not shape._element.xpath("./*[1]/p:cNvPr")[0].get("descr")]
    assert missing == []


@pytest.mark.parametrize("path", ["departments", "monthly_load", "caseworker_changes", ""])
def test_legends_wrap_instead_of_being_cut_at_200_percent_zoom(server, browser, path):  # noqa: F811
    """200 % zoom on a 1280 px screen is a 640 px window: every legend label stays inside its chart."""
    with opened(browser, f"{server}/{path}", 640, 900) as page:
        drawn(page)
        cut = page.evaluate("""() => [...document.querySelectorAll('[data-testid=stVegaLiteChart] svg')].flatMap(svg => {
            const box = svg.getBoundingClientRect();
            return [...svg.querySelectorAll('.role-legend-label text')]
                .filter(t => t.getBoundingClientRect().right > box.right + 1 || t.getBoundingClientRect().left < box.left - 1)
                .map(t => t.textContent);
        })""")
        assert cut == []
        assert page.evaluate("() => document.querySelectorAll('[data-testid=stVegaLiteChart] .role-legend-label text').length") > 0
