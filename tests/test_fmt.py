import numpy as np
from hypothesis import given
from hypothesis import strategies as st

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
    assert fmt.change(2, 7) == "-5 (-71,4 %)"
    assert fmt.change(1.5, 1.5, 1) == "±0,0"
    assert fmt.change(0.25, 0.2504, percent_points=True) == "±0,0 pct.-point"
    assert fmt.change(0.25, 0.2512, percent_points=True) == "-0,1 pct.-point"
    assert fmt.change(0, 1 / 6, percent_points=True) == "-16,7 pct.-point"
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


# Rounding is exact: a share is a ratio of counts, and it is rounded as the
# ratio, not as the float DuckDB hands over (23/40 is 0.57499999... as a float).
from fractions import Fraction  # noqa: E402

from hypothesis import given, strategies as st  # noqa: E402


def half_up(f: Fraction, decimals: int = 0) -> str:
    """The exact answer, by integer arithmetic, in Danish writing."""
    scaled = abs(f) * 10**decimals
    whole = int(scaled + Fraction(1, 2))
    digits = str(whole).rjust(decimals + 1, "0")
    intpart, frac = digits[: len(digits) - decimals] if decimals else digits, digits[len(digits) - decimals:] if decimals else ""
    intpart = f"{int(intpart):,}".replace(",", ".")
    text = intpart + ("," + frac if decimals else "")
    return ("-" if f < 0 and whole else "") + text


def test_shares_round_exactly():
    assert fmt.percent(23 / 40) == "58 %"
    assert fmt.percent(46 / 80) == "58 %"
    assert fmt.percent(1 / 8, 0) == "13 %"
    assert fmt.percent(0.0005, 1) == "0,1 %"


ratios = st.integers(1, 100_000).flatmap(lambda q: st.tuples(st.integers(0, q), st.just(q)))


@given(ratios, st.integers(0, 2))
def test_percent_is_the_exact_ratio_rounded_half_up(ratio, decimals):
    p, q = ratio
    assert fmt.percent(p / q, decimals) == half_up(Fraction(100 * p, q), decimals) + " %"


@given(ratios, ratios)
def test_changes_in_points_are_exact(now, before):
    diff = Fraction(*now) - Fraction(*before)
    text = fmt.change(now[0] / now[1], before[0] / before[1], percent_points=True)
    expected = half_up(diff * 100, 1)
    if expected.lstrip("-") == "0,0":
        assert text == "±0,0 pct.-point"
    else:
        assert text == ("" if diff < 0 else "+") + expected + " pct.-point"


@given(st.integers(0, 10_000), st.integers(1, 10_000))
def test_percentage_changes_are_exact(now, before):
    text = fmt.change(now, before)
    diff = now - before
    if diff == 0:
        assert text == "±0"
    else:
        sign = "+" if diff > 0 else ""
        share = half_up(Fraction(100 * diff, before), 1)
        # A percentage that rounds to nothing has no sign, as half_up writes no minus for it: +1 (0,0 %).
        share_sign = sign if share.strip("0,") else ""
        assert text == f"{sign}{half_up(Fraction(diff))} ({share_sign}{share} %)"


def test_a_change_whose_percentage_rounds_to_nothing_has_no_sign_there():
    assert fmt.change(2002, 2001) == "+1 (0,0 %)"
    assert fmt.change(2000, 2001) == "-1 (0,0 %)"
    assert fmt.change(2003, 2001) == "+2 (+0,1 %)"


def test_falls_start_with_the_minus_streamlit_reads():
    # st.metric draws a down arrow only for a delta that starts with "-".
    assert fmt.change(2, 7).startswith("-")
    assert fmt.change(0.1, 0.3, percent_points=True).startswith("-")
    assert fmt.number(-1234) == "-1.234"
    assert "−" not in fmt.change(2, 7) + fmt.number(-3, signed=True)


def test_danish_short_dates():
    import datetime as dt

    assert fmt.short_date(dt.date(2019, 11, 14)) == "14.11.2019"
    assert fmt.short_date(None) == ""


@given(st.one_of(st.integers(-10**12, 10**12), st.integers(-10**9, 10**9).map(float)), st.booleans())
def test_a_whole_number_is_grouped_as_babel_groups_it(value, signed):
    # fmt.number writes whole numbers without Babel; the text must be Babel's.
    from babel.numbers import format_decimal

    expected = format_decimal(abs(int(value)), "#,##0", locale="da_DK")
    expected = ("-" if value < 0 else "+" if signed and value > 0 else "") + expected
    assert fmt.number(value, signed=signed) == expected
    assert fmt.number(np.int64(int(value)), signed=signed) == expected


def test_a_tables_dates_are_danish_dates_each_in_its_row():
    # ui.table's "date" cells: dd.mm.yyyy, blank where there is none; each distinct day is
    # formatted once (the registrations' 500 rows hold a few dozen days), but every row keeps its own.
    import datetime as dt

    import pandas as pd

    from advisor import ui

    days = pd.Series(pd.to_datetime(["2019-01-02", None, "2018-12-31", "2019-01-02", "2005-03-01"]))
    assert ui._shown(days, "date") == ["02.01.2019", "", "31.12.2018", "02.01.2019", "01.03.2005"]
    assert ui._shown([dt.date(2019, 3, 1), None, pd.NaT, dt.date(2019, 3, 1)], "date") == ["01.03.2019", "", "", "01.03.2019"]
    assert ui._shown(pd.Series([], dtype="datetime64[us]"), "date") == []


def test_a_long_tables_arrow_cells_are_written_as_a_tables_cells():
    # ui.long_table's cells, made in Arrow's kernels, are the text ui.table writes: dates dd.mm.yyyy,
    # ja/nej, Danish numbers, and blank wherever a value is missing (never "None").
    import datetime as dt

    import pyarrow as pa

    from advisor import ui

    def column(values, kind):
        return pa.chunked_array([pa.array(values[:2], kind), pa.array(values[2:], kind)])  # as DuckDB sends them: in chunks

    days = [dt.date(2019, 1, 2), None, dt.date(2018, 12, 31), dt.date(2019, 1, 2), dt.date(2005, 3, 1)]
    assert ui._cells(column(days, pa.date32()), "date").to_pylist() == ui._shown(days, "date") == [
        "02.01.2019", "", "31.12.2018", "02.01.2019", "01.03.2005"]
    assert ui._cells(column([None, None, None], pa.date32()), "date").to_pylist() == ["", "", ""]
    flags = [True, None, False, True]
    assert ui._cells(column(flags, pa.bool_()), "yes/no").to_pylist() == ui._shown(flags, "yes/no") == ["ja", "", "nej", "ja"]
    counts = [0, None, 1234, 2]
    assert ui._cells(column(counts, pa.int32()), 0).to_pylist() == ui._shown(counts, 0) == ["0", "", "1.234", "2"]
    texts = ["Borger & Arbejdsmarked", None, "=1+1", ""]
    assert ui._cells(column(texts, pa.string()), "text").to_pylist() == ["Borger & Arbejdsmarked", "", "=1+1", ""]
    assert ui._cells(column(texts, pa.string()), None).to_pylist() == ["Borger & Arbejdsmarked", "", "=1+1", ""]


@given(st.one_of(st.floats(min_value=-1e12, max_value=1e12, allow_nan=False),
                 st.fractions(min_value=-10**6, max_value=10**6, max_denominator=10**6),
                 st.integers(min_value=-10**12, max_value=10**12)),
       st.integers(min_value=0, max_value=3))
def test_numbers_are_written_as_babel_writes_them_in_danish(value, decimals):
    # fmt writes a rounded number's digits itself (Babel costs ~20 µs a number); Babel's Danish
    # pattern is the oracle: grouping by ".", decimal comma, the decimals the number was rounded to.
    from babel.numbers import parse_pattern

    r = fmt.rounded(value, decimals)
    babel = parse_pattern("#,##0" + ("." + "0" * decimals if decimals else "")).apply(abs(r), "da_DK",
                                                                                      decimal_quantization=False)
    assert fmt._grouped(r) == babel
    assert fmt.number(value, decimals) == ("-" if r < 0 else "") + babel
