from advisor import fmt


def test_danish_numbers():
    assert fmt.number(1234.5, 1) == "1.234,5"
    assert fmt.number(1234567) == "1.234.567"
    assert fmt.number(40.583333, 2) == "40,58"
    assert fmt.number(32.25, 2) == "32,25"
    assert fmt.number(0.125, 2) == "0,13"  # half up, not to even
    assert fmt.number(2.5) == "3"
    assert fmt.number(None) == ""
    assert fmt.number(float("nan")) == ""


def test_danish_month_names():
    assert fmt.MONTHS[0] == "Januar" and fmt.MONTHS[4] == "Maj" and fmt.MONTHS[11] == "December"
    assert fmt.MONTHS_SHORT[4] == "Maj" and fmt.MONTHS_SHORT[9] == "Okt"


def test_percent_and_dates():
    import datetime as dt

    assert fmt.percent(1 / 6) == "17 %"
    assert fmt.percent(0.125, 1) == "12,5 %"
    assert fmt.percent(None) == ""
    assert fmt.date(dt.date(2019, 1, 21)) == "21. jan. 2019"


def test_change_for_metrics():
    assert fmt.change(740, 657) == "+83 (+12,6 %)"
    assert fmt.change(2, 7) == "−5 (−71,4 %)"
    assert fmt.change(1.5, 1.5, 1) == "±0,0"
    assert fmt.change(0.25, 0.2504, percent_points=True) == "±0,0 pct.-point"
    assert fmt.change(0.25, 0.2512, percent_points=True) == "−0,1 pct.-point"
    assert fmt.change(0, 1 / 6, percent_points=True) == "−16,7 pct.-point"
    assert fmt.change(3, 0) == "+3"
    assert fmt.change(3, None) is None


def test_signed_numbers():
    assert fmt.number(5, signed=True) == "+5"
    assert fmt.number(-5, signed=True) == "-5"
    assert fmt.number(0, signed=True) == "0"


def test_moments():
    import datetime as dt

    assert fmt.moment(dt.datetime(2026, 11, 23, 19, 46, 21)) == "23. nov. 2026 kl. 19.46"
    assert fmt.moment(None) == ""
