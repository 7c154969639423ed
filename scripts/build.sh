#!/usr/bin/env bash
# Builds what the pages and partners load:
#   pkg/, pkg/foyer/, pkg/territoire/   the release packages (wasm-pack, wasm-opt -Oz): the whole
#                           binding, the household one, the territory one; and their sizes;
#   www/caf-indicateurs.js  the <caf-indicateurs> element in one file, bundled by esbuild from
#                           its modules in www/element/ (generated, not in git).
#   scripts/build.sh            both
#   scripts/build.sh element    only the element (after editing www/element/, in milliseconds)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"   # wasm-opt 132 from npm first

# The pages' design-system style sheet (www/dsfr-pages.css): the DSFR core and the components the
# pages use, then only the rules of the classes the pages have (scripts/dsfr.mjs), not the whole
# DSFR (717 KB to parse before the first result). Fonts and icons are linked as dsfr/… beside the
# sheet: the server serves the DSFR there.
DSFR=node_modules/@gouvfr/dsfr/dist
COMPOSANTS_DSFR=(button callout checkbox footer form header link navigation select skiplink table upload)
dsfr() {
  local feuilles=("$DSFR/core/core.min.css")
  for c in "${COMPOSANTS_DSFR[@]}"; do feuilles+=("$DSFR/component/$c/$c.min.css"); done
  node scripts/dsfr.mjs www/dsfr-pages.css "${feuilles[@]}"
}

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
  dsfr
  element
  exit 0
fi
# The same code, built for size in the browser (Cargo.toml's release profile is for native speed).
# Three packages of the same crate: the whole binding (pkg/, for Node and partners who want one
# package), and one per kind of page, each with only the exports its pages call, so that each
# module stays small: pkg/foyer/ (the calculator, the household batch), pkg/territoire/ (the
# territory study, the imports, the exports).
# Optimisation levels: 3 for the household package (the batch is hot: 13 % faster than "s" for
# 8 KB more, still far under 150 KB); "s" for the territory study (a counts file of every commune
# is read and studied in seconds: 20 % faster than "z" for 10 KB more, 147 KB; "2" would be 165 KB,
# over the 150 KB target) and for the whole binding.
paquet() {
  CARGO_PROFILE_RELEASE_OPT_LEVEL="$2" wasm-pack --quiet build --release --target web --out-dir "$1" "${@:3}"
  local wasm="$1/indicateurs_caf_bg.wasm"
  if [ "$2" = 3 ]; then
    # The hot package: after wasm-pack's -Oz, binaryen's -O3 (5 % faster, no larger), with the
    # same limit on inlining one-caller functions as Cargo.toml's wasm-opt settings.
    wasm-opt -O3 --one-caller-inline-max-function-size 50 --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
      --enable-mutable-globals "$wasm" -o "$wasm"
  fi
  local gz
  gz=$(gzip -9 -c "$wasm" | wc -c)
  printf 'Taille du module %s : %s octets bruts, %s octets gzip -9\n' "$wasm" "$(wc -c < "$wasm")" "$gz"
  # The pages' modules have a budget (issue 15: under 150 KB gzipped); pkg/, which no page loads,
  # has none. A module over it fails the build, and so every test run.
  if [ "$1" != pkg ] && [ "$gz" -gt 150000 ]; then
    echo "ÉCHEC : $wasm dépasse 150 000 octets gzip ($gz) : le budget des modules des pages." >&2
    exit 1
  fi
}
paquet pkg s
paquet pkg/foyer 3 --no-default-features --features foyer
paquet pkg/territoire s --no-default-features --features territoire
dsfr
element
