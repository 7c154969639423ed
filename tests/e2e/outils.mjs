// Shared by the end-to-end tests: the static server of scripts/serve.mjs on a free port, and
// Debian's Chromium driven by playwright-core, with every request, console message and CSP
// violation recorded.
import { chromium } from "playwright-core";
import { demarrer } from "../../scripts/serve.mjs";

export const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
const ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic"];

export async function environnement() {
  const serveur = await demarrer(0);
  const origine = `http://127.0.0.1:${serveur.address().port}`;
  const navigateur = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  return {
    origine,
    navigateur,
    async page() {
      const page = await navigateur.newPage();
      const journal = { requetes: [], erreursConsole: [], violationsCsp: [] };
      page.on("request", (r) => journal.requetes.push(r.url()));
      page.on("console", (m) => { if (m.type() === "error") journal.erreursConsole.push(m.text()); });
      page.on("pageerror", (e) => journal.erreursConsole.push(String(e)));
      await page.addInitScript(() => {
        document.addEventListener("securitypolicyviolation", (e) => {
          (window.__violations ??= []).push(`${e.violatedDirective} ${e.blockedURI}`);
        });
      });
      journal.violations = async () => page.evaluate(() => window.__violations ?? []);
      return { page, journal };
    },
    async fermer() {
      await navigateur.close();
      await new Promise((ok) => serveur.close(ok));
    },
  };
}

/** Requests to any origin other than the page's own (data: and blob: are local). */
export function requetesExternes(journal, origine) {
  return journal.requetes.filter((u) => !u.startsWith(origine + "/") && !u.startsWith("data:") && !u.startsWith("blob:"));
}

/** Opens a page of the site and waits until every calculator on it is ready. */
export async function ouvrir(env, chemin) {
  const { page, journal } = await env.page();
  await page.goto(env.origine + chemin);
  await pret(page);
  return { page, journal };
}

/** Waits until the page is ready: every <caf-indicateurs> has loaded the package, or, on a page
 * without one (the batch page), the page's own script says so. */
export async function pret(page) {
  await page.waitForFunction(() => {
    const elements = [...document.querySelectorAll("caf-indicateurs")];
    return elements.length > 0 ? elements.every((e) => e.dataset.pret === "oui") : document.body.dataset.pret === "oui";
  });
}

/** All the text of the page, shadow roots included. */
export async function texteComplet(page) {
  return page.evaluate(() => {
    const morceaux = [document.body.innerText];
    for (const e of document.querySelectorAll("caf-indicateurs")) morceaux.push(e.shadowRoot?.textContent ?? "");
    return morceaux.join("\n");
  });
}

/** The displayed text nodes (page and shadow roots, code aside) where an ordinary space stands
 * before « : ; ! ? » » or after « « »: places where a narrow screen may break a line before a
 * colon, which French typography forbids (www/element/typographie.js). */
export async function coupuresFautives(page) {
  return page.evaluate(() => {
    const racines = [document.body, ...[...document.querySelectorAll("caf-indicateurs")].map((e) => e.shadowRoot)];
    const fautes = [];
    for (const racine of racines) {
      const parcours = document.createTreeWalker(racine, NodeFilter.SHOW_TEXT);
      for (let n = parcours.nextNode(); n; n = parcours.nextNode()) {
        if (n.parentElement?.closest("code, pre, textarea, script, style, svg")) continue;
        if (/ [:;!?»]|« /.test(n.data)) fautes.push(n.data.trim().slice(0, 80));
      }
    }
    return fautes;
  });
}

/** Text with no-break spaces as plain spaces. */
export const espaces = (s) => s.replace(/[\u202f\u00a0]/g, " ").trim();

/** Today's date as French writes it (« 1er décembre 2026 »), computed here independently of the
 * package, to check the dates the pages print. */
export function dateDuJour() {
  const mois = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"];
  const d = new Date();
  return `${d.getDate() === 1 ? "1er" : d.getDate()} ${mois[d.getMonth()]} ${d.getFullYear()}`;
}
