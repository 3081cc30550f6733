import duckdb

from advisor.__main__ import main


def test_init_creates_an_empty_real_database_and_never_overwrites(tmp_path, capsys):
    path = tmp_path / "real.duckdb"
    assert main(["init", "--db", str(path)]) == 0
    with duckdb.connect(str(path), read_only=True) as con:
        assert con.execute("select count(*) from inquiries").fetchone() == (0,)
        assert con.execute("select is_demo, data_version from meta").fetchone() == (False, 1)
        assert con.execute("select count(*) from organisation").fetchone() == (22,)
    assert main(["init", "--db", str(path)]) == 1
    assert "Findes allerede" in capsys.readouterr().err


def test_demo_builds_at_the_given_path(tmp_path):
    path = tmp_path / "d.duckdb"
    assert main(["demo", "--db", str(path)]) == 0
    with duckdb.connect(str(path), read_only=True) as con:
        assert con.execute("select count(*) from inquiries where year(received_on) <= 2018").fetchone() == (2484,)


def test_pack_refuses_a_half_year_that_does_not_exist_in_danish(demo_db, tmp_path, capsys):
    out = tmp_path / "m.pdf"
    assert main(["pack", "--db", str(demo_db), "--half", "2018H3", "--format", "pdf", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "Ukendt halvår: '2018H3'" in err and "fx 2018H2" in err and "2014H1–2019H2" in err
    assert "Traceback" not in err and not out.exists()
    assert main(["pack", "--db", str(demo_db), "--half", "2030H1", "--format", "pdf", "--out", str(out)]) == 2
    assert not out.exists()


def test_pack_refuses_a_misspelt_department_naming_the_choices(demo_db, tmp_path, capsys):
    out = tmp_path / "m.pdf"
    args = ["pack", "--db", str(demo_db), "--half", "2018H2", "--format", "pdf", "--out", str(out)]
    assert main([*args, "--department", "Borger og Arbejdsmarked"]) == 2
    err = capsys.readouterr().err
    assert "Ukendt forvaltning: 'Borger og Arbejdsmarked'. Vælg en af: Anden myndighed, Borger & Arbejdsmarked" in err
    assert not out.exists()


def test_every_command_line_in_the_readme_runs_in_the_projects_environment():
    """A fresh machine has no `python` with the project's packages: the
    README's command lines name the environment `make run` makes."""
    import re
    from pathlib import Path

    readme = (Path(__file__).parent.parent / "README.md").read_text()
    calls = re.findall(r"([^\s`(]*python\S*) -m advisor", readme)
    assert calls and set(calls) == {".venv/bin/python"}, calls
    assert "http://localhost:8501" in readme


def test_serve_reads_what_every_page_reads_first_before_streamlit_starts(tiny_db, monkeypatch):
    import sys
    from advisor import filters, loader, serve
    monkeypatch.setattr(sys, "argv", list(sys.argv))  # serve sets Streamlit's
    monkeypatch.setenv("ADVISOR_DB", str(tiny_db))
    loader.clear()
    filters._option_values.cache_clear()  # as in a new server process
    frozen = []
    monkeypatch.setattr("gc.freeze", lambda: frozen.append(True))  # not the test process's objects
    started = []
    monkeypatch.setattr("streamlit.web.cli.main", lambda: started.append(sys.argv[1:]) or 0)
    assert main(["serve", "--server.port", "8599"]) == 0
    assert started == [["run", str(serve.APP), "--server.port", "8599"]]
    assert frozen == [True]  # what is loaded is exempt from full garbage collections
    cached = {key[2] for key in loader._results}
    assert {"data_status", "filter_options"} <= cached
    loader.clear()


def test_serve_starts_even_when_the_database_is_missing(tmp_path, monkeypatch):
    import sys
    from advisor import loader
    monkeypatch.setattr(sys, "argv", list(sys.argv))
    monkeypatch.setenv("ADVISOR_DB", str(tmp_path / "none.duckdb"))
    loader.clear()
    monkeypatch.setattr("streamlit.web.cli.main", lambda: 0)
    monkeypatch.setattr("gc.freeze", lambda: None)
    assert main(["serve"]) == 0
    assert not loader._results and not (tmp_path / "none.duckdb").exists()
