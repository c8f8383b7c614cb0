# Orgnabor developer entry points.
#
#   make run    - set up local PostgreSQL (if needed), build, migrate, load demo data, serve
#   make test   - set up local PostgreSQL + test tools (if needed), run the test-suite
#   make fmt    - format the code
#   make lint   - clippy, warnings are errors
#   make check  - fmt --check + lint + test (what CI should be happy with)
#
# PostgreSQL: scripts/ensure-postgres.sh installs/starts a local server, sets up the owner
# role (DATABASE_URL: migrations) and the runtime role (orgnabor_app: serve and the other
# commands), and prints `export DATABASE_URL=...`. If DATABASE_URL is already set in your
# environment it is used as-is (and must be reachable); the runtime role is created beside it
# when missing (README "Database roles").

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.ONESHELL:
.DEFAULT_GOAL := help
MAKEFLAGS += --no-print-directory

CARGO ?= cargo

# rustup installs into ~/.cargo/bin; make that work even before the shell profile is reloaded.
CARGO_BIN_DIR := $(or $(CARGO_HOME),$(HOME)/.cargo)/bin
ifneq ($(wildcard $(CARGO_BIN_DIR)/cargo),)
export PATH := $(CARGO_BIN_DIR):$(PATH)
endif

.PHONY: help run test fmt fmt-check lint check require-cargo

help:
	@echo "Orgnabor - make targets:"
	echo "  make run     set up PostgreSQL, build, migrate, load demo data, serve on http://127.0.0.1:8080"
	echo "  make test    set up PostgreSQL and test tools, run cargo test --all-targets"
	echo "  make fmt     cargo fmt --all"
	echo "  make lint    cargo clippy --all-targets -- -D warnings"
	echo "  make check   fmt --check + lint + test"

require-cargo:
	@if ! command -v $(CARGO) >/dev/null 2>&1; then
		echo "error: 'cargo' not found. Install Rust with rustup:" >&2
		echo "  curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh" >&2
		echo "then open a new shell (or run: . \"\$$HOME/.cargo/env\") and try again." >&2
		exit 1
	fi
	if ! command -v cc >/dev/null 2>&1; then
		echo "error: no C compiler/linker ('cc') found. Install one, e.g.: apt-get install -y build-essential" >&2
		exit 1
	fi

run: require-cargo
	@# Assign first, then eval: a failing script then stops make (eval "$$(...)" would not).
	db_env="$$(./scripts/ensure-postgres.sh)"
	eval "$$db_env"
	export ORGNABOR_ENV="$${ORGNABOR_ENV:-local}"
	$(CARGO) build --release
	bin="$${CARGO_TARGET_DIR:-target}/release/orgnabor"
	"$$bin" migrate
	"$$bin" seed-demo
	exec "$$bin" serve

test: require-cargo
	@db_env="$$(./scripts/ensure-postgres.sh)"
	eval "$$db_env"
	./scripts/ensure-test-tools.sh
	./scripts/ensure-browser.sh
	$(CARGO) test --all-targets

fmt: require-cargo
	@$(CARGO) fmt --all

fmt-check: require-cargo
	@$(CARGO) fmt --all -- --check

lint: require-cargo
	@$(CARGO) clippy --all-targets -- -D warnings

check: require-cargo
	@$(MAKE) fmt-check
	$(MAKE) lint
	$(MAKE) test
