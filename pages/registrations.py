"""Registreringer: the pseudonymised registrations behind the figures (the adviser only)."""

import streamlit as st

from advisor import filters, fmt, importer, loader, ui

ui.page("Registreringer", filters.describe())
rows = loader.load("registrations", **filters.params(), max_rows=5000)
if filters.no_data(rows.assign(registrations=1)):
    st.stop()
st.caption(f"{fmt.number(rows['matching'].iloc[0])} registreringer passer til filtrene"
           + (" – de 5.000 nyeste vises." if rows["matching"].iloc[0] > 5000 else ".")
           + " Borgere står som pseudonymer; kun borgerrådgiveren ser denne side.")
labels = {column: label for label, column in importer.COLUMNS.items()}
ui.table(rows, labels, "registreringer", {"caseworker_changes": 0})
