// End to end: the territorial diagnostic page in headless Chromium.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { coupuresFautives, dateDuJour, environnement, espaces, ouvrir as ouvrirPage, requetesExternes, texteComplet } from "./outils.mjs";

const IRIS = new URL("../../data/insee-caf-iris/", import.meta.url);
const POPULATION = new URL("../../data/insee-population-communes/donnees_communes.csv", import.meta.url);
let env;
before(async () => { env = await environnement(); });
after(async () => { await env?.fermer(); });

/** A folder of the test's own in /tmp, deleted when the test ends. */
function dossierTemporaire(t, prefixe) {
  const dossier = mkdtempSync(join(tmpdir(), prefixe));
  t.after(() => rmSync(dossier, { recursive: true, force: true }));
  return dossier;
}

const ouvrir = () => ouvrirPage(env, "/diagnostic.html");

const cellule = async (page, id, classe) => espaces(await page.locator(`tr[data-id="${id}"] td.${classe}`).innerText());

test("l'exemple du Pays d'Opale : tableaux, phrases, radar, CSV, impression", async () => {
  const { page, journal } = await ouvrir();
  await page.click("#charger-exemple");
  await page.waitForSelector('tr[data-id="tauxCouvertureCaf"]');
  assert.equal(await cellule(page, "tauxCouvertureCaf", "territoire"), "51,2 %");
  assert.equal(await cellule(page, "tauxCouvertureCaf", "reference"), "53,9 %");
  // A published share given with a decimal comma in a quoted cell of a comma-separated file.
  assert.equal(await cellule(page, "partAlParcPublic", "territoire"), "10,2 %");
  assert.equal(await cellule(page, "naissances", "variation"), "↓ -20,8 %");
  assert.equal(await cellule(page, "capaciteAccueilPour100", "territoire"), "58,4");
  const phrases = (await page.locator(".phrase").allInnerTexts()).map(espaces);
  assert.ok(phrases.includes("Le taux de couverture de la population Insee par les prestations Caf du territoire est inférieur à celui du Pas-de-Calais."));
  assert.ok(phrases.includes("Les familles en couple avec enfant(s) prédominent (47,9 %)."));
  // The radar is an accessible SVG, drawn without inline styles.
  const radar = page.locator("#radar svg");
  assert.equal(await radar.getAttribute("role"), "img");
  assert.match(await page.locator("#radar svg title").first().textContent(), /Radar de vulnérabilité : Cc Pays D'opale comparé à Pas-de-Calais/);
  assert.equal(await page.locator("#radar-texte li").count(), 13);
  // The two lists of the source under the radar: the Rsa share is far below the département's.
  assert.ok((await page.locator("#radar-inferieurs li").allInnerTexts()).map(espaces).some((t) => t.startsWith("Rsa : 12,1 % contre 17,5 %")));
  assert.match(await page.locator("#radar svg").textContent(), /Cercle haut \(vert\) : référence \+ 20 %/);
  // On a phone the labels stay readable: at least 9 px tall once the chart is scaled down.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.locator("#radar").scrollIntoViewIfNeeded();
  await page.locator("#figure-radar").screenshot({ path: "tests/e2e/artefacts/radar-390.png" });
  const largeur = await page.locator("#radar svg").evaluate((e) => e.getBoundingClientRect().width);
  const hauteurs = await page.locator("#radar svg tspan").evaluateAll((t) => t.map((e) => [e.textContent, e.getBoundingClientRect().height]));
  const petit = hauteurs.filter(([, h]) => h > 0).sort((a, b) => a[1] - b[1])[0];
  assert.ok(petit[1] >= 9, `libellé « ${petit[0]} » de ${petit[1]} px (graphique de ${largeur} px)`);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.locator("#figure-radar").screenshot({ path: "tests/e2e/artefacts/radar-1280.png" });
  // CSV export.
  const [telechargement] = await Promise.all([page.waitForEvent("download"), page.click("#exporter")]);
  const csv = readFileSync(await telechargement.path(), "utf8");
  // Number cells are raw numbers a spreadsheet computes with; displays are in their own columns.
  const lignes = csv.replace(/^\uFEFF/, "").trim().split("\r\n").map((l) => l.split(";"));
  const couverture = lignes.find((c) => c[2] === "tauxCouvertureCaf");
  assert.deepEqual(couverture.slice(0, 6), ["1.1. Données de cadrage", "Taux de couverture Caf", "tauxCouvertureCaf", "%", "2020", "51,2"]);
  assert.equal(espaces(couverture[11]), "51,2 %");
  for (const c of lignes.slice(1)) {
    for (const x of [c[5], c[6], c[8], c[9]]) {
      assert.ok(x === "" || Number.isFinite(Number(x.replace(",", "."))), `« ${x} » n'est pas un nombre : ${c.join(";")}`);
    }
  }
  // JSON export: the whole study, numbers as numbers.
  const [json] = await Promise.all([page.waitForEvent("download"), page.click("#exporter-json")]);
  const etude = JSON.parse(readFileSync(await json.path(), "utf8"));
  assert.equal(etude.format, "indicateurs-caf/etude");
  // Dated with the browser's local date, AAAA-MM-JJ.
  const aujourdhui = await page.evaluate(() => { const d = new Date(); return [d.getFullYear(), d.getMonth() + 1, d.getDate()]; });
  assert.equal(etude.produitLe, `${aujourdhui[0]}-${String(aujourdhui[1]).padStart(2, "0")}-${String(aujourdhui[2]).padStart(2, "0")}`);
  assert.equal(etude.etude.nomReference, "Pas-de-Calais");
  assert.equal(typeof etude.etude.sections[1].lignes[0].valeur, "number");
  // Print: only the study.
  await page.emulateMedia({ media: "print" });
  assert.equal(await page.locator("#comptes").isVisible(), false);
  assert.equal(await page.locator(".entete").isVisible(), false);
  assert.equal(await page.locator("#fichiers").isVisible(), false);
  assert.equal(await page.locator('tr[data-id="tauxCouvertureCaf"]').isVisible(), true);
  // The printed study starts with its title block: territory, reference, years, sources, date.
  const premier = await page.locator("caf-indicateurs").evaluate((el) => {
    const visibles = [...el.shadowRoot.querySelectorAll("#resultats > *, #resultats .titre-etude")]
      .filter((e) => e.getBoundingClientRect().height > 0 && getComputedStyle(e).display !== "none");
    return { id: visibles[0]?.id, texte: visibles[0]?.innerText ?? "" };
  });
  assert.equal(premier.id, "titre-etude", JSON.stringify(premier));
  for (const attendu of ["Étude préliminaire : Cc Pays D'opale", "Pas-de-Calais", "Année des données", "2020", "Sources", "Produite le", `${dateDuJour()} (indicateurs-caf `]) {
    assert.ok(espaces(premier.texte).includes(attendu), `${attendu} absent de « ${premier.texte} »`);
  }
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: "tests/e2e/artefacts/etude-impression.png", fullPage: false });
  await page.pdf({ path: "tests/e2e/artefacts/etude.pdf", format: "A4" });
  await page.emulateMedia({ media: "screen" });
  await page.screenshot({ path: "tests/e2e/artefacts/diagnostic.png", fullPage: false });
  // A missing count: blank cell and a note, never 0 % nor NaN.
  await page.click("#details-comptes summary");
  await page.fill('input[data-cote="territoire"][data-cle="habitants"]', "");
  assert.equal(await cellule(page, "tauxCouvertureCaf", "territoire"), "");
  assert.ok((await page.locator(".notes li").allInnerTexts()).map(espaces).some((n) => n.includes("Taux de couverture Caf") && n.includes("à fournir : nombre d'habitants")));
  // A bad value: French error naming the field.
  await page.fill('input[data-cote="territoire"][data-cle="allocataires"]', "-4");
  assert.match(espaces(await page.locator("#annonce").innerText()), /Valeurs du territoire : Nombre d'allocataires Caf : la valeur ne peut pas être négative\./);
  assert.equal(await page.locator('input[data-cote="territoire"][data-cle="allocataires"]').getAttribute("aria-invalid"), "true");
  assert.ok(!(await texteComplet(page)).includes("NaN"));
  assert.deepEqual(journal.erreursConsole, []);
  assert.deepEqual(await journal.violations(), []);
  assert.deepEqual(requetesExternes(journal, env.origine), []);
  await page.close();
});

/** Independent computation: PERCOU of the EPCI's communes (2020) / their population × 100. */
function tauxAttendu(epci) {
  const lire = (u) => readFileSync(u, "utf8").replace(/^\ufeff/, "").split(/\r?\n/).filter((l) => l.trim()).map((l) => l.split(";"));
  const [e18, ...l18] = lire(new URL("data_CAF_2018_IRIS.csv", IRIS));
  const communes = new Set(l18.filter((c) => c[e18.indexOf("EPCI")] === epci).map((c) => c[e18.indexOf("DEPCOM")]));
  const [e20, ...l20] = lire(new URL("data_CAF_2020_IRIS.csv", IRIS));
  let percou = 0;
  const presentes = new Set();
  for (const c of l20) {
    const commune = c[e20.indexOf("CODGEO")].slice(0, 5);
    if (!communes.has(commune)) continue;
    presentes.add(commune);
    const v = c[e20.indexOf("PERCOU")].replace(/\D/g, "");
    if (v) percou += Number(v);
  }
  const [ep, ...lp] = lire(POPULATION);
  let habitants = 0;
  for (const c of lp) {
    const dep = c[ep.indexOf("CODDEP")];
    const code = (dep.length === 3 ? dep.slice(0, 2) : dep) + c[ep.indexOf("CODCOM")];
    if (presentes.has(code)) habitants += Number(c[ep.indexOf("PMUN")]);
  }
  // Round half away from zero at one decimal, in integers: (2·n·1000 + d) / (2·d).
  const n = BigInt(percou) * 1000n, d = BigInt(habitants);
  const q = (2n * n + d) / (2n * d);
  return `${q / 10n},${q % 10n} %`;
}

test("import des fichiers IRIS réels, EPCI et département, taux de couverture vérifié", async () => {
  const { page, journal } = await ouvrir();
  await page.setInputFiles("#fichiers", [
    new URL("data_CAF_2020_IRIS.csv", IRIS).pathname,
    new URL("data_CAF_2018_IRIS.csv", IRIS).pathname,
    POPULATION.pathname,
    new URL("../../data/cnaf-txcouv-pe-dep/txcouv_pe_dep_hist.csv", import.meta.url).pathname,
  ]);
  await page.waitForSelector("#choix-import:not([hidden])");
  assert.match(espaces(await page.locator("#resume-import").innerText()), /données 2020 : \d+ communes, \d+ EPCI, \d+ départements/);
  // The population file does not say its year: the import says which pairing the CAF study uses.
  assert.match(espaces(await page.locator("#resume-import").innerText()), /Populations légales : le fichier ne dit pas son millésime/);
  // Finding one's territory: a territory without IRIS communes is absent, and the page says why.
  await page.fill("#recherche-territoire", "Pays d'Opale");
  assert.match(espaces(await page.locator("#resultat-recherche").innerText()),
    /^Aucun territoire ne correspond à « Pays d'Opale » dans les fichiers importés\. .*ne couvrent que les communes découpées en IRIS.*Importez vos comptes/);
  const [modele] = await Promise.all([page.waitForEvent("download"), page.click("#modele-comptes")]);
  assert.ok((await modele.path()) !== null);
  // A commune of the population file without IRIS (Audruicq, in the Pays d'Opale's neighbour
  // CC de la Région d'Audruicq) is found, and the page says why it has no data.
  await page.fill("#recherche-territoire", "audruicq");
  assert.match(espaces(await page.locator("#resultat-recherche").innerText()),
    /^Commune Audruicq \(62057\) : au fichier des populations légales, mais pas découpée en IRIS ; .*Importez vos comptes/);
  // Accents and case do not matter; every level is searched.
  await page.fill("#recherche-territoire", "BOURG EN BRESSE");
  const trouves = await page.locator("#choix-territoire option").allInnerTexts();
  assert.ok(trouves.some((t) => /^Commune — Bourg-en-Bresse \(01053\)$/.test(t)), trouves.slice(0, 5).join("\n"));
  // The count agrees with its noun: « 1 territoire trouvé », « 2 territoires trouvés ».
  assert.equal(espaces(await page.locator("#resultat-recherche").innerText()), `${trouves.length} territoires trouvés.`);
  await page.fill("#recherche-territoire", "bourg-en-bresse 01053");
  assert.equal(espaces(await page.locator("#resultat-recherche").innerText()), "1 territoire trouvé.");
  // More than the list holds: the page says how many it found and that the list shows 200.
  await page.fill("#recherche-territoire", "a");
  assert.match(espaces(await page.locator("#resultat-recherche").innerText()),
    /^\d \d{3} territoires trouvés : les 200 premiers sont dans la liste, précisez la recherche pour les autres\.$/);
  assert.equal(await page.locator("#choix-territoire option").count(), 200);
  await page.fill("#recherche-territoire", "");
  await page.selectOption("#niveau", "epci");
  await page.selectOption("#choix-territoire", "epci:240100883");
  assert.equal(await page.locator("#choix-reference").inputValue(), "departement:01");
  await page.click("#utiliser-import");
  await page.waitForSelector('tr[data-id="tauxCouvertureCaf"]');
  assert.equal(await cellule(page, "tauxCouvertureCaf", "territoire"), tauxAttendu("240100883"));
  // The CNAF's published childcare rate of the Ain for 2020 (txcouv_pe_dep_hist.csv: 63.4).
  assert.equal(await cellule(page, "capaciteAccueilPour100", "reference"), "63,4");
  // The Ain built from IRIS files is partial, and named so everywhere: selector, title, sentences.
  const partiel = /^Ain — \d+ communes à IRIS sur \d+, \d+ % de la population$/;
  assert.match(espaces(await page.locator("#choix-reference option:checked").innerText()), /^Ain — \d+ communes à IRIS sur \d+, \d+ % de la population \(01\)$/);
  assert.match(espaces(await page.locator("#r-nom").inputValue()), partiel);
  const phrases = (await page.locator(".phrase").allInnerTexts()).map(espaces);
  assert.ok(phrases.some((p) => /à celui de l'Ain — \d+ communes à IRIS sur \d+, \d+ % de la population\.$/.test(p)), phrases.join("\n"));
  assert.match(espaces(await page.locator("#annonce").innerText()), /comparé à Ain — \d+ communes à IRIS/);
  assert.match(espaces(await page.locator("#choix-territoire option:checked").innerText()), /^EPCI 240100883 \(.*\) — \d+ communes? à IRIS, les autres communes de l'EPCI absentes des fichiers/);
  assert.deepEqual(journal.erreursConsole, []);
  assert.deepEqual(requetesExternes(journal, env.origine), []);
  await page.close();
});

test("import hors du fil de la page : progression, annulation, fichier démesuré refusé avant lecture", async (t) => {
  const dossier = dossierTemporaire(t, "import-");
  // A file over the 64 MB bound: refused at once, by the package's own message.
  const enorme = join(dossier, "data_CAF_2020_IRIS.csv");
  writeFileSync(enorme, "CODGEO;NOTE;A;PERCOU\n" + "620010101;0;3;4\n".repeat(4_300_000));
  const { page, journal } = await ouvrir();
  await page.setInputFiles("#fichiers", enorme);
  await page.waitForFunction(() => document.querySelector("caf-indicateurs").shadowRoot.getElementById("erreur-fichiers").textContent !== "");
  assert.equal(espaces(await page.locator("#erreur-fichiers").innerText()), "Fichier « data_CAF_2020_IRIS.csv » : 64 Mo au plus.");
  // A large file under the bound: the page answers while the worker imports, and Annuler stops it.
  const gros = join(dossier, "gros_2020.csv");
  writeFileSync(gros, "CODGEO;NOTE;A;PERCOU\n" + "620010101;0;3;4\n".repeat(3_000_000));
  await page.setInputFiles("#fichiers", gros);
  await page.waitForSelector("#progression-import:not([hidden])");
  assert.match(espaces(await page.locator("#etat-import").innerText()), /^(Import en cours…|Lecture de « gros_2020\.csv » \(1 sur 1\)…|Agrégation)/);
  const reponse = await page.evaluate(() => new Promise((ok) => setTimeout(() => ok("répond"), 0)));
  assert.equal(reponse, "répond");
  await page.click("#annuler-import");
  assert.equal(await page.locator("#progression-import").isVisible(), false);
  assert.equal(espaces(await page.locator("#resume-import").innerText()), "Import annulé : aucun territoire chargé.");
  assert.deepEqual(journal.erreursConsole, []);
  await page.close();
});

/** A counts file in a spreadsheet's encoding imported on the page at 320 px, and one of its rows
 *  studied: the import's summary, the list of territories and the study's title (the encoding
 *  tests). `lignes` follow the header, ended by `fin`; each character is written as its byte in
 *  `propres`, or else as its Latin-1 byte (the same in every encoding here). */
async function etudierFichierComptes(t, { lignes, fin, propres }, territoire) {
  const texte = ["code;nom;niveau;annee;reference;habitants;allocataires", ...lignes].join(fin);
  const chemin = join(dossierTemporaire(t, "comptes-encodage-"), "comptes.csv");
  writeFileSync(chemin, Buffer.from([...texte].map((c) => propres[c] ?? c.charCodeAt(0))));
  const { page, journal } = await ouvrir();
  await page.setViewportSize({ width: 320, height: 800 });
  await page.setInputFiles("#fichiers", chemin);
  await page.waitForSelector("#choix-import:not([hidden])");
  const resume = espaces(await page.locator("#resume-import").innerText());
  const liste = await page.locator("#choix-territoire").innerText();
  await page.selectOption("#choix-territoire", territoire);
  await page.click("#utiliser-import");
  await page.waitForSelector('tr[data-id="tauxCouvertureCaf"]');
  const titre = espaces(await page.locator("#titre-etude .titre").innerText());
  assert.deepEqual(await coupuresFautives(page), []);
  assert.deepEqual(journal.erreursConsole, []);
  await page.close();
  return { resume, liste, titre };
}

test("un fichier de comptes enregistré par Excel en « CSV (séparateur : point-virgule) », donc en Windows-1252", async (t) => {
  // « é », « è » as Latin-1 bytes (the same in Windows-1252), « ’ » as its Windows-1252 byte 0x92,
  // and a count with the no-break space Excel writes (0xA0).
  const lignes = [
    "62;Pas-de-Calais;departement;2020;;1466743;318388",
    "200072478;Communauté de communes de la Région d\u2019Audruicq;epci;2020;62;25\u00a0188;4582",
  ];
  const { resume, liste, titre } = await etudierFichierComptes(t, { lignes, fin: "\r\n", propres: { "\u2019": 0x92 } }, "epci:200072478");
  assert.match(resume,
    /Le fichier de comptes n'est pas en UTF-8 : lu en Windows-1252, l'encodage d'Excel pour « CSV \(séparateur : point-virgule\) »\. Vérifiez les lettres accentuées des noms\./);
  assert.match(liste, /Communauté de communes de la Région d’Audruicq/);
  assert.equal(titre, "Étude préliminaire : Communauté de communes de la Région d’Audruicq");
});

test("un fichier de comptes en ISO-8859-15 (Latin-9) : « Cœur de Savoie », pas « C½ur de Savoie », et l'avertissement le dit", async (t) => {
  // « œ » is the byte 0xBD in ISO-8859-15 (« ½ » in Windows-1252); no byte 0x80–0x9F.
  const lignes = ["73;Savoie;departement;2020;;436434;80000", "200041010;CC Cœur de Savoie;epci;2020;73;37523;8000"];
  const { resume, titre } = await etudierFichierComptes(t, { lignes, fin: "\n", propres: { "œ": 0xbd } }, "epci:200041010");
  assert.match(resume, /Le fichier de comptes n'est pas en UTF-8 : lu en ISO-8859-15 \(Latin-9\)/);
  assert.equal(titre, "Étude préliminaire : CC Cœur de Savoie");
});

test("un fichier de comptes enregistré par Excel pour Mac, en Mac Roman et lignes finies par CR : « Réunion », pas « RŽunion »", async (t) => {
  // Mac Roman puts « é » at 0x8E, « è » at 0x8F, « î » at 0x94, « ’ » at 0xD5, the no-break space at 0xCA;
  // every other character here is ASCII. Lines end with CR alone, as Excel for Mac ends them.
  const propres = { "é": 0x8e, "è": 0x8f, "î": 0x94, "\u2019": 0xd5, "\u00a0": 0xca };
  const lignes = [
    "974;La Réunion;departement;2020;;861210;200000",
    "249740101;CA Réunion Nord, l\u2019île et Sainte-Hélène;epci;2020;974;56\u00a0602;15000",
  ];
  const { resume, liste, titre } = await etudierFichierComptes(t, { lignes, fin: "\r", propres }, "epci:249740101");
  assert.match(resume, /^2 territoires lus, 0 ligne en erreur\. Le fichier de comptes n'est pas en UTF-8 : lu en Mac Roman, l'encodage d'Excel pour Mac/);
  assert.match(liste, /CA Réunion Nord, l’île et Sainte-Hélène/);
  assert.equal(titre, "Étude préliminaire : CA Réunion Nord, l’île et Sainte-Hélène");
});

test("un fichier de comptes de plusieurs territoires : l'étude de chaque ligne face à sa référence, le modèle à télécharger", async (t) => {
  const chemin = join(dossierTemporaire(t, "comptes-"), "comptes.csv");
  writeFileSync(chemin, [
    "code,nom,niveau,annee,reference,habitants,personnesCouvertes,allocataires,allocataires_5ans,partAlParcPublic,allocatairesReference,allocatairesBasRevenus",
    "62,Pas-de-Calais,departement,2020,,1466743,790365,318388,300000,,300000,90000",
    "200072478,Cc Pays D'opale,epci,2020,62,25188,12903,4582,4151,\"10,2\",4000,1200",
    "200000001,Autre EPCI,epci,2020,62,10000,6000,3000,2900,,2500,500",
    "faux,Faux,epci,2020,62,12.000,1,1,1,,1,1",
  ].join("\n"));
  const { page, journal } = await ouvrir();
  const [modele] = await Promise.all([page.waitForEvent("download"), page.click("#modele-comptes")]);
  assert.match(readFileSync(await modele.path(), "utf8"), /^\ufeffcode;nom;niveau;annee;reference;/);
  await page.setInputFiles("#fichiers", chemin);
  await page.waitForSelector("#choix-import:not([hidden])");
  const resume = espaces(await page.locator("#resume-import").innerText());
  assert.match(resume, /^3 territoires lus, 1 ligne en erreur\. Ligne 5, colonne habitants : .*« 12\.000 » est ambigu/);
  // The last step the import announced (a file of every commune takes seconds there).
  assert.equal(espaces(await page.locator("#etat-import").textContent()), "Lecture des territoires de « comptes.csv » : 100 % — 4 lignes traitées ; préparation de la liste…");
  await page.selectOption("#choix-territoire", "epci:200072478");
  assert.equal(await page.locator("#choix-reference").inputValue(), "departement:62");
  await page.click("#utiliser-import");
  await page.waitForSelector('tr[data-id="tauxCouvertureCaf"]');
  assert.equal(await cellule(page, "tauxCouvertureCaf", "territoire"), "51,2 %");
  assert.equal(await cellule(page, "tauxCouvertureCaf", "reference"), "53,9 %");
  // A published share given with a decimal comma in a quoted cell of a comma-separated file.
  assert.equal(await cellule(page, "partAlParcPublic", "territoire"), "10,2 %");
  // The count of five years earlier, from the file, gives the variation.
  assert.match(espaces(await page.locator('tr[data-id="allocataires"] td.variation').innerText()), /\+10,4 %/);
  // The radar's reference is the mean of the file's EPCI, said on the chart; axes without data
  // are named, not drawn at the centre.
  assert.match(await page.locator("#radar svg title").first().textContent(), /comparé à Moyenne des 2 EPCI du fichier$/);
  assert.match(await page.locator("#radar svg").textContent(), /Axes non tracés, sans donnée : /);
  // Bas revenus: 30 % against the mean of 30 % and 20 %, 25 %.
  assert.ok((await page.locator("#radar-texte li").allInnerTexts()).map(espaces).includes("Bas revenus : 30,0 % contre 25,0 % pour la référence (rapport 1,20)."));
  assert.deepEqual(await page.locator(".listes-radar h3").allInnerTexts(), ["Les indicateurs fortement inférieurs", "Les indicateurs fortement supérieurs"]);
  assert.deepEqual(journal.erreursConsole, []);
  await page.close();
});

test("un fichier de comptes de plus de 200 lignes : les références proposées sont celles que le fichier nomme et ses départements", async (t) => {
  // 300 communes compared with the Pas-de-Calais, one with another commune, and the Nord given
  // without being named: the list of references has these three, not 302 options rebuilt at each
  // keystroke of a search.
  const lignes = ["code;nom;niveau;annee;reference;habitants;allocataires", "62;Pas-de-Calais;departement;2020;;1466743;318388", "59;Nord;departement;2020;;2608346;560000"];
  for (let i = 0; i < 300; i++) lignes.push(`62${String(i).padStart(3, "0")};Commune ${i};commune;2020;${i === 7 ? "62001" : "62"};${1000 + i};${300 + i}`);
  const chemin = join(dossierTemporaire(t, "comptes-grand-"), "comptes.csv");
  writeFileSync(chemin, lignes.join("\n"));
  const { page, journal } = await ouvrir();
  await page.setInputFiles("#fichiers", chemin);
  await page.waitForSelector("#choix-import:not([hidden])");
  const references = () => page.locator("#choix-reference option").evaluateAll((os) => os.map((o) => o.value));
  assert.deepEqual(await references(), ["departement:62", "departement:59", "commune:62001"]);
  await page.fill("#recherche-territoire", "commune 7");
  assert.deepEqual(await references(), ["departement:62", "departement:59", "commune:62001"], "une recherche ne change pas les références");
  await page.selectOption("#choix-territoire", "commune:62007");
  assert.equal(await page.locator("#choix-reference").inputValue(), "commune:62001");
  await page.click("#utiliser-import");
  await page.waitForSelector('tr[data-id="allocataires"]');
  assert.match(espaces(await page.locator("#titre-etude").innerText()), /Commune 7/);
  // The rows stay in the import worker; should it stop, the page says so instead of doing nothing.
  await page.evaluate(() => {
    const travail = document.querySelector("caf-indicateurs").vueCourante.travailComptes;
    travail.postMessage = () => setTimeout(() => travail.dispatchEvent(new Event("error")), 0);
  });
  await page.click("#utiliser-import");
  await page.waitForFunction(() => document.querySelector("caf-indicateurs").shadowRoot.getElementById("erreur-fichiers").textContent !== "");
  assert.equal(espaces(await page.locator("#erreur-fichiers").innerText()), "Le fil de travail qui gardait les comptes s'est arrêté : importez le fichier de nouveau.");
  await page.click("#utiliser-import");
  await page.waitForFunction(() => /plus là/.test(document.querySelector("caf-indicateurs").shadowRoot.getElementById("erreur-fichiers").textContent));
  assert.equal(espaces(await page.locator("#erreur-fichiers").innerText()), "Les comptes importés ne sont plus là : importez le fichier de nouveau.");
  assert.deepEqual(journal.erreursConsole, []);
  await page.close();
});
