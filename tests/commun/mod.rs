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
