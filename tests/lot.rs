//! The household batch equals the one-by-one calculator, line for line; malformed lines give
//! their own error rows and the rest of the file goes on; the median of a population is exact.

use indicateurs_caf::contrat::calculer_foyer_valeur;
use indicateurs_caf::lot::{
    en_texte, generer, seuils_csv, seuils_par_annee, seuils_population, traiter_tout, LotFoyers, Point, Ponderation,
    SeuilsPopulation,
};
use indicateurs_caf::nombre::Ratio;
use indicateurs_caf::valeur::Valeur;
use serde_json::{json, Value};

fn situation(ligne: &str) -> Value {
    let c: Vec<&str> = ligne.split(';').collect();
    let personnes: Vec<Value> = c[2]
        .split('|')
        .map(|p| {
            let role = match &p[..1] {
                "A" => "allocataire",
                "C" => "conjoint",
                "E" => "enfant",
                _ => "autre",
            };
            json!({"role": role, "age": p[1..].parse::<u32>().unwrap()})
        })
        .collect();
    let mut s = json!({"annee": c[1].parse::<i32>().unwrap(), "personnes": personnes, "revenusAnnuels": c[3], "prestationsMensuelles": c[4]});
    if !c[5].is_empty() {
        s["aideLogementMensuelle"] = json!(c[5]);
    }
    if !c[6].is_empty() {
        s["loyerMensuel"] = json!(c[6]);
    }
    s
}

fn un_par_un(ligne: &str) -> Value {
    let v: Valeur = serde_json::from_value(situation(ligne)).unwrap();
    serde_json::to_value(calculer_foyer_valeur(&v).unwrap()).unwrap()
}

fn figure(r: &Value, id: &str) -> String {
    let f = r["figures"].as_array().unwrap().iter().find(|f| f["id"] == id).unwrap();
    f["affiche"].as_str().unwrap().replace(['\u{202f}', '\u{a0}', '€', '%'], "")
}

#[test]
fn lot_egal_au_calcul_un_par_un() {
    let mut entree = String::new();
    generer(3_000, 2026, &mut entree);
    let sortie = traiter_tout(entree.as_bytes()).unwrap();
    let mut sorties = sortie.lines();
    assert!(sorties.next().unwrap().starts_with("ligne;id;annee;uc;"));
    let mut compares = 0;
    for (ligne, resultat) in entree.lines().skip(1).zip(sorties) {
        let r: Vec<&str> = resultat.split(';').collect();
        assert_eq!(r.len(), 17, "{resultat}");
        let attendu = un_par_un(ligne);
        let oui_non = |v: &Value| match v.as_bool() {
            Some(true) => "oui",
            Some(false) => "non",
            None => "",
        };
        assert_eq!(r[3], figure(&attendu, "uc"), "{ligne}");
        assert_eq!(r[4], figure(&attendu, "ucInsee"), "{ligne}");
        assert_eq!(r[5], figure(&attendu, "ruc"), "{ligne}");
        assert_eq!(r[6], figure(&attendu, "rucHorsPrestations"), "{ligne}");
        assert_eq!(r[7], attendu["seuil"]["annee"].to_string(), "{ligne}");
        assert_eq!(r[9], oui_non(&attendu["basRevenus"]), "{ligne}");
        assert_eq!(r[10], oui_non(&attendu["fragile"]), "{ligne}");
        assert_eq!(r[11], oui_non(&attendu["dependance50"]), "{ligne}");
        assert_eq!(r[12], oui_non(&attendu["dependance100"]), "{ligne}");
        assert_eq!(r[13], attendu["horsChamp"].as_str().unwrap_or(""), "{ligne}");
        assert_eq!(r[14], figure(&attendu, "tauxEffort"), "{ligne}");
        assert_eq!((r[15], r[16]), ("", ""), "{ligne}");
        compares += 1;
    }
    assert_eq!(compares, 3_000);
}

#[test]
fn lignes_malformees_isolees() {
    let entree = "id;annee;personnes;revenus_annuels;prestations_mensuelles;aide_logement;loyer\r\n\
                  ok1;2017;A35|C33|E5|E9;14400;350;;\r\n\
                  court;2017;A35\r\n\
                  texte;2017;A35;beaucoup;350;;\r\n\
                  trois;2017;A35|A30|A40;1000;0;;\r\n\
                  age;2017;A35|E300;1000;0;;\r\n\
                  role;2017;X35;1000;0;;\r\n\
                  =cmd|' /C calc'!A0;2017;A35;1000;0;;\r\n\
                  virgules,2017,A35,1000,0,,\r\n\
                  al;2017;A35;1000;100;150;\r\n\
                  \r\n\
                  ok2;2019;A30|E4;12000;400;;\r\n\
                  vingt;2019;A30;184467440737095517,16;0;;";
    let sortie = traiter_tout(entree.as_bytes()).unwrap();
    let lignes: Vec<Vec<&str>> = sortie.lines().skip(1).map(|l| l.split(';').collect()).collect();
    let par_id =
        |id: &str| lignes.iter().find(|l| l[1] == id).unwrap_or_else(|| panic!("{id} absent de {sortie}")).clone();
    assert_eq!(par_id("ok1")[5], "738,10");
    assert_eq!(par_id("ok2")[0], "12");
    assert_eq!(par_id("ok2")[3], "1,5");
    let erreur = |id: &str, ligne: &str, champ: &str, message: &str| {
        let l = par_id(id);
        assert_eq!((l[0], l[15]), (ligne, champ), "{id} : {l:?}");
        assert!(l[16].contains(message), "{id} : {}", l[16]);
        assert!(l[3].is_empty(), "{id} : pas de chiffre sur une ligne en erreur");
    };
    erreur("court", "3", "ligne", "Ligne incomplète : 3 colonnes au lieu de 7");
    erreur("texte", "4", "revenus_annuels", "Revenus annuels : « beaucoup » n'est pas un nombre");
    erreur("trois", "5", "personnes[1].role", "déjà un allocataire");
    erreur("age", "6", "personnes[1].age", "entre 0 et 120");
    erreur("role", "7", "personnes", "le rôle doit être A");
    let injection = lignes.iter().find(|l| l[0] == "8").unwrap();
    assert_eq!((injection[1], injection[3]), ("'=cmd|' /C calc'!A0", "1,0"), "identifiant neutralisé, ligne calculée");
    let virgules = lignes.iter().find(|l| l[0] == "9").unwrap();
    assert_eq!(virgules[15], "ligne");
    erreur("al", "10", "aide_logement", "ne peut pas les dépasser");
    // Twenty digits do not fit in 64 bits: refused, never read as the wrapped value (1,16 €).
    erreur("vingt", "13", "revenus_annuels", "n'est pas un nombre");
    assert_eq!(lignes.len(), 11, "une ligne vide ne donne pas de ligne de résultat");
}

/// The members as people write lists: `|` as documented, or spaces, `+`, `,`.
#[test]
fn personnes_ecrites_de_plusieurs_facons() {
    let entree = "id;annee;personnes;revenus_annuels;prestations_mensuelles\n\
                  barres;2017;A35|C33|E5;14400;350\n\
                  espaces;2017; A35  C33 E5 ;14400;350\n\
                  plus;2017;a35+c33+e5;14400;350\n\
                  virgules;2017;\"A35, C33, E5\";14400;350\n\
                  fin;2017;A35|C33|E5|;14400;350\n\
                  barre_oblique;2017;A35/C33/E5;14400;350\n\
                  seul;2017;A;14400;350\n";
    let sortie = traiter_tout(entree.as_bytes()).unwrap();
    let lignes: Vec<Vec<&str>> = sortie.lines().skip(1).map(|l| l.split(';').collect()).collect();
    let uc = |id: &str| lignes.iter().find(|l| l[1] == id).map(|l| (l[3], l[15], l[16]));
    for id in ["barres", "espaces", "plus", "virgules", "fin"] {
        assert_eq!(uc(id), Some(("1,8", "", "")), "{id}");
    }
    assert_eq!(uc("barre_oblique").map(|u| u.1), Some("personnes"));
    assert_eq!(uc("seul"), Some(("", "personnes", "Personnes du foyer : « A » : âge manquant ou illisible.")));
}

#[test]
fn en_tete_inutilisable() {
    let e = traiter_tout(b"nom;age\nx;3\n").unwrap_err();
    assert!(
        e.to_string()
            .contains("colonnes obligatoires manquantes (annee, personnes, revenus_annuels, prestations_mensuelles)"),
        "{e}"
    );
    assert!(traiter_tout(b"").is_err());
    assert!(traiter_tout(
        "\u{feff}annee,personnes,revenus_annuels,prestations_mensuelles\n2017,A30,100,0\n".as_bytes()
    )
    .unwrap()
    .contains("\n2;;2017;1,0;"));
}

#[test]
fn memoire_bornee_ligne_geante() {
    let mut lot = LotFoyers::new(false);
    let mut sortie = Vec::new();
    lot.traiter(b"annee;personnes;revenus_annuels;prestations_mensuelles\n", &mut sortie).unwrap();
    let geante = vec![b'9'; 100_000];
    lot.traiter(&geante, &mut sortie).unwrap();
    lot.traiter(b"\n2017;A30;100;0\n", &mut sortie).unwrap();
    lot.terminer(&mut sortie).unwrap();
    let sortie = en_texte(sortie);
    assert!(sortie.contains("Ligne de plus de 65536 octets"), "{sortie}");
    assert!(sortie.contains("\n3;;2017;1,0;"), "{sortie}");
}

/// The population points of a generated file of `nombre` foyers (several reference years).
fn points_generes(nombre: u64, graine: u64) -> Vec<Point> {
    let mut entree = String::new();
    generer(nombre, graine, &mut entree);
    let mut lot = LotFoyers::new(true);
    let mut sortie = Vec::new();
    lot.traiter(entree.as_bytes(), &mut sortie).unwrap();
    lot.terminer(&mut sortie).unwrap();
    lot.points().to_vec()
}

#[test]
fn mediane_de_la_population_exacte() {
    let mut points = points_generes(5_001, 11);
    assert!(points.len() > 3_000, "{}", points.len());
    // A file of several reference years: one median per year, never pooled.
    assert!(seuils_population(&mut points.clone(), Ponderation::Personnes).is_none());
    let par_annee = seuils_par_annee(&mut points, Ponderation::Personnes);
    assert!(par_annee.len() > 5, "{} années", par_annee.len());
    for (annee, s) in &par_annee {
        // Independent check: expand persons of the year, sort exact ratios, take the middle.
        let mut etendu: Vec<Ratio> = points
            .iter()
            .filter(|p| p.annee == *annee)
            .flat_map(|p| std::iter::repeat_n(p.ruc(), p.personnes as usize))
            .collect();
        etendu.sort_by(|a, b| a.compare(*b).unwrap());
        let w = etendu.len();
        let attendue = if w % 2 == 1 {
            etendu[w / 2]
        } else {
            etendu[w / 2 - 1].plus(etendu[w / 2]).unwrap().divise(Ratio::entier(2)).unwrap()
        };
        assert_eq!(s.mediane, attendue, "{annee}");
        let sous60 = etendu.iter().filter(|r| r.compare(s.seuils[0].valeur).unwrap().is_lt()).count() as u64;
        assert_eq!(s.seuils[0].personnes_sous, sous60, "{annee}");
        assert!(s.phrases()[0].starts_with("RUC médian : ") && s.phrases()[0].contains(&format!("de l'année {annee}")));
        verifier_tableau(s);
    }
}

/// The CSV of the medians gives each year's figures at the precision shown (euros to the cent,
/// shares to a tenth of a percent, counts whole), equal to the page's table.
#[test]
fn medianes_en_csv() {
    let par_annee = seuils_par_annee(&mut points_generes(3_000, 4), Ponderation::Foyers);
    let csv = seuils_csv(par_annee.iter().map(|(_, s)| s));
    let mut lignes = csv.strip_prefix('\u{feff}').unwrap().lines();
    let entete: Vec<&str> = lignes.next().unwrap().split(';').collect();
    assert_eq!(entete.len(), 15);
    assert_eq!(
        &entete[..7],
        ["annee", "ponderation", "foyers", "personnes", "ruc_median", "seuil_60", "foyers_sous_60"]
    );
    assert_eq!(entete[14], "part_personnes_sous_50");
    // The figures the page's table shows (tested against an independent median above), as
    // raw numbers: no grouping, no unit, the share and its count in columns of their own.
    let nombre = |texte: &str| texte.replace(['\u{a0}', '\u{202f}', ' ', '€', '%'], "");
    for ((annee, s), ligne) in par_annee.iter().zip(lignes.by_ref()) {
        let c: Vec<String> = ligne.split(';').map(String::from).collect();
        let affiche = s.cellules();
        let mut attendu = vec![
            annee.to_string(),
            "foyers".into(),
            s.foyers.to_string(),
            s.personnes.to_string(),
            nombre(&affiche[3]),
        ];
        for (k, x) in s.seuils.iter().enumerate() {
            let part = |cellule: &str| nombre(cellule.split_once('(').unwrap().0);
            attendu.extend([
                nombre(&affiche[4 + 3 * k]),
                x.foyers_sous.to_string(),
                part(&affiche[5 + 3 * k]),
                x.personnes_sous.to_string(),
                part(&affiche[6 + 3 * k]),
            ]);
        }
        assert_eq!(c, attendu, "{annee}");
    }
    assert_eq!(lignes.next(), None, "une ligne par année");
    assert_eq!(seuils_csv(std::iter::empty()), "\u{feff}annee;ponderation;foyers;personnes;ruc_median\n");
}

/// The table row of a median says what its sentences say: same year, counts, amounts and
/// shares, each under its header.
#[track_caller]
fn verifier_tableau(s: &SeuilsPopulation) {
    let (colonnes, cellules, phrases) = (s.colonnes(), s.cellules(), s.phrases().join(" "));
    assert_eq!(colonnes.len(), cellules.len());
    assert_eq!(colonnes[4].replace('\u{a0}', " "), "Seuil à 60 %");
    assert_eq!(cellules[0], s.annee.to_string());
    assert!(phrases.contains(&format!("sur {} foyers et {} personnes", cellules[1], cellules[2])), "{phrases}");
    assert!(phrases.contains(&format!("RUC médian : {} par UC", cellules[3])), "{phrases}");
    for (k, seuil) in s.seuils.iter().enumerate() {
        let [valeur, foyers, personnes] = [&cellules[4 + 3 * k], &cellules[5 + 3 * k], &cellules[6 + 3 * k]];
        let (part_f, n_f) = foyers.split_once(" (").unwrap();
        let (part_p, n_p) = personnes.split_once(" (").unwrap();
        let attendu = format!(
            "Seuil à {} % de la médiane : {valeur} ; sous ce seuil : {part_f} des foyers ({n_f} et {part_p} des personnes ({n_p}.",
            seuil.pourcent
        );
        assert!(phrases.contains(&attendu), "{attendu} dans {phrases}");
    }
}

#[test]
fn bilan_et_premieres_erreurs() {
    let entree = "id;annee;personnes;revenus_annuels;prestations_mensuelles;aide_logement;loyer\n\
                  bas;2017;A35|C33|E5|E9;14400;350;;\n\
                  fragile;2017;A30|E4;9000;900;;\n\
                  aise;2017;A40;60000;0;;800\n\
                  effort;2023;A30|E4;30000;400;100;1200\n\
                  vieux;2017;A70;12000;0;;\n\
                  ambigu;2017;A30;12.000;0;;\n\
                  court;2017;A35\n";
    let mut lot = LotFoyers::new(true);
    let mut sortie = Vec::new();
    lot.traiter(entree.as_bytes(), &mut sortie).unwrap();
    lot.terminer(&mut sortie).unwrap();
    let b = *lot.bilan();
    assert_eq!((b.foyers, b.erreurs, b.hors_champ), (5, 2, 1));
    let sortie = en_texte(sortie);
    assert_eq!((b.bas_revenus, b.fragiles), (1, 1), "{sortie}");
    assert_eq!((b.loyers, b.effort_eleve), (2, 1), "{sortie}");
    let phrases = b.phrases().join(" ").replace(['\u{a0}', '\u{202f}'], " ");
    assert!(phrases.contains("7 lignes : 5 foyers calculés, 2 en erreur."), "{phrases}");
    assert!(
        phrases.contains(
            "Dans le champ des indicateurs de bas revenus (4 foyers) : 1 à bas revenus (25,0 %), 1 fragile (25,0 %)."
        ),
        "{phrases}"
    );
    assert!(phrases.contains("Hors champ : 1 foyer (allocataire"), "{phrases}");
    let erreurs = lot.premieres_erreurs();
    assert_eq!(
        erreurs.iter().map(|e| (e.ligne, e.champ.as_str())).collect::<Vec<_>>(),
        [(7, "revenus_annuels"), (8, "ligne")]
    );
    assert!(erreurs[0].message.contains("« 12.000 » est ambigu"), "{}", erreurs[0].message);
    // The hors champ foyer is in neither the shares nor the median: 4 points, two years.
    assert_eq!(lot.points().len(), 4);
}

/// The parallel reader against the sequential one: same bytes out, same counts, same median
/// points, same first errors, whatever the threads and the line endings.
#[cfg(not(target_arch = "wasm32"))]
#[track_caller]
fn parallele_identique(contenu: &[u8]) {
    use indicateurs_caf::lot::traiter_en_parallele;
    let mut seq = LotFoyers::new(true);
    let mut attendu = Vec::new();
    let r_seq = seq.traiter(contenu, &mut attendu).and_then(|()| seq.terminer(&mut attendu));
    for fils in [1, 2, 3, 7] {
        let mut lot = LotFoyers::new(true);
        let mut sortie = Vec::new();
        let mut entree = contenu;
        let r = traiter_en_parallele(&mut lot, &mut entree, &mut sortie, fils);
        let mut fin = Vec::new();
        let r_par = match r {
            Ok(()) => lot.terminer(&mut fin),
            Err(indicateurs_caf::lot::ErreurParallele::Lot(e)) => Err(e),
            Err(e) => panic!("{e:?}"),
        };
        sortie.extend_from_slice(&fin);
        assert_eq!(r_par.is_ok(), r_seq.is_ok(), "{fils} fils : {r_par:?}");
        if r_seq.is_err() {
            continue;
        }
        assert!(sortie == attendu, "{fils} fils : sortie différente");
        assert_eq!(
            (lot.lignes(), lot.erreurs(), lot.octets()),
            (seq.lignes(), seq.erreurs(), seq.octets()),
            "{fils} fils"
        );
        assert_eq!(lot.bilan(), seq.bilan(), "{fils} fils");
        // The median's points, in any order (the lines the coordinator reads itself, around a
        // line longer than a piece, come before the pieces handed out earlier).
        let tries = |l: &LotFoyers| {
            let mut p = l.points().to_vec();
            p.sort_by_key(|x| (x.annee, x.douziemes, x.uc, x.personnes));
            p
        };
        assert!(tries(&lot) == tries(&seq), "{fils} fils : points de la médiane différents");
        assert_eq!(lot.premieres_erreurs(), seq.premieres_erreurs(), "{fils} fils");
    }
    for (piece, morceau) in [(64, 7), (1000, 4096), (300_000, 65_536)] {
        repartition_identique(contenu, &attendu, &seq, r_seq.is_ok(), piece, morceau);
    }
}

/// The browser's pool of workers, played here: a coordinator cuts the file into pieces, each
/// piece is computed by its own processor made from the header, the counts come back as bytes
/// and are merged in reverse order; the rows, put in the pieces' order, are the sequential ones.
#[cfg(not(target_arch = "wasm32"))]
#[track_caller]
fn repartition_identique(contenu: &[u8], attendu: &[u8], seq: &LotFoyers, seq_ok: bool, piece: usize, morceau: usize) {
    let contexte = format!("pièces de {piece} octets, morceaux de {morceau}");
    let mut coordinateur = LotFoyers::new(true);
    coordinateur.pieces_de(piece);
    // The output in order: rows written by the coordinator, or the index of a piece.
    let mut ordre: Vec<Result<Vec<u8>, usize>> = Vec::new();
    let mut calculs = Vec::new();
    let mut resultat = Ok(());
    let morceaux: Vec<&[u8]> = contenu.chunks(morceau).collect();
    for (k, m) in morceaux.iter().copied().chain([&b""[..]]).enumerate() {
        let mut lignes = Vec::new();
        match coordinateur.repartir(m, &mut lignes, k == morceaux.len()) {
            Ok(p) => {
                ordre.push(Ok(lignes));
                if let Some(p) = p {
                    let mut travailleur = LotFoyers::pour_piece(coordinateur.entete_lue(), p.ligne, true).unwrap();
                    let mut rangs = Vec::new();
                    travailleur.traiter(&p.debut, &mut rangs).unwrap();
                    travailleur.traiter(&m[..p.fin], &mut rangs).unwrap();
                    ordre.push(Err(calculs.len()));
                    calculs.push((rangs, travailleur.etat()));
                }
            }
            Err(e) => {
                resultat = Err(e);
                break;
            }
        }
    }
    if resultat.is_ok() && contenu.len() > 4 * piece.max(morceau) {
        assert!(
            calculs.len() >= 2,
            "{contexte} : {} pièce(s) pour {} octets : {:?}",
            calculs.len(),
            contenu.len(),
            String::from_utf8_lossy(&contenu[..100])
        );
    }
    for (_, etat) in calculs.iter().rev() {
        coordinateur.fusionner_etat(etat).unwrap();
    }
    let mut fin = Vec::new();
    let resultat = resultat.and_then(|()| coordinateur.terminer(&mut fin));
    assert_eq!(resultat.is_ok(), seq_ok, "{contexte} : {resultat:?}");
    if resultat.is_err() {
        return;
    }
    let mut sortie: Vec<u8> = ordre.into_iter().flat_map(|o| o.unwrap_or_else(|i| calculs[i].0.clone())).collect();
    sortie.extend_from_slice(&fin);
    assert!(sortie == attendu, "{contexte} : sortie différente");
    assert_eq!(
        (coordinateur.lignes(), coordinateur.erreurs(), coordinateur.octets()),
        (seq.lignes(), seq.erreurs(), seq.octets()),
        "{contexte}"
    );
    assert_eq!(coordinateur.bilan(), seq.bilan(), "{contexte}");
    let (mut p, mut q) = (coordinateur.points().to_vec(), seq.points().to_vec());
    p.sort_by_key(|x| (x.annee, x.douziemes, x.uc, x.personnes));
    q.sort_by_key(|x| (x.annee, x.douziemes, x.uc, x.personnes));
    assert_eq!(p, q, "{contexte}");
    assert_eq!(coordinateur.premieres_erreurs(), seq.premieres_erreurs(), "{contexte}");
}

#[cfg(not(target_arch = "wasm32"))]
#[test]
fn lot_parallele_octet_pour_octet() {
    let mut base = String::new();
    generer(30_000, 7, &mut base);
    // Errors, blank lines and a line over 64 KB scattered through a file of several rounds.
    let mut lignes: Vec<String> = base.lines().map(str::to_string).collect();
    for (k, i) in [5usize, 4_000, 9_999, 17_000, 29_000].iter().enumerate() {
        lignes.insert(
            *i,
            match k {
                0 => "F;2017;A35;abc;0".to_string(),
                1 => String::new(),
                2 => format!("X;2017;A35;{};0", "9".repeat(70_000)),
                3 => "Y;1850;A35;1000;0".to_string(),
                _ => "   ".to_string(),
            },
        );
    }
    // A line over 64 KB is an error row even when it arrives whole in one chunk.
    let tout = traiter_tout(lignes.join("\n").as_bytes()).unwrap();
    assert!(tout.contains("Ligne de plus de 65536 octets : ignorée."), "ligne démesurée non signalée");
    for fin in ["\n", "\r\n", "\r"] {
        let texte = lignes.join(fin);
        parallele_identique(texte.as_bytes());
        parallele_identique(format!("{texte}{fin}").as_bytes());
        parallele_identique(format!("{fin}{fin}{texte}").as_bytes());
    }
    // A line longer than a piece (read by the coordinator, between two rounds of pieces).
    let mut longue = lignes.clone();
    longue.insert(12_000, format!("L;2017;A35;{};0", "9".repeat(600_000)));
    parallele_identique(longue.join("\n").as_bytes());
    // Identifiers from French Excel (Windows-1252) through every path: counted once each, and
    // the count kept by the pieces' states.
    let mut excel = Vec::new();
    for (i, l) in base.lines().enumerate() {
        if i > 0 && i % 997 == 0 {
            // « Dupré » as Excel writes it, in place of the identifier.
            excel.extend_from_slice(b"Dupr\xe9");
            excel.extend_from_slice(&l.as_bytes()[l.find(';').unwrap()..]);
        } else {
            excel.extend_from_slice(l.as_bytes());
        }
        excel.push(b'\n');
    }
    let mut seq = LotFoyers::new(false);
    seq.traiter(&excel, &mut Vec::new()).unwrap();
    assert_eq!(seq.bilan().ids_windows_1252, 30, "un identifiant en Windows-1252 toutes les 997 lignes");
    assert!(seq.bilan().phrases().last().unwrap().starts_with("Identifiants de 30 lignes lus en Windows-1252"));
    parallele_identique(&excel);
    // Tiny and unusable inputs take the same path as the sequential reader.
    parallele_identique(b"");
    parallele_identique(b"id;annee\nF;2017\n");
    parallele_identique(b"id;annee;personnes;revenus_annuels;prestations_mensuelles\nF;2017;A35;1000;0");
    // A file saved twice with a BOM each time (found by the fuzzer): every leading BOM is
    // skipped, by the sequential reader as by the processors of pieces, which re-read the header.
    let lignes = "F;2017;A35;21000;0\nG;2018;A30|E4;abc;0\n".repeat(12);
    let une = format!("\u{feff}id;annee;personnes;revenus_annuels;prestations_mensuelles\n{lignes}");
    let deux = format!("\u{feff}{une}");
    assert_eq!(traiter_tout(deux.as_bytes()), traiter_tout(une.as_bytes()));
    parallele_identique(deux.as_bytes());
    // The same with a column named twice: the first one is read, whatever the path.
    parallele_identique(
        format!(
            "\u{feff}\u{feff}annee;id;annee;personnes;revenus_annuels;prestations_mensuelles\n{}",
            "1999;F;2017;A35;21000;0\n".repeat(12)
        )
        .as_bytes(),
    );
}

/// A reader or a writer that fails after `reste` bytes.
#[cfg(not(target_arch = "wasm32"))]
struct Panne<'a> {
    octets: &'a [u8],
    reste: usize,
}

#[cfg(not(target_arch = "wasm32"))]
impl std::io::Read for Panne<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.reste == 0 {
            return Err(std::io::Error::other("disque illisible"));
        }
        let n = buf.len().min(self.reste).min(self.octets.len());
        buf[..n].copy_from_slice(&self.octets[..n]);
        (self.octets, self.reste) = (&self.octets[n..], self.reste - n);
        Ok(n)
    }
}

#[cfg(not(target_arch = "wasm32"))]
impl std::io::Write for Panne<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.reste == 0 {
            return Err(std::io::Error::other("disque plein"));
        }
        let n = buf.len().min(self.reste);
        self.reste -= n;
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// A read or a write that fails while pieces are being computed stops the file with that
/// error, whatever the threads: never a hang, never a silent truncation.
#[cfg(not(target_arch = "wasm32"))]
#[test]
fn une_panne_de_lecture_ou_d_ecriture_arrete_le_lot() {
    use indicateurs_caf::lot::{traiter_en_parallele, ErreurParallele};
    let mut contenu = String::new();
    generer(40_000, 5, &mut contenu);
    for fils in [1, 2, 4] {
        for apres in [0, 100, 600_000] {
            let mut entree = Panne { octets: contenu.as_bytes(), reste: apres };
            let r = traiter_en_parallele(&mut LotFoyers::new(false), &mut entree, &mut Vec::new(), fils);
            assert!(matches!(r, Err(ErreurParallele::Lecture(_))), "{fils} fils, lecture après {apres} : {r:?}");
            let mut sortie = Panne { octets: b"", reste: apres };
            let r = traiter_en_parallele(&mut LotFoyers::new(false), &mut contenu.as_bytes(), &mut sortie, fils);
            assert!(matches!(r, Err(ErreurParallele::Ecriture(_))), "{fils} fils, écriture après {apres} : {r:?}");
        }
    }
}

/// The coordinator reads the header and nothing more: every data line goes to the workers,
/// the first ones included, whatever the size of the first chunk.
#[test]
fn le_coordinateur_ne_lit_que_l_en_tete() {
    let mut contenu = String::new();
    generer(3_000, 3, &mut contenu);
    for premier in [contenu.len(), 100_000, 200] {
        let mut c = LotFoyers::new(false);
        c.pieces_de(10_000);
        let mut lignes = Vec::new();
        let mut pieces = 0;
        let (tete, reste) = contenu.as_bytes().split_at(premier);
        for (m, fin) in [(tete, false), (reste, false), (&b""[..], true)] {
            pieces += usize::from(c.repartir(m, &mut lignes, fin).unwrap().is_some());
        }
        assert_eq!(c.lignes(), 0, "premier morceau de {premier} octets : lignes lues par le coordinateur");
        assert!(en_texte(lignes).starts_with("ligne;id;"), "l'en-tête des résultats vient du coordinateur");
        assert!(pieces >= 1, "{premier}");
    }
}

/// The pieces of one file handed out in turn to `fils` workers, as the browser's coordinator
/// does: chunks of the sizes `tailles` (cycled), each cut into slices no longer than
/// [`LotFoyers::decouper_pour`] says. Returns the pieces each worker got.
fn pieces_par_fil(contenu: &[u8], fils: usize, tailles: &[usize]) -> Vec<usize> {
    let mut c = LotFoyers::new(false);
    let tranche = c.decouper_pour(contenu.len() as u64, fils);
    let mut par_fil = vec![0; fils];
    let mut suivant = 0;
    let mut lignes = Vec::new();
    let mut donner = |c: &mut LotFoyers, m: &[u8], fin: bool| {
        if c.repartir(m, &mut lignes, fin).unwrap().is_some() {
            par_fil[suivant % fils] += 1;
            suivant += 1;
        }
    };
    let mut reste = contenu;
    for &taille in tailles.iter().cycle() {
        if reste.is_empty() {
            break;
        }
        let (morceau, apres) = reste.split_at(taille.min(reste.len()));
        for part in morceau.chunks(tranche) {
            donner(&mut c, part, false);
        }
        reste = apres;
    }
    donner(&mut c, b"", true);
    par_fil
}

/// Chromium reads a file in chunks of any size up to 2 MB, different at each reading: whatever
/// the chunks, every worker gets a share of a file of more than 128 Kio per worker (a file
/// that came in one chunk, or a first chunk just under a piece, once went to one worker).
#[test]
fn chaque_fil_a_sa_part_quels_que_soient_les_morceaux() {
    let mut contenu = String::new();
    generer(20_000, 11, &mut contenu);
    let contenu = contenu.as_bytes();
    let aleatoires: Vec<usize> = (1..40u64).map(|k| (k * 2_654_435_761 % 2_097_152) as usize + 1).collect();
    let k64 = 1 << 16;
    let lectures: [&[usize]; 7] =
        [&[usize::MAX], &[k64], &[6 * k64, 5 * k64], &[11 * k64], &[3 * k64, 7 * k64], &[2 << 20], &aleatoires];
    for fils in 2..=6 {
        assert!(contenu.len() > fils * 2 * indicateurs_caf::lot::PIECE_PETITE);
        for tailles in lectures {
            let par_fil = pieces_par_fil(contenu, fils, tailles);
            assert!(
                par_fil.iter().all(|&p| p > 0),
                "{fils} fils, morceaux de {:?}… : {par_fil:?}",
                &tailles[..tailles.len().min(3)]
            );
        }
    }
    // A large file: pieces of at most 512 Kio, chunks cut only into quarters of a share.
    let mut c = LotFoyers::new(false);
    assert_eq!(c.decouper_pour(1 << 30, 2), 1 << 27);
    assert_eq!(c.decouper_pour(0, 2), indicateurs_caf::lot::PIECE_PETITE);
}

/// Property tests (native: proptest is not built for wasm).
#[cfg(not(target_arch = "wasm32"))]
mod aux_limites {
    use super::*;

    /// An amount in centimes as a spreadsheet may write it: whole euros when it can, else with a
    /// decimal comma.
    fn ecrit(centimes: i64) -> String {
        if centimes % 100 == 0 {
            (centimes / 100).to_string()
        } else {
            format!("{}{},{:02}", if centimes < 0 { "-" } else { "" }, (centimes / 100).abs(), (centimes % 100).abs())
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(400))]

        /// The batch's 64-bit paths (amounts read in one pass, products bounded by division,
        /// digits in 32 bits when they fit) give the one-by-one calculator's figures at every
        /// size of amount, up to the limit of one billion euros.
        #[test]
        fn lot_egal_au_calcul_un_par_un_aux_limites(
            echelle in 0u32..12,
            revenus in -1_000_000_000i64..=1_000_000_000,
            prestations in 0i64..=1_000_000_000,
            part_al in proptest::option::of(0u32..=100),
            loyer in proptest::option::of(0i64..=1_000_000_000),
            enfants in 0usize..4,
            annee in 2014i32..=2024,
        ) {
            // Amounts of every order of magnitude, in centimes (the bound: 1 000 000 000 €).
            let reduire = |x: i64| x / 10i64.pow(echelle) * 100 + x % 100;
            let (revenus, prestations) = (reduire(revenus), reduire(prestations));
            let aide = part_al.map(|p| prestations / 100 * i64::from(p));
            let personnes: Vec<String> = std::iter::once("A40".to_string()).chain((0..enfants).map(|k| format!("E{}", 3 + 4 * k))).collect();
            let ligne = format!(
                "x;{annee};{};{};{};{};{}",
                personnes.join("|"),
                ecrit(revenus),
                ecrit(prestations),
                aide.map(ecrit).unwrap_or_default(),
                loyer.map(|l| ecrit(reduire(l))).unwrap_or_default()
            );
            let entree = format!("id;annee;personnes;revenus_annuels;prestations_mensuelles;aide_logement;loyer\n{ligne}\n");
            let sortie = traiter_tout(entree.as_bytes()).unwrap();
            let r: Vec<&str> = sortie.lines().nth(1).unwrap().split(';').collect();
            let attendu = un_par_un(&ligne);
            let figure = |id: &str| {
                attendu["figures"].as_array().unwrap().iter().find(|f| f["id"] == id).map(|f| {
                    f["affiche"].as_str().unwrap().replace(['\u{202f}', '\u{a0}', '€', '%', ' '], "")
                })
            };
            proptest::prop_assert_eq!((r[15], r[16]), ("", ""), "{}", ligne);
            proptest::prop_assert_eq!(Some(r[3].to_string()), figure("uc"), "{}", ligne);
            proptest::prop_assert_eq!(Some(r[5].to_string()), figure("ruc"), "{}", ligne);
            proptest::prop_assert_eq!(Some(r[6].to_string()), figure("rucHorsPrestations"), "{}", ligne);
            proptest::prop_assert_eq!(r[14].to_string(), figure("tauxEffort").unwrap_or_default(), "{}", ligne);
        }
    }
}

/// A counts file of a département and 2 499 of its communes.
fn comptes_de_2500_communes() -> String {
    let mut fichier = String::from(
        "code;nom;niveau;annee;reference;habitants;allocataires\n62;Pas-de-Calais;departement;2020;;1466743;318388\n",
    );
    for i in 1..2_500 {
        fichier.push_str(&format!("{};Commune {i};commune;2020;62;{};{}\n", 62_000 + i, 1_000 + i, 200 + i % 97));
    }
    fichier
}

/// A counts file of 2 500 rows reports its reading every 1 000 rows and once at the end, in
/// order, up to 100 % with every row counted; the rows read are those of `lire_comptes`.
#[test]
fn suivi_de_la_lecture_des_comptes() {
    use indicateurs_caf::lot::{lire_comptes, lire_comptes_suivi};
    let fichier = comptes_de_2500_communes();
    let mut rapports = Vec::new();
    let comptes = lire_comptes_suivi(fichier.as_bytes(), &mut |p| {
        rapports.push(p.clone());
        true
    })
    .unwrap();
    assert_eq!(comptes.lignes.len(), 2_500);
    assert_eq!(comptes.lignes.len(), lire_comptes(fichier.as_bytes()).unwrap().lignes.len());
    let lignes: Vec<u64> = rapports.iter().map(|p| p.lignes).collect();
    assert_eq!(lignes, [999, 1_999, 2_500], "tous les 1 000 enregistrements, puis à la fin");
    assert!(rapports.windows(2).all(|w| w[0].pourcent <= w[1].pourcent), "{rapports:?}");
    let dernier = rapports.last().unwrap();
    assert_eq!((dernier.pourcent, dernier.texte.as_str()), (100, "100\u{a0}% — 2\u{202f}500 lignes traitées"));
    assert!(rapports[0].pourcent > 30 && rapports[0].pourcent < 50, "{:?}", rapports[0]);
}

/// The studies of a counts file report every 1 000 rows and at the end; the CSV is the one
/// `comptes_csv` writes.
#[test]
fn suivi_des_etudes_des_comptes() {
    use indicateurs_caf::lot::{comptes_csv, comptes_csv_suivi, lire_comptes, lire_comptes_suivi};
    let fichier = comptes_de_2500_communes();
    let comptes = lire_comptes(fichier.as_bytes()).unwrap();
    let mut rapports = Vec::new();
    let csv = comptes_csv_suivi(&comptes, &mut |p| {
        rapports.push((p.pourcent, p.lignes));
        true
    });
    assert_eq!(csv, comptes_csv(&comptes));
    assert_eq!(rapports, [(40, 1_000), (80, 2_000), (100, 2_500)]);
    // A caller that stops at the first report gets the studies done so far, no more.
    let partiel = comptes_csv_suivi(&comptes, &mut |_| false);
    assert_eq!(partiel.lines().count(), 1 + 1_000);
    assert!(csv.starts_with(&partiel));
    let lus = lire_comptes_suivi(fichier.as_bytes(), &mut |_| false).unwrap();
    assert_eq!(lus.lignes.len(), 999, "the rows read before the first report");
}
