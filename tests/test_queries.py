"""Each query on the tiny fixture (tests/data/tiny.csv), answers worked out by hand.

The fixture, 12 registrations of 7 citizens (A-G):
  2017: T-01 A, T-02 B, T-03 A (November)
  2018: T-04 C, T-05 A, T-06 D (January); T-07 B, T-08 E, T-09 E, T-10 F (February)
  2019: T-11 B, T-12 G (January)
Unless a test says otherwise, the period is 2018 and no other filter is set.
"""

import datetime as dt
import re

import duckdb
import pytest

from advisor import queries
from conftest import TINY_CSV, params, records

D = dt.date
BA, BK, SO, AM = "Borger & Arbejdsmarked", "Børn & Kultur", "Sundhed & Omsorg", "Anden myndighed"
ALL_TIME = {"date_from": D(2017, 11, 1), "date_to": D(2019, 1, 31)}
Q1_2018 = {"date_from": D(2018, 1, 1), "date_to": D(2018, 3, 31)}


def run(con, name, **overrides):
    return records(queries.run(con, name, params(**overrides)))


# -- monthly load ---------------------------------------------------------------

def test_monthly_registrations_of_a_year(tiny):
    # Jan 2018: T-04..T-06; Feb: T-07..T-10. New citizens (first registration
    # in 2018): C, A, D in January; B, E, F in February. A year before is
    # known from November (the office's first month, Nov 2017: 3).
    rows = run(tiny, "monthly_registrations")
    expected = [
        {"month_start": D(2018, m, 1), "year": 2018, "month": m, "registrations": 0, "new_citizens": 0,
         "registrations_year_before": None, "change_from_year_before": None}
        for m in range(1, 13)
    ]
    expected[0] |= {"registrations": 3, "new_citizens": 3}
    expected[1] |= {"registrations": 4, "new_citizens": 3}
    expected[10] |= {"registrations_year_before": 3, "change_from_year_before": -3}
    expected[11] |= {"registrations_year_before": 0, "change_from_year_before": 0}
    assert rows == expected


def test_monthly_registrations_of_all_time_fill_empty_months(tiny):
    rows = run(tiny, "monthly_registrations", date_from=None, date_to=None)
    assert [(r["year"], r["month"], r["registrations"], r["new_citizens"]) for r in rows] == [
        (2017, 11, 3, 2), (2017, 12, 0, 0),
        (2018, 1, 3, 3), (2018, 2, 4, 3), *((2018, m, 0, 0) for m in range(3, 13)),
        (2019, 1, 2, 2),
    ]
    assert rows[-1]["registrations_year_before"] == 3 and rows[-1]["change_from_year_before"] == -1


def test_monthly_registrations_follow_the_filters(tiny):
    rows = run(tiny, "monthly_registrations", department=BA, date_from=None, date_to=None)
    # As registered, B&A has T-01, T-03 (Nov 2017), T-05, T-06 (Jan 2018), T-10 (Feb), T-11, T-12 (Jan 2019).
    assert [r["registrations"] for r in rows if r["registrations"]] == [2, 2, 1, 2]


def test_yearly_registrations_average_over_open_months(tiny):
    # 2017: open Nov-Dec (2 months); 2018: all 12; 2019: January only.
    assert run(tiny, "yearly_registrations") == [
        {"year": 2017, "registrations": 3, "citizens": 2, "months_open": 2, "monthly_average": 1.5, "new_citizens_per_month": 1.0},
        {"year": 2018, "registrations": 7, "citizens": 6, "months_open": 12, "monthly_average": 7 / 12, "new_citizens_per_month": 0.5},
        {"year": 2019, "registrations": 2, "citizens": 2, "months_open": 1, "monthly_average": 2.0, "new_citizens_per_month": 2.0},
    ]


def test_year_to_date_compares_the_same_days_a_year_before(tiny):
    # Last registration 21 Jan 2019; 1-21 Jan 2018 had T-04, T-05, T-06.
    assert run(tiny, "year_to_date", through_date=D(2019, 1, 21)) == [
        {"year": 2019, "through_date": D(2019, 1, 21), "registrations": 2, "registrations_year_before": 3}
    ]


# -- overview ---------------------------------------------------------------------

def test_key_figures_of_2018(tiny):
    # Citizens C, A, D, B, E, F; only E has two registrations. Complaints T-05,
    # T-09. Days to first answer 1, 2, 1, 8, 1, 7 (T-10 unanswered): median 1,5.
    # Trouble: A (T-05).
    assert run(tiny, "key_figures") == [{
        "registrations": 7, "citizens": 6, "new_citizens_per_month": 0.5, "repeat_citizens": 1,
        "repeat_share": 1 / 6, "complaints": 2, "median_days_to_answer": 1.5, "citizens_with_trouble": 1, "months": 12,
    }]


def test_key_figures_of_2017_count_only_the_months_the_office_was_open(tiny):
    assert run(tiny, "key_figures", date_from=D(2017, 1, 1), date_to=D(2017, 12, 31)) == [{
        "registrations": 3, "citizens": 2, "new_citizens_per_month": 1.0, "repeat_citizens": 1,
        "repeat_share": 0.5, "complaints": 1, "median_days_to_answer": 2.0, "citizens_with_trouble": 1, "months": 2,
    }]


def test_key_figures_with_filters(tiny):
    ba = run(tiny, "key_figures", department=BA)[0]
    assert (ba["registrations"], ba["citizens"], ba["complaints"], ba["median_days_to_answer"]) == (3, 3, 1, 1.5)
    phone = run(tiny, "key_figures", channel="Telefon")[0]  # T-06, T-08, T-10
    assert (phone["registrations"], phone["citizens"]) == (3, 3)
    units = run(tiny, "key_figures", units=["Borgerservice", "Handicap og psykiatri"])[0]  # T-06, T-08, T-09
    assert (units["registrations"], units["citizens"], units["repeat_citizens"]) == (3, 2, 1)
    complaints = run(tiny, "key_figures", inquiry_type="Klage")[0]
    assert (complaints["registrations"], complaints["citizens"]) == (2, 2)


def test_key_figures_of_an_empty_selection(tiny):
    none = run(tiny, "key_figures", department="Teknik & Miljø")[0]
    assert (none["registrations"], none["citizens"], none["repeat_share"], none["median_days_to_answer"]) == (0, 0, None, None)


def test_events_in_period(tiny):
    assert [e["label"] for e in run(tiny, "events_in_period")] == ["IT-fejl hos e-Boks"]
    assert run(tiny, "events_in_period", date_from=D(2018, 7, 20), date_to=D(2019, 1, 1)) == [
        {"starts_on": D(2018, 7, 2), "ends_on": D(2018, 7, 20), "label": "IT-fejl hos e-Boks",
         "description": "I tre uger i sommeren 2018 kunne kommunen ikke modtage borgernes digitale post; alt kom frem da fejlen var rettet. (Demoens datoer: 2. til 20. juli.)"},
        {"starts_on": D(2019, 1, 1), "ends_on": D(2019, 1, 1), "label": "Omorganisering",
         "description": "Familierådgivningen flytter fra Børn & Kultur til Borger & Arbejdsmarked."},
    ]


def test_filter_options_as_registered_and_as_organised_today(tiny):
    rows = run(tiny, "filter_options")
    by_field = {}
    for r in rows:
        by_field.setdefault(r["field"], []).append((r["department"], r["value"]) if r["field"] == "unit" else r["value"])
    assert by_field == {
        "channel": ["Brev", "Digital post", "Mail", "Personligt fremmøde", "Telefon"],
        "department": [AM, BA, BK, SO],
        "inquiry_type": ["Dialogmøde", "Klage", "Rådgivning og vejledning", "Sparring", "Uden for kompetence"],
        "unit": [(AM, "Udbetaling Danmark"), (BA, "Borgerservice"), (BA, "Familierådgivningen"),
                 (BA, "Jobcenter – Jobaktiv"), (BA, "Jobcenter – Sygedagpenge"), (BA, "Ydelse og kontanthjælp"),
                 (BK, "Familierådgivningen"), (SO, "Handicap og psykiatri")],
    }
    today = run(tiny, "filter_options", org_view="today")
    assert [r["value"] for r in today if r["field"] == "department"] == [AM, BA, SO]
    assert [r["department"] for r in today if r["value"] == "Familierådgivningen"] == [BA]


# -- departments ------------------------------------------------------------------

def test_by_department_counts_first_contacts_and_all_registrations(tiny):
    # First contacts: C->AM, A->B&A, D->B&A, B->B&K, E->S&O, F->B&A.
    assert run(tiny, "by_department") == [
        {"department": BA, "registrations": 3, "registrations_share": 3 / 7, "first_contacts": 3, "first_contacts_share": 0.5},
        {"department": SO, "registrations": 2, "registrations_share": 2 / 7, "first_contacts": 1, "first_contacts_share": 1 / 6},
        {"department": AM, "registrations": 1, "registrations_share": 1 / 7, "first_contacts": 1, "first_contacts_share": 1 / 6},
        {"department": BK, "registrations": 1, "registrations_share": 1 / 7, "first_contacts": 1, "first_contacts_share": 1 / 6},
    ]


def test_by_department_as_organised_today_moves_family_counselling(tiny):
    year_2017 = {"date_from": D(2017, 1, 1), "date_to": D(2017, 12, 31)}
    assert [(r["department"], r["registrations"], r["first_contacts"]) for r in run(tiny, "by_department", **year_2017)] == [
        (BA, 2, 1), (BK, 1, 1),
    ]
    assert [(r["department"], r["registrations"], r["first_contacts"]) for r in run(tiny, "by_department", org_view="today", **year_2017)] == [
        (BA, 3, 2),
    ]


def test_by_unit(tiny):
    assert [(r["department"], r["unit"], r["registrations"], r["first_contacts"]) for r in run(tiny, "by_unit")] == [
        (AM, "Udbetaling Danmark", 1, 1),
        (BA, "Borgerservice", 1, 1),
        (BA, "Jobcenter – Jobaktiv", 1, 1),
        (BA, "Ydelse og kontanthjælp", 1, 1),
        (BK, "Familierådgivningen", 1, 1),
        (SO, "Handicap og psykiatri", 2, 1),
    ]
    assert run(tiny, "by_unit")[-1]["registrations_share"] == 2 / 7


def test_by_type(tiny):
    assert run(tiny, "by_type") == [
        {"inquiry_type": "Rådgivning og vejledning", "registrations": 3, "share": 3 / 7},
        {"inquiry_type": "Klage", "registrations": 2, "share": 2 / 7},
        {"inquiry_type": "Sparring", "registrations": 1, "share": 1 / 7},
        {"inquiry_type": "Uden for kompetence", "registrations": 1, "share": 1 / 7},
    ]


def test_by_topic(tiny):
    assert [(r["topic"], r["registrations"]) for r in run(tiny, "by_topic")] == [
        ("Boligstøtte", 2), ("Merudgifter/tabt arbejdsfortjeneste", 2),
        ("225-timers reglen", 1), ("Kontanthjælpsloft", 1), ("Manglende svar", 1),
    ]


def test_department_trend_fills_months_without_registrations(tiny):
    rows = run(tiny, "department_trend", **Q1_2018)
    assert [(r["month_start"].month, r["department"], r["registrations"]) for r in rows] == [
        (1, AM, 1), (1, BA, 2), (1, BK, 0), (1, SO, 0),
        (2, AM, 0), (2, BA, 1), (2, BK, 1), (2, SO, 2),
        (3, AM, 0), (3, BA, 0), (3, BK, 0), (3, SO, 0),
    ]


# -- waiting times ----------------------------------------------------------------

def test_waiting_summary(tiny):
    # Days to answer 1, 2, 1, 8, 1, 7: median 1,5; 90 % answered within 8.
    # Working days: 1, 2, 1, 6 (1 Feb -> 9 Feb), 1, 5 (26 Feb -> 5 Mar): all within 10.
    # Meetings: T-05 and T-09, 14 days each.
    assert run(tiny, "waiting_summary") == [{
        "registrations": 7, "answered": 6, "median_days_to_answer": 1.5, "p90_days_to_answer": 8,
        "answered_within_target_share": 1.0, "meetings": 2, "median_days_to_meeting": 14.0, "p90_days_to_meeting": 14,
    }]
    assert run(tiny, "waiting_summary", target_days=5)[0]["answered_within_target_share"] == 5 / 6


def test_working_days_skip_weekends_and_easter(tiny):
    # Received Wednesday 28 March 2018, answered Tuesday 3 April: Maundy
    # Thursday, Good Friday, the weekend and Easter Monday are no working days.
    rows = tiny.execute("select workday_no from calendar where day in ('2018-03-28', '2018-04-03') order by day").fetchall()
    assert rows[1][0] - rows[0][0] == 1


def test_waiting_by_unit(tiny):
    assert run(tiny, "waiting_by_unit") == [
        {"department": AM, "unit": "Udbetaling Danmark", "registrations": 1, "answered": 1, "median_days_to_answer": 1.0,
         "p90_days_to_answer": 1, "answered_within_target_share": 1.0, "meetings": 0, "median_days_to_meeting": None},
        {"department": BA, "unit": "Borgerservice", "registrations": 1, "answered": 1, "median_days_to_answer": 1.0,
         "p90_days_to_answer": 1, "answered_within_target_share": 1.0, "meetings": 0, "median_days_to_meeting": None},
        {"department": BA, "unit": "Jobcenter – Jobaktiv", "registrations": 1, "answered": 1, "median_days_to_answer": 2.0,
         "p90_days_to_answer": 2, "answered_within_target_share": 1.0, "meetings": 1, "median_days_to_meeting": 14.0},
        {"department": BA, "unit": "Ydelse og kontanthjælp", "registrations": 1, "answered": 0, "median_days_to_answer": None,
         "p90_days_to_answer": None, "answered_within_target_share": None, "meetings": 0, "median_days_to_meeting": None},
        {"department": BK, "unit": "Familierådgivningen", "registrations": 1, "answered": 1, "median_days_to_answer": 8.0,
         "p90_days_to_answer": 8, "answered_within_target_share": 1.0, "meetings": 0, "median_days_to_meeting": None},
        {"department": SO, "unit": "Handicap og psykiatri", "registrations": 2, "answered": 2, "median_days_to_answer": 4.0,
         "p90_days_to_answer": 7, "answered_within_target_share": 1.0, "meetings": 1, "median_days_to_meeting": 14.0},
    ]


def test_waiting_trend(tiny):
    assert run(tiny, "waiting_trend") == [
        {"month_start": D(2018, 1, 1), "registrations": 3, "median_days_to_answer": 1.0, "p90_days_to_answer": 2,
         "answered_within_target_share": 1.0, "median_days_to_meeting": 14.0},
        {"month_start": D(2018, 2, 1), "registrations": 4, "median_days_to_answer": 7.0, "p90_days_to_answer": 8,
         "answered_within_target_share": 1.0, "median_days_to_meeting": 14.0},
    ]


def test_open_at_month_end_counts_registrations_from_before_the_period(tiny):
    # End of Jan: T-05 (closed 5 Feb). End of Feb and Mar: T-07, T-09, T-10 never closed.
    assert run(tiny, "open_at_month_end", **Q1_2018) == [
        {"month_start": D(2018, 1, 1), "month_end": D(2018, 1, 31), "open_at_month_end": 1},
        {"month_start": D(2018, 2, 1), "month_end": D(2018, 2, 28), "open_at_month_end": 3},
        {"month_start": D(2018, 3, 1), "month_end": D(2018, 3, 31), "open_at_month_end": 3},
    ]


# -- repeat contacts --------------------------------------------------------------

def test_registrations_per_citizen(tiny):
    assert run(tiny, "registrations_per_citizen") == [
        {"registrations": 1, "label": "1", "citizens": 5}, {"registrations": 2, "label": "2", "citizens": 1},
    ]
    # All time: A and B three each, E two, C, D, F, G one each.
    assert [(r["registrations"], r["citizens"]) for r in run(tiny, "registrations_per_citizen", **ALL_TIME)] == [(1, 4), (2, 1), (3, 2)]


def test_course_length(tiny):
    # C 1 day, D 1, B 0 (never closed), F 0: up to 7 days. A 26 (10 Jan -> closed 5 Feb), E 14 (12 -> 26 Feb).
    assert run(tiny, "course_length") == [
        {"band": 1, "course_length": "0–7 dage", "citizens": 4},
        {"band": 2, "course_length": "8–30 dage", "citizens": 2},
    ]


def test_citizen_courses(tiny):
    # By registrations and course: C, D, B, F one each, up to 7 days; A one (26 days); E two (14 days).
    assert run(tiny, "citizen_courses") == [
        {"registrations": 1, "band": 1, "citizens": 4}, {"registrations": 1, "band": 2, "citizens": 1},
        {"registrations": 2, "band": 2, "citizens": 1},
    ]


def test_citizen_totals(tiny):
    # 2018: C, A, D, B, F one registration each, E two (as key_figures).
    assert run(tiny, "citizen_totals") == [{"citizens": 6, "repeat_citizens": 1, "repeat_share": 1 / 6}]
    # All time: A and B three each, E two; C, D, F, G one each.
    assert run(tiny, "citizen_totals", **ALL_TIME) == [{"citizens": 7, "repeat_citizens": 3, "repeat_share": 3 / 7}]
    assert run(tiny, "citizen_totals", department="Teknik & Miljø") == [
        {"citizens": 0, "repeat_citizens": 0, "repeat_share": None}]


@pytest.mark.parametrize("chosen", [{}, {"department": BA}, {"channel": "Telefon"}, {"inquiry_type": "Klage"},
                                    {"units": ["Borgerservice", "Handicap og psykiatri"]}, {"org_view": "today"},
                                    {"proper_only": True}, {"date_from": None, "date_to": None}], ids=str)
def test_citizen_totals_are_key_figures_citizens(demo_con, chosen):
    figures = run(demo_con, "key_figures", **chosen)[0]
    assert run(demo_con, "citizen_totals", **chosen) == [
        {c: figures[c] for c in ("citizens", "repeat_citizens", "repeat_share")}]


def test_repeat_by_unit(tiny):
    assert [(r["unit"], r["citizens"], r["repeat_citizens"], r["repeat_share"]) for r in run(tiny, "repeat_by_unit")] == [
        ("Udbetaling Danmark", 1, 0, 0.0), ("Borgerservice", 1, 0, 0.0), ("Jobcenter – Jobaktiv", 1, 0, 0.0),
        ("Ydelse og kontanthjælp", 1, 0, 0.0), ("Familierådgivningen", 1, 0, 0.0), ("Handicap og psykiatri", 1, 1, 1.0),
    ]


def test_repeat_by_unit_as_organised_today(tiny):
    # B's three registrations at Familierådgivningen: T-02 and T-07 under Børn & Kultur (as registered
    # before 2019), T-11 under Borger & Arbejdsmarked. As organised today all three are B&A's.
    def family(**chosen):
        return [(r["department"], r["citizens"], r["repeat_citizens"]) for r in run(tiny, "repeat_by_unit", **ALL_TIME | chosen)
                if r["unit"] == "Familierådgivningen"]

    assert family() == [(BA, 1, 0), (BK, 1, 1)]
    assert family(org_view="today") == [(BA, 1, 1)]
    today = {(r["department"], r["unit"]): r["citizens"] for r in run(tiny, "repeat_by_unit", **ALL_TIME, org_view="today")}
    assert today == {(BA, "Jobcenter – Jobaktiv"): 1, (BA, "Borgerservice"): 1, (BA, "Ydelse og kontanthjælp"): 1,
                     (BA, "Familierådgivningen"): 1, (BA, "Jobcenter – Sygedagpenge"): 1, (AM, "Udbetaling Danmark"): 1,
                     (SO, "Handicap og psykiatri"): 1}


def test_repeat_by_year(tiny):
    assert run(tiny, "repeat_by_year") == [
        {"year": 2017, "citizens": 2, "repeat_citizens": 1, "repeat_share": 0.5},
        {"year": 2018, "citizens": 6, "repeat_citizens": 1, "repeat_share": 1 / 6},
        {"year": 2019, "citizens": 2, "repeat_citizens": 0, "repeat_share": 0.0},
    ]


# -- the unit numbers ----------------------------------------------------------------
# The queries that count per unit group on unit_no, a number for the
# department and unit (order.sql; connect.sql numbers them anew "as organised
# today"). One number must be one department and unit, in both views, also
# for a registration without a department or unit, for a unit the organisation
# does not know, and for a unit registered under two departments.

ODD_UNITS = [
    "T-13,H,2018-03-01,Telefon,,Borgerservice,Klage,,,,,,",
    "T-14,H,2018-03-02,Telefon,Borger & Arbejdsmarked,,Klage,,,,,,",
    "T-15,I,2018-03-03,Mail,,,Klage,,,,,,",
    "T-16,I,2018-03-04,Mail,Teknik & Miljø,Ukendt enhed,Klage,,,,,,",
    "T-17,H,2018-03-05,Brev,Teknik & Miljø,Borgerservice,Klage,,,,,2,true",
    "T-18,H,2018-03-06,Brev,Teknik & Miljø,Borgerservice,Klage,,,,,,",
]

# Each citizen per department and unit counted on the texts themselves, as the queries did before unit_no.
BY_TEXT = """
with per_citizen as (
    select department, unit, citizen_no, count(*) as registrations,
           count(caseworker_changes) > 0 as asked, coalesce(bool_or(caseworker_change_trouble), false) as trouble
    from filtered_inquiries($date_from, $date_to, $department, $units, $inquiry_type, $proper_only, $channel, $org_view, $departments)
    group by all
)
select department, unit, count(*) as citizens, count(*) filter (where registrations > 1) as repeat_citizens,
       count(*) filter (where asked) as citizens_asked, count(*) filter (where trouble) as citizens_with_trouble
from per_citizen
group by all
"""

# ... and the registrations and first registrations ("1. gang") per department and unit.
REGISTRATIONS_BY_TEXT = """
with
selected as (
    select position, citizen_no, department, unit
    from filtered_inquiries($date_from, $date_to, $department, $units, $inquiry_type, $proper_only, $channel, $org_view, $departments)
),
firsts as (select min(position) as position from selected group by citizen_no)
select department, unit, count(*) as registrations, count(*) filter (where position in (select position from firsts)) as first_contacts
from selected
group by all
"""


@pytest.fixture(scope="module")
def odd_units(tmp_path_factory):
    from conftest import build_from_csv

    folder = tmp_path_factory.mktemp("odd")
    csv = folder / "odd.csv"
    csv.write_text(TINY_CSV.read_text().rstrip("\n") + "\n" + "\n".join(ODD_UNITS) + "\n")
    with queries.connect(build_from_csv(folder / "odd.duckdb", csv)) as con:
        yield con


def by_text(con, sql: str = BY_TEXT, **overrides) -> set[tuple]:
    p = params(**overrides)
    names = set(re.findall(r"\$([a-z_]+)", sql))
    return set(con.execute(sql, {k: v for k, v in p.items() if k in names}).fetchall())


def registrations_by_unit(con, **chosen) -> set[tuple]:
    return {(r["department"], r["unit"], r["registrations"], r["first_contacts"]) for r in run(con, "by_unit", **chosen)}


@pytest.mark.parametrize("org_view", ["registered", "today"])
def test_a_unit_number_is_one_department_and_unit(odd_units, demo_con, org_view):
    for con in (odd_units, demo_con):
        [(numbers, units, pairs)] = con.execute(
            "select count(distinct unit_no), count(distinct (department, unit)), count(distinct (unit_no, department, unit))"
            " from filtered_inquiries(null, null, null, null, null, false, null, $org_view, null)", {"org_view": org_view}).fetchall()
        assert numbers == units == pairs


@pytest.mark.parametrize("chosen", [{}, {"org_view": "today"}, ALL_TIME, ALL_TIME | {"org_view": "today"},
                                    {"department": "Teknik & Miljø"}, {"units": ["Borgerservice"], "org_view": "today"}], ids=str)
def test_the_counts_per_unit_are_those_of_the_texts(odd_units, chosen):
    # 2018: H at Borgerservice without a department (T-13), at B&A without a unit (T-14) and twice at
    # Borgerservice under Teknik & Miljø (T-17, T-18: a repeat, asked, trouble); I without either (T-15)
    # and at a unit the organisation does not know (T-16).
    repeats = {(r["department"], r["unit"], r["citizens"], r["repeat_citizens"]) for r in run(odd_units, "repeat_by_unit", **chosen)}
    changes = {(r["department"], r["unit"], r["citizens"], r["citizens_asked"], r["citizens_with_trouble"])
               for r in run(odd_units, "caseworker_by_unit", **chosen)}
    expected = by_text(odd_units, **chosen)
    assert repeats == {row[:4] for row in expected}
    assert changes == {row[:3] + row[4:] for row in expected}
    assert registrations_by_unit(odd_units, **chosen) == by_text(odd_units, REGISTRATIONS_BY_TEXT, **chosen)
    if not chosen:
        assert {r[:4] for r in expected if r[2] != 1 or r[3]} == {("Teknik & Miljø", "Borgerservice", 1, 1),
                                                                   (SO, "Handicap og psykiatri", 1, 1)}
        assert {(None, "Borgerservice", 1, 0), (BA, None, 1, 0), (None, None, 1, 0),
                ("Teknik & Miljø", "Ukendt enhed", 1, 0)} <= repeats


@pytest.mark.parametrize("chosen", [{}, {"org_view": "today"}, {"department": BA, "proper_only": True},
                                    {"date_from": None, "date_to": None, "org_view": "today"}, {"inquiry_type": "Klage"},
                                    {"units": ["Borgerservice", "Familierådgivningen"], "org_view": "today"}], ids=str)
def test_the_demos_counts_per_unit_are_those_of_the_texts(demo_con, chosen):
    chosen = {"date_from": D(2019, 1, 1), "date_to": D(2019, 12, 31)} | chosen
    expected = by_text(demo_con, **chosen)
    assert {(r["department"], r["unit"], r["citizens"], r["repeat_citizens"]) for r in run(demo_con, "repeat_by_unit", **chosen)} \
        == {row[:4] for row in expected}
    assert {(r["department"], r["unit"], r["citizens"], r["citizens_asked"], r["citizens_with_trouble"])
            for r in run(demo_con, "caseworker_by_unit", **chosen)} == {row[:3] + row[4:] for row in expected}
    assert registrations_by_unit(demo_con, **chosen) == by_text(demo_con, REGISTRATIONS_BY_TEXT, **chosen)
    assert expected


# -- the month summary --------------------------------------------------------------
# monthly_registrations, yearly_registrations and repeat_by_year count from a
# stored summary when the filters allow. Choosing every unit selects the same
# registrations but makes them count the registrations themselves: the two
# ways must agree.

SUMMARISED = ["monthly_registrations", "yearly_registrations", "repeat_by_year", "open_at_month_end"]
PERIODS = {
    "all time": (None, None),
    "2018": (dt.date(2018, 1, 1), dt.date(2018, 12, 31)),
    "2nd half 2019": (dt.date(2019, 7, 1), dt.date(2019, 12, 31)),
    "March 2017": (dt.date(2017, 3, 1), dt.date(2017, 3, 31)),
    "15 Feb - 10 May 2018": (dt.date(2018, 2, 15), dt.date(2018, 5, 10)),
}


@pytest.mark.parametrize("name", SUMMARISED)
@pytest.mark.parametrize("org_view", ["registered", "today"])
@pytest.mark.parametrize("department, departments", [
    (None, None), (BA, None), (BK, None), (AM, None), (BA, [BA]), (BA, [BA, BK]), (None, [BA]), (None, [BA, BK]),
    (BK, [BA]),
])
def test_summary_and_registrations_agree(demo_con, name, org_view, department, departments):
    every_unit = [u for (u,) in demo_con.execute("select distinct unit from inquiries").fetchall()]
    for date_from, date_to in PERIODS.values():
        filters = {"department": department, "departments": departments, "org_view": org_view,
                   "date_from": date_from, "date_to": date_to}
        from_summary = run(demo_con, name, **filters)
        counted = run(demo_con, name, **filters, units=every_unit)
        assert from_summary == counted
        counts = [r.get("registrations", r.get("citizens", r.get("open_at_month_end"))) for r in from_summary]
        assert sum(counts) > 0 or (department is not None and departments is not None and department not in departments) or (
            name == "open_at_month_end" and date_from is None)  # open at the end of the months of a period


# Every shape of filters the summary holds, and the choices next to them it
# does not: each counted both ways. A list of units with one more that does not
# exist selects the same registrations, counted from them.
HELD = [
    {"inquiry_type": "Klage"}, {"channel": "Telefon"}, {"inquiry_type": "Rådgivning og vejledning", "channel": "Mail"},
    {"proper_only": True}, {"proper_only": True, "channel": "Brev"}, {"proper_only": True, "inquiry_type": "Klage"},
    {"proper_only": True, "inquiry_type": "Uden for kompetence"}, {"units": ["Borgerservice"]},
    {"units": ["Familierådgivningen"], "proper_only": True}, {"units": ["Familierådgivningen"], "inquiry_type": "Klage"},
]


@pytest.mark.parametrize("name", SUMMARISED)
@pytest.mark.parametrize("org_view", ["registered", "today"])
@pytest.mark.parametrize("department", [None, BK])
@pytest.mark.parametrize("chosen", HELD, ids=lambda c: "-".join(f"{k}={v}" for k, v in c.items()))
def test_summary_and_registrations_agree_for_every_filter(demo_con, name, org_view, department, chosen):
    every_unit = [u for (u,) in demo_con.execute("select distinct unit from inquiries").fetchall()]
    for date_from, date_to in (PERIODS["all time"], PERIODS["2nd half 2019"]):
        filters = {"department": department, "org_view": org_view, "date_from": date_from, "date_to": date_to} | chosen
        counted = run(demo_con, name, **filters | {"units": (chosen.get("units") or every_unit) + ["Ingen afdeling"]})
        assert run(demo_con, name, **filters) == counted


def scans(con, name: str, under: str | None = None, **overrides) -> list[tuple[str, list[str], int]]:
    """Each table scan of the query's plan (or only those below an operator of
    type `under`): the table, the columns it reads, the rows it produced."""
    import json

    query = "explain (analyze, format json) " + queries.text(name)
    plan = json.loads(con.execute(query, {k: v for k, v in params(**overrides).items()
                                          if k in queries.parameters(name)}).fetchall()[0][1])
    found = []
    stack = [(node, under is None) for node in plan["operator"]]
    while stack:
        node, counted = stack.pop()
        counted = counted or node["type"] == under
        info = node["extra_info"] if isinstance(node["extra_info"], dict) else {}
        if info.get("Table") and counted:
            columns = info.get("Projections") or []
            found.append((info["Table"].split(".")[-1], [columns] if isinstance(columns, str) else columns,
                          node["intermediate_rows"]))
        stack += [(child, counted) for child in node.get("children", [])]
    return found


def scanned(con, name: str, **overrides) -> dict[str, int]:
    """Rows each table scan of the query's plan produced, by table."""
    rows: dict[str, int] = {}
    for table, _, produced in scans(con, name, **overrides):
        rows[table] = rows.get(table, 0) + produced
    return rows


@pytest.mark.parametrize("chosen", [{}, {"department": BA}, {"inquiry_type": "Klage"}, {"org_view": "today"},
                                    {"units": ["Borgerservice", "Jobcenter – Jobaktiv"]}], ids=str)
def test_the_registrations_are_counted_without_reading_their_texts(demo_con, chosen):
    # "passer til filtrene" counts every selected row. Reading the Løbenr.
    # (text) of each to count them took half the query's time at 1M.
    counting = scans(demo_con, "registrations", under="UNGROUPED_AGGREGATE", **chosen | {"max_rows": 7})
    # (On few rows DuckDB may read the selection once into a CTE for all three uses instead.)
    assert counting or chosen, "the count reads the registrations itself"
    assert all(not {"inquiry_id", "citizen_key", "channel", "topic"} & set(columns) for _, columns, _ in counting), counting


@pytest.mark.parametrize("name", SUMMARISED)
def test_the_summary_spares_reading_the_registrations(demo_con, name):
    # With the filters the summary holds, DuckDB plans no scan of inquiries at all.
    assert "inquiries" not in scanned(demo_con, name)
    assert "inquiries" not in scanned(demo_con, name, department=BA)
    assert "inquiries" not in scanned(demo_con, name, channel="Telefon", inquiry_type="Klage", proper_only=True)
    assert "inquiries" not in scanned(demo_con, name, department=BA, units=["Borgerservice"], proper_only=True)
    # Two units, or a unit with a type, are counted from the registrations.
    assert scanned(demo_con, name, units=["Borgerservice", "Jobcenter – Jobaktiv"])["inquiries"] > 0
    assert scanned(demo_con, name, units=["Borgerservice"], inquiry_type="Klage")["inquiries"] > 0


def test_a_period_that_ends_inside_a_month_is_counted(demo_con):
    assert scanned(demo_con, "monthly_registrations", date_to=dt.date(2018, 12, 30))["inquiries"] > 0


def test_a_stale_summary_is_counted_again(tmp_path):
    from conftest import build_from_csv

    path = build_from_csv(tmp_path / "tiny.duckdb")
    with duckdb.connect(str(path)) as con:  # a write that does not go through the importer
        con.execute("update inquiries set received_on = date '2019-05-06' where inquiry_id = 'T-01'")
        con.execute("update meta set data_version = data_version + 1")
    with queries.connect(path) as con:
        assert not queries.summary_is_current(con)
        # T-01 moved from 2017 (three registrations: T-01, T-02, T-03) to 2019 (T-11, T-12).
        assert [(r["year"], r["registrations"]) for r in run(con, "yearly_registrations")] == [(2017, 2), (2018, 7), (2019, 3)]


def test_a_database_older_than_the_summary_still_opens(tmp_path, tiny):
    from conftest import build_from_csv

    path = build_from_csv(tmp_path / "tiny.duckdb")
    with duckdb.connect(str(path)) as con:
        con.execute("drop table month_summary")
        con.execute("drop table half_summary")
        con.execute("drop table filter_values")
        con.execute("alter table meta drop column summary_version")
        for column in ("position", "citizen_no", "working_days_to_answer", "unit_no"):
            con.execute(f"alter table inquiries drop column {column}")
    with queries.connect(path) as con:
        assert not queries.summary_is_current(con)
        assert run(con, "repeat_by_year")[0] == {"year": 2017, "citizens": 2, "repeat_citizens": 1, "repeat_share": 0.5}
        # Numbered and counted at reading: working days, "1. gang", the meeting's half-year.
        assert run(con, "waiting_summary", target_days=5)[0]["answered_within_target_share"] == 5 / 6
        assert [r["first_contacts"] for r in run(con, "by_department")] == [r["first_contacts"] for r in run(tiny, "by_department")]
        assert run(con, "repeat_by_unit", org_view="today") == run(tiny, "repeat_by_unit", org_view="today")
        assert run(con, "key_figures", department=BA, date_from=dt.date(2018, 1, 1), date_to=dt.date(2018, 6, 30))[0][
            "registrations"] > 0


def test_every_write_stores_a_current_summary(tiny_db):
    with queries.connect(tiny_db) as con:
        assert queries.summary_is_current(con)


# -- caseworker changes -----------------------------------------------------------

def test_caseworker_summary(tiny):
    # 2018: asked A (2 changes) and E (0); trouble A.
    assert run(tiny, "caseworker_summary") == [{
        "citizens": 6, "citizens_asked": 2, "citizens_with_trouble": 1, "trouble_share": 1 / 6,
        "median_changes": 1.0, "registrations_about_caseworker_change": 0,
    }]
    # All time: asked A (most 2), B (most 4), E (0); trouble A and B; topic on T-02 and T-11.
    assert run(tiny, "caseworker_summary", **ALL_TIME) == [{
        "citizens": 7, "citizens_asked": 3, "citizens_with_trouble": 2, "trouble_share": 2 / 7,
        "median_changes": 2.0, "registrations_about_caseworker_change": 2,
    }]


def test_caseworker_by_department(tiny):
    # 2018, as registered: B&A asked A (2 changes, trouble), not D or F; S&O asked E (0, no trouble);
    # B (B&K) and C (Anden myndighed) not asked.
    assert run(tiny, "caseworker_by_department") == [
        {"department": "Borger & Arbejdsmarked", "citizens_asked": 1, "citizens_with_trouble": 1},
        {"department": "Sundhed & Omsorg", "citizens_asked": 1, "citizens_with_trouble": 0},
        {"department": "Anden myndighed", "citizens_asked": 0, "citizens_with_trouble": 0},
        {"department": "Børn & Kultur", "citizens_asked": 0, "citizens_with_trouble": 0},
    ]
    # All time, as organised today: Familierådgivningen is B&A, so B (asked, trouble) counts there with A.
    assert run(tiny, "caseworker_by_department", org_view="today", **ALL_TIME) == [
        {"department": "Borger & Arbejdsmarked", "citizens_asked": 2, "citizens_with_trouble": 2},
        {"department": "Sundhed & Omsorg", "citizens_asked": 1, "citizens_with_trouble": 0},
        {"department": "Anden myndighed", "citizens_asked": 0, "citizens_with_trouble": 0},
    ]


def test_caseworker_distribution(tiny):
    assert run(tiny, "caseworker_distribution") == [
        {"changes": 0, "label": "0", "citizens": 1}, {"changes": 2, "label": "2", "citizens": 1},
    ]
    assert [(r["changes"], r["citizens"]) for r in run(tiny, "caseworker_distribution", **ALL_TIME)] == [(0, 1), (2, 1), (4, 1)]


def test_caseworker_by_unit(tiny):
    assert [(r["unit"], r["citizens"], r["citizens_asked"], r["citizens_with_trouble"]) for r in run(tiny, "caseworker_by_unit")] == [
        ("Jobcenter – Jobaktiv", 1, 1, 1),
        ("Udbetaling Danmark", 1, 0, 0), ("Borgerservice", 1, 0, 0), ("Ydelse og kontanthjælp", 1, 0, 0),
        ("Familierådgivningen", 1, 0, 0), ("Handicap og psykiatri", 1, 1, 0),
    ]


def test_caseworker_trend(tiny):
    assert run(tiny, "caseworker_trend", **Q1_2018) == [
        {"month_start": D(2018, 1, 1), "citizens_asked": 1, "citizens_with_trouble": 1},
        {"month_start": D(2018, 2, 1), "citizens_asked": 1, "citizens_with_trouble": 0},
        {"month_start": D(2018, 3, 1), "citizens_asked": 0, "citizens_with_trouble": 0},
    ]


# -- the database -----------------------------------------------------------------

def test_data_status(tiny):
    rows = run(tiny, "data_status")
    del rows[0]["updated_at"]
    assert rows == [{"is_demo": False, "data_version": 1, "registrations": 12,
                     "first_received_on": D(2017, 11, 6), "last_received_on": D(2019, 1, 21)}]


def test_data_version(tiny):
    assert run(tiny, "data_version") == [{"data_version": 1}]


def test_queries_on_an_empty_database(empty_db):
    with queries.connect(empty_db) as con:
        assert run(con, "monthly_registrations", date_from=None, date_to=None) == []
        assert run(con, "yearly_registrations") == []
        assert run(con, "by_department") == []
        assert run(con, "key_figures")[0]["registrations"] == 0
        assert run(con, "data_status")[0]["registrations"] == 0


def test_the_connection_cannot_write(tiny):
    try:
        tiny.execute("delete from data.inquiries")
    except duckdb.Error as e:
        assert "read-only" in str(e).lower() or "cannot execute" in str(e).lower()
    else:
        raise AssertionError("the app's connection must be read-only")


def test_a_missing_parameter_is_an_error_not_a_guess(tiny):
    try:
        queries.run(tiny, "key_figures", {"date_from": D(2018, 1, 1)})
    except KeyError as e:
        assert "date_to" in str(e)
    else:
        raise AssertionError("expected KeyError")


def test_organisation_chart_on_a_date(tiny):
    before, after = (run(tiny, "organisation_chart", on_date=D(y, 6, 1)) for y in (2018, 2019))
    assert len(before) == len(after) == 21  # 7 + 4 + 3 + 3 + 4 units; Familierådgivningen moves
    assert before[:4] == [{"department": AM, "unit": u} for u in ["Andet", "Region og sygehus", "Skattestyrelsen", "Udbetaling Danmark"]]
    assert {"department": BK, "unit": "Familierådgivningen"} in before
    assert {"department": BA, "unit": "Familierådgivningen"} in after


def test_imports_of_a_database_without_any(tiny):
    assert run(tiny, "imports") == []


def test_first_contact_ties_on_a_day_go_to_the_lower_number_not_the_lower_text(tmp_path):
    """Citizen X came twice on 5 March: T-100 (Borgerservice) and T-99
    (Jobaktiv). By the Løbenr.'s numbers T-99 is first, though "T-100" sorts
    first as text; padding does not matter (007 is 7, before T-8). The order
    is stored at the write (inquiries.position) and read the same way when a
    reader must number the registrations itself."""
    from conftest import build_from_csv

    csv = tmp_path / "ties.csv"
    header = ("inquiry_id,citizen_key,received_on,channel,department,unit,inquiry_type,topic,first_answer_on,"
              "meeting_on,closed_on,caseworker_changes,caseworker_change_trouble\n")
    rows = [
        "T-100,X,2018-03-05,Telefon,Borger & Arbejdsmarked,Borgerservice,Klage,,,,,,",
        "T-99,X,2018-03-05,Telefon,Borger & Arbejdsmarked,Jobcenter – Jobaktiv,Klage,,,,,,",
        "T-8,Y,2018-03-06,Telefon,Borger & Arbejdsmarked,Borgerservice,Klage,,,,,,",
        "007,Y,2018-03-06,Telefon,Borger & Arbejdsmarked,Jobcenter – Jobaktiv,Klage,,,,,,",
    ]
    csv.write_text(header + "\n".join(rows) + "\n")
    path = build_from_csv(tmp_path / "ties.duckdb", csv)
    with duckdb.connect(str(path), read_only=True) as con:
        stored = dict(con.execute("select inquiry_id, position from inquiries").fetchall())
    assert stored == {"T-99": 1, "T-100": 2, "007": 3, "T-8": 4}
    expected = [("Borger & Arbejdsmarked", "Borgerservice", 2, 0), ("Borger & Arbejdsmarked", "Jobcenter – Jobaktiv", 2, 2)]
    with queries.connect(path) as con:
        units = queries.run(con, "by_unit", params())
        assert list(zip(units.department, units.unit, units.registrations, units.first_contacts)) == expected
    # A database whose stored order is stale numbers the registrations the same way.
    with duckdb.connect(str(path)) as con:
        con.execute("update inquiries set position = null")
        con.execute("update meta set data_version = data_version + 1")
    with queries.connect(path) as con:
        units = queries.run(con, "by_unit", params())
        assert list(zip(units.department, units.unit, units.registrations, units.first_contacts)) == expected


# -- the half-year summary ----------------------------------------------------------
# unit_figures, half_key_figures and key_figures read a department's whole
# half-years from the stored half-year summary (key_figures one half-year);
# counted from the registrations (halves_hold made false on a connection of
# its own) they must give the same figures.

HALVES = [(dt.date(y, m, 1), dt.date(y, m + 5, 30 if m == 1 else 31)) for y in (2017, 2018, 2019) for m in (1, 7)]
# The meeting's three half-years in a row, read at once.
MEETINGS = [(HALVES[i][0], HALVES[i + 2][1]) for i in range(len(HALVES) - 2)]


@pytest.fixture(scope="module")
def counting_con(demo_db):
    with queries.connect(demo_db) as con:
        con.execute("create or replace macro halves_hold(a, b, c, d, e, f, g) as false")
        yield con


@pytest.mark.parametrize("name", ["unit_figures", "half_key_figures", "key_figures"])
@pytest.mark.parametrize("org_view", ["registered", "today"])
@pytest.mark.parametrize("proper_only", [False, True])
def test_half_summary_and_registrations_agree(demo_con, counting_con, name, org_view, proper_only):
    departments = [d for (d,) in demo_con.execute("select distinct department from inquiries where department is not null")
                   .fetchall()]
    for department in [*departments, "Ingen forvaltning"]:
        for date_from, date_to in HALVES + MEETINGS:
            filters = {"department": department, "org_view": org_view, "proper_only": proper_only,
                       "date_from": date_from, "date_to": date_to}
            assert run(demo_con, name, **filters) == run(counting_con, name, **filters), (department, date_from)
    # Outside the leader's scope nothing is read from the summary either.
    scoped = {"department": BA, "departments": [BK], "org_view": org_view, "proper_only": proper_only,
              "date_from": HALVES[4][0], "date_to": HALVES[4][1]}
    assert run(demo_con, name, **scoped) == run(counting_con, name, **scoped)


@pytest.mark.parametrize("name", ["unit_figures", "half_key_figures"])
def test_the_meeting_reads_whole_half_years_from_the_summary(demo_con, name):
    half = {"department": BA, "date_from": dt.date(2019, 1, 1), "date_to": dt.date(2019, 6, 30)}
    three = half | {"date_from": dt.date(2018, 1, 1)}  # the meeting's three half-years at once
    for period in (half, three):
        assert "inquiries" not in scanned(demo_con, name, **period)
        assert "half_summary" in scanned(demo_con, name, **period)
    # A half-year cut short at the last registration is counted.
    assert scanned(demo_con, name, **half | {"date_to": dt.date(2019, 6, 20)})["inquiries"] > 0
    # key_figures counts a period of more than one half-year: its citizens are not a sum of half-years'.
    assert scanned(demo_con, "key_figures", **three)["inquiries"] > 0


def test_half_key_figures(tiny):
    # B&A from the 2nd half of 2017 to the 2nd half of 2018, a dialogue meeting's three half-years:
    # 2017 H2: T-01, T-03 (A twice; answers after 2 and 1 days; T-03 no trouble);
    # 2018 H1: T-05 (A, Klage, 2 days, trouble), T-06 (D, 1 day), T-10 (F, unanswered); 2018 H2: none.
    three = {"department": BA, "date_from": D(2017, 7, 1), "date_to": D(2018, 12, 31)}
    assert run(tiny, "half_key_figures", **three) == [
        {"half_start": D(2017, 7, 1), "registrations": 2, "citizens": 1, "repeat_citizens": 1, "repeat_share": 1.0,
         "complaints": 0, "median_days_to_answer": 1.5, "citizens_with_trouble": 0},
        {"half_start": D(2018, 1, 1), "registrations": 3, "citizens": 3, "repeat_citizens": 0, "repeat_share": 0.0,
         "complaints": 1, "median_days_to_answer": 1.5, "citizens_with_trouble": 1},
        {"half_start": D(2018, 7, 1), "registrations": 0, "citizens": 0, "repeat_citizens": 0, "repeat_share": None,
         "complaints": 0, "median_days_to_answer": None, "citizens_with_trouble": 0},
    ]
    # A half-year cut short (counted, not read from the summary): T-05 and T-06 by 15 February.
    assert run(tiny, "half_key_figures", department=BA, date_to=D(2018, 2, 15)) == [
        {"half_start": D(2018, 1, 1), "registrations": 2, "citizens": 2, "repeat_citizens": 0, "repeat_share": 0.0,
         "complaints": 1, "median_days_to_answer": 1.5, "citizens_with_trouble": 1}]


def test_half_topics(tiny):
    three = {"department": BA, "date_from": D(2017, 7, 1), "date_to": D(2018, 12, 31)}
    assert run(tiny, "half_topics", **three) == [
        {"half_start": D(2017, 7, 1), "topic": "Overgang mellem ydelser", "registrations": 2, "share": 1.0},
        {"half_start": D(2018, 1, 1), "topic": "225-timers reglen", "registrations": 1, "share": 1 / 3},
        {"half_start": D(2018, 1, 1), "topic": "Boligstøtte", "registrations": 1, "share": 1 / 3},
        {"half_start": D(2018, 1, 1), "topic": "Kontanthjælpsloft", "registrations": 1, "share": 1 / 3},
    ]


@pytest.mark.parametrize("chosen", [{"department": BA}, {"department": BK, "org_view": "today"},
                                    {"department": BA, "proper_only": True}, {"department": BA, "departments": [BK]},
                                    {"department": SO, "date_to": D(2019, 3, 20)}, {}], ids=str)
def test_the_meetings_figures_of_each_half_year_are_those_of_the_half_year_alone(demo_con, chosen):
    # The meeting asks for its three half-years at once (meeting.collect): each must
    # have the headline figures and topics of key_figures and by_topic for it alone.
    period = {"date_from": D(2018, 7, 1), "date_to": D(2019, 12, 31)} | chosen
    halves = run(demo_con, "half_key_figures", **period)
    topics = run(demo_con, "half_topics", **period)
    assert [h["half_start"] for h in halves] == [D(2018, 7, 1), D(2019, 1, 1), D(2019, 7, 1)][:len(halves)]
    assert len(halves) == (2 if "date_to" in chosen else 3)
    for half in halves:
        start = half.pop("half_start")
        alone = period | {"date_from": start, "date_to": min(period["date_to"], D(start.year, start.month + 5, 30 if start.month == 1 else 31))}
        key = run(demo_con, "key_figures", **alone)[0]
        assert half == {c: key[c] for c in half}, start
        assert [{k: t[k] for k in ("topic", "registrations", "share")} for t in topics if t["half_start"] == start] \
            == run(demo_con, "by_topic", **alone), start
    assert any(h["registrations"] for h in halves) or "departments" in chosen  # out of a leader's scope: nothing


def test_a_stale_demo_database_is_counted_within_the_memory_limit(demo_db, demo_con, tmp_path):
    # A database written before this version (or by hand) is numbered and
    # summarised when it is opened; a few thousand registrations must fit in
    # far less than the server's DuckDB memory (one statement of every shape
    # needed over 500 MB).
    import shutil

    stale = tmp_path / "stale.duckdb"
    shutil.copy(demo_db, stale)
    with duckdb.connect(str(stale)) as con:
        con.execute("update meta set data_version = data_version + 1")
    with queries.connect(stale, memory_limit="256MB") as con:
        assert not queries.summary_is_current(con)
        for name in ("yearly_registrations", "monthly_registrations"):
            assert run(con, name, channel="Telefon") == run(demo_con, name, channel="Telefon")
        half = {"department": BA, "date_from": dt.date(2019, 1, 1), "date_to": dt.date(2019, 6, 30)}
        assert run(con, "unit_figures", **half) == run(demo_con, "unit_figures", **half)


@pytest.mark.parametrize("shape", [{}, {"date_from": None, "date_to": None}, {"department": "Børn & Kultur", "proper_only": True},
                                   {"date_from": dt.date(2030, 1, 1), "date_to": dt.date(2030, 12, 31)}])
def test_the_registrations_as_arrow_are_the_registrations(demo_con, shape):
    # Registreringer draws the query's Arrow result (ui.long_table); its cells and its
    # download are those of the DataFrame the other pages read, byte for byte.
    from advisor import export, importer, ui

    p = params(max_rows=500, **shape)
    frame, rows = queries.run(demo_con, "registrations", p), queries.run(demo_con, "registrations", p, arrow=True)
    assert rows.num_rows == len(frame) and rows.column_names == list(frame.columns)
    columns = {column: label for label, column in importer.COLUMNS.items()}
    formats = {"received_on": "date", "first_answer_on": "date", "meeting_on": "date", "closed_on": "date",
               "caseworker_changes": 0, "caseworker_change_trouble": "yes/no"}  # as pages/registrations.py
    for column in columns:
        spec = formats.get(column, "text")
        assert ui._cells(rows[column], spec).to_pylist() == ui._shown(
            frame[column] if spec == "date" else frame[column].tolist(), spec), column
    numbers = ui.numbers(rows, columns)
    assert export.csv_bytes(numbers) == export.csv_bytes(frame[list(columns)].rename(columns=columns))
    # The Excel file: the same inert cells, dates as dates and counts as counts.
    import pandas as pd

    from advisor import inert

    pd.testing.assert_frame_equal(inert.frame(numbers), inert.frame(frame[list(columns)].rename(columns=columns)),
                                  check_dtype=False)
    assert [str(t) for t in numbers.dtypes if str(t) not in ("str", "object")] == [
        "datetime64[us]", "datetime64[us]", "datetime64[us]", "datetime64[us]", "Int32", "boolean"]
