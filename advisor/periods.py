"""Periods the dashboards are filtered by, with their Danish names.

A period has a key that travels in the URL: "2018" (year), "2018H2"
(half-year), "2018Q4" (quarter), "2018-12" (month) or "2018-03-01_2018-05-31"
(a date range).
"""

import datetime as dt
import re
from dataclasses import dataclass

from babel.dates import format_date

from advisor import fmt

KINDS = {"year": "År", "half": "Halvår", "quarter": "Kvartal", "month": "Måned", "range": "Datoer"}
MONTHS_PER_KIND = {"year": 12, "half": 6, "quarter": 3, "month": 1}


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def _year_earlier(day: dt.date) -> dt.date:
    """The same date a year earlier; 29 February becomes the 28th."""
    return day.replace(year=day.year - 1, day=min(day.day, 28) if (day.month, day.day) == (2, 29) else day.day)


def _month_end(first: dt.date) -> dt.date:
    return _add_months(first, 1) - dt.timedelta(days=1)


def month_end(day: dt.date) -> dt.date:
    """The last day of `day`'s month."""
    return _month_end(day.replace(day=1))


def _shift_day(day: dt.date, months: int) -> dt.date:
    """The same day `months` later; a day the month lacks becomes its last (31 May - 3 months = 28 Feb)."""
    first = _add_months(day.replace(day=1), months)
    return first.replace(day=min(day.day, _month_end(first).day))


@dataclass(frozen=True)
class Period:
    kind: str
    start: dt.date
    end: dt.date

    @property
    def complete(self) -> bool:
        """False for a year, half-year, quarter or month cut short at the last
        day with data (see up_to)."""
        return self.kind == "range" or self.end == _containing(self.kind, self.start)[1]

    def whole_months(self) -> "Period":
        """A date range widened to the whole months it touches."""
        return Period(self.kind, self.start.replace(day=1), _month_end(self.end.replace(day=1)))

    def up_to(self, last_day: dt.date) -> "Period":
        """The period as far as the data go: a period that is not over at the
        last registration ends that day, so it is compared like with like,
        with the same days of the period before and of a year earlier."""
        if self.kind == "range" or not self.start <= last_day < self.end:
            return self
        return Period(self.kind, self.start, last_day)

    @property
    def key(self) -> str:
        y = self.start.year
        if self.kind == "year":
            return f"{y}"
        if self.kind == "half":
            return f"{y}H{(self.start.month - 1) // 6 + 1}"
        if self.kind == "quarter":
            return f"{y}Q{(self.start.month - 1) // 3 + 1}"
        if self.kind == "month":
            return f"{y}-{self.start.month:02d}"
        return f"{self.start.isoformat()}_{self.end.isoformat()}"

    @property
    def label(self) -> str:
        y = self.start.year
        if not self.complete:  # "1. jan.–14. nov. 2019"
            return f"{format_date(self.start, 'd. MMM', locale=fmt.LOCALE)}–{fmt.date(self.end)}"
        if self.kind == "year":
            return f"{y}"
        if self.kind == "half":
            return f"{(self.start.month - 1) // 6 + 1}. halvår {y}"
        if self.kind == "quarter":
            return f"{(self.start.month - 1) // 3 + 1}. kvartal {y}"
        if self.kind == "month":
            return f"{fmt.MONTHS[self.start.month - 1]} {y}"
        return f"{fmt.date(self.start)} – {fmt.date(self.end)}"

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def shifted(self, months: int) -> "Period":
        """The same kind of period, `months` later (earlier when negative);
        a period cut short is cut as short there (the same days)."""
        start = _add_months(self.start, months)
        if not self.complete:
            return Period(self.kind, start, _shift_day(self.end, months))
        return Period(self.kind, start, _month_end(_add_months(start, MONTHS_PER_KIND[self.kind] - 1)))

    def compared_with(self, other: "Period") -> str:
        """What a comparison says: "1. jan.–14. nov. 2019 mod samme periode 2018"
        when cut short, else "mod 2018"."""
        if self.complete:
            return f"mod {other.label}"
        if (other.start.month, other.start.day, other.end.month, other.end.day) == (
                self.start.month, self.start.day, self.end.month, self.end.day):
            return f"{self.label} mod samme periode {other.start.year}"
        return f"{self.label} mod {other.label}"

    def previous(self) -> "Period":
        """The comparable period just before: last half-year for a half-year,
        and for a date range the same number of days just before it."""
        if self.kind == "range":
            end = self.start - dt.timedelta(days=1)
            return Period("range", end - dt.timedelta(days=self.days - 1), end)
        return self.shifted(-MONTHS_PER_KIND[self.kind])

    def year_before(self) -> "Period":
        if self.kind == "range":
            return Period("range", _year_earlier(self.start), _year_earlier(self.end))
        return self.shifted(-12)

    def params(self) -> dict:
        return {"date_from": self.start, "date_to": self.end}


def parse(key: str) -> Period:
    """The period a URL key names; ValueError if it names none."""
    if m := re.fullmatch(r"(\d{4})", key):
        y = int(m[1])
        return Period("year", dt.date(y, 1, 1), dt.date(y, 12, 31))
    if m := re.fullmatch(r"(\d{4})H([12])", key):
        first = dt.date(int(m[1]), 6 * int(m[2]) - 5, 1)
        return Period("half", first, _month_end(_add_months(first, 5)))
    if m := re.fullmatch(r"(\d{4})Q([1-4])", key):
        first = dt.date(int(m[1]), 3 * int(m[2]) - 2, 1)
        return Period("quarter", first, _month_end(_add_months(first, 2)))
    if m := re.fullmatch(r"(\d{4})-(\d{2})", key):
        first = dt.date(int(m[1]), int(m[2]), 1)
        return Period("month", first, _month_end(first))
    if m := re.fullmatch(r"(\d{4}-\d{2}-\d{2})_(\d{4}-\d{2}-\d{2})", key):
        start, end = dt.date.fromisoformat(m[1]), dt.date.fromisoformat(m[2])
        if start <= end:
            return Period("range", start, end)
    raise ValueError(f"ingen periode: {key!r}")


def options(kind: str, first_day: dt.date, last_day: dt.date) -> list[str]:
    """Keys of every period of this kind that holds data, newest first."""
    period = Period(kind, *_containing(kind, first_day))
    keys = []
    while period.start <= last_day:
        keys.append(period.key)
        period = period.shifted(MONTHS_PER_KIND[kind])
    return keys[::-1]


def _containing(kind: str, day: dt.date) -> tuple[dt.date, dt.date]:
    months = MONTHS_PER_KIND[kind]
    first = dt.date(day.year, (day.month - 1) // months * months + 1, 1)
    return first, _month_end(_add_months(first, months - 1))


def trend_window(period: Period, months: int = 12) -> Period:
    """The months a trend chart shows: the period, and at least `months` months
    ending with it, so a single month is seen in its context."""
    first = _add_months(period.end.replace(day=1), -(months - 1))
    return Period("range", min(first, period.start), period.end)
