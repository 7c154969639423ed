//! The radar of the source document: the reference circle is the mean over territories of the
//! same type, computed from a counts file or an import; the two lists come from the circles.

use indicateurs_caf::contrat::{calculer_diagnostic_valeur, importer_comptes_fichier, ComptesJs, FichierRecu};
use indicateurs_caf::valeur::Valeur;
use serde_json::{json, Value};

fn comptes(texte: &str) -> Value {
    let f = FichierRecu { nom: "comptes.csv".into(), contenu: texte.as_bytes().to_vec(), annee: None };
    serde_json::to_value(ComptesJs::from(&importer_comptes_fichier(&f).unwrap())).unwrap()
}

fn valeur(v: Value) -> Valeur {
    serde_json::from_value(v).unwrap()
}

const FICHIER: &str =
    "code;nom;niveau;annee;reference;allocatairesReference;allocatairesBasRevenus;beneficiairesRsa;allocataires\n\
    62;Pas-de-Calais;departement;2020;;1000;300;100;1000\n\
    A;Epci A;epci;2020;62;100;10;5;100\n\
    B;Epci B;epci;2020;62;100;20;;100\n\
    C;Epci C;epci;2020;62;200;30;30;200\n";

#[test]
fn moyenne_de_meme_type_depuis_un_fichier_de_comptes() {
    let c = comptes(FICHIER);
    let moyennes = c["moyennes"].as_array().unwrap();
    // One set: the three EPCI (the département is alone of its level; the EPCI of « 62 » are
    // the whole file, so no second set).
    assert_eq!(moyennes.len(), 1, "{moyennes:?}");
    let m = &moyennes[0];
    assert_eq!(m["niveau"], "epci");
    assert_eq!(m["nombre"], 3);
    assert_eq!(m["libelle"], "Moyenne des 3 EPCI du fichier");
    // Bas revenus: 10 %, 20 %, 15 % → 15 %. Rsa: 5 %, (missing), 15 % → 10 %, over the two
    // that have it; a missing value is never counted as zero.
    assert_eq!(m["valeurs"]["partBasRevenus"], 15.0);
    assert_eq!(m["valeurs"]["partBeneficiairesRsa"], 10.0);
    assert!(m["valeurs"].get("indiceJeunesse").is_none(), "aucun EPCI n'a l'indice : pas de moyenne");

    // The study of EPCI C against that mean: 15 / 15 = 1 inside; Rsa 15 / 10 = 1,5 above.
    let ligne =
        |code: &str| c["lignes"].as_array().unwrap().iter().find(|l| l["code"] == code).unwrap()["territoire"].clone();
    let options = json!({"radar": {"reference": m["valeurs"], "libelleReference": m["libelle"]}});
    let d = calculer_diagnostic_valeur(&valeur(ligne("C")), &valeur(ligne("62")), &valeur(options)).unwrap();
    let d = serde_json::to_value(d).unwrap();
    assert_eq!(d["radarReference"], "Moyenne des 3 EPCI du fichier");
    let axe = |id: &str| d["radarAxes"].as_array().unwrap().iter().find(|a| a["id"] == id).unwrap().clone();
    assert_eq!(axe("partBasRevenus")["rapport"], 1.0);
    assert!(axe("partBasRevenus")["alerte"].is_null());
    assert_eq!(axe("partBeneficiairesRsa")["rapport"], 1.5);
    assert_eq!(axe("partBeneficiairesRsa")["alerte"], "haute");
    let haut: Vec<String> = d["radarFortementSuperieurs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_str().unwrap().replace('\u{a0}', " "))
        .collect();
    assert_eq!(haut, ["Rsa : 15,0 % contre 10,0 % pour la référence (rapport 1,50)."]);
    assert!(d["radarFortementInferieurs"].as_array().unwrap().is_empty());
    // 11 of the 13 axes have no value: left out and named, never drawn at the centre.
    let absents = d["radarAbsents"].as_array().unwrap();
    assert_eq!(absents.len(), 11, "{absents:?}");
    let svg = d["radar"].as_str().unwrap();
    assert!(svg.contains("Axes non tracés, sans donnée : Dépendants à 100 %,"), "{svg}");
    assert!(!svg.contains("<polygon"), "deux axes ne font pas un polygone");
}

#[test]
fn moyennes_par_reference_quand_le_fichier_en_a_plusieurs() {
    let texte = format!("{FICHIER}D;Epci D;epci;2020;59;100;40;;100\nE;Epci E;epci;2020;59;100;60;;100\n59;Nord;departement;2020;;1000;200;;1000\n");
    let c = comptes(&texte);
    let libelles: Vec<&str> =
        c["moyennes"].as_array().unwrap().iter().map(|m| m["libelle"].as_str().unwrap()).collect();
    assert_eq!(
        libelles,
        [
            "Moyenne des 2 départements du fichier",
            "Moyenne des 5 EPCI du fichier",
            "Moyenne des 2 EPCI comparés à Nord",
            "Moyenne des 3 EPCI comparés à Pas-de-Calais"
        ]
    );
    let nord = c["moyennes"].as_array().unwrap().iter().find(|m| m["departement"] == "59").unwrap();
    assert_eq!(nord["valeurs"]["partBasRevenus"], 50.0);
}

#[test]
fn aucun_axe_sans_valeur_ni_dessin_au_centre() {
    // A set given without any of the chosen axes: nothing is drawn, everything is named.
    let c = comptes(FICHIER);
    let ligne =
        |code: &str| c["lignes"].as_array().unwrap().iter().find(|l| l["code"] == code).unwrap()["territoire"].clone();
    let options = json!({"radar": {"indicateurs": ["indiceJeunesse", "partFragiles"], "reference": {}, "libelleReference": "Moyenne des 3 EPCI du fichier"}});
    let d = serde_json::to_value(
        calculer_diagnostic_valeur(&valeur(ligne("A")), &valeur(ligne("62")), &valeur(options)).unwrap(),
    )
    .unwrap();
    let svg = d["radar"].as_str().unwrap();
    assert!(svg.contains("Aucun axe n&apos;a de valeur."), "{svg}");
    assert!(!svg.contains(r##"fill="#000091" stroke"##), "aucun point");
    assert_eq!(d["radarAbsents"], json!(["Indice de jeunesse", "Fragiles"]));
    assert!(d["radarFortementInferieurs"].as_array().unwrap().is_empty());
    assert_eq!(d["radarReference"], "Moyenne des 3 EPCI du fichier");
}
