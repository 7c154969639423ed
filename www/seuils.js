// Fills the table of known thresholds from the package (values, sources and statuses are data
// of the Rust core).
import init, { seuils } from "../pkg/foyer/indicateurs_caf.js";

await init();
const corps = document.querySelector("#table-seuils tbody");
corps.replaceChildren(
  ...seuils().map((s) => {
    const tr = document.createElement("tr");
    for (const texte of [s.libelle, String(s.annee), s.affiche, s.source, s.statutLibelle]) {
      const td = document.createElement("td");
      td.textContent = texte;
      tr.append(td);
    }
    return tr;
  }),
);
