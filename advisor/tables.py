"""Display tables: query results laid out as the reports lay them out."""

import pandas as pd

from advisor import fmt

TOTAL_ROWS = ("I alt", "Gennemsnit")


def year_by_month(monthly: pd.DataFrame, yearly: pd.DataFrame | None = None, *, value: str = "registrations",
                  total: str = "registrations", average: str = "monthly_average") -> pd.DataFrame:
    """Months as rows (Januar ... December), one column per year, then with
    `yearly` the rows "I alt" and "Gennemsnit". Numbers stay numbers; months
    the office was not open are missing. (Built from plain lists: pandas'
    pivot cost several milliseconds a table on every rerun.)"""
    years = sorted(set(monthly["year"].tolist()))
    values = monthly[value].astype("float64").tolist()  # a missing value (NA) as NaN
    cells = {(y, m): v for y, m, v in zip(monthly["year"].tolist(), monthly["month"].tolist(), values)}
    columns = {str(y): [cells.get((y, m), float("nan")) for m in range(1, 13)] for y in years}
    labels = list(fmt.MONTHS)
    if yearly is not None:
        per_year = {y: (t, a) for y, t, a in zip(yearly["year"].tolist(), yearly[total].astype("float64").tolist(),
                                                 yearly[average].astype("float64").tolist())}
        for y in years:
            t, a = per_year.get(y, (float("nan"), float("nan")))
            columns[str(y)] += [t, a]
        labels += ["I alt", "Gennemsnit"]
    return pd.DataFrame({"Måned": labels, **{y: pd.Series(v, dtype="float64") for y, v in columns.items()}})


def formatted(table: pd.DataFrame, signed: bool = False) -> pd.DataFrame:
    """The year table in Danish numbers: whole numbers, the average with two decimals."""
    rows = [
        [label, *(fmt.number(v, 2 if label == "Gennemsnit" else 0, signed) for v in values)]
        for label, *values in table.itertuples(index=False)
    ]
    return pd.DataFrame(rows, columns=table.columns)
