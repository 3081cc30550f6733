"""Sagsbehandlerskift: what citizens tell of changes of caseworker."""

import streamlit as st

from advisor import charts, filters, fmt, loader, periods, ui

ui.page("Sagsbehandlerskift", filters.describe())

params = filters.params()
summary = loader.load("caseworker_summary", **params)
if filters.no_data(summary, "citizens"):
    st.stop()
s = summary.iloc[0]
c1, c2 = st.columns(2)
c1.metric("Borgere spurgt om skift", fmt.number(s.citizens_asked), border=True)
c2.metric("Borgere med gener ved skift", fmt.number(s.citizens_with_trouble), border=True)
c1, c2 = st.columns(2)
c1.metric("Andel af periodens borgere med gener", fmt.percent(s.trouble_share), border=True)
c2.metric("Henvendelser om sagsbehandlerskift", fmt.number(s.registrations_about_caseworker_change), border=True)
st.caption("Siden efteråret 2017 spørges hver borger, der kommer til en samtale, hvor mange gange "
           "sagsbehandleren er skiftet det seneste år.")

dist, by_unit = st.columns(2)
dist.subheader("Antal skift det seneste år")
changes = loader.load("caseworker_distribution", **params)
ui.chart(charts.bars(changes, "label", "citizens", category_title="Skift", value_title="Borgere"), dist)
by_unit.subheader("Gener ved skift pr. afdeling")
units = loader.load("caseworker_by_unit", **params)
ui.chart(charts.bars(units[units["citizens_with_trouble"] > 0], "unit", "citizens_with_trouble",
                     category_title="", value_title="Borgere med gener", by_department=True), by_unit)
ui.table(
    units,
    {"department": "Forvaltning", "unit": "Afdeling", "citizens": "Borgere", "citizens_asked": "Spurgt",
     "citizens_with_trouble": "Med gener"},
    "sagsbehandlerskift",
    {"citizens": 0, "citizens_asked": 0, "citizens_with_trouble": 0},
)

window = periods.trend_window(filters.period())
st.subheader("Udvikling pr. måned")
trend = loader.load("caseworker_trend", **filters.params(window))
events = loader.load("events_in_period", **window.params())
ui.chart(charts.lines(trend, {"citizens_asked": "Spurgt", "citizens_with_trouble": "Med gener"}, y_title="Borgere", events=events))
ui.events(events)
