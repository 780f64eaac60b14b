# The two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
export PORT

.PHONY: run stack test lint messages checkers benchmark bench-serving clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Reinstall when pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

## Set up the portal with demo content and serve it on http://127.0.0.1:$(PORT)/
run: $(VENV)/.installed
	LOAD_DEMO=1 PATH="$(CURDIR)/$(BIN):$$PATH" bin/start

## The same with nginx in front, as in production: http://127.0.0.1:$(PORT)/ (gunicorn on the next port)
stack: $(VENV)/.installed
	LOAD_DEMO=1 PATH="$(CURDIR)/$(BIN):$$PATH" bin/stack

## Run the whole test suite (PostgreSQL when DATABASE_URL is set, else SQLite)
test: $(VENV)/.installed
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/python manage.py check

## Install the page checkers the tests run (vnu, axe-core; pinned in .ci/node/) from npm into NODE_TOOLS
NODE_TOOLS ?= $(HOME)/.cache/newsportal-node-tools
checkers:
	mkdir -p "$(NODE_TOOLS)"
	[ -f "$(NODE_TOOLS)/node_modules/.package-lock.json" ] && \
		cmp -s .ci/node/package-lock.json "$(NODE_TOOLS)/package-lock.json" || { \
		cp .ci/node/package.json .ci/node/package-lock.json "$(NODE_TOOLS)/" && \
		cd "$(NODE_TOOLS)" && npm ci --ignore-scripts --no-audit --no-fund; }

## Extract interface strings into locale/*/django.po and compile them
messages: $(VENV)/.installed
	$(BIN)/python manage.py makemessages --locale id --locale en --no-location --ignore '.venv/*' --ignore 'var/*'
	$(BIN)/python manage.py compilemessages --ignore '.venv/*'

## Time ten searches over 50,000 generated articles in a scratch PostgreSQL database (DATABASE_URL's server)
benchmark: $(VENV)/.installed
	$(BIN)/python bench/search_benchmark.py

## Serving speed in one alternating wrk run: nginx, WhiteNoise, bare Django and the portal's pages (bench/serving.py)
bench-serving: $(VENV)/.installed
	$(BIN)/python bench/serving.py

clean:
	rm -rf $(VENV) var
