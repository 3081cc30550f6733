"""Beretning: the statistics section of the adviser's annual report to the city
council, as a draft to download (Word, PDF, Markdown) and edit."""

import pandas as pd
import streamlit as st

from advisor import filters, inert, loader, material, report, ui

first, last = filters.data_span()
ui.page("Beretning", "Statistikken til borgerrådgiverens årlige beretning til byrådet – et udkast til at redigere videre i.")
if not loader.load("data_status").iloc[0]["registrations"]:
    st.info("Der er ingen registreringer endnu, så der er ingen beretning at skrive. Importér borgerrådgiverens "
            "log på siden Data.", icon=":material/database:")
    st.stop()
years = list(range(last.year, first.year - 1, -1))
year = st.selectbox("År", years, index=years.index(last.year - 1) if last.year - 1 in years else 0, key="beretning_aar",
                    bind="query-params", width=200)
as_of, demo_data = material.data_as_of(loader.load("data_status"))
draft = report.collect(loader.load, year, filters.who().k, as_of=as_of, demo=demo_data)
st.caption(f"Beretningen er offentlig: tal under {draft.k}, og tal de kan regnes ud fra, vises ikke "
           f"({report.disclosure.FOOTNOTE}) – også for borgerrådgiveren. Tallene i teksten er afrundet med "
           "knap/godt/ca. (se Begreber); tabellerne har de præcise tal.")
what = {"tabel": "beretning", "år": year}
buttons = st.container(horizontal=True)
ui.download("Word", lambda: report.docx(draft), f"beretning-{year}.docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document", what, buttons)
ui.download("PDF", lambda: report.pdf(draft), f"beretning-{year}.pdf", "application/pdf", what, buttons)
ui.download("Markdown", lambda: report.markdown(draft).encode(), f"beretning-{year}.md", "text/markdown", what, buttons)

for part in report.sections(draft):
    st.header(part.title)
    for paragraph in part.paragraphs:
        st.markdown(inert.markdown(paragraph))
    if part.chart:
        ui.chart(part.chart | {"width": "container"})
    if part.rows:
        header, *body = part.rows
        shown = pd.DataFrame(body, columns=[h or " " for h in header])
        ui.grid(shown, list(shown.columns[1:]), emphasised=("I alt", "Gennemsnit"))
    st.caption(report.WRITE_HERE + " – her skriver borgerrådgiveren sin egen tekst i Word-filen.")
