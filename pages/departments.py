"""Forvaltninger: registrations by department and unit, type and topic."""

import streamlit as st

from advisor import filters, loader, periods, ui

ui.page("Forvaltninger", filters.describe())

params = filters.params()
window = periods.trend_window(filters.period())
loader.prefetch(("by_unit", params), ("by_department", params), ("by_type", params), ("by_topic", params),
                ("department_trend", filters.params(window)), ("events_in_period", window.params()))
departments = loader.load("by_department", **params)
if filters.no_data(departments):
    st.stop()

st.header("Fordeling på forvaltninger")
first, every = ui.pair("fordeling")
# Disclosure control for leaders: which columns are counts, what follows
# them, and the same table for everything the leader may see (no subtracting
# two filter choices).
whole = filters.params(whole=True)
COUNTS = {"counts": ["registrations", "first_contacts"], "keys": ["department"],
          "together": [["first_contacts", "registrations"]],  # 1. gang is at most alle henvendelser
          "depends": {"registrations_share": ["registrations"], "first_contacts_share": ["first_contacts"]},
          "parent": lambda: loader.load("by_department", **whole)}
UNITS = COUNTS | {"keys": ["department", "unit"], "groups": ["department"], "parent": lambda: loader.load("by_unit", **whole)}
TYPES = {"counts": ["registrations"], "depends": {"share": ["registrations"]}, "keys": ["inquiry_type"],
         "parent": lambda: loader.load("by_type", **whole)}
TOPICS = TYPES | {"keys": ["topic"], "parent": lambda: loader.load("by_topic", **whole)}

first.markdown("**1. gang** – hver borgers første henvendelse blandt dem, periode og filtre vælger")
ui.bars(departments, "department", "first_contacts_share", category_title="", value_title="Andel af borgere",
        percent=True, by_department=True, protect=COUNTS, where=first)
every.markdown("**Alle henvendelser**")
ui.bars(departments, "department", "registrations_share", category_title="", value_title="Andel af registreringer",
        percent=True, by_department=True, protect=COUNTS, where=every)
ui.table(
    departments,
    {"department": "Forvaltning", "first_contacts": "1. gang", "first_contacts_share": "Andel 1. gang",
     "registrations": "Alle henvendelser", "registrations_share": "Andel alle"},
    "forvaltninger",
    {"first_contacts": 0, "first_contacts_share": "share", "registrations": 0, "registrations_share": "share"},
    protect=COUNTS,
)

st.caption("*1. gang* tæller hver borger én gang: under borgerens første henvendelse blandt de valgte – "
           "med en forvaltning eller afdeling valgt altså borgerens første henvendelse om den.")
st.header("Afdelinger")
ui.table(
    loader.load("by_unit", **params),
    {"department": "Forvaltning", "unit": "Afdeling", "first_contacts": "1. gang", "registrations": "Alle henvendelser",
     "registrations_share": "Andel alle"},
    "afdelinger",
    {"first_contacts": 0, "registrations": 0, "registrations_share": "share"},
    protect=UNITS,
)

types, topics = ui.pair("typer")
types.header("Henvendelsestype (alle henv.)")
by_type = loader.load("by_type", **params)
ui.bars(by_type, "inquiry_type", "registrations", category_title="", value_title="Registreringer",
        protect=TYPES, where=types)
topics.header("Emner (alle henv.)")
by_topic = loader.load("by_topic", **params)
ui.bars(by_topic.head(10), "topic", "registrations", category_title="", value_title="Registreringer",
        protect=TOPICS, where=topics)
ui.table(by_topic, {"topic": "Emne", "registrations": "Registreringer", "share": "Andel"}, "emner",
         {"registrations": 0, "share": "share"}, protect=TOPICS)

st.header("Udvikling pr. forvaltning")
trend = loader.load("department_trend", **filters.params(window))
events = loader.load("events_in_period", **window.params())
ui.lines(trend, {"registrations": "Registreringer"}, y_title="Registreringer", events=events, by_department=True,
         protect={"counts": ["registrations"], "groups": ["month_start", "department"], "keys": ["month_start", "department"],
                  "parent": lambda: loader.load("department_trend", **filters.params(window, whole=True))})
ui.events(events)
