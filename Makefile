# Saulet: the two commands a newcomer needs are `make run` and `make test`.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
CARGO ?= cargo
NPM ?= npm
FRONTEND := frontend
CHROMIUM_PATH ?= /usr/bin/chromium
NODE_STAMP := $(FRONTEND)/node_modules/.package-lock.json

.PHONY: run test test-dates fuzz-deps build openapi openapi-check fmt-check clippy rust-test rust-test-pg \
        frontend-deps frontend-bundle frontend-build frontend-check e2e screenshots fuzz-api clean help

help:
	@echo "make run    - build the SPA and start Saulet on http://127.0.0.1:8080 (SQLite, no server needed)"
	@echo "make test   - every check: fmt, clippy, Rust tests (SQLite, and PostgreSQL when TEST_DATABASE_URL is set),"
	@echo "              the OpenAPI drift check, frontend typecheck/lint/unit tests, browser tests"
	@echo "make test-dates - the date-sensitive tests under a faked clock (libfaketime) at year ends and leap days"
	@echo "make openapi - regenerate openapi/openapi.json and the frontend's API types"

DEV_PKI := data/dev-pki
DEV_TSA_PORT ?= 8318

## The product: API + SPA + Swagger UI on one port, on the embedded SQLite database, trusting the
## dev PKI (demo certificates in data/dev-pki, password in its README.txt) so a newcomer can
## register at once. The dev PKI is made on first run and again when its CRL is a week old.
## Every signed act is time-stamped by the demo TSA (`saulet dev-tsa`: `openssl ts -reply` with the
## dev PKI's TSA certificate), started beside the server and stopped with it.
## The `demo` profile (Cargo.toml) is release without link-time optimisation: a faster first build.
run: frontend-bundle
	$(CARGO) build --profile demo --bin saulet
	@if [ ! -f $(DEV_PKI)/ca/crl.pem ] || [ ! -f $(DEV_PKI)/users/seal-sign.p12 ] \
	    || [ -n "$$(find $(DEV_PKI)/ca/crl.pem -mtime +6)" ]; then \
	  ./target/demo/saulet dev-pki --out $(DEV_PKI); \
	fi
	./target/demo/saulet dev-tsa --pki $(DEV_PKI) --listen 127.0.0.1:$(DEV_TSA_PORT) & tsa=$$!; \
	trap 'kill $$tsa 2>/dev/null' EXIT; \
	SAULET_EDS__ANCHORS='["$(DEV_PKI)/ca/root.pem","$(DEV_PKI)/ca/issuing.pem"]' \
	SAULET_EDS__CRLS='["$(DEV_PKI)/ca/crl.pem"]' \
	SAULET_EDS__TSA_URL='http://127.0.0.1:$(DEV_TSA_PORT)/' \
	SAULET_PERMITS__SEAL_P12_FILE='$(DEV_PKI)/users/seal-sign.p12' \
	SAULET_PERMITS__SEAL_PASSWORD="$$(sed -n 's/^Password of every .p12 file: //p' $(DEV_PKI)/README.txt)" \
	./target/demo/saulet serve

## Every test. CI (.ci/run) sets TEST_DATABASE_URL and E2E_REQUIRED=1. Three lanes run side by
## side (tests/lanes.sh; each one's log is in target/test-logs/): clippy then the Rust tests on
## SQLite; the Rust tests on PostgreSQL; the OpenAPI check, the frontend checks and the browser
## tests. TEST_SERIAL=1 runs the same steps one after another instead.
MAKE_QUIET = $(MAKE) --no-print-directory
test: fmt-check fuzz-deps frontend-deps
	@if [ "$${TEST_SERIAL:-0}" = 1 ]; then \
	  $(MAKE_QUIET) clippy rust-test rust-test-pg openapi-check frontend-check e2e; \
	else \
	  tests/lanes.sh "rust=$(MAKE_QUIET) clippy rust-test" "postgres=$(MAKE_QUIET) rust-test-pg" \
	    "web=$(MAKE_QUIET) openapi-check frontend-check e2e"; \
	fi
	@echo "make test: all checks passed"

## No test may depend on the day it runs: the date-sensitive test files again, with the system
## clock faked (libfaketime) to a December day, the department's New Year midnight (00:30 on
## 1 January in Astana), the end of a common February and a leap day. Both databases when
## TEST_DATABASE_URL is set.
TEST_DATES ?= 2026-12-03T12:00:00Z 2026-12-31T19:30:00Z 2027-02-28T12:00:00Z 2028-02-29T12:00:00Z
test-dates:
	tests/dates/run.sh $(TEST_DATES)

fmt-check:
	$(CARGO) fmt --all -- --check

clippy:
	$(CARGO) clippy --workspace --all-targets -- -D warnings

## The fuzzing test (tests/tests/fuzz.rs) needs schemathesis: installed once into target/, and again
## when it does not run (a venv made under another path, as by a moved checkout, points there).
FUZZ_VENV := target/fuzz-venv
FUZZ_ENV = FUZZ_SCHEMATHESIS=$(CURDIR)/$(FUZZ_VENV)/bin/schemathesis
fuzz-deps:
	@$(FUZZ_VENV)/bin/schemathesis --version >/dev/null 2>&1 || { echo "== installing schemathesis into $(FUZZ_VENV)"; \
	  python3 -m venv --clear $(FUZZ_VENV) && $(FUZZ_VENV)/bin/pip install -q --disable-pip-version-check 'schemathesis>=4.3,<5'; }

rust-test: fuzz-deps
	@echo "== Rust tests on SQLite"
	env -u TEST_DATABASE_URL $(FUZZ_ENV) $(CARGO) test --workspace

rust-test-pg: fuzz-deps
	@if [ -n "$${TEST_DATABASE_URL:-}" ]; then \
	  echo "== Rust tests on PostgreSQL ($${TEST_DATABASE_URL%%@*}@…)"; \
	  $(FUZZ_ENV) $(CARGO) test --workspace; \
	else \
	  echo "SKIPPED: Rust tests on PostgreSQL (set TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres)"; \
	fi

## The spec is checked by a Rust test (tests/tests/openapi.rs); this checks the TS types too.
openapi-check: frontend-deps
	cd $(FRONTEND) && $(NPM) run --silent check:api

openapi:
	$(CARGO) run --quiet --bin saulet -- openapi > openapi/openapi.json
	$(MAKE) frontend-deps
	cd $(FRONTEND) && $(NPM) run --silent gen:api

$(NODE_STAMP): $(FRONTEND)/package.json $(FRONTEND)/package-lock.json
	cd $(FRONTEND) && $(NPM) ci --no-audit --no-fund
	@touch $(NODE_STAMP)

frontend-deps: $(NODE_STAMP)

## The SPA's bundle alone (no typecheck: `make test` runs it), for `make run`.
frontend-bundle: frontend-deps
	cd $(FRONTEND) && npx --no-install vite build

frontend-build: frontend-deps
	cd $(FRONTEND) && $(NPM) run build

frontend-check: frontend-deps
	cd $(FRONTEND) && $(NPM) run typecheck && $(NPM) run lint && $(NPM) test

## Browser tests in Chromium against the real `saulet` binary serving the built SPA.
e2e: frontend-deps
	@if [ -x "$(CHROMIUM_PATH)" ]; then \
	  $(CARGO) build --bin saulet && \
	  (cd $(FRONTEND) && $(NPM) run build && CHROMIUM_PATH=$(CHROMIUM_PATH) $(NPM) run e2e); \
	elif [ "$${E2E_REQUIRED:-0}" = "1" ]; then \
	  echo "FAILED: browser tests need Chromium at $(CHROMIUM_PATH) (apt-get install chromium)"; exit 1; \
	else \
	  echo "SKIPPED: browser tests (no Chromium at $(CHROMIUM_PATH); apt-get install chromium, or set E2E_REQUIRED=1 to fail instead)"; \
	fi

## The screenshots in docs/screenshots/ (README, docs/administration.md): the permits browser
## test at a phone's width (390 px) saves the home page, a request and "My requests"; the back
## office's saves an account's role, the audit log and the Team page.
screenshots: frontend-deps
	$(CARGO) build --bin saulet
	mkdir -p docs/screenshots
	cd $(FRONTEND) && $(NPM) run build && SAULET_SCREENSHOTS_DIR=$(CURDIR)/docs/screenshots \
	  CHROMIUM_PATH=$(CHROMIUM_PATH) npx playwright test e2e/permits.spec.ts e2e/back-office.spec.ts e2e/open-data.spec.ts

## API fuzzing: schemathesis over every operation of the spec, as an applicant and as an
## administrator (FUZZ_EXAMPLES examples per operation; `make test` runs a short round).
fuzz-api: fuzz-deps
	$(FUZZ_ENV) FUZZ_EXAMPLES=$${FUZZ_EXAMPLES:-60} \
	  $(CARGO) test -p saulet-tests --test fuzz -- --nocapture

include tests/bench/bench.mk

clean:
	$(CARGO) clean
	rm -rf $(FRONTEND)/dist $(FRONTEND)/node_modules
