# First Contact — the two front doors are `make run` and `make test`.
# Both install whatever is missing first: Debian packages, npm packages, tauri-driver.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c

APT_PACKAGES := build-essential pkg-config file libwebkit2gtk-4.1-dev libgtk-3-dev \
	libayatana-appindicator3-dev librsvg2-dev libxdo-dev libssl-dev libsoup-3.0-dev \
	libjavascriptcoregtk-4.1-dev xvfb xauth webkit2gtk-driver age zstd python3 python3-venv
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
CARGO_BIN := $(or $(CARGO_HOME),$(HOME)/.cargo)/bin
TAURI_DRIVER := $(CARGO_BIN)/tauri-driver
UI_STAMP := ui/node_modules/.installed

.PHONY: run test center deps system-packages ui-packages tools ui app lint tests bench bindings screenshot fuzz soak clean

## Start the desktop app (installs what is missing, builds the UI and the app).
run: deps app
	./target/debug/first-contact

CENTER_DATA ?= center-data
CENTER_LISTEN ?= 127.0.0.1:8443
## Start the reference Center on loopback; its keys, development CA and database are created on
## first start in $(CENTER_DATA). Administration: ./target/debug/center --data-dir $(CENTER_DATA) admin --help
center: deps app
	./target/debug/center --data-dir $(CENTER_DATA) serve --listen $(CENTER_LISTEN)

## Every check CI runs: formatting, lints, type checks, unit, store, API and end-to-end tests.
test: deps lint tests bindings

deps: system-packages ui-packages tools

system-packages:
	@missing=$$(for p in $(APT_PACKAGES); do \
		dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; \
	done); \
	if [ -n "$$missing" ]; then \
		echo "Installing system packages:" $$missing; \
		$(SUDO) apt-get update -qq; \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi
	@# Node.js may come from Debian or another packager; install Debian's only if there is none.
	@command -v npm >/dev/null || { $(SUDO) apt-get update -qq; \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq nodejs npm; }

ui-packages: $(UI_STAMP)
$(UI_STAMP): ui/package.json ui/package-lock.json
	cd ui && npm ci --no-audit --no-fund
	touch $@

tools: $(TAURI_DRIVER)
$(TAURI_DRIVER):
	cargo install tauri-driver --locked --version '^2'

ui: ui-packages
	cd ui && npm run build

# Every cargo build and test names the whole workspace with all targets, so that features
# resolve the same way each time and the Tauri stack is compiled once, not once per command.
app: ui
	cargo build --workspace --all-targets

lint: ui
	cargo fmt --all --check
	cargo clippy --workspace --all-targets -- -D warnings
	cd ui && npm run check && npm run lint

## UI unit tests, then every Rust test: unit, store, API, and end to end on the built app; then
## the Center against its own OpenAPI document (schemathesis from PyPI, in target/schemathesis).
## One test at a time: the end-to-end tests each run a real app under Xvfb.
tests: app tools
	cd ui && npm run test
	cargo test --workspace --lib --bins --tests -- --test-threads=1
	bash tests/api/schemathesis.sh

## The committed TypeScript types must be what the Rust types generate (cargo test writes them).
bindings: tests
	@git diff --exit-code -- ui/src/lib/bindings || \
		(echo "ui/src/lib/bindings is stale: commit the regenerated files" && exit 1)
	@untracked=$$(git ls-files --others --exclude-standard ui/src/lib/bindings); \
		if [ -n "$$untracked" ]; then echo "untracked bindings: $$untracked"; exit 1; fi

## The kill loop at length: the backend SIGKILLed at random points of autosave, finalise and
## delivery, 10,000 rounds (make test runs a bounded number); figures go in docs/reliability.md.
SOAK_ROUNDS ?= 10000
soak: deps app
	FIRST_CONTACT_KILL_ROUNDS=$(SOAK_ROUNDS) cargo test --workspace --test kill_loop -- --nocapture

## Benchmarks; results are written up in docs/benchmarks.md.
bench: deps ui app
	cargo bench -p first-contact-app --bench autosave --bench finalise --bench delivery --bench lists --bench sync_contention --bench directory_search
	bash tests/bench/slow-link.sh
	cargo run -p first-contact-e2e --bin startup-bench

FUZZ_SECONDS ?= 60
## Fuzz every target in fuzz/ for FUZZ_SECONDS each (nightly toolchain; installs cargo-fuzz);
## prints executions and crashes per target (docs/reliability.md, "Fuzzing"). `make test` only
## replays the committed corpus, on stable (crates/fuzz-targets/tests/corpus.rs).
fuzz:
	@cargo +nightly --version >/dev/null 2>&1 || { \
		echo "make fuzz needs the nightly Rust toolchain, which is not installed:"; \
		echo "  rustup toolchain install nightly"; exit 1; }
	@cargo +nightly fuzz --version >/dev/null 2>&1 || cargo install cargo-fuzz --locked
	FUZZ_SECONDS=$(FUZZ_SECONDS) fuzz/run.sh

## The README's screenshot, from the real app.
screenshot: deps app
	cargo run -p first-contact-e2e --bin screenshot -- docs/screenshot.png

clean:
	cargo clean
	rm -rf ui/dist ui/node_modules
