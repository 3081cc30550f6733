"""Streamlit helpers shared by app.py and the pages."""

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from advisor import audit, charts, db, disclosure, export, filters, fmt, inert, tables


def run_through_app() -> None:
    """Make sure app.py (navigation, banner, shared filters) runs before a page.

    Streamlit takes a `pages/` folder for an old-style multipage app until
    `st.navigation` has run once in the process: the first request after a
    start that links straight to a page, and every AppTest run, would run the
    page file alone. Switch that mode off and rerun through app.py.
    """
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def page(title: str, caption: str | None = None, heading: bool = True) -> None:
    """The top of every page: make sure app.py ran, then the title (unless
    `heading` is off: a slide has its own) and what is shown."""
    run_through_app()
    st.set_page_config(page_title=f"{title} · Borgerrådgiveren")  # each page its own window title
    if heading:
        st.title(title)
    if caption:
        st.caption(caption)
        viewed(title, caption)
    if filters.who().protected:
        st.caption(disclosure.FOOTNOTE + " (små tal, og tal de kan regnes ud fra; se Begreber).")


def viewed(page_title: str, choices: str) -> None:
    """For leaders and the secretariat, each view's filter choices go to the
    audit log (once per change), so a differencing attempt can be seen afterwards."""
    who = filters.who()
    if not who.protected or st.session_state.get("last_view") == (page_title, choices):
        return
    audit.record(db.default_path(), who.user or "ukendt", "visning", {"side": page_title, "filtre": choices})
    st.session_state["last_view"] = (page_title, choices)


def database():
    """The database file the app reads and the adviser's writes go to."""
    return db.default_path()


def pair(name: str, widths: list[int] | int = 2, where=st):
    """Two columns side by side that go under each other on a narrow screen
    (app.py's style: a column is at least 360 px), so a chart in one is
    never squeezed until its bars vanish behind their labels."""
    return where.container(key=f"pair-{name}").columns(widths)


def chart(spec: dict, where=st) -> None:
    """Draw a chart exactly as specified (Danish locale, projector-sized type),
    so that the screen and the exported images look the same. `where` is a
    container, e.g. a column."""
    if datasets := spec.get("datasets"):
        spec = {**spec, "datasets": {name: _arrow(data) for name, data in datasets.items()}}
    where.vega_lite_chart(spec, theme=None, width="stretch")


def _arrow(data):
    """A chart's data as an Arrow table, column by column (missing values as
    nulls, as Streamlit's own conversion makes them): that conversion, with
    pandas' metadata and a look at every cell, cost 0,2-0,5 ms a chart."""
    if not isinstance(data, pd.DataFrame):
        return data
    return pa.table({str(column): pa.array(data[column], from_pandas=True) for column in data.columns})


def metrics(rows: list[tuple], per_row: int = 3, compared: str | None = None) -> None:
    """Metric cards: (label, now, before, decimals or "share", delta colour[, guard]).
    `compared` names what the change is against ("mod 2018"), under it.
    Delta colour: "normal" where more is better, "inverse" where less is
    better, "off" where neither is.

    For leaders and the secretariat the guard decides what is hidden:
    {"count": True} for a count, {"basis": (now, before)} for a share or
    median over that many citizens, "part": (now, before) for a share's
    numerator (hidden when it or the rest is small), "of": (now, before) for a
    count that is part of another shown count (hidden when the rest is small),
    and "parent": (now, before) for the same count without the optional
    filters (see advisor/disclosure.py).
    """
    who = filters.who()
    for start in range(0, len(rows), per_row):
        for col, (label, now, before, decimals, colour, *guard) in zip(st.columns(per_row), rows[start : start + per_row]):
            guard = guard[0] if guard and who.protected else None
            hide_now, hide_before = (_hidden(v, guard, i, who.k) for i, v in enumerate((now, before)))
            share = decimals == "share"
            value = fmt.percent(now) if share else fmt.number(now, decimals)
            delta = None if hide_now or hide_before else fmt.change(now, before, 0 if share else decimals, percent_points=share)
            unchanged = delta is not None and delta.startswith("±")
            col.metric(label, disclosure.label(hide_now, who.k) if hide_now else value or "–", delta,
                       delta_color="off" if unchanged else colour, delta_arrow="off" if unchanged else "auto", border=True,
                       delta_description=compared if delta is not None else None)


def counted(column: str, whole_now: pd.Series | None, whole_before: pd.Series | None = None) -> dict:
    """The guard of a count in metrics(): hidden when small, or when it differs
    little from the same count for everything the user may see (`whole_*`).
    Only a leader's or the secretariat's guard reads `whole_*`: the pages
    count those figures for them alone and pass None for the adviser, who
    sees every count (a second per-citizen count of a year costs 50-70 ms at
    10M registrations)."""
    return {"count": True, "parent": tuple(None if whole is None else whole[column] for whole in (whole_now, whole_before))}


def _hidden(value, guard: dict | None, which: int, k: int) -> str | None:
    if guard is None:
        return None
    count = value if guard.get("count") else None
    parent = guard.get("parent", (None, None))[which] if guard.get("count") else None
    return disclosure.protect_value(count, k, parent=parent, basis=guard.get("basis", (None, None))[which],
                                    part=guard.get("part", (None, None))[which], of=guard.get("of", (None, None))[which])


def guarded(frame: pd.DataFrame, protect: dict | None) -> disclosure.Protected | None:
    """`frame` with disclosure control, when the user is a leader or the
    secretariat. `protect` holds the arguments of disclosure.protect; its
    "parent" may be a function that loads it."""
    who = filters.who()
    if not protect or not who.protected:
        return None
    options = dict(protect)
    if callable(options.get("parent")):  # loaded only for those it protects
        options["parent"] = options["parent"]()
    return disclosure.protect(frame, k=who.k, **options)


def labels(protected: disclosure.Protected) -> pd.DataFrame:
    """The text that stands in a hidden cell ("< 5", "skjult"); "" where shown."""
    return protected.hidden.apply(lambda column: column.map(lambda r: protected.label(r) if r else ""))


def bars(frame: pd.DataFrame, category: str, value: str, *, protect: dict | None = None, where=st, **options) -> None:
    """charts.bars, with hidden values drawn as empty bars labelled "< 5"."""
    if (p := guarded(frame, protect)) is not None:
        frame = frame.assign(**{value: p.data[value].fillna(0)}, hidden_label=labels(p)[value])
    chart(charts.bars(frame, category, value, **options), where)


def lines(frame: pd.DataFrame, series: dict[str, str], *, protect: dict | None = None, **options) -> None:
    """charts.lines, with hidden points left out and marked "·" on the axis,
    and the same numbers as a table under "Tal bag diagrammet"."""
    hidden = None
    if (p := guarded(frame, protect)) is not None:
        frame, hidden = p.data, labels(p)
    chart(charts.lines(frame, series, hidden=hidden, **options))
    x = options.get("x", "month_start")
    decimals = 0 if options.get("number", ",d") == ",d" else 1
    # Built from plain lists: pandas' pivot and masks cost milliseconds on every rerun.
    months = sorted(set(pd.to_datetime(frame[x]).tolist()))
    if options.get("by_department"):
        column = list(series)[0]
        shown = _shown(frame[column].tolist(), decimals)
        if hidden is not None:
            shown = [h or v for v, h in zip(shown, hidden[column].tolist())]
        cells = dict(zip(zip(pd.to_datetime(frame[x]).tolist(), frame["department"].tolist()), shown))
        present = set(frame["department"].tolist())
        names = {d: d for d in charts.DEPARTMENT_COLOURS if d in present}
        columns = {name: [cells.get((m, d), "") for m in months] for d, name in names.items()}
    else:
        at = {m: i for i, m in enumerate(pd.to_datetime(frame[x]).tolist())}
        columns = {}
        for column, name in series.items():
            shown = _shown(frame[column].tolist(), decimals)
            if hidden is not None:
                shown = [h or v for v, h in zip(shown, hidden[column].tolist())]
            columns[name] = [shown[at[m]] for m in months]
    table = pd.DataFrame({"Måned": [f"{fmt.MONTHS_SHORT[m.month - 1].lower()}. {m.year}" for m in months], **columns})
    grid(table, list(columns), where=st.expander("Tal bag diagrammet", icon=":material/table:"))


def events(frame: pd.DataFrame) -> None:
    """The events marked on a chart, in words."""
    for e in frame.itertuples():
        when = fmt.date(e.starts_on) if e.ends_on == e.starts_on else f"{fmt.date(e.starts_on)} – {fmt.date(e.ends_on)}"
        st.caption(f"**{inert.markdown(when)}: {inert.markdown(e.label)}.** {inert.markdown(e.description or '')}")


def table(frame: pd.DataFrame, columns: dict[str, str], name: str, formats: dict[str, int | str] | None = None,
          protect: dict | None = None, shown_for: str | None = None, where=st) -> None:
    """A table with Danish headers and numbers, and CSV and Excel downloads.

    `columns` maps result columns to Danish headers (and picks them);
    `formats` gives decimals per column ("+1": with a sign), "share" for a
    percentage or "moment" for a date and time; `protect`: see guarded(). The downloads
    hold the numbers as numbers, and hidden cells as in the table. `shown_for`
    says what the table is for in the audit log, when not the sidebar's filters;
    `where`: the container it is drawn in (a column, a tab).
    """
    formats = formats or {}
    p = guarded(frame, protect)
    hidden = labels(p)[list(columns)].rename(columns=columns) if p is not None else None
    # Built in one go from lists: a table is drawn on every rerun, and pandas
    # charges a millisecond or more for each column set one by one.
    shown = pd.DataFrame({header: _shown(frame[col] if formats.get(col) == "date" else frame[col].tolist(), formats[col])
                          if col in formats else frame[col] for col, header in columns.items()}, index=frame.index)
    if hidden is not None:
        shown = shown.mask(hidden != "", hidden)
    grid(shown, _numeric(columns, formats), where=where)

    def data() -> pd.DataFrame:  # made when a download is clicked
        numbers = frame[list(columns)].rename(columns=columns)
        return numbers if hidden is None else numbers.astype(object).mask(hidden != "", hidden)

    downloads(data, name, shown_for, where)


def long_table(rows: pa.Table, columns: dict[str, str], name: str, formats: dict[str, int | str], where=st) -> None:
    """A long table for the adviser alone (the registrations): the query's
    Arrow result (loader.load_arrow) as text cells, drawn by grid() (a long
    one in Streamlit's data grid), with CSV and Excel downloads as table()
    makes them. No DataFrame on the
    way: for 500 rows, making one and converting it back to Arrow cost 3-4 ms
    a rerun. `formats` as table()'s; a column without one is shown as text.
    It has no disclosure control, so it is never drawn for a leader or the
    secretariat."""
    if filters.who().protected:
        raise PermissionError("long_table has no disclosure control: the adviser's pages only")
    shown = pa.table({header: _cells(rows[col], formats.get(col)) for col, header in columns.items()})
    grid(shown, _numeric(columns, formats), where=where)
    downloads(lambda: numbers(rows, columns), name, None, where)  # made when a download is clicked


def _numeric(columns: dict[str, str], formats: dict[str, int | str]) -> list[str]:
    """The headers of a table's number columns (right-aligned)."""
    return [columns[c] for c, spec in formats.items() if spec not in ("text", "yes/no", "date", "moment")]


_PANDAS_TYPES = {pa.int32(): pd.Int32Dtype(), pa.int64(): pd.Int64Dtype(), pa.bool_(): pd.BooleanDtype()}


def numbers(rows: pa.Table, columns: dict[str, str]) -> pd.DataFrame:
    """A long table's download: its numbers as numbers, in the dtypes a DuckDB DataFrame has, as table() exports them."""
    frame = rows.select(list(columns)).to_pandas(types_mapper=_PANDAS_TYPES.get, date_as_object=False)
    return frame.astype({c: "datetime64[us]" for c in frame.columns if frame[c].dtype.kind == "M"}).rename(columns=columns)


def _cells(column: pa.ChunkedArray, spec: int | str | None) -> pa.ChunkedArray:
    """An Arrow column as text cells, as _shown() writes them (missing as blank), in Arrow's own kernels."""
    if spec == "date":  # each day once (strftime is slow): the newest 500 registrations span a few dozen days
        days = column.combine_chunks().dictionary_encode()
        return pc.fill_null(pc.strftime(days.dictionary, format="%d.%m.%Y").take(days.indices), "")
    if spec == "yes/no":
        return pc.fill_null(pc.if_else(column, "ja", "nej"), "")
    if spec is None or spec == "text":
        return pc.fill_null(column.cast(pa.string()), "")
    return pa.chunked_array([pa.array(_shown(column.to_pylist(), spec), pa.string())])


# Up to this many rows a table is an HTML table of our own; longer ones (the
# registrations, the audit log) scroll in Streamlit's data grid.
HTML_ROWS = 60


def grid(shown: pd.DataFrame | pa.Table, numeric: list[str], emphasised: tuple = (), where=st) -> None:
    """A table of text cells (a DataFrame, or an Arrow table: long_table).
    Short tables are real HTML tables: numbers and
    their headers right-aligned (Streamlit's grid draws every header left,
    whatever the column's alignment), every value escaped (advisor/inert.py),
    rows whose first cell is in `emphasised` ("I alt") bold. Longer tables
    scroll in the data grid, which takes an Arrow table as it is."""
    if len(shown) > HTML_ROWS:
        where.dataframe(shown, hide_index=True, height="auto",
                     column_config={h: st.column_config.TextColumn(h, alignment="right") for h in numeric})
        return
    if isinstance(shown, pa.Table):
        shown = shown.to_pandas()
    columns = list(shown.columns)
    right = [c in numeric for c in columns]

    def cell(tag: str, value, is_number: bool, scope: str = "") -> str:
        text = "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)
        number = ' class="n"' if is_number else ""
        return f"<{tag}{scope}{number}>{inert.html(text)}</{tag}>"

    head = "".join(cell("th", c, r, ' scope="col"') for c, r in zip(columns, right))
    total = ' class="sum"'
    body = "".join(
        f"<tr{total if row[0] in emphasised else ''}>" + "".join(cell("td", v, r) for v, r in zip(row, right)) + "</tr>"
        for row in zip(*(shown.iloc[:, i].tolist() for i in range(len(columns))))  # itertuples makes a class a call
    )
    # A wide table scrolls sideways in its box: the box takes the keyboard focus (tabindex), so it can be scrolled
    # without a mouse, and is named by the table's first header.
    name = inert.html(f"Tabel: {columns[0]}" if columns and str(columns[0]).strip() else "Tabel")
    where.html(f'<div class="tal" tabindex="0" role="region" aria-label="{name}">'
            f'<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>')


def _shown(values: list, spec: int | str) -> list[str]:
    """Cells as text: decimals, "+1" (decimals with a sign), "share",
    "points" (a change of a share, in pct.-point),
    "moment" (date and time), "date" (14.11.2019), "yes/no" or "text"
    (missing as blank)."""
    if spec == "share":
        return [fmt.percent(v) for v in values]
    if spec == "points":  # a change of a share
        return [fmt.points(v, 1) for v in values]
    if spec == "moment":
        return [fmt.moment(v) for v in values]
    if spec == "date":  # each day once: the registrations' 500 rows have four date columns of a few dozen days
        days = pd.to_datetime(values if isinstance(values, pd.Series) else pd.Series(values, dtype=object),
                              errors="coerce").to_numpy("datetime64[D]")
        distinct, at = np.unique(days, return_inverse=True)
        texts = ["" if np.isnat(day) else day.item().strftime("%d.%m.%Y") for day in distinct]
        return [texts[i] for i in at.ravel()]
    if spec == "yes/no":
        return ["" if fmt._missing(v) else "ja" if v else "nej" for v in values]
    if spec == "text":  # a text as it is at once (2.500 cells in the registrations' table)
        return [v if isinstance(v, str) else "" if fmt._missing(v) else str(v) for v in values]
    if str(spec).startswith("+"):
        return [fmt.number(v, int(spec[1:]), signed=True) for v in values]
    return [fmt.number(v, spec) for v in values]


def year_table(table: pd.DataFrame, name: str, signed: bool = False, like: pd.DataFrame | None = None,
               whole: pd.DataFrame | None = None) -> pd.DataFrame | None:
    """A months x years table (tables.year_by_month), with downloads. For
    leaders and the secretariat, small month counts are hidden within each
    year (its "I alt" is shown), with the zeros beside them; a month whose
    difference from the same table without the optional filters (`whole`) is
    small is hidden too. A table of changes (`like` = the labels of the counts
    it is made from) is hidden where either year is. Returns the labels."""
    shown = tables.formatted(table, signed)
    hidden = None
    if filters.who().protected:
        months, k = table.iloc[:12], filters.who().k
        years = list(table.columns[1:])
        if like is None:
            parent = None
            if whole is not None:  # the same months without the optional filters
                parent = whole.iloc[:12].reindex(columns=table.columns).fillna(0)
            options = {"parent": parent, "keys": [table.columns[0]]} if parent is not None else {}
            hidden = labels(disclosure.protect(months, years, k=k, **options))
        else:
            hidden = like.mask(like == "", like.shift(1, axis=1)).fillna("")
        shown.iloc[:12] = shown.iloc[:12].mask(hidden != "", hidden)
        if like is None and len(table) > 12:  # a small year total, and the average made from it
            for year in years:
                total = table[year].iloc[12]
                whole_total = whole[year].iloc[12] if whole is not None and year in whole else None
                if disclosure.is_small(total, k) or (whole_total is not None and disclosure.is_small(whole_total - total, k)):
                    shown.loc[12:, year] = disclosure.HIDDEN
    grid(shown, list(table.columns[1:]), emphasised=tables.TOTAL_ROWS)
    downloads(table if hidden is None else shown, name)
    return hidden


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def download(label: str, make, file_name: str, mime: str, what: dict, where=st) -> None:
    """A download button whose file is made when clicked and written to the audit log."""
    who, database = filters.who(), db.default_path()

    def file() -> bytes:
        audit.record(database, who.user or "uden login", "eksport", what | {"fil": file_name})
        return make()

    where.download_button(label, file, file_name, mime, icon=":material/download:",
                          key=f"download-{file_name.replace('.', '-')}", on_click="ignore")


def downloads(data, name: str, shown_for: str | None = None, where=st) -> None:
    """CSV and Excel buttons for a table (a DataFrame, or a function that
    makes it when clicked), with what it shows (the sidebar's filters unless
    `shown_for` says otherwise) in the audit log."""
    what = {"tabel": name, "filtre": shown_for or filters.describe()}
    make = data if callable(data) else lambda: data
    # The buttons are made when the menu is opened (a rerun): a page holds up
    # to a dozen tables, and two buttons each cost every rerun of it.
    menu = where.popover("Hent", icon=":material/download:", key=f"hent-{name.replace('.', '-')}", on_change="rerun")
    if not menu.open:
        return
    download("CSV (Excel på dansk)", lambda: export.csv_bytes(make()), f"{name}.csv", "text/csv",
             what | {"format": "csv"}, menu)
    download("Excel-fil", lambda: export.xlsx_bytes(make(), name), f"{name}.xlsx", XLSX, what | {"format": "xlsx"}, menu)
