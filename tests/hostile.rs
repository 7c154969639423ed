//! The bad-input catalogue: hostile values through the real JavaScript boundary (Node and
//! Chromium). Each must give a JavaScript `Error` with a French message and the field in
//! `champ` (or, for a CSV line, its own error row), never a panic; and the module must answer
//! the next call.

#![cfg(target_arch = "wasm32")]

use indicateurs_caf::wasm::{calculer_diagnostic, calculer_foyer, generer_foyers, importer_donnees, TraitementFoyers};
use js_sys::{Array, BigInt, Error, Object, Reflect, Symbol, Uint8Array, JSON};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

// Host values that misbehave: getters and Proxy traps that throw (an Error, or a bare string),
// revoked proxies, huge lists and objects, detached buffers.
#[wasm_bindgen(inline_js = r#"
export function getter_qui_leve(chaine) {
  const o = { annee: 2017, revenusAnnuels: 1, prestationsMensuelles: 0 };
  Object.defineProperty(o, "personnes", { enumerable: true, get() { if (chaine) throw "boum"; throw new TypeError("getter"); } });
  return o;
}
export function proxy_cles_qui_levent() { return new Proxy({}, { ownKeys() { throw new Error("ownKeys"); } }); }
export function liste_proxy_qui_leve() {
  return new Proxy([1, 2], { get(cible, cle) { if (cle === "length") return 2; throw new Error("get"); } });
}
export function proxy_revoque() { const r = Proxy.revocable([], {}); r.revoke(); return r.proxy; }
export function liste_enorme() { return new Array(1e8); }
export function beaucoup_de_cles() { const o = {}; for (let i = 0; i < 200000; i++) o["k" + i] = i; return o; }
export function octets_detaches() { const b = new ArrayBuffer(16); const vue = new Uint8Array(b); structuredClone(b, { transfer: [b] }); return vue; }
"#)]
extern "C" {
    fn getter_qui_leve(chaine: bool) -> JsValue;
    fn proxy_cles_qui_levent() -> JsValue;
    fn liste_proxy_qui_leve() -> JsValue;
    fn proxy_revoque() -> JsValue;
    fn liste_enorme() -> JsValue;
    fn beaucoup_de_cles() -> JsValue;
    fn octets_detaches() -> JsValue;
}

fn js(texte: &str) -> JsValue {
    JSON::parse(texte).expect("JSON du catalogue")
}

fn valide() -> JsValue {
    js(
        r#"{"annee": 2017, "personnes": [{"role": "allocataire", "age": 35}], "revenusAnnuels": 14400, "prestationsMensuelles": 350}"#,
    )
}

fn avec(chemin: &[&str], v: JsValue) -> JsValue {
    let racine = valide();
    let mut objet = racine.clone();
    for (i, cle) in chemin.iter().enumerate() {
        if i + 1 == chemin.len() {
            Reflect::set(&objet, &(*cle).into(), &v).unwrap();
        } else {
            objet = Reflect::get(&objet, &(*cle).into()).unwrap();
        }
    }
    racine
}

fn territoire() -> JsValue {
    js(r#"{"nom": "T", "annee": 2020, "valeurs": {"allocataires": 100, "habitants": 300, "personnesCouvertes": 200}}"#)
}

fn territoire_avec(cle: &str, v: JsValue) -> JsValue {
    let t = territoire();
    Reflect::set(&Reflect::get(&t, &"valeurs".into()).unwrap(), &cle.into(), &v).unwrap();
    t
}

fn enfants(n: usize) -> JsValue {
    let p = Array::new();
    p.push(&js(r#"{"role": "allocataire", "age": 35}"#));
    for _ in 0..n {
        p.push(&js(r#"{"role": "enfant", "age": 3}"#));
    }
    avec(&["personnes"], p.into())
}

fn imbrique(n: usize) -> JsValue {
    let mut v = JsValue::from_f64(1.0);
    for _ in 0..n {
        v = Array::of1(&v).into();
    }
    v
}

enum Appel {
    Foyer(JsValue),
    Diagnostic(JsValue, JsValue, JsValue),
    Import(JsValue),
    Lot(Vec<u8>),
}

fn fichier(nom: &str, contenu: JsValue) -> JsValue {
    let f = Object::new();
    Reflect::set(&f, &"nom".into(), &nom.into()).unwrap();
    Reflect::set(&f, &"contenu".into(), &contenu).unwrap();
    Array::of1(&f).into()
}

fn octets(b: &[u8]) -> JsValue {
    Uint8Array::from(b).into()
}

/// Runs a case; returns (champ, message) of the thrown Error, or of the CSV error row.
fn lancer(appel: Appel) -> Result<(String, String), String> {
    let erreur = |v: JsValue| -> Result<(String, String), String> {
        let e: &Error = v.dyn_ref::<Error>().ok_or("pas une Error")?;
        let champ = Reflect::get(e, &"champ".into()).ok().and_then(|c| c.as_string()).ok_or("pas de champ")?;
        Ok((champ, String::from(e.message())))
    };
    match appel {
        Appel::Foyer(s) => calculer_foyer(s).err().map(erreur).unwrap_or(Err("aucune erreur".into())),
        Appel::Diagnostic(t, r, o) => {
            calculer_diagnostic(t, r, Some(o.unchecked_into())).err().map(erreur).unwrap_or(Err("aucune erreur".into()))
        }
        Appel::Import(f) => importer_donnees(f).err().map(erreur).unwrap_or(Err("aucune erreur".into())),
        Appel::Lot(contenu) => {
            let mut t = TraitementFoyers::new(false, 0.0);
            let sortie = match t.traiter(octets(&contenu)) {
                Ok(s) => s + &t.terminer().map_err(|_| "terminer")?,
                Err(e) => return erreur(e),
            };
            // The error row of the second line: ligne;id;…;erreur_champ;erreur
            let ligne = sortie.lines().nth(1).ok_or("pas de ligne de résultat")?;
            let c: Vec<&str> = ligne.split(';').collect();
            Ok((c.get(15).unwrap_or(&"").to_string(), format!("{} | {}", c.get(16).unwrap_or(&""), ligne)))
        }
    }
}

#[wasm_bindgen_test]
fn catalogue_des_entrees_hostiles() {
    let dix_mo = "9".repeat(10 * 1024 * 1024);
    let entete = "id;annee;personnes;revenus_annuels;prestations_mensuelles;aide_logement;loyer\n";
    let lot = |ligne: &[u8]| [entete.as_bytes(), ligne].concat();
    // Nesting stops at 32 levels: the path says where.
    let profond = format!("personnes{}", "[0]".repeat(31));
    let cas: Vec<(&str, Appel, &str, &str)> = vec![
        ("null", Appel::Foyer(JsValue::NULL), "situation", "doit être un objet"),
        ("undefined", Appel::Foyer(JsValue::UNDEFINED), "situation", "doit être un objet"),
        ("nombre", Appel::Foyer(JsValue::from_f64(42.0)), "situation", "doit être un objet"),
        ("texte", Appel::Foyer("foyer".into()), "situation", "doit être un objet"),
        ("liste au lieu d'objet", Appel::Foyer(Array::new().into()), "situation", "reçu : une liste"),
        ("objet vide", Appel::Foyer(Object::new().into()), "annee", "obligatoire"),
        ("année en lettres", Appel::Foyer(avec(&["annee"], "deux mille".into())), "annee", "n'est pas un nombre"),
        ("année NaN", Appel::Foyer(avec(&["annee"], JsValue::from_f64(f64::NAN))), "annee", "nombre fini"),
        ("année Infinity", Appel::Foyer(avec(&["annee"], JsValue::from_f64(f64::INFINITY))), "annee", "nombre fini"),
        ("année énorme", Appel::Foyer(avec(&["annee"], JsValue::from_f64(1e21))), "annee", "comprise entre"),
        ("année booléenne", Appel::Foyer(avec(&["annee"], JsValue::TRUE)), "annee", "reçu : un booléen"),
        ("année objet", Appel::Foyer(avec(&["annee"], Object::new().into())), "annee", "reçu : un objet"),
        ("personnes null", Appel::Foyer(avec(&["personnes"], JsValue::NULL)), "personnes", "obligatoire"),
        (
            "personnes objet",
            Appel::Foyer(avec(&["personnes"], Object::new().into())),
            "personnes",
            "doit être une liste",
        ),
        ("personnes texte", Appel::Foyer(avec(&["personnes"], "A35".into())), "personnes", "doit être une liste"),
        ("personne null", Appel::Foyer(avec(&["personnes"], js("[null]"))), "personnes[0]", "doit être un objet"),
        ("personne liste", Appel::Foyer(avec(&["personnes"], js("[[]]"))), "personnes[0]", "reçu : une liste"),
        ("200 enfants", Appel::Foyer(enfants(200)), "personnes", "30 éléments au plus"),
        (
            "âge −1",
            Appel::Foyer(avec(
                &["personnes"],
                js(r#"[{"role": "allocataire", "age": 30}, {"role": "enfant", "age": -1}]"#),
            )),
            "personnes[1].age",
            "entre 0 et 120",
        ),
        (
            "âge 300",
            Appel::Foyer(avec(&["personnes"], js(r#"[{"role": "allocataire", "age": 300}]"#))),
            "personnes[0].age",
            "entre 0 et 120",
        ),
        (
            "âge NaN",
            Appel::Foyer(avec(&["personnes", "0", "age"], JsValue::from_f64(f64::NAN))),
            "personnes[0].age",
            "nombre fini",
        ),
        (
            "deux allocataires",
            Appel::Foyer(avec(
                &["personnes"],
                js(r#"[{"role": "allocataire", "age": 30}, {"role": "allocataire", "age": 31}]"#),
            )),
            "personnes[1].role",
            "déjà un allocataire",
        ),
        (
            "rôle nombre",
            Appel::Foyer(avec(&["personnes", "0", "role"], JsValue::from_f64(3.0))),
            "personnes[0].role",
            "doit être un texte",
        ),
        (
            "rôle en capitales",
            Appel::Foyer(avec(&["personnes", "0", "role"], "ALLOCATAIRE".into())),
            "personnes[0].role",
            "inconnue",
        ),
        (
            "texte de 10 Mo",
            Appel::Foyer(avec(&["revenusAnnuels"], dix_mo.as_str().into())),
            "revenusAnnuels",
            "trop long",
        ),
        (
            "notation exponentielle en texte",
            Appel::Foyer(avec(&["revenusAnnuels"], "1e5".into())),
            "revenusAnnuels",
            "n'est pas un nombre",
        ),
        (
            "revenus −Infinity",
            Appel::Foyer(avec(&["revenusAnnuels"], JsValue::from_f64(f64::NEG_INFINITY))),
            "revenusAnnuels",
            "nombre fini",
        ),
        (
            "revenus démesurés",
            Appel::Foyer(avec(&["revenusAnnuels"], JsValue::from_f64(1e15))),
            "revenusAnnuels",
            "comprise entre",
        ),
        (
            "prestations négatives",
            Appel::Foyer(avec(&["prestationsMensuelles"], JsValue::from_f64(-0.01))),
            "prestationsMensuelles",
            "négative",
        ),
        (
            "prestations liste",
            Appel::Foyer(avec(&["prestationsMensuelles"], Array::new().into())),
            "prestationsMensuelles",
            "doit être un nombre",
        ),
        (
            "aide au logement > prestations",
            Appel::Foyer(avec(&["aideLogementMensuelle"], JsValue::from_f64(400.0))),
            "aideLogementMensuelle",
            "ne peut pas les dépasser",
        ),
        ("seuil liste", Appel::Foyer(avec(&["seuil"], Array::new().into())), "seuil", "doit être un objet"),
        (
            "seuil illisible",
            Appel::Foyer(avec(&["seuil"], js(r#"{"valeur": "abc"}"#))),
            "seuil.valeur",
            "n'est pas un nombre",
        ),
        (
            "quotient objet",
            Appel::Foyer(avec(&["quotientFamilialCaf"], Object::new().into())),
            "quotientFamilialCaf",
            "doit être un nombre",
        ),
        ("plafonds objet", Appel::Foyer(avec(&["plafonds"], Object::new().into())), "plafonds", "doit être une liste"),
        (
            "25 plafonds",
            Appel::Foyer(avec(
                &["plafonds"],
                js(&format!("[{}]", vec![r#"{"indicateur": "ruc", "valeur": 1}"#; 25].join(","))),
            )),
            "plafonds",
            "20 éléments au plus",
        ),
        (
            "handicap texte",
            Appel::Foyer(avec(&["personnes", "0", "handicap"], "peut-être".into())),
            "personnes[0].handicap",
            "vrai ou faux",
        ),
        (
            "imbrication de 200 niveaux",
            Appel::Foyer(avec(&["personnes"], imbrique(200))),
            profond.as_str(),
            "imbrication trop profonde",
        ),
        ("BigInt", Appel::Foyer(avec(&["revenusAnnuels"], BigInt::from(5u64).into())), "revenusAnnuels", "BigInt"),
        (
            "Symbol",
            Appel::Foyer(avec(&["revenusAnnuels"], Symbol::for_("x").into())),
            "revenusAnnuels",
            "type non pris en charge",
        ),
        (
            "getter qui lève une Error",
            Appel::Foyer(getter_qui_leve(false)),
            "personnes",
            "a levé une exception : « getter »",
        ),
        (
            "getter qui lève un texte",
            Appel::Foyer(getter_qui_leve(true)),
            "personnes",
            "a levé une exception : « boum »",
        ),
        ("Proxy dont ownKeys lève", Appel::Foyer(proxy_cles_qui_levent()), "situation", "« ownKeys »"),
        (
            "liste Proxy dont get lève",
            Appel::Foyer(avec(&["personnes"], liste_proxy_qui_leve())),
            "personnes[0]",
            "« get »",
        ),
        ("Proxy révoqué", Appel::Foyer(avec(&["personnes"], proxy_revoque())), "personnes", "a levé une exception"),
        (
            "new Array(1e8)",
            Appel::Foyer(avec(&["personnes"], liste_enorme())),
            "personnes",
            "plus de 1\u{202f}000 éléments",
        ),
        ("200 000 clés", Appel::Foyer(beaucoup_de_cles()), "situation", "plus de 1\u{202f}000 clés"),
        ("fichier détaché", Appel::Import(fichier("data_CAF_2020_IRIS.csv", octets_detaches())), "fichiers[0]", "vide"),
        (
            "territoire null",
            Appel::Diagnostic(JsValue::NULL, territoire(), JsValue::UNDEFINED),
            "territoire",
            "doit être un objet",
        ),
        (
            "valeurs liste",
            Appel::Diagnostic(js(r#"{"annee": 2020, "valeurs": []}"#), territoire(), JsValue::UNDEFINED),
            "territoire.valeurs",
            "doit être un objet",
        ),
        (
            "compte négatif",
            Appel::Diagnostic(territoire_avec("habitants", JsValue::from_f64(-5.0)), territoire(), JsValue::UNDEFINED),
            "territoire.valeurs.habitants",
            "négative",
        ),
        (
            "compte NaN",
            Appel::Diagnostic(
                territoire_avec("allocataires", JsValue::from_f64(f64::NAN)),
                territoire(),
                JsValue::UNDEFINED,
            ),
            "territoire.valeurs.allocataires",
            "nombre fini",
        ),
        (
            "compte décimal",
            Appel::Diagnostic(
                territoire_avec("allocataires", JsValue::from_f64(1.5)),
                territoire(),
                JsValue::UNDEFINED,
            ),
            "territoire.valeurs.allocataires",
            "nombre entier",
        ),
        (
            "année de référence 3000",
            Appel::Diagnostic(territoire(), js(r#"{"annee": 3000, "valeurs": {}}"#), JsValue::UNDEFINED),
            "reference.annee",
            "comprise entre",
        ),
        (
            "bande du radar 500",
            Appel::Diagnostic(territoire(), territoire(), js(r#"{"radar": {"bande": 500}}"#)),
            "options.radar.bande",
            "comprise entre",
        ),
        ("options texte", Appel::Diagnostic(territoire(), territoire(), "x".into()), "options", "doit être un objet"),
        ("fichiers texte", Appel::Import("x".into()), "fichiers", "liste de fichiers"),
        ("aucun fichier", Appel::Import(Array::new().into()), "fichiers", "aucun fichier"),
        (
            "contenu nombre",
            Appel::Import(fichier("a.csv", JsValue::from_f64(5.0))),
            "fichiers[0].contenu",
            "texte ou un Uint8Array",
        ),
        ("fichier inconnu", Appel::Import(fichier("a.csv", "x;y\n1;2\n".into())), "fichiers[0]", "ni un fichier INSEE"),
        ("en-tête de lot inconnu", Appel::Lot(b"x;y\n1;2\n".to_vec()), "entete", "colonnes obligatoires manquantes"),
        ("séparateurs mélangés", Appel::Lot(lot(b"F1,2017,A35,1000,0,,\n")), "ligne", "Ligne incomplète"),
        (
            "UTF-8 invalide dans un montant",
            Appel::Lot(lot(b"F1;2017;A35;10\xff00;0;;\n")),
            "revenus_annuels",
            "n'est pas un nombre",
        ),
        (
            "trois allocataires en CSV",
            Appel::Lot(lot(b"F1;2017;A35|A30|A40;1000;0;;\n")),
            "personnes[1].role",
            "déjà un allocataire",
        ),
        (
            "montant en lettres en CSV",
            Appel::Lot(lot(b"F1;2017;A35;mille;0;;\n")),
            "revenus_annuels",
            "n'est pas un nombre",
        ),
    ];
    assert!(cas.len() >= 40, "{} cas", cas.len());
    for (nom, appel, champ, fragment) in cas {
        let (c, message) = lancer(appel).unwrap_or_else(|e| panic!("{nom} : {e}"));
        assert_eq!(c, champ, "{nom} : « {message} »");
        assert!(message.contains(fragment), "{nom} : « {message} » ne contient pas « {fragment} »");
        assert!(message.chars().any(|ch| "éèàçêû«».".contains(ch)), "{nom} : message pas en français : {message}");
        // The module still answers.
        assert!(calculer_foyer(valide()).is_ok(), "{nom} : le module ne répond plus");
    }
}

#[wasm_bindgen_test]
fn valeurs_etranges_mais_valides() {
    // -0 is zero; a number written as text is read exactly; invalid UTF-8 in an IRIS file is
    // read lossily; a formula in a CSV identifier is neutralised.
    assert!(calculer_foyer(avec(&["prestationsMensuelles"], JsValue::from_f64(-0.0))).is_ok());
    assert!(calculer_foyer(avec(&["revenusAnnuels"], "14 400,00".into())).is_ok());
    let iris = octets(b"CODGEO;A;PERCOU\n62001\xff0101;3;4\n620020000;5;9\n");
    let f = Object::new();
    Reflect::set(&f, &"nom".into(), &"data_CAF_2020_IRIS.csv".into()).unwrap();
    Reflect::set(&f, &"contenu".into(), &iris).unwrap();
    assert!(importer_donnees(Array::of1(&f).into()).is_ok());
    let mut t = TraitementFoyers::new(false, 0.0);
    let sortie = t.traiter(octets(b"id;annee;personnes;revenus_annuels;prestations_mensuelles\n=cmd|' /C calc'!A0;2017;A35;1000;0\n@SUM(A1);2017;A35;1000;0\n+1;2017;A35;1000;0\n")).unwrap() + &t.terminer().unwrap();
    let ids: Vec<&str> = sortie.lines().skip(1).map(|l| l.split(';').nth(1).unwrap()).collect();
    assert_eq!(ids, vec!["'=cmd|' /C calc'!A0", "'@SUM(A1)", "'+1"]);
}

#[wasm_bindgen_test]
fn le_module_survit_a_dix_mille_appels_fautifs_de_chaque_sorte() {
    let (getter, proxy, liste, revoque, enorme) =
        (getter_qui_leve(false), proxy_cles_qui_levent(), liste_proxy_qui_leve(), proxy_revoque(), liste_enorme());
    for i in 0..10_000 {
        assert!(calculer_foyer(getter.clone()).is_err());
        assert!(calculer_foyer(proxy.clone()).is_err());
        assert!(calculer_foyer(avec(&["personnes"], liste.clone())).is_err());
        assert!(calculer_foyer(avec(&["personnes"], revoque.clone())).is_err());
        assert!(calculer_foyer(avec(&["personnes"], enorme.clone())).is_err());
        assert!(importer_donnees(fichier("data_CAF_2020_IRIS.csv", octets_detaches())).is_err());
        assert!(generer_foyers(-1.0, 1.0).is_err());
        let mut t = TraitementFoyers::new(false, 0.0);
        assert!(t.traiter(JsValue::from_f64(3.0)).is_err());
        assert!(t.traiter(octets_detaches()).is_ok(), "un tampon détaché se lit vide ({i})");
    }
    // Then the module computes as on the first call.
    let r = calculer_foyer(valide()).expect("le module répond");
    assert_eq!(Reflect::get(&r, &"uc".into()).unwrap().as_f64(), Some(1.0));
    assert_eq!(Reflect::get(&r, &"ruc".into()).unwrap().as_f64(), Some(1550.0));
}

#[wasm_bindgen_test]
fn un_traitement_libere_le_dit_en_francais() {
    let mut t = TraitementFoyers::new(false, 0.0);
    t.liberer();
    let champ = |e: JsValue| Reflect::get(&e, &"champ".into()).unwrap().as_string();
    assert_eq!(champ(t.traiter(octets(b"id\n")).unwrap_err()), Some("traitement".into()));
    assert_eq!(champ(t.terminer().unwrap_err()), Some("traitement".into()));
    assert_eq!(champ(t.lignes().unwrap_err()), Some("traitement".into()));
    assert_eq!(champ(t.bilan().unwrap_err()), Some("traitement".into()));
}

/// The pool of workers played through the binding: a coordinator, one processor per piece,
/// counts given back as bytes; the rows in order are those of one processor. Bad counts are a
/// French error naming `etat`.
#[wasm_bindgen_test]
fn un_lot_reparti_entre_fils_donne_les_memes_lignes() {
    let mut contenu = String::new();
    indicateurs_caf::lot::generer(3_000, 5, &mut contenu);
    let mut seul = TraitementFoyers::new(true, 0.0);
    let attendu = seul.traiter(octets(contenu.as_bytes())).unwrap() + &seul.terminer().unwrap();
    let mut coordinateur = TraitementFoyers::new(true, 0.0);
    coordinateur.pieces_de(10_000.0).unwrap();
    let mut sortie = String::new();
    let mut pieces = 0;
    let morceaux: Vec<&[u8]> = contenu.as_bytes().chunks(4_096).collect();
    for (k, m) in morceaux.iter().copied().chain([&b""[..]]).enumerate() {
        let r = coordinateur.repartir(octets(m), k == morceaux.len()).unwrap();
        sortie += &Reflect::get(&r, &"lignes".into()).unwrap().as_string().unwrap();
        let debut = Reflect::get(&r, &"debut".into()).unwrap();
        if debut.is_undefined() {
            continue;
        }
        let fin = Reflect::get(&r, &"fin".into()).unwrap().as_f64().unwrap() as usize;
        let ligne = Reflect::get(&r, &"ligne".into()).unwrap().as_f64().unwrap();
        let entete = Uint8Array::from(coordinateur.entete_lue().unwrap().as_slice());
        let mut fil = TraitementFoyers::pour_piece(entete.into(), ligne, true, 0.0).unwrap();
        sortie += &String::from_utf8(fil.traiter_en_octets(debut).unwrap()).unwrap();
        sortie += &String::from_utf8(fil.traiter_en_octets(octets(&m[..fin])).unwrap()).unwrap();
        coordinateur.fusionner_etat(Uint8Array::from(fil.etat().unwrap().as_slice()).into()).unwrap();
        pieces += 1;
    }
    sortie += &coordinateur.terminer().unwrap();
    assert!(pieces > 5, "{pieces} pièces");
    assert!(sortie == attendu, "lignes différentes");
    assert_eq!(coordinateur.lignes().unwrap(), seul.lignes().unwrap());
    let champ = |e: JsValue| Reflect::get(&e, &"champ".into()).unwrap().as_string();
    assert_eq!(champ(coordinateur.fusionner_etat(octets(b"abc")).unwrap_err()), Some("etat".into()));
    assert_eq!(champ(coordinateur.fusionner_etat(JsValue::from_f64(1.0)).unwrap_err()), Some("etat".into()));
    let vide = Uint8Array::new_with_length(0);
    assert_eq!(champ(TraitementFoyers::pour_piece(vide.into(), 0.0, false, 0.0).err().unwrap()), Some("entete".into()));
}
