# riskcard — two commands for a newcomer: `make demo` and `make test`.
SHELL := /bin/bash
export PATH := $(HOME)/.cargo/bin:$(PATH)

.PHONY: test test-native

## test: set up what is missing, then run every test tier
test: test-native

## test-native: cargo tests (unit, integration, property, doc) and a wasm32 check of the core
test-native:
	scripts/setup.sh native
	cargo test --release --all-targets
	cargo test --doc
	cargo check --release --target wasm32-unknown-unknown --lib
