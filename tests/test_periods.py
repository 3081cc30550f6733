import datetime as dt

import pytest

from advisor import periods

D = dt.date


@pytest.mark.parametrize("key, start, end, label, previous, year_before", [
    ("2018", D(2018, 1, 1), D(2018, 12, 31), "2018", "2017", "2017"),
    ("2018H2", D(2018, 7, 1), D(2018, 12, 31), "2. halvår 2018", "2018H1", "2017H2"),
    ("2018H1", D(2018, 1, 1), D(2018, 6, 30), "1. halvår 2018", "2017H2", "2017H1"),
    ("2018Q1", D(2018, 1, 1), D(2018, 3, 31), "1. kvartal 2018", "2017Q4", "2017Q1"),
    ("2018-02", D(2018, 2, 1), D(2018, 2, 28), "Februar 2018", "2018-01", "2017-02"),
    ("2018-03-01_2018-05-31", D(2018, 3, 1), D(2018, 5, 31), "1. mar. 2018 – 31. maj 2018",
     "2017-11-29_2018-02-28", "2017-03-01_2017-05-31"),
])
def test_periods(key, start, end, label, previous, year_before):
    p = periods.parse(key)
    assert (p.start, p.end, p.label, p.key) == (start, end, label, key)
    assert p.previous().key == previous
    assert p.year_before().key == year_before


def test_a_leap_day_range_has_a_year_before():
    assert periods.parse("2020-02-29_2020-03-31").year_before().key == "2019-02-28_2019-03-31"


@pytest.mark.parametrize("key", ["", "2018H3", "2018Q5", "2018-13", "2018-05-01_2018-04-01", "abc"])
def test_nonsense_is_refused(key):
    with pytest.raises(ValueError):
        periods.parse(key)


def test_options_come_newest_first_from_the_data_span():
    assert periods.options("half", D(2017, 11, 6), D(2019, 1, 21)) == ["2019H1", "2018H2", "2018H1", "2017H2"]
    assert periods.options("year", D(2017, 11, 6), D(2019, 1, 21)) == ["2019", "2018", "2017"]
    assert periods.options("month", D(2018, 12, 6), D(2019, 1, 21)) == ["2019-01", "2018-12"]


def test_trend_window_shows_at_least_twelve_months():
    assert periods.trend_window(periods.parse("2018-12")).key == "2018-01-01_2018-12-31"
    assert periods.trend_window(periods.parse("2018")).key == "2018-01-01_2018-12-31"
