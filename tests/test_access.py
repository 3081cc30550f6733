"""Roles and login through AppTest: each role lands on its pages, a forbidden
page is refused, a leader sees only her departments, broken login never falls open."""

import json

import pyarrow as pa
import pytest

from advisor import access
from conftest import AUTH, tables

ADVISER, LEADER_BA, DIRECTOR, SECRETARIAT = (
    "janne.andersen@esbjerg.dk", "leder.ba@esbjerg.dk", "direktion@esbjerg.dk", "sekretariat@esbjerg.dk")
ALL_PAGES = ["overview", "monthly_load", "departments", "waiting_times", "repeat_contacts", "caseworker_changes",
             "dialogue_meeting", "glossary", "registrations", "annual_report", "data_import"]


def reachable(at) -> list[str]:
    out = []
    for page in ALL_PAGES:
        try:
            at.switch_page(f"pages/{page}.py")
            out.append(page)
        except ValueError:
            pass
    return out


def test_without_login_everyone_is_the_adviser_and_is_told_so(app, tiny_db):
    at = app(tiny_db)
    assert "Uden login" in at.markdown[0].value
    assert reachable(at) == ALL_PAGES


def test_with_login_configured_nobody_gets_in_without_logging_in(app, tiny_db):
    at = app(tiny_db, secrets={"auth": AUTH})
    assert not at.exception
    assert at.title[0].value == "Borgerrådgiverens dashboard"
    assert [b.label for b in at.button] == ["Log ind"]
    assert not at.metric and not tables(at) and not at.selectbox


@pytest.mark.parametrize("user, pages", [
    (ADVISER, ALL_PAGES),
    (LEADER_BA, ["overview", "monthly_load", "departments", "waiting_times", "repeat_contacts", "caseworker_changes",
                 "dialogue_meeting", "glossary"]),
    (SECRETARIAT, ["overview", "monthly_load", "glossary"]),
])
def test_each_role_has_its_pages_and_no_others(app, tiny_db, user, pages):
    at = app(tiny_db, user=user)
    assert not at.exception
    assert reachable(at) == pages
    assert not any("Uden login" in m.value for m in at.markdown)


def test_a_user_without_a_role_is_refused(app, tiny_db):
    at = app(tiny_db, user="ukendt@example.com")
    assert "ukendt@example.com har ikke adgang til dashboardet" in at.error[0].value
    assert not at.metric and not at.selectbox


def test_a_role_from_a_group_claim(tiny_db):
    cfg = access.config()
    who = access.resolve({"email": "ny.leder@esbjerg.dk", "groups": ["andet", "ledere-borger-og-arbejdsmarked"]}, cfg)
    assert (who.role, who.departments) == ("leder", ("Borger & Arbejdsmarked",))
    assert access.resolve({"email": "JANNE.ANDERSEN@esbjerg.dk"}, cfg).role == "rådgiver"


def test_a_leader_sees_only_her_department(app, tiny_db):
    at = app(tiny_db, "pages/departments.py", query={"aar": "2018"}, user=LEADER_BA)
    assert at.selectbox(key="forvaltning").options == ["Borger & Arbejdsmarked"]
    assert [r["Forvaltning"] for r in tables(at)[0].to_dict("records")] == ["Borger & Arbejdsmarked"]
    at.switch_page("pages/overview.py").run()
    # B&A 2018: T-05, T-06, T-10 (a leader of all departments would see 7):
    # three is small enough to point at a citizen, so it is hidden.
    assert {m.label: m.value for m in at.metric}["Registreringer"] == "·"  # one label for every hidden figure


def test_a_leader_sees_her_department_s_figures_when_they_are_large_enough(app, demo_db):
    at = app(demo_db, query={"aar": "2018"}, user=LEADER_BA)
    adviser = app(demo_db, query={"aar": "2018", "forvaltning": "Borger & Arbejdsmarked"})
    assert {m.label: m.value for m in at.metric}["Registreringer"] == {m.label: m.value for m in adviser.metric}["Registreringer"]


@pytest.mark.parametrize("secrets, roles, message", [
    ({"auth": {k: v for k, v in AUTH.items() if k != "client_secret"}}, None, "[auth] mangler client_secret"),
    ({"auth": AUTH | {"redirect_uri": "localhost:8501/oauth2callback"}}, None, "redirect_uri være fulde adresser"),
    ({}, "[login]\nrequired = true\n", "Login er påkrævet"),
    ({"auth": AUTH}, '[users]\n"a@b.dk" = { role = "chef" }\n', "a@b.dk i [users] har en ukendt rolle: 'chef'"),
    # Issue 13: every doubt about the configuration stops the app.
    ({"auth": AUTH}, '[users]\n"a@b.dk" = { role = "leder", departments = [] }\n',
     "a@b.dk i [users] har departments = []: skriv mindst én forvaltning"),
    ({"auth": AUTH}, '[users]\n"a@b.dk" = { role = "leder", departmets = ["Teknik & Miljø"] }\n',
     "a@b.dk i [users] har ukendte nøgler: departmets"),
    ({"auth": AUTH}, '[users\n"a@b.dk" = { role = "leder" }\n', "Rollefilen roles.toml kan ikke læses"),
    ({"auth": AUTH}, "[disclosure]\nk = 1\n", "[disclosure] k skal være et helt tal på mindst 3"),
    ({"auth": AUTH}, "[brugere]\n", "ukendt afsnit [brugere]"),
    ({"auth": AUTH | {"cookie_secret": "kort"}}, None, "cookie_secret være en lang, tilfældig tekst"),
])
def test_a_broken_login_configuration_refuses_to_start(app, tiny_db, tmp_path, monkeypatch, secrets, roles, message):
    if roles:
        (tmp_path / "roles.toml").write_text(roles)
        monkeypatch.setenv("ADVISOR_ROLES", str(tmp_path / "roles.toml"))
    at = app(tiny_db, secrets=secrets, user=ADVISER)
    assert message in at.error[0].value
    assert not at.metric and not at.selectbox and not at.button


def test_a_secrets_file_that_does_not_parse_stops_the_app(tmp_path):
    from advisor import access

    broken = tmp_path / "secrets.toml"
    broken.write_text('[auth]\nredirect_uri = "http://x\n')  # an unclosed string

    class Unreadable:
        def to_dict(self):
            raise RuntimeError("Error parsing secrets file")

    with pytest.raises(access.BrokenConfig, match="secrets.toml kan ikke læses. Appen starter ikke"):
        access.read_secrets(Unreadable(), files=[str(broken)])
    assert access.read_secrets(Unreadable(), files=[str(tmp_path / "none.toml")]) == {}  # no file: no login


def test_the_shipped_example_requires_login():
    from pathlib import Path

    from advisor import access

    cfg = access.config(Path(__file__).parent.parent / "data" / "roles.example.toml")
    assert cfg["login"]["required"] is True
    assert access.auth_problem({}, cfg).startswith("Login er påkrævet")


def test_a_login_older_than_a_working_day_or_logged_out_opens_nothing(app, tiny_db):
    import time

    from advisor import access, audit

    at = app(tiny_db, user=LEADER_BA)
    assert at.metric  # logged in now
    at.user = {"is_logged_in": True, "email": LEADER_BA, "sub": LEADER_BA, "iss": "http://localhost:9400",
               "iat": int(time.time()) - 11 * 3600}
    at.run()
    assert not at.metric and "mere end 10 timer" in at.info[0].value
    assert [b.label for b in at.button] == ["Log ind"]
    # Logged out: the same identity (a copied cookie) is refused from then on.
    user = {"is_logged_in": True, "email": LEADER_BA, "sub": LEADER_BA, "iss": "http://localhost:9400",
            "iat": int(time.time()) - 60}
    at.user = user
    at.run()
    assert at.metric
    next(b for b in at.button if b.label == "Log ud").click()
    at.run()
    assert audit.revoked(tiny_db, access.session_id(user))
    at.user = user  # the cookie as copied before the logout
    at.run()
    assert not at.metric and "Du er logget ud" in at.info[0].value
    actions = list(audit.entries(tiny_db)["action"])
    assert "logout" in actions and "login" in actions


def test_logins_refusals_and_a_leaders_views_are_audited_in_a_chain(app, tiny_db):
    from advisor import audit

    app(tiny_db, user="ukendt@example.com")
    at = app(tiny_db, query={"aar": "2018"}, user=LEADER_BA)
    at.selectbox(key="type").set_value("Klage").run()
    log = audit.entries(tiny_db)
    views = [json.loads(d)["filtre"] for a, d in zip(log["action"], log["details"]) if a == "visning"]
    assert views[:2] == ["Periode: 2018 · Borger & Arbejdsmarked · Klage", "Periode: 2018 · Borger & Arbejdsmarked"]
    assert {"afvist login", "login", "visning"} <= set(log["action"])
    count, broken = audit.verify(tiny_db)
    assert count >= 4 and broken is None
    # Changing an entry afterwards breaks the chain, and the Data page says so.
    import duckdb

    with duckdb.connect(str(audit.log_file(tiny_db))) as con:
        con.execute("update audit_log set who = 'en anden' where action = 'afvist login'")
    assert audit.verify(tiny_db)[1].startswith("post ")
    adviser = app(tiny_db, "pages/data_import.py", user=ADVISER)
    assert "Revisionsloggen er ændret bagefter" in adviser.error[0].value


# Headers and chart fields that hold counts of citizens or registrations.
COUNT_HEADERS = {"1. gang", "Alle henvendelser", "Registreringer", "Borgere", "Med flere henvendelser", "Spurgt",
                 "Med gener"}
COUNT_FIELDS = {"registrations", "new_citizens", "first_contacts", "citizens", "repeat_citizens", "citizens_asked",
                "citizens_with_trouble", "open_at_month_end", "value", "count"}
COUNT_METRICS = {"Registreringer", "Borgere", "Borgere med gener ved skift", "Møder", "Med 2 eller flere henvendelser",
                 "Borgere spurgt om skift", "Henvendelser om sagsbehandlerskift"}
SMALL = {"1", "2", "3", "4"}


def small_counts_shown(at) -> list[str]:
    found = [f"metric {m.label}: {m.value}" for m in at.metric
             if (m.label in COUNT_METRICS or m.label.startswith("Registreringer i")) and m.value in SMALL]
    for i, table in enumerate(tables(at)):
        columns = [c for c in table.columns if c in COUNT_HEADERS or (str(c).isdigit() and i < 2)]
        found += [f"table {i} {c}: {v}" for c in columns for v in table[c].astype(str) if v in SMALL]
    for chart in at.get("vega_lite_chart"):
        # The data travels as Arrow next to the spec, as the browser gets it.
        for dataset in chart.proto.datasets:
            rows = pa.ipc.open_stream(dataset.data.data).read_all().to_pylist()
            found += [f"chart {k}: {v}" for row in rows for k, v in row.items()
                      if k in COUNT_FIELDS and isinstance(v, (int, float)) and 0 < v < 5]
    return found


def test_the_chart_check_sees_the_charts_data(app, tiny_db):
    """The check above reads what the browser gets: as the adviser, who sees
    small counts, it finds them."""
    at = app(tiny_db, "pages/departments.py", query={"aar": "2018"})
    assert [f for f in small_counts_shown(at) if f.startswith("chart")]


@pytest.mark.parametrize("user", [DIRECTOR, LEADER_BA, SECRETARIAT])
def test_no_count_below_k_reaches_a_leader_or_the_secretariat(app, tiny_db, user):
    at = app(tiny_db, query={"aar": "2018"}, user=user)
    for page in reachable(at):
        at.switch_page(f"pages/{page}.py").run()
        assert not at.exception, page
        assert small_counts_shown(at) == [], page


def test_the_adviser_sees_the_small_counts(app, tiny_db):
    at = app(tiny_db, "pages/departments.py", query={"aar": "2018"}, user=ADVISER)
    assert small_counts_shown(at)  # the check above is not empty by construction


def test_hidden_cells_are_marked_in_tables_and_charts(app, tiny_db):
    at = app(tiny_db, "pages/departments.py", query={"aar": "2018"}, user=DIRECTOR)
    # 2018: B&A 3 registrations, S&O 2, AM 1, B&K 1: every count is small.
    assert [r["Alle henvendelser"] for r in tables(at)[0].to_dict("records")] == ["·"] * 4
    assert [r["Andel alle"] for r in tables(at)[0].to_dict("records")] == ["·"] * 4
    assert "· = skjult af hensyn til borgernes anonymitet" in "\n".join(c.value for c in at.caption)


def test_a_leader_cannot_subtract_two_filter_choices(app, demo_db):
    # Complaints per unit against all inquiries per unit: wherever the
    # difference is 1-4, the complaints are hidden.
    complaints = app(demo_db, "pages/departments.py", query={"aar": "2018", "type": "Klage"}, user=DIRECTOR)
    everything = app(demo_db, "pages/departments.py", query={"aar": "2018"}, user=ADVISER)
    units = lambda at: {r["Afdeling"]: r["Alle henvendelser"] for r in tables(at)[1].to_dict("records")}  # noqa: E731
    shown, total = units(complaints), units(everything)
    for unit, value in shown.items():
        if value != "·":
            assert not 0 < int(total[unit].replace(".", "")) - int(value.replace(".", "")) < 5, unit
    assert "·" in shown.values()
