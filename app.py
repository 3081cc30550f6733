"""Borgerrådgiverens dashboard: navigation and the filters all pages share."""

import streamlit as st

from advisor import loader

st.set_page_config(page_title="Borgerrådgiveren", page_icon="📊", layout="wide")

pages = [
    st.Page("pages/monthly_load.py", title="Månedlig belastning", icon="📅", default=True),
]
pg = st.navigation(pages)

status = loader.load("data_status").iloc[0]
if status["is_demo"]:
    st.warning(
        "**Demodata.** Tallene er syntetiske: de er kalibreret til borgerrådgiverens "
        "offentliggjorte tal for 2014–2018, men ingen række er en rigtig borger.",
        icon="⚠️",
    )

pg.run()
