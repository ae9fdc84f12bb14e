# navsim: development tasks. From a fresh clone, `make test` builds everything it needs.
#
#   make venv    create .venv (pinned deps from requirements.lock + navsim in editable mode)
#   make test    run the whole test suite (pytest, parallel via pytest-xdist)
#   make demo    run the demo comparison (navsim -m experiment=demo, navsim-compare, navsim-report)
#   make workshop  start the workshop app on http://127.0.0.1:8765/ (navsim-workshop)
#   make validate  run the pattern suite and rewrite docs/validation.md (navsim-validate)
#   make lint    ruff check + ruff format --check + lint-imports (the architecture contracts)
#   make lock    re-resolve requirements.lock from pyproject.toml with pip-tools
#   make clean   remove .venv, build artefacts and caches
#
# The interpreter is found automatically (first Python >= 3.12 that really runs and has
# venv/ensurepip): python3.13, python3.12, python3 on PATH, then pyenv installs under
# ~/.pyenv/versions and `pyenv root`. pyenv shims may exist but fail; each candidate is
# therefore asked for its own version. Override with `make PYTHON=/path/to/python3.12`.

SHELL := /bin/bash
.DEFAULT_GOAL := test

VENV  := .venv
STAMP := $(VENV)/.installed
VPY   := $(VENV)/bin/python

# Candidate interpreters (shell words; globs are expanded by the shell).
PYENV_GLOB = $$(pyenv root 2>/dev/null | sed 's|$$|/versions/$(1)*/bin/python|')
PY_CANDIDATES   = python3.13 python3.12 python3 \
                  $(HOME)/.pyenv/versions/3.1[2-9]*/bin/python $(call PYENV_GLOB,3.1[2-9])
LOCK_CANDIDATES = python3.12 $(HOME)/.pyenv/versions/3.12*/bin/python $(call PYENV_GLOB,3.12)
PY_MIN  = sys.version_info >= (3, 12)
PY_LOCK = sys.version_info[:2] == (3, 12)

# $(call find_python,candidates,condition): sys.executable of the first candidate that
# runs, satisfies the condition and can create virtual environments; empty if none.
find_python = $(shell for c in $(1); do \
    "$$c" -c 'import sys, venv, ensurepip; assert $(2); print(sys.executable)' 2>/dev/null \
    && break; done)

PYTHON = $(call find_python,$(PY_CANDIDATES),$(PY_MIN))
NO_PYTHON_MSG = error: no Python >= 3.12 with venv/ensurepip found (tried python3.13, \
python3.12, python3, ~/.pyenv/versions/3.1[2-9]*, `pyenv root`). Install one, or run \
`make PYTHON=/path/to/python3.12 ...`.

.PHONY: venv test demo workshop validate lint lock clean

venv: $(STAMP)

# Rebuilt when the lock or the project metadata change. An existing .venv is reused
# if its interpreter still works; otherwise it is recreated.
$(STAMP): requirements.lock pyproject.toml
	@if [ -z "$(PYTHON)" ]; then echo "$(NO_PYTHON_MSG)" >&2; exit 1; fi
	@if ! $(VPY) -c 'import sys; sys.exit(not ($(PY_MIN)))' >/dev/null 2>&1; then \
	    echo "creating $(VENV) with $(PYTHON)"; rm -rf $(VENV); "$(PYTHON)" -m venv $(VENV); \
	fi
	$(VPY) -m pip install --quiet --upgrade pip
	$(VPY) -m pip install --quiet -r requirements.lock
	$(VPY) -m pip install --quiet --no-deps -e .
	@touch $@

test: $(STAMP)
	$(VPY) -m pytest -n auto

demo: $(STAMP)
	$(VENV)/bin/navsim -m experiment=demo
	$(VENV)/bin/navsim-compare outputs/demo
	$(VENV)/bin/navsim-report outputs/demo --no-progress

# The workshop app (docs/workshop/README.md); WORKSHOP_ARGS="--host 0.0.0.0 --port 8080"
WORKSHOP_ARGS ?=
workshop: $(STAMP)
	$(VENV)/bin/navsim-workshop $(WORKSHOP_ARGS)

# The pattern suite (docs/validation.md); VALIDATE_ARGS="--seeds 20 --workers 4"
VALIDATE_ARGS ?=
validate: $(STAMP)
	$(VENV)/bin/navsim-validate --write-docs $(VALIDATE_ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

# Refresh requirements.lock: a throwaway venv with Python 3.12 (the oldest supported
# version, so markers resolve for it) gets pip-tools, then
#   pip-compile --extra dev --strip-extras --no-emit-index-url --no-emit-find-links \
#       -o requirements.lock pyproject.toml
# Existing pins are kept where still valid; to move everything to the newest versions:
#   make lock LOCK_FLAGS=--upgrade
LOCK_FLAGS ?=
LOCK_PYTHON = $(call find_python,$(LOCK_CANDIDATES),$(PY_LOCK))
lock:
	@if [ -z "$(LOCK_PYTHON)" ]; then \
	    echo "error: make lock needs Python 3.12 (or make lock LOCK_PYTHON=...)" >&2; exit 1; fi
	tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	"$(LOCK_PYTHON)" -m venv "$$tmp/venv" && \
	"$$tmp/venv/bin/python" -m pip install --quiet --upgrade pip pip-tools && \
	CUSTOM_COMPILE_COMMAND="make lock" "$$tmp/venv/bin/pip-compile" --quiet \
	    --extra dev --strip-extras --no-emit-index-url --no-emit-find-links $(LOCK_FLAGS) \
	    -o requirements.lock pyproject.toml

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis build dist *.egg-info
	find . -path ./.git -prune -o -type d -name __pycache__ -prune -exec rm -rf {} +
