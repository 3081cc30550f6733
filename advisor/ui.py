"""Streamlit helpers shared by app.py and the pages."""

import altair as alt
import streamlit as st
from streamlit.runtime.pages_manager import PagesManager


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


def chart(spec: alt.Chart) -> None:
    """Draw a chart exactly as specified (Danish locale, projector-sized type),
    so that the screen and the exported images look the same."""
    st.altair_chart(spec, theme=None, width="stretch")
