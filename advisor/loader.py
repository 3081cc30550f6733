"""The app's one way to the data: a cached read-only connection and cached results.

Results are cached by (database file, query, parameters, data version), so a
new import is seen on the next rerun and an unchanged database is never asked
twice. The connection is keyed by the file's identity: every write replaces
the file whole (importer.writable_copy), so the next rerun opens the new file,
and the data version, read once when a connection opens, cannot change under it.

Both caches are plain dictionaries shared by every session of the server
process, as st.cache_resource and st.cache_data would share them, but without
their cost on every call (hashing the parameters, unpickling a copy of the
result: 0,3-0,5 ms a query, a dozen queries a page). A result is handed out
as a shallow copy: under pandas' copy-on-write a caller that changes it
changes its own copy, never the cached one.

A page may name the queries it will load (prefetch): they start at once on
a small pool of threads and run while the page draws what it already has.
Whoever asks for a result that is being computed waits for it instead of
computing it again, so 30 sessions asking the same thing count it once.
"""

import os
import threading
from collections import OrderedDict
from concurrent.futures import Future, ThreadPoolExecutor

import duckdb
import pandas as pd
import pyarrow as pa

from advisor import db, queries

MAX_CONNECTIONS = 2  # the file as it is, and the one just replaced while a run still reads it
MAX_RESULTS = 3000
# Queries running at once: as many as there are cores. More would not finish
# sooner (each uses every core), only hold more memory at once: 30 leaders
# clicking at 10M registrations made DuckDB run out of its share.
RUNNING = threading.BoundedSemaphore(os.cpu_count() or 2)

_lock = threading.Lock()
_connections: "OrderedDict[tuple, tuple[duckdb.DuckDBPyConnection, int]]" = OrderedDict()
_results: "OrderedDict[tuple, pd.DataFrame]" = OrderedDict()
_running: dict[tuple, Future] = {}  # results being computed, by the same key
# Prefetched queries run here; RUNNING still bounds how many run at once.
_pool = ThreadPoolExecutor(max_workers=os.cpu_count() or 2, thread_name_prefix="prefetch")


def _connection(path: str, identity: tuple[int, int]) -> tuple[duckdb.DuckDBPyConnection, int]:
    key = (path, identity)
    with _lock:
        if key in _connections:
            _connections.move_to_end(key)
            return _connections[key]
        con = queries.connect(path)
        _connections[key] = (con, int(queries.run(con, "data_version").iloc[0, 0]))
        while len(_connections) > MAX_CONNECTIONS:
            _connections.popitem(last=False)  # closed when no run uses it any more
        return _connections[key]


def connection() -> tuple[str, duckdb.DuckDBPyConnection, int]:
    path = str(db.default_path())
    stat = os.stat(path)
    return path, *_connection(path, (stat.st_ino, stat.st_mtime_ns))


def clear() -> None:
    """Forget every connection and result (tests start each app afresh)."""
    with _lock:
        _connections.clear()
        _results.clear()
        _running.clear()


def _key(params: dict) -> tuple:
    return tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in params.items()))


def _cache_key(path: str, version: int, name: str, params: dict, arrow: bool) -> tuple:
    """A result's key: the file, its data version, the query, its parameters, and its form (DataFrame or Arrow)."""
    return (path, version, name, _key(params)) + (("arrow",) if arrow else ())


def _claim(key: tuple) -> tuple[pd.DataFrame | Future, bool]:
    """The cached result, or the one being computed; else a new promise the
    caller must keep (True): each result is computed once, whoever asks."""
    with _lock:
        if key in _results:
            _results.move_to_end(key)
            return _results[key], False
        if key in _running:
            return _running[key], False
        _running[key] = Future()
        return _running[key], True


def _fill(promise: Future, key: tuple, path: str, con: duckdb.DuckDBPyConnection, version: int, name: str,
          params: dict, arrow: bool = False) -> pd.DataFrame | pa.Table:
    try:
        source = queries.source(name)
        given = None if source is None else _result(path, con, version, source, _wanted(source, params))
        with RUNNING:
            result = queries.run(con, name, params, given=given, arrow=arrow)
    except BaseException as error:
        with _lock:
            _running.pop(key, None)
        promise.set_exception(error)
        raise
    with _lock:
        _results[key] = result
        while len(_results) > MAX_RESULTS:
            _results.popitem(last=False)
        _running.pop(key, None)
    promise.set_result(result)
    return result


def _result(path: str, con: duckdb.DuckDBPyConnection, version: int, name: str, params: dict,
            arrow: bool = False) -> pd.DataFrame | pa.Table:
    key = _cache_key(path, version, name, params, arrow)
    found, mine = _claim(key)
    if mine:
        return _fill(found, key, path, con, version, name, params, arrow)
    return found.result() if isinstance(found, Future) else found


def _start(path: str, con: duckdb.DuckDBPyConnection, version: int, name: str, params: dict, arrow: bool = False) -> None:
    source = queries.source(name)
    if source is not None:  # queued before what is derived from it: no worker waits on a query still queued
        _start(path, con, version, source, _wanted(source, params))
    key = _cache_key(path, version, name, params, arrow)
    promise, mine = _claim(key)
    if mine:
        _pool.submit(_fill, promise, key, path, con, version, name, params, arrow).add_done_callback(_quiet)


def _quiet(done: Future) -> None:
    done.exception()  # a failed prefetch fails again, visibly, where the page loads it


def prefetch(*requests: tuple[str, dict], arrow: bool = False) -> None:
    """Start these queries, (name, params) each, in the background: they run
    (DuckDB without Python's lock) while the page draws what it has, and
    load() (with `arrow`: load_arrow()) then finds them done or waits for them."""
    path, con, version = connection()
    for name, params in requests:
        _start(path, con, version, name, _wanted(name, params), arrow)


def _wanted(name: str, params: dict) -> dict:
    return {k: v for k, v in params.items() if k in queries.parameters(name)}


def load(name: str, **params) -> pd.DataFrame:
    """The result of queries/<name>.sql for these parameters."""
    path, con, version = connection()
    return _result(path, con, version, name, _wanted(name, params)).copy(deep=False)


def load_arrow(name: str, **params) -> pa.Table:
    """The same result as an Arrow table (immutable, so handed out as it is):
    for a long table drawn as it is, which then never becomes a DataFrame (ui.long_table)."""
    path, con, version = connection()
    return _result(path, con, version, name, _wanted(name, params), arrow=True)
