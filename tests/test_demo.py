"""The demo data hits every calibration target of the foundation issue."""

import pandas as pd
import pytest

from advisor import demo


def one(con, sql):
    return con.execute(sql).fetchone()[0]


def test_two_builds_are_identical(demo_con, tmp_path):
    again = demo.build(tmp_path / "again.duckdb")
    import duckdb

    with duckdb.connect(str(again), read_only=True) as con:
        second = con.execute("select * from inquiries order by inquiry_id").df()
    first = demo_con.execute("select * from inquiries order by inquiry_id").df()
    pd.testing.assert_frame_equal(first, second)
    assert len(first) == 2484 + sum(demo.MONTHLY_2019)


def test_the_database_says_it_is_demo(demo_con):
    assert one(demo_con, "select is_demo from meta") is True


@pytest.mark.parametrize("year, citizens", [(2017, 366), (2018, 406)])
def test_distinct_citizens(demo_con, year, citizens):
    assert one(demo_con, f"select count(distinct citizen_key) from inquiries where year(received_on) = {year}") == citizens


@pytest.mark.parametrize("year, low, high", [(2017, 0.31, 0.35), (2018, 0.23, 0.27)])
def test_share_of_citizens_with_more_than_one_registration(demo_con, year, low, high):
    share = one(demo_con, f"""
        select avg((n > 1)::int) from (
            select citizen_key, count(*) as n from inquiries
            where year(received_on) = {year} group by citizen_key)""")
    assert low <= share <= high


FIRST_CONTACTS = """
    with firsts as (
        select year(received_on) as year, citizen_key,
               arg_min(department, (received_on, inquiry_id)) as department
        from inquiries group by all)
    , counts as (select year, department, count(*) as n from firsts group by all)
    select year, department, n / sum(n) over (partition by year) as share from counts"""


@pytest.mark.parametrize("year, low, high", [(2016, 0.15, 0.17), (2017, 0.18, 0.20)])
def test_share_of_first_contacts_about_born_og_kultur(demo_con, year, low, high):
    shares = demo_con.execute(FIRST_CONTACTS).df()
    share = shares.query("year == @year and department == 'Børn & Kultur'")["share"].item()
    assert low <= share <= high


def test_borger_og_arbejdsmarked_is_the_largest_department_every_year(demo_con):
    shares = demo_con.execute(FIRST_CONTACTS).df()
    largest = shares.loc[shares.groupby("year")["share"].idxmax()]
    assert set(largest["department"]) == {"Borger & Arbejdsmarked"}
    assert len(largest) == 6  # 2014-2019


def test_about_100_citizens_told_of_caseworker_change_trouble_in_2017(demo_con):
    n = one(demo_con, """select count(distinct citizen_key) from inquiries
                         where year(received_on) = 2017 and caseworker_change_trouble""")
    assert 95 <= n <= 105


def test_every_meeting_from_september_2017_asks_about_caseworker_changes(demo_con):
    asked = demo_con.execute("""
        select count(*), count(caseworker_changes), count(caseworker_change_trouble)
        from inquiries where meeting_on is not null and received_on >= '2017-09-01'""").fetchone()
    assert asked[0] > 300 and asked[0] == asked[1] == asked[2]


def test_waiting_times_are_longest_in_autumn_2017(demo_con):
    by_quarter = demo_con.execute("""
        select year(received_on) * 10 + quarter(received_on) as quarter,
               avg(first_answer_on - received_on) as to_answer,
               avg(meeting_on - received_on) as to_meeting
        from inquiries group by all""").df().set_index("quarter")
    assert by_quarter["to_answer"].idxmax() == 20174
    assert by_quarter["to_meeting"].idxmax() in (20173, 20174)


def test_fewer_digital_post_registrations_during_the_eboks_outage(demo_con):
    share = demo_con.execute("""
        select received_on between '2018-07-02' and '2018-07-20' as outage,
               avg((channel = 'Digital post')::int) as share
        from inquiries where year(received_on) = 2018 group by all""").df().set_index("outage")["share"]
    assert share[True] == 0 and share[False] > 0.08


def test_outside_remit_is_mostly_other_authorities(demo_con):
    share = one(demo_con, """select avg((department = 'Anden myndighed')::int) from inquiries
                             where inquiry_type = 'Uden for kompetence'""")
    assert share > 0.6


def test_units_types_channels_and_topics_come_from_the_chart_and_the_log(demo_con):
    assert one(demo_con, """select count(*) from inquiries i
                            anti join organisation o on i.unit = o.unit and i.department = o.department
                             and i.received_on >= o.valid_from and (o.valid_to is null or i.received_on <= o.valid_to)""") == 0
    assert set(demo_con.execute("select distinct inquiry_type from inquiries").df()["inquiry_type"]) == set(demo.TYPES)
    assert set(demo_con.execute("select distinct channel from inquiries").df()["channel"]) == set(demo.CHANNELS)


def test_family_counselling_moves_department_on_1_january_2019(demo_con):
    departments = demo_con.execute("""
        select year(received_on) >= 2019 as after, list(distinct department) as departments
        from inquiries where unit = 'Familierådgivningen' group by all""").df().set_index("after")["departments"]
    assert list(departments[False]) == ["Børn & Kultur"]
    assert list(departments[True]) == ["Borger & Arbejdsmarked"]


def test_some_courses_cross_a_year_boundary(demo_con):
    n = one(demo_con, """
        select count(*) from (
            select citizen_key from inquiries where month(received_on) = 12 and year(received_on) < 2019
            intersect
            select citizen_key from inquiries where month(received_on) = 1 and year(received_on) > 2014)""")
    assert n >= 5


def test_no_cpr_number_in_the_demo(demo_con):
    # Pseudonyms are letters only, so they can never be mistaken for a CPR number.
    assert one(demo_con, r"select count(*) from inquiries where regexp_matches(citizen_key, '\d')") == 0
