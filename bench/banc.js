// Benchmark page: the same file through the wasm batch and through the plain JavaScript
// baseline, in this browser, best of three runs each; outputs must be equal.
import init, { TraitementFoyers } from "../pkg/foyer/indicateurs_caf.js";
import { traiterFoyers } from "./reference.js";

await init();
const octets = new Uint8Array(await (await fetch("foyers.csv")).arrayBuffer());
const MORCEAU = 1 << 20;

function wasm() {
  const t = new TraitementFoyers(false, 0);
  const morceaux = [];
  for (let i = 0; i < octets.length; i += MORCEAU) morceaux.push(t.traiter(octets.subarray(i, i + MORCEAU)));
  morceaux.push(t.terminer());
  t.free();
  return morceaux.join("");
}

/** The batch page's path: its worker shares the file among a pool of workers (one per core),
 *  from the file to the results ready to download. */
async function pool() {
  // As the batch page does: the worker and its pool are made ready while the user picks a file.
  const w = new Worker("/lot-worker.js", { type: "module" });
  await new Promise((ok) => {
    w.onmessage = (e) => { if (e.data.type === "pret") ok(); };
    w.postMessage({ type: "prechauffer" });
  });
  const debut = performance.now();
  const fin = await new Promise((ok, ko) => {
    w.onmessage = (e) => { if (e.data.type === "fin") ok(e.data); else if (e.data.type === "erreur") ko(new Error(e.data.message)); };
    w.postMessage({ type: "foyers", fichier: new Blob([octets]), population: false, ponderation: "personnes" });
  });
  // Timed until the results are ready to download (reading them back is the bench's check).
  const ms = performance.now() - debut;
  w.terminate();
  return { ms, fils: fin.fils, texte: (await fin.blob.text()).replace(/^\uFEFF/, "") };
}

function js() {
  return traiterFoyers(new TextDecoder().decode(octets));
}

function meilleur(f) {
  let min = Infinity;
  let sortie = "";
  for (let k = 0; k < 3; k++) {
    const debut = performance.now();
    sortie = f();
    min = Math.min(min, performance.now() - debut);
  }
  return { ms: min, sortie };
}

let p = { ms: Infinity };
for (let k = 0; k < 3; k++) {
  const r = await pool();
  if (r.ms < p.ms) p = r;
}
const w = meilleur(wasm);
const j = meilleur(js);
const foyers = w.sortie.split("\n").length - 2;
window.__resultats = {
  foyers, octets: octets.length, wasmMs: w.ms, jsMs: j.ms, poolMs: p.ms, fils: p.fils,
  identiques: w.sortie === j.sortie && p.texte === j.sortie,
};
document.getElementById("etat").textContent = JSON.stringify(window.__resultats);
