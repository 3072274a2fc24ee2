# juesuan — two commands on a fresh machine with Python 3.11: `make demo`, `make test`.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
EXAMPLE := examples/urumqi-iit-2022.yaml

.PHONY: demo test install system-packages browser-packages bench clean docs web-assets serve fuzz

$(PY):
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "需要 Python 3.11 / Python 3.11 is required"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip

# Byte-compile src/ as pip does for an installed wheel (an editable install leaves it to the
# first run, which cannot write it where PYTHONDONTWRITEBYTECODE is set).
$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install -q -e .
	$(PY) -m compileall -q src
	touch $@

$(TEST_STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install -q -e '.[test,ocr,data,web]'
	touch $@ $(STAMP)

# Fonts for PDF output (Noto CJK); installed only when missing, needs root or sudo.
system-packages:
	@if ! fc-list 2>/dev/null | grep -qi "Noto Serif CJK\|Noto Sans CJK"; then \
	  echo "安装 CJK 字体 / installing fonts-noto-cjk"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  ($$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq fonts-noto-cjk fontconfig >/dev/null) \
	    || echo "警告：未能安装 fonts-noto-cjk，PDF 将使用回退字体 / warning: fonts-noto-cjk not installed"; \
	fi

# For the tests only: Debian's chromium (Playwright drives it by its path; no browser is downloaded),
# poppler-utils (pdftotext makes two of the text shapes the reader is scored on) and LibreOffice
# without its GUI (the typography tests read our DOCX/XLSX pages as Word/Excel users would print them).
browser-packages:
	@if ! command -v chromium >/dev/null 2>&1 || ! command -v pdftotext >/dev/null 2>&1 \
	    || ! command -v soffice >/dev/null 2>&1; then \
	  echo "安装 chromium、poppler-utils、LibreOffice / installing chromium, poppler-utils, LibreOffice"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  ($$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium poppler-utils \
	      libreoffice-writer-nogui libreoffice-calc-nogui >/dev/null) \
	    || echo "警告：未能安装 chromium/poppler-utils/LibreOffice，相关测试将失败或跳过 / warning: not installed"; \
	fi

install: $(STAMP)

# Front-end packages (ECharts for the portal's charts, axe-core for the accessibility test) from the
# npm registry by the lockfile, served by the app itself: no page loads anything from a CDN.
VENDOR := src/juesuan/web/static/vendor/.installed
$(VENDOR): web-assets/package-lock.json
	@command -v npm >/dev/null 2>&1 || { echo "警告：没有 npm，门户图表不可用 / warning: npm missing, portal charts unavailable"; exit 0; }; \
	cd web-assets && npm ci --no-audit --no-fund --silent && cd .. && mkdir -p $(@D) && \
	cp web-assets/node_modules/echarts/dist/echarts.min.js web-assets/node_modules/axe-core/axe.min.js $(@D)/ && touch $@

web-assets: $(VENDOR)

demo: $(STAMP) system-packages
	$(VENV)/bin/juesuan show $(EXAMPLE)
	$(VENV)/bin/juesuan check $(EXAMPLE) --min-severity 警告 || true
	@# --force: the example keeps the seed's real defects as printed (its 说明 and 自评表 show 错误 that the
	@# gate reports above); the build prints every 说明 figure from the tables and records --force in the
	@# document properties. A department's own file builds without it once check shows 0 错误 and 0 待补充.
	$(VENV)/bin/juesuan build $(EXAMPLE) -o build/demo --force
	@echo "生成结果 / produced:" && ls -l build/demo
	@echo "工作台与公开门户 / workspace and portal: make serve  （http://127.0.0.1:8000/，演示账号打印在终端）"

# The workspace and the public portal with demo data (two regions, three departments, users of every role).
serve: $(STAMP) web-assets
	$(PY) -m pip install -q -e '.[web]'
	JUESUAN_DATA_DIR=build/workspace $(VENV)/bin/juesuan serve --demo

test: $(TEST_STAMP) system-packages browser-packages web-assets
	$(PY) -m pytest

bench: $(STAMP)
	$(PY) bench/run.py

# Long fuzz campaign (docs/limits.md): every input in a subprocess bounded by 60 s CPU and 2 GB.
fuzz: $(TEST_STAMP)
	$(PY) bench/fuzz.py --count $${FUZZ_COUNT:-10000} --out build/fuzz

docs: $(STAMP)
	$(PY) -m juesuan.docs

clean:
	rm -rf $(VENV) build .pytest_cache
