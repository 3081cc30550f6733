"""The statistics section of the adviser's annual report (*beretning*) to the
city council, as an editable draft: Word (python-docx, Word's own styles),
PDF and Markdown, from one collection of queries (like the meeting material).

The report is public, so the small-number rule applies whoever makes it.
Its text follows the published reports' order and wording; figures in prose
are approximated by one rule (`approx`), exact in the tables.
"""

import datetime as dt
import io
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from advisor import charts, disclosure, fmt, inert, tables

YEARS = 5  # the year table's columns: the report's year and up to four before
WRITE_HERE = "[Skriv her …]"


def approx(value) -> str:
    """A figure in words, as the reports write them: 33,8 -> "knap 34",
    34,2 -> "godt 34", 34 -> "34". Halves go up: 34,5 -> "knap 35"."""
    exact = fmt.exact(value)
    whole = int(fmt.rounded(exact))
    if exact == whole:
        return fmt.number(whole)
    return f"knap {fmt.number(whole)}" if exact < whole else f"godt {fmt.number(whole)}"


def about(share) -> str:
    """A share in words: 0,2512 -> "ca. 25 %"."""
    return f"ca. {fmt.percent(share)}"


@dataclass
class Report:
    year: int
    k: int
    key: pd.Series                 # key_figures for the year
    key_before: pd.Series | None   # ... and the year before (None when there were no registrations)
    year_table: pd.DataFrame       # months x years (tables.year_by_month), counts as numbers
    departments: pd.DataFrame      # by_department (1. gang), as registered in the year
    types: pd.DataFrame            # by_type, all registrations
    caseworker: pd.DataFrame       # caseworker_by_department
    caseworker_total: pd.DataFrame  # caseworker_summary for the year and the year before
    waiting: pd.DataFrame          # waiting_summary for the year and the year before
    meetings: pd.DataFrame         # agreements of meetings held in the year
    as_of: str
    demo: bool


def collect(run: Callable[..., pd.DataFrame], year: int, k: int, *, as_of: str, demo: bool) -> Report:
    """`run(query, **params)`: the app's cached loader or a plain connection."""
    def params(y: int) -> dict:
        return {"date_from": dt.date(y, 1, 1), "date_to": dt.date(y, 12, 31), "department": None, "units": None,
                "inquiry_type": None, "channel": None, "proper_only": False, "org_view": "registered",
                "departments": None, "target_days": 10}

    everything = params(year) | {"date_from": None, "date_to": None}
    monthly = run("monthly_registrations", **everything)
    yearly = run("yearly_registrations", **everything)
    years = sorted(y for y in set(monthly["year"]) if y <= year)[-YEARS:]
    table = tables.year_by_month(monthly[monthly["year"].isin(years)], yearly[yearly["year"].isin(years)])
    key = run("key_figures", **params(year)).iloc[0]
    before = run("key_figures", **params(year - 1)).iloc[0]
    meetings = run("agreements", department=None, departments=None)
    meetings = meetings[[d.year == year for d in pd.to_datetime(meetings["held_on"])]]
    return Report(
        year, k, key, before if before["registrations"] else None, table,
        departments=run("by_department", **params(year)), types=run("by_type", **params(year)),
        caseworker=run("caseworker_by_department", **params(year)),
        caseworker_total=pd.concat([run("caseworker_summary", **params(y)) for y in (year, year - 1)], ignore_index=True),
        waiting=pd.concat([run("waiting_summary", **params(y)) for y in (year, year - 1)], ignore_index=True),
        meetings=meetings, as_of=as_of, demo=demo)


def key_paragraph(report: Report) -> str:
    """ "Henvendelser i 2018" in the reports' own words, small numbers hidden."""
    key, k = report.key, report.k
    if disclosure.is_small(key["citizens"], k) or disclosure.is_small(key["registrations"], k):
        return (f"Der er i {report.year} færre end {k} borgere, der har henvendt sig til borgerrådgiveren; tallene "
                "vises ikke af hensyn til borgernes anonymitet.")
    months = int(key["months"])
    text = (f"Der er i {report.year} {fmt.number(key['citizens'])} borgere, der har henvendt sig til "
            f"borgerrådgiveren. Nogle borgere har henvendt sig mere end én gang, og der er derfor registreret "
            f"{fmt.number(key['registrations'])} henvendelser i alt. Det betyder, at der i gennemsnit har været "
            f"{approx(fmt.exact(key['citizens']) / months)} nye borgerhenvendelser i måneden og "
            f"{approx(fmt.exact(key['registrations']) / months)} registreringer om måneden.")
    if not disclosure.protect_value(None, k, basis=key["citizens"], part=key["repeat_citizens"]):
        text += f" {about(key['repeat_share']).capitalize()} af borgerne har henvendt sig mere end én gang"
        before = report.key_before
        if before is not None and not disclosure.protect_value(None, k, basis=before["citizens"],
                                                                part=before["repeat_citizens"]):
            now, then = fmt.rounded(key["repeat_share"] * 100), fmt.rounded(before["repeat_share"] * 100)
            change = "et fald" if now < then else "en stigning" if now > then else "det samme"
            text += (f", hvilket er {change} siden {report.year - 1}, hvor det var {about(before['repeat_share'])}"
                     if change != "det samme" else f", som i {report.year - 1}")
        text += "."
    return text


def year_rows(report: Report) -> list[list[str]]:
    """The year x month table as text: "I alt" and "Gennemsnit" over the months
    the office had registrations, small month counts hidden within each year."""
    table = report.year_table
    years = list(table.columns[1:])
    shown = tables.formatted(table)
    months = table.iloc[:12]
    p = disclosure.protect(months, years, k=report.k)
    for year in years:
        for i in range(12):
            if p.hidden.at[i, year]:
                shown.at[i, year] = disclosure.HIDDEN
        if disclosure.is_small(table[year].iloc[12], report.k):
            shown.loc[12:, year] = disclosure.HIDDEN
    shown = shown.fillna("")
    return [["", *years], *[[str(v) for v in row] for row in shown.itertuples(index=False)]]


def count_rows(frame: pd.DataFrame, label: str, header: str, count: str, share: str | None, k: int) -> list[list[str]]:
    """A table of counts (and shares) with a total, small numbers hidden."""
    p = disclosure.protect(frame, [count], k=k, depends={share: [count]} if share else None)
    rows = [[header, "Antal", *(["Andel"] if share else [])]]
    for i, row in frame.reset_index(drop=True).iterrows():
        hidden = p.hidden.at[i, count]
        rows.append([str(row[label]), disclosure.HIDDEN if hidden else fmt.number(row[count]),
                     *([disclosure.HIDDEN if hidden else fmt.percent(row[share])] if share else [])])
    total = frame[count].sum()
    rows.append(["I alt", disclosure.HIDDEN if disclosure.is_small(total, k) else fmt.number(total),
                 *(["100 %"] if share else [])])
    return rows


def caseworker_rows(report: Report) -> list[list[str]]:
    frame, k = report.caseworker, report.k
    p = disclosure.protect(frame, ["citizens_asked", "citizens_with_trouble"], k=k)
    rows = [["Forvaltning", "Borgere spurgt", "Borgere med gener ved skift"]]
    for i, row in frame.reset_index(drop=True).iterrows():
        rows.append([row["department"], *(disclosure.HIDDEN if p.hidden.at[i, c] else fmt.number(row[c])
                                          for c in ("citizens_asked", "citizens_with_trouble"))])
    return rows


def waiting_rows(report: Report) -> list[list[str]]:
    """Waiting times to the first answer and to a meeting (median, 90 %), the year against the year before."""
    rows = [["Kalenderdage", str(report.year), str(report.year - 1)]]
    for name, column, base in [("Til første svar, median", "median_days_to_answer", "answered"),
                               ("Til første svar, 90 %", "p90_days_to_answer", "answered"),
                               ("Til møde, median", "median_days_to_meeting", "meetings"),
                               ("Til møde, 90 %", "p90_days_to_meeting", "meetings")]:
        cells = []
        for _, row in report.waiting.iterrows():
            hidden = disclosure.protect_value(None, report.k, basis=row[base])
            cells.append(disclosure.HIDDEN if hidden else (fmt.number(row[column], 1) or "–"))
        rows.append([name, *cells])
    return rows


def caseworker_paragraph(report: Report) -> str:
    now = report.caseworker_total.iloc[0]
    k = report.k
    if disclosure.is_small(now["citizens_asked"], k):
        return "Der er spurgt for få borgere om sagsbehandlerskift til at vise tallene."
    trouble = now["citizens_with_trouble"]
    shown = "færre end fem" if disclosure.is_small(trouble, k) else fmt.number(trouble)
    text = (f"Borgerrådgiveren har i {report.year} spurgt {fmt.number(now['citizens_asked'])} borgere om skift af "
            f"sagsbehandler det seneste år; {shown} af dem fortalte om gener ved et skift.")
    before = report.caseworker_total.iloc[1]
    if not (disclosure.is_small(before["citizens_asked"], k) or disclosure.is_small(before["citizens_with_trouble"], k)) \
            and before["citizens_asked"]:
        text += (f" I {report.year - 1} var det {fmt.number(before['citizens_asked'])} spurgte og "
                 f"{fmt.number(before['citizens_with_trouble'])} med gener.")
    return text


def meeting_rows(report: Report) -> list[list[str]]:
    held = report.meetings.drop_duplicates("meeting_id")
    return [["Dato", "Forvaltning", "Afdelinger til stede", "Aftaler"]] + [
        [fmt.short_date(m.held_on), m.department, m.units_present,
         str(int((report.meetings["meeting_id"] == m.meeting_id).sum()))] for m in held.itertuples()]


@dataclass
class Section:
    title: str
    paragraphs: list[str]
    rows: list[list[str]] | None = None
    chart: dict | None = None          # a Vega-Lite spec
    chart_text: str = ""               # its alt text


def sections(report: Report) -> list[Section]:
    """The statistics section in the reports' order."""
    year = report.year
    departments = report.departments[["department", "first_contacts", "first_contacts_share"]]
    types = report.types
    found = [
        Section(f"Henvendelser i {year}", [key_paragraph(report)]),
        Section("Udviklingen i antal henvendelser",
                [f"Registreringer pr. måned {report.year_table.columns[1]}–{year}. Gennemsnittet er pr. måned, hvor "
                 "borgerrådgiveren har haft registreringer."], year_rows(report)),
        Section("Fordeling på forvaltninger (1. gang)",
                [f"Hver borgers første henvendelse i {year}, fordelt på den forvaltning, den handlede om. "
                 f"Forvaltninger som registreret i {year}."],
                count_rows(departments, "department", "Forvaltning", "first_contacts", "first_contacts_share", report.k),
                _bars(departments, "department", "first_contacts_share", "Andel af borgere (1. gang)", report.k,
                      "first_contacts")),
        Section("Henvendelsestype (alle henv.)", [f"Alle registreringer i {year} efter type."],
                count_rows(types, "inquiry_type", "Henvendelsestype", "registrations", "share", report.k),
                _bars(types, "inquiry_type", "share", "Andel af registreringer", report.k, "registrations")),
        Section("Sagsbehandlerskift", [caseworker_paragraph(report)], caseworker_rows(report)),
        Section("Ventetider", [f"Kalenderdage fra modtagelse til borgerrådgiverens første svar og til et møde, "
                               f"{year} mod {year - 1}."], waiting_rows(report)),
        Section(f"Dialogmøder i {year}",
                [f"Borgerrådgiveren har i {year} holdt dialogmøder med disse forvaltninger:"]
                if not report.meetings.empty else [f"Der er ikke registreret dialogmøder i {year}."],
                meeting_rows(report) if not report.meetings.empty else None),
    ]
    for section in found:
        if section.chart:
            section.chart_text = section.chart.get("description", "")
    return found


def _bars(frame: pd.DataFrame, category: str, share: str, title: str, k: int, count: str) -> dict:
    p = disclosure.protect(frame, [count], k=k, depends={share: [count]})
    labels = p.hidden[share].map(lambda r: disclosure.HIDDEN if r else "")
    shown = frame.assign(**{share: p.data[share].fillna(0)}, hidden_label=labels)
    return charts.bars(shown, category, share, category_title="", value_title=title, percent=True) | {"width": 600}


def _png(spec: dict) -> bytes:
    import vl_convert

    return vl_convert.vegalite_to_png(charts.to_json(spec), scale=2)


TITLE = "Borgerrådgiverens beretning {year}: statistik"


def markdown(report: Report) -> str:
    lines = [f"# {TITLE.format(year=report.year)}", "",
             f"Udkast lavet af borgerrådgiverens dashboard. Data pr. {report.as_of}. "
             f"Tal under {report.k} vises ikke ({disclosure.FOOTNOTE})." + (" DEMODATA." if report.demo else ""), ""]
    for section in sections(report):
        lines += [f"## {section.title}", ""]
        lines += [inert.markdown(p) for p in section.paragraphs] + [""]
        if section.rows:
            header, *body = section.rows
            lines.append("| " + " | ".join(inert.markdown(h) or " " for h in header) + " |")
            lines.append("|" + "|".join(["---"] + ["---:"] * (len(header) - 1)) + "|")
            lines += ["| " + " | ".join(inert.markdown(c) for c in row) + " |" for row in body]
            lines.append("")
        lines += [WRITE_HERE, ""]
    return "\n".join(lines)


def docx(report: Report) -> bytes:
    """A Word draft: Word's built-in styles (Overskrift 1/2 = Heading 1/2,
    Normal, a table style), real tables, charts as pictures with alt text,
    page numbers and the year in the header."""
    from docx import Document
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    document = Document()
    document.core_properties.title = TITLE.format(year=report.year)
    document.core_properties.language = "da-DK"
    document.styles["Normal"].font.size = Pt(11)
    defaults = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = defaults.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        defaults.append(lang)
    lang.set(qn("w:val"), "da-DK")  # Danish spelling and reading in every style
    section = document.sections[0]
    header = section.header.paragraphs[0]
    header.text = f"Borgerrådgiverens beretning {report.year}" + (" · DEMODATA" if report.demo else "")
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    footer.add_run("Side ")
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        run = footer.add_run()
        if kind:
            field = OxmlElement("w:fldChar")
            field.set(qn("w:fldCharType"), kind)
            run._r.append(field)
        else:
            instruction = OxmlElement("w:instrText")
            instruction.set(qn("xml:space"), "preserve")
            instruction.text = text
            run._r.append(instruction)
    document.add_heading(TITLE.format(year=report.year), level=1)
    document.add_paragraph(f"Udkast lavet af borgerrådgiverens dashboard. Data pr. {report.as_of}. Tal under "
                           f"{report.k} vises ikke ({disclosure.FOOTNOTE})." + (" DEMODATA." if report.demo else ""))
    for part in sections(report):
        document.add_heading(part.title, level=2)
        for paragraph in part.paragraphs:
            document.add_paragraph(paragraph)
        if part.chart:
            document.add_picture(io.BytesIO(_png(part.chart)), width=Cm(15))
            picture = document.inline_shapes[-1]
            picture._inline.docPr.set("descr", part.chart_text)
            picture._inline.docPr.set("title", part.title)
        if part.rows:
            header, *body = part.rows
            table = document.add_table(rows=1, cols=len(header))
            table.style = "Light Grid Accent 1"
            table.alignment = WD_TABLE_ALIGNMENT.CENTER
            for cell, text in zip(table.rows[0].cells, header):
                cell.text = text
            for row in body:
                cells = table.add_row().cells
                for i, (cell, text) in enumerate(zip(cells, row)):
                    cell.text = text
                    if i:
                        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
        marker = document.add_paragraph()
        marker.add_run(WRITE_HERE).italic = True
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def pdf(report: Report) -> bytes:
    """The same draft as PDF (for reading; the Word file is the one to edit)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import cm
    from reportlab.platypus import Image, KeepTogether, Paragraph, SimpleDocTemplate, Spacer

    from advisor.material import H2, SMALL, TEXT, TITLE as TITLE_STYLE, _ratio, _table

    buffer = io.BytesIO()
    title = TITLE.format(year=report.year)

    def page_number(canvas, doc):
        canvas.setFont("Vera", 8)
        canvas.drawRightString(A4[0] - 2 * cm, 1.2 * cm, f"Side {doc.page}")
        canvas.drawString(2 * cm, A4[1] - 1.2 * cm, f"Borgerrådgiverens beretning {report.year}"
                          + (" · DEMODATA" if report.demo else ""))

    story = [Paragraph(inert.pdf(title), TITLE_STYLE),
             Paragraph(inert.pdf(f"Udkast lavet af borgerrådgiverens dashboard. Data pr. {report.as_of}. Tal under "
                                 f"{report.k} vises ikke ({disclosure.FOOTNOTE})." + (" DEMODATA." if report.demo else "")),
                       SMALL)]
    for part in sections(report):
        block = [Paragraph(inert.pdf(part.title), H2), *[Paragraph(inert.pdf(p), TEXT) for p in part.paragraphs]]
        if part.chart:
            png = _png(part.chart)
            block += [Spacer(1, 0.2 * cm), Image(io.BytesIO(png), width=15 * cm, height=15 * cm * _ratio(png))]
        if part.rows:
            width = 17.0 / len(part.rows[0])
            first = max(width, 4.5) if len(part.rows[0]) > 2 else 9.0
            rest = (17.0 - first) / (len(part.rows[0]) - 1)
            block += [Spacer(1, 0.2 * cm), _table(part.rows, [first] + [rest] * (len(part.rows[0]) - 1), size=8.5)]
        block.append(Paragraph(inert.pdf(WRITE_HERE), SMALL))
        story.append(KeepTogether(block))
    SimpleDocTemplate(buffer, pagesize=A4, title=title, author="Borgerrådgiveren", lang="da-DK",
                      leftMargin=2 * cm, rightMargin=2 * cm, topMargin=2 * cm,
                      bottomMargin=2 * cm).build(story, onFirstPage=page_number, onLaterPages=page_number)
    return buffer.getvalue()
