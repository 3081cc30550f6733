"""Månedlig belastning: registrations and new citizens per month, as in the annual reports."""

import streamlit as st

from advisor import charts, filters, fmt, loader, tables, ui

ui.page("Månedlig belastning", filters.describe(with_period=False) + " · alle år (perioden gælder ikke her)")

params = filters.params() | {"date_from": None, "date_to": None}
through = {"through_date": filters.data_span()[1]}  # the last registration
# Leaders and the secretariat: their counts are guarded by the same counts for everything they may see.
guarded_counts = filters.who().protected
loader.prefetch(("monthly_registrations", params), ("yearly_registrations", params), ("year_to_date", params | through),
                *([("year_to_date", filters.params(whole=True) | through)] if guarded_counts else []))
monthly = loader.load("monthly_registrations", **params)
if filters.no_data(monthly):
    st.stop()
yearly = loader.load("yearly_registrations", **params)

ytd = loader.load("year_to_date", **params | through).iloc[0]
whole = loader.load("year_to_date", **filters.params(whole=True) | through).iloc[0] if guarded_counts else None
ui.metrics([(
    f"Registreringer i {ytd.year} til og med {fmt.date(ytd.through_date)}, mod samme dage i {ytd.year - 1}",
    ytd.registrations, ytd.registrations_year_before, 0, "off",
    {"count": True, "parent": (None, None) if whole is None else (whole.registrations, whole.registrations_year_before)},
)], per_row=1)

# For leaders and the secretariat: the same tables without the optional
# filters, which a filtered month must not be worked back from.
everything = filters.params(whole=True) | {"date_from": None, "date_to": None}
whole_monthly = loader.load("monthly_registrations", **everything) if guarded_counts else None
whole_yearly = loader.load("yearly_registrations", **everything) if guarded_counts else None

st.header("Registreringer pr. måned")
hidden = ui.year_table(tables.year_by_month(monthly, yearly), "registreringer-pr-maaned",
                       whole=None if whole_monthly is None else tables.year_by_month(whole_monthly, whole_yearly))
st.caption("Gennemsnit: pr. måned, hvor kontoret har været åbent (2014: maj–december, 8 måneder).")
protected = ui.guarded(monthly, {"counts": ["registrations"], "groups": ["year"], "keys": ["month_start"],
                                 "parent": lambda: whole_monthly})
ui.chart(charts.monthly_lines(monthly if protected is None else protected.data))

st.header("Nye borgere pr. måned")
new = {"value": "new_citizens", "total": "citizens", "average": "new_citizens_per_month"}
ui.year_table(tables.year_by_month(monthly, yearly, **new), "nye-borgere-pr-maaned",
              whole=None if whole_monthly is None else tables.year_by_month(whole_monthly, whole_yearly, **new))
st.caption("En borger er ny i den måned, hvor borgeren henvender sig første gang i kalenderåret. "
           "I alt er årets antal borgere.")

st.header("Ændring fra samme måned året før")
ui.year_table(tables.year_by_month(monthly, value="change_from_year_before"), "aendring-pr-maaned", signed=True, like=hidden)
