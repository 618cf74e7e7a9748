# termguard: two commands on a fresh machine.
#   make demo   set everything up and run the main job on seeds/
#   make test   set everything up and run every check (ruff, mypy, pytest)

UV ?= $(shell command -v uv 2>/dev/null || echo "$(PY) -m uv")
PY := python3
RUN := $(UV) run --frozen
SYSTEM_TOOLS := msgfmt

.PHONY: demo test setup system-deps lint typecheck pytest pytest-cpus recipes bench models clean review-messages

setup:
	@$(UV) --version >/dev/null 2>&1 || $(PY) -m pip install --quiet uv
	@$(UV) sync --frozen --quiet --extra review

# gettext's msgfmt is the oracle for every .po we write; Debian's chromium renders the HTML report
# and runs the review page's browser tests; LibreOffice opens the translated .docx and pdftoppm
# (poppler-utils) draws its pages; Noto (Cyrillic, Thai) and the TLWG Thai fonts render kk, ru
# and th on the review page.
SYSTEM_PACKAGES := gettext chromium libreoffice-writer-nogui poppler-utils fonts-noto-core fonts-thai-tlwg
system-deps:
	@command -v msgfmt >/dev/null 2>&1 && command -v chromium >/dev/null 2>&1 \
	  && command -v soffice >/dev/null 2>&1 && command -v pdftoppm >/dev/null 2>&1 \
	  && fc-list 2>/dev/null | grep -q NotoSansThai && fc-list | grep -q -i loma || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $(SYSTEM_PACKAGES) >/dev/null) \
	    || echo "warning: could not install $(SYSTEM_PACKAGES); tests that need them will be skipped" >&2; \
	  else echo "warning: install $(SYSTEM_PACKAGES) (apt-get install ...) for the full test suite" >&2; fi; }

demo: setup
	$(RUN) termguard glossary validate glossary/
	$(RUN) termguard glossary stats
	$(RUN) termguard tm import seeds/tm/seed-translations.tmx
	$(RUN) termguard translate seeds/*.txt --to en,ru,kk --parallel parallel/ --report parallel/report.json

lint: setup
	$(RUN) ruff check src tests bench scripts
	$(RUN) ruff format --check src tests bench scripts

typecheck: setup
	$(RUN) mypy src

pytest: setup system-deps
	$(RUN) pytest -q

# CTranslate2's int8 kernels differ by CPU (MKL on Intel, oneDNN on AMD, by instruction set):
# the engine tests run once per kernel family this machine can emulate.
pytest-cpus: setup
	$(RUN) python scripts/cpu_variants.py

test: lint typecheck pytest pytest-cpus

# Every step of docs/models.md, run as written on small models in the layouts users download
# (OPUS-MT on the hub and as a Marian release, NLLB, Argos-index packages). torch and
# transformers live in .venv-models only (made once; torch==2.13.0 is the CPU build).
MODELS_VENV := .venv-models
$(MODELS_VENV)/bin/python: scripts/requirements-models.txt scripts/requirements-tiny-models.txt
	rm -rf $(MODELS_VENV)/bin $(MODELS_VENV)/lib $(MODELS_VENV)/include $(MODELS_VENV)/pyvenv.cfg
	$(PY) -m venv $(MODELS_VENV)
	$(MODELS_VENV)/bin/pip install --quiet -r scripts/requirements-models.txt
	touch $@

recipes: setup $(MODELS_VENV)/bin/python
	$(MODELS_VENV)/bin/python scripts/build_model_layouts.py --out $(MODELS_VENV)/layouts
	$(PY) scripts/check_model_recipes.py --layouts $(MODELS_VENV)/layouts

# The review page's own strings: extract them from its code and templates into the template, and
# merge that into the Russian catalog (translate the new entries, then run the tests).
REVIEW := src/termguard/review
review-messages: setup
	$(RUN) pybabel extract -F $(REVIEW)/babel.cfg -k _ -k ngettext:1,2 --no-location \
	  --omit-header --sort-by-file -o $(REVIEW)/locale/review.pot $(REVIEW)
	$(RUN) pybabel update -D review -i $(REVIEW)/locale/review.pot -d $(REVIEW)/locale -l ru \
	  --ignore-obsolete --no-wrap --no-fuzzy-matching
	msgfmt --check -o /dev/null $(REVIEW)/locale/ru/LC_MESSAGES/review.po

clean:
	rm -rf .venv .venv-models .pytest_cache .mypy_cache .ruff_cache
