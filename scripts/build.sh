#!/usr/bin/env bash
# Builds what the pages and partners load:
#   pkg/                    the release package (wasm-pack, wasm-opt -Oz), and the .wasm size;
#   www/caf-indicateurs.js  the <caf-indicateurs> element in one file, bundled by esbuild from
#                           its modules in www/element/ (generated, not in git).
#   scripts/build.sh            both
#   scripts/build.sh element    only the element (after editing www/element/, in milliseconds)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"   # wasm-opt 132 from npm first

element() {
  esbuild www/element/index.js --bundle --format=esm --target=es2022 --charset=utf8 --log-level=warning \
    --banner:js="// <caf-indicateurs> — fichier produit par scripts/build.sh depuis www/element/ ; ne pas modifier." \
    --outfile=www/caf-indicateurs.js
  # The diagnostic view's import runs in this worker, published next to the element.
  esbuild www/element/import-worker.js --bundle --format=esm --target=es2022 --charset=utf8 --log-level=warning \
    --banner:js="// Import de données ouvertes de <caf-indicateurs> (fil de travail) — produit par scripts/build.sh ; ne pas modifier." \
    --outfile=www/caf-indicateurs-import.js
  printf 'Élément : www/caf-indicateurs.js, %s octets (+ www/caf-indicateurs-import.js, %s octets)\n' \
    "$(wc -c < www/caf-indicateurs.js)" "$(wc -c < www/caf-indicateurs-import.js)"
}

if [ "${1:-}" = "element" ]; then
  element
  exit 0
fi
# The same code, built for size in the browser (Cargo.toml's release profile is for native speed).
CARGO_PROFILE_RELEASE_OPT_LEVEL=s wasm-pack build --release --target web --out-dir pkg
wasm=pkg/indicateurs_caf_bg.wasm
brut=$(wc -c < "$wasm")
gz=$(gzip -9 -c "$wasm" | wc -c)
printf 'Taille du module : %s octets bruts, %s octets gzip -9 (%s)\n' "$brut" "$gz" "$wasm"
element
