// The plain JavaScript baseline of the benchmark: the same household formulas and the same
// output as the wasm batch (the benchmark checks both outputs are equal before timing).
// Integer arithmetic on Numbers (exact below 2^53), like the Rust core.

const SEUILS_CAF = [[2016, 104500], [2017, 105200], [2019, 109700]];
const FORFAITS = [[2019, 5383, 1220], [2020, 5399, 1224], [2021, 5422, 1229], [2022, 5612, 1272], [2023, 5808, 1317], [2024, 5997, 1360], [2025, 6059, 1374]];

function seuil(annee) {
  let choisi = null;
  for (const s of SEUILS_CAF) if (s[0] <= annee) choisi = s;
  return choisi ?? SEUILS_CAF[0];
}

function forfait(annee) {
  let choisi = null;
  for (const f of FORFAITS) if (f[0] <= annee) choisi = f;
  return choisi ?? FORFAITS[0];
}

function centimes(texte) {
  if (texte === "") return null;
  return Math.round(parseFloat(texte.replace(",", ".")) * 100);
}

function decimal(valeur, decimales) {
  const p = 10 ** decimales;
  const signe = valeur < 0 ? "-" : "";
  const v = Math.abs(valeur);
  const entier = Math.floor(v / p);
  return decimales === 0 ? signe + entier : `${signe}${entier},${String(v % p).padStart(decimales, "0")}`;
}

export function traiterFoyers(texte) {
  const lignes = texte.split("\n");
  const sortie = ["ligne;id;annee;uc;uc_insee;ruc;ruc_hors_prestations;seuil_annee;seuil;bas_revenus;fragile;dependance50;dependance100;hors_champ;taux_effort;erreur_champ;erreur"];
  for (let i = 1; i < lignes.length; i++) {
    const ligne = lignes[i];
    if (ligne === "") continue;
    const c = ligne.split(";");
    const annee = parseInt(c[1], 10);
    let conjoint = false, enfants = 0, grands = 0, petits = 0, horsChamp = "", aCharge = 0;
    const personnes = c[2].split("|");
    for (const p of personnes) {
      const role = p[0];
      const age = parseInt(p.slice(1), 10);
      if (role === "A") {
        if (age >= 65) horsChamp = "l'allocataire a 65 ans ou plus";
      } else if (role === "C") {
        conjoint = true;
        if (age >= 65 && horsChamp === "") horsChamp = "le conjoint a 65 ans ou plus";
      } else {
        if (role === "E") enfants++;
        aCharge++;
        if (age >= 14) grands++; else petits++;
      }
    }
    const monoparental = !conjoint && enfants > 0;
    const ucInsee = 10 + (conjoint ? 5 : 0) + 5 * grands + 3 * petits;
    const uc = ucInsee + (monoparental ? 2 : 0);
    const revenus = Math.max(0, centimes(c[3]));
    const prestations = centimes(c[4]);
    const al = centimes(c[5] ?? "") ?? 0;
    const loyer = centimes(c[6] ?? "");
    const douziemes = revenus + 12 * prestations;
    const [seuilAnnee, s] = seuil(annee);
    const sous = 5 * douziemes < 6 * uc * s;
    const hpSous = 5 * revenus < 6 * uc * s;
    const ruc = Math.floor((10 * douziemes + 6 * uc) / (12 * uc));
    const rucHp = Math.floor((10 * revenus + 6 * uc) / (12 * uc));
    const dep50 = douziemes > 0 && 24 * prestations >= douziemes;
    const dep100 = douziemes > 0 && revenus === 0;
    let effort = "";
    if (loyer !== null) {
      const [, base, par] = forfait(annee);
      const reste = Math.max(0, loyer + base + par * aCharge - al);
      const assiette = douziemes - 12 * al;
      if (assiette > 0) effort = decimal(Math.floor((2 * reste * 12000 + assiette) / (2 * assiette)), 1);
    }
    const ouiNon = (b) => (b ? "oui" : "non");
    sortie.push([
      i + 1, c[0], annee, decimal(uc, 1), decimal(ucInsee, 1), decimal(ruc, 2), decimal(rucHp, 2), seuilAnnee, decimal(s, 2),
      horsChamp ? "" : ouiNon(sous), horsChamp ? "" : ouiNon(hpSous && !sous), ouiNon(dep50), ouiNon(dep100), horsChamp, effort, "", "",
    ].join(";"));
  }
  return sortie.join("\n") + "\n";
}
