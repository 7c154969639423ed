// End to end: the household page in headless Chromium, against the optimised release package.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { environnement, espaces, ouvrir as ouvrirPage, requetesExternes, texteComplet } from "./outils.mjs";

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
  await page.close();
});

test("une saisie invalide donne l'erreur française à côté du champ", async () => {
  const { page, journal } = await ouvrir();
  await page.fill("#annee", "2017");
  await page.fill("#p1-age", "30");
  await page.fill("#revenusAnnuels", "12000");
  await page.fill("#prestationsMensuelles", "-5");
  assert.equal(await texte(page, "#erreur-prestationsMensuelles"), "Prestations mensuelles : ne peut pas être négatif.");
  assert.equal(await page.locator("#prestationsMensuelles").getAttribute("aria-invalid"), "true");
  assert.equal(await texte(page, "#annonce"), "Prestations mensuelles : ne peut pas être négatif.");
  assert.equal(await page.locator(".figure").count(), 0);
  // Text in a number field: the message names the field, nothing shows NaN.
  await page.fill("#prestationsMensuelles", "abc");
  assert.equal(await texte(page, "#erreur-prestationsMensuelles"), "Prestations mensuelles : « abc » n'est pas un nombre.");
  await page.fill("#p1-age", "300");
  assert.match(await texte(page, "#p1-erreur"), /^Âge de la personne 1 : doit être compris entre 0 et 120\.$/);
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
