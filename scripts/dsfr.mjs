// The pages' design-system style sheet, kept to what the pages use: the DSFR core and the
// components they employ, then only the rules whose selectors name classes the pages have.
//   node scripts/dsfr.mjs SORTIE FEUILLE…      (called by scripts/build.sh)
// A rule is kept when one of its selectors names only classes found in www/*.html and
// www/*.js (or no class at all: elements, :root, attributes); @font-face, @keyframes and the
// like are kept whole; @media and @supports are filtered inside. Fonts and icons are linked as
// dsfr/… beside the sheet (the server serves the DSFR there). Then the declarations of custom
// properties that no kept rule reads (directly or through another one) are dropped.
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const [sortie, ...feuilles] = process.argv.slice(2);
const www = new URL("../www/", import.meta.url).pathname;

/** Classes of the DSFR (fr-…) written in the pages and their scripts. */
function classesEmployees() {
  const classes = new Set();
  for (const f of readdirSync(www).filter((n) => /\.(html|js)$/.test(n) && !n.startsWith("caf-indicateurs"))) {
    for (const [c] of readFileSync(join(www, f), "utf8").matchAll(/\bfr-[a-z0-9_-]+/g)) classes.add(c);
  }
  return classes;
}

/**
 * The index in `texte`, from `i`, of the first character outside quotes for which `arret(c)` is
 * true (a backslash escapes the next character inside quotes); `texte.length` if none.
 */
function chercher(texte, i, arret) {
  let guillemet = null;
  for (; i < texte.length; i++) {
    const c = texte[i];
    if (guillemet) {
      if (c === "\\") i++;
      else if (c === guillemet) guillemet = null;
    } else if (c === '"' || c === "'") guillemet = c;
    else if (arret(c)) return i;
  }
  return texte.length;
}

/** Splits CSS into top-level items: [prelude, body] for blocks, [statement] for `@import;`. */
function items(css) {
  const out = [];
  let i = 0;
  while (i < css.length) {
    const j = chercher(css, i, (c) => c === "{" || c === ";");
    if (j >= css.length) break;
    const prelude = css.slice(i, j).trim();
    if (css[j] === ";") {
      out.push([prelude + ";"]);
      i = j + 1;
      continue;
    }
    let profondeur = 1;
    const k = chercher(css, j + 1, (c) => (profondeur += c === "{" ? 1 : c === "}" ? -1 : 0) === 0);
    out.push([prelude, css.slice(j + 1, k)]);
    i = k + 1;
  }
  return out;
}

/** Splits a rule's body into its declarations (`;` outside quotes and parentheses). */
function declarations(corps) {
  const out = [];
  let profondeur = 0;
  const fin = (c) => (profondeur += c === "(" ? 1 : c === ")" ? -1 : 0) === 0 && c === ";";
  for (let i = 0; i < corps.length; ) {
    const j = chercher(corps, i, fin);
    out.push(corps.slice(i, j));
    i = j + 1;
  }
  return out.filter((d) => d.trim() !== "");
}

const GROUPE = /^@(media|supports|layer)\b/;

/**
 * The sheet rewritten rule by rule: `regle(prelude, corps)` gives the text of each rule (empty
 * to drop it); @media, @supports and @layer are walked inside (dropped when left empty); other
 * at-rules and statements are kept as they are.
 */
function reecrire(css, regle) {
  let out = "";
  for (const [prelude, corps] of items(css)) {
    if (corps === undefined) out += prelude;
    else if (GROUPE.test(prelude)) {
      const dedans = reecrire(corps, regle);
      if (dedans) out += `${prelude}{${dedans}}`;
    } else if (prelude.startsWith("@")) out += `${prelude}{${corps}}`;
    else out += regle(prelude, corps);
  }
  return out;
}

/** Whether a selector list has one selector whose fr- classes are all employed. */
function garder(selecteurs, classes) {
  return selecteurs.split(",").some((s) => [...s.matchAll(/\.(fr-[a-zA-Z0-9_-]+)/g)].every(([, c]) => classes.has(c)));
}

/** The rules whose selectors name employed classes. */
const filtrer = (css, classes) => reecrire(css, (p, c) => (garder(p, classes) ? `${p}{${c}}` : ""));

const VARIABLE = /^\s*(--[A-Za-z0-9_-]+)\s*:/;
const references = (texte) => [...texte.matchAll(/var\(\s*(--[A-Za-z0-9_-]+)/g)].map(([, v]) => v);

/**
 * The custom properties the sheet needs: those a property reads (`var(--x)`), then those their
 * values read, and so on. The DSFR declares ≈ 1 200 on :root (colours of every theme, half the
 * sheet); the pages read about a hundred.
 */
function variablesUtiles(css) {
  const lues = new Map();
  const racines = new Set();
  reecrire(css, (_, corps) => {
    for (const d of declarations(corps)) {
      const nom = d.match(VARIABLE)?.[1];
      if (nom) lues.set(nom, [...(lues.get(nom) ?? []), ...references(d)]);
      else for (const v of references(d)) racines.add(v);
    }
    return "";
  });
  const utiles = new Set();
  const aVoir = [...racines];
  while (aVoir.length > 0) {
    const v = aVoir.pop();
    if (utiles.has(v)) continue;
    utiles.add(v);
    aVoir.push(...(lues.get(v) ?? []));
  }
  return utiles;
}

/** The sheet without the declarations of unused custom properties (nor the rules left empty). */
function sansVariablesInutiles(css, utiles) {
  return reecrire(css, (prelude, corps) => {
    const gardees = declarations(corps).filter((d) => !d.match(VARIABLE) || utiles.has(d.match(VARIABLE)[1]));
    return gardees.length > 0 ? `${prelude}{${gardees.join(";")}}` : "";
  });
}

const classes = classesEmployees();
const css = feuilles
  .map((f) => readFileSync(f, "utf8"))
  .join("\n")
  .replace(/url\((["']?)(?:\.\.\/)+(fonts|icons)\//g, "url($1dsfr/$2/");
const filtree = filtrer(css.replace(/\/\*[\s\S]*?\*\//g, ""), classes);
const utiles = variablesUtiles(filtree);
const garde = sansVariablesInutiles(filtree, utiles);
writeFileSync(
  sortie,
  "/* DSFR (@gouvfr/dsfr, MIT) : cœur et composants employés, règles des classes des pages — produit par scripts/build.sh ; ne pas modifier. */\n" +
    garde,
);
console.log(`DSFR des pages : ${garde.length} octets (${classes.size} classes employées, ${utiles.size} variables lues, sur ${css.length} octets)`);
