"""`python -m advisor serve`: `streamlit run app.py`, ready before the first leader.

Streamlit runs nothing of the app until a browser connects, so the first
page after a start paid for importing pandas, pyarrow and the app's modules
(about half a second) and for opening the database. Here the same process
imports them, opens the database and reads what every page asks first (the
data's span, the filters' values), then hands over to Streamlit's own
command line: the pages then find all of it in memory. What is loaded by
then is exempt from Python's full garbage collection (gc.freeze).
"""

import gc
import sys
from pathlib import Path

APP = Path(__file__).parent.parent / "app.py"


def warm() -> None:
    """Import what the pages import, and read what every page reads first."""
    import pyarrow  # noqa: F401  (Streamlit's form for tables and charts)
    import streamlit.elements.vega_charts  # noqa: F401

    from advisor import charts, db, filters, loader, meeting, tables, ui  # noqa: F401

    if not db.default_path().exists():
        return  # Streamlit shows the page that says so
    path, _, version = loader.connection()
    loader.load("data_status")
    filters.data_span()
    for org_view in filters.ORG_VIEWS:
        filters._option_values(path, version, org_view, ())


def main(options: list[str]) -> int:
    """Warm up, then run Streamlit's `streamlit run app.py <options>` in this process."""
    from streamlit.web import cli

    try:
        warm()
    except Exception as error:  # never a reason not to start: the page shows what is wrong, redacted
        print(f"Opvarmning sprunget over: {type(error).__name__}", file=sys.stderr)
    # What is in memory now lives as long as the server: Python's full
    # garbage collection, which otherwise walks it all again and again (about
    # 90 ms, in the middle of some leader's rerun), leaves it alone.
    gc.collect()
    gc.freeze()
    sys.argv = ["streamlit", "run", str(APP), *options]
    return cli.main()
