"""Each query on the tiny fixture (tests/data/tiny.csv), answers worked out by hand."""

import pandas as pd

from advisor import queries


def test_monthly_registrations_counts_every_month_from_first_to_last(tiny):
    # Nov 2017: T-01, T-02, T-03; Dec 2017: none; Jan 2018: T-04..T-06;
    # Feb 2018: T-07..T-10; Mar-Dec 2018: none; Jan 2019: T-11, T-12.
    df = queries.run(tiny, "monthly_registrations")
    assert df.to_dict("records") == [
        {"year": 2017, "month": 11, "registrations": 3},
        {"year": 2017, "month": 12, "registrations": 0},
        {"year": 2018, "month": 1, "registrations": 3},
        {"year": 2018, "month": 2, "registrations": 4},
        *({"year": 2018, "month": m, "registrations": 0} for m in range(3, 13)),
        {"year": 2019, "month": 1, "registrations": 2},
    ]


def test_yearly_registrations_average_over_open_months(tiny):
    # 2017: open Nov-Dec (2 months); 2018: all 12; 2019: January only.
    df = queries.run(tiny, "yearly_registrations")
    assert df.to_dict("records") == [
        {"year": 2017, "registrations": 3, "months_open": 2, "monthly_average": 1.5},
        {"year": 2018, "registrations": 7, "months_open": 12, "monthly_average": 7 / 12},
        {"year": 2019, "registrations": 2, "months_open": 1, "monthly_average": 2.0},
    ]


def test_data_status(tiny):
    df = queries.run(tiny, "data_status").drop(columns="updated_at")
    assert df.to_dict("records") == [
        {
            "is_demo": False,
            "data_version": 1,
            "registrations": 12,
            "first_received_on": pd.Timestamp("2017-11-06"),
            "last_received_on": pd.Timestamp("2019-01-21"),
        }
    ]


def test_data_version(tiny):
    assert queries.run(tiny, "data_version").to_dict("records") == [{"data_version": 1}]


def test_queries_on_an_empty_database(empty_db):
    import duckdb

    with duckdb.connect(str(empty_db), read_only=True) as con:
        assert queries.run(con, "monthly_registrations").empty
        assert queries.run(con, "yearly_registrations").empty
        status = queries.run(con, "data_status").iloc[0]
        assert (status["is_demo"], status["registrations"]) == (False, 0)


def test_a_missing_parameter_is_an_error_not_a_guess(tiny, monkeypatch):
    monkeypatch.setattr(queries, "parameters", lambda name: frozenset({"department"}))
    try:
        queries.run(tiny, "data_version", {})
    except KeyError as e:
        assert "department" in str(e)
    else:
        raise AssertionError("expected KeyError")
