"""The app's loader: cached results, prefetched queries, each result counted once."""

import threading
import time

import pytest

from advisor import loader, queries
from conftest import params


@pytest.fixture
def counted(tiny_db, monkeypatch):
    """The loader on the tiny database, fresh, counting the queries it runs."""
    monkeypatch.setenv("ADVISOR_DB", str(tiny_db))
    loader.clear()
    runs = []
    real = queries.run

    def run(con, name, p=None, **kw):
        if name != "data_version":  # read once as a connection opens
            runs.append(name)
        time.sleep(0.05)  # long enough for a second asker to arrive while it runs
        return real(con, name, p, **kw)

    monkeypatch.setattr(queries, "run", run)
    yield runs
    loader.clear()


def test_a_prefetched_result_is_the_loaded_one_and_runs_once(counted, tiny):
    p = params()
    loader.prefetch(("by_type", p), ("key_figures", p))
    by_type = loader.load("by_type", **p)
    assert by_type.equals(queries.run(tiny, "by_type", p))
    assert loader.load("key_figures", **p).equals(queries.run(tiny, "key_figures", p))
    assert sorted(counted) == ["by_type", "by_type", "key_figures", "key_figures"]  # once each by the loader, once here


def test_a_derived_query_prefetched_runs_its_source_once(counted):
    p = params()
    loader.prefetch(("by_department", p), ("by_unit", p))
    loader.load("by_department", **p)
    loader.load("by_unit", **p)
    assert sorted(counted) == ["by_department", "by_unit"]


def test_sessions_asking_at_once_share_one_run(counted):
    p = params()
    got = []
    askers = [threading.Thread(target=lambda: got.append(loader.load("by_topic", **p))) for _ in range(8)]
    for t in askers:
        t.start()
    for t in askers:
        t.join()
    assert counted == ["by_topic"]
    assert len(got) == 8 and all(g.equals(got[0]) for g in got)


def test_a_failing_prefetch_fails_where_the_page_loads_it(counted):
    p = params()
    with pytest.raises(KeyError):  # a parameter missing: the page's load raises, as without prefetch
        loader.prefetch(("year_to_date", p))
        loader.load("year_to_date", **p)


def test_a_result_prefetched_as_arrow_is_the_one_loaded_as_arrow_and_runs_once(counted, tiny):
    p = params() | {"max_rows": 3}
    loader.prefetch(("registrations", p), arrow=True)
    rows = loader.load_arrow("registrations", **p)
    assert rows.equals(queries.run(tiny, "registrations", p, arrow=True))
    assert rows.to_pandas()["inquiry_id"].tolist() == loader.load("registrations", **p)["inquiry_id"].tolist()
    assert sorted(counted) == ["registrations", "registrations", "registrations"]  # as Arrow, as a DataFrame, and here


@pytest.mark.parametrize("page", ["overview", "monthly_load", "departments", "waiting_times", "repeat_contacts",
                                  "caseworker_changes", "dialogue_meeting", "registrations"])
def test_every_query_a_page_prefetches_is_one_it_loads(app, tiny_db, monkeypatch, page):
    """A prefetch whose parameters (or form: DataFrame or Arrow) differ from the
    load's would count a figure nobody reads. The registrations are started by
    app.py, before the sidebar is drawn."""
    prefetched, loaded = set(), set()
    real_prefetch, real_load, real_load_arrow = loader.prefetch, loader.load, loader.load_arrow

    def prefetch(*requests, arrow=False):
        prefetched.update((name, loader._key(loader._wanted(name, p)), arrow) for name, p in requests)
        real_prefetch(*requests, arrow=arrow)

    def load(name, **p):
        loaded.add((name, loader._key(loader._wanted(name, p)), False))
        return real_load(name, **p)

    def load_arrow(name, **p):
        loaded.add((name, loader._key(loader._wanted(name, p)), True))
        return real_load_arrow(name, **p)

    monkeypatch.setattr(loader, "prefetch", prefetch)
    monkeypatch.setattr(loader, "load", load)
    monkeypatch.setattr(loader, "load_arrow", load_arrow)
    at = app(tiny_db, f"pages/{page}.py")
    assert not at.exception
    if page != "dialogue_meeting":  # and after a filter is changed
        at.toggle(key="egentlige").set_value(True).run()
        assert not at.exception
    assert prefetched
    sources = {"citizen_courses"}  # read through registrations_per_citizen and course_length
    assert {name for name, _, _ in prefetched - loaded} <= sources


@pytest.mark.parametrize("page", ["overview", "monthly_load", "waiting_times", "repeat_contacts", "caseworker_changes"])
@pytest.mark.parametrize("user", [None, "leder.ba@esbjerg.dk"], ids=["adviser", "leader"])
def test_only_guarded_counts_are_counted_again_for_everything_the_user_may_see(app, tiny_db, monkeypatch, page, user):
    """A leader's counts are guarded by the same counts without the optional
    filters (disclosure.py); the adviser sees every count, so her pages never
    count those: at 10M registrations each is a second per-citizen count."""
    asked = []
    real_prefetch, real_load = loader.prefetch, loader.load

    def prefetch(*requests):
        asked.extend(p for _, p in requests)
        real_prefetch(*requests)

    def load(name, **p):
        asked.append(p)
        return real_load(name, **p)

    monkeypatch.setattr(loader, "prefetch", prefetch)
    monkeypatch.setattr(loader, "load", load)
    at = app(tiny_db, f"pages/{page}.py", user=user)
    asked.clear()
    at.selectbox(key="forvaltning").set_value("Borger & Arbejdsmarked").run()
    assert not at.exception
    for_everything = [p for p in asked if "department" in p and p["department"] is None]
    assert bool(for_everything) == (user is not None), for_everything


def test_each_query_is_parsed_once_whoever_asks_first():
    # The loader's threads parse the queries as they first run them.
    from concurrent.futures import ThreadPoolExecutor

    queries._parsed.clear()
    names = queries.names() * 4
    with ThreadPoolExecutor(8) as pool:
        parsed = list(pool.map(queries.statement, names))
    for name, statement in zip(names, parsed):
        assert statement is queries.statement(name)
        assert statement.named_parameters == queries.own_parameters(name)
