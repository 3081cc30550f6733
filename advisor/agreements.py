"""What a dialogue meeting agreed, recorded by the adviser and followed up at
the next meeting.

A meeting (date, department, the half-year it went through, the units
present) holds agreements: a short text, the unit that owns it, the meeting
figure it aims to move (meeting.FIGURES) and a follow-up date, with a status
updated later. Every write goes through the import's safe write path
(importer.writable_copy: lock, copy, one transaction, rename), is audited
(without the text) and can be undone, newest first. The text is checked like
an import's cells: cleaned, limited in length, and refused when it holds a
CPR number, contact details or a person's name (privacy.personal_text_problem).
"""

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from advisor import cells, db, importer, meeting, periods, privacy

STATUSES = ("åben", "i gang", "gennemført", "opgivet")
MAX_TEXT = 200
Refused = importer.ImportRefused  # one kind of refusal for every write, with a Danish message


@dataclass
class Agreement:
    what: str
    unit: str
    figure: str
    follow_up_on: dt.date
    status: str = "åben"


def problems(agreements: list[Agreement], units: list[str]) -> list[str]:
    """Danish messages naming the agreement (by its number) and the field."""
    found = []
    for number, a in enumerate(agreements, start=1):
        where = f"Aftale {number}"
        text = cells.clean(a.what)
        if not text:
            found.append(f"{where}, Aftale: skriv, hvad der blev aftalt.")
        elif problem := (cells.control_character(a.what) or privacy.personal_text_problem(text)):
            found.append(f"{where}, Aftale: teksten {problem}.")
        elif len(text) > MAX_TEXT:
            found.append(f"{where}, Aftale: teksten er {len(text)} tegn lang; højst {MAX_TEXT} tegn.")
        if a.unit not in units:
            found.append(f"{where}, Afdeling: vælg en af forvaltningens afdelinger.")
        if a.figure not in meeting.FIGURES:
            found.append(f"{where}, Tal: vælg et af mødets tal.")
        if a.status not in STATUSES:
            found.append(f"{where}, Status: vælg en af {', '.join(STATUSES)}.")
        if not isinstance(a.follow_up_on, dt.date) or pd.isna(a.follow_up_on):
            found.append(f"{where}, Opfølgning: skriv en dato.")
    return found


def _units(con: duckdb.DuckDBPyConnection, department: str) -> list[str]:
    return [u for (u,) in con.execute(
        "select distinct unit from organisation where department = $d order by unit", {"d": department}).fetchall()]


def _change(con: duckdb.DuckDBPyConnection, action: str) -> int:
    change_id = con.execute("select coalesce(max(change_id), 0) + 1 from agreement_changes").fetchone()[0]
    con.execute("insert into agreement_changes values ($id, current_timestamp::timestamp, $action, null)",
                {"id": change_id, "action": action})
    return change_id


def record(database: Path, *, held_on: dt.date, department: str, half: str, units_present: list[str],
           agreements: list[Agreement], who: str = "kommandolinjen") -> int:
    """Record a meeting and its agreements; the new meeting's id. Nothing is
    written when anything is wrong (Refused, with every problem)."""
    with importer.writable_copy(database, demo_ok=True) as con:
        units = _units(con, department)
        found = [] if units else [f"Forvaltning: {department!r} findes ikke i organisationen."]
        if not isinstance(held_on, dt.date) or pd.isna(held_on):
            found.append("Mødedato: skriv en dato.")
        try:
            half = periods.parse(half).key
        except ValueError:
            found.append(f"Halvår: {half!r} er ikke et halvår (skriv fx 2018H2).")
        if "H" not in str(half):
            found.append(f"Halvår: {half!r} er ikke et halvår (skriv fx 2018H2).")
        if unknown := [u for u in units_present if u not in units]:
            found.append(f"Til stede: {len(unknown)} afdeling(er) hører ikke til forvaltningen.")
        found += problems(agreements, units)
        if found:
            raise Refused("Mødet er ikke gemt:\n" + "\n".join(f"- {p}" for p in dict.fromkeys(found)))
        con.execute("begin transaction")
        change_id = _change(con, "møde")
        meeting_id = con.execute("select coalesce(max(meeting_id), 0) + 1 from meetings").fetchone()[0]
        con.execute("insert into meetings values ($id, $held_on, $department, $half, $units, $change)",
                    {"id": meeting_id, "held_on": held_on, "department": department, "half": half,
                     "units": list(units_present), "change": change_id})
        first = con.execute("select coalesce(max(agreement_id), 0) + 1 from agreements").fetchone()[0]
        for number, a in enumerate(agreements):
            con.execute("insert into agreements values ($id, $meeting, $what, $unit, $figure, $follow_up, $status, $change)",
                        {"id": first + number, "meeting": meeting_id, "what": cells.clean(a.what), "unit": a.unit,
                         "figure": a.figure, "follow_up": a.follow_up_on, "status": a.status, "change": change_id})
        db.bump_version(con)
        con.execute("commit")
        importer.logged(database, who, "dialogmøde", {"ændring": change_id, "møde": meeting_id, "forvaltning": department,
                                                     "halvår": half, "aftaler": len(agreements)})
    return meeting_id


def set_status(database: Path, agreement_id: int, status: str, who: str = "kommandolinjen") -> None:
    """Change an agreement's status (the row as it was is kept for undo)."""
    if status not in STATUSES:
        raise Refused(f"Status: vælg en af {', '.join(STATUSES)}.")
    with importer.writable_copy(database, demo_ok=True) as con:
        row = con.execute("select status from agreements where agreement_id = $id", {"id": agreement_id}).fetchone()
        if row is None:
            raise Refused(f"Aftale {agreement_id} findes ikke.")
        if row[0] == status:
            raise importer.Abandon
        con.execute("begin transaction")
        change_id = _change(con, "status")
        con.execute("insert into agreement_previous select $change, * from agreements where agreement_id = $id",
                    {"change": change_id, "id": agreement_id})
        con.execute("update agreements set status = $status, change_id = $change where agreement_id = $id",
                    {"status": status, "change": change_id, "id": agreement_id})
        db.bump_version(con)
        con.execute("commit")
        importer.logged(database, who, "aftale status", {"ændring": change_id, "aftale": agreement_id, "status": status})


def undo(database: Path, who: str = "kommandolinjen") -> str:
    """Undo the newest change to meetings and agreements; what was undone, in Danish."""
    with importer.writable_copy(database, compact=True, demo_ok=True) as con:
        newest = con.execute("select change_id, action from agreement_changes where undone_at is null "
                             "order by change_id desc limit 1").fetchone()
        if newest is None:
            raise Refused("Der er ingen ændring af møder og aftaler at fortryde.")
        change_id, action = newest
        con.execute("begin transaction")
        con.execute("delete from agreements where change_id = $id", {"id": change_id})
        con.execute("insert into agreements select * exclude (replaced_by_change) from agreement_previous "
                    "where replaced_by_change = $id", {"id": change_id})
        con.execute("delete from agreement_previous where replaced_by_change = $id", {"id": change_id})
        con.execute("delete from meetings where change_id = $id", {"id": change_id})
        con.execute("update agreement_changes set undone_at = current_timestamp::timestamp where change_id = $id",
                    {"id": change_id})
        db.bump_version(con)
        con.execute("commit")
        importer.logged(database, who, "fortryd aftaler", {"ændring": change_id})
    return "Mødet og dets aftaler er fjernet igen." if action == "møde" else "Statusændringen er fortrudt."


def listed(run, department: str | None, scope: list[str] | None) -> pd.DataFrame:
    """The recorded agreements (queries/agreements.sql) through `run(query, **params)`."""
    return run("agreements", department=department, departments=scope)
