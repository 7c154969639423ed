// The optimised release package (wasm-opt -Oz) in Node: the golden fixtures of
// tests/fixtures/foyers.json through the JavaScript API partners use. This is the test that
// catches a wasm-opt that corrupts the module (shared/toolchain.md).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { initSync, calculerFoyer, seuils, version } from "../../pkg/indicateurs_caf.js";

initSync({ module: readFileSync(new URL("../../pkg/indicateurs_caf_bg.wasm", import.meta.url)) });
const fixtures = JSON.parse(readFileSync(new URL("../fixtures/foyers.json", import.meta.url), "utf8"));
const espaces = (s) => s.replace(/[\u202f\u00a0]/g, " ");

function chercher(racine, chemin) {
  let v = racine;
  for (const seg of chemin.split(".")) {
    if (Array.isArray(v)) v = seg === "length" ? v.length : /^\d+$/.test(seg) ? v[Number(seg)] : v.find((e) => e?.id === seg);
    else if (v && typeof v === "object") v = v[seg];
    else return undefined;
  }
  return v;
}

function verifier(nom, attendu, obtenu) {
  for (const [chemin, a] of Object.entries(attendu)) {
    const o = chercher(obtenu, chemin);
    assert.notEqual(o, undefined, `${nom} : ${chemin} absent`);
    if (typeof a === "number") assert.ok(Math.abs(a - o) <= 0.005, `${nom} : ${chemin} = ${o}, attendu ${a}`);
    else if (typeof a === "string" && a.startsWith("~")) assert.ok(espaces(o).includes(a.slice(1)), `${nom} : ${chemin} = ${o}`);
    else if (typeof a === "string") assert.equal(espaces(o), a, `${nom} : ${chemin}`);
    else assert.deepEqual(o, a, `${nom} : ${chemin}`);
  }
  assert.ok(!JSON.stringify(obtenu).includes("NaN"));
}

test("le paquet optimisé donne les résultats dorés", () => {
  for (const c of fixtures.cas) verifier(c.nom, c.attendu, calculerFoyer(c.situation));
});

test("chaque règle lève une Error française avec son champ, et le module survit", () => {
  for (const c of fixtures.erreurs) {
    let leve;
    try {
      calculerFoyer(c.situation);
    } catch (e) {
      leve = e;
    }
    assert.ok(leve instanceof Error, `${c.nom} : Error attendue`);
    assert.equal(leve.champ, c.champ, `${c.nom} : ${leve.message}`);
    const m = espaces(leve.message);
    if (c.message.startsWith("~")) assert.ok(m.includes(c.message.slice(1)), `${c.nom} : ${m}`);
    else assert.equal(m, c.message, c.nom);
    assert.equal(calculerFoyer(fixtures.cas[0].situation).uc, 2.1);
  }
});

test("seuils() et version()", () => {
  const s = seuils();
  assert.equal(s.length, 25);
  for (const x of s) for (const k of ["annee", "valeur", "type", "source", "statut"]) assert.ok(x[k] !== undefined && x[k] !== null, k);
  assert.match(version(), /^\d+\.\d+\.\d+$/);
});

test("les déclarations TypeScript décrivent l'API", () => {
  const dts = readFileSync(new URL("../../pkg/indicateurs_caf.d.ts", import.meta.url), "utf8");
  assert.match(dts, /export function calculerFoyer\(situation: Situation\): Resultat;/);
  assert.match(dts, /export function seuils\(\): Seuil\[\];/);
  for (const t of ["interface Situation", "interface Resultat", "interface Seuil", "interface ErreurSaisie", "type Role"]) assert.ok(dts.includes(t), t);
});
