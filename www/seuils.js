// Fills the table of known thresholds from the package (values, sources and statuses are data
// of the Rust core).
import init, { seuils } from "../pkg/foyer/indicateurs_caf.js";

// The French typography helper is imported with the package, not before it: a static import would
// add a request while the page loads (README « Premier résultat »); the table comes after the form.
const [{ insecables }] = await Promise.all([import("./element/typographie.js"), init()]);
const corps = document.querySelector("#table-seuils tbody");
corps.replaceChildren(
  ...seuils().map((s) => {
    const tr = document.createElement("tr");
    for (const texte of [s.libelle, String(s.annee), s.affiche, s.source, s.statutLibelle]) {
      const td = document.createElement("td");
      td.textContent = insecables(texte);
      tr.append(td);
    }
    return tr;
  }),
);
