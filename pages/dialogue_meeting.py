"""Dialogmøde: a department's half-year per unit, for the meeting with its leaders."""

import streamlit as st

from advisor import export, filters, inert, loader, material as handout, meeting, periods, ui

first, last = filters.data_span()
ui.page("Dialogmøde")

departments = filters.options("department")
halves = periods.options("half", first, last)
default_half = meeting.default_half(last).key
# Side by side where there is room, under each other where there is not.
left = middle = right = st.container(horizontal=True, gap="medium")
department = left.selectbox(
    "Forvaltning", departments, key="moede_forvaltning", bind="query-params", width=300,
    index=departments.index("Borger & Arbejdsmarked") if "Borger & Arbejdsmarked" in departments else 0,
)
half = periods.parse(middle.selectbox(
    "Halvår", halves, format_func=lambda k: periods.parse(k).label, key="moede_halvaar", bind="query-params", width=220,
    index=halves.index(default_half) if default_half in halves else 0,
)).up_to(last)
org_view = right.radio("Organisering", list(filters.ORG_VIEWS), format_func=filters.ORG_VIEWS.get, index=1,
                       key="moede_organisering", bind="query-params", horizontal=True, width="content")
proper_only = st.toggle("Kun egentlige henvendelser", value=True, key="moede_egentlige", bind="query-params",
                        help="Som beretningerne: alle henvendelser undtagen dem uden for borgerrådgiverens kompetence.")
presenting = st.toggle("Præsentation (til projektor)", key="praesentation")

material = meeting.collect(loader.load, department, half, org_view, filters.scope(), proper_only)
if filters.no_data(material.units[0]):
    st.stop()
chosen, units, key_figures, topics, labels = (
    material.periods, material.units, material.key_figures, material.topics, material.labels)
k = filters.who().k
as_of, demo_data = handout.data_as_of(loader.load("data_status"))
what = {"tabel": "dialogmøde", "forvaltning": department, "halvår": half.key}
# The meeting's own choices, not the sidebar's filters, in the audit log.
shown_for = f"{department} · {half.label} · {filters.ORG_VIEWS[org_view].lower()}"
ui.viewed("Dialogmøde", shown_for + (" · kun egentlige henvendelser" if proper_only else ""))
pdf_button = pptx_button = xlsx_button = st.container(horizontal=True)
ui.download("PDF", lambda: handout.pdf(material, k, as_of=as_of, demo=demo_data), f"dialogmoede-{half.key}.pdf",
            "application/pdf", what, pdf_button)
ui.download("PowerPoint", lambda: handout.pptx(material, k, as_of=as_of, demo=demo_data), f"dialogmoede-{half.key}.pptx",
            "application/vnd.openxmlformats-officedocument.presentationml.presentation", what, pptx_button)
ui.download("Excel", lambda: export.meeting_xlsx(material, k), f"dialogmoede-{half.key}.xlsx", ui.XLSX, what, xlsx_button)


def overview() -> None:
    now, before = key_figures
    over = {"basis": (now.citizens, before.citizens)}
    count = {"count": True}
    st.caption(f"{department} · {half.label}, sammenlignet med {chosen[1].label}")
    ui.metrics([
        ("Registreringer", now.registrations, before.registrations, 0, "off", count),
        ("Borgere", now.citizens, before.citizens, 0, "off", count),
        ("Klager", now.complaints, before.complaints, 0, "off", count),
        ("Mediantid til første svar (dage)", now.median_days_to_answer, before.median_days_to_answer, 1, "inverse", over),
        ("Borgere med flere henvendelser", now.repeat_share, before.repeat_share, "share", "inverse",
         over | {"part": (now.repeat_citizens, before.repeat_citizens)}),
        ("Borgere med gener ved skift", now.citizens_with_trouble, before.citizens_with_trouble, 0, "inverse", count),
    ])


def unit_table(figure: str) -> None:
    name, decimals, _ = meeting.FIGURES[figure]
    table = meeting.compare(*units, figure)
    periods_shown = list(meeting.PERIODS) + ["change"]
    protect = meeting.protection(figure)
    st.markdown(f"**{name}**")
    ui.table(table, {"unit": "Afdeling"} | {p: labels[p] for p in periods_shown}, f"dialogmoede-{figure}",
             {p: decimals for p in meeting.PERIODS} | {"change": decimals if decimals == "share" else f"+{decimals}"},
             protect=protect, shown_for=shown_for)


def themes() -> dict:
    return {
        "Overblik": overview,
        "Registreringer og borgere": lambda: [unit_table(f) for f in ("registrations", "citizens", "first_contacts")],
        "Klager og sagsbehandlerskift": lambda: [unit_table(f) for f in ("complaints", "citizens_with_trouble")],
        "Ventetider": lambda: [unit_table(f) for f in ("median_days_to_answer", "median_days_to_meeting")],
        "Gentagne henvendelser": lambda: unit_table("repeat_share"),
        "Typer og emner": types_and_topics,
        "Punkter til drøftelse": discussion,
        "Begivenheder": lambda: ui.events(material.events),
    }


def types_and_topics() -> None:
    one_count = {"counts": ["registrations"], "depends": {"share": ["registrations"]}}
    st.markdown("**Henvendelsestyper**")
    ui.table(material.types, {"inquiry_type": "Type", "registrations": "Registreringer", "share": "Andel"},
             "dialogmoede-typer", {"registrations": 0, "share": "share"}, protect=one_count, shown_for=shown_for)
    st.markdown("**Emner**")
    ui.table(topics[0], {"topic": "Emne", "registrations": "Registreringer", "share": "Andel"},
             "dialogmoede-emner", {"registrations": 0, "share": "share"}, protect=one_count, shown_for=shown_for)


def discussion() -> None:
    found = material.points(k)
    st.caption("Afdelinger og emner, hvor et tal har flyttet sig mindst 30 % mod forrige halvår eller samme halvår "
               "året før, og hvor begge tal bygger på mindst 5 borgere (ventetider: også mindst 2 dage).")
    for point in found or ["Ingen tal har flyttet sig så meget, at de er med her."]:
        st.markdown(f"- {inert.markdown(point)}")  # a topic's name is shown as written, never as Markdown


screens = themes()
if presenting:
    st.html("<style>[data-testid='stSidebar'], [data-testid='stSidebarCollapsedControl'] {display: none}"
            " [data-testid='stMain'] {font-size: 1.35rem}</style>")
    names = list(screens)
    index = st.session_state.setdefault("slide", 0) % len(names)
    back, where, forward = st.columns([1, 4, 1])
    back.button("Forrige", icon=":material/arrow_back:", on_click=lambda: st.session_state.update(slide=index - 1))
    where.markdown(f"### {names[index]}  \n{index + 1} af {len(names)} · {department} · {half.label}")
    forward.button("Næste", icon=":material/arrow_forward:", on_click=lambda: st.session_state.update(slide=index + 1))
    screens[names[index]]()
else:
    for name, draw in screens.items():
        st.subheader(name)
        draw()
