"""Altair chart specs, shared by the pages and the exported material.

Charts get aggregated points only, never registrations.
"""

import altair as alt
import pandas as pd

from advisor import fmt

# Vega-Lite locale: Danish decimals, thousands and month names on every axis.
DANISH_LOCALE = {
    "number": {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["", " kr."]},
    "time": {
        "dateTime": "%A den %d. %B %Y %X",
        "date": "%d-%m-%Y",
        "time": "%H:%M:%S",
        "periods": ["", ""],
        "days": ["søndag", "mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag"],
        "shortDays": ["søn", "man", "tir", "ons", "tor", "fre", "lør"],
        "months": [m.lower() for m in fmt.MONTHS],
        "shortMonths": [m.lower() for m in fmt.MONTHS_SHORT],
    },
}
FONT_SIZE = 16  # readable on a projector


def danish(chart: alt.Chart, height: int = 380) -> alt.Chart:
    return (
        chart.properties(height=height)
        .configure(locale=DANISH_LOCALE)
        .configure_axis(labelFontSize=FONT_SIZE, titleFontSize=FONT_SIZE)
        .configure_legend(labelFontSize=FONT_SIZE, titleFontSize=FONT_SIZE)
    )


def monthly_lines(monthly: pd.DataFrame) -> alt.Chart:
    """One line per year over the months; each line labelled with its year at its end."""
    points = monthly.assign(Måned=[fmt.MONTHS_SHORT[m - 1] for m in monthly["month"]], År=monthly["year"].astype(str))
    x = alt.X("Måned:O", sort=fmt.MONTHS_SHORT, title=None, axis=alt.Axis(labelAngle=0))
    y = alt.Y("registrations:Q", title="Registreringer")
    color = alt.Color("År:N", title="År", legend=alt.Legend(orient="right"))
    tooltip = [alt.Tooltip("År:N"), alt.Tooltip("Måned:O"), alt.Tooltip("registrations:Q", title="Registreringer", format=",d")]
    lines = alt.Chart(points).mark_line(point=True, strokeWidth=3).encode(x, y, color, tooltip=tooltip)
    ends = (
        alt.Chart(points)
        .transform_window(last="rank()", sort=[alt.SortField("month", order="descending")], groupby=["År"])
        .transform_filter("datum.last == 1")
        .mark_text(align="left", dx=8, fontSize=FONT_SIZE - 2, fontWeight="bold")
        .encode(x, y, color, text="År:N")
    )
    return danish(lines + ends)
