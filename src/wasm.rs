//! The JavaScript binding: the only module that knows `wasm_bindgen`, `js_sys` and
//! `serde_wasm_bindgen`. It converts and nothing else: a `JsValue` in becomes the core's input
//! tree ([`Valeur`], depth-limited), the call goes to the contract ([`crate::contrat`]), and
//! the boundary type that comes back is serialised; an [`ErreurJs`] becomes a real JavaScript
//! `Error` with a French `message` and a `champ` property.
//!
//! Two features choose the exports (both by default): `foyer` (the calculator and the household
//! batch) and `territoire` (the territory study, imports and exports). `scripts/build.sh` builds
//! the whole binding into `pkg/` and each half into `pkg/foyer/` and `pkg/territoire/`, so that
//! each page loads only the module it calls.
#![cfg_attr(not(all(feature = "foyer", feature = "territoire")), allow(dead_code, unused_imports))]

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::contrat::*;
use crate::lot::{
    annees, duree, en_texte, generer, seuils_csv, seuils_par_annee, seuils_population, ErreurLot, LotFoyers,
    Ponderation, SeuilsPopulation,
};
use crate::valeur::{Valeur, PROFONDEUR_MAX, TEXTE_MAX};

impl From<ErreurJs> for JsValue {
    fn from(e: ErreurJs) -> JsValue {
        let erreur = js_sys::Error::new(&e.message);
        // Setting a property on a fresh Error object cannot fail; ignore the impossible case.
        let _ = js_sys::Reflect::set(&erreur, &JsValue::from_str("champ"), &JsValue::from_str(&e.champ));
        erreur.into()
    }
}

// Host calls that can throw (getters, Proxy traps, revoked proxies) are declared with `catch`:
// a JavaScript exception then comes back as an `Err` instead of unwinding through Rust frames,
// which would leave the module's stack pointer behind and, after enough calls, break it for the
// whole page.
#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = Object, js_name = keys, catch)]
    fn cles_js(objet: &JsValue) -> Result<js_sys::Array, JsValue>;
    #[wasm_bindgen(js_namespace = Reflect, js_name = get, catch)]
    fn lire_js(objet: &JsValue, cle: &JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_namespace = Array, js_name = isArray, catch)]
    fn est_liste_js(valeur: &JsValue) -> Result<bool, JsValue>;
}

/// Elements of one list, and keys of one object, read at most from JavaScript: checked before
/// anything is read, so `new Array(1e8)` costs nothing.
pub const ELEMENTS_MAX: usize = 1_000;

/// A JavaScript value that cannot be read: its path and why.
struct Illisible {
    chemin: String,
    raison: String,
}

fn illisible(chemin: &str, raison: impl Into<String>) -> Illisible {
    Illisible { chemin: chemin.to_string(), raison: raison.into() }
}

/// What a host exception says, shortened (it may be anything, even a string).
fn exception(e: &JsValue) -> String {
    let texte = e
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "valeur non textuelle".into());
    format!("la lecture a levé une exception : « {} »", texte.chars().take(80).collect::<String>())
}

fn sous_chemin(chemin: &str, cle: &str) -> String {
    if chemin.is_empty() {
        cle.to_string()
    } else {
        format!("{chemin}.{cle}")
    }
}

/// The length of a list, read through `Reflect.get` (a Proxy may throw) and bounded.
fn longueur(v: &JsValue, chemin: &str) -> Result<usize, Illisible> {
    let n = lire_js(v, &JsValue::from_str("length")).map_err(|e| illisible(chemin, exception(&e)))?;
    match n.as_f64() {
        Some(x) if x >= 0.0 && x <= ELEMENTS_MAX as f64 => Ok(x as usize),
        Some(x) if x > ELEMENTS_MAX as f64 => {
            Err(illisible(chemin, format!("plus de {} éléments", crate::format::entier(ELEMENTS_MAX as i128))))
        }
        _ => Err(illisible(chemin, "longueur de liste illisible")),
    }
}

fn liste_js(v: &JsValue, chemin: &str, profondeur: usize) -> Result<Valeur, Illisible> {
    let n = longueur(v, chemin)?;
    let mut sortie = Vec::with_capacity(n);
    for i in 0..n {
        let ici = format!("{chemin}[{i}]");
        let e = lire_js(v, &JsValue::from_f64(i as f64)).map_err(|e| illisible(&ici, exception(&e)))?;
        sortie.push(valeur_js(&e, &ici, profondeur + 1)?);
    }
    Ok(Valeur::Liste(sortie))
}

fn objet_js(v: &JsValue, chemin: &str, profondeur: usize) -> Result<Valeur, Illisible> {
    // Keys first (a Proxy's ownKeys may throw), then each value on its own: a getter that
    // throws names its own field.
    let cles = cles_js(v).map_err(|e| illisible(chemin, exception(&e)))?;
    if cles.length() as usize > ELEMENTS_MAX {
        return Err(illisible(chemin, format!("plus de {} clés", crate::format::entier(ELEMENTS_MAX as i128))));
    }
    let mut sortie = Vec::with_capacity(cles.length() as usize);
    for cle in cles.iter() {
        let nom = cle.as_string().unwrap_or_default();
        let ici = sous_chemin(chemin, &nom);
        let valeur = lire_js(v, &cle).map_err(|e| illisible(&ici, exception(&e)))?;
        sortie.push((nom.into(), valeur_js(&valeur, &ici, profondeur + 1)?));
    }
    Ok(Valeur::Objet(sortie))
}

/// Reads a JavaScript value into the core's input tree. Numbers are taken as JavaScript writes
/// them (`Number.prototype.toString`), so `0.1` is one tenth exactly and the module carries no
/// float-to-decimal conversion; nesting is limited to [`PROFONDEUR_MAX`], lists and objects to
/// [`ELEMENTS_MAX`], texts to twice [`TEXTE_MAX`] UTF-16 units before they are copied.
fn valeur_js(v: &JsValue, chemin: &str, profondeur: usize) -> Result<Valeur, Illisible> {
    if v.is_null() || v.is_undefined() {
        return Ok(Valeur::Nul);
    }
    if let Some(b) = v.as_bool() {
        return Ok(Valeur::Booleen(b));
    }
    if let Some(x) = v.as_f64() {
        // As JavaScript writes it, NaN and infinities included (the readers refuse those).
        let texte = js_sys::Number::from(x).to_string_with_radix(10).map(String::from).unwrap_or_default();
        return Ok(Valeur::NombreJs(texte));
    }
    if v.is_string() {
        if v.unchecked_ref::<js_sys::JsString>().length() as usize > 2 * TEXTE_MAX {
            let max = crate::format::entier(TEXTE_MAX as i128);
            return Err(illisible(chemin, format!("texte trop long ({max} caractères au plus)")));
        }
        return Ok(Valeur::Texte(v.as_string().unwrap_or_default()));
    }
    if profondeur >= PROFONDEUR_MAX {
        return Err(illisible(chemin, "imbrication trop profonde"));
    }
    if est_liste_js(v).map_err(|e| illisible(chemin, exception(&e)))? {
        return liste_js(v, chemin, profondeur);
    }
    if v.is_object() {
        return objet_js(v, chemin, profondeur);
    }
    Err(illisible(chemin, if v.is_bigint() { "BigInt non pris en charge" } else { "type non pris en charge" }))
}

/// Decodes an input; `racine` prefixes the paths of its fields (`"territoire"`, or `""` for a
/// situation whose fields are named alone), `champ` names the whole input.
fn decoder(v: JsValue, racine: &str, champ: &str, libelle: &str) -> Result<Valeur, JsValue> {
    valeur_js(&v, racine, 0).map_err(|i| {
        let ou = if i.chemin.is_empty() { champ.to_string() } else { i.chemin };
        ErreurJs { message: format!("{libelle} : « {ou} » illisible ({}).", i.raison), champ: ou }.into()
    })
}

fn encoder<T: Serialize>(v: &T) -> Result<JsValue, JsValue> {
    v.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).map_err(|e| {
        ErreurJs { message: format!("Résultat impossible à transmettre ({e})."), champ: "resultat".into() }.into()
    })
}

#[cfg(feature = "foyer")]
/// `calculerFoyer(situation)`: every figure of a household (see `docs/api.md`).
///
/// # Errors
/// Throws an `Error` with a French `message` and a `champ` property on any invalid input.
#[wasm_bindgen(js_name = calculerFoyer, unchecked_return_type = "Resultat")]
pub fn calculer_foyer(
    #[wasm_bindgen(unchecked_param_type = "Situation")] situation: JsValue,
) -> Result<JsValue, JsValue> {
    let v = decoder(situation, "", "situation", "Situation")?;
    encoder(&calculer_foyer_valeur(&v)?)
}

/// `seuils()`: every threshold known, each `{ annee, valeur, type, source, statut }`.
///
/// # Errors
/// None in practice (serialisation of plain data).
#[wasm_bindgen(js_name = seuils, unchecked_return_type = "Seuil[]")]
pub fn seuils() -> Result<JsValue, JsValue> {
    encoder(&seuils_js())
}

#[wasm_bindgen]
extern "C" {
    /// The options of the diagnostic, as typed in TypeScript (`OptionsDiagnostic`); read like
    /// any other input, so a wrong shape still gives a French error.
    #[wasm_bindgen(typescript_type = "OptionsDiagnostic")]
    pub type OptionsDiagnosticJs;
}

#[cfg(feature = "territoire")]
/// `calculerDiagnostic(territoire, reference, options?)`: the étude préliminaire of a territory
/// (see `docs/api.md`).
///
/// # Errors
/// Throws an `Error` with a French `message` and a `champ` property on any invalid input.
#[wasm_bindgen(js_name = calculerDiagnostic, unchecked_return_type = "Diagnostic")]
pub fn calculer_diagnostic(
    #[wasm_bindgen(unchecked_param_type = "TerritoireSaisi")] territoire: JsValue,
    #[wasm_bindgen(unchecked_param_type = "TerritoireSaisi")] reference: JsValue,
    options: Option<OptionsDiagnosticJs>,
) -> Result<JsValue, JsValue> {
    let t = decoder(territoire, "territoire", "territoire", "Territoire")?;
    let r = decoder(reference, "reference", "reference", "Référence")?;
    let o = decoder(options.map(JsValue::from).unwrap_or(JsValue::UNDEFINED), "options", "options", "Options")?;
    encoder(&calculer_diagnostic_valeur(&t, &r, &o)?)
}

#[cfg(feature = "territoire")]
/// `exporterDiagnosticCsv(territoire, reference, options?)`: the tables as CSV text.
///
/// # Errors
/// As `calculerDiagnostic`.
#[wasm_bindgen(js_name = exporterDiagnosticCsv)]
pub fn exporter_diagnostic_csv(
    #[wasm_bindgen(unchecked_param_type = "TerritoireSaisi")] territoire: JsValue,
    #[wasm_bindgen(unchecked_param_type = "TerritoireSaisi")] reference: JsValue,
    options: Option<OptionsDiagnosticJs>,
) -> Result<String, JsValue> {
    let t = decoder(territoire, "territoire", "territoire", "Territoire")?;
    let r = decoder(reference, "reference", "reference", "Référence")?;
    let o = decoder(options.map(JsValue::from).unwrap_or(JsValue::UNDEFINED), "options", "options", "Options")?;
    Ok(diagnostic_csv_valeur(&t, &r, &o)?)
}

#[cfg(feature = "territoire")]
/// `exporterDiagnosticJson(territoire, reference, options, produitLe)`: the whole study with its
/// format, the package version and the date of production (`AAAA-MM-JJ`), for other tools.
///
/// # Errors
/// As `calculerDiagnostic`; `produitLe` not a date.
#[wasm_bindgen(js_name = exporterDiagnosticJson, unchecked_return_type = "EtudeExportee")]
pub fn exporter_diagnostic_json(
    #[wasm_bindgen(unchecked_param_type = "TerritoireSaisi")] territoire: JsValue,
    #[wasm_bindgen(unchecked_param_type = "TerritoireSaisi")] reference: JsValue,
    options: Option<OptionsDiagnosticJs>,
    #[wasm_bindgen(js_name = produitLe)] produit_le: JsValue,
) -> Result<JsValue, JsValue> {
    let t = decoder(territoire, "territoire", "territoire", "Territoire")?;
    let r = decoder(reference, "reference", "reference", "Référence")?;
    let o = decoder(options.map(JsValue::from).unwrap_or(JsValue::UNDEFINED), "options", "options", "Options")?;
    let date = produit_le.as_string().filter(|d| d.len() <= 40).unwrap_or_default();
    encoder(&diagnostic_json_valeur(&t, &r, &o, &date)?)
}

fn erreur_fichier(champ: String, message: String) -> JsValue {
    ErreurJs { message, champ }.into()
}

/// The bytes of a `Uint8Array` or an `ArrayBuffer`; a detached buffer reads as empty (it has
/// no bytes, and copying from it would throw).
fn octets_js(v: &JsValue) -> Option<Vec<u8>> {
    // Lengths first: a detached buffer has none, and building a view of it would throw.
    if let Some(vue) = v.dyn_ref::<js_sys::Uint8Array>() {
        return Some(if vue.length() == 0 { Vec::new() } else { vue.to_vec() });
    }
    let tampon = v.dyn_ref::<js_sys::ArrayBuffer>()?;
    Some(if tampon.byte_length() == 0 { Vec::new() } else { js_sys::Uint8Array::new(tampon).to_vec() })
}

/// The bytes of a chunk of the household file, or the French error naming `morceau`.
fn morceau_js(v: &JsValue) -> Result<Vec<u8>, JsValue> {
    octets_js(v).ok_or_else(|| {
        let message = "Morceau du fichier : doit être un Uint8Array ou un ArrayBuffer.".to_string();
        ErreurJs { message, champ: "morceau".into() }.into()
    })
}

/// Largest file accepted by the import, in bytes (the largest INSEE IRIS file is 2 MB).
pub const FICHIER_MAX: u32 = 64 * 1024 * 1024;

fn fichier_trop_gros(nom: &str, champ: String) -> JsValue {
    erreur_fichier(champ, format!("Fichier « {nom} » : {} Mo au plus.", FICHIER_MAX / (1024 * 1024)))
}

#[cfg(feature = "territoire")]
/// `verifierTailleFichier(nom, octets)`: throws the French error of a file too large for the
/// import, before it is read (a page or a worker checks `File.size` first).
///
/// # Errors
/// Beyond [`FICHIER_MAX`] bytes (`champ: "fichiers"`).
#[wasm_bindgen(js_name = verifierTailleFichier)]
pub fn verifier_taille_fichier(nom: &str, octets: f64) -> Result<(), JsValue> {
    if octets > f64::from(FICHIER_MAX) {
        return Err(fichier_trop_gros(nom, "fichiers".into()));
    }
    Ok(())
}

/// Reads `[{ nom, contenu, annee? }]` from JavaScript.
fn lire_fichiers(fichiers: JsValue) -> Result<Vec<FichierRecu>, JsValue> {
    let en_liste = est_liste_js(&fichiers).unwrap_or(false);
    let n = if en_liste { longueur(&fichiers, "fichiers").ok() } else { None };
    let Some(n) = n else {
        return Err(erreur_fichier(
            "fichiers".into(),
            "Fichiers : doit être une liste de fichiers (1 000 au plus).".into(),
        ));
    };
    let mut lus: Vec<FichierRecu> = Vec::new();
    for i in 0..n {
        let f = lire_js(&fichiers, &JsValue::from_f64(i as f64)).unwrap_or(JsValue::UNDEFINED);
        if !f.is_object() {
            return Err(erreur_fichier(
                format!("fichiers[{i}]"),
                format!("Fichier {} : doit être un objet {{ nom, contenu }}.", i + 1),
            ));
        }
        // A getter that throws reads as absent: the French error of the field follows.
        let champ = |k: &str| lire_js(&f, &JsValue::from_str(k)).unwrap_or(JsValue::UNDEFINED);
        let nom = champ("nom").as_string().unwrap_or_else(|| format!("fichier {}", i + 1));
        let contenu = champ("contenu");
        let taille = if contenu.is_string() {
            contenu.unchecked_ref::<js_sys::JsString>().length()
        } else {
            lire_js(&contenu, &JsValue::from_str("byteLength")).ok().and_then(|t| t.as_f64()).unwrap_or(0.0) as u32
        };
        if taille > FICHIER_MAX {
            return Err(fichier_trop_gros(&nom, format!("fichiers[{i}].contenu")));
        }
        let octets = match contenu.as_string() {
            Some(t) => t.into_bytes(),
            None => octets_js(&contenu).ok_or_else(|| {
                erreur_fichier(
                    format!("fichiers[{i}].contenu"),
                    format!("Fichier « {nom} » : le contenu doit être un texte ou un Uint8Array."),
                )
            })?,
        };
        let annee =
            champ("annee").as_f64().filter(|a| a.fract() == 0.0 && (1990.0..=2100.0).contains(a)).map(|a| a as i32);
        lus.push(FichierRecu { nom, contenu: octets, annee });
    }
    Ok(lus)
}

/// A counts file, read with the module's memory reserved for its work ([`reserver_memoire`]).
fn un_fichier_de_comptes(fichier: JsValue) -> Result<FichierRecu, JsValue> {
    let fichier = un_fichier(fichier)?;
    reserver_memoire(fichier.contenu.len());
    Ok(fichier)
}

/// Memory reserved for a counts file's work per byte of the file: reading and studying a file
/// of every commune (41 Mo) takes 320 to 480 Mo of the module's memory.
const RESERVE_PAR_OCTET: usize = 12;

/// The most memory reserved before a file's work ([`reserver_memoire`]).
const RESERVE_MAX: usize = 1 << 30;

/// Grows the module's memory once, before a counts file's work, by what the work is expected to
/// take ([`RESERVE_PAR_OCTET`] times the file's bytes, [`RESERVE_MAX`] at most). The allocator
/// (dlmalloc) grows the memory by what each allocation lacks, and V8 makes each growth a new
/// `ArrayBuffer` whose accounting wakes the garbage collector: studying a counts file of every
/// commune grew it thousands of times, a third of its time (README « Taille et vitesse »). The
/// block is freed at once and stays at the top of the heap for the work's own allocations; pages
/// never written take no physical memory. A reservation that fails (memory full) is not made,
/// and a work that needs more grows the memory as before. Not for IRIS files: their import takes
/// under 4 times their bytes and gains nothing from it.
fn reserver_memoire(octets: usize) {
    let mut bloc: Vec<u8> = Vec::new();
    if bloc.try_reserve_exact(octets.saturating_mul(RESERVE_PAR_OCTET).min(RESERVE_MAX)).is_ok() {
        // Kept from the optimiser, which would otherwise drop an allocation never written.
        std::hint::black_box(&mut bloc);
    }
}

#[cfg(feature = "territoire")]
/// `importerDonnees(fichiers)`: reads INSEE « Données CAF à l'IRIS » files (and optionally an
/// INSEE population file) and aggregates them to communes, EPCI and départements. Each file is
/// `{ nom, contenu, annee? }` where `contenu` is a `Uint8Array` (exact bytes) or a string.
///
/// # Errors
/// Throws an `Error` with `champ` (`fichiers`, `fichiers[i]`, `fichiers[i].contenu`…) when the
/// argument is not a list of files or a file cannot be used at all; unreadable lines are
/// skipped and listed in `avertissements`.
#[wasm_bindgen(js_name = importerDonnees, unchecked_return_type = "ImportDonnees")]
pub fn importer_donnees(
    #[wasm_bindgen(unchecked_param_type = "FichierDonnees[]")] fichiers: JsValue,
) -> Result<JsValue, JsValue> {
    encoder(&importer_donnees_fichiers(&lire_fichiers(fichiers)?)?)
}

/// The one file of a call that takes one: `{ nom, contenu }`.
fn un_fichier(fichier: JsValue) -> Result<FichierRecu, JsValue> {
    let liste = js_sys::Array::of1(&fichier);
    lire_fichiers(liste.into())?.pop().ok_or_else(|| erreur_fichier("fichier".into(), "Fichier : absent.".into()))
}

#[cfg(feature = "territoire")]
/// `importerComptes(fichier, suivi?)`: reads a counts file of any territories (`{ nom, contenu }`):
/// each row ready for `calculerDiagnostic`, with the code of its reference row; faulty rows
/// listed. `suivi`, when given, is called as `suivi(progression, "lecture")` every 1 000 rows and
/// at the end (a file of every commune takes seconds); an exception it throws stops the reading
/// and is thrown again, as it is, by `importerComptes`.
///
/// # Errors
/// A header without `code` or `annee` (`champ: "entete"`), not a file, or a `suivi` that is not a
/// function (`champ: "suivi"`).
#[wasm_bindgen(js_name = importerComptes, unchecked_return_type = "ComptesTerritoires")]
pub fn importer_comptes(
    #[wasm_bindgen(unchecked_param_type = "FichierDonnees")] fichier: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "SuiviComptes")] suivi: Option<js_sys::Function>,
) -> Result<JsValue, JsValue> {
    encoder(&ComptesJs::from(&comptes_lus(fichier, suivi)?))
}

#[cfg(feature = "territoire")]
/// A counts file read for `importerComptes` and `ComptesImportes`, with its optional progress.
fn comptes_lus(fichier: JsValue, suivi: Option<js_sys::Function>) -> Result<crate::lot::Comptes, JsValue> {
    let mut suivi = Suivi::de(suivi)?;
    let fichier = un_fichier_de_comptes(fichier)?;
    let comptes = importer_comptes_suivi(&fichier, &mut |p, etape| suivi.rapporter(p, etape));
    suivi.fin()?;
    Ok(comptes?)
}

#[cfg(feature = "territoire")]
/// A counts file read and kept in the module: the list of its rows without their values, then
/// the territories one at a time. A page's import worker keeps it and hands the page only the list
/// and the two territories it studies: a file of every commune is 35 000 territories of 300
/// values, seconds to make into JavaScript objects and to pass between threads.
#[wasm_bindgen(js_name = ComptesImportes)]
pub struct ComptesImportes {
    /// `None` once `free()` was called: every later call says so in French.
    comptes: Option<crate::lot::Comptes>,
}

#[cfg(feature = "territoire")]
#[wasm_bindgen(js_class = ComptesImportes)]
impl ComptesImportes {
    /// `new ComptesImportes(fichier, suivi?)`: reads the file as `importerComptes` does.
    ///
    /// # Errors
    /// As `importerComptes`.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "FichierDonnees")] fichier: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "SuiviComptes")] suivi: Option<js_sys::Function>,
    ) -> Result<ComptesImportes, JsValue> {
        Ok(ComptesImportes { comptes: Some(comptes_lus(fichier, suivi)?) })
    }

    /// `apercu()`: what `importerComptes` gives, each row without its `territoire`.
    ///
    /// # Errors
    /// After `free()` (`champ: "comptes"`).
    #[wasm_bindgen(unchecked_return_type = "ApercuComptes")]
    pub fn apercu(&self) -> Result<JsValue, JsValue> {
        encoder(&ComptesJs::apercu(self.comptes()?))
    }

    /// `territoire(indice)`: the territory of `apercu().lignes[indice]`, as `importerComptes`
    /// gives it (for `calculerDiagnostic`).
    ///
    /// # Errors
    /// `indice` not the rank of a row read (`champ: "indice"`); after `free()` (`champ: "comptes"`).
    #[wasm_bindgen(unchecked_return_type = "TerritoireComptes")]
    pub fn territoire(&self, indice: f64) -> Result<JsValue, JsValue> {
        encoder(&territoire_comptes(self.comptes()?, indice)?)
    }

    /// `free()`: releases the rows read (as `TraitementFoyers.free`, a later call throws the
    /// French error of `champ: "comptes"`).
    #[wasm_bindgen(js_name = free)]
    pub fn liberer(&mut self) {
        self.comptes = None;
    }
}

#[cfg(feature = "territoire")]
impl ComptesImportes {
    fn comptes(&self) -> Result<&crate::lot::Comptes, JsValue> {
        self.comptes.as_ref().ok_or_else(|| {
            let message = "Comptes importés : ils ont été libérés (free) ; lisez le fichier de nouveau avec new ComptesImportes(…).";
            ErreurJs { message: message.into(), champ: "comptes".into() }.into()
        })
    }
}

#[cfg(feature = "territoire")]
/// An optional JavaScript progress callback, `suivi(progression, etape)`, and the exception it
/// threw: the work stops at its next report, and the call throws it again, as JavaScript's own
/// callbacks do (`Array.prototype.forEach`). A page may so stop a long reading by throwing.
struct Suivi {
    fonction: Option<js_sys::Function>,
    exception: Option<JsValue>,
}

#[cfg(feature = "territoire")]
impl Suivi {
    /// `undefined` or `null` for none; anything else must be a function (the binding passes any
    /// value as a `Function` without looking).
    fn de(fonction: Option<js_sys::Function>) -> Result<Suivi, JsValue> {
        if fonction.as_ref().is_some_and(|f| !JsValue::from(f).is_function()) {
            let message = "Suivi : une fonction est attendue (appelée à chaque étape), ou rien.";
            return Err(erreur_fichier("suivi".into(), message.into()));
        }
        Ok(Suivi { fonction, exception: None })
    }

    /// One report; `false` once the callback has thrown (the work stops).
    fn rapporter(&mut self, p: &ProgressionJs, etape: &str) -> bool {
        if self.exception.is_some() {
            return false;
        }
        let Some(f) = &self.fonction else { return true };
        let resultat = encoder(p).and_then(|p| f.call2(&JsValue::NULL, &p, &JsValue::from_str(etape)));
        self.exception = resultat.err();
        self.exception.is_none()
    }

    /// The callback's exception, if it threw.
    fn fin(self) -> Result<(), JsValue> {
        self.exception.map_or(Ok(()), Err)
    }
}

#[cfg(feature = "territoire")]
/// `exporterComptesCsv(fichier, suivi?)`: the diagnostic of every row of a counts file against its
/// reference, as a CSV of raw numbers. `suivi`, when given, is called as
/// `suivi(progression, "lecture")` while the rows are read, then `suivi(progression, "etudes")`
/// while they are studied, every 1 000 rows and at the end of each step; an exception it throws
/// stops the work and is thrown again.
///
/// # Errors
/// As `importerComptes`.
#[wasm_bindgen(js_name = exporterComptesCsv)]
pub fn exporter_comptes_csv(
    #[wasm_bindgen(unchecked_param_type = "FichierDonnees")] fichier: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "SuiviComptes")] suivi: Option<js_sys::Function>,
) -> Result<String, JsValue> {
    let mut suivi = Suivi::de(suivi)?;
    let fichier = un_fichier_de_comptes(fichier)?;
    let csv = comptes_csv_suivi_fichier(&fichier, &mut |p, etape| suivi.rapporter(p, etape));
    suivi.fin()?;
    Ok(csv?)
}

#[cfg(feature = "territoire")]
/// `modeleComptes()`: the template of a counts file (every column, its label, an example row).
#[wasm_bindgen(js_name = modeleComptes)]
pub fn modele_comptes_js() -> String {
    crate::lot::modele_comptes()
}

#[cfg(feature = "territoire")]
/// `estFichierComptes(premiersOctets)`: whether a file starts like a counts file.
#[wasm_bindgen(js_name = estFichierComptes)]
pub fn est_fichier_comptes_js(debut: &[u8]) -> bool {
    crate::lot::est_fichier_comptes(debut)
}

#[cfg(feature = "territoire")]
/// `clesDiagnostic()`: every input key of the diagnostic with its French label.
///
/// # Errors
/// None in practice.
#[wasm_bindgen(js_name = clesDiagnostic, unchecked_return_type = "CleDiagnostic[]")]
pub fn cles_diagnostic() -> Result<JsValue, JsValue> {
    encoder(&cles_diagnostic_js())
}

/// `roles()`: every role of a person with its French label, in the order forms list them.
///
/// # Errors
/// None in practice.
#[wasm_bindgen(js_name = roles, unchecked_return_type = "RoleInfo[]")]
pub fn roles() -> Result<JsValue, JsValue> {
    encoder(&roles_js())
}

/// `version()`: the package version.
#[wasm_bindgen(js_name = version)]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// `dateLongue(annee, mois, jour)`: a date written in full in French (`1er décembre 2026`), for
/// the dates pages print, without the browser's locale data.
///
/// # Errors
/// As [`crate::contrat::date_longue_js`].
#[wasm_bindgen(js_name = dateLongue)]
pub fn date_longue(annee: f64, mois: f64, jour: f64) -> Result<String, JsValue> {
    Ok(crate::contrat::date_longue_js(annee, mois, jour)?)
}

/// The TypeScript declarations of every input and output (`crate::contrat::TYPES`).
#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = crate::contrat::TYPES;

#[cfg(feature = "foyer")]
/// A household batch processor for JavaScript: feed it the file chunk by chunk (in a Web
/// Worker), collect the CSV it returns.
#[wasm_bindgen(js_name = TraitementFoyers)]
pub struct TraitementFoyers {
    /// `None` once `free()` was called: every later call says so in French.
    lot: Option<LotFoyers>,
    debut: f64,
    dernier_signal: f64,
}

fn erreur_lot(e: ErreurLot) -> JsValue {
    ErreurJs::from(e).into()
}

/// The error of a processor used after `free()`.
fn libere() -> JsValue {
    let message =
        "Traitement de foyers : ce traitement a été libéré (free) ; créez-en un nouveau avec new TraitementFoyers(…).";
    ErreurJs { message: message.into(), champ: "traitement".into() }.into()
}

#[cfg(feature = "foyer")]
impl TraitementFoyers {
    fn lot(&self) -> Result<&LotFoyers, JsValue> {
        self.lot.as_ref().ok_or_else(libere)
    }

    fn lot_mut(&mut self) -> Result<&mut LotFoyers, JsValue> {
        self.lot.as_mut().ok_or_else(libere)
    }

    /// The medians of each reference year, for `seuilsParAnnee` and its CSV alike.
    fn par_annee(&self, ponderation: &str) -> Result<Vec<(i32, SeuilsPopulation)>, JsValue> {
        let p = Ponderation::depuis_code(ponderation).map_err(erreur_lot)?;
        Ok(seuils_par_annee(&mut self.lot()?.points().to_vec(), p))
    }
}

#[cfg(feature = "foyer")]
#[wasm_bindgen(js_class = TraitementFoyers)]
impl TraitementFoyers {
    /// A processor; `population`: keep what the median of the population needs; `maintenant`:
    /// `performance.now()` at the start.
    #[wasm_bindgen(constructor)]
    pub fn new(population: bool, maintenant: f64) -> TraitementFoyers {
        TraitementFoyers { lot: Some(LotFoyers::new(population)), debut: maintenant, dernier_signal: maintenant }
    }

    /// Processes a chunk; returns the CSV rows of its complete lines.
    ///
    /// # Errors
    /// Throws when the header lacks a required column (`champ`: `entete`).
    pub fn traiter(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Uint8Array | ArrayBuffer")] morceau: JsValue,
    ) -> Result<String, JsValue> {
        self.traiter_en_octets(morceau).map(en_texte)
    }

    /// As `traiter`, the rows as UTF-8 bytes: for a Blob or another worker, without decoding
    /// them into a JavaScript string and encoding them back.
    ///
    /// # Errors
    /// As `traiter`.
    #[wasm_bindgen(js_name = traiterEnOctets)]
    pub fn traiter_en_octets(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Uint8Array | ArrayBuffer")] morceau: JsValue,
    ) -> Result<Vec<u8>, JsValue> {
        let octets = morceau_js(&morceau)?;
        let mut sortie = Vec::with_capacity(crate::lot::capacite_sortie(octets.len()));
        self.lot_mut()?.traiter(&octets, &mut sortie).map_err(erreur_lot)?;
        Ok(sortie)
    }

    /// Processes the last line; returns its row.
    ///
    /// # Errors
    /// Throws on an empty input or an unusable header.
    pub fn terminer(&mut self) -> Result<String, JsValue> {
        let mut sortie = Vec::new();
        self.lot_mut()?.terminer(&mut sortie).map_err(erreur_lot)?;
        Ok(en_texte(sortie))
    }

    /// Data lines processed.
    #[wasm_bindgen(getter)]
    pub fn lignes(&self) -> Result<f64, JsValue> {
        Ok(self.lot()?.lignes() as f64)
    }

    /// Error rows.
    #[wasm_bindgen(getter)]
    pub fn erreurs(&self) -> Result<f64, JsValue> {
        Ok(self.lot()?.erreurs() as f64)
    }

    /// For a pool of workers, as the coordinator: takes the next chunk of the file (`fin`: the
    /// file has ended) and returns `{ lignes, debut, fin, ligne }`: `lignes`, the rows this
    /// processor wrote itself (the header, a line longer than a piece), to be placed before the
    /// later pieces; when a piece is ready, whole lines for a worker: `debut` (bytes kept from
    /// the previous chunks) then the chunk's first `fin` bytes, with `ligne` the count of lines
    /// before it. The rows of the pieces go in their order; `terminer()` comes last.
    ///
    /// # Errors
    /// As `traiter`.
    #[wasm_bindgen(unchecked_return_type = "{ lignes: string, debut?: Uint8Array, fin?: number, ligne?: number }")]
    pub fn repartir(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Uint8Array | ArrayBuffer")] morceau: JsValue,
        fin: bool,
    ) -> Result<JsValue, JsValue> {
        let octets = morceau_js(&morceau)?;
        let mut lignes = Vec::new();
        let piece = self.lot_mut()?.repartir(&octets, &mut lignes, fin).map_err(erreur_lot)?;
        let resultat = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&resultat, &"lignes".into(), &en_texte(lignes).into());
        if let Some(p) = piece {
            let _ = js_sys::Reflect::set(&resultat, &"debut".into(), &js_sys::Uint8Array::from(p.debut.as_slice()));
            let _ = js_sys::Reflect::set(&resultat, &"fin".into(), &JsValue::from_f64(p.fin as f64));
            let _ = js_sys::Reflect::set(&resultat, &"ligne".into(), &JsValue::from_f64(p.ligne as f64));
        }
        Ok(resultat.into())
    }

    /// Bytes gathered before `repartir` hands out a piece (512 Kio by default).
    #[wasm_bindgen(js_name = piecesDe)]
    pub fn pieces_de(&mut self, octets: f64) -> Result<(), JsValue> {
        self.lot_mut()?.pieces_de(octets.clamp(1.0, 1e9) as usize);
        Ok(())
    }

    /// Sets the pieces for a file of `taille` bytes shared among `fils` workers; returns the
    /// most bytes of a chunk to give to `repartir` at once (cut larger chunks): every worker
    /// gets a share of any file over 128 Kio per worker, whatever chunks the browser reads.
    ///
    /// # Errors
    /// Throws after `free()`.
    #[wasm_bindgen(js_name = decouperPour)]
    pub fn decouper_pour(&mut self, taille: f64, fils: f64) -> Result<f64, JsValue> {
        let taille = taille.clamp(0.0, 9e15) as u64;
        let fils = fils.clamp(1.0, 1024.0) as usize;
        Ok(self.lot_mut()?.decouper_pour(taille, fils) as f64)
    }

    /// The header line as read, for `TraitementFoyers.pourPiece` in the workers.
    ///
    /// # Errors
    /// Throws after `free()`.
    #[wasm_bindgen(js_name = enteteLue)]
    pub fn entete_lue(&self) -> Result<Vec<u8>, JsValue> {
        Ok(self.lot()?.entete_lue().to_vec())
    }

    /// A worker's processor for a piece handed out by `repartir`: the header (`enteteLue()` of
    /// the coordinator), the count of lines before the piece, and whether to keep the median's
    /// points. Its `traiter(piece)` gives the piece's rows; its `etat()` goes back to the
    /// coordinator's `fusionnerEtat`.
    ///
    /// # Errors
    /// Throws when the header is unusable (`champ`: `entete`).
    #[wasm_bindgen(js_name = pourPiece)]
    pub fn pour_piece(
        #[wasm_bindgen(unchecked_param_type = "Uint8Array | ArrayBuffer")] entete: JsValue,
        ligne: f64,
        population: bool,
        maintenant: f64,
    ) -> Result<TraitementFoyers, JsValue> {
        let octets = morceau_js(&entete)?;
        let lot = LotFoyers::pour_piece(&octets, ligne.clamp(0.0, 9e15) as u64, population).map_err(erreur_lot)?;
        Ok(TraitementFoyers { lot: Some(lot), debut: maintenant, dernier_signal: maintenant })
    }

    /// The counts of this processor (a piece's), as bytes for the coordinator's `fusionnerEtat`.
    ///
    /// # Errors
    /// Throws after `free()`.
    pub fn etat(&self) -> Result<Vec<u8>, JsValue> {
        Ok(self.lot()?.etat())
    }

    /// Adds the counts of a piece (`etat()` of its processor), in any order.
    ///
    /// # Errors
    /// Throws when the bytes are not such counts (`champ`: `etat`).
    #[wasm_bindgen(js_name = fusionnerEtat)]
    pub fn fusionner_etat(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Uint8Array | ArrayBuffer")] etat: JsValue,
    ) -> Result<(), JsValue> {
        let Some(octets) = octets_js(&etat) else {
            return Err(erreur_lot(crate::lot::ErreurLot::Etat));
        };
        self.lot_mut()?.fusionner_etat(&octets).map_err(erreur_lot)
    }

    /// Whether a progress report is due (at most every 100 ms), given `performance.now()`.
    #[wasm_bindgen(js_name = doitSignaler)]
    pub fn doit_signaler(&mut self, maintenant: f64) -> bool {
        let du = maintenant - self.dernier_signal >= 100.0;
        if du {
            self.dernier_signal = maintenant;
        }
        du
    }

    /// Where the processing stands for a file of `total` bytes, at `performance.now()`.
    ///
    /// # Errors
    /// None in practice.
    #[wasm_bindgen(unchecked_return_type = "Progression")]
    pub fn progression(&self, total: f64, maintenant: f64) -> Result<JsValue, JsValue> {
        let ecoule = (maintenant - self.debut).max(0.0) as u64;
        encoder(&ProgressionJs::from(&self.lot()?.progression(total.max(0.0) as u64, ecoule)))
    }

    /// French summary: lines, errors and duration at `performance.now()`.
    ///
    /// # Errors
    /// Throws after `free()`.
    pub fn resume(&self, maintenant: f64) -> Result<String, JsValue> {
        Ok(self.lot()?.resume(self.debut, maintenant))
    }

    /// The median RUC of the valid foyers in the reference population and the thresholds at
    /// 60 % and 50 % of it; `ponderation`: `"personnes"` (default) or `"foyers"`.
    ///
    /// # Errors
    /// Throws when `ponderation` is unknown; returns null for an empty population.
    #[wasm_bindgen(unchecked_return_type = "SeuilsPopulation | null")]
    pub fn seuils(&self, ponderation: &str) -> Result<JsValue, JsValue> {
        let p = Ponderation::depuis_code(ponderation).map_err(erreur_lot)?;
        let mut points = self.lot()?.points().to_vec();
        let annees = annees(&points);
        if annees.len() > 1 {
            let liste = annees.iter().map(i32::to_string).collect::<Vec<_>>().join(", ");
            let message = format!(
                "Le fichier mêle plusieurs années de référence ({liste}) : une médiane ne mêle pas deux années ; voyez seuilsParAnnee."
            );
            return Err(ErreurJs { message, champ: "annee".into() }.into());
        }
        match seuils_population(&mut points, p) {
            Some(s) => encoder(&SeuilsPopulationJs::from(&s)),
            None => Ok(JsValue::NULL),
        }
    }

    /// The median and thresholds of each reference year of the file, year by year.
    ///
    /// # Errors
    /// Throws when `ponderation` is unknown.
    #[wasm_bindgen(js_name = seuilsParAnnee, unchecked_return_type = "SeuilsPopulation[]")]
    pub fn seuils_par_annee(&self, ponderation: &str) -> Result<JsValue, JsValue> {
        let v: Vec<SeuilsPopulationJs> =
            self.par_annee(ponderation)?.iter().map(|(_, s)| SeuilsPopulationJs::from(s)).collect();
        encoder(&v)
    }

    /// The same medians as one CSV table, one row per year, for spreadsheets (BOM, `;`,
    /// decimal comma): [`crate::lot::seuils_csv`].
    ///
    /// # Errors
    /// Throws when `ponderation` is unknown.
    #[wasm_bindgen(js_name = seuilsParAnneeCsv)]
    pub fn seuils_par_annee_csv(&self, ponderation: &str) -> Result<String, JsValue> {
        Ok(seuils_csv(self.par_annee(ponderation)?.iter().map(|(_, s)| s)))
    }

    /// The counts of the statuses, in numbers and French sentences.
    ///
    /// # Errors
    /// None in practice.
    #[wasm_bindgen(unchecked_return_type = "BilanLot")]
    pub fn bilan(&self) -> Result<JsValue, JsValue> {
        encoder(&BilanJs::from(self.lot()?.bilan()))
    }

    /// The first error rows (line, field, French message), at most 20.
    ///
    /// # Errors
    /// None in practice.
    #[wasm_bindgen(js_name = erreursListees, unchecked_return_type = "ErreurLigne[]")]
    pub fn erreurs_listees(&self) -> Result<JsValue, JsValue> {
        encoder(&self.lot()?.premieres_erreurs().iter().map(ErreurLigneJs::from).collect::<Vec<_>>())
    }

    /// `free()`: releases what the processor holds. It replaces the glue's own `free` (a later
    /// method of the same name wins in a JavaScript class), so that a call after it throws the
    /// French error of `champ: "traitement"` instead of « null pointer passed to rust »; the
    /// object itself goes with the garbage collector.
    #[wasm_bindgen(js_name = free)]
    pub fn liberer(&mut self) {
        self.lot = None;
    }
}

/// Most foyers `genererFoyers` writes in one call (about 400 MB of text).
pub const GENERER_MAX: u32 = 10_000_000;

#[cfg(feature = "foyer")]
/// `genererFoyers(nombre, graine)`: a deterministic household file (same seed, same file).
///
/// # Errors
/// Throws when `nombre` is not a whole number from 0 to [`GENERER_MAX`] (`champ: "nombre"`) or
/// `graine` not a whole number from 0 to 4 294 967 295 (`champ: "graine"`).
#[wasm_bindgen(js_name = genererFoyers)]
pub fn generer_foyers(nombre: f64, graine: f64) -> Result<String, JsValue> {
    let entier = |x: f64, max: u32, champ: &str, libelle: &str| {
        if x.fract() == 0.0 && (0.0..=f64::from(max)).contains(&x) {
            Ok(x as u64)
        } else {
            let message =
                format!("{libelle} : doit être un nombre entier de 0 à {}.", crate::format::entier(i128::from(max)));
            Err(JsValue::from(ErreurJs { message, champ: champ.into() }))
        }
    };
    let n = entier(nombre, GENERER_MAX, "nombre", "Nombre de foyers")?;
    let g = entier(graine, u32::MAX, "graine", "Graine")?;
    let mut s = String::new();
    generer(n, g, &mut s);
    Ok(s)
}

/// `dureeAffichee(debut, fin)`: a duration between two `performance.now()` in French.
#[wasm_bindgen(js_name = dureeAffichee)]
pub fn duree_affichee(debut: f64, fin: f64) -> String {
    duree(debut, fin)
}

#[cfg(feature = "territoire")]
/// `exporterTerritoiresCsv(fichiers)`: the diagnostic ratios of every commune and EPCI of IRIS
/// files (and an optional population file) against their département, as CSV.
///
/// # Errors
/// As `importerDonnees`.
#[wasm_bindgen(js_name = exporterTerritoiresCsv)]
pub fn exporter_territoires_csv(
    #[wasm_bindgen(unchecked_param_type = "FichierDonnees[]")] fichiers: JsValue,
) -> Result<String, JsValue> {
    Ok(territoires_csv_fichiers(&lire_fichiers(fichiers)?)?)
}
