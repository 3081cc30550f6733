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
