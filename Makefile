# The two everyday commands: `make run` (serve the demo site) and `make test`.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000

.PHONY: run test admin migrate demo bench screenshots lighthouse stack stack-down clean-venv

$(PY):
	@py=$$(scripts/find-python.sh) || exit 1; \
	echo "Creating $(VENV) with $$py ($$($$py --version))"; \
	$$py -m venv $(VENV)
	@$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed-run: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet .
	@touch $@

$(VENV)/.installed-test: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet ".[test]"
	@touch $@ $(VENV)/.installed-run

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

migrate: $(VENV)/.installed-run
	$(PY) manage.py migrate --noinput
	$(PY) manage.py createcachetable

demo: migrate
	$(PY) manage.py load_demo

run: demo
	@echo ""
	@echo "  Careers site:  http://127.0.0.1:$(PORT)/careers/"
	@echo "  Reference:     http://127.0.0.1:$(PORT)/careers/european-ai-safety-policy-lead-technical/"
	@echo "  Admin:         http://127.0.0.1:$(PORT)/admin/  (create a login with: make admin)"
	@echo ""
	PORT=$(PORT) $(PY) manage.py runserver 127.0.0.1:$(PORT)

admin: migrate
	$(PY) manage.py createsuperuser

test: $(VENV)/.installed-test node_modules/.installed
	$(PY) -m pytest $(PYTEST_ARGS)

# Benchmarks print figures; they are never part of `make test`. Loopback only.
bench: $(VENV)/.installed-test
	@command -v wrk >/dev/null || (apt-get install -y -qq wrk >/dev/null 2>&1 || echo "wrk not installed: using the Python load client")
	export DATABASE_URL=$${DATABASE_URL:-$$(scripts/ensure-postgres.sh careers_bench)}; \
	$(PY) benchmarks/throughput.py; \
	$(PY) benchmarks/search.py; \
	$(PY) benchmarks/apply.py; \
	$(PY) benchmarks/apply_load.py; \
	$(PY) benchmarks/slow_clients.py

# Lighthouse's four scores for the list, posting and apply pages (npm's lighthouse, Debian's Chromium).
# The README's recruiter screenshots, retaken by the recruiter's browser journey.
screenshots: $(VENV)/.installed-test node_modules/.installed
	export DATABASE_URL=$${DATABASE_URL:-$$(scripts/ensure-postgres.sh careers_screenshots)}; \
	SCREENSHOTS_DIR=docs/screenshots $(PY) -m pytest -q tests/browser/test_recruiter_journey.py -k recruiter_works

lighthouse: $(VENV)/.installed-test
	export DATABASE_URL=$${DATABASE_URL:-$$(scripts/ensure-postgres.sh careers_bench)}; \
	$(PY) benchmarks/lighthouse.py

# The production topology on this machine: nginx, two gunicorns, Redis, S3 (moto), worker, schedule.
stack: $(VENV)/.installed-test
	@command -v redis-server >/dev/null && command -v nginx >/dev/null || \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server nginx >/dev/null)
	PATH=$(CURDIR)/$(VENV)/bin:$$PATH scripts/stack.sh

stack-down:
	@pid=$$(cat var/stack/honcho.pid 2>/dev/null) && kill -- -$$pid 2>/dev/null && echo "Stack stopped." || echo "No stack running."
	@rm -f var/stack/honcho.pid

clean-venv:
	rm -rf $(VENV)
