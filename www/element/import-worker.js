// The open-data import of <caf-indicateurs vue="diagnostic">, off the page's thread: the page
// stays usable, shows progress and can cancel (it terminates this worker). Bundled by
// scripts/build.sh into www/caf-indicateurs-import.js, next to the element. No arithmetic here:
// the package checks sizes, reads the files and aggregates them.

// A counts file read stays here (`ComptesImportes`): the page gets the list of its rows, then asks
// for the territories it studies (`{ type: "territoires", id, indices }`), instead of receiving
// every territory of a file of every commune (seconds to make and to pass).
let comptes = null;

onmessage = async (e) => {
  if (e.data.type === "territoires") {
    const { id, indices } = e.data;
    try {
      postMessage({ type: "territoires", id, territoires: indices.map((i) => comptes.territoire(i)) });
    } catch (erreur) {
      postMessage({ type: "territoires", id, message: erreur?.message ?? String(erreur) });
    }
    return;
  }
  const { paquet, fichiers } = e.data;
  try {
    const m = await import(paquet);
    await m.default();
    // Sizes first, before a byte is read: a file too large is refused at once.
    for (const f of fichiers) m.verifierTailleFichier(f.name, f.size);
    const lus = [];
    for (const [i, f] of fichiers.entries()) {
      postMessage({ type: "progression", texte: `Lecture de « ${f.name} » (${i + 1} sur ${fichiers.length})…` });
      lus.push({ nom: f.name, contenu: new Uint8Array(await f.arrayBuffer()) });
    }
    // One counts file (code, annee… columns): its rows; otherwise open data to aggregate.
    if (lus.length === 1 && m.estFichierComptes(lus[0].contenu.subarray(0, 4096))) {
      // A file of every commune takes seconds: the page says how far the reading is, from the
      // package's reports (every 1 000 rows), then that the territories are being handed over.
      const lecture = `Lecture des territoires de « ${lus[0].nom} »`;
      postMessage({ type: "progression", texte: `${lecture}…` });
      comptes = new m.ComptesImportes(lus[0], (p) => {
        postMessage({ type: "progression", texte: p.pourcent < 100 ? `${lecture} : ${p.texte}.` : `${lecture} : ${p.texte} ; préparation de la liste…` });
      });
      postMessage({ type: "fin", comptes: comptes.apercu() });
      return;
    }
    postMessage({ type: "progression", texte: "Agrégation des communes, EPCI et départements…" });
    postMessage({ type: "fin", resultat: m.importerDonnees(lus) });
  } catch (erreur) {
    postMessage({ type: "erreur", message: erreur?.message ?? String(erreur), champ: erreur?.champ });
  }
};
