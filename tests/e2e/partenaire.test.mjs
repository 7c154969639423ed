// End to end: embedding in a partner portal under a strict CSP, the social worker's workflow,
// accessibility (axe-core), hostile input, and the README's copy-paste snippet.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dateDuJour, environnement, espaces, ouvrir as ouvrirPage, pret, requetesExternes, texteComplet } from "./outils.mjs";

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
let env;
before(async () => { env = await environnement(); });
after(async () => { await env?.fermer(); });

async function remplirFoyer(page, hote) {
  const f = (sel) => page.locator(hote).locator(sel);
  await f("#annee").fill("2017");
  await f("#p1-age").fill("35");
  await f("#ajouter-personne").click();
  await f("#p2-role").selectOption("conjoint");
  await f("#p2-age").fill("33");
  await f("#ajouter-enfant").click();
  await f("#p3-age").fill("5");
  await f("#ajouter-enfant").click();
  await f("#p4-age").fill("9");
  await f("#revenusAnnuels").fill("14 400");
  await f("#prestationsMensuelles").fill("350");
}

const valeur = async (page, hote, id) => espaces(await page.locator(hote).locator(`#figures [data-id="${id}"] .valeur`).innerText());

test("page partenaire : deux instances, CSP tenue, aucune requête externe, événements reçus par l'hôte", async () => {
  const { page, journal } = await ouvrirPage(env, "/partenaire.html");
  // The page really carries the strict policy.
  assert.equal(
    await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute("content"),
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'",
  );
  await remplirFoyer(page, "#aide-vacances");
  // The partner's threshold (attribute seuil="950") is the one used.
  assert.equal(await valeur(page, "#aide-vacances", "seuil"), "950,00 €");
  assert.equal(await valeur(page, "#aide-vacances", "ruc"), "738,10 €");
  assert.equal(await valeur(page, "#aide-vacances", "basRevenus"), "oui");
  // The partner's ceilings (attribute plafonds): QF 1 550 / 3 parts = 516,67 € ≤ 700 ; RUC 738,10 € < 800.
  const eligibilites = (await page.locator("#aide-vacances").locator('#figures [data-id="eligibilite"]').allInnerTexts()).map(espaces);
  assert.equal(eligibilites.length, 2);
  assert.match(eligibilites[0], /^Aide aux vacances \(QF ≤ 700 €\)\s+éligible/);
  assert.match(eligibilites[1], /^Chèque loisirs \(RUC < 800 €\)\s+éligible/);
  // The partner's own answers come first, in the partner's words; the CAF comparison beside.
  const verdicts = (await page.locator("#aide-vacances").locator("#liste-verdicts li").allInnerTexts()).map(espaces);
  assert.match(verdicts[0], /^Sous le seuil du partenaire « Barème aide aux vacances du CCAS » : oui — RUC 738,10 € < 950,00 €/);
  assert.match(verdicts[1], /^Bas revenus \(seuil CAF 2017\) : oui/);
  assert.deepEqual(verdicts.filter((v) => v.startsWith("Aide aux vacances") || v.startsWith("Chèque loisirs")).map((v) => v.split(" — ")[0]),
    ["Aide aux vacances (QF ≤ 700 €) : éligible", "Chèque loisirs (RUC < 800 €) : éligible"]);
  assert.match(espaces(await page.locator("#journal-hote").innerText()), /^Résultat reçu de « aide-vacances » \(foyer\) : Foyer sous le seuil du partenaire « Barème aide aux vacances du CCAS » : RUC de 738,10 €/);
  // The second instance, independent of the first.
  await page.locator("#observatoire").locator("#charger-exemple").click();
  await page.locator("#observatoire").locator('tr[data-id="tauxCouvertureCaf"]').waitFor();
  assert.equal(espaces(await page.locator("#observatoire").locator('tr[data-id="tauxCouvertureCaf"] td.territoire').innerText()), "51,2 %");
  assert.match(await page.locator("#journal-hote").innerText(), /^Résultat reçu de « observatoire » \(diagnostic\) : 14 sections calculées$/);
  assert.equal(await valeur(page, "#aide-vacances", "ruc"), "738,10 €");
  // Theme colour from the attribute, through a CSS custom property.
  assert.equal(await page.locator("#aide-vacances").evaluate((e) => getComputedStyle(e).getPropertyValue("--caf-couleur").trim()), "#465f9d");
  assert.deepEqual(await journal.violations(), []);
  assert.deepEqual(journal.erreursConsole, []);
  assert.deepEqual(requetesExternes(journal, env.origine), []);
  await page.close();
});

test("fiche imprimable, lien de partage qui restaure la situation, nouvelle situation", async () => {
  const { page, journal } = await ouvrirPage(env, "/");
  await remplirFoyer(page, "#foyer");
  await page.locator("#foyer").locator("#loyerMensuel").fill("600");
  const ruc = await valeur(page, "#foyer", "ruc");
  const effort = await valeur(page, "#foyer", "tauxEffort");
  // Print: the sheet holds the inputs, the results with explanations, the sources and the date.
  await page.emulateMedia({ media: "print" });
  const fiche = page.locator("#foyer").locator("#fiche");
  assert.equal(await fiche.isVisible(), true);
  assert.equal(await page.locator("#foyer").locator("#revenusAnnuels").isVisible(), false);
  // In reading order, with the answers once (the screen's sticky block is not printed) and room for notes.
  assert.equal(await page.locator("#foyer").locator("#verdicts").isVisible(), false);
  assert.equal(await fiche.locator(".notes-fiche").isVisible(), true);
  const recap = await fiche.locator("dl.recap dt").allInnerTexts();
  assert.deepEqual(recap.slice(0, 3).map((t) => t.replace(/\s*:\s*$/, "")), ["Année de référence", "Personne 1", "Personne 2"]);
  const texte = espaces(await fiche.innerText());
  for (const attendu of ["Fiche de situation du foyer", "Revenus annuels", "14 400,00 €", "allocataire, 35 ans", "enfant, 9 ans", "Loyer mensuel", "600,00 €",
    "RUC = (1 200,00 € + 350,00 €) / 2,1 UC = 738,10 € par UC.", "Seuil de bas revenus CAF 2017 : 1 052 € par UC et par mois", "source officielle", `Établie le ${dateDuJour()}, calculée sur cet appareil`]) {
    assert.ok(texte.includes(attendu), `fiche sans « ${attendu} » :\n${texte}`);
  }
  const pdf = await page.pdf({ path: "tests/e2e/artefacts/fiche.pdf", format: "A4" });
  assert.equal(pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g)?.length, 1, "la fiche tient sur une page A4");
  await page.emulateMedia({ media: "screen" });
  // Share link: the situation is in the fragment, never sent; a fresh page restores it.
  await page.locator("#foyer").locator("#partager").click();
  const lien = await page.locator("#foyer").locator("#lien-partage").inputValue();
  assert.match(lien, /^http:\/\/127\.0\.0\.1:\d+\/#foyer=[A-Za-z0-9_-]+$/);
  const fraiche = await env.navigateur.newPage();
  const requetes = [];
  fraiche.on("request", (r) => requetes.push(r.url()));
  await fraiche.goto(lien);
  await pret(fraiche);
  assert.equal(await valeur(fraiche, "#foyer", "ruc"), ruc);
  assert.equal(await valeur(fraiche, "#foyer", "tauxEffort"), effort);
  assert.equal(await fraiche.locator("#foyer").locator("#p4-age").inputValue(), "9");
  // Once restored, the situation leaves the address bar (and the history entry).
  await fraiche.waitForFunction(() => !location.hash.includes("foyer="), null, { timeout: 2000 });
  assert.ok(requetes.every((u) => !u.includes("#") && !u.includes("foyer=")), "le fragment ne part jamais dans une requête");
  await fraiche.close();
  // Nouvelle situation: empty form, fragment cleared, focus on the first field.
  await page.locator("#foyer").locator("#nouvelle").click();
  assert.equal(await page.locator("#foyer").locator("#revenusAnnuels").inputValue(), "");
  assert.equal(await page.locator("#foyer").locator(".personne").count(), 1);
  assert.equal(new URL(page.url()).hash, "");
  assert.equal(await page.evaluate(() => document.getElementById("foyer").shadowRoot.activeElement?.id), "annee");
  assert.deepEqual(journal.erreursConsole, []);
  await page.close();
});

test("accessibilité : aucune violation WCAG 2.1 A/AA (axe-core) sur les quatre pages", async () => {
  for (const chemin of ["/", "/diagnostic.html", "/partenaire.html", "/lot.html"]) {
    const { page } = await ouvrirPage(env, chemin);
    if (chemin === "/") await remplirFoyer(page, "#foyer");
    if (chemin === "/diagnostic.html") {
      await page.locator("#charger-exemple").click();
      await page.locator('tr[data-id="tauxCouvertureCaf"]').waitFor();
    }
    // axe runs through the devtools protocol: the page's CSP does not apply to it.
    await page.evaluate(AXE);
    const resultat = await page.evaluate(() => window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } }));
    const violations = resultat.violations.map((v) => `${v.id} (${v.impact}) : ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(" | ")}`);
    assert.deepEqual(violations, [], `${chemin} :\n${violations.join("\n")}`);
    assert.ok(resultat.passes.length > 10, `${chemin} : axe n'a rien vérifié`);
    await page.close();
  }
});

test("un attribut plafonds invalide donne l'erreur française de son champ", async () => {
  const { page } = await ouvrirPage(env, "/partenaire.html");
  await page.evaluate(() => document.getElementById("aide-vacances").setAttribute("plafonds", '[{"indicateur": "revenu", "valeur": 3}]'));
  await remplirFoyer(page, "#aide-vacances");
  assert.match(espaces(await page.locator("#aide-vacances").locator("#annonce").innerText()), /Indicateur du plafond 1 : valeur « revenu » inconnue/);
  await page.evaluate(() => document.getElementById("aide-vacances").setAttribute("plafonds", "pas du JSON"));
  await remplirFoyer(page, "#aide-vacances");
  assert.match(espaces(await page.locator("#aide-vacances").locator("#annonce").innerText()), /^Plafonds du partenaire : doit être une liste/);
  await page.close();
});

test("entrées hostiles affichées comme du texte, jamais exécutées", async () => {
  const { page, journal } = await ouvrirPage(env, "/partenaire.html");
  const hostile = `<img src=x onerror="window.__pirate=1"><script>window.__pirate=2</script>`;
  await page.evaluate((h) => document.getElementById("aide-vacances").setAttribute("seuil-libelle", h), hostile);
  await remplirFoyer(page, "#aide-vacances");
  assert.ok(espaces(await page.locator("#aide-vacances").locator("#seuil-fixe").innerText()).includes(hostile));
  assert.ok(espaces(await page.locator("#aide-vacances").locator('#figures [data-id="seuil"] .explication').innerText()).includes(hostile));
  const dia = page.locator("#observatoire");
  await dia.locator("#charger-exemple").click();
  await dia.locator('tr[data-id="tauxCouvertureCaf"]').waitFor();
  await dia.locator("#t-nom").fill(hostile);
  assert.ok(espaces(await dia.locator("#annonce").innerText()).includes(hostile));
  assert.ok((await dia.locator("#radar svg title").first().textContent()).includes(hostile));
  const injectes = await page.evaluate(() => [...document.querySelectorAll("caf-indicateurs")].map((e) => e.shadowRoot.querySelectorAll("img, script, foreignObject").length));
  assert.deepEqual(injectes, [0, 0]);
  assert.equal(await page.evaluate(() => window.__pirate), undefined);
  assert.deepEqual(journal.erreursConsole, []);
  assert.ok(!(await texteComplet(page)).includes("NaN"));
  await page.close();
});

test("l'extrait du README, collé dans une page vierge, donne un calculateur qui marche", async () => {
  const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
  const extrait = readme.match(/<!-- extrait:debut -->\s*```html\n([\s\S]*?)```\s*<!-- extrait:fin -->/)?.[1];
  assert.ok(extrait, "extrait introuvable dans le README");
  const page = await env.navigateur.newPage();
  const erreurs = [];
  page.on("pageerror", (e) => erreurs.push(String(e)));
  await page.route(env.origine + "/vierge.html", (route) => route.fulfill({ contentType: "text/html; charset=utf-8", body: extrait }));
  await page.goto(env.origine + "/vierge.html");
  await pret(page);
  const hote = page.locator("caf-indicateurs").first();
  await hote.locator("#annee").fill("2019");
  await hote.locator("#p1-age").fill("30");
  await hote.locator("#ajouter-enfant").click();
  await hote.locator("#p2-age").fill("4");
  await hote.locator("#revenusAnnuels").fill("12000");
  await hote.locator("#prestationsMensuelles").fill("400");
  assert.equal(espaces(await hote.locator('#figures [data-id="uc"] .valeur').innerText()), "1,5");
  assert.deepEqual(erreurs, []);
  await page.close();
});

test("une page hôte qui appelle le paquet avec des valeurs piégées 10 000 fois ne casse pas les calculateurs", async () => {
  const { page, journal } = await ouvrirPage(env, "/partenaire.html");
  const bilan = await page.evaluate(async () => {
    // The very module instances the embedded calculators use (same URLs: each view its package).
    const m = await import("/pkg/foyer/indicateurs_caf.js");
    const t = await import("/pkg/territoire/indicateurs_caf.js");
    await Promise.all([m.default(), t.default()]);
    const piege = { annee: 2017 };
    Object.defineProperty(piege, "personnes", { enumerable: true, get() { throw new TypeError("hôte"); } });
    const proxy = new Proxy({}, { ownKeys() { throw "texte"; } });
    const b = new ArrayBuffer(8); const detache = new Uint8Array(b); structuredClone(b, { transfer: [b] });
    let francaises = 0;
    for (let i = 0; i < 10000; i++) {
      for (const appel of [() => m.calculerFoyer(piege), () => m.calculerFoyer(proxy), () => t.importerDonnees([{ nom: "x.csv", contenu: detache }]), () => m.genererFoyers(-1, 1)]) {
        try { appel(); } catch (e) { if (e instanceof Error && typeof e.champ === "string") francaises += 1; }
      }
    }
    return { francaises, version: m.version() };
  });
  assert.equal(bilan.francaises, 40000, "chaque appel fautif donne une Error française avec son champ");
  // Both calculators of the page still work.
  await remplirFoyer(page, "#aide-vacances");
  assert.equal(await valeur(page, "#aide-vacances", "ruc"), "738,10 €");
  assert.deepEqual(journal.erreursConsole, []);
  await page.close();
});
