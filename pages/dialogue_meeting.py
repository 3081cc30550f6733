"""Dialogmøde: a department's half-year per unit, for the meeting with its leaders,
on the screen or, in presentation mode, on a projector one slide at a time."""

import datetime as dt

import pandas as pd
import streamlit as st

from advisor import agreements, charts, export, filters, fmt, inert, loader, meeting, periods, ui


def handout():
    """The handouts' module, loaded when a handout is made: ReportLab and
    python-pptx take a tenth of a second to load, on the first page a server shows."""
    from advisor import material as handouts

    return handouts


first, last = filters.data_span()
presenting = bool(st.session_state.get("praesentation"))
ui.page("Dialogmøde", heading=not presenting)

departments = filters.options("department")
halves = periods.options("half", first, last)
default_half = meeting.default_half(last).key
# The meeting's own choices. In presentation mode they are hidden, not left
# out: a widget that is not drawn loses its value.
controls = st.container(key="moede-styring")
left = middle = right = controls.container(horizontal=True, gap="medium")
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
switches = controls.container(horizontal=True, gap="large")
proper_only = switches.toggle("Kun egentlige henvendelser", value=True, key="moede_egentlige", bind="query-params",
                              help="Som beretningerne: alle henvendelser undtagen dem uden for borgerrådgiverens kompetence.")
switches.toggle("Præsentation (til projektor)", key="praesentation",
                help="Ét emne ad gangen i fuld skærm. Skift med piletasterne eller Forrige/Næste; Esc afslutter.")

material = meeting.collect(loader.load, department, half, org_view, filters.scope(), proper_only,
                           prefetch=loader.prefetch)
if filters.no_data(material.units[0]):
    st.stop()
chosen, units, labels = material.periods, material.units, material.labels
who = filters.who()
writer = who.user or "uden login"  # who the adviser's writes are recorded as
k = who.k
guard = who.k if who.protected else None  # the page hides small numbers for leaders; handouts always
as_of, demo_data = meeting.data_as_of(loader.load("data_status"))
what = {"tabel": "dialogmøde", "forvaltning": department, "halvår": half.key}
# The meeting's own choices, not the sidebar's filters, in the audit log.
shown_for = f"{department} · {half.label} · {filters.ORG_VIEWS[org_view].lower()}"
ui.viewed("Dialogmøde", shown_for + (" · kun egentlige henvendelser" if proper_only else ""))
buttons = controls.container(horizontal=True)
ui.download("PDF", lambda: handout().pdf(material, k, as_of=as_of, demo=demo_data), f"dialogmoede-{half.key}.pdf",
            "application/pdf", what, buttons)
ui.download("PowerPoint", lambda: handout().pptx(material, k, as_of=as_of, demo=demo_data), f"dialogmoede-{half.key}.pptx",
            "application/vnd.openxmlformats-officedocument.presentationml.presentation", what, buttons)
ui.download("Excel", lambda: export.meeting_xlsx(material, k, as_of=as_of, demo=demo_data), f"dialogmoede-{half.key}.xlsx",
            ui.XLSX, what, buttons)
top, rest = material.ranked(k)
follow_up = meeting.follow_up_rows(material, guard)


def overview() -> None:
    now, before = material.key_figures[:2]
    over = {"basis": (now.citizens, before.citizens)}
    count = {"count": True}
    ui.metrics([
        ("Registreringer", now.registrations, before.registrations, 0, "off", count),
        ("Borgere", now.citizens, before.citizens, 0, "off", count),
        ("Klager", now.complaints, before.complaints, 0, "off", count),
        ("Mediantid til første svar (dage)", now.median_days_to_answer, before.median_days_to_answer, 1, "inverse", over),
        ("Borgere med flere henvendelser", now.repeat_share, before.repeat_share, "share", "inverse",
         over | {"part": (now.repeat_citizens, before.repeat_citizens)}),
        ("Borgere med gener ved skift", now.citizens_with_trouble, before.citizens_with_trouble, 0, "inverse", count),
    ], compared=f"mod {chosen[1].label}")


def follow_ups() -> None:
    """Each agreement of the meetings before, its status, and its figure then and now."""
    agreed_in = list(dict.fromkeys(r["agreed_in"] for r in follow_up))
    then = agreed_in[0] if len(agreed_in) == 1 else "Dengang"
    shown = pd.DataFrame({
        "Aftale": [r["what"] for r in follow_up],
        "Afdeling: tal": [f"{r['unit']}: {r['figure'].lower()}" + ("" if len(agreed_in) == 1 else f" (aftalt om {r['agreed_in']})")
                          for r in follow_up],
        "Status": [r["status"] for r in follow_up],
        then: [_value(r["before"], r["figure_key"]) for r in follow_up],
        half.label: [_value(r["now"], r["figure_key"]) for r in follow_up]})
    ui.grid(shown, [then, half.label])


def _value(value, figure: str) -> str:
    if value is None or isinstance(value, str):
        return value or "–"
    decimals = meeting.FIGURES[figure][1]
    return fmt.percent(value) if decimals == "share" else fmt.number(value, decimals) or "–"


def discussion() -> None:
    st.markdown("\n".join(f"{i}. {inert.markdown(p.text)}" for i, p in enumerate(top, 1))
                or "Ingen tal har flyttet sig så meget, at de er med her.")
    if not presenting:
        st.caption("De fem tal, der har flyttet sig mest, vægtet efter hvor mange borgere de bygger på (se Begreber).")
        if rest:
            st.expander(f"Øvrige bevægelser ({len(rest)})").markdown(
                "\n".join(f"- {inert.markdown(p.text)}" for p in rest))


def figure_chart(figure: str, where=st, height: int | None = None) -> None:
    """One chart of the units x the three half-years (small numbers left out for leaders)."""
    ui.chart(meeting.chart_spec(material, figure, guard, height), where)


def figure_table(figure: str, where=st) -> None:
    """The compact table beside the chart: the figure now and its change
    against the half-year before and a year earlier (pct.-point for shares);
    the earlier figures are in the chart, the downloads and the handouts."""
    decimals = meeting.FIGURES[figure][1]
    table = material.compared(figure)
    shown = ["now", "change", "change_year"]
    change = "points" if decimals == "share" else f"+{decimals}"
    ui.table(table, {"unit": "Afdeling"} | {c: labels[c] for c in shown}, f"dialogmoede-{figure}",
             {"now": decimals, "change": change, "change_year": change},
             protect=meeting.protection(figure), shown_for=shown_for, where=where)


def legend() -> str:
    """The chart's three half-years in words and the shapes they are drawn with."""
    return (f"● {labels['now']} · ■ {labels['previous']} · △ {labels['year_before']} – "
            "den fede værdi for enden er tallet nu.")


def theme(figures: list[str]) -> None:
    """A theme's figures, one tab each: the chart, and beside it (under it on a
    narrow screen) the compact table."""
    st.caption(legend())
    # Only the open tab is drawn; opening another reruns the page (from the cache), and the tab stays open.
    tabs = st.tabs([meeting.FIGURES[f][0] for f in figures], key="tema-" + "-".join(figures),
                   on_change="rerun")
    for figure, tab in zip(figures, tabs):
        if not tab.open:
            continue
        chart_side, table_side = ui.pair(f"moede-{figure}", where=tab)
        figure_chart(figure, chart_side)
        figure_table(figure, table_side)


def theme_slide(figures: list[str]) -> None:
    """A theme on one screen: its charts side by side, the values now written at each row's end."""
    st.caption(legend())
    sides = st.columns(len(figures), gap="large")
    for figure, side in zip(figures, sides):
        side.markdown(f"### {meeting.FIGURES[figure][0]}")
        ui.chart(charts.larger(meeting.chart_spec(material, figure, guard, height=min(400, 38 * len(units[0]) + 30))), side)


def types_and_topics() -> None:
    one_count = {"counts": ["registrations"], "depends": {"share": ["registrations"]}}
    types_side, topics_side = ui.pair("moede-typer")
    types_side.markdown("### Henvendelsestyper")
    ui.table(material.types, {"inquiry_type": "Type", "registrations": "Registreringer", "share": "Andel"},
             "dialogmoede-typer", {"registrations": 0, "share": "share"}, protect=one_count, shown_for=shown_for,
             where=types_side)
    topics_side.markdown("### Emner")
    ui.table(material.topics[0], {"topic": "Emne", "registrations": "Registreringer", "share": "Andel"},
             "dialogmoede-emner", {"registrations": 0, "share": "share"}, protect=one_count, shown_for=shown_for,
             where=topics_side)


def types_slide() -> None:
    one_count = {"counts": ["registrations"]}
    types_side, topics_side = st.columns(2)
    for frame, column, title, side in ((material.types, "inquiry_type", "Registreringer efter type", types_side),
                                       (material.topics[0].head(8), "topic", "Registreringer efter emne (de 8 største)",
                                        topics_side)):
        p = ui.guarded(frame, one_count)
        if p is not None:
            frame = frame.assign(registrations=p.data["registrations"].fillna(0), hidden_label=ui.labels(p)["registrations"])
        spec = charts.bars(frame, column, "registrations", category_title="", value_title=title)
        ui.chart(charts.larger(spec | {"height": min(spec["height"], 400)}), side)


FIGURE_NAMES = {name: figure for figure, (name, _, _) in meeting.FIGURES.items()}


def recorded() -> None:
    """The department's meetings and agreements; the adviser records and updates them."""
    st.header("Møder og aftaler", anchor="aftaler", divider="gray")
    if flash := st.session_state.pop("aftale_besked", None):
        st.success(flash, icon=":material/check_circle:")
    listed = agreements.listed(loader.load, department, filters.scope())
    if listed.empty:
        st.caption(f"Der er ikke registreret møder med {inert.markdown(department)} endnu.")
    else:
        ui.grid(pd.DataFrame({
            "Nr.": listed["agreement_id"].astype(str), "Møde": [fmt.short_date(d) for d in listed["held_on"]],
            "Om": [periods.parse(h).label for h in listed["half"]], "Aftale": listed["what"], "Afdeling": listed["unit"],
            "Tal": [meeting.FIGURES[f][0] for f in listed["figure"]], "Opfølgning": [fmt.short_date(d) for d in listed["follow_up_on"]],
            "Status": listed["status"]}), ["Nr."])
    if who.protected:  # leaders read the agreements; only the adviser writes them
        return
    # The forms are made when their expander is opened (a rerun): a data editor and
    # a form's widgets cost every rerun of the page, and most runs write nothing.
    adding = st.expander(f"Registrér mødet om {half.label}", icon=":material/edit_note:", key="registrer-moede",
                         on_change="rerun")
    if adding.open:
        new_meeting(adding.form("nyt-moede"))
    if listed.empty:
        return
    updating = st.expander("Opdatér en aftales status", icon=":material/published_with_changes:", key="opdater-aftale",
                           on_change="rerun")
    if updating.open:
        new_status(updating.form("status"), listed)
    if st.button("Fortryd seneste ændring af møder og aftaler", icon=":material/undo:", key="fortryd-aftale"):
        written(lambda: agreements.undo(ui.database(), who=writer), None, st)


def new_meeting(form) -> None:
    """The form for a meeting held: its date, the units present and its agreements."""
    unit_names = filters.options("unit", department) if org_view == "registered" else sorted(
        set(units[0]["unit"]) | set(units[1]["unit"]) | set(units[2]["unit"]))
    held_on = form.date_input("Mødedato", value=min(dt.date.today(), half.end + dt.timedelta(days=45)), format="DD.MM.YYYY")
    present = form.multiselect("Afdelinger til stede", unit_names)
    form.caption(f"Aftaler: kort tekst om enheden (højst {agreements.MAX_TEXT} tegn), aldrig om en borger "
                 "eller medarbejder – ingen navne, CPR-numre eller kontaktoplysninger.")
    rows = form.data_editor(
        pd.DataFrame({"Aftale": pd.Series(dtype="str"), "Afdeling": pd.Series(dtype="str"),
                      "Tal": pd.Series(dtype="str"), "Opfølgning": pd.Series(dtype="object")}),
        num_rows="dynamic", hide_index=True, key="nye-aftaler", width="stretch",
        column_config={
            "Aftale": st.column_config.TextColumn(max_chars=agreements.MAX_TEXT, required=True, width="large"),
            "Afdeling": st.column_config.SelectboxColumn(options=unit_names, required=True),
            "Tal": st.column_config.SelectboxColumn(options=list(FIGURE_NAMES), required=True),
            "Opfølgning": st.column_config.DateColumn(format="DD.MM.YYYY", required=True),
        })
    if form.form_submit_button("Gem mødet", type="primary", icon=":material/save:"):
        new = [agreements.Agreement("" if pd.isna(r.Aftale) else str(r.Aftale),
                                    "" if pd.isna(r.Afdeling) else str(r.Afdeling),
                                    FIGURE_NAMES.get(r.Tal, ""), r.Opfølgning)
               for r in rows.itertuples()]
        written(lambda: agreements.record(ui.database(), held_on=held_on, department=department, half=half.key,
                                          units_present=present, agreements=new, who=writer),
                f"Mødet om {half.label} er gemt med {len(new)} aftale(r).", form)


def new_status(form, listed: pd.DataFrame) -> None:
    """The form for an agreement's new status."""
    choices = dict(zip(listed["agreement_id"], listed["what"]))
    chosen_id = form.selectbox("Aftale", list(choices), format_func=lambda i: f"{i}: {choices[i]}")
    status = form.selectbox("Ny status", agreements.STATUSES)
    if form.form_submit_button("Gem status", icon=":material/save:"):
        written(lambda: agreements.set_status(ui.database(), int(chosen_id), status, who=writer),
                f"Aftale {chosen_id} har nu status {status}.", form)


def written(write, message: str | None, where) -> None:
    """Run one of the adviser's writes: its message on the next run, or why nothing was written, here."""
    try:
        result = write()
    except agreements.Refused as refused:
        where.error(str(refused), icon=":material/error:")
        return
    st.session_state["aftale_besked"] = message or result
    st.rerun()


# The meeting's parts, in order: (anchor, title, on the page, on a slide).
parts = []
if follow_up:
    parts.append(("opfoelgning", "Opfølgning på aftaler", follow_ups, follow_ups))
parts += [("overblik", "Overblik", overview, overview),
          ("punkter", "Punkter til drøftelse", discussion, discussion)]
for name, figures in meeting.THEMES.items():
    anchor = "tema-" + "-".join(figures)
    parts.append((anchor, name, lambda f=figures: theme(f), lambda f=figures: theme_slide(f)))
parts.append(("typer", "Typer og emner", types_and_topics, types_slide))
if not material.events.empty:
    parts.append(("begivenheder", "Begivenheder", lambda: ui.events(material.events), lambda: ui.events(material.events)))


def move(step: int) -> None:
    """The slide before or after, stopping at the first and the last."""
    st.session_state["slide"] = min(max(st.session_state.get("slide", 0) + step, 0), len(parts) - 1)


def leave() -> None:
    """Back to the page, at the part the last slide showed."""
    st.session_state["praesentation"] = False
    st.session_state["back_to"] = parts[min(st.session_state.get("slide", 0), len(parts) - 1)][0]


if presenting:
    index = min(st.session_state.setdefault("slide", 0), len(parts) - 1)
    anchor, title, _, draw = parts[index]
    # Full screen: no banner, sidebar, header or controls; large type.
    st.html("<style>[data-testid='stSidebar'],[data-testid='stSidebarCollapsedControl'],[data-testid='stHeader'],"
            ".st-key-moede-styring{display:none}"
            "[data-testid='stMainBlockContainer']{padding:.75rem 2.5rem 1rem !important;max-width:100% !important}"
            # Large type for the back of the room.
            "[data-testid='stMain'] [data-testid='stMarkdownContainer'] :is(p, li){font-size:1.45rem;line-height:1.45}"
            "[data-testid='stMain'] .tal table{font-size:1.3rem}"
            "[data-testid='stMain'] [data-testid='stCaptionContainer']{font-size:1.15rem}"
            "[data-testid='stMetricValue']{font-size:3rem}"
            "[data-testid='stMetricLabel'] p{font-size:1.25rem !important}"
            "[data-testid='stMetricDelta'] *{font-size:1.1rem !important}"
            ".st-key-slide-header{border-bottom:1px solid #d0d3d9;padding-bottom:.25rem}"
            ".st-key-slide-header p{font-size:1.05rem;margin:0}</style>")
    header = st.container(horizontal=True, key="slide-header", vertical_alignment="center")
    header.button("Forrige", icon=":material/arrow_back:", key="forrige", on_click=move, args=(-1,), disabled=index == 0,
                  help="Forrige emne (venstre piletast)")
    header.markdown(f"**{inert.markdown(department)}** · {half.label} · {index + 1} af {len(parts)}"
                    + (" · Demodata" if demo_data else ""), width="stretch", text_alignment="center")
    header.button("Næste", icon=":material/arrow_forward:", key="naeste", on_click=move, args=(1,), disabled=index == len(parts) - 1,
                  help="Næste emne (højre piletast)")
    header.button("Afslut", icon=":material/close:", key="afslut", on_click=leave, help="Tilbage til siden (Esc)")
    st.header(title, anchor=anchor)
    draw()
    # The arrow keys move between slides, Esc leaves: they press the buttons above.
    st.html("""<script>
    if (!window.advisorSlideKeys) {
      window.advisorSlideKeys = true;
      document.addEventListener('keydown', (event) => {
        if (event.target.closest('input, textarea, select, [contenteditable="true"]')) return;
        const key = {ArrowRight: 'naeste', PageDown: 'naeste', ArrowLeft: 'forrige', PageUp: 'forrige',
                     Escape: 'afslut'}[event.key];
        const button = key && document.querySelector(`.st-key-${key} button`);
        if (button) { event.preventDefault(); button.click(); }
      });
    }
    </script>""", unsafe_allow_javascript=True)
else:
    for anchor, title, draw, _ in parts:
        st.header(title, anchor=anchor, divider="gray")
        draw()
    if back_to := st.session_state.pop("back_to", None):  # leaving presentation mode: back where the slides were
        st.html(f"""<script>
        // The page is drawn bit by bit: scroll again a few times once the part is there, so it stays in view.
        (function scroll(tries, done) {{
          const target = document.getElementById({back_to!r});
          if (target) {{ target.scrollIntoView({{block: 'start'}}); done += 1; }}
          if (tries > 0 && done < 8) setTimeout(() => scroll(tries - 1, done), 250);
        }})(80, 0);
        </script>""", unsafe_allow_javascript=True)
    recorded()
