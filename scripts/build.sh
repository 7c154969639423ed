#!/usr/bin/env bash
# Builds the release package into pkg/ (wasm-pack, wasm-opt -Oz) and prints the .wasm size.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"   # wasm-opt 132 from npm first
wasm-pack build --release --target web --out-dir pkg
wasm=pkg/indicateurs_caf_bg.wasm
brut=$(wc -c < "$wasm")
gz=$(gzip -9 -c "$wasm" | wc -c)
printf 'Taille du module : %s octets bruts, %s octets gzip -9 (%s)\n' "$brut" "$gz" "$wasm"
