"""Månedlig belastning: registrations and new citizens per month, as in the annual reports."""

import streamlit as st

from advisor import charts, filters, fmt, loader, tables, ui

ui.page("Månedlig belastning", filters.describe(with_period=False) + " · alle år (perioden gælder ikke her)")

params = filters.params() | {"date_from": None, "date_to": None}
monthly = loader.load("monthly_registrations", **params)
if filters.no_data(monthly):
    st.stop()
yearly = loader.load("yearly_registrations", **params)

ytd = loader.load("year_to_date", **params).iloc[0]
st.metric(
    f"Registreringer i {ytd.year} til og med {fmt.date(ytd.through_date)}",
    fmt.number(ytd.registrations),
    fmt.change(ytd.registrations, ytd.registrations_year_before),
    delta_color="off", border=True,
    help=f"Sammenlignet med samme dage i {ytd.year - 1}: {fmt.number(ytd.registrations_year_before)}.",
)

st.subheader("Registreringer pr. måned")
ui.year_table(tables.year_by_month(monthly, yearly), "registreringer-pr-maaned")
st.caption("Gennemsnit: pr. måned, hvor kontoret har været åbent (2014: maj–december, 8 måneder).")
ui.chart(charts.monthly_lines(monthly))

st.subheader("Nye borgere pr. måned")
ui.year_table(tables.year_by_month(monthly, yearly, value="new_citizens", total="citizens", average="new_citizens_per_month"), "nye-borgere-pr-maaned")
st.caption("En borger er ny i den måned, hvor borgeren henvender sig første gang i kalenderåret. "
           "I alt er årets antal borgere.")

st.subheader("Ændring fra samme måned året før")
ui.year_table(tables.year_by_month(monthly, value="change_from_year_before"), "aendring-pr-maaned", signed=True)
