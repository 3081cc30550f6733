"""Run the named queries in queries/*.sql with bound $parameters.

A query's name is its file name. Parameters are always bound by DuckDB,
never pasted into the SQL text. A query whose text says
`-- derived from: <other>` reads the other query's result as a table of that
name instead of the registrations (by_department sums by_unit's rows), so a
page that shows both counts the registrations once.
"""

import os
import re
import tempfile
import threading
import warnings
from functools import cache
from pathlib import Path

import duckdb
import holidays
import pandas as pd
import pyarrow as pa

QUERY_DIR = Path(__file__).parent.parent / "queries"
CONNECT_SQL = Path(__file__).parent / "connect.sql"
ORDER_SQL = Path(__file__).parent / "order.sql"
CALENDAR_SQL = Path(__file__).parent / "calendar.sql"
SUMMARY_SQL = Path(__file__).parent / "summary.sql"
SUMMARISED_SQL = Path(__file__).parent / "summarised.sql"
_PARAMETER = re.compile(r"\$([a-z_][a-z0-9_]*)")
_DERIVED = re.compile(r"^-- derived from: ([a-z_]+)$", re.MULTILINE)


@cache
def text(name: str) -> str:
    return (QUERY_DIR / f"{name}.sql").read_text()


_parsed: dict[str, duckdb.Statement] = {}
_parsing = threading.Lock()  # the loader's threads parse as they first run a query, on DuckDB's default connection


def statement(name: str) -> duckdb.Statement:
    """The query parsed once. DuckDB runs a copy of it with each run's
    parameters, as it would run the text; parsing a long query again cost
    1-2 ms a run (a dozen queries a dialogue meeting)."""
    with _parsing:
        if name not in _parsed:
            [_parsed[name]] = duckdb.extract_statements(text(name))
        return _parsed[name]


@cache
def source(name: str) -> str | None:
    """The query a derived query reads, or None."""
    found = _DERIVED.search(text(name))
    return found.group(1) if found else None


@cache
def own_parameters(name: str) -> frozenset[str]:
    """The $names a query's own text binds."""
    return frozenset(_PARAMETER.findall(text(name)))


@cache
def parameters(name: str) -> frozenset[str]:
    """The $names a query needs: its own, and those of the query it is derived from."""
    return own_parameters(name) | (parameters(source(name)) if source(name) else frozenset())


# DuckDB's share of the server's memory, and where a query that needs more
# spills to, instead of failing: one connection serves every session of the
# app (loader.py), and the server should stay under 1 GB at 10 million rows
# with 30 leaders clicking (bench/results.md).
MEMORY_LIMIT = os.environ.get("ADVISOR_DUCKDB_MEMORY") or "512MB"
TEMP_DIRECTORY = os.environ.get("ADVISOR_DUCKDB_TEMP") or str(Path(tempfile.gettempdir()) / "borgerraadgiver-duckdb")


def connect(path, memory_limit: str = MEMORY_LIMIT) -> duckdb.DuckDBPyConnection:
    """A read-only view of the database at `path`, with the shared macros.

    The file is attached read-only to an in-memory database that holds the
    views, the filter macro and the working-day calendar, so every cursor of
    the connection sees them and nothing can write to the file through it.
    """
    con = duckdb.connect(config={"memory_limit": memory_limit, "temp_directory": TEMP_DIRECTORY})
    con.execute("attach $path as data (read_only)", {"path": str(path)})
    calendar(con)
    con.execute(ORDER_SQL.read_text())
    current = summary_is_current(con)
    # The stored order and summary were made at the last write; a database
    # written before they existed, or by hand, is numbered and counted now.
    con.execute("create view inquiries as select * from " + ("data.inquiries" if current else "numbered_inquiries()"))
    con.execute(CONNECT_SQL.read_text())
    _recorded_meetings(con)
    if current:
        con.execute("create view month_summary as select * from data.month_summary")
        con.execute("create view filter_values as select * from data.filter_values")
        con.execute("create view half_summary as select * from data.half_summary")
    else:
        con.execute(SUMMARY_SQL.read_text())
    con.execute(SUMMARISED_SQL.read_text())
    return con


def calendar(con: duckdb.DuckDBPyConnection) -> None:
    """The working-day calendar 2000-2040 (advisor/calendar.sql) in the connection's own catalog."""
    danish_holidays = sorted(holidays.Denmark(years=range(2000, 2041)))
    con.execute(CALENDAR_SQL.read_text(), {"holidays": danish_holidays})


# (table, missing from the file) -> its view: the stored table, or the empty one of the schema.
RECORDED_VIEWS = {
    ("meetings", False): "create view meetings as select * from data.meetings",
    ("meetings", True): "create view meetings as select * from blank.meetings",
    ("agreements", False): "create view agreements as select * from data.agreements",
    ("agreements", True): "create view agreements as select * from blank.agreements",
}


def _recorded_meetings(con: duckdb.DuckDBPyConnection) -> None:
    """Views of the meetings and agreements (advisor/agreements.py); empty
    ones, of the schema's own tables, for a database made before they existed."""
    stored = {name for (name,) in con.execute(
        "select table_name from duckdb_tables() where database_name = 'data'").fetchall()}
    missing = [t for t in ("meetings", "agreements") if t not in stored]
    if missing:
        con.execute("attach ':memory:' as blank")
        con.execute("use blank")
        con.execute(Path(__file__).with_name("schema.sql").read_text())
        con.execute("use memory")
    for table in ("meetings", "agreements"):
        con.execute(RECORDED_VIEWS[table, table in missing])


def summary_is_current(con: duckdb.DuckDBPyConnection) -> bool:
    """True when the stored month summary, filter values and numbering were
    made for the data as they are, in this version's form."""
    try:
        [(current,)] = con.execute(
            "select summary_version is not distinct from data_version"
            " and not exists (select 1 from data.month_summary where proper_only is null)"
            " and not exists (select 1 from data.inquiries where citizen_no is null or unit_no is null)"
            " and (select count(*) from data.filter_values) >= 0"
            " and (select count(*) from data.half_summary) >= 0"
            " and not exists (select working_days_to_answer from data.inquiries where false)"
            " from data.meta").fetchall()
        return bool(current)
    except duckdb.CatalogException:  # no filter values: older than them
        return False
    except duckdb.BinderException:  # no summary_version, or a summary of an older form
        return False


def names() -> list[str]:
    return sorted(p.stem for p in QUERY_DIR.glob("*.sql"))


def run(con: duckdb.DuckDBPyConnection, name: str, params: dict | None = None, *,
        given: pd.DataFrame | None = None, arrow: bool = False) -> pd.DataFrame | pa.Table:
    """Run query `name` on its own cursor, binding the parameters it uses.

    Callers may pass a shared dict of filters; the query takes what it needs.
    A derived query reads `given`, the result of its source for the same
    parameters (the app's loader passes its cached one), or runs the source.
    With `arrow`, the result is an Arrow table, not a DataFrame: a long
    table drawn as it is (the registrations' 500 rows) is sent to the browser
    as Arrow, and a DataFrame on the way cost 2-3 ms.
    """
    params = params or {}
    missing = parameters(name) - params.keys()
    if missing:
        raise KeyError(f"query {name!r} needs parameters {sorted(missing)}")
    with con.cursor() as cur:
        if source(name):
            cur.register(source(name), run(con, source(name), params) if given is None else given)
        result = cur.execute(statement(name), {k: params[k] for k in own_parameters(name)})
        if not arrow:
            return result.df()
        with warnings.catch_warnings():  # "an extra copy of the rows": of the few a page draws
            warnings.simplefilter("ignore", UserWarning)
            return result.to_arrow_table()
