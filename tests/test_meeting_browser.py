"""The dialogue meeting in a real browser: presentation mode on a projector
(every slide fits without scrolling at 1920x1080 and 1366x768 and passes
axe-core, the arrow keys move, Esc returns to the same place), and the
adviser updating an agreement. Screenshots of every slide go to
test-output/screenshots/."""

import shutil

import pytest
from playwright.sync_api import expect

from test_accessibility import violations

from test_browser import CHROMIUM, SHOTS, drawn, free_port, opened, settle  # noqa: F401 (skips without chromium)
from test_browser import browser, server  # noqa: F401 (fixtures)

MEETING = "/dialogue_meeting?moede_halvaar=1.+halv%C3%A5r+2019"
PARTS = ["Opfølgning på aftaler", "Overblik", "Punkter til drøftelse", "Registreringer og borgere",
         "Klager og sagsbehandlerskift", "Ventetider", "Gentagne henvendelser", "Typer og emner", "Begivenheder"]


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory, demo_db):  # noqa: F811 (this module's server writes: a copy of its own)
    copy = tmp_path_factory.mktemp("moede") / "demo.duckdb"
    shutil.copyfile(demo_db, copy)
    return copy


def scrolls(page) -> list[int]:
    """How far the page and Streamlit's scrolling container could scroll (0: not at all)."""
    return page.evaluate("""() => {
        const main = document.querySelector('[data-testid="stMain"]');
        const doc = document.documentElement;
        return [main.scrollHeight - main.clientHeight, doc.scrollHeight - doc.clientHeight,
                main.scrollWidth - main.clientWidth];
    }""")


def slide_title(page) -> str:
    return page.locator("h2").first.inner_text()


@pytest.mark.parametrize(("width", "height"), [(1920, 1080), (1366, 768)])
def test_presentation_mode_fits_the_projector_and_follows_the_keys(server, browser, width, height):  # noqa: F811
    with opened(browser, server + MEETING, width, height) as page:
        page.get_by_text("Præsentation (til projektor)").click()
        page.wait_for_selector(".st-key-naeste button")
        seen = []
        for number, part in enumerate(PARTS, start=1):
            page.wait_for_function(f"() => document.querySelector('h2')?.innerText === {part!r}", timeout=15_000)
            drawn(page, 15_000)
            seen.append(slide_title(page))
            header = page.locator(".st-key-slide-header").inner_text()
            assert f"{number} af {len(PARTS)}" in header and "Borger & Arbejdsmarked" in header and "1. halvår 2019" in header
            assert page.locator('[data-testid="stException"]').count() == 0, part
            for chart in page.locator('[data-testid="stVegaLiteChart"]').all():
                assert chart.locator("svg").count() > 0, part  # drawn
            # No banner, sidebar or controls: the slide alone, and it fits.
            assert page.locator('[data-testid="stSidebar"]').is_hidden()
            assert page.get_by_text("Kun egentlige henvendelser").is_hidden()
            assert scrolls(page) == [0, 0, 0], (part, scrolls(page))
            assert violations(page, tall=False) == [], part  # WCAG 2.1 AA, as in test_accessibility
            for chart in page.locator('[data-testid="stVegaLiteChart"]').all():
                box = chart.bounding_box()
                assert box["y"] + box["height"] <= height, part  # every chart wholly on screen
            SHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=SHOTS / f"dias-{number}-{width}x{height}.png")
            page.keyboard.press("ArrowRight")
        assert seen == PARTS
        page.wait_for_timeout(800)
        assert slide_title(page) == "Begivenheder"  # the last slide stays the last
        page.keyboard.press("ArrowLeft")
        page.wait_for_function("() => document.querySelector('h2')?.innerText === 'Typer og emner'", timeout=15_000)
        page.keyboard.press("Escape")
        page.wait_for_selector("h1", timeout=15_000)
        # Back on the page, at the part the slides were showing: scrolled down to it, its heading in the window's
        # upper half (at the very top unless the page ends before).
        page.wait_for_function("""() => {
            const part = document.getElementById('typer');
            const main = document.querySelector('[data-testid="stMain"]');
            const top = part && part.getBoundingClientRect().top;
            return part && main.scrollTop > 0 && top >= -5 && top < window.innerHeight / 2;
        }""", timeout=30_000)


def test_the_adviser_updates_an_agreement_and_undoes_it(server, browser):  # noqa: F811
    with opened(browser, server + MEETING) as page:
        page.get_by_text("Opdatér en aftales status").click()
        form = page.locator('[data-testid="stForm"]').last
        form.get_by_role("combobox").first.wait_for(state="visible")
        page.wait_for_timeout(500)  # the expander has opened
        for box, choice in zip(form.locator('[data-testid="stSelectbox"]').all(), ["3: Afgørelser", "gennemført"]):
            box.get_by_role("combobox").click()
            page.get_by_role("listbox").wait_for()
            page.get_by_role("option").filter(has_text=choice).first.click()
            page.wait_for_selector('[role="listbox"]', state="detached")
            assert choice in box.get_by_role("combobox").input_value() or choice in box.inner_text()
        form.get_by_role("button", name="Gem status").click()
        alert = page.locator('[data-testid="stAlert"]').first
        alert.wait_for(timeout=15_000)
        assert "Aftale 3 har nu status gennemført." in alert.inner_text()
        first_table = page.locator(".tal table").first
        assert first_table.locator("tbody tr").nth(2).locator("td").nth(2).inner_text() == "gennemført"
        page.locator(".st-key-fortryd-aftale button").click()
        page.get_by_text("Statusændringen er fortrudt.").wait_for(timeout=15_000)
        assert page.locator(".tal table").first.locator("tbody tr").nth(2).locator("td").nth(2).inner_text() == "åben"


def test_every_figure_of_a_theme_is_drawn_when_its_tab_is_opened(server, browser):  # noqa: F811
    # Only the open tab is drawn: opening another reruns the page, and its chart and table arrive.
    with opened(browser, server + MEETING, 1920, 1080) as page:
        for tab in ["Borgere", "Borgere med gener ved skift", "Mediantid til møde (dage)"]:
            page.get_by_role("tab", name=tab, exact=True).click()
            panel = page.get_by_role("tabpanel", name=tab, exact=True)
            expect(panel.locator('[data-testid="stVegaLiteChart"] svg').first).to_be_visible(timeout=15_000)
            description = panel.locator('[data-testid="stVegaLiteChart"]').first.get_attribute("aria-label") or ""
            assert "pr. afdeling" in description and tab.removesuffix(" (dage)").lower() in description, (tab, description)
            expect(panel.locator(".tal table")).to_have_count(1)
            assert page.get_by_role("tab", name=tab, exact=True).get_attribute("aria-selected") == "true"
