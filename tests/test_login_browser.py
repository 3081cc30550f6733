"""Logging in for real: Streamlit's st.login against an OpenID Connect
provider process on localhost (oidc-provider-mock), driven in Debian's
chromium. Each role lands on its pages, a forbidden URL is refused, logout works."""

import json
import os
import subprocess
import sys
import time
import urllib.request

import pytest

from test_browser import CHROMIUM, ROOT, SHOTS, free_port, settle

from playwright.sync_api import expect, sync_playwright  # noqa: E402

USERS = {
    "janne.andersen@esbjerg.dk": ["Overblik", "Månedlig belastning", "Forvaltninger", "Ventetider", "Gentagne henvendelser",
                                  "Sagsbehandlerskift", "Dialogmøde", "Begreber", "Registreringer", "Beretning", "Data"],
    "leder.ba@esbjerg.dk": ["Overblik", "Månedlig belastning", "Forvaltninger", "Ventetider", "Gentagne henvendelser",
                            "Sagsbehandlerskift", "Dialogmøde", "Begreber"],
    "sekretariat@esbjerg.dk": ["Overblik", "Månedlig belastning", "Begreber"],
}


def wait_for(url: str, proc: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except OSError:
            if proc.poll() is not None:
                raise RuntimeError(proc.stdout.read().decode()[-2000:])
            time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer")


@pytest.fixture(scope="module")
def servers(demo_db, tmp_path_factory):
    provider_port, app_port = free_port(), free_port()
    claims = [json.dumps({"sub": email, "email": email, "name": email.split("@")[0]}) for email in [*USERS, "ukendt@example.com"]]
    provider = subprocess.Popen(
        [sys.executable, "-m", "oidc_provider_mock", "--port", str(provider_port),
         *[arg for c in claims for arg in ("--user-claims", c)]],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )
    secrets = tmp_path_factory.mktemp("auth") / "secrets.toml"
    secrets.write_text(
        "[auth]\n"
        f'redirect_uri = "http://localhost:{app_port}/oauth2callback"\n'
        'cookie_secret = "a-long-random-cookie-secret-for-the-test"\n'
        'client_id = "borgerraadgiver-dashboard"\n'
        'client_secret = "test-secret"\n'
        f'server_metadata_url = "http://localhost:{provider_port}/.well-known/openid-configuration"\n'
    )
    app = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.port", str(app_port),
         "--server.headless", "true", "--secrets.files", str(secrets)],
        cwd=ROOT, env={**os.environ, "ADVISOR_DB": str(demo_db)}, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )
    try:
        wait_for(f"http://localhost:{provider_port}/.well-known/openid-configuration", provider)
        wait_for(f"http://localhost:{app_port}/_stcore/health", app)
        yield f"http://localhost:{app_port}"
    finally:
        for proc in (app, provider):
            proc.terminate()
            proc.wait(timeout=20)


@pytest.fixture
def page():
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        )
        yield browser.new_context(viewport={"width": 1400, "height": 1200}).new_page()
        browser.close()


def log_in(page, server: str, email: str) -> None:
    page.goto(server)
    page.get_by_role("button", name="Log ind").click()
    page.locator('input[name="sub"]').fill(email)
    page.get_by_role("button", name="Authorize").click()
    page.wait_for_url(f"{server}/**")
    page.wait_for_selector('[data-testid="stAlert"], h1', timeout=30_000)
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=30_000)


@pytest.mark.parametrize("email", list(USERS))
def test_each_role_logs_in_and_lands_on_its_pages(servers, page, email):
    page.goto(servers)
    page.wait_for_selector("text=Log ind")
    assert page.locator('.st-key-sidebar-nav').count() == 0  # nothing before login
    log_in(page, servers, email)
    settle(page)
    expect(page.locator("h1").first).to_have_text("Overblik")
    nav = page.locator('.st-key-sidebar-nav a')
    assert [t.strip().splitlines()[-1] for t in nav.all_inner_texts()] == USERS[email]  # after the icon
    expect(page.get_by_text(f"Logget ind som {email}")).to_be_visible()
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / f"login-{email.split('@')[0]}.png")


def test_a_forbidden_url_is_refused_and_logout_works(servers, page, demo_db):
    from advisor import audit

    log_in(page, servers, "sekretariat@esbjerg.dk")
    page.goto(f"{servers}/data_import")
    settle(page)
    expect(page.get_by_text("Page not found")).to_be_visible()
    expect(page.locator("h1").first).to_have_text("Overblik")  # the app's main page instead
    assert page.locator("h1", has_text="Data").count() == 0
    log = audit.entries(demo_db)
    assert any(a == "afvist side" and '"side": "data_import"' in d and w == "sekretariat@esbjerg.dk"
               for a, d, w in zip(log["action"], log["details"], log["who"]))
    page.keyboard.press("Escape")  # close the notice
    page.locator('[data-testid="stSidebar"]').get_by_role("button", name="Log ud").click()
    page.get_by_role("button", name="End session").click()  # the provider asks to end its session too
    page.wait_for_selector("text=Log ind", timeout=30_000)
    page.goto(f"{servers}/departments")
    page.wait_for_selector("text=Log ind")
    assert page.locator('[data-testid="stMetric"]').count() == 0


def test_a_user_without_a_role_is_refused(servers, page):
    log_in(page, servers, "ukendt@example.com")
    expect(page.get_by_text("ukendt@example.com har ikke adgang til dashboardet")).to_be_visible()
    assert page.locator('[data-testid="stMetric"]').count() == 0


def test_a_leader_sees_small_numbers_hidden(servers, page):
    log_in(page, servers, "leder.ba@esbjerg.dk")
    page.goto(f"{servers}/departments?aar=2018&type=Klage")
    settle(page)
    assert page.get_by_text("·", exact=True).count() > 0  # table cells are drawn on a canvas; their text is in the grid
    expect(page.get_by_text("· = skjult af hensyn til borgernes anonymitet", exact=False).first).to_be_visible()
    height = page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    page.set_viewport_size({"width": 1400, "height": min(height + 100, 6000)})
    page.wait_for_timeout(500)
    page.screenshot(path=SHOTS / "leader-departments-complaints.png", full_page=True)


def test_a_stolen_cookie_dies_at_logout(servers, page):
    """The attack: copy the login cookie, let the leader log out, open the app
    with the copy in another browser. Streamlit's cookie is signed but
    stateless; the app keeps the ended logins on the server."""
    log_in(page, servers, "leder.ba@esbjerg.dk")
    settle(page)
    assert page.locator('[data-testid="stMetric"]').count() > 0
    stolen = page.context.cookies()
    assert any(c["name"].startswith("_streamlit_user") for c in stolen), [c["name"] for c in stolen]
    page.locator('[data-testid="stSidebar"]').get_by_role("button", name="Log ud").click()
    page.get_by_role("button", name="End session").click()
    page.wait_for_selector("text=Log ind", timeout=30_000)
    thief = page.context.browser.new_context(viewport={"width": 1400, "height": 1000})
    try:
        thief.add_cookies(stolen)
        other = thief.new_page()
        other.goto(f"{servers}/departments")
        other.wait_for_selector("text=Log ind", timeout=30_000)
        expect(other.get_by_text("Du er logget ud. Log ind igen.")).to_be_visible()
        assert other.locator('[data-testid="stMetric"]').count() == 0
        assert other.locator('[data-testid="stDataFrame"], .tal table').count() == 0
    finally:
        thief.close()


def test_every_page_and_slide_of_a_leader_passes_axe(servers, page):
    from test_accessibility import slides, violations

    log_in(page, servers, "leder.ba@esbjerg.dk")
    settle(page)
    found = {}
    for path in ["", "monthly_load", "departments", "waiting_times", "repeat_contacts", "caseworker_changes",
                 "dialogue_meeting", "glossary"]:
        page.set_viewport_size({"width": 1400, "height": 1000})
        page.goto(f"{servers}/{path}")
        settle(page)
        page.wait_for_timeout(800)
        if problems := violations(page):
            found[path or "overview"] = problems
    # The slides a leader follows in the meeting, at projector size.
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(f"{servers}/dialogue_meeting?moede_halvaar=1.+halv%C3%A5r+2019")
    settle(page)
    titles = []
    for title in slides(page):
        titles.append(title)
        if problems := violations(page, tall=False):
            found[f"dias {title}"] = problems
    assert titles[0] == "Opfølgning på aftaler" and len(titles) == 9
    assert found == {}
