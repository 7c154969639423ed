//! The étude préliminaire of the reference document, natively (the same fixture runs through
//! the JavaScript boundary in tests/js.rs).

mod commun;

use commun::{pays_opale, verifier_etude};
use indicateurs_caf::contrat::{calculer_diagnostic_valeur, diagnostic_csv_valeur, diagnostic_json_valeur};
use indicateurs_caf::diagnostic::{
    cellules_du_diagnostic, chiffres_d_un_territoire, diagnostiquer, Options, Territoire,
};
use indicateurs_caf::valeur::Valeur;
use serde_json::{json, Value};

fn diagnostic(t: &Value, r: &Value, o: &Value) -> Result<Value, (String, String)> {
    let v = |x: &Value| serde_json::from_value::<Valeur>(x.clone()).unwrap();
    calculer_diagnostic_valeur(&v(t), &v(r), &v(o))
        .map(|d| serde_json::to_value(d).unwrap())
        .map_err(|e| (e.message, e.champ))
}

#[test]
fn etude_pays_opale_identique_au_document() {
    let f = pays_opale();
    let d = diagnostic(&f["territoire"], &f["reference"], &Value::Null).unwrap();
    verifier_etude(&f, &d);
}

#[test]
fn cellule_vide_et_note_quand_un_compte_manque() {
    let f = pays_opale();
    let mut t = f["territoire"].clone();
    t["valeurs"].as_object_mut().unwrap().remove("habitants");
    let d = diagnostic(&t, &f["reference"], &Value::Null).unwrap();
    let cadrage = &d["sections"][1];
    let taux = cadrage["lignes"].as_array().unwrap().iter().find(|l| l["id"] == "tauxCouvertureCaf").unwrap();
    assert!(taux["valeur"].is_null());
    assert_eq!(taux["affiche"], "");
    assert_eq!(taux["reference"]["affiche"].as_str().map(commun::cellule).unwrap(), "53,9%");
    // No sentence compares a missing value; a note says why.
    assert!(cadrage["phrases"].as_array().unwrap().is_empty(), "{}", cadrage["phrases"]);
    let notes: Vec<&str> = cadrage["notes"].as_array().unwrap().iter().map(|n| n.as_str().unwrap()).collect();
    assert!(
        notes.iter().any(|n| commun::espaces(n)
            == "Données manquantes pour Cc Pays D'opale : « Taux de couverture Caf » n'est pas calculé ; à fournir : nombre d'habitants (INSEE)."),
        "{notes:?}"
    );
    assert!(!d.to_string().contains("NaN"));
}

#[test]
fn donnees_manquantes_en_une_phrase_par_section_sans_cle_interne() {
    // What an import leaves: a few counts only. Each section says once per side what is missing,
    // by labels, and never shows an input key.
    let f = pays_opale();
    let mut t = f["territoire"].clone();
    let garder = ["allocataires", "habitants", "personnesCouvertes", "enfants", "famillesMonoparentales"];
    t["valeurs"].as_object_mut().unwrap().retain(|k, _| garder.contains(&k.as_str()));
    let d = diagnostic(&t, &f["reference"], &Value::Null).unwrap();
    let cles = indicateurs_caf::catalogue::cles_connues();
    let mut phrases_manques = 0;
    for s in d["sections"].as_array().unwrap() {
        let notes: Vec<&str> = s["notes"].as_array().unwrap().iter().map(|n| n.as_str().unwrap()).collect();
        let manques: Vec<&&str> = notes.iter().filter(|n| n.starts_with("Données manquantes pour")).collect();
        assert!(manques.len() <= 2, "{} : {manques:?}", s["titre"]);
        assert!(manques.iter().filter(|n| n.contains("Pays D'opale")).count() <= 1, "{manques:?}");
        phrases_manques += manques.len();
        for n in &notes {
            let mots: Vec<&str> = n.split(|c: char| !c.is_alphanumeric()).collect();
            // Keys that are plain French words (habitants, enfants) may appear as words.
            for k in cles.iter().filter(|k| k.chars().any(|c| c.is_uppercase() || c.is_ascii_digit())) {
                assert!(!mots.contains(k), "clé interne « {k} » dans « {n} »");
            }
        }
    }
    assert!(phrases_manques >= 5, "{phrases_manques}");
    let precarite =
        d["sections"].as_array().unwrap().iter().find(|s| s["titre"].as_str().unwrap().contains("précarité")).unwrap();
    let n = commun::espaces(precarite["notes"][0].as_str().unwrap());
    assert!(
        n.contains("« Bas revenus »") && n.contains("allocataires à bas revenus") && n.contains("ne sont pas calculés"),
        "{n}"
    );
}

#[test]
fn valeurs_egales_dites_identiques_ou_omises() {
    let f = pays_opale();
    let mut t = f["territoire"].clone();
    t["valeurs"]["partFamillesMonoparentales"] = json!(15.1);
    t["valeurs"]["partEnfantsMoins3ParentsActifs"] = json!(47.8);
    let d = diagnostic(&t, &f["reference"], &Value::Null).unwrap();
    let phrases = |i: usize| {
        d["sections"][i]["phrases"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| commun::espaces(p.as_str().unwrap()))
            .collect::<Vec<_>>()
    };
    assert!(phrases(2)[2].contains("la part des familles monoparentales est identique"), "{:?}", phrases(2));
    assert_eq!(phrases(5)[1], "Des parts plus fortes pour ce territoire sont observées pour les enfants bénéficiaires d'un complément de mode de garde.");
}

#[test]
fn comptes_anciens_donnent_la_variation() {
    let t = json!({"nom": "Test", "annee": 2020, "valeurs": {"allocataires": 4582, "couplesAvecEnfants": 2195, "famillesMonoparentales": 591},
                   "valeurs5ans": {"allocataires": 4151, "couplesAvecEnfants": 2400, "famillesMonoparentales": 577}});
    let r = json!({"nom": "Somme", "annee": 2020, "valeurs": {"allocataires": 100}});
    let d = diagnostic(&t, &r, &Value::Null).unwrap();
    let lignes: Vec<&Value> =
        d["sections"].as_array().unwrap().iter().flat_map(|s| s["lignes"].as_array().unwrap()).collect();
    let l = |id: &str| *lignes.iter().find(|l| l["id"] == id).unwrap();
    // (4582 − 4151) / 4151 = 10,383 % → +10,4 %, ↑
    assert_eq!(commun::cellule(l("allocataires")["affichageVariation"].as_str().unwrap()), "+10,4%");
    assert_eq!(l("allocataires")["fleche"], "↑");
    // (2786 − 2977) / 2977 = −6,416 % → −6,4 %
    assert_eq!(commun::cellule(l("evolutionFamilles")["affiche"].as_str().unwrap()), "-6,4%");
    // (591 − 577) / 577 = 2,426 % → +2,4 %
    assert_eq!(commun::cellule(l("evolutionFamillesMonoparentales")["affiche"].as_str().unwrap()), "+2,4%");
    assert_eq!(commun::cellule(l("partFamillesAllocataires")["affiche"].as_str().unwrap()), "60,8%");
}

#[test]
fn contractions_selon_la_reference() {
    let f = pays_opale();
    for (nom, de, a) in [
        ("Somme", "de la Somme", "à la Somme"),
        ("Aisne", "de l'Aisne", "à l'Aisne"),
        ("Yvelines", "des Yvelines", "aux Yvelines"),
    ] {
        let mut r = f["reference"].clone();
        r["nom"] = json!(nom);
        let d = diagnostic(&f["territoire"], &r, &Value::Null).unwrap();
        let p1 = d["sections"][1]["phrases"][0].as_str().unwrap().to_string();
        let p2 = d["sections"][2]["phrases"][2].as_str().unwrap().to_string();
        assert!(p1.ends_with(&format!("à celui {de}.")), "{p1}");
        assert!(p2.starts_with(&format!("Comparées {a},")), "{p2}");
    }
}

#[test]
fn radar_accessible() {
    let f = pays_opale();
    let d = diagnostic(&f["territoire"], &f["reference"], &json!({"radar": {"bande": 20, "id": "r1"}})).unwrap();
    let svg = d["radar"].as_str().unwrap();
    assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
    assert!(svg.contains(r#"role="img""#) && svg.contains(r#"aria-labelledby="r1-titre r1-desc""#));
    assert!(svg.contains(
        "<title id=\"r1-titre\">Radar de vulnérabilité : Cc Pays D&apos;opale comparé à Pas-de-Calais</title>"
    ));
    assert!(!svg.contains(" style=") && !svg.contains("<script"));
    let axes = d["radarAxes"].as_array().unwrap();
    assert_eq!(axes.len(), 13);
    // Rsa: 12,134 / 17,489 = 0,69 < 0,8 → below the lower circle; Fragiles 18,3 / 18,1 inside.
    let axe = |id: &str| axes.iter().find(|a| a["id"] == id).unwrap().clone();
    assert_eq!(axe("partBeneficiairesRsa")["alerte"], "basse");
    assert!(axe("partFragiles")["alerte"].is_null());
    // A change in % is compared as growth factors: (100 + 1,0) / (100 + 0,1).
    let evolution = axe("evolutionPopulation")["rapport"].as_f64().unwrap();
    assert!((evolution - 101.0 / 100.1).abs() < 0.002, "{evolution}");
    let texte: Vec<String> =
        d["radarTexte"].as_array().unwrap().iter().map(|t| commun::espaces(t.as_str().unwrap())).collect();
    assert_eq!(texte.len(), 13);
    assert!(
        texte
            .contains(&"Rsa : 12,1 % contre 17,5 % pour la référence (rapport 0,69), fortement inférieur.".to_string()),
        "{texte:?}"
    );
    // The two lists of the source, derived from the circles, and nothing called good or bad.
    let liste = |cle: &str| -> Vec<String> {
        d[cle].as_array().unwrap().iter().map(|t| commun::espaces(t.as_str().unwrap())).collect()
    };
    let (bas, haut) = (liste("radarFortementInferieurs"), liste("radarFortementSuperieurs"));
    for a in axes {
        let libelle = a["libelle"].as_str().unwrap();
        let dans = |l: &Vec<String>| l.iter().any(|t| t.starts_with(&format!("{libelle} :")));
        assert_eq!(dans(&bas), a["alerte"] == "basse", "{libelle}");
        assert_eq!(dans(&haut), a["alerte"] == "haute", "{libelle}");
    }
    assert!(bas.contains(&"Rsa : 12,1 % contre 17,5 % pour la référence (rapport 0,69).".to_string()), "{bas:?}");
    assert!(!svg.contains("bon") && !svg.contains("mauvais"));
    // No population under 6 in the document: the axis is left out of the drawing and named.
    assert!(axe("evolutionPopulationMoins6")["rapport"].is_null());
    assert_eq!(d["radarAbsents"], json!(["Évolution des moins de 6 ans"]));
    assert!(svg.contains("Axes non tracés, sans donnée : Évolution des moins"), "{svg}");
    // No set of same-type territories given: the département serves, and the chart says so.
    assert!(d["radarReference"]
        .as_str()
        .unwrap()
        .starts_with("Pas-de-Calais (aucun ensemble de territoires de même type"));
    assert!(svg.contains("Référence (cercle rouge) : Pas-de-Calais"));
    assert!(svg.contains("+20 %") && svg.contains("−20 %"), "cercles haut et bas étiquetés");
    // Only the points outside the circles are marked.
    let marques = svg.matches(r##"r="6" fill="#000091""##).count();
    assert_eq!(marques, bas.len() + haut.len());
    // A custom set, reference and band.
    let d = diagnostic(
        &f["territoire"],
        &f["reference"],
        &json!({"radar": {"indicateurs": ["partBasRevenus", "partFragiles"], "reference": {"partBasRevenus": 30.0},
            "libelleReference": "Moyenne des 3 EPCI du fichier", "bande": 5}}),
    )
    .unwrap();
    let axes = d["radarAxes"].as_array().unwrap();
    assert_eq!(axes.len(), 2);
    assert!(axes[0]["alerte"].is_null(), "30,3 / 30 = 1,01 dans la bande de 5 %");
    // A given set without this axis: left out, not taken from the département.
    assert!(axes[1]["rapport"].is_null());
    assert_eq!(d["radarReference"], "Moyenne des 3 EPCI du fichier");
    assert!(d["radar"].as_str().unwrap().contains("comparé à Moyenne des 3 EPCI du fichier</title>"));
}

#[test]
fn export_csv() {
    let f = pays_opale();
    let v = |x: &Value| serde_json::from_value::<Valeur>(x.clone()).unwrap();
    let csv = diagnostic_csv_valeur(&v(&f["territoire"]), &v(&f["reference"]), &Valeur::Nul).unwrap();
    assert!(csv.starts_with('\u{feff}'));
    let lignes: Vec<&str> = csv.trim_end().split("\r\n").collect();
    assert_eq!(
        lignes[0],
        "\u{feff}Section;Indicateur;Identifiant;Unité;Année;Cc Pays D'opale;Cc Pays D'opale : variation sur 5 ans (%);\
         Cc Pays D'opale : tendance;Pas-de-Calais;Pas-de-Calais : variation sur 5 ans (%);Pas-de-Calais : tendance;\
         Cc Pays D'opale (affiché);Pas-de-Calais (affiché);Radar (Pas-de-Calais (aucun ensemble de territoires de même type : \
         la référence sert de moyenne))"
    );
    let ligne = |id: &str| {
        lignes.iter().find(|l| l.split(';').nth(2) == Some(id)).map(|l| commun::espaces(l)).unwrap_or_default()
    };
    assert_eq!(
        ligne("habitants"),
        "1.1. Données de cadrage;Nombre d'habitants (INSEE);habitants;nombre;2018;25188;1,0;hausse;1466743;0,1;stable;25 188;1 466 743;"
    );
    assert!(ligne("partBeneficiairesRsa").ends_with(";fortement inférieur"), "{}", ligne("partBeneficiairesRsa"));
    assert!(ligne("partFragiles").ends_with(";entre les cercles"));
    assert!(ligne("evolutionPopulationMoins6").ends_with(";non tracé (sans donnée)"));
    assert_eq!(
        ligne("naissances").split(';').take(11).collect::<Vec<_>>().join(";"),
        // Document, line 102: | Nombre de naissances domiciliées | 2020 | 229 | ↓ -20,8% | 15 261 | ↓ -13,9% |
        "1.2. Aider les familles à concilier vie professionnelle, vie familiale et vie sociale;\
         Nombre de naissances domiciliées;naissances;nombre;2020;229;-20,8;baisse;15261;-13,9;baisse"
    );
    // Every value and variation cell is a number a spreadsheet reads: digits, an optional minus
    // sign and a decimal comma; nothing else (no space, unit or arrow).
    for l in &lignes[1..] {
        let c: Vec<&str> = l.split(';').collect();
        assert_eq!(c.len(), 14, "{l}");
        for x in [c[5], c[6], c[8], c[9]] {
            let sans_signe = x.strip_prefix('-').unwrap_or(x);
            assert!(
                x.is_empty() || sans_signe.replacen(',', "", 1).chars().all(|d| d.is_ascii_digit()),
                "« {x} » dans {l}"
            );
        }
    }
    // Formula injection in a name is neutralised.
    let mut t = f["territoire"].clone();
    t["nom"] = json!("=cmd|' /C calc'!A0");
    let csv = diagnostic_csv_valeur(&v(&t), &v(&f["reference"]), &Valeur::Nul).unwrap();
    assert!(csv.lines().next().unwrap().contains(";'=cmd|' /C calc'!A0;"), "{}", csv.lines().next().unwrap());
}

#[test]
fn erreurs_du_diagnostic() {
    let ok = json!({"nom": "T", "annee": 2020, "valeurs": {"allocataires": 10}});
    let cas = [
        (json!(null), ok.clone(), json!(null), "territoire", "doit être un objet"),
        (json!({"nom": "T", "valeurs": {}}), ok.clone(), json!(null), "territoire.annee", "obligatoire"),
        (
            json!({"nom": "T", "annee": 1800, "valeurs": {}}),
            ok.clone(),
            json!(null),
            "territoire.annee",
            "comprise entre 1990 et 2100",
        ),
        (json!({"nom": "T", "annee": 2020}), ok.clone(), json!(null), "territoire.valeurs", "obligatoire"),
        (
            json!({"nom": "T", "annee": 2020, "valeurs": []}),
            ok.clone(),
            json!(null),
            "territoire.valeurs",
            "doit être un objet",
        ),
        (
            json!({"nom": 3, "annee": 2020, "valeurs": {}}),
            ok.clone(),
            json!(null),
            "territoire.nom",
            "doit être un texte",
        ),
        (
            json!({"nom": "T", "article": "du", "annee": 2020, "valeurs": {}}),
            ok.clone(),
            json!(null),
            "territoire.article",
            "inconnue",
        ),
        (
            ok.clone(),
            json!({"nom": "R", "annee": 2020, "valeurs": {"habitants": -1}}),
            json!(null),
            "reference.valeurs.habitants",
            "la valeur ne peut pas être négative",
        ),
        (
            json!({"annee": 2020, "valeurs": {"allocataires": 10.5}}),
            ok.clone(),
            json!(null),
            "territoire.valeurs.allocataires",
            "nombre entier",
        ),
        (
            json!({"annee": 2020, "valeurs": {"allocataires": "beaucoup"}}),
            ok.clone(),
            json!(null),
            "territoire.valeurs.allocataires",
            "n'est pas un nombre",
        ),
        (
            json!({"annee": 2020, "valeurs": {"allocataires": 1e13}}),
            ok.clone(),
            json!(null),
            "territoire.valeurs.allocataires",
            "comprise entre",
        ),
        (
            json!({"annee": 2020, "valeurs": {}, "valeurs5ans": {"naissances": -3}}),
            ok.clone(),
            json!(null),
            "territoire.valeurs5ans.naissances",
            "négative",
        ),
        (ok.clone(), ok.clone(), json!({"margeFleche": -1}), "options.margeFleche", "négative"),
        (
            ok.clone(),
            ok.clone(),
            json!({"radar": {"indicateurs": ["inconnu"]}}),
            "options.radar.indicateurs[0]",
            "inconnue",
        ),
        (ok.clone(), ok.clone(), json!({"radar": {"bande": 150}}), "options.radar.bande", "comprise entre 0 et 100"),
        (ok.clone(), ok.clone(), json!({"radar": 3}), "options.radar", "doit être un objet"),
        (ok.clone(), ok.clone(), json!("options"), "options", "doit être un objet"),
    ];
    for (t, r, o, champ, message) in cas {
        let (m, c) = diagnostic(&t, &r, &o).expect_err(champ);
        assert_eq!(c, champ, "{m}");
        assert!(commun::espaces(&m).contains(message), "{champ} : « {m} »");
    }
    // Signed keys accept negative values; unknown keys are warnings.
    let t = json!({"annee": 2020, "valeurs": {"placesEajeEvolution": -3, "clefInconnue": 2}, "variations5ans": {"habitants": -2.5}});
    let d = diagnostic(&t, &ok, &Value::Null).unwrap();
    assert!(d["avertissements"][0].as_str().unwrap().contains("territoire.valeurs.clefInconnue"));
}

#[test]
fn export_json_de_l_etude_entiere() {
    let f = pays_opale();
    let v = |x: &Value| serde_json::from_value::<Valeur>(x.clone()).unwrap();
    let (t, r) = (v(&f["territoire"]), v(&f["reference"]));
    let e = serde_json::to_value(diagnostic_json_valeur(&t, &r, &Valeur::Nul, "2026-11-29").unwrap()).unwrap();
    assert_eq!(e["format"], "indicateurs-caf/etude");
    assert_eq!(e["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(e["produitLe"], "2026-11-29");
    // The same study as calculerDiagnostic, numbers as numbers.
    let d = diagnostic(&f["territoire"], &f["reference"], &Value::Null).unwrap();
    assert_eq!(e["etude"], d);
    verifier_etude(&f, &e["etude"]);
    assert!(diagnostic_json_valeur(&t, &r, &Valeur::Nul, "2024-02-29").is_ok());
    let jours_impossibles = ["2026-04-31", "2026-02-29", "1900-02-29", "2026-02-30", "2026-12-32"];
    for mauvaise in
        ["", "29/11/2026", "2026-13-01", "2026-11-00", "2026-1-29", "aaaa-mm-jj"].into_iter().chain(jours_impossibles)
    {
        let err = diagnostic_json_valeur(&t, &r, &Valeur::Nul, mauvaise).unwrap_err();
        assert_eq!(err.champ, "produitLe", "{mauvaise}");
        assert!(err.message.contains("AAAA-MM-JJ"), "{}", err.message);
    }
}

#[test]
fn bloc_de_titre_de_l_etude() {
    let f = pays_opale();
    let d = diagnostic(&f["territoire"], &f["reference"], &Value::Null).unwrap();
    let e: Vec<(String, String)> = serde_json::from_value(d["entete"].clone()).unwrap();
    let texte = |l: &str| e.iter().find(|x| x.0 == l).map(|x| x.1.clone()).unwrap_or_default();
    assert_eq!(texte("Territoire"), "Cc Pays D'opale");
    assert_eq!(texte("Référence"), "Pas-de-Calais");
    // The document's rows run from 2018 (INSEE population) to 2021 (provisional annual change of
    // the REAAP actions, document line 143).
    assert!(texte("Année des données").starts_with("2020 ; selon les lignes, de 2018 à 2021"), "{e:?}");
    assert!(texte("Année des données").ends_with("variations sur 5 ans depuis 2015"), "{e:?}");
    assert!(texte("Sources").starts_with("Caf") && !texte("Sources").contains("Filosofi"), "{e:?}");
}

/// The figures alone (a batch of territories) are the study's own: every row of the study is in
/// them, equal and in order; the rows of the sections the study leaves out are empty there.
#[test]
fn cellules_seules_egales_a_l_etude() {
    let f = pays_opale();
    let lire = |v: &Value, chemin: &str| {
        Territoire::lire(&serde_json::from_value::<Valeur>(v.clone()).unwrap(), chemin, "Territoire").unwrap()
    };
    let (t, r) = (lire(&f["territoire"], "territoire"), lire(&f["reference"], "reference"));
    let vide = lire(&json!({"annee": 2020, "valeurs": {}}), "reference");
    let partiel = lire(&json!({"annee": 2020, "valeurs": {"allocataires": 10, "habitants": 20}}), "territoire");
    for (a, b) in [(&t, &r), (&t, &vide), (&r, &t), (&partiel, &r), (&vide, &vide)] {
        let etude = diagnostiquer(a, b, &Options::default());
        let cellules = cellules_du_diagnostic(a, b, &Options::default());
        let mut suite = cellules.iter();
        for ligne in etude.sections.iter().flat_map(|s| &s.lignes) {
            let saute: Vec<_> = suite.by_ref().take_while(|c| c.id != ligne.id).collect();
            assert!(
                saute.iter().all(|c| c.territoire.valeur.is_none() && c.reference.valeur.is_none()),
                "{}",
                ligne.id
            );
            let seule = cellules.iter().find(|c| c.id == ligne.id && c.annee == ligne.annee).unwrap();
            assert_eq!(seule, ligne, "{}", ligne.id);
        }
        // The figures without their text (what the counts batch writes) are the cells' own.
        let chiffres = chiffres_d_un_territoire(a);
        assert_eq!(chiffres.len(), cellules.len());
        for (c, l) in chiffres.iter().zip(&cellules) {
            assert_eq!((c.valeur, c.variation5ans), (l.territoire.valeur, l.territoire.variation5ans), "{}", l.id);
        }
        assert!(
            chiffres.iter().any(|c| c.variation5ans.is_some()) || std::ptr::eq(a, &vide) || std::ptr::eq(a, &partiel)
        );
    }
}

/// The study as Markdown (`territoires --etudes`) is the reference document's study: each of its
/// sentences, each row's label with the two displayed values, its notes, the radar's lists; a
/// missing value is « — », never 0; a `|` in a name does not break the tables.
#[test]
fn etude_pays_opale_en_markdown() {
    let f = pays_opale();
    let lire = |v: &Value, chemin: &str| {
        Territoire::lire(&serde_json::from_value::<Valeur>(v.clone()).unwrap(), chemin, "Territoire").unwrap()
    };
    let (mut t, r) = (lire(&f["territoire"], "territoire"), lire(&f["reference"], "reference"));
    let d = diagnostiquer(&t, &r, &Options::default());
    let md = indicateurs_caf::markdown::etude(&d, Some("radar.svg"), &[("Produite par", "un test".into())]);
    let mut phrases = 0;
    for (titre, attendues) in f["phrases"].as_object().unwrap() {
        assert!(md.contains(&format!("\n## {titre}\n")), "{titre}");
        for p in attendues.as_array().unwrap() {
            let p = commun::cellule(p.as_str().unwrap());
            assert!(commun::cellule(&md).contains(&p), "phrase absente : {p}");
            phrases += 1;
        }
    }
    assert!(phrases > 20, "{phrases}");
    for l in d.sections.iter().flat_map(|s| &s.lignes) {
        let attendue =
            |c: &indicateurs_caf::diagnostic::Cellule| match (c.affiche.as_str(), c.affichage_variation.as_str()) {
                ("", _) => "—".to_string(),
                (a, "") => a.to_string(),
                (a, v) => format!("{a} ({v} en 5 ans {})", c.fleche),
            };
        let rangee =
            format!("| {} | {} | {} | {} |", l.libelle, l.annee, attendue(&l.territoire), attendue(&l.reference));
        assert!(md.contains(&rangee), "{rangee}");
    }
    assert!(
        d.sections.iter().flat_map(|s| &s.lignes).any(|l| l.territoire.affiche.is_empty()),
        "une cellule vide au moins"
    );
    for n in d
        .sections
        .iter()
        .flat_map(|s| &s.notes)
        .chain(&d.radar.fortement_inferieurs)
        .chain(&d.radar.fortement_superieurs)
    {
        assert!(md.contains(&format!("- {n}\n")), "{n}");
    }
    assert!(md.contains("![Radar de vulnérabilité](radar.svg)") && md.contains("| Produite par | un test |"));
    // A name with a `|`: escaped in every table cell, so each row keeps its four columns.
    t.nom = Some(indicateurs_caf::territoire::Nom::departement_ou_libre("CC A|B"));
    let md = indicateurs_caf::markdown::etude(&diagnostiquer(&t, &r, &Options::default()), None, &[]);
    assert!(md.contains("| Territoire | CC A\\|B |") && md.contains("| Indicateur | Année | CC A\\|B |"), "{md}");
    // Every table row keeps its columns: 3 unescaped `|` in the title block, 5 in a table.
    for ligne in md.lines().filter(|l| l.starts_with('|')) {
        let barres = ligne.replace("\\|", "").matches('|').count();
        assert!(barres == 3 || barres == 5, "{ligne}");
    }
}
