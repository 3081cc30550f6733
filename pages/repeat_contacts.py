"""Gentagne henvendelser: citizens who come back, and for how long."""

import streamlit as st

from advisor import charts, filters, fmt, loader, ui

ui.page("Gentagne henvendelser", filters.describe())

params = filters.params()
now = loader.load("key_figures", **params)
if filters.no_data(now):
    st.stop()
k = now.iloc[0]
c1, c2, c3 = st.columns(3)
c1.metric("Borgere", fmt.number(k.citizens), border=True)
c2.metric("Med 2 eller flere henvendelser", fmt.number(k.repeat_citizens), border=True)
c3.metric("Andel med flere", fmt.percent(k.repeat_share), border=True)

per_citizen, length = st.columns(2)
per_citizen.subheader("Henvendelser pr. borger")
dist = loader.load("registrations_per_citizen", **params)
ui.chart(charts.bars(dist, "label", "citizens", category_title="Henvendelser", value_title="Borgere"), per_citizen)
length.subheader("Forløbets længde")
ui.chart(charts.bars(loader.load("course_length", **params), "course_length", "citizens", category_title="", value_title="Borgere"), length)

st.subheader("Pr. afdeling")
ui.table(
    loader.load("repeat_by_unit", **params),
    {"department": "Forvaltning", "unit": "Afdeling", "citizens": "Borgere", "repeat_citizens": "Med flere henvendelser",
     "repeat_share": "Andel"},
    "gentagne-pr-afdeling",
    {"citizens": 0, "repeat_citizens": 0, "repeat_share": "share"},
)

st.subheader("År for år")
ui.table(
    loader.load("repeat_by_year", **params),
    {"year": "År", "citizens": "Borgere", "repeat_citizens": "Med flere henvendelser", "repeat_share": "Andel"},
    "gentagne-pr-aar",
    {"citizens": 0, "repeat_citizens": 0, "repeat_share": "share"},
)
