"""The dialogue meeting: a department's half-year per unit, against the half-year
before and the same half-year a year earlier, and the points to discuss.

The rule for "Punkter til drøftelse" (shown on the page and in Begreber):

- A candidate is a unit's count or median waiting time, or a topic's
  registrations. It is a point when it moved at least 30 % against the
  half-year before or the same half-year a year earlier, and both figures of
  that comparison rest on at least k citizens (and, for counts, are at least
  k themselves), so no small number is flagged or shown. A median waiting time
  must also move at least 2 days. Shares are shown, not flagged.
- Points are ranked by their weight: the relative change against the
  half-year before plus the relative change against a year earlier (each
  counted only where that comparison is allowed as above; absolute values),
  times the square root of the number of citizens the figure rests on now
  (for a topic: its registrations now). A big move for many citizens comes
  first; a big move for a few comes after a moderate move for many.
- A unit's registrations and citizens move together: only the heavier of
  the two is a point.
- The five heaviest are "Punkter til drøftelse"; the rest are "Øvrige
  bevægelser". Ties keep the order of units and figures.
"""

import datetime as dt
import functools
import math
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from advisor import charts, disclosure, fmt, periods

CHANGE = 0.30  # a notable move
MIN_DAYS = 2   # ... and for waiting times at least this many days
TOP = 5        # points to discuss; the rest are "Øvrige bevægelser"

# Figure -> (Danish name, decimals or "share", kind). Counts and waiting times
# can be points to discuss; shares are shown, not flagged. ("1. gang" is
# counted by unit_figures but not shown: per unit and half-year it is nearly
# always the citizens.)
FIGURES = {
    "registrations": ("Registreringer", 0, "count"),
    "citizens": ("Borgere", 0, "count"),
    "complaints": ("Klager", 0, "count"),
    "citizens_with_trouble": ("Borgere med gener ved skift", 0, "count"),
    "median_days_to_answer": ("Mediantid til første svar (dage)", 1, "days"),
    "median_days_to_meeting": ("Mediantid til møde (dage)", 1, "days"),
    "repeat_share": ("Andel med flere henvendelser", "share", "share"),
}
# The themes of the page, the slides and the handout, each with its figures.
THEMES = {
    "Registreringer og borgere": ["registrations", "citizens"],
    "Klager og sagsbehandlerskift": ["complaints", "citizens_with_trouble"],
    "Ventetider": ["median_days_to_answer", "median_days_to_meeting"],
    "Gentagne henvendelser": ["repeat_share"],
}


def data_as_of(status: pd.DataFrame) -> tuple[str, bool]:
    """The date of the newest registration in words, and whether the data are demo data (data_status.sql)."""
    row = status.iloc[0]
    return fmt.date(row["last_received_on"]), bool(row["is_demo"])


def default_half(last_day: dt.date) -> periods.Period:
    """The last complete half-year: the newest one that ends on or before the last registration."""
    half = periods.parse(f"{last_day.year}H{1 if last_day.month <= 6 else 2}")
    return half if half.end <= last_day else half.previous()


PERIODS = ("year_before", "previous", "now")
CHANGES = {"change": "previous", "change_year": "year_before"}  # change column -> the half-year it is against


def compare(now: pd.DataFrame, previous: pd.DataFrame, year_before: pd.DataFrame, figure: str) -> pd.DataFrame:
    """One figure per unit in the three half-years (and, as citizens_<period>,
    how many citizens it rests on), its change against the half-year before
    (change) and a year earlier (change_year); units in the order of now,
    then any that only the earlier half-years have. Plain dicts: the frames
    hold a few dozen units, where pandas' joins cost more than the work."""
    frames = {"now": now, "previous": previous, "year_before": year_before}
    units = list(dict.fromkeys([*now["unit"].tolist(), *previous["unit"].tolist(), *year_before["unit"].tolist()]))
    nan = float("nan")
    columns: dict[str, list] = {"unit": units}
    for name, f in frames.items():
        values = dict(zip(f["unit"].tolist(), zip(_floats(f[figure]), _floats(f["citizens"]))))
        pairs = [values.get(unit, (nan, nan)) for unit in units]
        columns[name] = [v for v, _ in pairs]
        columns[f"citizens_{name}"] = [c for _, c in pairs]
    for change, against in CHANGES.items():
        columns[change] = [a - b for a, b in zip(columns["now"], columns[against])]  # NaN where either is missing
    if figure in SHARE_PARTS:  # the share's numerator, for disclosure control (never shown)
        for name, f in frames.items():
            parts = dict(zip(f["unit"].tolist(), _floats(f[SHARE_PARTS[figure]])))
            columns[f"part_{name}"] = [parts.get(unit, nan) for unit in units]
    return pd.DataFrame(columns)


def _floats(column: pd.Series) -> list[float]:
    """A column's values as floats, a missing one as NaN (astype("float64") parses its dtype's name each time)."""
    return column.to_numpy(np.float64).tolist()


# A share -> the count it is the share of the citizens of: a share is hidden
# when that count or the rest is small (disclosure.protect's rests).
SHARE_PARTS = {"repeat_share": "repeat_citizens"}


@dataclass
class Point:
    """A figure that moved: what, the sentence that says so, and its weight."""

    subject: str            # a unit, or "Emnet <topic>"
    figure: str             # a FIGURES key, or "topic"
    text: str
    weight: float
    values: dict = field(default_factory=dict)  # period -> value, for the comparisons allowed

def _moved(now, before, kind: str) -> bool:
    if pd.isna(now) or pd.isna(before) or before == 0:
        return False
    if kind == "days" and abs(now - before) < MIN_DAYS:
        return False
    return abs(now - before) / before >= CHANGE


@functools.lru_cache(maxsize=1 << 14)
def _relative(now, before) -> float:
    # Memoised, as _change: a rerun weighs and words some 50 moves of the same figures, in exact arithmetic.
    return abs(float(fmt.exact(now) - fmt.exact(before)) / float(fmt.exact(before)))


@functools.lru_cache(maxsize=1 << 14)
def _change(now, before) -> str:
    """The change from `before` to `now` in per cent, as written: +60, -11,1."""
    return fmt.number((fmt.exact(now) - fmt.exact(before)) / fmt.exact(before) * 100, signed=True)


def points(now: pd.DataFrame, previous: pd.DataFrame, year_before: pd.DataFrame, labels: tuple[str, str],
           topics: tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame], k: int) -> list[Point]:
    """The points to discuss, heaviest first (see the module's rule), each
    with a Danish sentence and the figures behind it. `labels`: the names of
    the half-year before and of the year before."""
    found = []
    earlier = [{row["unit"]: row for row in other.to_dict("records")} for other in (previous, year_before)]
    for row in now.to_dict("records"):
        if row["citizens"] < k:
            continue
        for figure, (name, decimals, kind) in FIGURES.items():
            if kind == "share":
                continue
            value, allowed = row[figure], {}
            for then, label in zip(earlier, labels):
                before = then.get(row["unit"])
                if before is None or before["citizens"] < k:
                    continue
                if kind == "count" and (value < k or before[figure] < k):
                    continue
                if not (pd.isna(value) or pd.isna(before[figure]) or before[figure] == 0):
                    allowed[label] = before[figure]
            if any(_moved(value, before, kind) for before in allowed.values()):
                found.append(_point(row["unit"], figure, name.removesuffix(" (dage)"), value, allowed, decimals,
                                    " dage" if kind == "days" else "", row["citizens"]))
    topic_now = topics[0]
    topics_before = [dict(zip(t["topic"], t["registrations"])) for t in topics[1:]]
    for topic, registrations in zip(topic_now["topic"], topic_now["registrations"]):
        if registrations < k:
            continue
        allowed = {label: then[topic] for then, label in zip(topics_before, labels)
                   if then.get(topic) is not None and then[topic] >= k}
        if any(_moved(registrations, before, "count") for before in allowed.values()):
            found.append(_point(f"Emnet {topic}", "topic", "registreringer", registrations, allowed, 0, "", registrations))
    return _one_per_move(sorted(found, key=lambda p: -p.weight))  # stable: ties keep their order


def _point(subject: str, figure: str, name: str, now, allowed: dict, decimals: int, unit: str, basis) -> Point:
    """A point, with its sentence: a: klager 8 – op fra 5 i 1. halvår (+60 %) og ned fra 9 i året før (-11 %)."""
    weight = sum(_relative(now, before) for before in allowed.values()) * math.sqrt(basis)
    moves = []
    for label, before in allowed.items():
        if fmt.exact(now) == fmt.exact(before):
            moves.append(f"som i {label}")
            continue
        change = _change(now, before)
        moves.append(f"{'op' if now > before else 'ned'} fra {fmt.number(before, decimals)} i {label} ({change} %)")
    text = f"{subject}: {name.lower()} {fmt.number(now, decimals)}{unit} – {' og '.join(moves)}."
    return Point(subject, figure, text, weight, {"now": now, **allowed})


# Figures that move together: of a unit's registrations and citizens, only the heavier point is kept.
TOGETHER = {"registrations": "volume", "citizens": "volume"}


def _one_per_move(found: list[Point]) -> list[Point]:
    seen, kept = set(), []
    for point in found:  # heaviest first
        key = (point.subject, TOGETHER.get(point.figure, point.figure))
        if key not in seen:
            seen.add(key)
            kept.append(point)
    return kept


@dataclass
class Material:
    """Everything the meeting page and the meeting material show, from the queries."""

    department: str
    half: periods.Period
    org_view: str
    units: list[pd.DataFrame]        # unit_figures for now, the half-year before, a year before
    key_figures: list[pd.Series]     # half_key_figures for the same three half-years
    topics: list[pd.DataFrame]       # half_topics for the three half-years
    types: pd.DataFrame              # by_type for now
    events: pd.DataFrame
    proper_only: bool = True         # egentlige henvendelser only (all but Uden for kompetence)
    agreed: pd.DataFrame | None = None   # agreements of earlier meetings to follow up (queries/agreements.sql)
    agreed_units: dict = field(default_factory=dict)  # half-year key -> unit_figures of that half-year
    _compared: dict = field(default_factory=dict, repr=False, compare=False)

    def compared(self, figure: str) -> pd.DataFrame:
        """compare() of a figure's three half-years, worked out once (the chart,
        the table and the points all read it)."""
        if figure not in self._compared:
            self._compared[figure] = compare(*self.units, figure)
        return self._compared[figure].copy(deep=False)

    @property
    def periods(self) -> list[periods.Period]:
        return [self.half, self.half.previous(), self.half.year_before()]

    @property
    def labels(self) -> dict[str, str]:
        """Column headers: the half-years, and each change naming what it is against."""
        now, previous, year_before = self.periods
        return {"year_before": year_before.label, "previous": previous.label, "now": now.label,
                "change": f"Ændring mod {previous.label}", "change_year": f"Ændring mod {year_before.label}"}

    def points(self, k: int) -> list[Point]:
        """Every point, heaviest first."""
        return points(*self.units, (self.periods[1].label, self.periods[2].label), tuple(self.topics), k)

    def ranked(self, k: int) -> tuple[list[Point], list[Point]]:
        """The points to discuss (the TOP heaviest) and the other moves."""
        found = self.points(k)
        return found[:TOP], found[TOP:]


def collect(run: Callable[..., pd.DataFrame], department: str, half: periods.Period, org_view: str,
            scope: list[str] | None, proper_only: bool = True,
            prefetch: Callable[..., None] | None = None) -> Material:
    """`run(query, **params)` runs a query: the app's cached loader, or a plain
    connection; `prefetch((query, params), ...)`, if given, starts them all
    at once (loader.prefetch). The meeting counts egentlige henvendelser unless
    told otherwise, as the annual reports' shares do. A half-year cut short at
    the last registration (Period.up_to) is compared with the same days before."""
    def params(period: periods.Period) -> dict:
        return period.params() | {"department": department, "units": None, "inquiry_type": None, "channel": None,
                                  "proper_only": proper_only, "org_view": org_view, "departments": scope}

    spans = [half, half.previous(), half.year_before()]
    # Three whole half-years in a row are one period: a query counts (or reads
    # from the half-year summary) each of its half-years on its own, and the
    # planning a query costs is paid once, not three times. A half-year cut
    # short at the last registration is compared with the same days before:
    # three periods apart.
    whole = half.complete
    asked = [periods.Period("range", spans[2].start, half.end)] if whole else spans
    if prefetch is not None:
        prefetch(*((name, params(p)) for name in ("unit_figures", "half_key_figures", "half_topics") for p in asked),
                 ("by_type", params(half)), ("events_in_period", half.params()),
                 ("agreements", {"department": department, "departments": scope}))

    def per_half(name: str) -> list[pd.DataFrame]:
        """A query's rows for each of the three half-years (now first), without their half_start."""
        if not whole:
            return [run(name, **params(p)).drop(columns="half_start") for p in spans]
        found = run(name, **params(asked[0]))
        starts = found["half_start"].to_numpy().astype("datetime64[D]")  # in order: the queries sort by it
        rows = found.drop(columns="half_start")
        return [rows.iloc[np.searchsorted(starts, day, "left"):np.searchsorted(starts, day, "right")].reset_index(drop=True)
                for day in (np.datetime64(p.start, "D") for p in spans)]

    units = per_half("unit_figures")
    agreed = follow_ups(run("agreements", department=department, departments=scope), half)
    agreed_units = {key: units[[p.key for p in spans].index(key)] if key in [p.key for p in spans]
                    else run("unit_figures", **params(periods.parse(key))).drop(columns="half_start")
                    for key in dict.fromkeys(agreed["half"])}
    return Material(
        department, half, org_view,
        units=units,
        key_figures=[figures.iloc[0] for figures in per_half("half_key_figures")],
        topics=per_half("half_topics"),
        types=run("by_type", **params(half)),
        events=run("events_in_period", **half.params()),
        proper_only=proper_only,
        agreed=agreed,
        agreed_units=agreed_units,
    )


def follow_ups(agreements: pd.DataFrame, half: periods.Period) -> pd.DataFrame:
    """The agreements a meeting about `half` follows up: all those of the
    latest earlier meeting, and any older one not yet done (åben, i gang)."""
    earlier = agreements.loc[pd.Series([periods.parse(h).start < half.start for h in agreements["half"]],
                                       index=agreements.index, dtype=bool)]
    if earlier.empty:
        return earlier
    latest = earlier["meeting_id"] == earlier["meeting_id"].iloc[0]  # newest meeting first (agreements.sql)
    return earlier[latest | earlier["status"].isin(["åben", "i gang"])].reset_index(drop=True)


def follow_up_rows(material: Material, k: int | None) -> list[dict]:
    """Each agreement followed up: its text, unit, figure, status, follow-up
    date, and its figure in the half-year it was agreed about ("before") and
    now, each a number or, with k, the label of a hidden one (small-number rule)."""
    by_half = {half: {row["unit"]: row for row in frame.to_dict("records")} for half, frame in material.agreed_units.items()}
    now_by_unit = {row["unit"]: row for row in material.units[0].to_dict("records")}
    rows = []
    for a in (material.agreed if material.agreed is not None else pd.DataFrame()).itertuples():
        then_by_unit = by_half[a.half]
        values = [_guarded(by_unit.get(a.unit), a.figure, k) for by_unit in (then_by_unit, now_by_unit)]
        rows.append({"what": a.what, "unit": a.unit, "figure": FIGURES[a.figure][0], "figure_key": a.figure,
                     "status": a.status, "follow_up_on": a.follow_up_on, "agreed_in": periods.parse(a.half).label,
                     "before": values[0], "now": values[1]})
    return rows


def _guarded(row: dict | None, figure: str, k: int | None):
    """A unit's figure, or "·" when the small-number rule hides it; None when the unit had nothing."""
    if row is None:
        return None
    if k is None:
        return row[figure]
    return _shown(row, figure, FIGURES[figure][2] == "count", k)


def _shown(figures, column: str, is_count: bool, k: int):
    """One figure of a row (a unit's, or the headline figures): the number, or
    "·" when the small-number rule hides it: a small count, or a share or
    median over few citizens (a share also with a small numerator or rest)."""
    part = figures[SHARE_PARTS[column]] if column in SHARE_PARTS else None
    hidden = disclosure.protect_value(figures[column] if is_count else None, k,
                                      basis=None if is_count else figures["citizens"], part=part)
    return disclosure.label(hidden, k) if hidden else figures[column]


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
    """The headline figures a year earlier, the half-year before and now (in
    time order, as the unit tables), and the changes against both: numbers, or the label that stands for a hidden
    one ("·"). A change is hidden with either of its figures."""
    rows = []
    for column, name, _, kind in KEY_FIGURES:
        row = [name]
        for figures in material.key_figures:
            row.append(_shown(figures, column, kind == "count", k))
        now, previous, year_before = row[1:]
        changes = []
        for before in (previous, year_before):
            shown = not any(isinstance(v, str) for v in (now, before)) and not any(pd.isna(v) for v in (now, before))
            changes.append(now - before if shown else (disclosure.HIDDEN if any(isinstance(v, str) for v in (now, before)) else None))
        rows.append([name, year_before, previous, now, *changes])
    return rows


KEY_COLUMNS = ("year_before", "previous", "now", "change", "change_year")  # key_figure_values' columns after the name


def protection(figure: str) -> dict:
    """Disclosure control of a comparison table (disclosure.protect's arguments)."""
    changes = {change: ["now", against] for change, against in CHANGES.items()}
    if FIGURES[figure][2] == "count":
        return {"counts": list(PERIODS), "depends": changes}
    # A share's change is hidden with either share: where its citizens, its
    # numerator (part) or the rest is small.
    bases = ("citizens", "part") if figure in SHARE_PARTS else ("citizens",)
    shares = {"rests": {p: (f"part_{p}", f"citizens_{p}") for p in PERIODS}} if figure in SHARE_PARTS else {}
    return {"counts": [f"citizens_{p}" for p in PERIODS],
            "depends": {p: [f"citizens_{p}"] for p in PERIODS}
            | {change: [f"{b}_{p}" for b in bases for p in ("now", against)] for change, against in CHANGES.items()},
            **shares}


SHOWN = ["unit", *PERIODS, *CHANGES]  # a comparison table's columns, as shown


def protected_table(material: Material, figure: str, k: int) -> pd.DataFrame:
    """A comparison table for export: numbers as numbers, hidden cells as their label."""
    table = material.compared(figure)
    p = disclosure.protect(table, k=k, **protection(figure))
    labels = p.hidden.apply(lambda c: c.map(lambda r: p.label(r) if r else ""))
    shown = table[SHOWN].astype(object).mask(labels[SHOWN] != "", labels[SHOWN])
    return shown.rename(columns={"unit": "Afdeling"} | material.labels)


def chart_rows(material: Material, figure: str, k: int | None) -> pd.DataFrame:
    """A figure's dot plot data (charts.halves): unit, half (its name), value
    (shares in per cent; none where hidden or missing) and text (the value
    now as shown, or "·"). With k, small numbers are hidden as in the tables."""
    _, decimals, _ = FIGURES[figure]
    table = material.compared(figure)
    hidden = None
    if k is not None:
        p = disclosure.protect(table, k=k, **protection(figure))
        hidden = p.hidden
    scale = 100 if decimals == "share" else 1
    labels = material.labels
    names = [labels[p] for p in ("now", "previous", "year_before")]
    columns: dict[str, list] = {"unit": [], "half": [], "value": [], "text": []}  # a frame made from lists at once
    values = {period: table[period].tolist() for period in ("now", "previous", "year_before")}
    hides = {period: hidden[period].tolist() if hidden is not None else None for period in values}
    for i, unit in enumerate(table["unit"].tolist()):
        for period, half_name in zip(("now", "previous", "year_before"), names):
            value = values[period][i]
            is_hidden = hides[period] is not None and hides[period][i] != ""
            text = (disclosure.HIDDEN if is_hidden else
                    fmt.percent(value) if decimals == "share" else fmt.number(value, decimals) or "–")
            drawn = None if is_hidden or pd.isna(value) else float(value) if scale == 1 else float(fmt.exact(value) * scale)
            for column, cell in zip(columns.values(), (unit, half_name, drawn, text if period == "now" else "")):
                column.append(cell)
    return pd.DataFrame(columns)


def chart_spec(material: Material, figure: str, k: int | None, height: int | None = None) -> dict:
    """The dot plot of a figure, the same on the page, the slides and in the PDF."""
    name, decimals, kind = FIGURES[figure]
    rows = chart_rows(material, figure, k)
    title = {"share": "Andel (%)", "days": "Dage (median)"}.get(kind, name)
    number = ",.0f" if decimals == "share" else ",.1~f" if kind == "days" else ",d"
    order = list(dict.fromkeys(rows["unit"]))
    names = [material.labels[p] for p in ("now", "previous", "year_before")]
    return charts.halves(rows, order, names, value_title=title, number=number, height=height,
                         field="count" if kind == "count" else "measure", description=chart_description(material, figure, rows))


def chart_description(material: Material, figure: str, rows: pd.DataFrame) -> str:
    """A figure's dot plot in words (its alt text): what it shows and the values now."""
    name = FIGURES[figure][0]
    labels = material.labels
    values = "; ".join(f"{u} {t}" for u, h, t in zip(rows["unit"].tolist(), rows["half"].tolist(), rows["text"].tolist())
                       if h == labels["now"])
    return (f"Prikdiagram: {name.lower()} pr. afdeling i {labels['now']}, {labels['previous']} og "
            f"{labels['year_before']}. {labels['now']}: {values}.")


def protected_counts(frame: pd.DataFrame, label_column: str, label: str, k: int) -> list[list[str]]:
    """A one-count table (types, topics) as text rows, small numbers hidden."""
    p = disclosure.protect(frame, ["registrations"], k=k)
    return [[label, "Registreringer"]] + [
        [name, p.label(h) if h else fmt.number(v)]
        for name, v, h in zip(frame[label_column], frame["registrations"], p.hidden["registrations"])
    ]
