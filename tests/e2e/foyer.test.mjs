// End to end: the household page in headless Chromium, against the optimised release package.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { coupuresFautives, environnement, espaces, ouvrir as ouvrirPage, requetesExternes, texteComplet } from "./outils.mjs";

let env;
before(async () => { env = await environnement(); });
after(async () => { await env?.fermer(); });

const ouvrir = () => ouvrirPage(env, "/");

const texte = async (page, selecteur) => espaces(await page.locator(selecteur).innerText());

test("un couple avec deux enfants : UC, RUC et statut affichés par le cœur Rust", async () => {
  const { page, journal } = await ouvrir();
  await page.fill("#annee", "2017");
  await page.fill("#p1-age", "35");
  await page.click("#ajouter-personne");
  await page.selectOption("#p2-role", "conjoint");
  await page.fill("#p2-age", "33");
  await page.click("#ajouter-enfant");
  await page.fill("#p3-age", "5");
  await page.click("#ajouter-enfant");
  await page.fill("#p4-age", "9");
  await page.fill("#revenusAnnuels", "14 400");
  await page.fill("#prestationsMensuelles", "350");
  assert.equal(await texte(page, '#figures [data-id="uc"] .valeur'), "2,1");
  assert.equal(await texte(page, '#figures [data-id="ruc"] .valeur'), "738,10 €");
  assert.equal(await texte(page, '#figures [data-id="ruc"] .explication'), "RUC = (1 200,00 € + 350,00 €) / 2,1 UC = 738,10 € par UC.");
  assert.equal(await texte(page, '#figures [data-id="basRevenus"] .valeur'), "oui");
  assert.match(await texte(page, "#annonce"), /^Foyer à bas revenus : RUC de 738,10 € par UC/);
  assert.match(await texte(page, '#figures [data-id="seuil"] .explication'), /source : Cnaf/);
  assert.equal(await page.locator("#annonce").getAttribute("aria-live"), "polite");
  // The threshold table lists the sources.
  await page.waitForSelector("#table-seuils tbody tr");
  assert.ok((await page.locator("#table-seuils tbody tr").count()) >= 25);
  await page.screenshot({ path: "tests/e2e/artefacts/foyer.png", fullPage: true });
  assert.deepEqual(journal.erreursConsole, []);
  assert.deepEqual(await journal.violations(), []);
  assert.deepEqual(requetesExternes(journal, env.origine), []);
  // The household page loads the household module only (the smaller one), once.
  const modules = journal.requetes.filter((u) => u.endsWith(".wasm")).map((u) => new URL(u).pathname);
  assert.deepEqual(modules, ["/pkg/foyer/indicateurs_caf_bg.wasm"]);
  // The element is written into the page by the server (scripts/serve.mjs), not requested; it
  // runs under the page's policy (no violation above).
  assert.ok(!journal.requetes.some((u) => new URL(u).pathname.endsWith("/caf-indicateurs.js")));
  await page.close();
});

test("une saisie invalide donne l'erreur française à côté du champ", async () => {
  const { page, journal } = await ouvrir();
  await page.fill("#annee", "2017");
  await page.fill("#p1-age", "30");
  await page.fill("#revenusAnnuels", "12000");
  await page.fill("#prestationsMensuelles", "-5");
  assert.equal(await texte(page, "#erreur-prestationsMensuelles"), "Prestations mensuelles : la valeur ne peut pas être négative.");
  assert.equal(await page.locator("#prestationsMensuelles").getAttribute("aria-invalid"), "true");
  assert.equal(await texte(page, "#annonce"), "Prestations mensuelles : la valeur ne peut pas être négative.");
  assert.equal(await page.locator(".figure").count(), 0);
  // Text in a number field: the message names the field, nothing shows NaN.
  await page.fill("#prestationsMensuelles", "abc");
  assert.equal(await texte(page, "#erreur-prestationsMensuelles"), "Prestations mensuelles : « abc » n'est pas un nombre.");
  await page.fill("#p1-age", "300");
  assert.match(await texte(page, "#p1-erreur"), /^Âge de la personne 1 : la valeur doit être comprise entre 0 et 120\.$/);
  // Correcting the value brings the results back.
  await page.fill("#p1-age", "30");
  await page.fill("#prestationsMensuelles", "0");
  assert.equal(await texte(page, '#figures [data-id="ruc"] .valeur'), "1 000,00 €");
  assert.equal(await texte(page, "#erreur-prestationsMensuelles"), "");
  assert.ok(!(await texteComplet(page)).includes("NaN"));
  assert.deepEqual(journal.erreursConsole, []);
  assert.deepEqual(requetesExternes(journal, env.origine), []);
  await page.close();
});

test("au clavier seul : ajouter un enfant, le retirer, le focus reste dans le formulaire", async () => {
  const { page } = await ouvrir();
  await page.fill("#annee", "2019");
  await page.fill("#p1-age", "30");
  await page.fill("#revenusAnnuels", "12000");
  await page.fill("#prestationsMensuelles", "400");
  await page.focus("#ajouter-enfant");
  await page.keyboard.press("Enter");
  assert.equal(await page.evaluate(() => document.getElementById("foyer").shadowRoot.activeElement.id), "p2-age");
  await page.keyboard.type("4");
  assert.equal(await texte(page, '#figures [data-id="uc"] .valeur'), "1,5");
  assert.equal(await texte(page, '#figures [data-id="ucInsee"] .valeur'), "1,3");
  await page.focus('[data-id="p2"] .retirer');
  await page.keyboard.press("Enter");
  assert.equal(await page.locator(".personne").count(), 1);
  assert.equal(await texte(page, '#figures [data-id="uc"] .valeur'), "1,0");
  assert.ok(await page.evaluate(() => document.getElementById("foyer").shadowRoot.getElementById("foyer").contains(document.getElementById("foyer").shadowRoot.activeElement)));
  await page.close();
});

test("montants ambigus : « 12.000 » refusé à côté du champ avec ses deux lectures, jamais lu comme 12 €", async () => {
  const { page, journal } = await ouvrir();
  await page.fill("#annee", "2017");
  await page.fill("#p1-age", "30");
  await page.fill("#prestationsMensuelles", "0");
  for (const saisi of ["12.000", "12,000"]) {
    await page.fill("#revenusAnnuels", saisi);
    assert.equal(await texte(page, "#erreur-revenusAnnuels"),
      `Revenus annuels : « ${saisi} » est ambigu : 12 000 ou 12 ? Séparez les milliers par une espace (12 000) et écrivez les décimales après une virgule (12,00).`);
    assert.equal(await page.locator("#revenusAnnuels").getAttribute("aria-invalid"), "true");
    assert.equal(await page.locator(".figure").count(), 0, "aucun chiffre sur un montant ambigu");
    assert.match(await texte(page, "#liste-verdicts"), /s'affichent dès que la situation est complète/);
  }
  await page.fill("#revenusAnnuels", "12 000");
  assert.equal(await texte(page, '#figures [data-id="ruc"] .valeur'), "1 000,00 €");
  await page.fill("#revenusAnnuels", "1.234,56");
  assert.equal(await texte(page, '#figures [data-id="ressources"] .explication'), "Ressources = 1 234,56 € / 12 + 0,00 € de prestations = 102,88 € par mois.");
  await page.fill("#revenusAnnuels", "1 234,567");
  assert.match(await texte(page, "#erreur-revenusAnnuels"), /a plus de deux décimales/);
  // A negative income is told next to its field, not only in the list of warnings.
  await page.fill("#revenusAnnuels", "-1200");
  assert.match(await texte(page, "#erreur-revenusAnnuels"), /^Revenus annuels négatifs \(-1 200,00 €\) : déficit compté pour 0 €/);
  assert.equal(await page.locator("#revenusAnnuels").getAttribute("aria-invalid"), null);
  assert.deepEqual(journal.erreursConsole, []);
  await page.close();
});

test("les réponses d'abord : verdicts en mots et en couleurs, en vue pendant la saisie sur un téléphone", async () => {
  const { page, journal } = await ouvrir();
  await page.setViewportSize({ width: 390, height: 760 });
  await page.fill("#annee", "2024");
  await page.fill("#p1-age", "35");
  await page.click("#ajouter-enfant");
  await page.fill("#p2-age", "4");
  await page.fill("#revenusAnnuels", "13 200");
  await page.fill("#prestationsMensuelles", "450");
  await page.fill("#aideLogementMensuelle", "250");
  await page.fill("#loyerMensuel", "650");
  const verdicts = await page.locator("#liste-verdicts li").evaluateAll((lis) => lis.map((li) => ({ id: li.dataset.id, classe: li.className, texte: li.textContent.replace(/[\u202f\u00a0]/g, " ") })));
  assert.deepEqual(verdicts.map((v) => v.id), ["seuil", "fragile", "tauxEffort", "dependance"]);
  assert.match(verdicts[0].texte, /^Bas revenus \(seuil CAF 2019\) : oui/);
  assert.equal(verdicts[0].classe, "verdict etat-alerte");
  assert.match(verdicts[2].texte, /^Taux d'effort net : 36,4 %/);
  assert.equal(verdicts[2].classe, "verdict etat-alerte");
  // The stale threshold is told in one plain sentence, with the INSEE line of the nearest year.
  assert.match(await texte(page, "#avertissements"), /Le seuil de bas revenus CAF de 2024 n'est pas publié : celui de 2019 \(1 097 €\), le dernier publié, est utilisé : il a 5 ans ; le seuil de pauvreté INSEE à 60 % de 2023 \(1 288 €\) place ce foyer en dessous/);
  // While typing at the bottom of the form, the answers stay at the top of the screen.
  await page.focus("#loyerMensuel");
  const haut = await page.locator("#verdicts").boundingBox();
  assert.ok(haut && haut.y >= -1 && haut.y < 5, `verdicts à y = ${haut?.y}`);
  const champ = await page.locator("#loyerMensuel").boundingBox();
  assert.ok(champ.y > haut.y + haut.height, "le champ saisi reste visible sous les verdicts");
  await page.screenshot({ path: "tests/e2e/artefacts/foyer-390.png" });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: "tests/e2e/artefacts/foyer-1280.png", fullPage: true });
  assert.deepEqual(journal.erreursConsole, []);
  await page.close();
});

test("aucun débordement horizontal à 320 et 390 px, dans les pages et dans l'élément", async () => {
  for (const chemin of ["/", "/partenaire.html", "/diagnostic.html", "/lot.html"]) {
    for (const largeur of [320, 390]) {
      const { page } = await ouvrirPage(env, chemin);
      await page.setViewportSize({ width: largeur, height: 800 });
      const mesure = await page.evaluate(() => {
        const largeurVue = document.documentElement.clientWidth;
        const elements = [...document.querySelectorAll("body *"),
          ...[...document.querySelectorAll("caf-indicateurs")].flatMap((e) => [...e.shadowRoot.querySelectorAll("*")])];
        // Wide tables scroll inside their own box (.fr-table, .tableau-defilant): not an overflow of the page.
        const hors = elements.filter((e) => !e.closest(".fr-table, .tableau-defilant") && e.getBoundingClientRect().right > largeurVue + 1);
        return { defilement: document.documentElement.scrollWidth - largeurVue, hors: hors.slice(0, 3).map((e) => `${e.tagName}#${e.id}.${e.className}`) };
      });
      assert.deepEqual(mesure, { defilement: 0, hors: [] }, `${chemin} à ${largeur} px`);
      await page.close();
    }
  }
});

test("typographie : aucune ligne ne commence par « : » à 320 px, résultat, erreur et pages", async () => {
  const { page } = await ouvrir();
  await page.setViewportSize({ width: 320, height: 800 });
  await page.fill("#annee", "2017");
  await page.fill("#p1-age", "35");
  await page.fill("#revenusAnnuels", "14 400");
  await page.fill("#prestationsMensuelles", "350");
  await page.waitForSelector('#figures [data-id="ruc"]');
  await page.waitForSelector("#table-seuils tbody tr");
  // The package's sentences (ordinary spaces, as the reference study) are displayed non-breaking.
  assert.match(await page.locator("#annonce").innerText(), /^Foyer au-dessus du seuil\u00a0: RUC de /);
  assert.deepEqual(await coupuresFautives(page), [], "résultat");
  await page.screenshot({ path: "tests/e2e/artefacts/foyer-320.png", fullPage: true });
  // An error of the package, with « » around the field it names.
  await page.fill("#revenusAnnuels", "12.000");
  await page.waitForSelector("#erreur-revenusAnnuels:not(:empty)");
  assert.deepEqual(await coupuresFautives(page), [], "erreur");
  await page.close();
  for (const chemin of ["/diagnostic.html", "/lot.html", "/partenaire.html"]) {
    const { page: autre } = await ouvrirPage(env, chemin);
    await autre.setViewportSize({ width: 320, height: 800 });
    if (chemin === "/diagnostic.html") {
      await autre.click("#charger-exemple");
      await autre.waitForSelector(".phrase");
    }
    assert.deepEqual(await coupuresFautives(autre), [], chemin);
    await autre.close();
  }
});

test("un lien de partage illisible, démesuré ou faux ne fige pas la page et le dit", async () => {
  const base64url = (o) => Buffer.from(JSON.stringify(o)).toString("base64").replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
  const personnes = Array.from({ length: 5000 }, () => ({ role: "enfant", age: 3 }));
  const cas = [
    [base64url({ annee: 2017, personnes, revenusAnnuels: 1, prestationsMensuelles: 0 }), /il est trop long \(8192 caractères au plus\)/],
    ["%%%pas-du-base64", /il est abîmé/],
    [base64url([1, 2]), /il ne décrit pas une situation de foyer/],
    [base64url({ annee: 2017, personnes: [{ role: "pirate", age: 30 }], revenusAnnuels: 1, prestationsMensuelles: 0 }), /Rôle de la personne 1 : valeur « pirate » inconnue/],
  ];
  for (const [fragment, attendu] of cas) {
    const { page, journal } = await env.page();
    await page.goto(`${env.origine}/#foyer=${fragment}`);
    await page.waitForFunction(() => document.getElementById("foyer")?.dataset.pret === "oui");
    const annonce = await texte(page, "#annonce");
    assert.match(annonce, /^Le lien de partage n'a pas pu être lu : /);
    assert.match(annonce, attendu);
    assert.match(annonce, /La situation n'a pas été restaurée\.$/);
    assert.equal(await page.locator(".personne").count(), 1, "rien n'est construit");
    assert.equal(await page.locator("#p1-role").inputValue(), "allocataire");
    assert.deepEqual(journal.erreursConsole, []);
    await page.close();
  }
});
