#!/usr/bin/env bash
# Every test, headless. Installs what is missing first (scripts/setup.sh), then runs named stages:
#   autonomie  the project stands alone: no tracked file refers outside the repository, and the
#              open data in data/ match their SHA-256 checksums;
#   lint       rustfmt, clippy (warnings are errors), rustdoc (warnings are errors);
#   natif      cargo test (unit, golden fixtures, properties, real files, CLI, docs, doc examples);
#   wasm       wasm-pack test --node, then the same tests in headless Chromium (the count must
#              match: --chrome skips tests silently when not told to use the browser);
#   fuzz       a bounded libFuzzer pass of every input (FUZZ_SECONDES per target, 20 by default);
#   paquet     the release build (wasm-opt -Oz) and its size;
#   e2e        Node tests of the optimised package, end-to-end tests of the pages in Chromium.
#
#   scripts/test.sh               every stage, in this order (what CI runs)
#   scripts/test.sh natif e2e     only these stages (e2e builds the package first if needed)
# Ends with one line "total: N passed, M failed" over the stages that ran.
set -euo pipefail
cd "$(dirname "$0")/.."
racine=$PWD
TOUTES=(autonomie lint natif wasm fuzz paquet e2e)
etapes=("$@")
[ ${#etapes[@]} -gt 0 ] || etapes=("${TOUTES[@]}")
for e in "${etapes[@]}"; do
  [[ " ${TOUTES[*]} " == *" $e "* ]] || { echo "étape inconnue : $e (étapes : ${TOUTES[*]})" >&2; exit 2; }
done

scripts/setup.sh
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
journal=$(mktemp -d)
trap 'rm -rf "$journal"' EXIT
total_ok=0
total_ko=0

etape() { printf '\n==> %s\n' "$*"; }
# Adds up the "test result: ok. N passed; M failed" lines of a cargo-style log.
compter_cargo() {
  local ok ko
  ok=$(grep -Eo 'test result: [a-zA-Z]+\. [0-9]+ passed' "$1" | grep -Eo '[0-9]+ passed' | awk '{s+=$1} END {print s+0}')
  ko=$(grep -Eo '[0-9]+ failed' "$1" | awk '{s+=$1} END {print s+0}')
  total_ok=$((total_ok + ok)); total_ko=$((total_ko + ko))
}
# The count of wasm tests (every wasm test binary, not the doc-tests) in a wasm-pack log.
compter_js() {
  awk '/wasm32-unknown-unknown/ {w=1} /Doc-tests/ {w=0} w && /test result:/ {match($0, /[0-9]+ passed/); s += substr($0, RSTART, RLENGTH - 7)} END {print s+0}' "$1"
}

etape_autonomie() {
  etape "autonomie : rien hors du dépôt, données ouvertes intactes"
  node scripts/autonomie.mjs
  (cd data && sha256sum --quiet -c SHA256SUMS)
  echo "données ouvertes : $(wc -l < data/SHA256SUMS) fichiers conformes à data/SHA256SUMS"
  total_ok=$((total_ok + 2))
}

etape_lint() {
  etape "format et lint"
  cargo fmt --check
  cargo clippy --all-targets --all-features --quiet -- -D warnings
  RUSTDOCFLAGS="-D warnings" cargo doc --no-deps --quiet
}

etape_natif() {
  etape "cargo test (natif)"
  cargo test --all-features 2>&1 | tee "$journal/natif.log"
  compter_cargo "$journal/natif.log"
}

etape_wasm() {
  etape "wasm-pack test --node"
  wasm-pack test --node 2>&1 | tee "$journal/node.log"
  local n_node n_chrome
  n_node=$(compter_js "$journal/node.log")
  compter_cargo "$journal/node.log"

  etape "wasm-pack test --headless --chrome"
  WASM_BINDGEN_USE_BROWSER=1 wasm-pack test --headless --chrome --chromedriver "$(command -v chromedriver)" 2>&1 | tee "$journal/chrome.log"
  n_chrome=$(compter_js "$journal/chrome.log")
  compter_cargo "$journal/chrome.log"
  grep -q "Running headless tests in Chrome" "$journal/chrome.log" || { echo "ÉCHEC : les tests wasm n'ont pas tourné dans Chrome" >&2; exit 1; }
  if [ "$n_chrome" -eq 0 ] || [ "$n_chrome" -ne "$n_node" ]; then
    echo "ÉCHEC : $n_chrome tests wasm dans Chromium contre $n_node dans Node ; ils doivent être les mêmes, et plus de zéro." >&2
    exit 1
  fi
  echo "Tests wasm exécutés dans Chromium : $n_chrome (Node : $n_node)"
}

etape_fuzz() {
  etape "fuzzing borné (libFuzzer, ${FUZZ_SECONDES:-20} s par cible)"
  # cargo-fuzz wants nightly flags; RUSTC_BOOTSTRAP lets the stable toolchain of this machine
  # accept them. The seed corpus lives in fuzz/corpus; what a run finds goes to target/.
  local executions=0 n cible
  for cible in situation diagnostic lot_foyers import_iris comptes; do
    mkdir -p "target/fuzz-corpus/$cible"
    (cd fuzz && RUSTC_BOOTSTRAP=1 cargo fuzz run -O "$cible" "$racine/target/fuzz-corpus/$cible" "corpus/$cible" \
        -- -max_total_time="${FUZZ_SECONDES:-20}" -rss_limit_mb=2048 -print_final_stats=1) > "$journal/fuzz-$cible.log" 2>&1 \
      || { tail -40 "$journal/fuzz-$cible.log"; echo "ÉCHEC : le fuzzing de $cible a trouvé un plantage" >&2; exit 1; }
    n=$(grep -Eo '^Done [0-9]+ runs' "$journal/fuzz-$cible.log" | grep -Eo '[0-9]+' || echo 0)
    echo "fuzz $cible : $n exécutions, aucun plantage"
    executions=$((executions + n))
  done
  echo "fuzz : $executions exécutions au total, aucun plantage"
}

etape_paquet() {
  etape "paquet de production (wasm-opt -Oz)"
  scripts/build.sh
}

etape_e2e() {
  etape "tests Node du paquet optimisé et tests de bout en bout (Chromium)"
  mkdir -p tests/e2e/artefacts
  node --test --test-reporter=spec --test-reporter-destination=stdout \
    --test-reporter=tap --test-reporter-destination="$journal/node-test.tap" \
    tests/node/ tests/e2e/
  local ok ko
  ok=$(grep -Eo '^# pass [0-9]+' "$journal/node-test.tap" | grep -Eo '[0-9]+')
  ko=$(grep -Eo '^# fail [0-9]+' "$journal/node-test.tap" | grep -Eo '[0-9]+')
  total_ok=$((total_ok + ok)); total_ko=$((total_ko + ko))
}

# e2e tests the release package: build it when the paquet stage is not part of this run.
if [[ " ${etapes[*]} " == *" e2e "* && " ${etapes[*]} " != *" paquet "* ]]; then
  etapes=("${etapes[@]/e2e/paquet e2e}")
  read -r -a etapes <<< "${etapes[*]}"
fi
for e in "${etapes[@]}"; do
  "etape_$e"
done

echo
echo "total: $total_ok passed, $total_ko failed"
[ "$total_ko" -eq 0 ]
