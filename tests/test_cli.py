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
