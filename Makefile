# Two commands for a fresh machine (each creates .venv when missing):
#   make report   install privcompare and write the gap report for data/policies/ to report/
#   make test     install privcompare with its test extras and run the whole test suite
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
OUT    ?= report

.PHONY: report test install clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[all]'
	touch $@

install: $(VENV)/.installed

report: install
	$(BIN)/privcompare report data/policies --out $(OUT)

test: install
	$(BIN)/python -m pytest -q

clean:
	rm -rf $(VENV) $(OUT)
