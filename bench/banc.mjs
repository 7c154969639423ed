// Runs the browser benchmarks in headless Chromium and prints one JSON line:
// the wasm batch vs the JavaScript baseline on the same file, and the time from page load to
// the first result of the calculator.
import { readFileSync } from "node:fs";
import { environnement } from "../tests/e2e/outils.mjs";

const fichier = process.argv[2];
const env = await environnement();
const pause = (ms) => new Promise((ok) => setTimeout(ok, ms));

// Page load to first result, measured first, in the freshly started browser: a situation in the
// share link, a fresh context (cold cache) each time. Each load of the page alternates with a load
// of the browser's floor (bench/plancher.html: the smallest page shaped like it, one module script
// and one 34-byte WebAssembly module), so that the figure is read against what this browser on
// this machine needs for any page at all. Each load starts on an idle browser: half a second after
// the previous context is closed (on 2 vCPUs, a closing context's teardown overlapping the next
// load cost it ≈ 15 ms), and before the batch below has put its 41 MB through the browser. Three
// series of 5 rounds: the target is a median of 5, and each series gives one.
const situation = { annee: 2017, personnes: [{ role: "allocataire", age: 35 }, { role: "enfant", age: 5 }], revenusAnnuels: "14400", prestationsMensuelles: "350" };
const fragment = Buffer.from(JSON.stringify(situation)).toString("base64url");
const premiers = [];
const planchers = [];
async function chargerPage() {
  const contexte = await env.navigateur.newContext();
  const p = await contexte.newPage();
  await p.addInitScript(() => document.addEventListener("resultat", () => { window.__premier ??= performance.now(); }));
  await p.goto(`${env.origine}/#foyer=${fragment}`);
  await p.waitForFunction(() => window.__premier);
  premiers.push(await p.evaluate(() => {
    // What the time is made of: the element starts, the package is ready, the result computed.
    const m = Object.fromEntries(performance.getEntriesByType("mark").map((e) => [e.name, e.startTime]));
    const reponse = performance.getEntriesByType("navigation")[0].responseEnd;
    return { affiche: window.__premier, reponse, element: m["caf:element"], paquet: m["caf:paquet"], calcul: m["caf:calcul"] };
  }));
  await contexte.close();
}
async function chargerPlancher() {
  const contextePlancher = await env.navigateur.newContext();
  const q = await contextePlancher.newPage();
  await q.goto(`${env.origine}/banc/plancher.html`);
  await q.waitForFunction(() => performance.getEntriesByName("caf:calcul").length > 0);
  planchers.push(await q.evaluate(() => performance.getEntriesByName("caf:calcul")[0].startTime));
  await contextePlancher.close();
}
// The order of the two loads changes at each round: on this browser, a page loaded second in
// a round tends to be faster, which would favour whichever always came second.
for (let k = 0; k < 15; k++) {
  const tour = k % 2 === 0 ? [chargerPage, chargerPlancher] : [chargerPlancher, chargerPage];
  for (const charger of tour) {
    await pause(500);
    await charger();
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const premier = Object.fromEntries(["reponse", "element", "paquet", "calcul", "affiche"].map((k) => [k, median(premiers.map((x) => x[k]))]));
premier.plancher = median(planchers);
premier.series = [0, 5, 10].map((i) => median(premiers.slice(i, i + 5).map((x) => x.calcul)));
premier.planchersSeries = [0, 5, 10].map((i) => median(planchers.slice(i, i + 5)));

const page = await env.navigateur.newPage();
await page.route(env.origine + "/banc/foyers.csv", (r) => r.fulfill({ body: readFileSync(fichier), contentType: "text/csv" }));
await page.goto(env.origine + "/banc/banc.html");
await page.waitForFunction(() => window.__resultats, null, { timeout: 600_000 });
const lot = await page.evaluate(() => window.__resultats);
await page.close();

// Every commune and EPCI of the largest IRIS file (2020, with 2018 for the EPCI and the
// populations), aggregated and computed in the browser's worker: best of three.
const IRIS = new URL("../data/insee-caf-iris/", import.meta.url);
const POPULATION = new URL("../data/insee-population-communes/donnees_communes.csv", import.meta.url);
let territoiresS = Infinity;
for (let k = 0; k < 3; k++) {
  const p = await env.navigateur.newPage();
  await p.goto(env.origine + "/lot.html");
  await p.waitForSelector("body[data-pret=oui]");
  await p.setInputFiles("#fichiers-territoires", [new URL("data_CAF_2020_IRIS.csv", IRIS).pathname, new URL("data_CAF_2018_IRIS.csv", IRIS).pathname, POPULATION.pathname]);
  await p.waitForSelector("body[data-territoires=fini]");
  const texte = await p.locator("#etat-territoires").innerText();
  territoiresS = Math.min(territoiresS, Number(texte.match(/Calculé en ([\d,]+)/)[1].replace(",", ".")));
  await p.close();
}
await env.fermer();
console.log(JSON.stringify({ ...lot, premier, territoiresS }));
