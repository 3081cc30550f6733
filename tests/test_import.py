"""Importing the adviser's log: formats, rules, all-or-nothing, quarantine,
idempotence, undo, privacy and a killed import."""

import datetime as dt
import io
import os
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import openpyxl
import pytest

from conftest import tables

from advisor import db, importer, privacy
from advisor.__main__ import main

ROOT = Path(__file__).parent.parent
FIXTURES = Path(__file__).parent / "data" / "import"
TODAY = dt.date(2019, 12, 31)
BA = "Borger & Arbejdsmarked"
ROW = {
    "Løbenr.": "L-1", "Borger": "010203-1234", "Modtaget": "07-01-2019", "Kanal": "Telefon",
    "Forvaltning": BA, "Afdeling": "Jobcenter – Jobaktiv", "Henvendelsestype": "Rådgivning og vejledning",
    "Emne": "Fleksjob", "Første svar": "08-01-2019", "Møde": "", "Afsluttet": "15-01-2019",
    "Sagsbehandlerskift (antal)": "", "Gene ved skift": "", "Bemærkning": "Borgeren har tre børn og er syg",
}


@pytest.fixture(autouse=True)
def key(monkeypatch):
    monkeypatch.setenv(privacy.KEY_VARIABLE, "a-test-key")


@pytest.fixture
def real_db(tmp_path):
    return db.build(tmp_path / "kommune.duckdb", is_demo=False)


def csv_bytes(rows: list[dict], sep: str = ";", encoding: str = "utf-8") -> bytes:
    headers = list(rows[0])
    lines = [sep.join(headers)] + [sep.join(str(r.get(h, "")) for h in headers) for r in rows]
    return ("\n".join(lines) + "\n").encode(encoding)


def rows(**changes) -> list[dict]:
    return [ROW | changes]


def run(database, data: bytes, name: str = "log.csv", **options) -> importer.Report:
    return importer.import_file(database, data, name, today=TODAY, **options)


def stored(database) -> list[dict]:
    with duckdb.connect(str(database), read_only=True) as con:
        return con.execute("select * exclude (import_id) from inquiries order by inquiry_id").df().to_dict("records")


# -- formats ----------------------------------------------------------------------

def test_the_committed_example_imports_and_drops_the_remark(real_db):
    report = run(real_db, (FIXTURES / "valid.csv").read_bytes(), "valid.csv")
    assert report.lines() == [
        "Kolonnen 'Bemærkning' er ikke importeret (fritekst eller ukendt kolonne).",
        "Import 1: 3 rækker læst, 3 nye, 0 opdateret, 0 afvist (3 + 0 + 0 = 3).",
    ]
    first, second, third = stored(real_db)
    assert first["citizen_key"] == third["citizen_key"]  # 010203-1234 and 0102031234 are one citizen
    assert first["citizen_key"] == privacy.pseudonym("010203-1234", b"a-test-key")
    assert (second["channel"], second["department"], second["unit"]) == ("Mail", BA, "Familierådgivningen")
    assert (second["caseworker_changes"], second["caseworker_change_trouble"]) == (3, True)
    assert second["meeting_on"] == dt.datetime(2019, 1, 30)


@pytest.mark.parametrize("sep, encoding", [(";", "utf-8"), (",", "utf-8-sig"), ("\t", "cp1252")])
def test_csv_separators_and_encodings(real_db, sep, encoding):
    report = run(real_db, csv_bytes(rows(Forvaltning="Børn & Kultur", Afdeling="Skole og specialområdet"), sep, encoding))
    assert report.done and report.rows_imported == 1
    assert stored(real_db)[0]["department"] == "Børn & Kultur"


def xlsx_bytes(values: list[list], sheet_names=("Henvendelser",)) -> bytes:
    book = openpyxl.Workbook()
    book.active.title = sheet_names[0]
    for name in sheet_names[1:]:
        book.create_sheet(name)
    target = book[sheet_names[-1]]
    for row in values:
        target.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_xlsx_with_date_cells_numbers_and_booleans(real_db):
    data = xlsx_bytes([
        ["Løbenr.", "Borger", "Modtaget", "Forvaltning", "Afdeling", "Henvendelsestype", "Første svar", "Sagsbehandlerskift (antal)", "Gene ved skift"],
        [101, "AB", dt.datetime(2019, 1, 7), BA, "Borgerservice", "Klage", 43473, 2.0, True],
    ])
    report = run(real_db, data, "log.xlsx")
    assert report.done, report.lines()
    row = stored(real_db)[0]
    assert (row["inquiry_id"], row["received_on"], row["first_answer_on"]) == ("101", dt.datetime(2019, 1, 7), dt.datetime(2019, 1, 8))
    assert (row["caseworker_changes"], row["caseworker_change_trouble"]) == (2, True)


def test_xlsx_sheet_by_name(real_db):
    data = xlsx_bytes([list(ROW), list(ROW.values())], sheet_names=("Forside", "2019"))
    with pytest.raises(importer.ImportRefused, match="Arket 'Forside' er tomt. Filen har arkene: 'Forside', '2019'"):
        run(real_db, data, "log.xlsx")
    assert run(real_db, data, "log.xlsx", sheet="2019").rows_imported == 1
    with pytest.raises(importer.ImportRefused, match="Arket 'Ark9' findes ikke"):
        run(real_db, data, "log.xlsx", sheet="Ark9")


def test_headers_and_names_match_leniently_and_are_stored_as_in_the_chart(real_db):
    lenient = {" løbenr ": "L-1", "BORGER": "AB", "modtaget.": "07.01.2019", "Forvaltning": " borger &  arbejdsmarked ",
               "afdeling": "jobcenter - jobaktiv", "Henvendelses type": "klage", "Første  svar": "08/01/2019",
               "sagsbehandlerskift(antal)": "1", "gene ved skift": "x", "Kanal": "DIGITAL POST"}
    report = run(real_db, csv_bytes([lenient]))
    assert report.done, report.lines()
    row = stored(real_db)[0]
    assert (row["department"], row["unit"], row["inquiry_type"], row["channel"]) == (BA, "Jobcenter – Jobaktiv", "Klage", "Digital post")
    assert (row["received_on"], row["first_answer_on"]) == (dt.datetime(2019, 1, 7), dt.datetime(2019, 1, 8))


@pytest.mark.parametrize("text, value", [("ja", True), ("j", True), ("x", True), ("1", True), ("nej", False), ("n", False), ("0", False), ("", None)])
def test_yes_and_no(real_db, text, value):
    run(real_db, csv_bytes(rows(**{"Gene ved skift": text})))
    assert stored(real_db)[0]["caseworker_change_trouble"] is value or (value is None and stored(real_db)[0]["caseworker_change_trouble"] is None)


def test_a_missing_required_column_refuses_the_file(real_db):
    data = csv_bytes([{k: v for k, v in ROW.items() if k != "Afdeling"}])
    with pytest.raises(importer.ImportRefused, match="Filen mangler kolonnerne Afdeling"):
        run(real_db, data)


# -- rules: one small file each ---------------------------------------------------

RULES = [
    ({"Løbenr.": ""}, "Række 2, kolonne Løbenr.: skal udfyldes."),
    ({"Borger": " "}, "Række 2, kolonne Borger: skal udfyldes."),
    ({"Modtaget": ""}, "Række 2, kolonne Modtaget: skal udfyldes."),
    ({"Forvaltning": ""}, "Række 2, kolonne Forvaltning: skal udfyldes."),
    ({"Afdeling": ""}, "Række 2, kolonne Afdeling: skal udfyldes."),
    ({"Henvendelsestype": ""}, "Række 2, kolonne Henvendelsestype: skal udfyldes."),
    ({"Forvaltning": "Børn og Unge"}, "Række 2, kolonne Forvaltning: 'Børn og Unge' er ikke en forvaltning i organisationen."),
    ({"Afdeling": "Jobcentret"}, "Række 2, kolonne Afdeling: 'Jobcentret' er ikke en afdeling i organisationen."),
    ({"Afdeling": "Familierådgivningen", "Modtaget": "07-12-2018", "Første svar": "", "Afsluttet": ""},
     "Række 2, kolonne Afdeling: 'Familierådgivningen' hørte ikke under Borger & Arbejdsmarked den 07-12-2018."),
    ({"Modtaget": "31-02-2019"}, "Række 2, kolonne Modtaget: '31-02-2019' er ikke en dato (skriv fx 31-01-2019)."),
    ({"Første svar": "i morgen"}, "Række 2, kolonne Første svar: 'i morgen' er ikke en dato (skriv fx 31-01-2019)."),
    ({"Modtaget": "02-01-2020", "Første svar": "", "Afsluttet": ""}, "Række 2, kolonne Modtaget: '02-01-2020' ligger i fremtiden."),
    ({"Første svar": "06-01-2019"}, "Række 2, kolonne Første svar: '06-01-2019' ligger før Modtaget."),
    ({"Møde": "2019-01-01"}, "Række 2, kolonne Møde: '2019-01-01' ligger før Modtaget."),
    ({"Afsluttet": "01/01/2019"}, "Række 2, kolonne Afsluttet: '01/01/2019' ligger før Modtaget."),
    ({"Sagsbehandlerskift (antal)": "-1"}, "Række 2, kolonne Sagsbehandlerskift (antal): '-1' må ikke være negativ."),
    ({"Sagsbehandlerskift (antal)": "to"}, "Række 2, kolonne Sagsbehandlerskift (antal): 'to' er ikke et helt tal fra 0 til 99 skrevet med almindelige cifre (fx 2)."),
    ({"Henvendelsestype": "Henvendelse"}, "Række 2, kolonne Henvendelsestype: 'Henvendelse' er ikke en henvendelsestype "
     "(Rådgivning og vejledning, Klage, Dialogmøde, Sparring, Uden for kompetence)."),
    ({"Kanal": "Fax"}, "Række 2, kolonne Kanal: 'Fax' er ikke en kanal (Telefon, Mail, Personligt fremmøde, Brev, Digital post)."),
    ({"Gene ved skift": "måske"}, "Række 2, kolonne Gene ved skift: 'måske' skal være ja eller nej."),
    ({"Emne": "Ring 120385-1234"}, "Række 2, kolonne Emne: '[CPR-nummer]' indeholder et CPR-nummer; det må kun stå i kolonnen Borger."),
]


@pytest.mark.parametrize("change, line", RULES, ids=[line.split(": ", 1)[1][:40] for _, line in RULES])
def test_each_rule_names_row_column_value_and_problem(real_db, change, line):
    before = real_db.stat()
    report = run(real_db, csv_bytes(rows(**change)))
    assert not report.done
    assert report.lines()[0] == line
    assert report.lines()[-1].startswith("Intet er importeret: 1 af 1 rækker har fejl.")
    assert (real_db.stat().st_ino, real_db.stat().st_mtime_ns) == (before.st_ino, before.st_mtime_ns)  # untouched


def test_a_duplicate_number_is_reported_on_both_rows(real_db):
    report = run(real_db, csv_bytes([ROW, ROW | {"Borger": "CD"}]))
    assert report.lines()[:2] == [
        "Række 2, kolonne Løbenr.: 'L-1' findes også i række 3.",
        "Række 3, kolonne Løbenr.: 'L-1' findes også i række 2.",
    ]


def test_row_numbers_are_the_file_s_even_after_blank_lines(real_db):
    data = csv_bytes([ROW]) + b";;;;;;;;;;;;;\n" + csv_bytes([ROW | {"Løbenr.": "L-2", "Modtaget": "x"}]).split(b"\n", 1)[1]
    assert run(real_db, data).lines()[0] == "Række 4, kolonne Modtaget: 'x' er ikke en dato (skriv fx 31-01-2019)."


# -- all or nothing, quarantine ---------------------------------------------------

def test_all_or_nothing_and_quarantine(real_db):
    data = (FIXTURES / "errors.csv").read_bytes() + "2019-0200;YZ;09-01-2019;Telefon;Borger & Arbejdsmarked;Borgerservice;Klage;;;;;;\n".encode()
    report = run(real_db, data, "errors.csv")
    assert not report.done and stored(real_db) == []
    report = run(real_db, data, "errors.csv", quarantine=True)
    assert report.lines()[-1] == "Import 1: 13 rækker læst, 1 nye, 0 opdateret, 12 afvist (1 + 0 + 12 = 13)."
    assert [r["inquiry_id"] for r in stored(real_db)] == ["2019-0200"]
    with duckdb.connect(str(real_db), read_only=True) as con:
        rejected = con.execute("select row_number, reasons, row_values from rejected_rows order by row_number").fetchall()
    assert [r[0] for r in rejected] == list(range(2, 14))
    assert rejected[0][1] == "Borger: skal udfyldes"
    assert rejected[-1][1] == "Emne: indeholder et CPR-nummer; det må kun stå i kolonnen Borger"
    assert '"Emne":"[CPR-nummer]"' in rejected[-1][2]


# -- idempotence, updates, undo ---------------------------------------------------

def test_the_same_file_twice_is_refused_and_a_corrected_file_updates(real_db):
    data = (FIXTURES / "valid.csv").read_bytes()
    first = run(real_db, data, "valid.csv")
    with pytest.raises(importer.ImportRefused, match=r"Filen er allerede importeret: import 1 \(valid.csv\)"):
        run(real_db, data, "valid-igen.csv")
    corrected = data.replace("Fleksjob".encode(), "Sygedagpenge".encode()) + (
        "2019-0004;XY;05-02-2019;Brev;Teknik & Miljø;Plan;Klage;;;;;;;\n".encode())
    second = run(real_db, corrected, "rettet.csv")
    assert second.lines()[-1] == "Import 2: 4 rækker læst, 1 nye, 3 opdateret, 0 afvist (1 + 3 + 0 = 4)."
    assert [r["topic"] for r in stored(real_db)][0] == "Sygedagpenge"
    assert first.import_id == 1


def test_undo_restores_the_previous_state(real_db):
    data = (FIXTURES / "valid.csv").read_bytes()
    run(real_db, data, "valid.csv")
    before = stored(real_db)
    run(real_db, data.replace("Fleksjob".encode(), "Sygedagpenge".encode()) + (
        "2019-0004;XY;05-02-2019;Brev;Teknik & Miljø;Plan;Klage;;;;;;;\n".encode()), "rettet.csv")
    assert stored(real_db) != before
    with pytest.raises(importer.ImportRefused, match="Kun den nyeste import kan fortrydes, og det er import 2"):
        importer.undo(real_db, 1)
    assert importer.undo(real_db, 2) == "Import 2 er fortrudt."
    assert stored(real_db) == before
    # An undone file may be imported again.
    assert run(real_db, data.replace("Fleksjob".encode(), "Sygedagpenge".encode()) + (
        "2019-0004;XY;05-02-2019;Brev;Teknik & Miljø;Plan;Klage;;;;;;;\n".encode()), "rettet.csv").import_id == 3
    importer.undo(real_db, 3)
    importer.undo(real_db, 1)
    assert stored(real_db) == []


# -- where imports may go ---------------------------------------------------------

def test_the_demo_database_refuses_imports(demo_db, tmp_path):
    copy = tmp_path / "demo.duckdb"
    copy.write_bytes(demo_db.read_bytes())
    with pytest.raises(importer.ImportRefused, match="Demodatabasen tager ikke imod import.*--db"):
        run(copy, csv_bytes(rows()))


def test_without_a_key_nothing_is_imported(real_db, monkeypatch, tmp_path):
    monkeypatch.delenv(privacy.KEY_VARIABLE)
    monkeypatch.setattr(privacy, "SECRETS", tmp_path / "none.toml")
    with pytest.raises(privacy.MissingKey, match="ingen nøgle til pseudonymer"):
        importer.import_file(real_db, csv_bytes(rows()), "log.csv")


def test_the_local_key_is_made_once_and_only_the_owner_reads_it(tmp_path, monkeypatch):
    monkeypatch.delenv(privacy.KEY_VARIABLE)
    secrets_file = tmp_path / ".streamlit" / "secrets.toml"
    assert privacy.ensure_local_key(secrets_file)
    assert not privacy.ensure_local_key(secrets_file)
    assert secrets_file.stat().st_mode & 0o777 == 0o600
    assert len(privacy.key(secrets_file)) > 30


def test_the_dashboard_keeps_its_view_during_an_import(real_db):
    from advisor import queries

    with queries.connect(real_db) as dashboard:  # as the app holds it: read-only
        run(real_db, (FIXTURES / "valid.csv").read_bytes(), "valid.csv")
        assert dashboard.execute("select count(*) from inquiries").fetchone() == (0,)
    with queries.connect(real_db) as reopened:
        assert reopened.execute("select count(*) from inquiries").fetchone() == (3,)


# -- the command line -------------------------------------------------------------

def test_cli_import_and_undo(real_db, capsys):
    assert main(["import", str(FIXTURES / "errors.csv"), "--db", str(real_db)]) == 1
    out = capsys.readouterr().out
    assert out.startswith("Række 2, kolonne Borger: skal udfyldes.")
    assert "Intet er importeret: 12 af 12 rækker har fejl." in out
    assert main(["import", str(FIXTURES / "valid.csv"), "--db", str(real_db)]) == 0
    assert "Import 1: 3 rækker læst, 3 nye" in capsys.readouterr().out
    assert main(["undo", "1", "--db", str(real_db)]) == 0
    assert main(["undo", "1", "--db", str(real_db)]) == 2
    assert capsys.readouterr().out.splitlines()[-1] == "Import 1 er allerede fortrudt."


# -- privacy ----------------------------------------------------------------------

CPRS = ["010203-1234", "0102031234", "311299-4321", "120385 1234"]


def test_no_cpr_number_reaches_the_database_file(real_db):
    data = csv_bytes([
        ROW | {"Løbenr.": f"L-{i}", "Borger": cpr, "Emne": f"se {cpr}" if i == 3 else "Fleksjob", "Bemærkning": cpr}
        for i, cpr in enumerate(CPRS)
    ])
    report = run(real_db, data, "log 010203-1234.csv", quarantine=True)
    assert report.lines()[-1].endswith("(3 + 0 + 1 = 4).")
    assert report.file_name == "log [CPR-nummer].csv"
    content = real_db.read_bytes()
    for cpr in CPRS + [c.replace("-", "").replace(" ", "") for c in CPRS]:
        assert cpr.encode() not in content
    assert not any(privacy.has_cpr(line) for line in report.lines())


def test_cpr_numbers_are_recognised():
    assert privacy.has_cpr("010203-1234") and privacy.has_cpr("ring 0102031234 i dag") and privacy.has_cpr("290200-1234")
    assert not privacy.has_cpr("2019-0001") and not privacy.has_cpr("321299-1234") and not privacy.has_cpr("01020312345")
    assert privacy.mask_cpr("a 010203-1234 b 2019-0001") == "a [CPR-nummer] b 2019-0001"


# -- a killed import --------------------------------------------------------------

def test_an_import_killed_midway_leaves_the_database_as_it_was(real_db, tmp_path):
    big = tmp_path / "stor.csv"
    lines = [";".join(ROW)] + [
        ";".join((ROW | {"Løbenr.": f"K-{i}", "Borger": f"B{i % 5000}"}).values()) for i in range(200_000)
    ]
    big.write_text("\n".join(lines) + "\n")
    before = real_db.read_bytes()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "advisor", "import", str(big), "--db", str(real_db)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    copy = real_db.with_name(real_db.name + ".importing")
    deadline = time.monotonic() + 60
    while not copy.exists() and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.01)
    assert proc.poll() is None, "the import finished before it could be killed"
    time.sleep(0.3)
    proc.kill()
    proc.wait()
    assert real_db.read_bytes() == before
    # The next import cleans up and succeeds.
    assert run(real_db, csv_bytes(rows())).done
    assert not copy.exists()


def test_the_import_history(real_db):
    from advisor import queries

    run(real_db, (FIXTURES / "valid.csv").read_bytes(), "valid.csv")
    run(real_db, (FIXTURES / "errors.csv").read_bytes(), "errors.csv", quarantine=True)
    importer.undo(real_db, 2)
    with queries.connect(real_db) as con:
        history = queries.run(con, "imports").drop(columns=["imported_at", "undone_at"]).to_dict("records")
    assert history == [
        {"import_id": 2, "file_name": "errors.csv", "rows_read": 12, "rows_imported": 0, "rows_updated": 0,
         "rows_rejected": 12, "can_undo": False},
        {"import_id": 1, "file_name": "valid.csv", "rows_read": 3, "rows_imported": 3, "rows_updated": 0,
         "rows_rejected": 0, "can_undo": True},
    ]


def infos(at) -> str:
    return "\n".join([i.value for i in at.info] + [m.value for m in at.markdown])


def button(at, label):
    return next(b for b in at.button if b.label == label)


def test_the_data_page_on_the_demo_explains_how_to_import(app, demo_db):
    at = app(demo_db, "pages/data_import.py")
    assert not at.exception
    assert "python -m advisor init --db" in infos(at)
    assert not at.get("file_uploader")


def test_the_data_page_uploads_checks_imports_and_undoes(app, real_db):
    at = app(real_db, "pages/data_import.py")
    assert not at.exception
    at.get("file_uploader")[0].set_value(("fejl.csv", (FIXTURES / "errors.csv").read_bytes(), "text/csv")).run()
    assert {m.label: m.value for m in at.metric} == {"Rækker i filen": "12", "Nye": "0", "Opdateres": "0", "Med fejl": "12"}
    problems = tables(at)[0]
    assert problems.iloc[0].to_dict() == {"Række": "2", "Kolonne": "Borger", "Værdi": "", "Fejl": "skal udfyldes"}
    assert button(at, "Importér").disabled

    at.get("file_uploader")[0].set_value(("log.csv", (FIXTURES / "valid.csv").read_bytes(), "text/csv")).run()
    assert {m.label: m.value for m in at.metric} == {"Rækker i filen": "3", "Nye": "3", "Opdateres": "0", "Med fejl": "0"}
    assert "Bemærkning" in at.caption[1].value
    preview = tables(at)[0]
    assert list(preview["Løbenr."]) == ["2019-0001", "2019-0002", "2019-0003"]
    assert not preview.astype(str).apply(lambda c: c.map(privacy.has_cpr)).any().any()

    button(at, "Importér").click().run()
    assert not at.exception
    assert at.success[0].value == "Import 1: 3 rækker læst, 3 nye, 0 opdateret, 0 afvist (3 + 0 + 0 = 3)."
    assert len(stored(real_db)) == 3

    assert not at.get("file_uploader")[0].value  # ready for the next file
    at.get("file_uploader")[0].set_value(("igen.csv", (FIXTURES / "valid.csv").read_bytes(), "text/csv")).run()
    assert at.error[0].value.startswith("Filen er allerede importeret: import 1 (log.csv)")
    history = next(d for d in tables(at) if "Import" in d.columns)
    assert history.iloc[0][["Import", "Fil", "Læst", "Nye"]].to_dict() == {"Import": "1", "Fil": "log.csv", "Læst": "3", "Nye": "3"}
    button(at, "Fortryd import 1").click().run()
    assert at.success[0].value == "Import 1 er fortrudt."
    assert stored(real_db) == []


def test_imports_and_undos_are_in_the_audit_log(app, real_db, capsys):
    from advisor import audit

    assert main(["import", str(FIXTURES / "valid.csv"), "--db", str(real_db)]) == 0
    at = app(real_db, "pages/data_import.py", user="janne.andersen@esbjerg.dk")
    button(at, "Fortryd import 1").click().run()
    log = audit.entries(real_db)
    log = log[log["action"] != "login"].reset_index(drop=True)  # the adviser's login is in the log too
    assert list(log["action"]) == ["fortryd", "import"]
    assert list(log["who"]) == ["janne.andersen@esbjerg.dk", "kommandolinjen"]
    assert log["details"].iloc[1] == ('{"import": 1, "fil": "valid.csv", "læst": 3, "nye": 3, "opdateret": 0, '
                                      '"afvist": 0, "karantæne": false}')
    shown = next(d for d in tables(at.run()) if "Handling" in d.columns)
    assert list(shown["Handling"]) == ["fortryd", "login", "import"]


def test_the_audit_log_never_holds_a_cpr_number(real_db):
    from advisor import audit

    audit.record(real_db, "010203-1234", "eksport", {"tabel": "x", "filtre": "Borger 0102031234"})
    entry = audit.entries(real_db).iloc[0]
    assert entry["who"] == "[CPR-nummer]" and "[CPR-nummer]" in entry["details"]
