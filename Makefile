# One command installs and runs the product; one installs and runs the tests.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
RUN_STAMP := $(VENV)/.installed-run
DEV_STAMP := $(VENV)/.installed-dev

.PHONY: run test lint fmt bench bench-instructions clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# What running needs, nothing more.
$(RUN_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $(RUN_STAMP)

# Running plus the test, lint and type-check tools.
$(DEV_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(RUN_STAMP) $(DEV_STAMP)

## run: install into .venv and start the bot (terminal chat when TELEGRAM_BOT_TOKEN is unset)
run: $(RUN_STAMP)
	$(BIN)/pingcang run

## test: install into .venv, then lint, type-check, check the layers and run the whole test suite
test: $(DEV_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache
	$(BIN)/pytest

fmt: $(DEV_STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

## bench: run the benchmarks, print a table and write bench/results.json
bench: $(DEV_STAMP)
	$(BIN)/python -m bench

## bench-instructions: instructions per answer under valgrind (a noise-free before/after figure)
bench-instructions: $(DEV_STAMP)
	$(BIN)/python -m bench.instructions

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
