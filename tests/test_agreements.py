"""Agreements of the dialogue meetings: recorded through the safe write path,
refused when the text could name a citizen, updated, undone, listed."""

import datetime as dt
import hashlib
import shutil

import duckdb
import pytest

from advisor import agreements, audit, db, demo, meeting, periods, privacy, queries

TODAY = agreements.Agreement("Svarbreve får en direkte kontaktperson", "Borgerservice", "complaints", dt.date(2019, 9, 30))


@pytest.fixture
def meeting_db(tmp_path, demo_db):
    """A copy of the demo database, which holds the demo meeting about 2018H2."""
    copy = tmp_path / "moeder.duckdb"
    shutil.copyfile(demo_db, copy)
    return copy


def listed(database, department="Borger & Arbejdsmarked"):
    with queries.connect(database) as con:
        return queries.run(con, "agreements", {"department": department, "departments": None})


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_demo_holds_a_meeting_about_2018h2_with_three_agreements(demo_db):
    rows = listed(demo_db)
    assert list(rows["agreement_id"]) == [1, 2, 3]
    assert set(rows["half"]) == {"2018H2"} and set(rows["held_on"].dt.date) == {dt.date(2019, 2, 14)}
    assert list(rows["status"]) == ["gennemført", "i gang", "åben"]
    assert list(rows["figure"]) == ["median_days_to_answer", "citizens_with_trouble", "complaints"]
    assert listed(demo_db, "Teknik & Miljø").empty


def test_a_meeting_is_recorded_audited_without_its_text_and_undone(meeting_db):
    before = digest(meeting_db)
    meeting_id = agreements.record(meeting_db, held_on=dt.date(2019, 8, 20), department="Borger & Arbejdsmarked",
                                   half="2019H1", units_present=["Borgerservice"], agreements=[TODAY], who="raadgiver@x.dk")
    assert meeting_id == 2
    rows = listed(meeting_db)
    assert rows.iloc[0][["meeting_id", "half", "what", "unit", "figure", "status"]].tolist() == [
        2, "2019H1", "Svarbreve får en direkte kontaktperson", "Borgerservice", "complaints", "åben"]
    entry = audit.entries(meeting_db).iloc[0]
    assert (entry["who"], entry["action"]) == ("raadgiver@x.dk", "dialogmøde")
    assert "Svarbreve" not in entry["details"]  # the text stays in the database
    assert agreements.undo(meeting_db, who="raadgiver@x.dk") == "Mødet og dets aftaler er fjernet igen."
    assert list(listed(meeting_db)["agreement_id"]) == [1, 2, 3]
    assert digest(meeting_db) != before  # written anew (compacted), with the same content
    with queries.connect(meeting_db) as con:
        assert queries.run(con, "agreements", {"department": None, "departments": None}).equals(listed(meeting_db, None))


def test_a_status_is_updated_and_the_update_undone(meeting_db):
    agreements.set_status(meeting_db, 3, "i gang", who="raadgiver@x.dk")
    assert list(listed(meeting_db)["status"]) == ["gennemført", "i gang", "i gang"]
    assert agreements.undo(meeting_db) == "Statusændringen er fortrudt."
    assert list(listed(meeting_db)["status"]) == ["gennemført", "i gang", "åben"]
    with pytest.raises(agreements.Refused, match="Aftale 99 findes ikke"):
        agreements.set_status(meeting_db, 99, "åben")
    with pytest.raises(agreements.Refused, match="Status: vælg en af åben, i gang, gennemført, opgivet"):
        agreements.set_status(meeting_db, 1, "færdig")


HOSTILE = [
    ("Borgeren 010203–1234 skal have svar", "ligner et CPR-nummer"),
    ("Ring til 0102031234 i morgen", "ligner et CPR-nummer"),
    ("Jens Hansen klager over sin sag", "nævne en person ved navn"),
    ("Svar til fru hansen", "nævne en person ved navn"),
    ("Borgeren Ahmed får et møde", "nævne en person ved navn"),
    ("Skriv til a.b@mail.dk", "e-mailadresse"),
    ("Ring 12 34 56 78", "telefonnummer"),
    ("x" * 201, "201 tegn lang; højst 200 tegn"),
    ("Svar\x00 på alt", "kontroltegn"),
    ("   ", "skriv, hvad der blev aftalt"),
]


@pytest.mark.parametrize(("text", "message"), HOSTILE)
def test_a_text_that_could_point_at_a_person_is_refused_and_nothing_is_written(meeting_db, text, message):
    before = digest(meeting_db)
    bad = agreements.Agreement(text, "Borgerservice", "complaints", dt.date(2019, 9, 30))
    with pytest.raises(agreements.Refused) as refused:
        agreements.record(meeting_db, held_on=dt.date(2019, 8, 20), department="Borger & Arbejdsmarked", half="2019H1",
                          units_present=[], agreements=[TODAY, bad])
    lines = str(refused.value).split("\n")
    assert lines[0] == "Mødet er ikke gemt:" and len(lines) == 2  # agreement 1 is fine
    assert lines[1].startswith("- Aftale 2, Aftale: ") and message in lines[1]
    assert not privacy.has_cpr(str(refused.value))  # the message never repeats the number
    assert "Hansen" not in str(refused.value) and "Ahmed" not in str(refused.value)
    assert digest(meeting_db) == before


def test_every_problem_is_named_by_agreement_and_field(meeting_db):
    bad = agreements.Agreement("Kortere ventetid", "Plan", "ventetid", None, "færdig")
    with pytest.raises(agreements.Refused) as refused:
        agreements.record(meeting_db, held_on=dt.date(2019, 8, 20), department="Borger & Arbejdsmarked", half="2019H3",
                          units_present=["Byggeri"], agreements=[bad])
    assert str(refused.value).split("\n") == [
        "Mødet er ikke gemt:",
        "- Halvår: '2019H3' er ikke et halvår (skriv fx 2018H2).",
        "- Til stede: 1 afdeling(er) hører ikke til forvaltningen.",
        "- Aftale 1, Afdeling: vælg en af forvaltningens afdelinger.",
        "- Aftale 1, Tal: vælg et af mødets tal.",
        "- Aftale 1, Status: vælg en af åben, i gang, gennemført, opgivet.",
        "- Aftale 1, Opfølgning: skriv en dato.",
    ]


@pytest.mark.parametrize("text", ["Team Kontrol svarer inden 10 arbejdsdage", "Borger & Arbejdsmarked følger op",
                                  "Jobcenter – Sygedagpenge sender svar med direkte telefonnummer",
                                  "Ved skift får borgeren besked i forvejen"])
def test_ordinary_agreements_pass_the_check(text):
    assert privacy.personal_text_problem(text) is None


def test_an_older_database_without_the_tables_lists_no_agreements(tmp_path):
    path = db.build(tmp_path / "gammel.duckdb", is_demo=False)
    with duckdb.connect(str(path)) as con:
        con.execute("drop table agreements; drop table meetings")
    assert listed(path).empty


def test_the_follow_up_figures_before_and_now(demo_db):
    with queries.connect(demo_db) as con:
        material = meeting.collect(lambda name, **p: queries.run(con, name, p), "Borger & Arbejdsmarked",
                                   periods.parse("2019H1"), "today", None)
    rows = meeting.follow_up_rows(material, None)
    assert [(r["unit"], r["figure_key"], r["before"], r["now"]) for r in rows] == [
        ("Jobcenter – Sygedagpenge", "median_days_to_answer", 4.5, 11.0),
        ("Familierådgivningen", "citizens_with_trouble", 6, 5),
        ("Ydelse og kontanthjælp", "complaints", 3, 8),
    ]
    # The figures are the unit tables' own.
    units = {name: frame.set_index("unit") for name, frame in zip(("now", "previous"), material.units)}
    assert units["previous"].at["Jobcenter – Sygedagpenge", "median_days_to_answer"] == 4.5
    assert units["now"].at["Ydelse og kontanthjælp", "complaints"] == 8
    assert [r["before"] for r in meeting.follow_up_rows(material, 5)] == [4.5, 6, "·"]
    # A meeting about 2018H2 follows up nothing: its own agreements are for the next one.
    with queries.connect(demo_db) as con:
        earlier = meeting.collect(lambda name, **p: queries.run(con, name, p), "Borger & Arbejdsmarked",
                                  periods.parse("2018H2"), "today", None)
    assert meeting.follow_up_rows(earlier, None) == []


def test_agreements_as_csv_from_the_command_line(demo_db, capsysbinary):
    from advisor.__main__ import main

    assert main(["agreements", "--db", str(demo_db), "--format", "csv"]) == 0
    lines = capsysbinary.readouterr().out.decode("utf-8-sig").split("\r\n")
    assert lines[0] == "Nr.;Mødedato;Forvaltning;Halvår;Til stede;Aftale;Afdeling;Tal;Opfølgning;Status"
    assert lines[3] == ("3;2019-02-14;Borger & Arbejdsmarked;2018H2;\"" + "; ".join(demo.DEMO_MEETING["units_present"])
                        + "\";Afgørelser om kontanthjælpsloftet forklares i et brev på almindeligt dansk;"
                        "Ydelse og kontanthjælp;Klager;2019-12-31;åben")
