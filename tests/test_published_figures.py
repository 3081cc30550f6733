"""The demo database against the figures the annual reports publish (domain.md)."""

from advisor import fmt, queries, tables
from conftest import params

PUBLISHED_TOTALS = {2014: 258, 2015: 487, 2016: 509, 2017: 573, 2018: 657}
PUBLISHED_AVERAGES = {2014: "32,25", 2015: "40,58", 2016: "42,42", 2017: "47,75", 2018: "54,75"}


def test_monthly_registrations_equal_the_published_table_cell_for_cell(demo_con):
    monthly = queries.run(demo_con, "monthly_registrations", params(date_from=None, date_to=None))
    published = demo_con.execute("select year, month, registrations from published_monthly order by year, month").df()
    assert len(published) == 56  # May 2014 - December 2018
    mine = monthly[monthly["year"] <= 2018][["year", "month", "registrations"]].reset_index(drop=True)
    assert mine.to_dict("records") == published.to_dict("records")


def test_citizens_per_year_and_new_citizens_per_month_as_published(demo_con):
    yearly = queries.run(demo_con, "yearly_registrations", params()).set_index("year")
    assert int(yearly.loc[2017, "citizens"]) == 366 and int(yearly.loc[2018, "citizens"]) == 406
    assert yearly.loc[2017, "new_citizens_per_month"] == 30.5  # "30,5 nye borgere om måneden"
    assert fmt.number(yearly.loc[2018, "new_citizens_per_month"], 1) == "33,8"  # "knap 34"
    assert fmt.number(yearly.loc[2018, "monthly_average"], 1) == "54,8"  # "knap 55"


def test_yearly_totals_and_averages_equal_the_published_ones(demo_con):
    yearly = queries.run(demo_con, "yearly_registrations", params()).set_index("year")
    assert {y: int(yearly.loc[y, "registrations"]) for y in PUBLISHED_TOTALS} == PUBLISHED_TOTALS
    assert yearly.loc[2014, "months_open"] == 8
    assert yearly.loc[2014, "monthly_average"] == 32.25


def test_the_year_table_reads_as_in_the_report(demo_con):
    everything = params(date_from=None, date_to=None)
    table = tables.formatted(tables.year_by_month(
        queries.run(demo_con, "monthly_registrations", everything), queries.run(demo_con, "yearly_registrations", everything)
    ))
    rows = {r["Måned"]: r for r in table.to_dict("records")}
    years = [str(y) for y in PUBLISHED_TOTALS]
    assert [rows["Januar"][y] for y in years] == ["", "50", "50", "51", "66"]
    assert [rows["Maj"][y] for y in years] == ["12", "31", "41", "60", "64"]
    assert [rows["Juli"][y] for y in years] == ["11", "15", "7", "24", "14"]
    assert [rows["I alt"][y] for y in years] == ["258", "487", "509", "573", "657"]
    assert [rows["Gennemsnit"][y] for y in years] == list(PUBLISHED_AVERAGES.values())
    assert list(table["Måned"]) == [
        "Januar", "Februar", "Marts", "April", "Maj", "Juni", "Juli", "August",
        "September", "Oktober", "November", "December", "I alt", "Gennemsnit",
    ]


def test_repeat_contacts_per_year_as_published(demo_con):
    shares = queries.run(demo_con, "repeat_by_year", params()).set_index("year")["repeat_share"]
    assert fmt.percent(shares[2017]) == "33 %" and fmt.percent(shares[2018]) == "25 %"
