// A counts file as big as they come, for scripts/bench.sh: every column of the template
// (modeleComptes), 95 départements and 35 000 communes each referring to its département, counts
// drawn by a fixed generator (always the same file).
//   node bench/comptes.mjs FICHIER            writes the file
//   node bench/comptes.mjs --wasm FICHIER     times exporterComptesCsv and importerComptes in Node
//                                             (pkg/territoire/, each in a fresh instance, best of
//                                             two), one JSON line
import { readFileSync, writeFileSync } from "node:fs";

// A fresh instance of the module, its memory as small as a page's worker finds it: an instance
// that has already read the file keeps the memory it grew, and would hide what growing it costs.
const module = new WebAssembly.Module(readFileSync(new URL("../pkg/territoire/indicateurs_caf_bg.wasm", import.meta.url)));
let instances = 0;
async function instance() {
  const p = await import(`../pkg/territoire/indicateurs_caf.js?instance=${instances++}`);
  p.initSync({ module });
  return p;
}
const paquet = await instance();

if (process.argv[2] === "--wasm") {
  const contenu = new Uint8Array(readFileSync(process.argv[3]));
  const meilleur = async (f) => {
    let min = Infinity;
    for (let k = 0; k < 2; k++) {
      const p = await instance();
      const t = performance.now();
      f(p);
      min = Math.min(min, performance.now() - t);
    }
    return min;
  };
  const exporterMs = await meilleur((p) => p.exporterComptesCsv({ nom: "comptes.csv", contenu }));
  const importerMs = await meilleur((p) => p.importerComptes({ nom: "comptes.csv", contenu }));
  console.log(JSON.stringify({ exporterMs, importerMs }));
} else {
  const [entete] = paquet.modeleComptes().replace(/^\ufeff/, "").split("\n");
  const colonnes = entete.split(";");
  let graine = 1;
  const hasard = () => (graine = (graine * 1103515245 + 12345) % 2147483648) / 2147483648;
  // Published shares and indices stay empty: they are computed from the counts.
  const calculee = (c) => /^(evolution|taux|indice|part)/.test(c);
  const ligne = (code, nom, niveau, reference) => colonnes.map((c) => ({ code, nom, niveau, annee: "2020", reference })[c]
    ?? (calculee(c) ? "" : String(Math.floor(hasard() * 5000)))).join(";");
  const lignes = [entete];
  const departement = (d) => String(d).padStart(2, "0");
  for (let d = 1; d <= 95; d++) lignes.push(ligne(departement(d), `Département ${d}`, "departement", ""));
  for (let c = 0; c < 35_000; c++) {
    const d = 1 + (c % 95);
    lignes.push(ligne(departement(d) + String(c).padStart(5, "0"), `Commune ${c}`, "commune", departement(d)));
  }
  writeFileSync(process.argv[2], lignes.join("\n") + "\n");
}
