"""Creating and opening advisor databases."""

import os
from pathlib import Path

import duckdb

from advisor import queries

ROOT = Path(__file__).parent.parent
DATA = ROOT / "data"
SCHEMA = Path(__file__).parent / "schema.sql"
DEMO_DB = DATA / "demo.duckdb"
# Counting the month summary of a national-scale log at a write may use more
# than a reader; it spills to disk beyond this.
WRITE_MEMORY = "4GB"


def default_path() -> Path:
    """The database the app and the CLI use: $ADVISOR_DB or the demo database."""
    return Path(os.environ.get("ADVISOR_DB") or DEMO_DB)


def create(con: duckdb.DuckDBPyConnection, *, is_demo: bool) -> None:
    """Create the schema and load the reference tables from data/*.csv."""
    con.execute(SCHEMA.read_text())
    for table in ("organisation", "published_monthly", "events"):
        con.read_csv(str(DATA / f"{table}.csv"), header=True).insert_into(table)
    con.execute(
        "insert into meta (is_demo, data_version, updated_at) values ($is_demo, 1, current_timestamp::timestamp)",
        {"is_demo": is_demo},
    )


def bump_version(con: duckdb.DuckDBPyConnection) -> None:
    """Mark a write, so that cached results of the old data are not reused."""
    con.execute(
        "update meta set data_version = data_version + 1, updated_at = current_timestamp::timestamp"
    )


def store_summary(path: Path) -> None:
    """Number the registrations and citizens (advisor/order.sql), count the
    month summary and the filters' values of the database at `path`, and
    store them there.

    Called after every write, before the file is moved into place. It is
    counted by the readers' own macros (queries.connect counts it when the
    stored one is stale, as it is here), so the summary and the registrations cannot disagree.
    """
    with queries.connect(path, memory_limit=WRITE_MEMORY) as reader:
        summary = reader.sql("select * from month_summary").to_arrow_table()
        values = reader.sql("select * from filter_values").to_arrow_table()
        halves = reader.sql("select * from half_summary").to_arrow_table()
        [(version,)] = reader.execute("select data_version from meta").fetchall()
    with duckdb.connect() as con:  # the file as "data", as order.sql expects
        con.execute("attach $path as data", {"path": str(path)})
        queries.calendar(con)
        con.execute(queries.ORDER_SQL.read_text())
        con.execute("begin")
        con.execute("update data.inquiries set position = numbered.position, citizen_no = numbered.citizen_no, "
                    "working_days_to_answer = numbered.working_days_to_answer, unit_no = numbered.unit_no "
                    "from numbered_inquiries() as numbered where data.inquiries.inquiry_id = numbered.inquiry_id")
        con.execute("delete from data.month_summary")
        con.execute("insert into data.month_summary by name select * from summary")
        con.execute("delete from data.filter_values")
        con.execute("insert into data.filter_values by name select * from values")
        con.execute("delete from data.half_summary")
        con.execute("insert into data.half_summary by name select * from halves")
        con.execute("update data.meta set summary_version = $version", {"version": version})
        con.execute("commit")
        con.execute("checkpoint data")


def rewrite(path: Path, fresh: Path) -> None:
    """Write the database at `path` anew at `fresh`, table by table: a file
    with no free blocks, so nothing deleted from `path` is left in it."""
    with duckdb.connect() as con:
        con.execute("attach $path as old (read_only)", {"path": str(path)})
        con.execute("attach $fresh as new", {"fresh": str(fresh)})
        con.execute("copy from database old to new")
        con.execute("detach new")


def build(path: Path, fill=None, *, is_demo: bool) -> Path:
    """Build a complete database in a temporary file, then move it into place.

    A half-built database is never left at `path`: readers see the old file or
    the new one.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".building")
    tmp.unlink(missing_ok=True)
    with duckdb.connect(str(tmp)) as con:
        create(con, is_demo=is_demo)
        if fill is not None:
            fill(con)
        con.execute("checkpoint")
    store_summary(tmp)
    os.replace(tmp, path)
    return path
