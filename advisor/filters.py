"""The shared filters: drawn by app.py, read by every page.

Widget keys are the URL's query parameter names (bind="query-params"), so a
view can be sent as a link: ?periode=aar&aar=2018&forvaltning=...
"""

import datetime as dt
import functools

import pandas as pd
import streamlit as st

from advisor import access, loader, periods

ORG_VIEWS = {"registered": "Som registreret", "today": "Som organiseret i dag"}
PERIOD_KEYS = {"year": "aar", "half": "halvaar", "quarter": "kvartal", "month": "maaned", "range": "datoer"}
ALL = {"forvaltning": "Alle forvaltninger", "type": "Alle typer", "kanal": "Alle kanaler"}
# Registreringer shows the newest 500 that match: enough to look things up in,
# and ~100 KB to the browser (1.000 rows were ~230 KB a rerun); narrow the
# filters to see others. app.py starts that query before the page runs.
NEWEST = 500


def data_span() -> tuple[dt.date, dt.date]:
    """First and last day with registrations (this year if there are none)."""
    _, con, version = loader.connection()
    return _data_span(con, version)


@functools.lru_cache(maxsize=4)
def _data_span(con, version: int) -> tuple[dt.date, dt.date]:
    # Asked by every filter and caption of a page; the answer only changes
    # with the data, which a new connection (the key) brings.
    status = loader.load("data_status").iloc[0]
    if status["registrations"] == 0:
        today = dt.date.today()
        return dt.date(today.year, 1, 1), today
    return status["first_received_on"].date(), status["last_received_on"].date()


def who() -> access.Access:
    """The user's access, set by app.py (the adviser when no one has set it)."""
    return st.session_state.get("access") or access.Access("rådgiver")


def scope() -> list[str] | None:
    """The departments the user may see; None for all."""
    departments = who().departments
    return list(departments) if departments else None


def options(field: str, department: str | None = None) -> list[str]:
    """Values a filter offers, from the data and within the user's departments."""
    path, _, version = loader.connection()
    chosen = _option_values(path, version, st.session_state.get("organisering", "registered"), tuple(scope() or ()))
    return list(chosen.get((field, department), []))


@functools.lru_cache(maxsize=32)
def _option_values(path: str, version: int, org_view: str, departments: tuple[str, ...]) -> dict:
    # (field, department or None for all) -> the sorted values; asked four
    # times a run, and only new data (a new version) changes it.
    rows = loader.load("filter_options", org_view=org_view, departments=list(departments) or None)
    values: dict[tuple, set] = {}
    for field, department, value in rows[["field", "department", "value"]].itertuples(index=False):
        values.setdefault((field, None), set()).add(value)
        if isinstance(department, str):
            values.setdefault((field, department), set()).add(value)
    return {key: sorted(found) for key, found in values.items()}


def draw(where, with_period: bool = True) -> None:
    """The filter widgets, in `where` (the sidebar); without the period on
    pages that show every year."""
    first, last = data_span()
    where.header("Filtre")
    if with_period:
        kind = where.segmented_control(
            "Periode", list(periods.KINDS), format_func=periods.KINDS.get,
            default="year", required=True, key="periode", bind="query-params",
        )
        if kind == "range":
            # Up to the end of the last month with data, so a month can be chosen whole.
            where.date_input(
                "Fra og med – til og med", value=(dt.date(last.year, 1, 1), last),
                min_value=first, max_value=periods.month_end(last), format="DD.MM.YYYY", key="datoer",
                bind="query-params",
            )
        else:
            keys = periods.options(kind, first, last)
            where.selectbox(
                periods.KINDS[kind], keys, format_func=lambda k: periods.parse(k).label,
                key=PERIOD_KEYS[kind], bind="query-params",
            )
    where.toggle(
        "Kun egentlige henvendelser", key="egentlige", bind="query-params",
        help="Alle henvendelser undtagen dem uden for borgerrådgiverens kompetence (se Begreber).",
    )
    where.radio(
        "Organisering", list(ORG_VIEWS), format_func=ORG_VIEWS.get, key="organisering", bind="query-params",
        help="Som organiseret i dag: hver afdeling tælles under den forvaltning, den hører til i dag "
        "(Familierådgivningen under Borger & Arbejdsmarked, også før 2019).",
    )
    departments = options("department")
    department = where.selectbox(
        "Forvaltning", departments if len(departments) == 1 else [None, *departments],
        format_func=lambda v: v or ALL["forvaltning"], key="forvaltning", bind="query-params",
    )
    if who().protected:
        # One unit or all: "all units" minus "the seven others" would give the eighth.
        where.selectbox("Afdeling", [None, *options("unit", department)], format_func=lambda v: v or "Alle afdelinger",
                        key="afdeling", bind="query-params")
    else:
        where.multiselect(
            "Afdelinger", options("unit", department), placeholder="Alle afdelinger",
            key="afdelinger", bind="query-params",
        )
    where.selectbox(
        "Henvendelsestype", [None, *options("inquiry_type")], format_func=lambda v: v or ALL["type"],
        key="type", bind="query-params",
    )
    where.selectbox(
        "Kanal", [None, *options("channel")], format_func=lambda v: v or ALL["kanal"],
        key="kanal", bind="query-params",
    )
    where.button("Nulstil filtre", on_click=reset, icon=":material/restart_alt:", key="nulstil")


KEYS = ("periode", *PERIOD_KEYS.values(), "egentlige", "organisering", "forvaltning", "afdelinger", "afdeling", "type",
        "kanal")


def keep() -> None:
    """Keep the filters' values on a page that does not draw them: Streamlit
    forgets the value of a widget that is not drawn in a run, unless it is
    set again."""
    for key in KEYS:
        if key in st.session_state:
            st.session_state[key] = st.session_state[key]


def reset() -> None:
    """Every filter back to its default. Bound widgets are set, not removed:
    a removed one would be seeded again from the URL."""
    newest = periods.options("year", *data_span())[0]
    st.session_state.update(
        periode="year", aar=newest, organisering="registered", forvaltning=None, afdelinger=[], afdeling=None, type=None,
        kanal=None,
        egentlige=False,
    )


def period() -> periods.Period:
    """The chosen period (the newest year with data until one is chosen), as
    far as the data go: a year still running ends at the last registration,
    so that it is compared with the same days before (Period.up_to)."""
    return chosen_period().up_to(data_span()[1])


def chosen_period() -> periods.Period:
    """The period as chosen in the sidebar, whole."""
    kind = st.session_state.get("periode") or "year"
    value = st.session_state.get(PERIOD_KEYS[kind])
    if kind == "range":
        if value:
            chosen = periods.Period("range", value[0], value[-1])
            # For leaders and the secretariat a range runs in whole months: two
            # ranges a day apart would otherwise give one day's count.
            return chosen.whole_months() if who().protected else chosen
        kind, value = "year", None
    if value is None:
        value = periods.options(kind, *data_span())[0]
    return periods.parse(value)


def params(chosen: periods.Period | None = None, *, whole: bool = False) -> dict:
    """Query parameters for the filters, for the chosen period or another one.
    With `whole`, without department, units, type and channel: everything the
    user may see, which a filtered count must not be worked back from."""
    chosen = chosen or period()
    return {
        **chosen.params(),
        "department": None if whole else st.session_state.get("forvaltning"),
        "units": None if whole else units(),
        "inquiry_type": None if whole else st.session_state.get("type"),
        "channel": None if whole else st.session_state.get("kanal"),
        "proper_only": False if whole else bool(st.session_state.get("egentlige")),
        "org_view": st.session_state.get("organisering") or "registered",
        "departments": scope(),
    }


def units() -> list[str] | None:
    """The chosen units; for leaders and the secretariat one unit or all."""
    if who().protected:
        return [st.session_state["afdeling"]] if st.session_state.get("afdeling") else None
    return st.session_state.get("afdelinger") or None


def describe(chosen: periods.Period | None = None, *, with_period: bool = True) -> str:
    """The filters in words, for a caption under a title. It starts with a
    word, so Markdown never reads "2. halvår" as a numbered list."""
    p = params(chosen)
    parts = [f"Periode: {(chosen or period()).label}"] if with_period else []
    parts.append(p["department"] or ALL["forvaltning"])
    if p["units"]:
        parts.append(", ".join(p["units"]))
    parts += [v for v in (p["inquiry_type"], p["channel"]) if v]
    if p["proper_only"]:
        parts.append("kun egentlige henvendelser")
    if p["org_view"] == "today":
        parts.append("forvaltninger som organiseret i dag")
    return " · ".join(parts)


def no_data(frame: pd.DataFrame, column: str = "registrations") -> bool:
    """True, with a message, when the filters select no registrations."""
    if frame.empty or not frame[column].fillna(0).sum():
        st.info(
            "Ingen registreringer passer til de valgte filtre. Vælg en anden periode eller "
            "flere forvaltninger, afdelinger, typer eller kanaler – eller nulstil filtrene.",
            icon=":material/filter_alt_off:",
        )
        # Right here, not only at the bottom of the sidebar.
        st.button("Nulstil filtre", on_click=reset, icon=":material/restart_alt:", key="nulstil-her")
        return True
    return False
