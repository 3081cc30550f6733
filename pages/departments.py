"""Forvaltninger: registrations by department and unit, type and topic."""

import streamlit as st

from advisor import charts, filters, loader, periods, ui

ui.page("Forvaltninger", filters.describe())

params = filters.params()
departments = loader.load("by_department", **params)
if filters.no_data(departments):
    st.stop()

st.subheader("Fordeling på forvaltninger")
first, every = st.columns(2)
first.markdown("**1. gang** – hver borgers første henvendelse i perioden")
ui.chart(charts.bars(departments, "department", "first_contacts_share", category_title="", value_title="Andel af borgere",
                     percent=True, by_department=True), first)
every.markdown("**Alle henvendelser**")
ui.chart(charts.bars(departments, "department", "registrations_share", category_title="", value_title="Andel af registreringer",
                     percent=True, by_department=True), every)
ui.table(
    departments,
    {"department": "Forvaltning", "first_contacts": "1. gang", "first_contacts_share": "Andel 1. gang",
     "registrations": "Alle henvendelser", "registrations_share": "Andel alle"},
    "forvaltninger",
    {"first_contacts": 0, "first_contacts_share": "share", "registrations": 0, "registrations_share": "share"},
)

st.subheader("Afdelinger")
ui.table(
    loader.load("by_unit", **params),
    {"department": "Forvaltning", "unit": "Afdeling", "first_contacts": "1. gang", "registrations": "Alle henvendelser",
     "registrations_share": "Andel alle"},
    "afdelinger",
    {"first_contacts": 0, "registrations": 0, "registrations_share": "share"},
)

types, topics = st.columns(2)
types.subheader("Henvendelsestype (alle henv.)")
by_type = loader.load("by_type", **params)
ui.chart(charts.bars(by_type, "inquiry_type", "registrations", category_title="", value_title="Registreringer"), types)
topics.subheader("Emner (alle henv.)")
by_topic = loader.load("by_topic", **params)
ui.chart(charts.bars(by_topic.head(10), "topic", "registrations", category_title="", value_title="Registreringer"), topics)
ui.table(by_topic, {"topic": "Emne", "registrations": "Registreringer", "share": "Andel"}, "emner", {"registrations": 0, "share": "share"})

window = periods.trend_window(filters.period())
st.subheader("Udvikling pr. forvaltning")
trend = loader.load("department_trend", **filters.params(window))
events = loader.load("events_in_period", **window.params())
ui.chart(charts.lines(trend, {"registrations": "Registreringer"}, y_title="Registreringer", events=events, by_department=True))
ui.events(events)
