"""Overblik: the period's headline figures against the previous comparable period."""

import streamlit as st

from advisor import filters, loader, periods, ui

ui.page("Overblik", filters.describe())
period = filters.period()
previous = period.previous()
window = periods.trend_window(period)
params, before_params, in_window = filters.params(), filters.params(previous), filters.params(window)
loader.prefetch(("key_figures", params), ("key_figures", before_params), ("monthly_registrations", in_window),
                ("events_in_period", window.params()))

now = loader.load("key_figures", **params).iloc[0]
if filters.no_data(now.to_frame().T):
    st.stop()
before = loader.load("key_figures", **before_params).iloc[0]
# Disclosure control: the same figures for everything the user may see (leaders and the secretariat).
whole = [loader.load("key_figures", **filters.params(p, whole=True)).iloc[0] if filters.who().protected else None
         for p in (period, previous)]
over_citizens = {"basis": (now.citizens, before.citizens)}
repeat = over_citizens | {"part": (now.repeat_citizens, before.repeat_citizens)}

st.header(f"Sammenlignet med {previous.label}" if period.complete else period.compared_with(previous))
ui.metrics(
    [
        ("Registreringer", now.registrations, before.registrations, 0, "off", ui.counted("registrations", *whole)),
        ("Borgere", now.citizens, before.citizens, 0, "off", ui.counted("citizens", *whole)),
        ("Nye borgere pr. måned", now.new_citizens_per_month, before.new_citizens_per_month, 1, "off", over_citizens),
        ("Borgere med flere henvendelser", now.repeat_share, before.repeat_share, "share", "inverse", repeat),
        ("Mediantid til første svar (dage)", now.median_days_to_answer, before.median_days_to_answer, 1, "inverse", over_citizens),
        ("Borgere med gener ved skift", now.citizens_with_trouble, before.citizens_with_trouble, 0, "inverse",
         ui.counted("citizens_with_trouble", *whole)),
    ],
    compared=f"mod {previous.label}",
)

st.header("Udvikling pr. måned")
trend = loader.load("monthly_registrations", **in_window)
events = loader.load("events_in_period", **window.params())
ui.lines(trend, {"registrations": "Registreringer", "new_citizens": "Nye borgere"}, y_title="Antal", events=events,
         protect={"counts": ["registrations", "new_citizens"], "keys": ["month_start"],
                  "parent": lambda: loader.load("monthly_registrations", **filters.params(window, whole=True))})
ui.events(events)
