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
H3 = ParagraphStyle("h3", parent=TEXT, fontName="Vera-Bold", fontSize=11.5, leading=15, spaceBefore=8, spaceAfter=4)
TITLE = ParagraphStyle("titel", parent=H1, fontSize=20, leading=25, spaceAfter=4)
DEFINITIONS = [
    "Registreringer tæller hver henvendelse; borgere tæller hver borger én gang pr. afdeling i halvåret.",
    "Ventetid: kalenderdage fra modtagelse til første svar og til møde (median).",
    "Andel med flere henvendelser: borgere med mere end én registrering om afdelingen i halvåret.",
    "Forvaltninger som organiseret i dag: Familierådgivningen tælles under Borger & Arbejdsmarked, også før 2019.",
    "Kun egentlige henvendelser: alle undtagen dem uden for borgerrådgiverens kompetence (som i beretningerne).",
    "Små tal: antal under 5, og tal de kan regnes ud fra, vises ikke: " + disclosure.FOOTNOTE + ".",
    "Punkter til drøftelse: tal, der har flyttet sig mindst 30 % mod forrige halvår eller samme halvår året før, "
    "når begge tal bygger på mindst 5 borgere (ventetider: også mindst 2 dage). De vægtes efter ændringens "
    "størrelse mod begge halvår gange kvadratroden af antallet af borgere nu; de fem tungeste står først.",
]


# The dot plots' legend in words (charts.HALF_STYLES).
HALVES = ("Sorte cirkler: {now}. Grå firkanter: {previous}. Åbne trekanter: {year_before}. "
          "Tallet for enden af hver række er tallet nu.")


def _show(value, places, signed: bool = False, points: bool = False) -> str:
    """A figure as text: a hidden one's label, a share in per cent, a change of a share in pct.-point."""
    if isinstance(value, str):
        return value
    if value is None or pd.isna(value):
        return "–"
    if places == "share":
        return fmt.points(value, 1) if points else fmt.percent(value)
    return fmt.number(value, places, signed) or "–"


def key_figure_rows(material: meeting.Material, k: int) -> list[list[str]]:
    """The headline figures as text: now, the half-year before, a year earlier,
    and the changes against both, small numbers hidden."""
    decimals = [d for _, _, d, _ in meeting.KEY_FIGURES]
    return [[name, *(_show(v, places) for v in values[:3]), *(_show(v, places, True, True) for v in values[3:])]
            for (name, *values), places in zip(meeting.key_figure_values(material, k), decimals)]


def key_header(material: meeting.Material) -> list[str]:
    return ["", *(material.labels[c] for c in meeting.KEY_COLUMNS)]


def unit_rows(material: meeting.Material, figure: str, k: int) -> list[list[str]]:
    """A comparison table as text: the header, then a row per unit: the
    three half-years and the changes against the half-year before and a year
    earlier (pct.-point for shares)."""
    _, decimals, _ = meeting.FIGURES[figure]
    table = meeting.protected_table(material, figure, k)
    body = [[row[0], *(_show(v, decimals) for v in row[1:4]), *(_show(v, decimals, True, True) for v in row[4:6])]
            for row in table.itertuples(index=False)]
    return [list(table.columns)] + body


def follow_up_table(material: meeting.Material, k: int) -> list[list[str]]:
    """The agreements followed up, as text rows with a header."""
    rows = meeting.follow_up_rows(material, k)
    agreed_in = list(dict.fromkeys(r["agreed_in"] for r in rows))
    one = len(agreed_in) == 1
    header = ["Aftale", "Afdeling: tal", "Status", agreed_in[0] if one else "Dengang", material.labels["now"]]
    return [header] + [[r["what"], f"{r['unit']}: {r['figure'].lower()}" + ("" if one else f" (aftalt om {r['agreed_in']})"),
                        r["status"],
                        _show(r["before"], meeting.FIGURES[r["figure_key"]][1]),
                        _show(r["now"], meeting.FIGURES[r["figure_key"]][1])] for r in rows]


def chart_png(material: meeting.Material, figure: str, k: int, width: int = 560) -> bytes:
    """A figure's dot plot, as on the page, small numbers hidden; rows a little tighter than on screen."""
    rows = len(set(meeting.chart_rows(material, figure, k)["unit"]))
    spec = meeting.chart_spec(material, figure, k, height=max(100, 24 * rows)) | {"width": width}
    return vl_convert.vegalite_to_png(charts.to_json(spec), scale=2)


def _table(rows: list[list[str]], widths: list[float], wrap: tuple[int, ...] = (0,), size: float = 9) -> Table:
    """A table whose columns in `wrap` wrap their text (long unit names, agreements)."""
    cell = ParagraphStyle("celle", parent=TEXT, fontSize=size, leading=size * 1.3)
    head = ParagraphStyle("hoved", parent=cell, fontName="Vera-Bold")
    body = [[Paragraph(inert.pdf(v), head if r == 0 else cell) if c in wrap or r == 0 and c == 0 else
             Paragraph(inert.pdf(v), ParagraphStyle("tal", parent=head if r == 0 else cell, alignment=2))
             for c, v in enumerate(row)] for r, row in enumerate(rows)]
    table = Table(body, colWidths=[w * cm for w in widths], repeatRows=1)
    table.setStyle(TableStyle([
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eef1f6")),
        ("LINEBELOW", (0, 0), (-1, -1), 0.3, colors.HexColor("#cccccc")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]))
    return table


def _points(found: list, style=TEXT, numbered: bool = True) -> list:
    return [Paragraph(inert.pdf(f"{i}. {p.text}" if numbered else f"• {p.text}"), style) for i, p in enumerate(found, 1)]


def pdf(material: meeting.Material, k: int, *, as_of: str, demo: bool) -> bytes:
    """The handout: the meeting on its first page (key figures against both
    half-years, the five points, the follow-up of agreements), then a page
    per theme with its charts and tables, types and topics, the other moves
    and events, and the definitions at the end."""
    buffer = io.BytesIO()
    title = f"Dialogmøde: {material.department}"
    labels = material.labels

    def page_number(canvas, doc):
        canvas.setFont("Vera", 8)
        canvas.drawRightString(A4[0] - 2 * cm, 1.2 * cm, f"Side {doc.page}")
        canvas.drawString(2 * cm, 1.2 * cm, f"{title} · {material.half.label}" + (" · DEMODATA" if demo else ""))

    view = "som organiseret i dag" if material.org_view == "today" else "som registreret"
    counted = "kun egentlige henvendelser" if material.proper_only else "alle henvendelser"
    story = [Paragraph(inert.pdf(title), TITLE),
             Paragraph(inert.pdf(f"{material.half.label}, sammenlignet med {labels['previous']} og "
                                 f"{labels['year_before']}"), H2),
             Paragraph(inert.pdf(f"Data pr. {as_of}. Forvaltninger {view}; {counted}. Tal under {k}, og tal de kan "
                                 f"regnes ud fra, vises ikke ({disclosure.FOOTNOTE})."), SMALL)]
    if demo:
        story.append(Paragraph(inert.pdf("DEMODATA: tallene er syntetiske og handler ikke om rigtige borgere."), H3))
    story += [Paragraph("Nøgletal", H3),
              _table([key_header(material), *key_figure_rows(material, k)], [4.6, 2.1, 2.1, 2.1, 3.0, 3.0], size=8.5)]
    top, rest = material.ranked(k)
    story += [Paragraph("Punkter til drøftelse", H3),
              *(_points(top) or [Paragraph("Ingen tal har flyttet sig så meget, at de er med her.", TEXT)])]
    if material.agreed is not None and not material.agreed.empty:
        story += [Paragraph("Opfølgning på aftaler", H3),
                  _table(follow_up_table(material, k), [5.4, 4.4, 2.3, 2.2, 2.6], wrap=(0, 1, 2), size=8.5)]
    for name, figures in meeting.THEMES.items():
        story.append(PageBreak())
        story.append(Paragraph(inert.pdf(name), H2))
        story.append(Paragraph(inert.pdf(HALVES.format(**labels)), SMALL))
        for figure in figures:
            png = chart_png(material, figure, k)
            picture = Image(io.BytesIO(png), width=15.5 * cm, height=15.5 * cm * _ratio(png))
            story.append(KeepTogether([Paragraph(inert.pdf(meeting.FIGURES[figure][0]), H3), picture, Spacer(1, 0.2 * cm),
                                       _table(unit_rows(material, figure, k), [4.9, 2.1, 2.1, 2.1, 2.8, 2.8], size=8)]))
    story.append(PageBreak())
    story.append(Paragraph("Typer og emner", H2))
    story.append(Table([[_table(meeting.protected_counts(material.types, "inquiry_type", "Type", k), [5.0, 2.6]),
                         _table(meeting.protected_counts(material.topics[0], "topic", "Emne", k), [5.6, 2.6])]],
                       colWidths=[8.2 * cm, 8.6 * cm], style=[("VALIGN", (0, 0), (-1, -1), "TOP")]))
    if rest:
        story += [Paragraph("Øvrige bevægelser", H2), *_points(rest, SMALL, numbered=False)]
    events = [f"• {fmt.date(e.starts_on)}: {e.label}. {e.description or ''}" for e in material.events.itertuples()]
    story += [Paragraph("Begivenheder i halvåret", H2),
              *[Paragraph(inert.pdf(e), TEXT) for e in events or ["Ingen registrerede begivenheder."]]]
    story.append(KeepTogether([Paragraph("Begreber", H2), *[Paragraph(inert.pdf(d), SMALL) for d in DEFINITIONS]]))

    SimpleDocTemplate(buffer, pagesize=A4, title=f"{title} · {material.half.label}", author="Borgerrådgiveren",
                      subject="Materiale til dialogmødet", lang="da-DK", leftMargin=2 * cm, rightMargin=2 * cm,
                      topMargin=1.6 * cm, bottomMargin=2 * cm).build(story, onFirstPage=page_number,
                                                                     onLaterPages=page_number)
    return buffer.getvalue()


def _ratio(png: bytes) -> float:
    from PIL import Image as Picture

    width, height = Picture.open(io.BytesIO(png)).size
    return height / width


def pptx(material: meeting.Material, k: int, *, as_of: str, demo: bool) -> bytes:
    """The slides: title, follow-up of agreements, key figures, the five points,
    one slide per theme with native (editable) PowerPoint charts, types and
    topics, events."""
    from pptx.chart.data import CategoryChartData
    from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
    from pptx.dml.color import RGBColor

    deck = Presentation()
    deck.slide_width, deck.slide_height = Inches(13.333), Inches(7.5)  # 16:9
    title_layout, only_title, bullets = deck.slide_layouts[0], deck.slide_layouts[5], deck.slide_layouts[1]
    labels = material.labels

    def titled(layout, title: str):
        """A slide whose title (an editable placeholder) spans the 16:9 width."""
        slide = deck.slides.add_slide(layout)
        slide.shapes.title.text = title
        slide.shapes.title.left, slide.shapes.title.top = Inches(0.6), Inches(0.25)
        slide.shapes.title.width, slide.shapes.title.height = Inches(12.1), Inches(0.9)
        slide.shapes.title.text_frame.paragraphs[0].font.size = Pt(34)
        return slide

    def describe(shape, text: str) -> None:
        """Alt text, read by screen readers (PowerPoint's "Beskrivelse")."""
        shape._element.xpath("./*[1]/p:cNvPr")[0].set("descr", text)

    slide = titled(title_layout, f"Dialogmøde: {material.department}")
    slide.shapes.title.top, slide.shapes.title.height = Inches(2.2), Inches(1.5)
    subtitle = slide.placeholders[1]
    subtitle.left, subtitle.top, subtitle.width, subtitle.height = Inches(0.6), Inches(3.9), Inches(12.1), Inches(1.5)
    subtitle.text = (f"{material.half.label}, sammenlignet med {labels['previous']} og {labels['year_before']}"
                     f" · data pr. {as_of}" + ("\nDEMODATA: syntetiske tal" if demo else ""))

    def table_slide(title: str, rows: list[list[str]], widths: list[float], size: int = 16):
        slide = titled(only_title, title)
        shape = slide.shapes.add_table(len(rows), len(rows[0]), Inches(0.6), Inches(1.35), Inches(sum(widths)),
                                       Inches(0.4 * len(rows)))
        for c, width in enumerate(widths):
            shape.table.columns[c].width = Inches(width)
        numeric = [c > 0 and all(_numeric(row[c]) for row in rows[1:]) for c in range(len(rows[0]))]
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                cell = shape.table.cell(r, c)
                cell.text = str(value)
                paragraph = cell.text_frame.paragraphs[0]
                paragraph.font.size = Pt(size)
                paragraph.alignment = PP_ALIGN.RIGHT if numeric[c] else PP_ALIGN.LEFT
        describe(shape, f"Tabel: {title}")
        return slide

    def bullet_slide(title: str, lines: list[str], size: int = 20) -> None:
        slide = titled(bullets, title)
        body_shape = slide.placeholders[1]
        body_shape.left, body_shape.top, body_shape.width, body_shape.height = Inches(0.6), Inches(1.3), Inches(12.1), Inches(5.9)
        for i, line in enumerate(lines):
            paragraph = body_shape.text_frame.paragraphs[0] if i == 0 else body_shape.text_frame.add_paragraph()
            paragraph.text = line
            paragraph.font.size = Pt(size)

    if material.agreed is not None and not material.agreed.empty:
        table_slide("Opfølgning på aftaler", follow_up_table(material, k), [4.6, 4.0, 1.3, 1.1, 1.1], size=13)
    table_slide("Nøgletal", [key_header(material), *key_figure_rows(material, k)], [3.7, 1.6, 1.6, 1.6, 1.8, 1.8], size=15)
    top, rest = material.ranked(k)
    bullet_slide("Punkter til drøftelse", [f"{i}. {p.text}" for i, p in enumerate(top, 1)]
                 or ["Ingen tal har flyttet sig så meget, at de er med her."])

    half_colours = [RGBColor.from_string(c.lstrip("#")) for c, _, _ in charts.HALF_STYLES]
    for name, figures in meeting.THEMES.items():
        slide = titled(only_title, name)
        width = 12.1 / len(figures)
        for i, figure in enumerate(figures):
            figure_name, decimals, _ = meeting.FIGURES[figure]
            rows = meeting.chart_rows(material, figure, k)
            data = CategoryChartData(number_format="0%" if decimals == "share" else "0.0" if decimals else "0")
            order = list(dict.fromkeys(rows["unit"]))
            data.categories = list(reversed(order))  # a bar chart draws its first category at the bottom
            for half_name in (labels["year_before"], labels["previous"], labels["now"]):
                values = rows[rows["half"] == half_name].set_index("unit")["value"]
                scale = 100 if decimals == "share" else 1
                data.add_series(half_name, [None if pd.isna(values.get(u)) else values.get(u) / scale for u in reversed(order)])
            frame = slide.shapes.add_chart(XL_CHART_TYPE.BAR_CLUSTERED, Inches(0.5 + i * width), Inches(1.25),
                                           Inches(width - 0.1), Inches(6.0), data)
            chart = frame.chart
            chart.has_title = True
            chart.chart_title.text_frame.text = figure_name
            chart.chart_title.text_frame.paragraphs[0].font.size = Pt(16)
            chart.has_legend = True
            chart.legend.position = XL_LEGEND_POSITION.TOP
            chart.legend.include_in_layout = False
            chart.legend.font.size = Pt(12)
            chart.font.size = Pt(12)
            for series, colour in zip(chart.plots[0].series, reversed(half_colours)):
                series.format.fill.solid()
                series.format.fill.fore_color.rgb = colour
            chart.plots[0].gap_width = 60
            chart.value_axis.tick_labels.number_format = "0%" if decimals == "share" else "0"
            chart.value_axis.tick_labels.number_format_is_linked = False
            newest = chart.plots[0].series[-1]
            newest.data_labels.show_value = True
            newest.data_labels.font.size = Pt(11)
            newest.data_labels.number_format = "0%" if decimals == "share" else "0.0" if decimals else "0"
            newest.data_labels.number_format_is_linked = False
            describe(frame, meeting.chart_description(material, figure, rows))

    types = meeting.protected_counts(material.types, "inquiry_type", "Type", k)
    topics = meeting.protected_counts(material.topics[0], "topic", "Emne", k)[:11]
    slide = table_slide("Typer og emner", types, [4.2, 1.6], size=14)
    shape = slide.shapes.add_table(len(topics), 2, Inches(6.8), Inches(1.35), Inches(5.9), Inches(0.36 * len(topics)))
    shape.table.columns[0].width, shape.table.columns[1].width = Inches(4.3), Inches(1.6)
    for r, row in enumerate(topics):
        for c, value in enumerate(row):
            shape.table.cell(r, c).text = str(value)
            shape.table.cell(r, c).text_frame.paragraphs[0].font.size = Pt(13)
            shape.table.cell(r, c).text_frame.paragraphs[0].alignment = PP_ALIGN.RIGHT if c else PP_ALIGN.LEFT
    describe(shape, "Tabel: emner, de største")
    events = [f"{fmt.date(e.starts_on)}: {e.label}. {e.description or ''}" for e in material.events.itertuples()]
    bullet_slide("Begivenheder i halvåret", events or ["Ingen registrerede begivenheder i halvåret."], size=18)
    buffer = io.BytesIO()
    deck.save(buffer)
    return buffer.getvalue()


def _numeric(text: str) -> bool:
    return bool(text) and (text[0].isdigit() or text[0] in "+-·–")


data_as_of = meeting.data_as_of
