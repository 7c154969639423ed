// The batch runs here, off the page's thread: the file is read as a stream and shared among a
// pool of workers (this same script, one per core up to FILS_MAX), the results kept in file
// order as Blob parts of PAQUET_BLOB bytes (the browser may keep them out of the JavaScript
// heap). No arithmetic here either: the package cuts the pieces, merges the counts, and gives
// progress, estimates and durations.
// Each job loads the package made for it: pkg/foyer/ for foyers, pkg/territoire/ for territories.
// Loaded and initialised once per worker, by the element's own loader.
import { charger as paquet } from "./element/paquet.js";

const FOYER = new URL("../pkg/foyer/indicateurs_caf.js", import.meta.url).href;
const TERRITOIRE = new URL("../pkg/territoire/indicateurs_caf.js", import.meta.url).href;
let TraitementFoyers;
/** Workers of the pool at most (beyond, the coordinator and the copies cost more than they save). */
const FILS_MAX = 8;

/** The BOM tells spreadsheets the file is UTF-8 (« Âge », « é »), as every export of the project. */
const BOM = "\uFEFF";

/** Result bytes gathered before they become one Blob. Each Blob has a price of its own: one per
 *  piece took the coordinator ≈ 130 ms of the 1 000 000-foyer file, taken from the workers'
 *  cores; one per 32 MB, ≈ 60 ms. The bytes held here stay bounded. */
const PAQUET_BLOB = 32 << 20;

/** The results in file order: bytes gathered, then Blobs of PAQUET_BLOB bytes. */
function resultats() {
  const blobs = [new Blob([BOM])];
  let attente = [];
  let octets = 0;
  const vider = () => {
    if (attente.length > 0) blobs.push(new Blob(attente));
    attente = [];
    octets = 0;
  };
  return {
    ajouter(lignes) {
      if (lignes.length === 0) return;
      attente.push(lignes);
      octets += lignes.length;
      if (octets >= PAQUET_BLOB) vider();
    },
    blob() {
      vider();
      return new Blob(blobs, { type: "text/csv;charset=utf-8" });
    },
  };
}

function fin(t, fichier, sortie, population, ponderation, fils) {
  sortie.ajouter(new TextEncoder().encode(t.terminer()));
  postMessage({
    type: "fin",
    blob: sortie.blob(),
    progression: t.progression(fichier.size, performance.now()),
    resume: t.resume(performance.now()),
    bilan: t.bilan(),
    erreurs: t.erreursListees(),
    seuils: population ? t.seuilsParAnnee(ponderation) : [],
    seuilsCsv: population ? t.seuilsParAnneeCsv(ponderation) : "",
    fils,
  });
  t.free();
}

/** One worker, where nested workers are not available (or one core). */
async function sequentiel({ fichier, population, ponderation }) {
  const t = new TraitementFoyers(population, performance.now());
  const sortie = resultats();
  const lecteur = fichier.stream().getReader();
  for (;;) {
    const { done, value } = await lecteur.read();
    if (done) break;
    sortie.ajouter(t.traiterEnOctets(value));
    if (t.doitSignaler(performance.now())) postMessage({ type: "progression", progression: t.progression(fichier.size, performance.now()) });
  }
  fin(t, fichier, sortie, population, ponderation, 1);
}

/** The pool of this worker, made once (at « prechauffer », or at the first batch) and kept. */
let reserve = null;
const taillePool = () => Math.min(FILS_MAX, navigator.hardwareConcurrency || 1);
function lePool() {
  reserve ??= pool(taillePool());
  return reserve;
}

/** A pool of `n` workers, each answering the pieces sent to it in order. */
function pool(n) {
  const attente = new Map();
  let suivant = 0;
  const fils = Array.from({ length: n }, () => {
    const w = new Worker(new URL(import.meta.url), { type: "module" });
    w.onmessage = (e) => {
      const { id, erreur } = e.data;
      const promesse = attente.get(id);
      attente.delete(id);
      if (erreur) promesse.rejeter(Object.assign(new Error(erreur.message), { champ: erreur.champ }));
      else promesse.tenir(e.data);
    };
    w.onerror = (e) => { for (const p of attente.values()) p.rejeter(new Error(e.message)); };
    return w;
  });
  return {
    n,
    /** The workers that received a piece of the current file. */
    utilises: new Set(),
    /** Every worker has loaded its package. */
    pret() {
      return Promise.all(fils.map(() => this.envoyer({ prechauffer: true })));
    },
    envoyer(message, transferts) {
      const id = suivant++;
      if (!message.prechauffer) this.utilises.add(id % n);
      return new Promise((tenir, rejeter) => {
        attente.set(id, { tenir, rejeter });
        fils[id % n].postMessage({ ...message, type: "piece", id }, transferts);
      });
    },
    fermer() { for (const w of fils) w.terminate(); },
  };
}

/** The file shared among `n` workers: pieces handed out in order, results taken in order. */
async function reparti({ fichier, population, ponderation }) {
  const fils = lePool();
  const n = fils.n;
  fils.utilises.clear();
  const t = new TraitementFoyers(population, performance.now());
  const sortie = resultats();
  const file = [];
  let entete = null;
  // Results are taken in file order; at most 2 pieces per worker wait, so memory stays bounded.
  const prendre = async (reste) => {
    while (file.length > reste) {
      const r = await file.shift();
      if (r.etat) t.fusionnerEtat(r.etat);
      for (const l of [r.lignes].flat()) sortie.ajouter(l);
      if (t.doitSignaler(performance.now())) postMessage({ type: "progression", progression: t.progression(fichier.size, performance.now()) });
    }
  };
  // A piece is the bytes the package kept, then the start of this chunk: the chunk itself moves
  // to the worker, uncopied (the package has copied its unfinished last line) — when it owns its
  // buffer; a view into a larger one is copied, so that nothing else is taken away.
  const donner = (r, morceau) => {
    if (r.lignes) file.push(Promise.resolve({ lignes: r.lignes }));
    if (r.debut) {
      entete ??= t.enteteLue();
      const proprietaire = morceau.byteOffset === 0 && morceau.byteLength === morceau.buffer.byteLength;
      const octets = proprietaire ? morceau.subarray(0, r.fin) : morceau.slice(0, r.fin);
      const message = { entete, ligne: r.ligne, population, debut: r.debut, octets };
      file.push(fils.envoyer(message, [r.debut.buffer, octets.buffer]));
    }
  };
  // Chromium reads a file in chunks of any size up to 2 MB, different at each reading: the
  // package sizes the pieces for this file and these workers, and the largest slice of a chunk
  // to give it, so that every worker gets a share of a small file too.
  const tranche = t.decouperPour(fichier.size, n);
  try {
    const lecteur = fichier.stream().getReader();
    for (;;) {
      const { done, value } = await lecteur.read();
      if (done) break;
      for (let i = 0; i < value.length; i += tranche) {
        // A chunk that fits whole stays the owner of its buffer (subarray of all of it).
        const part = value.subarray(i, i + tranche);
        donner(t.repartir(part, false), part);
        await prendre(2 * n);
      }
    }
    const vide = new Uint8Array(0);
    donner(t.repartir(vide, true), vide);
    await prendre(0);
    // The workers that computed a piece (a small file is read by this worker alone).
    fin(t, fichier, sortie, population, ponderation, fils.utilises.size || 1);
  } catch (erreur) {
    // A worker may be left with pieces of this file: the next batch gets a fresh pool.
    fils.fermer();
    reserve = null;
    t.free();
    throw erreur;
  }
}

/** In a worker of the pool: one piece, its rows and its counts. */
function piece({ id, entete, ligne, population, debut, octets, prechauffer }) {
  if (prechauffer) return postMessage({ id });
  try {
    const t = TraitementFoyers.pourPiece(entete, ligne, population, performance.now());
    // Rows as UTF-8 bytes: moved to the coordinator, then into a Blob, never decoded.
    const lignes = [t.traiterEnOctets(debut), t.traiterEnOctets(octets)];
    const etat = t.etat();
    t.free();
    postMessage({ id, lignes, etat }, [...lignes.map((l) => l.buffer), etat.buffer]);
  } catch (erreur) {
    postMessage({ id, erreur: { message: erreur?.message ?? String(erreur), champ: erreur?.champ } });
  }
}

const enPool = () => taillePool() > 1 && typeof Worker === "function";

// Message « foyers » : { fichier, population, ponderation, fils? } ; `fils: 1` keeps the whole
// batch in this worker (a page that wants to leave the other cores free; the tests of this path).

async function foyers(donnees) {
  if (enPool() && donnees.fils !== 1) await reparti(donnees);
  else await sequentiel(donnees);
}

async function territoires({ fichiers }) {
  const { dureeAffichee, estFichierComptes, exporterComptesCsv, exporterTerritoiresCsv } = await paquet(TERRITOIRE);
  const debut = performance.now();
  const lus = [];
  for (const f of fichiers) lus.push({ nom: f.name, contenu: new Uint8Array(await f.arrayBuffer()) });
  // A counts file of any territories, or open-data IRIS files: the same kind of CSV out. A counts
  // file of every commune takes seconds: the package's reports (every 1 000 rows) go to the page.
  const comptes = lus.length === 1 && estFichierComptes(lus[0].contenu.subarray(0, 4096));
  const etapes = { lecture: `Lecture des territoires de « ${lus[0]?.nom} »`, etudes: "Études des territoires" };
  const suivi = (p, etape) => postMessage({ type: "progression", texte: `${etapes[etape]} : ${p.texte}.` });
  const csv = comptes ? exporterComptesCsv(lus[0], suivi) : exporterTerritoiresCsv(lus);
  postMessage({ type: "fin", blob: new Blob([csv], { type: "text/csv;charset=utf-8" }), resume: `Calculé en ${dureeAffichee(debut, performance.now())}.` });
}

onmessage = async (e) => {
  if (["piece", "foyers", "prechauffer"].includes(e.data.type)) ({ TraitementFoyers } = await paquet(FOYER));
  // Made ready while the user picks a file: the package here, the pool and its packages.
  if (e.data.type === "prechauffer") {
    if (enPool()) await lePool().pret();
    return postMessage({ type: "pret" });
  }
  if (e.data.type === "piece") return piece(e.data);
  try {
    if (e.data.type === "foyers") await foyers(e.data);
    else if (e.data.type === "territoires") await territoires(e.data);
  } catch (erreur) {
    postMessage({ type: "erreur", message: erreur?.message ?? String(erreur), champ: erreur?.champ });
  }
};
