"""Display tables: query results laid out as the reports lay them out."""

import pandas as pd

from advisor import fmt


def year_by_month(monthly: pd.DataFrame, yearly: pd.DataFrame) -> pd.DataFrame:
    """Months as rows, one column per year, then "I alt" and "Gennemsnit".

    Months the office was not open stay blank, as in the reports.
    """
    counts = monthly.pivot(index="month", columns="year", values="registrations").reindex(range(1, 13))
    totals = yearly.set_index("year").reindex(counts.columns)
    rows = [[fmt.MONTHS[m - 1], *map(fmt.number, counts.loc[m])] for m in counts.index]
    rows.append(["I alt", *map(fmt.number, totals["registrations"])])
    rows.append(["Gennemsnit", *(fmt.number(v, 2) for v in totals["monthly_average"])])
    return pd.DataFrame(rows, columns=["Måned", *map(str, counts.columns)])


TOTAL_ROWS = ("I alt", "Gennemsnit")


def emphasise_totals(table: pd.DataFrame):
    """Bold, shaded "I alt" and "Gennemsnit" rows, as in the reports."""
    style = "font-weight: bold; background-color: #eef1f6"
    return table.style.apply(
        lambda row: [style if row.iloc[0] in TOTAL_ROWS else ""] * len(row), axis=1
    )
