#!/usr/bin/env bash
# Installs what the build and the tests need on a fresh machine, and nothing that is already there.
# Usage: scripts/setup.sh [native|wasm|browser|all]
set -euo pipefail
cd "$(dirname "$0")/.."
what="${1:-all}"

have() { command -v "$1" >/dev/null 2>&1; }
export PATH="$HOME/.cargo/bin:$PATH"

wasm_target() {
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    rustup target add wasm32-unknown-unknown
  fi
}

rustfmt_component() {
  # make test checks the formatting (rustfmt.toml); a minimal rustup profile lacks rustfmt.
  if ! cargo fmt --version >/dev/null 2>&1; then
    rustup component add rustfmt
  fi
}

wasm_bindgen_cli() {
  # The CLI must match the wasm-bindgen crate pinned in Cargo.toml (see ../shared/TOOLCHAIN.md).
  if ! have wasm-bindgen || [ "$(wasm-bindgen --version | awk '{print $2}')" != "0.2.129" ]; then
    cargo install wasm-bindgen-cli --version 0.2.129 --locked
  fi
}

chromium() {
  if ! have chromium || ! have chromedriver; then
    if [ "$(id -u)" = 0 ]; then apt_get="apt-get"; else apt_get="sudo apt-get"; fi
    $apt_get update
    DEBIAN_FRONTEND=noninteractive $apt_get install -y chromium chromium-driver
  fi
}

npm_packages() {
  if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    npm ci --no-audit --no-fund
  fi
}

case "$what" in
  native) wasm_target; rustfmt_component ;;
  wasm) wasm_target; wasm_bindgen_cli; npm_packages ;;
  browser) wasm_target; wasm_bindgen_cli; npm_packages; chromium ;;
  all) wasm_target; rustfmt_component; wasm_bindgen_cli; npm_packages; chromium ;;
  *) echo "usage: $0 [native|wasm|browser|all]" >&2; exit 2 ;;
esac
