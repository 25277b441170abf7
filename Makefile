PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Exact versions and hashes of every dependency, dev tools and the build backend included.
# `make lock` remakes it from pyproject.toml (and requirements/build.in) with uv, keeping
# the pins it can; `make lock UPGRADE=1` moves every pin to the newest release.
LOCK := requirements/lock.txt
UV_VERSION := 0.13.9

.PHONY: run test lint demo bench simulator clean lock

$(STAMP): pyproject.toml $(LOCK)
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --require-hashes --no-deps -r $(LOCK)
	$(BIN)/python -m pip install -q --no-deps --no-build-isolation -e .
	touch $(STAMP)

lock:
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q 'uv==$(UV_VERSION)'
	$(BIN)/uv pip compile pyproject.toml requirements/build.in --extra dev --universal \
		--python-version 3.11 --generate-hashes --custom-compile-command 'make lock' \
		--quiet $(if $(UPGRADE),--upgrade) -o $(LOCK)

run: $(STAMP)
	$(BIN)/python -m bot run

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

test: lint
	$(BIN)/python -m pytest -q

demo: $(STAMP)
	PYTHONPATH=. $(BIN)/python scripts/demo.py

bench: $(STAMP)
	PYTHONPATH=. $(BIN)/python benchmarks/run.py

simulator: $(STAMP)
	$(BIN)/python -m simulator --port 8090

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache
