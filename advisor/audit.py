"""The audit log: every import, undo and export, with who, when and what.

It lives in a DuckDB file beside the database (kommune.duckdb.audit). The
database itself is only ever replaced whole by an import (see importer.py);
an export must not copy it. Each entry opens the log, appends and closes, so
the app and the command line can both write; the adviser reads it on the
Data page. Entries never hold a CPR number: they name files (masked),
filters and formats, never citizens.
"""

import datetime as dt
import hashlib
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
    action    text not null,  -- import, fortryd, eksport, login, logout, afvist login, afvist side, visning
    details   text not null   -- JSON
);
alter table audit_log add column if not exists previous_hash text;
alter table audit_log add column if not exists hash text;
create table if not exists revoked_sessions (
    session    text primary key,  -- a hash of the identity token's issuer, subject and time of issue
    revoked_at timestamp not null
);
"""


class Unavailable(RuntimeError):
    """The audit log cannot be written; the message says so in Danish."""


def log_file(database: Path) -> Path:
    database = Path(database)
    return database.with_name(database.name + ".audit")


def entry_hash(previous: str | None, logged_at, who: str, action: str, details: str) -> str:
    """Each entry's hash covers the entry and the hash of the one before: an
    entry changed, removed or inserted later breaks the chain from there on."""
    text = json.dumps([previous or "", str(logged_at), who, action, details], ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def record(database: Path, who: str, action: str, details: dict) -> None:
    text = privacy.mask_cpr(json.dumps(details, ensure_ascii=False, default=str))
    who = privacy.mask_cpr(who)
    for attempt in range(50):  # another process may be writing: wait for it
        try:
            with duckdb.connect(str(log_file(database))) as con:
                con.execute(CREATE)
                con.execute("begin transaction")
                [(previous,)] = con.execute(
                    "select (select hash from audit_log order by logged_at desc, rowid desc limit 1)").fetchall()
                at = dt.datetime.now()
                con.execute("insert into audit_log values ($at, $who, $action, $details, $previous, $hash)",
                            {"at": at, "who": who, "action": action, "details": text, "previous": previous,
                             "hash": entry_hash(previous, at, who, action, text)})
                con.execute("commit")
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
        return con.execute("select logged_at, who, action, details from audit_log "
                           "order by logged_at desc, rowid desc limit $n", {"n": limit}).df()


def verify(database: Path) -> tuple[int, str | None]:
    """How many entries the chain holds, and what is wrong with it (None: intact)."""
    path = log_file(database)
    if not path.exists():
        return 0, None
    with duckdb.connect(str(path), read_only=True) as con:
        rows = con.execute("select logged_at, who, action, details, previous_hash, hash from audit_log "
                           "order by logged_at, rowid").fetchall()
    previous = None
    for number, (at, who, action, details, said_previous, said_hash) in enumerate(rows, start=1):
        if said_hash is None and previous is None:
            continue  # written before the chain existed
        if said_previous != previous or said_hash != entry_hash(previous, at, who, action, details):
            return len(rows), f"post {number} ({at:%d.%m.%Y kl. %H.%M}) er ændret, eller en post før den mangler"
        previous = said_hash
    return len(rows), None


def revoke(database: Path, session: str) -> None:
    """Remember that a login has ended: its cookie opens nothing any more."""
    with duckdb.connect(str(log_file(database))) as con:
        con.execute(CREATE)
        con.execute("insert or ignore into revoked_sessions values ($s, $at)", {"s": session, "at": dt.datetime.now()})


def revoked(database: Path, session: str) -> bool:
    path = log_file(database)
    if not path.exists():
        return False
    for attempt in range(50):
        try:
            with duckdb.connect(str(path)) as con:
                con.execute(CREATE)
                return bool(con.execute("select count(*) from revoked_sessions where session = $s",
                                        {"s": session}).fetchone()[0])
        except duckdb.IOException:
            time.sleep(0.05)
    return True  # cannot tell: fail closed
