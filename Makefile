# DPA Desk. `make run` starts the app, `make test` runs every test; both install what is
# missing first (Debian 12: system packages with apt-get, npm packages, tauri-driver).
SHELL := /bin/bash
.DEFAULT_GOAL := run

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# poppler-utils: the app reads agreement PDFs with its pdftotext (a dependency of the .deb too).
BUILD_PACKAGES := libwebkit2gtk-4.1-dev build-essential pkg-config perl curl poppler-utils
TEST_PACKAGES := webkit2gtk-driver xvfb xauth qpdf python3-aiosmtpd openssl libreoffice-writer-nogui
# The Tauri CLI for `make package`, the same version as the tauri crate.
TAURI_CLI := 2.12.5
CARGO_TEST := $(shell cargo nextest --version >/dev/null 2>&1 && echo "cargo nextest run --no-fail-fast" || echo "cargo test --no-fail-fast")

.PHONY: run test deps deps-build deps-test ui check bench package clean

## Start the app (a new vault is created on first run). Pass ARGS="--data-dir DIR" for another vault.
run: deps-build ui
	cargo run -- $(ARGS)

## Run all tests: Rust unit and integration tests, then the real-webview tests.
test: deps-build deps-test ui
	$(CARGO_TEST)
	cargo build --bin dpa-desk --example scale_vault --example onboarding_files
	xvfb-run -a tests/e2e/run.sh

## Static checks, as CI runs them.
check: deps-build ui
	cargo fmt --check
	cargo clippy --all-targets -- -D warnings
	cd ui && npm run check

## Benchmarks: every list, search and dashboard query on a vault of 10,000 customers against
## a plain copy, start-up and memory against an empty Tauri window, agreement PDF and
## export-all, breach notices for 1,000 customers against headless Chromium, and the same notices
## sent through a real SMTP server on 127.0.0.1 against the 10 s target, and importing a
## 10,000-row customer list against the 2 s target (see BENCHMARKS.md).
bench: deps-build deps-test ui
	@dpkg -s chromium >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium; }
	cargo bench --bench queries
	cargo bench --bench agreements
	cargo bench --bench notices
	cargo bench --bench sending
	cargo bench --bench customer_import
	tests/benches/startup.sh

## A Debian package of a release build (target/release/bundle/deb/), built by the Tauri
## bundler from the npm @tauri-apps/cli (installed into .package/ first, so nothing is
## downloaded while building), then checked: binary size, declared dependencies.
## `make package INSTALL=1` also installs it with apt-get and starts it.
package: deps-build ui
	@[ -x .package/node_modules/.bin/tauri ] || npm install --prefix .package --no-save --no-audit --no-fund @tauri-apps/cli@$(TAURI_CLI)
	.package/node_modules/.bin/tauri build --bundles deb
	tests/package/check.sh target/release/bundle/deb/*.deb $(if $(INSTALL),--install)

deps: deps-build deps-test

deps-build:
	@command -v cargo >/dev/null || { echo "Rust is missing: install it with rustup (https://rustup.rs) first."; exit 1; }
	@command -v npm >/dev/null || { echo "Node.js 20+ and npm are missing: apt-get install nodejs npm."; exit 1; }
	@missing=$$(for p in $(BUILD_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; fi
	@[ -d ui/node_modules ] || (cd ui && npm ci --no-audit --no-fund)

deps-test:
	@missing=$$(for p in $(TEST_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; fi
	@command -v tauri-driver >/dev/null || cargo install tauri-driver --locked

ui:
	cd ui && npm run build

clean:
	cargo clean
	rm -rf ui/dist ui/node_modules
