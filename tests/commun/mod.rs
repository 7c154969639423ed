//! Shared by the native and the wasm tests: the golden fixtures and the checker.

#![allow(dead_code)]

use serde_json::Value;

/// Golden fixtures of `calculerFoyer`.
pub const FOYERS: &str = include_str!("../fixtures/foyers.json");

/// The fixtures, parsed.
pub fn foyers() -> Value {
    serde_json::from_str(FOYERS).expect("fixtures/foyers.json est du JSON valide")
}

/// Spaces as plain spaces (the displays use U+202F and U+00A0).
pub fn espaces(s: &str) -> String {
    s.replace(['\u{202f}', '\u{a0}'], " ")
}

/// The value at `chemin` ("seuil.annee", "figures.ruc.affiche", "avertissements.length").
pub fn chercher(racine: &Value, chemin: &str) -> Option<Value> {
    let mut v = racine.clone();
    for seg in chemin.split('.') {
        v = match (&v, seg) {
            (Value::Array(a), "length") => Value::from(a.len()),
            (Value::Array(a), s) => match s.parse::<usize>() {
                Ok(i) => a.get(i)?.clone(),
                Err(_) => a.iter().find(|e| e.get("id").and_then(Value::as_str) == Some(s))?.clone(),
            },
            (Value::Object(o), s) => o.get(s)?.clone(),
            _ => return None,
        };
    }
    Some(v)
}

/// Checks every expectation of one fixture case against a result.
#[track_caller]
pub fn verifier(nom: &str, attendu: &Value, obtenu: &Value) {
    let attendu = attendu.as_object().expect("attendu est un objet");
    assert!(!attendu.is_empty(), "{nom} : aucun attendu");
    for (chemin, a) in attendu {
        let o = chercher(obtenu, chemin).unwrap_or_else(|| panic!("{nom} : « {chemin} » absent du résultat {obtenu}"));
        match (a, &o) {
            (Value::Number(a), Value::Number(o)) => {
                let (a, o) = (a.as_f64().unwrap(), o.as_f64().unwrap());
                assert!((a - o).abs() <= 0.005, "{nom} : {chemin} = {o}, attendu {a}");
            }
            (Value::String(a), Value::String(o)) if a.starts_with('~') => {
                assert!(espaces(o).contains(&a[1..]), "{nom} : {chemin} = « {o} » ne contient pas « {} »", &a[1..]);
            }
            (Value::String(a), Value::String(o)) => assert_eq!(&espaces(o), a, "{nom} : {chemin}"),
            (a, o) => assert_eq!(a, o, "{nom} : {chemin}"),
        }
    }
    // Nothing displays NaN, anywhere in the result.
    let texte = obtenu.to_string();
    assert!(!texte.contains("NaN") && !texte.contains("Infinity"), "{nom} : NaN ou infini dans {texte}");
}

/// Checks an error: its field exactly, its message exactly or by '~' substring.
#[track_caller]
pub fn verifier_erreur(nom: &str, cas: &Value, message: &str, champ: &str) {
    assert_eq!(champ, cas["champ"].as_str().unwrap(), "{nom} : champ (message « {message} »)");
    let attendu = cas["message"].as_str().unwrap();
    let message = espaces(message);
    match attendu.strip_prefix('~') {
        Some(partie) => assert!(message.contains(partie), "{nom} : « {message} » ne contient pas « {partie} »"),
        None => assert_eq!(message, attendu, "{nom}"),
    }
}

/// Golden fixture of the étude préliminaire (Pays d'Opale against the Pas-de-Calais).
pub const PAYS_OPALE: &str = include_str!("../fixtures/pays-opale.json");
/// Its inputs, which are also the page's example.
pub const PAYS_OPALE_ENTREES: &str = include_str!("../../www/exemples/pays-opale.json");

/// The étude préliminaire fixture with its inputs (`territoire`, `reference`), parsed.
pub fn pays_opale() -> Value {
    let mut f: Value = serde_json::from_str(PAYS_OPALE).expect("fixtures/pays-opale.json est du JSON valide");
    let e: Value = serde_json::from_str(PAYS_OPALE_ENTREES).expect("www/exemples/pays-opale.json est du JSON valide");
    f["territoire"] = e["territoire"].clone();
    f["reference"] = e["reference"].clone();
    f
}

/// Table cells as printed in the document: plain spaces, no space before `%`.
pub fn cellule(s: &str) -> String {
    espaces(s).replace(" %", "%").trim().to_string()
}

/// Checks every row and every sentence of the reference document against a diagnostic (as
/// JSON, the shape of `calculerDiagnostic`).
#[track_caller]
pub fn verifier_etude(fixture: &Value, diagnostic: &Value) {
    let sections = diagnostic["sections"].as_array().expect("sections");
    let lignes: Vec<&Value> = sections.iter().flat_map(|s| s["lignes"].as_array().unwrap().iter()).collect();
    let mut verifiees = 0;
    for attendu in fixture["lignes"].as_array().unwrap() {
        let a: Vec<&str> = attendu.as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
        let id = a[0];
        let l = lignes.iter().find(|l| l["id"] == id).unwrap_or_else(|| panic!("ligne {id} absente"));
        let variation = |c: &Value| {
            cellule(&format!("{} {}", c["fleche"].as_str().unwrap(), c["affichageVariation"].as_str().unwrap()))
        };
        assert_eq!(cellule(l["affiche"].as_str().unwrap()), a[1], "{id} : valeur du territoire");
        assert_eq!(variation(l), a[2], "{id} : variation du territoire");
        assert_eq!(cellule(l["reference"]["affiche"].as_str().unwrap()), a[3], "{id} : valeur de la référence");
        assert_eq!(variation(&l["reference"]), a[4], "{id} : variation de la référence");
        // A blank cell is null, never 0 nor NaN.
        if a[1].is_empty() {
            assert!(l["valeur"].is_null(), "{id} : cellule vide mais valeur {}", l["valeur"]);
        }
        verifiees += 1;
    }
    assert_eq!(verifiees, fixture["lignes"].as_array().unwrap().len());
    let phrases = fixture["phrases"].as_object().unwrap();
    assert_eq!(phrases.len(), sections.len(), "nombre de sections");
    for (titre, attendues) in phrases {
        let s = sections
            .iter()
            .find(|s| s["titre"] == titre.as_str())
            .unwrap_or_else(|| panic!("section « {titre} » absente"));
        let obtenues: Vec<String> =
            s["phrases"].as_array().unwrap().iter().map(|p| espaces(p.as_str().unwrap())).collect();
        let attendues: Vec<String> =
            attendues.as_array().unwrap().iter().map(|p| p.as_str().unwrap().to_string()).collect();
        assert_eq!(obtenues, attendues, "phrases de « {titre} »");
    }
}
