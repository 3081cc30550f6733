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


# Excel number formats (Danish Excel shows them as 1.234, 12,5, 34 %).
COUNT, DAYS, SHARE, DATE = "#,##0", "0.0", "0%", "dd.mm.yyyy"
COUNT_CHANGE, DAYS_CHANGE = "+#,##0;-#,##0;0", "+0.0;-0.0;0.0"
POINTS_CHANGE = '+0.0" pct.-point";-0.0" pct.-point";0.0" pct.-point"'


def formatted_workbook(sheets: dict[str, tuple[pd.DataFrame, dict[str, str]]], frozen_columns: int = 1) -> bytes:
    """An XLSX file of tables that reads well in Danish Excel: a number format
    on every numeric column (`formats`: header -> format, or a list of one
    format per row where the rows are different figures; a change of a share
    is stored as its pct.-points), columns as wide as their
    longest cell, the header row bold and frozen (and the first column, by
    `frozen_columns`), every text cell inert and no cell a formula."""
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, (frame, _) in sheets.items():
            inert.frame(frame).to_excel(writer, sheet_name=name[:31], index=False)
        book = writer.book
        for (name, (frame, formats)), sheet in zip(sheets.items(), book.worksheets):
            for index, header in enumerate(frame.columns, start=1):
                letter = get_column_letter(index)
                cells = sheet[letter][1:]
                if header in formats:
                    wanted = formats[header]
                    for row, c in enumerate(cells):
                        if isinstance(c.value, (int, float)) or hasattr(c.value, "year"):
                            c.number_format = wanted[row] if isinstance(wanted, list) else wanted
                        else:
                            c.alignment = Alignment(horizontal="right")
                wanted = formats.get(header)
                longest = max([len(str(header))] + [len(_shown_width(c.value, wanted[row] if isinstance(wanted, list) else wanted))
                                                    for row, c in enumerate(cells)])
                sheet.column_dimensions[letter].width = min(70, longest + 3)
                if longest > 70:
                    for c in cells:
                        c.alignment = Alignment(wrap_text=True, vertical="top")
            for c in sheet[1]:
                c.font = Font(bold=True)
                c.alignment = Alignment(wrap_text=True, vertical="bottom")
            sheet.freeze_panes = sheet.cell(row=2, column=1 + (frozen_columns if len(frame.columns) > 2 else 0))
        inert.xlsx_book(book)
    return buffer.getvalue()


def _shown_width(value, number_format: str | None) -> str:
    if value is None:
        return ""
    if hasattr(value, "year"):
        return "00.00.0000"
    if isinstance(value, float) and number_format == SHARE:
        return "100 %"
    if isinstance(value, float):
        return f"{value:,.1f}" + (" pct.-point" if number_format == POINTS_CHANGE else "")
    return str(value)


def meeting_xlsx(material: meeting.Material, k: int, *, as_of: str, demo: bool) -> bytes:
    """The dialogue meeting's material as Excel: a first sheet saying what it
    is, then one sheet per table, Danish headers, numbers as numbers with
    Danish formats, small numbers hidden as in the handouts."""
    labels = material.labels
    now, previous, year_before = material.periods
    about = pd.DataFrame([
        ("Materiale", "Dialogmøde"), ("Forvaltning", material.department),
        ("Halvår", now.label), ("Sammenlignet med", f"{previous.label} og {year_before.label}"),
        ("Organisering", "Forvaltninger som organiseret i dag" if material.org_view == "today"
         else "Forvaltninger som registreret"),
        ("Henvendelser", "Kun egentlige henvendelser (uden dem uden for kompetence)" if material.proper_only
         else "Alle henvendelser"),
        ("Data pr.", as_of), ("Demodata", "Ja: syntetiske tal, ingen rigtige borgere" if demo else "Nej"),
        ("Små tal", f"Tal under {k}, og tal de kan regnes ud fra, vises ikke: {disclosure.FOOTNOTE}."),
    ], columns=["Om materialet", ""])
    sheets = {"Om materialet": (about, {})}
    if material.agreed is not None and not material.agreed.empty:
        rows = meeting.follow_up_rows(material, k)
        follow = pd.DataFrame({
            "Aftale": [r["what"] for r in rows], "Afdeling": [r["unit"] for r in rows], "Tal": [r["figure"] for r in rows],
            "Status": [r["status"] for r in rows], "Opfølgning": [r["follow_up_on"].date() for r in rows],
            "Aftalt om": [r["agreed_in"] for r in rows],
            "Tal dengang": [_excel_value(r["before"], r["figure_key"]) for r in rows],
            f"Tal {now.label}": [_excel_value(r["now"], r["figure_key"]) for r in rows]})
        value_formats = [_value_format(r["figure_key"]) for r in rows]
        sheets["Opfølgning på aftaler"] = (follow, {"Opfølgning": DATE, "Tal dengang": value_formats,
                                                     f"Tal {now.label}": value_formats})
    key_columns = ["Nøgletal", *(labels[c] for c in meeting.KEY_COLUMNS)]
    key = pd.DataFrame(meeting.key_figure_values(material, k), columns=key_columns)
    value_formats = [SHARE if d == "share" else DAYS if d else COUNT for _, _, d, _ in meeting.KEY_FIGURES]
    change_formats = [POINTS_CHANGE if d == "share" else DAYS_CHANGE if d else COUNT_CHANGE for _, _, d, _ in meeting.KEY_FIGURES]
    key_formats = {c: value_formats for c in key_columns[1:4]} | {c: change_formats for c in key_columns[4:]}
    for row, (_, _, decimals, _) in zip(key.index, meeting.KEY_FIGURES):
        for column in key_columns[1:]:
            if decimals == "share" and isinstance(key.at[row, column], float):
                key.at[row, column] = key.at[row, column] * (100 if "Ændring" in column else 1)
    sheets["Nøgletal"] = (key, key_formats)
    for figure, (name, decimals, _) in meeting.FIGURES.items():
        table = meeting.protected_table(material, figure, k)
        value = SHARE if decimals == "share" else DAYS if decimals else COUNT
        change = POINTS_CHANGE if decimals == "share" else DAYS_CHANGE if decimals else COUNT_CHANGE
        if decimals == "share":  # pct.-points as numbers of points
            for column in (labels["change"], labels["change_year"]):
                table[column] = [v * 100 if isinstance(v, float) else v for v in table[column]]
        sheets[name.replace(" (dage)", "")[:31]] = (table, {labels[p]: value for p in meeting.PERIODS}
                                                    | {labels["change"]: change, labels["change_year"]: change})
    for frame, column, header, sheet in ((material.types, "inquiry_type", "Type", "Henvendelsestyper"),
                                         (material.topics[0], "topic", "Emne", "Emner")):
        p = disclosure.protect(frame, ["registrations"], k=k, depends={"share": ["registrations"]})
        table = frame.astype(object).mask(p.hidden != "", p.hidden.map(lambda r: disclosure.HIDDEN if r else ""))[
            [column, "registrations", "share"]].rename(columns={column: header, "registrations": "Registreringer", "share": "Andel"})
        sheets[sheet] = (table, {"Registreringer": COUNT, "Andel": SHARE})
    top, rest = material.ranked(k)
    sheets["Punkter til drøftelse"] = (pd.DataFrame({
        "Nr.": range(1, len(top) + len(rest) + 1), "Punkt": [p.text for p in top + rest],
        "Hvor": ["Punkter til drøftelse"] * len(top) + ["Øvrige bevægelser"] * len(rest)}), {"Nr.": COUNT})
    events = material.events.assign(starts_on=[d.date() for d in material.events["starts_on"]],
                                     ends_on=[d.date() for d in material.events["ends_on"]])
    sheets["Begivenheder"] = (events.rename(columns={"starts_on": "Fra", "ends_on": "Til", "label": "Begivenhed",
                                                     "description": "Beskrivelse"}), {"Fra": DATE, "Til": DATE})
    return formatted_workbook(sheets)


def _excel_value(value, figure: str):
    """A followed-up figure for Excel: a number, or "·" for a hidden one."""
    return value if isinstance(value, str) or value is None else float(value)


def _value_format(figure: str) -> str:
    decimals = meeting.FIGURES[figure][1]
    return SHARE if decimals == "share" else DAYS if decimals else COUNT
