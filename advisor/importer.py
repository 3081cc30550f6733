"""Importing the adviser's log (CSV or XLSX): checked, pseudonymised, all or nothing.

How an import reaches a database that the dashboard has open (README, "Import"):
the live file is never written. Under a lock, the importer copies it, applies
the whole import to the copy in one transaction, checkpoints, and renames the
copy over the live file. The dashboard's connection is keyed by the file's
identity, so its next rerun opens the new file; until then it reads the old
one. Nobody ever sees half an import, and a killed import leaves only a stray
copy behind.
"""

import datetime as dt
import fcntl
import hashlib
import io
import os
import re
import shutil
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import openpyxl
import pandas as pd

from advisor import audit, db, privacy, queries

SQL = Path(__file__).parent / "sql"

# The log's columns: Danish label -> column. Required ones must have a value.
COLUMNS = {
    "Løbenr.": "inquiry_id",
    "Borger": "citizen_key",
    "Modtaget": "received_on",
    "Kanal": "channel",
    "Forvaltning": "department",
    "Afdeling": "unit",
    "Henvendelsestype": "inquiry_type",
    "Emne": "topic",
    "Første svar": "first_answer_on",
    "Møde": "meeting_on",
    "Afsluttet": "closed_on",
    "Sagsbehandlerskift (antal)": "caseworker_changes",
    "Gene ved skift": "caseworker_change_trouble",
}
REQUIRED = ["Løbenr.", "Borger", "Modtaget", "Forvaltning", "Afdeling", "Henvendelsestype"]


def header_key(label: str) -> str:
    """Headers match leniently: case, spaces, '.', and '-' or '–' do not matter."""
    return re.sub(r"[\s.]+", "", str(label).lower().replace("–", "-"))


HEADERS = {header_key(label): label for label in COLUMNS}


class ImportRefused(Exception):
    """The file cannot be imported at all; the message says why, in Danish."""


class Abandon(Exception):
    """Leave the database as it is (raised inside writable_copy)."""


@dataclass
class Report:
    file_name: str
    rows_read: int = 0
    rows_imported: int = 0
    rows_updated: int = 0
    rows_rejected: int = 0
    problems: list[dict] = field(default_factory=list)  # row, column, value, message
    dropped_columns: list[str] = field(default_factory=list)
    import_id: int | None = None
    done: bool = False

    def lines(self) -> list[str]:
        out = []
        for p in self.problems:
            value = f"'{p['value']}' " if p["value"] else ""
            out.append(f"Række {p['row']}, kolonne {p['column']}: {value}{p['message']}.")
        for name in self.dropped_columns:
            out.append(f"Kolonnen '{name}' er ikke importeret (fritekst eller ukendt kolonne).")
        rejected_rows = len({p["row"] for p in self.problems})
        if self.done:
            out.append(
                f"Import {self.import_id}: {self.rows_read} rækker læst, {self.rows_imported} nye, "
                f"{self.rows_updated} opdateret, {self.rows_rejected} afvist "
                f"({self.rows_imported} + {self.rows_updated} + {self.rows_rejected} = {self.rows_read})."
            )
        else:
            out.append(
                f"Intet er importeret: {rejected_rows} af {self.rows_read} rækker har fejl. "
                "Ret filen og prøv igen, eller importér de gyldige rækker med karantæne."
            )
        return out

    def problems_frame(self) -> pd.DataFrame:
        return pd.DataFrame(self.problems, columns=["row", "column", "value", "message"]).rename(
            columns={"row": "Række", "column": "Kolonne", "value": "Værdi", "message": "Fejl"}
        )


# -- reading ----------------------------------------------------------------------

def read_table(data: bytes, file_name: str, sheet: str | None = None) -> pd.DataFrame:
    """The file as a table of text, headers as written. CSV: UTF-8 (with or
    without BOM) or Windows-1252, separated by ';', ',' or tab. XLSX: the first
    sheet unless `sheet` is given; dates become yyyy-mm-dd."""
    if file_name.lower().endswith((".xlsx", ".xlsm")):
        return _read_xlsx(data, sheet)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252")
    first_line = text.split("\n", 1)[0]
    delimiter = max([";", "\t", ","], key=first_line.count)
    try:
        table = pd.read_csv(io.StringIO(text), sep=delimiter, dtype=str, keep_default_na=False,
                            na_filter=False, skip_blank_lines=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as e:
        raise ImportRefused(f"Filen kan ikke læses som CSV: {privacy.mask_cpr(str(e))}") from None
    return numbered(table)


def numbered(table: pd.DataFrame) -> pd.DataFrame:
    """Rows indexed by their number in the file (the header is row 1), blank rows left out."""
    table.index = range(2, len(table) + 2)
    return table[(table.fillna("").astype(str).apply(lambda c: c.str.strip()) != "").any(axis=1)]


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _read_xlsx(data: bytes, sheet: str | None) -> pd.DataFrame:
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    if sheet is not None and sheet not in book.sheetnames:
        raise ImportRefused(f"Arket '{sheet}' findes ikke. Arkene hedder: {', '.join(book.sheetnames)}.")
    rows = [[_cell(v) for v in row] for row in book[sheet or book.sheetnames[0]].iter_rows(values_only=True)]
    if not rows:
        raise ImportRefused("Arket er tomt.")
    return numbered(pd.DataFrame(rows[1:], columns=rows[0], dtype=str))


def prepare(table: pd.DataFrame, secret: bytes) -> tuple[pd.DataFrame, list[str]]:
    """Known columns under their English names, the citizen pseudonymised, row
    numbers as in the file (the header is row 1). Free-text and unknown columns
    are dropped here, before anything reaches DuckDB; their names are returned."""
    found, dropped = {}, []
    for header in table.columns:
        label = HEADERS.get(header_key(header))
        if label and label not in found:
            found[label] = header
        else:
            dropped.append(privacy.mask_cpr(str(header)))
    missing = [label for label in REQUIRED if label not in found]
    if missing:
        raise ImportRefused(
            "Filen mangler kolonnerne " + ", ".join(missing) + ". Hent skabelonen for at se kolonnerne."
        )
    rows = pd.DataFrame({"row_number": table.index})
    for label, column in COLUMNS.items():
        rows[column] = table[found[label]].fillna("").astype(str).to_numpy() if label in found else None
    citizens = rows["citizen_key"].str.strip()
    keys = {value: privacy.pseudonym(value, secret) for value in citizens.unique() if value}
    rows["citizen_key"] = citizens.map(keys)
    return rows, dropped


# -- checking ---------------------------------------------------------------------

def check(con: duckdb.DuckDBPyConnection, rows: pd.DataFrame, today: dt.date) -> None:
    """Create the temp table `checked` on `con` (advisor/sql/import_check.sql)."""
    con.execute("set temp_directory = ''")  # nothing of an import spills to disk
    con.execute((SQL / "import_macros.sql").read_text())
    con.register("raw_input", rows)
    con.execute((SQL / "import_check.sql").read_text(), {"today": today})
    con.unregister("raw_input")


def problems(con: duckdb.DuckDBPyConnection) -> list[dict]:
    found = con.execute(
        "select row_number, p.column, p.value, p.message from (select row_number, unnest(problems) as p from checked) "
        "order by row_number"
    ).fetchall()
    return [{"row": r, "column": c, "value": v, "message": m} for r, c, v, m in found]


def already_imported(con: duckdb.DuckDBPyConnection, digest: str) -> str | None:
    """Why a file cannot be imported again, if it is in already."""
    earlier = con.execute(
        "select import_id, imported_at, file_name from imports where file_sha256 = $h and undone_at is null",
        {"h": digest},
    ).fetchone()
    if earlier:
        return (f"Filen er allerede importeret: import {earlier[0]} ({earlier[2]}) den "
                f"{earlier[1]:%d-%m-%Y kl. %H:%M}. Fortryd den først, hvis den skal importeres igen.")
    return None


def read(data: bytes, file_name: str, sheet: str | None) -> tuple[Report, pd.DataFrame]:
    """A new report for the file, and its rows ready to check."""
    report = Report(privacy.mask_cpr(file_name))
    rows, report.dropped_columns = prepare(read_table(data, file_name, sheet), privacy.key())
    report.rows_read = len(rows)
    return report, rows


def tally(con: duckdb.DuckDBPyConnection, report: Report) -> None:
    """Fill the report from `checked`: its problems, and rows new, updated and rejected."""
    report.problems = problems(con)
    report.rows_rejected = len({p["row"] for p in report.problems})
    report.rows_updated = con.execute("select count(*) from checked where len(problems) = 0 and known").fetchone()[0]
    report.rows_imported = report.rows_read - report.rows_updated - report.rows_rejected


def validate(database: Path, data: bytes, file_name: str, *, sheet: str | None = None,
             today: dt.date | None = None) -> tuple[Report, pd.DataFrame]:
    """A dry run: the report, and a preview of the first rows as they would be stored.
    Refused (ImportRefused) if the file is in already."""
    report, rows = read(data, file_name, sheet)
    with queries.connect(database) as con:
        if earlier := already_imported(con, hashlib.sha256(data).hexdigest()):
            raise ImportRefused(earlier)
        check(con, rows, today or dt.date.today())
        tally(con, report)
        preview = con.execute(
            "select * exclude (problems, known, row_values) from checked where len(problems) = 0 order by row_number limit 20"
        ).df()
    return report, preview


# -- writing ----------------------------------------------------------------------

@contextmanager
def writable_copy(database: Path):
    """A writable copy of the database, moved over it when the block succeeds.

    Imports and undos wait for each other on a lock file. The live file is
    only ever replaced whole, by a rename.
    """
    database = Path(database)
    if not database.exists():
        raise ImportRefused(f"Databasen {database} findes ikke. Opret den med: python -m advisor init --db {database}")
    with open(database.with_name(database.name + ".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        copy = database.with_name(database.name + ".importing")
        copy.unlink(missing_ok=True)
        shutil.copyfile(database, copy)
        try:
            with duckdb.connect(str(copy)) as con:
                con.execute(db.SCHEMA.read_text())  # tables added since the database was made
                if con.execute("select is_demo from meta").fetchone()[0]:
                    raise ImportRefused(
                        "Demodatabasen tager ikke imod import. Opret en rigtig database med "
                        "python -m advisor init --db data/kommune.duckdb, og importér til den med --db "
                        "(start appen på den med ADVISOR_DB=data/kommune.duckdb)."
                    )
                yield con
                con.execute("checkpoint")
            db.store_summary(copy)
            os.replace(copy, database)
        except Abandon:
            pass
        finally:
            copy.unlink(missing_ok=True)


def import_file(database: Path, data: bytes, file_name: str, *, sheet: str | None = None,
                quarantine: bool = False, today: dt.date | None = None, who: str = "kommandolinjen") -> Report:
    """Import a log file into `database`: everything, or (with quarantine) the
    valid rows; nothing at all if a row has an error and quarantine is off."""
    report, rows = read(data, file_name, sheet)
    digest = hashlib.sha256(data).hexdigest()
    with writable_copy(database) as con:
        if earlier := already_imported(con, digest):
            raise ImportRefused(earlier)
        check(con, rows, today or dt.date.today())
        tally(con, report)
        if report.problems and not quarantine:
            raise Abandon
        con.execute("begin transaction")
        report.import_id = con.execute("select coalesce(max(import_id), 0) + 1 from imports").fetchone()[0]
        apply(con, report.import_id)
        con.execute(
            "insert into imports values ($id, current_timestamp::timestamp, $name, $hash, $read, $new, $updated, $rejected, null)",
            {"id": report.import_id, "name": report.file_name, "hash": digest, "read": report.rows_read,
             "new": report.rows_imported, "updated": report.rows_updated, "rejected": report.rows_rejected},
        )
        db.bump_version(con)
        con.execute("commit")
        report.done = True
    audit.record(database, who, "import", {
        "import": report.import_id, "fil": report.file_name, "læst": report.rows_read, "nye": report.rows_imported,
        "opdateret": report.rows_updated, "afvist": report.rows_rejected, "karantæne": quarantine,
    })
    return report


def apply(con: duckdb.DuckDBPyConnection, import_id: int) -> None:
    """Write the valid rows of `checked`: keep the rows they replace, then upsert;
    keep the invalid rows, masked, in rejected_rows."""
    con.execute(
        "insert into import_previous_rows select $id, inquiries.* exclude (position) from inquiries "
        "where inquiry_id in (select inquiry_id from checked where len(problems) = 0 and known)",
        {"id": import_id},
    )
    con.execute(
        "insert or replace into inquiries select * exclude (row_number, problems, known, row_values), $id as import_id, null as position "
        "from checked where len(problems) = 0",
        {"id": import_id},
    )
    con.execute(
        "insert into rejected_rows select $id, row_number, "
        "array_to_string(list_transform(problems, lambda p: p.column || ': ' || p.message), '; '), to_json(row_values) "
        "from checked where len(problems) > 0",
        {"id": import_id},
    )


def undo(database: Path, import_id: int, who: str = "kommandolinjen") -> str:
    """Undo the newest import: remove what it added, restore what it replaced."""
    with writable_copy(database) as con:
        newest = con.execute("select max(import_id) from imports where undone_at is null").fetchone()[0]
        if newest is None:
            raise ImportRefused("Der er ingen import at fortryde.")
        if import_id != newest:
            raise ImportRefused(
                f"Kun den nyeste import kan fortrydes, og det er import {newest}. "
                f"Fortryd den først, hvis import {import_id} skal fortrydes."
            )
        con.execute("begin transaction")
        con.execute("delete from inquiries where import_id = $id", {"id": import_id})
        con.execute(
            "insert into inquiries select * exclude (replaced_by_import), null as position from import_previous_rows "
            "where replaced_by_import = $id",
            {"id": import_id},
        )
        con.execute("delete from import_previous_rows where replaced_by_import = $id", {"id": import_id})
        con.execute("update imports set undone_at = current_timestamp::timestamp where import_id = $id", {"id": import_id})
        db.bump_version(con)
        con.execute("commit")
    audit.record(database, who, "fortryd", {"import": import_id})
    return f"Import {import_id} er fortrudt."


def sheet_names(data: bytes) -> list[str]:
    return openpyxl.load_workbook(io.BytesIO(data), read_only=True).sheetnames


TYPES = ["Rådgivning og vejledning", "Klage", "Dialogmøde", "Sparring", "Uden for kompetence"]
CHANNELS = ["Telefon", "Mail", "Personligt fremmøde", "Brev", "Digital post"]


def allowed_values(chart: pd.DataFrame) -> dict[str, list[str]]:
    """What the template's second sheet lists, from the organisation chart of today."""
    return {
        "Forvaltning": list(chart["department"]),
        "Afdeling": list(chart["unit"]),
        "Henvendelsestype": TYPES,
        "Kanal": CHANNELS,
        "Gene ved skift": ["ja", "nej"],
        "Datoer": ["dd-mm-åååå", "dd.mm.åååå", "dd/mm/åååå", "åååå-mm-dd"],
    }


def template_csv() -> bytes:
    return (";".join(COLUMNS) + ";Bemærkning\n").encode("utf-8-sig")


def template_xlsx(allowed: dict[str, list[str]]) -> bytes:
    """A blank log with the allowed values on a second sheet."""
    book = openpyxl.Workbook()
    log = book.active
    log.title = "Henvendelser"
    log.append([*COLUMNS, "Bemærkning"])
    values = book.create_sheet("Tilladte værdier")
    values.append(list(allowed))
    longest = max(len(v) for v in allowed.values())
    for i in range(longest):
        values.append([v[i] if i < len(v) else None for v in allowed.values()])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
