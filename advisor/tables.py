"""Display tables: query results laid out as the reports lay them out."""

import pandas as pd

from advisor import fmt

TOTAL_ROWS = ("I alt", "Gennemsnit")


def year_by_month(monthly: pd.DataFrame, yearly: pd.DataFrame | None = None, *, value: str = "registrations",
                  total: str = "registrations", average: str = "monthly_average") -> pd.DataFrame:
    """Months as rows (Januar ... December), one column per year, then with
    `yearly` the rows "I alt" and "Gennemsnit". Numbers stay numbers; months
    the office was not open are missing."""
    table = monthly.pivot(index="month", columns="year", values=value).reindex(range(1, 13))
    table.index = fmt.MONTHS
    if yearly is not None:
        per_year = yearly.set_index("year").reindex(table.columns)
        table.loc["I alt"] = per_year[total]
        table.loc["Gennemsnit"] = per_year[average]
    table.columns = [str(year) for year in table.columns]
    return table.rename_axis("Måned").reset_index()


def formatted(table: pd.DataFrame, signed: bool = False) -> pd.DataFrame:
    """The year table in Danish numbers: whole numbers, the average with two decimals."""
    rows = [
        [label, *(fmt.number(v, 2 if label == "Gennemsnit" else 0, signed) for v in values)]
        for label, *values in table.itertuples(index=False)
    ]
    return pd.DataFrame(rows, columns=table.columns)
