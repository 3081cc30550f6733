"""The app in a real browser: Debian's chromium, driven by Playwright, against
`streamlit run` on localhost. Screenshots of every page go to
test-output/screenshots/ (ignored by git) for a person to look at.
"""

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
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
    "annual_report": "Beretning",
    "data_import": "Data",
}
CHARTS = {"": 1, "monthly_load": 1, "departments": 5, "waiting_times": 2, "repeat_contacts": 2, "caseworker_changes": 3, "glossary": 0, "data_import": 0, "dialogue_meeting": 4, "annual_report": 2,
          "registrations": 0}  # the meeting: the open tab of each of its four themes

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
        [sys.executable, "-m", "advisor", "serve", "--server.port", str(port),  # as `make run` starts it
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


@contextmanager
def opened(browser, url: str, width: int = 1400, height: int = 1000):
    """A page of its own (Danish locale, the given window) at `url`, the script run over."""
    context = browser.new_context(viewport={"width": width, "height": height}, locale="da-DK")
    try:
        page = context.new_page()
        page.goto(url)
        settle(page)
        yield page
    finally:
        context.close()


# Every chart on screen has drawn its SVG (a chart in a closed tab draws when the tab opens).
CHARTS_DRAWN = """() => [...document.querySelectorAll('[data-testid="stVegaLiteChart"]')]
    .filter(chart => chart.offsetParent !== null).every(chart => chart.querySelector('svg'))"""


def drawn(page, timeout: int = 30_000) -> None:
    """Wait until the script run is over and the charts on screen are drawn.
    Twice, a moment apart: a click's rerun may not have begun when this is
    first asked, and a page may rerun once more as it settles."""
    for pause in (400, 250):
        page.wait_for_timeout(pause)
        page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=timeout)
        page.wait_for_function(CHARTS_DRAWN, timeout=timeout)


def settle(page) -> None:
    """Wait until the page's script run is over and the charts are drawn."""
    page.wait_for_selector("h1", timeout=30_000)
    drawn(page)


def check_page(page, path: str, name: str) -> None:
    settle(page)
    expect(page.locator("h1").first).to_have_text(PAGES[path])
    assert page.locator('[data-testid="stException"]').count() == 0
    charts = page.locator('[data-testid="stVegaLiteChart"]')
    expect(charts).to_have_count(CHARTS[path])
    for i in range(charts.count()):
        if charts.nth(i).is_visible():
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
    # The meeting page has its own choices, Begreber and Data no filters, and
    # Månedlig belastning every year (no period).
    if path not in ("dialogue_meeting", "glossary", "data_import"):
        expect(page.get_by_role("combobox", name="Forvaltning")).to_have_value("Borger & Arbejdsmarked")
        if path != "monthly_load":
            expect(page.get_by_role("combobox", name="Halvår")).to_have_value("2. halvår 2018")
        else:
            expect(page.get_by_role("combobox", name="Halvår")).to_have_count(0)
    else:
        expect(page.get_by_role("combobox", name="Forvaltning")).to_have_count(0 if path != "dialogue_meeting" else 1)


def test_every_page_through_the_sidebar(server, page):
    page.goto(server)
    settle(page)
    for path, title in PAGES.items():
        page.locator('.st-key-sidebar-nav').get_by_text(title, exact=True).click()
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
    """Open `path`, open the Hent menu of the table exported as `file_name`
    and click its CSV button; the download."""
    page.goto(f"{server}/{path}")
    settle(page)
    menu = page.locator(f".st-key-hent-{file_name.rsplit('.', 1)[0]} button")
    if menu.count():  # a table's menu; the meeting's material has buttons of its own
        menu.first.click()
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


def test_the_registrations_export_is_the_tables_rows_as_numbers(server, page, demo_db):
    # Registreringer's table is drawn from the query's Arrow result (ui.long_table); its file is the rows shown.
    from advisor import audit

    download = export(server, page, "registrations", "registreringer.csv")
    lines = Path(download.path()).read_bytes().decode("utf-8-sig").splitlines()
    assert lines[0] == "Løbenr.;Borger;Modtaget;Kanal;Forvaltning;Afdeling;Henvendelsestype;Emne;Første svar;Møde;Afsluttet;Sagsbehandlerskift (antal);Gene ved skift"
    assert len(lines) == 1 + 500
    number, _, rest = lines[1].split(";", 2)  # the newest; its pseudonym depends on the key
    assert (number, rest) == ("2019-0740", ("2019-12-31;Personligt fremmøde;Borger & Arbejdsmarked;Jobcenter – Jobafklaring;"
                                            "Sparring;Sagsbehandlerskift;;;;;"))
    assert '"tabel": "registreringer"' in audit.entries(demo_db).iloc[0]["details"]


def test_a_meeting_table_export_logs_the_meetings_choices(server, page, demo_db):
    from advisor import audit

    export(server, page, "dialogue_meeting", "dialogmoede-registrations.csv")
    details = audit.entries(demo_db).iloc[0]["details"]
    # The meeting's department and half-year, not the sidebar's filters (which this page does not use).
    assert '"tabel": "dialogmoede-registrations"' in details
    assert "Borger & Arbejdsmarked · 2. halvår 2019 · som organiseret i dag" in details


# What a leader reads: arrows, colours, month axes, dates and minus signs.

def metric_deltas(page) -> dict[str, tuple[str, str | None, str]]:
    """Each card's label: (the change as drawn, its arrow "Up"/"Down"/None,
    its colour "green"/"red"/"grey" from the computed style)."""
    return {row["label"]: (row["text"], row["arrow"], row["colour"]) for row in page.evaluate("""() =>
        [...document.querySelectorAll('[data-testid=stMetric]')].map(m => {
            const delta = m.querySelector('[data-testid=stMetricDelta]');
            const icon = delta && delta.querySelector('svg[data-testid^=stMetricDeltaIcon]');
            const [r, g, b] = delta ? getComputedStyle(delta).color.match(/\\d+/g).map(Number) : [0, 0, 0];
            const colour = g > r + 40 ? 'green' : r > g + 40 ? 'red' : 'grey';
            return {label: m.querySelector('[data-testid=stMetricLabel]').innerText.trim(),
                    text: delta ? delta.querySelector('[data-testid=stMarkdownContainer]').innerText.trim() : '',
                    arrow: icon ? icon.dataset.testid.replace('stMetricDeltaIcon-', '') : null, colour};
        })""")}


@pytest.mark.parametrize("year, expected", [
    # 2018 against 2017: the median answer fell 9 -> 7 days (less is better: green, down) and the
    # share answered within 10 working days rose from 419/573 to 558/657 (more is better: green, up).
    ("2018", {"Mediantid til første svar (dage)": ("-2,0 (-22,2 %)", "Down", "green"),
              "Besvarede inden 10 arbejdsdage": ("+11,8 pct.-point", "Up", "green")}),
    # 2019 against 2018: the median rose 7 -> 8 (red, up), the share fell to 575/729 (red, down).
    ("2019", {"Mediantid til første svar (dage)": ("+1,0 (+14,3 %)", "Up", "red"),
              "Besvarede inden 10 arbejdsdage": ("-6,1 pct.-point", "Down", "red")}),
])
def test_a_rise_and_a_fall_draw_the_right_arrow_and_colour(server, page, year, expected):
    page.goto(f"{server}/waiting_times?aar={year}")
    settle(page)
    drawn = metric_deltas(page)
    assert {label: drawn[label] for label in expected} == expected
    # A count that is neither better nor worse for rising is grey, whichever way it goes.
    assert drawn["Registreringer med møde"][2] == "grey"


def test_a_fall_in_a_count_points_down_on_the_overview(server, page):
    page.goto(f"{server}/?aar=2018")
    settle(page)
    drawn = metric_deltas(page)
    assert drawn["Borgere med flere henvendelser"] == ("-7,9 pct.-point", "Down", "green")
    assert drawn["Borgere med gener ved skift"] == ("-29 (-29,0 %)", "Down", "green")
    assert drawn["Registreringer"] == ("+84 (+14,7 %)", "Up", "grey")


MONTHS_DA = ["jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]


def month_axes(page) -> list[dict]:
    """For every chart with a time axis: the month labels drawn on it, the x
    of each label's tick, and the x of every data point drawn."""
    return page.evaluate("""() => [...document.querySelectorAll('[data-testid=stVegaLiteChart] svg')].flatMap(svg => {
        // The time axis: the one whose labels are months ("jan 2019"); axes carry no ARIA
        // labels (charts.CONFIG: the chart's Danish description speaks for it).
        const axis = [...svg.querySelectorAll('.role-axis')].find(a =>
            [...a.querySelectorAll('.role-axis-label text')].some(t => /^[a-zæø]{3} \\d{4}$/.test(t.textContent)));
        if (!axis) return [];
        const centre = e => { const r = e.getBoundingClientRect(); return r.left + r.width / 2; };
        return [{
            labels: [...axis.querySelectorAll('.role-axis-label text')].map(t => t.textContent),
            ticks: [...axis.querySelectorAll('.role-axis-tick line')].map(centre),
            points: [...svg.querySelectorAll('.mark-symbol.role-mark path')].map(centre),
        }];
    })""")


@pytest.mark.parametrize("zone", ["Europe/Copenhagen", "America/New_York"])
@pytest.mark.parametrize("path, query, first, last", [
    ("", "aar=2019", "jan 2019", "dec 2019"),
    ("", "periode=M%C3%A5ned&maaned=Februar+2019", "mar 2018", "feb 2019"),
    ("departments", "periode=Halv%C3%A5r&halvaar=2.+halv%C3%A5r+2018", "jan 2018", "dec 2018"),
    ("waiting_times", "periode=Kvartal&kvartal=3.+kvartal+2018", "okt 2017", "sep 2018"),
    ("caseworker_changes", "aar=2018", "jan 2018", "dec 2018"),
    ("", "periode=Datoer&datoer=2015-01-01&datoer=2019-12-31", "jan 2015", None),
])
def test_every_month_axis_shows_each_month_once_at_its_own_point(server, browser, path, query, first, last, zone):
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="da-DK", timezone_id=zone)
    page = context.new_page()
    try:
        page.goto(f"{server}/{path}?{query}")
        settle(page)
        # Vega draws after the script has run: wait for the time axis (a slow machine takes a while).
        page.wait_for_function("""() => [...document.querySelectorAll('[data-testid=stVegaLiteChart] svg .role-axis-label text')]
            .some(t => /^[a-zæø]{3} \\d{4}$/.test(t.textContent))""", timeout=30_000)
        page.wait_for_timeout(300)
        axes = month_axes(page)
        assert axes, "no time axis drawn"
        for axis in axes:
            labels = axis["labels"]
            months = [(int(label[-4:]), MONTHS_DA.index(label[:3])) for label in labels]
            assert len(set(labels)) == len(labels), labels                  # no month twice
            assert months == sorted(months), labels                         # in order
            assert labels[0] == first and (last is None or labels[-1] == last), labels
            steps = {(b[0] - a[0]) * 12 + b[1] - a[1] for a, b in zip(months, months[1:])}
            assert len(steps) <= 1, labels                                  # evenly spaced
            for x in axis["ticks"]:                                         # each label at its month's point
                assert min(abs(x - p) for p in axis["points"]) < 1.5, (labels, x)
    finally:
        context.close()


def test_tables_show_danish_dates_blanks_and_one_minus_sign(server, page):
    page.goto(f"{server}/registrations")
    settle(page)
    grid = page.locator('[data-testid="stDataFrame"]').first
    expect(grid.locator("th", has_text="Modtaget")).to_have_count(1, timeout=30_000)  # the grid draws after the run
    headers = [h.inner_text() for h in grid.locator("th").all()]
    cells = [[c.inner_text() for c in row.locator("td").all()] for row in grid.locator("tbody tr").all()[:20]]
    received = headers.index("Modtaget")
    assert all(re.fullmatch(r"\d\d\.\d\d\.\d{4}", row[received]) for row in cells), [r[received] for r in cells]
    text = " ".join(" ".join(row) for row in cells)
    assert "None" not in text and "00:00:00" not in text and "nan" not in text.lower().split()
    page.goto(f"{server}/monthly_load")
    settle(page)
    changes = " ".join(c.inner_text() for c in page.locator(".tal table").nth(2).locator("td").all())
    assert re.search(r"(^| )-\d", changes) and "−" not in changes


@pytest.mark.parametrize("path", ["monthly_load", "departments", "repeat_contacts"])
def test_column_headers_stand_over_their_numbers(server, page, path):
    page.goto(f"{server}/{path}")
    settle(page)
    misplaced = page.evaluate("""() => [...document.querySelectorAll('.tal table')].flatMap(table => {
        const heads = [...table.querySelectorAll('thead th')];
        const rows = [...table.querySelectorAll('tbody tr')];
        return heads.flatMap((th, i) => {
            const td = rows.map(r => r.children[i]).find(c => c && c.innerText.trim());  // the first with a number
            if (!td || !td.classList.contains('n')) return [];
            const inner = e => { const r = document.createRange(); r.selectNodeContents(e); return r.getBoundingClientRect(); };
            const gap = Math.abs(inner(th).right - inner(td).right);
            return gap > 2 || getComputedStyle(th).textAlign !== 'right' ? [th.innerText + ': ' + gap] : [];
        });
    })""")
    assert page.locator(".tal table").count() > 0
    assert misplaced == []


def test_nothing_is_cut_off_at_800_pixels(server, browser):
    context = browser.new_context(viewport={"width": 800, "height": 1000}, locale="da-DK")
    page = context.new_page()
    try:
        for path in ["", "waiting_times", "dialogue_meeting", "departments"]:
            page.goto(f"{server}/{path}")
            settle(page)
            # Text cut off with an ellipsis, or pushed out of its box.
            clipped = page.evaluate("""() => [...document.querySelectorAll('[data-testid=stMain] *')]
                .filter(e => e.offsetParent !== null && e.children.length === 0 && e.innerText
                    && e.scrollWidth > e.clientWidth + 1
                    && [e, e.parentElement].some(x => ['ellipsis', 'clip'].includes(getComputedStyle(x).textOverflow)
                                                        || getComputedStyle(x).overflow === 'hidden'))
                .map(e => e.innerText)""")
            assert clipped == [], (path, clipped)
            SHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=SHOTS / f"{path or 'overview'}-800.png", full_page=True)
    finally:
        context.close()


def test_the_overview_answers_at_its_own_name(server, page):
    page.goto(f"{server}/overview")
    settle(page)
    expect(page.locator("h1").first).to_have_text("Overblik")
    assert "Page not found" not in page.content()


@pytest.mark.parametrize("width, height", [(1920, 1080), (1366, 768)])
def test_screenshots_at_meeting_room_sizes(server, browser, width, height):
    """What a leader sees first on a projector, for a person to look at
    (test-output/screenshots/*-WIDTHxHEIGHT.png); the top of every page holds
    its title and no error."""
    context = browser.new_context(viewport={"width": width, "height": height}, locale="da-DK",
                                  timezone_id="Europe/Copenhagen")
    page = context.new_page()
    try:
        SHOTS.mkdir(parents=True, exist_ok=True)
        for path, title in PAGES.items():
            page.goto(f"{server}/{path}")
            settle(page)
            expect(page.locator("h1").first).to_have_text(title)
            expect(page.locator("h1").first).to_be_in_viewport()
            assert page.locator('[data-testid="stException"]').count() == 0
            page.screenshot(path=SHOTS / f"{path or 'overview'}-{width}x{height}.png")
    finally:
        context.close()
