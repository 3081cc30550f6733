"""Ventetider: days from receipt to the first answer and to a meeting."""

import streamlit as st

from advisor import charts, filters, fmt, loader, periods, ui

ui.page("Ventetider", filters.describe())

target = st.number_input(
    "Mål for første svar (arbejdsdage)", min_value=1, max_value=60, value=10, step=1,
    key="maal", persist_state="session",
    help="Arbejdsdage er mandag–fredag undtagen helligdage.",
)
params = filters.params() | {"target_days": target}
summary = loader.load("waiting_summary", **params)
if filters.no_data(summary):
    st.stop()
s = summary.iloc[0]

c1, c2, c3 = st.columns(3)
c1.metric("Mediantid til første svar", f"{fmt.number(s.median_days_to_answer, 1)} dage", border=True)
c2.metric("90 % har fået svar inden", f"{fmt.number(s.p90_days_to_answer)} dage", border=True)
c3.metric(f"Besvaret inden for {target} arbejdsdage", fmt.percent(s.answered_within_target_share) or "–", border=True)
c1, c2, c3 = st.columns(3)
c1.metric("Møder", fmt.number(s.meetings), border=True)
c2.metric("Mediantid til møde", f"{fmt.number(s.median_days_to_meeting, 1)} dage" if s.meetings else "–", border=True)
c3.metric("90 % har fået møde inden", f"{fmt.number(s.p90_days_to_meeting)} dage" if s.meetings else "–", border=True)

window = periods.trend_window(filters.period())
st.subheader("Udvikling pr. måned")
trend = loader.load("waiting_trend", **filters.params(window) | {"target_days": target})
events = loader.load("events_in_period", **window.params())
ui.chart(charts.lines(
    trend,
    {"median_days_to_answer": "Median, svar", "p90_days_to_answer": "90 %, svar", "median_days_to_meeting": "Median, møde"},
    y_title="Dage", events=events, number=",.0f",
))
ui.events(events)

st.subheader("Pr. afdeling")
st.caption("Ventetider i kalenderdage; målet i arbejdsdage.")
ui.table(
    loader.load("waiting_by_unit", **params),
    {"department": "Forvaltning", "unit": "Afdeling", "median_days_to_answer": "Median, svar",
     "p90_days_to_answer": "90 %, svar", "answered_within_target_share": f"≤ {target} arb.dage",
     "median_days_to_meeting": "Median, møde"},
    "ventetider",
    {"median_days_to_answer": 1, "p90_days_to_answer": 0, "answered_within_target_share": "share", "median_days_to_meeting": 1},
)

st.subheader("Åbne registreringer ved månedens udgang")
open_cases = loader.load("open_at_month_end", **filters.params(window))
ui.chart(charts.lines(open_cases, {"open_at_month_end": "Åbne"}, y_title="Åbne registreringer"))
