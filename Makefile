# `make run` and `make test` are all anyone needs; both set up everything first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEMO := data/demo.duckdb

.PHONY: run dev test bench demo clean

run: $(VENV)/run.stamp $(DEMO)
	$(BIN)/python -m advisor key
	$(BIN)/python -m advisor serve

# Development: reload on save (production config turns the file watcher off).
dev: $(VENV)/run.stamp $(DEMO)
	$(BIN)/python -m advisor key
	$(BIN)/streamlit run app.py --server.fileWatcherType auto --server.runOnSave true

test: $(VENV)/test.stamp $(DEMO)
	$(BIN)/python -m pytest

# National scale: 100k, 1M and 10M rows, about 40 minutes; writes
# bench/results.md and bench/results.json. `make test` runs it at a tiny size.
bench: $(VENV)/test.stamp
	$(BIN)/python bench/run.py

demo: $(VENV)/run.stamp
	$(BIN)/python -m advisor demo --db $(DEMO)

$(VENV)/run.stamp: requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/test.stamp: $(VENV)/run.stamp requirements-dev.txt
	$(BIN)/python -m pip install -q --disable-pip-version-check -r requirements-dev.txt
	touch $@

$(DEMO): $(VENV)/run.stamp advisor/demo.py advisor/db.py advisor/schema.sql data/organisation.csv data/published_monthly.csv data/events.csv
	$(BIN)/python -m advisor demo --db $@

clean:
	rm -rf $(VENV) $(DEMO) test-output .pytest_cache bench/work
