"""The peer dashboard: the app's pages as a plain Streamlit + pandas + Altair
app builds them, over a Parquet export read once into a DataFrame.

    PEER_PARQUET=inquiries.parquet PEER_ORGANISATION=organisation.csv streamlit run bench/peer_app.py

It draws the same sidebar filters (same labels, so bench/load_test.py drives
both apps alike) and computes each page's figures with bench/pandas_baseline.py,
whose results run.py checks against the app's queries. Results are cached by
their filters, as the app caches its own. No disclosure control, no audit
log and plainer drawing: everything it leaves out only makes it faster.
"""

import datetime as dt
import os
import sys
import warnings
from pathlib import Path

import altair as alt
import pandas as pd
import streamlit as st

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).parent.parent))

import pandas_baseline as pb  # noqa: E402
from advisor import periods  # noqa: E402  (period arithmetic and labels only)

with warnings.catch_warnings():  # plain pandas 3, not the app's setting (advisor/__init__.py)
    warnings.simplefilter("ignore")
    pd.set_option("future.infer_string", True)


@st.cache_resource
def data() -> pd.DataFrame:
    return pb.read(os.environ["PEER_PARQUET"], pd.read_csv(os.environ["PEER_ORGANISATION"]))


@st.cache_data(max_entries=5000)
def figure(name: str, params: dict) -> pd.DataFrame:
    return pb.BASELINES[name](data(), params)


@st.cache_data
def span() -> tuple[dt.date, dt.date]:
    received = data()["received_on"]
    return received.min().date(), received.max().date()


@st.cache_data
def options(column: str, department: str | None = None) -> list[str]:
    frame = data()
    if department is not None:
        frame = frame[frame["department"] == department]
    return sorted(frame[column].dropna().astype(str).unique())


KINDS = {k: periods.KINDS[k] for k in ("year", "half", "quarter", "month")}
ALL = {"Forvaltning": "Alle forvaltninger", "Henvendelsestype": "Alle typer", "Kanal": "Alle kanaler"}


def sidebar(with_period: bool = True) -> tuple[periods.Period | None, dict]:
    first, last = span()
    side = st.sidebar
    chosen = None
    if with_period:
        kind = side.segmented_control("Periode", list(KINDS), format_func=KINDS.get, default="year", required=True)
        value = side.selectbox(KINDS[kind], periods.options(kind, first, last), format_func=lambda k: periods.parse(k).label)
        chosen = periods.parse(value).up_to(last)
    proper = side.toggle("Kun egentlige henvendelser")
    org_view = side.radio("Organisering", ["registered", "today"],
                          format_func={"registered": "Som registreret", "today": "Som organiseret i dag"}.get)
    department = side.selectbox("Forvaltning", [None, *options("department")], format_func=lambda v: v or ALL["Forvaltning"])
    units = side.multiselect("Afdelinger", options("unit", department))
    inquiry_type = side.selectbox("Henvendelsestype", [None, *options("inquiry_type")],
                                  format_func=lambda v: v or ALL["Henvendelsestype"])
    channel = side.selectbox("Kanal", [None, *options("channel")], format_func=lambda v: v or ALL["Kanal"])
    return chosen, {"department": department, "units": units or None, "inquiry_type": inquiry_type, "channel": channel,
                    "proper_only": proper, "org_view": org_view, "departments": None, "target_days": 10}


def of(period: periods.Period) -> dict:
    return {"date_from": period.start, "date_to": period.end}


def line(frame: pd.DataFrame, x: str, columns: list[str]) -> None:
    long = frame.melt(id_vars=[x], value_vars=columns, var_name="serie", value_name="antal")
    st.altair_chart(alt.Chart(long).mark_line(point=True).encode(x=f"{x}:T", y="antal:Q", color="serie:N"),
                    width="stretch")


def bars(frame: pd.DataFrame, category: str, value: str) -> None:
    st.altair_chart(alt.Chart(frame).mark_bar().encode(y=f"{category}:N", x=f"{value}:Q"), width="stretch")


def overview() -> None:
    period, p = sidebar()
    now, before = figure("key_figures", p | of(period)), figure("key_figures", p | of(period.previous()))
    columns = st.columns(3)
    for i, column in enumerate(["registrations", "citizens", "new_citizens_per_month", "repeat_share",
                                "median_days_to_answer", "citizens_with_trouble"]):
        columns[i % 3].metric(column, now[column].iloc[0], None if pd.isna(before[column].iloc[0]) else
                              float(now[column].iloc[0] - before[column].iloc[0]))
    line(figure("monthly_registrations", p | of(periods.trend_window(period))), "month_start", ["registrations", "new_citizens"])


def monthly_load() -> None:
    _, p = sidebar(with_period=False)
    every = p | {"date_from": None, "date_to": None}
    monthly, yearly = figure("monthly_registrations", every), figure("yearly_registrations", every)
    st.dataframe(figure("year_to_date", p | {"through_date": span()[1]}))
    for value in ("registrations", "new_citizens", "change_from_year_before"):
        st.dataframe(monthly.pivot(index="month", columns="year", values=value))
    st.dataframe(yearly)
    line(monthly, "month_start", ["registrations"])


def departments() -> None:
    period, p = sidebar()
    p |= of(period)
    departments = figure("by_department", p)
    bars(departments, "department", "first_contacts_share")
    bars(departments, "department", "registrations_share")
    st.dataframe(departments)
    st.dataframe(figure("by_unit", p))
    bars(figure("by_type", p), "inquiry_type", "registrations")
    topics = figure("by_topic", p)
    bars(topics.head(10), "topic", "registrations")
    st.dataframe(topics)
    trend = figure("department_trend", p | of(periods.trend_window(period)))
    st.altair_chart(alt.Chart(trend).mark_line().encode(x="month_start:T", y="registrations:Q", color="department:N"),
                    width="stretch")


def waiting_times() -> None:
    period, p = sidebar()
    now, before = figure("waiting_summary", p | of(period)), figure("waiting_summary", p | of(period.previous()))
    st.dataframe(pd.concat([now, before]))
    window = p | of(periods.trend_window(period))
    line(figure("waiting_trend", window), "month_start", ["median_days_to_answer", "p90_days_to_answer", "median_days_to_meeting"])
    st.dataframe(figure("waiting_by_unit", p | of(period)))
    line(figure("open_at_month_end", window), "month_start", ["open_at_month_end"])


def repeat_contacts() -> None:
    period, p = sidebar()
    p |= of(period)
    st.dataframe(figure("citizen_totals", p))
    bars(figure("registrations_per_citizen", p), "label", "citizens")
    bars(figure("course_length", p), "course_length", "citizens")
    st.dataframe(figure("repeat_by_unit", p))
    st.dataframe(figure("repeat_by_year", p))


def caseworker_changes() -> None:
    period, p = sidebar()
    st.dataframe(figure("caseworker_summary", p | of(period)))
    bars(figure("caseworker_distribution", p | of(period)), "label", "citizens")
    units = figure("caseworker_by_unit", p | of(period))
    bars(units[units["citizens_with_trouble"] > 0], "unit", "citizens_with_trouble")
    st.dataframe(units)
    line(figure("caseworker_trend", p | of(periods.trend_window(period))), "month_start",
         ["citizens_asked", "citizens_with_trouble"])


def dialogue_meeting() -> None:
    first, last = span()
    names = options("department")
    department = st.selectbox("Forvaltning", names, index=names.index("Borger & Arbejdsmarked"))
    halves = periods.options("half", first, last)
    half = periods.parse(st.selectbox("Halvår", halves, format_func=lambda k: periods.parse(k).label)).up_to(last)
    org_view = st.radio("Organisering", ["registered", "today"], index=1,
                        format_func={"registered": "Som registreret", "today": "Som organiseret i dag"}.get)
    proper = st.toggle("Kun egentlige henvendelser", value=True)
    p = {"department": department, "units": None, "inquiry_type": None, "channel": None, "proper_only": proper,
         "org_view": org_view, "departments": None}
    spans = [half, half.previous(), half.year_before()]
    for span_ in spans:
        units = figure("unit_figures", p | of(span_))
        st.dataframe(figure("key_figures", p | of(span_)))
        st.dataframe(figure("by_topic", p | of(span_)))
        for column in ("registrations", "citizens", "complaints", "citizens_with_trouble", "median_days_to_answer",
                       "median_days_to_meeting", "repeat_share"):
            bars(units, "unit", column)
    st.dataframe(figure("by_type", p | of(half)))


def registrations() -> None:
    period, p = sidebar()
    st.dataframe(figure("registrations", p | of(period) | {"max_rows": 500}))


def glossary() -> None:
    st.markdown("Begreber")


def data_import() -> None:
    st.file_uploader("Log")


st.navigation([st.Page(f, url_path=f.__name__, title=f.__name__) for f in (
    overview, monthly_load, departments, waiting_times, repeat_contacts, caseworker_changes, dialogue_meeting,
    glossary, registrations, data_import)]).run()
