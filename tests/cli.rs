//! The command-line program (feature `cli`): French help, stdin/stdout and files, exit codes.

#![cfg(feature = "cli")]

use std::io::Write;
use std::process::{Command, Stdio};

fn programme() -> Command {
    Command::new(env!("CARGO_BIN_EXE_indicateurs-caf"))
}

fn lancer(args: &[&str], entree: &str) -> (i32, String, String) {
    lancer_octets(args, entree.as_bytes())
}

fn lancer_octets(args: &[&str], entree: &[u8]) -> (i32, String, String) {
    let mut enfant =
        programme().args(args).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    enfant.stdin.take().unwrap().write_all(entree).unwrap();
    let s = enfant.wait_with_output().unwrap();
    (s.status.code().unwrap(), String::from_utf8(s.stdout).unwrap(), String::from_utf8(s.stderr).unwrap())
}

#[test]
fn aide_en_francais() {
    let (code, sortie, _) = lancer(&["--help"], "");
    assert_eq!(code, 0);
    assert!(sortie.contains("CODES DE SORTIE") && sortie.contains("entrée inutilisable"));
}

#[test]
fn foyers_entree_standard_et_codes_de_sortie() {
    let entree = "id;annee;personnes;revenus_annuels;prestations_mensuelles\nF1;2017;A35|C33|E5|E9;14400;350\nF2;2017;A35;abc;0\n";
    let (code, sortie, erreurs) = lancer(&["foyers"], entree);
    assert_eq!(code, 0, "des lignes en erreur ne sont pas une entrée inutilisable");
    let lignes: Vec<&str> = sortie.lines().collect();
    assert_eq!(lignes.len(), 3);
    assert!(lignes[0].starts_with("\u{feff}ligne;id;annee;"), "{}", lignes[0]);
    assert!(lignes[1].starts_with("2;F1;2017;2,1;2,1;738,10;571,43;2017;1052,00;oui;non;non;non;;;;"), "{}", lignes[1]);
    assert!(lignes[2].starts_with("3;F2;") && lignes[2].contains("revenus_annuels"));
    assert!(erreurs.contains("2 lignes traitées, dont 1 en erreur, en "), "{erreurs}");
    let (code, _, erreurs) = lancer(&["foyers"], "nom;age\n");
    assert_eq!(code, 1);
    assert!(erreurs.contains("colonnes obligatoires manquantes"));
    assert_eq!(lancer(&["foyers", "/inexistant.csv"], "").0, 1);
    assert_eq!(lancer(&["inconnue"], "").0, 2);
    assert_eq!(lancer(&["foyers", "--option"], "").0, 2);
}

#[test]
fn fichiers_generes_seuils_et_territoires() {
    let dossier = std::env::temp_dir().join(format!("indicateurs-caf-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dossier).unwrap();
    let foyers = dossier.join("foyers.csv");
    let resultats = dossier.join("resultats.csv");
    assert_eq!(
        programme().args(["generer", "--nombre", "2000", "--graine", "5", "-o"]).arg(&foyers).status().unwrap().code(),
        Some(0)
    );
    let contenu = std::fs::read_to_string(&foyers).unwrap();
    assert_eq!(contenu.lines().count(), 2001);
    let mut attendu = String::new();
    indicateurs_caf::lot::generer(2000, 5, &mut attendu);
    assert_eq!(contenu, attendu, "même graine, même fichier");
    assert_eq!(programme().arg("foyers").arg(&foyers).arg("-o").arg(&resultats).status().unwrap().code(), Some(0));
    assert_eq!(
        std::fs::read_to_string(&resultats).unwrap(),
        "\u{feff}".to_string() + &indicateurs_caf::lot::traiter_tout(contenu.as_bytes()).unwrap(),
        "les résultats du lot, après le BOM de tout export"
    );
    let (code, sortie, _) = lancer(&["seuils", foyers.to_str().unwrap(), "--ponderation", "foyers"], "");
    assert_eq!(code, 0);
    assert!(sortie.starts_with("RUC médian : ") && sortie.contains("(médiane pondérée par les foyers)"), "{sortie}");
    // The same medians as a table for spreadsheets, one row per year, in a file.
    let medianes = dossier.join("medianes.csv");
    let s = programme()
        .args(["seuils", "--csv", "--ponderation", "foyers", "-o"])
        .arg(&medianes)
        .arg(&foyers)
        .output()
        .unwrap();
    assert_eq!(s.status.code(), Some(0), "{}", String::from_utf8_lossy(&s.stderr));
    let tableau = std::fs::read_to_string(&medianes).unwrap();
    assert!(tableau.starts_with("\u{feff}annee;ponderation;foyers;personnes;ruc_median;seuil_60;"), "{tableau}");
    assert_eq!(tableau.lines().count(), 1 + sortie.matches("RUC médian : ").count());
    assert!(tableau.lines().nth(1).unwrap().starts_with("2014;foyers;"), "{tableau}");
    let (code, _, erreurs) = lancer(&["foyers", "--csv"], "");
    assert_eq!(code, 2);
    assert!(erreurs.contains("--csv ne vaut que pour « seuils »"), "{erreurs}");
    let (code, _, erreurs) = lancer(&["seuils", "--ponderation", "menages"], "");
    assert_eq!(code, 2);
    assert!(
        erreurs.contains("Pondération : valeur « menages » inconnue (valeurs possibles : personnes, foyers)."),
        "{erreurs}"
    );
    let iris = "data/insee-caf-iris/data_CAF_2018_IRIS.csv";
    let (code, sortie, _) = lancer(&["territoires", iris], "");
    assert_eq!(code, 0);
    let entete = sortie.lines().next().unwrap();
    assert!(entete.contains("tauxCouvertureCaf") || entete.contains("partFamillesMonoparentales"), "{entete}");
    assert!(sortie.lines().count() > 1_000);
    std::fs::remove_dir_all(&dossier).ok();
}

#[test]
fn entrees_hostiles_du_programme() {
    let dossier = std::env::temp_dir().join(format!("cli-hostile-{}", std::process::id()));
    std::fs::create_dir_all(&dossier).unwrap();
    let entree = dossier.join("in.csv");
    let contenu = "id;annee;personnes;revenus_annuels;prestations_mensuelles\nF1;2017;A35|C33|E5|E9;14400;350\n";
    std::fs::write(&entree, contenu).unwrap();
    // The output is the input: refused before anything is opened, the input intact.
    let e = entree.to_str().unwrap();
    let (code, _, erreurs) = lancer(&["foyers", e, "-o", e], "");
    assert_eq!(code, 2, "{erreurs}");
    assert!(erreurs.contains("est le fichier d'entrée"), "{erreurs}");
    assert_eq!(std::fs::read_to_string(&entree).unwrap(), contenu);
    // An argument that is not UTF-8: an error, never a panic.
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let brut = std::ffi::OsStr::from_bytes(b"foyers\xff");
        let s = programme().arg(brut).output().unwrap();
        assert_eq!(s.status.code(), Some(2), "{}", String::from_utf8_lossy(&s.stderr));
        assert!(String::from_utf8_lossy(&s.stderr).contains("pas en UTF-8"));
    }
    // Lines ended by a lone CR are lines.
    let (code, sortie, _) = lancer(&["foyers"], &contenu.replace('\n', "\r"));
    assert_eq!(code, 0);
    assert!(sortie.lines().nth(1).unwrap_or_default().starts_with("2;F1;2017;2,1;"), "{sortie}");
    // Required columns past the 16th are found.
    let autres: String = (0..20).map(|i| format!("x{i};")).collect();
    let large = format!(
        "{autres}id;annee;personnes;revenus_annuels;prestations_mensuelles\n{}F1;2017;A35;12000;0\n",
        ";".repeat(20)
    );
    let (code, sortie, _) = lancer(&["foyers"], &large);
    assert_eq!(code, 0);
    assert!(sortie.lines().nth(1).unwrap_or_default().starts_with("2;F1;2017;1,0;1,0;1000,00;"), "{sortie}");
    // An over-long first line: no row before the header; the file is unusable.
    let (code, sortie, erreurs) = lancer(&["foyers"], &format!("{}\nF1;2017;A35;12000;0\n", "a".repeat(70_000)));
    assert_eq!((code, sortie.as_str()), (1, ""), "{erreurs}");
    assert!(erreurs.contains("ligne de plus de 65536 octets"), "{erreurs}");
    let _ = std::fs::remove_dir_all(&dossier);
}

/// A counts file of one département and `n` EPCI that refer to it.
fn fichier_de_comptes(n: usize) -> String {
    let mut s = String::from("code;nom;niveau;annee;reference;habitants;personnesCouvertes;allocataires;allocataires_5ans;couplesAvecEnfants;famillesMonoparentales;isoles;couplesSansEnfant\n");
    s.push_str("62;Pas-de-Calais;departement;2020;;1466743;790365;318388;300000;82000;40000;150000;46388\n");
    for i in 0..n {
        let a = 2_000 + (i * 37) % 9_000;
        s.push_str(&format!(
            "2000{i:05};EPCI {i};epci;2020;62;{};{};{a};{};{};{};{};{}\n",
            a * 6,
            a * 3,
            a - 100,
            a / 4,
            a / 8,
            a / 2,
            a - a / 4 - a / 8 - a / 2
        ));
    }
    s
}

/// A counts file in a spreadsheet's encoding (its header added): each of `lignes` in the results,
/// and the warning naming the encoding read.
#[track_caller]
fn comptes_lus_en(lignes: &[u8], attendues: &[&str], encodage: &str) {
    let contenu = [&b"code;nom;niveau;annee;reference;habitants;allocataires\n"[..], lignes].concat();
    let (code, sortie, erreurs) = lancer_octets(&["territoires", "-"], &contenu);
    assert_eq!(code, 0, "{erreurs}");
    for attendue in attendues {
        assert!(sortie.contains(attendue), "{attendue} : {sortie}");
    }
    assert!(erreurs.contains(&format!("Le fichier de comptes n'est pas en UTF-8 : lu en {encodage}")), "{erreurs}");
}

/// A household row in a spreadsheet's encoding (its header added): its result row, the summary
/// saying one identifier was not UTF-8, and the same results as `utf8`, the row in UTF-8.
#[track_caller]
fn foyer_lu_en(ligne: &[u8], attendue: &str, utf8: &str) {
    let entete = "id;annee;personnes;revenus_annuels;prestations_mensuelles\n";
    let (code, sortie, erreurs) = lancer_octets(&["foyers"], &[entete.as_bytes(), ligne].concat());
    assert_eq!(code, 0, "{erreurs}");
    assert!(sortie.contains(attendue), "{sortie}");
    assert!(erreurs.contains("Identifiants de 1 ligne lus en Windows-1252, ISO-8859-15 ou Mac Roman"), "{erreurs}");
    assert_eq!(sortie, lancer(&["foyers"], &format!("{entete}{utf8}")).1);
}

/// Files as French Excel saves « CSV (séparateur : point-virgule) »: in Windows-1252, with its
/// no-break space (A0) and euro sign (80) in numbers.
#[test]
fn fichiers_d_excel_en_windows_1252() {
    foyer_lu_en(
        b"Dupr\xe9;2017;A35|E5;14\xa0400 \x80;350\n",
        "\n2;Dupré;2017;1,5;",
        "Dupré;2017;A35|E5;14 400 €;350\n",
    );
    comptes_lus_en(
        b"62;Pas-de-Calais;departement;2020;;1466743;318388\n42218;Saint-\xc9tienne;commune;2020;62;172\xa0565;40000\n",
        &["\n3;42218;Saint-Étienne;commune;2020;62;172565;"],
        "Windows-1252",
    );
}

/// Files from older French software in ISO-8859-15 (Latin-9): « œ » is the byte BD, which
/// Windows-1252 would read « ½ » (« C½ur de Savoie »). A batch identifier is judged on its own bytes.
#[test]
fn fichiers_en_iso_8859_15() {
    comptes_lus_en(
        b"73;Savoie;departement;2020;;436434;80000\n200041010;CC C\xbdur de Savoie;epci;2020;73;37\xa0523;8000\n",
        &[";200041010;CC Cœur de Savoie;epci;2020;73;37523;"],
        "ISO-8859-15 (Latin-9)",
    );
    foyer_lu_en(
        b"S\xbdur Marie;2017;A35|E5;14400;350\n",
        "\n2;Sœur Marie;2017;1,5;",
        "Sœur Marie;2017;A35|E5;14400;350\n",
    );
}

/// Files as Excel for Mac saves « CSV (séparateur : point-virgule) »: in Mac Roman, where « é » is
/// the byte 8E, « è » 8F, the no-break space CA and « € » DB.
#[test]
fn fichiers_d_excel_pour_mac_en_mac_roman() {
    comptes_lus_en(
        b"974;La R\x8eunion;departement;2020;;861210;200000\n\
          97415;Saint-Andr\x8e;commune;2020;974;56\xca602;15000\n\
          97419;Sainte-H\x8el\x8fne;commune;2020;974;;\n",
        &[
            ";974;La Réunion;departement;2020;;861210;",
            ";97415;Saint-André;commune;2020;974;56602;",
            ";97419;Sainte-Hélène;commune;",
        ],
        "Mac Roman",
    );
    foyer_lu_en(
        b"Andr\x8e;2017;A35|E5;14\xca400 \xdb;350\n",
        "\n2;André;2017;1,5;",
        "André;2017;A35|E5;14 400 €;350\n",
    );
}

#[test]
fn comptes_de_1250_epci_et_modele() {
    let (code, sortie, erreurs) = lancer(&["territoires", "-"], &fichier_de_comptes(1_250));
    assert_eq!(code, 0, "{erreurs}");
    let lignes: Vec<&str> = sortie.lines().collect();
    assert_eq!(lignes.len(), 1 + 1 + 1_250);
    let entete: Vec<&str> = lignes[0].trim_start_matches('\u{feff}').split(';').collect();
    let col = |nom: &str| entete.iter().position(|c| *c == nom).unwrap();
    let epci: Vec<&str> = lignes[2].split(';').collect();
    assert_eq!(
        (epci[col("code")], epci[col("tauxCouvertureCaf")], epci[col("tauxCouvertureCaf_reference")]),
        ("200000000", "50,0", "53,9")
    );
    assert_eq!(epci[col("allocataires_variation5ans")], "5,3");
    assert!(erreurs.contains("1\u{202f}251 territoires lus, 0 ligne en erreur, en "), "{erreurs}");
    let (code, modele, _) = lancer(&["modele"], "");
    assert_eq!(code, 0);
    assert!(modele.starts_with("\u{feff}code;nom;niveau;annee;reference;"));
    assert!(modele.contains("allocataires_5ans"));
}

/// A counts file of thousands of rows: on a terminal, one progress line rewritten in place (the
/// reading, then the studies), cleared at the end; in a pipe or a log, not a character of it.
#[test]
fn progression_des_comptes_au_terminal_seulement() {
    let dossier = std::env::temp_dir().join(format!("indicateurs-caf-progression-{}", std::process::id()));
    std::fs::create_dir_all(&dossier).unwrap();
    let chemin = dossier.join("comptes.csv");
    std::fs::write(&chemin, fichier_de_comptes(2_499)).unwrap();
    let (code, _, erreurs) = lancer(&["territoires", chemin.to_str().unwrap(), "-o", "/dev/null"], "");
    assert_eq!(code, 0, "{erreurs}");
    assert!(!erreurs.contains('\r') && !erreurs.contains('\u{1b}'), "{erreurs:?}");
    // The same run with its error output on a terminal (a pseudo-terminal made by util-linux's
    // `script`, part of every Debian system).
    let commande = format!("{} territoires {} -o /dev/null", env!("CARGO_BIN_EXE_indicateurs-caf"), chemin.display());
    let terminal = Command::new("script").args(["-qec", &commande, "/dev/null"]).output().unwrap();
    let vu = String::from_utf8_lossy(&terminal.stdout).replace(['\u{a0}', '\u{202f}'], " ");
    std::fs::remove_dir_all(&dossier).unwrap();
    assert!(terminal.status.success(), "{vu}");
    assert!(vu.contains("\rLecture des territoires : 100 % — 2 500 lignes traitées\u{1b}[K"), "{vu:?}");
    assert!(vu.contains("\rÉtudes des territoires : 40 % — 1 000 lignes sur 2 500\u{1b}[K"), "{vu:?}");
    assert!(vu.contains("\r\u{1b}[K2 500 territoires lus, 0 ligne en erreur, en "), "{vu:?}");
}

/// `territoires FICHIER --etudes DOSSIER`: each row's full study as Markdown and its radar as
/// SVG, the same as the library makes them, against the same-type mean the diagnostic page
/// would take; no study for a row without its reference row; French usage errors elsewhere.
#[test]
fn etudes_completes_d_un_fichier_de_comptes() {
    let dossier = std::env::temp_dir().join(format!("indicateurs-caf-etudes-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dossier);
    std::fs::create_dir_all(&dossier).unwrap();
    let mut contenu = fichier_de_comptes(3);
    contenu.push_str("59;Nord;departement;2020;;2604361;1200000;500000;480000;120000;60000;250000;70000\n");
    contenu.push_str("200099999;EPCI du Nord;epci;2020;59;30000;15000;5000;4900;1250;625;2500;625\n");
    contenu.push_str("200088888;EPCI sans référence;epci;2020;99;30000;15000;5000;4900;1250;625;2500;625\n");
    // A code that is a path: its study stays in the folder, its name without the separators.
    contenu.push_str("x/y/hors;Hors du dossier;autre;2020;62;30000;15000;5000;4900;1250;625;2500;625\n");
    let fichier = dossier.join("comptes.csv");
    std::fs::write(&fichier, &contenu).unwrap();
    let etudes = dossier.join("etudes");
    let (f, e, o) = (fichier.to_str().unwrap(), etudes.to_str().unwrap(), dossier.join("sortie.csv"));
    let (code, _, erreurs) = lancer(&["territoires", f, "-o", o.to_str().unwrap(), "--etudes", e], "");
    assert_eq!(code, 0, "{erreurs}");
    assert!(erreurs.contains(&format!("5 études écrites dans « {e} » (Markdown et radar SVG) ; 3 lignes sans ligne de référence trouvée, sans étude.")), "{erreurs}");
    let c = indicateurs_caf::lot::lire_comptes(contenu.as_bytes()).unwrap();
    let mut vues = 0;
    indicateurs_caf::lot::etudes_comptes(&c, &mut |l, d| {
        let nom = format!("{:06}-{}", l.ligne, l.code.replace(['.', '/'], "_"));
        let source = format!("indicateurs-caf {}, ligne {} de « {f} »", env!("CARGO_PKG_VERSION"), l.ligne);
        let attendu =
            indicateurs_caf::markdown::etude(d, Some(&format!("{nom}-radar.svg")), &[("Produite par", source)]);
        assert_eq!(std::fs::read_to_string(etudes.join(format!("{nom}.md"))).unwrap(), attendu, "{nom}");
        assert_eq!(std::fs::read_to_string(etudes.join(format!("{nom}-radar.svg"))).unwrap(), d.radar.svg, "{nom}");
        // The radar's reference as the page takes it: the EPCI compared with the same row, else
        // every EPCI of the file (one EPCI of the Nord: no mean of one).
        let reference = match (l.niveau.as_str(), l.reference.as_deref()) {
            ("epci", Some("62")) => "Moyenne des 3 EPCI comparés à Pas-de-Calais",
            ("epci", _) => "Moyenne des 5 EPCI du fichier",
            // Alone at its level: the reference row serves as the mean.
            _ => "Pas-de-Calais (aucun ensemble",
        };
        assert!(d.radar.reference.starts_with(reference), "{} : {}", l.code, d.radar.reference);
        vues += 1;
        true
    });
    assert_eq!(vues, 5);
    assert_eq!(std::fs::read_dir(&etudes).unwrap().count(), 10);
    assert!(etudes.join("000009-x_y_hors.md").is_file() && !dossier.join("hors.md").exists());
    for (args, message) in [
        (vec!["foyers", f, "--etudes", e], "--etudes ne vaut que pour « territoires »"),
        (
            vec!["territoires", "data/insee-caf-iris/data_CAF_2020_IRIS.csv", "--etudes", e],
            "--etudes ne vaut que pour un fichier de comptes",
        ),
        (vec!["territoires", f, "--etudes"], "--etudes attend une valeur"),
    ] {
        let (code, _, erreurs) = lancer(&args, "");
        assert_eq!(code, 2, "{args:?}");
        assert!(erreurs.contains(message), "{args:?} : {erreurs}");
    }
    let _ = std::fs::remove_dir_all(&dossier);
}
