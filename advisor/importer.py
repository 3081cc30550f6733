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
import errno
import fcntl
import hashlib
import io
import json
import os
import re
import shutil
import unicodedata
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import openpyxl
import pandas as pd

from advisor import audit, cells, db, export, inert, privacy, queries

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

# Larger files are refused before they are read whole (README, "Import").
MAX_BYTES = 100 * 1024 * 1024
MAX_ROWS = 2_000_000


def read_table(data: bytes, file_name: str, sheet: str | None = None) -> pd.DataFrame:
    """The file as a table of text, headers as written, every cell cleaned
    (advisor/cells.py). CSV: UTF-8 (with or without BOM), UTF-16 (Excel's
    "Unicode text") or Windows-1252, separated by ';', ',' or tab. XLSX: the
    first sheet unless `sheet` is given; dates become yyyy-mm-dd. Anything
    else is refused with a Danish message (ImportRefused), never a traceback."""
    if len(data) > MAX_BYTES:
        raise ImportRefused(f"Filen fylder {len(data) / 1024 / 1024:.0f} MB; højst {MAX_BYTES // 1024 // 1024} MB "
                            "kan importeres ad gangen. Del loggen op, fx ét år pr. fil.")
    is_zip = data[:4] == b"PK\x03\x04"
    if file_name.lower().endswith((".xlsx", ".xlsm")):
        if not is_zip:
            raise ImportRefused("Filen hedder .xlsx, men er ikke en Excel-projektmappe. Er det en CSV-fil, så giv "
                                "den endelsen .csv; ellers åbn den i Excel og gem den som Excel-projektmappe (.xlsx).")
        return _read_xlsx(data, sheet)
    if is_zip:
        raise ImportRefused("Filen er en Excel-projektmappe eller en zip-fil, men hedder ikke .xlsx. "
                            "Giv en Excel-fil endelsen .xlsx, eller gem loggen som CSV.")
    return _read_csv(_decode(data))


def _decode(data: bytes) -> str:
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return data.decode("utf-16")
    head = data[:4096]
    if head.count(0) > len(head) // 4:  # UTF-16 without its mark: every other byte is NUL
        for encoding in ("utf-16-le", "utf-16-be"):
            try:
                text = data.decode(encoding)
                if "\x00" not in text[:4096]:
                    return text
            except UnicodeDecodeError:
                pass
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            text = None
    if text is None or text[:4096].count("\x00") > len(text[:4096]) // 4:  # not a text file
        raise ImportRefused("Filen er ikke en tekstfil (CSV): den indeholder binære data. Gem loggen som CSV "
                            "(semikolonsepareret) eller som Excel-projektmappe (.xlsx).")
    return text


def _read_csv(text: str) -> pd.DataFrame:
    if text.count("\n") > MAX_ROWS:
        raise ImportRefused(f"Filen har over {MAX_ROWS:,} rækker; del loggen op, fx ét år pr. fil.".replace(",", "."))
    if not text.strip():
        raise ImportRefused("Filen er tom.")
    first_line = text.split("\n", 1)[0]
    delimiter = max([";", "\t", ","], key=first_line.count)
    try:
        table = pd.read_csv(io.StringIO(text), sep=delimiter, dtype=str, keep_default_na=False, header=None,
                            na_filter=False, skip_blank_lines=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError) as e:
        line = re.search(r"line (\d+)", str(e))
        raise ImportRefused("Filen kan ikke læses som CSV" + (f" (række {line[1]})" if line else "") + ": en række "
                            "har flere felter end overskriften, eller et anførselstegn er ikke lukket. Gem loggen "
                            "igen fra Excel som CSV (semikolonsepareret).") from None
    if table.empty:
        raise ImportRefused("Filen er tom.")
    header, rows = table.iloc[0].tolist(), table.iloc[1:]
    return numbered(pd.DataFrame(rows.to_numpy(), columns=range(len(header)), dtype=object), header)


def numbered(table: pd.DataFrame, header: list) -> pd.DataFrame:
    """Rows indexed by their number in the file (the header is row 1), every
    cell cleaned, blank rows left out; the headers as written in attrs."""
    table = pd.DataFrame({c: cells.clean_column(table[c].tolist()) for c in table.columns}, index=table.index)
    table.index = range(2, len(table) + 2)
    table = table[(table != "").any(axis=1)]
    table.attrs["header"] = [cells.clean(h) for h in header]
    return table


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
    try:
        values = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        formulas = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
        names = values.sheetnames
        shown_names = ", ".join(f"'{privacy.mask_cpr(n)}'" for n in names)
        if sheet is not None and sheet not in names:
            raise ImportRefused(f"Arket '{privacy.mask_cpr(sheet)}' findes ikke. Arkene hedder: {shown_names}.")
        chosen = sheet or names[0]
        rows = []
        for number, (row, written) in enumerate(zip(values[chosen].iter_rows(values_only=True),
                                                    formulas[chosen].iter_rows(values_only=True))):
            if number > MAX_ROWS:
                raise ImportRefused(f"Arket har over {MAX_ROWS:,} rækker; del loggen op, fx ét år pr. fil.".replace(",", "."))
            # A formula Excel never calculated has no value to import.
            rows.append([cells.UNCALCULATED if v is None and isinstance(f, str) and f.startswith("=") else _cell(v)
                         for v, f in zip(row, written)])
    except ImportRefused:
        raise
    except Exception:  # not a workbook: a zip of something else, a damaged file
        raise ImportRefused("Filen kan ikke åbnes som Excel-projektmappe (.xlsx). Åbn den i Excel og gem den igen "
                            "som Excel-projektmappe, eller gem loggen som CSV.") from None
    if not rows:
        raise ImportRefused(f"Arket '{privacy.mask_cpr(chosen)}' er tomt. Filen har arkene: {shown_names}.")
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    table = numbered(pd.DataFrame(rows[1:], columns=range(width), dtype=object), rows[0])
    table.attrs |= {"sheet": chosen, "sheets": names}
    return table


def prepare(table: pd.DataFrame, secret: bytes) -> tuple[pd.DataFrame, list[str]]:
    """Known columns under their English names, the citizen pseudonymised, row
    numbers as in the file (the header is row 1), and each row's problems found
    in its cells (advisor/cells.py, privacy.py) as JSON in `early`. Free-text
    and unknown columns are dropped here, before anything reaches DuckDB; their
    names are returned. No CPR number leaves this function except as a pseudonym."""
    found, dropped, header = {}, [], table.attrs.get("header", list(table.columns))
    for position, written in enumerate(header):
        label = HEADERS.get(header_key(written))
        if label and label in found:
            raise ImportRefused(f"Kolonnen {label} står to gange (kolonne {found[label] + 1} og {position + 1}). "
                                "Slet den ene, så det er klart, hvilken der gælder.")
        if label:
            found[label] = position
        elif written:
            dropped.append(privacy.mask_cpr(written))
    missing = [label for label in REQUIRED if label not in found]
    if missing:
        where = ""
        if "sheet" in table.attrs:
            names = ", ".join(f"'{privacy.mask_cpr(n)}'" for n in table.attrs["sheets"])
            where = (f" Arket '{privacy.mask_cpr(table.attrs['sheet'])}' er måske ikke loggen: filen har arkene {names}; "
                     "vælg arket med --sheet (eller Ark på siden).")
        raise ImportRefused("Filen mangler kolonnerne " + ", ".join(missing) + "." + where
                            + " Hent skabelonen for at se kolonnerne.")
    rows = pd.DataFrame({"row_number": table.index})
    early = [[] for _ in range(len(table))]
    for label, column in COLUMNS.items():
        values = table[found[label]].tolist() if label in found else [""] * len(table)
        values = _checked_column(label, values, early)
        if label != "Borger":
            for i in privacy.cpr_cells(values):
                if label in DATE_LABELS and cells.DATE_TIME.fullmatch(values[i]):
                    continue  # a date with a time, "31-01-2019 12:34", is not a CPR number
                early[i].append(_problem(label, privacy.CPR_MASK,
                                         "indeholder et CPR-nummer; det må kun stå i kolonnen Borger"))
                values[i] = privacy.CPR_MASK
        rows[column] = values if label in found else None
    citizens = rows["citizen_key"]
    keys = {value: privacy.pseudonym(value, secret) for value in set(citizens) if value}
    rows["citizen_key"] = [keys.get(v) for v in citizens]
    rows["early"] = [json.dumps(problems, ensure_ascii=False) for problems in early]
    return rows, dropped


DATE_LABELS = {"Modtaget", "Første svar", "Møde", "Afsluttet"}
MATCHED_LABELS = {"Forvaltning", "Afdeling", "Henvendelsestype", "Kanal"}


def _problem(label: str, value: str, message: str) -> dict:
    return {"column": label, "value": value, "message": message}


def _checked_column(label: str, values: list[str], early: list[list]) -> list[str]:
    """_checked for a whole column. Most cells are short, printable ASCII and
    need no look; the others are checked once per distinct value (a unit's
    name stands in thousands of rows)."""
    limit, seen, out = cells.max_length(label), {}, list(values)
    for i, value in enumerate(values):
        if len(value) <= limit and value.isascii() and value.isprintable():
            continue
        if value not in seen:
            found: list = []
            seen[value] = (_checked(label, value, found), found)
        out[i], problems = seen[value]
        early[i].extend(problems)
    return out


def _checked(label: str, value: str, found: list) -> str:
    """A cleaned cell, after the checks that need no database; a problem found
    is added to `found`, and a value that cannot be kept is replaced."""
    if value == cells.UNCALCULATED:
        found.append(_problem(label, "", "er en formel uden en beregnet værdi; åbn filen i Excel, og gem den igen"))
        return ""
    if message := cells.control_character(value):
        value = "".join("\ufffd" if unicodedata.category(c) == "Cc" else c for c in value)
        found.append(_problem(label, privacy.mask_cpr(value), message))
        return value
    if message := cells.too_long(label, value):
        found.append(_problem(label, privacy.mask_cpr(value[:60]) + "…", message))
        return value[:60]
    if label in MATCHED_LABELS and (message := cells.foreign_letter(value)):
        found.append(_problem(label, privacy.mask_cpr(value), message))
    return value


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
    report = Report(privacy.mask_cpr(cells.clean(file_name)))
    secret = privacy.key()
    try:
        rows, report.dropped_columns = prepare(read_table(data, file_name, sheet), secret)
    except ImportRefused:
        raise
    except Exception as e:  # a kind of file nobody foresaw: still a Danish message, never a traceback
        raise ImportRefused(f"Filen kunne ikke læses ({type(e).__name__}). Gem loggen som CSV (semikolonsepareret) "
                            "eller som Excel-projektmappe (.xlsx), og prøv igen.") from None
    report.rows_read = len(rows)
    if not report.rows_read:
        raise ImportRefused("Filen har ingen registreringer under overskrifterne; intet er importeret.")
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
def writable_copy(database: Path, *, compact: bool = False, demo_ok: bool = False):
    """A writable copy of the database, moved over it when the block succeeds.

    Imports and undos wait for each other on a lock file. The live file is
    only ever replaced whole, by a rename: a kill at any point leaves it as it
    was or fully written. Under the lock, what a killed run left (the copy
    and its WAL) is removed first, so the next run works without anyone
    deleting a file by hand. With `compact`, the copy is written anew (COPY
    FROM DATABASE) before the rename, so no bytes of deleted rows remain.
    The demo database takes no import; with `demo_ok` it takes other writes
    (a meeting's agreements, to try the feature on).
    """
    database = Path(database)
    if not database.exists():
        raise ImportRefused(f"Databasen {database} findes ikke. Opret den med: "
                            f".venv/bin/python -m advisor init --db {database}")
    copy = database.with_name(database.name + ".importing")
    fresh = database.with_name(database.name + ".compact")
    leftovers = [copy, copy.with_name(copy.name + ".wal"), fresh, fresh.with_name(fresh.name + ".wal")]
    with open(database.with_name(database.name + ".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        for stale in leftovers:
            stale.unlink(missing_ok=True)
        try:
            shutil.copyfile(database, copy)
            with duckdb.connect(str(copy)) as con:
                con.execute(db.SCHEMA.read_text())  # tables added since the database was made
                if not demo_ok and con.execute("select is_demo from meta").fetchone()[0]:
                    raise ImportRefused(
                        "Demodatabasen tager ikke imod import. Opret en rigtig database med "
                        ".venv/bin/python -m advisor init --db data/kommune.duckdb, og importér til den med --db "
                        "(start appen på den med ADVISOR_DB=data/kommune.duckdb)."
                    )
                yield con
                con.execute("checkpoint")
            db.store_summary(copy)
            if compact:
                db.rewrite(copy, fresh)
                os.replace(fresh, copy)
            os.replace(copy, database)
        except Abandon:
            pass
        except OSError as e:
            if e.errno in (errno.ENOSPC, errno.EDQUOT):
                raise ImportRefused("Der er ikke plads nok på disken til at importere (importen skriver en kopi af "
                                    "databasen). Intet er ændret. Frigør plads, og prøv igen.") from None
            raise ImportRefused(f"Databasen kunne ikke skrives ({privacy.mask_cpr(e.strerror or e)}). Intet er ændret.") from None
        except duckdb.IOException as e:
            if "space" in str(e).lower():
                raise ImportRefused("Der er ikke plads nok på disken til at importere. Intet er ændret. "
                                    "Frigør plads, og prøv igen.") from None
            raise
        finally:
            for stale in leftovers:
                stale.unlink(missing_ok=True)


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
        # Written before the import reaches the live file: an import the audit
        # log cannot record is not made (the copy is thrown away).
        logged(database, who, "import", {
            "import": report.import_id, "fil": report.file_name, "læst": report.rows_read, "nye": report.rows_imported,
            "opdateret": report.rows_updated, "afvist": report.rows_rejected, "karantæne": quarantine,
        })
        report.done = True
    return report


def logged(database: Path, who: str, action: str, details: dict) -> None:
    """An audit entry for a write, or the write refused (nothing changed)."""
    try:
        audit.record(database, who, action, details)
    except audit.Unavailable as e:
        raise ImportRefused(f"{e} Intet er ændret i databasen.") from None


def apply(con: duckdb.DuckDBPyConnection, import_id: int) -> None:
    """Write the valid rows of `checked`: keep the rows they replace, then upsert;
    keep the invalid rows, masked, in rejected_rows."""
    con.execute(
        "insert into import_previous_rows select $id, inquiries.* exclude (position, citizen_no, working_days_to_answer, unit_no) from inquiries "
        "where inquiry_id in (select inquiry_id from checked where len(problems) = 0 and known)",
        {"id": import_id},
    )
    con.execute(
        "insert or replace into inquiries select * exclude (row_number, problems, known, row_values), $id as import_id, null as position, null as citizen_no, null as working_days_to_answer, null as unit_no "
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
    """Undo the newest import: remove what it added and its rejected rows,
    restore what it replaced, and write the database anew so that no byte of
    a removed row is left in the file."""
    with writable_copy(database, compact=True) as con:
        newest = con.execute("select max(import_id) from imports where undone_at is null").fetchone()[0]
        if not con.execute("select count(*) from imports where import_id = $id", {"id": import_id}).fetchone()[0]:
            raise ImportRefused(f"Import {import_id} findes ikke."
                                + (f" Den nyeste import er {newest}." if newest is not None else " Der er ingen importer."))
        if con.execute("select undone_at is not null from imports where import_id = $id", {"id": import_id}).fetchone()[0]:
            raise ImportRefused(f"Import {import_id} er allerede fortrudt.")
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
            "insert into inquiries select * exclude (replaced_by_import), null as position, null as citizen_no, null as working_days_to_answer, null as unit_no from import_previous_rows "
            "where replaced_by_import = $id",
            {"id": import_id},
        )
        con.execute("delete from import_previous_rows where replaced_by_import = $id", {"id": import_id})
        con.execute("delete from rejected_rows where import_id = $id", {"id": import_id})
        con.execute("update imports set undone_at = current_timestamp::timestamp where import_id = $id", {"id": import_id})
        db.bump_version(con)
        con.execute("commit")
        logged(database, who, "fortryd", {"import": import_id})
    return f"Import {import_id} er fortrudt."


def sheet_names(data: bytes) -> list[str]:
    """The sheets of a workbook (masked); none when it is not one (the import then says why)."""
    try:
        return [privacy.mask_cpr(n) for n in openpyxl.load_workbook(io.BytesIO(data), read_only=True).sheetnames]
    except Exception:
        return []


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
    return export.csv_bytes(pd.DataFrame(columns=[*COLUMNS, "Bemærkning"]))


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
    inert.xlsx_book(book).save(buffer)
    return buffer.getvalue()
