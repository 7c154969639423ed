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

// www/dsfr-pages.css is reduced to the custom properties its rules read (scripts/dsfr.mjs): none
// may be read without being declared, or a colour would silently fall back to nothing.
// (The DSFR itself reads four it never declares, `--background-disabled-grey-hover` and the
// like: those are left as the DSFR has them.)
test("la feuille du DSFR des pages déclare chaque variable qu'elle lit", () => {
  const lire = (chemin) => readFileSync(new URL(chemin, import.meta.url), "utf8");
  const declarees = (css) => new Set([...css.matchAll(/[{;]\s*(--[A-Za-z0-9_-]+)\s*:/g)].map((m) => m[1]));
  const css = lire("../../www/dsfr-pages.css");
  const dansLeDsfr = declarees(lire("../../node_modules/@gouvfr/dsfr/dist/dsfr.min.css"));
  const ici = declarees(css);
  // A read with a fallback (`var(--x, …)`) may stay undeclared; a bare one may not.
  const lues = new Set([...css.matchAll(/var\(\s*(--[A-Za-z0-9_-]+)\s*\)/g)].map((m) => m[1]));
  const manquantes = [...lues].filter((v) => !ici.has(v) && dansLeDsfr.has(v));
  assert.deepEqual(manquantes, []);
  assert.ok(lues.size > 20 && ici.size < 400, `${lues.size} lues, ${ici.size} déclarées`);
});
