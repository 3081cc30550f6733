"""Property: whatever the file, every row is accounted for and no CPR number
reaches the database file."""

import datetime as dt
import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from advisor import db, importer, privacy

HEADERS = list(importer.COLUMNS) + ["Bemærkning", "Noter"]
cprs = st.builds(
    lambda day, sep, tail: f"{day:%d%m%y}{sep}{tail:04d}",
    st.dates(dt.date(1930, 1, 1), dt.date(2018, 12, 31)), st.sampled_from(["-", "", " "]), st.integers(0, 9999),
)
dates = st.one_of(
    st.dates(dt.date(2014, 5, 1), dt.date(2020, 6, 1)).map(lambda d: d.strftime("%d-%m-%Y")),
    st.dates(dt.date(2014, 5, 1), dt.date(2019, 12, 31)).map(lambda d: d.isoformat()),
    st.sampled_from(["", "31-02-2019", "i går", "43472"]),
)
text = st.one_of(st.text(max_size=12), cprs, st.sampled_from(["", "Klage", "Telefon", "Borgerservice", BA := "Borger & Arbejdsmarked"]))
cells = {
    "Løbenr.": st.one_of(st.integers(1, 40).map(str), st.just(""), cprs),
    "Borger": st.one_of(cprs, st.sampled_from(["AB", "CD", "", "sag 2019-12"])),
    "Modtaget": dates, "Første svar": dates, "Møde": dates, "Afsluttet": dates,
    "Kanal": st.sampled_from(["Telefon", "mail", "Fax", "", "Digital post"]),
    "Forvaltning": st.sampled_from([BA, "børn & kultur", "Ukendt", ""]),
    "Afdeling": st.sampled_from(["Borgerservice", "Familierådgivningen", "Jobcenter - Jobaktiv", "Skole og specialområdet", "Nej"]),
    "Henvendelsestype": st.sampled_from(["Klage", "rådgivning og vejledning", "Sparring", "Spørgsmål", ""]),
    "Emne": text,
    "Sagsbehandlerskift (antal)": st.sampled_from(["", "0", "3", "-2", "mange"]),
    "Gene ved skift": st.sampled_from(["", "ja", "nej", "x", "måske"]),
    "Bemærkning": text, "Noter": text,
}
rows = st.lists(st.fixed_dictionaries(cells), min_size=1, max_size=25)


def as_csv(table: list[dict], sep: str) -> bytes:
    clean = lambda v: v.replace(sep, " ").replace("\n", " ").replace("\r", " ").replace('"', "'")  # noqa: E731
    lines = [sep.join(HEADERS)] + [sep.join(clean(r[h]) for h in HEADERS) for r in table]
    return ("\n".join(lines) + "\n").encode("utf-8")


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(table=rows, sep=st.sampled_from([";", "\t"]))
def test_every_row_is_accounted_for_and_no_cpr_is_stored(table, sep):
    with tempfile.TemporaryDirectory() as tmp:
        database = db.build(Path(tmp) / "k.duckdb", is_demo=False)
        data = as_csv(table, sep)
        os.environ[privacy.KEY_VARIABLE] = "property-key"
        try:
            report = importer.import_file(database, data, "log.csv", quarantine=True, today=dt.date(2019, 12, 31))
        finally:
            del os.environ[privacy.KEY_VARIABLE]
        non_blank = sum(1 for r in table if any(v.strip() for v in r.values()))
        assert report.rows_read == non_blank
        assert report.rows_imported + report.rows_updated + report.rows_rejected == report.rows_read
        content = database.read_bytes()
        for row in table:
            for value in row.values():
                for match in privacy.CPR_PATTERN.finditer(value):
                    if privacy.has_cpr(match[0]):
                        digits = "".join(ch for ch in match[0] if ch.isdigit())
                        assert digits.encode() not in content
                        assert match[0].encode() not in content
        assert not any(privacy.has_cpr(line) for line in report.lines())
