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

pg = st.navigation({
    section: [st.Page(f"pages/{name}.py", title=title, icon=icon, default=name == "overview")
              for name, title, icon in pages if who.may_open(name)]
    for section, pages in PAGES.items()
})

if who.demo:
    st.info("**Uden login.** Appen kører som borgerrådgiver, fordi der ikke er sat login op "
            "(se README).", icon=":material/lock_open:")
status = loader.load("data_status").iloc[0]
if status["registrations"] == 0:
    st.info("Databasen har endnu ingen registreringer. Importér borgerrådgiverens log for at se tallene.",
            icon=":material/database:")
elif status["is_demo"]:
    st.warning(
        "**Demodata.** Tallene er syntetiske: de er kalibreret til borgerrådgiverens "
        "offentliggjorte tal for 2014–2018, men ingen række er en rigtig borger.",
        icon=":material/science:",
    )

if pg.url_path != "dialogue_meeting":  # the meeting page has its own choices
    filters.draw(st.sidebar)
if not who.demo:
    st.sidebar.caption(f"Logget ind som {who.user} ({who.role}"
                       + (f": {', '.join(who.departments)}" if who.departments else "") + ")")
    st.sidebar.button("Log ud", on_click=st.logout, icon=":material/logout:")

pg.run()
