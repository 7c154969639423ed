// The batch page: hands the files to the worker, shows its progress, offers the results.
// The worker and the package do all the computing.
import { charger as paquet } from "./element/paquet.js";
import { ecrire, insecables } from "./element/typographie.js";

// The two packages of the page's buttons, loaded when first used (the work itself is in the worker).
const FOYER = new URL("../pkg/foyer/indicateurs_caf.js", import.meta.url).href;
const TERRITOIRE = new URL("../pkg/territoire/indicateurs_caf.js", import.meta.url).href;

const $ = (id) => document.getElementById(id);
let travail = null;
let dernierFichier = null;

const li = (texte) => Object.assign(document.createElement("li"), { textContent: insecables(texte) });

function cellules(tr, textes, balise = "td") {
  for (const t of textes) tr.append(Object.assign(document.createElement(balise), { textContent: insecables(t) }));
  return tr;
}

/** The summary of the statuses, the median of each year, the first error rows. */
function afficherBilan(m) {
  $("bilan-foyers").replaceChildren(...m.bilan.phrases.map(li));
  $("zone-bilan").hidden = false;
  // One row per reference year: the package writes every cell, its headers and the weighting.
  const [premier] = m.seuils;
  const tableau = $("seuils-population");
  tableau.querySelector("thead tr").replaceChildren(...(premier?.colonnes ?? []).map((t) => Object.assign(document.createElement("th"), { scope: "col", textContent: t })));
  const ligne = (s) => {
    const tr = document.createElement("tr");
    tr.append(Object.assign(document.createElement("th"), { scope: "row", textContent: s.cellules[0] }));
    return cellules(tr, s.cellules.slice(1));
  };
  tableau.querySelector("tbody").replaceChildren(...m.seuils.map(ligne));
  ecrire($("legende-seuils"), premier ? `RUC médian et seuils, année par année (${premier.legende})` : "RUC médian et seuils, année par année");
  $("zone-seuils").hidden = !premier;
  if (premier) lien($("telecharger-seuils"), new Blob([m.seuilsCsv], { type: "text/csv;charset=utf-8" }));
  const corps = $("erreurs-foyers").querySelector("tbody");
  corps.replaceChildren(...m.erreurs.map((e) => cellules(document.createElement("tr"), [String(e.ligne), e.champ, e.message])));
  ecrire($("legende-erreurs"), m.bilan.erreurs > m.erreurs.length
    ? `Premières lignes en erreur (${m.erreurs.length} sur ${m.bilan.erreurs} ; toutes sont dans le fichier de résultats)`
    : "Lignes en erreur");
  $("zone-erreurs").hidden = m.erreurs.length === 0;
}

/** A worker whose pool and package load while the user picks a file (first batch fast). */
const prechauffe = () => {
  const w = new Worker(new URL("lot-worker.js", import.meta.url), { type: "module" });
  w.postMessage({ type: "prechauffer" });
  return w;
};
let enReserve = prechauffe();

function nouveauTravail() {
  travail?.terminate();
  travail = enReserve ?? prechauffe();
  enReserve = null;
  return travail;
}

function lien(element, blob) {
  if (element.href) URL.revokeObjectURL(element.href);
  element.href = URL.createObjectURL(blob);
  element.hidden = false;
}

function lancerFoyers(fichier) {
  if (!fichier) return;
  dernierFichier = fichier;
  const w = nouveauTravail();
  $("telecharger-foyers").hidden = true;
  $("zone-seuils").hidden = true;
  $("bilan-foyers").replaceChildren();
  $("zone-bilan").hidden = true;
  $("zone-erreurs").hidden = true;
  $("barre-foyers").value = 0;
  ecrire($("etat-foyers"), `Traitement de « ${fichier.name} »…`);
  $("annuler").disabled = false;
  w.onmessage = (e) => {
    const m = e.data;
    if (m.type === "progression" || m.type === "fin") {
      $("barre-foyers").value = m.progression.pourcent;
      ecrire($("etat-foyers"), m.progression.texte);
    }
    if (m.type === "fin" || m.type === "erreur") enReserve ??= prechauffe();
    if (m.type === "fin") {
      const reparti = m.fils > 1 ? ` Calcul réparti sur ${m.fils} fils de travail.` : "";
      // The summary alone (the bar says 100 %): « 2 lignes traitées, dont 1 en erreur, en 0,02 s. »
      ecrire($("etat-foyers"), `${m.resume}${reparti}`);
      document.body.dataset.fils = String(m.fils);
      lien($("telecharger-foyers"), m.blob);
      afficherBilan(m);
      $("annuler").disabled = true;
      document.body.dataset.foyers = "fini";
    }
    if (m.type === "erreur") {
      ecrire($("etat-foyers"), m.message);
      $("annuler").disabled = true;
      document.body.dataset.foyers = "erreur";
    }
  };
  document.body.dataset.foyers = "en-cours";
  w.postMessage({ type: "foyers", fichier, population: $("population").checked, ponderation: $("ponderation").value });
}

$("fichier-foyers").addEventListener("change", () => lancerFoyers($("fichier-foyers").files[0]));
const depot = $("depot");
depot.addEventListener("dragover", (e) => {
  e.preventDefault();
  depot.classList.add("survol");
});
depot.addEventListener("dragleave", () => depot.classList.remove("survol"));
depot.addEventListener("drop", (e) => {
  e.preventDefault();
  depot.classList.remove("survol");
  lancerFoyers(e.dataTransfer.files[0]);
});
$("annuler").addEventListener("click", () => {
  travail?.terminate();
  travail = null;
  enReserve ??= prechauffe();
  $("annuler").disabled = true;
  $("barre-foyers").value = 0;
  ecrire($("etat-foyers"), "Traitement annulé : aucun résultat.");
  document.body.dataset.foyers = "annule";
});
// The median's weighting or the choice to compute it changes the results: run the file again.
for (const id of ["ponderation", "population"]) {
  $(id).addEventListener("change", () => { if (dernierFichier) lancerFoyers(dernierFichier); });
}
$("modele-comptes").addEventListener("click", async () => {
  const { modeleComptes } = await paquet(TERRITOIRE);
  const a = Object.assign(document.createElement("a"), { download: "modele-comptes-territoires.csv" });
  a.href = URL.createObjectURL(new Blob([modeleComptes()], { type: "text/csv;charset=utf-8" }));
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
});
$("exemple").addEventListener("click", async () => {
  const { genererFoyers } = await paquet(FOYER);
  const a = Object.assign(document.createElement("a"), { download: "exemple-foyers.csv" });
  a.href = URL.createObjectURL(new Blob([genererFoyers(1000, 1)], { type: "text/csv;charset=utf-8" }));
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
});
$("fichiers-territoires").addEventListener("change", () => {
  const fichiers = [...$("fichiers-territoires").files];
  if (fichiers.length === 0) return;
  const w = new Worker(new URL("lot-worker.js", import.meta.url), { type: "module" });
  ecrire($("etat-territoires"), "Calcul des territoires…");
  $("telecharger-territoires").hidden = true;
  w.onmessage = (e) => {
    if (e.data.type === "progression") return ecrire($("etat-territoires"), e.data.texte);
    if (e.data.type === "fin") {
      lien($("telecharger-territoires"), e.data.blob);
      ecrire($("etat-territoires"), e.data.resume);
      document.body.dataset.territoires = "fini";
    } else if (e.data.type === "erreur") {
      ecrire($("etat-territoires"), e.data.message);
    }
    w.terminate();
  };
  w.postMessage({ type: "territoires", fichiers });
});
document.body.dataset.pret = "oui";
