// The household view of <caf-indicateurs>: the form, the results with their explanations, the
// family sheet (print), the share link. It reads the form, calls calculerFoyer and writes text.

import { CHAMPS_MONTANTS, champsDuGroupe, OPTIONS_PERSONNE } from "./champs.js";
import { champ, h } from "./dom.js";
import { ecrire } from "./typographie.js";
import { effacerErreurs, montrerAlerte, montrerErreur } from "./erreurs.js";
import { depuisFragment, versFragment } from "./partage.js";

/** Longest share link fragment read (a foyer of 30 persons takes about 2 000 characters). */
const LIEN_MAX = 8192;

export class VueFoyer {
  /** `hote`: the element (racine, api, numero, attributes, emettre, clePartage). */
  constructor(hote) {
    this.hote = hote;
    this.compteurPersonnes = 0;
  }

  $(id) {
    return this.hote.racine.getElementById(id);
  }

  formulaireFoyer(seuilPartenaire) {
    const montants = (groupe) => champsDuGroupe(groupe).map((c) => champ(c.id, c.libelle, { "data-champ": c.id, inputmode: "decimal" }));
    return h("form", { id: "foyer", novalidate: true, "aria-label": "Situation du foyer" },
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
      h("fieldset", {}, h("legend", {}, "Ressources"), montants("Ressources")),
      h("fieldset", {}, h("legend", {}, "Logement"), montants("Logement")),
      h("fieldset", {}, h("legend", {}, "Quotient familial" + (seuilPartenaire ? "" : " et seuil du partenaire")),
        montants("Quotient familial"),
        seuilPartenaire ? null : champ("seuilValeur", "Seuil du partenaire, € par UC et par mois (facultatif)", { "data-champ": "seuil.valeur", inputmode: "decimal" }),
        seuilPartenaire ? null : champ("seuilLibelle", "Nom de ce seuil (facultatif)", { "data-champ": "seuil.libelle" })),
    );
  }

  /** The answers first: a compact block that stays in view on a phone while typing. */
  sectionVerdicts() {
    const numero = this.hote.numero;
    return h("section", { class: "verdicts ecran", id: "verdicts", "aria-labelledby": `titre-verdicts-${numero}` },
      h("h2", { id: `titre-verdicts-${numero}`, class: "titre-verdicts" }, "En bref"),
      h("ul", { id: "liste-verdicts", class: "liste-verdicts" },
        h("li", { class: "verdict etat-neutre" }, "Les réponses s'affichent dès que la situation est complète.")));
  }

  sectionResultats(seuilPartenaire, libelleSeuil) {
    const numero = this.hote.numero;
    return h("section", { class: "resultats ecran", "aria-labelledby": `titre-resultats-${numero}` },
      h("h2", { id: `titre-resultats-${numero}` }, "Résultats"),
      seuilPartenaire ? h("p", { class: "aide", id: "seuil-fixe" }, `Seuil appliqué : ${libelleSeuil || "seuil du partenaire"}.`) : null,
      h("p", { id: "annonce", class: "annonce", role: "status", "aria-live": "polite", "aria-atomic": "true" }),
      h("ul", { id: "avertissements", class: "avertissements", "aria-label": "Avertissements" }),
      h("details", { id: "detail-chiffres", class: "detail-chiffres", open: true },
        h("summary", {}, "Chiffres et formules"),
        h("dl", { id: "figures" })),
      h("div", { class: "actions" },
        h("button", { type: "button", id: "imprimer", disabled: true }, "Imprimer la fiche"),
        h("button", { type: "button", id: "partager", class: "secondaire", disabled: true }, "Copier un lien de partage"),
        h("button", { type: "button", id: "nouvelle", class: "secondaire" }, "Nouvelle situation")),
      h("div", { id: "zone-lien", hidden: true },
        h("label", { for: "lien-partage" }, "Lien qui rouvre cette situation (elle est dans le lien, après #, et n'est jamais envoyée à un serveur) :"),
        h("input", { id: "lien-partage", class: "lien", readonly: true, type: "text" }),
        h("p", { class: "aide" }, "Toute personne qui a ce lien peut lire la situation de la famille : ne le transmettez qu'à elle ou à un collègue habilité. Il n'est pas mis dans la barre d'adresse ni dans l'historique.")),
    );
  }

  dessiner() {
    const seuilPartenaire = this.hote.getAttribute("seuil");
    this.soumis = false;
    this.compteurPersonnes = 0;
    const formulaire = this.formulaireFoyer(seuilPartenaire);
    const resultats = this.sectionResultats(seuilPartenaire, this.hote.getAttribute("seuil-libelle"));
    const fiche = h("section", { class: "fiche", id: "fiche", "aria-hidden": "true" });
    this.hote.racine.replaceChildren(h("div", { class: "colonnes foyer" }, this.sectionVerdicts(), formulaire, resultats), fiche);
    this.formulaire = formulaire;
    this.$("annee").value = this.hote.getAttribute("annee") || String(new Date().getFullYear());
    this.ajouterPersonne("allocataire");
    this.ecouter();
    const { restauree, lienIllisible } = this.restaurerDepuisLien();
    this.calculer();
    // The situation leaves the address bar once the first result is computed: updating the URL
    // takes ≈ 3 ms of the main thread, not spent before the first result (README « Premier
    // résultat »).
    if (restauree) setTimeout(() => this.effacerDuLien(), 0);
    if (lienIllisible) {
      ecrire(this.$("annonce"), lienIllisible);
      this.$("annonce").className = "annonce erreur-annonce";
    }
  }

  ecouter() {
    this.formulaire.addEventListener("input", (e) => {
      if (e.target instanceof HTMLElement) e.target.dataset.touche = "oui";
      this.calculer();
    });
    this.formulaire.addEventListener("change", () => this.calculer());
    this.formulaire.addEventListener("submit", (e) => {
      e.preventDefault();
      this.soumis = true;
      this.calculer();
    });
    this.$("ajouter-enfant").addEventListener("click", () => {
      this.ajouterPersonne("enfant").querySelector('[data-cle="age"]').focus();
      this.calculer();
    });
    this.$("ajouter-personne").addEventListener("click", () => {
      this.ajouterPersonne("conjoint").querySelector("select").focus();
      this.calculer();
    });
    this.$("imprimer").addEventListener("click", () => window.print());
    this.$("partager").addEventListener("click", () => this.partager());
    this.$("nouvelle").addEventListener("click", () => this.nouvelleSituation());
  }

  ajouterPersonne(role, age = "", options = {}) {
    this.compteurPersonnes += 1;
    const id = `p${this.compteurPersonnes}`;
    const select = h("select", { id: `${id}-role`, "data-cle": "role", "aria-describedby": `${id}-erreur` },
      this.hote.api.roles().map((r) => h("option", { value: r.code, selected: r.code === role }, r.libelle)));
    const age_ = h("input", { id: `${id}-age`, "data-cle": "age", inputmode: "numeric", autocomplete: "off", size: "4", "aria-describedby": `${id}-erreur` });
    age_.value = age;
    const cases = OPTIONS_PERSONNE.map(([cle, libelle]) => {
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
      this.calculer();
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
        ...Object.fromEntries(OPTIONS_PERSONNE.map(([cle]) => [cle, li.querySelector(`[data-cle="${cle}"]`).checked])),
      })),
      ...Object.fromEntries(CHAMPS_MONTANTS.map((c) => [c.id, v(c.id)])),
    };
    // The partner's eligibility ceilings: a JSON list in the "plafonds" attribute, passed as is
    // (the core validates it and names the faulty field).
    const plafonds = this.hote.getAttribute("plafonds");
    if (plafonds) {
      try {
        situation.plafonds = JSON.parse(plafonds);
      } catch {
        situation.plafonds = "JSON illisible";
      }
    }
    const seuilFixe = this.hote.getAttribute("seuil");
    if (seuilFixe) situation.seuil = { valeur: seuilFixe, libelle: this.hote.getAttribute("seuil-libelle") ?? "" };
    else if (v("seuilValeur").trim() !== "" || v("seuilLibelle").trim() !== "") situation.seuil = { valeur: v("seuilValeur"), libelle: v("seuilLibelle") };
    return situation;
  }

  remplirSituation(s) {
    this.$("annee").value = s.annee ?? "";
    this.$("liste-personnes").replaceChildren();
    this.compteurPersonnes = 0;
    for (const p of Array.isArray(s.personnes) ? s.personnes : []) this.ajouterPersonne(String(p.role ?? "enfant"), String(p.age ?? ""), p);
    if (this.$("liste-personnes").children.length === 0) this.ajouterPersonne("allocataire");
    for (const c of CHAMPS_MONTANTS) this.$(c.id).value = s[c.id] ?? "";
    if (this.$("seuilValeur")) {
      this.$("seuilValeur").value = s.seuil?.valeur ?? "";
      this.$("seuilLibelle").value = s.seuil?.libelle ?? "";
    }
  }

  // The error at its field once the user has touched it (or submitted); an untouched form gets
  // a neutral prompt, a field the user typed in gets the error in red.
  montrerErreur(erreur) {
    const touche = (cible) => this.soumis || cible.dataset.touche === "oui" || Boolean(cible.querySelector?.("[data-touche=oui]"));
    const { cible, montree } = montrerErreur(this.hote.racine, this.formulaire, erreur, touche);
    const fautif = montree || !cible;
    ecrire(this.$("annonce"), fautif ? erreur.message : "Complétez la situation du foyer : " + erreur.message);
    this.$("annonce").className = fautif ? "annonce erreur-annonce" : "annonce";
  }

  calculer() {
    effacerErreurs(this.formulaire);
    const situation = this.lireSituation();
    try {
      const resultat = this.hote.api.calculerFoyer(situation);
      performance.mark("caf:calcul");
      this.afficher(resultat);
      this.dernier = { situation, resultat };
      this.$("imprimer").disabled = false;
      this.$("partager").disabled = false;
      this.hote.emettre("resultat", { vue: "foyer", situation, resultat });
    } catch (erreur) {
      for (const id of ["figures", "avertissements", "fiche"]) this.$(id).replaceChildren();
      this.$("liste-verdicts").replaceChildren(h("li", { class: "verdict etat-neutre" }, "Les réponses s'affichent dès que la situation est complète."));
      this.$("imprimer").disabled = true;
      this.$("partager").disabled = true;
      this.montrerErreur(erreur);
      this.hote.emettre("erreur", { vue: "foyer", message: erreur.message, champ: erreur.champ });
    }
  }

  figures(r) {
    const figure = (id, libelle, affiche, explication) => h("div", { class: "figure", "data-id": id },
      h("dt", {}, libelle),
      h("dd", {}, h("span", { class: "valeur" }, affiche || "—"), h("p", { class: "explication" }, explication)));
    return [
      ...r.figures.map((f) => figure(f.id, f.libelle, f.affiche, f.explication)),
      ...r.eligibilites.map((e) => figure("eligibilite", e.libelle, e.eligible ? "éligible" : "non éligible", e.explication)),
    ];
  }

  verdicts(r) {
    return r.verdicts.map((v) => h("li", { class: `verdict etat-${v.etat}`, "data-id": v.id },
      h("span", { class: "verdict-libelle" }, `${v.libelle} : `),
      h("strong", { class: "verdict-valeur" }, v.valeur),
      h("span", { class: "verdict-detail" }, ` — ${v.detail}`)));
  }

  afficher(r) {
    this.$("liste-verdicts").replaceChildren(...this.verdicts(r));
    for (const a of r.alertesChamps) montrerAlerte(this.hote.racine, this.formulaire, a);
    ecrire(this.$("annonce"), r.synthese);
    this.$("annonce").className = "annonce";
    this.$("avertissements").replaceChildren(...r.avertissements.map((a) => h("li", {}, a)));
    this.$("figures").replaceChildren(...this.figures(r));
    // The family's sheet (print only): inputs, results with explanations, thresholds, date.
    const seuils = [r.seuil, ...r.seuilsInsee];
    this.$("fiche").replaceChildren(
      h("h2", {}, "Fiche de situation du foyer"),
      h("p", {}, `Établie le ${this.hote.aujourdhui()}, calculée sur cet appareil ; aucune donnée n'a été transmise.`),
      h("h3", {}, "Situation déclarée"),
      h("dl", { class: "recap" }, r.recapitulatif.map((l) => h("div", {}, h("dt", {}, l.libelle), h("dd", {}, l.valeur)))),
      h("h3", {}, "En bref"),
      h("p", { class: "synthese" }, r.synthese),
      h("ul", { class: "liste-verdicts" }, this.verdicts(r)),
      h("h3", {}, "Chiffres et formules"),
      h("dl", { class: "figures-fiche" }, this.figures(r)),
      h("h3", {}, "Seuils et sources"),
      h("ul", {}, seuils.map((s) => h("li", {}, `${s.libelle} ${s.annee} : ${s.affiche} par UC et par mois — ${s.source} (${s.statutLibelle}).`))),
      r.avertissements.length ? h("ul", {}, r.avertissements.map((a) => h("li", {}, a))) : null,
      h("h3", {}, "Notes"),
      h("div", { class: "notes-fiche", "aria-label": "Espace pour des notes manuscrites" }),
    );
  }

  // The link is built and copied, never put in the address bar (browser history on a shared
  // computer); the page says who can read it.
  partager() {
    if (!this.dernier) return;
    const params = new URLSearchParams(location.hash.slice(1));
    params.set(this.hote.clePartage, versFragment(this.dernier.situation));
    const url = new URL(location.href);
    url.hash = params.toString();
    this.$("zone-lien").hidden = false;
    const champLien = this.$("lien-partage");
    champLien.value = url.href;
    champLien.focus();
    champLien.select();
    navigator.clipboard?.writeText(url.href).then(
      () => { ecrire(this.$("annonce"), "Lien copié : il rouvre cette situation sur cet appareil ou un autre, sans passer par un serveur. Toute personne qui l'a peut la lire."); },
      () => {},
    );
  }

  /**
   * Restores the situation of a share link. Size and shape are checked before anything is
   * built, and the package validates it (roles, ages, at most 30 persons) before the form is
   * filled: a link that cannot be read changes nothing and says why (`lienIllisible`).
   * `restauree`: the form now holds the link's situation.
   */
  restaurerDepuisLien() {
    const brut = new URLSearchParams(location.hash.slice(1)).get(this.hote.clePartage);
    if (brut === null) return { restauree: false, lienIllisible: null };
    const illisible = (raison) => ({ restauree: false, lienIllisible: `Le lien de partage n'a pas pu être lu : ${raison} La situation n'a pas été restaurée.` });
    if (brut.length > LIEN_MAX) return illisible(`il est trop long (${LIEN_MAX} caractères au plus).`);
    let s;
    try {
      s = depuisFragment(brut);
    } catch {
      return illisible("il est abîmé (coupé ou modifié en chemin).");
    }
    if (!s || typeof s !== "object" || Array.isArray(s) || !Array.isArray(s.personnes)) return illisible("il ne décrit pas une situation de foyer.");
    try {
      this.hote.api.calculerFoyer(s);
    } catch (erreur) {
      return illisible(erreur.message);
    }
    this.remplirSituation(s);
    this.soumis = true;
    return { restauree: true, lienIllisible: null };
  }

  /** Takes this instance's situation out of the address bar (the page keeps it in the form). */
  effacerDuLien() {
    const params = new URLSearchParams(location.hash.slice(1));
    if (!params.has(this.hote.clePartage)) return;
    params.delete(this.hote.clePartage);
    const url = new URL(location.href);
    url.hash = params.toString();
    history.replaceState(null, "", url.href);
  }

  nouvelleSituation() {
    this.effacerDuLien();
    this.dernier = null;
    this.dessiner();
    ecrire(this.$("annonce"), "Nouvelle situation : le formulaire est vide.");
    this.$("annee").focus();
  }
}
