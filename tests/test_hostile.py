"""Hostile files and faults (issue 12): CPR numbers in any writing, control
characters, look-alike letters, formulas and markup, files that are not logs,
and imports killed half-way. Each attack is written as a test."""

import datetime as dt
import errno
import io
import json
import shutil
import signal
import subprocess
import sys
import zipfile
from pathlib import Path

import duckdb
import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from advisor import audit, cells, db, export, importer, inert, privacy
from advisor.__main__ import main
from test_import import BA, ROOT, TODAY, csv_bytes, key, real_db, run  # noqa: F401 (fixtures)
ROW = {
    "Løbenr.": "L-1", "Borger": "AB", "Modtaget": "07-01-2019", "Kanal": "Telefon",
    "Forvaltning": BA, "Afdeling": "Jobcenter – Jobaktiv", "Henvendelsestype": "Rådgivning og vejledning",
    "Emne": "Fleksjob", "Første svar": "08-01-2019", "Møde": "", "Afsluttet": "15-01-2019",
    "Sagsbehandlerskift (antal)": "", "Gene ved skift": "", "Bemærkning": "Borgeren er syg",
}
# Every writing of one CPR number the issue names, and more.
CPR = "0102031234"
WRITINGS = ["010203-1234", "010203–1234", "010203—1234", "010203 - 1234", "01 02 03 12 34", "01.02.03-1234",
            "0102031234", "010203\u00a01234", "010203\u20091234", "010203/1234", "010203_1234", "01-02-03-12-34",
            "010203\u202f1234"]


csv_of = csv_bytes


def xlsx_of(rows: list[list], sheet: str = "Log", formulas: bool = False) -> bytes:
    book = openpyxl.Workbook()
    book.active.title = sheet
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def everything_stored(database: Path) -> str:
    """Every value of every column of every table, and the audit log, as
    text; but for SHA-256 digests (a file's, an audit entry's), whose hex
    digits can hold nine in a row that look like a CPR number without a
    leading zero, and hold nothing of a citizen."""
    import re

    digest = re.compile(r"[0-9a-f]{64}")
    texts = []
    with duckdb.connect(str(database), read_only=True) as con:
        for (table,) in con.execute("select table_name from duckdb_tables()").fetchall():
            texts += [str(v) for row in con.execute(f'select * from "{table}"').fetchall() for v in row  # noqa: S608
                      if not digest.fullmatch(str(v))]
    for entry in audit.entries(database).itertuples():
        texts += [entry.who, entry.action, entry.details]
    return "\n".join(texts)


def raw_bytes(database: Path) -> bytes:
    files = [database, Path(str(database) + ".wal"), audit.log_file(database)]
    return b"".join(f.read_bytes() for f in files if f.exists())


# -- 1. no CPR number in any writing -----------------------------------------------

@pytest.mark.parametrize("writing", WRITINGS)
def test_every_writing_of_a_cpr_number_is_found_and_masked(writing):
    assert privacy.has_cpr(writing)
    assert privacy.mask_cpr(f"Borger {writing} ringede") == "Borger [CPR-nummer] ringede"
    assert privacy.normalise_citizen(writing) == CPR


@pytest.mark.parametrize("text", ["2019-0001", "31-01-2019", "tlf. 12 34 56 78", "12345678901",
                                  "320203-1234", "sag 2019-12", "1.234.567"])
def test_what_is_not_a_cpr_number(text):
    assert not privacy.has_cpr(text)


separators = st.sampled_from(["", "-", "–", "—", "/", ".", "_", " ", "\u00a0", "\u2009", " - ", ". "])


@given(st.dates(dt.date(1920, 1, 1), dt.date(2019, 12, 31)), st.integers(0, 9999), st.lists(separators, min_size=9, max_size=9))
def test_a_cpr_number_with_any_separators_between_any_digits_is_found(day, tail, seps):
    digits = f"{day:%d%m%y}{tail:04d}"
    written = digits[0] + "".join(s + d for s, d in zip(seps, digits[1:]))
    assert privacy.has_cpr(f"x {written} y") and CPR_MASK_IN(privacy.mask_cpr(written))
    assert privacy.normalise_citizen(written) == digits


def CPR_MASK_IN(text: str) -> bool:  # noqa: N802
    return privacy.CPR_MASK in text and not any(ch.isdigit() for ch in text)


def test_the_same_citizen_in_any_writing_gets_one_pseudonym(real_db):
    rows = [ROW | {"Løbenr.": f"L-{i}", "Borger": w} for i, w in enumerate(WRITINGS)]
    report = run(real_db, csv_of(rows))
    assert report.done and report.rows_imported == len(WRITINGS), report.lines()
    with duckdb.connect(str(real_db), read_only=True) as con:
        assert con.execute("select count(distinct citizen_key) from inquiries").fetchone() == (1,)


COLUMNS = [c for c in importer.COLUMNS if c != "Borger"] + ["Bemærkning"]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(writing=st.sampled_from(WRITINGS), column=st.sampled_from(COLUMNS), quarantine=st.booleans(),
       where=st.sampled_from(["cell", "header", "sheet", "file"]), xlsx=st.booleans())
def test_a_cpr_number_anywhere_in_a_file_is_never_stored_logged_or_echoed(tmp_path_factory, writing, column, quarantine,
                                                                           where, xlsx):
    database = db.build(tmp_path_factory.mktemp("cpr") / "k.duckdb", is_demo=False)
    good = ROW | {"Borger": writing}
    bad = ROW | {"Løbenr.": "L-2", column: f"ref {writing}" if where == "cell" else ROW[column]}
    rows = [good, bad]
    if where == "header":
        rows = [r | {f"Noter {writing}": "x"} for r in rows]
    name = f"log {writing}" if where == "file" else "log"
    sheet = f"Ark {writing.replace('/', '.')}"[:31] if where == "sheet" else "Log"  # no / in a sheet's name
    data = xlsx_of([list(rows[0]), *[list(r.values()) for r in rows]], sheet) if xlsx else csv_of(rows)
    messages = []
    try:
        report = run(database, data, name + (".xlsx" if xlsx else ".csv"), quarantine=quarantine)
        messages += report.lines()
        if report.done:
            importer.undo(database, report.import_id)
            assert importer.undo.__name__  # undo ran
            report = run(database, data, name + (".xlsx" if xlsx else ".csv"), quarantine=quarantine)
            messages += report.lines()
    except importer.ImportRefused as refused:
        messages.append(str(refused))
    stored = everything_stored(database)
    for text in [stored, *messages]:
        assert not privacy.has_cpr(text), text
    assert CPR.encode() not in raw_bytes(database) and writing.encode() not in raw_bytes(database)


def test_a_date_with_a_time_is_a_date_not_a_cpr_number(real_db):
    # "31-01-2019 12:34" has ten digits, and 310120 is a date: outside a date
    # column it is masked (fail closed); in a date column it is the date it is.
    assert privacy.has_cpr("31-01-2019 12:34")
    report = run(real_db, csv_of([ROW | {"Modtaget": "07-01-2019 12:34", "Første svar": "2019-01-08 09:15:00"}]))
    assert report.done, report.lines()


def test_a_cell_of_nine_digits_is_a_cpr_number_whose_leading_zero_excel_dropped(real_db):
    assert privacy.has_cpr("102031234") and privacy.normalise_citizen("102031234") == CPR
    assert not privacy.has_cpr("sag 102031234")  # inside a text, nine digits are too often something else
    rows = [ROW | {"Borger": "010203-1234"}, ROW | {"Løbenr.": "L-2", "Borger": "102031234"}]
    report = run(real_db, csv_of(rows))
    assert report.done
    with duckdb.connect(str(real_db), read_only=True) as con:
        assert con.execute("select count(distinct citizen_key) from inquiries").fetchone() == (1,)
    refused = run(real_db, csv_of([ROW | {"Løbenr.": "L-3", "Emne": "102031234"}]))
    assert "indeholder et CPR-nummer" in refused.lines()[0]


def test_a_ten_digit_count_is_a_cpr_number_not_a_count(real_db):
    report = run(real_db, csv_of([ROW | {"Sagsbehandlerskift (antal)": "0102031234"}]))
    assert not report.done
    assert report.lines()[0] == ("Række 2, kolonne Sagsbehandlerskift (antal): '[CPR-nummer]' indeholder et CPR-nummer; "
                                 "det må kun stå i kolonnen Borger.")


def test_undo_leaves_no_bytes_of_the_undone_rows_and_removes_their_rejected_rows(real_db):
    # Enough rows that DuckDB keeps the deleted ones' blocks in the file
    # unless undo writes the database anew (checked: without it they stay).
    kept = [ROW | {"Løbenr.": f"A-{i}", "Emne": f"Almindeligt {i}"} for i in range(3000)]
    assert run(real_db, csv_of(kept)).done
    secret = [ROW | {"Løbenr.": f"B-{i}", "Emne": f"Hemmeligtemaxyzzy{i}"} for i in range(3000)]
    report = run(real_db, csv_of(secret + [ROW | {"Løbenr.": "B-x", "Modtaget": "i går"}]), quarantine=True)
    assert report.done and report.rows_rejected == 1
    assert b"Hemmeligtemaxyzzy" in real_db.read_bytes()
    importer.undo(real_db, report.import_id)
    assert b"Hemmeligtemaxyzzy" not in real_db.read_bytes()
    with duckdb.connect(str(real_db), read_only=True) as con:
        assert con.execute("select count(*) from rejected_rows").fetchone() == (0,)
        assert con.execute("select count(*) from inquiries").fetchone() == (3000,)


# -- 2. exports are inert ----------------------------------------------------------

HOSTILE = ["=1+2", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A2)", "\t=1", "\r=1", "=HYPERLINK(\"http://x\",\"klik\")",
           "x<y", "<img src=x onerror=alert(1)>", "<a href='http://x'>klik</a>", "![x](http://x/x.png)", "[klik](http://x)"]


def assert_inert_csv(data: bytes) -> None:
    import csv

    for line in csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"):
        for value in line:
            assert not value.startswith(inert.DANGEROUS) or value.lstrip("-").replace(",", "").isdigit(), value


def assert_inert_xlsx(data: bytes) -> None:
    book = openpyxl.load_workbook(io.BytesIO(data))
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for c in row:
                assert c.data_type != "f" and c.hyperlink is None, (sheet.title, c.coordinate, c.value)
                if isinstance(c.value, str):
                    assert not c.value.startswith(inert.DANGEROUS), c.value


@given(st.lists(st.one_of(st.sampled_from(HOSTILE), st.text(max_size=20)), min_size=1, max_size=8))
def test_every_table_export_is_inert(values):
    import pandas as pd

    frame = pd.DataFrame({"Emne": values, "Registreringer": range(len(values)), "Ændring": [-3] * len(values)})
    assert_inert_csv(export.csv_bytes(frame))
    assert_inert_xlsx(export.xlsx_bytes(frame, "=ark"))


def test_the_templates_are_inert():
    assert_inert_csv(importer.template_csv())
    assert_inert_xlsx(importer.template_xlsx({"Kanal": ["=1+2", "Telefon"]}))


@pytest.fixture(scope="module")
def hostile_meeting(tmp_path_factory):
    """A meeting whose topics are hostile text: 6 citizens on each in 1st
    half of 2018, 12 in the 2nd (so every topic is a point to discuss)."""
    from conftest import build_from_csv

    header = ("inquiry_id,citizen_key,received_on,channel,department,unit,inquiry_type,topic,first_answer_on,"
              "meeting_on,closed_on,caseworker_changes,caseworker_change_trouble\n")
    lines, n = [], 0
    for t, topic in enumerate(HOSTILE[7:]):
        for half, (count, day) in enumerate([(6, "2018-03-05"), (12, "2018-09-05")]):
            for i in range(count):
                n += 1
                quoted = '"' + topic.replace('"', '""') + '"'
                lines.append(f"H-{n},c{t}-{half}-{i},{day},Telefon,{BA},Borgerservice,Klage,{quoted},,,,,")
    csv = tmp_path_factory.mktemp("hostile") / "hostile.csv"
    csv.write_text(header + "\n".join(lines) + "\n")
    return build_from_csv(csv.with_suffix(".duckdb"), csv)


def test_pdf_powerpoint_and_excel_print_hostile_topics_as_text(hostile_meeting):
    from pptx import Presentation
    from pypdf import PdfReader

    from advisor import material, meeting, periods, queries

    half = periods.parse("2018H2")
    with queries.connect(hostile_meeting) as con:
        m = meeting.collect(lambda name, **p: queries.run(con, name, p), BA, half, "today", None)
    points = "\n".join(p.text for p in m.points(5))
    for topic in HOSTILE[7:]:
        assert topic in points
    pdf = PdfReader(io.BytesIO(material.pdf(m, 5, as_of="31. dec. 2018", demo=False)))
    text = "\n".join(page.extract_text() for page in pdf.pages)
    for topic in ["x<y", "<img src=x onerror=alert(1)>", "<a href='http://x'>klik</a>"]:
        assert topic in text.replace("\n", " ")
    assert not any("/Annots" in page for page in pdf.pages)  # no link anywhere
    deck = Presentation(io.BytesIO(material.pptx(m, 5, as_of="31. dec. 2018", demo=False)))
    runs = [r for s in deck.slides for sh in s.shapes if sh.has_text_frame for p in sh.text_frame.paragraphs for r in p.runs]
    assert all(r.hyperlink.address is None for r in runs)
    assert_inert_xlsx(export.meeting_xlsx(m, 5, as_of="31. dec. 2018", demo=False))


def test_the_meeting_page_shows_a_topic_as_text_not_markdown(app, hostile_meeting):
    at = app(hostile_meeting, "pages/dialogue_meeting.py", query={"moede_halvaar": "2. halvår 2018"})
    assert not at.exception
    shown = [m.value for m in at.markdown if "Emnet" in m.value]
    import re

    unescaped = re.compile(r"(?<!\\)(!\[|\]\(|<img|<a )")
    assert shown and not [v for v in shown if unescaped.search(v)], shown
    assert any("\\!\\[x\\]" in v for v in shown)


# -- 3. limits ------------------------------------------------------------------------

@pytest.mark.parametrize("changes, message", [
    ({"Emne": "x" * 201}, "Række 2, kolonne Emne: '" + "x" * 60 + "…' er 201 tegn lang; højst 200 tegn."),
    ({"Løbenr.": "L" * 41}, "Række 2, kolonne Løbenr.: '" + "L" * 41 + "…' er 41 tegn lang; højst 40 tegn.".replace("L" * 41, "L" * 41)),
    ({"Sagsbehandlerskift (antal)": "1e3"}, "'1e3' er ikke et helt tal fra 0 til 99"),
    ({"Sagsbehandlerskift (antal)": "0x10"}, "'0x10' er ikke et helt tal fra 0 til 99"),
    ({"Sagsbehandlerskift (antal)": "1_000"}, "'1_000' er ikke et helt tal fra 0 til 99"),
    ({"Afdeling": "Borgerservicе"}, "tegnet 'е' (kyrillisk bogstav, U+0435)"),
    ({"Emne": "Fleks\x00job"}, "indeholder et kontroltegn (U+0000)"),
    ({"Emne": "Fleks\x07job"}, "indeholder et kontroltegn (U+0007)"),
    ({"Modtaget": "07-01-19"}, "'07-01-19' har et årstal med to cifre; skriv året med fire (fx 31-01-2019)"),
    ({"Møde": "07-01-2031"}, "'07-01-2031' ligger mere end et år ude i fremtiden"),
    ({"Modtaget": "07-01-1919"}, "'07-01-1919' ligger før år 2000"),
])
def test_limits_give_a_danish_message_for_the_cell(real_db, changes, message):
    report = run(real_db, csv_of([ROW | changes]))
    assert not report.done
    assert any(message.split("'")[0] in line and message.split("'", 1)[-1][:30] in line for line in report.lines()), \
        report.lines()


def test_invisible_characters_and_odd_spaces_make_no_second_citizen_and_no_invalid_department(real_db):
    rows = [ROW, ROW | {"Løbenr.": "L-2", "Borger": "AB\u200b", "Forvaltning": "Borger\u00a0&\u200b Arbejdsmarked",
                        "Afdeling": "Jobcenter\u2009–\u00a0Jobaktiv", "Emne": "Fleks\u200bjob\u202e"}]
    report = run(real_db, csv_of(rows))
    assert report.done, report.lines()
    with duckdb.connect(str(real_db), read_only=True) as con:
        assert con.execute("select count(distinct citizen_key), count(distinct topic), count(distinct department) "
                           "from inquiries").fetchone() == (1, 1, 1)


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(real_db, monkeypatch):
    monkeypatch.setattr(importer, "MAX_BYTES", 1000)
    monkeypatch.setattr(importer.pd, "read_csv", lambda *a, **k: pytest.fail("read"))
    with pytest.raises(importer.ImportRefused, match="højst 0 MB kan importeres"):
        run(real_db, csv_of([ROW] * 20))


def test_a_file_over_the_row_limit_is_refused(real_db, monkeypatch):
    monkeypatch.setattr(importer, "MAX_ROWS", 5)
    with pytest.raises(importer.ImportRefused, match="over 5 rækker"):
        run(real_db, csv_of([ROW | {"Løbenr.": f"L-{i}"} for i in range(10)]))
    with pytest.raises(importer.ImportRefused, match="over 5 rækker"):
        run(real_db, xlsx_of([list(ROW)] + [list((ROW | {"Løbenr.": f"L-{i}"}).values()) for i in range(10)]), "log.xlsx")


# -- 4. every bad file gets a Danish message, never a traceback ---------------------

def bad_files() -> dict[str, tuple[bytes, str, str]]:
    """name -> (content, file name, the start of the Danish message)."""
    header = ";".join(ROW)
    zipped = io.BytesIO()
    with zipfile.ZipFile(zipped, "w") as z:
        z.writestr("hello.txt", "not a workbook")
    formula = openpyxl.Workbook()
    formula.active.append(list(ROW))
    formula.active.append([*list(ROW.values())[:7], "=A1&B1", *list(ROW.values())[8:]])
    formula_bytes = io.BytesIO()
    formula.save(formula_bytes)
    two_sheets = openpyxl.Workbook()
    two_sheets.active.title = "Forside"
    two_sheets.active.append(["Borgerrådgiverens log 2019"])
    log = two_sheets.create_sheet("2019")
    log.append(list(ROW))
    log.append(list(ROW.values()))
    two_sheets_bytes = io.BytesIO()
    two_sheets.save(two_sheets_bytes)
    return {
        "binary garbage named .csv": (bytes(range(256)) * 40, "log.csv", "Filen er ikke en tekstfil (CSV)"),
        "a CSV named .xlsx": (csv_of([ROW]), "log.xlsx", "Filen hedder .xlsx, men er ikke en Excel-projektmappe"),
        "a zip that is not a workbook": (zipped.getvalue(), "log.xlsx", "Filen kan ikke åbnes som Excel-projektmappe"),
        "a workbook named .csv": (xlsx_of([list(ROW)]), "log.csv", "Filen er en Excel-projektmappe eller en zip-fil"),
        "duplicate headers": ((header + ";Emne\n" + ";".join(ROW.values()) + ";x\n").encode(), "log.csv",
                              "Kolonnen Emne står to gange (kolonne 8 og 15)"),
        "a header only": ((header + "\n").encode(), "log.csv", "Filen har ingen registreringer under overskrifterne"),
        "an empty file": (b"", "log.csv", "Filen er tom"),
        "first sheet not the log": (two_sheets_bytes.getvalue(), "log.xlsx",
                                    "Filen mangler kolonnerne Løbenr., Borger, Modtaget, Forvaltning, Afdeling, "
                                    "Henvendelsestype. Arket 'Forside' er måske ikke loggen: filen har arkene "
                                    "'Forside', '2019'; vælg arket med --sheet"),
        "a formula without a value": (formula_bytes.getvalue(), "log.xlsx", None),
    }


@pytest.mark.parametrize("kind", list(bad_files()))
def test_a_bad_file_gets_a_danish_message_in_the_cli_with_exit_code_2(real_db, tmp_path, capsys, kind):
    content, name, message = bad_files()[kind]
    path = tmp_path / name
    path.write_bytes(content)
    code = main(["import", str(path), "--db", str(real_db)])
    out = capsys.readouterr()
    assert "Traceback" not in out.out + out.err
    if message is None:  # a row error, reported per cell
        assert code == 1
        assert "kolonne Emne: er en formel uden en beregnet værdi; åbn filen i Excel, og gem den igen." in out.out
    else:
        assert code == 2, out.out
        assert message in out.out, out.out
    with duckdb.connect(str(real_db), read_only=True) as con:
        assert con.execute("select count(*) from imports").fetchone() == (0,)


def test_utf16_from_excel_unicode_text_imports(real_db):
    data = csv_of([ROW], sep="\t").decode().encode("utf-16")
    assert run(real_db, data, "log.txt").done


def test_a_missing_file_and_a_missing_import_are_said_so(real_db, capsys):
    assert main(["import", "/nowhere/log.csv", "--db", str(real_db)]) == 2
    assert "Filen findes ikke: /nowhere/log.csv" in capsys.readouterr().out
    assert main(["undo", "7", "--db", str(real_db)]) == 2
    assert "Import 7 findes ikke. Der er ingen importer." in capsys.readouterr().out


@pytest.mark.parametrize("kind", list(bad_files()))
def test_the_data_page_keeps_working_whatever_was_uploaded(app, real_db, kind):
    from streamlit.testing.v1 import AppTest  # noqa: F401

    content, name, _ = bad_files()[kind]
    messages = []
    for check in (lambda: importer.validate(real_db, content, name), lambda: importer.sheet_names(content)):
        try:
            check()
        except importer.ImportRefused as refused:
            messages.append(str(refused))
    assert all("Traceback" not in m for m in messages)
    at = app(real_db, "pages/data_import.py")
    assert not at.exception and [s.value for s in at.header][-3:] == ["Tidligere importer", "Skabelon", "Revisionslog"]


# -- 5. faults leave a working database ----------------------------------------------

KILL = """
import os, signal, sys
from pathlib import Path
sys.path.insert(0, {root!r})
os.environ["ADVISOR_PSEUDONYM_KEY"] = "a-test-key"
from advisor import db, importer
point = {point!r}
def die(*args, **kwargs):
    os.kill(os.getpid(), signal.SIGKILL)
if point == "after commit, before checkpoint":
    importer.logged = die
elif point == "after checkpoint, before the summary":
    db.store_summary = die
elif point == "before the rename":
    importer.os.replace = die
elif point == "in the undo's rewrite":
    db.rewrite = die
data = Path({data!r}).read_bytes()
if point == "in the undo's rewrite":
    importer.undo(Path({database!r}), 1)
else:
    importer.import_file(Path({database!r}), data, "log.csv")
"""


@pytest.mark.parametrize("point", ["after commit, before checkpoint", "after checkpoint, before the summary",
                                   "before the rename", "in the undo's rewrite"])
def test_a_killed_import_or_undo_leaves_the_database_working(real_db, tmp_path, point):
    data = tmp_path / "log.csv"
    data.write_bytes(csv_of([ROW]))
    if point == "in the undo's rewrite":
        assert run(real_db, data.read_bytes()).done
    before = real_db.read_bytes()
    script = KILL.format(root=str(ROOT), point=point, data=str(data), database=str(real_db))
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=120)
    assert result.returncode == -signal.SIGKILL, result.stderr.decode()[-2000:]
    assert real_db.read_bytes() == before  # the live file as it was
    # Nobody deletes a file by hand: the next import and undo just work.
    second = csv_of([ROW | {"Løbenr.": "L-9"}])
    report = run(real_db, second)
    assert report.done, report.lines()
    assert importer.undo(real_db, report.import_id) == f"Import {report.import_id} er fortrudt."
    leftovers = [p.name for p in real_db.parent.iterdir() if ".importing" in p.name or ".compact" in p.name]
    assert leftovers == []


def test_a_full_disk_gives_a_danish_message_and_leaves_no_copy(real_db, monkeypatch):
    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(importer.shutil, "copyfile", full)
    with pytest.raises(importer.ImportRefused, match="Der er ikke plads nok på disken"):
        run(real_db, csv_of([ROW]))
    assert sorted(p.name for p in real_db.parent.iterdir()) == ["kommune.duckdb", "kommune.duckdb.lock"]


def test_no_import_without_its_audit_line(real_db):
    audit.log_file(real_db).mkdir()  # the audit log cannot be written
    before = real_db.read_bytes()
    with pytest.raises(importer.ImportRefused, match="Revisionsloggen .* kunne ikke skrives. Intet er ændret"):
        run(real_db, csv_of([ROW]))
    assert real_db.read_bytes() == before
    shutil.rmtree(audit.log_file(real_db))
    report = run(real_db, csv_of([ROW]))
    assert report.done
    details = json.loads(audit.entries(real_db).iloc[0]["details"])
    assert details["import"] == report.import_id


def test_cleaning_a_column_at_once_equals_cleaning_each_cell():
    values = [" a\u00a0b ", "", "x\u200by", " Borger  &  Arbejdsmarked", "ﬁ", None, "a\tb\nc", "  ", "z "]
    assert cells.clean_column(values) == [cells.clean(v) for v in values]
