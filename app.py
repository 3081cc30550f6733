"""Borgerrådgiverens dashboard: who may see what, navigation, the banners and
the filters all pages share."""

import json
from urllib.parse import urlparse

import streamlit as st

from advisor import access, audit, db, filters, loader

st.set_page_config(page_title="Borgerrådgiveren", page_icon=":material/forum:", layout="wide")

PAGES = {
    "Dashboards": [
        ("overview", "Overblik", ":material/dashboard:"),
        ("monthly_load", "Månedlig belastning", ":material/calendar_month:"),
        ("departments", "Forvaltninger", ":material/account_tree:"),
        ("waiting_times", "Ventetider", ":material/hourglass_top:"),
        ("repeat_contacts", "Gentagne henvendelser", ":material/repeat:"),
        ("caseworker_changes", "Sagsbehandlerskift", ":material/swap_horiz:"),
        ("dialogue_meeting", "Dialogmøde", ":material/groups:"),
    ],
    "Om tallene": [
        ("glossary", "Begreber", ":material/menu_book:"),
        ("registrations", "Registreringer", ":material/table_rows:"),
        ("annual_report", "Beretning", ":material/description:"),
        ("data_import", "Data", ":material/upload_file:"),
    ],
}


def only(page) -> None:
    """Run a single screen (login, refusal) and nothing else."""
    st.navigation([st.Page(page, title="Borgerrådgiveren", default=True)], position="hidden").run()
    st.stop()


try:  # on any doubt about the configuration, show no data
    cfg = access.config()
    secrets = access.read_secrets(st.secrets)
    problem = access.auth_problem(secrets, cfg)
except access.BrokenConfig as broken:
    problem = str(broken)
if problem:
    only(lambda: st.error(problem, icon=":material/lock:"))
database = db.default_path()


def once(action: str, who_: str, details: dict) -> None:
    """An audit entry, once per browser session and what it is about."""
    seen = st.session_state.setdefault("logged", set())
    if (mark := (action, json.dumps(details, sort_keys=True))) not in seen:
        audit.record(database, who_, action, details)
        seen.add(mark)


def log_out(session: str | None, user: str) -> None:
    """End the login on the server too: a copy of the cookie opens nothing afterwards."""
    if session:
        audit.revoke(database, session)
    audit.record(database, user, "logout", {})
    st.session_state.pop("logged", None)
    st.logout()


if access.login_configured(secrets):
    if not st.user.get("is_logged_in", False):
        only(lambda: (st.title("Borgerrådgiverens dashboard"),
                      st.button("Log ind", type="primary", icon=":material/login:", on_click=st.login)))
    user = st.user.to_dict()
    email = str(user.get("email") or user.get("sub") or "ukendt")
    session = access.session_id(user)
    if ended := access.session_problem(user, cfg, database):
        only(lambda: (st.title("Borgerrådgiverens dashboard"), st.info(ended, icon=":material/lock_clock:"),
                      st.button("Log ind", type="primary", icon=":material/login:", on_click=st.login)))
    who = access.resolve(user, cfg)
    if who is None:
        once("afvist login", email, {"grund": "ingen rolle i roles.toml"})
        only(lambda: (st.error(f"{email} har ikke adgang til dashboardet. Kontakt borgerrådgiveren.",
                               icon=":material/block:"),
                      st.button("Log ud", on_click=log_out, args=(session, email))))
    once("login", email, {"rolle": who.role, "session": (session or "")[:12]})
else:
    who = access.without_login(cfg)
st.session_state["access"] = who

sections = {
    section: [st.Page(f"pages/{name}.py", title=title, icon=icon, default=name == "overview",
                      **({"url_path": "start"} if name == "overview" else {}))
              for name, title, icon in pages if who.may_open(name)]
    for section, pages in PAGES.items()
}
# The default page lives at "/" (Streamlit keeps its own name for it, unused);
# its name opens it too, as a hidden page running the same script (a switch
# of page would have to clear the filters bound to the URL).
hidden = st.Page("pages/overview.py", title="Overblik", url_path="overview", visibility="hidden")
pg = st.navigation({**sections, "Dashboards": [*sections["Dashboards"], hidden]}, position="hidden")
# The registrations' query starts before the navigation and the filters are
# drawn: DuckDB runs it on a worker thread, without Python's lock, while they
# are drawn (5-7 ms of Python), and the page finds it done (loader.prefetch).
if pg.url_path == "registrations":
    loader.prefetch(("registrations", filters.params() | {"max_rows": filters.NEWEST}), arrow=True)
# The page links: our own, as Streamlit's sectioned navigation puts its
# sections' <div>s straight into a <ul> (WCAG 1.3.1: axe's list rules).
nav = st.sidebar.container(key="sidebar-nav")
for section, pages in sections.items():
    nav.markdown(f"**{section}**")
    for page in pages:
        nav.page_link(page, label=page.title, icon=page.icon)
# A page the role may not open is not in its navigation, and Streamlit shows
# the default page instead; the attempt is written to the audit log.
asked = urlparse(st.context.url or "").path.rstrip("/").rsplit("/", 1)[-1]
if asked in access.PAGES["rådgiver"] and not who.may_open(asked):
    once("afvist side", who.user or "uden login", {"side": asked})

# What the user must know about the app itself, in one compact line.
status = loader.load("data_status").iloc[0]
notes = []
if who.demo:
    notes.append(":material/lock_open: **Uden login**: kører som borgerrådgiver")
if status["registrations"] == 0:
    notes.append(":material/database: Databasen har endnu ingen registreringer: importér borgerrådgiverens log")
elif status["is_demo"]:
    notes.append(":material/science: **Demodata**: syntetiske tal, ingen rigtige borgere")
presenting = pg.url_path == "dialogue_meeting" and st.session_state.get("praesentation")
if notes and not presenting:  # the projector shows the meeting only
    st.markdown(" · ".join(notes), width="stretch",
                help="Uden login: der er ikke sat login op (se README). Demodata: tallene er kalibreret til "
                     "borgerrådgiverens offentliggjorte tal for 2014–2018, men ingen række er en rigtig borger.")
# One element (each costs a message a run) for the style and the script.
# Style: less empty space above the page's first line; a card's label and
# change wrap onto a second line instead of being cut off on a narrow screen.
# Script: the page is Danish (Streamlit writes <html lang="en">), so screen
# readers read it so (WCAG 3.1.1); and the upload box's English words get
# Danish ones (3.1.2), each time Streamlit draws it.
st.html("<style>[data-testid='stMainBlockContainer']{padding-top:4rem}"
        # Captions dark enough to read (4,5:1 or more); Streamlit's own grey is 3,88:1.
        "[data-testid='stCaptionContainer'],[data-testid='stCaptionContainer'] p{color:#575757 !important;opacity:1 !important}"
        "[data-testid='stMain'] h2{font-size:1.75rem}"
        # Where the keyboard is must be seen (WCAG 2.4.7): a ring on every link, button, tab and table box.
        ":is(a,button,summary,[role='tab'],[tabindex='0']):focus-visible"
        "{outline:3px solid #1d4f91 !important;outline-offset:2px}"
        ".st-key-sidebar-nav [data-testid='stMarkdownContainer'] p{margin:.7rem 0 .3rem;color:#474747;font-size:.9rem}"
        ".st-key-sidebar-nav{gap:0 !important}.st-key-sidebar-nav [data-testid='stPageLink'] a{padding:.1rem .5rem}"
        "[data-testid='stMetricLabel'] *, [data-testid='stMetricDelta'] *"
        "{white-space:normal !important; overflow:visible !important; text-overflow:clip !important}"
        "[class*='st-key-pair-'] [data-testid='stHorizontalBlock']{flex-wrap:wrap}"
        "[class*='st-key-pair-'] [data-testid='stColumn']{min-width:360px}"
        "[class*='st-key-pair-moede-'] [data-testid='stColumn']{min-width:540px}"
        # Tables (ui.grid): numbers and their headers on the right, totals bold.
        ".tal{overflow-x:auto;margin-bottom:.5rem}.tal table{border-collapse:collapse;width:100%;font-size:1rem}"
        ".tal th,.tal td{padding:.3rem .75rem;border-bottom:1px solid #e2e4e8;text-align:left;vertical-align:top}"
        ".tal thead th{background:#f4f5f7;font-weight:600;border-bottom:2px solid #c9ccd3}"
        ".tal .n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}.tal th.n{white-space:normal}"
        ".tal tr.sum td{font-weight:700;background:#eef1f6}</style>"
        + """<script>
document.documentElement.lang = 'da';
if (!window.advisorDanish) {
  window.advisorDanish = true;
  const words = [['Drag and drop file here', 'Træk en fil hertil'], ['Browse files', 'Vælg fil'],
                 ['Limit 200MB per file', 'Højst 200 MB pr. fil'], ['200MB per file', 'Højst 200 MB pr. fil'],
                 ['Upload', 'Vælg fil']];
  const danish = () => {
    document.querySelectorAll('[data-testid="stFileUploader"] *').forEach((e) => {
      e.childNodes.forEach((n) => {
        if (n.nodeType !== 3) return;
        for (const [en, da] of words) if (n.nodeValue.includes(en)) n.nodeValue = n.nodeValue.replace(en, da);
      });
    });
    document.documentElement.lang = 'da';
  };
  new MutationObserver(danish).observe(document.body, {childList: true, subtree: true});
  danish();
}
</script>""", unsafe_allow_javascript=True)

# The shared filters, where they apply: the meeting page has its own choices,
# Begreber and Data none, and Månedlig belastning shows every year. A filter
# not drawn on a page keeps its value for the next page.
filters.keep()
if pg.url_path not in ("dialogue_meeting", "glossary", "data_import"):
    filters.draw(st.sidebar, with_period=pg.url_path != "monthly_load")
if not who.demo:
    st.sidebar.caption(f"Logget ind som {who.user} ({who.role}"
                       + (f": {', '.join(who.departments)}" if who.departments else "") + ")")
    st.sidebar.button("Log ud", on_click=log_out, args=(session, who.user), icon=":material/logout:")

pg.run()
