"""The dialogue meeting: default half-year, comparison, the rule for points to
discuss (hand-made figures), the page through AppTest."""

import datetime as dt

import pandas as pd
import pytest

from advisor import meeting, queries
from conftest import params, records, tables


def test_the_default_half_year_is_the_last_complete_one():
    assert meeting.default_half(dt.date(2019, 12, 31)).key == "2019H2"
    assert meeting.default_half(dt.date(2019, 12, 30)).key == "2019H1"
    assert meeting.default_half(dt.date(2019, 6, 30)).key == "2019H1"
    assert meeting.default_half(dt.date(2019, 3, 1)).key == "2018H2"


def test_unit_figures_of_borger_og_arbejdsmarked_in_2018(tiny):
    # B&A 2018: T-05 (A, Jobaktiv, Klage, answer after 2 days, meeting after 14, trouble),
    # T-06 (D, Borgerservice, 1 day), T-10 (F, Ydelse og kontanthjælp, unanswered); all in the first half.
    rows = records(queries.run(tiny, "unit_figures", params(department="Borger & Arbejdsmarked")))
    assert [r.pop("half_start") for r in rows] == [dt.date(2018, 1, 1)] * 3
    assert rows == [
        {"unit": "Borgerservice", "registrations": 1, "citizens": 1, "first_contacts": 1, "complaints": 0,
         "median_days_to_answer": 1.0, "median_days_to_meeting": None, "repeat_citizens": 0, "repeat_share": 0.0,
         "citizens_with_trouble": 0},
        {"unit": "Jobcenter – Jobaktiv", "registrations": 1, "citizens": 1, "first_contacts": 1, "complaints": 1,
         "median_days_to_answer": 2.0, "median_days_to_meeting": 14.0, "repeat_citizens": 0, "repeat_share": 0.0,
         "citizens_with_trouble": 1},
        {"unit": "Ydelse og kontanthjælp", "registrations": 1, "citizens": 1, "first_contacts": 1, "complaints": 0,
         "median_days_to_answer": None, "median_days_to_meeting": None, "repeat_citizens": 0, "repeat_share": 0.0,
         "citizens_with_trouble": 0},
    ]


def test_unit_figures_count_each_half_year_on_its_own(tiny):
    # B&A, 2nd half 2017 to 1st half 2018: A twice at Jobaktiv in Nov 2017 (T-01, T-03); then
    # A (T-05, Jobaktiv), D (T-06, Borgerservice), F (T-10, Ydelse) once each. A is a citizen and a
    # first contact in both half-years: each is counted on its own.
    rows = records(queries.run(tiny, "unit_figures", params(
        department="Borger & Arbejdsmarked", date_from=dt.date(2017, 7, 1), date_to=dt.date(2018, 6, 30))))
    assert [(r["half_start"], r["unit"], r["registrations"], r["citizens"], r["first_contacts"], r["repeat_citizens"])
            for r in rows] == [
        (dt.date(2017, 7, 1), "Jobcenter – Jobaktiv", 2, 1, 1, 1),
        (dt.date(2018, 1, 1), "Borgerservice", 1, 1, 1, 0),
        (dt.date(2018, 1, 1), "Jobcenter – Jobaktiv", 1, 1, 1, 0),
        (dt.date(2018, 1, 1), "Ydelse og kontanthjælp", 1, 1, 1, 0),
    ]


def figures(**units) -> pd.DataFrame:
    names = ["registrations", "citizens", "first_contacts", "complaints", "median_days_to_answer",
             "median_days_to_meeting", "repeat_share", "citizens_with_trouble"]
    return pd.DataFrame([{"unit": u, **dict(zip(names, v))} for u, v in units.items()], columns=["unit", *names])


NO_TOPICS = (pd.DataFrame(columns=["topic", "registrations"]),) * 3


def test_points_need_30_percent_and_at_least_k_citizens():
    now = figures(a=(20, 12, 12, 8, 6.0, 20.0, 0.3, 6), b=(10, 4, 4, 1, 9.0, 9.0, 0.2, 0), c=(10, 10, 10, 5, 6.5, 10.0, 0.1, 5))
    before = figures(a=(14, 10, 10, 5, 3.0, 21.0, 0.1, 6), b=(3, 3, 3, 0, 2.0, 2.0, 0.0, 0), c=(10, 10, 10, 5, 5.0, 10.0, 0.9, 5))
    found = meeting.points(now, before, before.iloc[0:0], ("1. halvår", "året før"), NO_TOPICS, k=5)
    assert found == [
        # a: registrations 14 -> 20 is +43 %; citizens 10 -> 12 only +20 %; complaints 5 -> 8 +60 %;
        # answer 3 -> 6 days +100 % and 3 days; meetings barely move; trouble unchanged.
        "a: registreringer steg fra 14 til 20 (+43 %) mod 1. halvår.",
        "a: klager steg fra 5 til 8 (+60 %) mod 1. halvår.",
        "a: mediantid til første svar steg fra 3,0 til 6,0 dage (+100 %) mod 1. halvår.",
        # b has fewer than 5 citizens; c's answer time moved 30 % but only 1,5 days; shares are never points.
    ]


def test_topics_are_points_too():
    topics = (pd.DataFrame({"topic": ["Fleksjob", "Kontrol"], "registrations": [13, 6]}),
              pd.DataFrame({"topic": ["Fleksjob", "Kontrol"], "registrations": [10, 2]}),
              pd.DataFrame(columns=["topic", "registrations"]))
    empty = figures()
    assert meeting.points(empty, empty, empty, ("forrige", "året før"), topics, k=5) == [
        "Emnet Fleksjob: registreringer steg fra 10 til 13 (+30 %) mod forrige.",  # Kontrol: 2 is small
    ]


def test_the_page_on_the_demo_for_2018h2(app, demo_db):
    at = app(demo_db, "pages/dialogue_meeting.py", query={"moede_halvaar": "2. halvår 2018"})
    assert not at.exception
    assert [s.value for s in at.subheader] == ["Overblik", "Registreringer og borgere", "Klager og sagsbehandlerskift",
                                                "Ventetider", "Gentagne henvendelser", "Typer og emner", "Punkter til drøftelse",
                                                "Begivenheder"]
    registrations = tables(at)[0]
    assert list(registrations.columns) == ["Afdeling", "2. halvår 2017", "1. halvår 2018", "2. halvår 2018", "Ændring"]
    # The page's figures are the query's: the department's registrations add up to its key figure.
    b_and_a = queries.run(queries.connect(demo_db), "key_figures", params(
        date_from=dt.date(2018, 7, 1), date_to=dt.date(2018, 12, 31), department="Borger & Arbejdsmarked", org_view="today",
        proper_only=True))  # the meeting counts egentlige henvendelser
    assert {m.label: m.value for m in at.metric}["Registreringer"] == str(b_and_a.registrations[0])
    assert sum(int(v) for v in registrations["2. halvår 2018"]) == b_and_a.registrations[0]


def test_presentation_mode_shows_one_theme_at_a_time(app, demo_db):
    at = app(demo_db, "pages/dialogue_meeting.py")
    at.toggle(key="praesentation").set_value(True).run()
    assert not at.exception
    assert at.markdown[0].value.startswith("### Overblik")
    next(b for b in at.button if b.label == "Næste").click().run()
    assert at.markdown[0].value.startswith("### Registreringer og borgere")
    next(b for b in at.button if b.label == "Forrige").click().run()
    next(b for b in at.button if b.label == "Forrige").click().run()
    assert at.markdown[0].value.startswith("### Begivenheder")


def test_a_leader_sees_no_small_count_in_the_meeting_material(app, tiny_db):
    from test_access import LEADER_BA, small_counts_shown

    at = app(tiny_db, "pages/dialogue_meeting.py", query={"moede_halvaar": "1. halvår 2018"}, user=LEADER_BA)
    assert not at.exception
    assert small_counts_shown(at) == []
    # The unit tables: registrations, citizens, 1. gang, complaints, trouble (in that order) hold counts.
    count_tables = tables(at)[:5]
    assert all("Ændring" in t.columns for t in count_tables)
    cells = [v for t in count_tables for c in ("1. halvår 2017", "2. halvår 2017", "1. halvår 2018") for v in t[c]]
    assert cells and not {"1", "2", "3", "4"} & set(cells)
    assert "·" in cells  # B&A in the fixture is small: 3 registrations in 1. halvår 2018


def test_the_excel_material_equals_the_queries_and_hides_small_numbers(demo_db, tmp_path, capsys):
    import openpyxl

    from advisor.__main__ import main

    out = tmp_path / "moede.xlsx"
    assert main(["pack", "--half", "2018H2", "--format", "xlsx", "--out", str(out), "--db", str(demo_db)]) == 0
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["Overblik", "Registreringer", "Borgere", "1. gang", "Klager", "Mediantid til første svar",
                               "Mediantid til møde", "Andel med flere henvendelser", "Borgere med gener ved skift",
                               "Henvendelsestyper", "Emner", "Punkter til drøftelse", "Begivenheder"]
    half = dict(date_from=dt.date(2018, 7, 1), date_to=dt.date(2018, 12, 31), department="Borger & Arbejdsmarked",
                org_view="today", proper_only=True)  # the meeting counts egentlige henvendelser
    with queries.connect(demo_db) as con:
        units = queries.run(con, "unit_figures", params(**half)).set_index("unit")["registrations"]
        key = queries.run(con, "key_figures", params(**half)).iloc[0]
    rows = list(book["Registreringer"].iter_rows(values_only=True))
    assert rows[0] == ("Afdeling", "2. halvår 2017", "1. halvår 2018", "2. halvår 2018", "Ændring")
    cells = {r[0]: r[3] for r in rows[1:]}
    assert set(cells) == set(units.index)
    for unit, value in units.items():  # the query's number, or hidden; a small one always hidden
        assert cells[unit] == int(value) if cells[unit] != "·" else True
        assert cells[unit] == "·" or value >= 5 or value == 0
    assert list(book["Overblik"].iter_rows(values_only=True))[1][:2] == ("Registreringer", int(key.registrations))
    for sheet in ["Registreringer", "Borgere", "1. gang", "Klager", "Borgere med gener ved skift"]:
        numbers = [v for r in list(book[sheet].iter_rows(values_only=True))[1:] for v in r[1:4] if isinstance(v, int)]
        assert not [v for v in numbers if 0 < v < 5], sheet


def test_the_pdf_material(demo_db, tmp_path):
    from pypdf import PdfReader

    from advisor.__main__ import main

    out = tmp_path / "moede.pdf"
    assert main(["pack", "--half", "2018H2", "--format", "pdf", "--out", str(out), "--db", str(demo_db)]) == 0
    pages = [page.extract_text() for page in PdfReader(out).pages]
    assert len(pages) >= 5
    assert "Dialogmøde: Borger &" in pages[0] and "2. halvår 2018, sammenlignet med 1. halvår 2018" in pages[0]
    assert "DEMODATA" in pages[0] and "Data pr. 31. dec. 2019" in pages[0]
    text = "\n".join(pages)
    half = dict(date_from=dt.date(2018, 7, 1), date_to=dt.date(2018, 12, 31), department="Borger & Arbejdsmarked",
                org_view="today", proper_only=True)  # the meeting counts egentlige henvendelser
    with queries.connect(demo_db) as con:
        key = queries.run(con, "key_figures", params(**half)).iloc[0]
    assert f"Registreringer\n{int(key.registrations)}\n" in text  # the page's figure
    for heading in ["Nøgletal", "Registreringer pr. afdeling", "Klager", "Henvendelsestyper", "Emner",
                    "Punkter til drøftelse", "Begivenheder i perioden", "Begreber"]:
        assert heading in text
    assert "·" in text  # small numbers hidden, as on the page
    assert all(f"Side {i}" in page for i, page in enumerate(pages, 1))


def test_the_powerpoint_material(demo_db, tmp_path):
    from pptx import Presentation

    from advisor import material as handout
    from advisor.__main__ import main

    out = tmp_path / "moede.pptx"
    assert main(["pack", "--half", "2018H2", "--format", "pptx", "--out", str(out), "--db", str(demo_db)]) == 0
    deck = Presentation(out)
    assert deck.slide_width / deck.slide_height == pytest.approx(16 / 9, rel=0.01)
    titles = [slide.shapes.title.text for slide in deck.slides]
    assert titles == ["Dialogmøde: Borger & Arbejdsmarked", "Nøgletal", "Registreringer pr. afdeling",
                      *[name for name, _, _ in meeting.FIGURES.values()], "Henvendelsestyper", "Emner", "Punkter til drøftelse"]
    with queries.connect(demo_db) as con:
        material = meeting.collect(lambda name, **p: queries.run(con, name, p), "Borger & Arbejdsmarked",
                                   meeting.periods.parse("2018H2"), "today", None)
    table = next(s for s in deck.slides[3].shapes if s.has_table).table  # the slide "Registreringer"
    cells = [[table.cell(r, c).text for c in range(len(table.columns))] for r in range(len(table.rows))]
    assert cells == handout.unit_rows(material, "registrations", 5)


def test_no_figure_below_k_in_the_pdf_and_powerpoint_tables(tiny):
    from advisor import material as handout

    # The fixture's B&A is small in every half-year: everything must be hidden.
    material = meeting.collect(lambda name, **p: queries.run(tiny, name, p), "Borger & Arbejdsmarked",
                               meeting.periods.parse("2018H1"), "today", None)
    small = {"1", "2", "3", "4"}
    for figure, (_, _, kind) in meeting.FIGURES.items():
        if kind in ("count", "shown"):
            rows = handout.unit_rows(material, figure, 5)
            assert not small & {cell for row in rows[1:] for cell in row[1:4]}, figure
    key = handout.key_figure_rows(material, 5)
    assert [row[1] for row in key if row[0] in ("Registreringer", "Borgere", "Klager")] == ["·", "·", "·"]
    assert not small & {row[1] for row in meeting.protected_counts(material.types, "inquiry_type", "Type", 5)[1:]}
