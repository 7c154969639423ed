// The batch runs here, off the page's thread: the file is read as a stream, each chunk goes
// through the wasm package, and the result is kept as Blob parts (the browser may keep them
// out of the JavaScript heap). No arithmetic here either: progress, estimates and durations
// come from the package.
import init, { TraitementFoyers, dureeAffichee, estFichierComptes, exporterComptesCsv, exporterTerritoiresCsv } from "../pkg/indicateurs_caf.js";

const pret = init();

async function foyers({ fichier, population, ponderation }) {
  const t = new TraitementFoyers(population, performance.now());
  // The BOM tells spreadsheets the file is UTF-8 (« Âge », « é »), as every export of the project.
  const morceaux = [new Blob(["\uFEFF"])];
  const lecteur = fichier.stream().getReader();
  for (;;) {
    const { done, value } = await lecteur.read();
    if (done) break;
    morceaux.push(new Blob([t.traiter(value)]));
    if (t.doitSignaler(performance.now())) postMessage({ type: "progression", progression: t.progression(fichier.size, performance.now()) });
  }
  morceaux.push(new Blob([t.terminer()]));
  postMessage({
    type: "fin",
    blob: new Blob(morceaux, { type: "text/csv;charset=utf-8" }),
    progression: t.progression(fichier.size, performance.now()),
    resume: t.resume(performance.now()),
    bilan: t.bilan(),
    erreurs: t.erreursListees(),
    seuils: population ? t.seuilsParAnnee(ponderation) : [],
  });
  t.free();
}

async function territoires({ fichiers }) {
  const debut = performance.now();
  const lus = [];
  for (const f of fichiers) lus.push({ nom: f.name, contenu: new Uint8Array(await f.arrayBuffer()) });
  // A counts file of any territories, or open-data IRIS files: the same kind of CSV out.
  const comptes = lus.length === 1 && estFichierComptes(lus[0].contenu.subarray(0, 4096));
  const csv = comptes ? exporterComptesCsv(lus[0]) : exporterTerritoiresCsv(lus);
  postMessage({ type: "fin", blob: new Blob([csv], { type: "text/csv;charset=utf-8" }), resume: `Calculé en ${dureeAffichee(debut, performance.now())}.` });
}

onmessage = async (e) => {
  try {
    await pret;
    if (e.data.type === "foyers") await foyers(e.data);
    else if (e.data.type === "territoires") await territoires(e.data);
  } catch (erreur) {
    postMessage({ type: "erreur", message: erreur?.message ?? String(erreur), champ: erreur?.champ });
  }
};
