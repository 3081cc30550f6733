"""Data: import the adviser's log, see past imports, undo, get a blank template."""

import datetime as dt

import streamlit as st

from advisor import audit, db, filters, fmt, importer, inert, loader, privacy, ui

ui.page("Data", "Importér borgerrådgiverens log (CSV eller Excel). CPR-numre og bemærkninger gemmes aldrig.")
database = db.default_path()
status = loader.load("data_status").iloc[0]
user = filters.who().user or "borgerrådgiveren (uden login)"


# Imports and undos run in button callbacks, before the script reruns, and
# leave their message for it to show.
def run_import(data: bytes, name: str, sheet: str | None, quarantine: bool) -> None:
    try:
        report = importer.import_file(database, data, name, sheet=sheet, quarantine=quarantine, who=user)
        st.session_state["besked"] = ("success", report.lines()[-1])
        st.session_state["upload_round"] = st.session_state.get("upload_round", 0) + 1  # an empty uploader
    except (importer.ImportRefused, privacy.MissingKey) as refused:
        st.session_state["besked"] = ("error", str(refused))


def run_undo(import_id: int) -> None:
    try:
        st.session_state["besked"] = ("success", importer.undo(database, import_id, who=user))
    except importer.ImportRefused as refused:
        st.session_state["besked"] = ("error", str(refused))


if message := st.session_state.pop("besked", None):
    (st.success if message[0] == "success" else st.error)(inert.markdown(message[1]))

def upload_section() -> None:
    upload = st.file_uploader("Borgerrådgiverens log", type=["csv", "xlsx"], key=f"log-{st.session_state.get('upload_round', 0)}")
    if upload is None:
        return
    data = upload.getvalue()
    sheet = st.selectbox("Ark", importer.sheet_names(data), key="ark") if upload.name.lower().endswith(".xlsx") else None
    quarantine = st.checkbox("Karantæne: importér de gyldige rækker og gem de ugyldige med årsagerne", key="karantaene")
    try:
        report, preview = importer.validate(database, data, upload.name, sheet=sheet)
    except (importer.ImportRefused, privacy.MissingKey) as refused:
        st.error(inert.markdown(refused), icon=":material/block:")
        return

    c1, c2, c3, c4 = st.columns(4)
    c1.metric("Rækker i filen", fmt.number(report.rows_read), border=True)
    c2.metric("Nye", fmt.number(report.rows_imported), border=True)
    c3.metric("Opdateres", fmt.number(report.rows_updated), border=True)
    c4.metric("Med fejl", fmt.number(report.rows_rejected), border=True)
    for name in report.dropped_columns:
        st.caption(f"Kolonnen '{inert.markdown(name)}' importeres ikke (fritekst eller ukendt kolonne).")
    if report.problems:
        st.header("Fejl i filen")
        ui.table(report.problems_frame(), {c: c for c in ["Række", "Kolonne", "Værdi", "Fejl"]}, "fejlrapport")
    if not preview.empty:
        st.header("Sådan gemmes de første rækker")
        st.dataframe(preview.rename(columns={v: k for k, v in importer.COLUMNS.items()} | {"row_number": "Række"}), hide_index=True)

    blocked = bool(report.problems) and not quarantine
    if blocked:
        st.warning("Filen har fejl, så intet importeres. Ret filen, eller slå karantæne til.", icon=":material/error:")
    st.button("Importér", type="primary", disabled=blocked, icon=":material/upload:",
              on_click=run_import, args=(data, upload.name, sheet, quarantine))


if status["is_demo"]:
    st.info(
        "Appen kører på demodatabasen, som ikke tager imod import. Opret en rigtig database og start appen på den:\n\n"
        "```\n.venv/bin/python -m advisor init --db data/kommune.duckdb\nADVISOR_DB=data/kommune.duckdb make run\n```",
        icon=":material/info:",
    )
else:
    upload_section()

st.header("Tidligere importer")
history = loader.load("imports")
if history.empty:
    st.caption("Der er ikke importeret noget endnu.")
else:
    ui.table(
        history,
        {"import_id": "Import", "imported_at": "Tidspunkt", "file_name": "Fil", "rows_read": "Læst",
         "rows_imported": "Nye", "rows_updated": "Opdateret", "rows_rejected": "Afvist", "undone_at": "Fortrudt"},
        "importer",
        {"imported_at": "moment", "rows_read": 0, "rows_imported": 0, "rows_updated": 0, "rows_rejected": 0, "undone_at": "moment"},
    )
    newest = history[history["can_undo"]]
    if not newest.empty:
        import_id = int(newest["import_id"].iloc[0])
        st.button(f"Fortryd import {import_id}", icon=":material/undo:", on_click=run_undo, args=(import_id,))

st.header("Skabelon")
st.caption("En tom log med de rigtige kolonner. Excel-filen har de tilladte værdier på et ekstra ark.")
chart = loader.load("organisation_chart", on_date=dt.date.today())
left, right, _ = st.columns([1, 1, 4])
left.download_button("CSV", importer.template_csv(), "skabelon.csv", "text/csv", icon=":material/download:", on_click="ignore")
right.download_button(
    "Excel", lambda: importer.template_xlsx(importer.allowed_values(chart)), "skabelon.xlsx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", icon=":material/download:", on_click="ignore",
)

st.header("Revisionslog")
st.caption("Hver import, fortrydelse og eksport, login, logout og afvisning, og lederes og sekretariatets "
           "visninger med deres filtre: hvem, hvornår og hvad.")
entries_count, broken = audit.verify(database)
if broken:
    st.error(f"Revisionsloggen er ændret bagefter: {broken}. Tjek filen {audit.log_file(database).name}.",
             icon=":material/gpp_bad:")
elif entries_count:
    st.success(f"Revisionsloggen er uændret: kæden af {fmt.number(entries_count)} poster er intakt.",
               icon=":material/verified_user:")
log = audit.entries(database)
if log.empty:
    st.caption("Loggen er tom.")
else:
    ui.table(log, {"logged_at": "Tidspunkt", "who": "Hvem", "action": "Handling", "details": "Hvad"}, "revisionslog",
             {"logged_at": "moment"})
