"""Danish number and month formatting (1.234,5; Januar): month names and dates
via Babel; numbers written as Babel's Danish pattern writes them (tests/test_fmt.py
checks them against it)."""

from decimal import Decimal
from fractions import Fraction
from numbers import Integral
from functools import lru_cache

import pandas as pd
from babel.dates import format_date, get_month_names

LOCALE = "da_DK"
MONTHS = [get_month_names("wide", locale=LOCALE)[m].capitalize() for m in range(1, 13)]
MONTHS_SHORT = [get_month_names("abbreviated", locale=LOCALE)[m].rstrip(".").capitalize() for m in range(1, 13)]


# One minus sign everywhere: the hyphen-minus. Babel writes it for da_DK,
# spreadsheets read it, and st.metric reads a delta that starts with it as a
# fall (down arrow); U+2212 would draw an up arrow.
MINUS = "-"


def exact(value) -> Fraction:
    """A figure as the exact ratio it stands for. DuckDB hands shares and
    averages over as floats (23/40 as 0.57499999...); every such figure is a
    ratio of counts, so the nearest fraction with a denominator up to a
    million is the ratio itself, and rounding it is exact."""
    if isinstance(value, Fraction):
        return value
    try:
        return _exact(value)
    except TypeError:  # not hashable: worked out without the memo
        return _exact.__wrapped__(value)


@lru_cache(maxsize=1 << 16)
def _exact(value) -> Fraction:
    # The dialogue meeting weighs and words some 50 moves on every rerun,
    # ~800 figures made exact (20 µs each); the same few hundred each time.
    if isinstance(value, (int, Decimal)) or float(value).is_integer():
        return Fraction(value) if not isinstance(value, float) else Fraction(int(value))
    return Fraction(float(value)).limit_denominator(10**6)


def rounded(value, decimals: int = 0) -> Decimal:
    """Rounded half away from zero, as people round (2,5 -> 3; -2,5 -> -3)."""
    f = exact(value)
    scaled = abs(f) * 10**decimals
    whole = int(scaled + Fraction(1, 2))  # floor, as scaled >= 0
    return Decimal((0 if f >= 0 else 1, tuple(int(d) for d in str(whole)), -decimals))


def _missing(value) -> bool:
    return value is None or (not isinstance(value, Fraction) and pd.isna(value))


def number(value, decimals: int = 0, signed: bool = False) -> str:
    """1234.5 -> '1.234,5'; rounds half up, as people do; blank for missing.
    With signed, a positive number gets a '+'."""
    if _missing(value):
        return ""
    try:
        return _number(value, decimals, signed)
    except TypeError:  # not hashable: formatted without the memo
        return _number.__wrapped__(value, decimals, signed)


@lru_cache(maxsize=1 << 16)
def _number(value, decimals: int, signed: bool) -> str:
    # A table or chart of a page formats the same few hundred numbers on
    # every rerun; Babel and the exact rounding take ~30 µs a cell. A whole
    # number without decimals is grouped directly (what Babel writes for it).
    if decimals == 0 and (isinstance(value, Integral) or (isinstance(value, float) and value.is_integer())):
        whole = int(value)
        text = f"{abs(whole):,}".replace(",", ".")
        return MINUS + text if whole < 0 else "+" + text if signed and whole > 0 else text
    r = rounded(value, decimals)
    text = _grouped(r)
    if r < 0:
        return MINUS + text
    return "+" + text if signed and r > 0 else text


def _grouped(rounded_value: Decimal) -> str:
    """A rounded number's digits as Babel writes them in Danish (its pattern
    #,##0.0…, tested against Babel): thousands grouped by ".", decimals after
    ",". Written directly: Babel takes ~20 µs a number, and a meeting's
    points, tables and charts write a few hundred new ones on every change."""
    whole, _, fraction = f"{abs(rounded_value):f}".partition(".")
    return f"{int(whole):,}".replace(",", ".") + ("," + fraction if fraction else "")


def percent(share, decimals: int = 0) -> str:
    """0.3306 -> '33 %'; exactly rounded (23/40 -> '58 %'); blank for missing."""
    if _missing(share):
        return ""
    return number(exact(share) * 100, decimals) + " %"


def points(diff, decimals: int = 1, signed: bool = True) -> str:
    """A change of a share in percentage points: 0.075 -> '+7,5 pct.-point'."""
    if _missing(diff):
        return ""
    return number(exact(diff) * 100, decimals, signed=signed) + " pct.-point"


def date(day) -> str:
    """2018-03-01 -> '1. mar. 2018'."""
    return format_date(day, "d. MMM y", locale=LOCALE)


def short_date(day) -> str:
    """2019-11-14 -> '14.11.2019', for tables; blank for missing."""
    if _missing(day):
        return ""
    return f"{day:%d.%m.%Y}"


def moment(when) -> str:
    """2026-11-23 19:46 -> '23. nov. 2026 kl. 19.46'; blank for missing."""
    if _missing(when):
        return ""
    return f"{date(when)} kl. {when:%H.%M}"


def change(now, before, decimals: int = 0, *, percent_points: bool = False) -> str | None:
    """Change from `before` to `now` for st.metric: '+83 (+12,6 %)', '-17
    (-2,3 %)', or '+3,0 pct.-point' for shares; None when there is nothing to
    compare. Computed from the exact figures, so a change is rounded once."""
    if _missing(now) or _missing(before):
        return None
    diff = exact(now) - exact(before)
    text = points(diff, 1) if percent_points else number(diff, decimals, signed=True)
    if not rounded(diff * (100 if percent_points else 1), 1 if percent_points else decimals):
        return "±" + text.lstrip("+" + MINUS)
    if before and not percent_points:
        text += f" ({number(diff / exact(before) * 100, 1, signed=True)} %)"
    return text
