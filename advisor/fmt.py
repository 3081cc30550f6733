"""Danish number and month formatting (1.234,5; Januar), via Babel."""

from decimal import ROUND_HALF_UP, Decimal
from functools import cache

import pandas as pd
from babel import Locale
from babel.dates import format_date, get_month_names
from babel.numbers import parse_pattern

LOCALE = "da_DK"
MONTHS = [get_month_names("wide", locale=LOCALE)[m].capitalize() for m in range(1, 13)]
MONTHS_SHORT = [get_month_names("abbreviated", locale=LOCALE)[m].rstrip(".").capitalize() for m in range(1, 13)]
_DANISH = Locale.parse(LOCALE)


@cache
def _pattern(decimals: int):
    """Babel's number pattern, parsed once (a table formats thousands of cells)."""
    return parse_pattern("#,##0" + ("." + "0" * decimals if decimals else ""))


def number(value, decimals: int = 0, signed: bool = False) -> str:
    """1234.5 -> '1.234,5'; rounds half up, as people do; blank for missing.
    With signed, a positive number gets a '+'."""
    if value is None or pd.isna(value):
        return ""
    step = Decimal(1).scaleb(-decimals)
    rounded = Decimal(repr(float(value))).quantize(step, rounding=ROUND_HALF_UP)
    text = _pattern(decimals).apply(rounded, _DANISH, decimal_quantization=False)
    return "+" + text if signed and rounded > 0 else text


def percent(share, decimals: int = 0) -> str:
    """0.3306 -> '33 %'; blank for missing."""
    if share is None or pd.isna(share):
        return ""
    return number(share * 100, decimals) + " %"


def date(day) -> str:
    """2018-03-01 -> '1. mar. 2018'."""
    return format_date(day, "d. MMM y", locale=LOCALE)


def moment(when) -> str:
    """2026-11-23 19:46 -> '23. nov. 2026 kl. 19.46'; blank for missing."""
    if when is None or pd.isna(when):
        return ""
    return f"{date(when)} kl. {when:%H.%M}"


def change(now, before, decimals: int = 0, *, percent_points: bool = False) -> str | None:
    """Change from `before` to `now` for st.metric: '+83 (+12,6 %)', or
    '+3,0 pct.-point' for shares; None when there is nothing to compare."""
    if now is None or before is None or pd.isna(now) or pd.isna(before):
        return None
    diff = now - before
    size = number(abs(diff) * 100, 1) if percent_points else number(abs(diff), decimals)
    sign = "±" if not size.strip("0,.") else "+" if diff > 0 else "−"
    text = f"{sign}{size}" + (" pct.-point" if percent_points else "")
    if before and not percent_points and sign != "±":
        text += f" ({sign}{number(abs(diff) / before * 100, 1)} %)"
    return text
