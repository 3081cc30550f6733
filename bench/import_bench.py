"""Time importing a 100k and a 1M row CSV into a fresh database.

    .venv/bin/python bench/import_bench.py [ROWS ...]

The files are made from the demo's registrations (repeated, with new Løbenr.
and citizens written as CPR-like numbers, so pseudonymising is exercised).
"""

import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("ADVISOR_PSEUDONYM_KEY", "benchmark-key")

import pandas as pd  # noqa: E402

from advisor import db, demo, importer  # noqa: E402


def log_file(rows: int) -> bytes:
    base = demo.registrations()
    frame = pd.concat([base] * (rows // len(base) + 1), ignore_index=True).head(rows)
    day = lambda column: pd.to_datetime(frame[column]).dt.strftime("%d-%m-%Y").fillna("")  # noqa: E731
    log = pd.DataFrame({
        "Løbenr.": [f"B-{i}" for i in range(rows)],
        "Borger": [f"{(i % 28) + 1:02d}{(i // 28) % 12 + 1:02d}{i % 90 + 10:02d}-{i % 9973:04d}" for i in range(rows)],
        "Modtaget": day("received_on"), "Kanal": frame["channel"], "Forvaltning": frame["department"],
        "Afdeling": frame["unit"], "Henvendelsestype": frame["inquiry_type"], "Emne": frame["topic"].fillna(""),
        "Første svar": day("first_answer_on"), "Møde": day("meeting_on"), "Afsluttet": day("closed_on"),
        "Sagsbehandlerskift (antal)": frame["caseworker_changes"].astype("string").fillna(""),
        "Gene ved skift": frame["caseworker_change_trouble"].map({True: "ja", False: "nej"}).fillna(""),
        "Bemærkning": "fritekst",
    })
    return log.to_csv(index=False, sep=";").encode("utf-8")


for rows in [int(n) for n in sys.argv[1:]] or [100_000, 1_000_000]:
    data = log_file(rows)
    with tempfile.TemporaryDirectory() as tmp:
        database = db.build(Path(tmp) / "bench.duckdb", is_demo=False)
        start = time.perf_counter()
        report = importer.import_file(database, data, "bench.csv", today=dt.date(2026, 1, 1))
        seconds = time.perf_counter() - start
        assert report.done and report.rows_imported == rows, report.lines()[:5]
        print(f"{rows:>9,} rækker: {seconds:6.1f} s import ({len(data) / 1e6:.0f} MB CSV; "
              f"database {database.stat().st_size / 1e6:.0f} MB)".replace(",", "."))
