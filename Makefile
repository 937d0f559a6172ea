# Every target creates or reuses .venv and installs what it needs.
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip -q --disable-pip-version-check
LOCK := requirements.lock
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install system run test test-postgres bench lint format clean messages

$(VENV)/.installed: pyproject.toml $(LOCK)
	test -x $(PY) || python3 -m venv $(VENV)
	$(PIP) install -c $(LOCK) -e '.[dev]' 2>&1 | grep -v "is ignored" || true
	$(PY) -c "import accord, pytest, hypothesis"
	touch $@

$(VENV)/.installed-bench: $(VENV)/.installed
	$(PIP) install -c $(LOCK) -e '.[dev,bench]' 2>&1 | grep -v "is ignored" || true
	$(PY) -c "import spacy"
	touch $@

# Then the compiled twin of the extraction path (accord/extract/engine.py): built when a source
# changed, a no-op otherwise; without a C compiler a warning, and the pure-Python engine runs.
install: $(VENV)/.installed
	@$(PY) -m accord.extract.compile

# Debian packages of the tests (Chromium, fonts, PostgreSQL...): installed when missing and root.
system:
	scripts/install-system-packages

run: install
	$(VENV)/bin/accord db upgrade
	$(VENV)/bin/accord ingest examples/us-kr/*.txt
	$(VENV)/bin/accord agreements
	$(VENV)/bin/accord serve --host $(HOST) --port $(PORT)

test: install system
	$(VENV)/bin/pytest -n 3 --dist worksteal -q --durations=15

# Runs the suite against a throwaway PostgreSQL server as well as SQLite (needs Debian's postgresql).
test-postgres: install
	scripts/with-postgres $(MAKE) test

bench: $(VENV)/.installed-bench install system
	$(PY) -m benchmarks $(BENCH)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy accord

# Extracts the interface's strings from templates and Python into the catalogues (then translate
# the new Korean msgstr in accord/i18n/locale/ko/LC_MESSAGES/messages.po; the .po is all we commit).
LOCALES := accord/i18n/locale
messages: install
	$(VENV)/bin/pybabel -q extract -F babel.cfg -k N_ --no-location --sort-output --omit-header \
		-o $(LOCALES)/messages.pot .
	for lang in en ko; do \
		if [ -f $(LOCALES)/$$lang/LC_MESSAGES/messages.po ]; then \
			$(VENV)/bin/pybabel -q update -i $(LOCALES)/messages.pot -d $(LOCALES) -l $$lang \
				--no-fuzzy-matching --ignore-obsolete; \
		else $(VENV)/bin/pybabel -q init -i $(LOCALES)/messages.pot -d $(LOCALES) -l $$lang; fi; \
	done

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

clean:
	rm -rf $(VENV) accord.db accord.db-wal accord.db-shm .pytest_cache .ruff_cache *.egg-info build/compiled*
