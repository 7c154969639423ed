// The project stands alone: no tracked file reads or links a path outside the repository.
//   node scripts/autonomie.mjs     exits 1 and lists every offending line.
// Rules:
//   1. no sibling folder of a development machine is named: the common specification, data and
//      reference folders beside the checkout, the tool library, the absolute work directory (the
//      names are assembled below from pieces, so that this file passes its own check too);
//   2. a relative path with `../` must stay inside the repository, resolved from the file's own
//      folder (links in documents, `import.meta.url`, `include_str!`) — and, in Rust, shell and
//      TOML files whose paths are read from the crate root, from the root as well.
// Lock files and the open data (data/**/*.csv) are not scanned.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";

const racine = path.resolve(new URL("..", import.meta.url).pathname);
const fichiers = execFileSync("git", ["ls-files", "-z"], { cwd: racine, encoding: "utf8" })
  .split("\0")
  .filter((f) => f && !f.endsWith(".lock") && !f.endsWith("package-lock.json") && !/^data\/.*\.csv$/.test(f));

const PARTAGE = ["sha", "red"].join("");
const VOISINS = new RegExp(
  [`\\.\\./${PARTAGE}\\b`, `\\b${PARTAGE}/(spec|data|reference|toolchain|hooks)\\b`, ["\\.lib", "rary\\b"].join(""), ["/wo", "rk/"].join("")].join("|"),
);
const RELATIF = /(?:\.\.\/)+[A-Za-z0-9_.\-]+/g;
const DEPUIS_LA_RACINE = /\.(rs|sh|toml)$/;
// Lines whose paths are relative to the file itself, even in Rust.
const RELATIF_AU_FICHIER = /include_str!|include_bytes!|#\[path|import\.meta\.url|path\s*=\s*"/;

const dehors = (depuis, chemin) => {
  const cible = path.resolve(depuis, chemin);
  return cible !== racine && !cible.startsWith(racine + path.sep);
};

const fautes = [];
for (const f of fichiers) {
  let texte;
  try {
    texte = readFileSync(path.join(racine, f), "utf8");
  } catch {
    continue;
  }
  if (texte.includes("\0")) continue; // binary
  const dossier = path.dirname(path.join(racine, f));
  texte.split("\n").forEach((ligne, i) => {
    const ou = `${f}:${i + 1}`;
    if (VOISINS.test(ligne)) fautes.push(`${ou} : nomme un dossier hors du dépôt : ${ligne.trim()}`);
    for (const [chemin] of ligne.matchAll(RELATIF)) {
      const racineSeule = DEPUIS_LA_RACINE.test(f) && !RELATIF_AU_FICHIER.test(ligne);
      const sort = racineSeule ? dehors(racine, chemin) : dehors(dossier, chemin);
      if (sort) fautes.push(`${ou} : « ${chemin} » sort du dépôt`);
    }
  });
}

if (fautes.length) {
  console.error(`ÉCHEC : ${fautes.length} référence(s) hors du dépôt :\n  ${fautes.join("\n  ")}`);
  process.exit(1);
}
console.log(`autonomie : ${fichiers.length} fichiers suivis, aucune référence hors du dépôt`);
