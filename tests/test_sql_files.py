"""Every query file is used by the code and tested by name."""

import re
from pathlib import Path

import pytest

from advisor import queries

ROOT = Path(__file__).parent.parent
CODE = "\n".join(p.read_text() for p in [ROOT / "app.py", *ROOT.glob("pages/*.py"), *ROOT.glob("advisor/*.py")])
TESTS = "\n".join(p.read_text() for p in Path(__file__).parent.glob("test_*.py") if p.name != Path(__file__).name)


@pytest.mark.parametrize("name", queries.names())
def test_query_is_used_and_tested(name):
    # Used by name, or read by a derived query the app uses (-- derived from:).
    readers = [other for other in queries.names() if queries.source(other) == name]
    assert f'"{name}"' in CODE or any(f'"{other}"' in CODE for other in readers), f"queries/{name}.sql is not used by the app"
    assert f'"{name}"' in TESTS, f"queries/{name}.sql has no test"


@pytest.mark.parametrize("name", queries.names())
def test_query_follows_the_house_style(name):
    code = re.sub(r"--.*|'[^']*'", "", queries.text(name))  # comments and strings may hold capitals
    assert code == code.lower(), "lowercase SQL"
    assert "{" not in code, "no templating: bind $parameters"
    if "with" in code.split():
        assert code.rstrip().endswith("select * from final"), "input CTEs, logic CTEs, select * from final"
