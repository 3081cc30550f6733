"""Gentagne henvendelser: citizens who come back, and for how long."""

import streamlit as st

from advisor import filters, loader, ui

ui.page("Gentagne henvendelser", filters.describe())

params = filters.params()
# The citizens are counted once (citizen_courses); the key figures and both distributions are summed from it.
loader.prefetch(*((name, params) for name in ("citizen_totals", "repeat_by_unit", "repeat_by_year",
                                              "registrations_per_citizen", "course_length")))
now = loader.load("citizen_totals", **params)
if filters.no_data(now, "citizens"):
    st.stop()
k = now.iloc[0]
whole = loader.load("citizen_totals", **filters.params(whole=True)).iloc[0] if filters.who().protected else None
ui.metrics([
    ("Borgere", k.citizens, None, 0, "off", ui.counted("citizens", whole)),
    ("Med 2 eller flere henvendelser", k.repeat_citizens, None, 0, "off",
     ui.counted("repeat_citizens", whole) | {"of": (k.citizens, None)}),
    ("Andel med flere", k.repeat_share, None, "share", "off", {"basis": (k.citizens, None), "part": (k.repeat_citizens, None)}),
])
CITIZENS = {"counts": ["citizens"]}
REPEATS = {"counts": ["citizens", "repeat_citizens"], "depends": {"repeat_share": ["citizens", "repeat_citizens"]},
           "together": [["citizens", "repeat_citizens"]], "rests": {"repeat_share": ("repeat_citizens", "citizens")}}

per_citizen, length = ui.pair("gentagne")
per_citizen.header("Henvendelser pr. borger")
dist = loader.load("registrations_per_citizen", **params)
ui.bars(dist, "label", "citizens", category_title="Henvendelser", value_title="Borgere", where=per_citizen,
        protect=CITIZENS | {"keys": ["label"],
                            "parent": lambda: loader.load("registrations_per_citizen", **filters.params(whole=True))})
length.header("Forløbets længde")
ui.bars(loader.load("course_length", **params), "course_length", "citizens", category_title="", value_title="Borgere",
        protect=CITIZENS | {"keys": ["course_length"],
                            "parent": lambda: loader.load("course_length", **filters.params(whole=True))},
        where=length)

st.header("Pr. afdeling")
ui.table(
    loader.load("repeat_by_unit", **params),
    {"department": "Forvaltning", "unit": "Afdeling", "citizens": "Borgere", "repeat_citizens": "Med flere henvendelser",
     "repeat_share": "Andel"},
    "gentagne-pr-afdeling",
    {"citizens": 0, "repeat_citizens": 0, "repeat_share": "share"},
    protect=REPEATS | {"groups": ["department"], "keys": ["department", "unit"],
                       "parent": lambda: loader.load("repeat_by_unit", **filters.params(whole=True))},
)

st.header("År for år")
st.caption("Alle år – periodefilteret gælder ikke her; de øvrige filtre gør.")
ui.table(
    loader.load("repeat_by_year", **params),
    {"year": "År", "citizens": "Borgere", "repeat_citizens": "Med flere henvendelser", "repeat_share": "Andel"},
    "gentagne-pr-aar",
    {"citizens": 0, "repeat_citizens": 0, "repeat_share": "share"},
    protect=REPEATS,
)
