//! The open data the project carries (`data/`) are what their `SOURCE.md` says: row counts, years,
//! and the arithmetic checks each description gives. The IRIS import has its own tests
//! (`tests/import_reel.rs`); these cover every file, including those kept for the childcare and
//! income sections.

#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeMap;

/// Header and rows of a `;`-separated file with an optional BOM, read by the `csv` crate.
fn lire(chemin: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let octets = std::fs::read(chemin).unwrap_or_else(|e| panic!("{chemin} : {e}"));
    let octets = octets.strip_prefix(b"\xEF\xBB\xBF".as_slice()).unwrap_or(&octets);
    let mut lecteur = csv::ReaderBuilder::new().delimiter(b';').from_reader(octets);
    let entete = lecteur.headers().unwrap().iter().map(str::to_owned).collect();
    let lignes = lecteur.records().map(|r| r.unwrap().iter().map(str::to_owned).collect()).collect();
    (entete, lignes)
}

fn colonne(entete: &[String], nom: &str) -> usize {
    entete.iter().position(|c| c == nom).unwrap_or_else(|| panic!("colonne {nom} absente"))
}

/// A published rate in tenths ("55.7" or "55,7" → 557); None when blank.
fn dixiemes(cellule: &str) -> Option<i64> {
    let c = cellule.trim().replace(',', ".");
    if c.is_empty() {
        return None;
    }
    let (e, d) = c.split_once('.').unwrap_or((&c, "0"));
    assert_eq!(d.len(), 1, "une décimale attendue : {cellule}");
    Some(e.parse::<i64>().unwrap() * 10 + d.parse::<i64>().unwrap())
}

#[track_caller]
fn verifier_lignes(chemin: &str, attendu: usize) {
    let (_, lignes) = lire(chemin);
    assert_eq!(lignes.len(), attendu, "{chemin}");
}

#[test]
fn nombre_de_lignes_de_chaque_fichier() {
    for (chemin, n) in [
        ("data/insee-population-communes/donnees_communes.csv", 34_990),
        ("data/cnaf-txcouv-pe-dep/txcouv_pe_dep.csv", 204),
        ("data/cnaf-txcouv-pe-dep/txcouv_pe_dep_hist.csv", 610),
        ("data/cnaf-txcouv-pe-com/txcouv_pe_com_2021.csv", 1_045),
        ("data/cnaf-txcouv-pe-com/txcouv_pe_com_2017_2021.csv", 5_022),
        ("data/insee-filosofi-2019/FILO2019_DISP_DEP.csv", 98),
        ("data/insee-filosofi-2019/FILO2019_DISP_EPCI.csv", 1_240),
        ("data/insee-filosofi-2019/FILO2019_DISP_REG.csv", 15),
        ("data/insee-filosofi-2019/FILO2019_DISP_METROPOLE.csv", 1),
    ] {
        verifier_lignes(chemin, n);
    }
}

#[test]
fn population_totale_et_miribel() {
    let (e, lignes) = lire("data/insee-population-communes/donnees_communes.csv");
    let (dep, com, pmun) = (colonne(&e, "CODDEP"), colonne(&e, "CODCOM"), colonne(&e, "PMUN"));
    let total: i64 = lignes.iter().map(|l| l[pmun].parse::<i64>().unwrap()).sum();
    assert_eq!(total, 66_988_403);
    let miribel = lignes.iter().find(|l| format!("{}{}", l[dep], l[com]) == "01249").unwrap();
    assert_eq!(miribel[pmun], "10122");
}

#[test]
fn taux_departementaux_par_annee_et_sommes_des_composantes() {
    for (fichier, annees) in [
        ("txcouv_pe_dep.csv", &[(2022, 102), (2023, 102)][..]),
        ("txcouv_pe_dep_hist.csv", &[(2017, 100), (2018, 102), (2019, 102), (2020, 102), (2021, 102), (2022, 102)][..]),
    ] {
        let (e, lignes) = lire(&format!("data/cnaf-txcouv-pe-dep/{fichier}"));
        let mut par_annee: BTreeMap<i32, usize> = BTreeMap::new();
        for l in &lignes {
            *par_annee.entry(l[colonne(&e, "Date référence")].parse().unwrap()).or_default() += 1;
            let v = |c: &str| dixiemes(&l[colonne(&e, c)]).unwrap();
            let eaje = v("Taux de couv EAJE - ensemble");
            let individuel = v("Taux de couv accueil individuel - ensemble");
            assert!((v("Taux de couv EAJE PSU") + v("Taux de couv hors EAJE PSU") - eaje).abs() <= 1, "{l:?}");
            assert!(
                (v("Taux de couv assistante maternelle") + v("Taux de couv salariée à domicile") - individuel).abs()
                    <= 1,
                "{l:?}"
            );
            let global = v("Taux de couv global");
            assert!((eaje + v("Taux de couv préscolarisation") + individuel - global).abs() <= 1, "{l:?}");
        }
        assert_eq!(par_annee.into_iter().collect::<Vec<_>>(), annees, "{fichier}");
    }
}

#[test]
fn taux_communaux_par_annee() {
    let (e, lignes) = lire("data/cnaf-txcouv-pe-com/txcouv_pe_com_2017_2021.csv");
    let mut par_annee: BTreeMap<i32, usize> = BTreeMap::new();
    for l in &lignes {
        *par_annee.entry(l[colonne(&e, "Date référence")].parse().unwrap()).or_default() += 1;
    }
    assert_eq!(
        par_annee.into_iter().collect::<Vec<_>>(),
        [(2017, 992), (2018, 993), (2019, 996), (2020, 996), (2021, 1045)]
    );
    // Leading zeros lost by a spreadsheet: 06161 is written 6161 (SOURCE.md).
    let num = colonne(&e, "Numéro commune");
    assert!(lignes.iter().any(|l| l[num] == "6161"));
}

#[test]
fn filosofi_virgule_decimale_et_rapport_interdecile() {
    let (e, lignes) = lire("data/insee-filosofi-2019/FILO2019_DISP_DEP.csv");
    let ain = lignes.iter().find(|l| l[colonne(&e, "CODGEO")] == "01").unwrap();
    assert_eq!(ain[colonne(&e, "D119")], "12890");
    assert_eq!(ain[colonne(&e, "D919")], "44620");
    assert_eq!(ain[colonne(&e, "RD")], "3,5"); // 44 620 / 12 890 = 3,46
    assert_eq!(ain[colonne(&e, "Q3_Q1")], "13730"); // not 31 430 − 17 690: INSEE rounds last
}
