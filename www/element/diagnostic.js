// The territory view of <caf-indicateurs>: counts typed, loaded from an example or imported
// from open data; the study's sections, sentences, tables and radar; CSV export and print. It
// reads the form, calls calculerDiagnostic and writes text.

import { champ, h, telecharger } from "./dom.js";
import { ecrire } from "./typographie.js";
import { effacerErreurs, montrerErreur } from "./erreurs.js";

const NIVEAUX = { commune: "Commune", epci: "EPCI", departement: "Département", autre: "Autre" };

/** The most territories a search puts in the list (a select of thousands is of no use). */
const LISTE_MAX = 200;
/** The options of a list of territories (with their level, for a search across levels). */
const options = (select, liste, avecNiveau) => select.replaceChildren(...liste.map((t) =>
  h("option", { value: `${t.niveau}:${t.code}` }, `${avecNiveau ? `${NIVEAUX[t.niveau] ?? t.niveau} — ` : ""}${t.nom} (${t.code})`)));
/** A name or code for searching: without accents or case; hyphens and apostrophes read as spaces
 * (« bourg en bresse » finds Bourg-en-Bresse). */
const sansAccents = (texte) => texte.normalize("NFD").replace(/\p{Diacritic}/gu, "").replace(/[-’']+/g, " ").toLowerCase();

export class VueDiagnostic {
  /** `hote`: the element (racine, api, numero, attributes, emettre). */
  constructor(hote) {
    this.hote = hote;
  }

  $(id) {
    return this.hote.racine.getElementById(id);
  }

  dessiner() {
    this.cles = this.hote.api.clesDiagnostic();
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
    const exemple = this.hote.getAttribute("exemple");
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
    const importer = h("section", { class: "saisie", "aria-labelledby": `titre-import-${this.hote.numero}` },
      h("h2", { id: `titre-import-${this.hote.numero}` }, "Importer des données ouvertes"),
      h("p", { class: "aide", id: "aide-import" }, "Votre fichier de comptes (un territoire par ligne, chacun avec sa référence), ou les fichiers INSEE « Données CAF à l'IRIS » (2016 à 2020) : ajoutez un fichier de 2016 à 2018 pour connaître les EPCI, le fichier INSEE des populations légales par commune pour le taux de couverture, et les fichiers CNAF de taux de couverture d'accueil du jeune enfant (départements, communes) pour la capacité d'accueil."),
      h("div", { class: "actions" }, h("button", { type: "button", id: "modele-comptes", class: "secondaire" }, "Télécharger le modèle de fichier de comptes")),
      h("div", { class: "champ" },
        h("label", { for: "fichiers" }, "Fichiers CSV"),
        h("input", { type: "file", id: "fichiers", accept: ".csv,text/csv", multiple: true, "aria-describedby": "aide-import erreur-fichiers" }),
        h("p", { class: "erreur", id: "erreur-fichiers", role: "alert" })),
      h("div", { id: "progression-import", class: "actions", hidden: true },
        h("progress", { "aria-labelledby": "etat-import" }),
        h("span", { id: "etat-import", role: "status" }),
        h("button", { type: "button", id: "annuler-import", class: "secondaire" }, "Annuler l'import")),
      h("p", { id: "resume-import", class: "aide", role: "status" }),
      h("div", { id: "choix-import", class: "actions", hidden: true },
        h("div", { class: "champ" }, h("label", { for: "recherche-territoire" }, "Rechercher (nom ou code)"),
          h("input", { id: "recherche-territoire", type: "search", autocomplete: "off", "aria-describedby": "resultat-recherche" })),
        h("div", { class: "champ" }, h("label", { for: "niveau" }, "Niveau"),
          h("select", { id: "niveau" }, [["epci", "EPCI"], ["commune", "Commune"], ["departement", "Département"], ["autre", "Autre"]].map(([v, l]) => h("option", { value: v }, l)))),
        h("div", { class: "champ" }, h("label", { for: "choix-territoire" }, "Territoire"), h("select", { id: "choix-territoire" })),
        h("div", { class: "champ" }, h("label", { for: "choix-reference" }, "Référence"), h("select", { id: "choix-reference" })),
        h("button", { type: "button", id: "utiliser-import" }, "Utiliser ces territoires"),
        h("p", { id: "resultat-recherche", class: "aide", role: "status" })));
    const saisie = h("section", { class: "saisie", "aria-labelledby": `titre-saisie-${this.hote.numero}` },
      h("h2", { id: `titre-saisie-${this.hote.numero}` }, "Comptes du territoire et de la référence"),
      h("div", { class: "actions" },
        exemple ? h("button", { type: "button", id: "charger-exemple" }, "Charger l'exemple") : null,
        h("button", { type: "button", id: "vider", class: "secondaire" }, "Vider")),
      formulaire);
    const resultats = h("section", { id: "resultats", "aria-labelledby": `titre-etude-${this.hote.numero}` },
      h("div", { class: "actions" },
        h("h2", { id: `titre-etude-${this.hote.numero}` }, "Étude préliminaire"),
        h("button", { type: "button", id: "exporter", disabled: true }, "Exporter les tableaux (CSV)"),
        h("button", { type: "button", id: "exporter-json", disabled: true, class: "secondaire" }, "Exporter l'étude (JSON)"),
        h("button", { type: "button", id: "imprimer", disabled: true, class: "secondaire" }, "Imprimer")),
      h("p", { id: "annonce", class: "annonce", role: "status", "aria-live": "polite" }),
      h("header", { id: "titre-etude", class: "titre-etude", hidden: true }),
      h("ul", { id: "avertissements", class: "avertissements", "aria-label": "Avertissements" }),
      h("div", { id: "etude" }),
      h("figure", { id: "figure-radar", class: "radar", hidden: true },
        h("div", { id: "radar" }),
        h("div", { class: "listes-radar" },
          h("section", {}, h("h3", {}, "Les indicateurs fortement inférieurs"), h("ul", { id: "radar-inferieurs" })),
          h("section", {}, h("h3", {}, "Les indicateurs fortement supérieurs"), h("ul", { id: "radar-superieurs" }))),
        h("figcaption", {}, "Radar de vulnérabilité : chaque axe rapporte la valeur du territoire à celle de la référence. En dehors des cercles haut et bas, un indicateur peut nécessiter une attention particulière.",
          h("ul", { id: "radar-texte" }))));
    this.hote.racine.replaceChildren(importer, saisie, resultats);
    this.formulaire = formulaire;
    formulaire.addEventListener("input", () => this.calculer());
    this.$("fichiers").addEventListener("change", () => this.importer());
    this.$("annuler-import").addEventListener("click", () => this.annulerImport());
    this.$("modele-comptes").addEventListener("click", () => telecharger(this.hote.racine, "modele-comptes-territoires.csv", this.hote.api.modeleComptes()));
    this.$("niveau").addEventListener("change", () => this.listerImport());
    this.$("recherche-territoire").addEventListener("input", () => this.listerImport());
    this.$("choix-territoire").addEventListener("change", () => this.referenceParDefaut());
    this.$("utiliser-import").addEventListener("click", () => this.utiliserImport());
    this.$("charger-exemple")?.addEventListener("click", () => this.chargerExemple(exemple));
    this.$("vider").addEventListener("click", () => {
      this.valeurs5ans = null;
      this.moyenne = null;
      this.articles = null;
      this.remplirTerritoire("territoire", { valeurs: {} });
      this.remplirTerritoire("reference", { valeurs: {} });
      this.calculer();
    });
    this.$("exporter").addEventListener("click", () => this.exporter());
    this.$("exporter-json").addEventListener("click", () => this.exporterJson());
    this.$("imprimer").addEventListener("click", () => window.print());
    this.calculer();
  }

  async chargerExemple(url) {
    try {
      const reponse = await fetch(new URL(url, document.baseURI));
      const exemple = await reponse.json();
      this.moyenne = null;
      this.remplirTerritoire("territoire", exemple.territoire ?? {});
      this.remplirTerritoire("reference", exemple.reference ?? {});
      this.calculer();
    } catch (e) {
      ecrire(this.$("annonce"), "L'exemple n'a pas pu être chargé : " + (e?.message ?? String(e)));
    }
  }

  lireTerritoire(cote) {
    const p = cote === "territoire" ? "t" : "r";
    const t = { nom: this.$(`${p}-nom`).value, annee: this.$(`${p}-annee`).value, valeurs: {}, variations5ans: {} };
    // The counts of five years earlier of a row of a counts file (the form has no field for them).
    if (this.valeurs5ans?.[cote]) t.valeurs5ans = this.valeurs5ans[cote];
    // The article of an imported name that carries its coverage (« Ain — 12 communes… »).
    if (this.articles?.[cote] !== undefined) t.article = this.articles[cote];
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

  calculer() {
    effacerErreurs(this.formulaire);
    const territoire = this.lireTerritoire("territoire");
    const reference = this.lireTerritoire("reference");
    const annonce = this.$("annonce");
    if (Object.keys(territoire.valeurs).length === 0 && Object.keys(reference.valeurs).length === 0) {
      ecrire(annonce, "Chargez l'exemple, importez des données ouvertes ou saisissez des comptes.");
      annonce.className = "annonce";
      this.$("etude").replaceChildren();
      this.$("titre-etude").hidden = true;
      this.$("figure-radar").hidden = true;
      for (const b of ["exporter", "exporter-json", "imprimer"]) this.$(b).disabled = true;
      return;
    }
    try {
      const d = this.hote.api.calculerDiagnostic(territoire, reference, this.optionsDiagnostic());
      this.$("etude").replaceChildren(...d.sections.map((s, i) => this.section(s, i, d.nom, d.nomReference)));
      this.titre(d);
      this.$("avertissements").replaceChildren(...d.avertissements.map((a) => h("li", {}, a)));
      const svg = new DOMParser().parseFromString(d.radar, "image/svg+xml").documentElement;
      if (svg.nodeName === "svg") {
        this.$("radar").replaceChildren(document.importNode(svg, true));
        this.$("radar-texte").replaceChildren(...d.radarTexte.map((t) => h("li", {}, t)));
        const liste = (id, phrases) => this.$(id).replaceChildren(...(phrases.length ? phrases : ["Aucun."]).map((t) => h("li", {}, t)));
        liste("radar-inferieurs", d.radarFortementInferieurs);
        liste("radar-superieurs", d.radarFortementSuperieurs);
        this.$("figure-radar").hidden = false;
      }
      ecrire(annonce, `Étude calculée : ${d.nom} comparé à ${d.nomReference}.`);
      annonce.className = "annonce";
      this.$("exporter").disabled = false;
      this.$("exporter-json").disabled = false;
      this.$("imprimer").disabled = false;
      this.hote.emettre("resultat", { vue: "diagnostic", territoire, reference, resultat: d });
    } catch (erreur) {
      montrerErreur(this.hote.racine, this.formulaire, erreur);
      ecrire(annonce, erreur.message);
      annonce.className = "annonce erreur-annonce";
      this.$("etude").replaceChildren();
      this.$("titre-etude").hidden = true;
      this.$("figure-radar").hidden = true;
      this.$("exporter").disabled = true;
      this.$("exporter-json").disabled = true;
      this.$("imprimer").disabled = true;
      this.hote.emettre("erreur", { vue: "diagnostic", message: erreur.message, champ: erreur.champ });
    }
  }

  /** The radar's reference: the same-type mean of the imported file when there is one. */
  optionsDiagnostic() {
    const m = this.moyenne;
    return { radar: { id: `radar-${this.hote.numero}`, ...(m ? { reference: m.valeurs, libelleReference: m.libelle } : {}) } };
  }

  /** The title block a printed copy starts with: the package's lines, and today's date. */
  titre(d) {
    const lignes = [...d.entete, ["Produite le", `${this.hote.aujourdhui()} (indicateurs-caf ${this.hote.api.version()})`]];
    this.$("titre-etude").replaceChildren(
      h("p", { class: "titre" }, `Étude préliminaire : ${d.nom}`),
      h("dl", {}, lignes.flatMap(([l, t]) => [h("dt", {}, l), h("dd", {}, t)])));
    this.$("titre-etude").hidden = false;
  }

  section(s, i, nomT, nomR) {
    const titre = `s-${this.hote.numero}-${i}`;
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
    const csv = this.hote.api.exporterDiagnosticCsv(this.lireTerritoire("territoire"), this.lireTerritoire("reference"), this.optionsDiagnostic());
    telecharger(this.hote.racine, "etude-preliminaire.csv", csv);
  }

  /** The whole study for other tools; the date is today's local date, AAAA-MM-JJ. */
  exporterJson() {
    const produitLe = this.hote.aujourdhuiIso();
    const etude = this.hote.api.exporterDiagnosticJson(this.lireTerritoire("territoire"), this.lireTerritoire("reference"), this.optionsDiagnostic(), produitLe);
    telecharger(this.hote.racine, "etude-preliminaire.json", JSON.stringify(etude, null, 2), "application/json;charset=utf-8");
  }

  /** The import runs in a worker (www/caf-indicateurs-import.js): progress, and a cancel. */
  importer() {
    ecrire(this.$("erreur-fichiers"), "");
    const fichiers = [...this.$("fichiers").files];
    if (fichiers.length === 0) return;
    this.travail?.terminate();
    this.oublierComptes();
    const travail = new Worker(new URL("caf-indicateurs-import.js", import.meta.url), { type: "module" });
    this.travail = travail;
    const fin = () => {
      travail.terminate();
      if (this.travail === travail) this.travail = null;
      this.$("progression-import").hidden = true;
    };
    this.$("progression-import").hidden = false;
    ecrire(this.$("etat-import"), "Import en cours…");
    this.$("choix-import").hidden = true;
    travail.onmessage = (e) => {
      const m = e.data;
      if (m.type === "progression") ecrire(this.$("etat-import"), m.texte);
      if (m.type === "fin") {
        if (m.comptes) {
          // The worker keeps the rows: the page asks it for the territories it studies.
          this.$("progression-import").hidden = true;
          this.travail = null;
          this.travailComptes = travail;
          travail.onerror = null;
          this.montrerComptes(m.comptes);
        } else {
          fin();
          this.montrerImport(m.resultat);
        }
      }
      if (m.type === "erreur") {
        fin();
        ecrire(this.$("erreur-fichiers"), m.message);
      }
    };
    travail.onerror = () => {
      fin();
      ecrire(this.$("erreur-fichiers"), "L'import n'a pas pu démarrer dans ce navigateur.");
    };
    travail.postMessage({ paquet: this.hote.paquet, fichiers });
  }

  /** What the view holds beyond the page: the element calls it when it replaces the view. */
  liberer() {
    this.travail?.terminate();
    this.oublierComptes();
  }

  /** Ends the worker that keeps the rows of the last counts file, if any. */
  oublierComptes() {
    this.travailComptes?.terminate();
    this.travailComptes = null;
  }

  /** The territories of rows `indices` of the counts file, from the worker that keeps them. */
  demanderTerritoires(indices) {
    const travail = this.travailComptes;
    const id = (this.demandes = (this.demandes ?? 0) + 1);
    return new Promise((ok, echec) => {
      if (!travail) return echec(new Error("Les comptes importés ne sont plus là : importez le fichier de nouveau."));
      const finir = () => {
        travail.removeEventListener("message", ecouter);
        travail.removeEventListener("error", panne);
      };
      const ecouter = (e) => {
        if (e.data.type !== "territoires" || e.data.id !== id) return;
        finir();
        if (e.data.territoires) ok(e.data.territoires);
        else echec(new Error(e.data.message));
      };
      // The worker stopped (out of memory, say): said, never a click that does nothing.
      const panne = () => {
        finir();
        this.oublierComptes();
        echec(new Error("Le fil de travail qui gardait les comptes s'est arrêté : importez le fichier de nouveau."));
      };
      travail.addEventListener("message", ecouter);
      travail.addEventListener("error", panne);
      travail.postMessage({ type: "territoires", id, indices });
    });
  }

  annulerImport() {
    this.travail?.terminate();
    this.travail = null;
    this.$("progression-import").hidden = true;
    ecrire(this.$("resume-import"), "Import annulé : aucun territoire chargé.");
  }

  montrerImport(r) {
    this.comptes = null;
    this.moyennes = r.moyennes;
    this.communesSansIris = r.communesSansIris;
    this.listerTerritoires(r.territoires);
    const compte = (n) => this.importees.filter((t) => t.niveau === n).length;
    ecrire(this.$("resume-import"), `${r.lignesLues} lignes lues ; données ${r.annee} : ${compte("commune")} communes, ${compte("epci")} EPCI, ${compte("departement")} départements.` + (r.avertissements.length ? " " + r.avertissements.join(" ") : ""));
    if (compte("epci") === 0) this.$("niveau").value = "commune";
    this.$("choix-import").hidden = false;
    this.listerImport();
  }

  /** The imported territories, with what a search compares (once per import, not per keystroke),
   * and the list of references, which a search does not change. */
  listerTerritoires(territoires) {
    this.importees = territoires;
    this.clesRecherche = territoires.map((t) => sansAccents(`${t.nom} ${t.code}`));
    // Open data compare with the département. Any row of a counts file can be a reference; past
    // LISTE_MAX rows, the list keeps the ones the file names as references and its départements
    // (a file of every commune lists about a hundred, not 35 000 options rebuilt at each keystroke).
    const nommees = new Set(territoires.map((t) => t.reference).filter(Boolean));
    const references = territoires.filter((t) => t.niveau === "departement" || (this.comptes && nommees.has(t.code)));
    const toutes = this.comptes && (territoires.length <= LISTE_MAX || references.length === 0);
    options(this.$("choix-reference"), toutes ? territoires : references, false);
  }

  listerImport() {
    const recherche = sansAccents(this.$("recherche-territoire").value.trim());
    // A search looks across every level, by name or code, whatever the accents and the case.
    const tous = recherche
      ? this.importees.filter((t, i) => this.clesRecherche[i].includes(recherche))
      : this.importees.filter((t) => t.niveau === this.$("niveau").value);
    // A search lists its first 200 territories, and says so when it found more.
    const trouves = recherche ? tous.slice(0, LISTE_MAX) : tous;
    options(this.$("choix-territoire"), trouves, Boolean(recherche));
    // A commune of the population file without IRIS: found, and told why it has no data.
    const sansIris = recherche && trouves.length === 0 && !this.comptes
      ? (this.communesSansIris ?? []).filter(([code, nom]) => sansAccents(`${nom} ${code}`).includes(recherche)).slice(0, 5)
      : [];
    const modele = "Importez vos comptes pour ce territoire (téléchargez le modèle de fichier de comptes ci-dessus).";
    ecrire(this.$("resultat-recherche"), !recherche ? "" : trouves.length > 0
      ? `${tous.length.toLocaleString("fr-FR")} ${tous.length > 1 ? "territoires trouvés" : "territoire trouvé"}${tous.length > trouves.length ? ` : les ${LISTE_MAX} premiers sont dans la liste, précisez la recherche pour les autres` : ""}.`
      : sansIris.length > 0
        ? `${sansIris.map(([code, nom]) => `Commune ${nom} (${code})`).join(", ")} : au fichier des populations légales, mais pas ${sansIris.length > 1 ? "découpées" : "découpée"} en IRIS ; les fichiers INSEE « Données CAF à l'IRIS » n'en ont pas les comptes. ${modele}`
        : `Aucun territoire ne correspond à « ${this.$("recherche-territoire").value.trim()} » dans les fichiers importés. ${this.comptes ? "" : "Les fichiers INSEE « Données CAF à l'IRIS » ne couvrent que les communes découpées en IRIS : un EPCI ou une commune qui n'en a aucune n'y figure pas. "}${modele}`);
    this.referenceParDefaut();
  }

  referenceParDefaut() {
    const t = this.importees.find((x) => `${x.niveau}:${x.code}` === this.$("choix-territoire").value);
    const r = this.comptes ? this.importees.find((x) => x.code === t?.reference) : null;
    if (r) this.$("choix-reference").value = `${r.niveau}:${r.code}`;
    else if (t?.departement) this.$("choix-reference").value = `departement:${t.departement}`;
  }

  /** The rows of a counts file: any territory, each with its own reference, in one click. */
  montrerComptes(c) {
    this.comptes = c;
    this.moyennes = c.moyennes;
    // Each row's values stay in the worker: `indice` asks for them (demanderTerritoires).
    this.listerTerritoires(c.lignes.map((l, indice) => ({ nom: l.nom, niveau: l.niveau, code: l.code, reference: l.reference, indice })));
    const erreurs = c.erreurs.map((e) => `Ligne ${e.ligne}, colonne ${e.champ} : ${e.message}`);
    ecrire(this.$("resume-import"), [`${c.resume}.`, ...erreurs.slice(0, 5), ...c.avertissements].join(" "));
    const niveaux = [...new Set(this.importees.map((t) => t.niveau))];
    if (!niveaux.includes(this.$("niveau").value)) this.$("niveau").value = niveaux.includes("epci") ? "epci" : niveaux[0] ?? "autre";
    this.$("choix-import").hidden = c.lignes.length === 0;
    this.listerImport();
  }

  async utiliserImport() {
    const trouver = (v) => this.importees.find((x) => `${x.niveau}:${x.code}` === v);
    let [t, r] = [trouver(this.$("choix-territoire").value), trouver(this.$("choix-reference").value)];
    if (!t || !r) return;
    if (this.comptes) {
      try {
        const [tv, rv] = await this.demanderTerritoires([t.indice, r.indice]);
        [t, r] = [{ ...t, ...tv }, { ...r, ...rv }];
      } catch (e) {
        ecrire(this.$("erreur-fichiers"), e.message);
        return;
      }
    }
    // Five years earlier: the counts file's columns, or the CNAF rates' history after an import.
    this.valeurs5ans = { territoire: t.valeurs5ans ?? {}, reference: r.valeurs5ans ?? {} };
    // Same type: the territories of its level in its département (or with its reference), else in the file.
    const groupe = this.comptes ? t.reference : t.departement;
    const memeNiveau = (this.moyennes ?? []).filter((m) => m.niveau === t.niveau);
    this.moyenne = memeNiveau.find((m) => m.departement === groupe) ?? memeNiveau.find((m) => m.departement === null) ?? null;
    this.articles = this.comptes ? null : { territoire: t.article, reference: r.article };
    this.remplirTerritoire("territoire", t);
    this.remplirTerritoire("reference", r);
    this.calculer();
    this.$("resultats").scrollIntoView();
  }
}
