"""The peer: the app's figures computed as a plain Streamlit + pandas dashboard
computes them, over a DataFrame read once from a Parquet export.

Each function takes the DataFrame and the same filters as the query of the
same name and returns the columns that query returns for them. run.py checks
that the two agree before it compares their times, so the comparison is of
the same work; bench/peer_app.py draws pages of them, with the same sidebar
filters as the app, for the page-by-page comparison.
"""

import datetime as dt

import holidays
import numpy as np
import pandas as pd

COLUMNS = ["inquiry_id", "citizen_key", "received_on", "department", "unit", "inquiry_type", "channel", "topic",
           "first_answer_on", "meeting_on", "closed_on", "caseworker_changes", "caseworker_change_trouble", "position"]
DATES = ("received_on", "first_answer_on", "meeting_on", "closed_on")
HOLIDAYS = np.array(sorted(holidays.Denmark(years=range(2000, 2041))), dtype="datetime64[D]")


def read(parquet, organisation: pd.DataFrame | None = None) -> pd.DataFrame:
    """The registrations, with each unit's department as organised today
    (department_today) when the organisation table is given."""
    frame = pd.read_parquet(parquet, columns=COLUMNS)
    for column in DATES:
        frame[column] = pd.to_datetime(frame[column])
    for column in ("department", "unit", "inquiry_type", "channel", "topic"):
        frame[column] = frame[column].astype("category")
    frame["trouble"] = frame["caseworker_change_trouble"].fillna(False).astype(bool)
    frame["department_today"] = frame["department"]
    if organisation is not None:
        today = dt.date.today()
        valid = organisation[(pd.to_datetime(organisation["valid_from"]).dt.date <= today)
                             & (organisation["valid_to"].isna() | (pd.to_datetime(organisation["valid_to"]).dt.date >= today))]
        mapped = frame["unit"].astype(str).map(dict(zip(valid["unit"], valid["department"])))
        frame["department_today"] = mapped.fillna(frame["department"].astype(str)).astype("category")
    return frame.sort_values("position", ignore_index=True)


def selected(frame: pd.DataFrame, p: dict, *, whole_time: bool = False) -> pd.DataFrame:
    """The registrations the shared filters select, with `department` as the
    organisation view places them."""
    mask = np.ones(len(frame), dtype=bool)
    received = frame["received_on"]
    if not whole_time and p.get("date_from") is not None:
        mask &= (received >= pd.Timestamp(p["date_from"])).to_numpy()
    if not whole_time and p.get("date_to") is not None:
        mask &= (received <= pd.Timestamp(p["date_to"])).to_numpy()
    department = frame["department_today" if p.get("org_view") == "today" else "department"]
    if p.get("department") is not None:
        mask &= (department == p["department"]).to_numpy()
    if p.get("units"):
        mask &= frame["unit"].isin(p["units"]).to_numpy()
    if p.get("inquiry_type") is not None:
        mask &= (frame["inquiry_type"] == p["inquiry_type"]).to_numpy()
    if p.get("channel") is not None:
        mask &= (frame["channel"] == p["channel"]).to_numpy()
    if p.get("proper_only"):
        mask &= (frame["inquiry_type"].notna() & (frame["inquiry_type"] != "Uden for kompetence")).to_numpy()
    if p.get("departments") is not None:
        mask &= department.isin(p["departments"]).to_numpy()
    out = frame[mask]
    return out.assign(department=out["department_today"]) if p.get("org_view") == "today" else out


def _months(first, last) -> pd.DatetimeIndex:
    return pd.date_range(pd.Timestamp(first).to_period("M").to_timestamp(),
                         pd.Timestamp(last).to_period("M").to_timestamp(), freq="MS")


def _office(frame):
    return frame["received_on"].min().to_period("M").to_timestamp(), frame["received_on"].max().to_period("M").to_timestamp()


def _days(later: pd.Series, earlier: pd.Series) -> pd.Series:
    return (later - earlier).dt.days


def _working_days(s: pd.DataFrame) -> pd.Series:
    """Working days after receipt up to the answer (Monday-Friday except Danish holidays)."""
    answered = s["first_answer_on"].notna()
    out = pd.Series(np.nan, index=s.index)
    begin = s.loc[answered, "received_on"].to_numpy("datetime64[D]") + np.timedelta64(1, "D")
    end = s.loc[answered, "first_answer_on"].to_numpy("datetime64[D]") + np.timedelta64(1, "D")
    out[answered] = np.busday_count(begin, end, holidays=HOLIDAYS)
    return out


def _median(values: pd.Series):
    values = values.dropna()
    return float(values.median()) if len(values) else None


def _p90(values: pd.Series):
    """The 90 % quantile as DuckDB's quantile_disc: the smallest value with at least 90 % at or below it."""
    values = np.sort(values.dropna().to_numpy())
    return float(values[int(np.ceil(0.9 * len(values))) - 1]) if len(values) else None


# -- overview and repeat contacts --------------------------------------------------

def key_figures(frame, p):
    s = selected(frame, p)
    first, last = _office(frame)
    months = max(1, len(_months(max(first, pd.Timestamp(p["date_from"])), min(last, pd.Timestamp(p["date_to"])))))
    per_citizen = s.groupby("citizen_key", observed=True).agg(
        registrations=("inquiry_id", "size"), trouble=("trouble", "any"))
    citizens = len(per_citizen)
    repeat = int((per_citizen["registrations"] > 1).sum())
    return pd.DataFrame([{
        "registrations": len(s), "citizens": citizens, "new_citizens_per_month": citizens / months,
        "repeat_citizens": repeat, "repeat_share": repeat / citizens if citizens else None,
        "complaints": int((s["inquiry_type"] == "Klage").sum()),
        "median_days_to_answer": _median(_days(s["first_answer_on"], s["received_on"])),
        "citizens_with_trouble": int(per_citizen["trouble"].sum()), "months": months,
    }])


def citizen_totals(frame, p):
    per_citizen = selected(frame, p).groupby("citizen_key", observed=True).size()
    citizens, repeat = len(per_citizen), int((per_citizen > 1).sum())
    return pd.DataFrame([{"citizens": citizens, "repeat_citizens": repeat,
                          "repeat_share": repeat / citizens if citizens else None}])


def registrations_per_citizen(frame, p):
    per_citizen = selected(frame, p).groupby("citizen_key", observed=True).size().clip(upper=6)
    out = per_citizen.value_counts().sort_index().rename_axis("registrations").reset_index(name="citizens")
    out.insert(1, "label", [("6 eller flere" if n == 6 else str(n)) for n in out["registrations"]])
    return out


def course_length(frame, p):
    s = selected(frame, p)
    per_citizen = s.groupby("citizen_key", observed=True).agg(
        first=("received_on", "min"), last=("received_on", "max"), closed=("closed_on", "max"))
    end = per_citizen[["last", "closed"]].max(axis=1)
    days = (end - per_citizen["first"]).dt.days
    band = pd.cut(days, [-1, 7, 30, 90, 180, np.inf], labels=[1, 2, 3, 4, 5]).astype(int)
    out = band.value_counts().sort_index().rename_axis("band").reset_index(name="citizens")
    names = ["0–7 dage", "8–30 dage", "31–90 dage", "91–180 dage", "Over 180 dage"]
    out.insert(1, "course_length", [names[b - 1] for b in out["band"]])
    return out


def repeat_by_unit(frame, p):
    s = selected(frame, p)
    per_citizen = s.groupby(["department", "unit", "citizen_key"], observed=True, dropna=False).size()
    out = per_citizen.groupby(level=["department", "unit"], observed=True, dropna=False).agg(
        citizens="size", repeat_citizens=lambda n: int((n > 1).sum())).reset_index()
    out["repeat_share"] = out["repeat_citizens"] / out["citizens"]
    return out.sort_values(["department", "unit"], ignore_index=True)


def repeat_by_year(frame, p):
    s = selected(frame, p, whole_time=True)
    per_citizen = s.groupby([s["received_on"].dt.year.rename("year"), "citizen_key"], observed=True).size()
    years = per_citizen.groupby(level="year").agg(citizens="size", repeat_citizens=lambda n: int((n > 1).sum()))
    years["repeat_share"] = years["repeat_citizens"] / years["citizens"]
    return years.reset_index()


# -- monthly load ---------------------------------------------------------------------

def monthly_registrations(frame, p):
    first, last = _office(frame)
    whole_time = p.get("date_from") is None
    # The year before the period too: the same month a year before.
    s = selected(frame, p if whole_time else p | {"date_from": dt.date(p["date_from"].year - 1, 1, 1)})
    month = s["received_on"].dt.to_period("M").dt.to_timestamp()
    registrations = month.value_counts()
    firsts = s.groupby([s["received_on"].dt.year, "citizen_key"], observed=True)["received_on"].min()
    new_citizens = firsts.dt.to_period("M").dt.to_timestamp().value_counts()
    months = _months(first if whole_time else max(first, pd.Timestamp(p["date_from"])),
                     last if p.get("date_to") is None else min(last, pd.Timestamp(p["date_to"])))
    out = pd.DataFrame({"month_start": months})
    out["year"], out["month"] = months.year, months.month
    out["registrations"] = registrations.reindex(months, fill_value=0).to_numpy()
    out["new_citizens"] = new_citizens.reindex(months, fill_value=0).to_numpy()
    before = months - pd.DateOffset(years=1)
    out["registrations_year_before"] = np.where(before >= first, registrations.reindex(before, fill_value=0).to_numpy(), np.nan)
    out["change_from_year_before"] = out["registrations"] - out["registrations_year_before"]
    return out


def yearly_registrations(frame, p):
    first, last = _office(frame)
    s = selected(frame, p, whole_time=True)
    years = s.groupby(s["received_on"].dt.year.rename("year")).agg(
        registrations=("inquiry_id", "size"), citizens=("citizen_key", "nunique")).reset_index()
    start = [max(pd.Timestamp(y, 1, 1), first) for y in years["year"]]
    end = [min(pd.Timestamp(y, 12, 1), last) for y in years["year"]]
    years["months_open"] = [(e.year - b.year) * 12 + e.month - b.month + 1 for b, e in zip(start, end)]
    years["monthly_average"] = years["registrations"] / years["months_open"]
    years["new_citizens_per_month"] = years["citizens"] / years["months_open"]
    return years


def year_to_date(frame, p):
    through = pd.Timestamp(p["through_date"])
    s = selected(frame, p | {"date_from": dt.date(through.year - 1, 1, 1), "date_to": through.date()})
    return pd.DataFrame([{
        "year": through.year, "through_date": through,
        "registrations": int((s["received_on"].dt.year == through.year).sum()),
        "registrations_year_before": int((s["received_on"] <= through - pd.DateOffset(years=1)).sum()),
    }])


# -- departments ----------------------------------------------------------------------

def by_unit(frame, p):
    s = selected(frame, p)
    registrations = s.groupby(["department", "unit"], observed=True, dropna=False).size().rename("registrations")
    firsts = s.drop_duplicates("citizen_key")  # sorted by position: each citizen's first
    first_contacts = firsts.groupby(["department", "unit"], observed=True, dropna=False).size().rename("first_contacts")
    out = pd.concat([registrations, first_contacts], axis=1).fillna(0).astype(int).reset_index()
    out["registrations_share"] = out["registrations"] / out["registrations"].sum()
    out["first_contacts_share"] = out["first_contacts"] / out["first_contacts"].sum()
    out = out.sort_values(["department", "registrations", "unit"], ascending=[True, False, True], ignore_index=True)
    return out[["department", "unit", "registrations", "registrations_share", "first_contacts", "first_contacts_share"]]


def by_department(frame, p):
    s = selected(frame, p)
    registrations = s.groupby("department", dropna=False).size().rename("registrations")
    first_contacts = s.drop_duplicates("citizen_key").groupby("department", dropna=False).size().rename("first_contacts")
    out = pd.concat([registrations, first_contacts], axis=1).fillna(0).astype(int).reset_index()
    out["registrations_share"] = out["registrations"] / out["registrations"].sum()
    out["first_contacts_share"] = out["first_contacts"] / out["first_contacts"].sum()
    out = out.sort_values(["registrations", "department"], ascending=[False, True], ignore_index=True)
    return out[["department", "registrations", "registrations_share", "first_contacts", "first_contacts_share"]]


def _shares(counts: pd.Series, name: str) -> pd.DataFrame:
    out = counts.rename_axis(name).reset_index(name="registrations")
    out["share"] = out["registrations"] / out["registrations"].sum()
    return out.sort_values(["registrations", name], ascending=[False, True], ignore_index=True)


def by_type(frame, p):
    return _shares(selected(frame, p)["inquiry_type"].astype(object).value_counts(dropna=False), "inquiry_type")


def by_topic(frame, p):
    return _shares(selected(frame, p)["topic"].astype(object).fillna("Uden emne").value_counts(), "topic")


def department_trend(frame, p):
    s = selected(frame, p)
    months = _months(p["date_from"], p["date_to"])
    counts = s.groupby([s["received_on"].dt.to_period("M").dt.to_timestamp().rename("month_start"), "department"],
                       dropna=False).size()
    departments = sorted(s["department"].dropna().unique())
    index = pd.MultiIndex.from_product([months, departments], names=["month_start", "department"])
    return counts.reindex(index, fill_value=0).rename("registrations").reset_index()


# -- waiting times ----------------------------------------------------------------------

def _waiting(s: pd.DataFrame, target: int) -> dict:
    to_answer = _days(s["first_answer_on"], s["received_on"])
    working = _working_days(s)
    within = (working <= target).astype(float).where(working.notna())
    return {"registrations": len(s), "answered": int(to_answer.count()), "median_days_to_answer": _median(to_answer),
            "p90_days_to_answer": _p90(to_answer),
            "answered_within_target_share": float(within.mean()) if within.notna().any() else None,
            "meetings": int(s["meeting_on"].notna().sum()),
            "median_days_to_meeting": _median(_days(s["meeting_on"], s["received_on"])),
            "p90_days_to_meeting": _p90(_days(s["meeting_on"], s["received_on"]))}


def waiting_summary(frame, p):
    return pd.DataFrame([_waiting(selected(frame, p), p["target_days"])])


def waiting_trend(frame, p):
    s = selected(frame, p)
    rows = [{"month_start": month} | _waiting(part, p["target_days"])
            for month, part in s.groupby(s["received_on"].dt.to_period("M").dt.to_timestamp())]
    return pd.DataFrame(rows)[["month_start", "registrations", "median_days_to_answer", "p90_days_to_answer",
                               "answered_within_target_share", "median_days_to_meeting"]]


def waiting_by_unit(frame, p):
    s = selected(frame, p)
    rows = [{"department": d, "unit": u} | _waiting(part, p["target_days"])
            for (d, u), part in s.groupby(["department", "unit"], observed=True, dropna=False)]
    return pd.DataFrame(rows).drop(columns="p90_days_to_meeting").sort_values(["department", "unit"], ignore_index=True)


def open_at_month_end(frame, p):
    s = selected(frame, p | {"date_from": None})
    first, _ = _office(frame)
    months = _months(first, p["date_to"])
    opened = s["received_on"].dt.to_period("M").dt.to_timestamp().value_counts().reindex(months, fill_value=0)
    closed = s["closed_on"].dropna().dt.to_period("M").dt.to_timestamp().value_counts().reindex(months, fill_value=0)
    out = pd.DataFrame({"month_start": months, "open_at_month_end": (opened - closed).cumsum().to_numpy()})
    out = out[out["month_start"] >= pd.Timestamp(p["date_from"]).to_period("M").to_timestamp()]
    out.insert(1, "month_end", out["month_start"] + pd.offsets.MonthEnd(0))
    return out.reset_index(drop=True)


# -- caseworker changes ----------------------------------------------------------------

def caseworker_summary(frame, p):
    s = selected(frame, p)
    per_citizen = s.groupby("citizen_key", observed=True).agg(
        most_changes=("caseworker_changes", "max"), trouble=("trouble", "any"))
    citizens = len(per_citizen)
    trouble = int(per_citizen["trouble"].sum())
    return pd.DataFrame([{
        "citizens": citizens, "citizens_asked": int(per_citizen["most_changes"].count()), "citizens_with_trouble": trouble,
        "trouble_share": trouble / citizens if citizens else None, "median_changes": _median(per_citizen["most_changes"]),
        "registrations_about_caseworker_change": int((s["topic"] == "Sagsbehandlerskift").sum()),
    }])


def caseworker_distribution(frame, p):
    s = selected(frame, p)
    s = s[s["caseworker_changes"].notna()]
    per_citizen = s.groupby("citizen_key", observed=True)["caseworker_changes"].max().clip(upper=5).astype(int)
    out = per_citizen.value_counts().sort_index().rename_axis("changes").reset_index(name="citizens")
    out.insert(1, "label", [("5 eller flere" if n == 5 else str(n)) for n in out["changes"]])
    return out


def caseworker_by_unit(frame, p):
    s = selected(frame, p)
    per_citizen = s.groupby(["department", "unit", "citizen_key"], observed=True, dropna=False).agg(
        asked=("caseworker_changes", "count"), trouble=("trouble", "any"))
    per_citizen["asked"] = per_citizen["asked"].where(per_citizen["asked"] > 0)
    out = per_citizen.groupby(level=["department", "unit"], observed=True, dropna=False).agg(
        citizens=("asked", "size"), citizens_asked=("asked", "count"), citizens_with_trouble=("trouble", "sum")).reset_index()
    return out.sort_values(["citizens_with_trouble", "department", "unit"], ascending=[False, True, True], ignore_index=True)


def caseworker_trend(frame, p):
    s = selected(frame, p)
    month = s["received_on"].dt.to_period("M").dt.to_timestamp()
    months = _months(p["date_from"], p["date_to"])
    asked = s[s["caseworker_changes"].notna()].groupby(month)["citizen_key"].nunique()
    trouble = s[s["trouble"]].groupby(month)["citizen_key"].nunique()
    return pd.DataFrame({"month_start": months, "citizens_asked": asked.reindex(months, fill_value=0).to_numpy(),
                         "citizens_with_trouble": trouble.reindex(months, fill_value=0).to_numpy()})


# -- the dialogue meeting and the registrations ------------------------------------------

def unit_figures(frame, p):
    s = selected(frame, p | {"units": None, "inquiry_type": None, "channel": None})  # the meeting's own choices only
    half_start = pd.to_datetime({"year": s["received_on"].dt.year, "month": np.where(s["received_on"].dt.month <= 6, 1, 7),
                                 "day": 1})
    s = s.assign(half_start=half_start)
    keys = ["half_start", "unit"]
    by_registration = s.groupby(keys, observed=True).agg(
        registrations=("inquiry_id", "size"), complaints=("inquiry_type", lambda t: int((t == "Klage").sum())))
    by_registration["median_days_to_answer"] = s.assign(d=_days(s["first_answer_on"], s["received_on"])).groupby(
        keys, observed=True)["d"].median()
    by_registration["median_days_to_meeting"] = s.assign(d=_days(s["meeting_on"], s["received_on"])).groupby(
        keys, observed=True)["d"].median()
    per_citizen = s.groupby([*keys, "citizen_key"], observed=True).agg(
        n=("inquiry_id", "size"), trouble=("trouble", "any"))
    by_citizen = per_citizen.groupby(level=keys, observed=True).agg(
        citizens=("n", "size"), repeat_citizens=("n", lambda n: int((n > 1).sum())), citizens_with_trouble=("trouble", "sum"))
    firsts = s.drop_duplicates(["half_start", "citizen_key"]).groupby(keys, observed=True).size().rename("first_contacts")
    out = by_registration.join(by_citizen).join(firsts).fillna({"first_contacts": 0}).reset_index()
    out["repeat_share"] = out["repeat_citizens"] / out["citizens"]
    out = out.sort_values(["half_start", "registrations", "unit"], ascending=[True, False, True], ignore_index=True)
    return out[["half_start", "unit", "registrations", "citizens", "first_contacts", "complaints", "median_days_to_answer",
                "median_days_to_meeting", "repeat_citizens", "repeat_share", "citizens_with_trouble"]]


def _halves(p: dict) -> list[tuple[pd.Timestamp, dict]]:
    """The half-years of the period, each with the filters cut to it (the meeting's own choices only)."""
    start, end = pd.Timestamp(p["date_from"]), pd.Timestamp(p["date_to"])
    first, out = pd.Timestamp(start.year, 1 if start.month <= 6 else 7, 1), []
    while first <= end:
        following = first + pd.DateOffset(months=6)
        out.append((first, p | {"units": None, "inquiry_type": None, "channel": None,
                                "date_from": max(first, start), "date_to": min(following - pd.Timedelta(days=1), end)}))
        first = following
    return out


def half_key_figures(frame, p):
    return pd.concat([key_figures(frame, half).assign(half_start=first) for first, half in _halves(p)], ignore_index=True)[
        ["half_start", "registrations", "citizens", "repeat_citizens", "repeat_share", "complaints", "median_days_to_answer",
         "citizens_with_trouble"]]


def half_topics(frame, p):
    return pd.concat([by_topic(frame, half).assign(half_start=first) for first, half in _halves(p)], ignore_index=True)[
        ["half_start", "topic", "registrations", "share"]]


def registrations(frame, p):
    s = selected(frame, p)
    newest = s.iloc[::-1].head(p["max_rows"])
    return newest.drop(columns=["position", "department_today"]).assign(matching=len(s)).reset_index(drop=True)


# Each page of the app and the queries it runs for one view (with the whole,
# unfiltered versions a leader's page adds left out: the peer has no
# disclosure control, which only makes it faster).
BASELINES = {name: globals()[name] for name in (
    "key_figures", "monthly_registrations", "yearly_registrations", "year_to_date", "by_department", "by_unit", "by_type",
    "by_topic", "department_trend", "waiting_summary", "waiting_trend", "waiting_by_unit", "open_at_month_end",
    "citizen_totals", "registrations_per_citizen", "course_length", "repeat_by_unit", "repeat_by_year", "caseworker_summary",
    "caseworker_distribution", "caseworker_by_unit", "caseworker_trend", "unit_figures", "half_key_figures", "half_topics",
    "registrations")}


def same_answer(name: str, pandas_result: pd.DataFrame, duckdb_result: pd.DataFrame) -> bool:
    """True when pandas computed the figures the query shows: the same rows in
    the same order, counts equal and other numbers equal to 1e-9."""
    columns = [c for c in duckdb_result.columns if c in pandas_result.columns]
    if name == "registrations":
        columns = ["inquiry_id", "matching"]
    duck = duckdb_result[columns].reset_index(drop=True)
    panda = pandas_result[columns].reset_index(drop=True)
    if len(duck) != len(panda):
        return False
    for column in columns:
        a, b = duck[column], panda[column]
        if pd.api.types.is_numeric_dtype(a) and pd.api.types.is_numeric_dtype(b):
            a, b = a.astype(float).to_numpy(), b.astype(float).to_numpy()
            if not np.allclose(a, b, rtol=0, atol=1e-9, equal_nan=True):
                return False
        elif pd.api.types.is_datetime64_any_dtype(a) or pd.api.types.is_datetime64_any_dtype(b):
            if not (pd.to_datetime(a).reset_index(drop=True) == pd.to_datetime(b).reset_index(drop=True)).all():
                return False
        elif a.astype(object).where(a.notna(), None).tolist() != b.astype(object).where(b.notna(), None).tolist():
            return False
    return True
