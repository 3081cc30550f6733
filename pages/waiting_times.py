"""Ventetider: days from receipt to the first answer and to a meeting."""

import pandas as pd
import streamlit as st

from advisor import filters, loader, periods, ui

ui.page("Ventetider", filters.describe())

target = st.number_input(
    "Mål for første svar (arbejdsdage)", min_value=1, max_value=60, value=10, step=1,
    key="maal", persist_state="session", width=320,
    help="Arbejdsdage er mandag–fredag undtagen helligdage.",
)
params = filters.params() | {"target_days": target}
period = filters.period()
previous = period.previous()
window = periods.trend_window(period)
before = filters.params(previous) | {"target_days": target}
in_window = filters.params(window) | {"target_days": target}  # open_at_month_end takes no target
loader.prefetch(("waiting_summary", params), ("waiting_summary", before), ("waiting_trend", in_window),
                ("events_in_period", window.params()), ("waiting_by_unit", params), ("open_at_month_end", in_window))
summary = loader.load("waiting_summary", **params)
if filters.no_data(summary):
    st.stop()
s = summary.iloc[0]
b = loader.load("waiting_summary", **before).iloc[0]
whole = [loader.load("waiting_summary", **filters.params(p, whole=True) | {"target_days": target}).iloc[0]
         if filters.who().protected else None for p in (period, previous)]

over_answered, over_meetings = {"basis": (s.answered, b.answered)}, {"basis": (s.meetings, b.meetings)}
within = over_answered | {"part": tuple(None if pd.isna(x.answered_within_target_share) else round(x.answered_within_target_share * x.answered)
                                        for x in (s, b))}
st.header(f"Sammenlignet med {previous.label}" if period.complete else period.compared_with(previous))
ui.metrics([
    ("Mediantid til første svar (dage)", s.median_days_to_answer, b.median_days_to_answer, 1, "inverse", over_answered),
    ("90 % har fået svar inden (dage)", s.p90_days_to_answer, b.p90_days_to_answer, 0, "inverse", over_answered),
    (f"Besvarede inden {target} arbejdsdage", s.answered_within_target_share,
     b.answered_within_target_share, "share", "normal", within),
    ("Registreringer med møde", s.meetings, b.meetings, 0, "off", ui.counted("meetings", *whole)),
    ("Mediantid til møde (dage)", s.median_days_to_meeting, b.median_days_to_meeting, 1, "inverse", over_meetings),
    ("90 % har fået møde inden (dage)", s.p90_days_to_meeting, b.p90_days_to_meeting, 0, "inverse", over_meetings),
], compared=f"mod {previous.label}")
st.caption("Ventetider tælles for registreringer modtaget i perioden, i kalenderdage fra modtagelse. "
           "*Besvaret inden for*: andelen af de besvarede registreringer, der fik første svar inden for målet "
           "(arbejdsdage efter modtagelsesdagen). *Registreringer med møde*: registreringer modtaget i perioden, "
           "hvor der er holdt møde – også når mødet lå efter periodens udgang.")

st.header("Udvikling pr. måned")
trend = loader.load("waiting_trend", **in_window)
events = loader.load("events_in_period", **window.params())
ui.lines(
    trend,
    {"median_days_to_answer": "Median, svar", "p90_days_to_answer": "90 %, svar", "median_days_to_meeting": "Median, møde"},
    y_title="Dage", events=events, number=",.0f",
    protect={"counts": ["registrations"], "keys": ["month_start"],
             "parent": lambda: loader.load("waiting_trend", **filters.params(window, whole=True) | {"target_days": target}),
             "depends": {c: ["registrations"] for c in
             ["median_days_to_answer", "p90_days_to_answer", "median_days_to_meeting"]}},
)
ui.events(events)

st.header("Pr. afdeling")
st.caption("Ventetider i kalenderdage; målet i arbejdsdage.")
ui.table(
    loader.load("waiting_by_unit", **params),
    {"department": "Forvaltning", "unit": "Afdeling", "median_days_to_answer": "Median, svar",
     "p90_days_to_answer": "90 %, svar", "answered_within_target_share": f"≤ {target} arb.dage",
     "median_days_to_meeting": "Median, møde"},
    "ventetider",
    {"median_days_to_answer": 1, "p90_days_to_answer": 0, "answered_within_target_share": "share", "median_days_to_meeting": 1},
    protect={"counts": ["answered", "meetings"], "groups": ["department"], "keys": ["department", "unit"],
             "parent": lambda: loader.load("waiting_by_unit", **filters.params(whole=True) | {"target_days": target}),
             "depends": {"median_days_to_answer": ["answered"], "p90_days_to_answer": ["answered"],
                         "answered_within_target_share": ["answered"], "median_days_to_meeting": ["meetings"]}},
)

st.header("Åbne registreringer ved månedens udgang")
open_cases = loader.load("open_at_month_end", **in_window)
ui.lines(open_cases, {"open_at_month_end": "Åbne"}, y_title="Åbne registreringer",
         protect={"counts": ["open_at_month_end"], "keys": ["month_start"],
                  "parent": lambda: loader.load("open_at_month_end", **filters.params(window, whole=True))})
