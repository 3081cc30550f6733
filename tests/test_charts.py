"""Chart specs are plain Vega-Lite dicts: every kind is checked against the
Vega-Lite schema (the one Altair ships) and renders with vl-convert."""

import json
from pathlib import Path

import altair
import jsonschema
import pandas as pd
import pytest
import vl_convert

from advisor import charts

SCHEMA = json.loads((Path(altair.__file__).parent / "vegalite" / "v6" / "schema" / "vega-lite-schema.json").read_text())
BA, BK = "Borger & Arbejdsmarked", "Børn & Kultur"
UNITS = pd.DataFrame({"department": [BA, BK], "unit": ["Jobcenter – Jobaktiv", "Dagtilbud"],
                      "registrations": [10, 0], "share": [1.0, 0.0], "hidden_label": ["", "< 5"]})
EVENTS = pd.DataFrame({"starts_on": pd.to_datetime(["2018-07-02"]), "ends_on": pd.to_datetime(["2018-07-20"]),
                       "label": ["e-Boks nede"], "description": ["Digital post kunne ikke modtages."]})
MONTHS = pd.DataFrame({"month_start": pd.to_datetime(["2018-06-01", "2018-07-01"]), "registrations": [50, 61],
                       "new_citizens": [20, 30]})
HIDDEN = pd.DataFrame({"registrations": ["", ""], "new_citizens": ["< 5", ""]})
BY_DEPARTMENT = pd.DataFrame({"month_start": pd.to_datetime(["2018-06-01"] * 2), "department": [BA, BK],
                              "registrations": [40, 12]})
YEARS = pd.DataFrame({"year": [2018, 2018, 2019], "month": [1, 2, 1], "registrations": [55, 61, 68]})

SPECS = {
    "bars by department": lambda: charts.bars(UNITS, "department", "share", category_title="", value_title="Andel",
                                              percent=True, by_department=True),
    "bars of units": lambda: charts.bars(UNITS, "unit", "registrations", category_title="", value_title="Registreringer",
                                         by_department=True),
    "plain bars": lambda: charts.bars(UNITS.drop(columns="hidden_label"), "unit", "registrations", category_title="",
                                      value_title="Registreringer"),
    "lines with events and a hidden point": lambda: charts.lines(
        MONTHS, {"registrations": "Registreringer", "new_citizens": "Nye borgere"}, y_title="Antal", events=EVENTS,
        hidden=HIDDEN),
    "lines by department": lambda: charts.lines(BY_DEPARTMENT, {"registrations": "Registreringer"}, y_title="Antal",
                                                by_department=True),
    "monthly lines": lambda: charts.monthly_lines(YEARS),
}


@pytest.mark.parametrize("kind", SPECS)
def test_every_chart_is_valid_vega_lite(kind):
    spec = json.loads(charts.to_json(SPECS[kind]()))
    jsonschema.validate(spec, SCHEMA)


@pytest.mark.parametrize("kind", SPECS)
def test_every_chart_renders(kind):
    png = vl_convert.vegalite_to_png(charts.to_json(SPECS[kind]() | {"width": 400}))
    assert png.startswith(b"\x89PNG")


def test_data_is_written_as_rows_with_iso_dates():
    # Dates as days: Vega reads "2018-07-02" as UTC midnight in any browser's
    # time zone, where Streamlit's timestamps arrive in the browser's own.
    spec = json.loads(charts.to_json(charts.lines(MONTHS, {"registrations": "Registreringer"}, y_title="Antal",
                                                  events=EVENTS)))
    assert spec["datasets"]["events"] == [{"starts_on": "2018-07-02", "ends_on": "2018-07-20",
                                           "label": "e-Boks nede", "description": "Digital post kunne ikke modtages."}]
    assert spec["datasets"]["lines"][0] == {"month_start": "2018-06-01", "series": "Registreringer",
                                            "value": 50}


def test_danish_percent_and_count_labels():
    spec = charts.bars(UNITS, "department", "share", category_title="", value_title="Andel", percent=True)
    assert spec["transform"] == [{"calculate": "datum.hidden_label != '' ? datum.hidden_label : "
                                               "format(datum['share'] * 100, ',.0f') + ' %'", "as": "bar_text"}]
    assert spec["config"]["locale"]["number"] == {"decimal": ",", "thousands": ".", "grouping": [3],
                                                  "currency": ["", " kr."]}


def test_a_charts_data_go_to_the_browser_as_streamlit_would_send_them():
    # ui.chart hands Streamlit each dataset as an Arrow table it made itself (faster than Streamlit's
    # conversion of a DataFrame); the values, missing ones as nulls, are the ones Streamlit would send.
    import datetime as dt

    import numpy as np
    import pandas as pd
    import pyarrow as pa
    from streamlit import dataframe_util

    from advisor import ui

    frame = pd.DataFrame({"value": [1.5, np.nan], "unit": ["Afdeling", None], "month_start": pd.to_datetime(["2019-01-01", None]),
                          "hidden": [True, False], "count": pd.array([1, None], dtype="Int64"),
                          "starts_on": [dt.date(2019, 1, 1), dt.date(2019, 2, 1)], "n": [1, 2]})
    ours = ui._arrow(frame)
    streamlits = pa.ipc.open_stream(dataframe_util.convert_anything_to_arrow_bytes(frame)).read_all()
    assert ours.column_names == list(frame.columns)
    assert ours.schema.types == [streamlits.schema.field(c).type for c in frame.columns]
    assert all(ours[c].to_pylist() == streamlits[c].to_pylist() for c in frame.columns)
    assert ours["value"].to_pylist() == [1.5, None] and ours["unit"].to_pylist() == ["Afdeling", None]
    assert ui._arrow({"values": [1]}) == {"values": [1]}  # anything else is passed on as it is
