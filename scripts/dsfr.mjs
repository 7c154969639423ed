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

/** Splits CSS into top-level items: [prelude, body] for blocks, [statement] for `@import;`. */
function items(css) {
  const out = [];
  let i = 0;
  while (i < css.length) {
    let j = i;
    let guillemet = null;
    while (j < css.length) {
      const c = css[j];
      if (guillemet) {
        if (c === "\\") j++;
        else if (c === guillemet) guillemet = null;
      } else if (c === '"' || c === "'") guillemet = c;
      else if (c === "{" || c === ";") break;
      j++;
    }
    if (j >= css.length) break;
    const prelude = css.slice(i, j).trim();
    if (css[j] === ";") {
      out.push([prelude + ";"]);
      i = j + 1;
      continue;
    }
    let profondeur = 1;
    let k = j + 1;
    guillemet = null;
    while (k < css.length && profondeur > 0) {
      const c = css[k];
      if (guillemet) {
        if (c === "\\") k++;
        else if (c === guillemet) guillemet = null;
      } else if (c === '"' || c === "'") guillemet = c;
      else if (c === "{") profondeur++;
      else if (c === "}") profondeur--;
      k++;
    }
    out.push([prelude, css.slice(j + 1, k - 1)]);
    i = k;
  }
  return out;
}

/** Whether a selector list has one selector whose fr- classes are all employed. */
function garder(selecteurs, classes) {
  return selecteurs.split(",").some((s) => [...s.matchAll(/\.(fr-[a-zA-Z0-9_-]+)/g)].every(([, c]) => classes.has(c)));
}

function filtrer(css, classes) {
  let out = "";
  for (const [prelude, corps] of items(css)) {
    if (corps === undefined) out += prelude;
    else if (/^@(media|supports|layer)\b/.test(prelude)) {
      const dedans = filtrer(corps, classes);
      if (dedans) out += `${prelude}{${dedans}}`;
    } else if (prelude.startsWith("@") || garder(prelude, classes)) out += `${prelude}{${corps}}`;
  }
  return out;
}

/** Splits a rule's body into its declarations (`;` outside quotes and parentheses). */
function declarations(corps) {
  const out = [];
  let [debut, profondeur, guillemet] = [0, 0, null];
  for (let i = 0; i < corps.length; i++) {
    const c = corps[i];
    if (guillemet) {
      if (c === "\\") i++;
      else if (c === guillemet) guillemet = null;
    } else if (c === '"' || c === "'") guillemet = c;
    else if (c === "(") profondeur++;
    else if (c === ")") profondeur--;
    else if (c === ";" && profondeur === 0) {
      out.push(corps.slice(debut, i));
      debut = i + 1;
    }
  }
  out.push(corps.slice(debut));
  return out.filter((d) => d.trim() !== "");
}

const VARIABLE = /^\s*(--[A-Za-z0-9_-]+)\s*:/;
const references = (texte) => [...texte.matchAll(/var\(\s*(--[A-Za-z0-9_-]+)/g)].map(([, v]) => v);

/** Every declaration of every rule body, nested blocks included. */
function* toutesDeclarations(css) {
  for (const [prelude, corps] of items(css)) {
    if (corps === undefined) continue;
    if (/^@(media|supports|layer)\b/.test(prelude)) yield* toutesDeclarations(corps);
    else yield* declarations(corps);
  }
}

/**
 * The custom properties the sheet needs: those a property reads (`var(--x)`), then those their
 * values read, and so on. The DSFR declares ≈ 1 200 on :root (colours of every theme, half the
 * sheet); the pages read a few hundred.
 */
function variablesUtiles(css) {
  const lues = new Map();
  const racines = new Set();
  for (const d of toutesDeclarations(css)) {
    const nom = d.match(VARIABLE)?.[1];
    if (nom) lues.set(nom, [...(lues.get(nom) ?? []), ...references(d)]);
    else for (const v of references(d)) racines.add(v);
  }
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
  let out = "";
  for (const [prelude, corps] of items(css)) {
    if (corps === undefined) out += prelude;
    else if (/^@(media|supports|layer)\b/.test(prelude)) {
      const dedans = sansVariablesInutiles(corps, utiles);
      if (dedans) out += `${prelude}{${dedans}}`;
    } else if (prelude.startsWith("@")) out += `${prelude}{${corps}}`;
    else {
      const gardees = declarations(corps).filter((d) => !d.match(VARIABLE) || utiles.has(d.match(VARIABLE)[1]));
      if (gardees.length > 0) out += `${prelude}{${gardees.join(";")}}`;
    }
  }
  return out;
}

const classes = classesEmployees();
const css = feuilles
  .map((f) => readFileSync(f, "utf8"))
  .join("\n")
  .replace(/url\((["']?)(?:\.\.\/)+(fonts|icons)\//g, "url($1dsfr/$2/");
const filtree = filtrer(css.replace(/\/\*[\s\S]*?\*\//g, ""), classes);
const garde = sansVariablesInutiles(filtree, variablesUtiles(filtree));
writeFileSync(
  sortie,
  "/* DSFR (@gouvfr/dsfr, MIT) : cœur et composants employés, règles des classes des pages — produit par scripts/build.sh ; ne pas modifier. */\n" +
    garde,
);
console.log(`DSFR des pages : ${garde.length} octets (${classes.size} classes employées, ${variablesUtiles(filtree).size} variables lues, sur ${css.length} octets)`);
