// <caf-indicateurs> — the calculator as one custom element, for partner portals.
//
//   <script type="module" src="/chemin/www/caf-indicateurs.js"></script>   (the bundle of this module)
//   <caf-indicateurs vue="foyer" annee="2024" seuil="900" seuil-libelle="Barème du CCAS" couleur="#6a6af4"></caf-indicateurs>
//
// An ES module without dependency: it loads the wasm package from ../pkg/ relative to itself (or
// from the `paquet` attribute), draws in a Shadow DOM styled by a constructed stylesheet (no
// inline <style>, so it runs under `style-src 'self'`), makes no request to any other origin,
// never uses eval nor innerHTML. Every figure and sentence comes from the Rust core: the element
// only reads the form, calls the package and writes text.
//
// Sources: this file is the entry (the element's lifecycle and attributes); the views and
// helpers are its sibling modules (foyer.js, diagnostic.js, erreurs.js, champs.js, dom.js,
// styles.js…). scripts/build.sh bundles them with esbuild into the one file pages and partners
// load, www/caf-indicateurs.js (generated, not in git): copy that file and pkg/ side by side.
//
// Attributes: vue ("foyer" | "diagnostic"), annee, seuil, seuil-libelle, couleur, plafonds
// (foyer: JSON list of eligibility ceilings), exemple (diagnostic: URL of an example JSON),
// paquet (URL of an indicateurs_caf.js with both views, such as pkg/indicateurs_caf.js; by
// default each view loads its own, pkg/foyer/ or pkg/territoire/).
// Events (bubbling, composed): "resultat" { vue, situation | territoire + reference, resultat },
// "erreur" { vue, message, champ }.

import { VueDiagnostic } from "./diagnostic.js";
import { h } from "./dom.js";
import { VueFoyer } from "./foyer.js";
import { charger } from "./paquet.js";
import { feuilleDeStyle } from "./styles.js";

// Relative to the bundle, www/caf-indicateurs.js, whose URL import.meta.url is once bundled:
// each view loads the package made for it (pkg/foyer/, pkg/territoire/: smaller modules, a
// faster first result); the `paquet` attribute names one package for both (pkg/ has them all).
const PAQUETS = {
  foyer: new URL("../pkg/foyer/indicateurs_caf.js", import.meta.url).href,
  diagnostic: new URL("../pkg/territoire/indicateurs_caf.js", import.meta.url).href,
};
let instances = 0;

/** Today's local date: [year, month from 1, day]. */
const jourLocal = () => {
  const d = new Date();
  return [d.getFullYear(), d.getMonth() + 1, d.getDate()];
};

class CafIndicateurs extends HTMLElement {
  static observedAttributes = ["vue", "annee", "seuil", "seuil-libelle", "couleur", "plafonds"];

  constructor() {
    super();
    instances += 1;
    this.numero = instances;
    this.racine = this.attachShadow({ mode: "open" });
    this.racine.adoptedStyleSheets = [feuilleDeStyle()];
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
    // Marks for the first-result budget (README « Premier résultat »): no network, no cost.
    performance.mark("caf:element");
    await this.charger();
  }

  /** Loads the package of the current view (once per URL for the page), then draws the view. */
  async charger() {
    const demande = (this.demande ?? 0) + 1;
    this.demande = demande;
    // The package's URL, also given to the import worker so that it loads the same one.
    const paquet = new URL(this.getAttribute("paquet") || PAQUETS[this.vue], document.baseURI).href;
    if (paquet !== this.paquet) {
      this.api = null;
      this.racine.replaceChildren(h("p", { role: "status" }, "Chargement du calculateur…"));
      try {
        const api = await charger(paquet);
        if (demande !== this.demande) return;
        [this.api, this.paquet] = [api, paquet];
        performance.mark("caf:paquet");
      } catch (e) {
        if (demande !== this.demande) return;
        this.racine.replaceChildren(h("p", { role: "alert", class: "erreur" }, "Le calculateur n'a pas pu se charger : " + (e?.message ?? String(e))));
        return;
      }
    }
    this.dessiner();
    this.dataset.pret = "oui";
  }

  attributeChangedCallback(nom, ancien, nouveau) {
    if (ancien === nouveau) return;
    if (nom === "couleur") this.appliquerCouleur();
    else if (nom === "vue" && this.monte) this.charger();
    else if (this.api) this.dessiner();
  }

  appliquerCouleur() {
    const c = this.getAttribute("couleur");
    if (c && CSS.supports("color", c)) this.style.setProperty("--caf-couleur", c);
    else this.style.removeProperty("--caf-couleur");
  }

  /** Draws the view of the `vue` attribute (a new view object each time the attributes change). */
  dessiner() {
    // A view may hold a worker (the rows of a counts file): the one replaced lets it go.
    this.vueCourante?.liberer?.();
    this.vueCourante = this.vue === "diagnostic" ? new VueDiagnostic(this) : new VueFoyer(this);
    this.vueCourante.dessiner();
  }

  /** Today's local date in full (« 1er décembre 2026 »), written by the package: no
   * `toLocaleDateString`, whose first call loads the browser's locale data (15 to 25 ms). */
  aujourdhui() {
    return this.api.dateLongue(...jourLocal());
  }

  /** The same date as AAAA-MM-JJ, for files other tools read. */
  aujourdhuiIso() {
    return jourLocal().map((n, i) => String(n).padStart(i === 0 ? 4 : 2, "0")).join("-");
  }

  emettre(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }
}

if (!customElements.get("caf-indicateurs")) customElements.define("caf-indicateurs", CafIndicateurs);

export { CafIndicateurs };
