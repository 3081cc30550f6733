"""Tables as files: CSV for Danish Excel, and XLSX."""

import io

import pandas as pd

from advisor import disclosure, inert, meeting


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """Semicolon-separated with decimal comma and a BOM, as Danish Excel
    opens it; every text cell inert (advisor/inert.py)."""
    # Lines end in CR LF, as Excel writes them: then a cell holding a CR or
    # LF is quoted, and cannot start a row of its own.
    return inert.frame(frame).to_csv(index=False, sep=";", decimal=",", lineterminator="\r\n").encode("utf-8-sig")


def xlsx_bytes(frame: pd.DataFrame, sheet: str) -> bytes:
    return workbook({sheet: frame})


def workbook(sheets: dict[str, pd.DataFrame]) -> bytes:
    """An XLSX file with one sheet per table; every text cell inert and no cell a formula."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for sheet, frame in sheets.items():
            inert.frame(frame).to_excel(writer, sheet_name=sheet[:31], index=False)
        inert.xlsx_book(writer.book)
    return buffer.getvalue()


def meeting_xlsx(material: meeting.Material, k: int) -> bytes:
    """The dialogue meeting's material as Excel: one sheet per table, Danish
    headers, numbers as numbers, small numbers hidden as on the page."""
    overview = meeting.key_figure_values(material, k)
    sheets = {"Overblik": pd.DataFrame(overview, columns=["Nøgletal", material.labels["now"], material.labels["previous"]])}
    for figure, (name, _, _) in meeting.FIGURES.items():
        sheets[name.replace(" (dage)", "")[:31]] = meeting.protected_table(material, figure, k)
    for frame, column, header, sheet in ((material.types, "inquiry_type", "Type", "Henvendelsestyper"),
                                         (material.topics[0], "topic", "Emne", "Emner")):
        p = disclosure.protect(frame, ["registrations"], k=k, depends={"share": ["registrations"]})
        sheets[sheet] = frame.astype(object).mask(p.hidden != "", p.hidden.map(lambda r: p.label(r) if r else ""))[
            [column, "registrations", "share"]].rename(columns={column: header, "registrations": "Registreringer", "share": "Andel"})
    sheets["Punkter til drøftelse"] = pd.DataFrame({"Punkt": material.points(k)})
    sheets["Begivenheder"] = material.events.rename(columns={"starts_on": "Fra", "ends_on": "Til", "label": "Begivenhed",
                                                             "description": "Beskrivelse"})
    return workbook(sheets)
