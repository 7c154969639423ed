// The territorial diagnostic page: builds the two territories from the form (or from imported
// open data), calls the package and displays what it returns. No arithmetic here; data is
// written with textContent, and the radar SVG is parsed as XML (never innerHTML).
import init, { calculerDiagnostic, clesDiagnostic, exporterDiagnosticCsv, importerDonnees } from "../pkg/indicateurs_caf.js";

const $ = (id) => document.getElementById(id);
const formulaire = $("comptes");
let cles = [];
let importees = [];

function element(nom, attributs = {}, texte) {
  const e = document.createElement(nom);
  for (const [k, v] of Object.entries(attributs)) e.setAttribute(k, v);
  if (texte !== undefined) e.textContent = texte;
  return e;
}

function construireSaisie() {
  const corps = $("lignes-saisie");
  for (const c of cles) {
    const tr = element("tr");
    const th = element("th", { scope: "row" });
    th.append(element("span", { id: `l-${c.cle}` }, c.libelle), element("span", { class: "cle" }, c.cle));
    tr.append(th);
    for (const [cote, libelleCote] of [["territoire", "territoire"], ["reference", "référence"]]) {
      const td = element("td");
      td.append(element("input", { "data-cote": cote, "data-cle": c.cle, "data-champ": `${cote}.valeurs.${c.cle}`, inputmode: "decimal", autocomplete: "off", "aria-labelledby": `l-${c.cle}`, "aria-label": `${c.libelle}, ${libelleCote}`, title: `${c.libelle} (${libelleCote})` }));
      tr.append(td);
      const tdv = element("td");
      if (c.variation) {
        tdv.append(element("input", { "data-cote": cote, "data-variation": c.cle, "data-champ": `${cote}.variations5ans.${c.cle}`, inputmode: "decimal", autocomplete: "off", "aria-label": `Variation sur 5 ans, ${c.libelle}, ${libelleCote}`, title: `Variation sur 5 ans (${libelleCote})` }));
      }
      tr.append(tdv);
    }
    corps.append(tr);
  }
  $("nombre-cles").textContent = String(cles.length);
}

function lireTerritoire(cote) {
  const prefixe = cote === "territoire" ? "t" : "r";
  const t = { nom: $(`${prefixe}-nom`).value, annee: $(`${prefixe}-annee`).value, valeurs: {}, variations5ans: {} };
  for (const input of formulaire.querySelectorAll(`input[data-cote="${cote}"]`)) {
    if (input.value.trim() === "") continue;
    if (input.dataset.cle) t.valeurs[input.dataset.cle] = input.value;
    else t.variations5ans[input.dataset.variation] = input.value;
  }
  return t;
}

function remplir(cote, t) {
  const prefixe = cote === "territoire" ? "t" : "r";
  $(`${prefixe}-nom`).value = t.nom ?? "";
  $(`${prefixe}-annee`).value = t.annee === undefined ? "" : String(t.annee);
  for (const input of formulaire.querySelectorAll(`input[data-cote="${cote}"]`)) {
    const source = input.dataset.cle ? t.valeurs ?? {} : t.variations5ans ?? {};
    const v = source[input.dataset.cle ?? input.dataset.variation];
    input.value = v === undefined || v === null ? "" : String(v);
  }
}

function effacerErreurs() {
  for (const e of formulaire.querySelectorAll(".erreur")) e.textContent = "";
  for (const e of formulaire.querySelectorAll("[aria-invalid]")) e.removeAttribute("aria-invalid");
}

function montrerErreur(erreur) {
  const cible = formulaire.querySelector(`[data-champ="${CSS.escape(erreur.champ ?? "")}"]`);
  if (cible) {
    cible.setAttribute("aria-invalid", "true");
    if (cible.closest("details")) cible.closest("details").open = true;
    const zone = document.getElementById(`erreur-${cible.id}`);
    if (zone) zone.textContent = erreur.message;
  }
  $("annonce").textContent = erreur.message;
  $("annonce").className = "annonce annonce-erreur";
  $("etude").replaceChildren();
  $("figure-radar").hidden = true;
  $("exporter").disabled = true;
  $("imprimer").disabled = true;
}

function cellule(texte, classe) {
  return element("td", classe ? { class: classe } : {}, texte);
}

function afficherSection(s, nomT, nomR) {
  const bloc = element("section", { class: "etude-section", "aria-labelledby": `s-${s.titre}` });
  bloc.append(element("h3", { id: `s-${s.titre}` }, s.titre));
  for (const p of s.phrases) bloc.append(element("p", { class: "phrase" }, p));
  if (s.lignes.length > 0) {
    const table = element("table", { class: "tableau" });
    table.append(element("caption", {}, s.titre));
    const thead = element("thead");
    const tr = element("tr");
    for (const t of ["Indicateur", "Année réf.", nomT, "Variation sur 5 ans", nomR, "Variation sur 5 ans"]) tr.append(element("th", { scope: "col" }, t));
    thead.append(tr);
    const tbody = element("tbody");
    for (const l of s.lignes) {
      const ligne = element("tr", { "data-id": l.id });
      ligne.append(
        element("th", { scope: "row" }, l.libelle),
        cellule(String(l.annee), "nombre"),
        cellule(l.affiche, "nombre territoire"),
        cellule(`${l.fleche} ${l.affichageVariation}`.trim(), "nombre variation"),
        cellule(l.reference.affiche, "nombre reference"),
        cellule(`${l.reference.fleche} ${l.reference.affichageVariation}`.trim(), "nombre variation-reference"),
      );
      tbody.append(ligne);
    }
    table.append(thead, tbody);
    bloc.append(table);
  }
  if (s.notes.length > 0) {
    const notes = element("ul", { class: "notes", "aria-label": "Notes" });
    for (const n of s.notes) notes.append(element("li", {}, n));
    bloc.append(notes);
  }
  return bloc;
}

function afficherRadar(d) {
  const doc = new DOMParser().parseFromString(d.radar, "image/svg+xml");
  const svg = doc.documentElement;
  if (svg.nodeName !== "svg") return;
  $("radar").replaceChildren(document.importNode(svg, true));
  $("radar-texte").replaceChildren(...d.radarTexte.map((t) => element("li", {}, t)));
  $("figure-radar").hidden = false;
}

function calculer() {
  effacerErreurs();
  const t = lireTerritoire("territoire");
  const r = lireTerritoire("reference");
  if (Object.keys(t.valeurs).length === 0 && Object.keys(r.valeurs).length === 0) {
    $("annonce").textContent = "Chargez l'exemple, importez des données ouvertes ou saisissez des comptes.";
    $("annonce").className = "annonce";
    return;
  }
  try {
    const d = calculerDiagnostic(t, r, { radar: { id: "radar-diagnostic" } });
    const nomT = t.nom || "Territoire";
    const nomR = r.nom || "Référence";
    $("etude").replaceChildren(...d.sections.map((s) => afficherSection(s, nomT, nomR)));
    $("avertissements").replaceChildren(...d.avertissements.map((a) => element("li", {}, a)));
    afficherRadar(d);
    $("annonce").textContent = `Étude calculée : ${nomT} comparé à ${nomR}.`;
    $("annonce").className = "annonce";
    $("exporter").disabled = false;
    $("imprimer").disabled = false;
  } catch (erreur) {
    montrerErreur(erreur);
  }
}

function exporter() {
  const csv = exporterDiagnosticCsv(lireTerritoire("territoire"), lireTerritoire("reference"));
  const lien = element("a", { download: "etude-preliminaire.csv" });
  lien.href = URL.createObjectURL(new Blob([csv], { type: "text/csv;charset=utf-8" }));
  document.body.append(lien);
  lien.click();
  lien.remove();
  setTimeout(() => URL.revokeObjectURL(lien.href), 1000);
}

function options(select, territoires) {
  select.replaceChildren(...territoires.map((t) => element("option", { value: `${t.niveau}:${t.code}` }, `${t.nom} (${t.code})`)));
}

function listerImport() {
  const niveau = $("niveau").value;
  options($("choix-territoire"), importees.filter((t) => t.niveau === niveau));
  options($("choix-reference"), importees.filter((t) => t.niveau === "departement"));
  choisirReferenceParDefaut();
}

function choisirReferenceParDefaut() {
  const t = importees.find((x) => `${x.niveau}:${x.code}` === $("choix-territoire").value);
  if (t?.departement) $("choix-reference").value = `departement:${t.departement}`;
}

async function importer() {
  $("erreur-fichiers").textContent = "";
  const fichiers = [];
  for (const f of $("fichiers").files) fichiers.push({ nom: f.name, contenu: new Uint8Array(await f.arrayBuffer()) });
  if (fichiers.length === 0) return;
  try {
    const resultat = importerDonnees(fichiers);
    importees = resultat.territoires;
    const compte = (n) => importees.filter((t) => t.niveau === n).length;
    $("resume-import").textContent = `${resultat.lignesLues} lignes lues ; données ${resultat.annee} : ${compte("commune")} communes, ${compte("epci")} EPCI, ${compte("departement")} départements.` + (resultat.avertissements.length ? " " + resultat.avertissements.join(" ") : "");
    if (compte("epci") === 0) $("niveau").value = "commune";
    $("choix-import").hidden = false;
    listerImport();
  } catch (erreur) {
    $("erreur-fichiers").textContent = erreur.message;
    $("choix-import").hidden = true;
  }
}

function utiliserImport() {
  const trouver = (v) => importees.find((x) => `${x.niveau}:${x.code}` === v);
  const t = trouver($("choix-territoire").value);
  const r = trouver($("choix-reference").value);
  if (!t || !r) return;
  remplir("territoire", t);
  remplir("reference", r);
  calculer();
  $("resultats").scrollIntoView();
}

async function demarrer() {
  await init();
  cles = clesDiagnostic();
  construireSaisie();
  formulaire.addEventListener("input", calculer);
  $("fichiers").addEventListener("change", importer);
  $("niveau").addEventListener("change", listerImport);
  $("choix-territoire").addEventListener("change", choisirReferenceParDefaut);
  $("utiliser-import").addEventListener("click", utiliserImport);
  $("charger-exemple").addEventListener("click", async () => {
    const exemple = await (await fetch("exemples/pays-opale.json")).json();
    remplir("territoire", exemple.territoire);
    remplir("reference", exemple.reference);
    calculer();
  });
  $("vider").addEventListener("click", () => {
    remplir("territoire", { valeurs: {} });
    remplir("reference", { valeurs: {} });
    calculer();
  });
  $("exporter").addEventListener("click", exporter);
  $("imprimer").addEventListener("click", () => window.print());
  calculer();
  $("chargement").hidden = true;
  document.body.dataset.pret = "oui";
}

demarrer().catch((e) => {
  $("chargement").textContent = "Le calculateur n'a pas pu se charger : " + (e?.message ?? String(e));
});
