// Random-input soak: 1 000 000 random situations (valid, odd and hostile) through the Node
// package, plus random diagnostics and random household CSV. Counts panics (a wasm trap) and
// non-finite outputs; both must be zero. Deterministic: the same seed gives the same run.
//   node scripts/soak.mjs [SITUATIONS=1000000] [GRAINE=1]
import { readFileSync } from "node:fs";
import { initSync, calculerFoyer, calculerDiagnostic, TraitementFoyers } from "../pkg/indicateurs_caf.js";

initSync({ module: readFileSync(new URL("../pkg/indicateurs_caf_bg.wasm", import.meta.url)) });
const N = Number(process.argv[2] ?? 1_000_000);
let graine = BigInt(process.argv[3] ?? 1);
function hasard() {
  graine = (graine * 6364136223846793005n + 1442695040888963407n) & 0xffffffffffffffffn;
  return Number(graine >> 11n) / 2 ** 53;
}
const entier = (n) => Math.floor(hasard() * n);
const choisir = (liste) => liste[entier(liste.length)];
const etranges = [NaN, Infinity, -Infinity, -0, 0, 1e308, -1e308, 5e-324, 2 ** 53, -1, 0.1, "", " ", "abc", "1 200,50", "1e5", "12,5", null, undefined, true, false, [], {}, [1, 2], { a: 1 }, "\u0000", "💥", "<script>", "=cmd|' /C calc'!A0"];
const nombre = (max) => (hasard() < 0.9 ? Math.round(hasard() * max * 100) / 100 : choisir(etranges));

function personne() {
  const p = { role: hasard() < 0.95 ? choisir(["allocataire", "conjoint", "enfant", "enfant", "autre"]) : choisir(etranges), age: hasard() < 0.95 ? entier(100) : choisir(etranges) };
  if (hasard() < 0.1) p.handicap = hasard() < 0.9 ? hasard() < 0.5 : choisir(etranges);
  if (hasard() < 0.1) p.etudiant = hasard() < 0.9 ? hasard() < 0.5 : choisir(etranges);
  return p;
}

function situation() {
  if (hasard() < 0.01) return choisir(etranges);
  const personnes = [{ role: "allocataire", age: 18 + entier(80) }];
  for (let i = entier(hasard() < 0.99 ? 6 : 40); i > 0; i--) personnes.push(personne());
  const s = { annee: hasard() < 0.97 ? 1995 + entier(40) : choisir(etranges), personnes, revenusAnnuels: nombre(80_000), prestationsMensuelles: nombre(2_000) };
  if (hasard() < 0.3) s.aideLogementMensuelle = nombre(400);
  if (hasard() < 0.3) s.loyerMensuel = nombre(1_200);
  if (hasard() < 0.1) s.seuil = { valeur: nombre(1_500), libelle: choisir(["CCAS", "", "<b>x</b>"]) };
  if (hasard() < 0.1) s.quotientFamilialCaf = nombre(2_000);
  if (hasard() < 0.05) s.plafonds = [{ indicateur: choisir(["ruc", "quotientFamilial", "x"]), valeur: nombre(2_000), strict: hasard() < 0.5 }];
  if (hasard() < 0.02) delete s[choisir(["annee", "personnes", "revenusAnnuels", "prestationsMensuelles"])];
  return s;
}

const bilan = { situations: 0, resultats: 0, erreurs: 0, diagnostics: 0, lignesCsv: 0, paniques: 0, nonFinis: 0, erreursMalFormees: 0 };
function verifierNombres(v, chemin) {
  if (typeof v === "number" && !Number.isFinite(v)) { bilan.nonFinis++; console.error("non fini :", chemin); }
  else if (typeof v === "string" && v.includes("NaN")) { bilan.nonFinis++; console.error("NaN affiché :", chemin, v.slice(0, 200)); }
  else if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) verifierNombres(x, chemin + "." + k);
}
function appeler(f) {
  try {
    const r = f();
    bilan.resultats++;
    verifierNombres(r, "resultat");
  } catch (e) {
    if (e instanceof WebAssembly.RuntimeError) {
      bilan.paniques++;
      console.error("PANIQUE :", e);
      process.exit(1);
    }
    bilan.erreurs++;
    if (!(e instanceof Error) || typeof e.champ !== "string" || e.message.length < 10) bilan.erreursMalFormees++;
  }
}

const debut = performance.now();
for (let i = 0; i < N; i++) {
  appeler(() => calculerFoyer(situation()));
  bilan.situations++;
  if (i % 50 === 0) {
    const t = { nom: choisir(["Somme", "Aisne", "<i>x</i>", ""]), annee: hasard() < 0.95 ? 2020 : choisir(etranges), valeurs: {} };
    for (const cle of ["habitants", "allocataires", "personnesCouvertes", "famillesMonoparentales", "couplesAvecEnfants", "beneficiairesRsa", "partBasRevenus", "enfantsMoins3", "enfants"]) {
      if (hasard() < 0.8) t.valeurs[cle] = hasard() < 0.9 ? entier(100_000) : choisir(etranges);
    }
    appeler(() => calculerDiagnostic(t, { ...t, nom: "Nord" }, hasard() < 0.1 ? { radar: { bande: nombre(100) } } : undefined));
    bilan.diagnostics++;
  }
  if (i % 1000 === 0) {
    const lignes = ["id;annee;personnes;revenus_annuels;prestations_mensuelles;aide_logement;loyer"];
    for (let k = 0; k < 50; k++) lignes.push([k, 2010 + entier(20), choisir(["A35", "A30|C31|E4", "A70", "X", "A35|A36", "E4", ""]), nombre(50_000), nombre(900), hasard() < 0.5 ? "" : nombre(300), ""].join(choisir([";", ";", ";", ","])));
    const t = new TraitementFoyers(true, 0);
    appeler(() => {
      const csv = t.traiter(new TextEncoder().encode(lignes.join("\n"))) + t.terminer();
      // Computed columns only (the id and the error message may quote what was typed).
      for (const ligne of csv.split("\n").slice(1).filter(Boolean)) {
        const c = ligne.split(";");
        for (const i of [2, 3, 4, 5, 6, 7, 8, 14]) if (/NaN|inf/i.test(c[i] ?? "")) { bilan.nonFinis++; console.error("non fini en CSV :", ligne.slice(0, 200)); }
      }
      return null;
    });
    t.free();
    bilan.lignesCsv += 50;
  }
}
bilan.secondes = Math.round((performance.now() - debut) / 100) / 10;
console.log(JSON.stringify(bilan));
if (bilan.paniques || bilan.nonFinis || bilan.erreursMalFormees) process.exit(1);
