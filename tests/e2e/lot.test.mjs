// End to end: the batch page — a generated file through the Web Worker, progress to 100 %,
// download equal to the package's own output; cancel; the territory batch on real IRIS files.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { coupuresFautives, environnement, espaces, ouvrir as ouvrirPage, requetesExternes } from "./outils.mjs";
import { initSync, genererFoyers, TraitementFoyers } from "../../pkg/indicateurs_caf.js";

initSync({ module: readFileSync(new URL("../../pkg/indicateurs_caf_bg.wasm", import.meta.url)) });
const IRIS = new URL("../../data/insee-caf-iris/", import.meta.url);
const dossier = mkdtempSync(join(tmpdir(), "lot-"));

/** The native command-line program (built by cargo test --all-features; built here if not). */
function programmeNatif() {
  const racine = new URL("../../", import.meta.url).pathname;
  const chemin = join(racine, "target", "debug", "indicateurs-caf");
  if (!existsSync(chemin)) execFileSync("cargo", ["build", "--quiet", "--features", "cli"], { cwd: racine, stdio: "inherit" });
  return chemin;
}
let env;
before(async () => { env = await environnement(); });
// The generated files (≈ 165 MB) go with the run: a test leaves nothing behind in /tmp.
after(async () => { await env?.fermer(); rmSync(dossier, { recursive: true, force: true }); });

const ouvrir = () => ouvrirPage(env, "/lot.html");

/** A generated household file written to disk, and the package's own output for it (the
 * reference every batch path must give byte for byte). */
function fichierDeFoyers(nom, nombre, graine) {
  const contenu = genererFoyers(nombre, graine);
  const chemin = join(dossier, nom);
  writeFileSync(chemin, contenu);
  const t = new TraitementFoyers(false, 0);
  const attendu = t.traiter(new TextEncoder().encode(contenu)) + t.terminer();
  t.free();
  return { contenu, chemin, attendu };
}

/** Drops the file on the batch page and waits for the end of the batch. */
async function traiterSurLaPage(page, chemin, timeout = 60_000) {
  await page.setInputFiles("#fichier-foyers", chemin);
  await page.waitForSelector("body[data-foyers=fini]", { timeout });
}

/** The downloaded results, checked byte for byte (after the BOM every CSV export starts with). */
async function verifierTelechargement(page, attendu) {
  const [telechargement] = await Promise.all([page.waitForEvent("download"), page.click("#telecharger-foyers")]);
  assert.ok(readFileSync(await telechargement.path(), "utf8") === "\ufeff" + attendu, "résultats identiques octet pour octet");
}

test("un fichier de 50 000 foyers : progression jusqu'à 100 %, résultat téléchargé identique", async () => {
  const { contenu, chemin, attendu } = fichierDeFoyers("foyers.csv", 50_000, 9);
  const { page, journal } = await ouvrir();
  // Before any file, no empty heading: the summary and the medians appear with their figures.
  assert.equal(await page.locator("#zone-bilan").isVisible(), false);
  assert.equal(await page.locator("#zone-seuils").isVisible(), false);
  await traiterSurLaPage(page, chemin);
  assert.equal(await page.locator("#zone-bilan").isVisible(), true);
  assert.equal(await page.locator("#barre-foyers").evaluate((b) => b.value), 100);
  // Shared among a pool of workers, one per core (up to 8): same bytes as the native program.
  const fils = await page.evaluate(() => Math.min(8, navigator.hardwareConcurrency || 1));
  assert.equal(await page.evaluate(() => document.body.dataset.fils), String(fils));
  const reparti = fils > 1 ? ` Calcul réparti sur ${fils} fils de travail\\.` : "";
  assert.match(espaces(await page.locator("#etat-foyers").innerText()), new RegExp(`^50 000 lignes traitées, dont 0 en erreur, en [\\d,]+ s\\.${reparti}$`));
  await page.screenshot({ path: "tests/e2e/artefacts/lot-reparti.png", fullPage: true });
  // Every CSV export starts with a BOM (spreadsheets then read « é » right).
  await verifierTelechargement(page, attendu);
  // One median per reference year, never pooled: one table row per year of the file, the
  // package's own cells for the same file (computed here in Node, away from the page's pool).
  const lignesSeuils = () => page.locator("#seuils-population tbody tr").evaluateAll((trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent)));
  const t = new TraitementFoyers(true, 0);
  t.traiter(new TextEncoder().encode(contenu));
  t.terminer();
  const attendus = t.seuilsParAnnee("personnes");
  const csvAttendu = t.seuilsParAnneeCsv("personnes");
  t.free();
  assert.ok(attendus.length > 1, `${attendus.length} années`);
  assert.deepEqual(await lignesSeuils(), attendus.map((s) => s.cellules));
  assert.deepEqual(await page.locator("#seuils-population thead th").evaluateAll((ths) => ths.map((th) => th.textContent)), attendus[0].colonnes);
  assert.equal(espaces(await page.locator("#legende-seuils").innerText()), "RUC médian et seuils, année par année (médiane pondérée par les personnes)");
  assert.match(espaces((await lignesSeuils())[0].join(" | ")), /^2014 \| [\d ]+ \| [\d ]+ \| [\d ]+,\d\d € \| [\d ]+,\d\d € \| \d+,\d % \([\d ]+\) \| /);
  const bilan = (await page.locator("#bilan-foyers li").allInnerTexts()).map(espaces);
  assert.equal(bilan[0], "50 000 lignes : 50 000 foyers calculés, 0 en erreur.");
  assert.match(bilan[1], /^Dans le champ des indicateurs de bas revenus \([\d ]+ foyers\) : [\d ]+ à bas revenus \([\d,]+ %\)/);
  assert.equal(await page.locator("#zone-erreurs").isVisible(), false);
  // The same figures as the native program on the same file (its sentences, from the same
  // figures as the cells).
  const natif = espaces(execFileSync(programmeNatif(), ["seuils", chemin], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] })).split("\n").filter(Boolean);
  assert.deepEqual(attendus.flatMap((s) => s.phrases).map(espaces), natif);
  // The medians as a CSV for spreadsheets: one row per year, the package's own bytes.
  const [medianes] = await Promise.all([page.waitForEvent("download"), page.click("#telecharger-seuils")]);
  assert.equal(medianes.suggestedFilename(), "medianes-par-annee.csv");
  const csv = readFileSync(await medianes.path(), "utf8");
  assert.equal(csv, csvAttendu);
  assert.match(csv, /^\ufeffannee;ponderation;foyers;personnes;ruc_median;seuil_60;/);
  assert.equal(csv.trim().split("\n").length, 1 + attendus.length);
  // A phone: the table scrolls within itself, the page does not.
  await page.setViewportSize({ width: 390, height: 844 });
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 390), "la page déborde à 390 px");
  await page.locator("#zone-seuils").screenshot({ path: "tests/e2e/artefacts/lot-seuils-390.png" });
  await page.setViewportSize({ width: 1280, height: 900 });
  // Changing the weighting runs the file again.
  await page.selectOption("#ponderation", "foyers");
  await page.waitForFunction(() => document.getElementById("legende-seuils").textContent.includes("pondérée par les foyers"));
  assert.deepEqual(journal.erreursConsole, []);
  assert.deepEqual(await journal.violations(), []);
  assert.deepEqual(requetesExternes(journal, env.origine), []);
  await page.close();
});

test("un gros fichier : les résultats gardés en plusieurs blocs, dans l'ordre, identiques", async () => {
  // About 37 MB in and 76 MB out: more than two blocks of results (32 MB each) and a last one.
  const { chemin, attendu } = fichierDeFoyers("gros-identique.csv", 900_000, 5);
  assert.ok(attendu.length > 2 * (32 << 20), `${attendu.length} octets`);
  const { page, journal } = await ouvrir();
  await traiterSurLaPage(page, chemin, 120_000);
  await verifierTelechargement(page, attendu);
  assert.deepEqual(journal.erreursConsole, []);
  await page.close();
});

test("un seul fil (fils: 1) : le fichier lu et calculé par le fil du lot seul, mêmes octets", async () => {
  // Several chunks of the file's stream, so that the rows of every chunk must come out in order.
  const { contenu, attendu } = fichierDeFoyers("un-fil.csv", 150_000, 4);
  const { page, journal } = await ouvrir();
  const rendu = await page.evaluate(async (texte) => {
    const w = new Worker("/lot-worker.js", { type: "module" });
    const fin = await new Promise((ok, ko) => {
      w.onmessage = (e) => { if (e.data.type === "fin") ok(e.data); else if (e.data.type === "erreur") ko(new Error(e.data.message)); };
      w.postMessage({ type: "foyers", fichier: new Blob([texte]), population: false, ponderation: "personnes", fils: 1 });
    });
    w.terminate();
    // Blob.text() decodes as UTF-8 and drops the BOM: the BOM is checked on the bytes.
    return { fils: fin.fils, bom: [...new Uint8Array(await fin.blob.slice(0, 3).arrayBuffer())], texte: await fin.blob.text() };
  }, contenu);
  assert.equal(rendu.fils, 1);
  assert.deepEqual(rendu.bom, [0xef, 0xbb, 0xbf]);
  assert.ok(rendu.texte === attendu, "résultats identiques octet pour octet");
  assert.deepEqual(journal.erreursConsole, []);
  await page.close();
});

test("un petit fichier, lu par le navigateur en un seul morceau, est quand même partagé entre tous les fils", async () => {
  // About 1,2 MB: Chromium may hand a file this size to the stream in one chunk (up to 2 MB), or
  // in chunks of other sizes at each reading; over 128 KB per worker for up to 8 workers.
  const { chemin, attendu } = fichierDeFoyers("petit.csv", 30_000, 11);
  const { page, journal } = await ouvrir();
  const fils = await page.evaluate(() => Math.min(8, navigator.hardwareConcurrency || 1));
  await traiterSurLaPage(page, chemin);
  assert.equal(await page.evaluate(() => document.body.dataset.fils), String(fils), "chaque fil a reçu sa part");
  await verifierTelechargement(page, attendu);
  assert.deepEqual(journal.erreursConsole, []);
  await page.close();
});

test("annuler un traitement en cours, la page reste réactive", async () => {
  const chemin = join(dossier, "gros.csv");
  // Large enough (about 125 MB) that the batch is still running when the checks below run.
  writeFileSync(chemin, genererFoyers(3_000_000, 3));
  const { page } = await ouvrir();
  await page.setInputFiles("#fichier-foyers", chemin);
  await page.waitForFunction(() => document.getElementById("barre-foyers").value > 0 || document.body.dataset.foyers === "fini");
  // The page's own thread is free while the worker computes: a timer fires and the page
  // answers before the batch ends.
  const pendant = await page.evaluate(() => new Promise((ok) => setTimeout(() => ok(document.body.dataset.foyers), 0)));
  assert.equal(pendant, "en-cours", "la page répond pendant le calcul");
  if ((await page.evaluate(() => document.body.dataset.foyers)) === "en-cours") {
    await page.click("#annuler");
    assert.equal(await page.evaluate(() => document.body.dataset.foyers), "annule");
    assert.equal(espaces(await page.locator("#etat-foyers").innerText()), "Traitement annulé : aucun résultat.");
    assert.equal(await page.locator("#barre-foyers").evaluate((b) => b.value), 0, "la barre revient à 0");
    assert.equal(await page.locator("#telecharger-foyers").isVisible(), false);
  }
  await page.close();
});

test("montants ambigus et virgules décimales : les lignes en erreur listées sur la page, le reste calculé", async () => {
  const chemin = join(dossier, "virgules.csv");
  writeFileSync(chemin, [
    "id,annee,personnes,revenus_annuels,prestations_mensuelles",
    "bon,2017,A35|E4,14400,\"350,50\"",
    "decale,2017,A35|E4,14400,1166,25",
    "ambigu,2017,A35,12.000,0",
    "vieux,2017,A70,12000,0",
  ].join("\n"));
  const { page, journal } = await ouvrir();
  await traiterSurLaPage(page, chemin);
  const lignes = await page.locator("#erreurs-foyers tbody tr").evaluateAll((trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent)));
  assert.equal(lignes.length, 2);
  assert.deepEqual(lignes.map((l) => l.slice(0, 2)), [["3", "ligne"], ["4", "revenus_annuels"]]);
  assert.match(espaces(lignes[0][2]), /^Ligne de 6 colonnes au lieu de 5 \(séparateur « , »\) : un montant à virgule décimale doit être entre guillemets/);
  assert.match(espaces(lignes[1][2]), /« 12\.000 » est ambigu : 12 000 ou 12 \?/);
  const bilan = (await page.locator("#bilan-foyers li").allInnerTexts()).map(espaces);
  assert.equal(bilan[0], "4 lignes : 2 foyers calculés, 2 en erreur.");
  assert.ok(bilan.some((b) => b.startsWith("Hors champ : 1 foyer (allocataire")), bilan.join("\n"));
  await page.screenshot({ path: "tests/e2e/artefacts/lot-erreurs.png", fullPage: true });
  assert.deepEqual(journal.erreursConsole, []);
  await page.close();
});

test("un fichier enregistré par Excel (Windows-1252) : accents lus, le bilan le dit, rien ne déborde à 390 px", async () => {
  // Excel's « CSV (séparateur : point-virgule) »: Windows-1252, CRLF, no-break space and € in amounts.
  const texte = "id;annee;personnes;revenus_annuels;prestations_mensuelles\r\nDupré;2017;A35, E5;14\u00a0400 €;350\r\nAndré;2017;A35;12 000 é;0\r\n";
  const chemin = join(dossier, "excel.csv");
  writeFileSync(chemin, Buffer.from([...texte].map((c) => (c === "€" ? 0x80 : c.charCodeAt(0)))));
  const { page, journal } = await ouvrir();
  await page.setViewportSize({ width: 390, height: 900 });
  await traiterSurLaPage(page, chemin);
  const bilan = (await page.locator("#bilan-foyers li").allInnerTexts()).map(espaces);
  assert.equal(bilan[0], "2 lignes : 1 foyer calculé, 1 en erreur.");
  assert.ok(bilan.includes("Identifiants de 2 lignes lus en Windows-1252, ISO-8859-15 ou Mac Roman : ils ne sont pas en UTF-8 (le CSV d'Excel) ; vérifiez leurs lettres accentuées."), bilan.join("\n"));
  const lignes = await page.locator("#erreurs-foyers tbody tr").evaluateAll((trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent)));
  assert.deepEqual(lignes.map((l) => [l[0], l[1], espaces(l[2])]), [["3", "revenus_annuels", "Revenus annuels : « 12 000 é » n'est pas un nombre."]]);
  const [telechargement] = await Promise.all([page.waitForEvent("download"), page.click("#telecharger-foyers")]);
  // The end of the batch in one sentence, not the progress line and the summary one after the other.
  assert.match(espaces(await page.locator("#etat-foyers").innerText()), /^2 lignes traitées, dont 1 en erreur, en [\d,]+ s\.( Calcul réparti sur \d+ fils de travail\.)?$/);
  const resultats = readFileSync(await telechargement.path(), "utf8").split("\n");
  // Line 2, « Dupré », its amount « 14 400 € » read: (14 400 / 12 + 350) / 1,5 UC = 1 033,33 €.
  assert.deepEqual(resultats[1].split(";").slice(0, 2), ["2", "Dupré"], resultats[1]);
  assert.ok(resultats[1].includes(";1033,33;"), resultats[1]);
  assert.ok(!(await page.locator("body").innerText()).includes("\ufffd"));
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), "aucun débordement horizontal à 390 px");
  // The summary, errors and end sentence keep « : » and « » on their line (French typography).
  assert.deepEqual(await coupuresFautives(page), []);
  await page.locator("#zone-bilan").scrollIntoViewIfNeeded();
  await page.screenshot({ path: "tests/e2e/artefacts/lot-1252-390.png" });
  assert.deepEqual(journal.erreursConsole, []);
  await page.close();
});

test("en-tête inutilisable : message français, rien à télécharger", async () => {
  const chemin = join(dossier, "faux.csv");
  writeFileSync(chemin, "nom;age\nx;3\n");
  const { page } = await ouvrir();
  await page.setInputFiles("#fichier-foyers", chemin);
  await page.waitForSelector("body[data-foyers=erreur]");
  assert.match(espaces(await page.locator("#etat-foyers").innerText()), /^En-tête du fichier : colonnes obligatoires manquantes/);
  await page.close();
});

test("les territoires d'un fichier IRIS réel, calculés dans le navigateur", async () => {
  const { page } = await ouvrir();
  await page.setInputFiles("#fichiers-territoires", [new URL("data_CAF_2018_IRIS.csv", IRIS).pathname]);
  await page.waitForSelector("body[data-territoires=fini]");
  // The duration is reported (scripts/bench.sh records it); no timed assertion here.
  assert.match(espaces(await page.locator("#etat-territoires").innerText()), /^Calculé en [\d,]+ s\.$/);
  const [telechargement] = await Promise.all([page.waitForEvent("download"), page.click("#telecharger-territoires")]);
  const csv = readFileSync(await telechargement.path(), "utf8");
  assert.ok(csv.split("\n").length > 1000, `${csv.split("\n").length} lignes`);
  assert.match(csv, /^\ufeffniveau;code;nom;departement;annee;allocataires;habitants;/);
  await page.close();
});

test("un fichier de comptes de 2 500 territoires : la lecture et les études suivies sur la page, une ligne d'étude par territoire", async () => {
  const lignes = ["code;nom;niveau;annee;reference;habitants;allocataires;allocatairesBasRevenus", "62;Pas-de-Calais;departement;2020;;1466743;318388;90000"];
  for (let i = 1; i < 2500; i++) lignes.push(`${62000 + i};Commune ${i};commune;2020;62;${1000 + i};${200 + (i % 97)};${50 + (i % 31)}`);
  const chemin = join(dossier, "comptes-2500.csv");
  writeFileSync(chemin, lignes.join("\n") + "\n");
  const { page, journal } = await ouvrir();
  // Every text the status line shows, as it changes (the reports come and go within a second).
  await page.evaluate(() => {
    window.__etats = [];
    new MutationObserver(() => window.__etats.push(document.getElementById("etat-territoires").textContent))
      .observe(document.getElementById("etat-territoires"), { childList: true, characterData: true, subtree: true });
  });
  await page.setInputFiles("#fichiers-territoires", chemin);
  await page.waitForSelector("body[data-territoires=fini]");
  const etats = (await page.evaluate(() => window.__etats)).map(espaces);
  assert.ok(etats.includes("Lecture des territoires de « comptes-2500.csv » : 100 % — 2 500 lignes traitées."), etats.join("\n"));
  assert.ok(etats.includes("Études des territoires : 40 % — 1 000 lignes sur 2 500."), etats.join("\n"));
  assert.ok(etats.includes("Études des territoires : 100 % — 2 500 lignes traitées."), etats.join("\n"));
  assert.match(etats.at(-1), /^Calculé en [\d,]+ s\.$/);
  const [telechargement] = await Promise.all([page.waitForEvent("download"), page.click("#telecharger-territoires")]);
  const csv = readFileSync(await telechargement.path(), "utf8").trimEnd().split("\n");
  assert.equal(csv.length, 1 + 2500);
  assert.match(csv[0], /^\ufeffligne;code;nom;niveau;annee;reference;/);
  assert.match(csv[2], /^3;62001;Commune 1;commune;2020;62;/);
  assert.deepEqual(journal.erreursConsole, []);
  await page.close();
});
