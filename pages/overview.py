"""Overblik: the period's headline figures against the previous comparable period."""

import streamlit as st

from advisor import charts, filters, loader, periods, ui

ui.page("Overblik", filters.describe())
period = filters.period()

now = loader.load("key_figures", **filters.params()).iloc[0]
if filters.no_data(now.to_frame().T):
    st.stop()
previous = period.previous()
before = loader.load("key_figures", **filters.params(previous)).iloc[0]

st.subheader(f"Sammenlignet med {previous.label}")
ui.metrics(
    [
        ("Registreringer", now.registrations, before.registrations, 0, "off"),
        ("Borgere", now.citizens, before.citizens, 0, "off"),
        ("Nye borgere pr. måned", now.new_citizens_per_month, before.new_citizens_per_month, 1, "off"),
        ("Borgere med flere henvendelser", now.repeat_share, before.repeat_share, "share", "inverse"),
        ("Mediantid til første svar (dage)", now.median_days_to_answer, before.median_days_to_answer, 1, "inverse"),
        ("Borgere med gener ved skift", now.citizens_with_trouble, before.citizens_with_trouble, 0, "inverse"),
    ]
)

window = periods.trend_window(period)
st.subheader("Udvikling pr. måned")
trend = loader.load("monthly_registrations", **filters.params(window))
events = loader.load("events_in_period", **window.params())
ui.chart(charts.lines(trend, {"registrations": "Registreringer", "new_citizens": "Nye borgere"}, y_title="Antal", events=events))
ui.events(events)
