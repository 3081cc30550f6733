"""Registreringer: the pseudonymised registrations behind the figures (the adviser only)."""

import pandas as pd
import streamlit as st

from advisor import filters, fmt, importer, loader, ui

ui.page("Registreringer", filters.describe())
SHOWN = filters.NEWEST
# Started by app.py before the sidebar was drawn; an Arrow table, drawn as it is (no DataFrame).
rows = loader.load_arrow("registrations", **filters.params(), max_rows=SHOWN)
matching = rows["matching"][0].as_py() if rows.num_rows else 0
if filters.no_data(pd.DataFrame({"registrations": [matching]})):
    st.stop()
st.caption(f"{fmt.number(matching)} registreringer passer til filtrene"
           + (f" – de {fmt.number(SHOWN)} nyeste vises." if matching > SHOWN else ".")
           + " Borgere står som pseudonymer; kun borgerrådgiveren ser denne side.")
labels = {column: label for label, column in importer.COLUMNS.items()}
dates = {c: "date" for c in ("received_on", "first_answer_on", "meeting_on", "closed_on")}
texts = {c: "text" for c in ("channel", "department", "unit", "inquiry_type", "topic")}
ui.long_table(rows, labels, "registreringer", dates | texts | {"caseworker_changes": 0, "caseworker_change_trouble": "yes/no"})
