// <caf-indicateurs> — the calculator as one custom element, for partner portals.
//
//   <script type="module" src="/chemin/www/caf-indicateurs.js"></script>
//   <caf-indicateurs vue="foyer" annee="2024" seuil="900" seuil-libelle="Barème du CCAS" couleur="#6a6af4"></caf-indicateurs>
//
// One ES module, no dependency: it loads the wasm package from ../pkg/ relative to itself (or
// from the `paquet` attribute), draws in a Shadow DOM styled by a constructed stylesheet (no
// inline <style>, so it runs under `style-src 'self'`), makes no request to any other origin,
// never uses eval nor innerHTML. Every figure and sentence comes from the Rust core: this file
// only reads the form, calls the package and writes text.
//
// Attributes: vue ("foyer" | "diagnostic"), annee, seuil, seuil-libelle, couleur, plafonds
// (foyer: JSON list of eligibility ceilings), exemple (diagnostic: URL of an example JSON),
// paquet (URL of indicateurs_caf.js).
// Events (bubbling, composed): "resultat" { vue, situation | territoire + reference, resultat },
// "erreur" { vue, message, champ }.

const PAQUET_DEFAUT = new URL("../pkg/indicateurs_caf.js", import.meta.url).href;
const paquets = new Map();

/** Loads (once per URL) and initialises the wasm package. */
function charger(url) {
  if (!paquets.has(url)) {
    paquets.set(url, import(url).then(async (m) => {
      await m.default();
      return m;
    }));
  }
  return paquets.get(url);
}

const FEUILLE_CSS = `
:host {
  --caf-couleur: #000091;
  --caf-texte: #161616;
  --caf-fond: #ffffff;
  --caf-fond-doux: #f6f6f6;
  --caf-bordure: #929292;
  --caf-erreur: #ce0500;
  --caf-alerte: #b34000;
  --caf-police: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif;
  --caf-rayon: 4px;
  display: block;
  container-type: inline-size;
  font-family: var(--caf-police);
  color: var(--caf-texte);
  background: var(--caf-fond);
  line-height: 1.5;
}
:host([hidden]) { display: none; }
* { box-sizing: border-box; }
.colonnes { display: grid; grid-template-columns: 1fr; gap: 1.5rem; }
@container (min-width: 46rem) { .colonnes { grid-template-columns: minmax(17rem, 25rem) 1fr; } }
fieldset { border: 1px solid var(--caf-bordure); border-radius: var(--caf-rayon); margin: 0 0 1rem; padding: .5rem 1rem 1rem; min-width: 0; }
legend { font-weight: 700; padding: 0 .25rem; }
.champ { display: flex; flex-direction: column; margin: .4rem 0; }
label { font-size: .95rem; }
input, select, button { font: inherit; }
input:not([type]), input[inputmode], input[type="text"], select {
  padding: .35rem .5rem; border: 1px solid var(--caf-bordure); border-radius: var(--caf-rayon);
  background: var(--caf-fond); color: var(--caf-texte); max-width: 100%;
}
[aria-invalid="true"] { border: 2px solid var(--caf-erreur) !important; }
:focus-visible { outline: 3px solid #0a76f6; outline-offset: 2px; }
button { background: var(--caf-couleur); color: #fff; border: 1px solid var(--caf-couleur); border-radius: var(--caf-rayon); padding: .4rem .8rem; cursor: pointer; }
button.secondaire { background: var(--caf-fond); color: var(--caf-couleur); }
button:disabled { opacity: .5; cursor: default; }
.actions { display: flex; gap: .5rem; flex-wrap: wrap; align-items: center; margin: .5rem 0; }
.personnes { padding-left: 1.5rem; margin: 0; }
.personne { display: grid; grid-template-columns: 1fr 6rem; gap: 0 .75rem; border-bottom: 1px solid var(--caf-fond-doux); padding: .25rem 0 .5rem; }
.personne .options { display: flex; gap: 1rem; align-items: center; flex-wrap: wrap; }
.personne .retirer { align-self: end; justify-self: start; }
.personne .erreur { grid-column: 1 / -1; }
.erreur { color: var(--caf-erreur); margin: .15rem 0 0; font-size: .9rem; }
.erreur:empty { display: none; }
.aide { font-size: .9rem; color: #3a3a3a; }
.annonce { font-weight: 600; padding: .6rem .9rem; border-left: 4px solid var(--caf-couleur); background: var(--caf-fond-doux); }
.annonce:empty { display: none; }
.annonce.erreur-annonce { border-left-color: var(--caf-erreur); color: var(--caf-erreur); }
.avertissements { color: var(--caf-alerte); padding-left: 1.25rem; }
.avertissements:empty { display: none; }
dl { margin: 0; }
.figure { border-bottom: 1px solid var(--caf-fond-doux); padding: .45rem 0; }
.figure dt { font-weight: 600; }
.figure dd { margin: 0; }
.valeur { font-size: 1.2rem; font-variant-numeric: tabular-nums; }
.explication { margin: .1rem 0 0; font-size: .9rem; color: #3a3a3a; }
.lien { width: 100%; font-size: .85rem; }
.fiche { display: none; }
.visuellement-cache { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
.etude-section { margin: 1.25rem 0; }
.etude-section h3 { color: var(--caf-couleur); border-bottom: 2px solid var(--caf-couleur); padding-bottom: .2rem; margin-bottom: .4rem; }
.phrase { margin: .25rem 0; }
.tableau-defilant { overflow-x: auto; }
.tableau { border-collapse: collapse; width: 100%; font-size: .9rem; margin: .4rem 0; }
.tableau caption { text-align: left; font-style: italic; }
.tableau th, .tableau td { border: 1px solid #ccc; padding: .2rem .4rem; vertical-align: top; }
.tableau thead th { background: var(--caf-fond-doux); }
.tableau tbody th { text-align: left; font-weight: normal; }
.nombre { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.notes { font-size: .85rem; color: #555; }
.table-saisie { border-collapse: collapse; width: 100%; font-size: .88rem; }
.table-saisie th, .table-saisie td { border-bottom: 1px solid #eee; padding: .15rem .3rem; text-align: left; }
.table-saisie input { width: 7.5rem; }
.cle { font-family: ui-monospace, monospace; font-size: .78rem; color: #555; display: block; }
details > summary { cursor: pointer; margin: .5rem 0; font-weight: 600; }
.radar svg { max-width: 100%; height: auto; }
.radar figcaption { font-size: .9rem; }
@media print {
  :host { font-size: 9pt; line-height: 1.3; }
  form, .actions, .saisie, .annonce, .ecran { display: none !important; }
  .fiche { display: block; }
  .fiche h2 { font-size: 13pt; margin: 0 0 .2rem; }
  .fiche h3 { font-size: 10pt; margin: .5rem 0 .2rem; }
  .fiche p { margin: .15rem 0; }
  .fiche dl.recap { display: grid; grid-template-columns: max-content 1fr max-content 1fr; gap: 0 .8rem; }
  .fiche dl.recap dt { font-weight: 600; }
  .fiche dl.recap dd { margin: 0; }
  .fiche dl.figures-fiche { display: grid; grid-template-columns: 1fr 1fr; gap: 0 1rem; }
  .fiche .figure { padding: .1rem 0; break-inside: avoid; border: 0; }
  .fiche .figure dt { display: inline; }
  .fiche .figure dd { display: inline; margin-left: .3rem; }
  .fiche .valeur { font-size: 9pt; font-weight: 700; }
  .fiche .explication { font-size: 7pt; margin: 0; }
  .fiche ul { margin: .1rem 0; padding-left: 1rem; font-size: 7.5pt; }
  .etude-section { break-inside: avoid-page; }
  .radar { break-before: page; }
}
`;

let feuille;
function feuilleDeStyle() {
  if (!feuille) {
    feuille = new CSSStyleSheet();
    feuille.replaceSync(FEUILLE_CSS);
  }
  return feuille;
}

/** Creates an element; strings among the children become text nodes (never markup). */
function h(nom, attributs = {}, ...enfants) {
  const e = document.createElement(nom);
  for (const [k, v] of Object.entries(attributs)) {
    if (v === false || v === null || v === undefined) continue;
    e.setAttribute(k, v === true ? "" : String(v));
  }
  for (const enfant of enfants.flat()) {
    if (enfant === null || enfant === undefined || enfant === false) continue;
    e.append(typeof enfant === "string" ? document.createTextNode(enfant) : enfant);
  }
  return e;
}

function champ(id, libelle, attributs = {}) {
  return h("div", { class: "champ" },
    h("label", { for: id }, libelle),
    h("input", { id, autocomplete: "off", "aria-describedby": `erreur-${id}`, ...attributs }),
    h("p", { class: "erreur", id: `erreur-${id}` }));
}

/** base64url of UTF-8 text, and back: the share link's fragment. */
function versFragment(objet) {
  const octets = new TextEncoder().encode(JSON.stringify(objet));
  let binaire = "";
  for (const o of octets) binaire += String.fromCharCode(o);
  return btoa(binaire).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}
function depuisFragment(texte) {
  const binaire = atob(texte.replaceAll("-", "+").replaceAll("_", "/"));
  return JSON.parse(new TextDecoder().decode(Uint8Array.from(binaire, (c) => c.charCodeAt(0))));
}

const ROLES = [["allocataire", "Allocataire"], ["conjoint", "Conjoint"], ["enfant", "Enfant"], ["autre", "Autre personne à charge"]];
let instances = 0;

class CafIndicateurs extends HTMLElement {
  static observedAttributes = ["vue", "annee", "seuil", "seuil-libelle", "couleur", "plafonds"];

  constructor() {
    super();
    instances += 1;
    this.numero = instances;
    this.racine = this.attachShadow({ mode: "open" });
    this.racine.adoptedStyleSheets = [feuilleDeStyle()];
    this.compteurPersonnes = 0;
  }

  $(id) {
    return this.racine.getElementById(id);
  }

  get vue() {
    return this.getAttribute("vue") === "diagnostic" ? "diagnostic" : "foyer";
  }

  /** Key of this instance's state in the URL fragment. */
  get clePartage() {
    return this.id || this.vue;
  }

  async connectedCallback() {
    if (this.monte) return;
    this.monte = true;
    this.appliquerCouleur();
    this.racine.replaceChildren(h("p", { role: "status" }, "Chargement du calculateur…"));
    try {
      this.api = await charger(this.getAttribute("paquet") || PAQUET_DEFAUT);
    } catch (e) {
      this.racine.replaceChildren(h("p", { role: "alert", class: "erreur" }, "Le calculateur n'a pas pu se charger : " + (e?.message ?? String(e))));
      return;
    }
    this.dessiner();
    this.dataset.pret = "oui";
  }

  attributeChangedCallback(nom, ancien, nouveau) {
    if (ancien === nouveau) return;
    if (nom === "couleur") this.appliquerCouleur();
    else if (this.api) this.dessiner();
  }

  appliquerCouleur() {
    const c = this.getAttribute("couleur");
    if (c && CSS.supports("color", c)) this.style.setProperty("--caf-couleur", c);
    else this.style.removeProperty("--caf-couleur");
  }

  dessiner() {
    if (this.vue === "diagnostic") this.dessinerDiagnostic();
    else this.dessinerFoyer();
  }

  emettre(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }

  // ----------------------------------------------------------------------------------------
  // Foyer

  dessinerFoyer() {
    const seuilPartenaire = this.getAttribute("seuil");
    const libelleSeuil = this.getAttribute("seuil-libelle");
    this.soumis = false;
    this.compteurPersonnes = 0;
    const formulaire = h("form", { id: "foyer", novalidate: true, "aria-label": "Situation du foyer" },
      h("p", { class: "aide" }, "Montants en euros, avec ou sans espaces : « 1 200,50 ». Rien n'est envoyé : tout est calculé dans votre navigateur."),
      h("fieldset", {}, h("legend", {}, "Année"),
        champ("annee", "Année de référence", { "data-champ": "annee", inputmode: "numeric", size: "6" })),
      h("fieldset", { id: "personnes", "data-champ": "personnes", "aria-describedby": "erreur-personnes" },
        h("legend", {}, "Personnes du foyer"),
        h("ol", { id: "liste-personnes", class: "personnes" }),
        h("p", { class: "erreur", id: "erreur-personnes" }),
        h("div", { class: "actions" },
          h("button", { type: "button", id: "ajouter-enfant" }, "Ajouter un enfant"),
          h("button", { type: "button", id: "ajouter-personne", class: "secondaire" }, "Ajouter une autre personne"))),
      h("fieldset", {}, h("legend", {}, "Ressources"),
        champ("revenusAnnuels", "Revenus annuels du foyer avant impôt (€)", { "data-champ": "revenusAnnuels", inputmode: "decimal" }),
        champ("prestationsMensuelles", "Prestations CAF du mois (€)", { "data-champ": "prestationsMensuelles", inputmode: "decimal" }),
        champ("aideLogementMensuelle", "dont aide au logement (€, facultatif)", { "data-champ": "aideLogementMensuelle", inputmode: "decimal" })),
      h("fieldset", {}, h("legend", {}, "Logement"),
        champ("loyerMensuel", "Loyer mensuel hors charges (€, facultatif)", { "data-champ": "loyerMensuel", inputmode: "decimal" })),
      h("fieldset", {}, h("legend", {}, "Quotient familial" + (seuilPartenaire ? "" : " et seuil du partenaire")),
        champ("quotientFamilialCaf", "Quotient familial de l'attestation CAF (€, facultatif)", { "data-champ": "quotientFamilialCaf", inputmode: "decimal" }),
        seuilPartenaire ? null : champ("seuilValeur", "Seuil du partenaire, € par UC et par mois (facultatif)", { "data-champ": "seuil.valeur", inputmode: "decimal" }),
        seuilPartenaire ? null : champ("seuilLibelle", "Nom de ce seuil (facultatif)", { "data-champ": "seuil.libelle" })),
    );
    const resultats = h("section", { class: "resultats ecran", "aria-labelledby": `titre-resultats-${this.numero}` },
      h("h2", { id: `titre-resultats-${this.numero}` }, "Résultats"),
      seuilPartenaire ? h("p", { class: "aide", id: "seuil-fixe" }, `Seuil appliqué : ${libelleSeuil || "seuil du partenaire"}.`) : null,
      h("p", { id: "annonce", class: "annonce", role: "status", "aria-live": "polite", "aria-atomic": "true" }),
      h("ul", { id: "avertissements", class: "avertissements", "aria-label": "Avertissements" }),
      h("dl", { id: "figures" }),
      h("div", { class: "actions" },
        h("button", { type: "button", id: "imprimer", disabled: true }, "Imprimer la fiche"),
        h("button", { type: "button", id: "partager", class: "secondaire", disabled: true }, "Lien de partage"),
        h("button", { type: "button", id: "nouvelle", class: "secondaire" }, "Nouvelle situation")),
      h("div", { id: "zone-lien", hidden: true },
        h("label", { for: "lien-partage" }, "Lien qui rouvre cette situation (la situation est dans le lien, après #, et n'est jamais envoyée à un serveur) :"),
        h("input", { id: "lien-partage", class: "lien", readonly: true, type: "text" })),
    );
    const fiche = h("section", { class: "fiche", id: "fiche", "aria-hidden": "true" });
    this.racine.replaceChildren(h("div", { class: "colonnes" }, formulaire, resultats), fiche);
    this.formulaire = formulaire;

    this.$("annee").value = this.getAttribute("annee") || String(new Date().getFullYear());
    this.ajouterPersonne("allocataire");
    formulaire.addEventListener("input", (e) => {
      if (e.target instanceof HTMLElement) e.target.dataset.touche = "oui";
      this.calculerFoyer();
    });
    formulaire.addEventListener("change", () => this.calculerFoyer());
    formulaire.addEventListener("submit", (e) => {
      e.preventDefault();
      this.soumis = true;
      this.calculerFoyer();
    });
    this.$("ajouter-enfant").addEventListener("click", () => {
      this.ajouterPersonne("enfant").querySelector('[data-cle="age"]').focus();
      this.calculerFoyer();
    });
    this.$("ajouter-personne").addEventListener("click", () => {
      this.ajouterPersonne("conjoint").querySelector("select").focus();
      this.calculerFoyer();
    });
    this.$("imprimer").addEventListener("click", () => window.print());
    this.$("partager").addEventListener("click", () => this.partager());
    this.$("nouvelle").addEventListener("click", () => this.nouvelleSituation());
    this.restaurerDepuisLien();
    this.calculerFoyer();
  }

  ajouterPersonne(role, age = "", options = {}) {
    this.compteurPersonnes += 1;
    const id = `p${this.compteurPersonnes}`;
    const select = h("select", { id: `${id}-role`, "data-cle": "role", "aria-describedby": `${id}-erreur` },
      ROLES.map(([valeur, libelle]) => h("option", { value: valeur, selected: valeur === role }, libelle)));
    const age_ = h("input", { id: `${id}-age`, "data-cle": "age", inputmode: "numeric", autocomplete: "off", size: "4", "aria-describedby": `${id}-erreur` });
    age_.value = age;
    const cases = [["handicap", "Handicap"], ["etudiant", "Étudiant"]].map(([cle, libelle]) => {
      const c = h("input", { type: "checkbox", id: `${id}-${cle}`, "data-cle": cle });
      c.checked = Boolean(options[cle]);
      return h("label", { for: `${id}-${cle}` }, c, ` ${libelle}`);
    });
    const retirer = h("button", { type: "button", class: "retirer secondaire", "aria-describedby": `${id}-role` }, "Retirer");
    const li = h("li", { class: "personne", "data-id": id },
      h("div", { class: "champ" }, h("label", { for: `${id}-role` }, "Rôle"), select),
      h("div", { class: "champ" }, h("label", { for: `${id}-age` }, "Âge (années)"), age_),
      h("div", { class: "options" }, cases),
      retirer,
      h("p", { class: "erreur", id: `${id}-erreur` }));
    retirer.addEventListener("click", () => {
      const voisin = li.nextElementSibling ?? li.previousElementSibling;
      li.remove();
      this.numeroter();
      this.calculerFoyer();
      (voisin?.querySelector("select") ?? this.$("ajouter-enfant")).focus();
    });
    this.$("liste-personnes").append(li);
    this.numeroter();
    return li;
  }

  // Field paths follow the list order: personnes[0].age is the first row's age.
  numeroter() {
    [...this.$("liste-personnes").children].forEach((li, i) => {
      for (const c of li.querySelectorAll("[data-cle]")) c.dataset.champ = `personnes[${i}].${c.dataset.cle}`;
      li.dataset.champ = `personnes[${i}]`;
    });
  }

  lireSituation() {
    const v = (id) => this.$(id)?.value ?? "";
    const situation = {
      annee: v("annee"),
      personnes: [...this.$("liste-personnes").children].map((li) => ({
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
    // The partner's eligibility ceilings: a JSON list in the "plafonds" attribute, passed as is
    // (the core validates it and names the faulty field).
    const plafonds = this.getAttribute("plafonds");
    if (plafonds) {
      try {
        situation.plafonds = JSON.parse(plafonds);
      } catch {
        situation.plafonds = "JSON illisible";
      }
    }
    const seuilFixe = this.getAttribute("seuil");
    if (seuilFixe) situation.seuil = { valeur: seuilFixe, libelle: this.getAttribute("seuil-libelle") ?? "" };
    else if (v("seuilValeur").trim() !== "" || v("seuilLibelle").trim() !== "") situation.seuil = { valeur: v("seuilValeur"), libelle: v("seuilLibelle") };
    return situation;
  }

  remplirSituation(s) {
    this.$("annee").value = s.annee ?? "";
    this.$("liste-personnes").replaceChildren();
    this.compteurPersonnes = 0;
    for (const p of Array.isArray(s.personnes) ? s.personnes : []) this.ajouterPersonne(String(p.role ?? "enfant"), String(p.age ?? ""), p);
    if (this.$("liste-personnes").children.length === 0) this.ajouterPersonne("allocataire");
    for (const id of ["revenusAnnuels", "prestationsMensuelles", "aideLogementMensuelle", "loyerMensuel", "quotientFamilialCaf"]) this.$(id).value = s[id] ?? "";
    if (this.$("seuilValeur")) {
      this.$("seuilValeur").value = s.seuil?.valeur ?? "";
      this.$("seuilLibelle").value = s.seuil?.libelle ?? "";
    }
  }

  effacerErreurs() {
    for (const e of this.formulaire.querySelectorAll(".erreur")) e.textContent = "";
    for (const e of this.formulaire.querySelectorAll("[aria-invalid]")) e.removeAttribute("aria-invalid");
  }

  // Shows the error next to the field it names (or its closest parent field).
  montrerErreur(erreur) {
    let chemin = erreur.champ ?? "situation";
    let cible = null;
    while (chemin && !(cible = this.formulaire.querySelector(`[data-champ="${CSS.escape(chemin)}"]`))) {
      chemin = chemin.includes(".") ? chemin.slice(0, chemin.lastIndexOf(".")) : chemin.includes("[") ? chemin.slice(0, chemin.lastIndexOf("[")) : "";
    }
    const touche = this.soumis || cible?.dataset.touche === "oui" || Boolean(cible?.querySelector?.("[data-touche=oui]"));
    if (cible && touche) {
      cible.setAttribute("aria-invalid", "true");
      const ids = (cible.getAttribute("aria-describedby") ?? "").split(" ").filter(Boolean);
      const zone = ids.map((id) => this.$(id)).find((e) => e?.classList.contains("erreur"));
      if (zone) zone.textContent = erreur.message;
    }
    // An untouched form gets a neutral prompt; a field the user typed in gets the error in red.
    const fautif = touche || !cible;
    this.$("annonce").textContent = fautif ? erreur.message : "Complétez la situation du foyer : " + erreur.message;
    this.$("annonce").className = fautif ? "annonce erreur-annonce" : "annonce";
  }

  calculerFoyer() {
    this.effacerErreurs();
    const situation = this.lireSituation();
    try {
      const resultat = this.api.calculerFoyer(situation);
      this.afficherFoyer(resultat);
      this.dernier = { situation, resultat };
      this.$("imprimer").disabled = false;
      this.$("partager").disabled = false;
      this.emettre("resultat", { vue: "foyer", situation, resultat });
    } catch (erreur) {
      this.$("figures").replaceChildren();
      this.$("avertissements").replaceChildren();
      this.$("fiche").replaceChildren();
      this.$("imprimer").disabled = true;
      this.$("partager").disabled = true;
      this.montrerErreur(erreur);
      this.emettre("erreur", { vue: "foyer", message: erreur.message, champ: erreur.champ });
    }
  }

  afficherFoyer(r) {
    this.$("annonce").textContent = r.synthese;
    this.$("annonce").className = "annonce";
    this.$("avertissements").replaceChildren(...r.avertissements.map((a) => h("li", {}, a)));
    const figures = (avecExplication) => [
      ...r.figures.map((f) => h("div", { class: "figure", "data-id": f.id },
        h("dt", {}, f.libelle),
        h("dd", {}, h("span", { class: "valeur" }, f.affiche || "—"), avecExplication ? h("p", { class: "explication" }, f.explication) : null))),
      ...r.eligibilites.map((e) => h("div", { class: "figure", "data-id": "eligibilite" },
        h("dt", {}, e.libelle),
        h("dd", {}, h("span", { class: "valeur" }, e.eligible ? "éligible" : "non éligible"), avecExplication ? h("p", { class: "explication" }, e.explication) : null))),
    ];
    this.$("figures").replaceChildren(...figures(true));
    // The family's sheet (print only): inputs, results with explanations, thresholds, date.
    const seuils = [r.seuil, ...r.seuilsInsee];
    this.$("fiche").replaceChildren(
      h("h2", {}, "Fiche de situation du foyer"),
      h("p", {}, `Établie le ${new Date().toLocaleDateString("fr-FR", { day: "numeric", month: "long", year: "numeric" })}, calculée sur cet appareil ; aucune donnée n'a été transmise.`),
      h("h3", {}, "Situation déclarée"),
      h("dl", { class: "recap" }, r.recapitulatif.flatMap((l) => [h("dt", {}, l.libelle), h("dd", {}, l.valeur)])),
      h("h3", {}, "Résultats"),
      h("p", { class: "synthese" }, r.synthese),
      h("dl", { class: "figures-fiche" }, figures(true)),
      h("h3", {}, "Seuils et sources"),
      h("ul", {}, seuils.map((s) => h("li", {}, `${s.libelle} ${s.annee} : ${s.affiche} par UC et par mois — ${s.source} (${s.statutLibelle}).`))),
      r.avertissements.length ? h("ul", {}, r.avertissements.map((a) => h("li", {}, a))) : null,
    );
  }

  partager() {
    if (!this.dernier) return;
    const params = new URLSearchParams(location.hash.slice(1));
    params.set(this.clePartage, versFragment(this.dernier.situation));
    const url = new URL(location.href);
    url.hash = params.toString();
    history.replaceState(null, "", url.href);
    this.$("zone-lien").hidden = false;
    const champLien = this.$("lien-partage");
    champLien.value = url.href;
    champLien.focus();
    champLien.select();
    navigator.clipboard?.writeText(url.href).then(
      () => { this.$("annonce").textContent = "Lien copié : il rouvre cette situation sur cet appareil ou un autre, sans passer par un serveur."; },
      () => {},
    );
  }

  restaurerDepuisLien() {
    const brut = new URLSearchParams(location.hash.slice(1)).get(this.clePartage);
    if (!brut) return;
    try {
      const s = depuisFragment(brut);
      if (s && typeof s === "object") {
        this.remplirSituation(s);
        this.soumis = true;
      }
    } catch {
      this.$("annonce").textContent = "Le lien de partage est illisible : la situation n'a pas été restaurée.";
    }
  }

  nouvelleSituation() {
    const params = new URLSearchParams(location.hash.slice(1));
    if (params.has(this.clePartage)) {
      params.delete(this.clePartage);
      const url = new URL(location.href);
      url.hash = params.toString();
      history.replaceState(null, "", url.href);
    }
    this.dernier = null;
    this.dessinerFoyer();
    this.$("annonce").textContent = "Nouvelle situation : le formulaire est vide.";
    this.$("annee").focus();
  }

  // ----------------------------------------------------------------------------------------
  // Diagnostic

  dessinerDiagnostic() {
    this.cles = this.api.clesDiagnostic();
    this.importees = [];
    const lignes = this.cles.map((c) => h("tr", {},
      h("th", { scope: "row" }, h("span", { id: `l-${c.cle}` }, c.libelle), h("span", { class: "cle" }, c.cle)),
      ...["territoire", "reference"].flatMap((cote) => {
        const libelleCote = cote === "territoire" ? "territoire" : "référence";
        return [
          h("td", {}, h("input", { "data-cote": cote, "data-cle": c.cle, "data-champ": `${cote}.valeurs.${c.cle}`, inputmode: "decimal", autocomplete: "off", "aria-label": `${c.libelle}, ${libelleCote}` })),
          h("td", {}, c.variation ? h("input", { "data-cote": cote, "data-variation": c.cle, "data-champ": `${cote}.variations5ans.${c.cle}`, inputmode: "decimal", autocomplete: "off", "aria-label": `Variation sur 5 ans en %, ${c.libelle}, ${libelleCote}` }) : null),
        ];
      })));
    const exemple = this.getAttribute("exemple");
    const formulaire = h("form", { id: "comptes", novalidate: true, "aria-label": "Comptes du territoire et de la référence" },
      h("div", { class: "colonnes" },
        h("fieldset", {}, h("legend", {}, "Territoire"),
          champ("t-nom", "Nom", { "data-champ": "territoire.nom" }),
          champ("t-annee", "Année", { "data-champ": "territoire.annee", inputmode: "numeric", size: "6" })),
        h("fieldset", {}, h("legend", {}, "Référence"),
          champ("r-nom", "Nom (un département : « Pas-de-Calais »)", { "data-champ": "reference.nom" }),
          champ("r-annee", "Année", { "data-champ": "reference.annee", inputmode: "numeric", size: "6" }))),
      h("details", { id: "details-comptes" },
        h("summary", {}, `Saisir les comptes (${this.cles.length} clés)`),
        h("p", { class: "aide" }, "Un compte vide reste vide dans l'étude. Une part publiée peut être saisie directement sous l'identifiant de l'indicateur quand ses comptes manquent. La variation sur 5 ans se saisit en %, quand le compte d'il y a cinq ans manque."),
        h("div", { class: "tableau-defilant" },
          h("table", { class: "table-saisie" },
            h("caption", {}, "Comptes de l'année"),
            h("thead", {}, h("tr", {}, ["Clé", "Territoire", "Variation 5 ans (%)", "Référence", "Variation 5 ans (%)"].map((t) => h("th", { scope: "col" }, t)))),
            h("tbody", {}, lignes)))));
    const importer = h("section", { class: "saisie", "aria-labelledby": `titre-import-${this.numero}` },
      h("h2", { id: `titre-import-${this.numero}` }, "Importer des données ouvertes"),
      h("p", { class: "aide", id: "aide-import" }, "Fichiers INSEE « Données CAF à l'IRIS » (2016 à 2020). Ajoutez un fichier de 2016 à 2018 pour connaître les EPCI, et le fichier INSEE des populations légales par commune pour le taux de couverture."),
      h("div", { class: "champ" },
        h("label", { for: "fichiers" }, "Fichiers CSV"),
        h("input", { type: "file", id: "fichiers", accept: ".csv,text/csv", multiple: true, "aria-describedby": "aide-import erreur-fichiers" }),
        h("p", { class: "erreur", id: "erreur-fichiers" })),
      h("p", { id: "resume-import", class: "aide", role: "status" }),
      h("div", { id: "choix-import", class: "actions", hidden: true },
        h("div", { class: "champ" }, h("label", { for: "niveau" }, "Niveau"),
          h("select", { id: "niveau" }, [["epci", "EPCI"], ["commune", "Commune"], ["departement", "Département"]].map(([v, l]) => h("option", { value: v }, l)))),
        h("div", { class: "champ" }, h("label", { for: "choix-territoire" }, "Territoire"), h("select", { id: "choix-territoire" })),
        h("div", { class: "champ" }, h("label", { for: "choix-reference" }, "Référence"), h("select", { id: "choix-reference" })),
        h("button", { type: "button", id: "utiliser-import" }, "Utiliser ces territoires")));
    const saisie = h("section", { class: "saisie", "aria-labelledby": `titre-saisie-${this.numero}` },
      h("h2", { id: `titre-saisie-${this.numero}` }, "Comptes du territoire et de la référence"),
      h("div", { class: "actions" },
        exemple ? h("button", { type: "button", id: "charger-exemple" }, "Charger l'exemple") : null,
        h("button", { type: "button", id: "vider", class: "secondaire" }, "Vider")),
      formulaire);
    const resultats = h("section", { id: "resultats", "aria-labelledby": `titre-etude-${this.numero}` },
      h("div", { class: "actions" },
        h("h2", { id: `titre-etude-${this.numero}` }, "Étude préliminaire"),
        h("button", { type: "button", id: "exporter", disabled: true }, "Exporter les tableaux (CSV)"),
        h("button", { type: "button", id: "imprimer", disabled: true, class: "secondaire" }, "Imprimer")),
      h("p", { id: "annonce", class: "annonce", role: "status", "aria-live": "polite" }),
      h("ul", { id: "avertissements", class: "avertissements", "aria-label": "Avertissements" }),
      h("div", { id: "etude" }),
      h("figure", { id: "figure-radar", class: "radar", hidden: true },
        h("div", { id: "radar" }),
        h("figcaption", {}, "Radar de vulnérabilité : chaque axe rapporte la valeur du territoire à celle de la référence.",
          h("ul", { id: "radar-texte" }))));
    this.racine.replaceChildren(importer, saisie, resultats);
    this.formulaire = formulaire;
    formulaire.addEventListener("input", () => this.calculerDiagnostic());
    this.$("fichiers").addEventListener("change", () => this.importer());
    this.$("niveau").addEventListener("change", () => this.listerImport());
    this.$("choix-territoire").addEventListener("change", () => this.referenceParDefaut());
    this.$("utiliser-import").addEventListener("click", () => this.utiliserImport());
    this.$("charger-exemple")?.addEventListener("click", () => this.chargerExemple(exemple));
    this.$("vider").addEventListener("click", () => {
      this.remplirTerritoire("territoire", { valeurs: {} });
      this.remplirTerritoire("reference", { valeurs: {} });
      this.calculerDiagnostic();
    });
    this.$("exporter").addEventListener("click", () => this.exporter());
    this.$("imprimer").addEventListener("click", () => window.print());
    this.calculerDiagnostic();
  }

  async chargerExemple(url) {
    try {
      const reponse = await fetch(new URL(url, document.baseURI));
      const exemple = await reponse.json();
      this.remplirTerritoire("territoire", exemple.territoire ?? {});
      this.remplirTerritoire("reference", exemple.reference ?? {});
      this.calculerDiagnostic();
    } catch (e) {
      this.$("annonce").textContent = "L'exemple n'a pas pu être chargé : " + (e?.message ?? String(e));
    }
  }

  lireTerritoire(cote) {
    const p = cote === "territoire" ? "t" : "r";
    const t = { nom: this.$(`${p}-nom`).value, annee: this.$(`${p}-annee`).value, valeurs: {}, variations5ans: {} };
    for (const input of this.formulaire.querySelectorAll(`input[data-cote="${cote}"]`)) {
      if (input.value.trim() === "") continue;
      if (input.dataset.cle) t.valeurs[input.dataset.cle] = input.value;
      else t.variations5ans[input.dataset.variation] = input.value;
    }
    return t;
  }

  remplirTerritoire(cote, t) {
    const p = cote === "territoire" ? "t" : "r";
    this.$(`${p}-nom`).value = t.nom ?? "";
    this.$(`${p}-annee`).value = t.annee === undefined || t.annee === null ? "" : String(t.annee);
    for (const input of this.formulaire.querySelectorAll(`input[data-cote="${cote}"]`)) {
      const source = input.dataset.cle ? t.valeurs ?? {} : t.variations5ans ?? {};
      const v = source[input.dataset.cle ?? input.dataset.variation];
      input.value = v === undefined || v === null ? "" : String(v);
    }
  }

  calculerDiagnostic() {
    for (const e of this.formulaire.querySelectorAll(".erreur")) e.textContent = "";
    for (const e of this.formulaire.querySelectorAll("[aria-invalid]")) e.removeAttribute("aria-invalid");
    const territoire = this.lireTerritoire("territoire");
    const reference = this.lireTerritoire("reference");
    const annonce = this.$("annonce");
    if (Object.keys(territoire.valeurs).length === 0 && Object.keys(reference.valeurs).length === 0) {
      annonce.textContent = "Chargez l'exemple, importez des données ouvertes ou saisissez des comptes.";
      annonce.className = "annonce";
      this.$("etude").replaceChildren();
      this.$("figure-radar").hidden = true;
      return;
    }
    try {
      const d = this.api.calculerDiagnostic(territoire, reference, { radar: { id: `radar-${this.numero}` } });
      this.$("etude").replaceChildren(...d.sections.map((s, i) => this.section(s, i, d.nom, d.nomReference)));
      this.$("avertissements").replaceChildren(...d.avertissements.map((a) => h("li", {}, a)));
      const svg = new DOMParser().parseFromString(d.radar, "image/svg+xml").documentElement;
      if (svg.nodeName === "svg") {
        this.$("radar").replaceChildren(document.importNode(svg, true));
        this.$("radar-texte").replaceChildren(...d.radarTexte.map((t) => h("li", {}, t)));
        this.$("figure-radar").hidden = false;
      }
      annonce.textContent = `Étude calculée : ${d.nom} comparé à ${d.nomReference}.`;
      annonce.className = "annonce";
      this.$("exporter").disabled = false;
      this.$("imprimer").disabled = false;
      this.emettre("resultat", { vue: "diagnostic", territoire, reference, resultat: d });
    } catch (erreur) {
      const cible = this.formulaire.querySelector(`[data-champ="${CSS.escape(erreur.champ ?? "")}"]`);
      if (cible) {
        cible.setAttribute("aria-invalid", "true");
        cible.closest("details")?.setAttribute("open", "");
        const zone = this.$(`erreur-${cible.id}`);
        if (zone) zone.textContent = erreur.message;
      }
      annonce.textContent = erreur.message;
      annonce.className = "annonce erreur-annonce";
      this.$("etude").replaceChildren();
      this.$("figure-radar").hidden = true;
      this.$("exporter").disabled = true;
      this.$("imprimer").disabled = true;
      this.emettre("erreur", { vue: "diagnostic", message: erreur.message, champ: erreur.champ });
    }
  }

  section(s, i, nomT, nomR) {
    const titre = `s-${this.numero}-${i}`;
    const tableau = s.lignes.length === 0 ? null : h("div", { class: "tableau-defilant" },
      h("table", { class: "tableau" },
        h("caption", {}, s.titre),
        h("thead", {}, h("tr", {}, ["Indicateur", "Année réf.", nomT, "Variation sur 5 ans", nomR, "Variation sur 5 ans"].map((t) => h("th", { scope: "col" }, t)))),
        h("tbody", {}, s.lignes.map((l) => h("tr", { "data-id": l.id },
          h("th", { scope: "row" }, l.libelle),
          h("td", { class: "nombre" }, String(l.annee)),
          h("td", { class: "nombre territoire" }, l.affiche),
          h("td", { class: "nombre variation" }, `${l.fleche} ${l.affichageVariation}`.trim()),
          h("td", { class: "nombre reference" }, l.reference.affiche),
          h("td", { class: "nombre variation-reference" }, `${l.reference.fleche} ${l.reference.affichageVariation}`.trim()))))));
    return h("section", { class: "etude-section", "aria-labelledby": titre },
      h("h3", { id: titre }, s.titre),
      s.phrases.map((p) => h("p", { class: "phrase" }, p)),
      tableau,
      s.notes.length ? h("ul", { class: "notes", "aria-label": "Notes" }, s.notes.map((n) => h("li", {}, n))) : null);
  }

  exporter() {
    const csv = this.api.exporterDiagnosticCsv(this.lireTerritoire("territoire"), this.lireTerritoire("reference"));
    const lien = h("a", { download: "etude-preliminaire.csv", class: "visuellement-cache" });
    lien.href = URL.createObjectURL(new Blob([csv], { type: "text/csv;charset=utf-8" }));
    this.racine.append(lien);
    lien.click();
    lien.remove();
    setTimeout(() => URL.revokeObjectURL(lien.href), 1000);
  }

  async importer() {
    this.$("erreur-fichiers").textContent = "";
    const fichiers = [];
    for (const f of this.$("fichiers").files) fichiers.push({ nom: f.name, contenu: new Uint8Array(await f.arrayBuffer()) });
    if (fichiers.length === 0) return;
    try {
      const r = this.api.importerDonnees(fichiers);
      this.importees = r.territoires;
      const compte = (n) => this.importees.filter((t) => t.niveau === n).length;
      this.$("resume-import").textContent = `${r.lignesLues} lignes lues ; données ${r.annee} : ${compte("commune")} communes, ${compte("epci")} EPCI, ${compte("departement")} départements.` + (r.avertissements.length ? " " + r.avertissements.join(" ") : "");
      if (compte("epci") === 0) this.$("niveau").value = "commune";
      this.$("choix-import").hidden = false;
      this.listerImport();
    } catch (erreur) {
      this.$("erreur-fichiers").textContent = erreur.message;
      this.$("choix-import").hidden = true;
    }
  }

  listerImport() {
    const options = (select, liste) => select.replaceChildren(...liste.map((t) => h("option", { value: `${t.niveau}:${t.code}` }, `${t.nom} (${t.code})`)));
    options(this.$("choix-territoire"), this.importees.filter((t) => t.niveau === this.$("niveau").value));
    options(this.$("choix-reference"), this.importees.filter((t) => t.niveau === "departement"));
    this.referenceParDefaut();
  }

  referenceParDefaut() {
    const t = this.importees.find((x) => `${x.niveau}:${x.code}` === this.$("choix-territoire").value);
    if (t?.departement) this.$("choix-reference").value = `departement:${t.departement}`;
  }

  utiliserImport() {
    const trouver = (v) => this.importees.find((x) => `${x.niveau}:${x.code}` === v);
    const t = trouver(this.$("choix-territoire").value);
    const r = trouver(this.$("choix-reference").value);
    if (!t || !r) return;
    this.remplirTerritoire("territoire", t);
    this.remplirTerritoire("reference", r);
    this.calculerDiagnostic();
    this.$("resultats").scrollIntoView();
  }
}

if (!customElements.get("caf-indicateurs")) customElements.define("caf-indicateurs", CafIndicateurs);

export { CafIndicateurs };
