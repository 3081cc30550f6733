"""Borgerrådgiverens dashboard: who may see what, navigation, the banners and
the filters all pages share."""

import streamlit as st

from advisor import access, filters, loader

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
        ("data_import", "Data", ":material/upload_file:"),
    ],
}


def only(page) -> None:
    """Run a single screen (login, refusal) and nothing else."""
    st.navigation([st.Page(page, title="Borgerrådgiveren", default=True)], position="hidden").run()
    st.stop()


cfg = access.config()
secrets = access.read_secrets(st.secrets)
if problem := access.auth_problem(secrets, cfg):
    only(lambda: st.error(problem, icon=":material/lock:"))
if access.login_configured(secrets):
    if not st.user.get("is_logged_in", False):
        only(lambda: (st.title("Borgerrådgiverens dashboard"),
                      st.button("Log ind", type="primary", icon=":material/login:", on_click=st.login)))
    who = access.resolve(st.user.to_dict(), cfg)
    if who is None:
        only(lambda: (st.error(f"{st.user.get('email') or 'Du'} har ikke adgang til dashboardet. "
                               "Kontakt borgerrådgiveren.", icon=":material/block:"),
                      st.button("Log ud", on_click=st.logout)))
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
sections["Dashboards"].append(st.Page("pages/overview.py", title="Overblik", url_path="overview", visibility="hidden"))
pg = st.navigation(sections)

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
# Less empty space above the page's first line; a card's label and change
# wrap onto a second line instead of being cut off on a narrow screen.
st.html("<style>[data-testid='stMainBlockContainer']{padding-top:4rem}"
        "[data-testid='stMetricLabel'] *, [data-testid='stMetricDelta'] *"
        "{white-space:normal !important; overflow:visible !important; text-overflow:clip !important}"
        "[class*='st-key-pair-'] [data-testid='stHorizontalBlock']{flex-wrap:wrap}"
        "[class*='st-key-pair-'] [data-testid='stColumn']{min-width:360px}</style>")

# The shared filters, where they apply: the meeting page has its own choices,
# Begreber and Data none, and Månedlig belastning shows every year. A filter
# not drawn on a page keeps its value for the next page.
filters.keep()
if pg.url_path not in ("dialogue_meeting", "glossary", "data_import"):
    filters.draw(st.sidebar, with_period=pg.url_path != "monthly_load")
if not who.demo:
    st.sidebar.caption(f"Logget ind som {who.user} ({who.role}"
                       + (f": {', '.join(who.departments)}" if who.departments else "") + ")")
    st.sidebar.button("Log ud", on_click=st.logout, icon=":material/logout:")

pg.run()
