"""Tables as files: CSV for Danish Excel, and XLSX."""

import io

import pandas as pd


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """Semicolon-separated with decimal comma and a BOM, as Danish Excel opens it."""
    return frame.to_csv(index=False, sep=";", decimal=",").encode("utf-8-sig")


def xlsx_bytes(frame: pd.DataFrame, sheet: str) -> bytes:
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        frame.to_excel(writer, sheet_name=sheet[:31], index=False)
    return buffer.getvalue()
