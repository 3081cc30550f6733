"""Danish number and month formatting (1.234,5; Januar), via Babel."""

from decimal import ROUND_HALF_UP, Decimal

import pandas as pd
from babel.dates import get_month_names
from babel.numbers import format_decimal

LOCALE = "da_DK"
MONTHS = [get_month_names("wide", locale=LOCALE)[m].capitalize() for m in range(1, 13)]
MONTHS_SHORT = [get_month_names("abbreviated", locale=LOCALE)[m].rstrip(".").capitalize() for m in range(1, 13)]


def number(value, decimals: int = 0) -> str:
    """1234.5 -> '1.234,5'; rounds half up, as people do; blank for missing."""
    if value is None or pd.isna(value):
        return ""
    step = Decimal(1).scaleb(-decimals)
    rounded = Decimal(repr(float(value))).quantize(step, rounding=ROUND_HALF_UP)
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(rounded, pattern, locale=LOCALE, decimal_quantization=False)
