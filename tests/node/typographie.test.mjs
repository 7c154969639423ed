// French typography of displayed text (www/element/typographie.js): the spaces that French sets
// non-breaking, and nothing else. The pages' static text follows the same rule (checked here too).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { insecables } from "../../www/element/typographie.js";

const NBSP = "\u00a0";
const FINE = "\u202f";

/** Table-driven: each case is [text, expected]. */
const CAS = [
  ["Revenus annuels : 14 400 €", `Revenus annuels${NBSP}: 14 400 €`],
  ["séparateur « ; », en-tête", `séparateur «${FINE};${FINE}», en-tête`],
  ["Le lien est-il illisible ? Oui !", `Le lien est-il illisible${FINE}? Oui${FINE}!`],
  ["Cc « Pays d'Opale » : 2,1 UC", `Cc «${FINE}Pays d'Opale${FINE}»${NBSP}: 2,1 UC`],
  // Left alone: no space before the sign, or already non-breaking.
  ["10:30, https://exemple.fr?x=1!", "10:30, https://exemple.fr?x=1!"],
  [`Déjà${NBSP}: bien`, `Déjà${NBSP}: bien`],
  ["", ""],
];

test("insecables : les espaces que la typographie française veut insécables, et rien d'autre", () => {
  for (const [texte, attendu] of CAS) {
    assert.equal(insecables(texte), attendu, JSON.stringify(texte));
    // Idempotent: applied twice, the text does not change again.
    assert.equal(insecables(attendu), attendu, JSON.stringify(attendu));
  }
});

test("insecables : aucune ligne ne peut commencer par un signe double ni finir par « «", () => {
  // Every ordinary space of the result may break a line: none may stand before « : ; ! ? » » or after « « ».
  const texte = "Complétez la situation du foyer : « age » manque ; quoi ? rien ! fin »";
  const sortie = insecables(texte);
  assert.doesNotMatch(sortie, / [:;!?»]|« /);
  // Only spaces changed: the same text once every kind of space is read as one.
  assert.equal(sortie.replace(/[\u00a0\u202f]/g, " "), texte);
});

test("le texte des pages suit la même règle (hors commentaires, titres de fenêtre et code)", () => {
  for (const page of ["index.html", "diagnostic.html", "lot.html", "partenaire.html"]) {
    const html = readFileSync(new URL(`../../www/${page}`, import.meta.url), "utf8")
      .replace(/<!--[\s\S]*?-->/g, "").replace(/<title>[\s\S]*?<\/title>/g, "").replace(/<code>[\s\S]*?<\/code>/g, "")
      .replace(/<(script|style)\b[\s\S]*?<\/\1>/g, "").replace(/<[^>]*>/g, " ");
    assert.deepEqual(html.split("\n").filter((l) => / [:;!?»]|« /.test(l)).map((l) => l.trim()), [], page);
  }
});
