"""Shared fixtures: a tiny hand-checked database, the demo database, the app."""

from html.parser import HTMLParser
from pathlib import Path

import datetime as dt
import time

import pandas as pd
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from advisor import db, demo, loader, queries

ROOT = Path(__file__).parent.parent
TINY_CSV = Path(__file__).parent / "data" / "tiny.csv"


def build_from_csv(path: Path, csv: Path = TINY_CSV, *, is_demo: bool = False) -> Path:
    def fill(con):
        con.execute(
            "insert into inquiries by name select * from read_csv($csv, header = true)",
            {"csv": str(csv)},
        )

    return db.build(path, fill, is_demo=is_demo)


# A complete login configuration (nothing is fetched until someone logs in).
AUTH = {
    "redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "test-cookie-secret",
    "client_id": "dashboard", "client_secret": "secret", "server_metadata_url": "http://localhost:9400/.well-known/openid-configuration",
}


def records(frame: pd.DataFrame) -> list[dict]:
    """Rows as plain dicts: missing values as None, timestamps as dates."""
    out = []
    for row in frame.to_dict("records"):
        out.append({
            k: None if v is None or (not isinstance(v, (list, str)) and pd.isna(v))
            else v.date() if isinstance(v, pd.Timestamp) else v
            for k, v in row.items()
        })
    return out


def params(**overrides) -> dict:
    """Query parameters: the year 2018, no other filter, unless overridden."""
    return {
        "date_from": dt.date(2018, 1, 1), "date_to": dt.date(2018, 12, 31), "department": None, "units": None,
        "inquiry_type": None, "proper_only": False, "channel": None, "org_view": "registered", "target_days": 10, "departments": None,
        **overrides,
    }


@pytest.fixture(scope="session")
def tiny_db(tmp_path_factory) -> Path:
    return build_from_csv(tmp_path_factory.mktemp("tiny") / "tiny.duckdb")


@pytest.fixture(scope="session")
def empty_db(tmp_path_factory) -> Path:
    return db.build(tmp_path_factory.mktemp("empty") / "empty.duckdb", is_demo=False)


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory) -> Path:
    return demo.build(tmp_path_factory.mktemp("demo") / "demo.duckdb")


@pytest.fixture(scope="session")
def tiny(tiny_db):
    with queries.connect(tiny_db) as con:
        yield con


@pytest.fixture(scope="session")
def demo_con(demo_db):
    with queries.connect(demo_db) as con:
        yield con


@pytest.fixture
def app(monkeypatch):
    """An AppTest factory on a given database, with fresh caches."""

    def start(database: Path, page: str | None = None, query: dict | None = None,
              user: str | None = None, secrets: dict | None = None) -> AppTest:
        """The app on `database`; with `user`, logged in with that e-mail
        (login configured with AUTH unless `secrets` says otherwise)."""
        monkeypatch.setenv("ADVISOR_DB", str(database))
        st.cache_data.clear()
        st.cache_resource.clear()
        loader.clear()
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
        at.query_params.update(query or {})
        if secrets is not None or user is not None:
            at.secrets = {"auth": AUTH} if secrets is None else secrets
        if user is not None:  # as Streamlit gives an identity token's claims
            at.user = {"is_logged_in": True, "email": user, "sub": user, "iss": "http://localhost:9400",
                       "iat": int(time.time())}
        at.run()
        if page:
            at.switch_page(page).run()
        return at

    return start


class _HtmlTable(HTMLParser):
    def __init__(self):
        super().__init__()
        self.rows, self._row, self._cell = [], None, None

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self._row = []
        elif tag in ("td", "th"):
            self._cell = ""

    def handle_data(self, data):
        if self._cell is not None:
            self._cell += data

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._row is not None:
            self._row.append(self._cell)
            self._cell = None
        elif tag == "tr":
            self.rows.append(self._row)


def tables(at) -> list[pd.DataFrame]:
    """Every table on the page in order, as a person reads it: the app's HTML
    tables (ui.grid) and Streamlit's data grids, cells as shown."""
    found = []

    def walk(node):
        for child in getattr(node, "children", {}).values():
            kind = getattr(child, "type", None)
            if kind == "html" and "<table" in child.proto.body:
                parser = _HtmlTable()
                parser.feed(child.proto.body)
                found.append(pd.DataFrame(parser.rows[1:], columns=parser.rows[0]))
            elif kind == "dataframe":
                found.append(child.value)
            else:
                walk(child)

    walk(at.main)
    return found
