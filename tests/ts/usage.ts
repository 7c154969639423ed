// Type-checked against pkg/indicateurs_caf.d.ts by the test command (tsc --noEmit --strict):
// the declarations describe every input and output a partner uses.
import init, {
  calculerFoyer,
  calculerDiagnostic,
  ComptesImportes,
  exporterDiagnosticCsv,
  importerDonnees,
  seuils,
  TraitementFoyers,
  type ApercuComptes,
  type Diagnostic,
  type ErreurSaisie,
  type ImportDonnees,
  type Resultat,
  type Seuil,
  type Situation,
  type SeuilsPopulation,
  type TerritoireSaisi,
} from "../../pkg/indicateurs_caf.js";

export async function exemple(): Promise<string> {
  await init({ module_or_path: "/static/indicateurs_caf_bg.wasm" });
  const situation: Situation = {
    annee: 2017,
    personnes: [{ role: "allocataire", age: 35 }, { role: "enfant", age: 5, handicap: true }],
    revenusAnnuels: "14 400",
    prestationsMensuelles: 350,
    seuil: { valeur: 900, libelle: "CCAS" },
    plafonds: [{ indicateur: "quotientFamilial", valeur: 700 }],
  };
  const r: Resultat = calculerFoyer(situation);
  const bas: boolean | null = r.basRevenus;
  const premier: Seuil | undefined = seuils()[0];
  const t: TerritoireSaisi = { nom: "Somme", annee: 2020, valeurs: { allocataires: 100 } };
  const d: Diagnostic = calculerDiagnostic(t, t, { radar: { bande: 20 } });
  const cellule: string = d.sections[0]?.lignes[0]?.reference.affiche ?? "";
  const i: ImportDonnees = importerDonnees([{ nom: "data_CAF_2020_IRIS.csv", contenu: new Uint8Array() }]);
  const lot = new TraitementFoyers(true, performance.now());
  const csv: string = lot.traiter(new Uint8Array()) + lot.terminer();
  // The medians year by year, as a table row under its headers, and as a CSV for spreadsheets.
  const annees: SeuilsPopulation[] = lot.seuilsParAnnee("personnes");
  const ligne: string = (annees[0]?.colonnes ?? []).map((c, k) => `${c} : ${annees[0]?.cellules[k]}`).join(", ") + (annees[0]?.legende ?? "");
  const medianes: string = lot.seuilsParAnneeCsv("foyers") + ligne;
  // A counts file kept in the module: its rows listed, one territory studied against another.
  const comptes = new ComptesImportes({ nom: "comptes.csv", contenu: new Uint8Array() }, (p, etape) => console.log(p.texte, etape));
  const apercu: ApercuComptes = comptes.apercu();
  const nomme: string | null = apercu.lignes[0]?.reference ?? null;
  const etude: Diagnostic = calculerDiagnostic(comptes.territoire(0), comptes.territoire(1));
  comptes.free();
  try {
    calculerFoyer({ ...situation, annee: 1800 });
  } catch (e) {
    const champ: string = (e as ErreurSaisie).champ;
    return `${champ} ${bas} ${premier?.valeur} ${cellule} ${i.annee} ${csv} ${exporterDiagnosticCsv(t, t).length} ${r.figures[0]?.explication} ${medianes} ${nomme} ${etude.nom}`;
  }
  return "";
}
