# The two commands of the README: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
FRONTEND_PORT ?= 8080
CMS_API_URL ?= http://$(HOST):8000

.PHONY: demo frontend test install install-dev migrate lint format messages clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall whenever pyproject.toml changes. `install`: the CMS and the
# frontends (pyproject's extras "cms" and "frontend"); `install-dev`: both
# plus the test and lint tools ("dev").
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e ".[cms,frontend]"
	@touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e ".[dev]"
	@touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

migrate: install
	$(BIN)/python manage.py migrate --noinput

# The CMS and the public frontend side by side (cms/demo/management/commands/
# run_demo.py); the logins are printed again once both answer; Ctrl-C stops both.
demo: migrate
	$(BIN)/python manage.py load_initial_data
	$(BIN)/python manage.py run_demo --host $(HOST) --port $(PORT) \
	  --frontend-port $(FRONTEND_PORT)

# The public frontend alone, reading CMS_API_URL and PORT (default 8080:
# PORT given on the command line or in the environment wins).
FRONTEND_ONLY_PORT = $(if $(filter command line environment,$(origin PORT)),$(PORT),$(FRONTEND_PORT))
frontend: install
	CMS_API_URL=$(CMS_API_URL) $(BIN)/gunicorn --bind $(HOST):$(FRONTEND_ONLY_PORT) \
	  --workers 2 'frontend_templates.app:create_app()'

test: install-dev
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# The same checks as CI's lint step and the pre-commit hooks
# (.pre-commit-config.yaml): ruff, then the import contract (.importlinter).
lint: install-dev
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/lint-imports --no-logo

format: install-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Refresh the Indonesian catalogues after changing user-facing text
# (Django's need GNU gettext); commit the .po and compiled .mo files.
CATALOGUES := cms api aggregator
messages: install-dev
	for dir in $(CATALOGUES); do \
	  (cd $$dir && ../$(BIN)/python ../manage.py makemessages -l id --no-obsolete --no-location \
	   && ../$(BIN)/python ../manage.py compilemessages -l id) || exit 1; \
	done
	cd frontend_templates && ../$(BIN)/pybabel extract -F babel.cfg -k _ -k N_ \
	  --no-location -o messages.pot . && ../$(BIN)/pybabel update -i messages.pot \
	  -d locale --no-fuzzy-matching && rm messages.pot && ../$(BIN)/pybabel compile -d locale

clean:
	rm -rf $(VENV) *.egg-info
