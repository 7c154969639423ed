#!/usr/bin/env bash
# Benchmarks (not tests): each figure is a ratio measured in the same run, on this machine.
#   1. wasm batch vs a plain JavaScript implementation of the same formulas, in headless
#      Chromium, on the same deterministic 1 000 000-foyer file (outputs checked equal), one
#      thread, then the batch page's path (a pool of Web Workers, one per core);
#   1b. the native program vs a raw copy (read the input, write as many bytes as the results):
#      how far the program is from the machine's limit;
#   2. the native program vs OpenFisca-France (PyPI openfisca-france, in a virtualenv this
#      script creates) computing INSEE-scale UC and revenue per unit for the same foyers
#      (the whole file, then its first PETIT foyers), after checking both agree on every UC;
#   2b. the native program and the wasm package on a counts file of every commune with every column
#      (bench/comptes.mjs), against a raw copy of the same bytes;
#   3. time from page load to the first result (measured first, in the fresh browser, each load
#      on an idle browser, against the browser's floor page); the .wasm size raw and gzipped.
# Usage: scripts/bench.sh [NOMBRE_DE_FOYERS=1000000] [PETIT=100000]
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-1000000}
PETIT=${2:-100000}
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

# The best of `fois` runs of a command, in ms, process start included.
meilleur() {
  node -e '
    const { execFileSync } = require("node:child_process");
    const [fois, commande, ...args] = process.argv.slice(1);
    let min = Infinity;
    for (let k = 0; k < Number(fois); k++) {
      const t = process.hrtime.bigint();
      execFileSync(commande, args, { stdio: "ignore" });
      min = Math.min(min, Number(process.hrtime.bigint() - t) / 1e6);
    }
    console.log(min.toFixed(2));
  ' "$@"
}

echo "==> natif : $N foyers"
natif_ms=$(meilleur 3 "$programme" foyers "$dossier/foyers.csv" -o "$dossier/resultats.csv")
echo "natif, résultats écrits dans un fichier : $natif_ms ms"
natif_jete_ms=$(meilleur 5 "$programme" foyers "$dossier/foyers.csv" -o /dev/null)
echo "natif, résultats jetés (/dev/null) : $natif_jete_ms ms"

echo "==> copie brute : lire l'entrée, écrire autant d'octets que les résultats (la limite de la machine)"
sortie_octets=$(wc -c < "$dossier/resultats.csv")
copie_ms=$(meilleur 3 sh -c 'cat "$0" > /dev/null && head -c "$1" /dev/zero > "$2"' "$dossier/foyers.csv" "$sortie_octets" "$dossier/copie.csv")
echo "copie : $copie_ms ms"
lecture_ms=$(meilleur 5 sh -c 'cat "$0" > /dev/null' "$dossier/foyers.csv")
echo "lecture seule : $lecture_ms ms"

echo "==> fichier de comptes : 35 095 territoires, toutes les colonnes du modèle (bench/comptes.mjs)"
node bench/comptes.mjs "$dossier/comptes.csv"
comptes_ms=$(meilleur 3 "$programme" territoires "$dossier/comptes.csv" -o "$dossier/etudes.csv")
comptes_copie_ms=$(meilleur 3 sh -c 'cat "$0" > /dev/null && head -c "$1" /dev/zero > "$2"' "$dossier/comptes.csv" "$(wc -c < "$dossier/etudes.csv")" "$dossier/copie.csv")
comptes_wasm=$(node bench/comptes.mjs --wasm "$dossier/comptes.csv")
echo "natif $comptes_ms ms, copie $comptes_copie_ms ms, wasm dans Node $comptes_wasm"

echo "==> OpenFisca-France sur les mêmes $N foyers, puis sur les $PETIT premiers"
venv=target/banc/venv-openfisca
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c "import openfisca_france" 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet "openfisca-france==176.1.8"
fi
openfisca=$("$venv/bin/python" bench/openfisca_banc.py "$dossier/foyers.csv" "$dossier/resultats.csv" "$N")
echo "$openfisca"
head -n $((PETIT + 1)) "$dossier/foyers.csv" > "$dossier/foyers-petit.csv"
openfisca_petit=$("$venv/bin/python" bench/openfisca_banc.py "$dossier/foyers-petit.csv" "$dossier/resultats.csv" "$PETIT")
echo "$openfisca_petit"
natif_petit_ms=$(meilleur 5 "$programme" foyers "$dossier/foyers-petit.csv" -o /dev/null)

node -e '
  const [nav, of, ofPetit, natifMs, natifPetitMs, n, copieMs, natifJeteMs, lectureMs, comptesMs, comptesCopieMs, comptesWasm] = process.argv.slice(1);
  const b = JSON.parse(nav), o = JSON.parse(of), op = JSON.parse(ofPetit);
  if (!b.identiques) { console.error("ÉCHEC : sorties wasm et JavaScript différentes"); process.exit(1); }
  for (const x of [o, op]) {
    if (x.desaccords_uc !== 0) { console.error("ÉCHEC : " + x.desaccords_uc + " UC en désaccord avec OpenFisca"); process.exit(1); }
  }
  const f = (x, d = 2) => x.toFixed(d).replace(".", ",");
  console.log("\nRésultats (" + require("node:os").cpus()[0].model + ", " + require("node:os").cpus().length + " cœurs)");
  console.log("| mesure | valeur |");
  console.log("|---|---|");
  console.log("| lot wasm dans Chromium, " + n + " foyers (CSV lu et écrit) | " + f(b.wasmMs, 0) + " ms, " + f(b.foyers / b.wasmMs / 1000) + " M foyers/s |");
  console.log("| même lot en JavaScript simple | " + f(b.jsMs, 0) + " ms, " + f(b.foyers / b.jsMs / 1000) + " M foyers/s |");
  console.log("| rapport JavaScript / wasm | " + f(b.jsMs / b.wasmMs) + " × |");
  console.log("| page des lots : le même fichier réparti sur " + b.fils + " fils de travail (démarrage compris) | " + f(b.poolMs, 0) + " ms |");
  console.log("| rapport JavaScript / page des lots | " + f(b.jsMs / b.poolMs) + " × |");
  console.log("| programme natif, " + n + " foyers (processus compris), résultats écrits dans un fichier | " + f(Number(natifMs), 0) + " ms, " + f(b.foyers / Number(natifMs) / 1000) + " M foyers/s |");
  console.log("| copie brute : lire l’entrée, écrire autant d’octets que les résultats | " + f(Number(copieMs), 0) + " ms |");
  console.log("| rapport natif / copie brute | " + f(Number(natifMs) / Number(copieMs), 1) + " × |");
  console.log("| programme natif, " + n + " foyers, résultats jetés (/dev/null) | " + f(Number(natifJeteMs), 0) + " ms |");
  console.log("| lecture seule de l’entrée (cat > /dev/null) | " + f(Number(lectureMs), 0) + " ms |");
  // OpenFisca per foyer against the native program per foyer, on the same foyers, each with
  // its ceiling on this machine (no program that reads the file, and writes its results when
  // they are kept, can go faster than reading, or copying, the same bytes).
  const us = (x) => f(x.secondes * 1e6 / x.foyers) + " µs par foyer";
  console.log("| OpenFisca-France, les mêmes " + o.foyers + " foyers (UC INSEE et revenu par UC), calcul seul | " + f(o.secondes * 1000, 0) + " ms, " + us(o) + " |");
  console.log("| rapport OpenFisca / natif, mêmes " + o.foyers + " foyers, résultats jetés | " + f(o.secondes * 1000 / Number(natifJeteMs), 1) + " × (plafond : OpenFisca / lecture seule, " + f(o.secondes * 1000 / Number(lectureMs), 0) + " ×) |");
  console.log("| rapport OpenFisca / natif, mêmes " + o.foyers + " foyers, résultats écrits dans un fichier | " + f(o.secondes * 1000 / Number(natifMs), 1) + " × (plafond : OpenFisca / copie brute, " + f(o.secondes * 1000 / Number(copieMs), 1) + " ×) |");
  console.log("| OpenFisca-France, le même travail depuis le fichier CSV (lu par le module csv de Python) | " + f(o.secondes_avec_lecture * 1000, 0) + " ms, " + f(o.secondes_avec_lecture * 1000 / Number(natifJeteMs), 1) + " × le natif |");
  console.log("| OpenFisca-France, les " + op.foyers + " premiers foyers, calcul seul | " + f(op.secondes * 1000, 0) + " ms, " + us(op) + " |");
  console.log("| programme natif, les mêmes " + op.foyers + " foyers, résultats jetés ; rapport | " + f(Number(natifPetitMs), 1) + " ms ; " + f(op.secondes * 1000 / Number(natifPetitMs), 1) + " × |");
  const p = b.premier;
  const serie = (xs) => xs.map((x) => f(x, 0)).join(", ") + " ms";
  console.log("| navigation → premier résultat calculé, page du foyer (médianes de 5, cache vide, navigateur au repos : trois séries ; médiane des 15) | " + serie(p.series) + " ; " + f(p.calcul, 0) + " ms |");
  console.log("| plancher du navigateur : la plus petite page faite pareil (un module, un wasm de 34 o, un appel ; chargements alternés avec la page : trois séries ; médiane des 15) | " + serie(p.planchersSeries) + " ; " + f(p.plancher, 0) + " ms |");
  console.log("| rapport premier résultat / plancher ; ce que la page ajoute au plancher | " + f(p.calcul / p.plancher, 1) + " × ; " + f(p.calcul - p.plancher, 0) + " ms |");
  console.log("| … dont : réponse HTML " + f(p.reponse, 0) + " ms ; élément démarré " + f(p.element, 0) + " ms ; paquet compilé et prêt " + f(p.paquet, 0) + " ms ; formulaire et calcul " + f(p.calcul, 0) + " ms | |");
  console.log("| navigation → premier résultat affiché (événement resultat) | " + f(p.affiche, 0) + " ms |");
  console.log("| communes et EPCI du plus gros fichier IRIS, dans le navigateur | " + f(b.territoiresS) + " s |");
  const cw = JSON.parse(comptesWasm);
  console.log("| fichier de comptes, 35 095 territoires × 309 colonnes (41 Mo) : programme natif, CSV des études | " + f(Number(comptesMs), 0) + " ms ; " + f(Number(comptesMs) / Number(comptesCopieMs), 1) + " × la copie brute (" + f(Number(comptesCopieMs), 0) + " ms) |");
  console.log("| le même fichier en wasm dans Node : exporterComptesCsv ; importerComptes (objets JavaScript compris) | " + f(cw.exporterMs, 0) + " ms ; " + f(cw.importerMs, 0) + " ms |");
  for (const [nom, w] of [["pkg/ (toute la liaison)", "pkg/indicateurs_caf_bg.wasm"], ["pkg/foyer/", "pkg/foyer/indicateurs_caf_bg.wasm"], ["pkg/territoire/", "pkg/territoire/indicateurs_caf_bg.wasm"]]) {
    const octets = require("node:fs").readFileSync(w);
    const gz = require("node:child_process").execFileSync("sh", ["-c", "gzip -9 -c \"$0\" | wc -c", w]).toString().trim();
    console.log("| module .wasm " + nom + " | " + octets.length + " o bruts, " + gz + " o gzip -9 |");
  }
' "$navigateur" "$openfisca" "$openfisca_petit" "$natif_ms" "$natif_petit_ms" "$N" "$copie_ms" "$natif_jete_ms" "$lecture_ms" "$comptes_ms" "$comptes_copie_ms" "$comptes_wasm"
