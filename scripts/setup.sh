#!/usr/bin/env bash
# Installs what building and testing kubeplay needs, skipping whatever is already present.
# Never downloads from GitHub: everything comes from crates.io, npm or Debian's apt.
#
#   scripts/setup.sh            toolchain for building the page (wasm target, trunk, wasm-bindgen, wasm-opt)
#   scripts/setup.sh --browser  the same, plus Debian's chromium and chromedriver for the browser tests
#
# Versions and why (see ARCHITECTURE.md, "Toolchain"): trunk 0.21.14 (0.22 needs a newer rustc);
# wasm-bindgen-cli exactly the wasm-bindgen version in Cargo.lock (installed without --locked);
# wasm-opt from npm binaryen 132 (Debian's binaryen 108 cannot read our wasm).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
export PATH="$root/node_modules/.bin:$HOME/.cargo/bin:$PATH"
logs="$root/target/setup"
mkdir -p "$logs"

want_browser=0
[ "${1:-}" = "--browser" ] && want_browser=1

TRUNK_VERSION=0.21.14
WASM_BINDGEN_VERSION=$(sed -n 's/^wasm-bindgen = "=\(.*\)"/\1/p' Cargo.toml)

say() { printf 'setup: %s\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# The two slow cargo installs run side by side.
pids=()
if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
  say "installing trunk $TRUNK_VERSION (several minutes, log: target/setup/trunk.log)"
  cargo install trunk --version "$TRUNK_VERSION" --locked --force >"$logs/trunk.log" 2>&1 &
  pids+=("$!:trunk")
fi
if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (several minutes, log: target/setup/wasm-bindgen.log)"
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force >"$logs/wasm-bindgen.log" 2>&1 &
  pids+=("$!:wasm-bindgen")
fi

if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/playwright-core ] \
   || ! cmp -s package-lock.json node_modules/.package-lock.json.src 2>/dev/null; then
  say "installing npm tools (binaryen, playwright-core)"
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json node_modules/.package-lock.json.src
fi

if [ "$want_browser" = 1 ] && { [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; }; then
  say "installing Debian's chromium and chromium-driver"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq chromium chromium-driver >"$logs/apt.log" 2>&1 \
    || { tail -20 "$logs/apt.log"; exit 1; }
fi

say "fetching crates"
cargo fetch --locked >/dev/null 2>&1 || cargo fetch

failed=0
for entry in "${pids[@]}"; do
  pid=${entry%%:*}; name=${entry#*:}
  if ! wait "$pid"; then
    say "installing $name failed; the end of its log:"
    tail -30 "$logs/$name.log"
    failed=1
  fi
done
[ "$failed" = 0 ] || exit 1
say "ready: $(trunk --version), $(wasm-bindgen --version), $(wasm-opt --version)"
