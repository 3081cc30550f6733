"""The app's one way to the data: a cached read-only connection and cached results.

Results are cached by (database file, query, parameters, data version), so a
new import is seen on the next rerun and an unchanged database is never asked
twice. The connection is keyed by the file's identity: every write replaces
the file whole (importer.writable_copy), so the next rerun opens the new file,
and the data version, read once when a connection opens, cannot change under it.
"""

import os

import duckdb
import pandas as pd
import streamlit as st

from advisor import db, queries


@st.cache_resource(max_entries=2, show_spinner=False)
def _connection(path: str, identity: tuple[int, int]) -> tuple[duckdb.DuckDBPyConnection, int]:
    con = queries.connect(path)
    return con, int(queries.run(con, "data_version").iloc[0, 0])


def connection() -> tuple[str, duckdb.DuckDBPyConnection, int]:
    path = str(db.default_path())
    stat = os.stat(path)
    return path, *_connection(path, (stat.st_ino, stat.st_mtime_ns))


@st.cache_data(max_entries=5000, show_spinner=False)
def _result(path: str, name: str, params: dict, version: int) -> pd.DataFrame:
    source = queries.source(name)
    given = None if source is None else _result(path, source, _wanted(source, params), version)
    return queries.run(connection()[1], name, params, given=given)


def _wanted(name: str, params: dict) -> dict:
    return {k: v for k, v in params.items() if k in queries.parameters(name)}


def load(name: str, **params) -> pd.DataFrame:
    """The result of queries/<name>.sql for these parameters."""
    path, _, version = connection()
    return _result(path, name, _wanted(name, params), version)
