"""The dialogue meeting: a department's half-year per unit, against the half-year
before and the same half-year a year earlier, and the points to discuss.

The rule for "Punkter til drøftelse" (shown on the page and in Begreber): a
unit's figure, or a topic's registrations, is a point when it moved at least
30 % against the half-year before or the same half-year a year earlier, and
both figures rest on at least k citizens (k = 5) so no small number is
flagged or shown. A median waiting time must also move at least 2 days.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from advisor import disclosure, fmt, periods

CHANGE = 0.30  # a notable move
MIN_DAYS = 2   # ... and for waiting times at least this many days

# Figure -> (Danish name, decimals or "share", kind). Counts and waiting times
# can be points to discuss; shares are shown, not flagged.
FIGURES = {
    "registrations": ("Registreringer", 0, "count"),
    "citizens": ("Borgere", 0, "count"),
    "first_contacts": ("1. gang", 0, "shown"),  # mostly the same as citizens: shown, not flagged
    "complaints": ("Klager", 0, "count"),
    "median_days_to_answer": ("Mediantid til første svar (dage)", 1, "days"),
    "median_days_to_meeting": ("Mediantid til møde (dage)", 1, "days"),
    "repeat_share": ("Andel med flere henvendelser", "share", "share"),
    "citizens_with_trouble": ("Borgere med gener ved skift", 0, "count"),
}


def default_half(last_day: dt.date) -> periods.Period:
    """The last complete half-year: the newest one that ends on or before the last registration."""
    half = periods.parse(f"{last_day.year}H{1 if last_day.month <= 6 else 2}")
    return half if half.end <= last_day else half.previous()


PERIODS = ("year_before", "previous", "now")


def compare(now: pd.DataFrame, previous: pd.DataFrame, year_before: pd.DataFrame, figure: str) -> pd.DataFrame:
    """One figure per unit in the three half-years (and, as citizens_<period>,
    how many citizens it rests on), units in the order of now, then any that
    only the earlier half-years have. Plain dicts: the frames hold a few
    dozen units, where pandas' joins cost more than the work."""
    frames = {"now": now, "previous": previous, "year_before": year_before}
    values = {name: dict(zip(f["unit"], zip(f[figure], f["citizens"]))) for name, f in frames.items()}
    units = list(dict.fromkeys([*now["unit"], *previous["unit"], *year_before["unit"]]))
    missing = (float("nan"), float("nan"))
    rows = [{"unit": unit} | {column: value for name in frames
                              for column, value in zip((name, f"citizens_{name}"), values[name].get(unit, missing))}
            for unit in units]
    columns = ["unit"] + [c for name in frames for c in (name, f"citizens_{name}")]
    table = pd.DataFrame(rows, columns=columns)
    table["change"] = table["now"] - table["previous"]
    if figure in SHARE_PARTS:  # the share's numerator, for disclosure control (never shown)
        for name, f in frames.items():
            parts = dict(zip(f["unit"], f[SHARE_PARTS[figure]]))
            table[f"part_{name}"] = [parts.get(unit, float("nan")) for unit in table["unit"]]
    return table


# A share -> the count it is the share of the citizens of: a share is hidden
# when that count or the rest is small (disclosure.protect's rests).
SHARE_PARTS = {"repeat_share": "repeat_citizens"}


def _moved(now, before, kind: str) -> bool:
    if pd.isna(now) or pd.isna(before) or before == 0:
        return False
    if kind == "days" and abs(now - before) < MIN_DAYS:
        return False
    return abs(now - before) / before >= CHANGE


def points(now: pd.DataFrame, previous: pd.DataFrame, year_before: pd.DataFrame, labels: tuple[str, str],
           topics: tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame], k: int) -> list[str]:
    """The points to discuss, in Danish, each with the figures behind it.
    `labels`: the names of the half-year before and of the year before."""
    found = []
    for index, (other, label) in enumerate(((previous, labels[0]), (year_before, labels[1])), start=1):
        earlier = {row["unit"]: row for row in other.to_dict("records")}
        for row in now.to_dict("records"):
            then = earlier.get(row["unit"])
            if then is None or row["citizens"] < k or then["citizens"] < k:
                continue
            for figure, (name, decimals, kind) in FIGURES.items():
                value, before = row[figure], then[figure]
                if kind in ("share", "shown") or (kind == "count" and (value < k or before < k)):
                    continue
                if _moved(value, before, kind):
                    found.append(_sentence(row["unit"], name.removesuffix(" (dage)"), before, value, decimals, label,
                                           " dage" if kind == "days" else ""))
        topic_now, topic_before = topics[0], topics[index]
        earlier_topics = dict(zip(topic_before["topic"], topic_before["registrations"]))
        for topic, registrations in zip(topic_now["topic"], topic_now["registrations"]):
            before = earlier_topics.get(topic)
            if before is not None and registrations >= k and before >= k and _moved(registrations, before, "count"):
                found.append(_sentence(f"Emnet {topic}", "registreringer", before, registrations, 0, label))
    return found


def _sentence(subject: str, name: str, before, now, decimals: int, label: str, unit: str = "") -> str:
    direction = "steg" if now > before else "faldt"
    change = fmt.number((fmt.exact(now) - fmt.exact(before)) / fmt.exact(before) * 100, signed=True)
    return (f"{subject}: {name.lower()} {direction} fra {fmt.number(before, decimals)} til {fmt.number(now, decimals)}{unit} "
            f"({change} %) mod {label}.")


@dataclass
class Material:
    """Everything the meeting page and the meeting material show, from the queries."""

    department: str
    half: periods.Period
    org_view: str
    units: list[pd.DataFrame]        # unit_figures for now, the half-year before, a year before
    key_figures: list[pd.Series]     # key_figures for now and the half-year before
    topics: list[pd.DataFrame]       # by_topic for the three half-years
    types: pd.DataFrame              # by_type for now
    events: pd.DataFrame
    proper_only: bool = True         # egentlige henvendelser only (all but Uden for kompetence)

    @property
    def periods(self) -> list[periods.Period]:
        return [self.half, self.half.previous(), self.half.year_before()]

    @property
    def labels(self) -> dict[str, str]:
        now, previous, year_before = self.periods
        return {"year_before": year_before.label, "previous": previous.label, "now": now.label, "change": "Ændring"}

    def points(self, k: int) -> list[str]:
        return points(*self.units, (self.periods[1].label, self.periods[2].label), tuple(self.topics), k)


def collect(run: Callable[..., pd.DataFrame], department: str, half: periods.Period, org_view: str,
            scope: list[str] | None, proper_only: bool = True) -> Material:
    """`run(query, **params)` runs a query: the app's cached loader, or a plain
    connection. The meeting counts egentlige henvendelser unless told
    otherwise, as the annual reports' shares do. A half-year cut short at the
    last registration (Period.up_to) is compared with the same days before."""
    def params(period: periods.Period) -> dict:
        return period.params() | {"department": department, "units": None, "inquiry_type": None, "channel": None,
                                  "proper_only": proper_only, "org_view": org_view, "departments": scope}

    spans = [half, half.previous(), half.year_before()]
    if half.complete:  # the three half-years follow each other: one query counts them all
        figures = run("unit_figures", **params(periods.Period("range", spans[2].start, half.end)))
        units = [figures[figures["half_start"] == pd.Timestamp(p.start)] for p in spans]
    else:
        units = [run("unit_figures", **params(p)) for p in spans]
    return Material(
        department, half, org_view,
        units=[u.drop(columns="half_start").reset_index(drop=True) for u in units],
        key_figures=[run("key_figures", **params(p)).iloc[0] for p in spans[:2]],
        topics=[run("by_topic", **params(p)) for p in spans],
        types=run("by_type", **params(half)),
        events=run("events_in_period", **half.params()),
        proper_only=proper_only,
    )


# The headline figures: column, Danish name, decimals or "share", and whether
# it is a count or taken over the citizens.
KEY_FIGURES = [
    ("registrations", "Registreringer", 0, "count"), ("citizens", "Borgere", 0, "count"),
    ("complaints", "Klager", 0, "count"),
    ("median_days_to_answer", "Mediantid til første svar (dage)", 1, "basis"),
    ("repeat_share", "Andel med flere henvendelser", "share", "basis"),
    ("citizens_with_trouble", "Borgere med gener ved skift", 0, "count"),
]


def key_figure_values(material: Material, k: int) -> list[list]:
    """The headline figures, now and the half-year before: numbers, or the
    label that stands for a hidden one ("·")."""
    rows = []
    for column, name, _, kind in KEY_FIGURES:
        row = [name]
        for figures in material.key_figures:
            part = figures[SHARE_PARTS[column]] if column in SHARE_PARTS else None
            hidden = disclosure.protect_value(figures[column] if kind == "count" else None, k,
                                              basis=figures["citizens"] if kind == "basis" else None, part=part)
            row.append(disclosure.label(hidden, k) if hidden else figures[column])
        rows.append(row)
    return rows


def protection(figure: str) -> dict:
    """Disclosure control of a comparison table (disclosure.protect's arguments)."""
    if FIGURES[figure][2] in ("count", "shown"):
        return {"counts": list(PERIODS), "depends": {"change": ["now", "previous"]}}
    shares = {"rests": {p: (f"part_{p}", f"citizens_{p}") for p in PERIODS}} if figure in SHARE_PARTS else {}
    return {"counts": [f"citizens_{p}" for p in PERIODS],
            "depends": {p: [f"citizens_{p}"] for p in PERIODS} | {"change": ["citizens_now", "citizens_previous"]},
            **shares}


def protected_table(material: Material, figure: str, k: int) -> pd.DataFrame:
    """A comparison table for export: numbers as numbers, hidden cells as their label."""
    table = compare(*material.units, figure)
    p = disclosure.protect(table, k=k, **protection(figure))
    labels = p.hidden.apply(lambda c: c.map(lambda r: p.label(r) if r else ""))
    shown = table[["unit", *PERIODS, "change"]].astype(object).mask(labels[["unit", *PERIODS, "change"]] != "",
                                                                     labels[["unit", *PERIODS, "change"]])
    return shown.rename(columns={"unit": "Afdeling"} | material.labels)


def protected_counts(frame: pd.DataFrame, label_column: str, label: str, k: int) -> list[list[str]]:
    """A one-count table (types, topics) as text rows, small numbers hidden."""
    p = disclosure.protect(frame, ["registrations"], k=k)
    return [[label, "Registreringer"]] + [
        [name, p.label(h) if h else fmt.number(v)]
        for name, v, h in zip(frame[label_column], frame["registrations"], p.hidden["registrations"])
    ]
