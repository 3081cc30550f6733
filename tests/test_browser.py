"""The app in a real browser: Debian's chromium, driven by Playwright, against
`streamlit run` on localhost. Screenshots of every page go to
test-output/screenshots/ (ignored by git) for a person to look at.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

ROOT = Path(__file__).parent.parent
SHOTS = ROOT / "test-output" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
PAGES = {
    "": "Overblik",
    "monthly_load": "Månedlig belastning",
    "departments": "Forvaltninger",
    "waiting_times": "Ventetider",
    "repeat_contacts": "Gentagne henvendelser",
    "caseworker_changes": "Sagsbehandlerskift",
    "dialogue_meeting": "Dialogmøde",
    "glossary": "Begreber",
    "registrations": "Registreringer",
    "data_import": "Data",
}
CHARTS = {"": 1, "monthly_load": 1, "departments": 5, "waiting_times": 2, "repeat_contacts": 2, "caseworker_changes": 3, "glossary": 0, "data_import": 0, "dialogue_meeting": 0,
          "registrations": 0}

if not Path(CHROMIUM).exists():
    if os.environ.get("CI"):
        raise RuntimeError("CI must install Debian's chromium (see .ci/run)")
    pytest.skip("Debian's chromium is not installed (apt-get install chromium)", allow_module_level=True)

from playwright.sync_api import expect, sync_playwright  # noqa: E402


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(demo_db):
    port = free_port()
    env = {**os.environ, "ADVISOR_DB": str(demo_db)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if urllib.request.urlopen(f"{url}/_stcore/health", timeout=2).status == 200:
                break
        except OSError:
            time.sleep(0.3)
    else:
        proc.kill()
        raise RuntimeError(f"streamlit did not start: {proc.stdout.read().decode()[-2000:]}")
    yield url
    proc.terminate()
    proc.wait(timeout=20)


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="da-DK")
    page = context.new_page()
    yield page
    context.close()


def settle(page) -> None:
    """Wait until the script run is over and the charts are drawn."""
    page.wait_for_selector("h1", timeout=30_000)
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=30_000)
    page.wait_for_timeout(800)


def check_page(page, path: str, name: str) -> None:
    settle(page)
    expect(page.locator("h1").first).to_have_text(PAGES[path])
    assert page.locator('[data-testid="stException"]').count() == 0
    charts = page.locator('[data-testid="stVegaLiteChart"]')
    expect(charts).to_have_count(CHARTS[path])
    for i in range(charts.count()):
        assert charts.nth(i).locator("canvas, svg").count() > 0, f"chart {i} on {name} is not drawn"
    SHOTS.mkdir(parents=True, exist_ok=True)
    # Streamlit scrolls inside its own container: make the window as tall as the page.
    height = page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    page.set_viewport_size({"width": 1400, "height": min(max(height + 100, 1000), 6000)})
    page.wait_for_timeout(500)
    page.screenshot(path=SHOTS / f"{name}.png", full_page=True)


@pytest.mark.parametrize("path", list(PAGES))
def test_every_page_by_its_direct_url(server, page, path):
    page.goto(f"{server}/{path}")
    check_page(page, path, path or "overview")


@pytest.mark.parametrize("path", list(PAGES))
def test_every_page_with_filters_in_the_url(server, page, path):
    page.goto(f"{server}/{path}?periode=Halv%C3%A5r&halvaar=2.+halv%C3%A5r+2018&forvaltning=Borger+%26+Arbejdsmarked")
    check_page(page, path, f"{path or 'overview'}-filtered")
    if path != "dialogue_meeting":  # it has its own choices instead of the shared filters
        expect(page.get_by_role("combobox", name="Halvår")).to_have_value("2. halvår 2018")
        expect(page.get_by_role("combobox", name="Forvaltning")).to_have_value("Borger & Arbejdsmarked")


def test_every_page_through_the_sidebar(server, page):
    page.goto(server)
    settle(page)
    for path, title in PAGES.items():
        page.locator('[data-testid="stSidebarNav"]').get_by_text(title, exact=True).click()
        settle(page)
        expect(page.locator("h1").first).to_have_text(title)
        assert page.locator('[data-testid="stException"]').count() == 0


def test_the_url_carries_the_filters_after_a_change(server, page):
    page.goto(f"{server}/departments")
    settle(page)
    page.get_by_role("combobox", name="Forvaltning").click()
    page.keyboard.type("Børn")
    page.keyboard.press("Enter")
    settle(page)
    query = parse_qs(urlparse(page.url).query)
    assert query["forvaltning"] == ["Børn & Kultur"]
    expect(page.get_by_text("Periode: 2019 · Børn & Kultur").first).to_be_visible()
    # The same link opens the same view.
    page.goto(page.url)
    settle(page)
    expect(page.get_by_text("Periode: 2019 · Børn & Kultur").first).to_be_visible()


def export(server, page, path: str, file_name: str):
    """Open `path`, click the CSV button of the table exported as `file_name`; the download."""
    page.goto(f"{server}/{path}")
    settle(page)
    button = page.locator(f".st-key-download-{file_name.replace('.', '-')} button")
    expect(button).to_be_visible()
    with page.expect_download() as download:
        button.click()
    assert download.value.suggested_filename == file_name
    return download.value


def test_an_export_is_written_to_the_audit_log(server, page, demo_db):
    from advisor import audit

    download = export(server, page, "departments", "forvaltninger.csv")
    content = Path(download.path()).read_bytes()
    assert content.startswith("\ufeffForvaltning;1. gang".encode())
    log = audit.entries(demo_db)
    assert log.iloc[0][["who", "action"]].to_dict() == {"who": "uden login", "action": "eksport"}
    assert '"tabel": "forvaltninger"' in log.iloc[0]["details"] and '"format": "csv"' in log.iloc[0]["details"]


def test_a_meeting_table_export_logs_the_meetings_choices(server, page, demo_db):
    from advisor import audit

    export(server, page, "dialogue_meeting", "dialogmoede-registrations.csv")
    details = audit.entries(demo_db).iloc[0]["details"]
    # The meeting's department and half-year, not the sidebar's filters (which this page does not use).
    assert '"tabel": "dialogmoede-registrations"' in details
    assert "Borger & Arbejdsmarked · 2. halvår 2019 · som organiseret i dag" in details
