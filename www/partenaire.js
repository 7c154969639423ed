// The host page reads the calculators' results through their "resultat" events.
const journal = document.getElementById("journal-hote");
document.addEventListener("resultat", (e) => {
  const source = e.target.id || e.target.tagName.toLowerCase();
  const d = e.detail;
  const resume = d.vue === "foyer" ? d.resultat.synthese : `${d.resultat.sections.length} sections calculées`;
  journal.textContent = `Résultat reçu de « ${source} » (${d.vue}) : ${resume}`;
  journal.dataset.source = source;
});
