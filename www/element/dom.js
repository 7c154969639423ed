// DOM helpers of the element: every text goes in as a text node (never markup).
import { insecables } from "./typographie.js";

/** Elements whose text is shown as is (code a reader may copy). */
const TEXTE_BRUT = new Set(["code", "pre", "textarea"]);

/** Creates an element; strings among the children become text nodes (never markup), with French
 *  non-breaking spaces (`insecables`) except in code. */
export function h(nom, attributs = {}, ...enfants) {
  const e = document.createElement(nom);
  const texte = TEXTE_BRUT.has(nom) ? String : insecables;
  for (const [k, v] of Object.entries(attributs)) {
    if (v === false || v === null || v === undefined) continue;
    e.setAttribute(k, v === true ? "" : String(v));
  }
  for (const enfant of enfants.flat()) {
    if (enfant === null || enfant === undefined || enfant === false) continue;
    e.append(typeof enfant === "string" ? document.createTextNode(texte(enfant)) : enfant);
  }
  return e;
}

/** A labelled text field with its error zone (`erreur-<id>`, linked by aria-describedby). */
export function champ(id, libelle, attributs = {}) {
  return h("div", { class: "champ" },
    h("label", { for: id }, libelle),
    h("input", { id, autocomplete: "off", "aria-describedby": `erreur-${id}`, ...attributs }),
    h("p", { class: "erreur", id: `erreur-${id}` }));
}

/** Offers `texte` as a file download, from inside the Shadow DOM `racine`. */
export function telecharger(racine, nomFichier, texte, type = "text/csv;charset=utf-8") {
  const lien = h("a", { download: nomFichier, class: "visuellement-cache" });
  lien.href = URL.createObjectURL(new Blob([texte], { type }));
  racine.append(lien);
  lien.click();
  lien.remove();
  setTimeout(() => URL.revokeObjectURL(lien.href), 1000);
}
