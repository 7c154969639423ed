// Static server for the page, bound to 127.0.0.1 only. No dependency.
//   node scripts/serve.mjs            → http://127.0.0.1:8080/  (PORT=… to change, PORT=0: any free port)
// Serves www/ at / and /www/, the wasm package at /pkg/, the DSFR at /dsfr/, with the strict content-security
// policy partner portals use, so that the page is tested under it.
// A page that marks the element's script `data-integrer` gets the element's text written into it
// (see `integrer`): one request fewer before the first result.
import { createHash } from "node:crypto";
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { dirname, extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

const racine = resolve(fileURLToPath(new URL("..", import.meta.url)));
const montages = [
  ["/pkg/", join(racine, "pkg")],
  // The State design system (DSFR), served locally for the demo pages.
  ["/dsfr/", join(racine, "node_modules", "@gouvfr", "dsfr", "dist")],
  // The same next to the pages served under /www/ (www/dsfr-pages.css links its fonts as dsfr/…).
  ["/www/dsfr/", join(racine, "node_modules", "@gouvfr", "dsfr", "dist")],
  ["/www/", join(racine, "www")],
  // The benchmark page (scripts/bench.sh).
  ["/banc/", join(racine, "bench")],
  ["/", join(racine, "www")],
];
const types = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".ts": "text/plain; charset=utf-8",
  ".csv": "text/csv; charset=utf-8",
  ".woff2": "font/woff2",
  ".woff": "font/woff",
  ".png": "image/png",
  ".ico": "image/x-icon",
};
/** The policy; `empreintes`: the hashes of the inline scripts this response may run. */
const csp = (empreintes = []) =>
  `default-src 'self'; script-src 'self'${empreintes.map((e) => ` '${e}'`).join("")} 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'self'`;

// `<script type="module" async src="caf-indicateurs.js" data-integrer></script>`: the element, a
// file of the page's own folder, by name only (an inline module resolves its imports and
// import.meta.url against the page: the same folder).
const A_INTEGRER = /<script type="module" async src="([\w.-]+\.js)" data-integrer><\/script>/;

/**
 * Writes into an HTML page the script it marks `data-integrer`, and returns the page with the
 * hash that allows exactly that text under the policy (README « Premier résultat »: one request
 * fewer before the first result). A page served by any other server keeps its `src` and loads
 * the file as usual; so does a script the HTML parser would cut (`</script`, `<!--`), or one that
 * is missing.
 */
export async function integrer(cible, contenu) {
  const page = contenu.toString("utf8");
  const marque = A_INTEGRER.exec(page);
  if (!marque) return { contenu, empreintes: [] };
  let script;
  try {
    script = await readFile(join(dirname(cible), marque[1]), "utf8");
  } catch {
    return { contenu, empreintes: [] };
  }
  if (/<\/script|<!--/i.test(script)) return { contenu, empreintes: [] };
  const integree = page.replace(marque[0], () => `<script type="module" async>${script}</script>`);
  const empreinte = "sha256-" + createHash("sha256").update(script, "utf8").digest("base64");
  return { contenu: Buffer.from(integree, "utf8"), empreintes: [empreinte] };
}

async function fichier(chemin) {
  let url;
  try {
    url = decodeURIComponent(new URL(chemin, "http://x").pathname);
  } catch {
    return null;
  }
  for (const [prefixe, dossier] of montages) {
    if (!url.startsWith(prefixe)) continue;
    let cible = normalize(join(dossier, url.slice(prefixe.length)));
    if (cible !== dossier && !cible.startsWith(dossier + sep)) return null;
    try {
      if ((await stat(cible)).isDirectory()) cible = join(cible, "index.html");
      return { cible, contenu: await readFile(cible) };
    } catch {
      return null;
    }
  }
  return null;
}

export function demarrer(port = Number(process.env.PORT ?? 8080)) {
  const serveur = createServer(async (req, res) => {
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405).end();
      return;
    }
    const f = await fichier(req.url ?? "/");
    if (!f) {
      res.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("Introuvable");
      return;
    }
    const { contenu, empreintes } = extname(f.cible) === ".html" ? await integrer(f.cible, f.contenu) : { contenu: f.contenu, empreintes: [] };
    res.writeHead(200, {
      "content-type": types[extname(f.cible)] ?? "application/octet-stream",
      "content-security-policy": csp(empreintes),
      "x-content-type-options": "nosniff",
      "referrer-policy": "no-referrer",
      "cache-control": "no-store",
    });
    res.end(req.method === "HEAD" ? undefined : contenu);
  });
  return new Promise((ok) => serveur.listen(port, "127.0.0.1", () => ok(serveur)));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const serveur = await demarrer();
  const { port } = serveur.address();
  console.log(`Calculateur servi sur http://127.0.0.1:${port}/ (Ctrl+C pour arrêter)`);
}
