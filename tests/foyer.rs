//! Golden fixtures of the household calculator, through the pure core (native and wasm).

mod commun;

use commun::{foyers, verifier, verifier_erreur};
use indicateurs_caf::contrat::{calculer_foyer_valeur, seuils_js};
use indicateurs_caf::valeur::Valeur;
use serde_json::{json, Value};

fn calculer(situation: &Value) -> Result<Value, (String, String)> {
    let v: Valeur = serde_json::from_value(situation.clone()).expect("entrée décodable");
    calculer_foyer_valeur(&v)
        .map(|r| serde_json::to_value(r).expect("résultat sérialisable"))
        .map_err(|e| (e.message, e.champ))
}

#[test]
fn cas_dores() {
    let f = foyers();
    let cas = f["cas"].as_array().unwrap();
    assert!(cas.len() >= 20);
    for c in cas {
        let nom = c["nom"].as_str().unwrap();
        let r = calculer(&c["situation"]).unwrap_or_else(|e| panic!("{nom} : erreur inattendue {e:?}"));
        verifier(nom, &c["attendu"], &r);
    }
}

#[test]
fn une_erreur_par_regle() {
    let f = foyers();
    for c in f["erreurs"].as_array().unwrap() {
        let nom = c["nom"].as_str().unwrap();
        match calculer(&c["situation"]) {
            Ok(r) => panic!("{nom} : aucune erreur, résultat {r}"),
            Err((message, champ)) => verifier_erreur(nom, c, &message, &champ),
        }
    }
}

#[test]
fn trop_de_personnes() {
    let mut personnes = vec![json!({"role": "allocataire", "age": 30})];
    personnes.extend((0..200).map(|_| json!({"role": "enfant", "age": 3})));
    let (message, champ) =
        calculer(&json!({"annee": 2017, "personnes": personnes, "revenusAnnuels": 0, "prestationsMensuelles": 0}))
            .unwrap_err();
    assert_eq!(champ, "personnes");
    assert_eq!(commun::espaces(&message), "Personnes du foyer : 30 éléments au plus.");
}

#[test]
fn une_explication_par_figure_sans_nan() {
    let r = calculer(&foyers()["cas"][0]["situation"]).unwrap();
    let figures = r["figures"].as_array().unwrap();
    let explications = r["explications"].as_array().unwrap();
    assert_eq!(figures.len(), explications.len());
    for f in figures {
        let e = f["explication"].as_str().unwrap();
        assert!(e.len() > 20 && e.ends_with('.'), "explication trop courte : {e}");
    }
}

#[test]
fn catalogue_des_seuils() {
    let s = seuils_js();
    let v = serde_json::to_value(&s).unwrap();
    // 3 CAF values, 14 INSEE 60 %, 8 INSEE 50 % (docs/indicateurs.md §1.4).
    let compte = |t: &str| s.iter().filter(|x| x.type_seuil == t).count();
    assert_eq!((compte("caf-bas-revenus"), compte("insee-60"), compte("insee-50")), (3, 14, 8));
    for x in v.as_array().unwrap() {
        for champ in ["annee", "valeur", "type", "source", "statut"] {
            assert!(!x[champ].is_null(), "{champ} manque dans {x}");
        }
    }
    assert!(s.iter().any(|x| x.annee == 2017 && x.valeur == 1052.0 && x.statut == "confirme"));
}
