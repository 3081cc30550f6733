"""The dialogue meeting: default half-year, comparison, the rule for points to
discuss (hand-made figures), the page through AppTest."""

import datetime as dt
import json

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
    # a: registrations 14 -> 20 is +43 %; citizens 10 -> 12 only +20 %; complaints 5 -> 8 +60 %;
    # answer 3 -> 6 days +100 % and 3 days; meetings barely move; trouble unchanged.
    # b has fewer than 5 citizens; c's answer time moved 30 % but only 1,5 days; shares are never points.
    # Weight = relative change x sqrt(12 citizens): answer 1,00 > complaints 0,60 > registrations 0,43.
    assert [p.text for p in found] == [
        "a: mediantid til første svar 6,0 dage – op fra 3,0 i 1. halvår (+100 %).",
        "a: klager 8 – op fra 5 i 1. halvår (+60 %).",
        "a: registreringer 20 – op fra 14 i 1. halvår (+43 %).",
    ]
    assert [round(p.weight, 4) for p in found] == [round(x * 12 ** 0.5, 4) for x in (1.0, 0.6, 6 / 14)]


def test_points_are_ranked_by_change_against_both_half_years_and_citizens():
    # big: 100 citizens, registrations 100 -> 140 (+40 %) against both half-years: 0,8 x 10 = 8.
    # small: 9 citizens, complaints 5 -> 10 (+100 %) against the half-year before only
    #   (a year earlier it had 4 complaints, a small number: that comparison is not made): 1,0 x 3 = 3.
    # mid: 25 citizens, registrations 50 -> 25 (-50 %) and 40 -> 25 (-37,5 %): 0,875 x 5 = 4,375.
    now = figures(big=(140, 100, 100, 0, None, None, 0, 0), small=(20, 9, 9, 10, None, None, 0, 0),
                  mid=(25, 25, 25, 0, None, None, 0, 0))
    previous = figures(big=(100, 100, 100, 0, None, None, 0, 0), small=(20, 9, 9, 5, None, None, 0, 0),
                       mid=(50, 25, 25, 0, None, None, 0, 0))
    year_before = figures(big=(100, 100, 100, 0, None, None, 0, 0), small=(20, 9, 9, 4, None, None, 0, 0),
                          mid=(40, 25, 25, 0, None, None, 0, 0))
    found = meeting.points(now, previous, year_before, ("forrige", "året før"), NO_TOPICS, k=5)
    assert [(p.subject, p.figure) for p in found] == [("big", "registrations"), ("mid", "registrations"),
                                                      ("small", "complaints")]
    assert [round(p.weight, 3) for p in found] == [8.0, 4.375, 3.0]
    assert found[1].text == "mid: registreringer 25 – ned fra 50 i forrige (-50 %) og ned fra 40 i året før (-38 %)."
    assert found[2].text == "small: klager 10 – op fra 5 i forrige (+100 %)."


def test_a_units_registrations_and_citizens_make_one_point():
    now = figures(a=(40, 30, 30, 0, None, None, 0, 0))
    before = figures(a=(20, 20, 20, 0, None, None, 0, 0))  # registrations +100 %, citizens +50 %
    found = meeting.points(now, before, before.iloc[0:0], ("forrige", "året før"), NO_TOPICS, k=5)
    assert [p.figure for p in found] == ["registrations"]


def test_the_top_five_and_the_other_moves():
    rows = {f"u{i}": (10 + i, 10, 10, 0, None, None, 0, 0) for i in range(8)}
    now = figures(**{u: (v[0] * 2, *v[1:]) for u, v in rows.items()})
    before = figures(**rows)
    material = meeting.Material("X", meeting.periods.parse("2019H1"), "today", [now, before, before.iloc[0:0]], [], NO_TOPICS,
                                pd.DataFrame(), pd.DataFrame())
    top, rest = material.ranked(5)
    # Every unit doubled (+100 %) on 10 citizens: equal weights keep the units' order.
    assert [p.subject for p in top] == ["u0", "u1", "u2", "u3", "u4"]
    assert [p.subject for p in rest] == ["u5", "u6", "u7"]


def test_topics_are_points_too():
    topics = (pd.DataFrame({"topic": ["Fleksjob", "Kontrol"], "registrations": [13, 6]}),
              pd.DataFrame({"topic": ["Fleksjob", "Kontrol"], "registrations": [10, 2]}),
              pd.DataFrame(columns=["topic", "registrations"]))
    empty = figures()
    assert [p.text for p in meeting.points(empty, empty, empty, ("forrige", "året før"), topics, k=5)] == [
        "Emnet Fleksjob: registreringer 13 – op fra 10 i forrige (+30 %).",  # Kontrol: 2 is small
    ]


def test_the_page_on_the_demo_for_2018h2(app, demo_db):
    at = app(demo_db, "pages/dialogue_meeting.py", query={"moede_halvaar": "2. halvår 2018"})
    assert not at.exception
    # The demo's meeting is about 2. halvår 2018 itself: nothing to follow up yet.
    assert [h.value for h in at.header] == ["Overblik", "Punkter til drøftelse", "Registreringer og borgere",
                                            "Klager og sagsbehandlerskift", "Ventetider", "Gentagne henvendelser",
                                            "Typer og emner", "Begivenheder", "Møder og aftaler"]
    registrations = tables(at)[0]
    assert list(registrations.columns) == ["Afdeling", "2. halvår 2018", "Ændring mod 1. halvår 2018",
                                           "Ændring mod 2. halvår 2017"]
    # The page's figures are the query's: the department's registrations add up to its key figure.
    b_and_a = queries.run(queries.connect(demo_db), "key_figures", params(
        date_from=dt.date(2018, 7, 1), date_to=dt.date(2018, 12, 31), department="Borger & Arbejdsmarked", org_view="today",
        proper_only=True))  # the meeting counts egentlige henvendelser
    assert {m.label: m.value for m in at.metric}["Registreringer"] == str(b_and_a.registrations[0])
    assert sum(int(v) for v in registrations["2. halvår 2018"]) == b_and_a.registrations[0]
    assert all(m.proto.delta_description == "mod 1. halvår 2018" for m in at.metric)


def test_the_2019h1_meeting_opens_with_the_follow_up_of_the_demo_agreements(app, demo_db):
    at = app(demo_db, "pages/dialogue_meeting.py", query={"moede_halvaar": "1. halvår 2019"})
    assert not at.exception
    assert at.header[0].value == "Opfølgning på aftaler"
    follow_up = tables(at)[0]
    # The adviser sees every figure; before = 2. halvår 2018 (agreed about), now = 1. halvår 2019.
    assert follow_up.to_dict("records") == [
        {"Aftale": "Svar på skriftlige henvendelser sendes inden for 5 arbejdsdage med sagsbehandlerens direkte telefonnummer",
         "Afdeling: tal": "Jobcenter – Sygedagpenge: mediantid til første svar (dage)", "Status": "gennemført",
         "2. halvår 2018": "4,5", "1. halvår 2019": "11,0"},
        {"Aftale": "Ved skift af sagsbehandler får borgeren besked i forvejen og tilbud om et overdragelsesmøde",
         "Afdeling: tal": "Familierådgivningen: borgere med gener ved skift", "Status": "i gang",
         "2. halvår 2018": "6", "1. halvår 2019": "5"},
        {"Aftale": "Afgørelser om kontanthjælpsloftet forklares i et brev på almindeligt dansk",
         "Afdeling: tal": "Ydelse og kontanthjælp: klager", "Status": "åben", "2. halvår 2018": "3", "1. halvår 2019": "8"},
    ]
    # The five points are numbered; the rest wait under "Øvrige bevægelser".
    points = next(m.value for m in at.markdown if m.value.startswith("1. "))
    assert points.count("\n") == 4 and points.startswith("1. Borgerservice: registreringer 39 – op fra 9 i 2. halvår 2018")
    assert at.expander[0].label.startswith("Øvrige bevægelser (")


def test_a_leader_sees_the_follow_up_with_small_numbers_hidden(app, demo_db):
    from test_access import LEADER_BA, small_counts_shown

    at = app(demo_db, "pages/dialogue_meeting.py", query={"moede_halvaar": "1. halvår 2019"}, user=LEADER_BA)
    assert not at.exception
    follow_up = tables(at)[0]
    assert list(follow_up["2. halvår 2018"]) == ["4,5", "6", "·"]  # 3 complaints is a small number
    assert small_counts_shown(at) == []
    # Leaders read the agreements; recording them is the adviser's.
    assert not [e for e in at.expander if e.label.startswith("Registrér mødet")]
    assert not [b for b in at.button if b.key == "fortryd-aftale"]


def test_presentation_mode_shows_one_part_at_a_time_and_stops_at_the_ends(app, demo_db):
    at = app(demo_db, "pages/dialogue_meeting.py", query={"moede_halvaar": "1. halvår 2019"})
    at.toggle(key="praesentation").set_value(True).run()
    assert not at.exception
    assert [h.value for h in at.header] == ["Opfølgning på aftaler"]
    assert at.button(key="forrige").disabled
    at.button(key="naeste").click().run()
    assert [h.value for h in at.header] == ["Overblik"]
    seen = ["Opfølgning på aftaler", "Overblik"]
    while not at.button(key="naeste").disabled:
        at.button(key="naeste").click().run()
        seen += [h.value for h in at.header]
    assert seen == ["Opfølgning på aftaler", "Overblik", "Punkter til drøftelse", *meeting.THEMES, "Typer og emner",
                    "Begivenheder"]
    assert "9 af 9" in at.markdown[0].value
    at.button(key="afslut").click().run()
    assert not at.toggle(key="praesentation").value
    assert len(at.header) == 10  # the whole page again


def each_tab(at):
    """Open each figure's tab, theme by theme (only a theme's open tab is
    drawn), and yield the figure and its unit table as drawn."""
    for i, figures in enumerate(meeting.THEMES.values()):
        for figure in figures:
            at.session_state["tema-" + "-".join(figures)] = meeting.FIGURES[figure][0]
            at.run()
            assert not at.exception
            drawn = [json.loads(c.proto.spec).get("description", "") for c in at.get("vega_lite_chart")]
            assert sum(d.startswith("Prikdiagram: ") for d in drawn) == len(meeting.THEMES)  # one figure a theme
            assert any(d.startswith(f"Prikdiagram: {meeting.FIGURES[figure][0].lower()} pr.") for d in drawn), figure
            yield figure, [t for t in tables(at) if t.columns[0] == "Afdeling"][i]


def test_a_leader_sees_no_small_count_in_the_meeting_material(app, tiny_db):
    from test_access import LEADER_BA, small_counts_shown

    at = app(tiny_db, "pages/dialogue_meeting.py", query={"moede_halvaar": "1. halvår 2018"}, user=LEADER_BA)
    assert not at.exception
    # Only a theme's open tab is drawn: each figure's tab opened in turn, nothing small shows.
    unit_tables = {}
    for figure, drawn in each_tab(at):
        assert small_counts_shown(at) == [], figure
        unit_tables[figure] = drawn
    # The unit tables: registrations, citizens, complaints, trouble hold counts.
    count_tables = [unit_tables[f] for f in ("registrations", "citizens", "complaints", "citizens_with_trouble")]
    assert all(t.columns[0] == "Afdeling" for t in count_tables)
    assert all("Ændring mod 2. halvår 2017" in t.columns for t in count_tables)
    cells = [v for t in count_tables for c in t.columns[1:] for v in t[c]]
    assert cells and not {"1", "2", "3", "4", "+1", "+2", "+3", "+4", "-1", "-2", "-3", "-4"} & set(cells)
    assert "·" in cells  # B&A in the fixture is small: 3 registrations in 1. halvår 2018


def test_the_excel_material_says_what_it_is_and_formats_every_number(demo_db, tmp_path, capsys):
    import openpyxl

    from advisor.__main__ import main

    out = tmp_path / "moede.xlsx"
    assert main(["pack", "--half", "2019H1", "--format", "xlsx", "--out", str(out), "--db", str(demo_db)]) == 0
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["Om materialet", "Opfølgning på aftaler", "Nøgletal", "Registreringer", "Borgere", "Klager",
                               "Borgere med gener ved skift", "Mediantid til første svar", "Mediantid til møde",
                               "Andel med flere henvendelser", "Henvendelsestyper", "Emner", "Punkter til drøftelse",
                               "Begivenheder"]
    about = dict(book["Om materialet"].iter_rows(min_row=2, values_only=True))
    assert about["Forvaltning"] == "Borger & Arbejdsmarked" and about["Halvår"] == "1. halvår 2019"
    assert about["Organisering"] == "Forvaltninger som organiseret i dag"
    assert about["Data pr."] == "31. dec. 2019" and about["Demodata"].startswith("Ja")
    assert about["Små tal"].startswith("Tal under 5")
    half = dict(date_from=dt.date(2019, 1, 1), date_to=dt.date(2019, 6, 30), department="Borger & Arbejdsmarked",
                org_view="today", proper_only=True)  # the meeting counts egentlige henvendelser
    with queries.connect(demo_db) as con:
        units = queries.run(con, "unit_figures", params(**half)).set_index("unit")["registrations"]
        key = queries.run(con, "key_figures", params(**half)).iloc[0]
    sheet = book["Registreringer"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("Afdeling", "1. halvår 2018", "2. halvår 2018", "1. halvår 2019", "Ændring mod 2. halvår 2018",
                       "Ændring mod 1. halvår 2018")
    cells = {r[0]: r[3] for r in rows[1:]}
    assert cells == {unit: int(value) for unit, value in units.items()}  # no B&A unit is small in 1. halvår 2019
    assert sheet.freeze_panes == "B2" and sheet.column_dimensions["A"].width >= len("Borgerservice – Team Kontrol")
    assert [c.number_format for c in sheet[2]] == ["General", "#,##0", "#,##0", "#,##0", "+#,##0;-#,##0;0", "+#,##0;-#,##0;0"]
    shares = book["Andel med flere henvendelser"]
    assert {c.number_format for c in shares["D"][1:]} == {"0%"}
    assert {c.number_format for c in shares["E"][1:] if not isinstance(c.value, str)} == {
        '+0.0" pct.-point";-0.0" pct.-point";0.0" pct.-point"'}
    assert {c.number_format for c in book["Mediantid til første svar"]["D"][1:]} == {"0.0"}
    key_rows = list(book["Nøgletal"].iter_rows(values_only=True))
    assert key_rows[1][:4] == ("Registreringer", 224, 199, int(key.registrations))
    assert book["Begivenheder"]["A2"].number_format == "dd.mm.yyyy" and book["Begivenheder"]["A2"].value.year == 2019
    for sheet_name in ["Registreringer", "Borgere", "Klager", "Borgere med gener ved skift"]:
        numbers = [v for r in list(book[sheet_name].iter_rows(values_only=True))[1:] for v in r[1:4] if isinstance(v, int)]
        assert not [v for v in numbers if 0 < v < 5], sheet_name


def test_the_pdf_opens_with_the_meeting_on_one_page(demo_db, tmp_path):
    from pypdf import PdfReader

    from advisor.__main__ import main

    out = tmp_path / "moede.pdf"
    assert main(["pack", "--half", "2019H1", "--format", "pdf", "--out", str(out), "--db", str(demo_db)]) == 0
    reader = PdfReader(out)
    pages = [page.extract_text() for page in reader.pages]
    first = pages[0]
    assert "Dialogmøde: Borger &" in first and "1. halvår 2019, sammenlignet med 2. halvår 2018 og 1." in first
    assert "DEMODATA" in first and "Data pr. 31. dec. 2019" in first
    # Key figures against both half-years, the five points, the follow-up: all on page 1.
    assert "Registreringer\n 224\n 199\n 307\n +108\n +83" in first  # right-aligned cells
    assert "+15,7 pct.-point" in first
    for point in ("1. Borgerservice: registreringer 39", "5. Emnet Sygedagpenge"):
        assert point in first
    assert "Opfølgning på aftaler" in first and "gennemført" in first and "kontanthjælpsloftet" in first
    text = "\n".join(pages)
    for heading in ["Registreringer og borgere", "Klager og sagsbehandlerskift", "Ventetider", "Gentagne henvendelser",
                    "Typer og emner", "Øvrige bevægelser", "Begivenheder i halvåret", "Begreber"]:
        assert heading in text
    assert text.index("Begreber") > text.index("Begivenheder i halvåret")  # definitions at the end
    assert "·" in text  # small numbers hidden, as on the page
    assert all(f"Side {i}" in page for i, page in enumerate(pages, 1))
    assert reader.metadata.title == "Dialogmøde: Borger & Arbejdsmarked · 1. halvår 2019"


def test_the_powerpoint_has_a_native_chart_per_theme_with_the_pages_values(demo_db, tmp_path):
    from pptx import Presentation

    from advisor.__main__ import main

    out = tmp_path / "moede.pptx"
    assert main(["pack", "--half", "2019H1", "--format", "pptx", "--out", str(out), "--db", str(demo_db)]) == 0
    deck = Presentation(out)
    assert deck.slide_width / deck.slide_height == pytest.approx(16 / 9, rel=0.01)
    titles = [slide.shapes.title.text for slide in deck.slides]
    assert titles == ["Dialogmøde: Borger & Arbejdsmarked", "Opfølgning på aftaler", "Nøgletal", "Punkter til drøftelse",
                      *meeting.THEMES, "Typer og emner", "Begivenheder i halvåret"]
    assert not [s for s in deck.slides for shape in s.shapes if shape.shape_type == 13]  # no pictures
    with queries.connect(demo_db) as con:
        material = meeting.collect(lambda name, **p: queries.run(con, name, p), "Borger & Arbejdsmarked",
                                   meeting.periods.parse("2019H1"), "today", None)
    for slide, (theme, figures) in zip(list(deck.slides)[4:8], meeting.THEMES.items()):
        found = [shape for shape in slide.shapes if shape.has_chart]
        assert len(found) == len(figures), theme
        for shape, figure in zip(found, figures):
            chart = shape.chart
            assert chart.chart_title.text_frame.text == meeting.FIGURES[figure][0]
            rows = meeting.chart_rows(material, figure, 5)
            now = rows[rows["half"] == "1. halvår 2019"].set_index("unit")["value"]
            series = {s.name: s for s in chart.plots[0].series}
            units = list(chart.plots[0].categories)
            scale = 100 if meeting.FIGURES[figure][1] == "share" else 1
            drawn = {u: v for u, v in zip(units, series["1. halvår 2019"].values)}
            assert {u: None if pd.isna(v) else round(v / scale, 9) for u, v in now.items()} == {
                u: None if v is None else round(v, 9) for u, v in drawn.items()}
            assert shape._element.xpath("./*[1]/p:cNvPr")[0].get("descr").startswith("Prikdiagram: ")
    registrations = next(s for s in deck.slides[4].shapes if s.has_chart).chart
    values = dict(zip(registrations.plots[0].categories, registrations.plots[0].series[2].values))
    assert values["Borgerservice"] == 39 and values["Jobcenter – Jobafklaring"] == 52  # as on the page


def test_no_figure_below_k_in_the_pdf_and_powerpoint_tables(tiny):
    from advisor import material as handout

    # The fixture's B&A is small in every half-year: everything must be hidden.
    material = meeting.collect(lambda name, **p: queries.run(tiny, name, p), "Borger & Arbejdsmarked",
                               meeting.periods.parse("2018H1"), "today", None)
    small = {"1", "2", "3", "4"}
    for figure, (_, _, kind) in meeting.FIGURES.items():
        if kind == "count":
            rows = handout.unit_rows(material, figure, 5)
            assert not small & {cell.lstrip("+-") for row in rows[1:] for cell in row[1:]}, figure
            chart = meeting.chart_rows(material, figure, 5)
            assert chart["value"].isna().all() and set(chart["text"]) <= {"·", ""}, figure
    key = handout.key_figure_rows(material, 5)
    assert [row[3] for row in key if row[0] in ("Registreringer", "Borgere", "Klager")] == ["·", "·", "·"]
    assert not small & {row[1] for row in meeting.protected_counts(material.types, "inquiry_type", "Type", 5)[1:]}


def test_a_share_change_is_hidden_with_either_share():
    # 1. halvår: 20 citizens, 2 came again (a small numerator: the share is hidden) -> the change must be too.
    now = figures(a=(30, 20, 20, 0, None, None, 0.5, 0)).assign(repeat_citizens=[10])
    before = figures(a=(22, 20, 20, 0, None, None, 0.1, 0)).assign(repeat_citizens=[2])
    table = meeting.compare(now, before, before.iloc[0:0], "repeat_share")
    from advisor import disclosure

    hidden = disclosure.protect(table, k=5, **meeting.protection("repeat_share")).hidden
    assert hidden.at[0, "previous"] and hidden.at[0, "change"]
    assert not hidden.at[0, "now"]
