# Two commands on a fresh machine with nothing but Python 3.11+:
#   make demo   assess the shipped sample applicants, print a summary, write out/
#   make test   run the whole test suite (installs LibreOffice headless if missing, for the real-spreadsheet tests)
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test bench install clean

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[all,dev]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/xladdin assess workbooks/sample-applicants.csv --rules GE-2025 --out out/decisions.xlsx

test: $(STAMP)
	bash scripts/ensure-libreoffice.sh
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python -m benchmarks

clean:
	rm -rf $(VENV) out
