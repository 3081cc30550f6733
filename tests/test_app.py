"""The app through Streamlit's AppTest: from app.py, page by page."""

MONTHLY = "pages/monthly_load.py"


def rows_by_label(at):
    return {r["Måned"]: r for r in at.dataframe[0].value.to_dict("records")}


def test_monthly_page_shows_the_published_totals_on_the_demo(app, demo_db):
    at = app(demo_db, MONTHLY)
    assert not at.exception
    assert at.title[0].value == "Månedlig belastning"
    assert "Demodata" in at.warning[0].value
    rows = rows_by_label(at)
    assert [rows["I alt"][y] for y in ["2014", "2015", "2016", "2017", "2018"]] == ["258", "487", "509", "573", "657"]
    assert [rows["Gennemsnit"][y] for y in ["2014", "2015", "2016", "2017", "2018"]] == ["32,25", "40,58", "42,42", "47,75", "54,75"]
    assert len(at.get("vega_lite_chart")) == 1


def test_monthly_page_on_the_tiny_fixture(app, tiny_db):
    at = app(tiny_db, MONTHLY)
    assert not at.exception
    assert not at.warning  # real data: no demo banner
    rows = rows_by_label(at)
    assert rows["November"] == {"Måned": "November", "2017": "3", "2018": "0", "2019": ""}
    assert rows["Januar"] == {"Måned": "Januar", "2017": "", "2018": "3", "2019": "2"}
    assert rows["I alt"] == {"Måned": "I alt", "2017": "3", "2018": "7", "2019": "2"}
    assert rows["Gennemsnit"] == {"Måned": "Gennemsnit", "2017": "1,50", "2018": "0,58", "2019": "2,00"}


def test_the_default_page_is_the_monthly_load(app, tiny_db):
    at = app(tiny_db)
    assert not at.exception
    assert at.title[0].value == "Månedlig belastning"


def test_an_empty_database_says_so(app, empty_db):
    at = app(empty_db, MONTHLY)
    assert not at.exception
    assert "ingen registreringer" in at.info[0].value
