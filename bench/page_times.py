"""Server-side render time of every page (AppTest, from app.py).

    .venv/bin/python bench/page_times.py [DATABASE]

For each page: the first run after the caches are cleared (every query runs),
then a rerun with a changed filter that misses the result cache.
"""

import logging
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).parent.parent
sys.path.insert(0, str(ROOT))
os.environ["ADVISOR_DB"] = sys.argv[1] if len(sys.argv) > 1 else str(ROOT / "data" / "demo.duckdb")

import streamlit as st  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

logging.disable(logging.WARNING)  # AppTest warns that it runs without a server

PAGES = ["overview", "monthly_load", "departments", "waiting_times", "repeat_contacts", "caseworker_changes", "glossary",
         "registrations", "data_import"]


def timed(action) -> float:
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


print(f"{'side':22} {'første visning':>15} {'filterskift':>12}   (ms, median af 5)")
for page in PAGES:
    first, change = [], []
    for _ in range(5):
        st.cache_data.clear()
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
        first.append(timed(lambda: at.switch_page(f"pages/{page}.py").run()))
        assert not at.exception, at.exception
        change.append(timed(lambda: at.selectbox(key="forvaltning").set_value("Borger & Arbejdsmarked").run()))
    print(f"{page:22} {statistics.median(first):15.0f} {statistics.median(change):12.0f}")
