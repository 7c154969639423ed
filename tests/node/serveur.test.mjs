// The development server writes into a page the element's script it marks `data-integrer` (one
// request fewer before the household page's first result) and allows exactly that text, by hash,
// in the page's content-security policy. Anything it cannot inline safely stays a `src`.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { demarrer, integrer } from "../../scripts/serve.mjs";

const empreinte = (texte) => "sha256-" + createHash("sha256").update(texte, "utf8").digest("base64");

/** Runs `integrer` on a page of a temporary folder holding `fichiers`. */
async function integrerDans(page, fichiers) {
  const dossier = mkdtempSync(join(tmpdir(), "integrer-"));
  try {
    for (const [nom, texte] of Object.entries(fichiers)) writeFileSync(join(dossier, nom), texte);
    const { contenu, empreintes } = await integrer(join(dossier, "page.html"), Buffer.from(page));
    return { page: contenu.toString("utf8"), empreintes };
  } finally {
    rmSync(dossier, { recursive: true });
  }
}

const balise = (nom) => `<script type="module" async src="${nom}" data-integrer></script>`;

test("le script marqué est écrit dans la page, autorisé par son empreinte", async () => {
  // `$&` and `$1` are written as they are (no replacement pattern).
  const a = "customElements.define('x-a', class extends HTMLElement {}); const s = '$& $1';";
  const { page, empreintes } = await integrerDans(`<head>${balise("a.js")}<script type="module" src="b.js"></script></head>`, { "a.js": a, "b.js": "1;" });
  assert.equal(page, `<head><script type="module" async>${a}</script><script type="module" src="b.js"></script></head>`);
  assert.deepEqual(empreintes, [empreinte(a)]);
});

test("ce qui ne peut pas être écrit sûrement dans la page reste un src", async () => {
  const cas = [
    // What the HTML parser would end or escape early.
    ["a.js", { "a.js": "const t = '</script>';" }],
    ["a.js", { "a.js": "const t = '<!-- x';" }],
    // A missing file.
    ["absent.js", {}],
  ];
  for (const [nom, fichiers] of cas) {
    const avant = `<head>${balise(nom)}</head>`;
    const { page, empreintes } = await integrerDans(avant, fichiers);
    assert.equal(page, avant, nom);
    assert.deepEqual(empreintes, [], nom);
  }
  // A script of another folder, or without the mark, is never read.
  for (const avant of ['<script type="module" async src="../a.js" data-integrer></script>', '<script type="module" async src="a.js"></script>']) {
    const { page, empreintes } = await integrerDans(avant, { "a.js": "1;" });
    assert.equal(page, avant);
    assert.deepEqual(empreintes, []);
  }
});

test("la page du foyer servie porte l'élément écrit dedans et l'empreinte de son texte", async () => {
  const serveur = await demarrer(0);
  try {
    const origine = `http://127.0.0.1:${serveur.address().port}`;
    for (const chemin of ["/", "/www/", "/www/index.html"]) {
      const reponse = await fetch(origine + chemin);
      const page = await reponse.text();
      const scripts = [...page.matchAll(/<script type="module" async>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
      assert.equal(scripts.length, 1, chemin);
      assert.match(scripts[0], /customElements\.define\("caf-indicateurs"/);
      const politique = reponse.headers.get("content-security-policy");
      assert.ok(politique.includes(`script-src 'self' '${empreinte(scripts[0])}' 'wasm-unsafe-eval';`), politique);
      assert.ok(!page.includes("data-integrer"), chemin);
    }
    // Other files keep the policy without any hash.
    const autre = await fetch(origine + "/www/caf-indicateurs.js");
    assert.ok(autre.headers.get("content-security-policy").includes("script-src 'self' 'wasm-unsafe-eval';"));
  } finally {
    await new Promise((ok) => serveur.close(ok));
  }
});
