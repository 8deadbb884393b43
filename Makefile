# Every target bootstraps its own virtual environment from pyproject.toml alone.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
SAMPLE := data/nantong-2022-minzheng.txt
OUT    := out

.PHONY: demo test lint coverage bench accuracy validate fuzz clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test,gx,dask,lint]'
	touch $(STAMP)

demo: $(STAMP)
	@mkdir -p $(OUT)
	$(BIN)/mzcheck check $(SAMPLE)
	$(BIN)/mzcheck check $(SAMPLE) --format json -o $(OUT)/nantong-2022-check.json
	$(BIN)/mzcheck report --from $(OUT)/nantong-2022-check.json -o $(OUT)/nantong-2022-report.html
	$(BIN)/mzcheck extract $(SAMPLE) -o $(OUT)/nantong-2022-figures.csv
	@echo "demo: findings above. Open the HTML report: $(OUT)/nantong-2022-report.html"
	@echo "      the full result (JSON): $(OUT)/nantong-2022-check.json"
	@echo "      the figures table:      $(OUT)/nantong-2022-figures.csv"

test: $(STAMP)
	@bash tests/setup-browser.sh
	$(BIN)/python -m pytest -q

# the guard rails: ruff (pyflakes, bugbear, pylint errors) and mypy (strict on the
# exact-value core: numbers/, finding.py, figures.py, policy.py); settings in pyproject.toml
lint: $(STAMP)
	$(BIN)/ruff check src tests bench fuzz
	$(BIN)/mypy

# the suite under coverage.py (branch coverage; settings in pyproject.toml)
coverage: $(STAMP)
	$(BIN)/coverage erase
	$(BIN)/coverage run -m pytest -q -p no:cacheprovider
	$(BIN)/coverage combine -q
	$(BIN)/coverage report

# the CI gate on this repository's own published data: schema, declared rules, and
# the report checked against its curated figures; JUnit for the CI system
validate: $(STAMP)
	@mkdir -p $(OUT)
	$(BIN)/mzcheck validate data/nantong-2022/figures.csv data/nantong-2022-minzheng.txt
	$(BIN)/mzcheck validate data/nantong-2022/figures.csv data/nantong-2022-minzheng.txt \
		--format junit -o $(OUT)/junit.xml

bench: $(STAMP)
	$(BIN)/python bench/bench_extract.py
	$(BIN)/python bench/bench_validate.py
	$(BIN)/python bench/bench_corpus.py
	$(BIN)/python bench/bench_pdf.py

# the relation benchmark (../shared/relations, when present): relations examined, mutants
# caught, real inconsistencies found, false alarms — written to bench/results/relations.json;
# the cross-year links of ../shared/relations/years (check --across, bench/results/years.txt);
# then how often the top-ranked repair undoes a typing slip (bench/results/slips.json)
accuracy: $(STAMP)
	@if [ -d ../shared/relations ]; then \
		PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/python ../shared/tools/relbench.py --json bench/results/relations.json; \
		PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/python ../shared/tools/yearsbench.py | tee bench/results/years.txt; \
	else echo "accuracy: ../shared/relations is not present; nothing to measure"; fi
	$(BIN)/python bench/slips.py --json bench/results/slips.json

# every fuzz harness at length (about 11 minutes in all); exits 1 on the first crash
fuzz: $(STAMP)
	$(BIN)/python fuzz/fuzz.py --minutes 11

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache .hypothesis
