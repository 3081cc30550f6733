"""Vega-Lite chart specs, shared by the pages and the exported material.

Specs are plain dicts: building them costs microseconds, where Altair's
objects, copies and schema checks cost tens of milliseconds a chart on every
rerun (measured in bench/results.md). tests/test_charts.py validates every
kind against the Vega-Lite schema instead. Data travels in the spec's
"datasets" as DataFrames; Streamlit sends them as Arrow, `to_json` writes
them as rows for vl-convert.

Charts get aggregated points only, never registrations.
"""

import json

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
# Each at least 3:1 against white (WCAG 1.4.11; tests/test_charts.py):
# Okabe-Ito's hues, darkened where they were lighter (orange 2,25:1, green
# 3,0:1, pink 2,9:1), so the meaning of each colour is unchanged.
DEPARTMENT_COLOURS = {
    "Borger & Arbejdsmarked": "#0072B2",
    "Børn & Kultur": "#B06A00",
    "Sundhed & Omsorg": "#007A5A",
    "Teknik & Miljø": "#B0528F",
    "Anden myndighed": "#6B6B6B",
}
# Series that are not departments are drawn in greys, told apart by dash
# pattern and by their label, so they never look like a department.
SERIES_COLOURS = ["#1a1a1a", "#5a5a5a", "#767676"]
# The years of Månedlig belastning: a sequence from light to dark blue-grey,
# each at least 3:1 against white, the newest year darkest and thickest;
# years are told apart by dash pattern and by the label at each line's end too.
YEAR_COLOURS = ["#7a8794", "#6a7886", "#586878", "#46576a", "#33465c", "#1d3350", "#0b1f3d"]
YEAR_LEGEND = {"orient": "right", "symbolType": "stroke", "symbolStrokeWidth": 3, "symbolSize": 500}
YEAR_DASHES = [[2, 3], [6, 3], [10, 3, 2, 3], [4, 2], [12, 4], [8, 2, 2, 2], [1, 0]]
EVENT_COLOUR = "#444444"


CONFIG = {
    "locale": DANISH_LOCALE,
    # No automatic ARIA labels (English, with raw values, one per mark): the
    # chart's Danish description (aria-label of the drawing) says it instead.
    "mark": {"aria": False},
    "axis": {"labelFontSize": FONT_SIZE, "titleFontSize": FONT_SIZE, "aria": False},
    "legend": {"labelFontSize": FONT_SIZE, "titleFontSize": FONT_SIZE, "aria": False},
}


def danish(spec: dict, height: int = 380, description: str | None = None) -> dict:
    """A whole chart: the page's width, Danish locale, projector-sized type.
    Drawn as SVG (vega-embed reads usermeta.embedOptions), so that what is
    drawn, axis labels included, is text a browser test and a screen reader
    can read. `description`: the chart in Danish words, its message and key
    values, read out by screen readers (WCAG 1.1.1)."""
    return {"$schema": "https://vega.github.io/schema/vega-lite/v6.json", **spec,
            **({"description": description} if description else {}),
            "height": height, "width": "container", "config": CONFIG,
            "usermeta": {"embedOptions": {"renderer": "svg"}}}


def _listed(items: list[str], most: int = 12) -> str:
    """"a; b; c" – at most `most` items, then how many more."""
    shown = "; ".join(items[:most])
    return shown + (f"; og {len(items) - most} flere" if len(items) > most else "")


def to_json(spec: dict) -> str:
    """The spec with its data written in, for vl-convert."""
    datasets = {name: json.loads(frame.to_json(orient="records", date_format="iso"))
                for name, frame in spec.get("datasets", {}).items()}
    return json.dumps({**spec, "datasets": datasets}, ensure_ascii=False)


def _field(name: str, kind: str, **options) -> dict:
    return {"field": name, "type": kind, **options}


def monthly_lines(monthly: pd.DataFrame) -> dict:
    """One line per year over the months; each line labelled with its year at its end."""
    # Only what is drawn goes to the browser: no column the chart does not show.
    points = monthly[["month", "registrations"]].assign(
        Måned=[fmt.MONTHS_SHORT[m - 1] for m in monthly["month"]], År=monthly["year"].astype(str))
    years = sorted(set(points["År"]))[-len(YEAR_COLOURS):]
    points = points[points["År"].isin(years)]
    summary = []
    for year in years:
        of_year = points[(points["År"] == year) & points["registrations"].notna()]
        if of_year.empty:
            continue
        top = of_year.loc[of_year["registrations"].idxmax()]
        summary.append(f"{year}: {fmt.number(of_year['registrations'].sum())} i alt, højst "
                       f"{fmt.number(top['registrations'])} i {fmt.MONTHS[int(top['month']) - 1].lower()}")
    description = "Kurvediagram: registreringer pr. måned, én kurve pr. år. " + _listed(summary) + "."
    encoding = {
        "x": _field("Måned", "ordinal", sort=fmt.MONTHS_SHORT, title=None, axis={"labelAngle": 0}),
        "y": _field("registrations", "quantitative", title="Registreringer"),
        # One legend of line samples, colour and dash pattern together, so each year can be found by its dash.
        "color": _field("År", "nominal", title="År", legend=YEAR_LEGEND,
                        scale={"domain": years, "range": YEAR_COLOURS[-len(years):]}),
        "strokeDash": _field("År", "nominal", title="År", legend=YEAR_LEGEND,
                             scale={"domain": years, "range": YEAR_DASHES[-len(years):]}),
    }
    lines = {
        "mark": {"type": "line", "point": True, "strokeWidth": 2.5},
        "encoding": encoding | {"tooltip": [
            _field("År", "nominal"), _field("Måned", "ordinal"),
            _field("registrations", "quantitative", title="Registreringer", format=",d"),
        ]},
    }
    ends = {
        "transform": [
            {"window": [{"op": "rank", "as": "last"}], "sort": [{"field": "month", "order": "descending"}],
             "groupby": ["År"]},
            # Only the newest two years are named at their line's end (the ones a reader compares);
            # the older ends crowd together, and the legend names them.
            {"filter": f"datum.last == 1 && toNumber(datum['År']) >= {int(years[-1]) - 1 if years else 0}"},
        ],
        "mark": {"type": "text", "align": "left", "dx": 8, "fontSize": FONT_SIZE - 2, "fontWeight": "bold"},
        "encoding": encoding | {"text": _field("År", "nominal")},
    }
    return danish({"datasets": {"months": points}, "data": {"name": "months"}, "layer": [lines, ends]},
                  description=description)


def department_colour(legend: bool = False) -> dict:
    return _field(
        "department", "nominal",
        legend={"title": None, "orient": "top", "columns": 1, "labelLimit": 300} if legend else None,
        scale={"domain": list(DEPARTMENT_COLOURS), "range": list(DEPARTMENT_COLOURS.values())},
    )


def bars(frame: pd.DataFrame, category: str, value: str, *, category_title: str, value_title: str,
         percent: bool = False, by_department: bool = False) -> dict:
    """Horizontal bars in the order of the query's rows, each with its value at its end."""
    # Danish typography: "43 %", with a space, which d3's "%" format leaves out.
    def number(field: str) -> str:
        return f"format({field} * 100, ',.0f') + ' %'" if percent else f"format({field}, ',d')"

    text = number(f"datum['{value}']")
    if "hidden_label" in frame:  # disclosure control: an empty bar, labelled "< 5"
        text = f"datum.hidden_label != '' ? datum.hidden_label : {text}"
    # Bars of units name the department by colour: then a legend says which is which.
    colour = department_colour(legend=category != "department") if by_department else {"value": SERIES_COLOURS[1]}
    # Only what is drawn goes to the browser: no column the chart does not show.
    drawn = list(dict.fromkeys([category, value, *(["department"] if by_department else []),
                                *(["hidden_label"] if "hidden_label" in frame else [])]))
    labels = frame["hidden_label"] if "hidden_label" in frame else [""] * len(frame)
    values = [label or (fmt.percent(v) if percent else fmt.number(v)) for v, label in zip(frame[value], labels)]
    what = value_title.lower() + (f" pr. {category_title.lower()}" if category_title else "")
    description = f"Søjlediagram: {what}. " + _listed([f"{c} {v}" for c, v in zip(frame[category], values)]) + "."
    return danish({
        "datasets": {"bars": frame[drawn]},
        "data": {"name": "bars"},
        "transform": [{"calculate": text, "as": "bar_text"}],
        "encoding": {
            "y": _field(category, "nominal", title=category_title, sort=list(frame[category]), axis={"labelLimit": 320}),
            "x": _field(value, "quantitative", title=value_title, axis={"labelExpr": number("datum.value")}),
            "tooltip": [_field(category, "nominal", title=category_title), _field("bar_text", "nominal", title=value_title)],
        },
        "layer": [
            {"mark": {"type": "bar"}, "encoding": {"color": colour}},
            {"mark": {"type": "text", "align": "left", "dx": 6, "fontSize": FONT_SIZE - 2},
             "encoding": {"text": _field("bar_text", "nominal")}},
        ],
    }, height=max(120, 44 * len(frame)), description=description)


def months_between(first, last) -> int:
    return (last.year - first.year) * 12 + last.month - first.month + 1


def month_axis(months: int) -> dict:
    """A time axis whose ticks are months: every month, or every 2nd, 3rd, 6th
    or 12th when there are many, each label at its own month's point and no
    month twice. Vega's own ticks for a few months are weeks, each labelled
    with its month ("jan 2019" sixteen times)."""
    step = next((s for s in (1, 2, 3, 6) if months <= 13 * s), 12)
    return {"format": "%b %Y", "labelAngle": 0, "labelOverlap": "parity", "labelSeparation": 8,
            "tickCount": {"interval": "month", "step": step}, "grid": False}


def _month(name: str, **options) -> dict:
    """A date field on the time axis, on a UTC scale: see _days."""
    return _field(name, "temporal", scale={"type": "utc"}, **options)


def _days(frame: pd.DataFrame, *columns: str) -> pd.DataFrame:
    """Dates as "2019-12-01". Streamlit hands a timestamp column to the chart
    in the browser's time zone, so in Copenhagen 1 December was drawn at 30
    November 23.00 and labelled "nov"; a date string is read as UTC midnight
    wherever the browser is, and the UTC scale keeps it on its own day."""
    return frame.assign(**{c: pd.to_datetime(frame[c]).dt.strftime("%Y-%m-%d") for c in columns})


def events_layers(events: pd.DataFrame) -> tuple[dict, list[dict]]:
    """Dashed lines at events, a shaded band for events that last, a label at
    the top: the dataset and the layers."""
    data, x = {"name": "events"}, _month("starts_on")
    return {"events": _days(events, "starts_on", "ends_on")}, [
        {"data": data, "mark": {"type": "rect", "opacity": 0.12, "color": EVENT_COLOUR},
         "encoding": {"x": x, "x2": {"field": "ends_on"}}},
        {"data": data, "mark": {"type": "rule", "color": EVENT_COLOUR, "strokeDash": [5, 4], "strokeWidth": 1.5},
         "encoding": {"x": x}},
        {"data": data, "mark": {"type": "text", "align": "left", "baseline": "top", "dx": 4, "dy": 2,
                                "fontSize": FONT_SIZE - 3, "color": EVENT_COLOUR},
         "encoding": {"x": x, "y": {"value": 0}, "text": _field("label", "nominal"),
                      "tooltip": [_field("label", "nominal", title="Begivenhed"),
                                  _field("description", "nominal", title="")]}},
    ]


def lines(frame: pd.DataFrame, series: dict[str, str], *, y_title: str, events: pd.DataFrame | None = None,
          x: str = "month_start", number: str = ",d", by_department: bool = False,
          hidden: pd.DataFrame | None = None) -> dict:
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
    # A legend of many names wraps onto more rows instead of running off a narrow screen.
    legend = {"title": None, "orient": "top", "symbolType": "stroke", "symbolStrokeWidth": 3, "symbolSize": 600,
              "labelLimit": 400, "columns": 3 if len(names) > 3 else 0}
    datasets, layers = {"lines": _days(long[[x, "series", "value"]], x)}, []
    if events is not None and not events.empty:
        event_data, layers = events_layers(events)
        datasets |= event_data
    layers.append({
        "data": {"name": "lines"},
        "mark": {"type": "line", "point": True, "strokeWidth": 3},
        "encoding": {
            "x": _month(x, title=None, axis=month_axis(months_between(frame[x].min(), frame[x].max()))),
            # Counts tick at whole numbers only ("1, 2", never "1, 1, 2").
            "y": _field("value", "quantitative", title=y_title,
                        axis={"format": number} | ({"tickMinStep": 1} if number == ",d" else {})),
            "color": _field("series", "nominal", scale={"domain": names, "range": colours}, legend=legend),
            "strokeDash": _field("series", "nominal", scale={"domain": names, "range": dashes}, legend=legend),
            "tooltip": [_field(x, "temporal", title="Måned", timeUnit="utcyearmonth", format="%B %Y"),
                        _field("series", "nominal", title=""),
                        _field("value", "quantitative", title=y_title, format=number)],
        },
    })
    if hidden is not None:  # disclosure control: hidden points are gaps, marked on the axis
        marked = frame[[x]].assign(label=hidden[list(series)].max(axis=1))  # any label beats ""
        marked = marked[marked["label"] != ""].drop_duplicates()
        if not marked.empty:
            datasets["hidden"] = _days(marked, x)
            layers.append({
                "data": {"name": "hidden"},
                "mark": {"type": "text", "dy": -10, "fontSize": FONT_SIZE - 4, "color": SERIES_COLOURS[1]},
                "encoding": {"x": _month(x), "y": {"datum": 0}, "text": _field("label", "nominal")},
            })
    return danish({"datasets": datasets, "layer": layers},
                  description=_describe_lines(long, x, y_title, number, names))


def _describe_lines(long: pd.DataFrame, x: str, y_title: str, number: str, names: list[str]) -> str:
    """A line chart in words: each series' first and last value and its highest, with their months."""
    def shown(v) -> str:
        return fmt.number(v, 1 if number != ",d" else 0)

    def month(day) -> str:
        day = pd.Timestamp(day)
        return f"{fmt.MONTHS_SHORT[day.month - 1].lower()}. {day.year}"

    by_series: dict[str, list] = {}
    for when, name, value in zip(long[x].tolist(), long["series"].tolist(), long["value"].tolist()):
        if value is not None and not pd.isna(value):
            by_series.setdefault(name, []).append((pd.Timestamp(when), value))
    parts = []
    for name in names:
        one = sorted(by_series.get(name, []), key=lambda point: point[0])
        if not one:
            continue
        (first_on, first), (last_on, last) = one[0], one[-1]
        top_on, top = max(one, key=lambda point: point[1])  # the first month with the highest value
        parts.append(f"{name}: {shown(first)} i {month(first_on)}, {shown(last)} i {month(last_on)}, "
                     f"højst {shown(top)} i {month(top_on)}")
    span = f" fra {month(long[x].min())} til {month(long[x].max())}" if not long.empty else ""
    return f"Kurvediagram: {y_title.lower()} pr. måned{span}. " + _listed(parts) + "."


# The three half-years of the dialogue meeting: now dark and filled, the
# earlier ones lighter and open, each its own shape, so no one needs colour
# to tell them apart.
HALF_STYLES = [("#1a1a1a", "circle", True), ("#5a5a5a", "square", True), ("#767676", "triangle-up", False)]


def halves(frame: pd.DataFrame, order: list[str], names: list[str], *, value_title: str, number: str = ",d",
           height: int | None = None, field: str = "value", description: str | None = None) -> dict:
    """A dot plot of units x half-years: a row per unit (in `order`), a dot
    per half-year (`names`: now, the half-year before, a year earlier) joined
    by a line, so each unit's move reads at a glance; the value now is written
    at the row's end. `frame` is long: unit, half (a name), value, text (what
    the row's end says: the value now, or the label of a hidden one). Hidden
    values are left out (the table beside the chart says "·"). The legend is
    the caller's, in words, once for several charts (see HALF_STYLES).
    `field`: the value's name in the data sent ("count" for counts)."""
    drawn = frame[["unit", "half", "value", "text"]].set_axis(["unit", "half", field, "text"], axis=1)  # rename: 10× slower
    y = _field("unit", "nominal", title=None, sort=order, axis={"labelLimit": 300, "labelFontSize": FONT_SIZE - 1})
    x = _field(field, "quantitative", title=value_title, axis={"format": number, "tickCount": 5},
               scale={"zero": False, "padding": 14})
    styles = {"domain": names, "range": [c for c, _, _ in HALF_STYLES[: len(names)]]}
    return danish({
        "datasets": {"halves": drawn},
        "data": {"name": "halves"},
        "encoding": {"y": y},
        "layer": [
            {"transform": [{"filter": f"isValid(datum['{field}'])"}],
             "mark": {"type": "rule", "color": "#b0b0b0", "strokeWidth": 2},
             "encoding": {"x": {"aggregate": "min", "field": field, "type": "quantitative", "title": value_title},
                          "x2": {"aggregate": "max", "field": field}}},
            {"transform": [{"filter": f"isValid(datum['{field}'])"}],
             "mark": {"type": "point", "size": 170, "strokeWidth": 2.5, "opacity": 1},
             "encoding": {
                 "x": x,
                 "color": _field("half", "nominal", scale=styles, sort=names, legend=None),
                 "shape": _field("half", "nominal", sort=names, legend=None,
                                 scale={"domain": names, "range": [s for _, s, _ in HALF_STYLES[: len(names)]]}),
                 "fill": _field("half", "nominal", sort=names, legend=None,
                                scale={"domain": names, "range": [c if filled else "#ffffff"
                                                                  for c, _, filled in HALF_STYLES[: len(names)]]}),
                 "tooltip": [_field("unit", "nominal", title="Afdeling"), _field("half", "nominal", title="Halvår"),
                             _field(field, "quantitative", title=value_title, format=number)],
             }},
            {"transform": [{"filter": f"datum.half == '{names[0]}'"}],
             "mark": {"type": "text", "align": "left", "dx": 10, "fontSize": FONT_SIZE - 2, "fontWeight": "bold"},
             "encoding": {"x": {"value": "width"}, "text": _field("text", "nominal")}},
        ],
        "resolve": {"scale": {"x": "shared"}},
    }, height=height or max(140, 34 * len(order)), description=description)


def larger(spec: dict, size: int = 20) -> dict:
    """The chart with projector-sized type (a slide): axis labels, titles and
    written values at `size` px."""
    def grow(node):
        if isinstance(node, dict):
            return {k: (size if k == "fontSize" or k.endswith("FontSize") else grow(v)) for k, v in node.items()}
        if isinstance(node, list):
            return [grow(v) for v in node]
        return node

    config = {**spec["config"], "axis": {**spec["config"]["axis"], "labelFontSize": size, "titleFontSize": size},
              "legend": {**spec["config"]["legend"], "labelFontSize": size, "titleFontSize": size}}
    return {**grow({k: v for k, v in spec.items() if k not in ("config", "datasets")}), "config": config,
            **({"datasets": spec["datasets"]} if "datasets" in spec else {})}
