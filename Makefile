# `make run` and `make test` work from a fresh clone: each builds .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test lint bench screenshots dist install-desktop clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed-app: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

# The test tools, and PyInstaller for the test that builds the desktop bundle.
$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test,dist]'
	touch $@ $(VENV)/.installed-app $(VENV)/.installed-dist

$(VENV)/.installed-dist: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dist]'
	touch $@ $(VENV)/.installed-app

run: $(VENV)/.installed-app
	$(BIN)/python main.py $(ARGS)

test: $(VENV)/.installed-test
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

bench: $(VENV)/.installed-test
	QT_QPA_PLATFORM=offscreen $(BIN)/python bench/run_all.py $(ARGS)

screenshots: $(VENV)/.installed-app
	QT_QPA_PLATFORM=offscreen $(BIN)/python main.py --demo --screenshots screenshots

# The desktop program: dist/mentoring-workbench/ and an archive (packaging/build.py).
dist: $(VENV)/.installed-dist
	$(BIN)/python packaging/build.py

# The menu entry, icon and .wbpack type for this user: the built program if there
# is one (make dist), else this source tree's own.
install-desktop: $(VENV)/.installed-app
	if [ -x dist/mentoring-workbench/mentoring-workbench ]; then \
	  sh packaging/linux/install-desktop.sh dist/mentoring-workbench/mentoring-workbench; \
	else \
	  sh packaging/linux/install-desktop.sh $(BIN)/workbench; \
	fi

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache *.egg-info build dist
