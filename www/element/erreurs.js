// The one error display of the element: an Error of the package names its field (`champ`, a
// path such as "personnes[1].age" or "territoire.valeurs.allocataires"); the form field whose
// data-champ is that path, or its closest parent path, is marked invalid and gets the message.
import { ecrire } from "./typographie.js";

/** The form field an error path names, or its closest parent: "personnes[1].age" →
 * "personnes[1]" → "personnes". */
export function champFautif(formulaire, chemin) {
  let c = chemin ?? "";
  while (c) {
    const cible = formulaire.querySelector(`[data-champ="${CSS.escape(c)}"]`);
    if (cible) return cible;
    c = c.includes(".") ? c.slice(0, c.lastIndexOf(".")) : c.includes("[") ? c.slice(0, c.lastIndexOf("[")) : "";
  }
  return null;
}

/** Clears every error shown in the form. */
export function effacerErreurs(formulaire) {
  for (const e of formulaire.querySelectorAll(".erreur")) {
    e.textContent = "";
    e.classList.remove("alerte-champ");
  }
  for (const e of formulaire.querySelectorAll("[aria-invalid]")) e.removeAttribute("aria-invalid");
}

/**
 * Shows `erreur` at its field when `enLigne(cible)` allows it (a view may wait until the user has
 * touched the field): aria-invalid, the enclosing <details> opened, the message in the field's
 * error zone (the element with class "erreur" among its aria-describedby). Returns the field
 * found (or null) and whether the error is shown there.
 */
export function montrerErreur(racine, formulaire, erreur, enLigne = () => true) {
  const cible = champFautif(formulaire, erreur.champ);
  if (!cible || !enLigne(cible)) return { cible, montree: false };
  cible.setAttribute("aria-invalid", "true");
  cible.closest("details")?.setAttribute("open", "");
  const ids = (cible.getAttribute("aria-describedby") ?? "").split(" ").filter(Boolean);
  const zone = ids.map((id) => racine.getElementById(id)).find((e) => e?.classList.contains("erreur"));
  if (zone) ecrire(zone, erreur.message);
  return { cible, montree: true };
}

/** Shows a warning of the result next to its field (not an error: the field stays valid). */
export function montrerAlerte(racine, formulaire, alerte) {
  const cible = champFautif(formulaire, alerte.champ);
  const ids = (cible?.getAttribute("aria-describedby") ?? "").split(" ").filter(Boolean);
  const zone = ids.map((id) => racine.getElementById(id)).find((e) => e?.classList.contains("erreur"));
  if (!zone) return;
  ecrire(zone, alerte.message);
  zone.classList.add("alerte-champ");
}
