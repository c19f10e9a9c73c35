# ASN Workbench: the two commands every user needs are `make lab` and `make test`.
# Everything is installed into .venv in this folder; nothing is installed system-wide except
# Debian's chromium for the browser tests, poppler-utils for the certificate test and bubblewrap
# for the grading sandbox (only when running as root, as CI does).

PORT ?=
HOST ?= 127.0.0.1
PYTEST_ARGS ?=
# Two workers (CI has two cores); a module's tests stay in one worker, the modules with slow tests
# first (tests/conftest.py). The browser tests then run alone, one at a time: on two cores a page
# that shares them with a second worker's notebooks and kernels can take minutes to draw.
# PYTEST_PARALLEL= runs everything in one process.
PYTEST_PARALLEL ?= -n 2 --dist loadfile --no-loadscope-reorder

# On Windows (Git Bash + make) the launcher is `python` and scripts live in Scripts/.
ifeq ($(OS),Windows_NT)
PYTHON ?= python
BIN := .venv/Scripts
else
PYTHON ?= python3
BIN := .venv/bin
endif

# Kernels and extensions of this environment win over stray user-level ones.
export JUPYTER_PREFER_ENV_PATH := 1
export PYTHONUNBUFFERED := 1

SETUP_INPUTS := pyproject.toml constraints.txt tools/setup_env.py jupyter/labconfig/default_setting_overrides.json \
	jupyter/ipython/ipython_kernel_config.py \
	$(wildcard jupyter/labextensions/@asn-workbench/*/package.json jupyter/labextensions/@asn-workbench/*/static/*)

.PHONY: help lab lab-pelatih dashboards hub test test-fast lint format bench bench-hub browser pdf-tools sandbox clean

help:
	@echo "make lab         siapkan .venv lalu buka ruang kerja Anda di JupyterLab (PORT=8888)"
	@echo "make lab-pelatih JupyterLab untuk pelatih: exercises/, grading/, notebooks/ (Formgrader)"
	@echo "make dashboards  sajikan dasbor Voila (PORT=8866); siapkan ruangan: TIM=5 (5 tim lokakarya),"
	@echo "                 BERTIGA=15 (15 orang latihan percakapan), RESPONDEN=25 (kuesioner bersama)"
	@echo "make hub         coba JupyterHub bersama: pelatih + peserta (PORT=8000)"
	@echo "make test        siapkan semuanya lalu jalankan seluruh pengujian"
	@echo "make test-fast   pengujian cepat saja (tanpa server, peramban, notebook)"
	@echo "make bench       jalankan benchmark di benchmarks/"
	@echo "make bench-hub   uji beban JupyterHub: kelas 10/30/60 peserta masuk dalam semenit (root; MAX=60)"
	@echo "make sandbox     pasang bubblewrap untuk sandbox penilaian otomatis (root)"
	@echo "make format      rapikan kode dengan ruff"

.venv/.installed: $(SETUP_INPUTS)
	$(PYTHON) tools/setup_env.py
	@touch $@

.venv/.installed-dev: $(SETUP_INPUTS)
	$(PYTHON) tools/setup_env.py --extras test,bench
	@touch $@ .venv/.installed

lab: .venv/.installed
	$(BIN)/workbench lab $(if $(PORT),--port $(PORT)) --host $(HOST)

lab-pelatih: .venv/.installed
	$(BIN)/workbench lab --trainer $(if $(PORT),--port $(PORT)) --host $(HOST)

dashboards: .venv/.installed
	$(BIN)/workbench dashboards $(if $(PORT),--port $(PORT)) $(if $(TIM),--teams $(TIM)) \
		$(if $(BERTIGA),--triad-people $(BERTIGA)) $(if $(RESPONDEN),--respondents $(RESPONDEN)) \
		--host $(HOST)

# The shared server (JupyterHub, deploy/jupyterhub): installed under HUB_PREFIX with a Python every
# user can read, configurable-http-proxy from npm and a copy of the course. As root the users'
# servers run as their own system accounts; otherwise it is a try-out on this machine only.
ifeq ($(shell id -u 2>/dev/null),0)
HUB_PREFIX ?= /opt/asn-workbench
else
HUB_PREFIX ?= .hub
endif
HUB_INPUTS := $(SETUP_INPUTS) tools/setup_hub.py deploy/jupyterhub/package-lock.json \
	$(shell git ls-files notebooks exercises scenarios 2>/dev/null)

$(HUB_PREFIX)/.installed: $(HUB_INPUTS)
	$(PYTHON) tools/setup_hub.py install --prefix $(HUB_PREFIX)
	@touch $@

hub: sandbox $(HUB_PREFIX)/.installed
	$(PYTHON) tools/setup_hub.py start --prefix $(HUB_PREFIX) $(if $(PORT),--port $(PORT))

# Debian's Chromium for the browser tests; Playwright drives it (it cannot download browsers here).
# Plus a colour emoji font: without one, the feedback marks (✅ ❌ 💡) render as empty boxes,
# and hunspell-id, the Indonesian dictionary the language pack's spelling test checks against.
browser:
	@if command -v chromium >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "Memasang chromium (Debian) untuk uji peramban ..."; \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/dev/null \
		|| { echo "Gagal memasang chromium."; exit 1; }; \
	else \
		echo "PERINGATAN: chromium tidak ditemukan; uji peramban akan dilewati."; \
		echo "  Pasang dengan: sudo apt-get install chromium"; \
	fi
	@if ! command -v fc-list >/dev/null 2>&1 || fc-list | grep -qi emoji; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "Memasang huruf emoji (fonts-noto-color-emoji) ..."; \
		(DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-noto-color-emoji \
		|| (apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
		    apt-get install -y -qq fonts-noto-color-emoji)) >/dev/null 2>&1 \
		|| echo "PERINGATAN: huruf emoji gagal dipasang; tanda ✅ ❌ 💡 tampil sebagai kotak."; \
	else \
		echo "PERINGATAN: tidak ada huruf emoji; tanda ✅ ❌ 💡 tampil sebagai kotak kosong."; \
		echo "  Pasang dengan: sudo apt-get install fonts-noto-color-emoji"; \
	fi
	@if [ -f /usr/share/hunspell/id_ID.dic ] && command -v hunspell >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "Memasang kamus ejaan Indonesia (hunspell-id) untuk uji ejaan terjemahan ..."; \
		(DEBIAN_FRONTEND=noninteractive apt-get install -y -qq hunspell hunspell-id \
		|| (apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
		    apt-get install -y -qq hunspell hunspell-id)) >/dev/null 2>&1 \
		|| echo "PERINGATAN: hunspell-id gagal dipasang; uji ejaan terjemahan akan dilewati."; \
	else \
		echo "PERINGATAN: kamus hunspell-id tidak ada; uji ejaan terjemahan akan dilewati."; \
		echo "  Pasang dengan: sudo apt-get install hunspell hunspell-id"; \
	fi

# Poppler's pdftoppm/pdftotext for the certificate test (it renders a certificate page to PNG).
pdf-tools:
	@if command -v pdftoppm >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "Memasang poppler-utils (Debian) untuk uji sertifikat ..."; \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils) >/dev/null \
		|| { echo "Gagal memasang poppler-utils."; exit 1; }; \
	else \
		echo "PERINGATAN: pdftoppm tidak ditemukan; uji sertifikat akan dilewati."; \
		echo "  Pasang dengan: sudo apt-get install poppler-utils"; \
	fi

# Debian's bubblewrap: every learner's notebook is graded in a sandbox of its own (README,
# "Keamanan penilaian otomatis"); without it `workbench grade autograde` refuses to grade.
sandbox:
	@if command -v bwrap >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "Memasang bubblewrap (Debian) untuk sandbox penilaian ..."; \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq bubblewrap) >/dev/null \
		|| { echo "Gagal memasang bubblewrap."; exit 1; }; \
	else \
		echo "PERINGATAN: bubblewrap tidak ditemukan; penilaian otomatis menolak menilai dan uji sandbox dilewati."; \
		echo "  Pasang dengan: sudo apt-get install bubblewrap"; \
	fi

# ruff: style, size limits and banned calls (pyproject.toml); check_one_way: the "one way to do
# each thing" rules ruff cannot express (hand-parsed numbers, hand-formatted numbers in text,
# the office time zone, the NIP pattern). See CONTRIBUTING.md.
lint: .venv/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python tools/check_one_way.py

test: .venv/.installed-dev browser pdf-tools sandbox lint
	$(BIN)/pytest -m "not browser" $(PYTEST_PARALLEL) $(PYTEST_ARGS)
	$(BIN)/pytest -m browser $(PYTEST_ARGS)

test-fast: .venv/.installed-dev pdf-tools sandbox lint
	$(BIN)/pytest -m "not slow" $(PYTEST_PARALLEL) $(PYTEST_ARGS)

format: .venv/.installed-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# bench_hub.py is a load run of the shared server (real users as root, minutes): `make bench-hub`.
bench: .venv/.installed-dev
	@set -e; for f in $(filter-out benchmarks/bench_hub.py,$(wildcard benchmarks/bench_*.py)); do \
		echo "== $$f"; $(BIN)/python $$f; done

bench-hub: .venv/.installed-dev
	$(BIN)/python benchmarks/bench_hub.py $(if $(MAX),--max $(MAX))

clean:
	rm -rf .venv .pytest_cache .ruff_cache
