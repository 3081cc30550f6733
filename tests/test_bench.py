"""`make bench` at a tiny size: every part runs and the results are written.

The real benchmark (100k, 1M and 10M rows) takes about 25 minutes and is run
by `make bench`; its figures are in bench/results.md. This only proves it works.
"""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import pandas_baseline  # noqa: E402


def test_the_benchmark_runs_at_a_tiny_size(tmp_path):
    out = tmp_path / "results"
    subprocess.run(
        [sys.executable, str(ROOT / "bench" / "run.py"), "--sizes", "4000", "--imports", "300", "--sessions", "2",
         "--seconds", "4", "--pause", "0.5", "1", "--repeats", "2", "--steps", "4", "--out", str(out), "--work", str(tmp_path / "work")],
        check=True, timeout=600, cwd=tmp_path,
    )
    results = json.loads(out.with_suffix(".json").read_text())
    [size] = results["sizes"]
    assert size["rows"] == 4000
    assert set(size["queries"]) == {p.stem for p in (ROOT / "queries").glob("*.sql")}
    assert set(size["pages"]) == {"overview", "monthly_load", "departments", "waiting_times", "repeat_contacts",
                                  "caseworker_changes", "dialogue_meeting", "glossary", "registrations", "data_import"}
    # The peer computes every figure the app shows, and the same figures.
    assert set(size["pandas"]["aggregations"]) == set(pandas_baseline.BASELINES)
    assert all(a["same_answer"] for a in size["pandas"]["aggregations"].values())
    assert set(size["peer_pages"]) == set(size["pages"])
    # Every filter kind is changed on a page that has them all.
    assert size["pages"]["overview"]["changes"] == 4 and size["peer_pages"]["departments"]["changes"] == 4
    [load] = size["load"]
    assert load["sessions"] == 2 and load["failed_sessions"] == 0 and load["reruns"] > 0
    assert results["imports"][0]["rows"] == 300
    assert all(c["met"] for c in size["checks"]), size["checks"]
    text = out.with_suffix(".md").read_text()
    assert "| overview |" in text and "## Load" in text and "## Import" in text and "times faster than peer" in text


def test_demo_rows_gives_exactly_that_many(tmp_path):
    import duckdb

    from advisor import demo

    path = demo.build(tmp_path / "scaled.duckdb", rows=10_000)
    with duckdb.connect(str(path), read_only=True) as con:
        [(rows, ids, first, last, pseudonyms_with_digits)] = con.execute(
            "select count(*), count(distinct inquiry_id), min(received_on), max(received_on), "
            "count(*) filter (where regexp_matches(citizen_key, '[0-9]')) from inquiries").fetchall()
    assert rows == ids == 10_000
    assert first.year == 2005 and last.year == 2019
    assert pseudonyms_with_digits == 0
