// The optimised release package (wasm-opt -Oz) in Node: the golden fixtures of
// tests/fixtures/foyers.json through the JavaScript API partners use. This is the test that
// catches a wasm-opt that corrupts the module (docs/outillage.md).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { initSync, calculerFoyer, calculerDiagnostic, ComptesImportes, exporterComptesCsv, importerComptes, seuils, version, TraitementFoyers } from "../../pkg/indicateurs_caf.js";

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

test("une pondération inconnue : une Error française qui nomme le champ, pour chaque forme des médianes", () => {
  const t = new TraitementFoyers(true, 0);
  t.traiter(new TextEncoder().encode("id;annee;personnes;revenus_annuels;prestations_mensuelles\nF1;2017;A35;14400;0\n"));
  t.terminer();
  for (const appel of [() => t.seuils("menages"), () => t.seuilsParAnnee("menages"), () => t.seuilsParAnneeCsv("menages")]) {
    assert.throws(appel, (e) => e instanceof Error && e.champ === "ponderation"
      && e.message === "Pondération : valeur « menages » inconnue (valeurs possibles : personnes, foyers).", String(appel));
  }
  // The empty code is the default weighting (persons), as documented.
  assert.equal(t.seuilsParAnneeCsv(""), t.seuilsParAnneeCsv("personnes"));
  t.free();
});

test("un TraitementFoyers utilisé après free() lève l'erreur française de son champ, et le module survit", () => {
  const entete = new TextEncoder().encode("id;annee;personnes;revenus_annuels;prestations_mensuelles\nF1;2017;A35;14400;0\n");
  const t = new TraitementFoyers(false, 0);
  assert.match(t.traiter(entete), /F1/);
  t.free();
  const appels = [() => t.traiter(entete), () => t.terminer(), () => t.lignes, () => t.erreurs, () => t.bilan(),
    () => t.resume(0), () => t.progression(10, 0), () => t.seuils("personnes"), () => t.seuilsParAnnee("foyers"), () => t.seuilsParAnneeCsv("foyers"), () => t.erreursListees()];
  for (const appel of appels) {
    assert.throws(appel, (e) => e instanceof Error && e.champ === "traitement" && /a été libéré \(free\)/.test(e.message), String(appel));
  }
  t.free(); // a second free() is harmless
  const u = new TraitementFoyers(false, 0);
  assert.match(u.traiter(entete) + u.terminer(), /F1/);
  assert.equal(calculerFoyer({ annee: 2017, personnes: [{ role: "allocataire", age: 35 }], revenusAnnuels: 14400, prestationsMensuelles: 350 }).uc, 1);
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

test("docs/api.md nomme chaque fonction, classe et type exportés par les déclarations", () => {
  const dts = readFileSync(new URL("../../pkg/indicateurs_caf.d.ts", import.meta.url), "utf8");
  const doc = readFileSync(new URL("../../docs/api.md", import.meta.url), "utf8");
  const exportes = [...dts.matchAll(/^export (?:function|class|interface|type) (\w+)/gm)].map((m) => m[1])
    .filter((n) => !["InitInput", "InitOutput", "SyncInitInput"].includes(n) && n !== "initSync");
  assert.ok(exportes.length > 30, `${exportes.length} exports seulement`);
  const absents = exportes.filter((n) => !new RegExp(`\\b${n}\\b`).test(doc));
  assert.deepEqual(absents, [], `absents de docs/api.md : ${absents.join(", ")}`);
});

test("pkg/ s'installe comme un paquet npm et s'utilise par son nom", async (t) => {
  const { execFileSync } = await import("node:child_process");
  const { mkdtempSync, writeFileSync, existsSync, rmSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const { join } = await import("node:path");
  const dossier = mkdtempSync(join(tmpdir(), "portail-"));
  t.after(() => rmSync(dossier, { recursive: true, force: true }));
  const pkg = new URL("../../pkg/", import.meta.url).pathname;
  const archive = execFileSync("npm", ["pack", "--silent", "--pack-destination", dossier], { cwd: pkg, encoding: "utf8" }).trim().split("\n").pop();
  writeFileSync(join(dossier, "package.json"), JSON.stringify({ name: "portail", private: true, type: "module" }));
  execFileSync("npm", ["install", "--silent", "--offline", "--ignore-scripts", join(dossier, archive)], { cwd: dossier });
  const installe = join(dossier, "node_modules", "indicateurs-caf");
  for (const f of ["package.json", "indicateurs_caf.js", "indicateurs_caf_bg.wasm", "indicateurs_caf.d.ts", "README.md", "LICENSE"]) {
    assert.ok(existsSync(join(installe, f)), `${f} absent du paquet`);
  }
  const script = `import { initSync, calculerFoyer } from "indicateurs-caf";
    import { readFileSync } from "node:fs";
    initSync({ module: readFileSync(new URL(import.meta.resolve("indicateurs-caf/indicateurs_caf_bg.wasm"))) });
    const r = calculerFoyer({ annee: 2017, personnes: [{ role: "allocataire", age: 30 }, { role: "enfant", age: 4 }], revenusAnnuels: 12000, prestationsMensuelles: 400 });
    console.log(r.uc);`;
  writeFileSync(join(dossier, "essai.mjs"), script);
  assert.equal(execFileSync("node", ["essai.mjs"], { cwd: dossier, encoding: "utf8" }).trim(), "1.5");
});

test("les déclarations TypeScript se vérifient sur un usage réel (tsc --strict)", async () => {
  const { execFileSync } = await import("node:child_process");
  const racine = new URL("../../", import.meta.url).pathname;
  const tsc = new URL("../../node_modules/.bin/tsc", import.meta.url).pathname;
  // Throws (and fails the test) with tsc's messages when a declaration does not fit its use.
  execFileSync(tsc, ["--noEmit", "--strict", "--target", "es2022", "--module", "es2022", "--moduleResolution", "bundler", "--lib", "esnext,dom", "tests/ts/usage.ts"], { cwd: racine, encoding: "utf8" });
});

test("importerComptes : le suivi reçoit l'avancement, un suivi qui n'est pas une fonction est refusé", () => {
  const lignes = ["code;nom;niveau;annee;reference;habitants;allocataires", "62;Pas-de-Calais;departement;2020;;1466743;318388"];
  for (let i = 1; i < 1500; i++) lignes.push(`${62000 + i};Commune ${i};commune;2020;62;${1000 + i};${200 + (i % 97)}`);
  const fichier = { nom: "comptes.csv", contenu: new TextEncoder().encode(lignes.join("\n") + "\n") };
  const rapports = [];
  const c = importerComptes(fichier, (p, etape) => rapports.push({ ...p, etape }));
  assert.equal(c.lignes.length, 1500);
  assert.deepEqual(rapports.map((p) => [p.etape, p.lignes]), [["lecture", 999], ["lecture", 1500]]);
  assert.equal(espaces(rapports.at(-1).texte), "100 % — 1 500 lignes traitées");
  // Without a callback, the same rows. A callback that throws stops the reading: its exception
  // comes out as it is (a page may stop a long reading so), and the module keeps working.
  assert.equal(importerComptes(fichier).lignes.length, 1500);
  const arret = new Error("arrêt demandé");
  assert.throws(() => importerComptes(fichier, () => { throw arret; }), (e) => e === arret);
  let appels = 0;
  assert.throws(() => exporterComptesCsv(fichier, () => { appels++; throw arret; }), (e) => e === arret);
  assert.equal(appels, 1, "aucun rapport après l'exception");
  // A callback that calls the import again, without end: JavaScript's stack overflow ends it.
  const sansFin = () => importerComptes(fichier, sansFin);
  assert.throws(sansFin, RangeError);
  assert.equal(importerComptes(fichier).lignes.length, 1500);
  assert.throws(() => importerComptes(fichier, 42), (e) => e instanceof Error && e.champ === "suivi" && /^Suivi : une fonction est attendue/.test(e.message));
  // exporterComptesCsv: the reading, then the studies; the same CSV with or without a callback.
  const etapes = [];
  const csv = exporterComptesCsv(fichier, (p, etape) => etapes.push([etape, p.pourcent]));
  assert.equal(csv, exporterComptesCsv(fichier));
  assert.deepEqual(etapes.map(([etape]) => etape), ["lecture", "lecture", "etudes", "etudes"]);
  assert.ok(etapes[0][1] < 100 && etapes[1][1] === 100 && etapes[2][1] === 66 && etapes[3][1] === 100, JSON.stringify(etapes));
  assert.throws(() => exporterComptesCsv(fichier, "non"), (e) => e.champ === "suivi");
});

test("ComptesImportes : l'aperçu d'importerComptes sans les territoires, puis chaque territoire à la demande", () => {
  const lignes = ["code;nom;niveau;annee;reference;habitants;allocataires;allocataires_5ans", "62;Pas-de-Calais;departement;2020;;1466743;318388;300000"];
  for (let i = 1; i < 1200; i++) lignes.push(`${62000 + i};Commune ${i};commune;2020;62;${1000 + i};${200 + (i % 97)};${190 + (i % 89)}`);
  lignes.splice(5, 0, "faux;Faux;commune;2020;62;12.000;1;1");
  const fichier = { nom: "comptes.csv", contenu: new TextEncoder().encode(lignes.join("\r\n")) };
  const entier = importerComptes(fichier);
  const rapports = [];
  const c = new ComptesImportes(fichier, (p, etape) => rapports.push([etape, p.lignes]));
  assert.deepEqual(rapports, [["lecture", 999], ["lecture", 1201]]);
  const apercu = c.apercu();
  // Everything importerComptes gives, each row without its territory.
  assert.deepEqual(apercu, { ...entier, lignes: entier.lignes.map(({ territoire, ...l }) => l) });
  assert.equal(apercu.lignes.length, 1200);
  assert.equal(apercu.erreurs[0].ligne, 6);
  for (const i of [0, 4, 5, 1199]) assert.deepEqual(c.territoire(i), entier.lignes[i].territoire, `ligne ${i}`);
  // The territory goes as it is to calculerDiagnostic, against its reference row.
  const d = calculerDiagnostic(c.territoire(1), c.territoire(0));
  assert.equal(d.nom, "Commune 1");
  assert.equal(d.nomReference, "Pas-de-Calais");
  for (const faux of [-1, 1200, 1.5, NaN, Infinity]) {
    assert.throws(() => c.territoire(faux), (e) => e instanceof Error && e.champ === "indice" && espaces(e.message) === "Indice : un entier de 0 à 1 199 est attendu (le rang d'une ligne lue).", String(faux));
  }
  assert.throws(() => new ComptesImportes({ nom: "x.csv", contenu: "nom;annee\n" }), (e) => e.champ === "entete");
  assert.throws(() => new ComptesImportes(fichier, 42), (e) => e.champ === "suivi");
  const vide = new ComptesImportes({ nom: "vide.csv", contenu: "code;annee\n" });
  assert.throws(() => vide.territoire(0), (e) => e.champ === "indice" && e.message === "Indice : le fichier n'a aucune ligne lue.");
  // After free(), a French error naming the object; the module keeps working.
  c.free();
  for (const appel of [() => c.apercu(), () => c.territoire(0)]) {
    assert.throws(appel, (e) => e instanceof Error && e.champ === "comptes" && /ont été libérés \(free\)/.test(e.message), String(appel));
  }
  c.free();
  vide.free();
  assert.equal(importerComptes(fichier).lignes.length, 1200);
});
