# riskcard — two commands for a newcomer: `make demo` and `make test`.
SHELL := /bin/bash
export PATH := $(HOME)/.cargo/bin:$(PATH)

.PHONY: test test-native test-wasm test-e2e

## test: set up what is missing, check formatting, then run every test tier (native, wasm in Chromium, Playwright)
test: test-native test-wasm test-e2e

## test-native: formatting (rustfmt.toml), cargo tests (unit, integration, property, doc) and a wasm32 check of the core
test-native:
	scripts/setup.sh native
	cargo fmt --check
	cargo test --release --all-targets
	cargo test --doc
	cargo check --release --target wasm32-unknown-unknown --lib --no-default-features

.PHONY: build demo dist pack

WASM := target/wasm32-unknown-unknown/release/riskcard.wasm
PORT ?= 8377

WASM_OPT := node_modules/.bin/wasm-opt -Oz --converge --low-memory-unused --zero-filled-memory --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue --enable-simd

## build: the WASM engine into www/pkg (cargo → wasm-bindgen --target web → wasm-opt -Oz; --converge and the
## two memory assumptions, true of a fresh instance, save 0.7 KB gz), and the
## words module (what incidents' texts say; loaded by a card when first needed) as www/pkg/words*
build:
	scripts/setup.sh wasm
	cargo build --release --target wasm32-unknown-unknown --lib --no-default-features
	wasm-bindgen --target web --out-dir www/pkg $(WASM)
	$(WASM_OPT) www/pkg/riskcard_bg.wasm -o www/pkg/riskcard_bg.wasm
	cargo build --release --target wasm32-unknown-unknown --lib --no-default-features --features words-module --target-dir target/words
	wasm-bindgen --target web --out-dir www/pkg --out-name words target/words/wasm32-unknown-unknown/release/riskcard.wasm
	$(WASM_OPT) www/pkg/words_bg.wasm -o www/pkg/words_bg.wasm
	@for f in riskcard_bg words_bg; do printf 'www/pkg/%s.wasm: %s bytes, %s gzipped\n' $$f $$(wc -c < www/pkg/$$f.wasm) $$(gzip -9c www/pkg/$$f.wasm | wc -c); done

## dist: the card in files that need no server: dist/riskcard.js (one ES module, .wasm and worker inside),
## riskcard.classic.js (a classic script), riskcard.d.ts, standalone.html (the demo in one file)
dist: build
	node scripts/dist.mjs

## pack: dist, then the npm package as a tarball (riskcard-VERSION.tgz; nothing is published)
pack: dist
	npm pack

## demo: build, then serve www/ on http://127.0.0.1:$(PORT)/ (Ctrl-C stops it)
demo: build
	@echo "riskcard demo: http://127.0.0.1:$(PORT)/   (embed page: http://127.0.0.1:$(PORT)/embed.html?src=data/ucdp_candidate_v26_0_7_mali_bfa_ner.csv&site=11.673,-6.850,50)"
	python3 -m http.server $(PORT) --bind 127.0.0.1 --directory www

.PHONY: setup-browser native-reports
# Prerequisites shared by the browser tiers: as phony targets they run once per `make` invocation.
setup-browser:
	scripts/setup.sh browser
native-reports: setup-browser
	scripts/native-reports.sh

## test-wasm: wasm-bindgen-test of the JS boundary in headless Chromium, against the CLI's reports
test-wasm: native-reports
	CHROMEDRIVER=/usr/bin/chromedriver WASM_BINDGEN_USE_BROWSER=1 cargo test --release --target wasm32-unknown-unknown --test wasm

## test-e2e: Playwright on the real pages, www/ and dist/ (screenshots in test-results/screens/)
test-e2e: dist native-reports
	npx playwright test -c tests/e2e/playwright.config.mjs

.PHONY: bench
## bench: 1M-incident benchmark in Chromium against PapaParse, uDSV and turf.js → docs/PERFORMANCE.md
bench: build setup-browser
	cargo build --release --bin riskcard
	node scripts/bench.mjs
