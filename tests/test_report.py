"""The annual report's statistics, written by the app: the published 2017 and
2018 figures reproduced on the demo, the approximation words at their edges,
every format, the small-number rule, the page."""

import csv
import datetime as dt
from fractions import Fraction

import pytest

from advisor import db, queries, report

SENTENCES_2018 = [
    "Der er i 2018 406 borgere, der har henvendt sig til borgerrådgiveren.",
    "der er derfor registreret 657 henvendelser i alt.",
    "i gennemsnit har været knap 34 nye borgerhenvendelser i måneden og knap 55 registreringer om måneden.",
    "Ca. 25 % af borgerne har henvendt sig mere end én gang, hvilket er et fald siden 2017, hvor det var ca. 33 %.",
]


@pytest.mark.parametrize(("value", "words"), [
    (Fraction(338, 10), "knap 34"), (Fraction(342, 10), "godt 34"), (34, "34"), (Fraction(335, 10), "knap 34"),
    (Fraction(345, 10), "knap 35"), (Fraction(406, 12), "knap 34"), (Fraction(657, 12), "knap 55"),
    (Fraction(12344, 10), "godt 1.234"), (0.5, "knap 1"),
])
def test_the_approximation_words_at_their_edges(value, words):
    assert report.approx(value) == words


def test_shares_in_words():
    assert report.about(Fraction(102, 406)) == "ca. 25 %" and report.about(Fraction(121, 366)) == "ca. 33 %"


def made(database, year: int, k: int = 5) -> report.Report:
    with queries.connect(database) as con:
        return report.collect(lambda name, **p: queries.run(con, name, p), year, k, as_of="31. dec. 2019", demo=True)


def published() -> dict[tuple[int, int], int]:
    with open(db.DATA / "published_monthly.csv") as f:
        return {(int(r["year"]), int(r["month"])): int(r["registrations"]) for r in csv.DictReader(f)}


def test_2018_on_the_demo_reproduces_the_published_paragraph_and_year_table(demo_db):
    draft = made(demo_db, 2018)
    paragraph = report.key_paragraph(draft)
    for sentence in SENTENCES_2018:
        assert sentence in paragraph
    header, *rows = report.year_rows(draft)
    assert header == ["", "2014", "2015", "2016", "2017", "2018"]
    numbers = published()
    for month, row in enumerate(rows[:12], start=1):
        for year, cell in zip(range(2014, 2019), row[1:]):
            assert cell == (str(numbers[(year, month)]) if (year, month) in numbers else ""), (year, month)
    assert rows[12] == ["I alt", "258", "487", "509", "573", "657"]
    assert rows[13][:2] == ["Gennemsnit", "32,25"] and rows[13][-1] == "54,75"


def test_2017_says_ca_33_percent(demo_db):
    paragraph = report.key_paragraph(made(demo_db, 2017))
    assert "Der er i 2017 366 borgere" in paragraph and "registreret 573 henvendelser i alt" in paragraph
    assert "Ca. 33 % af borgerne har henvendt sig mere end én gang" in paragraph


def test_the_word_draft_uses_words_own_styles_and_holds_the_figures(demo_db, tmp_path):
    from docx import Document

    from advisor.__main__ import main

    out = tmp_path / "beretning.docx"
    assert main(["report", "--year", "2018", "--format", "docx", "--out", str(out), "--db", str(demo_db)]) == 0
    document = Document(out)
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings == ["Borgerrådgiverens beretning 2018: statistik", "Henvendelser i 2018",
                        "Udviklingen i antal henvendelser", "Fordeling på forvaltninger (1. gang)",
                        "Henvendelsestype (alle henv.)", "Sagsbehandlerskift", "Ventetider", "Dialogmøder i 2018"]
    assert {p.style.name for p in document.paragraphs if p.style.name.startswith("Heading")} == {"Heading 1", "Heading 2"}
    text = "\n".join(p.text for p in document.paragraphs)
    for sentence in SENTENCES_2018:
        assert sentence in text
    assert text.count(report.WRITE_HERE) == 7
    year_table = document.tables[0]
    cells = [[c.text for c in row.cells] for row in year_table.rows]
    assert cells[0] == ["", "2014", "2015", "2016", "2017", "2018"] and cells[13] == ["I alt", "258", "487", "509", "573", "657"]
    numbers = published()  # every month cell is the published figure
    assert [row[1:] for row in cells[1:13]] == [
        [str(numbers[(year, month)]) if (year, month) in numbers else "" for year in range(2014, 2019)]
        for month in range(1, 13)]
    assert cells[14] == ["Gennemsnit", "32,25", "40,58", "42,42", "47,75", "54,75"]
    assert year_table.style.name == "Light Grid Accent 1"
    pictures = document.inline_shapes
    assert len(pictures) == 2 and all(p._inline.docPr.get("descr").startswith("Søjlediagram: ") for p in pictures)
    assert "2018" in document.sections[0].header.paragraphs[0].text
    assert "PAGE" in document.sections[0].footer._element.xml  # page numbers
    # The demo meeting was held in 2019: none in 2018.
    assert "Der er ikke registreret dialogmøder i 2018." in text


def test_the_pdf_and_markdown_drafts(demo_db, tmp_path):
    from pypdf import PdfReader

    from advisor.__main__ import main

    pdf, md = tmp_path / "b.pdf", tmp_path / "b.md"
    assert main(["report", "--year", "2018", "--format", "pdf", "--out", str(pdf), "--db", str(demo_db)]) == 0
    assert main(["report", "--year", "2018", "--format", "md", "--out", str(md), "--db", str(demo_db)]) == 0
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(pdf).pages).split())
    for sentence in SENTENCES_2018:
        assert sentence in text
    markdown = md.read_text()
    assert "| I alt | 258 | 487 | 509 | 573 | 657 |" in markdown and "| Gennemsnit | 32,25 |" in markdown
    assert "I alt 258 487 509 573 657" in text and "Januar 50 50 51 66" in text  # the PDF's year table


def test_caseworker_changes_against_the_year_before(demo_db):
    with queries.connect(demo_db) as con:
        run = lambda name, **p: queries.run(con, name, p)  # noqa: E731
        base = {"department": None, "units": None, "inquiry_type": None, "channel": None, "proper_only": False,
                "org_view": "registered", "departments": None}
        years = [run("caseworker_summary", date_from=dt.date(y, 1, 1), date_to=dt.date(y, 12, 31), **base).iloc[0]
                 for y in (2018, 2017)]
    text = report.caseworker_paragraph(made(demo_db, 2018))
    assert text == (f"Borgerrådgiveren har i 2018 spurgt {int(years[0].citizens_asked)} borgere om skift af sagsbehandler det "
                    f"seneste år; {int(years[0].citizens_with_trouble)} af dem fortalte om gener ved et skift. I 2017 var det "
                    f"{int(years[1].citizens_asked)} spurgte og {int(years[1].citizens_with_trouble)} med gener.")


def test_2019_lists_the_dialogue_meeting_held_that_year(demo_db):
    draft = made(demo_db, 2019)
    meetings = next(s for s in report.sections(draft) if s.title == "Dialogmøder i 2019")
    assert meetings.rows[1][:2] == ["14.02.2019", "Borger & Arbejdsmarked"] and meetings.rows[1][3] == "3"


def test_no_count_below_k_in_the_public_report(tiny_db):
    draft = made(tiny_db, 2018)
    small = {"1", "2", "3", "4"}
    for section in report.sections(draft):
        for row in (section.rows or [])[1:]:
            assert not small & set(row[1:]), (section.title, row)
    assert "Der er i 2018 6 borgere" in report.key_paragraph(draft)  # 6 is not small for k = 5
    assert "færre end 10 borgere" in report.key_paragraph(made(tiny_db, 2018, k=10))


def test_a_year_without_data_is_refused_in_danish(demo_db, tmp_path, capsys):
    from advisor.__main__ import main

    assert main(["report", "--year", "2030", "--format", "md", "--out", str(tmp_path / "x.md"), "--db", str(demo_db)]) == 2
    assert "Der er ingen registreringer i 2030; data findes for 2014–2019." in capsys.readouterr().err


def test_the_page_shows_the_draft_to_the_adviser_only(app, demo_db):
    at = app(demo_db, "pages/annual_report.py", query={"beretning_aar": "2018"})
    assert not at.exception
    assert [h.value for h in at.header][:2] == ["Henvendelser i 2018", "Udviklingen i antal henvendelser"]
    assert any(SENTENCES_2018[0] in m.value for m in at.markdown)
    from test_access import LEADER_BA

    leader = app(demo_db, user=LEADER_BA)
    with pytest.raises(ValueError):
        leader.switch_page("pages/annual_report.py")
