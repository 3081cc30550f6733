"""Registreringer: the pseudonymised registrations behind the figures (the adviser only)."""

import streamlit as st

from advisor import filters, fmt, importer, loader, ui

ui.page("Registreringer", filters.describe())
# The newest 500: enough to look things up in, and ~120 KB to the browser
# (1.000 rows were ~230 KB a rerun); narrow the filters to see others.
SHOWN = 500
rows = loader.load("registrations", **filters.params(), max_rows=SHOWN)
if filters.no_data(rows.assign(registrations=1)):
    st.stop()
st.caption(f"{fmt.number(rows['matching'].iloc[0])} registreringer passer til filtrene"
           + (f" – de {fmt.number(SHOWN)} nyeste vises." if rows["matching"].iloc[0] > SHOWN else ".")
           + " Borgere står som pseudonymer; kun borgerrådgiveren ser denne side.")
labels = {column: label for label, column in importer.COLUMNS.items()}
dates = {c: "date" for c in ("received_on", "first_answer_on", "meeting_on", "closed_on")}
texts = {c: "text" for c in ("channel", "department", "unit", "inquiry_type", "topic")}
ui.table(rows, labels, "registreringer", dates | texts | {"caseworker_changes": 0, "caseworker_change_trouble": "yes/no"})
