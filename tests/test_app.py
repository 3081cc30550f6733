"""The app through Streamlit's AppTest: started from app.py, page by page.

Figures are checked on the tiny fixture (tests/data/tiny.csv), by hand:
2018 has 7 registrations of 6 citizens (C, A, D, B, E, F; E twice),
2017 has 3 of A (twice) and B, 2019 has 2 of B and G.
"""

import pytest

from conftest import tables

PAGES = ["overview", "monthly_load", "departments", "waiting_times", "repeat_contacts", "caseworker_changes", "glossary",
         "data_import", "registrations", "dialogue_meeting", "annual_report"]
BA = "Borger & Arbejdsmarked"


def infos(at) -> str:
    """The text of every info box on the page, and of the line about the app at its top."""
    return "\n".join([i.value for i in at.info] + [m.value for m in at.markdown])


def metrics(at):
    return {m.label: (m.value, m.delta) for m in at.metric}


def table(at, index=0):
    return tables(at)[index].to_dict("records")


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_on_the_demo(app, demo_db, page):
    at = app(demo_db, f"pages/{page}.py")
    assert not at.exception
    assert "Demodata" in at.markdown[0].value  # the line at the top of every page


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_on_an_empty_database(app, empty_db, page):
    at = app(empty_db, f"pages/{page}.py")
    assert not at.exception
    assert not at.warning
    assert "ingen registreringer" in infos(at).lower()


def test_the_default_page_is_the_overview_of_the_newest_year(app, tiny_db):
    at = app(tiny_db)
    assert not at.exception
    assert at.title[0].value == "Overblik"
    # The data end on 21 January 2019: 2019 is not over, so it is shown as far
    # as the data go and compared like with like, with 1-21 January 2018.
    assert at.caption[0].value == "Periode: 1. jan.–21. jan. 2019 · Alle forvaltninger"
    assert at.header[0].value == "1. jan.–21. jan. 2019 mod samme periode 2018"
    # 2019: T-11 (B, answered after 1 day, trouble), T-12 (G, 2 days).
    # 1-21 Jan 2018: T-04 (C, 1 day), T-05 (A, 2 days, trouble), T-06 (D, 1 day).
    assert metrics(at) == {
        "Registreringer": ("2", "-1 (-33,3 %)"),
        "Borgere": ("2", "-1 (-33,3 %)"),
        "Nye borgere pr. måned": ("2,0", "-1,0 (-33,3 %)"),
        "Borgere med flere henvendelser": ("0 %", "±0,0 pct.-point"),
        "Mediantid til første svar (dage)": ("1,5", "+0,5 (+50,0 %)"),
        "Borgere med gener ved skift": ("1", "±0"),
    }
    assert {m.proto.delta_description for m in at.metric} == {"mod 1. jan.–21. jan. 2018"}


def test_overview_of_2018_from_the_url(app, tiny_db):
    at = app(tiny_db, query={"aar": "2018"})
    assert at.header[0].value == "Sammenlignet med 2017"
    # 2017: 3 registrations, citizens A and B over 2 open months, A came twice,
    # answers after 2, 7, 1 days (median 2), B told of trouble.
    assert metrics(at) == {
        "Registreringer": ("7", "+4 (+133,3 %)"),
        "Borgere": ("6", "+4 (+200,0 %)"),
        "Nye borgere pr. måned": ("0,5", "-0,5 (-50,0 %)"),
        "Borgere med flere henvendelser": ("17 %", "-33,3 pct.-point"),
        "Mediantid til første svar (dage)": ("1,5", "-0,5 (-25,0 %)"),
        "Borgere med gener ved skift": ("1", "±0"),
    }


def test_a_filter_change_changes_the_figures_and_the_url(app, tiny_db):
    at = app(tiny_db, query={"aar": "2018"})
    at.selectbox(key="forvaltning").set_value(BA).run()
    assert not at.exception
    # B&A 2018: T-05 (A), T-06 (D), T-10 (F); 2017: T-01, T-03 (both A).
    figures = metrics(at)
    assert figures["Registreringer"] == ("3", "+1 (+50,0 %)")
    assert figures["Borgere"] == ("3", "+2 (+200,0 %)")
    assert at.caption[0].value == "Periode: 2018 · Borger & Arbejdsmarked"
    # The URL itself is written by the browser: see test_browser.py.


def test_units_and_type_from_the_url(app, tiny_db):
    at = app(tiny_db, query={"aar": "2018", "afdelinger": ["Borgerservice", "Handicap og psykiatri"], "type": "Klage"})
    assert metrics(at)["Registreringer"][0] == "1"  # T-09
    at = app(tiny_db, query={"aar": "2018", "kanal": "Telefon"})
    assert metrics(at)["Registreringer"][0] == "3"  # T-06, T-08, T-10


def test_half_year_period(app, tiny_db):
    at = app(tiny_db, query={"periode": "Halvår", "halvaar": "1. halvår 2018"})
    assert at.caption[0].value == "Periode: 1. halvår 2018 · Alle forvaltninger"
    assert at.header[0].value == "Sammenlignet med 2. halvår 2017"
    assert metrics(at)["Registreringer"] == ("7", "+4 (+133,3 %)")


def test_a_filter_that_matches_nothing_says_so(app, tiny_db):
    at = app(tiny_db, query={"aar": "2018", "type": "Dialogmøde"})  # no Dialogmøde in 2018
    assert not at.exception
    assert "Ingen registreringer passer til de valgte filtre" in infos(at)
    assert not at.metric


def test_reset_clears_the_filters(app, tiny_db):
    at = app(tiny_db, query={"aar": "2018", "forvaltning": BA})
    at.button[0].click().run()
    assert at.caption[0].value == "Periode: 1. jan.–21. jan. 2019 · Alle forvaltninger"
    assert metrics(at)["Registreringer"][0] == "2"


def test_filters_survive_a_page_switch(app, tiny_db):
    at = app(tiny_db, query={"aar": "2018"})
    at.selectbox(key="forvaltning").set_value(BA).run()
    at.switch_page("pages/repeat_contacts.py").run()
    assert at.caption[0].value == "Periode: 2018 · Borger & Arbejdsmarked"
    assert metrics(at)["Borgere"] == ("3", "")


def test_filters_survive_pages_that_do_not_draw_them(app, tiny_db):
    at = app(tiny_db, query={"aar": "2018"})
    at.selectbox(key="forvaltning").set_value(BA).run()
    at.switch_page("pages/glossary.py").run()        # no filters at all
    assert not at.selectbox
    at.switch_page("pages/monthly_load.py").run()    # no period
    assert [s.label for s in at.selectbox] == ["Forvaltning", "Henvendelsestype", "Kanal"]
    at.switch_page("pages/repeat_contacts.py").run()
    assert at.caption[0].value == "Periode: 2018 · Borger & Arbejdsmarked"


def test_kun_egentlige_henvendelser_leaves_out_uden_for_kompetence(app, tiny_db):
    at = app(tiny_db, query={"aar": "2018"})
    assert metrics(at)["Registreringer"][0] == "7"
    at.toggle(key="egentlige").set_value(True).run()
    # T-04 (C, Uden for kompetence) is left out: 6 registrations of 5 citizens.
    assert at.caption[0].value == "Periode: 2018 · Alle forvaltninger · kun egentlige henvendelser"
    assert metrics(at)["Registreringer"][0] == "6" and metrics(at)["Borgere"][0] == "5"
    assert at.query_params["egentlige"] == "true"


def test_monthly_page_shows_the_published_totals_on_the_demo(app, demo_db):
    at = app(demo_db, "pages/monthly_load.py")
    rows = {r["Måned"]: r for r in table(at)}
    years = ["2014", "2015", "2016", "2017", "2018"]
    assert [rows["I alt"][y] for y in years] == ["258", "487", "509", "573", "657"]
    assert [rows["Gennemsnit"][y] for y in years] == ["32,25", "40,58", "42,42", "47,75", "54,75"]
    new = {r["Måned"]: r for r in table(at, 1)}
    assert [new["I alt"][y] for y in ["2017", "2018"]] == ["366", "406"]
    assert [new["Gennemsnit"][y] for y in ["2017", "2018"]] == ["30,50", "33,83"]


def test_monthly_page_on_the_tiny_fixture(app, tiny_db):
    at = app(tiny_db, "pages/monthly_load.py")
    assert not at.exception
    assert metrics(at) == {"Registreringer i 2019 til og med 21. jan. 2019, mod samme dage i 2018": ("2", "-1 (-33,3 %)")}
    rows = {r["Måned"]: r for r in table(at)}
    assert rows["November"] == {"Måned": "November", "2017": "3", "2018": "0", "2019": ""}
    assert rows["Januar"] == {"Måned": "Januar", "2017": "", "2018": "3", "2019": "2"}
    assert rows["I alt"] == {"Måned": "I alt", "2017": "3", "2018": "7", "2019": "2"}
    assert rows["Gennemsnit"] == {"Måned": "Gennemsnit", "2017": "1,50", "2018": "0,58", "2019": "2,00"}
    new = {r["Måned"]: r for r in table(at, 1)}
    assert new["I alt"] == {"Måned": "I alt", "2017": "2", "2018": "6", "2019": "2"}
    change = {r["Måned"]: r for r in table(at, 2)}
    assert change["November"] == {"Måned": "November", "2017": "", "2018": "-3", "2019": ""}
    assert change["Januar"] == {"Måned": "Januar", "2017": "", "2018": "", "2019": "-1"}


def test_departments_page(app, tiny_db):
    at = app(tiny_db, "pages/departments.py", query={"aar": "2018"})
    assert not at.exception
    assert table(at) == [
        {"Forvaltning": BA, "1. gang": "3", "Andel 1. gang": "50 %", "Alle henvendelser": "3", "Andel alle": "43 %"},
        {"Forvaltning": "Sundhed & Omsorg", "1. gang": "1", "Andel 1. gang": "17 %", "Alle henvendelser": "2", "Andel alle": "29 %"},
        {"Forvaltning": "Anden myndighed", "1. gang": "1", "Andel 1. gang": "17 %", "Alle henvendelser": "1", "Andel alle": "14 %"},
        {"Forvaltning": "Børn & Kultur", "1. gang": "1", "Andel 1. gang": "17 %", "Alle henvendelser": "1", "Andel alle": "14 %"},
    ]
    assert len(at.get("vega_lite_chart")) == 5


def test_departments_as_organised_today(app, tiny_db):
    at = app(tiny_db, "pages/departments.py", query={"aar": "2017"})
    assert [(r["Forvaltning"], r["Alle henvendelser"]) for r in table(at)] == [(BA, "2"), ("Børn & Kultur", "1")]
    at.radio(key="organisering").set_value("today").run()
    assert [(r["Forvaltning"], r["Alle henvendelser"], r["1. gang"]) for r in table(at)] == [(BA, "3", "2")]


def test_waiting_times_page(app, tiny_db):
    at = app(tiny_db, "pages/waiting_times.py", query={"aar": "2018"})
    assert not at.exception
    # Against 2017 (T-01..T-03): answers after 2, 7 and 1 days (median 2, 90 % 7),
    # all within 10 working days; meetings after 14 and 8 days (median 11, 90 % 14).
    assert metrics(at) == {
        "Mediantid til første svar (dage)": ("1,5", "-0,5 (-25,0 %)"),
        "90 % har fået svar inden (dage)": ("8", "+1 (+14,3 %)"),
        "Besvarede inden 10 arbejdsdage": ("100 %", "±0,0 pct.-point"),
        "Registreringer med møde": ("2", "±0"),
        "Mediantid til møde (dage)": ("14,0", "+3,0 (+27,3 %)"),
        "90 % har fået møde inden (dage)": ("14", "±0"),
    }
    assert at.header[0].value == "Sammenlignet med 2017"
    at.number_input(key="maal").set_value(5).run()
    # T-07 took 6 working days; in 2017 T-02 took 5 (20.-27. nov.).
    assert metrics(at)["Besvarede inden 5 arbejdsdage"] == ("83 %", "-16,7 pct.-point")


def test_repeat_contacts_page(app, tiny_db):
    at = app(tiny_db, "pages/repeat_contacts.py", query={"aar": "2018"})
    assert not at.exception
    assert metrics(at) == {"Borgere": ("6", ""), "Med 2 eller flere henvendelser": ("1", ""), "Andel med flere": ("17 %", "")}
    assert table(at, 1) == [
        {"År": "2017", "Borgere": "2", "Med flere henvendelser": "1", "Andel": "50 %"},
        {"År": "2018", "Borgere": "6", "Med flere henvendelser": "1", "Andel": "17 %"},
        {"År": "2019", "Borgere": "2", "Med flere henvendelser": "0", "Andel": "0 %"},
    ]


def test_caseworker_changes_page(app, tiny_db):
    at = app(tiny_db, "pages/caseworker_changes.py", query={"aar": "2018"})
    assert not at.exception
    assert metrics(at) == {
        "Borgere spurgt om skift": ("2", ""),
        "Borgere med gener ved skift": ("1", ""),
        "Andel af periodens borgere med gener": ("17 %", ""),
        "Henvendelser om sagsbehandlerskift": ("0", ""),
    }


def test_glossary_explains_the_counting_rules(app, tiny_db):
    at = app(tiny_db, "pages/glossary.py")
    text = "\n".join(m.value for m in at.markdown)
    for term in ["1. gang", "alle henvendelser", "Uden for", "arbejdsdage", "organiseret i dag", "Nye borgere", "skjult af hensyn til borgernes anonymitet"]:
        assert term.lower() in text.lower()


def test_registrations_page_lists_the_period_newest_first(app, tiny_db):
    at = app(tiny_db, "pages/registrations.py", query={"aar": "2018"})
    assert at.caption[1].value.startswith("7 registreringer passer til filtrene.")
    rows = table(at)
    assert [r["Løbenr."] for r in rows] == ["T-10", "T-09", "T-08", "T-07", "T-06", "T-05", "T-04"]


def test_registrations_page_shows_the_newest_500(app, demo_db):
    import datetime as dt

    at = app(demo_db, "pages/registrations.py")
    at.segmented_control(key="periode").set_value("range").run()
    at.date_input(key="datoer").set_value((dt.date(2014, 5, 1), dt.date(2019, 12, 31))).run()
    assert at.caption[1].value.startswith("3.224 registreringer passer til filtrene – de 500 nyeste vises.")
    rows = table(at)
    assert len(rows) == 500
    assert rows[0]["Løbenr."] == "2019-0740"


def test_an_empty_result_has_its_reset_button_right_there(app, tiny_db):
    at = app(tiny_db, query={"aar": "2018", "type": "Dialogmøde"})  # no Dialogmøde in 2018
    here = at.button(key="nulstil-her")
    here.click().run()
    assert not at.exception
    assert at.caption[0].value == "Periode: 1. jan.–21. jan. 2019 · Alle forvaltninger"
    assert metrics(at)["Registreringer"][0] == "2"
