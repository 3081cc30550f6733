"""The audit log: every import, undo and export, with who, when and what.

It lives in a DuckDB file beside the database (kommune.duckdb.audit). The
database itself is only ever replaced whole by an import (see importer.py);
an export must not copy it. Each entry opens the log, appends and closes, so
the app and the command line can both write; the adviser reads it on the
Data page. Entries never hold a CPR number: they name files (masked),
filters and formats, never citizens.
"""

import datetime as dt
import json
import time
from pathlib import Path

import duckdb
import pandas as pd

from advisor import privacy

CREATE = """
create table if not exists audit_log (
    logged_at timestamp not null,
    who       text not null,
    action    text not null,  -- import, fortryd, eksport
    details   text not null   -- JSON
)
"""


class Unavailable(RuntimeError):
    """The audit log cannot be written; the message says so in Danish."""


def log_file(database: Path) -> Path:
    database = Path(database)
    return database.with_name(database.name + ".audit")


def record(database: Path, who: str, action: str, details: dict) -> None:
    text = privacy.mask_cpr(json.dumps(details, ensure_ascii=False, default=str))
    for attempt in range(50):  # another process may be writing: wait for it
        try:
            with duckdb.connect(str(log_file(database))) as con:
                con.execute(CREATE)
                con.execute("insert into audit_log values ($at, $who, $action, $details)",
                            {"at": dt.datetime.now(), "who": privacy.mask_cpr(who), "action": action, "details": text})
            return
        except duckdb.IOException:
            time.sleep(0.1)
        except (duckdb.Error, OSError):
            break
    raise Unavailable(f"Revisionsloggen ({log_file(database).name}) kunne ikke skrives.")


def entries(database: Path, limit: int = 500) -> pd.DataFrame:
    path = log_file(database)
    if not path.exists():
        return pd.DataFrame(columns=["logged_at", "who", "action", "details"])
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute("select * from audit_log order by logged_at desc limit $n", {"n": limit}).df()
