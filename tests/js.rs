//! The golden fixtures through the real JavaScript boundary: objects in, objects out, errors
//! thrown as `Error` with a `champ` property. Runs under `wasm-pack test --node` and, with
//! `WASM_BINDGEN_USE_BROWSER=1`, in headless Chromium (scripts/test.sh checks the count).

#![cfg(target_arch = "wasm32")]

mod commun;

use commun::{foyers, pays_opale, verifier, verifier_erreur, verifier_etude};
use indicateurs_caf::tableur::{lire_cellule, lire_fichier, Encodage};
use indicateurs_caf::wasm::{
    calculer_diagnostic, calculer_foyer, cles_diagnostic, date_longue, exporter_diagnostic_csv, seuils,
};
use js_sys::{Array, Error, Object, Reflect, JSON};
use serde_json::Value;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

fn js(v: &Value) -> JsValue {
    JSON::parse(&v.to_string()).expect("JSON valide")
}

fn rust(v: &JsValue) -> Value {
    serde_wasm_bindgen::from_value(v.clone()).expect("résultat lisible")
}

/// The thrown value must be a real `Error` with a French message and a `champ`.
fn erreur(v: JsValue) -> (String, String) {
    let e: &Error = v.dyn_ref::<Error>().expect("une exception Error, pas une chaîne");
    let champ = Reflect::get(e, &"champ".into()).unwrap().as_string().expect("propriété champ");
    (String::from(e.message()), champ)
}

fn situation_valide() -> JsValue {
    js(&foyers()["cas"][0]["situation"])
}

#[wasm_bindgen_test]
fn cas_dores_par_la_frontiere_js() {
    let f = foyers();
    for c in f["cas"].as_array().unwrap() {
        let nom = c["nom"].as_str().unwrap();
        let r = calculer_foyer(js(&c["situation"])).unwrap_or_else(|e| panic!("{nom} : {:?}", erreur(e)));
        assert!(r.is_object());
        verifier(nom, &c["attendu"], &rust(&r));
    }
}

#[wasm_bindgen_test]
fn erreurs_levees_avec_champ() {
    let f = foyers();
    for c in f["erreurs"].as_array().unwrap() {
        let nom = c["nom"].as_str().unwrap();
        let e = calculer_foyer(js(&c["situation"])).err().unwrap_or_else(|| panic!("{nom} : pas d'erreur"));
        let (message, champ) = erreur(e);
        verifier_erreur(nom, c, &message, &champ);
    }
}

fn avec(champ: &str, valeur: JsValue) -> JsValue {
    let s = situation_valide();
    Reflect::set(&s, &champ.into(), &valeur).unwrap();
    s
}

#[wasm_bindgen_test]
fn valeurs_que_seul_javascript_peut_donner() {
    let cas: Vec<(&str, JsValue, &str, &str)> = vec![
        ("NaN", avec("revenusAnnuels", JsValue::from_f64(f64::NAN)), "revenusAnnuels", "nombre fini"),
        (
            "Infinity",
            avec("prestationsMensuelles", JsValue::from_f64(f64::INFINITY)),
            "prestationsMensuelles",
            "nombre fini",
        ),
        ("-Infinity", avec("annee", JsValue::from_f64(f64::NEG_INFINITY)), "annee", "nombre fini"),
        ("undefined", JsValue::UNDEFINED, "situation", "doit être un objet"),
        ("chaîne", JsValue::from_str("foyer"), "situation", "doit être un objet"),
        ("nombre", JsValue::from_f64(3.0), "situation", "doit être un objet"),
        ("objet vide", Object::new().into(), "annee", "obligatoire"),
        (
            "texte de 10 Mo",
            avec("revenusAnnuels", JsValue::from_str(&"9".repeat(10_000_000))),
            "revenusAnnuels",
            "trop long",
        ),
        (
            "liste à la place des personnes",
            avec("personnes", Array::of1(&JsValue::from_f64(1.0)).into()),
            "personnes[0]",
            "doit être un objet",
        ),
        ("nombre énorme", avec("loyerMensuel", JsValue::from_f64(1e300)), "loyerMensuel", "comprise entre"),
        // The path of the unreadable value is its field.
        ("BigInt", avec("revenusAnnuels", js_sys::BigInt::from(5u64).into()), "revenusAnnuels", "BigInt"),
        (
            "fonction",
            avec("personnes", js_sys::Function::new_no_args("").into()),
            "personnes",
            "type non pris en charge",
        ),
    ];
    for (nom, entree, champ, partie) in cas {
        let (message, c) = erreur(calculer_foyer(entree).err().unwrap_or_else(|| panic!("{nom} : pas d'erreur")));
        assert_eq!(c, champ, "{nom} : {message}");
        assert!(message.contains(partie), "{nom} : « {message} »");
        // The module keeps working after each error.
        assert!(calculer_foyer(situation_valide()).is_ok(), "{nom} : le module ne répond plus");
    }
}

#[wasm_bindgen_test]
fn moins_zero_est_zero() {
    let r = rust(&calculer_foyer(avec("prestationsMensuelles", JsValue::from_f64(-0.0))).unwrap());
    assert_eq!(r["ressourcesMensuelles"].as_f64(), Some(1200.0));
}

#[wasm_bindgen_test]
fn imbrication_hostile_refusee() {
    let mut v = JsValue::from_f64(1.0);
    for _ in 0..200 {
        v = Array::of1(&v).into();
    }
    let (message, champ) = erreur(calculer_foyer(avec("personnes", v)).unwrap_err());
    // Stopped at 32 levels, at the path where it happened.
    assert_eq!(champ, format!("personnes{}", "[0]".repeat(31)));
    assert!(message.contains("illisible"), "{message}");
    assert!(calculer_foyer(situation_valide()).is_ok());
}

#[wasm_bindgen_test]
fn seuils_exposes() {
    let s = rust(&seuils().unwrap());
    let s = s.as_array().unwrap();
    assert_eq!(s.len(), 25);
    assert!(s.iter().any(|x| x["type"] == "caf-bas-revenus" && x["annee"] == 2017 && x["valeur"] == 1052.0));
}

#[wasm_bindgen_test]
fn etude_pays_opale_par_la_frontiere_js() {
    let f = pays_opale();
    let d = calculer_diagnostic(js(&f["territoire"]), js(&f["reference"]), None)
        .unwrap_or_else(|e| panic!("{:?}", erreur(e)));
    let d = rust(&d);
    verifier_etude(&f, &d);
    assert!(d["radar"].as_str().unwrap().starts_with("<svg"));
    let csv = exporter_diagnostic_csv(js(&f["territoire"]), js(&f["reference"]), Some(JsValue::NULL.unchecked_into()))
        .unwrap();
    assert!(csv.contains("Taux de couverture Caf"));
}

#[wasm_bindgen_test]
fn diagnostic_erreurs_levees_avec_champ() {
    let f = pays_opale();
    let (message, champ) = erreur(calculer_diagnostic(JsValue::from_str("x"), js(&f["reference"]), None).unwrap_err());
    assert_eq!(champ, "territoire");
    assert!(message.contains("doit être un objet"));
    let mut t = f["territoire"].clone();
    t["valeurs"]["habitants"] = serde_json::json!(-5);
    let (message, champ) = erreur(calculer_diagnostic(js(&t), js(&f["reference"]), None).unwrap_err());
    assert_eq!(champ, "territoire.valeurs.habitants");
    assert!(message.contains("négative"), "{message}");
    let nan = js(&f["territoire"]);
    Reflect::set(&Reflect::get(&nan, &"valeurs".into()).unwrap(), &"allocataires".into(), &JsValue::from_f64(f64::NAN))
        .unwrap();
    let (_, champ) = erreur(calculer_diagnostic(nan, js(&f["reference"]), None).unwrap_err());
    assert_eq!(champ, "territoire.valeurs.allocataires");
    let cles = rust(&cles_diagnostic().unwrap());
    assert!(cles.as_array().unwrap().iter().any(|c| c["cle"] == "habitants"));
}

#[wasm_bindgen_test]
fn date_longue_par_la_frontiere_js() {
    assert_eq!(date_longue(2026.0, 12.0, 1.0).unwrap(), "1er décembre 2026");
    let (message, champ) = erreur(date_longue(2026.0, 2.0, 30.0).unwrap_err());
    assert_eq!(champ, "jour");
    assert!(message.contains("n'a pas de jour 30"), "{message}");
    let (_, champ) = erreur(date_longue(2026.0, 13.0, 1.0).unwrap_err());
    assert_eq!(champ, "mois");
}

#[wasm_bindgen]
extern "C" {
    /// The platform's text decoder: the reference for Windows-1252 (WHATWG Encoding Standard).
    type TextDecoder;
    #[wasm_bindgen(constructor)]
    fn new(encodage: &str) -> TextDecoder;
    #[wasm_bindgen(method)]
    fn decode(this: &TextDecoder, octets: &[u8]) -> String;
}

/// The WHATWG Encoding Standard's index windows-1252 at 0x80–0x9F, as code points: the reference
/// where the platform's decoder is not the standard's (Node since 20.18.3 decodes windows-1252
/// as Latin-1: nodejs/node issue 60888).
const INDEX_WINDOWS_1252_80_9F: [u32; 32] = [
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D,
    0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A,
    0x0153, 0x009D, 0x017E, 0x0178,
];

/// Files from French Excel (`tableur`): every byte read as Windows-1252 the way the browser
/// reads it (in Chromium, its own decoder is the reference for all 256 bytes), the eight
/// bytes of ISO-8859-15's own letters as the platform's ISO-8859-15 decoder reads them, and
/// every byte of a Mac Roman file as the platform's Mac Roman decoder reads it.
#[wasm_bindgen_test]
fn windows_1252_comme_la_plateforme() {
    let decodeur = TextDecoder::new("windows-1252");
    let conforme = decodeur.decode(&[0x80]) == "€";
    let navigateur = Reflect::has(&js_sys::global(), &"document".into()).unwrap_or(false);
    assert!(conforme || !navigateur, "le décodeur du navigateur suit la norme");
    let attendu = |b: u8| match b {
        0x80..=0x9f if !conforme => {
            char::from_u32(INDEX_WINDOWS_1252_80_9F[usize::from(b - 0x80)]).unwrap().to_string()
        }
        _ => decodeur.decode(&[b]),
    };
    // A cell of one of the eight bytes where ISO-8859-15 has its own letters (œ, Œ, €…) is read in
    // ISO-8859-15 (`tableur`): checked against the platform's decoder of that encoding.
    let latin9 = TextDecoder::new("iso-8859-15");
    for b in 0x80..=0xffu8 {
        let propre_a_latin9 = latin9.decode(&[b]) != decodeur.decode(&[b]) && b >= 0xa0;
        let attendu = if propre_a_latin9 { latin9.decode(&[b]) } else { attendu(b) };
        assert_eq!(lire_cellule(&[b]), attendu, "octet {b:#04x}");
    }
    let propres: Vec<u8> = (0xa0..=0xffu8).filter(|&b| latin9.decode(&[b]) != decodeur.decode(&[b])).collect();
    assert_eq!(propres, [0xa4, 0xa6, 0xa8, 0xb4, 0xb8, 0xbc, 0xbd, 0xbe], "les octets propres à ISO-8859-15");
    // Excel for Mac's CSV (`tableur`): each byte after a word that only Mac Roman reads as
    // French (« ét », 8E 74), as the platform's decoder of the WHATWG index macintosh reads it.
    let mac = TextDecoder::new("macintosh");
    for b in 0x80..=0xffu8 {
        let octets = [0x8e, b't', b' ', b];
        let (texte, encodage) = lire_fichier(&octets);
        assert_eq!((texte.as_ref(), encodage), (mac.decode(&octets).as_str(), Encodage::MacRoman), "octet {b:#04x}");
    }
    // Every byte in one file, each between spaces: no letter inside a word, so no reason to
    // read Mac Roman; Windows-1252, as the browser reads it. (The 256 bytes in a row would be
    // read as Mac Roman: its letters at 80–9F follow one another, more than Windows-1252's.)
    let tous: Vec<u8> = (0..=255u8).flat_map(|b| [b, b' ']).collect();
    let (texte, encodage) = lire_fichier(&tous);
    assert_eq!(encodage, Encodage::Windows1252);
    assert_eq!(
        texte,
        (0..=255u8)
            .map(|b| if b < 0x80 { format!("{} ", char::from(b)) } else { attendu(b) + " " })
            .collect::<String>()
    );
}

/// Before a counts file's work, the binding grows the module's memory once by twelve times the
/// file's bytes (`reserver_memoire`): growing it allocation by allocation took a third of the time
/// of a file of every commune. A file refused at its header still reserves (the reservation comes
/// first) but needs nothing itself, so only the reservation can have grown the memory this far;
/// this fails if the optimiser drops the block never written.
#[wasm_bindgen_test]
fn memoire_reservee_avant_le_travail_d_un_fichier() {
    let octets_memoire = || {
        let memoire = wasm_bindgen::memory().unchecked_into::<js_sys::WebAssembly::Memory>();
        memoire.buffer().unchecked_into::<js_sys::ArrayBuffer>().byte_length() as usize
    };
    let taille = 8 << 20;
    let mut contenu = b"colonne;autre\n".to_vec();
    contenu.resize(taille, b'x');
    let fichier = Object::new();
    Reflect::set(&fichier, &"nom".into(), &"sans-code.csv".into()).unwrap();
    Reflect::set(&fichier, &"contenu".into(), &js_sys::Uint8Array::from(&contenu[..])).unwrap();
    drop(contenu);
    let (_, champ) = erreur(indicateurs_caf::wasm::importer_comptes(fichier.into(), None).unwrap_err());
    assert_eq!(champ, "entete");
    assert!(octets_memoire() >= 12 * taille, "mémoire : {} octets", octets_memoire());
}
