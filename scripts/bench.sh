#!/usr/bin/env bash
# Benchmarks (not tests): each figure is a ratio measured in the same run, on this machine.
#   1. wasm batch vs a plain JavaScript implementation of the same formulas, in headless
#      Chromium, on the same deterministic 1 000 000-foyer file (outputs checked equal), one
#      thread, then the batch page's path (a pool of Web Workers, one per core);
#   1b. the native program vs a raw copy (read the input, write as many bytes as the results):
#      how far the program is from the machine's limit;
#   2. the native program vs OpenFisca-France (PyPI openfisca-france, in a virtualenv this
#      script creates) computing INSEE-scale UC and revenue per unit for the same foyers,
#      after checking both agree on every UC;
#   3. time from page load to the first result; the .wasm size raw and gzipped.
# Usage: scripts/bench.sh [NOMBRE_DE_FOYERS=1000000] [FOYERS_OPENFISCA=100000]
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-1000000}
NOF=${2:-100000}
scripts/setup.sh
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
dossier=target/banc
mkdir -p "$dossier"

echo "==> construction (paquet wasm, programme natif)"
scripts/build.sh | tail -1
cargo build --release --quiet --features cli
programme=target/release/indicateurs-caf

echo "==> fichier de $N foyers (graine 42)"
"$programme" generer --nombre "$N" --graine 42 -o "$dossier/foyers.csv"

echo "==> navigateur : WebAssembly contre JavaScript, premier résultat"
navigateur=$(node bench/banc.mjs "$dossier/foyers.csv")
echo "$navigateur"

echo "==> natif : $N foyers"
natif_ms=$(node -e '
  const { execFileSync } = require("node:child_process");
  let min = Infinity;
  for (let k = 0; k < 3; k++) {
    const t = process.hrtime.bigint();
    execFileSync(process.argv[1], ["foyers", process.argv[2], "-o", process.argv[3]], { stdio: "ignore" });
    min = Math.min(min, Number(process.hrtime.bigint() - t) / 1e6);
  }
  console.log(min.toFixed(1));
' "$programme" "$dossier/foyers.csv" "$dossier/resultats.csv")
echo "natif : $natif_ms ms"

echo "==> copie brute : lire l'entrée, écrire autant d'octets que les résultats (la limite de la machine)"
copie_ms=$(node -e '
  const { execFileSync } = require("node:child_process");
  const { statSync } = require("node:fs");
  const sortie = statSync(process.argv[2]).size;
  let min = Infinity;
  for (let k = 0; k < 3; k++) {
    const t = process.hrtime.bigint();
    execFileSync("sh", ["-c", "cat \"$0\" > /dev/null && head -c \"$1\" /dev/zero > \"$2\"", process.argv[1], String(sortie), process.argv[3]], { stdio: "ignore" });
    min = Math.min(min, Number(process.hrtime.bigint() - t) / 1e6);
  }
  console.log(min.toFixed(1));
' "$dossier/foyers.csv" "$dossier/resultats.csv" "$dossier/copie.csv")
echo "copie : $copie_ms ms"

echo "==> OpenFisca-France sur les $NOF premiers foyers"
venv=target/banc/venv-openfisca
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c "import openfisca_france" 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet "openfisca-france==176.1.8"
fi
head -n $((NOF + 1)) "$dossier/foyers.csv" > "$dossier/foyers-openfisca.csv"
"$programme" foyers "$dossier/foyers-openfisca.csv" -o "$dossier/resultats-openfisca.csv" 2>/dev/null
openfisca=$("$venv/bin/python" bench/openfisca_banc.py "$dossier/foyers-openfisca.csv" "$dossier/resultats-openfisca.csv" "$NOF")
echo "$openfisca"
natif_of_ms=$(node -e '
  const { execFileSync } = require("node:child_process");
  let min = Infinity;
  for (let k = 0; k < 5; k++) {
    const t = process.hrtime.bigint();
    execFileSync(process.argv[1], ["foyers", process.argv[2], "-o", "/dev/null"], { stdio: "ignore" });
    min = Math.min(min, Number(process.hrtime.bigint() - t) / 1e6);
  }
  console.log(min.toFixed(2));
' "$programme" "$dossier/foyers-openfisca.csv")

wasm=pkg/indicateurs_caf_bg.wasm
node -e '
  const [nav, of, natifMs, natifOfMs, brut, gz, n, copieMs] = process.argv.slice(1);
  const b = JSON.parse(nav), o = JSON.parse(of);
  if (!b.identiques) { console.error("ÉCHEC : sorties wasm et JavaScript différentes"); process.exit(1); }
  if (o.desaccords_uc !== 0) { console.error("ÉCHEC : " + o.desaccords_uc + " UC en désaccord avec OpenFisca"); process.exit(1); }
  const f = (x, d = 2) => x.toFixed(d).replace(".", ",");
  console.log("\nRésultats (" + require("node:os").cpus()[0].model + ", " + require("node:os").cpus().length + " cœurs)");
  console.log("| mesure | valeur |");
  console.log("|---|---|");
  console.log("| lot wasm dans Chromium, " + n + " foyers (CSV lu et écrit) | " + f(b.wasmMs, 0) + " ms, " + f(b.foyers / b.wasmMs / 1000) + " M foyers/s |");
  console.log("| même lot en JavaScript simple | " + f(b.jsMs, 0) + " ms, " + f(b.foyers / b.jsMs / 1000) + " M foyers/s |");
  console.log("| rapport JavaScript / wasm | " + f(b.jsMs / b.wasmMs) + " × |");
  console.log("| page des lots : le même fichier réparti sur " + b.fils + " fils de travail (démarrage compris) | " + f(b.poolMs, 0) + " ms |");
  console.log("| rapport JavaScript / page des lots | " + f(b.jsMs / b.poolMs) + " × |");
  console.log("| programme natif, " + n + " foyers (processus compris) | " + f(Number(natifMs), 0) + " ms, " + f(b.foyers / Number(natifMs) / 1000) + " M foyers/s |");
  console.log("| copie brute : lire l’entrée, écrire autant d’octets que les résultats | " + f(Number(copieMs), 0) + " ms |");
  console.log("| rapport natif / copie brute | " + f(Number(natifMs) / Number(copieMs), 1) + " × |");
  console.log("| OpenFisca-France, " + o.foyers + " foyers (UC INSEE et revenu par UC) | " + f(o.secondes * 1000, 0) + " ms |");
  console.log("| programme natif, mêmes " + o.foyers + " foyers | " + f(Number(natifOfMs), 1) + " ms |");
  console.log("| rapport OpenFisca / natif | " + f(o.secondes * 1000 / Number(natifOfMs), 1) + " × |");
  // The ceiling of that ratio here: per foyer, OpenFisca against a raw copy of the same bytes
  // (no program that reads the file and writes its results can go faster than the copy).
  const ofParFoyer = o.secondes * 1000 / o.foyers, copieParFoyer = Number(copieMs) / Number(n);
  console.log("| plafond de ce rapport sur cette machine : OpenFisca / copie brute, par foyer | " + f(ofParFoyer / copieParFoyer, 1) + " × |");
  console.log("| OpenFisca-France, le même travail depuis le fichier CSV (lu par le module csv de Python) | " + f(o.secondes_avec_lecture * 1000, 0) + " ms, " + f(o.secondes_avec_lecture * 1000 / Number(natifOfMs), 1) + " × le natif |");
  const p = b.premier;
  console.log("| navigation → premier résultat calculé, page du foyer (médiane de 5, cache vide) | " + f(p.calcul, 0) + " ms |");
  console.log("| plancher du navigateur : la plus petite page faite pareil (un module, un wasm de 34 o, un appel ; médiane de 5, chargements alternés) | " + f(p.plancher, 0) + " ms |");
  console.log("| rapport premier résultat / plancher ; ce que la page ajoute au plancher | " + f(p.calcul / p.plancher, 1) + " × ; " + f(p.calcul - p.plancher, 0) + " ms |");
  console.log("| … dont : réponse HTML " + f(p.reponse, 0) + " ms ; élément démarré " + f(p.element, 0) + " ms ; paquet compilé et prêt " + f(p.paquet, 0) + " ms ; formulaire et calcul " + f(p.calcul, 0) + " ms | |");
  console.log("| navigation → premier résultat affiché (événement resultat) | " + f(p.affiche, 0) + " ms |");
  console.log("| communes et EPCI du plus gros fichier IRIS, dans le navigateur | " + f(b.territoiresS) + " s |");
  for (const [nom, w] of [["pkg/ (toute la liaison)", "pkg/indicateurs_caf_bg.wasm"], ["pkg/foyer/", "pkg/foyer/indicateurs_caf_bg.wasm"], ["pkg/territoire/", "pkg/territoire/indicateurs_caf_bg.wasm"]]) {
    const octets = require("node:fs").readFileSync(w);
    const gz = require("node:child_process").execFileSync("sh", ["-c", "gzip -9 -c \"$0\" | wc -c", w]).toString().trim();
    console.log("| module .wasm " + nom + " | " + octets.length + " o bruts, " + gz + " o gzip -9 |");
  }
' "$navigateur" "$openfisca" "$natif_ms" "$natif_of_ms" "$(wc -c < $wasm)" "$(gzip -9 -c $wasm | wc -c)" "$N" "$copie_ms"
