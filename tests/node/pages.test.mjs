// The project's pages share their skip links, header and footer: one markup, checked here
// (plain HTML that works without JavaScript, no template step). Only the navigation link of the
// page itself carries aria-current="page".
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

const PAGES = { "index.html": "./", "diagnostic.html": "diagnostic.html", "lot.html": "lot.html" };

function bloc(html, debut, fin) {
  const i = html.indexOf(debut);
  const j = html.indexOf(fin, i);
  assert.ok(i >= 0 && j > i, `${debut} … ${fin} absent`);
  return html.slice(i, j + fin.length);
}

test("les pages partagent l'accès rapide, l'en-tête et le pied de page", () => {
  const parties = Object.entries(PAGES).map(([page, lien]) => {
    const html = readFileSync(new URL(`../../www/${page}`, import.meta.url), "utf8");
    const entete = bloc(html, "<header", "</header>");
    const courants = [...entete.matchAll(/href="([^"]+)" aria-current="page"/g)].map((m) => m[1]);
    assert.deepEqual(courants, [lien], `${page} : seul son propre lien est la page courante`);
    return {
      page,
      acces: bloc(html, '<div class="fr-skiplinks">', "</div>"),
      entete: entete.replace(' aria-current="page"', ""),
      pied: bloc(html, "<footer", "</footer>"),
    };
  });
  for (const p of parties.slice(1)) {
    for (const partie of ["acces", "entete", "pied"]) {
      assert.equal(p[partie], parties[0][partie], `${p.page} : ${partie} différent de ${parties[0].page}`);
    }
  }
});
