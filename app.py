"""Borgerrådgiverens dashboard: navigation, the demo banner and the filters all pages share."""

import streamlit as st

from advisor import filters, loader

st.set_page_config(page_title="Borgerrådgiveren", page_icon=":material/forum:", layout="wide")

pg = st.navigation(
    {
        "Dashboards": [
            st.Page("pages/overview.py", title="Overblik", icon=":material/dashboard:", default=True),
            st.Page("pages/monthly_load.py", title="Månedlig belastning", icon=":material/calendar_month:"),
            st.Page("pages/departments.py", title="Forvaltninger", icon=":material/account_tree:"),
            st.Page("pages/waiting_times.py", title="Ventetider", icon=":material/hourglass_top:"),
            st.Page("pages/repeat_contacts.py", title="Gentagne henvendelser", icon=":material/repeat:"),
            st.Page("pages/caseworker_changes.py", title="Sagsbehandlerskift", icon=":material/swap_horiz:"),
        ],
        "Om tallene": [
            st.Page("pages/glossary.py", title="Begreber", icon=":material/menu_book:"),
            st.Page("pages/data_import.py", title="Data", icon=":material/upload_file:"),
        ],
    }
)

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

filters.draw(st.sidebar)

pg.run()
