"""Sagsbehandlerskift: what citizens tell of changes of caseworker."""

import streamlit as st

from advisor import filters, loader, periods, ui

ui.page("Sagsbehandlerskift", filters.describe())

params = filters.params()
window = periods.trend_window(filters.period())
loader.prefetch(("caseworker_summary", params), ("caseworker_distribution", params), ("caseworker_by_unit", params),
                ("caseworker_trend", filters.params(window)), ("events_in_period", window.params()))
summary = loader.load("caseworker_summary", **params)
if filters.no_data(summary, "citizens"):
    st.stop()
s = summary.iloc[0]
whole = loader.load("caseworker_summary", **filters.params(whole=True)).iloc[0] if filters.who().protected else None
ui.metrics([
    ("Borgere spurgt om skift", s.citizens_asked, None, 0, "off", ui.counted("citizens_asked", whole)),
    ("Borgere med gener ved skift", s.citizens_with_trouble, None, 0, "off", ui.counted("citizens_with_trouble", whole)),
    ("Andel af periodens borgere med gener", s.trouble_share, None, "share", "off",
     {"basis": (s.citizens, None), "part": (s.citizens_with_trouble, None)}),
    ("Henvendelser om sagsbehandlerskift", s.registrations_about_caseworker_change, None, 0, "off",
     ui.counted("registrations_about_caseworker_change", whole)),
], per_row=2)
UNITS = {"counts": ["citizens", "citizens_asked", "citizens_with_trouble"], "groups": ["department"],
         "together": [["citizens", "citizens_asked", "citizens_with_trouble"]],  # asked and trouble are parts of citizens
         "keys": ["department", "unit"], "parent": lambda: loader.load("caseworker_by_unit", **filters.params(whole=True))}
st.caption("Siden efteråret 2017 spørges hver borger, der kommer til en samtale, hvor mange gange "
           "sagsbehandleren er skiftet det seneste år.")

dist, by_unit = ui.pair("skift")
dist.header("Antal skift det seneste år")
changes = loader.load("caseworker_distribution", **params)
ui.bars(changes, "label", "citizens", category_title="Skift", value_title="Borgere", where=dist,
        protect={"counts": ["citizens"], "keys": ["label"],
                 "parent": lambda: loader.load("caseworker_distribution", **filters.params(whole=True))})
by_unit.header("Gener ved skift pr. afdeling")
units = loader.load("caseworker_by_unit", **params)
ui.bars(units[units["citizens_with_trouble"] > 0], "unit", "citizens_with_trouble", category_title="",
        value_title="Borgere med gener", by_department=True, protect=UNITS, where=by_unit)
ui.table(
    units,
    {"department": "Forvaltning", "unit": "Afdeling", "citizens": "Borgere", "citizens_asked": "Spurgt",
     "citizens_with_trouble": "Med gener"},
    "sagsbehandlerskift",
    {"citizens": 0, "citizens_asked": 0, "citizens_with_trouble": 0},
    protect=UNITS,
)
st.caption("*Med gener* kan være større end *Spurgt*: en borger kan fortælle om gener ved et skift uden at være "
           "blevet spurgt om antallet af skift.")

st.header("Udvikling pr. måned")
trend = loader.load("caseworker_trend", **filters.params(window))
events = loader.load("events_in_period", **window.params())
ui.lines(trend, {"citizens_asked": "Spurgt", "citizens_with_trouble": "Med gener"}, y_title="Borgere", events=events,
         protect={"counts": ["citizens_asked", "citizens_with_trouble"], "keys": ["month_start"],
                  "parent": lambda: loader.load("caseworker_trend", **filters.params(window, whole=True))})
ui.events(events)
