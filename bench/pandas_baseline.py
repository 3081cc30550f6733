"""The baseline: the pages' heaviest aggregations done as a typical Streamlit
app does them, with pandas over a DataFrame read once from Parquet.

Each function takes the DataFrame and the same filters as the query of the
same name, and returns the columns that query returns for them; run.py checks
that the two agree before it compares their times, so the comparison is of
the same work.
"""

import pandas as pd

COLUMNS = ["inquiry_id", "citizen_key", "received_on", "department", "unit", "inquiry_type", "channel",
           "first_answer_on", "meeting_on"]


def read(parquet) -> pd.DataFrame:
    frame = pd.read_parquet(parquet, columns=COLUMNS)
    for column in ("received_on", "first_answer_on", "meeting_on"):
        frame[column] = pd.to_datetime(frame[column])
    return frame


def _selected(frame: pd.DataFrame, p: dict, *, whole_time: bool = False) -> pd.DataFrame:
    mask = pd.Series(True, index=frame.index)
    if not whole_time:
        mask &= (frame["received_on"] >= pd.Timestamp(p["date_from"])) & (frame["received_on"] <= pd.Timestamp(p["date_to"]))
    if p["department"] is not None:
        mask &= frame["department"] == p["department"]
    return frame[mask]


def yearly_registrations(frame, p):
    selected = _selected(frame, p, whole_time=True)
    years = selected.groupby(selected["received_on"].dt.year).agg(
        registrations=("inquiry_id", "size"), citizens=("citizen_key", "nunique"))
    return years.rename_axis("year").reset_index()


def repeat_by_year(frame, p):
    selected = _selected(frame, p, whole_time=True)
    per_citizen = selected.groupby([selected["received_on"].dt.year.rename("year"), "citizen_key"]).size()
    years = per_citizen.groupby(level="year").agg(citizens="size", repeat_citizens=lambda n: int((n > 1).sum()))
    return years.reset_index()


def by_department(frame, p):
    selected = _selected(frame, p)
    registrations = selected.groupby("department").size().rename("registrations")
    firsts = selected.sort_values(["received_on", "inquiry_id"]).drop_duplicates("citizen_key")
    first_contacts = firsts.groupby("department").size().rename("first_contacts")
    out = pd.concat([registrations, first_contacts], axis=1).fillna(0).astype(int).reset_index()
    return out.sort_values(["registrations", "department"], ascending=[False, True])


def monthly_registrations(frame, p):
    selected = _selected(frame, p)
    months = selected["received_on"].dt.to_period("M")
    registrations = selected.groupby(months).size().rename("registrations")
    firsts = selected.groupby([selected["received_on"].dt.year, "citizen_key"])["received_on"].min()
    new_citizens = firsts.groupby(firsts.dt.to_period("M")).size().rename("new_citizens")
    out = pd.concat([registrations, new_citizens], axis=1).fillna(0).astype(int)
    return out.rename_axis("month").reset_index()


def waiting_summary(frame, p):
    selected = _selected(frame, p)
    to_answer = (selected["first_answer_on"] - selected["received_on"]).dt.days
    to_meeting = (selected["meeting_on"] - selected["received_on"]).dt.days
    return pd.DataFrame([{
        "registrations": len(selected), "answered": int(to_answer.count()),
        "median_days_to_answer": float(to_answer.median()), "meetings": int(to_meeting.count()),
        "median_days_to_meeting": float(to_meeting.median()),
    }])


def filter_options(frame, p):
    return frame[["department", "unit", "inquiry_type", "channel"]].drop_duplicates()


BASELINES = {
    "yearly_registrations": yearly_registrations,
    "repeat_by_year": repeat_by_year,
    "by_department": by_department,
    "monthly_registrations": monthly_registrations,
    "waiting_summary": waiting_summary,
}


def same_answer(name: str, pandas_result: pd.DataFrame, duckdb_result: pd.DataFrame) -> bool:
    """True when pandas computed the figures the query shows."""
    if name == "monthly_registrations":
        duck = duckdb_result[["registrations", "new_citizens"]].reset_index(drop=True)
        # The query shows the period's months; pandas also counted the year before.
        panda = pandas_result.tail(len(duck))[["registrations", "new_citizens"]].reset_index(drop=True)
        return duck.astype(int).equals(panda.astype(int))
    columns = [c for c in pandas_result.columns if c in duckdb_result.columns]
    duck = duckdb_result[columns].reset_index(drop=True)
    panda = pandas_result[columns].reset_index(drop=True)
    return duck.astype(str).equals(panda.astype(str)) or all(
        (duck[c].astype(float) - panda[c].astype(float)).abs().max() < 1e-9 for c in columns if c != "department"
    )
