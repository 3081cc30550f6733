"""Månedlig belastning: registrations per month, as in the annual reports."""

import streamlit as st

from advisor import charts, loader, tables, ui

ui.run_through_app()
st.title("Månedlig belastning")

monthly = loader.load("monthly_registrations")
if monthly.empty:
    st.info("Databasen har endnu ingen registreringer. Importér borgerrådgiverens log for at se tallene.")
    st.stop()
yearly = loader.load("yearly_registrations")

st.subheader("Registreringer pr. måned")
table = tables.year_by_month(monthly, yearly)
st.dataframe(
    tables.emphasise_totals(table),
    hide_index=True,
    height="content",
    column_config={c: st.column_config.TextColumn(c, alignment="right") for c in table.columns[1:]},
)
st.caption("Gennemsnit: pr. måned, hvor kontoret har været åbent (2014: maj–december, 8 måneder).")

st.subheader("Udvikling år for år")
ui.chart(charts.monthly_lines(monthly))
