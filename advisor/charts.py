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

# One colour per department on every page (Okabe-Ito: safe for colour-blind
# readers). Colour never carries meaning alone: bars are labelled on the
# axis, lines at their ends.
DEPARTMENT_COLOURS = {
    "Borger & Arbejdsmarked": "#0072B2",
    "Børn & Kultur": "#E69F00",
    "Sundhed & Omsorg": "#009E73",
    "Teknik & Miljø": "#CC79A7",
    "Anden myndighed": "#7F7F7F",
}
# Series that are not departments are drawn in greys, told apart by dash
# pattern and by their label, so they never look like a department.
SERIES_COLOURS = ["#1a1a1a", "#6b6b6b", "#9a9a9a"]
EVENT_COLOUR = "#444444"


def danish(chart: alt.Chart, height: int = 380) -> alt.Chart:
    return (
        chart.properties(height=height, width="container")
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


def department_colour(legend: bool = False) -> alt.Color:
    return alt.Color(
        "department:N", legend=alt.Legend(title=None, orient="top", columns=1, labelLimit=300) if legend else None,
        scale=alt.Scale(domain=list(DEPARTMENT_COLOURS), range=list(DEPARTMENT_COLOURS.values())),
    )


def bars(frame: pd.DataFrame, category: str, value: str, *, category_title: str, value_title: str,
         percent: bool = False, by_department: bool = False) -> alt.Chart:
    """Horizontal bars in the order of the query's rows, each with its value at its end."""
    # Danish typography: "43 %", with a space, which d3's "%" format leaves out.
    def number(field: str) -> str:
        return f"format({field} * 100, ',.0f') + ' %'" if percent else f"format({field}, ',d')"

    text = number(f"datum['{value}']")
    if "hidden_label" in frame:  # disclosure control: an empty bar, labelled "< 5"
        text = f"datum.hidden_label != '' ? datum.hidden_label : {text}"
    base = alt.Chart(frame).transform_calculate(bar_text=text).encode(
        y=alt.Y(f"{category}:N", title=category_title, sort=list(frame[category]), axis=alt.Axis(labelLimit=320)),
        x=alt.X(f"{value}:Q", title=value_title, axis=alt.Axis(labelExpr=number("datum.value"))),
        tooltip=[alt.Tooltip(f"{category}:N", title=category_title), alt.Tooltip("bar_text:N", title=value_title)],
    )
    # Bars of units name the department by colour: then a legend says which is which.
    colour = {"color": department_colour(legend=category != "department")} if by_department else {"color": alt.value(SERIES_COLOURS[1])}
    bar = base.mark_bar().encode(**colour)
    text = base.mark_text(align="left", dx=6, fontSize=FONT_SIZE - 2).encode(text="bar_text:N")
    return danish(bar + text, height=max(120, 44 * len(frame)))


def events_layer(events: pd.DataFrame) -> alt.Chart:
    """Dashed lines at events, a shaded band for events that last, a label at the top."""
    base = alt.Chart(events).encode(x="starts_on:T")
    band = base.mark_rect(opacity=0.12, color=EVENT_COLOUR).encode(x2="ends_on:T")
    rule = base.mark_rule(color=EVENT_COLOUR, strokeDash=[5, 4], strokeWidth=1.5)
    label = base.mark_text(align="left", baseline="top", dx=4, dy=2, fontSize=FONT_SIZE - 3, color=EVENT_COLOUR).encode(
        y=alt.value(0), text="label:N", tooltip=[alt.Tooltip("label:N", title="Begivenhed"), alt.Tooltip("description:N", title="")]
    )
    return band + rule + label


def lines(frame: pd.DataFrame, series: dict[str, str], *, y_title: str, events: pd.DataFrame | None = None,
          x: str = "month_start", number: str = ",d", by_department: bool = False,
          hidden: pd.DataFrame | None = None) -> alt.Chart:
    """One line per series over the months, told apart by colour and dash
    pattern, named in a legend above the chart; events marked.

    `series` maps columns of `frame` to their Danish names; with
    by_department the frame is long (department, value) instead.
    """
    if by_department:
        long = frame.rename(columns={list(series)[0]: "value"}).assign(series=frame["department"])
        names = [d for d in DEPARTMENT_COLOURS if d in set(long["series"])]
        colours = [DEPARTMENT_COLOURS[d] for d in names]
    else:
        long = frame.melt(id_vars=[x], value_vars=list(series), var_name="series", value_name="value")
        long["series"] = long["series"].map(series)
        names, colours = list(series.values()), SERIES_COLOURS[: len(series)]
    dashes = [[1, 0], [8, 5], [2, 3], [12, 3, 2, 3], [4, 4]][: len(names)]
    legend = alt.Legend(title=None, orient="top", symbolType="stroke", symbolStrokeWidth=3, symbolSize=600, labelLimit=400)
    line = alt.Chart(long[[x, "series", "value"]]).mark_line(point=True, strokeWidth=3).encode(
        x=alt.X(f"{x}:T", title=None, axis=alt.Axis(format="%b %Y", labelAngle=0, labelOverlap=True)),
        y=alt.Y("value:Q", title=y_title, axis=alt.Axis(format=number)),
        color=alt.Color("series:N", scale=alt.Scale(domain=names, range=colours), legend=legend),
        strokeDash=alt.StrokeDash("series:N", scale=alt.Scale(domain=names, range=dashes), legend=legend),
        tooltip=[alt.Tooltip(f"{x}:T", title="Måned", format="%B %Y"), alt.Tooltip("series:N", title=""),
                 alt.Tooltip("value:Q", title=y_title, format=number)],
    )
    chart = line if events is None or events.empty else events_layer(events) + line
    if hidden is not None:  # disclosure control: hidden points are gaps, marked on the axis
        marked = frame[[x]].assign(label=hidden[list(series)].max(axis=1))  # any label beats ""
        marked = marked[marked["label"] != ""].drop_duplicates()
        if not marked.empty:
            chart += alt.Chart(marked).mark_text(dy=-10, fontSize=FONT_SIZE - 4, color=SERIES_COLOURS[1]).encode(
                x=f"{x}:T", y=alt.datum(0), text="label:N")
    return danish(chart)
