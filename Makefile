# kefu-check: `make demo` and `make test` work on a fresh machine (Python 3.11, pip, gcc, Python headers).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint bench clean

$(STAMP): pyproject.toml patches/durable_rules-2.0.28.patch scripts/build-durable-rules.sh
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade "pip>=24" "setuptools>=69" wheel
	scripts/build-durable-rules.sh $(VENV)
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	@# exit 1 means "consequences at or above --fail-on were found": that is the demo's point, not a failure
	$(BIN)/kefu-check fixtures/demo/month.json || [ $$? -eq 1 ]

test: $(STAMP)
	scripts/ensure-chromium.sh
	$(BIN)/ruff check .
	$(BIN)/pytest -q

bench: $(STAMP)
	$(BIN)/python bench/bench.py

clean:
	rm -rf $(VENV) build
