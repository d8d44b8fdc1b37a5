# Two commands set everything up on a fresh machine:
#   make demo   - venv + install, then map the seed article into out/
#   make test   - venv + install, then run the test suite
VENV ?= .venv
PY := $(VENV)/bin/python

.PHONY: demo test lint

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	touch $@

demo: $(VENV)/.installed
	$(VENV)/bin/conflictmap map seeds/ -o out/

test: $(VENV)/.installed
	$(PY) -m pytest -q

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
