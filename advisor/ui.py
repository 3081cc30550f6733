"""Streamlit helpers shared by app.py and the pages."""

import altair as alt
import pandas as pd
import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from advisor import export, fmt, tables


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


def page(title: str, caption: str | None = None) -> None:
    """The top of every page: make sure app.py ran, then the title and what is shown."""
    run_through_app()
    st.title(title)
    if caption:
        st.caption(caption)


def chart(spec: alt.Chart, where=st) -> None:
    """Draw a chart exactly as specified (Danish locale, projector-sized type),
    so that the screen and the exported images look the same. `where` is a
    container, e.g. a column."""
    where.altair_chart(spec, theme=None, width="stretch")


def metrics(rows: list[tuple], per_row: int = 3) -> None:
    """Metric cards: (label, now, before, decimals or "share", delta colour)."""
    for start in range(0, len(rows), per_row):
        for col, (label, now, before, decimals, colour) in zip(st.columns(per_row), rows[start : start + per_row]):
            share = decimals == "share"
            value = fmt.percent(now) if share else fmt.number(now, decimals)
            delta = fmt.change(now, before, 0 if share else decimals, percent_points=share)
            unchanged = delta is not None and delta.startswith("±")
            col.metric(label, value or "–", delta, delta_color="off" if unchanged else colour,
                       delta_arrow="off" if unchanged else "auto", border=True)


def events(frame: pd.DataFrame) -> None:
    """The events marked on a chart, in words."""
    for e in frame.itertuples():
        when = fmt.date(e.starts_on) if e.ends_on == e.starts_on else f"{fmt.date(e.starts_on)} – {fmt.date(e.ends_on)}"
        st.caption(f"**{when}: {e.label}.** {e.description or ''}")


def table(frame: pd.DataFrame, columns: dict[str, str], name: str, formats: dict[str, int | str] | None = None) -> None:
    """A table with Danish headers and numbers, and CSV and Excel downloads.

    `columns` maps result columns to Danish headers (and picks them);
    `formats` gives decimals per column, "share" for a percentage or
    "moment" for a date and time.
    The downloads hold the numbers as numbers.
    """
    formats = formats or {}
    data = frame[list(columns)].rename(columns=columns)
    shown = data.copy()
    for col, spec in formats.items():
        header = columns[col]
        show = {"share": fmt.percent, "moment": fmt.moment}.get(spec, lambda v: fmt.number(v, spec))
        shown[header] = [show(v) for v in data[header]]
    numeric = [columns[c] for c in formats]
    st.dataframe(
        shown, hide_index=True, height="content" if len(shown) <= 30 else "auto",
        column_config={h: st.column_config.TextColumn(h, alignment="right") for h in numeric},
    )
    downloads(data, name)


def year_table(table: pd.DataFrame, name: str, signed: bool = False) -> None:
    """A months x years table (tables.year_by_month), with downloads."""
    st.dataframe(
        tables.emphasise_totals(tables.formatted(table, signed)),
        hide_index=True, height="content",
        column_config={c: st.column_config.TextColumn(c, alignment="right") for c in table.columns[1:]},
    )
    downloads(table, name)


def downloads(data: pd.DataFrame, name: str) -> None:
    """CSV and Excel buttons; the files are made only when a button is clicked."""
    left, right, _ = st.columns([1, 1, 4])
    left.download_button("CSV", lambda: export.csv_bytes(data), f"{name}.csv", "text/csv",
                         icon=":material/download:", key=f"csv-{name}", on_click="ignore")
    right.download_button("Excel", lambda: export.xlsx_bytes(data, name), f"{name}.xlsx",
                          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                          icon=":material/download:", key=f"xlsx-{name}", on_click="ignore")
