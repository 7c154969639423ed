//! The TypeScript declarations of the package (`contrat::TYPES`) describe what JavaScript really
//! receives: for every output type, each key of a real serialised value is declared, and each
//! declared key that is not optional (`?:`) is present.

#![cfg(not(target_arch = "wasm32"))]

use std::collections::{BTreeMap, BTreeSet};

use indicateurs_caf::contrat::{
    calculer_diagnostic_valeur, calculer_foyer_valeur, cles_diagnostic_js, importer_comptes_fichier,
    importer_donnees_fichiers, roles_js, ComptesJs, FichierRecu, ProgressionJs, SeuilsPopulationJs, TYPES,
};
use indicateurs_caf::lot::{seuils_population, LotFoyers, Ponderation};
use indicateurs_caf::valeur::Valeur;
use serde_json::{json, Value};

/// Fields of every `export interface` of the declarations: name → (field → optional), with the
/// fields of the interface it extends.
fn interfaces() -> BTreeMap<String, BTreeMap<String, bool>> {
    let mut propres: BTreeMap<String, (Option<String>, BTreeMap<String, bool>)> = BTreeMap::new();
    let mut courant: Option<(String, Option<String>, BTreeMap<String, bool>)> = None;
    let mut profondeur = 0i32;
    for ligne in TYPES.lines() {
        let t = ligne.trim();
        if courant.is_none() {
            if let Some(reste) = t.strip_prefix("export interface ") {
                let mut mots = reste.trim_end_matches('{').split_whitespace();
                let nom = mots.next().unwrap().to_string();
                let base = (mots.next() == Some("extends")).then(|| mots.next().unwrap().to_string());
                courant = Some((nom, base, BTreeMap::new()));
                profondeur = 1;
            }
            continue;
        }
        if profondeur == 1 && !t.starts_with("/*") && !t.starts_with('*') {
            let nom: String = t.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
            let suite = &t[nom.len()..];
            if !nom.is_empty() && (suite.starts_with(':') || suite.starts_with("?:")) {
                courant.as_mut().unwrap().2.insert(nom, suite.starts_with('?'));
            }
        }
        profondeur += t.matches('{').count() as i32 - t.matches('}').count() as i32;
        if profondeur == 0 {
            let (nom, base, champs) = courant.take().unwrap();
            propres.insert(nom, (base, champs));
        }
    }
    let mut toutes = BTreeMap::new();
    for nom in propres.keys() {
        let mut champs = BTreeMap::new();
        let mut n = Some(nom.clone());
        // A base outside the declarations (`Error`) adds no checked field.
        while let Some((base, propres_champs)) = n.and_then(|x| propres.get(&x)) {
            for (k, v) in propres_champs {
                champs.entry(k.clone()).or_insert(*v);
            }
            n = base.clone();
        }
        toutes.insert(nom.clone(), champs);
    }
    toutes
}

#[track_caller]
fn conforme(declarations: &BTreeMap<String, BTreeMap<String, bool>>, interface: &str, valeur: &Value) {
    let champs = declarations.get(interface).unwrap_or_else(|| panic!("interface {interface} non déclarée"));
    let cles: BTreeSet<&String> =
        valeur.as_object().unwrap_or_else(|| panic!("{interface} : pas un objet")).keys().collect();
    let non_declarees: Vec<_> = cles.iter().filter(|k| !champs.contains_key(**k)).collect();
    let absentes: Vec<_> =
        champs.iter().filter(|(k, optionnel)| !**optionnel && !cles.contains(k)).map(|(k, _)| k).collect();
    assert!(non_declarees.is_empty(), "{interface} : clés émises mais non déclarées : {non_declarees:?}");
    assert!(absentes.is_empty(), "{interface} : clés déclarées obligatoires mais absentes : {absentes:?}");
}

fn valeur(v: Value) -> Valeur {
    serde_json::from_value(v).unwrap()
}

#[test]
fn chaque_type_de_sortie_egale_sa_declaration() {
    let d = interfaces();
    let situation = json!({
        "annee": 2024,
        "personnes": [{"role": "allocataire", "age": 35}, {"role": "enfant", "age": 4, "handicap": true}],
        "revenusAnnuels": -14400, "prestationsMensuelles": 400, "aideLogementMensuelle": 150, "loyerMensuel": 600,
        "plafonds": [{"libelle": "Aide aux vacances", "indicateur": "quotientFamilial", "valeur": 700}]
    });
    let r = serde_json::to_value(calculer_foyer_valeur(&valeur(situation)).unwrap()).unwrap();
    conforme(&d, "Resultat", &r);
    conforme(&d, "Seuil", &r["seuil"]);
    conforme(&d, "PositionInsee", &r["seuilsInsee"][0]);
    conforme(&d, "Figure", &r["figures"][0]);
    conforme(&d, "Eligibilite", &r["eligibilites"][0]);
    conforme(&d, "Verdict", &r["verdicts"][0]);
    conforme(&d, "AlerteChamp", &r["alertesChamps"][0]);

    let exemple: Value = serde_json::from_str(include_str!("../www/exemples/pays-opale.json")).unwrap();
    let diag = calculer_diagnostic_valeur(
        &valeur(exemple["territoire"].clone()),
        &valeur(exemple["reference"].clone()),
        &Valeur::Nul,
    );
    let diag = serde_json::to_value(diag.unwrap()).unwrap();
    conforme(&d, "Diagnostic", &diag);
    let export = indicateurs_caf::contrat::diagnostic_json_valeur(
        &valeur(exemple["territoire"].clone()),
        &valeur(exemple["reference"].clone()),
        &Valeur::Nul,
        "2026-11-29",
    );
    conforme(&d, "EtudeExportee", &serde_json::to_value(export.unwrap()).unwrap());
    conforme(&d, "Section", &diag["sections"][1]);
    conforme(&d, "Ligne", &diag["sections"][1]["lignes"][0]);
    conforme(&d, "Cellule", &diag["sections"][1]["lignes"][0]["reference"]);
    conforme(&d, "AxeRadar", &diag["radarAxes"][0]);
    conforme(&d, "CleDiagnostic", &serde_json::to_value(&cles_diagnostic_js()[0]).unwrap());
    conforme(&d, "RoleInfo", &serde_json::to_value(&roles_js()[0]).unwrap());

    let iris = "CODGEO;NOTE;A;PERCOU;AI;AM;ACSSENF;ACAVENF;ENF;ENF_2;ENF_3_5;AAL;AAAH;APPA;ARSAS\n\
                010040101;0;501;1200;238;66;23;174;485;76;77;100;10;50;20\n";
    let fichier = FichierRecu { nom: "data_CAF_2020_IRIS.csv".into(), contenu: iris.as_bytes().to_vec(), annee: None };
    let import = serde_json::to_value(importer_donnees_fichiers(&[fichier]).unwrap()).unwrap();
    conforme(&d, "ImportDonnees", &import);
    conforme(&d, "TerritoireImporte", &import["territoires"][0]);

    let comptes = "code;nom;niveau;annee;reference;allocataires;allocataires_5ans\n62;P;departement;2020;;10;9\nx;X;epci;2020;62;abc;1\n\
                   y;Y;epci;2020;62;4;3\nz;Z;epci;2020;62;5;3\n";
    let f = FichierRecu { nom: "comptes.csv".into(), contenu: comptes.as_bytes().to_vec(), annee: None };
    let c = serde_json::to_value(ComptesJs::from(&importer_comptes_fichier(&f).unwrap())).unwrap();
    conforme(&d, "ComptesTerritoires", &c);
    conforme(&d, "MoyenneRadar", &c["moyennes"][0]);
    conforme(&d, "LigneComptes", &c["lignes"][0]);
    conforme(&d, "TerritoireComptes", &c["lignes"][0]["territoire"]);
    conforme(&d, "ErreurLigne", &c["erreurs"][0]);

    let mut lot = LotFoyers::new(true);
    let mut sortie = Vec::new();
    let contenu = "id;annee;personnes;revenus_annuels;prestations_mensuelles\nF1;2017;A35|C33|E5;14400;350\n";
    lot.traiter(contenu.as_bytes(), &mut sortie).unwrap();
    lot.terminer(&mut sortie).unwrap();
    let progression = ProgressionJs::from(&lot.progression(contenu.len() as u64, 10));
    conforme(&d, "Progression", &serde_json::to_value(progression).unwrap());
    let mut points = lot.points().to_vec();
    let seuils = seuils_population(&mut points, Ponderation::Personnes).unwrap();
    conforme(&d, "SeuilsPopulation", &serde_json::to_value(SeuilsPopulationJs::from(&seuils)).unwrap());
}

#[test]
fn le_lecteur_de_declarations_voit_les_champs_et_l_heritage() {
    let d = interfaces();
    assert_eq!(d["PositionInsee"].get("rucInsee"), Some(&false));
    assert_eq!(d["PositionInsee"].get("annee"), Some(&false), "champ hérité de Seuil");
    assert_eq!(d["Situation"].get("loyerMensuel"), Some(&true));
    assert!(!d["OptionsDiagnostic"].contains_key("bande"), "un champ d'un objet imbriqué n'est pas de premier niveau");
}

#[track_caller]
fn date_refusee(annee: f64, mois: f64, jour: f64, champ: &str, extrait: &str) {
    let e = indicateurs_caf::contrat::date_longue_js(annee, mois, jour).unwrap_err();
    assert_eq!(e.champ, champ, "{annee}-{mois}-{jour}");
    assert!(e.message.starts_with(&format!("{champ} : ")) && e.message.contains(extrait), "{}", e.message);
}

#[test]
fn date_longue_regles() {
    let date = |a, m, j| indicateurs_caf::contrat::date_longue_js(a, m, j).unwrap();
    assert_eq!(date(2026.0, 11.0, 30.0), "30 novembre 2026");
    assert_eq!(date(2026.0, 12.0, 1.0), "1er décembre 2026");
    assert_eq!(date(2024.0, 2.0, 29.0), "29 février 2024");
    date_refusee(f64::NAN, 1.0, 1.0, "annee", "de 1 à 9999");
    date_refusee(0.0, 1.0, 1.0, "annee", "de 1 à 9999");
    date_refusee(10_000.0, 1.0, 1.0, "annee", "de 1 à 9999");
    date_refusee(2026.5, 1.0, 1.0, "annee", "de 1 à 9999");
    date_refusee(2026.0, 0.0, 1.0, "mois", "de 1 à 12");
    date_refusee(2026.0, 13.0, 1.0, "mois", "de 1 à 12");
    date_refusee(2026.0, f64::INFINITY, 1.0, "mois", "de 1 à 12");
    date_refusee(2026.0, 1.0, 0.0, "jour", "de 1 à 31");
    date_refusee(2026.0, 1.0, -3.0, "jour", "de 1 à 31");
    date_refusee(2026.0, 4.0, 31.0, "jour", "le mois 4 de 2026 n'a pas de jour 31");
    date_refusee(2025.0, 2.0, 29.0, "jour", "n'a pas de jour 29");
}
