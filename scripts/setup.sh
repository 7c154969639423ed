#!/usr/bin/env bash
# Installs what the project needs on a fresh Debian 12 machine, and skips what is present.
#   scripts/setup.sh              everything (build + tests: Chromium and ChromeDriver included)
#   scripts/setup.sh --build      only what building and serving the page needs
# Versions are pinned: see docs/outillage.md for why each one.
set -euo pipefail
cd "$(dirname "$0")/.."

WASM_PACK_VERSION=0.15.1
WASM_BINDGEN_VERSION=0.2.130   # must equal the wasm-bindgen crate pinned in Cargo.toml
mode=${1:-all}

etape() { printf '\n==> %s\n' "$*"; }
export PATH="$HOME/.cargo/bin:$PATH"

if ! command -v cargo >/dev/null; then
  echo "cargo est introuvable : ce script attend la chaîne Rust installée par rustup." >&2
  exit 1
fi

if rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  echo "cible wasm32-unknown-unknown : présente"
else
  etape "cible wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

if [ "$(wasm-pack --version 2>/dev/null)" = "wasm-pack $WASM_PACK_VERSION" ]; then
  echo "wasm-pack $WASM_PACK_VERSION : présent"
else
  etape "wasm-pack $WASM_PACK_VERSION (cargo install, environ 4 minutes)"
  cargo install --locked wasm-pack --version "=$WASM_PACK_VERSION"
fi

if [ "$(wasm-bindgen --version 2>/dev/null)" = "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
  echo "wasm-bindgen-cli $WASM_BINDGEN_VERSION : présent"
else
  etape "wasm-bindgen-cli $WASM_BINDGEN_VERSION (cargo install, 2 à 4 minutes)"
  # --locked fails for this version (its lock file pins a crate the registry no longer serves).
  cargo install --locked wasm-bindgen-cli --version "=$WASM_BINDGEN_VERSION" \
    || cargo install wasm-bindgen-cli --version "=$WASM_BINDGEN_VERSION"
fi

if [ "$mode" != "--build" ]; then
  if cargo fuzz --version >/dev/null 2>&1; then
    echo "cargo-fuzz : présent"
  else
    etape "cargo-fuzz (cargo install, environ 2 minutes)"
    cargo install --locked cargo-fuzz --version =0.13.2
  fi
fi

installe() { [ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" = "install ok installed" ]; }
paquets=()
command -v node >/dev/null || paquets+=(nodejs npm)
if [ "$mode" != "--build" ]; then
  installe chromium || paquets+=(chromium)
  installe chromium-driver || paquets+=(chromium-driver)
fi
if [ ${#paquets[@]} -gt 0 ]; then
  etape "paquets Debian : ${paquets[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends "${paquets[@]}"
else
  echo "paquets Debian : présents"
fi

# npm packages: wasm-opt (binaryen 132; Debian's 108 corrupts externref tables) and
# playwright-core (no browser download: it drives Debian's Chromium).
if [ -x node_modules/.bin/wasm-opt ] && [ -d node_modules/playwright-core ] \
   && [ node_modules/.package-lock.json -nt package-lock.json ]; then
  echo "paquets npm : présents"
else
  etape "paquets npm (npm ci)"
  npm ci --no-audit --no-fund
fi
