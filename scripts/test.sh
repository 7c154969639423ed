#!/usr/bin/env bash
# Every test, headless: installs what is missing, then
#   1. rustfmt and clippy (warnings are errors);
#   2. native cargo test (unit, golden fixtures, doc examples);
#   3. wasm-pack test --node, then the same tests in headless Chromium (the count must match:
#      --chrome skips tests silently when not told to use the browser);
#   4. the release build (wasm-opt -Oz), its size, and Node tests of that optimised package;
#   5. end-to-end tests of the page in Debian's Chromium (playwright-core).
# Ends with one line "N passed, M failed" over all runners.
set -euo pipefail
cd "$(dirname "$0")/.."
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
  echo "$ok"
}
# The count of wasm tests (every wasm test binary, not the doc-tests) in a wasm-pack log.
compter_js() {
  awk '/wasm32-unknown-unknown/ {w=1} /Doc-tests/ {w=0} w && /test result:/ {match($0, /[0-9]+ passed/); s += substr($0, RSTART, RLENGTH - 7)} END {print s+0}' "$1"
}

etape "format et lint"
cargo fmt --check
cargo clippy --all-targets --all-features --quiet -- -D warnings
RUSTDOCFLAGS="-D warnings" cargo doc --no-deps --quiet

etape "cargo test (natif)"
cargo test --all-features 2>&1 | tee "$journal/natif.log"
compter_cargo "$journal/natif.log" >/dev/null

etape "wasm-pack test --node"
wasm-pack test --node 2>&1 | tee "$journal/node.log"
n_node=$(compter_js "$journal/node.log")
compter_cargo "$journal/node.log" >/dev/null

etape "wasm-pack test --headless --chrome"
WASM_BINDGEN_USE_BROWSER=1 wasm-pack test --headless --chrome --chromedriver "$(command -v chromedriver)" 2>&1 | tee "$journal/chrome.log"
n_chrome=$(compter_js "$journal/chrome.log")
compter_cargo "$journal/chrome.log" >/dev/null
grep -q "Running headless tests in Chrome" "$journal/chrome.log" || { echo "ÉCHEC : les tests wasm n'ont pas tourné dans Chrome" >&2; exit 1; }
if [ "$n_chrome" -eq 0 ] || [ "$n_chrome" -ne "$n_node" ]; then
  echo "ÉCHEC : $n_chrome tests wasm dans Chromium contre $n_node dans Node ; ils doivent être les mêmes, et plus de zéro." >&2
  exit 1
fi
echo "Tests wasm exécutés dans Chromium : $n_chrome (Node : $n_node)"

etape "fuzzing borné (libFuzzer, ${FUZZ_SECONDES:-20} s par cible)"
# cargo-fuzz wants nightly flags; RUSTC_BOOTSTRAP lets the stable toolchain of this machine
# accept them. The seed corpus lives in fuzz/corpus; what a run finds goes to target/.
executions=0
for cible in situation diagnostic lot_foyers import_iris; do
  mkdir -p "target/fuzz-corpus/$cible"
  (cd fuzz && RUSTC_BOOTSTRAP=1 cargo fuzz run -O "$cible" "../target/fuzz-corpus/$cible" "corpus/$cible" \
      -- -max_total_time="${FUZZ_SECONDES:-20}" -rss_limit_mb=2048 -print_final_stats=1) > "$journal/fuzz-$cible.log" 2>&1 \
    || { tail -40 "$journal/fuzz-$cible.log"; echo "ÉCHEC : le fuzzing de $cible a trouvé un plantage" >&2; exit 1; }
  n=$(grep -Eo '^Done [0-9]+ runs' "$journal/fuzz-$cible.log" | grep -Eo '[0-9]+' || echo 0)
  echo "fuzz $cible : $n exécutions, aucun plantage"
  executions=$((executions + n))
done
echo "fuzz : $executions exécutions au total, aucun plantage"

etape "paquet de production (wasm-opt -Oz)"
scripts/build.sh

etape "tests Node du paquet optimisé et tests de bout en bout (Chromium)"
mkdir -p tests/e2e/artefacts
node --test --test-reporter=spec --test-reporter-destination=stdout \
  --test-reporter=tap --test-reporter-destination="$journal/node-test.tap" \
  tests/node/ tests/e2e/
ok=$(grep -Eo '^# pass [0-9]+' "$journal/node-test.tap" | grep -Eo '[0-9]+')
ko=$(grep -Eo '^# fail [0-9]+' "$journal/node-test.tap" | grep -Eo '[0-9]+')
total_ok=$((total_ok + ok)); total_ko=$((total_ko + ko))

echo
echo "total: $total_ok passed, $total_ko failed"
[ "$total_ko" -eq 0 ]
