"""The dialogue meeting's material to hand out or show: PDF (A4) and
PowerPoint (16:9), from the same collection and the same protected tables as
the page (meeting.collect, meeting.protected_table), charts rendered from the
same Altair specs with vl-convert.
"""

import io
from pathlib import Path

import pandas as pd
import vl_convert
from pptx import Presentation
from pptx.enum.text import PP_ALIGN
from pptx.util import Inches, Pt
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Image, KeepTogether, PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

import reportlab
from advisor import charts, disclosure, fmt, inert, meeting

FONTS = Path(reportlab.__file__).parent / "fonts"
pdfmetrics.registerFont(TTFont("Vera", str(FONTS / "Vera.ttf")))  # æøå and dashes
pdfmetrics.registerFont(TTFont("Vera-Bold", str(FONTS / "VeraBd.ttf")))
TEXT = ParagraphStyle("tekst", fontName="Vera", fontSize=10, leading=14)
SMALL = ParagraphStyle("lille", parent=TEXT, fontSize=8.5, leading=11, textColor=colors.HexColor("#555555"))
H1 = ParagraphStyle("h1", parent=TEXT, fontName="Vera-Bold", fontSize=26, leading=32, spaceAfter=12)
H2 = ParagraphStyle("h2", parent=TEXT, fontName="Vera-Bold", fontSize=15, leading=20, spaceBefore=10, spaceAfter=6)
DEFINITIONS = [
    "Registreringer tæller hver henvendelse; borgere tæller hver borger én gang i halvåret.",
    "1. gang: hver borgers første henvendelse i halvåret, under den afdeling den handlede om.",
    "Ventetid: kalenderdage fra modtagelse til første svar og til møde (median).",
    "Forvaltninger som organiseret i dag: Familierådgivningen tælles under Borger & Arbejdsmarked, også før 2019.",
    "Små tal: antal fra 1 til 4 står som \"< 5\", og andre tal skjules (\"skjult\"), så de ikke kan regnes ud.",
    "Punkter til drøftelse: tal, der har flyttet sig mindst 30 % mod forrige halvår eller samme halvår året før, "
    "når begge tal bygger på mindst 5 borgere.",
]


def key_figure_rows(material: meeting.Material, k: int) -> list[list[str]]:
    """The headline figures as text, now and the half-year before, small numbers hidden."""
    decimals = [d for _, _, d, _ in meeting.KEY_FIGURES]

    def show(value, places) -> str:
        if isinstance(value, str):
            return value
        return (fmt.percent(value) if places == "share" else fmt.number(value, places)) or "–"

    return [[name, *(show(v, places) for v in values)]
            for (name, *values), places in zip(meeting.key_figure_values(material, k), decimals)]


def unit_rows(material: meeting.Material, figure: str, k: int) -> list[list[str]]:
    """A comparison table as text: the header, then a row per unit."""
    _, decimals, _ = meeting.FIGURES[figure]
    table = meeting.protected_table(material, figure, k)

    def show(value, signed=False):
        if isinstance(value, str):
            return value
        if decimals == "share":
            return fmt.percent(value)
        return fmt.number(value, decimals, signed) or "–"

    body = [[row[0], *(show(v) for v in row[1:4]), show(row[4], True)] for row in table.itertuples(index=False)]
    return [list(table.columns)] + body


def unit_chart_png(material: meeting.Material, k: int) -> bytes:
    """Registrations per unit in the half-year, as on the page (hidden bars labelled)."""
    now = material.units[0]
    p = disclosure.protect(now, ["registrations"], k=k)
    labels = p.hidden["registrations"].map(lambda r: p.label(r) if r else "")
    frame = now.assign(registrations=p.data["registrations"].fillna(0), hidden_label=labels)
    spec = charts.bars(frame, "unit", "registrations", category_title="", value_title="Registreringer") | {"width": 620}
    return vl_convert.vegalite_to_png(charts.to_json(spec), scale=2)


def _table(rows: list[list[str]], widths: list[float]) -> Table:
    table = Table(rows, colWidths=[w * cm for w in widths], repeatRows=1)
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), "Vera", 9),
        ("FONT", (0, 0), (-1, 0), "Vera-Bold", 9),
        ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eef1f6")),
        ("LINEBELOW", (0, 0), (-1, -1), 0.3, colors.HexColor("#cccccc")),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ]))
    return table


def pdf(material: meeting.Material, k: int, *, as_of: str, demo: bool) -> bytes:
    buffer = io.BytesIO()
    title = f"Dialogmøde: {material.department}"

    def page_number(canvas, doc):
        canvas.setFont("Vera", 8)
        canvas.drawRightString(A4[0] - 2 * cm, 1.2 * cm, f"Side {doc.page}")
        canvas.drawString(2 * cm, 1.2 * cm, f"{title} · {material.half.label}" + (" · DEMODATA" if demo else ""))

    story = [Spacer(1, 5 * cm), Paragraph(inert.pdf(title), H1),
             Paragraph(inert.pdf(f"{material.half.label}, sammenlignet med {material.labels['previous']} og "
                                 f"{material.labels['year_before']}"), H2),
             Paragraph(inert.pdf(f"Data pr. {as_of}. Forvaltninger {'som organiseret i dag' if material.org_view == 'today' else 'som registreret'}."), TEXT)]
    if demo:
        story.append(Paragraph(inert.pdf("DEMODATA: tallene er syntetiske og handler ikke om rigtige borgere."), H2))
    story += [Paragraph(inert.pdf("Borgerrådgiveren. Tal under 5, og tal de kan regnes ud fra, vises ikke: "
                                         + disclosure.FOOTNOTE + "."), SMALL), PageBreak()]

    chart = unit_chart_png(material, k)
    story.append(KeepTogether([Paragraph(inert.pdf("Nøgletal"), H2),
                               _table([["", material.labels["now"], material.labels["previous"]], *key_figure_rows(material, k)], [8, 4, 4]),
                               Spacer(1, 0.5 * cm), Paragraph(inert.pdf("Registreringer pr. afdeling"), H2),
                               Image(io.BytesIO(chart), width=16 * cm, height=16 * cm * _ratio(chart))]))
    for figure, (name, _, _) in meeting.FIGURES.items():
        story.append(KeepTogether([Paragraph(inert.pdf(name), H2), _table(unit_rows(material, figure, k), [6, 2.7, 2.7, 2.7, 2.2])]))
    story.append(KeepTogether([Paragraph(inert.pdf("Henvendelsestyper"), H2),
                               _table(meeting.protected_counts(material.types, "inquiry_type", "Type", k), [10, 4])]))
    story.append(KeepTogether([Paragraph(inert.pdf("Emner"), H2),
                               _table(meeting.protected_counts(material.topics[0], "topic", "Emne", k)[:13], [10, 4])]))
    points = material.points(k) or ["Ingen tal har flyttet sig så meget, at de er med her."]
    story.append(KeepTogether([Paragraph(inert.pdf("Punkter til drøftelse"), H2), *[Paragraph(inert.pdf(f"• {p}"), TEXT) for p in points]]))
    events = [f"• {e.label}: {e.description or ''}" for e in material.events.itertuples()] or ["Ingen."]
    story.append(KeepTogether([Paragraph(inert.pdf("Begivenheder i perioden"), H2), *[Paragraph(inert.pdf(e), TEXT) for e in events]]))
    story.append(KeepTogether([Paragraph(inert.pdf("Begreber"), H2), *[Paragraph(inert.pdf(d), SMALL) for d in DEFINITIONS]]))

    SimpleDocTemplate(buffer, pagesize=A4, title=title, author="Borgerrådgiveren", leftMargin=2 * cm, rightMargin=2 * cm,
                      topMargin=2 * cm, bottomMargin=2 * cm).build(story, onFirstPage=page_number, onLaterPages=page_number)
    return buffer.getvalue()


def _ratio(png: bytes) -> float:
    from PIL import Image as Picture

    width, height = Picture.open(io.BytesIO(png)).size
    return height / width


def pptx(material: meeting.Material, k: int, *, as_of: str, demo: bool) -> bytes:
    deck = Presentation()
    deck.slide_width, deck.slide_height = Inches(13.333), Inches(7.5)  # 16:9
    title_layout, only_title, bullets = deck.slide_layouts[0], deck.slide_layouts[5], deck.slide_layouts[1]

    def titled(layout, title: str):
        """A slide whose title (an editable placeholder) spans the 16:9 width."""
        slide = deck.slides.add_slide(layout)
        slide.shapes.title.text = title
        slide.shapes.title.left, slide.shapes.title.top = Inches(0.6), Inches(0.3)
        slide.shapes.title.width, slide.shapes.title.height = Inches(12.1), Inches(1.0)
        return slide

    slide = titled(title_layout, f"Dialogmøde: {material.department}")
    slide.shapes.title.top, slide.shapes.title.height = Inches(2.2), Inches(1.5)
    subtitle = slide.placeholders[1]
    subtitle.left, subtitle.top, subtitle.width, subtitle.height = Inches(0.6), Inches(3.9), Inches(12.1), Inches(1.5)
    subtitle.text = f"{material.half.label} · data pr. {as_of}" + ("\nDEMODATA: syntetiske tal" if demo else "")

    def table_slide(title: str, rows: list[list[str]]) -> None:
        slide = titled(only_title, title)
        size = Pt(16 if len(rows) < 10 else 13)
        shape = slide.shapes.add_table(len(rows), len(rows[0]), Inches(0.6), Inches(1.5), Inches(12.1), Inches(0.42 * len(rows)))
        shape.table.columns[0].width = Inches(4.6)
        for c in range(1, len(rows[0])):
            shape.table.columns[c].width = Inches(7.5 / (len(rows[0]) - 1))
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                cell = shape.table.cell(r, c)
                cell.text = str(value)
                paragraph = cell.text_frame.paragraphs[0]
                paragraph.font.size = size
                paragraph.alignment = PP_ALIGN.RIGHT if c else PP_ALIGN.LEFT

    table_slide("Nøgletal", [["", material.labels["now"], material.labels["previous"]], *key_figure_rows(material, k)])
    slide = titled(only_title, "Registreringer pr. afdeling")
    slide.shapes.add_picture(io.BytesIO(unit_chart_png(material, k)), Inches(0.8), Inches(1.5), width=Inches(11.7))
    for figure, (name, _, _) in meeting.FIGURES.items():
        table_slide(name, unit_rows(material, figure, k))
    table_slide("Henvendelsestyper", meeting.protected_counts(material.types, "inquiry_type", "Type", k))
    table_slide("Emner", meeting.protected_counts(material.topics[0], "topic", "Emne", k)[:13])
    slide = titled(bullets, "Punkter til drøftelse")
    body_shape = slide.placeholders[1]
    body_shape.left, body_shape.top, body_shape.width, body_shape.height = Inches(0.6), Inches(1.4), Inches(12.1), Inches(5.8)
    body = body_shape.text_frame
    found = material.points(k) or ["Ingen tal har flyttet sig så meget, at de er med her."]
    shown = found[:8] + ([f"… og {len(found) - 8} mere i PDF'en."] if len(found) > 8 else [])  # readable on a projector
    for i, point in enumerate(shown):
        paragraph = body.paragraphs[0] if i == 0 else body.add_paragraph()
        paragraph.text = point
        paragraph.font.size = Pt(18)
    buffer = io.BytesIO()
    deck.save(buffer)
    return buffer.getvalue()


def data_as_of(status: pd.DataFrame) -> tuple[str, bool]:
    row = status.iloc[0]
    return fmt.date(row["last_received_on"]), bool(row["is_demo"])
