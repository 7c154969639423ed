// The household page: reads the form, calls the package, displays what it returns.
// No arithmetic and no number formatting here: every figure and every sentence comes from the
// Rust core. Data is written with textContent only.
import init, { calculerFoyer, seuils } from "../pkg/indicateurs_caf.js";

const $ = (id) => document.getElementById(id);
const formulaire = $("foyer");
const liste = $("liste-personnes");
const ROLES = [
  ["allocataire", "Allocataire"],
  ["conjoint", "Conjoint"],
  ["enfant", "Enfant"],
  ["autre", "Autre personne à charge"],
];
let soumis = false;

function element(nom, attributs = {}, texte) {
  const e = document.createElement(nom);
  for (const [k, v] of Object.entries(attributs)) e.setAttribute(k, v);
  if (texte !== undefined) e.textContent = texte;
  return e;
}

let compteur = 0;
function ajouterPersonne(role, age = "") {
  compteur += 1;
  const id = `p${compteur}`;
  const li = element("li", { class: "personne", "data-id": id });
  const champRole = element("div", { class: "champ" });
  champRole.append(element("label", { for: `${id}-role` }, "Rôle"));
  const select = element("select", { id: `${id}-role`, "data-cle": "role", "aria-describedby": `${id}-erreur` });
  for (const [valeur, libelle] of ROLES) {
    const option = element("option", { value: valeur }, libelle);
    if (valeur === role) option.selected = true;
    select.append(option);
  }
  champRole.append(select);
  const champAge = element("div", { class: "champ" });
  champAge.append(element("label", { for: `${id}-age` }, "Âge (années)"));
  const inputAge = element("input", { id: `${id}-age`, "data-cle": "age", inputmode: "numeric", autocomplete: "off", size: "4", "aria-describedby": `${id}-erreur` });
  inputAge.value = age;
  champAge.append(inputAge);
  const options = element("div", { class: "options" });
  for (const [cle, libelle] of [["handicap", "Handicap"], ["etudiant", "Étudiant"]]) {
    const c = element("input", { type: "checkbox", id: `${id}-${cle}`, "data-cle": cle });
    const l = element("label", { for: `${id}-${cle}`, class: "case" });
    l.append(c, document.createTextNode(` ${libelle}`));
    options.append(l);
  }
  const retirer = element("button", { type: "button", class: "retirer", "aria-describedby": `${id}-role` }, "Retirer");
  retirer.addEventListener("click", () => {
    const suivant = li.nextElementSibling ?? li.previousElementSibling;
    li.remove();
    numeroter();
    calculer();
    (suivant?.querySelector("select") ?? $("ajouter-enfant")).focus();
  });
  li.append(champRole, champAge, options, retirer, element("p", { class: "erreur", id: `${id}-erreur` }));
  liste.append(li);
  numeroter();
  return li;
}

// Field paths follow the list order: personnes[0].age is the first row's age.
function numeroter() {
  [...liste.children].forEach((li, i) => {
    for (const champ of li.querySelectorAll("[data-cle]")) champ.dataset.champ = `personnes[${i}].${champ.dataset.cle}`;
    li.dataset.champ = `personnes[${i}]`;
  });
}

function lireSituation() {
  const v = (id) => $(id).value;
  const situation = {
    annee: v("annee"),
    personnes: [...liste.children].map((li) => ({
      role: li.querySelector('[data-cle="role"]').value,
      age: li.querySelector('[data-cle="age"]').value,
      handicap: li.querySelector('[data-cle="handicap"]').checked,
      etudiant: li.querySelector('[data-cle="etudiant"]').checked,
    })),
    revenusAnnuels: v("revenusAnnuels"),
    prestationsMensuelles: v("prestationsMensuelles"),
    aideLogementMensuelle: v("aideLogementMensuelle"),
    loyerMensuel: v("loyerMensuel"),
    quotientFamilialCaf: v("quotientFamilialCaf"),
  };
  if (v("seuilValeur").trim() !== "" || v("seuilLibelle").trim() !== "") {
    situation.seuil = { valeur: v("seuilValeur"), libelle: v("seuilLibelle") };
  }
  return situation;
}

function effacerErreurs() {
  for (const e of formulaire.querySelectorAll(".erreur")) e.textContent = "";
  for (const e of formulaire.querySelectorAll("[aria-invalid]")) e.removeAttribute("aria-invalid");
}

// Shows the error next to the field it names (or its closest parent field).
function montrerErreur(erreur) {
  let champ = erreur.champ ?? "situation";
  let cible = null;
  while (champ && !(cible = formulaire.querySelector(`[data-champ="${CSS.escape(champ)}"]`))) {
    champ = champ.includes(".") ? champ.slice(0, champ.lastIndexOf(".")) : champ.includes("[") ? champ.slice(0, champ.lastIndexOf("[")) : "";
  }
  const touche = soumis || cible?.dataset.touche === "oui" || cible?.querySelector?.("[data-touche=oui]");
  if (cible && touche) {
    cible.setAttribute("aria-invalid", "true");
    const ids = (cible.getAttribute("aria-describedby") ?? "").split(" ").filter(Boolean);
    const zone = ids.map((id) => document.getElementById(id)).find((e) => e?.classList.contains("erreur"));
    if (zone) zone.textContent = erreur.message;
  }
  $("annonce").textContent = touche ? erreur.message : "Complétez la situation du foyer : " + erreur.message;
  $("annonce").className = "annonce annonce-erreur";
}

function afficher(resultat) {
  $("annonce").textContent = resultat.synthese;
  $("annonce").className = "annonce" + (resultat.basRevenus ? " annonce-alerte" : "");
  const avertissements = $("avertissements");
  avertissements.replaceChildren(...resultat.avertissements.map((a) => element("li", {}, a)));
  const figures = $("figures");
  figures.replaceChildren(
    ...resultat.figures.map((f) => {
      const bloc = element("div", { class: "figure", "data-id": f.id });
      const dd = element("dd");
      dd.append(element("span", { class: "valeur" }, f.affiche || "—"), element("p", { class: "explication" }, f.explication));
      bloc.append(element("dt", {}, f.libelle), dd);
      return bloc;
    }),
    ...resultat.eligibilites.map((e) => {
      const bloc = element("div", { class: "figure", "data-id": "eligibilite" });
      const dd = element("dd");
      dd.append(element("span", { class: "valeur" }, e.eligible ? "éligible" : "non éligible"), element("p", { class: "explication" }, e.explication));
      bloc.append(element("dt", {}, e.libelle), dd);
      return bloc;
    }),
  );
}

function calculer() {
  effacerErreurs();
  try {
    afficher(calculerFoyer(lireSituation()));
  } catch (erreur) {
    $("figures").replaceChildren();
    $("avertissements").replaceChildren();
    montrerErreur(erreur);
  }
}

function remplirSeuils() {
  const corps = $("table-seuils").querySelector("tbody");
  corps.replaceChildren(
    ...seuils().map((s) => {
      const tr = element("tr");
      tr.append(element("td", {}, s.libelle), element("td", {}, String(s.annee)), element("td", {}, s.affiche), element("td", {}, s.source), element("td", {}, s.statutLibelle));
      return tr;
    }),
  );
}

async function demarrer() {
  await init();
  $("annee").value = String(new Date().getFullYear());
  ajouterPersonne("allocataire");
  formulaire.addEventListener("input", (e) => {
    if (e.target instanceof HTMLElement) e.target.dataset.touche = "oui";
    calculer();
  });
  formulaire.addEventListener("change", calculer);
  formulaire.addEventListener("submit", (e) => {
    e.preventDefault();
    soumis = true;
    calculer();
  });
  $("ajouter-enfant").addEventListener("click", () => {
    ajouterPersonne("enfant").querySelector('[data-cle="age"]').focus();
    calculer();
  });
  $("ajouter-personne").addEventListener("click", () => {
    ajouterPersonne("conjoint").querySelector("select").focus();
    calculer();
  });
  remplirSeuils();
  calculer();
  $("chargement").textContent = "";
  $("chargement").hidden = true;
  document.body.dataset.pret = "oui";
}

demarrer().catch((e) => {
  $("chargement").textContent = "Le calculateur n'a pas pu se charger : " + (e?.message ?? String(e));
});
