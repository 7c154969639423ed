//! The JavaScript binding: the only module that knows `wasm_bindgen`, `js_sys` and
//! `serde_wasm_bindgen`. It converts and nothing else: a `JsValue` in becomes the core's input
//! tree ([`Valeur`], depth-limited), the call goes to the contract ([`crate::contrat`]), and
//! the boundary type that comes back is serialised; an [`ErreurJs`] becomes a real JavaScript
//! `Error` with a French `message` and a `champ` property.

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::contrat::*;
use crate::lot::{annees, duree, generer, seuils_par_annee, seuils_population, ErreurLot, LotFoyers, Ponderation};
use crate::valeur::{Valeur, PROFONDEUR_MAX};

impl From<ErreurJs> for JsValue {
    fn from(e: ErreurJs) -> JsValue {
        let erreur = js_sys::Error::new(&e.message);
        // Setting a property on a fresh Error object cannot fail; ignore the impossible case.
        let _ = js_sys::Reflect::set(&erreur, &JsValue::from_str("champ"), &JsValue::from_str(&e.champ));
        erreur.into()
    }
}

/// Reads a JavaScript value into the core's input tree. Numbers are taken as JavaScript writes
/// them (`Number.prototype.toString`), so `0.1` is one tenth exactly and the module carries no
/// float-to-decimal conversion; nesting is limited to [`PROFONDEUR_MAX`].
fn valeur_js(v: &JsValue, profondeur: usize) -> Result<Valeur, String> {
    if v.is_null() || v.is_undefined() {
        return Ok(Valeur::Nul);
    }
    if let Some(b) = v.as_bool() {
        return Ok(Valeur::Booleen(b));
    }
    if let Some(x) = v.as_f64() {
        if !x.is_finite() {
            return Ok(Valeur::Nombre(x));
        }
        let texte = js_sys::Number::from(x).to_string_with_radix(10).map(String::from).unwrap_or_default();
        return Ok(Valeur::NombreJs(texte));
    }
    if let Some(t) = v.as_string() {
        return Ok(Valeur::Texte(t));
    }
    if profondeur >= PROFONDEUR_MAX {
        return Err("imbrication trop profonde".into());
    }
    if js_sys::Array::is_array(v) {
        let liste = js_sys::Array::from(v);
        let mut sortie = Vec::with_capacity(liste.length() as usize);
        for e in liste.iter() {
            sortie.push(valeur_js(&e, profondeur + 1)?);
        }
        return Ok(Valeur::Liste(sortie));
    }
    if v.is_object() {
        let mut sortie = Vec::new();
        for entree in js_sys::Object::entries(&js_sys::Object::from(v.clone())).iter() {
            let paire = js_sys::Array::from(&entree);
            let cle = paire.get(0).as_string().unwrap_or_default();
            sortie.push((cle, valeur_js(&paire.get(1), profondeur + 1)?));
        }
        return Ok(Valeur::Objet(sortie));
    }
    Err(if v.is_bigint() { "BigInt non pris en charge".into() } else { "type non pris en charge".into() })
}

fn decoder(v: JsValue, champ: &str, libelle: &str) -> Result<Valeur, JsValue> {
    valeur_js(&v, 0).map_err(|detail| {
        ErreurJs { message: format!("{libelle} : donnée illisible ({detail})."), champ: champ.into() }.into()
    })
}

fn encoder<T: Serialize>(v: &T) -> Result<JsValue, JsValue> {
    v.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).map_err(|e| {
        ErreurJs { message: format!("Résultat impossible à transmettre ({e})."), champ: "resultat".into() }.into()
    })
}

/// `calculerFoyer(situation)`: every figure of a household (see `docs/api.md`).
///
/// # Errors
/// Throws an `Error` with a French `message` and a `champ` property on any invalid input.
#[wasm_bindgen(js_name = calculerFoyer, unchecked_return_type = "Resultat")]
pub fn calculer_foyer(
    #[wasm_bindgen(unchecked_param_type = "Situation")] situation: JsValue,
) -> Result<JsValue, JsValue> {
    let v = decoder(situation, "situation", "Situation")?;
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
    let t = decoder(territoire, "territoire", "Territoire")?;
    let r = decoder(reference, "reference", "Référence")?;
    let o = decoder(options.map(JsValue::from).unwrap_or(JsValue::UNDEFINED), "options", "Options")?;
    encoder(&calculer_diagnostic_valeur(&t, &r, &o)?)
}

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
    let t = decoder(territoire, "territoire", "Territoire")?;
    let r = decoder(reference, "reference", "Référence")?;
    let o = decoder(options.map(JsValue::from).unwrap_or(JsValue::UNDEFINED), "options", "Options")?;
    Ok(diagnostic_csv_valeur(&t, &r, &o)?)
}

fn erreur_fichier(champ: String, message: String) -> JsValue {
    ErreurJs { message, champ }.into()
}

/// Reads `[{ nom, contenu, annee? }]` from JavaScript.
fn lire_fichiers(fichiers: JsValue) -> Result<Vec<FichierRecu>, JsValue> {
    if !js_sys::Array::is_array(&fichiers) {
        return Err(erreur_fichier("fichiers".into(), "Fichiers : doit être une liste de fichiers.".into()));
    }
    let liste = js_sys::Array::from(&fichiers);
    let mut lus: Vec<FichierRecu> = Vec::new();
    for (i, f) in liste.iter().enumerate() {
        if !f.is_object() {
            return Err(erreur_fichier(
                format!("fichiers[{i}]"),
                format!("Fichier {} : doit être un objet {{ nom, contenu }}.", i + 1),
            ));
        }
        let champ = |k: &str| js_sys::Reflect::get(&f, &JsValue::from_str(k)).unwrap_or(JsValue::UNDEFINED);
        let nom = champ("nom").as_string().unwrap_or_else(|| format!("fichier {}", i + 1));
        let contenu = champ("contenu");
        let octets = if let Some(t) = contenu.as_string() {
            t.into_bytes()
        } else if contenu.is_instance_of::<js_sys::Uint8Array>() || contenu.is_instance_of::<js_sys::ArrayBuffer>() {
            js_sys::Uint8Array::new(&contenu).to_vec()
        } else {
            return Err(erreur_fichier(
                format!("fichiers[{i}].contenu"),
                format!("Fichier « {nom} » : le contenu doit être un texte ou un Uint8Array."),
            ));
        };
        let annee =
            champ("annee").as_f64().filter(|a| a.fract() == 0.0 && (1990.0..=2100.0).contains(a)).map(|a| a as i32);
        lus.push(FichierRecu { nom, contenu: octets, annee });
    }
    Ok(lus)
}

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

/// The TypeScript declarations of every input and output (`crate::contrat::TYPES`).
#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = crate::contrat::TYPES;

/// A household batch processor for JavaScript: feed it the file chunk by chunk (in a Web
/// Worker), collect the CSV it returns.
#[wasm_bindgen(js_name = TraitementFoyers)]
pub struct TraitementFoyers {
    lot: LotFoyers,
    debut: f64,
    dernier_signal: f64,
}

fn erreur_lot(e: ErreurLot) -> JsValue {
    ErreurJs::from(e).into()
}

#[wasm_bindgen(js_class = TraitementFoyers)]
impl TraitementFoyers {
    /// A processor; `population`: keep what the median of the population needs; `maintenant`:
    /// `performance.now()` at the start.
    #[wasm_bindgen(constructor)]
    pub fn new(population: bool, maintenant: f64) -> TraitementFoyers {
        TraitementFoyers { lot: LotFoyers::new(population), debut: maintenant, dernier_signal: maintenant }
    }

    /// Processes a chunk; returns the CSV rows of its complete lines.
    ///
    /// # Errors
    /// Throws when the header lacks a required column (`champ`: `entete`).
    pub fn traiter(&mut self, morceau: &[u8]) -> Result<String, JsValue> {
        let mut sortie = String::with_capacity(morceau.len() * 2);
        self.lot.traiter(morceau, &mut sortie).map_err(erreur_lot)?;
        Ok(sortie)
    }

    /// Processes the last line; returns its row.
    ///
    /// # Errors
    /// Throws on an empty input or an unusable header.
    pub fn terminer(&mut self) -> Result<String, JsValue> {
        let mut sortie = String::new();
        self.lot.terminer(&mut sortie).map_err(erreur_lot)?;
        Ok(sortie)
    }

    /// Data lines processed.
    #[wasm_bindgen(getter)]
    pub fn lignes(&self) -> f64 {
        self.lot.lignes() as f64
    }

    /// Error rows.
    #[wasm_bindgen(getter)]
    pub fn erreurs(&self) -> f64 {
        self.lot.erreurs() as f64
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
        encoder(&ProgressionJs::from(&self.lot.progression(total.max(0.0) as u64, ecoule)))
    }

    /// French summary: lines, errors and duration at `performance.now()`.
    pub fn resume(&self, maintenant: f64) -> String {
        self.lot.resume(self.debut, maintenant)
    }

    /// The median RUC of the valid foyers in the reference population and the thresholds at
    /// 60 % and 50 % of it; `ponderation`: `"personnes"` (default) or `"foyers"`.
    ///
    /// # Errors
    /// Throws when `ponderation` is unknown; returns null for an empty population.
    #[wasm_bindgen(unchecked_return_type = "SeuilsPopulation | null")]
    pub fn seuils(&self, ponderation: &str) -> Result<JsValue, JsValue> {
        let p = Ponderation::depuis_code(ponderation).map_err(erreur_lot)?;
        let mut points = self.lot.points().to_vec();
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
        let p = Ponderation::depuis_code(ponderation).map_err(erreur_lot)?;
        let mut points = self.lot.points().to_vec();
        let v: Vec<SeuilsPopulationJs> =
            seuils_par_annee(&mut points, p).iter().map(|(_, s)| SeuilsPopulationJs::from(s)).collect();
        encoder(&v)
    }

    /// The counts of the statuses, in numbers and French sentences.
    ///
    /// # Errors
    /// None in practice.
    #[wasm_bindgen(unchecked_return_type = "BilanLot")]
    pub fn bilan(&self) -> Result<JsValue, JsValue> {
        encoder(&BilanJs::from(self.lot.bilan()))
    }

    /// The first error rows (line, field, French message), at most 20.
    ///
    /// # Errors
    /// None in practice.
    #[wasm_bindgen(js_name = erreursListees, unchecked_return_type = "ErreurLigne[]")]
    pub fn erreurs_listees(&self) -> Result<JsValue, JsValue> {
        encoder(&self.lot.premieres_erreurs().iter().map(ErreurLigneJs::from).collect::<Vec<_>>())
    }
}

/// `genererFoyers(nombre, graine)`: a deterministic household file (same seed, same file).
#[wasm_bindgen(js_name = genererFoyers)]
pub fn generer_foyers(nombre: u32, graine: u32) -> String {
    let mut s = String::new();
    generer(u64::from(nombre), u64::from(graine), &mut s);
    s
}

/// `dureeAffichee(debut, fin)`: a duration between two `performance.now()` in French.
#[wasm_bindgen(js_name = dureeAffichee)]
pub fn duree_affichee(debut: f64, fin: f64) -> String {
    duree(debut, fin)
}

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
