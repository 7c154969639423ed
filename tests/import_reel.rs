//! Import of the real INSEE / CNAF open data the project carries in `data/` (see
//! `data/README.md`). Each figure is checked against an independent reading of the file.

#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeMap;
use std::fs;

use indicateurs_caf::import::{importer, Fichier, Import, Niveau};

const IRIS: &str = "data/insee-caf-iris";
const POPULATION: &str = "data/insee-population-communes/donnees_communes.csv";

fn lire(chemin: &str) -> Vec<u8> {
    fs::read(chemin).unwrap_or_else(|e| panic!("{chemin} : {e} (les données ouvertes du projet sont dans data/)"))
}

/// An independent reading: split on ';', drop the BOM and the spaces inside numbers, sum a
/// column by commune (first 5 characters of CODGEO, or DEPCOM).
fn sommes_independantes(contenu: &[u8], colonne: &str) -> (usize, BTreeMap<String, i64>) {
    let texte = String::from_utf8_lossy(contenu);
    let texte = texte.trim_start_matches('\u{feff}');
    let mut lignes = texte.lines();
    let entete: Vec<&str> = lignes.next().unwrap().split(';').collect();
    let i = entete.iter().position(|c| *c == colonne).unwrap();
    let ic = entete.iter().position(|c| *c == "CODGEO").unwrap();
    let mut n = 0;
    let mut m = BTreeMap::new();
    for l in lignes {
        if l.trim().is_empty() {
            continue;
        }
        n += 1;
        let cellules: Vec<&str> = l.split(';').collect();
        let commune: String = cellules[ic].chars().take(5).collect();
        let v: String = cellules[i].chars().filter(|c| c.is_ascii_digit()).collect();
        if !v.is_empty() {
            *m.entry(commune).or_insert(0) += v.parse::<i64>().unwrap();
        }
    }
    (n, m)
}

fn importe(annees: &[i32], population: bool) -> Import {
    let contenus: Vec<(String, Vec<u8>)> = annees
        .iter()
        .map(|a| (format!("data_CAF_{a}_IRIS.csv"), lire(&format!("{IRIS}/data_CAF_{a}_IRIS.csv"))))
        .collect();
    let pop = population.then(|| lire(POPULATION));
    let mut fichiers: Vec<Fichier> =
        contenus.iter().map(|(n, c)| Fichier { nom: n, contenu: c, annee: None }).collect();
    if let Some(p) = &pop {
        fichiers.push(Fichier { nom: "donnees_communes.csv", contenu: p, annee: None });
    }
    importer(&fichiers).unwrap()
}

#[test]
fn nombre_de_lignes_de_chaque_fichier() {
    // The first description of these files said 13 147 and 13 278 for 2016 and 2017: it missed
    // the last line, which has no final newline (data/insee-caf-iris/SOURCE.md; Python agrees).
    for (annee, lignes) in [(2016, 13_148), (2017, 13_279), (2018, 13_349), (2019, 13_424), (2020, 13_444)] {
        let i = importe(&[annee], false);
        assert_eq!(i.lignes_lues, lignes, "{annee}");
        assert_eq!(i.annee, annee);
        assert!(i.avertissements.iter().all(|a| !a.contains("ligne ignorée")), "{annee} : {:?}", i.avertissements);
    }
}

#[test]
fn totaux_par_departement_egaux_a_une_lecture_independante() {
    for (annee, colonne, cle) in
        [(2020, "A", "allocataires"), (2016, "PERCOU", "personnesCouvertes"), (2017, "ENF", "enfants")]
    {
        let contenu = lire(&format!("{IRIS}/data_CAF_{annee}_IRIS.csv"));
        let (_, par_commune) = sommes_independantes(&contenu, colonne);
        let i = importe(&[annee], false);
        let mut attendu: BTreeMap<String, i64> = BTreeMap::new();
        for (commune, v) in &par_commune {
            let dep = if commune.starts_with("97") { &commune[..3] } else { &commune[..2] };
            *attendu.entry(dep.to_string()).or_insert(0) += v;
        }
        let obtenu: BTreeMap<String, i64> = i
            .territoires
            .iter()
            .filter(|t| t.niveau == Niveau::Departement)
            .map(|t| (t.code.clone(), t.valeurs.get(cle).copied().unwrap_or(0)))
            .collect();
        assert_eq!(obtenu, attendu, "{annee} {colonne}");
        let total: i64 = obtenu.values().sum();
        assert!(total > 1_000_000, "{annee} {colonne} : total {total}");
    }
}

#[test]
fn espaces_fines_dans_les_nombres_de_2016() {
    // IRIS 010040102 (Ambérieu-en-Bugey) publishes PERCOU "2 256" with U+202F in 2016.
    let i = importe(&[2016], false);
    let amberieu = i.territoires.iter().find(|t| t.niveau == Niveau::Commune && t.code == "01004").unwrap();
    let (_, attendu) = sommes_independantes(&lire(&format!("{IRIS}/data_CAF_2016_IRIS.csv")), "PERCOU");
    assert_eq!(amberieu.valeurs["personnesCouvertes"], attendu["01004"]);
    assert!(amberieu.valeurs["personnesCouvertes"] > 2_256);
    assert_eq!(amberieu.nom, "Ambérieu-en-Bugey");
}

#[test]
fn secret_statistique_signale() {
    let i = importe(&[2020], false);
    let secrets: u32 =
        i.territoires.iter().filter(|t| t.niveau == Niveau::Departement).map(|t| t.comptes.iris_secrets).sum();
    assert!(secrets > 500, "{secrets} IRIS secrets");
    let oyonnax = i.territoires.iter().find(|t| t.niveau == Niveau::Commune && t.code == "01283").unwrap();
    assert!(oyonnax.notes.iter().any(|n| n.contains("sous secret statistique")), "{:?}", oyonnax.notes);
}

#[test]
fn epci_de_2020_par_le_referentiel_de_2018_et_population() {
    let seul = importe(&[2020], false);
    assert!(seul.territoires.iter().all(|t| t.niveau != Niveau::Epci));
    assert!(seul.avertissements.iter().any(|a| a.contains("EPCI")));
    let i = importe(&[2020, 2018], true);
    assert_eq!(i.annee, 2020);
    let epci =
        i.territoires.iter().find(|t| t.niveau == Niveau::Epci && t.code == "240100883").expect("EPCI d'Ambérieu");
    assert_eq!(epci.annee, 2020);
    assert!(epci.communes >= 1);
    let miribel = i.territoires.iter().find(|t| t.niveau == Niveau::Commune && t.code == "01249").unwrap();
    assert_eq!(miribel.valeurs["habitants"], 10_122);
    // The 2020 counts, not the 2018 ones.
    let (_, a2020) = sommes_independantes(&lire(&format!("{IRIS}/data_CAF_2020_IRIS.csv")), "A");
    assert_eq!(miribel.valeurs["allocataires"], a2020["01249"]);
}

#[test]
fn lot_des_territoires_face_a_leur_departement() {
    let i = importe(&[2020, 2018], true);
    let csv = indicateurs_caf::lot::territoires_csv(&i);
    let mut lignes = csv.lines();
    let entete: Vec<&str> = lignes.next().unwrap().trim_start_matches('\u{feff}').split(';').collect();
    let col = |nom: &str| entete.iter().position(|c| *c == nom).unwrap_or_else(|| panic!("colonne {nom}"));
    let lignes: Vec<Vec<&str>> = lignes.map(|l| l.split(';').collect()).collect();
    let communes = i.territoires.iter().filter(|t| t.niveau == Niveau::Commune).count();
    let epci = i.territoires.iter().filter(|t| t.niveau == Niveau::Epci).count();
    assert_eq!(lignes.len(), communes + epci);
    // Independent: AM / A × 100 for Ambérieu's EPCI and for the Ain, from the raw 2020 file.
    let contenu = lire(&format!("{IRIS}/data_CAF_2020_IRIS.csv"));
    let (_, am) = sommes_independantes(&contenu, "AM");
    let (_, a) = sommes_independantes(&contenu, "A");
    let part = |n: i64, d: i64| {
        let q = (2 * n * 1000 + d) / (2 * d);
        format!("{},{}", q / 10, q % 10)
    };
    let dep = |m: &BTreeMap<String, i64>| m.iter().filter(|(c, _)| c.starts_with("01")).map(|(_, v)| v).sum::<i64>();
    let ligne = lignes.iter().find(|l| l[0] == "epci" && l[1] == "240100883").unwrap();
    let communes_epci: Vec<String> =
        epci_2018().into_iter().filter(|(_, e)| e == "240100883").map(|(c, _)| c).collect();
    let somme = |m: &BTreeMap<String, i64>| communes_epci.iter().map(|c| m.get(c).copied().unwrap_or(0)).sum::<i64>();
    assert_eq!(ligne[col("partFamillesMonoparentales")], part(somme(&am), somme(&a)));
    assert_eq!(ligne[col("partFamillesMonoparentales_departement")], part(dep(&am), dep(&a)));
    assert_eq!(ligne[col("departement")], "01");
    // Every value an import gives is under a key the diagnostic knows: none is left out on the way
    // to the study (`Valeurs` keeps only the catalogue's keys).
    for t in &i.territoires {
        let lu = indicateurs_caf::lot::territoire_de(t);
        assert_eq!(lu.valeurs.len(), t.valeurs.len() + t.publiees.len(), "{} {}", t.code, t.nom);
        assert_eq!(lu.valeurs5ans.len(), t.publiees5ans.len(), "{} {}", t.code, t.nom);
    }
}

/// Commune → EPCI, read independently from the 2018 file.
fn epci_2018() -> BTreeMap<String, String> {
    let texte = String::from_utf8_lossy(&lire(&format!("{IRIS}/data_CAF_2018_IRIS.csv"))).to_string();
    let mut lignes = texte.lines();
    let e: Vec<&str> = lignes.next().unwrap().split(';').collect();
    let (ic, ie) = (e.iter().position(|c| *c == "DEPCOM").unwrap(), e.iter().position(|c| *c == "EPCI").unwrap());
    lignes.map(|l| l.split(';').collect::<Vec<_>>()).map(|c| (c[ic].to_string(), c[ie].to_string())).collect()
}

#[test]
fn taux_de_couverture_d_accueil_publies_par_la_cnaf() {
    let iris = lire(&format!("{IRIS}/data_CAF_2020_IRIS.csv"));
    let dep = lire("data/cnaf-txcouv-pe-dep/txcouv_pe_dep_hist.csv");
    let com = lire("data/cnaf-txcouv-pe-com/txcouv_pe_com_2017_2021.csv");
    let i = importer(&[
        Fichier { nom: "data_CAF_2020_IRIS.csv", contenu: &iris, annee: None },
        Fichier { nom: "txcouv_pe_dep_hist.csv", contenu: &dep, annee: None },
        Fichier { nom: "txcouv_pe_com_2017_2021.csv", contenu: &com, annee: None },
    ])
    .unwrap();
    let t = |n: Niveau, c: &str| i.territoires.iter().find(|t| t.niveau == n && t.code == c).unwrap();
    // txcouv_pe_dep_hist.csv, 2020, 62: EAJE PSU 9.1, hors PSU 3.6, préscolarisation 8.4,
    // assistante maternelle 32.5, salariée à domicile 0.7, global 54.2.
    let pdc = t(Niveau::Departement, "62");
    let publiees: BTreeMap<&str, i64> = pdc.publiees.iter().copied().collect();
    assert_eq!(publiees["capaciteAccueilPour100"], 542);
    assert_eq!(publiees["capaciteAssistantsMaternelsPour100"], 325);
    assert_eq!(publiees["capaciteEajePsuPour100"], 91);
    assert!(pdc.notes.iter().any(|n| n.contains("taux publiés par la CNAF pour 2020")), "{:?}", pdc.notes);
    // A commune of the commune file, whose code lost its leading zero in the spreadsheet.
    let arras = t(Niveau::Commune, "62041");
    assert!(arras.publiees.iter().any(|(id, _)| *id == "capaciteAccueilPour100"), "{:?}", arras.publiees);
}

#[test]
fn revenus_des_menages_filosofi_pour_les_epci_et_departements() {
    let iris18 = lire(&format!("{IRIS}/data_CAF_2018_IRIS.csv"));
    let dep = lire("data/insee-filosofi-2019/FILO2019_DISP_DEP.csv");
    let epci = lire("data/insee-filosofi-2019/FILO2019_DISP_EPCI.csv");
    let i = importer(&[
        Fichier { nom: "data_CAF_2018_IRIS.csv", contenu: &iris18, annee: None },
        Fichier { nom: "FILO2019_DISP_DEP.csv", contenu: &dep, annee: None },
        Fichier { nom: "FILO2019_DISP_EPCI.csv", contenu: &epci, annee: None },
    ])
    .unwrap();
    let t = |n: Niveau, c: &str| i.territoires.iter().find(|t| t.niveau == n && t.code == c).unwrap();
    // FILO2019_DISP_DEP.csv, 62: Q219 19 560, D119 11 050, RD 2,9, PPSOC19 8,6.
    let pdc: BTreeMap<&str, i64> = t(Niveau::Departement, "62").publiees.iter().copied().collect();
    assert_eq!(
        (pdc["revenuMedianUc"], pdc["premierDecileUc"], pdc["rapportInterdecile"], pdc["partPrestationsSociales"]),
        (195_600, 110_500, 29, 86)
    );
    let arras: BTreeMap<&str, i64> = t(Niveau::Epci, "200033579").publiees.iter().copied().collect();
    assert_eq!(arras["revenuMedianUc"], 217_400);
    assert!(t(Niveau::Epci, "200033579").notes.iter().any(|n| n.contains("INSEE Filosofi 2019")));
    assert!(t(Niveau::Commune, "62041").publiees.is_empty(), "pas de Filosofi communal ici");
}

#[test]
fn dependance_de_50_a_moins_de_100_pour_cent_tiree_de_colonnes_inclusives() {
    // APRES50 counts 50 % or more (never below APRES100 on any row): the study's row is the band.
    let contenu = lire(&format!("{IRIS}/data_CAF_2017_IRIS.csv"));
    let (_, cinquante) = sommes_independantes(&contenu, "APRES50");
    let (_, cent) = sommes_independantes(&contenu, "APRES100");
    let i = importe(&[2017], false);
    let mut verifiees = 0;
    for t in i.territoires.iter().filter(|t| t.niveau == Niveau::Commune) {
        let (Some(c), Some(a), Some(b)) =
            (t.valeurs.get("allocatairesDependants50"), cinquante.get(&t.code), cent.get(&t.code))
        else {
            continue;
        };
        assert!(a >= b, "{} : APRES50 {a} < APRES100 {b}", t.code);
        assert_eq!(*c, a - b, "{}", t.code);
        assert_eq!(t.valeurs.get("allocatairesDependants100"), Some(b), "{}", t.code);
        verifiees += 1;
    }
    assert!(verifiees > 500, "{verifiees} communes vérifiées");
}

#[test]
fn moyennes_de_meme_type_pour_le_radar_apres_un_import() {
    use indicateurs_caf::contrat::{importer_donnees_fichiers, FichierRecu};
    let recus = vec![
        FichierRecu {
            nom: "data_CAF_2020_IRIS.csv".into(),
            contenu: lire(&format!("{IRIS}/data_CAF_2020_IRIS.csv")),
            annee: None,
        },
        // The 2018 file carries the EPCI of each IRIS (the 2020 file does not).
        FichierRecu {
            nom: "data_CAF_2018_IRIS.csv".into(),
            contenu: lire(&format!("{IRIS}/data_CAF_2018_IRIS.csv")),
            annee: None,
        },
        FichierRecu { nom: "donnees_communes.csv".into(), contenu: lire(POPULATION), annee: None },
    ];
    let i = serde_json::to_value(importer_donnees_fichiers(&recus).unwrap()).unwrap();
    let moyennes = i["moyennes"].as_array().unwrap();
    let libelles: Vec<&str> = moyennes.iter().map(|m| m["libelle"].as_str().unwrap()).collect();
    let epci = moyennes.iter().find(|m| m["niveau"] == "epci" && m["departement"].is_null()).unwrap();
    let n_epci = i["territoires"].as_array().unwrap().iter().filter(|t| t["niveau"] == "epci").count();
    assert_eq!(epci["nombre"].as_u64().unwrap() as usize, n_epci);
    assert_eq!(epci["libelle"], format!("Moyenne des {n_epci} EPCI du fichier"));
    assert!(libelles.iter().any(|l| l.starts_with("Moyenne des ") && l.ends_with(" EPCI de l'Ain")), "{libelles:?}");
    // The IRIS files give the Rsa share (ARSAS / A): its mean over the EPCI exists; the files
    // have no potentiel fiscal, so no mean either (the axis is left out, never zero).
    assert!(epci["valeurs"]["partBeneficiairesRsa"].as_f64().unwrap() > 0.0);
    assert!(epci["valeurs"].get("potentielFiscalParHabitant").is_none());
}

#[test]
fn variation_sur_5_ans_des_taux_d_accueil_quand_l_historique_le_permet() {
    // An IRIS file of 2022 (lines of the 2020 file for the Pas-de-Calais, renamed): the CNAF
    // history has 2022 and 2017, so the published global rate gets its 5-year variation:
    // txcouv_pe_dep_hist.csv, 62: 52.6 in 2017, 56.3 in 2022 → (56,3 − 52,6) / 52,6 = +7,0 %.
    let iris20 = String::from_utf8(lire(&format!("{IRIS}/data_CAF_2020_IRIS.csv"))).unwrap();
    let mut lignes = iris20.lines();
    let mut iris22 = format!("{}\n", lignes.next().unwrap());
    for l in lignes.filter(|l| l.starts_with("62")).take(20) {
        iris22.push_str(l);
        iris22.push('\n');
    }
    let dep = lire("data/cnaf-txcouv-pe-dep/txcouv_pe_dep_hist.csv");
    let i = importer(&[
        Fichier { nom: "data_CAF_2022_IRIS.csv", contenu: iris22.as_bytes(), annee: None },
        Fichier { nom: "txcouv_pe_dep_hist.csv", contenu: &dep, annee: None },
    ])
    .unwrap();
    let pdc = i.territoires.iter().find(|t| t.niveau == Niveau::Departement && t.code == "62").unwrap();
    let avant: BTreeMap<&str, i64> = pdc.publiees5ans.iter().copied().collect();
    assert_eq!(avant["capaciteAccueilPour100"], 526);
    assert!(pdc.notes.iter().any(|n| n.contains("variation sur 5 ans depuis 2017")), "{:?}", pdc.notes);
    let t = indicateurs_caf::lot::territoire_de(pdc);
    let d = indicateurs_caf::diagnostic::diagnostiquer(&t, &t, &Default::default());
    let ligne = d.sections.iter().flat_map(|s| &s.lignes).find(|l| l.id == "capaciteAccueilPour100").unwrap();
    assert_eq!(ligne.territoire.affiche, "56,3");
    assert_eq!(ligne.territoire.affichage_variation.replace('\u{a0}', " "), "+7,0 %");
    // With the 2020 counts, the history (from 2017) cannot give 2015: no variation, and the note says so.
    let iris20 = iris20.as_bytes();
    let i = importer(&[
        Fichier { nom: "data_CAF_2020_IRIS.csv", contenu: iris20, annee: None },
        Fichier { nom: "txcouv_pe_dep_hist.csv", contenu: &dep, annee: None },
    ])
    .unwrap();
    let pdc = i.territoires.iter().find(|t| t.niveau == Niveau::Departement && t.code == "62").unwrap();
    assert!(!pdc.publiees.is_empty() && pdc.publiees5ans.is_empty());
    assert!(pdc.notes.iter().any(|n| n.contains("pas de variation sur 5 ans : l'historique ne remonte pas à 2015")));
}

#[test]
fn communes_sans_iris_trouvables_depuis_le_fichier_des_populations() {
    let i = importe(&[2020], true);
    let sans: BTreeMap<&str, &str> = i.communes_sans_iris.iter().map(|(c, n)| (c.as_str(), n.as_str())).collect();
    assert_eq!(sans.get("62057"), Some(&"Audruicq"));
    let avec: Vec<&str> =
        i.territoires.iter().filter(|t| t.niveau == Niveau::Commune).map(|t| t.code.as_str()).collect();
    assert!(avec.iter().all(|c| !sans.contains_key(c)), "une commune à IRIS dite sans IRIS");
    // Every commune of the population file is either imported or listed as without IRIS.
    assert_eq!(avec.len() + sans.len(), lignes_population());
}

/// Data lines of the population file (one per commune).
fn lignes_population() -> usize {
    String::from_utf8_lossy(&lire(POPULATION)).lines().skip(1).filter(|l| !l.trim().is_empty()).count()
}
