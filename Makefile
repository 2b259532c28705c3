# kefu-check: `make demo` and `make test` work on a fresh machine (Python 3.11, pip, gcc, Python headers).
# the interpreter of .venv/: the distribution's python3 when it is usable (scripts/pick-python.sh says why)
PYTHON ?= $(shell scripts/pick-python.sh)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CHROMIUM := scripts/ensure-debian.sh /usr/bin/chromium chromium chromium-driver fonts-noto-cjk
VALGRIND := scripts/ensure-debian.sh /usr/bin/valgrind valgrind
# the project's bytecode written even where PYTHONDONTWRITEBYTECODE is set (CI images, Docker): without it every
# run compiles the modules it imports (the CLI 1.3x its import floor instead of 1.0x; docs/performance.md)
BYTECODE := $(BIN)/python -m compileall -q kefu_check rules

.PHONY: demo test lint bench soak fuzz fuzz-months memcheck coreschema clean

$(STAMP): pyproject.toml constraints.txt patches/durable_rules-2.0.28.patch scripts/build-durable-rules.sh
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade "pip>=24" "setuptools>=69" wheel
	scripts/build-durable-rules.sh $(VENV)
	$(BIN)/pip install --quiet -c constraints.txt -e '.[test]'
	$(BYTECODE)
	touch $(STAMP)

demo: $(STAMP)
	@$(BYTECODE)
	@# exit 1 means "consequences at or above --fail-on were found": that is the demo's point, not a failure
	$(BIN)/kefu-check fixtures/demo/month.json || [ $$? -eq 1 ]

test: $(STAMP)
	@$(BYTECODE)
	$(CHROMIUM)
	$(VALGRIND)
	$(BIN)/ruff check .
	$(BIN)/pytest -q
	$(BIN)/python scripts/memcheck.py --months 300 --no-engine-tests

bench: $(STAMP)
	$(BIN)/python bench/bench.py

soak: $(STAMP)  # engine health: 100,000 evaluations in one process vs fresh processes (bench/README.md)
	$(BIN)/python bench/soak.py

fuzz: $(STAMP)  # hostile input: 10,000 generated inputs across check, review and analyze (docs/robustness.md)
	KEFU_FUZZ_EXAMPLES=$${KEFU_FUZZ_EXAMPLES:-10000} $(BIN)/pytest -q --hypothesis-show-statistics tests/test_hostile.py

memcheck: $(STAMP)  # durable-rules' C engine under valgrind: tests/test_engine.py and 3,000 generated months (docs/robustness.md)
	$(VALGRIND)
	$(BIN)/python scripts/memcheck.py --months $${KEFU_MEMCHECK_MONTHS:-3000}

fuzz-months: $(STAMP)  # the properties of tests/test_generated_months.py on 10,000 generated months (docs/robustness.md)
	KEFU_MONTHS=$${KEFU_MONTHS:-10000} $(BIN)/pytest -q -rxX tests/test_generated_months.py

coreschema: $(STAMP)  # after changing models.py or values.py: regenerate kefu_check/coreschema.py (kefu_check/records.py)
	$(BIN)/python scripts/gen-coreschema.py

clean:
	rm -rf $(VENV) build
